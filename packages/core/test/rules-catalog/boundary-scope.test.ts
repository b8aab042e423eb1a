/**
 * Actions allowed on every resource by an identity policy, under a permissions boundary that
 * allows them on some resources only: what the principal may do is what the boundary names.
 */
import { SymbolicValue } from '../../src/model/symbolic';
import { doc, inline, principal, runCatalog, source } from './helpers';

const RULES = [
  'wildcard-resource/write-on-star',
  'data-exfiltration/unscoped-read',
  'credentials-exposure/unscoped-credential-action',
  'resource-exposure/policy-change',
] as const;

const BROAD = doc({
  Effect: 'Allow',
  Action: [
    's3:PutObject',
    's3:GetObject',
    's3:PutBucketPolicy',
    'secretsmanager:GetSecretValue',
    'iam:CreateAccessKey',
  ],
  Resource: '*',
});

function findings(boundary: unknown, identity: unknown = BROAD) {
  const extra =
    boundary === undefined
      ? {}
      : {
          permissionsBoundary: {
            arn: 'arn:aws:iam::111122223333:policy/boundary',
            policy: source('Boundary', boundary),
          },
        };
  const subject = principal('App', 'role', [inline('Broad', identity)], extra);
  return runCatalog({ principals: [subject] }, RULES).map(
    (f) => `${f.ruleId} ${JSON.stringify(f.evidence?.['actions'])}`,
  );
}

const TEAM_ONLY = doc(
  {
    Effect: 'Allow',
    Action: ['s3:PutObject', 's3:GetObject', 's3:PutBucketPolicy'],
    Resource: ['arn:aws:s3:::team-*', 'arn:aws:s3:::team-*/*'],
  },
  {
    Effect: 'Allow',
    Action: 'secretsmanager:GetSecretValue',
    Resource: '*',
    Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
  },
  // The self-service form: access keys of the caller's own user only.
  { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/${aws:username}' },
);

describe('rules of actions on every resource, under a boundary that names some resources', () => {
  it('without a boundary, each rule reports its actions', () => {
    expect(findings(undefined)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^wildcard-resource\/write-on-star .*s3:PutObject/),
        expect.stringMatching(/^data-exfiltration\/unscoped-read .*s3:GetObject/),
        expect.stringMatching(/^credentials-exposure\/unscoped-credential-action .*iam:CreateAccessKey/),
        expect.stringMatching(/^resource-exposure\/policy-change/),
      ]),
    );
  });

  it('a boundary allowing them on the team buckets and tagged secrets only: none is on every resource', () => {
    expect(findings(TEAM_ONLY)).toEqual([]);
  });

  it('a boundary naming a bucket known only after deploy confines too', () => {
    const bucket = new SymbolicValue(['arn:aws:s3:::', { id: 'aws_s3_bucket.data.bucket', source: 'bucket' }, '/*']);
    const boundary = doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: bucket });
    const identity = doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });
    expect(findings(boundary, identity)).toEqual([]);
  });

  it('only the actions the boundary confines are dropped', () => {
    const boundary = doc(
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::team-*/*' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutBucketPolicy', 'secretsmanager:*', 'iam:*'], Resource: '*' },
    );
    const got = findings(boundary);
    expect(got.some((f) => f.startsWith('wildcard-resource/write-on-star') && f.includes('s3:PutObject'))).toBe(false);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data-exfiltration\/unscoped-read .*s3:GetObject/),
        expect.stringMatching(/^resource-exposure\/policy-change/),
        expect.stringMatching(/^credentials-exposure\/unscoped-credential-action/),
      ]),
    );
  });

  it.each([
    ['everything', doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
    ['every bucket by a wildcard ARN', doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*' })],
    [
      'one service of every resource from the office network',
      doc({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
    ],
    ['everything but IAM', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    [
      'a narrow statement beside a broad one',
      doc(
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::team-*/*' },
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      ),
    ],
  ])('a boundary allowing %s still lets the writes reach every bucket', (_name, boundary) => {
    const identity = doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });
    expect(findings(boundary, identity)).toEqual([
      expect.stringMatching(/^wildcard-resource\/write-on-star .*s3:PutObject/),
    ]);
  });

  it('a boundary the input does not hold confines nothing', () => {
    const identity = doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });
    const subject = principal('App', 'role', [inline('Broad', identity)], {
      permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/elsewhere' },
    });
    expect(runCatalog({ principals: [subject] }, ['wildcard-resource/write-on-star']).map((f) => f.ruleId)).toEqual([
      'wildcard-resource/write-on-star',
    ]);
  });
});

describe('iam:PassRole on every role, under a boundary that allows everything and denies some of it', () => {
  const PASS_ANY = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' });
  const allowAllAnd = (deny: Record<string, unknown>) =>
    doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', ...deny });
  const writeOnStar = (boundary: unknown) =>
    findings(boundary, PASS_ANY).filter((f) => f.startsWith('wildcard-resource/write-on-star'));

  it.each([
    [
      'a Deny of every role but one (`NotResource`): it passes that role only',
      allowAllAnd({ NotResource: 'arn:aws:iam::111122223333:role/app-cfn-readonly' }),
    ],
    [
      'a Deny of every role but those of a path (`NotResource`): it passes the roles of that path only',
      allowAllAnd({ NotResource: 'arn:aws:iam::111122223333:role/app/*' }),
    ],
    ['a Deny of every role: it passes none', allowAllAnd({ Resource: '*' })],
  ])('%s: no write on every role', (_name, boundary) => {
    expect(writeOnStar(boundary)).toEqual([]);
  });

  it.each([
    ['a Deny of the administrator roles only', allowAllAnd({ Resource: 'arn:aws:iam::111122223333:role/admin-*' })],
    [
      'a Deny outside one role that holds only off the office network',
      allowAllAnd({
        NotResource: 'arn:aws:iam::111122223333:role/app-cfn-readonly',
        Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
    ],
    ['a Deny outside every role (`NotResource` `role/*`)', allowAllAnd({ NotResource: 'arn:aws:iam::*:role/*' })],
  ])('%s: still a write on every role', (_name, boundary) => {
    expect(writeOnStar(boundary)).toEqual(['wildcard-resource/write-on-star ["iam:PassRole"]']);
  });
});
