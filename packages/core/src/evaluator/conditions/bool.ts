/** The Bool operator: `true`/`false`, without regard to case; its values may be policy variables (`${aws:SecureTransport}`). */
import type { ConditionOperator } from './operator';

/** The Bool operator family. */
export const boolOperators: readonly ConditionOperator[] = [
  {
    name: 'Bool',
    negated: false,
    variables: true,
    patterns: false,
    prepare: (value) => value.toLowerCase(),
    accepts: () => true,
    test: (p, v) => p === v.toLowerCase(),
  },
];
