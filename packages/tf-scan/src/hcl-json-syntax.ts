/**
 * Terraform's JSON configuration syntax (`*.tf.json`, as CDK for Terraform and other generators
 * write it) read into the shape @cdktf/hcl2json gives a `.tf` file, so that both are evaluated
 * alike. The two differ only in how blocks are written: JSON may give a single block as an object
 * where hcl2json always gives a list, and JSON strings are templates just as hcl2json renders
 * expressions (`"${aws_iam_role.r.arn}"`).
 */
import type * as Hcl2Json from '@cdktf/hcl2json';
import { recordDeclaredOrder, recordTextOrder } from './hcl-block-order';
import type { BlockForm } from './hcl-block-order';
import { parseJson } from './read-plan';
import { configurationFiles } from './tf-text';

/**
 * Whether a file name is one Terraform or OpenTofu reads as configuration (`main.tf`, `cdk.tf.json`,
 * OpenTofu's `main.tofu` and `main.tofu.json`), not one they ignore (`.#main.tf`).
 */
export function isConfigurationFile(name: string): boolean {
  return configurationFiles([name], 'opentofu').length === 1;
}

/**
 * The first of the diagnostics hcl2json joins in one message for file `name` (`main.tf:2,12-3,1:
 * Invalid multi-line string; ... main.tf:2,12-3,1: Unterminated template string; ...`): the others
 * follow from it, and each names the file by the name it was parsed under, not the user's.
 */
export function firstDiagnostic(message: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const next = new RegExp(` ${escaped}:\\d+,\\d+(?:-\\d+(?:,\\d+)?)?: `).exec(message);
  return next === null ? message : message.slice(0, next.index);
}

/** Whether a file name is one Terraform reads variable values from, in the root module. */
export function isVariablesFile(name: string): boolean {
  return ['terraform.tfvars', 'terraform.tfvars.json'].includes(name) || /\.auto\.tfvars(\.json)?$/.test(name);
}

/**
 * A configuration or variables file (its base name and text) parsed into hcl2json's shape; throws
 * hcl2json's error, or an `Error` that says what is wrong with the JSON.
 */
export async function parseTerraformFile(
  parse: typeof Hcl2Json.parse,
  name: string,
  text: string,
): Promise<Record<string, unknown>> {
  if (!name.endsWith('.json')) {
    const parsed = (await parse(name, text)) as Record<string, unknown>;
    if (!name.includes('.tfvars')) recordTextOrder(parsed, text);
    return parsed;
  }
  const parsed = parseJson(name, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  if (!isObject(parsed.value)) throw new Error('expected a JSON object of Terraform blocks');
  return name.includes('.tfvars') ? literalValues(parsed.value) : configurationOf(parsed.value);
}

/** Top-level block types, each with the number of labels its blocks take. */
export const BLOCK_LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  check: 1,
  removed: 0,
};

/**
 * Nested block types that JSON may write as one object, and that must become lists as hcl2json
 * writes blocks. A name not listed keeps an object value as an object (a map argument, `tags`).
 */
const NESTED_BLOCKS: ReadonlySet<string> = new Set([
  // aws_iam_policy_document
  'statement',
  'principals',
  'not_principals',
  'condition',
  // aws_iam_role, aws_glacier_vault, aws_lambda_function, and the meta blocks
  'inline_policy',
  'notification',
  'environment',
  'lifecycle',
  'content',
  'provisioner',
  'connection',
  'required_providers',
  'assume_role',
  'default_tags',
]);

function configurationOf(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [type, value] of Object.entries(json)) {
    if (type === '//') continue;
    const labels = BLOCK_LABELS[type];
    out[type] = labels === undefined ? value : labelled(value, labels);
  }
  // A variable's `type` is a type expression written as a string (`"list(string)"`), which
  // hcl2json renders as the expression it is. Its `default` is a literal value: Terraform reads it
  // without an evaluation context, where a JSON string is no template (`"home/${aws:username}/*"`
  // is that text, a policy variable).
  for (const blocks of Object.values(isObject(out['variable']) ? out['variable'] : {}))
    for (const block of Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : []) {
      const type = block['type'];
      if (typeof type === 'string' && !type.startsWith('${')) block['type'] = `\${${type}}`;
      if (block['default'] !== undefined) block['default'] = literal(block['default']);
    }
  return out;
}

/** A top-level block type's value: labels as nested objects down to a list of bodies. */
function labelled(value: unknown, labels: number): unknown {
  if (labels === 0) return bodies(value);
  // A list of objects at a label level repeats the level (`"resource": [{"aws_iam_role": ...}]`).
  const levels = Array.isArray(value) ? value : [value];
  const out: Record<string, unknown> = {};
  for (const level of levels) {
    if (!isObject(level)) continue;
    for (const [label, inner] of Object.entries(level)) {
      if (label === '//') continue;
      const normalized = labelled(inner, labels - 1);
      const before = out[label];
      out[label] =
        labels === 1 && Array.isArray(before) && Array.isArray(normalized)
          ? [...(before as unknown[]), ...(normalized as unknown[])]
          : labels > 1 && isObject(before) && isObject(normalized)
            ? { ...before, ...normalized }
            : normalized;
    }
  }
  return out;
}

/** One block body or a list of them, as a list of normalized bodies. */
function bodies(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isObject).map(body);
}

function body(block: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Terraform reads a JSON body's blocks in the order of its properties: `statement` before or
  // after `dynamic` places the generated statements after or before those written out.
  const forms: { label: string; form: BlockForm }[] = [];
  for (const [key, value] of Object.entries(block)) {
    if (key === '//') continue;
    if (key === 'dynamic' && isObject(value)) {
      const generated = dynamicBlocks(value);
      out[key] = generated;
      for (const [label, generators] of Object.entries(generated))
        forms.push(...(generators as unknown[]).map(() => ({ label, form: 'dynamic' as const })));
    } else if (NESTED_BLOCKS.has(key) && (isObject(value) || (Array.isArray(value) && value.every(isObject)))) {
      const written = bodies(value);
      out[key] = written;
      forms.push(...written.map(() => ({ label: key, form: 'written' as const })));
    } else out[key] = value;
  }
  recordDeclaredOrder(out, forms);
  return out;
}

/** `"dynamic": {"statement": {"for_each": ..., "iterator": "s", "content": {...}}}` as hcl2json writes it. */
function dynamicBlocks(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [label, generators] of Object.entries(value)) {
    if (label === '//') continue;
    out[label] = bodies(generators).map((generator) => {
      const iterator = generator['iterator'];
      // hcl2json renders the iterator's bare name as an expression; JSON writes the name alone.
      return typeof iterator === 'string' && !iterator.startsWith('${')
        ? { ...generator, iterator: `\${${iterator}}` }
        : generator;
    });
  }
  return out;
}

/** Values of a `.tfvars.json` file: literal, so that a `${` in one is text and not an interpolation. */
function literalValues(json: Record<string, unknown>): Record<string, unknown> {
  return literal(json) as Record<string, unknown>;
}

/** A JSON value as hcl2json writes the same literal value: each `${` and `%{` of its strings escaped. */
function literal(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  if (Array.isArray(value)) return value.map(literal);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
  return value;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
