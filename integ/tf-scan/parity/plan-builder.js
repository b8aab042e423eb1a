/**
 * Writes `terraform show -json` plans (format_version 1.2) the way Terraform lays them out:
 * `planned_values` without the values known only after apply, `resource_changes` whose
 * `after_unknown` marks them, `prior_state` holding the data sources read at plan time, and
 * `configuration` with each argument as a `constant_value` or its `references`. Used by
 * `build-plans.js`; the plans it writes are checked in.
 */
'use strict';

const { PROVIDER, ACCOUNT, REGION, ref, constant, policy } = require('../plan-parts');

/**
 * The document the provider renders for `aws_iam_policy_document` statements (`json`, pretty
 * printed with two spaces): one value stays a string, several a list; principals of one type merge.
 */
function renderDocument(statements) {
  const one = (list) => (list.length === 1 ? list[0] : list);
  const rendered = statements.map((s) => {
    const out = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? 'Allow';
    if (s.actions) out.Action = one(s.actions);
    if (s.not_actions) out.NotAction = one(s.not_actions);
    if (s.resources) out.Resource = one(s.resources);
    if (s.principals) {
      const byType = {};
      for (const p of s.principals) {
        if (p.type === '*') out.Principal = '*';
        else (byType[p.type] ??= []).push(...p.identifiers);
      }
      if (Object.keys(byType).length > 0)
        out.Principal = Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, one(v)]));
    }
    if (s.condition) {
      const condition = {};
      for (const c of s.condition) (condition[c.test] ??= {})[c.variable] = one(c.values);
      out.Condition = condition;
    }
    return out;
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: rendered }, null, 2);
}

/** A statement block as the data source's state holds it (every attribute present). */
function stateStatement(s) {
  return {
    sid: s.sid ?? '',
    effect: s.effect ?? 'Allow',
    actions: s.actions ?? null,
    not_actions: s.not_actions ?? null,
    resources: s.resources ?? null,
    not_resources: null,
    principals: (s.principals ?? []).map((p) => ({ type: p.type, identifiers: p.identifiers })),
    not_principals: [],
    condition: (s.condition ?? []).map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
  };
}

class Plan {
  constructor() {
    this.planned = [];
    this.changes = [];
    this.prior = [];
    this.config = [];
    this.data('aws_caller_identity', 'current', {
      account_id: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
      id: ACCOUNT,
      user_id: 'AIDAEXAMPLEEXAMPLE',
    });
  }

  /**
   * A managed resource created by the plan. `values` are the arguments known at plan time,
   * `unknown` the attributes known only after apply (computed ones, or arguments that refer to
   * them), `expressions` the configuration of each argument (a literal one is derived).
   */
  create(type, name, values, { unknown = ['id', 'arn'], expressions = {} } = {}) {
    const address = `${type}.${name}`;
    const known = Object.fromEntries(Object.entries(values).filter(([k]) => !unknown.includes(k)));
    const afterUnknown = Object.fromEntries(unknown.map((k) => [k, true]));
    this.planned.push({
      address,
      mode: 'managed',
      type,
      name,
      provider_name: PROVIDER,
      schema_version: 0,
      values: known,
      sensitive_values: {},
    });
    this.changes.push({
      address,
      mode: 'managed',
      type,
      name,
      provider_name: PROVIDER,
      change: {
        actions: ['create'],
        before: null,
        after: known,
        after_unknown: afterUnknown,
        before_sensitive: false,
        after_sensitive: {},
      },
    });
    const configured = {};
    for (const [k, v] of Object.entries(values)) {
      if (expressions[k] !== undefined) continue;
      if (v === null || v === undefined || unknown.includes(k)) continue;
      configured[k] = constant(v);
    }
    this.config.push({
      address,
      mode: 'managed',
      type,
      name,
      provider_config_key: 'aws',
      expressions: { ...configured, ...expressions },
      schema_version: 0,
    });
    return address;
  }

  /** A data source read at plan time: in `prior_state` and `planned_values`, no change. */
  data(type, name, values, expressions = {}) {
    const address = `data.${type}.${name}`;
    const resource = {
      address,
      mode: 'data',
      type,
      name,
      provider_name: PROVIDER,
      schema_version: 0,
      values,
      sensitive_values: {},
    };
    this.prior.push(resource);
    this.planned.push(resource);
    this.config.push({
      address,
      mode: 'data',
      type,
      name,
      provider_config_key: 'aws',
      expressions,
      schema_version: 0,
    });
    return address;
  }

  /**
   * An `aws_iam_policy_document`. Each statement's values may be `{ ref: [address, attribute] }`
   * (one element of a list): a document that refers to a value known only after apply is read at
   * apply (`read_because_config_unknown`), its `json` unknown; otherwise it is read at plan time.
   * `dependsOn` (addresses of resources the plan creates) defers the read of a literal document
   * too (`depends_on`: `read_because_dependency_pending`). `sources`: addresses of documents
   * merged in first (`source_policy_documents`); one read at apply defers this one.
   */
  document(name, statements, { dependsOn = [], sources = [] } = {}) {
    const isRef = (v) => v !== null && typeof v === 'object' && Array.isArray(v.ref);
    const sourceJson = sources.map((a) => this.prior.find((r) => r.address === a)?.values.json);
    const deferred =
      dependsOn.length > 0 || sourceJson.includes(undefined) || JSON.stringify(statements).includes('"ref":');
    const listExpression = (list) => {
      const refs = list.filter(isRef);
      return refs.length === 0
        ? constant(list)
        : { references: refs.flatMap((r) => [`${r.ref[0]}.${r.ref[1]}`, r.ref[0]]) };
    };
    const listValue = (list) => (list === undefined ? undefined : list.map((v) => (isRef(v) ? null : v)));
    const listUnknown = (list) => (list === undefined ? undefined : list.map((v) => isRef(v)));
    const expressions = {
      statement: statements.map((s) => {
        const e = {};
        if (s.sid) e.sid = constant(s.sid);
        if (s.effect) e.effect = constant(s.effect);
        if (s.actions) e.actions = constant(s.actions);
        if (s.not_actions) e.not_actions = constant(s.not_actions);
        if (s.resources) e.resources = listExpression(s.resources);
        if (s.principals)
          e.principals = s.principals.map((p) => ({
            type: constant(p.type),
            identifiers: listExpression(p.identifiers),
          }));
        if (s.condition)
          e.condition = s.condition.map((c) => ({
            test: constant(c.test),
            variable: constant(c.variable),
            values: listExpression(c.values),
          }));
        return e;
      }),
      ...(sources.length > 0
        ? { source_policy_documents: { references: sources.flatMap((a) => [`${a}.json`, a]) } }
        : {}),
    };
    if (!deferred) {
      const own = JSON.parse(renderDocument(statements));
      const merged = sourceJson.flatMap((j) => JSON.parse(j).Statement);
      const json = JSON.stringify({ ...own, Statement: [...merged, ...own.Statement] }, null, 2);
      return this.data(
        'aws_iam_policy_document',
        name,
        {
          id: String(hash(json)),
          json,
          minified_json: JSON.stringify(JSON.parse(json)),
          override_json: null,
          override_policy_documents: null,
          policy_id: null,
          source_json: null,
          source_policy_documents: sources.length > 0 ? sourceJson : null,
          statement: statements.map(stateStatement),
          version: '2012-10-17',
        },
        expressions,
      );
    }
    const address = `data.aws_iam_policy_document.${name}`;
    const values = {
      override_json: null,
      override_policy_documents: null,
      policy_id: null,
      source_json: null,
      source_policy_documents: sources.length > 0 ? sourceJson.map((j) => j ?? null) : null,
      version: null,
      statement: statements.map((s) =>
        stateStatement({
          ...s,
          resources: listValue(s.resources),
          principals: s.principals?.map((p) => ({ type: p.type, identifiers: listValue(p.identifiers) })),
          condition: s.condition?.map((c) => ({ ...c, values: listValue(c.values) })),
        }),
      ),
    };
    const unknown = {
      id: true,
      json: true,
      minified_json: true,
      ...(sources.length > 0 ? { source_policy_documents: sourceJson.map((j) => j === undefined) } : {}),
      statement: statements.map((s) => ({
        ...(s.actions ? { actions: s.actions.map(() => false) } : {}),
        ...(s.resources ? { resources: listUnknown(s.resources) } : {}),
        principals: (s.principals ?? []).map((p) => ({ identifiers: listUnknown(p.identifiers) })),
        not_principals: [],
        condition: (s.condition ?? []).map((c) => ({ values: listUnknown(c.values) })),
      })),
    };
    const resource = {
      address,
      mode: 'data',
      type: 'aws_iam_policy_document',
      name,
      provider_name: PROVIDER,
      schema_version: 0,
      values,
      sensitive_values: {},
    };
    this.planned.push(resource);
    this.changes.push({
      address,
      mode: 'data',
      type: 'aws_iam_policy_document',
      name,
      provider_name: PROVIDER,
      change: {
        actions: ['read'],
        before: null,
        after: values,
        after_unknown: unknown,
        before_sensitive: false,
        after_sensitive: {},
      },
      action_reason: dependsOn.length > 0 ? 'read_because_dependency_pending' : 'read_because_config_unknown',
    });
    this.config.push({
      address,
      mode: 'data',
      type: 'aws_iam_policy_document',
      name,
      provider_config_key: 'aws',
      expressions,
      schema_version: 0,
      ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}),
    });
    return address;
  }

  /** The plan as `terraform show -json` prints it. */
  toJSON() {
    return {
      format_version: '1.2',
      terraform_version: '1.9.8',
      planned_values: { root_module: { resources: this.planned } },
      resource_changes: this.changes,
      prior_state: {
        format_version: '1.0',
        terraform_version: '1.9.8',
        values: { root_module: { resources: this.prior } },
      },
      configuration: {
        provider_config: {
          aws: { name: 'aws', full_name: PROVIDER, expressions: { region: constant(REGION) } },
        },
        root_module: { resources: this.config },
      },
      timestamp: '2026-11-28T09:00:00Z',
      applyable: true,
      complete: true,
      errored: false,
    };
  }
}

/** A stable number standing for the provider's document id. */
function hash(text) {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

module.exports = { Plan, ref, constant, policy, ACCOUNT };
