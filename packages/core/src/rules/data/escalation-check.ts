/**
 * Which escalation paths a principal's permissions open: each path's actions must all be allowed
 * on every resource they accept (or, for self-escalation actions, on the principal itself; for
 * the service actions of a pass-role path, on resources the caller names that the path's meets
 * reach together), not cut by a condition, a deny or the boundary. A path is reported once, in the policy that grants
 * its first action, and only when no shorter path with a subset of its actions is also open.
 */
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicySubject, RuleContext } from '../rule';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PermissionQueries } from '../../analysis/permissions';
import type { PrincipalInput } from '../../analysis/input';
import {
  deployWays,
  deployableWith,
  grantedChoice,
  knownSidesOf,
  mergedChoices,
  wayTakes,
} from '../../analysis/choices';
import type { DeployChoice } from '../../analysis/choices';
import { ESCALATION_PATHS, SELF_TARGETS, isStrictSubset } from './escalation-paths';
import type { EscalationFamily, EscalationPath } from './escalation-paths';
import type { OwnedStatement } from './grants';
import { anyRoleOf, boundaryConfinesPassRole, passRefusedButNamed } from './pass-role-boundary';
import {
  admittedEscalatingPolicy,
  grantsOnNamedResources,
  inputPoliciesOf,
  knownPolicies,
  openCreated,
} from './escalation-created';
import type { AdmittedPolicy, BoundaryEscape, InputPolicies } from './escalation-created';
import {
  excludesMeetResource,
  isPassedToServiceOf,
  namesInOwnAccount,
  namesNoRole,
  passesOnlyElsewhere,
  passRefused,
  pathActionUnless,
  denyRefusesText,
} from './path-meets';
import { runsOnlyFixedDocuments, sendsOnlyFixedDocuments } from './escalation-documents';
import { roleRetaggingFor, taggingOnCreate } from './escalation-tags';
import { actionMatcherOf, actionMatches } from '../statement-helpers';
import type { Partition } from '../../catalog/requested-region';
import {
  constrainingClauses,
  coversAllResourcesFor,
  isFullAccess,
  isNetworkOriginClause,
  isRequestTagClause,
  possibleActions,
  namesOneOf,
  principalStatements,
} from './grants';

/** How one action of a path is granted. */
interface PathGrant {
  readonly action: string;
  readonly grant: OwnedStatement;
  /** True when granted only on the principal itself (or a policy attached to it). */
  readonly self: boolean;
  /** Why conditions of the granting statement that seem to limit it do not (message and evidence). */
  readonly despite?: readonly ConditionDespite[];
}

/** A condition of a grant that leaves the path open, and why. */
interface ConditionDespite {
  /** The condition key, as written. */
  readonly key: string;
  readonly pointer: string;
  readonly why: string;
}

/** An open path with the statements that open it. */
interface OpenPath {
  readonly path: EscalationPath;
  readonly grants: readonly PathGrant[];
  /** Longer open paths this one makes redundant. */
  readonly covers: readonly EscalationPath[];
  /** For a path through a principal the caller creates: the names it may create it under. */
  readonly created?: string;
  /**
   * The deploy choices it opens on, when worked out from the ways a deploy may make the
   * principal's statements (`every-deploy`: on each); absent: those of its first grant's statement.
   */
  readonly choice?: DeployChoice | 'every-deploy';
}

const POLICY_ARN = 'iam:policyarn';
const ATTACHES = new Set(['iam:attachrolepolicy', 'iam:attachuserpolicy', 'iam:attachgrouppolicy']);
const BOUNDARY = 'iam:permissionsboundary';
// Actions that change the permissions of an existing role or user, whose boundary the request carries.
const WRITES_BOUNDED = new Set([
  'iam:putrolepolicy',
  'iam:attachrolepolicy',
  'iam:putuserpolicy',
  'iam:attachuserpolicy',
  'iam:updateassumerolepolicy',
]);

/** Questions a grant's conditions raise about the principal's other statements, answered once each. */
interface GrantChecks {
  /**
   * Whether an attach statement's `iam:PolicyARN` conditions let through a policy that gives away
   * administrator access or IAM (then they do not close the path).
   */
  readonly attaching: (statement: Statement, action: string) => boolean;
  /** The role tagging actions with which the principal makes any role pass a tag test of `iam:PassRole`. */
  readonly retagging: (clause: ConditionClause) => readonly string[];
  /**
   * The boundary a statement writing the policies of existing roles or users lets through by its
   * `iam:PermissionsBoundary` conditions that lets an IAM escalation through (`AdministratorAccess`,
   * a boundary of the input judged by its document) or that the caller may rewrite: then the boundary is no limit to
   * what it gives them. Undefined when the conditions admit none.
   */
  readonly bounding: (statement: Statement, action: string) => AdmittedPolicy | undefined;
  /** The actions with which the principal creates, carrying the tag a test wants, the resource `creating` makes. */
  readonly creatingTagged: (clause: ConditionClause, creating: string) => readonly string[];
  /** The partition of the principal's ARNs, whose IAM Region a Region test of its grants is read in. */
  readonly partition: Partition | undefined;
}

function grantChecks(
  context: RuleContext<string>,
  statements: readonly OwnedStatement[],
  input: InputPolicies,
): GrantChecks {
  const answers = new Map<Statement, boolean>();
  const retags = new Map<ConditionClause, readonly string[]>();
  const bounds = new Map<Statement, AdmittedPolicy | null>();
  const created = new Map<string, Map<ConditionClause, readonly string[]>>();
  return {
    partition: context.permissions.partition,
    attaching: (statement, action) => {
      let answer = answers.get(statement);
      if (answer === undefined) {
        const admitted = admittedEscalatingPolicy(
          statement,
          action,
          'policy',
          statements,
          context.catalog,
          context.permissions,
          input,
        );
        answers.set(statement, (answer = admitted !== undefined));
      }
      return answer;
    },
    retagging: (clause) => {
      let answer = retags.get(clause);
      if (answer === undefined)
        retags.set(clause, (answer = roleRetaggingFor(clause, statements, context.permissions)));
      return answer;
    },
    bounding: (statement, action) => {
      let answer = bounds.get(statement);
      if (answer === undefined) {
        answer =
          admittedEscalatingPolicy(
            statement,
            action,
            'existing',
            statements,
            context.catalog,
            context.permissions,
            input,
          ) ?? null;
        bounds.set(statement, answer);
      }
      return answer ?? undefined;
    },
    creatingTagged: (clause, creating) => {
      let byClause = created.get(creating);
      if (byClause === undefined) created.set(creating, (byClause = new Map<ConditionClause, readonly string[]>()));
      let answer = byClause.get(clause);
      if (answer === undefined)
        byClause.set(clause, (answer = taggingOnCreate(clause, creating, statements, context.permissions)));
      return answer;
    },
  };
}
const NO_SELF = { principal: [], policies: [] };

// The open paths depend on the principal (all its identity policies), not on which of its
// policies asks: computed once per principal and permission view, shared by the five path rules
// and every policy of the principal. A standalone policy is its own principal.
interface PrincipalPaths {
  readonly catalog: ActionCatalog;
  /** The principal the paths are of (for a standalone policy: undefined). */
  readonly principal: PrincipalInput | undefined;
  readonly paths: readonly OpenPath[];
}
// The paths of a principal, by its permissions (one object per principal in a run): one entry per
// key, no map per principal (a scan asks for every identity policy of every principal).
const byPrincipal = new WeakMap<PermissionQueries, PrincipalPaths>();
const bySubject = new WeakMap<PolicySubject, PrincipalPaths>();

/** The open paths of the subject's principal (or standalone policy), shortest first. */
function openPaths(context: RuleContext<string>, subject: PolicySubject): readonly OpenPath[] {
  const principal = subject.type === 'identity' ? subject.principal : undefined;
  const shared = principal !== undefined && attaches(principal, subject.source.id);
  const cached = shared ? byPrincipal.get(context.permissions) : bySubject.get(subject);
  if (cached && cached.catalog === context.catalog && cached.principal === principal) return cached.paths;
  const statements = principalStatements(subject, context.catalog);
  const byWay = statementsByWay(subject, statements);
  const paths =
    byWay !== undefined
      ? pathsOnSomeWay(context, subject, byWay)
      : shared
        ? sharedPaths(context, subject, statements)
        : computePaths(context, subject, statements);
  const entry: PrincipalPaths = { catalog: context.catalog, principal, paths };
  if (shared) byPrincipal.set(context.permissions, entry);
  else bySubject.set(subject, entry);
  return entry.paths;
}

/** How many ways a deploy may make a principal's statements are searched for paths, at most. */
const MAX_WAYS = 64;

/** One way a deploy may make a principal's statements: those it makes, and its sides. */
interface DeployWay {
  readonly statements: readonly OwnedStatement[];
  readonly choice: DeployChoice;
}

/**
 * The statements each way a deploy may make them makes, when some are made on some sides only (a
 * template's `Fn::If`, a policy resource under a `Condition`): grants no deploy makes together
 * open no path together. Ways no deploy takes (`IsProd` and `IsDev` both true when they compare
 * one parameter to two texts) are left out. Undefined when every deploy makes them all, or the
 * ways are not worked out (too many): then all are read together.
 */
function statementsByWay(subject: PolicySubject, statements: readonly OwnedStatement[]): DeployWay[] | undefined {
  if (!statements.some((owned) => owned.choice !== undefined)) return undefined;
  const attachments = subject.principal?.policies ?? [];
  const sources = [
    subject.source,
    ...(subject.identityPolicies?.map((s) => s.source) ?? attachments.flatMap((a) => a.policy ?? [])),
  ];
  const ways = deployWays(
    statements.map((owned) => owned.choice),
    MAX_WAYS,
    deployableWith(knownSidesOf([...sources, ...attachments])),
  );
  return ways?.map((way) => ({
    statements: way.statements.map((i) => statements[i] as OwnedStatement),
    choice: way.choice,
  }));
}

/**
 * The paths open on some way a deploy may make the statements (`statementsByWay`), each once (the
 * grants of the first way that opens it), named by the sides of the ways that open it: none when
 * every way does, else those of its grants on each way when no other way takes them, else those
 * of the ways.
 */
function pathsOnSomeWay(
  context: RuleContext<string>,
  subject: PolicySubject,
  byWay: readonly DeployWay[],
): readonly OpenPath[] {
  const found = new Map<string, { open: OpenPath; ways: DeployWay[]; granted: (DeployChoice | undefined)[] }>();
  for (const way of byWay)
    for (const open of computePaths(context, subject, way.statements)) {
      const granted = grantedChoice(open.grants.map(({ grant }) => [grant.choice]));
      const earlier = found.get(open.path.id);
      if (earlier === undefined) {
        found.set(open.path.id, { open, ways: [way], granted: [granted] });
        continue;
      }
      earlier.open = { ...earlier.open, covers: [...new Set([...earlier.open.covers, ...open.covers])] };
      earlier.ways.push(way);
      earlier.granted.push(granted);
    }
  const paths = [...found.values()].map(({ open, ways, granted }) => {
    if (ways.length === byWay.length) return { ...open, choice: 'every-deploy' as const };
    const closed = byWay.filter((way) => !ways.includes(way));
    const byGrants = mergedChoices(granted);
    const choice =
      byGrants !== undefined && !closed.some((way) => wayTakes(way.choice, byGrants))
        ? byGrants
        : mergedChoices(ways.map((way) => way.choice));
    return { ...open, choice: choice ?? ('every-deploy' as const) };
  });
  const rank = (open: OpenPath): number => ESCALATION_PATHS.indexOf(open.path);
  return paths.sort((a, b) => rank(a) - rank(b));
}

/**
 * The open paths of a principal, shared with every other principal of the run that holds the
 * same statements of the same policies (thousands of roles attaching `ReadOnlyAccess`, or one
 * customer managed policy) under the same boundary document, or none: their permissions are the
 * same (with the configured SCPs of the run). Not the paths of a principal holding a statement
 * that grants an action on the principal itself by naming it: those are its own.
 */
function sharedPaths(
  context: RuleContext<string>,
  subject: PolicySubject,
  statements: readonly OwnedStatement[],
): readonly OpenPath[] {
  // Most principals allow no action of any path: nothing to share (nor a key to make).
  if (!mayMeetPaths(statements)) return [];
  const first = statements[0]?.statement;
  const key = first === undefined ? undefined : sharingKey(subject, statements);
  if (first === undefined || key === undefined) return computePaths(context, subject, statements);
  let shared = sharedByStatement.get(first);
  if (shared?.catalog !== context.catalog || shared.settings !== context.settings) {
    shared = { catalog: context.catalog, settings: context.settings, paths: new Map() };
    sharedByStatement.set(first, shared);
  }
  let paths = shared.paths.get(key);
  if (paths === undefined) shared.paths.set(key, (paths = computePaths(context, subject, statements)));
  return paths;
}

// Shared paths by the first statement of the principals (statements are parsed once per run, so
// the entries go with the run), then by the key of all they hold.
const sharedByStatement = new WeakMap<
  Statement,
  { readonly catalog: ActionCatalog; readonly settings: object; readonly paths: Map<string, readonly OpenPath[]> }
>();
const statementIds = new WeakMap<object, number>();
let nextStatementId = 0;

function idOf(value: object): number {
  let id = statementIds.get(value);
  if (id === undefined) statementIds.set(value, (id = nextStatementId++));
  return id;
}

/** What decides the subject's open paths, as text; undefined when they are its principal's own. */
function sharingKey(subject: PolicySubject, statements: readonly OwnedStatement[]): string | undefined {
  const principal = subject.principal;
  if (principal === undefined) return undefined;
  if (statements.some(({ statement }) => mayGrantOnItself(statement))) return undefined;
  // The boundary and the customer managed policies, by ARN and document (the boundary is the
  // first when the input holds its document).
  const known: string[] = [];
  for (const policy of knownPolicies(subject)) {
    if (policy.document === null || typeof policy.document !== 'object') return undefined;
    known.push(`${valueToString(policy.arn)} ${String(idOf(policy.document))}`);
  }
  return JSON.stringify([statements.map((o) => [idOf(o.statement), o.policyId, o.policyName]), known]);
}

const SELF_ACTIONS = Object.keys(SELF_TARGETS);

/** Whether an Allow statement grants an action on the principal itself short of every resource (`findGrant`'s self grants). */
function mayGrantOnItself(statement: Statement): boolean {
  return (
    statement.effect === 'Allow' &&
    SELF_ACTIONS.some((action) => actionMatches(statement, action) && !coversAllResourcesFor(statement, action))
  );
}

const PATH_KEYS: readonly (readonly [EscalationPath, readonly string[], readonly string[], readonly string[]])[] =
  ESCALATION_PATHS.map((path) => {
    const lowered = path.actions.map((a) => a.toLowerCase());
    return [
      path,
      // A CloudFormation call of a pass-role path is granted only when it may name a role (`namesNoRole`).
      path.actions.map((a) =>
        a.toLowerCase() === 'iam:passrole' || (path.passedTo !== undefined && a.startsWith('cloudformation:'))
          ? `${a} ${(path.passedTo ?? []).join(',')}`
          : a,
      ),
      lowered,
      lowered.map((a) => a.slice(0, a.indexOf(':') + 1)),
    ];
  });

// Every action of every path, lowercase, and their services.
const PATH_ACTIONS: ReadonlySet<string> = new Set(PATH_KEYS.flatMap(([, , lowered]) => lowered));
const PATH_SERVICES: ReadonlySet<string> = new Set(PATH_KEYS.flatMap(([, , , services]) => services));

/**
 * Whether the Allow statements may allow some action of some path: their `possibleActions` are
 * undefined or name a path action or service (the same answer, without building those sets).
 */
function mayMeetPaths(statements: readonly OwnedStatement[]): boolean {
  for (const { statement } of statements) {
    if (statement.effect !== 'Allow') continue;
    const matcher = actionMatcherOf(statement);
    if (matcher === null) continue;
    if (matcher.negated) return true;
    for (const name of matcher.exact) if (PATH_ACTIONS.has(name)) return true;
    for (const { service } of matcher.wildcards) if (service === undefined || PATH_SERVICES.has(service)) return true;
  }
  return false;
}

function attaches(principal: PrincipalInput, id: string): boolean {
  return principal.policies.some((a) => (a.policy?.id ?? (typeof a.arn === 'string' ? a.arn : undefined)) === id);
}

function computePaths(
  context: RuleContext<string>,
  subject: PolicySubject,
  statements: readonly OwnedStatement[],
): readonly OpenPath[] {
  // Most principals allow no action of any path: none can open (told without collecting their
  // possible actions).
  if (!mayMeetPaths(statements)) return [];
  const possible = possibleActions(statements);
  const self = selfTargets(subject);
  const input = inputPoliciesOf(context, subject);
  const checks = grantChecks(context, statements, input);
  const anyRole = anyRoleOf(subject);
  const blocked = new Map<string, boolean>();
  const isBlocked = (action: string): boolean => {
    let answer = blocked.get(action);
    if (answer === undefined) blocked.set(action, (answer = context.permissions.blockedEverywhere(action) === 'yes'));
    return answer;
  };
  // Paths share actions: each (action, passed-to services) is looked up once.
  const grantsFound = new Map<string, PathGrant | null>();
  const open: { path: EscalationPath; grants: PathGrant[]; created?: string }[] = [];
  for (const [path, keys, lowered, services] of PATH_KEYS) {
    if (path.creates !== undefined) {
      // Its first action creates the principal: most principals may create none.
      if (possible !== undefined && !possible.names.has(lowered[0] as string) && !possible.services.has('iam:'))
        continue;
      // The grants found on every resource, with why their conditions do not close them.
      const onEvery = new Map<string, PathGrant>();
      const opened = openCreated(path, {
        statements,
        permissions: context.permissions,
        catalog: context.catalog,
        onEveryResource: (action) => {
          const grant = findGrant(statements, action, path, NO_SELF, checks);
          if (grant !== undefined) onEvery.set(action, grant);
          return grant?.grant;
        },
        blocked: isBlocked,
        ...input,
      });
      if (opened !== undefined)
        open.push({
          path,
          grants: opened.grants.map((g) => {
            const found = onEvery.get(g.action);
            if (found?.grant === g.grant) return found;
            const despite = createdDespite(g.grant.statement, g.action, opened.boundary);
            return { action: g.action, grant: g.grant, self: false, ...(despite.length > 0 ? { despite } : {}) };
          }),
          created: opened.pattern,
        });
      continue;
    }
    const grants: PathGrant[] = [];
    // Service actions of a pass-role path granted only on resources the caller names (a function
    // it creates under `function:app-*`): open if the path's meets reach one of them.
    const named: string[] = [];
    for (let i = 0; i < path.actions.length; i++) {
      const action = path.actions[i] as string;
      const key = keys[i] ?? action;
      let grant = grantsFound.get(key);
      if (grant === undefined) {
        const allowed =
          possible === undefined ||
          possible.names.has(lowered[i] as string) ||
          possible.services.has(services[i] as string);
        grant = (allowed ? findGrant(statements, action, path, self, checks) : undefined) ?? null;
        grantsFound.set(key, grant);
      }
      if (!grant && grants.length > 0 && PASSES.has(path) && !/^(iam|sts):/i.test(action) && !isBlocked(action)) {
        named.push(action);
        continue;
      }
      // Most principals grant no path action: ask about denies and the boundary only when one is.
      if (!grant || isBlocked(action)) break;
      // Passing to the path's service, or naming any role to CloudFormation, refused by a Deny,
      // the boundary or an SCP read with the keys of that request (a named role is escalation-targets.ts's).
      if (
        !grant.self &&
        path.passedTo !== undefined &&
        passRefused(context.permissions, action, path.passedTo, anyRole)
      )
        break;
      // Any role passed, but the boundary lets only some roles go: no longer "any role" (a named
      // administrator among them is escalation-targets.ts's).
      if (
        !grant.self &&
        action.toLowerCase() === 'iam:passrole' &&
        (boundaryConfinesPassRole(subject) || passRefusedButNamed(context.permissions, grant.grant.statement, subject))
      )
        break;
      // Open but for a Deny that tests what the request may or may not carry: the finding says so.
      const unless = pathActionUnless(context.permissions, action, grant.self ? undefined : path.passedTo, anyRole);
      grants.push(
        unless.length === 0
          ? grant
          : { ...grant, despite: [...(grant.despite ?? []), ...unlessDeny(grant, action, unless)] },
      );
    }
    if (grants.length + named.length !== path.actions.length) continue;
    if (named.length === 0) {
      open.push({ path, grants });
      continue;
    }
    const others = grants.map((g) => ({ action: g.action, grant: g.grant }));
    const found = grantsOnNamedResources(path, statements, others, named, context.permissions, anyRole);
    if (found === undefined) continue;
    const all = [
      ...grants,
      ...found.map((g): PathGrant => {
        const unless = pathActionUnless(context.permissions, g.action, path.passedTo, anyRole);
        const plain = { action: g.action, grant: g.grant, self: false };
        return unless.length === 0 ? plain : { ...plain, despite: unlessDeny(plain, g.action, unless) };
      }),
    ];
    open.push({ path, grants: path.actions.map((a) => all.find((g) => g.action === a) as PathGrant) });
  }
  const opened = new Set(open.map((o) => o.path));
  return open
    .filter((candidate) => !shorterPaths(candidate.path).some((other) => opened.has(other)))
    .map((kept) => ({
      ...kept,
      covers: longerPaths(kept.path).filter((other) => opened.has(other)),
    }));
}

/** Why a path stays open although a Deny testing `keys` may refuse its `action`: said as its "unless". */
function unlessDeny(grant: PathGrant, action: string, keys: readonly string[]): ConditionDespite[] {
  const why = `open unless ${denyRefusesText(action, keys)}`;
  return keys.map((key) => ({ key, pointer: grant.grant.statement.pointer, why }));
}

// The pass-role paths whose service actions may act on resources the caller names.
const PASSES: ReadonlySet<EscalationPath> = new Set(
  ESCALATION_PATHS.filter((path) => path.family === 'pass-role-to-service' && path.passedTo !== undefined),
);

// For each path, the paths whose actions are a strict subset of its own (shorter) and those whose
// actions strictly contain its own (longer), in catalog order: computed once per path, not per
// principal (an administrator opens every path, and thousands of them would pair every path with
// every other), and only for paths some principal opens (pairing all of them took a start ~40 ms).
const SHORTER = new Map<EscalationPath, readonly EscalationPath[]>();
const LONGER = new Map<EscalationPath, readonly EscalationPath[]>();

function shorterPaths(path: EscalationPath): readonly EscalationPath[] {
  let found = SHORTER.get(path);
  if (found === undefined) SHORTER.set(path, (found = ESCALATION_PATHS.filter((other) => isStrictSubset(other, path))));
  return found;
}

function longerPaths(path: EscalationPath): readonly EscalationPath[] {
  let found = LONGER.get(path);
  if (found === undefined) LONGER.set(path, (found = ESCALATION_PATHS.filter((other) => isStrictSubset(path, other))));
  return found;
}

function findGrant(
  statements: readonly OwnedStatement[],
  action: string,
  path: EscalationPath,
  self: { principal: PolicyValue[]; policies: PolicyValue[] },
  checks: GrantChecks,
): PathGrant | undefined {
  // A command runs a document of the caller's only if some statement lets it name one, whichever
  // statement lets it name the instances.
  if (action.toLowerCase() === 'ssm:sendcommand' && sendsOnlyFixedDocuments(statements.map((o) => o.statement)))
    return undefined;
  const selfKind = SELF_TARGETS[action.toLowerCase()];
  const targets = selfKind === 'principal' ? self.principal : selfKind === 'attached-policy' ? self.policies : [];
  for (const owned of statements) {
    const grant = grantIn(owned, action, path, selfKind, targets, checks);
    if (grant !== undefined) return grant;
  }
  return undefined;
}

/** How one statement grants `action` for the path, if it does. */
function grantIn(
  owned: OwnedStatement,
  action: string,
  path: EscalationPath,
  selfKind: string | undefined,
  targets: readonly PolicyValue[],
  checks: GrantChecks,
): PathGrant | undefined {
  const { statement } = owned;
  if (statement.effect !== 'Allow' || !actionMatches(statement, action)) return undefined;
  // A command through AWS documents that take none runs no code of the caller's.
  if (action.toLowerCase() === 'ssm:sendcommand' && runsOnlyFixedDocuments(statement)) return undefined;
  const passing = action.toLowerCase() === 'iam:passrole';
  // A role passed only to other services than the path's (`iam:PassedToService`, or
  // `StringNotEquals` on the path's own) is not one the path runs code as.
  if (passesOnlyElsewhere(statement, action, path.passedTo ?? [])) return undefined;
  // A stack the statement lets name no role takes none passed to it.
  if (path.passedTo !== undefined && namesNoRole(statement, action)) return undefined;
  const despite: ConditionDespite[] = [];
  // Request tags are the caller's choice: a path conditioned on them is still open. So is an
  // attach whose `iam:PolicyARN` admits `AdministratorAccess` (or a policy the caller writes), a
  // pass of roles by a tag the caller may set on any role, and a request from a network place (an
  // address, a VPC endpoint) where whoever acts as the principal is: its own workload calls from there.
  const tolerated = (c: ConditionClause): boolean => {
    // `iam:PassedToService` is in the request of `iam:PassRole` only: on another action of the
    // statement it is missing, and the statement does not allow that action.
    if (isRequestTagClause(c) || isPassedToServiceOf(c, action)) return true;
    if (c.key.toLowerCase() === POLICY_ARN && ATTACHES.has(action.toLowerCase()))
      return checks.attaching(statement, action);
    if (c.key.toLowerCase() === BOUNDARY && WRITES_BOUNDED.has(action.toLowerCase())) {
      const admitted = checks.bounding(statement, action);
      if (admitted === undefined) return false;
      despite.push({
        key: c.key,
        pointer: statement.pointer,
        why: boundaryWhy(c.key, { how: 'admits', policy: admitted }),
      });
      return true;
    }
    if (isNetworkOriginClause(c)) {
      despite.push({ key: c.key, pointer: statement.pointer, why: NETWORK_WHY(c.key) });
      return true;
    }
    if (passing) {
      const retagging = checks.retagging(c);
      if (retagging.length === 0) return false;
      despite.push({ key: c.key, pointer: statement.pointer, why: RETAG_WHY(c.key, retagging) });
      return true;
    }
    // A test of the tags of the resource the path creates: the caller tags it so as it creates it.
    for (const creating of creatorsOf(path, action)) {
      const tagging = checks.creatingTagged(c, creating);
      if (tagging.length === 0) continue;
      despite.push({ key: c.key, pointer: statement.pointer, why: CREATED_TAG_WHY(c.key, tagging) });
      return true;
    }
    return false;
  };
  if (constrainingClauses(statement, tolerated, { action, partition: checks.partition }).length > 0) return undefined;
  const noted = despite.length > 0 ? { despite } : {};
  // Resources the path's meet cannot reach: the meet decides (`grantsOnNamedResources`).
  if (excludesMeetResource(path.meets, action, statement)) return undefined;
  if (coversAllResourcesFor(statement, action)) return { action, grant: owned, self: false, ...noted };
  if (
    namesOneOf(statement, targets) ||
    namesInOwnAccount(statement, targets) ||
    (selfKind === 'principal' && namesTheCallingUser(statement, action))
  )
    return { action, grant: owned, self: true, ...noted };
  return undefined;
}

/**
 * The grants of a path's actions by every statement of the subject's own policy, beside those the
 * path was found through: a path is reported once, and its evidence names each statement of the
 * policy it runs through (two statements granting `iam:CreateAccessKey` on `*` are one risk).
 */
function ownGrants(subject: PolicySubject, open: OpenPath, checks: GrantChecks): PathGrant[] {
  if (!subject.parsed.ok) return [];
  const self = selfTargets(subject);
  const out: PathGrant[] = [];
  for (const { action } of open.grants) {
    const selfKind = SELF_TARGETS[action.toLowerCase()];
    const targets = selfKind === 'principal' ? self.principal : selfKind === 'attached-policy' ? self.policies : [];
    for (const statement of subject.parsed.value.statements) {
      const owned = { statement, policyId: subject.source.id, policyName: subject.source.name };
      const grant = grantIn(owned, action, open.path, selfKind, targets, checks);
      if (grant !== undefined) out.push(grant);
    }
  }
  return out;
}

/** Actions on a user that `user/${aws:username}` aims at whichever user makes the request. */
const CALLING_USER_ACTIONS = new Set(['iam:putuserpolicy', 'iam:attachuserpolicy']);

/**
 * Whether the statement grants a user action on the user making the request
 * (`arn:aws:iam::111122223333:user/${aws:username}`): every user holding it can change its own
 * permissions, whatever principal (or none) the policy is read with.
 */
function namesTheCallingUser(statement: Statement, action: string): boolean {
  const set = statement.resource;
  if (!CALLING_USER_ACTIONS.has(action.toLowerCase()) || set === undefined || set.negated) return false;
  return set.values.some(
    (v) => typeof v === 'string' && /^arn:[^:]*:iam::[^:]*:user\/(?:.*\/)?\$\{aws:username\}$/i.test(v),
  );
}

const NETWORK_WHY = (key: string): string =>
  `its condition on \`${key}\` says where requests come from, and whoever acts as it (its own workload) calls from there`;

/** The actions that create the resource `action` then acts on in the path (the first of each meet it joins later). */
function creatorsOf(path: EscalationPath, action: string): string[] {
  return (path.meets ?? []).flatMap((meet) =>
    meet.resource === 'created' && meet.actions.indexOf(action) > 0 ? [meet.actions[0] as string] : [],
  );
}

const CREATED_TAG_WHY = (key: string, actions: readonly string[]): string =>
  `its condition on \`${key}\` holds for the resource it creates with that tag (${actions.map((a) => `\`${a}\``).join(' + ')})`;

/** Why a condition on the boundary leaves the path open: the boundary it admits, or how the caller escapes it. */
function boundaryWhy(key: string, escape: BoundaryEscape): string {
  const on = `its condition on \`${key}\``;
  switch (escape.how) {
    case 'unbounded':
      return `${on} lets the principal be created without a boundary`;
    case 'admits':
      return `${on} admits ${admittedText(escape.policy)}`;
    case 'removes':
      return `${on} pins a boundary it may take off with \`${escape.action}\``;
    case 'replaces':
      return `${on} pins a boundary it may replace with \`${escape.action}\` by ${admittedText(escape.policy)}`;
  }
}

function admittedText(policy: AdmittedPolicy): string {
  if (policy.reason === 'writable')
    return policy.deletesFirst === true
      ? `\`${policy.arn}\`, a policy it may delete and write again with \`iam:DeletePolicy\` + \`${policy.write}\``
      : `\`${policy.arn}\`, a policy it may write with \`${policy.write}\``;
  const lets = policy.lets === '*' ? 'every action' : `\`${policy.lets}\``;
  return `\`${policy.arn}\`, a boundary that lets ${lets} through`;
}

// Actions of a path through a created principal whose request carries the new principal's boundary.
const BOUNDS_CREATED = new Set([...WRITES_BOUNDED, 'iam:createrole', 'iam:createuser']);

/**
 * Why the conditions of a step on the principal the caller creates do not close the path: its
 * network origin, and its `iam:PermissionsBoundary` test, which the new principal escapes.
 */
function createdDespite(statement: Statement, action: string, boundary: BoundaryEscape): ConditionDespite[] {
  const out: ConditionDespite[] = [];
  for (const c of constrainingClauses(statement)) {
    const key = c.key.toLowerCase();
    if (key === BOUNDARY && BOUNDS_CREATED.has(action.toLowerCase()))
      out.push({ key: c.key, pointer: statement.pointer, why: boundaryWhy(c.key, boundary) });
    else if (isNetworkOriginClause(c)) out.push({ key: c.key, pointer: statement.pointer, why: NETWORK_WHY(c.key) });
  }
  return out;
}

const RETAG_WHY = (key: string, actions: readonly string[]): string =>
  `its condition on \`${key}\` limits no role: it may change that tag on any role with ${actions.map((a) => `\`${a}\``).join(', ')}`;

function selfTargets(subject: PolicySubject): { principal: PolicyValue[]; policies: PolicyValue[] } {
  const principal = subject.principal;
  if (!principal) return { principal: [], policies: [] };
  return {
    principal: principal.arn !== undefined ? [principal.arn] : [],
    policies: principal.policies
      .filter((p) => p.kind === 'managed' && p.arn !== undefined)
      .map((p) => p.arn as PolicyValue),
  };
}

/** A report of one open path, ready for `context.report`. */
export interface PathReport {
  /** The first path the statement opens (named in the message and the fingerprint). */
  readonly path: EscalationPath;
  /** Every path of the family the statement anchors, `path` first. */
  readonly paths: readonly EscalationPath[];
  readonly statement: Statement;
  readonly self: boolean;
  /** For a path through a principal the caller creates: the names it may create it under. */
  readonly created?: string;
  /** The deploy choices under which its paths open (absent: those of its statement). */
  readonly choice?: DeployChoice | 'every-deploy';
  readonly evidence: Readonly<Record<string, unknown>>;
}

/**
 * The open paths of `family` this subject's policy is to report (it grants their first action):
 * one report per statement, the paths it anchors folded into one (the first named, the others in
 * `alsoOpens`), so that a statement is reported once per risk.
 */
export function pathsToReport(
  context: RuleContext<string>,
  subject: PolicySubject,
  family: EscalationFamily,
): PathReport[] {
  if (!subject.parsed.ok) return [];
  // Asked by each path rule of each policy: most principals open no path.
  const paths = openPaths(context, subject);
  if (paths.length === 0) return [];
  const own = subject.parsed.value.statements;
  const byStatement = new Map<string, OpenPath[]>();
  for (const open of paths) {
    if (open.path.family !== family) continue;
    const key = open.grants[0];
    if (key === undefined || key.grant.policyId !== subject.source.id) continue;
    // Every action on every resource is reported as administrator access (admin-access/full-access).
    if (open.grants.every((g) => isFullAccess(g.grant.statement))) continue;
    const pointer = key.grant.statement.pointer;
    const group = byStatement.get(pointer);
    if (group) group.push(open);
    else byStatement.set(pointer, [open]);
  }
  const reports: PathReport[] = [];
  if (byStatement.size === 0) return reports;
  const checks = grantChecks(context, principalStatements(subject, context.catalog), inputPoliciesOf(context, subject));
  for (const [pointer, group] of byStatement) {
    const first = group[0];
    if (first === undefined) continue;
    const { path } = first;
    const grants = group.flatMap((g) => [...g.grants, ...ownGrants(subject, g, checks)]);
    const grantedBy = new Map<string, Record<string, unknown>>();
    for (const g of grants) {
      const entry = {
        action: g.action,
        policy: g.grant.policyName,
        pointer: g.grant.statement.pointer,
        ...(g.self ? { onItself: true } : {}),
      };
      grantedBy.set(JSON.stringify(entry), entry);
    }
    const alsoOpens = [
      ...new Set([...group.slice(1).map((g) => g.path.id), ...group.flatMap((g) => g.covers.map((c) => c.id))]),
    ];
    const cloudsplaining = [...new Set(group.flatMap((g) => g.path.cloudsplaining))];
    const despite = new Map<string, ConditionDespite>();
    for (const d of grants.flatMap((g) => g.despite ?? [])) despite.set(`${d.pointer} ${d.key}`, d);
    // Opened on some sides only: named by them (a path of a statement every deploy makes with a
    // grant made on one side only opens on that side).
    const choice = group.some((g) => g.choice === undefined)
      ? undefined
      : group.some((g) => g.choice === 'every-deploy')
        ? 'every-deploy'
        : mergedChoices(group.map((g) => (g.choice === 'every-deploy' ? undefined : g.choice)));
    reports.push({
      path,
      paths: group.map((g) => g.path),
      // The grant statement comes from the principal-wide reading: report this policy's own object.
      statement: own.find((s) => s.pointer === pointer) ?? (first.grants[0] as PathGrant).grant.statement,
      // The message on the principal itself only when no folded path reaches other targets.
      self: group.every((g) => g.grants.some((x) => x.self)),
      ...(first.created !== undefined ? { created: first.created } : {}),
      ...(choice !== undefined ? { choice } : {}),
      evidence: {
        path: path.id,
        ...(first.created !== undefined ? { creates: { kind: path.creates, resource: first.created } } : {}),
        ...(path.url ? { url: path.url } : {}),
        actions: [...new Set(group.flatMap((g) => g.path.actions))],
        grantedBy: [...grantedBy.values()],
        ...(cloudsplaining.length > 0 ? { cloudsplaining } : {}),
        ...(alsoOpens.length > 0 ? { alsoOpens } : {}),
        ...(despite.size > 0 ? { openDespite: [...despite.values()] } : {}),
      },
    });
  }
  return reports;
}
