/** Every resource instance of a plan, with its values, what is unknown, its change and its configuration. */
import { joinAddress, keySuffix, moduleOf, parseModuleAddress } from './address';
import type {
  ConfigModule,
  ConfigResource,
  Expression,
  Expressions,
  PlanJson,
  PlanModule,
  PlanResource,
  ResourceChange,
} from './plan-types';
import { keptByRefreshOnly } from './refresh-only';

/** One resource instance as the plan will leave it. */
export interface Instance {
  readonly address: string;
  /** Module instance address, `''` for the root module. */
  readonly moduleAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly key: string | number | undefined;
  /** Known values after the plan (or as read at plan time for data sources). */
  readonly values: Readonly<Record<string, unknown>>;
  /** `after_unknown` of its change: `true` where a value is known only after apply. */
  readonly unknown: unknown;
  /** `after_sensitive` of its change: `true` where a value is sensitive (a redacted plan may leave it out). */
  readonly sensitive: unknown;
  /** The change actions (`create`, `update`, `delete`+`create`, `read`, `no-op`), empty when the plan has none. */
  readonly actions: readonly string[];
  /** Values before the change, for updates and replacements. */
  readonly before: Readonly<Record<string, unknown>> | undefined;
  readonly config: ConfigResource | undefined;
  /** Where it is, shared by everything extracted from it. */
  readonly location: { readonly file: string; readonly address: string };
}

/** Why Terraform deferred a change (`deferred_changes[].reason`), said to the user. */
const DEFERRED_REASONS: Readonly<Record<string, string>> = {
  instance_count_unknown: 'because its `count` or `for_each` is known only after apply',
  resource_config_unknown: 'because its configuration is known only after apply',
  provider_config_unknown: "because its provider's configuration is known only after apply",
  deferred_prereq: 'because something it depends on is deferred',
  absent_prereq: 'because something it depends on does not exist yet',
  excluded: 'because it was excluded from this plan',
  not_included: 'because it was not included in this plan',
  // What Terraform writes when the provider gave a reason it does not know itself.
  unknown: 'for a reason it does not give',
};

/** Why Terraform deferred a change, as said to the user (`because its ...`). */
export function deferredReason(reason: string | undefined): string {
  return DEFERRED_REASONS[reason ?? ''] ?? 'for a reason this version of tf-scan does not know';
}

/** Whether two instance keys may be the same instance: equal, either unsaid, or either the wildcard `[*]` (`["*"]`). */
function sameKey(a: string | number | undefined, b: string | number | undefined): boolean {
  return a === undefined || b === undefined || a === '*' || b === '*' || a === b;
}

/** The instance key at the end of a resource instance address (`data.x.y[0]`, `aws_x.y["k"]`, `aws_x.y[*]`). */
function instanceKeyOf(address: string): string | number | undefined {
  const key = /\[(\d+|\*|"(?:[^"\\]|\\.)*")\]$/.exec(address)?.[1];
  if (key === undefined) return undefined;
  if (key === '*') return key;
  return key.startsWith('"') ? (JSON.parse(key) as string) : Number(key);
}

/** Lookup tables over one plan. */
export class PlanIndex {
  readonly instances: Instance[] = [];
  private readonly byAddress = new Map<string, Instance>();
  /** `moduleAddress|mode.type.name` -> instances of that declaration. */
  private readonly byDeclaration = new Map<string, Instance[]>();
  private readonly configModules = new Map<string, ConfigModule>();

  /** The plan read: a refresh-only plan as the plan that keeps its refreshed state (see `keptByRefreshOnly`). */
  readonly plan: PlanJson;

  /** `file` names the plan in the instances' locations. */
  constructor(
    read: PlanJson,
    readonly file = '',
  ) {
    const plan = keptByRefreshOnly(read);
    this.plan = plan;
    if (plan.configuration?.root_module !== undefined) this.indexConfig('', plan.configuration.root_module);
    // Planned values are read only when the changes do not already list every instance (see parsePlanText).
    const root = plan.planned_values?.root_module ?? plan.values?.root_module;
    const changes = new Map<string, ResourceChange>();
    if (root !== undefined) {
      // A deposed object (`create_before_destroy` left it) shares the address of the current one.
      for (const change of plan.resource_changes ?? [])
        if (change.deposed === undefined) changes.set(change.address, change);
      this.walk(root, '', changes, 'planned');
    }
    // Data sources read while planning are only in the prior state.
    const prior = plan.prior_state?.values?.root_module;
    if (prior !== undefined) this.walk(prior, '', changes, 'prior');
    // Changes without planned values: take `after`.
    for (const change of plan.resource_changes ?? []) {
      const { actions, after } = change.change;
      if ((actions.includes('delete') && !actions.includes('create')) || after === null || after === undefined)
        continue;
      this.add(change, after, change.module_address ?? moduleOf(change.address), change);
    }
  }

  private indexConfig(path: string, module: ConfigModule): void {
    this.configModules.set(path, module);
    for (const [name, call] of Object.entries(module.module_calls ?? {})) {
      if (call.module !== undefined) this.indexConfig(path === '' ? name : `${path}.${name}`, call.module);
    }
  }

  private walk(
    module: PlanModule,
    moduleAddress: string,
    changes: Map<string, ResourceChange>,
    source: 'planned' | 'prior',
  ): void {
    const here = module.address ?? moduleAddress;
    for (const resource of module.resources ?? []) {
      if (source === 'prior' && (resource.mode !== 'data' || this.byAddress.has(resource.address))) continue;
      this.add(resource, resource.values, here, source === 'planned' ? changes.get(resource.address) : undefined);
    }
    for (const child of module.child_modules ?? []) this.walk(child, child.address ?? here, changes, source);
  }

  /** Adds an instance once: `resource` names it (a planned or prior resource, or the change itself). */
  private add(
    resource: Omit<PlanResource, 'values'>,
    values: Readonly<Record<string, unknown>> | null | undefined,
    moduleAddress: string,
    change: ResourceChange | undefined,
  ): void {
    if (this.byAddress.has(resource.address)) return;
    const mode = resource.mode ?? (resource.address.split('.').includes('data') ? 'data' : 'managed');
    const before = change?.change.before ?? undefined;
    const declaration = `${moduleAddress}|${mode}.${resource.type}.${resource.name}`;
    const siblings = this.byDeclaration.get(declaration);
    const instance: Instance = {
      address: resource.address,
      moduleAddress,
      mode,
      type: resource.type,
      name: resource.name,
      key: resource.index,
      // `after` is what `after_unknown` describes; planned values are the fallback (older formats).
      values: change?.change.after ?? values ?? {},
      unknown: change?.change.after_unknown,
      sensitive: change?.change.after_sensitive,
      actions: change?.change.actions ?? [],
      before: before === null ? undefined : before,
      // The instances of one declaration share its configuration: looked up for the first only.
      config: siblings?.[0]?.config ?? this.configResource(moduleAddress, mode, resource.type, resource.name),
      location: { file: this.file, address: resource.address },
    };
    this.instances.push(instance);
    this.byAddress.set(instance.address, instance);
    if (siblings === undefined) this.byDeclaration.set(declaration, [instance]);
    else siblings.push(instance);
  }

  private readonly configByModuleAddress = new Map<string, ConfigModule | undefined>();

  /** The configuration module of a module instance address (instance keys dropped). */
  configModule(moduleAddress: string): ConfigModule | undefined {
    if (this.configByModuleAddress.has(moduleAddress)) return this.configByModuleAddress.get(moduleAddress);
    const module = this.configModules.get(
      parseModuleAddress(moduleAddress)
        .map((s) => s.name)
        .join('.'),
    );
    this.configByModuleAddress.set(moduleAddress, module);
    return module;
  }

  private configResource(
    moduleAddress: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
  ): ConfigResource | undefined {
    const module = this.configModule(moduleAddress);
    if (module === undefined) return undefined;
    // Memoized by module: every instance of a declaration (count, for_each, module instances) asks the same.
    let found = this.configResources.get(module);
    if (found === undefined) this.configResources.set(module, (found = new Map<string, ConfigResource | undefined>()));
    const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    if (found.has(local)) return found.get(local);
    const resource = module.resources?.find(
      (r) => r.address === local || (r.type === type && r.name === name && (r.mode ?? 'managed') === mode),
    );
    found.set(local, resource);
    return resource;
  }

  /** Declarations of each configuration module by local address (`data.type.name`), as found. */
  private readonly configResources = new Map<ConfigModule, Map<string, ConfigResource | undefined>>();

  /**
   * Why the plan defers the instance `key` of a declaration (`deferred_changes`, Terraform 1.10+), a
   * reference to it finding no instance; `undefined` when it does not. A `count` or `for_each` only
   * apply knows defers every instance under one address whose key Terraform writes `[*]`, which
   * stands for any key (of a module instance too); a key left unsaid on either side matches any.
   */
  deferred(
    moduleAddress: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    key: string | number | undefined,
  ): string | undefined {
    const wanted = parseModuleAddress(moduleAddress);
    const found = this.plan.deferred_changes?.find(({ resource_change: change }) => {
      if (change === undefined || (change.mode ?? 'managed') !== mode || change.type !== type || change.name !== name)
        return false;
      const steps = parseModuleAddress(change.address);
      return (
        steps.length === wanted.length &&
        steps.every((step, i) => step.name === wanted[i]?.name && sameKey(step.key, wanted[i]?.key)) &&
        sameKey(instanceKeyOf(change.address), key)
      );
    });
    return found === undefined ? undefined : deferredReason(found.reason);
  }

  /** The instance at a full address. */
  get(address: string): Instance | undefined {
    return this.byAddress.get(address);
  }

  /** All instances of one declaration in one module instance. */
  declaration(moduleAddress: string, mode: 'managed' | 'data', type: string, name: string): readonly Instance[] {
    return this.byDeclaration.get(`${moduleAddress}|${mode}.${type}.${name}`) ?? [];
  }

  /** How many instances of the module call `name` in `moduleAddress` hold a resource of the plan. */
  moduleInstanceCount(moduleAddress: string, name: string): number {
    let counts = this.moduleCounts;
    if (counts === undefined) {
      // Asked for every attachment read through `element(module.x[*].out, K)`: one pass over the instances.
      const keys = new Map<string, Set<string>>();
      for (const instance of this.instances) {
        const steps = parseModuleAddress(instance.moduleAddress);
        for (let i = 0; i < steps.length; i += 1) {
          const parent = steps
            .slice(0, i)
            .map((s) => `module.${s.name}${keySuffix(s.key)}`)
            .join('.');
          const call = `${parent}|${steps[i]?.name ?? ''}`;
          const seen = keys.get(call) ?? new Set<string>();
          seen.add(keySuffix(steps[i]?.key));
          keys.set(call, seen);
        }
      }
      counts = new Map([...keys].map(([call, seen]) => [call, seen.size]));
      this.moduleCounts = counts;
    }
    return counts.get(`${moduleAddress}|${name}`) ?? 0;
  }

  private moduleCounts: Map<string, number> | undefined;

  /** The instance of a declaration's instances (from {@link declaration}) with a key. */
  instanceByKey(instances: readonly Instance[], key: string | number): Instance | undefined {
    // Asked for every instance of a repeated resource that names another one: a table per declaration.
    let byKey = this.byKey.get(instances);
    if (byKey === undefined) {
      byKey = new Map<string | number | undefined, Instance>();
      for (const instance of instances) if (!byKey.has(instance.key)) byKey.set(instance.key, instance);
      this.byKey.set(instances, byKey);
    }
    return byKey.get(key);
  }

  private readonly byKey = new WeakMap<readonly Instance[], Map<string | number | undefined, Instance>>();

  /**
   * The instance a reference from `from` means: its explicit key, else the same key as `from` when
   * the expression pairs instances through `each.key` / `count.index`, else the only instance.
   */
  pick(
    moduleAddress: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    key: string | number | undefined,
    pairKey: string | number | undefined,
  ): Instance | undefined {
    const all = this.declaration(moduleAddress, mode, type, name);
    if (key !== undefined) {
      const keyed = this.get(
        joinAddress(moduleAddress, `${mode === 'data' ? 'data.' : ''}${type}.${name}${keySuffix(key)}`),
      );
      if (keyed !== undefined) return keyed;
      // A `count` or `for_each` the configuration alone cannot tell (`module.this.enabled ? 1 : 0`,
      // the label module not installed) leaves one instance without a key standing for them all:
      // `aws_iam_role.default[0].name` is its name. A plan always keys such instances.
      const only = all.length === 1 ? all[0] : undefined;
      const repeated = only?.config?.count_expression !== undefined || only?.config?.for_each_expression !== undefined;
      return only?.key === undefined && repeated ? only : undefined;
    }
    if (all.length === 1) return all[0];
    if (pairKey !== undefined)
      return this.get(
        joinAddress(moduleAddress, `${mode === 'data' ? 'data.' : ''}${type}.${name}${keySuffix(pairKey)}`),
      );
    return undefined;
  }
}

/** The expression of an attribute (`policy`) or of a nested block attribute (`inline_policy.0.policy`). */
export function expressionAt(
  expressions: Expressions | undefined,
  path: readonly (string | number)[],
): Expression | undefined {
  let node: unknown = expressions;
  for (const step of path) {
    if (node === undefined || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return node;
}

/** The `after_unknown` marker at a path: true when the whole value is unknown. */
export function unknownAt(unknown: unknown, path: readonly (string | number)[]): unknown {
  let node = unknown;
  for (const step of path) {
    if (node === true) return true;
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}
