/**
 * Which tool reads a configuration, Terraform or OpenTofu, and so which of its files count: each
 * names the providers it installs by the registry it installs them from (`registry.terraform.io/
 * hashicorp/aws`, `registry.opentofu.org/hashicorp/aws`), in the plans it writes and in the
 * `.terraform.lock.hcl` its `init` writes. `terraform_version` does not tell: both write it.
 */
import * as path from 'node:path';
import type { PlanJson } from './plan-types';
import { configurationFiles, openTofuFiles } from './tf-text';
import type { ConfigurationTool, DirectoryReader, ModuleDirectory } from './tf-text';

/** The tool a registry host says installed a provider; `undefined` for another host. */
function toolOfHost(address: string): ConfigurationTool | undefined {
  const host = address.toLowerCase().split('/')[0];
  if (host === 'registry.opentofu.org') return 'opentofu';
  if (host === 'registry.terraform.io') return 'terraform';
  return undefined;
}

/** The first tool the provider addresses tell, in the order given; `undefined` when none does. */
function toolOf(addresses: Iterable<string>): ConfigurationTool | undefined {
  for (const address of addresses) {
    const tool = toolOfHost(address);
    if (tool !== undefined) return tool;
  }
  return undefined;
}

/** The tool that wrote a plan, from the providers of its changes and its configuration. */
export function toolOfPlan(plan: PlanJson): ConfigurationTool | undefined {
  const changes = (plan.resource_changes ?? []).map((c) => c.provider_name);
  const configs = Object.values(plan.configuration?.provider_config ?? {}).map((c) => c.full_name);
  return toolOf([...changes, ...configs].filter((a): a is string => typeof a === 'string'));
}

/**
 * The tool whose `init` wrote the `.terraform.lock.hcl` of a root module directory: its header
 * names the command (`"tofu init"`), else its `provider "registry.opentofu.org/hashicorp/aws"`
 * blocks tell; `undefined` without one, or when neither does.
 */
async function toolOfLockFile(directory: string, reader: DirectoryReader): Promise<ConfigurationTool | undefined> {
  const text = await reader.text(path.join(directory, '.terraform.lock.hcl'));
  if (text === undefined) return undefined;
  const header = /^#.*maintained automatically by "(tofu|terraform) init"/m.exec(text)?.[1];
  if (header !== undefined) return header === 'tofu' ? 'opentofu' : 'terraform';
  return toolOf([...text.matchAll(/^\s*provider\s+"([^"]+)"/gm)].map((m) => m[1] ?? ''));
}

/** The tool a configuration is read for, and whether Terraform was assumed for want of any sign. */
export interface ToolChoice {
  readonly tool: ConfigurationTool;
  readonly assumed: boolean;
}

/**
 * The tool a root module directory is read for: the one `told` (by the plan beside it), else the
 * one whose `init` wrote its lock file; with neither, OpenTofu for a folder of `.tofu` files only
 * (which Terraform would find empty, said by `note`), else Terraform, the tool of `terraform show -json`.
 */
export async function chooseTool(
  directory: string,
  display: string,
  reader: DirectoryReader,
  note: ((line: string) => void) | undefined,
  told?: ConfigurationTool,
): Promise<ToolChoice> {
  const known = told ?? (await toolOfLockFile(directory, reader));
  if (known !== undefined) return { tool: known, assumed: false };
  const names = (await reader.names(directory)) ?? [];
  const onlyTofu = openTofuFiles(names).length > 0 && configurationFiles(names, 'terraform').length === 0;
  if (onlyTofu) note?.(`${display}: read as OpenTofu reads it: it holds .tofu files only, which Terraform never reads`);
  return { tool: onlyTofu ? 'opentofu' : 'terraform', assumed: !onlyTofu };
}

/**
 * Says, when Terraform was assumed, which OpenTofu files of the `modules` read were left out (as
 * Terraform leaves them out), each once, and how to have them read: what `tofu init` writes says OpenTofu.
 */
export async function noteUnreadTofuFiles(
  modules: readonly ModuleDirectory[],
  choice: ToolChoice,
  reader: DirectoryReader,
  note: ((line: string) => void) | undefined,
): Promise<void> {
  const root = modules[0];
  if (choice.tool !== 'terraform' || !choice.assumed || note === undefined || root === undefined) return;
  // A module called twice is one directory: its files are named once.
  const directories = new Map(modules.map((m) => [m.directory, m.display]));
  const unread: string[] = [];
  for (const [directory, display] of directories)
    for (const name of openTofuFiles((await reader.names(directory)) ?? [])) unread.push(path.join(display, name));
  if (unread.length === 0) return;
  const shown = unread.slice(0, 3).map((f) => `\`${f}\``);
  const more = unread.length > 3 ? ` and ${String(unread.length - 3)} more` : '';
  note(
    `${root.display}: read as Terraform reads it, leaving out OpenTofu's ${shown.join(', ')}${more}: no lock file or plan names OpenTofu's registry (if OpenTofu runs it, \`tofu init\` writes the lock file that has them read)`,
  );
}
