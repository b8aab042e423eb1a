/**
 * Writes the plans of this folder (`node integ/tf-scan/survey22/build-plans.js`): IAM idioms as
 * Terraform users write them (terraform-aws-modules/eks v20 with its karpenter submodule, lambda
 * and s3-bucket module policies, third-party integration roles and CI federation, SCPs, permission
 * sets and service-linked roles, update plans), laid out by `../estates/estate-builder.js`. See
 * README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');
const { iamArn, managed, allow } = require('../plan-parts');

const SHARED = '444455556666';
const PARTNER = '777788889999';
const DATADOG = '464622532012';
const ELB_EU_WEST_1 = '156460612806';
const CLUSTER = 'platform';
const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const deny = (Action, Resource, extra = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
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
/** A role named by `name_prefix`: its name, and so its ARN, only apply knows. */
const PREFIXED_UNKNOWN = [...ROLE_UNKNOWN, 'name'];

/** A statement of an `aws_iam_policy_document` data source as the plan shows it. */
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
const cond = (test, variable, values) => ({ test, variable, values });

/** A document data source read at apply (an argument is known only then): `json` unknown. */
function document(e, address, statements, unknownStatements, config = {}, extra = {}) {
  e.resource(address, {
    actions: ['read'],
    after: {
      override_policy_documents: null,
      source_policy_documents: null,
      policy_id: null,
      version: null,
      statement: statements,
    },
    unknownTree: { id: true, json: true, minified_json: true, statement: unknownStatements },
    reason: 'read_because_config_unknown',
    config,
    ...extra,
  });
}

const plans = {};

// ---------------------------------------------------------------------------------------------
// 1. terraform-aws-modules/eks v20: cluster role, managed node group role, cluster creator access,
//    and the karpenter submodule (Pod Identity controller role, node role, interruption queue)
{
  const e = new Estate('1.9.8');
  e.module('eks', { source: 'terraform-aws-modules/eks/aws' });
  e.create(
    'module.eks.aws_iam_role.this[0]',
    role(
      undefined,
      trust({ Service: 'eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession'], { Sid: 'EKSClusterAssumeRole' }),
      { name_prefix: `${CLUSTER}-cluster-`, arn: undefined, id: undefined },
    ),
    {
      name_prefix: ref('var.iam_role_name'),
      assume_role_policy: ref('data.aws_iam_policy_document.assume_role_policy[0]', 'json'),
    },
    { unknown: PREFIXED_UNKNOWN, count: ref('local.create_iam_role') },
  );
  for (const name of ['AmazonEKSClusterPolicy', 'AmazonEKSVPCResourceController'])
    e.create(
      `module.eks.aws_iam_role_policy_attachment.this["${name}"]`,
      { policy_arn: managed(name) },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('each.value') },
      { unknown: ['id', 'role'], forEach: ref('local.iam_role_policy_attachments') },
    );
  // cluster encryption with a key given by the caller (`create_kms_key = false`)
  const key = arn('kms', 'key/0b7e1c1a-3f2d-4e5b-9a8c-1d2e3f4a5b6c');
  e.create(
    'module.eks.aws_iam_policy.cluster_encryption[0]',
    {
      name_prefix: `${CLUSTER}-cluster-ClusterEncryption`,
      path: '/',
      description: 'Cluster encryption policy to allow cluster role to utilize CMK provided',
      policy: policy(allow(['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], key)),
      tags: {},
    },
    { name_prefix: ref('local.cluster_encryption_policy_name'), policy: ref('var.cluster_encryption_config') },
    {
      unknown: ['arn', 'id', 'name', 'policy_id', 'attachment_count', 'tags_all'],
      count: ref('local.create_iam_role'),
    },
  );
  e.create(
    'module.eks.aws_iam_role_policy_attachment.cluster_encryption[0]',
    {},
    { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('aws_iam_policy.cluster_encryption[0]', 'arn') },
    { unknown: ['id', 'role', 'policy_arn'], count: ref('local.create_iam_role') },
  );
  // enable_cluster_creator_admin_permissions: the caller's role, read at plan time
  const creator = iamArn('role', 'terraform-ci');
  e.create(
    'module.eks.aws_eks_access_entry.this["cluster_creator"]',
    { cluster_name: CLUSTER, principal_arn: creator, type: 'STANDARD', tags: {} },
    { cluster_name: ref('aws_eks_cluster.this[0]', 'id'), principal_arn: ref('each.value.principal_arn') },
    {
      unknown: ['id', 'access_entry_arn', 'created_at', 'kubernetes_groups', 'user_name', 'tags_all'],
      forEach: ref('local.merged_access_entries'),
    },
  );
  e.create(
    'module.eks.aws_eks_access_policy_association.this["cluster_creator_admin"]',
    {
      cluster_name: CLUSTER,
      principal_arn: creator,
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: [{ type: 'cluster', namespaces: [] }],
    },
    {
      cluster_name: ref('aws_eks_cluster.this[0]', 'id'),
      principal_arn: ref('aws_eks_access_entry.this', 'principal_arn'),
      policy_arn: ref('each.value.association_policy_arn'),
    },
    { unknown: ['id', 'associated_at', 'modified_at'], forEach: ref('local.flattened_access_entries') },
  );

  // eks-managed-node-group: name_prefix role with the three node policies, keyed by ARN
  const ng = 'module.eks.module.eks_managed_node_group["default"]';
  e.module('eks.eks_managed_node_group', {
    source: './modules/eks-managed-node-group',
    forEach: ref('var.eks_managed_node_groups'),
  });
  e.create(
    `${ng}.aws_iam_role.this[0]`,
    role(undefined, trust({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRole', { Sid: 'EKSNodeAssumeRole' }), {
      name_prefix: 'default-eks-node-group-',
      arn: undefined,
      id: undefined,
    }),
    {
      name_prefix: ref('var.iam_role_name'),
      assume_role_policy: ref('data.aws_iam_policy_document.assume_role_policy[0]', 'json'),
    },
    { unknown: PREFIXED_UNKNOWN, count: ref('local.create_iam_role') },
  );
  const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'];
  for (const name of nodePolicies)
    e.create(
      `${ng}.aws_iam_role_policy_attachment.this["${managed(name)}"]`,
      { policy_arn: managed(name) },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: ref('each.value') },
      { unknown: ['id', 'role'], forEach: ref('local.iam_role_policy_attachments') },
    );

  // karpenter submodule (v20 defaults: Pod Identity, name_prefix roles, v1 controller policy)
  e.module('karpenter', { source: 'terraform-aws-modules/eks/aws//modules/karpenter' });
  e.create(
    'module.karpenter.aws_iam_role.controller[0]',
    role(
      undefined,
      trust({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession'], { Sid: 'PodIdentity' }),
      {
        name_prefix: 'KarpenterController-',
        arn: undefined,
        id: undefined,
        description: 'Karpenter controller IAM role',
      },
    ),
    {
      name_prefix: ref('var.iam_role_name'),
      assume_role_policy: ref('data.aws_iam_policy_document.controller_assume_role[0]', 'json'),
    },
    { unknown: PREFIXED_UNKNOWN, count: ref('local.create_iam_role') },
  );
  e.create(
    'module.karpenter.aws_iam_role.node[0]',
    role(undefined, trust({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRole', { Sid: 'EKSNodeAssumeRole' }), {
      name_prefix: `Karpenter-${CLUSTER}-`,
      arn: undefined,
      id: undefined,
    }),
    {
      name_prefix: ref('local.node_iam_role_name'),
      assume_role_policy: ref('data.aws_iam_policy_document.node_assume_role[0]', 'json'),
    },
    { unknown: PREFIXED_UNKNOWN, count: ref('local.create_node_iam_role') },
  );
  for (const name of nodePolicies)
    e.create(
      `module.karpenter.aws_iam_role_policy_attachment.node["${name}"]`,
      { policy_arn: managed(name) },
      { role: ref('aws_iam_role.node[0]', 'name'), policy_arn: ref('each.value') },
      { unknown: ['id', 'role'], forEach: ref('local.node_iam_role_policies') },
    );
  e.create(
    'module.karpenter.aws_sqs_queue.this[0]',
    { name: `Karpenter-${CLUSTER}`, message_retention_seconds: 300, sqs_managed_sse_enabled: true, tags: {} },
    { name: ref('local.queue_name') },
    { unknown: ['arn', 'id', 'url', 'policy', 'tags_all'], count: ref('local.enable_spot_termination') },
  );
  // the controller policy (`enable_v1_permissions = true`): ARNs of the region and cluster, the
  // node role (name_prefix) and the queue only apply knows
  const ec2 = (rest) => `arn:aws:ec2:${REGION}:*:${rest}`;
  const owned = [cond('StringEquals', `aws:RequestTag/kubernetes.io/cluster/${CLUSTER}`, ['owned'])];
  const ownedRes = [cond('StringEquals', `aws:ResourceTag/kubernetes.io/cluster/${CLUSTER}`, ['owned'])];
  const regionTag = [cond('StringEquals', 'aws:RequestTag/eks:eks-cluster-name', [CLUSTER])];
  const taggedTypes = [
    'fleet/*',
    'instance/*',
    'volume/*',
    'network-interface/*',
    'launch-template/*',
    'spot-instances-request/*',
  ];
  const instanceProfile = `arn:aws:iam::${ACCOUNT}:instance-profile/*`;
  const controllerStatements = [
    stmt(
      'AllowScopedEC2InstanceAccessActions',
      'Allow',
      ['ec2:CreateFleet', 'ec2:RunInstances'],
      [`arn:aws:ec2:${REGION}::image/*`, `arn:aws:ec2:${REGION}::snapshot/*`, ec2('security-group/*'), ec2('subnet/*')],
    ),
    stmt(
      'AllowScopedEC2LaunchTemplateAccessActions',
      'Allow',
      ['ec2:CreateFleet', 'ec2:RunInstances'],
      [ec2('launch-template/*')],
      {
        condition: [...ownedRes, cond('StringLike', 'aws:ResourceTag/karpenter.sh/nodepool', ['*'])],
      },
    ),
    stmt(
      'AllowScopedEC2InstanceActionsWithTags',
      'Allow',
      ['ec2:CreateFleet', 'ec2:CreateLaunchTemplate', 'ec2:RunInstances'],
      taggedTypes.map(ec2),
      {
        condition: [...owned, ...regionTag, cond('StringLike', 'aws:RequestTag/karpenter.sh/nodepool', ['*'])],
      },
    ),
    stmt('AllowScopedResourceCreationTagging', 'Allow', ['ec2:CreateTags'], taggedTypes.map(ec2), {
      condition: [
        ...owned,
        ...regionTag,
        cond('StringEquals', 'ec2:CreateAction', ['CreateFleet', 'CreateLaunchTemplate', 'RunInstances']),
        cond('StringLike', 'aws:RequestTag/karpenter.sh/nodepool', ['*']),
      ],
    }),
    stmt('AllowScopedResourceTagging', 'Allow', ['ec2:CreateTags'], [ec2('instance/*')], {
      condition: [
        ...ownedRes,
        cond('StringLike', 'aws:ResourceTag/karpenter.sh/nodepool', ['*']),
        cond('StringEqualsIfExists', 'aws:RequestTag/eks:eks-cluster-name', [CLUSTER]),
        cond('ForAllValues:StringEquals', 'aws:TagKeys', ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name']),
      ],
    }),
    stmt(
      'AllowScopedDeletion',
      'Allow',
      ['ec2:DeleteLaunchTemplate', 'ec2:TerminateInstances'],
      [ec2('instance/*'), ec2('launch-template/*')],
      {
        condition: [...ownedRes, cond('StringLike', 'aws:ResourceTag/karpenter.sh/nodepool', ['*'])],
      },
    ),
    stmt(
      'AllowRegionalReadActions',
      'Allow',
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
      ['*'],
      { condition: [cond('StringEquals', 'aws:RequestedRegion', [REGION])] },
    ),
    stmt('AllowSSMReadActions', 'Allow', ['ssm:GetParameter'], [`arn:aws:ssm:${REGION}::parameter/aws/service/*`]),
    stmt('AllowPricingReadActions', 'Allow', ['pricing:GetProducts'], ['*']),
    stmt(
      'AllowInterruptionQueueActions',
      'Allow',
      ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      [null],
    ),
    stmt('AllowPassingInstanceRole', 'Allow', ['iam:PassRole'], [null], {
      condition: [cond('StringEquals', 'iam:PassedToService', ['ec2.amazonaws.com'])],
    }),
    stmt('AllowScopedInstanceProfileCreationActions', 'Allow', ['iam:CreateInstanceProfile'], [instanceProfile], {
      condition: [
        ...owned,
        ...regionTag,
        cond('StringEquals', 'aws:RequestTag/topology.kubernetes.io/region', [REGION]),
        cond('StringLike', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass', ['*']),
      ],
    }),
    stmt('AllowScopedInstanceProfileTagActions', 'Allow', ['iam:TagInstanceProfile'], [instanceProfile], {
      condition: [
        ...ownedRes,
        cond('StringEquals', 'aws:ResourceTag/topology.kubernetes.io/region', [REGION]),
        ...owned,
        ...regionTag,
        cond('StringEquals', 'aws:RequestTag/topology.kubernetes.io/region', [REGION]),
        cond('StringLike', 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass', ['*']),
        cond('StringLike', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass', ['*']),
      ],
    }),
    stmt(
      'AllowScopedInstanceProfileActions',
      'Allow',
      ['iam:AddRoleToInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:RemoveRoleFromInstanceProfile'],
      [instanceProfile],
      {
        condition: [
          ...ownedRes,
          cond('StringEquals', 'aws:ResourceTag/topology.kubernetes.io/region', [REGION]),
          cond('StringLike', 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass', ['*']),
        ],
      },
    ),
    stmt('AllowInstanceProfileReadActions', 'Allow', ['iam:GetInstanceProfile'], [instanceProfile]),
    stmt('AllowAPIServerEndpointDiscovery', 'Allow', ['eks:DescribeCluster'], [arn('eks', `cluster/${CLUSTER}`)]),
  ];
  document(
    e,
    'module.karpenter.data.aws_iam_policy_document.controller[0]',
    controllerStatements,
    controllerStatements.map((s) => (s.resources[0] === null ? { resources: [true] } : {})),
    {
      statement: [
        {
          sid: constant('AllowPassingInstanceRole'),
          actions: constant(['iam:PassRole']),
          resources: ref('local.node_iam_role_arn'),
        },
      ],
    },
    { count: ref('local.create_iam_role') },
  );
  e.create(
    'module.karpenter.aws_iam_policy.controller[0]',
    { name_prefix: 'KarpenterController-', path: '/', description: 'Karpenter controller IAM policy', tags: {} },
    { name_prefix: ref('var.iam_policy_name'), policy: ref('data.aws_iam_policy_document.controller[0]', 'json') },
    {
      unknown: ['arn', 'id', 'name', 'policy', 'policy_id', 'attachment_count', 'tags_all'],
      count: ref('local.create_iam_role'),
    },
  );
  e.create(
    'module.karpenter.aws_iam_role_policy_attachment.controller[0]',
    {},
    { role: ref('aws_iam_role.controller[0]', 'name'), policy_arn: ref('aws_iam_policy.controller[0]', 'arn') },
    { unknown: ['id', 'role', 'policy_arn'], count: ref('local.create_iam_role') },
  );
  e.create(
    'module.karpenter.aws_eks_pod_identity_association.karpenter[0]',
    { cluster_name: CLUSTER, namespace: 'kube-system', service_account: 'karpenter', tags: {} },
    { cluster_name: ref('var.cluster_name'), role_arn: ref('aws_iam_role.controller[0]', 'arn') },
    {
      unknown: ['id', 'association_arn', 'association_id', 'role_arn', 'tags_all'],
      count: ref('local.create_pod_identity_association'),
    },
  );
  e.create(
    'module.karpenter.aws_eks_access_entry.node[0]',
    { cluster_name: CLUSTER, type: 'EC2_LINUX', tags: {} },
    { cluster_name: ref('var.cluster_name'), principal_arn: ref('aws_iam_role.node[0]', 'arn') },
    {
      unknown: ['id', 'access_entry_arn', 'principal_arn', 'created_at', 'kubernetes_groups', 'user_name', 'tags_all'],
      count: ref('var.create_access_entry'),
    },
  );
  // the interruption queue: EventBridge and SQS may send, plain HTTP is denied
  const queueStatements = [
    stmt('SqsWrite', 'Allow', ['sqs:SendMessage'], [null], {
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com', 'sqs.amazonaws.com'] }],
    }),
    stmt('DenyHTTP', 'Deny', ['sqs:*'], [null], {
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      condition: [cond('Bool', 'aws:SecureTransport', ['false'])],
    }),
  ];
  document(
    e,
    'module.karpenter.data.aws_iam_policy_document.queue[0]',
    queueStatements,
    queueStatements.map(() => ({ resources: [true] })),
    { statement: [{ sid: constant('SqsWrite'), resources: ref('aws_sqs_queue.this[0]', 'arn') }] },
    { count: ref('local.enable_spot_termination') },
  );
  e.create(
    'module.karpenter.aws_sqs_queue_policy.this[0]',
    {},
    { queue_url: ref('aws_sqs_queue.this[0]', 'url'), policy: ref('data.aws_iam_policy_document.queue[0]', 'json') },
    { unknown: ['id', 'queue_url', 'policy'], count: ref('local.enable_spot_termination') },
  );

  // a controller role written by hand from an old getting-started guide: IRSA, PassRole on `*`,
  // instances terminated anywhere
  const issuer = `oidc.eks.${REGION}.amazonaws.com/id/5C3F0E2B7A9D41E6B8C1A2D3E4F50617`;
  e.create(
    'aws_iam_role.karpenter_legacy',
    role(
      'karpenter-legacy',
      trust({ Federated: iamArn('oidc-provider', issuer) }, 'sts:AssumeRoleWithWebIdentity', {
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: 'system:serviceaccount:karpenter:karpenter',
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      }),
    ),
    {
      name: constant('karpenter-legacy'),
      assume_role_policy: ref('data.aws_iam_policy_document.karpenter_irsa', 'json'),
    },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_role_policy.karpenter_legacy',
    {
      name: 'karpenter',
      role: 'karpenter-legacy',
      policy: policy(
        allow(
          [
            'ec2:CreateFleet',
            'ec2:CreateLaunchTemplate',
            'ec2:CreateTags',
            'ec2:DeleteLaunchTemplate',
            'ec2:RunInstances',
            'ec2:TerminateInstances',
            'ec2:DescribeInstances',
            'ec2:DescribeSubnets',
            'ssm:GetParameter',
            'pricing:GetProducts',
            'iam:PassRole',
          ],
          '*',
          { Sid: 'Karpenter' },
        ),
      ),
    },
    { name: constant('karpenter'), role: ref('aws_iam_role.karpenter_legacy', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  plans['eks-karpenter.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 2. terraform-aws-modules/lambda policies (`attach_policy_json`, `attach_policy_statements`) and
//    terraform-aws-modules/s3-bucket policies of the `attach_*_policy` switches
{
  const e = new Estate('1.9.8');
  const lambda = (key, fn, json, statements, documentRead) => {
    const m = `module.${key}`;
    e.module(key, { source: 'terraform-aws-modules/lambda/aws' });
    e.create(
      `${m}.aws_iam_role.lambda[0]`,
      role(fn, trust({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole')),
      { name: ref('local.role_name'), assume_role_policy: ref('data.aws_iam_policy_document.assume_role[0]', 'json') },
      { unknown: ROLE_UNKNOWN, count: ref('local.create_role') },
    );
    const logGroup = arn('logs', `log-group:/aws/lambda/${fn}`);
    const policies = {
      logs: policy(
        allow(
          ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          [`${logGroup}:*`, `${logGroup}:*:*`],
        ),
      ),
      additional_json: json,
      additional_inline: documentRead ? undefined : statements,
    };
    for (const [name, text] of Object.entries(policies)) {
      e.create(
        `${m}.aws_iam_policy.${name}[0]`,
        {
          name: name === 'logs' ? `${fn}-logs` : `${fn}-${name === 'additional_json' ? 'json' : 'inline'}`,
          path: '/',
          ...(text === undefined ? {} : { policy: text }),
          tags: {},
        },
        {
          name: ref('local.policy_name'),
          policy:
            name === 'additional_json'
              ? ref('var.policy_json')
              : ref(`data.aws_iam_policy_document.${name}[0]`, 'json'),
        },
        {
          unknown: [
            'arn',
            'id',
            'policy_id',
            'attachment_count',
            'tags_all',
            ...(text === undefined ? ['policy'] : []),
          ],
          count: ref(`local.create_role`),
        },
      );
      e.create(
        `${m}.aws_iam_role_policy_attachment.${name}[0]`,
        { role: fn },
        { role: ref('aws_iam_role.lambda[0]', 'name'), policy_arn: ref(`aws_iam_policy.${name}[0]`, 'arn') },
        { unknown: ['id', 'policy_arn'], count: ref('local.create_role') },
      );
    }
    if (documentRead !== undefined) documentRead(m);
  };
  // orders: a queue by `policy_json`, one table and one prefix by `policy_statements` (all known)
  lambda(
    'orders_fn',
    'orders-fn',
    policy(allow('sqs:SendMessage', arn('sqs', 'orders-events'))),
    policy(
      allow(
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        [arn('dynamodb', 'table/orders'), arn('dynamodb', 'table/orders/index/*')],
        { Sid: 'dynamodb' },
      ),
      allow('s3:GetObject', 'arn:aws:s3:::acme-orders/incoming/*', { Sid: 's3read' }),
    ),
  );
  // etl: `policy_json` with `s3:*` on `*`; a statement of the map on a table of the plan (read at apply)
  lambda('etl_fn', 'etl-fn', policy(allow(['s3:*'], '*')), undefined, (m) => {
    const statements = [
      stmt('dynamodb', 'Allow', ['dynamodb:BatchWriteItem', 'dynamodb:PutItem'], [null]),
      stmt('secrets', 'Allow', ['secretsmanager:GetSecretValue'], [arn('secretsmanager', 'secret:etl/*')]),
    ];
    document(
      e,
      `${m}.data.aws_iam_policy_document.additional_inline[0]`,
      statements,
      [{ resources: [true] }, {}],
      {},
      {
        count: ref('local.create_role'),
      },
    );
  });
  e.create(
    'aws_dynamodb_table.facts',
    { name: 'facts', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST', tags: {} },
    { name: constant('facts') },
    { unknown: ['arn', 'id', 'stream_arn', 'tags_all'] },
  );

  // s3-bucket: ELB (the region's ELB account), NLB log delivery, server access logs from two
  // buckets of the account, deny plain HTTP and TLS older than 1.2, all in one combined document
  const bucketPolicy = (key, bucket, statements) => {
    e.module(key, { source: 'terraform-aws-modules/s3-bucket/aws' });
    e.create(
      `module.${key}.aws_s3_bucket.this[0]`,
      { bucket, force_destroy: false, object_lock_enabled: false, tags: {} },
      { bucket: ref('var.bucket') },
      { unknown: ['arn', 'id', 'bucket_domain_name', 'policy', 'tags_all'], count: ref('local.create_bucket') },
    );
    e.create(
      `module.${key}.aws_s3_bucket_policy.this[0]`,
      { bucket, policy: policy(...statements) },
      { bucket: ref('aws_s3_bucket.this[0]', 'id'), policy: ref('data.aws_iam_policy_document.combined[0]', 'json') },
      { unknown: ['id'], count: ref('local.attach_policy') },
    );
  };
  const b = 'acme-logs-111122223333';
  const secure = (bucket) => [
    deny('s3:*', [`arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}`], {
      Sid: 'denyInsecureTransport',
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
    deny('s3:*', [`arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}`], {
      Sid: 'denyOutdatedTLS',
      Principal: { AWS: '*' },
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    }),
  ];
  bucketPolicy('log_bucket', b, [
    allow('s3:PutObject', `arn:aws:s3:::${b}/*`, {
      Sid: 'ELBRegionEu-West-1',
      Principal: { AWS: `arn:aws:iam::${ELB_EU_WEST_1}:root` },
    }),
    allow('s3:PutObject', `arn:aws:s3:::${b}/*`, {
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
    }),
    allow('s3:PutObject', `arn:aws:s3:::${b}/*`, {
      Sid: 'AlbNlbLogDeliveryWrite',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
    allow(['s3:GetBucketAcl', 's3:ListBucket'], `arn:aws:s3:::${b}`, {
      Sid: 'AlbNlbLogDeliveryAclCheck',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
    }),
    allow('s3:PutObject', `arn:aws:s3:::${b}/*`, {
      Sid: 'AWSAccessLogDeliveryWrite',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: {
        'ForAnyValue:ArnLike': { 'aws:SourceArn': ['arn:aws:s3:::acme-site', 'arn:aws:s3:::acme-orders'] },
        'ForAnyValue:StringEquals': { 'aws:SourceAccount': ACCOUNT },
      },
    }),
    allow('s3:GetBucketAcl', `arn:aws:s3:::${b}`, {
      Sid: 'AWSAccessLogDeliveryAclCheck',
      Principal: { Service: 'logging.s3.amazonaws.com' },
    }),
    ...secure(b),
  ]);
  // access log delivery with no source bucket or account given (the module then writes no condition)
  const a = 'acme-audit-logs';
  bucketPolicy('audit_bucket', a, [
    allow('s3:PutObject', `arn:aws:s3:::${a}/*`, {
      Sid: 'AWSAccessLogDeliveryWrite',
      Principal: { Service: 'logging.s3.amazonaws.com' },
    }),
    allow('s3:GetBucketAcl', `arn:aws:s3:::${a}`, {
      Sid: 'AWSAccessLogDeliveryAclCheck',
      Principal: { Service: 'logging.s3.amazonaws.com' },
    }),
    ...secure(a),
  ]);
  plans['lambda-s3.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 3. Third-party integration roles (vendor account + sts:ExternalId) and CI federation
{
  const e = new Estate('1.9.8');
  const attachTo = (roleKey, name, policyArn) =>
    e.create(
      `aws_iam_role_policy_attachment.${roleKey}`,
      { role: name, policy_arn: policyArn },
      { role: ref(`aws_iam_role.${roleKey}`, 'name'), policy_arn: constant(policyArn) },
      { unknown: ['id'] },
    );
  // Datadog: the external ID the Datadog provider returns (known after apply), read at apply
  e.create(
    'datadog_integration_aws_account.main',
    { aws_account_id: ACCOUNT, aws_partition: 'aws' },
    { aws_account_id: constant(ACCOUNT) },
    { unknown: ['id', 'auth_config'] },
  );
  document(
    e,
    'data.aws_iam_policy_document.datadog_trust',
    [
      stmt(null, 'Allow', ['sts:AssumeRole'], null, {
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${DATADOG}:root`] }],
        condition: [cond('StringEquals', 'sts:ExternalId', [null])],
      }),
    ],
    [{ condition: [{ values: [true] }] }],
    {
      statement: [
        {
          actions: constant(['sts:AssumeRole']),
          principals: [{ type: constant('AWS'), identifiers: constant([`arn:aws:iam::${DATADOG}:root`]) }],
          condition: [
            {
              test: constant('StringEquals'),
              variable: constant('sts:ExternalId'),
              values: ref('datadog_integration_aws_account.main', 'auth_config'),
            },
          ],
        },
      ],
    },
  );
  e.create(
    'aws_iam_role.datadog',
    { ...role('DatadogIntegrationRole', 'x'), assume_role_policy: undefined },
    {
      name: constant('DatadogIntegrationRole'),
      assume_role_policy: ref('data.aws_iam_policy_document.datadog_trust', 'json'),
    },
    { unknown: [...ROLE_UNKNOWN, 'assume_role_policy'] },
  );
  attachTo('datadog', 'DatadogIntegrationRole', managed('SecurityAudit'));
  // the same trust copied without the external ID
  e.create(
    'aws_iam_role.datadog_legacy',
    role('DatadogLegacy', trust({ AWS: `arn:aws:iam::${DATADOG}:root` })),
    { name: constant('DatadogLegacy'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  attachTo('datadog_legacy', 'DatadogLegacy', managed('SecurityAudit'));
  // Snowflake storage integration: its IAM user and external ID, known from the integration's state
  const sfUser = 'arn:aws:iam::123456789001:user/abc10000-s';
  e.create(
    'aws_iam_role.snowflake',
    role(
      'snowflake-load',
      trust({ AWS: sfUser }, 'sts:AssumeRole', {
        Condition: { StringEquals: { 'sts:ExternalId': 'ACME_SFCRole=2_a1b2c3d4e5f6g7h8i9j0k1l2m3n=' } },
      }),
    ),
    {
      name: constant('snowflake-load'),
      assume_role_policy: ref('snowflake_storage_integration.s3', 'storage_aws_iam_user_arn'),
    },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'aws_iam_role_policy.snowflake',
    {
      name: 'stage',
      role: 'snowflake-load',
      policy: policy(
        allow(
          ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
          'arn:aws:s3:::acme-stage/load/*',
        ),
        allow(['s3:ListBucket', 's3:GetBucketLocation'], 'arn:aws:s3:::acme-stage', {
          Condition: { StringLike: { 's3:prefix': ['load/*'] } },
        }),
      ),
    },
    { name: constant('stage'), role: ref('aws_iam_role.snowflake', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  // the same integration on its first apply: the integration is created in this plan, its IAM
  // user and external ID known only after apply
  e.create(
    'snowflake_storage_integration.s3',
    { name: 'S3_LOAD', type: 'EXTERNAL_STAGE', storage_provider: 'S3', enabled: true },
    { name: constant('S3_LOAD') },
    { unknown: ['id', 'storage_aws_iam_user_arn', 'storage_aws_external_id', 'storage_aws_role_arn'] },
  );
  document(
    e,
    'data.aws_iam_policy_document.snowflake_new_trust',
    [
      stmt(null, 'Allow', ['sts:AssumeRole'], null, {
        principals: [{ type: 'AWS', identifiers: [null] }],
        condition: [cond('StringEquals', 'sts:ExternalId', [null])],
      }),
    ],
    [{ principals: [{ identifiers: [true] }], condition: [{ values: [true] }] }],
    {
      statement: [
        {
          actions: constant(['sts:AssumeRole']),
          principals: [
            { type: constant('AWS'), identifiers: ref('snowflake_storage_integration.s3', 'storage_aws_iam_user_arn') },
          ],
          condition: [
            {
              test: constant('StringEquals'),
              variable: constant('sts:ExternalId'),
              values: ref('snowflake_storage_integration.s3', 'storage_aws_external_id'),
            },
          ],
        },
      ],
    },
  );
  e.create(
    'aws_iam_role.snowflake_new',
    { ...role('snowflake-load-new', 'x'), assume_role_policy: undefined },
    {
      name: constant('snowflake-load-new'),
      assume_role_policy: ref('data.aws_iam_policy_document.snowflake_new_trust', 'json'),
    },
    { unknown: [...ROLE_UNKNOWN, 'assume_role_policy'] },
  );
  // Vault's AWS secrets engine from the shared-services account (trusted): no external ID needed
  e.create(
    'aws_iam_role.vault',
    role('vault-dynamic', trust({ AWS: `arn:aws:iam::${SHARED}:role/vault-server` })),
    { name: constant('vault-dynamic'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  // a partner's role (untrusted account) with an external ID
  e.create(
    'aws_iam_role.partner_audit',
    role(
      'partner-audit',
      trust({ AWS: `arn:aws:iam::${PARTNER}:role/auditor` }, 'sts:AssumeRole', {
        Condition: { StringEquals: { 'sts:ExternalId': 'f3b1c2d4-acme' } },
      }),
    ),
    { name: constant('partner-audit'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  attachTo('partner_audit', 'partner-audit', managed('SecurityAudit'));

  // OIDC: HCP Terraform, GitLab, Spacelift
  const oidc = (key, host, aud, test, sub) =>
    e.create(
      `aws_iam_role.${key}`,
      role(
        key.replace(/_/g, '-'),
        trust({ Federated: iamArn('oidc-provider', host) }, 'sts:AssumeRoleWithWebIdentity', {
          Condition: { StringEquals: { [`${host}:aud`]: aud }, [test]: { [`${host}:sub`]: sub } },
        }),
      ),
      { name: constant(key.replace(/_/g, '-')), assume_role_policy: LITERAL },
      { unknown: ROLE_UNKNOWN },
    );
  oidc(
    'tfc_apply',
    'app.terraform.io',
    'aws.workload.identity',
    'StringLike',
    'organization:acme:project:networking:workspace:prod-network:run_phase:apply',
  );
  oidc(
    'tfc_plan',
    'app.terraform.io',
    'aws.workload.identity',
    'StringLike',
    'organization:acme:project:networking:workspace:prod-network:run_phase:plan',
  );
  oidc(
    'tfc_any_org_project',
    'app.terraform.io',
    'aws.workload.identity',
    'StringLike',
    'organization:acme:project:*:workspace:*:run_phase:apply',
  );
  oidc(
    'gitlab_main',
    'gitlab.com',
    'https://gitlab.com',
    'StringEquals',
    'project_path:acme/infra:ref_type:branch:ref:main',
  );
  oidc('gitlab_group', 'gitlab.com', 'https://gitlab.com', 'StringLike', 'project_path:acme/*:ref_type:branch:ref:*');
  oidc(
    'spacelift_stack',
    'acme.app.spacelift.io',
    'acme.app.spacelift.io',
    'StringLike',
    'space:infra-01HX9W7ZQ4:stack:network:run_type:*:scope:write',
  );
  oidc(
    'spacelift_any',
    'acme.app.spacelift.io',
    'acme.app.spacelift.io',
    'StringLike',
    'space:*:stack:*:run_type:*:scope:*',
  );
  plans['vendor-trust.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 4. Organization SCPs, IAM Identity Center permission sets, service-linked roles
{
  const e = new Estate('1.9.8');
  const scp = (key, name, statements) =>
    e.create(
      `aws_organizations_policy.${key}`,
      {
        name,
        type: 'SERVICE_CONTROL_POLICY',
        description: '',
        skip_destroy: false,
        content: policy(...statements),
        tags: {},
      },
      {
        name: constant(name),
        type: constant('SERVICE_CONTROL_POLICY'),
        content: ref(`data.aws_iam_policy_document.${key}`, 'json'),
      },
      { unknown: ['arn', 'id', 'tags_all'] },
    );
  const breakGlass = [
    'arn:aws:iam::*:role/OrganizationAccountAccessRole',
    'arn:aws:iam::*:role/AWSControlTowerExecution',
  ];
  scp('region_guard', 'region-guard', [
    {
      Sid: 'DenyOutsideEU',
      Effect: 'Deny',
      NotAction: [
        'a4b:*',
        'budgets:*',
        'ce:*',
        'cloudfront:*',
        'globalaccelerator:*',
        'iam:*',
        'kms:*',
        'organizations:*',
        'route53:*',
        'sts:*',
        'support:*',
        'waf:*',
      ],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
        ArnNotLike: { 'aws:PrincipalArn': breakGlass },
      },
    },
  ]);
  scp('deny_leave', 'deny-leave', [deny('organizations:LeaveOrganization', '*', { Sid: 'DenyLeave' })]);
  scp('protect_security', 'protect-security', [
    deny(
      [
        'iam:AttachRolePolicy',
        'iam:DeleteRole',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
      ],
      ['arn:aws:iam::*:role/security-audit', 'arn:aws:iam::*:role/security/*'],
      {
        Sid: 'ProtectSecurityRoles',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/security-admin' } },
      },
    ),
  ]);
  for (const [key, target] of [
    ['region_guard', 'r-ab12'],
    ['deny_leave', 'r-ab12'],
    ['protect_security', 'ou-ab12-workload1'],
  ])
    e.create(
      `aws_organizations_policy_attachment.${key}`,
      { target_id: target, skip_destroy: false },
      { policy_id: ref(`aws_organizations_policy.${key}`, 'id'), target_id: constant(target) },
      { unknown: ['id', 'policy_id'] },
    );
  // permission sets: AdministratorAccess for the platform team, an inline policy for developers
  const instance = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
  for (const [key, name] of [
    ['admin', 'PlatformAdmin'],
    ['developer', 'Developer'],
  ])
    e.create(
      `aws_ssoadmin_permission_set.${key}`,
      { name, instance_arn: instance, session_duration: 'PT4H', description: '', relay_state: null, tags: {} },
      { name: constant(name), instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns') },
      { unknown: ['arn', 'id', 'created_date', 'tags_all'] },
    );
  e.create(
    'aws_ssoadmin_managed_policy_attachment.admin',
    { instance_arn: instance, managed_policy_arn: managed('AdministratorAccess') },
    {
      instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns'),
      permission_set_arn: ref('aws_ssoadmin_permission_set.admin', 'arn'),
      managed_policy_arn: constant(managed('AdministratorAccess')),
    },
    { unknown: ['id', 'permission_set_arn', 'managed_policy_name'] },
  );
  e.create(
    'aws_ssoadmin_permission_set_inline_policy.developer',
    {
      instance_arn: instance,
      inline_policy: policy(
        allow(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], arn('dynamodb', 'table/dev-*'), {
          Sid: 'DevTables',
        }),
        allow(['logs:GetLogEvents', 'logs:FilterLogEvents'], arn('logs', 'log-group:/aws/lambda/dev-*'), {
          Sid: 'DevLogs',
        }),
        deny('*', '*', { Sid: 'OnlyEU', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }),
      ),
    },
    {
      instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns'),
      permission_set_arn: ref('aws_ssoadmin_permission_set.developer', 'arn'),
      inline_policy: ref('data.aws_iam_policy_document.developer', 'json'),
    },
    { unknown: ['id', 'permission_set_arn'] },
  );
  // app builders: PowerUserAccess, and the roles of their apps (`app-*`) with any policy
  e.create(
    'aws_ssoadmin_permission_set.app_builder',
    {
      name: 'AppBuilder',
      instance_arn: instance,
      session_duration: 'PT4H',
      description: '',
      relay_state: null,
      tags: {},
    },
    { name: constant('AppBuilder'), instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns') },
    { unknown: ['arn', 'id', 'created_date', 'tags_all'] },
  );
  e.create(
    'aws_ssoadmin_permission_set_inline_policy.app_builder',
    {
      instance_arn: instance,
      inline_policy: policy(
        allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PassRole'], 'arn:aws:iam::*:role/app-*', {
          Sid: 'AppRoles',
        }),
      ),
    },
    {
      instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns'),
      permission_set_arn: ref('aws_ssoadmin_permission_set.app_builder', 'arn'),
      inline_policy: LITERAL,
    },
    { unknown: ['id', 'permission_set_arn'] },
  );
  e.create(
    'aws_ssoadmin_managed_policy_attachment.app_builder',
    { instance_arn: instance, managed_policy_arn: managed('PowerUserAccess') },
    {
      instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns'),
      permission_set_arn: ref('aws_ssoadmin_permission_set.app_builder', 'arn'),
      managed_policy_arn: constant(managed('PowerUserAccess')),
    },
    { unknown: ['id', 'permission_set_arn', 'managed_policy_name'] },
  );
  // a customer managed policy by name: each member account holds its own, the plan none
  e.create(
    'aws_ssoadmin_customer_managed_policy_attachment.developer',
    { instance_arn: instance, customer_managed_policy_reference: [{ name: 'developer-extra', path: '/platform/' }] },
    {
      instance_arn: ref('data.aws_ssoadmin_instances.this', 'arns'),
      permission_set_arn: ref('aws_ssoadmin_permission_set.developer', 'arn'),
      customer_managed_policy_reference: [{ name: constant('developer-extra'), path: constant('/platform/') }],
    },
    { unknown: ['id', 'permission_set_arn'] },
  );
  // service-linked roles: their permissions are the service's own
  for (const [key, service, suffix] of [
    ['autoscaling', 'autoscaling.amazonaws.com', 'app'],
    ['opensearch', 'opensearchservice.amazonaws.com', null],
  ])
    e.create(
      `aws_iam_service_linked_role.${key}`,
      { aws_service_name: service, custom_suffix: suffix, description: '', tags: {} },
      { aws_service_name: constant(service), ...(suffix === null ? {} : { custom_suffix: constant(suffix) }) },
      { unknown: ['arn', 'id', 'name', 'path', 'unique_id', 'create_date', 'tags_all'] },
    );
  plans['org-policies.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 5. Update plans: a trust widened, a managed policy's new version, managed_policy_arns moved to
//    an exclusive attachment resource
{
  const e = new Estate('1.10.2');
  const ci = trust({ AWS: iamArn('role', 'ci') });
  const widened = policy(
    { Effect: 'Allow', Principal: { AWS: iamArn('role', 'ci') }, Action: 'sts:AssumeRole' },
    { Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole' },
  );
  e.update(
    'aws_iam_role.deployer',
    role('deployer', ci, { unique_id: 'AROADEPLOYERXXXXXXXX' }),
    role('deployer', widened, { unique_id: 'AROADEPLOYERXXXXXXXX' }),
    { name: constant('deployer'), assume_role_policy: LITERAL },
  );
  e.keep(
    'aws_iam_role_policy.deployer',
    {
      id: 'deployer:deploy',
      name: 'deploy',
      role: 'deployer',
      policy: policy(allow(['lambda:UpdateFunctionCode', 'lambda:GetFunction'], arn('lambda', 'function:orders-*'))),
    },
    { name: constant('deploy'), role: ref('aws_iam_role.deployer', 'id'), policy: LITERAL },
  );
  // a managed policy updated in place (a new default version): a second bucket and deletes
  const reportsPolicy = (text) => ({
    name: 'reports-rw',
    path: '/',
    description: '',
    policy: text,
    arn: iamArn('policy', 'reports-rw'),
    id: iamArn('policy', 'reports-rw'),
    policy_id: 'ANPAREPORTSXXXXXXXXXX',
    attachment_count: 1,
    tags: {},
    tags_all: {},
  });
  e.update(
    'aws_iam_policy.reports',
    reportsPolicy(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-reports/*'))),
    reportsPolicy(
      policy(
        allow(
          ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          ['arn:aws:s3:::acme-reports/*', 'arn:aws:s3:::acme-exports/*'],
        ),
      ),
    ),
    { name: constant('reports-rw'), policy: LITERAL },
  );
  // managed_policy_arns (deprecated) removed from the configuration: the provider keeps showing the
  // attached set; aws_iam_role_policy_attachments_exclusive now owns the same two policies
  const reports = role('reports', trust({ Service: 'ecs-tasks.amazonaws.com' }), {
    unique_id: 'AROAREPORTSXXXXXXXXX',
    managed_policy_arns: [iamArn('policy', 'reports-rw'), managed('CloudWatchAgentServerPolicy')],
  });
  e.update(
    'aws_iam_role.reports',
    reports,
    { ...reports, tags: { owner: 'data' }, tags_all: { owner: 'data' } },
    { name: constant('reports'), assume_role_policy: LITERAL, tags: LITERAL },
  );
  e.create(
    'aws_iam_role_policy_attachments_exclusive.reports',
    { role_name: 'reports', policy_arns: [iamArn('policy', 'reports-rw'), managed('CloudWatchAgentServerPolicy')] },
    {
      role_name: ref('aws_iam_role.reports', 'name'),
      policy_arns: [ref('aws_iam_policy.reports', 'arn'), constant(managed('CloudWatchAgentServerPolicy'))],
    },
    { unknown: [] },
  );
  // the same policy text reformatted (actions reordered, whitespace): no change
  const tidy = allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::acme-archive/*');
  const archivePolicy = (text) => ({
    ...reportsPolicy(text),
    name: 'archive-rw',
    arn: iamArn('policy', 'archive-rw'),
    id: iamArn('policy', 'archive-rw'),
  });
  e.update(
    'aws_iam_policy.archive',
    archivePolicy(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-archive/*'))),
    archivePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [tidy] }, null, 2)),
    { name: constant('archive-rw'), policy: LITERAL },
  );
  e.keep(
    'aws_iam_role_policy_attachment.archive',
    { id: 'reports-20240301', role: 'reports', policy_arn: iamArn('policy', 'archive-rw') },
    { role: ref('aws_iam_role.reports', 'name'), policy_arn: ref('aws_iam_policy.archive', 'arn') },
  );
  // a trust rewritten from a document read at apply (it names a role the plan creates): whom it
  // admits after apply is not known from the plan
  e.create(
    'aws_iam_role.auditor',
    role('auditor', trust({ AWS: iamArn('role', 'security-admin') })),
    { name: constant('auditor'), assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  document(
    e,
    'data.aws_iam_policy_document.ops_trust',
    [stmt(null, 'Allow', ['sts:AssumeRole'], null, { principals: [{ type: 'AWS', identifiers: [null] }] })],
    [{ principals: [{ identifiers: [true] }] }],
    {
      statement: [
        {
          actions: constant(['sts:AssumeRole']),
          principals: [{ type: constant('AWS'), identifiers: ref('aws_iam_role.auditor', 'arn') }],
        },
      ],
    },
  );
  const ops = role('ops', ci, { unique_id: 'AROAOPSXXXXXXXXXXXXX' });
  e.update(
    'aws_iam_role.ops',
    ops,
    { ...ops, assume_role_policy: undefined },
    { name: constant('ops'), assume_role_policy: ref('data.aws_iam_policy_document.ops_trust', 'json') },
    { unknown: ['assume_role_policy'] },
  );
  plans['updates.json'] = e;
}

module.exports = { plans, stmt, cond, document, role, allow, deny, trust, managed, arn, iamArn };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
