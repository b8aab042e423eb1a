/**
 * Writes the plans of this folder (`node integ/tf-scan/changes23/build-plans.js`): update plans of
 * an estate that already exists, each the `terraform show -json` output of the changes real teams
 * make to IAM, laid out by `../lifecycle/plan-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, ref, constant, policy, iam, ACCOUNT, REGION } = require('../lifecycle/plan-builder');
const {
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
} = require('../lifecycle/iam-state');

const PARTNER = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

const plans = {};

// 1. Inline policies edited on kept roles, one role per edit.
{
  const p = new Plan('1.9.8');
  const objects = 'arn:aws:s3:::acme-data/*';
  // Widened to every S3 action on the bucket's objects.
  inlineEdit(p, 'widen_action', policy(allow('s3:GetObject', objects)), policy(allow('s3:*', objects)));
  // Widened from one bucket's objects to every resource.
  inlineEdit(p, 'widen_resource', policy(allow('s3:GetObject', objects)), policy(allow('s3:GetObject', '*')));
  // Narrowed: every S3 action on the objects down to reads.
  inlineEdit(
    p,
    'narrow',
    policy(allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], objects)),
    policy(allow('s3:GetObject', objects)),
  );
  // An Allow of everything but IAM and Organizations added beside a read.
  inlineEdit(
    p,
    'not_action',
    policy(allow('s3:GetObject', objects)),
    policy(allow('s3:GetObject', objects), { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
  );
  // A Deny of deletes added under an Allow of s3:*; and the same Deny removed on another role.
  const allS3 = allow('s3:*', objects);
  const noDelete = deny(['s3:DeleteObject', 's3:DeleteObjectVersion'], '*');
  inlineEdit(p, 'deny_added', policy(allS3), policy(allS3, noDelete));
  inlineEdit(p, 'deny_removed', policy(allS3, noDelete), policy(allS3));
  // A condition added (only through the VPC) and one removed.
  const inVpc = { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-0a1b2c3d' } } };
  inlineEdit(
    p,
    'condition_added',
    policy(allow('s3:PutObject', objects)),
    policy(allow('s3:PutObject', objects, inVpc)),
  );
  inlineEdit(
    p,
    'condition_removed',
    policy(allow('s3:PutObject', objects, inVpc)),
    policy(allow('s3:PutObject', objects)),
  );
  // A listing prefix widened from one user's folder to every folder, and a VPC changed.
  inlineEdit(
    p,
    'condition_widened',
    policy(
      allow('s3:ListBucket', 'arn:aws:s3:::acme-data', { Condition: { StringLike: { 's3:prefix': 'home/alice/*' } } }),
    ),
    policy(allow('s3:ListBucket', 'arn:aws:s3:::acme-data', { Condition: { StringLike: { 's3:prefix': '*' } } })),
  );
  inlineEdit(
    p,
    'condition_changed',
    policy(allow('s3:PutObject', objects, inVpc)),
    policy(allow('s3:PutObject', objects, { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-9f8e7d6c' } } })),
  );
  // Every object but the secrets folder (NotResource), where it read one folder.
  inlineEdit(
    p,
    'not_resource',
    policy(allow('s3:GetObject', 'arn:aws:s3:::acme-data/public/*')),
    policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::acme-data/secrets/*' }),
  );
  plans['inline.json'] = p;
}

// 2. Managed policies: a document changed under its attachments, attachments added and removed.
{
  const p = new Plan('1.9.8');
  const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
  const sharedBefore = policy(allow('sqs:SendMessage', queue));
  const sharedAfter = policy(allow(['sqs:SendMessage', 'sqs:PurgeQueue'], queue));
  p.update(
    'aws_iam_policy.shared',
    managedPolicy('shared', sharedBefore, { attachments: 4 }),
    managedPolicy('shared', sharedAfter, { attachments: 4 }),
    { name: constant('shared'), policy: constant(sharedAfter) },
  );
  // Attached by aws_iam_role_policy_attachment, by managed_policy_arns, and by
  // aws_iam_policy_attachment to a user and a group with a member.
  p.keep('aws_iam_role.api', role('api', { managed: [iam('policy', 'shared')] }), roleConfig('api'));
  p.keep(
    'aws_iam_role_policy_attachment.api_shared',
    roleAttachment('api', iam('policy', 'shared')),
    attachConfig('aws_iam_role.api', 'aws_iam_policy.shared'),
  );
  p.keep(
    'aws_iam_role.batch',
    role('batch', { managed: [iam('policy', 'shared')] }),
    roleConfig('batch', { managed_policy_arns: ref('aws_iam_policy.shared', 'arn') }),
  );
  p.keep('aws_iam_user.ops', user('ops'), { name: constant('ops') });
  p.keep('aws_iam_group.oncall', group('oncall'), { name: constant('oncall') });
  p.keep('aws_iam_user.carol', user('carol'), { name: constant('carol') });
  p.keep(
    'aws_iam_user_group_membership.carol',
    { groups: ['oncall'], id: 'terraform-2025', user: 'carol' },
    { user: ref('aws_iam_user.carol', 'name'), groups: ref('aws_iam_group.oncall', 'name') },
  );
  p.keep(
    'aws_iam_policy_attachment.shared',
    {
      groups: ['oncall'],
      id: 'shared',
      name: 'shared',
      policy_arn: iam('policy', 'shared'),
      roles: [],
      users: ['ops'],
    },
    {
      name: constant('shared'),
      policy_arn: ref('aws_iam_policy.shared', 'arn'),
      users: ref('aws_iam_user.ops', 'name'),
      groups: ref('aws_iam_group.oncall', 'name'),
    },
  );

  // A customer managed policy attached to a kept role, and another detached from it.
  const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
  const writerDoc = policy(allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], tableArn));
  const readerDoc = policy(allow('dynamodb:GetItem', tableArn));
  p.keep('aws_iam_policy.writer', managedPolicy('writer', writerDoc, { attachments: 0 }), {
    name: constant('writer'),
    policy: constant(writerDoc),
  });
  p.keep('aws_iam_policy.reader', managedPolicy('reader', readerDoc), {
    name: constant('reader'),
    policy: constant(readerDoc),
  });
  p.keep('aws_iam_role.orders', role('orders', { managed: [iam('policy', 'reader')] }), roleConfig('orders'));
  p.create(
    'aws_iam_role_policy_attachment.orders_writer',
    { policy_arn: iam('policy', 'writer'), role: 'orders' },
    attachConfig('aws_iam_role.orders', 'aws_iam_policy.writer'),
    ['id'],
  );
  p.destroy('aws_iam_role_policy_attachment.orders_reader', roleAttachment('orders', iam('policy', 'reader')));

  // managed_policy_arns of a kept role gains an AWS managed policy.
  p.update(
    'aws_iam_role.reports',
    role('reports', { managed: [] }),
    role('reports', { managed: [S3_READ] }),
    roleConfig('reports', { managed_policy_arns: constant([S3_READ]) }),
  );

  // aws_iam_policy_attachment lists: a role and a user added, a group removed.
  p.keep('aws_iam_role.etl', role('etl'), roleConfig('etl'));
  p.keep('aws_iam_user.dave', user('dave'), { name: constant('dave') });
  p.keep('aws_iam_group.analysts', group('analysts'), { name: constant('analysts') });
  p.keep('aws_iam_user.erin', user('erin'), { name: constant('erin') });
  p.keep(
    'aws_iam_group_membership.analysts',
    { group: 'analysts', id: 'analysts', name: 'analysts', users: ['erin'] },
    {
      name: constant('analysts'),
      group: ref('aws_iam_group.analysts', 'name'),
      users: ref('aws_iam_user.erin', 'name'),
    },
  );
  p.update(
    'aws_iam_policy_attachment.writer',
    { groups: ['analysts'], id: 'writer', name: 'writer', policy_arn: iam('policy', 'writer'), roles: [], users: [] },
    { groups: [], id: 'writer', name: 'writer', policy_arn: iam('policy', 'writer'), roles: ['etl'], users: ['dave'] },
    {
      name: constant('writer'),
      policy_arn: ref('aws_iam_policy.writer', 'arn'),
      roles: ref('aws_iam_role.etl', 'name'),
      users: ref('aws_iam_user.dave', 'name'),
    },
  );

  // A kept user's attachment and inline policy destroyed; a kept group's attachment destroyed.
  const keysDoc = policy(allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], iam('user', '${aws:username}')));
  p.keep('aws_iam_user.ivan', user('ivan'), { name: constant('ivan') });
  p.destroy('aws_iam_user_policy_attachment.ivan_read', { id: 'ivan-2025', policy_arn: READ_ONLY, user: 'ivan' });
  p.destroy('aws_iam_user_policy.ivan_keys', {
    id: 'ivan:keys',
    name: 'keys',
    name_prefix: '',
    policy: keysDoc,
    user: 'ivan',
  });
  p.keep('aws_iam_group.support', group('support'), { name: constant('support') });
  p.keep('aws_iam_user.judy', user('judy'), { name: constant('judy') });
  p.keep(
    'aws_iam_group_membership.support',
    { group: 'support', id: 'support', name: 'support', users: ['judy'] },
    { name: constant('support'), group: ref('aws_iam_group.support', 'name'), users: ref('aws_iam_user.judy', 'name') },
  );
  p.destroy('aws_iam_group_policy_attachment.support_orders', {
    group: 'support',
    id: 'support-2025',
    policy_arn: iam('policy', 'reader'),
  });
  plans['managed.json'] = p;
}

// 3. Permissions boundaries and group membership.
{
  const p = new Plan('1.9.8');
  const capDoc = policy(allow(['s3:GetObject', 's3:PutObject', 'sqs:*'], '*'));
  const wideCapDoc = policy(allow(['s3:*', 'sqs:*'], '*'));
  p.keep('aws_iam_policy.cap', managedPolicy('cap', capDoc), { name: constant('cap'), policy: constant(capDoc) });
  p.keep('aws_iam_policy.wide_cap', managedPolicy('wide-cap', wideCapDoc), {
    name: constant('wide-cap'),
    policy: constant(wideCapDoc),
  });
  const appDoc = policy(allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'iam:PassRole'], '*'));
  const bounded = (name, before, after, config) => {
    p.update(
      `aws_iam_role.${name}`,
      role(name, { inline: [[name, appDoc]], boundary: before }),
      role(name, { inline: [[name, appDoc]], boundary: after }),
      roleConfig(name, config === undefined ? {} : { permissions_boundary: config }),
    );
    p.keep(`aws_iam_role_policy.${name}`, rolePolicy(name, name, appDoc), rolePolicyConfig(name, appDoc));
  };
  // Added: loses what the cap cuts (DeleteObject, PassRole).
  bounded('added', '', iam('policy', 'cap'), ref('aws_iam_policy.cap', 'arn'));
  // Removed: gains what it cut.
  bounded('removed', iam('policy', 'cap'), '');
  // Swapped for a wider cap: gains DeleteObject only (PassRole still cut).
  bounded('swapped', iam('policy', 'cap'), iam('policy', 'wide-cap'), ref('aws_iam_policy.wide_cap', 'arn'));
  // A role under the cap whose policy widens: only what the cap allows is gained.
  const cappedBefore = policy(allow('s3:GetObject', '*'));
  const cappedAfter = policy(
    allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'sqs:SendMessage', 'iam:CreateUser'], '*'),
  );
  p.keep(
    'aws_iam_role.capped',
    role('capped', { inline: [['capped', cappedBefore]], boundary: iam('policy', 'cap') }),
    roleConfig('capped', { permissions_boundary: ref('aws_iam_policy.cap', 'arn') }),
  );
  p.update(
    'aws_iam_role_policy.capped',
    rolePolicy('capped', 'capped', cappedBefore),
    rolePolicy('capped', 'capped', cappedAfter),
    rolePolicyConfig('capped', cappedAfter),
  );
  // The cap's own document widened: every role it bounds gains what it no longer cuts.
  // (On another policy so the cases above keep theirs.)
  const fenceBefore = policy(allow('s3:GetObject', '*'));
  const fenceAfter = policy(allow(['s3:GetObject', 's3:PutObject'], '*'));
  p.update('aws_iam_policy.fence', managedPolicy('fence', fenceBefore), managedPolicy('fence', fenceAfter), {
    name: constant('fence'),
    policy: constant(fenceAfter),
  });
  const fencedDoc = policy(allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-fenced/*'));
  p.keep(
    'aws_iam_role.fenced',
    role('fenced', { inline: [['fenced', fencedDoc]], boundary: iam('policy', 'fence') }),
    roleConfig('fenced', { permissions_boundary: ref('aws_iam_policy.fence', 'arn') }),
  );
  p.keep(
    'aws_iam_role_policy.fenced',
    rolePolicy('fenced', 'fenced', fencedDoc),
    rolePolicyConfig('fenced', fencedDoc),
  );

  // A kept user joins a group holding a policy (aws_iam_user_group_membership created).
  const deployDoc = policy(
    allow(['lambda:UpdateFunctionCode', 'lambda:PublishVersion'], `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api-*`),
  );
  p.keep('aws_iam_group.deployers', group('deployers'), { name: constant('deployers') });
  p.keep(
    'aws_iam_group_policy.deployers',
    { group: 'deployers', id: 'deployers:deploy', name: 'deploy', name_prefix: '', policy: deployDoc },
    { group: ref('aws_iam_group.deployers', 'name'), name: constant('deploy'), policy: constant(deployDoc) },
  );
  p.keep('aws_iam_user.frank', user('frank'), { name: constant('frank') });
  p.create(
    'aws_iam_user_group_membership.frank',
    { groups: ['deployers'], user: 'frank' },
    { user: ref('aws_iam_user.frank', 'name'), groups: ref('aws_iam_group.deployers', 'name') },
    ['id'],
  );
  plans['boundaries.json'] = p;
}

// 4. Trust and resource policies widened.
{
  const p = new Plan('1.9.8');
  const ciTrust = (extra) =>
    policy(
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: 'sts:AssumeRole' },
      ...extra,
    );
  // A partner account added.
  const partner = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole' };
  p.update(
    'aws_iam_role.shared_read',
    role('shared_read', { trust: ciTrust([]) }),
    role('shared_read', { trust: ciTrust([partner]) }),
    { name: constant('shared_read'), assume_role_policy: constant(ciTrust([partner])) },
  );
  // Anyone in the organization (`*` under aws:PrincipalOrgID).
  const org = {
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
  };
  p.update(
    'aws_iam_role.org_read',
    role('org_read', { trust: ciTrust([]) }),
    role('org_read', { trust: ciTrust([org]) }),
    { name: constant('org_read'), assume_role_policy: constant(ciTrust([org])) },
  );
  // GitHub OIDC: one repository's main branch, then every repository of the organization.
  const gh = iam('oidc-provider', 'token.actions.githubusercontent.com');
  const ghTrust = (sub) =>
    policy({
      Effect: 'Allow',
      Principal: { Federated: gh },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': sub },
      },
    });
  p.update(
    'aws_iam_role.deploy',
    role('deploy', { trust: ghTrust('repo:acme/api:ref:refs/heads/main') }),
    role('deploy', { trust: ghTrust('repo:acme/*') }),
    { name: constant('deploy'), assume_role_policy: constant(ghTrust('repo:acme/*')) },
  );

  // A service added beside the one a role trusted.
  const services = policy({
    Effect: 'Allow',
    Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] },
    Action: 'sts:AssumeRole',
  });
  p.update('aws_iam_role.worker', role('worker'), role('worker', { trust: services }), {
    name: constant('worker'),
    assume_role_policy: constant(services),
  });

  // A bucket policy made public (reads for anyone).
  const siteBefore = policy({
    Sid: 'Cdn',
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-site/*',
    Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE` } },
  });
  const siteAfter = policy({
    Sid: 'Public',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-site/*',
  });
  p.keep(
    'aws_s3_bucket.site',
    {
      arn: 'arn:aws:s3:::acme-site',
      bucket: 'acme-site',
      id: 'acme-site',
      policy: siteBefore,
      force_destroy: false,
      tags: {},
      tags_all: {},
    },
    { bucket: constant('acme-site') },
  );
  p.update(
    'aws_s3_bucket_policy.site',
    { bucket: 'acme-site', id: 'acme-site', policy: siteBefore },
    { bucket: 'acme-site', id: 'acme-site', policy: siteAfter },
    { bucket: ref('aws_s3_bucket.site', 'id'), policy: constant(siteAfter) },
  );

  // A key policy that lets another account decrypt.
  const keyId = '0c1d2e3f-12ab-34cd-56ef-1234567890ab';
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
  const root = {
    Sid: 'Root',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
  const share = {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
    Action: ['kms:Decrypt', 'kms:DescribeKey'],
    Resource: '*',
  };
  p.keep(
    'aws_kms_key.data',
    { arn: keyArn, id: keyId, key_id: keyId, policy: policy(root), description: 'data', tags: {}, tags_all: {} },
    { description: constant('data') },
  );
  p.update(
    'aws_kms_key_policy.data',
    { bypass_policy_lockout_safety_check: false, id: keyId, key_id: keyId, policy: policy(root) },
    { bypass_policy_lockout_safety_check: false, id: keyId, key_id: keyId, policy: policy(root, share) },
    { key_id: ref('aws_kms_key.data', 'id'), policy: constant(policy(root, share)) },
  );

  // A Lambda permission for another account's bus added beside the API Gateway one.
  const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ingest`;
  p.keep(
    'aws_lambda_function.ingest',
    { arn: fn, function_name: 'ingest', id: 'ingest', role: iam('role', 'ingest'), tags: {}, tags_all: {} },
    { function_name: constant('ingest') },
  );
  p.keep(
    'aws_lambda_permission.apigw',
    {
      action: 'lambda:InvokeFunction',
      function_name: 'ingest',
      id: 'AllowApiGateway',
      principal: 'apigateway.amazonaws.com',
      source_arn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*`,
      statement_id: 'AllowApiGateway',
      statement_id_prefix: '',
      qualifier: '',
      event_source_token: null,
      function_url_auth_type: null,
      principal_org_id: null,
      source_account: null,
    },
    {
      action: constant('lambda:InvokeFunction'),
      function_name: ref('aws_lambda_function.ingest', 'function_name'),
      principal: constant('apigateway.amazonaws.com'),
      source_arn: constant(`arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*`),
      statement_id: constant('AllowApiGateway'),
    },
  );
  p.create(
    'aws_lambda_permission.partner',
    {
      action: 'lambda:InvokeFunction',
      function_name: 'ingest',
      principal: PARTNER,
      statement_id: 'AllowPartner',
      statement_id_prefix: '',
      qualifier: null,
      event_source_token: null,
      function_url_auth_type: null,
      principal_org_id: null,
      source_account: null,
      source_arn: null,
    },
    {
      action: constant('lambda:InvokeFunction'),
      function_name: ref('aws_lambda_function.ingest', 'function_name'),
      principal: constant(PARTNER),
      statement_id: constant('AllowPartner'),
    },
    ['id'],
  );
  plans['trust-resources.json'] = p;
}

// 5. Replacements, renames, for_each keys and values known only after apply.
{
  const p = new Plan('1.10.2');
  const ordersTable = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
  // A role policy replaced (its name changes) and widened to writes.
  const oldDoc = policy(allow('dynamodb:GetItem', ordersTable));
  const newDoc = policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem'], ordersTable));
  p.keep('aws_iam_role.worker', role('worker', { inline: [['worker-read', oldDoc]] }), roleConfig('worker'));
  p.replace(
    'aws_iam_role_policy.worker',
    rolePolicy('worker', 'worker-read', oldDoc),
    rolePolicy('worker', 'worker-rw', newDoc),
    { role: ref('aws_iam_role.worker', 'id'), name: constant('worker-rw'), policy: constant(newDoc) },
    { unknown: ['id'] },
  );

  // for_each over policy ARNs: a key added (AmazonS3ReadOnlyAccess), one removed (a customer policy).
  const queueDoc = policy(allow('sqs:ReceiveMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  p.keep('aws_iam_policy.queue', managedPolicy('queue', queueDoc), {
    name: constant('queue'),
    policy: constant(queueDoc),
  });
  p.keep('aws_iam_role.svc', role('svc', { managed: [iam('policy', 'queue')] }), roleConfig('svc'));
  p.create(
    'aws_iam_role_policy_attachment.svc__s3read',
    { policy_arn: S3_READ, role: 'svc' },
    { role: ref('aws_iam_role.svc', 'name'), policy_arn: ref('each.value') },
    ['id'],
  );
  p.destroy('aws_iam_role_policy_attachment.svc__queue', roleAttachment('svc', iam('policy', 'queue')));

  // A role policy whose new document names a bucket created in the same plan: known after apply.
  p.create(
    'aws_s3_bucket.exports',
    { bucket: 'acme-exports', force_destroy: false, tags: null },
    { bucket: constant('acme-exports') },
    ['id', 'arn'],
  );
  const exportsBefore = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*'));
  p.keep('aws_iam_role.exporter', role('exporter', { inline: [['exporter', exportsBefore]] }), roleConfig('exporter'));
  p.update(
    'aws_iam_role_policy.exporter',
    rolePolicy('exporter', 'exporter', exportsBefore),
    { id: 'exporter:exporter', name: 'exporter', name_prefix: '', role: 'exporter' },
    {
      role: ref('aws_iam_role.exporter', 'id'),
      name: constant('exporter'),
      policy: ref('data.aws_iam_policy_document.exporter', 'json'),
    },
    { unknown: ['policy'] },
  );

  // A role renamed (replaced under a new name) with its inline policy: another role, not a change.
  const legacyDoc = policy(allow('dynamodb:Query', ordersTable));
  const {
    arn: _ra,
    id: _ri,
    unique_id: _ru,
    inline_policy: _rp,
    managed_policy_arns: _rm,
    create_date: _rc,
    ...renamed
  } = role('orders-reader');
  p.replace(
    'aws_iam_role.reader',
    role('reader', { inline: [['reader', legacyDoc]] }),
    renamed,
    roleConfig('orders-reader'),
    {
      unknown: ['id', 'arn', 'unique_id', 'inline_policy', 'managed_policy_arns', 'create_date'],
    },
  );
  p.replace(
    'aws_iam_role_policy.reader',
    rolePolicy('reader', 'reader', legacyDoc),
    { name: 'reader', name_prefix: '', policy: legacyDoc },
    { role: ref('aws_iam_role.reader', 'id'), name: constant('reader'), policy: constant(legacyDoc) },
    { unknown: ['id', 'role'] },
  );

  // A managed policy whose new document is known only after apply, attached to a kept role.
  const auditBefore = policy(allow('logs:CreateLogStream', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:audit:*`));
  const { policy: _ap, ...auditAfter } = managedPolicy('audit', auditBefore);
  p.update(
    'aws_iam_policy.audit',
    managedPolicy('audit', auditBefore),
    auditAfter,
    {
      name: constant('audit'),
      policy: ref('data.aws_iam_policy_document.audit', 'json'),
    },
    { unknown: ['policy'] },
  );
  p.keep('aws_iam_role.auditor', role('auditor', { managed: [iam('policy', 'audit')] }), roleConfig('auditor'));
  p.keep(
    'aws_iam_role_policy_attachment.auditor',
    roleAttachment('auditor', iam('policy', 'audit')),
    attachConfig('aws_iam_role.auditor', 'aws_iam_policy.audit'),
  );

  // A policy the plan creates (its ARN known after apply) attached to a kept role.
  const tracesDoc = policy(allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*'));
  const { arn: _ta, id: _ti, policy_id: _tp, attachment_count: _tc, ...traces } = managedPolicy('traces', tracesDoc);
  p.create('aws_iam_policy.traces', traces, { name: constant('traces'), policy: constant(tracesDoc) }, [
    'id',
    'arn',
    'policy_id',
    'attachment_count',
  ]);
  p.keep('aws_iam_role.tracer', role('tracer'), roleConfig('tracer'));
  p.create(
    'aws_iam_role_policy_attachment.tracer',
    { role: 'tracer' },
    attachConfig('aws_iam_role.tracer', 'aws_iam_policy.traces'),
    ['id', 'policy_arn'],
  );

  // A user added to a group's member list (aws_iam_group_membership updated).
  const opsDoc = policy(allow('ssm:StartSession', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`));
  p.keep('aws_iam_group.ops', group('ops'), { name: constant('ops') });
  p.keep(
    'aws_iam_group_policy.ops',
    { group: 'ops', id: 'ops:ssm', name: 'ssm', name_prefix: '', policy: opsDoc },
    { group: ref('aws_iam_group.ops', 'name'), name: constant('ssm'), policy: constant(opsDoc) },
  );
  p.keep('aws_iam_user.gina', user('gina'), { name: constant('gina') });
  p.keep('aws_iam_user.hank', user('hank'), { name: constant('hank') });
  p.update(
    'aws_iam_group_membership.ops',
    { group: 'ops', id: 'ops', name: 'ops', users: ['gina'] },
    { group: 'ops', id: 'ops', name: 'ops', users: ['gina', 'hank'] },
    {
      name: constant('ops'),
      group: ref('aws_iam_group.ops', 'name'),
      users: {
        references: ['aws_iam_user.gina.name', 'aws_iam_user.gina', 'aws_iam_user.hank.name', 'aws_iam_user.hank'],
      },
    },
  );

  // A trust policy and a bucket policy whose new documents are known only after apply.
  const { assume_role_policy: _t, ...unknownTrust } = role('batch');
  p.update(
    'aws_iam_role.batch',
    role('batch'),
    unknownTrust,
    {
      name: constant('batch'),
      assume_role_policy: ref('data.aws_iam_policy_document.batch_trust', 'json'),
    },
    { unknown: ['assume_role_policy'] },
  );
  const archive = policy({
    Effect: 'Allow',
    Principal: { AWS: iam('role', 'exporter') },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-archive/*',
  });
  p.keep(
    'aws_s3_bucket.archive',
    {
      arn: 'arn:aws:s3:::acme-archive',
      bucket: 'acme-archive',
      id: 'acme-archive',
      policy: archive,
      force_destroy: false,
      tags: {},
      tags_all: {},
    },
    { bucket: constant('acme-archive') },
  );
  p.update(
    'aws_s3_bucket_policy.archive',
    { bucket: 'acme-archive', id: 'acme-archive', policy: archive },
    { bucket: 'acme-archive', id: 'acme-archive' },
    { bucket: ref('aws_s3_bucket.archive', 'id'), policy: ref('data.aws_iam_policy_document.archive', 'json') },
    { unknown: ['policy'] },
  );

  // A boundary the plan creates (its ARN known after apply) set on a kept role.
  const fenceDoc = policy(allow('s3:*', '*'));
  const { arn: _fa, id: _fi, policy_id: _fp, attachment_count: _fc, ...fence } = managedPolicy('s3-fence', fenceDoc);
  p.create('aws_iam_policy.s3_fence', fence, { name: constant('s3-fence'), policy: constant(fenceDoc) }, [
    'id',
    'arn',
    'policy_id',
    'attachment_count',
  ]);
  const fencedDoc = policy(allow(['s3:GetObject', 'iam:PassRole'], '*'));
  const { permissions_boundary: _b, ...fencedAfter } = role('fenced', { inline: [['fenced', fencedDoc]] });
  p.update(
    'aws_iam_role.fenced',
    role('fenced', { inline: [['fenced', fencedDoc]] }),
    fencedAfter,
    roleConfig('fenced', {
      permissions_boundary: ref('aws_iam_policy.s3_fence', 'arn'),
    }),
    { unknown: ['permissions_boundary'] },
  );
  p.keep(
    'aws_iam_role_policy.fenced',
    rolePolicy('fenced', 'fenced', fencedDoc),
    rolePolicyConfig('fenced', fencedDoc),
  );
  plans['lifecycle.json'] = p;
}

// 6. Only tags and descriptions change: nothing gained, nothing lost.
{
  const p = new Plan('1.9.8');
  const doc = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-data/*'));
  p.update(
    'aws_iam_role.app',
    role('app', { managed: [iam('policy', 'app')], tags: { team: 'a' } }),
    role('app', { managed: [iam('policy', 'app')], tags: { team: 'b', cost: 'x' }, description: 'app role' }),
    roleConfig('app', { description: constant('app role'), tags: constant({ team: 'b', cost: 'x' }) }),
  );
  p.update(
    'aws_iam_policy.app',
    managedPolicy('app', doc, { tags: { team: 'a' } }),
    managedPolicy('app', doc, { tags: { team: 'b' } }),
    { name: constant('app'), policy: constant(doc), tags: constant({ team: 'b' }) },
  );
  p.keep(
    'aws_iam_role_policy_attachment.app',
    roleAttachment('app', iam('policy', 'app')),
    attachConfig('aws_iam_role.app', 'aws_iam_policy.app'),
  );
  // The same document re-rendered (keys reordered, a single action as a list).
  const reordered = JSON.stringify({
    Statement: [{ Resource: 'arn:aws:s3:::acme-data/*', Action: ['s3:GetObject'], Effect: 'Allow' }],
    Version: '2012-10-17',
  });
  p.keep('aws_iam_role.tidy', role('tidy', { inline: [['tidy', doc]] }), roleConfig('tidy'));
  p.update(
    'aws_iam_role_policy.tidy',
    rolePolicy('tidy', 'tidy', doc),
    rolePolicy('tidy', 'tidy', reordered),
    rolePolicyConfig('tidy', reordered),
  );

  // A managed policy replaced because its description changed (the argument forces it): the same
  // name and document, its ARN known again only after apply, its attachment replaced with it.
  const {
    arn: _da,
    id: _di,
    policy_id: _dp,
    attachment_count: _dc,
    ...described
  } = managedPolicy('deploy', doc, {
    description: 'deploys the app',
  });
  p.replace(
    'aws_iam_policy.deploy',
    managedPolicy('deploy', doc),
    described,
    {
      name: constant('deploy'),
      description: constant('deploys the app'),
      policy: constant(doc),
    },
    { unknown: ['id', 'arn', 'policy_id', 'attachment_count'] },
  );
  p.keep('aws_iam_role.deployer', role('deployer', { managed: [iam('policy', 'deploy')] }), roleConfig('deployer'));
  p.replace(
    'aws_iam_role_policy_attachment.deployer',
    roleAttachment('deployer', iam('policy', 'deploy')),
    { role: 'deployer' },
    attachConfig('aws_iam_role.deployer', 'aws_iam_policy.deploy'),
    { unknown: ['id', 'policy_arn'] },
  );
  plans['cosmetic.json'] = p;
}


// 7. Memberships ended, role arguments that hold policies, a group's policy widened.
{
  const p = new Plan('1.9.8');
  const readDoc = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-data/*'));
  const writeDoc = policy(allow('s3:PutObject', 'arn:aws:s3:::acme-data/*'));
  for (const [name, doc] of [
    ['readers', readDoc],
    ['writers', writeDoc],
  ]) {
    p.keep(`aws_iam_group.${name}`, group(name), { name: constant(name) });
    p.keep(
      `aws_iam_group_policy.${name}`,
      { group: name, id: `${name}:p`, name: 'p', name_prefix: '', policy: doc },
      { group: ref(`aws_iam_group.${name}`, 'name'), name: constant('p'), policy: constant(doc) },
    );
  }
  // A user leaves one of its two groups (aws_iam_user_group_membership.groups shrinks).
  p.keep('aws_iam_user.kim', user('kim'), { name: constant('kim') });
  p.update(
    'aws_iam_user_group_membership.kim',
    { groups: ['readers', 'writers'], id: 'terraform-kim', user: 'kim' },
    { groups: ['readers'], id: 'terraform-kim', user: 'kim' },
    { user: ref('aws_iam_user.kim', 'name'), groups: ref('aws_iam_group.readers', 'name') },
  );
  // A user dropped from a group's member list (aws_iam_group_membership.users shrinks).
  p.keep('aws_iam_user.lee', user('lee'), { name: constant('lee') });
  p.keep('aws_iam_user.max', user('max'), { name: constant('max') });
  p.update(
    'aws_iam_group_membership.writers',
    { group: 'writers', id: 'writers', name: 'writers', users: ['lee', 'max'] },
    { group: 'writers', id: 'writers', name: 'writers', users: ['lee'] },
    { name: constant('writers'), group: ref('aws_iam_group.writers', 'name'), users: ref('aws_iam_user.lee', 'name') },
  );
  // A group's inline policy widened: its member gains.
  const opsBefore = policy(allow('ec2:DescribeInstances', '*'));
  const opsAfter = policy(allow(['ec2:DescribeInstances', 'ec2:RebootInstances'], '*'));
  p.keep('aws_iam_group.ops', group('ops'), { name: constant('ops') });
  p.keep('aws_iam_user.ned', user('ned'), { name: constant('ned') });
  p.keep(
    'aws_iam_group_membership.ops',
    { group: 'ops', id: 'ops', name: 'ops', users: ['ned'] },
    { name: constant('ops'), group: ref('aws_iam_group.ops', 'name'), users: ref('aws_iam_user.ned', 'name') },
  );
  p.update(
    'aws_iam_group_policy.ops',
    { group: 'ops', id: 'ops:p', name: 'p', name_prefix: '', policy: opsBefore },
    { group: 'ops', id: 'ops:p', name: 'p', name_prefix: '', policy: opsAfter },
    { group: ref('aws_iam_group.ops', 'name'), name: constant('p'), policy: constant(opsAfter) },
  );
  // A role's own inline_policy block widened, and its managed_policy_arns emptied.
  const blockBefore = policy(allow('sqs:SendMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  const blockAfter = policy(allow('sqs:*', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  p.update(
    'aws_iam_role.queue',
    role('queue', { inline: [['send', blockBefore]], managed: [READ_ONLY] }),
    role('queue', { inline: [['send', blockAfter]], managed: [] }),
    roleConfig('queue', { managed_policy_arns: constant([]) }),
  );
  // Trust narrowed: the partner now needs an external id.
  const partnerTrust = (extra) =>
    policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole', ...extra });
  const withId = partnerTrust({ Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3a' } } });
  p.update('aws_iam_role.vendor', role('vendor', { trust: partnerTrust({}) }), role('vendor', { trust: withId }), {
    name: constant('vendor'),
    assume_role_policy: constant(withId),
  });
  // An AWS managed policy set as a kept role's boundary.
  const adminDoc = policy(allow('*', '*'));
  p.update(
    'aws_iam_role.power',
    role('power', { inline: [['power', adminDoc]] }),
    role('power', { inline: [['power', adminDoc]], boundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }),
    roleConfig('power', { permissions_boundary: constant('arn:aws:iam::aws:policy/PowerUserAccess') }),
  );
  p.keep('aws_iam_role_policy.power', rolePolicy('power', 'power', adminDoc), rolePolicyConfig('power', adminDoc));
  plans['members.json'] = p;
}

// 8. Resources widened and narrowed, conditions outside the Allow, a resource and a condition together.
{
  const p = new Plan('1.9.8');
  const objects = 'arn:aws:s3:::acme-data/*';
  const inVpc = (vpcs) => ({ Condition: { StringEquals: { 'aws:SourceVpc': vpcs } } });
  const outside = (vpcs) => deny('s3:*', '*', { Condition: { StringNotEquals: { 'aws:SourceVpc': vpcs } } });
  // One folder widened to the bucket's objects, and back.
  const folder = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-data/public/*'));
  const bucket = policy(allow('s3:GetObject', objects));
  inlineEdit(p, 'folder_widened', folder, bucket);
  inlineEdit(p, 'bucket_narrowed', bucket, folder);
  // A user's keys on its own name (`${aws:username}`) widened to every user's.
  const own = policy(allow('iam:CreateAccessKey', iam('user', '${aws:username}')));
  const everyUser = policy(allow('iam:CreateAccessKey', iam('user', '*')));
  p.keep('aws_iam_user.kim', user('kim'), { name: constant('kim') });
  p.update(
    'aws_iam_user_policy.kim',
    { id: 'kim:keys', name: 'keys', name_prefix: '', policy: own, user: 'kim' },
    { id: 'kim:keys', name: 'keys', name_prefix: '', policy: everyUser, user: 'kim' },
    { user: ref('aws_iam_user.kim', 'name'), name: constant('keys'), policy: constant(everyUser) },
  );
  // A Deny outside one VPC relaxed to spare a second one.
  inlineEdit(
    p,
    'deny_relaxed',
    policy(allow('s3:GetObject', objects), outside('vpc-1')),
    policy(allow('s3:GetObject', objects), outside(['vpc-1', 'vpc-2'])),
  );
  // A boundary allowing S3 from one VPC relaxed to two.
  const vpcBefore = policy(allow('s3:*', '*', inVpc('vpc-1')));
  const vpcAfter = policy(allow('s3:*', '*', inVpc(['vpc-1', 'vpc-2'])));
  p.update('aws_iam_policy.vpc_fence', managedPolicy('vpc_fence', vpcBefore), managedPolicy('vpc_fence', vpcAfter), {
    name: constant('vpc_fence'),
    policy: constant(vpcAfter),
  });
  p.keep(
    'aws_iam_role.vpc_fenced',
    role('vpc_fenced', { inline: [['vpc_fenced', bucket]], boundary: iam('policy', 'vpc_fence') }),
    roleConfig('vpc_fenced', { permissions_boundary: ref('aws_iam_policy.vpc_fence', 'arn') }),
  );
  p.keep(
    'aws_iam_role_policy.vpc_fenced',
    rolePolicy('vpc_fenced', 'vpc_fenced', bucket),
    rolePolicyConfig('vpc_fenced', bucket),
  );
  // Narrowed to one folder and moved to another VPC together.
  inlineEdit(
    p,
    'folder_other_vpc',
    policy(allow('s3:PutObject', objects, inVpc('vpc-1'))),
    policy(allow('s3:PutObject', 'arn:aws:s3:::acme-data/uploads/*', inVpc('vpc-2'))),
  );
  // A NotResource Allow that now spares the folder holding the one it spared.
  const sparing = (folder) => policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: folder });
  inlineEdit(
    p,
    'spares_more',
    sparing('arn:aws:s3:::acme-data/secrets/top/*'),
    sparing('arn:aws:s3:::acme-data/secrets/*'),
  );
  plans['scopes.json'] = p;
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(withKeys(plan.toJSON()), null, 2)}\n`);
