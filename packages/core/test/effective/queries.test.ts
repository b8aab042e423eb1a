/**
 * The engine's permission questions answered through the evaluator.
 */
import { SymbolicValue } from '@iamgate/core';
import type { Answer, Policy, PolicySubject } from '@iamgate/core';
import { effectivePermissionQueries } from '../../src/analysis/effective-queries';
import type { EffectiveQueryOptions } from '../../src/analysis/effective-queries';
import { parsePolicy } from '../../src/model/parse';
import type { PolicyType } from '../../src/model/policy';

function subject(type: PolicyType, ...statements: unknown[]): PolicySubject {
  const document = { Version: '2012-10-17', Statement: statements };
  return {
    source: { id: `${type}-${statements.length}`, name: type, document, location: {} },
    type,
    parsed: parsePolicy(document, { type }),
  };
}

function policy(...statements: unknown[]): Policy {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const grant = subject('identity', { Effect: 'Allow', Action: '*', Resource: '*' });
const secret = new SymbolicValue(['arn:aws:s3:::', { id: 'secret', source: 'aws_s3_bucket.secret.bucket' }, '/*']);
const fullAccess = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const region = new SymbolicValue([{ id: 'region', source: 'var.region' }]);

/** A Deny of every resource when the requested Region passes `operator` against `regions`. */
function regionDeny(action: object, operator: string, regions: unknown): Record<string, unknown> {
  return { Effect: 'Deny', ...action, Resource: '*', Condition: { [operator]: { 'aws:RequestedRegion': regions } } };
}

const cnGrant = subject('identity', {
  Effect: 'Allow',
  Action: '*',
  Resource: 'arn:aws-cn:iam::111122223333:policy/*',
});
const govGrant = subject('identity', { Effect: 'Allow', Action: '*', Resource: 'arn:aws-us-gov:iam::111122223333:*' });
const regionDenySubject = (allowed: string): PolicySubject =>
  subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', allowed));

const unreadable: PolicySubject = {
  source: { id: 'broken', name: 'broken', document: 'not a policy', location: {} },
  type: 'boundary',
  parsed: parsePolicy('not a policy', { type: 'boundary' }),
};

const table: [string, PolicySubject[], PolicySubject | undefined, EffectiveQueryOptions, string, Answer][] = [
  ['nothing else blocks a granted action', [grant], undefined, {}, 'iam:PassRole', 'no'],
  [
    'an unconditional deny on every resource blocks it',
    [grant, subject('identity', { Effect: 'Deny', Action: 'iam:*', Resource: '*' })],
    undefined,
    {},
    'iam:PassRole',
    'yes',
  ],
  [
    'a deny on `arn:*:*:*:*:*` covers every resource',
    [grant, subject('identity', { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:*:*:*:*:*' })],
    undefined,
    {},
    'iam:PassRole',
    'yes',
  ],
  [
    'a deny with NotAction blocks the actions it does not list',
    [grant, subject('identity', { Effect: 'Deny', NotAction: 's3:*', Resource: '*' })],
    undefined,
    {},
    'iam:PassRole',
    'yes',
  ],
  [
    'a deny with NotResource leaves the resources it lists',
    [grant, subject('identity', { Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/app-*' })],
    undefined,
    {},
    'iam:PassRole',
    'no',
  ],
  [
    'a conditional deny does not block everywhere',
    [
      grant,
      subject('identity', {
        Effect: 'Deny',
        Action: 'iam:*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    ],
    undefined,
    {},
    'iam:PassRole',
    'no',
  ],
  [
    'a deny on one symbolic resource does not block everywhere',
    [grant, subject('identity', { Effect: 'Deny', Action: 's3:*', Resource: secret })],
    undefined,
    {},
    's3:GetObject',
    'no',
  ],
  [
    'a boundary that does not allow the action blocks it',
    [grant],
    subject('boundary', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
    {},
    'iam:PassRole',
    'yes',
  ],
  [
    'a boundary allowing under a condition does not block everywhere',
    [grant],
    subject('boundary', {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    }),
    {},
    'iam:PassRole',
    'no',
  ],
  ['an unreadable boundary leaves the answer unknown', [grant], unreadable, {}, 'iam:PassRole', 'unknown'],
  [
    'an SCP level without the action blocks it',
    [grant],
    undefined,
    {
      scps: [
        [policy({ Effect: 'Allow', Action: '*', Resource: '*' })],
        [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      ],
    },
    'iam:PassRole',
    'yes',
  ],
  [
    'a deny of iam:* outside eu-west-1 blocks IAM, asked in us-east-1',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'eu-west-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'yes',
  ],
  [
    'a deny of iam:* inside eu-west-1 leaves IAM, asked in us-east-1',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringEquals', 'eu-west-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'a deny outside eu-west-1 does not block a regional service, whose Region the caller picks',
    [grant, subject('identity', regionDeny({ Action: '*' }, 'StringNotEquals', 'eu-west-1'))],
    undefined,
    {},
    'lambda:UpdateFunctionCode',
    'no',
  ],
  [
    'a deny outside eu-west-1 does not block STS, which has regional endpoints',
    [grant, subject('identity', regionDeny({ Action: '*' }, 'StringNotEquals', 'eu-west-1'))],
    undefined,
    {},
    'sts:AssumeRole',
    'no',
  ],
  [
    'a region SCP exempting IAM by NotAction leaves IAM',
    [grant],
    undefined,
    {
      scps: [
        [
          fullAccess,
          policy(regionDeny({ NotAction: ['iam:*', 'sts:*', 'organizations:*'] }, 'StringNotEquals', 'eu-west-1')),
        ],
      ],
    },
    'iam:AttachRolePolicy',
    'no',
  ],
  [
    'a region SCP not exempting IAM blocks it',
    [grant],
    undefined,
    {
      scps: [
        [
          fullAccess,
          policy(
            regionDeny({ NotAction: ['sts:*', 'cloudfront:*'] }, 'StringNotEquals', ['eu-west-1', 'eu-central-1']),
          ),
        ],
      ],
    },
    'iam:AttachRolePolicy',
    'yes',
  ],
  [
    'a boundary denying Organizations outside us-east-1 leaves it',
    [grant],
    subject(
      'boundary',
      { Effect: 'Allow', Action: '*', Resource: '*' },
      regionDeny({ Action: 'organizations:*' }, 'StringNotEquals', 'us-east-1'),
    ),
    {},
    'organizations:DetachPolicy',
    'no',
  ],
  [
    'a boundary denying Organizations outside eu-west-1 blocks it',
    [grant],
    subject(
      'boundary',
      { Effect: 'Allow', Action: '*', Resource: '*' },
      regionDeny({ Action: 'organizations:*' }, 'StringNotEquals', 'eu-west-1'),
    ),
    {},
    'organizations:DetachPolicy',
    'yes',
  ],
  [
    'a region deny with another test the request may fail leaves IAM',
    [
      grant,
      subject('identity', {
        ...regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'eu-west-1'),
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' },
          Bool: { 'aws:MultiFactorAuthPresent': 'false' },
        },
      }),
    ],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'a deny of iam:* outside eu-west-1 leaves iam:PassRole, checked in the Region of the service it passes to',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'eu-west-1'))],
    undefined,
    {},
    'iam:PassRole',
    'no',
  ],
  [
    // A service creating its service-linked role for the caller (ECS on its first cluster) sends
    // IAM the request with the caller's permissions: a request to IAM, answered in IAM's Region.
    'a deny of iam:* outside eu-west-1 blocks iam:CreateServiceLinkedRole, a request to IAM whoever sends it',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'eu-west-1'))],
    undefined,
    {},
    'iam:CreateServiceLinkedRole',
    'yes',
  ],
  [
    'in aws-cn, a deny of iam:* outside cn-north-1 leaves IAM, asked in cn-north-1',
    [cnGrant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'cn-north-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'in aws-cn, a deny of iam:* outside us-east-1 blocks IAM',
    [cnGrant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'us-east-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'yes',
  ],
  [
    'in aws-us-gov, a deny of iam:* outside us-gov-west-1 leaves IAM',
    [govGrant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'us-gov-west-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'in aws-cn, a deny of Organizations outside cn-northwest-1 leaves it',
    [cnGrant, subject('identity', regionDeny({ Action: 'organizations:*' }, 'StringNotEquals', 'cn-northwest-1'))],
    undefined,
    {},
    'organizations:DetachPolicy',
    'no',
  ],
  [
    'no ARN names the partition, the Region tests name China: a deny of iam:* outside cn-north-1 leaves IAM (in aws-cn)',
    [grant, regionDenySubject('cn-north-1')],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: read in aws, a deny of iam:* outside us-east-1 leaves IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'us-east-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: read in aws, a deny of iam:* outside eu-west-1 blocks IAM (asked in us-east-1)',
    [grant, regionDenySubject('eu-west-1')],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'yes',
  ],
  [
    'in aws, a deny of iam:* outside cn-north-1 blocks IAM, asked in us-east-1',
    [
      subject('identity', { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:policy/*' }),
      regionDenySubject('cn-north-1'),
    ],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'yes',
  ],
  [
    'no ARN names the partition: read in aws, a deny of iam:* in us-east-1 blocks IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringEquals', 'us-east-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'yes',
  ],
  [
    'no ARN names the partition: a deny of iam:* in cn-north-1 says where the principal does not act, read in aws it leaves IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringEquals', 'cn-north-1'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: a deny of iam:* outside cn-* (a pattern) is written for China, it leaves IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotLike', 'cn-*'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: a deny of iam:* outside us-* (a pattern GovCloud matches too) is read in aws, it leaves IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotLike', 'us-*'))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: a deny of iam:* outside the two GovCloud Regions leaves IAM (in aws-us-gov)',
    [
      grant,
      subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', ['us-gov-west-1', 'us-gov-east-1'])),
    ],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'no ARN names the partition: a deny of iam:* outside eu-west-1 and cn-north-1 is read in each partition, where cn-north-1 leaves IAM',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', ['eu-west-1', 'cn-north-1']))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'ARNs of aws and aws-cn: read in each partition, a deny of iam:* outside cn-north-1 leaves IAM in aws-cn',
    [
      subject(
        'identity',
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws-cn:s3:::b/*'] },
      ),
      regionDenySubject('cn-north-1'),
    ],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'no',
  ],
  [
    'a region deny on a Region given at deploy leaves the answer unknown',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringNotEquals', region))],
    undefined,
    {},
    'iam:CreatePolicyVersion',
    'unknown',
  ],
];

test.each(table)('%s', (_name, identity, boundary, options, action, expected) => {
  expect(effectivePermissionQueries(identity, boundary, options).blockedEverywhere(action)).toBe(expected);
});

// The partition a principal is read in: the ARNs', else that of the Regions its statements let it
// act in, else `aws`, said to be assumed only when a Region test was read in it.
test.each<[string, PolicySubject[], string | undefined, boolean]>([
  ['no Region test: aws, nothing assumed', [grant], 'aws', false],
  [
    'an Allow of iam:* outside us-gov-west-1 says where it does not act: aws, assumed',
    [subject('identity', { ...regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'us-gov-west-1'), Effect: 'Allow' })],
    'aws',
    true,
  ],
  [
    'an Allow of iam:* in cn-* (StringLike): aws-cn',
    [subject('identity', { ...regionDeny({ Action: 'iam:*' }, 'StringLike', 'cn-*'), Effect: 'Allow' })],
    'aws-cn',
    false,
  ],
  [
    'an Allow of ec2:* in eu-west-1: aws, named by the Region',
    [subject('identity', { ...regionDeny({ Action: 'ec2:*' }, 'StringEquals', 'eu-west-1'), Effect: 'Allow' })],
    'aws',
    false,
  ],
  [
    'a Deny of iam:* in cn-north-1: aws, assumed',
    [grant, subject('identity', regionDeny({ Action: 'iam:*' }, 'StringEquals', 'cn-north-1'))],
    'aws',
    true,
  ],
  [
    'ARNs of aws and aws-cn: each partition, nothing assumed',
    [
      subject(
        'identity',
        { ...regionDeny({ Action: 'iam:*' }, 'StringNotEquals', 'us-east-1'), Effect: 'Allow' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws-cn:s3:::b/*'] },
      ),
    ],
    undefined,
    false,
  ],
])('partition: %s', (_name, identity, partition, assumed) => {
  const queries = effectivePermissionQueries(identity, undefined);
  expect([queries.partition, queries.partitionAssumed]).toEqual([partition, assumed]);
});

// Without a deny, a boundary or an SCP the answer is `no` without asking the evaluator: it must be
// what the evaluator says (an empty list of SCP levels goes through the evaluator and blocks nothing).
test.each([
  ['a grant only', [grant]],
  [
    'a grant and a conditional deny',
    [
      grant,
      subject('identity', {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ],
  ],
  ['no policy at all', []],
  ['an unreadable identity policy', [{ ...unreadable, type: 'identity' as const }]],
])('nothing blocks when nothing could: %s', (_name, identity) => {
  for (const action of ['iam:PassRole', 's3:GetObject', 'sts:AssumeRole', 'ec2:RunInstances', '*', 'x:y']) {
    const answer = effectivePermissionQueries(identity, undefined).blockedEverywhere(action);
    expect(answer).toBe('no');
    expect(effectivePermissionQueries(identity, undefined, { scps: [] }).blockedEverywhere(action)).toBe(answer);
  }
});

// A role's trust policy and a key's policy are no part of "what else blocks the action": the
// question is asked as if they let the account in (a role the caller creates trusts whom it says).
describe('blockedOn a role or a key', () => {
  const boundary = subject('boundary', { Effect: 'Allow', Action: ['sts:AssumeRole', 'kms:Decrypt'], Resource: '*' });
  const role = 'arn:aws:iam::111122223333:role/app/worker';
  const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  test.each([
    ['assuming a role the boundary allows', undefined, 'sts:AssumeRole', role, 'no'],
    ['decrypting with a key the boundary allows', undefined, 'kms:Decrypt', key, 'no'],
    [
      'assuming a role a deny names',
      subject('identity', { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/app/*' }),
      'sts:AssumeRole',
      role,
      'yes',
    ],
    ['passing a role the boundary does not allow', undefined, 'iam:PassRole', role, 'yes'],
  ] as const)('%s', (_name, extra, action, resource, expected) => {
    const identity = extra === undefined ? [grant] : [grant, extra];
    expect(effectivePermissionQueries(identity, boundary).blockedOn(action, resource)).toBe(expected);
  });
});

// A Deny that tests the asked key and another: sound both ways. It closes the request only when its
// other tests are decided (keys the request never carries, read as absent); one on a key the request
// may carry (MFA, the network) may close it or not: `unknown`, with that key as the "unless".
describe('blockedWith a Deny that tests other keys as well', () => {
  const LAMBDA = { 'iam:PassedToService': 'lambda.amazonaws.com' };
  const passDeny = (condition: Record<string, unknown>) =>
    subject('identity', { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: condition });
  const toLambda = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };

  test.each<[string, PolicySubject[], PolicySubject | undefined, Answer, string[]]>([
    ['the asked key alone', [grant, passDeny(toLambda)], undefined, 'yes', []],
    [
      'a test of a key PassRole never carries that holds when it is absent (`StringNotEquals` `iam:PermissionsBoundary`): the Deny applies',
      [
        grant,
        passDeny({
          ...toLambda,
          StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b' },
        }),
      ],
      undefined,
      'yes',
      [],
    ],
    [
      'a test of a key PassRole never carries that fails when it is absent (`StringEquals` `iam:PermissionsBoundary`): the Deny never applies',
      [
        grant,
        passDeny({
          StringEquals: {
            'iam:PassedToService': 'lambda.amazonaws.com',
            'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b',
          },
        }),
      ],
      undefined,
      'no',
      [],
    ],
    [
      'a test of MFA the caller may or may not meet: unknown, unless MFA',
      [grant, passDeny({ ...toLambda, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })],
      undefined,
      'unknown',
      ['aws:MultiFactorAuthPresent'],
    ],
    [
      'the same Deny in the boundary',
      [grant],
      subject(
        'boundary',
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { ...toLambda, NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
      'unknown',
      ['aws:SourceIp'],
    ],
    [
      'a Deny of another service, whatever its other tests: no',
      [
        grant,
        passDeny({
          StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
          BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
        }),
      ],
      undefined,
      'no',
      [],
    ],
    [
      'an unconditional Deny beside one on MFA: yes, no unless',
      [grant, passDeny(toLambda), passDeny({ ...toLambda, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })],
      undefined,
      'yes',
      [],
    ],
  ])('%s', (_name, identity, boundary, answer, unless) => {
    const queries = effectivePermissionQueries(identity, boundary);
    expect([queries.blockedWith('iam:PassRole', LAMBDA), queries.refusedUnless('iam:PassRole', LAMBDA)]).toEqual([
      answer,
      unless,
    ]);
  });
});
