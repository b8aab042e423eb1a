/**
 * Values known only after deploy (CDK tokens, Terraform "known after apply") in policies: the
 * evaluator never throws on them, and says when the decision depends on them.
 */
import { SymbolicValue, evaluate } from '@iamgate/core';
import type { EvaluationRequest, Policy, PolicySet } from '@iamgate/core';
import { parsePolicy } from '../../src/model/parse';

const A = '123456789012';
const bucket = new SymbolicValue(['arn:aws:s3:::', { id: 'b', source: 'aws_s3_bucket.data.arn' }, '/*']);
const queue = new SymbolicValue([`arn:aws:sqs:eu-central-1:${A}:`, { id: 'q', source: 'aws_sqs_queue.jobs.name' }]);
const roleName = new SymbolicValue([`arn:aws:iam::${A}:role/`, { id: 'r', source: 'the name of role Worker' }]);
const vpce = new SymbolicValue([{ id: 'v', source: 'aws_vpc_endpoint.s3.id' }]);

function policy(doc: unknown): Policy {
  const parsed = parsePolicy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const request: EvaluationRequest = {
  principal: `arn:aws:iam::${A}:user/dana`,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::logs/2026/app.log',
  resourceAccount: A,
  context: { 'aws:SourceVpce': 'vpce-0abc' },
};
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const table: [string, PolicySet, { decision: string; mostAccess: string; unknown: boolean; element?: string }][] = [
  [
    'an allow on a bucket known after deploy may or may not cover the request',
    {
      identityPolicies: [
        policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: bucket }] }),
      ],
    },
    { decision: 'ImplicitlyDenied', mostAccess: 'Allowed', unknown: true, element: 'Resource' },
  ],
  [
    'a deny on a bucket known after deploy may or may not apply',
    {
      identityPolicies: [
        policy(allowAll),
        policy({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: bucket }] }),
      ],
    },
    { decision: 'ExplicitlyDenied', mostAccess: 'Allowed', unknown: true, element: 'Resource' },
  ],
  [
    'a symbolic resource of another service certainly does not match',
    {
      identityPolicies: [
        policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: queue }] }),
      ],
    },
    { decision: 'ImplicitlyDenied', mostAccess: 'ImplicitlyDenied', unknown: false },
  ],
  [
    'a symbolic role principal certainly does not name a user',
    {
      identityPolicies: [],
      resourcePolicy: policy({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: roleName }, Action: '*', Resource: '*' }],
      }),
    },
    { decision: 'ImplicitlyDenied', mostAccess: 'ImplicitlyDenied', unknown: false },
  ],
  [
    'a condition value known after deploy makes the condition unknown',
    {
      identityPolicies: [
        policy({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceVpce': vpce } },
            },
          ],
        }),
      ],
    },
    { decision: 'ImplicitlyDenied', mostAccess: 'Allowed', unknown: true, element: 'Condition' },
  ],
  [
    'an unknown that cannot change the decision leaves it certain',
    {
      identityPolicies: [policy(allowAll)],
      permissionsBoundary: policy({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: bucket },
        ],
      }),
    },
    { decision: 'Allowed', mostAccess: 'Allowed', unknown: false },
  ],
];

describe('evaluation with values known only after deploy', () => {
  it.each(table)('%s', (_name, policies, expected) => {
    const result = evaluate(request, policies, { trace: true });
    expect(result.decision).toBe(expected.decision);
    expect(result.mostAccess).toBe(expected.mostAccess);
    expect(result.unknown).toBe(expected.unknown);
    if (expected.element) expect(result.unknowns.map((u) => u.element)).toContain(expected.element);
    else expect(result.unknowns).toEqual([]);
  });

  it('names the statement whose match is unknown', () => {
    const result = evaluate(request, table[0]![1]);
    expect(result.unknowns[0]).toMatchObject({
      statement: { policy: { kind: 'identity', index: 0 }, pointer: '/Statement/0' },
      pointer: '/Statement/0/Resource',
    });
  });
});
