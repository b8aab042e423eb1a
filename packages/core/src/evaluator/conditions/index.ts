/** The registry of condition operators, one family per file. */
import { arnOperators } from './arn';
import { binaryOperators } from './binary';
import { boolOperators } from './bool';
import { dateOperators } from './date';
import { ipOperators } from './ip';
import { numericOperators } from './numeric';
import type { ConditionOperator } from './operator';
import { defineOperator } from './operator';
import { stringOperators } from './string';

export type { ConditionOperator } from './operator';

const byName = new Map<string, ConditionOperator>();
for (const family of [
  stringOperators,
  numericOperators,
  dateOperators,
  boolOperators,
  binaryOperators,
  ipOperators,
  arnOperators,
]) {
  for (const operator of family) byName.set(operator.name.toLowerCase(), defineOperator(operator));
}

/** The operator of a base name (`StringLike`), without regard to case; `Null` is handled apart. */
export function conditionOperator(baseName: string): ConditionOperator | undefined {
  return byName.get(baseName.toLowerCase());
}
