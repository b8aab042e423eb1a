/**
 * Findings: what the guard engine reports, in the shape of the JSON report contract (PRODUCT.md).
 * Rules never build findings; they report through their context and the engine builds these.
 */
import type { PermissionChange } from './changes';
import type { SourceLocation } from './input';
import type { PrincipalPermissionsView } from './views';

/** Severity of a finding, always decided by the configuration, never by the rule. */
export type Severity = 'error' | 'warning' | 'info';

/** A severity or `off`, as written in the configuration. */
export type SeverityOrOff = Severity | 'off';

/** All severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rule categories (PRODUCT.md, "Rule ids and categories"). */
export type Category =
  | 'admin-access'
  | 'privilege-escalation'
  | 'wildcard-action'
  | 'wildcard-resource'
  | 'data-exfiltration'
  | 'credentials-exposure'
  | 'resource-exposure'
  | 'trust-policy'
  | 'boundary'
  | 'policy-validity'
  | 'iam-user'
  | 'unverifiable';

/** Every category, in the documented order. */
export const CATEGORIES: readonly Category[] = [
  'admin-access',
  'privilege-escalation',
  'wildcard-action',
  'wildcard-resource',
  'data-exfiltration',
  'credentials-exposure',
  'resource-exposure',
  'trust-policy',
  'boundary',
  'policy-validity',
  'iam-user',
  'unverifiable',
];

/** A rule id: `<category>/<name>`, kebab-case. */
export type RuleId = `${Category}/${string}`;

/** One finding of the report. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly category: Category;
  readonly severity: Severity;
  /** Lowercase, one line, user values in backticks. */
  readonly message: string;
  readonly location: SourceLocation;
  /** The principal the finding is about (its stable id), when any. */
  readonly principal?: string;
  /** Stable across runs, statement order and line changes. */
  readonly fingerprint: string;
  /** Rule-specific details. */
  readonly evidence?: Readonly<Record<string, unknown>>;
}

/** Why a finding is suppressed and by what. */
export interface SuppressionInfo {
  readonly reason: string;
  readonly expires?: string;
  /** `config: suppressions/2` or `baseline: FILE`. */
  readonly source: string;
}

/** A finding that a suppression or the baseline silences; kept in the output with its reason. */
export interface SuppressedFinding extends Finding {
  readonly suppression: SuppressionInfo;
}

/** An input problem reported beside the findings. */
export interface ReportError {
  readonly file: string;
  readonly pointer?: string;
  readonly message: string;
}

/** Counts of unsuppressed findings per severity, and of suppressed findings. */
export interface Summary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
}

/** What the guard engine returns: the JSON report without its header. */
export interface GuardResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly ReportError[];
  readonly summary: Summary;
  /**
   * The offending statement of each finding, as written, by fingerprint (shown by the text
   * formatter; not part of the JSON report).
   */
  readonly statements?: ReadonlyMap<string, unknown>;
  /**
   * What the input changes (Terraform update or replace): permissions each principal or resource
   * policy gains and loses. Present only when the input holds before-versions of policies.
   */
  readonly changes?: readonly PermissionChange[];
  /** Each principal's effective permissions (HTML matrix), when `runGuard` was asked for views. */
  readonly principals?: readonly PrincipalPermissionsView[];
}

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
