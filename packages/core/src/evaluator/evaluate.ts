/**
 * AWS request evaluation: explicit deny anywhere wins; then every SCP level (principal side) and
 * every RCP level (resource side) needs an Allow; then identity policies, the permissions
 * boundary, the session policy and the resource-based policy combine by the same- and
 * cross-account rules of the IAM policy evaluation logic.
 *
 * Values known only after deploy make a match unknown. Every Allow and Deny pushes the decision
 * one way, so the evaluation runs once reading unknown Allows as not matching and unknown Denies
 * as matching (least access) and, only when something was unknown, once more the other way (most
 * access): the two decisions bound what the request can get.
 */
import type { Policy } from '../model/policy';
import { matchPolicyValue } from '../match/value';
import type { RequestPrincipal } from './arn';
import { parsePrincipal, splitArn } from './arn';
import type { ConditionOperator } from './conditions';
import type { CompiledCondition, CompiledPolicy, CompiledPrincipal, CompiledStatement, CompiledValue } from './compile';
import { compilePolicy, resourceParts } from './compile';
import type { RequestContext } from './context';
import { buildContext } from './context';
import {
  LITERAL_QUESTION,
  LITERAL_STAR,
  globMatch,
  isPattern,
  patternCovers,
  patternsOverlap,
  signatureWitnesses,
} from './pattern';
import { describeDecision } from './trace';
import type {
  ConditionFailure,
  ContextValue,
  Decision,
  DecisionReason,
  EvaluateOptions,
  EvaluationRequest,
  EvaluationResult,
  MissingAllow,
  PolicyKind,
  PolicyRef,
  PolicySet,
  StatementRef,
  UnknownMatch,
} from './types';
import { substituteVariables } from './variables';

type Tri = 0 | 1 | 2;
const NO = 0;
const YES = 1;
const MAYBE = 2;
/** A policy value of a condition that cannot be read (see `valueHolds`). */
const UNREADABLE = 3;

/** How a resource-based policy grants the request principal: by account, by role ARN or directly. */
const GRANT_NONE = 0;
const GRANT_ACCOUNT = 1;
const GRANT_ROLE = 2;
const GRANT_DIRECT = 3;

/** Policies compiled once, to evaluate many requests against. */
export interface CompiledPolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly session: CompiledPolicy | undefined;
  readonly resource: CompiledPolicy | undefined;
  readonly scps: readonly (readonly CompiledPolicy[])[] | undefined;
  readonly rcps: readonly (readonly CompiledPolicy[])[] | undefined;
}

/** Compiles a {@link PolicySet} for repeated evaluation. */
export function compilePolicySet(policies: PolicySet): CompiledPolicySet {
  const one = (p: Policy | undefined): CompiledPolicy | undefined => (p ? compilePolicy(p) : undefined);
  return {
    identity: (policies.identityPolicies ?? []).map(compilePolicy),
    boundary: one(policies.permissionsBoundary),
    session: one(policies.sessionPolicy),
    resource: one(policies.resourcePolicy),
    scps: policies.serviceControlPolicies?.map((level) => level.map(compilePolicy)),
    rcps: policies.resourceControlPolicies?.map((level) => level.map(compilePolicy)),
  };
}

/** Evaluates one request against the policies that apply to it. */
export function evaluate(
  request: EvaluationRequest,
  policies: PolicySet | CompiledPolicySet,
  options: EvaluateOptions = {},
): EvaluationResult {
  return evaluateRequest(request, 'identity' in policies ? policies : compilePolicySet(policies), options, true);
}

/**
 * {@link evaluate}; `asSet`: a request for a set of resources is refined resource by resource;
 * `granted`, when given, is set to whether an identity or resource-based Allow applies.
 */
function evaluateRequest(
  request: EvaluationRequest,
  compiled: CompiledPolicySet,
  options: EvaluateOptions,
  asSet: boolean,
  granted?: { value: boolean },
): EvaluationResult {
  // One evaluation state is reused: evaluation is synchronous and calls no user code.
  const run = spare ?? new Run();
  spare = undefined;
  run.reset(request, compiled, options.trace === true, options.deriveContextKeys !== false);
  if (request.resource === '*' && options.wildcardOnly?.(request.action) === true) run.onlyResourceStar();
  try {
    const least = run.decide(false);
    if (asSet && least !== 'ExplicitlyDenied' && run.resourcePattern && !run.sawUnknown) {
      const witnesses = run.setWitnesses(least === 'Allowed');
      if (witnesses !== undefined) {
        const refined = witnessDecision(request, compiled, options, witnesses, run.resourceAccount, least);
        if (refined !== undefined) return refined;
      }
    }
    if (granted !== undefined && !run.sawUnknown) granted.value = run.grantsRequest();
    if (!run.sawUnknown) {
      if (run.trace === undefined) return { decision: least, unknown: false, mostAccess: least, unknowns: EMPTY };
      return { decision: least, unknown: false, mostAccess: least, unknowns: EMPTY, trace: run.finishTrace(least) };
    }
    const trace = run.trace ? run.finishTrace(least) : undefined;
    const unknowns = run.unknowns ?? EMPTY;
    run.resetForSecondPass();
    const most = run.decide(true);
    // Unknowns that cannot change the decision are not reported.
    const unknown = least !== most;
    const reported = unknown ? unknowns : EMPTY;
    if (trace === undefined) return { decision: least, unknown, mostAccess: most, unknowns: reported };
    return { decision: least, unknown, mostAccess: most, unknowns: reported, trace };
  } finally {
    run.release();
    spare = run;
  }
}

/**
 * A request for a set of resources (`arn:aws:s3:::bucket/*`, `*`) asks whether ANY of them is
 * allowed. `decide` answers for the set as a whole, reading an Allow as matching when it names
 * some resource of the set and a Deny only when it covers all of it: an upper bound (an Allowed
 * set may hold no resource that every policy type allows and no Deny denies; an implicitly denied
 * one may have every granted resource denied explicitly by Denies that each cover part of it). The
 * set is then asked again on representative resources (see `setWitnesses`), which decide it
 * exactly: Allowed when one of its resources is; otherwise it is as allowed as the most allowed
 * of the resources an identity or resource-based Allow grants, or of all its resources when none
 * is granted (a set that an Allow names only inside a Deny is explicitly denied). The first answer
 * stands when a representative confirms it, and when they cannot be built or one of them has
 * unknowns.
 */
function witnessDecision(
  request: EvaluationRequest,
  compiled: CompiledPolicySet,
  options: EvaluateOptions,
  witnesses: Iterable<string | undefined>,
  resourceAccount: string,
  first: Decision,
): EvaluationResult | undefined {
  let best: EvaluationResult | undefined;
  let fallback: EvaluationResult | undefined;
  const granted = { value: false };
  for (const resource of witnesses) {
    if (resource === undefined) return undefined;
    const answer = evaluateRequest({ ...request, resource, resourceAccount }, compiled, options, false, granted);
    if (answer.unknown) return undefined;
    if (answer.decision === 'Allowed') return first === 'Allowed' ? undefined : answer;
    if (!granted.value) {
      if (fallback === undefined || rank(answer.decision) < rank(fallback.decision)) fallback = answer;
      continue;
    }
    if (answer.decision === first) return undefined;
    if (best === undefined || rank(answer.decision) < rank(best.decision)) best = answer;
  }
  // No resource of the set is granted: as allowed as its most allowed resource.
  const answer = best ?? fallback;
  return answer === undefined || answer.decision === first ? undefined : answer;
}

const rank = (decision: Decision): number =>
  decision === 'ExplicitlyDenied' ? 2 : decision === 'ImplicitlyDenied' ? 1 : 0;

let spare: Run | undefined;

const EMPTY: readonly never[] = Object.freeze([]);

interface TraceState {
  reason: DecisionReason;
  denies: StatementRef[];
  allows: StatementRef[];
  missing: MissingAllow[];
  failed: ConditionFailure[];
}

/** The state of one evaluation. */
class Run {
  principal: RequestPrincipal = ANONYMOUS_PRINCIPAL;
  actionLower = '';
  resource = '';
  resourcePattern = false;
  resourceParts: readonly string[] | '*' | undefined;
  /** The resource ARN with lowercased prefix parts, when it is a concrete ARN (not a pattern). */
  resourceFlat: string | undefined;
  resourceAccount = '';
  policies: CompiledPolicySet = NO_POLICIES;
  optimistic = false;
  sawUnknown = false;
  unknowns: UnknownMatch[] | undefined;
  collectUnknowns = true;
  trace: TraceState | undefined;
  /** Grant kind of the last resource-policy statement that matched. */
  grant = GRANT_NONE;
  private ref: PolicyRef | undefined;
  private refKind: PolicyKind = 'identity';
  private refIndex = 0;
  private refLevel: number | undefined;
  private refPolicy: CompiledPolicy | undefined;
  private givenContext: EvaluationRequest['context'];
  private derive = true;

  reset(request: EvaluationRequest, policies: CompiledPolicySet, tracing: boolean, derive: boolean): void {
    this.policies = policies;
    this.principal = cached(principalCache, request.principal, parsePrincipal);
    this.actionLower = cached(actionCache, request.action, lowerCase);
    this.resource = request.resource;
    const parsedResource = cached(resourceCache, request.resource, requestResource);
    this.resourcePattern = parsedResource.pattern;
    this.resourceParts = parsedResource.parts;
    this.resourceFlat = parsedResource.flat;
    this.resourceAccount = request.resourceAccount ?? parsedResource.account ?? this.principal.account;
    this.givenContext = request.context;
    this.derive = derive;
    this.literalStar = false;
    this.optimistic = false;
    this.sawUnknown = false;
    this.unknowns = undefined;
    this.collectUnknowns = true;
    this.trace = tracing ? { reason: 'no-allow', denies: [], allows: [], missing: [], failed: [] } : undefined;
    this.grant = GRANT_NONE;
    this.statementGrant = GRANT_NONE;
    this.ref = undefined;
    this.refPolicy = undefined;
    this.contextMap = undefined;
    this.lookupFn = undefined;
  }

  /** Drops the references to the request and policies so that a spare state keeps nothing alive. */
  release(): void {
    this.policies = NO_POLICIES;
    this.givenContext = undefined;
    this.trace = undefined;
    this.unknowns = undefined;
    this.ref = undefined;
    this.refPolicy = undefined;
    this.contextMap = undefined;
    this.lookupFn = undefined;
  }

  resetForSecondPass(): void {
    this.collectUnknowns = false;
    this.trace = undefined;
  }

  finishTrace(decision: Decision): NonNullable<EvaluationResult['trace']> {
    const t = this.trace as TraceState;
    const base = {
      reason: t.reason,
      denies: t.denies,
      allows: t.allows,
      missingAllows: t.missing,
      failedConditions: t.failed,
    };
    return { ...base, summary: describeDecision(decision, base) };
  }

  private setReason(reason: DecisionReason): void {
    if (this.trace) this.trace.reason = reason;
  }

  private missing(entry: MissingAllow): void {
    if (this.trace) this.trace.missing.push(entry);
  }

  decide(optimistic: boolean): Decision {
    this.optimistic = optimistic;
    const p = this.principal;
    const pol = this.policies;
    const tracing = this.trace !== undefined;
    if (this.actionLower === 'sts:getcalleridentity') {
      // Needs no permission and cannot be denied (STS API reference).
      this.setReason('always-allowed');
      return 'Allowed';
    }
    const authenticated = p.kind !== 'anonymous' && p.kind !== 'service';
    const scpApplies = pol.scps !== undefined && authenticated && !isServiceLinkedRole(p);
    let denied = false;

    // Explicit denies and the Allow of every guardrail level.
    let scpGap = -1;
    if (scpApplies) {
      const levels = pol.scps;
      for (let level = 0; level < levels.length; level++) {
        const found = this.scanList(levels[level] as readonly CompiledPolicy[], 'scp', level);
        if (found & 2) denied = true;
        if (!(found & 1) && scpGap < 0) scpGap = level;
        if (denied && !tracing) return this.explicit();
      }
    }
    let rcpGap = -1;
    // RCPs restrict every principal but the service-linked roles: AWS service principals and the
    // account root user included (AWS Organizations User Guide, "RCP effects on permissions"; the
    // data perimeter guide uses RCPs on service principals). Nor kms:RetireGrant, even under
    // `kms:*` (AWS KMS, resource control policies). Nor assuming a service-linked role: its trust
    // policy is not affected (AWS Organizations, resources and entities not restricted by RCPs).
    // Their statements apply as written, whatever service they name, as in the conformance
    // reference: AWS lists the services RCPs restrict, but that list changes and is not in the
    // catalog, so an RCP naming another service is decided as its text says.
    if (
      pol.rcps !== undefined &&
      !isServiceLinkedRole(p) &&
      this.actionLower !== 'kms:retiregrant' &&
      !(this.actionLower.startsWith('sts:') && this.mayBeServiceLinkedRole())
    ) {
      const levels = pol.rcps;
      for (let level = 0; level < levels.length; level++) {
        const found = this.scanList(levels[level] as readonly CompiledPolicy[], 'rcp', level);
        if (found & 2) denied = true;
        if (!(found & 1) && rcpGap < 0) rcpGap = level;
        if (denied && !tracing) return this.explicit();
      }
    }
    let identityAllow = false;
    let boundaryAllow = true;
    let sessionAllow = true;
    // No identity policy or permissions boundary can be attached to the account root user: those
    // given for it are not read (see `rootDecision`). A session policy is: the task policy of a
    // root session (STS AssumeRoot), whose Denies scope it; the AWS task policies hold nothing else,
    // so it needs no Allow in it.
    const root = p.kind === 'root';
    if (authenticated) {
      if (!root) {
        const found = this.scanList(pol.identity, 'identity', undefined);
        identityAllow = (found & 1) !== 0;
        if (found & 2) denied = true;
        if (denied && !tracing) return this.explicit();
      }
      if (pol.boundary && !root) {
        const b = this.scanPolicy(pol.boundary, 'boundary', 0, undefined);
        boundaryAllow = (b & 1) !== 0;
        if (b & 2) denied = true;
        if (denied && !tracing) return this.explicit();
      }
      if (pol.session) {
        const s = this.scanPolicy(pol.session, 'session', 0, undefined);
        sessionAllow = (s & 1) !== 0;
        if (s & 2) denied = true;
        if (denied && !tracing) return this.explicit();
      } else if (p.kind === 'federated-user') {
        // GetFederationToken without a session policy gives a session with no permissions of its
        // own: only a resource-based policy naming the session grants it anything.
        sessionAllow = false;
      }
    }
    let grant = GRANT_NONE;
    if (pol.resource) {
      const deniesBefore = this.trace?.denies.length ?? 0;
      const r = this.scanPolicy(pol.resource, 'resource', 0, undefined);
      if (r & 2) {
        // The owner's root user can always read, replace and delete a bucket policy, even one that
        // denies it everything; only SCPs, RCPs and VPC endpoint policies stop it (Amazon S3 API
        // Reference, DeleteBucketPolicy). Editing a queue policy that denies all principals is a
        // root user task too (IAM User Guide, tasks that require root user credentials).
        if (root && p.account === this.resourceAccount && OWNER_ROOT_POLICY_ACTIONS.has(this.actionLower)) {
          if (this.trace) this.trace.denies.length = deniesBefore;
        } else denied = true;
      }
      grant = this.grant;
    }
    if (denied) return this.explicit();

    if (scpGap >= 0 || rcpGap >= 0) {
      if (scpGap >= 0) this.missing({ kind: 'scp', level: scpGap });
      if (rcpGap >= 0) this.missing({ kind: 'rcp', level: rcpGap });
      this.setReason('guardrail-without-allow');
      return 'ImplicitlyDenied';
    }
    if (isCredentialRestricted(p, this.actionLower)) {
      this.setReason('credential-restriction');
      return 'ImplicitlyDenied';
    }
    if (authenticated && isServiceRestricted(this.actionLower, this.resource)) {
      this.setReason('service-restriction');
      return 'ImplicitlyDenied';
    }
    if (root) return this.rootDecision(grant);
    if (!authenticated) {
      if (grant !== GRANT_NONE) {
        this.setReason('allowed-by-resource-policy');
        return 'Allowed';
      }
      this.missing({ kind: 'resource' });
      this.setReason('no-allow');
      return 'ImplicitlyDenied';
    }

    const sameAccount = p.account !== '' && p.account === this.resourceAccount;
    const identityPath = identityAllow && boundaryAllow && sessionAllow;
    if (sameAccount) {
      // A grant naming the user or session ARN is not limited by implicit denies of the identity
      // side; a grant to the role ARN still needs the boundary and session policy.
      if (grant === GRANT_DIRECT || (grant === GRANT_ROLE && boundaryAllow && sessionAllow)) {
        this.setReason('allowed-by-resource-policy');
        return 'Allowed';
      }
      const needsResourcePolicy = requiresResourcePolicy(this.actionLower, this.resource);
      if (identityPath && (!needsResourcePolicy || grant !== GRANT_NONE)) {
        this.setReason(grant !== GRANT_NONE ? 'allowed-by-identity-and-resource-policy' : 'allowed-by-identity');
        return 'Allowed';
      }
      if (identityPath && needsResourcePolicy) {
        this.missing({ kind: 'resource' });
        this.setReason('resource-policy-required');
      } else {
        // A grant to the role ARN needs no identity allow; anything else goes through the identity side.
        this.noteIdentityGaps(grant === GRANT_ROLE || identityAllow, boundaryAllow, sessionAllow);
        this.setReason(identityAllow || grant !== GRANT_NONE ? 'guardrail-without-allow' : 'no-allow');
      }
      return 'ImplicitlyDenied';
    }
    if (identityPath && grant !== GRANT_NONE) {
      this.setReason('allowed-by-identity-and-resource-policy');
      return 'Allowed';
    }
    this.noteIdentityGaps(identityAllow, boundaryAllow, sessionAllow);
    if (grant === GRANT_NONE) this.missing({ kind: 'resource' });
    this.setReason('cross-account-needs-both');
    return 'ImplicitlyDenied';
  }

  /**
   * Is the resource a service-linked role? For a set of resources, whether it may hold one: the
   * answer for the set must not deny what one of its resources gets (see `witnessDecision`).
   */
  private mayBeServiceLinkedRole(): boolean {
    if (!this.resourcePattern) return SERVICE_LINKED_ROLE_ARN.test(this.resource);
    return patternsOverlap(this.resource, SERVICE_LINKED_ROLES);
  }

  /**
   * The account root user, once no deny and no guardrail gap stopped it. It needs no allow in its
   * own account ("all requests are implicitly denied with the exception of the AWS account root
   * user, which has full access": IAM User Guide, policy evaluation logic), but SCPs of a member
   * account and RCPs restrict it like any principal (checked before; a management account has
   * no SCPs: the case lists none). Its identity side is that full access: across accounts it
   * needs only the resource-based policy to allow its account or itself, and a KMS key always
   * needs its key policy to ("No AWS principal, including the account root user ... has any
   * permissions to a KMS key unless they are explicitly allowed": AWS KMS, key policies).
   * It cannot assume a role ("You cannot use AWS account root user credentials to call
   * AssumeRole": STS API Reference, AssumeRole; AssumeRoot alike), so it is never granted what only
   * accompanies those calls (session tags, source identity).
   */
  private rootDecision(grant: number): Decision {
    if (ROLE_ASSUMPTION_ACTIONS.has(this.actionLower)) {
      this.setReason('root-cannot-assume-role');
      return 'ImplicitlyDenied';
    }
    if (this.principal.account === this.resourceAccount) {
      if (grant === GRANT_NONE && requiresResourcePolicy(this.actionLower, this.resource)) {
        this.missing({ kind: 'resource' });
        this.setReason('resource-policy-required');
        return 'ImplicitlyDenied';
      }
      this.setReason(grant === GRANT_NONE ? 'allowed-as-account-root' : 'allowed-by-resource-policy');
      return 'Allowed';
    }
    if (grant !== GRANT_NONE) {
      this.setReason('allowed-by-resource-policy');
      return 'Allowed';
    }
    this.missing({ kind: 'resource' });
    this.setReason('cross-account-needs-both');
    return 'ImplicitlyDenied';
  }

  private noteIdentityGaps(identity: boolean, boundary: boolean, session: boolean): void {
    if (!this.trace) return;
    if (!identity) this.missing({ kind: 'identity' });
    if (!boundary) this.missing({ kind: 'boundary' });
    if (!session) this.missing({ kind: 'session' });
  }

  /** True when the request's `*` is the one resource of an action that takes no resource type. */
  private literalStar = false;

  /** The request's `*` is the one resource of its action, not a set (see `EvaluateOptions.wildcardOnly`). */
  onlyResourceStar(): void {
    this.literalStar = true;
    this.resourcePattern = false;
  }

  /**
   * Representative resources of the requested set: for each ARN part, one string of the set's part
   * for every combination of the patterns (of Resource and NotResource entries of statements of
   * the action, and of the resource shapes the evaluation logic itself tests) that a string of it
   * can match (see `signatureWitnesses`); their product. Whether a statement names a resource
   * depends only on which of those patterns its parts match, so every resource of the set is
   * decided as one of these. A resource inside each identity or resource-based Allow comes first:
   * one of them is most often allowed, which ends the search. With `allowed` false (the set was
   * implicitly denied as a whole) they are built only when a Deny names part of the set, since no
   * other Deny can deny some of it. Undefined, or an undefined item, when they cannot be built: a
   * Resource entry known only after deploy, a malformed entry read as one pattern across ARN
   * parts, or too many combinations.
   */
  setWitnesses(allowed: boolean): Iterable<string | undefined> | undefined {
    const request = this.resourceParts;
    if (request === undefined) return undefined;
    const set = request === '*' ? ANY_ARN : request;
    const patterns = set.map(() => new Set<string>());
    const grants: (readonly string[])[] = [];
    const denies: (readonly string[])[] = [];
    let readable = true;
    const visit = (policy: CompiledPolicy, kind: PolicyKind): void => {
      for (const s of policy.statements) {
        if (!readable) return;
        if (s.resources === undefined || !this.actionMatch(s)) continue;
        for (const entry of s.resources) {
          const parts = this.entryPatterns(entry, policy, kind, s.notResource);
          if (parts === undefined) {
            readable = false;
            return;
          }
          if (parts === ANY_RESOURCE) continue;
          for (let i = 0; i < 6; i++) {
            const part = parts[i] as string;
            // The prefix parts of a resource compare lowercased: a pattern with a capital there matches none.
            if (part !== '*' && (i === 5 || part === part.toLowerCase())) patterns[i]?.add(part);
          }
          if (s.deny) denies.push(s.notResource ? ANY_ARN : parts);
          else if (!s.notResource && (kind === 'identity' || kind === 'resource')) grants.push(parts);
        }
      }
    };
    const pol = this.policies;
    for (const p of pol.identity) visit(p, 'identity');
    if (pol.boundary) visit(pol.boundary, 'boundary');
    if (pol.session) visit(pol.session, 'session');
    if (pol.resource) visit(pol.resource, 'resource');
    for (const level of pol.scps ?? []) for (const p of level) visit(p, 'scp');
    for (const level of pol.rcps ?? []) for (const p of level) visit(p, 'rcp');
    if (!readable) return undefined;
    if (!allowed && !denies.some((parts) => meetsSet(parts, set))) return undefined;
    for (const [i, part] of shapesTested(this.actionLower)) patterns[i]?.add(part);
    // Without a pattern every resource of the set is decided alike, as the set was.
    if (patterns.every((p) => p.size === 0)) return undefined;
    return witnessesOf(set, patterns, grants);
  }

  /**
   * After `decide`: does an Allow of an identity policy or of the resource-based policy apply (the
   * root user's full access to its own account counting as one)? An Allow whose match is unknown
   * does not.
   */
  grantsRequest(): boolean {
    const p = this.principal;
    if (p.kind === 'root' && p.account === this.resourceAccount) return true;
    const trace = this.trace;
    this.trace = undefined;
    try {
      const pol = this.policies;
      if (p.kind !== 'root' && p.kind !== 'anonymous' && p.kind !== 'service') {
        for (let i = 0; i < pol.identity.length; i++) {
          if (this.anyAllow(pol.identity[i] as CompiledPolicy, 'identity', i)) return true;
        }
      }
      return pol.resource !== undefined && this.anyAllow(pol.resource, 'resource', 0);
    } finally {
      this.trace = trace;
    }
  }

  private anyAllow(policy: CompiledPolicy, kind: PolicyKind, index: number): boolean {
    this.refKind = kind;
    this.refIndex = index;
    this.refLevel = undefined;
    this.refPolicy = policy;
    this.ref = undefined;
    const isResource = kind === 'resource';
    for (const s of policy.statements) {
      if (!s.deny && this.statementMatch(s, policy, isResource, isResource) === YES) return true;
    }
    return false;
  }

  /** Does the statement's Action (or NotAction) take in the request action? */
  private actionMatch(s: CompiledStatement): boolean {
    const actions = s.actions;
    if (actions === undefined) return false;
    let hit = false;
    for (let i = 0; i < actions.length && !hit; i++) {
      const a = actions[i] as string;
      hit = a === '*' || a === this.actionLower || globMatch(a, this.actionLower);
    }
    return hit !== s.notAction;
  }

  /**
   * The six part patterns a Resource entry matches resources by (as `resourceEntry` reads it, variables
   * substituted), ANY_RESOURCE when it matches no resource or every resource alike, or undefined
   * when its match cannot be read part by part.
   */
  private entryPatterns(
    entry: CompiledValue,
    policy: CompiledPolicy,
    kind: PolicyKind,
    notResource: boolean,
  ): readonly string[] | typeof ANY_RESOURCE | undefined {
    let text = entry.text;
    if (text === undefined) return undefined;
    let parts = entry.arn;
    if (entry.dynamic) {
      if (policy.variables) {
        const substituted = substituteVariables(text, this.lookup, true);
        if (substituted === undefined) return ANY_RESOURCE;
        text = substituted;
      }
      parts = resourceParts(text);
    }
    if (parts === '*') return ANY_RESOURCE;
    if (parts !== undefined) return parts;
    // Malformed entries, as `malformedEntry` reads them on one resource.
    if (notResource) return kind === 'resource' ? undefined : ANY_RESOURCE;
    if (kind === 'rcp') return ANY_RESOURCE;
    if (kind === 'scp' || kind === 'resource') return undefined;
    return malformedParts(text);
  }

  private explicit(): Decision {
    this.setReason('explicit-deny');
    return 'ExplicitlyDenied';
  }

  /** Scans policies; bit 1: an Allow applies, bit 2: a Deny applies. */
  private scanList(list: readonly CompiledPolicy[], kind: PolicyKind, level: number | undefined): number {
    let found = 0;
    for (let i = 0; i < list.length; i++) {
      found |= this.scanPolicy(list[i] as CompiledPolicy, kind, i, level);
      if (found & 2 && !this.trace) return found;
    }
    return found;
  }

  private scanPolicy(policy: CompiledPolicy, kind: PolicyKind, index: number, level: number | undefined): number {
    this.refKind = kind;
    this.refIndex = index;
    this.refLevel = level;
    this.refPolicy = policy;
    this.ref = undefined;
    const withPrincipal = kind === 'resource' || kind === 'rcp';
    const isResource = kind === 'resource';
    if (isResource) this.grant = GRANT_NONE;
    let found = 0;
    const statements = policy.statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i] as CompiledStatement;
      if (s.deny ? found & 2 : found & 1) {
        if (!this.trace && !isResource) continue;
      }
      const tri = this.statementMatch(s, policy, withPrincipal, isResource);
      if (tri === NO) continue;
      const applies = tri === YES || (s.deny ? !this.optimistic : this.optimistic);
      if (!applies) continue;
      if (isResource && !s.deny && this.statementGrant > this.grant) this.grant = this.statementGrant;
      found |= s.deny ? 2 : 1;
      if (this.trace) (s.deny ? this.trace.denies : this.trace.allows).push(this.refOf(s));
      if (s.deny && !this.trace) return found;
    }
    return found;
  }

  private refOf(s: CompiledStatement): StatementRef {
    let ref = this.ref;
    if (ref === undefined) {
      const id = this.refPolicy?.policy.id;
      ref = {
        kind: this.refKind,
        index: this.refIndex,
        ...(this.refLevel !== undefined ? { level: this.refLevel } : {}),
        ...(id !== undefined ? { id } : {}),
      };
      this.ref = ref;
    }
    return s.statement.sid !== undefined
      ? { policy: ref, pointer: s.statement.pointer, sid: s.statement.sid }
      : { policy: ref, pointer: s.statement.pointer };
  }

  private unknown(s: CompiledStatement, element: UnknownMatch['element'], pointer: string): void {
    this.sawUnknown = true;
    if (this.collectUnknowns) {
      (this.unknowns ??= []).push({ statement: this.refOf(s), element, pointer });
    }
  }

  /** Grant kind of the statement whose principal was matched last. */
  private statementGrant = GRANT_NONE;

  private statementMatch(
    s: CompiledStatement,
    policy: CompiledPolicy,
    withPrincipal: boolean,
    isResource: boolean,
  ): Tri {
    if (!this.actionMatch(s)) return NO;
    let result: Tri = YES;
    // Resource
    const r = this.resourceMatch(s, policy);
    if (r === NO) return NO;
    if (r === MAYBE) {
      this.unknown(s, 'Resource', s.statement.resource?.pointer ?? s.statement.pointer);
      result = MAYBE;
    }
    // Principal
    if (withPrincipal) {
      const pm = this.principalMatch(s, isResource);
      if (pm === NO) return NO;
      if (pm === MAYBE) {
        this.unknown(s, 'Principal', s.statement.principal?.pointer ?? s.statement.pointer);
        result = MAYBE;
      }
    }
    // Conditions: AND across clauses.
    const conditions = s.conditions;
    for (let i = 0; i < conditions.length; i++) {
      const c = conditions[i] as CompiledCondition;
      const t = this.conditionMatch(c, policy);
      if (t === NO) {
        if (this.trace) {
          const raw = this.context.get(c.key);
          this.trace.failed.push({
            statement: this.refOf(s),
            pointer: c.clause.pointer,
            operator: c.clause.operator,
            key: c.clause.key,
            requestValue: raw,
          });
        }
        return NO;
      }
      if (t === MAYBE) {
        this.unknown(s, 'Condition', c.clause.pointer);
        result = MAYBE;
      }
    }
    return result;
  }

  private resourceMatch(s: CompiledStatement, policy: CompiledPolicy): Tri {
    const resources = s.resources;
    if (resources === undefined) return YES;
    let any: Tri = NO;
    for (let i = 0; i < resources.length; i++) {
      const t = this.resourceEntry(resources[i] as CompiledValue, s, policy);
      // A variable without value matches nothing; under NotResource it makes the statement not
      // apply, as it does a negated condition operator (IAM User Guide, policy variables: a variable
      // that cannot be resolved may make the whole statement invalid).
      if (t === UNREADABLE) {
        if (s.notResource) return NO;
        continue;
      }
      if (t === YES) {
        any = YES;
        break;
      }
      if (t === MAYBE) any = MAYBE;
    }
    return s.notResource ? not(any) : any;
  }

  /** How a Resource entry meets the request; UNREADABLE when a variable of it has no value. */
  private resourceEntry(entry: CompiledValue, s: CompiledStatement, policy: CompiledPolicy): Tri | typeof UNREADABLE {
    let text = entry.text;
    if (text === undefined) {
      // Every resource (`*` asked as "any"): an Allow of a value known after deploy allows some
      // resource (whatever it turns out to be). What a Deny of it covers stays unknown below.
      if (this.resourceParts === '*' && !this.literalStar && !s.deny && !s.notResource) return YES;
      const m = matchPolicyValue(entry.value, this.resource);
      return m === 'match' ? (this.resourcePattern ? MAYBE : YES) : m === 'no-match' ? NO : MAYBE;
    }
    let parts = entry.arn;
    if (entry.dynamic) {
      if (policy.variables) {
        const substituted = substituteVariables(text, this.lookup, true);
        if (substituted === undefined) return UNREADABLE;
        text = substituted;
      }
      parts = resourceParts(text);
    }
    if (parts === '*') return YES;
    const flat = entry.flat;
    if (flat !== undefined && !entry.dynamic && this.resourceFlat !== undefined) {
      return (entry.literal ? flat === this.resourceFlat : globMatch(flat, this.resourceFlat)) ? YES : NO;
    }
    const request = this.resourceParts;
    if (request === '*') {
      // The one resource `*` of an action without resource types: no ARN names it.
      if (this.literalStar) return NO;
      // Every resource: an Allow finds one in any pattern, a Deny covers them only with `*`.
      return s.deny !== s.notResource ? NO : YES;
    }
    if (parts === undefined || request === undefined) return this.malformedEntry(text, s);
    if (!this.resourcePattern) {
      for (let i = 0; i < 6; i++) if (!globMatch(parts[i] as string, request[i] as string)) return NO;
      return YES;
    }
    // The request names a set of resources: an Allow needs one of them, a Deny all of them (and
    // the reverse for NotResource).
    const wantAll = s.deny !== s.notResource;
    for (let i = 0; i < 6; i++) {
      const ok = wantAll
        ? patternCovers(parts[i] as string, request[i] as string)
        : patternsOverlap(parts[i] as string, request[i] as string);
      if (!ok) return NO;
    }
    return YES;
  }

  /**
   * A Resource entry that is not an ARN (fewer than six parts, e.g. `arn:aws:s3::*`). AWS refuses
   * such policies; the reference implementation evaluates them, and these rules reproduce what it
   * answers so that the conformance check measures the rest.
   */
  private malformedEntry(text: string, s: CompiledStatement): Tri {
    const kind = this.refKind;
    const resource = this.resource;
    if (s.notResource) {
      if (kind !== 'resource') return YES;
      return text.endsWith('/*') || globMatch(text, resource) ? YES : NO;
    }
    if (kind === 'rcp') return NO;
    if (kind === 'scp' || kind === 'resource') return globMatch(text, resource) ? YES : NO;
    // Identity side: the parts present must match the first parts of the resource ARN, the missing
    // ones match anything. A request for a set of resources needs an Allow to meet one of them and
    // a Deny to cover them all, as for whole ARNs.
    const request = this.resourceParts;
    if (request === undefined || request === '*') return NO;
    const pattern = this.resourcePattern;
    let from = 0;
    for (let i = 0; i < 6; i++) {
      const colon = text.indexOf(':', from);
      const part = colon < 0 ? text.slice(from) : text.slice(from, colon);
      const wanted = request[i] as string;
      const ok = !pattern
        ? globMatch(part, wanted)
        : s.deny
          ? patternCovers(part, wanted)
          : patternsOverlap(part, wanted);
      if (!ok) return NO;
      if (colon < 0) return YES;
      from = colon + 1;
    }
    return YES;
  }

  private lookupFn: ((key: string) => ContextValue | undefined) | undefined;

  /** Reads a context key for policy variables. */
  private get lookup(): (key: string) => ContextValue | undefined {
    if (this.lookupFn === undefined) this.lookupFn = (key) => this.context.get(key.toLowerCase());
    return this.lookupFn;
  }

  private contextMap: RequestContext | undefined;

  /** The request context, built on first use (most statements have no condition). */
  private get context(): RequestContext {
    if (this.contextMap === undefined) this.contextMap = buildContext(this.givenContext, this.principal, this.derive);
    return this.contextMap;
  }

  private principalMatch(s: CompiledStatement, isResource: boolean): Tri {
    const principals = s.principals;
    if (principals === undefined) {
      // A resource-based policy statement without Principal applies to no one; an RCP statement
      // always names `*`.
      this.statementGrant = GRANT_NONE;
      return isResource ? NO : YES;
    }
    if (s.notPrincipal) {
      this.statementGrant = GRANT_DIRECT;
      // A Deny with NotPrincipal in a resource-based policy always applies to a principal that has
      // a permissions boundary, whatever NotPrincipal lists (IAM User Guide, NotPrincipal).
      if (s.deny && isResource && this.policies.boundary !== undefined && this.principal.kind !== 'anonymous')
        return YES;
      return s.principalWildcard ? NO : not(this.namedExactly(principals));
    }
    let best = GRANT_NONE;
    let any: Tri = NO;
    if (s.principalWildcard) {
      any = YES;
      best = GRANT_DIRECT;
    } else {
      for (let i = 0; i < principals.length; i++) {
        const e = principals[i] as CompiledPrincipal;
        const kind = this.principalEntry(e);
        if (kind === NO_MATCH) continue;
        if (kind === UNKNOWN_MATCH) {
          if (any === NO) any = MAYBE;
          continue;
        }
        any = YES;
        if (kind > best) best = kind;
      }
    }
    this.statementGrant =
      any === MAYBE
        ? this.principal.kind === 'role' || this.principal.kind === 'session'
          ? GRANT_ROLE
          : GRANT_DIRECT
        : best;
    return any;
  }

  /**
   * Does a NotPrincipal list name the request principal itself? Unlike Principal, an account entry
   * does not stand for the users and roles of the account, nor a role ARN for its sessions: "all
   * principals except the user Bob" are denied by a NotPrincipal listing Bob and his account, other
   * users of that account included (IAM User Guide, NotPrincipal examples).
   */
  private namedExactly(principals: readonly CompiledPrincipal[]): Tri {
    const p = this.principal;
    let any: Tri = NO;
    for (let i = 0; i < principals.length; i++) {
      const e = principals[i] as CompiledPrincipal;
      if (e.kind === 'wildcard') return YES;
      if (p.kind === 'anonymous') continue;
      if (typeof e.value !== 'string') {
        if (matchPolicyValue(e.value, p.arn) !== 'no-match') any = MAYBE;
        continue;
      }
      const named = e.kind === 'account' ? p.kind === 'root' && p.account === e.account : e.value === p.arn;
      if (named) return YES;
    }
    return any;
  }

  /** The grant kind when the entry names the request principal, or NO_MATCH / UNKNOWN_MATCH. */
  private principalEntry(e: CompiledPrincipal): number {
    const p = this.principal;
    if (e.kind === 'wildcard') return GRANT_DIRECT;
    if (p.kind === 'anonymous') return NO_MATCH;
    if (typeof e.value !== 'string') {
      const m = matchPolicyValue(e.value, p.arn);
      if (m === 'no-match' && p.roleArn !== undefined) {
        const r = matchPolicyValue(e.value, p.roleArn);
        return r === 'no-match' ? NO_MATCH : UNKNOWN_MATCH;
      }
      return m === 'no-match' ? NO_MATCH : UNKNOWN_MATCH;
    }
    if (e.kind === 'account') {
      if (p.account !== e.account) return NO_MATCH;
      return p.kind === 'root' ? GRANT_DIRECT : GRANT_ACCOUNT;
    }
    if (e.type !== 'AWS') return e.value === p.arn ? GRANT_DIRECT : NO_MATCH;
    if (e.value === p.arn) return p.kind === 'role' ? GRANT_ROLE : GRANT_DIRECT;
    if (p.kind === 'session' && isRoleOf(e.value, p)) return GRANT_ROLE;
    return NO_MATCH;
  }

  private conditionMatch(c: CompiledCondition, policy: CompiledPolicy): Tri {
    if (!c.known) return NO;
    const raw = this.context.get(c.key);
    const missing = raw === undefined;
    if (c.isNull) {
      // `Null: true` holds when the key is absent or an empty list of values, which `Null: false`
      // is there to catch (IAM User Guide, multivalued context key examples); several values are
      // alternatives.
      const empty = missing || (typeof raw !== 'string' && raw.length === 0);
      for (const v of c.values) {
        if (typeof v.value !== 'string') return MAYBE;
        const want = v.value.toLowerCase();
        if ((want === 'true' && empty) || (want === 'false' && !empty)) return YES;
      }
      return NO;
    }
    const op = c.operator as NonNullable<CompiledCondition['operator']>;
    if (missing) {
      if (c.ifExists || c.setOperator === 1) return YES;
      if (c.setOperator === 2) return NO;
      return op.negated ? YES : NO;
    }
    if (typeof raw === 'string') {
      // A set operator reads an empty string as an empty set: ForAllValues holds, ForAnyValue does
      // not (IAM User Guide, multivalued context keys).
      if (raw === '' && c.setOperator !== 0) return c.setOperator === 1 ? YES : NO;
      return this.valueHolds(c, policy, op, raw);
    }
    const values = raw;
    if (c.setOperator === 1) {
      let all: Tri = YES;
      for (let i = 0; i < values.length; i++) {
        const t = this.valueHolds(c, policy, op, values[i] as string);
        if (t === NO) return NO;
        if (t === MAYBE) all = MAYBE;
      }
      return all;
    }
    if (c.setOperator === 2) {
      let some: Tri = NO;
      for (let i = 0; i < values.length; i++) {
        const t = this.valueHolds(c, policy, op, values[i] as string);
        if (t === YES) return YES;
        if (t === MAYBE) some = MAYBE;
      }
      return some;
    }
    // A multivalued key needs ForAllValues or ForAnyValue: a plain operator does not hold on it
    // (what the reference implementation answers; AWS documents only that the set operators are
    // required).
    return NO;
  }

  /**
   * The operator on one request value. A policy value that cannot be read (not a number, a bad
   * CIDR, a variable without value) matches nothing; a negated operator holds when no policy value
   * matches a request value it can read, and never when one of its policy values cannot be read:
   * AWS documents that a variable it cannot resolve may invalidate the statement, and the reference
   * implementation answers so for every unreadable value.
   */
  private valueHolds(c: CompiledCondition, policy: CompiledPolicy, op: ConditionOperator, value: string): Tri {
    if (!op.negated) {
      const positive = this.anyValueMatches(c, policy, value, false);
      return positive === UNREADABLE ? NO : positive;
    }
    if (!op.accepts(value)) return NO;
    const positive = this.anyValueMatches(c, policy, value, true);
    return positive === UNREADABLE ? NO : not(positive);
  }

  /** OR across the policy values, in the operator's positive sense; UNREADABLE when `strict` and a value cannot be read. */
  private anyValueMatches(
    c: CompiledCondition,
    policy: CompiledPolicy,
    requestValue: string,
    strict: boolean,
  ): Tri | typeof UNREADABLE {
    const op = c.operator as NonNullable<CompiledCondition['operator']>;
    const prepared = c.prepared;
    let unreadable = false;
    if (prepared !== undefined) {
      for (let i = 0; i < prepared.length; i++) {
        const p = prepared[i];
        if (p === undefined) unreadable = true;
        else if (op.test(p, requestValue)) return YES;
      }
      return strict && unreadable ? UNREADABLE : NO;
    }
    let result: Tri = NO;
    for (const v of c.values) {
      let text = v.text;
      if (text === undefined) {
        if (!op.variables) {
          result = MAYBE;
          continue;
        }
        const m = matchPolicyValue(v.value, requestValue);
        if (m === 'unknown') result = MAYBE;
        continue;
      }
      if (v.dynamic && policy.variables) {
        text = substituteVariables(text, this.lookup, op.patterns);
        if (text === undefined) {
          unreadable = true;
          continue;
        }
      }
      const p = op.prepare(text);
      if (p === undefined) unreadable = true;
      else if (op.test(p, requestValue)) return YES;
    }
    return strict && unreadable ? UNREADABLE : result;
  }
}

// Requests repeat principals and resources: parse each once (bounded, cleared when full).
const CACHE_LIMIT = 4096;
const principalCache = new Map<string, RequestPrincipal>();
interface RequestResource {
  readonly parts: readonly string[] | '*' | undefined;
  readonly flat: string | undefined;
  readonly pattern: boolean;
  readonly account: string | undefined;
}
const resourceCache = new Map<string, RequestResource>();

function requestResource(resource: string): RequestResource {
  const parts = resourceParts(resource);
  const pattern = isPattern(resource);
  const flat = parts !== undefined && parts !== '*' && !pattern ? parts.join(':') : undefined;
  return { parts, flat, pattern, account: accountOfResource(resource) };
}

const actionCache = new Map<string, string>();
const lowerCase = (text: string): string => text.toLowerCase();
const ANONYMOUS_PRINCIPAL = parsePrincipal('anonymous');
const NO_POLICIES: CompiledPolicySet = {
  identity: [],
  boundary: undefined,
  session: undefined,
  resource: undefined,
  scps: undefined,
  rcps: undefined,
};

function cached<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined && !cache.has(key)) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value as T;
}

const NO_MATCH = -1;
const UNKNOWN_MATCH = -2;

/** Could a resource match both part patterns and the set's parts? */
function meetsSet(parts: readonly string[], set: readonly string[]): boolean {
  for (let i = 0; i < 6; i++) if (!patternsOverlap(parts[i] as string, set[i] as string)) return false;
  return true;
}

/**
 * The resources `setWitnesses` describes: one inside each grant first, then the shortest of the
 * set, then every combination.
 */
function* witnessesOf(
  set: readonly string[],
  patterns: readonly Set<string>[],
  grants: readonly (readonly string[])[],
): Generator<string | undefined> {
  const tried = new Set<string>();
  for (const grant of grants) {
    const resource = insideGrant(set, grant);
    if (resource === undefined || tried.has(resource)) continue;
    tried.add(resource);
    yield resource;
  }
  // Then the shortest resource of the set, before building the automata.
  const first = insideGrant(set, set);
  if (first !== undefined && !tried.has(first)) {
    tried.add(first);
    yield first;
  }
  let product: string[] = [''];
  for (let i = 0; i < 6; i++) {
    const own = set[i] as string;
    const options = signatureWitnesses(
      own,
      [...(patterns[i] as Set<string>)].filter((p) => p !== own),
    );
    if (options === undefined || product.length * options.size > MAX_WITNESSES) {
      yield undefined;
      return;
    }
    const next: string[] = [];
    for (const prefix of product) for (const o of options.values()) next.push(i === 0 ? o : prefix + ':' + o);
    product = next;
  }
  for (const resource of product) if (!tried.has(resource)) yield resource;
}

/** A short resource of the set that the grant's parts name, if any. */
function insideGrant(set: readonly string[], grant: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const inside = insideBoth(set[i] as string, grant[i] as string);
    if (inside === undefined) return undefined;
    parts.push(inside);
  }
  return parts.join(':');
}

/** A string both patterns match, if any (the common shapes first, without building automata). */
function insideBoth(own: string, part: string): string | undefined {
  if (part === own || part === '*') return shortestOf(own);
  if (own === '*') return shortestOf(part);
  if (!isPattern(own)) return globMatch(part, own) ? own : undefined;
  if (!isPattern(part)) return globMatch(own, part) ? part : undefined;
  return signatureWitnesses(own, [part])?.get('1');
}

/** The shortest string a pattern matches (undefined when it holds an escaped `*` or `?`). */
function shortestOf(pattern: string): string | undefined {
  if (pattern.indexOf(LITERAL_STAR) >= 0 || pattern.indexOf(LITERAL_QUESTION) >= 0) return undefined;
  return pattern.replaceAll('*', '').replaceAll('?', 'x');
}

/** The requested set `*`, as ARN parts. */
const ANY_ARN: readonly string[] = ['arn', '*', '*', '*', '*', '*'];

/** A Resource entry whose match does not depend on which resource is asked about. */
const ANY_RESOURCE = 'any';

/** Above this many representative resources, a set keeps its answer as a whole. */
const MAX_WITNESSES = 4096;

/** The six parts a malformed entry is read by on the identity side (missing parts match anything). */
function malformedParts(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 6; i++) {
    const colon = text.indexOf(':', from);
    parts.push(colon < 0 ? text.slice(from) : text.slice(from, colon));
    if (colon < 0) break;
    from = colon + 1;
  }
  while (parts.length < 6) parts.push('*');
  return parts;
}

/**
 * Resource shapes the evaluation logic tests beside the policies (key policies, trust policies,
 * AWS-owned resources, service-linked roles: `requiresResourcePolicy`, `isServiceRestricted`,
 * `SERVICE_LINKED_ROLE_ARN`), as [ARN part, pattern]. Those tests accept empty ARN parts, which a
 * representative of `*` may have.
 */
function shapesTested(action: string): readonly (readonly [number, string])[] {
  if (action.startsWith('kms:')) return KMS_SHAPES;
  if (action.startsWith('sts:')) return STS_SHAPES;
  if (action.startsWith('iam:')) return IAM_SHAPES;
  return [];
}
const KMS_SHAPES = [
  [2, 'kms'],
  [5, 'key/*'],
  [5, 'alias/aws/*'],
] as const;
const STS_SHAPES = [
  [2, 'iam'],
  [5, 'role/*'],
  [5, 'role/aws-service-role/*'],
] as const;
const IAM_SHAPES = [
  [2, 'iam'],
  [4, 'aws'],
  [5, 'policy/*'],
  [5, 'role/aws-reserved/*'],
] as const;

function not(t: Tri): Tri {
  return t === MAYBE ? MAYBE : t === YES ? NO : YES;
}

/** True when a role ARN (any path) is the role of the session principal. */
function isRoleOf(entry: string, p: RequestPrincipal): boolean {
  if (!entry.endsWith('/' + p.name) && !entry.endsWith(':role/' + p.name)) return false;
  const parts = splitArn(entry);
  if (!parts || parts[2] !== 'iam' || parts[4] !== p.account || !parts[5].startsWith('role/')) return false;
  const name = parts[5].slice(parts[5].lastIndexOf('/') + 1);
  return name === p.name;
}

function accountOfResource(resource: string): string | undefined {
  const parts = splitArn(resource);
  return parts && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/**
 * Actions on a bucket or queue policy that the owner's root user keeps under a resource policy
 * that denies it: those the AWS task policies `S3UnlockBucketPolicy` and `SQSUnlockQueuePolicy`
 * leave to a root session, on the resource itself.
 */
const OWNER_ROOT_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  's3:getbucketpolicy',
  's3:putbucketpolicy',
  's3:deletebucketpolicy',
  'sqs:getqueueattributes',
  'sqs:setqueueattributes',
]);

/**
 * Actions the root user cannot be granted: AssumeRole and AssumeRoot refuse root user credentials
 * (STS API Reference), and session tags and a source identity are authorized only inside such a
 * call.
 */
const ROLE_ASSUMPTION_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumeroot',
  'sts:tagsession',
  'sts:setsourceidentity',
]);

/**
 * Calls the temporary credentials of the principal cannot make, whatever a policy grants (IAM User
 * Guide, comparing the AWS STS API operations): a role session cannot call GetFederationToken or
 * GetSessionToken; a federated user session (GetFederationToken) cannot call IAM operations, nor
 * STS operations but GetCallerIdentity (allowed before any policy is read).
 */
function isCredentialRestricted(p: RequestPrincipal, action: string): boolean {
  if (p.kind === 'session') return action === 'sts:getfederationtoken' || action === 'sts:getsessiontoken';
  if (p.kind === 'federated-user') return action.startsWith('iam:') || action.startsWith('sts:');
  return false;
}

/** The ARN of a service-linked role (path `/aws-service-role/`). */
const SERVICE_LINKED_ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/aws-service-role\//;
/** Every service-linked role, as a pattern. */
const SERVICE_LINKED_ROLES = 'arn:*:iam::*:role/aws-service-role/*';

function isServiceLinkedRole(p: RequestPrincipal): boolean {
  return p.kind === 'role' && p.arn.includes(':role/aws-service-role/');
}

/**
 * Key policies (KMS keys) and role trust policies: the resource-based policy must allow the
 * account or the principal; an identity policy alone is not enough even in the same account.
 */
function requiresResourcePolicy(action: string, resource: string): boolean {
  if (action.startsWith('kms:')) return /^arn:[^:]*:kms:[^:]*:[^:]*:key\//.test(resource);
  if (action.startsWith('sts:assumerole') || action === 'sts:tagsession' || action === 'sts:setsourceidentity') {
    return /^arn:[^:]*:iam::[^:]*:role\//.test(resource);
  }
  return false;
}

/**
 * Resources AWS owns that no policy can grant changes to: AWS managed policies, roles reserved
 * for AWS (path `aws-reserved/`) and `alias/aws/` KMS aliases. Reading them stays possible.
 */
function isServiceRestricted(action: string, resource: string): boolean {
  if (action.startsWith('iam:')) {
    const name = action.slice(4);
    const reads =
      name.startsWith('get') || name.startsWith('list') || name.startsWith('generate') || name.startsWith('simulate');
    if (reads) return false;
    return /^arn:[^:]*:iam::aws:policy\//.test(resource) || /^arn:[^:]*:iam::[^:]*:role\/aws-reserved\//.test(resource);
  }
  if (action === 'kms:createalias' || action === 'kms:deletealias' || action === 'kms:updatealias') {
    return /^arn:[^:]*:kms:[^:]*:[^:]*:alias\/aws\//.test(resource);
  }
  return false;
}
