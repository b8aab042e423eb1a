/**
 * `IamGuardAspect`: one line in a CDK app makes `cdk synth` refuse over-privileged IAM.
 *
 *     Aspects.of(app).add(new IamGuardAspect({ boundary: { required: true, allowed: [...] } }));
 *
 * Visiting only registers the analysis; it is set up once, over the whole scope, when CDK
 * validates the tree: after every aspect (including mutating ones such as
 * `PermissionsBoundary.of(scope).apply()`) has run and cross-stack references are resolved. Each
 * stack is then analyzed once, from its rendered template, before the assembly is written, so each
 * finding becomes an annotation on the offending construct.
 */
import { Annotations, AspectPriority, Aspects, CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import type { AspectOptions, IAspect, ISynthesisSession } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding, GuardResult, InputError, ScanInput } from '@iamgate/core';
import { checkSuppression, METADATA_KEY } from '../extract/suppressions';
import type { SuppressionSpec } from '../extract/suppressions';
import { checkProps, guardStacks } from '../guard';
import type { IamGuardProps } from '../guard';
import {
  nestedParameters,
  nestedStackLookup,
  stackNameOf,
  treeAssetFiles,
  treeExports,
  treePrecreatedRoles,
  treeStacks,
} from './tree-source';
import { withAssetApiBodies } from '../template/api-bodies';
import { withPrecreatedRoles } from '../template/precreated-roles';
import { templateSource } from '../extract/stack-source';
import type { StackSource } from '../extract/stack-source';
import { isRecord } from '../resolve/values';
import { isReportedType } from '../extract/extract';
import { checkReferences, followsFrom, resourcePointer } from '../template/check-references';

/** The result of the last analysis, for tests and tooling. */
export interface IamGuardReport {
  readonly input: ScanInput;
  readonly result: GuardResult;
}

/** The guard as a CDK Aspect. */
export class IamGuardAspect implements IAspect {
  /**
   * Adds the guard to `scope` with a priority after mutating aspects, and to each `Stage` under
   * it (a CDK Pipelines stage, for one): CDK synthesizes a stage on its own, before the aspects
   * of its parent run, so an aspect of the parent never reaches the stage's stacks. A stage
   * created after this call is still analyzed, its findings annotated on the first stack of the app.
   */
  static addTo(scope: IConstruct, props: IamGuardProps = {}): IamGuardAspect {
    const aspect = new IamGuardAspect(props);
    Aspects.of(scope).add(aspect, priority('READONLY'));
    for (const stage of stagesUnder(scope)) {
      if (!hasGuard(stage)) Aspects.of(stage).add(aspect, priority('READONLY'));
    }
    return aspect;
  }

  private readonly registered = new WeakSet<IConstruct>();
  /** How findings are annotated in a stack whose annotations are relayed (see `relayUnlessEmitted`). */
  private readonly emitters = new Map<IConstruct, Emit>();
  /** The last analysis of each scope (the scope the aspect was added to, and its stages). */
  private readonly reports = new Map<IConstruct, IamGuardReport>();

  constructor(private readonly props: IamGuardProps = {}) {
    checkProps(props);
  }

  /** The last analysis of this aspect (of every scope it checked), if it ran. */
  get report(): IamGuardReport | undefined {
    let merged: IamGuardReport | undefined;
    for (const report of this.reports.values()) merged = mergeReports(merged, report);
    return merged;
  }

  visit(node: IConstruct): void {
    // The first node visited under a scope is the scope the aspect was added to.
    const scope = scopeOf(node);
    if (this.registered.has(scope)) return;
    this.registered.add(scope);
    CHECKED.add(scope);
    let done = false;
    scope.node.addValidation({
      validate: () => {
        if (done) return [];
        done = true;
        return this.analyze(scope);
      },
    });
  }

  /**
   * Runs when the tree is validated. Each stack is analyzed from the template CDK renders for it
   * (so tokens are resolved once, by CDK itself, and the Aspect sees exactly what the CLI sees on
   * `cdk.out`), right before its annotations are collected; when the stack does not expose its
   * rendering, the whole tree is resolved here instead.
   */
  private analyze(scope: IConstruct): string[] {
    const stacks = stacksUnder(scope);
    this.reports.delete(scope);
    const failures: string[] = [];
    for (const stage of uncheckedStages(scope)) this.analyzeLateStage(stage, stacks[0], failures);
    // A stack outside the scope (the guard added to one stack, or to a construct in one) may still
    // define what the scope references: CDK resolves references within a stage, so all its stacks count.
    const stackExports = treeExports(stacksUnder(stageOf(scope)));
    if (
      stacks.length > 0 &&
      stacks.every((s) => typeof (s as unknown as RendersTemplate)._toCloudFormation === 'function')
    ) {
      for (const stack of stacks) this.analyzeWhenRendered(scope, stack, stackExports);
      return failures;
    }
    const { stacks: sources, byPath, byLogicalId } = treeStacks(scope);
    this.annotate(scope, sources, scope, byPath, byLogicalId, { stackExports });
    return failures;
  }

  private analyzeWhenRendered(owner: IConstruct, stack: Stack, stackExports: Exports): void {
    const enclosing = assetStackScope(stack);
    if (enclosing !== undefined) this.relayUnlessEmitted(stack, enclosing);
    const target = stack as unknown as RendersTemplate;
    const render = target._toCloudFormation.bind(stack);
    let analyzed = false;
    target._toCloudFormation = () => {
      const template = render();
      if (!analyzed) {
        analyzed = true;
        try {
          this.analyzeTemplate(owner, stack, template, stackExports);
        } catch (err) {
          // Fail closed: a crash of the guard must not pass silently.
          (this.emitters.get(stack) ?? annotateOn)(
            stack,
            'error',
            `[iamgate] the guard failed on this stack: ${(err instanceof Error ? err.message : String(err)).split('\n')[0] ?? ''}`,
          );
        }
      }
      return template;
    };
  }

  /**
   * A stack defined in another stack whose synthesizer writes its template as an asset (a stack
   * set's stack of a construct library) is no artifact: CDK collects the annotations of its
   * constructs nowhere, and an error on them would not fail `cdk synth`. When its synthesis emits
   * no artifact, what the guard annotated in it is annotated again on the construct it is defined
   * in, which the enclosing stack's artifact collects (CDK synthesizes inner stacks first).
   */
  private relayUnlessEmitted(stack: Stack, enclosing: IConstruct): void {
    const pending: [IConstruct, Level, string][] = [];
    this.emitters.set(stack, (construct, level, message) => {
      annotateOn(construct, level, message);
      pending.push([construct, level, message]);
    });
    const synthesizer = stack.synthesizer as unknown as Synthesizes;
    const synthesize = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = (session) => {
      const builder = session.assembly as unknown as AddsArtifacts;
      const own = Object.getOwnPropertyDescriptor(builder, 'addArtifact');
      const add = builder.addArtifact.bind(builder);
      let emitted = false;
      builder.addArtifact = (id, manifest) => {
        if (id === stack.artifactId) emitted = true;
        add(id, manifest);
      };
      try {
        synthesize(session);
      } finally {
        if (own !== undefined) Object.defineProperty(builder, 'addArtifact', own);
        else delete (builder as Partial<AddsArtifacts>).addArtifact;
      }
      if (emitted) return;
      const where = `stack \`${stack.node.path}\` is written as an asset of stack \`${Stack.of(enclosing).node.path}\``;
      for (const [construct, level, message] of pending)
        annotateOn(enclosing, level, `${message} (on \`${construct.node.path}\`: ${where})`);
    };
  }

  private analyzeTemplate(owner: IConstruct, stack: Stack, template: unknown, stackExports: Exports): void {
    // A nested stack is named as the CLI names it on the assembly; its own name is a token.
    const stackName = stackNameOf(stack);
    const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    const region = Token.isUnresolved(stack.region) ? undefined : stack.region;
    // Paths of the resources the extractor reports on (templates carry `aws:cdk:path` only when
    // path metadata is enabled).
    const paths = new Map<string, string>();
    const byPath = new Map<string, IConstruct>();
    const byLogicalId = new Map<string, IConstruct>();
    const visit = (construct: IConstruct): void => {
      for (const child of construct.node.children) {
        if (Stage.isStage(child) || (Stack.isStack(child) && child !== stack && !isNestedIn(child, stack))) continue;
        if (CfnResource.isCfnResource(child) && Stack.of(child) === stack && isReportedType(child.cfnResourceType)) {
          const logicalId = stack.resolve(child.logicalId) as string;
          paths.set(logicalId, child.node.path);
          byPath.set(child.node.path, child);
          byLogicalId.set(`${stackName ?? stack.node.path}/${logicalId}`, child);
        }
        visit(child);
      }
    };
    visit(stack);
    // A nested stack's parameters are the values its parent passes (references to the parent's
    // resources); a parent's `Fn::GetAtt [Nested, Outputs.Name]` is read from the nested stack.
    const sourceOf = new Map<Stack, StackSource>();
    const passedParameters = nestedParameters(stack, sourceOf);
    // An API definition written as an asset (`ApiDefinition.fromAsset`) is read from its staged file.
    const bodies = withAssetApiBodies(
      isRecord(template) ? template : {},
      () => treeAssetFiles(stack),
      stack.templateFile,
    );
    // An input the guard cannot read is not a pass: an error, as the CLI exits 2 and the plugin fails.
    const emit = this.emitters.get(stack) ?? annotateOn;
    for (const error of bodies.errors) emit(stack, 'error', inputErrorMessage(error));
    // The error is on the resource that holds what CloudFormation rejects.
    const broken = rejectedIn(stack, template);
    if (broken !== undefined) emit(resourceAt(stack, broken.pointer) ?? stack, 'error', inputErrorMessage(broken));
    // Roles `Role.customizeRoles` keeps out of the template are checked as the report describes them.
    const precreated = treePrecreatedRoles(stack);
    for (const error of precreated.errors) emit(stack, 'error', inputErrorMessage(error));
    const withRoles = withPrecreatedRoles(bodies.template, precreated.roles, precreated.logicalIdOf);
    for (const [logicalId, constructPath] of withRoles.paths) {
      paths.set(logicalId, constructPath);
      const construct = precreated.constructs.get(constructPath);
      if (construct !== undefined) byPath.set(constructPath, construct);
    }
    const source = templateSource(withRoles.template, {
      file: stack.templateFile,
      ...(stackName === undefined ? {} : { stackName }),
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
      paths,
      ...(passedParameters === undefined ? {} : { passedParameters }),
      nestedStack: nestedStackLookup(stack, sourceOf),
    });
    sourceOf.set(stack, source);
    this.annotate(owner, [source], stack, byPath, byLogicalId, {
      stackExports,
      rejected: broken === undefined ? [] : [broken],
    });
  }

  /**
   * A stage under the scope that no guard checked: created after `addTo`, or synthesized before
   * the guard was added (CDK Pipelines' `addStage` synthesizes the stage at once). Its assembly is
   * written already, so its stacks are analyzed from the tree here and the findings annotated on
   * `target`, a stack of the parent: they still fail the synthesis and are never skipped. Without
   * such a stack (an app of stages only), CDK would drop the annotations: the errors become
   * validation errors of the scope instead (`failures`), which fail the synthesis.
   */
  private analyzeLateStage(stage: Stage, target: Stack | undefined, failures: string[]): void {
    this.reports.delete(stage);
    const { stacks } = treeStacks(stage);
    const where = ` (in stage \`${stage.node.path}\`, synthesized before the guard could annotate it)`;
    // Its stacks' escape hatches are checked as the rendered ones are (see analyzeTemplate).
    const rejected: InputError[] = [];
    for (const stack of stacksUnder(stage)) {
      const render = (stack as unknown as Partial<RendersTemplate>)._toCloudFormation;
      const broken = rejectedIn(
        stack,
        typeof render === 'function' ? render.call<Stack, [], unknown>(stack) : undefined,
      );
      if (broken === undefined) continue;
      rejected.push(broken);
      const message = `${inputErrorMessage(broken)} (in stack \`${stack.node.path}\`)${where}`;
      if (target === undefined) failures.push(message);
      else Annotations.of(target).addError(message);
    }
    this.annotate(stage, stacks, target ?? stage, new Map(), new Map(), {
      suffix: where,
      rejected,
      ...(target === undefined ? { failures } : {}),
    });
    for (const inner of uncheckedStages(stage)) this.analyzeLateStage(inner, target, failures);
  }

  /** Runs the guard on `sources` for the analysis of `owner`, and annotates the constructs. */
  private annotate(
    owner: IConstruct,
    sources: StackSource[],
    scope: IConstruct,
    byPath: Map<string, IConstruct>,
    byLogicalId: Map<string, IConstruct>,
    { stackExports, suffix = '', failures, rejected = [] }: AnnotateOptions = {},
  ): void {
    const { input, result } = guardStacks(
      sources,
      this.props,
      stackExports === undefined ? {} : { exports: stackExports },
    );
    this.reports.set(owner, mergeReports(this.reports.get(owner), { input, result }));
    const target = (finding: Finding): IConstruct => {
      const { constructPath, stack, logicalId } = finding.location;
      return (
        (constructPath === undefined ? undefined : byPath.get(constructPath)) ??
        (stack !== undefined && logicalId !== undefined ? byLogicalId.get(`${stack}/${logicalId}`) : undefined) ??
        (finding.principal === undefined
          ? undefined
          : (byPath.get(`${finding.principal}/Resource`) ?? byPath.get(finding.principal))) ??
        scope
      );
    };
    const emit = this.emitters.get(scope) ?? annotateOn;
    for (const finding of result.findings) {
      const message = `[${finding.ruleId}] ${finding.message}${suffix}`;
      if (failures !== undefined) {
        if (finding.severity === 'error') failures.push(message);
        continue;
      }
      emit(target(finding), finding.severity, message);
    }
    // An input error (a policy that is not a document, a malformed suppression) makes a check
    // impossible: it fails the synthesis, as it makes the CLI exit 2 and the plugin fail.
    for (const error of result.errors) {
      if (rejected.some((broken) => followsFrom(error, broken))) continue;
      const message = `${inputErrorMessage(error)}${suffix}`;
      if (failures !== undefined) {
        failures.push(message);
        continue;
      }
      const logicalId = resourcePointer(error.pointer)?.logicalId;
      const construct =
        [...byLogicalId.entries()].find(([key]) => logicalId !== undefined && key.endsWith(`/${logicalId}`))?.[1] ??
        scope;
      emit(construct, 'error', message);
    }
  }
}

type Level = Finding['severity'];
type Emit = (construct: IConstruct, level: Level, message: string) => void;

function annotateOn(construct: IConstruct, level: Level, message: string): void {
  const annotations = Annotations.of(construct);
  if (level === 'error') annotations.addError(message);
  else if (level === 'warning') annotations.addWarning(message);
  else annotations.addInfo(message);
}

/** A stack's synthesizer; `synthesize` is public API of `IStackSynthesizer`. */
interface Synthesizes {
  synthesize(session: ISynthesisSession): void;
}

/** The part of the cloud assembly builder a synthesizer emits its artifact with. */
interface AddsArtifacts {
  addArtifact(id: string, manifest: unknown): void;
}

/**
 * The construct a stack is defined in, for a stack defined inside another stack that is neither
 * nested nor marked by aws-cdk-lib as part of its parent (a Service Catalog `ProductStack` is):
 * CDK collects its annotations only if its synthesizer emits an artifact for it.
 */
function assetStackScope(stack: Stack): IConstruct | undefined {
  if (stack.nestedStackParent !== undefined) return undefined;
  if ((stack as unknown as { _isTopLevelStack?: boolean })._isTopLevelStack === false) return undefined;
  const scope = stack.node.scope;
  for (let current = scope; current !== undefined; current = current.node.scope)
    if (Stack.isStack(current)) return scope;
  return undefined;
}

type Exports = ReturnType<typeof treeExports>;

/** How `annotate` reports what it finds beyond the constructs it targets. */
interface AnnotateOptions {
  /** The exports of the stage's stacks, which references of the analyzed stacks may read. */
  readonly stackExports?: Exports | undefined;
  /** Appended to every message (where a late stage's findings come from). */
  readonly suffix?: string;
  /** Where errors go instead of annotations, for a stage whose annotations CDK would drop. */
  readonly failures?: string[];
  /** What CloudFormation rejects in the analyzed templates, already reported: errors read below it are not. */
  readonly rejected?: readonly InputError[];
}

/**
 * An escape hatch (`addPropertyOverride`, `addOverride`) may name a resource, parameter or
 * condition the stack does not have, or write an intrinsic CloudFormation rejects: the guard would
 * otherwise read it as a value known at deploy. The first such problem of `stack`'s rendered template.
 */
function rejectedIn(stack: Stack, template: unknown): InputError | undefined {
  return isRecord(template) ? checkReferences(stack.templateFile, template, { cycles: false }) : undefined;
}

/** An input error as an annotation: what is wrong, and where in the template. */
function inputErrorMessage(error: InputError): string {
  return `[iamgate] ${error.message}${error.pointer === undefined || error.pointer === '' ? '' : ` (at \`${error.pointer}\`)`}`;
}

/** The L1 resource of `stack` at a template pointer (`/Resources/<logical id>/...`), if any. */
function resourceAt(stack: Stack, pointer: string | undefined): IConstruct | undefined {
  const logicalId = resourcePointer(pointer)?.logicalId;
  if (logicalId === undefined) return undefined;
  return stack.node
    .findAll()
    .find((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack && stack.resolve(c.logicalId) === logicalId);
}

/** A stack's rendering of its template; internal to aws-cdk-lib, stable since v1. */
interface RendersTemplate {
  _toCloudFormation(): unknown;
}

/** The stages under `scope`, at any depth. */
function stagesUnder(scope: IConstruct): Stage[] {
  return scope.node.findAll().filter((c): c is Stage => c !== scope && Stage.isStage(c));
}

function hasGuard(scope: IConstruct): boolean {
  return Aspects.of(scope).all.some((a) => a instanceof IamGuardAspect);
}

/** Scopes a guard (any instance) registered its analysis on: their stacks are checked. */
const CHECKED = new WeakSet<IConstruct>();

/** Stages under `scope`, not inside another stage, that no guard checked. */
function uncheckedStages(scope: IConstruct): Stage[] {
  const found: Stage[] = [];
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (!Stage.isStage(child)) visit(child);
      else if (!CHECKED.has(child)) found.push(child);
    }
  };
  visit(scope);
  return found;
}

/** The stage whose stacks `scope` belongs with: itself when it is one (an app is), else the nearest above. */
function stageOf(scope: IConstruct): IConstruct {
  return Stage.isStage(scope) ? scope : (Stage.of(scope) ?? scope.node.root);
}

function stacksUnder(scope: IConstruct): Stack[] {
  const stacks: Stack[] = [];
  const visit = (construct: IConstruct): void => {
    if (Stack.isStack(construct)) stacks.push(construct);
    for (const child of construct.node.children) if (!Stage.isStage(child)) visit(child);
  };
  visit(scope);
  return stacks;
}

function isNestedIn(child: Stack, stack: Stack): boolean {
  return child.nestedStackParent === stack;
}

function mergeReports(a: IamGuardReport | undefined, b: IamGuardReport): IamGuardReport {
  if (a === undefined) return b;
  const input: ScanInput = {
    principals: [...a.input.principals, ...b.input.principals],
    resources: [...a.input.resources, ...b.input.resources],
    policies: [...a.input.policies, ...b.input.policies],
    errors: [...a.input.errors, ...b.input.errors],
    identityProviders: [...(a.input.identityProviders ?? []), ...(b.input.identityProviders ?? [])],
    suppressions: [...(a.input.suppressions ?? []), ...(b.input.suppressions ?? [])],
    workloads: [...(a.input.workloads ?? []), ...(b.input.workloads ?? [])],
  };
  const result: GuardResult = {
    findings: [...a.result.findings, ...b.result.findings],
    suppressed: [...a.result.suppressed, ...b.result.suppressed],
    errors: [...a.result.errors, ...b.result.errors],
    summary: {
      error: a.result.summary.error + b.result.summary.error,
      warning: a.result.summary.warning + b.result.summary.warning,
      info: a.result.summary.info + b.result.summary.info,
      suppressed: a.result.summary.suppressed + b.result.summary.suppressed,
    },
  };
  return { input, result };
}

/**
 * The options that place an aspect at `level`. `AspectPriority` came with aws-cdk-lib 2.172;
 * before it, aspects run in the order they were added and take no options. The guard analyzes
 * when the tree is validated, after every aspect, in either case.
 */
function priority(level: 'READONLY' | 'MUTATING'): AspectOptions {
  const levels = AspectPriority as typeof AspectPriority | undefined;
  return levels === undefined ? {} : { priority: levels[level] };
}

// Stages are synthesized on their own: an aspect added to an app does not reach into them.
function scopeOf(node: IConstruct): IConstruct {
  let scope: IConstruct = node;
  for (let current = node.node.scope; current !== undefined; current = current.node.scope) {
    if (Aspects.of(current).all.some((a) => a instanceof IamGuardAspect)) scope = current;
    if (Stage.isStage(current)) break;
  }
  return scope;
}

/** Per-construct guard API: `IamGuard.suppress(construct, { rule, reason })`. */
export const IamGuard = {
  /**
   * Accepts a finding on a construct and everything below it. The suppression is recorded in the
   * template metadata of each L1 resource (an audit trail that survives logical-id changes and that
   * the `cdk-guard` CLI reads too). Throws when the suppression is malformed.
   */
  suppress(construct: IConstruct, suppression: SuppressionSpec): void {
    const issues = checkSuppression(suppression);
    if (issues.length > 0)
      throw new Error(`invalid iamgate suppression on \`${construct.node.path}\`: ${issues.join('; ')}`);
    const spec: SuppressionSpec = { ...suppression };
    // Recorded by a mutating aspect so that resources created after this call are covered too.
    Aspects.of(construct).add(
      {
        visit(node: IConstruct): void {
          if (!CfnResource.isCfnResource(node)) return;
          const existing = node.getMetadata(METADATA_KEY) as { suppressions?: SuppressionSpec[] } | undefined;
          const list = existing?.suppressions ?? [];
          if (!list.some((s) => JSON.stringify(s) === JSON.stringify(spec)))
            node.addMetadata(METADATA_KEY, { suppressions: [...list, spec] });
        },
      },
      priority('MUTATING'),
    );
  },
};
