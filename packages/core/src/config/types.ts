/**
 * The user configuration (`iamgate.config.json`, `--config`, or the props of the CDK Aspect) and
 * its resolved form. The JSON Schema in `schema.json` is the reference for the user object.
 */
import type { RuleId, Severity, SeverityOrOff } from '../analysis/finding';

/** Which principals the boundary requirement applies to. */
export interface BoundaryScope {
  /** IAM path patterns, e.g. `/app/*`. */
  readonly paths?: readonly string[];
  /** Tags the principal must carry (value patterns). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly kinds?: readonly ('role' | 'user')[];
}

/** Permissions-boundary requirements. */
export interface BoundaryConfig {
  /** Every role and user in scope needs a boundary among `allowed`. */
  readonly required?: boolean;
  /** ARN patterns of acceptable boundaries. */
  readonly allowed?: readonly string[];
  /** Limits the requirement; absent means every role and user. */
  readonly scope?: BoundaryScope;
}

/** An OIDC identity provider that trust policies may name, and the subjects it may grant. */
export interface OidcTrust {
  /** Provider host, e.g. `token.actions.githubusercontent.com`. */
  readonly provider: string;
  /** Subject patterns allowed in `<provider>:sub` conditions, e.g. `repo:my-org/*`. */
  readonly subjects?: readonly string[];
}

/** What trust policies may trust. */
export interface TrustConfig {
  readonly accounts?: readonly string[];
  readonly organizationIds?: readonly string[];
  readonly oidc?: readonly OidcTrust[];
}

/** Lists that tune what rules consider sensitive. */
export interface TuningConfig {
  readonly dataExfiltrationActions?: readonly string[];
  readonly sensitiveServices?: readonly string[];
}

/** One suppression as written by the user. */
export interface SuppressionConfig {
  /** Rule id or category. */
  readonly rule: string;
  /** Glob on the principal or resource id, Terraform address, logical id or construct path. */
  readonly target: string;
  /** Only findings about these actions (patterns). */
  readonly actions?: readonly string[];
  /** Only findings on the statement with this Sid. */
  readonly sid?: string;
  /** Why; at least 10 characters. */
  readonly reason: string;
  /** `YYYY-MM-DD`; after this day the finding comes back. */
  readonly expires?: string;
}

/** The user configuration object. */
export interface GuardConfig {
  readonly extends?: 'recommended' | 'strict';
  /** Rule id or category -> severity or `off`. */
  readonly rules?: Readonly<Record<string, SeverityOrOff>>;
  readonly boundary?: BoundaryConfig;
  readonly trust?: TrustConfig;
  /** Service control policies that apply to the accounts deployed to. */
  readonly scps?: readonly unknown[];
  readonly tuning?: TuningConfig;
  readonly suppressions?: readonly SuppressionConfig[];
}

/** The settings rules read. */
export interface GuardSettings {
  readonly boundary: BoundaryConfig;
  readonly trust: TrustConfig;
  readonly scps: readonly unknown[];
  readonly tuning: TuningConfig;
}

/** A suppression with its position in the configuration. */
export interface ResolvedSuppression extends SuppressionConfig {
  /** `config: /suppressions/2`. */
  readonly source: string;
}

/** A validated configuration with each enabled rule's severity. */
export interface ResolvedConfig {
  readonly severities: ReadonlyMap<RuleId, Severity>;
  readonly settings: GuardSettings;
  readonly suppressions: readonly ResolvedSuppression[];
}

/** A problem with the configuration: where (JSON pointer) and what. */
export interface ConfigIssue {
  readonly pointer: string;
  readonly message: string;
}
