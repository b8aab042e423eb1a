/**
 * Which tool reads a configuration, Terraform or OpenTofu, and so which of its files count: each
 * names the providers it installs by the registry it installs them from (`registry.terraform.io/
 * hashicorp/aws`, `registry.opentofu.org/hashicorp/aws`), in the plans it writes and in the
 * `.terraform.lock.hcl` its `init` writes. `terraform_version` does not tell: both write it.
 */
import * as path from 'node:path';
import type { PlanJson } from './plan-types';
import type { ConfigurationTool, DirectoryReader } from './tf-text';

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
 * The tool whose `init` wrote the `.terraform.lock.hcl` of a root module directory (its
 * `provider "registry.opentofu.org/hashicorp/aws"` blocks); `undefined` without one, or when it
 * locks no provider of either registry.
 */
export async function toolOfLockFile(
  directory: string,
  reader: DirectoryReader,
): Promise<ConfigurationTool | undefined> {
  const text = await reader.text(path.join(directory, '.terraform.lock.hcl'));
  if (text === undefined) return undefined;
  return toolOf([...text.matchAll(/^\s*provider\s+"([^"]+)"/gm)].map((m) => m[1] ?? ''));
}
