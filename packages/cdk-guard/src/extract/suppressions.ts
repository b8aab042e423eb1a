/**
 * Suppressions recorded in template metadata by `IamGuard.suppress(construct, ...)`: an audit
 * trail that travels with the resource (so it survives logical-id changes and is seen by the CLI
 * on `cdk.out` as well as by the Aspect).
 *
 *     "Metadata": { "iamgate": { "suppressions": [ { "rule": "...", "reason": "...", "expires": "2027-01-31" } ] } }
 */
import type { SourceLocation } from '@iamgate/core';
import { isRecord } from '../resolve/values';

/** The metadata key under which suppressions are recorded. */
export const METADATA_KEY = 'iamgate';

/** What a user writes to suppress a rule on a construct. */
export interface SuppressionSpec {
  /** Rule id or category, e.g. `wildcard-resource/write-on-star` or `wildcard-resource`. */
  readonly rule: string;
  /** Why: required, it is the audit trail. */
  readonly reason: string;
  /** `YYYY-MM-DD`; after it the suppression no longer applies. */
  readonly expires?: string;
  /** Only findings about these actions (patterns) are suppressed. */
  readonly actions?: readonly string[];
}

/** A suppression found on a resource: what it suppresses and where it was recorded. */
export interface InlineSuppression extends SuppressionSpec {
  /** The principal / resource id it applies to (a construct path without `/Resource`). */
  readonly target: string;
  readonly location: SourceLocation;
}

/** Checks one suppression as given by a user; returns the problems (empty when valid). */
export function checkSuppression(spec: unknown): string[] {
  if (!isRecord(spec)) return ['a suppression must be an object with `rule` and `reason`'];
  const issues: string[] = [];
  if (typeof spec['rule'] !== 'string' || !/^[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(spec['rule'])) {
    issues.push('`rule` must be a rule id or a category, e.g. `wildcard-resource/write-on-star`');
  }
  if (typeof spec['reason'] !== 'string' || spec['reason'].trim().length < 10)
    issues.push('`reason` is required (at least 10 characters): say why the finding is accepted');
  const expires = spec['expires'];
  if (
    expires !== undefined &&
    (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires)))
  ) {
    issues.push('`expires` must be a date `YYYY-MM-DD`');
  }
  const actions = spec['actions'];
  if (actions !== undefined && (!Array.isArray(actions) || !actions.every((a) => typeof a === 'string')))
    issues.push('`actions` must be a list of action patterns');
  return issues;
}

/** Reads the suppressions of a resource's metadata. */
export function readSuppressions(
  metadata: Record<string, unknown> | undefined,
  where: { target: string; location: SourceLocation },
): { ok: true; value: InlineSuppression[] } | { ok: false; issues: string[] } {
  const entry = metadata?.[METADATA_KEY];
  if (entry === undefined) return { ok: true, value: [] };
  const list = isRecord(entry) ? entry['suppressions'] : undefined;
  if (!Array.isArray(list)) return { ok: false, issues: ['`iamgate` metadata must be `{ "suppressions": [...] }`'] };
  const issues = list.flatMap(checkSuppression);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: (list as SuppressionSpec[]).map((s) => ({ ...s, target: where.target, location: where.location })),
  };
}
