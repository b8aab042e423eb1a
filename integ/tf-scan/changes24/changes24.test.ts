/**
 * What update plans change (integ/tf-scan/changes24, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first): per principal, the gains and losses of
 * the JSON report, each checked by hand against IAM's rules, and the key sentence of the text and
 * markdown sections.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { perAction } from '../changed-actions';
import { runTfScan } from '../run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/changes24', name);
const ACCOUNT = '111122223333';
const DATA = 'arn:aws:s3:::acme-data';
const OBJECTS = `${DATA}/*`;
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;

interface Delta {
  readonly action: string;
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
  readonly boundary?: { readonly before?: string; readonly after?: string };
  readonly admits?: { readonly gained: readonly Admission[]; readonly lost: readonly Admission[] };
}

/** `action resource before>after`, with `except ...` for a row on a pattern but some of it. */
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
/** What a subject the plan lists gains and loses (a subject it does not list fails the test). */
function rowsOf(name: string, subject: string): [string[], string[]] {
  const c = change(name, subject);
  return [c.gained.map(row), c.lost.map(row)];
}

/** What one subject gains and loses: exactly these rows. */
type Exact = readonly [subject: string, gained: readonly string[], lost: readonly string[]];

describe('Denies and boundary statements on other resources than the grant (guards.json)', () => {
  it.each<Exact>([
    // The Deny on logs/ never reached orders/: removing it changes nothing there.
    ['aws_iam_role.deny_elsewhere', [], []],
    // Requests from outside vpc-1 (with MFA) are gained on the bucket, not on logs/ (still denied).
    ['aws_iam_role.vpc_deny_removed', [`s3:GetObject ${OBJECTS} conditional>conditional except ${DATA}/logs/*`], []],
    // The boundary's new statement names another bucket: orders/ still only from vpc-1.
    ['aws_iam_role.orders_reader', [], []],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('guards.json', subject)).toEqual([gained, lost]);
  });
});

describe('a Deny on part of a pattern (parts.json)', () => {
  it.each<Exact>([
    // Deny a* narrowed to ab*: the rest of a* is gained, ab* stays denied.
    ['aws_iam_role.deny_narrowed', [`s3:GetObject ${DATA}/a* denied>allowed except ${DATA}/ab*`], []],
    ['aws_iam_role.deny_removed', [`s3:GetObject ${DATA}/a* denied>allowed`], []],
    ['aws_iam_role.deny_added', [], [`s3:GetObject ${DATA}/a* allowed>denied`]],
    // a* widened to the whole bucket under a Deny on ab*: the bucket gained but ab*.
    // a* was held already (but ab*, which stays denied): the bucket is gained but a*.
    ['aws_iam_role.allow_widened', [`s3:GetObject ${OBJECTS} denied>allowed except ${DATA}/a*`], []],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('parts.json', subject)).toEqual([gained, lost]);
  });
});

describe('NotResource Allows under a condition (not-resource.json)', () => {
  const SECRETS = `${DATA}/secrets/*`;
  it.each<Exact>([
    // Sparing secrets/top/ where it spared secrets/: the rest of secrets/ gained, with MFA.
    ['aws_iam_role.spares_less', [`s3:GetObject ${SECRETS} denied>conditional except ${DATA}/secrets/top/*`], []],
    // Sparing private/ instead of secrets/: secrets/ gained, private/ lost, both with MFA.
    [
      'aws_iam_role.spares_other',
      [`s3:GetObject ${SECRETS} denied>conditional`],
      [`s3:GetObject ${DATA}/private/* conditional>denied`],
    ],
    // MFA to one VPC: requests from the VPC without MFA gained, with MFA elsewhere lost.
    [
      'aws_iam_role.condition_changed',
      [`s3:GetObject * conditional>conditional except ${SECRETS}`],
      [`s3:GetObject * conditional>conditional except ${SECRETS}`],
    ],
    ['aws_iam_role.condition_added', [], [`s3:GetObject * allowed>conditional except ${SECRETS}`]],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('not-resource.json', subject)).toEqual([gained, lost]);
  });
});

describe('conditions a request without the key meets (absent-keys.json)', () => {
  it.each<Exact>([
    // StringNotEquals [vpc-1, vpc-2] to [vpc-1]: requests from vpc-2 gained.
    ['aws_iam_role.not_equals_widened', [`s3:PutObject ${OBJECTS} conditional>conditional`], []],
    // Removed: requests from vpc-1 gained, the grant unconditional.
    ['aws_iam_role.not_equals_removed', [`s3:PutObject ${OBJECTS} conditional>allowed`], []],
    // ForAllValues:StringEquals aws:TagKeys [team] to [team, cost]: tagging with `cost` gained.
    ['aws_iam_role.for_all_widened', [`s3:PutObjectTagging ${OBJECTS} conditional>conditional`], []],
    ['aws_iam_role.for_all_removed', [`s3:PutObjectTagging ${OBJECTS} conditional>allowed`], []],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('absent-keys.json', subject)).toEqual([gained, lost]);
  });
});

describe('roles reworked (roles.json)', () => {
  it.each<Exact>([
    // Trust widened (below) and deletes dropped in one plan.
    ['aws_iam_role.site_deploy', [], ['s3:DeleteObject arn:aws:s3:::acme-site/* allowed>denied']],
    // Before: its policy within cap (Get, Put, sqs:*) = Get, Put, SendMessage. After: its policy
    // (Get, Delete) within wide-cap (s3:*, sqs:*) = Get, Delete.
    [
      'aws_iam_role.worker',
      ['s3:DeleteObject * denied>allowed'],
      ['s3:PutObject * allowed>denied', 'sqs:SendMessage * allowed>denied'],
    ],
    // An inline policy moved into a managed policy of the same document: nothing.
    ['aws_iam_role.orders_api', [], []],
    ['aws_iam_role.second_bucket', ['s3:GetObject arn:aws:s3:::acme-exports/* denied>allowed'], []],
    // Office IP range to a VPC endpoint: each admits requests the other did not.
    [
      'aws_iam_role.ip_to_endpoint',
      [`s3:GetObject ${OBJECTS} conditional>conditional`],
      [`s3:GetObject ${OBJECTS} conditional>conditional`],
    ],
    // A Deny of requests without TLS: reads over HTTP lost.
    ['aws_iam_role.tls_only', [], [`s3:GetObject ${OBJECTS} allowed>conditional`]],
    // Stopping instances of the caller's team added.
    ['aws_iam_role.abac', [`ec2:StopInstances arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/* denied>conditional`], []],
    // The boundary (which cut PassRole) removed, a Deny of SQS added.
    ['aws_iam_role.ops', ['iam:PassRole * denied>allowed'], ['sqs:SendMessage * allowed>denied']],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('roles.json', subject)).toEqual([gained, lost]);
  });

  it('a trust widened to every repository of the organization: the old branch is still admitted', () => {
    const c = change('roles.json', 'aws_iam_role.site_deploy');
    expect(c.admits?.gained.map(admission)).toEqual([
      `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com sub=repo:acme/* sts:AssumeRoleWithWebIdentity denied>conditional`,
    ]);
    expect(c.admits?.lost).toEqual([]);
  });

  it('the Lambda service swapped for ECS tasks: one admitted, the other no longer', () => {
    const c = change('roles.json', 'aws_iam_role.runner');
    expect(c.admits?.gained.map(admission)).toEqual(['ecs-tasks.amazonaws.com sts:AssumeRole denied>allowed']);
    expect(c.admits?.lost.map(admission)).toEqual(['lambda.amazonaws.com sts:AssumeRole allowed>denied']);
  });

  it('dynamodb:* on the table narrowed to three actions loses the others on the table, and only there', () => {
    const c = change('roles.json', 'aws_iam_role.cleanup');
    const lost = perAction(c.lost).map((d) => d.action);
    expect(lost).toEqual(
      expect.arrayContaining([
        'dynamodb:DeleteItem',
        'dynamodb:DeleteTable',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:Scan',
      ]),
    );
    for (const kept of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']) expect(lost).not.toContain(kept);
    // ListTables acts on no table: `dynamodb:*` on the table never granted it.
    expect(lost).not.toContain('dynamodb:ListTables');
    expect(c.lost.filter((d) => d.resource !== TABLE || d.before !== 'allowed' || d.after !== 'denied')).toEqual([]);
    expect(c.gained).toEqual([]);
  });
});

describe('for_each keys renamed, attachments moved (moves.json)', () => {
  it.each<Exact>([
    // A for_each key renamed destroys and creates the same grant: the principal holds the same
    // permissions after the plan, so it neither gains nor loses.
    ['aws_iam_role.app', [], []],
    // The attachment's role changed (replaced): the old role loses, the new one gains.
    [
      'aws_iam_role.analyst',
      [],
      ['athena:GetQueryResults * allowed>denied', 'athena:StartQueryExecution * allowed>denied'],
    ],
    [
      'aws_iam_role.reporter',
      ['athena:GetQueryResults * denied>allowed', 'athena:StartQueryExecution * denied>allowed'],
      [],
    ],
    // The same move as two resources, one destroyed and one created.
    ['aws_iam_role.old_auditor', [], ['cloudtrail:LookupEvents * allowed>denied']],
    ['aws_iam_role.new_auditor', ['cloudtrail:LookupEvents * denied>allowed'], []],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('moves.json', subject)).toEqual([gained, lost]);
  });

  it('an attachment whose for_each key is renamed leaves its role out of the changes (the same policy stays attached)', () => {
    expect(changes('moves.json').has('aws_iam_role.svc')).toBe(false);
    // The plan does hold the role and both keys of the attachment: the absence is the reading, not a typo.
    const text = fs.readFileSync(path.join(__dirname, 'moves.json'), 'utf8');
    for (const address of [
      'aws_iam_role.svc',
      'aws_iam_role_policy_attachment.svc[\\"jobs\\"]',
      'aws_iam_role_policy_attachment.svc[\\"queue\\"]',
    ])
      expect(text).toContain(`"address": "${address}"`);
  });
});

describe('groups and users (groups.json)', () => {
  const get = `s3:GetObject ${OBJECTS} denied>allowed`;
  const put = `s3:PutObject ${OBJECTS} denied>allowed`;
  it.each<Exact>([
    // The group's policy gains PutObject; vic, a member already, gains PutObject only.
    ['aws_iam_group.devs', [put], []],
    ['aws_iam_user.vic', [put], []],
    // uma (member list) and wes (own memberships) join: the whole new policy.
    ['aws_iam_user.uma', [get, put], []],
    ['aws_iam_user.wes', [get, put], []],
    // home/${aws:username}/* to home/*: every user's folder, on the wider pattern.
    [
      'aws_iam_user.xena',
      [`s3:GetObject ${DATA}/home/* denied>allowed`, `s3:PutObject ${DATA}/home/* denied>allowed`],
      [],
    ],
    // The boundary's document drops sqs:*: the role loses SendMessage, keeps GetObject.
    ['aws_iam_role.team', [], ['sqs:SendMessage * allowed>denied']],
  ])('%s', (subject, gained, lost) => {
    expect(rowsOf('groups.json', subject)).toEqual([gained, lost]);
  });

  it('AmazonS3ReadOnlyAccess swapped for AmazonS3FullAccess gains the S3 writes on every resource, loses nothing', () => {
    const c = change('groups.json', 'aws_iam_role.loader');
    // More than half of each service: one `service:*` row each, the actions held before left out.
    expect(c.gained.map((d) => d.action).sort()).toEqual(['s3-object-lambda:*', 's3:*']);
    expect(perAction(c.gained).map(row)).toEqual(
      expect.arrayContaining([
        's3:PutObject * denied>allowed',
        's3:DeleteBucket * denied>allowed',
        's3:PutBucketPolicy * denied>allowed',
        's3-object-lambda:PutObject * denied>allowed',
      ]),
    );
    // Reads and lists were held through AmazonS3ReadOnlyAccess.
    expect(perAction(c.gained).filter((d) => /^s3(-object-lambda)?:(Get|List|Describe)/.test(d.action))).toEqual([]);
    expect(c.gained.filter((d) => d.resource !== '*')).toEqual([]);
    expect(c.lost).toEqual([]);
  });
});

describe('who trust and resource policies admit (admissions.json)', () => {
  const PARTNER = 'arn:aws:iam::444455556666:root';
  it.each<readonly [string, readonly string[], readonly string[]]>([
    // The public site's Deny on private/ removed: anyone reads private/ now.
    ['aws_s3_bucket_policy.acme-www', ['* s3:GetObject arn:aws:s3:::acme-www/private/* denied>allowed'], []],
    // Another VPC endpoint: the partner's requests through it gained, through the old one lost.
    [
      'aws_s3_bucket_policy.acme-share',
      [`${PARTNER} s3:GetObject arn:aws:s3:::acme-share/* conditional>conditional`],
      [`${PARTNER} s3:GetObject arn:aws:s3:::acme-share/* conditional>conditional`],
    ],
    // Anyone of another organization may assume the role; anyone of the first no longer.
    [
      'aws_iam_role.org_read',
      ['* sts:AssumeRole conditional>conditional'],
      ['* sts:AssumeRole conditional>conditional'],
    ],
  ])('%s', (subject, admitted, unadmitted) => {
    const c = change('admissions.json', subject);
    expect(c.admits?.gained.map(admission)).toEqual(admitted);
    expect(c.admits?.lost.map(admission)).toEqual(unadmitted);
  });
});

describe('the text and markdown sections say the key sentence', () => {
  it.each([
    ['guards.json', `+ gains \`s3:GetObject\` on \`${OBJECTS}\` except \`${DATA}/logs/*\` (under changed conditions)`],
    ['parts.json', `+ gains \`s3:GetObject\` on \`${DATA}/a*\` except \`${DATA}/ab*\``],
    ['absent-keys.json', `+ gains \`s3:PutObject\` on \`${OBJECTS}\` (now unconditionally)`],
    ['roles.json', `- loses \`s3:GetObject\` on \`${OBJECTS}\` (now only under conditions)`],
    ['roles.json', '- loses `s3:PutObject`, `sqs:SendMessage` on every resource'],
    ['moves.json', '+ gains `athena:GetQueryResults`, `athena:StartQueryExecution` on every resource'],
    ['admissions.json', '+ now admits `*` (anyone) to `s3:GetObject` on `arn:aws:s3:::acme-www/private/*`'],
    ['admissions.json', '+ may now be assumed by `*` (anyone) (`sts:AssumeRole`) (under changed conditions)'],
  ])('%s text: %s', (name, sentence) => {
    const { status, stdout } = runTfScan([plan(name), '--fail-on', 'never']);
    expect(status).toBe(0);
    expect(stdout).toContain(sentence);
  });

  it.each([
    [
      'not-resource.json',
      `**role \`aws_iam_role.spares_less\`** (\`aws_iam_role_policy.spares_less\`) gains \`s3:GetObject\` on \`${DATA}/secrets/*\` except \`${DATA}/secrets/top/*\` (under conditions)`,
    ],
    [
      'groups.json',
      `**user \`aws_iam_user.uma\`** (\`aws_iam_group_policy.devs\`) gains \`s3:GetObject\`, \`s3:PutObject\` on \`${OBJECTS}\``,
    ],
    [
      'moves.json',
      '**role `aws_iam_role.analyst`** (`aws_iam_policy.reports`) loses `athena:GetQueryResults`, `athena:StartQueryExecution` on every resource',
    ],
  ])('%s markdown: %s', (name, sentence) => {
    const { status, stdout } = runTfScan([plan(name), '--format', 'markdown', '--fail-on', 'never']);
    expect(status).toBe(0);
    expect(stdout).toContain(sentence);
  });
});
