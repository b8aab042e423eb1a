/**
 * The .tf files behind a plan, read with @cdktf/hcl2json, so that a policy the plan only knows
 * after apply (`jsonencode({...})` around an unknown) can be rebuilt from its source expression.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isConfigurationFile, parseTerraformFile } from './hcl-json-syntax';
import { mergeOverrides } from './hcl-overrides';
import type { ConfigModule } from './plan-types';
import { DirectoryReader, configurationFiles } from './tf-text';
import type { ConfigurationTool } from './tf-text';
import type * as Hcl2Json from '@cdktf/hcl2json';

/** One parsed .tf file of a configuration module. */
export interface ParsedFile {
  /** Configuration module path (`''` for the root module, `api.db` for nested calls). */
  readonly configPath: string;
  readonly parsed: Record<string, unknown>;
}

/** Attributes of resource and data blocks (and locals) by configuration module path. */
export class HclSources {
  private constructor(
    private readonly blocks: ReadonlyMap<string, Record<string, unknown>>,
    private readonly locals: ReadonlyMap<string, unknown>,
    /** True when no plan stands behind the sources (`--hcl` alone): unknown then means "not evaluated". */
    readonly planless: boolean,
    /** The directory of each configuration module read, when known (`path.module`). */
    private readonly directories: ReadonlyMap<string, string> = new Map(),
    /** Local names of the AWS provider other than `aws` (`required_providers { amazon = ... }`). */
    readonly awsProviderNames: ReadonlySet<string> = new Set(),
    /** `module` blocks by configuration module path and call name (`|api`). */
    private readonly modules: ReadonlyMap<string, Record<string, unknown>> = new Map(),
    /** The `type` text of each `variable` block, by configuration module path and name. */
    private readonly variableTypes: ReadonlyMap<string, string> = new Map(),
    /** The variables declared `nullable = false`, by configuration module path and name. */
    private readonly nonNullable: ReadonlySet<string> = new Set(),
    /** `provider "aws"` blocks by configuration module path and alias (`|` for the root's default, `|virginia`). */
    private readonly providers: ReadonlyMap<string, Record<string, unknown>> = new Map(),
  ) {}

  /** Sources from files already parsed (the plan-less path parses them itself). */
  static fromParsed(
    files: readonly ParsedFile[],
    planless: boolean,
    directories: ReadonlyMap<string, string> = new Map(),
  ): HclSources {
    const blocks = new Map<string, Record<string, unknown>>();
    const locals = new Map<string, unknown>();
    const modules = new Map<string, Record<string, unknown>>();
    const types = new Map<string, string>();
    const nonNullable = new Set<string>();
    const providers = new Map<string, Record<string, unknown>>();
    for (const file of files) {
      collect(file, blocks, locals, modules, types, nonNullable);
      for (const block of ((file.parsed['provider'] as Record<string, unknown> | undefined)?.['aws'] ?? []) as Record<
        string,
        unknown
      >[]) {
        const alias = block['alias'];
        const id = `${file.configPath}|${typeof alias === 'string' ? alias : ''}`;
        if (!providers.has(id)) providers.set(id, block);
      }
    }
    return new HclSources(
      blocks,
      locals,
      planless,
      directories,
      awsProviderNames(files),
      modules,
      types,
      nonNullable,
      providers,
    );
  }

  /**
   * The directory of a configuration module (`''` for the root) as `path.module` names it: relative
   * to the root module's (`.` for the root, `modules/iam`), as Terraform gives it, so that no path of
   * this machine shows in a value (a `for_each` key, a finding's address).
   */
  directory(configPath: string): string | undefined {
    const directory = this.directories.get(configPath);
    const root = this.directories.get('');
    return directory === undefined || root === undefined ? directory : modulePath(root, directory);
  }

  /**
   * A file `file()` or `templatefile()` reads, relative to the root module as Terraform resolves it:
   * a regular file of at most 4 MB holding UTF-8 text, else `undefined`.
   */
  readFile(file: string): string | undefined {
    const bytes = this.readBytes(file);
    return bytes === undefined ? undefined : utf8Text(bytes);
  }

  /** The bytes of a file `filebase64()` or a file hash function reads, with `readFile`'s rules but any content. */
  readBytes(file: string): Uint8Array | undefined {
    const root = this.directories.get('');
    return root === undefined ? undefined : readSmallBytes(path.resolve(root, file));
  }

  /** The files below a directory `fileset()` lists, relative to the root module as `file()` reads them. */
  listFiles(directory: string): readonly string[] | undefined {
    const root = this.directories.get('');
    return root === undefined ? undefined : filesBelow(path.resolve(root, directory));
  }

  /** `abspath()` of a path, relative to the root module's directory where Terraform runs. */
  absolutePath(file: string): string | undefined {
    const root = this.directories.get('');
    return root === undefined ? undefined : path.resolve(root, file);
  }

  /**
   * Reads the root module in `dir` and the local modules the configuration calls (`source = "./x"`),
   * each directory read and parsed once however many calls name it.
   */
  static async load(
    dir: string,
    root: ConfigModule | undefined,
    reader: DirectoryReader = new DirectoryReader(),
    /** The tool that reads the configuration (see {@link configurationFiles}). */
    tool: ConfigurationTool = 'terraform',
  ): Promise<HclSources> {
    // Loaded here only: the parser is WebAssembly, costly to load, and most runs never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
    const { parse } = require('@cdktf/hcl2json') as typeof Hcl2Json;
    const files: ParsedFile[] = [];
    const directories = new Map<string, string>();
    const parsedDirectories = new Map<string, Record<string, unknown>[]>();
    const parseDirectory = async (directory: string): Promise<Record<string, unknown>[]> => {
      const names = configurationFiles((await reader.names(directory)) ?? [], tool);
      const own: { name: string; parsed: Record<string, unknown> }[] = [];
      for (const name of names) {
        const text = await reader.text(path.join(directory, name));
        if (text === undefined) continue;
        try {
          own.push({ name, parsed: await parseTerraformFile(parse, name, text) });
        } catch {
          continue;
        }
      }
      return mergeOverrides(own).map((f) => f.parsed);
    };
    const visit = async (configPath: string, directory: string, module: ConfigModule | undefined): Promise<void> => {
      directories.set(configPath, directory);
      const key = path.resolve(directory);
      let parsedFiles = parsedDirectories.get(key);
      if (parsedFiles === undefined) {
        parsedFiles = await parseDirectory(directory);
        parsedDirectories.set(key, parsedFiles);
      }
      for (const parsed of parsedFiles) files.push({ configPath, parsed });
      for (const [callName, call] of Object.entries(module?.module_calls ?? {})) {
        const source = call.source ?? '';
        const childPath = configPath === '' ? callName : `${configPath}.${callName}`;
        // A registry or remote module is read where `terraform init` installed it, if it did.
        const local = source.startsWith('./') || source.startsWith('../');
        const where = local ? path.resolve(directory, source) : installed.get(childPath)?.directory;
        if (where !== undefined) await visit(childPath, where, call.module);
      }
    };
    const installed = await installedModules(dir, dir);
    await visit('', dir, root);
    return HclSources.fromParsed(files, false, directories);
  }

  /** The source of an argument a `module` block of a configuration module passes to its child (`policy = jsonencode(...)`). */
  moduleInput(configPath: string, call: string, name: string): unknown {
    return this.modules.get(`${configPath}|${call}`)?.[name];
  }

  /**
   * The arguments that choose the account an AWS provider configuration signs in to (`profile`,
   * `assume_role`, keys), as written, of the block of `alias` (`''` the default) a configuration
   * module declares; `undefined` when it declares none.
   */
  providerCredentials(configPath: string, alias: string, names: readonly string[]): string | undefined {
    const block = this.providers.get(`${configPath}|${alias}`);
    return block === undefined ? undefined : JSON.stringify(names.map((name) => block[name] ?? null));
  }

  /** The type constraint a configuration module declares for a variable (`map(object({...}))`), as written. */
  variableType(configPath: string, name: string): string | undefined {
    return this.variableTypes.get(`${configPath}|${name}`);
  }

  /** Whether a configuration module declares a variable `nullable = false` (a null given takes its default). */
  refusesNull(configPath: string, name: string): boolean {
    return this.nonNullable.has(`${configPath}|${name}`);
  }

  /** The source of a `locals` entry of a configuration module. */
  local(configPath: string, name: string): unknown {
    return this.locals.get(`${configPath}|${name}`);
  }

  /** Whether any .tf block was read. */
  get empty(): boolean {
    return this.blocks.size === 0;
  }

  /** The raw hcl2json node at an attribute path (a string, a list of strings, a block list). */
  node(
    configPath: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    attributePath: readonly (string | number)[],
  ): unknown {
    let node: unknown = this.blocks.get(`${configPath}|${mode}.${type}.${name}`);
    for (const step of attributePath) {
      if (Array.isArray(node) && typeof step === 'string')
        node = (node[0] as Record<string, unknown> | undefined)?.[step];
      else
        node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[step];
    }
    return node;
  }

  /** Whether the files of a configuration module were read (`''` for the root module). */
  reads(configPath: string): boolean {
    return this.directories.has(configPath);
  }

  /** The `resource` (`managed`) and `data` blocks a configuration module declares, as `mode.type.name`. */
  declaredBlocks(configPath: string): string[] {
    const prefix = `${configPath}|`;
    return [...this.blocks.keys()].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  }

  /** The source text of an attribute (`policy`, or `inline_policy.0.policy` in a nested block). */
  attribute(
    configPath: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    attributePath: readonly (string | number)[],
  ): string | undefined {
    const node = this.node(configPath, mode, type, name, attributePath);
    return typeof node === 'string' ? node : undefined;
  }
}

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;

/** Where the registries publish the AWS provider (`source` of `required_providers`, any case). */
const AWS_PROVIDER_SOURCES = new Set([
  'hashicorp/aws',
  'registry.terraform.io/hashicorp/aws',
  'registry.opentofu.org/hashicorp/aws',
]);

/** Whether a provider's source address (`required_providers`, a plan's `full_name`) is the AWS provider. */
export function isAwsProviderSource(source: unknown): boolean {
  return typeof source === 'string' && AWS_PROVIDER_SOURCES.has(source.toLowerCase());
}

/**
 * The local names the `terraform { required_providers { ... } }` blocks of some files give the AWS
 * provider, other than `aws` (a module may call it `amazon`). Names are per module in Terraform;
 * one set for the whole configuration is enough to call the provider's functions.
 */
export function awsProviderNames(files: readonly { readonly parsed: Record<string, unknown> }[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const blocks = Array.isArray(file.parsed['terraform']) ? (file.parsed['terraform'] as unknown[]) : [];
    for (const block of blocks) {
      const required = (block as Record<string, unknown> | null)?.['required_providers'];
      for (const entry of Array.isArray(required) ? (required as unknown[]) : []) {
        if (entry === null || typeof entry !== 'object') continue;
        for (const [name, requirement] of Object.entries(entry as Record<string, unknown>))
          if (name !== 'aws' && isAwsProviderSource((requirement as Record<string, unknown> | null)?.['source']))
            names.add(name);
      }
    }
  }
  return names;
}

function collect(
  file: ParsedFile,
  blocks: Map<string, Record<string, unknown>>,
  locals: Map<string, unknown>,
  modules: Map<string, Record<string, unknown>>,
  types: Map<string, string>,
  nonNullable: Set<string>,
): void {
  for (const [name, list] of Object.entries(
    (file.parsed['variable'] ?? {}) as Record<string, Record<string, unknown>[]>,
  )) {
    const type = list[0]?.['type'];
    if (typeof type === 'string') types.set(`${file.configPath}|${name}`, type);
    // hcl2json writes a literal `false` as it is, an expression as `${...}`.
    if (list[0]?.['nullable'] === false) nonNullable.add(`${file.configPath}|${name}`);
  }
  for (const [call, list] of Object.entries(
    (file.parsed['module'] ?? {}) as Record<string, Record<string, unknown>[]>,
  )) {
    const id = `${file.configPath}|${call}`;
    if (list[0] !== undefined && !modules.has(id)) modules.set(id, list[0]);
  }
  for (const [mode, key] of [
    ['managed', 'resource'],
    ['data', 'data'],
  ] as const) {
    for (const [type, byName] of Object.entries((file.parsed[key] ?? {}) as Blocks)) {
      for (const [resourceName, list] of Object.entries(byName)) {
        const first = list[0];
        const id = `${file.configPath}|${mode}.${type}.${resourceName}`;
        if (first !== undefined && !blocks.has(id)) blocks.set(id, first);
      }
    }
  }
  const localBlocks = Array.isArray(file.parsed['locals']) ? (file.parsed['locals'] as Record<string, unknown>[]) : [];
  for (const block of localBlocks)
    for (const [name, value] of Object.entries(block)) locals.set(`${file.configPath}|${name}`, value);
}

/** A module `terraform init` installed: where it is, and how to show that path. */
export interface InstalledModule {
  readonly directory: string;
  readonly display: string;
}

/**
 * The modules `terraform init` recorded in `.terraform/modules/modules.json`, by module path
 * (`vpc`, `vpc.subnets`); none when the configuration was not initialised or the file is unreadable.
 */
export async function installedModules(root: string, display: string): Promise<Map<string, InstalledModule>> {
  const out = new Map<string, InstalledModule>();
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(path.join(root, '.terraform', 'modules', 'modules.json'), 'utf8'));
  } catch {
    return out;
  }
  const modules = (manifest as { Modules?: unknown } | null)?.Modules;
  if (!Array.isArray(modules)) return out;
  for (const entry of modules as unknown[]) {
    const { Key: key, Dir: dir } = (entry ?? {}) as { Key?: unknown; Dir?: unknown };
    if (typeof key !== 'string' || key === '' || typeof dir !== 'string') continue;
    out.set(key, { directory: path.resolve(root, dir), display: path.join(display, dir) });
  }
  return out;
}

/** True when a directory holds configuration files (.tf, .tf.json, .tofu, .tofu.json). */
export async function hasTerraformFiles(
  dir: string,
  reader: DirectoryReader = new DirectoryReader(),
): Promise<boolean> {
  return ((await reader.names(dir)) ?? []).some(isConfigurationFile);
}

/** The DNS suffix of a partition's service endpoints, for the partitions whose suffix is public. */
export function dnsSuffixOf(partition: string | undefined): string | undefined {
  if (partition === 'aws' || partition === 'aws-us-gov') return 'amazonaws.com';
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : undefined;
}

/** More files than a policy folder holds: a listing beyond this is not guessed at. */
const MAX_LISTED = 10_000;

/** The largest file `file()` and its kin read here. */
const MAX_READ = 4 * 1024 * 1024;

/** Files `file()` and its kin may read: regular files of at most 4 MB (a policy file, never a device or a huge dump). */
export function readSmallBytes(file: string): Uint8Array | undefined {
  try {
    const stats = statSync(file);
    if (!stats.isFile() || stats.size > MAX_READ) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Why {@link readSmallBytes} (or {@link utf8Text} after it) gives nothing for a file: `does not exist`, `is a directory`... */
export function fileProblem(file: string): string {
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return 'is a directory, not a file';
    if (!stats.isFile()) return 'is not a regular file';
    if (stats.size > MAX_READ) return 'is larger than 4 MB, which this scanner does not read';
    return utf8Text(readFileSync(file)) === undefined ? 'is not UTF-8 text' : 'cannot be read';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
  }
}

/** What is at a path: a regular file (or a link to one), a directory, or nothing (or something else). */
export function pathKind(file: string): 'file' | 'directory' | 'none' {
  try {
    const stats = statSync(file);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'none';
  } catch {
    return 'none';
  }
}

/** `path.module` of a module in `directory`: relative to the root module's, `.` for the root (Terraform's value). */
export function modulePath(root: string, directory: string): string {
  return path.relative(root, directory).split(path.sep).join('/') || '.';
}

/** Bytes as UTF-8 text, or `undefined` when they are not: Terraform's `file()` refuses them rather than guess. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The regular files below `directory` (symbolic links to files included, to directories not
 * followed), as `/`-separated paths relative to it; none when it does not exist or is not a
 * directory; `undefined` when it holds more than {@link MAX_LISTED} entries.
 */
export function filesBelow(directory: string): string[] | undefined {
  const out: string[] = [];
  let seen = 0;
  const visit = (relative: string, depth: number): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(directory, relative), { withFileTypes: true });
    } catch {
      return depth > 0;
    }
    for (const entry of entries) {
      seen += 1;
      if (seen > MAX_LISTED || depth > 64) return false;
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!visit(name, depth + 1)) return false;
      } else if (entry.isFile()) out.push(name);
      else if (entry.isSymbolicLink()) {
        try {
          if (statSync(path.join(directory, name)).isFile()) out.push(name);
        } catch {
          // A dangling link is no file.
        }
      }
    }
    return true;
  };
  try {
    // A file is no directory to list: Terraform's glob below it matches nothing.
    if (!statSync(directory).isDirectory()) return [];
  } catch {
    return [];
  }
  return visit('', 0) ? out : undefined;
}
