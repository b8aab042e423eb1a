/**
 * What update plans change (integ/tf-scan/changes28, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first): an organization's SCPs and RCPs
 * with where they apply, and three plans as a reviewer reads them (five roles tightened, an account
 * baseline, keys renamed and resources moved). Each row checked by hand against IAM's rules.
 */
import * as path from 'node:path';
import { listResourceTypes, listServiceActions } from '@iamgate/core';
import { perAction } from '../changed-actions';
import { runTfScan } from '../run-tf-scan';
import type { Report } from '../run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/changes28', name);

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
  readonly kind: string;
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
  readonly unresolved?: readonly string[];
  readonly invalid?: readonly string[];
  readonly targets?: readonly { target: string; targetKind: string; change?: string }[];
  readonly boundary?: { before?: string; after?: string };
}

const row = (d: Delta): string =>
  `${d.action} ${d.resource} ${d.before}>${d.after}${d.except === undefined ? '' : ` except ${d.except.join(',')}`}`;

const reports = new Map<string, { status: number | null; report: Report & { changes?: Change[] } }>();
function json(name: string): { status: number | null; changes: Map<string, Change>; report: Report } {
  let found = reports.get(name);
  if (found === undefined) {
    const { status, stdout, stderr } = runTfScan([plan(name), '--format', 'json']);
    expect(stderr).toBe('');
    found = { status, report: JSON.parse(stdout) as Report & { changes?: Change[] } };
    reports.set(name, found);
  }
  const list = found.report.changes ?? [];
  return { status: found.status, changes: new Map(list.map((c) => [c.subject, c])), report: found.report };
}
const text = (name: string, format: 'text' | 'markdown'): string =>
  runTfScan([plan(name), '--format', format, '--fail-on', 'never']).stdout;

describe("an organization's SCPs and RCPs and where they apply (organization.json)", () => {
  it('lists each policy changed and each attachment added or destroyed, in plan order', () => {
    expect([...json('organization.json').changes.values()].map((c) => [c.subject, c.kind])).toEqual([
      ['aws_organizations_policy.perimeter', 'rcp'],
      ['aws_organizations_policy.guard', 'scp'],
      ['aws_organizations_policy_attachment.guard_payments', 'scp'],
      ['aws_organizations_policy_attachment.guard_sandbox', 'scp'],
      ['aws_organizations_policy_attachment.regions_analytics', 'scp'],
      ['aws_organizations_policy.broken', 'scp'],
    ]);
  });

  it.each<[string, string[], string[], Change['targets']]>([
    // AWS: an RCP Deny refuses every caller on the resources of the accounts under it; the new
    // version also refuses rewriting a bucket policy, everywhere under the root.
    [
      'aws_organizations_policy.perimeter',
      [],
      ['s3:PutBucketPolicy * allowed>denied'],
      [{ target: 'r-ab12', targetKind: 'root' }],
    ],
    // The Deny of leaving removed; the OU it stays attached to may now leave.
    [
      'aws_organizations_policy.guard',
      ['organizations:LeaveOrganization * denied>allowed'],
      [],
      [{ target: 'ou-ab12-34567890', targetKind: 'ou' }],
    ],
    // Attached to an account: the new version's Deny of creating users applies there.
    [
      'aws_organizations_policy_attachment.guard_payments',
      [],
      ['iam:CreateUser * allowed>denied'],
      [{ target: '444455556666', targetKind: 'account', change: 'attached' }],
    ],
    // Detached from the sandbox OU: what the version it had there denied is given back.
    [
      'aws_organizations_policy_attachment.guard_sandbox',
      ['iam:CreateUser * denied>allowed', 'organizations:LeaveOrganization * denied>allowed'],
      [],
      [{ target: 'ou-ab12-11111111', targetKind: 'ou', change: 'detached' }],
    ],
    // An unchanged SCP attached to one more account: instances only in eu-west-1 there.
    [
      'aws_organizations_policy_attachment.regions_analytics',
      [],
      ['ec2:RunInstances * allowed>conditional'],
      [{ target: '555566667777', targetKind: 'account', change: 'attached' }],
    ],
  ])('%s', (subject, gained, lost, targets) => {
    const c = json('organization.json').changes.get(subject);
    expect(c?.gained.map(row)).toEqual(gained);
    expect(c?.lost.map(row)).toEqual(lost);
    expect(c?.targets).toEqual(targets);
  });

  it('an SCP whose new text is not JSON is invalid, not unknown until apply', () => {
    const { changes, report } = json('organization.json');
    const broken = changes.get('aws_organizations_policy.broken');
    expect([broken?.invalid, broken?.unresolved, broken?.gained, broken?.lost]).toEqual([
      ['aws_organizations_policy.broken'],
      undefined,
      [],
      [],
    ]);
    const finding = report.findings.find((f) => f.ruleId === 'policy-validity/invalid-policy');
    expect(finding?.message).toContain('line 1 column 59');
    const out = text('organization.json', 'text');
    expect(out).toContain('`aws_organizations_policy.broken` is not a valid policy');
    expect(out).not.toContain('unknown until apply');
  });

  it.each(['text', 'markdown'] as const)('%s names where each change applies', (format) => {
    const out = text('organization.json', format);
    for (const sentence of [
      'rcp `aws_organizations_policy.perimeter` on root `r-ab12`',
      'no longer permits `s3:PutBucketPolicy` on every resource of the member accounts it applies to',
      'scp `aws_organizations_policy_attachment.guard_payments` attached to account `444455556666`',
      'scp `aws_organizations_policy_attachment.guard_sandbox` detached from OU `ou-ab12-11111111`',
      'newly permits `iam:CreateUser`, `organizations:LeaveOrganization` on every resource',
      'no longer permits `ec2:RunInstances` on every resource (now only under conditions)',
    ])
      expect(out).toContain(sentence);
  });
});

describe('an organization reorganized (reorganized.json)', () => {
  it('lists the attachments that change what an account may do, and no pair that cancels out', () => {
    const { changes, status } = json('reorganized.json');
    expect(status).toBe(0);
    expect([...changes.values()].map((c) => [c.subject, c.targets, c.gained.map(row), c.lost.map(row)])).toEqual([
      // AWS: an account moved into an OU is under the SCPs attached to it.
      [
        'aws_organizations_policy_attachment.guard_data',
        [{ target: 'aws_organizations_organizational_unit.data', targetKind: 'ou', change: 'attached' }],
        [],
        ['iam:CreateUser * allowed>denied'],
      ],
      // Its OU exists (a data source reads its id at apply): listed, named as the plan refers to it.
      [
        'aws_organizations_policy_attachment.guard_prod',
        [{ target: 'data.aws_organizations_organizational_unit.prod.id', targetKind: 'unknown', change: 'attached' }],
        [],
        ['iam:CreateUser * allowed>denied'],
      ],
      // The tag policy it replaces denied nothing: only attached, not also "detached".
      [
        'aws_organizations_policy_attachment.naming_payments',
        [{ target: '444455556666', targetKind: 'account', change: 'attached' }],
        [],
        ['iam:CreateUser * allowed>denied'],
      ],
      ['aws_organizations_policy.legacy', [{ target: 'ou-ab12-34567890', targetKind: 'ou' }], [], []],
      // Its document change applies nowhere the plan shows after apply.
      ['aws_organizations_policy.retired', [], ['iam:DeleteRole * denied>allowed'], []],
      [
        'aws_organizations_policy_attachment.retired_payments',
        [{ target: '444455556666', targetKind: 'account', change: 'detached' }],
        ['iam:CreateUser * denied>allowed', 'iam:DeleteRole * denied>allowed'],
        [],
      ],
    ]);
  });

  it('an old version that was no policy is said of the old version, with no finding to point at', () => {
    const { changes, report } = json('reorganized.json');
    const legacy = changes.get('aws_organizations_policy.legacy') as Change & { invalidBefore?: string[] };
    expect([legacy.invalid, legacy.invalidBefore]).toEqual([undefined, ['aws_organizations_policy.legacy']]);
    expect(report.findings.filter((f) => f.ruleId === 'policy-validity/invalid-policy')).toEqual([]);
    const out = text('reorganized.json', 'text');
    expect(out).toContain(
      'the previous content of `aws_organizations_policy.legacy` is not a valid policy: what changed is not compared',
    );
    expect(out).toContain('scp `aws_organizations_policy.retired` attached nowhere in this plan');
    expect(out).not.toContain('finding says where');
  });
});

describe('a platform team tightens five roles (platform.json)', () => {
  const TABLES = 'arn:aws:dynamodb:eu-west-1:111122223333:table';
  const QUEUES = 'arn:aws:sqs:eu-west-1:111122223333';

  it('every role only loses: nothing gained anywhere', () => {
    const { changes, status } = json('platform.json');
    expect([...changes.keys()]).toEqual([
      'aws_iam_role.site_deploy',
      'aws_iam_role.orders_api',
      'aws_iam_role.reports',
      'aws_iam_role.queue_worker',
      'aws_iam_role.etl',
    ]);
    expect([...changes.values()].flatMap((c) => c.gained)).toEqual([]);
    // `glue:StartJobRun` on `*` stays a warning: nothing blocks.
    expect(status).toBe(0);
  });

  // IAM: `s3:*` and `cloudfront:*` on `*` before; after, four S3 actions on the site bucket or its
  // objects and one CloudFront action on one distribution: the rest lost everywhere, those five
  // everywhere but where they are kept.
  it('site_deploy: every other S3 and CloudFront action everywhere, the kept ones but where kept', () => {
    const SITE = 'arn:aws:s3:::acme-site';
    const DISTRIBUTION = 'arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE';
    const lost = json('platform.json').changes.get('aws_iam_role.site_deploy')?.lost ?? [];
    expect(lost.map((d) => [row(d), d.exceptActions])).toEqual([
      ['cloudfront:* * allowed>denied', ['cloudfront:CreateInvalidation']],
      [`cloudfront:CreateInvalidation * allowed>denied except ${DISTRIBUTION}`, undefined],
      ['s3:* * allowed>denied', ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']],
      [`s3:DeleteObject * allowed>denied except ${SITE}/*`, undefined],
      [`s3:GetObject * allowed>denied except ${SITE}/*`, undefined],
      [`s3:ListBucket * allowed>denied except ${SITE}`, undefined],
      [`s3:PutObject * allowed>denied except ${SITE}/*`, undefined],
    ]);
    const shown = text('platform.json', 'text');
    expect(shown).toContain(
      '- loses every `cloudfront` action (but `cloudfront:CreateInvalidation`), every `s3` action (but `s3:DeleteObject`, `s3:GetObject`, `s3:ListBucket`, `s3:PutObject`) on every resource\n',
    );
    expect(shown).toContain(
      `- loses \`s3:DeleteObject\`, \`s3:GetObject\`, \`s3:PutObject\` on every resource except \`${SITE}/*\`\n`,
    );
    expect(shown).not.toContain('`s3:*` on every resource');
  });

  // IAM: the objects of every acme- bucket were readable; only acme-reports' still are.
  it('reports: every acme- bucket but acme-reports', () => {
    expect(json('platform.json').changes.get('aws_iam_role.reports')?.lost.map(row)).toEqual([
      's3:GetObject arn:aws:s3:::acme-*/* allowed>denied except arn:aws:s3:::acme-reports/*',
    ]);
  });

  // IAM: every DynamoDB action on every table before; three on the orders table after.
  // The rest of the service: DynamoDB's 61 actions on tables, one `dynamodb:*` row leaving out the
  // kept three and the catalog's others (they act on no table); SQS's all but a few, one `sqs:*`
  // row leaving out the kept three and `sqs:ListQueues` (on `*` only, never held on a queue).
  it.each<[string, string, string, string[], (rest: readonly Delta[]) => void]>([
    [
      'aws_iam_role.orders_api',
      `${TABLES}/*`,
      `${TABLES}/orders`,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      (rest) => {
        // Every DynamoDB action on a resource type whose ARN is a table's or under one (its
        // backups, exports, imports, streams), but the three kept: 61 in the catalog.
        const onTables = new Set(
          listResourceTypes('dynamodb')
            .filter((t) => t.arnTemplate.includes(':${Account}:table/'))
            .map((t) => t.name),
        );
        const kept = new Set(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
        const expected = listServiceActions('dynamodb')
          .filter((a) => !kept.has(a.action) && a.resourceTypes.some((t) => onTables.has(t.name)))
          .map((a) => a.action)
          .sort();
        expect(expected).toHaveLength(61);
        // More than half the service: one `dynamodb:*` row, what it leaves out named.
        expect(rest.map((d) => d.action)).toEqual(['dynamodb:*']);
        expect(
          perAction(rest)
            .map((d) => d.action)
            .sort(),
        ).toEqual(expected);
      },
    ],
    [
      'aws_iam_role.queue_worker',
      `${QUEUES}:*`,
      `${QUEUES}:jobs`,
      ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'],
      (rest) => {
        expect(rest.map((d) => [d.action, d.exceptActions])).toEqual([
          ['sqs:*', ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ListQueues', 'sqs:ReceiveMessage']],
        ]);
      },
    ],
  ])(
    '%s: the rest of the service on every one, the kept actions but on the one kept',
    (subject, all, kept, actions, rest) => {
      const lost = json('platform.json').changes.get(subject)?.lost ?? [];
      expect(lost.every((d) => d.resource === all && d.before === 'allowed' && d.after === 'denied')).toBe(true);
      expect(lost.filter((d) => d.except !== undefined).map(row)).toEqual(
        actions.map((a) => `${a} ${all} allowed>denied except ${kept}`),
      );
      rest(lost.filter((d) => d.except === undefined));
    },
  );

  // IAM: the boundary allows S3, Glue and Logs; the inline SQS grant is cut, the rest kept.
  it('etl: the boundary set cuts its SQS grant only', () => {
    const etl = json('platform.json').changes.get('aws_iam_role.etl');
    expect(etl?.boundary).toEqual({ after: 'arn:aws:iam::111122223333:policy/platform-boundary' });
    expect(etl?.lost.map(row)).toEqual([`sqs:SendMessage ${QUEUES}:etl-done allowed>denied`]);
  });

  it.each(['text', 'markdown'] as const)('%s: a line per kind of loss, none repeated', (format) => {
    const out = text('platform.json', format);
    expect(out).toContain('permissions boundary `arn:aws:iam::111122223333:policy/platform-boundary` set');
    expect(out).toContain('loses `s3:GetObject` on `arn:aws:s3:::acme-*/*` except `arn:aws:s3:::acme-reports/*`');
    expect(out).toContain(
      `loses \`dynamodb:GetItem\`, \`dynamodb:PutItem\`, \`dynamodb:Query\` on \`${TABLES}/*\` except \`${TABLES}/orders\``,
    );
    const lines = out.split('\n').filter((l) => /\b(gains|loses)\b/.test(l));
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('an account baseline: SCP, RCP, break-glass role (baseline.json)', () => {
  it('the SCP fenced to two Regions on its OU, the new RCP attached to the root', () => {
    const { changes } = json('baseline.json');
    expect(
      [...changes.values()].map((c) => [c.subject, c.kind, c.gained.map(row), c.lost.map(row), c.targets]),
    ).toEqual([
      // AWS: instances may now be launched only where aws:RequestedRegion is eu-west-1 or eu-central-1.
      [
        'aws_organizations_policy.baseline',
        'scp',
        [],
        ['ec2:RunInstances * allowed>conditional'],
        [{ target: 'ou-ab12-34567890', targetKind: 'ou' }],
      ],
      // AWS: S3 in every account of the organization only for its own principals and AWS services.
      [
        'aws_organizations_policy_attachment.perimeter_root',
        'rcp',
        [],
        ['s3:* * allowed>conditional'],
        [{ target: 'r-ab12', targetKind: 'root', change: 'attached' }],
      ],
    ]);
  });

  it('the new break-glass role is no change (it did not exist) but an administrator: the build fails', () => {
    const { status, report, changes } = json('baseline.json');
    expect(changes.has('aws_iam_role.break_glass')).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.principal])).toEqual([
      ['admin-access/full-access', 'aws_iam_role.break_glass'],
    ]);
    expect(status).toBe(1);
  });

  it.each(['text', 'markdown'] as const)('%s', (format) => {
    const out = text('baseline.json', format);
    expect(out).toContain('scp `aws_organizations_policy.baseline` on OU `ou-ab12-34567890`');
    expect(out).toContain('rcp `aws_organizations_policy_attachment.perimeter_root` attached to root `r-ab12`');
    expect(out).toContain(
      'no longer permits `s3:*` on every resource of the member accounts it applies to (now only under conditions)',
    );
  });
});

describe('for_each keys renamed and moved blocks, nothing changed in AWS (moves.json)', () => {
  it('no change, no finding, in every format', () => {
    const { status, changes, report } = json('moves.json');
    expect([status, [...changes.keys()], report.findings]).toEqual([0, [], []]);
    expect(text('moves.json', 'text')).not.toContain('What this plan changes');
    expect(text('moves.json', 'markdown')).not.toContain('What this plan changes');
  });
});
