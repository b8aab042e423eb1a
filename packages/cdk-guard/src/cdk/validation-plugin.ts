/**
 * `IamGuardValidation`: the guard as a CDK policy-validation plugin, run by CDK on the synthesized
 * templates; its violations appear in CDK's validation report.
 *
 *     Validations.of(app).addPlugins(new IamGuardValidation({ ... }));
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReport,
  PolicyValidationPluginReportBeta1,
  PolicyViolation,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';
import { atOrAbove } from '@iamgate/core';
import type { Finding, InputError, Severity } from '@iamgate/core';
import { checkProps, guardStacks } from '../guard';
import type { IamGuardProps } from '../guard';
import type { PassedParameters, StackSource } from '../extract/stack-source';
import { templateSource } from '../extract/stack-source';
import { parseTemplate } from '../template/read-template';
import { checkReferences, followsFrom, resourcePointer } from '../template/check-references';
import { readAssetFiles, withAssetApiBodies } from '../template/api-bodies';
import type { AssetFiles } from '../template/api-bodies';
import { isRecord } from '../resolve/values';
import { stackNameOf, treePrecreatedRoles } from './tree-source';
import { withPrecreatedRoles } from '../template/precreated-roles';
import { enclosingAssembly, readInputs } from '../template/cloud-assembly';

/** Props of the plugin: the guard props and the lowest severity that fails validation. */
export interface IamGuardValidationProps extends IamGuardProps {
  /** Default `error`. */
  readonly failOn?: Severity | 'never';
}

/**
 * A violation as both plugin interfaces read it: `new App({ policyValidationBeta1: [...] })` takes
 * the Beta1 one, whose violating resources always name their logical id and template.
 */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- `new App({ policyValidationBeta1 })` takes only this form
type Violation = PolicyViolation & PolicyViolationBeta1;

/** The guard as a policy-validation plugin (given to `Validations.of(app)` or to `App` as Beta1). */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- `new App({ policyValidationBeta1 })` takes only this form
export class IamGuardValidation implements IPolicyValidationPlugin, IPolicyValidationPluginBeta1 {
  readonly name = 'iamgate';
  readonly version = '0.1.0';

  constructor(private readonly props: IamGuardValidationProps = {}) {
    checkProps(withoutFailOn(props));
  }

  // eslint-disable-next-line @typescript-eslint/no-deprecated -- `new App({ policyValidationBeta1 })` takes only this form
  validate(context: IPolicyValidationContext): PolicyValidationPluginReport & PolicyValidationPluginReportBeta1 {
    // aws-cdk-lib before 2.265 gives the plugin only the paths of the templates (the Beta1
    // context): the stacks are read from the cloud assembly, as `cdk-guard cdk.out` reads them.
    if ((context as Partial<IPolicyValidationContext>).appConstruct === undefined) {
      const loaded = assemblyStacks(context.templatePaths);
      return this.report(loaded.stacks, loaded.violations, []);
    }
    const stacks: StackSource[] = [];
    const violations: Violation[] = [];
    const stackConstructs = new Map<string, Stack>();
    const pathsByStack = new Map<Stack, Map<string, string>>();
    const nestedOf = new Map<Stack, Stack[]>();
    for (const construct of context.appConstruct.node.findAll()) {
      if (Stack.isStack(construct)) {
        stackConstructs.set(path.basename(construct.templateFile), construct);
        const parent = construct.nestedStackParent;
        if (parent !== undefined) nestedOf.set(parent, [...(nestedOf.get(parent) ?? []), construct]);
      }
      // Construct paths from the tree: templates carry `aws:cdk:path` only when path metadata is on.
      if (CfnResource.isCfnResource(construct)) {
        const stack = Stack.of(construct);
        let paths = pathsByStack.get(stack);
        if (paths === undefined) pathsByStack.set(stack, (paths = new Map<string, string>()));
        paths.set(stack.resolve(construct.logicalId) as string, construct.node.path);
      }
    }
    // The template file each stack was read from (nested stacks included).
    const loaded = new Map<Stack, string>();
    // API definitions written as assets of the assembly (`ApiDefinition.fromAsset`), by assembly directory.
    const assetsByDirectory = new Map<string, AssetFiles>();
    // Per template, what an escape hatch left for CloudFormation to reject.
    const rejected: InputError[] = [];
    const assetsOf = (directory: string): AssetFiles => {
      let found = assetsByDirectory.get(directory);
      if (found === undefined) assetsByDirectory.set(directory, (found = readAssetFiles(directory)));
      return found;
    };
    // CDK gives the plugin the templates of the stacks it deploys; a `NestedStack`'s template is an
    // asset written beside its parent's, read here with the parameters its parent passes.
    const load = (
      templatePath: string,
      stack: Stack | undefined,
      passed?: PassedParameters,
    ): StackSource | undefined => {
      let text: string;
      try {
        text = readFileSync(templatePath, 'utf8');
      } catch {
        violations.push(inputViolation(templatePath, 'the template cannot be read'));
        return undefined;
      }
      // A stack CDK deploys (not a nested one) may be empty: the CDK CLI skips it.
      const parsed = parseTemplate(templatePath, text, { synthesized: passed === undefined });
      if (!parsed.ok) {
        violations.push(inputViolation(templatePath, parsed.error.message));
        return undefined;
      }
      // An escape hatch may name a resource the stack does not have: CloudFormation rejects it.
      const broken = checkReferences(templatePath, parsed.template, { cycles: false });
      if (broken !== undefined) {
        violations.push(inputViolation(templatePath, broken.message, broken.pointer));
        rejected.push(broken);
      }
      const bodies = withAssetApiBodies(parsed.template, assetsOf(path.dirname(templatePath)), templatePath);
      for (const error of bodies.errors) violations.push(inputViolation(error.file, error.message, error.pointer));
      // A nested stack is named as the CLI names it on the assembly; its own name is a token.
      const stackName = stack === undefined ? undefined : stackNameOf(stack);
      const account = stack === undefined || Token.isUnresolved(stack.account) ? undefined : stack.account;
      const region = stack === undefined || Token.isUnresolved(stack.region) ? undefined : stack.region;
      // Roles `Role.customizeRoles` keeps out of the template are checked as the report describes them.
      const precreated = stack === undefined ? undefined : treePrecreatedRoles(stack);
      for (const error of precreated?.errors ?? [])
        violations.push(inputViolation(templatePath, error.message, error.pointer));
      const withRoles =
        precreated === undefined
          ? { template: bodies.template, paths: new Map<string, string>() }
          : withPrecreatedRoles(bodies.template, precreated.roles, precreated.logicalIdOf);
      const treePaths = stack === undefined ? undefined : pathsByStack.get(stack);
      const paths =
        withRoles.paths.size === 0
          ? treePaths
          : new Map([...(treePaths ?? new Map<string, string>()), ...withRoles.paths]);
      const children = new Map<string, StackSource>();
      const source = templateSource(withRoles.template, {
        file: templatePath,
        ...(stackName === undefined ? {} : { stackName }),
        ...(account === undefined ? {} : { account }),
        ...(region === undefined ? {} : { region }),
        ...(paths === undefined ? {} : { paths }),
        ...(passed === undefined ? {} : { passedParameters: passed }),
        // `Fn::GetAtt [Nested, Outputs.Name]` of the parent is read from the nested template.
        nestedStack: (logicalId) => children.get(logicalId),
      });
      stacks.push(source);
      if (stack !== undefined) loaded.set(stack, templatePath);
      const resources = isRecord(parsed.template['Resources']) ? parsed.template['Resources'] : {};
      for (const nested of stack === undefined ? [] : (nestedOf.get(stack) ?? [])) {
        const resource = nested.nestedStackResource;
        if (resource === undefined) continue;
        const logicalId = Stack.of(resource).resolve(resource.logicalId) as string;
        const body = resources[logicalId];
        const properties = isRecord(body) && isRecord(body['Properties']) ? body['Properties'] : {};
        const values = isRecord(properties['Parameters']) ? properties['Parameters'] : {};
        const child = load(path.join(path.dirname(templatePath), nested.templateFile), nested, {
          parent: source,
          values,
        });
        if (child !== undefined) children.set(logicalId, child);
      }
      return source;
    };
    for (const { templatePath } of context.stackTemplates)
      load(templatePath, stackConstructs.get(path.basename(templatePath)));
    // A stack whose template CDK writes as a file asset of the stack it is defined in (a Service
    // Catalog `ProductStack`, a stack set's stack) is no deployment artifact: CDK does not hand it
    // to the plugin, yet its IAM is deployed, by provisioning or to the stack set's accounts.
    for (const [stack, parent] of assetStacks([...stackConstructs.values()], loaded)) {
      const parentTemplate = loaded.get(parent);
      if (parentTemplate === undefined) continue;
      const templatePath = path.join(path.dirname(parentTemplate), stack.templateFile);
      if (existsSync(templatePath)) load(templatePath, stack);
      else
        violations.push(
          inputViolation(
            parentTemplate,
            `the template of stack \`${stack.node.path}\`, written as an asset of \`${parent.node.path}\`, is not in the assembly (\`${stack.templateFile}\`)`,
          ),
        );
    }
    return this.report(stacks, violations, rejected);
  }

  /** Guards `stacks` and reports their findings after the input errors met reading them (`violations`). */
  private report(
    stacks: readonly StackSource[],
    violations: Violation[],
    rejected: readonly InputError[],
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- `new App({ policyValidationBeta1 })` takes only this form
  ): PolicyValidationPluginReport & PolicyValidationPluginReportBeta1 {
    const { result } = guardStacks(stacks, withoutFailOn(this.props));
    for (const finding of result.findings) violations.push(violationOf(finding));
    for (const error of result.errors) {
      if (!rejected.some((broken) => followsFrom(error, broken)))
        violations.push(inputViolation(error.file, error.message, error.pointer));
    }
    const failOn = this.props.failOn ?? 'error';
    const failing = failOn !== 'never' && result.findings.some((f) => atOrAbove(f.severity, failOn));
    // An input the guard could not read (a template, an API definition) is not a pass.
    const unread = violations.some((v) => v.ruleName === INPUT_ERROR);
    return { success: !failing && !unread && result.errors.length === 0, violations, pluginVersion: this.version };
  }
}

const INPUT_ERROR = 'iamgate/input-error';

/**
 * The stacks of the given templates, read from the cloud assembly that holds them (its manifest
 * names each stack's environment and construct paths, its assets the nested stacks' templates,
 * its IAM policy report the roles `Role.customizeRoles` keeps out), with the input errors met. A
 * stage's assembly is read through the app's that holds it.
 */
function assemblyStacks(templatePaths: readonly string[]): { stacks: StackSource[]; violations: Violation[] } {
  const given = new Set(templatePaths.map((file) => path.resolve(file)));
  const directories = new Set([...given].map((file) => path.dirname(file)));
  const roots = [...new Set([...directories].map(enclosingAssembly))];
  const loaded = readInputs(roots, process.cwd());
  // Only the stacks CDK gave (an assembly also holds the stacks of stages the plugin is not on),
  // with the stacks nested in them.
  const kept = new Set<StackSource>();
  const isKept = (stack: StackSource): boolean => {
    if (kept.has(stack)) return true;
    const parent = stack.passedParameters?.parent;
    const keep =
      (stack.file !== undefined && given.has(path.resolve(stack.file))) || (parent !== undefined && isKept(parent));
    if (keep) kept.add(stack);
    return keep;
  };
  const stacks = loaded.stacks.filter(isKept);
  const dropped = new Set(loaded.stacks.filter((stack) => !kept.has(stack)).map((stack) => stack.file));
  const violations = loaded.errors
    .filter((error) => !dropped.has(error.file))
    .map((error) => inputViolation(error.file, error.message, error.pointer));
  return { stacks, violations };
}

/**
 * The stacks of the tree that CDK did not give as templates and that are defined inside another
 * stack without being nested stacks, each with that stack: their synthesizer writes the template
 * beside the stack's own, as one of its file assets.
 */
function assetStacks(stacks: readonly Stack[], given: ReadonlyMap<Stack, string>): [Stack, Stack][] {
  const found: [Stack, Stack][] = [];
  for (const stack of stacks) {
    if (given.has(stack) || stack.nestedStackParent !== undefined) continue;
    let scope = stack.node.scope;
    while (scope !== undefined && !Stack.isStack(scope)) scope = scope.node.scope;
    if (scope !== undefined) found.push([stack, scope]);
  }
  return found;
}

function withoutFailOn(props: IamGuardValidationProps): IamGuardProps {
  const copy: IamGuardValidationProps & { failOn?: unknown } = { ...props };
  delete copy.failOn;
  return copy;
}

function violationOf(finding: Finding): Violation {
  const { location } = finding;
  return {
    ruleName: finding.ruleId,
    description: finding.message,
    severity: finding.severity,
    violatingResources: [
      {
        resourceLogicalId: location.logicalId ?? '',
        ...(location.constructPath === undefined ? {} : { constructPath: location.constructPath }),
        templatePath: location.file ?? '',
        locations: [location.pointer ?? ''],
      },
    ],
    ruleMetadata: {
      fingerprint: finding.fingerprint,
      ...(finding.principal === undefined ? {} : { principal: finding.principal }),
    },
  };
}

function inputViolation(file: string, message: string, pointer?: string): Violation {
  const logicalId = resourcePointer(pointer)?.logicalId;
  return {
    ruleName: INPUT_ERROR,
    description: message,
    severity: 'error',
    violatingResources: [{ resourceLogicalId: logicalId ?? '', templatePath: file, locations: [pointer ?? ''] }],
  };
}
