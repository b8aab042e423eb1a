/**
 * Writes the plans of this folder (`node integ/tf-scan/survey30/build-plans.js`): resource policies
 * of the services the earlier surveys left or covered in one variant only (OpenSearch Serverless
 * data access for everyone, Glacier vault locks, ACM Private CA, SES sending authorization, Object
 * Lambda access points, S3 Express directory buckets, a bucket delegating to access points, KMS
 * grants and key policies confined by `kms:CallerAccount`), laid out by
 * `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const arn = (service, rest, region = REGION, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${rest}`;
const root = (account) => `arn:aws:iam::${account}:root`;
const role = (name, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const statement = (Effect, Principal, Action, Resource, Condition) => ({
  Effect,
  Principal,
  Action,
  Resource,
  ...(Condition === undefined ? {} : { Condition }),
});
const grant = (...args) => statement('Allow', ...args);

const plans = {};

/** A resource per entry of `entries` (name -> statements): its policy argument a literal `jsonencode`. */
function policies(e, type, attribute, entries, values) {
  for (const [name, statements] of Object.entries(entries)) {
    const given = values(name);
    e.create(
      `${type}.${name}`,
      { ...given, [attribute]: policy(...statements) },
      { ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k, constant(v)])), [attribute]: LITERAL },
      { unknown: ['id'] },
    );
  }
}

{
  const e = new Estate();

  // OpenSearch Serverless data access: the account's role / every IAM principal / the partner's root.
  const rules = [{ ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] }];
  for (const [name, principals] of [
    ['search_readers', [role('search-reader')]],
    ['search_everyone', ['*']],
    ['search_partner', [root(PARTNER)]],
  ]) {
    const text = JSON.stringify([{ Rules: rules, Principal: principals }]);
    e.create(
      `aws_opensearchserverless_access_policy.${name}`,
      { name: name.replace('_', '-'), type: 'data', policy: text },
      { name: constant(name.replace('_', '-')), type: constant('data'), policy: constant(text) },
      { unknown: ['id', 'policy_version'] },
    );
  }

  // Glacier vault locks: the guide's lock (deny deleting archives younger than a year) / a lock
  // that also lets everyone retrieve.
  const vault = (name) => arn('glacier', `vaults/${name}`);
  const keepAYear = (name) =>
    statement('Deny', '*', 'glacier:DeleteArchive', vault(name), {
      NumericLessThanEquals: { 'glacier:ArchiveAgeInDays': '365' },
    });
  policies(
    e,
    'aws_glacier_vault_lock',
    'policy',
    {
      records: [keepAYear('records')],
      open_records: [
        keepAYear('open_records'),
        grant('*', ['glacier:InitiateJob', 'glacier:GetJobOutput'], vault('open_records')),
      ],
    },
    (name) => ({ vault_name: name, complete_lock: false, ignore_deletion_error: false }),
  );

  // ACM Private CA shared for issuing: the shared-services account / the partner.
  const ca = arn('acm-pca', 'certificate-authority/0d1e2f3a-4b5c-6d7e-8f9a-0b1c2d3e4f5a');
  const issuing = (account) => [
    grant(
      { AWS: root(account) },
      [
        'acm-pca:DescribeCertificateAuthority',
        'acm-pca:GetCertificate',
        'acm-pca:GetCertificateAuthorityCertificate',
        'acm-pca:ListPermissions',
        'acm-pca:ListTags',
      ],
      ca,
    ),
    grant({ AWS: root(account) }, 'acm-pca:IssueCertificate', ca, {
      StringEquals: { 'acm-pca:TemplateArn': 'arn:aws:acm-pca:::template/EndEntityCertificate/V1' },
    }),
  ];
  policies(e, 'aws_acmpca_policy', 'policy', { ca_shared: issuing(SHARED), ca_partner: issuing(PARTNER) }, () => ({
    resource_arn: ca,
  }));

  // SES sending authorization: a role of the shared-services account / everyone.
  const identity = arn('ses', 'identity/example.com');
  policies(
    e,
    'aws_ses_identity_policy',
    'policy',
    {
      send_shared: [grant({ AWS: role('mailer', SHARED) }, ['ses:SendEmail', 'ses:SendRawEmail'], identity)],
      send_anyone: [grant({ AWS: '*' }, ['ses:SendEmail', 'ses:SendRawEmail'], identity)],
    },
    (name) => ({ identity: 'example.com', name }),
  );

  // An Object Lambda Access Point for everyone.
  policies(
    e,
    'aws_s3control_object_lambda_access_point_policy',
    'policy',
    {
      redacting: [grant('*', 's3-object-lambda:GetObject', arn('s3-object-lambda', 'accesspoint/redacting'))],
    },
    (name) => ({ account_id: ACCOUNT, name }),
  );

  // Buckets: a directory bucket's sessions for the account / for the partner; a bucket delegating
  // its access control to the account's access points (the S3 guide's policy) / to the partner's.
  const directory = (name) => `arn:aws:s3express:${REGION}:${ACCOUNT}:bucket/${name}`;
  const bucket = (name) => [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`];
  const delegated = (name, account) =>
    grant({ AWS: '*' }, '*', bucket(name), { StringEquals: { 's3:DataAccessPointAccount': account } });
  const buckets = {
    'scratch--euw1-az1--x-s3': [
      grant({ AWS: root(ACCOUNT) }, 's3express:CreateSession', directory('scratch--euw1-az1--x-s3')),
    ],
    'partner--euw1-az1--x-s3': [
      grant({ AWS: role('loader', PARTNER) }, 's3express:CreateSession', directory('partner--euw1-az1--x-s3')),
    ],
    'data-lake': [delegated('data-lake', ACCOUNT)],
    'shared-lake': [delegated('shared-lake', PARTNER)],
  };
  for (const [name, statements] of Object.entries(buckets)) {
    const address = `aws_s3_bucket_policy.${name.split('--')[0].replace('-', '_')}`;
    e.create(
      address,
      { bucket: name, policy: policy(...statements) },
      { bucket: constant(name), policy: LITERAL },
      { unknown: ['id'] },
    );
  }

  // KMS: grants to a role of the account / of the partner; key policies for every principal of
  // the account through S3 (the AWS managed key's `kms:CallerAccount` with `kms:ViaService`) / of
  // the partner.
  const keyArn = arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab');
  for (const [name, grantee] of [
    ['app', role('app')],
    ['partner', role('reader', PARTNER)],
  ])
    e.create(
      `aws_kms_grant.${name}`,
      { name, key_id: keyArn, grantee_principal: grantee, operations: ['Decrypt', 'DescribeKey'] },
      {
        name: constant(name),
        key_id: constant(keyArn),
        grantee_principal: constant(grantee),
        operations: constant(['Decrypt', 'DescribeKey']),
      },
      { unknown: ['id', 'grant_id', 'grant_token'] },
    );
  const throughS3 = (account) => [
    grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
    grant(
      { AWS: '*' },
      ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      '*',
      {
        StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
      },
    ),
  ];
  policies(e, 'aws_kms_key', 'policy', { via_s3: throughS3(ACCOUNT), partner_via_s3: throughS3(PARTNER) }, (name) => ({
    description: name,
  }));

  plans['resource-policies.json'] = e;
}

module.exports = { plans, ORG };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
