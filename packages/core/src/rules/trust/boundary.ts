/** Permissions boundaries: matching a boundary ARN against approved patterns, and what a boundary allows. */
import type { Statement } from '../../model/policy';
import { isSymbolic, valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import type { Tristate } from '../../match/value';
import { couldOverlap, matchPolicyValue } from '../../match/value';
import { matchWildcard } from '../../match/wildcard';
import type { ActionCatalog } from '../../analysis/catalog-view';
import { actionMatches } from '../statement-helpers';

/**
 * Does the boundary `arn` match the approved `pattern`? A symbolic ARN (partition and account
 * known only after deploy, as CDK writes them) is matched through what is known of it: the policy
 * path and name after `:policy`, when they are literal text.
 */
export function matchBoundary(pattern: string, arn: PolicyValue): Tristate {
  const direct = matchPolicyValue(pattern, arn);
  if (direct !== 'unknown' || !isSymbolic(arn)) return direct;
  const last = arn.parts[arn.parts.length - 1];
  const at = typeof last === 'string' ? last.indexOf(':policy/') : -1;
  const patternAt = pattern.indexOf(':policy/');
  if (typeof last !== 'string' || at < 0 || patternAt < 0) return 'unknown';
  const tail = last.slice(at);
  if (!matchWildcard(pattern.slice(patternAt), tail)) return 'no-match';
  // The path and name match. The partition is the deploy partition whatever the pattern says
  // (a boundary is always in its principal's partition); a pattern naming an account is undecided.
  const accountField = pattern.slice(0, patternAt).split(':')[4];
  return accountField !== undefined && /^\*+$/.test(accountField) ? 'match' : 'unknown';
}

/** The best answer of a boundary against several approved patterns. */
export function matchAnyBoundary(patterns: readonly string[], arn: PolicyValue): Tristate {
  const answers = patterns.map((p) => matchBoundary(p, arn));
  if (answers.includes('match')) return 'match';
  return answers.includes('unknown') ? 'unknown' : 'no-match';
}

/**
 * Could an Allow of the boundary let `action` through? Resources and conditions are ignored (the
 * boundary may allow the action somewhere); an unconditional deny of it on every resource stops it.
 */
function boundaryAllowsAction(boundary: readonly Statement[], action: string): boolean {
  const denied = boundary.some(
    (s) =>
      s.effect === 'Deny' &&
      s.conditions.length === 0 &&
      s.resource?.values.includes('*') === true &&
      !s.resource.negated &&
      actionMatches(s, action),
  );
  return !denied && boundary.some((s) => s.effect === 'Allow' && actionMatches(s, action));
}

/**
 * The action patterns of an identity Allow that the boundary allows nothing of. Patterns the
 * catalog cannot expand count as the one action they name (none when they hold a wildcard).
 */
export function deadPatterns(statement: Statement, boundary: readonly Statement[], catalog: ActionCatalog): string[] {
  const set = statement.action;
  if (statement.effect !== 'Allow' || set === undefined || set.negated) return [];
  return set.values.filter((pattern) => {
    const expanded = catalog.expand(pattern);
    const actions = expanded !== undefined && expanded.length > 0 ? expanded : /[*?]/.test(pattern) ? [] : [pattern];
    return actions.length > 0 && !actions.some((a) => boundaryAllowsAction(boundary, a));
  });
}

/** Does the statement's resource list reach `target` (a policy ARN, concrete, symbolic or a pattern)? */
export function reachesResource(statement: Statement, target: PolicyValue): boolean {
  const set = statement.resource;
  if (set === undefined) return false;
  const hits = (v: PolicyValue): boolean =>
    isSymbolic(target) || isSymbolic(v)
      ? matchPolicyValue(v, target) !== 'no-match'
      : couldOverlap(v, valueToString(target));
  return set.negated
    ? !set.values.some((v) => !isSymbolic(v) && !isSymbolic(target) && matchWildcard(v, target))
    : set.values.some(hits);
}
