/**
 * What a plan changes: for each principal whose identity policies or boundary the input changes
 * (a `PolicySource.before` is present, Terraform update or replace, or a policy is attached to a
 * principal that existed before: `AttachedPolicy.added`), the permissions the new version gains
 * and loses, boundary included, from the effective-permissions analysis. A
 * resource policy that changes is read the same way: what its statements grant, to whichever
 * principals they name. Computed only when the input holds a before-version.
 */
import type { PolicyType } from '../model/policy';
import type { ActionCatalog } from './catalog-view';
import type { Access, EffectivePermissions, GainedPermission } from './effective';
import { effectivePermissions, gained } from './effective';
import type { PolicySource, PrincipalInput, PrincipalKind, ScanInput, SourceLocation } from './input';
import { expandActionPattern, expandNotAction } from '../catalog/actions';
import { parseSource, principalPolicies } from './views';
import { valueToString } from '../model/symbolic';

/** One action on one resource pattern whose access changes. */
export interface PermissionDelta {
  /** `service:Name` in catalog case. */
  readonly action: string;
  /** The resource pattern; `*` when the action is reached on every resource. */
  readonly resource: string;
  readonly before: Access;
  readonly after: Access;
}

/** What the input changes for one principal or resource policy. */
export interface PermissionChange {
  /** The principal's stable id (as `Finding.principal`), or the resource's id. */
  readonly subject: string;
  readonly kind: PrincipalKind | 'resource';
  readonly location: SourceLocation;
  /** Names of the policies whose document changes. */
  readonly policies: readonly string[];
  /** Permissions the new version adds (or makes unconditional), by action then resource. */
  readonly gained: readonly PermissionDelta[];
  /** Permissions the new version takes away (or makes conditional). */
  readonly lost: readonly PermissionDelta[];
  /** Changed policies whose new version is only known after apply: left out of the comparison. */
  readonly unresolved?: readonly string[];
}

/** True when some policy of the input carries its previous version. */
export function hasBeforeVersions(input: ScanInput): boolean {
  const changed = (s: PolicySource | undefined): boolean => s?.before !== undefined;
  return (
    input.principals.some(
      (p) =>
        p.policies.some((a) => a.added === true || changed(a.policy)) ||
        (p.detached?.length ?? 0) > 0 ||
        changed(p.permissionsBoundary?.policy),
    ) || input.resources.some((r) => changed(r.policy))
  );
}

/** The changes of every principal and resource policy the input changes, in input order. */
export function planChanges(input: ScanInput, catalog: ActionCatalog): PermissionChange[] {
  const changes: PermissionChange[] = [];
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
    if (boundary?.before !== undefined) changed.push(changedPolicy(boundary));
    if (changed.length === 0) continue;
    // What changing some identity policies alters is within the actions they name (before or
    // after): the rest of what the principal holds (an attached `ReadOnlyAccess`) is not analyzed.
    const actions = boundary?.before === undefined ? changedActions(principal, catalog) : undefined;
    const analyze = (version: 'before' | 'after'): EffectivePermissions => {
      const { identity, boundary } = principalPolicies(principal, catalog, version);
      return effectivePermissions(principal.arn, {
        identityPolicies: identity,
        boundary,
        account: principal.account,
        actions,
      });
    };
    changes.push(delta(principal.id, principal.kind, principal.location, changed, analyze('before'), analyze('after')));
  }
  for (const resource of input.resources) {
    if (resource.policy.before === undefined) continue;
    const analyze = (version: 'before' | 'after'): EffectivePermissions => {
      const policy = parseSource(resource.policy, 'resource' satisfies PolicyType, version);
      return effectivePermissions(undefined, { identityPolicies: policy ? [policy] : [] });
    };
    changes.push(
      delta(
        resource.id,
        'resource',
        resource.location,
        [changedPolicy(resource.policy)],
        analyze('before'),
        analyze('after'),
      ),
    );
  }
  return changes;
}

/**
 * The actions (lowercase) the statements of a principal's changed identity policies name,
 * in either version; undefined when one of them is unknown or invalid (then every action is read).
 */
function changedActions(principal: PrincipalInput, catalog: ActionCatalog): Set<string> | undefined {
  const actions = new Set<string>();
  const detached = new Set(principal.detached ?? []);
  for (const attachment of [...principal.policies, ...detached]) {
    let source = attachment.policy;
    if (source?.before === undefined && attachment.added !== true && !detached.has(attachment)) continue;
    if (source === undefined && typeof attachment.arn === 'string') {
      const document = catalog.awsManagedPolicy?.(attachment.arn);
      source =
        document === undefined ? undefined : { id: attachment.arn, name: attachment.arn, document, location: {} };
    }
    if (source === undefined) continue;
    for (const version of ['before', 'after'] as const) {
      if (version === 'before' && source.before === undefined) continue;
      const policy = parseSource(source, 'identity', version);
      if (policy === undefined) return undefined;
      for (const statement of policy.statements) {
        const action = statement.action;
        if (action === undefined) continue;
        const names = action.negated ? expandNotAction(action.values) : action.values.flatMap(expandActionPattern);
        for (const name of names) actions.add(name.toLowerCase());
      }
    }
  }
  return actions;
}

/** A policy a change touches: its name, and whether its new version is unknown before apply. */
interface ChangedPolicy {
  readonly name: string;
  readonly unresolved: boolean;
}

function changedPolicy(source: PolicySource): ChangedPolicy {
  return { name: source.name, unresolved: source.unresolved !== undefined || source.document === undefined };
}

function delta(
  subject: string,
  kind: PermissionChange['kind'],
  location: SourceLocation,
  changed: readonly ChangedPolicy[],
  before: EffectivePermissions,
  after: EffectivePermissions,
): PermissionChange {
  const unresolved = changed.filter((s) => s.unresolved).map((s) => s.name);
  return {
    subject,
    kind,
    location,
    policies: [...new Set(changed.map((s) => s.name))],
    gained: condense(gained(before, after), after),
    // What the old version had over the new one is what the change takes away.
    lost: condense(gained(after, before), before).map((d) => ({ ...d, before: d.after, after: d.before })),
    ...(unresolved.length > 0 ? { unresolved: [...new Set(unresolved)] } : {}),
  };
}

/**
 * One entry per action and resource as the user wrote it: an action reached on every resource is
 * listed on `*` alone; an action reached on some resources only is listed on those, without the
 * `*` ("some resource") entry the analysis evaluates first. Sorted by action, then resource.
 */
function condense(entries: readonly GainedPermission[], version: EffectivePermissions): PermissionDelta[] {
  const byAction = new Map<string, GainedPermission[]>();
  for (const entry of entries) {
    const list = byAction.get(entry.action) ?? [];
    list.push(entry);
    byAction.set(entry.action, list);
  }
  const result: PermissionDelta[] = [];
  for (const [action, list] of byAction) {
    const everywhere = version.actions.get(action.toLowerCase())?.scope === 'all';
    const star = list.filter((e) => e.resource === '*');
    const specific = list.filter((e) => e.resource !== '*');
    const kept = everywhere && star.length > 0 ? star : specific.length > 0 ? specific : star;
    for (const e of kept) result.push({ action: e.action, resource: e.resource, before: e.before, after: e.after });
  }
  return result.sort((a, b) => cmp(a.action, b.action) || cmp(a.resource, b.resource));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
