import { defineRule } from '../rule';
import { listValues, ownerOf } from '../describe';
import { DATA_EXFILTRATION_ACTIONS } from '../data/sensitive-actions';
import { grantedBy, unscopedGrants } from '../data/unscoped-report';
import type { ActionCatalog } from '../../analysis/catalog-view';

const V = '2012-10-17';

/** Reads of objects, secrets, parameters, decryption, messages, stream records or log events allowed on every resource. */
export default defineRule({
  meta: {
    id: 'data-exfiltration/unscoped-read',
    description:
      'An identity policy allows reading data on every resource without a restricting condition: `s3:GetObject`, `secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `kms:Decrypt`, DynamoDB items, the contents of SQS messages, Kinesis and DynamoDB stream records, CloudWatch Logs events, MSK topics and OpenSearch documents (the list is `tuning.dataExfiltrationActions` when set).',
    rationale:
      "Unrestricted reads of objects, secrets and parameters let a compromised workload copy every bucket and secret of the account; unrestricted reads of messages, stream records and log events let it copy what every other workload sends or logs. Grant them on the buckets, prefixes, secrets, keys, queues, streams and log groups the workload owns. Reads of metadata only (a shard iterator, a queue's attributes, the scheduling of a Logs Insights query) are not reported: they return no record. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. Nor is an AWS managed policy of a role only AWS services that run no customer code assume (the restore role of AWS Backup): the service reads for its own work.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      unscoped: '{{owner}} may read {{actions}} on every resource',
    },
  },
  examples: {
    valid: [
      {
        name: 'objects of one bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject*', 's3:List*'],
              Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
            },
          ],
        },
      },
      {
        name: 'secrets of the organization only',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { StringEquals: { 'secretsmanager:ResourceTag/app': 'billing' } },
            },
          ],
        },
      },
      {
        name: 'messages of one queue, and the shard iterators of every stream',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
              Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders',
            },
            { Effect: 'Allow', Action: 'kinesis:GetShardIterator', Resource: '*' },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'every object of every bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }],
        },
        errors: [{ messageId: 'unscoped' }],
      },
      {
        name: 'NotAction that leaves secrets and parameters',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', NotAction: ['s3:*', 'kms:*'], Resource: '*' }] },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/0' }],
      },
      {
        name: 'messages of every queue and events of every log group',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' },
            { Effect: 'Allow', Action: ['logs:FilterLogEvents', 'logs:GetLogEvents'], Resource: 'arn:aws:logs:*:*:*' },
          ],
        },
        errors: [
          { messageId: 'unscoped', pointer: '/Statement/0' },
          { messageId: 'unscoped', pointer: '/Statement/1' },
        ],
      },
    ],
  },
  checkPolicy(context, subject) {
    const configured = context.settings.tuning.dataExfiltrationActions;
    const candidates = expanded(context.catalog, configured ?? DATA_EXFILTRATION_ACTIONS);
    for (const { statement, actions } of unscopedGrants(context, subject, candidates)) {
      context.report({
        messageId: 'unscoped',
        data: { owner: ownerOf(subject), actions: listValues(actions) },
        statement,
        evidence: { actions, grantedBy: grantedBy(statement, actions) },
      });
    }
  },
});

// The candidates depend only on the catalog and the configured list: expanded once per run, not
// once per policy.
const expansions = new WeakMap<ActionCatalog, WeakMap<readonly string[], readonly string[]>>();

function expanded(catalog: ActionCatalog, actions: readonly string[]): readonly string[] {
  let byList = expansions.get(catalog);
  if (byList === undefined) expansions.set(catalog, (byList = new WeakMap()));
  let result = byList.get(actions);
  if (result === undefined) byList.set(actions, (result = actions.flatMap((a) => catalog.expand(a) ?? [a])));
  return result;
}
