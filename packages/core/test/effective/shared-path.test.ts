/**
 * The analysis shares work between actions (what a statement reaches is worked out per service,
 * actions with the same statements and patterns share their answers, the comparison of two
 * versions walks those answers): on random small policy sets it must answer exactly as the
 * analysis that evaluates every action on its own.
 */
import fc from 'fast-check';
import { SymbolicValue } from '@iamgate/core';
import type { Policy } from '@iamgate/core';
import { effectivePermissions, effectivePermissionsOneByOne, gained } from '../../src/analysis/effective';
import type { EffectiveOptions, EffectivePermissions } from '../../src/analysis/effective';
import { expandActionPattern } from '../../src/catalog/actions';
import { parsePolicy } from '../../src/model/parse';

const A = '123456789012';
const bucketObjects = new SymbolicValue(['arn:aws:s3:::', { id: 'bucket', source: 'aws_s3_bucket.data.bucket' }, '/*']);

/** Small services (IAM, KMS and STS are evaluated one by one by both paths), and patterns in them. */
const SERVICE_PATTERNS = [
  's3:*',
  's3:Get*',
  's3:GetObject',
  'S3:*OBJECT',
  's3:?etObject',
  'sqs:*',
  'sqs:SendMessage',
  'kms:*',
  'kms:Decrypt',
  'sts:*',
  'sts:GetCallerIdentity',
  'iam:PassRole',
  'iam:Get*',
  'dynamodb:Get*',
  'dynamodb:*',
  'sns:Publish',
];
/** With `*` and NotAction every action of the catalog is reached: those runs analyze only these. */
const ONLY: ReadonlySet<string> = new Set(
  ['s3:*', 'sqs:*', 'kms:*', 'sts:*', 'iam:Get*', 'iam:PassRole', 'sns:*', 'dynamodb:Get*'].flatMap((p) =>
    expandActionPattern(p).map((a) => a.toLowerCase()),
  ),
);
const RESOURCES: readonly (string | SymbolicValue)[] = [
  '*',
  'arn:*:*:*:*:*',
  'arn:aws:s3:::b',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::other/report.csv',
  `arn:aws:sqs:us-east-1:${A}:q`,
  `arn:aws:dynamodb:*:${A}:table/t`,
  `arn:aws:iam::${A}:role/x`,
  `arn:aws:kms:us-east-1:${A}:key/k`,
  `arn:aws:sns:us-east-1:${A}:topic`,
  bucketObjects,
];
const CONDITIONS: readonly Record<string, Record<string, string>>[] = [
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { StringNotEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/b` } },
  { ArnLike: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${A}:*` } },
];

function statement(actions: readonly string[], notAction: fc.Arbitrary<boolean>): fc.Arbitrary<unknown> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction,
      actions: fc.subarray([...actions], { minLength: 1, maxLength: 3 }),
      resource: fc.constantFrom('Resource', 'Resource', 'Resource', 'NotResource', 'none'),
      resources: fc.subarray([...RESOURCES], { minLength: 1, maxLength: 3 }),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { freq: 4 }),
      sid: fc.option(fc.constantFrom('One', 'Two'), { freq: 2 }),
    })
    .map((s) => ({
      ...(s.sid !== null ? { Sid: s.sid } : {}),
      Effect: s.effect,
      [s.notAction ? 'NotAction' : 'Action']: s.actions,
      ...(s.resource === 'none' ? {} : { [s.resource]: s.resources }),
      ...(s.condition !== null ? { Condition: s.condition } : {}),
    }));
}

function policy(statements: readonly unknown[]): Policy {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Two versions of a principal's policies with the same guardrails. */
function versions(actions: readonly string[], notAction: fc.Arbitrary<boolean>, only: boolean) {
  const doc = fc.array(statement(actions, notAction), { minLength: 1, maxLength: 3 }).map(policy);
  return fc.record({
    before: fc.array(doc, { minLength: 1, maxLength: 2 }),
    after: fc.array(doc, { minLength: 1, maxLength: 2 }),
    boundary: fc.option(doc, { freq: 3 }),
    scp: fc.option(doc, { freq: 4 }),
    session: fc.option(doc, { freq: 6 }),
    principal: fc.constantFrom(undefined, `arn:aws:iam::210987654321:role/app`),
    only: fc.constant(only),
  });
}

type Versions = {
  before: Policy[];
  after: Policy[];
  boundary: Policy | null;
  scp: Policy | null;
  session: Policy | null;
  principal: string | undefined;
  only: boolean;
};

function options(v: Versions, identityPolicies: Policy[]): EffectiveOptions {
  return {
    identityPolicies,
    ...(v.boundary !== null ? { boundary: v.boundary } : {}),
    ...(v.scp !== null ? { scps: [[v.scp]] } : {}),
    ...(v.session !== null ? { sessionPolicy: v.session } : {}),
    ...(v.only ? { actions: ONLY } : {}),
  };
}

/** The same answers behind an object that is not the analysis's own: `gained` asks it action by action. */
function opaque(e: EffectivePermissions): EffectivePermissions {
  return {
    principal: e.principal,
    actions: e.actions,
    summary: () => e.summary(),
    canDo: (action, resource) => e.canDo(action, resource),
    allowedActions: (filter) => e.allowedActions(filter),
    cutByBoundary: () => e.cutByBoundary(),
    deadGrants: () => e.deadGrants(),
  };
}

const PROBES: readonly [string, string | undefined][] = [
  ['s3:GetObject', undefined],
  ['s3:GetObject', 'arn:aws:s3:::b/k'],
  ['s3:PutObject', 'arn:aws:s3:::other/report.csv'],
  ['sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`],
  ['kms:Decrypt', '*'],
  ['iam:PassRole', `arn:aws:iam::${A}:role/x`],
  ['sts:GetCallerIdentity', undefined],
  ['ec2:DescribeInstances', undefined],
];

function expectSameAnswers(v: Versions): void {
  const shared = [v.before, v.after].map((ids) => effectivePermissions(v.principal, options(v, ids)));
  const alone = [v.before, v.after].map((ids) => effectivePermissionsOneByOne(v.principal, options(v, ids)));
  for (let i = 0; i < 2; i++) {
    const s = shared[i] as EffectivePermissions;
    const o = alone[i] as EffectivePermissions;
    expect([...s.actions]).toEqual([...o.actions]);
    expect(s.summary()).toEqual(o.summary());
    expect(s.deadGrants()).toEqual(o.deadGrants());
    expect(s.allowedActions({ onAnyResource: true })).toEqual(o.allowedActions({ onAnyResource: true }));
    for (const [action, resource] of PROBES) expect(s.canDo(action, resource)).toEqual(o.canDo(action, resource));
  }
  const [sb, sa] = shared as [EffectivePermissions, EffectivePermissions];
  const [ob, oa] = alone as [EffectivePermissions, EffectivePermissions];
  expect(gained(sb, sa)).toEqual(gained(opaque(ob), opaque(oa)));
  expect(gained(sa, sb)).toEqual(gained(opaque(oa), opaque(ob)));
}

describe('the shared analysis answers as the one-by-one analysis', () => {
  it('on random policies of a few services (every action they reach)', () => {
    fc.assert(fc.property(versions(SERVICE_PATTERNS, fc.constant(false), false), expectSameAnswers), {
      numRuns: 40,
    });
  });

  it('on random policies with `*` and NotAction (the actions of a few services analyzed)', () => {
    fc.assert(fc.property(versions(['*', ...SERVICE_PATTERNS], fc.boolean(), true), expectSameAnswers), {
      numRuns: 40,
    });
  });

  it('`*` on one bucket gains the actions acting on buckets and objects only', () => {
    const v: Versions = {
      before: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }])],
      after: [policy([{ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] }])],
      boundary: null,
      scp: null,
      session: null,
      principal: undefined,
      only: false,
    };
    const after = effectivePermissions(undefined, options(v, v.after));
    const before = effectivePermissions(undefined, options(v, v.before));
    const gains = gained(before, after);
    expect(gains.length).toBeGreaterThan(50);
    // Only actions acting on buckets or objects (S3's, and a few such as `ssm:SendCommand` writing to one).
    expect(gains.filter((g) => /^(sqs|iam|ec2|kms|lambda):/.test(g.action))).toEqual([]);
    expect(gains).toContainEqual({
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::data/*',
      before: 'denied',
      after: 'allowed',
    });
    expect(after.canDo('sqs:SendMessage').answer).toBe('no');
    expect(gained(opaque(before), opaque(after))).toEqual(gains);
  });
});
