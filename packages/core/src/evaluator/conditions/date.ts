/** Date condition operators: ISO 8601 dates or epoch seconds. */
import type { ConditionOperator } from './operator';

/** Milliseconds since the epoch of an ISO 8601 date or an epoch-seconds number, or undefined. */
export function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function date(
  name: string,
  negated: boolean,
  compare: (request: number, policy: number) => boolean,
): ConditionOperator {
  return {
    name,
    negated,
    variables: false,
    prepare: parseDate,
    accepts: (v) => parseDate(v) !== undefined,
    test: (p, v) => {
      const ms = parseDate(v);
      return ms !== undefined && compare(ms, p as number);
    },
  };
}

/** The Date* operator family. */
export const dateOperators: readonly ConditionOperator[] = [
  date('DateEquals', false, (r, p) => r === p),
  date('DateNotEquals', true, (r, p) => r === p),
  date('DateLessThan', false, (r, p) => r < p),
  date('DateLessThanEquals', false, (r, p) => r <= p),
  date('DateGreaterThan', false, (r, p) => r > p),
  date('DateGreaterThanEquals', false, (r, p) => r >= p),
];
