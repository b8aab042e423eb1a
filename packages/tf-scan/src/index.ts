/** @iamgate/tf-scan: Terraform plans (`terraform show -json`) to the iamgate scan input. */
export { extractPlan } from './extract';
export { extractFiles } from './scan';
export { extractConfiguration } from './hcl-config';
export type { ExtractOptions } from './scan';
export { decodeText, parseJson, parsePlanText } from './read-plan';
export { validatePlan, SUPPORTED_FORMAT_MAJORS } from './validate-plan';
