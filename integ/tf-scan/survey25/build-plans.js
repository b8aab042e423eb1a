/**
 * Writes the plans of this folder (`node integ/tf-scan/survey25/build-plans.js`): service roles
 * AWS documents (Data Lifecycle Manager, GuardDuty Malware Protection for S3), GitHub OIDC trusts
 * with two subject clauses, a role's `inline_policy` beside an `aws_iam_role_policy`, a partner's
 * deploy role under `sts:ExternalId`, a CI user with an access key, IRSA roles in the plan of their
 * EKS cluster, Karpenter's controller role, laid out by `../estates/estate-builder.js`. See
 * README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');
const { iamArn, allow } = require('../plan-parts');

const PARTNER = '777788889999';
const GH = 'token.actions.githubusercontent.com';
const trust = (Principal, Action = 'sts:AssumeRole', extra = {}) =>
  policy({ Effect: 'Allow', Principal, Action, ...extra });
const ROLE_UNKNOWN = ['arn', 'id', 'unique_id', 'create_date', 'managed_policy_arns'];

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
    ...extra,
  };
}

/** A role at the root, its trust written with `jsonencode`, and its inline policies as `aws_iam_role_policy`. */
function roleWithPolicies(
  e,
  key,
  assume,
  inline = {},
  { unknown = [...ROLE_UNKNOWN, 'inline_policy'], extra = {} } = {},
) {
  const name = key.replace(/_/g, '-');
  e.create(
    `aws_iam_role.${key}`,
    role(name, assume, extra),
    { name: constant(name), assume_role_policy: LITERAL },
    { unknown },
  );
  for (const [policyName, text] of Object.entries(inline))
    e.create(
      `aws_iam_role_policy.${key}_${policyName}`,
      { name: policyName, role: name, policy: text },
      { name: constant(policyName), role: ref(`aws_iam_role.${key}`, 'id'), policy: LITERAL },
      { unknown: ['id'] },
    );
}

const plans = {};

// ---------------------------------------------------------------------------------------------
// 1. Service roles AWS documents: DLM (the policy of the provider's `aws_dlm_lifecycle_policy`
//    example, which is AWSDataLifecycleManagerServiceRole's snapshot part), GuardDuty Malware
//    Protection for S3 (the role policy the GuardDuty guide lists for one protected bucket)
{
  const e = new Estate('1.9.8');
  const dlmPolicy = policy(
    allow(
      [
        'ec2:CreateSnapshot',
        'ec2:CreateSnapshots',
        'ec2:DeleteSnapshot',
        'ec2:DescribeInstances',
        'ec2:DescribeVolumes',
        'ec2:DescribeSnapshots',
      ],
      '*',
    ),
    allow('ec2:CreateTags', 'arn:aws:ec2:*::snapshot/*'),
  );
  roleWithPolicies(e, 'dlm_lifecycle', trust({ Service: 'dlm.amazonaws.com' }), { snapshots: dlmPolicy });
  // The same policy on a role a Lambda function assumes too: the function's code may delete every snapshot.
  roleWithPolicies(e, 'dlm_and_lambda', trust({ Service: ['dlm.amazonaws.com', 'lambda.amazonaws.com'] }), {
    snapshots: dlmPolicy,
  });
  // Tags written and removed on every resource: DLM's policy tags snapshots and images only.
  roleWithPolicies(e, 'dlm_tags_everywhere', trust({ Service: 'dlm.amazonaws.com' }), {
    tags: policy(allow(['ec2:CreateTags', 'ec2:DeleteTags'], '*')),
  });
  // DLM's cross-account copy and sharing on `*`: shares every snapshot where the policy says.
  roleWithPolicies(e, 'dlm_sharing', trust({ Service: 'dlm.amazonaws.com' }), {
    share: policy(allow(['ec2:CopySnapshot', 'ec2:ModifySnapshotAttribute'], '*')),
  });
  const bucket = 'arn:aws:s3:::uploads-111122223333';
  const rule = `arn:aws:events:${REGION}:${ACCOUNT}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
  const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
  roleWithPolicies(e, 'malware_protection', trust({ Service: 'malware-protection-plan.guardduty.amazonaws.com' }), {
    scan: policy(
      allow(['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'], rule, {
        Condition: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
      allow(['events:DescribeRule', 'events:ListTargetsByRule'], rule),
      allow(['s3:PutBucketNotification', 's3:GetBucketNotification'], bucket, {
        Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } },
      }),
      allow('s3:ListBucket', bucket),
      allow(
        [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        `${bucket}/*`,
      ),
      allow(['kms:GenerateDataKey', 'kms:Decrypt'], key, {
        Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      }),
    ),
  });
  plans['service-roles.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 2. Identities: GitHub OIDC trusts with two clauses on `sub` (a `condition` block per test of
//    `aws_iam_policy_document`, as the provider writes them: each test its own operator), a role
//    with `inline_policy` blocks beside an `aws_iam_role_policy` of the same role, a partner's
//    deploy role under `sts:ExternalId`, a CI user with an access key
{
  const e = new Estate('1.9.8');
  const provider = iamArn('oidc-provider', GH);
  const gha = (conditions) =>
    trust({ Federated: provider }, 'sts:AssumeRoleWithWebIdentity', {
      Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, ...conditions },
    });
  const deploy = { deploy: policy(allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::site-111122223333/*')) };
  // `repo:acme/site:*` and, in another block, every repository's main branch: only site's main passes both.
  roleWithPolicies(
    e,
    'gha_site_main',
    gha({
      StringLike: { [`${GH}:sub`]: 'repo:acme/site:*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: 'repo:acme/*:ref:refs/heads/main' },
    }),
    deploy,
  );
  // Every repository of the owner and, in another block, pull requests: pull requests of every repository.
  roleWithPolicies(
    e,
    'gha_org_pulls',
    gha({
      StringLike: { [`${GH}:sub`]: 'repo:acme/*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: '*:pull_request' },
    }),
    deploy,
  );
  // `inline_policy` blocks on the role (the role then owns every inline policy) and an
  // `aws_iam_role_policy` of the same role: both are attached after apply, until the next plan
  // removes the second.
  e.create(
    'aws_iam_role.worker',
    role('worker', trust({ Service: 'ecs-tasks.amazonaws.com' }), {
      inline_policy: [
        {
          name: 'queue',
          policy: policy(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`)),
        },
      ],
    }),
    { name: constant('worker'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_role_policy.worker_extra',
    { name: 'extra', role: 'worker', policy: policy(allow('s3:*', '*')) },
    { name: constant('extra'), role: ref('aws_iam_role.worker', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // A partner's deploy role: their account (not the root alone) under the external id they were given.
  roleWithPolicies(
    e,
    'partner_deploy',
    trust({ AWS: `arn:aws:iam::${PARTNER}:root` }, 'sts:AssumeRole', {
      Condition: { StringEquals: { 'sts:ExternalId': 'c2f1e0d9-partner' } },
    }),
    { deploy: policy(allow(['lambda:UpdateFunctionCode'], `arn:aws:lambda:${REGION}:${ACCOUNT}:function:partner-*`)) },
  );
  // A CI user with a long-lived key: syncs one site and invalidates its distribution.
  e.create(
    'aws_iam_user.ci',
    { name: 'ci-deployer', path: '/ci/', force_destroy: false, permissions_boundary: null, tags: {}, tags_all: {} },
    { name: constant('ci-deployer'), path: constant('/ci/') },
    { unknown: ['arn', 'id', 'unique_id'] },
  );
  e.create(
    'aws_iam_user_policy.ci_sync',
    {
      name: 'sync',
      user: 'ci-deployer',
      policy: policy(
        allow('s3:ListBucket', 'arn:aws:s3:::site-111122223333'),
        allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::site-111122223333/*'),
        allow('cloudfront:CreateInvalidation', `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`),
      ),
    },
    { name: constant('sync'), user: ref('aws_iam_user.ci', 'name'), policy: LITERAL },
    { unknown: ['id'] },
  );
  e.create(
    'aws_iam_access_key.ci',
    { user: 'ci-deployer', status: 'Active', pgp_key: null },
    { user: ref('aws_iam_user.ci', 'name') },
    {
      unknown: ['id', 'secret', 'ses_smtp_password_v4', 'encrypted_secret', 'create_date', 'key_fingerprint'],
      sensitive: ['secret', 'ses_smtp_password_v4'],
    },
  );
  plans['identities.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 3. IRSA in the plan that creates its EKS cluster: the OIDC provider's `url` from
//    `aws_eks_cluster.main.identity[0].oidc[0].issuer`, each trust document read at apply, its
//    condition keys `"${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub"`
//    (and `:aud`), which the plan shows only as references to the provider's URL
{
  const e = new Estate('1.9.8');
  e.create(
    'aws_eks_cluster.main',
    { name: 'main', version: '1.31', tags: {} },
    { name: constant('main'), role_arn: ref('aws_iam_role.cluster', 'arn') },
    { unknown: ['arn', 'id', 'endpoint', 'identity', 'certificate_authority', 'platform_version', 'status'] },
  );
  e.create(
    'aws_iam_role.cluster',
    role('cluster', trust({ Service: 'eks.amazonaws.com' })),
    { name: constant('cluster'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_openid_connect_provider.eks',
    { client_id_list: ['sts.amazonaws.com'], tags: {} },
    {
      client_id_list: constant(['sts.amazonaws.com']),
      url: ref('aws_eks_cluster.main.identity[0].oidc[0]', 'issuer'),
    },
    { unknown: ['arn', 'id', 'url', 'thumbprint_list', 'tags_all'] },
  );
  const URL = ['aws_iam_openid_connect_provider.eks.url', 'aws_iam_openid_connect_provider.eks'];
  const ISSUER = [
    'aws_eks_cluster.main.identity[0].oidc[0].issuer',
    'aws_eks_cluster.main.identity[0].oidc[0]',
    'aws_eks_cluster.main.identity[0]',
    'aws_eks_cluster.main.identity',
    'aws_eks_cluster.main',
  ];
  /** A trust document read at apply: each condition `[test, values, references of its variable]`. */
  const irsaRole = (key, conditions) => {
    e.resource(`data.aws_iam_policy_document.${key}`, {
      actions: ['read'],
      after: {
        override_policy_documents: null,
        source_policy_documents: null,
        policy_id: null,
        version: null,
        statement: [
          {
            actions: ['sts:AssumeRoleWithWebIdentity'],
            effect: 'Allow',
            condition: conditions.map(([test, values]) => ({ test, values })),
            principals: [{ type: 'Federated' }],
            not_actions: null,
            not_principals: [],
            not_resources: null,
            resources: null,
            sid: null,
          },
        ],
      },
      unknownTree: {
        id: true,
        json: true,
        minified_json: true,
        statement: [
          {
            actions: [false],
            condition: conditions.map(([, values]) => ({ values: values.map(() => false), variable: true })),
            not_principals: [],
            principals: [{ identifiers: true }],
          },
        ],
      },
      reason: 'read_because_config_unknown',
      config: {
        statement: [
          {
            actions: constant(['sts:AssumeRoleWithWebIdentity']),
            effect: constant('Allow'),
            principals: [
              {
                type: constant('Federated'),
                identifiers: ref('aws_iam_openid_connect_provider.eks', 'arn'),
              },
            ],
            condition: conditions.map(([test, values, variable]) => ({
              test: constant(test),
              values: constant(values),
              variable: { references: variable },
            })),
          },
        ],
      },
    });
    e.create(
      `aws_iam_role.${key}`,
      role(key.replace(/_/g, '-'), null),
      {
        name: constant(key.replace(/_/g, '-')),
        assume_role_policy: ref(`data.aws_iam_policy_document.${key}`, 'json'),
      },
      { unknown: [...ROLE_UNKNOWN, 'assume_role_policy'] },
    );
  };
  // the VPC CNI's service account, `sub` and `aud` in two condition blocks
  irsaRole('vpc_cni', [
    ['StringEquals', ['system:serviceaccount:kube-system:aws-node'], URL],
    ['StringEquals', ['sts.amazonaws.com'], URL],
  ]);
  // the key built from the cluster's issuer directly, not the provider's URL
  irsaRole('ebs_csi', [['StringEquals', ['system:serviceaccount:kube-system:ebs-csi-controller-sa'], ISSUER]]);
  irsaRole('any_service_account', [
    ['StringLike', ['system:serviceaccount:*:*'], URL],
    ['StringEquals', ['sts.amazonaws.com'], URL],
  ]);
  irsaRole('audience_only', [['StringEquals', ['sts.amazonaws.com'], URL]]);
  // a value of no documented claim: which claim the key names cannot be told
  irsaRole('unknown_claim', [['StringEquals', ['payments'], URL]]);
  // tests under which a service account or the audience does not tell the claim: a negated test
  // passes tokens of any other claim, a set or `...IfExists` test tokens without it, and `sts.*`
  // is no value of `aud` alone
  irsaRole('not_equals', [['StringNotEquals', ['system:serviceaccount:kube-system:aws-node'], URL]]);
  irsaRole('for_any_value', [['ForAnyValue:StringLike', ['system:serviceaccount:kube-system:*'], URL]]);
  irsaRole('like_if_exists', [['StringLikeIfExists', ['system:serviceaccount:kube-system:aws-node'], URL]]);
  irsaRole('audience_pattern', [['StringLike', ['sts.*'], URL]]);
  // a key built from the cluster's endpoint, not its issuer: no token issuer is named
  irsaRole('endpoint_key', [
    [
      'StringEquals',
      ['system:serviceaccount:kube-system:aws-node'],
      ['aws_eks_cluster.main.endpoint', 'aws_eks_cluster.main'],
    ],
  ]);
  plans['irsa-same-plan.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 4. Karpenter's controller role (EKS Pod Identity) with the controller policy Karpenter documents
//    for v1: launches and tags only under the cluster's request tags, deletes only what carries
//    them, passes only the node role, to EC2
{
  const e = new Estate('1.9.8');
  const CLUSTER = 'main';
  const ec2 = (type, account = '*') => `arn:aws:ec2:${REGION}:${account}:${type}/*`;
  const owned = {
    [`aws:RequestTag/kubernetes.io/cluster/${CLUSTER}`]: 'owned',
    'aws:RequestTag/eks:eks-cluster-name': CLUSTER,
  };
  const ownedResource = { [`aws:ResourceTag/kubernetes.io/cluster/${CLUSTER}`]: 'owned' };
  const launched = [
    'fleet',
    'instance',
    'volume',
    'network-interface',
    'launch-template',
    'spot-instances-request',
  ].map((t) => ec2(t));
  const profile = `arn:aws:iam::${ACCOUNT}:instance-profile/*`;
  const controller = policy(
    allow(
      ['ec2:RunInstances', 'ec2:CreateFleet'],
      [
        `arn:aws:ec2:${REGION}::image/*`,
        `arn:aws:ec2:${REGION}::snapshot/*`,
        ec2('security-group'),
        ec2('subnet'),
        ec2('capacity-reservation'),
      ],
    ),
    allow(['ec2:RunInstances', 'ec2:CreateFleet'], ec2('launch-template'), {
      Condition: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    }),
    allow(['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'], launched, {
      Condition: { StringEquals: owned, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
    }),
    allow('ec2:CreateTags', launched, {
      Condition: {
        StringEquals: { ...owned, 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    }),
    allow('ec2:CreateTags', ec2('instance'), {
      Condition: {
        StringEquals: ownedResource,
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': CLUSTER },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    }),
    allow(['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'], [ec2('instance'), ec2('launch-template')], {
      Condition: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    }),
    allow(
      [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      '*',
      { Condition: { StringEquals: { 'aws:RequestedRegion': REGION } } },
    ),
    allow('ssm:GetParameter', `arn:aws:ssm:${REGION}::parameter/aws/service/*`),
    allow('pricing:GetProducts', '*'),
    allow(
      ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      `arn:aws:sqs:${REGION}:${ACCOUNT}:Karpenter-${CLUSTER}`,
    ),
    allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/karpenter-node-${CLUSTER}`, {
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    }),
    allow('iam:CreateInstanceProfile', profile, {
      Condition: {
        StringEquals: { ...owned, 'aws:RequestTag/topology.kubernetes.io/region': REGION },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    }),
    allow('iam:TagInstanceProfile', profile, {
      Condition: {
        StringEquals: {
          ...ownedResource,
          'aws:ResourceTag/topology.kubernetes.io/region': REGION,
          ...owned,
          'aws:RequestTag/topology.kubernetes.io/region': REGION,
        },
        StringLike: {
          'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*',
          'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*',
        },
      },
    }),
    allow(['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'], profile, {
      Condition: {
        StringEquals: { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': REGION },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    }),
    allow('iam:GetInstanceProfile', profile),
    allow('eks:DescribeCluster', `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`),
  );
  roleWithPolicies(
    e,
    'karpenter_controller',
    trust({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']),
    { controller },
  );
  plans['karpenter.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
