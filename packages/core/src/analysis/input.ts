/**
 * What adapters (tf-scan, cdk-guard, `iamgate lint`) hand to the guard engine: the principals and
 * resources they found, each with its policies and where it came from. Adapters only extract; the
 * engine and its rules decide.
 */
import type { PolicyValue } from '../model/symbolic';
import type { DeployChoice } from './choices';

/**
 * Where something is in the user's input. Only the fields that apply are present (see the JSON
 * report contract in PRODUCT.md).
 */
export interface SourceLocation {
  readonly file?: string;
  /** Terraform resource address, e.g. `module.api.aws_iam_role_policy.app`. */
  readonly address?: string;
  /** CloudFormation / CDK stack name. */
  readonly stack?: string;
  readonly logicalId?: string;
  /** CDK construct path, e.g. `Api/AppRole/DefaultPolicy/Resource`. */
  readonly constructPath?: string;
  /** JSON pointer into the policy document (set by the engine from the statement). */
  readonly pointer?: string;
  /**
   * Where the resource is declared in source, when the adapter can tell: the file (the .tf file
   * behind a plan's resource, or `file` itself) and the 1-based line of its declaration. The
   * formats that point into source (GitHub annotations, SARIF, text) use it; the JSON report keeps
   * to its location keys.
   */
  readonly declared?: { readonly file: string; readonly line: number };
}

/**
 * A policy document as found in the input, not yet parsed: a JSON object, a JSON string, or a
 * value whose string positions may hold symbolic values. `undefined` document means the adapter
 * knows a policy exists but could not obtain it (see `unresolved`). `null`, for a resource
 * policy, means the change the input describes removes it from a resource that keeps existing
 * (Terraform: a bucket policy or a Lambda permission destroyed, an ACL made private); for an SCP
 * or RCP, that the change deletes it (its attachments say where it no longer applies): nothing is
 * left to check, and `before` holds what it granted.
 */
export interface PolicySource {
  /** Stable identity in this input (address, logical id, or file + index). */
  readonly id: string;
  /** Human name, e.g. `AppRoleDefaultPolicy` or `aws_iam_role_policy.app`. */
  readonly name: string;
  readonly document: unknown;
  /**
   * Why the document is not known before deploy, and what it refers to. `inputError`: the adapter
   * reported the same reason as an input error (the run exits 2), so the engine does not report it
   * a second time as an `unresolved-policy` finding.
   */
  readonly unresolved?: { readonly reason: string; readonly references: readonly string[]; readonly inputError?: true };
  readonly location: SourceLocation;
  /**
   * For a policy the input changes (Terraform update or replace): the document before the change,
   * so that the engine can tell what is gained. Absent when the policy is new or unchanged;
   * `null` when it is new on a resource that existed without one (a bucket policy or a Lambda
   * permission added to a kept bucket or function, an ACL made public): it granted nothing before.
   */
  readonly before?: { readonly document: unknown };
  /**
   * Where each statement of `document` is written in the input (`/Statement/0`), when the adapter
   * made the document from another form (each branch of a template's `Fn::If` a statement of its
   * own): findings point there instead of at the statement's place in `document`.
   */
  readonly statementPointers?: readonly (string | undefined)[];
  /**
   * For a document made of the sides of choices made at deploy (a template's `Fn::If`, a mapping
   * entry chosen by a parameter), what each statement of `document` is chosen by (the sides of
   * `IsPublic`); undefined for a statement every deploy makes. A finding on a statement that not
   * every side makes names it.
   */
  readonly statementChoices?: readonly (DeployChoice | undefined)[];
  /**
   * For a document with `statementChoices`: the sides of the named conditions they name, and of
   * those these depend on, that a deploy may take together, each a side per condition by its name
   * (`IsProd`: true); absent when not known (any go together).
   */
  readonly deployableSides?: readonly Readonly<Record<string, boolean>>[];
  /**
   * For a policy written only by some deploys (a template's policy resource whose `Condition` is
   * decided at deploy), the side it is written on (`IsProd` true): its statements are made on that
   * side only.
   */
  readonly deployedWhen?: DeployChoice;
  /**
   * Member names the input gives more than once in one object of the document where it is written
   * (a template's JSON or YAML), of which its reader kept the last: each a pointer into `document`
   * to the member kept. A document given as JSON text needs none (the parser finds them).
   */
  readonly duplicateKeys?: readonly { readonly pointer: string; readonly key: string }[];
}

/** How an identity policy reaches a principal. */
export type AttachmentKind = 'inline' | 'managed' | 'aws-managed' | 'group';

/** An identity policy of a principal. */
export interface AttachedPolicy {
  readonly kind: AttachmentKind;
  /** For managed policies: the ARN (concrete or symbolic). */
  readonly arn?: PolicyValue;
  /** The policy itself; for an AWS managed policy the engine resolves it from the ARN. */
  readonly policy?: PolicySource;
  /** For kind `group`: the group it comes through. */
  readonly via?: string;
  /**
   * Where the attachment is written when that is not at the principal (a Terraform attachment to a
   * role outside the plan): the findings of an AWS managed policy point there.
   */
  readonly location?: SourceLocation;
  /**
   * Attached by the change the input describes to a principal that existed before it (Terraform:
   * a new attachment or inline policy of a role the plan keeps): no part of the before-version.
   */
  readonly added?: boolean;
  /**
   * For a managed policy only some deploys attach (a template's `ManagedPolicyArns` entry chosen by
   * `Fn::If`): the sides it is attached on. The policy exists on every deploy; the principal holds
   * it on those sides only.
   */
  readonly deployedWhen?: DeployChoice;
  /** For an attachment with `deployedWhen`: the sides of the conditions it names a deploy may take together (see `PolicySource.deployableSides`). */
  readonly deployableSides?: readonly Readonly<Record<string, boolean>>[];
}

/** A long-term credential of a user. */
export type CredentialKind = 'access-key' | 'login-profile' | 'service-credential';

/** What kind of principal. */
export type PrincipalKind = 'role' | 'user' | 'group';

/** A role, user or group the input creates. */
export interface PrincipalInput {
  /** Stable identity, used as the finding's `principal` (address, logical id, construct path). */
  readonly id: string;
  readonly kind: PrincipalKind;
  /** The IAM name if known, else a symbolic value. */
  readonly name: PolicyValue | undefined;
  /** IAM path, default `/`. */
  readonly path: string | undefined;
  /** The principal's ARN, concrete or symbolic. */
  readonly arn: PolicyValue | undefined;
  /** The account that will own it, when known. */
  readonly account?: string;
  /**
   * The Region of the deployment that creates it, when the adapter knows it as a constant (a
   * Terraform AWS provider's `region`, a stack's environment): IAM is global, but the Region tells
   * the partition its policies are read in when they name none.
   */
  readonly region?: string;
  readonly policies: readonly AttachedPolicy[];
  /**
   * Policies the change the input describes takes away from a principal that keeps existing
   * (Terraform: a destroyed attachment or inline policy): part of its before-version only, never
   * checked as the principal's.
   */
  readonly detached?: readonly AttachedPolicy[];
  /**
   * The principal exists outside the input, which only attaches policies or credentials to it
   * (Terraform: an `aws_iam_role_policy` naming a role the plan does not hold): whether it has a
   * permissions boundary, and what else it holds, are not known.
   */
  readonly existing?: boolean;
  /** The permissions boundary ARN (concrete or symbolic), if any. */
  readonly permissionsBoundary?: { readonly arn: PolicyValue; readonly policy?: PolicySource };
  /**
   * The boundary the change the input describes takes away from a principal that keeps existing
   * and is left without one (Terraform: `permissions_boundary` cleared): part of its
   * before-version only.
   */
  readonly removedBoundary?: PolicySource;
  /**
   * The permissions boundary ARN before the change the input describes, present only when that
   * change sets, swaps or removes the boundary of a principal that keeps existing (`null`: it had
   * none). Said even when the previous boundary's document is not in the input.
   */
  readonly boundaryBefore?: string | null;
  /** For roles: the trust (assume role) policy. */
  readonly trustPolicy?: PolicySource;
  readonly tags: Readonly<Record<string, PolicyValue>>;
  /**
   * For users: access keys, console login profiles and service-specific credentials (a CodeCommit
   * or Keyspaces password, an Amazon Bedrock API key) created with it.
   */
  readonly credentials?: readonly {
    readonly kind: CredentialKind;
    /** For a service-specific credential: the service it is for (`codecommit.amazonaws.com`). */
    readonly service?: PolicyValue;
    readonly location: SourceLocation;
  }[];
  /** For groups: member user ids. */
  readonly members?: readonly string[];
  readonly location: SourceLocation;
}

/** A resource with a resource-based policy (bucket policy, key policy, queue policy, ...). */
export interface ResourceInput {
  readonly id: string;
  /** CloudFormation or Terraform type, e.g. `AWS::S3::BucketPolicy` or `aws_s3_bucket_policy`. */
  readonly type: string;
  /** ARN of the resource the policy protects, concrete or symbolic, when known. */
  readonly arn: PolicyValue | undefined;
  /** The account that will own it, when known (a bucket's ARN names none). */
  readonly account?: string;
  /**
   * S3 Block Public Access `RestrictPublicBuckets` is on for the resource (a bucket's public access
   * block of the same input): AWS ignores the public grants of its policy (only AWS services and the
   * owner account's principals get access through a public policy), so `*` is not anyone.
   */
  readonly publicAccessRestricted?: boolean;
  /**
   * `publicAccessRestricted` as it was before the change the input describes, present only when
   * that change turns it on or off (a bucket's or the account's public access block changed, added
   * or removed): a policy it no longer restricts newly admits anyone it grants.
   */
  readonly publicAccessRestrictedBefore?: boolean;
  /**
   * `acl`: the policy is no document of the input but the statements S3 documents for the public
   * grants of the resource's access control list (see `aclPolicy`); findings say it is the ACL.
   */
  readonly grantedBy?: 'acl';
  /**
   * How findings name it when its id does not say what the policy exposes (a RAM principal
   * association: the share and the resources it shares); by default `resource \`<id>\``.
   */
  readonly label?: string;
  readonly policy: PolicySource;
  readonly location: SourceLocation;
}

/** A standalone policy document (`iamgate lint`), or a managed policy not attached to anything. */
export interface StandalonePolicyInput {
  readonly policy: PolicySource;
  /**
   * For a customer managed policy the input defines and nothing attaches: its ARN (concrete or
   * symbolic), by which other policies may name it (an `iam:PermissionsBoundary` condition).
   */
  readonly arn?: PolicyValue;
  /** The declared or guessed use of the document. */
  readonly type: 'identity' | 'resource' | 'trust' | 'boundary' | 'scp' | 'rcp' | 'session' | undefined;
  /** An SCP's or RCP's attachments the input holds: the roots, OUs and accounts it applies to. */
  readonly targets?: readonly OrganizationTarget[];
}

/** A root, OU or account an SCP or RCP is attached to, and whether the input attaches or detaches it. */
export interface OrganizationTarget {
  /**
   * As the input names it: `r-ab12`, `ou-ab12-34567890`, `111122223333`; the address of the OU
   * or account of the input it refers to; else what its id is read from (`data.x.id`), `''` when
   * nothing tells (`unknown`: known only after apply).
   */
  readonly target: string;
  readonly targetKind: 'root' | 'ou' | 'account' | 'unknown';
  /** The attachment's stable id (a Terraform address). */
  readonly id: string;
  readonly location: SourceLocation;
  /** `kept`: attached before and after; `added`: attached by the input; `removed`: detached by it. */
  readonly change: 'kept' | 'added' | 'removed';
}

/** An input problem that is not a policy problem: unreadable file, malformed plan, ... */
export interface InputError {
  readonly file: string;
  readonly pointer?: string;
  readonly message: string;
}

/** An OIDC or SAML identity provider the input creates (trust policies may name it). */
export interface IdentityProviderInput {
  readonly id: string;
  readonly kind: 'oidc' | 'saml';
  readonly arn: PolicyValue | undefined;
  /** For OIDC: the issuer URL without scheme, as it appears in condition keys (`token.actions.githubusercontent.com`). */
  readonly url?: PolicyValue;
  /** For OIDC: the audiences (client ids). */
  readonly clientIds?: readonly PolicyValue[];
  readonly location: SourceLocation;
}

/** Account-wide settings that are not policies (e.g. the IAM password policy), kept as found. */
export interface AccountSettingInput {
  readonly kind: 'password-policy';
  readonly settings: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

/**
 * A suppression recorded in the input itself (CDK `IamGuard.suppress`, kept in template metadata):
 * applied like a configuration suppression, `source` naming where it was recorded.
 */
export interface InputSuppression {
  readonly rule: string;
  /** Glob on the principal or resource id, logical id or construct path (as in the config). */
  readonly target: string;
  readonly reason: string;
  readonly expires?: string;
  readonly actions?: readonly string[];
  /** E.g. `metadata: Api/AppRole/Resource`. */
  readonly source: string;
}

/**
 * A resource that runs with a role (a Lambda function, an EC2 instance through its instance
 * profile, a stack with a service role, a state machine, the tasks of an ECS service, ...): whoever
 * may change its code or send it commands acts with that role's permissions.
 */
export interface WorkloadInput {
  /** Stable identity in this input (Terraform address, logical id). */
  readonly id: string;
  /** CloudFormation or Terraform type, e.g. `AWS::Lambda::Function` or `aws_lambda_function`. */
  readonly type: string;
  /**
   * The ARN the actions that change or enter it name, concrete or symbolic, when known (for an ECS
   * service: the ARN of its tasks).
   */
  readonly arn: PolicyValue | undefined;
  /** The role it runs as: a principal of the input (its id), or a role ARN the input names. */
  readonly role: { readonly principal: string } | { readonly arn: PolicyValue };
  readonly location: SourceLocation;
  /** The deploy choices it is created under (a template's `Condition`; absent: every deploy). */
  readonly deployedWhen?: DeployChoice;
}

/** Everything an adapter extracted from one run's inputs. */
export interface ScanInput {
  readonly principals: readonly PrincipalInput[];
  readonly resources: readonly ResourceInput[];
  readonly policies: readonly StandalonePolicyInput[];
  readonly errors: readonly InputError[];
  readonly identityProviders?: readonly IdentityProviderInput[];
  readonly accountSettings?: readonly AccountSettingInput[];
  /** Suppressions recorded in the input (see {@link InputSuppression}). */
  readonly suppressions?: readonly InputSuppression[];
  /** Resources that run with a role (see {@link WorkloadInput}). */
  readonly workloads?: readonly WorkloadInput[];
}
