/**
 * What an input file seems to be, told from its decoded value (or, for YAML a command cannot
 * parse, its text): so that a file given to the wrong command, or as a baseline, is named with
 * the command that reads it rather than refused for a missing member.
 */

/** The kinds of files the iamgate commands read or write. */
export type InputKind =
  | 'terraform-plan'
  | 'terraform-state'
  | 'cloudformation-template'
  | 'cdk-manifest'
  | 'policy-document'
  | 'iamgate-report'
  | 'iamgate-baseline'
  | 'sarif-log';

/** How every command names standard input in its messages. */
const STDIN = '<stdin>';

/** How a kind is said in a message. */
export const INPUT_KIND_NAMES: Readonly<Record<InputKind, string>> = {
  'terraform-plan': 'a Terraform plan (`terraform show -json` output)',
  'terraform-state': 'a Terraform state',
  'cloudformation-template': 'a CloudFormation template',
  'cdk-manifest': 'a CDK cloud assembly manifest',
  'policy-document': 'an IAM policy document',
  'iamgate-report': 'an iamgate JSON report (`--format json` output)',
  'iamgate-baseline': 'an iamgate baseline (`--write-baseline` output)',
  'sarif-log': 'a SARIF log',
};

/** The kind of a decoded JSON or YAML value, when it is one of {@link InputKind}; `undefined` otherwise. */
export function inputKindOf(value: unknown): InputKind | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value['format_version'] === 'string') {
    if (['planned_values', 'resource_changes', 'prior_state', 'configuration'].some((key) => key in value))
      return 'terraform-plan';
    if ('values' in value || 'terraform_version' in value) return 'terraform-state';
  }
  if (typeof value['version'] === 'number' && 'lineage' in value && 'resources' in value) return 'terraform-state';
  if (isRecord(value['Resources']) || 'AWSTemplateFormatVersion' in value) return 'cloudformation-template';
  if (isRecord(value['artifacts']) && typeof value['version'] === 'string') return 'cdk-manifest';
  if ('Statement' in value) return 'policy-document';
  if (value['version'] === 1 && Array.isArray(value['findings'])) {
    const tool = value['tool'];
    if (isRecord(tool) && tool['name'] === 'iamgate') return 'iamgate-report';
    if (tool === 'iamgate') return 'iamgate-baseline';
  }
  if (Array.isArray(value['runs']) && (typeof value['$schema'] === 'string' || value['version'] === '2.1.0'))
    return 'sarif-log';
  return undefined;
}

/**
 * The kind of YAML text that a reader of JSON alone (tf-scan) cannot parse: a CloudFormation
 * template or a policy document written as YAML, told by its top-level keys.
 */
export function inputKindOfText(text: string): InputKind | undefined {
  const top = new Set([...text.matchAll(/^([A-Za-z][A-Za-z0-9]*)\s*:/gm)].map((m) => m[1]));
  if (top.has('AWSTemplateFormatVersion') || (top.has('Resources') && /^\s+Type:\s*["']?(AWS|Custom)::/m.test(text)))
    return 'cloudformation-template';
  if (top.has('Statement') && (top.has('Version') || /^\s*-?\s*Effect:/m.test(text))) return 'policy-document';
  return undefined;
}

/** The command that reads a kind, for `file`; `undefined` for kinds no command scans (reports, baselines). */
function commandFor(kind: InputKind, file: string): string | undefined {
  // Standard input is piped again to the other command, which reads `-` as each command does.
  const stdin = file === STDIN;
  const shown = stdin ? '-' : shellWord(file);
  switch (kind) {
    case 'terraform-plan':
      return `tf-scan ${shown}`;
    case 'cloudformation-template':
      return `cdk-guard ${shown}`;
    case 'cdk-manifest':
      return `cdk-guard ${stdin ? 'CDK_OUT_DIR' : shellWord(directoryOf(file))}`;
    case 'policy-document':
      return `iamgate lint ${shown}`;
    default:
      return undefined;
  }
}

/**
 * One clause for a file that is `kind`, given to a command that expects `expected`:
 * "this looks like a CloudFormation template, not a Terraform plan: run `cdk-guard t.json`".
 */
export function wrongInputMessage(kind: InputKind, file: string, expected: string): string {
  const command = commandFor(kind, file);
  return `this looks like ${INPUT_KIND_NAMES[kind]}, not ${expected}${command === undefined ? '' : `: run \`${command}\``}`;
}

function directoryOf(file: string): string {
  const at = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return at < 0 ? '.' : at === 0 ? '/' : file.slice(0, at);
}

/** A file name as a shell word: quoted when it holds anything but the usual path characters. */
function shellWord(file: string): string {
  return /^[\w./@%+=:,-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
