import { defineRule } from '../rule';
import { isSymbolic } from '../../model/symbolic';
import { isRestrictingClause, restrictingClauses } from '../statement-helpers';
import { ownerOf } from '../describe';

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

/** A resource policy grants an AWS service without saying on whose behalf it may call. */
export default defineRule({
  meta: {
    id: 'resource-exposure/confused-deputy',
    description:
      'A resource policy allows an AWS service principal without an `aws:SourceArn` or `aws:SourceAccount` condition.',
    rationale:
      'A service acts for every customer: without a source condition, a resource of another account (an SNS topic, an S3 bucket, a CloudTrail trail) can make the service use your grant (the confused deputy problem). Add `aws:SourceArn` naming your resource, or at least `aws:SourceAccount`.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['resource'], resources: true },
    messages: {
      noSource: '{{owner}} allows service `{{service}}` without an `aws:SourceArn` or `aws:SourceAccount` condition',
    },
  },
  examples: {
    valid: [
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
    ],
    invalid: [
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
        errors: [{ messageId: 'noSource' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      if (restrictingClauses(statement, SOURCE_KEYS).length > 0) continue;
      if (
        statement.conditions.some((c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c))
      )
        continue;
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'Service' || isSymbolic(entry.value)) continue;
        context.report({
          messageId: 'noSource',
          data: { owner: ownerOf(subject), service: entry.value },
          statement,
          key: entry.value,
          evidence: { service: entry.value },
        });
      }
    }
  },
});
