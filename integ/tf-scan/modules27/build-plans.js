/**
 * Writes the plans of this folder in the shape `terraform show -json` gives for calls of public
 * registry modules (the policy wiring of each re-authored minimally, none of their files copied):
 * `node integ/tf-scan/modules27/build-plans.js` from the repository root.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PROVIDER, ACCOUNT, ref, constant, policy, iamArn, managed, allow } = require('../plan-parts');

const refs = (...references) => ({ references });

/**
 * A plan of `resources` (`{ address, type, values, unknown, mode }`, addresses from the root, in
 * modules or not): planned values by module, a change creating (or, for data sources, reading at
 * plan time into `prior_state`) each, and `configuration` as given.
 */
function plan(resources, configuration) {
  // Planned values and the prior state (data sources read at plan time), each a tree of modules.
  const trees = { planned: new Map(), prior: new Map() };
  const moduleOf = (tree, address) => {
    let found = trees[tree].get(address);
    if (found !== undefined) return found;
    found = address === '' ? { resources: [], child_modules: [] } : { address, resources: [], child_modules: [] };
    trees[tree].set(address, found);
    if (address !== '')
      moduleOf(tree, address.replace(/\.?module\.[^.[]+(\[[^\]]+\])?$/, '')).child_modules.push(found);
    return found;
  };
  const changes = [];
  for (const { address, type, values, unknown = {}, mode = 'managed' } of resources) {
    const moduleAddress = /^(.*?)\.?(?:data\.)?[\w-]+\.[\w-]+(?:\[[^\]]+\])?$/.exec(address)[1];
    const name = /([\w-]+)(?:\[[^\]]+\])?$/.exec(address)[1];
    const key = /\[([^\]]+)\]$/.exec(address)?.[1];
    const index = key === undefined ? {} : { index: /^\d+$/.test(key) ? Number(key) : JSON.parse(key) };
    const entry = {
      address,
      mode,
      type,
      name,
      ...index,
      provider_name: PROVIDER,
      schema_version: 0,
      values,
      sensitive_values: {},
    };
    moduleOf(mode === 'data' ? 'prior' : 'planned', moduleAddress).resources.push(entry);
    if (mode === 'data') continue;
    changes.push({
      address,
      ...(moduleAddress === '' ? {} : { module_address: moduleAddress }),
      mode,
      type,
      name,
      ...index,
      provider_name: PROVIDER,
      change: { actions: ['create'], before: null, after: values, after_unknown: unknown },
    });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: moduleOf('planned', '') },
    resource_changes: changes,
    prior_state: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: moduleOf('prior', '') } },
    configuration: { provider_config: { aws: { name: 'aws', full_name: PROVIDER } }, root_module: configuration },
  };
}

/** A resource block of a configuration. */
function block(type, name, expressions, extra = {}) {
  return {
    address: `${extra.mode === 'data' ? 'data.' : ''}${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_config_key: 'aws',
    expressions,
    schema_version: 0,
    ...extra,
  };
}

const GITHUB = 'token.actions.githubusercontent.com';
const GITHUB_PROVIDER = iamArn('oidc-provider', GITHUB);
const webIdentity = (condition) => ({
  Effect: 'Allow',
  Principal: { Federated: GITHUB_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition === undefined ? {} : { Condition: condition }),
});

// terraform-aws-iam `iam-assumable-role-with-oidc`: the trust document (dynamic conditions over
// `oidc_fully_qualified_subjects`, read at plan time) and `role_policy_arns[count.index]`.
function oidcRolePlan() {
  const roleModule = {
    resources: [
      block(
        'aws_iam_role',
        'this',
        {
          name: refs('var.role_name'),
          assume_role_policy: refs(
            'data.aws_iam_policy_document.assume_role_with_oidc[0].json',
            'data.aws_iam_policy_document.assume_role_with_oidc[0]',
            'data.aws_iam_policy_document.assume_role_with_oidc',
          ),
        },
        { count_expression: refs('var.create_role') },
      ),
      block(
        'aws_iam_role_policy_attachment',
        'custom',
        {
          role: refs('aws_iam_role.this'),
          policy_arn: refs('var.role_policy_arns', 'count.index'),
        },
        { count_expression: refs('var.create_role', 'var.number_of_role_policy_arns', 'var.role_policy_arns') },
      ),
      block(
        'aws_iam_policy_document',
        'assume_role_with_oidc',
        {},
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.assume_role_with_oidc',
          count_expression: refs('var.create_role'),
        },
      ),
    ],
    outputs: { iam_role_arn: { expression: refs('aws_iam_role.this') } },
    variables: {
      role_name: {},
      create_role: { default: false },
      role_policy_arns: { default: [] },
      provider_url: { default: '' },
      oidc_fully_qualified_subjects: { default: [] },
      number_of_role_policy_arns: { default: null },
    },
  };
  const call = (expressions) => ({
    source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc',
    version_constraint: '~> 5.0',
    expressions,
    module: roleModule,
  });
  const trustAny = policy(webIdentity({ StringEquals: { [`${GITHUB}:aud`]: ['sts.amazonaws.com'] } }));
  const trustMain = policy(webIdentity({ StringEquals: { [`${GITHUB}:sub`]: ['repo:acme/app:ref:refs/heads/main'] } }));
  const deploy = policy(allow('iam:PassRole', '*'), allow(['ecs:UpdateService', 'ecs:RegisterTaskDefinition'], '*'));
  const role = (module, name, trust) => ({
    address: `${module}.aws_iam_role.this[0]`,
    type: 'aws_iam_role',
    values: {
      name,
      assume_role_policy: trust,
      path: '/',
      max_session_duration: 3600,
      force_detach_policies: false,
      tags: null,
    },
    unknown: {
      arn: true,
      id: true,
      unique_id: true,
      create_date: true,
      managed_policy_arns: true,
      inline_policy: true,
    },
  });
  return plan(
    [
      {
        address: 'aws_iam_policy.deploy',
        type: 'aws_iam_policy',
        values: { name: 'deploy', path: '/', policy: deploy },
        unknown: { arn: true, id: true, policy_id: true },
      },
      role('module.any_branch', 'ci-any-branch', trustAny),
      {
        address: 'module.any_branch.aws_iam_role_policy_attachment.custom[0]',
        type: 'aws_iam_role_policy_attachment',
        values: { role: 'ci-any-branch', policy_arn: managed('ReadOnlyAccess') },
        unknown: { id: true },
      },
      role('module.main_only', 'ci-main', trustMain),
      {
        address: 'module.main_only.aws_iam_role_policy_attachment.custom[0]',
        type: 'aws_iam_role_policy_attachment',
        values: { role: 'ci-main' },
        unknown: { id: true, policy_arn: true },
      },
      {
        address: 'module.any_branch.data.aws_iam_policy_document.assume_role_with_oidc[0]',
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: trustAny },
      },
      {
        address: 'module.main_only.data.aws_iam_policy_document.assume_role_with_oidc[0]',
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: trustMain },
      },
    ],
    {
      resources: [block('aws_iam_policy', 'deploy', { name: constant('deploy'), policy: constant(deploy) })],
      module_calls: {
        any_branch: call({
          create_role: constant(true),
          role_name: constant('ci-any-branch'),
          provider_url: constant(GITHUB),
          role_policy_arns: constant([managed('ReadOnlyAccess')]),
          oidc_fully_qualified_audiences: constant(['sts.amazonaws.com']),
        }),
        main_only: call({
          create_role: constant(true),
          role_name: constant('ci-main'),
          provider_url: constant(GITHUB),
          role_policy_arns: ref('aws_iam_policy.deploy', 'arn'),
          number_of_role_policy_arns: constant(1),
          oidc_fully_qualified_subjects: constant(['repo:acme/app:ref:refs/heads/main']),
        }),
      },
    },
  );
}

// terraform-aws-iam `iam-policy` (the caller's document, known in the plan) attached by
// `iam-group-with-policies` through `custom_group_policy_arns` (`element(var..., count.index)`,
// the ARN known only after apply) beside the module's self-management policy (`${aws:username}`).
function groupPlan() {
  const ops = policy(allow('iam:PassRole', '*'), allow('s3:GetObject', 'arn:aws:s3:::acme-artifacts/*'));
  const selfManagement = policy(
    allow(['iam:ListUsers', 'iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], '*', {
      Sid: 'AllowListActions',
    }),
    allow(
      [
        'iam:ChangePassword',
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:UpdateAccessKey',
        'iam:ListAccessKeys',
        'iam:GetUser',
      ],
      `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
      { Sid: 'AllowManageOwnPasswordsAndKeys' },
    ),
    allow(
      ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice'],
      [`arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`, `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`],
      { Sid: 'AllowManageOwnVirtualMFADevice' },
    ),
  );
  const groupModule = {
    resources: [
      block(
        'aws_iam_group',
        'this',
        { name: refs('var.name'), path: refs('var.path') },
        { count_expression: refs('var.create_group') },
      ),
      block(
        'aws_iam_group_membership',
        'this',
        { name: refs('var.name'), group: refs('local.group_name'), users: refs('var.group_users') },
        { count_expression: refs('var.group_users') },
      ),
      block(
        'aws_iam_group_policy_attachment',
        'custom_arns',
        { group: refs('local.group_name'), policy_arn: refs('var.custom_group_policy_arns', 'count.index') },
        { count_expression: refs('var.custom_group_policy_arns') },
      ),
      block(
        'aws_iam_policy',
        'iam_self_management',
        {
          name_prefix: refs('var.iam_self_management_policy_name_prefix'),
          policy: refs(
            'data.aws_iam_policy_document.iam_self_management.json',
            'data.aws_iam_policy_document.iam_self_management',
          ),
        },
        { count_expression: refs('var.attach_iam_self_management_policy') },
      ),
      block(
        'aws_iam_group_policy_attachment',
        'iam_self_management',
        {
          group: refs('local.group_name'),
          policy_arn: refs(
            'aws_iam_policy.iam_self_management[0].arn',
            'aws_iam_policy.iam_self_management[0]',
            'aws_iam_policy.iam_self_management',
          ),
        },
        { count_expression: refs('var.attach_iam_self_management_policy') },
      ),
      block(
        'aws_iam_policy_document',
        'iam_self_management',
        {},
        { mode: 'data', address: 'data.aws_iam_policy_document.iam_self_management' },
      ),
    ],
    variables: {
      name: {},
      path: { default: '/' },
      create_group: { default: true },
      group_users: { default: [] },
      custom_group_policy_arns: { default: [] },
      attach_iam_self_management_policy: { default: true },
      iam_self_management_policy_name_prefix: { default: 'IAMSelfManagement-' },
    },
  };
  const policyModule = {
    resources: [
      block(
        'aws_iam_policy',
        'policy',
        { name: refs('var.name'), path: refs('var.path'), policy: refs('var.policy') },
        { count_expression: refs('var.create_policy') },
      ),
    ],
    outputs: { arn: { expression: refs('aws_iam_policy.policy') } },
    variables: { name: {}, path: { default: '/' }, policy: { default: '' }, create_policy: { default: true } },
  };
  return plan(
    [
      {
        address: 'module.ops_policy.aws_iam_policy.policy[0]',
        type: 'aws_iam_policy',
        values: { name: 'ops', path: '/', policy: ops, description: 'IAM Policy' },
        unknown: { arn: true, id: true, policy_id: true },
      },
      {
        address: 'module.admins.aws_iam_group.this[0]',
        type: 'aws_iam_group',
        values: { name: 'admins', path: '/' },
        unknown: { arn: true, id: true, unique_id: true },
      },
      {
        address: 'module.admins.aws_iam_group_membership.this[0]',
        type: 'aws_iam_group_membership',
        values: { name: 'admins', group: 'admins', users: ['alice', 'bob'] },
        unknown: { id: true },
      },
      {
        address: 'module.admins.aws_iam_group_policy_attachment.custom_arns[0]',
        type: 'aws_iam_group_policy_attachment',
        values: { group: 'admins' },
        unknown: { id: true, policy_arn: true },
      },
      {
        address: 'module.admins.aws_iam_policy.iam_self_management[0]',
        type: 'aws_iam_policy',
        values: { name_prefix: 'IAMSelfManagement-', path: '/', policy: selfManagement },
        unknown: { arn: true, id: true, name: true, policy_id: true },
      },
      {
        address: 'module.admins.aws_iam_group_policy_attachment.iam_self_management[0]',
        type: 'aws_iam_group_policy_attachment',
        values: { group: 'admins' },
        unknown: { id: true, policy_arn: true },
      },
      {
        address: 'module.admins.data.aws_iam_policy_document.iam_self_management',
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: selfManagement },
      },
    ],
    {
      module_calls: {
        ops_policy: {
          source: 'terraform-aws-modules/iam/aws//modules/iam-policy',
          version_constraint: '~> 5.0',
          expressions: { name: constant('ops'), policy: constant(ops) },
          module: policyModule,
        },
        admins: {
          source: 'terraform-aws-modules/iam/aws//modules/iam-group-with-policies',
          version_constraint: '~> 5.0',
          expressions: {
            name: constant('admins'),
            group_users: constant(['alice', 'bob']),
            custom_group_policy_arns: refs('module.ops_policy.arn', 'module.ops_policy'),
          },
          module: groupModule,
        },
      },
    },
  );
}

// terraform-aws-eks: a managed node group's role (`name_prefix`, EC2 trust read at plan time)
// with the worker policies attached over `for_each` of their ARNs (`policy_arn = each.value`,
// `role = aws_iam_role.this[0].name`, unknown), and `iam_role_additional_policies` (a map).
function nodeGroupPlan() {
  const group = 'module.eks.module.eks_managed_node_group["default"]';
  const trust = policy({
    Sid: 'EKSNodeAssumeRole',
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });
  const worker = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEKS_CNI_Policy'].map(
    managed,
  );
  const nodeGroupModule = {
    resources: [
      block(
        'aws_iam_role',
        'this',
        {
          name_prefix: refs('var.iam_role_name'),
          assume_role_policy: refs(
            'data.aws_iam_policy_document.assume_role_policy[0].json',
            'data.aws_iam_policy_document.assume_role_policy[0]',
            'data.aws_iam_policy_document.assume_role_policy',
          ),
          force_detach_policies: constant(true),
        },
        { count_expression: refs('var.create', 'var.create_iam_role') },
      ),
      block(
        'aws_iam_role_policy_attachment',
        'this',
        {
          policy_arn: refs('each.value'),
          role: refs('aws_iam_role.this[0].name', 'aws_iam_role.this[0]', 'aws_iam_role.this'),
        },
        { for_each_expression: refs('local.iam_role_policy_prefix', 'var.create', 'var.create_iam_role') },
      ),
      block(
        'aws_iam_role_policy_attachment',
        'additional',
        {
          policy_arn: refs('each.value'),
          role: refs('aws_iam_role.this[0].name', 'aws_iam_role.this[0]', 'aws_iam_role.this'),
        },
        { for_each_expression: refs('var.iam_role_additional_policies', 'var.create', 'var.create_iam_role') },
      ),
      block(
        'aws_iam_policy_document',
        'assume_role_policy',
        {},
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.assume_role_policy',
          count_expression: refs('var.create', 'var.create_iam_role'),
        },
      ),
    ],
    variables: {
      create: { default: true },
      create_iam_role: { default: true },
      iam_role_name: { default: null },
      iam_role_additional_policies: { default: {} },
    },
  };
  const eksModule = {
    module_calls: {
      eks_managed_node_group: {
        source: './modules/eks-managed-node-group',
        for_each_expression: refs('var.eks_managed_node_groups', 'var.create'),
        expressions: {
          iam_role_name: refs('each.value.iam_role_name', 'each.value', 'each.key'),
          iam_role_additional_policies: refs(
            'each.value.iam_role_additional_policies',
            'each.value',
            'var.eks_managed_node_group_defaults',
          ),
        },
        module: nodeGroupModule,
      },
    },
    variables: {
      eks_managed_node_groups: { default: {} },
      create: { default: true },
      eks_managed_node_group_defaults: { default: {} },
    },
  };
  const attachment = (name, key, arn) => ({
    address: `${group}.aws_iam_role_policy_attachment.${name}[${JSON.stringify(key)}]`,
    type: 'aws_iam_role_policy_attachment',
    values: { policy_arn: arn },
    unknown: { id: true, role: true },
  });
  return plan(
    [
      {
        address: `${group}.aws_iam_role.this[0]`,
        type: 'aws_iam_role',
        values: {
          name_prefix: 'default-eks-node-group-',
          assume_role_policy: trust,
          force_detach_policies: true,
          path: '/',
          max_session_duration: 3600,
        },
        unknown: {
          arn: true,
          id: true,
          name: true,
          unique_id: true,
          create_date: true,
          managed_policy_arns: true,
          inline_policy: true,
        },
      },
      ...worker.map((arn) => attachment('this', arn, arn)),
      attachment('additional', 'ssm', managed('AmazonSSMManagedInstanceCore')),
      {
        address: `${group}.data.aws_iam_policy_document.assume_role_policy[0]`,
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: trust },
      },
    ],
    {
      module_calls: {
        eks: {
          source: 'terraform-aws-modules/eks/aws',
          version_constraint: '~> 20.0',
          expressions: {
            eks_managed_node_groups: constant({
              default: { iam_role_additional_policies: { ssm: managed('AmazonSSMManagedInstanceCore') } },
            }),
          },
          module: eksModule,
        },
      },
    },
  );
}

// terraform-aws-s3-bucket: `attach_policy` (the caller's document) and
// `attach_deny_insecure_transport_policy`, merged by `data.aws_iam_policy_document.combined`
// (`source_policy_documents = compact([...])`), all read at plan time.
function bucketPlan() {
  const bucket = 'acme-public-assets';
  const objects = `arn:aws:s3:::${bucket}/*`;
  const caller = policy({
    Sid: 'PublicRead',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: objects,
  });
  const denyInsecure = policy({
    Sid: 'denyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, objects],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const combined = JSON.stringify({
    Version: '2012-10-17',
    Statement: [...JSON.parse(denyInsecure).Statement, ...JSON.parse(caller).Statement],
  });
  const bucketModule = {
    resources: [
      block('aws_s3_bucket', 'this', { bucket: refs('var.bucket') }, { count_expression: refs('local.create_bucket') }),
      block(
        'aws_s3_bucket_policy',
        'this',
        {
          bucket: refs('aws_s3_bucket.this[0].id', 'aws_s3_bucket.this[0]', 'aws_s3_bucket.this'),
          policy: refs(
            'data.aws_iam_policy_document.combined[0].json',
            'data.aws_iam_policy_document.combined[0]',
            'data.aws_iam_policy_document.combined',
          ),
        },
        { count_expression: refs('local.create_bucket', 'local.attach_policy') },
      ),
      block(
        'aws_iam_policy_document',
        'combined',
        {
          source_policy_documents: refs(
            'var.attach_deny_insecure_transport_policy',
            'data.aws_iam_policy_document.deny_insecure_transport[0].json',
            'data.aws_iam_policy_document.deny_insecure_transport[0]',
            'data.aws_iam_policy_document.deny_insecure_transport',
            'var.attach_policy',
            'var.policy',
          ),
        },
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.combined',
          count_expression: refs('local.create_bucket', 'local.attach_policy'),
        },
      ),
      block(
        'aws_iam_policy_document',
        'deny_insecure_transport',
        {},
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.deny_insecure_transport',
          count_expression: refs('local.create_bucket', 'var.attach_deny_insecure_transport_policy'),
        },
      ),
    ],
    variables: {
      bucket: { default: null },
      attach_policy: { default: false },
      policy: { default: null },
      attach_deny_insecure_transport_policy: { default: false },
    },
  };
  const m = 'module.assets';
  return plan(
    [
      {
        address: `${m}.aws_s3_bucket.this[0]`,
        type: 'aws_s3_bucket',
        values: { bucket, force_destroy: false },
        unknown: { arn: true, id: true },
      },
      {
        address: `${m}.aws_s3_bucket_policy.this[0]`,
        type: 'aws_s3_bucket_policy',
        values: { policy: combined },
        unknown: { id: true, bucket: true },
      },
      {
        address: `${m}.data.aws_iam_policy_document.deny_insecure_transport[0]`,
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: denyInsecure },
      },
      {
        address: `${m}.data.aws_iam_policy_document.combined[0]`,
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: combined, source_policy_documents: [denyInsecure, caller] },
      },
    ],
    {
      module_calls: {
        assets: {
          source: 'terraform-aws-modules/s3-bucket/aws',
          version_constraint: '~> 4.0',
          expressions: {
            bucket: constant(bucket),
            attach_policy: constant(true),
            policy: constant(caller),
            attach_deny_insecure_transport_policy: constant(true),
          },
          module: bucketModule,
        },
      },
    },
  );
}

// cloudposse `iam-role`: trust aggregated from `principals` (another account's root, no external
// id), `policy_documents` merged into `aws_iam_policy.default` attached by the module, and
// `managed_policy_arns` attached over `for_each` (all read at plan time).
function cloudposseRolePlan() {
  const trust = policy({
    Sid: 'RoleAssumeRole',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
  });
  const document = policy(
    allow('ec2:*', '*', { Sid: 'Fleet' }),
    allow('s3:GetObject', 'arn:aws:s3:::acme-config/*', { Sid: 'Config' }),
  );
  const roleModule = {
    resources: [
      block(
        'aws_iam_role',
        'default',
        {
          name: refs('module.this.id', 'module.this'),
          assume_role_policy: refs(
            'data.aws_iam_policy_document.assume_role_aggregated[0].json',
            'data.aws_iam_policy_document.assume_role_aggregated[0]',
            'data.aws_iam_policy_document.assume_role_aggregated',
          ),
        },
        { count_expression: refs('module.this.enabled', 'module.this') },
      ),
      block(
        'aws_iam_policy',
        'default',
        {
          name: refs('module.this.id', 'module.this'),
          policy: refs(
            'data.aws_iam_policy_document.default[0].json',
            'data.aws_iam_policy_document.default[0]',
            'data.aws_iam_policy_document.default',
          ),
        },
        { count_expression: refs('local.policy_document_count', 'var.policy_document_count') },
      ),
      block(
        'aws_iam_role_policy_attachment',
        'default',
        {
          role: refs('aws_iam_role.default[0].name', 'aws_iam_role.default[0]', 'aws_iam_role.default'),
          policy_arn: refs('aws_iam_policy.default[0].arn', 'aws_iam_policy.default[0]', 'aws_iam_policy.default'),
        },
        { count_expression: refs('local.policy_document_count') },
      ),
      block(
        'aws_iam_role_policy_attachment',
        'managed',
        {
          role: refs('aws_iam_role.default[0].name', 'aws_iam_role.default[0]', 'aws_iam_role.default'),
          policy_arn: refs('each.key'),
        },
        { for_each_expression: refs('module.this.enabled', 'module.this', 'var.managed_policy_arns') },
      ),
      block(
        'aws_iam_policy_document',
        'default',
        { source_policy_documents: refs('var.policy_documents') },
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.default',
          count_expression: refs('local.policy_document_count'),
        },
      ),
      block(
        'aws_iam_policy_document',
        'assume_role_aggregated',
        {
          override_policy_documents: refs(
            'data.aws_iam_policy_document.assume_role.*.json',
            'data.aws_iam_policy_document.assume_role',
          ),
        },
        {
          mode: 'data',
          address: 'data.aws_iam_policy_document.assume_role_aggregated',
          count_expression: refs('module.this.enabled', 'module.this'),
        },
      ),
    ],
    variables: {
      principals: { default: {} },
      policy_documents: { default: [] },
      policy_document_count: { default: 1 },
      managed_policy_arns: { default: [] },
    },
  };
  const m = 'module.fleet_role';
  const name = 'acme-prod-fleet';
  return plan(
    [
      {
        address: `${m}.aws_iam_role.default[0]`,
        type: 'aws_iam_role',
        values: { name, assume_role_policy: trust, path: '/', max_session_duration: 3600 },
        unknown: { arn: true, id: true, unique_id: true },
      },
      {
        address: `${m}.aws_iam_policy.default[0]`,
        type: 'aws_iam_policy',
        values: { name, path: '/', policy: document },
        unknown: { arn: true, id: true, policy_id: true },
      },
      {
        address: `${m}.aws_iam_role_policy_attachment.default[0]`,
        type: 'aws_iam_role_policy_attachment',
        values: { role: name },
        unknown: { id: true, policy_arn: true },
      },
      {
        address: `${m}.aws_iam_role_policy_attachment.managed["${managed('AmazonSSMReadOnlyAccess')}"]`,
        type: 'aws_iam_role_policy_attachment',
        values: { role: name, policy_arn: managed('AmazonSSMReadOnlyAccess') },
        unknown: { id: true },
      },
      {
        address: `${m}.data.aws_iam_policy_document.default[0]`,
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: document, source_policy_documents: [document] },
      },
      {
        address: `${m}.data.aws_iam_policy_document.assume_role_aggregated[0]`,
        type: 'aws_iam_policy_document',
        mode: 'data',
        values: { json: trust },
      },
    ],
    {
      module_calls: {
        fleet_role: {
          source: 'cloudposse/iam-role/aws',
          version_constraint: '~> 0.19',
          expressions: {
            name: constant('fleet'),
            principals: constant({ AWS: ['arn:aws:iam::999988887777:root'] }),
            policy_documents: constant([document]),
            managed_policy_arns: constant([managed('AmazonSSMReadOnlyAccess')]),
          },
          module: roleModule,
        },
      },
    },
  );
}

// `../modules/irsa-roles.json` with `ebs_csi` admitting every service account of the cluster
// (`assume_role_condition_test = "StringLike"`, `namespace_service_accounts = ["*:*"]`), as
// `irsa-sources-broad/` configures it: the condition keys are still known only after apply.
function irsaBroadPlan() {
  const read = JSON.parse(fs.readFileSync(path.join(__dirname, '../modules/irsa-roles.json'), 'utf8'));
  const document = read.resource_changes.find(
    (c) => c.address === 'module.ebs_csi.data.aws_iam_policy_document.this[0]',
  );
  for (const statement of document.change.after.statement) {
    for (const condition of statement.condition ?? []) {
      if (statement.principals?.[0]?.type !== 'Federated') continue;
      condition.test = 'StringLike';
      condition.values = condition.values.map((v) =>
        v.startsWith('system:serviceaccount:') ? 'system:serviceaccount:*:*' : v,
      );
    }
  }
  const call = read.configuration.root_module.module_calls.ebs_csi;
  call.expressions.assume_role_condition_test = constant('StringLike');
  return read;
}

// `../modules/irsa-roles.json` with `ebs_csi`'s attachments made by a module it calls, which it
// passes `var.role_policy_arns` (a policy named by `name_prefix`, read by no block of `ebs_csi`
// itself): that input, known only after apply too, is still read
// where the plan shows it, so the unknown trust names `oidc_providers` alone.
function irsaNestedPlan() {
  const read = JSON.parse(fs.readFileSync(path.join(__dirname, '../modules/irsa-roles.json'), 'utf8'));
  // Named by `name_prefix`: its ARN, and so `role_policy_arns`, is known only after apply.
  const extra = read.resource_changes.find((c) => c.address === 'aws_iam_policy.ebs_extra');
  delete extra.change.after.name;
  extra.change.after.name_prefix = 'ebs-extra-';
  extra.change.after_unknown.name = true;
  const planned = read.planned_values.root_module.resources.find((r) => r.address === 'aws_iam_policy.ebs_extra');
  delete planned.values.name;
  planned.values.name_prefix = 'ebs-extra-';
  const [configured] = read.configuration.root_module.resources;
  configured.expressions = { name_prefix: constant('ebs-extra-'), policy: configured.expressions.policy };
  const from = 'module.ebs_csi.aws_iam_role_policy_attachment.';
  const to = 'module.ebs_csi.module.attachments.aws_iam_role_policy_attachment.';
  const moved = (address) => (address.startsWith(from) ? to + address.slice(from.length) : address);
  for (const change of read.resource_changes) {
    if (!change.address.startsWith(from)) continue;
    change.address = moved(change.address);
    change.module_address = 'module.ebs_csi.module.attachments';
  }
  const ebs = read.planned_values.root_module.child_modules.find((m) => m.address === 'module.ebs_csi');
  const inner = { address: 'module.ebs_csi.module.attachments', resources: [] };
  for (const resource of ebs.resources.filter((r) => r.address.startsWith(from)))
    inner.resources.push({ ...resource, address: moved(resource.address) });
  ebs.resources = ebs.resources.filter((r) => !r.address.startsWith(from));
  ebs.child_modules = [inner];
  const called = read.configuration.root_module.module_calls.ebs_csi.module;
  const [attachment] = called.resources.filter((r) => r.type === 'aws_iam_role_policy_attachment');
  called.resources = called.resources.filter((r) => r !== attachment);
  called.module_calls = {
    attachments: {
      source: './attachments',
      expressions: {
        role: refs('aws_iam_role.this[0].name', 'aws_iam_role.this[0]', 'aws_iam_role.this'),
        policy_arns: refs('var.role_policy_arns'),
      },
      module: {
        resources: [
          {
            ...attachment,
            expressions: { role: refs('var.role'), policy_arn: refs('each.value') },
            for_each_expression: refs('var.policy_arns'),
          },
        ],
        variables: { role: {}, policy_arns: { default: {} } },
      },
    },
  };
  return read;
}

/** `../modules/irsa-roles.json`, read afresh: each variant below changes its own copy. */
const irsaRoles = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../modules/irsa-roles.json'), 'utf8'));

// `../modules/irsa-roles.json` with `ebs_csi` called by a wrapper module, `module.wrap`, which
// passes it `var.oidc_providers` and `var.role_policy_arns` as the root gives them.
function irsaWrappedPlan() {
  const read = irsaRoles();
  const from = 'module.ebs_csi';
  const to = 'module.wrap.module.ebs_csi';
  const moved = (address) =>
    address.startsWith(`${from}.`) || address === from ? to + address.slice(from.length) : address;
  for (const change of read.resource_changes) {
    change.address = moved(change.address);
    if (change.module_address !== undefined) change.module_address = moved(change.module_address);
  }
  const children = read.planned_values.root_module.child_modules;
  const ebs = children.find((m) => m.address === from);
  children[children.indexOf(ebs)] = {
    address: 'module.wrap',
    resources: [],
    child_modules: [
      { ...ebs, address: to, resources: ebs.resources.map((r) => ({ ...r, address: moved(r.address) })) },
    ],
  };
  const calls = read.configuration.root_module.module_calls;
  const call = calls.ebs_csi;
  delete calls.ebs_csi;
  const { oidc_providers, role_policy_arns } = call.expressions;
  calls.wrap = {
    source: './wrap',
    expressions: { oidc_providers, role_policy_arns },
    module: {
      variables: { oidc_providers: {}, role_policy_arns: {} },
      module_calls: {
        ebs_csi: {
          ...call,
          expressions: {
            ...call.expressions,
            oidc_providers: refs('var.oidc_providers'),
            role_policy_arns: refs('var.role_policy_arns'),
          },
        },
      },
    },
  };
  return read;
}

// `../modules/irsa-roles.json` with `ebs_csi` also given `tags = aws_iam_policy.ebs_extra.tags`,
// which the plan shows (`{ team = "storage" }`): not a value only apply knows.
function irsaKnownInputPlan() {
  const read = irsaRoles();
  const tags = { team: 'storage' };
  read.resource_changes.find((c) => c.address === 'aws_iam_policy.ebs_extra').change.after.tags = tags;
  read.planned_values.root_module.resources.find((r) => r.address === 'aws_iam_policy.ebs_extra').values.tags = tags;
  read.configuration.root_module.module_calls.ebs_csi.expressions.tags = refs(
    'aws_iam_policy.ebs_extra.tags',
    'aws_iam_policy.ebs_extra',
  );
  return read;
}

// `../modules/irsa-roles.json` with the trust's condition variables written as plain arguments
// (`variable = var.oidc_providers...`), which the plan shows, rather than in a `dynamic` block.
function irsaShownVariablePlan() {
  const read = irsaRoles();
  const [document] = read.configuration.root_module.module_calls.ebs_csi.module.resources;
  const variable = { variable: refs('var.oidc_providers') };
  document.expressions.statement = [{}, { condition: [variable, variable] }];
  return read;
}

// `../modules/irsa-roles.json` with a call input whose expression is `null`.
function irsaNullInputPlan() {
  const read = irsaRoles();
  read.configuration.root_module.module_calls.ebs_csi.expressions.role_name = null;
  return read;
}

// `../modules/irsa-roles.json` with the EKS module's outputs made maps: `oidc` of the provider's ARN
// (only apply knows it) beside the cluster's name, passed as `oidc_providers`; `cluster` of the
// cluster's name and version (both shown), passed as `tags`.
function irsaMapOutputPlan() {
  const read = irsaRoles();
  const eks = read.configuration.root_module.module_calls.eks.module;
  const cluster = ['aws_eks_cluster.this[0]', 'aws_eks_cluster.this'];
  eks.outputs.oidc = {
    expression: refs(
      'aws_iam_openid_connect_provider.oidc_provider[0].arn',
      'aws_iam_openid_connect_provider.oidc_provider[0]',
      'aws_iam_openid_connect_provider.oidc_provider',
      'aws_eks_cluster.this[0].name',
      ...cluster,
    ),
  };
  eks.outputs.cluster = {
    expression: refs('aws_eks_cluster.this[0].name', 'aws_eks_cluster.this[0].version', ...cluster),
  };
  const call = read.configuration.root_module.module_calls.ebs_csi.expressions;
  call.oidc_providers = refs('module.eks.oidc', 'module.eks');
  call.tags = refs('module.eks.cluster', 'module.eks');
  return read;
}

// `../modules/irsa-roles.json` with the EKS module's output made of a local, as the EKS module
// writes it (`oidc_provider_arn = local.oidc_provider_arn`): the plan never shows a local, so
// nothing says the output is known.
function irsaLocalOutputPlan() {
  const read = irsaRoles();
  read.configuration.root_module.module_calls.eks.module.outputs.oidc_provider_arn = {
    expression: refs('local.oidc_provider_arn'),
  };
  return read;
}

// `irsa-map-output.json` with the provider's ARN in the map `oidc` read through a local
// (`{ arn = local.oidc_arn, cluster = aws_eks_cluster.this[0].name }`).
function irsaMapLocalOutputPlan() {
  const read = irsaMapOutputPlan();
  read.configuration.root_module.module_calls.eks.module.outputs.oidc = {
    expression: refs(
      'local.oidc_arn',
      'aws_eks_cluster.this[0].name',
      'aws_eks_cluster.this[0]',
      'aws_eks_cluster.this',
    ),
  };
  return read;
}

if (require.main === module) {
  const out = (name, value) => fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(value, null, 2)}\n`);
  out('oidc-roles.json', oidcRolePlan());
  out('group-with-policies.json', groupPlan());
  out('eks-node-group.json', nodeGroupPlan());
  out('bucket-attach-policy.json', bucketPlan());
  out('cloudposse-role.json', cloudposseRolePlan());
  out('irsa-broad-subject.json', irsaBroadPlan());
  out('irsa-nested-attachments.json', irsaNestedPlan());
  out('irsa-wrapped.json', irsaWrappedPlan());
  out('irsa-known-input.json', irsaKnownInputPlan());
  out('irsa-shown-variable.json', irsaShownVariablePlan());
  out('irsa-null-input.json', irsaNullInputPlan());
  out('irsa-map-output.json', irsaMapOutputPlan());
  out('irsa-local-output.json', irsaLocalOutputPlan());
  out('irsa-map-local-output.json', irsaMapLocalOutputPlan());
}
