/**
 * `iamgate lint FILE|DIR... [--type T]`: lints standalone policy documents (JSON or YAML) through
 * the shared scan command. A directory contributes its `*.json`, `*.yaml` and `*.yml` files.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { InputError, ScanInput, StandalonePolicyInput } from '../analysis/input';
import type { PolicyType } from '../model/policy';
import { guessPolicyType } from '../model/guess-type';
import { readFailure, readInputFile } from './fs-error';
import type { CliIo } from './io';
import { inputKindOf, wrongInputMessage } from './input-kind';
import { decodeDataBytes, parseDataFile, parseJsonText } from './read-data';
import type { ScanCommandSpec } from './scan-command';
import { didYouMean, runScanCommand } from './scan-command';

/** How standard input is named in findings and errors. */
const STDIN = '<stdin>';

const TYPES: readonly PolicyType[] = ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp'];
const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The `iamgate lint` command. */
export const LINT_COMMAND: ScanCommandSpec = {
  name: 'iamgate lint',
  usage: 'usage: iamgate lint FILE|DIR|-... [--type identity|resource|trust|boundary|scp|rcp] [options]',
  extraOptions: [
    {
      name: '--type',
      takesValue: true,
      valueName: 'TYPE',
      description: 'identity | resource | trust | boundary | scp | rcp (default: guessed from each document)',
    },
  ],
  extract: ({ files, options, written, io }) => extractPolicies(files, options['--type'], written, io),
};

/** `iamgate lint`. */
export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  return runScanCommand(LINT_COMMAND, argv, io);
}

async function extractPolicies(
  args: readonly string[],
  typeOption: string | boolean | undefined,
  written: readonly string[],
  io: CliIo,
): Promise<ScanInput> {
  if (args.length === 0) throw new Error('no input: give policy files or directories');
  if (args.filter((arg) => arg === '-').length > 1) throw new Error('standard input (`-`) can be read only once');
  if (typeOption !== undefined && !(TYPES as readonly (string | boolean)[]).includes(typeOption)) {
    const given = String(typeOption);
    throw new Error(`unknown --type \`${given}\`${didYouMean(given, TYPES) || ` (expected ${TYPES.join(', ')})`}`);
  }
  const declared = typeOption as PolicyType | undefined;
  const errors: InputError[] = [];
  const policies: StandalonePolicyInput[] = [];
  /** Adds the policy of one file's text, or the error that keeps it out. */
  const add = (shown: string, file: string, text: string, json: boolean): void => {
    // Said alike of an empty file and of empty standard input, rather than as a JSON syntax error.
    if (text.trim() === '') {
      errors.push({ file: shown, message: 'is empty, expected a policy document' });
      return;
    }
    const decoded = json ? parseJsonText(text) : parseDataFile(text, file);
    if (!decoded.ok) {
      errors.push({ file: shown, message: decoded.message });
      return;
    }
    const otherTool = anotherToolsInput(decoded.value);
    if (otherTool !== undefined) {
      errors.push({
        file: shown,
        message: `${otherTool.what}, not a policy document: scan it with \`${otherTool.command}\``,
      });
      return;
    }
    // What iamgate writes (a JSON report, a baseline, SARIF) linted as a policy would be only errors.
    const kind = inputKindOf(decoded.value);
    if (kind === 'iamgate-report' || kind === 'iamgate-baseline' || kind === 'sarif-log') {
      errors.push({ file: shown, message: wrongInputMessage(kind, shown, 'a policy document') });
      return;
    }
    const response = awsCliResponse(decoded.value);
    if (response !== undefined) {
      errors.push({
        file: shown,
        pointer: response.pointer,
        message: `${response.what}, not a policy document: lint the policy it holds alone (\`${response.query}\` prints it)`,
      });
      return;
    }
    // A JSON file is checked as its text, so that a member it names twice is seen (`JSON.parse`
    // keeps only the last); YAML refuses duplicate keys itself.
    const document = json ? text : decoded.value;
    policies.push({
      policy: { id: shown, name: basename(file), document, location: { file: shown } },
      type: declared ?? guessPolicyType(decoded.value),
    });
  };
  // What this run writes (`--output`, `--write-baseline`) is no input of a folder it lists: a report
  // written into the linted folder would be read back, as an input error, by the next run.
  const writtenHere = new Set(written.map((file) => resolve(io.cwd, file)));
  const linted = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      // Standard input (given once, as checked above): JSON when it starts as JSON does, YAML otherwise.
      let bytes: Buffer;
      try {
        bytes = await io.readStdin();
      } catch (error) {
        errors.push({ file: STDIN, message: readFailure(error) });
        continue;
      }
      // Decoded as a file is: UTF-8, or UTF-16 with a byte order mark (PowerShell's pipe).
      const decoded = decodeDataBytes(bytes);
      if (!decoded.ok) {
        errors.push({ file: STDIN, message: decoded.message });
        continue;
      }
      const text = decoded.text;
      add(STDIN, STDIN, text, /^\s*[[{]/.test(text));
      continue;
    }
    const path = resolve(io.cwd, arg);
    let files: string[];
    try {
      files = statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((name) => EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
            .sort()
            .map((name) => join(path, name))
            .filter((file) => !writtenHere.has(file))
        : [path];
    } catch (error) {
      // A folder that cannot be listed is there: said as what stops it, not as missing.
      errors.push({ file: arg, message: readFailure(error) });
      continue;
    }
    // A folder with nothing to lint would pass as "no findings": say so, as tf-scan and cdk-guard do.
    if (files.length === 0) {
      errors.push({
        file: arg,
        message: 'holds no .json, .yaml or .yml file (folders inside it are not read: name them)',
      });
      continue;
    }
    for (const file of files) {
      // A file named twice, or named beside its folder, is linted once.
      if (linted.has(file)) continue;
      linted.add(file);
      // A path given whole is shown whole (`/dev/null`, not `../../dev/null`).
      const shown = isAbsolute(arg) ? file : relative(io.cwd, file) || file;
      let bytes: Buffer;
      try {
        bytes = readInputFile(file);
      } catch (error) {
        errors.push({ file: shown, message: readFailure(error) });
        continue;
      }
      const text = decodeDataBytes(bytes);
      if (!text.ok) {
        errors.push({ file: shown, message: text.message });
        continue;
      }
      add(shown, file, text.text, file.toLowerCase().endsWith('.json'));
    }
  }
  return { principals: [], resources: [], policies, errors };
}

/**
 * What another iamgate command reads, given to `lint` by mistake: a Terraform plan or state, a
 * CloudFormation template, a CDK cloud assembly manifest. A document with a `Statement` is a
 * policy whatever else it holds.
 */
function anotherToolsInput(value: unknown): { what: string; command: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const top = value as Record<string, unknown>;
  if ('Statement' in top) return undefined;
  const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (
    typeof top['format_version'] === 'string' &&
    ['terraform_version', 'resource_changes', 'planned_values', 'values', 'prior_state', 'configuration'].some(
      (key) => key in top,
    )
  )
    return { what: 'a Terraform plan or state (`terraform show -json` output)', command: 'tf-scan FILE' };
  if (isObject(top['Resources']) || 'AWSTemplateFormatVersion' in top)
    return { what: 'a CloudFormation template', command: 'cdk-guard FILE' };
  if (isObject(top['artifacts']) && typeof top['version'] === 'string')
    return { what: 'a CDK cloud assembly manifest', command: 'cdk-guard CDK_OUT_DIR' };
  return undefined;
}

/**
 * An AWS CLI (or API) response that holds a policy document instead of being one: what
 * `aws iam get-policy-version` and its kin print, and the form policy collections keep AWS managed
 * policies in. Linted as a document, it would only report the envelope's members as unknown
 * elements; the policy inside is at `pointer`.
 */
function awsCliResponse(value: unknown): { what: string; pointer: string; query: string } | undefined {
  if (!isPlainObject(value) || 'Statement' in value) return undefined;
  const version = value['PolicyVersion'];
  if (isPlainObject(version) && 'Document' in version)
    return {
      what: 'an `aws iam get-policy-version` response',
      pointer: '/PolicyVersion/Document',
      query: '--query PolicyVersion.Document',
    };
  const role = value['Role'];
  if (isPlainObject(role) && 'AssumeRolePolicyDocument' in role)
    return {
      what: 'an `aws iam get-role` response',
      pointer: '/Role/AssumeRolePolicyDocument',
      query: '--query Role.AssumeRolePolicyDocument',
    };
  if ('PolicyDocument' in value && typeof value['PolicyName'] === 'string') {
    const owner = ['Role', 'User', 'Group'].find((kind) => typeof value[`${kind}Name`] === 'string');
    return {
      what: `an \`aws iam get-${owner?.toLowerCase() ?? 'role'}-policy\` response`,
      pointer: '/PolicyDocument',
      query: '--query PolicyDocument',
    };
  }
  // `aws s3api get-bucket-policy`, `aws lambda get-policy`, `aws kms get-key-policy`, ...: the
  // policy as JSON text.
  const text = value['Policy'];
  if (typeof text === 'string' && /^\s*\{/.test(text))
    return {
      what: 'an AWS CLI response holding a policy as JSON text',
      pointer: '/Policy',
      query: '--query Policy --output text',
    };
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
