import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { defineRule } from '../rule';
import { distinctValues } from '../statement-helpers';
import { isAwsManaged, withVariablesAsWildcards } from '../validity/common';

const PARTITION = /^aws(-[a-z]+)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^(\d{12}|aws)$/;

/** Resource values that are not ARNs AWS can read. */
export default defineRule({
  meta: {
    id: 'policy-validity/invalid-arn',
    description:
      'A Resource or NotResource value that is not `*` and not a well-formed ARN: no `arn:` prefix, fewer than six fields, an upper-case service, or an invalid partition, Region or account.',
    rationale:
      'IAM rejects a resource that is not an ARN, and an ARN with a malformed field matches no resource, so the statement grants or denies nothing. Write `arn:partition:service:region:account:resource`, with wildcards where a field may vary.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      notArn: 'resource `{{value}}` is not an ARN (`arn:partition:service:region:account:resource`) or `*`',
      missingFields: 'resource ARN `{{value}}` has {{count}} fields; an ARN has at least six, separated by `:`',
      serviceCase: 'service `{{field}}` in resource ARN `{{value}}` must be lower case',
      invalidField: '{{name}} `{{field}}` in resource ARN `{{value}}` is not valid ({{expected}})',
    },
  },
  examples: {
    valid: [
      {
        name: "an API Gateway resource policy naming the API's own methods (`execute-api:/stage/GET/path`)",
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'execute-api:Invoke',
              Resource: 'execute-api:/prod/GET/orders',
            },
          ],
        },
      },
      {
        name: 'ARNs with empty, wildcard and variable fields',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 'dynamodb:GetItem', 'iam:GetUser'],
              Resource: [
                'arn:aws:s3:::reports/*',
                'arn:aws:dynamodb:*:111122223333:table/Orders',
                'arn:${aws:partition}:iam::*:user/${aws:username}',
              ],
            },
          ],
        },
      },
      {
        name: 'an AWS managed policy ARN and `*`',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:GetPolicy', Resource: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
            { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a bare service name as resource',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 's3' }],
        },
        errors: [{ messageId: 'notArn', pointer: '/Statement/0/Resource' }],
      },
      {
        name: 'an ARN with a short account and an upper-case service',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sqs:SendMessage', 's3:GetObject'],
              Resource: ['arn:aws:sqs:us-east-1:11112222:jobs', 'arn:aws:S3:::reports/*'],
            },
          ],
        },
        errors: [{ messageId: 'invalidField' }, { messageId: 'serviceCase' }],
      },
      {
        name: 'a bucket name without the ARN fields',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:reports/*' }],
        },
        errors: [{ messageId: 'missingFields' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      const set = statement.resource;
      if (set === undefined) continue;
      for (const { raw, problem } of problemsOf(statement, set.values, subject.type === 'resource')) {
        context.report({
          messageId: problem.messageId,
          data: { value: raw, ...problem.data },
          statement,
          pointer: set.pointer,
          key: raw,
        });
      }
    }
  },
});

type Problem =
  | { messageId: 'notArn'; data: Record<string, string> }
  | { messageId: 'missingFields'; data: { count: string } }
  | { messageId: 'serviceCase'; data: { field: string } }
  | { messageId: 'invalidField'; data: { name: string; field: string; expected: string } };

interface ValueProblem {
  readonly raw: string;
  readonly problem: Problem;
}

// A statement is shared by every principal its policy is attached to (the engine's parse cache),
// and its verdict depends on it alone: judged once.
const judgedStatements = new WeakMap<Statement, readonly ValueProblem[]>();
// Not frozen: V8 (Node 20) loops over a frozen array on a slow path that allocates per item.
const NO_PROBLEMS: readonly ValueProblem[] = [];

/** The problems of a statement's Resource values, in value order. */
function problemsOf(
  statement: Statement,
  values: readonly PolicyValue[],
  onResource: boolean,
): readonly ValueProblem[] {
  const known = judgedStatements.get(statement);
  if (known !== undefined) return known;
  let problems: ValueProblem[] | undefined;
  // API Gateway resource policies may name the API's own methods as `execute-api:/stage/GET/path`,
  // which the service expands to the API's ARN.
  const shorthand =
    onResource &&
    statement.action !== undefined &&
    !statement.action.negated &&
    statement.action.values.every((a) => a.toLowerCase().startsWith('execute-api:'));
  for (const raw of distinctValues(values)) {
    // Values known after deploy come from resources of the input: AWS builds them.
    if (typeof raw !== 'string' || raw.startsWith('*') || raw.startsWith('${')) continue;
    if (shorthand && raw.startsWith('execute-api:/')) continue;
    const problem = judgeArn(withVariablesAsWildcards(raw) as string);
    if (problem !== undefined) (problems ??= []).push({ raw, problem });
  }
  judgedStatements.set(statement, problems ?? NO_PROBLEMS);
  return problems ?? NO_PROBLEMS;
}

function judgeArn(value: string): Problem | undefined {
  if (!value.startsWith('arn:')) return { messageId: 'notArn', data: {} };
  // Only the first five fields are judged, and a scan's ARNs share a few of them (one partition,
  // region and account, a few services): judged once per distinct `arn:partition:service:region:account`.
  const end = fifthColon(value);
  if (end < 0) return { messageId: 'missingFields', data: { count: String(value.split(':').length) } };
  const head = value.slice(0, end);
  let problem = judgedHeads.get(head);
  if (problem === undefined && !judgedHeads.has(head)) {
    if (judgedHeads.size >= JUDGED_HEADS_LIMIT) judgedHeads.clear();
    judgedHeads.set(head, (problem = judgeFields(head.split(':'))));
  }
  return problem;
}

const judgedHeads = new Map<string, Problem | undefined>();
const JUDGED_HEADS_LIMIT = 10_000;

/** Where the fifth `:` is (the end of the account field), or -1. */
function fifthColon(value: string): number {
  let at = -1;
  for (let count = 0; count < 5; count++) {
    at = value.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** The partition, service, Region and account fields (after `arn`) judged. */
function judgeFields(fields: readonly string[]): Problem | undefined {
  const [, partition = '', service = '', region = '', account = ''] = fields;
  const fixed = (field: string): boolean => field !== '' && !/[*?]/.test(field);
  if (fixed(partition) && !PARTITION.test(partition)) {
    return {
      messageId: 'invalidField',
      data: { name: 'partition', field: partition, expected: 'e.g. `aws`, `aws-cn`, `aws-us-gov`' },
    };
  }
  if (service !== service.toLowerCase()) return { messageId: 'serviceCase', data: { field: service } };
  if (fixed(region) && !REGION.test(region)) {
    return { messageId: 'invalidField', data: { name: 'Region', field: region, expected: 'e.g. `us-east-1`' } };
  }
  if (fixed(account) && !ACCOUNT.test(account)) {
    return { messageId: 'invalidField', data: { name: 'account', field: account, expected: '12 digits' } };
  }
  return undefined;
}
