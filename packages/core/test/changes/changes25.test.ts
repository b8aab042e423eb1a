/** What a plan changes, round 25: overlaps of general patterns, long `except` lists, Denies on more than a grant. */
import { runGuard } from '../../src/analysis/engine';
import type { PolicySource, ScanInput } from '../../src/analysis/input';
import { SymbolicValue } from '../../src/model/symbolic';
import { FORMATTERS } from '../../src/report/formatters/index';
import { toJsonReport } from '../../src/report/json-report';
import { doc, input, role, source } from '../engine/helpers';

const BUCKET = 'arn:aws:s3:::bk';
const statement = (effect: 'Allow' | 'Deny', resource: unknown, extra: Record<string, unknown> = {}): unknown => ({
  Effect: effect,
  Action: 's3:GetObject',
  Resource: resource,
  ...extra,
});
const allow = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Allow', resource, extra);
const deny = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Deny', resource, extra);
const WITHOUT_MFA = { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
const CONTEXT = { toolVersion: '0.1.0', color: false };

/** A role whose inline policy goes from `before` to `after`. */
function edited(before: unknown, after: unknown, extra: Partial<ScanInput['principals'][number]> = {}): ScanInput {
  const policy: PolicySource = source('aws_iam_role_policy.app', after, { before: { document: before } });
  return input({ principals: [role('aws_iam_role.app', [policy], extra)] });
}

/** `[resource, before, after, except...]` of the `s3:GetObject` rows gained or lost. */
function rows(scan: ScanInput, which: 'gained' | 'lost'): string[][] {
  const result = runGuard(scan);
  expect(result.changes).toHaveLength(1);
  return (result.changes?.[0]?.[which] ?? [])
    .filter((d) => d.action === 's3:GetObject')
    .map((d) => [d.resource, d.before, d.after, ...(d.except ?? [])])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

describe('a Deny removed that meets a grant without either being a prefix and `*`', () => {
  it('is gained on exactly the strings both match (`b/*/x` against `*/y/*`)', () => {
    const grant = allow('arn:aws:s3:::*/y/*');
    const scan = edited(doc(grant, deny('arn:aws:s3:::b/*/x')), doc(grant));
    // The objects named `x` of bucket `b` under a folder `y` at any depth: `b/y/x`, `b/…/y/x`,
    // `b/y/…/x`, `b/…/y/…/x`.
    expect(rows(scan, 'gained')).toEqual([
      ['arn:aws:s3:::b/*/y/*/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/*/y/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/y/*/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/y/x', 'denied', 'allowed'],
    ]);
    expect(rows(scan, 'lost')).toEqual([]);
  });
});

describe('a long `except` list', () => {
  const folders = Array.from({ length: 14 }, (_, i) => `${BUCKET}/f${String(i + 1).padStart(2, '0')}/*`);
  const scan = edited(doc(allow('arn:aws:s3:::other/*')), doc(allow(`${BUCKET}/*`), ...folders.map((f) => deny(f))));
  const result = runGuard(scan);

  it('is listed whole in JSON', () => {
    const report = toJsonReport(result, '0.1.0');
    const row = report.changes?.[0]?.gained.find((d) => d.action === 's3:GetObject');
    expect(row).toEqual({
      action: 's3:GetObject',
      resource: `${BUCKET}/*`,
      before: 'denied',
      after: 'allowed',
      except: folders,
    });
  });

  it('is counted in text and markdown, three of them named', () => {
    const sentence =
      `gains \`s3:GetObject\` on \`${BUCKET}/*\` except 14 resources: ` +
      `\`${BUCKET}/f01/*\`, \`${BUCKET}/f02/*\`, \`${BUCKET}/f03/*\` and 11 more`;
    expect(FORMATTERS.text(result, CONTEXT)).toContain(`+ ${sentence}\n`);
    expect(FORMATTERS.markdown(result, CONTEXT)).toContain(sentence);
    expect(FORMATTERS.text(result, CONTEXT)).not.toContain('f04');
  });

  it('of three is named whole', () => {
    const three = edited(doc(), doc(allow(`${BUCKET}/*`), ...folders.slice(0, 3).map((f) => deny(f))));
    expect(FORMATTERS.text(runGuard(three), CONTEXT)).toContain(
      `+ gains \`s3:GetObject\` on \`${BUCKET}/*\` except \`${BUCKET}/f01/*\`, \`${BUCKET}/f02/*\`, \`${BUCKET}/f03/*\`\n`,
    );
  });
});

describe('a conditional Deny added on more than the grants it meets', () => {
  it('beside grants on `a/*` and `b/*`, loses those two under conditions, and gains nothing on the bucket', () => {
    const grants = allow([`${BUCKET}/a/*`, `${BUCKET}/b/*`]);
    const scan = edited(doc(grants), doc(grants, deny(`${BUCKET}/*`, WITHOUT_MFA)));
    expect(rows(scan, 'lost')).toEqual([
      [`${BUCKET}/a/*`, 'allowed', 'conditional'],
      [`${BUCKET}/b/*`, 'allowed', 'conditional'],
    ]);
    expect(rows(scan, 'gained')).toEqual([]);
  });

  it('on a named bucket beside a grant on a bucket the plan creates: at most a loss that depends on its name', () => {
    // The created bucket may be given the Deny's name: then the Deny reaches it under its
    // conditions. A Deny never gains anything, on its own bucket or another.
    const created = new SymbolicValue([
      'arn:aws:s3:::',
      { id: 'aws_s3_bucket.data.bucket', source: 'aws_s3_bucket.data.bucket' },
      '/*',
    ]);
    const scan = edited(doc(allow(created)), doc(allow(created), deny('arn:aws:s3:::other/*', WITHOUT_MFA)));
    expect(rows(scan, 'gained')).toEqual([]);
    expect(rows(scan, 'lost')).toEqual([['arn:aws:s3:::${aws_s3_bucket.data.bucket}/*', 'allowed', 'unknown']]);
  });
});

describe("a Deny on the principal's tag folder (`${aws:PrincipalTag/team}` in its Resource)", () => {
  const TEAM_HOME = `${BUCKET}/home/\${aws:PrincipalTag/team}/*`;
  const grant = allow(`${BUCKET}/*`);

  it('removed, is a gain on that folder of what the tag held back (now unconditionally)', () => {
    const scan = edited(doc(grant, deny(TEAM_HOME)), doc(grant));
    expect(rows(scan, 'gained')).toEqual([[TEAM_HOME, 'conditional', 'allowed']]);
    expect(rows(scan, 'lost')).toEqual([]);
    expect(FORMATTERS.text(runGuard(scan), CONTEXT)).toContain(
      `+ gains \`s3:GetObject\` on \`${TEAM_HOME}\` (now unconditionally)`,
    );
  });

  it('added, is a loss on that folder under conditions', () => {
    const scan = edited(doc(grant), doc(grant, deny(TEAM_HOME)));
    expect(rows(scan, 'lost')).toEqual([[TEAM_HOME, 'allowed', 'conditional']]);
    expect(rows(scan, 'gained')).toEqual([]);
  });

  it('naming the user, not a tag, on a role: never fires, so its removal changes nothing', () => {
    // A role has no `aws:username`: a Resource that names it matches no request of the role.
    const scan = edited(doc(grant, deny(`${BUCKET}/home/\${aws:username}/*`)), doc(grant));
    expect(rows(scan, 'gained')).toEqual([]);
  });
});

describe('a new boundary statement on part of what it allowed', () => {
  const grant = source('aws_iam_role_policy.app', doc(allow(`${BUCKET}/*`)));
  /** The role allowed the bucket, its boundary going from `before` to `after`. */
  const bounded = (before: unknown, after: unknown): ScanInput =>
    input({
      principals: [
        role('aws_iam_role.app', [grant], {
          permissionsBoundary: {
            arn: 'arn:aws:iam::111122223333:policy/boundary',
            policy: source('aws_iam_policy.boundary', after, { before: { document: before } }),
          },
        }),
      ],
    });
  const IN_VPC = { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } };

  it('the bucket narrowed to a VPC beside a new statement for public/ is lost under conditions but public/', () => {
    const scan = bounded(doc(allow(`${BUCKET}/*`)), doc(allow(`${BUCKET}/public/*`), allow(`${BUCKET}/*`, IN_VPC)));
    expect(rows(scan, 'lost')).toEqual([[`${BUCKET}/*`, 'allowed', 'conditional', `${BUCKET}/public/*`]]);
    expect(rows(scan, 'gained')).toEqual([]);
    expect(FORMATTERS.text(runGuard(scan), CONTEXT)).toContain(
      `- loses \`s3:GetObject\` on \`${BUCKET}/*\` except \`${BUCKET}/public/*\` (now only under conditions)`,
    );
  });

  it('a new statement for the bucket beside grants on a/ and b/ is gained on b/ alone', () => {
    const twoFolders = source('aws_iam_role_policy.app', doc(allow([`${BUCKET}/a/*`, `${BUCKET}/b/*`])));
    const scan = input({
      principals: [
        role('aws_iam_role.app', [twoFolders], {
          permissionsBoundary: {
            arn: 'arn:aws:iam::111122223333:policy/boundary',
            policy: source('aws_iam_policy.boundary', doc(allow(`${BUCKET}/a/*`), allow(`${BUCKET}/*`)), {
              before: { document: doc(allow(`${BUCKET}/a/*`)) },
            }),
          },
        }),
      ],
    });
    expect(rows(scan, 'gained')).toEqual([[`${BUCKET}/b/*`, 'denied', 'allowed']]);
    expect(rows(scan, 'lost')).toEqual([]);
  });

  it('a new statement for logs/ beside the bucket in a VPC is gained on logs/ alone', () => {
    const scan = bounded(
      doc(allow(`${BUCKET}/*`, IN_VPC)),
      doc(allow(`${BUCKET}/*`, IN_VPC), allow(`${BUCKET}/logs/*`)),
    );
    expect(rows(scan, 'gained')).toEqual([[`${BUCKET}/logs/*`, 'conditional', 'allowed']]);
    expect(rows(scan, 'lost')).toEqual([]);
  });
});

describe('a Deny meeting a grant on patterns too long to compare', () => {
  // Twelve stars each, in orders that never line up: more parts than the overlap is allowed.
  const grant = allow('arn:aws:s3:::*/a/*/b/*/c/*');
  const denied = deny('arn:aws:s3:::*/x/*/y/*/z');

  it.each<[string, 'gained' | 'lost', unknown, unknown]>([
    ['removed, is an undecided gain on the grant, not "no change"', 'gained', doc(grant, denied), doc(grant)],
    ['added, is an undecided loss on the grant, not "no change"', 'lost', doc(grant), doc(grant, denied)],
  ])('%s', (_name, which, before, after) => {
    const scan = edited(before, after);
    expect(rows(scan, which)).toEqual([['arn:aws:s3:::*/a/*/b/*/c/*', 'unknown', 'unknown']]);
    const text = FORMATTERS.text(runGuard(scan), CONTEXT);
    expect(text).toContain('not decided: the patterns are too long to compare');
    expect(text).not.toContain('no effective permission change');
  });
});

describe('a grant under conditions beside one without them on part of it', () => {
  const inVpc = { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } };

  it('added beside a kept grant on public/, is gained on the bucket under conditions but public/', () => {
    const kept = allow(`${BUCKET}/public/*`);
    const scan = edited(doc(kept), doc(kept, allow(`${BUCKET}/*`, inVpc)));
    expect(rows(scan, 'gained')).toEqual([[`${BUCKET}/*`, 'denied', 'conditional', `${BUCKET}/public/*`]]);
  });

  it('added with the grant on public/, is gained on the bucket under conditions and on public/ without', () => {
    const scan = edited(
      doc(allow('arn:aws:s3:::other/*')),
      doc(allow(`${BUCKET}/public/*`), allow(`${BUCKET}/*`, inVpc)),
    );
    expect(rows(scan, 'gained')).toEqual([
      [`${BUCKET}/*`, 'denied', 'conditional'],
      [`${BUCKET}/public/*`, 'denied', 'allowed'],
    ]);
  });
});

describe('a Deny on a variable the principal gives no value, removed', () => {
  it.each<[string, string, string]>([
    [
      'naming the user id (a role has one, unknown before deploy)',
      `${BUCKET}/home/\${aws:userid}/*`,
      `${BUCKET}/home/\${aws:userid}/*`,
    ],
    [
      'naming the source identity',
      `${BUCKET}/home/\${aws:SourceIdentity}/*`,
      `${BUCKET}/home/\${aws:SourceIdentity}/*`,
    ],
    ['naming the bucket by a tag, which may name this one', 'arn:aws:s3:::${aws:PrincipalTag/bucket}/*', `${BUCKET}/*`],
  ])('%s, is a gain on what it held back, now unconditionally', (_name, denied, gainedOn) => {
    const grant = allow(`${BUCKET}/*`);
    expect(rows(edited(doc(grant, deny(denied)), doc(grant)), 'gained')).toEqual([
      [gainedOn, 'conditional', 'allowed'],
    ]);
  });
});
