/**
 * CloudFormation stacks -> `ScanInput`: the roles, users and groups with their policies, boundary
 * and trust policy, the resource policies, and standalone managed policies, each with its stack,
 * logical id and construct path. Extraction only: no rule logic here.
 */
import { createHash } from 'node:crypto';
import {
  SymbolicValue,
  aclPolicy,
  cannedAclGrants,
  canonicalJson,
  choiceConditions,
  bothChoices,
  conditionChoice,
  escapePointerToken,
  mergedChoices,
  sideKey,
  parseJsonText,
  sharePrincipal,
  collectionAccessProblem,
  collectionAccessStatements,
  notAPolicyDocument,
  partitionOfRegion,
} from '@iamgate/core';
import type {
  ChoiceSide,
  DeployChoice,
  DuplicateKey,
  AclGrant,
  AttachedPolicy,
  Hole,
  IdentityProviderInput,
  InputError,
  PolicySource,
  PolicyValue,
  PrincipalInput,
  PrincipalKind,
  ResourceInput,
  ScanInput,
  SourceLocation,
  StandalonePolicyInput,
  WorkloadInput,
} from '@iamgate/core';
import { ACCOUNT_HOLE, Resolver } from '../resolve/intrinsics';
import type { StackView } from '../resolve/intrinsics';
import { RESOURCE_SHAPES } from '../resolve/resource-shapes';
import {
  Branches,
  NO_VALUE,
  UnknownList,
  alternatives,
  asText,
  concat,
  deployChoices,
  hasBranches,
  holeText,
  ifArguments,
  isNoValueRef,
  isRecord,
  ownEntry,
} from '../resolve/values';
import type { Resolved } from '../resolve/values';
import {
  expandExecuteApiShorthand,
  withAccountRootArns,
  withImpliedResource,
  withPatternPrefixes,
} from './stored-form';
import { describeChoices, eitherChoice, policyDocument, principalChoices } from './policy-document';
import { parseJsonText as parseJsonTextWithHoles } from '../resolve/json-text';
import { INVALID_POLICY, REJECTED_POLICIES, SAM_TEMPLATE, UNKNOWN_TEMPLATE } from './serverless';
import type { RejectedPolicy, SamTemplateUse } from './serverless';
import { samArgumentProblems } from './sam-template-arguments';
import { REJECTED_CONNECTOR, UNMODELLED_CONNECTOR } from './serverless-connectors';
import type { RejectedConnector } from './serverless-connectors';
import { DEFINITION_ELSEWHERE, IGNORED_EVENT_POLICIES, definitionElsewhere } from './serverless-api';
import type { DocumentResult } from './policy-document';
import { RESOURCE_POLICY_KINDS, isPolicyResource } from './resource-policies';
import type { ResourcePolicyKind } from './resource-policies';
import { resourceId } from './stack-source';
import type { SourceResource, StackSource } from './stack-source';
import { readSuppressions } from './suppressions';
import { transformedFrom } from '../template/includes';
import { writtenTwice } from '../template/duplicate-keys';
import { PRECREATED, PRECREATED_ROLE } from '../template/precreated-roles';
import { WORKLOAD_TYPES, workloadsOf } from './workloads';
import type { InlineSuppression } from './suppressions';

/** Where an export is defined: its stack and its (unresolved) value. */
interface ExportDefinition {
  readonly stack: StackSource;
  readonly value: unknown;
}

/**
 * A value of another stack: a CloudFormation export (`Fn::ImportValue`), the SSM parameter a CDK
 * cross-region writer fills (`Custom::CrossRegionExportReader`), or an output read directly
 * (`Fn::GetStackOutput`, CDK's weak references).
 */
export type CrossStackRef =
  | { readonly kind: 'export' | 'region'; readonly name: string }
  | {
      readonly kind: 'output';
      readonly stackName: string;
      readonly outputName: string;
      readonly region?: string;
      /** The consuming stack's account: without `RoleArn`, the output is read in that account. */
      readonly account?: string;
    };

/** The custom resource that writes a stack's cross-region references to SSM parameters in the consuming region. */
export const CROSS_REGION_WRITER = 'Custom::CrossRegionExportWriter';

/** Options of an extraction. */
export interface ExtractOptions {
  /** `AWS::Partition` before deploy; `aws` unless told otherwise. */
  readonly partition?: string;
  /**
   * Values of stacks outside the extracted ones (the other stacks of a CDK app); the `Outputs` and
   * cross-region writers of the extracted stacks are always used.
   */
  readonly exports?: (ref: CrossStackRef) => ExportDefinition | undefined;
}

const PRINCIPAL_TYPES: Readonly<Record<string, PrincipalKind>> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
};

/** Resource types whose location a finding or an input error may name. */
const REPORTED_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(PRINCIPAL_TYPES),
  ...Object.keys(RESOURCE_POLICY_KINDS),
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::AccessKey',
  'AWS::IAM::UserToGroupAddition',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::SAMLProvider',
  'AWS::SSO::PermissionSet',
  'AWS::Organizations::Policy',
  'Custom::AWSCDKOpenIdConnectProvider',
  'AWS::Serverless::Connector',
  // Grants made of properties, not of a policy document: their findings and input errors name them.
  'AWS::RAM::ResourceShare',
  'AWS::LicenseManager::Grant',
  'AWS::Redshift::EndpointAuthorization',
  'AWS::OpenSearchServerless::AccessPolicy',
  // Deploys a template that is not in the input.
  'AWS::ServiceCatalog::CloudFormationProvisionedProduct',
  // Its canned ACL (`AccessControl`) may make it public.
  'AWS::S3::Bucket',
  // A path through it names it.
  ...WORKLOAD_TYPES,
]);

/** Whether a finding or an input error may name a resource of this type (a custom resource's SDK call may set a policy). */
export function isReportedType(type: string): boolean {
  return REPORTED_TYPES.has(type) || isCustomResourceType(type) || type.endsWith('::MODULE');
}

function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

interface MutablePrincipal {
  id: string;
  kind: PrincipalKind;
  name: PolicyValue | undefined;
  path: string | undefined;
  arn: PolicyValue | undefined;
  account?: string;
  /** The stack's Region, when its environment names one: the partition a policy naming none is read in. */
  region?: string;
  policies: AttachedPolicy[];
  permissionsBoundary?: { arn: PolicyValue; policy?: PolicySource };
  /** Created outside the deploy (a role of the IAM policy report): its boundary is not known. */
  existing?: boolean;
  trustPolicy?: PolicySource;
  tags: Record<string, PolicyValue>;
  credentials?: { kind: 'access-key' | 'login-profile'; location: SourceLocation }[];
  members?: string[];
  location: SourceLocation;
  /** Group names the user declares in its own `Groups` property. */
  groupRefs: Resolved[];
}

interface ManagedPolicyEntry {
  readonly arn: PolicyValue;
  readonly source: PolicySource | undefined;
  used: boolean;
  /** Used as a permissions boundary: not a grant of its own. */
  boundary?: boolean;
}

/**
 * A customer managed policy a principal attaches by ARN that its stack does not define (an
 * organization's policy, `ManagedPolicy.fromManagedPolicyName`): unless another stack of the
 * assembly defines it, it is an unresolved policy at the principal, never a silent pass.
 */
interface OutsidePolicy {
  readonly policies: AttachedPolicy[];
  readonly at: number;
  readonly arn: PolicyValue;
  readonly source: PolicySource;
}

/** Whether two managed policy ARNs can name the same policy (an account id matches the stack's own). */
function sameArn(defined: PolicyValue, arn: PolicyValue): boolean {
  if (typeof defined === 'string') return typeof arn === 'string' ? defined === arn : sameManagedPolicy(arn, defined);
  return sameManagedPolicy(defined, arn);
}

/** Extracts every stack; stacks are independent except for group membership by name. */
export function extractStacks(stacks: readonly StackSource[], options: ExtractOptions = {}): ScanInput {
  const principals: PrincipalInput[] = [];
  const identityProviders: IdentityProviderInput[] = [];
  const resources: ResourceInput[] = [];
  const policies: StandalonePolicyInput[] = [];
  const errors: InputError[] = [];
  const suppressions: InlineSuppression[] = [];
  const workloads: WorkloadInput[] = [];
  const imports = new ImportResolver(stacks, options.partition ?? 'aws', options.exports);
  const managedArns: PolicyValue[] = [];
  const outside: OutsidePolicy[] = [];
  for (const stack of stacks) {
    const out = new StackExtractor(stack, imports).run();
    managedArns.push(...out.managedArns);
    outside.push(...out.outside);
    principals.push(...out.principals);
    // The stack's account owns its resources: the one place that knows it for a bucket.
    const account = stack.account;
    resources.push(...(account === undefined ? out.resources : out.resources.map((r) => ({ ...r, account }))));
    policies.push(...out.policies);
    errors.push(...out.errors);
    suppressions.push(...out.suppressions);
    identityProviders.push(...out.identityProviders);
    workloads.push(...out.workloads);
  }
  // A policy another stack of the assembly defines is checked there; any other is not checked at all.
  for (const { policies: attached, at, arn, source } of outside) {
    const attachment = attached[at];
    if (attachment !== undefined && !managedArns.some((defined) => sameArn(defined, arn)))
      attached[at] = { ...attachment, policy: source };
  }
  return {
    principals,
    resources,
    policies,
    errors,
    identityProviders,
    suppressions: suppressions.map(({ target, location, ...spec }) => ({
      ...spec,
      target: escapeGlob(target),
      source: `metadata: ${location.constructPath ?? location.logicalId ?? target}`,
    })),
    ...(workloads.length > 0 ? { workloads } : {}),
  };
}

class StackExtractor {
  private readonly resolver: Resolver;
  private readonly key: string;
  private readonly principals = new Map<string, MutablePrincipal>();
  private readonly managed = new Map<string, ManagedPolicyEntry>();
  /** Attachments of customer managed policies the stack does not define (see `OutsidePolicy`). */
  private readonly outside: { policies: AttachedPolicy[]; at: number; arn: PolicyValue; resource: SourceResource }[] =
    [];
  private readonly resources: ResourceInput[] = [];
  private readonly policies: StandalonePolicyInput[] = [];
  private readonly errors: InputError[] = [];
  private readonly suppressions: InlineSuppression[] = [];
  private readonly identityProviders: IdentityProviderInput[] = [];
  private readonly workloads: WorkloadInput[] = [];
  /** The resources created only when a condition decided at deploy holds: that condition, by logical id. */
  private readonly createdWhen = new Map<string, string>();

  constructor(
    private readonly stack: StackSource,
    imports: ImportResolver,
  ) {
    this.key = stackKey(stack);
    this.resolver = imports.resolverFor(stack);
  }

  run(): {
    principals: PrincipalInput[];
    resources: ResourceInput[];
    policies: StandalonePolicyInput[];
    errors: InputError[];
    suppressions: InlineSuppression[];
    identityProviders: IdentityProviderInput[];
    workloads: WorkloadInput[];
    managedArns: PolicyValue[];
    outside: OutsidePolicy[];
  } {
    // A resource whose `Condition` the template decides false (`!Equals [!Ref AWS::Partition, aws-cn]`,
    // a value a parent stack passes) is never created: nothing of it is checked.
    this.samRejections();
    const created = [...this.stack.resources.values()].filter((resource) => {
      if (resource.condition === undefined) return true;
      const decided = this.decide(resource.condition);
      if (decided === undefined) this.createdWhen.set(resource.logicalId, resource.condition);
      return decided !== false;
    });
    // Pass 1: principals and managed policies (others refer to them). Pass 2: what attaches.
    for (const resource of created) {
      this.collectSuppressions(resource);
      const kind = ownEntry(PRINCIPAL_TYPES, resource.type);
      if (kind !== undefined) {
        this.guard(resource, () => {
          this.principal(resource, kind);
        });
      } else if (resource.type === 'AWS::IAM::ManagedPolicy') {
        this.guard(resource, () => {
          this.managedPolicy(resource);
        });
      } else if (resource.type === 'AWS::SSO::PermissionSet') {
        this.guard(resource, () => {
          this.permissionSet(resource);
        });
      }
    }
    for (const resource of created) {
      this.guard(resource, () => {
        this.attachments(resource);
      });
    }
    this.linkPrincipals();
    // Resources that run with a role of the stack, or one it names by ARN (see workloads.ts).
    for (const resource of created) {
      this.guard(resource, () => {
        const created = this.createdWhen.get(resource.logicalId);
        const when = created === undefined ? undefined : conditionChoice(created, true);
        for (const workload of workloadsOf(resource, this.workloadContext)) {
          const deployedWhen = bothChoices(when, workload.deployedWhen);
          this.workloads.push(deployedWhen === undefined ? workload : { ...workload, deployedWhen });
        }
      });
    }
    for (const entry of this.managed.values()) {
      if (!entry.used && !entry.boundary && entry.source !== undefined)
        this.policies.push({ policy: entry.source, type: 'identity', arn: entry.arn });
    }
    this.unscannedNestedStacks();
    this.unreadTransforms();
    this.unreadMacros();
    const principals = [...this.principals.values()].map((p): PrincipalInput => withoutKey(p, 'groupRefs'));
    return {
      managedArns: [...this.managed.values()].map((entry) => entry.arn),
      outside: this.outside.map(({ policies, at, arn, resource }) => ({
        policies,
        at,
        arn,
        source: {
          id: `${this.idOf(resource)}#managed:${arn.toString()}`,
          name: arn.toString(),
          document: undefined,
          unresolved: {
            reason: 'it is a customer managed policy created outside the template, so what it grants is unknown',
            references: [arn.toString()],
          },
          location: this.location(resource),
        },
      })),
      principals,
      resources: this.resources,
      policies: this.policies,
      errors: this.errors,
      suppressions: this.suppressions,
      identityProviders: this.identityProviders,
      workloads: this.workloads,
    };
  }

  /** What sam-template-arguments.ts reads of this stack. */
  private readonly samArguments = {
    resolve: (raw: unknown): Resolved => this.resolver.resolve(raw),
    typeOf: (logicalId: string): string | undefined => this.stack.resources.get(logicalId)?.type,
  };

  /** What workloads.ts reads of this stack. */
  private readonly workloadContext = {
    text: (value: unknown, what: string): PolicyValue => this.text(value, what),
    resolve: (value: unknown): Resolved => this.resolver.resolve(value),
    resource: (logicalId: string): SourceResource | undefined => this.stack.resources.get(logicalId),
    roleAt: (logicalId: string): string | undefined => {
      const p = this.principals.get(logicalId);
      return p?.kind === 'role' ? p.id : undefined;
    },
    roleNamed: (raw: unknown): string | undefined => this.principalByName('role', raw)?.id,
    id: (resource: SourceResource): string => this.idOf(resource),
    location: (resource: SourceResource): SourceLocation => this.location(resource),
  };

  /**
   * What the SAM transform rejects in the roles and APIs it writes (a policy template without its
   * parameters, an intrinsic in an API's `SourceVpcWhitelist`) and in `Globals` (a function's
   * `Policies` or `Role` given there): the template does not deploy,
   * whatever its conditions decide. One error per place written (`Globals` apply to many APIs).
   */
  private samRejections(): void {
    for (const { pointer, message } of this.stack.refusedGlobals ?? [])
      this.errors.push({ file: this.stack.file ?? this.key, pointer, message });
    const said = new Set<string>();
    for (const resource of this.stack.resources.values()) {
      const rejected = resource.properties()[REJECTED_POLICIES];
      for (const { resource: owner, pointer, message } of Array.isArray(rejected)
        ? (rejected as RejectedPolicy[])
        : []) {
        if (said.has(pointer)) continue;
        said.add(pointer);
        this.errors.push({ file: this.stack.file ?? this.key, pointer, message: `resource \`${owner}\`: ${message}` });
      }
    }
  }

  /**
   * A macro in the template's `Transform` section rewrites the template at deploy and may add or
   * change IAM resources: what it makes is not checked, never a silent pass.
   */
  private unreadMacros(): void {
    for (const macro of this.stack.macros ?? []) {
      const reason = `the template's transform \`${macro}\` rewrites it at deploy; the IAM resources it adds or changes are not checked: scan the processed template (\`aws cloudformation get-template --template-stage Processed\`) too`;
      this.policies.push({
        policy: {
          id: `${this.key}#transform:${macro}`,
          name: macro,
          document: undefined,
          unresolved: { reason, references: [macro] },
          location: {
            ...(this.stack.file === undefined ? {} : { file: this.stack.file }),
            ...(this.stack.stackName === undefined ? {} : { stack: this.stack.stackName }),
            pointer: '/Transform',
          },
        },
        type: 'identity',
      });
    }
  }

  /**
   * Resources, or a resource's properties, inserted at deploy by an `Fn::Transform` whose output is
   * not in the input (an `AWS::Include` of a file in S3, a macro): any IAM they hold is not checked,
   * never a silent pass.
   */
  private unreadTransforms(): void {
    for (const { logicalId, pointer, from } of this.stack.unreadTransforms ?? []) {
      const what =
        logicalId === undefined
          ? 'resources of the template are'
          : pointer.endsWith('/Properties/Fn::Transform')
            ? `the properties of resource \`${logicalId}\` are`
            : `resource \`${logicalId}\` is`;
      const reason = `${what} given at deploy by ${from}, which is not in the input, so the IAM in it is not checked: scan the processed template (\`aws cloudformation get-template --template-stage Processed\`) too`;
      const resource = logicalId === undefined ? undefined : this.stack.resources.get(logicalId);
      this.policies.push({
        policy: {
          id: `${this.key}#transform:${pointer}`,
          name: logicalId ?? 'Fn::Transform',
          document: undefined,
          unresolved: { reason, references: [from] },
          location:
            resource === undefined
              ? {
                  ...(this.stack.file === undefined ? {} : { file: this.stack.file }),
                  ...(this.stack.stackName === undefined ? {} : { stack: this.stack.stackName }),
                  ...(logicalId === undefined ? {} : { logicalId }),
                  pointer,
                }
              : { ...this.location(resource), pointer },
        },
        type: 'identity',
      });
    }
  }

  /**
   * A Service Catalog product provisioned by the stack deploys the product's template, which is not
   * in the input and may create any IAM (with the product's launch role): not checked, never a silent pass.
   */
  private provisionedProduct(resource: SourceResource): void {
    const props = resource.properties();
    const named = (key: string): string | undefined => {
      if (props[key] === undefined) return undefined;
      const value = asText(this.resolver.resolve(props[key]));
      return value === undefined ? undefined : value.toString();
    };
    const versionName = named('ProvisioningArtifactName');
    const version = versionName ?? named('ProvisioningArtifactId');
    const own = this.productOfTemplate(props['ProductId'], versionName);
    const product = own?.name ?? named('ProductName') ?? named('ProductId');
    const urls = own?.urls ?? [];
    const template =
      urls.length === 0
        ? 'the template'
        : urls.length === 1
          ? `the template ${urls[0] ?? ''}`
          : `one of the templates ${urls.join(', ')}`;
    const shown = `${product === undefined ? 'a Service Catalog product named at deploy' : `Service Catalog product \`${product}\``}${version === undefined ? '' : ` (version \`${version}\`)`}`;
    this.deployedElsewhere(
      resource,
      `provisioned product \`${resource.logicalId}\` deploys ${template} of ${shown}, which is not in the input, so the IAM it creates is not checked: scan that template too`,
      [...urls, shown].join(' '),
    );
  }

  /**
   * A product this template defines (`ProductId: !Ref Product`), by its logical id and the
   * templates its versions load (`LoadTemplateFromURL`), rather than by a physical id known at
   * deploy: only the version named `version`, when one of them is.
   */
  private productOfTemplate(
    raw: unknown,
    version: string | undefined,
  ): { name: string; urls: readonly string[] } | undefined {
    const id = isRecord(raw) && Object.keys(raw).length === 1 ? raw['Ref'] : undefined;
    const product = typeof id === 'string' ? this.stack.resources.get(id) : undefined;
    if (product?.type !== 'AWS::ServiceCatalog::CloudFormationProduct') return undefined;
    const raws = product.properties()['ProvisioningArtifactParameters'];
    const versions = (Array.isArray(raws) ? raws : []).flatMap((entry: unknown) => {
      if (!isRecord(entry)) return [];
      const info = entry['Info'];
      const url = isRecord(info) ? asText(this.resolver.resolve(info['LoadTemplateFromURL'])) : undefined;
      const name = asText(this.resolver.resolve(entry['Name']));
      return [{ name: name === undefined ? undefined : name.toString(), url: url?.toString() }];
    });
    const chosen = versions.filter((v) => version !== undefined && v.name === version);
    const urls = (chosen.length > 0 ? chosen : versions).flatMap((v) => (v.url === undefined ? [] : [`\`${v.url}\``]));
    return { name: product.logicalId, urls };
  }

  /** IAM a resource makes from a template that is not in the input: one policy not checked, saying why. */
  private deployedElsewhere(resource: SourceResource, reason: string, reference: string): void {
    this.policies.push({
      policy: {
        id: `${this.idOf(resource)}#deployed-elsewhere`,
        name: resource.logicalId,
        document: undefined,
        unresolved: { reason, references: [reference] },
        location: this.location(resource),
      },
      type: 'identity',
    });
  }

  /** A nested stack whose template is not in the input may create any IAM: not checked, never a silent pass. */
  private unscannedNestedStacks(): void {
    for (const [logicalId, shown] of this.stack.unscannedNestedStacks ?? []) {
      const resource = this.stack.resources.get(logicalId);
      if (resource === undefined) continue;
      const what = resource.type === 'AWS::CloudFormation::StackSet' ? 'stack set' : 'nested stack';
      const reason = `the template of ${what} \`${logicalId}\` (${shown}) is not in the input, so the IAM it creates is not checked: scan that template too`;
      this.policies.push({
        policy: {
          id: `${this.idOf(resource)}#nested-template`,
          name: logicalId,
          document: undefined,
          unresolved: { reason, references: [shown] },
          location: this.location(resource),
        },
        type: 'identity',
      });
    }
  }

  // A resource the extractor cannot read becomes an input error; the other resources still count.
  private guard(resource: SourceResource, fn: () => void): void {
    try {
      this.resolver.whenCreated(resource.condition, fn);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.errors.push({
        file: this.stack.file ?? this.key,
        pointer: `/Resources/${escapePointerToken(resource.logicalId)}`,
        message: `cannot read \`${resource.type}\` \`${resource.logicalId}\`: ${(message.split('\n')[0] ?? '').slice(0, 200)}`,
      });
    }
  }

  private location(resource: SourceResource): SourceLocation {
    return {
      ...(this.stack.file === undefined ? {} : { file: this.stack.file }),
      ...(this.stack.stackName === undefined
        ? this.stack.nestingPath === undefined
          ? {}
          : { stack: this.stack.nestingPath }
        : { stack: this.stack.stackName }),
      logicalId: resource.logicalId,
      ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
      ...(this.stack.file === undefined || resource.line === undefined
        ? {}
        : { declared: { file: this.stack.file, line: resource.line } }),
    };
  }

  /** The id of a resource in findings: its construct path (without `/Resource`) or stack/logical id. */
  private idOf(resource: SourceResource): string {
    return resourceId(this.stack, resource);
  }

  private source(resource: SourceResource, raw: unknown, id: string, name: string, pointer: string): PolicySource {
    // Every caller reads a document CloudFormation requires: without it the template never deploys.
    if (raw === undefined) {
      const property = pointer.slice(pointer.lastIndexOf('/') + 1);
      this.inputError(resource, pointer, `\`${property}\` is required (the policy document)`);
      return this.unresolvedSource(resource, id, name, `\`${property}\` is missing`, true);
    }
    let resolved: Resolved;
    try {
      resolved = this.resolver.resolve(raw);
    } catch (err) {
      return this.sourceOf(
        resource,
        { ok: false, reason: err instanceof Error ? err.message : String(err) },
        id,
        name,
        pointer,
      );
    }
    return this.resolvedSource(resource, resolved, id, name, pointer, raw);
  }

  /** A policy that is not checked, and why; `inputError` when the reason is reported as an input error already. */
  private unresolvedSource(
    resource: SourceResource,
    id: string,
    name: string,
    reason: string,
    inputError = false,
  ): PolicySource {
    return {
      id,
      name,
      document: undefined,
      unresolved: { reason, references: [], ...(inputError ? { inputError: true as const } : {}) },
      location: this.location(resource),
    };
  }

  /** The policy source of a document already resolved (JSON text inside another JSON text). */
  private resolvedSource(
    resource: SourceResource,
    resolved: Resolved,
    id: string,
    name: string,
    pointer: string,
    raw?: unknown,
  ): PolicySource {
    let result: DocumentResult;
    try {
      result = policyDocument(resolved);
    } catch (err) {
      result = { ok: false as const, reason: err instanceof Error ? err.message : String(err) };
    }
    return this.sourceOf(resource, raw === undefined ? result : this.writtenPlaces(result, raw), id, name, pointer);
  }

  /**
   * `result` with its statements placed where `raw`, the document as written, writes them: through
   * the `Fn::If`s decided before deploy too, which resolve to one side and so leave no step.
   */
  private writtenPlaces(result: DocumentResult, raw: unknown): DocumentResult {
    if (!result.ok) return result;
    const statements = isRecord(result.document) ? result.document['Statement'] : undefined;
    const given =
      result.statementPointers ??
      (Array.isArray(statements) ? statements.map((_, i) => `/Statement/${String(i)}`) : ['/Statement']);
    const at = (pointer: string): string => this.resolver.writtenPointer(raw, pointer);
    const pointers = given.map((pointer) => (pointer === undefined ? undefined : at(pointer)));
    const moved = pointers.some((pointer, i) => pointer !== given[i]);
    return {
      ...result,
      ...(moved ? { statementPointers: pointers } : {}),
      ...(result.variantsApart === undefined
        ? {}
        : {
            variantsApart: result.variantsApart.map((v) => ({
              ...v,
              ...(v.pointer === undefined ? {} : { pointer: at(v.pointer) }),
              branch: at(v.branch),
            })),
          }),
    };
  }

  /**
   * The keys given twice in the document at `pointer` of the resource's properties, as written in
   * the template or in its JSON text, each as a pointer into the document handed to the engine
   * (none for a statement that is not there as written: a branch of `Fn::If`).
   */
  private duplicateKeys(
    resource: SourceResource,
    pointer: string,
    result: Extract<DocumentResult, { ok: true }>,
  ): { duplicateKeys?: readonly DuplicateKey[] } {
    let properties: Record<string, unknown>;
    try {
      properties = resource.properties();
    } catch {
      return {};
    }
    const written = writtenTwice(properties)
      .filter((d) => d.pointer.startsWith(`${pointer}/`))
      .map((d) => ({ pointer: d.pointer.slice(pointer.length), key: d.key }));
    const found = [...written, ...(result.duplicateKeys ?? [])].flatMap((d) => {
      const at = handedPointer(d.pointer, result.statementPointers);
      return at === undefined ? [] : [{ pointer: at, key: d.key }];
    });
    return found.length > 0 ? { duplicateKeys: found } : {};
  }

  /** The sides of the conditions `choices` name that a deploy may take together, when worked out. */
  private deployableSides(choices: readonly (DeployChoice | undefined)[] | undefined): {
    deployableSides?: readonly Readonly<Record<string, boolean>>[];
  } {
    const names = new Set((choices ?? []).flatMap(choiceConditions));
    const sides = names.size === 0 ? undefined : this.resolver.deployableSides([...names]);
    return sides === undefined ? {} : { deployableSides: sides };
  }

  private sourceOf(
    resource: SourceResource,
    read: DocumentResult,
    id: string,
    name: string,
    pointer: string,
  ): PolicySource {
    // A number, a list or a text of no object where the document belongs (`PolicyDocument: 42`)
    // makes the template invalid, as text that is no JSON does: an input error at the property.
    const wrong = read.ok && !(read.document instanceof SymbolicValue) ? notAPolicyDocument(read.document) : undefined;
    const result: DocumentResult = wrong === undefined ? read : { ok: false, reason: wrong };
    const location = this.location(resource);
    // A resource created only when its `Condition` holds: what its documents grant, on that side only.
    const created = this.createdWhen.get(resource.logicalId);
    const deployedWhen = created === undefined ? undefined : conditionChoice(created, true);
    const when = (choices: readonly (DeployChoice | undefined)[] | undefined): Partial<PolicySource> =>
      deployedWhen === undefined
        ? this.deployableSides(choices)
        : { deployedWhen, ...this.deployableSides([...(choices ?? []), deployedWhen]) };
    // A branch that cannot be read: its statements alone (one per side it is made on), so that it
    // is reported where written, once. Sides of a statement written at no one place (a branch of a
    // whole `Statement`) share the first's branch, so that their findings are one too.
    // Each is named by its text, not its rank, so that its findings keep their fingerprints when
    // the statements of the document are reordered (the same text written twice: numbered).
    const named = new Set<string>();
    for (const { statements, pointer, branch, choice } of result.ok ? (result.variantsApart ?? []) : []) {
      const at = pointer ?? branch;
      const text = JSON.stringify(statements, (_k, v: unknown) => (v instanceof SymbolicValue ? v.toString() : v));
      const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
      let apartId = `${id}#branch-apart-${digest}`;
      for (let n = 2; named.has(apartId); n++) apartId = `${id}#branch-apart-${digest}-${String(n)}`;
      named.add(apartId);
      this.policies.push({
        policy: {
          id: apartId,
          name,
          document: { Version: '2012-10-17', Statement: statements },
          location,
          statementPointers: statements.map(() => at),
          ...(choice === undefined ? {} : { statementChoices: statements.map(() => choice) }),
          ...when(choice === undefined ? undefined : [choice]),
        },
        type: undefined,
      });
    }
    // Part of the document not checked (a statement that may deploy in too many ways): an
    // `unverifiable` finding of its own, the rest checked.
    if (result.ok && result.unchecked !== undefined)
      this.policies.push({
        policy: {
          id: `${id}#unchecked`,
          name,
          document: undefined,
          unresolved: { reason: result.unchecked, references: [] },
          location,
          ...when(undefined),
        },
        type: undefined,
      });
    if (result.ok)
      return {
        id,
        name,
        document: withPatternPrefixes(
          withAccountRootArns(result.document, this.resolver.stack.partition, this.isAccountParameter),
          this.patternPrefix,
        ),
        location,
        ...(result.statementPointers === undefined ? {} : { statementPointers: result.statementPointers }),
        ...(result.statementChoices === undefined ? {} : { statementChoices: result.statementChoices }),
        ...when(result.statementChoices),
        ...this.duplicateKeys(resource, pointer, result),
      };
    // A document chosen at deploy is an `unverifiable` finding only: the template itself is valid.
    // Otherwise the template is invalid: an input error, reported once (not also as a finding).
    const invalid = result.afterDeploy !== true;
    if (invalid)
      this.errors.push({
        file: this.stack.file ?? this.key,
        pointer: `/Resources/${escapePointerToken(resource.logicalId)}/Properties${pointer}`,
        message: result.reason,
      });
    return {
      id,
      name,
      document: undefined,
      unresolved: { reason: result.reason, references: [], ...(invalid ? { inputError: true as const } : {}) },
      location,
      ...when(undefined),
    };
  }

  private text(value: unknown, what: string): PolicyValue {
    return this.resolver.text(value, what);
  }

  /** The ARN of the event bus of this stack's account and Region named `name` (a value of the template). */
  private busArnNamed(name: unknown, what: string): PolicyValue {
    const account = [{ Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }];
    return this.text({ 'Fn::Join': ['', ['arn:', ...account, ':event-bus/', name]] }, what);
  }

  private principal(resource: SourceResource, kind: PrincipalKind): void {
    const props = resource.properties();
    const id = this.idOf(resource);
    const name = this.text({ Ref: resource.logicalId }, `the name of ${kind} \`${resource.logicalId}\``);
    const path = typeof props['Path'] === 'string' ? props['Path'] : props['Path'] === undefined ? '/' : undefined;
    const principal: MutablePrincipal = {
      id,
      kind,
      name,
      path,
      arn: this.text({ 'Fn::GetAtt': [resource.logicalId, 'Arn'] }, `the ARN of ${kind} \`${resource.logicalId}\``),
      ...(this.stack.account === undefined ? {} : { account: this.stack.account }),
      ...(this.stack.region === undefined ? {} : { region: this.stack.region }),
      policies: [],
      tags: this.tags(props['Tags']),
      location: this.location(resource),
      groupRefs: [],
      ...(resource.metadata()?.[PRECREATED_ROLE] === PRECREATED ? { existing: true } : {}),
    };
    // Raw documents: each is resolved once, with its own `Fn::If` branches. A list or an element
    // chosen by `Fn::If` counts every branch: what the condition does not create is still checked.
    const inlines = branchesOfList(props['Policies'], '/Policies', this.decide);
    if (inlines === undefined)
      this.inputError(
        resource,
        '/Policies',
        `\`Policies\` must be a list of policies, found ${kindOf(props['Policies'])}`,
      );
    for (const [i, { value: inline, pointer, sides }] of (inlines ?? []).entries()) {
      if (!isRecord(inline)) {
        this.inputError(
          resource,
          pointer,
          `an inline policy must be an object with \`PolicyName\` and \`PolicyDocument\`, found ${kindOf(inline)}`,
        );
        continue;
      }
      // A macro (`Fn::Transform`) that writes the whole entry: what it grants is known only when
      // CloudFormation runs it. Say which macro, rather than read the entry as a policy without a document.
      const inserted = transformedFrom(inline);
      if (inserted !== undefined) {
        principal.policies.push({
          kind: 'inline',
          policy: this.unresolvedSource(
            resource,
            `${id}#${pointer.slice(1)}`,
            pointer.slice(1),
            `the inline policy is ${inserted}, known only after deploy`,
          ),
        });
        continue;
      }
      const policyName = asText(this.resolver.resolve(inline['PolicyName']));
      const label = typeof policyName === 'string' ? policyName : `policy ${i}`;
      // A SAM entry the transform rejects: not checked. An input error too (samRejections) when it
      // is sure to be rejected; not when the name is not in iamgate's list, which may be older than SAM's.
      const template = inline[UNKNOWN_TEMPLATE];
      const invalid = inline[INVALID_POLICY];
      if (typeof template === 'string' || typeof invalid === 'string') {
        const reason =
          typeof invalid === 'string'
            ? invalid
            : `\`${String(template)}\` is not a SAM policy template (the SAM transform rejects it), so what it grants is not checked`;
        principal.policies.push({
          kind: 'inline',
          policy: {
            id: `${id}#${label}`,
            name: label,
            document: undefined,
            unresolved: { reason, references: typeof template === 'string' ? [template] : [] },
            location: this.location(resource),
          },
        });
        continue;
      }
      // A SAM policy template given an ARN for a name: an input error; its statements, which name
      // no resource, are not checked as well.
      const problems = isRecord(inline[SAM_TEMPLATE])
        ? samArgumentProblems(inline[SAM_TEMPLATE] as unknown as SamTemplateUse, this.samArguments)
        : [];
      if (problems.length > 0) {
        for (const { pointer: at, message } of problems)
          if (!this.errors.some((e) => e.pointer === at && e.message === message))
            this.errors.push({ file: this.stack.file ?? this.key, pointer: at, message });
        principal.policies.push({
          kind: 'inline',
          policy: this.unresolvedSource(resource, `${id}#${label}`, label, problems[0]?.message ?? '', true),
        });
        continue;
      }
      const missing = (['PolicyName', 'PolicyDocument'] as const).filter((key) => inline[key] === undefined);
      if (missing.length > 0) {
        this.inputError(
          resource,
          pointer,
          `an inline policy needs ${missing.map((key) => `\`${key}\``).join(' and ')}, which CloudFormation requires`,
        );
        continue;
      }
      const policy = this.source(
        resource,
        inline['PolicyDocument'],
        `${id}#${label}`,
        label,
        `${pointer}/PolicyDocument`,
      );
      principal.policies.push({
        kind: 'inline',
        policy: this.attachedWhen(policy, sides.length > 0 ? [sides] : undefined),
      });
    }
    // A role the app imports under `Role.customizeRoles` (`Role.fromRoleArn`) is in the policy
    // report without a trust policy: it exists already, its trust is no part of the app.
    const imported = principal.existing === true && props['AssumeRolePolicyDocument'] === undefined;
    if (kind === 'role' && !imported) {
      principal.trustPolicy = this.source(
        resource,
        props['AssumeRolePolicyDocument'],
        `${id}#trust`,
        `${resource.logicalId} trust policy`,
        '/AssumeRolePolicyDocument',
      );
    }
    if (kind === 'user') {
      if (props['LoginProfile'] !== undefined)
        (principal.credentials ??= []).push({ kind: 'login-profile', location: this.location(resource) });
      principal.groupRefs = this.rawList(props['Groups']) as Resolved[];
    }
    if (kind === 'group') principal.members = [];
    this.principals.set(resource.logicalId, principal);
  }

  /**
   * An IAM Identity Center permission set, as the role it is provisioned as in each account it is
   * assigned to (`AWSReservedSSO_<name>_<suffix>` under `/aws-reserved/sso.amazonaws.com/`), as
   * tf-scan reads `aws_ssoadmin_permission_set`: its inline policy, AWS managed policies and
   * boundary are judged together. Its trust policy belongs to Identity Center; its ARN is not the
   * permission set's. Customer managed policies are referenced by name in each account: not checked;
   * a boundary so referenced is that name and path in an account known only at assignment.
   */
  private permissionSet(resource: SourceResource): void {
    const props = resource.properties();
    const id = this.idOf(resource);
    const principal: MutablePrincipal = {
      id,
      kind: 'role',
      name: this.text(props['Name'], `the name of permission set \`${resource.logicalId}\``),
      path: '/aws-reserved/sso.amazonaws.com/',
      arn: undefined,
      policies: [],
      tags: this.tags(props['Tags']),
      location: this.location(resource),
      groupRefs: [],
    };
    if (props['InlinePolicy'] !== undefined)
      principal.policies.push({
        kind: 'inline',
        policy: this.source(
          resource,
          props['InlinePolicy'],
          `${id}#inline`,
          `${resource.logicalId} inline policy`,
          '/InlinePolicy',
        ),
      });
    for (const element of this.list(props['ManagedPolicies'])) {
      const arn = asText(element) ?? this.text(element, 'a managed policy ARN');
      const policy = this.policyChosenAtDeploy(resource, arn);
      principal.policies.push({ kind: 'aws-managed', arn, ...(policy === undefined ? {} : { policy }) });
    }
    const boundary = props['PermissionsBoundary'];
    const reference = isRecord(boundary) ? boundary['CustomerManagedPolicyReference'] : undefined;
    if (isRecord(boundary) && boundary['ManagedPolicyArn'] !== undefined)
      principal.permissionsBoundary = { arn: this.text(boundary['ManagedPolicyArn'], 'the permissions boundary') };
    else if (isRecord(reference) && reference['Name'] !== undefined) {
      // The boundary is the policy of that name and path in each account the set is assigned to.
      const account = holeText({
        id: `${id}#assigned-account`,
        source: `an account permission set \`${resource.logicalId}\` is assigned to`,
      });
      const path = reference['Path'] === undefined ? '/' : this.text(reference['Path'], 'the boundary path');
      const name = this.text(reference['Name'], 'the boundary name');
      principal.permissionsBoundary = {
        arn: concat([`arn:${this.resolver.stack.partition}:iam::`, account, ':policy', path, name]),
      };
    }
    this.principals.set(resource.logicalId, principal);
  }

  /** A service or resource control policy (`Type`), judged as such; other types are not IAM policies. */
  private organizationsPolicy(resource: SourceResource): void {
    const props = resource.properties();
    const kind = this.text(props['Type'], 'the type of the policy');
    const type = kind === 'SERVICE_CONTROL_POLICY' ? 'scp' : kind === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
    if (type === undefined || props['Content'] === undefined) return;
    const name = asText(this.resolver.resolve(props['Name']));
    const label = typeof name === 'string' ? name : resource.logicalId;
    this.policies.push({
      policy: this.source(resource, props['Content'], this.idOf(resource), label, '/Content'),
      type,
    });
  }

  /**
   * A Transfer Family user's session policy: it narrows the user's role for each session (naming
   * the user's home with `${transfer:...}` variables), linted as a session policy.
   */
  private transferSessionPolicy(resource: SourceResource): void {
    const props = resource.properties();
    if (props['Policy'] === undefined) return;
    const name = asText(this.resolver.resolve(props['UserName']));
    const label = typeof name === 'string' ? name : resource.logicalId;
    this.policies.push({
      policy: this.source(resource, props['Policy'], this.idOf(resource), label, '/Policy'),
      type: 'session',
    });
  }

  private managedPolicy(resource: SourceResource): void {
    const props = resource.properties();
    const arn = this.text({ Ref: resource.logicalId }, `the ARN of managed policy \`${resource.logicalId}\``);
    const name = typeof props['ManagedPolicyName'] === 'string' ? props['ManagedPolicyName'] : resource.logicalId;
    const source = this.source(resource, props['PolicyDocument'], this.idOf(resource), name, '/PolicyDocument');
    this.managed.set(resource.logicalId, { arn, source, used: false });
  }

  /** The managed policy of this stack that an ARN expression designates, if any. */
  private managedByValue(raw: unknown, value: PolicyValue): ManagedPolicyEntry | undefined {
    if (isRecord(raw) && typeof raw['Ref'] === 'string') {
      const direct = this.managed.get(raw['Ref']);
      if (direct !== undefined) return direct;
    }
    for (const entry of this.managed.values()) {
      if (typeof entry.arn === 'string' ? entry.arn === value : sameManagedPolicy(entry.arn, value)) return entry;
    }
    return undefined;
  }

  private attachments(resource: SourceResource): void {
    const type = resource.type;
    const principal = this.principals.get(resource.logicalId);
    if (principal !== undefined) {
      // A permission set's attachments are read with it (`permissionSet`).
      if (type !== 'AWS::SSO::PermissionSet') this.principalAttachments(resource, principal);
      return;
    }
    switch (type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy':
        this.identityPolicy(resource);
        return;
      case 'AWS::IAM::UserToGroupAddition': {
        const props = resource.properties();
        const group = this.principalByName('group', props['GroupName']);
        for (const user of this.list(props['Users'])) {
          const member = this.principalByName('user', user);
          if (group !== undefined && member !== undefined) (group.members ??= []).push(member.id);
        }
        return;
      }
      case 'AWS::IAM::AccessKey': {
        const user = this.principalByName('user', resource.properties()['UserName']);
        if (user !== undefined)
          (user.credentials ??= []).push({ kind: 'access-key', location: this.location(resource) });
        return;
      }
      case 'AWS::Lambda::Permission':
        this.lambdaPermission(resource);
        return;
      case 'AWS::Lambda::LayerVersionPermission':
        this.layerPermission(resource);
        return;
      case 'AWS::Lambda::Url':
        this.functionUrl(resource);
        return;
      case 'AWS::Organizations::Policy':
        this.organizationsPolicy(resource);
        return;
      case 'AWS::DynamoDB::GlobalTable':
        this.globalTablePolicies(resource);
        return;
      case 'AWS::Events::EventBusPolicy':
        this.eventBusPolicy(resource);
        return;
      case 'AWS::EntityResolution::PolicyStatement':
        this.entityResolutionStatement(resource);
        return;
      case 'AWS::RAM::ResourceShare':
        this.resourceShare(resource);
        return;
      case 'AWS::LicenseManager::Grant':
        this.licenseGrant(resource);
        return;
      case 'AWS::Redshift::EndpointAuthorization':
        this.endpointAuthorization(resource);
        return;
      case 'AWS::OpenSearchServerless::AccessPolicy':
        this.collectionAccessPolicy(resource);
        return;
      case 'AWS::IAM::OIDCProvider':
      case 'Custom::AWSCDKOpenIdConnectProvider':
      case 'AWS::IAM::SAMLProvider':
        this.identityProvider(resource);
        return;
      case 'AWS::Serverless::Connector':
        this.unmodelledConnector(resource);
        return;
      case 'AWS::ServiceCatalog::CloudFormationProvisionedProduct':
        this.provisionedProduct(resource);
        return;
      case 'AWS::Transfer::User':
        this.transferSessionPolicy(resource);
        return;
    }
    if (type.endsWith('::MODULE')) {
      this.deployedElsewhere(
        resource,
        `resource \`${resource.logicalId}\` is module \`${type}\`, whose resources CloudFormation inserts at deploy from the registry, not from the input, so the IAM in it is not checked: scan the processed template (\`aws cloudformation get-template --template-stage Processed\`) too`,
        type,
      );
      return;
    }
    if (type === 'AWS::DynamoDB::Table') this.tableStreamPolicy(resource);
    if (type === 'AWS::S3::Bucket') this.bucketAcl(resource);
    if (isCustomResourceType(type)) this.sdkCallPolicies(resource);
    const kind = ownEntry(RESOURCE_POLICY_KINDS, type);
    if (kind === undefined) return;
    const props = resource.properties();
    if (type === 'AWS::ApiGateway::RestApi') this.ignoredEventPolicies(resource, props[IGNORED_EVENT_POLICIES]);
    let raw: unknown = props;
    for (const key of kind.document) raw = isRecord(raw) ? raw[key] : undefined;
    let pointer = '/' + kind.document.join('/');
    // An empty `Policy` is no policy to API Gateway (the Serverless Framework writes `Policy: ''`
    // on every REST API without a resource policy).
    if (type === 'AWS::ApiGateway::RestApi' && typeof raw === 'string' && raw.trim() === '') raw = undefined;
    // Which of `Policy` and the definition's `x-amazon-apigateway-policy` API Gateway keeps when a
    // template gives both is not documented (the import may replace the policy, or the property be
    // applied after it): each is judged on its own, so that a public one is never missed.
    let fromBody: { raw: unknown; pointer: string } | undefined;
    if (type === 'AWS::ApiGateway::RestApi') {
      const body = restApiBodyPolicy(props);
      if (raw === undefined && body !== undefined && 'elsewhere' in body) {
        this.restApiDefinitionElsewhere(resource, body.elsewhere);
        return;
      }
      if (body !== undefined && 'raw' in body) {
        if (raw === undefined) [raw, pointer] = [body.raw, body.pointer];
        else fromBody = body;
      }
    }
    // A resource that is only a policy (`AWS::S3::BucketPolicy`) without it never deploys.
    if (raw === undefined && !isPolicyResource(type)) return;
    const id = this.idOf(resource);
    this.resourcePolicy(resource, kind, raw, pointer, id, resource.logicalId);
    if (fromBody !== undefined)
      this.resourcePolicy(
        resource,
        kind,
        fromBody.raw,
        fromBody.pointer,
        `${id}#x-amazon-apigateway-policy`,
        `${resource.logicalId} (x-amazon-apigateway-policy)`,
      );
  }

  /** The resource policy `raw` of `resource`, as the protected resource `id`. */
  private resourcePolicy(
    resource: SourceResource,
    kind: ResourcePolicyKind,
    raw: unknown,
    pointer: string,
    id: string,
    name: string,
  ): void {
    const type = resource.type;
    let policy = this.source(resource, raw, id, name, pointer);
    let arn = this.protectedArn(resource, kind);
    if (type === 'AWS::ApiGateway::RestApi') {
      const api = this.restApiArn(resource);
      if (policy.document !== undefined)
        policy = { ...policy, document: expandExecuteApiShorthand(policy.document, api) };
      arn = concat2('', api, '/*');
    }
    if (kind.impliedResource === true && arn !== undefined && policy.document !== undefined)
      policy = { ...policy, document: withImpliedResource(policy.document, arn) };
    const restricted = type === 'AWS::S3::BucketPolicy' && this.restrictsPublicBuckets(resource);
    this.resources.push({
      id,
      type,
      arn,
      policy,
      location: this.location(resource),
      ...(restricted ? { publicAccessRestricted: true } : {}),
    });
  }

  /**
   * A bucket's canned ACL (`AccessControl`: `PublicRead`, `PublicReadWrite`, `AuthenticatedRead`,
   * either branch of an `Fn::If`) as the statements S3 maps its public grants to. None when the
   * bucket turns ACLs off (`OwnershipControls` `BucketOwnerEnforced`) or ignores public ACLs
   * (`PublicAccessBlockConfiguration.IgnorePublicAcls`). A template that says nothing of Object
   * Ownership leaves the ACL reported: S3 gives new buckets `BucketOwnerEnforced` since April 2023
   * and then fails the deployment, but an ACL is only written to be applied, and the bucket may be
   * one that allows ACLs (aws-cdk-lib sets `ObjectWriter` for a bucket given `accessControl`).
   */
  private bucketAcl(resource: SourceResource): void {
    const props = resource.properties();
    const pointer = '/Properties/AccessControl';
    const grants: AclGrant[] = [];
    const { values, chosenAtDeploy } = this.cannedAcls(props['AccessControl']);
    for (const acl of values)
      for (const grant of cannedAclGrants(acl, pointer))
        if (!grants.some((g) => g.grantee === grant.grantee && g.permission === grant.permission)) grants.push(grant);
    if (grants.length === 0 && chosenAtDeploy === undefined) return;
    const ownership = props['OwnershipControls'];
    const rules = isRecord(ownership) && Array.isArray(ownership['Rules']) ? (ownership['Rules'] as unknown[]) : [];
    const enforced = rules.some((rule) => {
      const set = isRecord(rule) ? this.settings(rule['ObjectOwnership']) : [];
      return set.length > 0 && set.every((value) => value === 'BucketOwnerEnforced');
    });
    const block = props['PublicAccessBlockConfiguration'];
    const ignored = isRecord(block) ? this.settings(block['IgnorePublicAcls']) : [];
    if (enforced || (ignored.length > 0 && ignored.every((value) => value === 'true'))) return;
    if (chosenAtDeploy !== undefined) {
      // A canned ACL no one can read before deploy may be public: unverifiable, never a silent pass.
      this.addAcl(resource, undefined, {
        document: undefined,
        unresolved: {
          reason: `its canned ACL (\`AccessControl\`) is ${chosenAtDeploy}, known only at deploy: whether it makes the bucket public cannot be told`,
          references: [chosenAtDeploy],
        },
      });
      return;
    }
    const bucket = this.text({ 'Fn::GetAtt': [resource.logicalId, 'Arn'] }, `the ARN of \`${resource.logicalId}\``);
    const policy = aclPolicy({ kind: 'bucket', bucket, objects: concat2('', bucket, '/*') }, grants);
    if (policy === undefined) return;
    this.addAcl(resource, bucket, { document: policy.document, statementPointers: policy.statementPointers });
  }

  /** A bucket as a resource whose ACL is its policy (`grantedBy: 'acl'`). */
  private addAcl(
    resource: SourceResource,
    arn: ResourceInput['arn'],
    policy: Pick<PolicySource, 'document' | 'statementPointers' | 'unresolved'>,
  ): void {
    const id = this.idOf(resource);
    const location = this.location(resource);
    this.resources.push({
      id,
      type: resource.type,
      arn,
      grantedBy: 'acl',
      policy: { id: `${id}#acl`, name: `${resource.logicalId} (ACL)`, ...policy, location },
      location,
    });
  }

  /**
   * The canned ACLs a bucket may get: each branch of an `Fn::If`, and every `AllowedValues` entry of
   * a parameter that chooses it; `chosenAtDeploy` names a value nothing bounds (a parameter without
   * `AllowedValues`, an import), whose ACL cannot be told.
   */
  private cannedAcls(raw: unknown): { values: string[]; chosenAtDeploy: string | undefined } {
    if (raw === undefined) return { values: [], chosenAtDeploy: undefined };
    let resolved: Resolved;
    try {
      resolved = this.resolver.resolve(raw);
    } catch {
      return { values: [], chosenAtDeploy: undefined };
    }
    const values: string[] = [];
    let chosenAtDeploy: string | undefined;
    const prefix = `${this.resolver.stack.key}:param:`;
    for (const value of alternatives(resolved)) {
      if (value === NO_VALUE) continue;
      const text = asText(value);
      if (typeof text === 'string') {
        values.push(text);
        continue;
      }
      const hole = value instanceof SymbolicValue && value.parts.length === 1 ? value.parts[0] : undefined;
      const parameter =
        hole !== undefined && typeof hole !== 'string' && hole.id.startsWith(prefix)
          ? ownEntry(this.stack.parameters, hole.id.slice(prefix.length))
          : undefined;
      const allowed = isRecord(parameter) ? parameter['AllowedValues'] : undefined;
      if (Array.isArray(allowed) && allowed.every((v): v is string => typeof v === 'string')) values.push(...allowed);
      else chosenAtDeploy ??= hole !== undefined && typeof hole !== 'string' ? hole.source : 'a value known at deploy';
    }
    return { values, chosenAtDeploy };
  }

  /**
   * The values a setting of the template may take (each branch of an `Fn::If`), as text; `undefined`
   * for one left unset (`AWS::NoValue`) or chosen at deploy (a parameter). None when it cannot be resolved.
   */
  private settings(raw: unknown): (string | undefined)[] {
    if (raw === undefined) return [];
    let resolved: Resolved;
    try {
      resolved = this.resolver.resolve(raw);
    } catch {
      return [];
    }
    return alternatives(resolved).map((value) => {
      const text = value === NO_VALUE ? undefined : asText(value);
      return typeof text === 'string' ? text : undefined;
    });
  }

  /**
   * Whether the bucket a bucket policy names (`Bucket: !Ref B`, a bucket of this stack) turns on
   * S3 Block Public Access `RestrictPublicBuckets`: AWS then blocks what the policy grants everyone.
   * A setting chosen at deploy (a parameter, a condition) restricts nothing that can be told.
   */
  private restrictsPublicBuckets(policy: SourceResource): boolean {
    const named = policy.properties()['Bucket'];
    if (!isRecord(named) || typeof named['Ref'] !== 'string') return false;
    const bucket = this.stack.resources.get(named['Ref']);
    if (bucket?.type !== 'AWS::S3::Bucket') return false;
    const block = bucket.properties()['PublicAccessBlockConfiguration'];
    if (!isRecord(block)) return false;
    let setting: unknown;
    try {
      setting = this.resolver.resolve(block['RestrictPublicBuckets']);
    } catch {
      return false;
    }
    return setting === true || setting === 'true';
  }

  /**
   * The SDK calls of a custom resource written the way aws-cdk-lib's `AwsCustomResource` writes
   * them (`Create` and `Update` as JSON `{ service, action, parameters }`) that set a policy, read
   * as the policy they set: a resource policy of the resource they name (`opensearch.Domain`'s
   * `accessPolicies` are applied this way, never as the domain's `AccessPolicies` property), an
   * inline policy of the role, user or group they name (a standalone identity policy when that
   * principal is not of this stack), a trust policy, a managed policy (standalone).
   */
  private sdkCallPolicies(resource: SourceResource): void {
    const props = resource.properties();
    const seen = new Set<string>();
    for (const phase of ['Create', 'Update']) {
      if (props[phase] === undefined) continue;
      let call: SdkCall | undefined;
      try {
        call = sdkCallOf(this.resolver.resolve(props[phase]));
      } catch {
        continue;
      }
      if (call === undefined) continue;
      const attach = ATTACH_SDK_CALLS.get(`${call.service}:${call.action}`);
      if (attach !== undefined) this.sdkCallAttachment(attach, call);
      // A statement added to a bus or a function: once per distinct call (Update often repeats Create).
      const statementCall =
        (call.service === 'eventbridge' || call.service === 'cloudwatchevents') &&
        call.action === 'putpermission' &&
        call.parameters['Policy'] === undefined
          ? 'bus'
          : `${call.service}:${call.action}` === 'lambda:addpermission'
            ? 'function'
            : undefined;
      if (statementCall !== undefined) {
        const text = JSON.stringify(call.parameters);
        if (!seen.has(text)) {
          seen.add(text);
          const id = seen.size === 1 ? this.idOf(resource) : `${this.idOf(resource)}#${phase}`;
          if (statementCall === 'bus') this.sdkCallBusPermission(resource, call, id);
          else this.sdkCallPermission(resource, call, id);
        }
        continue;
      }
      const spec = POLICY_SDK_CALLS.get(`${call.service}:${call.action}`);
      if (spec === undefined) continue;
      if (spec.when !== undefined && call.parameters[spec.when.parameter] !== spec.when.equals) continue;
      let found: unknown = call.parameters;
      for (const key of spec.parameter) found = isRecord(found) ? found[key] : undefined;
      if (found === undefined) continue;
      const policy = found as Resolved;
      const text = policy instanceof SymbolicValue ? policy.toString() : JSON.stringify(policy);
      // `Update` repeats `Create` as a rule: one policy, read once.
      if (seen.has(text)) continue;
      seen.add(text);
      const id = seen.size === 1 ? this.idOf(resource) : `${this.idOf(resource)}#${phase}`;
      const source = this.resolvedSource(
        resource,
        policy,
        id,
        `${resource.logicalId} (${call.action} of ${phase})`,
        `/${phase}`,
      );
      if (spec.sets === 'resource') {
        this.resources.push({ id, type: spec.type, arn: undefined, policy: source, location: this.location(resource) });
      } else if (spec.sets === 'trust' || spec.sets === 'identity') {
        this.policies.push({ policy: source, type: spec.sets });
      } else {
        const principal = this.principalByName(spec.sets.kind, call.parameters[spec.sets.name]);
        if (principal === undefined) this.policies.push({ policy: source, type: 'identity' });
        else principal.policies.push({ kind: 'inline', policy: source });
      }
    }
  }

  /**
   * Lambda `addPermission` made by an SDK call (a permission on a function of another stack, or
   * one CloudFormation could not name): read as the `AWS::Lambda::Permission` of the same
   * properties, the function's policy statement it adds.
   */
  private sdkCallPermission(resource: SourceResource, call: SdkCall, id: string): void {
    const read = (property: string): PolicyValue | undefined => {
      const value = call.parameters[property] as Resolved;
      return value === undefined ? undefined : asText(value);
    };
    const functionArn =
      read('FunctionName') ?? holeText({ id: `${id}:function`, source: 'the function of the permission' });
    const statement = permissionStatement(resource.logicalId, functionArn, (property, what, required) =>
      call.parameters[property] === undefined && !required
        ? undefined
        : (read(property) ?? holeText({ id: `${id}:${property}`, source: what })),
    );
    this.resources.push({
      id,
      type: 'AWS::Lambda::Permission',
      arn: functionArn,
      policy: {
        id,
        name: `${resource.logicalId} (addPermission)`,
        document: withAccountRootArns({ Version: '2012-10-17', Statement: [statement] }, this.resolver.stack.partition),
        location: this.location(resource),
      },
      location: this.location(resource),
    });
  }

  /**
   * EventBridge `putPermission` in its older form (`Principal`, `Action`, `Condition` as
   * `{Type, Key, Value}`, no `Policy`), made by an SDK call: the statement it adds to the policy of
   * the bus it names (the default bus of the stack's account and Region when it names none).
   */
  private sdkCallBusPermission(resource: SourceResource, call: SdkCall, id: string): void {
    const text = (property: string, what: string): PolicyValue =>
      asText(call.parameters[property] as Resolved) ?? holeText({ id: `${id}:${property}`, source: what });
    const bus = call.parameters['EventBusName'] ?? 'default';
    const busArn =
      typeof bus === 'string' && !bus.startsWith('arn:')
        ? this.busArnNamed(bus, 'the event bus of the permission')
        : text('EventBusName', 'the event bus of the permission');
    const principal = text('Principal', 'the principal of the permission');
    const sid = call.parameters['StatementId'];
    const statement: Record<string, unknown> = {
      // The call's `StatementId`, as tf-scan gives `statement_id`; none made up.
      ...(typeof sid === 'string' ? { Sid: sid } : {}),
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : { AWS: principal },
      Action:
        call.parameters['Action'] === undefined ? 'events:PutEvents' : text('Action', 'the action of the permission'),
      Resource: busArn,
    };
    const condition = call.parameters['Condition'];
    if (isRecord(condition)) {
      const operator = asText(condition['Type'] as Resolved);
      const key = asText(condition['Key'] as Resolved);
      if (typeof operator === 'string' && typeof key === 'string')
        statement['Condition'] = {
          [operator]: {
            [key]:
              asText(condition['Value'] as Resolved) ??
              holeText({ id: `${id}:Condition`, source: 'the condition value' }),
          },
        };
    }
    this.resources.push({
      id,
      type: 'AWS::Events::EventBusPolicy',
      arn: busArn,
      policy: {
        id,
        name: `${resource.logicalId} (putPermission)`,
        document: withAccountRootArns({ Version: '2012-10-17', Statement: [statement] }, this.resolver.stack.partition),
        location: this.location(resource),
      },
      location: this.location(resource),
    });
  }

  /**
   * A managed policy an SDK call attaches at deploy to a principal of this stack: held by the
   * principal as if its `ManagedPolicyArns` named it. A principal created elsewhere is not modelled.
   */
  private sdkCallAttachment(attach: { readonly kind: PrincipalKind; readonly name: string }, call: SdkCall): void {
    const principal = this.principalByName(attach.kind, call.parameters[attach.name]);
    const arn = call.parameters['PolicyArn'];
    if (principal === undefined || !(typeof arn === 'string' || arn instanceof SymbolicValue)) return;
    const entry = this.managedByValue(undefined, arn);
    if (entry !== undefined) {
      entry.used = true;
      principal.policies.push({
        kind: 'managed',
        arn: entry.arn,
        ...(entry.source === undefined ? {} : { policy: entry.source }),
      });
    } else if (typeof arn === 'string' && /^arn:[^:]+:iam::aws:policy\//.test(arn)) {
      principal.policies.push({ kind: 'aws-managed', arn });
    }
  }

  /**
   * A resource policy held below a resource's own (a table's stream, a replica of a global table):
   * one more protected resource, named `<id>#<part>`, located at the same resource.
   */
  private nestedPolicy(resource: SourceResource, raw: unknown, pointer: string, part: string, arn: PolicyValue): void {
    if (raw === undefined) return;
    const id = `${this.idOf(resource)}#${part}`;
    const policy = this.source(resource, raw, id, `${resource.logicalId} (${part})`, pointer);
    this.resources.push({ id, type: resource.type, arn, policy, location: this.location(resource) });
  }

  /** `StreamSpecification.ResourcePolicy` of a table: who may read its stream. */
  private tableStreamPolicy(resource: SourceResource): void {
    const stream = resource.properties()['StreamSpecification'];
    const policy = isRecord(stream) && isRecord(stream['ResourcePolicy']) ? stream['ResourcePolicy'] : undefined;
    if (policy === undefined) return;
    const arn = this.text(
      { 'Fn::GetAtt': [resource.logicalId, 'StreamArn'] },
      `the stream of \`${resource.logicalId}\``,
    );
    this.nestedPolicy(
      resource,
      policy['PolicyDocument'],
      '/StreamSpecification/ResourcePolicy/PolicyDocument',
      'stream',
      arn,
    );
  }

  /**
   * A global table has no policy of its own: each replica (`Replicas[i].ResourcePolicy`) and each
   * replica's stream (`Replicas[i].ReplicaStreamSpecification.ResourcePolicy`) has one, in its Region.
   */
  private globalTablePolicies(resource: SourceResource): void {
    const replicas = resource.properties()['Replicas'];
    if (!Array.isArray(replicas)) return;
    replicas.forEach((replica: unknown, index) => {
      if (!isRecord(replica)) return;
      const region =
        replica['Region'] === undefined ? undefined : this.text(replica['Region'], 'the Region of a replica');
      const where = typeof region === 'string' ? region : String(index);
      // The replica is the table of that name in its own Region.
      const arnOf = (attribute: string, what: string): PolicyValue =>
        region === undefined
          ? this.text({ 'Fn::GetAtt': [resource.logicalId, attribute] }, what)
          : this.resolver.attributeInRegion(resource.logicalId, attribute, region);
      const table = arnOf('Arn', `the ARN of \`${resource.logicalId}\``);
      const own = replica['ResourcePolicy'];
      if (isRecord(own))
        this.nestedPolicy(
          resource,
          own['PolicyDocument'],
          `/Replicas/${index}/ResourcePolicy/PolicyDocument`,
          `replica:${where}`,
          table,
        );
      const stream = replica['ReplicaStreamSpecification'];
      const streamPolicy = isRecord(stream) ? stream['ResourcePolicy'] : undefined;
      if (isRecord(streamPolicy))
        this.nestedPolicy(
          resource,
          streamPolicy['PolicyDocument'],
          `/Replicas/${index}/ReplicaStreamSpecification/ResourcePolicy/PolicyDocument`,
          `replica:${where}:stream`,
          arnOf('StreamArn', `the stream of \`${resource.logicalId}\``),
        );
    });
  }

  /** SAM event policies on a plain REST API: the transform drops them, so the restriction they describe never deploys. */
  private ignoredEventPolicies(resource: SourceResource, events: unknown): void {
    if (!Array.isArray(events)) return;
    for (const entry of events) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      const event = entry[0];
      const api = `\`${resource.logicalId}\``;
      const where =
        entry[1] === 'rest-api'
          ? `${api} is an \`AWS::ApiGateway::RestApi\`: write the statements in its \`Policy\``
          : `${api} has its own \`DefinitionBody\`/\`DefinitionUri\` (no \`MergeDefinitions\`): write the statements in its \`Auth.ResourcePolicy\``;
      this.policies.push({
        policy: {
          id: `${this.idOf(resource)}#event-policy:${event}`,
          name: resource.logicalId,
          document: undefined,
          unresolved: {
            reason: `\`Auth.ResourcePolicy\` of SAM event \`${event}\` is not deployed: the SAM transform adds an event's resource policy only to an OpenAPI definition it manages, and ${where}`,
            references: [event],
          },
          location: this.location(resource),
        },
        type: 'identity',
      });
    }
  }

  /** A REST API whose OpenAPI definition is in S3: its `x-amazon-apigateway-policy` is not checked, never a silent pass. */
  private restApiDefinitionElsewhere(resource: SourceResource, why: string): void {
    const id = this.idOf(resource);
    this.resources.push({
      id,
      type: resource.type,
      arn: concat2('', this.restApiArn(resource), '/*'),
      policy: {
        id,
        name: resource.logicalId,
        document: undefined,
        unresolved: {
          reason: `the OpenAPI definition of REST API \`${resource.logicalId}\` is not in the input (${why}), so a resource policy it holds (\`x-amazon-apigateway-policy\`) is not checked: give the local file (packaged by \`aws cloudformation package\` or \`sam package\`) or the policy as \`Policy\``,
          references: [resource.logicalId],
        },
        location: this.location(resource),
      },
      location: this.location(resource),
    });
  }

  /** A SAM connector whose grants are not written out: not checked, reported so (never a silent pass). */
  private unmodelledConnector(resource: SourceResource): void {
    const reason = resource.properties()[UNMODELLED_CONNECTOR];
    if (typeof reason !== 'string') return;
    // One the transform rejects: an input error at what it rejects, not checked a second time.
    const rejected = resource.properties()[REJECTED_CONNECTOR] as RejectedConnector | undefined;
    if (rejected !== undefined)
      this.errors.push({
        file: this.stack.file ?? this.key,
        pointer: rejected.pointer,
        message: `SAM connector \`${resource.logicalId}\`: ${rejected.message}`,
      });
    this.policies.push({
      policy: {
        id: `${this.idOf(resource)}#connector`,
        name: resource.logicalId,
        document: undefined,
        unresolved: {
          reason: `SAM connector \`${resource.logicalId}\`: ${reason}`,
          references: [resource.logicalId],
          ...(rejected === undefined ? {} : { inputError: true as const }),
        },
        location: this.location(resource),
      },
      type: 'identity',
    });
  }

  /** `arn:<partition>:execute-api:<region>:<account>:<api id>` of a REST API of this stack. */
  private restApiArn(resource: SourceResource): PolicyValue {
    const pseudo = (name: string): { Ref: string } => ({ Ref: `AWS::${name}` });
    return this.text(
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            pseudo('Partition'),
            ':execute-api:',
            pseudo('Region'),
            ':',
            pseudo('AccountId'),
            ':',
            { Ref: resource.logicalId },
          ],
        ],
      },
      `the ARN of REST API \`${resource.logicalId}\``,
    );
  }

  private protectedArn(
    resource: SourceResource,
    kind: (typeof RESOURCE_POLICY_KINDS)[string],
  ): PolicyValue | undefined {
    if (kind.self !== undefined)
      return this.text({ 'Fn::GetAtt': [resource.logicalId, kind.self] }, `the ARN of \`${resource.logicalId}\``);
    if (kind.target === undefined) return undefined;
    const raw = resource.properties()[kind.target.property];
    const first: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined) return undefined;
    if (kind.target.holds === 'reference' && isRecord(first) && typeof first['Ref'] === 'string') {
      const target = this.stack.resources.get(first['Ref']);
      const attribute = target === undefined ? undefined : RESOURCE_SHAPES[target.type]?.attributes['Arn'];
      if (attribute !== undefined)
        return this.text({ 'Fn::GetAtt': [first['Ref'], 'Arn'] }, `the ARN of \`${first['Ref']}\``);
    }
    const value = this.text(first, `the resource protected by \`${resource.logicalId}\``);
    if (resource.type === 'AWS::S3::BucketPolicy') return concat2(`arn:${this.resolver.stack.partition}:s3:::`, value);
    return value;
  }

  private principalAttachments(resource: SourceResource, principal: MutablePrincipal): void {
    const props = resource.properties();
    const rawArns = props['ManagedPolicyArns'];
    // Each ARN listed, with the sides it is listed on: one ARN on both sides of an `Fn::If` (`!If
    // [IsDev, <arn>, <arn>]`) is listed on every deploy, once.
    const listed = new Map<string, { element: unknown; arn: PolicyValue; choices: (DeployChoice | undefined)[] }>();
    for (const element of Array.isArray(rawArns) ? rawArns : rawArns === undefined ? [] : [rawArns]) {
      for (const { value: alternative, taken } of deployChoices(this.resolver.resolve(element))) {
        const values: Resolved[] = Array.isArray(alternative) ? (alternative as Resolved[]) : [alternative];
        // Listed on the sides this value is chosen on only (`!If [IsProd, <arn>, !Ref AWS::NoValue]`).
        const sides = [...taken.values()].flat();
        for (const value of values) {
          if (value === NO_VALUE) continue;
          // A list parameter (`ManagedPolicyArns: !Ref Policies`) names its parameter in the finding.
          const arn =
            asText(value) ??
            (value instanceof UnknownList ? holeText(value.hole) : this.text(element, 'a managed policy ARN'));
          // By what it is, not its words: two unreadable entries may read alike.
          const key = canonicalJson(arn);
          let entry = listed.get(key);
          if (entry === undefined) listed.set(key, (entry = { element, arn, choices: [] }));
          entry.choices.push(sides.length === 0 ? undefined : [sides]);
        }
      }
    }
    // A principal created under a `Condition` holds them on that side only.
    const created = this.createdWhen.get(resource.logicalId);
    for (const { element, arn, choices } of listed.values()) {
      const choice = bothChoices(
        created === undefined ? undefined : conditionChoice(created, true),
        mergedChoices(choices),
      );
      const when = choice === undefined ? {} : { deployedWhen: choice, ...this.deployableSides([choice]) };
      const entry = this.managedByValue(element, arn);
      if (entry !== undefined) {
        entry.used = true;
        principal.policies.push({
          kind: 'managed',
          arn: entry.arn,
          // Created on every deploy, its own size limit applies whether a role lists it or not.
          ...(entry.source === undefined ? {} : { policy: entry.source }),
          ...when,
        });
      } else {
        const awsManaged = typeof arn === 'string' && /^arn:[^:]+:iam::aws:policy\//.test(arn);
        const policy = this.policyChosenAtDeploy(resource, arn);
        if (policy === undefined && !awsManaged)
          this.outside.push({ policies: principal.policies, at: principal.policies.length, arn, resource });
        principal.policies.push({
          kind: awsManaged ? 'aws-managed' : 'managed',
          arn,
          ...(policy === undefined ? {} : { policy }),
          ...when,
        });
      }
    }
    if (props['PermissionsBoundary'] !== undefined) {
      const arn = this.text(props['PermissionsBoundary'], 'the permissions boundary');
      const entry = this.managedByValue(props['PermissionsBoundary'], arn);
      if (entry?.source !== undefined) {
        principal.permissionsBoundary = { arn: entry.arn, policy: entry.source };
        entry.boundary = true;
      } else {
        principal.permissionsBoundary = { arn };
      }
    }
  }

  /**
   * Whether a value known only at deploy is a parameter of this stack that can only hold an account
   * id: an `AllowedPattern` that 12 digits match and `*` does not (CloudFormation matches the whole
   * value), or exactly 12 characters (`MinLength` and `MaxLength`, as AWS's StackSets execution
   * role template writes it), or `AllowedValues` all account ids. As a principal it is that
   * account's root, never everyone.
   */
  /**
   * The text a parameter's `AllowedPattern` starts every value with, when the pattern admits no
   * value that is a pattern of anyone (`*`, or a wildcard right after that text): `arn:aws:iam::`
   * for `arn:aws:iam::[0-9]{12}:role/.*`, not for `arn:aws:iam::.*`.
   */
  private readonly patternPrefix = (hole: Hole): string | undefined => {
    const prefix = `${this.resolver.stack.key}:param:`;
    if (!hole.id.startsWith(prefix)) return undefined;
    const parameter = ownEntry(this.stack.parameters, hole.id.slice(prefix.length));
    const pattern = isRecord(parameter) ? parameter['AllowedPattern'] : undefined;
    if (typeof pattern !== 'string') return undefined;
    // The literal head of the pattern: up to the first character with a meaning in a regular expression.
    const head = /^[A-Za-z0-9:/_@,=-]*/.exec(pattern.replace(/^\^/, ''))?.[0] ?? '';
    let whole: RegExp;
    try {
      whole = new RegExp(`^(?:${pattern})$`);
    } catch {
      return undefined;
    }
    const anyone = ['*', '?', '*:*', '*:root', '*:role/*', '*:user/*', '*/*'].map((rest) => head + rest);
    return head !== '' && !anyone.some((probe) => whole.test(probe)) ? head : undefined;
  };

  private readonly isAccountParameter = (hole: Hole): boolean => {
    const prefix = `${this.resolver.stack.key}:param:`;
    if (!hole.id.startsWith(prefix)) return false;
    const parameter = ownEntry(this.stack.parameters, hole.id.slice(prefix.length));
    if (!isRecord(parameter) || parameter['Type'] !== 'String') return false;
    // Each of its `AllowedValues` an account id (the hole lists them for the checks to judge).
    if (hole.values !== undefined && hole.values.length > 0 && hole.values.every((v) => /^\d{12}$/.test(v)))
      return true;
    const pattern = parameter['AllowedPattern'];
    if (typeof pattern === 'string') {
      let whole: RegExp;
      try {
        whole = new RegExp(`^(?:${pattern})$`);
      } catch {
        return false;
      }
      if (whole.test('123456789012') && !whole.test('*') && !whole.test('arn:aws:iam::123456789012:root')) return true;
    }
    const length = (key: string): number => Number(parameter[key]);
    return length('MinLength') === 12 && length('MaxLength') === 12;
  };

  /**
   * A managed policy whose ARN is chosen at deploy (a parameter, an import): it may grant anything,
   * so it is an unresolved policy, never a silent pass. `undefined` for an ARN the template fixes.
   */
  private policyChosenAtDeploy(resource: SourceResource, arn: PolicyValue): PolicySource | undefined {
    const unknown = chosenAtDeploy(arn);
    if (unknown === undefined) return undefined;
    return {
      id: `${this.idOf(resource)}#managed:${arn.toString()}`,
      name: arn.toString(),
      document: undefined,
      unresolved: {
        reason: `this managed policy ARN is ${unknown}, known only at deploy, so what it grants is unknown`,
        references: [arn.toString()],
      },
      location: this.location(resource),
    };
  }

  private identityPolicy(resource: SourceResource): void {
    const props = resource.properties();
    const isManaged = resource.type === 'AWS::IAM::ManagedPolicy';
    const entry = isManaged ? this.managed.get(resource.logicalId) : undefined;
    const policyName = asText(this.resolver.resolve(props['PolicyName']));
    const label = typeof policyName === 'string' ? policyName : resource.logicalId;
    // Created under a `Condition`, it is written on that side only (`sourceOf`).
    const policy =
      entry?.source ?? this.source(resource, props['PolicyDocument'], this.idOf(resource), label, '/PolicyDocument');
    // Each principal it is attached to, with the sides of the `Fn::If`s that list it (undefined:
    // every deploy lists it).
    const targets = new Map<MutablePrincipal, DeployChoice | undefined>();
    const listed = (p: MutablePrincipal, sides: readonly ChoiceSide[]): void => {
      const choice = sides.length === 0 ? undefined : [sides];
      const earlier = targets.has(p) ? targets.get(p) : choice;
      targets.set(p, earlier === undefined || choice === undefined ? undefined : mergedChoices([earlier, choice]));
    };
    const single = {
      'AWS::IAM::RolePolicy': ['role', 'RoleName'],
      'AWS::IAM::UserPolicy': ['user', 'UserName'],
      'AWS::IAM::GroupPolicy': ['group', 'GroupName'],
    } as const;
    const one = single[resource.type as keyof typeof single];
    if (one !== undefined) {
      const p = this.principalByName(one[0], props[one[1]]);
      if (p !== undefined) listed(p, []);
    } else {
      for (const [kind, property] of [
        ['role', 'Roles'],
        ['user', 'Users'],
        ['group', 'Groups'],
      ] as const) {
        for (const { value: raw, sides } of branchesOfList(props[property], '', this.decide) ?? []) {
          const p = this.principalByName(kind, raw);
          if (p !== undefined) listed(p, sides);
        }
      }
    }
    for (const [p, choice] of targets) {
      // A managed policy is created whether or not a principal lists it: only inline ones count
      // toward their principal's quota on the sides that attach them.
      if (isManaged && entry !== undefined) {
        // Its statements are held on the sides the policy is created and lists the principal on
        // only (the policy itself, and its size, are the same on every side).
        const created = this.createdWhen.get(resource.logicalId);
        const deployedWhen = bothChoices(created === undefined ? undefined : conditionChoice(created, true), choice);
        p.policies.push({
          kind: 'managed',
          arn: entry.arn,
          policy,
          ...(deployedWhen === undefined ? {} : { deployedWhen, ...this.deployableSides([deployedWhen]) }),
        });
      } else p.policies.push({ kind: 'inline', policy: this.attachedWhen(policy, choice) });
    }
    if (entry !== undefined && targets.size > 0) entry.used = true;
    // Attached to principals created elsewhere (imported by name): still an identity policy to lint.
    if (!isManaged && targets.size === 0) this.policies.push({ policy, type: 'identity' });
  }

  /**
   * A policy as a principal holds it when only some deploys attach it (`Roles: [!If [IsProd, !Ref
   * App, !Ref AWS::NoValue]]`, an entry of `Policies` or `ManagedPolicyArns` chosen by `Fn::If`):
   * written for it on those sides only, so that two attached on conditions that never hold
   * together are not summed for its quota.
   */
  private attachedWhen(policy: PolicySource, choice: DeployChoice | undefined): PolicySource {
    if (choice === undefined || policy.document === undefined) return policy;
    const deployedWhen = bothChoices(policy.deployedWhen, choice);
    return {
      ...policy,
      ...(deployedWhen === undefined ? {} : { deployedWhen }),
      ...this.deployableSides([...(policy.statementChoices ?? []), deployedWhen]),
    };
  }

  /** The principal of this stack a name expression refers to (`Ref`, or its literal name). */
  private principalByName(kind: PrincipalKind, raw: unknown): MutablePrincipal | undefined {
    if (isRecord(raw) && typeof raw['Ref'] === 'string') {
      const p = this.principals.get(raw['Ref']);
      if (p?.kind === kind) return p;
    }
    const name =
      raw instanceof SymbolicValue
        ? raw
        : isRecord(raw) || typeof raw === 'string'
          ? this.text(raw, 'a principal name')
          : undefined;
    if (name === undefined) return undefined;
    for (const p of this.principals.values()) {
      if (p.kind !== kind || p.name === undefined) continue;
      if (typeof name === 'string' ? p.name === name : typeof p.name !== 'string' && p.name.equals(name)) return p;
    }
    return undefined;
  }

  private linkPrincipals(): void {
    for (const user of this.principals.values()) {
      if (user.kind !== 'user') continue;
      for (const ref of user.groupRefs) {
        const group = this.principalByName('group', ref);
        if (group !== undefined && !(group.members ?? []).includes(user.id)) (group.members ??= []).push(user.id);
      }
    }
    // Group policies reach their members: copy them with the group they come through.
    for (const group of this.principals.values()) {
      if (group.kind !== 'group') continue;
      for (const memberId of group.members ?? []) {
        const user = [...this.principals.values()].find((p) => p.id === memberId);
        if (user === undefined) continue;
        for (const attached of group.policies) {
          user.policies.push({
            kind: 'group',
            via: group.id,
            ...(attached.arn === undefined ? {} : { arn: attached.arn }),
            ...(attached.policy === undefined ? {} : { policy: attached.policy }),
          });
        }
      }
    }
  }

  private lambdaPermission(resource: SourceResource): void {
    const props = resource.properties();
    const rawFunction = props['FunctionName'];
    let functionArn: PolicyValue;
    if (
      isRecord(rawFunction) &&
      typeof rawFunction['Ref'] === 'string' &&
      this.stack.resources.get(rawFunction['Ref'])?.type === 'AWS::Lambda::Function'
    ) {
      functionArn = this.text({ 'Fn::GetAtt': [rawFunction['Ref'], 'Arn'] }, 'the function ARN');
    } else {
      functionArn = this.text(rawFunction, 'the function of the permission');
      // `FunctionName` takes a name (`worker`, `worker:live`) or a partial ARN
      // (`111122223333:function:worker`) as well: the permission is on the function of the stack's
      // Region and account (or the one the partial ARN names) either way.
      if (typeof functionArn === 'string' && !functionArn.startsWith('arn:')) {
        const partial = /^(\d{12}):function:(.+)$/.exec(functionArn);
        const account = partial?.[1] ?? '${AWS::AccountId}';
        const name = partial?.[2] ?? functionArn;
        if (!name.includes('$'))
          functionArn = this.text(
            { 'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:${account}:function:${name}` },
            'the function of the permission',
          );
      }
    }
    const reads = this.eachDeploy(resource, PERMISSION_PROPERTIES);
    this.statementPolicy(
      resource,
      functionArn,
      reads.map((read) => ({
        statement: permissionStatement(resource.logicalId, functionArn, read),
        choice: read.choice,
      })),
    );
  }

  /**
   * Readers of a resource's properties `names` that make a statement, one per way a deploy may
   * write them: one when none is a `Fn::If` on a condition unknown before deploy (or a choice
   * among entries of a mapping), else one per side each may take (two on the same condition take
   * the same side), so that each statement a deploy may make is judged (`Principal: !If [IsPublic,
   * '*', ...]` is public on one side). A reader gives a property as text, `undefined` when it is
   * not set (a hole for a required one).
   */
  private eachDeploy(
    resource: SourceResource,
    names: readonly string[],
  ): (PropertyReader & { choice?: DeployChoice })[] {
    const props = resource.properties();
    const resolved: Record<string, Resolved> = {};
    for (const name of names) if (props[name] !== undefined) resolved[name] = this.resolver.resolve(props[name]);
    const asRead =
      (values: Readonly<Record<string, Resolved>>): PropertyReader =>
      (property, what, required) => {
        const value = values[property];
        if (value === undefined && !required) return undefined;
        const text = value === undefined ? undefined : asText(value);
        return text ?? this.text(props[property], what);
      };
    if (!hasBranches(resolved)) return [asRead(resolved)];
    return deployChoices(resolved).map(({ value, taken }) => {
      const choice = describeChoices(taken);
      return Object.assign(asRead(value as Record<string, Resolved>), choice === undefined ? {} : { choice });
    });
  }

  /**
   * `AWS::Lambda::Url` with `AuthType: NONE`: Lambda authenticates no caller, so the URL serves
   * whatever its function policy lets anyone call. Extracted as the statement such a URL is set up
   * to serve (as tf-scan does for `aws_lambda_function_url`), so an unauthenticated endpoint is
   * judged as a public resource policy; `AWS_IAM` URLs are decided by the callers' policies.
   */
  private functionUrl(resource: SourceResource): void {
    const props = resource.properties();
    if (this.text(props['AuthType'], 'the auth type of the URL') !== 'NONE') return;
    const target = props['TargetFunctionArn'];
    // `TargetFunctionArn` takes a name too (`!Ref Function`): the function's ARN then.
    const rawArn: unknown =
      isRecord(target) &&
      typeof target['Ref'] === 'string' &&
      this.stack.resources.get(target['Ref'])?.type === 'AWS::Lambda::Function'
        ? { 'Fn::GetAtt': [target['Ref'], 'Arn'] }
        : target;
    const functionArn = this.text(rawArn, 'the function of the URL');
    const resourceArn =
      props['Qualifier'] === undefined
        ? functionArn
        : this.text({ 'Fn::Join': [':', [rawArn, props['Qualifier']]] }, 'the function version of the URL');
    this.statementPolicy(resource, functionArn, {
      // The statement the console adds with such a URL, named as tf-scan names it.
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: resourceArn,
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    });
  }

  /**
   * The `Sid` of a statement a resource's properties make: its `StatementId`, or its logical id
   * when the id is known only at deploy (`!Sub '${Namespace}-org'`). The id names the statement;
   * it changes nothing it allows, and the service, not IAM's `Sid` rules, decides what it may be.
   */
  private statementId(resource: SourceResource, raw: unknown): PolicyValue {
    const id = raw === undefined ? resource.logicalId : this.text(raw, 'the statement id');
    return typeof id === 'string' ? id : resource.logicalId;
  }

  /** A layer version shared with an account, an organization or everyone (`Principal: "*"`). */
  private layerPermission(resource: SourceResource): void {
    const props = resource.properties();
    const layerArn = this.text(props['LayerVersionArn'], 'the layer version of the permission');
    const statements = this.eachDeploy(resource, ['Principal', 'Action', 'OrganizationId']).map((read) => ({
      choice: read.choice,
      statement: this.layerStatement(resource, layerArn, read),
    }));
    this.statementPolicy(resource, layerArn, statements);
  }

  /** The statement of a layer permission, from its properties as `read` gives them. */
  private layerStatement(
    resource: SourceResource,
    layerArn: PolicyValue,
    read: PropertyReader,
  ): Record<string, unknown> {
    const principalText = read('Principal', 'the principal of the permission', true);
    // No `Sid`: CloudFormation's permission has no statement id to give it.
    const statement: Record<string, unknown> = {
      Effect: 'Allow',
      Principal: principalText === '*' ? '*' : { AWS: principalText },
      Action: read('Action', 'the action of the permission', true),
      Resource: layerArn,
    };
    const organization = read('OrganizationId', '`OrganizationId` of the permission');
    if (organization !== undefined) statement['Condition'] = { StringEquals: { 'aws:PrincipalOrgID': organization } };
    return statement;
  }

  /**
   * `AWS::RAM::ResourceShare` as what its `Principals` may do with the share and what it shares
   * (`ResourceArns`), as tf-scan reads a principal association: an account (its id or root ARN) or
   * an IAM role or user is granted them; an organization or organizational unit (by ARN) every
   * principal of it (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`). Service principals are AWS's.
   */
  private resourceShare(resource: SourceResource): void {
    const props = resource.properties();
    const share = this.text({ 'Fn::GetAtt': [resource.logicalId, 'Arn'] }, `the ARN of \`${resource.logicalId}\``);
    const shared = this.list(props['ResourceArns']).map((r) => asText(r) ?? this.text(r, 'a resource of the share'));
    this.sharedWithEach(resource, share, this.list(props['Principals']), 'ram:ListResourceSharePermissions', [
      share,
      ...shared,
    ]);
  }

  /** `AWS::LicenseManager::Grant`: its `Principals` (accounts, organizations, units by ARN) may check out the license. */
  private licenseGrant(resource: SourceResource): void {
    const props = resource.properties();
    const license = this.text(props['LicenseArn'], 'the license of the grant');
    this.sharedWithEach(resource, license, this.list(props['Principals']), 'license-manager:CheckoutLicense', [
      license,
    ]);
  }

  /** `AWS::Redshift::EndpointAuthorization`: its `Account` may create VPC endpoints of its own to the cluster. */
  private endpointAuthorization(resource: SourceResource): void {
    const props = resource.properties();
    if (props['Account'] === undefined) return;
    // The ARN the cluster's identifier makes (the cluster is of the stack's account and Region).
    const cluster = this.text(
      {
        'Fn::Sub': [
          'arn:${AWS::Partition}:redshift:${AWS::Region}:${AWS::AccountId}:cluster:${Cluster}',
          { Cluster: props['ClusterIdentifier'] },
        ],
      },
      'the cluster of the authorization',
    );
    const account = this.resolver.resolve(props['Account']);
    this.sharedWithEach(resource, cluster, [account], 'redshift:CreateEndpointAccess', [cluster]);
  }

  /**
   * `AWS::OpenSearchServerless::AccessPolicy` (`Type` `data`, the only one) as the statements core's
   * `collectionAccessStatements` reads in its `Policy` (a list of entries or one entry), JSON text
   * as tf-scan reads it. A `Policy` that cannot be read, or is neither, is checked as it is (said
   * not checked, or no valid policy), never left out.
   */
  private collectionAccessPolicy(resource: SourceResource): void {
    const raw = resource.properties()['Policy'];
    let read: DocumentResult;
    try {
      read = policyDocument(this.resolver.resolve(raw));
    } catch (err) {
      read = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    const collections = this.text(
      { 'Fn::Sub': 'arn:${AWS::Partition}:aoss:${AWS::Region}:${AWS::AccountId}:collection/*' },
      'the collections of the account',
    );
    const partition = this.resolver.stack.partition;
    const statements = read.ok
      ? collectionAccessStatements(read.document, {
          arnOf: (rest) =>
            this.text(
              { 'Fn::Sub': `arn:\${AWS::Partition}:aoss:\${AWS::Region}:\${AWS::AccountId}:${rest}` },
              `the ${rest} of the account`,
            ),
          principalOf: (principal) => {
            const made = sharePrincipal(principal, partition)['Principal'];
            return isRecord(made) && made['AWS'] !== undefined ? (made['AWS'] as PolicyValue) : principal;
          },
        })
      : undefined;
    // JSON of no entry (`42`, `[42]`) is said as what a data access policy is, not as an IAM document.
    const problem =
      read.ok && !(read.document instanceof SymbolicValue) ? collectionAccessProblem(read.document) : undefined;
    if (statements === undefined || problem !== undefined) {
      const id = this.idOf(resource);
      if (problem !== undefined) this.inputError(resource, '/Policy', problem);
      this.resources.push({
        id,
        type: resource.type,
        arn: collections,
        policy:
          problem === undefined
            ? this.source(resource, raw, id, resource.logicalId, '/Policy')
            : this.unresolvedSource(resource, id, resource.logicalId, problem, true),
        location: this.location(resource),
      });
      return;
    }
    if (statements.length > 0)
      this.statementPolicy(
        resource,
        collections,
        // No `Sid`: a data access policy has none, and tf-scan gives none.
        statements.map((statement) => ({ statement })),
      );
  }

  /**
   * The statements granting `action` on `resources` to each of `principals` but service
   * principals, which are AWS's: the policy of what `resource` shares.
   */
  private sharedWithEach(
    resource: SourceResource,
    arn: PolicyValue,
    principals: readonly Resolved[],
    action: string,
    resources: readonly PolicyValue[],
  ): void {
    const statements: Record<string, unknown>[] = [];
    for (const element of principals) {
      const principal = asText(element) ?? this.text(element, `a principal of \`${resource.logicalId}\``);
      if (typeof principal === 'string' && /\.amazonaws\.com(\.cn)?$/.test(principal)) continue;
      statements.push({
        Effect: 'Allow',
        ...sharePrincipal(principal, this.resolver.stack.partition),
        Action: action,
        Resource: resources.length === 1 ? resources[0] : [...resources],
      });
    }
    if (statements.length > 0)
      this.statementPolicy(
        resource,
        arn,
        statements.map((statement) => ({ statement })),
      );
  }

  /**
   * `AWS::EntityResolution::PolicyStatement`: one statement of the policy of an Entity Resolution
   * workflow or namespace (`Arn`), its principals accounts or services, its `Condition` the JSON
   * text of a condition block. A condition that is not such text is not judged: the statement is
   * unresolved, never read as unconditional.
   */
  private entityResolutionStatement(resource: SourceResource): void {
    const props = resource.properties();
    const arn = this.text(props['Arn'], 'the resource of the policy statement');
    const accounts: PolicyValue[] = [];
    const services: PolicyValue[] = [];
    let everyone = false;
    for (const element of this.list(props['Principal'])) {
      const principal = asText(element) ?? this.text(element, 'a principal of the policy statement');
      if (principal === '*') everyone = true;
      else if (typeof principal === 'string' && /\.amazonaws\.com(\.cn)?$/.test(principal)) services.push(principal);
      else accounts.push(principal);
    }
    const statement: Record<string, unknown> = {
      Sid: this.statementId(resource, props['StatementId']),
      Effect: props['Effect'] === undefined ? 'Allow' : this.text(props['Effect'], 'the effect of the statement'),
      Principal: everyone
        ? '*'
        : { ...(accounts.length > 0 ? { AWS: accounts } : {}), ...(services.length > 0 ? { Service: services } : {}) },
      Action: this.list(props['Action']).map((a) => asText(a) ?? this.text(a, 'an action of the policy statement')),
      Resource: arn,
    };
    if (props['Condition'] !== undefined) {
      const parsed = parseJsonTextWithHoles(this.text(props['Condition'], 'the condition of the policy statement'));
      if (parsed === undefined || !isRecord(parsed.value)) {
        const id = this.idOf(resource);
        this.resources.push({
          id,
          type: resource.type,
          arn,
          policy: {
            id,
            name: resource.logicalId,
            document: undefined,
            unresolved: {
              reason: `the \`Condition\` of policy statement \`${resource.logicalId}\` is not the JSON text of a condition block, so who it admits is not known`,
              references: [resource.logicalId],
            },
            location: this.location(resource),
          },
          location: this.location(resource),
        });
        return;
      }
      statement['Condition'] = parsed.value;
    }
    this.statementPolicy(resource, arn, statement);
  }

  /**
   * One statement of an event bus policy: `Statement` as written, or the older `Principal`,
   * `Action` and `Condition` properties, which grant on the bus itself.
   */
  private eventBusPolicy(resource: SourceResource): void {
    const props = resource.properties();
    const busName = props['EventBusName'] ?? 'default';
    const rawBus = isRecord(busName) && typeof busName['Ref'] === 'string' ? busName['Ref'] : undefined;
    const busArn =
      rawBus !== undefined && this.stack.resources.get(rawBus)?.type === 'AWS::Events::EventBus'
        ? this.text({ 'Fn::GetAtt': [rawBus, 'Arn'] }, 'the event bus ARN')
        : this.busArnNamed(busName, 'the event bus of the policy');
    if (props['Statement'] !== undefined) {
      const id = this.idOf(resource);
      const policy = this.source(
        resource,
        { Version: '2012-10-17', Statement: [props['Statement']] },
        id,
        resource.logicalId,
        '/Statement',
      );
      this.resources.push({ id, type: resource.type, arn: busArn, policy, location: this.location(resource) });
      return;
    }
    const principalText = this.text(props['Principal'], 'the principal of the policy');
    const statement: Record<string, unknown> = {
      Sid: this.statementId(resource, props['StatementId']),
      Effect: 'Allow',
      Principal: principalText === '*' ? '*' : { AWS: principalText },
      Action: this.text(props['Action'], 'the action of the policy'),
      Resource: busArn,
    };
    const condition = props['Condition'];
    // The property is `{Type, Key, Value}`; an IAM condition block written in its place
    // (`StringEquals: {aws:PrincipalOrgID: ...}`) is rejected by CloudFormation, not a restriction.
    const extraneous = isRecord(condition)
      ? Object.keys(condition).filter((key) => !['Type', 'Key', 'Value'].includes(key))
      : [];
    if (extraneous.length > 0 && !extraneous.some((key) => key === 'Ref' || key.startsWith('Fn::'))) {
      this.inputError(
        resource,
        '/Condition',
        `\`Condition\` of an event bus policy takes \`Type\`, \`Key\` and \`Value\` (\`{Type: StringEquals, Key: aws:PrincipalOrgID, Value: <organization id>}\`), found ${extraneous.map((key) => `\`${key}\``).join(', ')}: write an IAM condition in \`Statement\` instead`,
      );
      return;
    }
    if (isRecord(condition)) {
      const operator = asText(this.resolver.resolve(condition['Type']));
      const key = asText(this.resolver.resolve(condition['Key']));
      if (typeof operator === 'string' && typeof key === 'string')
        statement['Condition'] = { [operator]: { [key]: this.text(condition['Value'], 'the condition value') } };
    }
    this.statementPolicy(resource, busArn, statement);
  }

  /**
   * A resource policy of one statement built from a resource's properties; of one per deploy when
   * the properties are chosen at deploy (`eachDeploy`): only one of them deploys, so they share
   * the first's `Sid` and are written once each.
   */
  private statementPolicy(
    resource: SourceResource,
    arn: PolicyValue,
    made: Record<string, unknown> | readonly MadeStatement[],
  ): void {
    const seen = new Map<string, number>();
    const statements: Record<string, unknown>[] = [];
    const choices: (DeployChoice | undefined)[] = [];
    const all: readonly MadeStatement[] = isMadeList(made) ? made : [{ statement: made }];
    for (const { statement, choice } of all) {
      const key = JSON.stringify(statement, (_k, v: unknown) => (v instanceof SymbolicValue ? v.toString() : v));
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        choices[earlier] = eitherChoice(choices[earlier], choice);
        continue;
      }
      seen.set(key, statements.length);
      statements.push(
        statements.length === 0
          ? statement
          : Object.fromEntries(Object.entries(statement).filter(([k]) => k !== 'Sid')),
      );
      choices.push(choice);
    }
    const id = this.idOf(resource);
    this.resources.push({
      id,
      type: resource.type,
      arn,
      policy: {
        id,
        name: resource.logicalId,
        // `Principal: !Ref AWS::AccountId` is stored as that account's root, as in written policies.
        document: withAccountRootArns({ Version: '2012-10-17', Statement: statements }, this.resolver.stack.partition),
        // Each is the one statement the properties make.
        ...(statements.length > 1 ? { statementPointers: statements.map(() => '/Statement/0') } : {}),
        ...(statements.length > 1 && choices.some((c) => c !== undefined) ? { statementChoices: choices } : {}),
        location: this.location(resource),
      },
      location: this.location(resource),
    });
  }

  private identityProvider(resource: SourceResource): void {
    const props = resource.properties();
    const arn = this.text({ Ref: resource.logicalId }, `the ARN of \`${resource.logicalId}\``);
    if (resource.type === 'AWS::IAM::SAMLProvider') {
      this.identityProviders.push({ id: this.idOf(resource), kind: 'saml', arn, location: this.location(resource) });
      return;
    }
    const url = props['Url'] === undefined ? undefined : this.text(props['Url'], 'the URL of the provider');
    const clients = [...this.list(props['ClientIdList']), ...this.list(props['ClientIDList'])].map(
      (c) => asText(c) ?? this.text(c, 'a client id'),
    );
    this.identityProviders.push({
      id: this.idOf(resource),
      kind: 'oidc',
      arn,
      ...(url === undefined ? {} : { url: typeof url === 'string' ? url.replace(/^https:\/\//, '') : url }),
      clientIds: clients,
      location: this.location(resource),
    });
  }

  private tags(raw: unknown): Record<string, PolicyValue> {
    const tags: Record<string, PolicyValue> = {};
    for (const tag of this.list(raw)) {
      if (!isRecord(tag)) continue;
      const key = asText(tag['Key'] as Resolved);
      const value = asText(tag['Value'] as Resolved);
      if (typeof key === 'string' && value !== undefined) tags[key] = value;
    }
    return tags;
  }

  /** A resolved list property, the elements of its `Fn::If` alternatives merged. */
  private list(raw: unknown): Resolved[] {
    if (raw === undefined) return [];
    const resolved = this.resolver.resolve(raw);
    const merged: Resolved[] = [];
    for (const alternative of alternatives(resolved)) {
      if (Array.isArray(alternative))
        merged.push(...(alternative as Resolved[]).filter((v) => v !== NO_VALUE && !merged.includes(v)));
    }
    return merged;
  }

  /** The raw (unresolved) elements of a list property, for following `Ref`s (every `Fn::If` branch). */
  private rawList(raw: unknown): unknown[] {
    return (branchesOfList(raw, '', this.decide) ?? []).map((e) => e.value);
  }

  /** Which branch of a `Fn::If` on this condition a deploy takes, when the template decides it. */
  private readonly decide = (condition: string): boolean | undefined => this.resolver.decide(condition);

  /** An input error on a property of a resource (the pointer is below its `Properties`). */
  private inputError(resource: SourceResource, pointer: string, message: string): void {
    this.errors.push({
      file: this.stack.file ?? this.key,
      pointer: `/Resources/${escapePointerToken(resource.logicalId)}/Properties${pointer}`,
      message: `resource \`${resource.logicalId}\`: ${message}`,
    });
  }

  private collectSuppressions(resource: SourceResource): void {
    const found = readSuppressions(resource.metadata(), {
      target: this.idOf(resource),
      location: this.location(resource),
    });
    if (found.ok) this.suppressions.push(...found.value);
    else
      for (const message of found.issues)
        this.errors.push({
          file: this.stack.file ?? this.key,
          pointer: `/Resources/${escapePointerToken(resource.logicalId)}/Metadata/iamgate`,
          message,
        });
  }
}

/** A raw value and its pointer (below the resource's `Properties`). */
interface RawAt {
  readonly value: unknown;
  readonly pointer: string;
  /** The side of each undecided `Fn::If` it is found under (none: every deploy lists it). */
  readonly sides: readonly ChoiceSide[];
}

/** Branches of `Fn::If` nested deeper than this are not followed (a template cannot need more). */
const MAX_IF_DEPTH = 8;

/** Which branch of a `Fn::If` on a condition a deploy takes, when decided before deploy. */
type Decide = (condition: string) => boolean | undefined;

/**
 * The elements of a raw list property with the pointer of each: those of the branches of each
 * `Fn::If` (at the list or at an element) a deploy may take, without `AWS::NoValue`; `undefined`
 * when the value is no list (a string, a number, another function).
 */
function branchesOfList(
  raw: unknown,
  pointer: string,
  decide: Decide,
  depth = 0,
  sides: readonly ChoiceSide[] = [],
): RawAt[] | undefined {
  if (raw === undefined || raw === null || isNoValueRef(raw)) return [];
  if (Array.isArray(raw))
    return raw.flatMap((element, i) => branchesOfValue(element, `${pointer}/${i}`, decide, depth, sides));
  const branches = depth < MAX_IF_DEPTH ? ifBranches(raw, decide) : undefined;
  if (branches === undefined) return undefined;
  const out: RawAt[] = [];
  for (const [k, branch, side] of branches) {
    const list = branchesOfList(branch, `${pointer}/Fn::If/${k}`, decide, depth + 1, withSide(sides, side));
    if (list === undefined) return undefined;
    out.push(...list);
  }
  return out;
}

/** One element of a list: itself, or the values of the branches of its `Fn::If`, without `AWS::NoValue`. */
function branchesOfValue(
  raw: unknown,
  pointer: string,
  decide: Decide,
  depth: number,
  sides: readonly ChoiceSide[],
): RawAt[] {
  if (isNoValueRef(raw)) return [];
  const branches = depth < MAX_IF_DEPTH ? ifBranches(raw, decide) : undefined;
  if (branches === undefined) return [{ value: raw, pointer, sides }];
  return branches.flatMap(([k, branch, side]) =>
    branchesOfValue(branch, `${pointer}/Fn::If/${k}`, decide, depth + 1, withSide(sides, side)),
  );
}

/**
 * A value the parent passes, its `Fn::If`s on a condition of the parent named so in the child's
 * findings when the child has a condition of that name too (`IsProd` in both): never one name
 * for two conditions ("condition `IsProd` is false and condition `IsProd` is true").
 */
function parentSidesNamed(value: Resolved, childConditions: Readonly<Record<string, unknown>>): Resolved {
  const named = (v: Resolved): Resolved => {
    if (v instanceof Branches) {
      const name = /:condition:([^:]+)$/.exec(v.condition)?.[1];
      const choice = `condition \`${name ?? ''}\` of the parent stack`;
      const sides =
        v.sides === undefined && name !== undefined && Object.hasOwn(childConditions, name)
          ? ([[{ choice, value: 'true' }], [{ choice, value: 'false' }]] as const)
          : v.sides;
      return new Branches(v.condition, named(v.whenTrue), named(v.whenFalse), sides);
    }
    if (Array.isArray(v)) return (v as readonly Resolved[]).map(named);
    if (isRecord(v))
      return Object.fromEntries(Object.entries(v as Record<string, Resolved>).map(([k, e]) => [k, named(e)]));
    return v;
  };
  return named(value);
}

/** `sides` and one more, if any (the side of a condition already taken is not said twice). */
function withSide(sides: readonly ChoiceSide[], side: ChoiceSide | undefined): readonly ChoiceSide[] {
  if (side === undefined || sides.some((s) => sideKey(s) === sideKey(side))) return sides;
  return [...sides, side];
}

/**
 * The branches (with their index in the arguments) of a well-formed `{"Fn::If": [condition, a, b]}`
 * a deploy may take, each with the side of the condition it is taken on when a deploy decides it
 * (one branch, on no side, when both are written the same).
 */
function ifBranches(raw: unknown, decide: Decide): [number, unknown, ChoiceSide | undefined][] | undefined {
  const args = ifArguments(raw);
  if (args === undefined) return undefined;
  const [condition, whenTrue, whenFalse] = args;
  const decided = decide(condition);
  if (decided === true) return [[1, whenTrue, undefined]];
  if (decided === false) return [[2, whenFalse, undefined]];
  // The same value written on both sides (`!If [IsDev, <policy>, <policy>]`) is written on every deploy.
  if (JSON.stringify(whenTrue) === JSON.stringify(whenFalse)) return [[1, whenTrue, undefined]];
  return [
    [1, whenTrue, { condition, holds: true }],
    [2, whenFalse, { condition, holds: false }],
  ];
}

/**
 * The resource policy a REST API without `Policy` gets from its OpenAPI definition: the
 * `x-amazon-apigateway-policy` of `Body` (an object, or its JSON text), with its pointer;
 * `not-in-input` when the definition is only in S3 (`BodyS3Location` still names a bucket).
 */
function restApiBodyPolicy(
  props: Record<string, unknown>,
): { raw: unknown; pointer: string } | { elsewhere: string } | undefined {
  const fromSam = props[DEFINITION_ELSEWHERE];
  const elsewhere = typeof fromSam === 'string' ? fromSam : definitionElsewhere(props, 'Body', 'BodyS3Location');
  if (elsewhere !== undefined) return { elsewhere };
  let body = props['Body'];
  if (typeof body === 'string') {
    const parsed = parseJsonText(body);
    body = parsed.ok ? parsed.value : undefined;
  }
  if (isRecord(body)) {
    const raw = body['x-amazon-apigateway-policy'];
    return raw === undefined ? undefined : { raw, pointer: '/Body/x-amazon-apigateway-policy' };
  }
  return undefined;
}

/** What a raw value is, for a message: `a string`, `an array`, `the function \`Fn::Sub\``. */
function kindOf(raw: unknown): string {
  if (Array.isArray(raw)) return 'an array';
  if (raw === null) return 'null';
  if (isRecord(raw)) {
    const keys = Object.keys(raw);
    const only = keys.length === 1 ? keys[0] : undefined;
    return only !== undefined && (only === 'Ref' || only.startsWith('Fn::')) ? `the function \`${only}\`` : 'an object';
  }
  return `a ${typeof raw}`;
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) as Omit<T, K>;
}

function stackKey(stack: StackSource): string {
  if (stack.stackName !== undefined) return stack.stackName;
  const file = stack.file ?? 'template';
  // Each nesting of a template is its own stack: its parameters, conditions and resources differ.
  return stack.nestingPath === undefined ? file : `${file}#${stack.nestingPath}`;
}

/**
 * Cross-stack references: `Fn::ImportValue` of an export of another stack is resolved in the
 * stack that defines it, so a grant on a bucket of another stack is that bucket, not an unknown.
 */
class ImportResolver {
  private readonly resolvers = new Map<StackSource, Resolver>();
  private table: Map<string, (ExportDefinition & { region: string | undefined })[]> | undefined;
  private readonly active = new Set<string>();

  constructor(
    private readonly stacks: readonly StackSource[],
    private readonly partition: string,
    private readonly external: ExtractOptions['exports'],
  ) {}

  resolverFor(stack: StackSource): Resolver {
    let resolver = this.resolvers.get(stack);
    if (resolver === undefined) {
      const view: StackView = {
        key: stackKey(stack),
        // A nested stack's name in findings (`Parent/Child`, no CloudFormation name has a `/`) is
        // not its CloudFormation name, which is generated at deploy: `AWS::StackName` stays unknown.
        ...(stack.stackName === undefined || stack.stackName.includes('/') ? {} : { stackName: stack.stackName }),
        ...(stack.account === undefined ? {} : { account: stack.account }),
        ...(stack.region === undefined ? {} : { region: stack.region }),
        // `AWS::Partition` is that of the Region the stack deploys to, when its environment names one.
        partition: (stack.region === undefined ? undefined : partitionOfRegion(stack.region)) ?? this.partition,
        resource: (id) => stack.resources.get(id),
        parameters: stack.parameters,
        mappings: stack.mappings,
        conditions: stack.conditions,
        importValue: (name) => this.importValue({ kind: 'export', name }, stack),
        regionExport: (name) => this.importValue({ kind: 'region', name }, stack),
        stackOutput: (stackName, outputName, region) =>
          this.importValue(
            {
              kind: 'output',
              stackName,
              outputName,
              ...(region === undefined ? {} : { region }),
              ...(stack.account === undefined ? {} : { account: stack.account }),
            },
            stack,
          ),
        parameterValue: (name) => this.parameterValue(stack, name),
        nestedOutput: (logicalId, name) => this.nestedOutput(stack, logicalId, name),
      };
      resolver = new Resolver(view);
      this.resolvers.set(stack, resolver);
    }
    return resolver;
  }

  /** A parameter value passed by the parent stack, resolved in the parent (a parent's own `Ref`s included). */
  private parameterValue(stack: StackSource, name: string): Resolved | undefined {
    const passed = stack.passedParameters;
    if (passed === undefined || !Object.hasOwn(passed.values, name)) return undefined;
    const key = `parameter:${stackKey(stack)}:${name}`;
    if (this.active.has(key)) return undefined;
    this.active.add(key);
    try {
      return parentSidesNamed(this.resolverFor(passed.parent).resolve(passed.values[name]), stack.conditions);
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * An output of a nested stack of `stack` (`Fn::GetAtt [Nested, Outputs.Name]`, which CDK writes
   * for every reference of a parent to a resource of a `NestedStack`), resolved in the nested stack.
   * An output that refers back to itself (through the parent's parameters) stays unknown.
   */
  private nestedOutput(stack: StackSource, logicalId: string, name: string): Resolved | undefined {
    const child = stack.nestedStack?.(logicalId);
    if (child === undefined || !Object.hasOwn(child.outputs, name)) return undefined;
    const output = child.outputs[name];
    if (!isRecord(output) || !Object.hasOwn(output, 'Value')) return undefined;
    const key = `output:${stackKey(child)}:${name}`;
    if (this.active.has(key)) return undefined;
    this.active.add(key);
    try {
      return this.resolverFor(child).resolve(output['Value']);
    } finally {
      this.active.delete(key);
    }
  }

  private importValue(ref: CrossStackRef, consumer: StackSource): Resolved | undefined {
    const key = ref.kind === 'output' ? `output:${ref.stackName}/${ref.outputName}` : `${ref.kind}:${ref.name}`;
    const found =
      (ref.kind === 'output' ? this.stackOutput(ref) : this.exported(key, consumer)) ?? this.external?.(ref);
    if (found === undefined || this.active.has(key)) return undefined;
    this.active.add(key);
    try {
      return this.resolverFor(found.stack).resolve(found.value);
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * The export, or cross-region parameter, `key` that `consumer` reads: both live in one account,
   * and in one region (an export in the consumer's own, a parameter in the region its writer
   * targets), so the same name in another account or region is another value.
   */
  private exported(key: string, consumer: StackSource): ExportDefinition | undefined {
    const same = (a: string | undefined, b: string | undefined): boolean =>
      a === undefined || b === undefined || a === b;
    return this.exports()
      .get(key)
      ?.find((e) => same(e.stack.account, consumer.account) && same(e.region, consumer.region));
  }

  /** An output of a stack of the input named `stackName` (in `region`, when both are known). */
  private stackOutput(ref: Extract<CrossStackRef, { kind: 'output' }>): ExportDefinition | undefined {
    const stack = this.stacks.find(
      (s) =>
        s.stackName === ref.stackName &&
        (ref.region === undefined || s.region === undefined || s.region === ref.region) &&
        (ref.account === undefined || s.account === undefined || s.account === ref.account) &&
        Object.hasOwn(s.outputs, ref.outputName),
    );
    const output = stack?.outputs[ref.outputName];
    return stack === undefined || !isRecord(output) ? undefined : { stack, value: output['Value'] };
  }

  // Built on first use: most templates import nothing. Keyed by `<kind>:<name>`.
  private exports(): Map<string, (ExportDefinition & { region: string | undefined })[]> {
    if (this.table !== undefined) return this.table;
    const table = new Map<string, (ExportDefinition & { region: string | undefined })[]>();
    const add = (key: string, entry: ExportDefinition & { region: string | undefined }): void => {
      table.set(key, [...(table.get(key) ?? []), entry]);
    };
    for (const stack of this.stacks) {
      for (const output of Object.values(stack.outputs)) {
        if (!isRecord(output) || !isRecord(output['Export'])) continue;
        const name = asText(this.resolverFor(stack).resolve(output['Export']['Name']));
        if (typeof name === 'string') add(`export:${name}`, { stack, value: output['Value'], region: stack.region });
      }
      for (const resource of stack.resources.values()) {
        if (resource.type !== CROSS_REGION_WRITER) continue;
        // Not destructured as `exports`: CommonJS output would shadow the module's own `exports` here.
        const written = regionExportsOf(resource);
        for (const [name, value] of Object.entries(written.exports))
          add(`region:${name}`, { stack, value, region: written.region });
      }
    }
    this.table = table;
    return table;
  }
}

/**
 * The values a cross-region writer puts in SSM parameters, by parameter name (`WriterProps.exports`),
 * and the region it writes them to (`WriterProps.region`).
 */
export function regionExportsOf(writer: { properties(): Record<string, unknown> }): {
  region: string | undefined;
  exports: Record<string, unknown>;
} {
  let props: unknown;
  try {
    props = writer.properties()['WriterProps'];
  } catch {
    return { region: undefined, exports: {} };
  }
  if (!isRecord(props)) return { region: undefined, exports: {} };
  return {
    region: typeof props['region'] === 'string' ? props['region'] : undefined,
    exports: isRecord(props['exports']) ? props['exports'] : {},
  };
}

function concat2(prefix: string, value: PolicyValue, suffix = ''): PolicyValue {
  return typeof value === 'string' ? prefix + value + suffix : new SymbolicValue([prefix, ...value.parts, suffix]);
}

function escapeGlob(text: string): string {
  return text.replace(/[*?{}]/g, '?');
}

/**
 * What an ARN depends on when its value is chosen at deploy (a parameter, an import, an
 * expression), as text for messages; undefined when only the account or region is unknown.
 */
function chosenAtDeploy(arn: PolicyValue): string | undefined {
  if (!(arn instanceof SymbolicValue)) return undefined;
  const holes = arn.parts.filter((p) => typeof p !== 'string');
  const open = holes.filter(
    (h) => h.id !== 'AWS::AccountId' && h.id !== 'AWS::Region' && !h.id.endsWith(':AWS::StackName'),
  );
  return open.length === 0 ? undefined : open.map((h) => h.source).join(', ');
}

/**
 * Whether `value` designates the managed policy of this stack whose ARN is `arn`: the same
 * template, or that ARN written out with an account in place of the stack's. A customer managed
 * policy is attached, or made a boundary, only in its own account: the account written there is
 * the one the stack deploys to (`arn:aws:iam::111122223333:policy/app-boundary` for the policy
 * named `app-boundary` of a stack whose account is known only at deploy).
 */
function sameManagedPolicy(arn: SymbolicValue, value: PolicyValue): boolean {
  if (value instanceof SymbolicValue) return arn.equals(value);
  let at = 0;
  for (const part of arn.parts) {
    if (typeof part === 'string') {
      if (!value.startsWith(part, at)) return false;
      at += part.length;
    } else if (part.id === ACCOUNT_HOLE.id && /^\d{12}$/.test(value.slice(at, at + 12))) at += 12;
    else return false;
  }
  return at === value.length;
}

/** An SDK call of a custom resource: service and action lowercase, as the SDK names them. */
interface SdkCall {
  readonly service: string;
  readonly action: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** What an SDK call sets: where the policy is among its parameters, and whose policy it becomes. */
interface PolicySdkCall {
  readonly parameter: readonly string[];
  /**
   * A resource policy of a resource of this type, an inline policy of the principal named by a
   * parameter, a trust policy, a managed policy (an identity policy attached to no principal of the stack).
   */
  readonly sets: 'resource' | 'trust' | 'identity' | { readonly kind: PrincipalKind; readonly name: string };
  readonly type: string;
  /** A parameter that must hold this value for the call to set the policy (`AttributeName` `Policy`). */
  readonly when?: { readonly parameter: string; readonly equals: string };
}

const resourcePolicy = (parameter: readonly string[], type: string): PolicySdkCall => ({
  parameter,
  sets: 'resource',
  type,
});
const inlinePolicy = (kind: PrincipalKind, name: string): PolicySdkCall => ({
  parameter: ['PolicyDocument'],
  sets: { kind, name },
  type: 'AWS::IAM::Policy',
});

/**
 * SDK calls that set a policy, by `service:action` (lowercase, the SDK v3 package prefix and dashes
 * dropped). CloudWatch Logs `putResourcePolicy` is the call aws-cdk-lib makes itself for the log
 * delivery of an OpenSearch domain or an events rule (its service grants there are accepted by the
 * `logGroupResourcePolicy` default), and the one apps copy for the deliveries it does not make.
 */
const POLICY_SDK_CALLS: ReadonlyMap<string, PolicySdkCall> = new Map([
  ['opensearch:updatedomainconfig', resourcePolicy(['AccessPolicies'], 'AWS::OpenSearchService::Domain')],
  ['opensearch:createdomain', resourcePolicy(['AccessPolicies'], 'AWS::OpenSearchService::Domain')],
  ['es:updateelasticsearchdomainconfig', resourcePolicy(['AccessPolicies'], 'AWS::Elasticsearch::Domain')],
  [
    'elasticsearchservice:updateelasticsearchdomainconfig',
    resourcePolicy(['AccessPolicies'], 'AWS::Elasticsearch::Domain'),
  ],
  ['s3:putbucketpolicy', resourcePolicy(['Policy'], 'AWS::S3::BucketPolicy')],
  ['sqs:setqueueattributes', resourcePolicy(['Attributes', 'Policy'], 'AWS::SQS::QueuePolicy')],
  [
    'sns:settopicattributes',
    {
      ...resourcePolicy(['AttributeValue'], 'AWS::SNS::TopicPolicy'),
      when: { parameter: 'AttributeName', equals: 'Policy' },
    },
  ],
  ['kms:putkeypolicy', resourcePolicy(['Policy'], 'AWS::KMS::Key')],
  ['ecr:setrepositorypolicy', resourcePolicy(['policyText'], 'AWS::ECR::Repository')],
  ['secretsmanager:putresourcepolicy', resourcePolicy(['ResourcePolicy'], 'AWS::SecretsManager::ResourcePolicy')],
  ['cloudwatchlogs:putresourcepolicy', resourcePolicy(['policyDocument'], 'AWS::Logs::ResourcePolicy')],
  // Resource policies CloudFormation could not set when apps wrote these calls (a table's, for
  // Glue zero-ETL), or still cannot through an L2: the policy in the call is the resource's.
  ['dynamodb:putresourcepolicy', resourcePolicy(['Policy'], 'AWS::DynamoDB::Table')],
  ['kinesis:putresourcepolicy', resourcePolicy(['Policy'], 'AWS::Kinesis::ResourcePolicy')],
  ['backup:putbackupvaultaccesspolicy', resourcePolicy(['Policy'], 'AWS::Backup::BackupVault')],
  ['glue:putresourcepolicy', resourcePolicy(['PolicyInJson'], 'AWS::Glue::ResourcePolicy')],
  ['ssm:putresourcepolicy', resourcePolicy(['Policy'], 'AWS::SSM::ResourcePolicy')],
  ['xray:putresourcepolicy', resourcePolicy(['PolicyDocument'], 'AWS::XRay::ResourcePolicy')],
  // The event bus policy in one document (`Policy`); the older form (`Principal`, `Action`) is
  // read by `sdkCallBusPermission`.
  ['eventbridge:putpermission', resourcePolicy(['Policy'], 'AWS::Events::EventBus')],
  ['cloudwatchevents:putpermission', resourcePolicy(['Policy'], 'AWS::Events::EventBus')],
  // Policies written into IAM at deploy: what they grant is granted as if the template held them.
  ['iam:putrolepolicy', inlinePolicy('role', 'RoleName')],
  ['iam:putuserpolicy', inlinePolicy('user', 'UserName')],
  ['iam:putgrouppolicy', inlinePolicy('group', 'GroupName')],
  ['iam:updateassumerolepolicy', { parameter: ['PolicyDocument'], sets: 'trust', type: 'AWS::IAM::Role' }],
  ['iam:createrole', { parameter: ['AssumeRolePolicyDocument'], sets: 'trust', type: 'AWS::IAM::Role' }],
  ['iam:createpolicy', { parameter: ['PolicyDocument'], sets: 'identity', type: 'AWS::IAM::ManagedPolicy' }],
  ['iam:createpolicyversion', { parameter: ['PolicyDocument'], sets: 'identity', type: 'AWS::IAM::ManagedPolicy' }],
]);

/**
 * The function policy statement of a Lambda permission, from its properties (those of
 * `AWS::Lambda::Permission`, which are also the parameters of `AddPermission`); `read` gives a
 * property as text, or `undefined` when it is not set (a hole for a required one).
 */
function permissionStatement(sid: string, functionArn: PolicyValue, read: PropertyReader): Record<string, unknown> {
  const principalText = read('Principal', 'the principal of the permission', true);
  const isService = (text: PolicyValue | undefined): boolean =>
    typeof text === 'string' && /\.amazonaws\.com(\.cn)?$|\.amazon\.com$/.test(text);
  // A principal chosen at deploy among listed values (a mapping entry chosen by a parameter): each
  // of them is granted, as a service or an account as its text says.
  const choices = principalChoices(principalText);
  let principal: unknown;
  if (choices !== undefined) {
    const granted: Record<string, string[]> = {};
    for (const choice of choices) (granted[isService(choice) ? 'Service' : 'AWS'] ??= []).push(choice);
    principal = granted;
  } else if (principalText === '*') principal = '*';
  else if (isService(principalText)) principal = { Service: principalText };
  else principal = { AWS: principalText };
  const condition: Record<string, Record<string, unknown>> = {};
  const add = (operator: string, key: string, property: string): void => {
    const value = read(property, `\`${property}\` of the permission`);
    if (value !== undefined) (condition[operator] ??= {})[key] = value;
  };
  add('ArnLike', 'aws:SourceArn', 'SourceArn');
  add('StringEquals', 'aws:SourceAccount', 'SourceAccount');
  add('StringEquals', 'aws:PrincipalOrgID', 'PrincipalOrgID');
  add('StringEquals', 'lambda:FunctionUrlAuthType', 'FunctionUrlAuthType');
  add('StringEquals', 'lambda:EventSourceToken', 'EventSourceToken');
  // Since October 2025 a public function URL also needs `lambda:InvokeFunction` limited to calls
  // through the URL; aws-cdk-lib adds that permission with this property.
  add('Bool', 'lambda:InvokedViaFunctionUrl', 'InvokedViaFunctionUrl');
  const statement: Record<string, unknown> = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal,
    Action: read('Action', 'the action of the permission', true),
    Resource: functionArn,
  };
  if (Object.keys(condition).length > 0) statement['Condition'] = condition;
  return statement;
}

/** A statement a resource's properties make, and the choice made at deploy it is made on. */
interface MadeStatement {
  readonly statement: Record<string, unknown>;
  readonly choice?: DeployChoice | undefined;
}

function isMadeList(made: Record<string, unknown> | readonly MadeStatement[]): made is readonly MadeStatement[] {
  return Array.isArray(made);
}

/** Gives a property as text, `undefined` when it is not set (a hole for a required one). */
type PropertyReader = (property: string, what: string, required?: boolean) => PolicyValue | undefined;

/** The properties of `AWS::Lambda::Permission` that `permissionStatement` reads. */
const PERMISSION_PROPERTIES: readonly string[] = [
  'Principal',
  'Action',
  'SourceArn',
  'SourceAccount',
  'PrincipalOrgID',
  'FunctionUrlAuthType',
  'EventSourceToken',
  'InvokedViaFunctionUrl',
];

/** SDK calls that attach a managed policy (`PolicyArn`) to the principal a parameter names. */
const ATTACH_SDK_CALLS: ReadonlyMap<string, { readonly kind: PrincipalKind; readonly name: string }> = new Map([
  ['iam:attachrolepolicy', { kind: 'role', name: 'RoleName' }],
  ['iam:attachuserpolicy', { kind: 'user', name: 'UserName' }],
  ['iam:attachgrouppolicy', { kind: 'group', name: 'GroupName' }],
]);

/** The `{ service, action, parameters }` of an `AwsCustomResource` call (JSON text), if it is one. */
function sdkCallOf(resolved: Resolved): SdkCall | undefined {
  const text = typeof resolved === 'string' || resolved instanceof SymbolicValue ? resolved : undefined;
  const parsed = text === undefined ? undefined : parseJsonTextWithHoles(text);
  const call = parsed?.value;
  if (!isRecord(call)) return undefined;
  const { service, action, parameters } = call;
  if (typeof service !== 'string' || typeof action !== 'string' || !isRecord(parameters)) return undefined;
  return {
    service: service
      .toLowerCase()
      .replace(/^@aws-sdk\/client-/, '')
      .replace(/-/g, ''),
    action: action.toLowerCase().replace(/command$/, ''),
    parameters,
  };
}

/**
 * A pointer into a policy document as written, as a pointer into the document made of it, whose
 * statements `places` says are written where (undefined when they are in place); undefined when
 * the statement is not one of them.
 */
function handedPointer(pointer: string, places: readonly (string | undefined)[] | undefined): string | undefined {
  if (places === undefined) return pointer;
  const statement = /^\/Statement(?:\/\d+)?(?=\/|$)/.exec(pointer)?.[0];
  if (statement === undefined || pointer === '/Statement') return pointer;
  // A statement written in a branch of a `Fn::If` of its element is placed at that branch.
  let branch = -1;
  for (const [i, place] of places.entries())
    if (place !== undefined && place.length > statement.length && pointer.startsWith(`${place}/`))
      if (branch < 0 || place.length > (places[branch] ?? '').length) branch = i;
  if (branch >= 0) return `/Statement/${String(branch)}${pointer.slice((places[branch] ?? '').length)}`;
  const index = places.indexOf(statement);
  return index < 0 ? undefined : `/Statement/${String(index)}${pointer.slice(statement.length)}`;
}
