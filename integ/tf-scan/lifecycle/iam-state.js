/**
 * Resources of an IAM estate as the AWS provider reads them into a plan's state (roles, users,
 * groups, managed and inline policies, attachments), their configuration arguments, and the
 * `for_each` layout of instance keys: shared by the update plans of `changes23/` and `changes24/`.
 */
'use strict';

const { ref, constant, policy, iam } = require('./plan-builder');

const LAMBDA_TRUST = policy({
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
});
const allow = (Action, Resource, extra = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action, Resource, extra = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

/** A role as the AWS provider reads it: `inline` and `managed` are what AWS shows it holds. */
function role(
  name,
  { trust = LAMBDA_TRUST, inline = [], managed = [], boundary = '', tags = {}, description = '' } = {},
) {
  return {
    arn: iam('role', name),
    assume_role_policy: trust,
    create_date: '2025-02-01T10:00:00Z',
    description,
    force_detach_policies: false,
    id: name,
    inline_policy: inline.map(([n, p]) => ({ name: n, policy: p })),
    managed_policy_arns: managed,
    max_session_duration: 3600,
    name,
    name_prefix: '',
    path: '/',
    permissions_boundary: boundary,
    tags,
    tags_all: tags,
    unique_id: `AROA${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .padEnd(17, 'X')}`,
  };
}
const roleConfig = (name, extra = {}) => ({
  name: constant(name),
  assume_role_policy: constant(LAMBDA_TRUST),
  ...extra,
});
function user(name, boundary = '') {
  return {
    arn: iam('user', name),
    force_destroy: false,
    id: name,
    name,
    path: '/',
    permissions_boundary: boundary,
    tags: {},
    tags_all: {},
    unique_id: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
  };
}
function group(name) {
  return { arn: iam('group', name), id: name, name, path: '/', unique_id: `AGPA${name.toUpperCase().padEnd(17, 'X')}` };
}
function managedPolicy(name, document, { attachments = 1, description = '', tags = {} } = {}) {
  return {
    arn: iam('policy', name),
    attachment_count: attachments,
    description,
    id: iam('policy', name),
    name,
    name_prefix: '',
    path: '/',
    policy: document,
    policy_id: `ANPA${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .padEnd(17, 'X')}`,
    tags,
    tags_all: tags,
  };
}
const rolePolicy = (roleName, name, document) => ({
  id: `${roleName}:${name}`,
  name,
  name_prefix: '',
  policy: document,
  role: roleName,
});
const rolePolicyConfig = (roleName, document) => ({
  role: ref(`aws_iam_role.${roleName}`, 'id'),
  name: constant(roleName),
  policy: constant(document),
});
const roleAttachment = (roleName, arn) => ({
  id: `${roleName}-20250201100000000000000001`,
  policy_arn: arn,
  role: roleName,
});
const attachConfig = (roleAddress, arn) => ({
  role: ref(roleAddress, 'name'),
  policy_arn: arn.startsWith('aws_') ? ref(arn, 'arn') : constant(arn),
});

/** A kept role whose one inline policy (aws_iam_role_policy) goes from `before` to `after`. */
function inlineEdit(p, name, before, after) {
  p.keep(`aws_iam_role.${name}`, role(name, { inline: [[name, before]] }), roleConfig(name));
  p.update(
    `aws_iam_role_policy.${name}`,
    rolePolicy(name, name, before),
    rolePolicy(name, name, after),
    rolePolicyConfig(name, after),
  );
}

/**
 * The builder names resources without instance keys: `name__key` becomes the `for_each` instance
 * `name["key"]` (its `index`), the configuration holding the resource once with `for_each_expression`.
 */
function withKeys(json) {
  const keyed = (r) => {
    const m = /^(.*)__(\w+)$/.exec(r.name);
    if (m === null) return r;
    const [, name, key] = m;
    return { ...r, address: `${r.address.slice(0, -r.name.length)}${name}["${key}"]`, name, index: key };
  };
  const module = (m) => ({ ...m, resources: m.resources.map(keyed) });
  const config = [];
  for (const r of json.configuration.root_module.resources.map(keyed)) {
    if (r.index === undefined) config.push(r);
    else if (!config.some((c) => c.address === r.address.replace(/\[.*$/, ''))) {
      const { index: _index, ...rest } = r;
      config.push({ ...rest, address: r.address.replace(/\[.*$/, ''), for_each_expression: ref('var.policy_arns') });
    }
  }
  return {
    ...json,
    planned_values: { root_module: module(json.planned_values.root_module) },
    // A key no longer in the `for_each` map is deleted for that reason, its configuration still there.
    resource_changes: json.resource_changes
      .map(keyed)
      .map((r) =>
        r.index !== undefined && r.action_reason === 'delete_because_no_resource_config'
          ? { ...r, action_reason: 'delete_because_each_key' }
          : r,
      ),
    prior_state: { ...json.prior_state, values: { root_module: module(json.prior_state.values.root_module) } },
    configuration: { ...json.configuration, root_module: { resources: config } },
  };
}

module.exports = {
  LAMBDA_TRUST,
  allow,
  deny,
  role,
  roleConfig,
  user,
  group,
  managedPolicy,
  rolePolicy,
  rolePolicyConfig,
  roleAttachment,
  attachConfig,
  inlineEdit,
  withKeys,
};
