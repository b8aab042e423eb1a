/**
 * `iam:PassRole` under a permissions boundary that allows it on some roles only: the identity
 * policy's `*` then passes only the roles the boundary names (a path, named roles, roles by tag),
 * the delegated-administration boundary AWS documents. Shared by pass-role-wildcard and the
 * escalation paths that pass any role.
 */
import type { PolicySubject } from '../rule';
import type { PermissionQueries } from '../../analysis/permissions';
import { accountIn } from '../trust/condition-accounts';
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

/** A role name no policy gives, standing for "any other role" of a pattern (`role/app-*`). */
const ANY_NAME = 'iamgate-any-role';

/**
 * The account a role of the principal's is read in when a pattern names none: its own, or the
 * evaluator's placeholder for a policy linted alone; undefined when a template or plan does not tell it.
 */
function ownAccountOf(subject: PolicySubject): string | undefined {
  const principal = subject.principal;
  if (principal === undefined) return '123456789012';
  return principal.account ?? (principal.arn === undefined ? undefined : accountIn(principal.arn, 'arn'));
}

/** A role of the principal's own account that no policy names: "any role" in a request key (`cloudformation:RoleArn`). */
export function anyRoleOf(subject: PolicySubject): string {
  return `arn:aws:iam::${ownAccountOf(subject) ?? '123456789012'}:role/${ANY_NAME}`;
}

/**
 * Whether a Deny, the permissions boundary or a service control policy refuses `iam:PassRole` on
 * the roles the statement reaches but those some policy names: a boundary denying it on every role
 * but one (`NotResource`), or an SCP denying it outside a path. Asked of a role of each pattern the
 * statement grants that no policy names; the roles left are escalation-targets.ts's.
 */
export function passRefusedButNamed(
  permissions: PermissionQueries,
  statement: Statement,
  subject: PolicySubject,
): boolean {
  const own = ownAccountOf(subject);
  const set = statement.resource;
  const values = set === undefined || set.negated ? ['*'] : set.values.map((v) => textWithHolesAs(v, '*'));
  return values.every((value) => {
    const fields = /^arn:([^:]*):iam::([^:]*):role\/(.*)$/.exec(value === '*' ? 'arn:aws:iam::*:role/*' : value);
    if (fields === null) return false;
    const partition = (fields[1] as string).includes('*') ? 'aws' : (fields[1] as string);
    // A pattern of every account (`*`) is read in the principal's own: unknown, nothing is decided.
    const account = /^\d{12}$/.test(fields[2] as string) ? (fields[2] as string) : own;
    if (account === undefined) return false;
    const name = (fields[3] as string).replace(/\*/g, ANY_NAME).replace(/\?/g, 'x');
    return permissions.blockedOn('iam:PassRole', `arn:${partition}:iam::${account}:role/${name}`) === 'yes';
  });
}
