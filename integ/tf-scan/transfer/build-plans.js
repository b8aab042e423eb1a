/**
 * Writes the plan of this folder (`node integ/tf-scan/transfer/build-plans.js`): AWS Transfer Family
 * users and directory-group accesses with the session policies that narrow their role to a home
 * folder, laid out by `../estates/estate-builder.js`. The plan is checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, constant, policy, ref } = require('../estates/estate-builder');

const e = new Estate();
const trust = policy({ Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' }, Action: 'sts:AssumeRole' });
e.create(
  'aws_iam_role.sftp',
  { name: 'sftp-users', assume_role_policy: trust },
  { name: constant('sftp-users'), assume_role_policy: LITERAL },
  { unknown: ['arn', 'id', 'unique_id'] },
);
e.create(
  'aws_transfer_server.sftp',
  { protocols: ['SFTP'] },
  { protocols: constant(['SFTP']) },
  { unknown: ['id', 'arn'] },
);

// The scope-down policy the Transfer Family documentation describes: the user's home folder only.
const homeOnly = policy(
  {
    Sid: 'ListHome',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: 'arn:aws:s3:::${transfer:HomeBucket}',
    Condition: { StringLike: { 's3:prefix': ['${transfer:HomeFolder}/*', '${transfer:HomeFolder}'] } },
  },
  {
    Sid: 'HomeObjects',
    Effect: 'Allow',
    Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:GetObjectVersion'],
    Resource: 'arn:aws:s3:::${transfer:HomeDirectory}*',
  },
);
// A misspelt action and a condition key of another service: the narrowing silently does not work.
const mistyped = policy({
  Sid: 'HomeObjects',
  Effect: 'Allow',
  Action: ['s3:GetObjects', 's3:PutObject'],
  Resource: 'arn:aws:s3:::${transfer:HomeDirectory}*',
});

const users = { alice: homeOnly, bob: mistyped };
for (const [name, document] of Object.entries(users)) {
  e.create(
    `aws_transfer_user.${name}`,
    { user_name: name, policy: document },
    {
      user_name: constant(name),
      policy: LITERAL,
      server_id: ref('aws_transfer_server.sftp', 'id'),
      role: ref('aws_iam_role.sftp', 'arn'),
    },
    { unknown: ['server_id', 'role', 'arn', 'id'] },
  );
}
// An Active Directory group's access, narrowed the same way; and one without a session policy.
e.create(
  'aws_transfer_access.finance',
  { external_id: 'S-1-1-12-1234567890-123456789-1234567890-1234', policy: homeOnly },
  { policy: LITERAL, server_id: ref('aws_transfer_server.sftp', 'id'), role: ref('aws_iam_role.sftp', 'arn') },
  { unknown: ['server_id', 'role', 'id'] },
);
e.create(
  'aws_transfer_access.audit',
  { external_id: 'S-1-1-12-1234567890-123456789-1234567890-5678', policy: null },
  { server_id: ref('aws_transfer_server.sftp', 'id'), role: ref('aws_iam_role.sftp', 'arn') },
  { unknown: ['server_id', 'role', 'id'] },
);

fs.writeFileSync(path.join(__dirname, 'transfer.json'), `${JSON.stringify(e, null, 2)}\n`);
