/**
 * What update plans change (integ/tf-scan/changes23, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first): per principal and resource policy,
 * the gains and losses of the JSON report, each checked by hand against IAM's rules, and the key
 * sentence of the text and markdown sections.
 */
import * as path from 'node:path';
import { perAction } from '../changed-actions';
import { runTfScan } from '../run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/changes23', name);
const ACCOUNT = '111122223333';
const PARTNER = '444455556666';
const OBJECTS = 'arn:aws:s3:::acme-data/*';
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;
const FUNCTION = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:ingest`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0c1d2e3f-12ab-34cd-56ef-1234567890ab`;

interface Delta {
  readonly action: string;
  readonly exceptActions?: readonly string[];
  readonly resource: string;
  readonly before: string;
  readonly after: string;
  readonly except?: readonly string[];
}
interface Admission {
  readonly principal: string;
  readonly sub?: string;
  readonly action: string;
  readonly resource?: string;
  readonly before: string;
  readonly after: string;
}
interface Change {
  readonly subject: string;
  readonly policies: readonly string[];
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
  readonly unresolved?: readonly string[];
  readonly boundary?: { readonly before?: string; readonly after?: string };
  readonly admits?: { readonly gained: readonly Admission[]; readonly lost: readonly Admission[] };
}

/** `action resource before>after`, with `except ...` for a row on every resource but some. */
const row = (d: Delta): string =>
  `${d.action} ${d.resource} ${d.before}>${d.after}${d.except === undefined ? '' : ` except ${d.except.join(',')}`}`;
const admission = (a: Admission): string =>
  [a.principal, a.sub === undefined ? undefined : `sub=${a.sub}`, a.action, a.resource, `${a.before}>${a.after}`]
    .filter(Boolean)
    .join(' ');

const reports = new Map<string, Map<string, Change>>();
/** The changes of a plan's JSON report, by subject (the binary runs once per plan). */
function changes(name: string): Map<string, Change> {
  let found = reports.get(name);
  if (found === undefined) {
    const { status, stdout, stderr } = runTfScan([plan(name), '--format', 'json', '--fail-on', 'never']);
    expect([status, stderr]).toEqual([0, '']);
    const list = (JSON.parse(stdout) as { changes?: Change[] }).changes ?? [];
    found = new Map(list.map((c) => [c.subject, c]));
    reports.set(name, found);
  }
  return found;
}
function change(name: string, subject: string): Change {
  const found = changes(name).get(subject);
  if (found === undefined) throw new Error(`${name}: no change for ${subject}`);
  return found;
}

/** What one subject gains and loses: exactly these rows. */
type Exact = readonly [subject: string, gained: readonly string[], lost: readonly string[]];

describe('inline policies edited on kept roles (inline.json)', () => {
  it.each<Exact>([
    // s3:GetObject on one bucket's objects to every resource.
    ['aws_iam_role.widen_resource', ['s3:GetObject * denied>allowed'], []],
    [
      'aws_iam_role.narrow',
      [],
      [`s3:DeleteObject ${OBJECTS} allowed>denied`, `s3:PutObject ${OBJECTS} allowed>denied`],
    ],
    // Deny s3:DeleteObject* on * under an Allow of s3:* on the objects: the two deletes it names.
    [
      'aws_iam_role.deny_added',
      [],
      [`s3:DeleteObject ${OBJECTS} allowed>denied`, `s3:DeleteObjectVersion ${OBJECTS} allowed>denied`],
    ],
    [
      'aws_iam_role.deny_removed',
      [`s3:DeleteObject ${OBJECTS} denied>allowed`, `s3:DeleteObjectVersion ${OBJECTS} denied>allowed`],
      [],
    ],
    // aws:SourceVpc added: still allowed, only from the VPC.
    ['aws_iam_role.condition_added', [], [`s3:PutObject ${OBJECTS} allowed>conditional`]],
    ['aws_iam_role.condition_removed', [`s3:PutObject ${OBJECTS} conditional>allowed`], []],
    // s3:prefix home/alice/* to *: every listing the old one allowed, and more; nothing lost.
    ['aws_iam_role.condition_widened', ['s3:ListBucket arn:aws:s3:::acme-data conditional>conditional'], []],
    // Another VPC: requests from the new one gained, from the old one lost.
    [
      'aws_iam_role.condition_changed',
      [`s3:PutObject ${OBJECTS} conditional>conditional`],
      [`s3:PutObject ${OBJECTS} conditional>conditional`],
    ],
    // public/* to everything but secrets/*: every object (and any other resource) but the secrets.
    ['aws_iam_role.not_resource', ['s3:GetObject * denied>allowed except arn:aws:s3:::acme-data/secrets/*'], []],
  ])('%s', (subject, gained, lost) => {
    const c = change('inline.json', subject);
    expect(c.policies).toEqual([subject.replace('aws_iam_role.', 'aws_iam_role_policy.')]);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });

  it('s3:GetObject to s3:* on the objects gains the object actions only, on the objects', () => {
    const c = change('inline.json', 'aws_iam_role.widen_action');
    const rows = perAction(c.gained).map(row);
    expect(rows).toEqual(
      expect.arrayContaining([
        `s3:DeleteObject ${OBJECTS} denied>allowed`,
        `s3:PutObject ${OBJECTS} denied>allowed`,
        `s3:PutObjectAcl ${OBJECTS} denied>allowed`,
        `s3:GetObjectVersion ${OBJECTS} denied>allowed`,
        `s3:RestoreObject ${OBJECTS} denied>allowed`,
      ]),
    );
    expect(c.gained.filter((d) => d.resource !== OBJECTS)).toEqual([]);
    // Bucket and account actions never act on `bucket/*`; GetObject was held before.
    const actions = perAction(c.gained).map((d) => d.action);
    for (const action of [
      's3:GetObject',
      's3:ListBucket',
      's3:DeleteBucket',
      's3:PutBucketPolicy',
      's3:ListAllMyBuckets',
    ])
      expect(actions).not.toContain(action);
    expect(c.lost).toEqual([]);
  });

  it('an Allow of NotAction iam:*, organizations:* on * gains every other service, not IAM or Organizations', () => {
    const c = change('inline.json', 'aws_iam_role.not_action');
    const rows = c.gained.map(row);
    expect(rows).toEqual(
      expect.arrayContaining(['s3:* * denied>allowed', 'ec2:* * denied>allowed', 'sts:* * denied>allowed']),
    );
    expect(c.gained.filter((d) => /^(iam|organizations):/.test(d.action))).toEqual([]);
    expect(c.gained.filter((d) => d.resource !== '*')).toEqual([]);
    expect(c.lost).toEqual([]);
  });
});

describe('managed policies and attachments (managed.json)', () => {
  const purge = `sqs:PurgeQueue ${QUEUE} denied>allowed`;
  it.each<Exact>([
    // The shared policy gains sqs:PurgeQueue: every holder, however attached, gains it.
    ['aws_iam_role.api', [purge], []],
    ['aws_iam_role.batch', [purge], []],
    ['aws_iam_user.ops', [purge], []],
    ['aws_iam_group.oncall', [purge], []],
    ['aws_iam_user.carol', [purge], []],
    // writer attached, reader detached.
    [
      'aws_iam_role.orders',
      [`dynamodb:DeleteItem ${TABLE} denied>allowed`, `dynamodb:PutItem ${TABLE} denied>allowed`],
      [`dynamodb:GetItem ${TABLE} allowed>denied`],
    ],
    // aws_iam_policy_attachment.writer: roles [] -> [etl], users [] -> [dave], groups [analysts] -> [].
    [
      'aws_iam_role.etl',
      [`dynamodb:DeleteItem ${TABLE} denied>allowed`, `dynamodb:PutItem ${TABLE} denied>allowed`],
      [],
    ],
    [
      'aws_iam_user.dave',
      [`dynamodb:DeleteItem ${TABLE} denied>allowed`, `dynamodb:PutItem ${TABLE} denied>allowed`],
      [],
    ],
    [
      'aws_iam_group.analysts',
      [],
      [`dynamodb:DeleteItem ${TABLE} allowed>denied`, `dynamodb:PutItem ${TABLE} allowed>denied`],
    ],
    [
      'aws_iam_user.erin',
      [],
      [`dynamodb:DeleteItem ${TABLE} allowed>denied`, `dynamodb:PutItem ${TABLE} allowed>denied`],
    ],
    // A group's attachment destroyed: the group and its member lose it.
    ['aws_iam_group.support', [], [`dynamodb:GetItem ${TABLE} allowed>denied`]],
    ['aws_iam_user.judy', [], [`dynamodb:GetItem ${TABLE} allowed>denied`]],
  ])('%s', (subject, gained, lost) => {
    const c = change('managed.json', subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });

  it('managed_policy_arns gaining AmazonS3ReadOnlyAccess gains S3 reads and lists on every resource, no write', () => {
    const c = change('managed.json', 'aws_iam_role.reports');
    expect(c.policies).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(c.gained.map(row)).toEqual(
      expect.arrayContaining([
        's3:GetObject * denied>allowed',
        's3:ListBucket * denied>allowed',
        's3:ListAllMyBuckets * denied>allowed',
      ]),
    );
    expect(c.gained.filter((d) => !/^s3(-object-lambda)?:(Get|List|Describe)/.test(d.action))).toEqual([]);
    expect(c.lost).toEqual([]);
  });

  it("a kept user's AWS managed attachment and inline policy destroyed: both are lost", () => {
    const c = change('managed.json', 'aws_iam_user.ivan');
    expect(c.policies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws_iam_user_policy.ivan_keys']);
    // The inline policy's keys on the user's own name (`${aws:username}`).
    expect(c.lost.map(row)).toEqual(
      expect.arrayContaining([
        `iam:CreateAccessKey arn:aws:iam::${ACCOUNT}:user/\${aws:username} allowed>denied`,
        `iam:DeleteAccessKey arn:aws:iam::${ACCOUNT}:user/\${aws:username} allowed>denied`,
        's3:GetObject * allowed>denied',
        'ec2:DescribeInstances * allowed>denied',
      ]),
    );
    expect(c.gained).toEqual([]);
  });

  it('the users and roles the attachment keeps (ops, carol) gain no dynamodb action; nothing else changes', () => {
    expect([...changes('managed.json').keys()].sort()).toEqual(
      [
        'aws_iam_group.analysts',
        'aws_iam_group.oncall',
        'aws_iam_group.support',
        'aws_iam_role.api',
        'aws_iam_role.batch',
        'aws_iam_role.etl',
        'aws_iam_role.orders',
        'aws_iam_role.reports',
        'aws_iam_user.carol',
        'aws_iam_user.dave',
        'aws_iam_user.erin',
        'aws_iam_user.ivan',
        'aws_iam_user.judy',
        'aws_iam_user.ops',
      ].sort(),
    );
  });
});

describe('permissions boundaries and group membership (boundaries.json)', () => {
  const cap = `arn:aws:iam::${ACCOUNT}:policy/cap`;
  it.each<readonly [string, readonly string[], readonly string[], Change['boundary']]>([
    // The cap allows s3:GetObject, s3:PutObject and sqs:*: set, it cuts DeleteObject and PassRole.
    ['aws_iam_role.added', [], ['iam:PassRole * allowed>denied', 's3:DeleteObject * allowed>denied'], { after: cap }],
    [
      'aws_iam_role.removed',
      ['iam:PassRole * denied>allowed', 's3:DeleteObject * denied>allowed'],
      [],
      { before: cap },
    ],
    // The wider cap allows s3:*: DeleteObject comes back, PassRole stays cut.
    [
      'aws_iam_role.swapped',
      ['s3:DeleteObject * denied>allowed'],
      [],
      { before: cap, after: `arn:aws:iam::${ACCOUNT}:policy/wide-cap` },
    ],
    // Widened under the cap: what the cap allows only (not DeleteObject, not iam:CreateUser).
    ['aws_iam_role.capped', ['s3:PutObject * denied>allowed', 'sqs:SendMessage * denied>allowed'], [], undefined],
    // The boundary's own document gains s3:PutObject: the role it bounds gains it on its bucket.
    ['aws_iam_role.fenced', ['s3:PutObject arn:aws:s3:::acme-fenced/* denied>allowed'], [], undefined],
    // A kept user joins a group: the group's policy is gained.
    [
      'aws_iam_user.frank',
      [
        `lambda:PublishVersion arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api-* denied>allowed`,
        `lambda:UpdateFunctionCode arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api-* denied>allowed`,
      ],
      [],
      undefined,
    ],
  ])('%s', (subject, gained, lost, boundary) => {
    const c = change('boundaries.json', subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
    expect(c.boundary).toEqual(boundary);
  });
});

describe('trust and resource policies widened (trust-resources.json)', () => {
  it.each<readonly [string, readonly string[], readonly string[]]>([
    ['aws_iam_role.shared_read', [`arn:aws:iam::${PARTNER}:root sts:AssumeRole denied>allowed`], []],
    ['aws_iam_role.worker', ['ec2.amazonaws.com sts:AssumeRole denied>allowed'], []],
    // `*` under aws:PrincipalOrgID: anyone of the organization, a condition to meet.
    ['aws_iam_role.org_read', ['* sts:AssumeRole denied>conditional'], []],
    // The main branch of one repository to every repository of the owner (the audience still checked).
    [
      'aws_iam_role.deploy',
      [
        `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com sub=repo:acme/* sts:AssumeRoleWithWebIdentity denied>conditional`,
      ],
      [],
    ],
    // Public reads; CloudFront no longer needs its SourceArn condition.
    [
      'aws_s3_bucket_policy.site',
      [
        '* s3:GetObject arn:aws:s3:::acme-site/* denied>allowed',
        'cloudfront.amazonaws.com s3:GetObject arn:aws:s3:::acme-site/* conditional>allowed',
      ],
      [],
    ],
    [
      'aws_kms_key_policy.data',
      [
        `arn:aws:iam::${PARTNER}:root kms:Decrypt ${KEY} denied>allowed`,
        `arn:aws:iam::${PARTNER}:root kms:DescribeKey ${KEY} denied>allowed`,
      ],
      [],
    ],
    [
      'aws_lambda_permission.partner',
      [`arn:aws:iam::${PARTNER}:root lambda:InvokeFunction ${FUNCTION} denied>allowed`],
      [],
    ],
  ])('%s', (subject, admitted, unadmitted) => {
    const c = change('trust-resources.json', subject);
    expect(c.admits?.gained.map(admission)).toEqual(admitted);
    expect(c.admits?.lost.map(admission)).toEqual(unadmitted);
  });

  it('a Lambda permission the plan keeps is no change (its before is not read: it was reported as narrowed)', () => {
    expect([...changes('trust-resources.json').keys()]).not.toContain('aws_lambda_permission.apigw');
  });
});

describe('replacements, for_each keys and values known after apply (lifecycle.json)', () => {
  it.each<Exact>([
    // Replaced under a new name and widened to writes.
    ['aws_iam_role.worker', [`dynamodb:PutItem ${TABLE} denied>allowed`], []],
    // A new policy attached by reference (its ARN known after apply): its document is known.
    [
      'aws_iam_role.tracer',
      ['xray:PutTelemetryRecords * denied>allowed', 'xray:PutTraceSegments * denied>allowed'],
      [],
    ],
    // Added to a group's member list: the group's policy is gained.
    ['aws_iam_user.hank', [`ssm:StartSession arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/* denied>allowed`], []],
  ])('%s', (subject, gained, lost) => {
    const c = change('lifecycle.json', subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });

  it('for_each keys: the key added gains AmazonS3ReadOnlyAccess, the key removed loses the queue policy', () => {
    const c = change('lifecycle.json', 'aws_iam_role.svc');
    expect(c.gained.map(row)).toEqual(
      expect.arrayContaining(['s3:GetObject * denied>allowed', 's3:ListBucket * denied>allowed']),
    );
    expect(c.lost.map(row)).toEqual([`sqs:ReceiveMessage ${QUEUE} allowed>denied`]);
  });

  it.each([
    ['aws_iam_role.exporter', 'aws_iam_role_policy.exporter'],
    ['aws_iam_role.auditor', 'aws_iam_policy.audit'],
    ['aws_iam_role.batch', 'aws_iam_role.batch.assume_role_policy'],
    ['aws_s3_bucket_policy.archive', 'aws_s3_bucket_policy.archive'],
  ])('%s: a policy known only after apply is said unresolved, never read as no change', (subject, policy) => {
    const c = change('lifecycle.json', subject);
    expect(c.unresolved).toEqual([policy]);
    expect([c.gained, c.lost]).toEqual([[], []]);
    expect([...(c.admits?.gained ?? []), ...(c.admits?.lost ?? [])]).toEqual([]);
  });

  it('a boundary the plan creates (its ARN known after apply), allowing s3:*, cuts iam:PassRole', () => {
    const c = change('lifecycle.json', 'aws_iam_role.fenced');
    expect(c.boundary).toEqual({ after: 'aws_iam_policy.s3_fence' });
    expect(c.gained).toEqual([]);
    expect(c.lost.map(row)).toEqual(['iam:PassRole * allowed>denied']);
  });

  it('a role renamed is another role: neither name is a change of a kept principal', () => {
    expect([...changes('lifecycle.json').keys()]).not.toContain('aws_iam_role.reader');
  });
});

describe('memberships ended, role arguments set exclusively, boundaries of AWS (members.json)', () => {
  it.each<Exact>([
    // Leaves writers (keeps readers): loses the writers' PutObject only.
    ['aws_iam_user.kim', [], [`s3:PutObject ${OBJECTS} allowed>denied`]],
    // Dropped from the writers' member list; lee, kept in it, is no change.
    ['aws_iam_user.max', [], [`s3:PutObject ${OBJECTS} allowed>denied`]],
    // The group's inline policy widened: the group and its member gain.
    ['aws_iam_group.ops', ['ec2:RebootInstances * denied>allowed'], []],
    ['aws_iam_user.ned', ['ec2:RebootInstances * denied>allowed'], []],
  ])('%s', (subject, gained, lost) => {
    const c = change('members.json', subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });

  it('a user kept in the group is no change', () => {
    expect([...changes('members.json').keys()]).not.toContain('aws_iam_user.lee');
  });

  it('managed_policy_arns = [] detaches ReadOnlyAccess; the inline block widened to sqs:* gains the writes on the queue', () => {
    const c = change('members.json', 'aws_iam_role.queue');
    expect(c.policies).toEqual(['aws_iam_role.queue.inline_policy.send', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
    // Reads of every queue (ReadOnlyAccess) lost but on the jobs queue, where sqs:* still reads.
    expect(c.lost.map(row)).toEqual(
      expect.arrayContaining([
        `sqs:ReceiveMessage * allowed>denied except ${QUEUE}`,
        `sqs:GetQueueAttributes * allowed>denied except ${QUEUE}`,
        's3:GetObject * allowed>denied',
      ]),
    );
    // More than half of SQS: one `sqs:*` row on the queue, the actions it leaves out named.
    expect(c.gained.map((d) => [d.action, d.resource])).toEqual([['sqs:*', QUEUE]]);
    expect(perAction(c.gained).map(row)).toEqual(
      expect.arrayContaining([`sqs:DeleteQueue ${QUEUE} denied>allowed`, `sqs:PurgeQueue ${QUEUE} denied>allowed`]),
    );
    // Reads of the queue were held through ReadOnlyAccess: no gain.
    expect(perAction(c.gained).map((d) => d.action)).not.toContain('sqs:GetQueueAttributes');
    expect(perAction(c.gained).map((d) => d.action)).not.toContain('sqs:SendMessage');
  });

  it('PowerUserAccess set as the boundary of an administrator role: IAM, Organizations and Account actions are lost, the rest kept', () => {
    const c = change('members.json', 'aws_iam_role.power');
    expect(c.boundary).toEqual({ after: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    // Every action of the three services PowerUserAccess's NotAction leaves out, but those its
    // second statement allows back by name (the catalog's PowerUserAccess, checked by hand).
    expect(c.lost.map((d) => [d.action, d.exceptActions, d.resource, `${d.before}>${d.after}`])).toEqual([
      [
        'account:*',
        [
          'account:GetAccountInformation',
          'account:GetGovCloudAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
        ],
        '*',
        'allowed>denied',
      ],
      ['iam:*', ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles'], '*', 'allowed>denied'],
      [
        'organizations:*',
        ['organizations:DescribeEffectivePolicy', 'organizations:DescribeOrganization'],
        '*',
        'allowed>denied',
      ],
    ]);
    expect(c.gained).toEqual([]);
  });

  it('a trust that now requires an external id: the partner is admitted only under conditions', () => {
    const c = change('members.json', 'aws_iam_role.vendor');
    expect(c.admits?.gained).toEqual([]);
    expect(c.admits?.lost.map(admission)).toEqual([`arn:aws:iam::${PARTNER}:root sts:AssumeRole allowed>conditional`]);
  });
});

describe('resources widened and narrowed, conditions outside the Allow (scopes.json)', () => {
  const USERS = `arn:aws:iam::${ACCOUNT}:user/*`;
  const PUBLIC_OBJECTS = 'arn:aws:s3:::acme-data/public/*';
  it.each<Exact>([
    // public/* to the whole bucket: the objects outside public/ are gained on the wider pattern,
    // public/ (held on both sides) named as what it is not gained on; the other way, lost but public/.
    ['aws_iam_role.folder_widened', [`s3:GetObject ${OBJECTS} denied>allowed except ${PUBLIC_OBJECTS}`], []],
    ['aws_iam_role.bucket_narrowed', [], [`s3:GetObject ${OBJECTS} allowed>denied except ${PUBLIC_OBJECTS}`]],
    // Keys of kim's own user only (`${aws:username}`) to every user's keys: gained but on her own.
    [
      'aws_iam_user.kim',
      [`iam:CreateAccessKey ${USERS} denied>allowed except ${USERS.slice(0, -1)}\${aws:username}`],
      [],
    ],
    // A Deny outside vpc-1 that now spares vpc-2, a boundary allowing vpc-1 that now allows
    // vpc-2 too: requests from vpc-2 gained, nothing lost.
    ['aws_iam_role.deny_relaxed', [`s3:GetObject ${OBJECTS} conditional>conditional`], []],
    ['aws_iam_role.vpc_fenced', [`s3:GetObject ${OBJECTS} conditional>conditional`], []],
    // acme-data/* from vpc-1 to uploads/ from vpc-2: uploads/ under other conditions (gained and
    // lost there), the rest of the bucket lost; nothing on every resource.
    [
      'aws_iam_role.folder_other_vpc',
      ['s3:PutObject arn:aws:s3:::acme-data/uploads/* conditional>conditional'],
      [
        `s3:PutObject ${OBJECTS} conditional>denied except arn:aws:s3:::acme-data/uploads/*`,
        's3:PutObject arn:aws:s3:::acme-data/uploads/* conditional>conditional',
      ],
    ],
    // NotResource secrets/top/* to secrets/*: the rest of secrets/ lost (what is outside it kept),
    // nothing gained.
    [
      'aws_iam_role.spares_more',
      [],
      ['s3:GetObject arn:aws:s3:::acme-data/secrets/* allowed>denied except arn:aws:s3:::acme-data/secrets/top/*'],
    ],
  ])('%s', (subject, gained, lost) => {
    const c = change('scopes.json', subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });
});

describe('a plan that changes only tags, descriptions and formatting (cosmetic.json)', () => {
  it('reports no gain and no loss, and no section', () => {
    expect([...changes('cosmetic.json').values()].flatMap((c) => [...c.gained, ...c.lost])).toEqual([]);
    const { stdout } = runTfScan([plan('cosmetic.json'), '--fail-on', 'never']);
    expect(stdout).not.toContain('What this plan changes');
  });
});

describe('the text and markdown sections say the key sentence', () => {
  it.each([
    ['inline.json', '+ gains `s3:GetObject` on every resource except `arn:aws:s3:::acme-data/secrets/*`'],
    ['inline.json', '+ gains `s3:ListBucket` on `arn:aws:s3:::acme-data` (under changed conditions)'],
    ['inline.json', '- loses `s3:PutObject` on `arn:aws:s3:::acme-data/*` (now only under conditions)'],
    ['managed.json', `- loses \`dynamodb:DeleteItem\`, \`dynamodb:PutItem\` on \`${TABLE}\``],
    [
      'managed.json',
      `- loses \`iam:CreateAccessKey\`, \`iam:DeleteAccessKey\` on \`arn:aws:iam::${ACCOUNT}:user/\${aws:username}\``,
    ],
    ['boundaries.json', '+ permissions boundary `arn:aws:iam::111122223333:policy/cap` removed'],
    ['boundaries.json', '+ gains `iam:PassRole`, `s3:DeleteObject` on every resource'],
    ['trust-resources.json', `+ may now be assumed by \`arn:aws:iam::${PARTNER}:root\` (\`sts:AssumeRole\`)`],
    [
      'trust-resources.json',
      `+ now admits \`arn:aws:iam::${PARTNER}:root\` to \`lambda:InvokeFunction\` on \`${FUNCTION}\``,
    ],
    ['lifecycle.json', '? `aws_iam_policy.audit` is unknown until apply: what it grants is not compared'],
    ['members.json', '- permissions boundary `arn:aws:iam::aws:policy/PowerUserAccess` set'],
    [
      'members.json',
      `- may now be assumed by \`arn:aws:iam::${PARTNER}:root\` only under conditions (\`sts:AssumeRole\`)`,
    ],
  ])('%s text: %s', (name, sentence) => {
    const { status, stdout } = runTfScan([plan(name), '--fail-on', 'never']);
    expect(status).toBe(0);
    expect(stdout).toContain(sentence);
  });

  it.each([
    [
      'inline.json',
      '**role `aws_iam_role.not_resource`** (`aws_iam_role_policy.not_resource`) gains `s3:GetObject` on every resource except `arn:aws:s3:::acme-data/secrets/*`',
    ],
    [
      'inline.json',
      '**role `aws_iam_role.condition_changed`** (`aws_iam_role_policy.condition_changed`) loses `s3:PutObject` on `arn:aws:s3:::acme-data/*` (under changed conditions)',
    ],
    [
      'managed.json',
      `**user \`aws_iam_user.erin\`** (\`aws_iam_policy.writer\`) loses \`dynamodb:DeleteItem\`, \`dynamodb:PutItem\` on \`${TABLE}\``,
    ],
    [
      'trust-resources.json',
      `**role \`aws_iam_role.deploy\`** (\`aws_iam_role.deploy.assume_role_policy\`) may now be assumed by \`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com\` with \`sub\` \`repo:acme/*\``,
    ],
    [
      'lifecycle.json',
      '**role `aws_iam_role.exporter`** (`aws_iam_role_policy.exporter`) `aws_iam_role_policy.exporter` is unknown until apply',
    ],
  ])('%s markdown: %s', (name, sentence) => {
    const { status, stdout } = runTfScan([plan(name), '--format', 'markdown', '--fail-on', 'never']);
    expect(status).toBe(0);
    expect(stdout).toContain(sentence);
  });
});
