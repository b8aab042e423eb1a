/**
 * Writes the plans of this folder (`node integ/tf-scan/survey24/build-plans.js`): IAM idioms as
 * Terraform users write them (terraform-aws-modules/iam IRSA add-on policies and GitHub OIDC,
 * service roles, resource policies, `aws_iam_policy_document` compositions), laid out by
 * `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const iamArn = (kind, name, p = '/') => `arn:aws:iam::${ACCOUNT}:${kind}${p}${name}`;
const managed = (name) => `arn:aws:iam::aws:policy/${name}`;
const allow = (Action, Resource, extra = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const trust = (Principal, Action = 'sts:AssumeRole', extra = {}) =>
  policy({ Effect: 'Allow', Principal, Action, ...extra });
const ROLE_UNKNOWN = ['arn', 'id', 'unique_id', 'create_date', 'inline_policy', 'managed_policy_arns'];

/** A role as the provider shows it once created. */
function role(name, assume, extra = {}) {
  return {
    name,
    path: '/',
    assume_role_policy: assume,
    description: '',
    force_detach_policies: false,
    max_session_duration: 3600,
    permissions_boundary: null,
    tags: {},
    tags_all: {},
    arn: iamArn('role', name),
    id: name,
    ...extra,
  };
}

/** A role, its AWS managed policies attached by ARN and its inline policies, at the root. */
function serviceRole(e, key, assume, { managedPolicies = [], inline = {} } = {}) {
  e.create(
    `aws_iam_role.${key}`,
    role(key.replace(/_/g, '-'), assume),
    { name: constant(key.replace(/_/g, '-')), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  for (const name of managedPolicies) {
    const short = name.split('/').pop();
    e.create(
      `aws_iam_role_policy_attachment.${key}_${short}`,
      { role: key.replace(/_/g, '-'), policy_arn: managed(name) },
      { role: ref(`aws_iam_role.${key}`, 'name'), policy_arn: constant(managed(name)) },
      { unknown: ['id'] },
    );
  }
  for (const [name, text] of Object.entries(inline))
    e.create(
      `aws_iam_role_policy.${key}_${name}`,
      { name, role: key.replace(/_/g, '-'), policy: text },
      { name: constant(name), role: ref(`aws_iam_role.${key}`, 'id'), policy: LITERAL },
      { unknown: ['id'] },
    );
}

const plans = {};

// ---------------------------------------------------------------------------------------------
// 1. terraform-aws-modules/iam v5: IRSA with the add-on policies the module writes, two clusters in
//    `oidc_providers`; iam-github-oidc-provider and -role; iam-assumable-role; iam-policy
{
  const e = new Estate('1.9.8');
  const issuers = {
    blue: `oidc.eks.${REGION}.amazonaws.com/id/1A2B3C4D5E6F708192A3B4C5D6E7F801`,
    green: `oidc.eks.${REGION}.amazonaws.com/id/9F8E7D6C5B4A39281706F5E4D3C2B1A0`,
  };
  const provider = (k) => iamArn('oidc-provider', issuers[k]);
  /** The trust the module writes: one statement per entry of `oidc_providers`. */
  const irsaTrust = (serviceAccounts, clusters = ['blue']) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: clusters.map((k) => ({
        Effect: 'Allow',
        Principal: { Federated: provider(k) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuers[k]}:sub`]: serviceAccounts.map((s) => `system:serviceaccount:${s}`),
            [`${issuers[k]}:aud`]: 'sts.amazonaws.com',
          },
        },
      })),
    });
  const irsa = (key, name, serviceAccounts, clusters, attachPolicy, policyText) => {
    e.module(key, { source: 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks' });
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(name, irsaTrust(serviceAccounts, clusters)),
      { name: ref('var.role_name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
      { unknown: ROLE_UNKNOWN, count: ref('var.create_role') },
    );
    e.create(
      `module.${key}.aws_iam_policy.${attachPolicy}[0]`,
      { name_prefix: `${name}-`, path: '/', description: '', policy: policyText, tags: {} },
      { policy: ref(`data.aws_iam_policy_document.${attachPolicy}[0]`, 'json') },
      {
        unknown: ['arn', 'id', 'name', 'policy_id', 'attachment_count', 'tags_all'],
        count: ref(`var.attach_${attachPolicy}_policy`),
      },
    );
    e.create(
      `module.${key}.aws_iam_role_policy_attachment.${attachPolicy}[0]`,
      { role: name },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref(`aws_iam_policy.${attachPolicy}[0]`, 'arn') },
      { unknown: ['id', 'policy_arn'], count: ref(`var.attach_${attachPolicy}_policy`) },
    );
  };

  // attach_ebs_csi_policy = true, ebs_csi_kms_cmk_ids = [one key]: the driver's documented policy
  const volumes = ['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:snapshot/*'];
  const cmk = arn('kms', 'key/2f1e0d9c-8b7a-4654-b3c2-a1f0e9d8c7b6');
  irsa(
    'ebs_csi_irsa',
    'ebs-csi',
    ['kube-system:ebs-csi-controller-sa'],
    ['blue', 'green'],
    'ebs_csi',
    policy(
      allow(
        [
          'ec2:AttachVolume',
          'ec2:CreateSnapshot',
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInstances',
          'ec2:DescribeSnapshots',
          'ec2:DescribeTags',
          'ec2:DescribeVolumes',
          'ec2:DescribeVolumesModifications',
          'ec2:DetachVolume',
          'ec2:ModifyVolume',
        ],
        '*',
      ),
      allow('ec2:CreateTags', volumes, {
        Condition: { StringEquals: { 'ec2:CreateAction': ['CreateVolume', 'CreateSnapshot'] } },
      }),
      allow('ec2:DeleteTags', volumes),
      allow('ec2:CreateVolume', '*', {
        Condition: { StringLike: { 'aws:RequestTag/ebs.csi.aws.com/cluster': 'true' } },
      }),
      allow('ec2:CreateVolume', '*', { Condition: { StringLike: { 'aws:RequestTag/CSIVolumeName': '*' } } }),
      allow('ec2:DeleteVolume', '*', {
        Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
      }),
      allow('ec2:DeleteVolume', '*', { Condition: { StringLike: { 'ec2:ResourceTag/CSIVolumeName': '*' } } }),
      allow('ec2:DeleteVolume', '*', {
        Condition: { StringLike: { 'ec2:ResourceTag/kubernetes.io/created-for/pvc/name': '*' } },
      }),
      allow('ec2:DeleteSnapshot', '*', { Condition: { StringLike: { 'ec2:ResourceTag/CSIVolumeSnapshotName': '*' } } }),
      allow('ec2:DeleteSnapshot', '*', {
        Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
      }),
      allow(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], [cmk], {
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
      allow(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], [cmk]),
    ),
  );

  // attach_load_balancer_controller_policy = true: the controller's documented policy
  const tagged = (kind) => ({ Null: { [`aws:${kind}/elbv2.k8s.aws/cluster`]: 'false' } });
  const elb = (rest) => `arn:aws:elasticloadbalancing:*:*:${rest}`;
  irsa(
    'lb_controller_irsa',
    'aws-load-balancer-controller',
    ['kube-system:aws-load-balancer-controller'],
    ['blue'],
    'load_balancer_controller',
    policy(
      allow('iam:CreateServiceLinkedRole', '*', {
        Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      }),
      allow(
        [
          'ec2:DescribeAccountAttributes',
          'ec2:DescribeAddresses',
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInternetGateways',
          'ec2:DescribeVpcs',
          'ec2:DescribeVpcPeeringConnections',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeInstances',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeTags',
          'ec2:GetCoipPoolUsage',
          'ec2:DescribeCoipPools',
          'ec2:GetSecurityGroupsForVpc',
          'elasticloadbalancing:DescribeLoadBalancers',
          'elasticloadbalancing:DescribeLoadBalancerAttributes',
          'elasticloadbalancing:DescribeListeners',
          'elasticloadbalancing:DescribeListenerCertificates',
          'elasticloadbalancing:DescribeSSLPolicies',
          'elasticloadbalancing:DescribeRules',
          'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetGroupAttributes',
          'elasticloadbalancing:DescribeTargetHealth',
          'elasticloadbalancing:DescribeTags',
          'elasticloadbalancing:DescribeTrustStores',
          'elasticloadbalancing:DescribeListenerAttributes',
        ],
        '*',
      ),
      allow(
        [
          'cognito-idp:DescribeUserPoolClient',
          'acm:ListCertificates',
          'acm:DescribeCertificate',
          'iam:ListServerCertificates',
          'iam:GetServerCertificate',
          'waf-regional:GetWebACL',
          'waf-regional:GetWebACLForResource',
          'waf-regional:AssociateWebACL',
          'waf-regional:DisassociateWebACL',
          'wafv2:GetWebACL',
          'wafv2:GetWebACLForResource',
          'wafv2:AssociateWebACL',
          'wafv2:DisassociateWebACL',
          'shield:GetSubscriptionState',
          'shield:DescribeProtection',
          'shield:CreateProtection',
          'shield:DeleteProtection',
        ],
        '*',
      ),
      allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], '*'),
      allow('ec2:CreateSecurityGroup', '*'),
      allow('ec2:CreateTags', 'arn:aws:ec2:*:*:security-group/*', {
        Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, ...tagged('RequestTag') },
      }),
      allow(['ec2:CreateTags', 'ec2:DeleteTags'], 'arn:aws:ec2:*:*:security-group/*', {
        Condition: {
          Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'true', 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' },
        },
      }),
      allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], '*', {
        Condition: tagged('ResourceTag'),
      }),
      allow(['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], '*', {
        Condition: tagged('RequestTag'),
      }),
      allow(
        [
          'elasticloadbalancing:CreateListener',
          'elasticloadbalancing:DeleteListener',
          'elasticloadbalancing:CreateRule',
          'elasticloadbalancing:DeleteRule',
        ],
        '*',
      ),
      allow(
        ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
        [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')],
        {
          Condition: {
            Null: {
              'aws:RequestTag/elbv2.k8s.aws/cluster': 'true',
              'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false',
            },
          },
        },
      ),
      allow(
        ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
        [
          elb('listener/net/*/*/*'),
          elb('listener/app/*/*/*'),
          elb('listener-rule/net/*/*/*'),
          elb('listener-rule/app/*/*/*'),
        ],
      ),
      allow(
        [
          'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:SetIpAddressType',
          'elasticloadbalancing:SetSecurityGroups',
          'elasticloadbalancing:SetSubnets',
          'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:ModifyTargetGroup',
          'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:ModifyListenerAttributes',
        ],
        '*',
        { Condition: tagged('ResourceTag') },
      ),
      allow(
        'elasticloadbalancing:AddTags',
        [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')],
        {
          Condition: {
            StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
            ...tagged('RequestTag'),
          },
        },
      ),
      allow(['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], elb('targetgroup/*/*')),
      allow(
        [
          'elasticloadbalancing:SetWebAcl',
          'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:AddListenerCertificates',
          'elasticloadbalancing:RemoveListenerCertificates',
          'elasticloadbalancing:ModifyRule',
        ],
        '*',
      ),
    ),
  );

  // attach_external_dns_policy = true with external_dns_hosted_zone_arns of two zones
  irsa(
    'external_dns_irsa',
    'external-dns',
    ['external-dns:external-dns'],
    ['blue'],
    'external_dns',
    policy(
      allow('route53:ChangeResourceRecordSets', [
        'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ',
        'arn:aws:route53:::hostedzone/Z9876543210ZYXWVUTSRQ',
      ]),
      allow(['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'], '*'),
    ),
  );

  // attach_cluster_autoscaler_policy = true, cluster_autoscaler_cluster_names = [blue]
  irsa(
    'cluster_autoscaler_irsa',
    'cluster-autoscaler',
    ['kube-system:cluster-autoscaler'],
    ['blue'],
    'cluster_autoscaler',
    policy(
      allow(
        [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        '*',
      ),
      allow(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'], '*', {
        Condition: { StringEquals: { 'autoscaling:ResourceTag/kubernetes.io/cluster/blue': 'owned' } },
      }),
    ),
  );

  // v5 iam-assumable-role-with-oidc given both `oidc_fully_qualified_subjects` and
  // `oidc_subjects_with_wildcards`: the module writes both tests on `sub` in one statement, which
  // must both hold; and the wildcard alone
  for (const [key, exact, wildcards] of [
    ['payments_oidc', ['system:serviceaccount:payments:api'], ['system:serviceaccount:*:*']],
    ['any_sa_oidc', [], ['system:serviceaccount:*:*']],
  ]) {
    e.module(key, { source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc' });
    const name = key.replace(/_/g, '-');
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(
        name,
        trust({ Federated: provider('green') }, 'sts:AssumeRoleWithWebIdentity', {
          Condition: {
            ...(exact.length === 0 ? {} : { StringEquals: { [`${issuers.green}:sub`]: exact } }),
            StringLike: { [`${issuers.green}:sub`]: wildcards, [`${issuers.green}:aud`]: ['sts.amazonaws.com'] },
          },
        }),
      ),
      {
        name: ref('var.role_name'),
        assume_role_policy: ref('data.aws_iam_policy_document.assume_role_with_oidc[0]', 'json'),
      },
      { unknown: ROLE_UNKNOWN, count: ref('var.create_role') },
    );
  }

  // v5 iam-github-oidc-provider, and iam-github-oidc-role with `subjects` (the module adds `repo:`)
  const gh = 'token.actions.githubusercontent.com';
  e.module('github_oidc_provider', { source: 'terraform-aws-modules/iam/aws//modules/iam-github-oidc-provider' });
  e.create(
    'module.github_oidc_provider.aws_iam_openid_connect_provider.this[0]',
    { url: `https://${gh}`, client_id_list: ['sts.amazonaws.com'], thumbprint_list: [], tags: {} },
    { url: ref('var.url'), client_id_list: ref('var.client_id_list') },
    { unknown: ['arn', 'id', 'tags_all'], count: ref('var.create') },
  );
  for (const [key, subjects] of [
    ['gha_deploy', ['repo:acme/app:environment:production', 'repo:acme/app:ref:refs/heads/main']],
    ['gha_any_branch', ['repo:acme/infra:*']],
    ['gha_org', ['repo:acme/*']],
  ]) {
    e.module(key, { source: 'terraform-aws-modules/iam/aws//modules/iam-github-oidc-role' });
    const name = key.replace(/_/g, '-');
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(
        name,
        trust({ Federated: iamArn('oidc-provider', gh) }, 'sts:AssumeRoleWithWebIdentity', {
          Condition: {
            StringLike: { [`${gh}:sub`]: subjects },
            StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' },
          },
        }),
      ),
      { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.this[0]', 'json') },
      { unknown: ROLE_UNKNOWN, count: ref('var.create') },
    );
    e.create(
      `module.${key}.aws_iam_role_policy_attachment.this["deploy"]`,
      { role: name },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('each.value') },
      { unknown: ['id', 'policy_arn'], forEach: ref('var.policies') },
    );
  }
  // module.deploy_policy: iam-policy with `policy = data.aws_iam_policy_document.deploy.json`,
  // attached to the three roles through `policies = { deploy = module.deploy_policy.arn }`
  e.data(
    'data.aws_iam_policy_document.deploy',
    {
      id: '3390418266',
      json: policy(
        allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-site/*', { Sid: 'Site' }),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-site', { Sid: 'List' }),
        allow('cloudfront:CreateInvalidation', `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567`, {
          Sid: 'Invalidate',
        }),
      ),
    },
    {},
  );
  e.module('deploy_policy', {
    source: 'terraform-aws-modules/iam/aws//modules/iam-policy',
    expressions: { policy: ref('data.aws_iam_policy_document.deploy', 'json') },
    outputs: { arn: ref('aws_iam_policy.policy[0]', 'arn') },
  });
  e.create(
    'module.deploy_policy.aws_iam_policy.policy[0]',
    {
      name: 'site-deploy',
      path: '/',
      description: 'IAM Policy',
      policy: policy(
        allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-site/*', { Sid: 'Site' }),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-site', { Sid: 'List' }),
        allow('cloudfront:CreateInvalidation', `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567`, {
          Sid: 'Invalidate',
        }),
      ),
      tags: {},
    },
    { name: ref('var.name'), policy: ref('var.policy') },
    { unknown: ['arn', 'id', 'policy_id', 'attachment_count', 'tags_all'], count: ref('var.create_policy') },
  );
  for (const key of ['gha_deploy', 'gha_any_branch', 'gha_org'])
    e.calls.get(key).expressions = {
      subjects: constant([]),
      policies: { references: ['module.deploy_policy.arn', 'module.deploy_policy'] },
    };

  // v5 iam-assumable-role: trusted_role_arns of the shared-services account's CI role and a partner
  // account's root, role_requires_mfa = true (the module's MFA conditions)
  for (const [key, trusted, mfa] of [
    ['ops_assumable', [`arn:aws:iam::${SHARED}:role/ci`], false],
    ['partner_assumable', [`arn:aws:iam::${PARTNER}:root`], true],
  ]) {
    e.module(key, { source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role' });
    const name = key.replace(/_/g, '-');
    e.create(
      `module.${key}.aws_iam_role.this[0]`,
      role(
        name,
        trust({ AWS: trusted }, 'sts:AssumeRole', {
          ...(mfa
            ? {
                Condition: {
                  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
                  NumericLessThan: { 'aws:MultiFactorAuthAge': '86400' },
                },
              }
            : {}),
        }),
      ),
      { name: ref('var.role_name'), assume_role_policy: ref('local.assume_role_policy') },
      { unknown: ROLE_UNKNOWN, count: ref('var.create_role') },
    );
    e.create(
      `module.${key}.aws_iam_role_policy_attachment.readonly[0]`,
      { role: name, policy_arn: managed('ReadOnlyAccess') },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('var.readonly_role_policy_arn') },
      { unknown: ['id'], count: ref('var.attach_readonly_policy') },
    );
  }
  plans['iam-modules.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 2. Service roles: ECS, Step Functions, EventBridge Scheduler, CodeBuild, Glue, Firehose, Backup,
//    RDS enhanced monitoring, VPC flow logs, an instance profile
{
  const e = new Estate('1.10.2');
  const svc = (service, extra = {}) => trust({ Service: `${service}.amazonaws.com` }, 'sts:AssumeRole', extra);
  const sourceAccount = { Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } };

  serviceRole(e, 'ecs_execution', svc('ecs-tasks'), {
    managedPolicies: ['service-role/AmazonECSTaskExecutionRolePolicy'],
    inline: {
      secrets: policy(
        allow(['secretsmanager:GetSecretValue'], [arn('secretsmanager', 'secret:orders/db-AbCdEf')]),
        allow('ssm:GetParameters', [arn('ssm', 'parameter/orders/*')]),
        allow('kms:Decrypt', [arn('kms', 'key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')]),
      ),
    },
  });
  serviceRole(e, 'orders_sfn', svc('states', sourceAccount), {
    inline: {
      invoke: policy(
        allow('lambda:InvokeFunction', [
          arn('lambda', 'function:orders-validate'),
          arn('lambda', 'function:orders-validate:*'),
        ]),
        allow(
          [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          '*',
        ),
        allow(
          ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
          '*',
        ),
      ),
    },
  });
  serviceRole(e, 'scheduler', svc('scheduler', sourceAccount), {
    inline: {
      targets: policy(
        allow('lambda:InvokeFunction', [
          arn('lambda', 'function:orders-nightly'),
          arn('lambda', 'function:orders-nightly:*'),
        ]),
        allow('sqs:SendMessage', arn('sqs', 'orders-reminders')),
      ),
    },
  });
  serviceRole(e, 'codebuild', svc('codebuild'), {
    inline: {
      build: policy(
        allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], '*'),
        allow('ecr:GetAuthorizationToken', '*'),
        allow(
          [
            'ecr:BatchCheckLayerAvailability',
            'ecr:CompleteLayerUpload',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
          arn('ecr', 'repository/orders'),
        ),
        allow(['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], 'arn:aws:s3:::acme-pipeline-artifacts/*'),
        allow(
          [
            'codebuild:CreateReportGroup',
            'codebuild:CreateReport',
            'codebuild:UpdateReport',
            'codebuild:BatchPutTestCases',
          ],
          arn('codebuild', 'report-group/orders-*'),
        ),
      ),
    },
  });
  // the same CodeBuild role as often written: `logs:*` on `*`
  serviceRole(e, 'codebuild_loose', svc('codebuild'), {
    inline: {
      build: policy(allow('logs:*', '*'), allow('ecr:GetAuthorizationToken', '*')),
    },
  });
  serviceRole(e, 'glue_job', svc('glue'), {
    managedPolicies: ['service-role/AWSGlueServiceRole'],
    inline: {
      data: policy(
        allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-lake/curated/*'),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-lake'),
      ),
    },
  });
  serviceRole(e, 'firehose', svc('firehose', sourceAccount), {
    inline: {
      delivery: policy(
        allow(
          [
            's3:AbortMultipartUpload',
            's3:GetBucketLocation',
            's3:GetObject',
            's3:ListBucket',
            's3:ListBucketMultipartUploads',
            's3:PutObject',
          ],
          ['arn:aws:s3:::acme-clickstream', 'arn:aws:s3:::acme-clickstream/*'],
        ),
        allow(
          ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'],
          arn('kinesis', 'stream/clicks'),
        ),
        allow('logs:PutLogEvents', arn('logs', 'log-group:/aws/kinesisfirehose/clicks:log-stream:*')),
      ),
    },
  });
  serviceRole(e, 'backup', svc('backup'), {
    managedPolicies: [
      'service-role/AWSBackupServiceRolePolicyForBackup',
      'service-role/AWSBackupServiceRolePolicyForRestores',
    ],
  });
  serviceRole(e, 'rds_monitoring', svc('monitoring.rds'), {
    managedPolicies: ['service-role/AmazonRDSEnhancedMonitoringRole'],
  });
  serviceRole(
    e,
    'flow_logs',
    svc('vpc-flow-logs', {
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': arn('ec2', 'vpc-flow-log/*') },
      },
    }),
    {
      inline: {
        logs: policy(
          allow(
            [
              'logs:CreateLogGroup',
              'logs:CreateLogStream',
              'logs:PutLogEvents',
              'logs:DescribeLogGroups',
              'logs:DescribeLogStreams',
            ],
            '*',
          ),
        ),
      },
    },
  );
  serviceRole(e, 'app_instance', svc('ec2'), {
    managedPolicies: ['CloudWatchAgentServerPolicy'],
    inline: { config: policy(allow('s3:GetObject', 'arn:aws:s3:::acme-config/app/*')) },
  });
  e.create(
    'aws_iam_instance_profile.app',
    { name: 'app-instance', path: '/', role: 'app-instance', tags: {} },
    { name: constant('app-instance'), role: ref('aws_iam_role.app_instance', 'name') },
    { unknown: ['arn', 'id', 'unique_id', 'create_date', 'tags_all'] },
  );
  // Step Functions running a nested workflow and an ECS task to completion (`.sync`): the managed
  // rule Step Functions creates for it, and the task's two roles passed to ECS
  serviceRole(e, 'pipeline_sfn', svc('states', sourceAccount), {
    inline: {
      sync: policy(
        allow('states:StartExecution', arn('states', 'stateMachine:orders-child')),
        allow(['states:DescribeExecution', 'states:StopExecution'], arn('states', 'execution:orders-child:*')),
        allow(
          ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          arn('events', 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'),
        ),
        allow('ecs:RunTask', arn('ecs', 'task-definition/orders-migrate:*')),
        allow(['ecs:StopTask', 'ecs:DescribeTasks'], '*'),
        allow('iam:PassRole', [iamArn('role', 'orders-migrate-task'), iamArn('role', 'orders-migrate-execution')], {
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        }),
        allow(
          ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          arn('events', 'rule/StepFunctionsGetEventsForECSTaskRule'),
        ),
      ),
    },
  });
  // CodeBuild in a VPC: the network interfaces AWS documents for it
  serviceRole(e, 'codebuild_vpc', svc('codebuild'), {
    inline: {
      vpc: policy(
        allow(
          [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeDhcpOptions',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DeleteNetworkInterface',
            'ec2:DescribeSubnets',
            'ec2:DescribeSecurityGroups',
            'ec2:DescribeVpcs',
          ],
          '*',
        ),
        allow('ec2:CreateNetworkInterfacePermission', arn('ec2', 'network-interface/*'), {
          Condition: {
            StringEquals: { 'ec2:AuthorizedService': 'codebuild.amazonaws.com' },
            ArnEquals: { 'ec2:Subnet': [arn('ec2', 'subnet/subnet-0a1b2c3d4e5f60718')] },
          },
        }),
      ),
    },
  });
  // AWS Config recorder: AWS_ConfigRole, and delivery to its bucket and topic
  serviceRole(e, 'config', svc('config'), {
    managedPolicies: ['service-role/AWS_ConfigRole'],
    inline: {
      delivery: policy(
        allow('s3:PutObject', `arn:aws:s3:::acme-config/AWSLogs/${ACCOUNT}/*`, {
          Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
        allow('s3:GetBucketAcl', 'arn:aws:s3:::acme-config'),
        allow('sns:Publish', arn('sns', 'config-changes')),
      ),
    },
  });
  // RDS Proxy: the database secret, decrypted through Secrets Manager
  serviceRole(e, 'rds_proxy', svc('rds'), {
    inline: {
      secrets: policy(
        allow('secretsmanager:GetSecretValue', arn('secretsmanager', 'secret:orders/db-AbCdEf')),
        allow('kms:Decrypt', arn('kms', 'key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), {
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
        }),
      ),
    },
  });
  plans['service-roles.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 3. Resource policies
{
  const e = new Estate('1.9.8');
  const bucketPolicy = (key, bucket, text) =>
    e.create(
      `aws_s3_bucket_policy.${key}`,
      { bucket, policy: text },
      { bucket: ref(`aws_s3_bucket.${key}`, 'id'), policy: LITERAL },
      { unknown: ['id'] },
    );
  // Principal "*" limited to the organization
  bucketPolicy(
    'shared',
    'acme-shared-artifacts',
    policy({
      Sid: 'OrgRead',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::acme-shared-artifacts', 'arn:aws:s3:::acme-shared-artifacts/*'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    }),
  );
  // CloudFront OAC by the distribution's ARN
  bucketPolicy(
    'site',
    'acme-site',
    policy({
      Sid: 'AllowCloudFrontServicePrincipalReadOnly',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-site/*',
      Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABCDEF234567` } },
    }),
  );
  // ALB access logs: the log delivery service, under the account's prefix
  bucketPolicy(
    'alb_logs',
    'acme-alb-logs',
    policy({
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::acme-alb-logs/alb/AWSLogs/${ACCOUNT}/*`,
    }),
  );
  // KMS key: root `kms:*`, a key admin role, and every principal of the account through Secrets Manager
  const key = (address, text) =>
    e.create(
      address,
      {
        description: 'orders data',
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: text,
        key_usage: 'ENCRYPT_DECRYPT',
      },
      { policy: LITERAL },
      { unknown: ['arn', 'id', 'key_id', 'tags_all'] },
    );
  key(
    'aws_kms_key.orders',
    policy(
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'KeyAdministration',
        Effect: 'Allow',
        Principal: { AWS: iamArn('role', 'platform-key-admin') },
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
        ],
        Resource: '*',
      },
      {
        Sid: 'SecretsManagerUse',
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
          StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
        },
      },
    ),
  );
  // the same service grant without kms:CallerAccount: every account's principals through the service
  key(
    'aws_kms_key.loose',
    policy(
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'SecretsManagerUse',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
      },
    ),
  );
  // SQS subscribed to an SNS topic (fan-out) by aws:SourceArn
  e.create(
    'aws_sqs_queue_policy.fanout',
    {
      queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/orders-billing`,
      policy: policy({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: arn('sqs', 'orders-billing'),
        Condition: { ArnEquals: { 'aws:SourceArn': arn('sns', 'orders-events') } },
      }),
    },
    { queue_url: ref('aws_sqs_queue.billing', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // Lambda permission from API Gateway: with the stage/method source, and without any source
  for (const [name, sourceArn] of [
    ['api_scoped', arn('execute-api', 'a1b2c3d4e5/*/POST/orders')],
    ['api_any', null],
  ])
    e.create(
      `aws_lambda_permission.${name}`,
      {
        action: 'lambda:InvokeFunction',
        function_name: 'orders-api',
        principal: 'apigateway.amazonaws.com',
        statement_id: 'AllowAPIGatewayInvoke',
        source_arn: sourceArn,
        qualifier: null,
      },
      { function_name: constant('orders-api'), principal: constant('apigateway.amazonaws.com'), source_arn: LITERAL },
      { unknown: ['id'] },
    );
  // ECR: pull from the organization's accounts; pull by a partner account
  for (const [name, principal, condition] of [
    ['org_pull', '*', { StringEquals: { 'aws:PrincipalOrgID': ORG } }],
    ['partner_pull', { AWS: `arn:aws:iam::${PARTNER}:root` }, undefined],
  ])
    e.create(
      `aws_ecr_repository_policy.${name}`,
      {
        repository: `orders-${name.replace('_', '-')}`,
        policy: policy({
          Sid: 'CrossAccountPull',
          Effect: 'Allow',
          Principal: principal,
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
          ...(condition === undefined ? {} : { Condition: condition }),
        }),
      },
      { repository: ref('aws_ecr_repository.orders', 'name'), policy: LITERAL },
      { unknown: ['id', 'registry_id'] },
    );
  // Secrets Manager: a role of the shared-services account reads one secret
  e.create(
    'aws_secretsmanager_secret_policy.db',
    {
      secret_arn: arn('secretsmanager', 'secret:orders/db-AbCdEf'),
      block_public_policy: true,
      policy: policy({
        Sid: 'SharedServicesRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${SHARED}:role/reporting` },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      }),
    },
    { secret_arn: ref('aws_secretsmanager_secret.db', 'arn'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // SNS: EventBridge rules and CloudWatch alarms of the account publish
  e.create(
    'aws_sns_topic_policy.alerts',
    {
      arn: arn('sns', 'ops-alerts'),
      policy: policy(
        {
          Sid: 'EventBridge',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: arn('sns', 'ops-alerts'),
          Condition: { ArnLike: { 'aws:SourceArn': arn('events', 'rule/*') } },
        },
        {
          Sid: 'CloudWatchAlarms',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: arn('sns', 'ops-alerts'),
          Condition: { ArnLike: { 'aws:SourceArn': arn('cloudwatch', 'alarm:*') } },
        },
      ),
    },
    { arn: ref('aws_sns_topic.alerts', 'arn'), policy: LITERAL },
    { unknown: ['id', 'owner'] },
  );
  // OpenSearch: one role of the account on the domain; and the IP-restricted `Principal: "*"` form
  const domain = arn('es', 'domain/search');
  e.create(
    'aws_opensearch_domain_policy.search',
    {
      domain_name: 'search',
      access_policies: policy(
        {
          Effect: 'Allow',
          Principal: { AWS: iamArn('role', 'search-app') },
          Action: 'es:ESHttp*',
          Resource: `${domain}/*`,
        },
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'es:ESHttpGet',
          Resource: `${domain}/*`,
          Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        },
      ),
    },
    { domain_name: ref('aws_opensearch_domain.search', 'domain_name'), access_policies: LITERAL },
    { unknown: ['id'] },
  );
  // Glacier vault: deny deletes of archives to everyone (the documented lock shape), read to a role
  e.create(
    'aws_glacier_vault.archive',
    {
      name: 'orders-archive',
      access_policy: policy(
        {
          Sid: 'deny-delete',
          Effect: 'Deny',
          Principal: '*',
          Action: 'glacier:DeleteArchive',
          Resource: arn('glacier', 'vaults/orders-archive'),
        },
        {
          Sid: 'read',
          Effect: 'Allow',
          Principal: { AWS: iamArn('role', 'auditor') },
          Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
          Resource: arn('glacier', 'vaults/orders-archive'),
        },
      ),
      notification: [],
      tags: {},
    },
    { name: constant('orders-archive'), access_policy: LITERAL },
    { unknown: ['arn', 'id', 'location', 'tags_all'] },
  );
  // EFS: the documented default (mount with TLS for the account's roles), and root for everyone
  for (const [name, principal, actions, condition] of [
    [
      'shared',
      { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      { Bool: { 'aws:SecureTransport': 'true' } },
    ],
    [
      'open',
      { AWS: '*' },
      ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
      { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    ],
  ])
    e.create(
      `aws_efs_file_system_policy.${name}`,
      {
        file_system_id: `fs-0${name === 'shared' ? 'a1b2c3d4' : 'e5f6a7b8'}`,
        bypass_policy_lockout_safety_check: false,
        policy: policy({
          Sid: 'Mount',
          Effect: 'Allow',
          Principal: principal,
          Action: actions,
          Resource: arn('elasticfilesystem', `file-system/fs-0${name === 'shared' ? 'a1b2c3d4' : 'e5f6a7b8'}`),
          Condition: condition,
        }),
      },
      { file_system_id: ref(`aws_efs_file_system.${name}`, 'id'), policy: LITERAL },
      { unknown: ['id'] },
    );
  // ECR: Lambda of the shared-services account pulls the image of its functions (the account and
  // the Lambda service, by `aws:sourceARN`, as Lambda's cross-account images need); the Lambda
  // service without a source
  for (const [name, statements] of [
    [
      'lambda_pull',
      [
        {
          Sid: 'CrossAccountPull',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${SHARED}:root` },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
        {
          Sid: 'LambdaPull',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: { StringLike: { 'aws:sourceARN': `arn:aws:lambda:${REGION}:${SHARED}:function:*` } },
        },
      ],
    ],
    [
      'lambda_any',
      [
        {
          Sid: 'LambdaPull',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
      ],
    ],
  ])
    e.create(
      `aws_ecr_repository_policy.${name}`,
      { repository: `orders-${name.replace('_', '-')}`, policy: policy(...statements) },
      { repository: ref('aws_ecr_repository.orders', 'name'), policy: LITERAL },
      { unknown: ['id', 'registry_id'] },
    );
  // EventBridge: the organization's accounts put events on the central bus
  e.create(
    'aws_cloudwatch_event_bus_policy.central',
    {
      event_bus_name: 'central',
      policy: policy({
        Sid: 'OrgPutEvents',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: arn('events', 'event-bus/central'),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      }),
    },
    { event_bus_name: ref('aws_cloudwatch_event_bus.central', 'name'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // API Gateway private API: `Principal: "*"` allowed, denied outside one VPC endpoint (AWS's example)
  e.create(
    'aws_api_gateway_rest_api_policy.private',
    {
      rest_api_id: 'a1b2c3d4e5',
      policy: policy(
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
        },
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      ),
    },
    { rest_api_id: ref('aws_api_gateway_rest_api.private', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // CloudWatch Logs: Route 53 query logging (the provider's documented example, no source), and
  // EventBridge rules of the account delivering to `/aws/events/*` by `aws:SourceArn`
  e.create(
    'aws_cloudwatch_log_resource_policy.route53',
    {
      policy_name: 'route53-query-logging',
      policy_document: policy({
        Effect: 'Allow',
        Principal: { Service: 'route53.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:*:*:log-group:/aws/route53/*',
      }),
    },
    { policy_name: constant('route53-query-logging'), policy_document: LITERAL },
    { unknown: ['id'] },
  );
  e.create(
    'aws_cloudwatch_log_resource_policy.events',
    {
      policy_name: 'events-to-logs',
      policy_document: policy({
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arn('logs', 'log-group:/aws/events/*:*'),
        Condition: { ArnEquals: { 'aws:SourceArn': arn('events', 'rule/orders-audit') } },
      }),
    },
    { policy_name: constant('events-to-logs'), policy_document: LITERAL },
    { unknown: ['id'] },
  );
  // Secrets Manager: the organization reads a shared secret
  e.create(
    'aws_secretsmanager_secret_policy.shared',
    {
      secret_arn: arn('secretsmanager', 'secret:shared/license-QwErTy'),
      block_public_policy: true,
      policy: policy({
        Sid: 'OrgRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      }),
    },
    { secret_arn: ref('aws_secretsmanager_secret.shared', 'arn'), policy: LITERAL },
    { unknown: ['id'] },
  );
  plans['resource-policies.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 4. aws_iam_policy_document compositions: `dynamic "statement"` over a list, a document and a
//    role policy per key of a map, several source and override documents, a Federated principal
//    under `ForAnyValue:StringLike`
{
  const e = new Estate('1.10.2');
  /** A statement of a data source as the plan shows it (`null` where only apply knows a value). */
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
  const document = (address, after, unknownTree, config, extra = {}) =>
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
      ...extra,
    });
  const ecsRole = (key) =>
    e.create(
      `aws_iam_role.${key}`,
      role(key, trust({ Service: 'ecs-tasks.amazonaws.com' })),
      { name: constant(key), assume_role_policy: LITERAL },
      { unknown: ROLE_UNKNOWN },
    );

  // dynamic "statement" { for_each = var.read_prefixes } over a list of prefixes, read at plan time
  e.variable('read_prefixes', ['raw/', 'curated/']);
  e.data(
    'data.aws_iam_policy_document.reader',
    {
      id: '1187263311',
      json: policy(
        allow('s3:GetObject', 'arn:aws:s3:::acme-lake/raw/*', { Sid: 'Read0' }),
        allow('s3:GetObject', 'arn:aws:s3:::acme-lake/curated/*', { Sid: 'Read1' }),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-lake', {
          Sid: 'List',
          Condition: { StringLike: { 's3:prefix': ['raw/*', 'curated/*'] } },
        }),
      ),
    },
    {},
  );
  ecsRole('reader');
  e.create(
    'aws_iam_role_policy.reader',
    {
      name: 'reader',
      role: 'reader',
      policy: policy(
        allow('s3:GetObject', 'arn:aws:s3:::acme-lake/raw/*', { Sid: 'Read0' }),
        allow('s3:GetObject', 'arn:aws:s3:::acme-lake/curated/*', { Sid: 'Read1' }),
        allow('s3:ListBucket', 'arn:aws:s3:::acme-lake', {
          Sid: 'List',
          Condition: { StringLike: { 's3:prefix': ['raw/*', 'curated/*'] } },
        }),
      ),
    },
    { role: ref('aws_iam_role.reader', 'id'), policy: ref('data.aws_iam_policy_document.reader', 'json') },
    { unknown: ['id'] },
  );

  // for_each over a map of services: a queue, a document and a role policy per key, the documents
  // read at apply (the queues' ARNs); `billing` was given `sqs:*`
  const services = { orders: ['sqs:SendMessage'], billing: ['sqs:*'] };
  e.variable('services', services);
  ecsRole('worker');
  for (const [k, actions] of Object.entries(services)) {
    e.create(
      `aws_sqs_queue.svc["${k}"]`,
      { name: `acme-${k}`, tags: {} },
      { name: ref('each.key') },
      { unknown: ['arn', 'id', 'url', 'tags_all'], forEach: ref('var.services') },
    );
    document(
      `data.aws_iam_policy_document.svc["${k}"]`,
      { statement: [stmt('', 'Allow', actions, [null])] },
      { statement: [{ resources: [true] }] },
      {
        statement: [
          {
            actions: ref('each.value'),
            resources: { references: ['aws_sqs_queue.svc', 'each.key'] },
          },
        ],
      },
      { forEach: ref('var.services') },
    );
    e.create(
      `aws_iam_role_policy.svc["${k}"]`,
      { name: k, role: 'worker' },
      {
        name: ref('each.key'),
        role: ref('aws_iam_role.worker', 'id'),
        policy: { references: ['data.aws_iam_policy_document.svc', 'each.key'] },
      },
      { unknown: ['id', 'policy'], forEach: ref('var.services') },
    );
  }

  // source_policy_documents of two documents (logs, and a platform baseline) and
  // override_policy_documents of two (a team's tightening of the baseline's `Params`, a deny)
  const logs = policy(
    allow(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', 'log-group:/ecs/api:*'), { Sid: 'Logs' }),
  );
  const baseline = policy(
    allow(['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'], '*', { Sid: 'Params' }),
    allow('xray:PutTraceSegments', '*', { Sid: 'Trace' }),
  );
  const params = policy(
    allow(['ssm:GetParameter', 'ssm:GetParameters'], arn('ssm', 'parameter/api/*'), { Sid: 'Params' }),
  );
  const denyDeletes = policy({ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' });
  for (const [address, json] of [
    ['data.aws_iam_policy_document.logs', logs],
    ['data.aws_iam_policy_document.baseline', baseline],
    ['data.aws_iam_policy_document.params', params],
    ['data.aws_iam_policy_document.deny_deletes', denyDeletes],
  ])
    e.data(address, { id: String(json.length), json }, {});
  const merged = policy(
    allow(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', 'log-group:/ecs/api:*'), { Sid: 'Logs' }),
    allow(['ssm:GetParameter', 'ssm:GetParameters'], arn('ssm', 'parameter/api/*'), { Sid: 'Params' }),
    allow('xray:PutTraceSegments', '*', { Sid: 'Trace' }),
    allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-api-uploads/*', { Sid: 'Uploads' }),
    { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
  );
  const docRefs = (names) => ({
    references: names.flatMap((n) => [`data.aws_iam_policy_document.${n}.json`, `data.aws_iam_policy_document.${n}`]),
  });
  e.data(
    'data.aws_iam_policy_document.api',
    {
      id: '4120937765',
      json: merged,
      source_policy_documents: [logs, baseline],
      override_policy_documents: [params, denyDeletes],
      statement: [stmt('Uploads', 'Allow', ['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::acme-api-uploads/*'])],
    },
    {
      source_policy_documents: docRefs(['logs', 'baseline']),
      override_policy_documents: docRefs(['params', 'deny_deletes']),
    },
  );
  ecsRole('api');
  e.create(
    'aws_iam_role_policy.api',
    { name: 'api', role: 'api', policy: merged },
    { role: ref('aws_iam_role.api', 'id'), policy: ref('data.aws_iam_policy_document.api', 'json') },
    { unknown: ['id'] },
  );
  // the same composition read at apply (a bucket of the plan), its first source read at apply too
  // (the log group of the plan): the list holds one unknown entry and one known
  e.create(
    'aws_s3_bucket.exports',
    { bucket_prefix: 'acme-exports-', force_destroy: false, tags: {} },
    { bucket_prefix: constant('acme-exports-') },
    { unknown: ['id', 'arn', 'bucket', 'bucket_domain_name', 'tags_all'] },
  );
  e.create(
    'aws_cloudwatch_log_group.exporter',
    { name: '/ecs/exporter', retention_in_days: 30, tags: {} },
    { name: constant('/ecs/exporter') },
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  document(
    'data.aws_iam_policy_document.exporter_logs',
    { statement: [stmt('Logs', 'Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], [null])] },
    { statement: [{ resources: [true] }] },
    {
      statement: [
        {
          sid: constant('Logs'),
          actions: constant(['logs:CreateLogStream', 'logs:PutLogEvents']),
          resources: ref('aws_cloudwatch_log_group.exporter', 'arn'),
        },
      ],
    },
  );
  document(
    'data.aws_iam_policy_document.exporter',
    {
      statement: [stmt('Uploads', 'Allow', ['s3:GetObject', 's3:PutObject'], [null])],
      source_policy_documents: [null, baseline],
      override_policy_documents: [params, denyDeletes],
    },
    { statement: [{ resources: [true] }], source_policy_documents: [true, false] },
    {
      source_policy_documents: docRefs(['exporter_logs', 'baseline']),
      override_policy_documents: docRefs(['params', 'deny_deletes']),
      statement: [
        {
          sid: constant('Uploads'),
          actions: constant(['s3:GetObject', 's3:PutObject']),
          resources: ref('aws_s3_bucket.exports', 'arn'),
        },
      ],
    },
  );
  ecsRole('exporter');
  e.create(
    'aws_iam_role_policy.exporter',
    { name: 'exporter', role: 'exporter' },
    { role: ref('aws_iam_role.exporter', 'id'), policy: ref('data.aws_iam_policy_document.exporter', 'json') },
    { unknown: ['id', 'policy'] },
  );
  // the baseline first, then the logs read at apply, no override: `ssm:GetParametersByPath` on `*` stays
  document(
    'data.aws_iam_policy_document.loose',
    {
      statement: [stmt('Uploads', 'Allow', ['s3:PutObject'], [null])],
      source_policy_documents: [baseline, null],
    },
    { statement: [{ resources: [true] }], source_policy_documents: [false, true] },
    {
      source_policy_documents: docRefs(['baseline', 'exporter_logs']),
      statement: [
        {
          sid: constant('Uploads'),
          actions: constant(['s3:PutObject']),
          resources: ref('aws_s3_bucket.exports', 'arn'),
        },
      ],
    },
  );
  ecsRole('loose');
  e.create(
    'aws_iam_role_policy.loose',
    { name: 'loose', role: 'loose' },
    { role: ref('aws_iam_role.loose', 'id'), policy: ref('data.aws_iam_policy_document.loose', 'json') },
    { unknown: ['id', 'policy'] },
  );

  // principals { type = "Federated" } with `ForAnyValue:StringLike` on the GitHub token's sub
  // (a list of patterns), and the provider of the plan (read at apply)
  const gh = 'token.actions.githubusercontent.com';
  e.create(
    'aws_iam_openid_connect_provider.github',
    { url: `https://${gh}`, client_id_list: ['sts.amazonaws.com'], thumbprint_list: [], tags: {} },
    { url: constant(`https://${gh}`), client_id_list: constant(['sts.amazonaws.com']) },
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  for (const [key, subjects] of [
    ['gha_release', ['repo:acme/api:ref:refs/tags/v*', 'repo:acme/api:environment:production']],
    ['gha_wide', ['repo:acme/api:ref:refs/heads/main', 'repo:acme/*:pull_request']],
  ]) {
    const conditions = [
      { test: 'StringEquals', variable: `${gh}:aud`, values: ['sts.amazonaws.com'] },
      { test: 'ForAnyValue:StringLike', variable: `${gh}:sub`, values: subjects },
    ];
    document(
      `data.aws_iam_policy_document.${key}_trust`,
      {
        statement: [
          stmt('', 'Allow', ['sts:AssumeRoleWithWebIdentity'], null, {
            principals: [{ type: 'Federated', identifiers: [null] }],
            condition: conditions,
          }),
        ],
      },
      { statement: [{ principals: [{ identifiers: [true] }] }] },
      {
        statement: [
          {
            actions: constant(['sts:AssumeRoleWithWebIdentity']),
            principals: [
              { type: constant('Federated'), identifiers: ref('aws_iam_openid_connect_provider.github', 'arn') },
            ],
            condition: conditions.map((c) => ({
              test: constant(c.test),
              variable: constant(c.variable),
              values: constant(c.values),
            })),
          },
        ],
      },
    );
    e.create(
      `aws_iam_role.${key}`,
      { ...role(key.replace(/_/g, '-'), null) },
      {
        name: constant(key.replace(/_/g, '-')),
        assume_role_policy: ref(`data.aws_iam_policy_document.${key}_trust`, 'json'),
      },
      { unknown: [...ROLE_UNKNOWN, 'assume_role_policy'] },
    );
  }
  // a Cognito identity pool of the plan: its authenticated and guest roles, each trust read at
  // apply (`aud` is the pool's id), `amr` under `ForAnyValue:StringLike`
  e.create(
    'aws_cognito_identity_pool.main',
    { identity_pool_name: 'orders', allow_unauthenticated_identities: true, tags: {} },
    { identity_pool_name: constant('orders'), allow_unauthenticated_identities: constant(true) },
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  for (const [key, amr] of [
    ['authenticated', 'authenticated'],
    ['guest', 'unauthenticated'],
  ]) {
    const conditions = [
      { test: 'StringEquals', variable: 'cognito-identity.amazonaws.com:aud', values: [null] },
      { test: 'ForAnyValue:StringLike', variable: 'cognito-identity.amazonaws.com:amr', values: [amr] },
    ];
    document(
      `data.aws_iam_policy_document.${key}_trust`,
      {
        statement: [
          stmt('', 'Allow', ['sts:AssumeRoleWithWebIdentity'], null, {
            principals: [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }],
            condition: conditions,
          }),
        ],
      },
      { statement: [{ condition: [{ values: [true] }, {}] }] },
      {
        statement: [
          {
            actions: constant(['sts:AssumeRoleWithWebIdentity']),
            principals: [{ type: constant('Federated'), identifiers: constant(['cognito-identity.amazonaws.com']) }],
            condition: [
              {
                test: constant('StringEquals'),
                variable: constant('cognito-identity.amazonaws.com:aud'),
                values: ref('aws_cognito_identity_pool.main', 'id'),
              },
              {
                test: constant('ForAnyValue:StringLike'),
                variable: constant('cognito-identity.amazonaws.com:amr'),
                values: constant([amr]),
              },
            ],
          },
        ],
      },
    );
    e.create(
      `aws_iam_role.${key}`,
      role(`orders-${key}`, null),
      { name: constant(`orders-${key}`), assume_role_policy: ref(`data.aws_iam_policy_document.${key}_trust`, 'json') },
      { unknown: [...ROLE_UNKNOWN, 'assume_role_policy'] },
    );
    e.create(
      `aws_iam_role_policy.${key}`,
      {
        name: key,
        role: `orders-${key}`,
        // each identity its own folder (the documented `${cognito-identity.amazonaws.com:sub}` idiom),
        // guests the public API's reads
        policy:
          key === 'authenticated'
            ? policy(
                allow(
                  ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
                  'arn:aws:s3:::acme-user-content/private/${cognito-identity.amazonaws.com:sub}/*',
                ),
                allow('s3:ListBucket', 'arn:aws:s3:::acme-user-content', {
                  Condition: { StringLike: { 's3:prefix': 'private/${cognito-identity.amazonaws.com:sub}/*' } },
                }),
              )
            : policy(allow('execute-api:Invoke', arn('execute-api', 'a1b2c3d4e5/prod/GET/catalog/*'))),
      },
      { role: ref(`aws_iam_role.${key}`, 'id'), policy: LITERAL },
      { unknown: ['id'] },
    );
  }
  plans['policy-documents.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
