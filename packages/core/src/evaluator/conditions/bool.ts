/**
 * The Bool operator: a key compared to `true` or `false`, without regard to case; its values may
 * be policy variables (`${aws:SecureTransport}`). A value that is neither (`yes`, `1`) is not a
 * boolean and matches nothing, even the same text in the request.
 */
import type { ConditionOperator } from './operator';

function readBool(value: string): 'true' | 'false' | undefined {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : undefined;
}

/** The Bool operator family. */
export const boolOperators: readonly ConditionOperator[] = [
  {
    name: 'Bool',
    negated: false,
    variables: true,
    patterns: false,
    prepare: readBool,
    accepts: (v) => readBool(v) !== undefined,
    test: (p, v) => p === readBool(v),
  },
];
