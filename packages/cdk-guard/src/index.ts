/** @iamgate/cdk-guard: iamgate for AWS CDK and CloudFormation, exported by name. */

// --- CDK ---
export { IamGuardAspect, IamGuard } from './cdk/aspect';
export type { IamGuardReport } from './cdk/aspect';
export { IamGuardValidation } from './cdk/validation-plugin';
export type { IamGuardValidationProps } from './cdk/validation-plugin';
export { CDK_INTERNALS } from './cdk/internals';
export type { CdkInternalName, CdkInternalDefault, CdkInternalsOption } from './cdk/internals';
export type { IamGuardProps } from './guard';
export type { SuppressionSpec } from './extract/suppressions';

// --- templates and cloud assemblies ---
export { parseTemplate } from './template/read-template';
export type { ParsedTemplate } from './template/read-template';
export { loadInputs } from './template/cloud-assembly';
export type { LoadedStacks } from './template/cloud-assembly';
export { templateSource } from './extract/stack-source';
export type { StackSource, SourceResource } from './extract/stack-source';
export { extractStacks } from './extract/extract';
export type { ExtractOptions } from './extract/extract';
export { scanInput, guardStacks } from './guard';

// --- CLI ---
export { main, CDK_GUARD_COMMAND } from './cli';
