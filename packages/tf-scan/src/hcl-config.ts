/**
 * A Terraform configuration without a plan (`tf-scan --hcl DIR`): the .tf files are read with
 * @cdktf/hcl2json and turned into the plan the existing extraction reads. What the text fixes
 * (literals, `jsonencode` of literals, variable defaults, locals) becomes known values; what only
 * apply would tell (other resources' attributes, variables without default, functions) becomes
 * unknown with the references it names, which the resolver turns into symbolic values or an
 * unresolved policy.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { defineOwn, elbAccountOfRegion, partitionOfRegion, readFailure, withoutInstanceKeys } from '@iamgate/core';
import { HclInputError, invalidHcl } from './hcl-input-error';
import type { ScanInput, StandalonePolicyInput } from '@iamgate/core';
import { parseReference } from './address';
import { extractPlan } from './extract';
import { inDeclaredOrder } from './hcl-block-order';
import {
  FileUnusable,
  InvalidConfiguration,
  UnimplementedHcl,
  UnsupportedHcl,
  parseHclAttribute,
  parseHclAttributeIfSupported,
  parseHclTemplate,
} from './hcl-expression';
import {
  AttributeReader,
  PendingValue,
  UnknownHcl,
  evaluateHcl,
  marksOfHcl,
  pendingReferences,
  referencesOf,
  rootOf,
  stepInto,
  stepsOf,
} from './hcl-eval';
import type { EvalHooks, Marks, Scope, VariableFlags } from './hcl-eval';
import type { HclNode } from './hcl-expression';
import type * as Hcl2Json from '@cdktf/hcl2json';
import { firstDiagnostic, isObject, parseTerraformFile } from './hcl-json-syntax';
import { localOrigins, localsCycle, localsCycleProblem, localsOf, localsRead, settleDeepestFirst } from './hcl-locals';
import { isOverrideFile, mergeOverrides } from './hcl-overrides';
import { ReferenceCycle } from './resolve';
import { conformToType, convertToType } from './hcl-types';
import { rootVariableValues } from './hcl-variables';
import type { VariableSources } from './hcl-variables';
import { declarationsOf, withDeclarations } from './declared-lines';
import { suppressionsOfTexts } from './inline-suppressions';
import { DirectoryReader, configurationFiles, readConfigurationTexts } from './tf-text';
import type { ConfigurationTool } from './tf-text';
import { chooseTool, noteUnreadTofuFiles } from './config-tool';
import type { ModuleDirectory } from './tf-text';
import {
  HclSources,
  awsProviderNames,
  dnsSuffixOf,
  fileProblem,
  filesBelow,
  installedModules,
  modulePath,
  pathKind,
  readSmallBytes,
  utf8Text,
} from './hcl-source';
import type { InstalledModule, ParsedFile } from './hcl-source';
import type {
  ConfigModule,
  ConfigResource,
  Expression,
  Expressions,
  ModuleCall,
  PlanJson,
  ResourceChange,
} from './plan-types';

/** A value read from the text: known, or unknown with the references it depends on. */
export type StaticValue =
  | {
      readonly known: true;
      readonly value: unknown;
      /** For a value with pending elements, the references of its whole expression (known entries too). */
      readonly references?: readonly string[];
    }
  | {
      readonly known: false;
      readonly references: readonly string[];
      /** Why Terraform itself fails here, when it does (a file read that does not exist): said in the report. */
      readonly problem?: string;
    };

/** Block arguments that are Terraform's, not the resource's. */
const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
  'dynamic',
]);

/** A configuration module: its parsed files and where each declaration comes from. */
interface ModuleText {
  readonly configPath: string;
  readonly moduleAddress: string;
  readonly directory: string;
  /** Display path of the directory (as the user gave it). */
  readonly display: string;
  readonly files: { readonly name: string; readonly parsed: Record<string, unknown> }[];
  /** Where the expression of each local is written, as an error names it (`main.tf:12`, see {@link localOrigins}). */
  readonly localOrigins: ReadonlyMap<string, string>;
  /**
   * Values of the root module's variables from `TF_VAR_` variables, `terraform.tfvars`, `*.auto.tfvars`,
   * `-var` and `-var-file` (root module only), as Terraform loads them.
   */
  readonly tfvars: Record<string, unknown>;
  /** Where each value of `tfvars` comes from, as an error names it (`infra/terraform.tfvars:3`, `-var 'x=1'`). */
  readonly tfvarOrigins: ReadonlyMap<string, string>;
  /** Local modules it calls (`source = "./x"`), with the call's arguments. */
  readonly calls: {
    readonly name: string;
    readonly block: Record<string, unknown>;
    readonly module: ModuleText;
    /** The file of the caller that holds the `module` block. */
    readonly file: string;
  }[];
  /** Registry or remote modules it calls that `terraform init` has not installed: not read. */
  readonly notInstalled: {
    readonly address: string;
    readonly source: string;
    readonly file: string;
    readonly block: Record<string, unknown>;
  }[];
}

/** Arguments of a `module` block that are not inputs of the module. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/**
 * Reads every .tf file of `dir` (and of local modules it calls) and extracts the IAM it declares,
 * the root module's variables given what `variables` sets besides the directory's own files.
 */
export async function extractConfiguration(
  dir: string,
  display: string = dir,
  variables: VariableSources = {},
): Promise<ScanInput> {
  // Each directory read once: a module called several times, and the texts read again for comments.
  const reader = new DirectoryReader();
  const installed = await installedModules(dir, display);
  const tool = await chooseTool(dir, display, reader, variables.note);
  const root = await readModule('', '', dir, display, true, 0, installed, reader, tool, [], variables);
  await noteUnreadTofuFiles(moduleDirectories(root), tool, reader, variables.note);
  refuseCyclesOfLocals(root);
  try {
    return await configurationInput(root, display, reader, tool.tool, variables.note);
  } catch (error) {
    // Evaluation recursing past the stack (locals are settled deepest first, not nested; calls and outputs are).
    if (error instanceof RangeError)
      throw new Error(
        `${display}: expressions nested too deeply to evaluate (calls or outputs read through thousands of others)`,
      );
    throw error;
  }
}

/**
 * Stops on a cycle of locals in any module read, naming where a local of it is written (the override
 * file that makes one of its reads, else its first local's): Terraform refuses the whole
 * configuration over it (`Error: Cycle: local.a, local.b`) before it plans anything, whether a
 * policy reads it or not.
 */
function refuseCyclesOfLocals(module: ModuleText): void {
  const cycle = localsCycle(localsOf(module.files));
  if (cycle !== undefined) {
    const origins = cycle.map((name) => module.localOrigins.get(name));
    const named = origins.find((origin) => origin !== undefined && isOverrideFile(origin.replace(/:\d+$/, '')));
    throw new Error(`${named ?? origins[0] ?? module.display}: ${localsCycleProblem(cycle)}`);
  }
  for (const call of module.calls) refuseCyclesOfLocals(call.module);
}

async function configurationInput(
  root: ModuleText,
  display: string,
  reader: DirectoryReader,
  tool: ConfigurationTool,
  note: ((line: string) => void) | undefined,
): Promise<ScanInput> {
  const plan = new PlanBuilder(root).build();
  for (const warning of plan.warnings) note?.(warning);
  const parsedFiles: ParsedFile[] = [];
  // Where each module lives, so that what the resolver rebuilds reads `path.module` and `file()` too.
  const directories = new Map<string, string>();
  const collect = (module: ModuleText): void => {
    directories.set(module.configPath, module.directory);
    for (const f of module.files) parsedFiles.push({ configPath: module.configPath, parsed: f.parsed });
    module.calls.forEach((c) => {
      collect(c.module);
    });
  };
  collect(root);
  const sources = HclSources.fromParsed(parsedFiles, true, directories);
  const texts = await readConfigurationTexts(moduleDirectories(root), reader, tool);
  const input = withDeclarations(
    relocate(extractedPlan(display, plan.plan, sources, plan.files), plan.files, plan.problems),
    declarationsOf(texts),
  );
  const inline = suppressionsOfTexts(texts);
  return {
    ...input,
    policies: [...input.policies, ...notInstalledModules(root, plan.made)],
    errors: [...input.errors, ...inline.errors],
    suppressions: [...(input.suppressions ?? []), ...inline.suppressions],
  };
}

/**
 * The plan extracted; a policy that reads itself is Terraform's error (`Error: Cycle`), said on one
 * line naming the file that declares it and the cycle.
 */
function extractedPlan(
  display: string,
  plan: PlanJson,
  sources: HclSources,
  files: ReadonlyMap<string, string>,
): ScanInput {
  try {
    return extractPlan(display, plan, sources);
  } catch (error) {
    if (!(error instanceof ReferenceCycle)) throw error;
    throw new Error(`${files.get(withoutInstanceKeys(error.address)) ?? display}: ${error.message}`);
  }
}

/** Each module read, with the prefix its resources' addresses take (`module.api.module.db.`). */
function moduleDirectories(root: ModuleText): ModuleDirectory[] {
  const out: ModuleDirectory[] = [];
  const visit = (module: ModuleText): void => {
    const prefix =
      module.configPath === ''
        ? ''
        : `${module.configPath
            .split('.')
            .map((n) => `module.${n}`)
            .join('.')}.`;
    out.push({ prefix, directory: module.directory, display: module.display });
    module.calls.forEach((c) => {
      visit(c.module);
    });
  };
  visit(root);
  return out;
}

/**
 * A module the configuration calls that was not read (a registry or remote source `terraform init`
 * has not installed) may create roles and policies: each is an unresolved policy, never a silent
 * pass. Not a call `made` does not hold, which makes no instance (`count = 0`, `for_each = {}`, or in
 * a module called so): it creates nothing.
 */
function notInstalledModules(root: ModuleText, made: ReadonlySet<string>): StandalonePolicyInput[] {
  const out: StandalonePolicyInput[] = [];
  const visit = (module: ModuleText): void => {
    for (const call of module.notInstalled.filter((c) => made.has(c.address)))
      out.push({
        type: undefined,
        policy: {
          id: call.address,
          name: call.address,
          document: undefined,
          unresolved: {
            reason: `module source \`${call.source}\` is not installed, so the roles and policies it creates are not read: run \`terraform init\` first, or scan the plan`,
            references: [call.source],
          },
          location: { file: call.file, address: call.address },
        },
      });
    module.calls.forEach((c) => {
      visit(c.module);
    });
  };
  visit(root);
  return out;
}

/**
 * What to scan instead of a Terragrunt unit (a directory of `terragrunt.hcl` only, as the live
 * trees of Terragrunt layouts are): the module its `terraform { source }` names, shown as a
 * directory when it is a local path (`../../modules//iam-role`), or the plan Terragrunt writes.
 */
async function terragruntHint(parse: typeof Hcl2Json.parse, directory: string, display: string): Promise<string> {
  let source: unknown;
  try {
    const parsed = (await parse('terragrunt.hcl', await readFile(path.join(directory, 'terragrunt.hcl'), 'utf8'))) as {
      terraform?: { source?: unknown }[];
    };
    source = parsed.terraform?.[0]?.source;
  } catch {
    // A unit Terragrunt itself cannot read: the advice stays the general one.
  }
  const local = typeof source === 'string' && /^\.\.?\//.test(source) ? source.replace('//', '/') : undefined;
  const module =
    local !== undefined
      ? `\`--hcl ${path.join(display, local)}\``
      : typeof source === 'string' && !source.includes('${')
        ? `\`${source}\``
        : 'its `terraform { source }`';
  return `: it is a Terragrunt unit (\`terragrunt.hcl\`); scan the module it names (${module}) or the plan \`terragrunt show -json\` writes`;
}

/**
 * What to scan instead of a directory of variable values only (`env/prod/terraform.tfvars`, as
 * layouts keeping one folder per environment have): the configuration they are for, given them
 * with `--var-file`.
 */
function variablesHint(names: readonly string[], display: string): string {
  const files = names.filter((n) => /\.tfvars(\.json)?$/.test(n));
  const [first] = files;
  if (first === undefined) return '';
  const more = files.length > 1 ? ` and ${String(files.length - 1)} more` : '';
  return `: it holds variable values only (\`${first}\`${more}); scan the configuration they are for, giving them with \`--var-file ${path.join(display, first)}\``;
}

/**
 * What to scan instead of a CDK for Terraform app (`cdktf.json`, no .tf file): the stacks `cdktf synth`
 * wrote, each a directory of `cdk.tf.json`, or the advice to synthesize first.
 */
async function cdktfHint(directory: string, display: string): Promise<string> {
  const stacks = path.join('cdktf.out', 'stacks');
  let names: string[] = [];
  try {
    names = (await readdir(path.join(directory, stacks), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    // Not synthesized yet: the advice says how.
  }
  const shown = names.slice(0, 3).map((name) => `\`--hcl ${path.join(display, stacks, name)}\``);
  const more = names.length > 3 ? ` and ${String(names.length - 3)} more` : '';
  return names.length === 0
    ? ': it is a CDK for Terraform app (`cdktf.json`); run `cdktf synth` and scan each stack it writes (`--hcl cdktf.out/stacks/NAME`)'
    : `: it is a CDK for Terraform app (\`cdktf.json\`); scan each stack \`cdktf synth\` wrote: ${shown.join(', ')}${more}`;
}

async function readModule(
  configPath: string,
  moduleAddress: string,
  directory: string,
  display: string,
  root: boolean,
  depth: number,
  installed: ReadonlyMap<string, InstalledModule>,
  reader: DirectoryReader,
  /** The tool the configuration is read for, which decides its files. */
  tool: { readonly tool: ConfigurationTool },
  /** The directories of the modules that lead to this one, the root first. */
  callers: readonly string[] = [],
  /** For the root module: where its variables get values besides the directory's own files. */
  variables: VariableSources = {},
): Promise<ModuleText> {
  // Said as every input that is not what the command reads: `DIR: is a file, expected a directory ...`.
  let isFolder: boolean;
  try {
    isFolder = (await stat(directory)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HclInputError(display, 'no such file or directory');
    throw code === undefined ? error : new HclInputError(display, readFailure(error));
  }
  if (!isFolder)
    throw new HclInputError(display, 'is a file, expected a directory of .tf (or .tf.json, .tofu, .tofu.json) files');
  const all = await reader.names(directory);
  if (all === undefined) throw new HclInputError(display, 'cannot read: the directory cannot be listed');
  const names = configurationFiles(all, tool.tool);
  // Loaded here only: the parser is WebAssembly, costly to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
  const { parse } = require('@cdktf/hcl2json') as typeof Hcl2Json;
  if (names.length === 0 && root) {
    const hint = all.includes('terragrunt.hcl')
      ? await terragruntHint(parse, directory, display)
      : all.includes('cdktf.json')
        ? await cdktfHint(directory, display)
        : variablesHint(all, display);
    throw new HclInputError(display, `holds no .tf, .tf.json, .tofu or .tofu.json file${hint}`);
  }
  const parsedFiles: ModuleText['files'][number][] = [];
  const texts: { name: string; text: string; parsed: Record<string, unknown> }[] = [];
  for (const name of names) {
    const shown = path.join(display, name);
    const text = await readText(reader, path.join(directory, name), shown);
    let parsed: Record<string, unknown>;
    try {
      parsed = await parseTerraformFile(parse, name, text);
    } catch (error) {
      throw new HclInputError(shown, syntaxError(name, error));
    }
    parsedFiles.push({ name: shown, parsed });
    texts.push({ name: shown, text, parsed });
  }
  // Read before the merge, which changes the parsed trees in place.
  const origins = localOrigins(texts);
  const files: ModuleText['files'] = mergeOverrides(parsedFiles);
  // The values of the root module's variables, as `terraform plan` takes them.
  const given = root
    ? await rootVariableValues(parse, { directory, display, names: all, files }, variables)
    : { values: {}, origins: new Map<string, string>() };
  const calls: ModuleText['calls'][number][] = [];
  const notInstalled: ModuleText['notInstalled'][number][] = [];
  for (const file of files) {
    const declared = (file.parsed['module'] ?? {}) as Record<string, Record<string, unknown>[]>;
    for (const [name, blocks] of Object.entries(declared)) {
      const block = blocks[0];
      const source = block?.['source'];
      if (block === undefined || typeof source !== 'string' || depth > 10) continue;
      if (calls.some((c) => c.name === name)) continue;
      const childPath = configPath === '' ? name : `${configPath}.${name}`;
      // A local source is read where it is; a registry or remote one where `terraform init`
      // installed it, if it did. Nothing is fetched, and a call loop is cut short.
      const installedDir = installed.get(childPath);
      const local = /^\.\.?\//.test(source);
      const address = moduleAddress === '' ? `module.${name}` : `${moduleAddress}.module.${name}`;
      if (!local && (installedDir === undefined || !(await isDirectory(installedDir.directory)))) {
        notInstalled.push({ address, source, file: file.name, block });
        continue;
      }
      const childDirectory = local ? path.resolve(directory, source) : (installedDir?.directory ?? '');
      // A module that calls itself, or one of its callers: Terraform refuses the configuration,
      // and following it would multiply the modules at each level.
      const within = [...callers, path.resolve(directory)];
      if (within.includes(childDirectory))
        throw new HclInputError(
          file.name,
          `module \`${name}\` (source \`${source}\`) calls a module that calls it: a module loop`,
        );
      // As `terraform init` refuses it: the call is named, not only the folder.
      if (local && !(await isDirectory(childDirectory)))
        throw new HclInputError(
          file.name,
          `module \`${name}\` (source \`${source}\`): \`${path.join(display, source)}\` is not a directory`,
        );
      const child = await readModule(
        childPath,
        address,
        childDirectory,
        local ? path.join(display, source) : (installedDir?.display ?? ''),
        false,
        depth + 1,
        installed,
        reader,
        tool,
        within,
      );
      calls.push({ name, block, module: child, file: file.name });
    }
  }
  return {
    configPath,
    moduleAddress,
    directory,
    display,
    files,
    localOrigins: origins,
    tfvars: given.values,
    tfvarOrigins: given.origins,
    calls,
    notInstalled,
  };
}

async function readText(reader: DirectoryReader, file: string, shown: string): Promise<string> {
  const text = await reader.text(file);
  if (text === undefined) throw new HclInputError(shown, await unreadable(file));
  return text;
}

/** Why a file of a module cannot be read, as every input is said (a link to nothing said so). */
async function unreadable(file: string): Promise<string> {
  try {
    await readFile(file);
    return 'cannot read: it changed while being read';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return readFailure(error);
    try {
      if ((await lstat(file)).isSymbolicLink()) return 'cannot read: a symbolic link to a file that does not exist';
    } catch {
      // Gone since it was listed: said as missing.
    }
    return readFailure(error);
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** One line from hcl2json's message: `parse config: [main.tf:2,7-3,1: Invalid expression; ...]`. */
function syntaxError(name: string, error: unknown): string {
  // The parser recursing past the stack on hostile nesting (thousands of `(`): said plainly.
  if (error instanceof RangeError) return 'too deeply nested or too large to be read';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const inner = firstDiagnostic(/\[(.*)\]$/.exec(message)?.[1] ?? message, name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const located = new RegExp(`^${escaped}:(\\d+),(\\d+)(?:-[\\d,]+)?: (.*)$`).exec(inner);
  if (located !== null) return invalidHcl(located[1] ?? '', located[2] ?? '', located[3] ?? '');
  return inner.replace(/^parse config: /, '');
}

/** A `validation` block of a root module variable given a value, and where the value comes from. */
interface VariableCheck {
  readonly name: string;
  /** Where its value comes from and what it is there: `infra/main.tf: the default`, `-var 'x=1': the value`. */
  readonly origin: string;
  readonly condition: unknown;
  readonly message: unknown;
}

/**
 * The values of the root module's variables as `terraform plan` gives them to the configuration:
 * the value given (or the default) converted to the variable's type, a null for a variable with
 * `nullable = false` replaced by its default; what Terraform refuses (a value its type does not
 * hold, a null where none is allowed) throws one line naming the variable and where its value
 * comes from. With the `validation` blocks to check once the values are known.
 */
function rootInputs(root: ModuleText): { inputs: Map<string, StaticValue>; checks: VariableCheck[] } {
  const reader = new StaticEvaluator({ files: [] }, undefined);
  const inputs = new Map<string, StaticValue>();
  const checks: VariableCheck[] = [];
  const seen = new Set<string>();
  for (const file of root.files) {
    const declared = (file.parsed['variable'] ?? {}) as Record<string, Record<string, unknown>[]>;
    for (const [name, blocks] of Object.entries(declared)) {
      const block = blocks[0];
      if (block === undefined || seen.has(name)) continue;
      seen.add(name);
      const hasDefault = 'default' in block;
      const defaultOrigin = `${file.name}: the default`;
      const given = root.tfvarOrigins.get(name);
      const givenOrigin = given === undefined ? undefined : `${given}: the value`;
      let origin = givenOrigin ?? defaultOrigin;
      let raw: unknown;
      if (Object.prototype.hasOwnProperty.call(root.tfvars, name)) raw = root.tfvars[name];
      else if (hasDefault) raw = block['default'];
      else continue;
      let value = reader.raw(raw);
      const nullable = block['nullable'] !== false;
      if (value.known && value.value === null && !nullable) {
        // Terraform takes the default in place of a null given to a variable that may not be null.
        if (givenOrigin !== undefined && hasDefault) {
          origin = defaultOrigin;
          value = reader.raw(block['default']);
        }
        if (value.known && value.value === null)
          throw new Error(
            givenOrigin !== undefined && !hasDefault
              ? `${origin} of variable \`${name}\` is null, which \`nullable = false\` refuses, and it has no default to take instead`
              : `${defaultOrigin} of variable \`${name}\` is null, which \`nullable = false\` refuses`,
          );
      }
      const type = typeConstraint(block['type']);
      if (value.known && type !== undefined && pendingReferences(value.value).length === 0) {
        const converted = convertToType(value.value, type.node);
        if (!converted.ok)
          throw new Error(`${origin} of variable \`${name}\` is not of its type \`${type.text}\`: ${converted.issue}`);
        value = { known: true, value: converted.value };
      }
      if (givenOrigin !== undefined || type !== undefined) inputs.set(name, value);
      const validations = Array.isArray(block['validation']) ? (block['validation'] as unknown[]) : [];
      for (const validation of validations)
        if (isObject(validation))
          checks.push({ name, origin, condition: validation['condition'], message: validation['error_message'] });
    }
  }
  return { inputs, checks };
}

/**
 * The inputs a `module` block gives, as Terraform gives them to the module's variables: a value of
 * plain data converted to the variable's type, a null given to a variable with `nullable = false`
 * left out so that its default applies; what Terraform refuses (a value its type does not hold, a
 * null where none is allowed and no default) throws one line naming the call and the input.
 */
function conformInputs(call: ModuleText['calls'][number], suffix: string, inputs: Map<string, StaticValue>): void {
  const seen = new Set<string>();
  for (const file of call.module.files) {
    const declared = (file.parsed['variable'] ?? {}) as Record<string, Record<string, unknown>[]>;
    for (const [name, blocks] of Object.entries(declared)) {
      const block = blocks[0];
      const input = inputs.get(name);
      if (block === undefined || seen.has(name) || input === undefined || !input.known) continue;
      seen.add(name);
      const where = `${call.file}: the input \`${name}\` of module \`${call.name}${suffix}\``;
      if (pendingReferences(input.value).length > 0) {
        // Parts only apply knows convert to anything; a known part that does not convert is
        // Terraform's error all the same (`resources = "*"` for a `list(string)` beside a bucket's ARN).
        const type = typeConstraint(block['type']);
        const converted = type === undefined ? undefined : convertToType(input.value, type.node);
        if (converted?.ok === false && !/elements must have the same type/.test(converted.issue))
          throw new Error(`${where} is not of its type \`${type?.text ?? ''}\`: ${converted.issue}`);
        continue;
      }
      if (input.value === null && block['nullable'] === false) {
        if (!('default' in block))
          throw new Error(
            `${where} is null, which \`nullable = false\` refuses, and it has no default to take instead`,
          );
        inputs.delete(name);
        continue;
      }
      const type = typeConstraint(block['type']);
      if (type === undefined) continue;
      const converted = convertToType(input.value, type.node);
      if (!converted.ok) throw new Error(`${where} is not of its type \`${type.text}\`: ${converted.issue}`);
      inputs.set(name, { known: true, value: converted.value });
    }
  }
}

/**
 * An hcl2json value as the expression it was written as: text is an expression (a template), a
 * list a tuple, an object an object; `undefined` where the reader does not parse it.
 */
function rawNode(raw: unknown, depth: number): HclNode | undefined {
  if (depth > 32) return undefined;
  if (typeof raw === 'string') return parseHclAttributeIfSupported(raw);
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return { kind: 'literal', value: raw };
  if (Array.isArray(raw)) {
    const items = raw.map((item) => rawNode(item, depth + 1));
    return items.every((i): i is HclNode => i !== undefined) ? { kind: 'tuple', items } : undefined;
  }
  if (!isObject(raw)) return undefined;
  const entries: (readonly [string, HclNode])[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const node = rawNode(value, depth + 1);
    if (node === undefined) return undefined;
    entries.push([key, node]);
  }
  return { kind: 'object', entries };
}

/**
 * The `validation` blocks of a module's variables checked with the values a `module` block gives
 * them (or their defaults), as `terraform plan` checks them: a condition known false, or one
 * Terraform fails to evaluate, is its error, one line naming the call, the input and the block's
 * `error_message`; a condition on what only apply knows is left to Terraform.
 */
function validateInputs(call: ModuleText['calls'][number], suffix: string, child: StaticEvaluator): void {
  const seen = new Set<string>();
  for (const file of call.module.files) {
    const declared = (file.parsed['variable'] ?? {}) as Record<string, Record<string, unknown>[]>;
    for (const [name, blocks] of Object.entries(declared)) {
      const block = blocks[0];
      if (block === undefined || seen.has(name)) continue;
      seen.add(name);
      const validations = Array.isArray(block['validation']) ? (block['validation'] as unknown[]) : [];
      for (const validation of validations) {
        if (!isObject(validation)) continue;
        const result = child.condition(validation['condition']);
        if (result === true || result === undefined) continue;
        const said = errorMessage(child, validation['error_message']);
        const where = `${call.file}: the input \`${name}\` of module \`${call.name}${suffix}\``;
        throw new Error(
          result === false
            ? `${where} fails its validation: ${said}`
            : `${where} fails its validation with Terraform's error: ${result.error}`,
        );
      }
    }
  }
}

/** A variable's type constraint, parsed, and as written; `undefined` when it has none this reader reads. */
function typeConstraint(raw: unknown): { node: HclNode; text: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    // On one line, as an error names it: a type of nested objects is written over several.
    let text = raw
      .replace(/^\$\{([\s\S]*)\}$/, '$1')
      .replace(/\s+/g, ' ')
      .replace(/([{(\[]) /g, '$1')
      .replace(/ ([})\]])/g, '$1')
      .trim();
    // A long one by its outer shape (`map(object({...}))`): the issue names the attribute at fault.
    while (text.length > 60) {
      let done = false;
      const shorter = text.replace(/\{(?:[^{}]|\{\.\.\.\})*\}/g, (group) => {
        if (done || group === '{...}') return group;
        done = true;
        return '{...}';
      });
      if (!done) break;
      text = shorter;
    }
    return { node: parseHclAttribute(raw), text };
  } catch (error) {
    if (error instanceof UnsupportedHcl) return undefined;
    throw error;
  }
}

/**
 * A root module variable's `validation` block checked as `terraform plan` checks it: a condition
 * known false, or one Terraform fails to evaluate, is its error (one line: where the value comes
 * from, the variable and the block's `error_message`); a condition on what only apply knows, or one
 * this reader does not evaluate, is left to Terraform.
 */
function validate(evaluator: StaticEvaluator, check: VariableCheck): void {
  const result = evaluator.condition(check.condition);
  if (result === true || result === undefined) return;
  const said = errorMessage(evaluator, check.message);
  throw new Error(
    result === false
      ? `${check.origin} of variable \`${check.name}\` fails its validation: ${said}`
      : `${check.origin} of variable \`${check.name}\` fails its validation with Terraform's error: ${result.error}`,
  );
}

/**
 * The `lifecycle` `precondition` and `postcondition` blocks of one instance of a resource or data
 * source checked as `terraform plan` checks them: a condition known false fails the plan, which is
 * its error (one line naming the file, the instance and the block's `error_message`). A
 * postcondition reads `self`, the instance as planned: its arguments the text fixes (other than
 * null), the rest known only after apply. A condition reading what only apply knows, or what this reader does not
 * evaluate, is left to Terraform (which checks it again on apply).
 */
function checkConditions(
  evaluator: StaticEvaluator,
  block: Record<string, unknown>,
  file: string,
  instance: { readonly address: string; readonly scope: Scope | undefined },
  planned: { readonly values: Record<string, unknown>; readonly unknown: Record<string, unknown> },
): void {
  // An argument set to null is as one left out: the provider computes many (`name`), known after apply.
  const self = new AttributeReader((name) =>
    planned.unknown[name] === true || !Object.hasOwn(planned.values, name) || planned.values[name] === null
      ? new PendingValue([`self.${name}`])
      : planned.values[name],
  );
  const lifecycles = Array.isArray(block['lifecycle']) ? (block['lifecycle'] as unknown[]) : [block['lifecycle']];
  for (const lifecycle of lifecycles) {
    if (!isPlainObject(lifecycle)) continue;
    for (const kind of ['precondition', 'postcondition'] as const) {
      const scope = new Map(instance.scope ?? NO_SCOPE);
      if (kind === 'postcondition') scope.set('self', self);
      const conditions = lifecycle[kind];
      for (const condition of Array.isArray(conditions) ? (conditions as unknown[]) : [conditions]) {
        if (!isPlainObject(condition)) continue;
        // An instance whose `count.index` or `each` the text does not fix: its conditions are left to Terraform.
        if (instance.scope === undefined && readsInstanceKey(condition['condition'])) continue;
        if (evaluator.condition(condition['condition'], scope) !== false) continue;
        throw new Error(
          `${file}: \`${instance.address}\` fails its ${kind}: ${errorMessage(evaluator, condition['error_message'], scope)}`,
        );
      }
    }
  }
}

/**
 * The `precondition` blocks of an output checked as `terraform plan` checks them: one known false
 * fails the plan, which is its error.
 */
function checkOutputConditions(
  evaluator: StaticEvaluator,
  block: Record<string, unknown>,
  file: string,
  output: string,
): void {
  const conditions = block['precondition'];
  for (const condition of Array.isArray(conditions) ? (conditions as unknown[]) : [conditions]) {
    if (!isPlainObject(condition) || evaluator.condition(condition['condition']) !== false) continue;
    throw new Error(
      `${file}: ${output} fails its precondition: ${errorMessage(evaluator, condition['error_message'])}`,
    );
  }
}

/**
 * The `assert` blocks of a `check` block known false: what Terraform warns of, the plan going on
 * (a check never stops it), one line each naming the file, the check and its `error_message`.
 */
function failedChecks(
  evaluator: StaticEvaluator,
  block: Record<string, unknown>,
  file: string,
  name: string,
): string[] {
  const asserts = block['assert'];
  const out: string[] = [];
  for (const assertion of Array.isArray(asserts) ? (asserts as unknown[]) : [asserts]) {
    if (!isPlainObject(assertion) || evaluator.condition(assertion['condition']) !== false) continue;
    out.push(
      `${file}: check \`${name}\` fails: ${errorMessage(evaluator, assertion['error_message'])} (Terraform warns and still plans: its policies are scanned as planned)`,
    );
  }
  return out;
}

/**
 * The `error_message` of a condition block on one line, as the text fixes it; as written when it
 * reads what only apply knows (`policy ${self.arn} must be named x`).
 */
function errorMessage(evaluator: StaticEvaluator, raw: unknown, scope: Scope = NO_SCOPE): string {
  const message = settle(evaluator.raw(raw, scope));
  const text = message.known ? message.value : raw;
  return typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : 'no message';
}

/** Whether a condition reads which instance it is in (`count.index`, `each`). */
function readsInstanceKey(condition: unknown): boolean {
  if (typeof condition !== 'string') return false;
  try {
    return referencesOf(parseHclAttribute(condition)).some((r) => ['count', 'each'].includes(rootOf(r)));
  } catch (error) {
    if (error instanceof UnsupportedHcl) return true;
    throw error;
  }
}

type Declarations = Record<string, Record<string, Record<string, unknown>[]>>;

/**
 * The provider configuration a `provider` argument names (`${aws.east}` as hcl2json writes
 * `aws.east`), `aws` when there is none; `undefined` for any other provider.
 */
function providerName(raw: unknown): string | undefined {
  if (raw === undefined) return 'aws';
  const name = typeof raw === 'string' ? /^\$\{(aws(?:\.[A-Za-z_][\w-]*)?)\}$/.exec(raw)?.[1] : undefined;
  return name;
}

/**
 * The AWS provider configurations a module call hands its module, with their regions: without
 * `providers`, the default one only, as Terraform passes it; with `providers = { aws = aws.east,
 * aws.west = aws }`, those it names and no other.
 */
function passProviders(providers: unknown, parent: ReadonlyMap<string, string>, child: Map<string, string>): void {
  if (providers === undefined) {
    const region = parent.get('aws');
    if (region !== undefined) child.set('aws', region);
    return;
  }
  if (!isObject(providers)) return;
  for (const [name, raw] of Object.entries(providers)) {
    const from = providerName(raw);
    const region = from === undefined || raw === undefined ? undefined : parent.get(from);
    if (region !== undefined && /^aws(\.|$)/.test(name)) child.set(name, region);
  }
}

/** Builds the plan-like document the extraction reads. */
class PlanBuilder {
  private readonly changes: ResourceChange[] = [];
  /** Declaration address -> .tf file it comes from. */
  readonly files = new Map<string, string>();
  /** Instance address -> the arguments Terraform fails on in it, and why. */
  readonly problems = new Map<string, BlockProblem[]>();
  /** The calls of modules not installed (by address without instance keys) that make an instance. */
  private readonly made = new Set<string>();
  /** What Terraform warns of and still plans (a `check` known to fail), one line each. */
  private readonly warnings: string[] = [];
  /** The evaluators of the calls of each module evaluator, by call name and instance suffix. */
  private readonly callEvaluators = new WeakMap<StaticEvaluator, Map<string, StaticEvaluator>>();

  constructor(private readonly root: ModuleText) {}

  build(): {
    plan: PlanJson;
    files: ReadonlyMap<string, string>;
    problems: ReadonlyMap<string, BlockProblem[]>;
    made: ReadonlySet<string>;
    warnings: readonly string[];
  } {
    const { inputs, checks } = rootInputs(this.root);
    const evaluator = new StaticEvaluator(this.root, inputs, {
      module: this.root.directory,
      root: this.root.directory,
    });
    for (const check of checks) validate(evaluator, check);
    const providerConfig: Record<string, { name: string; expressions: Expressions }> = {};
    for (const file of this.root.files) {
      const aws = (file.parsed['provider'] as Record<string, Record<string, unknown>[]> | undefined)?.['aws'];
      for (const block of aws ?? []) {
        const alias = block['alias'];
        // Only the default provider is the plan's: an aliased one does not set the region of unaliased resources.
        if (alias === undefined)
          providerConfig['aws'] = { name: 'aws', expressions: evaluator.block(block).expressions };
        const region = settle(evaluator.raw(block['region']));
        if (!region.known || typeof region.value !== 'string') continue;
        if (alias === undefined) evaluator.providerRegions.set('aws', region.value);
        else if (typeof alias === 'string') evaluator.providerRegions.set(`aws.${alias}`, region.value);
      }
    }
    const configuration = this.module(this.root, evaluator);
    const variables: Record<string, { value: unknown }> = {};
    for (const [name, value] of evaluator.variableValues()) variables[name] = { value };
    return {
      plan: {
        format_version: '1.2',
        variables,
        resource_changes: this.changes,
        configuration: { provider_config: providerConfig, root_module: configuration },
      },
      files: this.files,
      problems: this.problems,
      made: this.made,
      warnings: this.warnings,
    };
  }

  /**
   * The instances Terraform would plan for a block: one per `count.index` or `for_each` key when the
   * text fixes them (none for a count of 0), else the block once with those unknown.
   */
  private instances(block: Record<string, unknown>, evaluator: StaticEvaluator): BlockInstance[] {
    const once: BlockInstance[] = [{ suffix: '', index: undefined, scope: undefined }];
    if (block['count'] !== undefined) {
      const count = evaluator.settledCount(block['count']);
      if (count === undefined || count > MAX_INSTANCES) return once;
      return Array.from({ length: count }, (_, index) => ({
        suffix: `[${index}]`,
        index,
        scope: new Map([['count', { index }]]),
      }));
    }
    if (block['for_each'] !== undefined) {
      const each = evaluator.settledCollection(block['for_each']);
      if (!each.known || each.value === null || typeof each.value !== 'object') return once;
      // A map gives its keys and values; a set of strings gives each string as both.
      // A set with elements only apply knows has keys only apply knows.
      if (Array.isArray(each.value) && pendingReferences(each.value).length > 0) return once;
      const pairs: [string, unknown][] = Array.isArray(each.value)
        ? (each.value as unknown[]).filter((v): v is string => typeof v === 'string').map((v) => [v, v])
        : Object.entries(each.value as Record<string, unknown>);
      if (pairs.length > MAX_INSTANCES) return once;
      return pairs
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({
          suffix: `[${JSON.stringify(key)}]`,
          index: key,
          scope: new Map([['each', { key, value }]]),
        }));
    }
    return once;
  }

  /**
   * The configuration of a module, and the changes of its resources at `address` (the address of
   * one instance of a call with `count` or `for_each`; none when `emit` is false: a count of 0).
   */
  private module(
    module: ModuleText,
    evaluator: StaticEvaluator,
    address = module.moduleAddress,
    emit = true,
  ): ConfigModule {
    this.connect(module, evaluator);
    const resources: ConfigResource[] = [];
    for (const file of module.files) {
      for (const [mode, key] of [
        ['managed', 'resource'],
        ['data', 'data'],
      ] as const) {
        for (const [type, byName] of Object.entries((file.parsed[key] ?? {}) as Declarations)) {
          for (const [name, list] of Object.entries(byName)) {
            const block = list[0];
            const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
            const full = address === '' ? local : `${address}.${local}`;
            if (block === undefined || this.files.has(full)) continue;
            this.files.set(full, file.name);
            evaluator.takeProblems();
            const evaluated = evaluator.block(block);
            const general = evaluator.takeProblems();
            // Instances Terraform cannot count (a `for_each` over a file that is not JSON) fail every argument.
            for (const meta of ['for_each', 'count'] as const) {
              const value = block[meta] === undefined ? undefined : settle(evaluator.raw(block[meta]));
              if (value !== undefined && !value.known && value.problem !== undefined)
                general.push({ attribute: meta, problem: value.problem });
            }
            const config: Mutable<ConfigResource> = {
              address: local,
              mode,
              type,
              name,
              expressions: evaluated.expressions,
            };
            if (block['count'] !== undefined) config.count_expression = evaluator.expression(block['count']);
            if (block['for_each'] !== undefined) config.for_each_expression = evaluator.expression(block['for_each']);
            resources.push(config);
            const planned = emit ? this.instances(block, evaluator) : [];
            for (const instance of planned) {
              const values = instance.scope === undefined ? evaluated : evaluator.block(block, instance.scope);
              checkConditions(
                evaluator,
                block,
                file.name,
                { address: `${full}${instance.suffix}`, scope: instance.scope },
                values,
              );
              // What each instance fails on, by its address: another instance may read its files well.
              const problems = instance.scope === undefined ? general : evaluator.takeProblems();
              if (problems.length > 0) this.problems.set(`${full}${instance.suffix}`, problems);
              this.changes.push({
                address: `${full}${instance.suffix}`,
                ...(address === '' ? {} : { module_address: address }),
                mode,
                type,
                name,
                ...(instance.index === undefined ? {} : { index: instance.index }),
                change: {
                  actions: [mode === 'data' ? 'read' : 'create'],
                  before: null,
                  after: values.values,
                  after_unknown: values.unknown,
                },
              });
            }
          }
        }
      }
    }
    if (emit)
      for (const call of module.notInstalled)
        if (this.instances(call.block, evaluator).length > 0) this.made.add(call.address);
    const moduleCalls: Record<string, ModuleCall> = {};
    for (const call of module.calls) {
      const expressions: Record<string, Expression> = {};
      for (const [key, raw] of Object.entries(call.block)) {
        if (MODULE_META.has(key)) continue;
        expressions[key] = evaluator.expression(raw);
      }
      const child = this.callInstances(call, evaluator, address, emit);
      const entry: Mutable<ModuleCall> = { source: String(call.block['source']), expressions, module: child };
      if (call.block['count'] !== undefined) entry.count_expression = evaluator.expression(call.block['count']);
      if (call.block['for_each'] !== undefined)
        entry.for_each_expression = evaluator.expression(call.block['for_each']);
      moduleCalls[call.name] = entry;
    }
    const outputs: Record<string, { expression: Expression }> = {};
    const variables: Record<string, { default?: unknown }> = {};
    for (const file of module.files) {
      const declared = (file.parsed['output'] ?? {}) as Record<string, Record<string, unknown>[]>;
      for (const [name, blocks] of Object.entries(declared)) {
        const block = blocks[0];
        if (block === undefined) continue;
        outputs[name] = { expression: evaluator.expression(block['value']) };
        if (emit)
          checkOutputConditions(
            evaluator,
            block,
            file.name,
            `output \`${address === '' ? '' : `${address}.`}${name}\``,
          );
      }
      const checks = (emit ? (file.parsed['check'] ?? {}) : {}) as Record<string, Record<string, unknown>[]>;
      for (const [name, blocks] of Object.entries(checks))
        for (const block of blocks)
          // Named by its address: a module called several times holds one per instance.
          this.warnings.push(
            ...failedChecks(evaluator, block, file.name, address === '' ? name : `${address}.check.${name}`),
          );
    }
    for (const [name, value] of evaluator.defaults()) variables[name] = { default: value };
    return { resources, module_calls: moduleCalls, outputs, variables };
  }

  /**
   * The module a call makes: once when it has no `count` or `for_each`, or when the text does not
   * fix its instances; else once per instance (`module.x[0]`, `module.x["a"]`), its inputs read with
   * that instance's `count.index` or `each`, and with no resources for a count of 0 or an empty
   * `for_each`, as Terraform plans it.
   */
  private callInstances(
    call: ModuleText['calls'][number],
    evaluator: StaticEvaluator,
    parent: string,
    emit: boolean,
  ): ConfigModule {
    const repeated = call.block['count'] !== undefined || call.block['for_each'] !== undefined;
    const instances = repeated ? this.instances(call.block, evaluator) : [];
    const unknown = instances.length === 1 && instances[0]?.scope === undefined;
    const base = parent === '' ? `module.${call.name}` : `${parent}.module.${call.name}`;
    if (!repeated || unknown) return this.module(call.module, this.callEvaluator(evaluator, call), base, emit);
    for (const instance of instances)
      this.module(call.module, this.callEvaluator(evaluator, call, instance), `${base}${instance.suffix}`, emit);
    // The configuration is the module's, not one instance's (as a plan shows it): what an input read
    // with `each` or `count.index` gives is left to each instance (`try(each.value.policies, {})` of the
    // first instance is no constant of the others).
    return this.module(call.module, this.callEvaluator(evaluator, call), base, false);
  }

  /**
   * The evaluator of a module a module calls, in one instance of the call (its inputs read with that
   * instance's `count.index` or `each`), made once when first needed: the caller reads its outputs
   * (`module.label.enabled`, `module.x[0].arn`) as it reads its inputs, before its own resources.
   */
  private callEvaluator(
    parent: StaticEvaluator,
    call: ModuleText['calls'][number],
    instance?: BlockInstance,
  ): StaticEvaluator {
    let made = this.callEvaluators.get(parent);
    if (made === undefined) {
      made = new Map();
      this.callEvaluators.set(parent, made);
    }
    const id = `${call.name}${instance?.suffix ?? ''}`;
    let child = made.get(id);
    if (child === undefined) {
      const inputs = new Map<string, StaticValue>();
      for (const [key, raw] of Object.entries(call.block))
        if (!MODULE_META.has(key)) inputs.set(key, parent.raw(raw, instance?.scope));
      conformInputs(call, instance?.suffix ?? '', inputs);
      child = new StaticEvaluator(call.module, inputs, { module: call.module.directory, root: this.root.directory });
      const caller = parent;
      child.inputMarks = (name) => caller.marksOf(MODULE_META.has(name) ? undefined : call.block[name]);
      validateInputs(call, instance?.suffix ?? '', child);
      passProviders(call.block['providers'], parent.providerRegions, child.providerRegions);
      made.set(id, child);
      this.connect(call.module, child);
    }
    return child;
  }

  /**
   * Lets `evaluator` read the outputs of the modules its module calls: of a call made once, or of
   * each instance of a call whose `count` / `for_each` the text fixes (`module.x[0].arn`,
   * `module.x["k"].policy`, `module.x` whole as a list or map of instances); an instance the call
   * does not make is Terraform's error (`try` falls back). `undefined` where the instances are
   * known only after apply.
   */
  private connect(module: ModuleText, evaluator: StaticEvaluator): void {
    const expanding = new Set<string>();
    evaluator.moduleReference = (name, steps, text) => {
      const call = module.calls.find((c) => c.name === name);
      if (call === undefined || expanding.has(name)) return undefined;
      const label = `module.${name}`;
      if (call.block['count'] === undefined && call.block['for_each'] === undefined)
        return outputsOf(this.callEvaluator(evaluator, call), label, steps, text);
      expanding.add(name);
      let instances: BlockInstance[];
      try {
        instances = this.instances(call.block, evaluator);
      } finally {
        expanding.delete(name);
      }
      if (instances.length === 1 && instances[0]?.scope === undefined) return undefined;
      const [first, ...rest] = steps;
      if (first === undefined) {
        const whole = instances.map((i): [string | number, unknown] => {
          const value = outputsOf(this.callEvaluator(evaluator, call, i), `${label}${i.suffix}`, [], text);
          return [i.index ?? 0, value.known ? value.value : new PendingValue(value.references)];
        });
        return {
          known: true,
          value: blockInstances(
            call.block['count'] !== undefined
              ? whole.map(([, v]) => v)
              : Object.fromEntries(whole.map(([k, v]) => [String(k), v])),
          ),
        };
      }
      const instance = instances.find((i) => i.index === first);
      if (instance === undefined) return missing(text);
      return outputsOf(this.callEvaluator(evaluator, call, instance), `${label}${instance.suffix}`, rest, text);
    };
  }
}

/**
 * What a reference reads of one instance of a module call (`label`): the instance whole (an object
 * of its outputs, each pending where only apply knows it), or an output and the steps into it; a
 * pending part is named after the output where the caller reads it.
 */
function outputsOf(
  child: StaticEvaluator,
  label: string,
  steps: readonly (string | number)[],
  text: string,
): StaticValue {
  const [first, ...rest] = steps;
  if (first === undefined) {
    const out: Record<string, unknown> = {};
    for (const name of child.outputNames()) {
      const value = child.output(name);
      defineOwn(
        out,
        name,
        value.known ? relabel(value.value, `${label}.${name}`, 0) : new PendingValue([`${label}.${name}`]),
      );
    }
    return { known: true, value: out };
  }
  if (typeof first !== 'string' || !child.outputNames().includes(first)) return missing(text);
  const output = child.output(first);
  if (!output.known) return { known: false, references: [text] };
  return follow({ known: true, value: relabel(output.value, `${label}.${first}`, 0) }, rest, text);
}

/** Instances beyond this many are not expanded: the block is read once, with `count.index`/`each` unknown. */
const MAX_INSTANCES = 1000;

/** One instance of a resource block: its address suffix and key, and `count`/`each` as its expressions see them. */
interface BlockInstance {
  readonly suffix: string;
  readonly index: string | number | undefined;
  readonly scope: Scope | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Evaluates what the text alone fixes. */
export class StaticEvaluator {
  /** Raw defaults, and for a called module the caller's inputs as evaluated in the caller. */
  private readonly variables = new Map<string, unknown>();
  /** Resource and data blocks of the module (`aws_iam_role.this`, `data.aws_iam_policy_document.x`). */
  private readonly resources = new Map<string, Record<string, unknown>>();
  /** Blocks whose `count`/`for_each` is being evaluated: a cycle stays unknown. */
  private readonly expanding = new Set<string>();
  /**
   * The regions the AWS provider configurations of the module set in their text, by the name the
   * module gives them: `aws` for the default one, `aws.east` for an alias.
   */
  readonly providerRegions = new Map<string, string>();
  /** Arguments of the blocks read since the last {@link takeProblems} that Terraform fails on, and why. */
  private problems: { readonly attribute: string; readonly problem: string }[] = [];
  /** What the declarations of the variables say of their values (`sensitive`, `ephemeral`). */
  private readonly flags = new Map<string, VariableFlags>();
  /** Type constraints of the declared variables, as parsed expressions (`map(object({...}))`). */
  private readonly types = new Map<string, HclNode>();
  private readonly inputs: ReadonlyMap<string, StaticValue>;
  private readonly locals: ReadonlyMap<string, unknown>;
  private readonly localValues = new Map<string, StaticValue>();
  private readonly evaluating = new Set<string>();
  /** Local names this module's `required_providers` gives the AWS provider besides `aws`. */
  private readonly awsProviderNames: ReadonlySet<string>;
  /** The `value` of each output block. */
  private readonly outputs = new Map<string, unknown>();
  private readonly outputValues = new Map<string, StaticValue>();
  /**
   * What `module.CALL` followed by `steps` reads (`text` is the whole reference): an output of a
   * module this one calls, an instance of it or all of them; `undefined` when the text cannot tell.
   */
  moduleReference:
    ((call: string, steps: readonly (string | number)[], text: string) => StaticValue | undefined) | undefined;
  /** For a called module, the sensitive marks of the value its caller gives an input (`issensitive(var.x)`). */
  inputMarks: ((name: string) => Marks) | undefined;

  constructor(
    module: { readonly files: readonly { readonly parsed: Record<string, unknown> }[] },
    inputs: ReadonlyMap<string, StaticValue> | undefined,
    /** Directories of the module and of the root module, for `path.module` and `file()`. */
    private readonly paths?: { readonly module: string; readonly root: string },
  ) {
    this.inputs = inputs ?? new Map();
    this.awsProviderNames = awsProviderNames(module.files);
    this.locals = localsOf(module.files);
    for (const file of module.files) {
      const declared = (file.parsed['variable'] ?? {}) as Record<string, Record<string, unknown>[]>;
      for (const [name, blocks] of Object.entries(declared)) {
        const block = blocks[0];
        if (block !== undefined && 'default' in block) this.variables.set(name, block['default']);
        if (block !== undefined && !this.flags.has(name))
          this.flags.set(name, {
            sensitive: block['sensitive'] === true,
            ephemeral: block['ephemeral'] === true,
            root: paths === undefined || path.resolve(paths.module) === path.resolve(paths.root),
          });
        const type = block?.['type'];
        if (typeof type === 'string') {
          try {
            this.types.set(name, parseHclAttribute(type));
          } catch (error) {
            if (!(error instanceof UnsupportedHcl)) throw error;
          }
        }
      }
      const outputs = (file.parsed['output'] ?? {}) as Record<string, Record<string, unknown>[]>;
      for (const [name, blocks] of Object.entries(outputs))
        if (blocks[0] !== undefined && 'value' in blocks[0]) this.outputs.set(name, blocks[0]['value']);
      for (const [prefix, key] of [
        ['', 'resource'],
        ['data.', 'data'],
      ] as const) {
        for (const [type, byName] of Object.entries((file.parsed[key] ?? {}) as Declarations))
          for (const [name, list] of Object.entries(byName)) {
            const id = `${prefix}${type}.${name}`;
            if (list[0] !== undefined && !this.resources.has(id)) this.resources.set(id, list[0]);
          }
      }
    }
  }

  /** The arguments Terraform fails on in the blocks read since the last call (a file that does not exist), and why. */
  takeProblems(): { readonly attribute: string; readonly problem: string }[] {
    const taken = this.problems;
    this.problems = [];
    return taken;
  }

  /** Variables whose default is known, as a plan's `variables` shows values. */
  variableValues(): [string, unknown][] {
    const values = new Map(this.defaults());
    for (const [name, input] of this.inputs) {
      const value = settle(input);
      if (value.known) values.set(name, this.conform(name, value.value));
    }
    return [...values];
  }

  /** Known defaults of the declared variables. */
  defaults(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const [name, raw] of this.variables) {
      const value = settle(this.raw(raw));
      if (value.known) out.push([name, this.conform(name, value.value)]);
    }
    return out;
  }

  /** A variable's value converted to its type constraint, as Terraform does before the module sees it. */
  private conform(name: string, value: unknown): unknown {
    const type = this.types.get(name);
    return type === undefined ? value : conformToType(value, type, 0);
  }

  /** A block's arguments as a plan shows them: known values, `after_unknown` markers and configuration expressions. */
  block(
    block: Record<string, unknown>,
    scope: Scope = NO_SCOPE,
  ): {
    values: Record<string, unknown>;
    unknown: Record<string, unknown>;
    expressions: Expressions;
  } {
    const values: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    const expressions: Record<string, Expression | Expressions[]> = {};
    for (const [key, raw] of Object.entries(block)) {
      if (META_ARGUMENTS.has(key)) continue;
      if (isBlockList(raw)) {
        const nested = raw.map((b) => this.block(b, scope));
        values[key] = nested.map((n) => n.values);
        unknown[key] = nested.map((n) => n.unknown);
        expressions[key] = nested.map((n) => n.expressions);
        continue;
      }
      if (Array.isArray(raw)) {
        const items = raw.map((item) => settle(this.raw(item, scope)));
        if (items.every((i) => i.known)) {
          const value = items.map((i) => (i.known ? i.value : null));
          values[key] = value;
          expressions[key] = this.knownExpression(raw, value, scope);
        } else {
          values[key] = items.map((i) => (i.known ? i.value : null));
          unknown[key] = items.map((i) => !i.known);
          expressions[key] = { references: unique(items.flatMap((i) => (i.known ? [] : i.references))) };
        }
        continue;
      }
      // Terraform refuses an ephemeral value in an argument it keeps (any but a write-only `*_wo` one).
      const ephemeral = key.endsWith('_wo') ? undefined : this.ephemeralIn(raw, scope);
      if (ephemeral !== undefined)
        this.problems.push({
          attribute: key,
          problem: `${ephemeral} is ephemeral, and Terraform keeps no ephemeral value in an argument that is not write-only`,
        });
      const value = settle(this.raw(raw, scope));
      if (value.known) {
        values[key] = value.value;
        expressions[key] = this.knownExpression(raw, value.value, scope);
      } else {
        if (value.problem !== undefined) this.problems.push({ attribute: key, problem: value.problem });
        unknown[key] = true;
        expressions[key] = { references: value.references };
      }
    }
    const dynamic = block['dynamic'];
    if (dynamic !== null && typeof dynamic === 'object') {
      for (const [label, list] of Object.entries(dynamic as Record<string, unknown>)) {
        const declared = (Array.isArray(list) ? list : [list]) as Record<string, unknown>[];
        const expanded = this.expandDynamic(label, declared, scope);
        if (expanded !== undefined) {
          // Terraform lists the blocks written out and the generated ones in declaration order
          // (a finding's `/Statement/3` counts in it), which hcl2json gives apart.
          values[label] = inDeclaredOrder(
            block,
            label,
            asList(values[label]),
            expanded.map((g) => g.map((n) => n.values)),
          );
          unknown[label] = inDeclaredOrder(
            block,
            label,
            asList(unknown[label]),
            expanded.map((g) => g.map((n) => n.unknown)),
          );
          expressions[label] = inDeclaredOrder(
            block,
            label,
            asList(expressions[label]) as Expressions[],
            expanded.map((g) => g.map((n) => n.expressions)),
          );
          continue;
        }
        // A `dynamic "x"` over what only apply knows: `x` is unknown, and the extraction reports it unresolved.
        const first = declared[0];
        const references = first === undefined ? [] : (this.expression(first['for_each'], scope).references ?? []);
        const content = Array.isArray(first?.['content'])
          ? (first['content'] as Record<string, unknown>[])[0]
          : undefined;
        Reflect.deleteProperty(values, label);
        unknown[label] = true;
        const inner: Record<string, Expression> = {};
        for (const attribute of Object.keys(content ?? {})) inner[attribute] = { references: [...references] };
        expressions[label] = [inner];
      }
    }
    return { values, unknown, expressions };
  }

  /**
   * The expression of an argument the text fixes: its value, or, when it reads the names of IAM
   * resources of this module (`role = aws_iam_role.app.name`, known before apply) or policy
   * documents, those references, as a plan lists them beside the value it shows: the link to the
   * resource is kept, and a document the text names but does not pick (`coalesce(var.custom_trust,
   * try(data.aws_iam_policy_document.mfa[0].json, ...))`, the terraform-aws-iam `iam-assumable-role`
   * shape) is used there, not a policy of its own.
   */
  private knownExpression(raw: unknown, value: unknown, scope: Scope): Expression {
    const texts = (Array.isArray(raw) ? raw : [raw]).filter((r): r is string => typeof r === 'string');
    const named: string[] = [];
    for (const text of texts) {
      const node = parseHclAttributeIfSupported(text);
      if (node === undefined) continue;
      for (const reference of referencesOf(node, new Set(scope.keys())))
        if (this.configuredName(reference) !== undefined || isDocumentReference(reference))
          named.push(reference, reference.slice(0, reference.lastIndexOf('.')));
    }
    return named.length > 0 ? { references: unique(named) } : { constant_value: value };
  }

  /**
   * The blocks each `dynamic` block of one type generates, or `undefined` when a `for_each` is not
   * known from the text.
   */
  private expandDynamic(
    label: string,
    declared: readonly Record<string, unknown>[],
    scope: Scope,
  ): ReturnType<StaticEvaluator['block']>[][] | undefined {
    const out: ReturnType<StaticEvaluator['block']>[][] = [];
    for (const dynamic of declared) {
      const generated: ReturnType<StaticEvaluator['block']>[] = [];
      out.push(generated);
      const collection = this.raw(dynamic['for_each'], scope);
      const content = Array.isArray(dynamic['content']) ? (dynamic['content'] as unknown[])[0] : undefined;
      if (!collection.known || content === null || typeof content !== 'object') return undefined;
      // `iterator = name` is a bare name, which hcl2json writes as `${name}`.
      const iterator = dynamic['iterator'];
      const name =
        typeof iterator === 'string' ? (/^\$\{\s*([A-Za-z_][\w-]*)\s*\}$/.exec(iterator)?.[1] ?? label) : label;
      const items = collection.value;
      let pairs: [unknown, unknown][];
      if (Array.isArray(items)) pairs = items.map((v, i) => [i, v]);
      else if (items !== null && typeof items === 'object')
        pairs = Object.keys(items)
          .sort()
          .map((k) => [k, (items as Record<string, unknown>)[k]]);
      else return undefined;
      for (const [key, value] of pairs)
        generated.push(this.block(content as Record<string, unknown>, new Map(scope).set(name, { key, value })));
    }
    return out;
  }

  /** The configuration expression of one argument. */
  expression(raw: unknown, scope: Scope = NO_SCOPE): Expression {
    const value = settle(this.raw(raw, scope));
    return value.known ? { constant_value: value.value } : { references: value.references };
  }

  /**
   * An hcl2json node: strings are expressions (templates), lists and objects hold more of them. A
   * list or object with unknown elements is known with those elements pending (its keys and length
   * are Terraform's to iterate over); `settle` turns it into an unknown where a plan shows values.
   */
  /**
   * The collection a `for_each` switched by a condition the text cannot read iterates when the
   * switch is on (`module.this.enabled ? local.policy_arns_map : {}`, the cloudposse shape, its
   * label module not installed): the instances are read, rather than one instance whose `each`
   * nothing tells. `undefined` for anything else.
   */
  toggledCollection(raw: unknown, scope: Scope = NO_SCOPE): StaticValue | undefined {
    return this.switchedOn(
      raw,
      scope,
      (value) =>
        value === null ||
        (Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0),
    );
  }

  /**
   * The number of instances of a `count` switched so when the switch is on
   * (`module.this.enabled ? length(keys(var.principals)) : 0`): each with its `count.index`.
   */
  toggledCount(raw: unknown, scope: Scope = NO_SCOPE): number | undefined {
    const on = this.switchedOn(raw, scope, (value) => countOf({ known: true, value }) === 0);
    return on === undefined ? undefined : countOf(on);
  }

  /** The number of a `count`, read as on when a switch the text cannot read decides it. */
  settledCount(raw: unknown, scope: Scope = NO_SCOPE): number | undefined {
    return countOf(this.raw(raw, scope)) ?? this.toggledCount(raw, scope);
  }

  /** The collection of a `for_each`, read as on when a switch the text cannot read decides it. */
  settledCollection(raw: unknown, scope: Scope = NO_SCOPE): StaticValue {
    const direct = this.raw(raw, scope);
    return direct.known ? direct : (this.toggledCollection(raw, scope) ?? direct);
  }

  /** The branch of `COND ? on : off` (or `COND ? off : on`) that is not `off`, when only COND is unknown. */
  private switchedOn(raw: unknown, scope: Scope, off: (value: unknown) => boolean): StaticValue | undefined {
    if (typeof raw !== 'string') return undefined;
    const node = parseHclAttributeIfSupported(raw);
    if (node === undefined || node.kind !== 'conditional' || this.node(node.condition, scope).known) return undefined;
    const isOff = (branch: StaticValue): boolean => branch.known && off(branch.value);
    const then = this.node(node.then, scope);
    const otherwise = this.node(node.else, scope);
    if (isOff(otherwise) && then.known && !isOff(then)) return then;
    if (isOff(then) && otherwise.known && !isOff(otherwise)) return otherwise;
    return undefined;
  }

  raw(raw: unknown, scope: Scope = NO_SCOPE): StaticValue {
    if (typeof raw === 'string') {
      const node = parseHclAttributeIfSupported(raw);
      return node === undefined ? { known: false, references: referencesIn(raw) } : this.node(node, scope);
    }
    if (Array.isArray(raw))
      return combine(
        raw.map((item) => this.raw(item, scope)),
        (values) => values,
      );
    if (raw !== null && typeof raw === 'object') {
      const keys = Object.keys(raw);
      return combine(
        keys.map((k) => this.raw((raw as Record<string, unknown>)[k], scope)),
        (values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])),
      );
    }
    return { known: true, value: raw };
  }

  /** What evaluating an expression of this module reads: references, files, the AWS provider's names. */
  private hooks(): EvalHooks {
    return {
      reference: (text) => {
        const value = this.reference(text);
        if (value.known) return value.value;
        if (MISSING.has(value)) throw new UnsupportedHcl(`\`${text}\` does not exist`);
        throw new UnknownHcl(value.references);
      },
      readFile: (file) => {
        const bytes = this.paths === undefined ? undefined : readSmallBytes(path.resolve(this.paths.root, file));
        return bytes === undefined ? undefined : utf8Text(bytes);
      },
      pathKind: (file) => (this.paths === undefined ? undefined : pathKind(path.resolve(this.paths.root, file))),
      fileProblem: (file) =>
        this.paths === undefined ? 'cannot be read' : fileProblem(path.resolve(this.paths.root, file)),
      readBytes: (file) => (this.paths === undefined ? undefined : readSmallBytes(path.resolve(this.paths.root, file))),
      listFiles: (directory) =>
        this.paths === undefined ? undefined : filesBelow(path.resolve(this.paths.root, directory)),
      absolutePath: (file) => {
        if (this.paths === undefined) throw new UnsupportedHcl('`abspath` without the root directory');
        return path.resolve(this.paths.root, file);
      },
      awsProviderNames: this.awsProviderNames,
      variable: (name) => {
        const flags = this.flags.get(name);
        if (flags === undefined || flags.root || this.inputMarks === undefined) return flags;
        return { ...flags, given: this.inputMarks(name) };
      },
      withoutEphemeralLocal: (name) =>
        this.locals.has(name) ? this.withoutEphemeral(this.locals.get(name)) : undefined,
      localNode: (name) => (this.locals.has(name) ? rawNode(this.locals.get(name), 0) : undefined),
    };
  }

  /**
   * A local's expression with its ephemeral parts null, as `ephemeralasnull()` gives it: an object
   * or tuple part by part, a part reading nothing ephemeral as it is, one that does as the
   * evaluator's `ephemeralasnull()` of it.
   */
  private withoutEphemeral(raw: unknown, depth = 0): unknown {
    if (depth > 32) throw new UnimplementedHcl('`ephemeralasnull` of a value nested this deep');
    if (Array.isArray(raw)) return raw.map((item) => this.withoutEphemeral(item, depth + 1));
    if (isObject(raw))
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, this.withoutEphemeral(v, depth + 1)]));
    if (this.ephemeralIn(raw, NO_SCOPE) === undefined) {
      const value = this.raw(raw);
      if (value.known) return value.value;
      throw new UnknownHcl(value.references);
    }
    return evaluateHcl({ kind: 'call', name: 'ephemeralasnull', args: [parseHclAttribute(String(raw))] }, this.hooks());
  }

  /**
   * The first ephemeral value an argument reads outside `ephemeralasnull()`: an ephemeral resource's
   * attribute, a variable declared `ephemeral`, `terraform.applying`, or one of them through locals,
   * named as a message names it (`` `local.x` (from `ephemeral.y.z`) ``); `undefined` when it reads none.
   */
  private ephemeralIn(raw: unknown, scope: Scope, depth = 0, seen = new Set<string>()): string | undefined {
    if (depth > 32) return undefined;
    if (Array.isArray(raw)) {
      for (const item of raw) {
        const found = this.ephemeralIn(item, scope, depth + 1, seen);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (isObject(raw)) return this.ephemeralIn(Object.values(raw), scope, depth + 1, seen);
    if (typeof raw !== 'string' || !raw.includes('${')) return undefined;
    const node = parseHclAttributeIfSupported(raw);
    if (node === undefined) return undefined;
    for (const text of referencesOf(node, new Set(scope.keys()), new Set(['ephemeralasnull']))) {
      const root = rootOf(text);
      const [name] = stepsOf(text);
      if (root === 'ephemeral' || text === 'terraform.applying') return `\`${text}\``;
      if (root === 'var' && typeof name === 'string' && this.flags.get(name)?.ephemeral === true) return `\`${text}\``;
      // A local read whole: one stepped into (`local.config.bucket`) may pick a part that is not ephemeral.
      const whole = stepsOf(text).length === 1;
      if (root === 'local' && whole && typeof name === 'string' && !seen.has(name) && this.locals.has(name)) {
        seen.add(name);
        const through = this.ephemeralIn(this.locals.get(name), NO_SCOPE, depth + 1, seen);
        if (through !== undefined) return `\`local.${name}\` (from ${through})`;
      }
    }
    return undefined;
  }

  /**
   * A condition (a variable's `validation`) as Terraform decides it: `true` or `false`, Terraform's
   * error evaluating it, or `undefined` when it depends on what only apply knows or on what this
   * reader does not evaluate.
   */
  condition(raw: unknown, scope: Scope = NO_SCOPE): boolean | { readonly error: string } | undefined {
    if (typeof raw !== 'string') return typeof raw === 'boolean' ? raw : undefined;
    try {
      const value = evaluateHcl(parseHclAttribute(raw), this.hooks(), scope);
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return value === null ? { error: 'the condition is null' } : undefined;
    } catch (error) {
      if (!(error instanceof UnsupportedHcl)) throw error;
      if (error instanceof UnknownHcl || error instanceof UnimplementedHcl || error instanceof FileUnusable)
        return undefined;
      return { error: error.message.split('\n')[0] ?? '' };
    }
  }

  private node(node: HclNode, scope: Scope): StaticValue {
    const hooks = this.hooks();
    // The references that leave it unknown: those the text alone gives no value (or gives pending
    // elements). An instance that does not exist is no dependency: `try` skipped it, or Terraform
    // refuses the text.
    // Terraform's error over a file in what the expression reads (a local, a rendered template), if any.
    let problem: string | undefined;
    const dependencies = (): string[] =>
      referencesOf(node, new Set(scope.keys())).flatMap((text) => {
        const value = this.reference(text);
        // The instances of a block named whole stay that name (`aws_iam_role.r[each.key]` pairs by key).
        if (value.known) return isBlockInstances(value.value) ? [text] : pendingReferences(value.value);
        problem ??= value.problem;
        return MISSING.has(value) ? [] : value.references;
      });
    try {
      const value = evaluateHcl(node, hooks, scope);
      if (value instanceof PendingValue) return { known: false, references: value.references };
      // A collection with pending elements (`[data.d.json, var.extra]`): where a plan shows it as
      // unknown, it names what its entries come from, the known ones too.
      if (pendingReferences(value).length > 0)
        return { known: true, value, references: unique([...dependencies(), ...pendingReferences(value)]) };
      return { known: true, value };
    } catch (error) {
      if (!(error instanceof UnsupportedHcl)) throw error;
      const references = dependencies();
      // Terraform's error over a file here comes before one in what the expression reads.
      if (error instanceof FileUnusable || error instanceof InvalidConfiguration) problem = error.message;
      // A pending element reached through `each`, `count` or a `dynamic` iterator names itself;
      // one of the instances of a block the text names whole (`aws_iam_policy.p[*].arn`) does not:
      // the block stands for them all, paired later by `count.index` or `each.key`.
      if (error instanceof UnknownHcl)
        references.push(...error.references.filter((r) => !references.some((whole) => r.startsWith(`${whole}[`))));
      return { known: false, references: unique(references), ...(problem === undefined ? {} : { problem }) };
    }
  }

  /**
   * A reference to instances of a counted (or `for_each`) block of this module whose instances the
   * text fixes: an instance that does not exist is Terraform's error (`try` falls back, `can` is
   * false), and the block with no instance is an empty list (or map). Anything else is left to apply.
   */
  private instanceReference(text: string): StaticValue | undefined {
    const root = rootOf(text);
    const steps = stepsOf(text);
    const [id, index] =
      root === 'data'
        ? [`data.${String(steps[0])}.${String(steps[1])}`, steps[2]]
        : [`${root}.${String(steps[0])}`, steps[1]];
    const block = this.resources.get(id);
    if (block === undefined || this.expanding.has(id)) return undefined;
    this.expanding.add(id);
    try {
      if (block['count'] !== undefined) {
        const count = this.settledCount(block['count']);
        if (count === undefined) return undefined;
        // The block whole (`for k, v in data.x.this`, a `dynamic` over it): one pending element per
        // instance, each named by its address, when the text fixes how many there are.
        if (index === undefined)
          return steps.length === (root === 'data' ? 2 : 1) && count <= MAX_INSTANCES
            ? {
                known: true,
                value: blockInstances(
                  Array.from({ length: count }, (_, i) => new PendingValue([`${text}[${String(i)}]`])),
                ),
              }
            : undefined;
        return typeof index === 'number' && index >= count ? missing(text) : undefined;
      }
      if (block['for_each'] !== undefined) {
        const each = this.settledCollection(block['for_each']);
        if (!each.known || each.value === null || typeof each.value !== 'object') return undefined;
        if (Array.isArray(each.value) && pendingReferences(each.value).length > 0) return undefined;
        const keys = Array.isArray(each.value) ? each.value.map(String) : Object.keys(each.value);
        if (index === undefined)
          return steps.length === (root === 'data' ? 2 : 1) && keys.length <= MAX_INSTANCES
            ? {
                known: true,
                value: blockInstances(
                  Object.fromEntries(keys.map((k) => [k, new PendingValue([`${text}[${JSON.stringify(k)}]`])])),
                ),
              }
            : undefined;
        return keys.includes(String(index)) ? undefined : missing(text);
      }
      return undefined;
    } finally {
      this.expanding.delete(id);
    }
  }

  /**
   * The `name` or `path` an IAM resource of this module is given in its text, as its plan shows it:
   * a configured argument keeps its value, so `aws_iam_role.app.name` is known before apply (a
   * `for_each` over such names has known keys). An instance of a repeated block is read with its
   * `count.index` or `each` (`aws_iam_user.this[0].name`, the terraform-aws-iam `iam-user` output a
   * group's members are given). Unknown with `name_prefix`.
   */
  private configuredName(text: string): StaticValue | undefined {
    const type = rootOf(text);
    const steps = stepsOf(text);
    const [name, key, attribute] = steps.length === 2 ? [steps[0], undefined, steps[1]] : steps;
    if (steps.length !== 2 && steps.length !== 3) return undefined;
    if (!type.startsWith('aws_iam_') || (attribute !== 'name' && attribute !== 'path')) return undefined;
    const id = `${type}.${String(name)}`;
    const block = this.resources.get(id);
    if (block === undefined || block[attribute] === undefined || this.expanding.has(id)) return undefined;
    this.expanding.add(id);
    try {
      const scope = this.instanceScope(block, key);
      if (scope === undefined) return undefined;
      const value = settle(this.raw(block[attribute], scope));
      return value.known && typeof value.value === 'string' ? value : undefined;
    } finally {
      this.expanding.delete(id);
    }
  }

  /**
   * What `count.index` or `each` is in the instance `key` of a block (no names for a block not
   * repeated and no key); `undefined` when the text does not make that instance.
   */
  private instanceScope(block: Record<string, unknown>, key: string | number | undefined): Scope | undefined {
    if (block['count'] !== undefined) {
      const count = this.settledCount(block['count']);
      if (typeof key !== 'number' || count === undefined || key >= count) return undefined;
      return new Map([['count', { index: key }]]);
    }
    if (block['for_each'] !== undefined) {
      const each = this.settledCollection(block['for_each']);
      if (key === undefined || !each.known || each.value === null || typeof each.value !== 'object') return undefined;
      const collection = each.value as Record<string, unknown> | unknown[];
      // A set of strings gives each string as both key and value.
      const value = Array.isArray(collection)
        ? collection.includes(String(key))
          ? String(key)
          : undefined
        : Object.hasOwn(collection, String(key))
          ? collection[String(key)]
          : undefined;
      return value === undefined ? undefined : new Map([['each', { key: String(key), value }]]);
    }
    return key === undefined ? NO_SCOPE : undefined;
  }

  /**
   * `data.aws_partition.X.partition` (and `dns_suffix`) and `data.aws_region.X.name` of the
   * provider configuration the data source reads through (the default one, or the alias its
   * `provider` names), when that configuration writes its region: what the data sources read at
   * plan time from that region. A counted data source (`count = var.create ? 1 : 0`) reads the same
   * in each instance that exists.
   */
  private providerData(text: string): StaticValue | undefined {
    const steps = stepsOf(text);
    if (rootOf(text) !== 'data') return undefined;
    const [type, name] = steps;
    const counted = steps.length === 4 && typeof steps[2] === 'number';
    if (steps.length !== 3 && !counted) return undefined;
    const attribute = steps[steps.length - 1];
    const block = this.resources.get(`data.${String(type)}.${String(name)}`);
    if (block === undefined || block['for_each'] !== undefined) return undefined;
    const provider = providerName(block['provider']);
    const providerRegion = provider === undefined ? undefined : this.providerRegions.get(provider);
    if (counted !== (block['count'] !== undefined)) return undefined;
    if (counted) {
      const count = countOf(this.raw(block['count']));
      if (count === undefined || Number(steps[2]) >= count) return undefined;
    }
    if (type === 'aws_elb_service_account') return this.elbServiceAccount(block, attribute, providerRegion);
    const region = providerRegion;
    if (region === undefined) return undefined;
    if (type === 'aws_partition' && (attribute === 'partition' || attribute === 'dns_suffix')) {
      const partition = partitionOfRegion(region);
      const value = attribute === 'partition' ? partition : dnsSuffixOf(partition);
      return value === undefined ? undefined : { known: true, value };
    }
    if (type !== 'aws_region' || !(attribute === 'name' || attribute === 'region' || attribute === 'id'))
      return undefined;
    // An argument set to null (`region = var.region`, left at `default = null`, the terraform-aws-s3-bucket
    // shape for AWS provider 6) is not set: the data source reads the provider's region.
    const chosen = ['name', 'region', 'endpoint']
      .filter((k) => block[k] !== undefined)
      .map((k) => settle(this.raw(block[k])))
      .filter((v) => !(v.known && v.value === null));
    return chosen.length === 0 ? { known: true, value: region } : undefined;
  }

  /**
   * `data.aws_elb_service_account.X.id` (and `arn`, its root): the load balancers' account of the
   * Region the data source reads (its `region` argument, else its provider's), a fixed account the
   * Elastic Load Balancing guide lists, as Terraform reads it at plan time.
   */
  private elbServiceAccount(
    block: Readonly<Record<string, unknown>>,
    attribute: string | number | undefined,
    providerRegion: string | undefined,
  ): StaticValue | undefined {
    if (attribute !== 'id' && attribute !== 'arn') return undefined;
    const own = block['region'] === undefined ? undefined : settle(this.raw(block['region']));
    // An argument set to null is not set: the provider's region is read.
    const region =
      own === undefined || (own.known && own.value === null) ? providerRegion : own.known ? own.value : undefined;
    if (typeof region !== 'string') return undefined;
    const account = elbAccountOfRegion(region);
    const partition = partitionOfRegion(region);
    if (account === undefined || partition === undefined) return undefined;
    return { known: true, value: attribute === 'id' ? account : `arn:${partition}:iam::${account}:root` };
  }

  /**
   * `data.template_file.NAME.rendered` (the template provider, common before `templatefile`): its
   * `template` rendered with its `vars`, when the text fixes them, as the data source renders it.
   */
  private templateFile(text: string): StaticValue | undefined {
    const steps = stepsOf(text);
    if (rootOf(text) !== 'data' || steps[0] !== 'template_file' || steps[2] !== 'rendered' || steps.length !== 3)
      return undefined;
    const id = `data.template_file.${String(steps[1])}`;
    const block = this.resources.get(id);
    if (block === undefined || block['count'] !== undefined || block['for_each'] !== undefined) return undefined;
    if (this.expanding.has(id)) return { known: false, references: [text] };
    this.expanding.add(id);
    try {
      const template = settle(this.raw(block['template']));
      if (!template.known) return template;
      if (typeof template.value !== 'string') return { known: false, references: [text] };
      // `vars = {...}`, or the `vars {...}` block of Terraform 0.11 configurations.
      const rawVars = Array.isArray(block['vars']) ? (block['vars'] as unknown[])[0] : block['vars'];
      const vars = this.raw(rawVars ?? {});
      if (!vars.known) return vars;
      if (vars.value === null || typeof vars.value !== 'object' || Array.isArray(vars.value))
        return { known: false, references: [text] };
      const value = evaluateHcl(
        parseHclTemplate(template.value),
        {
          reference: (name) => {
            throw new UnsupportedHcl(`\`${name}\` is not a variable of the template`);
          },
        },
        new Map(Object.entries(vars.value)),
      );
      return { known: true, value };
    } catch (error) {
      if (error instanceof UnknownHcl) return { known: false, references: [...error.references] };
      if (error instanceof UnsupportedHcl) return { known: false, references: [text] };
      throw error;
    } finally {
      this.expanding.delete(id);
    }
  }

  private reference(text: string): StaticValue {
    const head = rootOf(text);
    const [first, ...rest] = stepsOf(text);
    const name = String(first ?? '');
    // As Terraform gives them: `path.module` relative to the root module (`.` there), `path.root`
    // `.`, `path.cwd` the absolute directory Terraform runs in (the root module's).
    if (head === 'path' && this.paths !== undefined && rest.length === 0) {
      const where =
        name === 'module'
          ? modulePath(this.paths.root, this.paths.module)
          : name === 'root'
            ? '.'
            : name === 'cwd'
              ? path.resolve(this.paths.root)
              : undefined;
      if (where !== undefined) return { known: true, value: where };
    }
    if (head === 'terraform' && name === 'workspace' && rest.length === 0 && this.paths !== undefined)
      return { known: true, value: selectedWorkspace(this.paths.root) };
    const input = head === 'var' ? this.inputs.get(name) : undefined;
    // An input known in the caller is known here; otherwise the resolver chases it through the call.
    // Pending elements of an input are named after it here (`var.x["k"].arn`): the caller's names mean nothing in this module.
    if (input !== undefined)
      return input.known
        ? follow({ known: true, value: relabel(this.conform(name, input.value), `var.${name}`, 0) }, rest, text)
        : { known: false, references: [text] };
    if (head === 'var' && this.variables.has(name)) {
      const value = this.raw(this.variables.get(name));
      return follow(value.known ? { known: true, value: this.conform(name, value.value) } : value, rest, text);
    }
    const rendered = this.templateFile(text);
    if (rendered !== undefined) return rendered;
    const provided = this.providerData(text);
    if (provided !== undefined) return provided;
    const instance = this.instanceReference(text);
    if (instance !== undefined) return instance;
    const configured = this.configuredName(text);
    if (configured !== undefined) return configured;
    if (head === 'local') {
      let value = this.localValues.get(name);
      if (value === undefined) {
        if (!this.locals.has(name) || this.evaluating.has(name)) return { known: false, references: [text] };
        this.settleLocalsRead(name);
        value = this.local(name);
      }
      return follow(value, rest, text);
    }
    // `module.label.enabled`, `module.x[0].arn`: outputs of the modules it calls, their pending parts named here.
    if (head === 'module') {
      const output = this.moduleReference?.(name, rest, text);
      if (output !== undefined && (output.known || MISSING.has(output))) return output;
    }
    return { known: false, references: [text] };
  }

  /** The value of `local.NAME`, evaluated once. */
  private local(name: string): StaticValue {
    let value = this.localValues.get(name);
    if (value === undefined) {
      this.evaluating.add(name);
      value = this.raw(this.locals.get(name));
      this.evaluating.delete(name);
      this.localValues.set(name, value);
    }
    return value;
  }

  /**
   * Evaluates the locals `local.NAME` reads, and those they read, deepest first (see
   * {@link settleDeepestFirst}). No cycle is met: {@link refuseCyclesOfLocals} refused every
   * configuration holding one before any module is evaluated.
   */
  private settleLocalsRead(name: string): void {
    const cycle = settleDeepestFirst(name, {
      reads: (local) => localsRead(this.locals.get(local)),
      pending: (local) => this.locals.has(local) && !this.localValues.has(local) && !this.evaluating.has(local),
      settle: (local) => {
        this.local(local);
      },
      stopAtCycle: true,
    });
    if (cycle !== undefined) throw new Error(`a cycle of locals left to evaluation: ${localsCycleProblem(cycle)}`);
  }

  /**
   * The sensitive marks of the value an expression of this module makes (an input it gives a
   * module it calls); none for an input it leaves out, which takes its default.
   */
  marksOf(raw: unknown): Marks {
    if (raw === undefined) return { whole: false, inside: false };
    const node = rawNode(raw, 0);
    return node === undefined ? { whole: undefined, inside: undefined } : marksOfHcl(node, this.hooks());
  }

  /** The names of the outputs this module declares. */
  outputNames(): string[] {
    return [...this.outputs.keys()];
  }

  /** The value of an output of this module, as the text fixes it (a cycle stays unknown). */
  output(name: string): StaticValue {
    let value = this.outputValues.get(name);
    if (value === undefined) {
      if (!this.outputs.has(name) || this.evaluating.has(`output.${name}`))
        return { known: false, references: [`output.${name}`] };
      this.evaluating.add(`output.${name}`);
      value = this.raw(this.outputs.get(name));
      this.evaluating.delete(`output.${name}`);
      this.outputValues.set(name, value);
    }
    return value;
  }
}

/**
 * The workspace Terraform would plan in, from the root module's directory as Terraform finds it:
 * `TF_WORKSPACE`, else the one `terraform workspace select` recorded in `.terraform/environment`,
 * else `default`.
 */
function selectedWorkspace(root: string): string {
  const given = process.env['TF_WORKSPACE'];
  if (given !== undefined && given !== '') return given;
  const recorded = readSmallBytes(path.join(root, '.terraform', 'environment'));
  const name = recorded === undefined ? '' : Buffer.from(recorded).toString('utf8').trim();
  return name === '' ? 'default' : name;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Values of an attribute a known value does not have: an error in Terraform (`try` falls back), not an unknown. */
const MISSING = new WeakSet<StaticValue>();

/** A value Terraform reports as an error (no such instance or attribute), named by its reference. */
/**
 * The number of instances a known `count` gives: a whole number, or text that reads as one, as
 * Terraform converts it (`count = var.on ? "${length(var.arns)}" : 0` is a string); else undefined.
 */
function countOf(count: StaticValue): number | undefined {
  if (!count.known) return undefined;
  const value = typeof count.value === 'string' && /^\s*\d+\s*$/.test(count.value) ? Number(count.value) : count.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function missing(text: string): StaticValue {
  const value: StaticValue = { known: false, references: [text] };
  MISSING.add(value);
  return value;
}

/** `local.x.key` (or `var.list[0]`) of a known value; unknown when the value is. */
function follow(value: StaticValue, steps: readonly (string | number)[], text: string): StaticValue {
  if (!value.known) return value.references.length > 0 ? value : { ...value, references: [text] };
  let current = value.value;
  for (const step of steps) {
    if (current instanceof PendingValue) return { known: false, references: [...current.references] };
    current = stepInto(current, step);
    if (current === undefined) return missing(text);
  }
  return current instanceof PendingValue
    ? { known: false, references: [...current.references] }
    : { known: true, value: current };
}

/** The collections that stand for the instances of a block named whole, each instance pending. */
const BLOCK_INSTANCES = new WeakSet();

function blockInstances<T extends object>(collection: T): T {
  BLOCK_INSTANCES.add(collection);
  return collection;
}

function isBlockInstances(value: unknown): boolean {
  return value !== null && typeof value === 'object' && BLOCK_INSTANCES.has(value);
}

/** A list or object of values: known, its unknown elements pending (`settle` makes the whole unknown where needed). */
function combine(items: readonly StaticValue[], make: (values: unknown[]) => unknown): StaticValue {
  return { known: true, value: make(items.map((i) => (i.known ? i.value : new PendingValue(i.references)))) };
}

/** A value as a plan shows it: one with pending elements is unknown, named by their references. */
function settle(value: StaticValue): StaticValue {
  if (!value.known) return value;
  const references = pendingReferences(value.value);
  return references.length === 0 ? value : { known: false, references: value.references ?? references };
}

/** The pending elements of a module input named after the variable and their place in it. */
function relabel(value: unknown, label: string, depth: number): unknown {
  if (value instanceof PendingValue) return new PendingValue([label]);
  if (depth > 50 || pendingReferences(value).length === 0) return value;
  if (Array.isArray(value)) return value.map((item, i) => relabel(item, `${label}[${String(i)}]`, depth + 1));
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        relabel(v, /^[A-Za-z_][\w-]*$/.test(k) ? `${label}.${k}` : `${label}[${JSON.stringify(k)}]`, depth + 1),
      ]),
    );
  return value;
}

const NO_SCOPE: Scope = new Map();

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function isBlockList(raw: unknown): raw is Record<string, unknown>[] {
  return (
    Array.isArray(raw) &&
    raw.length > 0 &&
    raw.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
  );
}

/** References in an expression the reader does not support, found by their shape. */
function referencesIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(
    /(?<![\w."-])(?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][\w-]*)?/g,
  )) {
    const ref = parseReference(match[0]);
    if (ref.kind === 'var' || ref.kind === 'module' || (ref.kind === 'resource' && ref.type.includes('_')))
      found.push(match[0]);
  }
  return unique(found);
}

/** Points every location at the .tf file that declares its address. */
function relocate(
  input: ScanInput,
  files: ReadonlyMap<string, string>,
  problems: ReadonlyMap<string, readonly BlockProblem[]> = new Map(),
): ScanInput {
  const visit = (node: unknown, checked = false): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
    const out: Record<string, unknown> = {};
    const unresolved = checked ? undefined : withTerraformError(node as Record<string, unknown>, problems);
    if (unresolved !== undefined) {
      // No document where Terraform stops: one read from elsewhere would be a guess.
      const rest = Object.fromEntries(
        Object.entries(node).filter(([key]) => key !== 'document' && key !== 'unresolved'),
      );
      return { ...(visit(rest, true) as object), document: undefined, unresolved };
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'location' && value !== null && typeof value === 'object') {
        const address = (value as { address?: unknown }).address;
        // Instances (`x[0]`, `x["a"]`) come from the declaration of their block.
        const file = typeof address === 'string' ? files.get(withoutInstanceKeys(address)) : undefined;
        out[key] = file === undefined ? value : { ...value, file };
      } else if (key === 'document' || key === 'before') out[key] = value;
      else out[key] = visit(value);
    }
    return out;
  };
  return visit(input) as ScanInput;
}

/** An argument of a block Terraform fails on (a file read that does not exist), and why. */
interface BlockProblem {
  readonly attribute: string;
  readonly problem: string;
}

/**
 * The `unresolved` of a policy source whose argument Terraform itself fails on, saying why (the
 * file that does not exist) in place of "cannot be evaluated without a plan"; `undefined` otherwise.
 */
function withTerraformError(
  node: Record<string, unknown>,
  problems: ReadonlyMap<string, readonly BlockProblem[]>,
): { reason: string; references: readonly string[] } | undefined {
  const unresolved = node['unresolved'] as { reason?: unknown; references?: unknown } | undefined;
  const address = (node['location'] as { address?: unknown } | undefined)?.address;
  const id = node['id'];
  if (typeof address !== 'string' || !('document' in node) || typeof id !== 'string') return undefined;
  const ofBlock = problems.get(address) ?? [];
  if (ofBlock.length === 0) return undefined;
  // The argument a policy source stands for: its own id names it (`aws_iam_role.r.assume_role_policy`),
  // or the unresolved reason does; a policy resource's id is its address (its `policy`).
  const what =
    (typeof unresolved?.reason === 'string' ? /^`([^`]+)`/.exec(unresolved.reason)?.[1] : undefined) ??
    (id === address ? `${address}.policy` : id);
  const argument = ofBlock.find((p) => what.endsWith(`.${p.attribute}`));
  const found = argument ?? ofBlock.find((p) => p.attribute === 'for_each' || p.attribute === 'count');
  if (found === undefined) return undefined;
  // A failing `for_each` or `count` changes a policy only where it left it unresolved.
  if (argument === undefined && unresolved === undefined) return undefined;
  const subject = argument !== undefined ? what : address;
  const cause = argument !== undefined ? found.problem : `its \`${found.attribute}\` fails: ${found.problem}`;
  return {
    reason: `\`${subject}\` cannot be evaluated: ${cause} (Terraform's error: \`terraform plan\` fails there too)`,
    references: Array.isArray(unresolved?.references) ? (unresolved.references as string[]) : [],
  };
}

/** Whether a reference reads a policy document data source (`data.aws_iam_policy_document.x[0].json`). */
function isDocumentReference(text: string): boolean {
  return /^data\.aws_iam_policy_document\.[\w-]+(\[[^\]]+\])?\.json$/.test(text);
}
