/**
 * Statement semantics shared by rules: what a statement's Action/NotAction and
 * Resource/NotResource cover, read the way AWS reads them.
 */
import type { ConditionClause, Statement } from '../model/policy';
import { matchWildcard } from '../match/wildcard';
import { couldOverlap } from '../match/value';
import { isSymbolic, valueToString } from '../model/symbolic';
import type { PolicyValue } from '../model/symbolic';

/** Does the statement's Action (or NotAction) apply to `action`? Actions compare without case. */
export function actionMatches(statement: Statement, action: string): boolean {
  const set = statement.action;
  if (set === undefined) return false;
  const listed = set.values.some((pattern) => matchWildcard(pattern, action, { ignoreCase: true }));
  return set.negated ? !listed : listed;
}

/** The Action patterns that match `action` (empty for NotAction). */
export function matchingActionPatterns(statement: Statement, action: string): string[] {
  const set = statement.action;
  if (set === undefined || set.negated) return [];
  return set.values.filter((pattern) => matchWildcard(pattern, action, { ignoreCase: true }));
}

// A resource name no real policy lists, used to ask "does this pattern match any resource".
const PROBE = '\u0001iamgate-probe';

/** True when a resource pattern matches every resource: `*`, or `arn:*`-like patterns. */
export function isEveryResource(value: PolicyValue): boolean {
  if (isSymbolic(value)) return false;
  return (
    matchWildcard(value, `arn:aws:${PROBE}:us-east-1:000000000000:${PROBE}/${PROBE}`) && matchWildcard(value, PROBE)
  );
}

/** Does the statement apply to every resource (`Resource: "*"`, or a NotResource)? */
export function coversEveryResource(statement: Statement): boolean {
  const set = statement.resource;
  // A statement without Resource (trust policies) applies to the resource it is attached to.
  if (set === undefined) return false;
  if (set.negated) return set.values.every((v) => !isEveryResource(v));
  return set.values.some(isEveryResource);
}

/**
 * Does the statement apply to every resource of `space`, a pattern such as
 * `arn:aws:iam::*:role/*`? A NotResource statement does unless one of its values could exclude
 * some of them.
 */
export function coversAllOf(statement: Statement, space: string): boolean {
  const set = statement.resource;
  if (set === undefined) return false;
  if (set.negated) {
    return !set.values.some((v) => isSymbolic(v) || couldOverlap(valueToString(v), space));
  }
  return set.values.some((v) => {
    if (isSymbolic(v)) return false;
    const local = inAccountOf(space, v);
    return [local.split('*').join(PROBE), local.split('*').join(`x/${PROBE}-2`)].every((probe) =>
      matchWildcard(v, probe),
    );
  });
}

// "Every role" means every role of one account: take the partition and account of the value
// when it names them.
function inAccountOf(space: string, value: string): string {
  const target = space.split(':');
  const fields = value.split(':');
  for (const i of [1, 4]) {
    const field = fields[i];
    if (target[i] === '*' && field !== undefined && field !== '' && !/[*?]/.test(field)) target[i] = field;
  }
  return target.join(':');
}

/** Condition values that are a bare `*` restrict nothing. */
export function restrictsValues(clause: ConditionClause): boolean {
  return clause.values.length > 0 && clause.values.every((v) => isSymbolic(v) || (v !== '*' && v !== ''));
}

/** Operators that only let matching values through (as opposed to negated operators or Null). */
const RESTRICTING_OPERATORS = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
  'Bool',
]);

/** Is the clause a positive test of a key, so that a request without that value is refused? */
export function isRestrictingClause(clause: ConditionClause): boolean {
  if (clause.ifExists) return false;
  if (clause.setOperator === 'ForAllValues') return false;
  return RESTRICTING_OPERATORS.has(clause.baseOperator) && restrictsValues(clause);
}

/** The restricting clauses of a statement on one of `keys` (compared without case). */
export function restrictingClauses(statement: Statement, keys: readonly string[]): ConditionClause[] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return statement.conditions.filter((c) => wanted.has(c.key.toLowerCase()) && isRestrictingClause(c));
}
