/**
 * Types of the request evaluator: what is asked, which policies apply, and the answer with the
 * statements and guardrails that produced it.
 */
import type { Policy } from '../model/policy';

/** The three answers of AWS request evaluation. */
export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** A request context value: one string or a multivalued key. */
export type ContextValue = string | readonly string[];

/** One request as IAM sees it. */
export interface EvaluationRequest {
  /** A user, role, role-session or root ARN, a service principal (`lambda.amazonaws.com`) or `anonymous`. */
  readonly principal: string;
  /** `service:Action`. */
  readonly action: string;
  /**
   * The resource ARN; a pattern (`arn:aws:s3:::b/*`, `*`) asks whether ANY matching resource is
   * allowed (`*` of an action without resource types: see `EvaluateOptions.wildcardOnly`).
   */
  readonly resource: string;
  /** The account that owns the resource; defaults to the account in the resource ARN, else the principal's. */
  readonly resourceAccount?: string | undefined;
  /** Request context keys (compared case-insensitively). */
  readonly context?: Readonly<Record<string, ContextValue>> | undefined;
}

/** The policies that apply to a request; a missing member means that kind does not apply. */
export interface PolicySet {
  readonly identityPolicies?: readonly Policy[] | undefined;
  readonly permissionsBoundary?: Policy | undefined;
  readonly sessionPolicy?: Policy | undefined;
  readonly resourcePolicy?: Policy | undefined;
  /** One list per organization level, root first; each level needs an Allow. */
  readonly serviceControlPolicies?: readonly (readonly Policy[])[] | undefined;
  /** One list per organization level; each list is complete (the default allow-all RCP included). */
  readonly resourceControlPolicies?: readonly (readonly Policy[])[] | undefined;
}

/** The kind of policy a statement comes from. */
export type PolicyKind = 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp';

/** Where a policy sits in the {@link PolicySet}. */
export interface PolicyRef {
  readonly kind: PolicyKind;
  /** Index in its list (identity policies, or the policies of one organization level). */
  readonly index: number;
  /** Organization level for SCPs and RCPs (0 = root). */
  readonly level?: number;
  /** The policy's `Id`, when it has one. */
  readonly id?: string;
}

/** One statement of one policy. */
export interface StatementRef {
  readonly policy: PolicyRef;
  /** JSON pointer of the statement inside its policy document. */
  readonly pointer: string;
  readonly sid?: string;
}

/** A guardrail that let nothing through: an SCP or RCP level, the boundary or the session policy. */
export interface MissingAllow {
  readonly kind: 'scp' | 'rcp' | 'boundary' | 'session' | 'identity' | 'resource';
  readonly level?: number;
}

/** Why one condition of a statement that otherwise matched did not hold. */
export interface ConditionFailure {
  readonly statement: StatementRef;
  /** JSON pointer of the condition's value list. */
  readonly pointer: string;
  readonly operator: string;
  readonly key: string;
  /** What the request had for the key (`undefined` when the key is missing). */
  readonly requestValue: ContextValue | undefined;
}

/** A match that could not be decided because a policy value is only known after deploy. */
export interface UnknownMatch {
  readonly statement: StatementRef;
  /** JSON pointer of the element whose match is unknown. */
  readonly pointer: string;
  readonly element: 'Action' | 'Resource' | 'Principal' | 'Condition';
}

/** Which rule of the evaluation logic produced the decision. */
export type DecisionReason =
  | 'explicit-deny'
  | 'allowed-by-identity'
  | 'allowed-by-resource-policy'
  | 'allowed-by-identity-and-resource-policy'
  | 'no-allow'
  | 'guardrail-without-allow'
  | 'cross-account-needs-both'
  | 'resource-policy-required'
  | 'service-restriction'
  | 'credential-restriction'
  | 'always-allowed'
  | 'allowed-as-account-root'
  | 'root-cannot-assume-role';

/** The explanation of a decision, built when asked for. */
export interface Trace {
  readonly reason: DecisionReason;
  /** Deny statements that applied. */
  readonly denies: readonly StatementRef[];
  /** Allow statements that applied. */
  readonly allows: readonly StatementRef[];
  /** Guardrails (and sides) that had no applicable Allow. */
  readonly missingAllows: readonly MissingAllow[];
  /** Conditions that failed on statements whose action, resource and principal matched. */
  readonly failedConditions: readonly ConditionFailure[];
  /** One-line human summary. */
  readonly summary: string;
}

/** The answer to one request. */
export interface EvaluationResult {
  /**
   * The decision. When `unknown` is true this is the least access the request may get once every
   * unknown value is resolved, and `mostAccess` the most.
   */
  readonly decision: Decision;
  /** True when the decision depends on values only known after deploy. */
  readonly unknown: boolean;
  /** Most access the request may get (equals `decision` unless `unknown`). */
  readonly mostAccess: Decision;
  /** Which matches could not be decided (empty unless `unknown`). */
  readonly unknowns: readonly UnknownMatch[];
  /** Present when the evaluation was asked to trace. */
  readonly trace?: Trace;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Build the {@link Trace} (costs allocations; off for bulk evaluation). */
  readonly trace?: boolean;
  /**
   * Add the context keys IAM derives from the principal (`aws:PrincipalArn`,
   * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:PrincipalIsAWSService`,
   * `aws:PrincipalServiceName`, `aws:username`) when the request lacks them. Default true; the
   * simulation case format states the whole context, so `simulate` turns it off.
   */
  readonly deriveContextKeys?: boolean;
  /**
   * Which actions take no resource type (the catalog's `acceptsOnlyWildcardResource`): asked on
   * `*`, such an action has `*` as its one resource, which only `"Resource": "*"` names, instead of
   * any resource. Without it `*` is any resource for every action.
   */
  readonly wildcardOnly?: (action: string) => boolean | undefined;
}
