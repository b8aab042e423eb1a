/**
 * Writes `terraform show -json` plans (format_version 1.2) of estates laid out in modules: each
 * instance by its full address (`module.platform.module.irsa["orders"].aws_iam_role.this`), its
 * module in `planned_values` / `prior_state` as nested `child_modules`, its declaration once in
 * `configuration` under the `module_calls` of its module path, with the arguments the module sets
 * (`constant_value` or `references`, relative to the module) and the `for_each_expression`.
 */
'use strict';

const { PROVIDER, ACCOUNT, REGION, ref, constant, policy } = require('../plan-parts');

const STEP = /^(?:module\.([\w-]+)(\[[^\]]+\])?\.)/;
const LEAF = /^(data\.)?([a-z0-9_]+)\.([\w-]+)(\[[^\]]+\])?$/;

/** An address split into its module instances and the resource (`index` parsed from `["k"]` or `[0]`). */
function parse(address) {
  const modules = [];
  let rest = address;
  for (let m = STEP.exec(rest); m !== null; m = STEP.exec(rest)) {
    modules.push({ name: m[1], key: m[2] ?? '' });
    rest = rest.slice(m[0].length);
  }
  const leaf = LEAF.exec(rest);
  if (leaf === null) throw new Error(`bad address ${address}`);
  const [, data, type, name, key] = leaf;
  const index = key === undefined ? undefined : JSON.parse(key.slice(1, -1));
  return { modules, mode: data === undefined ? 'managed' : 'data', type, name, index };
}

/** An argument written as a literal (`jsonencode({...})` of constants): Terraform shows its value. */
const LITERAL = Symbol('literal');

/** The expressions of a declaration, each `LITERAL` replaced by the constant the instance shows. */
function literal(config, values) {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, v === LITERAL ? { constant_value: values[k] ?? null } : v]),
  );
}

const moduleAddress = (modules) => modules.map((m) => `module.${m.name}${m.key}`).join('.');

class Estate {
  constructor(terraformVersion = '1.9.8') {
    this.terraformVersion = terraformVersion;
    this.entries = [];
    this.calls = new Map();
    this.configs = new Map();
    this.variables = {};
  }

  /** A root module variable with the value the plan was made with. */
  variable(name, value) {
    this.variables[name] = { value };
    return this;
  }

  /**
   * A module call (`path` its names joined by dots: `platform.irsa`) with its arguments and the
   * outputs its module declares (`{ arns: ref('aws_iam_role.this') }` for `aws_iam_role.this[*].arn`).
   */
  module(path, { source, expressions = {}, forEach, outputs }) {
    this.calls.set(path, {
      source,
      expressions,
      ...(forEach === undefined ? {} : { for_each_expression: forEach }),
      ...(outputs === undefined ? {} : { outputs }),
    });
    return this;
  }

  /** A data source read at plan time: in the prior state only. */
  data(address, values, config) {
    this.entries.push({ address, values, prior: true, config });
    return this;
  }

  /**
   * One instance. `before` (the state, null when created), `after` (null when destroyed);
   * `unknown` the attributes known only after apply (a path `inline_policy.0.policy` allowed as
   * `{ inline_policy: [{ policy: true }] }` in `unknownTree`); `sensitive` what is marked
   * sensitive; `config` the declaration's arguments (given once per declaration) and `forEach` or `count`.
   */
  resource(address, o) {
    this.entries.push({ address, unknown: [], before: null, after: null, ...o });
    return this;
  }

  create(address, after, config, extra = {}) {
    return this.resource(address, { actions: ['create'], after, config, unknown: ['id', 'arn'], ...extra });
  }

  keep(address, values, config, extra = {}) {
    return this.resource(address, { actions: ['no-op'], before: values, after: values, config, ...extra });
  }

  update(address, before, after, config, extra = {}) {
    return this.resource(address, { actions: ['update'], before, after, config, ...extra });
  }

  replace(address, before, after, config, extra = {}) {
    return this.resource(address, {
      actions: ['delete', 'create'],
      before,
      after,
      config,
      unknown: ['id', 'arn'],
      reason: 'replace_because_cannot_update',
      ...extra,
    });
  }

  destroy(address, before) {
    return this.resource(address, { actions: ['delete'], before, reason: 'delete_because_no_resource_config' });
  }

  toJSON() {
    const planned = { resources: [], children: new Map() };
    const prior = { resources: [], children: new Map() };
    const place = (tree, modules) => {
      let node = tree;
      for (let i = 0; i < modules.length; i++) {
        const key = moduleAddress(modules.slice(0, i + 1));
        if (!node.children.has(key)) node.children.set(key, { resources: [], children: new Map() });
        node = node.children.get(key);
      }
      return node;
    };
    const changes = [];
    for (const e of this.entries) {
      const p = parse(e.address);
      const mod = moduleAddress(p.modules);
      const head = {
        address: e.address,
        mode: p.mode,
        type: p.type,
        name: p.name,
        ...(p.index === undefined ? {} : { index: p.index }),
        provider_name: PROVIDER,
        schema_version: 0,
      };
      if (e.config !== undefined) this.declare(p, literal(e.config, e.after ?? e.before ?? {}), e.forEach, e.count);
      if (e.prior) {
        place(prior, p.modules).resources.push({ ...head, values: e.values, sensitive_values: {} });
        continue;
      }
      const unknown = { ...Object.fromEntries(e.unknown.map((k) => [k, true])), ...(e.unknownTree ?? {}) };
      const sensitive = e.sensitive ?? {};
      const strip = (values) => Object.fromEntries(Object.entries(values).filter(([k]) => unknown[k] !== true));
      if (e.before !== null)
        place(prior, p.modules).resources.push({ ...head, values: e.before, sensitive_values: sensitive });
      if (e.after !== null)
        place(planned, p.modules).resources.push({ ...head, values: strip(e.after), sensitive_values: sensitive });
      changes.push({
        address: e.address,
        ...(mod === '' ? {} : { module_address: mod }),
        mode: p.mode,
        type: p.type,
        name: p.name,
        ...(p.index === undefined ? {} : { index: p.index }),
        provider_name: PROVIDER,
        change: {
          actions: e.actions,
          before: e.before,
          after: e.after === null ? null : strip(e.after),
          after_unknown: e.after === null ? {} : unknown,
          before_sensitive: e.before === null ? false : sensitive,
          after_sensitive: e.after === null ? false : sensitive,
        },
        ...(e.reason === undefined ? {} : { action_reason: e.reason }),
      });
    }
    const render = (node, address) => {
      const out = { ...(address === undefined ? {} : { address }), resources: node.resources };
      if (node.children.size > 0) out.child_modules = [...node.children].map(([a, n]) => render(n, a));
      return out;
    };
    return {
      format_version: '1.2',
      terraform_version: this.terraformVersion,
      ...(Object.keys(this.variables).length === 0 ? {} : { variables: this.variables }),
      planned_values: { root_module: render(planned) },
      resource_changes: changes,
      prior_state: {
        format_version: '1.0',
        terraform_version: this.terraformVersion,
        values: { root_module: render(prior) },
      },
      configuration: {
        provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: constant(REGION) } } },
        root_module: this.configModule([]),
      },
      timestamp: '2026-11-20T10:00:00Z',
      applyable: true,
      complete: true,
      errored: false,
    };
  }

  declare(p, expressions, forEach, count) {
    const path = p.modules.map((m) => m.name).join('.');
    const address = `${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}`;
    const list = this.configs.get(path) ?? [];
    if (list.some((c) => c.address === address)) return;
    list.push({
      address,
      mode: p.mode,
      type: p.type,
      name: p.name,
      provider_config_key: 'aws',
      expressions,
      schema_version: 0,
      ...(forEach === undefined ? {} : { for_each_expression: forEach }),
      ...(count === undefined ? {} : { count_expression: count }),
    });
    this.configs.set(path, list);
  }

  configModule(names) {
    const path = names.join('.');
    const out = { resources: this.configs.get(path) ?? [] };
    const outputs = this.calls.get(path)?.outputs;
    if (outputs !== undefined)
      out.outputs = Object.fromEntries(Object.entries(outputs).map(([name, expression]) => [name, { expression }]));
    const calls = {};
    for (const [callPath, call] of this.calls) {
      const parts = callPath.split('.');
      if (parts.length !== names.length + 1 || parts.slice(0, -1).join('.') !== path) continue;
      const name = parts[parts.length - 1];
      calls[name] = {
        source: call.source,
        expressions: call.expressions,
        ...(call.for_each_expression === undefined ? {} : { for_each_expression: call.for_each_expression }),
        module: this.configModule(parts),
      };
    }
    if (Object.keys(calls).length > 0) out.module_calls = calls;
    return out;
  }
}

module.exports = { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION };
