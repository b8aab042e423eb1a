/** What a plan changes, round 26: parts held on both sides beside tag Denies, conditions read on all of a pattern. */
import { runGuard } from '../../src/analysis/engine';
import type { PolicySource, ScanInput } from '../../src/analysis/input';
import { FORMATTERS } from '../../src/report/formatters/index';
import { toJsonReport } from '../../src/report/json-report';
import { doc, input, role, source } from '../engine/helpers';

const BUCKET = 'arn:aws:s3:::bk';
const LOGS = `${BUCKET}/logs/*`;
const CONTEXT = { toolVersion: '0.1.0', color: false };
const statement = (effect: 'Allow' | 'Deny', resource: unknown, extra: Record<string, unknown> = {}): unknown => ({
  Effect: effect,
  Action: 's3:GetObject',
  Resource: resource,
  ...extra,
});
const allow = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Allow', resource, extra);
const deny = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Deny', resource, extra);
const PROD = { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } };
const inVpc = (vpc: string): Record<string, unknown> => ({ Condition: { StringEquals: { 'aws:SourceVpc': vpc } } });

/** A role whose inline policy goes from `before` to `after`. */
function edited(before: unknown, after: unknown): ScanInput {
  const policy: PolicySource = source('aws_iam_role_policy.app', after, { before: { document: before } });
  return input({ principals: [role('aws_iam_role.app', [policy])] });
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

describe('beside a tag Deny, a part held under it before is not gained again', () => {
  // IAM: a Deny on `aws:ResourceTag/env = prod` fires on prod objects only; a request without
  // context may meet it, so what it reaches is held under conditions, before and after alike.
  it.each<[string, unknown, unknown, string[][]]>([
    [
      'a grant on logs/ widened to the bucket, the Deny on every resource kept',
      doc(allow(LOGS), deny('*', PROD)),
      doc(allow(`${BUCKET}/*`), deny('*', PROD)),
      [[`${BUCKET}/*`, 'denied', 'conditional', LOGS]],
    ],
    [
      'a grant on the bucket added beside the one on logs/, the Deny on every resource kept',
      doc(allow(LOGS), deny('*', PROD)),
      doc(allow(LOGS), allow(`${BUCKET}/*`), deny('*', PROD)),
      [[`${BUCKET}/*`, 'denied', 'conditional', LOGS]],
    ],
    [
      'a grant on logs/ widened to the bucket, the Deny on the bucket kept (was: no change at all)',
      doc(allow(LOGS), deny(`${BUCKET}/*`, PROD)),
      doc(allow(`${BUCKET}/*`), deny(`${BUCKET}/*`, PROD)),
      [[`${BUCKET}/*`, 'denied', 'conditional', LOGS]],
    ],
    [
      'a grant on the bucket from one VPC added beside logs/, the Deny on logs/ kept',
      doc(allow(LOGS), deny(LOGS, PROD)),
      doc(allow(LOGS), allow(`${BUCKET}/*`, inVpc('vpc-1')), deny(LOGS, PROD)),
      [[`${BUCKET}/*`, 'denied', 'conditional', LOGS]],
    ],
    [
      'the bucket from one VPC made unconditional beside logs/ (was: no change at all)',
      doc(allow(LOGS), allow(`${BUCKET}/*`, inVpc('vpc-1')), deny('*', PROD)),
      doc(allow(`${BUCKET}/*`), deny('*', PROD)),
      [[`${BUCKET}/*`, 'conditional', 'conditional', LOGS]],
    ],
  ])('%s', (_name, before, after, gained) => {
    const scan = edited(before, after);
    expect(rows(scan, 'gained')).toEqual(gained);
    expect(rows(scan, 'lost')).toEqual([]);
  });

  it('the same change taken back is lost on the bucket but logs/', () => {
    const scan = edited(doc(allow(`${BUCKET}/*`), deny('*', PROD)), doc(allow(LOGS), deny('*', PROD)));
    expect(rows(scan, 'lost')).toEqual([[`${BUCKET}/*`, 'conditional', 'denied', LOGS]]);
    expect(rows(scan, 'gained')).toEqual([]);
    expect(FORMATTERS.text(runGuard(scan), CONTEXT)).toContain(
      `- loses \`s3:GetObject\` on \`${BUCKET}/*\` except \`${LOGS}\` (was under conditions)`,
    );
  });

  it('without a Deny, logs/ granted and the bucket from one VPC made unconditional: gained but logs/', () => {
    const scan = edited(doc(allow(LOGS), allow(`${BUCKET}/*`, inVpc('vpc-1'))), doc(allow(`${BUCKET}/*`)));
    expect(rows(scan, 'gained')).toEqual([[`${BUCKET}/*`, 'conditional', 'allowed', LOGS]]);
  });
});

describe('a conditional statement beside an unconditional grant on part of it', () => {
  it.each<[string, string, string[][]]>([
    [
      'every bucket’s logs/ moved to another VPC beside bk/*: changed but in bk',
      'arn:aws:s3:::*/logs/*',
      [['arn:aws:s3:::*/logs/*', 'conditional', 'conditional', `${BUCKET}/*/logs/*`, LOGS]],
    ],
    [
      'every bucket named b… moved to another VPC beside bk/*: changed but bk/*',
      'arn:aws:s3:::b*',
      [['arn:aws:s3:::b*', 'conditional', 'conditional', `${BUCKET}/*`]],
    ],
  ])('%s', (_name, pattern, changed) => {
    const kept = allow(`${BUCKET}/*`);
    const scan = edited(doc(kept, allow(pattern, inVpc('vpc-1'))), doc(kept, allow(pattern, inVpc('vpc-2'))));
    expect(rows(scan, 'gained')).toEqual(changed);
    expect(rows(scan, 'lost')).toEqual(changed);
  });

  it('the bucket from one VPC kept, logs/ moved to another VPC: only logs/ is under changed conditions', () => {
    const kept = allow(`${BUCKET}/*`, inVpc('vpc-0'));
    const scan = edited(doc(kept, allow(LOGS, inVpc('vpc-1'))), doc(kept, allow(LOGS, inVpc('vpc-2'))));
    expect(rows(scan, 'gained')).toEqual([[LOGS, 'conditional', 'conditional']]);
    expect(rows(scan, 'lost')).toEqual([[LOGS, 'conditional', 'conditional']]);
  });

  it('logs/ moved to another VPC inside an unconditional bk/*: nothing changes', () => {
    const kept = allow(`${BUCKET}/*`);
    const scan = edited(doc(kept, allow(LOGS, inVpc('vpc-1'))), doc(kept, allow(LOGS, inVpc('vpc-2'))));
    expect(rows(scan, 'gained')).toEqual([]);
    expect(rows(scan, 'lost')).toEqual([]);
  });
});

describe('a Deny too long to compare with the grant beside it', () => {
  // Twelve stars each, in orders that never line up: the overlap gives up.
  const GRANT = 'arn:aws:s3:::*/a/*/b/*/c/*';
  const DENIED = 'arn:aws:s3:::*/x/*/y/*/z';
  const scan = edited(doc(deny(DENIED)), doc(allow(GRANT), deny(DENIED)));

  it('keeps the Deny as an exception of the gain, marked undecided in JSON', () => {
    const report = toJsonReport(runGuard(scan), '0.1.0');
    expect(report.changes?.[0]?.gained).toEqual([
      {
        action: 's3:GetObject',
        resource: GRANT,
        before: 'denied',
        after: 'allowed',
        except: [DENIED],
        undecided: [DENIED],
      },
    ]);
  });

  it('says in text and markdown that where they meet is not decided', () => {
    const sentence = `gains \`s3:GetObject\` on \`${GRANT}\` except \`${DENIED}\` (not decided: the patterns are too long to compare)`;
    const result = runGuard(scan);
    expect(FORMATTERS.text(result, CONTEXT)).toContain(`+ ${sentence}\n`);
    expect(FORMATTERS.markdown(result, CONTEXT)).toContain(sentence);
  });

  it('a shortened except list names the Deny not decided first, so the mark is kept', () => {
    // `b1/*` and `b2/*` meet the grant at two patterns each: four decided exceptions, sorted
    // before `z*/x/*/y/*/z`, the fifth, which is not decided.
    const LATE = 'arn:aws:s3:::z*/x/*/y/*/z';
    const denies = [deny('arn:aws:s3:::b1/*'), deny('arn:aws:s3:::b2/*'), deny(LATE)];
    const result = runGuard(edited(doc(...denies), doc(allow(GRANT), ...denies)));
    const row = result.changes?.[0]?.gained[0];
    expect(row?.except).toHaveLength(5);
    expect(row?.undecided).toEqual([LATE]);
    const sentence = `gains \`s3:GetObject\` on \`${GRANT}\` except 5 resources: \`${LATE}\` (not decided: the patterns are too long to compare), \``;
    expect(FORMATTERS.text(result, CONTEXT)).toContain(`+ ${sentence}`);
    expect(FORMATTERS.markdown(result, CONTEXT)).toContain(sentence);
  });

  it('a Deny whose overlap is decided is listed by its overlap, not marked', () => {
    const decided = edited(
      doc(deny('arn:aws:s3:::b/*/x')),
      doc(allow('arn:aws:s3:::*/y/*'), deny('arn:aws:s3:::b/*/x')),
    );
    const row = runGuard(decided).changes?.[0]?.gained[0];
    expect(row?.undecided).toBeUndefined();
    expect(row?.except).toContain('arn:aws:s3:::b/y/x');
  });
});

describe('a Deny across a grant, its conditions changed, is compared where it meets the grant', () => {
  // IAM: `bk/logs/x` from vpc-2 is denied by `StringNotEquals aws:SourceVpc vpc-1` and allowed
  // once the Deny asks for vpc-2; from vpc-1 the other way round (the same for tags).
  const EVERY_LOGS = 'arn:aws:s3:::*/logs/*';
  const notInVpc = (vpc: string): Record<string, unknown> => ({
    Condition: { StringNotEquals: { 'aws:SourceVpc': vpc } },
  });
  const tagged = (env: string): Record<string, unknown> => ({
    Condition: { StringEquals: { 'aws:ResourceTag/env': env } },
  });
  const meeting = [
    [`${BUCKET}/*/logs/*`, 'conditional', 'conditional'],
    [LOGS, 'conditional', 'conditional'],
  ];
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['the VPC a Deny on every bucket’s logs/ spares moved (was: no change)', notInVpc('vpc-1'), notInVpc('vpc-2')],
    [
      'the tag a Deny on every bucket’s logs/ asks moved from prod to dev (was: no change)',
      tagged('prod'),
      tagged('dev'),
    ],
  ])('%s', (_name, was, is) => {
    const denying = (condition: Record<string, unknown>): unknown => ({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: EVERY_LOGS,
      ...condition,
    });
    const scan = edited(doc(allow(`${BUCKET}/*`), denying(was)), doc(allow(`${BUCKET}/*`), denying(is)));
    expect(rows(scan, 'gained')).toEqual(meeting);
    expect(rows(scan, 'lost')).toEqual(meeting);
  });
});

describe('a part held under other conditions before is no exception of a gain under conditions', () => {
  const EVERY_LOGS = 'arn:aws:s3:::*/logs/*';
  it('every bucket’s logs/ moved to another VPC beside bk/* in the first: gained on bk’s logs/ too', () => {
    // IAM: `bk/logs/x` from vpc-2 was implicitly denied and is allowed; from vpc-1 it still is.
    const kept = allow(`${BUCKET}/*`, inVpc('vpc-1'));
    const scan = edited(doc(kept, allow(EVERY_LOGS, inVpc('vpc-1'))), doc(kept, allow(EVERY_LOGS, inVpc('vpc-2'))));
    expect(rows(scan, 'gained')).toEqual([[EVERY_LOGS, 'conditional', 'conditional']]);
    expect(rows(scan, 'lost')).toEqual([[EVERY_LOGS, 'conditional', 'conditional', `${BUCKET}/*/logs/*`, LOGS]]);
  });

  it('bk/* from another VPC added beside every bucket’s logs/: gained on bk’s logs/ too, on rows of their own', () => {
    // IAM: `bk/logs/x` from vpc-2 was implicitly denied and is allowed; from vpc-1 it was allowed
    // already, so the bucket's row does not say bk's logs/ were denied before (was: it did).
    const logs = allow(EVERY_LOGS, inVpc('vpc-1'));
    const scan = edited(doc(logs), doc(logs, allow(`${BUCKET}/*`, inVpc('vpc-2'))));
    expect(rows(scan, 'gained')).toEqual([
      [`${BUCKET}/*`, 'denied', 'conditional', `${BUCKET}/*/logs/*`, LOGS],
      [`${BUCKET}/*/logs/*`, 'conditional', 'conditional'],
      [LOGS, 'conditional', 'conditional'],
    ]);
    expect(rows(scan, 'lost')).toEqual([]);
  });

  it('bk/* added from the VPC every bucket’s logs/ is read from: gained but bk’s logs/', () => {
    const logs = allow(EVERY_LOGS, inVpc('vpc-1'));
    const scan = edited(doc(logs), doc(logs, allow(`${BUCKET}/*`, inVpc('vpc-1'))));
    expect(rows(scan, 'gained')).toEqual([[`${BUCKET}/*`, 'denied', 'conditional', `${BUCKET}/*/logs/*`, LOGS]]);
  });

  it('every bucket’s logs/ in one VPC replaced by bk/* in another: bk’s logs/ on rows of their own', () => {
    const scan = edited(doc(allow(EVERY_LOGS, inVpc('vpc-1'))), doc(allow(`${BUCKET}/*`, inVpc('vpc-2'))));
    const meeting = [
      [`${BUCKET}/*/logs/*`, 'conditional', 'conditional'],
      [LOGS, 'conditional', 'conditional'],
    ];
    expect(rows(scan, 'gained')).toEqual([
      [`${BUCKET}/*`, 'denied', 'conditional', `${BUCKET}/*/logs/*`, LOGS],
      ...meeting,
    ]);
    expect(rows(scan, 'lost')).toEqual([[EVERY_LOGS, 'conditional', 'denied', `${BUCKET}/*/logs/*`, LOGS], ...meeting]);
  });
});
