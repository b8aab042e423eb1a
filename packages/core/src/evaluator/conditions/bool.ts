/** The Bool operator: `true`/`false`, without regard to case. */
import type { ConditionOperator } from './operator';

/** The Bool operator family. */
export const boolOperators: readonly ConditionOperator[] = [
  {
    name: 'Bool',
    negated: false,
    variables: false,
    prepare: (value) => value.toLowerCase(),
    accepts: () => true,
    test: (p, v) => p === v.toLowerCase(),
  },
];
