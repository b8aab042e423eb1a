/**
 * Writes the plans of this folder (`node integ/tf-scan/survey27/build-plans.js`): the resource
 * policies the AWS guides tell users to write for log delivery, CloudFront, keys, topics, queues,
 * buses, functions, repositories, secrets and backup vaults, each beside the unsafe neighbour a
 * reviewer reports, and the data perimeter written with `Null`, organization paths and policy
 * variables, laid out by `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const OTHER_ORG = 'o-zz99yy88xx';
// The Elastic Load Balancing account of eu-west-1, the Region of the plans.
const ELB_ACCOUNT = '156460612806';
const arn = (service, rest, region = REGION, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${rest}`;
const role = (name, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const root = (account) => `arn:aws:iam::${account}:root`;
const grant = (Principal, Action, Resource, Condition) => ({
  Effect: 'Allow',
  Principal,
  Action,
  Resource,
  ...(Condition === undefined ? {} : { Condition }),
});
const deny = (Principal, Action, Resource, Condition) => ({
  ...grant(Principal, Action, Resource, Condition),
  Effect: 'Deny',
});

const plans = {};

/** One policy resource per name, its policy argument written as a literal `jsonencode`. */
function policies(e, type, attribute, entries, values, config) {
  for (const [name, statements] of Object.entries(entries))
    e.create(
      `${type}.${name}`,
      { ...values(name), [attribute]: policy(...statements) },
      { ...config(name), [attribute]: LITERAL },
      { unknown: ['id'] },
    );
}

/** Bucket policies, one bucket `acme-<name>` each. */
function bucketPolicies(e, entries) {
  policies(
    e,
    'aws_s3_bucket_policy',
    'policy',
    Object.fromEntries(
      Object.entries(entries).map(([name, build]) => [name, build(`acme-${name.replace(/_/g, '-')}`)]),
    ),
    (name) => ({ bucket: `acme-${name.replace(/_/g, '-')}` }),
    (name) => ({ bucket: ref(`aws_s3_bucket.${name}`, 'id') }),
  );
}

// Log delivery to S3 and CloudFront origins: the bucket policies the service guides give.
{
  const e = new Estate();
  const logs = (bucket) => `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/*`;
  const trail = arn('cloudtrail', 'trail/management');
  const distribution = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`;
  bucketPolicies(e, {
    // ALB/NLB access logs, Regions opened before August 2022: the Region's ELB account
    alb_account: (b) => [grant({ AWS: root(ELB_ACCOUNT) }, 's3:PutObject', logs(b))],
    // Regions opened since: the log delivery service, under the account's prefix
    alb_service: (b) => [grant({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, 's3:PutObject', logs(b))],
    // the logs of the partner's load balancers, by the ELB account and by the service
    alb_account_partner: (b) => [
      grant({ AWS: root(ELB_ACCOUNT) }, 's3:PutObject', `arn:aws:s3:::${b}/AWSLogs/${PARTNER}/*`),
    ],
    alb_service_partner: (b) => [
      grant(
        { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        's3:PutObject',
        `arn:aws:s3:::${b}/AWSLogs/${PARTNER}/*`,
      ),
    ],
    // the ELB account writing anywhere in the bucket: every account's load balancers of the Region may
    alb_account_anywhere: (b) => [grant({ AWS: ELB_ACCOUNT }, 's3:PutObject', `arn:aws:s3:::${b}/*`)],
    // the ELB account granted reads of the logs, not only their delivery
    alb_account_read: (b) => [
      grant({ AWS: root(ELB_ACCOUNT) }, ['s3:PutObject', 's3:GetObject'], `arn:aws:s3:::${b}/*`),
    ],
    cloudtrail: (b) => [
      grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:GetBucketAcl', `arn:aws:s3:::${b}`, {
        StringEquals: { 'aws:SourceArn': trail },
      }),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject', logs(b), {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trail },
      }),
    ],
    // the older form without a source: any account's trail may write into the bucket
    cloudtrail_no_source: (b) => [
      grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:GetBucketAcl', `arn:aws:s3:::${b}`),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/*`, {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
      }),
    ],
    // a trail of the partner's account
    cloudtrail_partner: (b) => [
      grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/AWSLogs/${PARTNER}/*`, {
        StringEquals: { 'aws:SourceArn': arn('cloudtrail', 'trail/org', REGION, PARTNER) },
      }),
    ],
    config: (b) => [
      grant({ Service: 'config.amazonaws.com' }, ['s3:GetBucketAcl', 's3:ListBucket'], `arn:aws:s3:::${b}`, {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
      }),
      grant({ Service: 'config.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/AWSLogs/${ACCOUNT}/Config/*`, {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': ACCOUNT },
      }),
    ],
    config_no_source: (b) => [grant({ Service: 'config.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/*`)],
    flow_logs: (b) => [
      grant({ Service: 'delivery.logs.amazonaws.com' }, 's3:PutObject', logs(b), {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': arn('logs', '*') },
      }),
      grant({ Service: 'delivery.logs.amazonaws.com' }, ['s3:GetBucketAcl', 's3:ListBucket'], `arn:aws:s3:::${b}`, {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': arn('logs', '*') },
      }),
    ],
    // delivery of any account's logs anywhere in the bucket
    flow_logs_any: (b) => [grant({ Service: 'delivery.logs.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/*`)],
    ses: (b) => [
      grant({ Service: 'ses.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/*`, {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        StringLike: { 'AWS:SourceArn': arn('ses', 'receipt-rule-set/inbound:receipt-rule/*') },
      }),
    ],
    ses_any: (b) => [grant({ Service: 'ses.amazonaws.com' }, 's3:PutObject', `arn:aws:s3:::${b}/*`)],
    cloudfront_oac: (b) => [
      grant({ Service: 'cloudfront.amazonaws.com' }, 's3:GetObject', `arn:aws:s3:::${b}/*`, {
        StringEquals: { 'AWS:SourceArn': distribution },
      }),
    ],
    // OAC without the distribution: any account's distribution may read the bucket
    cloudfront_any: (b) => [grant({ Service: 'cloudfront.amazonaws.com' }, 's3:GetObject', `arn:aws:s3:::${b}/*`)],
    cloudfront_oai: (b) => [
      grant(
        { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' },
        's3:GetObject',
        `arn:aws:s3:::${b}/*`,
      ),
    ],
    // the OAI beside a grant to everyone: the bucket is public besides CloudFront
    cloudfront_oai_public: (b) => [
      grant(
        { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' },
        's3:GetObject',
        `arn:aws:s3:::${b}/*`,
      ),
      grant('*', 's3:GetObject', `arn:aws:s3:::${b}/*`),
    ],
  });
  plans['logs.json'] = e;
}

// Keys, topics, queues, buses, functions, repositories, secrets and backup vaults.
{
  const e = new Estate();
  const logGroup = arn('logs', 'log-group:/app/orders');
  const keys = {
    default: [grant({ AWS: root(ACCOUNT) }, 'kms:*', '*')],
    partner_admin: [grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'), grant({ AWS: root(PARTNER) }, 'kms:*', '*')],
    logs: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant(
        { Service: `logs.${REGION}.amazonaws.com` },
        ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        '*',
        { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroup } },
      ),
    ],
    // CloudWatch Logs of any account may use the key
    logs_any: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ Service: `logs.${REGION}.amazonaws.com` }, ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], '*'),
    ],
    // the key users' grants for AWS resources (the console's default key policy)
    grants_for_resources: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ AWS: role('orders-app') }, ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], '*', {
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      }),
    ],
    // anyone may create grants through an AWS service: the service and grant say nothing of who
    grants_for_anyone: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ AWS: '*' }, 'kms:CreateGrant', '*', { Bool: { 'kms:GrantIsForAWSResource': 'true' } }),
    ],
    // the key policy the CloudTrail console creates: the key described by the service it binds
    cloudtrail: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 'kms:GenerateDataKey*', '*', {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
        StringEquals: { 'aws:SourceArn': arn('cloudtrail', 'trail/management') },
      }),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 'kms:DescribeKey', '*'),
      grant({ AWS: '*' }, ['kms:Decrypt', 'kms:ReEncryptFrom'], '*', {
        StringEquals: { 'kms:CallerAccount': ACCOUNT },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      }),
    ],
    // the same without the encryption context: the trails of every account
    cloudtrail_any: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 'kms:GenerateDataKey*', '*'),
      grant({ Service: 'cloudtrail.amazonaws.com' }, 'kms:DescribeKey', '*'),
    ],
    // every principal through Secrets Manager, without the account
    via_service_only: [
      grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
      grant({ AWS: '*' }, ['kms:Decrypt', 'kms:GenerateDataKey*'], '*', {
        StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
      }),
    ],
  };
  for (const [name, statements] of Object.entries(keys))
    e.create(
      `aws_kms_key.${name}`,
      { description: name, enable_key_rotation: true, policy: policy(...statements) },
      { description: constant(name), enable_key_rotation: constant(true), policy: LITERAL },
      { unknown: ['id', 'arn', 'key_id'] },
    );

  const topic = (name) => arn('sns', name);
  policies(
    e,
    'aws_sns_topic_policy',
    'policy',
    {
      s3_events: [
        grant({ Service: 's3.amazonaws.com' }, 'SNS:Publish', topic('s3_events'), {
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        }),
      ],
      // a bucket name alone: a bucket of that name in any account
      s3_events_bucket_only: [
        grant({ Service: 's3.amazonaws.com' }, 'SNS:Publish', topic('s3_events_bucket_only'), {
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' },
        }),
      ],
      alarms: [
        grant({ Service: 'cloudwatch.amazonaws.com' }, 'sns:Publish', topic('alarms'), {
          ArnLike: { 'aws:SourceArn': arn('cloudwatch', 'alarm:*') },
        }),
      ],
      events: [
        grant({ Service: 'events.amazonaws.com' }, 'sns:Publish', topic('events'), {
          ArnEquals: { 'aws:SourceArn': arn('events', 'rule/orders-failed') },
        }),
      ],
      events_any: [grant({ Service: 'events.amazonaws.com' }, 'sns:Publish', topic('events_any'))],
    },
    (name) => ({ arn: topic(name) }),
    (name) => ({ arn: ref(`aws_sns_topic.${name}`, 'arn') }),
  );

  const queue = (name) => arn('sqs', name);
  policies(
    e,
    'aws_sqs_queue_policy',
    'policy',
    {
      sns_subscription: [
        grant({ Service: 'sns.amazonaws.com' }, 'sqs:SendMessage', queue('sns_subscription'), {
          ArnEquals: { 'aws:SourceArn': topic('orders') },
        }),
      ],
      // the older form the SNS guide showed: everyone, for one topic
      sns_subscription_star: [
        grant('*', 'sqs:SendMessage', queue('sns_subscription_star'), {
          ArnEquals: { 'aws:SourceArn': topic('orders') },
        }),
      ],
      // everyone, for any topic of any account
      sns_any_topic: [
        grant('*', 'sqs:SendMessage', queue('sns_any_topic'), { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }),
      ],
    },
    (name) => ({ queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}` }),
    (name) => ({ queue_url: ref(`aws_sqs_queue.${name}`, 'id') }),
  );

  const bus = arn('events', 'event-bus/central');
  policies(
    e,
    'aws_cloudwatch_event_bus_policy',
    'policy',
    {
      org: [grant('*', 'events:PutEvents', bus, { StringEquals: { 'aws:PrincipalOrgID': ORG } })],
      other_org: [grant('*', 'events:PutEvents', bus, { StringEquals: { 'aws:PrincipalOrgID': OTHER_ORG } })],
    },
    () => ({ event_bus_name: 'central' }),
    () => ({ event_bus_name: ref('aws_cloudwatch_event_bus.central', 'name') }),
  );

  const permission = (name, principal, extra) =>
    e.create(
      `aws_lambda_permission.${name}`,
      {
        statement_id: name,
        action: 'lambda:InvokeFunction',
        function_name: 'orders',
        principal,
        source_arn: null,
        source_account: null,
        qualifier: null,
        event_source_token: null,
        function_url_auth_type: null,
        principal_org_id: null,
        ...extra,
      },
      {
        statement_id: constant(name),
        action: constant('lambda:InvokeFunction'),
        function_name: ref('aws_lambda_function.orders', 'function_name'),
        principal: constant(principal),
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, constant(v)])),
      },
    );
  e.keep(
    'aws_lambda_function.orders',
    { function_name: 'orders', arn: arn('lambda', 'function:orders'), role: role('orders') },
    { function_name: constant('orders'), role: constant(role('orders')) },
  );
  permission('api_gateway', 'apigateway.amazonaws.com', { source_arn: arn('execute-api', 'a1b2c3d4e5/*/POST/orders') });
  permission('s3', 's3.amazonaws.com', { source_arn: 'arn:aws:s3:::acme-uploads', source_account: ACCOUNT });
  permission('alb', 'elasticloadbalancing.amazonaws.com', {
    source_arn: arn('elasticloadbalancing', 'targetgroup/orders/0123456789abcdef'),
  });
  // any account's API may invoke the function
  permission('api_gateway_any', 'apigateway.amazonaws.com', {});

  // cross-account Lambda images: the function's account pulls, and Lambda for its functions
  const repositories = {
    lambda_shared: SHARED,
    lambda_partner: PARTNER,
  };
  policies(
    e,
    'aws_ecr_repository_policy',
    'policy',
    Object.fromEntries(
      Object.entries(repositories).map(([name, account]) => [
        name,
        [
          grant({ AWS: root(account) }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], undefined),
          grant({ Service: 'lambda.amazonaws.com' }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], undefined, {
            StringLike: { 'aws:sourceArn': arn('lambda', 'function:*', REGION, account) },
          }),
        ].map(({ Resource, ...s }) => s),
      ]),
    ),
    (name) => ({ repository: name.replace('_', '-') }),
    (name) => ({ repository: ref(`aws_ecr_repository.${name}`, 'name') }),
  );

  const secret = (name) => arn('secretsmanager', `secret:${name}-AbCdEf`);
  policies(
    e,
    'aws_secretsmanager_secret_policy',
    'policy',
    {
      shared_reader: [grant({ AWS: role('reader', SHARED) }, 'secretsmanager:GetSecretValue', '*')],
      // BlockPublicPolicy refuses it at apply; the plan still asks for it
      anyone: [grant('*', 'secretsmanager:GetSecretValue', '*')],
    },
    (name) => ({ secret_arn: secret(name), block_public_policy: true }),
    (name) => ({ secret_arn: ref(`aws_secretsmanager_secret.${name}`, 'arn'), block_public_policy: constant(true) }),
  );

  const vault = (name) => arn('backup', `backup-vault:${name}`);
  policies(
    e,
    'aws_backup_vault_policy',
    'policy',
    {
      // the Backup guide's Deny of deleting recovery points
      deny_delete: [
        deny(
          '*',
          ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'],
          vault('deny_delete'),
        ),
      ],
      org_copy: [
        grant('*', 'backup:CopyIntoBackupVault', vault('org_copy'), { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
      ],
      // copies into the vault from anyone
      any_copy: [grant('*', 'backup:CopyIntoBackupVault', vault('any_copy'))],
    },
    (name) => ({ backup_vault_name: name }),
    (name) => ({ backup_vault_name: ref(`aws_backup_vault.${name}`, 'name') }),
  );
  plans['services.json'] = e;
}

// The data perimeter and `Principal: "*"` confined as the last round left it: a condition block
// read as a whole, organization paths, policy variables.
{
  const e = new Estate();
  const objects = (b) => `arn:aws:s3:::${b}/*`;
  const fenced = (b, Condition) => [
    grant('*', 's3:GetObject', objects(b)),
    deny('*', 's3:*', [`arn:aws:s3:::${b}`, objects(b)], Condition),
  ];
  bucketPolicies(e, {
    account_present: (b) => [
      grant('*', 's3:GetObject', objects(b), {
        StringEqualsIfExists: { 'aws:PrincipalAccount': SHARED },
        Null: { 'aws:PrincipalAccount': 'false' },
      }),
    ],
    // the same for the partner's account: granted to it
    account_present_partner: (b) => [
      grant('*', 's3:GetObject', objects(b), {
        StringEqualsIfExists: { 'aws:PrincipalAccount': PARTNER },
        Null: { 'aws:PrincipalAccount': 'false' },
      }),
    ],
    // `IfExists` alone: a caller without the key passes
    account_if_exists: (b) => [
      grant('*', 's3:GetObject', objects(b), { StringEqualsIfExists: { 'aws:PrincipalAccount': SHARED } }),
    ],
    ou_fence: (b) =>
      fenced(b, {
        'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      }),
    ou_fence_other_org: (b) =>
      fenced(b, { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': `${OTHER_ORG}/r-zz99/*` } }),
    // `ForAnyValue`: a caller without organization paths is not denied
    ou_fence_any_value: (b) =>
      fenced(b, { 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` } }),
    own_account_fence: (b) =>
      fenced(b, {
        StringNotEqualsIfExists: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      }),
    own_org_fence: (b) => fenced(b, { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } }),
    own_account_and_partner_fence: (b) =>
      fenced(b, { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['${aws:ResourceAccount}', PARTNER] } }),
    own_account_allow: (b) => [
      grant('*', 's3:GetObject', objects(b), { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }),
    ],
    // the caller's own account: every caller's
    caller_account_allow: (b) => [
      grant('*', 's3:GetObject', objects(b), { StringEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } }),
    ],
  });
  plans['perimeter.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
