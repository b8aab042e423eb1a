import { defineRule } from '../rule';
import { listValues, ownerOf } from '../describe';
import { DATA_EXFILTRATION_ACTIONS, DATA_ON_RESOURCES } from '../data/sensitive-actions';
import { grantedBy, grantsOnResources, reportGivenResources, unscopedGrants } from '../data/unscoped-report';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { Statement } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import { coversAllOf } from '../statement-helpers';

const V = '2012-10-17';

/** Reads of data or of secrets (objects, items, records, messages, log events, passwords in configuration) allowed on every resource. */
export default defineRule({
  meta: {
    id: 'data-exfiltration/unscoped-read',
    description:
      'An identity policy allows reading data on every resource without a restricting condition: `s3:GetObject`, `secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `kms:Decrypt`, the records of data stores (DynamoDB and DAX items, Keyspaces, Timestream, Neptune, Athena query results, Glacier archives, EBS snapshot blocks, EFS file systems), the contents of SQS messages, Kinesis and DynamoDB stream records, video streams, CloudWatch Logs events and database log files, MSK topics and OpenSearch documents, the passages of knowledge bases and search indexes (Bedrock, Kendra, S3 Vectors), the source of CodeCommit repositories, and secrets kept in configuration (Glue connection passwords, the environment variables of functions, Amplify apps and build projects, function code, app client secrets, API key values, certificate private keys) (the list is `tuning.dataExfiltrationActions` when set).',
    rationale:
      "Unrestricted reads of objects, secrets and parameters let a compromised workload copy every bucket and secret of the account; unrestricted reads of messages, stream records and log events let it copy what every other workload sends or logs. A read-only role is no exception: `lambda:GetFunction` on `*` returns every function's environment variables and a link to its code, `glue:GetConnections` every connection's password, `apigateway:GET` on `/apikeys` every API key's value. Grant them on the buckets, prefixes, secrets, keys, queues, streams, log groups, functions and connections the workload owns; the account that owns the resources (`aws:ResourceAccount`), a service the request comes through (`aws:CalledVia`, Athena reading S3) or who the caller is (`aws:PrincipalTag/...`, `aws:PrincipalOrgID`, `aws:username`: a workload's session carries them wherever it reads) does not scope them. Reads of metadata only (a shard iterator, a queue's attributes, the scheduling of a Logs Insights query, the configuration of an API) are not reported: they return no record. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. So does an unconditional Deny of the principal's policies that refuses the action outside the resources it names in `NotResource`. Nor is an AWS managed policy of a role only AWS services that run no customer code assume (the restore role of AWS Backup): the service reads for its own work. A Resource given whole at deploy (a Terraform variable, a template parameter) may be `*`: the check reports that it cannot decide.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      unscoped: '{{owner}} may read {{actions}} on every resource',
      unscopedData: '{{owner}} may read {{data}} with {{actions}} on {{resources}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'the passages of one knowledge base, and any foundation model',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'bedrock:Retrieve',
              Resource: 'arn:aws:bedrock:us-east-1:111122223333:knowledge-base/KB12345678',
            },
            {
              Effect: 'Allow',
              Action: 'bedrock:InvokeModel',
              Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*',
            },
          ],
        },
      },
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
        name: 'the configuration of every REST API, not the API keys',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'apigateway:GET',
              Resource: ['arn:aws:apigateway:eu-west-1::/restapis', 'arn:aws:apigateway:eu-west-1::/restapis/*'],
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
        name: 'the passages of every knowledge base, as an assistant role granted on `*` reads them',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['bedrock:Retrieve', 'bedrock:InvokeModel'], Resource: '*' }],
        },
        errors: [{ messageId: 'unscoped' }],
      },
      {
        name: 'every secret, for the sessions tagged with one team (`aws:PrincipalTag` says who reads, not what)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } },
            },
          ],
        },
        errors: [{ messageId: 'unscoped' }],
      },
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
        name: 'every object of the own account, or of any account through Athena (`s3:ResourceAccount`, `aws:CalledVia` scope no bucket)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { StringEquals: { 's3:ResourceAccount': '111122223333' } },
            },
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['athena.amazonaws.com'] } },
            },
          ],
        },
        errors: [
          { messageId: 'unscoped', pointer: '/Statement/0' },
          { messageId: 'unscoped', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'a read-only role that reads every function environment and every connection password',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['lambda:List*', 'lambda:GetFunction', 'glue:GetConnections'], Resource: '*' },
          ],
        },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/0' }],
      },
      {
        name: 'the values of every API key of a region',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'apigateway:GET', Resource: 'arn:aws:apigateway:eu-west-1::/apikeys' },
          ],
        },
        errors: [{ messageId: 'unscopedData', pointer: '/Statement/0' }],
      },
      {
        name: 'NotAction that leaves secrets, parameters and API keys',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', NotAction: ['s3:*', 'kms:*'], Resource: '*' }] },
        errors: [
          { messageId: 'unscoped', pointer: '/Statement/0' },
          { messageId: 'unscopedData', pointer: '/Statement/0' },
        ],
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
    for (const { statement, actions } of unscopedGrants(context, subject, candidates, onSome)) {
      context.report({
        messageId: 'unscoped',
        data: { owner: ownerOf(subject), actions: listValues(actions) },
        statement,
        evidence: { actions, grantedBy: grantedBy(statement, actions) },
      });
    }
    for (const action of onSomeOf(candidates)) {
      const { data, resources } = DATA_ON_RESOURCES.get(action.toLowerCase()) ?? { data: '', resources: [] };
      for (const statement of grantsOnResources(context, subject, action, resources)) {
        context.report({
          messageId: 'unscopedData',
          data: {
            owner: ownerOf(subject),
            data,
            actions: listValues([action]),
            resources: reaching(statement, resources),
          },
          statement,
          evidence: { actions: [action], grantedBy: grantedBy(statement, [action]), resources },
        });
      }
    }
    reportGivenResources(context, subject, candidates, 'read');
  },
});

/** The Resource values of the statement that reach every resource of one of `spaces`, as shown in a message. */
function reaching(statement: Statement, spaces: readonly string[]): string {
  const set = statement.resource;
  if (set === undefined) return '`*`';
  if (set.negated) return `NotResource ${listValues(set.values.map(valueToString))}`;
  const values = set.values.filter((value) =>
    spaces.some((space) => coversAllOf({ ...statement, resource: { ...set, values: [value] } }, space)),
  );
  return listValues(values.map(valueToString));
}

/** Whether an action's data is on some of its resources only: it is reported there, with what it reads. */
const onSome = (action: string): boolean => DATA_ON_RESOURCES.has(action.toLowerCase());

// The candidates whose data is on some resources only, picked once per list, not once per policy.
const onSomeLists = new WeakMap<readonly string[], readonly string[]>();

function onSomeOf(candidates: readonly string[]): readonly string[] {
  let result = onSomeLists.get(candidates);
  if (result === undefined) onSomeLists.set(candidates, (result = candidates.filter(onSome)));
  return result;
}

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
