/**
 * Two update plans as a reviewer reads them (integ/tf-scan/changes29, written by
 * `build-plans.js`), through the real binary (`npx tsc -b packages/core packages/tf-scan` first):
 * a team moved from inline policies to managed ones (the same permissions in another shape), and a
 * role widened from ReadOnlyAccess to PowerUserAccess. Each row checked by hand against the AWS
 * managed policies' documents of the catalog.
 */
import * as path from 'node:path';
import { perAction } from '../changed-actions';
import { runTfScan } from '../run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/changes29', name);

interface Delta {
  readonly action: string;
  readonly exceptActions?: readonly string[];
  readonly resource: string;
  readonly before: string;
  readonly after: string;
  readonly except?: readonly string[];
}
interface Change {
  readonly subject: string;
  readonly policies: readonly string[];
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
}

function json(name: string): { status: number | null; changes: readonly Change[] } {
  const { status, stdout, stderr } = runTfScan([plan(name), '--format', 'json']);
  expect(stderr).toBe('');
  return { status, changes: (JSON.parse(stdout) as { changes?: Change[] }).changes ?? [] };
}
const shown = (name: string, format: 'text' | 'markdown'): string =>
  runTfScan([plan(name), '--format', format, '--fail-on', 'never']).stdout;

describe('a team moved from inline policies to managed policies (inline-to-managed.json)', () => {
  // IAM: the inline statements and the managed ones allow the same requests (ListBucket on the
  // bucket, GetObject on its objects, the queue's two actions); the pairs the inline policy wrote
  // across (ListBucket on objects, GetObject on the bucket) match no request.
  it('json: both roles listed with their old and new policies, nothing gained or lost, no finding', () => {
    const { status, changes } = json('inline-to-managed.json');
    expect(status).toBe(0);
    expect(changes.map((c) => [c.subject, c.policies, c.gained, c.lost])).toEqual([
      ['aws_iam_role.analyst', ['aws_iam_policy.data_read', 'aws_iam_role.analyst.inline_policy.read'], [], []],
      [
        'aws_iam_role.loader',
        [
          'aws_iam_policy.data_read',
          'aws_iam_policy.data_ingest',
          'aws_iam_role.loader.inline_policy.read',
          'aws_iam_role.loader.inline_policy.ingest',
        ],
        [],
        [],
      ],
    ]);
  });

  it.each<['text' | 'markdown', string[]]>([
    [
      'text',
      [
        'role `aws_iam_role.analyst`  (aws_iam_policy.data_read, aws_iam_role.analyst.inline_policy.read)\n    no effective permission change\n',
        '    no effective permission change\n\nno findings',
      ],
    ],
    [
      'markdown',
      [
        '- **role `aws_iam_role.analyst`** (`aws_iam_policy.data_read`, `aws_iam_role.analyst.inline_policy.read`): no effective permission change\n',
        '- **role `aws_iam_role.loader`** (`aws_iam_policy.data_read`, `aws_iam_policy.data_ingest`, `aws_iam_role.loader.inline_policy.read`, `aws_iam_role.loader.inline_policy.ingest`): no effective permission change\n',
      ],
    ],
  ])('--format %s says no change in permissions, and nothing else', (format, sentences) => {
    const out = shown('inline-to-managed.json', format);
    for (const sentence of sentences) expect(out).toContain(sentence);
    expect(out).not.toMatch(/gains|loses/);
  });
});

describe('a role widened from ReadOnlyAccess to PowerUserAccess (read-only-to-power-user.json)', () => {
  const support = (): Change => {
    const found = json('read-only-to-power-user.json').changes;
    expect(found.map((c) => c.subject)).toEqual(['aws_iam_role.support']);
    return found[0] as Change;
  };

  // PowerUserAccess: every action but iam:*, organizations:* and account:*, then nine of those
  // back by name; ReadOnlyAccess: reads of every service (iam's, organizations', account's too).
  it('json: IAM gains only the two service-linked role actions, STS all but the three reads ReadOnlyAccess held', () => {
    const { gained } = support();
    expect(gained.every((d) => d.resource === '*' && d.except === undefined)).toBe(true);
    expect(
      gained.filter((d) => /^(iam|organizations|account|sts):/.test(d.action)).map((d) => [d.action, d.exceptActions]),
    ).toEqual([
      ['iam:CreateServiceLinkedRole', undefined],
      ['iam:DeleteServiceLinkedRole', undefined],
      ['sts:*', ['sts:GetAccessKeyInfo', 'sts:GetCallerIdentity', 'sts:GetSessionToken']],
    ]);
  });

  it('json: the IAM, Organizations and Account reads ReadOnlyAccess held are lost, nothing else', () => {
    const { lost } = support();
    expect(lost.length).toBeGreaterThan(50);
    expect(lost.filter((d) => !/^(iam|organizations|account):/.test(d.action))).toEqual([]);
    expect(lost.every((d) => d.resource === '*' && d.before === 'allowed' && d.after === 'denied')).toBe(true);
    expect(lost.map((d) => d.action)).toEqual(
      expect.arrayContaining(['iam:GenerateCredentialReport', 'organizations:DescribeAccount']),
    );
    // Held by both: not lost.
    for (const kept of ['iam:ListRoles', 'organizations:DescribeOrganization', 'account:GetAccountInformation'])
      expect(perAction(lost).map((d) => d.action)).not.toContain(kept);
  });

  it.each<['text' | 'markdown', RegExp]>([
    ['text', /\n {4}\+ gains (\d+) actions of (\d+) services \(`iam:CreateServiceLinkedRole`, `sts:AssumeRole`, /],
    ['markdown', /\) gains (\d+) actions of (\d+) services \(`iam:CreateServiceLinkedRole`, `sts:AssumeRole`, /],
  ])('--format %s counts the gain across services, IAM and STS named first, on one line', (format, line) => {
    const out = shown('read-only-to-power-user.json', format);
    const counted = line.exec(out);
    expect(counted).not.toBeNull();
    expect(Number(counted?.[2])).toBeGreaterThan(300);
    expect(out).toMatch(/loses (\d+) actions of 3 services \(`iam:/);
  });
});
