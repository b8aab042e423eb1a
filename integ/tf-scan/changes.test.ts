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

  describe('exposures.json: kept buckets, a key, a function, a queue and a topic opened', () => {
    const changes = changesOf('exposures.json');
    interface Admission {
      readonly principal: string;
      readonly action: string;
      readonly resource?: string;
    }
    const admitted = (subject: string, which: 'gained' | 'lost' = 'gained'): string[] => {
      const admits = changes.find((c) => c.subject === subject)?.['admits'] as
        Record<'gained' | 'lost', Admission[]> | undefined;
      return (admits?.[which] ?? []).map((a) => `${a.principal} ${a.action} ${a.resource ?? ''}`);
    };
    const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const FUNCTION = 'arn:aws:lambda:eu-west-1:111122223333:function:api';

    it('every resource the plan opens is a change; a policy on a new bucket and a policy only reformatted are not', () => {
      expect(changes.map((c) => c.subject)).toEqual([
        'aws_s3_bucket_policy.data',
        'aws_s3_bucket_policy.assets',
        'aws_kms_key.data',
        'aws_lambda_permission.anyone',
        'aws_lambda_permission.events',
        'aws_sqs_queue_policy.jobs',
        'aws_sns_topic_policy.alerts',
        'aws_s3_bucket_acl.site',
        'aws_s3_bucket.legacy',
        'aws_s3_bucket_acl.pending',
      ]);
    });

    it('an ACL changed to a value only apply knows is unknown until apply, never no change', () => {
      const change = changes.find((c) => c.subject === 'aws_s3_bucket_acl.pending');
      expect(change?.['unresolved']).toEqual(['aws_s3_bucket_acl.pending (ACL)']);
      expect(shown('exposures.json', 'text')).toContain(
        '? `aws_s3_bucket_acl.pending (ACL)` is unknown until apply: what it grants is not compared',
      );
    });

    it.each([
      [
        'a bucket policy that adds anyone and another account',
        'aws_s3_bucket_policy.data',
        [
          '* s3:ListBucket arn:aws:s3:::acme-data',
          'arn:aws:iam::999988887777:root s3:GetObject arn:aws:s3:::acme-data/*',
          'arn:aws:iam::999988887777:root s3:PutObject arn:aws:s3:::acme-data/*',
        ],
      ],
      [
        'a first bucket policy on a kept bucket',
        'aws_s3_bucket_policy.assets',
        ['* s3:GetObject arn:aws:s3:::acme-assets/*'],
      ],
      [
        'a key policy that adds another account, on the key (its `*`)',
        'aws_kms_key.data',
        [`arn:aws:iam::999988887777:root kms:Decrypt ${KEY}`, `arn:aws:iam::999988887777:root kms:DescribeKey ${KEY}`],
      ],
      [
        'a Lambda permission for anyone added to a kept function',
        'aws_lambda_permission.anyone',
        [`* lambda:InvokeFunction ${FUNCTION}`],
      ],
      [
        'a Lambda permission replaced to name anyone',
        'aws_lambda_permission.events',
        [`* lambda:InvokeFunction ${FUNCTION}`],
      ],
      [
        'a queue policy opened',
        'aws_sqs_queue_policy.jobs',
        ['* sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs'],
      ],
      [
        'a topic policy opened',
        'aws_sns_topic_policy.alerts',
        ['* sns:Subscribe arn:aws:sns:eu-west-1:111122223333:alerts'],
      ],
      [
        'a bucket ACL from private to public-read',
        'aws_s3_bucket_acl.site',
        [
          '* s3:ListBucket arn:aws:s3:::acme-site',
          '* s3:ListBucketMultipartUploads arn:aws:s3:::acme-site',
          '* s3:ListBucketVersions arn:aws:s3:::acme-site',
        ],
      ],
      [
        "a bucket's legacy `acl` from private to public-read-write",
        'aws_s3_bucket.legacy',
        [
          '* s3:ListBucket arn:aws:s3:::acme-legacy',
          '* s3:ListBucketMultipartUploads arn:aws:s3:::acme-legacy',
          '* s3:ListBucketVersions arn:aws:s3:::acme-legacy',
          '* s3:DeleteObject arn:aws:s3:::acme-legacy/*',
          '* s3:PutObject arn:aws:s3:::acme-legacy/*',
        ],
      ],
    ])('%s: who is newly admitted to what', (_name, subject, expected) => {
      expect(admitted(subject).sort()).toEqual([...expected].sort());
    });

    it('what a replaced topic policy no longer grants is said lost', () => {
      expect(admitted('aws_sns_topic_policy.alerts', 'lost')).toEqual([
        'events.amazonaws.com sns:Publish arn:aws:sns:eu-west-1:111122223333:alerts',
      ]);
    });

    it.each([
      [
        'text',
        [
          '+ now admits `*` (anyone) to `lambda:InvokeFunction` on `arn:aws:lambda:eu-west-1:111122223333:function:api`',
          '+ now admits `arn:aws:iam::999988887777:root` to `kms:Decrypt`, `kms:DescribeKey` on `arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`',
          'resource `aws_s3_bucket_acl.site`  (aws_s3_bucket_acl.site (ACL))',
        ],
      ],
      [
        'markdown',
        [
          ':heavy_plus_sign: **resource `aws_s3_bucket.legacy`** (`aws_s3_bucket.legacy (ACL)`) now admits `*` (anyone) to `s3:DeleteObject`, `s3:PutObject` on `arn:aws:s3:::acme-legacy/*`',
          ':heavy_plus_sign: **resource `aws_s3_bucket_policy.assets`** (`aws_s3_bucket_policy.assets`) now admits `*` (anyone) to `s3:GetObject` on `arn:aws:s3:::acme-assets/*`',
        ],
      ],
    ])('--format %s says who is newly admitted', (format, expected) => {
      const out = shown('exposures.json', format);
      for (const line of expected) expect(out).toContain(line);
      expect(out).not.toContain('aws_s3_bucket_policy.logs');
      expect(out).not.toContain('aws_s3_bucket_policy.fresh');
    });
  });

  describe('public-access.json: S3 Block Public Access turned off under kept public policies and ACLs', () => {
    const changes = changesOf('public-access.json');
    const bySubject = (subject: string): (Change & Record<string, unknown>) | undefined =>
      changes.find((c) => c.subject === subject);
    const admittedTo = (subject: string): string[] =>
      (
        (bySubject(subject)?.['admits'] as { gained: { principal: string; action: string }[] } | undefined)?.gained ??
        []
      ).map((a) => `${a.principal} ${a.action}`);

    it('a public bucket policy no longer restricted by its block (and the account block removed) newly admits anyone', () => {
      expect(bySubject('aws_s3_bucket_policy.www')?.['publicAccessRestricted']).toEqual({ before: true, after: false });
      expect(admittedTo('aws_s3_bucket_policy.www')).toEqual(['* s3:GetObject']);
    });

    it('a public ACL its bucket block no longer ignores newly admits anyone', () => {
      expect(admittedTo('aws_s3_bucket_acl.media')).toEqual([
        '* s3:ListBucket',
        '* s3:ListBucketMultipartUploads',
        '* s3:ListBucketVersions',
      ]);
    });

    it('a policy of the own account only, over which the account block is removed, admits no one new: not listed', () => {
      expect(changes.map((c) => c.subject)).toEqual(['aws_s3_bucket_policy.www', 'aws_s3_bucket_acl.media']);
    });

    it.each([
      ['text', '+ S3 Block Public Access no longer restricts its public grants (`RestrictPublicBuckets` off)'],
      [
        'markdown',
        ':heavy_plus_sign: **resource `aws_s3_bucket_policy.www`** (`aws_s3_bucket_policy.www`) now admits `*` (anyone) to `s3:GetObject` on `arn:aws:s3:::acme-www/*`',
      ],
    ])('--format %s says it', (format, expected) => {
      expect(shown('public-access.json', format)).toContain(expected);
    });
  });

  describe('closures.json: exposures closed on resources the plan keeps', () => {
    const changes = changesOf('closures.json');
    const unadmitted = (subject: string): string[] =>
      (
        (
          changes.find((c) => c.subject === subject)?.['admits'] as
            { lost: { principal: string; action: string; resource?: string }[] } | undefined
        )?.lost ?? []
      ).map((a) => `${a.principal} ${a.action} ${a.resource ?? ''}`);

    it('each public grant the plan removes from a kept resource is a change; with the resource destroyed, ignored by its block, or a key back to its default policy, none; Block Public Access turned off over nothing public changes no access: not listed', () => {
      expect(changes.map((c) => c.subject)).toEqual([
        'aws_s3_bucket_policy.www',
        'aws_lambda_permission.anyone',
        'aws_s3_bucket_acl.site',
        'aws_s3_bucket.legacy',
        'aws_s3_bucket_acl.media',
      ]);
    });

    it.each([
      ['a public bucket policy destroyed', 'aws_s3_bucket_policy.www', ['* s3:GetObject arn:aws:s3:::acme-www/*']],
      [
        'a Lambda permission for anyone destroyed',
        'aws_lambda_permission.anyone',
        ['* lambda:InvokeFunction arn:aws:lambda:eu-west-1:111122223333:function:api'],
      ],
      [
        'a bucket ACL from public-read to private',
        'aws_s3_bucket_acl.site',
        [
          '* s3:ListBucket arn:aws:s3:::acme-site',
          '* s3:ListBucketMultipartUploads arn:aws:s3:::acme-site',
          '* s3:ListBucketVersions arn:aws:s3:::acme-site',
        ],
      ],
      [
        "a bucket's legacy `acl` from public-read-write to private",
        'aws_s3_bucket.legacy',
        [
          '* s3:ListBucket arn:aws:s3:::acme-legacy',
          '* s3:ListBucketMultipartUploads arn:aws:s3:::acme-legacy',
          '* s3:ListBucketVersions arn:aws:s3:::acme-legacy',
          '* s3:DeleteObject arn:aws:s3:::acme-legacy/*',
          '* s3:PutObject arn:aws:s3:::acme-legacy/*',
        ],
      ],
      [
        'a public ACL resource destroyed',
        'aws_s3_bucket_acl.media',
        [
          '* s3:ListBucket arn:aws:s3:::acme-media',
          '* s3:ListBucketMultipartUploads arn:aws:s3:::acme-media',
          '* s3:ListBucketVersions arn:aws:s3:::acme-media',
        ],
      ],
    ])('%s: who is no longer admitted, and nothing gained', (_name, subject, expected) => {
      expect(unadmitted(subject).sort()).toEqual([...expected].sort());
      expect(changes.find((c) => c.subject === subject)?.gained).toEqual([]);
    });

    it.each([
      ['text', '- no longer admits `*` (anyone) to `s3:GetObject` on `arn:aws:s3:::acme-www/*`'],
      [
        'markdown',
        '**resource `aws_s3_bucket_acl.site`** (`aws_s3_bucket_acl.site (ACL)`) no longer admits `*` (anyone) to `s3:ListBucket`',
      ],
    ])('--format %s says it', (format, expected) => {
      expect(shown('closures.json', format)).toContain(expected);
    });

    it('what the plan removes is not checked as what it leaves: no finding', () => {
      const { code, stdout } = run(TF_SCAN, [lifecycle('closures.json'), '--format', 'json']);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as { findings: unknown[] }).findings).toEqual([]);
    });
  });

  describe('trust.json: trust widened on kept roles, AdministratorAccess where ReadOnlyAccess was', () => {
    const changes = changesOf('trust.json');
    const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    interface Admission {
      readonly principal: string;
      readonly sub?: string;
      readonly action: string;
      readonly before: string;
      readonly after: string;
    }
    const admitted = (subject: string): string[] =>
      (
        (changes.find((c) => c.subject === subject)?.['admits'] as { gained: Admission[] } | undefined)?.gained ?? []
      ).map((a) => [a.principal, a.sub, a.action, `${a.before}>${a.after}`].filter(Boolean).join(' '));

    it.each([
      [
        'an OIDC subject widened from one branch to every repository of the owner',
        'aws_iam_role.deploy',
        [`${GITHUB} repo:acme/* sts:AssumeRoleWithWebIdentity denied>conditional`],
      ],
      [
        "a vendor's external id condition removed",
        'aws_iam_role.vendor',
        ['arn:aws:iam::999988887777:root sts:AssumeRole conditional>allowed'],
      ],
      [
        'another account added, and session tags',
        'aws_iam_role.cross',
        [
          'arn:aws:iam::444455556666:role/ci sts:TagSession denied>allowed',
          'arn:aws:iam::777788889999:root sts:AssumeRole denied>allowed',
          'arn:aws:iam::777788889999:root sts:TagSession denied>allowed',
        ],
      ],
    ])('%s: who may newly assume the role', (_name, subject, expected) => {
      expect(admitted(subject)).toEqual(expected);
    });

    it.each([
      [
        'text',
        [
          '+ may now be assumed by `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com` with `sub` `repo:acme/*` (`sts:AssumeRoleWithWebIdentity`) (under conditions)',
          '+ may now be assumed by `arn:aws:iam::999988887777:root` (`sts:AssumeRole`) (now unconditionally)',
        ],
      ],
      [
        'markdown',
        [
          ':heavy_plus_sign: **role `aws_iam_role.cross`** (`aws_iam_role.cross.assume_role_policy`) may now be assumed by `arn:aws:iam::777788889999:root` (`sts:AssumeRole`, `sts:TagSession`)',
        ],
      ],
    ])('--format %s says who may newly assume each role', (format, expected) => {
      const out = shown('trust.json', format);
      for (const line of expected) expect(out).toContain(line);
    });

    it('AdministratorAccess where ReadOnlyAccess was: the gain is counted across services, IAM and STS named first', () => {
      const gained = changes.find((c) => c.subject === 'aws_iam_role.ops')?.gained ?? [];
      const line = shown('trust.json', 'text')
        .split('\n')
        .find((l) => l.includes('+ gains'));
      const counted = /\+ gains (\d+) actions of (\d+) services \(`iam:\w+`, `sts:\w+`, /.exec(line ?? '');
      expect(counted).not.toBeNull();
      expect(Number(counted?.[2])).toBeGreaterThan(300);
      // Every action gained, counted before being cut (the JSON report keeps them by service).
      expect(Number(counted?.[1])).toBeGreaterThanOrEqual(gained.length);
    });
  });

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
