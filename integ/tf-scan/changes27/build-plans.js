/**
 * Writes the plans of this folder (`node integ/tf-scan/changes27/build-plans.js`): update plans of
 * an estate that already exists, laid out by `../lifecycle/plan-builder.js`. See README.md; the
 * plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, constant, iam, policy } = require('../lifecycle/plan-builder');
const { allow, deny, inlineEdit, managedPolicy, role, roleConfig, withKeys } = require('../lifecycle/iam-state');

const inVpc = (vpc) => ({ Condition: { StringEquals: { 'aws:SourceVpc': vpc } } });
const DATA = 'arn:aws:s3:::acme-data';
const EVERY_LOGS = 'arn:aws:s3:::*/logs/*';
const BK = 'arn:aws:s3:::bk/*';

const plans = {};

// Parts another pattern held, `*` under conditions beside a grant without, documents only reordered.
{
  const p = new Plan('1.9.8');
  // Every bucket's logs/ replaced by acme-data/* from vpc-1: acme-data's logs/ kept from vpc-1.
  inlineEdit(
    p,
    'logs_to_data_vpc',
    policy(allow('s3:GetObject', EVERY_LOGS)),
    policy(allow('s3:GetObject', `${DATA}/*`, inVpc('vpc-1'))),
  );
  // s3:GetObject on `*` from vpc-1 moved to vpc-2 beside bk/* without conditions.
  inlineEdit(
    p,
    'star_vpc_moved',
    policy(allow('s3:GetObject', '*', inVpc('vpc-1')), allow('s3:GetObject', BK)),
    policy(allow('s3:GetObject', '*', inVpc('vpc-2')), allow('s3:GetObject', BK)),
  );
  // The same statements in another order, their actions and condition values too, keys reordered.
  const written = policy(
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [DATA, `${DATA}/*`] },
    {
      Sid: 'Vpcs',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } },
    },
  );
  const reordered = JSON.stringify({
    Statement: [
      {
        Condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-2', 'vpc-1'] } },
        Resource: '*',
        Action: 's3:*',
        Effect: 'Deny',
        Sid: 'Vpcs',
      },
      { Resource: [`${DATA}/*`, DATA], Action: ['s3:ListBucket', 's3:GetObject'], Effect: 'Allow', Sid: 'Read' },
    ],
    Version: '2012-10-17',
  });
  inlineEdit(p, 'reordered', written, reordered);
  // A managed policy's new default version that only reorders its document, attached to a kept role.
  p.update('aws_iam_policy.reader', managedPolicy('reader', written), managedPolicy('reader', reordered), {
    name: constant('reader'),
    policy: constant(reordered),
  });
  p.keep('aws_iam_role.reader', role('reader', { managed: [iam('policy', 'reader')] }), roleConfig('reader'));
  p.keep(
    'aws_iam_role_policy_attachment.reader',
    { id: 'reader-20250201100000000000000001', policy_arn: iam('policy', 'reader'), role: 'reader' },
    { role: constant('reader'), policy_arn: constant(iam('policy', 'reader')) },
  );
  // An SCP loosened: the Deny of leaving the organization removed.
  const scp = (statements) => ({
    arn: 'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-guard',
    id: 'p-guard',
    name: 'guard',
    type: 'SERVICE_CONTROL_POLICY',
    description: '',
    skip_destroy: false,
    content: policy(...statements),
    tags: {},
    tags_all: {},
  });
  const everything = allow('*', '*');
  const leave = deny('organizations:LeaveOrganization', '*');
  p.update('aws_organizations_policy.guard', scp([everything, leave]), scp([everything]), {
    name: constant('guard'),
    content: constant(policy(everything)),
  });
  // A tag policy made an SCP: there was no SCP before (the tag policy is not read as one).
  const tagPolicy = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } });
  const tagged = (type, content) => ({
    ...scp([]),
    arn: 'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-tagged',
    id: 'p-tagged',
    name: 'tagged',
    type,
    content,
  });
  p.update(
    'aws_organizations_policy.tagged',
    tagged('TAG_POLICY', tagPolicy),
    tagged('SERVICE_CONTROL_POLICY', policy(everything)),
    { name: constant('tagged'), content: constant(policy(everything)) },
  );
  plans['survey.json'] = p;
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(withKeys(plan.toJSON()), null, 2)}\n`);
