/**
 * Writes the plans of this folder (`node integ/tf-scan/changes28/build-plans.js`): update plans of
 * an estate that already exists, laid out by `../lifecycle/plan-builder.js`. See README.md; the
 * plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, constant, ref, policy, iam } = require('../lifecycle/plan-builder');
const {
  allow,
  deny,
  inlineEdit,
  managedPolicy,
  role,
  roleConfig,
  rolePolicy,
  roleAttachment,
  attachConfig,
  withKeys,
} = require('../lifecycle/iam-state');

const ORG = 'o-a1b2c3d4e5';
const MANAGEMENT = '111122223333';
const ROOT = 'r-ab12';
const WORKLOADS = 'ou-ab12-34567890';
const SANDBOX = 'ou-ab12-11111111';

const plans = {};

/** An `aws_organizations_policy` as the provider reads it. */
function organizationsPolicy(name, id, type, content) {
  const kind = type === 'RESOURCE_CONTROL_POLICY' ? 'resource_control_policy' : 'service_control_policy';
  return {
    arn: `arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/${kind}/${id}`,
    content,
    description: '',
    id,
    name,
    skip_destroy: false,
    tags: {},
    tags_all: {},
    type,
  };
}
const organizationsPolicyConfig = (name, type, content) => ({
  name: constant(name),
  type: constant(type),
  content: constant(content),
});
/** An `aws_organizations_policy_attachment` as the provider reads it, and its configuration. */
const attachment = (policyId, target) => ({
  id: `${target}:${policyId}`,
  policy_id: policyId,
  skip_destroy: false,
  target_id: target,
});
const attachmentConfig = (policyAddress, target) => ({
  policy_id: ref(policyAddress, 'id'),
  target_id: constant(target),
});
/** An RCP statement: every principal, narrowed by conditions. */
const rcpDeny = (Action, extra = {}) => ({ Effect: 'Deny', Principal: '*', Action, Resource: '*', ...extra });

// The organization's policies: an RCP tightened, an SCP loosened and moved between targets, an SCP
// attached to one more account, one detached, an SCP rewritten into text that is not JSON.
{
  const p = new Plan('1.9.8');
  const scp = 'SERVICE_CONTROL_POLICY';
  const rcp = 'RESOURCE_CONTROL_POLICY';
  // RCP on the root: buckets may no longer have their policy rewritten either.
  const perimeterBefore = policy(rcpDeny('s3:DeleteBucket'));
  const perimeterAfter = policy(rcpDeny(['s3:DeleteBucket', 's3:PutBucketPolicy']));
  p.update(
    'aws_organizations_policy.perimeter',
    organizationsPolicy('perimeter', 'p-perimeter', rcp, perimeterBefore),
    organizationsPolicy('perimeter', 'p-perimeter', rcp, perimeterAfter),
    organizationsPolicyConfig('perimeter', rcp, perimeterAfter),
  );
  p.keep(
    'aws_organizations_policy_attachment.perimeter_root',
    attachment('p-perimeter', ROOT),
    attachmentConfig('aws_organizations_policy.perimeter', ROOT),
  );
  // SCP kept on the workloads OU, loosened (the Deny of leaving the organization removed), newly
  // attached to one account, detached from the sandbox OU.
  const guardBefore = policy(deny(['organizations:LeaveOrganization', 'iam:CreateUser'], '*'));
  const guardAfter = policy(deny('iam:CreateUser', '*'));
  p.update(
    'aws_organizations_policy.guard',
    organizationsPolicy('guard', 'p-guard', scp, guardBefore),
    organizationsPolicy('guard', 'p-guard', scp, guardAfter),
    organizationsPolicyConfig('guard', scp, guardAfter),
  );
  p.keep(
    'aws_organizations_policy_attachment.guard_workloads',
    attachment('p-guard', WORKLOADS),
    attachmentConfig('aws_organizations_policy.guard', WORKLOADS),
  );
  p.create(
    'aws_organizations_policy_attachment.guard_payments',
    attachment('p-guard', '444455556666'),
    attachmentConfig('aws_organizations_policy.guard', '444455556666'),
    ['id'],
  );
  p.destroy('aws_organizations_policy_attachment.guard_sandbox', attachment('p-guard', SANDBOX));
  // Attached to an OU the plan creates: no account is under it yet, so nothing changes for one.
  p.create(
    'aws_organizations_organizational_unit.data_team',
    { name: 'data-team', parent_id: ROOT, tags: {}, tags_all: {} },
    { name: constant('data-team'), parent_id: constant(ROOT) },
    ['id', 'arn', 'accounts'],
  );
  p.create(
    'aws_organizations_policy_attachment.guard_data_team',
    { policy_id: 'p-guard', skip_destroy: false },
    {
      policy_id: ref('aws_organizations_policy.guard', 'id'),
      target_id: ref('aws_organizations_organizational_unit.data_team', 'id'),
    },
    ['id', 'target_id'],
  );
  // An SCP unchanged, attached to one more account: that account may no longer leave eu-west-1.
  const regions = policy(
    deny('ec2:RunInstances', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
  );
  p.keep(
    'aws_organizations_policy.regions',
    organizationsPolicy('regions', 'p-regions', scp, regions),
    organizationsPolicyConfig('regions', scp, regions),
  );
  p.create(
    'aws_organizations_policy_attachment.regions_analytics',
    attachment('p-regions', '555566667777'),
    attachmentConfig('aws_organizations_policy.regions', '555566667777'),
    ['id'],
  );
  // An SCP whose new text misses a comma.
  const broken = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny" "Action": "s3:*", "Resource": "*"}]}';
  const brokenBefore = policy(deny('s3:DeleteBucket', '*'));
  p.update(
    'aws_organizations_policy.broken',
    organizationsPolicy('broken', 'p-broken', scp, brokenBefore),
    organizationsPolicy('broken', 'p-broken', scp, broken),
    organizationsPolicyConfig('broken', scp, broken),
  );
  plans['organization.json'] = p;
}

// An organization reorganized: an account moved into an OU the plan creates, an attachment to an
// OU read from a data source, a tag policy made an SCP and an SCP replaced (their attachments
// recreated), an attachment renamed, an SCP whose old text was no policy, one detached everywhere.
{
  const p = new Plan('1.9.8');
  const scp = 'SERVICE_CONTROL_POLICY';
  const guard = policy(deny('iam:CreateUser', '*'));
  p.keep(
    'aws_organizations_policy.guard',
    organizationsPolicy('guard', 'p-guard', scp, guard),
    organizationsPolicyConfig('guard', scp, guard),
  );
  // The new OU holds the account moved into it: the SCP attached there applies to that account.
  p.create(
    'aws_organizations_organizational_unit.data',
    { name: 'data', parent_id: ROOT, tags: {}, tags_all: {} },
    { name: constant('data'), parent_id: constant(ROOT) },
    ['id', 'arn', 'accounts'],
  );
  const analytics = {
    id: '555566667777',
    name: 'analytics',
    email: 'analytics@example.com',
    parent_id: SANDBOX,
    tags: {},
    tags_all: {},
  };
  const { parent_id: _moved, ...movedAnalytics } = analytics;
  p.resource('aws_organizations_account.analytics', {
    actions: ['update'],
    before: analytics,
    after: movedAnalytics,
    config: {
      name: constant('analytics'),
      email: constant('analytics@example.com'),
      parent_id: ref('aws_organizations_organizational_unit.data', 'id'),
    },
    unknown: ['parent_id'],
  });
  p.create(
    'aws_organizations_policy_attachment.guard_data',
    { policy_id: 'p-guard', skip_destroy: false },
    {
      policy_id: ref('aws_organizations_policy.guard', 'id'),
      target_id: ref('aws_organizations_organizational_unit.data', 'id'),
    },
    ['id', 'target_id'],
  );
  // A new OU no account is moved into: nothing under it yet.
  p.create(
    'aws_organizations_organizational_unit.empty',
    { name: 'empty', parent_id: ROOT, tags: {}, tags_all: {} },
    { name: constant('empty'), parent_id: constant(ROOT) },
    ['id', 'arn', 'accounts'],
  );
  p.create(
    'aws_organizations_policy_attachment.guard_empty',
    { policy_id: 'p-guard', skip_destroy: false },
    {
      policy_id: ref('aws_organizations_policy.guard', 'id'),
      target_id: ref('aws_organizations_organizational_unit.empty', 'id'),
    },
    ['id', 'target_id'],
  );
  // An OU that exists, its id read by a data source only at apply.
  p.create(
    'aws_organizations_policy_attachment.guard_prod',
    { policy_id: 'p-guard', skip_destroy: false },
    {
      policy_id: ref('aws_organizations_policy.guard', 'id'),
      target_id: ref('data.aws_organizations_organizational_unit.prod', 'id'),
    },
    ['id', 'target_id'],
  );
  // Renamed without a `moved` block: destroyed and created on the same OU.
  p.destroy('aws_organizations_policy_attachment.guard_old', attachment('p-guard', SANDBOX));
  p.create(
    'aws_organizations_policy_attachment.guard_sandbox',
    attachment('p-guard', SANDBOX),
    attachmentConfig('aws_organizations_policy.guard', SANDBOX),
    ['id'],
  );
  // A tag policy replaced by an SCP of the same name: its attachment recreated with the new id.
  const naming = policy(deny('iam:CreateUser', '*'));
  p.replace(
    'aws_organizations_policy.naming',
    organizationsPolicy('naming', 'p-naming', 'TAG_POLICY', '{"tags":{"team":{"tag_key":{"@@assign":"team"}}}}'),
    { ...organizationsPolicy('naming', 'p-naming', scp, naming), id: undefined, arn: undefined },
    organizationsPolicyConfig('naming', scp, naming),
  );
  p.replace(
    'aws_organizations_policy_attachment.naming_payments',
    attachment('p-naming', '444455556666'),
    { skip_destroy: false, target_id: '444455556666' },
    attachmentConfig('aws_organizations_policy.naming', '444455556666'),
    { unknown: ['id', 'policy_id'] },
  );
  // An SCP replaced with the same content (renamed), its attachment recreated: nothing changes.
  const regions = policy(deny('ec2:RunInstances', '*'));
  p.replace(
    'aws_organizations_policy.regions',
    organizationsPolicy('regions', 'p-regions', scp, regions),
    { ...organizationsPolicy('regions-eu', 'p-regions', scp, regions), id: undefined, arn: undefined },
    organizationsPolicyConfig('regions-eu', scp, regions),
  );
  p.replace(
    'aws_organizations_policy_attachment.regions_workloads',
    attachment('p-regions', WORKLOADS),
    { skip_destroy: false, target_id: WORKLOADS },
    attachmentConfig('aws_organizations_policy.regions', WORKLOADS),
    { unknown: ['id', 'policy_id'] },
  );
  // An SCP whose previous text had no Resource (AWS refuses it): its new text is valid.
  const legacyBefore = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole' }],
  });
  const legacyAfter = policy(deny('iam:DeleteRole', '*'));
  p.update(
    'aws_organizations_policy.legacy',
    organizationsPolicy('legacy', 'p-legacy', scp, legacyBefore),
    organizationsPolicy('legacy', 'p-legacy', scp, legacyAfter),
    organizationsPolicyConfig('legacy', scp, legacyAfter),
  );
  p.keep(
    'aws_organizations_policy_attachment.legacy_workloads',
    attachment('p-legacy', WORKLOADS),
    attachmentConfig('aws_organizations_policy.legacy', WORKLOADS),
  );
  // An SCP that changes while its only attachment of the plan is destroyed.
  const retiredBefore = policy(deny(['iam:CreateUser', 'iam:DeleteRole'], '*'));
  const retiredAfter = policy(deny('iam:CreateUser', '*'));
  p.update(
    'aws_organizations_policy.retired',
    organizationsPolicy('retired', 'p-retired', scp, retiredBefore),
    organizationsPolicy('retired', 'p-retired', scp, retiredAfter),
    organizationsPolicyConfig('retired', scp, retiredAfter),
  );
  p.destroy('aws_organizations_policy_attachment.retired_payments', attachment('p-retired', '444455556666'));
  plans['reorganized.json'] = p;
}

// A platform team tightens five roles: four inline policies narrowed, a boundary set on the fifth.
{
  const p = new Plan('1.9.8');
  const SITE = 'arn:aws:s3:::acme-site';
  const DISTRIBUTION = `arn:aws:cloudfront::${MANAGEMENT}:distribution/E2QWRUHEXAMPLE`;
  const TABLES = `arn:aws:dynamodb:eu-west-1:${MANAGEMENT}:table`;
  const QUEUES = `arn:aws:sqs:eu-west-1:${MANAGEMENT}`;
  // The site deployer: S3 and CloudFront on everything, now the site bucket and one distribution.
  inlineEdit(
    p,
    'site_deploy',
    policy(allow(['s3:*', 'cloudfront:*'], '*')),
    policy(
      allow(['s3:ListBucket'], SITE),
      allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], `${SITE}/*`),
      allow('cloudfront:CreateInvalidation', DISTRIBUTION),
    ),
  );
  // The orders API: every DynamoDB action on every table, now three on the orders table.
  inlineEdit(
    p,
    'orders_api',
    policy(allow('dynamodb:*', `${TABLES}/*`)),
    policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], `${TABLES}/orders`)),
  );
  // Reporting: the objects of every acme- bucket, now of acme-reports only.
  inlineEdit(
    p,
    'reports',
    policy(allow('s3:GetObject', 'arn:aws:s3:::acme-*/*')),
    policy(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*')),
  );
  // The queue worker: every SQS action on every queue, now what consuming the jobs queue takes.
  inlineEdit(
    p,
    'queue_worker',
    policy(allow('sqs:*', `${QUEUES}:*`)),
    policy(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'], `${QUEUES}:jobs`)),
  );
  // The ETL role keeps its inline policy and gets the platform boundary, which has no SQS.
  const boundaryDoc = policy(allow(['s3:*', 'glue:*', 'logs:*'], '*'));
  p.keep('aws_iam_policy.platform_boundary', managedPolicy('platform-boundary', boundaryDoc, 3), {
    name: constant('platform-boundary'),
    policy: constant(boundaryDoc),
  });
  const etl = policy(
    allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-lake/*'),
    allow('glue:StartJobRun', '*'),
    allow('sqs:SendMessage', `${QUEUES}:etl-done`),
  );
  p.update(
    'aws_iam_role.etl',
    role('etl', { inline: [['etl', etl]] }),
    role('etl', { inline: [['etl', etl]], boundary: iam('policy', 'platform-boundary') }),
    roleConfig('etl', { permissions_boundary: ref('aws_iam_policy.platform_boundary', 'arn') }),
  );
  p.keep('aws_iam_role_policy.etl', rolePolicy('etl', 'etl', etl), {
    role: ref('aws_iam_role.etl', 'id'),
    name: constant('etl'),
    policy: constant(etl),
  });
  plans['platform.json'] = p;
}

// An account baseline: the baseline SCP gains a Region fence, a new RCP keeps the organization's
// buckets to its own principals, and a break-glass role for the security team.
{
  const p = new Plan('1.9.8');
  const scp = 'SERVICE_CONTROL_POLICY';
  const rcp = 'RESOURCE_CONTROL_POLICY';
  const noUsers = deny(['iam:CreateUser', 'iam:CreateAccessKey'], '*');
  const regions = deny('ec2:RunInstances', '*', {
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
  });
  p.update(
    'aws_organizations_policy.baseline',
    organizationsPolicy('baseline', 'p-baseline', scp, policy(noUsers)),
    organizationsPolicy('baseline', 'p-baseline', scp, policy(noUsers, regions)),
    organizationsPolicyConfig('baseline', scp, policy(noUsers, regions)),
  );
  p.keep(
    'aws_organizations_policy_attachment.baseline_workloads',
    attachment('p-baseline', WORKLOADS),
    attachmentConfig('aws_organizations_policy.baseline', WORKLOADS),
  );
  const perimeter = policy(
    rcpDeny('s3:*', {
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  );
  p.create(
    'aws_organizations_policy.perimeter',
    { ...organizationsPolicy('perimeter', 'p-perimeter', rcp, perimeter), id: undefined, arn: undefined },
    organizationsPolicyConfig('perimeter', rcp, perimeter),
  );
  p.create(
    'aws_organizations_policy_attachment.perimeter_root',
    { policy_id: undefined, skip_destroy: false, target_id: ROOT, id: undefined },
    attachmentConfig('aws_organizations_policy.perimeter', ROOT),
    ['id', 'policy_id'],
  );
  // Break-glass: administrator, assumed from the security account with MFA.
  const trust = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: 'sts:AssumeRole',
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  });
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
  p.create(
    'aws_iam_role.break_glass',
    { ...role('break-glass', { trust, managed: [] }), arn: undefined, unique_id: undefined, id: undefined },
    { name: constant('break-glass'), assume_role_policy: constant(trust) },
    ['id', 'arn', 'unique_id', 'create_date'],
  );
  p.create(
    'aws_iam_role_policy_attachment.break_glass',
    { ...roleAttachment('break-glass', ADMIN), id: undefined },
    attachConfig('aws_iam_role.break_glass', ADMIN),
    ['id'],
  );
  plans['baseline.json'] = p;
}

// for_each keys renamed and resources moved (`moved` blocks): the same roles, policies and
// attachments under new addresses, nothing changed in AWS.
{
  const p = new Plan('1.9.8');
  const LOGS = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
  for (const [from, to, name] of [
    ['aws_iam_role.svc__billing_api', 'aws_iam_role.service__billing', 'billing-api'],
    ['aws_iam_role.svc__search_api', 'aws_iam_role.service__search', 'search-api'],
  ]) {
    const read = policy(allow('s3:GetObject', `arn:aws:s3:::acme-${name}/*`));
    const key = to.split('__')[1];
    p.keep(to, role(name, { inline: [[name, read]], managed: [LOGS] }), roleConfig(name), {
      previous: withKey(from),
    });
    p.keep(
      `aws_iam_role_policy.service__${key}`,
      rolePolicy(name, name, read),
      { role: ref('aws_iam_role.service', 'id'), name: constant(name), policy: constant(read) },
      { previous: withKey(from.replace('aws_iam_role.', 'aws_iam_role_policy.')) },
    );
    p.keep(
      `aws_iam_role_policy_attachment.service__${key}`,
      roleAttachment(name, LOGS),
      attachConfig('aws_iam_role.service', LOGS),
      { previous: withKey(from.replace('aws_iam_role.', 'aws_iam_role_policy_attachment.')) },
    );
  }
  // A role moved into a module-free name (`moved { from = aws_iam_role.legacy_etl, to = aws_iam_role.etl }`).
  const etl = policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-lake/*'));
  p.keep('aws_iam_role.etl', role('etl', { inline: [['etl', etl]] }), roleConfig('etl'), {
    previous: 'aws_iam_role.legacy_etl',
  });
  p.keep(
    'aws_iam_role_policy.etl',
    rolePolicy('etl', 'etl', etl),
    { role: ref('aws_iam_role.etl', 'id'), name: constant('etl'), policy: constant(etl) },
    { previous: 'aws_iam_role_policy.legacy_etl' },
  );
  plans['moves.json'] = p;
}

/** `a.b__k` as the address `withKeys` makes of it: `a.b["k"]`. */
function withKey(address) {
  const m = /^(.*)__(\w+)$/.exec(address);
  return m === null ? address : `${m[1]}["${m[2]}"]`;
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(withKeys(plan.toJSON()), null, 2)}\n`);
