/**
 * The guard run shared by the Aspect, the validation plugin and the CLI: stacks -> scan input ->
 * engine. The CDK-internal defaults and the suppressions recorded in the templates travel in the
 * scan input (`ScanInput.suppressions`), so the CLI applies them exactly as the Aspect does.
 */
import { resolveConfig, runGuard } from '@iamgate/core';
import type { GuardConfig, GuardOptions, GuardResult, InputSuppression, ScanInput } from '@iamgate/core';
import { internalSuppressions, roleDefaults } from './cdk/internals';
import type { CdkInternalsOption } from './cdk/internals';
import { extractStacks } from './extract/extract';
import type { ExtractOptions } from './extract/extract';
import type { StackSource } from './extract/stack-source';

/** Props of the Aspect and the plugin: the `iamgate.config.json` object, plus CDK options. */
export interface IamGuardProps extends GuardConfig {
  /** Defaults for constructs aws-cdk-lib creates (see `CDK_INTERNALS`); `false` turns all off. */
  readonly cdkInternals?: CdkInternalsOption;
  /** `AWS::Partition` assumed before deploy (default `aws`). */
  readonly partition?: string;
}

/** Splits the props into the engine configuration and the adapter options. */
function splitProps(props: IamGuardProps): {
  config: GuardConfig;
  cdkInternals: CdkInternalsOption | undefined;
  partition: string;
} {
  const { cdkInternals, partition, ...config } = props;
  return { config, cdkInternals, partition: partition ?? 'aws' };
}

/** Validates the configuration part of the props; throws (at construction time) when invalid. */
export function checkProps(props: IamGuardProps): void {
  const result = resolveConfig(splitProps(props).config);
  if (!result.ok) {
    const issues = result.issues.map((i) => `${i.pointer === '' ? '/' : i.pointer}: ${i.message}`).join('; ');
    throw new Error(`invalid iamgate configuration: ${issues}`);
  }
}

/** The scan input of the stacks, with the enabled CDK-internal defaults as input suppressions. */
export function scanInput(
  stacks: readonly StackSource[],
  cdkInternals: CdkInternalsOption | undefined,
  partition: string,
  crossStack?: ExtractOptions['exports'],
): ScanInput {
  const input = extractStacks(stacks, { partition, ...(crossStack === undefined ? {} : { exports: crossStack }) });
  const defaults: InputSuppression[] = [
    ...internalSuppressions(cdkInternals),
    ...roleDefaults(stacks, cdkInternals),
  ].map(({ name, ...s }) => ({
    ...s,
    source: `cdk-guard default: ${name}`,
  }));
  return { ...input, suppressions: [...(input.suppressions ?? []), ...defaults] };
}

/** Extracts the stacks and runs the engine. */
export function guardStacks(
  stacks: readonly StackSource[],
  props: IamGuardProps,
  options: GuardOptions & { exports?: ExtractOptions['exports'] } = {},
): { input: ScanInput; result: GuardResult } {
  const { config, cdkInternals, partition } = splitProps(props);
  const { exports: crossStack, ...guardOptions } = options;
  const input = scanInput(stacks, cdkInternals, partition, crossStack);
  return { input, result: runGuard(input, config, guardOptions) };
}
