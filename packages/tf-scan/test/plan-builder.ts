/** Builds small `terraform show -json` plans for tests: one entry per resource instance. */
import type { PlanJson } from '../src/plan-types';

export interface TestResource {
  readonly address: string;
  readonly values: Record<string, unknown>;
  /** `after_unknown` of the change. */
  readonly unknown?: Record<string, unknown>;
  readonly actions?: string[];
  readonly before?: Record<string, unknown>;
  /** Expressions of the declaration, attached once per declaration. */
  readonly expressions?: Record<string, unknown>;
  /** Read at plan time: only in the prior state. */
  readonly prior?: boolean;
}

const ADDRESS = /^((?:module\.[^.[]+(?:\[[^\]]+\])?\.)*)(data\.)?([a-z0-9_]+)\.([\w-]+)(\[(?:\d+|"[^"]*")\])?$/;

/** A plan in format 1.2 with the given instances, their changes and their configuration. */
export function buildPlan(resources: readonly TestResource[], extra: Record<string, unknown> = {}): PlanJson {
  const modules = new Map<string, unknown[]>();
  const prior: unknown[] = [];
  const changes: unknown[] = [];
  const configModules: Record<string, { resources: unknown[]; module_calls: Record<string, unknown> }> = {};
  const configOf = (path: string): { resources: unknown[]; module_calls: Record<string, unknown> } => {
    if (configModules[path] === undefined) {
      configModules[path] = { resources: [], module_calls: {} };
      if (path !== '') {
        const names = path.split('.');
        const parent = configOf(names.slice(0, -1).join('.'));
        parent.module_calls[names[names.length - 1] ?? ''] = { source: './m', module: configModules[path] };
      }
    }
    return configModules[path];
  };
  configOf('');
  for (const r of resources) {
    const m = ADDRESS.exec(r.address);
    if (m === null) throw new Error(`bad test address ${r.address}`);
    const [, modulePrefix = '', data, type = '', name = '', rawKey] = m;
    const moduleAddress = modulePrefix.replace(/\.$/, '');
    const mode = data === undefined ? 'managed' : 'data';
    const index = rawKey === undefined ? undefined : (JSON.parse(rawKey.slice(1, -1)) as string | number);
    const entry = { address: r.address, mode, type, name, ...(index === undefined ? {} : { index }), values: r.values };
    if (r.prior === true) prior.push(entry);
    else {
      modules.set(moduleAddress, [...(modules.get(moduleAddress) ?? []), entry]);
      changes.push({
        address: r.address,
        ...(moduleAddress === '' ? {} : { module_address: moduleAddress }),
        mode,
        type,
        name,
        ...(index === undefined ? {} : { index }),
        change: {
          actions: r.actions ?? (mode === 'data' ? ['read'] : ['create']),
          before: r.before ?? null,
          after: r.values,
          after_unknown: r.unknown ?? {},
        },
      });
    }
    const configPath = [...moduleAddress.matchAll(/module\.([^.[]+)/g)].map((x) => x[1]).join('.');
    const config = configOf(configPath);
    const local = `${data ?? ''}${type}.${name}`;
    if (!config.resources.some((c) => (c as { address: string }).address === local)) {
      config.resources.push({ address: local, mode, type, name, expressions: r.expressions ?? {} });
    }
  }
  const child = (address: string): unknown => ({ address, resources: modules.get(address) ?? [] });
  const moduleAddresses = [...modules.keys()].filter((a) => a !== '');
  return {
    format_version: '1.2',
    planned_values: { root_module: { resources: modules.get('') ?? [], child_modules: moduleAddresses.map(child) } },
    prior_state: { values: { root_module: { resources: prior } } },
    resource_changes: changes,
    ...extra,
    configuration: { root_module: configModules[''], ...((extra['configuration'] as object | undefined) ?? {}) },
  } as unknown as PlanJson;
}
