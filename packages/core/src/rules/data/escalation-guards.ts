/**
 * Escalation by lifting the guard that limits the principal: its own permissions boundary removed
 * (`iam:DeleteRolePermissionsBoundary` on itself) or replaced by one that caps nothing
 * (`iam:PutRolePermissionsBoundary` with `AdministratorAccess`), or the service control policies
 * of the configuration changed, detached or deleted (`organizations:UpdatePolicy`,
 * `organizations:DetachPolicy`, `organizations:DeletePolicy`). The other paths are read with these
 * guards in place; this names the step that takes them away.
 */
import { matchWildcard } from '../../match/wildcard';
import { matchPolicyValue } from '../../match/value';
import { parsePolicy } from '../../model/parse';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PrincipalInput } from '../../analysis/input';
import type { PolicySubject, RuleContext } from '../rule';
import { listValues, ownerOf } from '../describe';
import { actionMatches } from '../statement-helpers';
import type { OwnedStatement, RequestOf } from './grants';
import {
  constrainingClauses,
  coversAllResourcesFor,
  leavesEscalationOpen,
  blockedOnValue,
  namesOneOf,
  principalStatements,
} from './grants';
import { admittedEscalatingPolicy, inputPoliciesOf } from './escalation-created';
import { namesInOwnAccount } from './path-meets';
import { isServiceOwnedGrant } from './service-roles';

/** Which guard a statement lets the principal lift. */
type GuardKind = 'boundary' | 'scp';

/** The ids of the two paths (our own). */
const GUARD_PATHS: Readonly<Record<GuardKind, string>> = {
  boundary: 'own-boundary-lifted',
  scp: 'scp-lifted',
};

const REMOVES = { role: 'iam:DeleteRolePermissionsBoundary', user: 'iam:DeleteUserPermissionsBoundary' };
const REPLACES = { role: 'iam:PutRolePermissionsBoundary', user: 'iam:PutUserPermissionsBoundary' };
const SCP_CHANGES = ['organizations:UpdatePolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy'];
const BOUNDARY_KEY = 'iam:permissionsboundary';
const POLICY_TYPE_KEY = 'organizations:policytype';

/** One statement of the subject's policy that lifts a guard, with the actions it does it with. */
interface GuardLift {
  readonly kind: GuardKind;
  readonly statement: Statement;
  readonly actions: readonly string[];
  /** What was assumed of a boundary the input does not hold. */
  readonly assumption?: string;
}

/** The message ids the guard paths are reported with. */
export interface GuardMessages<M extends string> {
  readonly boundary: M;
  readonly scp: M;
}

/**
 * Reports each statement of the subject's policy that lets its principal lift its own boundary
 * (when that boundary cuts some permission of its identity policies, or is not in the input) or
 * the configuration's service control policies.
 */
export function reportGuardLifts<M extends string>(
  context: RuleContext<M>,
  subject: PolicySubject,
  messages: GuardMessages<M>,
): void {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
  const own = subject.parsed.value.statements;
  if (!own.some((s) => s.effect === 'Allow')) return;
  const lifts = [...boundaryLifts(context, subject, own), ...scpLifts(context, own)];
  for (const lift of lifts) {
    const path = GUARD_PATHS[lift.kind];
    context.report({
      messageId: messages[lift.kind],
      data: { owner: ownerOf(subject), actions: listValues([...lift.actions]), path: `path \`${path}\`` },
      statement: lift.statement,
      key: path,
      evidence: {
        path,
        actions: lift.actions,
        grantedBy: [{ actions: lift.actions, policy: subject.source.name, pointer: lift.statement.pointer }],
        ...(lift.assumption !== undefined ? { assumption: lift.assumption } : {}),
      },
    });
  }
}

function boundaryLifts(context: RuleContext<string>, subject: PolicySubject, own: readonly Statement[]): GuardLift[] {
  const principal = subject.principal;
  const boundary = principal?.permissionsBoundary;
  if (principal === undefined || boundary === undefined || (principal.kind !== 'role' && principal.kind !== 'user'))
    return [];
  const kind = principal.kind;
  const self: PolicyValue[] = principal.arn !== undefined ? [principal.arn] : [];
  let statements: OwnedStatement[] | undefined;
  const all = (): OwnedStatement[] => (statements ??= principalStatements(subject, context.catalog));
  // A boundary the input holds (its own managed policies, any customer managed policy of the
  // input) is judged by its document, as the boundaries of created principals are; its current
  // boundary put back lifts nothing.
  const input = inputPoliciesOf(context, subject, valueToString(boundary.arn));
  const lifts: GuardLift[] = [];
  for (const statement of own) {
    const actions = [REMOVES[kind], REPLACES[kind]].filter(
      (action) =>
        onItself(statement, action, self) &&
        !blockedOnItself(context, action, principal, all()) &&
        !(action === REPLACES[kind] && replacesOnlyWithListed(context, action)) &&
        conditionsLetThrough(statement, { action, partition: context.permissions.partition }, (c) =>
          c.key.toLowerCase() === BOUNDARY_KEY && action === REMOVES[kind]
            ? admitsBoundary(c, boundary.arn)
            : c.key.toLowerCase() === BOUNDARY_KEY && action === REPLACES[kind]
              ? admittedEscalatingPolicy(
                  statement,
                  action,
                  'boundary',
                  all(),
                  context.catalog,
                  context.permissions,
                  input,
                ) !== undefined
              : false,
        ),
    );
    if (actions.length > 0) lifts.push({ kind: 'boundary', statement, actions });
  }
  if (lifts.length === 0) return [];
  // Lifting a boundary that cuts nothing of the identity policies gains nothing.
  const document = boundary.policy?.document;
  if (document === undefined)
    return lifts.map((l) => ({
      ...l,
      assumption: `the boundary \`${valueToString(boundary.arn)}\` is not in the input: taken to cut some permission of the identity policies`,
    }));
  const parsed = parsePolicy(document, { type: 'boundary' });
  if (!parsed.ok || !cutsSomething(all(), parsed.value.statements, context.catalog)) return [];
  return lifts;
}

/** An Allow of `action` on the principal itself: its ARN, or every role or user. */
function onItself(statement: Statement, action: string, self: readonly PolicyValue[]): boolean {
  return (
    statement.effect === 'Allow' &&
    actionMatches(statement, action) &&
    (coversAllResourcesFor(statement, action) || namesOneOf(statement, self) || namesInOwnAccount(statement, self))
  );
}

function blockedOnItself(
  context: RuleContext<string>,
  action: string,
  principal: PrincipalInput,
  own: readonly OwnedStatement[],
): boolean {
  return principal.arn !== undefined
    ? blockedOnValue(context.permissions, own, action, principal.arn)
    : context.permissions.blockedEverywhere(action) === 'yes';
}

/**
 * Whether a Deny, the boundary or an SCP refuses the new boundary of a replace unless it is one they
 * list (`StringNotEquals` `iam:PermissionsBoundary`, AWS's delegated administration): asked with a
 * policy no statement names. The boundaries they list are judged as the Allow's condition is.
 */
function replacesOnlyWithListed(context: RuleContext<string>, action: string): boolean {
  return (
    context.permissions.blockedWith(action, {
      'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/iamgate-any-policy',
    }) === 'yes'
  );
}

/**
 * Whether a test of `iam:PermissionsBoundary` on a remove lets it through: the request carries the
 * boundary being removed (the principal's current one), as requests on an existing role or user do,
 * so `StringEquals` naming that boundary allows removing it.
 */
function admitsBoundary(clause: ConditionClause, current: PolicyValue): boolean {
  const base = clause.baseOperator;
  if (base === 'Null') return clause.values.some((v) => valueToString(v).trim().toLowerCase() === 'false');
  const negated = /Not/.test(base);
  const matches = clause.values.map((v) => matchPolicyValue(v, current, { ignoreCase: base.endsWith('IgnoreCase') }));
  // Undecided (a value known only after deploy): may be the current boundary, the path stays open.
  return negated ? !matches.includes('match') : matches.some((m) => m !== 'no-match');
}

/** Whether the statement's conditions let the request (its action, in the principal's partition) through: request tags, or what `tolerated` admits. */
function conditionsLetThrough(
  statement: Statement,
  request: RequestOf,
  tolerated: (clause: ConditionClause) => boolean,
): boolean {
  return (
    constrainingClauses(statement, (c) => leavesEscalationOpen(c) || describesCaller(c) || tolerated(c), request)
      .length === 0
  );
}

// Keys that describe the caller's own account or organization: in its own identity policy they
// hold for every request it makes (they scope no resource).
const CALLER_KEYS = new Set(['aws:principalorgid', 'aws:principalaccount', 'aws:principalorgpaths']);

function describesCaller(clause: ConditionClause): boolean {
  return CALLER_KEYS.has(clause.key.toLowerCase());
}

// Above this many actions a pattern of the identity policies is taken to name some the boundary cuts.
const MAX_EXPANDED = 20_000;

/** Whether the identity policies allow some action the boundary does not (or denies). */
function cutsSomething(
  identity: readonly OwnedStatement[],
  boundary: readonly Statement[],
  catalog: ActionCatalog,
): boolean {
  const allows = (action: string): boolean =>
    boundary.some((s) => s.effect === 'Allow' && actionMatches(s, action)) &&
    !boundary.some((s) => s.effect === 'Deny' && s.conditions.length === 0 && actionMatches(s, action));
  for (const { statement } of identity) {
    const action = statement.action;
    if (statement.effect !== 'Allow' || action === undefined) continue;
    if (action.negated) return true;
    for (const value of action.values) {
      const text = valueToString(value);
      const named = /[*?]/.test(text) ? catalog.expand(text) : [text];
      if (named === undefined || named.length > MAX_EXPANDED) return true;
      if (named.some((a) => !allows(a))) return true;
    }
  }
  return false;
}

function scpLifts(context: RuleContext<string>, own: readonly Statement[]): GuardLift[] {
  if (!hasScpDenies(context.settings.scps)) return [];
  const lifts: GuardLift[] = [];
  for (const statement of own) {
    if (statement.effect !== 'Allow') continue;
    const actions = SCP_CHANGES.filter(
      (action) =>
        actionMatches(statement, action) &&
        reachesScps(statement) &&
        context.permissions.blockedEverywhere(action) !== 'yes' &&
        conditionsLetThrough(statement, { action, partition: context.permissions.partition }, admitsScpType),
    );
    if (actions.length > 0) lifts.push({ kind: 'scp', statement, actions });
  }
  return lifts;
}

const scpDenies = new WeakMap<readonly unknown[], boolean>();

/** Whether some service control policy of the configuration denies something (a guard to lift). */
function hasScpDenies(scps: readonly unknown[]): boolean {
  let answer = scpDenies.get(scps);
  if (answer === undefined) {
    answer = scps.some((document) => {
      const parsed = parsePolicy(document, { type: 'scp' });
      return parsed.ok && parsed.value.statements.some((s) => s.effect === 'Deny');
    });
    scpDenies.set(scps, answer);
  }
  return answer;
}

/** Whether the statement's resources reach the organization's service control policies. */
function reachesScps(statement: Statement): boolean {
  const set = statement.resource;
  if (set === undefined) return false;
  const reaches = set.values.some((v) => reachesScp(valueToString(v)));
  return set.negated ? !reaches : reaches;
}

/**
 * Whether a resource value may name an SCP (`arn:aws:organizations::111122223333:policy/o-id/service_control_policy/p-id`):
 * its policy type segment, when written, must admit `service_control_policy`.
 */
function reachesScp(value: string): boolean {
  const arn = /^arn:[^:]*:organizations::[^:]*:(.*)$/.exec(value);
  if (arn === null) return matchWildcard(value, SCP_EXAMPLE);
  const segments = (arn[1] as string).split('/');
  if (segments.length < 3) return matchWildcard(arn[1] as string, 'policy/o-id/service_control_policy/p-id');
  // One SCP named by its id: which guard it is the configuration does not say (not claimed).
  const id = segments.slice(3).join('/');
  return (
    matchWildcard(segments[0] as string, 'policy') &&
    matchWildcard(segments[2] as string, 'service_control_policy') &&
    (id === '' || /[*?]/.test(id))
  );
}

const SCP_EXAMPLE = 'arn:aws:organizations::111122223333:policy/o-id/service_control_policy/p-id';

// `organizations:PolicyType` = `SERVICE_CONTROL_POLICY` (or a pattern admitting it) lets an SCP change through.
function admitsScpType(clause: ConditionClause): boolean {
  if (clause.key.toLowerCase() !== POLICY_TYPE_KEY) return false;
  return clause.values.some((v) => matchWildcard(valueToString(v), 'SERVICE_CONTROL_POLICY', { ignoreCase: true }));
}
