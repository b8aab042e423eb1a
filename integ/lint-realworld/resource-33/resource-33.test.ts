/**
 * `iamgate lint --type resource` on the resource policies round 33 surveyed: S3 buckets, access
 * points and Object Lambda, KMS keys, SNS topics, SQS queues, Lambda permissions and function URLs,
 * ECR repositories, Secrets Manager secrets, API Gateway, OpenSearch, Glacier and Backup vaults,
 * EventBridge buses, CodeArtifact and CloudWatch Logs destinations, each open, fenced or bound the
 * ways their guides show. Each document is a minimal one of our own (README.md beside this file);
 * the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const PUBLIC = `resource-exposure/public-principal ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const DEPUTY = `resource-exposure/confused-deputy ${S0}`;

const ROWS: readonly Row[] = [
  // S3 buckets, access points and Object Lambda.
  {
    file: 'resource/s3-cloudfront-oac-one-distribution.json',
    behaviour: 'CloudFront origin access control for one distribution',
    expected: [],
  },
  {
    file: 'resource/s3-public-website-read.json',
    behaviour: 'a website bucket read by everyone',
    expected: [PUBLIC],
    mentions: ['s3:GetObject'],
  },
  {
    file: 'resource/s3-referer-only.json',
    behaviour: 'reads for everyone whose `aws:Referer` is the own site: a header any caller sets',
    expected: [PUBLIC],
    mentions: ['its condition on `aws:Referer` does not'],
  },
  {
    file: 'resource/s3-every-address-in-two-halves.json',
    behaviour: 'reads for `0.0.0.0/1` and `128.0.0.0/1`: every address, as `0.0.0.0/0` (round 33: was no finding)',
    expected: [PUBLIC],
    mentions: ['its condition on `aws:SourceIp` lets anyone through'],
  },
  {
    file: 'resource/s3-any-principal-of-own-account.json',
    behaviour: '`AWS` `*` confined to the own account by `aws:PrincipalAccount`',
    expected: [],
  },
  {
    file: 'resource/s3-partner-read-deny-insecure-transport.json',
    behaviour: 'a partner role reads, beside a Deny of requests without TLS',
    expected: [],
  },
  {
    file: 'resource/s3-log-delivery-own-account.json',
    behaviour: 'server access log delivery for the buckets of the own account',
    expected: [],
  },
  {
    file: 'resource/s3-object-lambda-supporting-star-called-via.json',
    behaviour:
      'the supporting access point of Object Lambda: `*` only through Object Lambda (`aws:CalledVia`), as its guide writes it (round 33: was service-wildcard)',
    expected: [],
  },
  {
    file: 'resource/s3-object-lambda-supporting-star-no-condition.json',
    behaviour: 'the same access point with `*` for the account and no `aws:CalledVia`: its policy and deletion too',
    expected: [`wildcard-action/service-wildcard ${S0}/Action`],
    mentions: ['deleting it and changing its policy included'],
  },
  {
    file: 'resource/s3-object-lambda-access-point-role-reads.json',
    behaviour: 'an Object Lambda access point read by one role (`s3-object-lambda:Get*`)',
    expected: [],
  },
  // KMS.
  {
    file: 'resource/kms-default-key-policy.json',
    behaviour: 'the default key policy: the own account root, `kms:*`',
    expected: [],
  },
  {
    file: 'resource/kms-partner-decrypt-via-s3.json',
    behaviour: 'the partner decrypts through S3 only (`kms:ViaService`)',
    expected: [],
  },
  {
    file: 'resource/kms-partner-grants-for-aws-resources.json',
    behaviour: 'the partner creates grants only for AWS resources (`kms:GrantIsForAWSResource`)',
    expected: [],
  },
  {
    file: 'resource/kms-stranger-role-encrypt.json',
    behaviour: 'a role of an account nobody configured encrypts',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'resource/kms-via-secrets-manager-stranger-caller.json',
    behaviour: '`AWS` `*` through Secrets Manager for callers of an account nobody configured (`kms:CallerAccount`)',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  // SNS and SQS.
  {
    file: 'resource/sns-cloudwatch-alarms-own.json',
    behaviour: 'CloudWatch alarms of the own account publish',
    expected: [],
  },
  {
    file: 'resource/sns-anyone-subscribes.json',
    behaviour: 'anyone subscribes (`sns:Receive`, which the default topic policy writes, is no action)',
    expected: [PUBLIC, `policy-validity/unknown-action ${S0}/Action`],
    mentions: ['sns:Subscribe'],
  },
  {
    file: 'resource/sns-any-assumed-role-publishes.json',
    behaviour: 'any role session of any account publishes (`aws:PrincipalType` `AssumedRole`)',
    expected: [PUBLIC],
    mentions: ['its condition on `aws:PrincipalType` does not'],
  },
  {
    file: 'resource/sqs-from-one-topic.json',
    behaviour: 'SNS delivers from one topic of the own account',
    expected: [],
  },
  {
    file: 'resource/sqs-anyone-sends.json',
    behaviour: 'anyone sends messages',
    expected: [PUBLIC],
    mentions: ['sqs:SendMessage'],
  },
  {
    file: 'resource/sqs-s3-notifications-stranger-account.json',
    behaviour: 'S3 notifications for the buckets of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['s3.amazonaws.com', '999988887777'],
  },
  // Lambda.
  {
    file: 'resource/lambda-s3-trigger-with-source-account.json',
    behaviour: 'an S3 trigger bound to one bucket and the own account',
    expected: [],
  },
  {
    file: 'resource/lambda-s3-trigger-bucket-arn-only.json',
    behaviour: 'an S3 trigger bound to a bucket ARN, which names no account',
    expected: [DEPUTY],
    mentions: ['an ARN that names no account'],
  },
  {
    file: 'resource/lambda-events-without-source.json',
    behaviour: 'EventBridge invokes, no source condition: the rules of any account',
    expected: [DEPUTY],
    mentions: ['events.amazonaws.com'],
  },
  {
    file: 'resource/lambda-url-public-no-auth.json',
    behaviour: 'a function URL without authentication',
    expected: [PUBLIC],
    mentions: ['lambda:InvokeFunctionUrl'],
  },
  // ECR, Secrets Manager, CodeArtifact, Logs.
  {
    file: 'resource/ecr-partner-pulls.json',
    behaviour: 'the partner pulls',
    expected: [],
  },
  {
    file: 'resource/ecr-organization-unit-paths.json',
    behaviour: 'everyone under one organizational unit pulls (`aws:PrincipalOrgPaths`)',
    expected: [],
  },
  {
    file: 'resource/ecr-lambda-pulls-stranger-functions.json',
    behaviour: 'Lambda pulls for the functions of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['lambda.amazonaws.com', '999988887777'],
  },
  {
    file: 'resource/secrets-partner-role-reads.json',
    behaviour: 'one role of the partner reads the secret',
    expected: [],
  },
  {
    file: 'resource/secrets-anyone-reads.json',
    behaviour: 'anyone reads the secret',
    expected: [PUBLIC],
    mentions: ['secretsmanager:GetSecretValue'],
  },
  {
    file: 'resource/codeartifact-organization-reads.json',
    behaviour: 'the organization reads the repository',
    expected: [],
  },
  {
    file: 'resource/logs-destination-partner-subscribes.json',
    behaviour: 'the partner subscribes its log groups to a destination',
    expected: [],
  },
  // API Gateway, OpenSearch, Glacier, Backup, EventBridge.
  {
    file: 'resource/apigw-private-api-one-endpoint.json',
    behaviour: 'a private API for everyone, fenced by a Deny of other VPC endpoints',
    expected: [],
  },
  {
    file: 'resource/apigw-office-address-range.json',
    behaviour: 'an API for one office address range',
    expected: [],
  },
  {
    file: 'resource/opensearch-partner-role.json',
    behaviour: 'a domain searched by one partner role',
    expected: [],
  },
  {
    file: 'resource/opensearch-one-address-range.json',
    behaviour: 'a domain for one address range',
    expected: [],
  },
  {
    file: 'resource/glacier-deny-delete-young-archives.json',
    behaviour: 'a vault lock denying deletion of archives younger than a year',
    expected: [],
  },
  {
    file: 'resource/backup-vault-deny-delete-everyone.json',
    behaviour: 'a backup vault denying deletion and policy changes to everyone',
    expected: [],
  },
  {
    file: 'resource/events-bus-partner-puts.json',
    behaviour: 'the partner puts events on the bus',
    expected: [],
  },
  {
    file: 'resource/events-bus-organization-one-source.json',
    behaviour: 'the organization puts events of one source (`StringEquals` `events:source`)',
    expected: [],
  },
  {
    file: 'resource/events-bus-organization-two-sources-list.json',
    behaviour:
      'the organization puts events of one of two sources, `StringEquals` on a list as the EventBridge guide writes it (round 33: was condition-type-mismatch)',
    expected: [],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint --type resource: survey 33, services, fences and bindings', {
  dir: 'integ/lint-realworld/resource-33',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['resource'],
  rows: ROWS,
});
