/** Reading plan files (or standard input) and extracting them into one scan input. */
import { checkStdin } from '@iamgate/core';
import type { InputError, PolicySource, ScanInput } from '@iamgate/core';
import * as path from 'node:path';
import { CHANGES_READ, extractPlan, leftToSources } from './extract';
import { HclSources, hasTerraformFiles } from './hcl-source';
import { declarationsOf, withDeclarations } from './declared-lines';
import { suppressionsOfTexts } from './inline-suppressions';
import {
  DirectoryReader,
  argumentText,
  configurationFiles,
  localModuleDirectories,
  readConfigurationTexts,
} from './tf-text';
import type { ConfigurationText, ConfigurationTool, ModuleDirectory } from './tf-text';
import type { PlanJson } from './plan-types';
import { readPlanFile, readPlanPath } from './read-plan';
import type { ParsedFile } from './read-plan';
import { isRefreshOnly } from './refresh-only';
import { chooseTool, noteUnreadTofuFiles, toolOfPlan } from './config-tool';
import { ReferenceCycle, textConfirmsPairing } from './resolve';
import type { PlanPairing } from './resolve';
import { validatePlan } from './validate-plan';

/** Where the bytes come from; replaceable in tests. */
export interface ExtractOptions {
  /** Reads standard input whole, as bytes (`-`). */
  readonly readStdin?: () => Promise<Buffer>;
  /** Reads a plan whole, as bytes; by default a plan file is read from disk through a window, never whole. */
  readonly readFile?: (file: string) => Promise<Buffer>;
  /**
   * A directory of .tf files to rebuild policies the plan knows only after apply; by default the
   * plan's own directory when it holds .tf files.
   */
  readonly hclDir?: string;
  /** `hclDir` as the user named it, for the files in messages. */
  readonly hclDirName?: string;
  /** Resolves a plan name to a path (relative names from the working directory). */
  readonly resolvePath?: (file: string) => string;
  /** Told what a user should know about a plan that is no error (one line, the file named). */
  readonly note?: (line: string) => void;
}

/** What a refresh-only plan is read as, said once per plan. */
const REFRESH_ONLY_NOTE =
  'a refresh-only plan (`terraform plan -refresh-only`): it changes nothing in AWS; the IAM of the refreshed state (`prior_state`, drift included) is judged as it exists';

/**
 * What an incomplete plan (`complete: false`, Terraform 1.8+) with no deferred change is read as:
 * a `-target` plan, which leaves out every resource it does not target. Errored and deferring plans
 * say their own.
 */
const INCOMPLETE_NOTE =
  'an incomplete plan (`complete: false`, as `terraform plan -target` writes): only the changes it lists are scanned, not the resources it leaves out; plan without -target to scan them';

/** Whether `plan` says it is incomplete for no reason a finding or an error already tells. */
function incompleteOnly(plan: PlanJson): boolean {
  return plan.complete === false && plan.errored !== true && (plan.deferred_changes?.length ?? 0) === 0;
}

/**
 * The providers of a plan that has resources but none of the hashicorp/aws provider (`azurerm`,
 * `awscc`), sorted; `undefined` for a plan with a resource of it or none at all. Such a plan has
 * nothing tf-scan reads: said, so that a plan of the wrong workspace does not pass unnoticed. Told
 * by the provider each change names, then by the configuration's (the reader keeps it whole, and
 * leaves the changes of types no scan reads unread).
 */
function otherProvidersOnly(plan: PlanJson): string[] | undefined {
  const providers = new Set<string>();
  for (const change of plan.resource_changes ?? [])
    if (change.type !== '') providers.add(providerType(change.provider_name) ?? change.type.split('_')[0] ?? '');
  const configs = plan.configuration?.provider_config ?? {};
  const modules = plan.configuration?.root_module === undefined ? [] : [plan.configuration.root_module];
  for (let module = modules.pop(); module !== undefined; module = modules.pop()) {
    for (const resource of module.resources ?? []) {
      const key = resource.provider_config_key;
      const config = key === undefined ? undefined : configs[key];
      // `aws`, `aws.us` or `module.iam:aws`: the provider's local name, its type unless renamed.
      const local = key?.split(':').pop()?.split('.')[0];
      providers.add(providerType(config?.full_name) ?? config?.name ?? local ?? resource.type.split('_')[0] ?? '');
    }
    for (const call of Object.values(module.module_calls ?? {}))
      if (call.module !== undefined) modules.push(call.module);
  }
  providers.delete('');
  if (providers.size === 0 || providers.has('aws')) return undefined;
  return [...providers].sort();
}

/** The type of a provider by its registry address (`registry.terraform.io/hashicorp/awscc`: `awscc`). */
function providerType(address: string | undefined): string | undefined {
  return address === undefined || address === '' ? undefined : address.split('/').pop();
}

/** What tf-scan says of a plan whose resources are all of `providers`, none of hashicorp/aws. */
function otherProvidersNote(providers: readonly string[]): string {
  const cloudControl = providers.includes('awscc') ? '; AWS Cloud Control resources (`awscc_*`) are not read' : '';
  return `no resource of the hashicorp/aws provider (only ${providers.map((p) => `\`${p}\``).join(', ')}): nothing tf-scan reads${cloudControl}`;
}

/**
 * Whether `text` is one of the notes tf-scan gives of a plan that is no error (after `FILE: `):
 * what a test or fuzzer accepts on stderr beside a report.
 */
export function isPlanNote(text: string): boolean {
  return (
    text === REFRESH_ONLY_NOTE ||
    text === INCOMPLETE_NOTE ||
    /^no resource of the hashicorp\/aws provider \(only `[^`]+`(, `[^`]+`)*\): nothing tf-scan reads(; AWS Cloud Control resources \(`awscc_\*`\) are not read)?$/.test(
      text,
    )
  );
}

async function processStdin(): Promise<Buffer> {
  checkStdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hasUnresolved(input: ScanInput): boolean {
  const unresolved = (source: PolicySource | undefined): boolean => source?.unresolved !== undefined;
  return (
    input.principals.some(
      (p) =>
        unresolved(p.trustPolicy) ||
        unresolved(p.permissionsBoundary?.policy) ||
        p.policies.some((a) => unresolved(a.policy)),
    ) ||
    input.resources.some((r) => unresolved(r.policy)) ||
    input.policies.some((p) => unresolved(p.policy))
  );
}

/** The directory of the .tf files behind a plan (`--hcl`, else the plan's own when it holds some), and its name for messages. */
async function sourcesDirectory(
  file: string,
  options: ExtractOptions,
  reader: DirectoryReader,
): Promise<{ directory: string; display: string } | undefined> {
  if (options.hclDir !== undefined) return { directory: options.hclDir, display: options.hclDirName ?? options.hclDir };
  if (file === '-') return undefined;
  const own = path.dirname((options.resolvePath ?? path.resolve)(file));
  return (await hasTerraformFiles(own, reader)) ? { directory: own, display: path.dirname(file) } : undefined;
}

async function hclFor(
  directory: string,
  plan: PlanJson,
  reader: DirectoryReader,
  tool: ConfigurationTool,
): Promise<HclSources | undefined> {
  const sources = await HclSources.load(directory, plan.configuration?.root_module, reader, tool);
  return sources.empty ? undefined : sources;
}

/**
 * Whether the text of every pairing's argument, in the files of local modules already read, reads
 * its element as the plan's references do (see `textConfirmsPairing`). A module whose files hold
 * JSON syntax or an override file is left to the parser, which merges them.
 */
async function pairingsConfirmed(
  pairings: readonly PlanPairing[],
  modules: readonly ModuleDirectory[],
  texts: readonly ConfigurationText[],
  reader: DirectoryReader,
  tool: ConfigurationTool,
): Promise<boolean> {
  // Each module's files listed once, however many of its pairings there are.
  const plainText = new Map<ModuleDirectory, boolean>();
  for (const pairing of pairings) {
    const prefix = pairing.configPath === '' ? '' : `${pairing.configPath.replace(/(^|\.)/g, '$1module.')}.`;
    const module = modules.find((m) => m.prefix === prefix);
    const [name, ...nested] = pairing.path;
    if (module === undefined || pairing.block === undefined || typeof name !== 'string' || nested.length > 0)
      return false;
    let plain = plainText.get(module);
    if (plain === undefined) {
      const files = configurationFiles((await reader.names(module.directory)) ?? [], tool);
      plain = !files.some((f) => f.endsWith('.json') || /(^|_)override\.(tf|tofu)$/.test(f));
      plainText.set(module, plain);
    }
    if (!plain) return false;
    const source = argumentText(texts, prefix, pairing.block, name);
    // As the parser shows an expression: a template of it alone.
    if (source === undefined || !textConfirmsPairing(`\${${source}}`, pairing)) return false;
  }
  return true;
}

/** Extracts every plan; a file that cannot be read or is not a plan becomes an input error. */
export async function extractFiles(files: readonly string[], options: ExtractOptions = {}): Promise<ScanInput> {
  const principals: ScanInput['principals'][number][] = [];
  const resources: ScanInput['resources'][number][] = [];
  const policies: ScanInput['policies'][number][] = [];
  const errors: InputError[] = [];
  const identityProviders: NonNullable<ScanInput['identityProviders']>[number][] = [];
  const accountSettings: NonNullable<ScanInput['accountSettings']>[number][] = [];
  const workloads: NonNullable<ScanInput['workloads']>[number][] = [];
  const suppressions: NonNullable<ScanInput['suppressions']>[number][] = [];
  const readFile = options.readFile;
  const read = async (file: string, name: string): Promise<ParsedFile> => {
    if (file === '-') return readPlanFile(name, options.readStdin ?? processStdin, CHANGES_READ);
    if (readFile !== undefined) return readPlanFile(name, () => readFile(file), CHANGES_READ);
    return readPlanPath(name, (options.resolvePath ?? path.resolve)(file), CHANGES_READ);
  };
  // A plan named twice (`tf-scan *.json plan.json`) is read once: its findings would count twice.
  const seen = new Set<string>();
  // The .tf files beside several plans (or named by `--hcl` for each) are read once, and what is
  // wrong with their suppression comments said once.
  const reader = new DirectoryReader();
  const reported = new Set<string>();
  // What is said of a folder of sources (the .tofu files it leaves out) is said once, however many
  // plans share the folder.
  const said = new Set<string>();
  const noteOnce =
    options.note === undefined
      ? undefined
      : (line: string): void => {
          if (said.has(line)) return;
          said.add(line);
          options.note?.(line);
        };
  for (const file of files) {
    const key = file === '-' || readFile !== undefined ? file : (options.resolvePath ?? path.resolve)(file);
    if (seen.has(key)) continue;
    seen.add(key);
    const name = file === '-' ? '<stdin>' : file;
    let input: ScanInput;
    try {
      const parsed = await read(file, name);
      if (!parsed.ok) {
        errors.push(parsed.error);
        continue;
      }
      const valid = validatePlan(name, parsed.value);
      if (!valid.ok) {
        errors.push(valid.error);
        continue;
      }
      if (isRefreshOnly(valid.plan)) options.note?.(`${name}: ${REFRESH_ONLY_NOTE}`);
      if (incompleteOnly(valid.plan)) options.note?.(`${name}: ${INCOMPLETE_NOTE}`);
      const others = otherProvidersOnly(valid.plan);
      if (others !== undefined) options.note?.(`${name}: ${otherProvidersNote(others)}`);
      input = extractPlan(name, valid.plan);
      const sources = await sourcesDirectory(file, options, reader);
      // The files of the tool that made the plan: Terraform never reads OpenTofu's `.tofu` files.
      const modules =
        sources === undefined
          ? []
          : localModuleDirectories(valid.plan.configuration?.root_module, sources.directory, sources.display);
      // A plan naming its providers by neither registry (a private one) leaves it to the lock file, then to the files.
      const choice =
        sources === undefined
          ? undefined
          : await chooseTool(sources.directory, sources.display, reader, noteOnce, toolOfPlan(valid.plan));
      if (choice !== undefined) await noteUnreadTofuFiles(modules, choice, reader, noteOnce);
      const tool = choice?.tool ?? 'terraform';
      // The .tf files are parsed (a WebAssembly parser) only when the plan leaves a policy unresolved,
      // or a link to a principal that their text can tell (`aws_iam_role.r[local.k[count.index]]`), or
      // a module output the plan's references alone paired (`jsondecode(module.p[count.index].out)`).
      const texts = sources === undefined ? [] : await readConfigurationTexts(modules, reader, tool);
      const left = leftToSources(input);
      // Pairings the text writes as the plan's references read (`x[count.index].name`) are confirmed
      // from the text already read, with no parser loaded (2 s to 0.7 s on a small configuration).
      const confirmed =
        left?.kind === 'pairings' && (await pairingsConfirmed(left.pairings, modules, texts, reader, tool));
      if (sources !== undefined && (hasUnresolved(input) || (left !== undefined && !confirmed))) {
        const hcl = await hclFor(sources.directory, valid.plan, reader, tool);
        if (hcl !== undefined) input = extractPlan(name, valid.plan, hcl);
      }
      // Their text tells where each resource is declared and what its `iamgate:suppress` comments accept.
      if (sources !== undefined) {
        const inline = suppressionsOfTexts(texts, reported);
        suppressions.push(...inline.suppressions);
        errors.push(...inline.errors);
        input = withDeclarations(input, declarationsOf(texts));
      }
    } catch (err) {
      // A configuration Terraform refuses (a policy that reads itself) written into a plan by hand.
      if (err instanceof ReferenceCycle) {
        errors.push({ file: name, message: err.message });
        continue;
      }
      // A plan of a shape nothing checked for: the file named, the other plans still scanned.
      errors.push({ file: name, message: `cannot be scanned: internal error: ${oneLine(err)}` });
      continue;
    }
    principals.push(...input.principals);
    resources.push(...input.resources);
    policies.push(...input.policies);
    errors.push(...input.errors);
    identityProviders.push(...(input.identityProviders ?? []));
    accountSettings.push(...(input.accountSettings ?? []));
    workloads.push(...(input.workloads ?? []));
  }
  return {
    principals,
    resources,
    policies,
    errors,
    ...(identityProviders.length > 0 ? { identityProviders } : {}),
    ...(accountSettings.length > 0 ? { accountSettings } : {}),
    ...(workloads.length > 0 ? { workloads } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
  };
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
