import { defineRule, formatMessage } from '../rule';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import { isSymbolic } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import type { Statement } from '../../model/policy';
import {
  isOwnKeyVariable,
  isRestrictingClause,
  requiresKey,
  restrictingClauses,
  restrictsValues,
} from '../statement-helpers';
import { listValues, ownerOf } from '../describe';
import {
  ACCOUNT_PATH_SERVICES,
  ELB_LOG_DELIVERY_ACCOUNTS,
  ELB_LOG_DELIVERY_ACTIONS,
  elbAccountOf,
  LOG_WRITE_ACTIONS,
  logPathAccount,
  SOURCE_ARN_PATTERNS,
} from '../data/aws-service-accounts';
import { isAnyPrincipal, servicesByCondition } from '../trust/condition-accounts';
import { anyDistributionGrant, fencedToSourcesOf, isCloudFrontService } from '../trust/cdn-origins';

// Keys that tie a service's call to the resource (or account) it acts for.
const SOURCE_KEYS = [
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceOwner',
  'kms:CallerAccount',
];
// KMS key policies tie a service to the resource it encrypts for through the encryption context
// (`kms:EncryptionContext:aws:logs:arn`), which serves the same purpose.
const ENCRYPTION_CONTEXT = 'kms:encryptioncontext:';
// A token only the one resource on whose behalf the service calls presents: the Alexa skill id
// that `lambda add-permission --event-source-token` puts in a function's policy for
// `alexa-appkit.amazon.com` (and Alexa Smart Home) is `lambda:EventSourceToken`.
const SOURCE_TOKENS: ReadonlySet<string> = new Set(['lambda:eventsourcetoken']);

// The bucket checks that come with a log delivery's writes.
const BUCKET_CHECKS = new Set(['s3:getbucketacl', 's3:listbucket']);
// What a service reads of a key before it uses it: the key's metadata, nothing it encrypts.
const KEY_CHECKS = new Set(['kms:describekey']);

// What `noSource` adds for a service whose sources have a known ARN shape.
const BIND_HINT =
  ': {{source}} it acts for may be of any account; bind it with `ArnLike` `aws:SourceArn` `{{pattern}}` (those of this account) or `aws:SourceAccount`';

/** A resource policy grants an AWS service without saying on whose behalf it may call. */
export default defineRule({
  meta: {
    id: 'resource-exposure/confused-deputy',
    description:
      'A resource policy allows an AWS service principal without an `aws:SourceArn` or `aws:SourceAccount` condition, or `Principal: "*"` for a source ARN that names no account.',
    rationale:
      "A service acts for every customer: without a source condition, a resource of another account (an SNS topic, an S3 bucket, a CloudTrail trail) can make the service use your grant (the confused deputy problem). Add `aws:SourceArn` naming your resource, or at least `aws:SourceAccount`; for a service whose sources have a known ARN shape (EventBridge rules, log deliveries, trails, topics, alarms, CloudFront distributions) the finding gives the pattern of the account's own (`arn:aws:events:<region>:<account-id>:rule/*`). CloudFront reading or writing an origin for viewers (`s3:GetObject`, `lambda:InvokeFunctionUrl`, ...) with no source of named accounts is public, not only a confused deputy: `resource-exposure/public-principal` reports it, and this rule does not; its use of a key (`kms:Decrypt`) stays here. The log group policy the EventBridge console writes for a rule target (`events.amazonaws.com` and `delivery.logs.amazonaws.com` on `logs:CreateLogStream` and `logs:PutLogEvents`, no condition) is reported: EventBridge sets `aws:SourceArn` to the rule and `aws:SourceAccount` to its account when it delivers, and its guide advises binding them. A log delivery that writes under `AWSLogs/<account-id>/` and refuses `AWSLogs` in the prefix another account chooses (Elastic Load Balancing access logs, `delivery.logs.amazonaws.com` vended logs) is bound by that path instead: `s3:PutObject` on `.../AWSLogs/<one account>/*` (a literal account, or the account of the stack or of the Terraform AWS provider), with the `s3:GetBucketAcl` check granted beside it, is not reported; nor is the bucket check (`s3:GetBucketAcl`, `s3:ListBucket`) of a service whose writes to the bucket the document binds to sources (S3 server access logs for named buckets): the check tells another account nothing, and the write it precedes is refused. The Elastic Load Balancing account of a Region (older Regions' log delivery, AWS's and not an untrusted account) granted `s3:PutObject` is read as that service: confined to `AWSLogs/<one account>/` it is not reported, anywhere else in the bucket it is, as it writes the logs of every account's load balancers there. `kms:DescribeKey` granted to a service whose use of the key the policy binds to sources or an encryption context (the key policy CloudTrail creates) is its check of the key, not reported. CloudTrail documents no such limit on its prefix, so its path alone is not enough: give `aws:SourceArn` naming the trail, as AWS advises. A Deny of the same policy binds the service as a condition does when it refuses the service every source but those of named accounts or organizations for the statement's actions and resources (a Deny of everyone, or of the service, whose conditions are `StringNotEquals` `aws:SourceAccount` or `aws:SourceOrgID`, `ArnNotLike` `aws:SourceArn` of ARNs naming an account, and that lets no service through with `BoolIfExists` `aws:PrincipalIsAWSService` `false`), or refuses it outright (a `NotPrincipal` that does not name it). AWS RAM granted only `glue:ShareResource` on a Data Catalog (the statement the Lake Formation guide adds for cross-account grants) is not reported: RAM shares a resource only for the account that owns it. An Alexa skill invoking a function is bound by its skill id (`lambda:EventSourceToken`), which only that skill presents. `Principal: \"*\"` narrowed by `aws:PrincipalServiceName` to named services is read as naming them in `Principal`.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['resource'], resources: true },
    messages: {
      // One id with or without the pattern: the id enters the fingerprint, which a baseline keeps.
      noSource:
        '{{owner}} allows service `{{service}}` without an `aws:SourceArn` or `aws:SourceAccount` condition{{bind}}',
      looseSource:
        '{{owner}} allows service `{{service}}` under `{{condition}}`, which binds no source: {{why}}; compare `aws:SourceArn` or `aws:SourceAccount` with `ArnLike` or `StringEquals`',
      noSourceKms:
        '{{owner}} allows service `{{service}}` to use the key without an `aws:SourceArn`, `aws:SourceAccount` or `kms:EncryptionContext:...` condition naming the resource it encrypts for',
      noSourceAccount:
        "{{owner}} allows service `{{service}}` for `{{source}}`, an ARN that names no account, without `aws:SourceAccount`: a resource of another account can take that name (a deleted bucket's name is free to reuse)",
      anyPrincipalNoSourceAccount:
        "{{owner}} allows any principal (`*`) for `{{source}}`, an ARN that names no account, without `aws:SourceAccount`: only a service acting for that resource presents it, and a resource of another account can take that name (a deleted bucket's name is free to reuse)",
      anySourceAccount:
        '{{owner}} allows service `{{service}}` for `{{source}}`, a pattern whose account is a wildcard, without `aws:SourceAccount`: the resources of every account match it',
      logDeliveryAccount:
        "{{owner}} allows the Elastic Load Balancing account `{{account}}` ({{region}}) to write outside `AWSLogs/<account-id>/`: it delivers the access logs of every account's load balancers in {{region}}, so confine the write to your account's `AWSLogs/<account-id>/` path",
      accountPathOnly:
        '{{owner}} allows service `{{service}}` to write under `{{path}}` without an `aws:SourceArn` or `aws:SourceAccount` condition: the account in the path does not bind it, as nothing documents that `{{service}}` refuses another account a key prefix ending in that path',
    },
  },
  examples: {
    valid: [
      {
        name: "the Elastic Load Balancing account of the Region writing access logs under the account's `AWSLogs/` path",
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/111122223333/*',
            },
          ],
        },
      },
      {
        name: 'the key policy CloudTrail creates: the key described by the service whose use it binds to the trails of one account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:GenerateDataKey*',
              Resource: '*',
              Condition: {
                StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111122223333:trail/*' },
              },
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:DescribeKey',
              Resource: '*',
            },
          ],
        },
      },
      {
        name: 'SNS publishing to a queue for one topic under `ArnEqualsIfExists` beside `Null` `false`: the topic must be named',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: {
                ArnEqualsIfExists: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' },
                Null: { 'aws:SourceArn': 'false' },
              },
            },
          ],
        },
      },
      {
        name: '`Principal: "*"` narrowed to EventBridge by `aws:PrincipalServiceName`, for one rule',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: 'arn:aws:sns:us-east-1:111122223333:alerts',
              Condition: {
                StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' },
                ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/alarms' },
              },
            },
          ],
        },
      },
      {
        name: 'the log group policy for EventBridge rule targets bound to the rules and log deliveries of the account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/events/*:*',
              Condition: {
                ArnLike: {
                  'aws:SourceArn': [
                    'arn:aws:events:eu-west-1:111122223333:rule/*',
                    'arn:aws:logs:eu-west-1:111122223333:*',
                  ],
                },
              },
            },
          ],
        },
      },
      {
        name: 'SNS publishing to a queue for one topic',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' } },
            },
          ],
        },
      },
      {
        name: 'S3 invoking a function for one bucket of one account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:ingest',
              Condition: {
                ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-imports' },
                StringEquals: { 'aws:SourceAccount': '111122223333' },
              },
            },
          ],
        },
      },
      {
        name: 'CloudTrail writing logs of its own account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::trail-logs/AWSLogs/111122223333/*',
              Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
            },
          ],
        },
      },
      {
        name: 'Elastic Load Balancing writing access logs under the path of one account, and its bucket check',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['logdelivery.elasticloadbalancing.amazonaws.com', 'delivery.logs.amazonaws.com'] },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/web/AWSLogs/111122223333/*',
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'delivery.logs.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: 'arn:aws:s3:::alb-logs',
            },
          ],
        },
      },
      {
        name: 'S3 server access logs of named buckets of one account, and the bucket check the service makes first',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::access-logs/*',
              Condition: {
                ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-site' },
                StringEquals: { 'aws:SourceAccount': '111122223333' },
              },
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: 'arn:aws:s3:::access-logs',
            },
          ],
        },
      },
      {
        name: 'a key policy granting a service `kms:ListKeys`, which acts on no key: the statement grants nothing',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'aoss.amazonaws.com' }, Action: 'kms:ListKeys', Resource: '*' },
          ],
        },
      },
      {
        name: 'an Alexa skill invoking a function, bound by its skill id (`lambda:EventSourceToken`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'alexa-appkit.amazon.com' },
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:skill',
              Condition: {
                StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.0a1b2c3d-1111-2222-3333-444455556666' },
              },
            },
          ],
        },
      },
      {
        name: 'a Data Catalog AWS RAM may share for Lake Formation grants (`glue:ShareResource`): RAM shares only for the owner',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ram.amazonaws.com' },
              Action: 'glue:ShareResource',
              Resource: [
                'arn:aws:glue:us-east-1:111122223333:catalog',
                'arn:aws:glue:us-east-1:111122223333:database/*',
                'arn:aws:glue:us-east-1:111122223333:table/*/*',
              ],
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the Elastic Load Balancing account of the Region writing anywhere in the bucket',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/*',
            },
          ],
        },
        errors: [{ messageId: 'logDeliveryAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'the Elastic Load Balancing account writing anywhere in the bucket for load balancers of any account (`aws:SourceArn` with `*` for the account)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/*',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:elasticloadbalancing:*:*:*' } },
            },
          ],
        },
        errors: [{ messageId: 'logDeliveryAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'CloudTrail describing and using a key for the trails of any account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:GenerateDataKey*',
              Resource: '*',
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:DescribeKey',
              Resource: '*',
            },
          ],
        },
        errors: [
          { messageId: 'noSourceKms', pointer: '/Statement/1' },
          { messageId: 'noSource', pointer: '/Statement/2' },
        ],
      },
      {
        name: 'S3 server access logs for a bucket named without its account: the write and its bucket check',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::access-logs/*',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-site' } },
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: 'arn:aws:s3:::access-logs',
            },
          ],
        },
        errors: [
          { messageId: 'noSourceAccount', pointer: '/Statement/0' },
          { messageId: 'noSource', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'SNS publishing to a queue for the topics of the account the request names (`aws:SourceAccount` equal to its own variable)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' } },
            },
          ],
        },
        errors: [{ messageId: 'looseSource', pointer: '/Statement/0' }],
      },
      {
        name: 'SNS publishing to a queue from any topic',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
            },
          ],
        },
        errors: [{ messageId: 'noSource', pointer: '/Statement/0' }],
      },
      {
        name: '`Principal: "*"` narrowed to EventBridge by `aws:PrincipalServiceName`, from any rule',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: 'arn:aws:sns:us-east-1:111122223333:alerts',
              Condition: { StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' } },
            },
          ],
        },
        errors: [{ messageId: 'noSource', pointer: '/Statement/0' }],
      },
      {
        name: 'S3 invoking a function for a bucket named only by its ARN (no account in it)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:ingest',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-imports' } },
            },
          ],
        },
        errors: [{ messageId: 'noSourceAccount', pointer: '/Statement/0' }],
      },
      {
        name: '`Principal: "*"` for a bucket named only by its ARN (the older form of S3 event notifications)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:uploads',
              Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } },
            },
          ],
        },
        errors: [{ messageId: 'anyPrincipalNoSourceAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a key CloudFront may decrypt with for any distribution (the bucket it reads is judged by its own policy)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 'kms:Decrypt',
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'noSourceKms', pointer: '/Statement/0' }],
      },
      {
        name: 'access logs written under the path of any account (`AWSLogs/*`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'delivery.logs.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/*',
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'delivery.logs.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: 'arn:aws:s3:::alb-logs',
            },
          ],
        },
        errors: [
          { messageId: 'noSource', pointer: '/Statement/0' },
          { messageId: 'noSource', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'CloudTrail writing under the path of its account without `aws:SourceArn` (no documented limit on its prefix)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::trail-logs/AWSLogs/111122223333/*',
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
            },
          ],
        },
        errors: [{ messageId: 'accountPathOnly', pointer: '/Statement/0' }],
      },
      {
        name: 'CloudWatch Logs using a key for any log group',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
              Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'noSourceKms' }],
      },
      {
        name: 'the log group policy the EventBridge console writes for a rule target: EventBridge and log delivery bound to no source',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TrustEventsToStoreLogEvent',
              Effect: 'Allow',
              Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/events/*:*',
            },
          ],
        },
        errors: [
          { messageId: 'noSource', pointer: '/Statement/0' },
          { messageId: 'noSource', pointer: '/Statement/0' },
        ],
      },
      {
        name: 'CloudTrail describing a key for any trail (not using it: no key use to bind, the pattern of the trails given)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:DescribeKey',
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'noSource' }],
      },
      {
        name: 'a source condition that accepts any value',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['s3.amazonaws.com'] },
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:ingest',
              Condition: { ArnLike: { 'aws:SourceArn': '*' } },
            },
          ],
        },
        errors: [{ messageId: 'looseSource' }],
      },
      {
        name: 'a source account tested only if the service sends it (`StringEqualsIfExists`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: 'arn:aws:sns:us-east-1:111122223333:uploads',
              Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } },
            },
          ],
        },
        errors: [{ messageId: 'looseSource' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isEndpointFilter(subject.resource?.type)) return;
    if (!subject.parsed.ok) return;
    const statements = subject.parsed.value.statements;
    // Services this document lets write their logs only for sources it names, or only under
    // `AWSLogs/<one account>/`: the bucket check they make before writing is theirs. So is the
    // description of a key a service may use only for the resources its source or encryption
    // context names (CloudTrail's key policy grants `kms:DescribeKey` beside such a use).
    const boundWriters = new Set<string>();
    const boundKeyUsers = new Set<string>();
    for (const statement of statements) {
      if (!isAllowOfServices(statement)) continue;
      if (accountPath(statement, LOG_WRITE_ACTIONS) !== undefined || undecidedLogPaths(statement).length > 0)
        for (const service of serviceNames(statement))
          if (ACCOUNT_PATH_SERVICES.has(service)) boundWriters.add(service);
      if (onlyActions(statement, LOG_WRITE_ACTIONS) && boundBySource(statement))
        for (const service of serviceNames(statement)) boundWriters.add(service);
      if (usesKeyOnly(statement) && (boundBySource(statement) || boundByContext(statement)))
        for (const service of serviceNames(statement)) boundKeyUsers.add(service);
    }
    const checkOfBound = (statement: Statement): ((service: string) => boolean) => {
      const bucketCheck = onlyActions(statement, BUCKET_CHECKS);
      const keyCheck = onlyActions(statement, KEY_CHECKS);
      return (service) => !((bucketCheck && boundWriters.has(service)) || (keyCheck && boundKeyUsers.has(service)));
    };
    reportLogDeliveryAccounts(statements);
    for (const statement of statements) {
      if (!isAllowOfServices(statement)) continue;
      if (onlyAccountLevelActions(statement, (a) => context.catalog.acceptsOnlyWildcardResource(a))) continue;
      if (onlySharesOwnResources(statement)) continue;
      const sources = restrictingClauses(statement, SOURCE_KEYS);
      if (sources.length > 0) {
        const unowned = unownedSource(statement, sources);
        if (unowned === undefined) continue;
        const noAccount = accountField(unowned) === '';
        report(statement, noAccount ? 'noSourceAccount' : 'anySourceAccount', { source: unowned });
        // `Principal: "*"` confined by a source ARN (the older form of S3 event notifications)
        // admits the services acting for that source, as naming them would. A pattern whose
        // account is a wildcard is left to public-principal, which reports it as public.
        if (noAccount && isAnyPrincipal(statement) && servicesByCondition(statement).length === 0)
          context.report({
            messageId: 'anyPrincipalNoSourceAccount',
            data: { owner: ownerOf(subject), source: unowned },
            statement,
            key: '*',
            evidence: { service: '*', sourceArn: unowned },
          });
        continue;
      }
      if (
        statement.conditions.some(
          (c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c, statement),
        )
      )
        continue;
      if (statement.conditions.some((c) => SOURCE_TOKENS.has(c.key.toLowerCase()) && isRestrictingClause(c, statement)))
        continue;
      const path = accountPath(statement, LOG_WRITE_ACTIONS);
      if (path !== undefined) {
        report(statement, 'accountPathOnly', { path }, (service) => !ACCOUNT_PATH_SERVICES.has(service));
        continue;
      }
      // A write whose object path is known only after deploy: whether a log delivery is confined
      // to `AWSLogs/<account-id>/` cannot be told, and is said so; other services as before.
      const undecided = undecidedLogPaths(statement);
      for (const service of undecided.length > 0 ? serviceNames(statement) : [])
        if (ACCOUNT_PATH_SERVICES.has(service)) reportUndecidedPath(statement, `service \`${service}\``, undecided);
      // The bucket or key check a bound delivery makes before it writes: it tells the caller nothing.
      const unboundOrUndecided = checkOfBound(statement);
      const unbound =
        undecided.length > 0
          ? (service: string) => unboundOrUndecided(service) && !ACCOUNT_PATH_SERVICES.has(service)
          : unboundOrUndecided;
      // "To use the key" only where some action does (not `kms:DescribeKey` alone, as CloudTrail's key policy grants it).
      const kmsOnly =
        statement.action !== undefined &&
        !statement.action.negated &&
        statement.action.values.every((a) => typeof a === 'string' && a.toLowerCase().startsWith('kms:')) &&
        statement.action.values.some((a) => typeof a === 'string' && !/^kms:(describe|get|list)/i.test(a));
      const loose = looseSourceClause(statement);
      if (loose !== undefined && !kmsOnly) {
        report(statement, 'looseSource', loose, unbound);
        continue;
      }
      if (kmsOnly) report(statement, 'noSourceKms', {}, unbound);
      else {
        report(statement, 'noSource', {}, unbound);
      }
    }

    /**
     * The Elastic Load Balancing account of a Region granted to write a bucket's objects: AWS's
     * log delivery for the load balancers of every account of that Region, as the
     * `logdelivery.elasticloadbalancing.amazonaws.com` service is in newer Regions, and bound the
     * same way, by writes confined to `AWSLogs/<one account>/` (Elastic Load Balancing refuses
     * `AWSLogs` in a prefix) or by a source condition. Granted anything else it is
     * untrusted-account's to report.
     */
    function reportLogDeliveryAccounts(all: readonly Statement[]): void {
      for (const statement of all) {
        if (!isAllowOfServices(statement) || !onlyActions(statement, ELB_LOG_DELIVERY_ACTIONS)) continue;
        if (accountPath(statement, LOG_WRITE_ACTIONS) !== undefined || boundBySource(statement)) continue;
        const undecided = undecidedLogPaths(statement);
        for (const entry of statement.principal?.entries ?? []) {
          if (entry.type !== 'AWS' || isSymbolic(entry.value)) continue;
          const account = elbAccountOf(entry.value);
          const region = account === undefined ? undefined : ELB_LOG_DELIVERY_ACCOUNTS.get(account);
          if (account === undefined || region === undefined) continue;
          if (undecided.length > 0) {
            reportUndecidedPath(statement, `the Elastic Load Balancing account \`${account}\` (${region})`, undecided);
            continue;
          }
          context.report({
            messageId: 'logDeliveryAccount',
            data: { owner: ownerOf(subject), account, region },
            statement,
            key: account,
            evidence: { account, region },
          });
        }
      }
    }

    function reportUndecidedPath(statement: Statement, writer: string, undecided: readonly string[]): void {
      context.reportUnverifiable({
        reason: `${ownerOf(subject)} allows ${writer} to write ${listValues(undecided)}, only known after deploy: whether the write is confined to \`AWSLogs/<account-id>/\` of one account cannot be told`,
        statement,
        pointer: statement.resource?.pointer ?? statement.pointer,
        values: undecided,
      });
    }

    function report(
      statement: Statement,
      messageId:
        'noSource' | 'noSourceKms' | 'noSourceAccount' | 'anySourceAccount' | 'accountPathOnly' | 'looseSource',
      extra: { readonly source?: string; readonly path?: string; readonly condition?: string; readonly why?: string },
      unbound: (service: string) => boolean = () => true,
    ): void {
      // The actions granted, as written (none under `NotAction`): what a suppression by action matches.
      const actions = statement.action === undefined || statement.action.negated ? [] : [...statement.action.values];
      // CloudFront serving the resource for any account's distribution is public-principal's (or
      // bound by a Deny it reads): one finding per statement.
      const anyDistribution = anyDistributionGrant(statement) !== undefined;
      for (const service of serviceNames(statement)) {
        if (!unbound(service)) continue;
        // A Deny of every other source account or organization binds the service as a condition would.
        if (fencedToSourcesOf(service, statement, statements)) continue;
        if (anyDistribution && isCloudFrontService(service)) continue;
        const of = messageId === 'noSource' ? SOURCE_ARN_PATTERNS.get(service) : undefined;
        const pattern =
          of === undefined ? undefined : sourcePatternFor(of.pattern, statement, subject.resource?.account);
        context.report({
          messageId,
          data: {
            owner: ownerOf(subject),
            service,
            bind:
              of === undefined || pattern === undefined ? '' : formatMessage(BIND_HINT, { source: of.source, pattern }),
            source: extra.source ?? '',
            path: extra.path ?? '',
            condition: extra.condition ?? '',
            why: extra.why ?? '',
          },
          statement,
          key: service,
          evidence: {
            service,
            ...(actions.length > 0 ? { actions } : {}),
            ...(extra.source !== undefined ? { sourceArn: extra.source } : {}),
            ...(pattern !== undefined ? { sourceArnPattern: pattern } : {}),
            ...(extra.path !== undefined ? { path: extra.path } : {}),
          },
        });
      }
    }
  },
});

/**
 * A service's source ARN pattern for the account and Region of the statement's first resource
 * that names them literally (`arn:aws:logs:eu-west-1:111122223333:log-group:...`), else the account
 * that owns the resource when known (a bucket's ARN names none), placeholders (`<region>`,
 * `<account-id>`) for the rest.
 */
function sourcePatternFor(pattern: string, statement: Statement, owner: string | undefined): string {
  const resources = statement.resource?.negated === false ? statement.resource.values : [];
  const fields = resources
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.split(':'))
    .find(
      (f) =>
        f[0] === 'arn' && f.length >= 6 && /^[a-z]{2}(-[a-z]+)+-\d$/.test(f[3] ?? '') && /^\d{12}$/.test(f[4] ?? ''),
    );
  return pattern
    .replace('{partition}', fields?.[1] ?? 'aws')
    .replace('{region}', fields?.[3] ?? '<region>')
    .replace('{account}', fields?.[4] ?? owner ?? '<account-id>');
}

/** True when the statement grants only `kms:` actions (some key use or a check of the key). */
function usesKeyOnly(statement: Statement): boolean {
  const set = statement.action;
  return (
    set !== undefined &&
    !set.negated &&
    set.values.length > 0 &&
    set.values.every((a) => typeof a === 'string' && a.toLowerCase().startsWith('kms:'))
  );
}

/** True when an encryption context condition ties the statement's key use to named resources. */
function boundByContext(statement: Statement): boolean {
  return statement.conditions.some(
    (c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c, statement),
  );
}

/** True when a source condition ties the statement to sources of named accounts (nothing `report` would flag). */
function boundBySource(statement: Statement): boolean {
  const sources = restrictingClauses(statement, SOURCE_KEYS);
  return (
    sources.length > 0 && unownedSource(statement, sources) === undefined && looseSourceClause(statement) === undefined
  );
}

/**
 * A source condition the statement has but that lets a request from any source through, and why:
 * `...IfExists` and `ForAllValues` hold when the key is absent, `*` matches every value. Users
 * write them believing the service is bound; the message says which test does not bind it.
 */
function looseSourceClause(statement: Statement): { condition: string; why: string } | undefined {
  for (const clause of statement.conditions) {
    if (!SOURCE_KEYS.some((k) => k.toLowerCase() === clause.key.toLowerCase())) continue;
    const condition = `${clause.operator} ${clause.key}`;
    const required = requiresKey(statement, clause.key);
    if (clause.ifExists && !required)
      return { condition, why: '`...IfExists` holds when the service sends no such key' };
    if (clause.setOperator === 'ForAllValues' && !required)
      return { condition, why: '`ForAllValues` holds when the service sends no such key' };
    if (clause.values.some((v) => typeof v === 'string' && isOwnKeyVariable(clause.key, v)))
      return { condition, why: `\`\${${clause.key}}\` is the request's own value, which matches every source` };
    if (!restrictsValues(clause)) return { condition, why: '`*` matches every source' };
    if (!isRestrictingClause(clause, statement))
      return { condition, why: 'it admits the sources of every account it does not name' };
  }
  return undefined;
}

/**
 * The first `aws:SourceArn` value when every source condition of the statement is an ARN that
 * names no account (an S3 bucket's has none, `*` stands for any): nothing then ties the service's
 * call to an account. Undefined when some condition does, or a value's account cannot be told.
 */
function unownedSource(
  statement: Statement,
  sources: readonly { key: string; values: readonly PolicyValue[] }[],
): string | undefined {
  let first: string | undefined;
  for (const clause of sources) {
    if (clause.key.toLowerCase() !== 'aws:sourcearn') return undefined;
    for (const value of clause.values) {
      const account = accountField(value);
      if (account === undefined || !/^[*?]*$/.test(account)) return undefined;
      first ??= valueToString(value);
    }
  }
  // A statement also tied by the encryption context of a KMS call is judged by it.
  if (
    statement.conditions.some(
      (c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c, statement),
    )
  )
    return undefined;
  return first;
}

/** The account field of an ARN, or undefined when it is not an ARN or the field is only known after deploy. */
function accountField(value: PolicyValue): string | undefined {
  const head = isSymbolic(value) ? value.parts[0] : value;
  if (typeof head !== 'string') return undefined;
  const fields = head.split(':');
  // The first five fields must be literal: a symbolic value's first part ends after them.
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  return fields[4];
}

/** An Allow to a (non-negated) principal set. */
function isAllowOfServices(statement: Statement): boolean {
  return statement.effect === 'Allow' && statement.principal !== undefined && !statement.principal.negated;
}

/**
 * The service principals of a statement, as written (those only known after deploy left out),
 * and those `Principal: "*"` is narrowed to by `aws:PrincipalServiceName` (literal names): AWS
 * documents that key as the way to let a service through a policy for everyone, and the service
 * then acts for whichever account points it at the resource, as when named in `Principal`.
 */
function serviceNames(statement: Statement): string[] {
  const names: string[] = [];
  for (const entry of statement.principal?.entries ?? [])
    if (entry.type === 'Service' && !isSymbolic(entry.value)) names.push(entry.value);
  return [...names, ...servicesByCondition(statement)];
}

/**
 * True when every action of the statement acts on no resource (`kms:ListKeys`, `sqs:ListQueues`):
 * a resource policy only answers requests on its own resource, so it grants them nothing (the
 * key policy AWS documents for OpenSearch Serverless is sometimes copied with `kms:ListKeys` for
 * the service). Patterns and actions the catalog does not know count as acting on resources.
 */
function onlyAccountLevelActions(statement: Statement, wildcardOnly: (action: string) => boolean | undefined): boolean {
  const set = statement.action;
  return (
    set !== undefined &&
    !set.negated &&
    set.values.length > 0 &&
    set.values.every((a) => typeof a === 'string' && !/[*?]/.test(a) && wildcardOnly(a) === true)
  );
}

// AWS RAM shares a resource only when the account that owns it creates the share: its check that
// the Data Catalog lets it share (`glue:ShareResource`, which the Lake Formation guide adds to a
// catalog policy for cross-account grants) is never made for another account.
const RAM_SERVICE = 'ram.amazonaws.com';
const RAM_SHARE_CHECKS: ReadonlySet<string> = new Set(['glue:shareresource']);

/** True when the statement grants AWS RAM alone its check that the owner may share a resource. */
function onlySharesOwnResources(statement: Statement): boolean {
  const services = serviceNames(statement);
  return (
    services.length > 0 &&
    services.length === (statement.principal?.entries.length ?? 0) &&
    services.every((s) => s.toLowerCase() === RAM_SERVICE) &&
    onlyActions(statement, RAM_SHARE_CHECKS)
  );
}

/** True when the statement's Action lists only actions of `allowed` (lowercase, no wildcard). */
function onlyActions(statement: Statement, allowed: ReadonlySet<string>): boolean {
  const set = statement.action;
  return (
    set !== undefined && !set.negated && set.values.length > 0 && set.values.every((a) => allowed.has(a.toLowerCase()))
  );
}

/**
 * The Resource values of a statement that only writes log objects (`LOG_WRITE_ACTIONS`) that are
 * one value known only after deploy (a policy document's element a plan leaves unknown), when every
 * other value is a path under `AWSLogs/<account-id>/`: where such a value writes cannot be told.
 * Empty when there is none, or another value already writes elsewhere.
 */
function undecidedLogPaths(statement: Statement): string[] {
  const set = statement.resource;
  if (!onlyActions(statement, LOG_WRITE_ACTIONS) || set === undefined || set.negated) return [];
  const whole = set.values.filter((v) => isSymbolic(v) && v.parts.length === 1 && typeof v.parts[0] !== 'string');
  if (whole.length === 0) return [];
  const others = set.values.filter((v) => !whole.includes(v));
  return others.every((v) => logPathAccount(v) !== undefined) ? whole.map(valueToString) : [];
}

/**
 * The first resource of a statement that only grants `actions` when every resource is a path under
 * `AWSLogs/<account-id>/` of one account: a literal 12-digit account, or the account of the stack
 * (a value known at deploy). Undefined when some resource is not, or the account is a wildcard
 * (`AWSLogs/*`), an organization (`AWSLogs/o-...`) or another value only known after deploy.
 */
function accountPath(statement: Statement, actions: ReadonlySet<string>): string | undefined {
  const set = statement.resource;
  if (!onlyActions(statement, actions) || set === undefined || set.negated || set.values.length === 0) return undefined;
  if (!set.values.every((value) => logPathAccount(value) !== undefined)) return undefined;
  return set.values[0] === undefined ? undefined : valueToString(set.values[0]);
}
