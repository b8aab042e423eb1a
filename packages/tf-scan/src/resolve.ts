/**
 * Rebuilding values unknown at plan time from the configuration: references become symbolic
 * values with the shape of what they name, policy documents are rebuilt from the
 * `aws_iam_policy_document` data sources they come from, module variables and outputs are chased.
 */
import {
  SymbolicValue,
  claimOfLostKey,
  defineOwn,
  getManagedPolicy,
  listManagedPolicies,
  withoutInstanceKeys,
  partitionOfRegion,
  elbAccountOfRegion,
} from '@iamgate/core';
import type { Hole, PolicyValue } from '@iamgate/core';
import { joinAddress, keySuffix, parentModule, parseModuleAddress, parseReference } from './address';
import type { Reference } from './address';
import { expressionAt, unknownAt } from './plan-index';
import type { Instance, PlanIndex } from './plan-index';
import type { Expression, Expressions, ModuleCall } from './plan-types';
import { inDeclaredOrder } from './hcl-block-order';
import {
  UnimplementedHcl,
  UnsupportedHcl,
  childrenOf,
  parseHclAttribute,
  parseHclAttributeIfSupported,
  parseHclTemplate,
} from './hcl-expression';
import type { HclNode } from './hcl-expression';
import {
  AttributeReader,
  UnknownLength,
  evaluateHcl,
  explainsItself,
  fieldsHole,
  hasSamples,
  referencesOf,
  rootOf,
  sampledHole,
  stepInto,
  stepsOf,
} from './hcl-eval';
import type { Scope as Bindings } from './hcl-eval';
import type { HclSources } from './hcl-source';
import { dnsSuffixOf, isAwsProviderSource } from './hcl-source';
import { localsRead, referencesInRaw, settleDeepestFirst } from './hcl-locals';
import { conformToType } from './hcl-types';

/** Where an expression is evaluated: its module instance and the instance key of its resource. */
export interface Scope {
  readonly moduleAddress: string;
  readonly key: string | number | undefined;
  /** The block whose `count` / `for_each` binds `key` (and `each.value`), when known. */
  readonly binder?: Binder;
}

/** A block that repeats: a resource of the scope's module, or a module call of it. */
type Binder =
  | { readonly kind: 'resource'; readonly mode: 'managed' | 'data'; readonly type: string; readonly name: string }
  | { readonly kind: 'module'; readonly name: string };

/** The scope of the expressions of an instance. */
export function scopeOf(instance: Instance): Scope {
  return {
    moduleAddress: instance.moduleAddress,
    key: instance.key,
    binder: { kind: 'resource', mode: instance.mode, type: instance.type, name: instance.name },
  };
}

/** Names bound by no `dynamic` block. */
const NO_BINDINGS: Bindings = new Map();

/** A rebuilt policy document, or why it could not be rebuilt. */
export type DocumentResult =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly reason: string; readonly references: readonly string[] };

/**
 * A policy attribute that reads itself, through locals, outputs or other policies: Terraform
 * refuses such a configuration (`Error: Cycle: ...`), so no plan of it exists to deploy.
 */
export class ReferenceCycle extends Error {
  /** The address of the block that reads itself. */
  readonly address: string;

  constructor(
    /** What reads what, from the attribute read again back to it (`aws_iam_policy.x.policy`, `local.a`, ...). */
    chain: readonly string[],
    address: string,
  ) {
    super(
      `\`${chain[0] ?? ''}\` reads itself in a cycle, which Terraform refuses: ${chain.map((link) => `\`${link}\``).join(' -> ')}`,
    );
    this.address = address;
  }
}

/** ARN templates by resource type: `{attr}` is an attribute of the resource, `{account}` / `{region}` the provider's. */
const ARN_SHAPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'arn:aws:s3:::{bucket}',
  aws_iam_role: 'arn:aws:iam::{account}:role{path}{name}',
  aws_iam_user: 'arn:aws:iam::{account}:user{path}{name}',
  aws_iam_group: 'arn:aws:iam::{account}:group{path}{name}',
  aws_iam_policy: 'arn:aws:iam::{account}:policy{path}{name}',
  aws_iam_instance_profile: 'arn:aws:iam::{account}:instance-profile{path}{name}',
  aws_iam_saml_provider: 'arn:aws:iam::{account}:saml-provider/{name}',
  aws_iam_openid_connect_provider: 'arn:aws:iam::{account}:oidc-provider/{url}',
  aws_sqs_queue: 'arn:aws:sqs:{region}:{account}:{name}',
  aws_sns_topic: 'arn:aws:sns:{region}:{account}:{name}',
  aws_kms_key: 'arn:aws:kms:{region}:{account}:key/{key_id}',
  aws_kms_alias: 'arn:aws:kms:{region}:{account}:{name}',
  aws_lambda_function: 'arn:aws:lambda:{region}:{account}:function:{function_name}',
  aws_dynamodb_table: 'arn:aws:dynamodb:{region}:{account}:table/{name}',
  aws_cloudwatch_log_group: 'arn:aws:logs:{region}:{account}:log-group:{name}',
  aws_cloudwatch_event_rule: 'arn:aws:events:{region}:{account}:rule/{name}',
  aws_ecr_repository: 'arn:aws:ecr:{region}:{account}:repository/{name}',
  aws_ecrpublic_repository: 'arn:aws:ecr-public::{account}:repository/{repository_name}',
  aws_kinesis_stream: 'arn:aws:kinesis:{region}:{account}:stream/{name}',
  aws_secretsmanager_secret: 'arn:aws:secretsmanager:{region}:{account}:secret:{name}-{arn_suffix}',
  aws_sfn_state_machine: 'arn:aws:states:{region}:{account}:stateMachine:{name}',
  aws_elasticsearch_domain: 'arn:aws:es:{region}:{account}:domain/{domain_name}',
  aws_opensearch_domain: 'arn:aws:es:{region}:{account}:domain/{domain_name}',
  aws_glacier_vault: 'arn:aws:glacier:{region}:{account}:vaults/{name}',
  aws_backup_vault: 'arn:aws:backup:{region}:{account}:backup-vault:{name}',
  aws_codeartifact_domain: 'arn:aws:codeartifact:{region}:{account}:domain/{domain}',
  aws_cloudwatch_event_bus: 'arn:aws:events:{region}:{account}:event-bus/{name}',
  // Resources that run with a role (workloads.ts): what grants on one of them name.
  aws_instance: 'arn:aws:ec2:{region}:{account}:instance/{id}',
  aws_cloudformation_stack: 'arn:aws:cloudformation:{region}:{account}:stack/{name}/{stack_uuid}',
  aws_sagemaker_notebook_instance: 'arn:aws:sagemaker:{region}:{account}:notebook-instance/{name}',
  aws_apprunner_service: 'arn:aws:apprunner:{region}:{account}:service/{service_name}/{service_id}',
  aws_codebuild_project: 'arn:aws:codebuild:{region}:{account}:project/{name}',
  aws_ecs_cluster: 'arn:aws:ecs:{region}:{account}:cluster/{name}',
  // The account of a service in the Region (load balancer access logs, CloudTrail): its root, whose id is the account's.
  aws_elb_service_account: 'arn:aws:iam::{id}:root',
  aws_cloudtrail_service_account: 'arn:aws:iam::{id}:root',
};

/** Attributes that equal another attribute (`id` of a role is its name). */
const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_s3_bucket: { id: 'bucket' },
  aws_iam_role: { id: 'name', unique_id: 'unique_id' },
  aws_iam_user: { id: 'name' },
  aws_iam_group: { id: 'name' },
  aws_iam_policy: { id: 'arn' },
  // The id of an identity provider is its ARN (what a trust policy's `Federated` names).
  aws_iam_openid_connect_provider: { id: 'arn' },
  aws_iam_saml_provider: { id: 'arn' },
  aws_sns_topic: { id: 'arn' },
  aws_sqs_queue: { id: 'url' },
  aws_lambda_function: { id: 'function_name' },
  aws_dynamodb_table: { id: 'name' },
  aws_kms_key: { id: 'key_id' },
  aws_secretsmanager_secret: { id: 'arn' },
  aws_ecr_repository: { id: 'name' },
  aws_ecrpublic_repository: { id: 'repository_name' },
  // Their ARN attributes have names of their own (what a grant on one of them names).
  aws_bedrockagentcore_agent_runtime: { arn: 'agent_runtime_arn' },
  aws_bedrockagentcore_browser: { arn: 'browser_arn' },
  aws_bedrockagentcore_code_interpreter: { arn: 'code_interpreter_arn' },
  aws_osis_pipeline: { arn: 'pipeline_arn' },
  // A stack's id is its ARN.
  aws_cloudformation_stack: { id: 'arn' },
};

const shapePieces = new Map<string, string[]>();

/** The AWS provider arguments that choose the account it signs in to. */
const CREDENTIAL_ARGUMENTS = [
  'access_key',
  'secret_key',
  'token',
  'profile',
  'shared_credentials_files',
  'shared_config_files',
  'assume_role',
  'assume_role_with_web_identity',
];

/** Values a region known only after apply is tried as (`replace` with a regular expression). */
const REGION_SAMPLES = ['', 'eu-west-1', 'cn-north-1', 'us-gov-west-1'];
/** Values an account known only after apply is tried as: twelve digits. */
const ACCOUNT_SAMPLES = ['123456789012'];
/** Values a partition known only after apply is tried as. */
const PARTITION_SAMPLES = ['aws', 'aws-cn', 'aws-us-gov'];
/**
 * Values a name inside an ARN is tried as: no colon (AWS names hold none, the colons of an ARN are
 * its own); no slash either in the name of an IAM entity or a bucket.
 */
const NAME_SAMPLES = ['a', 'a/b'];
const PLAIN_NAME_SAMPLES = ['a'];
const PLAIN_NAME_TYPES: ReadonlySet<string> = new Set([
  'aws_s3_bucket',
  'aws_iam_role',
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_policy',
  'aws_iam_instance_profile',
  'aws_iam_saml_provider',
]);

/** A value whose holes (those not yet of a known form) are tried as `samples` by the text functions. */
function sampled(value: SymbolicValue, samples: readonly string[]): SymbolicValue {
  return new SymbolicValue(
    // Whatever text an unread part adds (`anyText`) takes no form.
    value.parts.map((p) =>
      typeof p === 'string' || hasSamples(p) || p.anyText === true ? p : sampledHole({ ...p }, samples),
    ),
  );
}

let managedByName: ReadonlyMap<string, readonly { readonly arn: string; readonly path: string }[]> | undefined;

/** The ARN of the AWS managed policy `data.aws_iam_policy` finds by name (and path prefix), if one has that name. */
function awsManagedPolicyArn(name: unknown, pathPrefix: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  if (managedByName === undefined) {
    const map = new Map<string, { arn: string; path: string }[]>();
    for (const policy of listManagedPolicies()) map.set(policy.name, [...(map.get(policy.name) ?? []), policy]);
    managedByName = map;
  }
  const prefix = typeof pathPrefix === 'string' && pathPrefix !== '' ? pathPrefix : '/';
  const found = (managedByName.get(name) ?? []).filter((p) => p.path.startsWith(prefix));
  return found.length === 1 ? found[0]?.arn : undefined;
}

const PAIRING = new Set(['each.key', 'count.index', 'each.value']);

/** The key written after a module output (`module.m.roles["x"]`) and the attribute read after it (`.arn`). */
const OUTPUT_ELEMENT = /^module\.[\w-]+(?:\[[^\]]*\])?\.[\w-]+\[(\d+|"(?:[^"\\]|\\.)*")\](?:\.([\w-]+))?/;

function isPolicyDocumentRef(ref: Reference): ref is Extract<Reference, { kind: 'resource' }> {
  return ref.kind === 'resource' && ref.mode === 'data' && ref.type === 'aws_iam_policy_document';
}

const meaningful = new WeakMap<readonly string[], string[]>();

/** The references that name something (not `each.key` or `count.index`), the bare form dropped when a longer one exists. */
export function meaningfulReferences(references: readonly string[]): string[] {
  let result = meaningful.get(references);
  if (result === undefined) {
    result = computeMeaningful(references);
    meaningful.set(references, result);
  }
  return result;
}

function computeMeaningful(references: readonly string[]): string[] {
  const named = references.filter((r) => !PAIRING.has(r) && !r.startsWith('each.') && !r.startsWith('count.'));
  const kept = named.filter(
    (r) => !named.some((other) => other !== r && (other.startsWith(r + '.') || other.startsWith(r + '['))),
  );
  return [...new Set(kept)];
}

/**
 * The module a provider configuration key is written in, whose variables its arguments read:
 * `module.iam:aws` (older Terraform: `iam:aws`) in `module.iam`, `aws.us` at the root.
 */
function providerModule(key: string): string {
  const colon = key.lastIndexOf(':');
  const module = colon === -1 ? '' : key.slice(0, colon);
  return module === '' || module.startsWith('module.')
    ? module
    : module
        .split('.')
        .map((name) => `module.${name}`)
        .join('.');
}

/** Whether a plan's `after_unknown` marker holds `true` anywhere inside. */
function holdsUnknown(marker: unknown, depth: number): boolean {
  if (marker === true) return true;
  if (marker === null || typeof marker !== 'object' || depth > 64) return false;
  return Object.values(marker).some((m) => holdsUnknown(m, depth + 1));
}

/**
 * Every reference a part of a plan's configuration names (`references` lists, deeply), into `into`:
 * of a module, its own blocks and outputs and what it passes to the modules it calls, not what
 * those modules read of their own variables.
 */
function collectReferences(node: unknown, into: Set<string>, depth: number): void {
  if (node === null || typeof node !== 'object' || depth > 64) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'references' && Array.isArray(value)) for (const r of value) if (typeof r === 'string') into.add(r);
    if (key === 'module_calls' && value !== null && typeof value === 'object')
      for (const call of Object.values(value as Record<string, ModuleCall>))
        collectReferences({ ...call, module: undefined }, into, depth + 1);
    else collectReferences(value, into, depth + 1);
  }
}

/** Resolves values of one plan. */
export class Resolver {
  private accountCache: PolicyValue | undefined;
  /** The Region of each AWS provider configuration, by key (see {@link regionOfProvider}). */
  private readonly regions = new Map<string, PolicyValue>();
  private readonly documents = new Map<string, DocumentResult>();
  private readonly arns = new Map<Instance, PolicyValue>();
  private providerNames: ReadonlySet<string> | undefined;
  /** The policy attributes being rebuilt from their configuration, the outermost first: one read again is a cycle. */
  private readonly rebuilding: { instance: Instance; path: readonly (string | number)[]; what: string }[] = [];
  /**
   * A module output, or an instance whose name the plan does not show, was paired with an instance
   * from the plan's references alone (see {@link keyFromPlan}): the .tf files, when there are some,
   * read it as written instead (`x[count.index + 1]` leaves the references of `x[count.index]`).
   */
  pairedFromPlan = false;
  /** Each pairing made from the plan's references alone, where the .tf text of its attribute would tell it. */
  readonly pairings: PlanPairing[] = [];
  /** Arguments being read from their configuration (`instance address#attribute`): a cycle stays a hole. */
  private readonly configuring = new Set<string>();
  /**
   * Whether `jsonencode` gives JSON text (holes and all) rather than the document itself: set while a
   * list of documents is read again as Terraform computes it, where text functions take the text.
   */
  private encodingAsText = false;
  /**
   * The locals evaluated in each module instance (by address: locals read neither `each` nor
   * `count`, so every scope of a module instance shares them), value or error, and those being
   * evaluated: a chain of locals is evaluated deepest first, each once per module instance (see
   * {@link settleLocals}).
   */
  private readonly localResults = new Map<
    string,
    {
      readonly results: Map<string, { readonly value: unknown } | { readonly error: UnsupportedHcl }>;
      readonly evaluating: Set<string>;
    }
  >();
  /** The blocks of the text each planned block list of an instance is read from (see {@link blockSource}). */
  private readonly expandedBlocks = new WeakMap<
    Instance,
    Map<string, { node: unknown; bound: Bindings }[] | undefined>
  >();

  constructor(
    readonly index: PlanIndex,
    private readonly hcl?: HclSources,
  ) {}

  /** The account id of the AWS provider when the plan shows it, else a hole. */
  account(): PolicyValue {
    if (this.accountCache === undefined) {
      const identity = this.index.instances.find(
        (i) => i.type === 'aws_caller_identity' && typeof i.values['account_id'] === 'string',
      );
      this.accountCache =
        (identity?.values['account_id'] as string | undefined) ??
        sampled(hole('aws_account_id', 'the account of the AWS provider'), ACCOUNT_SAMPLES);
    }
    return this.accountCache;
  }

  /**
   * The Region of the provider configuration `instance` is managed through: one other than the
   * default the plan names (`provider_config_key` `aws.us`, given by `providers = { aws = aws.us }`,
   * or a module's own `module.iam:aws`), else the default provider's ({@link region}).
   */
  providerRegion(instance: Instance): PolicyValue {
    const keys = this.providerKeysOf(instance);
    if (keys.length <= 1) return this.regionOfProvider(keys[0] ?? 'aws');
    // A plan that lists several configurations for a resource (`provider_config_keys`, which
    // neither Terraform nor OpenTofu writes, but a hand-made plan may): one Region only if they agree.
    const regions = keys.map((key) => this.regionOfProvider(key));
    const first = regions[0];
    if (typeof first === 'string' && regions.every((region) => region === first)) return first;
    const names = keys.map((key) => `\`${key}\``).join(', ');
    return sampled(hole(`${keys.join('|')}#region`, `the region of one of the AWS providers ${names}`), REGION_SAMPLES);
  }

  /** The region of the default AWS provider (see {@link regionOfProvider}). */
  region(): PolicyValue {
    return this.regionOfProvider('aws');
  }

  /**
   * The key of the AWS provider configuration `instance` is managed or read through: one the plan
   * configures other than the default (`aws.us`, `module.iam:aws`), else `aws`.
   */
  private providerKeyOf(instance: Instance): string {
    const keys = this.providerKeysOf(instance);
    // Several (`provider_config_keys`): no one key, which no other provider's matches.
    return keys.length === 1 ? (keys[0] ?? 'aws') : keys.join('|');
  }

  /**
   * The keys of the AWS provider configurations `instance` may be planned with, each as
   * {@link providerKeyOf} tells it: one, or several where the plan lists them.
   */
  private providerKeysOf(instance: Instance): string[] {
    const configs = this.index.plan.configuration?.provider_config;
    const aws = providerConfigKeys(instance).map((key) => {
      const config = key === 'aws' ? undefined : configs?.[key];
      return config === undefined || (config.name ?? 'aws') !== 'aws' ? 'aws' : key;
    });
    return [...new Set(aws)];
  }

  /**
   * The Region of the AWS provider configuration `key` (`aws`, `aws.us`, `module.iam:aws`): its
   * `region` written as a constant or as a variable whose value the plan gives (`region =
   * var.region`, a module's variable given a constant), else the name an `aws_region` data source read through it shows, else a hole
   * named after the provider.
   */
  private regionOfProvider(key: string): PolicyValue {
    let region = this.regions.get(key);
    if (region === undefined) {
      const expression = expressionAt(this.index.plan.configuration?.provider_config?.[key]?.expressions, ['region']);
      const references = meaningfulReferences(expression?.references ?? []);
      const variable =
        references.length === 1 && /^var\.[\w-]+$/.test(references[0] ?? '')
          ? this.chaseVariable((references[0] ?? '').slice('var.'.length), {
              moduleAddress: providerModule(key),
              key: undefined,
            })
          : undefined;
      // A variable of the root has the value the plan lists; one of a module, what its caller writes.
      const given =
        variable === undefined ? undefined : 'value' in variable ? variable.value : variable.expression.constant_value;
      const configured = expression?.constant_value ?? given;
      const data = this.index.instances.find(
        (i) => i.type === 'aws_region' && typeof i.values['name'] === 'string' && this.providerKeyOf(i) === key,
      );
      region =
        typeof configured === 'string'
          ? configured
          : ((data?.values['name'] as string | undefined) ??
            (key === 'aws'
              ? sampled(hole('aws_region', 'the region of the AWS provider'), REGION_SAMPLES)
              : sampled(hole(`${key}#region`, `the region of the AWS provider \`${key}\``), REGION_SAMPLES)));
      this.regions.set(key, region);
    }
    return region;
  }

  /** An attribute of an instance: its known value, else a symbolic value of the right shape. */
  attribute(instance: Instance, attribute: string): PolicyValue {
    const known = instance.values[attribute];
    if (typeof known === 'string' && known !== '' && unknownAt(instance.unknown, [attribute]) !== true) return known;
    // Own entries only: a resource type or attribute of the plan may be named `constructor`.
    const aliases = Object.hasOwn(ALIASES, instance.type) ? ALIASES[instance.type] : undefined;
    const alias = aliases !== undefined && Object.hasOwn(aliases, attribute) ? aliases[attribute] : undefined;
    if (alias !== undefined && alias !== attribute) return this.attribute(instance, alias);
    if (attribute === 'arn' && instance.mode === 'data' && instance.type === 'aws_iam_policy') {
      // Read after apply by its name: an AWS managed policy of that name is the one found (a
      // policy of the account with the same name makes the read fail), not one of the account.
      const managed = awsManagedPolicyArn(instance.values['name'], instance.values['path_prefix']);
      if (managed !== undefined) return managed;
    }
    const provided = instance.mode === 'data' ? this.providerData(instance, attribute) : undefined;
    if (provided !== undefined) return provided;
    if (instance.mode === 'data' && instance.type === 'aws_elb_service_account' && attribute === 'id')
      return this.elbServiceAccount(instance).account;
    if (instance.mode === 'data' && instance.type === 'aws_elb_service_account' && attribute === 'arn') {
      // The root of that account, in the partition of the Region it is read in (GovCloud's is `aws-us-gov`).
      const { account, region } = this.elbServiceAccount(instance);
      const partition = region === undefined ? undefined : partitionOfRegion(region);
      if (typeof account === 'string' && partition !== undefined) return `arn:${partition}:iam::${account}:root`;
    }
    if (instance.mode === 'data' && instance.type === 'aws_caller_identity' && attribute === 'arn')
      return this.callerArn(instance);
    // A data source returns the arguments it is looked up by (`url`, `arn`, `name`) as they are
    // given, and an OIDC provider keeps the URL it is created with: an argument known only after
    // apply is the value its expression rebuilds (the issuer of a cluster), not a hole of its own.
    if (instance.mode === 'data' || (instance.type === 'aws_iam_openid_connect_provider' && attribute === 'url')) {
      const configured = this.configured(instance, attribute);
      if (configured !== undefined) return configured;
    }
    const shape = Object.hasOwn(ARN_SHAPES, instance.type) ? ARN_SHAPES[instance.type] : undefined;
    if (attribute === 'arn' && shape !== undefined) {
      // Memoized: the ARN of a policy or role is asked again by every attachment that names it.
      let arn = this.arns.get(instance);
      if (arn === undefined) this.arns.set(instance, (arn = this.fromShape(instance, shape)));
      return arn;
    }
    if (instance.type === 'aws_sqs_queue' && attribute === 'url')
      return this.fromShape(instance, 'https://sqs.{region}.amazonaws.com/{account}/{name}');
    // What REST API policies and invocation permissions name (the `arn` is the API's management ARN).
    if (instance.type === 'aws_api_gateway_rest_api' && attribute === 'execution_arn')
      return this.fromShape(instance, 'arn:aws:execute-api:{region}:{account}:{id}');
    const label = `${instance.address}.${attribute}`;
    if (instance.type === 'aws_organizations_organization' && this.ownOrganization(instance)) {
      const id: Hole = { id: `${instance.address}.id`, source: `${instance.address}.id`, ownOrganization: true };
      if (attribute === 'id') return new SymbolicValue([id]);
      // The ARN names the management account, the deployer's: `arn:aws:organizations::<account>:organization/<id>`.
      if (attribute === 'arn') {
        const account = this.account();
        return new SymbolicValue([
          'arn:aws:organizations::',
          ...(typeof account === 'string' ? [account] : account.parts),
          ':organization/',
          id,
        ]);
      }
    }
    // An argument the configuration sets is kept as written (Terraform holds the planned value of a
    // set argument to the configured one): `aws_eks_access_entry.x.principal_arn`, given the ARN of a
    // role of the plan, is that role's ARN, not a value of its own.
    if (instance.mode === 'managed') {
      const configured = this.configured(instance, attribute);
      if (configured !== undefined) return configured;
    }
    return hole(label, label);
  }

  /**
   * Whether an `aws_organizations_organization` is the deployer's organization: the one the
   * configuration creates, or one read through the AWS provider of the deployer's account (not an
   * alias, which may reach another account).
   */
  private ownOrganization(instance: Instance): boolean {
    if (instance.mode !== 'data') return true;
    if (this.hcl !== undefined) return this.readsDefaultProvider(instance);
    // The plan names the provider configuration: `aws`, `module.x:aws`, or an alias `aws.partner`.
    return providerConfigKeys(instance).every((key) => !/(?:^|:)aws\.[^.:]+$/.test(key));
  }

  /**
   * Whether every AWS provider configuration the plan names for `instance` signs in as the root
   * module's default one: the default itself, a module's configuration the plan lists without
   * arguments (inherited), or one whose credential arguments (`assume_role`, `profile`, keys) are
   * written as the default's. An alias of another account writes its own.
   */
  private signsInAsDefault(instance: Instance): boolean {
    const configs = this.index.plan.configuration?.provider_config;
    const credentials = (key: string): string => {
      const expressions = configs?.[key]?.expressions ?? {};
      return JSON.stringify(CREDENTIAL_ARGUMENTS.map((name) => expressions[name] ?? null));
    };
    const own = credentials('aws');
    return this.providerKeysOf(instance).every((key) => key === 'aws' || credentials(key) === own);
  }

  /** An argument of an instance rebuilt from its configuration expression; `undefined` when it has none. */
  private configured(instance: Instance, attribute: string): PolicyValue | undefined {
    const key = `${instance.address}#${attribute}`;
    if (this.configuring.has(key)) return undefined;
    this.configuring.add(key);
    try {
      const scope = scopeOf(instance);
      return (
        this.sourceScalar(instance, attribute, scope) ??
        this.scalar(expressionAt(instance.config?.expressions, [attribute]), scope)
      );
    } finally {
      this.configuring.delete(key);
    }
  }

  /**
   * A nested attribute of an instance (`identity[0].oidc[0].issuer`): the value the plan shows,
   * what the resource type is known to compute (the issuer of an EKS cluster), else a hole named
   * by the whole path.
   */
  private attributeAt(instance: Instance, path: readonly (string | number)[]): PolicyValue {
    let known: unknown = instance.values;
    for (const step of path)
      known =
        known === null || typeof known !== 'object' ? undefined : (known as Record<string | number, unknown>)[step];
    if (typeof known === 'string' && unknownAt(instance.unknown, path) !== true) return known;
    if (instance.type === 'aws_eks_cluster' && path.join('.') === 'identity.0.oidc.0.issuer')
      return this.eksIssuer(instance);
    const label = `${instance.address}${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
    return hole(label, label);
  }

  /**
   * The OIDC issuer of an EKS cluster, `https://oidc.eks.<region>.<dns suffix>/id/<id>`: the id is
   * known only once the cluster exists; the region is the cluster's own, or the provider's when it
   * is read through the default provider, and the DNS suffix that of the region's partition. What
   * is not known is a hole named after the cluster, one specific value that the provider ARN and the
   * condition keys built from the same issuer share, so that the rules still read an EKS issuer.
   */
  private eksIssuer(instance: Instance): PolicyValue {
    const own = instance.values['region'];
    const part = (name: string, source: string, samples: readonly string[]): Hole =>
      sampledHole({ id: `${instance.address}#${name}`, source: `${source} ${instance.address}` }, samples);
    const provider =
      expressionAt(instance.config?.expressions, ['region']) === undefined && this.readsDefaultProvider(instance)
        ? this.region()
        : undefined;
    const providerHole =
      provider instanceof SymbolicValue && provider.parts.length === 1 ? provider.parts[0] : undefined;
    const region: string | Hole =
      typeof own === 'string' && own !== '' && unknownAt(instance.unknown, ['region']) !== true
        ? own
        : typeof provider === 'string'
          ? provider
          : typeof providerHole === 'object'
            ? sampledHole(providerHole, REGION_SAMPLES)
            : part('region', 'the region of', REGION_SAMPLES);
    const suffix =
      (typeof region === 'string' ? dnsSuffixOf(partitionOfRegion(region)) : undefined) ??
      part('dns-suffix', 'the DNS suffix of the region of', ['', 'amazonaws.com', 'amazonaws.com.cn']);
    const id = part('issuer-id', 'the OIDC issuer id of', ['', 'A', '0123456789ABCDEF0123456789ABCDEF']);
    return new SymbolicValue(['https://oidc.eks.', region, '.', suffix, '/id/', id]);
  }

  /**
   * What `aws_caller_identity`, `aws_partition` and `aws_region` read through the default provider
   * (the account, the partition and DNS suffix of its region, the region), as the ARNs of the plan
   * are built; `undefined` for another provider (a `provider` argument, a module call passing
   * `providers`) or another attribute.
   */
  private providerData(instance: Instance, attribute: string): PolicyValue | undefined {
    const { type } = instance;
    if (type !== 'aws_caller_identity' && type !== 'aws_partition' && type !== 'aws_region') return undefined;
    // Without the .tf text, a caller identity read through a configuration signed in as the
    // default one (no alias, no credentials of its own) is the deployer's account too.
    if (
      type === 'aws_caller_identity' &&
      (this.hcl === undefined ? this.signsInAsDefault(instance) : this.readsDefaultAccount(instance))
    )
      return attribute === 'account_id' || attribute === 'id' ? this.account() : undefined;
    if (!this.readsDefaultProvider(instance)) return undefined;
    // The `id` of the caller identity is its account id too.
    if (type === 'aws_caller_identity')
      return attribute === 'account_id' || attribute === 'id' ? this.account() : undefined;
    const region = this.region();
    if (type === 'aws_region') {
      // An argument set to null (`region = var.region` left at its null default) is not set.
      const own = ['name', 'region', 'endpoint'].some(
        (k) =>
          this.hcl?.node(configPathOf(instance.moduleAddress), 'data', type, instance.name, [k]) !== undefined &&
          !(instance.values[k] === null && unknownAt(instance.unknown, [k]) !== true),
      );
      return !own && (attribute === 'name' || attribute === 'region' || attribute === 'id') ? region : undefined;
    }
    const partition = typeof region === 'string' ? partitionOfRegion(region) : undefined;
    if (attribute === 'partition')
      return (
        partition ?? sampled(hole(`${instance.address}.partition`, `${instance.address}.partition`), PARTITION_SAMPLES)
      );
    return attribute === 'dns_suffix' ? dnsSuffixOf(partition) : undefined;
  }

  /**
   * The id of an `aws_elb_service_account` the plan reads only at apply (deferred by `depends_on`
   * or an unknown argument): the load balancers' account of the Region it reads, its own `region`
   * when set (null is not set), else its provider's, a fixed account the Elastic Load Balancing
   * guide lists, as Terraform reads it. A Region not known leaves a hole that says what would make
   * it known: a module is given its Region by its caller's provider.
   */
  private elbServiceAccount(instance: Instance): { account: PolicyValue; region?: string } {
    const label = `${instance.address}.id`;
    // `region = var.region` left at a null default is not set: the provider's Region is read.
    const unset = instance.values['region'] === null && unknownAt(instance.unknown, ['region']) !== true;
    const written = unset ? undefined : (ownRegion(instance) ?? this.configured(instance, 'region'));
    const own = written === '' ? undefined : written;
    const region = own ?? this.providerRegion(instance);
    if (typeof region !== 'string') {
      const knownWith = `known once a \`region\` is set on the AWS provider or on \`${instance.address}\` (the load balancers' account of that Region; a module's provider is its caller's)`;
      return { account: new SymbolicValue([{ id: label, source: label, knownWith }]) };
    }
    const account = elbAccountOfRegion(region);
    if (account === undefined) {
      const knownWith = `none in \`${region}\`, whose load balancers deliver logs as the service \`logdelivery.elasticloadbalancing.amazonaws.com\``;
      return { account: new SymbolicValue([{ id: label, source: label, knownWith }]), region };
    }
    return { account, region };
  }

  /**
   * The ARN of the principal an `aws_caller_identity` reads, when only apply knows it: an IAM user
   * or root (`arn:aws:iam::<account>:user/ci`) or an assumed-role session (`arn:aws:sts::...`), of
   * the account the data source reads, never `*`; its partition is the region's when known.
   */
  private callerArn(instance: Instance): PolicyValue {
    const part = (name: string, source: string, samples: readonly string[]): Hole =>
      sampledHole({ id: `${instance.address}.arn#${name}`, source: `${source} ${instance.address}.arn` }, samples);
    const region = this.readsDefaultProvider(instance) ? this.region() : undefined;
    const partition =
      (typeof region === 'string' ? partitionOfRegion(region) : undefined) ??
      part('partition', 'the partition of', ['aws', 'aws-cn', 'aws-us-gov']);
    const service = part('service', 'the service of', ['iam', 'sts']);
    const account = this.attribute(instance, 'account_id');
    // After its first `/`, a user's name (or the first folder of its path), a role session's role
    // or a federated user's name; a root caller has no `/`.
    const principal = fieldsHole(
      part('principal', 'the principal of', ['root', 'user/ci', 'assumed-role/deploy/session']),
      '/',
      [part('name', 'the user or role name after / in', ['ci', 'deploy'])],
      `\`${instance.address}.arn\` split at \`/\` has 1 field for the account's root user, 2 or more for a user, 3 for a role session, as only apply tells: only \`[1]\` (the user or role name) is known`,
    );
    return toValue([
      'arn:',
      partition,
      ':',
      service,
      '::',
      ...(typeof account === 'string' ? [account] : account.parts),
      ':',
      principal,
    ]);
  }

  /** Whether a data source is read through the root module's default AWS provider, as far as the .tf files tell. */
  private readsDefaultProvider(instance: Instance): boolean {
    const hcl = this.hcl;
    if (hcl === undefined) return false;
    if (
      hcl.node(configPathOf(instance.moduleAddress), instance.mode, instance.type, instance.name, ['provider']) !==
      undefined
    )
      return false;
    let configPath = '';
    for (const step of parseModuleAddress(instance.moduleAddress)) {
      if (hcl.moduleInput(configPath, step.name, 'providers') !== undefined) return false;
      configPath = configPath === '' ? step.name : `${configPath}.${step.name}`;
    }
    return true;
  }

  /**
   * Whether a data source is read, as far as the .tf files tell, through a provider configuration
   * that signs in as the root module's default one: the default, or an alias a module is handed
   * (`providers = { aws = aws.virginia }`, `provider = aws.virginia`) whose credential arguments are
   * written as the default's (an alias for another Region of the same account).
   */
  private readsDefaultAccount(instance: Instance): boolean {
    const hcl = this.hcl;
    if (hcl === undefined) return false;
    const own =
      hcl.providerCredentials('', '', CREDENTIAL_ARGUMENTS) ?? JSON.stringify(CREDENTIAL_ARGUMENTS.map(() => null));
    // The alias a `providers` entry or a `provider` argument names, judged in the module that declares it.
    const same = (raw: unknown, configPath: string): boolean => {
      const alias = typeof raw === 'string' ? /^\$\{aws(?:\.([A-Za-z_][\w-]*))?\}$/.exec(raw) : null;
      if (alias === null) return false;
      if (alias[1] === undefined) return true;
      return hcl.providerCredentials(configPath, alias[1], CREDENTIAL_ARGUMENTS) === own;
    };
    let configPath = '';
    for (const step of parseModuleAddress(instance.moduleAddress)) {
      const providers = hcl.moduleInput(configPath, step.name, 'providers');
      if (providers !== undefined) {
        const passed = (providers as Record<string, unknown> | null)?.['aws'];
        if (!same(passed, configPath)) return false;
      }
      configPath = configPath === '' ? step.name : `${configPath}.${step.name}`;
    }
    const provider = hcl.node(configPath, instance.mode, instance.type, instance.name, ['provider']);
    return provider === undefined || same(provider, configPath);
  }

  private fromShape(instance: Instance, written: string): PolicyValue {
    // The partition of the provider's Region when the plan shows it (a role of a China deployment
    // is `arn:aws-cn:iam::...`): the shapes are written in `aws`.
    const region = written.startsWith('arn:aws:') ? this.providerRegion(instance) : undefined;
    const partition = typeof region === 'string' ? partitionOfRegion(region) : undefined;
    const shape =
      partition === undefined || partition === 'aws' ? written : `arn:${partition}:${written.slice('arn:aws:'.length)}`;
    const parts: (string | Hole)[] = [];
    let pieces = shapePieces.get(shape);
    if (pieces === undefined) {
      pieces = shape.split(/(\{[a-z_]+\})/);
      shapePieces.set(shape, pieces);
    }
    for (const piece of pieces) {
      if (!piece.startsWith('{')) {
        parts.push(piece);
        continue;
      }
      const name = piece.slice(1, -1);
      let value: PolicyValue;
      if (name === 'account') value = this.account();
      // AWS provider 6 gives every regional resource its own `region` (the provider's unless set).
      else if (name === 'region') value = ownRegion(instance) ?? this.providerRegion(instance);
      else if (name === 'path') value = typeof instance.values['path'] === 'string' ? instance.values['path'] : '/';
      else {
        value = this.attribute(instance, name);
        if (value instanceof SymbolicValue)
          value = sampled(value, PLAIN_NAME_TYPES.has(instance.type) ? PLAIN_NAME_SAMPLES : NAME_SAMPLES);
      }
      // The provider's ARN names its URL without the scheme, whether the host is known or not.
      if (name === 'url') value = withoutScheme(value);
      if (typeof value === 'string') parts.push(value);
      else parts.push(...value.parts);
    }
    return toValue(parts);
  }

  /** The value of a single-valued expression (an ARN, a name): constant, or rebuilt from its references. */
  scalar(
    expression: Expression | undefined,
    scope: Scope,
    defaultAttribute?: string,
    depth = 0,
  ): PolicyValue | undefined {
    if (expression === undefined) return undefined;
    if (typeof expression.constant_value === 'string') return expression.constant_value;
    const references = meaningfulReferences(expression.references ?? []);
    // `each.value` and `each.value.x` (a plan lists both; the text alone the one written).
    if (references.length === 0 && (expression.references ?? []).some(isEachValue) && depth <= 20) {
      const step = (expression.references ?? []).find((r) => /^each\.value\.[\w-]+$/.test(r));
      return this.eachValueScalar(scope, step?.slice('each.value.'.length), defaultAttribute, depth);
    }
    // `policy_arn = each.key` over a collection only apply knows: a hole named after the block,
    // never a value left out (the attachment was dropped in silence).
    if (references.length === 0 && (expression.references ?? []).includes('each.key')) {
      if (scope.key !== undefined) return String(scope.key);
      const binder = scope.binder;
      const owner =
        binder === undefined
          ? undefined
          : binder.kind === 'module'
            ? `module.${binder.name}`
            : `${binder.mode === 'data' ? 'data.' : ''}${binder.type}.${binder.name}`;
      const label = owner === undefined ? 'each.key' : `each.key of ${joinAddress(scope.moduleAddress, owner)}`;
      return hole(label, label);
    }
    // `module.m.arns[each.key]` as the text's references list it (`module.m.arns.a`, `module.m.arns.b`,
    // `each.key`): the element of this instance's key.
    const pairs = (expression.references ?? []).some((r) => r === 'each.key' || r === 'count.index');
    const collection =
      pairs && scope.key !== undefined && references.length > 1 ? collectionOf(references, scope.key) : undefined;
    if (collection !== undefined && depth <= 20)
      return this.referenceValue(`${collection}${keySuffix(scope.key)}`, scope, depth + 1, defaultAttribute);
    if (references.length !== 1 || depth > 20) {
      return references.length === 0 ? undefined : hole(references.join(' + '), references.join(' + '));
    }
    const text = references[0] ?? '';
    return this.referenceValue(
      text,
      { moduleAddress: scope.moduleAddress, key: this.keyOf(text, expression.references ?? [], scope) },
      depth,
      defaultAttribute,
    );
  }

  /**
   * The value of a repeated instance's attribute picked from a list by `count.index`
   * (`element(var.arns, count.index)`, the module given `[aws_iam_policy.a.arn, aws_iam_policy.b.arn]`):
   * the list's references pair in order with the instances whose attribute the plan leaves
   * unknown, when they are as many (the known elements are the constants). `undefined` otherwise.
   */
  positionalValue(instance: Instance, attribute: string, defaultAttribute: string): PolicyValue | undefined {
    if (typeof instance.key !== 'number') return undefined;
    let expression = expressionAt(instance.config?.expressions, [attribute]);
    if (!(expression?.references ?? []).includes('count.index')) return undefined;
    let scope: Scope = { moduleAddress: instance.moduleAddress, key: undefined };
    // Through the variables that carry the list, to the expression that writes it.
    for (let depth = 0; depth < 20 && expression !== undefined; depth += 1) {
      const references = meaningfulReferences(expression.references ?? []);
      const only = references.length === 1 ? parseReference(references[0] ?? '') : undefined;
      if (only?.kind !== 'var' || references[0] !== `var.${only.name}`) break;
      const chased = this.chaseVariable(only.name, scope);
      if (chased === undefined || 'value' in chased) return undefined;
      expression = chased.expression;
      scope = { moduleAddress: chased.scope.moduleAddress, key: undefined };
    }
    const references = meaningfulReferences(expression?.references ?? []);
    if (references.length < 2 || references.some((r) => r.startsWith('local.') || r.startsWith('var.')))
      return undefined;
    const unknown = this.index
      .declaration(instance.moduleAddress, instance.mode, instance.type, instance.name)
      .filter((i) => unknownAt(i.unknown, [attribute]) === true)
      .sort((a, b) => Number(a.key) - Number(b.key));
    const position = unknown.indexOf(instance);
    const reference = unknown.length === references.length ? references[position] : undefined;
    return reference === undefined ? undefined : this.referenceValue(reference, scope, 0, defaultAttribute);
  }

  /** The values a list expression holds when the plan does not show them: one per named reference. */
  list(expression: Expression | undefined, scope: Scope, defaultAttribute: string | undefined): PolicyValue[] {
    if (expression === undefined) return [];
    if (Array.isArray(expression.constant_value))
      return expression.constant_value.filter((v): v is string => typeof v === 'string');
    const all = expression.references ?? [];
    return meaningfulReferences(all).map((r) =>
      this.referenceValue(
        r,
        { moduleAddress: scope.moduleAddress, key: this.keyOf(r, all, scope) },
        0,
        defaultAttribute,
      ),
    );
  }

  /**
   * The instance key a reference without one takes from its expression: as `pairedKey` tells it,
   * else the scope's key when the expression pairs (`count.index`, `each.key`) and nothing computes
   * the key (`local.*`, `each.value`): `x[local.k[count.index]]` does not pair `x` with the scope.
   */
  private keyOf(text: string, all: readonly string[], scope: Scope): string | number | undefined {
    if (!all.some((r) => PAIRING.has(r))) return undefined;
    const ref = parseReference(text);
    const base =
      ref.kind === 'resource'
        ? `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}`
        : ref.kind === 'module'
          ? `module.${ref.name}`
          : ref.kind === 'var'
            ? `var.${ref.name}`
            : undefined;
    if (base === undefined) return scope.key;
    const paired = this.pairedKey(base, all, scope);
    if (typeof paired === 'string' || typeof paired === 'number') return paired;
    return all.some((r) => r.startsWith('local.') || r.startsWith('each.value')) ? undefined : scope.key;
  }

  /** The value a reference names, in a scope whose `key` is set only when the expression pairs instances. */
  referenceValue(text: string, scope: Scope, depth = 0, defaultAttribute?: string): PolicyValue {
    const reference = parseReference(text);
    // Made only when needed: a reference to an instance of the plan (the common case) does without it.
    const unknownRef = (): SymbolicValue => {
      const address = joinAddress(scope.moduleAddress, text);
      return hole(address, address);
    };
    if (depth > 20) return unknownRef();
    if (reference.kind === 'resource') {
      const target = this.index.pick(
        scope.moduleAddress,
        reference.mode,
        reference.type,
        reference.name,
        reference.key,
        scope.key,
      );
      const attribute = reference.attribute ?? defaultAttribute;
      if (target === undefined || attribute === undefined) return unknownRef();
      const path = attributePath(text, reference);
      return path.length > 1 ? this.attributeAt(target, path) : this.attribute(target, attribute);
    }
    if (reference.kind === 'var') {
      const chased = this.chaseVariable(reference.name, scope);
      if (chased === undefined) return unknownRef();
      if ('value' in chased) return typeof chased.value === 'string' ? chased.value : unknownRef();
      // `var.arns[count.index]`, the caller passing a collection (`module.m.arns`, `aws_iam_role.r[*].arn`).
      const found =
        scope.key === undefined || text !== `var.${reference.name}`
          ? undefined
          : this.elementInstance(chased.expression, chased.scope, scope.key, depth + 1);
      const attribute = found?.attribute ?? defaultAttribute;
      if (found !== undefined && attribute !== undefined) return this.attribute(found.instance, attribute);
      return this.scalar(chased.expression, chased.scope, defaultAttribute, depth + 1) ?? unknownRef();
    }
    if (reference.kind === 'module' && reference.output !== undefined) {
      const chased = this.chaseOutput(reference.name, reference.key, reference.output, scope);
      if (chased === undefined) return unknownRef();
      // The scope's key is set here only where the expression pairs (`module.m.arns[count.index]`).
      const element = this.outputElement(text, reference, scope, scope.key);
      const found =
        element === undefined ? undefined : this.elementInstance(chased.expression, chased.scope, element.key, depth);
      const attribute = element?.attribute ?? found?.attribute ?? defaultAttribute;
      if (found !== undefined && attribute !== undefined) return this.attribute(found.instance, attribute);
      return this.scalar(chased.expression, chased.scope, defaultAttribute, depth + 1) ?? unknownRef();
    }
    return unknownRef();
  }

  /**
   * The element of a module output's collection a reference picks: a key written after the output
   * (`module.m.arns[0]`, `module.m.roles["x"].arn`, with the attribute read after it), else the
   * instance key the expression pairs with (`module.m.arns[count.index]`,
   * `element(module.m.arns, count.index)`, `module.m.roles[each.key].id`: `paired`) when the call
   * is not repeated itself (its key then picks the module instance, not an element).
   */
  private outputElement(
    text: string,
    reference: Extract<Reference, { kind: 'module' }>,
    scope: Scope,
    paired: unknown,
  ): { key: string | number; attribute: string | undefined } | undefined {
    const written = OUTPUT_ELEMENT.exec(text);
    if (written !== null) {
      const [, raw = '', attribute] = written;
      return { key: raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw), attribute };
    }
    if (typeof paired !== 'string' && typeof paired !== 'number') return undefined;
    const call = this.index.configModule(scope.moduleAddress)?.module_calls?.[reference.name];
    const repeated = call?.count_expression !== undefined || call?.for_each_expression !== undefined;
    return reference.key === undefined && repeated ? undefined : { key: paired, attribute: undefined };
  }

  /**
   * The instance the element `key` of an output's collection is, when the output is made of one
   * repeated resource (`aws_iam_role.r[*].arn`, `values(aws_iam_role.r)[*].arn`,
   * `{ for k, r in aws_iam_role.r : k => r.arn }`, the resource whole): the instance of that key, or
   * for a number over `for_each` instances the one at that place in key order (as Terraform orders
   * a map); or of a list of references (`[aws_iam_role.a.arn, aws_iam_role.b.arn]`), the one at
   * that place. Followed through the variables and outputs of modules that pass the collection on;
   * `attribute` is the one the reference names, if any.
   */
  private elementInstance(
    expression: Expression,
    scope: Scope,
    key: string | number,
    depth: number,
  ): { instance: Instance; attribute: string | undefined } | undefined {
    if (depth > 20) return undefined;
    const listed = meaningfulReferences(expression.references ?? []);
    const collection = collectionOf(listed, key);
    const references = collection === undefined ? listed : [collection];
    const parsed = references.map((r) => parseReference(r));
    if (parsed.length > 1) {
      const at = typeof key === 'number' ? parsed[key] : undefined;
      if (at?.kind !== 'resource' || parsed.some((r) => r.kind !== 'resource')) return undefined;
      const picked = this.index.pick(scope.moduleAddress, at.mode, at.type, at.name, at.key, undefined);
      return picked === undefined ? undefined : { instance: picked, attribute: at.attribute };
    }
    const [only] = parsed;
    const text = references[0] ?? '';
    if (only?.kind === 'resource' && only.key === undefined) {
      const instances = this.index.declaration(scope.moduleAddress, only.mode, only.type, only.name);
      const declared = instances[0]?.config;
      if (declared?.count_expression === undefined && declared?.for_each_expression === undefined) return undefined;
      const byName = instances.every((i) => typeof i.key === 'string');
      const instance =
        byName && typeof key === 'number'
          ? [...instances].sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1))[key]
          : this.index.instanceByKey(instances, key);
      return instance === undefined ? undefined : { instance, attribute: only.attribute };
    }
    if (only?.kind === 'module' && only.output !== undefined && !OUTPUT_ELEMENT.test(text)) {
      const chased = this.chaseOutput(only.name, only.key, only.output, scope);
      return chased === undefined ? undefined : this.elementInstance(chased.expression, chased.scope, key, depth + 1);
    }
    if (only?.kind === 'var' && text === `var.${only.name}`) {
      const chased = this.chaseVariable(only.name, scope);
      if (chased === undefined || 'value' in chased) return undefined;
      return this.elementInstance(chased.expression, chased.scope, key, depth + 1);
    }
    return undefined;
  }

  /** The expression a module passes to a variable (in the parent's scope), or the root variable's value. */
  chaseVariable(name: string, scope: Scope): { expression: Expression; scope: Scope } | { value: unknown } | undefined {
    const parent = parentModule(scope.moduleAddress);
    if (parent === undefined) {
      const variable = this.index.plan.variables?.[name];
      return variable === undefined ? undefined : { value: variable.value };
    }
    const call = this.index.configModule(parent.parent)?.module_calls?.[parent.step.name];
    const expression = call?.expressions?.[name];
    // Given, but the plan shows nothing of it: not the default, and not known.
    if (expression === null) return undefined;
    if (expression === undefined) {
      const fallback = call?.module?.variables?.[name]?.default;
      return fallback === undefined ? undefined : { value: fallback };
    }
    return {
      expression,
      scope: { moduleAddress: parent.parent, key: parent.step.key, binder: { kind: 'module', name: parent.step.name } },
    };
  }

  /** The expression of a child module's output, in the child's scope. */
  chaseOutput(
    module: string,
    key: string | number | undefined,
    output: string,
    scope: Scope,
  ): { expression: Expression; scope: Scope } | undefined {
    const call = this.index.configModule(scope.moduleAddress)?.module_calls?.[module];
    const expression = call?.module?.outputs?.[output]?.expression;
    if (expression === undefined) return undefined;
    const instanceKey =
      key ?? (call?.count_expression !== undefined || call?.for_each_expression !== undefined ? scope.key : undefined);
    return {
      expression,
      scope: {
        moduleAddress: joinAddress(scope.moduleAddress, `module.${module}${keySuffix(instanceKey)}`),
        key: undefined,
      },
    };
  }

  /**
   * `each.value` known only after apply (`policy_arn = each.value` over `var.role_policy_arns`
   * given `{ extra = aws_iam_policy.x.arn }`): the one reference its `for_each` collection can take
   * unknown values from, followed through variables; over a resource (`for_each = aws_iam_policy.p`,
   * `each.value.arn`), its instance of the same key. A hole, named after the instance, when none tells.
   */
  private eachValueScalar(
    scope: Scope,
    attribute: string | undefined,
    defaultAttribute: string | undefined,
    depth: number,
  ): PolicyValue {
    const element = this.eachValue(scope);
    // `each.value.policy_arn` over a map of objects the text builds: the attribute of this key's object.
    const known = attribute === undefined ? element : isPlainObject(element) ? stepInto(element, attribute) : undefined;
    if (typeof known === 'string') return known;
    // A template the text writes around a value known only after apply (`"${local.prefix}/Name"`,
    // the prefix holding the provider's partition): that text, its hole and all.
    if (known instanceof SymbolicValue && known.parts.some((p) => typeof p === 'string')) return known;
    const binder = scope.binder;
    const module = this.index.configModule(scope.moduleAddress);
    const expression =
      binder === undefined
        ? undefined
        : binder.kind === 'resource'
          ? module?.resources?.find(
              (r) => r.type === binder.type && r.name === binder.name && (r.mode ?? 'managed') === binder.mode,
            )?.for_each_expression
          : module?.module_calls?.[binder.name]?.for_each_expression;
    const owner =
      binder === undefined
        ? undefined
        : binder.kind === 'module'
          ? `module.${binder.name}${keySuffix(scope.key)}`
          : `${binder.mode === 'data' ? 'data.' : ''}${binder.type}.${binder.name}${keySuffix(scope.key)}`;
    const label = owner === undefined ? 'each.value' : `each.value of ${joinAddress(scope.moduleAddress, owner)}`;
    const named = meaningfulReferences(expression?.references ?? []);
    // Over the instances of a resource, whole or through the outputs and variables that pass them on
    // (`for_each = aws_iam_policy.p`, `module.m.policy_arns` built `{ for k, p in aws_iam_policy.p : k => p.arn }`):
    // the instance of the same key.
    const over = this.eachInstance(scope, depth);
    if (over !== undefined) {
      const wanted = attribute ?? over.attribute ?? defaultAttribute;
      return wanted === undefined ? hole(label, label) : this.attribute(over.instance, wanted);
    }
    // The references the collection's unknown values may come from, with the scope they are read in.
    const sources: { text: string; scope: Scope }[] = [];
    const outside: Scope = { moduleAddress: scope.moduleAddress, key: undefined };
    for (const text of named) {
      const ref = parseReference(text);
      if (ref.kind === 'var' && text === `var.${ref.name}`) {
        const chased = this.chaseVariable(ref.name, outside);
        if (chased === undefined) return hole(label, label);
        // A known value (a flag, a map of constants) holds no unknown element.
        if ('value' in chased) continue;
        for (const inner of meaningfulReferences(chased.expression.references ?? []))
          sources.push({ text: inner, scope: { moduleAddress: chased.scope.moduleAddress, key: undefined } });
      } else sources.push({ text, scope: outside });
    }
    // An attribute the plan shows (the ARN of a policy read by a data source) gives no unknown element.
    const unknown = sources.filter(({ text, scope: at }) => {
      const ref = parseReference(text);
      if (ref.kind !== 'resource') return true;
      const attribute = ref.attribute ?? defaultAttribute;
      const instance = this.index.pick(at.moduleAddress, ref.mode, ref.type, ref.name, ref.key, undefined);
      if (instance === undefined || attribute === undefined) return true;
      return typeof instance.values[attribute] !== 'string' || unknownAt(instance.unknown, [attribute]) === true;
    });
    const only = unknown.length === 1 ? unknown[0] : undefined;
    const value =
      only === undefined ? undefined : this.referenceValue(only.text, only.scope, depth + 1, defaultAttribute);
    // A value that is only a hole is named after this instance: two attachments are two policies.
    if (value === undefined || (typeof value !== 'string' && value.parts.every((part) => typeof part !== 'string')))
      return hole(label, label);
    return value;
  }

  /**
   * The instance `each.value` stands for when the scope's `for_each` is a collection of one repeated
   * resource (the resource whole, an output or a variable made of it), and the attribute the
   * collection holds of it; `undefined` when none tells.
   */
  private eachInstance(scope: Scope, depth: number): { instance: Instance; attribute: string | undefined } | undefined {
    const binder = scope.binder;
    if (binder === undefined || scope.key === undefined) return undefined;
    const module = this.index.configModule(scope.moduleAddress);
    const expression =
      binder.kind === 'resource'
        ? module?.resources?.find(
            (r) => r.type === binder.type && r.name === binder.name && (r.mode ?? 'managed') === binder.mode,
          )?.for_each_expression
        : module?.module_calls?.[binder.name]?.for_each_expression;
    if (expression === undefined || expression.constant_value !== undefined) return undefined;
    return this.elementInstance(
      expression,
      { moduleAddress: scope.moduleAddress, key: undefined },
      scope.key,
      depth + 1,
    );
  }

  /**
   * The value an expression takes that the plan shows apart from the resource: a variable set by
   * its caller or the root, followed through module calls, or an element of a `for_each` collection
   * the plan shows (`each.value.policy`). `undefined` when none tells; `{ value: null }` for a null.
   */
  givenValue(expression: Expression | undefined, scope: Scope, depth = 0): { value: unknown } | undefined {
    if (expression === undefined || depth > 20) return undefined;
    if (expression.constant_value !== undefined) return { value: expression.constant_value };
    const all = expression.references ?? [];
    const named = meaningfulReferences(all);
    if (named.length === 0) {
      const each = all.filter((r) => r === 'each.value' || r.startsWith('each.value.') || r.startsWith('each.value['));
      // The one element path the expression reads (`each.value.policy` beside `each.value`).
      const leaf = each.find((r) => each.every((other) => r === other || r.startsWith(other)));
      if (leaf === undefined) return undefined;
      let value = this.eachValue(scope);
      for (const step of stepsOf(leaf).slice(1)) value = stepInto(value, step);
      return value === undefined ? undefined : { value };
    }
    const only = named.length === 1 ? named[0] : undefined;
    const ref = only === undefined ? undefined : parseReference(only);
    if (ref?.kind !== 'var' || only !== `var.${ref.name}`) return undefined;
    const chased = this.chaseVariable(ref.name, scope);
    if (chased === undefined) return undefined;
    return 'value' in chased ? { value: chased.value } : this.givenValue(chased.expression, chased.scope, depth + 1);
  }

  /**
   * The value of `each.value` in a scope: the element of its binder's `for_each` at the scope's
   * key, from the configuration's constant, the .tf text or a variable's value; `undefined` when
   * none tells.
   */
  eachValue(scope: Scope): unknown {
    const binder = scope.binder;
    if (binder === undefined || scope.key === undefined) return undefined;
    const module = this.index.configModule(scope.moduleAddress);
    let expression: Expression | undefined;
    // The hcl2json node: an expression's text, or the object a map literal is written as.
    let source: unknown;
    if (binder.kind === 'resource') {
      expression = module?.resources?.find(
        (r) => r.type === binder.type && r.name === binder.name && (r.mode ?? 'managed') === binder.mode,
      )?.for_each_expression;
      source = this.hcl?.node(configPathOf(scope.moduleAddress), binder.mode, binder.type, binder.name, ['for_each']);
    } else {
      expression = module?.module_calls?.[binder.name]?.for_each_expression;
      source = this.hcl?.moduleInput(configPathOf(scope.moduleAddress), binder.name, 'for_each');
    }
    // `for_each` cannot name `each`: it is evaluated without a key.
    const outside: Scope = { moduleAddress: scope.moduleAddress, key: undefined };
    let collection: unknown = expression?.constant_value;
    if (collection === undefined && source !== undefined) {
      try {
        collection = this.evaluateRaw(source, outside);
      } catch (error) {
        if (!(error instanceof UnsupportedHcl)) throw error;
      }
    }
    const references = meaningfulReferences(expression?.references ?? []);
    const only = references.length === 1 ? references[0] : undefined;
    // Through every module that passes the collection on (`for_each = var.endpoints`, the caller's
    // `endpoints = var.endpoints`, ...), to the value the plan shows.
    if (collection === undefined && only !== undefined && /^var\.[\w-]+$/.test(only))
      collection = this.givenValue({ references: [only] }, outside)?.value;
    // Over a set, `each.value` is the key itself.
    if (Array.isArray(collection)) return collection.includes(scope.key) ? scope.key : undefined;
    if (collection === null || typeof collection !== 'object' || collection instanceof SymbolicValue) return undefined;
    const key = String(scope.key);
    return Object.hasOwn(collection, key) ? (collection as Record<string, unknown>)[key] : undefined;
  }

  /**
   * The instance of `type` an expression names (`aws_iam_role.r.name`, `aws_iam_role.r[each.value].id`,
   * `module.m.role_name`, `var.role`), followed through module outputs and variables. Among the
   * instances of a repeated resource, the key comes from the reference, the index expression in the
   * .tf text (`path` is the attribute's), the value the plan shows (`known`: a name, id or ARN),
   * `each.value`, or the pairing of `count.index` / `each.key`; `undefined` when none tells.
   */
  namedInstance(
    expression: Expression | undefined,
    scope: Scope,
    type: string,
    path: readonly (string | number)[] | undefined,
    known: string | undefined,
    depth = 0,
  ): Instance | undefined {
    if (expression === undefined || depth > 20) return undefined;
    const all = expression.references ?? [];
    for (const text of meaningfulReferences(all)) {
      const ref = parseReference(text);
      let found: Instance | undefined;
      if (ref.kind === 'resource' && ref.mode === 'managed' && ref.type === type)
        found = this.instanceOfReference(ref, all, scope, path, known);
      else if (ref.kind === 'module' && ref.output !== undefined) {
        const chased = this.chaseOutput(ref.name, ref.key, ref.output, scope);
        const element =
          chased === undefined
            ? undefined
            : this.outputElement(text, ref, scope, this.pairedKey(`module.${ref.name}`, all, scope));
        const picked =
          chased === undefined || element === undefined
            ? undefined
            : this.elementInstance(chased.expression, chased.scope, element.key, depth + 1)?.instance;
        if (picked?.type === type) found = picked;
        else if (chased !== undefined)
          found = this.namedInstance(chased.expression, chased.scope, type, undefined, known, depth + 1);
      } else if (ref.kind === 'module' && ref.key === undefined)
        found = this.instanceThroughModule(ref.name, all, scope, type, path, known, depth);
      else if (ref.kind === 'var' && text === `var.${ref.name}`) {
        const chased = this.chaseVariable(ref.name, scope);
        if (chased !== undefined && !('value' in chased)) {
          const key = this.pairedKey(text, all, scope);
          const picked =
            typeof key === 'string' || typeof key === 'number'
              ? this.elementInstance(chased.expression, chased.scope, key, depth + 1)?.instance
              : undefined;
          found =
            picked?.type === type
              ? picked
              : this.namedInstance(chased.expression, chased.scope, type, undefined, known, depth + 1);
        }
      }
      if (found !== undefined) return found;
    }
    // `role = each.value.name` over `for_each = aws_iam_role.r` (or an output made of its instances).
    if (meaningfulReferences(all).length === 0 && all.some(isEachValue)) {
      const picked = this.eachInstance(scope, depth)?.instance;
      if (picked?.type === type) return picked;
    }
    return undefined;
  }

  private instanceOfReference(
    ref: Extract<Reference, { kind: 'resource' }>,
    all: readonly string[],
    scope: Scope,
    path: readonly (string | number)[] | undefined,
    known: string | undefined,
  ): Instance | undefined {
    const { moduleAddress } = scope;
    if (ref.key !== undefined) return this.index.pick(moduleAddress, ref.mode, ref.type, ref.name, ref.key, undefined);
    const instances = this.index.declaration(moduleAddress, ref.mode, ref.type, ref.name);
    if (instances.length <= 1) return instances[0];
    const keyed = (key: unknown): Instance | undefined => {
      const normal = instanceKey(key, typeof instances[0]?.key === 'number');
      return normal === undefined ? undefined : this.index.instanceByKey(instances, normal);
    };
    const base = `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}`;
    const source = this.sourceOf(scope, path);
    const written = source === undefined ? undefined : this.keyInSource(base, source, scope);
    const fromSource = keyed(wrappedKey(written, instances.length));
    if (fromSource !== undefined) return fromSource;
    if (known !== undefined) {
      // `id` of a bucket is its name, of a queue its URL (see ALIASES): the text the plan shows, or built.
      const matching = this.instancesShowing(instances, known);
      if (matching.length === 1) return matching[0];
    }
    // The text is there and reads no one key of `x` (`x[local.pick].name`, `x[*].name` whole): no guess
    // from the plan's references, which read the same as those of `x[count.index].name`.
    if (source !== undefined) return undefined;
    const paired = keyed(this.pairedKey(base, all, scope));
    if (paired !== undefined && known === undefined) this.pairedFromReferences(scope, path, base, all);
    return paired;
  }

  /**
   * The instance of `type` behind `module.NAME[KEY].OUTPUT` written with a computed key (the
   * configuration lists only `module.NAME`): the key and output from the .tf text when there is
   * one, else the key from `count.index` / `each.key` / `each.value` and the outputs that all lead
   * to one instance. The plan's references tell `module.r[count.index + 1]` from `module.r[count.index]`
   * no better than by guessing: an instance whose name, id or ARN is not the text the plan shows
   * (`known`) is not the one read.
   */
  private instanceThroughModule(
    name: string,
    all: readonly string[],
    scope: Scope,
    type: string,
    path: readonly (string | number)[] | undefined,
    known: string | undefined,
    depth: number,
  ): Instance | undefined {
    const call = this.index.configModule(scope.moduleAddress)?.module_calls?.[name];
    const outputs = call?.module?.outputs;
    if (call === undefined || outputs === undefined) return undefined;
    const base = `module.${name}`;
    const source = this.sourceOf(scope, path);
    const fromSource = source === undefined ? undefined : this.keyInSource(base, source, scope);
    const key = instanceKey(
      source === undefined
        ? this.pairedKey(base, all, scope)
        : wrappedKey(fromSource, this.index.moduleInstanceCount(scope.moduleAddress, name)),
      call.count_expression !== undefined,
    );
    if (key === undefined) return undefined;
    if (source === undefined && known === undefined) this.pairedFromReferences(scope, path, base, all);
    const inner: Scope = {
      moduleAddress: joinAddress(scope.moduleAddress, `module.${name}${keySuffix(key)}`),
      key: undefined,
    };
    const found = new Set<Instance>();
    for (const output of fromSource?.step !== undefined ? [fromSource.step] : Object.keys(outputs)) {
      const expression = outputs[output]?.expression;
      const instance = this.namedInstance(expression, inner, type, undefined, known, depth + 1);
      if (instance !== undefined) found.add(instance);
    }
    const [only, ...others] = found;
    return only === undefined || others.length > 0 || (known !== undefined && !this.shows(only, known))
      ? undefined
      : only;
  }

  /** Notes a pairing of `base` made from the plan's references `all` alone (see {@link pairings}). */
  private pairedFromReferences(
    scope: Scope,
    path: readonly (string | number)[] | undefined,
    base: string,
    all: readonly string[],
    document = false,
  ): void {
    this.pairedFromPlan = true;
    const binder = scope.binder;
    const by = all.filter((r) => r === 'count.index' || r === 'each.key');
    this.pairings.push({
      configPath: configPathOf(scope.moduleAddress),
      block:
        binder?.kind === 'resource'
          ? `${binder.mode === 'data' ? 'data.' : ''}${binder.type}.${binder.name}`
          : undefined,
      path: path ?? [],
      base,
      by: by.length === 1 ? by[0] : undefined,
      document,
    });
  }

  /** Whether the name, id or ARN of `instance` is the text `known`, or is not known before apply. */
  private shows(instance: Instance, known: string): boolean {
    const texts = this.textsShown(instance);
    return texts.includes(known) || texts.length === 0;
  }

  /** The name, id and ARN of `instance` that are texts before apply (no repeats). */
  private textsShown(instance: Instance): string[] {
    const texts = ['name', 'id', 'arn'].map((attribute) => this.attribute(instance, attribute));
    return [...new Set(texts.filter((text) => typeof text === 'string'))];
  }

  /**
   * The instances of one declaration whose name, id or ARN is the text `known`. Indexed once per
   * declaration: every attachment of a counted role asks, and a scan over the instances each time
   * grew with the square of the count.
   */
  private instancesShowing(instances: readonly Instance[], known: string): readonly Instance[] {
    let byText = this.shownTexts.get(instances);
    if (byText === undefined) {
      byText = new Map<string, Instance[]>();
      for (const instance of instances) {
        for (const text of this.textsShown(instance)) {
          const list = byText.get(text);
          if (list === undefined) byText.set(text, [instance]);
          else list.push(instance);
        }
      }
      this.shownTexts.set(instances, byText);
    }
    return byText.get(known) ?? [];
  }

  private readonly shownTexts = new WeakMap<readonly Instance[], Map<string, Instance[]>>();

  /**
   * The key of `base[...]` when the configuration's references tell it: only `count.index` or
   * `each.key` (`x[count.index]` pairs instances, `x[local.names[count.index]]` does not), or
   * `each.value` (and a path in it) with the value of the scope's `for_each`.
   */
  private pairedKey(base: string, all: readonly string[], scope: Scope): unknown {
    // What indexes `base`: the references that are not `base` itself, longest forms kept.
    const others = all.filter((r) => r !== base && !r.startsWith(`${base}.`) && !r.startsWith(`${base}[`));
    const index = others.filter(
      (r) => !others.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))),
    );
    const only = index.length === 1 ? index[0] : undefined;
    if (only === 'count.index' || only === 'each.key') return scope.key;
    if (only === 'each.value' || only?.startsWith('each.value.') || only?.startsWith('each.value[')) {
      let value = this.eachValue(scope);
      for (const step of stepsOf(only).slice(1)) value = stepInto(value, step);
      return value;
    }
    return undefined;
  }

  /**
   * Without the .tf text, the instance of a repeated module call an expression reads and the output
   * it reads, as the plan's `configuration` tells them: its references are only the call and the
   * instance's own key (`["module.p", "count.index"]`, Terraform naming no output after a key only
   * the instance knows), and the called module has one output, the one read. Of two outputs the plan
   * cannot tell which is read: `module.p[count.index].arn` inside a `jsonencode` leaves the same
   * references as `module.p[count.index].policy_json`.
   */
  private keyFromPlan(
    call: string,
    expression: Expression,
    scope: Scope,
  ): { key: unknown; step: string | undefined } | undefined {
    const pairs = (expression.references ?? []).filter((r) => PAIRING.has(r));
    if (scope.key === undefined || pairs.length !== 1 || (pairs[0] !== 'count.index' && pairs[0] !== 'each.key'))
      return undefined;
    const outputs = Object.keys(
      this.index.configModule(scope.moduleAddress)?.module_calls?.[call]?.module?.outputs ?? {},
    );
    return outputs.length === 1 ? { key: scope.key, step: outputs[0] } : undefined;
  }

  /**
   * Where a value of a called module's document comes from when the plan shows no expression for it
   * (a `dynamic` block, which the configuration leaves out): the inputs of the call that carry values
   * only apply knows (through the variables of the modules around it, up to where they are made).
   * Named are those no expression the plan shows of the module reads, since only a block it leaves
   * out or a local can read them; when the plan shows every one of them read, all are named. Then
   * `--hcl DIR` when the module's .tf files were not read. Empty at the root.
   */
  private unseenInputs(moduleAddress: string): string {
    const parent = parentModule(moduleAddress);
    if (parent === undefined) return '';
    const call = this.index.configModule(parent.parent)?.module_calls?.[parent.step.name];
    const outside: Scope = { moduleAddress: parent.parent, key: parent.step.key };
    const unknown = Object.entries(call?.expressions ?? {}).flatMap(([name, expression]) => {
      const from = this.madeAfterApply(expression?.references ?? [], outside, 0);
      return from.length === 0 ? [] : [{ name, from }];
    });
    if (unknown.length === 0) return '';
    const seen = new Set<string>();
    collectReferences(call?.module, seen, 0);
    const unseen = unknown.filter(({ name }) => !seen.has(`var.${name}`));
    const named = (unseen.length > 0 ? unseen : unknown)
      .map(({ name, from }) => `\`${name}\` (from ${from.join(', ')})`)
      .join(', ');
    const hint =
      this.hcl === undefined
        ? '; the .tf files build it: `tf-scan PLAN.json --hcl DIR` (after `terraform init`, which fetches the module)'
        : this.hcl.reads(configPathOf(moduleAddress))
          ? ''
          : `; the .tf files of \`${moduleAddress}\` were not found under --hcl DIR: \`terraform init\` fetches the module`;
    return `: the plan shows no expression for it (a \`dynamic\` block), and \`${moduleAddress}\` is given ${named}, known only after apply${hint}`;
  }

  /**
   * The references among `references` (read in `scope`) whose values only apply knows, each in
   * backticks; a variable of a called module stands for what its caller gives it, followed up to
   * where it is made. A module output made of several values (a map or list of them) is known where
   * they all are, else named by its parts only apply knows (`X` in `module.eks.oidc`); one made of a
   * value the plan does not show where it comes from (a local) is named whole.
   */
  private madeAfterApply(references: readonly string[], scope: Scope, depth: number): string[] {
    return this.traceAfterApply(references, scope, depth).named;
  }

  /**
   * {@link madeAfterApply}, and whether every reference was followed to where it is made (`traced`):
   * a local (which the plan never shows) or a variable whose value the plan does not give is not,
   * and is named by no one.
   */
  private traceAfterApply(
    references: readonly string[],
    scope: Scope,
    depth: number,
  ): { named: string[]; traced: boolean } {
    const named: string[] = [];
    let traced = true;
    for (const r of meaningfulReferences(references)) {
      const one = this.traceReference(r, scope, depth);
      named.push(...one.named);
      traced &&= one.traced;
    }
    return { named, traced };
  }

  /** One reference of {@link traceAfterApply}. */
  private traceReference(r: string, scope: Scope, depth: number): { named: string[]; traced: boolean } {
    if (r.startsWith('local.')) return { named: [], traced: false };
    const ref = parseReference(r);
    if (ref.kind === 'module' && ref.output !== undefined && depth < 20) {
      const chased = this.chaseOutput(ref.name, ref.key, ref.output, scope);
      const inside = chased === undefined ? [] : meaningfulReferences(chased.expression.references ?? []);
      if (chased !== undefined && inside.length > 0) {
        const parts = this.traceAfterApply(inside, chased.scope, depth + 1);
        const output = `\`${joinAddress(scope.moduleAddress, r)}\``;
        // Made of what the plan does not show, or one value passed out as it is: the output names it.
        if (!parts.traced || (inside.length === 1 && parts.named.length > 0)) return { named: [output], traced: true };
        return { named: parts.named.map((part) => `${part} in ${output}`), traced: true };
      }
    }
    if (!r.startsWith('var.'))
      return {
        named: this.knownBeforeApply(r, scope) ? [] : [`\`${joinAddress(scope.moduleAddress, r)}\``],
        traced: true,
      };
    const [name] = stepsOf(r);
    const chased = typeof name === 'string' && depth < 20 ? this.chaseVariable(name, scope) : undefined;
    if (chased === undefined) return { named: [], traced: false };
    if ('value' in chased) return { named: [], traced: true };
    return this.traceAfterApply(chased.expression.references ?? [], chased.scope, depth + 1);
  }

  /** Whether the value `text` reads in `scope` is known before apply: a text, or a value the plan shows whole. */
  private knownBeforeApply(text: string, scope: Scope): boolean {
    if (typeof this.referenceValue(text, scope) === 'string') return true;
    const ref = parseReference(text);
    if (ref.kind !== 'resource' || ref.attribute === undefined) return false;
    const target = this.index.pick(scope.moduleAddress, ref.mode, ref.type, ref.name, ref.key, scope.key);
    if (target === undefined) return false;
    const path = attributePath(text, ref);
    let value: unknown = target.values;
    for (const step of path)
      value =
        value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
    return value !== undefined && !holdsUnknown(unknownAt(target.unknown, path), 0);
  }

  /** The .tf text of the scope's block attribute at `path`; `undefined` without the sources. */
  private sourceOf(scope: Scope, path: readonly (string | number)[] | undefined): string | undefined {
    const binder = scope.binder;
    if (this.hcl === undefined || path === undefined || binder?.kind !== 'resource') return undefined;
    return this.hcl.attribute(configPathOf(scope.moduleAddress), binder.mode, binder.type, binder.name, path);
  }

  /**
   * The key of `base[...]` in the attribute text `source`, evaluated, and the attribute read after
   * it, wherever the text indexes `base` (inside any function too: `lower(...)`, `trimspace(...)`):
   * `x[K].name`, `x.*.name[K]`, `element(x[*].name, K)` (`wraps`: past the last instance it starts
   * again). `undefined` when the text reads `base` otherwise (`x[*].name` whole), at two keys, or at
   * one it cannot evaluate.
   */
  private keyInSource(
    base: string,
    source: string,
    scope: Scope,
  ): { key: unknown; step: string | undefined; wraps: boolean; whole: boolean } | undefined {
    try {
      const sites = indexSitesOf(base, parseHclAttribute(source));
      if (sites === undefined) return undefined;
      const read = sites.map((site) => ({ ...site, key: this.evaluate(site.key, scope) }));
      const [first, ...others] = read;
      if (first === undefined) return undefined;
      const same = others.every((o) => o.key === first.key && o.step === first.step && o.wraps === first.wraps);
      // Read at two places, the expression is no one of them whole.
      if (others.length > 0) return same ? { ...first, whole: false } : undefined;
      return same ? first : undefined;
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /**
   * A policy document attribute of an instance: the known value, else rebuilt from its configuration
   * expression; `undefined` when the attribute is neither set nor configured.
   */
  policyAttribute(instance: Instance, path: readonly (string | number)[]): DocumentResult | undefined {
    let value: unknown = instance.values;
    for (const step of path)
      value =
        value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
    const unknown = unknownAt(instance.unknown, path) === true;
    // An AWS managed policy read by `data "aws_iam_policy"` (copied into a policy of the account,
    // as terraform-aws-lambda copies AWSLambdaENIManagementAccess), not read yet: the catalog's document.
    const read = typeof value === 'string' && value.trim() !== '';
    if (!read && instance.mode === 'data' && instance.type === 'aws_iam_policy' && path.join('.') === 'policy') {
      const managed = managedPolicyOf(this.attribute(instance, 'arn'));
      if (managed !== undefined) return { ok: true, document: managed.document };
    }
    if (!unknown) {
      if (typeof value === 'string' && value.trim() !== '') return { ok: true, document: value };
      if (value !== null && typeof value === 'object') return { ok: true, document: value };
      // A number or boolean is no policy and no absence either: the policy parser reports it rather than the scan passing.
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, document: value };
      return undefined;
    }
    const expression = expressionAt(instance.config?.expressions, path);
    // Computed on create and not configured (a role's `inline_policy`, a key's default policy): nothing to check.
    if (expression === undefined) return undefined;
    const scope = scopeOf(instance);
    // Configured as null by what the plan shows (a module variable left null, a `for_each` map
    // entry without a policy): left to the provider, as if not configured.
    if (this.givenValue(expression, scope)?.value === null) return undefined;
    const what = `${instance.address}.${path.join('.')}`;
    // An attribute read again while it is rebuilt reads itself: Terraform refuses the configuration.
    const again = this.rebuilding.findIndex((link) => link.what === what);
    if (again >= 0)
      throw new ReferenceCycle(
        this.cycleChain([...this.rebuilding.slice(again), { instance, path, what }]),
        instance.address,
      );
    this.rebuilding.push({ instance, path, what });
    try {
      return this.rebuiltPolicy(instance, path, expression, scope, what);
    } finally {
      this.rebuilding.pop();
    }
  }

  /** A policy attribute known only after apply, rebuilt from its configuration expression (see {@link policyAttribute}). */
  private rebuiltPolicy(
    instance: Instance,
    path: readonly (string | number)[],
    expression: Expression,
    scope: Scope,
    what: string,
  ): DocumentResult {
    const result = this.document(expression, scope, what);
    if (result.ok) return result;
    const output = this.moduleInstanceDocument(expression, scope, path, what);
    if (output?.ok === true) return output;
    const rebuilt = this.fromSource(instance, path, scope);
    if (rebuilt !== undefined && typeof rebuilt !== 'string') return rebuilt;
    // A document data source says itself why it is not rebuilt; other expressions are named as written.
    const viaDocument = meaningfulReferences(expression.references ?? []).some((r) =>
      isPolicyDocumentRef(parseReference(r)),
    );
    const undeclared = this.undeclaredReference(instance.moduleAddress, expression.references ?? []);
    if (undeclared !== undefined) return { ...result, reason: `\`${what}\` ${undeclared}` };
    const source =
      this.hcl?.planless && !viaDocument
        ? this.hcl.attribute(configPathOf(instance.moduleAddress), instance.mode, instance.type, instance.name, path)
        : undefined;
    // With a plan, what the sources could not rebuild is said after what the plan leaves unknown.
    if (source === undefined)
      return typeof rebuilt === 'string' && !result.ok
        ? { ...result, reason: `${result.reason} (${rebuilt})` }
        : result;
    return {
      ...result,
      reason: `\`${what}\` cannot be evaluated without a plan: \`${shorten(source)}\`${typeof rebuilt === 'string' ? ` (${rebuilt})` : ''}`,
    };
  }

  /**
   * The document an output of one instance of a repeated module call gives, the instance the text
   * picks by the instance's own key (`policy = module.p[count.index].policy_json`, whose plan
   * references name only `module.p`); `undefined` when the text picks none this way.
   */
  private moduleInstanceDocument(
    expression: Expression,
    scope: Scope,
    path: readonly (string | number)[],
    what: string,
  ): DocumentResult | undefined {
    const [only, ...others] = meaningfulReferences(expression.references ?? []);
    if (only === undefined || others.length > 0) return undefined;
    const ref = parseReference(only);
    if (ref.kind !== 'module' || ref.key !== undefined || ref.output !== undefined) return undefined;
    // The text, when there is one, says what is read: a plan's references tell `x[count.index].out`
    // from `jsondecode(x[count.index].out)` or `x[count.index + 1].out` no better than by guessing.
    const source = this.sourceOf(scope, path);
    const picked =
      source === undefined ? this.keyFromPlan(ref.name, expression, scope) : this.keyInSource(only, source, scope);
    if (source === undefined && picked !== undefined)
      this.pairedFromReferences(scope, path, only, expression.references ?? [], true);
    // The output is the document only read whole: `jsondecode(x[count.index].out)` is another value.
    const whole = source === undefined || (picked !== undefined && 'whole' in picked && picked.whole);
    if (!whole || picked?.step === undefined || (typeof picked.key !== 'string' && typeof picked.key !== 'number'))
      return undefined;
    const counted =
      this.index.configModule(scope.moduleAddress)?.module_calls?.[ref.name]?.count_expression !== undefined;
    const wrapped = wrappedKey(picked, this.index.moduleInstanceCount(scope.moduleAddress, ref.name));
    const key = counted ? Number(wrapped) : String(wrapped);
    if (counted && !Number.isInteger(key)) return undefined;
    const chased = this.chaseOutput(ref.name, key, picked.step, scope);
    return chased === undefined ? undefined : this.document(chased.expression, chased.scope, what, 1);
  }

  /**
   * The names of a cycle of policy attributes, each followed by the locals its text reads on the
   * way to the next (`aws_iam_policy.x.policy`, `local.a`, `aws_iam_policy.x.policy`), as
   * Terraform's `Cycle:` error lists what reads what.
   */
  private cycleChain(
    links: readonly { instance: Instance; path: readonly (string | number)[]; what: string }[],
  ): string[] {
    const names: string[] = [];
    links.forEach((link, i) => {
      names.push(link.what);
      const next = links[i + 1];
      if (next !== undefined) names.push(...this.linksBetween(link.instance, link.path, next.what));
    });
    return names;
  }

  /**
   * What the text of an instance's attribute reads on its way to the reference `target` (an
   * address from the root): none when the text names it itself; the locals, one reading the next,
   * that reach it; else the one reference the text makes (`module.m.doc`, a document data source),
   * followed by the way on through that block's own text when it is one of the module (the way
   * through a module left out).
   */
  private linksBetween(instance: Instance, path: readonly (string | number)[], target: string): string[] {
    const configPath = configPathOf(instance.moduleAddress);
    const source = this.hcl?.attribute(configPath, instance.mode, instance.type, instance.name, path);
    if (source === undefined) return [];
    return this.wayTo(instance.moduleAddress, source, withoutInstanceKeys(target), new Set());
  }

  /** The way from a text (`raw`, an attribute or a whole block) of a module to the address `goal` (see {@link linksBetween}). */
  private wayTo(moduleAddress: string, raw: unknown, goal: string, seen: Set<string>): string[] {
    const configPath = configPathOf(moduleAddress);
    const reaches = (text: unknown): boolean =>
      referencesInRaw(text).some((r) => {
        const read = withoutInstanceKeys(joinAddress(moduleAddress, r));
        return goal === read || goal.startsWith(`${read}.`);
      });
    if (reaches(raw)) return [];
    // Breadth first through the locals of the module: the shortest way is the one named.
    const from = new Map<string, string | undefined>(localsRead(raw).map((l) => [l, undefined]));
    const queue = [...from.keys()];
    for (const local of queue) {
      const text = this.hcl?.local(configPath, local);
      if (reaches(text)) {
        const way = [local];
        for (let back = from.get(local); back !== undefined; back = from.get(back)) way.unshift(back);
        return way.map((l) => `local.${l}`);
      }
      for (const next of localsRead(text))
        if (!from.has(next)) {
          from.set(next, local);
          queue.push(next);
        }
    }
    const read = meaningfulReferences(referencesInRaw(raw));
    const [only] = read;
    if (only === undefined || read.length > 1) return [];
    const ref = parseReference(only);
    const block = ref.kind === 'resource' ? `${ref.mode}.${ref.type}.${ref.name}` : undefined;
    if (ref.kind !== 'resource' || seen.has(block ?? '')) return [joinAddress(moduleAddress, only)];
    // A block of this module read on the way (`data.aws_iam_policy_document.d.json`): on through its own text.
    seen.add(block ?? '');
    const text = this.hcl?.node(configPath, ref.mode, ref.type, ref.name, []);
    const on = text === undefined ? [] : this.wayTo(moduleAddress, text, goal, seen);
    return [joinAddress(moduleAddress, only), ...on];
  }

  /**
   * Why a reference of an expression of module `moduleAddress` names nothing, when one does: with
   * no plan behind the sources (`--hcl`), a `resource` or `data` block that no file of that module
   * declares (`aws_iam_policy_document.x` without `data.`, a typo in a name) is one Terraform
   * refuses ("Reference to undeclared resource"), not a value known only after apply. Undefined for
   * references into other modules, variables, locals, and modules whose files were not read.
   */
  undeclaredReference(moduleAddress: string, references: readonly string[]): string | undefined {
    const hcl = this.hcl;
    const configPath = configPathOf(moduleAddress);
    if (hcl?.planless !== true || !hcl.reads(configPath)) return undefined;
    let declared: string[] | undefined;
    for (const text of references) {
      const ref = parseReference(text);
      // Every resource type is `<provider>_<name>`: `ephemeral.x.y` and the like are not blocks here.
      if (ref.kind !== 'resource' || !ref.type.includes('_')) continue;
      declared ??= hcl.declaredBlocks(configPath);
      const id = `${ref.mode}.${ref.type}.${ref.name}`;
      if (declared.includes(id)) continue;
      const written = `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}`;
      const where = moduleAddress === '' ? 'the root module' : `\`${moduleAddress}\``;
      const guess = closestBlock(id, declared);
      const hint =
        guess === undefined
          ? ''
          : `; did you mean \`${guess.startsWith('data.') ? guess : guess.slice('managed.'.length)}\`?`;
      return `refers to \`${written}\`, which no block of ${where} declares (Terraform rejects the configuration: reference to undeclared resource)${hint}`;
    }
    return undefined;
  }

  /**
   * A single-valued attribute written as a template around references (`"arn:${data.aws_partition.current.partition}:iam::aws:policy/X"`,
   * `"${var.prefix}-reader"`), from the .tf files when they were read: the plan's expression lists
   * only the references, and reading the attribute as its one reference would drop the text
   * around it; so is an element picked by a key (`var.policy_arns[count.index]`, the list given by
   * the caller's `each.value`). An argument of a nested block is named by its path
   * (`['permissions_boundary', 0, 'managed_policy_arn']`). `undefined` for a bare reference or
   * constant (the plan says as much) or anything the text cannot give.
   */
  sourceScalar(
    instance: Instance,
    attribute: string | readonly (string | number)[],
    scope: Scope,
  ): PolicyValue | undefined {
    const source = this.hcl?.attribute(
      configPathOf(instance.moduleAddress),
      instance.mode,
      instance.type,
      instance.name,
      typeof attribute === 'string' ? [attribute] : attribute,
    );
    if (source === undefined || !source.includes('${')) return undefined;
    try {
      const node = parseHclAttribute(source);
      // A bare reference is what the plan's expression already names; an element picked from one
      // by a key (`var.arns[count.index]`) is computed here. A local is not: the plan shows its name
      // (or the references inside it), never the text its template writes around them.
      const local = node.kind === 'reference' && node.text.startsWith('local.');
      if (!local && (node.kind === 'reference' || (/^\$\{[^}]*\}$/.test(source) && node.kind !== 'index')))
        return undefined;
      // An element of a module's output picked by the instance key (`module.m.arns[each.key]`): the
      // plan's expression pairs them, through the output to the instance it names.
      if (node.kind === 'index' && node.target.kind === 'reference' && node.target.text.startsWith('module.')) {
        const key = node.key.kind === 'reference' ? node.key.text : undefined;
        if (key === 'each.key' || key === 'count.index') return undefined;
      }
      const value = this.evaluate(node, scope);
      return typeof value === 'string' || value instanceof SymbolicValue ? value : undefined;
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /**
   * Rebuilds a policy from its expression in the .tf files, when they were read and the expression
   * is simple enough; what this reader does not compute though Terraform would, said as text.
   */
  private fromSource(
    instance: Instance,
    path: readonly (string | number)[],
    scope: Scope,
  ): DocumentResult | string | undefined {
    const source = this.hcl?.attribute(
      configPathOf(instance.moduleAddress),
      instance.mode,
      instance.type,
      instance.name,
      path,
    );
    // A document inside a block a `dynamic` block generates (`dynamic "inline_policy"` over a map,
    // its `iterator` bound): the generated block's text, read with what it binds.
    const generated =
      source === undefined && path.some((step) => typeof step === 'number')
        ? this.blockSource(instance, path, scope)
        : undefined;
    if (source === undefined && generated === undefined) return undefined;
    try {
      const value =
        source !== undefined
          ? this.evaluate(parseHclAttribute(source), scope)
          : this.evaluateRaw(generated?.raw, scope, 0, generated?.bound);
      if (typeof value === 'string') return { ok: true, document: value };
      // JSON text with holes (`templatefile` around an unknown ARN): the document with symbolic values.
      if (value instanceof SymbolicValue) {
        const document = jsonWithHoles(value) ?? invalidJsonWithHoles(value);
        return document === undefined ? undefined : { ok: true, document };
      }
      if (value !== null && typeof value === 'object') return { ok: true, document: value };
      return undefined;
    } catch (error) {
      if (error instanceof UnimplementedHcl || explainsItself(error)) return error.message;
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /** Local names of the AWS provider other than `aws`: from the .tf files and the plan's provider list. */
  private awsProviderNames(): ReadonlySet<string> {
    if (this.providerNames === undefined) {
      const names = new Set(this.hcl?.awsProviderNames ?? []);
      for (const [key, config] of Object.entries(this.index.plan.configuration?.provider_config ?? {})) {
        // `aws.east` and `module.x:aws` are configurations of a provider whose local name is `name`.
        const name = config.name ?? key;
        if (name !== 'aws' && isAwsProviderSource(config.full_name)) names.add(name);
      }
      this.providerNames = names;
    }
    return this.providerNames;
  }

  /** The value of a source expression: references become plan values or symbolic values. */
  private evaluate(node: HclNode, scope: Scope, depth = 0, bound: Bindings = NO_BINDINGS): unknown {
    return evaluateHcl(
      node,
      {
        reference: (text) => this.sourceReference(text, scope, depth),
        // A template around a resource attribute is a symbolic value with that hole.
        join: (pieces) => {
          const parts: (string | Hole)[] = [];
          for (const piece of pieces) {
            if (typeof piece === 'string' || typeof piece === 'number' || typeof piece === 'boolean')
              parts.push(String(piece));
            else if (piece instanceof SymbolicValue) parts.push(...piece.parts);
            // Only `jsonencode` brings a list or an object into a template (Terraform refuses one
            // interpolated bare): its JSON text, values known only after apply as holes in its strings.
            else if (piece !== null && typeof piece === 'object') {
              const text = documentText(piece);
              if (typeof text === 'string') parts.push(text);
              else parts.push(...text.parts);
            } else throw new UnsupportedHcl('a template around a non-text value');
          }
          return toValue(parts);
        },
        // The document itself, symbolic values and all: it is read as a policy, never as text.
        jsonencode: (value) => (this.encodingAsText ? documentText(value) : value),
        jsondecode: (text) => jsonWithHoles(text),
        symbolicKey: (key) => {
          const text = keyText(key);
          if (text === undefined) throw new UnsupportedHcl('an object key known only after apply');
          return text;
        },
        // `timestamp()` in a condition is a value apply gives, not a document left unread.
        unknownResult: (call) => hole(call, call),
        readFile: (file) => this.hcl?.readFile(file),
        readBytes: (file) => this.hcl?.readBytes(file),
        listFiles: (directory) => this.hcl?.listFiles(directory),
        absolutePath: (file) => {
          const absolute = this.hcl?.absolutePath(file);
          if (absolute === undefined) throw new UnsupportedHcl('`abspath` without the root directory');
          return absolute;
        },
        awsProviderNames: this.awsProviderNames(),
      },
      bound,
    );
  }

  /** A reference of a source expression: the instance key, a local, a variable, or a plan value. */
  private sourceReference(text: string, scope: Scope, depth: number): unknown {
    if (text === 'each.key' || text === 'count.index') {
      if (scope.key === undefined) throw new UnsupportedHcl(text);
      return String(scope.key);
    }
    if (text === 'each.value' || text.startsWith('each.value.') || text.startsWith('each.value[')) {
      let value = this.eachValue(scope);
      for (const step of stepsOf(text).slice(1)) value = stepInto(value, step);
      if (value === undefined) throw new UnsupportedHcl(text);
      return value;
    }
    if (text.startsWith('local.')) return this.evaluateLocal(text, scope, depth);
    if (text === 'path.module' || text === 'path.root' || text === 'path.cwd') {
      const directory = this.hcl?.directory(text === 'path.module' ? configPathOf(scope.moduleAddress) : '');
      if (directory === undefined) throw new UnsupportedHcl(text);
      return directory;
    }
    const ref = parseReference(text);
    if (ref.kind === 'var' && text === `var.${ref.name}`) {
      // A list or map default (`Action = var.actions`) is a value of the document, not a hole; a
      // boolean or number one (`var.create ? a : b`) is what a condition or a template reads.
      const chased = this.chaseVariable(ref.name, scope);
      const value = chased !== undefined && 'value' in chased ? chased.value : undefined;
      if (value !== null && (typeof value === 'object' || typeof value === 'boolean' || typeof value === 'number'))
        return value;
      // An input left at `default = null` is null, a value Terraform knows (`coalesce(var.names, [])`
      // is `[]`), not one apply gives.
      if (chased !== undefined && 'value' in chased && value === null) return null;
      // A document or list the caller writes in its `module` block (`policy = jsonencode({...})`, a
      // heredoc around an ARN): that expression evaluated where it is written.
      const binder = chased !== undefined && 'scope' in chased ? chased.scope.binder : undefined;
      if (chased !== undefined && 'scope' in chased && binder?.kind === 'module') {
        const raw = this.hcl?.moduleInput(configPathOf(chased.scope.moduleAddress), binder.name, ref.name);
        if (raw !== undefined && depth <= 20) {
          try {
            const written = this.evaluateRaw(raw, chased.scope, depth + 1);
            // Text, a number or a boolean too: `enable = true` is what a `for_each` or a condition reads.
            if (written !== null && written !== undefined) return this.conformed(written, scope, ref.name);
            // `services = null` written by the caller is null, as a default of null is (not a value
            // only apply gives); a variable declared `nullable = false` takes its default instead.
            if (written === null) {
              if (this.hcl?.refusesNull(configPathOf(scope.moduleAddress), ref.name) !== true) return null;
              const fallback = this.index.configModule(scope.moduleAddress)?.variables?.[ref.name]?.default;
              if (fallback !== undefined) return fallback;
            }
          } catch (error) {
            if (!(error instanceof UnsupportedHcl)) throw error;
          }
        }
      }
    }
    if (ref.kind === 'var' && text !== `var.${ref.name}`) {
      // `var.provider.arn` given `provider = aws_iam_openid_connect_provider.github`: the step read
      // from the caller's value, not dropped with the rest of the text.
      const stepped = this.steppedVariable(text, scope, depth);
      if (stepped !== undefined) return stepped;
    }
    if (text.startsWith('each.') || text.startsWith('count.')) throw new UnsupportedHcl(text);
    if (ref.kind === 'resource') {
      const value = this.resourceValue(ref, text, scope, depth);
      if (value !== undefined) return value;
    }
    if (ref.kind === 'module' && depth <= 20) {
      // The call or instance whole, or an output that is no single value (a list of actions).
      let value = this.moduleValue(ref.name, ref.key, scope, depth);
      for (const step of stepsOf(text).slice(ref.key === undefined ? 1 : 2)) value = stepInto(value, step);
      if (value !== undefined) return value;
    }
    return this.referenceValue(text, scope);
  }

  /**
   * A value a caller gives a module's variable, converted to the variable's type constraint as
   * Terraform converts it: an object's `optional` attributes the caller leaves out are there, with
   * their defaults (`ps.policies` of a permission set written without it is `[]`, not an error).
   */
  private conformed(value: unknown, scope: Scope, name: string): unknown {
    const text = this.hcl?.variableType(configPathOf(scope.moduleAddress), name);
    if (text === undefined) return value;
    try {
      return conformToType(value, parseHclAttribute(text), 0);
    } catch (error) {
      if (error instanceof UnsupportedHcl) return value;
      throw error;
    }
  }

  /**
   * A module call named whole (`module.x`, `module.x["k"]`): an object of its outputs, each read
   * when stepped into; for a call with `count` or `for_each`, its instances as Terraform gives them,
   * a list or a map (`module.x[*].arn`, `[for m in module.x : m.policy_json]`). `undefined` when the
   * call or its instances are not known.
   */
  private moduleValue(name: string, key: string | number | undefined, scope: Scope, depth: number): unknown {
    const call = this.index.configModule(scope.moduleAddress)?.module_calls?.[name];
    if (call === undefined) return undefined;
    const outside: Scope = { moduleAddress: scope.moduleAddress, key: undefined };
    const instance = (at: string | number | undefined): AttributeReader =>
      new AttributeReader((output) => {
        const chased = this.chaseOutput(name, at, output, outside);
        if (chased === undefined) return undefined;
        if (chased.expression.constant_value !== undefined) return chased.expression.constant_value;
        return this.referenceValue(`module.${name}${keySuffix(at)}.${output}`, outside, depth + 1);
      });
    const repeated = call.count_expression !== undefined || call.for_each_expression !== undefined;
    if (!repeated || key !== undefined) return instance(key);
    const keys = this.moduleKeys(call, joinAddress(scope.moduleAddress, `module.${name}`));
    if (keys === undefined) return undefined;
    if (call.count_expression !== undefined) return keys.map((k) => instance(k));
    const out: Record<string, unknown> = {};
    for (const k of keys) defineOwn(out, String(k), instance(k));
    return out;
  }

  /**
   * The instance keys of a module call (`base` its address without key): from its `count` or
   * `for_each` when constant, else from the instances the plan holds under it, sorted.
   */
  private moduleKeys(call: ModuleCall, base: string): (string | number)[] | undefined {
    const count = call.count_expression?.constant_value;
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 1000)
      return Array.from({ length: count }, (_, i) => i);
    const each = call.for_each_expression?.constant_value;
    if (Array.isArray(each)) return [...new Set(each.filter((k): k is string => typeof k === 'string'))].sort();
    if (each !== null && typeof each === 'object') return Object.keys(each).sort();
    if (call.count_expression?.constant_value !== undefined || each !== undefined) return undefined;
    const depth = parseModuleAddress(base).length;
    const keys = new Set<string | number>();
    for (const instance of this.index.instances) {
      if (!instance.moduleAddress.startsWith(`${base}[`)) continue;
      const step = parseModuleAddress(instance.moduleAddress)[depth - 1];
      if (step?.key !== undefined) keys.add(step.key);
    }
    if (keys.size === 0) return undefined;
    return [...keys].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
    );
  }

  /** `var.x.a[0]` read from the value of `var.x` when the steps reach a value; `undefined` when they do not. */
  private steppedVariable(text: string, scope: Scope, depth: number): unknown {
    const [name] = stepsOf(text);
    let value: unknown;
    try {
      value = this.sourceReference(`var.${String(name)}`, scope, depth);
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
    for (const step of stepsOf(text).slice(1)) {
      const next = stepInto(value, step);
      // An attribute the caller's object does not have (`var.defaults.create_iam_role` given
      // `defaults = { policies = {...} }`) is Terraform's error, which `try` falls back from.
      if (next === undefined && isPlainObject(value)) throw new UnsupportedHcl(`\`${text}\` does not exist`);
      if (next === undefined) return undefined;
      value = next;
    }
    return value;
  }

  /**
   * A resource or data source of a source expression where more than one attribute's value is
   * meant: a document data source's `json` (its rebuilt document as JSON text, for `replace()`
   * and the like), an instance named whole (`aws_iam_openid_connect_provider.github` given to a
   * module, `v` of `for k, v in aws_s3_bucket.b`) as an object whose attributes are read when
   * stepped into, and the instances of a repeated block as Terraform gives them, a list (`count`)
   * or a map (`for_each`). Without a plan, an instance the text makes none of is Terraform's error
   * (`try` falls back). `undefined` where the attribute of one instance is meant.
   */
  private resourceValue(
    ref: Extract<Reference, { kind: 'resource' }>,
    text: string,
    scope: Scope,
    depth: number,
  ): unknown {
    const declared = this.index
      .configModule(scope.moduleAddress)
      ?.resources?.find((r) => r.type === ref.type && r.name === ref.name && (r.mode ?? 'managed') === ref.mode);
    if (declared === undefined) return undefined;
    const instances = this.index.declaration(scope.moduleAddress, ref.mode, ref.type, ref.name);
    const repeated = declared.count_expression !== undefined || declared.for_each_expression !== undefined;
    let instance: Instance | undefined;
    if (ref.key !== undefined) {
      instance = this.index.instanceByKey(instances, ref.key);
      if (instance === undefined && this.hcl?.planless === true) throw new UnsupportedHcl(`\`${text}\` does not exist`);
    } else if (!repeated) instance = instances.length === 1 ? instances[0] : undefined;
    else if (ref.attribute === undefined) {
      // A block read once with its key unknown (a `for_each` only apply knows) is no collection to give.
      if (instances.some((i) => i.key === undefined)) return undefined;
      if (declared.count_expression !== undefined)
        return [...instances].sort((a, b) => Number(a.key) - Number(b.key)).map((i) => this.instanceObject(i, depth));
      const out: Record<string, unknown> = {};
      for (const i of instances) defineOwn(out, String(i.key), this.instanceObject(i, depth));
      return out;
    }
    if (instance === undefined) return undefined;
    if (ref.attribute === undefined) return this.instanceObject(instance, depth);
    if (ref.mode === 'data' && ref.type === 'template_file' && ref.attribute === 'rendered' && depth <= 20)
      return this.renderedTemplate(instance, depth + 1);
    if (isPolicyDocumentRef(ref) && (ref.attribute === 'json' || ref.attribute === 'minified_json')) {
      const result = depth > 20 ? undefined : this.policyDocumentOf(instance, depth + 1);
      if (result?.ok !== true) throw new UnsupportedHcl(`\`${text}\` cannot be rebuilt`);
      return documentText(result.document);
    }
    return undefined;
  }

  /**
   * `data.template_file.NAME.rendered` (the template provider) whose `vars` hold values only apply
   * knows (`bucket_name = var.bucket_id`): the template rendered with holes where they go, as
   * `templatefile()` is. Undefined (left to the plan) when the template or its vars are not read.
   */
  private renderedTemplate(instance: Instance, depth: number): unknown {
    const known = instance.values['rendered'];
    if (typeof known === 'string' && unknownAt(instance.unknown, ['rendered']) !== true) return known;
    const node = this.hcl?.node(configPathOf(instance.moduleAddress), 'data', 'template_file', instance.name, []);
    const block: unknown = Array.isArray(node) ? node[0] : node;
    if (block === null || typeof block !== 'object') return undefined;
    const written = block as Record<string, unknown>;
    const own: Scope = { moduleAddress: instance.moduleAddress, key: instance.key };
    const template = this.evaluateRaw(written['template'], own, depth);
    if (typeof template !== 'string') return undefined;
    // `vars = {...}`, or the `vars {...}` block of Terraform 0.11 configurations.
    const rawVars = Array.isArray(written['vars']) ? (written['vars'] as unknown[])[0] : written['vars'];
    const vars = this.evaluateRaw(rawVars ?? {}, own, depth);
    if (vars === null || typeof vars !== 'object' || Array.isArray(vars) || vars instanceof SymbolicValue)
      return undefined;
    const bound: Bindings = new Map(Object.entries(vars));
    const parsed = parseHclTemplate(template);
    // A template sees its vars only: a name it lacks fails the data source.
    const outside = referencesOf(parsed, new Set(bound.keys()));
    if (outside.length > 0) throw new UnsupportedHcl(`\`${outside[0] ?? ''}\` is not a variable of the template`);
    return this.evaluate(parsed, own, depth, bound);
  }

  /** An instance as an object of its attributes, each read when asked: a known value, or what {@link attribute} makes of it. */
  private instanceObject(instance: Instance, depth: number): AttributeReader {
    return new AttributeReader((name) => {
      const known = instance.values[name];
      if (known !== undefined && known !== null && unknownAt(instance.unknown, [name]) !== true) return known;
      const document = instance.mode === 'data' && instance.type === 'aws_iam_policy_document';
      if (document && (name === 'json' || name === 'minified_json') && depth <= 20) {
        const result = this.policyDocumentOf(instance, depth + 1);
        return result.ok ? documentText(result.document) : this.attribute(instance, name);
      }
      return this.attribute(instance, name);
    });
  }

  /** A `local.NAME` (or `local.NAME.key`) of the .tf files, evaluated in the scope that refers to it. */
  private evaluateLocal(text: string, scope: Scope, depth: number): unknown {
    // `local.placeholders["_ARN_"]` and `local.list[0]` step in as `local.m.key` does.
    const [name, ...rest] = stepsOf(text);
    if (typeof name !== 'string') throw new UnsupportedHcl(text);
    const raw = this.hcl?.local(configPathOf(scope.moduleAddress), name);
    if (raw === undefined || depth > 20) throw new UnsupportedHcl(text);
    const result = this.localResult(name, scope);
    if ('error' in result) {
      // `local.parts[1]` of a list only apply knows the length of: the evaluator picks the element.
      if (result.error instanceof UnknownLength && rest.length > 0) throw result.error.within(rest);
      throw result.error;
    }
    let value = result.value;
    for (const step of rest) {
      if (value === null || typeof value !== 'object' || value instanceof SymbolicValue) throw new UnsupportedHcl(text);
      value = Object.hasOwn(value, step) ? (value as Record<string | number, unknown>)[step] : undefined;
    }
    if (value === undefined) throw new UnsupportedHcl(text);
    return value;
  }

  /** What `local.NAME` evaluates to in `scope`, once; the locals it reads are settled first. */
  private localResult(name: string, scope: Scope): { readonly value: unknown } | { readonly error: UnsupportedHcl } {
    // `jsonencode` reads differently while documents are read again as text: a value per way.
    const key = this.encodingAsText ? `text:${name}` : name;
    let state = this.localResults.get(scope.moduleAddress);
    if (state === undefined) {
      state = { results: new Map(), evaluating: new Set() };
      this.localResults.set(scope.moduleAddress, state);
    }
    const done = state.results.get(key);
    if (done !== undefined) return done;
    // A local read while it is evaluated: a cycle, which Terraform refuses before any plan.
    if (state.evaluating.has(key)) return { error: new UnsupportedHcl(`\`local.${name}\` refers to itself`) };
    state.evaluating.add(key);
    // The locals being evaluated are not settled again: one read back is the cycle above.
    const keyOf = (local: string): string => (this.encodingAsText ? `text:${local}` : local);
    let result: { readonly value: unknown } | { readonly error: UnsupportedHcl };
    try {
      this.settleLocals(name, scope, (local) => state.results.has(keyOf(local)) || state.evaluating.has(keyOf(local)));
      result = { value: this.evaluateRaw(this.hcl?.local(configPathOf(scope.moduleAddress), name), scope, 1) };
    } catch (error) {
      if (!(error instanceof UnsupportedHcl)) throw error;
      result = { error };
    } finally {
      state.evaluating.delete(key);
    }
    state.results.set(key, result);
    return result;
  }

  /**
   * Evaluates the locals `local.NAME` reads, and those they read, deepest first (see
   * {@link settleDeepestFirst}); a cycle is left to the evaluation, which names it.
   */
  private settleLocals(name: string, scope: Scope, settled: (local: string) => boolean): void {
    const configPath = configPathOf(scope.moduleAddress);
    settleDeepestFirst(name, {
      reads: (local) => localsRead(this.hcl?.local(configPath, local)),
      pending: (local) => !settled(local) && this.hcl?.local(configPath, local) !== undefined,
      settle: (local) => {
        this.localResult(local, scope);
      },
      stopAtCycle: false,
    });
  }

  /** An hcl2json node: strings are expressions, lists and objects hold more of them. */
  evaluateRaw(raw: unknown, scope: Scope, depth = 0, bound: Bindings = NO_BINDINGS): unknown {
    if (typeof raw === 'string') return this.evaluate(parseHclAttribute(raw), scope, depth, bound);
    if (Array.isArray(raw)) return raw.map((item) => this.evaluateRaw(item, scope, depth, bound));
    if (raw !== null && typeof raw === 'object')
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, this.evaluateRaw(v, scope, depth, bound)]));
    return raw;
  }

  /**
   * A single text of a statement block from the .tf files (`variable = "${...}:sub"`), when it
   * evaluates to plain text; a condition key (`asKey`) with parts only apply knows is its text with
   * the holes shown by their provenance, as keys of a `jsonencode` document are.
   */
  private wordFromSource(
    instance: Instance,
    path: readonly (string | number)[],
    scope: Scope,
    asKey = false,
  ): string | undefined {
    const source = this.blockSource(instance, path, scope);
    if (source === undefined) return undefined;
    try {
      const value = this.evaluateRaw(source.raw, scope, 0, source.bound);
      if (asKey && value instanceof SymbolicValue) return keyText(value);
      return typeof value === 'string' && value !== '' ? value : undefined;
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /** The elements of a list attribute from the .tf files, each a text or a symbolic value; `undefined` when not simple. */
  private listFromSource(
    instance: Instance,
    path: readonly (string | number)[],
    scope: Scope,
  ): PolicyValue[] | undefined {
    const source = this.blockSource(instance, path, scope);
    if (source === undefined) return undefined;
    try {
      const value = this.evaluateRaw(source.raw, scope, 0, source.bound);
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      const out: PolicyValue[] = [];
      for (const item of items) {
        if (typeof item === 'string' || item instanceof SymbolicValue) out.push(item);
        // The argument is a list of strings: Terraform converts `[true]` and `[300]` to text.
        else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
        else return undefined;
      }
      return out;
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /**
   * The .tf node of an argument inside nested blocks (`statement[3].condition[0].values`) and the
   * names the `dynamic` blocks around it bind, laid out as Terraform lays the blocks out: those
   * written out and those each `dynamic` block generates, in declaration order. `undefined` when the text has no such block, a `for_each` has no value here, or the
   * blocks counted are not the planned ones (a block of the text is then not known to be the plan's).
   */
  private blockSource(
    instance: Instance,
    path: readonly (string | number)[],
    scope: Scope,
  ): { raw: unknown; bound: Bindings } | undefined {
    if (this.hcl === undefined) return undefined;
    const configPath = configPathOf(instance.moduleAddress);
    let node: unknown = this.hcl.node(configPath, instance.mode, instance.type, instance.name, []);
    if (Array.isArray(node)) node = node[0];
    let planned: unknown = instance.values;
    let bound: Bindings = NO_BINDINGS;
    for (let i = 0; i < path.length; i += 1) {
      const step = path[i];
      const index = path[i + 1];
      if (node === null || typeof node !== 'object' || typeof step !== 'string') return undefined;
      const written = node as Record<string, unknown>;
      if (typeof index !== 'number') return i === path.length - 1 ? { raw: written[step], bound } : undefined;
      // Memoized by instance and block path: every argument of a generated block asks again.
      let cached = this.expandedBlocks.get(instance);
      if (cached === undefined)
        this.expandedBlocks.set(
          instance,
          (cached = new Map<string, { node: unknown; bound: Bindings }[] | undefined>()),
        );
      const key = path.slice(0, i + 1).join('.');
      if (!cached.has(key)) cached.set(key, this.blocksOf(written, step, scope, bound));
      const blocks = cached.get(key);
      const plannedBlocks = stepInto(planned, step);
      if (blocks === undefined || !Array.isArray(plannedBlocks) || blocks.length !== plannedBlocks.length)
        return undefined;
      const chosen = blocks[index];
      if (chosen === undefined) return undefined;
      ({ node, bound } = chosen);
      planned = plannedBlocks[index];
      i += 1;
    }
    return undefined;
  }

  /** The `label` blocks of a block of the text: those written out and those its `dynamic "label"` blocks generate, in declaration order. */
  private blocksOf(
    block: Record<string, unknown>,
    label: string,
    scope: Scope,
    bound: Bindings,
  ): { node: unknown; bound: Bindings }[] | undefined {
    const written = block[label];
    const out = (Array.isArray(written) ? (written as unknown[]) : []).map((node) => ({ node, bound }));
    const generated: { node: unknown; bound: Bindings }[][] = [];
    const dynamic = block['dynamic'];
    const declared = dynamic !== null && typeof dynamic === 'object' ? stepInto(dynamic, label) : undefined;
    for (const generator of Array.isArray(declared)
      ? (declared as unknown[])
      : declared === undefined
        ? []
        : [declared]) {
      if (generator === null || typeof generator !== 'object') return undefined;
      const { for_each: forEach, content, iterator } = generator as Record<string, unknown>;
      const body = Array.isArray(content) ? (content as unknown[])[0] : undefined;
      let collection: unknown;
      try {
        collection = this.evaluateRaw(forEach, scope, 0, bound);
      } catch (error) {
        if (error instanceof UnsupportedHcl) return undefined;
        throw error;
      }
      // `iterator = name` is a bare name, which hcl2json writes as `${name}`.
      const name =
        typeof iterator === 'string' ? (/^\$\{\s*([A-Za-z_][\w-]*)\s*\}$/.exec(iterator)?.[1] ?? label) : label;
      let pairs: [unknown, unknown][];
      if (Array.isArray(collection)) pairs = (collection as unknown[]).map((v, i) => [i, v]);
      else if (collection !== null && typeof collection === 'object' && !(collection instanceof SymbolicValue)) {
        const map = collection as Record<string, unknown>;
        pairs = Object.keys(map)
          .sort()
          .map((k) => [k, map[k]]);
      } else return undefined;
      generated.push(pairs.map(([key, value]) => ({ node: body, bound: new Map(bound).set(name, { key, value }) })));
    }
    return inDeclaredOrder(block, label, out, generated);
  }

  /** Rebuilds a policy document from the expression that produces it. */
  document(expression: Expression, scope: Scope, what: string, depth = 0): DocumentResult {
    if (typeof expression.constant_value === 'string') return { ok: true, document: expression.constant_value };
    const all = expression.references ?? [];
    const references = meaningfulReferences(all);
    const pair = all.some((r) => PAIRING.has(r)) ? scope.key : undefined;
    // Named from the root: `aws_s3_bucket.this.arn` of a module is one of many.
    const qualified = references.map((r) => joinAddress(scope.moduleAddress, r));
    const unresolved = (reason: string): DocumentResult => ({ ok: false, reason, references: qualified });
    if (depth > 20) return unresolved(`\`${what}\` is built through too many indirections`);
    if (all.includes('each.value')) {
      const given = this.givenValue(expression, scope, depth)?.value;
      if (typeof given === 'string' && given.trim() !== '') return { ok: true, document: given };
      return unresolved(`\`${what}\` comes from \`each.value\`, which the plan does not show`);
    }
    if (references.length === 0)
      return unresolved(`\`${what}\` is known only after apply and its configuration names no reference`);
    const parsed = references.map(parseReference);
    const documents = parsed.filter(isPolicyDocumentRef);
    if (documents.length === 1 && parsed.length === 1) {
      const ref = documents[0];
      if (ref === undefined) return unresolved('unreachable');
      // `data.d[local.keys[count.index]]` does not pair `d` with this instance: its key is computed.
      const base = `data.${ref.type}.${ref.name}`;
      const key = this.pairedKey(base, all, scope) ?? (all.some((r) => r.startsWith('local.')) ? undefined : pair);
      const instance = this.index.pick(
        scope.moduleAddress,
        'data',
        ref.type,
        ref.name,
        ref.key,
        instanceKey(
          key,
          typeof this.index.declaration(scope.moduleAddress, 'data', ref.type, ref.name)[0]?.key === 'number',
        ),
      );
      const named = joinAddress(scope.moduleAddress, `data.${ref.type}.${ref.name}${keySuffix(ref.key)}`);
      const deferred =
        instance === undefined
          ? this.index.deferred(scope.moduleAddress, 'data', ref.type, ref.name, ref.key)
          : undefined;
      if (deferred !== undefined)
        return unresolved(`\`${what}\` reads \`${named}\`, which Terraform deferred to a later plan ${deferred}`);
      if (instance === undefined)
        return unresolved(
          `cannot tell which instance of \`${joinAddress(scope.moduleAddress, `data.${ref.type}.${ref.name}`)}\` \`${what}\` uses`,
        );
      return this.policyDocumentOf(instance, depth + 1);
    }
    if (parsed.length === 1) {
      const ref = parsed[0];
      if (ref?.kind === 'var') {
        const chased = this.chaseVariable(ref.name, { moduleAddress: scope.moduleAddress, key: pair });
        if (chased !== undefined && 'value' in chased) {
          if (typeof chased.value === 'string' && chased.value.trim() !== '')
            return { ok: true, document: chased.value };
        } else if (chased !== undefined) return this.document(chased.expression, chased.scope, what, depth + 1);
      } else if (ref?.kind === 'module' && ref.output !== undefined) {
        const chased = this.chaseOutput(ref.name, ref.key, ref.output, {
          moduleAddress: scope.moduleAddress,
          key: pair,
        });
        if (chased !== undefined) return this.document(chased.expression, chased.scope, what, depth + 1);
      } else if (ref?.kind === 'resource' && ref.attribute !== undefined && POLICY_ATTRIBUTES.has(ref.attribute)) {
        const instance = this.index.pick(scope.moduleAddress, ref.mode, ref.type, ref.name, ref.key, pair);
        const result = instance === undefined ? undefined : this.policyAttribute(instance, [ref.attribute]);
        if (result !== undefined) return result;
      }
    }
    return unresolved(
      `\`${what}\` is computed from ${qualified.map((r) => `\`${r}\``).join(', ')} and known only after apply`,
    );
  }

  /**
   * The condition key a plan without the .tf files shows only as a reference to an OIDC provider's
   * URL or an EKS cluster's issuer (`"${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub"`
   * loses its text in the plan): the issuer without its scheme, and the claim core reads from the
   * test and the values it compares (`claimOfLostKey`). Undefined for any other reference, or when
   * core reads no claim.
   */
  private issuerClaimKey(
    expression: Expression | undefined,
    scope: Scope,
    test: string,
    values: readonly PolicyValue[],
  ): string | undefined {
    const references = meaningfulReferences(expression?.references ?? []);
    if (references.length !== 1 || expression?.constant_value !== undefined) return undefined;
    const ref = parseReference(references[0] ?? '');
    const names =
      ref.kind === 'resource' &&
      ((ref.type === 'aws_iam_openid_connect_provider' && ref.attribute === 'url') ||
        (ref.type === 'aws_eks_cluster' &&
          /\.identity(\[0\]|\.0)\.oidc(\[0\]|\.0)\.issuer$/.test(references[0] ?? '')));
    if (!names) return undefined;
    const claim = claimOfLostKey(test, values);
    if (claim === undefined) return undefined;
    const [issuer] = this.list(expression, scope, undefined);
    if (issuer === undefined) return undefined;
    const key = withoutScheme(issuer);
    if (typeof key === 'string') return key === '' ? undefined : `${key}:${claim}`;
    return keyText(new SymbolicValue([...key.parts, `:${claim}`]));
  }

  /** The document of an `aws_iam_policy_document` instance: its `json` when read at plan time, else rebuilt from its arguments. */
  policyDocumentOf(instance: Instance, depth = 0): DocumentResult {
    const cached = this.documents.get(instance.address);
    if (cached !== undefined) return cached;
    const json = instance.values['json'];
    const result: DocumentResult =
      typeof json === 'string' && json !== '' && unknownAt(instance.unknown, ['json']) !== true
        ? { ok: true, document: json }
        : this.buildDocument(instance, depth);
    this.documents.set(instance.address, result);
    return result;
  }

  private buildDocument(instance: Instance, depth: number): DocumentResult {
    const scope = scopeOf(instance);
    const references: string[] = [];
    const fail = (reason: string): DocumentResult => ({
      ok: false,
      reason,
      references: [instance.address, ...references],
    });
    if (unknownAt(instance.unknown, ['statement']) === true)
      return fail(
        this.hcl?.planless
          ? `\`${instance.address}\` builds its statements with a \`dynamic\` block, which is not expanded without a plan`
          : `the statements of \`${instance.address}\` are known only after apply`,
      );
    const values = instance.values;
    const blocks = Array.isArray(values['statement']) ? (values['statement'] as Record<string, unknown>[]) : [];
    const expressionOf = (path: readonly (string | number)[]): Expression | undefined =>
      blockExpressionAt(instance.config?.expressions, blocks, ['statement', ...path]);
    // A statement word or list known only after apply, which fails the document, and whether the
    // plan shows no expression for it (a `dynamic` block).
    let unknownWord: string | undefined;
    let unknownUnshown = false;

    const field = (path: (string | number)[], defaultAttribute?: string): PolicyValue[] | undefined => {
      const marker = unknownAt(instance.unknown, ['statement', ...path]);
      let known: unknown = blocks;
      for (const step of path)
        known =
          known === null || typeof known !== 'object' ? undefined : (known as Record<string | number, unknown>)[step];
      const configExpression = expressionOf(path);
      if (marker === true || (Array.isArray(marker) && marker.some((m) => m === true))) {
        // The .tf text keeps what the plan loses: `"${aws_s3_bucket.b.arn}/*"` rather than a hole after the ARN.
        const fromSource = this.listFromSource(instance, ['statement', ...path], scope);
        if (fromSource !== undefined) return fromSource;
      }
      // Resources and condition values are often templates around a reference; principals are not.
      const templated = path[1] !== 'principals' && path[1] !== 'not_principals';
      if (marker === true) {
        references.push(...meaningfulReferences(configExpression?.references ?? []));
        const label = statementLabel(instance.address, path);
        // Each element may be a template around its reference, as in `unknownElement`.
        const rebuilt = this.list(configExpression, scope, defaultAttribute).map((value, i) =>
          typeof value === 'string' && Array.isArray(configExpression?.constant_value)
            ? value
            : unknownElement([value], 1, 0, `${label}[${i}]`, templated),
        );
        if (rebuilt.length > 0) return rebuilt;
        // A whole list unknown with no expression telling its elements (a `dynamic` block, which
        // the configuration leaves out, or `compact(...)`): dropping it would change what the
        // statement means. Unknown actions fail the document; other lists hold one unknown value.
        if (path[1] === 'actions' || path[1] === 'not_actions') {
          if (unknownWord === undefined) {
            unknownWord = `statement${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
            unknownUnshown = configExpression === undefined;
          }
          return undefined;
        }
        return [hole(label, `${label} (known only after apply)`)];
      }
      if (!Array.isArray(known)) return undefined;
      const markers = Array.isArray(marker) ? (marker as unknown[]) : [];
      const unknownCount = markers.filter((m) => m === true).length;
      // The arguments are lists of strings: Terraform converts `values = [true]` to `"true"`.
      if (unknownCount === 0) return known.flatMap((v) => (isText(v) ? [String(v)] : []));
      references.push(...meaningfulReferences(configExpression?.references ?? []));
      const targets = this.list(configExpression, scope, defaultAttribute);
      // Format 1.x keeps unknown elements as nulls; 0.x drops them from the list.
      const positional = known.length === markers.length;
      let nextKnown = 0;
      let nextUnknown = 0;
      const out: PolicyValue[] = [];
      for (let i = 0; i < Math.max(markers.length, known.length); i += 1) {
        if (markers[i] === true) {
          const label = `${statementLabel(instance.address, path)}[${i}]`;
          out.push(unknownElement(targets, unknownCount, nextUnknown, label, templated));
          nextUnknown += 1;
          continue;
        }
        const item: unknown = positional ? known[i] : known[nextKnown];
        nextKnown += 1;
        if (isText(item)) out.push(String(item));
      }
      return out;
    };

    // A statement word (effect, principal type, condition operator or key) known only after apply.
    const word = (
      path: (string | number)[],
      fallback: string | undefined,
      asKey = false,
      inferred?: () => string | undefined,
    ): string | undefined => {
      let known: unknown = blocks;
      for (const step of path)
        known =
          known === null || typeof known !== 'object' ? undefined : (known as Record<string | number, unknown>)[step];
      if (unknownAt(instance.unknown, ['statement', ...path]) !== true)
        return typeof known === 'string' && known !== '' ? known : fallback;
      const fromSource = this.wordFromSource(instance, ['statement', ...path], scope, asKey) ?? inferred?.();
      if (fromSource !== undefined) return fromSource;
      if (unknownWord === undefined) {
        unknownWord = `statement${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
        const shown = expressionOf(path);
        unknownUnshown = shown === undefined;
        references.push(...meaningfulReferences(shown?.references ?? []));
      }
      return fallback;
    };
    const statements: Record<string, unknown>[] = [];
    blocks.forEach((block, i) => {
      const statement: Record<string, unknown> = {};
      if (typeof block['sid'] === 'string' && block['sid'] !== '') statement['Sid'] = block['sid'];
      statement['Effect'] = word([i, 'effect'], 'Allow');
      for (const [attribute, key] of [
        ['principals', 'Principal'],
        ['not_principals', 'NotPrincipal'],
      ] as const) {
        const principalBlocks = Array.isArray(block[attribute]) ? (block[attribute] as Record<string, unknown>[]) : [];
        if (principalBlocks.length === 0) continue;
        const principal: Record<string, PolicyValue[]> = {};
        let star = false;
        principalBlocks.forEach((p, j) => {
          const type = word([i, attribute, j, 'type'], 'AWS') ?? 'AWS';
          const identifiers = field([i, attribute, j, 'identifiers'], 'arn') ?? [];
          if (type === '*' && identifiers.every((v) => v === '*')) star = true;
          else principal[type] = [...(principal[type] ?? []), ...identifiers];
        });
        statement[key] = star && Object.keys(principal).length === 0 ? '*' : principal;
      }
      for (const [attribute, key] of [
        ['actions', 'Action'],
        ['not_actions', 'NotAction'],
        ['resources', 'Resource'],
        ['not_resources', 'NotResource'],
      ] as const) {
        const list = field([i, attribute], attribute.endsWith('resources') ? 'arn' : undefined);
        if (list !== undefined && list.length > 0) statement[key] = list;
      }
      const conditions = Array.isArray(block['condition']) ? (block['condition'] as Record<string, unknown>[]) : [];
      if (conditions.length > 0) {
        const condition: Record<string, Record<string, PolicyValue[]>> = {};
        conditions.forEach((_, k) => {
          const test = word([i, 'condition', k, 'test'], '') ?? '';
          const values = field([i, 'condition', k, 'values']) ?? [];
          const variable =
            word([i, 'condition', k, 'variable'], '', true, () =>
              this.issuerClaimKey(expressionOf([i, 'condition', k, 'variable']), scope, test, values),
            ) ?? '';
          const operator = (condition[test] ??= {});
          operator[variable] = [...(operator[variable] ?? []), ...values];
        });
        statement['Condition'] = condition;
      }
      statements.push(statement);
    });
    if (unknownWord !== undefined)
      return fail(
        `\`${instance.address}\` ${unknownWord} is known only after apply${unknownUnshown ? this.unseenInputs(instance.moduleAddress) : ''}`,
      );

    let merged: Record<string, unknown>[] = [];
    for (const attribute of ['source_json', 'source_policy_documents']) {
      const sources = this.documentList(instance, attribute, depth);
      if (!sources.ok) return fail(sources.reason);
      for (const source of sources.documents) merged.push(...statementsOf(source));
    }
    merged = overlay(merged, statements);
    for (const attribute of ['override_json', 'override_policy_documents']) {
      const overrides = this.documentList(instance, attribute, depth);
      if (!overrides.ok) return fail(overrides.reason);
      for (const override of overrides.documents) merged = overlay(merged, statementsOf(override));
    }
    const document: Record<string, unknown> = {
      Version: typeof values['version'] === 'string' && values['version'] !== '' ? values['version'] : '2012-10-17',
    };
    if (typeof values['policy_id'] === 'string' && values['policy_id'] !== '') document['Id'] = values['policy_id'];
    document['Statement'] = merged;
    return { ok: true, document };
  }

  /**
   * The documents one reference of a document list adds, other than a document data source: a
   * variable or module output holding a document (or a list of them), a policy attribute of another
   * resource. A known value that is no document (`var.attach ? data.d.json : null`) adds none; a
   * reference that cannot be followed fails the list.
   */
  private referencedDocuments(
    ref: Reference,
    text: string,
    scope: Scope,
    what: string,
    depth: number,
  ): { ok: true; documents: unknown[] } | { ok: false; reason: string } {
    const unresolved = {
      ok: false as const,
      reason: `\`${what}\` may take statements from \`${joinAddress(scope.moduleAddress, text)}\`, known only after apply`,
    };
    if (depth > 20) return unresolved;
    const fromValue = (value: unknown): { ok: true; documents: unknown[] } => ({
      ok: true,
      documents: (Array.isArray(value) ? (value as unknown[]) : [value]).filter(
        (v) => typeof v === 'string' && v.trim().startsWith('{'),
      ),
    });
    const fromExpression = (chased: { expression: Expression; scope: Scope }) => {
      const { expression } = chased;
      if (expression.constant_value !== undefined) return fromValue(expression.constant_value);
      const named = meaningfulReferences(expression.references ?? []);
      const only = named.length === 1 && named[0] !== undefined ? parseReference(named[0]) : undefined;
      if (only !== undefined && isPolicyDocumentRef(only)) {
        const result = this.document(expression, chased.scope, what, depth + 1);
        return result.ok ? { ok: true as const, documents: [result.document] } : unresolved;
      }
      if (only !== undefined && named[0] !== undefined)
        return this.referencedDocuments(only, named[0], chased.scope, what, depth + 1);
      return unresolved;
    };
    if (ref.kind === 'var') {
      const chased = this.chaseVariable(ref.name, scope);
      if (chased !== undefined) return 'value' in chased ? fromValue(chased.value) : fromExpression(chased);
    } else if (ref.kind === 'module' && ref.output !== undefined) {
      const chased = this.chaseOutput(ref.name, ref.key, ref.output, scope);
      if (chased !== undefined) return fromExpression(chased);
    } else if (ref.kind === 'resource' && ref.attribute !== undefined && POLICY_ATTRIBUTES.has(ref.attribute)) {
      const target = this.index.pick(scope.moduleAddress, ref.mode, ref.type, ref.name, ref.key, scope.key);
      const result = target === undefined ? undefined : this.policyAttribute(target, [ref.attribute]);
      if (result !== undefined)
        return result.ok ? { ok: true, documents: [result.document] } : { ok: false, reason: result.reason };
    }
    return unresolved;
  }

  /**
   * The documents of a document list as its .tf text gives them (`source_policy_documents =
   * concat([data.a.json], var.extra)`): each entry evaluated, a document data source's `json`
   * rebuilt. `undefined` when the text is not read or an entry is not a document this can read.
   */
  private documentsFromSource(instance: Instance, attribute: string, depth: number): unknown[] | undefined {
    const raw = this.hcl?.node(configPathOf(instance.moduleAddress), instance.mode, instance.type, instance.name, [
      attribute,
    ]);
    if (raw === undefined || depth > 20) return undefined;
    const value = this.evaluatedList(raw, scopeOf(instance), depth + 1);
    if (value === undefined) return undefined;
    const documents: unknown[] = [];
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item === null || item === '') continue;
      if (typeof item === 'string') documents.push(item);
      else if (item instanceof SymbolicValue) {
        const document = jsonWithHoles(item);
        if (document === undefined) return undefined;
        documents.push(document);
        // A document written with `jsonencode` (the caller's `policy = jsonencode({...})`): the document itself.
      } else if (typeof item === 'object' && !Array.isArray(item)) documents.push(item);
      else return undefined;
    }
    return documents;
  }

  /**
   * A list of documents evaluated from its text; again with each `jsonencode` as JSON text when the
   * documents themselves do not evaluate: a caller's `jsonencode({...})` around a value only apply
   * knows, given to `compact([..., var.policy])` (the terraform-aws-s3-bucket shape), is text to
   * `compact`, which refuses an object. `undefined` when neither evaluates.
   */
  private evaluatedList(raw: unknown, scope: Scope, depth: number): unknown {
    for (const asText of [false, true]) {
      const previous = this.encodingAsText;
      this.encodingAsText = asText;
      try {
        return this.evaluateRaw(raw, scope, depth);
      } catch (error) {
        if (!(error instanceof UnsupportedHcl)) throw error;
      } finally {
        this.encodingAsText = previous;
      }
    }
    return undefined;
  }

  /** Documents of `source_policy_documents` / `override_policy_documents` (or the older single `*_json`). */
  private documentList(
    instance: Instance,
    attribute: string,
    depth: number,
  ): { ok: true; documents: unknown[] } | { ok: false; reason: string } {
    const raw = instance.values[attribute];
    const marker = unknownAt(instance.unknown, [attribute]);
    const expression = expressionAt(instance.config?.expressions, [attribute]);
    const items: unknown[] = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? [...(raw as unknown[])] : [];
    const documents: unknown[] = [];
    const unknownIndexes =
      marker === true
        ? null
        : Array.isArray(marker)
          ? marker.map((m, i) => (m === true ? i : -1)).filter((i) => i >= 0)
          : [];
    if (unknownIndexes === null || unknownIndexes.length > 0) {
      // The text of the list, evaluated: every entry it holds (`concat([data.d.json], var.docs)`),
      // the known ones included, which a plan's references do not name.
      const written = this.documentsFromSource(instance, attribute, depth);
      if (written !== undefined) return { ok: true, documents: written };
      // Unknown entries are other documents of the plan: rebuild each one it names.
      const named = meaningfulReferences(expression?.references ?? []);
      const refs = named.map(parseReference).filter(isPolicyDocumentRef);
      // With no document data source named, the documents may still come through a variable or
      // module output (`source_policy_documents = var.policy_documents`), chased below.
      if (named.length === 0)
        return { ok: false, reason: `\`${instance.address}.${attribute}\` is known only after apply` };
      const pair = (expression?.references ?? []).some((r) => PAIRING.has(r)) ? instance.key : undefined;
      const isKnownItem = (item: unknown, i: number): item is string =>
        !(unknownIndexes ?? []).includes(i) && typeof item === 'string' && item !== '';
      // A document read at plan time is a known entry of the list already (`[data.a.json,
      // data.b.json]` with only `a` read at apply): taken there, in the order the references give.
      const taken = new Set<number>();
      for (const ref of refs) {
        const target = this.index.pick(instance.moduleAddress, 'data', ref.type, ref.name, ref.key, pair);
        if (target === undefined || depth > 20)
          return { ok: false, reason: `cannot rebuild \`${instance.address}.${attribute}\`` };
        const texts = [target.values['json'], target.values['minified_json']];
        const at = items.findIndex((item, i) => !taken.has(i) && isKnownItem(item, i) && texts.includes(item));
        if (at >= 0) {
          taken.add(at);
          documents.push(items[at]);
          continue;
        }
        const result = this.policyDocumentOf(target, depth + 1);
        if (!result.ok) return result;
        documents.push(result.document);
      }
      const known = items.filter(isKnownItem);
      documents.push(...items.filter((item, i): item is string => !taken.has(i) && isKnownItem(item, i)));
      // `compact([data.d.json, var.policy])`: the other entries (a variable or output holding a document)
      // are dropped from the plan with the unknown ones; a statement they add is not dropped silently.
      const scope: Scope = { moduleAddress: instance.moduleAddress, key: pair };
      for (const text of named) {
        const ref = parseReference(text);
        if (isPolicyDocumentRef(ref)) continue;
        const more = this.referencedDocuments(ref, text, scope, `${instance.address}.${attribute}`, depth + 1);
        if (!more.ok) return more;
        for (const document of more.documents) if (!known.includes(document as string)) documents.push(document);
      }
      return { ok: true, documents };
    }
    for (const item of items) if (typeof item === 'string' && item !== '') documents.push(item);
    return { ok: true, documents };
  }
}

/**
 * The configuration expression of an argument inside nested blocks (`statement[1].principals[0].identifiers`),
 * `blocks` being the planned blocks. The configuration leaves `dynamic` blocks out, so the n-th
 * planned block is the n-th configured one only when both lists have the same length; else a
 * planned block is paired with the one configured block of the same constant `sid`, if any.
 */
function blockExpressionAt(
  expressions: Expressions | undefined,
  blocks: readonly unknown[],
  path: readonly (string | number)[],
): Expression | undefined {
  let configured: unknown = expressions;
  let planned: unknown = { [String(path[0])]: blocks };
  for (const step of path) {
    if (configured === null || typeof configured !== 'object' || planned === null || typeof planned !== 'object')
      return undefined;
    if (typeof step === 'number') {
      const configuredList = Array.isArray(configured) ? (configured as unknown[]) : [];
      const plannedList = Array.isArray(planned) ? (planned as unknown[]) : [];
      let index: number | undefined = configuredList.length === plannedList.length ? step : undefined;
      const sid = (plannedList[step] as { sid?: unknown } | undefined)?.sid;
      if (index === undefined && typeof sid === 'string' && sid !== '') {
        const same = configuredList.flatMap((block, i) =>
          (block as { sid?: { constant_value?: unknown } } | null)?.sid?.constant_value === sid ? [i] : [],
        );
        if (same.length === 1) index = same[0];
      }
      if (index === undefined) return undefined;
      configured = configuredList[index];
      planned = plannedList[step];
    } else {
      configured = (configured as Record<string, unknown>)[step];
      planned = (planned as Record<string, unknown>)[step];
    }
  }
  if (configured === null || typeof configured !== 'object' || Array.isArray(configured)) return undefined;
  return configured;
}

/** `aws_x.y.condition[0].value`: an attribute path of a resource as Terraform writes it. */
export function attributeLabel(address: string, path: readonly (string | number)[]): string {
  return `${address}${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
}

/** `data.x.y.statement[0].condition[1].values`: a path below a policy document's statements. */
function statementLabel(address: string, path: readonly (string | number)[]): string {
  return attributeLabel(address, ['statement', ...path]);
}

/**
 * The value of one unknown list element: its reference when the references pair one to one with
 * the unknown elements (or the first of them with the only reference), else one hole. Where a
 * template around the reference is common (`templated`: resources, `"${aws_s3_bucket.b.arn}/*"`),
 * the plan does not tell one from the other: the element is the reference and a rest that may be
 * empty, so that neither reading is taken for the other. Elements after the first of one
 * reference are that reference and a rest in any case.
 */
function unknownElement(
  targets: readonly PolicyValue[],
  unknownCount: number,
  position: number,
  label: string,
  templated: boolean,
): PolicyValue {
  const paired = targets.length === unknownCount ? targets[position] : undefined;
  const only = targets.length === 1 ? targets[0] : undefined;
  const base = paired ?? only;
  if (base === undefined) return hole(label, label);
  if (!templated && (paired !== undefined || position === 0)) return base;
  return new SymbolicValue([
    ...(typeof base === 'string' ? [base] : base.parts),
    { id: label, source: `whatever ${label} adds after it, if anything`, anyText: true },
  ]);
}

const POLICY_ATTRIBUTES = new Set([
  'policy',
  'json',
  'minified_json',
  'assume_role_policy',
  'access_policy',
  'access_policies',
  'policy_document',
]);

function statementsOf(document: unknown): Record<string, unknown>[] {
  let value = document;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  const statement = (value as { Statement?: unknown } | null)?.Statement;
  if (Array.isArray(statement)) return statement as Record<string, unknown>[];
  return statement !== null && typeof statement === 'object' ? [statement as Record<string, unknown>] : [];
}

/** Statements of `next` replace those of `base` with the same non-empty Sid; the others are appended. */
function overlay(base: Record<string, unknown>[], next: Record<string, unknown>[]): Record<string, unknown>[] {
  const result = [...base];
  for (const statement of next) {
    const sid = statement['Sid'];
    const at = typeof sid === 'string' && sid !== '' ? result.findIndex((s) => s['Sid'] === sid) : -1;
    if (at >= 0) result[at] = statement;
    else result.push(statement);
  }
  return result;
}

/**
 * The document a JSON text with holes stands for: each hole inside a JSON string stays a hole of
 * that string. `undefined` when the text is no JSON object or a hole is outside a string.
 */
export function jsonWithHoles(text: SymbolicValue): unknown {
  const holes: Hole[] = [];
  // Private-use characters mark the holes: JSON keeps them in strings as they are.
  const marked = text.parts
    .map((part) => (typeof part === 'string' ? part : `\uE000${holes.push(part) - 1}\uE001`))
    .join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(marked);
  } catch {
    return undefined;
  }
  let outside = false;
  const restore = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('\uE000')) return node;
      const parts: (string | Hole)[] = [];
      for (const [i, piece] of node.split(/\uE000(\d+)\uE001/).entries()) {
        const hole = i % 2 === 1 ? holes[Number(piece)] : undefined;
        if (i % 2 === 0) parts.push(piece);
        else if (hole !== undefined) parts.push(hole);
      }
      return toValue(parts);
    }
    if (Array.isArray(node)) return node.map(restore);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key.includes('\uE000')) outside = true;
        out[key] = restore(value);
      }
      return out;
    }
    return node;
  };
  const document = restore(parsed);
  if (outside || document === null || typeof document !== 'object' || Array.isArray(document)) return undefined;
  return document;
}

/**
 * The text of a JSON document with holes that no value of the holes can make valid (a trailing
 * comma in a heredoc around an ARN), each hole shown as `${...}`: the policy parser reports where
 * the JSON breaks, as it does for the same text without a hole. `undefined` when the text parses,
 * or when a hole stands outside a JSON string (`"Resource": ${jsonencode(var.arns)}`), where
 * only its value tells.
 */
function invalidJsonWithHoles(text: SymbolicValue): string | undefined {
  let inString = false;
  let escaped = false;
  let shown = '';
  for (const part of text.parts) {
    if (typeof part !== 'string') {
      if (!inString) return undefined;
      // Characters a JSON string takes as they are: the hole changes no token around it.
      const label = part.source.replace(/["\\\u0000-\u001f]/g, '');
      shown += `\${${label}}`;
      escaped = false;
      continue;
    }
    for (const char of part) {
      if (escaped) escaped = false;
      else if (inString && char === '\\') escaped = true;
      else if (char === '"') inString = !inString;
    }
    shown += part;
  }
  try {
    JSON.parse(shown);
    return undefined;
  } catch {
    return shown;
  }
}

/**
 * A rebuilt document as the JSON text a document data source renders (`json`), its symbolic
 * values as holes inside the strings: what `replace()` and the like work on. {@link jsonWithHoles}
 * reads it back.
 */
function documentText(document: unknown): PolicyValue {
  if (typeof document === 'string') return document;
  const holes: Hole[] = [];
  const text = JSON.stringify(
    document,
    (_key, value: unknown) =>
      value instanceof SymbolicValue
        ? value.parts.map((part) => (typeof part === 'string' ? part : `\uE000${holes.push(part) - 1}\uE001`)).join('')
        : value,
    2,
  );
  const parts: (string | Hole)[] = [];
  text.split(/\uE000(\d+)\uE001/).forEach((piece, i) => {
    const found = i % 2 === 1 ? holes[Number(piece)] : undefined;
    if (i % 2 === 0) parts.push(piece);
    else if (found !== undefined) parts.push(found);
  });
  return toValue(parts);
}

/** A value an argument of type string holds as text: Terraform converts numbers and booleans. */
function isText(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A condition key around an issuer only apply knows (`"${local.issuer}:sub"`) as the policy model
 * holds keys, text with each hole shown by its provenance (as cdk-guard writes them), when what
 * follows its last hole names the claim (`:sub`); `undefined` for a key whose name is unknown.
 */
function keyText(key: SymbolicValue): string | undefined {
  const last = key.parts[key.parts.length - 1];
  return typeof last === 'string' && /:[^:]+$/.test(last) ? key.toString() : undefined;
}

/** A URL without its `https://` scheme, whether the rest of it is known or not. */
function withoutScheme(value: PolicyValue): PolicyValue {
  if (typeof value === 'string') return value.replace(/^https:\/\//, '');
  const [first, ...rest] = value.parts;
  return typeof first === 'string' ? toValue([first.replace(/^https:\/\//, ''), ...rest]) : value;
}

/** The steps of a resource reference after its instance: `identity`, 0, `oidc`, 0, `issuer`. */
function attributePath(text: string, reference: Extract<Reference, { kind: 'resource' }>): (string | number)[] {
  const steps = stepsOf(text).slice(reference.mode === 'data' ? 2 : 1);
  return reference.key === undefined ? steps : steps.slice(1);
}

/** A hole standing for one value known only after apply. */
/**
 * The AWS managed policy an ARN names: by the ARN, or, when only its partition is known after apply
 * (`arn:${data.aws_partition.current.partition}:iam::aws:policy/X` without a provider region), by
 * its name, an AWS managed policy granting the same in each partition.
 */
function managedPolicyOf(arn: PolicyValue): ReturnType<typeof getManagedPolicy> {
  if (typeof arn === 'string') return getManagedPolicy(arn);
  const [start, partition, rest, ...more] = arn.parts;
  if (start !== 'arn:' || typeof partition === 'string' || typeof rest !== 'string' || more.length > 0)
    return undefined;
  return rest.startsWith(':iam::aws:policy/') ? getManagedPolicy(`arn:aws${rest}`) : undefined;
}

export function hole(id: string, source: string): SymbolicValue {
  return new SymbolicValue([{ id, source }]);
}

function toValue(parts: readonly (string | Hole)[]): PolicyValue {
  const value = new SymbolicValue(parts);
  if (value.parts.length === 0) return '';
  return value.parts.every((p) => typeof p === 'string') ? value.parts.join('') : value;
}

/** A pairing made from a plan's references alone (`x[count.index].name` and `x[count.index + 1].name` read alike). */
export interface PlanPairing {
  /** The configuration module (`api.db`) of the block whose attribute paired. */
  readonly configPath: string;
  /** That block's local address (`aws_iam_role_policy_attachment.a`, `data.x.y`); `undefined` for no block. */
  readonly block: string | undefined;
  readonly path: readonly (string | number)[];
  /** What was picked an instance of: `aws_iam_role.r`, `module.r`. */
  readonly base: string;
  /** The instance key the references paired by (`count.index`, `each.key`), when one. */
  readonly by: string | undefined;
  /**
   * A module output read as the policy document: beside the .tf files the module's own text
   * rebuilds it (a bucket the plan leaves out), so no text confirms it without them parsed.
   */
  readonly document: boolean;
}

/**
 * Whether the attribute text `source` reads `base` exactly as a plan-only pairing of an instance
 * took it: at the key `by` alone (`x[count.index].name`, `lower(x[count.index].name)`), never past
 * its last instance (`element`). Anything else, and a document, needs the .tf files parsed.
 */
export function textConfirmsPairing(source: string, pairing: PlanPairing): boolean {
  if (pairing.document) return false;
  const node = parseHclAttributeIfSupported(source);
  const sites = node === undefined || pairing.by === undefined ? undefined : indexSitesOf(pairing.base, node);
  return (
    sites !== undefined &&
    sites.length > 0 &&
    sites.every(
      (site) =>
        site.key.kind === 'reference' && site.key.text === pairing.by && !site.wraps && site.step === sites[0]?.step,
    )
  );
}

/** Where `node` reads one element of `base`: the key's expression, the attribute read after it, whether it wraps. */
interface IndexSite {
  readonly key: HclNode;
  readonly step: string | undefined;
  readonly wraps: boolean;
  /** The site is the whole expression (`x[K].out`), not inside a function or template. */
  readonly whole: boolean;
}

/**
 * Every place `node` reads one element of `base` (see `keyInSource`); `undefined` when it reads
 * `base` in any other way too, a whole list of it or a step the sites do not name.
 */
function indexSitesOf(base: string, node: HclNode): IndexSite[] | undefined {
  const sites: IndexSite[] = [];
  let other = false;
  const depth = stepsOf(base).length;
  const named = (n: HclNode | undefined): string | undefined =>
    n?.kind === 'literal' && typeof n.value === 'string' ? n.value : undefined;
  // `x[*].name` or `x.*.name`: the attribute each element gives.
  const splatOfBase = (n: HclNode): string | undefined =>
    n.kind === 'splat' && n.target.kind === 'reference' && n.target.text === base && n.steps.length === 1
      ? typeof n.steps[0] === 'string'
        ? n.steps[0]
        : undefined
      : undefined;
  const visit = (n: HclNode, parent: HclNode | undefined): void => {
    if (n.kind === 'index' && n.target.kind === 'reference' && n.target.text === base) {
      const after = parent?.kind === 'index' && parent.target === n ? named(parent.key) : undefined;
      sites.push({ key: n.key, step: after, wraps: false, whole: (after === undefined ? n : parent) === node });
      visit(n.key, n);
      return;
    }
    if (n.kind === 'index' && splatOfBase(n.target) !== undefined) {
      sites.push({ key: n.key, step: splatOfBase(n.target), wraps: false, whole: n === node });
      visit(n.key, n);
      return;
    }
    const [list, at] = n.kind === 'call' && n.name === 'element' && n.args.length === 2 ? n.args : [];
    if (list !== undefined && at !== undefined && splatOfBase(list) !== undefined) {
      sites.push({ key: at, step: splatOfBase(list), wraps: true, whole: n === node });
      visit(at, n);
      return;
    }
    if (n.kind === 'reference' && (n.text === base || n.text.startsWith(`${base}.`) || n.text.startsWith(`${base}[`))) {
      // `x[0].name`, written with its key: a site with that key; `x` or `x.name` whole: no one element.
      const [key, step] = stepsOf(n.text).slice(depth);
      if (key === undefined) other = true;
      else
        sites.push({
          key: { kind: 'literal', value: key },
          step: typeof step === 'string' ? step : undefined,
          wraps: false,
          whole: n === node,
        });
      return;
    }
    for (const child of childrenOf(n)) visit(child, n);
  };
  visit(node, undefined);
  return other ? undefined : sites;
}

/**
 * The key a site of the text reads: `element(x[*].name, K)` past the last of `count` instances
 * starts again from the first, as for a resource so for a module's instances.
 */
function wrappedKey(site: { key: unknown; wraps?: boolean } | undefined, count: number): unknown {
  const key = site?.key;
  // `count.index` reads as text in the .tf evaluation.
  const at = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
  return site?.wraps === true && typeof at === 'number' && Number.isInteger(at) && at >= 0 && count > 0
    ? at % count
    : key;
}

/** An instance key as the plan writes it: counted instances have numbers (`count.index` reads as text in the .tf evaluation). */
function instanceKey(key: unknown, counted: boolean): string | number | undefined {
  if (typeof key === 'number') return key;
  if (typeof key !== 'string') return undefined;
  return counted && /^\d+$/.test(key) ? Number(key) : key;
}

/** The configuration path (`api.db`) of a module instance address (`module.api["x"].module.db`). */
function configPathOf(moduleAddress: string): string {
  return parseModuleAddress(moduleAddress)
    .map((s) => s.name)
    .join('.');
}

/**
 * The declared block (`mode.type.name`) a reference to the undeclared `id` most likely meant: the
 * same type and name in the other mode (`data.` left out or added), else the one nearest in spelling
 * of the same mode, a few edits away at most.
 */
function closestBlock(id: string, declared: readonly string[]): string | undefined {
  const [mode, ...rest] = id.split('.');
  const other = `${mode === 'data' ? 'managed' : 'data'}.${rest.join('.')}`;
  if (declared.includes(other)) return other;
  let best: { id: string; distance: number } | undefined;
  for (const candidate of declared) {
    if (!candidate.startsWith(`${mode ?? ''}.`)) continue;
    const distance = editDistance(id, candidate);
    if (distance <= Math.max(2, Math.floor(id.length / 10)) && (best === undefined || distance < best.distance))
      best = { id: candidate, distance };
  }
  return best?.id;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** An expression as a one-line excerpt for a message. */
function shorten(source: string): string {
  const text = source
    .replace(/^\$\{([\s\S]*)\}$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The `region` argument of a resource when the plan shows it (AWS provider 6), else `undefined`. */
function ownRegion(instance: Instance): string | undefined {
  const value = instance.values['region'];
  return typeof value === 'string' && value !== '' && unknownAt(instance.unknown, ['region']) !== true
    ? value
    : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** A reference to `each.value` or into it (`each.value.policy_arn`, `each.value["k"]`). */
function isEachValue(reference: string): boolean {
  return reference === 'each.value' || reference.startsWith('each.value.') || reference.startsWith('each.value[');
}

/**
 * The collection that references naming its elements one by one stand for (`aws_iam_role.r["a"]`,
 * `aws_iam_role.r["b"]`; `module.m.arns.a`, `module.m.arns.b`, as the text's references list a
 * `for_each` read whole), when one of them is the element `key`; `undefined` otherwise.
 */
function collectionOf(references: readonly string[], key: string | number): string | undefined {
  if (references.length < 2) return undefined;
  const [first = ''] = references;
  const root = rootOf(first);
  const paths = references.map((r) => (rootOf(r) === root ? stepsOf(r) : []));
  const prefix = paths[0]?.slice(0, -1) ?? [];
  const sameCollection = paths.every(
    (steps) => steps.length === prefix.length + 1 && prefix.every((step, i) => steps[i] === step),
  );
  if (prefix.length === 0 || !sameCollection || !paths.some((steps) => steps[prefix.length] === key)) return undefined;
  return `${root}${prefix.map((step) => (typeof step === 'number' ? `[${String(step)}]` : /^[A-Za-z_][\w-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`)).join('')}`;
}

/**
 * The provider configurations the plan says `instance` is planned with: its
 * `provider_config_keys` when it lists any (an empty list says nothing), else its one
 * `provider_config_key`, else the default `aws`.
 */
function providerConfigKeys(instance: Instance): readonly string[] {
  const listed = instance.config?.provider_config_keys;
  return listed !== undefined && listed.length > 0 ? listed : [instance.config?.provider_config_key ?? 'aws'];
}
