/**
 * Writes the plans of this folder (`node integ/tf-scan/estates/build-estates.js`): estates as
 * their teams lay them out (modules two levels deep, `for_each` over maps, resources updated,
 * replaced and destroyed, values known only after apply). See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('./estate-builder');

const ORG = 'o-a1b2c3d4e5';
const OTHER = '444455556666';
const PARTNER = '777788889999';
const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const iamArn = (kind, name, path = '/') => `arn:aws:iam::${ACCOUNT}:${kind}${path}${name}`;
const allow = (Action, Resource, extra = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
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
const ROLE_UNKNOWN = ['arn', 'id', 'unique_id', 'create_date', 'inline_policy', 'managed_policy_arns'];

const plans = {};

// ---------------------------------------------------------------------------------------------
// 1. CI account: GitHub, GitLab and HCP Terraform OIDC deploy roles in module.ci.module.oidc_role[...]
{
  const e = new Estate('1.9.8');
  const gh = 'token.actions.githubusercontent.com';
  const ghProvider = iamArn('oidc-provider', gh, '/');
  e.module('ci', { source: './modules/ci' });
  e.module('ci.oidc_role', { source: './modules/oidc-role', forEach: ref('var.roles') });
  e.keep(
    'module.ci.aws_iam_openid_connect_provider.github',
    {
      arn: ghProvider,
      id: ghProvider,
      url: `https://${gh}`,
      client_id_list: ['sts.amazonaws.com'],
      thumbprint_list: [],
      tags: {},
      tags_all: {},
    },
    { url: constant(`https://${gh}`), client_id_list: constant(['sts.amazonaws.com']) },
  );
  const roles = {
    'app-deploy': {
      sub: 'repo:acme/app:environment:production',
      policy: [allow(['ecs:UpdateService', 'ecs:DescribeServices'], arn('ecs', 'service/prod/app'))],
    },
    'infra-plan': {
      sub: 'repo:acme/infra:pull_request',
      like: false,
      policy: null,
      managed: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    },
    'any-branch': { sub: 'repo:acme/*', like: true, policy: [allow('s3:PutObject', 'arn:aws:s3:::acme-artifacts/*')] },
    'infra-apply': {
      sub: 'repo:acme/infra:ref:refs/heads/main',
      policy: [allow(['iam:PassRole'], '*'), allow('lambda:*', '*')],
    },
  };
  for (const [key, r] of Object.entries(roles)) {
    const base = `module.ci.module.oidc_role["${key}"]`;
    const assume = trust({ Federated: ghProvider }, 'sts:AssumeRoleWithWebIdentity', {
      Condition: {
        StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' },
        [r.like ? 'StringLike' : 'StringEquals']: { [`${gh}:sub`]: r.sub },
      },
    });
    e.create(
      `${base}.aws_iam_role.this`,
      role(`gha-${key}`, assume),
      { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.trust', 'json') },
      { unknown: ROLE_UNKNOWN },
    );
    if (r.policy !== null)
      e.create(
        `${base}.aws_iam_role_policy.this[0]`,
        { name: 'deploy', policy: policy(...r.policy), role: `gha-${key}` },
        { name: constant('deploy'), policy: ref('var.policy'), role: ref('aws_iam_role.this', 'id') },
        { unknown: ['id'] },
      );
    if (r.managed !== undefined)
      e.create(
        `${base}.aws_iam_role_policy_attachment.managed["${r.managed}"]`,
        { policy_arn: r.managed, role: `gha-${key}` },
        { policy_arn: ref('each.value'), role: ref('aws_iam_role.this', 'name') },
        { unknown: ['id'], forEach: ref('var.managed_policy_arns') },
      );
  }
  // GitLab: a project path pinned, and a role for HCP Terraform runs of one workspace
  const gl = 'gitlab.com';
  e.create(
    'module.ci.aws_iam_role.gitlab_deploy',
    role(
      'gitlab-deploy',
      trust({ Federated: iamArn('oidc-provider', gl) }, 'sts:AssumeRoleWithWebIdentity', {
        Condition: {
          StringEquals: {
            [`${gl}:aud`]: 'https://gitlab.com',
            [`${gl}:sub`]: 'project_path:acme/app:ref_type:branch:ref:main',
          },
        },
      }),
    ),
    { assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'module.ci.aws_iam_role.tfc',
    role(
      'tfc-workspace',
      trust({ Federated: iamArn('oidc-provider', 'app.terraform.io') }, 'sts:AssumeRoleWithWebIdentity', {
        Condition: {
          StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
          StringLike: { 'app.terraform.io:sub': 'organization:acme:project:*:workspace:*:run_phase:*' },
        },
      }),
    ),
    { assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  plans['ci-account.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 2. Serverless app: functions, permissions, API Gateway policy, queue and topic policies
{
  const e = new Estate('1.10.2');
  e.module('app', { source: './modules/app' });
  e.module('app.fn', { source: './modules/function', forEach: ref('local.functions') });
  const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
  for (const key of ['orders', 'thumbnails']) {
    const base = `module.app.module.fn["${key}"]`;
    e.create(
      `${base}.aws_iam_role.this`,
      role(`${key}-fn`, lambdaTrust),
      { assume_role_policy: ref('data.aws_iam_policy_document.assume', 'json') },
      { unknown: ROLE_UNKNOWN },
    );
    e.create(
      `${base}.aws_lambda_function.this`,
      { function_name: `${key}`, role: iamArn('role', `${key}-fn`), runtime: 'nodejs20.x', handler: 'index.handler' },
      { function_name: ref('var.name'), role: ref('aws_iam_role.this', 'arn') },
      { unknown: ['arn', 'id', 'invoke_arn', 'qualified_arn', 'role', 'version'] },
    );
  }
  e.create(
    'module.app.module.fn["orders"].aws_iam_role_policy.this',
    {
      name: 'orders',
      role: 'orders-fn',
      policy: policy(
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], arn('dynamodb', 'table/orders')),
        allow(['sqs:SendMessage'], arn('sqs', 'orders-events')),
      ),
    },
    { policy: ref('var.policy'), role: ref('aws_iam_role.this', 'id') },
    { unknown: ['id'] },
  );
  e.create(
    'module.app.module.fn["thumbnails"].aws_iam_role_policy.this',
    {
      name: 'thumbnails',
      role: 'thumbnails-fn',
      policy: policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-uploads/*')),
    },
    { policy: ref('var.policy'), role: ref('aws_iam_role.this', 'id') },
    { unknown: ['id'] },
  );
  // API Gateway may invoke orders from its own API only; S3 may invoke thumbnails without a source account
  // each function's dead-letter queue, and the role's access to it from a document read at apply
  // (the queue's ARN is known only then): the thumbnails module was written with `sqs:*` on `*`
  for (const [key, scoped] of [
    ['orders', true],
    ['thumbnails', false],
  ]) {
    const base = `module.app.module.fn["${key}"]`;
    e.create(
      `${base}.aws_sqs_queue.dlq`,
      { name: `${key}-dlq`, tags: {} },
      { name: ref('var.name') },
      {
        unknown: ['arn', 'id', 'url', 'policy', 'tags_all'],
      },
    );
    e.resource(`${base}.data.aws_iam_policy_document.dlq`, {
      actions: ['read'],
      after: {
        statement: [
          {
            sid: 'DeadLetters',
            effect: 'Allow',
            actions: scoped ? ['sqs:SendMessage'] : ['sqs:*'],
            not_actions: null,
            resources: scoped ? [null] : ['*'],
            not_resources: null,
            principals: [],
            not_principals: [],
            condition: [],
          },
        ],
        override_policy_documents: null,
        source_policy_documents: null,
        policy_id: null,
        version: null,
      },
      unknownTree: { id: true, json: true, minified_json: true, statement: [{ resources: scoped ? [true] : [false] }] },
      reason: 'read_because_config_unknown',
      config: {
        statement: [
          {
            sid: constant('DeadLetters'),
            actions: ref('var.dlq_actions'),
            resources: scoped ? ref('aws_sqs_queue.dlq', 'arn') : ref('var.dlq_resources'),
          },
        ],
      },
    });
    e.create(
      `${base}.aws_iam_role_policy.dlq`,
      { name: 'dlq', role: `${key}-fn` },
      { role: ref('aws_iam_role.this', 'id'), policy: ref('data.aws_iam_policy_document.dlq', 'json') },
      { unknown: ['id', 'policy'] },
    );
  }
  e.create(
    'module.app.aws_lambda_permission.api',
    {
      action: 'lambda:InvokeFunction',
      function_name: 'orders',
      principal: 'apigateway.amazonaws.com',
      statement_id: 'AllowAPI',
      source_arn: null,
    },
    {
      function_name: ref('module.fn["orders"]', 'function_name'),
      principal: constant('apigateway.amazonaws.com'),
      source_arn: ref('aws_api_gateway_rest_api.api', 'execution_arn'),
    },
    { unknown: ['id', 'source_arn'] },
  );
  e.create(
    'module.app.aws_lambda_permission.s3',
    {
      action: 'lambda:InvokeFunction',
      function_name: 'thumbnails',
      principal: 's3.amazonaws.com',
      statement_id: 'AllowS3',
      source_arn: 'arn:aws:s3:::acme-uploads',
    },
    {
      function_name: constant('thumbnails'),
      principal: constant('s3.amazonaws.com'),
      source_arn: constant('arn:aws:s3:::acme-uploads'),
    },
    { unknown: ['id'] },
  );
  e.create(
    'module.app.aws_api_gateway_rest_api.api',
    { name: 'orders' },
    { name: constant('orders') },
    { unknown: ['id', 'arn', 'execution_arn', 'root_resource_id', 'policy'] },
  );
  e.create(
    'module.app.aws_api_gateway_rest_api_policy.api',
    {
      rest_api_id: null,
      policy: policy(
        allow('execute-api:Invoke', 'execute-api:/*', {
          Principal: '*',
          Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        }),
      ),
    },
    { rest_api_id: ref('aws_api_gateway_rest_api.api', 'id') },
    { unknown: ['id', 'rest_api_id'] },
  );
  e.data(
    'module.app.data.aws_iam_policy_document.queue',
    {
      id: '1873552011',
      json: policy(
        allow('sqs:SendMessage', arn('sqs', 'orders-events'), {
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': arn('sns', 'orders-events') } },
        }),
      ),
    },
    {},
  );
  e.create(
    'module.app.aws_sns_topic.events',
    { name: 'orders-events' },
    { name: constant('orders-events') },
    { unknown: ['id', 'arn', 'policy', 'owner'] },
  );
  e.create(
    'module.app.aws_sqs_queue.events',
    { name: 'orders-events' },
    { name: constant('orders-events') },
    { unknown: ['id', 'arn', 'url', 'policy'] },
  );
  e.create(
    'module.app.aws_sqs_queue_policy.events',
    {
      queue_url: null,
      policy: policy(
        allow('sqs:SendMessage', arn('sqs', 'orders-events'), {
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': arn('sns', 'orders-events') } },
        }),
      ),
    },
    { queue_url: ref('aws_sqs_queue.events', 'id'), policy: ref('data.aws_iam_policy_document.queue', 'json') },
    { unknown: ['id', 'queue_url'] },
  );
  // the topic policy lets any account publish: a mistake a reviewer must see
  e.create(
    'module.app.aws_sns_topic_policy.events',
    { arn: null, policy: policy(allow('SNS:Publish', '*', { Principal: { AWS: '*' } })) },
    { arn: ref('aws_sns_topic.events', 'arn'), policy: LITERAL },
    { unknown: ['id', 'arn', 'owner'] },
  );
  plans['serverless-app.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 3. Landing zone: IAM Identity Center permission sets and organization policies
{
  const e = new Estate('1.9.8');
  const instance = 'arn:aws:sso:::instance/ssoins-7223a0a1b2c3d4e5';
  e.module('identity', { source: './modules/identity' });
  e.module('identity.permission_set', { source: './modules/permission-set', forEach: ref('var.permission_sets') });
  e.module('org', { source: './modules/organization' });
  const sets = {
    Admin: { id: 'a1a1a1a1a1a1a1a1', managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
    Developer: {
      id: 'b2b2b2b2b2b2b2b2',
      managed: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      inline: [allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:PassRole'], '*')],
      boundary: { name: 'developer-boundary', path: '/' },
    },
    ReadOnly: { id: 'c3c3c3c3c3c3c3c3', managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    Billing: { id: 'd4d4d4d4d4d4d4d4', customer: { name: 'billing-readers', path: '/finance/' } },
  };
  for (const [name, ps] of Object.entries(sets)) {
    const base = `module.identity.module.permission_set["${name}"]`;
    e.create(
      `${base}.aws_ssoadmin_permission_set.this`,
      { name, instance_arn: instance, session_duration: 'PT8H', description: name, relay_state: null, tags: {} },
      { name: ref('var.name'), instance_arn: ref('var.instance_arn') },
      { unknown: ['arn', 'id', 'created_date', 'tags_all'] },
    );
    for (const managed of ps.managed ?? [])
      e.create(
        `${base}.aws_ssoadmin_managed_policy_attachment.this["${managed}"]`,
        { instance_arn: instance, managed_policy_arn: managed },
        {
          instance_arn: ref('var.instance_arn'),
          managed_policy_arn: ref('each.value'),
          permission_set_arn: ref('aws_ssoadmin_permission_set.this', 'arn'),
        },
        { unknown: ['id', 'permission_set_arn', 'managed_policy_name'], forEach: ref('var.managed_policy_arns') },
      );
    if (ps.inline !== undefined)
      e.create(
        `${base}.aws_ssoadmin_permission_set_inline_policy.this[0]`,
        { instance_arn: instance, inline_policy: policy(...ps.inline) },
        {
          instance_arn: ref('var.instance_arn'),
          inline_policy: ref('var.inline_policy'),
          permission_set_arn: ref('aws_ssoadmin_permission_set.this', 'arn'),
        },
        { unknown: ['id', 'permission_set_arn'] },
      );
    if (ps.boundary !== undefined)
      e.create(
        `${base}.aws_ssoadmin_permissions_boundary_attachment.this[0]`,
        {
          instance_arn: instance,
          permissions_boundary: [{ customer_managed_policy_reference: [ps.boundary], managed_policy_arn: null }],
        },
        {
          instance_arn: ref('var.instance_arn'),
          permission_set_arn: ref('aws_ssoadmin_permission_set.this', 'arn'),
          permissions_boundary: [
            { customer_managed_policy_reference: [{ name: ref('var.boundary.name'), path: ref('var.boundary.path') }] },
          ],
        },
        { unknown: ['id', 'permission_set_arn'] },
      );
    if (ps.customer !== undefined)
      e.create(
        `${base}.aws_ssoadmin_customer_managed_policy_attachment.this["${ps.customer.name}"]`,
        { instance_arn: instance, customer_managed_policy_reference: [ps.customer] },
        {
          instance_arn: ref('var.instance_arn'),
          permission_set_arn: ref('aws_ssoadmin_permission_set.this', 'arn'),
          customer_managed_policy_reference: [{ name: ref('each.key'), path: ref('each.value') }],
        },
        { unknown: ['id', 'permission_set_arn'], forEach: ref('var.customer_managed_policies') },
      );
  }
  // organization policies: an SCP kept, one widened by an update, an RCP, a tag policy (no IAM grammar)
  const scp = (id, name, content, type = 'SERVICE_CONTROL_POLICY') => ({
    arn: `arn:aws:organizations::${ACCOUNT}:policy/${ORG}/${type.toLowerCase()}/p-${id}`,
    id: `p-${id}`,
    name,
    description: '',
    content,
    type,
    skip_destroy: false,
    tags: {},
    tags_all: {},
  });
  const denyLeave = policy(deny('organizations:LeaveOrganization', '*'));
  e.keep(
    'module.org.aws_organizations_policy.this["deny-leave"]',
    scp('aaaa1111', 'deny-leave', denyLeave),
    { content: ref('each.value.content'), type: constant('SERVICE_CONTROL_POLICY') },
    { forEach: ref('var.policies') },
  );
  const regionsBefore = policy(
    deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }),
  );
  const regionsAfter = policy(
    deny('*', '*', {
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
        ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' },
      },
    }),
  );
  e.update(
    'module.org.aws_organizations_policy.this["regions"]',
    scp('bbbb2222', 'regions', regionsBefore),
    scp('bbbb2222', 'regions', regionsAfter),
  );
  e.create(
    'module.org.aws_organizations_policy.this["data-perimeter"]',
    {
      name: 'data-perimeter',
      content: policy(
        deny('s3:*', '*', {
          Principal: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      ),
      type: 'RESOURCE_CONTROL_POLICY',
      description: '',
      skip_destroy: false,
      tags: {},
    },
    undefined,
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  e.create(
    'module.org.aws_organizations_policy.this["tags"]',
    {
      name: 'tags',
      content: JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } }),
      type: 'TAG_POLICY',
      description: '',
      skip_destroy: false,
      tags: {},
    },
    undefined,
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  plans['landing-zone.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 4. Data platform: Glue catalog policy, access points, a KMS key with grants, Lake Formation
{
  const e = new Estate('1.8.5');
  e.module('lake', { source: './modules/lake' });
  e.module('lake.zone', { source: './modules/zone', forEach: ref('var.zones') });
  const key = arn('kms', 'key/0d5c4b3a-1111-2222-3333-444455556666');
  e.keep(
    'module.lake.aws_kms_key.lake',
    {
      arn: key,
      key_id: '0d5c4b3a-1111-2222-3333-444455556666',
      id: '0d5c4b3a-1111-2222-3333-444455556666',
      description: 'lake',
      policy: policy(allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
      enable_key_rotation: true,
      tags: {},
      tags_all: {},
    },
    { description: constant('lake'), enable_key_rotation: constant(true) },
  );
  for (const zone of ['raw', 'curated']) {
    const base = `module.lake.module.zone["${zone}"]`;
    const bucket = `acme-lake-${zone}`;
    e.create(
      `${base}.aws_s3_bucket.this`,
      { bucket, force_destroy: false, tags: {} },
      { bucket: ref('var.bucket') },
      { unknown: ['arn', 'id', 'policy', 'bucket_domain_name', 'region'] },
    );
    e.create(
      `${base}.aws_s3_access_point.analytics`,
      {
        bucket,
        name: `${zone}-analytics`,
        account_id: ACCOUNT,
        policy: policy(
          allow('s3:GetObject', arn('s3', `accesspoint/${zone}-analytics/object/*`), {
            Principal: { AWS: iamArn('role', 'analytics') },
          }),
        ),
        public_access_block_configuration: [
          {
            block_public_acls: true,
            block_public_policy: true,
            ignore_public_acls: true,
            restrict_public_buckets: true,
          },
        ],
      },
      { bucket: ref('aws_s3_bucket.this', 'id'), name: ref('var.access_point_name') },
      { unknown: ['arn', 'id', 'alias', 'domain_name', 'endpoints', 'has_public_access_policy', 'network_origin'] },
    );
    // the bucket delegates access control to the account's access points
    e.create(
      `${base}.aws_s3_bucket_policy.this`,
      {
        bucket,
        policy: policy(
          allow('s3:*', [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], {
            Principal: { AWS: '*' },
            Condition: { StringEquals: { 's3:DataAccessPointAccount': ACCOUNT } },
          }),
        ),
      },
      { bucket: ref('aws_s3_bucket.this', 'id'), policy: ref('data.aws_iam_policy_document.delegate', 'json') },
      { unknown: ['id'] },
    );
  }
  // the Glue catalog shared with the analytics account, for its databases only
  e.create(
    'module.lake.aws_glue_resource_policy.catalog',
    {
      enable_hybrid: null,
      policy: policy(
        allow(
          ['glue:GetDatabase', 'glue:GetTables', 'glue:GetTable', 'glue:GetPartitions'],
          [arn('glue', 'catalog'), arn('glue', 'database/curated'), arn('glue', 'table/curated/*')],
          { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } },
        ),
      ),
    },
    { policy: ref('data.aws_iam_policy_document.catalog', 'json') },
    { unknown: ['id'] },
  );
  // KMS grants: the ETL role may decrypt with the lake key for one context; another account may create grants
  e.create(
    'module.lake.aws_kms_grant.etl',
    {
      name: 'etl',
      key_id: '0d5c4b3a-1111-2222-3333-444455556666',
      grantee_principal: iamArn('role', 'etl'),
      operations: ['Decrypt', 'GenerateDataKey'],
      constraints: [{ encryption_context_equals: { zone: 'curated' }, encryption_context_subset: null }],
      retiring_principal: null,
      grant_creation_tokens: null,
      retire_on_delete: false,
    },
    {
      key_id: ref('aws_kms_key.lake', 'key_id'),
      grantee_principal: constant(iamArn('role', 'etl')),
      operations: constant(['Decrypt', 'GenerateDataKey']),
    },
    { unknown: ['id', 'grant_id', 'grant_token'] },
  );
  e.create(
    'module.lake.aws_kms_grant.partner',
    {
      name: 'partner',
      key_id: key,
      grantee_principal: `arn:aws:iam::${PARTNER}:root`,
      operations: ['Decrypt', 'CreateGrant', 'DescribeKey'],
      constraints: [],
      retiring_principal: null,
      grant_creation_tokens: null,
      retire_on_delete: false,
    },
    {
      key_id: constant(key),
      grantee_principal: constant(`arn:aws:iam::${PARTNER}:root`),
      operations: constant(['Decrypt', 'CreateGrant', 'DescribeKey']),
    },
    { unknown: ['id', 'grant_id', 'grant_token'] },
  );
  // Lake Formation: the ETL role is data lake admin; the analytics role reads one database
  e.create(
    'module.lake.aws_lakeformation_data_lake_settings.this',
    { admins: [iamArn('role', 'etl')], catalog_id: null },
    { admins: constant([iamArn('role', 'etl')]) },
    { unknown: ['id', 'catalog_id'] },
  );
  plans['data-platform.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 5. EKS platform: cluster and node roles, IRSA roles per add-on, EKS Pod Identity roles
{
  const e = new Estate('1.9.8');
  const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/5C6B2E0A9F1D4E3B8A7C6D5E4F3A2B1C';
  const provider = iamArn('oidc-provider', issuer);
  e.module('platform', { source: './modules/platform' });
  e.module('platform.irsa', { source: './modules/irsa', forEach: ref('local.irsa') });
  e.module('platform.pod_identity', { source: './modules/pod-identity', forEach: ref('local.pod_identity') });
  e.keep(
    'module.platform.aws_iam_role.cluster',
    role('platform-cluster', trust({ Service: 'eks.amazonaws.com' }), {
      managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy'],
      inline_policy: [],
      unique_id: 'AROACLUSTERXXXXXXXXX',
      create_date: '2025-01-10T10:00:00Z',
    }),
    { assume_role_policy: ref('data.aws_iam_policy_document.cluster', 'json') },
  );
  e.keep(
    'module.platform.aws_iam_role_policy_attachment.cluster',
    {
      id: 'platform-cluster-20250110',
      policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      role: 'platform-cluster',
    },
    {
      policy_arn: constant('arn:aws:iam::aws:policy/AmazonEKSClusterPolicy'),
      role: ref('aws_iam_role.cluster', 'name'),
    },
  );
  e.keep(
    'module.platform.aws_iam_role.node',
    role('platform-node', trust({ Service: 'ec2.amazonaws.com' }), {
      managed_policy_arns: [
        'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
        'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      ],
      inline_policy: [],
      unique_id: 'AROANODEXXXXXXXXXXXX',
      create_date: '2025-01-10T10:00:00Z',
    }),
    { assume_role_policy: ref('data.aws_iam_policy_document.node', 'json') },
  );
  for (const p of ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly'])
    e.keep(
      `module.platform.aws_iam_role_policy_attachment.node["${p}"]`,
      { id: `platform-node-${p}`, policy_arn: `arn:aws:iam::aws:policy/${p}`, role: 'platform-node' },
      { policy_arn: ref('each.value'), role: ref('aws_iam_role.node', 'name') },
      { forEach: ref('local.node_policies') },
    );
  // IRSA: the load balancer controller pinned to its service account; external-dns admits the namespace
  const irsa = {
    'aws-load-balancer-controller': {
      op: 'StringEquals',
      sub: 'system:serviceaccount:kube-system:aws-load-balancer-controller',
      policy: [
        allow(
          [
            'elasticloadbalancing:CreateLoadBalancer',
            'elasticloadbalancing:DeleteLoadBalancer',
            'elasticloadbalancing:ModifyLoadBalancerAttributes',
          ],
          '*',
          { Condition: { StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'platform' } } },
        ),
        allow(['ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'], '*'),
      ],
    },
    'external-dns': {
      op: 'StringLike',
      sub: 'system:serviceaccount:external-dns:*',
      policy: [
        allow('route53:ChangeResourceRecordSets', 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'),
        allow(['route53:ListHostedZones', 'route53:ListResourceRecordSets'], '*'),
      ],
    },
  };
  for (const [key, r] of Object.entries(irsa)) {
    const base = `module.platform.module.irsa["${key}"]`;
    e.create(
      `${base}.aws_iam_role.this`,
      role(
        `platform-${key}`,
        trust({ Federated: provider }, 'sts:AssumeRoleWithWebIdentity', {
          Condition: { [r.op]: { [`${issuer}:sub`]: r.sub, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
        }),
      ),
      { name: ref('var.name'), assume_role_policy: ref('data.aws_iam_policy_document.trust', 'json') },
      { unknown: ROLE_UNKNOWN },
    );
    e.create(
      `${base}.aws_iam_policy.this`,
      { name: `platform-${key}`, path: '/', description: '', policy: policy(...r.policy), tags: {} },
      { policy: ref('var.policy') },
      { unknown: ['arn', 'id', 'policy_id', 'attachment_count', 'tags_all'] },
    );
    e.create(
      `${base}.aws_iam_role_policy_attachment.this`,
      { role: `platform-${key}` },
      { role: ref('aws_iam_role.this', 'name'), policy_arn: ref('aws_iam_policy.this', 'arn') },
      { unknown: ['id', 'policy_arn'] },
    );
  }
  // Pod Identity: the trust names the EKS Pod Identity service; the association binds one service account
  const pods = trust({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']);
  const podRoles = {
    'ebs-csi': {
      namespace: 'kube-system',
      sa: 'ebs-csi-controller-sa',
      managed: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    },
    'orders-api': { namespace: 'orders', sa: 'orders-api', inline: [allow(['secretsmanager:GetSecretValue'], '*')] },
  };
  for (const [key, r] of Object.entries(podRoles)) {
    const base = `module.platform.module.pod_identity["${key}"]`;
    e.create(
      `${base}.aws_iam_role.this`,
      role(`pod-${key}`, pods),
      { assume_role_policy: ref('data.aws_iam_policy_document.pods', 'json') },
      { unknown: ROLE_UNKNOWN },
    );
    if (r.managed !== undefined)
      e.create(
        `${base}.aws_iam_role_policy_attachment.this["${r.managed}"]`,
        { role: `pod-${key}`, policy_arn: r.managed },
        { role: ref('aws_iam_role.this', 'name'), policy_arn: ref('each.value') },
        { unknown: ['id'], forEach: ref('var.policy_arns') },
      );
    if (r.inline !== undefined)
      e.create(
        `${base}.aws_iam_role_policy.this[0]`,
        { name: 'inline', role: `pod-${key}`, policy: policy(...r.inline) },
        { role: ref('aws_iam_role.this', 'id'), policy: ref('var.inline_policy') },
        { unknown: ['id'] },
      );
    e.create(
      `${base}.aws_eks_pod_identity_association.this`,
      { cluster_name: 'platform', namespace: r.namespace, service_account: r.sa, tags: {} },
      {
        cluster_name: ref('var.cluster_name'),
        namespace: ref('var.namespace'),
        service_account: ref('var.service_account'),
        role_arn: ref('aws_iam_role.this', 'arn'),
      },
      { unknown: ['id', 'association_arn', 'association_id', 'role_arn', 'tags_all'] },
    );
  }
  plans['eks-platform.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 6. Shared services: ECR, Backup, Secrets Manager, EventBridge bus, CloudWatch Logs, CodeArtifact
{
  const e = new Estate('1.10.2');
  e.module('shared', { source: './modules/shared' });
  e.module('shared.registry', { source: './modules/registry', forEach: ref('var.repositories') });
  for (const repo of ['base-images', 'payments']) {
    const base = `module.shared.module.registry["${repo}"]`;
    e.create(
      `${base}.aws_ecr_repository.this`,
      { name: repo, image_tag_mutability: 'IMMUTABLE', force_delete: null, tags: {} },
      { name: ref('var.name') },
      { unknown: ['arn', 'id', 'registry_id', 'repository_url', 'tags_all'] },
    );
    const statement =
      repo === 'base-images'
        ? allow(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], undefined, {
            Sid: 'OrgPull',
            Principal: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
          })
        : allow(
            [
              'ecr:BatchGetImage',
              'ecr:GetDownloadUrlForLayer',
              'ecr:PutImage',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
            ],
            undefined,
            { Sid: 'Anyone', Principal: '*' },
          );
    delete statement.Resource;
    e.create(
      `${base}.aws_ecr_repository_policy.this`,
      { repository: repo, policy: policy(statement) },
      { repository: ref('aws_ecr_repository.this', 'name'), policy: ref('var.policy') },
      { unknown: ['id', 'registry_id'] },
    );
  }
  e.create(
    'module.shared.aws_ecr_registry_policy.replication',
    {
      policy: policy(
        allow(['ecr:CreateRepository', 'ecr:ReplicateImage'], arn('ecr', 'repository/*'), {
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        }),
      ),
    },
    { policy: ref('data.aws_iam_policy_document.replication', 'json') },
    { unknown: ['id', 'registry_id'] },
  );
  // Backup: a vault policy that denies deleting recovery points, updated to drop the deny
  const vaultBefore = policy(
    deny(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], '*', { Principal: { AWS: '*' } }),
  );
  const vaultAfter = policy(allow(['backup:CopyIntoBackupVault'], '*', { Principal: { AWS: '*' } }));
  e.update(
    'module.shared.aws_backup_vault_policy.this',
    {
      id: 'central',
      backup_vault_name: 'central',
      backup_vault_arn: arn('backup', 'backup-vault:central'),
      policy: vaultBefore,
    },
    {
      id: 'central',
      backup_vault_name: 'central',
      backup_vault_arn: arn('backup', 'backup-vault:central'),
      policy: vaultAfter,
    },
    { backup_vault_name: constant('central'), policy: LITERAL },
  );
  // a secret shared with one role of another account, and a log resource policy for Route 53 query logs
  e.create(
    'module.shared.aws_secretsmanager_secret.db',
    { name: 'shared/db', recovery_window_in_days: 30, tags: {} },
    { name: constant('shared/db') },
    { unknown: ['arn', 'id', 'policy', 'tags_all'] },
  );
  e.create(
    'module.shared.aws_secretsmanager_secret_policy.db',
    {
      block_public_policy: true,
      policy: policy(
        allow('secretsmanager:GetSecretValue', '*', { Principal: { AWS: `arn:aws:iam::${OTHER}:role/reporting` } }),
      ),
    },
    { secret_arn: ref('aws_secretsmanager_secret.db', 'arn'), policy: LITERAL },
    { unknown: ['id', 'secret_arn'] },
  );
  e.create(
    'module.shared.aws_cloudwatch_log_resource_policy.route53',
    {
      policy_name: 'route53-query-logging',
      policy_document: policy(
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', 'log-group:/aws/route53/*', 'us-east-1'), {
          Principal: { Service: 'route53.amazonaws.com' },
        }),
      ),
    },
    {
      policy_name: constant('route53-query-logging'),
      policy_document: ref('data.aws_iam_policy_document.route53', 'json'),
    },
    { unknown: ['id'] },
  );
  // the organization may put events on the shared bus (a for_each over accounts would do the same)
  e.create(
    'module.shared.aws_cloudwatch_event_bus.shared',
    { name: 'shared', tags: {} },
    { name: constant('shared') },
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  e.create(
    'module.shared.aws_cloudwatch_event_bus_policy.shared',
    {
      event_bus_name: 'shared',
      policy: policy(
        allow('events:PutEvents', arn('events', 'event-bus/shared'), {
          Principal: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        }),
      ),
    },
    { event_bus_name: ref('aws_cloudwatch_event_bus.shared', 'name'), policy: LITERAL },
    { unknown: ['id'] },
  );
  e.create(
    'module.shared.aws_codeartifact_domain_permissions_policy.this',
    {
      domain: 'acme',
      domain_owner: ACCOUNT,
      policy_document: policy(
        allow('codeartifact:*', '*', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
      ),
    },
    { domain: constant('acme'), policy_document: LITERAL },
    { unknown: ['id', 'resource_arn', 'policy_revision'] },
  );
  plans['shared-services.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 7. Network hub: interface endpoints with and without policies, a gateway endpoint policy, a firewall policy shared
{
  const e = new Estate('1.9.8');
  e.module('network', { source: './modules/network', expressions: { endpoints: ref('var.endpoints') } });
  e.module('network.endpoint', {
    source: './modules/endpoint',
    forEach: ref('var.endpoints'),
    expressions: { service_name: ref('each.value', 'service_name'), policy: ref('each.value', 'policy') },
  });
  const endpoints = {
    s3: {
      type: 'Gateway',
      policy: policy(
        allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], '*', {
          Principal: '*',
          Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
        }),
      ),
    },
    ecr_api: { type: 'Interface', policy: null },
    secretsmanager: { type: 'Interface', policy: policy(allow('*', '*', { Principal: '*' })) },
    sts: {
      type: 'Interface',
      policy: policy(
        allow('sts:AssumeRole', '*', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
      ),
    },
  };
  e.variable(
    'endpoints',
    Object.fromEntries(
      Object.entries(endpoints).map(([k, ep]) => [
        k,
        { service_name: `com.amazonaws.${REGION}.${k.replace('_', '.')}`, policy: ep.policy },
      ]),
    ),
  );
  for (const [key, ep] of Object.entries(endpoints)) {
    e.create(
      `module.network.module.endpoint["${key}"].aws_vpc_endpoint.this`,
      {
        service_name: `com.amazonaws.${REGION}.${key.replace('_', '.')}`,
        vpc_endpoint_type: ep.type,
        vpc_id: 'vpc-0a1b2c3d4e5f60718',
        policy: ep.policy,
        auto_accept: null,
        tags: {},
      },
      { service_name: ref('var.service_name'), vpc_id: ref('var.vpc_id'), policy: ref('var.policy') },
      {
        unknown:
          ep.policy === null
            ? [
                'arn',
                'id',
                'policy',
                'dns_entry',
                'network_interface_ids',
                'owner_id',
                'prefix_list_id',
                'state',
                'tags_all',
              ]
            : ['arn', 'id', 'dns_entry', 'network_interface_ids', 'owner_id', 'prefix_list_id', 'state', 'tags_all'],
      },
    );
  }
  // the firewall policy shared with the organization's accounts through its resource policy
  e.create(
    'module.network.aws_networkfirewall_firewall_policy.this',
    { name: 'hub', tags: {} },
    { name: constant('hub') },
    { unknown: ['arn', 'id', 'update_token', 'tags_all'] },
  );
  e.create(
    'module.network.aws_networkfirewall_resource_policy.this',
    {
      policy: policy(
        allow(
          [
            'network-firewall:ListFirewallPolicies',
            'network-firewall:CreateFirewall',
            'network-firewall:UpdateFirewall',
            'network-firewall:AssociateFirewallPolicy',
          ],
          '*',
          { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } },
        ),
      ),
    },
    { resource_arn: ref('aws_networkfirewall_firewall_policy.this', 'arn'), policy: LITERAL },
    { unknown: ['id', 'resource_arn'] },
  );
  // a VPC endpoint service any AWS account may connect to
  e.create(
    'module.network.aws_vpc_endpoint_service.api',
    {
      acceptance_required: false,
      allowed_principals: ['*'],
      network_load_balancer_arns: [arn('elasticloadbalancing', 'loadbalancer/net/api/0123456789abcdef')],
      tags: {},
    },
    { acceptance_required: constant(false), allowed_principals: constant(['*']) },
    { unknown: ['arn', 'id', 'service_name', 'base_endpoint_dns_names', 'private_dns_name', 'state', 'tags_all'] },
  );
  plans['network-hub.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 8. IoT fleet: device policies (one per device class), the role the credentials provider hands out
{
  const e = new Estate('1.8.5');
  e.module('fleet', { source: './modules/fleet' });
  e.module('fleet.device_class', { source: './modules/device-class', forEach: ref('var.device_classes') });
  const thing = '${iot:Connection.Thing.ThingName}';
  const classes = {
    sensor: policy(
      allow('iot:Connect', arn('iot', `client/${thing}`)),
      allow(['iot:Publish'], arn('iot', `topic/sensors/${thing}/*`)),
      allow(['iot:Subscribe'], arn('iot', `topicfilter/sensors/${thing}/*`)),
      allow(['iot:Receive'], arn('iot', `topic/sensors/${thing}/*`)),
    ),
    // a gateway policy written for a demo and kept
    gateway: policy(allow('iot:*', '*')),
  };
  for (const [key, doc] of Object.entries(classes)) {
    const base = `module.fleet.module.device_class["${key}"]`;
    e.create(
      `${base}.aws_iot_policy.this`,
      { name: `fleet-${key}`, policy: doc, tags: {} },
      { name: ref('var.name'), policy: ref('data.aws_iam_policy_document.device', 'json') },
      { unknown: ['arn', 'id', 'default_version_id', 'tags_all'] },
    );
    e.create(
      `${base}.aws_iot_policy_attachment.this`,
      { policy: `fleet-${key}`, target: arn('iot', `cert/${key}0123456789abcdef`) },
      { policy: ref('aws_iot_policy.this', 'name'), target: ref('var.certificate_arn') },
      { unknown: ['id'] },
    );
  }
  e.create(
    'module.fleet.aws_iam_role.credentials_provider',
    role('fleet-credentials', trust({ Service: 'credentials.iot.amazonaws.com' })),
    { assume_role_policy: LITERAL },
    { unknown: ROLE_UNKNOWN },
  );
  e.create(
    'module.fleet.aws_iam_role_policy.credentials_provider',
    {
      name: 'uploads',
      role: 'fleet-credentials',
      policy: policy(allow('s3:PutObject', 'arn:aws:s3:::acme-fleet-uploads/${credentials-iot:ThingName}/*')),
    },
    { role: ref('aws_iam_role.credentials_provider', 'id'), policy: LITERAL },
    { unknown: ['id'] },
  );
  e.create(
    'module.fleet.aws_iot_role_alias.this',
    { alias: 'fleet-credentials', credential_duration: 3600, tags: {} },
    { alias: constant('fleet-credentials'), role_arn: ref('aws_iam_role.credentials_provider', 'arn') },
    { unknown: ['arn', 'id', 'role_arn', 'tags_all'] },
  );
  plans['iot-fleet.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 9. Data sharing: an access point policy set apart, a Multi-Region-less share by RAM, topic data protection
{
  const e = new Estate('1.10.2');
  e.module('sharing', { source: './modules/sharing' });
  e.module('sharing.consumer', { source: './modules/consumer', forEach: ref('var.consumers') });
  e.keep(
    'module.sharing.aws_s3_access_point.reports',
    {
      arn: arn('s3', 'accesspoint/reports'),
      id: `${ACCOUNT}:reports`,
      account_id: ACCOUNT,
      bucket: 'acme-reports',
      name: 'reports',
      policy: '',
      alias: 'reports-abc123-s3alias',
      bucket_account_id: ACCOUNT,
      domain_name: 'reports-111122223333.s3-accesspoint.eu-west-1.amazonaws.com',
      endpoints: {},
      has_public_access_policy: false,
      network_origin: 'Internet',
      public_access_block_configuration: [
        { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      ],
      vpc_configuration: [],
    },
    { bucket: constant('acme-reports'), name: constant('reports') },
  );
  const consumers = {
    finance: `arn:aws:iam::${OTHER}:role/finance-reader`,
    audit: `arn:aws:iam::${PARTNER}:role/auditor`,
  };
  for (const [key, principal] of Object.entries(consumers))
    e.create(
      `module.sharing.module.consumer["${key}"].aws_s3control_access_point_policy.this`,
      {
        access_point_arn: arn('s3', 'accesspoint/reports'),
        policy: policy(
          allow('s3:GetObject', arn('s3', `accesspoint/reports/object/${key}/*`), { Principal: { AWS: principal } }),
        ),
      },
      { access_point_arn: ref('var.access_point_arn'), policy: LITERAL },
      { unknown: ['id', 'has_public_access_policy'] },
    );
  // RAM: the subnets shared with the organization (no policy document: sharing by association)
  e.create(
    'module.sharing.aws_ram_resource_share.subnets',
    { name: 'subnets', allow_external_principals: false, tags: {} },
    { name: constant('subnets') },
    { unknown: ['arn', 'id', 'tags_all'] },
  );
  e.create(
    'module.sharing.aws_ram_principal_association.org',
    { principal: `arn:aws:organizations::${ACCOUNT}:organization/${ORG}` },
    {
      principal: constant(`arn:aws:organizations::${ACCOUNT}:organization/${ORG}`),
      resource_share_arn: ref('aws_ram_resource_share.subnets', 'arn'),
    },
    { unknown: ['id', 'resource_share_arn'] },
  );
  // an SNS data protection policy: its `Principal: ["*"]` says whose messages it inspects, it grants nothing
  e.create(
    'module.sharing.aws_sns_topic.reports',
    { name: 'reports', tags: {} },
    { name: constant('reports') },
    { unknown: ['arn', 'id', 'owner', 'policy', 'tags_all'] },
  );
  e.create(
    'module.sharing.aws_sns_topic_data_protection_policy.reports',
    {
      policy: JSON.stringify({
        Name: 'reports',
        Version: '2021-06-01',
        Statement: [
          {
            Sid: 'deny-pii',
            DataDirection: 'Inbound',
            Principal: ['*'],
            DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'],
            Operation: { Deny: {} },
          },
        ],
      }),
    },
    { arn: ref('aws_sns_topic.reports', 'arn'), policy: LITERAL },
    { unknown: ['id', 'arn'] },
  );
  plans['data-sharing.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 10. Day-2 changes of an application account: a role replaced, policies updated and destroyed, a bucket opened
{
  const e = new Estate('1.9.8');
  e.module('app', { source: './modules/app' });
  e.module('app.service', { source: './modules/service', forEach: ref('var.services') });
  const ecsTrust = trust({ Service: 'ecs-tasks.amazonaws.com' });
  // the task role of `billing` is renamed: replaced, its policy replaced with it and widened
  const oldRole = role('billing-task', ecsTrust, {
    unique_id: 'AROABILLINGXXXXXXXXX',
    create_date: '2024-02-01T10:00:00Z',
    inline_policy: [{ name: 'billing', policy: policy(allow('dynamodb:GetItem', arn('dynamodb', 'table/billing'))) }],
    managed_policy_arns: [],
  });
  e.replace(
    'module.app.module.service["billing"].aws_iam_role.task',
    oldRole,
    role('billing-task-v2', ecsTrust),
    { name: ref('var.role_name'), assume_role_policy: ref('data.aws_iam_policy_document.ecs', 'json') },
    { unknown: ROLE_UNKNOWN, reason: 'replace_because_cannot_update' },
  );
  e.replace(
    'module.app.module.service["billing"].aws_iam_role_policy.task',
    {
      id: 'billing-task:billing',
      name: 'billing',
      role: 'billing-task',
      policy: policy(allow('dynamodb:GetItem', arn('dynamodb', 'table/billing'))),
    },
    { name: 'billing', policy: policy(allow(['dynamodb:*'], '*')) },
    { role: ref('aws_iam_role.task', 'id'), policy: ref('var.policy') },
    { unknown: ['id', 'role'] },
  );
  // `search` keeps its role; its policy loses a statement (narrowed)
  const searchRole = role('search-task', ecsTrust, {
    unique_id: 'AROASEARCHXXXXXXXXXX',
    create_date: '2024-02-01T10:00:00Z',
    inline_policy: [
      { name: 'search', policy: policy(allow('es:ESHttpGet', arn('es', 'domain/search/*')), allow('es:*', '*')) },
    ],
    managed_policy_arns: [],
  });
  e.keep('module.app.module.service["search"].aws_iam_role.task', searchRole, undefined);
  e.update(
    'module.app.module.service["search"].aws_iam_role_policy.task',
    {
      id: 'search-task:search',
      name: 'search',
      role: 'search-task',
      policy: policy(allow('es:ESHttpGet', arn('es', 'domain/search/*')), allow('es:*', '*')),
    },
    {
      id: 'search-task:search',
      name: 'search',
      role: 'search-task',
      policy: policy(allow('es:ESHttpGet', arn('es', 'domain/search/*'))),
    },
    undefined,
  );
  // a role no longer declared is destroyed with its admin attachment
  e.destroy(
    'module.app.aws_iam_role.legacy_admin',
    role('legacy-admin', trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), {
      unique_id: 'AROALEGACYXXXXXXXXXX',
      create_date: '2021-06-01T10:00:00Z',
      inline_policy: [],
      managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    }),
  );
  e.destroy('module.app.aws_iam_role_policy_attachment.legacy_admin', {
    id: 'legacy-admin-2021',
    role: 'legacy-admin',
    policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
  // the assets bucket policy is updated to let anyone read, and a public access block is removed
  const bucket = 'acme-app-assets';
  e.update(
    'module.app.aws_s3_bucket_policy.assets',
    {
      id: bucket,
      bucket,
      policy: policy(
        allow('s3:GetObject', `arn:aws:s3:::${bucket}/*`, {
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: {
            StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E1A2B3C4D5E6F7` },
          },
        }),
      ),
    },
    { id: bucket, bucket, policy: policy(allow('s3:GetObject', `arn:aws:s3:::${bucket}/*`, { Principal: '*' })) },
    { bucket: constant(bucket), policy: LITERAL },
  );
  e.destroy('module.app.aws_s3_bucket_public_access_block.assets', {
    id: bucket,
    bucket,
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  // a database password in a secret: sensitive values stay out of the report
  e.create(
    'module.app.aws_secretsmanager_secret_version.db',
    {
      secret_id: arn('secretsmanager', 'secret:app/db-AbCdEf'),
      secret_string: 'hunter2-not-shown',
      version_stages: ['AWSCURRENT'],
    },
    {
      secret_id: constant(arn('secretsmanager', 'secret:app/db-AbCdEf')),
      secret_string: ref('random_password.db', 'result'),
    },
    { unknown: ['id', 'arn', 'version_id'], sensitive: { secret_string: true } },
  );
  plans['day-two-changes.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 11. A legacy account brought under Terraform: users in groups, an old-style attachment, an access key
{
  const e = new Estate('1.5.7');
  e.module('iam', { source: './modules/iam' });
  e.module('iam.team', { source: './modules/team', forEach: ref('var.teams') });
  const teams = {
    ops: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    auditors: ['arn:aws:iam::aws:policy/SecurityAudit'],
  };
  for (const [team, policies] of Object.entries(teams)) {
    const base = `module.iam.module.team["${team}"]`;
    e.keep(
      `${base}.aws_iam_group.this`,
      {
        arn: iamArn('group', team),
        id: team,
        name: team,
        path: '/',
        unique_id: `AGPA${team.toUpperCase().padEnd(17, 'X')}`,
      },
      { name: ref('var.name') },
    );
    for (const p of policies)
      e.keep(
        `${base}.aws_iam_group_policy_attachment.this["${p}"]`,
        { id: `${team}-${p}`, group: team, policy_arn: p },
        { group: ref('aws_iam_group.this', 'name'), policy_arn: ref('each.value') },
        { forEach: ref('var.policy_arns') },
      );
  }
  e.keep(
    'module.iam.aws_iam_user.deploy',
    {
      arn: iamArn('user', 'deploy'),
      id: 'deploy',
      name: 'deploy',
      path: '/',
      force_destroy: false,
      permissions_boundary: '',
      tags: {},
      tags_all: {},
      unique_id: 'AIDADEPLOYXXXXXXXXXX',
    },
    { name: constant('deploy') },
  );
  e.create(
    'module.iam.aws_iam_access_key.deploy',
    { user: 'deploy', status: 'Active', pgp_key: null },
    { user: ref('aws_iam_user.deploy', 'name') },
    {
      unknown: ['id', 'secret', 'ses_smtp_password_v4', 'encrypted_secret', 'key_fingerprint', 'create_date'],
      sensitive: { secret: true, ses_smtp_password_v4: true },
    },
  );
  e.keep(
    'module.iam.aws_iam_user_group_membership.deploy',
    { id: 'terraform-20240101', user: 'deploy', groups: ['ops'] },
    { user: ref('aws_iam_user.deploy', 'name'), groups: constant(['ops']) },
  );
  // an old-style exclusive attachment of a managed policy of the account to a role and a user
  e.keep(
    'module.iam.aws_iam_policy.break_glass',
    {
      arn: iamArn('policy', 'break-glass'),
      id: iamArn('policy', 'break-glass'),
      name: 'break-glass',
      path: '/',
      description: '',
      policy: policy(allow(['iam:*', 'sts:*'], '*')),
      policy_id: 'ANPABREAKGLASSXXXXXX',
      tags: {},
      tags_all: {},
      attachment_count: 1,
    },
    { name: constant('break-glass'), policy: LITERAL },
  );
  e.update(
    'module.iam.aws_iam_policy_attachment.break_glass',
    {
      id: 'break-glass',
      name: 'break-glass',
      policy_arn: iamArn('policy', 'break-glass'),
      roles: [],
      users: [],
      groups: ['ops'],
    },
    {
      id: 'break-glass',
      name: 'break-glass',
      policy_arn: iamArn('policy', 'break-glass'),
      roles: [],
      users: ['deploy'],
      groups: [],
    },
    {
      name: constant('break-glass'),
      policy_arn: ref('aws_iam_policy.break_glass', 'arn'),
      users: constant(['deploy']),
    },
  );
  plans['legacy-account.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 12. Golden images and recovery: AMIs, snapshots and runbooks shared by attributes, not policies
{
  const e = new Estate('1.9.8');
  e.module('images', { source: './modules/images' });
  e.module('images.share', { source: './modules/share', forEach: ref('var.image_shares') });
  const ami = 'ami-0f1e2d3c4b5a69788';
  // the golden AMI shared with the organization; a copy made public by `group = "all"`
  e.create(
    'module.images.module.share["org"].aws_ami_launch_permission.this',
    {
      image_id: ami,
      organization_arn: `arn:aws:organizations::${ACCOUNT}:organization/${ORG}`,
      account_id: null,
      group: null,
      organizational_unit_arn: null,
    },
    { image_id: ref('var.image_id'), organization_arn: ref('var.organization_arn') },
    { unknown: ['id'] },
  );
  e.create(
    'module.images.module.share["marketplace-demo"].aws_ami_launch_permission.this',
    { image_id: ami, group: 'all', account_id: null, organization_arn: null, organizational_unit_arn: null },
    { image_id: ref('var.image_id'), group: ref('var.group') },
    { unknown: ['id'] },
  );
  // recovery: an EBS snapshot to the DR account, one to an account nobody trusts, a DB snapshot made public
  for (const [key, account] of Object.entries({ dr: OTHER, vendor: PARTNER }))
    e.create(
      `module.images.aws_ebs_snapshot_create_volume_permission.data["${key}"]`,
      { snapshot_id: 'snap-0a1b2c3d4e5f60718', account_id: account },
      { snapshot_id: constant('snap-0a1b2c3d4e5f60718'), account_id: ref('each.value') },
      { unknown: ['id'], forEach: ref('var.snapshot_accounts') },
    );
  e.update(
    'module.images.aws_db_snapshot.final',
    {
      id: 'orders-final',
      db_instance_identifier: 'orders',
      db_snapshot_identifier: 'orders-final',
      db_snapshot_arn: arn('rds', 'snapshot:orders-final'),
      shared_accounts: [OTHER],
      encrypted: false,
      tags: {},
      tags_all: {},
    },
    {
      id: 'orders-final',
      db_instance_identifier: 'orders',
      db_snapshot_identifier: 'orders-final',
      db_snapshot_arn: arn('rds', 'snapshot:orders-final'),
      shared_accounts: [OTHER, 'all'],
      encrypted: false,
      tags: {},
      tags_all: {},
    },
    {
      db_instance_identifier: constant('orders'),
      db_snapshot_identifier: constant('orders-final'),
      shared_accounts: ref('var.snapshot_shared_accounts'),
    },
  );
  // runbooks: one shared with the DR account, one with every account
  for (const [key, ids] of Object.entries({ restore: OTHER, diagnostics: 'All' }))
    e.create(
      `module.images.aws_ssm_document.runbook["${key}"]`,
      {
        name: `acme-${key}`,
        document_type: 'Automation',
        document_format: 'YAML',
        content: 'schemaVersion: "0.3"\nmainSteps: []\n',
        permissions: { type: 'Share', account_ids: ids },
        tags: {},
      },
      { name: ref('each.key'), permissions: ref('each.value') },
      {
        unknown: [
          'arn',
          'id',
          'created_date',
          'default_version',
          'description',
          'document_version',
          'hash',
          'hash_type',
          'latest_version',
          'owner',
          'parameter',
          'platform_types',
          'schema_version',
          'status',
          'tags_all',
        ],
        forEach: ref('var.runbooks'),
      },
    );
  plans['images-and-recovery.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 13. Roles made in one module, used by their index from the outputs in another: the names and
// ARNs are known only after apply (`name_prefix`), the outputs are lists or maps of them.
{
  const e = new Estate('1.9.8');
  const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
  const teams = ['analytics', 'billing'];
  e.variable('teams', teams);
  e.module('roles', {
    source: './modules/roles',
    expressions: { teams: ref('var.teams') },
    outputs: {
      // aws_iam_role.service[*].arn, aws_iam_role.service[*].name
      arns: ref('aws_iam_role.service'),
      names: ref('aws_iam_role.service'),
      // { for k, r in aws_iam_role.team : k => r }, values(aws_iam_role.team)[*].arn
      by_team: ref('aws_iam_role.team'),
      team_arns: ref('aws_iam_role.team'),
    },
  });
  e.module('policies', {
    source: './modules/policies',
    // [for p in aws_iam_policy.this : p.arn]
    outputs: { arns: ref('aws_iam_policy.this') },
  });
  for (const i of [0, 1])
    e.create(
      `module.roles.aws_iam_role.service[${i}]`,
      { name_prefix: `service-${i}-`, path: '/', assume_role_policy: lambdaTrust, description: '', tags: {} },
      { name_prefix: ref('count.index'), assume_role_policy: ref('data.aws_iam_policy_document.lambda', 'json') },
      { unknown: [...ROLE_UNKNOWN, 'name'], count: constant(2) },
    );
  for (const team of teams)
    e.create(
      `module.roles.aws_iam_role.team["${team}"]`,
      { name_prefix: `${team}-`, path: '/', assume_role_policy: lambdaTrust, description: '', tags: {} },
      { name_prefix: ref('each.key'), assume_role_policy: ref('data.aws_iam_policy_document.lambda', 'json') },
      { unknown: [...ROLE_UNKNOWN, 'name'], forEach: ref('var.teams') },
    );
  // managed policies of the plan: the second lets its holder pass any role
  const managed = [
    policy(allow('sqs:SendMessage', arn('sqs', 'jobs'))),
    policy(allow(['iam:PassRole', 'lambda:CreateFunction'], '*')),
  ];
  managed.forEach((document, i) =>
    e.create(
      `module.policies.aws_iam_policy.this[${i}]`,
      { name_prefix: `app-${i}-`, path: '/', policy: document, description: '', tags: {} },
      { name_prefix: ref('count.index'), policy: LITERAL },
      { unknown: ['arn', 'id', 'name', 'policy_id', 'tags_all', 'attachment_count'], count: constant(2) },
    ),
  );
  // role = module.roles.names[count.index]: the first read only, the second AdministratorAccess
  const awsManaged = ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'];
  e.variable('service_policies', awsManaged);
  for (const i of [0, 1])
    e.create(
      `aws_iam_role_policy_attachment.service[${i}]`,
      { policy_arn: awsManaged[i] },
      {
        role: { references: ['module.roles.names', 'module.roles', 'count.index'] },
        policy_arn: { references: ['var.service_policies', 'count.index'] },
      },
      { unknown: ['id', 'role'], count: constant(2) },
    );
  // policy_arn = element(module.policies.arns, count.index), both on the first service role
  for (const i of [0, 1])
    e.create(
      `aws_iam_role_policy_attachment.extra[${i}]`,
      {},
      {
        role: { references: ['module.roles.names[0]', 'module.roles.names', 'module.roles'] },
        policy_arn: { references: ['module.policies.arns', 'module.policies', 'count.index'] },
      },
      { unknown: ['id', 'role', 'policy_arn'], count: constant(2) },
    );
  // role = module.roles.by_team[each.key].id: billing may create functions with any role
  const teamPolicies = {
    analytics: policy(allow('athena:StartQueryExecution', arn('athena', 'workgroup/analytics'))),
    billing: policy(allow(['iam:PassRole', 'lambda:CreateFunction'], '*')),
  };
  for (const team of teams)
    e.create(
      `aws_iam_role_policy.team["${team}"]`,
      { name: 'team', policy: teamPolicies[team] },
      {
        name: constant('team'),
        role: { references: ['module.roles.by_team', 'module.roles', 'each.key'] },
        policy: LITERAL,
      },
      { unknown: ['id', 'role'], forEach: ref('var.teams') },
    );
  // role = module.roles.by_team["analytics"].name: a static key
  e.create(
    'aws_iam_role_policy.analytics_admin',
    { name: 'admin', policy: policy(allow('*', '*')) },
    {
      name: constant('admin'),
      role: {
        references: [
          'module.roles.by_team["analytics"].name',
          'module.roles.by_team["analytics"]',
          'module.roles.by_team',
          'module.roles',
        ],
      },
      policy: LITERAL,
    },
    { unknown: ['id', 'role'] },
  );
  // KMS grants to the team roles by position: their own account's roles, nobody else
  for (const i of [0, 1])
    e.create(
      `aws_kms_grant.team[${i}]`,
      { name: `team-${i}`, key_id: 'mrk-1234', operations: ['Decrypt'], grant_creation_tokens: null },
      {
        key_id: constant('mrk-1234'),
        operations: constant(['Decrypt']),
        grantee_principal: { references: ['module.roles.team_arns', 'module.roles', 'count.index'] },
      },
      { unknown: ['id', 'grant_id', 'grant_token', 'grantee_principal'], count: constant(2) },
    );
  // a module given the list (`role_names = module.roles.names`), each inline policy on `var.role_names[count.index]`
  e.module('queue_access', {
    source: './modules/queue-access',
    expressions: { role_names: { references: ['module.roles.names', 'module.roles'] } },
  });
  const queuePolicies = [
    policy(allow('sqs:SendMessage', arn('sqs', 'jobs'))),
    policy(allow(['sqs:DeleteQueue', 'sqs:SetQueueAttributes'], '*')),
  ];
  queuePolicies.forEach((document, i) =>
    e.create(
      `module.queue_access.aws_iam_role_policy.this[${i}]`,
      { name: 'queues', policy: document },
      {
        name: constant('queues'),
        role: { references: ['var.role_names', 'count.index'] },
        policy: LITERAL,
      },
      { unknown: ['id', 'role'], count: constant(2) },
    ),
  );
  plans['shared-roles.json'] = e;
}

// ---------------------------------------------------------------------------------------------
// 14. A data mesh: Lake Formation grants and RAM shares, access given without a policy document
{
  const e = new Estate('1.9.8');
  const foreignOrg = 'o-z9y8x7w6v5';
  e.module('lake', { source: './modules/lake' });
  e.module('sharing', { source: './modules/sharing' });
  const grant = (name, values, config) =>
    e.create(
      `module.lake.aws_lakeformation_permissions.${name}`,
      {
        catalog_resource: false,
        catalog_id: null,
        permissions_with_grant_option: [],
        data_location: [],
        database: [],
        table: [],
        table_with_columns: [],
        lf_tag: [],
        lf_tag_policy: [],
        data_cells_filter: [],
        ...values,
      },
      config ?? { principal: constant(values.principal), permissions: constant(values.permissions) },
      { unknown: ['id'] },
    );
  // the IAM-only compatibility grant: IAM policies of the account decide
  grant('raw_iam', {
    principal: 'IAM_ALLOWED_PRINCIPALS',
    permissions: ['ALL'],
    database: [{ name: 'raw', catalog_id: ACCOUNT }],
  });
  grant('analyst', {
    principal: iamArn('role', 'analyst'),
    permissions: ['SELECT', 'DESCRIBE'],
    table: [{ database_name: 'sales', name: 'orders', wildcard: false, catalog_id: ACCOUNT }],
  });
  // everything, with the right to grant it on, to an account outside the estate
  grant('partner_all', {
    principal: PARTNER,
    permissions: ['ALL'],
    permissions_with_grant_option: ['ALL'],
    database: [{ name: 'curated', catalog_id: ACCOUNT }],
  });
  // a role of the partner may register tables over the curated bucket
  grant('partner_location', {
    principal: `arn:aws:iam::${PARTNER}:role/etl`,
    permissions: ['DATA_LOCATION_ACCESS'],
    data_location: [{ arn: 'arn:aws:s3:::acme-curated', catalog_id: ACCOUNT }],
  });
  grant('trusted_alter', {
    principal: OTHER,
    permissions: ['ALTER', 'DESCRIBE'],
    table: [{ database_name: 'sales', name: 'orders', wildcard: false, catalog_id: ACCOUNT }],
  });
  grant('org_describe', {
    principal: `arn:aws:organizations::${ACCOUNT}:organization/${ORG}`,
    permissions: ['DESCRIBE'],
    lf_tag_policy: [
      { resource_type: 'TABLE', expression: [{ key: 'domain', values: ['sales'] }], catalog_id: ACCOUNT },
    ],
  });
  grant('foreign_org', {
    principal: `arn:aws:organizations::999900001111:organization/${foreignOrg}`,
    permissions: ['SELECT'],
    table: [{ database_name: 'sales', name: null, wildcard: true, catalog_id: ACCOUNT }],
  });
  // RAM: a transit gateway open to accounts outside the organization, resolver rules to an OU
  const share = (name, external) =>
    e.create(
      `module.sharing.aws_ram_resource_share.${name}`,
      { name, allow_external_principals: external, permission_arns: [], tags: {} },
      { name: constant(name), allow_external_principals: constant(external) },
      { unknown: ['arn', 'id', 'owning_account_id', 'tags_all'] },
    );
  share('tgw', true);
  share('resolver', false);
  e.create(
    'module.sharing.aws_ram_resource_association.tgw',
    { resource_arn: arn('ec2', 'transit-gateway/tgw-0a1b2c3d4e5f67890') },
    {
      resource_arn: constant(arn('ec2', 'transit-gateway/tgw-0a1b2c3d4e5f67890')),
      resource_share_arn: ref('aws_ram_resource_share.tgw', 'arn'),
    },
    { unknown: ['id', 'resource_share_arn'] },
  );
  const associate = (name, shareName, principal) =>
    e.create(
      `module.sharing.aws_ram_principal_association.${name}`,
      { principal },
      { principal: constant(principal), resource_share_arn: ref(`aws_ram_resource_share.${shareName}`, 'arn') },
      { unknown: ['id', 'resource_share_arn'] },
    );
  associate('tgw_partner', 'tgw', PARTNER);
  associate('tgw_other', 'tgw', OTHER);
  associate('resolver_ou', 'resolver', `arn:aws:organizations::${ACCOUNT}:ou/${ORG}/ou-ab12-34567890`);
  associate('resolver_foreign_ou', 'resolver', `arn:aws:organizations::999900001111:ou/${foreignOrg}/ou-zz99-11112222`);
  // a member account the plan creates: its id only apply knows
  e.create(
    'module.sharing.aws_organizations_account.sandbox',
    { name: 'sandbox', email: 'sandbox@example.com', tags: {} },
    { name: constant('sandbox'), email: constant('sandbox@example.com') },
    { unknown: ['arn', 'id', 'status', 'tags_all'] },
  );
  e.create(
    'module.sharing.aws_ram_principal_association.tgw_sandbox',
    {},
    {
      principal: ref('aws_organizations_account.sandbox', 'id'),
      resource_share_arn: ref('aws_ram_resource_share.tgw', 'arn'),
    },
    { unknown: ['id', 'principal', 'resource_share_arn'] },
  );
  // the final snapshot of the orders cluster, made public by `all`
  e.create(
    'module.sharing.aws_db_cluster_snapshot.orders_final',
    {
      db_cluster_identifier: 'orders',
      db_cluster_snapshot_identifier: 'orders-final',
      shared_accounts: ['all'],
      tags: {},
    },
    {
      db_cluster_identifier: constant('orders'),
      db_cluster_snapshot_identifier: constant('orders-final'),
      shared_accounts: constant(['all']),
    },
    { unknown: ['db_cluster_snapshot_arn', 'id', 'storage_encrypted', 'tags_all'] },
  );
  // Service Catalog: the data products portfolio, shared with the organization and with the partner
  const portfolio = (name, type, principal) =>
    e.create(
      `module.sharing.aws_servicecatalog_portfolio_share.${name}`,
      {
        portfolio_id: 'port-abcdefgh12345',
        principal_id: principal,
        type,
        share_principals: false,
        share_tag_options: false,
      },
      { portfolio_id: constant('port-abcdefgh12345'), principal_id: constant(principal), type: constant(type) },
      { unknown: ['id', 'accepted'] },
    );
  // OpenSearch Serverless: the search collection's data access, for a role of the account and one of the partner
  const dataAccess = (name, principals) =>
    e.create(
      `module.sharing.aws_opensearchserverless_access_policy.${name}`,
      {
        name: `search-${name}`,
        type: 'data',
        description: '',
        policy: JSON.stringify([
          {
            Rules: [
              {
                ResourceType: 'collection',
                Resource: ['collection/search'],
                Permission: ['aoss:DescribeCollectionItems'],
              },
              {
                ResourceType: 'index',
                Resource: ['index/search/*'],
                Permission: ['aoss:ReadDocument', 'aoss:DescribeIndex'],
              },
            ],
            Principal: principals,
          },
        ]),
      },
      { name: constant(`search-${name}`), type: constant('data'), policy: LITERAL },
      { unknown: ['id', 'policy_version'] },
    );
  dataAccess('app', [iamArn('role', 'search-app')]);
  dataAccess('partner', [`arn:aws:iam::${PARTNER}:role/search-reader`, iamArn('role', 'search-app')]);
  // Redshift: the analytics cluster reachable from the VPCs of a trusted account and of the partner
  for (const [name, account] of [
    ['other', OTHER],
    ['partner', PARTNER],
  ])
    e.create(
      `module.sharing.aws_redshift_endpoint_authorization.${name}`,
      { account, cluster_identifier: 'analytics', force_delete: false, vpc_ids: [] },
      { account: constant(account), cluster_identifier: constant('analytics') },
      { unknown: ['id', 'allowed_all_vpcs', 'endpoint_count', 'grantee', 'grantor'] },
    );
  portfolio('org', 'ORGANIZATION', `arn:aws:organizations::${ACCOUNT}:organization/${ORG}`);
  portfolio('partner', 'ACCOUNT', PARTNER);
  plans['data-mesh.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  const only = process.argv[2];
  for (const [name, estate] of Object.entries(plans)) {
    if (only !== undefined && only !== name) continue;
    const out = only === undefined ? path.join(__dirname, name) : path.join(process.argv[3] ?? __dirname, name);
    fs.writeFileSync(out, `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
  }
}
