/**
 * Stacks read from the construct tree while `cdk synth` runs. Properties are resolved only for
 * the resources the extractor reads (IAM resources, resource policies, and the resources they
 * refer to), so the guard costs a fraction of synthesis.
 */
import {
  CfnCondition,
  CfnElement,
  CfnMapping,
  CfnOutput,
  CfnParameter,
  CfnResource,
  Stack,
  Stage,
  Token,
} from 'aws-cdk-lib';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import type { PassedParameters, SourceResource, StackSource } from '../extract/stack-source';
import { CROSS_REGION_WRITER, regionExportsOf } from '../extract/extract';
import type { CrossStackRef } from '../extract/extract';
import { isRecord } from '../resolve/values';
import { assetLocation, withAssetApiBodies } from '../template/api-bodies';
import type { AssetFiles } from '../template/api-bodies';
import { METADATA_KEY } from '../extract/suppressions';
import { readPolicyReport } from '../template/precreated-roles';
import type { PrecreatedRole } from '../template/precreated-roles';
import type { InputError } from '@iamgate/core';

/** The id of the construct aws-cdk-lib adds at the root of an app that customizes its roles. */
const POLICY_SYNTHESIZER_ID = 'PolicySynthesizer';

/** The members of an `aws-s3-assets` `Asset` read here (duck-typed: the app may load its own aws-cdk-lib). */
interface FileAssetConstruct {
  readonly isFile: boolean;
  readonly assetPath: string;
  readonly s3BucketName: string;
  readonly s3ObjectKey: string;
}

function isFileAsset(construct: IConstruct): construct is IConstruct & FileAssetConstruct {
  const c = construct as Partial<Record<keyof FileAssetConstruct, unknown>>;
  return (
    c.isFile === true &&
    typeof c.assetPath === 'string' &&
    typeof c.s3BucketName === 'string' &&
    typeof c.s3ObjectKey === 'string'
  );
}

/**
 * The file assets of `stack` (`ApiDefinition.fromAsset`): where the template says each is uploaded
 * -> the file staged in the assembly directory. The asset manifest is written after the template,
 * so the Aspect reads them from the asset constructs.
 */
export function treeAssetFiles(stack: Stack): AssetFiles {
  const found = new Map<string, string>();
  const outdir = Stage.of(stack)?.outdir;
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Stage.isStage(child) || Stack.isStack(child)) continue;
      if (isFileAsset(child)) {
        const bucket = stack.resolve(child.s3BucketName) as unknown;
        const key = stack.resolve(child.s3ObjectKey) as unknown;
        const sub = isRecord(bucket) ? bucket['Fn::Sub'] : undefined;
        const name = typeof bucket === 'string' ? bucket : typeof sub === 'string' ? sub : undefined;
        if (name !== undefined && typeof key === 'string')
          found.set(assetLocation(name, key), path.resolve(outdir ?? '.', child.assetPath));
      }
      visit(child);
    }
  };
  visit(stack);
  return found;
}

/**
 * The name of a stack in findings (`location.stack`), when known before deploy: a top-level
 * stack's CloudFormation name; for a `NestedStack` (whose own name is a token) the one the CLI
 * gives it on the cloud assembly, the top-level stack's name and the nested stack's construct path
 * below it (`Api/Inner`, as CDK names the nested template's asset).
 */
export function stackNameOf(stack: Stack): string | undefined {
  let top = stack;
  while (top.nestedStackParent !== undefined) top = top.nestedStackParent;
  if (Token.isUnresolved(top.stackName)) return undefined;
  if (top === stack) return stack.stackName;
  const below = stack.node.path.startsWith(`${top.node.path}/`)
    ? stack.node.path.slice(top.node.path.length + 1)
    : stack.node.id;
  return `${top.stackName}/${below}`;
}

/** Resource types whose API definition may be an asset of the assembly. */
const API_TYPES: ReadonlySet<string> = new Set(['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api']);

/**
 * A REST API whose definition is an asset (`ApiDefinition.fromAsset`), with the definition read
 * from its staged file; one that cannot be read stays as written (not checked, reported so).
 */
function withAssetDefinition(resource: SourceResource, assets: () => AssetFiles): SourceResource {
  let properties: Record<string, unknown> | undefined;
  return {
    ...resource,
    properties: () => {
      if (properties === undefined) {
        const { template } = withAssetApiBodies(
          { Resources: { [resource.logicalId]: { Type: resource.type, Properties: resource.properties() } } },
          assets(),
          resource.logicalId,
        );
        const body = isRecord(template['Resources']) ? template['Resources'][resource.logicalId] : undefined;
        properties = isRecord(body) && isRecord(body['Properties']) ? body['Properties'] : resource.properties();
      }
      return properties;
    },
  };
}

/** CfnResource's rendering of itself, with overrides applied; internal to aws-cdk-lib but stable. */
interface RendersCloudFormation {
  _toCloudFormation(): object;
}

/** The stacks under `scope` (not crossing into nested stages) with their L1 resources. */
export function treeStacks(scope: IConstruct): {
  stacks: StackSource[];
  byPath: Map<string, IConstruct>;
  byLogicalId: Map<string, IConstruct>;
} {
  const perStack = new Map<Stack, CfnElement[]>();
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Stage.isStage(child)) continue;
      if (CfnElement.isCfnElement(child)) {
        const stack = Stack.of(child);
        let list = perStack.get(stack);
        if (list === undefined) perStack.set(stack, (list = []));
        list.push(child);
      }
      visit(child);
    }
  };
  visit(scope);
  const stacks: StackSource[] = [];
  const sourceOf = new Map<Stack, StackSource>();
  const byPath = new Map<string, IConstruct>();
  const byLogicalId = new Map<string, IConstruct>();
  for (const [stack, elements] of perStack) {
    const stackName = stackNameOf(stack);
    let assets: AssetFiles | undefined;
    const resources = new Map<string, SourceResource>();
    const parameters: Record<string, unknown> = {};
    const mappings: Record<string, unknown> = {};
    const conditions: Record<string, unknown> = {};
    for (const element of elements) {
      const logicalId = stack.resolve(element.logicalId) as string;
      if (element instanceof CfnResource) {
        byPath.set(element.node.path, element);
        byLogicalId.set(`${stackName ?? stack.node.path}/${logicalId}`, element);
        const resource = lazyResource(stack, element, logicalId);
        resources.set(
          logicalId,
          API_TYPES.has(resource.type)
            ? withAssetDefinition(resource, () => (assets ??= treeAssetFiles(stack)))
            : resource,
        );
      } else if (element instanceof CfnParameter) {
        parameters[logicalId] = { Type: element.type };
      } else if (element instanceof CfnMapping || element instanceof CfnCondition) {
        const rendered = renderSection(stack, element);
        Object.assign(element instanceof CfnMapping ? mappings : conditions, rendered);
      }
    }
    const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    const region = Token.isUnresolved(stack.region) ? undefined : stack.region;
    const passedParameters = nestedParameters(stack, sourceOf);
    const outputs = lazyOutputs(stack, elements);
    const source: StackSource = {
      file: stack.templateFile,
      ...(stackName === undefined ? {} : { stackName }),
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
      resources,
      parameters,
      mappings,
      conditions,
      get outputs() {
        return outputs();
      },
      ...(passedParameters === undefined ? {} : { passedParameters }),
      nestedStack: nestedStackLookup(stack, sourceOf),
    };
    sourceOf.set(stack, source);
    stacks.push(source);
  }
  return { stacks, byPath, byLogicalId };
}

/**
 * The parameters a `NestedStack`'s parent passes to it (the references to the parent's resources
 * CDK turns into parameters), read from the parent's `AWS::CloudFormation::Stack` when first used.
 */
export function nestedParameters(
  stack: Stack,
  sourceOf: ReadonlyMap<Stack, StackSource> = new Map(),
): PassedParameters | undefined {
  const parent = stack.nestedStackParent;
  const resource = stack.nestedStackResource;
  if (parent === undefined || resource === undefined) return undefined;
  let values: Readonly<Record<string, unknown>> | undefined;
  let parentSource: StackSource | undefined;
  return {
    // One source per parent, so that its references are resolved once.
    get parent(): StackSource {
      parentSource ??= sourceOf.get(parent) ?? treeStackSource(parent, sourceOf);
      return parentSource;
    },
    get values(): Readonly<Record<string, unknown>> {
      if (values === undefined) {
        try {
          const logicalId = parent.resolve(resource.logicalId) as string;
          const given = lazyResource(parent, resource, logicalId).properties()['Parameters'];
          values = isRecord(given) ? given : {};
        } catch {
          values = {};
        }
      }
      return values;
    },
  };
}

/**
 * One stack of the tree as a lazy source (for resolving what other stacks import from it, or what
 * a parent reads of its nested stack); `sourceOf` gives the sources already built for other stacks.
 */
function treeStackSource(stack: Stack, sourceOf: ReadonlyMap<Stack, StackSource> = new Map()): StackSource {
  const elements: CfnElement[] = [];
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Stage.isStage(child) || Stack.isStack(child)) continue;
      if (CfnElement.isCfnElement(child)) elements.push(child);
      visit(child);
    }
  };
  visit(stack);
  const resources = new Map<string, SourceResource>();
  const parameters: Record<string, unknown> = {};
  // A parent's mappings and conditions decide the values it passes to its nested stacks.
  const mappings: Record<string, unknown> = {};
  const conditions: Record<string, unknown> = {};
  for (const element of elements) {
    if (element instanceof CfnResource) {
      const logicalId = stack.resolve(element.logicalId) as string;
      resources.set(logicalId, lazyResource(stack, element, logicalId));
    } else if (element instanceof CfnParameter) {
      parameters[stack.resolve(element.logicalId) as string] = { Type: element.type };
    } else if (element instanceof CfnMapping || element instanceof CfnCondition) {
      Object.assign(element instanceof CfnMapping ? mappings : conditions, renderSection(stack, element));
    }
  }
  const stackName = stackNameOf(stack);
  const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
  const region = Token.isUnresolved(stack.region) ? undefined : stack.region;
  const passedParameters = nestedParameters(stack, sourceOf);
  const outputs = lazyOutputs(stack, elements);
  return {
    file: stack.templateFile,
    ...(stackName === undefined ? {} : { stackName }),
    ...(account === undefined ? {} : { account }),
    ...(region === undefined ? {} : { region }),
    resources,
    parameters,
    mappings,
    conditions,
    get outputs() {
      return outputs();
    },
    ...(passedParameters === undefined ? {} : { passedParameters }),
    nestedStack: nestedStackLookup(stack, sourceOf),
  };
}

/**
 * The nested stacks of `stack` by the logical id of their `AWS::CloudFormation::Stack` resource,
 * each a source built once (or the one `sourceOf` has), read when a parent's
 * `Fn::GetAtt [Nested, Outputs.Name]` is first resolved.
 */
export function nestedStackLookup(
  stack: Stack,
  sourceOf: ReadonlyMap<Stack, StackSource> = new Map(),
): (logicalId: string) => StackSource | undefined {
  let children: Map<string, Stack> | undefined;
  const built = new Map<Stack, StackSource>();
  return (logicalId) => {
    if (children === undefined) {
      const found = new Map<string, Stack>();
      const visit = (construct: IConstruct): void => {
        for (const child of construct.node.children) {
          if (Stage.isStage(child)) continue;
          if (Stack.isStack(child)) {
            const resource = child.nestedStackResource;
            if (child.nestedStackParent === stack && resource !== undefined)
              found.set(stack.resolve(resource.logicalId) as string, child);
            continue;
          }
          visit(child);
        }
      };
      visit(stack);
      children = found;
    }
    const child = children.get(logicalId);
    if (child === undefined) return undefined;
    let source = sourceOf.get(child) ?? built.get(child);
    if (source === undefined) built.set(child, (source = treeStackSource(child, sourceOf)));
    return source;
  };
}

/** The `Outputs` of a stack's `CfnOutput`s, rendered on first use. */
function lazyOutputs(stack: Stack, elements: readonly CfnElement[]): () => Readonly<Record<string, unknown>> {
  let outputs: Record<string, unknown> | undefined;
  return () => {
    if (outputs === undefined) {
      outputs = {};
      for (const element of elements) {
        if (element instanceof CfnOutput) Object.assign(outputs, renderSection(stack, element));
      }
    }
    return outputs;
  };
}

/**
 * The values the stacks of the tree give other stacks, and where each is defined: exports by
 * name, what their cross-region writers put in SSM parameters (`crossRegionReferences: true`) by
 * parameter name, and outputs read with `Fn::GetStackOutput` (weak references) by stack and name.
 */
export function treeExports(
  stacks: readonly Stack[],
): (ref: CrossStackRef) => { stack: StackSource; value: unknown } | undefined {
  let table: Map<string, { stack: Stack; output: CfnOutput }> | undefined;
  let writers: Map<string, { stack: Stack; value: unknown }> | undefined;
  const sources = new Map<Stack, StackSource>();
  const sourceOf = (stack: Stack): StackSource => {
    let source = sources.get(stack);
    if (source === undefined) sources.set(stack, (source = treeStackSource(stack)));
    return source;
  };
  const byRegion = (name: string): { stack: StackSource; value: unknown } | undefined => {
    if (writers === undefined) {
      writers = new Map();
      for (const stack of stacks) {
        for (const construct of stack.node.findAll()) {
          if (!CfnResource.isCfnResource(construct) || Stack.of(construct) !== stack) continue;
          if (construct.cfnResourceType !== CROSS_REGION_WRITER) continue;
          const writer = sourceOf(stack).resources.get(stack.resolve(construct.logicalId) as string);
          if (writer === undefined) continue;
          for (const [parameter, value] of Object.entries(regionExportsOf(writer).exports))
            writers.set(parameter, { stack, value });
        }
      }
    }
    const found = writers.get(name);
    return found === undefined ? undefined : { stack: sourceOf(found.stack), value: found.value };
  };
  // `Fn::GetStackOutput`: the output of the stack of that name (and region, when both are known).
  const byOutput = (
    ref: Extract<CrossStackRef, { kind: 'output' }>,
  ): { stack: StackSource; value: unknown } | undefined => {
    for (const stack of stacks) {
      if (stackNameOf(stack) !== ref.stackName) continue;
      if (ref.region !== undefined && !Token.isUnresolved(stack.region) && stack.region !== ref.region) continue;
      if (ref.account !== undefined && !Token.isUnresolved(stack.account) && stack.account !== ref.account) continue;
      const source = sourceOf(stack);
      const output = source.outputs[ref.outputName];
      if (isRecord(output)) return { stack: source, value: output['Value'] };
    }
    return undefined;
  };
  return (ref) => {
    if (ref.kind === 'region') return byRegion(ref.name);
    if (ref.kind === 'output') return byOutput(ref);
    const name = ref.name;
    if (table === undefined) {
      table = new Map();
      for (const stack of stacks) {
        const visit = (construct: IConstruct): void => {
          for (const child of construct.node.children) {
            if (Stage.isStage(child) || Stack.isStack(child)) continue;
            if (child instanceof CfnOutput && child.exportName !== undefined) {
              const exportName = stack.resolve(child.exportName) as unknown;
              if (typeof exportName === 'string') table?.set(exportName, { stack, output: child });
            }
            visit(child);
          }
        };
        visit(stack);
      }
    }
    const found = table.get(name);
    if (found === undefined) return undefined;
    return { stack: sourceOf(found.stack), value: found.stack.resolve(found.output.value) as unknown };
  };
}

function lazyResource(stack: Stack, resource: CfnResource, logicalId: string): SourceResource {
  let rendered: Record<string, unknown> | undefined;
  const render = (): Record<string, unknown> => {
    if (rendered === undefined) {
      const template = stack.resolve((resource as unknown as RendersCloudFormation)._toCloudFormation()) as unknown;
      const resources = isRecord(template) && isRecord(template['Resources']) ? template['Resources'] : {};
      const body = resources[logicalId] ?? Object.values(resources)[0];
      rendered = isRecord(body) ? body : {};
    }
    return rendered;
  };
  return {
    logicalId,
    type: resource.cfnResourceType,
    constructPath: resource.node.path,
    properties: () => {
      const properties = render()['Properties'];
      return isRecord(properties) ? properties : {};
    },
    // Only the guard's own metadata is read, without rendering the resource.
    metadata: () => {
      const own = resource.getMetadata(METADATA_KEY) as unknown;
      return own === undefined ? undefined : { [METADATA_KEY]: stack.resolve(own) as unknown };
    },
  };
}

function renderSection(stack: Stack, element: CfnElement): Record<string, unknown> {
  try {
    const template = stack.resolve((element as unknown as RendersCloudFormation)._toCloudFormation()) as unknown;
    if (!isRecord(template)) return {};
    const section =
      element instanceof CfnMapping
        ? template['Mappings']
        : element instanceof CfnOutput
          ? template['Outputs']
          : template['Conditions'];
    return isRecord(section) ? section : {};
  } catch {
    return {};
  }
}

/** What the construct tree says of the roles `Role.customizeRoles` keeps out of `stack`'s template. */
export interface TreePrecreatedRoles {
  readonly roles: readonly PrecreatedRole[];
  /** The role constructs, by construct path (for the annotations). */
  readonly constructs: ReadonlyMap<string, IConstruct>;
  /** The logical id in `stack` of the resource at a construct path. */
  readonly logicalIdOf: (constructPath: string) => string | undefined;
  readonly errors: readonly InputError[];
}

/**
 * The roles of `stack` in the IAM policy report CDK writes when it synthesizes: the report is
 * built from the tree by the construct CDK adds at the root (the file is written after the
 * Aspect runs). Building it converts the report's own references in place, as CDK does when it
 * writes the file; doing it twice gives the same report.
 */
export function treePrecreatedRoles(stack: Stack): TreePrecreatedRoles {
  const root = stack.node.root;
  const byPath = (constructPath: string): IConstruct | undefined => {
    let at: IConstruct | undefined = root;
    for (const id of constructPath.split('/')) at = at?.node.tryFindChild(id);
    return at;
  };
  const logicalIdOf = (constructPath: string): string | undefined => {
    const found = byPath(constructPath);
    return found !== undefined && CfnElement.isCfnElement(found) && Stack.of(found) === stack
      ? (stack.resolve(found.logicalId) as string)
      : undefined;
  };
  const synthesizer = root.node.tryFindChild(POLICY_SYNTHESIZER_ID) as { createJsonReport?: unknown } | undefined;
  if (typeof synthesizer?.createJsonReport !== 'function')
    return { roles: [], constructs: new Map(), logicalIdOf, errors: [] };
  // CDK writes its report after the templates, resolving the references of the statements it
  // holds in place (`(REGION)` for `{"Ref": "AWS::Region"}`): objects the policies of the
  // template share. Made now, from copies, so that the templates are not changed.
  const view = Object.create(synthesizer) as Record<string, unknown>;
  for (const key of ['roleReport', 'managedPolicyReport'] as const)
    view[key] = plainCopy((synthesizer as Record<string, unknown>)[key]);
  const report = (synthesizer.createJsonReport as () => unknown).call(view);
  // No role customized: CDK writes no report (its object has no `roles`).
  if (isRecord(report) && report['roles'] === undefined)
    return { roles: [], constructs: new Map(), logicalIdOf, errors: [] };
  const read = readPolicyReport(report, stack.templateFile);
  const constructs = new Map<string, IConstruct>();
  const roles = read.roles.filter((role) => {
    const construct = byPath(role.constructPath);
    if (construct === undefined || Stack.of(construct) !== stack) return false;
    constructs.set(role.constructPath, construct);
    return true;
  });
  return { roles, constructs, logicalIdOf, errors: read.errors };
}

/** `value` with its arrays and plain objects copied, at any depth; other objects (constructs, tokens) shared. */
function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, plainCopy(element)]));
}
