/**
 * Writes `terraform show -json` plans (format_version 1.2) of an infrastructure that already
 * exists, laid out as Terraform 1.5-1.10 emits them: `prior_state` holding every existing
 * resource with the values the AWS provider read (computed ones known), `resource_changes` whose
 * `before` is that state and whose actions are `no-op`, `update`, `delete`, `["delete","create"]`,
 * `["create","delete"]` (create_before_destroy), `forget` (a `removed` block), with
 * `previous_address` (a `moved` block) or `change.importing` (an `import` block);
 * `planned_values` without the values known only after apply; `configuration` listing the
 * resources still declared, each argument a `constant_value` or its `references`.
 */
'use strict';

const { PROVIDER, ACCOUNT, REGION, ref, constant, policy } = require('../plan-parts');

/** An IAM ARN of the test account. */
function iam(kind, name) {
  return `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
}

const ADDRESS = /^(data\.)?([a-z0-9_]+)\.([\w-]+)$/;

class Plan {
  constructor(terraformVersion = '1.9.8') {
    this.terraformVersion = terraformVersion;
    this.entries = [];
    this.data('aws_caller_identity.current', {
      account_id: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
      id: ACCOUNT,
      user_id: 'AIDAEXAMPLE',
    });
    this.data('aws_region.current', {
      name: REGION,
      id: REGION,
      description: 'Europe (Ireland)',
      endpoint: `ec2.${REGION}.amazonaws.com`,
    });
  }

  /** A data source read at plan time: only in the prior state. */
  data(address, values) {
    this.entries.push({ address, values, prior: true });
    return this;
  }

  /**
   * One managed resource. `before` (the state) and `after` (null when destroyed or forgotten);
   * `config`: the arguments the configuration sets (omitted for a resource no longer declared);
   * `unknown`: the attributes known only after apply.
   */
  resource(
    address,
    { actions, before = null, after = null, config, unknown = [], previous, importing, reason, deposed },
  ) {
    this.entries.push({ address, actions, before, after, config, unknown, previous, importing, reason, deposed });
    return this;
  }

  /** An existing resource the plan leaves as it is; `config` as declared. */
  keep(address, values, config, extra = {}) {
    return this.resource(address, { actions: ['no-op'], before: values, after: values, config, ...extra });
  }

  update(address, before, after, config, extra = {}) {
    return this.resource(address, { actions: ['update'], before, after, config, ...extra });
  }

  create(address, after, config, unknown = ['id', 'arn']) {
    return this.resource(address, { actions: ['create'], after, config, unknown });
  }

  /** Destroyed because no longer declared: no configuration. */
  destroy(address, before) {
    return this.resource(address, { actions: ['delete'], before, reason: 'delete_because_no_resource_config' });
  }

  /** `create_before_destroy` gives `["create","delete"]`, the default `["delete","create"]`. */
  replace(address, before, after, config, { createFirst = false, unknown = ['id', 'arn'] } = {}) {
    return this.resource(address, {
      actions: createFirst ? ['create', 'delete'] : ['delete', 'create'],
      before,
      after,
      config,
      unknown,
      reason: 'replace_because_cannot_update',
    });
  }

  /** A `removed` block with `lifecycle { destroy = false }` (Terraform 1.7+): out of state, left in AWS. */
  forget(address, before) {
    return this.resource(address, { actions: ['forget'], before });
  }

  /**
   * A deposed object (left by a create_before_destroy whose destroy failed): deleted by this plan,
   * listed after the current object of the same address, and in the prior state under it.
   */
  deposed(address, key, before) {
    return this.resource(address, { actions: ['delete'], before, deposed: key });
  }

  toJSON() {
    const planned = [];
    const prior = [];
    const changes = [];
    const config = [];
    for (const e of this.entries) {
      const m = ADDRESS.exec(e.address);
      if (m === null) throw new Error(`bad address ${e.address}`);
      const [, data, type, name] = m;
      const mode = data === undefined ? 'managed' : 'data';
      const head = { address: e.address, mode, type, name, provider_name: PROVIDER, schema_version: 0 };
      if (e.prior) {
        prior.push({ ...head, values: e.values, sensitive_values: {} });
        continue;
      }
      if (e.before !== null && e.deposed === undefined) prior.push({ ...head, values: e.before, sensitive_values: {} });
      const unknown = Object.fromEntries(e.unknown.map((k) => [k, true]));
      if (e.after !== null) {
        const known = Object.fromEntries(Object.entries(e.after).filter(([k]) => unknown[k] !== true));
        planned.push({ ...head, values: known, sensitive_values: {} });
      }
      const after =
        e.after === null ? null : Object.fromEntries(Object.entries(e.after).filter(([k]) => unknown[k] !== true));
      changes.push({
        address: e.address,
        ...(e.previous === undefined ? {} : { previous_address: e.previous }),
        ...(e.deposed === undefined ? {} : { deposed: e.deposed }),
        mode,
        type,
        name,
        provider_name: PROVIDER,
        change: {
          actions: e.actions,
          before: e.before,
          after,
          after_unknown: e.after === null ? {} : unknown,
          before_sensitive: e.before === null ? false : {},
          after_sensitive: e.after === null ? false : {},
          ...(e.importing === undefined ? {} : { importing: { id: e.importing } }),
        },
        ...(e.reason === undefined ? {} : { action_reason: e.reason }),
      });
      if (e.config !== undefined)
        config.push({
          address: e.address,
          mode,
          type,
          name,
          provider_config_key: 'aws',
          expressions: e.config,
          schema_version: 0,
        });
    }
    return {
      format_version: '1.2',
      terraform_version: this.terraformVersion,
      planned_values: { root_module: { resources: planned } },
      resource_changes: changes,
      prior_state: {
        format_version: '1.0',
        terraform_version: this.terraformVersion,
        values: { root_module: { resources: prior } },
      },
      configuration: {
        provider_config: {
          aws: { name: 'aws', full_name: PROVIDER, expressions: { region: constant(REGION) } },
        },
        root_module: { resources: config },
      },
      timestamp: '2026-11-20T10:00:00Z',
      applyable: true,
      complete: true,
      errored: false,
    };
  }
}

module.exports = { Plan, ref, constant, policy, iam, ACCOUNT, REGION };
