/** Date condition operators: ISO 8601 dates or epoch seconds. */
import type { ConditionOperator } from './operator';
import { orderedOperators } from './operator';

/** Milliseconds since the epoch of an ISO 8601 date or an epoch-seconds number, or undefined. */
export function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The Date* operator family. */
export const dateOperators: readonly ConditionOperator[] = orderedOperators('Date', parseDate);
