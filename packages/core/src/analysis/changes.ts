/**
 * What a plan changes: for each principal whose identity policies or boundary the input changes
 * (a `PolicySource.before` is present, Terraform update or replace, a policy is attached to a
 * principal that existed before: `AttachedPolicy.added`, or detached from it, or its boundary is
 * removed: `PrincipalInput.removedBoundary`), the permissions the new version gains
 * and loses, boundary included, from the effective-permissions analysis. A
 * resource policy that changes is read the same way: what its statements grant, to whichever
 * principals they name. A role's trust policy and a resource policy that change also say who they
 * admit: per principal they name (`*` included), the actions it may newly or no longer perform
 * (`admits`). Computed only when the input holds a before-version.
 */
import type { ConditionClause, Policy, PolicyType, PrincipalEntry, Statement } from '../model/policy';
import type { ActionCatalog } from './catalog-view';
import type { Access, Comparison, EffectivePermissions } from './effective';
import type { AppliedConditions } from './effective';
import { askedNoLess, compared, effectivePermissions } from './effective';
import type {
  OrganizationTarget,
  PolicySource,
  PrincipalInput,
  PrincipalKind,
  ScanInput,
  SourceLocation,
  StandalonePolicyInput,
} from './input';
import { expandActionPattern, expandNotAction } from '../catalog/actions';
import { parseSource, principalPolicies } from './views';
import { catalogPolicySource } from './catalog-attachment';
import { ALLOW_ALL } from './effective-queries';
import type { PolicyValue } from '../model/symbolic';
import { isSymbolic, valueToString } from '../model/symbolic';
import { matchWildcard } from '../match/wildcard';
import { patternCovers, patternsOverlap } from '../evaluator/pattern';

/** One action on one resource pattern whose access changes. */
export interface PermissionDelta {
  /** `service:Name` in catalog case. */
  readonly action: string;
  /**
   * JSON report only: on a `service:*` (or `*`) row, the few actions of the service (of the
   * catalog) it leaves out, which change otherwise or not at all.
   */
  readonly exceptActions?: readonly string[];
  /** The resource pattern; `*` when the action is reached on every resource. */
  readonly resource: string;
  readonly before: Access;
  readonly after: Access;
  /**
   * The patterns of `resource` it is not gained (or was not held) on: what a `NotResource` spares, or
   * a Deny on part of the pattern (`b/ab*` in `b/a*`).
   */
  readonly except?: readonly string[];
  /**
   * Of `except`, the patterns too long to compare with `resource` (a Deny of a dozen wildcards):
   * where these meet `resource` was not decided; the row makes no claim there.
   */
  readonly undecided?: readonly string[];
  /** Under conditions before or after: those asked, as one text (rows sharing it ask the same; not in the JSON report). */
  readonly conditions?: string;
}

/** What the input changes for one principal or resource policy. */
export interface PermissionChange {
  /** The principal's stable id (as `Finding.principal`), the resource's id, the SCP's or RCP's, or its attachment's. */
  readonly subject: string;
  /**
   * `scp`: a service control policy the input changes, or attaches to or detaches from a root, OU
   * or account; `gained` is what the accounts under it may newly do (at most: their own policies
   * still have to allow it), `lost` what it no longer permits. `rcp`: a resource control policy,
   * the same for what may be done to the resources of the accounts under it.
   */
  readonly kind: PrincipalKind | 'resource' | 'scp' | 'rcp';
  readonly location: SourceLocation;
  /** Names of the policies whose document changes. */
  readonly policies: readonly string[];
  /** Permissions the new version adds (or makes unconditional), by action then resource. */
  readonly gained: readonly PermissionDelta[];
  /** Permissions the new version takes away (or makes conditional). */
  readonly lost: readonly PermissionDelta[];
  /** Changed policies whose new version is only known after apply: left out of the comparison. */
  readonly unresolved?: readonly string[];
  /**
   * Changed policies whose new version is not a valid policy (not JSON, an unknown element): left
   * out of the comparison; the `policy-validity/invalid-policy` finding says where.
   */
  readonly invalid?: readonly string[];
  /** Changed policies whose new version is valid but not the previous one: left out of the comparison, with no finding. */
  readonly invalidBefore?: readonly string[];
  /**
   * An SCP or RCP: the roots, OUs and accounts the rows apply to (those it stays attached to, for
   * a policy whose document changes; the one attached or detached, for an attachment). Absent
   * when none of its attachments the input holds stays (managed elsewhere); empty when the input
   * destroys every one it holds (attached nowhere in the input after it).
   */
  readonly targets?: readonly ChangeTarget[];
  /**
   * Who a changed trust policy (kind `role`: may assume the role) or resource policy admits, and
   * to what: present only for those. Principals as the policies name them, not what their own
   * identity policies let them do.
   */
  readonly admits?: AdmissionChanges;
  /**
   * A principal whose permissions boundary the input sets, swaps or removes: the boundary before
   * and after (an ARN, or the name of a policy whose ARN only apply knows), each absent where the
   * principal has none. What it cuts is in `gained` and `lost`, or `unresolved` when not known.
   */
  readonly boundary?: BoundaryChange;
  /**
   * A resource policy whose S3 Block Public Access restriction (`RestrictPublicBuckets`) the input
   * turns on or off: whether it held before and after. What anyone gains or loses by it is in `admits`.
   */
  readonly publicAccessRestricted?: { readonly before: boolean; readonly after: boolean };
}

/** A root, OU or account an SCP or RCP change applies to. */
export interface ChangeTarget {
  readonly target: string;
  readonly targetKind: OrganizationTarget['targetKind'];
  /** `attached`: the policy's limits now apply there; `detached`: they no longer do. */
  readonly change?: 'attached' | 'detached';
}

/** A permissions boundary set (`before` absent), removed (`after` absent) or swapped. */
export interface BoundaryChange {
  readonly before?: string;
  readonly after?: string;
  /** The input holds the document of one of them only (a boundary managed elsewhere): what it cuts is not compared. */
  readonly notCompared?: true;
}

/** Principals a trust or resource policy newly admits, and those it no longer admits. */
export interface AdmissionChanges {
  readonly gained: readonly AdmissionDelta[];
  readonly lost: readonly AdmissionDelta[];
}

/** One principal admitted (or no longer) to one action, on one resource for a resource policy. */
export interface AdmissionDelta {
  /**
   * `*` (anyone: `"Principal": "*"` or `{"AWS": "*"}`), an account root ARN (a bare account id
   * is read as its root), a principal ARN, a service (`ec2.amazonaws.com`), an identity
   * provider ARN or a canonical user id.
   */
  readonly principal: string;
  /** The Principal key (`AWS`, `Service`, `Federated`, `CanonicalUser`), `*` for anyone. */
  readonly principalType: string;
  /** An identity provider's `sub` pattern the identity must match (`*`: any subject). */
  readonly sub?: string;
  /** `service:Name` in catalog case. */
  readonly action: string;
  /** JSON report only: as {@link PermissionDelta.exceptActions}. */
  readonly exceptActions?: readonly string[];
  /** Resource policies only: the resource pattern of the statements (`*`: every resource). */
  readonly resource?: string;
  /** Access as the old version grants it (`denied`: not admitted). */
  readonly before: Access;
  /** Access as the new version grants it. */
  readonly after: Access;
  /** Resource policies only: the patterns inside `resource` the row is not true of (a Deny kept on part of it). */
  readonly except?: readonly string[];
}

/** Deltas per pair of analyses (before, then after). */
type Comparisons = Map<EffectivePermissions, Map<EffectivePermissions, readonly PermissionDelta[]>>;

/** True when some policy of the input carries its previous version. */
export function hasBeforeVersions(input: ScanInput): boolean {
  const changed = (s: PolicySource | undefined): boolean => s?.before !== undefined;
  return (
    input.principals.some(
      (p) =>
        p.policies.some((a) => a.added === true || changed(a.policy)) ||
        (p.detached?.length ?? 0) > 0 ||
        changed(p.permissionsBoundary?.policy) ||
        p.removedBoundary !== undefined ||
        p.boundaryBefore !== undefined ||
        changed(p.trustPolicy),
    ) ||
    input.resources.some((r) => changed(r.policy) || r.publicAccessRestrictedBefore !== undefined) ||
    input.policies.some(
      (p) =>
        (p.type === 'scp' || p.type === 'rcp') &&
        (changed(p.policy) || (p.targets ?? []).some((t) => t.change !== 'kept')),
    )
  );
}

/** The changes of every principal and resource policy the input changes, in input order. */
export function planChanges(input: ScanInput, catalog: ActionCatalog): PermissionChange[] {
  const changes: PermissionChange[] = [];
  // Principals holding the same policies (one managed policy changed for a hundred roles) are
  // analyzed once: an analysis reaching every action still walks some 20,000 of them.
  const analyses = new Map<string, EffectivePermissions>();
  const expansions: Expansions = { sets: new Map(), keys: new WeakMap() };
  // Per pair of analyses, what going from one to the other gains, and what it loses.
  const comparisons: Record<'gained' | 'lost', Comparisons> = { gained: new Map(), lost: new Map() };
  const once = (
    before: EffectivePermissions,
    after: EffectivePermissions,
    kind: 'gained' | 'lost',
  ): readonly PermissionDelta[] => {
    const byBefore = comparisons[kind];
    let byAfter = byBefore.get(before);
    if (byAfter === undefined)
      byBefore.set(before, (byAfter = new Map<EffectivePermissions, readonly PermissionDelta[]>()));
    let found = byAfter.get(after);
    if (found === undefined)
      byAfter.set(after, (found = kind === 'gained' ? gains(before, after) : losses(before, after)));
    return found;
  };
  for (const principal of input.principals) {
    const changed: ChangedPolicy[] = [];
    for (const attachment of principal.policies) {
      const source = attachment.policy;
      if (source?.before !== undefined) changed.push(changedPolicy(source));
      // An AWS managed policy comes with its ARN only (its document is the catalog's).
      else if (attachment.added === true)
        changed.push(source ? changedPolicy(source) : { name: valueToString(attachment.arn ?? ''), unresolved: false });
    }
    for (const attachment of principal.detached ?? [])
      changed.push(
        attachment.policy
          ? changedPolicy(attachment.policy)
          : { name: valueToString(attachment.arn ?? ''), unresolved: false },
      );
    const boundary = principal.permissionsBoundary?.policy;
    let moved = boundaryMove(principal);
    const boundaryChanges =
      boundary?.before !== undefined || principal.removedBoundary !== undefined || moved !== undefined;
    if (boundary?.before !== undefined) changed.push(changedPolicy(boundary));
    if (principal.removedBoundary !== undefined) changed.push(changedPolicy(principal.removedBoundary));
    // A boundary set, swapped or removed whose previous or new document the input does not hold:
    // what it cut, or cuts, cannot be compared; said, never read as no change.
    else if (moved !== undefined && boundary?.before === undefined) {
      changed.push({ name: moved.before ?? moved.after ?? '', unresolved: false });
      moved = { ...moved, notCompared: true };
    }
    const trust = principal.trustPolicy?.before !== undefined ? principal.trustPolicy : undefined;
    if (changed.length === 0 && trust === undefined) continue;
    const admits = {
      ...(trust === undefined ? {} : { admits: admissions(trust, 'trust') }),
      ...(moved === undefined ? {} : { boundary: moved }),
    };
    const touched = trust === undefined ? changed : [...changed, changedPolicy(trust)];
    if (changed.length === 0) {
      // Only the trust policy changes: what the role may do is the same.
      changes.push({ ...delta(principal.id, principal.kind, principal.location, touched, [], []), ...admits });
      continue;
    }
    // What changing some identity policies alters is within the actions they name (before or
    // after): the rest of what the principal holds (an attached `ReadOnlyAccess`) is not analyzed.
    const actions = boundaryChanges ? undefined : changedActions(principal, catalog, expansions);
    const analyze = (version: 'before' | 'after'): EffectivePermissions => {
      const { identity, boundary } = principalPolicies(principal, catalog, version);
      const key = analysisKey(
        principal,
        identity,
        boundary,
        actions === undefined ? '*' : expansions.keys.get(actions),
      );
      let found = analyses.get(key);
      if (found === undefined) {
        found = effectivePermissions(principal.arn, {
          identityPolicies: identity,
          boundary,
          account: principal.account,
          actions,
        });
        analyses.set(key, found);
      }
      return found;
    };
    const before = analyze('before');
    const after = analyze('after');
    const change = delta(
      principal.id,
      principal.kind,
      principal.location,
      touched,
      once(before, after, 'gained'),
      once(before, after, 'lost'),
    );
    changes.push({ ...change, ...admits });
  }
  for (const resource of input.resources) {
    const restricted = {
      before: resource.publicAccessRestrictedBefore ?? resource.publicAccessRestricted === true,
      after: resource.publicAccessRestricted === true,
    };
    const restriction = restricted.before === restricted.after ? {} : { publicAccessRestricted: restricted };
    if (resource.policy.before === undefined && restricted.before === restricted.after) continue;
    const analyze = (version: 'before' | 'after'): EffectivePermissions => {
      const policy = parseSource(resource.policy, 'resource' satisfies PolicyType, version);
      return effectivePermissions(undefined, { identityPolicies: policy ? [policy] : [] });
    };
    const admits = admissions(resource.policy, 'resource', resource.arn, restricted);
    // Block Public Access turned on or off over a policy that grants anyone nothing (the account's
    // block over every bucket of the plan) changes nothing it admits: not listed.
    if (resource.policy.before === undefined && admits.gained.length === 0 && admits.lost.length === 0) continue;
    const before = analyze('before');
    const after = analyze('after');
    changes.push({
      ...delta(
        resource.id,
        'resource',
        resource.location,
        [changedPolicy(resource.policy)],
        gains(before, after),
        losses(before, after),
      ),
      admits,
      ...restriction,
    });
  }
  for (const standalone of input.policies) changes.push(...organizationPolicyChanges(standalone));
  return changes;
}

/**
 * What an SCP or RCP changes: where its document changes, what it newly permits and no longer
 * permits on the targets it stays attached to; where an attachment comes or goes, what the
 * policy takes from or gives back to that target. Read over a principal allowed everything (what
 * the accounts' own policies allow is not compared). An RCP's statements (`"Principal": "*"`) are
 * read on whoever calls, as what it permits on the resources of the accounts under it.
 */
function organizationPolicyChanges(standalone: StandalonePolicyInput): PermissionChange[] {
  const { policy: source, type } = standalone;
  if (type !== 'scp' && type !== 'rcp') return [];
  const changes: PermissionChange[] = [];
  const targets = standalone.targets ?? [];
  // Every attachment the input holds is destroyed: the document change applies nowhere it shows.
  const detachedEverywhere = targets.length > 0 && targets.every((t) => t.change === 'removed');
  const read = (version: 'before' | 'after'): Policy | undefined => {
    const policy = parseSource(source, type, version);
    return policy === undefined || type === 'scp' ? policy : onAnyCaller(policy);
  };
  const after = read('after');
  const before = source.before === undefined ? after : read('before');
  // Not known until apply, or not a policy: what it permits is not compared. Only the new version
  // is checked (an invalid previous one has no finding to point at).
  const notCompared = (subject: string, location: SourceLocation, on: readonly ChangeTarget[]): PermissionChange => {
    const unknown = source.unresolved !== undefined || source.document === undefined;
    const invalid = after === undefined ? { invalid: [source.name] } : { invalidBefore: [source.name] };
    return {
      ...delta(subject, type, location, [{ name: source.name, unresolved: unknown }], [], []),
      ...(unknown ? {} : invalid),
      ...(on.length > 0 || detachedEverywhere ? { targets: on } : {}),
    };
  };
  const described = (t: OrganizationTarget, change?: ChangeTarget['change']): ChangeTarget => ({
    target: t.target,
    targetKind: t.targetKind,
    ...(change === undefined ? {} : { change }),
  });
  // Destroyed (document `null`): no document is left to compare; its targets lose its limits below.
  if (source.before !== undefined && source.document !== null) {
    const kept = targets.filter((t) => t.change === 'kept').map((t) => described(t));
    if (before === undefined || after === undefined) changes.push(notCompared(source.id, source.location, kept));
    else {
      // Decided once for both versions: a policy that only denies in both is read beside the
      // FullAWSAccess AWS keeps attached to permit; one that allows in either is read alone in both
      // (as the policy that permits), so that an Allow removed is a loss, not FullAWSAccess guessed.
      const alone = [before, after].some((policy) => policy.statements.some((st) => st.effect === 'Allow'));
      const [was, is] = [permitted(before, alone), permitted(after, alone)];
      changes.push({
        ...delta(source.id, type, source.location, [changedPolicy(source)], gains(was, is), losses(was, is)),
        ...(kept.length > 0 || detachedEverywhere ? { targets: kept } : {}),
      });
    }
  }
  // An attachment that comes or goes: the target gains or loses the policy's limits. Read beside
  // the FullAWSAccess AWS attaches to every root, OU and account: only what it denies limits there.
  for (const target of targets) {
    if (target.change === 'kept') continue;
    const attached = target.change === 'added';
    const on = [described(target, attached ? 'attached' : 'detached')];
    const policy = attached ? after : before;
    if (policy === undefined) {
      changes.push(notCompared(target.id, target.location, on));
      continue;
    }
    const [without, within] = [nothingDenied(), permitted(policy, false)];
    const [was, is] = attached ? [without, within] : [within, without];
    changes.push({
      ...delta(target.id, type, target.location, [changedPolicy(source)], gains(was, is), losses(was, is)),
      targets: on,
    });
  }
  return changes;
}

/** What a principal allowed everything may do under one SCP (or RCP read as one): alone, or beside FullAWSAccess. */
function permitted(policy: Policy, alone: boolean): EffectivePermissions {
  return effectivePermissions(undefined, {
    identityPolicies: [ALLOW_ALL],
    scps: [alone ? [policy] : [policy, ALLOW_ALL]],
  });
}

/** Everything, as under FullAWSAccess alone: a target before an SCP is attached. */
function nothingDenied(): EffectivePermissions {
  return (everything ??= permitted(ALLOW_ALL, true));
}

let everything: EffectivePermissions | undefined;

/** An RCP's statements on whoever calls (their `"Principal": "*"` dropped), to be read as an SCP. */
function onAnyCaller(policy: Policy): Policy {
  return { ...policy, statements: policy.statements.map((statement) => ({ ...statement, principal: undefined })) };
}

/** The boundary a principal's change sets, swaps or removes; undefined when it keeps its boundary. */
function boundaryMove(principal: PrincipalInput): BoundaryChange | undefined {
  const before = principal.boundaryBefore;
  if (before === undefined) return undefined;
  const current = principal.permissionsBoundary;
  const after =
    current === undefined
      ? undefined
      : typeof current.arn === 'string'
        ? current.arn
        : (current.policy?.name ?? valueToString(current.arn));
  return { ...(before === null ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

/** Text a policy may hold that makes what it allows depend on which principal holds it. */
const PRINCIPAL_DEPENDENT = /\$\{|aws:principal|aws:user|aws:sourceidentity|aws:federatedprovider/i;

/**
 * What an effective-permissions analysis depends on: the policies, the actions analyzed, the
 * account, and the principal itself where a policy refers to it (`${aws:username}`,
 * `aws:PrincipalTag/...`). Not the names in the policies (`Id`, `Sid`): roles whose policies
 * differ only there gain and lose the same permissions (a change reports no statement).
 */
function analysisKey(
  principal: PrincipalInput,
  identity: readonly Policy[],
  boundary: Policy | undefined,
  actions: string | undefined,
): string {
  const unnamed = (policy: Policy): Policy => ({
    version: policy.version,
    id: undefined,
    statements: policy.statements.map((s) => ({ ...s, sid: undefined })),
  });
  const versions = [identity.map(unnamed), boundary === undefined ? null : unnamed(boundary)];
  const policies = JSON.stringify(versions, (_key, value: unknown) =>
    // A value known only after deploy by its parts, holes by id (the evaluator's placeholders).
    isSymbolic(value) ? { symbolic: value.parts } : value,
  );
  const arn = principal.arn === undefined ? '' : valueToString(principal.arn);
  const who = PRINCIPAL_DEPENDENT.test(policies) ? arn : (/^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? '');
  return [principal.kind, who, principal.account ?? '', actions ?? '', policies].join('\u0001');
}

/**
 * The actions (lowercase) the statements of a principal's changed identity policies name,
 * in either version; undefined when one of them is unknown or invalid (then every action is read).
 */
function changedActions(
  principal: PrincipalInput,
  catalog: ActionCatalog,
  expansions: Expansions,
): ReadonlySet<string> | undefined {
  const lists: (readonly [boolean, readonly string[]])[] = [];
  const detached = new Set(principal.detached ?? []);
  for (const attachment of [...principal.policies, ...detached]) {
    if (attachment.policy?.before === undefined && attachment.added !== true && !detached.has(attachment)) continue;
    const source =
      attachment.policy ??
      catalogPolicySource(attachment, (arn) => catalog.awsManagedPolicy?.(arn), principal.location);
    // An AWS managed policy the catalog lacks changes nothing the comparison can read.
    if (source === undefined || (attachment.policy === undefined && source.document === undefined)) continue;
    for (const version of ['before', 'after'] as const) {
      if (version === 'before' && source.before === undefined) continue;
      const policy = parseSource(source, 'identity', version);
      if (policy === undefined) return undefined;
      for (const statement of policy.statements) {
        const action = statement.action;
        if (action === undefined) continue;
        lists.push([action.negated, action.values]);
      }
    }
  }
  // The set is what the action lists expand to: the lists key it, and it is made once per key.
  const key = lists
    .map((list) => JSON.stringify(list))
    .sort()
    .join('\u0000');
  let actions = expansions.sets.get(key);
  if (actions === undefined) {
    const names = new Set<string>();
    for (const [negated, values] of lists) {
      const expanded = negated ? expandNotAction(values) : values.flatMap(expandActionPattern);
      for (const name of expanded) names.add(name.toLowerCase());
    }
    actions = names;
    expansions.sets.set(key, actions);
    expansions.keys.set(actions, key);
  }
  return actions;
}

/** Sets of changed actions made once per plan by the action lists they expand, and their keys. */
interface Expansions {
  readonly sets: Map<string, ReadonlySet<string>>;
  readonly keys: WeakMap<ReadonlySet<string>, string>;
}

/** A policy a change touches: its name, and whether its new version is unknown before apply. */
interface ChangedPolicy {
  readonly name: string;
  readonly unresolved: boolean;
}

function changedPolicy(source: PolicySource): ChangedPolicy {
  return { name: source.name, unresolved: source.unresolved !== undefined || source.document === undefined };
}

/** What `after` holds over `before`, condensed. */
function gains(before: EffectivePermissions, after: EffectivePermissions): PermissionDelta[] {
  return condense(compared(before, after, false));
}

/** What `before` holds over `after` (the gains of going back, swapped), condensed. */
function losses(before: EffectivePermissions, after: EffectivePermissions): PermissionDelta[] {
  return condense(compared(after, before, true));
}

function delta(
  subject: string,
  kind: PermissionChange['kind'],
  location: SourceLocation,
  changed: readonly ChangedPolicy[],
  gainedDeltas: readonly PermissionDelta[],
  lostDeltas: readonly PermissionDelta[],
): PermissionChange {
  const unresolved = changed.filter((s) => s.unresolved).map((s) => s.name);
  return {
    subject,
    kind,
    location,
    policies: [...new Set(changed.map((s) => s.name))],
    gained: gainedDeltas,
    lost: lostDeltas,
    ...(unresolved.length > 0 ? { unresolved: [...new Set(unresolved)] } : {}),
  };
}

/**
 * One entry per action and resource as the user wrote it: an action reached on every resource is
 * listed on `*` alone (and on the patterns inside the exceptions of its `*` row); an action reached on some resources only is listed on those, without the
 * `*` ("some resource") entry the analysis evaluates first, unless `*` was read on the resources
 * no pattern names (then both). Sorted by action, then resource.
 */
function condense(comparison: Comparison): PermissionDelta[] {
  const { rows, starts, everywhere, elsewhere } = comparison;
  const result: PermissionDelta[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    const end = k + 1 < starts.length ? (starts[k + 1] as number) : rows.length;
    let star = 0;
    for (let i = start; i < end; i++) if ((rows[i] as PermissionDelta).resource === '*') star++;
    const keepStar = (everywhere[k] === true && star > 0) || star === end - start;
    // `*` read on the resources no pattern names says nothing of the patterns: both are kept.
    const keepBoth = elsewhere[k] === true && everywhere[k] !== true;
    // The `*` row says nothing of its exceptions: a pattern's row inside one stays (a grant on `*`
    // narrowed to a bucket that now denies a folder of it loses that folder).
    const spared = keepStar && !keepBoth ? sparedBy(rows, start, end) : undefined;
    // Every row has the shape of a delta: kept as is, not copied.
    for (let i = start; i < end; i++) {
      const row = rows[i] as PermissionDelta;
      if (keepBoth || (row.resource === '*') === keepStar) result.push(row);
      else if (spared?.some((e) => patternCovers(e, row.resource)) === true) result.push(row);
    }
  }
  return result.sort((a, b) => cmp(a.action, b.action) || cmp(a.resource, b.resource));
}

/** The exceptions of the `*` rows among `rows[start..end)`; undefined when they have none. */
function sparedBy(rows: readonly PermissionDelta[], start: number, end: number): readonly string[] | undefined {
  let spared: string[] | undefined;
  for (let i = start; i < end; i++) {
    const row = rows[i] as PermissionDelta;
    if (row.resource === '*' && row.except !== undefined) (spared ??= []).push(...row.except);
  }
  return spared;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- who a trust or resource policy admits ---

/** A principal as a trust or resource policy names it; `sub` for an identity provider. */
interface Grantee {
  readonly type: string;
  readonly principal: string;
  readonly sub?: string;
}

const ANYONE: Grantee = { type: '*', principal: '*' };
const RANK: Readonly<Record<Access, number>> = { denied: 0, unknown: 1, conditional: 1, allowed: 2 };
const ACCESS_OF_RANK: readonly Access[] = ['denied', 'conditional', 'allowed'];
/** Operators whose values on a `…:sub` key say which identities of a provider a statement admits. */
const SUB_OPERATORS = new Set(['StringEquals', 'StringLike']);

/**
 * Who the new version of a trust or resource policy admits that the old one did not, and the
 * reverse: per principal either version names (and `*`, anyone), per action its Allow
 * statements name, on each resource they name (resource policies). Empty when either version is
 * unknown or invalid.
 */
function admissions(
  source: PolicySource,
  type: 'trust' | 'resource',
  arn?: PolicyValue,
  restricted: { readonly before: boolean; readonly after: boolean } = { before: false, after: false },
): AdmissionChanges {
  const before = parseSource(source, type, 'before');
  const after = parseSource(source, type, 'after');
  if (before === undefined || after === undefined) return { gained: [], lost: [] };
  const grantees = granteesOf([before, after]);
  const requests = new Map<string, { action: string; resource: string }>();
  const own = type === 'resource' ? ownResource(arn) : undefined;
  for (const policy of [before, after])
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' || statement.action === undefined) continue;
      const written =
        type === 'trust' || statement.resource === undefined || statement.resource.negated
          ? ['*']
          : statement.resource.values.map(valueToString);
      // In the policy of one resource (a key, a queue), `*` is that resource.
      const resources = own === undefined ? written : written.map((r) => (r === '*' ? own : r));
      const services =
        type === 'trust' ? TRUST_SERVICES : servicesOf(resources, arn === undefined ? [] : [valueToString(arn)]);
      for (const action of actionsOf(statement, services))
        for (const resource of resources)
          requests.set(`${action.toLowerCase()}\u0000${resource}`, { action, resource });
    }
  // A Deny on part of what an Allow grants (`private/*` of a public bucket): asked on that part too.
  if (type === 'resource')
    for (const policy of [before, after])
      for (const statement of policy.statements) {
        const denied = statement.resource;
        if (statement.effect !== 'Deny' || denied === undefined || denied.negated) continue;
        for (const value of denied.values) {
          const part = valueToString(value);
          if (part === '*' || isSymbolic(value)) continue;
          for (const { action, resource } of [...requests.values()])
            if (resource !== part && patternsOverlap(resource, part) && statementCovers(statement, action, part))
              requests.set(`${action.toLowerCase()}\u0000${part}`, { action, resource: part });
        }
      }
  const gained: AdmissionDelta[] = [];
  const lost: AdmissionDelta[] = [];
  // Each grantee's access before and after, per request, and whether it widens or narrows (under
  // conditions before and after: whether the new ones admit requests the old did not, or the
  // reverse): computed once, compared with broader ones.
  const answers = new Map<string, Answer>();
  const answer = (grantee: Grantee, action: string, resource: string): Answer => {
    const key = `${granteeKey(grantee)}\u0000${action}\u0000${resource}`;
    let found = answers.get(key);
    if (found === undefined) {
      // Block Public Access (`RestrictPublicBuckets`) leaves nothing of a public grant to anyone.
      const open = (policy: Policy, restricts: boolean): Granted => {
        const granted = access(policy, grantee, action, resource);
        return restricts && grantee.type === '*' && granted.access === 'allowed'
          ? { access: 'denied', asked: NO_CONDITIONS }
          : granted;
      };
      const was = open(before, restricted.before);
      const is = open(after, restricted.after);
      const underConditions = was.access === 'conditional' && is.access === 'conditional';
      found = {
        was: was.access,
        is: is.access,
        wider: RANK[is.access] > RANK[was.access] || (underConditions && !askedNoLess(is.asked, was.asked)),
        narrower: RANK[is.access] < RANK[was.access] || (underConditions && !askedNoLess(was.asked, is.asked)),
      };
      answers.set(key, found);
    }
    return found;
  };
  const same = (a: Answer, b: Answer): boolean =>
    RANK[a.was] === RANK[b.was] && RANK[a.is] === RANK[b.is] && a.wider === b.wider && a.narrower === b.narrower;
  for (const grantee of grantees)
    for (const { action, resource } of requests.values()) {
      const mine = answer(grantee, action, resource);
      const { was, is } = mine;
      if (!mine.wider && !mine.narrower) continue;
      // A principal that changes as anyone (or its whole account) does is said by that row.
      if (broader(grantee, grantees).some((g) => same(answer(g, action, resource), mine))) continue;
      const entry: AdmissionDelta = {
        principal: grantee.principal,
        principalType: grantee.type,
        ...(grantee.sub !== undefined ? { sub: grantee.sub } : {}),
        action,
        ...(type === 'resource' ? { resource } : {}),
        before: was,
        after: is,
      };
      // The parts of the resource the version that admits more admits less than the row says
      // (a Deny on `private/*` narrowed to `private/hr/*`: `private/hr/*` still denied).
      const except = (side: 'was' | 'is'): AdmissionDelta => {
        const parts = [...requests.values()]
          .filter(
            (r) =>
              r.action === action &&
              r.resource !== resource &&
              patternCovers(resource, r.resource) &&
              RANK[answer(grantee, action, r.resource)[side]] < RANK[mine[side]],
          )
          .map((r) => r.resource);
        const widest = parts.filter((q) => !parts.some((o) => o !== q && patternCovers(o, q)));
        return widest.length > 0 ? { ...entry, except: widest } : entry;
      };
      if (mine.wider) gained.push(type === 'resource' ? except('is') : entry);
      if (mine.narrower) lost.push(type === 'resource' ? except('was') : entry);
    }
  return { gained: sortAdmissions(gained), lost: sortAdmissions(lost) };
}

/** What one version of a policy grants a grantee for a request, and the conditions it asks. */
interface Granted {
  readonly access: Access;
  readonly asked: AppliedConditions;
}

/** A grantee's access to a request before and after, and whether the change widens or narrows it. */
interface Answer {
  readonly was: Access;
  readonly is: Access;
  readonly wider: boolean;
  readonly narrower: boolean;
}

const NO_CONDITIONS: AppliedConditions = { allows: [], denies: [] };

/**
 * The resource a resource policy's `*` stands for: its own ARN when known, except a bucket's
 * (there `*` is the bucket and its objects) and an account-wide one (a pattern).
 */
function ownResource(arn: PolicyValue | undefined): string | undefined {
  if (typeof arn !== 'string' || arn.includes('*') || /^arn:[^:]+:s3:::/.test(arn)) return undefined;
  return /^arn:[^:]+:[^:]+:/.test(arn) ? arn : undefined;
}

/** The grantees of the set that stand for `grantee` among others: anyone, its account's root. */
function broader(grantee: Grantee, grantees: readonly Grantee[]): Grantee[] {
  if (grantee.type === '*') return [];
  const account =
    grantee.type === 'AWS' && !grantee.principal.endsWith(':root') ? accountOf(grantee.principal) : undefined;
  return grantees.filter(
    (g) =>
      g.type === '*' ||
      (account !== undefined && g.type === 'AWS' && g.principal.endsWith(`::${account}:root`)) ||
      (g.type === 'Federated' &&
        grantee.type === 'Federated' &&
        g.principal === grantee.principal &&
        g.sub === '*' &&
        grantee.sub !== '*'),
  );
}

function sortAdmissions(entries: AdmissionDelta[]): AdmissionDelta[] {
  return entries.sort(
    (a, b) =>
      cmp(a.principal, b.principal) ||
      cmp(a.sub ?? '', b.sub ?? '') ||
      cmp(a.resource ?? '', b.resource ?? '') ||
      cmp(a.action, b.action),
  );
}

/** A trust policy admits to the actions of STS only (`sts:AssumeRole`, `sts:TagSession`, ...). */
const TRUST_SERVICES: ReadonlySet<string> = new Set(['sts']);

/**
 * The services of the ARNs a statement names, else of the resource's own ARN (a key policy's
 * `*`): a resource policy admits to its resource's actions only. Empty when neither says.
 */
function servicesOf(resources: readonly string[], own: readonly string[]): ReadonlySet<string> {
  for (const list of [resources, own]) {
    const services = new Set<string>();
    for (const resource of list) {
      const service = /^arn:[^:]*:([^:*?]+):/.exec(resource)?.[1];
      if (service !== undefined) services.add(service.toLowerCase());
    }
    if (services.size > 0) return services;
  }
  return new Set();
}

/**
 * The concrete actions a statement names, within `services` when known (an action the catalog
 * does not know, as written). A wildcard over every service with no service known stays `*`,
 * one request standing for every action, rather than thousands.
 */
function actionsOf(statement: Statement, services: ReadonlySet<string>): string[] {
  const action = statement.action;
  if (action === undefined) return [];
  const within = (names: readonly string[]): string[] =>
    services.size === 0 ? [...names] : names.filter((n) => services.has(n.slice(0, n.indexOf(':')).toLowerCase()));
  if (action.negated) return services.size === 0 ? ['*'] : within(expandNotAction(action.values));
  return action.values.flatMap((value) => {
    if (services.size === 0 && !/^[^*?]+:/.test(value)) return ['*'];
    const names = expandActionPattern(value);
    return names.length > 0 || value.includes('*') || value.includes('?') ? within(names) : [value];
  });
}

/** Anyone, then every principal (Principal or NotPrincipal) either version names, once each. */
function granteesOf(policies: readonly Policy[]): Grantee[] {
  const found = new Map<string, Grantee>([[granteeKey(ANYONE), ANYONE]]);
  for (const policy of policies)
    for (const statement of policy.statements)
      for (const entry of statement.principal?.entries ?? []) {
        const grantee = normalized(entry);
        if (grantee.type === 'Federated') {
          const subs = subClauses(statement.conditions).flatMap((c) => c.values.map(valueToString));
          for (const sub of subs.length > 0 ? subs : ['*'])
            found.set(granteeKey({ ...grantee, sub }), { ...grantee, sub });
        } else found.set(granteeKey(grantee), grantee);
      }
  return [...found.values()];
}

function granteeKey(g: Grantee): string {
  return `${g.type}\u0000${g.principal}\u0000${g.sub ?? ''}`;
}

/** An entry as a grantee: `{"AWS": "*"}` is anyone, a bare account id its root. */
function normalized(entry: PrincipalEntry): Grantee {
  const value = valueToString(entry.value);
  if (value === '*') return ANYONE;
  if (entry.type === 'AWS' && /^\d{12}$/.test(value)) return { type: 'AWS', principal: `arn:aws:iam::${value}:root` };
  return { type: entry.type, principal: value };
}

/** The conditions on an identity provider's `sub` that say which identities a statement admits. */
function subClauses(conditions: readonly ConditionClause[]): ConditionClause[] {
  return conditions.filter(
    (c) =>
      c.key.toLowerCase().endsWith(':sub') && SUB_OPERATORS.has(c.baseOperator) && c.setOperator !== 'ForAllValues',
  );
}

/** The account of an AWS principal ARN (`arn:aws:iam::111122223333:role/x`, `...:assumed-role/...`). */
function accountOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && (parts[2] === 'iam' || parts[2] === 'sts') ? parts[4] : undefined;
}

/** Does a Principal entry name the grantee? An account root stands for the account's principals. */
function names(entry: PrincipalEntry, grantee: Grantee): boolean {
  const named = normalized(entry);
  if (named.type === '*') return true;
  if (grantee.type === '*' || named.type !== grantee.type) return false;
  if (named.principal === grantee.principal) return true;
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(named.principal);
  return root !== null && named.type === 'AWS' && accountOf(grantee.principal) === root[1];
}

/**
 * The conditions a statement asks of a grantee once the provider's `sub` (which the grantee stands
 * for) is accounted for (empty: it applies as is); undefined when it does not apply to the grantee.
 */
function applies(statement: Statement, grantee: Grantee): readonly ConditionClause[] | undefined {
  const principal = statement.principal;
  if (principal === undefined) return undefined;
  const named = principal.wildcard || principal.entries.some((e) => names(e, grantee));
  if (named === principal.negated) return undefined;
  let rest = statement.conditions;
  if (grantee.type === 'Federated' && !principal.negated) {
    const subs = subClauses(statement.conditions);
    const sub = grantee.sub ?? '*';
    const covered = (c: ConditionClause): boolean =>
      c.values.some((v) => {
        const pattern = valueToString(v);
        return c.baseOperator === 'StringLike' ? matchWildcard(pattern, sub) : pattern === sub;
      });
    if (!subs.every(covered)) return undefined;
    rest = rest.filter((c) => !subs.includes(c));
  }
  return rest;
}

function statementCovers(statement: Statement, action: string, resource: string): boolean {
  const actions = statement.action;
  if (actions === undefined) return false;
  const actionHit = actions.values.some((v) => matchWildcard(v, action, { ignoreCase: true }));
  if (actionHit === actions.negated) return false;
  const resources = statement.resource;
  if (resources === undefined) return true;
  const resourceHit = resources.values.some((v) => {
    const pattern = valueToString(v);
    return pattern === resource || matchWildcard(pattern, resource);
  });
  return resourceHit !== resources.negated;
}

/** What one version of the policy grants the grantee for one action on one resource. */
function access(policy: Policy, grantee: Grantee, action: string, resource: string): Granted {
  let allow = 0;
  let deny: 'no' | 'yes' | 'conditional' = 'no';
  const allows: (readonly ConditionClause[])[] = [];
  const denies: (readonly ConditionClause[])[] = [];
  for (const statement of policy.statements) {
    if (!statementCovers(statement, action, resource)) continue;
    const asked = applies(statement, grantee);
    if (asked === undefined) continue;
    const hit = asked.length > 0 ? 'conditional' : 'yes';
    if (statement.effect === 'Allow') {
      allow = Math.max(allow, hit === 'yes' ? 2 : 1);
      allows.push(asked);
    } else {
      if (hit === 'yes' || deny === 'no') deny = hit;
      denies.push(asked);
    }
  }
  if (deny === 'yes') return { access: 'denied', asked: NO_CONDITIONS };
  if (deny === 'conditional') allow = Math.min(allow, 1);
  return { access: ACCESS_OF_RANK[allow] ?? 'denied', asked: { allows, denies } };
}
