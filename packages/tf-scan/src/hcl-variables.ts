/**
 * The values of the root module's variables as `terraform plan` takes them, for the plan-less
 * reading (`tf-scan --hcl DIR`): `TF_VAR_name` environment variables, then `terraform.tfvars`,
 * `terraform.tfvars.json` and the `*.auto.tfvars(.json)` files in name order, then `-var` and
 * `-var-file` in command-line order, each later one winning. What Terraform refuses (a variables
 * file that is missing or not valid, a `-var` without `=` or for a variable the root module does
 * not declare, a reference or function call in a value) is an error naming where; a value for an
 * undeclared variable in a file is Terraform's warning, told and ignored.
 */
import { stat } from 'node:fs/promises';
import { readFailure, readInputFile } from '@iamgate/core';
import * as path from 'node:path';
import type * as Hcl2Json from '@cdktf/hcl2json';
import { callsAnywhere, referencesOf } from './hcl-eval';
import { UnsupportedHcl, parseHclAttribute, parseHclAttributeIfSupported } from './hcl-expression';
import { firstDiagnostic, isObject, isVariablesFile, parseTerraformFile } from './hcl-json-syntax';
import { HclInputError, invalidHcl } from './hcl-input-error';

/** A value given on the command line: `-var 'NAME=VALUE'`, or `-var-file FILE` (its path, and as the user wrote it). */
type VariableArgument =
  | { readonly kind: 'var'; readonly text: string }
  | { readonly kind: 'file'; readonly file: string; readonly display: string };

/** Where the root module's variables get values besides their defaults and the directory's own files. */
export interface VariableSources {
  /** The environment, for its `TF_VAR_name` variables. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** `-var` and `-var-file`, in command-line order. */
  readonly arguments?: readonly VariableArgument[];
  /** Told Terraform's warnings (a value for a variable the root module does not declare), one line each. */
  readonly note?: (line: string) => void;
}

/** The root module as far as its variables go. */
export interface RootVariables {
  readonly directory: string;
  readonly display: string;
  /** The names in the root directory. */
  readonly names: readonly string[];
  /** Its parsed configuration files (overrides merged). */
  readonly files: readonly { readonly parsed: Record<string, unknown> }[];
}

/**
 * How Terraform reads a value given as text (`-var`, `TF_VAR_`) for a variable: as it is when the
 * variable has no type or a primitive one, as an HCL expression otherwise (`list(string)`, `any`).
 */
type ParsingMode = 'literal' | 'hcl';

/** The values the root module's variables are given, and where each comes from. */
export interface RootValues {
  /** The raw values (as hcl2json renders a `.tfvars` file), by variable name. */
  readonly values: Record<string, unknown>;
  /** Where the value that won comes from, as an error names it (`infra/terraform.tfvars:3`, `-var 'x=1'`, `TF_VAR_x`). */
  readonly origins: ReadonlyMap<string, string>;
}

/**
 * The raw values of the root module's declared variables that something besides a default sets,
 * by name, with where each comes from; throws an `Error` of one line for what Terraform refuses.
 */
export async function rootVariableValues(
  parse: typeof Hcl2Json.parse,
  root: RootVariables,
  sources: VariableSources = {},
): Promise<RootValues> {
  const declared = declaredVariables(root.files);
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const set = (name: string, raw: unknown, origin: string): void => {
    Object.defineProperty(values, name, { value: raw, enumerable: true, writable: true, configurable: true });
    origins.set(name, origin);
  };
  // Environment variables for undeclared names are ignored without a word, as Terraform ignores them.
  for (const [name, mode] of declared) {
    const text = sources.environment?.[`TF_VAR_${name}`];
    if (text !== undefined) set(name, await textValue(parse, `TF_VAR_${name}`, name, text, mode), `TF_VAR_${name}`);
  }
  const rank = (n: string): number => (n === 'terraform.tfvars' ? 0 : n === 'terraform.tfvars.json' ? 1 : 2);
  const automatic = root.names
    .filter(isVariablesFile)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of automatic) {
    const shown = path.join(root.display, name);
    const text = await readVariablesFile(path.join(root.directory, name), shown);
    for (const [variable, raw] of Object.entries(await fileValues(parse, shown, name, text)))
      if (declared.has(variable)) set(variable, raw, `${shown}${lineOf(text, variable)}`);
      else sources.note?.(undeclaredWarning(shown, variable));
  }
  for (const argument of sources.arguments ?? []) {
    if (argument.kind === 'file') {
      const text = await readVariablesFile(argument.file, argument.display, besideConfiguration(root, argument));
      const base = path.basename(argument.file);
      for (const [variable, raw] of Object.entries(await fileValues(parse, argument.display, base, text)))
        if (declared.has(variable)) set(variable, raw, `${argument.display}${lineOf(text, variable)}`);
        else sources.note?.(undeclaredWarning(argument.display, variable));
      continue;
    }
    const at = argument.text.indexOf('=');
    // One line whatever the value holds.
    const shown = `-var '${argument.text.replace(/\r?\n/g, ' ')}'`;
    if (at < 0)
      throw new Error(`${shown}: expected a variable name and its value separated by \`=\` (-var 'NAME=VALUE')`);
    const name = argument.text.slice(0, at).trim();
    const mode = declared.get(name);
    if (mode === undefined)
      throw new Error(
        `${shown}: the root module declares no variable \`${name}\` (add a \`variable\` block to use it)`,
      );
    set(name, await textValue(parse, shown, name, argument.text.slice(at + 1), mode), shown);
  }
  return { values, origins };
}

function undeclaredWarning(file: string, name: string): string {
  return `${file}: value for undeclared variable \`${name}\` ignored (the root module declares no variable of that name)`;
}

/** The variables a module declares, each with how a value given as text is read. */
function declaredVariables(files: RootVariables['files']): Map<string, ParsingMode> {
  const out = new Map<string, ParsingMode>();
  for (const file of files) {
    const declared = file.parsed['variable'];
    if (!isObject(declared)) continue;
    for (const [name, blocks] of Object.entries(declared)) {
      const block: unknown = Array.isArray(blocks) ? blocks[0] : undefined;
      if (!isObject(block) || out.has(name)) continue;
      out.set(name, parsingMode(block['type']));
    }
  }
  return out;
}

function parsingMode(type: unknown): ParsingMode {
  if (typeof type !== 'string') return 'literal';
  try {
    const node = parseHclAttribute(type);
    return node.kind === 'reference' && ['string', 'number', 'bool'].includes(node.text) ? 'literal' : 'hcl';
  } catch (error) {
    if (error instanceof UnsupportedHcl) return 'hcl';
    throw error;
  }
}

/** A value given as text (`-var`, `TF_VAR_`): the text itself, or an HCL expression of literals. */
async function textValue(
  parse: typeof Hcl2Json.parse,
  shown: string,
  name: string,
  text: string,
  mode: ParsingMode,
): Promise<unknown> {
  // Raw values are read as templates: `${` and `%{` in literal text are text.
  if (mode === 'literal') return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  let parsed: Record<string, unknown>;
  try {
    parsed = (await parse('value.tfvars', `value = ${text}\n`)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${shown}: ${hclMessage(error)}`);
  }
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== 'value')
    throw new Error(`${shown}: extra characters after the value of \`${name}\``);
  checkLiteral(shown, name, parsed['value']);
  return parsed['value'];
}

/** The values of a variables file (`.tfvars`, or JSON when its name ends in `.json`), checked as Terraform checks them. */
async function fileValues(
  parse: typeof Hcl2Json.parse,
  shown: string,
  base: string,
  text: string,
): Promise<Record<string, unknown>> {
  const json = base.endsWith('.json');
  // Named so that the JSON reader keeps strings literal and hcl2json reads the HCL syntax.
  const name = json ? 'values.tfvars.json' : 'values.tfvars';
  // Terraform refuses an empty JSON variables file too; said as what it is, not as a plan.
  if (json && text.trim() === '') throw new HclInputError(shown, 'is empty, expected a JSON object of variable values');
  let values: Record<string, unknown>;
  try {
    values = await parseTerraformFile(parse, name, text);
  } catch (error) {
    if (error instanceof RangeError) throw new HclInputError(shown, 'too deeply nested or too large to be read');
    throw new HclInputError(shown, json ? firstLine(error) : locatedHclMessage(error, name));
  }
  if (!json)
    for (const [variable, raw] of Object.entries(values))
      checkLiteral(`${shown}${lineOf(text, variable)}`, variable, raw);
  return values;
}

/**
 * A value of a variables file or of the command line holds literals only: Terraform refuses a
 * reference ("Variables not allowed") and a function call ("Function calls not allowed").
 */
function checkLiteral(shown: string, name: string, raw: unknown, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(raw)) {
    for (const item of raw) checkLiteral(shown, name, item, depth + 1);
    return;
  }
  if (isObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      checkLiteral(shown, name, key, depth + 1);
      checkLiteral(shown, name, value, depth + 1);
    }
    return;
  }
  if (typeof raw !== 'string' || !/[$%]\{/.test(raw)) return;
  const node = parseHclAttributeIfSupported(raw);
  if (node === undefined) return;
  const references = referencesOf(node);
  if (references.length > 0)
    throw new Error(
      `${shown}: the value of \`${name}\` refers to \`${references[0] ?? ''}\`: variables may not be used here, only literal values`,
    );
  if (callsAnywhere(node))
    throw new Error(
      `${shown}: the value of \`${name}\` calls a function: functions may not be called here, only literal values`,
    );
}

/** `:LINE` of the first line of an HCL text that assigns `name`, or nothing. */
function lineOf(text: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = text.split('\n').findIndex((line) => new RegExp(`^\\s*"?${escaped}"?\\s*=`).test(line));
  return at < 0 ? '' : `:${String(at + 1)}`;
}

/**
 * How a `-var-file` that does not exist could be named, when the configuration's directory holds
 * it: `terraform -chdir=DIR plan -var-file F` reads `F` from there, `tf-scan` from where it runs.
 */
function besideConfiguration(
  root: RootVariables,
  argument: { file: string; display: string },
): { file: string; shown: string } | undefined {
  if (path.isAbsolute(argument.display)) return undefined;
  const file = path.join(root.directory, argument.display);
  return file === argument.file ? undefined : { file, shown: path.join(root.display, argument.display) };
}

async function readVariablesFile(
  file: string,
  shown: string,
  alternative?: { file: string; shown: string },
): Promise<string> {
  try {
    // Read as every input is: a device refused, `/dev/null` empty, a pipe read whole.
    const bytes = readInputFile(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const hint =
        alternative !== undefined && (await isFile(alternative.file))
          ? ` (paths are relative to the working directory: \`${alternative.shown}\` is one)`
          : '';
      throw new HclInputError(shown, `no such variables file${hint}`);
    }
    if (code !== undefined) throw new HclInputError(shown, readFailure(error));
    if (error instanceof TypeError) throw new HclInputError(shown, 'not UTF-8 text (save the file as UTF-8)');
    throw error;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** hcl2json's message `parse config: [NAME:2,7-3,1: Summary; detail]` as `invalid HCL at line 2, column 7: summary; detail`. */
function locatedHclMessage(error: unknown, name: string): string {
  const inner = firstDiagnostic(innerMessage(error), name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const located = new RegExp(`^${escaped}:(\\d+),(\\d+)(?:-[\\d,]+)?: (.*)$`).exec(inner);
  return located !== null ? invalidHcl(located[1] ?? '', located[2] ?? '', located[3] ?? '') : inner;
}

/** hcl2json's message for one value, without the position in the text this reader wrapped it in. */
function hclMessage(error: unknown): string {
  return innerMessage(error).replace(/^value\.tfvars:[\d,-]+: /, '');
}

function innerMessage(error: unknown): string {
  const message = firstLine(error);
  return (/\[(.*)\]$/.exec(message)?.[1] ?? message).replace(/^parse config: /, '');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
