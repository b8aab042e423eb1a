/**
 * Per-principal permission views: what each principal of a scan input may really do, counted per
 * service and access level, with the grants its permissions boundary removes (the HTML report's
 * matrix). Computed only when asked for: it runs the effective-permissions analysis per principal.
 */
import type { AccessLevel } from '../catalog/actions';
import type { Policy, PolicyType } from '../model/policy';
import { parsePolicy } from '../model/parse';
import { guessPolicyType } from '../model/guess-type';
import type { ActionCatalog } from './catalog-view';
import { effectivePermissions } from './effective';
import { catalogPolicySource } from './catalog-attachment';
import type { PolicySource, PrincipalInput, ScanInput, SourceLocation } from './input';

/** What one principal may do, per service and access level, for the HTML matrix. */
export interface PrincipalPermissionsView {
  /** The principal's stable id, the same as `Finding.principal` (for a standalone policy: its subject). */
  readonly principal: string;
  readonly kind?: 'role' | 'user' | 'group';
  /** The permissions boundary ARN (or what is known of it), when the principal has one. */
  readonly boundary?: string;
  /** Allowed actions after every deny, boundary and SCP, counted per service and access level. */
  readonly summary: readonly PermissionCount[];
  /** Identity grants the boundary removes (shown as the boundary's cut). */
  readonly cutByBoundary?: readonly { readonly action: string; readonly resource: string }[];
}

/** Counts of allowed actions of one service at one access level (as `PermissionSummary`). */
export interface PermissionCount {
  readonly service: string;
  readonly accessLevel: AccessLevel;
  readonly allResources: number;
  readonly specificResources: number;
  readonly underConditions: number;
  readonly unknown: number;
}

/**
 * The view of every principal of `input`, then of every standalone identity policy (read as the
 * only policy of some principal, keyed like its findings: address, construct path, file).
 */
export function permissionViews(input: ScanInput, catalog: ActionCatalog): PrincipalPermissionsView[] {
  const views: PrincipalPermissionsView[] = [];
  for (const principal of input.principals) {
    const policies = principalPolicies(principal, catalog, 'after');
    const effective = effectivePermissions(principal.arn, {
      identityPolicies: policies.identity,
      boundary: policies.boundary,
      account: principal.account,
    });
    const boundary = principal.permissionsBoundary;
    views.push({
      principal: principal.id,
      kind: principal.kind,
      ...(boundary ? { boundary: boundaryName(boundary) } : {}),
      summary: effective.summary(),
      ...(boundary
        ? { cutByBoundary: effective.cutByBoundary().map((d) => ({ action: d.action, resource: d.resource })) }
        : {}),
    });
  }
  for (const standalone of input.policies) {
    const type = standalone.type ?? guessPolicyType(standalone.policy.document);
    if (type !== 'identity') continue;
    const policy = parseSource(standalone.policy, 'identity', 'after');
    if (policy === undefined) continue;
    // Keyed like the policy's findings; a second policy of the same file falls back to its id.
    const subject = subjectOfLocation(standalone.policy.location, standalone.policy.id);
    views.push({
      principal: views.some((v) => v.principal === subject) ? standalone.policy.id : subject,
      summary: effectivePermissions(undefined, { identityPolicies: [policy] }).summary(),
    });
  }
  return views;
}

/** Which version of a changed policy to read. */
export type Version = 'before' | 'after';

/** A principal's parsed identity policies and boundary, as they are `version` the change. */
export function principalPolicies(
  principal: PrincipalInput,
  catalog: ActionCatalog,
  version: Version,
): { readonly identity: Policy[]; readonly boundary: Policy | undefined } {
  const identity: Policy[] = [];
  const attachments =
    version === 'before' ? [...principal.policies, ...(principal.detached ?? [])] : principal.policies;
  for (const attachment of attachments) {
    if (version === 'before' && attachment.added === true) continue;
    const source =
      attachment.policy ??
      catalogPolicySource(attachment, (arn) => catalog.awsManagedPolicy?.(arn), principal.location);
    const policy = source ? parseSource(source, 'identity', version) : undefined;
    if (policy) identity.push(policy);
  }
  const boundarySource =
    principal.permissionsBoundary?.policy ?? (version === 'before' ? principal.removedBoundary : undefined);
  const boundary = boundarySource ? parseSource(boundarySource, 'boundary', version) : undefined;
  return { identity, boundary };
}

/**
 * The document of `source` as it is `version` the change, parsed; undefined when unknown or
 * invalid. A policy whose new version is unknown before apply is left out of both versions, so
 * that a comparison does not read it as removed.
 */
export function parseSource(source: PolicySource, type: PolicyType, version: Version): Policy | undefined {
  if (source.unresolved !== undefined || source.document === undefined) return undefined;
  const document = version === 'before' && source.before ? source.before.document : source.document;
  if (document === undefined) return undefined;
  // No policy before the change (one added to a resource that existed): it granted nothing.
  if (document === null) return { version: '2012-10-17', id: undefined, statements: [] };
  const parsed = parsePolicy(document, { type });
  return parsed.ok ? parsed.value : undefined;
}

function boundaryName(boundary: NonNullable<PrincipalInput['permissionsBoundary']>): string {
  if (typeof boundary.arn === 'string') return boundary.arn;
  return boundary.policy?.name ?? 'a permissions boundary';
}

/** The subject a finding at `location` is grouped under (as `subjectOf` without a principal). */
function subjectOfLocation(l: SourceLocation, fallback: string): string {
  return (
    l.address ??
    l.constructPath ??
    (l.logicalId ? [l.stack, l.logicalId].filter(Boolean).join('/') : undefined) ??
    l.file ??
    fallback
  );
}
