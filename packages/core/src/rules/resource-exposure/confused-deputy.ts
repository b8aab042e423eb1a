import { defineRule } from '../rule';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import { isSymbolic } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import type { Statement } from '../../model/policy';
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
      noSourceKms:
        '{{owner}} allows service `{{service}}` to use the key without an `aws:SourceArn`, `aws:SourceAccount` or `kms:EncryptionContext:...` condition naming the resource it encrypts for',
      noSourceAccount:
        "{{owner}} allows service `{{service}}` for `{{source}}`, an ARN that names no account, without `aws:SourceAccount`: a resource of another account can take that name (a deleted bucket's name is free to reuse)",
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
        name: 'CloudTrail describing a key for any trail (not using it: the general message)',
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
        errors: [{ messageId: 'noSource' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isEndpointFilter(subject.resource?.type)) return;
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      const sources = restrictingClauses(statement, SOURCE_KEYS);
      if (sources.length > 0) {
        const unowned = unownedSource(statement, sources);
        if (unowned !== undefined) report(statement, 'noSourceAccount', unowned);
        continue;
      }
      if (
        statement.conditions.some((c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c))
      )
        continue;
      // "To use the key" only where some action does (not `kms:DescribeKey` alone, as CloudTrail's key policy grants it).
      const kmsOnly =
        statement.action !== undefined &&
        !statement.action.negated &&
        statement.action.values.every((a) => typeof a === 'string' && a.toLowerCase().startsWith('kms:')) &&
        statement.action.values.some((a) => typeof a === 'string' && !/^kms:(describe|get|list)/i.test(a));
      report(statement, kmsOnly ? 'noSourceKms' : 'noSource', undefined);
    }

    function report(
      statement: Statement,
      messageId: 'noSource' | 'noSourceKms' | 'noSourceAccount',
      source: string | undefined,
    ): void {
      for (const entry of statement.principal?.entries ?? []) {
        if (entry.type !== 'Service' || isSymbolic(entry.value)) continue;
        context.report({
          messageId,
          data: { owner: ownerOf(subject), service: entry.value, source: source ?? '' },
          statement,
          key: entry.value,
          evidence: { service: entry.value, ...(source !== undefined ? { sourceArn: source } : {}) },
        });
      }
    }
  },
});

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
  if (statement.conditions.some((c) => c.key.toLowerCase().startsWith(ENCRYPTION_CONTEXT) && isRestrictingClause(c)))
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
