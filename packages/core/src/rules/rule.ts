/**
 * The rule definition API. One rule = one file `rules/<category>/<name>.ts` exporting a
 * `defineRule(...)` value: metadata, typed messages, static examples (run by a generic test and
 * shown in the generated docs) and checks that only report through their context.
 */
import type {
  AccountSettingInput,
  AttachedPolicy,
  PolicySource,
  PrincipalInput,
  ResourceInput,
  SourceLocation,
  WorkloadInput,
} from '../analysis/input';
import type { Category, RuleId, Severity } from '../analysis/finding';
import type { Policy, PolicyType, Result, Statement } from '../model/policy';
import type { CredentialKind, PrincipalKind } from '../analysis/input';
import type { GuardSettings } from '../config/types';
import type { ActionCatalog } from '../analysis/catalog-view';
import type { PermissionQueries } from '../analysis/permissions';
import type { PolicyValue } from '../model/symbolic';
import { unnestBackticks } from '../model/shape';
import type { DeployChoice } from '../analysis/choices';

/** Presets a rule can belong to; `strict` holds every rule. */
export type PresetName = 'recommended' | 'strict';

/** What a rule looks at. Absent lists mean "all". */
export interface AppliesTo {
  /** Policy types the policy check runs on. */
  readonly policyTypes?: readonly PolicyType[];
  /** Principal kinds the principal check runs on. */
  readonly principals?: readonly PrincipalKind[];
  /** Whether the policy check also runs on resource policies of resources. */
  readonly resources?: boolean;
}

/** Static description of a rule. */
export interface RuleMeta<M extends string> {
  /** `<category>/<name>`; the file name is `<name>.ts` in the folder `<category>`. */
  readonly id: RuleId;
  /** One line: what the rule reports. */
  readonly description: string;
  /** Why it matters, and what to do instead. */
  readonly rationale: string;
  /** Severity in the presets; the user's configuration may change it. */
  readonly defaultSeverity: Severity;
  /** Whether the `recommended` preset enables it (`strict` enables every rule). */
  readonly recommended: boolean;
  readonly appliesTo: AppliesTo;
  /** Message templates by id; `{{name}}` is replaced by `data.name`. */
  readonly messages: Readonly<Record<M, string>>;
  /**
   * Another severity for the findings of some messages while the rule keeps its default severity
   * (a configuration that sets another severity applies to every message): a rule whose broad form
   * is a warning may report the confirmed case (a path to administrator access) as an error, or a
   * harmless case (a grant that does nothing) as an info.
   */
  readonly messageSeverity?: Readonly<Partial<Record<M, Severity>>>;
  /** Run the policy check also on documents that failed to parse (default false). */
  readonly runsOnInvalidPolicies?: boolean;
  /** True for rules whose findings the engine emits itself (no check). */
  readonly emittedByEngine?: boolean;
}

/** A policy document used as an example (and as a test case). */
export interface RuleExample {
  /** What the example shows, e.g. `iam:PassRole scoped to one role`. */
  readonly name: string;
  /** The policy document and its type (for a principal example: its inline identity policy). */
  readonly type?: PolicyType;
  readonly document?: unknown;
  /** For principal checks: the role or user the example creates. */
  readonly principal?: ExamplePrincipal;
  /** Settings the example needs (boundary, trust, ...). */
  readonly settings?: Partial<GuardSettings>;
  /** Account-wide settings the example creates (e.g. a password policy). */
  readonly accountSettings?: readonly Omit<AccountSettingInput, 'location'>[];
}

/** A role or user of an example. */
export interface ExamplePrincipal {
  readonly kind: 'role' | 'user';
  readonly name: string;
  readonly path?: string;
  /** ARN of its permissions boundary. */
  readonly permissionsBoundary?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** For users: the access keys and login profile created with it. */
  readonly credentials?: readonly CredentialKind[];
  /** The identity policies it holds, inline, when the example document is not one of them (its trust or boundary policy, a resource policy). */
  readonly identityPolicies?: readonly unknown[];
}

/** An example the rule must report, with the message ids it reports. */
export interface InvalidRuleExample<M extends string> extends RuleExample {
  readonly errors: readonly { readonly messageId: M; readonly pointer?: string }[];
}

/** A policy document as the rules see it, with its owner. */
export interface PolicySubject {
  readonly source: PolicySource;
  readonly type: PolicyType;
  /** The parser's answer; rules run on failed documents only with `runsOnInvalidPolicies`. */
  readonly parsed: Result<Policy>;
  /** The principal owning the policy (identity, boundary and trust policies). */
  readonly principal?: PrincipalInput;
  readonly attachment?: AttachedPolicy;
  /** The resource protected by the policy (resource policies). */
  readonly resource?: ResourceInput;
  /** For an identity or trust policy of a principal: every identity policy of that principal, parsed once. */
  readonly identityPolicies?: readonly PolicySubject[];
}

/** A principal with its parsed policies. */
export interface PrincipalSubject {
  readonly principal: PrincipalInput;
  readonly identityPolicies: readonly PolicySubject[];
  readonly boundary: PolicySubject | undefined;
  readonly trust: PolicySubject | undefined;
}

/** The account-wide view: settings, every principal and every workload of the scan. */
export interface AccountSubject {
  readonly settings: readonly AccountSettingInput[];
  readonly principals: readonly PrincipalInput[];
  /** Resources that run with a role (absent: the adapter found none). */
  readonly workloads?: readonly WorkloadInput[];
}

/** Values for message placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** What a rule reports. */
export interface ReportDescriptor<M extends string> {
  readonly messageId: M;
  readonly data?: MessageData;
  /** The offending statement (its pointer and content locate and fingerprint the finding). */
  readonly statement?: Statement;
  /** A more precise pointer than the statement's, e.g. `/Statement/1/Resource`. */
  readonly pointer?: string;
  /** Overrides the principal of the subject. */
  readonly principal?: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** Distinguishes several reports of one rule on one statement (e.g. a parser issue code). */
  readonly key?: string;
  /** Overrides the location of the subject (an access key, a password policy). */
  readonly location?: SourceLocation;
  /**
   * The policy `statement` is in, when the subject is not that policy (an account-wide check
   * reporting on one principal's statement): the statement is then shown and fingerprinted as a
   * policy check's would be.
   */
  readonly policy?: PolicySource;
  /**
   * The deploy choices under which what is reported holds, when the rule combined statements made
   * on some sides only (an escalation path of grants of two policies): named in the message in
   * place of the statement's own sides; `every-deploy` when they hold together on every deploy
   * (grants of one action on both sides), whatever the statement's own sides.
   */
  readonly choice?: DeployChoice | 'every-deploy';
}

/** A check that could not decide because of values unknown before deploy. */
export interface UnverifiableDescriptor {
  /** Lowercase, one line: what could not be decided and why. */
  readonly reason: string;
  readonly statement?: Statement;
  readonly pointer?: string;
  /** The unknown values, rendered with their provenance. */
  readonly values?: readonly string[];
  /** The actions the check could not decide about, when it is about some. */
  readonly actions?: readonly string[];
}

/** What a check can do: report, and ask the engine. */
export interface RuleContext<M extends string> {
  readonly settings: GuardSettings;
  readonly catalog: ActionCatalog;
  /** Effective-permission questions about the subject's principal. */
  readonly permissions: PermissionQueries;
  /**
   * The document of a customer managed policy the input defines, by its ARN (concrete or symbolic,
   * as the input writes it): attached to a principal, a boundary, or standalone. Undefined when the
   * input holds no such policy.
   */
  inputPolicy?(arn: PolicyValue): unknown;
  /** The groups the input creates (whether a grant names a group the input holds, and what it grants). */
  inputGroups?(): readonly PrincipalInput[];
  /**
   * The whole input as the account checks read it, for a policy check that asks what the
   * scan-wide analysis found about the subject's principal. Undefined before a scan.
   */
  inputAccount?(): AccountSubject | undefined;
  /**
   * Effective-permission questions about any principal of the input (its identity policies, its
   * boundary, the configured SCPs), for an account check, which has no principal of its own.
   */
  permissionsOf(principal: PrincipalInput): PermissionQueries;
  /**
   * The Deny statements of the configured service control policies, as the one SCP level of every
   * principal's effective permissions (undefined without any; see `guardrailLevels`).
   */
  readonly scps?: readonly (readonly Policy[])[] | undefined;
  report(descriptor: ReportDescriptor<M>): void;
  /** Reports an `unverifiable/unknown-value` finding naming this rule. */
  reportUnverifiable(descriptor: UnverifiableDescriptor): void;
}

/** A rule: metadata, examples and checks. */
export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  readonly examples: {
    readonly valid: readonly RuleExample[];
    readonly invalid: readonly InvalidRuleExample<NoInfer<M>>[];
  };
  /** Runs on each policy document of a type in `appliesTo.policyTypes`. */
  checkPolicy?(context: RuleContext<M>, subject: PolicySubject): void;
  /** Runs on each principal of a kind in `appliesTo.principals`. */
  checkPrincipal?(context: RuleContext<M>, subject: PrincipalSubject): void;
  /** Runs once per scan on the account-wide settings and principals. */
  checkAccount?(context: RuleContext<M>, subject: AccountSubject): void;
}

/** A rule of any message ids, as held by the registry. */
export type AnyRule = Rule;

/** Declares a rule; message ids are inferred from `meta.messages`, so a typo fails compilation. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** The category of a rule id. */
export function categoryOf(id: RuleId): Category {
  return id.slice(0, id.indexOf('/')) as Category;
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = data?.[name];
    if (value === undefined) return whole;
    const text = String(value);
    return text.includes('${') ? unnestBackticks(text) : text;
  });
}
