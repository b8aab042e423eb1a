/**
 * Effective permissions: what a principal can really do, computed through the evaluator.
 */
import { SymbolicValue } from '@iamgate/core';
import type { Policy } from '@iamgate/core';
import { effectivePermissions, gained } from '../../src/analysis/effective';
import type { EffectiveOptions } from '../../src/analysis/effective';
import { expandActionPattern, expandNotAction, listServiceActions } from '../../src/catalog/actions';
import { getManagedPolicy } from '../../src/catalog/managed-policies';
import { parsePolicy } from '../../src/model/parse';

const A = '123456789012';
const ROLE = `arn:aws:iam::${A}:role/app`;

function policy(...statements: unknown[]): Policy {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function managed(name: string): Policy {
  const found = getManagedPolicy(`arn:aws:iam::aws:policy/${name}`);
  if (!found) throw new Error(`no managed policy ${name}`);
  const parsed = parsePolicy(found.document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const bucketObjects = new SymbolicValue(['arn:aws:s3:::', { id: 'bucket', source: 'aws_s3_bucket.data.bucket' }, '/*']);
const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const allowS3 = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });

type Expected = 'yes' | 'no' | 'conditional' | 'unknown';

const canDoTable: [string, EffectiveOptions, string, string | undefined, Expected][] = [
  [
    'allow on `*` answers yes for any resource',
    { identityPolicies: [allowS3] },
    's3:GetObject',
    'arn:aws:s3:::b/k',
    'yes',
  ],
  [
    'an action no statement reaches is not allowed',
    { identityPolicies: [allowS3] },
    'sqs:SendMessage',
    undefined,
    'no',
  ],
  [
    'a deny with NotResource spares only the resources it lists',
    {
      identityPolicies: [allowS3, policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::keep/*' })],
    },
    's3:GetObject',
    'arn:aws:s3:::keep/report.csv',
    'yes',
  ],
  [
    'a deny with NotResource denies every other resource',
    {
      identityPolicies: [allowS3, policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::keep/*' })],
    },
    's3:GetObject',
    'arn:aws:s3:::other/report.csv',
    'no',
  ],
  [
    'a boundary without iam cuts iam:* granted by the identity policy',
    { identityPolicies: [allowAll], boundary: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    'iam:CreateUser',
    undefined,
    'no',
  ],
  [
    'the boundary leaves what it allows',
    { identityPolicies: [allowAll], boundary: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    's3:PutObject',
    undefined,
    'yes',
  ],
  [
    'an allow with a condition is conditional without context',
    {
      identityPolicies: [
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      ],
    },
    's3:GetObject',
    undefined,
    'conditional',
  ],
  [
    'a conditional deny leaves the allow conditional',
    {
      identityPolicies: [allowS3],
      scps: [
        [
          policy(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ),
        ],
      ],
    },
    's3:GetObject',
    undefined,
    'conditional',
  ],
  [
    'a symbolic resource is allowed as that resource',
    { identityPolicies: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: bucketObjects })] },
    's3:GetObject',
    undefined,
    'yes',
  ],
  [
    'a deny that may cover the symbolic resource makes it unknown',
    {
      identityPolicies: [
        policy(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: bucketObjects },
          { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret-*/*' },
        ),
      ],
    },
    's3:GetObject',
    undefined,
    'unknown',
  ],
  [
    'a deny on a symbolic resource leaves a pattern it may cover unknown',
    {
      identityPolicies: [
        policy(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs-*/*' },
          { Effect: 'Deny', Action: 's3:GetObject', Resource: bucketObjects },
        ),
      ],
    },
    's3:GetObject',
    'arn:aws:s3:::logs-*/*',
    'unknown',
  ],
  [
    'a condition on a symbolic value stays conditional',
    {
      identityPolicies: [
        policy({
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: {
            ArnEquals: { 'aws:SourceArn': new SymbolicValue([{ id: 'topic', source: 'aws_sns_topic.events.arn' }]) },
          },
        }),
      ],
    },
    'sqs:SendMessage',
    undefined,
    'conditional',
  ],
  [
    'every SCP level must allow: a level allowing only s3 denies iam',
    {
      identityPolicies: [allowAll],
      scps: [[allowAll], [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]],
    },
    'iam:PassRole',
    undefined,
    'no',
  ],
  [
    'every SCP level must allow: s3 passes both levels',
    {
      identityPolicies: [allowAll],
      scps: [[allowAll], [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]],
    },
    's3:ListBucket',
    undefined,
    'yes',
  ],
  [
    'a deny in the root SCP level wins over allows below',
    {
      identityPolicies: [allowAll],
      scps: [[allowAll, policy({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' })], [allowAll]],
    },
    's3:DeleteBucket',
    undefined,
    'no',
  ],
];

describe('canDo', () => {
  test.each(canDoTable)('%s', (_name, options, action, resource, expected) => {
    expect(effectivePermissions(ROLE, options).canDo(action, resource).answer).toBe(expected);
  });

  test('names the allowing statement and keeps its conditions', () => {
    const p = policy(
      { Sid: 'Plain', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      {
        Sid: 'Tls',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    );
    const answer = effectivePermissions(ROLE, { identityPolicies: [p] }).canDo('s3:GetObject');
    expect(answer.statements.map((s) => s.sid)).toEqual(['Tls']);
    expect(answer.conditions.map((c) => [c.operator, c.key])).toEqual([['Bool', 'aws:SecureTransport']]);
  });
});

describe('reachable actions', () => {
  test('NotAction on `*` expands to every action but the excluded service', () => {
    const e = effectivePermissions(ROLE, {
      identityPolicies: [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    });
    const allowed = e.allowedActions();
    expect(allowed).toHaveLength(expandNotAction(['iam:*']).length);
    expect(allowed.some((a) => a.service === 'iam')).toBe(false);
    expect(allowed.filter((a) => a.service === 'sts')).toHaveLength(listServiceActions('sts').length);
  });

  test('AdministratorAccess gives every action of the catalog on every resource', () => {
    const e = effectivePermissions(ROLE, { identityPolicies: [managed('AdministratorAccess')] });
    const all = e.allowedActions({ onAnyResource: true });
    expect(all).toHaveLength(expandActionPattern('*').length);
    expect(all.every((a) => a.scope === 'all' && a.access === 'allowed')).toBe(true);
  });

  test('a deny with NotResource narrows an allow on `*` to specific resources', () => {
    const e = effectivePermissions(ROLE, {
      identityPolicies: [allowS3, policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::keep/*' })],
    });
    const get = e.actions.get('s3:getobject');
    expect(get?.scope).toBe('specific');
    expect(get?.resources.find((r) => r.resource === 'arn:aws:s3:::keep/*')?.access).toBe('allowed');
  });

  test('a deny on one resource leaves the rest allowed, with the exception listed', () => {
    const e = effectivePermissions(ROLE, {
      identityPolicies: [
        allowS3,
        policy({ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret/*' }),
      ],
    });
    const get = e.actions.get('s3:getobject');
    expect([get?.scope, get?.exceptions]).toEqual(['all', ['arn:aws:s3:::secret/*']]);
  });

  test('a symbolic resource grant is specific and keeps the value', () => {
    const e = effectivePermissions(ROLE, {
      identityPolicies: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: bucketObjects })],
    });
    const get = e.actions.get('s3:getobject');
    expect(get?.scope).toBe('specific');
    const grant = get?.resources.find((r) => r.symbolic !== undefined);
    expect([grant?.access, grant?.symbolic?.toString()]).toEqual(['allowed', bucketObjects.toString()]);
  });

  test('a resource pattern that does not fit the action is not evaluated for it', () => {
    const e = effectivePermissions(ROLE, {
      identityPolicies: [
        policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::b/*' }),
      ],
    });
    expect(e.actions.get('s3:getobject')?.access).toBe('allowed');
    expect(e.actions.get('s3:listbucket')?.access).toBe('denied');
  });
});

describe('summaries and queries', () => {
  const e = effectivePermissions(ROLE, {
    identityPolicies: [
      policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' },
        {
          Effect: 'Allow',
          Action: 's3:DeleteObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } },
        },
      ),
    ],
  });

  test('counts per service and access level separate all, specific and conditional grants', () => {
    const s3 = e.summary().filter((s) => s.service === 's3');
    const byLevel = Object.fromEntries(
      s3.map((s) => [s.accessLevel, [s.allResources, s.specificResources, s.underConditions]]),
    );
    expect(byLevel).toEqual({ List: [1, 0, 0], Read: [1, 0, 0], Write: [0, 1, 1] });
  });

  test.each([
    ['every allowed action', {}, ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']],
    ['by access level', { accessLevel: 'Write' as const }, ['s3:DeleteObject', 's3:PutObject']],
    ['only on every resource', { onAnyResource: true }, ['s3:GetObject', 's3:ListBucket']],
    ['without conditional grants', { includeConditional: false }, ['s3:GetObject', 's3:ListBucket', 's3:PutObject']],
    ['another service', { service: 'sqs' }, []],
  ])('allowedActions: %s', (_name, filter, expected) => {
    expect(
      e
        .allowedActions(filter)
        .map((a) => a.action)
        .sort(),
    ).toEqual(expected);
  });

  test('cutByBoundary lists the grants the boundary removes, not those it keeps', () => {
    const cut = effectivePermissions(ROLE, {
      identityPolicies: [policy({ Effect: 'Allow', Action: ['iam:PassRole', 's3:GetObject'], Resource: '*' })],
      boundary: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    }).cutByBoundary();
    expect(cut.map((d) => [d.action, d.resource, d.cutBy])).toEqual([['iam:PassRole', '*', ['boundary']]]);
  });

  test.each([
    [
      'an explicit deny',
      {
        identityPolicies: [
          policy(
            { Effect: 'Allow', Action: 'sqs:DeleteQueue', Resource: '*' },
            { Effect: 'Deny', Action: 'sqs:Delete*', Resource: '*' },
          ),
        ],
      },
      ['deny'],
    ],
    [
      'an SCP level without the action',
      {
        identityPolicies: [policy({ Effect: 'Allow', Action: 'sqs:DeleteQueue', Resource: '*' })],
        scps: [[policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]],
      },
      ['scp'],
    ],
  ])('deadGrants names what removes a grant: %s', (_name, options, cutBy) => {
    expect(
      effectivePermissions(ROLE, options)
        .deadGrants()
        .map((d) => [d.action, d.cutBy]),
    ).toEqual([['sqs:DeleteQueue', cutBy]]);
  });

  test('gained lists what a new version adds, evaluated against the old one', () => {
    const before = effectivePermissions(ROLE, {
      identityPolicies: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })],
    });
    const after = effectivePermissions(ROLE, {
      identityPolicies: [
        policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }),
        policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/reports/*' }),
      ],
    });
    expect(gained(before, after).map((g) => [g.action, g.resource, g.before, g.after])).toEqual([
      ['s3:PutObject', '*', 'denied', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::b/*', 'denied', 'allowed'],
    ]);
  });

  test('the same policies give the same shared analysis', () => {
    const options = { identityPolicies: [allowS3] };
    expect(effectivePermissions(ROLE, options)).toBe(effectivePermissions(ROLE, { identityPolicies: [allowS3] }));
  });
});

describe('sts:GetCallerIdentity', () => {
  const policy = (statement: unknown): Policy => {
    const parsed = parsePolicy({ Version: '2012-10-17', Statement: [statement] }, { type: 'identity' });
    if (!parsed.ok) throw new Error('example does not parse');
    return parsed.value;
  };
  it('needs no permission: reached on every resource however many policies grant it', () => {
    const one = policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' });
    const two = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    for (const identityPolicies of [[one], [two], [one, two], [two, one]]) {
      const scope = effectivePermissions(undefined, { identityPolicies }).actions.get('sts:getcalleridentity')?.scope;
      expect(scope).toBe('all');
    }
  });
});

describe('an analysis asked for a few actions of a policy that reaches every action', () => {
  const only = new Set(['iam:putrolepolicy', 'iam:createuser', 's3:getobject', 'sts:assumerole', 'nosuch:action']);
  it.each<[string, EffectiveOptions]>([
    ['every action allowed', { identityPolicies: [allowAll] }],
    [
      'every action but IAM writes on admin roles, under a boundary of S3 and IAM',
      {
        identityPolicies: [
          allowAll,
          policy({ Effect: 'Deny', Action: 'iam:Put*', Resource: `arn:aws:iam::${A}:role/admin-*` }),
        ],
        boundary: policy({ Effect: 'Allow', Action: ['s3:*', 'iam:*'], Resource: '*' }),
      },
    ],
    [
      'every action but S3 (NotAction)',
      { identityPolicies: [policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })] },
    ],
  ])('%s: the same answers, in the same order, as the whole analysis keeps for them', (_name, options) => {
    const few = effectivePermissions(ROLE, { ...options, actions: only });
    const whole = effectivePermissions(ROLE, options);
    const kept = [...whole.actions].filter(([name]) => only.has(name));
    expect(kept.length).toBeGreaterThan(1);
    expect([...few.actions]).toEqual(kept);
  });
});
