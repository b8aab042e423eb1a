/**
 * The .tf files behind a plan, read with @cdktf/hcl2json, so that a policy the plan only knows
 * after apply (`jsonencode({...})` around an unknown) can be rebuilt from its source expression.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ConfigModule } from './plan-types';

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;

/** Attributes of resource and data blocks by configuration module path. */
export class HclSources {
  private constructor(private readonly blocks: ReadonlyMap<string, Record<string, unknown>>) {}

  /** Reads the root module in `dir` and the local modules the configuration calls (`source = "./x"`). */
  static async load(dir: string, root: ConfigModule | undefined): Promise<HclSources> {
    // Loaded here only: the parser is WebAssembly, costly to load, and most runs never need it.
    const { parse } = await import('@cdktf/hcl2json');
    const blocks = new Map<string, Record<string, unknown>>();
    const visit = async (configPath: string, directory: string, module: ConfigModule | undefined): Promise<void> => {
      let names: string[];
      try {
        names = (await readdir(directory)).filter((n) => n.endsWith('.tf')).sort();
      } catch {
        return;
      }
      for (const name of names) {
        let parsed: Record<string, unknown>;
        try {
          parsed = (await parse(name, await readFile(path.join(directory, name), 'utf8'))) as Record<string, unknown>;
        } catch {
          continue;
        }
        for (const [mode, key] of [
          ['managed', 'resource'],
          ['data', 'data'],
        ] as const) {
          for (const [type, byName] of Object.entries((parsed[key] ?? {}) as Blocks)) {
            for (const [resourceName, list] of Object.entries(byName)) {
              const first = list[0];
              if (first !== undefined) blocks.set(`${configPath}|${mode}.${type}.${resourceName}`, first);
            }
          }
        }
      }
      for (const [callName, call] of Object.entries(module?.module_calls ?? {})) {
        const source = call.source ?? '';
        if (!source.startsWith('./') && !source.startsWith('../')) continue;
        await visit(
          configPath === '' ? callName : `${configPath}.${callName}`,
          path.resolve(directory, source),
          call.module,
        );
      }
    };
    await visit('', dir, root);
    return new HclSources(blocks);
  }

  /** Whether any .tf block was read. */
  get empty(): boolean {
    return this.blocks.size === 0;
  }

  /** The source text of an attribute (`policy`, or `inline_policy.0.policy` in a nested block). */
  attribute(
    configPath: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    attributePath: readonly (string | number)[],
  ): string | undefined {
    let node: unknown = this.blocks.get(`${configPath}|${mode}.${type}.${name}`);
    for (const step of attributePath) {
      if (Array.isArray(node) && typeof step === 'string')
        node = (node[0] as Record<string, unknown> | undefined)?.[step];
      else
        node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[step];
    }
    return typeof node === 'string' ? node : undefined;
  }
}

/** True when a directory holds .tf files. */
export async function hasTerraformFiles(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((n) => n.endsWith('.tf'));
  } catch {
    return false;
  }
}
