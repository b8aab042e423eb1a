/**
 * Writes the plans of this folder (`node integ/tf-scan/lifecycle/build-plans.js`): plans of an
 * infrastructure that already exists, each the `terraform show -json` output of one pull request.
 * See README.md for what each isolates; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, ref, constant, policy, iam, ACCOUNT, REGION } = require('./plan-builder');

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const LAMBDA_TRUST = policy({
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
});
const EC2_TRUST = policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const allow = (Action, Resource) => ({ Effect: 'Allow', Action, Resource });

/** An existing role as the provider read it: `inline` and `managed` are what AWS shows it holds. */
function role(name, { trust = LAMBDA_TRUST, inline = [], managed = [], boundary = '' } = {}) {
  return {
    arn: iam('role', name),
    assume_role_policy: trust,
    create_date: '2024-03-01T10:00:00Z',
    description: '',
    force_detach_policies: false,
    id: name,
    inline_policy: inline.map(([n, p]) => ({ name: n, policy: p })),
    managed_policy_arns: managed,
    max_session_duration: 3600,
    name,
    name_prefix: '',
    path: '/',
    permissions_boundary: boundary,
    tags: {},
    tags_all: {},
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

function user(name) {
  return {
    arn: iam('user', name),
    force_destroy: false,
    id: name,
    name,
    path: '/',
    permissions_boundary: '',
    tags: {},
    tags_all: {},
    unique_id: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
  };
}
function group(name) {
  return { arn: iam('group', name), id: name, name, path: '/', unique_id: `AGPA${name.toUpperCase().padEnd(17, 'X')}` };
}
function managedPolicy(name, document, attachments = 1) {
  return {
    arn: iam('policy', name),
    attachment_count: attachments,
    description: '',
    id: iam('policy', name),
    name,
    name_prefix: '',
    path: '/',
    policy: document,
    policy_id: `ANPA${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .padEnd(17, 'X')}`,
    tags: {},
    tags_all: {},
  };
}
const rolePolicy = (roleName, name, document) => ({
  id: `${roleName}:${name}`,
  name,
  name_prefix: '',
  policy: document,
  role: roleName,
});
const roleAttachment = (roleName, arn) => ({
  id: `${roleName}-20240301100000000000000001`,
  policy_arn: arn,
  role: roleName,
});
const attachConfig = (roleAddress, arn) => ({
  role: ref(roleAddress, 'name'),
  policy_arn: arn.startsWith('aws_') ? ref(arn, 'arn') : constant(arn),
});

const plans = {};

// A fix PR: every risk it removes must go, and what it takes away must show.
{
  const p = new Plan('1.9.8');
  const publicRead = policy({
    Sid: 'Public',
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: 'arn:aws:s3:::acme-site/*',
  });
  const viaCloudFront = policy({
    Sid: 'CloudFront',
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-site/*',
    Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE` } },
  });
  const bucket = {
    arn: 'arn:aws:s3:::acme-site',
    bucket: 'acme-site',
    id: 'acme-site',
    policy: publicRead,
    force_destroy: false,
    tags: {},
    tags_all: {},
  };
  p.keep('aws_s3_bucket.site', bucket, { bucket: constant('acme-site') });
  p.update(
    'aws_s3_bucket_policy.site',
    { bucket: 'acme-site', id: 'acme-site', policy: publicRead },
    { bucket: 'acme-site', id: 'acme-site', policy: viaCloudFront },
    { bucket: ref('aws_s3_bucket.site', 'id'), policy: constant(viaCloudFront) },
  );

  // AdministratorAccess detached from a role the plan keeps.
  p.keep('aws_iam_role.ops', role('ops', { managed: [ADMIN, READ_ONLY] }), roleConfig('ops'));
  p.destroy('aws_iam_role_policy_attachment.ops_admin', roleAttachment('ops', ADMIN));
  p.keep(
    'aws_iam_role_policy_attachment.ops_read',
    roleAttachment('ops', READ_ONLY),
    attachConfig('aws_iam_role.ops', READ_ONLY),
  );

  // `iam:PassRole *` removed from a kept managed policy.
  const deployBefore = policy(allow('iam:PassRole', '*'), allow('s3:PutObject', 'arn:aws:s3:::acme-artifacts/*'));
  const deployAfter = policy(allow('s3:PutObject', 'arn:aws:s3:::acme-artifacts/*'));
  p.update('aws_iam_policy.deploy', managedPolicy('deploy', deployBefore), managedPolicy('deploy', deployAfter), {
    name: constant('deploy'),
    policy: constant(deployAfter),
  });
  p.keep('aws_iam_role.deploy', role('deploy', { managed: [iam('policy', 'deploy')] }), roleConfig('deploy'));
  p.keep(
    'aws_iam_role_policy_attachment.deploy',
    roleAttachment('deploy', iam('policy', 'deploy')),
    attachConfig('aws_iam_role.deploy', 'aws_iam_policy.deploy'),
  );

  // A role's trust narrowed from anyone to a service.
  const anyone = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
  p.update('aws_iam_role.partner', role('partner', { trust: anyone }), role('partner', { trust: EC2_TRUST }), {
    name: constant('partner'),
    assume_role_policy: constant(EC2_TRUST),
  });

  // A boundary added to a kept role whose inline policy reaches every S3 action.
  const boundaryDoc = policy(allow(['s3:GetObject', 's3:ListBucket'], '*'));
  p.keep('aws_iam_policy.boundary', managedPolicy('app-boundary', boundaryDoc, 0), {
    name: constant('app-boundary'),
    policy: constant(boundaryDoc),
  });
  const appInline = policy(allow('s3:*', 'arn:aws:s3:::acme-data/*'));
  p.update(
    'aws_iam_role.app',
    role('app', { inline: [['app', appInline]] }),
    role('app', { inline: [['app', appInline]], boundary: iam('policy', 'app-boundary') }),
    roleConfig('app', { permissions_boundary: ref('aws_iam_policy.boundary', 'arn') }),
  );
  p.keep('aws_iam_role_policy.app', rolePolicy('app', 'app', appInline), {
    role: ref('aws_iam_role.app', 'id'),
    name: constant('app'),
    policy: constant(appInline),
  });
  plans['fix.json'] = p;
}

// A risky PR: kept principals gain access; each gain is reported and shown.
{
  const p = new Plan('1.6.6');
  p.keep('aws_iam_user.alice', user('alice'), { name: constant('alice') });
  p.keep('aws_iam_group.admins', group('admins'), { name: constant('admins') });
  p.keep(
    'aws_iam_group_policy_attachment.admins',
    { group: 'admins', id: 'admins-2024', policy_arn: ADMIN },
    {
      group: ref('aws_iam_group.admins', 'name'),
      policy_arn: constant(ADMIN),
    },
  );
  p.create(
    'aws_iam_user_group_membership.alice',
    { groups: ['admins'], user: 'alice' },
    {
      user: ref('aws_iam_user.alice', 'name'),
      groups: ref('aws_iam_group.admins', 'name'),
    },
    ['id'],
  );

  // An existing group (with a member) gets a new inline policy.
  p.keep('aws_iam_user.bob', user('bob'), { name: constant('bob') });
  p.keep('aws_iam_group.devs', group('devs'), { name: constant('devs') });
  p.keep(
    'aws_iam_group_membership.devs',
    { group: 'devs', id: 'devs', name: 'devs', users: ['bob'] },
    {
      name: constant('devs'),
      group: ref('aws_iam_group.devs', 'name'),
      users: ref('aws_iam_user.bob', 'name'),
    },
  );
  const passAny = policy(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], '*'));
  p.create(
    'aws_iam_group_policy.devs',
    { group: 'devs', name: 'devs-lambda', name_prefix: '', policy: passAny },
    {
      group: ref('aws_iam_group.devs', 'name'),
      name: constant('devs-lambda'),
      policy: constant(passAny),
    },
    ['id'],
  );

  // A kept role's trust now names another account, without a condition.
  const external = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: 'sts:AssumeRole',
  });
  p.update('aws_iam_role.ci', role('ci', { trust: EC2_TRUST }), role('ci', { trust: external }), {
    name: constant('ci'),
    assume_role_policy: constant(external),
  });

  // A managed policy update that adds `iam:*`.
  const builderBefore = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-build/*'));
  const builderAfter = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-build/*'), allow('iam:*', '*'));
  p.update('aws_iam_policy.builder', managedPolicy('builder', builderBefore), managedPolicy('builder', builderAfter), {
    name: constant('builder'),
    policy: constant(builderAfter),
  });
  p.keep('aws_iam_role.builder', role('builder', { managed: [iam('policy', 'builder')] }), roleConfig('builder'));
  p.keep(
    'aws_iam_role_policy_attachment.builder',
    roleAttachment('builder', iam('policy', 'builder')),
    attachConfig('aws_iam_role.builder', 'aws_iam_policy.builder'),
  );

  // A kept role's boundary is removed: what it cut (`sqs:*` of the role's inline policy) is gained.
  const fenceDoc = policy(allow(['s3:GetObject', 's3:ListBucket'], '*'));
  p.keep('aws_iam_policy.fence', managedPolicy('fence', fenceDoc, 1), {
    name: constant('fence'),
    policy: constant(fenceDoc),
  });
  const etlInline = policy(allow(['s3:GetObject', 'sqs:SendMessage'], '*'));
  p.update(
    'aws_iam_role.etl',
    role('etl', { inline: [['etl', etlInline]], boundary: iam('policy', 'fence') }),
    role('etl', { inline: [['etl', etlInline]] }),
    roleConfig('etl'),
  );
  p.keep('aws_iam_role_policy.etl', rolePolicy('etl', 'etl', etlInline), {
    role: ref('aws_iam_role.etl', 'id'),
    name: constant('etl'),
    policy: constant(etlInline),
  });
  plans['risky.json'] = p;
}

// Replacements: the old link is gone after apply, the new one stands.
{
  const p = new Plan('1.10.2');
  // A role policy renamed (replaced): the role still shows the old, wide one.
  const wide = policy(allow('s3:*', '*'));
  const narrow = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-in/*'));
  p.keep('aws_iam_role.worker', role('worker', { inline: [['worker-old', wide]] }), roleConfig('worker'));
  p.replace(
    'aws_iam_role_policy.worker',
    rolePolicy('worker', 'worker-old', wide),
    rolePolicy('worker', 'worker', narrow),
    { role: ref('aws_iam_role.worker', 'id'), name: constant('worker'), policy: constant(narrow) },
    { unknown: ['id'] },
  );

  // An attachment replaced: AdministratorAccess swapped for ReadOnlyAccess.
  p.keep('aws_iam_role.ops', role('ops', { managed: [ADMIN] }), roleConfig('ops'));
  p.replace(
    'aws_iam_role_policy_attachment.ops',
    roleAttachment('ops', ADMIN),
    { policy_arn: READ_ONLY, role: 'ops' },
    attachConfig('aws_iam_role.ops', READ_ONLY),
    { unknown: ['id'] },
  );

  // A managed policy replaced (renamed) with create_before_destroy: its new ARN is known after apply.
  const sharedBefore = policy(allow(['sqs:SendMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  const sharedAfter = policy(allow('sqs:SendMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  const shared = managedPolicy('shared', sharedBefore);
  const {
    arn: _a,
    id: _i,
    policy_id: _p,
    attachment_count: _c,
    ...sharedRest
  } = managedPolicy('shared-v2', sharedAfter);
  p.replace(
    'aws_iam_policy.shared',
    shared,
    sharedRest,
    { name: constant('shared-v2'), policy: constant(sharedAfter) },
    {
      createFirst: true,
      unknown: ['id', 'arn', 'policy_id', 'attachment_count'],
    },
  );
  p.keep('aws_iam_role.svc', role('svc', { managed: [iam('policy', 'shared')] }), roleConfig('svc'));
  p.replace(
    'aws_iam_role_policy_attachment.svc',
    roleAttachment('svc', iam('policy', 'shared')),
    { role: 'svc' },
    attachConfig('aws_iam_role.svc', 'aws_iam_policy.shared'),
    {
      createFirst: true,
      unknown: ['id', 'policy_arn'],
    },
  );

  // A role replaced (renamed): the new role's computed attributes are known after apply.
  const legacyPolicy = policy(allow('dynamodb:GetItem', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`));
  const {
    arn: _ra,
    id: _ri,
    unique_id: _ru,
    inline_policy: _rp,
    managed_policy_arns: _rm,
    create_date: _rc,
    ...legacyAfter
  } = role('legacy-v2');
  p.replace(
    'aws_iam_role.legacy',
    role('legacy', { inline: [['legacy', legacyPolicy]] }),
    legacyAfter,
    roleConfig('legacy-v2'),
    {
      unknown: ['id', 'arn', 'unique_id', 'inline_policy', 'managed_policy_arns', 'create_date'],
    },
  );
  p.replace(
    'aws_iam_role_policy.legacy',
    rolePolicy('legacy', 'legacy', legacyPolicy),
    { name: 'legacy', name_prefix: '', policy: legacyPolicy },
    {
      role: ref('aws_iam_role.legacy', 'id'),
      name: constant('legacy'),
      policy: constant(legacyPolicy),
    },
    { unknown: ['id', 'role'] },
  );
  plans['replace.json'] = p;
}

// Deletes, moves, imports and forgets.
{
  const p = new Plan('1.7.5');
  // A whole role destroyed with its policies: nothing to report.
  const admin = policy(allow('*', '*'));
  p.destroy('aws_iam_role.old', role('old', { inline: [['old', admin]], managed: [ADMIN] }));
  p.destroy('aws_iam_role_policy.old', rolePolicy('old', 'old', admin));
  p.destroy('aws_iam_role_policy_attachment.old', roleAttachment('old', ADMIN));
  p.destroy('aws_iam_policy.old', managedPolicy('old', admin, 0));

  // Moved (`moved` blocks): the same objects under new addresses, unchanged.
  const read = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*'));
  p.keep(
    'aws_iam_role.reports',
    role('reports', { inline: [['reports', read]], managed: [READ_ONLY] }),
    roleConfig('reports'),
    {
      previous: 'aws_iam_role.reporting',
    },
  );
  p.keep(
    'aws_iam_role_policy.reports',
    rolePolicy('reports', 'reports', read),
    {
      role: ref('aws_iam_role.reports', 'id'),
      name: constant('reports'),
      policy: constant(read),
    },
    { previous: 'aws_iam_role_policy.reporting' },
  );
  p.keep(
    'aws_iam_role_policy_attachment.reports',
    roleAttachment('reports', READ_ONLY),
    attachConfig('aws_iam_role.reports', READ_ONLY),
    {
      previous: 'aws_iam_role_policy_attachment.reporting',
    },
  );

  // Imported (`import` blocks): attached before the plan, so nothing is gained.
  p.keep('aws_iam_role.imported', role('imported', { managed: [READ_ONLY] }), roleConfig('imported'), {
    importing: 'imported',
  });
  p.keep(
    'aws_iam_role_policy_attachment.imported',
    roleAttachment('imported', READ_ONLY),
    attachConfig('aws_iam_role.imported', READ_ONLY),
    {
      importing: `imported/${READ_ONLY}`,
    },
  );

  // Forgotten (`removed` blocks, destroy = false): left in AWS, so the role still holds it.
  p.keep('aws_iam_role.kept', role('kept', { inline: [['legacy-admin', admin]] }), roleConfig('kept'));
  p.forget('aws_iam_role_policy.kept', rolePolicy('kept', 'legacy-admin', admin));

  // Unchanged: a role with a boundary and configured inline policies gains and loses nothing.
  const boundaryDoc = policy(allow(['s3:GetObject', 'logs:PutLogEvents'], '*'));
  p.keep('aws_iam_policy.boundary', managedPolicy('boundary', boundaryDoc), {
    name: constant('boundary'),
    policy: constant(boundaryDoc),
  });
  p.keep(
    'aws_iam_role.bounded',
    role('bounded', {
      inline: [['logs', policy(allow('s3:GetObject', 'arn:aws:s3:::acme-logs/*'))]],
      boundary: iam('policy', 'boundary'),
    }),
    roleConfig('bounded', {
      permissions_boundary: ref('aws_iam_policy.boundary', 'arn'),
      inline_policy: [
        { name: constant('logs'), policy: constant(policy(allow('s3:GetObject', 'arn:aws:s3:::acme-logs/*'))) },
      ],
    }),
  );

  // A deposed object deleted beside the current one: the current policy is still the role's.
  const passAny = policy(allow(['iam:PassRole', 'ec2:RunInstances'], '*'));
  const previousPolicy = policy(allow('ec2:DescribeInstances', '*'));
  p.keep('aws_iam_role.launcher', role('launcher', { managed: [iam('policy', 'launcher')] }), roleConfig('launcher'));
  p.keep('aws_iam_policy.launcher', managedPolicy('launcher', passAny), {
    name: constant('launcher'),
    policy: constant(passAny),
  });
  p.deposed('aws_iam_policy.launcher', '3b2c1d0e', {
    ...managedPolicy('launcher-old', previousPolicy),
    arn: iam('policy', 'launcher-old'),
  });
  p.keep(
    'aws_iam_role_policy_attachment.launcher',
    roleAttachment('launcher', iam('policy', 'launcher')),
    attachConfig('aws_iam_role.launcher', 'aws_iam_policy.launcher'),
  );
  plans['moves.json'] = p;
}

// Exclusive attachments: what they leave off is detached at apply.
{
  const p = new Plan('1.8.5');
  const queueRead = policy(
    allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:${REGION}:${ACCOUNT}:events`),
  );
  p.keep('aws_iam_policy.readers', managedPolicy('readers', queueRead, 2), {
    name: constant('readers'),
    policy: constant(queueRead),
  });
  p.keep('aws_iam_role.a', role('a', { managed: [iam('policy', 'readers')] }), roleConfig('a'));
  p.keep('aws_iam_role.b', role('b', { managed: [iam('policy', 'readers')] }), roleConfig('b'));
  p.keep('aws_iam_role.c', role('c'), roleConfig('c'));
  p.update(
    'aws_iam_policy_attachment.readers',
    { groups: [], id: 'readers', name: 'readers', policy_arn: iam('policy', 'readers'), roles: ['a', 'b'], users: [] },
    { groups: [], id: 'readers', name: 'readers', policy_arn: iam('policy', 'readers'), roles: ['a', 'c'], users: [] },
    {
      name: constant('readers'),
      policy_arn: ref('aws_iam_policy.readers', 'arn'),
      roles: { references: ['aws_iam_role.a.name', 'aws_iam_role.a', 'aws_iam_role.c.name', 'aws_iam_role.c'] },
    },
  );

  // Exclusive managed attachments: AdministratorAccess, attached by hand, is detached.
  p.keep(
    'aws_iam_role.svc',
    role('svc', {
      managed: [ADMIN, READ_ONLY],
      inline: [
        ['svc', queueRead],
        ['stray', policy(allow('*', '*'))],
      ],
    }),
    roleConfig('svc'),
  );
  p.create(
    'aws_iam_role_policy_attachments_exclusive.svc',
    { policy_arns: [READ_ONLY], role_name: 'svc' },
    {
      role_name: ref('aws_iam_role.svc', 'name'),
      policy_arns: constant([READ_ONLY]),
    },
    [],
  );
  // Exclusive inline policies: `stray`, added by hand, is deleted.
  p.create(
    'aws_iam_role_policies_exclusive.svc',
    { policy_names: ['svc'], role_name: 'svc' },
    {
      role_name: ref('aws_iam_role.svc', 'name'),
      policy_names: { references: ['aws_iam_role_policy.svc.name', 'aws_iam_role_policy.svc'] },
    },
    [],
  );
  p.keep('aws_iam_role_policy.svc', rolePolicy('svc', 'svc', queueRead), {
    role: ref('aws_iam_role.svc', 'id'),
    name: constant('svc'),
    policy: constant(queueRead),
  });
  plans['exclusive.json'] = p;
}

// Resources whose computed policy mirrors a dedicated policy resource that the plan changes.
{
  const p = new Plan('1.5.7');
  const open = (Action, Resource) => ({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action, Resource });
  const scoped = (Action, Resource) => ({
    Sid: 'Account',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action,
    Resource,
  });

  const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
  const queueUrl = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`;
  const queueOpen = policy(open('sqs:SendMessage', queueArn));
  const queueScoped = policy(scoped('sqs:SendMessage', queueArn));
  p.keep(
    'aws_sqs_queue.jobs',
    { arn: queueArn, id: queueUrl, name: 'jobs', policy: queueOpen, url: queueUrl, tags: {}, tags_all: {} },
    { name: constant('jobs') },
  );
  p.update(
    'aws_sqs_queue_policy.jobs',
    { id: queueUrl, policy: queueOpen, queue_url: queueUrl },
    { id: queueUrl, policy: queueScoped, queue_url: queueUrl },
    {
      queue_url: ref('aws_sqs_queue.jobs', 'id'),
      policy: constant(queueScoped),
    },
  );

  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
  const topicOpen = policy(open('sns:Publish', topicArn));
  p.keep(
    'aws_sns_topic.alerts',
    { arn: topicArn, id: topicArn, name: 'alerts', policy: topicOpen, owner: ACCOUNT, tags: {}, tags_all: {} },
    { name: constant('alerts') },
  );
  p.destroy('aws_sns_topic_policy.alerts', { arn: topicArn, id: topicArn, owner: ACCOUNT, policy: topicOpen });

  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
  const keyOpen = policy(open('kms:Decrypt', '*'));
  const keyScoped = policy(scoped('kms:*', '*'));
  p.keep(
    'aws_kms_key.data',
    { arn: keyArn, id: keyId, key_id: keyId, policy: keyOpen, description: 'data', tags: {}, tags_all: {} },
    { description: constant('data') },
  );
  p.update(
    'aws_kms_key_policy.data',
    { bypass_policy_lockout_safety_check: false, id: keyId, key_id: keyId, policy: keyOpen },
    { bypass_policy_lockout_safety_check: false, id: keyId, key_id: keyId, policy: keyScoped },
    {
      key_id: ref('aws_kms_key.data', 'id'),
      policy: constant(keyScoped),
    },
  );

  const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-AbCdEf`;
  const secretOpen = policy(open('secretsmanager:GetSecretValue', '*'));
  const secretScoped = policy(scoped('secretsmanager:GetSecretValue', '*'));
  p.keep(
    'aws_secretsmanager_secret.db',
    { arn: secretArn, id: secretArn, name: 'db', policy: secretOpen, tags: {}, tags_all: {} },
    { name: constant('db') },
  );
  p.update(
    'aws_secretsmanager_secret_policy.db',
    { block_public_policy: false, id: secretArn, policy: secretOpen, secret_arn: secretArn },
    { block_public_policy: false, id: secretArn, policy: secretScoped, secret_arn: secretArn },
    {
      secret_arn: ref('aws_secretsmanager_secret.db', 'arn'),
      policy: constant(secretScoped),
    },
  );

  const domainArn = `arn:aws:es:${REGION}:${ACCOUNT}:domain/search`;
  const domainOpen = policy(open('es:ESHttp*', `${domainArn}/*`));
  const domainScoped = policy(scoped('es:ESHttpGet', `${domainArn}/*`));
  p.keep(
    'aws_opensearch_domain.search',
    { arn: domainArn, id: domainArn, domain_name: 'search', access_policies: domainOpen, tags: {}, tags_all: {} },
    { domain_name: constant('search') },
  );
  p.update(
    'aws_opensearch_domain_policy.search',
    { access_policies: domainOpen, domain_name: 'search', id: 'esd-policy-search' },
    { access_policies: domainScoped, domain_name: 'search', id: 'esd-policy-search' },
    {
      domain_name: ref('aws_opensearch_domain.search', 'domain_name'),
      access_policies: constant(domainScoped),
    },
  );

  // A key policy managed elsewhere (key id as a literal): the dedicated resource still stands for it.
  const key2 = '5678efgh-12ab-34cd-56ef-1234567890ab';
  const key2Arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${key2}`;
  p.keep(
    'aws_kms_key.logs',
    { arn: key2Arn, id: key2, key_id: key2, policy: keyOpen, description: 'logs', tags: {}, tags_all: {} },
    { description: constant('logs') },
  );
  p.update(
    'aws_kms_key_policy.logs',
    { bypass_policy_lockout_safety_check: false, id: key2, key_id: key2, policy: keyOpen },
    { bypass_policy_lockout_safety_check: false, id: key2, key_id: key2, policy: keyScoped },
    {
      key_id: constant(key2),
      policy: constant(keyScoped),
    },
  );
  plans['resource-policies.json'] = p;
}

// Boundaries set, swapped and removed on kept roles, whether or not the plan holds their documents.
{
  const p = new Plan('1.9.8');
  const narrowDoc = policy(allow('s3:GetObject', '*'));
  const wideDoc = policy(allow(['s3:*', 'iam:*'], '*'));
  p.keep('aws_iam_policy.narrow', managedPolicy('narrow', narrowDoc), {
    name: constant('narrow'),
    policy: constant(narrowDoc),
  });
  p.keep('aws_iam_policy.wide', managedPolicy('wide', wideDoc), { name: constant('wide'), policy: constant(wideDoc) });
  const appInline = policy(allow(['s3:GetObject', 's3:PutObject', 'iam:CreateUser'], '*'));
  const withInline = (name, boundary, extra = {}) => role(name, { inline: [[name, appInline]], boundary, ...extra });
  const inlineOf = (name) =>
    p.keep(`aws_iam_role_policy.${name}`, rolePolicy(name, name, appInline), {
      role: ref(`aws_iam_role.${name}`, 'id'),
      name: constant(name),
      policy: constant(appInline),
    });
  // Swapped for a broader one: what the new one no longer cuts is gained.
  p.update(
    'aws_iam_role.app',
    withInline('app', iam('policy', 'narrow')),
    withInline('app', iam('policy', 'wide')),
    roleConfig('app', { permissions_boundary: ref('aws_iam_policy.wide', 'arn') }),
  );
  inlineOf('app');
  // Removed, the organization's boundary (managed elsewhere, its document not in the plan).
  p.update(
    'aws_iam_role.etl',
    withInline('etl', iam('policy', 'org-boundary')),
    withInline('etl', ''),
    roleConfig('etl'),
  );
  inlineOf('etl');
  // Removed, but it cut nothing the role's policies allow.
  const quietInline = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-quiet/*'));
  p.update(
    'aws_iam_role.quiet',
    role('quiet', { inline: [['quiet', quietInline]], boundary: iam('policy', 'narrow') }),
    role('quiet', { inline: [['quiet', quietInline]] }),
    roleConfig('quiet'),
  );
  p.keep('aws_iam_role_policy.quiet', rolePolicy('quiet', 'quiet', quietInline), {
    role: ref('aws_iam_role.quiet', 'id'),
    name: constant('quiet'),
    policy: constant(quietInline),
  });
  // Only its tags change: the boundary stays, nothing to report.
  p.update(
    'aws_iam_role.tagged',
    withInline('tagged', iam('policy', 'narrow')),
    { ...withInline('tagged', iam('policy', 'narrow')), tags: { team: 'data' }, tags_all: { team: 'data' } },
    roleConfig('tagged', {
      permissions_boundary: ref('aws_iam_policy.narrow', 'arn'),
      tags: constant({ team: 'data' }),
    }),
  );
  inlineOf('tagged');
  plans['boundaries.json'] = p;
}

// Exposures: kept buckets, keys, functions, queues and topics opened to anyone or another account.
{
  const p = new Plan('1.9.8');
  const bucket = (name, extra = {}) => ({
    arn: `arn:aws:s3:::${name}`,
    bucket: name,
    id: name,
    force_destroy: false,
    tags: {},
    tags_all: {},
    ...extra,
  });
  // A bucket ACL (provider 4+ resource) from private to public-read.
  p.keep('aws_s3_bucket.site', bucket('acme-site'), { bucket: constant('acme-site') });
  const bucketAcl = (acl) => ({ acl, bucket: 'acme-site', expected_bucket_owner: '', id: `acme-site,${acl}` });
  p.update('aws_s3_bucket_acl.site', bucketAcl('private'), bucketAcl('public-read'), {
    bucket: ref('aws_s3_bucket.site', 'id'),
    acl: constant('public-read'),
  });
  // The legacy `acl` argument of the bucket itself (provider 3), from private to public-read-write.
  p.update(
    'aws_s3_bucket.legacy',
    bucket('acme-legacy', { acl: 'private' }),
    bucket('acme-legacy', { acl: 'public-read-write' }),
    { bucket: constant('acme-legacy'), acl: constant('public-read-write') },
  );
  // A bucket policy that adds a public statement and another account.
  const reader = {
    Sid: 'Reader',
    Effect: 'Allow',
    Principal: { AWS: iam('role', 'reader') },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-data/*',
  };
  const dataBefore = policy(reader);
  const dataAfter = policy(
    reader,
    {
      Sid: 'Partner',
      Effect: 'Allow',
      Principal: { AWS: '999988887777' },
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::acme-data/*',
    },
    { Sid: 'List', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-data' },
  );
  p.keep('aws_s3_bucket.data', bucket('acme-data', { policy: dataBefore }), { bucket: constant('acme-data') });
  p.update(
    'aws_s3_bucket_policy.data',
    { bucket: 'acme-data', id: 'acme-data', policy: dataBefore },
    { bucket: 'acme-data', id: 'acme-data', policy: dataAfter },
    { bucket: ref('aws_s3_bucket.data', 'id'), policy: constant(dataAfter) },
  );
  // A first bucket policy on a kept bucket that had none, and one on a bucket the plan creates.
  const publicRead = (name) =>
    policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` });
  p.keep('aws_s3_bucket.assets', bucket('acme-assets', { policy: '' }), { bucket: constant('acme-assets') });
  p.create(
    'aws_s3_bucket_policy.assets',
    { bucket: 'acme-assets', policy: publicRead('acme-assets') },
    { bucket: ref('aws_s3_bucket.assets', 'id'), policy: constant(publicRead('acme-assets')) },
    ['id'],
  );
  p.create(
    'aws_s3_bucket.fresh',
    { bucket: 'acme-fresh', force_destroy: false, tags: {} },
    {
      bucket: constant('acme-fresh'),
    },
  );
  p.create(
    'aws_s3_bucket_policy.fresh',
    { bucket: 'acme-fresh', policy: publicRead('acme-fresh') },
    { bucket: ref('aws_s3_bucket.fresh', 'id'), policy: constant(publicRead('acme-fresh')) },
    ['id'],
  );
  // A bucket policy whose text only is rewritten (key order, spacing): no change.
  const logsPolicy = {
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::acme-logs/*',
  };
  const logsText = policy(logsPolicy);
  const logsRewritten = JSON.stringify(
    {
      Statement: [
        { Resource: logsPolicy.Resource, Action: logsPolicy.Action, Principal: logsPolicy.Principal, Effect: 'Allow' },
      ],
      Version: '2012-10-17',
    },
    null,
    2,
  );
  p.keep('aws_s3_bucket.logs', bucket('acme-logs', { policy: logsText }), { bucket: constant('acme-logs') });
  p.update(
    'aws_s3_bucket_policy.logs',
    { bucket: 'acme-logs', id: 'acme-logs', policy: logsText },
    { bucket: 'acme-logs', id: 'acme-logs', policy: logsRewritten },
    { bucket: ref('aws_s3_bucket.logs', 'id'), policy: constant(logsRewritten) },
  );
  // A key policy that adds another account.
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
  const root = {
    Sid: 'Root',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
  const keyBefore = policy(root);
  const keyAfter = policy(root, {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: ['kms:Decrypt', 'kms:DescribeKey'],
    Resource: '*',
  });
  const key = (document) => ({
    arn: keyArn,
    id: keyId,
    key_id: keyId,
    policy: document,
    description: 'data',
    tags: {},
    tags_all: {},
  });
  p.update('aws_kms_key.data', key(keyBefore), key(keyAfter), {
    description: constant('data'),
    policy: constant(keyAfter),
  });
  // Lambda permissions on a kept function: one for anyone added, one replaced to name anyone.
  const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
  p.keep(
    'aws_lambda_function.api',
    { arn: functionArn, function_name: 'api', id: 'api', role: iam('role', 'api'), tags: {} },
    { function_name: constant('api') },
  );
  const permission = (sid, principal, extra = {}) => ({
    action: 'lambda:InvokeFunction',
    function_name: 'api',
    principal,
    statement_id: sid,
    qualifier: '',
    source_arn: null,
    source_account: null,
    ...extra,
  });
  const permissionConfig = (sid, principal) => ({
    function_name: ref('aws_lambda_function.api', 'function_name'),
    action: constant('lambda:InvokeFunction'),
    principal: constant(principal),
    statement_id: constant(sid),
  });
  p.create('aws_lambda_permission.anyone', permission('AllowAnyone', '*'), permissionConfig('AllowAnyone', '*'), [
    'id',
  ]);
  p.replace(
    'aws_lambda_permission.events',
    permission('AllowEvents', 'events.amazonaws.com', { id: 'AllowEvents' }),
    permission('AllowEvents', '*'),
    permissionConfig('AllowEvents', '*'),
    { unknown: ['id'] },
  );
  // A queue policy and a topic policy opened to anyone.
  const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
  const queueUrl = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`;
  const queueBefore = policy({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: 'sqs:SendMessage',
    Resource: queueArn,
  });
  const queueAfter = policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: queueArn });
  p.keep(
    'aws_sqs_queue.jobs',
    { arn: queueArn, id: queueUrl, name: 'jobs', policy: queueBefore, url: queueUrl, tags: {}, tags_all: {} },
    { name: constant('jobs') },
  );
  p.update(
    'aws_sqs_queue_policy.jobs',
    { id: queueUrl, policy: queueBefore, queue_url: queueUrl },
    { id: queueUrl, policy: queueAfter, queue_url: queueUrl },
    { queue_url: ref('aws_sqs_queue.jobs', 'id'), policy: constant(queueAfter) },
  );
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
  const topicBefore = policy({
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sns:Publish',
    Resource: topicArn,
  });
  const topicAfter = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Subscribe', Resource: topicArn });
  const topic = (document) => ({
    arn: topicArn,
    id: topicArn,
    name: 'alerts',
    policy: document,
    owner: ACCOUNT,
    tags: {},
    tags_all: {},
  });
  p.keep('aws_sns_topic.alerts', topic(topicBefore), { name: constant('alerts') });
  p.update(
    'aws_sns_topic_policy.alerts',
    { arn: topicArn, id: topicArn, owner: ACCOUNT, policy: topicBefore },
    { arn: topicArn, id: topicArn, owner: ACCOUNT, policy: topicAfter },
    { arn: ref('aws_sns_topic.alerts', 'arn'), policy: constant(topicAfter) },
  );
  // A bucket ACL changed to a value only apply knows (a variable fed by another resource).
  p.keep('aws_s3_bucket.pending', bucket('acme-pending'), { bucket: constant('acme-pending') });
  p.resource('aws_s3_bucket_acl.pending', {
    actions: ['update'],
    before: { acl: 'private', bucket: 'acme-pending', expected_bucket_owner: '', id: 'acme-pending,private' },
    after: { bucket: 'acme-pending', expected_bucket_owner: '' },
    config: { bucket: ref('aws_s3_bucket.pending', 'id'), acl: ref('terraform_data.acl', 'output') },
    unknown: ['acl', 'id'],
  });
  plans['exposures.json'] = p;
}

// S3 Block Public Access turned off: the account's block removed, a bucket's block turned off.
{
  const p = new Plan('1.9.8');
  const bucket = (name, extra = {}) => ({
    arn: `arn:aws:s3:::${name}`,
    bucket: name,
    id: name,
    force_destroy: false,
    tags: {},
    tags_all: {},
    ...extra,
  });
  const block = (on, extra = {}) => ({
    block_public_acls: on,
    block_public_policy: on,
    ignore_public_acls: on,
    restrict_public_buckets: on,
    ...extra,
  });
  const blockConfig = (on, extra = {}) => ({
    block_public_acls: constant(on),
    block_public_policy: constant(on),
    ignore_public_acls: constant(on),
    restrict_public_buckets: constant(on),
    ...extra,
  });
  p.destroy('aws_s3_account_public_access_block.this', { account_id: ACCOUNT, id: ACCOUNT, ...block(true) });
  // A public bucket policy the plan keeps, its bucket's block turned off.
  const www = policy({
    Sid: 'Public',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-www/*',
  });
  p.keep('aws_s3_bucket.www', bucket('acme-www', { policy: www }), { bucket: constant('acme-www') });
  p.keep(
    'aws_s3_bucket_policy.www',
    { bucket: 'acme-www', id: 'acme-www', policy: www },
    {
      bucket: ref('aws_s3_bucket.www', 'id'),
      policy: constant(www),
    },
  );
  p.update(
    'aws_s3_bucket_public_access_block.www',
    { bucket: 'acme-www', id: 'acme-www', ...block(true) },
    { bucket: 'acme-www', id: 'acme-www', ...block(false) },
    blockConfig(false, { bucket: ref('aws_s3_bucket.www', 'id') }),
  );
  // A public-read ACL the plan keeps, its bucket's block no longer ignoring public ACLs.
  p.keep('aws_s3_bucket.media', bucket('acme-media'), { bucket: constant('acme-media') });
  const mediaAcl = {
    acl: 'public-read',
    bucket: 'acme-media',
    expected_bucket_owner: '',
    id: 'acme-media,public-read',
  };
  p.keep('aws_s3_bucket_acl.media', mediaAcl, {
    bucket: ref('aws_s3_bucket.media', 'id'),
    acl: constant('public-read'),
  });
  p.update(
    'aws_s3_bucket_public_access_block.media',
    { bucket: 'acme-media', id: 'acme-media', ...block(true) },
    { bucket: 'acme-media', id: 'acme-media', ...block(true, { ignore_public_acls: false }) },
    blockConfig(true, { bucket: ref('aws_s3_bucket.media', 'id'), ignore_public_acls: constant(false) }),
  );
  // A bucket policy of its own account only: the account's block removed changes nothing it admits.
  const vault = policy({
    Effect: 'Allow',
    Principal: { AWS: iam('role', 'backup') },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-vault/*',
  });
  p.keep('aws_s3_bucket.vault', bucket('acme-vault', { policy: vault }), { bucket: constant('acme-vault') });
  p.keep(
    'aws_s3_bucket_policy.vault',
    { bucket: 'acme-vault', id: 'acme-vault', policy: vault },
    { bucket: ref('aws_s3_bucket.vault', 'id'), policy: constant(vault) },
  );
  plans['public-access.json'] = p;
}

// Trust widened on kept roles, and a kept role given AdministratorAccess.
{
  const p = new Plan('1.9.8');
  const github = iam('oidc-provider', 'token.actions.githubusercontent.com');
  const audience = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
  const subject = (operator, sub) => ({
    Effect: 'Allow',
    Principal: { Federated: github },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition:
      operator === 'StringEquals'
        ? { StringEquals: { ...audience, 'token.actions.githubusercontent.com:sub': sub } }
        : { StringEquals: audience, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
  });
  // An OIDC subject from one branch of one repository to every repository of the owner.
  const mainOnly = policy(subject('StringEquals', 'repo:acme/app:ref:refs/heads/main'));
  const anyRepo = policy(subject('StringLike', 'repo:acme/*'));
  p.update('aws_iam_role.deploy', role('deploy', { trust: mainOnly }), role('deploy', { trust: anyRepo }), {
    name: constant('deploy'),
    assume_role_policy: constant(anyRepo),
  });
  // A vendor's external id condition removed.
  const vendor = (extra) =>
    policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      ...extra,
    });
  const withExternalId = vendor({ Condition: { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } } });
  p.update('aws_iam_role.vendor', role('vendor', { trust: withExternalId }), role('vendor', { trust: vendor({}) }), {
    name: constant('vendor'),
    assume_role_policy: constant(vendor({})),
  });
  // Another account added beside a role of a known one, and session tags.
  const ciOnly = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' },
    Action: 'sts:AssumeRole',
  });
  const widened = policy({
    Effect: 'Allow',
    Principal: { AWS: ['arn:aws:iam::444455556666:role/ci', '777788889999'] },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
  });
  p.update('aws_iam_role.cross', role('cross', { trust: ciOnly }), role('cross', { trust: widened }), {
    name: constant('cross'),
    assume_role_policy: constant(widened),
  });
  // ReadOnlyAccess swapped for AdministratorAccess (the attachment replaced).
  p.keep('aws_iam_role.ops', role('ops', { managed: [READ_ONLY] }), roleConfig('ops'));
  p.replace(
    'aws_iam_role_policy_attachment.ops',
    roleAttachment('ops', READ_ONLY),
    { policy_arn: ADMIN, role: 'ops' },
    attachConfig('aws_iam_role.ops', ADMIN),
    { unknown: ['id'] },
  );
  plans['trust.json'] = p;
}

// What Terraform 1.5-1.14 add to a plan: moves that also change, imports (with generated
// configuration), drift, checks, ephemeral resources and write-only arguments.
{
  const p = new Plan('1.14.0');
  const read = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*'));
  const write = policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-reports/*'));
  const partner = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3a' } },
  });
  // Moved (`moved` block) and widened in the same plan.
  p.keep('aws_iam_role.reports', role('reports', { inline: [['reports', read]] }), roleConfig('reports'), {
    previous: 'aws_iam_role.reporting',
  });
  p.update(
    'aws_iam_role_policy.reports',
    rolePolicy('reports', 'reports', read),
    rolePolicy('reports', 'reports', write),
    { role: ref('aws_iam_role.reports', 'id'), name: constant('reports'), policy: constant(write) },
    { previous: 'aws_iam_role_policy.reporting' },
  );
  // Imported with `-generate-config-out` (no configuration yet): AdministratorAccess was attached before.
  p.keep('aws_iam_role.legacy', role('legacy', { managed: [ADMIN] }), undefined, { importing: 'legacy' });
  p.keep('aws_iam_role_policy_attachment.legacy', roleAttachment('legacy', ADMIN), undefined, {
    importing: `legacy/${ADMIN}`,
  });
  // Imported and updated at once: its trust opened to a partner account.
  p.update(
    'aws_iam_role.vendor',
    role('vendor'),
    role('vendor', { trust: partner }),
    { name: constant('vendor'), assume_role_policy: constant(partner) },
    { importing: 'vendor' },
  );
  // Its trust opened to anyone outside Terraform (see `resource_drift`): the plan puts it back.
  const anyone = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
  p.update('aws_iam_role.app', role('app', { trust: anyone }), role('app'), roleConfig('app'));
  // A policy computed from an ephemeral resource: known at apply only.
  p.resource('aws_iam_role_policy.dynamic', {
    actions: ['create'],
    after: { name: 'dynamic', name_prefix: '', role: 'app' },
    config: {
      role: ref('aws_iam_role.app', 'id'),
      name: constant('dynamic'),
      policy: ref('ephemeral.aws_secretsmanager_secret_version.policy', 'secret_string'),
    },
    unknown: ['id', 'policy'],
  });
  // A write-only argument (Terraform 1.11): never in the plan, sensitive.
  p.create(
    'aws_secretsmanager_secret_version.db',
    { secret_id: 'db', secret_string_wo: null, secret_string_wo_version: 1 },
    {
      secret_id: constant('db'),
      secret_string_wo: ref('ephemeral.random_password.db', 'result'),
      secret_string_wo_version: constant(1),
    },
    ['arn', 'id', 'version_id'],
  );
  plans['newer.json'] = {
    toJSON() {
      const plan = p.toJSON();
      const entry = (address) => plan.resource_changes.find((c) => c.address === address);
      entry('aws_iam_role.legacy').change.generated_config =
        'resource "aws_iam_role" "legacy" {\n  name = "legacy"\n}\n';
      entry('aws_iam_role_policy_attachment.legacy').change.generated_config =
        'resource "aws_iam_role_policy_attachment" "legacy" {\n  role = "legacy"\n}\n';
      entry('aws_secretsmanager_secret_version.db').change.after_sensitive = { secret_string_wo: true };
      const ephemeral = (address, type, name, provider) => ({
        address,
        mode: 'ephemeral',
        type,
        name,
        provider_config_key: provider,
        expressions: {},
        schema_version: 0,
      });
      plan.configuration.root_module.resources.push(
        ephemeral(
          'ephemeral.aws_secretsmanager_secret_version.policy',
          'aws_secretsmanager_secret_version',
          'policy',
          'aws',
        ),
        ephemeral('ephemeral.random_password.db', 'random_password', 'db', 'random'),
      );
      // Changed outside Terraform since the last apply: what the plan starts from, not what it changes.
      plan.resource_drift = [
        {
          address: 'aws_iam_role.app',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'app',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          change: {
            actions: ['update'],
            before: role('app'),
            after: role('app', { trust: anyone }),
            after_unknown: {},
            before_sensitive: {},
            after_sensitive: {},
          },
        },
      ];
      // Deferred (Terraform 1.14, deferral enabled) for a reason Terraform could not tell.
      plan.complete = false;
      plan.deferred_changes = [
        {
          reason: 'unknown',
          resource_change: {
            address: 'aws_iam_role_policy.later',
            mode: 'managed',
            type: 'aws_iam_role_policy',
            name: 'later',
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: {
              actions: ['create'],
              before: null,
              after: { name: 'later', name_prefix: '', role: 'app' },
              after_unknown: { id: true, policy: true },
              before_sensitive: false,
              after_sensitive: {},
            },
          },
        },
      ];
      plan.relevant_attributes = [{ resource: 'aws_iam_role.app', attribute: ['assume_role_policy'] }];
      plan.checks = [
        {
          address: { kind: 'check', name: 'reports_bucket', to_display: 'check.reports_bucket' },
          status: 'pass',
          instances: [{ address: { to_display: 'check.reports_bucket' }, status: 'pass' }],
        },
      ];
      return plan;
    },
  };
}

// Roles replaced under the same name (a path changed): the same role to whoever names it.
{
  const p = new Plan('1.10.5');
  const read = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*'));
  const write = policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-reports/*'));
  /** The new object of a replaced role: its ARN, id and what AWS will show it holds known after apply. */
  const replacement = (name, path) => {
    const {
      arn: _arn,
      id: _id,
      unique_id: _unique,
      inline_policy: _inline,
      managed_policy_arns: _managed,
      ...known
    } = role(name);
    return { ...known, path };
  };
  const computed = ['arn', 'id', 'unique_id', 'inline_policy', 'managed_policy_arns'];
  // Its inline policy replaced with it, and widened; a policy put outside Terraform is not put again.
  const stray = policy(allow('sqs:SendMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  p.replace(
    'aws_iam_role.app',
    role('app', {
      inline: [
        ['app', read],
        ['stray', stray],
      ],
    }),
    replacement('app', '/svc/'),
    roleConfig('app', { path: constant('/svc/') }),
    { unknown: computed },
  );
  p.replace(
    'aws_iam_role_policy.app',
    rolePolicy('app', 'app', read),
    { name: 'app', name_prefix: '', policy: write, role: 'app' },
    { role: ref('aws_iam_role.app', 'id'), name: constant('app'), policy: constant(write) },
    { unknown: ['id'] },
  );
  // AdministratorAccess no longer attached to the new object; ReadOnlyAccess attached again.
  p.replace(
    'aws_iam_role.ops',
    role('ops', { managed: [ADMIN, READ_ONLY] }),
    replacement('ops', '/ops/'),
    roleConfig('ops', { path: constant('/ops/') }),
    { unknown: computed },
  );
  p.destroy('aws_iam_role_policy_attachment.ops_admin', roleAttachment('ops', ADMIN));
  p.replace(
    'aws_iam_role_policy_attachment.ops',
    roleAttachment('ops', READ_ONLY),
    { policy_arn: READ_ONLY, role: 'ops' },
    attachConfig('aws_iam_role.ops', READ_ONLY),
    { unknown: ['id'] },
  );
  // Replaced with `create_before_destroy`, and given AdministratorAccess.
  p.replace('aws_iam_role.ci', role('ci'), replacement('ci', '/ci/'), roleConfig('ci', { path: constant('/ci/') }), {
    createFirst: true,
    unknown: computed,
  });
  p.create(
    'aws_iam_role_policy_attachment.ci',
    { policy_arn: ADMIN, role: 'ci' },
    attachConfig('aws_iam_role.ci', ADMIN),
    ['id'],
  );
  // Replaced under a new name: another role, new, whatever it held before.
  p.replace(
    'aws_iam_role.batch',
    role('batch', { managed: [READ_ONLY] }),
    replacement('batch-v2', '/'),
    roleConfig('batch-v2'),
    { unknown: computed },
  );
  plans['replace-same-name.json'] = p;
}

// Exposures closed on resources the plan keeps: what a fix PR takes away from anyone.
{
  const p = new Plan('1.10.5');
  const bucket = (name, extra = {}) => ({
    arn: `arn:aws:s3:::${name}`,
    bucket: name,
    id: name,
    force_destroy: false,
    tags: {},
    tags_all: {},
    ...extra,
  });
  const bucketAcl = (name, acl) => ({ acl, bucket: name, expected_bucket_owner: '', id: `${name},${acl}` });
  const publicRead = (name) =>
    policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` });
  // A bucket ACL from public-read to private.
  p.keep('aws_s3_bucket.site', bucket('acme-site'), { bucket: constant('acme-site') });
  p.update('aws_s3_bucket_acl.site', bucketAcl('acme-site', 'public-read'), bucketAcl('acme-site', 'private'), {
    bucket: ref('aws_s3_bucket.site', 'id'),
    acl: constant('private'),
  });
  // A bucket's legacy `acl` from public-read-write to private.
  p.update(
    'aws_s3_bucket.legacy',
    bucket('acme-legacy', { acl: 'public-read-write' }),
    bucket('acme-legacy', { acl: 'private' }),
    { bucket: constant('acme-legacy'), acl: constant('private') },
  );
  // A public bucket policy destroyed; the kept bucket still shows it in its computed `policy`.
  p.keep('aws_s3_bucket.www', bucket('acme-www', { policy: publicRead('acme-www') }), {
    bucket: constant('acme-www'),
  });
  p.destroy('aws_s3_bucket_policy.www', { bucket: 'acme-www', id: 'acme-www', policy: publicRead('acme-www') });
  // A public ACL resource destroyed.
  p.keep('aws_s3_bucket.media', bucket('acme-media'), { bucket: constant('acme-media') });
  p.destroy('aws_s3_bucket_acl.media', bucketAcl('acme-media', 'public-read'));
  // A Lambda permission for anyone destroyed; the function stays.
  const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
  p.keep(
    'aws_lambda_function.api',
    { arn: functionArn, function_name: 'api', id: 'api', role: iam('role', 'api'), tags: {} },
    { function_name: constant('api') },
  );
  p.destroy('aws_lambda_permission.anyone', {
    action: 'lambda:InvokeFunction',
    function_name: functionArn,
    id: 'AllowAnyone',
    principal: '*',
    qualifier: '',
    source_account: null,
    source_arn: null,
    statement_id: 'AllowAnyone',
  });
  // Destroyed with their bucket: nothing is left to be exposed, nothing is listed.
  p.destroy('aws_s3_bucket.old', bucket('acme-old', { policy: publicRead('acme-old') }));
  p.destroy('aws_s3_bucket_policy.old', { bucket: 'acme-old', id: 'acme-old', policy: publicRead('acme-old') });
  p.destroy('aws_s3_bucket_acl.old', bucketAcl('acme-old', 'public-read'));
  // A public ACL removed from a bucket whose block ignores public ACLs: it granted nothing.
  const block = (on) => ({
    block_public_acls: on,
    block_public_policy: on,
    ignore_public_acls: on,
    restrict_public_buckets: on,
  });
  p.keep('aws_s3_bucket.quiet', bucket('acme-quiet'), { bucket: constant('acme-quiet') });
  p.keep(
    'aws_s3_bucket_public_access_block.quiet',
    { bucket: 'acme-quiet', id: 'acme-quiet', ...block(true) },
    { bucket: ref('aws_s3_bucket.quiet', 'id'), ignore_public_acls: constant(true) },
  );
  p.destroy('aws_s3_bucket_acl.quiet', bucketAcl('acme-quiet', 'public-read'));
  // A key policy destroyed: the key gets its default policy back, nothing is said lost.
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
  const keyShared = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  p.keep(
    'aws_kms_key.data',
    { arn: keyArn, id: keyId, key_id: keyId, policy: keyShared, description: 'data', tags: {}, tags_all: {} },
    { description: constant('data') },
  );
  p.destroy('aws_kms_key_policy.data', { id: keyId, key_id: keyId, policy: keyShared });
  // Block Public Access turned off on a bucket without a policy or an ACL: nothing is public yet.
  p.keep('aws_s3_bucket.bare', bucket('acme-bare'), { bucket: constant('acme-bare') });
  p.update(
    'aws_s3_bucket_public_access_block.bare',
    { bucket: 'acme-bare', id: 'acme-bare', ...block(true) },
    { bucket: 'acme-bare', id: 'acme-bare', ...block(false) },
    {
      bucket: ref('aws_s3_bucket.bare', 'id'),
      block_public_acls: constant(false),
      block_public_policy: constant(false),
      ignore_public_acls: constant(false),
      restrict_public_buckets: constant(false),
    },
  );
  plans['closures.json'] = p;
}

// A refresh-only plan (`terraform plan -refresh-only`) of an estate that drifted, and the plan
// of the same estate that changes nothing. Terraform plans no change in refresh-only mode: no
// `resource_changes`, no resource in `planned_values`; the refreshed state is `prior_state`.
{
  const p = new Plan('1.10.5');
  const anyone = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
  const passAny = policy(allow('iam:PassRole', '*'));
  const readReports = policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*'));
  const privateSite = policy({
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-site/*',
    Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE` } },
  });
  const publicSite = policy({
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::acme-site/*',
  });
  // AdministratorAccess attached outside Terraform: AWS shows it in the role's computed `managed_policy_arns`.
  p.keep('aws_iam_role.app', role('app', { inline: [['app', passAny]], managed: [ADMIN] }), roleConfig('app'));
  p.keep('aws_iam_role_policy.app', rolePolicy('app', 'app', passAny), {
    role: ref('aws_iam_role.app', 'id'),
    name: constant('app'),
    policy: constant(passAny),
  });
  // Scoped to one bucket: nothing to say.
  p.keep('aws_iam_role.reader', role('reader', { inline: [['reader', readReports]] }), roleConfig('reader'));
  p.keep('aws_iam_role_policy.reader', rolePolicy('reader', 'reader', readReports), {
    role: ref('aws_iam_role.reader', 'id'),
    name: constant('reader'),
    policy: constant(readReports),
  });
  // Its trust opened to anyone outside Terraform.
  p.keep('aws_iam_role.ci', role('ci', { trust: anyone }), roleConfig('ci'));
  // Its bucket policy made public outside Terraform.
  p.keep(
    'aws_s3_bucket.site',
    { arn: 'arn:aws:s3:::acme-site', bucket: 'acme-site', id: 'acme-site', policy: publicSite, tags: {}, tags_all: {} },
    { bucket: constant('acme-site') },
  );
  p.keep(
    'aws_s3_bucket_policy.site',
    { bucket: 'acme-site', id: 'acme-site', policy: publicSite },
    { bucket: ref('aws_s3_bucket.site', 'id'), policy: constant(privateSite) },
  );
  const drifted = (address, before, after) => {
    const [type, name] = address.split('.');
    return {
      address,
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    };
  };
  const drift = [
    drifted(
      'aws_iam_role.app',
      role('app', { inline: [['app', passAny]] }),
      role('app', { inline: [['app', passAny]], managed: [ADMIN] }),
    ),
    drifted('aws_iam_role.ci', role('ci'), role('ci', { trust: anyone })),
    drifted(
      'aws_s3_bucket_policy.site',
      { bucket: 'acme-site', id: 'acme-site', policy: privateSite },
      { bucket: 'acme-site', id: 'acme-site', policy: publicSite },
    ),
  ];
  // A role of a module, with its inline policy: in `child_modules` of the values trees.
  const moduleRole = role('etl', { inline: [['etl', passAny]] });
  const modulePolicy = rolePolicy('etl', 'etl', passAny);
  const head = (type, name) => ({
    address: `module.etl.${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    schema_version: 0,
  });
  const moduleResources = [
    { ...head('aws_iam_role', 'this'), values: moduleRole, sensitive_values: {} },
    { ...head('aws_iam_role_policy', 'this'), values: modulePolicy, sensitive_values: {} },
  ];
  const moduleConfig = {
    source: './modules/etl',
    module: {
      resources: [
        {
          address: 'aws_iam_role.this',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'this',
          provider_config_key: 'aws',
          expressions: roleConfig('etl'),
          schema_version: 0,
        },
        {
          address: 'aws_iam_role_policy.this',
          mode: 'managed',
          type: 'aws_iam_role_policy',
          name: 'this',
          provider_config_key: 'aws',
          expressions: { role: ref('aws_iam_role.this', 'id'), name: constant('etl'), policy: constant(passAny) },
          schema_version: 0,
        },
      ],
    },
  };
  const withModule = (plan) => {
    plan.prior_state.values.root_module.child_modules = [{ address: 'module.etl', resources: moduleResources }];
    plan.configuration.root_module.module_calls = { etl: moduleConfig };
    return plan;
  };
  plans['refresh-only-kept.json'] = {
    toJSON() {
      const plan = withModule(p.toJSON());
      plan.planned_values.root_module.child_modules = [{ address: 'module.etl', resources: moduleResources }];
      for (const r of moduleResources)
        plan.resource_changes.push({
          address: r.address,
          module_address: 'module.etl',
          mode: r.mode,
          type: r.type,
          name: r.name,
          provider_name: r.provider_name,
          change: {
            actions: ['no-op'],
            before: r.values,
            after: r.values,
            after_unknown: {},
            before_sensitive: {},
            after_sensitive: {},
          },
        });
      // What the plan starts from was refreshed too: the same drift.
      plan.resource_drift = drift;
      plan.applyable = false;
      return plan;
    },
  };
  plans['refresh-only.json'] = {
    toJSON() {
      const { resource_changes: _none, ...plan } = withModule(p.toJSON());
      return {
        ...plan,
        planned_values: { root_module: {} },
        resource_drift: drift,
        // Applying it records the refreshed state.
        applyable: true,
      };
    },
  };
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(plan.toJSON(), null, 2)}\n`);
