/**
 * Writes the plans of this folder (`node integ/tf-scan/changes26/build-plans.js`): update plans of
 * an estate that already exists, laid out by `../lifecycle/plan-builder.js`. See README.md; the
 * plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Plan, policy } = require('../lifecycle/plan-builder');
const { allow, deny, inlineEdit, withKeys } = require('../lifecycle/iam-state');

const PROD = { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } };
const inVpc = (vpc) => ({ Condition: { StringEquals: { 'aws:SourceVpc': vpc } } });
const DATA = 'arn:aws:s3:::acme-data';
const OBJECTS = `${DATA}/*`;
const LOGS = `${DATA}/logs/*`;
const LONG_GRANT = 'arn:aws:s3:::*/a/*/b/*/c/*';
const LONG_DENY = 'arn:aws:s3:::*/x/*/y/*/z';

const plans = {};

// Grants beside a Deny of prod-tagged objects, and conditions on part of a grant.
{
  const p = new Plan('1.9.8');
  // logs/ widened to the bucket, the tag Deny on every resource kept: logs/ was held already.
  inlineEdit(
    p,
    'tag_widened',
    policy(allow('s3:GetObject', LOGS), deny('s3:*', '*', PROD)),
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', '*', PROD)),
  );
  // logs/ widened to the bucket, the tag Deny on the bucket kept.
  inlineEdit(
    p,
    'tag_on_bucket',
    policy(allow('s3:GetObject', LOGS), deny('s3:*', OBJECTS, PROD)),
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', OBJECTS, PROD)),
  );
  // logs/ kept, the bucket from one VPC made unconditional, the tag Deny kept.
  inlineEdit(
    p,
    'tag_vpc_dropped',
    policy(allow('s3:GetObject', LOGS), allow('s3:GetObject', OBJECTS, inVpc('vpc-1')), deny('s3:*', '*', PROD)),
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', '*', PROD)),
  );
  // Every bucket's logs/ moved to another VPC beside an unconditional grant on acme-data.
  inlineEdit(
    p,
    'logs_other_vpc',
    policy(allow('s3:GetObject', OBJECTS), allow('s3:GetObject', 'arn:aws:s3:::*/logs/*', inVpc('vpc-1'))),
    policy(allow('s3:GetObject', OBJECTS), allow('s3:GetObject', 'arn:aws:s3:::*/logs/*', inVpc('vpc-2'))),
  );
  // A Deny on every bucket's logs/ beside the grant on acme-data, the VPC it spares moved.
  const notInVpc = (vpc) => ({ Condition: { StringNotEquals: { 'aws:SourceVpc': vpc } } });
  inlineEdit(
    p,
    'deny_vpc_moved',
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', 'arn:aws:s3:::*/logs/*', notInVpc('vpc-1'))),
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', 'arn:aws:s3:::*/logs/*', notInVpc('vpc-2'))),
  );
  // The same Deny asking for objects tagged dev instead of prod.
  const tagged = (env) => ({ Condition: { StringEquals: { 'aws:ResourceTag/env': env } } });
  inlineEdit(
    p,
    'deny_tag_moved',
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', 'arn:aws:s3:::*/logs/*', tagged('prod'))),
    policy(allow('s3:GetObject', OBJECTS), deny('s3:*', 'arn:aws:s3:::*/logs/*', tagged('dev'))),
  );
  // Every bucket's logs/ moved to another VPC beside acme-data from the first one.
  inlineEdit(
    p,
    'logs_vpc_moved_bucket_in_vpc',
    policy(
      allow('s3:GetObject', OBJECTS, inVpc('vpc-1')),
      allow('s3:GetObject', 'arn:aws:s3:::*/logs/*', inVpc('vpc-1')),
    ),
    policy(
      allow('s3:GetObject', OBJECTS, inVpc('vpc-1')),
      allow('s3:GetObject', 'arn:aws:s3:::*/logs/*', inVpc('vpc-2')),
    ),
  );
  // A grant added beside a kept Deny too long to compare with it.
  inlineEdit(
    p,
    'long_patterns',
    policy(deny('s3:GetObject', LONG_DENY)),
    policy(allow('s3:GetObject', LONG_GRANT), deny('s3:GetObject', LONG_DENY)),
  );
  plans['parts.json'] = p;
}

for (const [name, plan] of Object.entries(plans))
  fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(withKeys(plan.toJSON()), null, 2)}\n`);
