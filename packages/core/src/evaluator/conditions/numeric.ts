/** Numeric condition operators. */
import type { ConditionOperator } from './operator';
import { orderedOperators } from './operator';

/** A number as IAM reads it (integer or decimal, optional sign), or undefined. */
export function parseNumber(text: string): number | undefined {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

/** The Numeric* operator family. */
export const numericOperators: readonly ConditionOperator[] = orderedOperators('Numeric', parseNumber);
