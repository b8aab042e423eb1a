/**
 * Writes the parity plans of this folder (`node integ/tf-scan/parity/build-plans.js`): for each
 * IAM check of checkov, regula and terraform-compliance, a resource the check fails and one it
 * passes, as Terraform would plan them. See README.md for the check each address stands for.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, ref, constant, policy, ACCOUNT } = require('./plan-builder');

const PARTNER = '444455556666';
const BUCKET = 'arn:aws:s3:::acme-reports';
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

const trustService = (service) =>
  policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

/** A role assumed by Lambda; its ARN is known only after apply. */
function role(plan, name, trust = trustService('lambda.amazonaws.com'), expressions = {}) {
  return plan.create(
    'aws_iam_role',
    name,
    {
      name,
      path: '/',
      assume_role_policy: trust,
      description: '',
      force_detach_policies: false,
      max_session_duration: 3600,
      permissions_boundary: null,
      tags: null,
      name_prefix: null,
    },
    {
      unknown: ['arn', 'id', 'unique_id', 'create_date', 'tags_all', 'inline_policy', 'managed_policy_arns'],
      expressions,
    },
  );
}

/** `aws_iam_role_policy` on a role of the plan, its document literal or from a data source. */
function rolePolicy(plan, name, roleName, document) {
  const fromData = typeof document === 'string' && document.startsWith('data.');
  return plan.create(
    'aws_iam_role_policy',
    name,
    { name, role: roleName, policy: fromData ? plan.json(document) : document, name_prefix: null },
    {
      unknown: ['id', ...(fromData && plan.json(document) === undefined ? ['policy'] : [])],
      expressions: {
        role: ref(`aws_iam_role.${roleName}`, 'name'),
        ...(fromData ? { policy: ref(document, 'json') } : { policy: {} }),
      },
    },
  );
}

/** `aws_iam_policy`, its document literal (`jsonencode`) or from a data source. */
function managedPolicy(plan, name, document) {
  const fromData = document.startsWith('data.');
  return plan.create(
    'aws_iam_policy',
    name,
    {
      name,
      path: '/',
      description: '',
      policy: fromData ? plan.json(document) : document,
      tags: null,
      name_prefix: null,
    },
    {
      unknown: [
        'arn',
        'id',
        'policy_id',
        'tags_all',
        'attachment_count',
        ...(fromData && plan.json(document) === undefined ? ['policy'] : []),
      ],
      expressions: fromData ? { policy: ref(document, 'json') } : { policy: {} },
    },
  );
}

/** The rendered `json` of a document read at plan time; `undefined` when read at apply. */
Plan.prototype.json = function json(address) {
  const found = this.prior.find((r) => r.address === address);
  return found?.values.json;
};

// ---------------------------------------------------------------------------------------------
// identity-policies.json: what a policy grants (checkov CKV_AWS_1, 49, 62, 63, 107-111, 286-290,
// 355, 356, CKV2_AWS_40; regula FG_R00092, FG_R00218; terraform-compliance's action wildcard)

function identityPolicies() {
  const p = new Plan();
  role(p, 'app');
  role(p, 'worker');

  // CKV_AWS_1: a document of "*" on "*", and one scoped to one bucket
  const admin = p.document('admin', [{ actions: ['*'], resources: ['*'] }]);
  managedPolicy(p, 'admin_from_document', admin);
  const reader = p.document('reader', [{ actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] }]);
  managedPolicy(p, 'reader_from_document', reader);

  // CKV_AWS_49: "*" as the action on one bucket; a few named actions on it
  const star = p.document('star_on_bucket', [{ actions: ['*'], resources: [BUCKET, `${BUCKET}/*`] }]);
  managedPolicy(p, 'star_on_bucket', star);
  const named = p.document('named_on_bucket', [
    { actions: ['s3:GetObject', 's3:PutObject'], resources: [`${BUCKET}/*`] },
    { actions: ['s3:ListBucket'], resources: [BUCKET] },
  ]);
  managedPolicy(p, 'named_on_bucket', named);

  // CKV_AWS_62 / FG_R00092: "*:*" in an inline role policy and a group policy
  rolePolicy(p, 'admin_inline', 'app', policy({ Effect: 'Allow', Action: '*', Resource: '*' }));
  rolePolicy(
    p,
    'table_inline',
    'app',
    policy({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
    }),
  );
  p.create('aws_iam_group', 'ops', { name: 'ops', path: '/' }, { unknown: ['arn', 'id', 'unique_id'] });
  p.create(
    'aws_iam_group_policy',
    'ops_admin',
    { name: 'ops-admin', group: 'ops', policy: policy({ Effect: 'Allow', Action: ['*'], Resource: ['*'] }) },
    { expressions: { group: ref('aws_iam_group.ops', 'name'), policy: {} }, unknown: ['id'] },
  );
  p.create('aws_iam_group', 'readers', { name: 'readers', path: '/' }, { unknown: ['arn', 'id', 'unique_id'] });
  p.create(
    'aws_iam_group_policy',
    'readers_reports',
    {
      name: 'reports',
      group: 'readers',
      policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
    { expressions: { group: ref('aws_iam_group.readers', 'name'), policy: {} }, unknown: ['id'] },
  );

  // CKV_AWS_63 / terraform-compliance: "*" as the action of a managed policy on one table
  managedPolicy(
    p,
    'star_on_table',
    policy({ Effect: 'Allow', Action: '*', Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders` }),
  );

  // CKV_AWS_107 / CKV_AWS_287: credentials on any user; the caller's own keys and the ECR token
  const keys = p.document('any_user_keys', [
    { actions: ['iam:CreateAccessKey', 'iam:UpdateAccessKey'], resources: ['*'] },
  ]);
  managedPolicy(p, 'any_user_keys', keys);
  const ownKeys = p.document('own_keys', [
    {
      actions: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
      resources: [`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`],
    },
    { actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
  ]);
  managedPolicy(p, 'own_keys', ownKeys);
  rolePolicy(p, 'assume_any', 'worker', policy({ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: '*' }));

  // CKV_AWS_108 / CKV_AWS_288: object, parameter and secret reads on "*"; the same on one of each
  rolePolicy(
    p,
    'read_everything',
    'worker',
    policy({
      Effect: 'Allow',
      Action: ['s3:GetObject', 'ssm:GetParameters', 'secretsmanager:GetSecretValue'],
      Resource: '*',
    }),
  );
  const readOne = p.document('read_one', [
    { actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] },
    { actions: ['ssm:GetParameter'], resources: [`arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db-host`] },
    { actions: ['secretsmanager:GetSecretValue'], resources: [{ ref: ['aws_secretsmanager_secret.db', 'arn'] }] },
  ]);
  p.create('aws_secretsmanager_secret', 'db', { name: 'db', policy: null }, { unknown: ['arn', 'id', 'policy'] });
  rolePolicy(p, 'read_one', 'worker', readOne);

  // CKV_AWS_109 / CKV_AWS_289: resource policies of every bucket, queue and key; of one bucket
  managedPolicy(
    p,
    'set_any_policy',
    policy({
      Effect: 'Allow',
      Action: ['s3:PutBucketPolicy', 'sqs:SetQueueAttributes', 'kms:PutKeyPolicy'],
      Resource: '*',
    }),
  );
  managedPolicy(p, 'set_one_policy', policy({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: BUCKET }));

  // CKV_AWS_110 / CKV_AWS_286: PassRole on "*" with lambda:CreateFunction; a policy version on
  // any policy. Passing: PassRole on the role of the plan (its ARN known after apply) to Lambda.
  const passAny = p.document('pass_any', [
    { actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], resources: ['*'] },
  ]);
  managedPolicy(p, 'pass_any', passAny);
  managedPolicy(
    p,
    'policy_versions',
    policy({ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], Resource: '*' }),
  );
  const passOne = p.document('pass_one', [
    {
      actions: ['iam:PassRole'],
      resources: [{ ref: ['aws_iam_role.app', 'arn'] }],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['lambda.amazonaws.com'] }],
    },
    {
      actions: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
      resources: [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-*`],
    },
  ]);
  managedPolicy(p, 'pass_one', passOne);

  // CKV_AWS_111 / CKV_AWS_290 / CKV_AWS_355 / CKV_AWS_356: writes on "*"; actions that take only "*"
  rolePolicy(
    p,
    'write_anywhere',
    'app',
    policy({ Effect: 'Allow', Action: ['s3:PutObject', 'dynamodb:DeleteItem', 'sqs:SendMessage'], Resource: '*' }),
  );
  const starOnly = p.document('star_only_actions', [
    {
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'cloudwatch:PutMetricData',
        'ec2:DescribeInstances',
      ],
      resources: ['*'],
    },
  ]);
  rolePolicy(p, 'star_only_actions', 'app', starOnly);

  // CKV2_AWS_40: every IAM action on "*"; one read on one role
  managedPolicy(p, 'iam_full', policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
  managedPolicy(
    p,
    'iam_get_role',
    policy({ Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCOUNT}:role/app` }),
  );

  // FG_R00218: listing every bucket (answered differently, see README)
  managedPolicy(
    p,
    'list_buckets',
    policy({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:List*'], Resource: '*' }),
  );
  return p;
}

// ---------------------------------------------------------------------------------------------
// attachments.json: which policies reach which principal (CKV_AWS_40, 273, 274, CKV2_AWS_22, 51,
// 56; regula FG_R00272, FG_R00220)

const AWS_POLICY = (name) => `arn:aws:iam::aws:policy/${name}`;

function attachments() {
  const p = new Plan();
  // CKV_AWS_40: a policy held by a user directly; the same through a group
  p.create(
    'aws_iam_user',
    'alice',
    { name: 'alice', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create(
    'aws_iam_user_policy',
    'alice_reports',
    {
      name: 'reports',
      user: 'alice',
      policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
    { expressions: { user: ref('aws_iam_user.alice', 'name'), policy: {} }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_user_policy_attachment',
    'alice_lambda_read',
    { user: 'alice', policy_arn: AWS_POLICY('AWSLambda_ReadOnlyAccess') },
    { expressions: { user: ref('aws_iam_user.alice', 'name') }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_user',
    'bob',
    { name: 'bob', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create('aws_iam_group', 'analysts', { name: 'analysts', path: '/' }, { unknown: ['arn', 'id', 'unique_id'] });
  p.create(
    'aws_iam_group_policy',
    'analysts_reports',
    {
      name: 'reports',
      group: 'analysts',
      policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
    },
    { expressions: { group: ref('aws_iam_group.analysts', 'name'), policy: {} }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_user_group_membership',
    'bob',
    { user: 'bob', groups: ['analysts'] },
    {
      expressions: {
        user: ref('aws_iam_user.bob', 'name'),
        groups: { references: ['aws_iam_group.analysts.name', 'aws_iam_group.analysts'] },
      },
      unknown: ['id'],
    },
  );

  // FG_R00007: aws_iam_policy_attachment listing a user
  p.create(
    'aws_iam_user',
    'carol',
    { name: 'carol', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create(
    'aws_iam_policy_attachment',
    'carol_read',
    {
      name: 'carol-read',
      users: ['carol'],
      roles: null,
      groups: null,
      policy_arn: AWS_POLICY('AWSLambda_ReadOnlyAccess'),
    },
    { expressions: { users: { references: ['aws_iam_user.carol.name', 'aws_iam_user.carol'] } }, unknown: ['id'] },
  );

  // CKV2_AWS_22 / CKV_AWS_273: a user with a console password, a user with an access key
  p.create(
    'aws_iam_user',
    'console',
    { name: 'console', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create(
    'aws_iam_user_login_profile',
    'console',
    { user: 'console', password_reset_required: true, password_length: 20, pgp_key: null },
    {
      expressions: { user: ref('aws_iam_user.console', 'name') },
      unknown: ['id', 'encrypted_password', 'key_fingerprint', 'password'],
    },
  );
  p.create(
    'aws_iam_user_group_membership',
    'console',
    { user: 'console', groups: ['analysts'] },
    {
      expressions: {
        user: ref('aws_iam_user.console', 'name'),
        groups: { references: ['aws_iam_group.analysts.name', 'aws_iam_group.analysts'] },
      },
      unknown: ['id'],
    },
  );
  p.create(
    'aws_iam_user',
    'deployer',
    { name: 'deployer', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create(
    'aws_iam_access_key',
    'deployer',
    { user: 'deployer', status: 'Active', pgp_key: null },
    {
      expressions: { user: ref('aws_iam_user.deployer', 'name') },
      unknown: ['id', 'secret', 'ses_smtp_password_v4', 'encrypted_secret', 'create_date', 'key_fingerprint'],
    },
  );

  // CKV_AWS_274 / CKV2_AWS_51: AdministratorAccess however attached; a narrow AWS policy beside it
  const lambdaTrust = trustService('lambda.amazonaws.com');
  role(p, 'admin_listed', lambdaTrust);
  p.planned.at(-1).values.managed_policy_arns = [AWS_POLICY('AdministratorAccess')];
  p.changes.at(-1).change.after.managed_policy_arns = [AWS_POLICY('AdministratorAccess')];
  delete p.changes.at(-1).change.after_unknown.managed_policy_arns;
  p.config.at(-1).expressions.managed_policy_arns = constant([AWS_POLICY('AdministratorAccess')]);
  role(p, 'basic', lambdaTrust);
  p.create(
    'aws_iam_role_policy_attachment',
    'basic',
    { role: 'basic', policy_arn: AWS_POLICY('service-role/AWSLambdaBasicExecutionRole') },
    { expressions: { role: ref('aws_iam_role.basic', 'name') }, unknown: ['id'] },
  );
  // the role's inline policies managed exclusively: the names the plan keeps
  p.create(
    'aws_iam_role_policy',
    'basic_table',
    {
      name: 'table',
      role: 'basic',
      policy: policy({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
      }),
      name_prefix: null,
    },
    { expressions: { role: ref('aws_iam_role.basic', 'name'), policy: {} }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_role_policies_exclusive',
    'basic',
    { role_name: 'basic', policy_names: ['table'] },
    {
      expressions: {
        role_name: ref('aws_iam_role.basic', 'name'),
        policy_names: { references: ['aws_iam_role_policy.basic_table.name', 'aws_iam_role_policy.basic_table'] },
      },
      unknown: [],
    },
  );
  role(p, 'ops', lambdaTrust);
  p.create(
    'aws_iam_role_policy_attachment',
    'ops_admin',
    { role: 'ops', policy_arn: AWS_POLICY('AdministratorAccess') },
    { expressions: { role: ref('aws_iam_role.ops', 'name') }, unknown: ['id'] },
  );
  role(p, 'legacy', lambdaTrust);
  p.create(
    'aws_iam_policy_attachment',
    'legacy_admin',
    {
      name: 'legacy-admin',
      roles: ['legacy'],
      users: null,
      groups: null,
      policy_arn: AWS_POLICY('AdministratorAccess'),
    },
    { expressions: { roles: { references: ['aws_iam_role.legacy.name', 'aws_iam_role.legacy'] } }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_user',
    'breakglass',
    { name: 'breakglass', path: '/', force_destroy: false, permissions_boundary: null, tags: null },
    { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
  );
  p.create(
    'aws_iam_user_policy_attachment',
    'breakglass_admin',
    { user: 'breakglass', policy_arn: AWS_POLICY('AdministratorAccess') },
    { expressions: { user: ref('aws_iam_user.breakglass', 'name') }, unknown: ['id'] },
  );
  role(p, 'exclusive', lambdaTrust);
  p.create(
    'aws_iam_role_policy_attachments_exclusive',
    'exclusive',
    { role_name: 'exclusive', policy_arns: [AWS_POLICY('AdministratorAccess')] },
    { expressions: { role_name: ref('aws_iam_role.exclusive', 'name') }, unknown: [] },
  );
  const adminData = p.data(
    'aws_iam_policy',
    'administrator',
    {
      arn: AWS_POLICY('AdministratorAccess'),
      name: 'AdministratorAccess',
      path: '/',
      path_prefix: null,
      description: 'Provides full access to AWS services and resources.',
      id: AWS_POLICY('AdministratorAccess'),
      policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      policy_id: 'ANPAIWMBCKSKIEE64ZLYK',
      attachment_count: 3,
      tags: {},
    },
    { name: constant('AdministratorAccess') },
  );
  role(p, 'from_data', lambdaTrust);
  p.create(
    'aws_iam_role_policy_attachment',
    'from_data',
    { role: 'from_data', policy_arn: AWS_POLICY('AdministratorAccess') },
    {
      expressions: { role: ref('aws_iam_role.from_data', 'name'), policy_arn: ref(adminData, 'arn') },
      unknown: ['id'],
    },
  );

  // CKV2_AWS_56: IAMFullAccess
  p.create('aws_iam_group', 'iam_admins', { name: 'iam-admins', path: '/' }, { unknown: ['arn', 'id', 'unique_id'] });
  p.create(
    'aws_iam_group_policy_attachment',
    'iam_admins',
    { group: 'iam-admins', policy_arn: AWS_POLICY('IAMFullAccess') },
    { expressions: { group: ref('aws_iam_group.iam_admins', 'name') }, unknown: ['id'] },
  );
  p.create('aws_iam_group', 'iam_readers', { name: 'iam-readers', path: '/' }, { unknown: ['arn', 'id', 'unique_id'] });
  p.create(
    'aws_iam_group_policy_attachment',
    'iam_readers',
    { group: 'iam-readers', policy_arn: AWS_POLICY('IAMReadOnlyAccess') },
    { expressions: { group: ref('aws_iam_group.iam_readers', 'name') }, unknown: ['id'] },
  );

  // CKV_AWS_274 on IAM Identity Center: a permission set with AdministratorAccess, one with a narrow policy
  const instanceArn = 'arn:aws:sso:::instance/ssoins-1111222233334444';
  for (const [name, policyName] of [
    ['admin', 'AdministratorAccess'],
    ['viewer', 'job-function/ViewOnlyAccess'],
  ]) {
    p.create(
      'aws_ssoadmin_permission_set',
      name,
      { name, instance_arn: instanceArn, session_duration: 'PT1H', description: null, relay_state: null, tags: null },
      { unknown: ['arn', 'id', 'created_date', 'tags_all'] },
    );
    p.create(
      'aws_ssoadmin_managed_policy_attachment',
      name,
      { instance_arn: instanceArn, managed_policy_arn: AWS_POLICY(policyName) },
      {
        expressions: { permission_set_arn: ref(`aws_ssoadmin_permission_set.${name}`, 'arn') },
        unknown: ['id', 'managed_policy_name', 'permission_set_arn'],
      },
    );
  }
  // an inline policy of a permission set: `iam:*` on "*"
  p.create(
    'aws_ssoadmin_permission_set',
    'iam_operator',
    {
      name: 'iam-operator',
      instance_arn: instanceArn,
      session_duration: 'PT1H',
      description: null,
      relay_state: null,
      tags: null,
    },
    { unknown: ['arn', 'id', 'created_date', 'tags_all'] },
  );
  p.create(
    'aws_ssoadmin_permission_set_inline_policy',
    'iam_operator',
    { instance_arn: instanceArn, inline_policy: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) },
    {
      expressions: { permission_set_arn: ref('aws_ssoadmin_permission_set.iam_operator', 'arn'), inline_policy: {} },
      unknown: ['id', 'permission_set_arn'],
    },
  );

  // FG_R00220: a role in an instance profile that may list every bucket (answered differently)
  role(p, 'instance', trustService('ec2.amazonaws.com'));
  p.create(
    'aws_iam_role_policy',
    'instance_list',
    {
      name: 'list',
      role: 'instance',
      policy: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }),
      name_prefix: null,
    },
    { expressions: { role: ref('aws_iam_role.instance', 'name'), policy: {} }, unknown: ['id'] },
  );
  p.create(
    'aws_iam_instance_profile',
    'instance',
    { name: 'instance', path: '/', role: 'instance', tags: null },
    {
      expressions: { role: ref('aws_iam_role.instance', 'name') },
      unknown: ['arn', 'id', 'unique_id', 'create_date', 'tags_all'],
    },
  );
  return p;
}

// ---------------------------------------------------------------------------------------------
// trust.json: who may assume a role (CKV_AWS_60, 61, 358; regula FG_R00219, FG_R00255;
// terraform-compliance's trust wildcard)

function trust() {
  const p = new Plan();
  // CKV_AWS_60: any AWS principal; a service
  role(p, 'any_aws', policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }));
  role(p, 'lambda_service');
  // FG_R00219: Principal "*"
  role(p, 'anyone', policy({ Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRole'] }));
  // CKV_AWS_61 / FG_R00255: another account's root without an external id; with one
  role(
    p,
    'partner_root',
    policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole' }),
  );
  role(
    p,
    'own_root',
    policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
  );
  role(p, 'partner_account_id', policy({ Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'sts:AssumeRole' }));
  role(
    p,
    'partner_external_id',
    policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'c1f4b1e2-5d1a-4e0b-9d77-2a1f0b6c9e11' } },
    }),
  );
  // a role of the plan, its ARN known after apply, trusted through a document read at apply
  role(p, 'runner', trustService('ec2.amazonaws.com'));
  const runnerTrust = p.document('runner_trust', [
    {
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: [{ ref: ['aws_iam_role.runner', 'arn'] }] }],
    },
  ]);
  role(p, 'deploy', undefined, { assume_role_policy: ref(runnerTrust, 'json') });
  // the trust document is unknown until apply
  p.planned.at(-1).values.assume_role_policy = undefined;
  delete p.planned.at(-1).values.assume_role_policy;
  delete p.changes.at(-1).change.after.assume_role_policy;
  p.changes.at(-1).change.after_unknown.assume_role_policy = true;

  // CKV_AWS_358: GitHub Actions OIDC through documents read at plan time
  const provider = p.data(
    'aws_iam_openid_connect_provider',
    'github',
    {
      arn: GITHUB,
      id: GITHUB,
      url: 'token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
      thumbprint_list: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      tags: {},
    },
    { url: constant('https://token.actions.githubusercontent.com') },
  );
  const oidc = (name, conditions) => {
    const doc = p.document(`${name}_trust`, [
      {
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [GITHUB] }],
        ...(conditions.length > 0 ? { condition: conditions } : {}),
      },
    ]);
    p.config.find((c) => c.address === doc).expressions.statement[0].principals[0].identifiers = ref(provider, 'arn');
    role(p, name, p.json(doc), { assume_role_policy: ref(doc, 'json') });
  };
  const aud = {
    test: 'StringEquals',
    variable: 'token.actions.githubusercontent.com:aud',
    values: ['sts.amazonaws.com'],
  };
  oidc('gha_org_wide', [
    aud,
    { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/*'] },
  ]);
  oidc('gha_any', [aud, { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['*'] }]);
  oidc('gha_no_condition', []);
  oidc('gha_main', [
    aud,
    {
      test: 'StringEquals',
      variable: 'token.actions.githubusercontent.com:sub',
      values: ['repo:acme/app:ref:refs/heads/main'],
    },
  ]);
  return p;
}

// ---------------------------------------------------------------------------------------------
// password-policy.json: CKV_AWS_9 to CKV_AWS_15 (regula's password rules alike)

function passwordPolicy() {
  const p = new Plan();
  const strong = {
    allow_users_to_change_password: true,
    hard_expiry: false,
    max_password_age: 90,
    minimum_password_length: 14,
    password_reuse_prevention: 24,
    require_lowercase_characters: true,
    require_numbers: true,
    require_symbols: true,
    require_uppercase_characters: true,
  };
  const unknown = ['id', 'expire_passwords'];
  p.create('aws_iam_account_password_policy', 'cis', strong, { unknown });
  const weak = {
    ckv_aws_9_no_expiry: { max_password_age: 0 },
    ckv_aws_9_long_expiry: { max_password_age: 365 },
    ckv_aws_10_short: { minimum_password_length: 8 },
    ckv_aws_11_no_lowercase: { require_lowercase_characters: false },
    ckv_aws_12_no_numbers: { require_numbers: false },
    ckv_aws_13_reuse: { password_reuse_prevention: 5 },
    ckv_aws_14_no_uppercase: { require_uppercase_characters: false },
    ckv_aws_15_no_symbols: { require_symbols: false },
  };
  for (const [name, change] of Object.entries(weak))
    p.create('aws_iam_account_password_policy', name, { ...strong, ...change }, { unknown });
  return p;
}

// ---------------------------------------------------------------------------------------------
// resource-policies.json: who may reach a resource (CKV_AWS_32, 33, 70, 167, 168, 169, 258, 301,
// 364; OpenSearch, Secrets Manager, ECR creation templates)

function resourcePolicies() {
  const p = new Plan();
  role(p, 'consumer');
  const everyone = (actions, resource) => ({
    Effect: 'Allow',
    Principal: '*',
    Action: actions,
    ...(resource ? { Resource: resource } : {}),
  });
  const own = (actions, resource) => ({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: actions,
    ...(resource ? { Resource: resource } : {}),
  });

  // CKV_AWS_33: a key any AWS principal may use; the default key policy
  for (const [name, statement] of [
    ['open', { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
    [
      'open_list',
      { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['kms:Decrypt'], Resource: '*' },
    ],
    ['default', { Sid: 'Enable IAM User Permissions', ...own('kms:*', '*') }],
  ])
    p.create(
      'aws_kms_key',
      name,
      {
        description: name,
        deletion_window_in_days: 30,
        enable_key_rotation: true,
        is_enabled: true,
        key_usage: 'ENCRYPT_DECRYPT',
        policy: policy(statement),
        tags: null,
      },
      { unknown: ['arn', 'id', 'key_id', 'tags_all', 'multi_region'], expressions: { policy: {} } },
    );

  // CKV_AWS_70: a bucket anyone may read; one that only denies insecure transport
  for (const name of ['public', 'private']) {
    p.create(
      'aws_s3_bucket',
      name,
      { bucket: `acme-${name}`, force_destroy: false, tags: null },
      { unknown: ['arn', 'id', 'policy', 'region', 'bucket_domain_name', 'tags_all'] },
    );
  }
  p.create(
    'aws_s3_bucket_policy',
    'public',
    { policy: policy(everyone('s3:GetObject', 'arn:aws:s3:::acme-public/*')) },
    { expressions: { bucket: ref('aws_s3_bucket.public', 'id'), policy: {} }, unknown: ['id', 'bucket'] },
  );
  p.create(
    'aws_s3_bucket_policy',
    'private',
    {
      policy: policy({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-private', 'arn:aws:s3:::acme-private/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    },
    { expressions: { bucket: ref('aws_s3_bucket.private', 'id'), policy: {} }, unknown: ['id', 'bucket'] },
  );

  // FG_R00210, FG_R00211: every action, and listing, for any principal
  for (const [name, statement] of [
    [
      'allow_all',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: '*',
        Resource: ['arn:aws:s3:::acme-allow-all', 'arn:aws:s3:::acme-allow-all/*'],
      },
    ],
    ['list_all', everyone('s3:ListBucket', 'arn:aws:s3:::acme-list-all')],
  ]) {
    p.create(
      'aws_s3_bucket',
      name,
      { bucket: `acme-${name.replace('_', '-')}`, force_destroy: false, tags: null },
      { unknown: ['arn', 'id', 'policy', 'region', 'bucket_domain_name', 'tags_all'] },
    );
    p.create(
      'aws_s3_bucket_policy',
      name,
      { policy: policy(statement) },
      { expressions: { bucket: ref(`aws_s3_bucket.${name}`, 'id'), policy: {} }, unknown: ['id', 'bucket'] },
    );
  }

  // Principal "*" narrowed to a VPC endpoint: not public (as S3 Block Public Access and IAM Access
  // Analyzer judge it); narrowed only to TLS: public
  for (const [name, condition] of [
    ['vpce_only', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }],
    ['tls_only', { Bool: { 'aws:SecureTransport': 'true' } }],
  ]) {
    p.create(
      'aws_s3_bucket',
      name,
      { bucket: `acme-${name.replace('_', '-')}`, force_destroy: false, tags: null },
      { unknown: ['arn', 'id', 'policy', 'region', 'bucket_domain_name', 'tags_all'] },
    );
    p.create(
      'aws_s3_bucket_policy',
      name,
      {
        policy: policy({
          ...everyone('s3:GetObject', `arn:aws:s3:::acme-${name.replace('_', '-')}/*`),
          Condition: condition,
        }),
      },
      { expressions: { bucket: ref(`aws_s3_bucket.${name}`, 'id'), policy: {} }, unknown: ['id', 'bucket'] },
    );
  }

  // CKV_AWS_168: a queue anyone may send to; one SNS may send to for one topic
  p.create(
    'aws_sns_topic',
    'events',
    { name: 'events', policy: null },
    { unknown: ['arn', 'id', 'policy', 'owner', 'tags_all'] },
  );
  for (const name of ['open', 'fanout'])
    p.create(
      'aws_sqs_queue',
      name,
      { name, fifo_queue: false, tags: null },
      { unknown: ['arn', 'id', 'url', 'policy', 'tags_all'] },
    );
  p.create(
    'aws_sqs_queue',
    'org',
    { name: 'org', fifo_queue: false, tags: null },
    { unknown: ['arn', 'id', 'url', 'policy', 'tags_all'] },
  );
  p.create(
    'aws_sqs_queue_policy',
    'org',
    {
      policy: policy({
        ...everyone('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:org`),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    },
    { expressions: { queue_url: ref('aws_sqs_queue.org', 'id'), policy: {} }, unknown: ['id', 'queue_url'] },
  );
  p.create(
    'aws_sqs_queue_policy',
    'open',
    { policy: policy(everyone('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:open`)) },
    { expressions: { queue_url: ref('aws_sqs_queue.open', 'id'), policy: {} }, unknown: ['id', 'queue_url'] },
  );
  const fanout = p.document('fanout', [
    {
      actions: ['sqs:SendMessage'],
      principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
      resources: [{ ref: ['aws_sqs_queue.fanout', 'arn'] }],
      condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [{ ref: ['aws_sns_topic.events', 'arn'] }] }],
    },
  ]);
  p.create(
    'aws_sqs_queue_policy',
    'fanout',
    {},
    {
      expressions: { queue_url: ref('aws_sqs_queue.fanout', 'id'), policy: ref(fanout, 'json') },
      unknown: ['id', 'queue_url', 'policy'],
    },
  );

  // CKV_AWS_72: every SQS action, to anyone; to the own account (delegated to its IAM policies)
  for (const [name, statement] of [
    ['all_actions', everyone('*', `arn:aws:sqs:eu-west-1:${ACCOUNT}:all_actions`)],
    ['all_actions_own', own('sqs:*', `arn:aws:sqs:eu-west-1:${ACCOUNT}:all_actions_own`)],
  ]) {
    p.create(
      'aws_sqs_queue',
      name,
      { name, fifo_queue: false, tags: null },
      { unknown: ['arn', 'id', 'url', 'policy', 'tags_all'] },
    );
    p.create(
      'aws_sqs_queue_policy',
      name,
      { policy: policy(statement) },
      { expressions: { queue_url: ref(`aws_sqs_queue.${name}`, 'id'), policy: {} }, unknown: ['id', 'queue_url'] },
    );
  }

  // CKV_AWS_283: a document granting any AWS principal use of a key for CloudWatch Logs; the same
  // limited to callers of the own account
  const logsContext = {
    test: 'ArnLike',
    variable: 'kms:EncryptionContext:aws:logs:arn',
    values: [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*`],
  };
  for (const [name, conditions] of [
    ['logs_any_caller', [logsContext]],
    ['logs_own_callers', [logsContext, { test: 'StringEquals', variable: 'kms:CallerAccount', values: [ACCOUNT] }]],
  ]) {
    const doc = p.document(name, [
      {
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        condition: conditions,
      },
      {
        sid: 'Owner',
        actions: ['kms:*'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
      },
    ]);
    p.create(
      'aws_kms_key',
      name,
      {
        description: name,
        deletion_window_in_days: 30,
        enable_key_rotation: true,
        is_enabled: true,
        key_usage: 'ENCRYPT_DECRYPT',
        policy: p.json(doc),
        tags: null,
      },
      { unknown: ['arn', 'id', 'key_id', 'tags_all', 'multi_region'], expressions: { policy: ref(doc, 'json') } },
    );
  }

  // CKV_AWS_169: a topic any AWS principal may publish to; the owner-only default statement
  for (const [name, statement] of [
    [
      'open',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'SNS:Publish',
        Resource: `arn:aws:sns:eu-west-1:${ACCOUNT}:open`,
      },
    ],
    [
      'owned',
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:Subscribe', 'SNS:Publish'],
        Resource: `arn:aws:sns:eu-west-1:${ACCOUNT}:owned`,
        Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
      },
    ],
  ]) {
    p.create('aws_sns_topic', name, { name, policy: null }, { unknown: ['arn', 'id', 'policy', 'owner', 'tags_all'] });
    p.create(
      'aws_sns_topic_policy',
      name,
      { policy: policy(statement) },
      { expressions: { arn: ref(`aws_sns_topic.${name}`, 'arn'), policy: {} }, unknown: ['id', 'arn', 'owner'] },
    );
  }

  // CKV_AWS_32: a repository anyone may pull from; one the account may pull from
  for (const [name, statement] of [
    ['public', everyone(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'])],
    ['private', own(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'])],
  ]) {
    p.create(
      'aws_ecr_repository',
      name,
      { name, image_tag_mutability: 'IMMUTABLE', force_delete: null, tags: null },
      { unknown: ['arn', 'id', 'registry_id', 'repository_url', 'tags_all'] },
    );
    p.create(
      'aws_ecr_repository_policy',
      name,
      { repository: name, policy: policy(statement) },
      {
        expressions: { repository: ref(`aws_ecr_repository.${name}`, 'name'), policy: {} },
        unknown: ['id', 'registry_id'],
      },
    );
  }
  // ECR repository creation templates: the policy of each repository created from them
  for (const [name, statement] of [
    ['public_pull', everyone(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'])],
    ['account_pull', own(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'])],
  ])
    p.create(
      'aws_ecr_repository_creation_template',
      name,
      {
        prefix: name.replace('_', '-'),
        applied_for: ['PULL_THROUGH_CACHE'],
        image_tag_mutability: 'MUTABLE',
        repository_policy: policy(statement),
        description: null,
        custom_role_arn: null,
        lifecycle_policy: null,
        resource_tags: null,
      },
      { unknown: ['id', 'registry_id', 'encryption_configuration'], expressions: { repository_policy: {} } },
    );

  // CKV_AWS_301 / CKV_AWS_364 / CKV_AWS_258: Lambda permissions and function URLs
  p.create(
    'aws_lambda_function',
    'api',
    { function_name: 'api', handler: 'index.handler', runtime: 'nodejs20.x', filename: 'api.zip', tags: null },
    {
      expressions: { role: ref('aws_iam_role.consumer', 'arn') },
      unknown: ['arn', 'id', 'role', 'invoke_arn', 'qualified_arn', 'version', 'tags_all'],
    },
  );
  const permission = (name, values) =>
    p.create(
      'aws_lambda_permission',
      name,
      {
        // the function's name is set in its configuration: known at plan time
        function_name: 'api',
        action: 'lambda:InvokeFunction',
        statement_id: name,
        qualifier: null,
        source_account: null,
        source_arn: null,
        principal_org_id: null,
        event_source_token: null,
        function_url_auth_type: null,
        ...values,
      },
      {
        expressions: { function_name: ref('aws_lambda_function.api', 'function_name') },
        unknown: ['id'],
      },
    );
  permission('anyone', { principal: '*' });
  permission('partner', { principal: PARTNER });
  permission('s3_any_bucket', { principal: 's3.amazonaws.com' });
  // FG_R00499: a bucket ARN names no account, so S3 needs `source_account` too
  permission('s3_no_account', { principal: 's3.amazonaws.com', source_arn: 'arn:aws:s3:::acme-uploads' });
  p.create(
    'aws_s3_bucket',
    'uploads',
    { bucket: 'acme-uploads', force_destroy: false, tags: null },
    { unknown: ['arn', 'id', 'policy', 'region', 'bucket_domain_name', 'tags_all'] },
  );
  permission('s3_uploads', { principal: 's3.amazonaws.com', source_account: ACCOUNT });
  p.changes.at(-1).change.after_unknown.source_arn = true;
  delete p.changes.at(-1).change.after.source_arn;
  delete p.planned.at(-1).values.source_arn;
  p.config.at(-1).expressions.source_arn = ref('aws_s3_bucket.uploads', 'arn');
  for (const [name, auth] of [
    ['public', 'NONE'],
    ['iam', 'AWS_IAM'],
  ])
    p.create(
      'aws_lambda_function_url',
      name,
      { function_name: 'api', authorization_type: auth, qualifier: null, invoke_mode: 'BUFFERED', cors: [] },
      {
        expressions: { function_name: ref('aws_lambda_function.api', 'function_name') },
        unknown: ['id', 'function_arn', 'function_url', 'url_id'],
      },
    );

  // Lambda layer versions shared with every account; with the accounts of one organization
  for (const [name, values] of [
    ['public', { principal: '*', organization_id: null }],
    ['organization', { principal: '*', organization_id: 'o-a1b2c3d4e5' }],
  ]) {
    p.create(
      'aws_lambda_layer_version',
      name,
      { layer_name: `shared-${name}`, filename: 'layer.zip', compatible_runtimes: ['nodejs20.x'] },
      { unknown: ['arn', 'id', 'layer_arn', 'version', 'created_date'] },
    );
    p.create(
      'aws_lambda_layer_version_permission',
      name,
      { statement_id: 'share', action: 'lambda:GetLayerVersion', skip_destroy: false, ...values },
      {
        expressions: {
          layer_name: ref(`aws_lambda_layer_version.${name}`, 'layer_arn'),
          version_number: ref(`aws_lambda_layer_version.${name}`, 'version'),
        },
        unknown: ['id', 'layer_name', 'version_number', 'policy', 'revision_id'],
      },
    );
  }

  // Secrets Manager: a secret anyone may read; one the consumer role of the plan may read
  for (const name of ['open', 'scoped'])
    p.create(
      'aws_secretsmanager_secret',
      name,
      { name, policy: null, recovery_window_in_days: 30 },
      { unknown: ['arn', 'id', 'policy', 'tags_all'] },
    );
  p.create(
    'aws_secretsmanager_secret_policy',
    'open',
    { policy: policy(everyone('secretsmanager:GetSecretValue', '*')), block_public_policy: false },
    {
      expressions: { secret_arn: ref('aws_secretsmanager_secret.open', 'arn'), policy: {} },
      unknown: ['id', 'secret_arn'],
    },
  );
  const scoped = p.document('secret_reader', [
    {
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      principals: [{ type: 'AWS', identifiers: [{ ref: ['aws_iam_role.consumer', 'arn'] }] }],
    },
  ]);
  p.create(
    'aws_secretsmanager_secret_policy',
    'scoped',
    { block_public_policy: true },
    {
      expressions: { secret_arn: ref('aws_secretsmanager_secret.scoped', 'arn'), policy: ref(scoped, 'json') },
      unknown: ['id', 'secret_arn', 'policy'],
    },
  );

  // OpenSearch: a domain any AWS principal may call; one only the consumer role may
  for (const name of ['open', 'scoped'])
    p.create(
      'aws_opensearch_domain',
      name,
      { domain_name: name, engine_version: 'OpenSearch_2.13', tags: null },
      { unknown: ['arn', 'id', 'domain_id', 'endpoint', 'access_policies', 'tags_all'] },
    );
  p.create(
    'aws_opensearch_domain_policy',
    'open',
    {
      domain_name: 'open',
      access_policies: policy({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'es:*',
        Resource: `arn:aws:es:eu-west-1:${ACCOUNT}:domain/open/*`,
      }),
    },
    {
      expressions: { domain_name: ref('aws_opensearch_domain.open', 'domain_name'), access_policies: {} },
      unknown: ['id'],
    },
  );
  const searchers = p.document('search_reader', [
    {
      actions: ['es:ESHttpGet', 'es:ESHttpPost'],
      resources: [`arn:aws:es:eu-west-1:${ACCOUNT}:domain/scoped/*`],
      principals: [{ type: 'AWS', identifiers: [{ ref: ['aws_iam_role.consumer', 'arn'] }] }],
    },
  ]);
  p.create(
    'aws_opensearch_domain_policy',
    'scoped',
    { domain_name: 'scoped' },
    {
      expressions: {
        domain_name: ref('aws_opensearch_domain.scoped', 'domain_name'),
        access_policies: ref(searchers, 'json'),
      },
      unknown: ['id', 'access_policies'],
    },
  );

  // CKV_AWS_167: a Glacier vault anyone may read; one the account may
  for (const [name, statement] of [
    [
      'open',
      everyone(['glacier:InitiateJob', 'glacier:GetJobOutput'], `arn:aws:glacier:eu-west-1:${ACCOUNT}:vaults/open`),
    ],
    [
      'owned',
      own(['glacier:InitiateJob', 'glacier:GetJobOutput'], `arn:aws:glacier:eu-west-1:${ACCOUNT}:vaults/owned`),
    ],
  ])
    p.create(
      'aws_glacier_vault',
      name,
      { name, access_policy: policy(statement), notification: [], tags: null },
      { unknown: ['arn', 'id', 'location', 'tags_all'], expressions: { access_policy: {} } },
    );
  return p;
}

const PLANS = {
  'identity-policies.json': identityPolicies,
  'attachments.json': attachments,
  'trust.json': trust,
  'password-policy.json': passwordPolicy,
  'resource-policies.json': resourcePolicies,
};

for (const [file, build] of Object.entries(PLANS))
  fs.writeFileSync(path.join(__dirname, file), `${JSON.stringify(build().toJSON(), null, 2)}\n`);
