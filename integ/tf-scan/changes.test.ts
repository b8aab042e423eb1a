/**
 * What a plan changes, through the real binaries (`npx tsc -b packages/core packages/tf-scan`
 * first, as `npm test` does): the JSON `changes` key and the text and markdown sections, and the
 * per-principal matrix of `--format html`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const TF_SCAN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const IAMGATE = path.join(ROOT, 'packages/core/bin/iamgate.js');
const plan = (name: string): string => path.join('integ/tf-scan/plans', name);

function run(bin: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Delta {
  readonly action: string;
  readonly resource: string;
  readonly before: string;
  readonly after: string;
}
interface Change {
  readonly subject: string;
  readonly kind: string;
  readonly policies: string[];
  readonly gained: Delta[];
  readonly lost: Delta[];
}

function report(name: string): { changes?: Change[] } & Record<string, unknown> {
  const { code, stdout, stderr } = run(TF_SCAN, [plan(name), '--format', 'json', '--fail-on', 'never']);
  expect([code, stderr]).toEqual([0, '']);
  return JSON.parse(stdout) as { changes?: Change[] };
}

const rows = (deltas: readonly Delta[]): string[][] => deltas.map((d) => [d.action, d.resource, d.before, d.after]);

describe('tf-scan reports what a plan changes', () => {
  it('an updated role policy: the actions it adds are gained on its resource', () => {
    const changes = report('policy-update.json').changes ?? [];
    expect(changes.map((c) => [c.subject, c.kind, c.policies])).toEqual([
      ['aws_iam_role.reports', 'role', ['aws_iam_role_policy.reports']],
    ]);
    expect(rows(changes[0]?.gained ?? [])).toEqual([
      ['s3:DeleteObject', 'arn:aws:s3:::reports/*', 'denied', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::reports/*', 'denied', 'allowed'],
    ]);
    expect(changes[0]?.lost).toEqual([]);
  });

  it('a replaced policy under a boundary: what the boundary does not allow is not gained; a removed statement is lost', () => {
    const [change] = report('policy-replace-bounded.json').changes ?? [];
    expect(rows(change?.gained ?? [])).toEqual([['s3:DeleteObject', 'arn:aws:s3:::orders/*', 'denied', 'allowed']]);
    expect(rows(change?.lost ?? [])).toEqual([
      ['sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:orders', 'allowed', 'denied'],
    ]);
  });

  it.each(['passrole-escalation.json', 'boundary-same-plan.json'])(
    'a plan that only creates (%s) has no `changes` key',
    (name) => {
      expect(report(name)).not.toHaveProperty('changes');
    },
  );

  it('policies attached to roles the plan keeps are gains; a new role and unchanged attachments are not changes', () => {
    const changes = report('attach-to-kept-roles.json').changes ?? [];
    expect(changes.map((c) => [c.subject, c.policies])).toEqual([
      ['aws_iam_role.app', ['arn:aws:iam::aws:policy/AdministratorAccess']],
      ['aws_iam_role.worker', ['aws_iam_role_policy.worker_table']],
    ]);
    // AdministratorAccess: every action on every resource, the one the role had on a log group
    // included, one row (`*`) in the JSON report.
    expect(rows(changes[0]?.gained ?? [])).toEqual([['*', '*', 'denied', 'allowed']]);
    expect(rows(changes[1]?.gained ?? [])).toEqual([
      ['dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', 'denied', 'allowed'],
    ]);
    const { stdout } = run(TF_SCAN, [plan('attach-to-kept-roles.json'), '--fail-on', 'never']);
    expect(stdout).toContain('+ gains every action (`*`) on every resource');
  });

  it.each([
    ['text', '+ gains `s3:DeleteObject`, `s3:PutObject` on `arn:aws:s3:::reports/*`'],
    ['markdown', '### What this plan changes'],
  ])('--format %s shows the section', (format, expected) => {
    const { code, stdout } = run(TF_SCAN, [plan('policy-update.json'), '--format', format]);
    expect(code).toBe(0);
    expect(stdout).toContain('What this plan changes');
    expect(stdout).toContain(expected);
  });

  it.each([
    ['risky.json', 'text', '+ may now be assumed by `arn:aws:iam::999988887777:root` (`sts:AssumeRole`)'],
    ['fix.json', 'text', '- may no longer be assumed by `*` (anyone) (`sts:AssumeRole`)'],
    [
      'resource-policies.json',
      'markdown',
      '**resource `aws_sqs_queue_policy.jobs`** (`aws_sqs_queue_policy.jobs`) no longer admits `*` (anyone) to `sqs:SendMessage` on `arn:aws:sqs:eu-west-1:111122223333:jobs`',
    ],
  ])('%s --format %s says who a changed trust or resource policy admits', (name, format, expected) => {
    const file = path.join('integ/tf-scan/lifecycle', name);
    const { code, stdout } = run(TF_SCAN, [file, '--format', format, '--fail-on', 'never']);
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
  });
});

describe('iamgate lint --format html draws each identity policy as a principal matrix', () => {
  const { stdout } = run(IAMGATE, ['lint', 'examples/policies', '--format', 'html']);
  const rowsOf = (subject: string): string[] | undefined => {
    const start = stdout.indexOf(`data-principal="${subject}"`);
    if (start < 0) return undefined;
    const section = stdout.slice(start, stdout.indexOf('</section>', start));
    return [...section.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
  };

  it.each([
    ['examples/policies/app-read-reports.json', ['s3', 'xray']],
    ['examples/policies/queue-worker.yaml', ['dynamodb', 'sqs', 'sts']],
  ])('%s: one row per service it grants', (subject, services) => {
    expect(rowsOf(subject)).toEqual(services);
  });

  it('a policy granting `*` gets a row for every service', () => {
    expect(rowsOf('examples/policies/admin.json')?.length).toBeGreaterThan(300);
  });

  it('the trust and resource policies are shown with their findings, without a matrix', () => {
    expect(rowsOf('examples/policies/github-deploy-trust.json')).toEqual([]);
    expect(rowsOf('examples/policies/public-bucket.json')).toEqual([]);
  });
});

describe('what a plan changes that widens access, in every format', () => {
  /** The `changes` entry of `subject` in the JSON report of a lifecycle plan. */
  const lifecycle = (name: string): string => path.join('integ/tf-scan/lifecycle', name);
  const changesOf = (name: string): (Change & Record<string, unknown>)[] => {
    const { code, stdout, stderr } = run(TF_SCAN, [lifecycle(name), '--format', 'json', '--fail-on', 'never']);
    expect([code, stderr]).toEqual([0, '']);
    return (JSON.parse(stdout) as { changes?: (Change & Record<string, unknown>)[] }).changes ?? [];
  };
  /** The "what this plan changes" section of the text or markdown output, up to the findings. */
  const shown = (name: string, format: string): string => {
    const out = run(TF_SCAN, [lifecycle(name), '--format', format, '--fail-on', 'never']).stdout;
    const start = out.indexOf('What this plan changes');
    if (start < 0) return '';
    const end = format === 'markdown' ? out.indexOf('\n### ', start) : out.indexOf('\n\n', start);
    return out.slice(start, end < 0 ? undefined : end);
  };

  describe('boundaries.json: permissions boundaries swapped and removed on kept roles', () => {
    const changes = changesOf('boundaries.json');
    const bySubject = (subject: string): (Change & Record<string, unknown>) | undefined =>
      changes.find((c) => c.subject === subject);

    it('a boundary swapped for a broader one names both, and what the new one no longer cuts is gained', () => {
      const change = bySubject('aws_iam_role.app');
      expect(change?.['boundary']).toEqual({
        before: 'arn:aws:iam::111122223333:policy/narrow',
        after: 'arn:aws:iam::111122223333:policy/wide',
      });
      expect(rows(change?.gained ?? [])).toEqual([
        ['iam:CreateUser', '*', 'denied', 'allowed'],
        ['s3:PutObject', '*', 'denied', 'allowed'],
      ]);
    });

    it('a boundary managed outside the plan, removed, is said removed and not compared, never passed as no change', () => {
      const change = bySubject('aws_iam_role.etl');
      expect(change?.['boundary']).toEqual({
        before: 'arn:aws:iam::111122223333:policy/org-boundary',
        notCompared: true,
      });
      expect([change?.gained, change?.lost]).toEqual([[], []]);
    });

    it('a boundary removed that cut nothing is still said; a role whose tags only change is not listed', () => {
      expect(bySubject('aws_iam_role.quiet')?.['boundary']).toEqual({
        before: 'arn:aws:iam::111122223333:policy/narrow',
      });
      expect(changes.map((c) => c.subject)).toEqual(['aws_iam_role.app', 'aws_iam_role.etl', 'aws_iam_role.quiet']);
    });

    it.each([
      [
        'text',
        [
          '~ permissions boundary `arn:aws:iam::111122223333:policy/narrow` replaced by `arn:aws:iam::111122223333:policy/wide`',
          '+ permissions boundary `arn:aws:iam::111122223333:policy/org-boundary` removed (its document is not in the input: what it cut is not compared)',
        ],
      ],
      [
        'markdown',
        [
          ':twisted_rightwards_arrows: **role `aws_iam_role.app`** (`aws_iam_policy.wide`) permissions boundary `arn:aws:iam::111122223333:policy/narrow` replaced by',
          ':heavy_plus_sign: **role `aws_iam_role.quiet`** (`arn:aws:iam::111122223333:policy/narrow`) permissions boundary `arn:aws:iam::111122223333:policy/narrow` removed',
        ],
      ],
    ])('--format %s says the boundary moved', (format, expected) => {
      const out = shown('boundaries.json', format);
      for (const line of expected) expect(out).toContain(line);
      expect(out).not.toContain('aws_iam_role.tagged`');
    });
  });
});
