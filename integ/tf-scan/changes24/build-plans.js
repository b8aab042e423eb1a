/**
 * Writes the plans of this folder (`node integ/tf-scan/changes24/build-plans.js`): update plans of
 * an estate that already exists, each the `terraform show -json` output of the changes real teams
 * make to IAM, laid out by `../lifecycle/plan-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, ref, constant, policy, iam, ACCOUNT, REGION } = require('../lifecycle/plan-builder');
const {
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

const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const S3_FULL = 'arn:aws:iam::aws:policy/AmazonS3FullAccess';
const inVpc = (vpcs) => ({ Condition: { StringEquals: { 'aws:SourceVpc': vpcs } } });
const outsideVpc = (vpcs) => ({ Condition: { StringNotEquals: { 'aws:SourceVpc': vpcs } } });
const MFA = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const DATA = 'arn:aws:s3:::acme-data';
const OBJECTS = `${DATA}/*`;

const plans = {};

// 1. Denies and boundary statements on other resources than the grant.
{
  const p = new Plan('1.9.8');
  const orders = `${DATA}/orders/*`;
  const logs = `${DATA}/logs/*`;
  // A Deny on logs/ removed beside a grant on orders/ from one VPC: orders/ is no change.
  inlineEdit(
    p,
    'deny_elsewhere',
    policy(allow('s3:GetObject', orders, inVpc('vpc-1')), deny('s3:*', logs)),
    policy(allow('s3:GetObject', orders, inVpc('vpc-1'))),
  );
  // A Deny outside a VPC removed beside a Deny on logs/, under an MFA grant: requests from outside
  // the VPC are gained, except on logs/.
  inlineEdit(
    p,
    'vpc_deny_removed',
    policy(allow('s3:GetObject', OBJECTS, MFA), deny('s3:*', '*', outsideVpc('vpc-1')), deny('s3:*', logs)),
    policy(allow('s3:GetObject', OBJECTS, MFA), deny('s3:*', logs)),
  );
  // A boundary that allows orders/ from one VPC gains a statement for the logs bucket: the role,
  // whose policy reads orders/, gains nothing.
  const fenceBefore = policy(allow('s3:*', orders, inVpc('vpc-1')));
  const fenceAfter = policy(allow('s3:*', orders, inVpc('vpc-1')), allow('s3:*', 'arn:aws:s3:::acme-logs/*'));
  p.update('aws_iam_policy.orders_fence', managedPolicy('orders-fence', fenceBefore), managedPolicy('orders-fence', fenceAfter), {
    name: constant('orders-fence'),
    policy: constant(fenceAfter),
  });
  const readOrders = policy(allow('s3:GetObject', orders));
  p.keep(
    'aws_iam_role.orders_reader',
    role('orders_reader', { inline: [['orders_reader', readOrders]], boundary: iam('policy', 'orders-fence') }),
    roleConfig('orders_reader', { permissions_boundary: ref('aws_iam_policy.orders_fence', 'arn') }),
  );
  p.keep(
    'aws_iam_role_policy.orders_reader',
    rolePolicy('orders_reader', 'orders_reader', readOrders),
    rolePolicyConfig('orders_reader', readOrders),
  );
  plans['guards.json'] = p;
}

// 2. A Deny on part of a pattern narrowed, removed, added; an Allow widened over one.
{
  const p = new Plan('1.9.8');
  const a = `${DATA}/a*`;
  const ab = `${DATA}/ab*`;
  const read = allow('s3:GetObject', OBJECTS);
  inlineEdit(p, 'deny_narrowed', policy(read, deny('s3:GetObject', a)), policy(read, deny('s3:GetObject', ab)));
  inlineEdit(p, 'deny_removed', policy(read, deny('s3:GetObject', a)), policy(read));
  inlineEdit(p, 'deny_added', policy(read), policy(read, deny('s3:GetObject', a)));
  inlineEdit(
    p,
    'allow_widened',
    policy(allow('s3:GetObject', a), deny('s3:GetObject', ab)),
    policy(read, deny('s3:GetObject', ab)),
  );
  plans['parts.json'] = p;
}

// 3. NotResource Allows under a condition.
{
  const p = new Plan('1.9.8');
  const sparing = (folder, extra = MFA) =>
    policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: folder, ...extra });
  const secrets = `${DATA}/secrets/*`;
  inlineEdit(p, 'spares_less', sparing(secrets), sparing(`${DATA}/secrets/top/*`));
  inlineEdit(p, 'spares_other', sparing(secrets), sparing(`${DATA}/private/*`));
  inlineEdit(p, 'condition_changed', sparing(secrets), sparing(secrets, inVpc('vpc-1')));
  inlineEdit(p, 'condition_added', sparing(secrets, {}), sparing(secrets));
  plans['not-resource.json'] = p;
}

// 4. Conditions a request without the key meets: StringNotEquals, ForAllValues.
{
  const p = new Plan('1.9.8');
  const tags = (keys) => ({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': keys } } });
  const put = (extra) => policy(allow('s3:PutObject', OBJECTS, extra));
  const tag = (extra) => policy(allow('s3:PutObjectTagging', OBJECTS, extra));
  inlineEdit(p, 'not_equals_widened', put(outsideVpc(['vpc-1', 'vpc-2'])), put(outsideVpc('vpc-1')));
  inlineEdit(p, 'not_equals_removed', put(outsideVpc('vpc-1')), put({}));
  inlineEdit(p, 'for_all_widened', tag(tags(['team'])), tag(tags(['team', 'cost'])));
  inlineEdit(p, 'for_all_removed', tag(tags(['team'])), tag({}));
  plans['absent-keys.json'] = p;
}

// 5. Roles reworked: trust and permissions together, a boundary and a policy together, refactors.
{
  const p = new Plan('1.9.8');
  // A deploy role's trust widened from one repository's main branch to every repository of the
  // organization, while its policy drops deletes.
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
  const site = 'arn:aws:s3:::acme-site/*';
  const deployBefore = policy(allow(['s3:PutObject', 's3:DeleteObject'], site));
  const deployAfter = policy(allow('s3:PutObject', site));
  p.update(
    'aws_iam_role.site_deploy',
    role('site_deploy', { trust: ghTrust('repo:acme/site:ref:refs/heads/main'), inline: [['site_deploy', deployBefore]] }),
    role('site_deploy', { trust: ghTrust('repo:acme/*'), inline: [['site_deploy', deployAfter]] }),
    { name: constant('site_deploy'), assume_role_policy: constant(ghTrust('repo:acme/*')) },
  );
  p.update(
    'aws_iam_role_policy.site_deploy',
    rolePolicy('site_deploy', 'site_deploy', deployBefore),
    rolePolicy('site_deploy', 'site_deploy', deployAfter),
    rolePolicyConfig('site_deploy', deployAfter),
  );

  // A boundary swapped for a wider one while the inline policy narrows.
  const capDoc = policy(allow(['s3:GetObject', 's3:PutObject', 'sqs:*'], '*'));
  const wideCapDoc = policy(allow(['s3:*', 'sqs:*'], '*'));
  p.keep('aws_iam_policy.cap', managedPolicy('cap', capDoc), { name: constant('cap'), policy: constant(capDoc) });
  p.keep('aws_iam_policy.wide_cap', managedPolicy('wide-cap', wideCapDoc), {
    name: constant('wide-cap'),
    policy: constant(wideCapDoc),
  });
  const workerBefore = policy(allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'sqs:SendMessage'], '*'));
  const workerAfter = policy(allow(['s3:GetObject', 's3:DeleteObject'], '*'));
  p.update(
    'aws_iam_role.worker',
    role('worker', { inline: [['worker', workerBefore]], boundary: iam('policy', 'cap') }),
    role('worker', { inline: [['worker', workerAfter]], boundary: iam('policy', 'wide-cap') }),
    roleConfig('worker', { permissions_boundary: ref('aws_iam_policy.wide_cap', 'arn') }),
  );
  p.update(
    'aws_iam_role_policy.worker',
    rolePolicy('worker', 'worker', workerBefore),
    rolePolicy('worker', 'worker', workerAfter),
    rolePolicyConfig('worker', workerAfter),
  );

  // An inline policy moved into a managed policy of the same document (destroyed, created, attached).
  const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
  const ordersDoc = policy(allow(['dynamodb:GetItem', 'dynamodb:Query'], table));
  p.keep('aws_iam_role.orders_api', role('orders_api', { inline: [['orders', ordersDoc]] }), roleConfig('orders_api'));
  p.destroy('aws_iam_role_policy.orders_api', rolePolicy('orders_api', 'orders', ordersDoc));
  const { arn: _a, id: _i, policy_id: _p, attachment_count: _c, ...created } = managedPolicy('orders-read', ordersDoc);
  p.create('aws_iam_policy.orders_read', created, { name: constant('orders-read'), policy: constant(ordersDoc) }, [
    'id',
    'arn',
    'policy_id',
    'attachment_count',
  ]);
  p.create(
    'aws_iam_role_policy_attachment.orders_api',
    { role: 'orders_api' },
    attachConfig('aws_iam_role.orders_api', 'aws_iam_policy.orders_read'),
    ['id', 'policy_arn'],
  );

  // A wildcard action replaced by the actions the service uses (a least-privilege cleanup).
  inlineEdit(
    p,
    'cleanup',
    policy(allow('dynamodb:*', table)),
    policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], table)),
  );
  // A second bucket added to a statement's Resource list.
  inlineEdit(
    p,
    'second_bucket',
    policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*')),
    policy(allow('s3:GetObject', ['arn:aws:s3:::acme-reports/*', 'arn:aws:s3:::acme-exports/*'])),
  );
  // From office IP ranges to a VPC endpoint: other requests gained, the office's lost.
  inlineEdit(
    p,
    'ip_to_endpoint',
    policy(allow('s3:GetObject', OBJECTS, { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })),
    policy(allow('s3:GetObject', OBJECTS, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })),
  );
  // The Lambda service swapped for ECS tasks in a trust policy.
  const serviceTrust = (service) =>
    policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
  p.update(
    'aws_iam_role.runner',
    role('runner', { trust: serviceTrust('lambda.amazonaws.com') }),
    role('runner', { trust: serviceTrust('ecs-tasks.amazonaws.com') }),
    { name: constant('runner'), assume_role_policy: constant(serviceTrust('ecs-tasks.amazonaws.com')) },
  );
  // A Deny of requests without TLS added beside the grant: the grant now needs TLS.
  const tls = deny('s3:*', [DATA, OBJECTS], { Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  inlineEdit(p, 'tls_only', policy(allow('s3:GetObject', OBJECTS)), policy(allow('s3:GetObject', OBJECTS), tls));
  // Instances of the caller's team (tags): stopping them added to starting them.
  const sameTeam = { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } };
  const instances = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`;
  inlineEdit(
    p,
    'abac',
    policy(allow('ec2:StartInstances', instances, sameTeam)),
    policy(allow(['ec2:StartInstances', 'ec2:StopInstances'], instances, sameTeam)),
  );
  // The boundary removed while the inline policy gains a Deny of SQS: PassRole, which the
  // boundary cut, is gained; SendMessage, which it allowed, is lost to the Deny.
  const opsBefore = policy(allow(['s3:GetObject', 'iam:PassRole', 'sqs:SendMessage'], '*'));
  const opsAfter = policy(allow(['s3:GetObject', 'iam:PassRole', 'sqs:SendMessage'], '*'), deny('sqs:*', '*'));
  p.update(
    'aws_iam_role.ops',
    role('ops', { inline: [['ops', opsBefore]], boundary: iam('policy', 'cap') }),
    role('ops', { inline: [['ops', opsAfter]] }),
    roleConfig('ops'),
  );
  p.update('aws_iam_role_policy.ops', rolePolicy('ops', 'ops', opsBefore), rolePolicy('ops', 'ops', opsAfter), rolePolicyConfig('ops', opsAfter));
  plans['roles.json'] = p;
}

// 6. for_each keys renamed, an attachment moved to another role.
{
  const p = new Plan('1.9.8');
  const queueDoc = policy(allow('sqs:ReceiveMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`));
  p.keep('aws_iam_policy.queue', managedPolicy('queue', queueDoc), {
    name: constant('queue'),
    policy: constant(queueDoc),
  });
  // aws_iam_role_policy_attachment.svc["jobs"] renamed ["queue"]: the same policy, destroyed and created.
  p.keep('aws_iam_role.svc', role('svc', { managed: [iam('policy', 'queue')] }), roleConfig('svc'));
  p.destroy('aws_iam_role_policy_attachment.svc__jobs', roleAttachment('svc', iam('policy', 'queue')));
  p.create(
    'aws_iam_role_policy_attachment.svc__queue',
    { policy_arn: iam('policy', 'queue'), role: 'svc' },
    { role: ref('aws_iam_role.svc', 'name'), policy_arn: ref('each.value') },
    ['id'],
  );
  // aws_iam_role_policy.svc["read"] renamed ["reader"] (its name with it): the same document.
  const readDoc = policy(allow('s3:GetObject', OBJECTS));
  p.keep('aws_iam_role.app', role('app', { inline: [['read', readDoc]] }), roleConfig('app'));
  p.destroy('aws_iam_role_policy.app__read', rolePolicy('app', 'read', readDoc));
  p.create(
    'aws_iam_role_policy.app__reader',
    { name: 'reader', name_prefix: '', policy: readDoc, role: 'app' },
    { role: ref('aws_iam_role.app', 'id'), name: ref('each.key'), policy: constant(readDoc) },
    ['id'],
  );
  // An attachment whose role changes (replaced: `role` forces a new one): the old role loses the
  // policy, the new one gains it.
  const reportsDoc = policy(allow(['athena:StartQueryExecution', 'athena:GetQueryResults'], '*'));
  p.keep('aws_iam_policy.reports', managedPolicy('reports', reportsDoc), {
    name: constant('reports'),
    policy: constant(reportsDoc),
  });
  p.keep('aws_iam_role.analyst', role('analyst', { managed: [iam('policy', 'reports')] }), roleConfig('analyst'));
  p.keep('aws_iam_role.reporter', role('reporter'), roleConfig('reporter'));
  p.replace(
    'aws_iam_role_policy_attachment.reports',
    roleAttachment('analyst', iam('policy', 'reports')),
    { policy_arn: iam('policy', 'reports'), role: 'reporter' },
    attachConfig('aws_iam_role.reporter', 'aws_iam_policy.reports'),
    { unknown: ['id'] },
  );
  // The same move written as two resources: one destroyed, one created.
  const auditDoc = policy(allow('cloudtrail:LookupEvents', '*'));
  p.keep('aws_iam_policy.audit', managedPolicy('audit', auditDoc), {
    name: constant('audit'),
    policy: constant(auditDoc),
  });
  p.keep('aws_iam_role.old_auditor', role('old_auditor', { managed: [iam('policy', 'audit')] }), roleConfig('old_auditor'));
  p.keep('aws_iam_role.new_auditor', role('new_auditor'), roleConfig('new_auditor'));
  p.destroy('aws_iam_role_policy_attachment.old_auditor', roleAttachment('old_auditor', iam('policy', 'audit')));
  p.create(
    'aws_iam_role_policy_attachment.new_auditor',
    { policy_arn: iam('policy', 'audit'), role: 'new_auditor' },
    attachConfig('aws_iam_role.new_auditor', 'aws_iam_policy.audit'),
    ['id'],
  );
  plans['moves.json'] = p;
}

// 7. Groups and users: a group's policy changed as users join; AWS managed policies swapped.
{
  const p = new Plan('1.9.8');
  const devBefore = policy(allow('s3:GetObject', OBJECTS));
  const devAfter = policy(allow(['s3:GetObject', 's3:PutObject'], OBJECTS));
  p.keep('aws_iam_group.devs', group('devs'), { name: constant('devs') });
  p.update(
    'aws_iam_group_policy.devs',
    { group: 'devs', id: 'devs:p', name: 'p', name_prefix: '', policy: devBefore },
    { group: 'devs', id: 'devs:p', name: 'p', name_prefix: '', policy: devAfter },
    { group: ref('aws_iam_group.devs', 'name'), name: constant('p'), policy: constant(devAfter) },
  );
  // vic was a member; uma joins through the member list, wes through his own memberships.
  p.keep('aws_iam_user.vic', user('vic'), { name: constant('vic') });
  p.keep('aws_iam_user.uma', user('uma'), { name: constant('uma') });
  p.keep('aws_iam_user.wes', user('wes'), { name: constant('wes') });
  p.update(
    'aws_iam_group_membership.devs',
    { group: 'devs', id: 'devs', name: 'devs', users: ['vic'] },
    { group: 'devs', id: 'devs', name: 'devs', users: ['uma', 'vic'] },
    {
      name: constant('devs'),
      group: ref('aws_iam_group.devs', 'name'),
      users: {
        references: ['aws_iam_user.vic.name', 'aws_iam_user.vic', 'aws_iam_user.uma.name', 'aws_iam_user.uma'],
      },
    },
  );
  p.create(
    'aws_iam_user_group_membership.wes',
    { groups: ['devs'], user: 'wes' },
    { user: ref('aws_iam_user.wes', 'name'), groups: ref('aws_iam_group.devs', 'name') },
    ['id'],
  );
  // A user's home folder (`home/${aws:username}/*`) widened to every home folder.
  const own = policy(allow(['s3:GetObject', 's3:PutObject'], `${DATA}/home/\${aws:username}/*`));
  const every = policy(allow(['s3:GetObject', 's3:PutObject'], `${DATA}/home/*`));
  p.keep('aws_iam_user.xena', user('xena'), { name: constant('xena') });
  p.update(
    'aws_iam_user_policy.xena',
    { id: 'xena:home', name: 'home', name_prefix: '', policy: own, user: 'xena' },
    { id: 'xena:home', name: 'home', name_prefix: '', policy: every, user: 'xena' },
    { user: ref('aws_iam_user.xena', 'name'), name: constant('home'), policy: constant(every) },
  );
  // AmazonS3ReadOnlyAccess swapped for AmazonS3FullAccess on a role (managed_policy_arns).
  p.update(
    'aws_iam_role.loader',
    role('loader', { managed: [S3_READ] }),
    role('loader', { managed: [S3_FULL] }),
    roleConfig('loader', { managed_policy_arns: constant([S3_FULL]) }),
  );
  // A boundary's own document narrowed: the role it bounds loses SQS.
  const capBefore = policy(allow(['s3:*', 'sqs:*'], '*'));
  const capAfter = policy(allow('s3:*', '*'));
  p.update('aws_iam_policy.team_cap', managedPolicy('team-cap', capBefore), managedPolicy('team-cap', capAfter), {
    name: constant('team-cap'),
    policy: constant(capAfter),
  });
  const teamDoc = policy(allow(['s3:GetObject', 'sqs:SendMessage'], '*'));
  p.keep(
    'aws_iam_role.team',
    role('team', { inline: [['team', teamDoc]], boundary: iam('policy', 'team-cap') }),
    roleConfig('team', { permissions_boundary: ref('aws_iam_policy.team_cap', 'arn') }),
  );
  p.keep('aws_iam_role_policy.team', rolePolicy('team', 'team', teamDoc), rolePolicyConfig('team', teamDoc));
  plans['groups.json'] = p;
}

// 8. Who trust and resource policies admit: a Deny on part of a public bucket, conditions changed.
{
  const p = new Plan('1.9.8');
  const bucketPolicy = (name, before, after) => {
    p.keep(
      `aws_s3_bucket.${name}`,
      {
        arn: `arn:aws:s3:::${name}`,
        bucket: name,
        id: name,
        policy: before,
        force_destroy: false,
        tags: {},
        tags_all: {},
      },
      { bucket: constant(name) },
    );
    p.update(
      `aws_s3_bucket_policy.${name}`,
      { bucket: name, id: name, policy: before },
      { bucket: name, id: name, policy: after },
      { bucket: ref(`aws_s3_bucket.${name}`, 'id'), policy: constant(after) },
    );
  };
  // A public site whose Deny on private/ is removed: anyone now reads private/.
  const open = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-www/*' };
  const hidden = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-www/private/*' };
  bucketPolicy('acme-www', policy(open, hidden), policy(open));
  // A partner's reads held to another VPC endpoint.
  const partner = (vpce) =>
    policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-share/*',
      Condition: { StringEquals: { 'aws:SourceVpce': vpce } },
    });
  bucketPolicy('acme-share', partner('vpce-1a2b3c4d'), partner('vpce-9f8e7d6c'));
  // A role anyone of one organization may assume, moved to another organization.
  const org = (id) =>
    policy({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': id } },
    });
  p.update('aws_iam_role.org_read', role('org_read', { trust: org('o-a1b2c3d4e5') }), role('org_read', { trust: org('o-f6g7h8i9j0') }), {
    name: constant('org_read'),
    assume_role_policy: constant(org('o-f6g7h8i9j0')),
  });
  plans['admissions.json'] = p;
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(withKeys(plan.toJSON()), null, 2)}\n`);
