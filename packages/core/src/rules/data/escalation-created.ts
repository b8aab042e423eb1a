/**
 * Escalation through a principal the caller creates: `iam:CreateUser` on `user/ci/*`, then
 * `iam:AttachUserPolicy` (or `iam:PutUserPolicy`) and `iam:CreateAccessKey` on the same names make
 * a user with any permission and its key; `iam:CreateRole`, `iam:AttachRolePolicy` and
 * `sts:AssumeRole` (or `iam:PassRole` to a service that runs the caller's code) do the same with a
 * role. The actions on the new principal need not be allowed on every resource: only on one name
 * the caller may create, which it chooses.
 *
 * What closes such a path: no name allowed by every step (after the caller's denies, boundary and
 * the configured SCPs); an `iam:PermissionsBoundary` condition on the creation or on the writing of
 * permissions that pins a boundary the caller can neither rewrite nor remove and that does not
 * itself give away IAM; an `iam:PolicyARN` condition that lets attach only policies that give away
 * nothing (not `AdministratorAccess`, not a policy the caller may write).
 */
import { matchPolicyValue } from '../../match/value';
import { matchWildcard } from '../../match/wildcard';
import { parsePolicy } from '../../model/parse';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { textWithHolesAs, valueToString } from '../../model/symbolic';
import { getAction } from '../../catalog/actions';
import { actionResourceMatch } from '../../catalog/resource-types';
import {
  isPassedToServiceOf,
  meetingResource,
  namesMeetResource,
  namesNoRole,
  passesOnlyElsewhere,
  passRefused,
} from './path-meets';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PermissionQueries } from '../../analysis/permissions';
import type { PolicySubject, RuleContext } from '../rule';
import { actionMatches, coversEveryResource } from '../statement-helpers';
import type { EscalationPath } from './escalation-paths';
import type { OwnedStatement } from './grants';
import { ADMIN_ACTIONS, constrainingClauses, leavesEscalationOpen } from './grants';
import type { Partition } from '../../catalog/requested-region';

/** The actions of a path that act on the principal created (the others act on every resource). */
const ON_CREATED: Readonly<Record<string, 'user' | 'role'>> = {
  'iam:createuser': 'user',
  'iam:attachuserpolicy': 'user',
  'iam:putuserpolicy': 'user',
  'iam:createaccesskey': 'user',
  'iam:createloginprofile': 'user',
  'iam:createrole': 'role',
  'iam:attachrolepolicy': 'role',
  'iam:putrolepolicy': 'role',
  'sts:assumerole': 'role',
  'iam:passrole': 'role',
};

/** Whether `action` of a path through a created principal acts on that principal. */
function actsOnCreated(action: string): boolean {
  return Object.hasOwn(ON_CREATED, action.toLowerCase());
}

const BOUNDARY_KEY = 'iam:permissionsboundary';
const POLICY_KEY = 'iam:policyarn';
// Requests that carry the boundary of the principal they create or whose permissions they write.
const BOUNDED = new Set([
  'iam:createuser',
  'iam:createrole',
  'iam:attachuserpolicy',
  'iam:putuserpolicy',
  'iam:attachrolepolicy',
  'iam:putrolepolicy',
]);
const ATTACHES = new Set(['iam:attachuserpolicy', 'iam:attachrolepolicy']);
// The escapes from a pinned boundary, by the kind of principal.
const REMOVES_BOUNDARY = { user: 'iam:DeleteUserPermissionsBoundary', role: 'iam:DeleteRolePermissionsBoundary' };
const REPLACES_BOUNDARY = { user: 'iam:PutUserPermissionsBoundary', role: 'iam:PutRolePermissionsBoundary' };

/** AWS managed policies that give away every permission, or IAM itself, with what they let through. */
const ESCALATING_MANAGED: readonly AdmittedPolicy[] = [
  { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', reason: 'caps-nothing', lets: '*' },
  { arn: 'arn:aws:iam::aws:policy/IAMFullAccess', reason: 'caps-nothing', lets: 'iam:*' },
];

/** How one action of the path is granted. */
export interface CreatedGrant {
  readonly action: string;
  readonly grant: OwnedStatement;
}

/** A path open through a created principal. */
export interface CreatedOpening {
  /** The grant of each action of the path, in its order. */
  readonly grants: readonly CreatedGrant[];
  /** The resource pattern the creation is allowed on (`arn:aws:iam::111122223333:user/ci/*`). */
  readonly pattern: string;
  /** How the new principal escapes the `iam:PermissionsBoundary` conditions of its steps. */
  readonly boundary: BoundaryEscape;
}

/**
 * A policy that a condition on a policy or boundary ARN admits and that gives away IAM: its
 * document lets an IAM escalation through (`caps-nothing`, with the action it `lets` through:
 * `AdministratorAccess`, a policy of the input that allows `iam:*`), or the caller may write it
 * (`writable`, with the action that does).
 */
export type AdmittedPolicy =
  | { readonly arn: string; readonly reason: 'caps-nothing'; readonly lets: string }
  | {
      readonly arn: string;
      readonly reason: 'writable';
      readonly write: PolicyWrite;
      /** `iam:CreatePolicy` of a policy that exists: deleted first (`iam:DeletePolicy`), then created again. */
      readonly deletesFirst?: true;
    };

/**
 * How a principal the caller creates escapes the boundary its steps pin: created with none
 * (`unbounded`), under an admitted boundary that gives away IAM (`admits`), or under a pinned one
 * the caller may then take off (`removes`) or swap for one that does (`replaces`).
 */
export type BoundaryEscape =
  | { readonly how: 'unbounded' }
  | { readonly how: 'admits'; readonly policy: AdmittedPolicy }
  | { readonly how: 'removes'; readonly action: string }
  | { readonly how: 'replaces'; readonly action: string; readonly policy: AdmittedPolicy };

/** What else the caller may do, asked of the path's other actions (granted on every resource). */
export interface CreatedContext {
  readonly statements: readonly OwnedStatement[];
  readonly permissions: PermissionQueries;
  readonly catalog: ActionCatalog;
  /** The grant of an action that does not act on the new principal, on every resource (or none). */
  readonly onEveryResource: (action: string) => OwnedStatement | undefined;
  /** Whether a denial, the boundary or an SCP blocks the action everywhere. */
  readonly blocked: (action: string) => boolean;
  /** Policies the input holds with their ARN (the caller's own boundary, its managed policies). */
  readonly known?: readonly KnownPolicy[];
  /** Any customer managed policy the input defines, by ARN (a boundary held only as a policy of its own). */
  readonly lookup?: (arn: PolicyValue) => unknown;
}

/** A policy whose document the input holds, by its ARN (concrete or symbolic). */
export interface KnownPolicy {
  readonly arn: PolicyValue;
  readonly document: unknown;
}

/**
 * The policy documents the input holds that a condition may name as a boundary: the subject's
 * principal's own boundary and managed policies (`known`), and any customer managed policy of the
 * input by ARN (`lookup`, a boundary held only as a policy of its own).
 */
export interface InputPolicies {
  readonly known: readonly KnownPolicy[];
  readonly lookup?: (arn: PolicyValue) => unknown;
}

/**
 * The policy documents of the input a condition may name, for the subject's principal: those of
 * its own (`knownPolicies`) and any of the input by ARN; `except` (an ARN as written) left out.
 */
export function inputPoliciesOf(
  context: Pick<RuleContext<string>, 'inputPolicy'>,
  subject: PolicySubject,
  except?: string,
): InputPolicies {
  const skipped = (arn: PolicyValue): boolean => except !== undefined && valueToString(arn) === except;
  return {
    known: knownPolicies(subject).filter((p) => !skipped(p.arn)),
    ...(context.inputPolicy !== undefined
      ? { lookup: (arn: PolicyValue) => (skipped(arn) ? undefined : context.inputPolicy?.(arn)) }
      : {}),
  };
}

/**
 * The policies of the subject's principal whose document the input holds, by ARN: its boundary and
 * its managed policies (a boundary it must pin on the principals it creates is often its own).
 */
export function knownPolicies(subject: PolicySubject): KnownPolicy[] {
  const principal = subject.principal;
  if (principal === undefined) return [];
  const boundary = principal.permissionsBoundary;
  const out: KnownPolicy[] = [];
  if (boundary?.policy?.document !== undefined) out.push({ arn: boundary.arn, document: boundary.policy.document });
  for (const attached of principal.policies)
    if (attached.kind === 'managed' && attached.arn !== undefined && attached.policy?.document !== undefined)
      out.push({ arn: attached.arn, document: attached.policy.document });
  return out;
}

// Above this many choices of one statement per step, a path is not looked at further (not claimed).
const MAX_CHOICES = 2_000;

/** Whether `path` (one with `creates`) is open for the caller, and through which statements. */
export function openCreated(path: EscalationPath, context: CreatedContext): CreatedOpening | undefined {
  const kind = path.creates;
  if (kind === undefined) return undefined;
  const others: CreatedGrant[] = [];
  const steps: { action: string; choices: { grant: OwnedStatement; pattern: string }[] }[] = [];
  // The service actions granted only on resources the caller names (a function it creates under
  // `function:app-*`), with the statements that may grant each.
  const named: ServiceStep[] = [];
  for (const action of path.actions) {
    if (!actsOnCreated(action)) {
      if (context.blocked(action)) return undefined;
      const grant = context.onEveryResource(action);
      if (grant !== undefined) {
        others.push({ action, grant });
        continue;
      }
      // Only the service the new role is passed to makes a resource the caller names (a group
      // it adds the new user to is one that exists).
      const choices =
        path.passedTo === undefined || /^(iam|sts):/i.test(action)
          ? []
          : context.statements.filter((g) =>
              namesItsResource(g.statement, action, path, context.permissions.partition),
            );
      if (choices.length === 0) return undefined;
      named.push({ action, choices });
      continue;
    }
    if (context.blocked(action)) return undefined;
    const choices = context.statements.flatMap((grant) =>
      patternsGranting(grant.statement, action, path, context.permissions.partition).map((pattern) => ({
        grant,
        pattern,
      })),
    );
    if (choices.length === 0) return undefined;
    steps.push({ action, choices });
  }
  if (named.length > 0) {
    const found = serviceGrants(path, others, named, context.permissions);
    if (found === undefined) return undefined;
    others.push(...found);
  }
  const writable = writablePolicies(context.statements, context.permissions.partition);
  const space = `arn:*:iam::*:${kind}/*`;
  const commonName = commonArn;
  let tried = 0;
  const chosen: { action: string; grant: OwnedStatement; pattern: string }[] = [];
  const search = (depth: number): CreatedOpening | undefined => {
    if (++tried > MAX_CHOICES) return undefined;
    const name = commonName([space, ...chosen.map((c) => c.pattern)]);
    if (name === undefined) return undefined;
    if (depth === steps.length) {
      if (chosen.some((c) => context.permissions.blockedOn(c.action, name) === 'yes')) return undefined;
      const boundary = boundaryLeftOpen(chosen, context, name, kind, writable);
      if (boundary === undefined) return undefined;
      if (!chosen.every((c) => !ATTACHES.has(c.action.toLowerCase()) || attachesEscalating(c, context, name, writable)))
        return undefined;
      const byAction = new Map<string, CreatedGrant>([
        ...others.map((o): [string, CreatedGrant] => [o.action, o]),
        ...chosen.map((c): [string, CreatedGrant] => [c.action, { action: c.action, grant: c.grant }]),
      ]);
      const create = chosen[0];
      return {
        grants: path.actions.map((a) => byAction.get(a) as CreatedGrant),
        pattern: create?.pattern ?? '*',
        boundary,
      };
    }
    const step = steps[depth];
    if (step === undefined) return undefined;
    for (const choice of step.choices) {
      chosen.push({ action: step.action, ...choice });
      const found = search(depth + 1);
      chosen.pop();
      if (found !== undefined) return found;
      if (tried > MAX_CHOICES) return undefined;
    }
    return undefined;
  };
  return search(0);
}

/**
 * The grants of a pass-role path's service actions not granted on every resource (`actions`) on
 * resources the caller names: one statement each such that the path's meets reach one resource
 * (with `others`, the actions granted on every resource); undefined when some action has none.
 */
export function grantsOnNamedResources(
  path: EscalationPath,
  statements: readonly OwnedStatement[],
  others: readonly CreatedGrant[],
  actions: readonly string[],
  permissions: PermissionQueries,
  anyRole?: string,
): CreatedGrant[] | undefined {
  const named: ServiceStep[] = [];
  for (const action of actions) {
    if (path.passedTo !== undefined && passRefused(permissions, action, path.passedTo, anyRole)) return undefined;
    const choices = statements.filter((g) => namesItsResource(g.statement, action, path, permissions.partition));
    if (choices.length === 0) return undefined;
    named.push({ action, choices });
  }
  return serviceGrants(path, others, named, permissions);
}

/** A service action of a created-role path granted only on resources named, and the statements granting it. */
interface ServiceStep {
  readonly action: string;
  readonly choices: readonly OwnedStatement[];
}

/**
 * Whether an Allow (conditioned on request tags at most) grants a service action on a resource of
 * the one type the action requires, named by the caller (`lambda:CreateFunction` on
 * `function:app-*`): the caller gives the resource it creates that name. One that requires no type
 * but acts on some (`s3:PutObject` on `my-dags/*`) acts where the caller's other request points
 * (the DAG bucket of a new MWAA environment). An action that requires several types (an instance,
 * its subnet, its image) or takes none is granted on every resource or not at all; one that names the resource of a meet in a condition key (`lambda:FunctionArn` of an
 * event source mapping) may be conditioned on it, the meet then deciding.
 */
function namesItsResource(
  statement: Statement,
  action: string,
  path: EscalationPath,
  partition: Partition | undefined,
): boolean {
  if (statement.effect !== 'Allow' || !actionMatches(statement, action)) return false;
  if (path.passedTo !== undefined && namesNoRole(statement, action)) return false;
  const keyed = (c: ConditionClause): boolean => namesMeetResource(path.meets, action, c.key);
  if (constrainingClauses(statement, (c) => leavesEscalationOpen(c) || keyed(c), { action, partition }).length > 0)
    return false;
  if (statement.conditions.some(keyed)) return coversEveryResource(statement);
  // The one type the action requires; or, when it requires none, the types it may act on (an
  // object through its bucket or an access point: `s3:PutObject` into the bucket the request names).
  const types = getAction(action)?.resourceTypes ?? [];
  const required = types.filter((t) => t.required);
  const set = statement.resource;
  if ((required.length !== 1 && (required.length > 0 || types.length === 0)) || set === undefined || set.negated)
    return false;
  return set.values.some((value) => actionResourceMatch(action, value) !== 'no-match');
}

/**
 * One statement per service step such that the actions the path needs on one same resource reach
 * one (the path's `meets`, as for a role of the input passed), none of them denied there; undefined
 * when no choice does.
 */
function serviceGrants(
  path: EscalationPath,
  others: readonly CreatedGrant[],
  named: readonly ServiceStep[],
  permissions: PermissionQueries,
): CreatedGrant[] | undefined {
  const picked = new Map<string, Statement>(others.map((o) => [o.action, o.grant.statement]));
  const statementOf = (action: string): Statement => picked.get(action) as Statement;
  const holds = (): boolean => {
    for (const meet of path.meets ?? []) {
      if (!meet.actions.some((a) => named.some((n) => n.action === a))) continue;
      const arn = meetingResource(meet, statementOf);
      if (arn === undefined || meet.actions.some((a) => permissions.blockedOn(a, arn) === 'yes')) return false;
    }
    // An action outside every meet: blocked on the resource it names, it is not granted.
    return named.every(
      (n) =>
        path.meets?.some((m) => m.actions.includes(n.action)) === true ||
        permissions.blockedOn(n.action, nameIn(statementOf(n.action), n.action)) !== 'yes',
    );
  };
  let tried = 0;
  const chosen: CreatedGrant[] = [];
  const search = (depth: number): CreatedGrant[] | undefined => {
    if (++tried > MAX_CHOICES) return undefined;
    if (depth === named.length) return holds() ? [...chosen] : undefined;
    const step = named[depth] as ServiceStep;
    for (const grant of step.choices) {
      picked.set(step.action, grant.statement);
      chosen.push({ action: step.action, grant });
      const found = search(depth + 1);
      chosen.pop();
      if (found !== undefined || tried > MAX_CHOICES) return found;
    }
    return undefined;
  };
  return search(0);
}

/** A resource the statement names for the action (its first value that can be one, wildcards filled). */
function nameIn(statement: Statement, action: string): string {
  const value = statement.resource?.values.find((v) => actionResourceMatch(action, v) !== 'no-match');
  return value === undefined ? '*' : (commonArn([textWithHolesAs(value, '*')]) ?? '*');
}

/**
 * The resource patterns on which the statement allows `action` toward a new principal: those of
 * an Allow whose conditions are only on request tags, on the boundary or the policy attached (read
 * later), or let the role go to the path's service.
 */
function patternsGranting(
  statement: Statement,
  action: string,
  path: EscalationPath,
  partition: Partition | undefined,
): string[] {
  if (statement.effect !== 'Allow' || !actionMatches(statement, action)) return [];
  if (passesOnlyElsewhere(statement, action, path.passedTo ?? [])) return [];
  const lowered = action.toLowerCase();
  const tolerated = (c: ConditionClause): boolean => {
    const key = c.key.toLowerCase();
    return (
      leavesEscalationOpen(c) ||
      (key === BOUNDARY_KEY && BOUNDED.has(lowered)) ||
      (key === POLICY_KEY && ATTACHES.has(lowered)) ||
      isPassedToServiceOf(c, action)
    );
  };
  if (constrainingClauses(statement, tolerated, { action, partition }).length > 0) return [];
  if (coversEveryResource(statement)) return ['*'];
  const set = statement.resource;
  if (set === undefined || set.negated) return [];
  return set.values.map(valueToString);
}

/** Where the caller may write a policy document (a new policy, or a new version), and with which action. */
interface Writable {
  readonly pattern: string;
  readonly action: 'iam:CreatePolicy' | 'iam:CreatePolicyVersion';
}

function writablePolicies(
  statements: readonly OwnedStatement[],
  partition: Partition | undefined,
  writes: readonly PolicyWrite[] = POLICY_WRITES,
): Writable[] {
  return statements.flatMap(({ statement }) =>
    writes
      .filter((action) => allowsUnconditionally(statement, action, partition))
      .flatMap((action) => resourcesOf(statement).map((pattern) => ({ pattern, action }))),
  );
}

/** Whether `statement` allows `action` under no condition that holds an escalation back. */
function allowsUnconditionally(statement: Statement, action: string, partition: Partition | undefined): boolean {
  return (
    statement.effect === 'Allow' &&
    actionMatches(statement, action) &&
    constrainingClauses(statement, leavesEscalationOpen, { action, partition }).length === 0
  );
}

/** Whether the caller may delete the policy `arn` (allowed, and neither denied nor held back by a guardrail). */
function deletable(statements: readonly OwnedStatement[], arn: string, permissions: PermissionQueries): boolean {
  return (
    permissions.blockedOn('iam:DeletePolicy', arn) !== 'yes' &&
    statements.some(
      ({ statement }) =>
        allowsUnconditionally(statement, 'iam:DeletePolicy', permissions.partition) &&
        resourcesOf(statement).some((pattern) => commonArn([pattern, arn]) !== undefined),
    )
  );
}

const POLICY_SPACE = 'arn:*:iam::*:policy/*';

/** How the caller writes a policy's document: a new policy, or a new version of one. */
type PolicyWrite = 'iam:CreatePolicy' | 'iam:CreatePolicyVersion';
const POLICY_WRITES: readonly PolicyWrite[] = ['iam:CreatePolicy', 'iam:CreatePolicyVersion'];

/**
 * The policies whose document the caller writes that it may name for `key`: for each value the
 * conditions on `key` name (and one name of its own choosing), a policy ARN inside a writable
 * pattern, unless a denial, the boundary or an SCP blocks writing that very policy.
 */
function writtenChoices(
  writable: readonly Writable[],
  statements: readonly OwnedStatement[],
  key: string,
  permissions: PermissionQueries,
): AdmittedPolicy[] {
  if (writable.length === 0) return [];
  const values = new Set<string>();
  for (const { statement } of statements)
    for (const c of statement.conditions)
      if (c.key.toLowerCase() === key) for (const v of c.values) values.add(valueToString(v));
  const out = new Map<string, AdmittedPolicy>();
  for (const { pattern, action } of writable)
    for (const named of [undefined, ...values]) {
      const arn = commonArn([POLICY_SPACE, pattern, ...(named === undefined ? [] : [named])]);
      if (arn === undefined || permissions.blockedOn(action, arn) === 'yes') continue;
      // One policy the condition names most likely exists (the boundary a delegation pins): it is
      // rewritten with a new version when allowed; `iam:CreatePolicy` of its name fails unless the
      // caller deletes it first. A pattern it names leaves names of the caller's choosing.
      const exists = named !== undefined && !/[*?]/.test(named);
      if (exists && action === 'iam:CreatePolicyVersion') out.set(arn, { arn, reason: 'writable', write: action });
      else if (out.has(arn)) continue;
      else if (!exists || action !== 'iam:CreatePolicy') out.set(arn, { arn, reason: 'writable', write: action });
      else if (deletable(statements, arn, permissions))
        out.set(arn, { arn, reason: 'writable', write: action, deletesFirst: true });
    }
  return [...out.values()];
}

/** A boundary or policy the caller may name: none, or one that gives away IAM. */
type Choice = { readonly absent: true } | AdmittedPolicy;

/**
 * How some choice of boundary (or none) lets every step through and gives away more than the
 * boundary pins, or how the caller takes a pinned boundary off or swaps it; undefined when none.
 */
function boundaryLeftOpen(
  chosen: readonly { action: string; grant: OwnedStatement }[],
  context: CreatedContext,
  name: string,
  kind: 'user' | 'role',
  writable: readonly Writable[],
): BoundaryEscape | undefined {
  const bounded = chosen.filter((c) => BOUNDED.has(c.action.toLowerCase()));
  const input: InputPolicies = { known: context.known ?? [], ...(context.lookup ? { lookup: context.lookup } : {}) };
  const admitted = [
    ...ESCALATING_MANAGED,
    ...escalatingValues(bounded, BOUNDARY_KEY, context.catalog),
    ...escalatingKnown(bounded, BOUNDARY_KEY, input),
    ...writtenChoices(writable, context.statements, BOUNDARY_KEY, context.permissions),
  ];
  const passes = (c: { action: string; grant: OwnedStatement }, choice: Choice): boolean =>
    clausesAdmit(c.grant.statement, BOUNDARY_KEY, choice) &&
    !deniedFor(context.statements, c.action, name, BOUNDARY_KEY, choice);
  if (bounded.every((c) => passes(c, { absent: true }))) return { how: 'unbounded' };
  const policy = admitted.find((choice) => bounded.every((c) => passes(c, choice)));
  if (policy !== undefined) return { how: 'admits', policy };
  // Pinned: open only if the caller may take the boundary off the new principal, or swap it.
  const removes = REMOVES_BOUNDARY[kind];
  const removed = context.statements.some(
    ({ statement }) =>
      patternsGranting(statement, removes, NO_PATH, context.permissions.partition).some((p) =>
        matchWildcard(p, name),
      ) && context.permissions.blockedOn(removes, name) !== 'yes',
  );
  if (removed) return { how: 'removes', action: removes };
  const replaces = REPLACES_BOUNDARY[kind];
  for (const owned of context.statements) {
    if (
      !actionMatches(owned.statement, replaces) ||
      owned.statement.effect !== 'Allow' ||
      constrainingClauses(owned.statement, (c) => leavesEscalationOpen(c) || c.key.toLowerCase() === BOUNDARY_KEY, {
        action: replaces,
        partition: context.permissions.partition,
      }).length > 0 ||
      !resourcesOf(owned.statement).some((p) => matchWildcard(p, name)) ||
      context.permissions.blockedOn(replaces, name) === 'yes'
    )
      continue;
    // The boundaries the swap itself names count as the steps' do.
    const swaps = [
      ...admitted,
      ...escalatingValues([{ grant: owned }], BOUNDARY_KEY, context.catalog),
      ...escalatingKnown([{ grant: owned }], BOUNDARY_KEY, input),
    ];
    const swap = swaps.find(
      (choice) =>
        clausesAdmit(owned.statement, BOUNDARY_KEY, choice) &&
        !deniedFor(context.statements, replaces, name, BOUNDARY_KEY, choice),
    );
    if (swap !== undefined) return { how: 'replaces', action: replaces, policy: swap };
  }
  return undefined;
}

const NO_PATH: EscalationPath = { id: '', family: 'iam-policy-modification', actions: [], cloudsplaining: [] };

function resourcesOf(statement: Statement): string[] {
  if (coversEveryResource(statement)) return ['*'];
  const set = statement.resource;
  return set === undefined || set.negated ? [] : set.values.map(valueToString);
}

/** Whether the attach step may attach a policy that gives away administrator access or IAM. */
function attachesEscalating(
  chosen: { action: string; grant: OwnedStatement },
  context: CreatedContext,
  name: string,
  writable: readonly Writable[],
): boolean {
  const input: InputPolicies = { known: context.known ?? [], ...(context.lookup ? { lookup: context.lookup } : {}) };
  const choices: Choice[] = [
    ...ESCALATING_MANAGED,
    ...escalatingValues([chosen], POLICY_KEY, context.catalog),
    ...escalatingKnown([chosen], POLICY_KEY, input),
    ...writtenChoices(writable, context.statements, POLICY_KEY, context.permissions),
  ];
  return choices.some(
    (choice) =>
      clausesAdmit(chosen.grant.statement, POLICY_KEY, choice) &&
      !deniedFor(context.statements, chosen.action, name, POLICY_KEY, choice),
  );
}

/**
 * The policy that the `iam:PolicyARN` conditions of a statement allowing an attach
 * (`iam:AttachRolePolicy`, `iam:AttachUserPolicy`, `iam:AttachGroupPolicy`), or the
 * `iam:PermissionsBoundary` conditions of one setting a boundary (`iam:PutRolePermissionsBoundary`),
 * let through and that gives away every permission or IAM: `AdministratorAccess` itself, a pattern
 * that admits it (`arn:aws:iam::aws:policy/*`), a named AWS managed policy that does, a policy of
 * the input (`input`) whose document does, or a policy the caller may write. Undefined when the
 * conditions name only harmless policies (they close the request). For `existing`, the boundary of
 * a principal that exists already (`iam:PutRolePolicy` on roles that carry it): the caller writes
 * it only by a new version, not by creating it under its name.
 */
export function admittedEscalatingPolicy(
  statement: Statement,
  action: string,
  key: 'policy' | 'boundary' | 'existing',
  statements: readonly OwnedStatement[],
  catalog: ActionCatalog,
  permissions: PermissionQueries,
  input?: InputPolicies,
): AdmittedPolicy | undefined {
  const conditionKey = key === 'policy' ? POLICY_KEY : BOUNDARY_KEY;
  const owned = [{ grant: { statement, policyId: '', policyName: '' } }];
  const writes: readonly PolicyWrite[] = key === 'existing' ? ['iam:CreatePolicyVersion'] : POLICY_WRITES;
  const choices: AdmittedPolicy[] = [
    ...ESCALATING_MANAGED,
    ...escalatingValues(owned, conditionKey, catalog),
    ...(input !== undefined ? escalatingKnown(owned, conditionKey, input) : []),
    ...writtenChoices(
      writablePolicies(statements, permissions.partition, writes),
      statements,
      conditionKey,
      permissions,
    ),
  ];
  return choices.find(
    (choice) =>
      clausesAdmit(statement, conditionKey, choice) && !deniedFor(statements, action, '*', conditionKey, choice),
  );
}

/** The AWS managed policies the conditions on `key` name whose document gives away IAM or everything. */
function escalatingValues(
  chosen: readonly { grant: OwnedStatement }[],
  key: string,
  catalog: ActionCatalog,
): AdmittedPolicy[] {
  return chosen.flatMap(({ grant }) =>
    grant.statement.conditions
      .filter((c) => c.key.toLowerCase() === key)
      .flatMap((c) => c.values.map(valueToString))
      .flatMap((arn): AdmittedPolicy[] => {
        if (!/^arn:[^:]*:iam::aws:policy\//.test(arn) || /[*?]/.test(arn)) return [];
        const document = catalog.awsManagedPolicy?.(arn);
        const lets = document !== undefined ? documentEscalates(document, arn) : undefined;
        return lets !== undefined ? [{ arn, reason: 'caps-nothing', lets }] : [];
      }),
  );
}

const IAM_ESCALATIONS = ADMIN_ACTIONS.iam.filter((a) => a !== 'iam:PassRole');

/**
 * The IAM escalation (writing policies, removing or replacing a boundary, ...) that a policy
 * document, as a permissions boundary or attached, lets through on every resource without a
 * condition, or undefined when it denies each one. A Deny counts when it is unconditional, or when
 * its only conditions, on `iam:PermissionsBoundary`, let through nothing but the document itself
 * (`self`): a boundary that propagates itself keeps whoever it bounds inside it.
 */
function documentEscalates(document: unknown, self: PolicyValue): string | undefined {
  const parsed = parsePolicy(document, { type: 'identity' });
  if (!parsed.ok) return undefined;
  const statements = parsed.value.statements;
  const applies = (s: Statement, action: string): boolean => coversEveryResource(s) && actionMatches(s, action);
  const allows = (s: Statement, action: string): boolean =>
    s.effect === 'Allow' && s.conditions.length === 0 && applies(s, action);
  const denies = (s: Statement, action: string): boolean =>
    s.effect === 'Deny' && applies(s, action) && s.conditions.every((c) => admitsOnlyItself(c, self));
  return IAM_ESCALATIONS.find(
    (action) => statements.some((s) => allows(s, action)) && !statements.some((s) => denies(s, action)),
  );
}

/**
 * Whether a Deny's clause holds for every request but those naming `self` as the boundary
 * (`StringNotEquals` `iam:PermissionsBoundary` this very policy): it then denies any other.
 */
function admitsOnlyItself(clause: ConditionClause, self: PolicyValue): boolean {
  if (clause.key.toLowerCase() !== BOUNDARY_KEY || !NEGATED.has(clause.baseOperator)) return false;
  if (clause.setOperator !== undefined || clause.ifExists || clause.values.length === 0) return false;
  const own = valueToString(self).toLowerCase();
  return clause.values.every(
    (v) =>
      valueToString(v).toLowerCase() === own ||
      (matchPolicyValue(v, self) === 'match' && matchPolicyValue(self, v) === 'match'),
  );
}

/**
 * The ARNs of policies whose document the input holds (the caller's own boundary, its managed
 * policies, any customer managed policy of the input) that a condition on `key` names and that let
 * an escalation through: pinning a principal to such a boundary caps nothing.
 */
function escalatingKnown(
  chosen: readonly { grant: OwnedStatement }[],
  key: string,
  input: InputPolicies,
): AdmittedPolicy[] {
  const { known, lookup } = input;
  if (known.length === 0 && lookup === undefined) return [];
  const named = chosen.flatMap(({ grant }) =>
    grant.statement.conditions.filter((c) => c.key.toLowerCase() === key).flatMap((c) => c.values),
  );
  const out = new Map<string, AdmittedPolicy>();
  const add = (value: PolicyValue, document: unknown, self: PolicyValue): void => {
    const arn = valueToString(value);
    const lets = out.has(arn) ? undefined : documentEscalates(document, self);
    if (lets !== undefined) out.set(arn, { arn, reason: 'caps-nothing', lets });
  };
  // A policy of the input named as it is defined (the boundary a delegation pins, held as a
  // standalone managed policy): judged by its text, as the caller's own boundary is.
  for (const value of named) {
    const document = lookup?.(value);
    if (document !== undefined) add(value, document, value);
  }
  for (const policy of known) {
    // The value as the condition writes it: the ARN the request then names.
    const value = named.find(
      (v) => matchPolicyValue(v, policy.arn) === 'match' || valueToString(v) === valueToString(policy.arn),
    );
    if (value !== undefined) add(value, policy.document, policy.arn);
  }
  return [...out.values()];
}

/** Whether every clause of the statement on `key` holds when the request names `choice`. */
function clausesAdmit(statement: Statement, key: string, choice: Choice): boolean {
  return statement.conditions.filter((c) => c.key.toLowerCase() === key).every((c) => clauseHolds(c, choice));
}

/** Whether an unconditional-but-for-`key` Deny of the action on the new principal holds for `choice`. */
function deniedFor(
  statements: readonly OwnedStatement[],
  action: string,
  name: string,
  key: string,
  choice: Choice,
): boolean {
  return statements.some(
    ({ statement: s }) =>
      s.effect === 'Deny' &&
      s.conditions.length > 0 &&
      s.conditions.every((c) => c.key.toLowerCase() === key) &&
      actionMatches(s, action) &&
      resourcesOf(s).some((p) => matchWildcard(p, name)) &&
      s.conditions.every((c) => clauseHolds(c, choice)),
  );
}

const POSITIVE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** How IAM reads one clause on a boundary or policy ARN when the request names `choice` (or none). */
function clauseHolds(clause: ConditionClause, choice: Choice): boolean {
  const absent = 'absent' in choice;
  const base = clause.baseOperator;
  if (base === 'Null') {
    const wantsAbsent = clause.values.some((v) => valueToString(v).toLowerCase() === 'true');
    return wantsAbsent === absent;
  }
  // A set operator on a missing key: `ForAllValues` holds (no value fails), `ForAnyValue` does not
  // (no value matches), even negated: `ForAnyValue:StringNotEquals` denies nothing without a boundary.
  if (absent)
    return (
      clause.ifExists ||
      clause.setOperator === 'ForAllValues' ||
      (clause.setOperator !== 'ForAnyValue' && NEGATED.has(base))
    );
  const positive = POSITIVE.has(base);
  if (!positive && !NEGATED.has(base)) return true;
  const exact = base.includes('Equals') && !base.startsWith('Arn');
  const ignoreCase = base.endsWith('IgnoreCase');
  const matches = clause.values.some((raw) => {
    const value = valueToString(raw);
    if (exact) return ignoreCase ? value.toLowerCase() === choice.arn.toLowerCase() : value === choice.arn;
    return matchWildcard(value, choice.arn, { ignoreCase });
  });
  return positive ? matches : !matches;
}

/**
 * An ARN every pattern matches, field by field as IAM matches ARNs (a `*` does not reach across
 * the colons of partition, service, Region and account): undefined when there is none. `*` alone
 * is every resource; a pattern with fewer fields matches only if it ends with `*`, which then
 * stands for the fields left.
 */
export function commonArn(patterns: readonly string[]): string | undefined {
  // The paths ask the same questions of every principal that holds the same grants (each role
  // attaching `AdministratorAccess`): the answer, a walk over the patterns' positions, is kept.
  const key = JSON.stringify(patterns);
  if (commonArns.has(key)) return commonArns.get(key);
  if (commonArns.size >= MAX_KEPT) commonArns.clear();
  const arn = findCommonArn(patterns);
  commonArns.set(key, arn);
  return arn;
}

// Enough for the distinct pattern lists of a large estate; a run that asks more starts over.
const MAX_KEPT = 10_000;
const commonArns = new Map<string, string | undefined>();

function findCommonArn(patterns: readonly string[]): string | undefined {
  const fields: string[][] = [[], [], [], [], [], []];
  for (const pattern of patterns) {
    if (pattern === '*') continue;
    const parts = pattern.split(':');
    const own = [...parts.slice(0, 5), parts.slice(5).join(':')];
    if (parts.length < 6) {
      if (!pattern.endsWith('*')) return undefined;
      for (let i = parts.length; i < 6; i++) own[i] = '*';
    }
    own.forEach((f, i) => (fields[i] as string[]).push(f));
  }
  const names: string[] = [];
  for (const list of fields) {
    const name = commonName(list);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.join(':');
}

// Tokens of a pattern: a character code, or `*` / `?`.
const ANY = -1;
const ONE = -2;

function tokens(pattern: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      if (out[out.length - 1] !== ANY) out.push(ANY);
    } else out.push(c === 63 ? ONE : c);
  }
  return out;
}

// Above this many states, two patterns are taken to share no name (the path is not claimed).
const MAX_STATES = 200_000;

/**
 * A name every pattern matches (`*` and `?` wildcards), or undefined when there is none: a walk
 * over the positions of all patterns at once, each `*` filled with a character no pattern asks for
 * there (so that a Deny naming one user does not hide the others).
 */
export function commonName(patterns: readonly string[]): string | undefined {
  const lists = patterns.map(tokens);
  const start = lists.map(() => 0);
  const seen = new Set<string>([start.join(',')]);
  const queue: { at: number[]; text: string }[] = [{ at: start, text: '' }];
  for (let head = 0; head < queue.length; head++) {
    const { at, text } = queue[head] as { at: number[]; text: string };
    if (at.every((p, i) => p === (lists[i] as number[]).length)) return text;
    const next: { at: number[]; char: string }[] = [];
    // A `*` may match nothing: move past it.
    at.forEach((p, i) => {
      if ((lists[i] as number[])[p] === ANY) next.push({ at: at.map((q, j) => (j === i ? q + 1 : q)), char: '' });
    });
    const wanted = new Set<number>();
    at.forEach((p, i) => {
      const t = (lists[i] as number[])[p];
      if (t !== undefined && t >= 0) wanted.add(t);
    });
    let fresh = 122;
    while (wanted.has(fresh)) fresh -= 1;
    for (const c of [...wanted, fresh]) {
      const moved: number[] = [];
      let ok = true;
      at.forEach((p, i) => {
        const t = (lists[i] as number[])[p];
        if (t === ANY) moved.push(p);
        else if (t === ONE || t === c) moved.push(p + 1);
        else ok = false;
      });
      if (ok) next.push({ at: moved, char: String.fromCharCode(c) });
    }
    for (const n of next) {
      const key = n.at.join(',');
      if (seen.has(key)) continue;
      if (seen.size >= MAX_STATES) return undefined;
      seen.add(key);
      queue.push({ at: n.at, text: text + n.char });
    }
  }
  return undefined;
}
