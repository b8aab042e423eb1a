/**
 * Plans of an infrastructure that already exists (integ/tf-scan/lifecycle, written by
 * `build-plans.js`), through the real binary (`npx tsc -b packages/core packages/tf-scan` first):
 * per plan, the rules reported at each address and the `changes` rows. What a plan removes,
 * narrows or detaches is not reported on the copy a kept resource still shows; what it adds is.
 */
import * as path from 'node:path';
import { perAction } from './changed-actions';
import { jsonReport, runTfScan } from './run-tf-scan';
import type { Finding } from './run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/lifecycle', name);

interface Delta {
  readonly exceptActions?: readonly string[];
  readonly except?: readonly string[];
  readonly action: string;
  readonly resource: string;
}
interface Admission {
  readonly exceptActions?: readonly string[];
  readonly principal: string;
  readonly action: string;
  readonly resource?: string;
}
interface Change {
  readonly subject: string;
  readonly policies: readonly string[];
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
  readonly unresolved?: readonly string[];
  readonly admits?: { readonly gained: readonly Admission[]; readonly lost: readonly Admission[] };
}

/** Rows of a delta list: exactly these, or (`{ includes }`) at least these. */
type Rows = readonly string[] | { readonly includes: readonly string[] };
interface ExpectedChange {
  readonly subject: string;
  readonly policies: readonly string[];
  readonly gained?: Rows;
  readonly lost?: Rows;
  /** Who a changed trust or resource policy newly admits (`principal action [resource]`). */
  readonly admitted?: Rows;
  /** Who it no longer admits. */
  readonly unadmitted?: Rows;
}

/** `action resource`, with ` but a,b` for a `service:*` row leaving out a few actions, ` except r` for a row on `*` but some. */
const row = (d: Delta): string =>
  [
    d.action,
    d.resource,
    d.exceptActions && `but ${d.exceptActions.join(',')}`,
    d.except && `except ${d.except.join(',')}`,
  ]
    .filter(Boolean)
    .join(' ');
const admissionRow = (a: Admission): string =>
  [a.principal, a.action, a.resource, a.exceptActions && `but ${a.exceptActions.join(',')}`].filter(Boolean).join(' ');
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const READ_ONLY_RULES = ['credentials-exposure/unscoped-credential-action', 'data-exfiltration/unscoped-read'];

function verdicts(findings: readonly Finding[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const f of findings) (out[f.location.address ?? '(none)'] ??= new Set()).add(f.ruleId);
  return Object.fromEntries(Object.entries(out).map(([a, ids]) => [a, [...ids].sort()]));
}

/** Rows as shown; the rows a list `includes` are looked for among them one action each (a `service:*` row holds them). */
function checkRows<T extends { readonly action: string; readonly exceptActions?: readonly string[] }>(
  rows: readonly T[],
  show: (row: Omit<T, 'exceptActions'>) => string,
  expected: Rows | undefined,
): void {
  if (expected === undefined) return;
  if (Array.isArray(expected)) expect(rows.map(show)).toEqual(expected);
  else expect(perAction(rows).map(show)).toEqual(expect.arrayContaining((expected as { includes: string[] }).includes));
}

const cases: readonly {
  readonly name: string;
  readonly file: string;
  readonly findings: Record<string, readonly string[]>;
  readonly changes: readonly ExpectedChange[] | undefined;
}[] = [
  {
    name: 'a fix PR (bucket policy narrowed, admin detached, PassRole removed, trust narrowed, boundary added) ends with no finding on what is gone',
    file: 'fix.json',
    findings: {
      // ReadOnlyAccess stays; AdministratorAccess, detached, is not reported on the role's stale list.
      'aws_iam_role.ops': READ_ONLY_RULES,
      'aws_iam_role_policy.app': ['wildcard-action/service-wildcard'],
    },
    changes: [
      // Detached: everything AdministratorAccess gave beyond ReadOnlyAccess is lost, reads are kept.
      {
        subject: 'aws_iam_role.ops',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        gained: [],
        lost: { includes: ['iam:PassRole *', 's3:PutObject *', 'ec2:TerminateInstances *'] },
      },
      { subject: 'aws_iam_role.deploy', policies: ['aws_iam_policy.deploy'], gained: [], lost: ['iam:PassRole *'] },
      // Trust narrowed from anyone to EC2: anyone loses the assume (EC2, part of anyone, keeps it).
      {
        subject: 'aws_iam_role.partner',
        policies: ['aws_iam_role.partner.assume_role_policy'],
        gained: [],
        lost: [],
        admitted: [],
        unadmitted: ['* sts:AssumeRole'],
      },
      {
        subject: 'aws_iam_role.app',
        policies: ['aws_iam_policy.boundary'],
        gained: [],
        lost: { includes: ['s3:PutObject arn:aws:s3:::acme-data/*', 's3:DeleteObject arn:aws:s3:::acme-data/*'] },
      },
      {
        subject: 'aws_s3_bucket_policy.site',
        policies: ['aws_s3_bucket_policy.site'],
        gained: [],
        lost: ['s3:GetObject arn:aws:s3:::acme-site/*', 's3:PutObject arn:aws:s3:::acme-site/*'],
        // CloudFront keeps reads, under the SourceArn condition: the one row besides anyone's.
        admitted: [],
        unadmitted: [
          '* s3:GetObject arn:aws:s3:::acme-site/*',
          '* s3:PutObject arn:aws:s3:::acme-site/*',
          'cloudfront.amazonaws.com s3:GetObject arn:aws:s3:::acme-site/*',
        ],
      },
    ],
  },
  {
    name: 'a risky PR (a user joins the admins, a group gets PassRole, trust of another account, iam:* added, a boundary removed) is reported and shown',
    file: 'risky.json',
    findings: {
      'aws_iam_group.admins': ['admin-access/full-access'],
      'aws_iam_group_policy.devs': [
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
      ],
      'aws_iam_policy.builder': [
        // `iam:*` on `*`: administrator access and its escalation paths, not again as a wildcard, writes, credentials.
        'admin-access/service-admin',
        'privilege-escalation/iam-policy-modification',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/user-credentials',
      ],
      // No longer a boundary: a policy of the account like any other.
      'aws_iam_policy.fence': ['data-exfiltration/unscoped-read'],
      'aws_iam_role.ci': ['trust-policy/account-root', 'trust-policy/cross-account-external-id'],
      // Unbounded now: what the role's own policy allows is what it may do.
      'aws_iam_role_policy.etl': ['data-exfiltration/unscoped-read', 'wildcard-resource/write-on-star'],
      'aws_iam_user.alice': ['admin-access/full-access'],
    },
    changes: [
      { subject: 'aws_iam_user.alice', policies: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
      {
        subject: 'aws_iam_user.bob',
        policies: ['aws_iam_group_policy.devs'],
        gained: ['iam:PassRole *', 'lambda:CreateFunction *', 'lambda:InvokeFunction *'],
        lost: [],
      },
      {
        subject: 'aws_iam_group.devs',
        policies: ['aws_iam_group_policy.devs'],
        gained: ['iam:PassRole *', 'lambda:CreateFunction *', 'lambda:InvokeFunction *'],
        lost: [],
      },
      // Trust moved from EC2 to another account's root.
      {
        subject: 'aws_iam_role.ci',
        policies: ['aws_iam_role.ci.assume_role_policy'],
        gained: [],
        lost: [],
        admitted: ['arn:aws:iam::999988887777:root sts:AssumeRole'],
        unadmitted: ['ec2.amazonaws.com sts:AssumeRole'],
      },
      {
        subject: 'aws_iam_role.builder',
        policies: ['aws_iam_policy.builder'],
        // Every IAM action: one row in the JSON report (`iam:*`), not one per action.
        gained: ['iam:* *'],
        lost: [],
      },
      // Its boundary removed: what the boundary cut of its inline policy is gained.
      {
        subject: 'aws_iam_role.etl',
        policies: ['arn:aws:iam::111122223333:policy/fence'],
        gained: ['sqs:SendMessage *'],
        lost: [],
      },
    ],
  },
  {
    name: 'replacements: the old role policy, attachment and managed policy ARN a kept role still shows are gone',
    file: 'replace.json',
    findings: { 'aws_iam_role.ops': READ_ONLY_RULES },
    changes: [
      {
        subject: 'aws_iam_role.worker',
        policies: ['aws_iam_role_policy.worker'],
        gained: [],
        // `s3:*` on `*` narrowed to `s3:GetObject` on acme-in's objects: the rest of S3 lost
        // everywhere, the read everywhere but there.
        lost: ['s3:* * but s3:GetObject', 's3:GetObject * except arn:aws:s3:::acme-in/*'],
      },
      // AdministratorAccess replaced by ReadOnlyAccess: nothing gained (reads were allowed), the rest lost.
      {
        subject: 'aws_iam_role.ops',
        policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'],
        gained: [],
        lost: { includes: ['iam:PassRole *', 's3:PutObject *'] },
      },
      {
        subject: 'aws_iam_role.svc',
        policies: ['aws_iam_policy.shared'],
        gained: [],
        lost: ['sqs:DeleteMessage arn:aws:sqs:eu-west-1:111122223333:jobs'],
      },
    ],
  },
  {
    name: 'deletes, moves, imports, forgets and a deposed object: nothing for what goes, nothing gained by what moves',
    file: 'moves.json',
    findings: {
      // Forgotten by Terraform, the inline policy is left on the role in AWS.
      'aws_iam_role.kept': ['admin-access/full-access'],
      'aws_iam_policy.launcher': [
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
      ],
      'aws_iam_role.imported': READ_ONLY_RULES,
      'aws_iam_role.reports': READ_ONLY_RULES,
    },
    changes: undefined,
  },
  {
    name: 'exclusive attachments: what they leave off is not the role’s, a role they add gains the policy',
    file: 'exclusive.json',
    findings: { 'aws_iam_role.svc': READ_ONLY_RULES },
    changes: [
      {
        subject: 'aws_iam_role.b',
        policies: ['aws_iam_policy.readers'],
        gained: [],
        lost: [
          'sqs:DeleteMessage arn:aws:sqs:eu-west-1:111122223333:events',
          'sqs:ReceiveMessage arn:aws:sqs:eu-west-1:111122223333:events',
        ],
      },
      {
        subject: 'aws_iam_role.c',
        policies: ['aws_iam_policy.readers'],
        gained: [
          'sqs:DeleteMessage arn:aws:sqs:eu-west-1:111122223333:events',
          'sqs:ReceiveMessage arn:aws:sqs:eu-west-1:111122223333:events',
        ],
        lost: [],
      },
      // Left off the exclusive list: AdministratorAccess and an inline policy made outside Terraform.
      {
        subject: 'aws_iam_role.svc',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess', 'aws_iam_role.svc.inline_policy.stray'],
        gained: [],
        lost: { includes: ['iam:PassRole *'] },
      },
    ],
  },
  {
    name: 'queue, topic, key, secret and domain policies narrowed or destroyed by their dedicated resource: no public finding',
    file: 'resource-policies.json',
    findings: {},
    changes: [
      // Narrowed from anyone to the account: anyone loses, the account (part of anyone) keeps.
      {
        subject: 'aws_sqs_queue_policy.jobs',
        policies: ['aws_sqs_queue_policy.jobs'],
        admitted: [],
        unadmitted: ['* sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs'],
      },
      {
        subject: 'aws_kms_key_policy.data',
        policies: ['aws_kms_key_policy.data'],
        lost: [],
        // A key policy's `*` is the key.
        // Every KMS action but `kms:Decrypt`, which anyone (the account too) was admitted to before.
        admitted: [`arn:aws:iam::111122223333:root kms:* ${KEY} but kms:Decrypt`],
        unadmitted: [`* kms:Decrypt ${KEY}`],
      },
      {
        subject: 'aws_secretsmanager_secret_policy.db',
        policies: ['aws_secretsmanager_secret_policy.db'],
        admitted: [],
        unadmitted: ['* secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf'],
      },
      {
        subject: 'aws_opensearch_domain_policy.search',
        policies: ['aws_opensearch_domain_policy.search'],
        gained: [],
        lost: { includes: ['es:ESHttpPost arn:aws:es:eu-west-1:111122223333:domain/search/*'] },
        // The account keeps the reads it had through anyone, and loses writes as anyone does.
        admitted: [],
        unadmitted: {
          includes: [
            '* es:ESHttpGet arn:aws:es:eu-west-1:111122223333:domain/search/*',
            '* es:ESHttpPost arn:aws:es:eu-west-1:111122223333:domain/search/*',
          ],
        },
      },
      { subject: 'aws_kms_key_policy.logs', policies: ['aws_kms_key_policy.logs'], lost: [] },
      // Destroyed while its topic stays: the topic is left with its default policy, anyone loses.
      {
        subject: 'aws_sns_topic_policy.alerts',
        policies: ['aws_sns_topic_policy.alerts'],
        gained: [],
        admitted: [],
        unadmitted: ['* sns:Publish arn:aws:sns:eu-west-1:111122223333:alerts'],
      },
    ],
  },
  {
    name: 'roles replaced under the same name: compared with what the previous object held, gains and losses both; a new name is a new role',
    file: 'replace-same-name.json',
    findings: {
      'aws_iam_role.ci': ['admin-access/full-access'],
      'aws_iam_role.ops': READ_ONLY_RULES,
    },
    changes: [
      // The widened inline policy gains; the one put outside Terraform is not on the new object.
      {
        subject: 'aws_iam_role.app',
        policies: ['aws_iam_role_policy.app', 'aws_iam_role.app.inline_policy.stray'],
        gained: ['s3:PutObject arn:aws:s3:::acme-reports/*'],
        lost: ['sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs'],
      },
      // ReadOnlyAccess is attached again: only what AdministratorAccess gave beyond it is lost.
      {
        subject: 'aws_iam_role.ops',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        gained: [],
        lost: { includes: ['iam:PassRole *', 's3:PutObject *'] },
      },
      {
        subject: 'aws_iam_role.ci',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        gained: ['* *'],
        lost: [],
      },
    ],
  },
];

describe('tf-scan on plans of existing infrastructure', () => {
  it.each(cases)('$name', ({ file, findings, changes }) => {
    const report = jsonReport([plan(file)]) as ReturnType<typeof jsonReport> & { changes?: Change[] };
    expect([report.stderr, report.errors]).toEqual(['', []]);
    expect(verdicts(report.findings)).toEqual(findings);
    if (changes === undefined) {
      expect(report).not.toHaveProperty('changes');
      return;
    }
    const actual = report.changes ?? [];
    expect(actual.map((c) => [c.subject, c.policies])).toEqual(changes.map((c) => [c.subject, c.policies]));
    changes.forEach((expected, i) => {
      checkRows(actual[i]?.gained ?? [], row, expected.gained);
      checkRows(actual[i]?.lost ?? [], row, expected.lost);
      checkRows(actual[i]?.admits?.gained ?? [], admissionRow, expected.admitted);
      checkRows(actual[i]?.admits?.lost ?? [], admissionRow, expected.unadmitted);
      expect(actual[i]?.unresolved).toBeUndefined();
    });
  });

  // An AWS managed policy a user holds through a group is the user's as much as the group's.
  it('a kept user joining a group with AdministratorAccess is reported, and gains every action', () => {
    const report = jsonReport([plan('risky.json')]) as ReturnType<typeof jsonReport> & { changes?: Change[] };
    expect(report.findings.some((f) => f.principal === 'aws_iam_user.alice')).toBe(true);
    const alice = report.changes?.find((c) => c.subject === 'aws_iam_user.alice');
    // Every action of every service, as one row.
    expect(alice?.gained.map(row)).toEqual(['* *']);
  });
});

describe('newer.json: moves that change, imports, drift, checks, ephemeral resources and write-only arguments', () => {
  const report = (): ReturnType<typeof jsonReport> & { changes?: Change[] } => jsonReport([plan('newer.json')]);

  it('what an imported role held before is reported, not a gain; a policy computed from an ephemeral resource is unverifiable', () => {
    const { stderr, errors, findings } = report();
    expect([stderr, errors]).toEqual(['', []]);
    expect(verdicts(findings)).toEqual({
      'aws_iam_role.legacy': ['admin-access/full-access'],
      'aws_iam_role_policy.dynamic': ['unverifiable/unresolved-policy'],
      'aws_iam_role_policy.later': ['unverifiable/unresolved-policy'],
    });
    const deferred = findings.find((f) => f.location.address === 'aws_iam_role_policy.later') as
      { message: string } | undefined;
    // `unknown` is Terraform's own word for a reason it cannot tell, not one this version misses.
    expect(deferred?.message).toContain('Terraform deferred it to a later plan for a reason it does not give');
    const unresolved = findings.find((f) => f.location.address === 'aws_iam_role_policy.dynamic') as
      { message: string } | undefined;
    expect(unresolved?.message).toContain('`ephemeral.aws_secretsmanager_secret_version.policy');
  });

  it('a policy moved and widened gains under its new address; an import that opens a trust admits the partner; drift the plan puts back is a closure, not a gain', () => {
    const changes = report().changes ?? [];
    expect(changes.map((c) => [c.subject, c.policies])).toEqual([
      ['aws_iam_role.reports', ['aws_iam_role_policy.reports']],
      ['aws_iam_role.vendor', ['aws_iam_role.vendor.assume_role_policy']],
      ['aws_iam_role.app', ['aws_iam_role_policy.dynamic', 'aws_iam_role.app.assume_role_policy']],
    ]);
    expect(changes[0]?.gained.map(row)).toEqual(['s3:PutObject arn:aws:s3:::acme-reports/*']);
    expect(changes[1]?.admits?.gained.map(admissionRow)).toEqual(['arn:aws:iam::999988887777:root sts:AssumeRole']);
    // The trust opened outside Terraform (resource_drift) is what the plan starts from: it closes it.
    expect(changes[2]?.admits?.gained).toEqual([]);
    expect(changes[2]?.admits?.lost.map(admissionRow)).toEqual(['* sts:AssumeRole']);
    expect(changes[2]?.unresolved).toEqual(['aws_iam_role_policy.dynamic']);
  });
});

describe('refresh-only.json: a refresh-only plan (`terraform plan -refresh-only`) of an estate that drifted', () => {
  const refreshOnly = (): ReturnType<typeof jsonReport> & { changes?: Change[] } =>
    jsonReport([plan('refresh-only.json')]);
  const kept = (): ReturnType<typeof jsonReport> & { changes?: Change[] } =>
    jsonReport([plan('refresh-only-kept.json')]);
  const NOTE =
    'a refresh-only plan (`terraform plan -refresh-only`): it changes nothing in AWS; the IAM of the refreshed state (`prior_state`, drift included) is judged as it exists';

  it('the IAM of the refreshed state is judged: what drifted outside Terraform included, in modules too, a mirrored inline policy once', () => {
    const { errors, findings } = refreshOnly();
    expect(errors).toEqual([]);
    expect(verdicts(findings)).toEqual({
      // AdministratorAccess attached in the console: the role's computed `managed_policy_arns` shows it.
      'aws_iam_role.app': ['admin-access/full-access'],
      'aws_iam_role_policy.app': ['privilege-escalation/pass-role-wildcard'],
      'aws_iam_role.ci': ['resource-exposure/public-principal'],
      'aws_s3_bucket_policy.site': ['resource-exposure/public-principal'],
      'module.etl.aws_iam_role_policy.this': ['privilege-escalation/pass-role-wildcard'],
    });
    // The inline policy the role shows (`inline_policy`) is the one `aws_iam_role_policy.app` holds.
    expect(
      findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard').map((f) => f.principal),
    ).toEqual(['aws_iam_role.app', 'module.etl.aws_iam_role.this']);
  });

  it('is judged as the plan that changes nothing in the same estate, and nothing is said gained or lost', () => {
    const a = refreshOnly();
    const b = kept();
    const key = (f: Finding): string => `${f.ruleId} ${f.location.address ?? ''} ${f.principal ?? ''}`;
    expect(a.findings.map(key).sort()).toEqual(b.findings.map(key).sort());
    expect(a.changes ?? []).toEqual([]);
    expect(b.changes ?? []).toEqual([]);
  });

  it('says on standard error, once, that the plan changes nothing and what is judged; a plan listing its changes says nothing', () => {
    expect(refreshOnly().stderr).toBe(`tf-scan: ${plan('refresh-only.json')}: ${NOTE}\n`);
    expect(kept().stderr).toBe('');
  });

  it('fails the build on what the refreshed state holds (exit 1), the note aside', () => {
    const result = runTfScan([plan('refresh-only.json')]);
    expect(result.status).toBe(1);
  });
});
