/**
 * `IamGuardAspect`: one line in a CDK app makes `cdk synth` refuse over-privileged IAM.
 *
 *     Aspects.of(app).add(new IamGuardAspect({ boundary: { required: true, allowed: [...] } }));
 *
 * Visiting only registers the analysis; it runs once, over the whole scope, when CDK validates
 * the tree: after every aspect (including mutating ones such as
 * `PermissionsBoundary.of(scope).apply()`) has run and cross-stack references are resolved, and
 * before the assembly is written, so each finding becomes an annotation on the offending construct.
 */
import { Annotations, AspectPriority, Aspects, CfnResource, Stage } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding, GuardResult, ScanInput } from '@iamgate/core';
import { checkSuppression, METADATA_KEY } from '../extract/suppressions';
import type { SuppressionSpec } from '../extract/suppressions';
import { checkProps, guardStacks } from '../guard';
import type { IamGuardProps } from '../guard';
import { treeStacks } from './tree-source';

/** The result of the last analysis, for tests and tooling. */
export interface IamGuardReport {
  readonly input: ScanInput;
  readonly result: GuardResult;
}

/** The guard as a CDK Aspect. */
export class IamGuardAspect implements IAspect {
  /** Adds the guard to `scope` with a priority after mutating aspects. */
  static addTo(scope: IConstruct, props: IamGuardProps = {}): IamGuardAspect {
    const aspect = new IamGuardAspect(props);
    Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
    return aspect;
  }

  private readonly registered = new WeakSet<IConstruct>();
  private lastReport: IamGuardReport | undefined;

  constructor(private readonly props: IamGuardProps = {}) {
    checkProps(props);
  }

  /** The last analysis of this aspect, if it ran. */
  get report(): IamGuardReport | undefined {
    return this.lastReport;
  }

  visit(node: IConstruct): void {
    // The first node visited under a scope is the scope the aspect was added to.
    const scope = scopeOf(node);
    if (this.registered.has(scope)) return;
    this.registered.add(scope);
    let done = false;
    scope.node.addValidation({
      validate: () => {
        if (!done) {
          done = true;
          this.analyze(scope);
        }
        return [];
      },
    });
  }

  private analyze(scope: IConstruct): void {
    const { stacks, byPath, byLogicalId } = treeStacks(scope);
    const { input, result } = guardStacks(stacks, this.props);
    this.lastReport = { input, result };
    const target = (finding: Finding): IConstruct => {
      const { constructPath, stack, logicalId } = finding.location;
      return (
        (constructPath === undefined ? undefined : byPath.get(constructPath)) ??
        (stack !== undefined && logicalId !== undefined ? byLogicalId.get(`${stack}/${logicalId}`) : undefined) ??
        (finding.principal === undefined ? undefined : byPath.get(`${finding.principal}/Resource`) ?? byPath.get(finding.principal)) ??
        scope
      );
    };
    for (const finding of result.findings) {
      const message = `[${finding.ruleId}] ${finding.message}`;
      const annotations = Annotations.of(target(finding));
      if (finding.severity === 'error') annotations.addError(message);
      else if (finding.severity === 'warning') annotations.addWarning(message);
      else annotations.addInfo(message);
    }
    for (const error of result.errors) {
      const logicalId = /^\/Resources\/([^/]+)/.exec(error.pointer ?? '')?.[1];
      const construct = [...byLogicalId.entries()].find(([key]) => logicalId !== undefined && key.endsWith(`/${logicalId}`))?.[1] ?? scope;
      Annotations.of(construct).addWarning(`[iamgate] ${error.message}`);
    }
  }
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

/** Per-construct guard API. */
export class IamGuard {
  /**
   * Accepts a finding on a construct and everything below it. The suppression is recorded in the
   * template metadata of each L1 resource (an audit trail that survives logical-id changes and that
   * the `cdk-guard` CLI reads too). Throws when the suppression is malformed.
   */
  static suppress(construct: IConstruct, suppression: SuppressionSpec): void {
    const issues = checkSuppression(suppression);
    if (issues.length > 0) throw new Error(`invalid iamgate suppression on \`${construct.node.path}\`: ${issues.join('; ')}`);
    const spec: SuppressionSpec = { ...suppression };
    // Recorded by a mutating aspect so that resources created after this call are covered too.
    Aspects.of(construct).add(
      {
        visit(node: IConstruct): void {
          if (!CfnResource.isCfnResource(node)) return;
          const existing = node.getMetadata(METADATA_KEY) as { suppressions?: SuppressionSpec[] } | undefined;
          const list = existing?.suppressions ?? [];
          if (!list.some((s) => JSON.stringify(s) === JSON.stringify(spec))) node.addMetadata(METADATA_KEY, { suppressions: [...list, spec] });
        },
      },
      { priority: AspectPriority.MUTATING },
    );
  }
}
