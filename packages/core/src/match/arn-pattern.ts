/**
 * ARN condition values (`ArnLike`, `ArnEquals` and their negations) as six part patterns, in one
 * place so that `iamgate lint` (model/validate.ts) reports exactly the values the evaluator
 * (evaluator/conditions/arn.ts) can compare to no ARN.
 */
import { matchWildcard } from './wildcard';

const ANY_ARN: readonly string[] = ['*', '*', '*', '*', '*', '*'];

/**
 * The six part patterns of an ARN condition value: `*` alone matches every ARN; otherwise the text
 * is cut at its first five colons (the last part keeps the others). Undefined when it has fewer
 * parts, or a first part that cannot match `arn` (`ARN:...`, compared with case): such a value
 * matches no ARN. Each part may hold `*` and `?`, the first one too (`*:*:sqs:*:*:jobs`).
 */
export function arnConditionParts(value: string): readonly string[] | undefined {
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
  return matchWildcard(parts[0] as string, 'arn') ? parts : undefined;
}
