/**
 * Effective permissions of a principal: for every action its identity policies can reach, what the
 * evaluator answers once explicit denies, the permissions boundary, the session policy and the
 * SCPs apply. Each action is evaluated against the resource patterns the policies name for it
 * (plus `*`, "any resource"), with the policies compiled once.
 *
 * A request without context leaves every condition unmet, so each request is evaluated twice at
 * most: as is (allowed unconditionally?) and against a copy whose Allow statements lose their
 * conditions and whose conditional Denies are dropped (allowed under some conditions?).
 * Values unknown before deploy stay unknown: a symbolic Resource is evaluated as that one resource
 * (each hole a placeholder no literal can match), then checked for denies and guardrail allows
 * whose match with it depends on the deploy-time value.
 *
 * The cost follows what the policies say, not the size of the catalog (`*` reaches ~20,000
 * actions): which statements reach the actions of a service is worked out once per service, the
 * actions reached by the same statements on the same patterns share one evaluated outcome, and
 * the per-action map is made only when read ({@link gained} walks the outcomes).
 */
import type { AccessLevel, ActionInfo } from '../catalog/actions';
import { expandActionPattern, expandNotAction, getAction, listServiceActions } from '../catalog/actions';
import { resourceTypesForArn } from '../catalog/resource-types';
import type { CompiledPolicySet } from '../evaluator/evaluate';
import { compilePolicySet, evaluate } from '../evaluator/evaluate';
import type { EvaluationResult, PolicySet, StatementRef } from '../evaluator/types';
import { parsePrincipal } from '../evaluator/arn';
import { overlapOf, patternCovers, patternsOverlap } from '../evaluator/pattern';
import { buildContext } from '../evaluator/context';
import { POLICY_VARIABLES, hasVariable, substituteVariables } from '../evaluator/variables';
import { hasWildcard, matchWildcard } from '../match/wildcard';
import { matchPolicyValue } from '../match/value';
import type { ConditionClause, Policy, Statement } from '../model/policy';
import type { PolicyValue } from '../model/symbolic';
import type { SymbolicValue } from '../model/symbolic';
import { isSymbolic, valueToString } from '../model/symbolic';

/** The policies that decide what a principal may do. */
export interface EffectiveOptions {
  readonly identityPolicies: readonly Policy[];
  readonly boundary?: Policy | undefined;
  /** One list per organization level, root first. */
  readonly scps?: readonly (readonly Policy[])[] | undefined;
  readonly sessionPolicy?: Policy | undefined;
  /** The principal's account, when its ARN does not say (default `123456789012`). */
  readonly account?: string | undefined;
  /**
   * Only these actions (lowercase `service:name`) are analyzed, the others left out of `actions`:
   * what a change of some policies can alter is within the actions those policies name.
   */
  readonly actions?: ReadonlySet<string> | undefined;
}

/** How an action or a resource grant is reached. */
export type Access = 'allowed' | 'conditional' | 'unknown' | 'denied';

/** Which part of the policy set takes away what the identity policies grant. */
export type CutBy = 'deny' | 'boundary' | 'session' | 'scp';

/** The answer for one action on one resource pattern. */
export interface ResourceAccess {
  /** The resource pattern (`*` = any resource); a symbolic value is rendered with its holes. */
  readonly resource: string;
  /** The value as written, when it is only known after deploy. */
  readonly symbolic?: SymbolicValue;
  readonly access: Access;
  /** Allow statements that grant it (for `conditional`, those whose conditions must hold). */
  readonly statements: readonly StatementRef[];
  /**
   * Conditions of the allowing statements: non-empty for `conditional`; for `allowed`, those a
   * request without context meets (`StringNotEquals`, `ForAllValues:*` on an absent key).
   */
  readonly conditions: readonly ConditionClause[];
  /** For `denied`: what removes an identity grant (absent when nothing granted it). */
  readonly cutBy?: readonly CutBy[];
}

/** Everything known about one action. */
export interface ActionPermission {
  /** `service:Name` in catalog case. */
  readonly action: string;
  readonly service: string;
  readonly accessLevel: AccessLevel | undefined;
  readonly accessLevels: readonly AccessLevel[];
  /** The best access over every resource. */
  readonly access: Access;
  /**
   * `all`: allowed on every resource (`exceptions` aside); `specific`: only on some;
   * `none`: nowhere.
   */
  readonly scope: 'all' | 'specific' | 'none';
  /** Resource patterns denied although some other resource is allowed. */
  readonly exceptions: readonly string[];
  /**
   * Scope `specific` through an Allow with `NotResource`: reached on every resource but these
   * patterns (denied; empty when none fits the action), as `*` is (`conditional`: under conditions).
   */
  readonly allBut?: readonly string[];
  /** One entry per resource pattern evaluated, `*` first. */
  readonly resources: readonly ResourceAccess[];
  /**
   * When some grant or some Deny or guardrail of the action carries conditions: the Denies and
   * guardrail Allows that reach the action, each as whose it is (`deny`, `boundary`, `session`,
   * `scp|0`...), its conditions and its Resource (or NotResource; absent: every resource).
   */
  readonly guards?: readonly {
    readonly of: string;
    readonly conditions: readonly ConditionClause[];
    readonly resource: Statement['resource'];
    /** A Deny whose Resource keeps a variable the principal gives no value (`${aws:userid}`, a tag). */
    readonly unresolved?: true;
  }[];
  /** Under conditions on every resource: an identity Allow on all of them is the conditional grant. */
  readonly conditionalEverywhere?: true;
  /**
   * Allowed without conditions on some patterns only, beside an identity Allow on every resource
   * under conditions: the resources no pattern names are reached under those conditions.
   */
  readonly conditionalElsewhere?: true;
}

/** Counts per service and access level (an action with two access levels counts under both). */
export interface PermissionSummary {
  readonly service: string;
  readonly accessLevel: AccessLevel;
  /** Allowed unconditionally on every resource. */
  readonly allResources: number;
  /** Allowed unconditionally on some resources only. */
  readonly specificResources: number;
  /** Allowed only under conditions. */
  readonly underConditions: number;
  /** Depends on values only known after deploy. */
  readonly unknown: number;
}

/** The answer of {@link EffectivePermissions.canDo}. */
export interface CanDoAnswer {
  readonly answer: 'yes' | 'no' | 'conditional' | 'unknown';
  readonly statements: readonly StatementRef[];
  readonly conditions: readonly ConditionClause[];
}

/** Filter of {@link EffectivePermissions.allowedActions}. */
export interface ActionFilter {
  readonly accessLevel?: AccessLevel;
  readonly service?: string;
  /** True: only actions allowed on every resource. */
  readonly onAnyResource?: boolean;
  /** Also list conditional and unknown grants (default true). */
  readonly includeConditional?: boolean;
}

/** An identity grant that something else takes away. */
export interface DeadGrant {
  readonly action: string;
  readonly resource: string;
  readonly cutBy: readonly CutBy[];
}

/** A permission a new version of the policies adds. */
export interface GainedPermission {
  readonly action: string;
  readonly resource: string;
  readonly before: Access;
  readonly after: Access;
  /** The patterns of `resource` it is not reached on (`NotResource`, a Deny on part of it). */
  readonly except?: readonly string[];
  /** Of `except`, patterns too long to compare with `resource`: listed whole, where they meet it not decided. */
  readonly undecided?: readonly string[];
  /** Under conditions before or after: those asked, as one text (rows sharing it ask the same). */
  readonly conditions?: string;
}

/** What a principal can really do. */
export interface EffectivePermissions {
  /** The principal ARN the requests were evaluated for. */
  readonly principal: string;
  /** Every action the identity policies reach, allowed or not, by lowercase name. */
  readonly actions: ReadonlyMap<string, ActionPermission>;
  /** Counts of allowed actions per service and access level. */
  summary(): readonly PermissionSummary[];
  /** May the principal do `action` on `resource` (default: on any resource)? */
  canDo(action: string, resource?: string): CanDoAnswer;
  /** Allowed actions, optionally filtered. */
  allowedActions(filter?: ActionFilter): readonly ActionPermission[];
  /** Identity grants that the permissions boundary removes. */
  cutByBoundary(): readonly DeadGrant[];
  /** Grants that something (deny, boundary, session policy, SCP) removes. */
  deadGrants(): readonly DeadGrant[];
}

const DEFAULT_ACCOUNT = '123456789012';

// --- memoization by content: a policy set shared by many principals is analyzed once ---

const MEMO_LIMIT = 256;
const memo = new Map<string, EffectivePermissions>();

/** Computes the effective permissions of `principal` (an ARN; symbolic or absent: a role of `account`). */
export function effectivePermissions(
  principal: PolicyValue | undefined,
  options: EffectiveOptions,
): EffectivePermissions {
  const arn = principalArn(principal, options.account);
  const key = memoKey(arn, options);
  const hit = memo.get(key);
  if (hit) return hit;
  const result = new Analysis(arn, options).run();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

/**
 * The same analysis with every action evaluated on its own: no statement reach worked out per
 * service, no answer shared between actions, not memoized. The reference the shared path is
 * tested against; too slow for policies that reach the whole catalog.
 */
export function effectivePermissionsOneByOne(
  principal: PolicyValue | undefined,
  options: EffectiveOptions,
): EffectivePermissions {
  return new Analysis(principalArn(principal, options.account), options, false).run();
}

function principalArn(principal: PolicyValue | undefined, account: string | undefined): string {
  if (typeof principal === 'string' && principal.startsWith('arn:')) return principal;
  return `arn:aws:iam::${account ?? DEFAULT_ACCOUNT}:role/iamgate-effective-principal`;
}

function memoKey(arn: string, o: EffectiveOptions): string {
  return JSON.stringify([
    arn,
    o.identityPolicies,
    o.boundary ?? null,
    o.scps ?? null,
    o.sessionPolicy ?? null,
    o.actions === undefined ? null : actionSetId(o.actions),
  ]);
}

/** A number per content of the `actions` option: the whole catalog is sorted once per set, not per call. */
const actionSetIds = new Map<string, number>();
let nextActionSetId = 0;
const actionSetSeen = new WeakMap<ReadonlySet<string>, { readonly names: readonly string[]; readonly id: number }>();

function actionSetId(actions: ReadonlySet<string>): number {
  const seen = actionSetSeen.get(actions);
  // The same set object with the same names in the same order (a caller may have changed it).
  if (seen !== undefined && seen.names.length === actions.size) {
    let i = 0;
    let same = true;
    for (const name of actions) if (name !== seen.names[i++]) same = false;
    if (same) return seen.id;
  }
  const names = [...actions];
  const content = JSON.stringify([...names].sort());
  let id = actionSetIds.get(content);
  if (id === undefined) {
    if (actionSetIds.size >= MEMO_LIMIT) actionSetIds.clear();
    // Never reused: a memoized analysis keyed by an old number must not answer for a new set.
    id = nextActionSetId++;
    actionSetIds.set(content, id);
  }
  actionSetSeen.set(actions, { names, id });
  return id;
}

// --- policy rewriting ---

const holeTokens = new Map<string, string>();

/** A placeholder for one deploy-time value: private-use characters no literal or pattern part contains. */
function holeToken(id: string): string {
  let token = holeTokens.get(id);
  if (token === undefined) {
    token = `\uE000${holeTokens.size.toString(36)}\uE001`;
    holeTokens.set(id, token);
  }
  return token;
}

function concrete(value: PolicyValue): string {
  if (typeof value === 'string') return value;
  return value.parts.map((p) => (typeof p === 'string' ? p : holeToken(p.id))).join('');
}

function mapPolicy(policy: Policy, map: (s: Statement) => Statement | undefined): Policy {
  const statements: Statement[] = [];
  for (const s of policy.statements) {
    const mapped = map(s);
    if (mapped) statements.push(mapped);
  }
  return { version: policy.version, id: policy.id, statements };
}

/**
 * A Deny on `arn:*:*:*:*:*`-like patterns covers every resource an action acts on; the evaluator,
 * asked about `*` (any resource), only counts a literal `*` as covering them all.
 */
export function widenDeny(s: Statement): Statement {
  const r = s.resource;
  if (s.effect !== 'Deny' || r === undefined || r.negated || !r.values.some((v) => v !== '*' && isEveryResource(v))) {
    return s;
  }
  return { ...s, resource: { ...r, values: r.values.map((v) => (isEveryResource(v) ? '*' : v)) } };
}

/** Allow statements without conditions; conditional Denies dropped: the most a context can give. */
function relaxStatement(s: Statement): Statement | undefined {
  if (s.conditions.length === 0) return s;
  return s.effect === 'Allow' ? { ...s, conditions: [] } : undefined;
}

function concreteStatement(s: Statement): Statement {
  const resource = s.resource && { ...s.resource, values: s.resource.values.map(concrete) };
  const conditions = s.conditions.map((c) => ({ ...c, values: c.values.map(concrete) }));
  return { ...s, resource, conditions };
}

function mapSet(set: PolicySet, map: (s: Statement) => Statement | undefined): PolicySet {
  const one = (p: Policy | undefined): Policy | undefined => (p ? mapPolicy(p, map) : undefined);
  return {
    identityPolicies: set.identityPolicies?.map((p) => mapPolicy(p, map)),
    permissionsBoundary: one(set.permissionsBoundary),
    sessionPolicy: one(set.sessionPolicy),
    serviceControlPolicies: set.serviceControlPolicies?.map((level) => level.map((p) => mapPolicy(p, map))),
  };
}

// --- statement helpers ---

interface PlacedStatement {
  readonly statement: Statement;
  readonly kind: 'identity' | 'boundary' | 'session' | 'scp';
  readonly key: string;
  /** The statement as the evaluator's trace names it. */
  readonly ref: StatementRef;
  /** `[ref]`, shared by every grant the statement alone makes. */
  readonly refs: readonly StatementRef[];
  /** Lowercase action patterns. */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** Applies to every resource (see {@link coversEverything}). */
  readonly everything: boolean;
  /** Resource values that name specific resources, with their text. */
  readonly specific: readonly (readonly [text: string, value: PolicyValue])[];
}

function place(
  statement: Statement,
  kind: PlacedStatement['kind'],
  index: number,
  policy: Policy,
  level?: number,
): PlacedStatement {
  const ref: StatementRef = {
    policy: {
      kind,
      index,
      ...(level !== undefined ? { level } : {}),
      ...(policy.id !== undefined ? { id: policy.id } : {}),
    },
    pointer: statement.pointer,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
  };
  return {
    statement,
    kind,
    ref,
    refs: [ref],
    key: refKey(kind, index, level, statement.pointer),
    actions: (statement.action?.values ?? []).map((a) => a.toLowerCase()),
    notAction: statement.action?.negated === true,
    everything: coversEverything(statement),
    specific: (statement.resource?.values ?? [])
      .filter((v) => !isEveryResource(v))
      .map((v) => [typeof v === 'string' ? v : v.toString(), v] as const),
  };
}

function refKey(kind: string, index: number, level: number | undefined, pointer: string): string {
  return `${kind}|${level ?? ''}|${index}|${pointer}`;
}

function keyOf(ref: StatementRef): string {
  return refKey(ref.policy.kind, ref.policy.index, ref.policy.level, ref.pointer);
}

function statementHasAction(p: PlacedStatement, actionLower: string): boolean {
  if (p.statement.action === undefined) return false;
  const hit = p.actions.some((a) => a === '*' || a === actionLower || matchWildcard(a, actionLower));
  return hit !== p.notAction;
}

/** `*`, `arn:*`, `arn:aws:*:*`...: a value every resource matches. */
function isEveryResource(value: PolicyValue): boolean {
  return typeof value === 'string' && (value === '*' || /^arn:(\*|aws)(:\*){1,4}$/.test(value));
}

/** Does the statement apply to every resource (positive `*`-like Resource, or no Resource element)? */
function coversEverything(s: Statement): boolean {
  const r = s.resource;
  if (r === undefined) return true;
  if (r.negated) return r.values.length === 0;
  return r.values.some(isEveryResource);
}

// --- the catalog as the analysis walks it ---

/** What the analysis reads of a reachable action, looked up once per spelling. */
interface ActionEntry {
  /** As the catalog's expansion spells it. */
  readonly action: string;
  readonly info: ActionInfo | undefined;
  /** `service:name`, lowercase. */
  readonly lower: string;
  readonly service: string;
  /** In the catalog under this lowercase name: what a pattern reaches in its service applies to it. */
  readonly canonical: boolean;
  /** See {@link typeKeys}. */
  typeKeys?: readonly string[];
}

const ENTRY_LIMIT = 50_000;
const entries = new Map<string, ActionEntry>();

function entryOf(action: string): ActionEntry {
  let entry = entries.get(action);
  if (entry === undefined) {
    const info = getAction(action);
    const lower = action.toLowerCase();
    entry = {
      action,
      info,
      lower,
      service: info?.service ?? lower.slice(0, lower.indexOf(':')),
      canonical: info !== undefined && info.action.toLowerCase() === lower,
    };
    if (entries.size >= ENTRY_LIMIT) entries.clear();
    entries.set(action, entry);
  }
  return entry;
}

/** The entries of an expansion of the catalog (they are cached: `*` is expanded once). */
const entryLists = new WeakMap<readonly string[], readonly ActionEntry[]>();

function entriesOf(actions: readonly string[]): readonly ActionEntry[] {
  let list = entryLists.get(actions);
  if (list === undefined) {
    const seen = new Set<string>();
    const unique: ActionEntry[] = [];
    for (const action of actions) {
      const entry = entryOf(action);
      if (seen.has(entry.lower)) continue;
      seen.add(entry.lower);
      unique.push(entry);
    }
    list = unique;
    entryLists.set(actions, list);
  }
  return list;
}

/**
 * The entries of an expansion among `only` (lowercase names), in the expansion's order: as
 * `entriesOf` filtered, without reading the catalog entry of every action `*` reaches.
 */
function entriesAmong(actions: readonly string[], only: ReadonlySet<string>): readonly ActionEntry[] {
  const seen = new Set<string>();
  const kept: ActionEntry[] = [];
  for (const action of actions) {
    const lower = action.toLowerCase();
    if (!only.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    kept.push(entryOf(action));
  }
  return kept;
}

/**
 * The actions of one service a statement reaches: all, none, or those whose lowercase name is in
 * one of `sets` (`negated`: in none of them, for NotAction).
 */
type StatementReach = 'all' | 'none' | { readonly sets: readonly ReadonlySet<string>[]; readonly negated: boolean };

/** How the statements of an analysis reach the actions of one service. */
interface ServicePlan {
  /** One entry per placed statement. */
  readonly reach: readonly StatementReach[];
  /** When every statement reaches all or none of the actions: the relevant ones, shared by all. */
  readonly uniform:
    { readonly relevant: readonly PlacedStatement[]; readonly ids: string; readonly key: string } | undefined;
}

/** The actions of a service a pattern matches: all, none, or those whose lowercase names are in the set. */
type PatternReach = 'all' | 'none' | ReadonlySet<string>;

const REACH_LIMIT = 10_000;
/** Per lowercase action pattern and service, the actions it matches. */
const reaches = new Map<string, Map<string, PatternReach>>();

/** The actions of `service` a lowercase action pattern matches, as {@link statementHasAction} matches them. */
function patternReach(pattern: string, service: string): PatternReach {
  if (pattern === '*') return 'all';
  // A literal service prefix (`s3:Get*`) matches the actions of that service only.
  const colon = pattern.indexOf(':');
  if (colon > 0 && pattern.slice(0, colon) !== service && !hasWildcard(pattern.slice(0, colon))) return 'none';
  let byService = reaches.get(pattern);
  if (byService === undefined) {
    if (reaches.size >= REACH_LIMIT) reaches.clear();
    reaches.set(pattern, (byService = new Map<string, PatternReach>()));
  }
  let reach = byService.get(service);
  if (reach === undefined) {
    const list = listServiceActions(service);
    const matched = new Set<string>();
    for (const a of list) {
      const lower = a.action.toLowerCase();
      if (lower === pattern || matchWildcard(pattern, lower)) matched.add(lower);
    }
    reach = matched.size === 0 ? 'none' : matched.size === list.length ? 'all' : matched;
    byService.set(service, reach);
  }
  return reach;
}

/** What a statement's Action (or NotAction) reaches among the actions of `service`. */
function statementReach(p: PlacedStatement, service: string): StatementReach {
  if (p.statement.action === undefined) return 'none';
  const sets: ReadonlySet<string>[] = [];
  let all = false;
  for (const pattern of p.actions) {
    const reach = patternReach(pattern, service);
    if (reach === 'all') {
      all = true;
      break;
    }
    if (reach !== 'none') sets.push(reach);
  }
  if (all) return p.notAction ? 'none' : 'all';
  if (sets.length === 0) return p.notAction ? 'all' : 'none';
  return { sets, negated: p.notAction };
}

/** Lowercase `service:type` of the action's resource types, made once per action. */
function typeKeys(entry: ActionEntry): readonly string[] {
  const info = entry.info;
  if (info === undefined) return NONE;
  entry.typeKeys ??= info.resourceTypes.map((t) => `${info.service}:${t.name}`.toLowerCase());
  return entry.typeKeys;
}

const STAR_ONLY: readonly (readonly [string, PolicyValue])[] = Object.freeze([Object.freeze(['*', '*'] as const)]);

// --- the analysis ---

interface Evaluated {
  readonly access: Access;
  readonly statements: readonly StatementRef[];
  readonly cutBy: readonly CutBy[] | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

/** Services whose actions the evaluator treats one by one (see `outcomeFor`). */
const SPECIAL_SERVICES: ReadonlySet<string> = new Set(['iam', 'kms', 'sts']);

/** The answers for an action, shared by the actions of a service that get the same ones. */
interface ActionOutcome extends Pick<
  ActionPermission,
  | 'access'
  | 'scope'
  | 'exceptions'
  | 'allBut'
  | 'resources'
  | 'guards'
  | 'conditionalEverywhere'
  | 'conditionalElsewhere'
> {
  /** Some resource is not `denied`. */
  readonly granted: boolean;
}

/** A Deny, or a guardrail's Allow, that may apply to a conditional grant: compared as its conditions. */
type Guard = NonNullable<ActionPermission['guards']>[number];

const RANK: Record<Access, number> = { denied: 0, conditional: 1, unknown: 1, allowed: 2 };

class Analysis {
  private readonly set: PolicySet;
  private readonly compiled: CompiledPolicySet;
  private relaxedCompiled: CompiledPolicySet | undefined;
  private concreteCompiled: CompiledPolicySet | undefined;
  private concreteRelaxedCompiled: CompiledPolicySet | undefined;
  private readonly placed: PlacedStatement[] = [];
  private readonly byKey = new Map<string, Statement>();
  private readonly account: string;
  private readonly only: ReadonlySet<string> | undefined;

  constructor(
    readonly principal: string,
    options: EffectiveOptions,
    /** Share what actions have in common (false: {@link effectivePermissionsOneByOne}). */
    private readonly shared = true,
  ) {
    this.set = mapSet(
      {
        identityPolicies: options.identityPolicies,
        permissionsBoundary: options.boundary,
        sessionPolicy: options.sessionPolicy,
        serviceControlPolicies: options.scps,
      },
      widenDeny,
    );
    this.compiled = compilePolicySet(this.set);
    this.only = options.actions;
    this.account = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(principal)?.[1] ?? options.account ?? DEFAULT_ACCOUNT;
    options.identityPolicies.forEach((p, i) => {
      for (const s of p.statements) this.add(place(s, 'identity', i, p));
    });
    const b = options.boundary;
    for (const s of b?.statements ?? []) this.add(place(s, 'boundary', 0, b as Policy));
    const session = options.sessionPolicy;
    for (const s of session?.statements ?? []) this.add(place(s, 'session', 0, session as Policy));
    options.scps?.forEach((level, l) => {
      level.forEach((p, i) => {
        for (const s of p.statements) this.add(place(s, 'scp', i, p, l));
      });
    });
  }

  private readonly typesOf = new Map<string, ReadonlySet<string>>();
  private readonly groups = new Map<string, ActionOutcome>();
  private readonly plans = new Map<string, ServicePlan>();

  /**
   * Can the pattern stand for a resource the action acts on? The pattern's resource types are
   * looked up once per analysis, not once per action.
   */
  private fits(entry: ActionEntry, text: string, value: PolicyValue): boolean {
    let known = this.typesOf.get(text);
    if (known === undefined) {
      known = new Set(
        resourceTypesForArn(value).map((t) => `${t.resourceType.service}:${t.resourceType.name}`.toLowerCase()),
      );
      this.typesOf.set(text, known);
    }
    for (const key of typeKeys(entry)) if (known.has(key)) return true;
    return false;
  }

  private add(p: PlacedStatement): void {
    this.placed.push(p);
    this.byKey.set(p.key, p.statement);
    for (const c of p.statement.conditions) blockOf.set(c, p.statement.conditions);
  }

  private get relaxed(): CompiledPolicySet {
    return (this.relaxedCompiled ??= compilePolicySet(mapSet(this.set, relaxStatement)));
  }

  private get concreteSet(): CompiledPolicySet {
    return (this.concreteCompiled ??= compilePolicySet(mapSet(this.set, concreteStatement)));
  }

  private get concreteRelaxed(): CompiledPolicySet {
    this.concreteRelaxedCompiled ??= compilePolicySet(mapSet(mapSet(this.set, concreteStatement), relaxStatement));
    return this.concreteRelaxedCompiled;
  }

  /** The actions the identity Allow statements reach, in the order they name them, once each. */
  private reachableActions(): readonly ActionEntry[] {
    const lists: (readonly ActionEntry[])[] = [];
    // A few actions asked of a policy that reaches thousands (`*`): only theirs are read.
    const only = this.only;
    const listOf = (names: readonly string[]): readonly ActionEntry[] =>
      only !== undefined && only.size < names.length ? entriesAmong(names, only) : entriesOf(names);
    for (const p of this.placed) {
      if (p.kind !== 'identity' || p.statement.effect !== 'Allow' || p.statement.action === undefined) continue;
      const values = p.statement.action.values;
      if (p.notAction) lists.push(listOf(expandNotAction(values)));
      else for (const v of values) lists.push(listOf(expandActionPattern(v)));
    }
    if (lists.length === 1) return lists[0] as readonly ActionEntry[];
    const seen = new Set<string>();
    const found: ActionEntry[] = [];
    for (const list of lists)
      for (const entry of list) {
        if (seen.has(entry.lower)) continue;
        seen.add(entry.lower);
        found.push(entry);
      }
    return found;
  }

  run(): EffectivePermissions {
    const reachable = this.reachableActions();
    const only = this.only;
    // The list of a whole expansion is kept (its index by name is shared) when the filter keeps it all.
    const entries =
      only === undefined || reachable.every((e) => only.has(e.lower))
        ? reachable
        : reachable.filter((e) => only.has(e.lower));
    return new Result(
      this,
      entries,
      entries.map((entry) => this.outcomeFor(entry)),
    );
  }

  /**
   * How the statements reach the actions of a service, worked out once per service: each one
   * reaches all of them, none, or some (then asked per action). When none reaches only some,
   * every action of the service has the same relevant statements.
   */
  private planOf(service: string): ServicePlan {
    let plan = this.plans.get(service);
    if (plan === undefined) {
      const reach = this.placed.map((p) => statementReach(p, service));
      let uniform: ServicePlan['uniform'];
      if (reach.every((r) => r === 'all' || r === 'none')) {
        const relevant = this.placed.filter((_p, i) => reach[i] === 'all');
        const ids = reach.map((r, i) => (r === 'all' ? `${i},` : '')).join('');
        uniform = { relevant, ids, key: `${service}\0${ids}\0*` };
      }
      plan = { reach, uniform };
      this.plans.set(service, plan);
    }
    return plan;
  }

  /** The statements that reach the action, in policy order, and their indexes (`0,3,`). */
  private relevantTo(entry: ActionEntry): { relevant: readonly PlacedStatement[]; ids: string; key?: string } {
    const plan = this.shared && entry.canonical ? this.planOf(entry.service) : undefined;
    if (plan?.uniform !== undefined) return plan.uniform;
    const relevant: PlacedStatement[] = [];
    let ids = '';
    for (let i = 0; i < this.placed.length; i++) {
      const p = this.placed[i] as PlacedStatement;
      const reach = plan?.reach[i];
      const hit =
        reach === undefined
          ? statementHasAction(p, entry.lower)
          : reach === 'all' || (reach !== 'none' && reach.sets.some((set) => set.has(entry.lower)) !== reach.negated);
      if (!hit) continue;
      relevant.push(p);
      ids += `${i},`;
    }
    return { relevant, ids };
  }

  private outcomeFor(entry: ActionEntry): ActionOutcome {
    const { action, info, lower, service } = entry;
    const { relevant, ids, key } = this.relevantTo(entry);
    // Resource patterns beside `*` that fit the action (most actions have none).
    let named: Map<string, PolicyValue> | undefined;
    if (info === undefined || !info.wildcardOnly) {
      for (const p of relevant) {
        for (const [text, v] of p.specific) {
          if (text === '*' || named?.has(text) === true) continue;
          if (info && !this.fits(entry, text, v)) continue;
          (named ??= new Map<string, PolicyValue>()).set(text, v);
        }
      }
    }
    const patterns: readonly (readonly [string, PolicyValue])[] =
      named === undefined ? STAR_ONLY : [['*', '*'], ...named];
    // Actions of one service reached by the same statements on the same patterns get the same
    // answers, except where the evaluator special-cases actions (IAM and KMS resources AWS owns or
    // that need a resource policy, sts:GetCallerIdentity): those are evaluated one by one.
    const groupKey =
      !this.shared || SPECIAL_SERVICES.has(service)
        ? undefined
        : named === undefined && key !== undefined
          ? key
          : `${service}\0${ids}\0${patterns.map(([text]) => text).join('\0')}`;
    const shared = groupKey === undefined ? undefined : this.groups.get(groupKey);
    if (shared !== undefined) return shared;
    const outcome = this.outcomeOf(action, lower, relevant, patterns);
    if (groupKey !== undefined) this.groups.set(groupKey, outcome);
    return outcome;
  }

  /** What the policies answer for the action on each pattern (`*` first). */
  private outcomeOf(
    action: string,
    lower: string,
    relevant: readonly PlacedStatement[],
    patterns: readonly (readonly [string, PolicyValue])[],
  ): ActionOutcome {
    // The evaluator finds "some resource" in any Allow pattern; when every grant names specific
    // resources, "any resource" is only as good as the patterns that fit the action (and `*` is
    // not evaluated).
    const broad = relevant.some(
      (p) =>
        p.kind === 'identity' &&
        p.statement.effect === 'Allow' &&
        (p.everything || p.statement.resource?.negated === true),
    );
    const resources: ResourceAccess[] = [];
    for (const [text, value] of patterns) {
      if (!broad && text === '*') continue;
      const e = this.evaluateOn(action, value, relevant);
      const conditions = e.access === 'conditional' || e.access === 'allowed' ? this.conditionsOf(e.statements) : NONE;
      const entry: { -readonly [K in keyof ResourceAccess]: ResourceAccess[K] } = {
        resource: text,
        access: e.access,
        statements: e.statements,
        conditions,
      };
      if (isSymbolic(value)) entry.symbolic = value;
      if (e.cutBy) entry.cutBy = e.cutBy;
      resources.push(entry);
    }
    if (!broad) {
      const fitting = bestOf(resources);
      resources.unshift(
        fitting === undefined || fitting.access === 'denied'
          ? { resource: '*', access: 'denied', statements: NONE, conditions: NONE }
          : { resource: '*', access: fitting.access, statements: fitting.statements, conditions: fitting.conditions },
      );
    }
    const best = (bestOf(resources) as ResourceAccess).access;
    const any = resources[0] as ResourceAccess;
    // sts:GetCallerIdentity needs no permission and cannot be denied: everywhere, whatever grants it.
    const everywhere =
      any.access === 'allowed' && (lower === 'sts:getcalleridentity' || this.everyResource(any, relevant));
    const scope = best === 'denied' ? 'none' : everywhere ? 'all' : 'specific';
    const exceptions =
      everywhere && resources.length > 1 ? resources.filter((r) => r.access === 'denied').map((r) => r.resource) : NONE;
    const granted = resources.some((r) => r.access !== 'denied');
    const allBut = everywhere ? undefined : this.everyResourceBut(any, relevant, resources);
    const guards =
      resources.some((r) => r.conditions.length > 0) ||
      relevant.some(
        (p) =>
          ((p.statement.effect === 'Deny' || p.kind !== 'identity') && p.statement.conditions.length > 0) ||
          (p.statement.effect === 'Deny' && this.unresolved(p.statement.resource)),
      )
        ? guardsOf(relevant, (block) => this.unresolved(block))
        : undefined;
    const allowing = any.access === 'conditional' ? any.statements.map(keyOf) : [];
    const conditionalEverywhere = relevant.some(
      (p) => p.kind === 'identity' && p.everything && allowing.includes(p.key),
    );
    const conditionalElsewhere =
      !everywhere &&
      any.access === 'allowed' &&
      relevant.some(
        (p) =>
          p.kind === 'identity' &&
          (p.everything || p.statement.resource?.negated === true) &&
          p.statement.effect === 'Allow' &&
          p.statement.conditions.length > 0,
      );
    return {
      access: best,
      scope,
      exceptions,
      ...(allBut === undefined ? {} : { allBut }),
      resources,
      granted,
      ...(guards === undefined ? {} : { guards }),
      ...(conditionalEverywhere ? { conditionalEverywhere } : {}),
      ...(conditionalElsewhere ? { conditionalElsewhere } : {}),
    };
  }

  /**
   * Allowed, or allowed under conditions, on some resource through an identity Allow with
   * `NotResource`, under guardrails that allow everything: the patterns it is denied on (every
   * other resource is reached the same way); undefined otherwise.
   */
  private everyResourceBut(
    any: ResourceAccess,
    relevant: readonly PlacedStatement[],
    resources: readonly ResourceAccess[],
  ): readonly string[] | undefined {
    if (any.access !== 'allowed' && any.access !== 'conditional') return undefined;
    const allowing = any.statements.map(keyOf);
    const spares = relevant.some(
      (p) =>
        p.kind === 'identity' &&
        p.statement.effect === 'Allow' &&
        p.statement.resource?.negated === true &&
        allowing.includes(p.key),
    );
    if (!spares || !this.guardrailsAllowEverything(relevant)) return undefined;
    return resources.filter((r) => r.resource !== '*' && r.access === 'denied').map((r) => r.resource);
  }

  /**
   * Allowed on any resource: is it allowed on every one? Some allowing identity statement and every
   * guardrail need an unconditional Allow covering everything, and no unconditional Deny may
   * spare only some resources (NotResource).
   */
  private everyResource(any: ResourceAccess, relevant: readonly PlacedStatement[]): boolean {
    const allowing = any.statements.map(keyOf);
    const identityAll = relevant.some((p) => p.kind === 'identity' && p.everything && allowing.includes(p.key));
    if (!identityAll) return false;
    return this.guardrailsAllowEverything(relevant);
  }

  /**
   * Every guardrail (boundary, session policy, each SCP level) holds an unconditional Allow on
   * every resource, and no unconditional Deny spares only some resources (NotResource).
   */
  private guardrailsAllowEverything(relevant: readonly PlacedStatement[]): boolean {
    const guardrailOk = (kind: PlacedStatement['kind'], level?: number): boolean =>
      relevant.some(
        (p) =>
          p.kind === kind &&
          (level === undefined || p.key.startsWith(`scp|${level}|`)) &&
          p.statement.effect === 'Allow' &&
          p.statement.conditions.length === 0 &&
          p.everything,
      );
    if (this.set.permissionsBoundary && !guardrailOk('boundary')) return false;
    if (this.set.sessionPolicy && !guardrailOk('session')) return false;
    const levels = this.set.serviceControlPolicies ?? [];
    for (let l = 0; l < levels.length; l++) if (!guardrailOk('scp', l)) return false;
    return !relevant.some(
      (p) =>
        p.statement.effect === 'Deny' && p.statement.conditions.length === 0 && p.statement.resource?.negated === true,
    );
  }

  /** Evaluates `action` on one resource pattern, literal or symbolic. */
  private evaluateOn(action: string, value: PolicyValue, relevant: readonly PlacedStatement[]): Evaluated {
    const grants = relevant.filter((p) => p.kind === 'identity' && p.statement.effect === 'Allow');
    if (typeof value === 'string')
      return this.evaluateRequest(action, this.forPrincipal(value), this.compiled, () => this.relaxed, grants);
    const e = this.evaluateRequest(action, concrete(value), this.concreteSet, () => this.concreteRelaxed, grants);
    return this.doubt(e, value, relevant);
  }

  /**
   * A pattern naming the principal by a policy variable (`user/${aws:username}`) as the resource
   * it is for this principal (`user/alice`), as the evaluator reads the policy; the text when the
   * principal does not give the variable a value.
   */
  private forPrincipal(text: string): string {
    if (!hasVariable(text)) return text;
    this.derived ??= buildContext(undefined, parsePrincipal(this.principal), true);
    const context = this.derived;
    return substituteVariables(text, (key) => context.get(key.toLowerCase()), false) ?? text;
  }

  private derived: ReturnType<typeof buildContext> | undefined;

  /**
   * Whether a Resource names resources by a variable this principal gives no value
   * (`home/${aws:PrincipalTag/team}/*`, `${aws:userid}`, `${aws:SourceIdentity}`): a Deny of it
   * fires only as the request has that value, a condition on it.
   */
  private unresolved(block: Statement['resource']): boolean {
    if (block === undefined || block.negated) return false;
    return block.values.some((v) => {
      if (typeof v !== 'string') return false;
      const text = this.forPrincipal(v);
      // Only users have a name: on a role, a value naming it never matches, the Deny never fires.
      return hasVariable(text) && !/\$\{aws:username\}/i.test(text);
    });
  }

  /** A symbolic resource: unknown when a deny, or a guardrail allow, may or may not match it. */
  private doubt(e: Evaluated, value: SymbolicValue, relevant: readonly PlacedStatement[]): Evaluated {
    const undecided = (p: PlacedStatement): boolean => {
      const r = p.statement.resource;
      if (r === undefined) return false;
      return r.values.some((v) => matchPolicyValue(v, value) === 'unknown');
    };
    const allowedNow = e.access === 'allowed' || e.access === 'conditional';
    const suspect = relevant.some((p) =>
      allowedNow
        ? p.statement.effect === 'Deny' && undecided(p)
        : p.kind !== 'identity' && p.statement.effect === 'Allow' && undecided(p),
    );
    return suspect ? { ...e, access: 'unknown' } : e;
  }

  /**
   * Evaluates one request without context, then (when not allowed) against the relaxed policies.
   * Traces only when needed: with one candidate identity Allow, it is the allowing statement.
   */
  evaluateRequest(
    action: string,
    resource: string,
    strict: CompiledPolicySet,
    relaxed: () => CompiledPolicySet,
    grants: readonly PlacedStatement[],
  ): Evaluated {
    const request = { principal: this.principal, action, resource, resourceAccount: this.account };
    const statements = (set: CompiledPolicySet): readonly StatementRef[] => {
      if (grants.length === 1) return (grants[0] as PlacedStatement).refs;
      return allows(evaluate(request, set, { trace: true }));
    };
    const first = evaluate(request, strict);
    if (first.decision === 'Allowed') return { access: 'allowed', statements: statements(strict), cutBy: undefined };
    if (first.mostAccess === 'Allowed') return { access: 'unknown', statements: statements(strict), cutBy: undefined };
    const set = relaxed();
    const second = evaluate(request, set);
    if (second.decision === 'Allowed') return { access: 'conditional', statements: statements(set), cutBy: undefined };
    if (second.mostAccess === 'Allowed') return { access: 'unknown', statements: statements(set), cutBy: undefined };
    const cutBy = grants.length > 0 ? cutOf(evaluate(request, set, { trace: true })) : undefined;
    return { access: 'denied', statements: NONE, cutBy };
  }

  /** Evaluates one request outside the precomputed patterns. */
  ask(action: string, resource: string): Evaluated {
    const lower = action.toLowerCase();
    const grants = this.placed.filter(
      (p) => p.kind === 'identity' && p.statement.effect === 'Allow' && statementHasAction(p, lower),
    );
    // A resource holding hole placeholders (from `gained`) is asked of the rewritten policies.
    if (resource.includes('\uE000')) {
      return this.evaluateRequest(action, resource, this.concreteSet, () => this.concreteRelaxed, grants);
    }
    return this.evaluateRequest(action, resource, this.compiled, () => this.relaxed, grants);
  }

  conditionsOf(refs: readonly StatementRef[]): readonly ConditionClause[] {
    // Most grants carry none: no list made for them.
    if (refs.every((ref) => (this.byKey.get(keyOf(ref))?.conditions.length ?? 0) === 0)) return NONE;
    return refs.flatMap((ref) => this.byKey.get(keyOf(ref))?.conditions ?? []);
  }
}

function allows(result: EvaluationResult): readonly StatementRef[] {
  return result.trace?.allows.filter((a) => a.policy.kind === 'identity') ?? [];
}

/** What removes a grant the identity policies make; undefined when they make none. */
function cutOf(result: EvaluationResult): readonly CutBy[] | undefined {
  const trace = result.trace;
  if (trace === undefined || !trace.allows.some((a) => a.policy.kind === 'identity')) return undefined;
  const cut = new Set<CutBy>();
  if (trace.denies.length > 0) cut.add('deny');
  for (const m of trace.missingAllows) {
    if (m.kind === 'boundary' || m.kind === 'session' || m.kind === 'scp') cut.add(m.kind);
  }
  return [...cut];
}

/** {@link ActionPermission.guards}. */
function guardsOf(
  relevant: readonly PlacedStatement[],
  unresolved: (block: Statement['resource']) => boolean,
): readonly Guard[] {
  return relevant
    .filter((p) => p.statement.effect === 'Deny' || p.kind !== 'identity')
    .map((p) => ({
      of: p.statement.effect === 'Deny' ? 'deny' : p.key.split('|', 2).join('|'),
      conditions: p.statement.conditions,
      resource: p.statement.resource,
      ...(p.statement.effect === 'Deny' && unresolved(p.statement.resource) ? { unresolved: true as const } : {}),
    }));
}

/** Conditions as text, without their places: equal when they ask the same. */
function clauses(conditions: readonly ConditionClause[]): string {
  return conditions
    .map((c) => `${c.operator} ${c.key.toLowerCase()} ${JSON.stringify(c.values.map(valueToString).sort())}`)
    .sort()
    .join('; ');
}

/** Index by lowercase name of a list of entries (shared by the analyses that reach the same list). */
const entryIndexes = new WeakMap<readonly ActionEntry[], ReadonlyMap<string, number>>();

function indexOf(entries: readonly ActionEntry[]): ReadonlyMap<string, number> {
  let index = entryIndexes.get(entries);
  if (index === undefined) {
    const built = new Map<string, number>();
    entries.forEach((e, i) => built.set(e.lower, i));
    entryIndexes.set(entries, (index = built));
  }
  return index;
}

/** One action's {@link ActionPermission}. */
function permissionOf(entry: ActionEntry, outcome: ActionOutcome): ActionPermission {
  const info = entry.info;
  return {
    action: info?.action ?? entry.action,
    service: entry.service,
    accessLevel: info?.accessLevel,
    accessLevels: info?.accessLevels ?? NONE,
    access: outcome.access,
    scope: outcome.scope,
    exceptions: outcome.exceptions,
    ...(outcome.allBut === undefined ? {} : { allBut: outcome.allBut }),
    resources: outcome.resources,
    ...(outcome.guards === undefined ? {} : { guards: outcome.guards }),
    ...(outcome.conditionalEverywhere === undefined ? {} : { conditionalEverywhere: outcome.conditionalEverywhere }),
    ...(outcome.conditionalElsewhere === undefined ? {} : { conditionalElsewhere: outcome.conditionalElsewhere }),
  };
}

/**
 * The answers of an analysis: one shared outcome per action, the map of {@link ActionPermission}
 * made when first read (a comparison of two versions walks the outcomes, not 20,000 objects).
 */
class Result implements EffectivePermissions {
  readonly principal: string;
  private map: ReadonlyMap<string, ActionPermission> | undefined;

  constructor(
    private readonly analysis: Analysis,
    readonly entries: readonly ActionEntry[],
    readonly outcomes: readonly ActionOutcome[],
  ) {
    this.principal = analysis.principal;
  }

  get actions(): ReadonlyMap<string, ActionPermission> {
    if (this.map === undefined) {
      const map = new Map<string, ActionPermission>();
      this.entries.forEach((e, i) => map.set(e.lower, permissionOf(e, this.outcomes[i] as ActionOutcome)));
      this.map = map;
    }
    return this.map;
  }

  /** The outcome for a lowercase action name, if the analysis reaches it. */
  outcome(lower: string): ActionOutcome | undefined {
    const i = indexOf(this.entries).get(lower);
    return i === undefined ? undefined : this.outcomes[i];
  }

  summary(): readonly PermissionSummary[] {
    const counts = new Map<string, { -readonly [K in keyof PermissionSummary]: PermissionSummary[K] }>();
    for (let i = 0; i < this.entries.length; i++) {
      const a = this.outcomes[i] as ActionOutcome;
      const e = this.entries[i] as ActionEntry;
      const service = e.service;
      const accessLevels = e.info?.accessLevels ?? NONE;
      if (a.access === 'denied') continue;
      for (const level of accessLevels) {
        const key = `${service}|${level}`;
        let c = counts.get(key);
        if (!c) {
          c = {
            service,
            accessLevel: level,
            allResources: 0,
            specificResources: 0,
            underConditions: 0,
            unknown: 0,
          };
          counts.set(key, c);
        }
        if (a.access === 'allowed') {
          if (a.scope === 'all') c.allResources++;
          else c.specificResources++;
        } else if (a.access === 'conditional') c.underConditions++;
        else c.unknown++;
      }
    }
    return [...counts.values()].sort((x, y) =>
      x.service === y.service ? x.accessLevel.localeCompare(y.accessLevel) : x.service.localeCompare(y.service),
    );
  }

  canDo(action: string, resource?: string): CanDoAnswer {
    const known = this.outcome(action.toLowerCase());
    // Without a resource: the best answer over every resource pattern (a symbolic grant included).
    const found =
      resource === undefined ? known && bestOf(known.resources) : known?.resources.find((r) => r.resource === resource);
    if (found) return answer(found.access, found.statements, found.conditions);
    if (known === undefined) return answer('denied', [], []);
    const e = this.analysis.ask(action, resource ?? '*');
    return answer(e.access, e.statements, this.analysis.conditionsOf(e.statements));
  }

  allowedActions(filter: ActionFilter = {}): readonly ActionPermission[] {
    const service = filter.service?.toLowerCase();
    const withConditional = filter.includeConditional !== false;
    return [...this.actions.values()].filter(
      (a) =>
        (a.access === 'allowed' || (withConditional && a.access !== 'denied')) &&
        (service === undefined || a.service === service) &&
        (filter.accessLevel === undefined || a.accessLevels.includes(filter.accessLevel)) &&
        (filter.onAnyResource !== true || a.scope === 'all'),
    );
  }

  deadGrants(): readonly DeadGrant[] {
    const dead: DeadGrant[] = [];
    for (const a of this.actions.values()) {
      for (const r of a.resources) {
        if (r.access === 'denied' && r.cutBy !== undefined && r.cutBy.length > 0) {
          dead.push({ action: a.action, resource: r.resource, cutBy: r.cutBy });
        }
      }
    }
    return dead;
  }

  cutByBoundary(): readonly DeadGrant[] {
    return this.deadGrants().filter((d) => d.cutBy.includes('boundary'));
  }
}

function bestOf(resources: readonly ResourceAccess[]): ResourceAccess | undefined {
  let best: ResourceAccess | undefined;
  for (const r of resources) {
    if (
      best === undefined ||
      RANK[r.access] > RANK[best.access] ||
      (r.access === 'unknown' && best.access === 'conditional')
    )
      best = r;
  }
  return best;
}

function answer(
  access: Access,
  statements: readonly StatementRef[],
  conditions: readonly ConditionClause[],
): CanDoAnswer {
  const map = { allowed: 'yes', conditional: 'conditional', unknown: 'unknown', denied: 'no' } as const;
  return { answer: map[access], statements, conditions };
}

const ANSWER_ACCESS = { yes: 'allowed', conditional: 'conditional', unknown: 'unknown', no: 'denied' } as const;

/**
 * The permissions `after` grants beyond `before`: every action and resource pattern whose access
 * improves (denied to conditional or allowed, conditional to allowed), each asked of `before`
 * through the evaluator.
 */
export function gained(before: EffectivePermissions, after: EffectivePermissions): readonly GainedPermission[] {
  return compared(before, after, false).rows;
}

/** The rows of {@link gained}, each action's together, with what a summary of them needs. */
export interface Comparison {
  /** The gains; with `swap`, each with `before` and `after` swapped (what going back takes away). */
  readonly rows: readonly GainedPermission[];
  /** Per action that has rows, the index of its first one. */
  readonly starts: readonly number[];
  /** Per action (as `starts`): does `after` reach it on every resource (`scope` `all`)? */
  readonly everywhere: readonly boolean[];
  /**
   * Per action (as `starts`): was `*` compared on the resources no pattern names (an Allow on
   * every resource under conditions beside grants without)? Its row stands beside the patterns'.
   */
  readonly elsewhere: readonly boolean[];
}

/** {@link gained} as a {@link Comparison}. */
export function compared(before: EffectivePermissions, after: EffectivePermissions, swap: boolean): Comparison {
  const comparison: Into = { rows: [], starts: [], everywhere: [], elsewhere: [] };
  if (after instanceof Result) {
    // The outcomes, without making 20,000 ActionPermission objects: the same steps as below.
    const lookup =
      before instanceof Result
        ? (lower: string) => before.outcome(lower)
        : (lower: string) => before.actions.get(lower);
    for (let i = 0; i < after.entries.length; i++) {
      const outcome = after.outcomes[i] as ActionOutcome;
      if (!outcome.granted) continue;
      const entry = after.entries[i] as ActionEntry;
      const action = entry.info?.action ?? entry.action;
      // The lowercase of `action`, without making it again when the catalog spells it so.
      const lower = entry.canonical || entry.info === undefined ? entry.lower : action.toLowerCase();
      gainedOn(action, outcome, lookup(lower), { before, after, swap }, comparison);
    }
  } else {
    for (const a of after.actions.values())
      gainedOn(a.action, a, before.actions.get(a.action.toLowerCase()), { before, after, swap }, comparison);
  }
  return comparison;
}

type Compared = Pick<
  ActionPermission,
  'scope' | 'allBut' | 'resources' | 'guards' | 'conditionalEverywhere' | 'conditionalElsewhere'
>;

/** The two analyses of a comparison; `swap`: rows said the other way round (what going back takes away). */
interface Versions {
  readonly before: EffectivePermissions;
  readonly after: EffectivePermissions;
  readonly swap: boolean;
}

/** A {@link Comparison} being filled. */
interface Into {
  rows: GainedPermission[];
  starts: number[];
  everywhere: boolean[];
  elsewhere: boolean[];
}

/** Reached on every resource the same way (`NotResource` aside): unconditionally, or under conditions. */
function everywhere(x: Compared | undefined): boolean {
  return x !== undefined && (x.scope === 'all' || x.conditionalEverywhere === true || x.allBut !== undefined);
}

/** What `after` grants for one action beyond `before` (`previous`: what `before` has for it). */
function gainedOn(
  action: string,
  a: Compared,
  previous: Compared | undefined,
  { before, after, swap }: Versions,
  into: Into,
): void {
  const nowGuards = a.guards ?? NONE;
  const wasGuards = previous?.guards ?? NONE;
  const found: Change[] = [];
  const push = (
    resource: string,
    was: Access,
    is: Access,
    except: readonly string[] | undefined,
    conditions?: string,
  ): void => {
    found.push({
      resource,
      was,
      is,
      ...(except === undefined ? {} : { except }),
      ...(conditions === undefined ? {} : { conditions }),
    });
  };
  // Compared on one pattern: access as a change reads it, then, under conditions before and
  // after, a gain where some condition of the new version is no stricter than every one of the
  // old (another VPC, a wider `s3:prefix`, a Deny that no longer reaches the pattern).
  // Whether a version allows every resource of the pattern (what its stand-in answers).
  const whole = (version: EffectivePermissions, r: ResourceAccess): boolean =>
    version.canDo(action, standIn(r.symbolic ? concrete(r.symbolic) : r.resource)).answer === 'yes';
  const compare = (now: ResourceAccess, was: ResourceAccess, except: readonly string[] | undefined): void => {
    let is = changeAccess(now, nowGuards);
    let had = changeAccess(was, wasGuards);
    // Under conditions on one side only because a guardrail allows part of the pattern without
    // them, where the other side allows only part of it: the parts' own rows say what changed (a
    // boundary allowing `public/*` that gains `private/*` in a VPC loses nothing on the bucket).
    if (is === 'conditional' && had === 'allowed' && changeAccess(now, nowGuards, true) === 'allowed')
      if (!whole(before, was)) is = 'allowed';
    if (had === 'conditional' && is === 'allowed' && changeAccess(was, wasGuards, true) === 'allowed')
      if (!whole(after, now)) had = 'allowed';
    // `before`'s own reading of a pattern is "some resource of it" (`logs/*` granted inside a
    // bucket a Deny names): what it held on the rest of the pattern is what a gain starts from,
    // the parts it held on all of them being the row's exceptions.
    if (is !== 'denied' && RANK[had] >= RANK[is]) {
      const rest = wholeReading(before, action, was).access;
      if (RANK[rest] < RANK[had]) had = rest;
    }
    if (RANK[is] > RANK[had]) {
      if (!reachedWhole(now)) {
        onOverlaps(now);
        return;
      }
      // Allowed only on parts of the pattern, the rest under conditions (a grant in a VPC on the
      // bucket beside one on `public/*`): the pattern is gained under conditions.
      if (is === 'allowed' && grantedUnderConditions(now)) is = 'conditional';
      if (RANK[is] > RANK[had]) {
        push(now.resource, had, is, below(now, is, reachedBefore(now, is, except, had)), askedOf(now, is, was, had));
        return;
      }
    }
    if (is !== 'conditional' || had !== 'conditional') return;
    // Under conditions on both sides: those asked on all of the pattern are compared (a grant
    // on part of it, `bk/*` beside `*/logs/*`, is read on its own row).
    const all = wholeReading(after, action, now);
    if (all.access === 'denied') {
      onOverlaps(now);
      return;
    }
    if (!narrower(all, wholeReading(before, action, was), nowGuards, wasGuards))
      push(now.resource, had, is, below(now, is, reachedBefore(now, is, except)), askedOf(now, is, was, had));
  };
  const grantedUnderConditions = (now: ResourceAccess): boolean => {
    if (now.symbolic !== undefined || now.resource === '*') return false;
    const asked = wholeReading(after, action, now);
    return asked.access === 'conditional' && asked.conditions.length > 0;
  };
  // A pattern `after` reaches only on parts of it (a conditional Deny on the bucket beside grants
  // on `a/*` and `b/*`): the parts' own rows say what changed, not a gain on the whole bucket.
  const reachedWhole = (now: ResourceAccess): boolean => {
    if (now.resource === '*') return true;
    let byPattern = reachedWholes.get(after);
    if (byPattern === undefined) reachedWholes.set(after, (byPattern = new WeakMap()));
    let known = byPattern.get(now);
    if (known === undefined) {
      known = after.canDo(action, standIn(now.symbolic ? concrete(now.symbolic) : now.resource)).answer !== 'no';
      byPattern.set(now, known);
    }
    return known;
  };
  // `except` and the parts of the pattern `before` already reached on all of them as well as
  // `after` reaches the pattern (a boundary that narrows the bucket to a VPC but keeps a statement
  // for `public/*` without one: the bucket lost under conditions but `public/*`; a bucket gained
  // under a tag Deny but `logs/*`, held under it before).
  const reachedBefore = (
    now: ResourceAccess,
    is: Access,
    except: readonly string[] | undefined,
    had: Access = is,
  ): readonly string[] | undefined => {
    if (now.symbolic !== undefined || now.resource === '*' || previous === undefined) return except;
    const inside = [...(except ?? NONE)];
    // Held as well as now (under conditions: under the conditions read on its own row), or the
    // part of it inside the pattern (`bk/logs/*` of `bk/*` beside `*/logs/*`).
    for (const q of previous.resources) {
      if (q.symbolic !== undefined || q.resource === '*' || q.resource === now.resource) continue;
      if (patternCovers(q.resource, now.resource) || !patternsOverlap(now.resource, q.resource)) continue;
      // Reached before where the row says nothing was (`*/logs/*` gained beside `acme-data/*`
      // held in a VPC): those parts are compared on their own rows.
      if (
        had === 'denied' &&
        changeAccess(q, wasGuards) !== 'denied' &&
        wholeReading(before, action, q).access !== 'denied'
      ) {
        const parts = patternCovers(now.resource, q.resource) ? [q.resource] : overlapOf(now.resource, q.resource);
        for (const part of parts ?? NONE) {
          if (part === now.resource) continue;
          inside.push(part);
          onPart(part);
        }
        continue;
      }
      if (RANK[changeAccess(q, wasGuards)] < RANK[is] || RANK[wholeReading(before, action, q).access] < RANK[is])
        continue;
      // A pattern inside is compared on its own row, and so are the overlaps of a grant with a
      // pattern only `before` evaluates; other parts are exceptions only where held alike.
      if (patternCovers(now.resource, q.resource)) inside.push(q.resource);
      else {
        const ownRows = a.resources.includes(now) && !a.resources.some((x) => x.resource === q.resource);
        for (const part of overlapOf(now.resource, q.resource) ?? NONE)
          if (part !== now.resource && (ownRows || heldAlike(part, is))) inside.push(part);
      }
    }
    if (inside.length === (except ?? NONE).length) return except;
    return inside.filter((q) => !inside.some((o) => o !== q && patternCovers(o, q)));
  };
  // Under conditions, whether `before` held a part under conditions as wide as `after`'s (where
  // `*/logs/*` moves to another VPC beside `bk/*` in a VPC, `bk/logs/*` is not: gained there).
  const heldAlike = (part: string, is: Access): boolean => {
    if (is !== 'conditional') return true;
    const now = wholeReading(after, action, { resource: part, access: is, statements: NONE, conditions: NONE });
    if (now.access === 'denied') return true;
    const then = wholeReading(before, action, { resource: part, access: is, statements: NONE, conditions: NONE });
    return narrower(now, then, nowGuards, wasGuards);
  };
  // `except` and the parts of the pattern `after` reaches less than `is` (a conditional Deny
  // narrowed from the bucket to `logs/`: the bucket gained unconditionally but `logs/`).
  const below = (
    now: ResourceAccess,
    is: Access,
    except: readonly string[] | undefined,
  ): readonly string[] | undefined => {
    if (is !== 'allowed' || now.symbolic !== undefined || now.resource === '*') return except;
    const parts = a.resources.filter(
      (q) => q.access === 'conditional' || (q.access === 'allowed' && changeAccess(q, nowGuards) === 'conditional'),
    );
    const inside = [...(except ?? NONE)];
    for (const q of parts)
      if (q.symbolic === undefined && q.resource !== now.resource && patternCovers(now.resource, q.resource))
        inside.push(q.resource);
    const widest = [...new Set(inside)].filter((q) => !inside.some((o) => o !== q && patternCovers(o, q)));
    return widest.length > 0 ? widest : undefined;
  };
  // What `before` answers on a pattern only `after` evaluates, for every resource of it.
  const was = (r: ResourceAccess): ResourceAccess => {
    const known = previous?.resources.find((x) => x.resource === r.resource);
    if (known !== undefined) return known;
    // What `canDo` answers for an action the analysis does not reach, on the whole pattern.
    if (previous === undefined && before instanceof Result)
      return { resource: r.resource, access: 'denied', statements: NONE, conditions: NONE };
    return readWhole(
      before,
      answerOn(before, action, r.resource, standIn(r.symbolic ? concrete(r.symbolic) : r.resource)),
    );
  };
  // What a version answers on the resources no pattern of either version names, read on one
  // resource of the action's service that none names (never `*`, which the evaluator reads as
  // "some resource": a grant on `bk/*` in the other version would answer for it).
  const head = arnHead([...a.resources, ...(previous?.resources ?? NONE)], action);
  const elsewhere = (version: EffectivePermissions): ResourceAccess =>
    answerOn(version, action, '*', standIn(`${head}*`));
  // The patterns either version allows without conditions or refuses (a Deny, what `NotResource`
  // spares): what `*` read elsewhere is not compared on (their own rows say what changed there).
  const unconditionally = (old: Compared | undefined): readonly string[] | undefined => {
    const allowed = (patterns: readonly ResourceAccess[], guards: readonly Guard[]): string[] =>
      patterns
        .filter((q) => {
          if (q.resource === '*' || q.symbolic !== undefined) return false;
          const access = changeAccess(q, guards);
          return access === 'allowed' || access === 'denied';
        })
        .map((q) => q.resource);
    const found = [...new Set([...allowed(a.resources, nowGuards), ...allowed(old?.resources ?? NONE, wasGuards)])];
    const widest = found.filter((q) => !found.some((o) => o !== q && patternCovers(o, q)));
    return widest.length > 0 ? widest : undefined;
  };
  // Patterns compared, by their text: once each.
  const compared = new Set<string>();
  // A pattern that overlaps a grant without being inside it, `after` granting none of it whole (a
  // Deny on every bucket's `secrets/` beside a grant on one bucket): compared on the overlaps.
  const onOverlaps = (w: ResourceAccess): void => {
    if (w.symbolic !== undefined || w.resource === '*') return;
    for (const g of a.resources) {
      if (g.access === 'denied' || g.resource === '*' || g.symbolic !== undefined) continue;
      if (patternCovers(g.resource, w.resource) || patternCovers(w.resource, g.resource)) continue;
      const parts = overlapOf(g.resource, w.resource);
      // Too long to compare: the grant's row says its access is undecided, never "no change".
      if (parts === undefined) {
        push(g.resource, 'unknown', 'unknown', undefined);
        continue;
      }
      for (const part of parts) onPart(part);
    }
  };
  // A part of patterns compared on its own row (once, unless a pattern of `after`'s own).
  const onPart = (part: string): void => {
    if (compared.has(part) || a.resources.some((x) => x.resource === part)) return;
    compared.add(part);
    const now = answerOn(after, action, part, standIn(part));
    if (now.access === 'denied') return;
    compare(now, was(now), exceptions(now, a.resources));
  };
  let comparedElsewhere = false;
  for (const r of a.resources) {
    if (r.access === 'denied') continue;
    if (r.resource !== '*') {
      compare(r, was(r), exceptions(r, a.resources));
      continue;
    }
    // Beside an Allow on every resource under conditions, the resources no pattern names are
    // compared on their own (`*` moved from vpc-1 to vpc-2 beside `bk/*` without conditions).
    if (a.conditionalElsewhere === true || previous?.conditionalElsewhere === true) {
      comparedElsewhere = true;
      const now = elsewhere(after);
      if (now.access !== 'denied') compare(now, elsewhere(before), unconditionally(previous));
    }
    // `*` on every resource now (but the patterns `NotResource` spares), on some before (one log
    // group, a folder): a gain on every resource (but those).
    else if (everywhere(a) && !everywhere(previous)) {
      const is = changeAccess(r, nowGuards);
      const spared = swap ? keptOn(a.allBut, previous?.resources ?? NONE, wasGuards) : a.allBut;
      // A Deny on part of every resource (`b/private/*` beside `s3:*` on `*`): not gained there.
      const denied = exceptions(r, a.resources);
      push('*', 'denied', is, denied === undefined ? spared : widestOf([...(spared ?? NONE), ...denied]));
    }
    // On every resource before and after: compared as any pattern, what `NotResource` spares
    // being compared on the spared patterns' own rows.
    else if (everywhere(a)) compare(r, was(r), a.allBut);
    // Otherwise `*` stands for "some resource": the patterns' own rows say what changed.
    else if (RANK[r.access] > RANK[was(r).access]) push('*', was(r).access, r.access, undefined);
  }
  // Patterns only `before` evaluates (a Deny, or a `NotResource`, on part of what is granted):
  // asked of `after`, for every resource of them.
  const onlyBefore: ResourceAccess[] = [];
  for (const w of previous?.resources ?? NONE) {
    if (w.resource === '*' || a.resources.some((x) => x.resource === w.resource)) continue;
    onlyBefore.push(w);
    if (compared.has(w.resource)) continue;
    compared.add(w.resource);
    const now = answerOn(
      after,
      action,
      w.resource,
      standIn(w.symbolic ? concrete(w.symbolic) : w.resource),
      w.symbolic,
    );
    if (now.access === 'denied') continue;
    compare(now, w, exceptions(now, a.resources));
  }
  // A pattern only `before` evaluates that overlaps a grant without being inside it (a Deny on
  // every bucket's `secrets/` beside a grant on one bucket): compared on the overlap.
  for (const w of onlyBefore) onOverlaps(w);
  const kept = found.filter((c) => !found.some((wider) => subsumes(wider, c)));
  if (kept.length === 0) return;
  into.starts.push(into.rows.length);
  into.everywhere.push(everywhere(a));
  into.elsewhere.push(comparedElsewhere);
  for (const c of kept) {
    const r = {
      ...row(action, c.resource, c.was, c.is, swap),
      ...(c.conditions === undefined ? {} : { conditions: c.conditions }),
    };
    if (c.except === undefined) {
      into.rows.push(r);
      continue;
    }
    // Found by more than one pattern (a Deny on `logs/*` added beside a grant that held it).
    const except = [...new Set(c.except)];
    // An exception not inside the pattern is a Deny whose overlap with it was not decided.
    const undecided = c.resource === '*' ? NONE : except.filter((e) => !patternCovers(c.resource, e));
    into.rows.push(undecided.length === 0 ? { ...r, except } : { ...r, except, undecided });
  }
}

/**
 * What a grant on every resource taken away keeps (`s3:*` on `*` narrowed to `acme-site/*`): the
 * patterns the new version (`held`, under `guards`) still reaches, under conditions or not, and
 * references (a bucket known after apply), beside what `NotResource` spared (`allBut`). They are
 * the loss's exceptions, never said lost on every resource: a pattern held less (under conditions
 * now) or a part of one the new version refuses has its own row. A gain on `*` keeps no such
 * exceptions: what was held before is inside it.
 */
function keptOn(
  allBut: readonly string[] | undefined,
  held: readonly ResourceAccess[],
  guards: readonly Guard[],
): readonly string[] | undefined {
  if (held.length === 0) return allBut;
  // Actions of one outcome share its patterns and guards: found once for them.
  let byGuards = keptLists.get(held);
  if (byGuards === undefined) keptLists.set(held, (byGuards = new WeakMap()));
  let byAllBut = byGuards.get(guards);
  if (byAllBut === undefined) byGuards.set(guards, (byAllBut = new WeakMap()));
  const key = allBut ?? NONE;
  if (byAllBut.has(key)) return byAllBut.get(key);
  const kept = held.filter((q) => q.resource !== '*' && changeAccess(q, guards) !== 'denied').map((q) => q.resource);
  const all = [...new Set([...(allBut ?? NONE), ...kept])];
  const widest = all.filter((q) => !all.some((o) => o !== q && patternCovers(o, q)));
  const found = widest.length > 0 ? widest : undefined;
  byAllBut.set(key, found);
  return found;
}

/** The patterns of `all` no other of them covers, once each; undefined when none. */
function widestOf(all: readonly string[]): readonly string[] | undefined {
  const unique = [...new Set(all)];
  const widest = unique.filter((q) => !unique.some((o) => o !== q && patternCovers(o, q)));
  return widest.length > 0 ? widest : undefined;
}

/** {@link keptOn}, by the new version's patterns, its guards and what `NotResource` spares. */
const keptLists = new WeakMap<
  readonly ResourceAccess[],
  WeakMap<readonly Guard[], WeakMap<readonly string[], readonly string[] | undefined>>
>();

/**
 * Whether `after` reaches a pattern of its own on the pattern's stand-in, by analysis and pattern
 * (actions of one outcome share it; analyses of one policy set for two principals may share the
 * pattern but not the answer, a variable naming each its own).
 */
const reachedWholes = new WeakMap<EffectivePermissions, WeakMap<ResourceAccess, boolean>>();

/**
 * What an analysis answers on every resource of a pattern of its own (its stand-in): the access,
 * and the statements and conditions that apply to all of it (a grant on `logs/*` inside the
 * bucket not among them). By analysis and pattern, as {@link reachedWholes}.
 */
function wholeReading(version: EffectivePermissions, action: string, r: ResourceAccess): ResourceAccess {
  if (r.resource === '*') return r;
  let byPattern = wholeReadings.get(version);
  if (byPattern === undefined) wholeReadings.set(version, (byPattern = new WeakMap()));
  let known = byPattern.get(r);
  if (known === undefined) {
    known = answerOn(version, action, r.resource, standIn(r.symbolic ? concrete(r.symbolic) : r.resource), r.symbolic);
    byPattern.set(r, known);
    byPattern.set(known, known);
  }
  return known;
}

/**
 * What an analysis answers for the action on `asked` (a pattern's stand-in), as the row of
 * `resource`, read as a reading of its own ({@link wholeReading}).
 */
function answerOn(
  version: EffectivePermissions,
  action: string,
  resource: string,
  asked: string,
  symbolic?: SymbolicValue,
): ResourceAccess {
  const answer = version.canDo(action, asked);
  return readWhole(version, {
    resource,
    ...(symbolic === undefined ? {} : { symbolic }),
    access: ANSWER_ACCESS[answer.answer],
    statements: answer.statements,
    conditions: answer.conditions,
  });
}

/** Marks a reading made from the stand-in as its own {@link wholeReading}. */
function readWhole(version: EffectivePermissions, r: ResourceAccess): ResourceAccess {
  let byPattern = wholeReadings.get(version);
  if (byPattern === undefined) wholeReadings.set(version, (byPattern = new WeakMap()));
  byPattern.set(r, r);
  return r;
}

const wholeReadings = new WeakMap<EffectivePermissions, WeakMap<ResourceAccess, ResourceAccess>>();

/** One pattern's change, as the comparison finds it (`was` in `before`, `is` in `after`). */
interface Change {
  readonly resource: string;
  readonly was: Access;
  readonly is: Access;
  readonly except?: readonly string[];
  readonly conditions?: string;
}

/**
 * The conditions a change asks, on the side(s) under conditions, as one text: each allowing
 * statement's block of clauses (operator, key and values), whatever policy or place it is written
 * in. Two rows under different conditions (a VPC, MFA) are told apart; undefined when neither
 * side is under conditions.
 */
function askedOf(now: ResourceAccess, is: Access, was: ResourceAccess, had: Access): string | undefined {
  if (is !== 'conditional' && had !== 'conditional') return undefined;
  return JSON.stringify([
    had === 'conditional' ? conditionBlocks(was) : [],
    is === 'conditional' ? conditionBlocks(now) : [],
  ]);
}

/**
 * The condition blocks of a pattern's statements, each its clauses (operator, key, values) apart:
 * `a` in one statement or `b` in another is not `a` and `b` in one, though the clauses coincide.
 */
function conditionBlocks(r: ResourceAccess): string[] {
  const blocks = perStatement(r) ?? byPointer(r.conditions);
  const text = (block: readonly ConditionClause[]): string =>
    JSON.stringify(
      [
        ...new Set(
          block.map((c) =>
            JSON.stringify([c.operator, c.key.toLowerCase(), c.values.map((v) => JSON.stringify(v)).sort()]),
          ),
        ),
      ].sort(),
    );
  return [...new Set(blocks.filter((block) => block.length > 0).map(text))].sort();
}

/** Clauses by their statement's pointer (up to `/Condition`), where their statements are not known. */
function byPointer(conditions: readonly ConditionClause[]): (readonly ConditionClause[])[] {
  const blocks = new Map<string, ConditionClause[]>();
  for (const c of conditions) {
    const at = c.pointer.indexOf('/Condition');
    const statement = at < 0 ? c.pointer : c.pointer.slice(0, at);
    const block = blocks.get(statement);
    if (block === undefined) blocks.set(statement, [c]);
    else block.push(c);
  }
  return [...blocks.values()];
}

/**
 * Whether the change on a wider pattern says that on a pattern inside it: reached nowhere on it
 * on one side, and as well as on the narrower one on the other (a bucket lost whole says its
 * folder lost under changed conditions; a bucket gained says nothing of a folder gained only
 * under a Deny's conditions), or the same change to unconditional access (a bucket now allowed
 * without its VPC condition says its logs/ are).
 */
function subsumes(wider: Change, c: Change): boolean {
  return (
    wider !== c &&
    wider.resource !== '*' &&
    c.resource !== '*' &&
    (wider.was === 'denied' || (wider.was === c.was && wider.is === 'allowed')) &&
    RANK[wider.is] === RANK[c.is] &&
    patternCovers(wider.resource, c.resource) &&
    !(wider.except ?? NONE).some((e) => patternCovers(e, c.resource))
  );
}

/**
 * The patterns inside `r` that the same analysis does not reach (a Deny on part of a folder, what
 * `NotResource` spares): what a row on `r` is not gained or lost on. Undefined when none.
 */
function exceptions(r: ResourceAccess, resources: readonly ResourceAccess[]): readonly string[] | undefined {
  if (r.symbolic !== undefined) return undefined;
  // Actions of one outcome share its patterns: found once per pattern.
  let known = exceptionLists.get(resources);
  if (known === undefined) exceptionLists.set(resources, (known = new Map<string, readonly string[] | undefined>()));
  if (known.has(r.resource)) return known.get(r.resource);
  const found = exceptionsOf(r, resources);
  known.set(r.resource, found);
  return found;
}

/** {@link exceptions}, by pattern list and pattern. */
const exceptionLists = new WeakMap<readonly ResourceAccess[], Map<string, readonly string[] | undefined>>();

function exceptionsOf(r: ResourceAccess, resources: readonly ResourceAccess[]): readonly string[] | undefined {
  const inside = resources
    .filter(
      (q) =>
        q.access === 'denied' &&
        q.symbolic === undefined &&
        q.resource !== '*' &&
        q.resource !== r.resource &&
        patternCovers(r.resource, q.resource),
    )
    .map((q) => q.resource);
  // A denied pattern that overlaps `r` without being inside it: the overlap.
  for (const q of resources) {
    if (q.access !== 'denied' || q.symbolic !== undefined || q.resource === '*' || q.resource === r.resource) continue;
    if (patternCovers(r.resource, q.resource) || patternCovers(q.resource, r.resource)) continue;
    // Neither written as a prefix and `*`: the overlaps of `q` with a grant around `r`, inside `r`.
    let undecided = false;
    const parts =
      overlapOf(r.resource, q.resource) ??
      resources
        .filter((g) => g.access !== 'denied' && g.symbolic === undefined && patternCovers(g.resource, r.resource))
        .flatMap((g): readonly string[] => {
          const found = overlapOf(g.resource, q.resource);
          if (found === undefined) undecided = true;
          return found ?? NONE;
        })
        .filter((part) => patternCovers(r.resource, part));
    // Too long to compare: `q` itself, what `r` holds of it being what the row is not true of
    // (the row says it is not decided where they meet).
    if (undecided) inside.push(q.resource);
    else for (const part of parts) if (part !== r.resource) inside.push(part);
  }
  // The widest only: `b/ab*` goes without saying beside `b/a*`.
  const widest = inside.filter((q) => !inside.some((o) => o !== q && patternCovers(o, q)));
  return widest.length > 0 ? widest : undefined;
}

/**
 * The access a change reads on a pattern: `allowed` is `conditional` where every allowing
 * statement carries conditions that a request without context meets (`StringNotEquals`,
 * `ForAllValues:*`), where a Deny with conditions names the whole pattern (a Deny on part of it
 * is read on that part's own pattern), or where a guardrail without an unconditional Allow
 * carries conditions that may apply (the request meeting them is refused; `partly`: unless one of
 * its statements allows part of the pattern without conditions).
 */
function changeAccess(r: ResourceAccess, guards: readonly Guard[], partly = false): Access {
  if (r.access !== 'allowed') return r.access;
  // Actions of one outcome share its patterns and guards: read once (a role allowed `*` reads
  // each pattern under its Denies for every one of thousands of actions).
  let known = changeAccesses.get(r)?.get(guards);
  if (known === undefined) {
    known = new Map();
    let byGuards = changeAccesses.get(r);
    if (byGuards === undefined) changeAccesses.set(r, (byGuards = new WeakMap()));
    byGuards.set(guards, known);
  }
  let access = known.get(partly);
  if (access === undefined) known.set(partly, (access = readChange(r, guards, partly)));
  return access;
}

/** {@link changeAccess}, by pattern and guard list. */
const changeAccesses = new WeakMap<ResourceAccess, WeakMap<readonly Guard[], Map<boolean, Access>>>();

function readChange(r: ResourceAccess, guards: readonly Guard[], partly: boolean): Access {
  if (perStatement(r)?.every((list) => list.length > 0) === true) return 'conditional';
  if (
    guards.some(
      (g) =>
        g.of === 'deny' &&
        (g.conditions.length > 0 ? names(g.resource, r, true) : g.unresolved === true && mayNameAll(g.resource, r)),
    )
  )
    return 'conditional';
  for (const kind of new Set(guards.map((g) => g.of))) {
    if (kind === 'deny') continue;
    const own = guards.filter((g) => g.of === kind);
    if (own.some((g) => g.conditions.length === 0 && names(g.resource, r, true))) continue;
    // `partly`: a guardrail allowing part of the pattern without conditions is read as allowing it.
    if (partly && own.some((g) => g.conditions.length === 0 && names(g.resource, r, false))) continue;
    if (own.some((g) => g.conditions.length > 0 && names(g.resource, r, false))) return 'conditional';
  }
  return 'allowed';
}

/**
 * The service part of the ARNs the patterns name (`arn:aws:s3:::`), so a resource no pattern
 * names is still one of the service's (a Deny on `arn:aws:s3:::*` reaches it); empty when none
 * says it without wildcards.
 */
function arnHead(patterns: readonly ResourceAccess[], action: string): string {
  for (const q of patterns) {
    const head = /^arn:[^:*?]*:[^:*?]*:[^:*?]*:[^:*?]*:/.exec(q.resource);
    if (q.symbolic === undefined && head !== null) return head[0];
  }
  return `arn:aws:${action.slice(0, action.indexOf(':'))}:`;
}

/**
 * A pattern's wildcards made characters no policy literal holds (`*` a run of them, `?` one): a
 * resource the evaluator asks about as one resource. The evaluator reads a pattern as "some
 * resource of it", so `user/kim` would answer for `user/*`; what `before` answers for the stand-in
 * it answers for every resource of the pattern (a widening is a gain, a narrowing a loss).
 */
function standIn(pattern: string): string {
  if (pattern === '*' || !hasWildcard(pattern)) return pattern;
  return pattern.replace(/[*?]/g, (c) => (c === '*' ? ANY_RUN : ANY_ONE));
}

/** Private-use characters, marked as holes are (`\uE000`) so `ask` reads them against the rewritten policies. */
const ANY_RUN = '\uE000\uE002\uE002\uE002\uE002\uE002\uE002\uE002\uE002\uE001';
const ANY_ONE = '\uE002';

/**
 * Whether a conditional grant on a pattern asks at least what it asked before (`guards`: see
 * {@link ActionOutcome.guards}): its Allows, each guardrail and the Denies that may apply there.
 * Conditions that cannot be compared (other operators) are narrower only when the same.
 */
function narrower(
  now: ResourceAccess,
  was: ResourceAccess,
  nowGuards: readonly Guard[],
  wasGuards: readonly Guard[],
): boolean {
  if (!guardedNarrower(nowGuards, wasGuards, now)) return false;
  const asked = perStatement(now);
  const old = perStatement(was);
  if (asked === undefined || old === undefined) return clauses(now.conditions) === clauses(was.conditions);
  return stricter(asked, old);
}

/**
 * Whether, on the pattern `at`, the Denies deny at least what they denied (each old one on all of
 * it still fires, through a new one on all of it, whose conditions it implies: a Deny on part of
 * the pattern is compared on that part's own pattern) and each guardrail allows at most what it
 * allowed (each statement on all of it now asks at least what one that applied on all it names
 * asked).
 */
function guardedNarrower(now: readonly Guard[], was: readonly Guard[], at: ResourceAccess): boolean {
  const denying = now.filter((g) => g.of === 'deny');
  const stillDenied = was.every(
    (old) =>
      old.of !== 'deny' ||
      !names(old.resource, at, true) ||
      denying.some((n) => within(old, n, at) && firesWhenever(n.conditions, old.conditions)),
  );
  if (!stillDenied) return false;
  const guardrails = new Set([...now, ...was].map((g) => g.of).filter((g) => g !== 'deny'));
  return [...guardrails].every((kind) => {
    // A statement on part of the pattern is compared on that part's own pattern, unless none
    // names all of it.
    const reaching = now.filter((g) => g.of === kind && names(g.resource, at, false));
    const whole = reaching.filter((g) => names(g.resource, at, true));
    const allowing = whole.length > 0 ? whole : reaching;
    const allowed = was.filter((g) => g.of === kind);
    // None now: the grant's conditions are elsewhere only if there were none before either.
    if (allowing.length === 0) return !allowed.some((g) => names(g.resource, at, false));
    return allowing.every((n) =>
      allowed.some((o) => within(n, o, at) && o.conditions.every((oc) => n.conditions.some((c) => implies(c, oc)))),
    );
  });
}

/**
 * Whether a Resource its variables may make name every resource of the pattern `at` (a Deny on
 * `arn:aws:s3:::${aws:PrincipalTag/bucket}/*` may name the whole bucket; on `home/${aws:userid}/*`,
 * that folder only).
 */
function mayNameAll(block: Statement['resource'], at: ResourceAccess): boolean {
  if (names(block, at, true)) return true;
  if (block === undefined || block.negated || at.symbolic !== undefined) return false;
  return block.values.some(
    (v) => typeof v === 'string' && hasVariable(v) && patternCovers(v.replace(POLICY_VARIABLES, '*'), at.resource),
  );
}

/**
 * Whether a Resource (or NotResource) block names some resource of the pattern `at` (`every`:
 * every resource of it). A value known only after deploy may name any, and is not known to name all.
 */
function names(block: Statement['resource'], at: ResourceAccess, every: boolean): boolean {
  if (block === undefined) return true;
  // NotResource names every resource of the pattern when none of its values may name one.
  const covering = block.negated ? !every : every;
  const hit = block.values.some((v) => (covering ? valueCovers(v, at) : valueOverlaps(v, at)));
  return hit !== block.negated;
}

function valueCovers(v: PolicyValue, at: ResourceAccess): boolean {
  return isEveryResource(v) || (typeof v === 'string' && at.symbolic === undefined && patternCovers(v, at.resource));
}

function valueOverlaps(v: PolicyValue, at: ResourceAccess): boolean {
  return typeof v !== 'string' || at.symbolic !== undefined || isEveryResource(v) || patternsOverlap(v, at.resource);
}

/** Whether guard `outer` names, on the pattern `at`, every resource `inner` names there. */
function within(inner: Guard, outer: Guard, at: ResourceAccess): boolean {
  const o = outer.resource;
  const i = inner.resource;
  if (names(o, at, true)) return true;
  if (o === undefined || i === undefined) return false;
  const covers = (x: PolicyValue, y: PolicyValue): boolean =>
    valueToString(x) === valueToString(y) ||
    isEveryResource(x) ||
    (typeof x === 'string' && typeof y === 'string' && patternCovers(x, y));
  if (!o.negated && !i.negated) return i.values.every((iv) => o.values.some((ov) => covers(ov, iv)));
  // Both spare some: `outer` spares no more than `inner` does.
  if (o.negated && i.negated) return o.values.every((ov) => i.values.some((iv) => covers(iv, ov)));
  if (!o.negated) return false;
  // `outer` spares some, `inner` names some: none of these is spared.
  return i.values.every((iv) =>
    o.values.every((ov) => typeof iv === 'string' && typeof ov === 'string' && !patternsOverlap(ov, iv)),
  );
}

/**
 * Whether every statement of `now` asks at least what some statement of `was` asks (each of the
 * latter's conditions implied by one of its own): what `now` allows, `was` allowed.
 */
function stricter(now: readonly (readonly ConditionClause[])[], was: readonly (readonly ConditionClause[])[]): boolean {
  return now.every((asked) => was.some((old) => old.every((o) => asked.some((c) => implies(c, o)))));
}

/**
 * The conditions of each allowing statement of a grant (they are listed statement after
 * statement), an empty list for one that carries none; undefined when they do not line up.
 */
function perStatement(r: ResourceAccess): (readonly ConditionClause[])[] | undefined {
  const lists: ConditionClause[][] = [];
  let i = 0;
  for (const ref of r.statements) {
    const list: ConditionClause[] = [];
    const prefix = `${ref.pointer}/`;
    let block: readonly ConditionClause[] | undefined;
    for (; i < r.conditions.length; i++) {
      const c = r.conditions[i] as ConditionClause;
      if (!c.pointer.startsWith(prefix)) break;
      // The statement at the same place in another policy (or the same policy attached again)
      // starts here: pointers are relative to their own document.
      if (list.length === 0) block = blockOf.get(c);
      else if (blockOf.get(c) !== block || (block !== undefined && list.length >= block.length)) break;
      list.push(c);
    }
    lists.push(list);
  }
  return i === r.conditions.length && lists.length > 0 ? lists : undefined;
}

/** The condition block (a statement's clauses) each clause of an analyzed statement belongs to. */
const blockOf = new WeakMap<ConditionClause, readonly ConditionClause[]>();

/** Positive operators whose values are alternatives: fewer of them (or narrower patterns) ask more. */
const ALTERNATIVES = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'ArnEquals', 'ArnLike']);
/** Negated operators: more values (excluded) ask more. */
const EXCLUSIONS = new Set([
  'StringNotEquals',
  'StringNotLike',
  'StringNotEqualsIgnoreCase',
  'ArnNotEquals',
  'ArnNotLike',
]);
/** Of the alternatives, the ones that read `*` in a value as a wildcard. */
const PATTERNS = new Set(['StringLike', 'ArnLike']);

/**
 * Whether condition `c` holding makes `o` hold: the same key and operator, and each value of `c`
 * one of `o` (or, for patterns, inside one of `o`'s `prefix*`); other operators, the same values.
 */
function implies(c: ConditionClause, o: ConditionClause): boolean {
  if (c.operator !== o.operator || c.key.toLowerCase() !== o.key.toLowerCase()) return false;
  const theirs = o.values.map(valueToString);
  const mine = c.values.map(valueToString);
  if (EXCLUSIONS.has(c.baseOperator)) return theirs.every((v) => mine.includes(v));
  if (!ALTERNATIVES.has(c.baseOperator)) return mine.length === theirs.length && mine.every((v) => theirs.includes(v));
  const patterns = PATTERNS.has(c.baseOperator);
  return mine.every((v) =>
    theirs.some((t) => v === t || (patterns && /^[^*?]*\*$/.test(t) && v.startsWith(t.slice(0, -1)))),
  );
}

function row(action: string, resource: string, was: Access, is: Access, swap: boolean): GainedPermission {
  return swap ? { action, resource, before: is, after: was } : { action, resource, before: was, after: is };
}

/** The conditions of the statements that apply to a request: each Allow's, each Deny's. */
export interface AppliedConditions {
  readonly allows: readonly (readonly ConditionClause[])[];
  readonly denies: readonly (readonly ConditionClause[])[];
}

/**
 * Whether statements asking `now` ask at least what those asking `was` asked: each old Deny still
 * fires, through a new one whose conditions it implies, and each new Allow asks at least what
 * some old one asked. Conditions that cannot be compared ask no less only when the same.
 */
export function askedNoLess(now: AppliedConditions, was: AppliedConditions): boolean {
  const stillDenied = was.denies.every((old) => now.denies.some((n) => firesWhenever(n, old)));
  return stillDenied && stricter(now.allows, was.allows);
}

/** Whether a Deny asking `now` fires whenever one asking `old` did: each of its conditions implied by one of the old. */
function firesWhenever(now: readonly ConditionClause[], old: readonly ConditionClause[]): boolean {
  return now.every((c) => old.some((o) => implies(o, c)));
}
