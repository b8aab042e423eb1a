/**
 * Writes the plans of this folder (`node integ/tf-scan/changes29/build-plans.js`): update plans of
 * an estate that already exists, laid out by `../lifecycle/plan-builder.js`. See README.md; the
 * plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, constant, ref, policy, iam } = require('../lifecycle/plan-builder');
const { managed } = require('../plan-parts');
const {
  allow,
  managedPolicy,
  role,
  roleConfig,
  rolePolicy,
  rolePolicyConfig,
  roleAttachment,
  attachConfig,
} = require('../lifecycle/iam-state');

const plans = {};
const DATA = 'arn:aws:s3:::acme-data';
const QUEUE = 'arn:aws:sqs:eu-west-1:111122223333:ingest';

// The data team moves from inline policies to managed ones: the same statements, now in two
// customer managed policies the plan creates and attaches (the read split per resource, the
// queue's actions reordered); the inline policies destroyed.
{
  const p = new Plan('1.9.8');
  const read = policy(allow(['s3:GetObject', 's3:ListBucket'], [DATA, `${DATA}/*`]));
  const ingest = policy(allow(['sqs:SendMessage', 'sqs:GetQueueUrl'], QUEUE));
  for (const name of ['analyst', 'loader']) {
    const inline =
      name === 'loader'
        ? [
            ['read', read],
            ['ingest', ingest],
          ]
        : [['read', read]];
    // The role's `inline_policy` is read from AWS: the plan shows it as it is (no-op).
    p.keep(`aws_iam_role.${name}`, role(name, { inline }), roleConfig(name));
    for (const [policyName, document] of inline)
      p.destroy(`aws_iam_role_policy.${name}_${policyName}`, rolePolicy(name, policyName, document));
  }
  // The same permissions, other shapes.
  // (`s3:ListBucket` acts on the bucket, `s3:GetObject` on objects: the pairs the inline policy
  // wrote across give nothing.)
  const readManaged = policy(allow('s3:ListBucket', DATA), allow(['s3:GetObject'], `${DATA}/*`));
  const ingestManaged = policy(allow(['sqs:GetQueueUrl', 'sqs:SendMessage'], [QUEUE]));
  const created = (name, document) => {
    const { arn: _arn, id: _id, policy_id: _policyId, ...values } = managedPolicy(name, document, { attachments: 0 });
    return values;
  };
  p.create(
    'aws_iam_policy.data_read',
    created('data-read', readManaged),
    {
      name: constant('data-read'),
      policy: constant(readManaged),
    },
    ['id', 'arn', 'policy_id', 'attachment_count'],
  );
  p.create(
    'aws_iam_policy.data_ingest',
    created('data-ingest', ingestManaged),
    {
      name: constant('data-ingest'),
      policy: constant(ingestManaged),
    },
    ['id', 'arn', 'policy_id', 'attachment_count'],
  );
  const attach = (roleName, policyAddress) =>
    p.create(
      `aws_iam_role_policy_attachment.${roleName}_${policyAddress.split('.')[1]}`,
      { role: roleName },
      attachConfig(`aws_iam_role.${roleName}`, policyAddress),
      ['id', 'policy_arn'],
    );
  attach('analyst', 'aws_iam_policy.data_read');
  attach('loader', 'aws_iam_policy.data_read');
  attach('loader', 'aws_iam_policy.data_ingest');
  plans['inline-to-managed.json'] = p;
}

// A support role widened: its AWS managed ReadOnlyAccess attachment replaced by PowerUserAccess
// (a new policy_arn forces a new attachment).
{
  const p = new Plan('1.9.8');
  p.keep('aws_iam_role.support', role('support', { managed: [managed('ReadOnlyAccess')] }), roleConfig('support'));
  p.replace(
    'aws_iam_role_policy_attachment.support',
    roleAttachment('support', managed('ReadOnlyAccess')),
    { policy_arn: managed('PowerUserAccess'), role: 'support' },
    attachConfig('aws_iam_role.support', managed('PowerUserAccess')),
    { unknown: ['id'] },
  );
  plans['read-only-to-power-user.json'] = p;
}

for (const [name, p] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(p.toJSON(), null, 2)}\n`);
