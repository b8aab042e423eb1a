/**
 * Agreement with the condition-operator vectors of the reference implementation
 * (../shared/corpus/iam-simulate/conditionOperatorTests: `<Operator>(testValue, policyValues)` with
 * variables resolved from `requestContext`, and the boolean it expects). Each vector becomes one
 * request: an Allow statement whose only condition is the operator on a request key holding the
 * test value; the request is allowed exactly when the vector expects a match.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parsePolicy } from '@iamgate/core';
import type { Policy } from '@iamgate/core';

const root = join(__dirname, '../../../../../shared/corpus/iam-simulate/conditionOperatorTests');

interface Vector {
  readonly name: string;
  readonly requestContext?: Readonly<Record<string, string | string[]>>;
  readonly policyValues: readonly string[];
  readonly testValue: string;
  readonly expected: boolean;
}

/**
 * Where the reference and AWS's documentation part: the reference reads a request date written as
 * a number as epoch milliseconds; AWS documents epoch time in seconds, which iamgate reads.
 */
const DOCUMENTED_DIVERGENCE = new Set(['DateEquals: should match dates to epochs']);

// A single-valued request key of no fixed type, so that the operator alone decides.
const KEY = 'aws:PrincipalTag/checked';

function policyOf(operator: string, values: readonly string[]): Policy {
  const document = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { [KEY]: values } } }],
  };
  const parsed = parsePolicy(document, { type: 'identity' });
  if (!parsed.ok) throw new Error(`the policy of ${operator} does not parse`);
  return parsed.value;
}

const vectors = readdirSync(root)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => {
    const operator = file.slice(0, -'.json'.length);
    const list = JSON.parse(readFileSync(join(root, file), 'utf8')) as Vector[];
    return list.map((vector) => ({ id: `${operator}: ${vector.name}`, operator, vector }));
  });

describe('condition operators agree with the reference vectors', () => {
  it('reads every operator file of the corpus', () => {
    expect(new Set(vectors.map((v) => v.operator)).size).toBe(24);
    expect(vectors.length).toBeGreaterThanOrEqual(160);
  });

  // A documented divergence is asserted too: the opposite answer, until one side changes.
  it.each(vectors.map((v) => [v.id, v] as const))('%s', (id, { operator, vector }) => {
    const result = evaluate(
      {
        principal: 'arn:aws:iam::111122223333:user/alice',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::reports/q1.csv',
        context: { ...(vector.requestContext ?? {}), [KEY]: vector.testValue },
      },
      { identityPolicies: [policyOf(operator, vector.policyValues)] },
      // The vector's context is the whole context: nothing derived from the principal (`aws:username`).
      { deriveContextKeys: false },
    );
    const match = DOCUMENTED_DIVERGENCE.has(id) ? !vector.expected : vector.expected;
    expect(result.decision).toBe(match ? 'Allowed' : 'ImplicitlyDenied');
  });
});
