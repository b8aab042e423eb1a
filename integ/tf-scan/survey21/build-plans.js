/**
 * Writes the plans of this folder (`node integ/tf-scan/survey21/build-plans.js`): IAM idioms as
 * Terraform users write them (terraform-aws-modules/iam v5 and v6 submodules, EKS Pod Identity and
 * access entries, Lambda permissions and function URLs, bucket, key, topic and queue policies,
 * update plans), laid out by `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const ORG = 'o-a1b2c3d4e5';
const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const iamArn = (kind, name, path = '/') => `arn:aws:iam::${ACCOUNT}:${kind}${path}${name}`;
const managed = (name) => `arn:aws:iam::aws:policy/${name}`;
const allow = (Action, Resource, extra = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const trust = (Principal, Action = 'sts:AssumeRole', extra = {}) =>
  policy({ Effect: 'Allow', Principal, Action, ...extra });

/** A role as the provider shows it once created (`arn`, `id`, `unique_id` only after apply when new). */
function role(name, assume, extra = {}) {
  return {
    name,
    path: '/',
    assume_role_policy: assume,
    description: '',
    force_detach_policies: true,
    max_session_duration: 3600,
    permissions_boundary: null,
    tags: {},
    tags_all: {},
    arn: iamArn('role', name),
    id: name,
    ...extra,
  };
}
const ROLE_UNKNOWN = ['arn', 'id', 'unique_id', 'create_date', 'inline_policy', 'managed_policy_arns'];

/** A role policy attachment over `for_each` (terraform-aws-modules v6 `policies` map, v5 `count` lists). */
function attach(e, address, roleName, policyArn, extra) {
  e.create(
    address,
    { role: roleName, policy_arn: policyArn },
    { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('each.value') },
    { unknown: ['id'], ...extra },
  );
}

const plans = {};

// ---------------------------------------------------------------------------------------------
// 1. terraform-aws-modules/iam v5 and v6 submodules as their callers use them
{
  const e = new Estate('1.9.8');
  const gh = 'token.actions.githubusercontent.com';
  const ghProvider = iamArn('oidc-provider', gh);
  const issuer = `oidc.eks.${REGION}.amazonaws.com/id/5C3F0E2B7A9D41E6B8C1A2D3E4F50617`;
  const eksProvider = iamArn('oidc-provider', issuer);

  // v5 iam-assumable-role: trusted_role_services, role_requires_mfa = false, custom_role_policy_arns
  e.module('ec2_role', { source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role' });
  e.create(
    'module.ec2_role.aws_iam_role.this[0]',
    role(
      'bastion',
      trust({ Service: ['ec2.amazonaws.com', 'ssm.amazonaws.com'] }, ['sts:AssumeRole', 'sts:TagSession']),
    ),
    { name: ref('var.role_name'), assume_role_policy: ref('data.aws_iam_policy_document.assume_role', 'json') },
    { unknown: ROLE_UNKNOWN, count: ref('var.create_role') },
  );
  for (const [i, policyArn] of [
    managed('AmazonSSMManagedInstanceCore'),
    managed('CloudWatchAgentServerPolicy'),
  ].entries())
    e.create(
      `module.ec2_role.aws_iam_role_policy_attachment.custom[${i}]`,
      { role: 'bastion', policy_arn: policyArn },
      {
        role: ref('aws_iam_role.this[0]', 'name'),
        policy_arn: ref('var.custom_role_policy_arns'),
      },
      { unknown: ['id'], count: ref('var.custom_role_policy_arns') },
    );
  e.create(
    'module.ec2_role.aws_iam_instance_profile.this[0]',
    { name: 'bastion', path: '/', role: 'bastion', tags: {} },
    { name: ref('var.role_name'), role: ref('aws_iam_role.this[0]', 'name') },
    { unknown: ['arn', 'id', 'unique_id', 'create_date', 'tags_all'], count: ref('var.create_instance_profile') },
  );

  // v6 iam-role: trust_policy_permissions map, policies map, inline policy of one table
  e.module('lambda_role', {
    source: 'terraform-aws-modules/iam/aws//modules/iam-role',
    outputs: { name: ref('aws_iam_role.this[0]', 'name') },
  });
  e.create(
    'module.lambda_role.aws_iam_role.this[0]',
    role('orders-fn', trust({ Service: 'lambda.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession'])),
    { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
    { unknown: ROLE_UNKNOWN, count: ref('var.create') },
  );
  attach(
    e,
    'module.lambda_role.aws_iam_role_policy_attachment.this["AWSLambdaBasicExecutionRole"]',
    'orders-fn',
    managed('service-role/AWSLambdaBasicExecutionRole'),
    { forEach: ref('var.policies') },
  );
  e.create(
    'module.lambda_role.aws_iam_role_policy.this[0]',
    {
      name: 'orders-fn',
      role: 'orders-fn',
      policy: policy(
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], [arn('dynamodb', 'table/orders')]),
      ),
    },
    { role: ref('aws_iam_role.this[0]', 'name'), policy: ref('data.aws_iam_policy_document.inline[0]', 'json') },
    { unknown: ['id'], count: ref('var.create_inline_policy') },
  );

  // v5 iam-role-for-service-accounts-eks: oidc_providers, one service account, external-dns policy
  e.module('external_dns_irsa', { source: 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks' });
  e.create(
    'module.external_dns_irsa.aws_iam_role.this[0]',
    role(
      'external-dns',
      trust({ Federated: eksProvider }, 'sts:AssumeRoleWithWebIdentity', {
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: 'system:serviceaccount:kube-system:external-dns',
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      }),
    ),
    { name: ref('var.role_name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
    { unknown: ROLE_UNKNOWN, count: ref('var.create_role') },
  );
  e.create(
    'module.external_dns_irsa.aws_iam_policy.external_dns[0]',
    {
      name_prefix: 'AmazonEKS_External_DNS_Policy-',
      path: '/',
      description: 'External DNS policy to allow management of Route53 hosted zone records',
      policy: policy(
        allow('route53:ChangeResourceRecordSets', ['arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ']),
        allow(['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'], ['*']),
      ),
      tags: {},
    },
    { policy: ref('data.aws_iam_policy_document.external_dns[0]', 'json') },
    {
      unknown: ['arn', 'id', 'name', 'policy_id', 'attachment_count', 'tags_all'],
      count: ref('var.attach_external_dns_policy'),
    },
  );
  e.create(
    'module.external_dns_irsa.aws_iam_role_policy_attachment.external_dns[0]',
    { role: 'external-dns' },
    { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('aws_iam_policy.external_dns[0]', 'arn') },
    { unknown: ['id', 'policy_arn'], count: ref('var.attach_external_dns_policy') },
  );

  // v6 iam-role-for-service-accounts: two service accounts in one StringEquals list, and a
  // caller who set `assume_role_condition_test = "StringLike"` with `*:*` (every service account)
  for (const [key, test, subjects] of [
    ['ebs_csi_irsa', 'StringEquals', ['kube-system:ebs-csi-controller-sa', 'kube-system:ebs-csi-node-sa']],
    ['any_sa_irsa', 'StringLike', ['*:*']],
  ]) {
    e.module(key, { source: 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts' });
    const name = key.replace(/_/g, '-');
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(
        name,
        trust({ Federated: eksProvider }, 'sts:AssumeRoleWithWebIdentity', {
          // the module writes both conditions with the test given: one block when it is StringEquals
          Condition: {
            ...(test === 'StringEquals' ? {} : { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } }),
            [test]: {
              [`${issuer}:sub`]: subjects.map((s) => `system:serviceaccount:${s}`),
              ...(test === 'StringEquals' ? { [`${issuer}:aud`]: 'sts.amazonaws.com' } : {}),
            },
          },
        }),
      ),
      { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
      { unknown: ROLE_UNKNOWN, count: ref('var.create') },
    );
    attach(
      e,
      `module.${key}.aws_iam_role_policy_attachment.this["AmazonEBSCSIDriverPolicy"]`,
      name,
      managed('service-role/AmazonEBSCSIDriverPolicy'),
      { forEach: ref('var.policies') },
    );
  }

  // v5 iam-github-oidc-role: `subjects` prefixed with `repo:` under StringLike, audience by StringEquals
  for (const [key, subjects, policyArn] of [
    ['gha_release', ['acme/app:ref:refs/heads/main', 'acme/app:ref:refs/tags/v*'], null],
    ['gha_any_ref', ['acme/app:ref:refs/heads/main', 'acme/app:*'], null],
    ['gha_org', ['acme/*:ref:refs/heads/main'], managed('ReadOnlyAccess')],
  ]) {
    e.module(key, {
      source: 'terraform-aws-modules/iam/aws//modules/iam-github-oidc-role',
      outputs: { name: ref('aws_iam_role.this[0]', 'name') },
    });
    const name = key.replace(/_/g, '-');
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(
        name,
        trust({ Federated: ghProvider }, 'sts:AssumeRoleWithWebIdentity', {
          Condition: {
            StringLike: { [`${gh}:sub`]: subjects.map((s) => `repo:${s}`) },
            StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' },
          },
        }),
      ),
      { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
      { unknown: ROLE_UNKNOWN, count: ref('var.create') },
    );
    if (policyArn !== null)
      e.create(
        `module.${key}.aws_iam_role_policy_attachment.this["ReadOnlyAccess"]`,
        { role: name, policy_arn: policyArn },
        { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('each.value') },
        { unknown: ['id'], forEach: ref('var.policies') },
      );
  }
  // the deploy policy the release role gets, written by the caller: one bucket, one distribution
  e.create(
    'aws_iam_role_policy.gha_release_deploy',
    {
      name: 'deploy',
      role: 'gha-release',
      policy: policy(
        allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-site/*'),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-site'),
        allow('cloudfront:CreateInvalidation', `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567`),
      ),
    },
    { name: constant('deploy'), role: ref('module.gha_release.name'), policy: LITERAL },
    { unknown: ['id'] },
  );

  // v5 iam-policy: a `policy` string from the caller, attached to the Lambda role by `module.x.arn`
  for (const [key, statements] of [
    ['reports_policy', [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-reports/*')]],
    ['ops_policy', [allow(['ec2:*', 's3:*'], '*')]],
  ]) {
    e.module(key, {
      source: 'terraform-aws-modules/iam/aws//modules/iam-policy',
      outputs: { arn: ref('aws_iam_policy.policy[0]', 'arn') },
    });
    e.create(
      `module.${key}.aws_iam_policy.policy[0]`,
      { name: key.replace(/_/g, '-'), path: '/', description: 'IAM Policy', policy: policy(...statements), tags: {} },
      { name: ref('var.name'), policy: ref('var.policy') },
      { unknown: ['arn', 'id', 'policy_id', 'attachment_count', 'tags_all'], count: ref('var.create_policy') },
    );
    e.create(
      `aws_iam_role_policy_attachment.${key}`,
      { role: 'orders-fn' },
      { role: ref('module.lambda_role.name'), policy_arn: ref(`module.${key}.arn`) },
      { unknown: ['id', 'policy_arn'] },
    );
  }

  // v5 iam-group-with-policies: the self-management policy on `${aws:username}`, AdministratorAccess by ARN
  e.module('admins', { source: 'terraform-aws-modules/iam/aws//modules/iam-group-with-policies' });
  e.create(
    'module.admins.aws_iam_group.this[0]',
    { name: 'admins', path: '/' },
    { name: ref('var.name') },
    { unknown: ['arn', 'id', 'unique_id'], count: ref('var.create_group') },
  );
  e.create(
    'module.admins.aws_iam_group_membership.this[0]',
    { name: 'admins', group: 'admins', users: ['alice', 'bob'] },
    { name: ref('var.name'), group: ref('aws_iam_group.this[0]', 'id'), users: ref('var.group_users') },
    { unknown: ['id', 'group'], count: ref('var.group_users') },
  );
  const self = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
  e.create(
    'module.admins.aws_iam_policy.iam_self_management[0]',
    {
      name_prefix: 'IAMSelfManagement-',
      path: '/',
      description: '',
      policy: policy(
        allow(
          ['iam:ListUsers', 'iam:ListVirtualMFADevices', 'iam:GetAccountPasswordPolicy', 'iam:GetAccountSummary'],
          '*',
          {
            Sid: 'AllowListUsersAndMFA',
          },
        ),
        allow(
          [
            'iam:ChangePassword',
            'iam:CreateAccessKey',
            'iam:CreateLoginProfile',
            'iam:DeleteAccessKey',
            'iam:DeleteLoginProfile',
            'iam:GetLoginProfile',
            'iam:GetUser',
            'iam:ListAccessKeys',
            'iam:UpdateAccessKey',
            'iam:UpdateLoginProfile',
            'iam:UploadSSHPublicKey',
            'iam:ListSSHPublicKeys',
          ],
          self,
          { Sid: 'AllowSelfManagement' },
        ),
        allow(
          ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
          `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`,
          { Sid: 'AllowOwnVirtualMFADevice' },
        ),
        allow(['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], self, {
          Sid: 'AllowManageOwnMFA',
        }),
      ),
      tags: {},
    },
    { policy: ref('data.aws_iam_policy_document.iam_self_management', 'json') },
    {
      unknown: ['arn', 'id', 'name', 'policy_id', 'attachment_count', 'tags_all'],
      count: ref('var.attach_iam_self_management_policy'),
    },
  );
  e.create(
    'module.admins.aws_iam_group_policy_attachment.iam_self_management[0]',
    { group: 'admins' },
    { group: ref('aws_iam_group.this[0]', 'id'), policy_arn: ref('aws_iam_policy.iam_self_management[0]', 'arn') },
    { unknown: ['id', 'group', 'policy_arn'], count: ref('var.attach_iam_self_management_policy') },
  );
  e.create(
    'module.admins.aws_iam_group_policy_attachment.custom_arns[0]',
    { group: 'admins', policy_arn: managed('AdministratorAccess') },
    { group: ref('aws_iam_group.this[0]', 'id'), policy_arn: ref('var.custom_group_policy_arns') },
    { unknown: ['id', 'group'], count: ref('var.custom_group_policy_arns') },
  );
  plans['iam-modules.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 2. EKS Pod Identity and access entries
{
  const e = new Estate('1.10.2');
  const pods = trust({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']);
  e.keep(
    'aws_eks_cluster.main',
    {
      name: 'platform',
      arn: arn('eks', 'cluster/platform'),
      id: 'platform',
      role_arn: iamArn('role', 'platform-cluster'),
      access_config: [{ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false }],
      tags: {},
      tags_all: {},
    },
    { name: constant('platform'), role_arn: constant(iamArn('role', 'platform-cluster')) },
  );
  // a pod role of its own, and one of terraform-aws-modules/eks-pod-identity
  e.create(
    'aws_iam_role.orders_pod',
    role('orders-pod', pods),
    { name: constant('orders-pod'), assume_role_policy: ref('data.aws_iam_policy_document.pods', 'json') },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_role_policy.orders_pod',
    {
      name: 'orders',
      role: 'orders-pod',
      policy: policy(
        allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], arn('sqs', 'orders')),
        allow('secretsmanager:GetSecretValue', arn('secretsmanager', 'secret:orders/db-AbCdEf')),
      ),
    },
    { role: ref('aws_iam_role.orders_pod', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  e.create(
    'aws_eks_pod_identity_association.orders',
    { cluster_name: 'platform', namespace: 'orders', service_account: 'orders-api', tags: {} },
    {
      cluster_name: ref('aws_eks_cluster.main', 'name'),
      namespace: constant('orders'),
      service_account: constant('orders-api'),
      role_arn: ref('aws_iam_role.orders_pod', 'arn'),
    },
    { unknown: ['id', 'association_arn', 'association_id', 'role_arn', 'tags_all'] },
  );
  e.module('karpenter_pod_identity', { source: 'terraform-aws-modules/eks-pod-identity/aws' });
  e.create(
    'module.karpenter_pod_identity.aws_iam_role.this[0]',
    role('karpenter', pods),
    { assume_role_policy: ref('data.aws_iam_policy_document.assume[0]', 'json') },
    { unknown: ROLE_UNKNOWN, count: ref('var.create') },
  );
  e.create(
    'module.karpenter_pod_identity.aws_eks_pod_identity_association.this["karpenter"]',
    { cluster_name: 'platform', namespace: 'kube-system', service_account: 'karpenter', tags: {} },
    {
      cluster_name: ref('each.value.cluster_name'),
      namespace: ref('each.value.namespace'),
      service_account: ref('each.value.service_account'),
      role_arn: ref('aws_iam_role.this[0]', 'arn'),
    },
    {
      unknown: ['id', 'association_arn', 'association_id', 'role_arn', 'tags_all'],
      forEach: ref('local.associations'),
    },
  );
  // access entries: the CI deploy role of this account as cluster admin, a viewer group,
  // and an operator role of a partner account as cluster admin
  const entry = (key, principal, extra = {}) =>
    e.create(
      `aws_eks_access_entry.${key}`,
      {
        cluster_name: 'platform',
        principal_arn: principal,
        type: 'STANDARD',
        kubernetes_groups: [],
        tags: {},
        ...extra,
      },
      {
        cluster_name: ref('aws_eks_cluster.main', 'name'),
        principal_arn: constant(principal),
        ...(extra.kubernetes_groups === undefined ? {} : { kubernetes_groups: constant(extra.kubernetes_groups) }),
      },
      { unknown: ['id', 'access_entry_arn', 'created_at', 'modified_at', 'user_name', 'tags_all'] },
    );
  const association = (key, principal, policyName, scope = { type: 'cluster', namespaces: [] }) =>
    e.create(
      `aws_eks_access_policy_association.${key}`,
      {
        cluster_name: 'platform',
        principal_arn: principal,
        policy_arn: `arn:aws:eks::aws:cluster-access-policy/${policyName}`,
        access_scope: [scope],
      },
      {
        cluster_name: ref('aws_eks_cluster.main', 'name'),
        principal_arn: ref(`aws_eks_access_entry.${key}`, 'principal_arn'),
        policy_arn: constant(`arn:aws:eks::aws:cluster-access-policy/${policyName}`),
        access_scope: [{ type: constant(scope.type), namespaces: constant(scope.namespaces) }],
      },
      { unknown: ['id', 'associated_at', 'modified_at'] },
    );
  // a platform admin role of the plan, its association naming the entry's `principal_arn` (only
  // apply knows it: the role's ARN) as the provider's example does
  e.create(
    'aws_iam_role.platform_admin',
    role(
      'platform-admin',
      trust({
        AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${REGION}/AWSReservedSSO_PlatformAdmin_0123456789abcdef`,
      }),
    ),
    { name: constant('platform-admin'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_eks_access_entry.platform_admin',
    { cluster_name: 'platform', type: 'STANDARD', kubernetes_groups: [], tags: {} },
    { cluster_name: ref('aws_eks_cluster.main', 'name'), principal_arn: ref('aws_iam_role.platform_admin', 'arn') },
    { unknown: ['id', 'access_entry_arn', 'created_at', 'modified_at', 'user_name', 'tags_all', 'principal_arn'] },
  );
  e.create(
    'aws_eks_access_policy_association.platform_admin',
    {
      cluster_name: 'platform',
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: [{ type: 'cluster', namespaces: [] }],
    },
    {
      cluster_name: ref('aws_eks_cluster.main', 'name'),
      principal_arn: ref('aws_eks_access_entry.platform_admin', 'principal_arn'),
      policy_arn: constant('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'),
      access_scope: [{ type: constant('cluster'), namespaces: constant([]) }],
    },
    { unknown: ['id', 'associated_at', 'modified_at', 'principal_arn'] },
  );
  entry('ci', iamArn('role', 'gha-infra-apply'));
  association('ci', iamArn('role', 'gha-infra-apply'), 'AmazonEKSClusterAdminPolicy');
  entry('viewers', iamArn('role', 'platform-viewers'), { kubernetes_groups: ['platform-viewers'] });
  entry('partner_ops', `arn:aws:iam::${PARTNER}:role/eks-operator`);
  association('partner_ops', `arn:aws:iam::${PARTNER}:role/eks-operator`, 'AmazonEKSClusterAdminPolicy');
  plans['eks-access.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 3. Lambda permissions (terraform-aws-modules/lambda `allowed_triggers` and by hand) and function URLs
{
  const e = new Estate('1.9.8');
  e.module('api_fn', {
    source: 'terraform-aws-modules/lambda/aws',
    outputs: { lambda_function_name: ref('aws_lambda_function.this[0]', 'function_name') },
  });
  e.create(
    'module.api_fn.aws_lambda_function.this[0]',
    { function_name: 'orders-api', runtime: 'python3.12', handler: 'app.handler', role: iamArn('role', 'orders-api') },
    { function_name: ref('var.function_name'), role: ref('local.role_arn') },
    { unknown: ['arn', 'id', 'invoke_arn', 'qualified_arn', 'version'], count: ref('local.create') },
  );
  const permission = (address, values, config, extra = {}) =>
    e.create(
      address,
      { action: 'lambda:InvokeFunction', statement_id_prefix: null, qualifier: null, ...values },
      config,
      {
        unknown: ['id', 'statement_id', ...(extra.unknown ?? [])],
        ...(extra.forEach ? { forEach: extra.forEach } : {}),
      },
    );
  const fnConfig = { function_name: ref('aws_lambda_function.this[0]', 'function_name') };
  // allowed_triggers: API Gateway by the API's execution ARN, EventBridge by its rule, SNS without source_arn
  permission(
    'module.api_fn.aws_lambda_permission.triggers["APIGateway"]',
    {
      function_name: 'orders-api',
      principal: 'apigateway.amazonaws.com',
      source_arn: null,
      statement_id: 'APIGateway',
    },
    { ...fnConfig, principal: ref('each.value.principal'), source_arn: ref('each.value.source_arn') },
    { unknown: ['source_arn'], forEach: ref('local.allowed_triggers') },
  );
  permission(
    'module.api_fn.aws_lambda_permission.triggers["Nightly"]',
    {
      function_name: 'orders-api',
      principal: 'events.amazonaws.com',
      source_arn: arn('events', 'rule/orders-nightly'),
      statement_id: 'Nightly',
    },
    {},
  );
  permission(
    'module.api_fn.aws_lambda_permission.triggers["Alerts"]',
    { function_name: 'orders-api', principal: 'sns.amazonaws.com', statement_id: 'Alerts' },
    {},
  );
  e.create(
    'aws_apigatewayv2_api.orders',
    { name: 'orders', protocol_type: 'HTTP' },
    { name: constant('orders'), protocol_type: constant('HTTP') },
    { unknown: ['id', 'arn', 'execution_arn', 'api_endpoint'] },
  );
  // by hand: S3 notifications with source_arn and source_account, EventBridge without source_arn,
  // CloudWatch Logs subscription with the log group's ARN
  permission(
    'aws_lambda_permission.uploads',
    {
      function_name: 'orders-api',
      principal: 's3.amazonaws.com',
      source_arn: 'arn:aws:s3:::acme-uploads',
      source_account: ACCOUNT,
      statement_id: 'AllowS3',
    },
    {
      function_name: ref('module.api_fn.lambda_function_name'),
      principal: constant('s3.amazonaws.com'),
      source_arn: constant('arn:aws:s3:::acme-uploads'),
      source_account: ref('data.aws_caller_identity.current', 'account_id'),
      statement_id: constant('AllowS3'),
    },
  );
  permission(
    'aws_lambda_permission.any_rule',
    { function_name: 'orders-api', principal: 'events.amazonaws.com', statement_id: 'AllowEvents' },
    {
      function_name: ref('module.api_fn.lambda_function_name'),
      principal: constant('events.amazonaws.com'),
      statement_id: constant('AllowEvents'),
    },
  );
  permission(
    'aws_lambda_permission.logs',
    {
      function_name: 'orders-api',
      principal: 'logs.amazonaws.com',
      source_arn: `${arn('logs', 'log-group:/aws/ecs/orders')}:*`,
      statement_id: 'AllowLogs',
    },
    {
      function_name: ref('module.api_fn.lambda_function_name'),
      principal: constant('logs.amazonaws.com'),
      source_arn: constant(`${arn('logs', 'log-group:/aws/ecs/orders')}:*`),
      statement_id: constant('AllowLogs'),
    },
  );
  // function URLs: IAM-authenticated, and a public webhook (`authorization_type = "NONE"`) with the
  // two permissions a public URL needs since October 2025: InvokeFunctionUrl with the auth type,
  // InvokeFunction only through the URL (`invoked_via_function_url = true`)
  e.create(
    'aws_lambda_function_url.internal',
    { function_name: 'orders-api', authorization_type: 'AWS_IAM', qualifier: null, cors: [] },
    { function_name: ref('module.api_fn.lambda_function_name'), authorization_type: constant('AWS_IAM') },
    { unknown: ['id', 'function_arn', 'function_url', 'url_id'] },
  );
  e.create(
    'aws_lambda_function.webhook',
    { function_name: 'webhook', runtime: 'python3.12', handler: 'app.handler', role: iamArn('role', 'orders-api') },
    { function_name: constant('webhook'), role: constant(iamArn('role', 'orders-api')) },
    { unknown: ['arn', 'id', 'invoke_arn', 'qualified_arn', 'version'] },
  );
  e.create(
    'aws_lambda_function_url.webhook',
    { function_name: 'webhook', authorization_type: 'NONE', qualifier: null, cors: [] },
    { function_name: ref('aws_lambda_function.webhook', 'function_name'), authorization_type: constant('NONE') },
    { unknown: ['id', 'function_arn', 'function_url', 'url_id'] },
  );
  permission(
    'aws_lambda_permission.webhook_url',
    {
      function_name: 'webhook',
      principal: '*',
      action: 'lambda:InvokeFunctionUrl',
      function_url_auth_type: 'NONE',
      statement_id: 'FunctionURLAllowPublicAccess',
    },
    {
      function_name: ref('aws_lambda_function.webhook', 'function_name'),
      principal: constant('*'),
      action: constant('lambda:InvokeFunctionUrl'),
      function_url_auth_type: constant('NONE'),
      statement_id: constant('FunctionURLAllowPublicAccess'),
    },
  );
  permission(
    'aws_lambda_permission.webhook_invoke',
    {
      function_name: 'webhook',
      principal: '*',
      action: 'lambda:InvokeFunction',
      invoked_via_function_url: true,
      statement_id: 'FunctionURLAllowInvokeAction',
    },
    {
      function_name: ref('aws_lambda_function.webhook', 'function_name'),
      principal: constant('*'),
      action: constant('lambda:InvokeFunction'),
      invoked_via_function_url: constant(true),
      statement_id: constant('FunctionURLAllowInvokeAction'),
    },
  );
  // another account of the organization may invoke through the IAM-authenticated URL only
  permission(
    'aws_lambda_permission.partner_url',
    {
      function_name: 'orders-api',
      principal: PARTNER,
      action: 'lambda:InvokeFunction',
      invoked_via_function_url: true,
      statement_id: 'PartnerViaUrl',
    },
    {
      function_name: ref('module.api_fn.lambda_function_name'),
      principal: constant(PARTNER),
      action: constant('lambda:InvokeFunction'),
      invoked_via_function_url: constant(true),
      statement_id: constant('PartnerViaUrl'),
    },
  );
  // an ALB target group invokes the function (its ARN known after apply)
  e.create(
    'aws_lb_target_group.api',
    { name: 'orders-api', target_type: 'lambda' },
    { name: constant('orders-api'), target_type: constant('lambda') },
    { unknown: ['arn', 'id', 'arn_suffix'] },
  );
  permission(
    'aws_lambda_permission.alb',
    {
      function_name: 'orders-api',
      principal: 'elasticloadbalancing.amazonaws.com',
      statement_id: 'AllowALB',
      source_arn: null,
    },
    {
      function_name: ref('module.api_fn.lambda_function_name'),
      principal: constant('elasticloadbalancing.amazonaws.com'),
      source_arn: ref('aws_lb_target_group.api', 'arn'),
      statement_id: constant('AllowALB'),
    },
    { unknown: ['source_arn'] },
  );
  plans['lambda-permissions.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 4. Bucket, key, topic and queue policies
{
  const e = new Estate('1.9.8');
  const bucket = 'acme-site';
  const distribution = `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567`;
  // CloudFront OAC with the distribution's ARN, and a deny of insecure transport
  e.create(
    'aws_s3_bucket_policy.site',
    {
      bucket,
      policy: policy(
        {
          Sid: 'AllowCloudFrontServicePrincipal',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${bucket}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distribution } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ),
    },
    { bucket: constant(bucket), policy: ref('data.aws_iam_policy_document.site', 'json') },
    { unknown: ['id'] },
  );
  // ELB access logs: the regional ELB account (eu-west-1) as regions before August 2022 document,
  // and the log delivery service principal of newer regions
  const logs = 'acme-alb-logs';
  e.create(
    'aws_s3_bucket_policy.alb_logs',
    {
      bucket: logs,
      policy: policy(
        allow('s3:PutObject', `arn:aws:s3:::${logs}/alb/AWSLogs/${ACCOUNT}/*`, {
          Sid: 'ElbAccount',
          Principal: { AWS: 'arn:aws:iam::156460612806:root' },
        }),
        allow('s3:PutObject', `arn:aws:s3:::${logs}/alb/AWSLogs/${ACCOUNT}/*`, {
          Sid: 'LogDelivery',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        }),
      ),
    },
    { bucket: constant(logs), policy: ref('data.aws_iam_policy_document.alb_logs', 'json') },
    { unknown: ['id'] },
  );
  // a bucket readable only through the VPC endpoint, and by the organization
  e.create(
    'aws_s3_bucket_policy.artifacts',
    {
      bucket: 'acme-artifacts',
      policy: policy(
        allow('s3:GetObject', 'arn:aws:s3:::acme-artifacts/*', {
          Sid: 'OrgRead',
          Principal: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        }),
      ),
    },
    { bucket: constant('acme-artifacts'), policy: ref('data.aws_iam_policy_document.artifacts', 'json') },
    { unknown: ['id'] },
  );
  // KMS key policy of the shape the console writes by default
  const admins = iamArn('role', 'KeyAdmins');
  const users = [iamArn('role', 'orders-api'), iamArn('role', 'reports')];
  e.create(
    'aws_kms_key.data',
    {
      description: 'orders data',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Id: 'key-consolepolicy-3',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'Allow access for Key Administrators',
            Effect: 'Allow',
            Principal: { AWS: admins },
            Action: [
              'kms:Create*',
              'kms:Describe*',
              'kms:Enable*',
              'kms:List*',
              'kms:Put*',
              'kms:Update*',
              'kms:Revoke*',
              'kms:Disable*',
              'kms:Get*',
              'kms:Delete*',
              'kms:TagResource',
              'kms:UntagResource',
              'kms:ScheduleKeyDeletion',
              'kms:CancelKeyDeletion',
              'kms:RotateKeyOnDemand',
            ],
            Resource: '*',
          },
          {
            Sid: 'Allow use of the key',
            Effect: 'Allow',
            Principal: { AWS: users },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: '*',
          },
          {
            Sid: 'Allow attachment of persistent resources',
            Effect: 'Allow',
            Principal: { AWS: users },
            Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
            Resource: '*',
            Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          },
        ],
      }),
      tags: {},
    },
    { description: constant('orders data'), policy: LITERAL },
    { unknown: ['arn', 'id', 'key_id', 'tags_all'] },
  );
  // SNS: S3 event notifications by bucket ARN and account, CloudWatch alarms of the account
  e.create(
    'aws_sns_topic_policy.uploads',
    {
      arn: arn('sns', 'uploads'),
      policy: policy(
        allow('SNS:Publish', arn('sns', 'uploads'), {
          Sid: 'S3Events',
          Principal: { Service: 's3.amazonaws.com' },
          Condition: {
            ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' },
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
          },
        }),
        allow('SNS:Publish', arn('sns', 'uploads'), {
          Sid: 'Alarms',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': arn('cloudwatch', 'alarm:*') } },
        }),
      ),
    },
    { arn: constant(arn('sns', 'uploads')), policy: ref('data.aws_iam_policy_document.uploads', 'json') },
    { unknown: ['id', 'owner'] },
  );
  // SQS: an EventBridge rule by ARN; and the same queue shape without any source (the risk)
  for (const [key, guarded] of [
    ['orders', true],
    ['unguarded', false],
  ])
    e.create(
      `aws_sqs_queue_policy.${key}`,
      {
        queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${key}`,
        policy: policy(
          allow('sqs:SendMessage', arn('sqs', key), {
            Sid: 'EventBridge',
            Principal: { Service: 'events.amazonaws.com' },
            ...(guarded ? { Condition: { ArnEquals: { 'aws:SourceArn': arn('events', 'rule/orders-created') } } } : {}),
          }),
        ),
      },
      { queue_url: constant(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${key}`), policy: LITERAL },
      { unknown: ['id'] },
    );
  // a key any principal of the account may use through EBS only (the shape of the AWS managed
  // `aws/ebs` key policy, copied for a customer managed key)
  e.create(
    'aws_kms_key.ebs',
    {
      description: 'ebs default',
      enable_key_rotation: true,
      policy: policy(
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:CreateGrant',
            'kms:DescribeKey',
          ],
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `ec2.${REGION}.amazonaws.com` },
          },
        },
      ),
      tags: {},
    },
    { description: constant('ebs default'), policy: LITERAL },
    { unknown: ['arn', 'id', 'key_id', 'tags_all'] },
  );
  // a bucket any principal may read through one VPC endpoint only
  e.create(
    'aws_s3_bucket_policy.internal',
    {
      bucket: 'acme-internal',
      policy: policy(
        allow('s3:GetObject', 'arn:aws:s3:::acme-internal/*', {
          Sid: 'ThroughEndpoint',
          Principal: '*',
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } },
        }),
      ),
    },
    { bucket: constant('acme-internal'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // S3 event notifications to a queue, written as older guides do: `Principal: "*"` and the bucket's ARN
  e.create(
    'aws_sqs_queue_policy.uploads',
    {
      queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/uploads`,
      policy: policy(
        allow('sqs:SendMessage', arn('sqs', 'uploads'), {
          Principal: '*',
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } },
        }),
      ),
    },
    { queue_url: constant(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/uploads`), policy: LITERAL },
    { unknown: ['id'] },
  );
  plans['resource-policies.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 5. aws_iam_policy_document: `dynamic "statement"` over a map, sources and overrides, `principals "*"`
{
  const e = new Estate('1.10.2');
  /** A statement of a data source as the plan shows it (`resources` null where only apply knows them). */
  const stmt = (sid, effect, actions, resources, extra = {}) => ({
    sid,
    effect,
    actions,
    not_actions: null,
    resources,
    not_resources: null,
    principals: [],
    not_principals: [],
    condition: [],
    ...extra,
  });
  const document = (address, after, unknownTree, config) =>
    e.resource(address, {
      actions: ['read'],
      after: {
        override_policy_documents: null,
        source_policy_documents: null,
        policy_id: null,
        version: null,
        ...after,
      },
      unknownTree: { id: true, json: true, minified_json: true, ...unknownTree },
      reason: 'read_because_config_unknown',
      config,
    });
  for (const name of ['reports', 'exports'])
    e.create(
      `aws_s3_bucket.data["${name}"]`,
      { bucket_prefix: `${name}-`, force_destroy: false, tags: {} },
      { bucket_prefix: ref('each.key') },
      { unknown: ['id', 'arn', 'bucket', 'bucket_domain_name', 'tags_all'], forEach: ref('var.buckets') },
    );
  // dynamic "statement" { for_each = var.grants }: one statement per grant, on a bucket of the plan;
  // the configuration shows no `statement` block (a dynamic block is not expanded there)
  for (const [key, grants] of [
    [
      'app',
      [
        ['exports', ['s3:GetObject', 's3:PutObject']],
        ['reports', ['s3:GetObject']],
      ],
    ],
    [
      'etl',
      [
        ['exports', ['s3:*']],
        ['reports', ['s3:GetObject']],
      ],
    ],
  ]) {
    document(
      `data.aws_iam_policy_document.${key}`,
      { statement: grants.map(([bucket, actions]) => stmt(bucket, 'Allow', actions, [null])) },
      { statement: grants.map(() => ({ resources: [true] })) },
      {},
    );
    e.create(
      `aws_iam_role.${key}`,
      role(key, trust({ Service: 'ecs-tasks.amazonaws.com' })),
      { name: constant(key), assume_role_policy: LITERAL },
      { unknown: ROLE_UNKNOWN },
    );
    e.create(
      `aws_iam_role_policy.${key}`,
      { name: key, role: key },
      { role: ref(`aws_iam_role.${key}`, 'id'), policy: ref(`data.aws_iam_policy_document.${key}`, 'json') },
      { unknown: ['id', 'policy'] },
    );
  }
  // source_policy_documents (a broad baseline written by a platform team, read at plan time) whose
  // `Write` statement the document's own statement of that Sid replaces, then an override appended
  e.data(
    'data.aws_iam_policy_document.baseline',
    {
      id: '2210984577',
      json: policy(
        allow('s3:*', '*', { Sid: 'Write' }),
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', 'log-group:/ecs/*')),
      ),
    },
    {},
  );
  document(
    'data.aws_iam_policy_document.worker',
    {
      statement: [stmt('Write', 'Allow', ['s3:PutObject'], [null])],
      source_policy_documents: [
        policy(
          allow('s3:*', '*', { Sid: 'Write' }),
          allow(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', 'log-group:/ecs/*')),
        ),
      ],
    },
    { statement: [{ resources: [true] }], source_policy_documents: [false] },
    {
      source_policy_documents: ref('data.aws_iam_policy_document.baseline', 'json'),
      statement: [
        { sid: constant('Write'), actions: constant(['s3:PutObject']), resources: ref('aws_s3_bucket.data', 'arn') },
      ],
    },
  );
  e.create(
    'aws_iam_role.worker',
    role('worker', trust({ Service: 'ecs-tasks.amazonaws.com' })),
    { name: constant('worker'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_role_policy.worker',
    { name: 'worker', role: 'worker' },
    { role: ref('aws_iam_role.worker', 'id'), policy: ref('data.aws_iam_policy_document.worker', 'json') },
    { unknown: ['id', 'policy'] },
  );
  // principals { type = "*" } limited to the organization, and the same without a condition
  for (const [name, condition] of [
    ['reports', [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: [ORG] }]],
    ['exports', []],
  ]) {
    document(
      `data.aws_iam_policy_document.bucket_${name}`,
      {
        statement: [
          stmt('Read', 'Allow', ['s3:GetObject'], [null], {
            principals: [{ type: '*', identifiers: ['*'] }],
            condition,
          }),
        ],
      },
      { statement: [{ resources: [true] }] },
      {},
    );
    e.create(
      `aws_s3_bucket_policy.${name}`,
      {},
      {
        bucket: ref(`aws_s3_bucket.data["${name}"]`, 'id'),
        policy: ref(`data.aws_iam_policy_document.bucket_${name}`, 'json'),
      },
      { unknown: ['id', 'bucket', 'policy'] },
    );
  }
  plans['policy-documents.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 6. Update plans: tags only, a statement added to an attached policy, replacements
{
  const e = new Estate('1.9.8');
  const ecs = trust({ Service: 'ecs-tasks.amazonaws.com' });
  const api = role('orders-api', ecs, { tags: {}, tags_all: {}, unique_id: 'AROAORDERSAPIXXXXXXX' });
  e.update(
    'aws_iam_role.api',
    api,
    { ...api, tags: { team: 'orders' }, tags_all: { team: 'orders' } },
    { name: constant('orders-api'), assume_role_policy: LITERAL, tags: constant({ team: 'orders' }) },
  );
  const apiPolicy = policy(allow(['dynamodb:GetItem', 'dynamodb:Query'], arn('dynamodb', 'table/orders')));
  e.update(
    'aws_iam_role_policy.api',
    { id: 'orders-api:orders', name: 'orders', role: 'orders-api', policy: apiPolicy, tags: {} },
    { id: 'orders-api:orders', name: 'orders', role: 'orders-api', policy: apiPolicy, tags: {} },
    { role: ref('aws_iam_role.api', 'id'), policy: LITERAL },
  );
  // a customer managed policy attached to a kept role gains a statement
  const deployer = role('deployer', ecs, { unique_id: 'AROADEPLOYERXXXXXXX' });
  e.keep('aws_iam_role.deployer', deployer, { name: constant('deployer'), assume_role_policy: LITERAL });
  const deployBefore = policy(allow('s3:PutObject', 'arn:aws:s3:::acme-releases/*'));
  const deployAfter = policy(
    allow('s3:PutObject', 'arn:aws:s3:::acme-releases/*'),
    allow('sqs:SendMessage', arn('sqs', 'releases')),
  );
  const deployPolicy = (document) => ({
    arn: iamArn('policy', 'deploy'),
    id: iamArn('policy', 'deploy'),
    name: 'deploy',
    path: '/',
    description: '',
    policy: document,
    policy_id: 'ANPADEPLOYXXXXXXXXXX',
    attachment_count: 1,
    tags: {},
    tags_all: {},
  });
  e.update('aws_iam_policy.deploy', deployPolicy(deployBefore), deployPolicy(deployAfter), {
    name: constant('deploy'),
    policy: LITERAL,
  });
  e.keep(
    'aws_iam_role_policy_attachment.deployer',
    { id: 'deployer-20240301', role: 'deployer', policy_arn: iamArn('policy', 'deploy') },
    { role: ref('aws_iam_role.deployer', 'name'), policy_arn: ref('aws_iam_policy.deploy', 'arn') },
  );
  // create_before_destroy: an inline policy renamed (name_prefix) gains `s3:DeleteObject`
  const worker = role('worker', ecs, { unique_id: 'AROAWORKERXXXXXXXXX' });
  e.keep('aws_iam_role.worker', worker, { name: constant('worker'), assume_role_policy: LITERAL });
  const put = allow('s3:PutObject', 'arn:aws:s3:::acme-scratch/*');
  e.replace(
    'aws_iam_role_policy.worker',
    {
      id: 'worker:scratch-20240301',
      name: 'scratch-20240301',
      name_prefix: 'scratch-',
      role: 'worker',
      policy: policy(put),
    },
    {
      name_prefix: 'scratch-',
      role: 'worker',
      policy: policy(allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-scratch/*')),
    },
    { name_prefix: constant('scratch-'), role: ref('aws_iam_role.worker', 'id'), policy: LITERAL },
    { actions: ['create', 'delete'], unknown: ['id', 'name'] },
  );
  // create_before_destroy: a role replaced under a new name, same trust and AWS managed policy
  const batchBefore = role('batch-20240301', trust({ Service: 'batch.amazonaws.com' }), {
    name_prefix: 'batch-',
    unique_id: 'AROABATCHXXXXXXXXXXX',
  });
  e.replace(
    'aws_iam_role.batch',
    batchBefore,
    { ...batchBefore, name: undefined, arn: undefined, id: undefined, unique_id: undefined, path: '/batch/' },
    { name_prefix: constant('batch-'), path: constant('/batch/'), assume_role_policy: LITERAL },
    { actions: ['create', 'delete'], unknown: ['arn', 'id', 'name', 'unique_id', 'create_date'] },
  );
  e.replace(
    'aws_iam_role_policy_attachment.batch',
    {
      id: 'batch-20240301-1',
      role: 'batch-20240301',
      policy_arn: managed('service-role/AWSBatchServiceRole'),
    },
    { policy_arn: managed('service-role/AWSBatchServiceRole') },
    {
      role: ref('aws_iam_role.batch', 'name'),
      policy_arn: constant(managed('service-role/AWSBatchServiceRole')),
    },
    { actions: ['create', 'delete'], unknown: ['id', 'role'] },
  );
  plans['updates.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
