/**
 * What update plans change (integ/tf-scan/changes26, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first): the gains and losses of the JSON
 * report, each checked by hand against IAM's rules, and the sentence of the text and markdown.
 */
import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';

const PLAN = path.join('integ/tf-scan/changes26', 'parts.json');
const DATA = 'arn:aws:s3:::acme-data';
const OBJECTS = `${DATA}/*`;
const LOGS = `${DATA}/logs/*`;

interface Delta {
  readonly action: string;
  readonly resource: string;
  readonly before: string;
  readonly after: string;
  readonly except?: readonly string[];
  readonly undecided?: readonly string[];
}
interface Change {
  readonly subject: string;
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
}

const row = (d: Delta): string =>
  `${d.action} ${d.resource} ${d.before}>${d.after}${d.except === undefined ? '' : ` except ${d.except.join(',')}`}` +
  (d.undecided === undefined ? '' : ` undecided ${d.undecided.join(',')}`);

let report: Map<string, Change> | undefined;
function change(subject: string): Change {
  if (report === undefined) {
    const { status, stdout, stderr } = runTfScan([PLAN, '--format', 'json', '--fail-on', 'never']);
    expect([status, stderr]).toEqual([0, '']);
    const list = (JSON.parse(stdout) as { changes?: Change[] }).changes ?? [];
    report = new Map(list.map((c) => [c.subject, c]));
  }
  const found = report.get(subject);
  expect(found).toBeDefined();
  return found as Change;
}

describe('grants beside a Deny of prod-tagged objects, conditions on part of a grant (parts.json)', () => {
  it.each<[string, string[], string[]]>([
    // logs/ was read under the tag Deny before: only the rest of the bucket is gained.
    ['aws_iam_role.tag_widened', [`s3:GetObject ${OBJECTS} denied>conditional except ${LOGS}`], []],
    ['aws_iam_role.tag_on_bucket', [`s3:GetObject ${OBJECTS} denied>conditional except ${LOGS}`], []],
    // The rest of the bucket no longer needs vpc-1 (the tag Deny still applies); logs/ unchanged.
    ['aws_iam_role.tag_vpc_dropped', [`s3:GetObject ${OBJECTS} conditional>conditional except ${LOGS}`], []],
    // Every bucket's logs/ moves from vpc-1 to vpc-2, but acme-data's, read without conditions.
    [
      'aws_iam_role.logs_other_vpc',
      [`s3:GetObject arn:aws:s3:::*/logs/* conditional>conditional except ${DATA}/*/logs/*,${LOGS}`],
      [`s3:GetObject arn:aws:s3:::*/logs/* conditional>conditional except ${DATA}/*/logs/*,${LOGS}`],
    ],
    // The Deny's conditions changed where it meets the grant (acme-data's logs/): objects there
    // from vpc-2 (tagged prod) are allowed now, from vpc-1 (tagged dev) denied.
    ...['aws_iam_role.deny_vpc_moved', 'aws_iam_role.deny_tag_moved'].map((subject): [string, string[], string[]] => {
      const meeting = [
        `s3:GetObject ${DATA}/*/logs/* conditional>conditional`,
        `s3:GetObject ${LOGS} conditional>conditional`,
      ];
      return [subject, meeting, meeting];
    }),
    // acme-data's logs/ from vpc-2 were refused and are allowed; from vpc-1, still allowed.
    [
      'aws_iam_role.logs_vpc_moved_bucket_in_vpc',
      ['s3:GetObject arn:aws:s3:::*/logs/* conditional>conditional'],
      [`s3:GetObject arn:aws:s3:::*/logs/* conditional>conditional except ${DATA}/*/logs/*,${LOGS}`],
    ],
    // The Deny kept as the exception, where it meets the grant not decided.
    [
      'aws_iam_role.long_patterns',
      [
        's3:GetObject arn:aws:s3:::*/a/*/b/*/c/* denied>allowed except arn:aws:s3:::*/x/*/y/*/z undecided arn:aws:s3:::*/x/*/y/*/z',
      ],
      [],
    ],
  ])('%s', (subject, gained, lost) => {
    const c = change(subject);
    expect(c.gained.map(row)).toEqual(gained);
    expect(c.lost.map(row)).toEqual(lost);
  });

  it.each(['text', 'markdown'])('%s says what is gained but the part held already', (format) => {
    const { stdout } = runTfScan([PLAN, '--format', format, '--fail-on', 'never']);
    expect(stdout).toContain(`gains \`s3:GetObject\` on \`${OBJECTS}\` except \`${LOGS}\` (under conditions)`);
    expect(stdout).toContain(
      'gains `s3:GetObject` on `arn:aws:s3:::*/a/*/b/*/c/*` except `arn:aws:s3:::*/x/*/y/*/z` (not decided: the patterns are too long to compare)',
    );
  });
});
