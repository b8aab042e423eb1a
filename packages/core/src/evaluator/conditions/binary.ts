/** The BinaryEquals operator: base64 text compared byte for byte. */
import type { ConditionOperator } from './operator';

/** The Binary operator family. */
export const binaryOperators: readonly ConditionOperator[] = [
  {
    name: 'BinaryEquals',
    negated: false,
    variables: false,
    patterns: false,
    accepts: () => true,
    prepare: (value) => value,
    test: (p, v) => p === v,
  },
];
