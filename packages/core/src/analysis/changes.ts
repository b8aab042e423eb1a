/**
 * What a plan changes: for each principal whose identity policies or boundary the input changes
 * (a `PolicySource.before` is present, Terraform update or replace), the permissions the new
 * version gains and loses, boundary included, from the effective-permissions analysis. A
 * resource policy that changes is read the same way: what its statements grant, to whichever
 * principals they name. Computed only when the input holds a before-version.
 */
import type { PolicyType } from '../model/policy';
import type { ActionCatalog } from './catalog-view';
import type { Access, EffectivePermissions, GainedPermission } from './effective';
import { effectivePermissions, gained } from './effective';
import type { PolicySource, PrincipalKind, ScanInput, SourceLocation } from './input';
import { parseSource, principalPolicies } from './views';

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
    input.principals.some((p) => p.policies.some((a) => changed(a.policy)) || changed(p.permissionsBoundary?.policy)) ||
    input.resources.some((r) => changed(r.policy))
  );
}

/** The changes of every principal and resource policy the input changes, in input order. */
export function planChanges(input: ScanInput, catalog: ActionCatalog): PermissionChange[] {
  const changes: PermissionChange[] = [];
  for (const principal of input.principals) {
    const sources = [...principal.policies.map((a) => a.policy), principal.permissionsBoundary?.policy];
    const changed = sources.filter((s): s is PolicySource => s?.before !== undefined);
    if (changed.length === 0) continue;
    const analyze = (version: 'before' | 'after'): EffectivePermissions => {
      const { identity, boundary } = principalPolicies(principal, catalog, version);
      return effectivePermissions(principal.arn, {
        identityPolicies: identity,
        boundary,
        account: principal.account,
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
      delta(resource.id, 'resource', resource.location, [resource.policy], analyze('before'), analyze('after')),
    );
  }
  return changes;
}

function delta(
  subject: string,
  kind: PermissionChange['kind'],
  location: SourceLocation,
  changed: readonly PolicySource[],
  before: EffectivePermissions,
  after: EffectivePermissions,
): PermissionChange {
  const unresolved = changed.filter((s) => s.unresolved !== undefined || s.document === undefined).map((s) => s.name);
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
