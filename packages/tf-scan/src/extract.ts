/**
 * From one parsed plan to the scan input: principals with their policies, resources with their
 * policies, standalone policies. Only extraction: nothing here judges a policy.
 */
import {
  SymbolicValue,
  aclPermission,
  actionResourceMatch,
  aclPolicy,
  cannedAclGrants,
  getManagedPolicy,
  publicGrantee,
  valueToString,
  sharePrincipal,
  collectionAccessProblem,
  collectionAccessStatements,
} from '@iamgate/core';
import type {
  AccountSettingInput,
  AclGrant,
  AclTarget,
  AttachedPolicy,
  CredentialKind,
  Hole,
  IdentityProviderInput,
  InputError,
  OrganizationTarget,
  PolicySource,
  PolicyValue,
  PrincipalInput,
  PrincipalKind,
  ResourceInput,
  ScanInput,
  SourceLocation,
  StandalonePolicyInput,
} from '@iamgate/core';
import { moduleOf, parseModuleAddress, parseReference } from './address';
import type { HclSources } from './hcl-source';
import { PlanIndex, deferredReason, expressionAt, unknownAt } from './plan-index';
import type { Instance } from './plan-index';
import type { ConfigModule, Expression, PlanJson, ResourceChange } from './plan-types';
import type { ChangeFilter } from './read-plan';
import {
  BUCKET_ARN_PREFIX,
  EVENT_BUS_ARN_PREFIX,
  RESOURCE_POLICY_TYPES,
  queueArnOfUrl,
  type ProtectedResource,
} from './resource-policies';
import { Resolver, attributeLabel, hole, meaningfulReferences, scopeOf } from './resolve';
import type { DocumentResult, PlanPairing, Scope } from './resolve';
import { expandExecuteApiShorthand, withImpliedResource } from './stored-form';
import { WORKLOAD_TYPES, extractWorkloads } from './workloads';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type PrincipalDraft = Mutable<PrincipalInput> & {
  policies: AttachedPolicy[];
  credentials: NonNullable<PrincipalInput['credentials']>[number][];
  members: string[];
};

/** The argument naming the resource whose policy a statement-adding resource (or an ACL) adds to. */
const STATEMENT_TARGETS: Readonly<Record<string, string>> = {
  aws_lambda_permission: 'function_name',
  aws_lambda_function_url: 'function_name',
  aws_lambda_layer_version_permission: 'layer_name',
  aws_cloudwatch_event_permission: 'event_bus_name',
  aws_signer_signing_profile_permission: 'profile_name',
  aws_s3_bucket_acl: 'bucket',
};

/** Resource types an argument of this name usually refers to, looked for through variables and modules. */
const EXPECTED_TARGETS: Readonly<Record<string, readonly string[]>> = {
  function_name: ['aws_lambda_function'],
  bucket: ['aws_s3_bucket'],
  queue_url: ['aws_sqs_queue'],
  key_id: ['aws_kms_key'],
};

/** A resource the plan leaves as it is (`no-op`, or a data source `read`): it links nothing new. */
function isUnchanged(instance: Instance): boolean {
  return instance.actions.every((a) => a === 'no-op' || a === 'read');
}

/** Takes the policy at `at` off a principal the plan keeps: what it loses (see "what this plan changes"). */
function detachFrom(principal: PrincipalDraft, at: number): void {
  const [policy] = principal.policies.splice(at, 1);
  if (policy !== undefined) principal.detached = [...(principal.detached ?? []), policy];
}

const PRINCIPAL_TYPES: ReadonlyMap<string, PrincipalKind> = new Map([
  ['aws_iam_role', 'role'],
  ['aws_iam_user', 'user'],
  ['aws_iam_group', 'group'],
]);

/** Resources that join a policy to a principal: inline policies, attachments, exclusive attachments. */
const PRINCIPAL_LINKS: ReadonlyMap<string, { link: 'inline' | 'attachment' | 'exclusive'; kind: PrincipalKind }> =
  new Map([
    ['aws_iam_role_policy', { link: 'inline', kind: 'role' }],
    ['aws_iam_role_policy_attachment', { link: 'attachment', kind: 'role' }],
    ['aws_iam_role_policy_attachments_exclusive', { link: 'exclusive', kind: 'role' }],
    ['aws_iam_user_policy', { link: 'inline', kind: 'user' }],
    ['aws_iam_user_policy_attachment', { link: 'attachment', kind: 'user' }],
    ['aws_iam_user_policy_attachments_exclusive', { link: 'exclusive', kind: 'user' }],
    ['aws_iam_group_policy', { link: 'inline', kind: 'group' }],
    ['aws_iam_group_policy_attachment', { link: 'attachment', kind: 'group' }],
    ['aws_iam_group_policy_attachments_exclusive', { link: 'exclusive', kind: 'group' }],
  ] as const);

/**
 * The Glue Data Catalog operations a Lake Formation permission lets its principal make (the Lake
 * Formation permissions reference); `ALL` (`SUPER`) is every one of them. Only those that act on the
 * resource granted are kept.
 */
const LAKE_FORMATION_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  DESCRIBE: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables'],
  SELECT: ['glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
  ALTER: ['glue:UpdateDatabase', 'glue:UpdateTable'],
  DROP: ['glue:DeleteDatabase', 'glue:DeleteTable'],
  INSERT: ['glue:CreatePartition', 'glue:BatchCreatePartition', 'glue:UpdatePartition'],
  DELETE: ['glue:DeletePartition', 'glue:BatchDeletePartition'],
  CREATE_DATABASE: ['glue:CreateDatabase'],
  CREATE_TABLE: ['glue:CreateTable'],
  DATA_LOCATION_ACCESS: ['glue:CreateDatabase', 'glue:CreateTable', 'glue:UpdateTable'],
};

/**
 * Resources that authorize one account to reach what they name, by what names the account, what
 * they protect (by name) and what they let it do.
 */
const ACCOUNT_AUTHORIZATIONS: Readonly<
  Record<
    string,
    { readonly account: readonly (string | number)[]; readonly target: ProtectedResource; readonly action: string }
  >
> = {
  // VPC endpoints of the account's own to the cluster or domain.
  aws_redshift_endpoint_authorization: {
    account: ['account'],
    target: {
      kind: 'name-attribute',
      attribute: 'cluster_identifier',
      prefix: 'arn:aws:redshift:{region}:{account}:cluster:',
    },
    action: 'redshift:CreateEndpointAccess',
  },
  aws_opensearch_authorize_vpc_endpoint_access: {
    account: ['account'],
    target: { kind: 'name-attribute', attribute: 'domain_name', prefix: 'arn:aws:es:{region}:{account}:domain/' },
    action: 'es:CreateVpcEndpoint',
  },
  // A datashare the account's clusters may consume (`consumer_identifier`: see `consumerPrincipal`).
  aws_redshift_data_share_authorization: {
    account: ['consumer_identifier'],
    target: { kind: 'arn-attribute', attribute: 'data_share_arn' },
    action: 'redshift:AssociateDataShareConsumer',
  },
  // A license whose entitlements the account (or an organization or unit, by ARN) may check out.
  aws_licensemanager_grant: {
    account: ['principal'],
    target: { kind: 'arn-attribute', attribute: 'license_arn' },
    action: 'license-manager:CheckoutLicense',
  },
  // A Managed Microsoft AD directory shared with the account, which accepts it and joins its instances to it.
  aws_directory_service_shared_directory: {
    account: ['target', 0, 'id'],
    target: { kind: 'name-attribute', attribute: 'directory_id', prefix: 'arn:aws:ds:{region}:{account}:directory/' },
    action: 'ds:AcceptSharedDirectory',
  },
};

// The consumers a keyword of `consumer_identifier` hands a datashare to (the Redshift API: "an AWS
// account ID or a keyword, such as ADX"): AWS Data Exchange licenses it to the subscribers of the
// products it is added to, accounts no plan names.
const DATASHARE_KEYWORDS: Readonly<Record<string, string>> = {
  ADX: 'the accounts that subscribe to the AWS Data Exchange products of the datashare',
};

/**
 * The principal an account authorization names, as the `Principal` of its statement: an account
 * (a mistyped one too, to be reported), the account of a Lake Formation `DataCatalog/<account-id>`
 * consumer, or, for a keyword (`ADX`), accounts known only once they subscribe: whether they are
 * trusted is said to be unknown, not passed.
 */
function consumerPrincipal(identifier: string): Record<string, unknown> {
  const catalog = /^DataCatalog\/(.+)$/.exec(identifier);
  if (catalog !== null) return sharePrincipal(catalog[1] ?? '');
  if (!/^[A-Z]+$/.test(identifier)) return sharePrincipal(identifier);
  const source = DATASHARE_KEYWORDS[identifier] ?? `the consumers keyword \`${identifier}\` stands for`;
  return sharePrincipal(new SymbolicValue([{ id: `datashare-consumers:${identifier}`, source, input: true }]));
}

/** Resource types `other` handles besides principal links and resource policies. */
const OTHER_TYPES = [
  'aws_iam_policy_attachment',
  'aws_iam_user_group_membership',
  'aws_iam_group_membership',
  'aws_iam_access_key',
  'aws_iam_user_login_profile',
  'aws_iam_service_specific_credential',
  'aws_iam_account_password_policy',
  'aws_iam_openid_connect_provider',
  'aws_iam_saml_provider',
  'aws_lambda_permission',
  'aws_organizations_policy',
  'aws_ssoadmin_permission_set_inline_policy',
  'aws_ssoadmin_managed_policy_attachment',
  'aws_ssoadmin_customer_managed_policy_attachment',
  'aws_ssoadmin_permissions_boundary_attachment',
  'aws_lambda_function_url',
  'aws_lambda_layer_version_permission',
  'aws_iam_role_policies_exclusive',
  'aws_cloudwatch_event_permission',
  'aws_s3control_multi_region_access_point_policy',
  'aws_signer_signing_profile_permission',
  'aws_kms_grant',
  'aws_iot_policy',
  'aws_vpc_endpoint_service',
  'aws_vpc_endpoint_service_allowed_principal',
  'aws_db_snapshot',
  'aws_db_cluster_snapshot',
  'aws_ami_launch_permission',
  'aws_ebs_snapshot_create_volume_permission',
  'aws_ssm_document',
  'aws_ram_principal_association',
  'aws_lakeformation_permissions',
  'aws_servicecatalog_portfolio_share',
  'aws_opensearchserverless_access_policy',
  'aws_redshift_endpoint_authorization',
  'aws_opensearch_authorize_vpc_endpoint_access',
  'aws_directory_service_shared_directory',
  'aws_redshift_data_share_authorization',
  'aws_licensemanager_grant',
  'aws_s3control_access_grant',
  'aws_config_aggregate_authorization',
  'aws_securitylake_subscriber',
  'aws_eks_access_entry',
  'aws_eks_access_policy_association',
  'aws_transfer_user',
  'aws_transfer_access',
] as const;

/**
 * Resource policy types whose policy attribute is optional: a resource that may carry a policy, the
 * VPC endpoint policy (full access when absent, as the endpoint's own default) and the S3 Access
 * Grants instance policy (the provider's schema leaves it optional: none when not set).
 */
const POLICY_OPTIONAL: ReadonlySet<string> = new Set(
  Object.keys(RESOURCE_POLICY_TYPES).filter(
    (type) =>
      type === 'aws_vpc_endpoint_policy' ||
      type === 'aws_s3control_access_grants_instance_resource_policy' ||
      (!type.endsWith('_policy') && type !== 'aws_glacier_vault_lock'),
  ),
);

/** The `aws_lambda_permission` argument (AWS provider 6.x) that limits it to calls through the function URL. */
const VIA_FUNCTION_URL = 'invoked_via_function_url';

/** A bucket's S3 Block Public Access settings, the bucket it names, and the policies it restricts. */
const PUBLIC_ACCESS_BLOCK = 'aws_s3_bucket_public_access_block';
const BUCKET: ProtectedResource = { kind: 'name-attribute', attribute: 'bucket', prefix: BUCKET_ARN_PREFIX };
/** An ARN that names its account. */
const ARN_WITH_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:\d{12}:/;
/** Directory buckets (S3 Express One Zone): the end of their names, and the start of their ARNs. */
const DIRECTORY_BUCKET_SUFFIX = '--x-s3';
const DIRECTORY_BUCKET_ARN_PREFIX = 'arn:aws:s3express:{region}:{account}:bucket/';
const BUCKET_POLICY_TYPES: ReadonlySet<string> = new Set(['aws_s3_bucket_policy', 'aws_s3_bucket']);
/**
 * The account's S3 Block Public Access settings: they hold for every bucket and access point of the
 * account (S3 checks the access point's, the bucket's and the account's settings on each request).
 */
const ACCOUNT_PUBLIC_ACCESS_BLOCK = 'aws_s3_account_public_access_block';
/** An access point, with its own Block Public Access settings, and the policies on access points. */
const ACCESS_POINT = 'aws_s3_access_point';
const ACCESS_POINT_POLICY_TYPES: ReadonlySet<string> = new Set([ACCESS_POINT, 'aws_s3control_access_point_policy']);
const ACCOUNT_RESTRICTED_TYPES: ReadonlySet<string> = new Set([...BUCKET_POLICY_TYPES, ...ACCESS_POINT_POLICY_TYPES]);

/**
 * Resources whose access control list may make a bucket or objects public: the bucket's ACL
 * resource, the bucket's own `acl` and `grant` arguments (provider < 4), an object's canned `acl`.
 */
const ACL_TYPES: ReadonlySet<string> = new Set([
  'aws_s3_bucket_acl',
  'aws_s3_bucket',
  'aws_s3_object',
  'aws_s3_bucket_object',
]);
const OBJECT_TYPES: ReadonlySet<string> = new Set(['aws_s3_object', 'aws_s3_bucket_object']);
/** A bucket's Object Ownership: `BucketOwnerEnforced` turns its ACLs (and its objects') off. */
const OWNERSHIP_CONTROLS = 'aws_s3_bucket_ownership_controls';

/**
 * Dedicated policy resources whose resource is never left without a policy once they are destroyed:
 * a KMS key gets its default key policy back, a VPC endpoint its default full access, and a locked
 * Glacier vault lock cannot be removed. What they granted is not said lost.
 */
const FALLS_BACK_TO_DEFAULT: ReadonlySet<string> = new Set([
  'aws_kms_key_policy',
  'aws_vpc_endpoint_policy',
  'aws_glacier_vault_lock',
]);

/** The resource a RAM resource share shares (`resource_arn`), one association each. */
const RAM_RESOURCE_ASSOCIATION = 'aws_ram_resource_association';

/** SCPs and RCPs, and what attaches them to a root, OU or account. */
const ORGANIZATIONS_POLICY = 'aws_organizations_policy';
const ORGANIZATIONS_ATTACHMENT = 'aws_organizations_policy_attachment';
const ORGANIZATIONS_OU = 'aws_organizations_organizational_unit';
const ORGANIZATIONS_ACCOUNT = 'aws_organizations_account';

/** IAM Identity Center permission sets: each is provisioned as a role in the accounts it is assigned to. */
const PERMISSION_SET = 'aws_ssoadmin_permission_set';

/** Types that hold or attach IAM permissions (not the look-ups): those whose deferred change is reported. */
const IAM_TYPES: ReadonlySet<string> = new Set([
  ...PRINCIPAL_TYPES.keys(),
  ...PRINCIPAL_LINKS.keys(),
  'aws_iam_policy',
  PERMISSION_SET,
  ...OTHER_TYPES,
  ...Object.keys(RESOURCE_POLICY_TYPES),
]);

/**
 * The entries of `resource_changes` an extraction reads: the types it extracts or looks up
 * (`aws_caller_identity` and `aws_region` for the account and region), and any type the
 * configuration refers to (whose instances give ARNs and names). The others need not be parsed.
 */
export const CHANGES_READ: ChangeFilter = {
  types: new Set<string>([
    ...IAM_TYPES,
    'aws_iam_policy_document',
    'aws_caller_identity',
    'aws_region',
    // Its `restrict_public_buckets` blocks what a bucket policy grants everyone.
    PUBLIC_ACCESS_BLOCK,
    ACCOUNT_PUBLIC_ACCESS_BLOCK,
    // An ACL grants the public what its policy statements would; Object Ownership may turn ACLs off.
    ...ACL_TYPES,
    OWNERSHIP_CONTROLS,
    // Resources that run with a role (workloads.ts): a policy may name one by a written ARN. What
    // links them to their role (an instance profile, a task definition) they refer to.
    ...WORKLOAD_TYPES,
    // What a RAM resource share shares: named in the grant of each principal association.
    RAM_RESOURCE_ASSOCIATION,
    // Where an SCP or RCP applies, and the accounts an update moves into an OU the plan creates.
    ORGANIZATIONS_ATTACHMENT,
    ORGANIZATIONS_ACCOUNT,
  ]),
  referenced: (plan) => {
    const types = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'references' && Array.isArray(value)) {
            for (const text of value) {
              const ref = typeof text === 'string' ? parseReference(text) : undefined;
              if (ref?.kind === 'resource') types.add(ref.type);
            }
          } else visit(value);
        }
      }
    };
    visit(plan['configuration']);
    return types;
  },
};

/**
 * What an extraction made without .tf files left to them: a policy's principal undetermined where the
 * configuration refers to one (`aws_iam_role.r[local.k[count.index]]`, `link`), which takes their
 * parser, or only module outputs the plan's references alone paired with an instance
 * (`jsondecode(module.p[count.index].out)`, `pairings`), which their text may confirm unparsed.
 */
export type LeftToSources =
  { readonly kind: 'link' } | { readonly kind: 'pairings'; readonly pairings: readonly PlanPairing[] };

const leftToSourcesOf = new WeakMap<ScanInput, LeftToSources>();

/** What the extraction of `input` left to the .tf files (see {@link LeftToSources}); `undefined` for nothing. */
export function leftToSources(input: ScanInput): LeftToSources | undefined {
  return leftToSourcesOf.get(input);
}

/** Extracts what one plan creates or keeps. */
export function extractPlan(file: string, plan: PlanJson, hcl?: HclSources): ScanInput {
  return new Extraction(new PlanIndex(plan, file), hcl).run();
}

class Extraction {
  private readonly resolver: Resolver;
  private readonly principals = new Map<string, PrincipalDraft>();
  /** Principals by kind, then by known name or ARN (for attributes that name a principal instead of referring to it). */
  private readonly principalsByText = new Map<PrincipalKind, Map<string, PrincipalDraft>>();
  private readonly resources: ResourceInput[] = [];
  private readonly standalone: StandalonePolicyInput[] = [];
  /** Each SCP's and RCP's instance and place in `standalone`, by address, for its attachments. */
  private readonly organizationPolicies = new Map<string, { readonly instance: Instance; readonly at: number }>();
  private readonly errors: InputError[] = [];
  private readonly providers: IdentityProviderInput[] = [];
  private readonly settings: AccountSettingInput[] = [];
  /** Managed policies of the plan by ARN text, and whether something attaches them. */
  private readonly managed = new Map<
    string,
    {
      source: PolicySource;
      used: 'no' | 'identity' | 'boundary';
      /** Read by a data source: a policy the plan neither creates nor changes, judged only where attached. */
      existing?: true;
    }
  >();
  /** Declarations (`config path|data.type.name`) of policy documents some extracted resource uses. */
  private readonly consumedDocuments = new Set<string>();
  private readonly groupPolicies = new Map<string, AttachedPolicy[]>();
  /** What the plan takes off each group the plan keeps: its members lose it too. */
  private readonly groupDetached = new Map<string, AttachedPolicy[]>();
  /** Principals outside the plan (or that it does not tell) holding AWS managed policies, by kind and name. */
  private readonly outside = new Map<string, PrincipalDraft>();
  private allConsumed = false;
  /** A link the configuration refers to was left undetermined, and no .tf files were read. */
  private linkLeft = false;
  private readonly arnTexts = new WeakMap<SymbolicValue, string>();
  /** The entries of a role's unconfigured (computed) `inline_policy` it shows, by policy name. */
  private readonly mirroredInline = new Map<PrincipalDraft, Map<string, AttachedPolicy>>();
  /** Resource policies a resource shows in an attribute its configuration does not set. */
  private readonly mirroredResourcePolicies = new Set<ResourceInput>();
  /** The documents of the mirrors `dropMirrors` drops, by the ARN text of their resource. */
  private readonly droppedMirrors = new Map<string, unknown>();
  /** The string values of the instances the plan creates (see `existedBefore`), made once. */
  private createdValues: ReadonlySet<string> | undefined;
  /** Public ACLs, with the ARN text of their bucket: kept unless the bucket's settings turn them off. */
  private readonly acls: { readonly input: ResourceInput; readonly bucket: string }[] = [];
  /** Managed policies the plan replaces under a new ARN: their previous ARN, by the new one's text. */
  private readonly replacedPolicies = new Map<string, string>();
  /** Memberships the plan adds, of users that existed, as `group id|user id`. */
  private readonly newMemberships = new Set<string>();
  /** `group id|user id` of the memberships the plan ends (a list shrunk, a membership destroyed). */
  private readonly endedMemberships = new Set<string>();
  /** The policies a role's unconfigured (computed) `managed_policy_arns` shows, by ARN text. */
  private readonly mirroredManaged = new Map<PrincipalDraft, Map<string, AttachedPolicy>>();

  constructor(
    private readonly index: PlanIndex,
    hcl: HclSources | undefined,
  ) {
    this.resolver = new Resolver(index, hcl);
    this.hcl = hcl;
  }

  private readonly hcl: HclSources | undefined;

  /** `--hcl` alone: a configuration, not a plan; no before-version of anything. */
  private get planless(): boolean {
    return this.hcl?.planless === true;
  }

  /** What was read, as the messages name it: `--hcl` reads a configuration, not a plan. */
  private get input(): string {
    return this.planless ? 'the configuration' : 'the plan';
  }

  run(): ScanInput {
    const live = this.index.instances.filter((i) => !(i.actions.includes('delete') && !i.actions.includes('create')));
    // Managed policies first, so that the principals listing their ARNs (a role's known
    // `managed_policy_arns`, a boundary) find them wherever the plan lists them; then principals,
    // so that attachments find both.
    for (const instance of live) {
      if (instance.type !== 'aws_iam_policy') continue;
      if (instance.mode === 'managed') this.managedPolicy(instance);
      else this.existingPolicy(instance);
    }
    for (const instance of live) {
      const kind = PRINCIPAL_TYPES.get(instance.type);
      if (instance.mode === 'managed' && kind !== undefined) this.principal(instance, kind);
      else if (instance.mode === 'managed' && instance.type === PERMISSION_SET) this.permissionSet(instance);
    }
    for (const instance of live) {
      if (instance.mode === 'managed') this.other(instance);
    }
    for (const draft of this.principals.values()) this.lostByReplacement(draft);
    // Destroyed or replaced (its old object deleted), or an exclusive attachment whose update drops
    // principals: what its previous values linked is gone after apply, unless a live link keeps it.
    const superseded = (this.index.plan.resource_changes ?? []).filter(({ type, change }) => {
      const { actions, before } = change;
      if (before === null || before === undefined) return false;
      return actions.includes('delete') || (type === 'aws_iam_policy_attachment' && actions.includes('update'));
    });
    const renamedFrom = new Set(this.replacedPolicies.values());
    for (const change of superseded) this.detach(change, renamedFrom);
    this.dropMirrors(superseded);
    this.removedResourcePolicies(superseded);
    this.organizationAttachments(live, superseded);
    this.restrictPublicBuckets(live);
    this.aclsInEffect(live);
    this.addedToExisting();
    this.ownAccounts();
    this.endMemberships();
    this.groupsToUsers();
    // Checked on its own when nothing holds it.
    for (const [arn, { source, used, existing }] of this.managed) {
      if (used === 'no' && existing !== true) this.standalone.push({ policy: source, type: 'identity', arn });
    }
    for (const instance of live) {
      if (instance.mode === 'data' && instance.type === 'aws_iam_policy_document') this.unusedDocument(instance);
    }
    this.incompletePlan();
    const workloads = extractWorkloads(live, this.resolver, (address) => this.principals.get(address)?.id);
    const input: ScanInput = {
      principals: [...this.principals.values(), ...this.outside.values()],
      resources: this.resources,
      policies: this.standalone,
      errors: this.errors,
      ...(this.providers.length > 0 ? { identityProviders: this.providers } : {}),
      ...(this.settings.length > 0 ? { accountSettings: this.settings } : {}),
      ...(workloads.length > 0 ? { workloads } : {}),
    };
    if (this.linkLeft) leftToSourcesOf.set(input, { kind: 'link' });
    else if (this.resolver.pairedFromPlan)
      leftToSourcesOf.set(input, { kind: 'pairings', pairings: this.resolver.pairings });
    return input;
  }

  /**
   * What a plan Terraform could not finish leaves out. An errored plan (`errored: true`) stopped at
   * an error, so changes after it are missing: an input error, whatever was found being reported
   * too. A change Terraform deferred to a later plan (`deferred_changes`, Terraform 1.10+) is not
   * applied with this one, and what it will be is not all known: each IAM-bearing one is reported
   * unverifiable, never passed silently.
   */
  private incompletePlan(): void {
    const plan = this.index.plan;
    const file = this.index.file;
    if (plan.errored === true)
      this.errors.push({
        file,
        pointer: '/errored',
        message:
          'the plan is errored: Terraform stopped planning at an error, so changes may be missing; fix the error and plan again',
      });
    for (const deferred of plan.deferred_changes ?? []) {
      const change = deferred.resource_change;
      if (change === undefined || !IAM_TYPES.has(change.type)) continue;
      // A resource that may carry a policy (`aws_s3_bucket.policy`) counts only when it sets one.
      const spec = Object.hasOwn(RESOURCE_POLICY_TYPES, change.type) ? RESOURCE_POLICY_TYPES[change.type] : undefined;
      if (spec !== undefined && !PRINCIPAL_TYPES.has(change.type)) {
        const { after, after_unknown: unknown } = change.change;
        const set = after?.[spec.attribute];
        const unknownPolicy = typeof unknown === 'object' && unknown[spec.attribute] === true;
        if (!unknownPolicy && (set === undefined || set === null || set === '')) continue;
      }
      const what = deferredReason(deferred.reason);
      this.standalone.push({
        type: 'identity',
        policy: {
          id: `${change.address}#deferred`,
          name: change.address,
          document: undefined,
          location: { file, address: change.address },
          unresolved: {
            reason: `Terraform deferred it to a later plan ${what}; scan that plan`,
            references: [change.address],
          },
        },
      });
    }
  }

  /** One location per instance, shared by everything extracted from it (the engine only reads locations). */
  private location(instance: Instance): SourceLocation {
    return instance.location;
  }

  /**
   * The text of an ARN, as managed policies are keyed by: computed once per symbolic ARN (the ARN
   * of a policy of the plan is the same object for every attachment that names it).
   */
  private arnText(arn: PolicyValue): string {
    if (typeof arn === 'string') return arn;
    let text = this.arnTexts.get(arn);
    if (text === undefined) this.arnTexts.set(arn, (text = valueToString(arn)));
    return text;
  }

  private scope(instance: Instance): Scope {
    return scopeOf(instance);
  }

  /** Notes every policy document the configuration refers to, from resources, module calls and outputs. */
  private consumeConfiguration(module: ConfigModule | undefined, path: string): void {
    if (module === undefined) return;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'references' && Array.isArray(value)) {
            for (const text of value as string[]) {
              const ref = parseReference(text);
              if (ref.kind === 'resource' && ref.mode === 'data' && ref.type === 'aws_iam_policy_document')
                this.consumedDocuments.add(`${path}|${ref.name}`);
            }
          } else visit(value);
        }
      }
    };
    // A `for_each` over the documents (`for_each = data.aws_iam_policy_document.trust`, then
    // `each.value.json`) uses them too.
    for (const resource of module.resources ?? []) {
      visit(resource.expressions);
      visit(resource.for_each_expression);
    }
    visit(module.outputs);
    for (const [name, call] of Object.entries(module.module_calls ?? {})) {
      visit(call.expressions);
      visit(call.for_each_expression);
      this.consumeConfiguration(call.module, path === '' ? name : `${path}.${name}`);
    }
  }

  /** A policy source for an attribute, or `undefined` when the attribute is not set. */
  /** `beforePath`: where the previous version is in `before` when not at `path` (`null`: it has none). */
  private policySource(
    instance: Instance,
    path: readonly (string | number)[],
    id: string,
    name: string,
    beforePath: readonly (string | number)[] | null = path,
  ): PolicySource | undefined {
    const result = this.resolver.policyAttribute(instance, path);
    if (result === undefined) return undefined;
    return this.toSource(instance, path, id, name, result, beforePath);
  }

  private toSource(
    instance: Instance,
    path: readonly (string | number)[],
    id: string,
    name: string,
    result: DocumentResult,
    beforePath: readonly (string | number)[] | null = path,
  ): PolicySource {
    // Built as one literal (no spreads): this runs for every policy of a plan. Keys keep their order.
    const source: Mutable<PolicySource> = result.ok
      ? { id, name, location: this.location(instance), document: result.document }
      : {
          id,
          name,
          location: this.location(instance),
          document: undefined,
          unresolved: { reason: result.reason, references: result.references },
        };
    const before = beforePath === null ? undefined : this.before(instance, beforePath, result);
    if (before !== undefined) source.before = { document: before };
    return source;
  }

  /** The document before an update or replacement, when it differs from the planned one. */
  private before(instance: Instance, path: readonly (string | number)[], after: DocumentResult): unknown {
    if (instance.before === undefined || !(instance.actions.includes('update') || instance.actions.includes('create')))
      return undefined;
    let value: unknown = instance.before;
    for (const step of path)
      value =
        value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    if (after.ok && sameDocument(after.document, value)) return undefined;
    return value;
  }

  private principal(instance: Instance, kind: PrincipalKind): void {
    const values = instance.values;
    const tags: Record<string, PolicyValue> = {};
    const rawTags = values['tags'];
    if (rawTags !== null && typeof rawTags === 'object') {
      for (const [key, value] of Object.entries(rawTags as Record<string, unknown>))
        if (typeof value === 'string') tags[key] = value;
    }
    const draft: PrincipalDraft = {
      id: instance.address,
      kind,
      name: this.resolver.attribute(instance, 'name'),
      path: typeof values['path'] === 'string' ? values['path'] : '/',
      arn: this.resolver.attribute(instance, 'arn'),
      policies: [],
      tags,
      credentials: [],
      members: [],
      location: this.location(instance),
    };
    const account = this.resolver.account();
    if (typeof account === 'string') draft.account = account;
    // The provider's Region as a constant (or the value the plan gives it): the partition a
    // policy naming none is read in. Not a sample standing for a Region known after apply.
    const region = this.resolver.providerRegion(instance);
    if (typeof region === 'string') draft.region = region;
    if (kind !== 'group') {
      const boundary = asAwsManaged(this.scalar(instance, 'permissions_boundary'));
      if (boundary !== undefined && boundary !== '') {
        const held = this.attachManaged(boundary, 'boundary');
        // An AWS managed boundary set or swapped by the plan is compared through its document.
        const changed = this.boundaryChange(instance, boundary, held ?? this.awsManagedSource(boundary, instance));
        const policy = held !== undefined || changed?.before !== undefined ? changed : undefined;
        draft.permissionsBoundary = policy === undefined ? { arn: boundary } : { arn: boundary, policy };
      } else {
        const removed = this.removedBoundary(instance);
        if (removed !== undefined) draft.removedBoundary = removed;
      }
      const previous = this.previousBoundary(instance, boundary);
      if (previous !== undefined) draft.boundaryBefore = previous;
    }
    if (kind === 'role') {
      const trustId = `${instance.address}.assume_role_policy`;
      const trust =
        this.policySource(instance, ['assume_role_policy'], trustId, trustId) ??
        this.unknownWithoutConfiguration(instance, 'assume_role_policy', trustId) ??
        this.redacted(instance, 'assume_role_policy', trustId);
      if (trust !== undefined) draft.trustPolicy = trust;
      const planned = Array.isArray(values['inline_policy'])
        ? (values['inline_policy'] as Record<string, unknown>[])
        : [];
      const configured = instance.config?.expressions?.['inline_policy'];
      const count = Math.max(planned.length, Array.isArray(configured) ? configured.length : 0);
      // A set: its blocks are matched with their previous versions by name, not by position.
      const previous = Array.isArray(instance.before?.['inline_policy'])
        ? (instance.before['inline_policy'] as unknown[])
        : [];
      // Only an update changes blocks (an unchanged role's `before` is not even kept, see read-plan).
      const existed = changedInPlace(instance);
      for (let i = 0; i < count; i += 1) {
        const policyName = planned[i]?.['name'];
        const named = typeof policyName === 'string' && policyName !== '';
        const label = named ? policyName : String(i);
        const j = named
          ? previous.findIndex(
              (p) => p !== null && typeof p === 'object' && (p as Record<string, unknown>)['name'] === policyName,
            )
          : -1;
        const source = this.policySource(
          instance,
          ['inline_policy', i, 'policy'],
          `${instance.address}.inline_policy.${i}`,
          `${instance.address}.inline_policy.${label}`,
          j >= 0 ? ['inline_policy', j, 'policy'] : named ? null : ['inline_policy', i, 'policy'],
        );
        if (source === undefined) continue;
        // A block the role did not have: a policy a kept role gains.
        const added = existed && named && j < 0 && configured !== undefined;
        const attached: AttachedPolicy = { kind: 'inline', policy: source, ...(added ? { added: true } : {}) };
        draft.policies.push(attached);
        // Not configured, the attribute mirrors the role's inline policies as last read, those of
        // `aws_iam_role_policy` included: that resource's document (which this plan may change) stands for it.
        if (configured === undefined && typeof policyName === 'string' && policyName !== '') {
          let mirrored = this.mirroredInline.get(draft);
          if (mirrored === undefined) this.mirroredInline.set(draft, (mirrored = new Map<string, AttachedPolicy>()));
          mirrored.set(policyName, attached);
        }
      }
      const arns = this.list(instance, 'managed_policy_arns');
      for (const arn of arns) this.addManaged(draft, arn, instance);
      // Not configured, the attribute mirrors the policies attached to the role as last read.
      if (instance.config?.expressions?.['managed_policy_arns'] === undefined && arns.length > 0) {
        const mirrored = new Map<string, AttachedPolicy>();
        for (const attached of draft.policies)
          if (attached.arn !== undefined) mirrored.set(this.arnText(attached.arn), attached);
        this.mirroredManaged.set(draft, mirrored);
      }
    }
    this.principals.set(draft.id, draft);
    // The first principal of its kind with this name or ARN wins, as in a scan in plan order.
    let byText = this.principalsByText.get(kind);
    if (byText === undefined) this.principalsByText.set(kind, (byText = new Map<string, PrincipalDraft>()));
    for (const text of [draft.name, draft.arn])
      if (typeof text === 'string' && !byText.has(text)) byText.set(text, draft);
  }

  /**
   * What the previous object of a role the plan replaces under the same name held (its
   * `managed_policy_arns` and `inline_policy` as last read, those attached outside Terraform
   * included) that the plan does not give the new one: gone at apply, so detached. So is what an
   * update of a kept role takes off the arguments it sets (the provider then manages them
   * exclusively: `managed_policy_arns = []` detaches every policy).
   */
  private lostByReplacement(draft: PrincipalDraft): void {
    const instance = this.index.get(draft.id);
    const before = instance?.before;
    if (instance === undefined || before === undefined || draft.kind !== 'role') return;
    const replaced = replacedKeepingName(instance);
    if (!replaced && !instance.actions.includes('update')) return;
    const exclusive = (attribute: string): boolean =>
      replaced ||
      (instance.config?.expressions?.[attribute] !== undefined && unknownAt(instance.unknown, [attribute]) !== true);
    const held = new Set(draft.policies.flatMap((p) => (p.arn === undefined ? [] : [this.arnText(p.arn)])));
    for (const arn of exclusive('managed_policy_arns') ? [before['managed_policy_arns']].flat() : []) {
      if (typeof arn !== 'string' || arn === '' || held.has(arn)) continue;
      const count = draft.policies.length;
      this.addManaged(draft, arn, instance);
      if (draft.policies.length > count) detachFrom(draft, count);
    }
    // Inline policies by name: those of the role's own blocks, and those `aws_iam_role_policy` puts.
    const own = `${draft.id}.inline_policy.`;
    const names = new Set(
      draft.policies.flatMap((p) => {
        if (p.kind !== 'inline' || p.policy === undefined) return [];
        if (p.policy.name.startsWith(own)) return [p.policy.name.slice(own.length)];
        const name = this.index.get(p.policy.id)?.values['name'];
        return typeof name === 'string' ? [name] : [];
      }),
    );
    for (const block of exclusive('inline_policy') ? recordsOf(before['inline_policy']) : []) {
      const { name, policy } = block;
      if (typeof name !== 'string' || name === '' || names.has(name) || typeof policy !== 'string' || policy === '')
        continue;
      draft.detached = [
        ...(draft.detached ?? []),
        {
          kind: 'inline',
          policy: { id: `${own}${name}`, name: `${own}${name}`, document: policy, location: this.location(instance) },
        },
      ];
    }
  }

  /**
   * The boundary of a kept principal whose boundary the plan sets or swaps, with the previous one
   * as its before-version (so that what it cuts shows as lost): a principal without a boundary is
   * bounded by nothing, as by a boundary allowing everything. Unchanged when the previous boundary
   * is a policy the plan does not hold.
   */
  private boundaryChange(
    instance: Instance,
    arn: PolicyValue,
    policy: PolicySource | undefined,
  ): PolicySource | undefined {
    const before = instance.before;
    // Only an update changes it (an unchanged principal's `before` is not even kept, see read-plan).
    if (policy === undefined || before === undefined || !changedInPlace(instance)) return policy;
    const previous = before['permissions_boundary'];
    if (previous === this.arnText(arn)) return policy;
    const document =
      previous === undefined || previous === null || previous === ''
        ? UNBOUNDED
        : typeof previous === 'string'
          ? this.knownPolicyDocument(previous)
          : undefined;
    return document === undefined ? policy : { ...policy, before: { document } };
  }

  /**
   * The boundary ARN a kept principal had before an update that sets, swaps or removes it (`null`:
   * none); undefined when the update leaves it as it was (or the principal is new).
   */
  private previousBoundary(instance: Instance, boundary: PolicyValue | undefined): string | null | undefined {
    if (instance.before === undefined || !changedInPlace(instance)) return undefined;
    const value = instance.before['permissions_boundary'];
    const previous = typeof value === 'string' && value !== '' ? value : null;
    const current = boundary === undefined || boundary === '' ? null : this.arnText(boundary);
    return previous === current ? undefined : previous;
  }

  /**
   * The boundary an update takes away from a kept principal left without one, when its document
   * is known (a policy of the plan or an AWS managed policy): what it used to cut shows as gained.
   */
  private removedBoundary(instance: Instance): PolicySource | undefined {
    const previous = instance.before?.['permissions_boundary'];
    if (typeof previous !== 'string' || previous === '' || !changedInPlace(instance)) return undefined;
    const document = this.knownPolicyDocument(previous);
    return document === undefined
      ? undefined
      : { id: previous, name: previous, document, location: this.location(instance) };
  }

  /** An AWS managed policy as a source, its document the catalog's; undefined for any other ARN. */
  private awsManagedSource(arn: PolicyValue, at: Instance): PolicySource | undefined {
    const managed = awsManagedPolicyArn(arn);
    const document = managed === undefined ? undefined : getManagedPolicy(managed)?.document;
    return managed === undefined || document === undefined
      ? undefined
      : // Named as the findings name an AWS managed boundary.
        { id: managed, name: managed.slice(managed.lastIndexOf('/') + 1), document, location: this.location(at) };
  }

  /** The document of a managed policy by ARN: one of the plan, or an AWS managed policy. */
  private knownPolicyDocument(arn: string): unknown {
    return this.managed.get(arn)?.source.document ?? getManagedPolicy(arn)?.document;
  }

  /**
   * A required policy attribute known only after apply whose configuration the plan does not show
   * (a plan written without `configuration`, a resource missing from it): unresolved, not read as
   * absent, which would pass whatever apply sets. `undefined` for any other attribute.
   */
  private unknownWithoutConfiguration(instance: Instance, attribute: string, id: string): PolicySource | undefined {
    if (instance.config !== undefined || unknownAt(instance.unknown, [attribute]) !== true) return undefined;
    const reason = `\`${id}\` is known only after apply, and ${this.input} does not show the configuration that sets it`;
    return this.toSource(instance, [attribute], id, id, { ok: false, reason, references: [instance.address] });
  }

  /**
   * A policy attribute the plan leaves out because it is sensitive (`after_sensitive`; a redacted
   * plan, as some CI services keep them, drops such values): unresolved, not read as absent.
   */
  private redacted(instance: Instance, attribute: string, id: string): PolicySource | undefined {
    const value = instance.values[attribute];
    if ((value !== undefined && value !== null) || unknownAt(instance.sensitive, [attribute]) !== true)
      return undefined;
    const reason = `\`${instance.address}.${attribute}\` is sensitive and ${this.input} leaves its value out (a redacted plan)`;
    return this.toSource(instance, [attribute], id, id, { ok: false, reason, references: [instance.address] });
  }

  /** The `policy` of a resource that requires one: a plan that shows none (nor says it is unknown) is not passed. */
  private requiredPolicy(instance: Instance, attribute = 'policy'): PolicySource {
    return (
      this.policySource(instance, [attribute], instance.address, instance.address) ??
      this.redacted(instance, attribute, instance.address) ?? {
        id: instance.address,
        name: instance.address,
        document: undefined,
        unresolved: {
          reason: `\`${instance.address}.${attribute}\` is not in ${this.input}`,
          references: [instance.address],
        },
        location: this.location(instance),
      }
    );
  }

  private managedPolicy(instance: Instance): void {
    const source = this.requiredPolicy(instance);
    const arn = this.arnText(this.resolver.attribute(instance, 'arn'));
    // Two policies of one name and path (a root's and a module's): AWS creates one of them only,
    // which one is not told, so the other is checked on its own rather than dropped unseen.
    const other = this.managed.get(arn);
    if (other !== undefined && other.existing !== true && other.source.id !== source.id)
      this.standalone.push({ policy: other.source, type: 'identity', arn });
    this.managed.set(arn, { source, used: 'no' });
    // Replaced (renamed): the same policy under a new ARN, whose attachments are replaced with it.
    const previous = instance.before?.['arn'];
    if (instance.actions.includes('create') && typeof previous === 'string' && previous !== '' && previous !== arn)
      this.replacedPolicies.set(arn, previous);
  }

  /** A managed policy read by `data.aws_iam_policy`: its document stands for its ARN where the plan attaches it. */
  private existingPolicy(instance: Instance): void {
    const arn = instance.values['arn'];
    const document = instance.values['policy'];
    if (typeof arn !== 'string' || arn === '' || unknownAt(instance.unknown, ['arn']) === true) return;
    if (typeof document !== 'string' || document === '' || unknownAt(instance.unknown, ['policy']) === true) return;
    if (this.managed.has(arn)) return;
    this.managed.set(arn, {
      source: { id: instance.address, name: instance.address, document, location: this.location(instance) },
      used: 'no',
      existing: true,
    });
  }

  /** The policy of a managed policy of the plan with this ARN, marking it used. */
  private attachManaged(arn: PolicyValue, use: 'identity' | 'boundary'): PolicySource | undefined {
    const entry = this.managed.get(this.arnText(arn));
    if (entry === undefined) return undefined;
    if (entry.used !== 'identity') entry.used = use;
    return entry.source;
  }

  private addManaged(
    principal: PrincipalDraft,
    arn: PolicyValue,
    at: Instance,
    notInPlan: () => PolicySource = () => this.policyNotInPlan(arn, at),
  ): void {
    // An empty ARN attaches nothing (AWS refuses it); it is no policy to check.
    if (arn === '') return;
    const key = this.arnText(arn);
    if (principal.policies.some((p) => p.arn !== undefined && this.arnText(p.arn) === key)) {
      // Attached by this plan too: no longer only what the role showed, a destroyed attachment keeps it.
      this.mirroredManaged.get(principal)?.delete(key);
      return;
    }
    // `arn:${data.aws_partition.current.partition}:iam::aws:policy/X` is AWS managed policy X in
    // whatever partition: the same document, read from the catalog.
    const managedArn = awsManagedPolicyArn(arn);
    if (managedArn !== undefined) arn = managedArn;
    const awsManaged = managedArn !== undefined;
    // A customer managed policy the plan does not hold is reported unverifiable, never skipped.
    const held = this.attachManaged(arn, 'identity');
    // A policy read by a data source is reported where it is attached, as an AWS managed policy is
    // (on its holder), not on the data source shared by every holder.
    const existing = held !== undefined && this.managed.get(key)?.existing === true;
    // A principal outside the plan stands at the first resource naming it: the attachment's own
    // place says where this policy comes from.
    const place = principal.existing === true ? this.location(at) : undefined;
    const policy = existing
      ? { ...held, location: place ?? principal.location }
      : (held ?? (awsManaged ? undefined : notInPlan()));
    principal.policies.push({
      kind: awsManaged ? 'aws-managed' : 'managed',
      arn,
      ...(policy === undefined ? {} : { policy }),
      ...(awsManaged && place !== undefined ? { location: place } : {}),
      ...(this.addedBy(at, principal, key) ? { added: true } : {}),
    });
  }

  /**
   * A managed policy attached by `at` that the plan neither creates nor reads: an existing policy
   * named by its ARN, or one whose ARN is known only after apply.
   */
  private policyNotInPlan(arn: PolicyValue, at: Instance): PolicySource {
    const text = this.arnText(arn);
    const sources = typeof arn === 'string' ? [] : arn.holes().map((hole) => hole.source);
    // A hole names its reference from the root (`module.api.aws_iam_policy.x.arn`).
    const prefix = at.moduleAddress === '' ? '' : `${at.moduleAddress}.`;
    const undeclared = this.resolver.undeclaredReference(
      at.moduleAddress,
      sources.map((source) => (prefix !== '' && source.startsWith(prefix) ? source.slice(prefix.length) : source)),
    );
    return {
      id: text,
      name: text,
      document: undefined,
      location: this.location(at),
      unresolved:
        typeof arn === 'string'
          ? { reason: `policy \`${text}\` is not in ${this.input}`, references: [text] }
          : {
              reason:
                undeclared === undefined
                  ? `the ARN of the policy \`${at.address}\` attaches is known only after apply`
                  : `the ARN of the policy \`${at.address}\` attaches ${undeclared}`,
              references: sources,
            },
    };
  }

  /**
   * The customer managed policy a permission set names that the plan does not define: IAM Identity
   * Center looks it up by path and name in each account the permission set is provisioned to, so
   * its ARN is neither the provider's account nor waiting for apply.
   */
  private customerPolicyNotInPlan(arn: PolicyValue, at: Instance): PolicySource {
    const text = this.arnText(arn);
    const pathName = text.slice(text.indexOf(':policy') + ':policy'.length);
    return {
      id: text,
      name: pathName,
      document: undefined,
      location: this.location(at),
      unresolved: {
        reason: `IAM Identity Center looks it up by path and name in each account the permission set is provisioned to, and ${this.input} does not define it`,
        references: [text],
      },
    };
  }

  /** A single-valued attribute: known, or rebuilt from its configuration. */
  private scalar(instance: Instance, attribute: string): PolicyValue | undefined {
    const value = instance.values[attribute];
    if (unknownAt(instance.unknown, [attribute]) !== true) return typeof value === 'string' ? value : undefined;
    const positional = this.resolver.positionalValue(instance, attribute, defaultAttribute(attribute));
    if (positional !== undefined) return positional;
    const templated = this.resolver.sourceScalar(instance, attribute, this.scope(instance));
    if (templated !== undefined) return templated;
    return this.resolver.scalar(
      expressionAt(instance.config?.expressions, [attribute]),
      this.scope(instance),
      defaultAttribute(attribute),
    );
  }

  /** A list attribute: known elements, unknown ones rebuilt from the configuration references. */
  private list(instance: Instance, attribute: string): PolicyValue[] {
    const value = instance.values[attribute];
    const marker = unknownAt(instance.unknown, [attribute]);
    const expression = expressionAt(instance.config?.expressions, [attribute]);
    if (marker === true) return this.resolver.list(expression, this.scope(instance), 'arn');
    const known = Array.isArray(value) ? (value as unknown[]) : [];
    const out: PolicyValue[] = known.filter((v): v is string => typeof v === 'string');
    if (Array.isArray(marker) && marker.some((m) => m === true))
      out.push(...this.resolver.list(expression, this.scope(instance), 'arn'));
    return out;
  }

  /**
   * The principal of the plan an attribute names: the instance its configuration refers to (see
   * `Resolver.namedInstance`), else the principal with the name or ARN the plan shows or the
   * configuration rebuilds. `value` is a name already read (from a list attribute).
   */
  private target(
    instance: Instance,
    attribute: string,
    kind: PrincipalKind,
    value?: PolicyValue,
  ): PrincipalDraft | undefined {
    const byText = this.principalsByText.get(kind);
    if (value !== undefined) return typeof value === 'string' && value !== '' ? byText?.get(value) : undefined;
    const raw = instance.values[attribute];
    const known =
      typeof raw === 'string' && raw !== '' && unknownAt(instance.unknown, [attribute]) !== true ? raw : undefined;
    const expression = expressionAt(instance.config?.expressions, [attribute]);
    const found = this.resolver.namedInstance(expression, this.scope(instance), `aws_iam_${kind}`, [attribute], known);
    const draft = found === undefined ? undefined : this.principals.get(found.address);
    if (draft !== undefined) return draft;
    // A name known only through a module output or a variable is rebuilt from the configuration.
    const text = known ?? this.resolver.scalar(expression, this.scope(instance), 'name');
    const named = typeof text === 'string' && text !== '' ? byText?.get(text) : undefined;
    if (named === undefined && this.hcl === undefined && (expression?.references ?? []).length > 0)
      this.linkLeft = true;
    return named;
  }

  private targets(instance: Instance, attribute: string, kind: PrincipalKind): PrincipalDraft[] {
    const known = instance.values[attribute];
    const names = Array.isArray(known) ? (known as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const found = new Set<PrincipalDraft>();
    for (const name of names) {
      const draft = this.target(instance, '', kind, name);
      if (draft !== undefined) found.add(draft);
    }
    // Every name known and found: the references add nothing, and one naming a repeated block
    // whole (`aws_iam_group.g[each.value.group].name`) would stand for every instance.
    if (Array.isArray(known) && names.length === known.length && found.size === new Set(names).size) return [...found];
    const expression = expressionAt(instance.config?.expressions, [attribute]);
    this.referencedTargets(expression, this.scope(instance), kind, found, 0);
    return [...found];
  }

  /**
   * The principals of `kind` a list expression names by reference, followed through the variables
   * of modules (`users = var.group_users` given `[aws_iam_user.alice.name]` by the caller).
   */
  private referencedTargets(
    expression: Expression | undefined,
    scope: Scope,
    kind: PrincipalKind,
    found: Set<PrincipalDraft>,
    depth: number,
  ): void {
    if (expression === undefined || depth > 20) return;
    for (const text of meaningfulReferences(expression.references ?? [])) {
      const ref = parseReference(text);
      // The variable whole, or an element of it (`var.users[0]`, the plan's reference to a pending element).
      if (ref.kind === 'var' && /^var\.[\w-]+(\[\d+\])?$/.test(text)) {
        const chased = this.resolver.chaseVariable(ref.name, { moduleAddress: scope.moduleAddress, key: undefined });
        if (chased !== undefined && 'expression' in chased)
          this.referencedTargets(chased.expression, chased.scope, kind, found, depth + 1);
        continue;
      }
      if (ref.kind !== 'resource' || ref.type !== `aws_iam_${kind}`) continue;
      for (const candidate of ref.key === undefined
        ? this.index.declaration(scope.moduleAddress, 'managed', ref.type, ref.name)
        : [this.index.pick(scope.moduleAddress, 'managed', ref.type, ref.name, ref.key, undefined)]) {
        const draft = candidate === undefined ? undefined : this.principals.get(candidate.address);
        if (draft !== undefined) found.add(draft);
      }
    }
  }

  private other(instance: Instance): void {
    const type = instance.type;
    const link = PRINCIPAL_LINKS.get(type);
    if (link !== undefined) {
      if (link.link === 'inline') this.inlinePolicy(instance, link.kind);
      else if (link.link === 'attachment') this.attachment(instance, link.kind);
      else this.exclusiveAttachments(instance, link.kind);
      return;
    }
    if (ACL_TYPES.has(type)) {
      this.acl(instance);
      // A bucket may carry a policy too.
      if (type !== 'aws_s3_bucket') return;
    }
    // Typed by OTHER_TYPES: a case missing from the list (so never parsed, see CHANGES_READ) does not compile.
    switch (type as (typeof OTHER_TYPES)[number]) {
      case 'aws_iam_policy_attachment': {
        this.policyAttachment(instance);
        return;
      }
      case 'aws_iam_user_group_membership': {
        this.userGroupMembership(instance);
        return;
      }
      case 'aws_iam_group_membership': {
        this.groupMembership(instance);
        return;
      }
      case 'aws_iam_access_key':
      case 'aws_iam_user_login_profile': {
        this.credential(instance, type === 'aws_iam_access_key' ? 'access-key' : 'login-profile');
        return;
      }
      case 'aws_iam_service_specific_credential': {
        this.credential(instance, 'service-credential', this.scalar(instance, 'service_name'));
        return;
      }
      case 'aws_iam_account_password_policy':
        this.settings.push({
          kind: 'password-policy',
          settings: { ...instance.values },
          location: this.location(instance),
        });
        return;
      case 'aws_iam_openid_connect_provider':
      case 'aws_iam_saml_provider': {
        this.identityProvider(instance);
        return;
      }
      case 'aws_lambda_permission': {
        this.lambdaPermission(instance);
        return;
      }
      case 'aws_organizations_policy': {
        this.organizationsPolicy(instance);
        return;
      }
      case 'aws_ssoadmin_permission_set_inline_policy': {
        const source = this.policySource(instance, ['inline_policy'], instance.address, instance.address);
        if (source === undefined) return;
        const holder = this.permissionSetOf(instance);
        if (holder === undefined) this.standalone.push({ policy: source, type: 'identity' });
        else
          holder.policies.push({
            kind: 'inline',
            policy: source,
            ...(this.addedBy(instance, holder) ? { added: true } : {}),
          });
        return;
      }
      case 'aws_ssoadmin_managed_policy_attachment': {
        const arn = this.scalar(instance, 'managed_policy_arn');
        if (arn !== undefined) this.addManaged(this.permissionSetOrStandIn(instance), arn, instance);
        return;
      }
      case 'aws_ssoadmin_customer_managed_policy_attachment': {
        const arn = this.customerPolicyReference(instance, ['customer_managed_policy_reference', 0]);
        if (arn !== undefined)
          this.addManaged(this.permissionSetOrStandIn(instance), arn, instance, () =>
            this.customerPolicyNotInPlan(arn, instance),
          );
        return;
      }
      case 'aws_ssoadmin_permissions_boundary_attachment': {
        const block = ['permissions_boundary', 0] as const;
        // An AWS managed policy ARN only apply knows (`arn:${partition}:iam::aws:policy/X`) is
        // rebuilt from the configuration: the boundary was dropped, and the permission set uncapped.
        const managedPath = [...block, 'managed_policy_arn'];
        const written = expressionAt(instance.config?.expressions, managedPath) !== undefined;
        const arn =
          asAwsManaged(written ? this.blockScalar(instance, managedPath) : this.nestedText(instance, managedPath)) ??
          this.customerPolicyReference(instance, [...block, 'customer_managed_policy_reference', 0]);
        if (arn === undefined) return;
        const policy = this.attachManaged(arn, 'boundary');
        this.permissionSetOrStandIn(instance).permissionsBoundary = policy === undefined ? { arn } : { arn, policy };
        return;
      }
      case 'aws_lambda_function_url': {
        this.functionUrl(instance);
        return;
      }
      case 'aws_lambda_layer_version_permission': {
        this.layerPermission(instance);
        return;
      }
      case 'aws_iam_role_policies_exclusive': {
        this.exclusiveInlinePolicies(instance);
        return;
      }
      case 'aws_cloudwatch_event_permission': {
        this.eventBusPermission(instance);
        return;
      }
      case 'aws_s3control_multi_region_access_point_policy': {
        this.multiRegionAccessPointPolicy(instance);
        return;
      }
      case 'aws_signer_signing_profile_permission': {
        this.signingProfilePermission(instance);
        return;
      }
      case 'aws_kms_grant': {
        this.kmsGrant(instance);
        return;
      }
      case 'aws_vpc_endpoint_service':
      case 'aws_vpc_endpoint_service_allowed_principal': {
        this.endpointServicePrincipals(instance);
        return;
      }
      case 'aws_db_snapshot':
      case 'aws_db_cluster_snapshot':
      case 'aws_ami_launch_permission':
      case 'aws_ebs_snapshot_create_volume_permission':
      case 'aws_ssm_document': {
        this.sharing(instance);
        return;
      }
      case 'aws_ram_principal_association': {
        this.resourceShare(instance);
        return;
      }
      case 'aws_lakeformation_permissions': {
        this.lakeFormationPermissions(instance);
        return;
      }
      case 'aws_servicecatalog_portfolio_share': {
        this.portfolioShare(instance);
        return;
      }
      case 'aws_opensearchserverless_access_policy': {
        this.collectionAccessPolicy(instance);
        return;
      }
      case 'aws_redshift_endpoint_authorization':
      case 'aws_opensearch_authorize_vpc_endpoint_access':
      case 'aws_directory_service_shared_directory':
      case 'aws_redshift_data_share_authorization':
      case 'aws_licensemanager_grant': {
        this.accountAuthorization(instance);
        return;
      }
      case 'aws_s3control_access_grant': {
        this.accessGrant(instance);
        return;
      }
      case 'aws_config_aggregate_authorization': {
        this.aggregateAuthorization(instance);
        return;
      }
      case 'aws_securitylake_subscriber': {
        this.lakeSubscriber(instance);
        return;
      }
      case 'aws_eks_access_entry':
      case 'aws_eks_access_policy_association': {
        this.clusterAccess(instance);
        return;
      }
      case 'aws_iot_policy': {
        // An AWS IoT Core policy is identity-based: it allows what the certificates and identities
        // it is attached to may do (`iot:*` on `*` lets a device attach policies, read any shadow).
        this.standalone.push({ policy: this.requiredPolicy(instance), type: 'identity' });
        return;
      }
      case 'aws_transfer_user':
      case 'aws_transfer_access': {
        // A Transfer Family session policy: it narrows the user's role for each session (and names
        // the user's home with `${transfer:...}` variables); linted as a session policy.
        const source = this.policySource(instance, ['policy'], instance.address, instance.address);
        if (source !== undefined) this.standalone.push({ policy: source, type: 'session' });
        return;
      }
      default: {
        this.resourcePolicy(instance);
        return;
      }
    }
  }

  private inlinePolicy(instance: Instance, kind: PrincipalKind): void {
    const source = this.requiredPolicy(instance);
    // A principal outside the plan (or that it does not tell) is stood for, so that the policy is
    // judged with the others attached to it.
    const owner = this.target(instance, kind, kind) ?? this.standIn(instance, kind, this.knownText(instance, kind));
    const name = this.knownText(instance, 'name');
    const mirror = name === undefined ? undefined : this.mirroredInline.get(owner)?.get(name);
    const at = mirror === undefined ? -1 : owner.policies.indexOf(mirror);
    if (at >= 0) owner.policies.splice(at, 1);
    // Created where the role already shows a policy of that name (made outside Terraform, now
    // managed: PutRolePolicy replaces it): that one is its previous version, nothing is added.
    const adopted = at >= 0 && instance.before === undefined && mirror?.policy?.document !== undefined;
    const policy =
      adopted && source.before === undefined && !sameDocument(source.document, mirror?.policy?.document)
        ? { ...source, before: { document: mirror?.policy?.document } }
        : source;
    const added = !adopted && this.addedBy(instance, owner) ? ({ added: true } as const) : {};
    owner.policies.push({ kind: 'inline', policy, ...added });
    if (kind === 'group')
      this.groupPolicies.set(owner.id, [
        ...(this.groupPolicies.get(owner.id) ?? []),
        { kind: 'group', policy: source, via: owner.id, ...added },
      ]);
  }

  /**
   * Whether the link `at` (an attachment, an inline policy, a role's own `managed_policy_arns`)
   * gives `principal` a policy it did not have before the plan: the principal existed (kept by the
   * plan, or outside it) and the link is new, or its previous values did not name this policy
   * (`arn`, as text) or this principal. Read by "what this plan changes".
   */
  private addedBy(at: Instance, principal: PrincipalDraft, arn?: string): boolean {
    // A configuration read without a plan changes nothing: a role it does not create is given
    // what the configuration attaches, with no before-version to compare with.
    if (this.planless) return false;
    const own = this.index.get(principal.id);
    if (own?.actions.includes('create') === true && !replacedKeepingName(own)) return false;
    // Unchanged, it gives nothing new (and its `before`, the same as its values, is not read).
    if (isUnchanged(at)) return false;
    const before = at.before;
    if (before === undefined) return at !== own && at.actions.includes('create');
    const listed = (...keys: string[]): unknown[] => keys.flatMap((k) => [before[k]].flat());
    if (arn !== undefined) {
      const arns = listed('policy_arn', 'policy_arns', 'managed_policy_arns');
      // A replaced policy attached where its previous version was is the same policy, changed.
      const previous = this.replacedPolicies.get(arn);
      if (!arns.includes(arn) && (previous === undefined || !arns.includes(previous))) return true;
    }
    if (at === own || typeof principal.name !== 'string') return false;
    // The arguments that name principals of its kind, an empty list included (`roles = []` before).
    const keys = [principal.kind, `${principal.kind}s`, `${principal.kind}_name`].filter(
      (k) => before[k] !== undefined && before[k] !== null,
    );
    return keys.length > 0 && !listed(...keys).includes(principal.name);
  }

  /**
   * A role policy or attachment this plan destroys: the role's computed `inline_policy` or
   * `managed_policy_arns`, as last read, still shows it; after apply the role no longer has it.
   * A user's or group's is taken off them too (see {@link detachFromUsersAndGroups}).
   */
  private detach({ address, type, change }: ResourceChange, renamedFrom: ReadonlySet<string>): void {
    const before = (change.before ?? {}) as Readonly<Record<string, unknown>>;
    const replaced = change.actions.includes('create');
    const text = (value: unknown): string | undefined =>
      typeof value === 'string' && value !== '' ? value : undefined;
    const roles = this.principalsByText.get('role');
    const policyArn = text(before['policy_arn']);
    const names =
      type === 'aws_iam_policy_attachment' && Array.isArray(before['roles']) ? before['roles'] : [before['role']];
    for (const name of names) {
      const role = roles?.get(text(name) ?? '');
      if (role === undefined) continue;
      const mirror =
        type === 'aws_iam_role_policy'
          ? this.mirroredInline.get(role)?.get(text(before['name']) ?? '')
          : type === 'aws_iam_role_policy_attachment' || type === 'aws_iam_policy_attachment'
            ? this.mirroredManaged.get(role)?.get(policyArn ?? '')
            : undefined;
      const at = mirror === undefined ? -1 : role.policies.indexOf(mirror);
      // A renamed policy is the same policy, changed: its new version carries the old one (as a
      // replaced inline policy does).
      const renamed =
        (policyArn !== undefined && renamedFrom.has(policyArn)) || (replaced && type === 'aws_iam_role_policy');
      if (at >= 0 && renamed) role.policies.splice(at, 1);
      else if (at >= 0) detachFrom(role, at);
    }
    // Replaced, an inline policy's new version carries the old one.
    if (!(replaced && PRINCIPAL_LINKS.get(type)?.link === 'inline'))
      this.detachFromUsersAndGroups(address, type, before);
  }

  /**
   * A user's or group's attachment or inline policy this plan destroys (or an
   * `aws_iam_policy_attachment` whose update drops them): no user or group shows what it holds, so
   * what the previous values linked is detached from the kept principal they name, unless it
   * still holds the policy.
   */
  private detachFromUsersAndGroups(address: string, type: string, before: Readonly<Record<string, unknown>>): void {
    const text = (value: unknown): string | undefined =>
      typeof value === 'string' && value !== '' ? value : undefined;
    const link = PRINCIPAL_LINKS.get(type);
    const kinds: readonly ('user' | 'group')[] =
      type === 'aws_iam_policy_attachment'
        ? ['user', 'group']
        : link !== undefined && link.kind !== 'role' && link.link !== 'exclusive'
          ? [link.kind]
          : [];
    for (const kind of kinds) {
      const names = type === 'aws_iam_policy_attachment' ? [before[`${kind}s`]].flat() : [before[kind]];
      for (const name of names) {
        const principal = this.principalsByText.get(kind)?.get(text(name) ?? '');
        if (principal === undefined || principal.existing === true) continue;
        if (this.index.get(principal.id)?.actions.includes('create') === true) continue;
        const detached = this.previousLink(address, type, before, principal);
        if (detached === undefined) continue;
        principal.detached = [...(principal.detached ?? []), detached];
        if (kind === 'group')
          this.groupDetached.set(principal.id, [...(this.groupDetached.get(principal.id) ?? []), detached]);
      }
    }
  }

  /** What a destroyed link gave `principal` and no longer does (undefined when it still holds it). */
  private previousLink(
    address: string,
    type: string,
    before: Readonly<Record<string, unknown>>,
    principal: PrincipalDraft,
  ): AttachedPolicy | undefined {
    const location = principal.location;
    if (PRINCIPAL_LINKS.get(type)?.link === 'inline') {
      const document = before['policy'];
      const name = typeof before['name'] === 'string' ? before['name'] : '';
      if (typeof document !== 'string' || document.trim() === '') return undefined;
      return { kind: 'inline', policy: { id: `${principal.id}:${name}`, name: address, document, location } };
    }
    const arn =
      typeof before['policy_arn'] === 'string' && before['policy_arn'] !== '' ? before['policy_arn'] : undefined;
    if (arn === undefined) return undefined;
    if (principal.policies.some((p) => p.arn !== undefined && this.arnText(p.arn) === arn)) return undefined;
    const awsManaged = awsManagedPolicyArn(arn);
    if (awsManaged !== undefined) return { kind: 'aws-managed', arn: awsManaged };
    const held = this.managed.get(arn)?.source;
    return {
      kind: 'managed',
      arn,
      policy: held ?? {
        id: arn,
        name: arn,
        document: undefined,
        location,
        unresolved: { reason: `policy \`${arn}\` is not in ${this.input}`, references: [arn] },
      },
    };
  }

  private attachment(instance: Instance, kind: PrincipalKind): void {
    const arn = this.attachedArn(instance);
    const owner = this.target(instance, kind, kind);
    if (arn === undefined || owner === undefined) {
      this.orphanAttachment(instance, arn, kind, this.knownText(instance, kind));
      return;
    }
    this.addManaged(owner, arn, instance);
  }

  private exclusiveAttachments(instance: Instance, kind: PrincipalKind): void {
    const owner = this.target(instance, `${kind}_name`, kind);
    const arns = this.list(instance, 'policy_arns');
    for (const arn of arns) {
      if (owner === undefined) this.orphanAttachment(instance, arn, kind, this.knownText(instance, `${kind}_name`));
      else this.addManaged(owner, arn, instance);
    }
    // The policies the role shows that the list leaves off are detached at apply. An ARN known
    // only after apply is a policy new to the plan (or replaced), which the role cannot show yet.
    if (owner === undefined || unknownAt(instance.unknown, ['policy_arns']) === true) return;
    const listed = new Set(arns.map((arn) => this.arnText(arn)));
    this.dropMirrored(owner, this.mirroredManaged.get(owner), (key) => !listed.has(key));
  }

  /**
   * `aws_iam_role_policies_exclusive`: the role's inline policies it does not name are deleted at
   * apply, so the entries of the role's computed `inline_policy` it leaves off are not the role's.
   */
  private exclusiveInlinePolicies(instance: Instance): void {
    const owner = this.target(instance, 'role_name', 'role');
    const names = instance.values['policy_names'];
    if (owner === undefined || !Array.isArray(names) || unknownAt(instance.unknown, ['policy_names']) === true) return;
    const listed = new Set(names.filter((n): n is string => typeof n === 'string'));
    this.dropMirrored(owner, this.mirroredInline.get(owner), (name) => !listed.has(name));
  }

  /** Takes the mirrored entries `drop` selects off the principal (and out of the mirror). */
  private dropMirrored(
    principal: PrincipalDraft,
    mirrored: Map<string, AttachedPolicy> | undefined,
    drop: (key: string) => boolean,
  ): void {
    for (const [key, attached] of mirrored ?? []) {
      if (!drop(key)) continue;
      const at = principal.policies.indexOf(attached);
      if (at >= 0) detachFrom(principal, at);
      mirrored?.delete(key);
    }
  }

  /** The text of an attribute when the plan shows it. */
  private knownText(instance: Instance, attribute: string): string | undefined {
    const value = instance.values[attribute];
    return typeof value === 'string' && value !== '' && unknownAt(instance.unknown, [attribute]) !== true
      ? value
      : undefined;
  }

  /** An argument as `scalar` reads it, an empty string counting as not given (the provider's default). */
  private givenScalar(instance: Instance, attribute: string): PolicyValue | undefined {
    const value = this.scalar(instance, attribute);
    return value === '' ? undefined : value;
  }

  /**
   * The `policy_arn` of an attachment; one only apply knows and not rebuilt from its references
   * (`var.arns[count.index]` under a `count` the text does not fix) is a hole named after the
   * attachment, checked as a policy that cannot be read, never an attachment dropped.
   */
  private attachedArn(instance: Instance): PolicyValue | undefined {
    const arn = this.scalar(instance, 'policy_arn');
    if (arn !== undefined || unknownAt(instance.unknown, ['policy_arn']) !== true) return arn;
    return hole(`${instance.address}.policy_arn`, `${instance.address}.policy_arn`);
  }

  /**
   * A policy attached to a principal outside the plan, or to one the plan does not tell, is still
   * judged, on a principal that stands for the one attached to (named as the plan shows it, else
   * by the attachment): a managed policy of the plan (or read by a data source), or an AWS managed
   * policy by its ARN, judged as on a principal of the plan; any other policy is unverifiable.
   */
  private orphanAttachment(
    instance: Instance,
    arn: PolicyValue | undefined,
    kind: PrincipalKind,
    name: string | undefined,
  ): void {
    if (arn === undefined) return;
    const holder = this.standIn(instance, kind, name);
    this.addManaged(holder, arn, instance);
  }

  /** The principal standing for one outside the plan (or that it does not tell), by kind and name. */
  private standIn(instance: Instance, kind: PrincipalKind, name: string | undefined): PrincipalDraft {
    const id = name ?? instance.address;
    let holder = this.outside.get(`${kind}|${id}`);
    if (holder === undefined) {
      holder = {
        id,
        kind,
        name,
        path: undefined,
        arn: undefined,
        policies: [],
        tags: {},
        credentials: [],
        members: [],
        existing: true,
        location: this.location(instance),
      };
      const account = this.resolver.account();
      if (typeof account === 'string') holder.account = account;
      this.outside.set(`${kind}|${id}`, holder);
    }
    return holder;
  }

  private policyAttachment(instance: Instance): void {
    const arn = this.attachedArn(instance);
    if (arn === undefined) return;
    let owners = 0;
    for (const kind of ['role', 'user', 'group'] as const) {
      for (const owner of this.targets(instance, `${kind}s`, kind)) {
        this.addManaged(owner, arn, instance);
        if (kind === 'group') this.recordGroupManaged(owner, arn, this.addedBy(instance, owner, this.arnText(arn)));
        owners += 1;
      }
    }
    if (owners > 0) return;
    // Attached only outside the plan: each principal it names (the plan shows their names) holds it.
    let named = 0;
    for (const kind of ['role', 'user', 'group'] as const) {
      const names = instance.values[`${kind}s`];
      for (const name of Array.isArray(names) ? (names as unknown[]) : [])
        if (typeof name === 'string' && name !== '') {
          this.orphanAttachment(instance, arn, kind, name);
          named += 1;
        }
    }
    if (named === 0) this.orphanAttachment(instance, arn, 'role', undefined);
  }

  private recordGroupManaged(group: PrincipalDraft, arn: PolicyValue, added: boolean): void {
    const policy = this.managed.get(this.arnText(arn))?.source;
    this.groupPolicies.set(group.id, [
      ...(this.groupPolicies.get(group.id) ?? []),
      {
        kind: 'group',
        arn,
        via: group.id,
        ...(policy === undefined ? {} : { policy }),
        ...(added ? { added: true } : {}),
      },
    ]);
  }

  private userGroupMembership(instance: Instance): void {
    const user = this.target(instance, 'user', 'user');
    if (user === undefined) return;
    for (const group of this.targets(instance, 'groups', 'group')) this.join(instance, group, user);
  }

  private groupMembership(instance: Instance): void {
    const group = this.target(instance, 'group', 'group');
    if (group === undefined) return;
    for (const user of this.targets(instance, 'users', 'user')) this.join(instance, group, user);
  }

  /**
   * `user` is a member of `group` through `at`; a membership new to a user that existed (the
   * membership created, or its previous values naming neither) brings the group's policies as
   * gains (a new group included: its policies are new to the user).
   */
  private join(at: Instance, group: PrincipalDraft, user: PrincipalDraft): void {
    if (!group.members.includes(user.id)) group.members.push(user.id);
    if (this.planless || this.index.get(user.id)?.actions.includes('create') === true) return;
    if (isUnchanged(at)) return;
    const before = at.before;
    const named = (principal: PrincipalDraft): boolean =>
      before !== undefined &&
      typeof principal.name === 'string' &&
      [before[principal.kind], before[`${principal.kind}s`]].flat().includes(principal.name);
    if (before === undefined ? at.actions.includes('create') : !(named(group) && named(user)))
      this.newMemberships.add(`${group.id}|${user.id}`);
  }

  /**
   * The memberships an update or destroy of `aws_iam_user_group_membership` or
   * `aws_iam_group_membership` ends: the groups or users its previous values name that its new
   * ones do not.
   */
  private endMemberships(): void {
    const names = (values: unknown, key: string): string[] =>
      values !== null && typeof values === 'object'
        ? [(values as Record<string, unknown>)[key]]
            .flat()
            .filter((n): n is string => typeof n === 'string' && n !== '')
        : [];
    const byName = (kind: PrincipalKind, name: string): PrincipalDraft | undefined =>
      this.principalsByText.get(kind)?.get(name);
    for (const { type, change } of this.index.plan.resource_changes ?? []) {
      if (change.before === null || change.before === undefined) continue;
      if (!change.actions.includes('update') && !change.actions.includes('delete')) continue;
      const [single, many, listed] =
        type === 'aws_iam_user_group_membership'
          ? (['user', 'groups', 'group'] as const)
          : type === 'aws_iam_group_membership'
            ? (['group', 'users', 'user'] as const)
            : [undefined, undefined, undefined];
      if (single === undefined) continue;
      const owner = byName(single, names(change.before, single)[0] ?? '');
      if (owner === undefined) continue;
      const kept = new Set(change.actions.includes('delete') ? [] : names(change.after, many));
      for (const name of names(change.before, many)) {
        const other = kept.has(name) ? undefined : byName(listed, name);
        if (other === undefined) continue;
        const [group, user] = single === 'user' ? [other, owner] : [owner, other];
        this.endedMemberships.add(`${group.id}|${user.id}`);
      }
    }
  }

  /** Users receive the policies of their groups, marked with the group they come through. */
  private groupsToUsers(): void {
    for (const group of this.principals.values()) {
      if (group.kind !== 'group') continue;
      const inherited: AttachedPolicy[] = [
        ...(this.groupPolicies.get(group.id) ?? []),
        ...group.policies
          .filter((p) => p.kind !== 'inline')
          .filter(
            (p) =>
              !(this.groupPolicies.get(group.id) ?? []).some(
                (g) => g.arn !== undefined && p.arn !== undefined && valueToString(g.arn) === valueToString(p.arn),
              ),
          )
          .map((p) => ({ ...p, kind: 'group' as const, via: group.id })),
      ];
      const taken = (this.groupDetached.get(group.id) ?? []).map((p) => ({
        ...p,
        kind: 'group' as const,
        via: group.id,
      }));
      // Members no longer: what the group holds, and what the plan takes off it, is lost.
      for (const user of this.principals.values()) {
        if (user.kind !== 'user' || group.members.includes(user.id)) continue;
        if (!this.endedMemberships.has(`${group.id}|${user.id}`)) continue;
        if (this.index.get(user.id)?.actions.includes('create') === true) continue;
        const held = inherited.filter((p) => p.added !== true).map((p) => withoutAdded(p));
        user.detached = [...(user.detached ?? []), ...held, ...taken];
      }
      for (const member of group.members) {
        const user = this.principals.get(member);
        if (user === undefined) continue;
        if (taken.length > 0 && this.index.get(user.id)?.actions.includes('create') !== true)
          user.detached = [...(user.detached ?? []), ...taken];
        // What a new user inherits is no gain; what an existing user newly joins for is.
        if (this.index.get(user.id)?.actions.includes('create') === true)
          user.policies.push(...inherited.map((p) => withoutAdded(p)));
        else if (this.newMemberships.has(`${group.id}|${member}`))
          user.policies.push(...inherited.map((p) => ({ ...p, added: true })));
        else user.policies.push(...inherited);
      }
    }
  }

  private credential(instance: Instance, kind: CredentialKind, service?: PolicyValue): void {
    // `user_name` names the user of a service-specific credential, `user` the others'.
    const attribute = kind === 'service-credential' ? 'user_name' : 'user';
    // A user the plan does not hold (it exists already) still gets the credential the plan creates.
    const named = this.scalar(instance, attribute);
    const user =
      this.target(instance, attribute, 'user') ??
      this.standIn(instance, 'user', typeof named === 'string' && named !== '' ? named : undefined);
    user.credentials.push({ kind, ...(service === undefined ? {} : { service }), location: this.location(instance) });
  }

  private identityProvider(instance: Instance): void {
    const oidc = instance.type === 'aws_iam_openid_connect_provider';
    const url = this.scalar(instance, 'url');
    this.providers.push({
      id: instance.address,
      kind: oidc ? 'oidc' : 'saml',
      arn: this.resolver.attribute(instance, 'arn'),
      ...(oidc && url !== undefined ? { url: typeof url === 'string' ? url.replace(/^https:\/\//, '') : url } : {}),
      ...(oidc ? { clientIds: this.list(instance, 'client_id_list') } : {}),
      location: this.location(instance),
    });
  }

  private organizationsPolicy(instance: Instance): void {
    const type = organizationsPolicyType(instance.values['type']);
    if (type === undefined) return;
    const source = this.policySource(instance, ['content'], instance.address, instance.address);
    if (source === undefined) return;
    // A tag policy made an SCP was no SCP before: only the version of this type is read.
    const before = instance.before === undefined ? type : organizationsPolicyType(instance.before['type']);
    this.organizationPolicies.set(instance.address, { instance, at: this.standalone.length });
    this.standalone.push({ policy: before === type ? source : withoutBefore(source), type });
  }

  /**
   * The roots, OUs and accounts each SCP and RCP of the plan is attached to: kept, attached by the
   * plan to one that exists (its id known: a target the plan creates holds no account yet), or
   * detached (an attachment destroyed, or replaced onto another target).
   */
  private organizationAttachments(live: readonly Instance[], superseded: readonly ResourceChange[]): void {
    if (this.planless) return;
    for (const change of superseded) this.destroyedOrganizationsPolicy(change);
    if (this.organizationPolicies.size === 0) return;
    const found = new Map<number, OrganizationTarget[]>();
    const add = (policy: number | undefined, target: OrganizationTarget): void => {
      if (policy !== undefined) found.set(policy, [...(found.get(policy) ?? []), target]);
    };
    const same = (
      before: Readonly<Record<string, unknown>> | null | undefined,
      after: Readonly<Record<string, unknown>>,
    ) =>
      before !== null &&
      before !== undefined &&
      before['target_id'] === after['target_id'] &&
      before['policy_id'] === after['policy_id'];
    for (const instance of live) {
      if (instance.mode !== 'managed' || instance.type !== ORGANIZATIONS_ATTACHMENT) continue;
      const kept = !instance.actions.includes('create') || same(instance.before, instance.values);
      const { created, ...target } = this.organizationTarget(instance);
      // Attached to an OU or account apply creates: none of the accounts that exist is under it,
      // unless the plan moves one there.
      if (!kept && created !== undefined && !this.accountMovedInto(created, live)) continue;
      add(this.attachedOrganizationPolicy(instance), {
        ...target,
        id: instance.address,
        location: this.location(instance),
        change: kept ? 'kept' : 'added',
      });
    }
    for (const { address, type, mode, deposed, change } of superseded) {
      const before = change.before;
      if (type !== ORGANIZATIONS_ATTACHMENT || mode === 'data' || deposed !== undefined) continue;
      if (before === null || before === undefined) continue;
      if (change.actions.includes('create') && same(before, change.after ?? {})) continue;
      const target = typeof before['target_id'] === 'string' ? before['target_id'] : '';
      add(this.organizationPolicyById(before['policy_id']), {
        target,
        targetKind: organizationTargetKind(target),
        id: address,
        location: { file: this.index.file, address },
        change: 'removed',
      });
    }
    for (const [at, targets] of found) {
      const entry = this.standalone[at];
      if (entry !== undefined) this.standalone[at] = { ...entry, targets: keptAcross(targets) };
    }
  }

  /**
   * An SCP or RCP the plan destroys (AWS Organizations deletes none still attached: its
   * attachments go in the same plan): held with its previous content and no document, so that
   * the targets its destroyed attachments named lose its limits.
   */
  private destroyedOrganizationsPolicy(change: ResourceChange): void {
    const { address, type, mode, deposed } = change;
    const before = change.change.before;
    if (type !== ORGANIZATIONS_POLICY || mode === 'data' || deposed !== undefined) return;
    if (change.change.actions.includes('create') || before === null || before === undefined) return;
    const kind = organizationsPolicyType(before['type']);
    if (kind === undefined || this.organizationPolicies.has(address)) return;
    const instance = this.asLastRead(change, before);
    const source = this.policySource(instance, ['content'], address, address, null);
    if (source === undefined) return;
    this.organizationPolicies.set(address, { instance, at: this.standalone.length });
    this.standalone.push({ policy: { ...source, document: null, before: { document: source.document } }, type: kind });
  }

  /** A resource the plan destroys, as an instance of its last-read values (`before`). */
  private asLastRead(change: ResourceChange, before: Record<string, unknown>): Instance {
    return {
      address: change.address,
      moduleAddress: change.module_address ?? moduleOf(change.address),
      mode: 'managed',
      type: change.type,
      name: change.name,
      key: change.index,
      values: before,
      unknown: {},
      sensitive: {},
      actions: change.change.actions,
      before: undefined,
      config: undefined,
      location: { file: this.index.file, address: change.address },
    };
  }

  /** The SCP or RCP of the plan an attachment's `policy_id` names: by reference, else by the id the plan shows. */
  private attachedOrganizationPolicy(instance: Instance): number | undefined {
    const known = instance.values['policy_id'];
    const expression = expressionAt(instance.config?.expressions, ['policy_id']);
    const text = typeof known === 'string' && unknownAt(instance.unknown, ['policy_id']) !== true ? known : undefined;
    const named = this.resolver.namedInstance(
      expression,
      this.scope(instance),
      ORGANIZATIONS_POLICY,
      ['policy_id'],
      text,
    );
    if (named !== undefined) return this.organizationPolicies.get(named.address)?.at;
    return this.organizationPolicyById(text);
  }

  /**
   * The SCP or RCP of the plan with that id, now or before the plan; not by its previous id when
   * it was another kind of policy then (a tag policy made an SCP: what attached it was no SCP).
   */
  private organizationPolicyById(id: unknown): number | undefined {
    if (typeof id !== 'string' || id === '') return undefined;
    for (const { instance, at } of this.organizationPolicies.values()) {
      if (instance.values['id'] === id) return at;
      const sameType =
        organizationsPolicyType(instance.before?.['type']) === organizationsPolicyType(instance.values['type']);
      if (sameType && instance.before?.['id'] === id) return at;
    }
    return undefined;
  }

  /**
   * The root, OU or account an attachment names: its id when the plan shows it, else the OU or
   * account of the plan it refers to (`created` when apply creates it).
   */
  private organizationTarget(
    instance: Instance,
  ): Pick<OrganizationTarget, 'target' | 'targetKind'> & { readonly created?: Instance } {
    const known = instance.values['target_id'];
    if (typeof known === 'string' && known !== '' && unknownAt(instance.unknown, ['target_id']) !== true)
      return { target: known, targetKind: organizationTargetKind(known) };
    const expression = expressionAt(instance.config?.expressions, ['target_id']);
    for (const [type, targetKind] of [
      [ORGANIZATIONS_OU, 'ou'],
      [ORGANIZATIONS_ACCOUNT, 'account'],
    ] as const) {
      const named = this.resolver.namedInstance(expression, this.scope(instance), type, ['target_id'], undefined);
      if (named !== undefined)
        return { target: named.address, targetKind, ...(named.before === undefined ? { created: named } : {}) };
    }
    const reference = meaningfulReferences(expression?.references ?? [])[0];
    return { target: reference ?? '', targetKind: 'unknown' };
  }

  /** Whether the plan moves an account that exists into the OU it creates (`parent_id` naming it). */
  private accountMovedInto(created: Instance, live: readonly Instance[]): boolean {
    if (created.type !== ORGANIZATIONS_OU) return false;
    return live.some(
      (account) =>
        account.mode === 'managed' &&
        account.type === ORGANIZATIONS_ACCOUNT &&
        account.before !== undefined &&
        this.resolver.namedInstance(
          expressionAt(account.config?.expressions, ['parent_id']),
          this.scope(account),
          ORGANIZATIONS_OU,
          ['parent_id'],
          undefined,
        )?.address === created.address,
    );
  }

  private resourcePolicy(instance: Instance): void {
    // `Object.hasOwn`: a type named like an Object.prototype member (`constructor`) is no resource policy.
    const spec = Object.hasOwn(RESOURCE_POLICY_TYPES, instance.type) ? RESOURCE_POLICY_TYPES[instance.type] : undefined;
    if (spec === undefined) return;
    // A resource whose whole purpose is the policy (`aws_s3_bucket_policy`) requires it; on a
    // resource that merely may carry one (`aws_s3_bucket.policy`), an absent policy is none.
    let source = POLICY_OPTIONAL.has(instance.type)
      ? this.policySource(instance, [spec.attribute], instance.address, instance.address)
      : this.requiredPolicy(instance, spec.attribute);
    if (source === undefined) return;
    let arn = this.protectedArn(instance, spec.target);
    if (spec.storedForm === 'implied-resource' && arn !== undefined) {
      const repository = arn;
      source = storedAs(source, (document) => withImpliedResource(document, repository));
    } else if (spec.storedForm === 'execute-api') {
      const api = this.executionArn(instance, spec.target);
      source = storedAs(source, (document) => expandExecuteApiShorthand(document, api));
      arn = prefixed('', new SymbolicValue([...parts(api), '/*']));
    }
    const entry: ResourceInput = {
      id: instance.address,
      type: instance.type,
      arn,
      policy: source,
      location: this.location(instance),
    };
    this.resources.push(entry);
    // A policy attribute of the resource itself that the configuration does not set shows the
    // policy as last read: perhaps one a dedicated resource of the plan manages (see `dropMirrors`).
    if (spec.target.kind === 'self' && expressionAt(instance.config?.expressions, [spec.attribute]) === undefined)
      this.mirroredResourcePolicies.add(entry);
  }

  /**
   * Marks the policies of buckets whose public access block (`aws_s3_bucket_public_access_block`
   * of the plan) sets `restrict_public_buckets`, of every bucket and access point of an account
   * whose block (`aws_s3_account_public_access_block`) sets it, and of access points that restrict
   * public access themselves (their own block, on unless turned off) or stand on a restricted bucket
   * (S3 checks the access point's, the bucket's and the account's settings on each request): AWS
   * then ignores the public grants of their policies. A setting known only after apply restricts
   * nothing that can be told.
   */
  private restrictPublicBuckets(live: readonly Instance[]): void {
    const restricted = new Set<string>();
    const accountBlocks: Instance[] = [];
    const accessPoints: Instance[] = [];
    for (const instance of live) {
      if (instance.mode !== 'managed') continue;
      if (instance.type === ACCESS_POINT) accessPoints.push(instance);
      if (instance.values['restrict_public_buckets'] !== true) continue;
      if (instance.type === ACCOUNT_PUBLIC_ACCESS_BLOCK) accountBlocks.push(instance);
      if (instance.type !== PUBLIC_ACCESS_BLOCK) continue;
      const bucket = this.protectedArn(instance, BUCKET);
      if (bucket !== undefined) restricted.add(this.arnText(bucket));
    }
    const restrictedPoints = new Set<string>();
    for (const point of accessPoints) {
      const bucket = this.protectedArn(point, BUCKET);
      if (restrictsItself(point) || (bucket !== undefined && restricted.has(this.arnText(bucket))))
        restrictedPoints.add(this.arnText(this.resolver.attribute(point, 'arn')));
    }
    const previously = this.publicAccessBefore();
    this.resources.forEach((r, i) => {
      const arn = r.arn === undefined ? undefined : this.arnText(r.arn);
      const byBucket = arn !== undefined && BUCKET_POLICY_TYPES.has(r.type) && restricted.has(arn);
      const byPoint = arn !== undefined && ACCESS_POINT_POLICY_TYPES.has(r.type) && restrictedPoints.has(arn);
      const byAccount =
        ACCOUNT_RESTRICTED_TYPES.has(r.type) && accountBlocks.some((block) => this.sameAccount(block, r.id));
      const now = byBucket || byPoint || byAccount;
      // A bucket policy that existed: whether the bucket's or the account's block restricted it before the plan.
      const before =
        arn !== undefined && BUCKET_POLICY_TYPES.has(r.type) && this.existed(r)
          ? previously.restricted.has(arn) || previously.accountRestricts
          : now;
      if (now || before !== now)
        this.resources[i] = {
          ...r,
          ...(now ? { publicAccessRestricted: true } : {}),
          ...(before !== now ? { publicAccessRestrictedBefore: before } : {}),
        };
    });
  }

  /** Whether the policy of `r` existed before the plan: it has a before-version, or its resource is not new. */
  private existed(r: ResourceInput): boolean {
    if (r.policy.before !== undefined) return true;
    const instance = this.index.get(r.id);
    return instance !== undefined && !(instance.actions.includes('create') && instance.before === undefined);
  }

  /**
   * The S3 Block Public Access settings and Object Ownership in force before the plan, from the
   * values the plan's changes start from (those it destroys included): the buckets (ARN text)
   * whose public policies were restricted, those whose ACLs were ignored or off, and whether the
   * account's block did either for all.
   */
  private publicAccessBefore(): {
    restricted: ReadonlySet<string>;
    aclsOff: ReadonlySet<string>;
    accountRestricts: boolean;
    accountIgnoresAcls: boolean;
  } {
    const restricted = new Set<string>();
    const aclsOff = new Set<string>();
    let accountRestricts = false;
    let accountIgnoresAcls = false;
    for (const change of this.index.plan.resource_changes ?? []) {
      const { type } = change;
      if (type !== PUBLIC_ACCESS_BLOCK && type !== ACCOUNT_PUBLIC_ACCESS_BLOCK && type !== OWNERSHIP_CONTROLS) continue;
      if (change.mode === 'data' || change.deposed !== undefined) continue;
      const { actions, before, after } = change.change;
      const unchanged = actions.every((a) => a === 'no-op' || a === 'read');
      const values = unchanged ? after : before;
      if (values === null || values === undefined) continue;
      const bucket = typeof values['bucket'] === 'string' ? `${BUCKET_ARN_PREFIX}${values['bucket']}` : undefined;
      if (type === ACCOUNT_PUBLIC_ACCESS_BLOCK) {
        accountRestricts ||= values['restrict_public_buckets'] === true;
        accountIgnoresAcls ||= values['ignore_public_acls'] === true;
      } else if (bucket === undefined) continue;
      else if (type === PUBLIC_ACCESS_BLOCK) {
        if (values['restrict_public_buckets'] === true) restricted.add(bucket);
        if (values['ignore_public_acls'] === true) aclsOff.add(bucket);
      } else if (recordsOf(values['rule']).some((rule) => rule['object_ownership'] === 'BucketOwnerEnforced'))
        aclsOff.add(bucket);
    }
    return { restricted, aclsOff, accountRestricts, accountIgnoresAcls };
  }

  /**
   * The public grants of an ACL (see `aclGrants`) as the resource policy S3 documents for them,
   * on the bucket or the object it is set on; kept aside until `aclsInEffect` knows the bucket's settings.
   */
  private acl(instance: Instance): void {
    const grants = this.aclGrants(instance);
    // A canned ACL the configuration sets to a value only apply knows may be a public one: said, not passed.
    const unknown =
      grants.length === 0 &&
      instance.config?.expressions?.['acl'] !== undefined &&
      unknownAt(instance.unknown, ['acl']) === true;
    // An update (or replacement) of an existing ACL: what it granted before.
    const changed =
      instance.before !== undefined && (instance.actions.includes('update') || instance.actions.includes('create'));
    const previousGrants = changed && instance.before !== undefined ? this.aclGrants(instance, instance.before) : [];
    if (grants.length === 0 && !unknown && previousGrants.length === 0) return;
    const bucket =
      instance.type === 'aws_s3_bucket'
        ? this.resolver.attribute(instance, 'arn')
        : this.protectedArn(instance, BUCKET);
    if (bucket === undefined) return;
    const location = this.location(instance);
    const source = { id: `${instance.address}#acl`, name: `${instance.address} (ACL)`, location };
    const acl = (arn: PolicyValue, policy: PolicySource): void => {
      this.acls.push({
        bucket: this.arnText(bucket),
        input: { id: instance.address, type: instance.type, arn, grantedBy: 'acl', policy, location },
      });
    };
    if (unknown) {
      const reason =
        'its canned ACL (`acl`) is known only after apply, so whether it makes the bucket public cannot be told';
      // An ACL that existed, changed to a value only apply knows: a change, unknown until apply.
      const previous =
        instance.before === undefined || OBJECT_TYPES.has(instance.type)
          ? undefined
          : (aclPolicy(
              { kind: 'bucket', bucket, objects: prefixed('', new SymbolicValue([...parts(bucket), '/*'])) },
              this.aclGrants(instance, instance.before),
            )?.document ?? null);
      acl(bucket, {
        ...source,
        document: undefined,
        unresolved: { reason, references: [] },
        ...(previous === undefined ? {} : { before: { document: previous } }),
      });
      return;
    }
    let target: AclTarget;
    if (OBJECT_TYPES.has(instance.type)) {
      const key = this.scalar(instance, 'key');
      if (key === undefined) return;
      target = { kind: 'object', object: prefixed('', new SymbolicValue([...parts(bucket), '/', ...parts(key)])) };
    } else target = { kind: 'bucket', bucket, objects: prefixed('', new SymbolicValue([...parts(bucket), '/*'])) };
    const protectedArn = target.kind === 'bucket' ? target.bucket : target.object;
    const policy = aclPolicy(target, grants);
    // What it granted before, none when nothing public.
    const previous = changed ? (aclPolicy(target, previousGrants)?.document ?? null) : undefined;
    if (policy === undefined) {
      // Made private: its public grants are removed (see `PolicySource.document`).
      if (previous !== undefined && previous !== null)
        acl(protectedArn, { ...source, document: null, before: { document: previous } });
      return;
    }
    acl(protectedArn, {
      ...source,
      document: policy.document,
      statementPointers: policy.statementPointers,
      ...(previous === undefined || sameDocument(previous, policy.document) ? {} : { before: { document: previous } }),
    });
  }

  /**
   * The public grants an ACL of the plan makes: a canned `acl` (`public-read`, `public-read-write`,
   * `authenticated-read`), and the grants to the `AllUsers` and `AuthenticatedUsers` groups of
   * `aws_s3_bucket_acl.access_control_policy` or of a bucket's own `grant` blocks. A bucket's
   * `acl` and `grant` count only when its configuration sets them: provider 4 and later show
   * there, computed, the ACL an `aws_s3_bucket_acl` manages. A value known only after apply grants
   * nothing that can be told (a canned ACL is almost always written as text). `values`: the
   * instance's before the change, for what the ACL granted then.
   */
  private aclGrants(instance: Instance, values = instance.values): AclGrant[] {
    const configured = (attribute: string): boolean =>
      instance.type !== 'aws_s3_bucket' ||
      instance.config === undefined ||
      // A nested block (`grant`) is a list of expressions, not one.
      instance.config.expressions?.[attribute] !== undefined;
    const grants: AclGrant[] = configured('acl') ? [...cannedAclGrants(values['acl'], '/acl')] : [];
    if (instance.type === 'aws_s3_bucket' && configured('grant')) {
      recordsOf(values['grant']).forEach((grant, i) => {
        const grantee = publicGrantee(grant['uri']);
        if (grantee === undefined) return;
        for (const value of Array.isArray(grant['permissions']) ? (grant['permissions'] as unknown[]) : []) {
          const permission = aclPermission(value);
          if (permission !== undefined) grants.push({ grantee, permission, pointer: `/grant/${String(i)}` });
        }
      });
    }
    if (instance.type === 'aws_s3_bucket_acl') {
      const policy = recordsOf(values['access_control_policy'])[0];
      recordsOf(policy?.['grant']).forEach((grant, i) => {
        const grantee = publicGrantee(recordsOf(grant['grantee'])[0]?.['uri']);
        const permission = aclPermission(grant['permission']);
        if (grantee !== undefined && permission !== undefined)
          grants.push({ grantee, permission, pointer: `/access_control_policy/0/grant/${String(i)}` });
      });
    }
    return grants;
  }

  /**
   * Adds the public ACLs that S3 applies: not those of a bucket whose Object Ownership is
   * `BucketOwnerEnforced` (ACLs are then off, for the bucket and its objects), nor of a bucket whose
   * public access block, or whose account's, sets `ignore_public_acls` (S3 then ignores public
   * grants). `block_public_acls` alone is not enough: it refuses new public ACLs, but one applied
   * before it (Terraform orders the two resources as it likes) keeps its effect.
   *
   * A plan that says nothing of the bucket's Object Ownership leaves the ACL reported. S3 gives new
   * buckets `BucketOwnerEnforced` since April 2023, and then refuses to apply the ACL; but the bucket
   * may be older, or its ownership set outside the plan, and an ACL resource is only written to be
   * applied: passing it silently would miss the buckets it does make public.
   */
  private aclsInEffect(live: readonly Instance[]): void {
    if (this.acls.length === 0) return;
    const off = new Set<string>();
    const accountBlocks: Instance[] = [];
    for (const instance of live) {
      if (instance.mode !== 'managed') continue;
      const ignores = instance.values['ignore_public_acls'] === true;
      if (instance.type === ACCOUNT_PUBLIC_ACCESS_BLOCK && ignores) accountBlocks.push(instance);
      const enforced =
        instance.type === OWNERSHIP_CONTROLS &&
        recordsOf(instance.values['rule']).some((rule) => rule['object_ownership'] === 'BucketOwnerEnforced');
      if (!(instance.type === PUBLIC_ACCESS_BLOCK && ignores) && !enforced) continue;
      const bucket = this.protectedArn(instance, BUCKET);
      if (bucket !== undefined) off.add(this.arnText(bucket));
    }
    const previously = this.publicAccessBefore();
    for (const { input, bucket } of this.acls) {
      // An ACL that existed, ignored (or off) before the plan and no longer: it granted nothing then.
      const ignoredBefore = previously.aclsOff.has(bucket) || previously.accountIgnoresAcls;
      // Removed (destroyed, or made private): what it granted counts where S3 applied it before the plan.
      if (input.policy.document === null) {
        if (!ignoredBefore) this.resources.push(input);
        continue;
      }
      if (off.has(bucket) || accountBlocks.some((block) => this.sameAccount(block, input.id))) continue;
      this.resources.push(
        ignoredBefore && this.existed(input) && input.policy.document !== undefined
          ? { ...input, policy: { ...input.policy, before: { document: null } } }
          : input,
      );
    }
  }

  /**
   * Gives the account of the AWS provider (from `aws_caller_identity`) to the resources whose ARN
   * names none (a bucket's never does, a name only apply knows leaves a hole): the plan creates or
   * changes them with that provider, so a policy granting that account grants the owner. Only for
   * resources of the identity's provider configuration when the plan configures several.
   */
  private ownAccounts(): void {
    const identity = this.index.instances.find(
      (i) => i.type === 'aws_caller_identity' && typeof i.values['account_id'] === 'string',
    );
    const account = identity?.values['account_id'];
    if (identity === undefined || typeof account !== 'string' || !/^\d{12}$/.test(account)) return;
    this.resources.forEach((r, i) => {
      if (r.account !== undefined || (r.arn !== undefined && ARN_WITH_ACCOUNT.test(this.arnText(r.arn)))) return;
      if (this.sameAccount(identity, r.id)) this.resources[i] = { ...r, account };
    });
  }

  /**
   * Whether the resource at `address` is in the account of `anchor` (an account's public access
   * block, the provider's caller identity): the plan configures one AWS provider, or both use the
   * same provider configuration. Resources of another provider configuration (an alias that may
   * reach another account) are not taken to be.
   */
  private sameAccount(anchor: Instance, address: string): boolean {
    const providers = Object.values(this.index.plan.configuration?.provider_config ?? {}).filter(
      (p) => p.name === 'aws',
    );
    if (providers.length <= 1) return true;
    const key = anchor.config?.provider_config_key;
    return key !== undefined && key === this.index.get(address)?.config?.provider_config_key;
  }

  /**
   * Drops the policies resources only show (an `aws_s3_bucket`'s computed `policy`) where a
   * dedicated policy resource of the plan (`aws_s3_bucket_policy`) manages the same resource, or
   * is destroyed or replaced by it: what that resource plans is what the resource will have, not
   * the policy as last read (which a plan narrowing or removing the policy still shows).
   */
  private dropMirrors(superseded: readonly ResourceChange[]): void {
    if (this.mirroredResourcePolicies.size === 0) return;
    // What a dedicated policy resource protects: an ARN, or a name or id the ARN ends with (a
    // key policy's `key_id` given as text, a domain name) when its configuration refers to nothing.
    // An ARN is looked up whole; a bare name or id (`key_id`, a bucket name) by the last segment of
    // the ARN of a resource of the type the policy resource is for (`aws_kms_key_policy` -> `aws_kms_key`),
    // so that a bucket and a queue of the same name are not confused. A plan may hold thousands of each.
    const known = new Set<string>();
    const note = (type: string, name: string): void => {
      if (name === '') return;
      known.add(
        name.startsWith('arn:') || !type.endsWith('_policy') ? name : `${type.slice(0, -'_policy'.length)}|${name}`,
      );
    };
    for (const r of this.resources) {
      const target = RESOURCE_POLICY_TYPES[r.type]?.target;
      if (this.mirroredResourcePolicies.has(r) || target?.kind === 'self' || !r.arn) continue;
      const arn = this.arnText(r.arn);
      note(r.type, arn);
      // An ARN made of a name (`key_id`, `domain_name`) is also known by that name, for when only
      // apply knows the account or Region in it.
      if (target?.kind === 'name-attribute')
        note(r.type, arn.slice(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1));
    }
    // A destroyed (or replaced) policy resource names what it protected in its last values: an ARN, a name or a URL.
    for (const change of superseded) {
      const target = Object.hasOwn(RESOURCE_POLICY_TYPES, change.type)
        ? RESOURCE_POLICY_TYPES[change.type]?.target
        : undefined;
      const value =
        target === undefined || target.kind === 'self' || target.kind === 'none' || target.kind === 'account-resource'
          ? undefined
          : change.change.before?.[target.attribute];
      if (typeof value === 'string')
        note(change.type, target?.kind === 'queue-url' ? (queueArnOfUrl(value) ?? value) : value);
    }
    const dedicated = (type: string, arn: string): boolean =>
      known.has(arn) ||
      [arn.slice(arn.lastIndexOf(':') + 1), arn.slice(arn.lastIndexOf('/') + 1)].some(
        (name) => known.has(name) || known.has(`${type}|${name}`),
      );
    const kept = this.resources.filter((r) => {
      if (!this.mirroredResourcePolicies.has(r) || r.arn === undefined) return true;
      const arn = this.arnText(r.arn);
      if (!dedicated(r.type, arn)) return true;
      if (r.policy.document !== undefined) this.droppedMirrors.set(arn, r.policy.document);
      return false;
    });
    this.resources.splice(0, this.resources.length, ...kept);
  }

  /**
   * Resource policies the plan destroys on a resource that keeps existing (a bucket or queue
   * policy, a Lambda permission, a bucket's ACL resource): read from their last values as a policy
   * of the plan is, then marked removed (document `null`, what they granted their before-version),
   * so that who they no longer admit is part of what the plan changes. A policy attribute of the
   * resource itself goes with the resource, as does a policy whose resource the plan destroys too.
   */
  private removedResourcePolicies(superseded: readonly ResourceChange[]): void {
    if (this.planless) return;
    const removable = (type: string): boolean =>
      !FALLS_BACK_TO_DEFAULT.has(type) &&
      (Object.hasOwn(STATEMENT_TARGETS, type) ||
        (Object.hasOwn(RESOURCE_POLICY_TYPES, type) && RESOURCE_POLICY_TYPES[type]?.target.kind !== 'self'));
    const destroyed = (change: ResourceChange): boolean =>
      change.mode !== 'data' && change.deposed === undefined && !change.change.actions.includes('create');
    // What the resources the plan destroys are known by: a policy naming one of them goes with it.
    const gone = new Set<string>();
    for (const change of superseded)
      if (destroyed(change) && !removable(change.type))
        for (const key of ['arn', 'id', 'name', 'bucket', 'function_name', 'url']) {
          const value = change.change.before?.[key];
          if (typeof value === 'string' && value !== '') gone.add(value);
        }
    for (const change of superseded) {
      const before = change.change.before;
      if (!destroyed(change) || !removable(change.type) || before === null || before === undefined) continue;
      const spec = Object.hasOwn(RESOURCE_POLICY_TYPES, change.type) ? RESOURCE_POLICY_TYPES[change.type] : undefined;
      const attribute =
        STATEMENT_TARGETS[change.type] ??
        (spec === undefined || spec.target.kind === 'none' || spec.target.kind === 'account-resource'
          ? undefined
          : (spec.target as { attribute?: string }).attribute);
      const target = attribute === undefined ? undefined : before[attribute];
      if (typeof target === 'string' && (gone.has(target) || gone.has(queueArnOfUrl(target) ?? target))) continue;
      const instance = this.asLastRead(change, before);
      const resources = this.resources.length;
      const acls = this.acls.length;
      this.other(instance);
      for (const made of this.resources.splice(resources)) {
        const removed = withoutPolicy(made);
        if (removed !== undefined) this.resources.push(removed);
      }
      this.acls.splice(acls).forEach(({ input, bucket }) => {
        const removed = withoutPolicy(input);
        if (removed !== undefined) this.acls.push({ input: removed, bucket });
      });
    }
  }

  /**
   * Gives a resource policy the plan creates for a resource that existed (a bucket policy, a Lambda
   * permission, an ACL resource on a kept bucket or function; an account's log or registry policy)
   * its before-version: the policy the resource showed (a mirror `dropMirrors` dropped), else none
   * (`null`), so that what it admits is read as what the plan changes. A resource the plan creates
   * too, or one a reference names that the plan does not tell, is left new.
   */
  private addedToExisting(): void {
    if (this.planless) return;
    this.resources.forEach((r, i) => {
      if (r.policy.before !== undefined) return;
      const instance = this.index.get(r.id);
      if (instance === undefined || instance.before !== undefined || !instance.actions.includes('create')) return;
      const target = Object.hasOwn(RESOURCE_POLICY_TYPES, r.type) ? RESOURCE_POLICY_TYPES[r.type]?.target : undefined;
      const attribute =
        STATEMENT_TARGETS[r.type] ??
        (target === undefined || target.kind === 'self' || target.kind === 'none' || target.kind === 'account-resource'
          ? undefined
          : target.attribute);
      const existed =
        target?.kind === 'account-resource' ||
        (attribute !== undefined && r.type !== 'aws_s3_bucket' && this.existedBefore(instance, attribute));
      if (!existed) return;
      const shown = r.arn === undefined ? undefined : this.droppedMirrors.get(this.arnText(r.arn));
      if (shown !== undefined && r.policy.document !== undefined && sameDocument(shown, r.policy.document)) return;
      this.resources[i] = { ...r, policy: { ...r.policy, before: { document: shown ?? null } } };
    });
  }

  /**
   * Whether the resource the argument `attribute` of `instance` names existed before the plan: one
   * of the plan it refers to that the plan does not create, one read by a data source, or one named
   * by text that no resource the plan creates is named by (a resource outside the plan); an
   * argument left out names the default one (the `default` event bus).
   */
  private existedBefore(instance: Instance, attribute: string): boolean {
    const expression = expressionAt(instance.config?.expressions, [attribute]);
    if (expression === undefined) return true;
    const types = new Set<string>(EXPECTED_TARGETS[attribute] ?? []);
    let refersToResource = false;
    for (const text of meaningfulReferences(expression.references ?? [])) {
      const ref = parseReference(text);
      if (ref.kind !== 'resource') continue;
      if (ref.mode === 'data') return true;
      types.add(ref.type);
      refersToResource = true;
    }
    for (const type of types) {
      const found = this.resolver.namedInstance(
        expression,
        this.scope(instance),
        type,
        [attribute],
        this.knownText(instance, attribute),
      );
      if (found !== undefined) return !found.actions.includes('create');
    }
    // A resource the plan does not resolve tells nothing; a name given as text (or through a
    // variable) is of a resource outside the plan unless the plan creates one so named.
    if (refersToResource) return false;
    const text = this.knownText(instance, attribute);
    return text !== undefined && !this.createdValuesOfPlan().has(text);
  }

  private createdValuesOfPlan(): ReadonlySet<string> {
    if (this.createdValues === undefined) {
      const values = new Set<string>();
      for (const i of this.index.instances)
        if (i.mode === 'managed' && i.actions.includes('create'))
          for (const value of Object.values(i.values)) if (typeof value === 'string' && value !== '') values.add(value);
      this.createdValues = values;
    }
    return this.createdValues;
  }

  /**
   * `arn:aws:execute-api:region:account:api-id` of the REST API a policy is for: the API itself,
   * the instance its `rest_api_id` refers to, or one built from the id (a hole until apply).
   */
  private executionArn(instance: Instance, target: (typeof RESOURCE_POLICY_TYPES)[string]['target']): PolicyValue {
    if (target.kind === 'self') return this.resolver.attribute(instance, 'execution_arn');
    const attribute = target.kind === 'none' || target.kind === 'account-resource' ? 'rest_api_id' : target.attribute;
    const api = this.resolver.namedInstance(
      expressionAt(instance.config?.expressions, [attribute]),
      this.scope(instance),
      'aws_api_gateway_rest_api',
      [attribute],
      this.knownText(instance, attribute),
    );
    if (api !== undefined) return this.resolver.attribute(api, 'execution_arn');
    const id =
      this.scalar(instance, attribute) ?? hole(`${instance.address}.${attribute}`, `${instance.address}.${attribute}`);
    return prefixed(
      '',
      new SymbolicValue([...this.arnPrefix('arn:aws:execute-api:{region}:{account}:', instance), ...parts(id)]),
    );
  }

  /**
   * The Region `instance` is managed in: its own `region` argument (AWS provider 6, where every
   * regional resource has one, its value the provider's unless set), else the provider's (an alias's
   * own, `providers = { aws = aws.us }`).
   */
  private regionOf(instance: Instance | undefined): PolicyValue {
    const own = instance === undefined ? undefined : this.knownText(instance, 'region');
    return own ?? (instance === undefined ? this.resolver.region() : this.resolver.providerRegion(instance));
  }

  /**
   * The parts of an ARN prefix: `{region}` the Region of `instance` (see `regionOf`), `{account}` the provider's or the one
   * the owner argument of `instance` names (`domain_owner`), `{other}` the argument `other` of `instance`.
   */
  private arnPrefix(prefix: string, instance?: Instance): (string | Hole)[] {
    const out: (string | Hole)[] = [];
    for (const piece of prefix.split(/(\{\w+\})/)) {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      if (name === undefined) {
        if (piece !== '') out.push(piece);
      } else if (name === 'region') out.push(...parts(this.regionOf(instance)));
      else if (name === 'account') out.push(...parts(this.ownerAccount(instance)));
      else if (instance === undefined) throw new Error(`ARN prefix \`${prefix}\` names an argument but no resource`);
      else {
        const label = `${instance.address}.${name}`;
        out.push(...parts(this.givenScalar(instance, name) ?? hole(label, label)));
      }
    }
    return out;
  }

  /** The account that owns what `instance` protects: the one its owner argument names (`domain_owner`), else the provider's. */
  private ownerAccount(instance: Instance | undefined): PolicyValue {
    const spec =
      instance !== undefined && Object.hasOwn(RESOURCE_POLICY_TYPES, instance.type)
        ? RESOURCE_POLICY_TYPES[instance.type]
        : undefined;
    const owner =
      instance === undefined || spec?.accountAttribute === undefined
        ? undefined
        : this.givenScalar(instance, spec.accountAttribute);
    return owner ?? this.resolver.account();
  }

  /** The ARN of the resource a policy protects, concrete or symbolic. */
  private protectedArn(
    instance: Instance,
    target: (typeof RESOURCE_POLICY_TYPES)[string]['target'],
  ): PolicyValue | undefined {
    if (target.kind === 'none') return undefined;
    if (target.kind === 'self') return this.resolver.attribute(instance, 'arn');
    if (target.kind === 'account-resource')
      return prefixed('', new SymbolicValue(this.arnPrefix(target.template, instance)));
    // A reference to the protected resource gives its ARN directly.
    const expression = expressionAt(instance.config?.expressions, [target.attribute]);
    const types = new Set<string>();
    for (const text of meaningfulReferences(expression?.references ?? [])) {
      const ref = parseReference(text);
      if (ref.kind === 'resource' && ref.mode === 'managed') types.add(ref.type);
    }
    for (const type of types) {
      const found = this.resolver.namedInstance(
        expression,
        this.scope(instance),
        type,
        [target.attribute],
        this.knownText(instance, target.attribute),
      );
      if (found !== undefined) return this.resolver.attribute(found, 'arn');
    }
    const given = this.scalar(instance, target.attribute);
    // An argument left out (`event_bus_name`): the resource the service then acts on.
    const value =
      (given === undefined || given === '') &&
      target.kind === 'name-attribute' &&
      unknownAt(instance.unknown, [target.attribute]) !== true
        ? (target.fallback ?? given)
        : given;
    if (value === undefined) return undefined;
    if (target.kind === 'queue-url') return typeof value === 'string' ? (queueArnOfUrl(value) ?? value) : value;
    if (target.kind === 'name-attribute' && target.prefix !== undefined) {
      if (valueToString(value) === '') return undefined;
      // A name given as the ARN already (a data source's `arn`) is kept.
      if (typeof value === 'string' && value.startsWith('arn:')) return value;
      // A directory bucket (S3 Express One Zone), named `base--zone-id--x-s3`, has an ARN of its account and Region.
      if (target.prefix === BUCKET_ARN_PREFIX && typeof value === 'string' && value.endsWith(DIRECTORY_BUCKET_SUFFIX))
        return prefixed('', new SymbolicValue([...this.arnPrefix(DIRECTORY_BUCKET_ARN_PREFIX, instance), value]));
      // `ROOT` is the prefix of the template that applies to every repository no other one matches.
      if (instance.type === 'aws_ecr_repository_creation_template' && value === 'ROOT')
        return prefixed('', new SymbolicValue([...this.arnPrefix(target.prefix, instance), '*']));
      return prefixed(
        '',
        new SymbolicValue([
          ...this.arnPrefix(target.prefix, instance),
          ...parts(value),
          ...(target.suffix === undefined ? [] : [target.suffix]),
        ]),
      );
    }
    return value;
  }

  /** The ARN of the function `function_name` names: the function of the plan, an ARN, or one built from a bare name. */
  private functionArn(instance: Instance): PolicyValue | undefined {
    const target = this.protectedArn(instance, { kind: 'arn-attribute', attribute: 'function_name' });
    // `function_name` may be a bare name: the permission is on the function's ARN either way.
    return typeof target === 'string' && !target.startsWith('arn:')
      ? prefixed(
          '',
          new SymbolicValue([...this.arnPrefix('arn:aws:lambda:{region}:{account}:function:', instance), target]),
        )
      : target;
  }

  /**
   * `aws_lambda_function_url` with `authorization_type = "NONE"`: Lambda performs no IAM
   * authentication, so the URL only serves calls that its function policy lets anyone make. It is
   * extracted as the statement such a URL is configured to serve (the one the console adds with
   * it; without it every call gets 403), so that an unauthenticated endpoint is judged as a public
   * resource policy, on the URL's address.
   */
  private functionUrl(instance: Instance): void {
    if (this.knownText(instance, 'authorization_type') !== 'NONE') return;
    const functionArn = this.functionArn(instance);
    const qualifier = this.scalar(instance, 'qualifier');
    const resource =
      functionArn === undefined || qualifier === undefined || qualifier === ''
        ? functionArn
        : prefixedSuffix(functionArn, qualifier);
    const statement: Record<string, unknown> = {
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      ...(resource === undefined ? {} : { Resource: resource }),
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    };
    this.statementPolicy(instance, functionArn, statement);
  }

  /**
   * An IAM Identity Center permission set, as the role it is provisioned as in each account it is
   * assigned to (`AWSReservedSSO_<name>_...` under `/aws-reserved/sso.amazonaws.com/`): its inline,
   * managed and customer managed policies and its boundary are judged together. The role's trust
   * policy belongs to Identity Center, and its ARN is not the permission set's.
   */
  private permissionSet(instance: Instance): void {
    const name = this.resolver.attribute(instance, 'name');
    const draft: PrincipalDraft = {
      id: instance.address,
      kind: 'role',
      name,
      path: '/aws-reserved/sso.amazonaws.com/',
      arn: undefined,
      policies: [],
      tags: {},
      credentials: [],
      members: [],
      location: this.location(instance),
    };
    const account = this.resolver.account();
    if (typeof account === 'string') draft.account = account;
    this.principals.set(draft.id, draft);
  }

  /** The permission set of the plan that `permission_set_arn` refers to or names. */
  private permissionSetOf(instance: Instance): PrincipalDraft | undefined {
    const found = this.resolver.namedInstance(
      expressionAt(instance.config?.expressions, ['permission_set_arn']),
      this.scope(instance),
      PERMISSION_SET,
      ['permission_set_arn'],
      this.knownText(instance, 'permission_set_arn'),
    );
    if (found !== undefined) return this.principals.get(found.address);
    const arn = this.knownText(instance, 'permission_set_arn');
    if (arn === undefined) return undefined;
    for (const candidate of this.index.instances)
      if (candidate.type === PERMISSION_SET && candidate.values['arn'] === arn)
        return this.principals.get(candidate.address);
    return undefined;
  }

  /** The permission set an attachment is for, else a role standing for the one it names outside the plan. */
  private permissionSetOrStandIn(instance: Instance): PrincipalDraft {
    return (
      this.permissionSetOf(instance) ?? this.standIn(instance, 'role', this.knownText(instance, 'permission_set_arn'))
    );
  }

  /**
   * The ARN a `customer_managed_policy_reference` block stands for: the policy of that name and
   * path in the account the permission set is provisioned to. A name only apply knows
   * (`name = aws_iam_policy.x.name`) is rebuilt from the configuration, else left a hole: the
   * attachment is kept either way.
   */
  private customerPolicyReference(instance: Instance, block: readonly (string | number)[]): PolicyValue | undefined {
    const name = this.blockScalar(instance, [...block, 'name']);
    if (name === undefined || name === '') return undefined;
    const path = this.blockScalar(instance, [...block, 'path']) ?? '/';
    return prefixed(
      '',
      new SymbolicValue([
        'arn:aws:iam::',
        ...parts(this.resolver.account()),
        ':policy',
        ...parts(path),
        ...parts(name),
      ]),
    );
  }

  /** A text inside nested blocks (`permissions_boundary[0].managed_policy_arn`) when the plan shows it. */
  private nestedText(instance: Instance, path: readonly (string | number)[]): string | undefined {
    let value: unknown = instance.values;
    for (const step of path)
      value =
        value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
    return typeof value === 'string' && value !== '' && unknownAt(instance.unknown, path) !== true ? value : undefined;
  }

  /**
   * `aws_lambda_layer_version_permission` as the statement it adds to the layer version's policy
   * (its `policy` attribute is computed: unknown until apply on creation).
   */
  private layerPermission(instance: Instance): void {
    const get = (attribute: string): PolicyValue | undefined => this.givenScalar(instance, attribute);
    // The layer version of the plan `layer_name` refers to gives its version ARN; else the name or
    // layer ARN and `version_number` make it.
    const found = this.resolver.namedInstance(
      expressionAt(instance.config?.expressions, ['layer_name']),
      this.scope(instance),
      'aws_lambda_layer_version',
      ['layer_name'],
      this.knownText(instance, 'layer_name'),
    );
    const layer = get('layer_name');
    // `version_number` is a number in the provider's schema.
    const number = instance.values['version_number'];
    const version = typeof number === 'number' ? String(number) : get('version_number');
    const layerArn =
      typeof layer === 'string' && !layer.startsWith('arn:')
        ? prefixed(
            '',
            new SymbolicValue([...this.arnPrefix('arn:aws:lambda:{region}:{account}:layer:', instance), layer]),
          )
        : layer;
    const arn =
      found !== undefined
        ? this.resolver.attribute(found, 'arn')
        : layerArn === undefined || version === undefined
          ? layerArn
          : prefixedSuffix(layerArn, version);
    const principal = get('principal');
    const organization = get('organization_id');
    const statement: Record<string, unknown> = { Effect: 'Allow' };
    const sid = get('statement_id');
    if (sid !== undefined) statement['Sid'] = sid;
    if (principal === '*') statement['Principal'] = '*';
    else if (principal !== undefined) statement['Principal'] = { AWS: principal };
    statement['Action'] = get('action') ?? 'lambda:GetLayerVersion';
    if (arn !== undefined) statement['Resource'] = arn;
    if (organization !== undefined) statement['Condition'] = { StringEquals: { 'aws:PrincipalOrgID': organization } };
    this.resources.push({
      id: instance.address,
      type: instance.type,
      arn,
      policy: {
        id: instance.address,
        name: instance.address,
        document: { Version: '2012-10-17', Statement: [statement] },
        location: this.location(instance),
      },
      location: this.location(instance),
    });
  }

  /**
   * `aws_cloudwatch_event_permission` as the statement EventBridge's PutPermission adds to the
   * event bus policy: `principal` an account or `*` (every AWS account), on the bus `event_bus_name`
   * names (the account's `default` bus when omitted), narrowed by its one `condition` block.
   */
  private eventBusPermission(instance: Instance): void {
    const get = (attribute: string): PolicyValue | undefined => this.givenScalar(instance, attribute);
    const bus = this.protectedArn(instance, {
      kind: 'name-attribute',
      attribute: 'event_bus_name',
      prefix: EVENT_BUS_ARN_PREFIX,
      fallback: 'default',
    });
    const statement: Record<string, unknown> = { Effect: 'Allow' };
    const sid = get('statement_id');
    if (sid !== undefined) statement['Sid'] = sid;
    const principal = get('principal');
    if (principal === '*') statement['Principal'] = '*';
    else if (principal !== undefined) statement['Principal'] = { AWS: principal };
    statement['Action'] = get('action') ?? 'events:PutEvents';
    statement['Resource'] = bus;
    const operator = this.blockScalar(instance, ['condition', 0, 'type']);
    const key = this.blockScalar(instance, ['condition', 0, 'key']);
    const value = this.blockScalar(instance, ['condition', 0, 'value']);
    if (typeof operator === 'string' && typeof key === 'string' && value !== undefined)
      statement['Condition'] = { [operator]: { [key]: value } };
    this.statementPolicy(instance, bus, statement);
  }

  /**
   * `aws_signer_signing_profile_permission` as the statement Signer's AddProfilePermission adds to
   * the signing profile's policy: `action` for `principal` (an account or a role) on the profile
   * `profile_name` names, or on one version of it (`profile_version`).
   */
  private signingProfilePermission(instance: Instance): void {
    const get = (attribute: string): PolicyValue | undefined => this.givenScalar(instance, attribute);
    const version = get('profile_version');
    const found = this.resolver.namedInstance(
      expressionAt(instance.config?.expressions, ['profile_name']),
      this.scope(instance),
      'aws_signer_signing_profile',
      ['profile_name'],
      this.knownText(instance, 'profile_name'),
    );
    const name = get('profile_name');
    const profile =
      found !== undefined
        ? this.resolver.attribute(found, 'arn')
        : name === undefined
          ? undefined
          : prefixed(
              '',
              new SymbolicValue([
                ...this.arnPrefix('arn:aws:signer:{region}:{account}:/signing-profiles/', instance),
                ...parts(name),
              ]),
            );
    const arn =
      profile === undefined || version === undefined
        ? profile
        : prefixed('', new SymbolicValue([...parts(profile), '/', ...parts(version)]));
    const statement: Record<string, unknown> = { Effect: 'Allow' };
    const sid = get('statement_id');
    if (sid !== undefined) statement['Sid'] = sid;
    const principal = get('principal');
    if (principal === '*') statement['Principal'] = '*';
    else if (principal !== undefined) statement['Principal'] = { AWS: principal };
    const action = get('action');
    if (action !== undefined) statement['Action'] = action;
    if (arn !== undefined) statement['Resource'] = arn;
    this.statementPolicy(instance, arn, statement);
  }

  /**
   * The principals an endpoint service lets connect (`allowed_principals` of
   * `aws_vpc_endpoint_service`, `principal_arn` of `aws_vpc_endpoint_service_allowed_principal`)
   * as the statement the service's permissions amount to: `ec2:CreateVpcEndpoint` on the service,
   * `*` standing for every AWS principal. The list a service shows without configuring it is the one
   * last read, perhaps kept by allowed-principal resources of the plan: not read twice.
   */
  private endpointServicePrincipals(instance: Instance): void {
    const own = instance.type === 'aws_vpc_endpoint_service';
    const attribute = own ? 'allowed_principals' : 'principal_arn';
    if (own && expressionAt(instance.config?.expressions, [attribute]) === undefined) return;
    const principals = own ? this.list(instance, attribute) : [this.givenScalar(instance, attribute)];
    const known = principals.filter((p): p is PolicyValue => p !== undefined);
    if (known.length === 0) return;
    const service = own
      ? this.resolver.attribute(instance, 'arn')
      : this.protectedArn(instance, {
          kind: 'name-attribute',
          attribute: 'vpc_endpoint_service_id',
          prefix: 'arn:aws:ec2:{region}:{account}:vpc-endpoint-service/',
        });
    const statement: Record<string, unknown> = {
      Effect: 'Allow',
      Principal: known.some((p) => p === '*') ? '*' : { AWS: known },
      Action: 'ec2:CreateVpcEndpoint',
    };
    if (service !== undefined) statement['Resource'] = service;
    this.statementPolicy(instance, service, statement);
  }

  /**
   * A snapshot, image or document shared by an attribute rather than a policy, as the statement the
   * sharing amounts to: the accounts it names (`all`, `All` or `group = "all"`: every AWS account,
   * so `*`; an organization ARN: `*` within that organization) may do what a shared one lets them
   * (restore or copy a DB or DB cluster snapshot, launch an AMI, create a volume from or copy an EBS
   * snapshot, read a Systems Manager document). A list the resource shows without configuring it is
   * as last read.
   */
  private sharing(instance: Instance): void {
    const configured = (attribute: string): boolean =>
      expressionAt(instance.config?.expressions, [attribute]) !== undefined;
    const everyone = (value: PolicyValue | undefined): boolean =>
      typeof value === 'string' && value.toLowerCase() === 'all';
    let accounts: PolicyValue[] = [];
    let organization: PolicyValue | undefined;
    let actions: string[];
    let arn: PolicyValue | undefined;
    const inRegion = (kind: string, attribute: string): PolicyValue | undefined => {
      const id = this.givenScalar(instance, attribute);
      if (id === undefined) return undefined;
      // Image and snapshot ARNs have no account.
      return prefixed(
        '',
        new SymbolicValue(['arn:aws:ec2:', ...parts(this.regionOf(instance)), `::${kind}/`, ...parts(id)]),
      );
    };
    switch (instance.type) {
      case 'aws_db_snapshot':
        if (!configured('shared_accounts')) return;
        accounts = this.list(instance, 'shared_accounts');
        actions = ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:CopyDBSnapshot'];
        arn = this.resolver.attribute(instance, 'db_snapshot_arn');
        break;
      case 'aws_db_cluster_snapshot':
        if (!configured('shared_accounts')) return;
        accounts = this.list(instance, 'shared_accounts');
        actions = ['rds:RestoreDBClusterFromSnapshot', 'rds:CopyDBClusterSnapshot'];
        arn = this.resolver.attribute(instance, 'db_cluster_snapshot_arn');
        break;
      case 'aws_ami_launch_permission': {
        const group = this.givenScalar(instance, 'group');
        const account = this.givenScalar(instance, 'account_id');
        accounts = [group, account].filter((v): v is PolicyValue => v !== undefined);
        organization = this.givenScalar(instance, 'organization_arn');
        actions = ['ec2:RunInstances'];
        arn = inRegion('image', 'image_id');
        break;
      }
      case 'aws_ebs_snapshot_create_volume_permission': {
        const account = this.givenScalar(instance, 'account_id');
        accounts = account === undefined ? [] : [account];
        actions = ['ec2:CreateVolume', 'ec2:CopySnapshot'];
        arn = inRegion('snapshot', 'snapshot_id');
        break;
      }
      default: {
        // `aws_ssm_document`: `permissions = { type = "Share", account_ids = "All" | "id,id" }`.
        if (!configured('permissions')) return;
        const permissions = instance.values['permissions'];
        const shared =
          permissions !== null && typeof permissions === 'object'
            ? (permissions as Record<string, unknown>)
            : undefined;
        const ids = shared?.['account_ids'];
        if (shared?.['type'] !== 'Share' || typeof ids !== 'string') return;
        accounts = ids
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== '');
        actions = ['ssm:GetDocument'];
        arn = this.resolver.attribute(instance, 'arn');
      }
    }
    const statements: Record<string, unknown>[] = [];
    const base = (principal: unknown): Record<string, unknown> => ({
      Effect: 'Allow',
      Principal: principal,
      Action: actions,
      ...(arn === undefined ? {} : { Resource: arn }),
    });
    if (accounts.some(everyone)) statements.push(base('*'));
    else if (accounts.length > 0) statements.push(base({ AWS: accounts }));
    if (organization !== undefined) {
      const id = valueToString(organization).split('/').pop() ?? '';
      const orgId: PolicyValue = typeof organization === 'string' ? id : organization;
      statements.push({ ...base('*'), Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } });
    }
    if (statements.length === 0) return;
    const location = this.location(instance);
    this.resources.push({
      id: instance.address,
      type: instance.type,
      arn,
      policy: {
        id: instance.address,
        name: instance.address,
        document: { Version: '2012-10-17', Statement: statements },
        location,
      },
      location,
    });
  }

  /**
   * `aws_ram_principal_association` as what is certain of the share it joins: its `principal` (an
   * account, an organization or organizational unit, a role or user) is let into the resource share,
   * whose resources it may then use as the share's permissions allow (what they allow depends on the
   * resource type and the permission: not assumed). Read as the one action every member has on the
   * share, `ram:ListResourceSharePermissions`, for that principal. An organization is `*` within it
   * (`aws:PrincipalOrgID`), an organizational unit `*` under it (`aws:PrincipalOrgPaths`). Sharing
   * with a service principal is no cross-account grant: not read. The resources the share shares
   * (its `aws_ram_resource_association`s in the input) are named beside the share, so that the
   * finding says what is exposed. A share with resources and no principal association shares
   * them with nobody yet: nothing is read (the association that adds one is judged when planned).
   */
  private resourceShare(instance: Instance): void {
    const principal = this.givenScalar(instance, 'principal');
    if (principal === undefined || /^[a-z0-9.-]+\.amazonaws\.com$/.test(valueToString(principal))) return;
    const share = this.shareOf(instance);
    const arn =
      share === undefined ? this.givenScalar(instance, 'resource_share_arn') : this.resolver.attribute(share, 'arn');
    const shared = this.sharedResources(share, arn);
    const statement: Record<string, unknown> = {
      Effect: 'Allow',
      ...sharePrincipal(principal),
      Action: 'ram:ListResourceSharePermissions',
      ...(arn === undefined ? {} : { Resource: shared.length === 0 ? arn : [arn, ...shared] }),
    };
    const names = shared.map((r) => `\`${valueToString(r)}\``);
    const sharing =
      names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${String(names.length - 3)} more` : names.join(', ');
    const label =
      shared.length === 0
        ? undefined
        : `resource share \`${share?.address ?? valueToString(arn ?? instance.address)}\` (sharing ${sharing} under ${this.sharePermissions(share)}, by \`${instance.address}\`)`;
    this.statementPolicy(instance, arn, statement, undefined, label);
  }

  /**
   * What a share's members may do with what it shares, as its `permission_arns` name it: each RAM
   * permission by its name (`AWSRAMDefaultPermissionTransitGateway`, or a customer managed
   * permission's), else the default permission AWS RAM applies to each resource type.
   */
  private sharePermissions(share: Instance | undefined): string {
    const given = share === undefined ? [] : this.list(share, 'permission_arns');
    if (given.length === 0) return 'the default permission of each resource type';
    const names = given.map((arn) => {
      const text = valueToString(arn);
      return `\`${/^arn:[^:]+:ram:[^:]*:[^:]*:permission\/(.+)$/.exec(text)?.[1] ?? text}\``;
    });
    return `${names.length === 1 ? 'permission' : 'permissions'} ${names.join(', ')}`;
  }

  /** The `aws_ram_resource_share` of the input an association names by `resource_share_arn`, if one. */
  private shareOf(instance: Instance): Instance | undefined {
    return this.resolver.namedInstance(
      expressionAt(instance.config?.expressions, ['resource_share_arn']),
      this.scope(instance),
      'aws_ram_resource_share',
      ['resource_share_arn'],
      this.knownText(instance, 'resource_share_arn'),
    );
  }

  /**
   * The ARNs of the resources associated with a share (`share`, else the share of ARN `arn`), those
   * the plan keeps or adds: the order of the input, each once.
   */
  private sharedResources(share: Instance | undefined, arn: PolicyValue | undefined): PolicyValue[] {
    const found = new Map<string, PolicyValue>();
    for (const association of this.index.instances) {
      if (association.type !== RAM_RESOURCE_ASSOCIATION) continue;
      if (association.actions.length > 0 && association.actions.every((a) => a === 'delete')) continue;
      const same =
        share !== undefined
          ? this.shareOf(association) === share
          : arn !== undefined &&
            valueToString(this.givenScalar(association, 'resource_share_arn') ?? '') === valueToString(arn);
      const resource = same ? this.givenScalar(association, 'resource_arn') : undefined;
      if (resource !== undefined && resource !== '') found.set(valueToString(resource), resource);
    }
    return [...found.values()];
  }

  /**
   * `aws_lakeformation_permissions` as the statement the grant amounts to: `principal` may do on the
   * Data Catalog resource of its block (`catalog_resource`, `database`, `table`, `table_with_columns`;
   * a `data_location` lets it make tables of the catalog there; an `lf_tag_policy` reaches the
   * databases or tables its tags select; a grant on an `lf_tag` itself, to describe or associate the
   * tag, gives no access to data: not read) the Glue operations its `permissions` (and
   * `permissions_with_grant_option`) stand for, those that act on that resource.
   * `IAM_ALLOWED_PRINCIPALS` and `ACCOUNT:IAMPrincipals` are the IAM principals of the catalog's
   * account, as their IAM policies allow: the account. A principal of no account (a QuickSight or
   * Identity Center user of the account) is not read.
   */
  private lakeFormationPermissions(instance: Instance): void {
    const principal = this.givenScalar(instance, 'principal');
    if (principal === undefined) return;
    const block = (name: string): Record<string, unknown> | undefined => {
      const list = instance.values[name];
      const first = Array.isArray(list) ? (list[0] as unknown) : undefined;
      return first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
    };
    const text = (from: Record<string, unknown> | undefined, key: string): string | undefined => {
      const value = from?.[key];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const table = block('table') ?? block('table_with_columns');
    const database = block('database');
    const given = [table, database, block('data_location'), block('lf_tag_policy')]
      .map((b) => text(b, 'catalog_id'))
      .find((id) => id !== undefined);
    const catalog = this.givenScalar(instance, 'catalog_id') ?? given ?? this.resolver.account();
    const prefix = (rest: (string | Hole)[]): PolicyValue =>
      prefixed(
        '',
        new SymbolicValue(['arn:aws:glue:', ...parts(this.regionOf(instance)), ':', ...parts(catalog), ':', ...rest]),
      );
    let resources: PolicyValue[];
    let location = false;
    if (table !== undefined) {
      const db = text(table, 'database_name') ?? hole(`${instance.address}.table.database_name`, 'its database');
      const name = table['wildcard'] === true ? '*' : (text(table, 'name') ?? '*');
      resources = [prefix(['table/', ...parts(db), '/', name])];
    } else if (database !== undefined)
      resources = [
        prefix([
          'database/',
          ...parts(text(database, 'name') ?? hole(`${instance.address}.database.name`, 'its name')),
        ]),
      ];
    else if (block('lf_tag_policy') !== undefined)
      resources =
        block('lf_tag_policy')?.['resource_type'] === 'DATABASE' ? [prefix(['database/*'])] : [prefix(['table/*/*'])];
    else {
      location = block('data_location') !== undefined;
      if (!location && instance.values['catalog_resource'] !== true) return;
      resources = [prefix(['catalog'])];
    }
    const granted = ['permissions', 'permissions_with_grant_option'].flatMap((attribute) => {
      const list = instance.values[attribute];
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    });
    const operations = new Set(
      (location ? ['DATA_LOCATION_ACCESS'] : granted).flatMap((permission) =>
        permission === 'ALL' || permission === 'SUPER'
          ? Object.values(LAKE_FORMATION_OPERATIONS).flat()
          : (LAKE_FORMATION_OPERATIONS[permission] ?? []),
      ),
    );
    const actions = [...operations].filter((action) =>
      resources.some((arn) => actionResourceMatch(action, arn) !== 'no-match'),
    );
    if (actions.length === 0) return;
    const who = valueToString(principal);
    const own = /^(?:IAM_ALLOWED_PRINCIPALS|(\d{12}):IAMPrincipals)$/.exec(who);
    if (
      own === null &&
      typeof principal === 'string' &&
      !/^(?:\d{12}$|arn:[^:]+:(?:iam|sts|organizations)::)/.test(who)
    )
      return;
    const statement: Record<string, unknown> = {
      Effect: 'Allow',
      ...sharePrincipal(own === null ? principal : (own[1] ?? catalog)),
      Action: actions,
      Resource: resources.length === 1 ? resources[0] : resources,
    };
    this.statementPolicy(instance, resources[0], statement);
  }

  /**
   * `aws_servicecatalog_portfolio_share` as what the share lets its `principal_id` (an account, an
   * organization or organizational unit) do: accept the portfolio and see it
   * (`servicecatalog:AcceptPortfolioShare`, `servicecatalog:DescribePortfolio`), then launch its products.
   */
  private portfolioShare(instance: Instance): void {
    const principal = this.givenScalar(instance, 'principal_id');
    if (principal === undefined) return;
    const id = this.givenScalar(instance, 'portfolio_id');
    const arn =
      id === undefined
        ? undefined
        : prefixed(
            '',
            new SymbolicValue([
              ...this.arnPrefix('arn:aws:catalog:{region}:{account}:portfolio/', instance),
              ...parts(id),
            ]),
          );
    this.statementPolicy(instance, arn, {
      Effect: 'Allow',
      ...sharePrincipal(principal),
      Action: ['servicecatalog:AcceptPortfolioShare', 'servicecatalog:DescribePortfolio'],
      ...(arn === undefined ? {} : { Resource: arn }),
    });
  }

  /**
   * `aws_opensearchserverless_access_policy` of type `data` as the statements core's
   * `collectionAccessStatements` reads in it. A policy only apply knows is an unresolved policy,
   * never left out.
   */
  private collectionAccessPolicy(instance: Instance): void {
    if (instance.values['type'] !== 'data') return;
    const source = this.policySource(instance, ['policy'], instance.address, instance.address, null);
    if (source === undefined) return;
    const location = this.location(instance);
    const arnOf = (rest: string): PolicyValue =>
      prefixed('', new SymbolicValue(this.arnPrefix(`arn:aws:aoss:{region}:{account}:${rest}`, instance)));
    let entries: unknown = source.document;
    if (typeof entries === 'string') entries = parseOr(entries);
    // JSON of no entry (`42`) is no data access policy, said as what one is, as cdk-guard says it;
    // text that is no JSON (kept as text) is left to the policy checks.
    const problem =
      typeof source.document === 'string' && entries !== source.document ? collectionAccessProblem(entries) : undefined;
    if (problem !== undefined) {
      const change = (this.index.plan.resource_changes ?? []).findIndex(
        (c) => c.address === instance.address && c.deposed === undefined,
      );
      this.errors.push({
        file: this.index.file,
        ...(change < 0 ? {} : { pointer: `/resource_changes/${String(change)}/change/after/policy` }),
        message: `resource \`${instance.address}\`: \`policy\`: ${problem}`,
      });
      this.resources.push({
        id: instance.address,
        type: instance.type,
        arn: undefined,
        policy: { ...source, document: undefined, unresolved: { reason: problem, references: [], inputError: true } },
        location,
      });
      return;
    }
    const statements = collectionAccessStatements(entries, {
      arnOf,
      principalOf: (p) => this.accountArn(p),
    });
    // A text that is no JSON, or JSON that is no data access policy (`42`), is checked as it is:
    // reported as no valid policy, not passed.
    if (statements?.length === 0) return;
    this.resources.push({
      id: instance.address,
      type: instance.type,
      arn: undefined,
      policy: statements ? { ...source, document: { Version: '2012-10-17', Statement: statements } } : source,
      location,
    });
  }

  /**
   * An authorization of one account to reach a cluster, domain or directory (see
   * {@link ACCOUNT_AUTHORIZATIONS}) as the statement of what it lets that account do.
   */
  private accountAuthorization(instance: Instance): void {
    const authorization = ACCOUNT_AUTHORIZATIONS[instance.type];
    if (authorization === undefined) return;
    const account = this.nestedScalar(instance, authorization.account);
    if (account === undefined) return;
    const consumer = typeof account === 'string' ? consumerPrincipal(account) : sharePrincipal(account);
    const protectedArn = this.protectedArn(instance, authorization.target);
    this.statementPolicy(instance, protectedArn, {
      Effect: 'Allow',
      ...consumer,
      Action: authorization.action,
      ...(protectedArn === undefined ? {} : { Resource: protectedArn }),
    });
  }

  /**
   * `aws_s3control_access_grant` to an IAM principal (`grantee_type = IAM`) as what it lets the
   * principal do: ask the account's S3 Access Grants for credentials to the grant's location
   * (`s3:GetDataAccess`), to read or write there as its `permission` says. Directory users and groups are the
   * organization's identity center, not a principal of another account: not read.
   */
  private accessGrant(instance: Instance): void {
    if (this.nestedScalar(instance, ['grantee', 0, 'grantee_type']) !== 'IAM') return;
    const grantee = this.nestedScalar(instance, ['grantee', 0, 'grantee_identifier']);
    if (grantee === undefined) return;
    const grant = this.resolver.attribute(instance, 'access_grant_arn');
    this.statementPolicy(instance, grant, {
      Effect: 'Allow',
      ...sharePrincipal(grantee),
      Action: 's3:GetDataAccess',
      ...(grant === undefined ? {} : { Resource: grant }),
    });
  }

  /**
   * `aws_config_aggregate_authorization` as what it lets `account_id` do: aggregate the
   * configuration and compliance of every resource this account records in the region.
   */
  private aggregateAuthorization(instance: Instance): void {
    const account = this.givenScalar(instance, 'account_id');
    if (account === undefined) return;
    const authorization = this.resolver.attribute(instance, 'arn');
    this.statementPolicy(instance, authorization, {
      Effect: 'Allow',
      ...sharePrincipal(account),
      Action: 'config:PutConfigurationAggregator',
      ...(authorization === undefined ? {} : { Resource: authorization }),
    });
  }

  /**
   * `aws_securitylake_subscriber` as what its `subscriber_identity` account may do: read the
   * security logs the lake collects, from its S3 bucket (`access_type = S3`) or through Lake
   * Formation (`LAKEFORMATION`).
   */
  private lakeSubscriber(instance: Instance): void {
    const account = this.nestedScalar(instance, ['subscriber_identity', 0, 'principal']);
    if (account === undefined) return;
    const access = this.nestedScalar(instance, ['access_type']);
    const subscriber = this.resolver.attribute(instance, 'arn');
    this.statementPolicy(instance, subscriber, {
      Effect: 'Allow',
      ...sharePrincipal(account),
      Action: access === 'LAKEFORMATION' ? 'lakeformation:GetDataAccess' : 's3:GetObject',
      ...(subscriber === undefined ? {} : { Resource: subscriber }),
    });
  }

  /**
   * `aws_eks_access_entry` (with Kubernetes groups: alone, an entry grants nothing) and
   * `aws_eks_access_policy_association` as what they let `principal_arn` do: reach the cluster's
   * Kubernetes API (`eks:AccessKubernetesApi`) with those groups or that access policy.
   */
  private clusterAccess(instance: Instance): void {
    if (instance.type === 'aws_eks_access_entry') {
      const groups = instance.values['kubernetes_groups'];
      const unknownGroups = unknownAt(instance.unknown, ['kubernetes_groups']) === true;
      if (!unknownGroups && !(Array.isArray(groups) && groups.length > 0)) return;
    }
    const principal = this.givenScalar(instance, 'principal_arn');
    if (principal === undefined) return;
    const cluster = this.protectedArn(instance, {
      kind: 'name-attribute',
      attribute: 'cluster_name',
      prefix: 'arn:aws:eks:{region}:{account}:cluster/',
    });
    this.statementPolicy(instance, cluster, {
      Effect: 'Allow',
      ...sharePrincipal(principal),
      Action: 'eks:AccessKubernetesApi',
      ...(cluster === undefined ? {} : { Resource: cluster }),
    });
  }

  /**
   * An argument in a nested block (`['grantee', 0, 'grantee_identifier']`) as the plan shows it,
   * else rebuilt from its configuration; `undefined` when not set.
   */
  private nestedScalar(instance: Instance, path: readonly (string | number)[]): PolicyValue | undefined {
    const known = this.nestedText(instance, path);
    if (known !== undefined) return known;
    if (unknownAt(instance.unknown, path) !== true) return undefined;
    const scope = this.scope(instance);
    return (
      this.resolver.sourceScalar(instance, path, scope) ??
      this.resolver.scalar(expressionAt(instance.config?.expressions, path), scope, 'arn')
    );
  }

  /** An account id (or a value only apply knows: these grants take no `*`) as the account's ARN; an ARN as it is. */
  private accountArn(principal: PolicyValue): PolicyValue {
    const text = valueToString(principal);
    const account = typeof principal === 'string' ? /^\d{12}$/.test(text) : !text.startsWith('arn:');
    return account ? prefixed('', new SymbolicValue(['arn:aws:iam::', ...parts(principal), ':root'])) : principal;
  }

  /**
   * `aws_kms_grant` as the statements it adds to what the key allows: `grantee_principal` may use
   * the key for its `operations` (each the KMS action of that name), under the encryption context
   * its `constraints` require (`encryption_context_equals`: those pairs and no other key;
   * `encryption_context_subset`: at least those pairs); `retiring_principal` may retire the grant.
   * A grant is not part of the key policy, but it allows as a statement of it would, whatever the
   * key policy says.
   */
  private kmsGrant(instance: Instance): void {
    const key = this.protectedArn(instance, {
      kind: 'name-attribute',
      attribute: 'key_id',
      prefix: 'arn:aws:kms:{region}:{account}:key/',
    });
    const principalOf = (value: PolicyValue): Record<string, PolicyValue> =>
      valueToString(value).endsWith('.amazonaws.com') ? { Service: value } : { AWS: value };
    const statements: Record<string, unknown>[] = [];
    const grantee = this.givenScalar(instance, 'grantee_principal');
    if (grantee !== undefined) {
      const operations = unknownAt(instance.unknown, ['operations']);
      const listed = Array.isArray(instance.values['operations']) ? (instance.values['operations'] as unknown[]) : [];
      const actions: PolicyValue[] = listed.filter((o): o is string => typeof o === 'string').map((o) => `kms:${o}`);
      if (operations === true || (Array.isArray(operations) && operations.some((m) => m === true))) {
        const label = `${instance.address}.operations`;
        actions.push(hole(label, label));
      }
      const statement: Record<string, unknown> = { Effect: 'Allow', Principal: principalOf(grantee), Action: actions };
      if (key !== undefined) statement['Resource'] = key;
      const condition = this.grantConstraints(instance);
      if (condition !== undefined) statement['Condition'] = condition;
      statements.push(statement);
    }
    const retiring = this.givenScalar(instance, 'retiring_principal');
    if (retiring !== undefined)
      statements.push({
        Effect: 'Allow',
        Principal: principalOf(retiring),
        Action: 'kms:RetireGrant',
        ...(key === undefined ? {} : { Resource: key }),
      });
    if (statements.length === 0) return;
    const location = this.location(instance);
    this.resources.push({
      id: instance.address,
      type: instance.type,
      arn: key,
      policy: {
        id: instance.address,
        name: instance.address,
        document: { Version: '2012-10-17', Statement: statements },
        location,
      },
      location,
    });
  }

  /**
   * The condition a grant's `constraints` block makes (an encryption context only apply knows
   * constrains nothing that can be told: the grant is judged as the widest it may be).
   */
  private grantConstraints(
    instance: Instance,
  ): Record<string, Record<string, PolicyValue | PolicyValue[]>> | undefined {
    const blocks = instance.values['constraints'];
    const block = Array.isArray(blocks) ? (blocks[0] as Record<string, unknown> | undefined) : undefined;
    const condition: Record<string, Record<string, PolicyValue | PolicyValue[]>> = {};
    const pairs = (name: string): [string, string][] => {
      const map = block?.[name];
      if (map === null || typeof map !== 'object') return [];
      return Object.entries(map as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      );
    };
    const equals = pairs('encryption_context_equals');
    const subset = pairs('encryption_context_subset');
    for (const [k, v] of [...equals, ...subset]) (condition['StringEquals'] ??= {})[`kms:EncryptionContext:${k}`] = v;
    if (equals.length > 0)
      condition['ForAllValues:StringEquals'] = { 'kms:EncryptionContextKeys': equals.map(([k]) => k) };
    return Object.keys(condition).length === 0 ? undefined : condition;
  }

  /**
   * `aws_s3control_multi_region_access_point_policy`: the policy of a Multi-Region Access Point
   * sits in its `details` block. The point's ARN is made of its alias, which S3 chooses: none is
   * given to the resource.
   */
  private multiRegionAccessPointPolicy(instance: Instance): void {
    const path = ['details', 0, 'policy'] as const;
    const location = this.location(instance);
    const policy = this.policySource(instance, path, instance.address, instance.address) ?? {
      id: instance.address,
      name: instance.address,
      document: undefined,
      unresolved: {
        reason: `\`${instance.address}.details[0].policy\` is not in ${this.input}`,
        references: [instance.address],
      },
      location,
    };
    this.resources.push({ id: instance.address, type: instance.type, arn: undefined, policy, location });
  }

  /**
   * An argument of a nested block (`condition[0].value`): as the plan shows it, else as the
   * configuration makes it, else a hole named after it when the block is there but its value is
   * known only after apply (never left out: a condition dropped would widen the grant).
   */
  private blockScalar(instance: Instance, path: readonly (string | number)[]): PolicyValue | undefined {
    if (unknownAt(instance.unknown, path) !== true) return this.nestedText(instance, path);
    const label = attributeLabel(instance.address, path);
    const scope = this.scope(instance);
    // A template the .tf text writes around a value only apply knows keeps its text.
    return (
      this.resolver.sourceScalar(instance, path, scope) ??
      this.resolver.scalar(expressionAt(instance.config?.expressions, path), scope) ??
      hole(label, label)
    );
  }

  /** `aws_lambda_permission` as the statement it adds to the function's resource policy. */
  private lambdaPermission(instance: Instance): void {
    const functionArn = this.functionArn(instance);
    const statement = this.permissionStatement(
      functionArn,
      (attribute) => this.givenScalar(instance, attribute),
      instance.values[VIA_FUNCTION_URL] === true,
    );
    // A permission changes by replacement (every argument forces one): the statement it replaces.
    // A kept one has none (its `before` is not even read, see read-plan).
    const before = isUnchanged(instance) ? undefined : instance.before;
    const previous =
      before === undefined
        ? undefined
        : this.permissionStatement(
            functionArn,
            (attribute) => {
              const value = before[attribute];
              return typeof value === 'string' && value !== '' ? value : undefined;
            },
            before[VIA_FUNCTION_URL] === true,
          );
    this.statementPolicy(
      instance,
      functionArn,
      statement,
      previous === undefined || sameDocument(previous, statement) ? undefined : previous,
    );
  }

  /**
   * The statement a Lambda permission adds, its arguments read through `get`; `viaFunctionUrl`
   * when `invoked_via_function_url = true` limits it to invocations through the function's URL.
   */
  private permissionStatement(
    functionArn: PolicyValue | undefined,
    get: (attribute: string) => PolicyValue | undefined,
    viaFunctionUrl: boolean,
  ): Record<string, unknown> {
    const principal = get('principal');
    const qualifier = get('qualifier');
    const resource =
      functionArn === undefined
        ? undefined
        : qualifier === undefined
          ? functionArn
          : typeof functionArn === 'string' && typeof qualifier === 'string'
            ? `${functionArn}:${qualifier}`
            : prefixedSuffix(functionArn, qualifier);
    const statement: Record<string, unknown> = { Effect: 'Allow' };
    const sid = get('statement_id');
    if (sid !== undefined) statement['Sid'] = sid;
    if (principal === '*') statement['Principal'] = '*';
    else if (principal !== undefined) {
      const text = valueToString(principal);
      statement['Principal'] =
        text.endsWith('.amazonaws.com') || text.endsWith('.amazonaws.com.cn')
          ? { Service: principal }
          : { AWS: principal };
    }
    statement['Action'] = get('action') ?? 'lambda:InvokeFunction';
    if (resource !== undefined) statement['Resource'] = resource;
    const condition: Record<string, Record<string, PolicyValue>> = {};
    const addCondition = (operator: string, key: string, attribute: string): void => {
      const value = get(attribute);
      if (value !== undefined) (condition[operator] ??= {})[key] = value;
    };
    addCondition('ArnLike', 'aws:SourceArn', 'source_arn');
    addCondition('StringEquals', 'aws:SourceAccount', 'source_account');
    addCondition('StringEquals', 'aws:PrincipalOrgID', 'principal_org_id');
    addCondition('StringEquals', 'lambda:EventSourceToken', 'event_source_token');
    addCondition('StringEquals', 'lambda:FunctionUrlAuthType', 'function_url_auth_type');
    if (viaFunctionUrl) condition['Bool'] = { 'lambda:InvokedViaFunctionUrl': 'true' };
    if (Object.keys(condition).length > 0) statement['Condition'] = condition;
    return statement;
  }

  /**
   * The one statement a resource (a Lambda permission, a function URL) adds to the policy of `arn`;
   * `previous`, the one it adds before the change, when it differs.
   */
  private statementPolicy(
    instance: Instance,
    arn: PolicyValue | undefined,
    statement: Record<string, unknown>,
    previous?: Record<string, unknown>,
    label?: string,
  ): void {
    const location = this.location(instance);
    const document = (s: Record<string, unknown>): unknown => ({ Version: '2012-10-17', Statement: [s] });
    this.resources.push({
      id: instance.address,
      type: instance.type,
      arn,
      ...(label === undefined ? {} : { label }),
      policy: {
        id: instance.address,
        name: instance.address,
        document: document(statement),
        location,
        ...(previous === undefined ? {} : { before: { document: document(previous) } }),
      },
      location,
    });
  }

  /** A policy document no extracted resource uses is still checked on its own. */
  private unusedDocument(instance: Instance): void {
    const configPath = parseModuleAddress(instance.moduleAddress)
      .map((s) => s.name)
      .join('.');
    if (!this.allConsumed) {
      this.allConsumed = true;
      this.consumeConfiguration(this.index.plan.configuration?.root_module, '');
    }
    if (this.consumedDocuments.has(`${configPath}|${instance.name}`)) return;
    const result = this.resolver.policyDocumentOf(instance);
    this.standalone.push({
      policy: this.toSource(instance, ['json'], instance.address, instance.address, result),
      type: undefined,
    });
  }
}

/**
 * Whether an access point restricts public access itself: S3 turns every Block Public Access setting
 * of a new access point on unless its `public_access_block_configuration` turns one off, so only
 * `restrict_public_buckets = false`, or a value known only after apply, leaves it off.
 */
function restrictsItself(point: Instance): boolean {
  const path = ['public_access_block_configuration', 0, 'restrict_public_buckets'] as const;
  if (unknownAt(point.unknown, path) === true || unknownAt(point.unknown, [path[0]]) === true) return false;
  const blocks = point.values[path[0]];
  const block: unknown = Array.isArray(blocks) ? blocks[0] : undefined;
  const setting = block !== null && typeof block === 'object' ? (block as Record<string, unknown>)[path[2]] : undefined;
  return setting !== false;
}

/** The attachment, not marked as added by the plan. */
function withoutAdded(attached: AttachedPolicy): AttachedPolicy {
  if (attached.added !== true) return attached;
  const out: Mutable<AttachedPolicy> = { ...attached };
  delete out.added;
  return out;
}

/** What no boundary allows: everything. */
const UNBOUNDED = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The objects of a list (a nested block as the plan shows it), skipping anything else. */
function recordsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
  );
}

/**
 * The attribute a bare reference (format 0.1 names only the resource, a splat or `for` expression
 * the attribute it reads) most likely means: a principal is named by its ARN.
 */
function defaultAttribute(attribute: string): string {
  if (/(?:arns?|principal)$/.test(attribute) || attribute === 'permissions_boundary' || attribute === 'function_name')
    return 'arn';
  return 'id';
}

function parts(value: PolicyValue): (string | Hole)[] {
  return typeof value === 'string' ? [value] : [...value.parts];
}

/** A prefix and a value; plain text when nothing in it is unknown. */
function prefixed(prefix: string, value: PolicyValue): PolicyValue {
  const joined = new SymbolicValue([prefix, ...parts(value)]);
  return joined.parts.every((p) => typeof p === 'string') ? joined.parts.join('') : joined;
}

function prefixedSuffix(value: PolicyValue, suffix: PolicyValue): PolicyValue {
  return prefixed('', new SymbolicValue([...parts(value), ':', ...parts(suffix)]));
}

/** The policy as its service stores it: `rewrite` applied to the planned document and the one before. */
function storedAs(source: PolicySource, rewrite: (document: unknown) => unknown): PolicySource {
  const out: Mutable<PolicySource> = { ...source };
  if (source.document !== undefined) out.document = rewrite(source.document);
  // `null` before: no policy, nothing to rewrite.
  if (source.before !== undefined)
    out.before = { document: source.before.document === null ? null : rewrite(source.before.document) };
  return out;
}

/**
 * Whether two documents (JSON texts or values) read the same: the same JSON once keys are sorted
 * and every list taken as the set IAM reads it as (order and repeats aside, one element as the
 * element itself). The AWS provider stores a policy as the service returns it, so a plan often
 * shows a rewrite of one (keys reordered, `["s3:GetObject"]` for `"s3:GetObject"`) as an update:
 * no change.
 */
function sameDocument(a: unknown, b: unknown): boolean {
  const read = (d: unknown): string => JSON.stringify(canonical(typeof d === 'string' ? parseOr(d) : d));
  return read(a) === read(b);
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((v) => JSON.stringify(canonical(v)) ?? 'null'))].sort();
    const parsed = items.map((text) => JSON.parse(text) as unknown);
    return parsed.length === 1 ? parsed[0] : parsed;
  }
  if (value === null || typeof value !== 'object' || value instanceof SymbolicValue) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/** The ARN of an AWS managed policy, its partition taken as `aws` when known only after apply; undefined for others. */
/**
 * A policy ARN, written as the AWS managed policy it names when only its partition is unknown
 * (`arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess`): the same document
 * in every partition, which a boundary caps with.
 */
function asAwsManaged(arn: PolicyValue | undefined): PolicyValue | undefined {
  return arn === undefined ? undefined : (awsManagedPolicyArn(arn) ?? arn);
}

function awsManagedPolicyArn(arn: PolicyValue): string | undefined {
  if (typeof arn === 'string') return /^arn:aws[\w-]*:iam::aws:policy\//.test(arn) ? arn : undefined;
  const [head, partition, rest] = arn.parts;
  if (arn.parts.length !== 3 || head !== 'arn:' || typeof partition === 'string' || typeof rest !== 'string')
    return undefined;
  return /^:iam::aws:policy\/[\w+=,.@/-]+$/.test(rest) ? `arn:aws${rest}` : undefined;
}

/**
 * A resource policy read from the last values of a resource the plan destroys, as removed: no
 * document after the plan, what it granted before (see `PolicySource.document`); `undefined` when
 * what it granted is not known.
 */
function withoutPolicy(input: ResourceInput): ResourceInput | undefined {
  const { id, name, location, document, unresolved } = input.policy;
  if (document === undefined || document === null || unresolved !== undefined) return undefined;
  return { ...input, policy: { id, name, location, document: null, before: { document } } };
}

/**
 * A principal the plan replaces keeping its name (a path changed, `-replace`, a tainted object):
 * IAM names are unique in an account, so to whoever names it (a trust, a resource policy, a
 * person) the new one is the same principal, holding what the plan gives it.
 */
function replacedKeepingName(instance: Instance): boolean {
  const name = instance.before?.['name'];
  return (
    instance.actions.includes('delete') &&
    instance.actions.includes('create') &&
    typeof name === 'string' &&
    name !== '' &&
    instance.values['name'] === name
  );
}

/** Whether the plan changes a principal that keeps existing: an update, or a replacement under the same name. */
function changedInPlace(instance: Instance): boolean {
  return instance.actions.includes('update') || replacedKeepingName(instance);
}

/**
 * An attachment destroyed and one created for the same policy and target (an attachment renamed,
 * or recreated with its policy replaced): the policy stays attached there.
 */
function keptAcross(targets: readonly OrganizationTarget[]): OrganizationTarget[] {
  const removed = targets.filter((t) => t.change === 'removed');
  const matched = new Set<OrganizationTarget>();
  const kept = targets.map((t) => {
    if (t.change !== 'added' || t.targetKind === 'unknown') return t;
    const old = removed.find((r) => !matched.has(r) && r.target === t.target);
    if (old === undefined) return t;
    matched.add(old);
    return { ...t, change: 'kept' as const };
  });
  return kept.filter((t) => !matched.has(t));
}

/** What an Organizations target id names: `r-…` a root, `ou-…` an OU, twelve digits an account. */
function organizationTargetKind(id: string): OrganizationTarget['targetKind'] {
  if (/^r-[0-9a-z]{4,32}$/.test(id)) return 'root';
  if (/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(id)) return 'ou';
  return /^\d{12}$/.test(id) ? 'account' : 'unknown';
}

/** The policy type an `aws_organizations_policy` of `type` is read as (SCP by default); undefined for others. */
function organizationsPolicyType(kind: unknown): 'scp' | 'rcp' | undefined {
  if (kind === 'RESOURCE_CONTROL_POLICY') return 'rcp';
  return kind === undefined || kind === null || kind === 'SERVICE_CONTROL_POLICY' ? 'scp' : undefined;
}

/** The policy as it is after the change only (its before-version was another kind of policy). */
function withoutBefore(source: PolicySource): PolicySource {
  const current: { -readonly [K in keyof PolicySource]: PolicySource[K] } = { ...source };
  delete current.before;
  return current;
}
