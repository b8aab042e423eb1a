/** What a plan changes (`GuardResult.changes`) and the per-principal views (`GuardResult.principals`). */
import { runGuard } from '../../src/analysis/engine';
import type { PermissionChange } from '../../src/analysis/changes';
import type { PolicySource, ScanInput } from '../../src/analysis/input';
import { FORMATTERS } from '../../src/report/formatters/index';
import { MAX_ACTIONS_SHOWN } from '../../src/report/changes';
import { doc, input, role, source } from '../engine/helpers';

const ACCOUNT = '111122223333';
const ORDERS = 'arn:aws:s3:::orders/*';
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`;
const allow = (action: string | string[], resource: string, extra: Record<string, unknown> = {}): unknown => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
const MFA = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

/** A policy source whose document changes from `before` to `after`. */
function changed(id: string, before: unknown, after: unknown): PolicySource {
  return source(id, after, { before: { document: before } });
}

function boundary(
  document: unknown,
  before?: unknown,
): NonNullable<ScanInput['principals'][number]['permissionsBoundary']> {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  return {
    arn,
    policy: source('aws_iam_policy.boundary', document, before === undefined ? {} : { before: { document: before } }),
  };
}

/** `[action, resource, before, after]` rows of the gains or losses of the only change. */
function rows(result: ReturnType<typeof runGuard>, which: 'gained' | 'lost'): string[][] {
  expect(result.changes).toHaveLength(1);
  return (result.changes?.[0]?.[which] ?? []).map((d) => [d.action, d.resource, d.before, d.after]);
}

const OLD_APP = source('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)));

describe('a resource policy the change removes (document `null`)', () => {
  const open = doc(allow('s3:GetObject', ORDERS, { Principal: '*' }));
  const result = runGuard(
    input({
      resources: [
        {
          id: 'aws_s3_bucket_policy.orders',
          type: 'aws_s3_bucket_policy',
          arn: 'arn:aws:s3:::orders',
          location: { file: 'plan.json', address: 'aws_s3_bucket_policy.orders' },
          policy: source('aws_s3_bucket_policy.orders', null, { before: { document: open } }),
        },
      ],
    }),
  );

  it('is no finding: nothing is left to check', () => {
    expect(result.findings).toEqual([]);
  });

  it('loses what it granted, and says whom it no longer admits', () => {
    expect(rows(result, 'lost')).toEqual([['s3:GetObject', ORDERS, 'allowed', 'denied']]);
    expect(result.changes?.[0]?.gained).toEqual([]);
    expect(result.changes?.[0]?.admits?.lost.map((a) => [a.principal, a.action, a.resource])).toEqual([
      ['*', 's3:GetObject', ORDERS],
    ]);
  });
});

describe('what a plan changes', () => {
  const gainCases: [string, ScanInput, string[][]][] = [
    [
      'an action added to a statement is gained on the statement resource',
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS)),
              doc(allow(['s3:GetObject', 's3:DeleteObject'], ORDERS)),
            ),
          ]),
        ],
      }),
      [['s3:DeleteObject', ORDERS, 'denied', 'allowed']],
    ],
    [
      'an action granted on every resource is listed on `*` alone',
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS)),
              doc(allow('s3:GetObject', ORDERS), allow('sqs:ListQueues', '*')),
            ),
          ]),
        ],
      }),
      [['sqs:ListQueues', '*', 'denied', 'allowed']],
    ],
    [
      'a grant the boundary does not allow is not gained',
      input({
        principals: [
          role(
            'aws_iam_role.app',
            [
              changed(
                'aws_iam_role_policy.app',
                doc(allow('s3:GetObject', ORDERS)),
                doc(allow(['s3:GetObject', 's3:DeleteObject'], ORDERS), allow('iam:CreateUser', '*')),
              ),
            ],
            { permissionsBoundary: boundary(doc(allow('s3:*', '*'))) },
          ),
        ],
      }),
      [['s3:DeleteObject', ORDERS, 'denied', 'allowed']],
    ],
    [
      'a widened boundary gains the identity grants it used to cut',
      input({
        principals: [
          role(
            'aws_iam_role.app',
            [source('aws_iam_role_policy.app', doc(allow(['s3:GetObject', 'iam:CreateUser'], '*')))],
            {
              permissionsBoundary: boundary(doc(allow(['s3:*', 'iam:CreateUser'], '*')), doc(allow('s3:*', '*'))),
            },
          ),
        ],
      }),
      [['iam:CreateUser', '*', 'denied', 'allowed']],
    ],
    [
      'a boundary removed gains the identity grants it used to cut',
      input({
        principals: [
          role(
            'aws_iam_role.app',
            [source('aws_iam_role_policy.app', doc(allow(['s3:GetObject', 'iam:CreateUser'], '*')))],
            { removedBoundary: source('aws_iam_policy.boundary', doc(allow('s3:*', '*'))) },
          ),
        ],
      }),
      [['iam:CreateUser', '*', 'denied', 'allowed']],
    ],
    [
      'a grant behind a condition is gained as conditional',
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS)),
              doc(allow('s3:GetObject', ORDERS), allow('s3:PutObject', ORDERS, MFA)),
            ),
          ]),
        ],
      }),
      [['s3:PutObject', ORDERS, 'denied', 'conditional']],
    ],
    [
      'a condition dropped makes a conditional grant unconditional',
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:PutObject', ORDERS, MFA)),
              doc(allow('s3:PutObject', ORDERS)),
            ),
          ]),
        ],
      }),
      [['s3:PutObject', ORDERS, 'conditional', 'allowed']],
    ],
    [
      'an unchanged policy of the same principal adds nothing to the gains',
      input({
        principals: [
          role('aws_iam_role.app', [
            source('aws_iam_role_policy.other', doc(allow('s3:DeleteObject', ORDERS))),
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS)),
              doc(allow(['s3:GetObject', 's3:DeleteObject', 's3:PutObject'], ORDERS)),
            ),
          ]),
        ],
      }),
      [['s3:PutObject', ORDERS, 'denied', 'allowed']],
    ],
    [
      'a resource policy that grants a new action is read like the statements it holds',
      input({
        resources: [
          {
            id: 'aws_s3_bucket_policy.orders',
            type: 'aws_s3_bucket_policy',
            arn: 'arn:aws:s3:::orders',
            location: { file: 'plan.json', address: 'aws_s3_bucket_policy.orders' },
            policy: changed(
              'aws_s3_bucket_policy.orders',
              doc(allow('s3:GetObject', ORDERS, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
              doc(
                allow(['s3:GetObject', 's3:PutObject'], ORDERS, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
              ),
            ),
          },
        ],
      }),
      [['s3:PutObject', ORDERS, 'denied', 'allowed']],
    ],
  ];

  gainCases.push(
    [
      'an action reached on one resource before and on every resource now is gained on every resource',
      input({
        principals: [
          role('aws_iam_role.app', [
            changed('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)), doc(allow('s3:GetObject', '*'))),
          ]),
        ],
      }),
      [['s3:GetObject', '*', 'denied', 'allowed']],
    ],
    [
      'a policy attached to a principal that existed before is gained whole, the policies it kept are not',
      input({
        principals: [
          role('aws_iam_role.app', [], {
            policies: [
              { kind: 'inline', policy: OLD_APP },
              {
                kind: 'inline',
                policy: source('aws_iam_role_policy.queue', doc(allow('sqs:SendMessage', QUEUE))),
                added: true,
              },
            ],
          }),
        ],
      }),
      [['sqs:SendMessage', QUEUE, 'denied', 'allowed']],
    ],
  );

  it.each(gainCases)('%s', (_name, scan, expected) => {
    expect(rows(runGuard(scan), 'gained')).toEqual(expected);
  });

  /** One role whose policy goes from `before` to `after`. */
  const edit = (before: unknown, after: unknown): ScanInput =>
    input({ principals: [role('aws_iam_role.app', [changed('aws_iam_role_policy.app', doc(before), doc(after))])] });
  const inVpc = (vpc: string): Record<string, unknown> => ({
    Condition: { StringEquals: { 'aws:SourceVpc': vpc } },
  });
  const prefixed = (prefix: string): Record<string, unknown> => ({
    Condition: { StringLike: { 's3:prefix': prefix } },
  });
  const BUCKET = 'arn:aws:s3:::orders';

  it('an Allow with NotResource where one folder was read is gained on every resource but the ones it spares', () => {
    const result = runGuard(
      edit(allow('s3:GetObject', 'arn:aws:s3:::orders/public/*'), {
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::orders/secrets/*',
      }),
    );
    expect(result.changes?.[0]?.gained).toEqual([
      {
        action: 's3:GetObject',
        resource: '*',
        before: 'denied',
        after: 'allowed',
        except: ['arn:aws:s3:::orders/secrets/*'],
      },
    ]);
    expect(result.changes?.[0]?.lost).toEqual([]);
    const text = FORMATTERS.text(result, { toolVersion: '0.1.0', color: false });
    expect(text).toContain('+ gains `s3:GetObject` on every resource except `arn:aws:s3:::orders/secrets/*`');
  });

  it('the NotResource Allow taken back is lost on every resource but the folder it reads now, which holds the ones it spared', () => {
    const result = runGuard(
      edit(
        { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::orders/secrets/*' },
        allow('s3:GetObject', ORDERS),
      ),
    );
    expect(result.changes?.[0]?.lost).toEqual([
      {
        action: 's3:GetObject',
        resource: '*',
        before: 'allowed',
        after: 'denied',
        // Still held on `orders/*`, which holds the secrets the NotResource spared.
        except: [ORDERS],
      },
    ]);
    expect(rows(result, 'gained')).toEqual([['s3:GetObject', 'arn:aws:s3:::orders/secrets/*', 'denied', 'allowed']]);
  });

  it('a NotResource Allow that spares fewer resources than before is gained on those it no longer spares; one that spares more is not', () => {
    const spare = (...resources: string[]): unknown => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      NotResource: resources,
    });
    const wider = runGuard(edit(spare('arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'), spare('arn:aws:s3:::a/*')));
    expect(rows(wider, 'gained')).toEqual([['s3:GetObject', 'arn:aws:s3:::b/*', 'denied', 'allowed']]);
    const narrower = runGuard(edit(spare('arn:aws:s3:::a/*'), spare('arn:aws:s3:::a/*', 'arn:aws:s3:::b/*')));
    expect(narrower.changes?.[0]?.gained).toEqual([]);
  });

  it('a NotResource Allow that spares one-character names instead of a folder is gained (a `?` does not cover a `*`)', () => {
    const spare = (resource: string): unknown => ({ Effect: 'Allow', Action: 's3:GetObject', NotResource: resource });
    const result = runGuard(edit(spare('arn:aws:s3:::a/secrets/*'), spare('arn:aws:s3:::a/secrets/?')));
    expect(result.changes?.[0]?.gained).toEqual([
      {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::a/secrets/*',
        before: 'denied',
        after: 'allowed',
        except: ['arn:aws:s3:::a/secrets/?'],
      },
    ]);
  });

  it('a NotResource Allow that spares a folder holding the one it spared is not gained, it is lost on that folder', () => {
    const spare = (resource: string): unknown => ({ Effect: 'Allow', Action: 's3:GetObject', NotResource: resource });
    const result = runGuard(edit(spare('arn:aws:s3:::a/secrets/top/*'), spare('arn:aws:s3:::a/secrets/*')));
    expect(result.changes?.[0]?.gained).toEqual([]);
    // What it reads outside `a/secrets/` it still reads.
    expect(result.changes?.[0]?.lost).toEqual([
      {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::a/secrets/*',
        before: 'allowed',
        after: 'denied',
        except: ['arn:aws:s3:::a/secrets/top/*'],
      },
    ]);
  });

  it.each([
    ['another VPC: gained and lost under changed conditions', inVpc('vpc-1'), inVpc('vpc-2'), true, true],
    ['a wider s3:prefix pattern: gained only', prefixed('home/alice/*'), prefixed('*'), true, false],
    ['a narrower s3:prefix pattern: lost only', prefixed('home/*'), prefixed('home/alice/*'), false, true],
    [
      'a second VPC allowed: gained only',
      inVpc('vpc-1'),
      { Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } } },
      true,
      false,
    ],
    [
      'the same condition with its key in other case: nothing',
      inVpc('vpc-1'),
      { Condition: { StringEquals: { 'AWS:SourceVPC': 'vpc-1' } } },
      false,
      false,
    ],
    [
      'a condition added to one already there: lost only',
      inVpc('vpc-1'),
      { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' }, Bool: { 'aws:SecureTransport': 'true' } } },
      false,
      true,
    ],
  ])('a condition changed, %s', (_name, before, after, gains, loses) => {
    const result = runGuard(edit(allow('s3:ListBucket', BUCKET, before), allow('s3:ListBucket', BUCKET, after)));
    const row = ['s3:ListBucket', BUCKET, 'conditional', 'conditional'];
    expect(rows(result, 'gained')).toEqual(gains ? [row] : []);
    expect(rows(result, 'lost')).toEqual(loses ? [row] : []);
  });

  it("a user's policy on its own name (`user/${aws:username}`) is gained on it as written", () => {
    const own = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
    const result = runGuard(
      input({
        principals: [
          role(
            'aws_iam_user.alice',
            [
              changed(
                'aws_iam_user_policy.alice',
                doc(allow('s3:GetObject', ORDERS)),
                doc(allow('s3:GetObject', ORDERS), allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], own)),
              ),
            ],
            { kind: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/alice` },
          ),
        ],
      }),
    );
    expect(rows(result, 'gained')).toEqual([
      ['iam:CreateAccessKey', own, 'denied', 'allowed'],
      ['iam:DeleteAccessKey', own, 'denied', 'allowed'],
    ]);
  });

  const denyOutside = (vpcs: string[]): unknown => ({
    Effect: 'Deny',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:SourceVpc': vpcs } },
  });
  const editAll = (before: unknown[], after: unknown[]): ScanInput =>
    input({
      principals: [role('aws_iam_role.app', [changed('aws_iam_role_policy.app', doc(...before), doc(...after))])],
    });
  const withBoundary = (before: unknown, after: unknown): ScanInput =>
    input({
      principals: [
        role('aws_iam_role.app', [source('aws_iam_role_policy.app', doc(allow('s3:ListBucket', BUCKET)))], {
          permissionsBoundary: boundary(doc(after), doc(before)),
        }),
      ],
    });
  const twoVpcs = { Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } } };
  it.each([
    [
      "a Deny's condition relaxed (a second VPC spared): gained only",
      editAll(
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1'])],
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1', 'vpc-2'])],
      ),
      true,
      false,
    ],
    [
      "a Deny's condition tightened (a VPC no longer spared): lost only",
      editAll(
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1', 'vpc-2'])],
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1'])],
      ),
      false,
      true,
    ],
    [
      "a Deny's condition moved to another VPC: gained and lost",
      editAll(
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1'])],
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-2'])],
      ),
      true,
      true,
    ],
    [
      'a Deny of plain HTTP removed beside an Allow from one VPC: gained only',
      editAll(
        [
          allow('s3:ListBucket', BUCKET, inVpc('vpc-1')),
          {
            Effect: 'Deny',
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
        [allow('s3:ListBucket', BUCKET, inVpc('vpc-1'))],
      ),
      true,
      false,
    ],
    [
      "a boundary Allow's condition relaxed (a second VPC allowed): gained only",
      withBoundary(allow('s3:*', '*', inVpc('vpc-1')), allow('s3:*', '*', twoVpcs)),
      true,
      false,
    ],
    [
      "a boundary Allow's condition tightened: lost only",
      withBoundary(allow('s3:*', '*', twoVpcs), allow('s3:*', '*', inVpc('vpc-1'))),
      false,
      true,
    ],
    [
      "a Deny's condition kept while another action is added: nothing",
      editAll(
        [allow('s3:ListBucket', BUCKET), denyOutside(['vpc-1'])],
        [allow('s3:ListBucket', BUCKET), allow('sqs:SendMessage', QUEUE), denyOutside(['vpc-1'])],
      ),
      false,
      false,
    ],
  ])(
    'conditions outside the allowing statement changed are compared too, never read as narrower: %s',
    (_name, scan, gains, loses) => {
      const result = runGuard(scan);
      const row = ['s3:ListBucket', BUCKET, 'conditional', 'conditional'];
      expect(rows(result, 'gained').filter(([action]) => action === 's3:ListBucket')).toEqual(gains ? [row] : []);
      expect(rows(result, 'lost')).toEqual(loses ? [row] : []);
    },
  );

  it.each([
    [
      'narrowed to a folder in another VPC: gained and lost on the folder, lost on the rest, nothing on every resource',
      'arn:aws:s3:::orders/uploads/*',
      [['s3:PutObject', 'arn:aws:s3:::orders/uploads/*', 'conditional', 'conditional']],
      [
        ['s3:PutObject', ORDERS, 'conditional', 'denied'],
        ['s3:PutObject', 'arn:aws:s3:::orders/uploads/*', 'conditional', 'conditional'],
      ],
    ],
    [
      'widened to every resource in another VPC: gained on every resource, lost where it was',
      '*',
      [['s3:PutObject', '*', 'denied', 'conditional']],
      [['s3:PutObject', ORDERS, 'conditional', 'conditional']],
    ],
  ])('a resource and a condition changed together, %s', (_name, resource, gainedRows, lostRows) => {
    const result = runGuard(
      edit(allow('s3:PutObject', ORDERS, inVpc('vpc-1')), allow('s3:PutObject', resource, inVpc('vpc-2'))),
    );
    expect(rows(result, 'gained')).toEqual(gainedRows);
    expect(rows(result, 'lost')).toEqual(lostRows);
  });

  it('a grant on every resource moved to another VPC is gained and lost on every resource', () => {
    const result = runGuard(
      edit(allow('s3:PutObject', '*', inVpc('vpc-1')), allow('s3:PutObject', '*', inVpc('vpc-2'))),
    );
    expect(rows(result, 'gained')).toEqual([['s3:PutObject', '*', 'conditional', 'conditional']]);
    expect(rows(result, 'lost')).toEqual([['s3:PutObject', '*', 'conditional', 'conditional']]);
  });

  const KIM = `arn:aws:iam::${ACCOUNT}:user/kim`;
  const USERS = `arn:aws:iam::${ACCOUNT}:user/*`;
  const OWN = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
  it.each([
    ['a folder widened to its bucket', 's3:GetObject', 'arn:aws:s3:::orders/public/*', 'arn:aws:s3:::orders/*'],
    ['one user widened to every user', 'iam:CreateAccessKey', KIM, USERS],
    ["the user's own name widened to every user", 'iam:CreateAccessKey', OWN, USERS],
  ])(
    'a resource widened is gained on the wider pattern, narrowed back is lost on it: %s',
    (_name, action, narrow, wide) => {
      const userEdit = (before: string, after: string): ScanInput =>
        input({
          principals: [
            role(
              'aws_iam_user.kim',
              [changed('aws_iam_user_policy.kim', doc(allow(action, before)), doc(allow(action, after)))],
              { kind: 'user', arn: KIM },
            ),
          ],
        });
      const widened = runGuard(userEdit(narrow, wide));
      expect(rows(widened, 'gained')).toEqual([[action, wide, 'denied', 'allowed']]);
      expect(rows(widened, 'lost')).toEqual([]);
      const narrowed = runGuard(userEdit(wide, narrow));
      expect(rows(narrowed, 'gained')).toEqual([]);
      expect(rows(narrowed, 'lost')).toEqual([[action, wide, 'allowed', 'denied']]);
    },
  );

  it('text: a grant under changed conditions says so', () => {
    const text = FORMATTERS.text(
      runGuard(edit(allow('s3:ListBucket', BUCKET, inVpc('vpc-1')), allow('s3:ListBucket', BUCKET, inVpc('vpc-2')))),
      { toolVersion: '0.1.0', color: false },
    );
    expect(text).toContain('+ gains `s3:ListBucket` on `arn:aws:s3:::orders` (under changed conditions)');
    expect(text).toContain('- loses `s3:ListBucket` on `arn:aws:s3:::orders` (under changed conditions)');
  });

  it('a statement removed is lost, and nothing is gained', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS), allow('sqs:SendMessage', QUEUE)),
              doc(allow('s3:GetObject', ORDERS)),
            ),
          ]),
        ],
      }),
    );
    expect(rows(result, 'lost')).toEqual([['sqs:SendMessage', QUEUE, 'allowed', 'denied']]);
    expect(rows(result, 'gained')).toEqual([]);
  });

  it('names the subject, its kind and location, and the changed policies only', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            OLD_APP,
            changed('aws_iam_role_policy.new', doc(allow('s3:GetObject', ORDERS)), doc(allow('s3:PutObject', ORDERS))),
          ]),
          role('aws_iam_role.untouched', [OLD_APP]),
        ],
      }),
    );
    const change = result.changes?.[0] as PermissionChange;
    expect(result.changes).toHaveLength(1);
    expect([change.subject, change.kind, change.location, change.policies]).toEqual([
      'aws_iam_role.app',
      'role',
      { file: 'plan.json', address: 'aws_iam_role.app' },
      ['aws_iam_role_policy.new'],
    ]);
  });

  it('a policy whose new version is only known after apply is named, not read as removed', () => {
    const pending: PolicySource = {
      ...source('aws_iam_role_policy.pending', undefined),
      unresolved: { reason: 'known after apply', references: ['aws_s3_bucket.b.arn'] },
      before: { document: doc(allow('sqs:SendMessage', QUEUE)) },
    };
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            pending,
            changed('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)), doc(allow('s3:PutObject', ORDERS))),
          ]),
        ],
      }),
    );
    expect(rows(result, 'lost')).toEqual([['s3:GetObject', ORDERS, 'allowed', 'denied']]);
    expect(result.changes?.[0]?.unresolved).toEqual(['aws_iam_role_policy.pending']);
    expect(FORMATTERS.text(result, { toolVersion: '0.1.0', color: false })).toContain(
      '? `aws_iam_role_policy.pending` is unknown until apply: what it grants is not compared',
    );
  });

  it('a rewrite that grants the same permissions is a change with nothing gained or lost', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow(['s3:GetObject', 's3:PutObject'], ORDERS)),
              doc(allow('s3:PutObject', ORDERS), allow('s3:GetObject', ORDERS)),
            ),
          ]),
        ],
      }),
    );
    expect([rows(result, 'gained'), rows(result, 'lost')]).toEqual([[], []]);
  });

  it('an input without before-versions has no `changes`', () => {
    expect(runGuard(input({ principals: [role('aws_iam_role.app', [OLD_APP])] }))).not.toHaveProperty('changes');
  });
});

describe('what a plan changes where Denies, guardrails and conditions reach part of a grant', () => {
  /** One role whose policy goes from the statements `before` to `after`. */
  const edit = (before: unknown[], after: unknown[], extra: Parameters<typeof role>[2] = {}): ScanInput =>
    input({
      principals: [
        role('aws_iam_role.app', [changed('aws_iam_role_policy.app', doc(...before), doc(...after))], extra),
      ],
    });
  /** `action resource before>after`, with `except ...` when the row has some. */
  const said = (result: ReturnType<typeof runGuard>, which: 'gained' | 'lost'): string[] =>
    (result.changes?.[0]?.[which] ?? []).map(
      (d) => `${d.action} ${d.resource} ${d.before}>${d.after}${d.except ? ` except ${d.except.join(',')}` : ''}`,
    );
  const deny = (action: string, resource: string, extra: Record<string, unknown> = {}): unknown => ({
    Effect: 'Deny',
    Action: action,
    Resource: resource,
    ...extra,
  });
  const vpc = (operator: string, vpcs: string | string[]): Record<string, unknown> => ({
    Condition: { [operator]: { 'aws:SourceVpc': vpcs } },
  });
  const LOGS = 'arn:aws:s3:::orders/logs/*';
  const A = 'arn:aws:s3:::orders/a*';
  const AB = 'arn:aws:s3:::orders/ab*';
  const O = 'arn:aws:s3:::orders';
  /** The bucket's `secrets/` folders below any folder, and at its root. */
  const ANY_SECRETS = `${O}/*/secrets/*`;
  const SECRETS_HERE = `${O}/secrets/*`;

  it.each<[string, unknown[], unknown[], string[], string[]]>([
    [
      'a Deny on logs/ removed beside a grant on orders/ from one VPC: no change (the Deny never reached it)',
      [allow('s3:GetObject', ORDERS, vpc('StringEquals', 'vpc-1')), deny('s3:*', 'arn:aws:s3:::logs/*')],
      [allow('s3:GetObject', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [],
      [],
    ],
    [
      'a Deny outside a VPC removed beside a Deny on logs/: gained under changed conditions, but on logs/',
      [allow('s3:GetObject', ORDERS, MFA), deny('s3:*', '*', vpc('StringNotEquals', 'vpc-1')), deny('s3:*', LOGS)],
      [allow('s3:GetObject', ORDERS, MFA), deny('s3:*', LOGS)],
      [`s3:GetObject ${ORDERS} conditional>conditional except ${LOGS}`],
      [],
    ],
    [
      'a Deny on part of a folder narrowed (a* to ab*): gained on a* but ab*',
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', A)],
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', AB)],
      [`s3:GetObject ${A} denied>allowed except ${AB}`],
      [],
    ],
    [
      'a Deny on part of a folder removed: gained on that part',
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', A)],
      [allow('s3:GetObject', ORDERS)],
      [`s3:GetObject ${A} denied>allowed`],
      [],
    ],
    [
      'a Deny on part of a folder added: lost on that part',
      [allow('s3:GetObject', ORDERS)],
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', A)],
      [],
      [`s3:GetObject ${A} allowed>denied`],
    ],
    [
      'a Deny on part of every resource removed under an Allow on every resource: gained on that part',
      [allow('s3:GetObject', '*'), deny('s3:GetObject', A)],
      [allow('s3:GetObject', '*')],
      [`s3:GetObject ${A} denied>allowed`],
      [],
    ],
    [
      'an Allow widened (a* to the folder) over a Deny on ab*: gained on the folder but a* (held already, ab* inside it still denied)',
      [allow('s3:GetObject', A), deny('s3:GetObject', AB)],
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', AB)],
      [`s3:GetObject ${ORDERS} denied>allowed except ${A}`],
      [],
    ],
    [
      'a Deny of plain HTTP on logs/ beside a write added on the bucket: the write is gained unconditionally but on logs/',
      [allow('s3:GetObject', ORDERS), deny('s3:*', LOGS, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      [
        allow(['s3:GetObject', 's3:PutObject'], ORDERS),
        deny('s3:*', LOGS, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ],
      [`s3:PutObject ${ORDERS} denied>allowed except ${LOGS}`, `s3:PutObject ${LOGS} denied>conditional`],
      [],
    ],
    [
      'a Deny on logs/ removed under a grant on the whole folder from one VPC: gained on logs/ only',
      [allow('s3:GetObject', ORDERS, vpc('StringEquals', 'vpc-1')), deny('s3:*', LOGS)],
      [allow('s3:GetObject', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [`s3:GetObject ${LOGS} denied>conditional`],
      [],
    ],
    [
      'a Deny outside a VPC on logs/ relaxed to a second VPC: gained on logs/ only',
      [allow('s3:GetObject', ORDERS), deny('s3:*', LOGS, vpc('StringNotEquals', 'vpc-1'))],
      [allow('s3:GetObject', ORDERS), deny('s3:*', LOGS, vpc('StringNotEquals', ['vpc-1', 'vpc-2']))],
      [`s3:GetObject ${LOGS} conditional>conditional`],
      [],
    ],
    [
      'a Deny outside a VPC narrowed from the bucket to logs/: gained unconditionally on the bucket but logs/',
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', ORDERS, vpc('StringNotEquals', 'vpc-1'))],
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', LOGS, vpc('StringNotEquals', 'vpc-1'))],
      [`s3:GetObject ${ORDERS} conditional>allowed except ${LOGS}`],
      [],
    ],
    [
      'a Deny outside a VPC widened from logs/ to the bucket: lost on the bucket but logs/ (already conditional)',
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', LOGS, vpc('StringNotEquals', 'vpc-1'))],
      [allow('s3:GetObject', ORDERS), deny('s3:GetObject', ORDERS, vpc('StringNotEquals', 'vpc-1'))],
      [],
      [`s3:GetObject ${ORDERS} allowed>conditional except ${LOGS}`],
    ],
    [
      "a Deny on every bucket's secrets/ removed beside a grant on one bucket: gained on that bucket's secrets/",
      [allow('s3:GetObject', ORDERS), deny('s3:*', 'arn:aws:s3:::*/secrets/*')],
      [allow('s3:GetObject', ORDERS)],
      [`s3:GetObject ${ANY_SECRETS} denied>allowed`, `s3:GetObject ${SECRETS_HERE} denied>allowed`],
      [],
    ],
    [
      "a Deny on every bucket's secrets/ narrowed to secrets/top/: gained on that bucket's secrets/ but top/",
      [allow('s3:GetObject', ORDERS), deny('s3:*', 'arn:aws:s3:::*/secrets/*')],
      [allow('s3:GetObject', ORDERS), deny('s3:*', 'arn:aws:s3:::*/secrets/top/*')],
      [
        // Still denied where `secrets/top/` comes first, in the folder before `secrets/` as well.
        `s3:GetObject ${ANY_SECRETS} denied>allowed except ${[`${O}/secrets/top/secrets/*`, `${O}/secrets/top/*/secrets/*`, `${O}/*/secrets/top/*`].join(',')}`,
        `s3:GetObject ${SECRETS_HERE} denied>allowed except ${[`${O}/secrets/*/secrets/top/*`, `${O}/secrets/top/*`, `${O}/secrets/secrets/top/*`].join(',')}`,
      ],
      [],
    ],
    [
      "a Deny on every bucket's secrets/ added beside a grant on one bucket: lost on that bucket's secrets/",
      [allow('s3:GetObject', ORDERS)],
      [allow('s3:GetObject', ORDERS), deny('s3:*', 'arn:aws:s3:::*/secrets/*')],
      [],
      [`s3:GetObject ${ANY_SECRETS} allowed>denied`, `s3:GetObject ${SECRETS_HERE} allowed>denied`],
    ],
    [
      "a Deny on every folder's 2024/ removed beside a grant on logs/: gained on logs/ 2024/",
      [allow('s3:GetObject', LOGS), deny('s3:GetObject', 'arn:aws:s3:::orders/*/2024/*')],
      [allow('s3:GetObject', LOGS)],
      [`s3:GetObject ${O}/logs/*/2024/* denied>allowed`, `s3:GetObject ${O}/logs/2024/* denied>allowed`],
      [],
    ],
  ])('%s', (_name, before, after, gainedRows, lostRows) => {
    const result = runGuard(edit(before, after));
    expect(said(result, 'gained')).toEqual(gainedRows);
    expect(said(result, 'lost')).toEqual(lostRows);
  });

  it('a boundary statement added for another bucket is no change on this one', () => {
    const orders = allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'));
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [source('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)))], {
            permissionsBoundary: boundary(doc(orders, allow('s3:*', 'arn:aws:s3:::logs/*')), doc(orders)),
          }),
        ],
      }),
    );
    expect(said(result, 'gained')).toEqual([]);
    expect(said(result, 'lost')).toEqual([]);
  });

  it('a boundary statement added for a folder of the bucket is gained on that folder only', () => {
    const PUBLIC = 'arn:aws:s3:::orders/public/*';
    const fenced = allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'));
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [source('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)))], {
            permissionsBoundary: boundary(doc(fenced, allow('s3:*', PUBLIC)), doc(fenced)),
          }),
        ],
      }),
    );
    expect(said(result, 'gained')).toEqual([`s3:GetObject ${PUBLIC} conditional>allowed`]);
    expect(said(result, 'lost')).toEqual([]);
  });

  const PUBLIC = 'arn:aws:s3:::orders/public/*';
  const PRIVATE_PART = 'arn:aws:s3:::orders/private/*';
  it.each<[string, unknown[], unknown[], string[], string[]]>([
    [
      'a boundary allowing public/ that gains private/ from one VPC: gained on private/, nothing lost on the bucket',
      [allow('s3:*', PUBLIC)],
      [allow('s3:*', PUBLIC), allow('s3:GetObject', PRIVATE_PART, vpc('StringEquals', 'vpc-1'))],
      [`s3:GetObject ${PRIVATE_PART} denied>conditional`],
      [],
    ],
    [
      'a boundary that loses public/ beside the bucket from one VPC: lost on public/ only',
      [allow('s3:*', PUBLIC), allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [],
      [`s3:GetObject ${PUBLIC} allowed>conditional`],
    ],
    [
      'a boundary whose bucket statement gets a VPC condition beside public/: lost on the bucket but public/ (allowed without it still)',
      [allow('s3:*', PUBLIC), allow('s3:*', ORDERS)],
      [allow('s3:*', PUBLIC), allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [],
      [`s3:GetObject ${ORDERS} allowed>conditional except ${PUBLIC}`],
    ],
    [
      'a boundary whose bucket statement loses its VPC condition beside public/: gained on the bucket but public/ (allowed without it already)',
      [allow('s3:*', PUBLIC), allow('s3:*', ORDERS, vpc('StringEquals', 'vpc-1'))],
      [allow('s3:*', PUBLIC), allow('s3:*', ORDERS)],
      [`s3:GetObject ${ORDERS} conditional>allowed except ${PUBLIC}`],
      [],
    ],
  ])('%s', (_name, before, after, gainedRows, lostRows) => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [source('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)))], {
            permissionsBoundary: boundary(doc(...after), doc(...before)),
          }),
        ],
      }),
    );
    expect(said(result, 'gained')).toEqual(gainedRows);
    expect(said(result, 'lost')).toEqual(lostRows);
  });

  const SECRETS = 'arn:aws:s3:::orders/secrets/*';
  const TOP = 'arn:aws:s3:::orders/secrets/top/*';
  const PRIVATE = 'arn:aws:s3:::orders/private/*';
  const sparing = (resource: string, extra: Record<string, unknown> = MFA): unknown => ({
    Effect: 'Allow',
    Action: 's3:GetObject',
    NotResource: resource,
    ...extra,
  });
  it.each<[string, unknown, unknown, string[], string[]]>([
    [
      'sparing less (secrets/ to secrets/top/): gained on secrets/ but top/',
      sparing(SECRETS),
      sparing(TOP),
      [`s3:GetObject ${SECRETS} denied>conditional except ${TOP}`],
      [],
    ],
    [
      'sparing another folder: gained on the old one, lost on the new one',
      sparing(SECRETS),
      sparing(PRIVATE),
      [`s3:GetObject ${SECRETS} denied>conditional`],
      [`s3:GetObject ${PRIVATE} conditional>denied`],
    ],
    [
      'its condition changed: gained and lost on every resource but what it spares',
      sparing(SECRETS),
      sparing(SECRETS, vpc('StringEquals', 'vpc-1')),
      [`s3:GetObject * conditional>conditional except ${SECRETS}`],
      [`s3:GetObject * conditional>conditional except ${SECRETS}`],
    ],
    [
      'its condition added: lost (now under conditions) on every resource but what it spares',
      sparing(SECRETS, {}),
      sparing(SECRETS),
      [],
      [`s3:GetObject * allowed>conditional except ${SECRETS}`],
    ],
    [
      'its condition removed: gained (now unconditionally) on every resource but what it spares',
      sparing(SECRETS),
      sparing(SECRETS, {}),
      [`s3:GetObject * conditional>allowed except ${SECRETS}`],
      [],
    ],
  ])('a NotResource Allow under a condition, %s', (_name, before, after, gainedRows, lostRows) => {
    const result = runGuard(edit([before], [after]));
    expect(said(result, 'gained')).toEqual(gainedRows);
    expect(said(result, 'lost')).toEqual(lostRows);
  });

  const tagKeys = (keys: string[]): Record<string, unknown> => ({
    Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': keys } },
  });
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, boolean, boolean]>([
    [
      'StringNotEquals excluding fewer VPCs: gained',
      's3:PutObject',
      vpc('StringNotEquals', ['vpc-1', 'vpc-2']),
      vpc('StringNotEquals', 'vpc-1'),
      true,
      false,
    ],
    [
      'StringNotEquals excluding more VPCs: lost',
      's3:PutObject',
      vpc('StringNotEquals', 'vpc-1'),
      vpc('StringNotEquals', ['vpc-1', 'vpc-2']),
      false,
      true,
    ],
    [
      'ForAllValues:StringEquals allowing more tag keys: gained',
      's3:PutObjectTagging',
      tagKeys(['team']),
      tagKeys(['team', 'cost']),
      true,
      false,
    ],
    [
      'ForAllValues:StringEquals allowing fewer tag keys: lost',
      's3:PutObjectTagging',
      tagKeys(['team', 'cost']),
      tagKeys(['team']),
      false,
      true,
    ],
  ])(
    'a condition a request without its key meets, %s, under changed conditions',
    (_name, action, before, after, gains, loses) => {
      const result = runGuard(edit([allow(action, ORDERS, before)], [allow(action, ORDERS, after)]));
      const row = `${action} ${ORDERS} conditional>conditional`;
      expect(said(result, 'gained')).toEqual(gains ? [row] : []);
      expect(said(result, 'lost')).toEqual(loses ? [row] : []);
    },
  );

  it.each([
    ['StringNotEquals', 's3:PutObject', vpc('StringNotEquals', 'vpc-1')],
    ['ForAllValues:StringEquals', 's3:PutObjectTagging', tagKeys(['team'])],
  ])('a %s condition removed is gained now unconditionally; added, lost to conditions', (_name, action, condition) => {
    const removed = runGuard(edit([allow(action, ORDERS, condition)], [allow(action, ORDERS)]));
    expect(said(removed, 'gained')).toEqual([`${action} ${ORDERS} conditional>allowed`]);
    expect(said(removed, 'lost')).toEqual([]);
    const added = runGuard(edit([allow(action, ORDERS)], [allow(action, ORDERS, condition)]));
    expect(said(added, 'gained')).toEqual([]);
    expect(said(added, 'lost')).toEqual([`${action} ${ORDERS} allowed>conditional`]);
    const text = FORMATTERS.text(removed, { toolVersion: '0.1.0', color: false });
    expect(text).toContain(`+ gains \`${action}\` on \`${ORDERS}\` (now unconditionally)`);
  });

  it('text: a row on part of a pattern names what it is not gained on', () => {
    const text = FORMATTERS.text(
      runGuard(
        edit(
          [allow('s3:GetObject', ORDERS), deny('s3:GetObject', A)],
          [allow('s3:GetObject', ORDERS), deny('s3:GetObject', AB)],
        ),
      ),
      { toolVersion: '0.1.0', color: false },
    );
    expect(text).toContain(`+ gains \`s3:GetObject\` on \`${A}\` except \`${AB}\``);
  });
});

describe('how the formats show what a plan changes', () => {
  const result = runGuard(
    input({
      principals: [
        role('aws_iam_role.app', [
          changed(
            'aws_iam_role_policy.app',
            doc(allow('s3:GetObject', ORDERS), allow('sqs:SendMessage', QUEUE)),
            doc(allow(['s3:GetObject', 's3:DeleteObject', 's3:PutObject'], ORDERS)),
          ),
        ]),
      ],
    }),
  );
  const context = { toolVersion: '0.1.0', color: false, command: 'tf-scan' };

  it('text: a section naming the principal, its gains on one line per resource, and its losses', () => {
    const text = FORMATTERS.text(result, context);
    const section = text.slice(text.indexOf('What this plan changes'), text.indexOf('no findings'));
    expect(section.split('\n').map((l) => l.trim())).toEqual([
      'What this plan changes',
      'role `aws_iam_role.app`  (aws_iam_role_policy.app)',
      `+ gains \`s3:DeleteObject\`, \`s3:PutObject\` on \`${ORDERS}\``,
      `- loses \`sqs:SendMessage\` on \`${QUEUE}\``,
      '',
      '',
    ]);
  });

  it('json: a `changes` key after the contract keys, with the gains and losses', () => {
    const report = JSON.parse(FORMATTERS.json(result, context)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'findings', 'suppressed', 'errors', 'summary', 'changes']);
    const [change] = report['changes'] as Record<string, unknown>[];
    expect(Object.keys(change ?? {})).toEqual(['subject', 'kind', 'location', 'policies', 'gained', 'lost']);
    expect((change?.['gained'] as { action: string }[]).map((g) => g.action)).toEqual([
      's3:DeleteObject',
      's3:PutObject',
    ]);
  });

  it('markdown: a section of the pull-request summary, one bullet per line', () => {
    const markdown = FORMATTERS.markdown(result, context);
    expect(markdown).toContain('### What this plan changes');
    expect(markdown.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      `- :heavy_plus_sign: **role \`aws_iam_role.app\`** (\`aws_iam_role_policy.app\`) gains \`s3:DeleteObject\`, \`s3:PutObject\` on \`${ORDERS}\``,
      `- :heavy_minus_sign: **role \`aws_iam_role.app\`** (\`aws_iam_role_policy.app\`) loses \`sqs:SendMessage\` on \`${QUEUE}\``,
    ]);
  });

  it('html: a section with one item per gain and loss', () => {
    const html = FORMATTERS.html(result, context);
    expect(html).toContain('<h2>What this plan changes</h2>');
    expect(html.match(/<li class="change change-(gain|loss)">/g)).toEqual([
      '<li class="change change-gain">',
      '<li class="change change-loss">',
    ]);
  });

  it('html: a hostile subject or resource in the section is escaped', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const scan = input({
      principals: [
        role(`aws_iam_role.${hostile}`, [
          changed(
            `aws_iam_role_policy.${hostile}`,
            doc(allow('s3:GetObject', ORDERS)),
            doc(allow('s3:GetObject', ORDERS), allow('s3:PutObject', `arn:aws:s3:::${hostile}/*`)),
          ),
        ]),
      ],
    });
    const html = FORMATTERS.html(runGuard(scan), context);
    const section = html.slice(html.indexOf('id="changes"'), html.indexOf('</section>', html.indexOf('id="changes"')));
    expect(section).toContain('s3:PutObject');
    expect(section).not.toContain('<img');
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each(['text', 'markdown', 'html'] as const)('%s: no section when nothing changed', (format) => {
    const plain = runGuard(input({ principals: [role('aws_iam_role.app', [OLD_APP])] }));
    expect(FORMATTERS[format](plain, context)).not.toContain('What this plan changes');
  });

  it.each([
    ['every action of the catalog', allow('*', '*'), '+ gains every action (`*`) on every resource'],
    [
      'every action of a service',
      allow(['s3:*', 'sqs:SendMessage'], '*'),
      '+ gains `s3:*`, `sqs:SendMessage` on every resource',
    ],
  ])('text: %s is named as its wildcard', (_name, statement, expected) => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [], {
            policies: [
              { kind: 'inline', policy: OLD_APP },
              {
                kind: 'managed',
                arn: 'arn:aws:iam::111122223333:policy/wide',
                policy: source('aws_iam_policy.wide', doc(statement)),
                added: true,
              },
            ],
          }),
        ],
      }),
    );
    const line = FORMATTERS.text(result, context)
      .split('\n')
      .find((l) => l.trim().startsWith('+ gains'));
    expect(line?.trim()).toBe(expected);
  });

  it('text: a long list of actions is cut and counted, the JSON keeps every one', () => {
    const wide = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            changed('aws_iam_role_policy.app', doc(allow('s3:GetObject', ORDERS)), doc(allow('s3:*', ORDERS))),
          ]),
        ],
      }),
    );
    const gained = wide.changes?.[0]?.gained ?? [];
    const line = FORMATTERS.text(wide, context)
      .split('\n')
      .find((l) => l.trim().startsWith('+ gains'));
    expect(gained.length).toBeGreaterThan(MAX_ACTIONS_SHOWN);
    expect(line?.match(/`s3:[A-Za-z]+`/g)).toHaveLength(MAX_ACTIONS_SHOWN);
    expect(line).toContain(`and ${gained.length - MAX_ACTIONS_SHOWN} more actions on \`${ORDERS}\``);
  });

  it('text: a long list across services is counted, an example of each service, IAM first', () => {
    const wide = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            changed(
              'aws_iam_role_policy.app',
              doc(allow('s3:GetObject', ORDERS)),
              doc(allow('s3:GetObject', ORDERS), allow(['ec2:Describe*', 'iam:Get*'], '*')),
            ),
          ]),
        ],
      }),
    );
    const gained = wide.changes?.[0]?.gained ?? [];
    const line = FORMATTERS.text(wide, context)
      .split('\n')
      .find((l) => l.trim().startsWith('+ gains'));
    expect(gained.length).toBeGreaterThan(MAX_ACTIONS_SHOWN);
    expect(line).toMatch(
      new RegExp(`\\+ gains ${gained.length} actions of 2 services \\(\`iam:Get\\w+\`, \`ec2:Describe\\w+\`, `),
    );
  });
});

describe('per-principal permission views', () => {
  const scan = input({
    principals: [
      role(
        'aws_iam_role.app',
        [source('aws_iam_role_policy.app', doc(allow(['s3:GetObject', 's3:ListBucket', 'iam:CreateUser'], '*')))],
        {
          permissionsBoundary: boundary(doc(allow('s3:*', '*'))),
        },
      ),
    ],
    policies: [
      {
        policy: {
          id: 'policies/reader.json',
          name: 'reader.json',
          document: doc(allow('sqs:ReceiveMessage', QUEUE)),
          location: { file: 'policies/reader.json' },
        },
        type: undefined,
      },
      {
        policy: {
          id: 'policies/trust.json',
          name: 'trust.json',
          document: doc({
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
          location: { file: 'policies/trust.json' },
        },
        type: undefined,
      },
    ],
  });

  it('are computed only when asked for', () => {
    expect(runGuard(scan)).not.toHaveProperty('principals');
    expect(runGuard(scan, {}, { views: true }).principals?.map((v) => v.principal)).toEqual([
      'aws_iam_role.app',
      'policies/reader.json',
    ]);
  });

  it('count the allowed actions per service and access level, and show what the boundary cuts', () => {
    const [view] = runGuard(scan, {}, { views: true }).principals ?? [];
    expect(view?.summary.map((c) => [c.service, c.accessLevel, c.allResources])).toEqual([
      ['s3', 'List', 1],
      ['s3', 'Read', 1],
    ]);
    expect(view?.boundary).toBe(`arn:aws:iam::${ACCOUNT}:policy/boundary`);
    expect(view?.cutByBoundary?.map((d) => d.action)).toEqual(['iam:CreateUser']);
  });

  it('a standalone identity policy is keyed like its findings (its file), a trust policy has none', () => {
    const views = runGuard(scan, {}, { views: true }).principals ?? [];
    const reader = views.find((v) => v.principal === 'policies/reader.json');
    expect(reader?.summary.map((c) => [c.service, c.accessLevel, c.specificResources])).toEqual([['sqs', 'Read', 1]]);
    expect(views.some((v) => v.principal === 'policies/trust.json')).toBe(false);
  });

  it('feed the HTML matrix one row per service', () => {
    const html = FORMATTERS.html(runGuard(scan, {}, { views: true }), { toolVersion: '0.1.0', color: false });
    const rowsOf = (principal: string): string[] => {
      const start = html.indexOf(`data-principal="${principal}"`);
      const section = html.slice(start, html.indexOf('</section>', start));
      return [...section.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
    };
    expect(rowsOf('aws_iam_role.app')).toEqual(['iam', 's3']);
    expect(rowsOf('policies/reader.json')).toEqual(['sqs']);
  });
});

describe('changes of many actions', () => {
  const context = { toolVersion: '0.1.0', color: false, command: 'tf-scan' };
  const jsonChanges = (result: ReturnType<typeof runGuard>): PermissionChange[] =>
    (JSON.parse(FORMATTERS.json(result, context)) as { changes: PermissionChange[] }).changes;
  const admin = doc(allow('*', '*'));
  const narrow = doc(allow('s3:GetObject', ORDERS));
  // Every action on every resource narrowed to `s3:GetObject` on ORDERS: every other action lost
  // everywhere, `s3:GetObject` everywhere but ORDERS.
  const ADMIN_NARROWED = [
    { action: '*', exceptActions: ['s3:GetObject'], resource: '*', before: 'allowed', after: 'denied' },
    { action: 's3:GetObject', resource: '*', before: 'allowed', after: 'denied', except: [ORDERS] },
  ];

  it('json: every action of every service lost alike is one `*` row, every action of a service one `service:*` row', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.ops', [changed('aws_iam_role_policy.ops', admin, null)]),
          role('aws_iam_role.data', [changed('aws_iam_role_policy.data', narrow, doc(allow('s3:*', '*')))]),
        ],
      }),
    );
    // The analysis keeps one delta per action; the report groups them.
    expect(result.changes?.[0]?.lost.length).toBeGreaterThan(10000);
    const [ops, data] = jsonChanges(result);
    expect(ops?.lost).toEqual([{ action: '*', resource: '*', before: 'allowed', after: 'denied' }]);
    expect(FORMATTERS.text(result, context)).toContain('- loses every action (`*`) on every resource\n');
    // s3:GetObject was allowed on some objects already: on every resource it is a gain too,
    // from `denied` on `*` like every other s3 action.
    expect(data?.gained).toEqual([{ action: 's3:*', resource: '*', before: 'denied', after: 'allowed' }]);
  });

  it('every action narrowed to one read loses every action but that one on every resource, and that one but where it is kept', () => {
    const result = runGuard(
      input({ principals: [role('aws_iam_role.ops', [changed('aws_iam_role_policy.ops', admin, narrow)])] }),
    );
    expect(jsonChanges(result)[0]?.lost).toEqual(ADMIN_NARROWED);
    const text = FORMATTERS.text(result, context);
    expect(text).toContain('- loses every action (`*`) but `s3:GetObject` on every resource\n');
    expect(text).toContain(`- loses \`s3:GetObject\` on every resource except \`${ORDERS}\`\n`);
    expect(FORMATTERS.markdown(result, context)).toContain('every action (`*`) but `s3:GetObject` on every resource');
  });

  it('a service narrowed to a few actions loses every action of it but those, counted in JSON as `service:*` with `exceptActions`', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.site', [
            changed('aws_iam_role_policy.site', doc(allow('s3:*', '*')), doc(allow('s3:GetObject', '*'))),
          ]),
        ],
      }),
    );
    const lost = jsonChanges(result)[0]?.lost ?? [];
    expect(lost).toEqual([
      { action: 's3:*', exceptActions: ['s3:GetObject'], resource: '*', before: 'allowed', after: 'denied' },
    ]);
    expect(FORMATTERS.text(result, context)).toContain(
      `- loses every \`s3\` action (but \`s3:GetObject\`) on every resource\n`,
    );
  });

  it('a grant on every resource beside a Deny on a folder is gained everywhere but the folder, in text and JSON', () => {
    const denyFolder = { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::orders/locked/*' };
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.site', [
            changed('aws_iam_role_policy.site', doc(allow('s3:GetObject', '*')), doc(allow('s3:*', '*'), denyFolder)),
          ]),
        ],
      }),
    );
    const gained = jsonChanges(result)[0]?.gained ?? [];
    expect(gained.find((d) => d.action === 's3:PutObject')).toEqual({
      action: 's3:PutObject',
      resource: '*',
      before: 'denied',
      after: 'allowed',
      except: ['arn:aws:s3:::orders/locked/*'],
    });
    expect(gained.find((d) => d.action === 's3:*')?.exceptActions).toContain('s3:PutObject');
    expect(FORMATTERS.text(result, context)).toContain(
      '+ gains `s3:PutObject` on every resource except `arn:aws:s3:::orders/locked/*`\n',
    );
  });

  it('the actions a service row leaves out are bracketed, apart from the actions named after it', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.site', [
            changed(
              'aws_iam_role_policy.site',
              doc(allow(['s3:*', 'sqs:SendMessage'], '*')),
              doc(allow('s3:GetObject', '*')),
            ),
          ]),
        ],
      }),
    );
    // `sqs:SendMessage` is lost, `s3:GetObject` kept.
    const line = '- loses every `s3` action (but `s3:GetObject`), `sqs:SendMessage` on every resource\n';
    expect(FORMATTERS.text(result, context)).toContain(line);
    expect(FORMATTERS.markdown(result, context)).toContain(
      'loses every `s3` action (but `s3:GetObject`), `sqs:SendMessage` on every resource\n',
    );
  });

  it('json: actions of a service that change differently stay one per action', () => {
    const result = runGuard(
      input({
        principals: [
          role('aws_iam_role.app', [
            changed('aws_iam_role_policy.app', narrow, doc(allow(['s3:PutObject', 's3:DeleteObject'], ORDERS))),
          ]),
        ],
      }),
    );
    expect(jsonChanges(result)[0]?.gained.map((d) => d.action)).toEqual(['s3:DeleteObject', 's3:PutObject']);
  });

  it('principals holding the same policies share one analysis and get the same rows', () => {
    const roles = Array.from({ length: 30 }, (_v, i) =>
      role(`aws_iam_role.r${i}`, [changed(`aws_iam_role_policy.r${i}`, admin, narrow)], {
        arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`,
      }),
    );
    const result = runGuard(input({ principals: roles }));
    // One analysis, one list of losses, shared.
    expect(result.changes?.[29]?.lost).toBe(result.changes?.[0]?.lost);
    const changes = jsonChanges(result);
    expect(changes).toHaveLength(30);
    for (const change of changes) expect(change.lost).toEqual(ADMIN_NARROWED);
  });

  it('principals whose policies differ only in `Sid` and `Id` share one analysis', () => {
    const named = (i: number) =>
      role(
        `aws_iam_role.r${i}`,
        [
          changed(
            `aws_iam_role_policy.r${i}`,
            { Version: '2012-10-17', Id: `P${i}`, Statement: [allow('*', '*', { Sid: `Admin${i}` })] },
            { Version: '2012-10-17', Statement: [allow('s3:GetObject', ORDERS, { Sid: `Read${i}` })] },
          ),
        ],
        { arn: `arn:aws:iam::${ACCOUNT}:role/r${i}` },
      );
    const result = runGuard(input({ principals: [named(0), named(1), named(2)] }));
    expect(result.changes?.[2]?.lost).toBe(result.changes?.[0]?.lost);
    for (const change of jsonChanges(result)) expect(change.lost).toEqual(ADMIN_NARROWED);
  });

  it('principals whose policies name different resources get their own rows', () => {
    const owner = (i: number, bucket: string) =>
      role(`aws_iam_role.r${i}`, [
        changed(
          `aws_iam_role_policy.r${i}`,
          doc(allow('s3:*', `arn:aws:s3:::${bucket}/*`, { Sid: 'Data' })),
          doc(allow('s3:GetObject', `arn:aws:s3:::${bucket}/*`, { Sid: 'Data' })),
        ),
      ]);
    const result = runGuard(input({ principals: [owner(0, 'orders'), owner(1, 'invoices')] }));
    const lost = (i: number) => new Set(result.changes?.[i]?.lost.map((d) => d.resource));
    expect(lost(0)).toEqual(new Set(['arn:aws:s3:::orders/*']));
    expect(lost(1)).toEqual(new Set(['arn:aws:s3:::invoices/*']));
    expect(result.changes?.[0]?.lost.map((d) => d.action)).toContain('s3:DeleteObject');
  });

  it('a policy naming its holder (`${aws:username}`) is analyzed for each principal', () => {
    const own = doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`));
    const user = (name: string) => ({
      ...role(`aws_iam_user.${name}`, [
        changed(`aws_iam_user_policy.${name}`, doc(allow('s3:GetObject', ORDERS)), own),
      ]),
      kind: 'user' as const,
      arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    });
    const changes = runGuard(input({ principals: [user('alice'), user('bob')] })).changes ?? [];
    expect(changes.map((c) => c.subject)).toEqual(['aws_iam_user.alice', 'aws_iam_user.bob']);
    // Not one shared list: each principal's own analysis.
    expect(changes[0]?.gained).not.toBe(changes[1]?.gained);
  });
});
