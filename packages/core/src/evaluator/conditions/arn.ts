/**
 * ARN condition operators: each of the six colon-separated parts is matched on its own and may
 * hold `*` and `?` (ArnEquals and ArnLike behave the same), the first one too (`*:*:*:*:*:*`).
 */
import { splitArn } from '../arn';
import { globMatch } from '../pattern';
import type { ConditionOperator } from './operator';

function arnMatches(pattern: readonly string[], value: string): boolean {
  const parts = splitArn(value);
  if (!parts) return false;
  for (let i = 0; i < 6; i++) {
    if (!globMatch(pattern[i] as string, parts[i] as string)) return false;
  }
  return true;
}

const ANY_ARN = ['*', '*', '*', '*', '*', '*'];

/**
 * The six part patterns of a policy value, or undefined when it has fewer parts or a first part
 * that cannot match `arn` (`ARN:...`): such a value compares to no ARN.
 */
function arnPattern(value: string): string[] | undefined {
  if (value === '*') return ANY_ARN;
  const parts: string[] = [];
  let start = 0;
  for (let k = 0; k < 5; k++) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return globMatch(parts[0] as string, 'arn') ? parts : undefined;
}

function arn(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: true,
    patterns: true,
    accepts: (v) => splitArn(v) !== undefined,
    prepare: arnPattern,
    test: (p, v) => arnMatches(p as string[], v),
  };
}

/** The Arn* operator family. */
export const arnOperators: readonly ConditionOperator[] = [
  arn('ArnEquals', false),
  arn('ArnLike', false),
  arn('ArnNotEquals', true),
  arn('ArnNotLike', true),
];
