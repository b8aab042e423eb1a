/**
 * `iam:PassRole` under a permissions boundary that allows it on some roles only: the identity
 * policy's `*` then passes only the roles the boundary names (a path, named roles, roles by tag),
 * the delegated-administration boundary AWS documents. Shared by pass-role-wildcard and the
 * escalation paths that pass any role.
 */
import type { PolicySubject } from '../rule';
import type { Statement } from '../../model/policy';
import { boundaryAllows } from './boundary-scope';
import { isSymbolic, textWithHolesAs } from '../../model/symbolic';
import { actionMatches, coversAllOf, restrictingClauses } from '../statement-helpers';

// Condition keys that narrow which roles may be passed (by the passed role's tags).
const ROLE_SELECTING_KEYS = ['iam:ResourceTag', 'aws:ResourceTag'];

/** Whether a statement narrows the roles it applies to by their tags. */
export function selectsRoles(statement: Statement): boolean {
  return restrictingClauses(
    statement,
    statement.conditions.map((c) => c.key),
  ).some((c) => ROLE_SELECTING_KEYS.some((k) => c.key.toLowerCase().startsWith(k.toLowerCase() + '/')));
}

/**
 * Whether the principal's permissions boundary allows `iam:PassRole` on some roles only (a path,
 * named roles, roles by tag): none of its statements allowing it covers every role, so the
 * identity policy's `*` passes only the roles the boundary names. A value known only after
 * deploy stands for any text (`arn:aws:iam::${AWS::AccountId}:role/*` is every role).
 */
export function boundaryConfinesPassRole(subject: PolicySubject): boolean {
  const boundary = subject.principal?.permissionsBoundary?.policy;
  if (boundary === undefined) return false;
  let answer = confined.get(boundary);
  if (answer === undefined) confined.set(boundary, (answer = computeConfined(subject)));
  return answer;
}

const confined = new WeakMap<object, boolean>();

function computeConfined(subject: PolicySubject): boolean {
  const allows = boundaryAllows(subject).filter((s) => actionMatches(s, 'iam:PassRole'));
  // A boundary that allows it nowhere blocks it: `blockedEverywhere` says so (with its denies).
  if (allows.length === 0) return false;
  return !allows.some((s) => !selectsRoles(s) && coversAllOf(withHolesAsWildcards(s), 'arn:aws:iam::*:role/*'));
}

function withHolesAsWildcards(statement: Statement): Statement {
  const resource = statement.resource;
  if (resource === undefined || !resource.values.some(isSymbolic)) return statement;
  const values = resource.values.map((v) => textWithHolesAs(v, '*'));
  return { ...statement, resource: { ...resource, values } };
}
