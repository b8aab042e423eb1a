import { acceptsOnlyWildcardResource, evaluate, parsePolicy } from '@iamgate/core';
import type { Policy } from '@iamgate/core';

function identity(...statements: { effect?: string; resource: string }[]): Policy {
  const parsed = parsePolicy(
    {
      Version: '2012-10-17',
      Statement: statements.map(({ effect, resource }) => ({
        Effect: effect ?? 'Allow',
        Action: ['s3:ListAllMyBuckets', 's3:GetObject'],
        Resource: resource,
      })),
    },
    { type: 'identity' },
  );
  if (!parsed.ok) throw new Error('the policy does not parse');
  return parsed.value;
}

const ask = (action: string, resource: string, policy: Policy, wildcardOnly = true): string =>
  evaluate(
    { principal: 'arn:aws:iam::111122223333:user/alice', action, resource },
    { identityPolicies: [policy] },
    wildcardOnly ? { wildcardOnly: acceptsOnlyWildcardResource } : {},
  ).decision;

describe('an action without resource types is asked on `*`, its one resource', () => {
  it.each([
    ['only `"Resource": "*"` grants it', 's3:ListAllMyBuckets', '*', identity({ resource: '*' }), 'Allowed'],
    [
      'a bucket ARN does not',
      's3:ListAllMyBuckets',
      '*',
      identity({ resource: 'arn:aws:s3:::reports' }),
      'ImplicitlyDenied',
    ],
    [
      'nor an ARN pattern of the service',
      's3:ListAllMyBuckets',
      '*',
      identity({ resource: 'arn:aws:s3:::*' }),
      'ImplicitlyDenied',
    ],
    [
      'a Deny of a bucket ARN does not deny it',
      's3:ListAllMyBuckets',
      '*',
      identity({ resource: '*' }, { effect: 'Deny', resource: 'arn:aws:s3:::reports' }),
      'Allowed',
    ],
    [
      'an action with resource types keeps `*` as any resource',
      's3:GetObject',
      '*',
      identity({ resource: 'arn:aws:s3:::reports/*' }),
      'Allowed',
    ],
  ])('%s', (_, action, resource, policy, decision) => {
    expect(ask(action, resource, policy)).toBe(decision);
  });

  it('without the catalog, `*` stays any resource for every action', () => {
    expect(ask('s3:ListAllMyBuckets', '*', identity({ resource: 'arn:aws:s3:::reports' }), false)).toBe('Allowed');
  });
});
