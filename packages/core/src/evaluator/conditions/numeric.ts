/** Numeric condition operators. */
import type { ConditionOperator } from './operator';

/** A number as IAM reads it (integer or decimal, optional sign), or undefined. */
export function parseNumber(text: string): number | undefined {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function numeric(
  name: string,
  negated: boolean,
  compare: (request: number, policy: number) => boolean,
): ConditionOperator {
  return {
    name,
    negated,
    variables: false,
    prepare: parseNumber,
    accepts: (v) => parseNumber(v) !== undefined,
    test: (p, v) => {
      const n = parseNumber(v);
      return n !== undefined && compare(n, p as number);
    },
  };
}

/** The Numeric* operator family. */
export const numericOperators: readonly ConditionOperator[] = [
  numeric('NumericEquals', false, (r, p) => r === p),
  numeric('NumericNotEquals', true, (r, p) => r === p),
  numeric('NumericLessThan', false, (r, p) => r < p),
  numeric('NumericLessThanEquals', false, (r, p) => r <= p),
  numeric('NumericGreaterThan', false, (r, p) => r > p),
  numeric('NumericGreaterThanEquals', false, (r, p) => r >= p),
];
