/**
 * Rows merged across patterns only where they ask the same conditions: each statement's condition
 * block compared by operator, key and values, never as one flat set of keys and values.
 */
import { runGuard } from '../../src/analysis/engine';
import { formatText } from '../../src/report/formatters/text';
import { SymbolicValue } from '../../src/index';
import { doc, input, role, source } from '../engine/helpers';

const A = 'arn:aws:s3:::alpha/*';
const B = 'arn:aws:s3:::beta/*';
type Condition = Record<string, Record<string, string | string[]>>;
const grant = (resource: string, Condition: Condition): unknown => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: resource,
  Condition,
});

/**
 * The `+ gains` lines of policies that grant `statements` (of each policy) where they granted
 * nothing: each policy's statements from `/Statement/1` on.
 */
function gainLines(statements: unknown[], ...others: unknown[][]): string[] {
  const before = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' };
  const policy = (name: string, granted: unknown[]) =>
    source(name, doc(before, ...granted), { before: { document: doc(before) } });
  const result = runGuard(
    input({
      principals: [
        role('aws_iam_role.app', [
          policy('aws_iam_role_policy.app', statements),
          ...others.map((granted, i) => policy(`aws_iam_role_policy.other${i}`, granted)),
        ]),
      ],
    }),
  );
  return formatText(result, { color: false, toolVersion: '0.0.0' })
    .split('\n')
    .filter((l) => l.includes('+ gains'))
    .map((l) => l.trim());
}

const VPC1 = { 'aws:SourceVpc': 'vpc-1' };
const MFA = { 'aws:MultiFactorAuthPresent': 'true' };

describe('rows under conditions merged across patterns', () => {
  it.each<[string, unknown[]]>([
    ['StringEquals beside StringLike of one value', [grant(A, { StringEquals: VPC1 }), grant(B, { StringLike: VPC1 })]],
    [
      'the same values under different keys',
      [
        grant(A, { StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-2' } }),
        grant(B, { StringEquals: { 'aws:SourceVpc': 'vpce-2', 'aws:SourceVpce': 'vpc-1' } }),
      ],
    ],
    // On A: in vpc-1, or with MFA (two statements); on B: in vpc-1 and with MFA (one block).
    [
      'two blocks on one pattern beside their clauses in one block',
      [grant(A, { StringEquals: VPC1 }), grant(A, { Bool: MFA }), grant(B, { StringEquals: VPC1, Bool: MFA })],
    ],
  ])('%s: one row each', (_name, statements) => {
    const lines = gainLines(statements);
    expect(lines).toHaveLength(2);
    expect(lines.filter((l) => l.includes(A) && l.includes(B))).toEqual([]);
  });

  // Statements of two policies at the same place (`/Statement/1` of each) are two blocks.
  it('A in vpc-1 (one policy) or with MFA (another); B in vpc-1 and with MFA: one row each', () => {
    const lines = gainLines(
      [grant(A, { StringEquals: VPC1 }), grant(B, { StringEquals: VPC1, Bool: MFA })],
      [grant(A, { Bool: MFA })],
    );
    expect(lines).toEqual([
      `+ gains \`s3:GetObject\` on \`${A}\` (under conditions)`,
      `+ gains \`s3:GetObject\` on \`${B}\` (under conditions)`,
    ]);
  });

  it('the same block in two policies at the same place: one row naming both patterns', () => {
    expect(gainLines([grant(A, { StringEquals: VPC1 })], [grant(B, { StringEquals: VPC1 })])).toEqual([
      `+ gains \`s3:GetObject\` on \`${A}\`, \`${B}\` (under conditions)`,
    ]);
  });

  it('the same block in two statements, values in another order: one row naming both patterns', () => {
    expect(
      gainLines([
        grant(A, { StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] }, Bool: MFA }),
        grant(B, { Bool: MFA, StringEquals: { 'aws:SourceVpc': ['vpc-2', 'vpc-1'] } }),
      ]),
    ).toEqual([`+ gains \`s3:GetObject\` on \`${A}\`, \`${B}\` (under conditions)`]);
  });
});

/** The `[action, resource, before, after, except]` rows the only change loses. */
function lostRows(before: unknown[], after: unknown[]): (string | undefined)[][] {
  const result = runGuard(
    input({
      principals: [
        role('aws_iam_role.app', [
          source('aws_iam_role_policy.app', doc(...after), { before: { document: doc(...before) } }),
        ]),
      ],
    }),
  );
  expect(result.changes).toHaveLength(1);
  return (result.changes?.[0]?.lost ?? []).map((d) => [d.action, d.resource, d.before, d.after, d.except?.join()]);
}

describe('a grant on every resource narrowed to a pattern that a Deny of the new version cuts', () => {
  const everywhere = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
  const narrowed = { Effect: 'Allow', Action: 's3:GetObject', Resource: A };
  const deny = (resource: string, extra: Record<string, unknown> = {}): unknown => ({
    Effect: 'Deny',
    Action: 's3:GetObject',
    Resource: resource,
    ...extra,
  });
  const SECRET = 'arn:aws:s3:::alpha/secret/*';

  it.each<[string, unknown, (string | undefined)[][]]>([
    [
      'a Deny on a folder of the pattern kept: that folder lost too',
      deny(SECRET),
      [
        ['s3:GetObject', '*', 'allowed', 'denied', A],
        ['s3:GetObject', SECRET, 'allowed', 'denied', undefined],
      ],
    ],
    [
      'a Deny outside a VPC on a folder of the pattern kept: that folder held only under conditions',
      deny(SECRET, { Condition: { StringNotEquals: VPC1 } }),
      [
        ['s3:GetObject', '*', 'allowed', 'denied', A],
        ['s3:GetObject', SECRET, 'allowed', 'conditional', undefined],
      ],
    ],
    [
      'a Deny on the secret folder of every bucket: the parts of it inside the pattern kept',
      deny('arn:aws:s3:::*/secret/*'),
      [
        ['s3:GetObject', '*', 'allowed', 'denied', A],
        ['s3:GetObject', 'arn:aws:s3:::alpha/*/secret/*', 'allowed', 'denied', undefined],
        ['s3:GetObject', SECRET, 'allowed', 'denied', undefined],
      ],
    ],
    [
      'a Deny outside the pattern kept: only the row on every resource',
      deny('arn:aws:s3:::beta/*'),
      [['s3:GetObject', '*', 'allowed', 'denied', A]],
    ],
  ])('%s', (_name, denial, expected) => {
    expect(lostRows([everywhere], [narrowed, denial])).toEqual(expected);
  });
});

describe('a grant on every resource narrowed to a pattern held under conditions, or to a reference', () => {
  const everywhere = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

  it('held in a VPC on the pattern: lost everywhere but there, and there only under conditions now', () => {
    const narrowed = { Effect: 'Allow', Action: 's3:GetObject', Resource: A, Condition: { StringEquals: VPC1 } };
    expect(lostRows([everywhere], [narrowed])).toEqual([
      ['s3:GetObject', '*', 'allowed', 'denied', A],
      ['s3:GetObject', A, 'allowed', 'conditional', undefined],
    ]);
  });

  it('held on a bucket known after apply: lost everywhere but its objects', () => {
    const bucket = new SymbolicValue(['arn:aws:s3:::', { id: 'b', source: 'aws_s3_bucket.data.arn' }, '/*']);
    const narrowed = { Effect: 'Allow', Action: 's3:GetObject', Resource: bucket };
    expect(lostRows([everywhere], [narrowed])).toEqual([
      ['s3:GetObject', '*', 'allowed', 'denied', 'arn:aws:s3:::${aws_s3_bucket.data.arn}/*'],
    ]);
  });
});
