/**
 * The size of "what this plan changes" in JSON (integ/tf-scan/changes30, written by hand): a kept
 * role whose `ReadOnlyAccess` attachment is replaced by `PowerUserAccess` gains more than half the
 * actions of most services. Each such service is one `service:*` row naming what it leaves out
 * (`exceptActions`), not a row per action (1.8 MB before), and the rows still say exactly what is
 * gained: read back one action each, they are the actions the text report counts.
 */
import * as path from 'node:path';
import { perAction } from '../changed-actions';
import { runTfScan } from '../run-tf-scan';

const PLAN = path.join('integ/tf-scan/changes30', 'readonly-to-poweruser.json');

interface Delta {
  readonly action: string;
  readonly exceptActions?: readonly string[];
  readonly resource: string;
  readonly before: string;
  readonly after: string;
}

describe('a role moved from ReadOnlyAccess to PowerUserAccess (readonly-to-poweruser.json)', () => {
  const run = runTfScan([PLAN, '--format', 'json', '--fail-on', 'never']);
  const report = JSON.parse(run.stdout) as { changes: { subject: string; gained: Delta[]; lost: Delta[] }[] };
  const [change] = report.changes;
  const gained = change?.gained ?? [];

  it('is one change of the role, read without error', () => {
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(report.changes.map((c) => c.subject)).toEqual(['aws_iam_role.ops']);
  });

  it('its JSON report is under 600 KB (was 1.8 MB: a row per action)', () => {
    expect(Buffer.byteLength(run.stdout)).toBeLessThan(600 * 1024);
  });

  it('a service it gains more than half of is one `service:*` row, naming fewer actions than it holds', () => {
    const s3 = gained.find((d) => d.action === 's3:*');
    // ReadOnlyAccess held the reads (s3:Get*, s3:List*): those are what the row leaves out.
    expect(s3?.exceptActions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket']));
    expect(s3?.exceptActions).not.toContain('s3:PutObject');
    const folded = gained.filter((d) => d.exceptActions !== undefined);
    expect(folded.length).toBeGreaterThan(200);
    for (const row of folded)
      expect([row.action, row.exceptActions!.length < perAction([row]).length]).toEqual([row.action, true]);
  });

  it('read back one action each, the rows are the actions the text report counts', () => {
    const { stdout } = runTfScan([PLAN, '--fail-on', 'never']);
    const counted = /\+ gains (\d+) actions of \d+ services \(.*\) on every resource\n/.exec(stdout)?.[1];
    const everywhere = gained.filter((d) => d.resource === '*' && d.before === 'denied' && d.after === 'allowed');
    expect(perAction(everywhere).length).toBe(Number(counted));
    // IAM, Organizations and Account stay out (PowerUserAccess's NotAction) but for IAM's two
    // service-linked role actions; no read ReadOnlyAccess held is gained.
    const actions = new Set(perAction(gained).map((d) => d.action));
    expect([...actions].filter((a) => /^(iam|organizations|account):/.test(a)).sort()).toEqual([
      'iam:CreateServiceLinkedRole',
      'iam:DeleteServiceLinkedRole',
    ]);
    for (const read of ['s3:GetObject', 'ec2:DescribeInstances', 'dynamodb:Query', 'lambda:GetFunction'])
      expect([read, actions.has(read)]).toEqual([read, false]);
    for (const write of ['s3:PutObject', 'ec2:RunInstances', 'dynamodb:DeleteTable', 'lambda:UpdateFunctionCode'])
      expect([write, actions.has(write)]).toEqual([write, true]);
  });
});

interface Admission {
  readonly principal: string;
  readonly action: string;
  readonly exceptActions?: readonly string[];
  readonly resource?: string;
}

describe('a bucket policy that comes to admit most S3 object actions and one the catalog lacks (bucket-policy-unknown-action.json)', () => {
  const run = runTfScan([
    path.join('integ/tf-scan/changes30', 'bucket-policy-unknown-action.json'),
    '--format',
    'json',
    '--fail-on',
    'never',
  ]);
  const report = JSON.parse(run.stdout) as { changes: { subject: string; admits?: { gained: Admission[] } }[] };
  const gained = report.changes.find((c) => c.subject === 'aws_s3_bucket_policy.acme-share')?.admits?.gained ?? [];

  it('folds the S3 actions into one `s3:*` row and names the unknown one on its own row', () => {
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(gained.map((a) => a.action)).toEqual(['s3:*', 's3:ObjectExportV2']);
  });

  it('read back one action each, the partner is admitted to the unknown action and the writes, not the read it had', () => {
    const actions = new Set(perAction(gained).map((a) => a.action));
    for (const action of ['s3:ObjectExportV2', 's3:PutObject', 's3:DeleteObject'])
      expect([action, actions.has(action)]).toEqual([action, true]);
    expect(actions.has('s3:GetObject')).toBe(false);
  });
});
