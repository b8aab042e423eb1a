/**
 * One stack as the extractor reads it, whether it comes from a template file, a cloud assembly or
 * the construct tree while `cdk synth` runs (where properties are resolved only when needed).
 */
import { isRecord } from '../resolve/values';
import { transformedFrom, unreadTransforms } from '../template/includes';
import type { UnreadTransform } from '../template/includes';
import { readGlobals } from './sam-globals';
import type { RefusedGlobal } from './sam-globals';
import { MADE_BY, withServerlessFunctionUrls, withServerlessRoles } from './serverless';
import { withServerlessApiPolicies } from './serverless-api';
import { withServerlessConnectors } from './serverless-connectors';

/** One resource of a stack. */
export interface SourceResource {
  readonly logicalId: string;
  readonly type: string;
  /** The properties, intrinsics unresolved; computed on first use by lazy sources. */
  properties(): Record<string, unknown>;
  /** The resource's `Metadata` section. */
  metadata(): Record<string, unknown> | undefined;
  /** CDK construct path (`aws:cdk:path`), when known. */
  readonly constructPath?: string;
  /** The resource's `Condition`: it is created only when that condition is true. */
  readonly condition?: string;
  /** The 1-based line of its key under `Resources` in the stack's `file`, when read from that text. */
  readonly line?: number;
}

/**
 * The id findings give a resource of `stack`: its construct path without `/Resource`, else its
 * logical id under the stack's name (or nesting path), else its bare logical id.
 */
export function resourceId(stack: StackSource, resource: SourceResource): string {
  if (resource.constructPath !== undefined) return resource.constructPath.replace(/\/Resource$/, '');
  const name = stack.stackName ?? stack.nestingPath;
  return name === undefined ? resource.logicalId : `${name}/${resource.logicalId}`;
}

/** One stack: its resources and the template sections intrinsics look into. */
export interface StackSource {
  /** The template file, as the user named it. */
  readonly file?: string;
  /** The CloudFormation stack name, when known (cloud assembly, CDK app). */
  readonly stackName?: string;
  readonly account?: string;
  readonly region?: string;
  readonly resources: ReadonlyMap<string, SourceResource>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  /** The `Outputs` section: exports other stacks may import. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /**
   * The parameter values a parent stack passes to this nested stack: raw values, resolved in the
   * parent (a `!Ref` of the parent's table is that table).
   */
  readonly passedParameters?: PassedParameters;
  /**
   * For a nested stack of a template written by hand: the logical ids of the nested stack resources
   * from the template given down to it (`Outer/Inner`). A template nested twice is two stacks.
   */
  readonly nestingPath?: string;
  /**
   * The template's transforms other than those read here (SAM, language extensions): macros that
   * rewrite the template at deploy, whose output is not known.
   */
  readonly macros?: readonly string[];
  /** Nested stacks whose template is not in the input (logical id -> what names it): their IAM is not checked. */
  readonly unscannedNestedStacks?: ReadonlyMap<string, string>;
  /** Resources, or properties of resources, that an `Fn::Transform` inserts at deploy from outside the input. */
  readonly unreadTransforms?: readonly UnreadTransform[];
  /** Properties of the template's `Globals` the SAM transform refuses there (input errors; not merged). */
  readonly refusedGlobals?: readonly RefusedGlobal[];
  /**
   * The stack a nested stack resource of this stack creates, when its template is in the input:
   * `Fn::GetAtt [<logical id>, Outputs.<name>]` is that stack's output, resolved there.
   */
  nestedStack?(logicalId: string): StackSource | undefined;
}

/** Parameter values given by a parent stack, with the stack their intrinsics belong to. */
export interface PassedParameters {
  readonly parent: StackSource;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A stack from a parsed template; `paths` gives construct paths from an assembly manifest. */
export function templateSource(
  template: Record<string, unknown>,
  options: {
    file?: string;
    stackName?: string;
    account?: string;
    region?: string;
    paths?: ReadonlyMap<string, string>;
    unscannedNestedStacks?: ReadonlyMap<string, string>;
    passedParameters?: PassedParameters;
    nestingPath?: string;
    nestedStack?: (logicalId: string) => StackSource | undefined;
    /** Lines of the resources in the text of `file` (a template read from that file). */
    lines?: ReadonlyMap<string, number>;
  } = {},
): StackSource {
  const resources = new Map<string, SourceResource>();
  const written = isRecord(template['Resources']) ? template['Resources'] : {};
  const transforms = unreadTransforms(written);
  // Connectors after the roles: a function's connector attaches to the role SAM creates for it.
  const { globals, refused } = readGlobals(template['Globals']);
  const raw = withServerlessConnectors(
    withServerlessApiPolicies(
      withServerlessRoles(
        withServerlessFunctionUrls(transforms.length === 0 ? written : withoutTransforms(written), globals),
        globals,
      ),
      globals,
    ),
  );
  for (const [logicalId, body] of Object.entries(raw)) {
    if (!isRecord(body)) continue;
    const properties = isRecord(body['Properties']) ? body['Properties'] : {};
    const metadata = isRecord(body['Metadata']) ? body['Metadata'] : undefined;
    const fromMetadata = metadata?.['aws:cdk:path'];
    const constructPath = typeof fromMetadata === 'string' ? fromMetadata : options.paths?.get(logicalId);
    // A resource the SAM transform makes (a function's role) is declared by the resource that makes it.
    const madeBy = body[MADE_BY];
    const line =
      options.file === undefined
        ? undefined
        : (options.lines?.get(logicalId) ?? (typeof madeBy === 'string' ? options.lines?.get(madeBy) : undefined));
    resources.set(logicalId, {
      logicalId,
      type: typeof body['Type'] === 'string' ? body['Type'] : '',
      properties: () => properties,
      metadata: () => metadata,
      ...(constructPath === undefined ? {} : { constructPath }),
      ...(typeof body['Condition'] === 'string' ? { condition: body['Condition'] } : {}),
      ...(line === undefined ? {} : { line }),
    });
  }
  const section = (name: string): Record<string, unknown> => (isRecord(template[name]) ? template[name] : {});
  const macros = macrosOf(template['Transform']);
  return {
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.stackName === undefined ? {} : { stackName: options.stackName }),
    ...(options.account === undefined ? {} : { account: options.account }),
    ...(options.region === undefined ? {} : { region: options.region }),
    resources,
    parameters: section('Parameters'),
    mappings: section('Mappings'),
    conditions: section('Conditions'),
    outputs: section('Outputs'),
    ...(macros.length > 0 ? { macros } : {}),
    ...(options.unscannedNestedStacks === undefined ? {} : { unscannedNestedStacks: options.unscannedNestedStacks }),
    ...(transforms.length > 0 ? { unreadTransforms: transforms } : {}),
    ...(refused.length > 0 ? { refusedGlobals: refused } : {}),
    ...(options.passedParameters === undefined ? {} : { passedParameters: options.passedParameters }),
    ...(options.nestingPath === undefined ? {} : { nestingPath: options.nestingPath }),
    ...(options.nestedStack === undefined ? {} : { nestedStack: options.nestedStack }),
  };
}

/**
 * Transforms whose effect on a template is read here (SAM, language extensions), or whose IAM is
 * AWS's own and fixed: Secrets Manager's hosted rotation functions (CDK's `HostedRotation`, scoped
 * to the secret, as an AWS managed policy is; both versions CloudFormation accepts, aws-cdk-lib
 * writing the newer since 2.1xx) and CodeDeploy's blue/green hooks.
 */
const READ_TRANSFORMS: ReadonlySet<string> = new Set([
  'AWS::Serverless-2016-10-31',
  'AWS::LanguageExtensions',
  'AWS::SecretsManager-2020-07-23',
  'AWS::SecretsManager-2024-09-16',
  'AWS::CodeDeployBlueGreen',
]);

/**
 * The names of a template's `Transform` section (a name, a list of names, or `{Name, Parameters}`
 * entries such as `AWS::Include`) other than those read here.
 */
function macrosOf(transform: unknown): string[] {
  const entries = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return entries
    .map((entry) => (typeof entry === 'string' ? entry : isRecord(entry) ? entry['Name'] : undefined))
    .map((name) => (typeof name === 'string' ? name : 'a transform named by an intrinsic'))
    .filter((name) => !READ_TRANSFORMS.has(name));
}

/**
 * The resources without what an `Fn::Transform` inserts (reported apart as not checked): no
 * resource for one merged into the section or written as a resource, properties without one
 * merged into them.
 */
function withoutTransforms(resources: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [logicalId, body] of Object.entries(resources)) {
    if (logicalId === 'Fn::Transform' || transformedFrom(body) !== undefined) continue;
    const properties = isRecord(body) ? body['Properties'] : undefined;
    out[logicalId] =
      isRecord(body) && transformedFrom(properties) !== undefined
        ? {
            ...body,
            Properties: Object.fromEntries(
              Object.entries(properties as Record<string, unknown>).filter(([key]) => key !== 'Fn::Transform'),
            ),
          }
        : body;
  }
  return out;
}
