/** What a plan changes, round 27: parts another pattern held before, `*` under conditions beside a grant without. */
import { runGuard } from '../../src/analysis/engine';
import { notComparedNotes } from '../../src/report/changes';
import type { PolicySource, ScanInput } from '../../src/analysis/input';
import { doc, input, role, source } from '../engine/helpers';

const DATA = 'arn:aws:s3:::acme-data';
const EVERY_LOGS = 'arn:aws:s3:::*/logs/*';
const DATA_LOGS = [`${DATA}/*/logs/*`, `${DATA}/logs/*`];
const BK = 'arn:aws:s3:::bk/*';
const CK = 'arn:aws:s3:::ck/*';
const SECRET = 'arn:aws:s3:::secret/*';
const statement = (effect: 'Allow' | 'Deny', resource: unknown, extra: Record<string, unknown> = {}): unknown => ({
  Effect: effect,
  Action: 's3:GetObject',
  Resource: resource,
  ...extra,
});
const allow = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Allow', resource, extra);
const inVpc = (...vpcs: string[]): Record<string, unknown> => ({
  Condition: { StringEquals: { 'aws:SourceVpc': vpcs.length === 1 ? vpcs[0] : vpcs } },
});
/** An Allow on every resource but `spared`, from `vpc`. */
const allowAllBut = (spared: string, vpc: string): unknown => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  NotResource: spared,
  ...inVpc(vpc),
});

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
    .map((d) => [d.resource, d.before, d.after, ...[...(d.except ?? [])].sort()])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

describe('a row that says nothing was (or is) held leaves out the parts another pattern reached', () => {
  // IAM: `acme-data/logs/x` is reached through `acme-data/*` from vpc-1 on the side the row calls
  // denied, so the row is not true there; those parts get rows of their own.
  it.each<[string, unknown, unknown, string[][], string[][]]>([
    [
      'every bucket’s logs/ replaced by acme-data/* in a VPC: acme-data’s logs/ lost only to the VPC (was: denied)',
      doc(allow(EVERY_LOGS)),
      doc(allow(`${DATA}/*`, inVpc('vpc-1'))),
      [[`${DATA}/*`, 'denied', 'conditional', ...DATA_LOGS]],
      [[EVERY_LOGS, 'allowed', 'denied', ...DATA_LOGS], ...DATA_LOGS.map((part) => [part, 'allowed', 'conditional'])],
    ],
    [
      'acme-data/* in a VPC replaced by every bucket’s logs/: acme-data’s logs/ were held in the VPC (was: denied)',
      doc(allow(`${DATA}/*`, inVpc('vpc-1'))),
      doc(allow(EVERY_LOGS)),
      [[EVERY_LOGS, 'denied', 'allowed', ...DATA_LOGS], ...DATA_LOGS.map((part) => [part, 'conditional', 'allowed'])],
      [[`${DATA}/*`, 'conditional', 'denied', ...DATA_LOGS]],
    ],
    [
      'both unconditional, logs/ dropped and acme-data/* put in a VPC: the bucket’s row says its logs/',
      doc(allow(`${DATA}/*`), allow(EVERY_LOGS)),
      doc(allow(`${DATA}/*`, inVpc('vpc-1'))),
      [],
      [
        [EVERY_LOGS, 'allowed', 'denied', ...DATA_LOGS],
        [`${DATA}/*`, 'allowed', 'conditional'],
      ],
    ],
    [
      'acme-data/* moved from vpc-2 to vpc-1 beside every bucket’s logs/ added in vpc-1',
      doc(allow(`${DATA}/*`, inVpc('vpc-2'))),
      doc(allow(`${DATA}/*`, inVpc('vpc-1')), allow(EVERY_LOGS, inVpc('vpc-1'))),
      // acme-data's logs/ from vpc-1 were refused and are allowed: said by the bucket's row and their own.
      [
        [EVERY_LOGS, 'denied', 'conditional', ...DATA_LOGS],
        [`${DATA}/*`, 'conditional', 'conditional'],
        ...DATA_LOGS.map((part) => [part, 'conditional', 'conditional']),
      ],
      [
        [`${DATA}/*`, 'conditional', 'conditional', ...DATA_LOGS],
        ...DATA_LOGS.map((part) => [part, 'conditional', 'conditional']),
      ],
    ],
    [
      'every bucket’s logs/ replaced by acme-data/* in a VPC beside a Deny on its logs/: each part left out once',
      doc(allow(EVERY_LOGS)),
      doc(allow(`${DATA}/*`, inVpc('vpc-1')), statement('Deny', `${DATA}/logs/*`)),
      [[`${DATA}/*`, 'denied', 'conditional', ...DATA_LOGS]],
      [
        [EVERY_LOGS, 'allowed', 'denied', ...DATA_LOGS],
        [`${DATA}/*/logs/*`, 'allowed', 'conditional'],
        [`${DATA}/logs/*`, 'allowed', 'denied'],
      ],
    ],
  ])('%s', (_name, before, after, gained, lost) => {
    const scan = edited(before, after);
    expect(rows(scan, 'gained')).toEqual(gained);
    expect(rows(scan, 'lost')).toEqual(lost);
  });
});

describe('`*` under conditions beside a grant on part of it without', () => {
  // IAM: `bk/x` is allowed from anywhere on both sides; every other object only from the VPC the
  // Allow on `*` names, so what moved is `*` but `bk/*`.
  it.each<[string, unknown, unknown, string[][], string[][]]>([
    [
      'moved from vpc-1 to vpc-2: gained and lost on every resource but bk/* (was: no change)',
      doc(allow('*', inVpc('vpc-1')), allow(BK)),
      doc(allow('*', inVpc('vpc-2')), allow(BK)),
      [['*', 'conditional', 'conditional', BK]],
      [['*', 'conditional', 'conditional', BK]],
    ],
    [
      'added beside bk/*: gained on every resource but bk/* under conditions (was: no change)',
      doc(allow(BK)),
      doc(allow(BK), allow('*', inVpc('vpc-1'))),
      [['*', 'denied', 'conditional', BK]],
      [],
    ],
    [
      'its condition dropped: gained without conditions but on bk/* (was: from denied)',
      doc(allow(BK), allow('*', inVpc('vpc-1'))),
      doc(allow(BK), allow('*')),
      [['*', 'conditional', 'allowed', BK]],
      [],
    ],
    [
      'widened to a second VPC: gained only',
      doc(allow(BK), allow('*', inVpc('vpc-1'))),
      doc(allow(BK), allow('*', inVpc('vpc-1', 'vpc-2'))),
      [['*', 'conditional', 'conditional', BK]],
      [],
    ],
    [
      'bk/* no longer asks for vpc-3: gained on bk/* only, `*` in vpc-1 unchanged (was: `*` lost)',
      doc(allow(BK, inVpc('vpc-3')), allow('*', inVpc('vpc-1'))),
      doc(allow(BK), allow('*', inVpc('vpc-1'))),
      [[BK, 'conditional', 'allowed']],
      [],
    ],
    [
      'its condition dropped and bk/* deleted: gained without conditions but on bk/* (was: no change)',
      doc(allow('*', inVpc('vpc-1')), allow(BK)),
      doc(allow('*')),
      [['*', 'conditional', 'allowed', BK]],
      [],
    ],
    [
      'put in a VPC beside bk/* added: lost to the VPC but on bk/* (was: no change)',
      doc(allow('*')),
      doc(allow('*', inVpc('vpc-1')), allow(BK)),
      [],
      [['*', 'allowed', 'conditional', BK]],
    ],
    [
      'moved from vpc-1 to vpc-2 beside ck/* added: gained and lost but on bk/* and ck/* (was: lost only)',
      doc(allow('*', inVpc('vpc-1')), allow(BK)),
      doc(allow('*', inVpc('vpc-2')), allow(BK), allow(CK)),
      [
        ['*', 'conditional', 'conditional', BK, CK],
        [CK, 'conditional', 'allowed'],
      ],
      [['*', 'conditional', 'conditional', BK, CK]],
    ],
    [
      'moved from vpc-1 to vpc-2, bk/* replaced by ck/*: `*` gained and lost beside them (was: no `*` row)',
      doc(allow('*', inVpc('vpc-1')), allow(BK)),
      doc(allow('*', inVpc('vpc-2')), allow(CK)),
      [
        ['*', 'conditional', 'conditional', BK, CK],
        [CK, 'conditional', 'allowed'],
      ],
      [
        ['*', 'conditional', 'conditional', BK, CK],
        [BK, 'allowed', 'conditional'],
      ],
    ],
    [
      'NotResource secret/* moved from vpc-1 to vpc-2: gained and lost but on bk/* and secret/* (was: no change)',
      doc(allowAllBut(SECRET, 'vpc-1'), allow(BK)),
      doc(allowAllBut(SECRET, 'vpc-2'), allow(BK)),
      [['*', 'conditional', 'conditional', BK, SECRET]],
      [['*', 'conditional', 'conditional', BK, SECRET]],
    ],
    [
      'moved beside a Deny on every S3 resource: nothing reaches S3 on either side',
      doc(allow('*', inVpc('vpc-1')), allow(BK), statement('Deny', 'arn:aws:s3:::*')),
      doc(allow('*', inVpc('vpc-2')), allow(BK), statement('Deny', 'arn:aws:s3:::*')),
      [],
      [],
    ],
  ])('%s', (_name, before, after, gained, lost) => {
    const scan = edited(before, after);
    expect(rows(scan, 'gained')).toEqual(gained);
    expect(rows(scan, 'lost')).toEqual(lost);
  });
});

describe('a service control policy that changes, read over a principal allowed everything', () => {
  const scp = (...statements: unknown[]): unknown => ({ Version: '2012-10-17', Statement: statements });
  const EVERYTHING = { Effect: 'Allow', Action: '*', Resource: '*' };
  const LEAVE = { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' };
  const scan = (before: unknown, after: unknown): ScanInput =>
    input({
      policies: [
        { policy: source('aws_organizations_policy.guard', after, { before: { document: before } }), type: 'scp' },
      ],
    });
  const rowsOf = (s: ScanInput): [string[], string[]] => {
    const result = runGuard(s);
    expect(result.changes?.map((c) => [c.subject, c.kind])).toEqual([['aws_organizations_policy.guard', 'scp']]);
    const text = (d: { action: string; resource: string; before: string; after: string }): string =>
      `${d.action} ${d.resource} ${d.before}>${d.after}`;
    return [result.changes?.[0]?.gained.map(text) ?? [], result.changes?.[0]?.lost.map(text) ?? []];
  };

  // IAM: an SCP Deny refuses the action in every account under it, whatever their policies allow.
  it('its Deny of leaving the organization removed: permits it', () => {
    expect(rowsOf(scan(scp(EVERYTHING, LEAVE), scp(EVERYTHING)))).toEqual([
      ['organizations:LeaveOrganization * denied>allowed'],
      [],
    ]);
  });

  it('the Deny added back: no longer permits it', () => {
    expect(rowsOf(scan(scp(EVERYTHING), scp(EVERYTHING, LEAVE)))).toEqual([
      [],
      ['organizations:LeaveOrganization * allowed>denied'],
    ]);
  });

  // IAM: an SCP allows only what some statement of it allows (no FullAWSAccess beside it here).
  it('an allow list widened from S3 reads to S3: permits the other S3 actions on every resource', () => {
    const [gained, lost] = rowsOf(
      scan(
        scp({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }),
        scp({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      ),
    );
    expect(gained).toContain('s3:PutObject * denied>allowed');
    expect(gained.some((r) => r.startsWith('s3:GetObject '))).toBe(false);
    expect(lost).toEqual([]);
  });

  // IAM: FullAWSAccess stays attached beside an SCP that only denies; the Deny decides.
  it('Denies only, one removed: permits what it denied, beside the FullAWSAccess that permits the rest', () => {
    const close = { Effect: 'Deny', Action: 'account:CloseAccount', Resource: '*' };
    expect(rowsOf(scan(scp(LEAVE, close), scp(close)))).toEqual([
      ['organizations:LeaveOrganization * denied>allowed'],
      [],
    ]);
  });

  it('a Region Deny that now spares roles: every action gained under changed conditions', () => {
    const outside = { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
    const regions = (condition: Record<string, unknown>): unknown =>
      scp({ Effect: 'Deny', Action: '*', Resource: '*', Condition: condition });
    const spared = { ...outside, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } };
    const [gained, lost] = rowsOf(scan(regions(outside), regions(spared)));
    // One row per action of the catalog (the JSON report compacts them to `*`), all alike.
    expect(gained.length).toBeGreaterThan(10000);
    expect(gained).toContain('ec2:RunInstances * conditional>conditional');
    expect(gained.filter((r) => !r.endsWith(' * conditional>conditional'))).toEqual([]);
    expect(lost).toEqual([]);
  });

  // AWS: an SCP permits only what some SCP at its level allows; whether FullAWSAccess is attached
  // beside it is not in the input, so one that allows in either version is read alone in both.
  it('its Allow of everything removed, the Deny kept: no longer permits every other action', () => {
    const [gained, lost] = rowsOf(scan(scp(EVERYTHING, LEAVE), scp(LEAVE)));
    expect(gained).toEqual([]);
    expect(lost).toContain('s3:GetObject * allowed>denied');
    expect(lost.some((r) => r.startsWith('organizations:LeaveOrganization '))).toBe(false);
  });

  it('an allow list of S3 replaced by a Deny only: no longer permits S3, gains nothing', () => {
    const [gained, lost] = rowsOf(scan(scp({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), scp(LEAVE)));
    expect(gained).toEqual([]);
    expect(lost).toContain('s3:PutObject * allowed>denied');
    expect(lost.filter((r) => !r.startsWith('s3:'))).toEqual([]);
  });

  // Only the new version is checked (and found invalid); an old version that is not a policy has
  // no finding to point at: its note says so itself.
  it.each<[string, unknown, unknown, 'invalid' | 'invalidBefore', number, string]>([
    [
      'its new content is not JSON',
      scp(EVERYTHING),
      '{"Statement": [',
      'invalid',
      1,
      '`aws_organizations_policy.guard` is not a valid policy (the `policy-validity/invalid-policy` finding says where): what it permits is not compared',
    ],
    [
      'its old content is not a policy',
      { tags: {} },
      scp(EVERYTHING),
      'invalidBefore',
      0,
      'the previous content of `aws_organizations_policy.guard` is not a valid policy: what changed is not compared',
    ],
  ])('%s: listed as invalid and not compared, not as no change', (_name, before, after, field, findings, note) => {
    const result = runGuard(scan(before, after));
    expect(result.changes?.map((c) => [c.subject, c.unresolved, c[field], c.gained.length, c.lost.length])).toEqual([
      ['aws_organizations_policy.guard', undefined, ['aws_organizations_policy.guard'], 0, 0],
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'policy-validity/invalid-policy')).toHaveLength(findings);
    const [change] = result.changes ?? [];
    expect(change === undefined ? [] : notComparedNotes(change)).toEqual([note]);
  });

  it('reordered only: no change', () => {
    const result = runGuard(scan(scp(EVERYTHING, LEAVE), scp(LEAVE, EVERYTHING)));
    expect(result.changes?.[0]?.gained).toEqual([]);
    expect(result.changes?.[0]?.lost).toEqual([]);
  });
});
