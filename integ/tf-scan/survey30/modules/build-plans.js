/**
 * Writes the plans of this folder (`node integ/tf-scan/survey30/modules/build-plans.js`): what
 * popular registry modules plan (terraform-aws-modules iam `iam-assumable-role-with-oidc`,
 * `iam-github-oidc-role`, `iam-role-for-service-accounts-eks`, lambda, s3-bucket, sqs, sns, and
 * an organization's SCPs), each resource at the address the module gives it (`this[0]`, a
 * `for_each` key), laid out by `../../estates/estate-builder.js`. See README.md; the plans are
 * checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, ref, constant, policy, ACCOUNT, REGION } = require('../../estates/estate-builder');

const PARTNER = '777788889999';
const EKS = `oidc.eks.${REGION}.amazonaws.com/id/5C2F8E1A9B3D4E6F7A8B9C0D1E2F3A4B`;
const GITHUB = 'token.actions.githubusercontent.com';
const provider = (url) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`;
const managed = (name) => `arn:aws:iam::aws:policy/${name}`;
const COUNT = { constant_value: 1 };
const plans = {};

/** The role a module creates (`this[0]`), with the trust policy it writes. */
function role(e, module, name, trust, extra = {}) {
  e.create(
    `module.${module}.aws_iam_role.this[0]`,
    {
      name,
      path: '/',
      assume_role_policy: trust,
      permissions_boundary: null,
      max_session_duration: 3600,
      force_detach_policies: true,
      description: null,
      tags: null,
      ...extra,
    },
    {
      name: { references: ['var.role_name'] },
      assume_role_policy: { references: ['data.aws_iam_policy_document.this[0].json'] },
    },
    {
      unknown: ['id', 'arn', 'unique_id', 'create_date', 'inline_policy', 'managed_policy_arns', 'tags_all'],
      count: COUNT,
    },
  );
}

/** Managed policies attached to a module's role by `for_each` over a map (`role_policy_arns`). */
function attach(e, module, roleName, arns, resource = 'aws_iam_role_policy_attachment.this') {
  for (const [key, arn] of Object.entries(arns))
    e.create(
      `module.${module}.${resource}["${key}"]`,
      { role: roleName, policy_arn: arn },
      { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: { references: ['each.value'] } },
      { unknown: ['id'], forEach: { references: ['var.role_policy_arns'] } },
    );
}

// iam-assumable-role-with-oidc: a service account of an EKS cluster, by its exact subject
// (`oidc_fully_qualified_subjects`), and a role for every service account of the cluster
// (`oidc_subjects_with_wildcards = ["system:serviceaccount:*:*"]`).
{
  const e = new Estate();
  e.module('payments_role', {
    source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc',
    // `role_policy_arns = [aws_iam_policy.payments.arn]`: known only after apply.
    expressions: { role_name: constant('payments-api'), role_policy_arns: ref('aws_iam_policy.payments', 'arn') },
  });
  e.module('any_sa_role', {
    source: 'terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc',
    expressions: { role_name: constant('cluster-any') },
  });
  const trust = (test, subject) =>
    policy({
      Sid: '',
      Effect: 'Allow',
      Principal: { Federated: provider(EKS) },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { [test]: { [`${EKS}:sub`]: subject } },
    });
  role(e, 'payments_role', 'payments-api', trust('StringEquals', 'system:serviceaccount:payments:api'));
  role(e, 'any_sa_role', 'cluster-any', trust('StringLike', 'system:serviceaccount:*:*'));
  const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/payments`;
  e.create(
    'aws_iam_policy.payments',
    {
      name: 'payments-api',
      path: '/',
      description: null,
      policy: policy({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: table,
      }),
      tags: null,
    },
    { name: constant('payments-api'), policy: {} },
    { unknown: ['id', 'arn', 'policy_id', 'attachment_count', 'tags_all'] },
  );
  e.create(
    'module.payments_role.aws_iam_role_policy_attachment.custom[0]',
    { role: 'payments-api', policy_arn: null },
    { role: ref('aws_iam_role.this[0]', 'name'), policy_arn: { references: ['var.role_policy_arns', 'count.index'] } },
    { unknown: ['id', 'policy_arn'], count: COUNT },
  );
  attach(
    e,
    'any_sa_role',
    'cluster-any',
    { read: managed('AmazonS3ReadOnlyAccess') },
    'aws_iam_role_policy_attachment.custom',
  );
  plans['oidc-role.json'] = e;
}

// iam-github-oidc-role: the module prefixes each subject with `repo:`; the audience is sts.amazonaws.com.
{
  const e = new Estate();
  for (const [module, name, subjects, arns] of [
    ['deploy_main', 'deploy-main', ['repo:acme/infra:ref:refs/heads/main'], { deploy: managed('PowerUserAccess') }],
    ['org_admin', 'org-admin', ['repo:acme/*'], { admin: managed('AdministratorAccess') }],
  ]) {
    e.module(module, {
      source: 'terraform-aws-modules/iam/aws//modules/iam-github-oidc-role',
      expressions: { name: constant(name) },
    });
    role(
      e,
      module,
      name,
      policy({
        Sid: 'GithubOidcAuth',
        Effect: 'Allow',
        Principal: { Federated: provider(GITHUB) },
        Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
        Condition: {
          StringLike: { [`${GITHUB}:sub`]: subjects },
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        },
      }),
    );
    attach(e, module, name, arns);
  }
  plans['github-oidc.json'] = e;
}

// iam-role-for-service-accounts-eks: the VPC CNI and the load balancer controller, each pinned
// to its service account and the STS audience; the module's own policy for the CNI.
{
  const e = new Estate();
  for (const [module, name, sa] of [
    ['vpc_cni_irsa', 'vpc-cni', 'system:serviceaccount:kube-system:aws-node'],
    ['ebs_csi_irsa', 'ebs-csi', 'system:serviceaccount:kube-system:ebs-csi-controller-sa'],
  ]) {
    e.module(module, {
      source: 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks',
      expressions: { role_name: constant(name) },
    });
    role(
      e,
      module,
      name,
      policy({
        Effect: 'Allow',
        Principal: { Federated: provider(EKS) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${EKS}:sub`]: sa, [`${EKS}:aud`]: 'sts.amazonaws.com' } },
      }),
    );
  }
  attach(e, 'vpc_cni_irsa', 'vpc-cni', { AmazonEKS_CNI_Policy: managed('AmazonEKS_CNI_Policy') });
  attach(e, 'ebs_csi_irsa', 'ebs-csi', { policy: managed('service-role/AmazonEBSCSIDriverPolicy') });
  plans['irsa.json'] = e;
}

// lambda: the function's role, its logs policy on its own log group, a policy of extra
// statements (`policy_json`), and the triggers it allows (`allowed_triggers`).
{
  const e = new Estate();
  e.module('ingest', {
    source: 'terraform-aws-modules/lambda/aws',
    expressions: { function_name: constant('ingest') },
  });
  const roleName = 'ingest';
  e.create(
    'module.ingest.aws_iam_role.lambda[0]',
    {
      name: roleName,
      path: '/',
      assume_role_policy: policy({
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      permissions_boundary: null,
      max_session_duration: 3600,
      force_detach_policies: true,
      tags: null,
    },
    {
      name: { references: ['local.role_name'] },
      assume_role_policy: { references: ['data.aws_iam_policy_document.assume_role[0].json'] },
    },
    { unknown: ['id', 'arn', 'unique_id', 'inline_policy', 'managed_policy_arns', 'tags_all'], count: COUNT },
  );
  const logGroup = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/ingest`;
  const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:ingest-jobs`;
  for (const [key, document] of [
    [
      'logs',
      policy({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${logGroup}:*`, `${logGroup}:*:*`],
      }),
    ],
    [
      'additional_json',
      policy({
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: queue,
      }),
    ],
  ]) {
    e.create(
      `module.ingest.aws_iam_policy.${key}[0]`,
      { name: `ingest-${key}`, path: '/', policy: document, description: null, tags: null },
      {
        name: { references: ['local.policy_name'] },
        policy: { references: [`data.aws_iam_policy_document.${key}[0].json`] },
      },
      { unknown: ['id', 'arn', 'policy_id', 'attachment_count', 'tags_all'], count: COUNT },
    );
    e.create(
      `module.ingest.aws_iam_role_policy_attachment.${key}[0]`,
      { role: roleName, policy_arn: null },
      { role: ref('aws_iam_role.lambda[0]', 'name'), policy_arn: ref(`aws_iam_policy.${key}[0]`, 'arn') },
      { unknown: ['id', 'policy_arn'], count: COUNT },
    );
  }
  e.create(
    'module.ingest.aws_lambda_function.this[0]',
    { function_name: 'ingest', handler: 'index.handler', runtime: 'python3.12', role: null, publish: true },
    { function_name: constant('ingest'), role: ref('aws_iam_role.lambda[0]', 'arn') },
    { unknown: ['id', 'arn', 'role', 'qualified_arn', 'version', 'invoke_arn'], count: COUNT },
  );
  // API Gateway through its execution ARN; S3 by a bucket ARN, which names no account.
  for (const [key, principal, sourceArn] of [
    ['APIGatewayAny', 'apigateway.amazonaws.com', `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*/*/*`],
    ['S3Upload', 's3.amazonaws.com', 'arn:aws:s3:::acme-ingest-uploads'],
  ])
    e.create(
      `module.ingest.aws_lambda_permission.current_version_triggers["${key}"]`,
      {
        action: 'lambda:InvokeFunction',
        function_name: 'ingest',
        principal,
        source_arn: sourceArn,
        source_account: null,
        qualifier: null,
        statement_id: key,
        statement_id_prefix: null,
        event_source_token: null,
        principal_org_id: null,
        function_url_auth_type: null,
      },
      {
        function_name: ref('aws_lambda_function.this[0]', 'function_name'),
        principal: { references: ['each.value.principal'] },
        source_arn: { references: ['each.value.source_arn'] },
      },
      { unknown: ['id', 'qualifier'], forEach: { references: ['var.allowed_triggers'] } },
    );
  plans['lambda.json'] = e;
}

// s3-bucket: attach_deny_insecure_transport_policy, attach_elb_log_delivery_policy (the
// Regions since August 2022: the logdelivery service principal) and a policy of the caller
// (`policy`) letting a partner account read; Block Public Access on.
{
  const e = new Estate();
  e.module('logs_bucket', {
    source: 'terraform-aws-modules/s3-bucket/aws',
    expressions: { bucket: constant('acme-alb-logs') },
  });
  const bucket = 'arn:aws:s3:::acme-alb-logs';
  e.create(
    'module.logs_bucket.aws_s3_bucket.this[0]',
    { bucket: 'acme-alb-logs', force_destroy: false, object_lock_enabled: false, tags: null },
    { bucket: { references: ['var.bucket'] } },
    { unknown: ['id', 'arn', 'acl', 'grant', 'policy', 'bucket_domain_name', 'tags_all', 'region'], count: COUNT },
  );
  const document = policy(
    {
      Sid: 'denyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucket, `${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'ELBLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucket}/*`,
    },
    {
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [bucket, `${bucket}/*`],
    },
  );
  e.create(
    'module.logs_bucket.aws_s3_bucket_policy.this[0]',
    { bucket: 'acme-alb-logs', policy: document },
    {
      bucket: ref('aws_s3_bucket.this[0]', 'id'),
      policy: { references: ['data.aws_iam_policy_document.combined[0].json'] },
    },
    { unknown: ['id'], count: COUNT },
  );
  e.create(
    'module.logs_bucket.aws_s3_bucket_public_access_block.this[0]',
    {
      bucket: 'acme-alb-logs',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    },
    { bucket: ref('aws_s3_bucket.this[0]', 'id') },
    { unknown: ['id'], count: COUNT },
  );
  plans['s3-bucket.json'] = e;
}

// sqs and sns: a queue SNS may send to from one topic (`aws:SourceArn`), a queue any caller may
// send to (`principals = [{ type = "*" ... }]`), and a topic with the policy the sns module
// writes by default (the topic owner's account, `AWS:SourceOwner`) plus EventBridge.
{
  const e = new Estate();
  const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
  for (const [module, name, statement] of [
    [
      'jobs_queue',
      'jobs',
      (arn) => ({
        Sid: 'sns',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: arn,
        Condition: { ArnEquals: { 'aws:SourceArn': topic } },
      }),
    ],
    [
      'intake_queue',
      'intake',
      (arn) => ({ Sid: 'anyone', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arn }),
    ],
  ]) {
    e.module(module, { source: 'terraform-aws-modules/sqs/aws', expressions: { name: constant(name) } });
    const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
    e.create(
      `module.${module}.aws_sqs_queue.this[0]`,
      { name, fifo_queue: false, policy: null, sqs_managed_sse_enabled: true, tags: null },
      { name: { references: ['local.name'] } },
      { unknown: ['id', 'arn', 'url', 'policy', 'tags_all'], count: COUNT },
    );
    e.create(
      `module.${module}.aws_sqs_queue_policy.this[0]`,
      { queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`, policy: policy(statement(arn)) },
      {
        queue_url: ref('aws_sqs_queue.this[0]', 'url'),
        policy: { references: ['data.aws_iam_policy_document.this[0].json'] },
      },
      { unknown: ['id', 'queue_url'], count: COUNT },
    );
  }
  e.module('alerts_topic', { source: 'terraform-aws-modules/sns/aws', expressions: { name: constant('alerts') } });
  e.create(
    'module.alerts_topic.aws_sns_topic.this[0]',
    { name: 'alerts', fifo_topic: false, policy: null, kms_master_key_id: null, tags: null },
    { name: { references: ['local.name'] } },
    { unknown: ['id', 'arn', 'policy', 'owner', 'tags_all'], count: COUNT },
  );
  e.create(
    'module.alerts_topic.aws_sns_topic_policy.this[0]',
    {
      arn: topic,
      policy: policy(
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'SNS:Subscribe',
            'SNS:SetTopicAttributes',
            'SNS:RemovePermission',
            'SNS:Publish',
            'SNS:ListSubscriptionsByTopic',
            'SNS:GetTopicAttributes',
            'SNS:DeleteTopic',
            'SNS:AddPermission',
          ],
          Resource: topic,
          Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
        },
        {
          Sid: 'events',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topic,
        },
      ),
    },
    { arn: ref('aws_sns_topic.this[0]', 'arn'), policy: { references: ['data.aws_iam_policy_document.this[0].json'] } },
    { unknown: ['id', 'arn', 'owner'], count: COUNT },
  );
  plans['queues-topics.json'] = e;
}

// An organization's SCPs: leaving the organization denied, Regions fenced but for global
// services, the root user denied in member accounts; each attached to the workloads OU.
{
  const e = new Estate();
  e.module('scps', {
    source: 'app.terraform.io/acme/scps/aws',
    expressions: { target_id: constant('ou-ab12-workload') },
  });
  const scps = {
    deny_leave: policy({ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
    region_lock: policy({
      Sid: 'DenyOutsideEU',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*', 'budgets:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
    }),
    deny_root: policy({
      Sid: 'DenyRoot',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
    }),
  };
  for (const [key, content] of Object.entries(scps)) {
    e.create(
      `module.scps.aws_organizations_policy.this["${key}"]`,
      { name: key, type: 'SERVICE_CONTROL_POLICY', content, description: null, skip_destroy: null, tags: null },
      {
        name: { references: ['each.key'] },
        content: { references: ['each.value'] },
        type: constant('SERVICE_CONTROL_POLICY'),
      },
      { unknown: ['id', 'arn', 'tags_all'], forEach: { references: ['local.policies'] } },
    );
    e.create(
      `module.scps.aws_organizations_policy_attachment.this["${key}"]`,
      { target_id: 'ou-ab12-workload', policy_id: null, skip_destroy: null },
      { policy_id: ref('aws_organizations_policy.this', 'id'), target_id: { references: ['var.target_id'] } },
      { unknown: ['id', 'policy_id'], forEach: { references: ['local.policies'] } },
    );
  }
  plans['org-scps.json'] = e;
}

// The eks module and an IRSA role in one apply: the cluster's OIDC issuer, so the provider and
// the trust policy that names it, are known only after apply.
{
  const e = new Estate();
  e.module('eks', { source: 'terraform-aws-modules/eks/aws', expressions: { cluster_name: constant('platform') } });
  e.module('lb_controller_irsa', {
    source: 'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks',
    expressions: {
      role_name: constant('lb-controller'),
      oidc_providers: { references: ['module.eks.oidc_provider_arn', 'module.eks'] },
    },
  });
  e.create(
    'module.eks.aws_iam_openid_connect_provider.oidc_provider[0]',
    { client_id_list: ['sts.amazonaws.com'], tags: null },
    {
      url: { references: ['aws_eks_cluster.this[0].identity[0].oidc[0].issuer'] },
      client_id_list: constant(['sts.amazonaws.com']),
    },
    { unknown: ['id', 'arn', 'url', 'thumbprint_list', 'tags_all'], count: COUNT },
  );
  e.create(
    'module.lb_controller_irsa.aws_iam_role.this[0]',
    {
      name: 'lb-controller',
      path: '/',
      permissions_boundary: null,
      max_session_duration: 3600,
      force_detach_policies: true,
      tags: null,
    },
    {
      name: { references: ['var.role_name'] },
      assume_role_policy: { references: ['data.aws_iam_policy_document.this[0].json'] },
    },
    {
      unknown: ['id', 'arn', 'unique_id', 'assume_role_policy', 'inline_policy', 'managed_policy_arns', 'tags_all'],
      count: COUNT,
    },
  );
  // The trust document, read at apply (`read_because_config_unknown`): the provider's ARN and
  // the `<issuer>:sub` key are unknown, the subject known.
  e.resource('module.lb_controller_irsa.data.aws_iam_policy_document.this[0]', {
    actions: ['read'],
    after: {
      statement: [
        {
          sid: null,
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [null] }],
          condition: [
            {
              test: 'StringEquals',
              variable: null,
              values: ['system:serviceaccount:kube-system:aws-load-balancer-controller'],
            },
            { test: 'StringEquals', variable: null, values: ['sts.amazonaws.com'] },
          ],
          not_actions: null,
          not_principals: null,
          not_resources: null,
          resources: null,
        },
      ],
      override_policy_documents: null,
      source_policy_documents: null,
      policy_id: null,
      version: null,
    },
    config: {
      statement: [],
    },
    unknown: ['id', 'json', 'minified_json'],
    unknownTree: {
      statement: [{ principals: [{ identifiers: [true] }], condition: [{ variable: true }, { variable: true }] }],
    },
    reason: 'read_because_config_unknown',
    count: COUNT,
  });
  attach(e, 'lb_controller_irsa', 'lb-controller', { policy: managed('ElasticLoadBalancingFullAccess') });
  plans['eks-irsa-same-apply.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
