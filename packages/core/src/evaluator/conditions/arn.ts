/**
 * ARN condition operators: each of the six colon-separated parts is matched on its own and may
 * hold `*` and `?` (ArnEquals and ArnLike behave the same), the first one too (`*:*:*:*:*:*`).
 */
import { arnConditionParts } from '../../match/arn-pattern';
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

function arn(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: true,
    patterns: true,
    accepts: (v) => splitArn(v) !== undefined,
    prepare: arnConditionParts,
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
