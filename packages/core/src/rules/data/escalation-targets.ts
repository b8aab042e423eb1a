/**
 * Escalation paths toward one named principal of the scan: `iam:PassRole` on the ARN of a role
 * that holds administrator access, `sts:AssumeRole` on it, `iam:CreateAccessKey` on an
 * administrator user, or `iam:PutRolePolicy` + `sts:AssumeRole` on one role. The path rules
 * (escalation-check.ts) only count grants on every resource or on the principal itself; these
 * grants name one resource, and the path is open when that resource is a principal the scan
 * creates whose permissions the path hands over: an administrator, a principal with such a path
 * itself (a chain of roles), or one whose policies the path may rewrite.
 */
import { parsePolicy } from '../../model/parse';
import { matchPolicyValue } from '../../match/value';
import { actionResourceMatch } from '../../catalog/resource-types';
import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { PolicySource, PrincipalInput, WorkloadInput } from '../../analysis/input';
import type { PermissionQueries } from '../../analysis/permissions';
import type { AccountSubject, RuleContext } from '../rule';
import { actionMatches, coversEveryResource } from '../statement-helpers';
import { principalLabel } from '../describe';
import { pathsText } from './escalation-report';
import { ESCALATION_PATHS, isStrictSubset } from './escalation-paths';
import { byStatement, namesPrincipal, trustsServiceOf } from './escalation-principals';
import type { EscalationFamily, EscalationPath } from './escalation-paths';
import { constrainingClauses, coversAllResourcesOf, isFullAccess, leavesEscalationOpen } from './grants';
import type { OwnedStatement } from './grants';
import { statementChoice } from './grants';
import {
  bothChoices,
  choiceKey,
  grantedChoice,
  knownSidesOf,
  mergedChoices,
  settledChoice,
} from '../../analysis/choices';
import type { DeployChoice } from '../../analysis/choices';
import { catalogPolicySource } from '../../analysis/catalog-attachment';
import { admittedEscalatingPolicy } from './escalation-created';
import {
  passRefused,
  pathActionUnless,
  denyRefusesText,
  isPassedToServiceOf,
  namesInOwnAccount,
  namesNoRole,
  isRoleArnClause,
  roleArnAdmits,
  meetOnOneResource,
  namedMeeting,
  namesMeetResource,
  passesOnlyElsewhere,
} from './path-meets';
import { WorkloadIndex, entersSomeWorkload, workloadPaths, workloadServices } from './escalation-workloads';
import type { WorkloadPath } from './escalation-workloads';
import { federation } from './escalation-federation';
import type { FederatedPath, UndecidedFederatedPath } from './escalation-federation';
import { swapPaths } from './escalation-instance-profile';
import type { SwapPath } from './escalation-instance-profile';
import type { Partition } from '../../catalog/requested-region';

/**
 * What an action acts on, for actions whose resource is a role, a user, or a managed policy
 * attached to the target (`policy`: a new default version of it rewrites the target).
 */
const TARGET_KIND: Readonly<Record<string, 'role' | 'user' | 'group' | 'policy'>> = {
  'iam:createpolicyversion': 'policy',
  'iam:setdefaultpolicyversion': 'policy',
  'iam:passrole': 'role',
  'sts:assumerole': 'role',
  'iam:updateassumerolepolicy': 'role',
  'iam:putrolepolicy': 'role',
  'iam:attachrolepolicy': 'role',
  'iam:createaccesskey': 'user',
  'iam:deleteaccesskey': 'user',
  'iam:createloginprofile': 'user',
  'iam:updateloginprofile': 'user',
  'iam:putuserpolicy': 'user',
  'iam:attachuserpolicy': 'user',
  // A user added to a group holds its policies.
  'iam:addusertogroup': 'group',
};

/** Actions that write the target's permissions: after them the target holds whatever one wants. */
const REWRITES = new Set([
  'iam:putrolepolicy',
  'iam:attachrolepolicy',
  'iam:putuserpolicy',
  'iam:attachuserpolicy',
  'iam:createpolicyversion',
  'iam:setdefaultpolicyversion',
]);

const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

/** Administrator access itself, or a path to it. */
export type TargetHolds = 'admin' | 'escalation';

/** One statement of a principal's identity policies, with where it is written. */
export interface Grant {
  readonly statement: Statement;
  readonly source: PolicySource;
  /** The deploy choices its principal holds it under (absent: every deploy). */
  readonly choice?: DeployChoice;
}

/** A path open toward one target, with the statements that open it. */
interface TargetedPath {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly path: EscalationPath;
  /** The statement granting each action of the path, in the path's order. */
  readonly grants: readonly Grant[];
  /**
   * What the target holds: administrator access, or an escalation path to it (else undefined: the
   * path rewrites the target's permissions).
   */
  readonly targetHolds: TargetHolds | undefined;
  /** The deploy choices under which its grants, and what the target holds, are made together (absent: every deploy). */
  readonly choice?: DeployChoice;
  /** Why a Deny testing what a request may or may not carry may close it (its "unless"), one per action it may refuse. */
  readonly unless?: readonly string[];
}

/** The paths of a scan toward its principals: named directly, or through a workload that runs as one. */
interface TargetedAnalysis {
  readonly paths: readonly TargetedPath[];
  readonly workloadPaths: readonly WorkloadPath[];
  /** Principals that act as a role of the scan through a SAML provider it trusts, or their own instance profile. */
  readonly samlPaths: readonly FederatedPath[];
  /** Those toward a role trusting a provider given only at deploy, which may or may not be one the caller rewrites. */
  readonly samlUndecided: readonly UndecidedFederatedPath[];
  readonly swapPaths: readonly SwapPath[];
  /** The principals of the scan that hold administrator access, or a path to it. */
  readonly holds: ReadonlyMap<PrincipalInput, TargetHolds>;
  /** What may leave a principal of `holds` without its path, when every path it holds says so. */
  readonly caveats: ReadonlyMap<PrincipalInput, string>;
  /** The statements of each role and user the input holds. */
  readonly statements: ReadonlyMap<PrincipalInput, readonly Grant[]>;
}

const cache = new WeakMap<readonly PrincipalInput[], { engine: EngineView; analysis: TargetedAnalysis }>();

/**
 * Every path of the scan opened by grants naming a principal of the scan, or a workload that runs
 * as one (none on every resource alone). Computed once per scan (`principals` is its list).
 */
function targetedAnalysis(
  principals: readonly PrincipalInput[],
  workloads: readonly WorkloadInput[] = [],
  engine: EngineView,
): TargetedAnalysis {
  const cached = cache.get(principals);
  // The same input run again with another configuration (other SCPs) is another analysis.
  if (cached !== undefined && cached.engine.permissionsOf === engine.permissionsOf) return cached.analysis;
  const analysis = computeTargetedPaths(principals, workloads, engine);
  cache.set(principals, { engine, analysis });
  return analysis;
}

/** What the analysis asks the engine: the catalog, each principal's effective permissions, the configured SCPs. */
export type EngineView = Pick<RuleContext<string>, 'catalog' | 'permissionsOf' | 'scps'>;

// Rounds of "a principal with a path to an administrator is one itself": chains of roles are short.
const MAX_HOPS = 8;

function computeTargetedPaths(
  principals: readonly PrincipalInput[],
  workloads: readonly WorkloadInput[],
  engine: EngineView,
): TargetedAnalysis {
  const candidates = principals.filter((p) => p.kind === 'role' || p.kind === 'user');
  const services = workloadServices(workloads);
  const statements = new Map<PrincipalInput, Grant[]>();
  const managed = (arn: string): unknown => engine.catalog.awsManagedPolicy?.(arn);
  for (const p of candidates) statements.set(p, identityStatements(p, services, managed));
  const holds = new Map<PrincipalInput, TargetHolds>();
  // The sides a principal is an administrator on, or holds its path to one on, when only some
  // deploys make it so.
  const heldWhen = new Map<PrincipalInput, DeployChoice>();
  for (const p of candidates) {
    const admin = administratorWhen(p, statements.get(p) ?? []);
    if (admin === undefined) continue;
    holds.set(p, 'admin');
    if (admin.choice !== undefined) heldWhen.set(p, admin.choice);
  }
  // A group whose policies make an administrator of its members: a target (`iam:AddUserToGroup`), never a caller.
  const adminGroups = principals.filter(
    (p) => p.kind === 'group' && isAdministrator(p, identityStatements(p, services, managed)),
  );
  for (const g of adminGroups) holds.set(g, 'admin');
  const targets = adminGroups.length === 0 ? candidates : [...candidates, ...adminGroups];
  // An administrator is reported as such (admin-access); it gains nothing (one on some sides only
  // may on the others). The others may name principals of the scan.
  const gains = (p: PrincipalInput): boolean => holds.get(p) !== 'admin' || heldWhen.has(p);
  const naming = candidates.filter(
    (p) =>
      gains(p) &&
      (statements.get(p) ?? []).some((g) => g.statement.effect === 'Allow' && namesSomePrincipal(g.statement)),
  );
  // Principals that may change or enter one workload (a function, an instance, a stack), through
  // which they act as its role.
  const index = workloads.length > 0 ? new WorkloadIndex(workloads, candidates) : undefined;
  // The resources the deploy defines by name: a path cannot create another under the same name.
  const taken = workloads.flatMap((w) => (w.arn === undefined ? [] : [w.arn]));
  const entering =
    index === undefined ? [] : candidates.filter((p) => gains(p) && entersSomeWorkload(statements.get(p) ?? []));
  // A principal with a path to an administrator is as good as one for whoever may act as it
  // (assume it, pass it, run code in a workload that runs as it): repeated until no principal is
  // added. Each round pairs only the principals without such a path yet; one that has it keeps
  // the paths of the round that found it (more targets that only hold a path themselves add
  // nothing to an administrator reached, and pairing them all would make a scan of roles that may
  // pass `role/app-*` quadratic).
  const found: TargetedPath[] = [];
  const through: WorkloadPath[] = [];
  // The SAML and swap paths of each principal, from the round that added it (as `found`): asked
  // again with the final `holds`, a target that gained its path through the caller itself would
  // close a loop.
  const samlPaths: FederatedPath[] = [];
  const swapped: SwapPath[] = [];
  // Likewise the SAML paths the policies do not decide: each from the round that found it, while
  // its caller holds no path yet (later, a target may hold its path through the caller itself).
  const samlUndecided: UndecidedFederatedPath[] = [];
  // Roles that escalate only from code running on an instance (their own instance profile): a step
  // of a chain that lands on such an instance, not of one that assumes them (an assumed session
  // runs on no instance, and gets nothing from the profile).
  const onInstance = new Map<PrincipalInput, TargetHolds>();
  const caveats = new Map<PrincipalInput, string>();
  // What each principal's grants open, asked once whatever the number of rounds.
  const granted = new Map<PrincipalInput, Granted>();
  let pending = naming;
  let pendingEntering = entering;
  // A path with the choices it is open under (`pathChoice`), or none when no deploy opens it.
  const withPathChoice = <P extends { readonly principal: PrincipalInput }>(
    o: P,
    granted: DeployChoice | undefined,
    target: PrincipalInput,
  ): P[] => {
    const choice = pathChoice(granted, o.principal, target, heldWhen);
    return choice === null ? [] : [{ ...o, ...(choice === undefined ? {} : { choice }) }];
  };
  for (let hop = 0; ; hop++) {
    const round =
      pending.length > 0
        ? pathsOfPrincipals(pending, targets, statements, holds, onInstance, granted, engine, taken, heldWhen)
        : [];
    const held = pendingEntering.length > 0 ? index?.among(holds, new Map([...onInstance, ...holds])) : undefined;
    // Every path through a workload reaches a role that holds something: its principal is done.
    // Each on the sides its grants, the workload and what its role holds are made together on.
    const entered = (
      held === undefined
        ? []
        : workloadPaths(pendingEntering, statements, held, new Map([...onInstance, ...holds]), boundaryStatements)
    ).flatMap((o) =>
      withPathChoice(o, bothChoices(grantedChoice(o.grants.map((g) => [g.choice])), o.workload.deployedWhen), o.role),
    );
    through.push(...entered);
    const reaching = new Set<PrincipalInput>();
    for (const o of round) if (o.targetHolds !== undefined) reaching.add(o.principal);
    const entrants = new Set(entered.map((o) => o.principal));
    // A role reached only by rewriting the SAML provider it trusts is a step of a chain as well:
    // whoever may act as such a principal escalates too.
    const federated = federation(engine, principals, holds, statements, caveats);
    // Each on the sides its grant, the target's trust and what the target holds are made together on.
    const federatedPaths = federated.paths.flatMap((o) =>
      withPathChoice(o, bothChoices(o.grant.choice, o.trusted), o.target),
    );
    for (const o of federated.undecided)
      if (!holds.has(o.principal) && !samlUndecided.some((u) => u.principal === o.principal && u.target === o.target))
        samlUndecided.push(o);
    const fresh = federatedPaths.filter((o) => !holds.has(o.principal));
    samlPaths.push(...fresh);
    const swaps = swapPaths(engine, holds, statements).filter(
      (o) => !holds.has(o.principal) && !onInstance.has(o.principal),
    );
    swapped.push(...swaps);
    // A principal that holds its path only through steps the policies do not decide says so.
    const caveat = (
      targets: readonly { target: PrincipalInput; unless?: string | undefined }[],
    ): string | undefined => {
      const each = targets.map(
        (o) =>
          caveats.get(o.target) ??
          (o.unless === undefined
            ? undefined
            : `the step through role \`${principalLabel(o.target)}\` is closed (${o.unless})`),
      );
      return each.every((c) => c !== undefined) ? each[0] : undefined;
    };
    for (const principal of new Set([...reaching, ...fresh.map((o) => o.principal)])) {
      if (holds.has(principal) || entrants.has(principal)) continue;
      const through = [
        ...round
          .filter((o) => o.principal === principal && o.targetHolds !== undefined)
          .map((o) => ({ target: o.target, unless: o.unless?.join(' or ') })),
        ...fresh.filter((o) => o.principal === principal),
      ];
      const unless = caveat(through);
      if (unless !== undefined) caveats.set(principal, unless);
    }
    // Likewise through a workload's role, or the role a profile swap puts on its instance.
    for (const principal of entrants) {
      if (holds.has(principal)) continue;
      const unless = caveat(entered.filter((o) => o.principal === principal).map((o) => ({ target: o.role })));
      if (unless !== undefined) caveats.set(principal, unless);
    }
    for (const principal of new Set(swaps.map((o) => o.principal))) {
      if (holds.has(principal) || onInstance.has(principal) || entrants.has(principal)) continue;
      const unless = caveat(swaps.filter((o) => o.principal === principal));
      if (unless !== undefined) caveats.set(principal, unless);
    }
    let added = false;
    for (const principal of [...reaching, ...entrants, ...fresh.map((o) => o.principal)]) {
      if (holds.has(principal)) continue;
      holds.set(principal, 'escalation');
      // Held on the sides of the paths that reach something held (directly, through a workload or
      // through a SAML provider).
      const sides = mergedChoices([
        ...round.filter((o) => o.principal === principal && o.targetHolds !== undefined).map((o) => o.choice),
        ...entered.filter((o) => o.principal === principal).map((o) => o.choice),
        ...fresh.filter((o) => o.principal === principal).map((o) => o.choice),
      ]);
      if (sides !== undefined) heldWhen.set(principal, sides);
      onInstance.delete(principal);
      added = true;
    }
    for (const o of swaps) {
      if (holds.has(o.principal) || onInstance.has(o.principal)) continue;
      onInstance.set(o.principal, 'escalation');
      added = true;
    }
    const last = !added || hop === MAX_HOPS - 1;
    for (const o of round) if (last || reaching.has(o.principal)) found.push(o);
    if (last) break;
    pending = pending.filter((p) => !reaching.has(p));
    pendingEntering = pendingEntering.filter((p) => !entrants.has(p));
  }
  return {
    paths: found,
    workloadPaths: through,
    samlPaths,
    samlUndecided,
    swapPaths: swapped,
    holds,
    caveats,
    statements,
  };
}

// Targets listed for one principal and path that hold nothing (the path would rewrite them):
// all alike, a few name the finding; a pattern may name thousands. And how many of those a
// pattern names are tried before giving up (their trust policies, a Deny or the boundary may
// close the path toward each).
const REWRITE_TARGETS = 10;
const REWRITE_TRIES = 100;
// Likewise for the targets a pattern names that hold something: the first administrators reached
// name the finding, and a scan of thousands of administrator roles is not paired with every grant.
const HELD_TARGETS = 10;
const HELD_TRIES = 200;

/**
 * Whether a path runs the role it passes on an EC2 instance (its service passes it to EC2): code
 * there acts with the role's instance profile, which a role of `onInstance` may swap.
 */
const landsOnInstance = (path: EscalationPath): boolean => path.passedTo?.includes('ec2.amazonaws.com') === true;

/**
 * What the Denies, the boundary and the SCPs, read with the keys of each request of a path toward
 * one target, do to it: `closed` when they refuse passing roles to the path's service (as on the
 * paths through any role), else why a Deny testing a key the request may or may not carry may
 * refuse an action (the same "unless" as a path through any role says).
 */
function deniesOnPath(
  permissions: PermissionQueries,
  path: EscalationPath,
  target: PrincipalInput,
): 'closed' | readonly string[] {
  // The role a CloudFormation call names is the target; known only after deploy, any role stands
  // for it (a Deny of every role but one would then close a path that may well be open).
  const role = typeof target.arn === 'string' ? target.arn : undefined;
  const unless: string[] = [];
  for (const action of path.actions) {
    const lowered = action.toLowerCase();
    const passes = path.passedTo !== undefined && (lowered === 'iam:passrole' || role !== undefined);
    if (passes && passRefused(permissions, action, path.passedTo ?? [], role)) return 'closed';
    const keys = pathActionUnless(permissions, action, path.passedTo, role);
    if (keys.length > 0) unless.push(denyRefusesText(action, keys));
  }
  return unless;
}

function pathsOfPrincipals(
  naming: readonly PrincipalInput[],
  candidates: readonly PrincipalInput[],
  statements: ReadonlyMap<PrincipalInput, Grant[]>,
  holds: ReadonlyMap<PrincipalInput, TargetHolds>,
  /** Roles that escalate only from an instance they run on (their own instance profile). */
  onInstance: ReadonlyMap<PrincipalInput, TargetHolds>,
  granted: Map<PrincipalInput, Granted>,
  engine: EngineView,
  taken: readonly PolicyValue[],
  heldWhen: ReadonlyMap<PrincipalInput, DeployChoice>,
): TargetedPath[] {
  const found: TargetedPath[] = [];
  let index: TargetIndex | undefined;
  for (const principal of naming) {
    const own = statements.get(principal) ?? [];
    let plan = granted.get(principal);
    if (plan === undefined) granted.set(principal, (plan = pathsGranted(own)));
    const { rewrites, viable } = plan;
    if ((!rewrites && holds.size === 0 && onInstance.size === 0) || viable.length === 0) continue;
    const boundary = boundaryStatements(principal);
    const serviceOnly = trustsServicesOnly(principal);
    const attaching = attachCheck(principal, own, engine);
    const partition = engine.permissionsOf(principal).partition;
    index ??= new TargetIndex(candidates);
    let rewriteOnly = 0;
    let tries = 0;
    let heldReached = 0;
    let heldTries = 0;
    const pair = (target: PrincipalInput): void => {
      if (target === principal) return;
      const held = holds.get(target);
      const onItsInstance = held === undefined ? onInstance.get(target) : undefined;
      if (held === undefined && onItsInstance === undefined) {
        if (!rewrites || rewriteOnly >= REWRITE_TARGETS || tries >= REWRITE_TRIES) return;
        tries += 1;
      } else heldTries += 1;
      // A role escalating from its instance only is reached by the paths that put it on one.
      const targetHoldsOf = (path: EscalationPath): TargetHolds | undefined =>
        held ?? (landsOnInstance(path) ? onItsInstance : undefined);
      const open = viable
        .map((path) =>
          openToward(
            principal,
            path,
            own,
            boundary,
            target,
            targetHoldsOf(path),
            serviceOnly,
            attaching,
            taken,
            partition,
          ),
        )
        .filter((o): o is Omit<TargetedPath, 'principal' | 'target'> => o !== undefined);
      // The shortest paths only: a longer one with the same actions and more adds nothing.
      // Only the paths some deploy opens count toward the targets tried: those no deploy opens
      // must not keep a pattern from reaching an administrator further on.
      const kept: TargetedPath[] = [];
      for (const o of open) {
        if (open.some((other) => other !== o && isStrictSubset(other.path, o.path))) continue;
        const denies = deniesOnPath(engine.permissionsOf(principal), o.path, target);
        if (denies === 'closed') continue;
        const { choice: granted, ...rest } = o;
        const choice = pathChoice(granted, principal, target, o.targetHolds === undefined ? new Map() : heldWhen);
        if (choice !== null)
          kept.push({
            ...rest,
            principal,
            target,
            ...(choice === undefined ? {} : { choice }),
            ...(denies.length > 0 ? { unless: denies } : {}),
          });
      }
      found.push(...kept);
      if (kept.length > 0) {
        if (kept.every((o) => o.targetHolds === undefined)) rewriteOnly += 1;
        else heldReached += 1;
      }
    };
    const named = index.namedBy(own);
    if (named !== undefined) for (const target of named) pair(target);
    else {
      // A pattern names any candidate: those that hold something first (administrators before the
      // principals with a path to one), a few of them, then for a rewrite a few others.
      for (const target of [...holds.keys(), ...onInstance.keys()]) {
        if (heldReached >= HELD_TARGETS || heldTries >= HELD_TRIES) break;
        pair(target);
      }
      for (const target of candidates) {
        if (!rewrites || rewriteOnly >= REWRITE_TARGETS || tries >= REWRITE_TRIES) break;
        if (!holds.has(target) && !onInstance.has(target)) pair(target);
      }
    }
  }
  return found;
}

/**
 * The paths whose every action some Allow of the principal grants, on whatever resource, and
 * whether one of them rewrites a principal's policies and then acts as it (a target that holds
 * nothing pays only that way: without such a path, only targets that hold something are worth
 * pairing).
 */
function pathsGranted(own: readonly Grant[]): Granted {
  const granted = new Set<string>();
  for (const { statement } of own) {
    const action = statement.action;
    if (statement.effect !== 'Allow' || action === undefined) continue;
    // Actions written out (most statements) are granted as written; patterns are matched.
    if (!action.negated && action.values.every((v) => typeof v === 'string' && !/[*?]/.test(v)))
      for (const v of action.values) granted.add(v.toLowerCase());
    else for (const a of PATH_ACTIONS) if (!granted.has(a) && actionMatches(statement, a)) granted.add(a);
  }
  const viable = LOWERED_PATHS.filter(({ actions }) => actions.every((a) => granted.has(a)));
  return { rewrites: viable.some((p) => p.rewritesAndUses), viable: viable.map(({ path }) => path) };
}

/**
 * A role of the scan whose permissions the caller writes (`iam:AttachRolePolicy`,
 * `iam:PutRolePolicy` on it) and that it then passes to a service running its code: each
 * pass-role-to-service path with the rewrite before it. Only a named role makes them worth
 * asking (on every role, attaching alone is `iam-009`). Our own ids: `role-attach-lambda-001`.
 */
const REWRITE_AND_PASS: readonly EscalationPath[] = ESCALATION_PATHS.filter(
  (path) => path.family === 'pass-role-to-service',
).flatMap((path) =>
  (
    [
      ['attach', 'iam:AttachRolePolicy'],
      ['put', 'iam:PutRolePolicy'],
    ] as const
  ).map(([give, action]): EscalationPath => ({
    id: `role-${give}-${path.id}`,
    family: 'iam-policy-modification',
    actions: [action, ...path.actions],
    ...(path.passedTo !== undefined ? { passedTo: path.passedTo } : {}),
    ...(path.meets !== undefined ? { meets: path.meets } : {}),
    cloudsplaining: [],
  })),
);

// The paths with their actions lower-cased, and every action some path or rewrite needs.
// Paths through a principal the caller creates have no target of the scan (escalation-created.ts).
const LOWERED_PATHS = [...ESCALATION_PATHS.filter((path) => path.creates === undefined), ...REWRITE_AND_PASS].map(
  (path) => {
    const actions = path.actions.map((a) => a.toLowerCase());
    const targeted = actions.filter((a) => TARGET_KIND[a] !== undefined);
    // A path that rewrites its target and then acts as it (the only kind open toward a target that holds nothing).
    const rewritesAndUses = targeted.some((a) => REWRITES.has(a)) && targeted.some((a) => !REWRITES.has(a));
    return { path, actions, rewritesAndUses };
  },
);
const PATH_ACTIONS: readonly string[] = [...new Set([...LOWERED_PATHS.flatMap((p) => p.actions), ...REWRITES])];

interface Granted {
  readonly rewrites: boolean;
  readonly viable: readonly EscalationPath[];
}

/**
 * The principals a grant's written resources may name, found by ARN, by kind and name, or by an
 * attached managed policy, instead of pairing every principal with every other (a scan of
 * thousands of roles, each allowed to pass its own). A value with a wildcard or a policy variable
 * may name any of them: the caller then tries those that matter, and `names` decides in the end.
 */
class TargetIndex {
  private readonly byText = new Map<string, PrincipalInput[]>();

  constructor(candidates: readonly PrincipalInput[]) {
    for (const c of candidates) {
      if (c.arn !== undefined) this.add(valueToString(c.arn), c);
      if (typeof c.name === 'string') this.add(`${c.kind}|${c.name.toLowerCase()}`, c);
      for (const a of c.policies) if (a.kind === 'managed' && a.arn !== undefined) this.add(valueToString(a.arn), c);
    }
  }

  private add(key: string, principal: PrincipalInput): void {
    const list = this.byText.get(key);
    if (list === undefined) this.byText.set(key, [principal]);
    else if (list[list.length - 1] !== principal) list.push(principal);
  }

  /**
   * The candidates the Allow statements of `own` that name some principal may reach; `undefined`
   * when a wildcard or a policy variable may name any of them.
   */
  namedBy(own: readonly Grant[]): readonly PrincipalInput[] | undefined {
    const out = new Set<PrincipalInput>();
    for (const { statement } of own) {
      if (statement.effect !== 'Allow' || !namesSomePrincipal(statement)) continue;
      for (const value of statement.resource?.values ?? []) {
        if (typeof value === 'string' && !IAM_PRINCIPAL_OR_POLICY.test(value)) continue;
        const text = valueToString(value);
        const literal = typeof value === 'string' ? value : value.parts.filter((p) => typeof p === 'string').join('');
        if (/[*?]|\$\{/.test(literal)) return undefined;
        for (const c of this.byText.get(text) ?? []) out.add(c);
        const named = /^arn:[^:]*:iam::[^:]*:(role|user|group)\/(?:.*\/)?([^/]+)$/i.exec(text);
        if (named !== null)
          for (const c of this.byText.get(
            `${(named[1] as string).toLowerCase()}|${(named[2] as string).toLowerCase()}`,
          ) ?? [])
            out.add(c);
      }
    }
    return [...out];
  }
}

function openToward(
  caller: PrincipalInput,
  path: EscalationPath,
  own: readonly Grant[],
  boundary: readonly Statement[] | undefined,
  target: PrincipalInput,
  targetHolds: TargetHolds | undefined,
  serviceOnly: boolean,
  attaching: AttachCheck,
  taken: readonly PolicyValue[],
  partition: Partition | undefined,
): Omit<TargetedPath, 'principal' | 'target'> | undefined {
  const lowered = path.actions.map((a) => a.toLowerCase());
  // A role only AWS services assume, allowed to assume another role: the chain a service is set up
  // with (a StackSet administration role and its execution role), no way in for a user.
  if (serviceOnly && lowered.every((a) => a === 'sts:assumerole')) return undefined;
  const targeted = lowered.filter((a) => TARGET_KIND[a] !== undefined);
  if (targeted.length === 0 || targeted.some((a) => TARGET_KIND[a] !== target.kind && TARGET_KIND[a] !== 'policy'))
    return undefined;
  // Rewriting another principal's policies only pays with a way to act as it (assume it, create its key).
  const uses = targeted.filter((a) => !REWRITES.has(a));
  if (uses.length === 0 || (targetHolds === undefined && uses.length === targeted.length)) return undefined;
  // Assuming the target needs its trust policy to let principals of an account in, not a service alone.
  if (
    lowered.includes('sts:assumerole') &&
    !lowered.includes('iam:updateassumerolepolicy') &&
    !trustOf(target.trustPolicy?.document).callers.some((value) => mayBeCaller(value, caller))
  )
    return undefined;
  // A role passed (an administrator, or one rewritten first) must be one the path's service may
  // assume: Lambda refuses a function whose role it cannot assume, EC2 an instance profile's.
  if (lowered.includes('iam:passrole') && !trustsServiceOf(target, path.passedTo ?? [])) return undefined;
  // The target passed to a service: the caller's own resource of that service runs as it, and a
  // resource the grant names (`function:builder-*`, one identity pool, one task definition run
  // with a role override) is one the caller creates or uses, not only every resource. The actions
  // that act on that one resource must then reach one of it together (`meets`).
  const passesTarget = lowered.includes('iam:passrole');
  const choices: Grant[][] = [];
  // Every statement granting an action only matters when the path's actions must meet: else the first.
  const all = passesTarget && path.meets !== undefined;
  for (const action of path.actions) {
    const onTarget = TARGET_KIND[action.toLowerCase()] !== undefined;
    const allows = (g: Grant): boolean =>
      g.statement.effect === 'Allow' &&
      actionMatches(g.statement, action) &&
      !passesOnlyElsewhere(g.statement, action, path.passedTo ?? []) &&
      !(passesTarget && namesNoRole(g.statement, action)) &&
      constrainingClauses(
        g.statement,
        (c) =>
          leavesEscalationOpen(c) ||
          isPassedToServiceOf(c, action) ||
          // A stack pinned to the target role (`cloudformation:RoleArn`) is the way to pass it.
          (passesTarget && target.arn !== undefined && roleArnAdmits(c, target.arn)) ||
          namesMeetResource(path.meets, action, c.key) ||
          (c.key.toLowerCase() === 'iam:policyarn' &&
            ATTACHES.has(action.toLowerCase()) &&
            attaching(g.statement, action)),
        { action, partition },
      ).length === 0 &&
      (coversAllResourcesOf(g.statement) ||
        (onTarget ? names(g.statement, target, action) : passesTarget && reachesSomeResource(g.statement, action)));
    const allowing = own.filter(allows);
    if (allowing.length === 0 || denied(own, action, target) || !boundaryAllows(boundary, action, target))
      return undefined;
    choices.push(allowing);
  }
  const grants = all ? meetingGrants(path, choices, taken) : choices.map((c) => c[0] as Grant);
  // Granted on every resource: the path rules report it already.
  // Not when a grant names the target in `cloudformation:RoleArn`: the path rules leave that to this one.
  const pinned = passesTarget && (grants ?? []).some((g) => g.statement.conditions.some((c) => isRoleArnClause(c)));
  if (grants === undefined || (!pinned && grants.every((g) => coversAllResourcesOf(g.statement)))) return undefined;
  // Any grant of an action opens the path with the others: the sides of each action are those of all its grants.
  const choice = grantedChoice(choices.map((c) => c.map((g) => g.choice)));
  return { path, grants, targetHolds, ...(choice === undefined ? {} : { choice }) };
}

// Above this many combinations of one statement per action, the path is taken as open (reported
// rather than dropped on a guess).
const MAX_MEETING_TRIES = 200;

/**
 * One of the candidate statements of each action (the first ones when they do), such that the
 * actions the path needs on one same resource reach one (`meets`); undefined when no choice does.
 */
function meetingGrants(
  path: EscalationPath,
  choices: readonly (readonly Grant[])[],
  taken: readonly PolicyValue[],
): Grant[] | undefined {
  const picked = choices.map((c) => c[0] as Grant);
  const meets = path.meets;
  if (meets === undefined) return picked;
  const at = (action: string): number => path.actions.indexOf(action);
  const statementOf = (action: string): Statement => (picked[at(action)] as Grant).statement;
  const involved = [...new Set(meets.flatMap((m) => m.actions.map(at)))];
  // The first statements of the actions granted on every resource (the usual `*`) meet anywhere,
  // unless a condition names the resource an action reaches.
  if (involved.every((i) => coversEveryResource((picked[i] as Grant).statement)) && meets.every((m) => !m.keys))
    return picked;
  let tried = 0;
  const search = (depth: number): boolean => {
    if (++tried > MAX_MEETING_TRIES) return true;
    if (depth === involved.length) return meets.every((m) => meetOnOneResource(m, statementOf, taken));
    const index = involved[depth] as number;
    for (const grant of choices[index] ?? []) {
      picked[index] = grant;
      if (search(depth + 1)) return true;
    }
    return false;
  };
  return search(0) ? picked : undefined;
}

const ATTACHES = new Set(['iam:attachrolepolicy', 'iam:attachuserpolicy']);

/** Whether the statement allows `action` on some resource it acts on (a resource the catalog cannot rule out). */
function reachesSomeResource(statement: Statement, action: string): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated) return true;
  return set.values.some((value) => actionResourceMatch(action, value) !== 'no-match');
}

/**
 * Whether an attach statement's `iam:PolicyARN` conditions let through a policy that gives away
 * administrator access or IAM (`AdministratorAccess`, `arn:aws:iam::aws:policy/*`, a policy the
 * principal may write): then they do not close the path, as on the per-policy paths.
 */
type AttachCheck = (statement: Statement, action: string) => boolean;

function attachCheck(principal: PrincipalInput, own: readonly Grant[], engine: EngineView): AttachCheck {
  const owned: OwnedStatement[] = own.map(({ statement, source }) => ({
    statement,
    policyId: source.id,
    policyName: source.name,
  }));
  // What the principal's denies, boundary and the configured SCPs block, as the engine reads them
  // for the per-policy paths: asked of it only when an attach is conditioned on `iam:PolicyARN`.
  let view: PermissionQueries | undefined;
  const permissions: PermissionQueries = {
    blockedEverywhere: (action) => (view ??= engine.permissionsOf(principal)).blockedEverywhere(action),
    closedByRegion: (action) => (view ??= engine.permissionsOf(principal)).closedByRegion(action),
    blockedOn: (action, resource) => (view ??= engine.permissionsOf(principal)).blockedOn(action, resource),
    blockedWith: (action, keys) => (view ??= engine.permissionsOf(principal)).blockedWith(action, keys),
    refusedUnless: (action, keys) => (view ??= engine.permissionsOf(principal)).refusedUnless(action, keys),
    get partition() {
      return (view ??= engine.permissionsOf(principal)).partition;
    },
    get partitionAssumed() {
      return (view ??= engine.permissionsOf(principal)).partitionAssumed;
    },
  };
  const answers = new Map<Statement, boolean>();
  return (statement, action) => {
    let answer = answers.get(statement);
    if (answer === undefined) {
      answer = admittedEscalatingPolicy(statement, action, 'policy', owned, engine.catalog, permissions) !== undefined;
      answers.set(statement, answer);
    }
    return answer;
  };
}

/** An unconditional Deny of the action on every resource or on the target. */
function denied(own: readonly Grant[], action: string, target: PrincipalInput): boolean {
  return own.some(
    ({ statement: s }) =>
      s.effect === 'Deny' &&
      actionMatches(s, action) &&
      s.conditions.length === 0 &&
      (coversAllResourcesOf(s) || names(s, target, action)),
  );
}

/** Without a boundary every action passes; with one, it must allow the action on the target. */
function boundaryAllows(boundary: readonly Statement[] | undefined, action: string, target: PrincipalInput): boolean {
  if (boundary === undefined) return true;
  return boundary.some(
    (s) => s.effect === 'Allow' && actionMatches(s, action) && (coversAllResourcesOf(s) || names(s, target, action)),
  );
}

/**
 * The statements of the principal's identity policies (inline and managed, those the input holds
 * and the AWS managed ones it attaches by ARN, from the catalog: `SystemAdministrator` passes the
 * `ec2-sysadmin-*` roles as a policy written out would); `services` tells the JSON texts that may
 * enter a workload of the scan.
 */
function identityStatements(
  principal: PrincipalInput,
  services: RegExp | undefined,
  awsManaged: (arn: string) => unknown,
): Grant[] {
  const grants: Grant[] = [];
  for (const attachment of principal.policies) {
    const source = attachment.policy ?? adminlessCatalogSource(attachment, awsManaged, principal);
    if (source === undefined || source.unresolved !== undefined || cannotMatter(source.document, services)) continue;
    const parsed = parsedManaged.get(source.document as object) ?? parsePolicy(source.document, { type: 'identity' });
    if (!parsed.ok) continue;
    if (attachment.policy === undefined) parsedManaged.set(source.document as object, parsed);
    for (const statement of parsed.value.statements) {
      const choice = statementChoice(source, statement, attachment);
      grants.push({ statement, source, ...(choice === undefined ? {} : { choice }) });
    }
  }
  return grants;
}

// The AWS managed documents of the catalog, parsed once for every principal attaching them.
const parsedManaged = new WeakMap<object, ReturnType<typeof parsePolicy>>();

/** The AWS managed policy an attachment names by ARN alone, from the catalog, but `AdministratorAccess`. */
function adminlessCatalogSource(
  attachment: PrincipalInput['policies'][number],
  awsManaged: (arn: string) => unknown,
  principal: PrincipalInput,
): PolicySource | undefined {
  const source = catalogPolicySource(attachment, awsManaged, principal.location);
  // `AdministratorAccess` makes an administrator by its ARN (`administratorWhen`), on the sides it
  // is attached on: its `*` on `*` would stand for every grant of the principal's on those sides.
  if (source === undefined || ADMINISTRATOR_ACCESS.test(source.id)) return undefined;
  return typeof source.document === 'object' && source.document !== null ? source : undefined;
}

/**
 * A policy written as JSON text that names no IAM resource, grants no `*`, has no `Not...` element
 * and no action of a service whose actions enter a workload of the scan (`services`) can neither
 * make its holder an administrator nor name a principal or workload: not parsed again (the engine
 * has read every policy already; most of a large plan's are of this kind).
 */
function cannotMatter(document: unknown, services: RegExp | undefined): boolean {
  return (
    typeof document === 'string' &&
    !document.includes(':iam::') &&
    !document.includes('"*') &&
    !document.includes('Not') &&
    !document.includes('\\u') &&
    (services === undefined || !services.test(document))
  );
}

const boundaryStatements = perPrincipal(computeBoundaryStatements);

function computeBoundaryStatements(principal: PrincipalInput): readonly Statement[] | undefined {
  const boundary = principal.permissionsBoundary;
  if (boundary === undefined) return undefined;
  const document = boundary.policy?.document;
  // A boundary the input does not hold: what it allows is unknown, the path is not claimed.
  if (document === undefined) return [];
  const parsed = parsePolicy(document, { type: 'boundary' });
  return parsed.ok ? parsed.value.statements : [];
}

/**
 * Administrator access: `AdministratorAccess` attached (or held through a group), or every action on
 * every resource without a condition. Undefined when not one; else the sides it is one on, when
 * only some deploys attach or write what makes it one.
 */
function administratorWhen(
  principal: PrincipalInput,
  own: readonly Grant[],
): { readonly choice: DeployChoice | undefined } | undefined {
  if (principal.permissionsBoundary !== undefined) return undefined;
  const managed = principal.policies.filter(
    (a) =>
      (a.kind === 'aws-managed' || a.kind === 'group') && typeof a.arn === 'string' && ADMINISTRATOR_ACCESS.test(a.arn),
  );
  const full = own.some(({ statement }) => statement.effect === 'Deny')
    ? []
    : own.filter(({ statement }) => isFullAccess(statement) && statement.conditions.length === 0);
  if (managed.length === 0 && full.length === 0) return undefined;
  return { choice: mergedChoices([...managed.map((a) => a.deployedWhen), ...full.map((g) => g.choice)]) };
}

/** Whether the principal holds administrator access (see `administratorWhen`). */
function isAdministrator(principal: PrincipalInput, own: readonly Grant[]): boolean {
  return administratorWhen(principal, own) !== undefined;
}

/**
 * The deploy choices under which a path is open (`granted`: those of its grants), with what the
 * target holds when it holds it on some sides only (`heldWhen`, of a target of the caller's own
 * template: conditions are the template's): undefined on every deploy, null when no deploy makes
 * them together (`IsProd` and `IsDev` on one parameter).
 */
function pathChoice(
  granted: DeployChoice | undefined,
  principal: PrincipalInput,
  target: PrincipalInput,
  heldWhen: ReadonlyMap<PrincipalInput, DeployChoice>,
): DeployChoice | undefined | null {
  const sameTemplate =
    target.location.file === principal.location.file && target.location.stack === principal.location.stack;
  const choice = bothChoices(sameTemplate ? heldWhen.get(target) : undefined, granted);
  const holders = [principal, ...(sameTemplate ? [target] : [])].flatMap((p) =>
    p.policies.flatMap((a) => [a, a.policy]),
  );
  return settledChoice(choice, knownSidesOf(holders));
}

/** `compute` once per principal: the hops of `computeTargetedPaths` ask again about the same ones. */
function perPrincipal<T>(compute: (principal: PrincipalInput) => T): (principal: PrincipalInput) => T {
  const answers = new WeakMap<PrincipalInput, { readonly value: T }>();
  return (principal) => {
    let answer = answers.get(principal);
    if (answer === undefined) answers.set(principal, (answer = { value: compute(principal) }));
    return answer.value;
  };
}

/**
 * Whether an AWS principal a trust policy names may be the caller: an account (its root, its id),
 * whose identity policies then decide, or the caller itself. A role or user of another name is
 * someone else (a role trusting only `role/breakglass-broker` lets no other role of the account
 * assume it); a name known only after deploy, or a pattern, may be the caller.
 */
function mayBeCaller(value: PolicyValue, caller: PrincipalInput): boolean {
  const named = /:(role|user)\/(?:.*\/)?([^/]+)$/i.exec(valueToString(value));
  if (named === null || namesPrincipal(value, caller)) return true;
  const [, kind = '', name = ''] = named;
  if (typeof caller.name !== 'string' || /[*?${}]/.test(name)) return true;
  return kind.toLowerCase() === caller.kind && name.toLowerCase() === caller.name.toLowerCase();
}

/** A role whose trust policy lets AWS services in, and nobody else. */
const trustsServicesOnly = perPrincipal(
  (principal) => principal.kind === 'role' && trustOf(principal.trustPolicy?.document).servicesOnly,
);

interface Trust {
  /** The AWS principals (accounts, roles, users) its Allows of `sts:AssumeRole` let in. */
  readonly callers: readonly PolicyValue[];
  readonly servicesOnly: boolean;
}

// Trust policies by their JSON text: the roles of one kind share theirs (every function role trusts Lambda).
const trustByText = new Map<string, Trust>();
const TRUST_TEXTS_LIMIT = 10_000;

function trustOf(document: unknown): Trust {
  if (typeof document !== 'string') return computeTrust(document);
  let trust = trustByText.get(document);
  if (trust === undefined) {
    if (trustByText.size >= TRUST_TEXTS_LIMIT) trustByText.clear();
    trustByText.set(document, (trust = computeTrust(document)));
  }
  return trust;
}

function computeTrust(document: unknown): Trust {
  const parsed = document === undefined ? undefined : parsePolicy(document, { type: 'trust' });
  if (parsed === undefined || !parsed.ok) return { callers: [], servicesOnly: false };
  const allows = parsed.value.statements.filter((s) => s.effect === 'Allow');
  const entries = allows.flatMap((s) => s.principal?.entries ?? []);
  return {
    callers: allows
      .filter((s) => actionMatches(s, 'sts:AssumeRole'))
      .flatMap((s) => (s.principal?.entries ?? []).filter((e) => e.type === 'AWS' || e.type === '*'))
      .map((e) => e.value),
    servicesOnly: entries.length > 0 && entries.every((e) => e.type === 'Service'),
  };
}

const IAM_PRINCIPAL_OR_POLICY = /^arn:[^:]*:iam::[^:]*:(?:role|user|group|policy)\//i;

/** Whether some resource of the statement may be a role or user (a quick test before pairing). */
function namesSomePrincipal(statement: Statement): boolean {
  const set = statement.resource;
  return (
    set !== undefined &&
    !set.negated &&
    set.values.some((v) => typeof v !== 'string' || IAM_PRINCIPAL_OR_POLICY.test(v))
  );
}

/**
 * Whether the statement's resources name what `action` acts on in the target: the target itself
 * (its ARN, concrete or symbolic, or a pattern matching it), or for policy versions a managed
 * policy attached to it.
 */
function names(statement: Statement, target: PrincipalInput, action: string): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated) return false;
  if (TARGET_KIND[action.toLowerCase()] === 'policy') {
    const attached = target.policies.flatMap((a) => (a.kind === 'managed' && a.arn !== undefined ? [a.arn] : []));
    return (
      set.values.some((value) => attached.some((arn) => matchPolicyValue(value, arn) === 'match')) ||
      namesInOwnAccount(statement, attached)
    );
  }
  return (
    set.values.some((value) => namesPrincipal(value, target)) ||
    (target.arn !== undefined && namesInOwnAccount(statement, [target.arn]))
  );
}

/** The message data and evidence of one targeted path. */
function describeTargeted(
  open: TargetedPath,
  caveats: ReadonlyMap<PrincipalInput, string>,
): {
  data: Record<string, string>;
  evidence: Record<string, unknown>;
} {
  const { path, target, grants } = open;
  const statementOf = (action: string): Statement => (grants[path.actions.indexOf(action)] as Grant).statement;
  const named = path.meets?.map((meet) => namedMeeting(meet, statementOf)).find((arn) => arn !== undefined);
  const unless = open.targetHolds === 'escalation' ? caveats.get(target) : undefined;
  return {
    data: {
      owner: `${open.principal.kind} \`${open.principal.id}\``,
      actions: path.actions.map((a) => `\`${a}\``).join(' + '),
      path: `path \`${path.id}\``,
      target: `${target.kind} \`${principalLabel(target)}\``,
      holds:
        open.targetHolds === 'admin'
          ? 'administrator access'
          : open.targetHolds === 'escalation'
            ? `an escalation path to administrator access${unless === undefined ? '' : ` unless ${unless}`}`
            : 'the permissions these actions write into it',
      ...(named !== undefined ? { resource: `\`${named}\`` } : {}),
      why: open.unless === undefined ? '' : `: open unless ${open.unless.join(' or ')}`,
    },
    evidence: {
      path: path.id,
      ...(path.url ? { url: path.url } : {}),
      actions: path.actions,
      target: target.id,
      ...(open.targetHolds !== undefined ? { targetHolds: open.targetHolds } : {}),
      ...(unless !== undefined ? { unless } : {}),
      ...(open.unless !== undefined ? { openUnless: open.unless } : {}),
      ...(named !== undefined ? { createsNamed: named } : {}),
      grantedBy: grants.map((g, i) => ({
        action: path.actions[i],
        policy: g.source.name,
        pointer: g.statement.pointer,
      })),
    },
  };
}

/** The paths of the scan through a SAML provider a role trusts (`iam-update-saml-provider`). */
export function samlPathsOf(context: EngineView, account: AccountSubject): readonly FederatedPath[] {
  return targetedAnalysis(account.principals, account.workloads, context).samlPaths;
}

/** The SAML paths of the scan that the policies do not decide (a provider given only at deploy). */
export function samlUndecidedOf(context: EngineView, account: AccountSubject): readonly UndecidedFederatedPath[] {
  return targetedAnalysis(account.principals, account.workloads, context).samlUndecided;
}

/**
 * The paths of the scan through an instance role's own profile (`ec2-swap-own-profile`), each
 * with what may close the path of the role it puts on the instance, when its every path says so.
 */
export function swapPathsOf(context: EngineView, account: AccountSubject): readonly SwapPath[] {
  const { swapPaths, caveats } = targetedAnalysis(account.principals, account.workloads, context);
  return swapPaths.map((o) => {
    const unless = o.targetHolds === 'escalation' ? caveats.get(o.target) : undefined;
    return unless === undefined ? o : { ...o, unless };
  });
}

/**
 * The groups of the scan toward which the statement (of policy `source`) opens a path for the
 * principal: administrators groups it may add a user to, the only groups a path targets.
 */
export function groupsReachedBy(
  context: EngineView,
  account: AccountSubject,
  principal: PrincipalInput,
  source: PolicySource,
  statement: Statement,
): PrincipalInput[] {
  return targetedAnalysis(account.principals, account.workloads, context)
    .paths.filter(
      (o) =>
        o.principal === principal &&
        o.target.kind === 'group' &&
        o.grants.some((g) => g.source.id === source.id && g.statement.pointer === statement.pointer),
    )
    .map((o) => o.target);
}

/**
 * Reports the targeted paths of `family`, one per (principal, target, deploy choice): the ways to
 * one target open under the same choice (each path open toward it) are one finding, located at the
 * statement granting the first action of the most direct way (fewest actions), that names the
 * others (`evidence.alsoOpens`); a way open on every deploy is never named by one open on some
 * sides only. Targets reached the same ways from the same statement are one finding that names the
 * most privileged (administrators first) and lists the others in `evidence.targets`.
 */
export function reportTargetedPaths<M extends string>(
  context: RuleContext<M>,
  subject: AccountSubject,
  family: EscalationFamily,
  messageId: M,
  /** The message when the path creates a resource of one name the grants write out (`{{resource}}`). */
  namedMessageId: M = messageId,
): void {
  const analysis = targetedAnalysis(subject.principals, subject.workloads, context);
  const paths = analysis.paths.filter((o) => o.path.family === family && o.grants[0] !== undefined);
  for (const sorted of byStatement(waysByTarget(paths), (w) => {
    const first = w.open.grants[0] as Grant;
    return `${first.source.id} ${first.statement.pointer} ${w.also.join(' ')} ${w.open.path.id} ${w.choiceKey}`;
  })) {
    const { open, also } = sorted[0] as TargetWays;
    const first = open.grants[0] as Grant;
    const { data, evidence } = describeTargeted(open, analysis.caveats);
    const choice = open.choice;
    context.report({
      messageId: data.resource !== undefined ? namedMessageId : messageId,
      data: { ...data, path: pathsText([open.path.id, ...also]) },
      // On some sides only: named by them; else on every deploy, whatever the sides of the
      // statement it is located at.
      choice: choice ?? 'every-deploy',
      principal: open.principal.id,
      location: first.source.location,
      statement: first.statement,
      policy: first.source,
      // Per target (and the sides it is open on), not per path or statement: a new way to the same
      // target, or the statements reordered, keep the fingerprint (and a baseline entry) of the finding.
      key: `target ${open.target.id}${choice === undefined ? '' : ` when ${choiceKey(choice)}`}`,
      evidence: {
        ...evidence,
        ...(also.length > 0 ? { alsoOpens: also } : {}),
        ...(sorted.length > 1 ? { targets: sorted.map((w) => w.target.id) } : {}),
      },
    });
  }
}

/** The ways one principal reaches one target under one deploy choice: the most direct path, the ids of the others. */
interface TargetWays {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly targetHolds: TargetHolds | undefined;
  readonly open: TargetedPath;
  readonly also: readonly string[];
  /** The key of the deploy choice they are open under (empty: every deploy). */
  readonly choiceKey: string;
}

/** The paths grouped per (principal, target, deploy choice), the most direct way (fewest actions, then by id) first. */
function waysByTarget(paths: readonly TargetedPath[]): TargetWays[] {
  const keyOf = (o: TargetedPath): string => (o.choice === undefined ? '' : choiceKey(o.choice));
  return byStatement(paths, (o) => `${o.target.id}\u0000${keyOf(o)}`).map((group) => {
    const sorted = [...group].sort(
      (a, b) =>
        a.path.actions.length - b.path.actions.length || (a.path.id < b.path.id ? -1 : a.path.id > b.path.id ? 1 : 0),
    );
    const open = sorted[0] as TargetedPath;
    const also = [...new Set(sorted.slice(1).map((o) => o.path.id))].filter((id) => id !== open.path.id);
    return {
      principal: open.principal,
      target: open.target,
      targetHolds: open.targetHolds,
      open,
      also,
      choiceKey: keyOf(open),
    };
  });
}

/**
 * Reports the paths through a workload of the scan (a function, an instance, a stack, ... that runs
 * as a role holding administrator access or a path to it), one per (principal, path, statement
 * naming the workload), located at that statement: several workloads of one statement are one
 * finding that names the one whose role is most privileged and lists the others in
 * `evidence.workloads`.
 */
export function reportWorkloadPaths<M extends string>(
  context: RuleContext<M>,
  subject: AccountSubject,
  messageId: M,
): void {
  const workloads = subject.workloads ?? [];
  if (workloads.length === 0) return;
  const groups = new Map<string, WorkloadPath[]>();
  const { workloadPaths, caveats } = targetedAnalysis(subject.principals, workloads, context);
  for (const open of workloadPaths) {
    const key = `${open.principal.id} ${open.path.id} ${open.anchor.source.id} ${open.anchor.statement.pointer}`;
    groups.set(key, [...(groups.get(key) ?? []), open]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => Number(a.roleHolds !== 'admin') - Number(b.roleHolds !== 'admin'));
    const open = sorted[0] as WorkloadPath;
    const { path, actions, anchor, role, workload } = open;
    const unless = open.roleHolds === 'escalation' ? caveats.get(role) : undefined;
    // A Deny of an action of the path that tests what the request may or may not carry: said as
    // on the paths through any resource.
    const permissions = context.permissionsOf(open.principal);
    const denies = actions.flatMap((action) => {
      const keys = pathActionUnless(permissions, action, path.passedTo);
      return keys.length === 0 ? [] : [denyRefusesText(action, keys)];
    });
    // On some sides only: named by them (several workloads: those of any).
    const choice = mergedChoices(sorted.map((o) => o.choice));
    context.report({
      messageId,
      choice: choice ?? 'every-deploy',
      data: {
        owner: `${open.principal.kind} \`${open.principal.id}\``,
        actions: actions.map((a) => `\`${a}\``).join(' + '),
        path: `path \`${path.id}\``,
        workload: `\`${workload.id}\``,
        target: `role \`${principalLabel(role)}\``,
        holds:
          open.roleHolds === 'admin'
            ? 'administrator access'
            : `an escalation path to administrator access${unless === undefined ? '' : ` unless ${unless}`}`,
        why: denies.length === 0 ? '' : `: open unless ${denies.join(' or ')}`,
      },
      principal: open.principal.id,
      location: anchor.source.location,
      statement: anchor.statement,
      policy: anchor.source,
      key: `${path.id} ${anchor.source.id} ${anchor.statement.pointer}`,
      evidence: {
        path: path.id,
        ...(path.url ? { url: path.url } : {}),
        actions,
        workload: workload.id,
        target: role.id,
        targetHolds: open.roleHolds,
        ...(unless !== undefined ? { unless } : {}),
        ...(denies.length > 0 ? { openUnless: denies } : {}),
        grantedBy: open.grants.map((g, i) => ({
          action: actions[i],
          policy: g.source.name,
          pointer: g.statement.pointer,
        })),
        ...(sorted.length > 1 ? { workloads: sorted.map((o) => o.workload.id) } : {}),
      },
    });
  }
}
