/**
 * What update plans change (integ/tf-scan/changes27, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first): the gains and losses of the JSON
 * report, each checked by hand against IAM's rules, and the sentence of the text and markdown.
 */
import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';

const PLAN = path.join('integ/tf-scan/changes27', 'survey.json');
const DATA = 'arn:aws:s3:::acme-data';
const EVERY_LOGS = 'arn:aws:s3:::*/logs/*';
const DATA_LOGS = `${DATA}/*/logs/*,${DATA}/logs/*`;
const BK = 'arn:aws:s3:::bk/*';

interface Delta {
  readonly action: string;
  readonly resource: string;
  readonly before: string;
  readonly after: string;
  readonly except?: readonly string[];
}
interface Change {
  readonly subject: string;
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
}

const row = (d: Delta): string =>
  `${d.action} ${d.resource} ${d.before}>${d.after}${d.except === undefined ? '' : ` except ${d.except.join(',')}`}`;

let report: Map<string, Change> | undefined;
function changes(): Map<string, Change> {
  if (report === undefined) {
    const { status, stdout, stderr } = runTfScan([PLAN, '--format', 'json', '--fail-on', 'never']);
    expect([status, stderr]).toEqual([0, '']);
    const list = (JSON.parse(stdout) as { changes?: Change[] }).changes ?? [];
    report = new Map(list.map((c) => [c.subject, c]));
  }
  return report;
}

describe('parts another pattern held, `*` under conditions beside a grant without, an SCP loosened (survey.json)', () => {
  it.each<[string, string[], string[]]>([
    // IAM: acme-data's logs/ were allowed from anywhere and are now allowed from vpc-1 only; the
    // rest of every bucket's logs/ is now implicitly denied; the rest of acme-data from vpc-1 gained.
    [
      'aws_iam_role.logs_to_data_vpc',
      [`s3:GetObject ${DATA}/* denied>conditional except ${DATA_LOGS}`],
      [
        `s3:GetObject ${EVERY_LOGS} allowed>denied except ${DATA_LOGS}`,
        `s3:GetObject ${DATA}/*/logs/* allowed>conditional`,
        `s3:GetObject ${DATA}/logs/* allowed>conditional`,
      ],
    ],
    // IAM: an object outside bk from vpc-2 was implicitly denied and is allowed, from vpc-1 the
    // other way round; bk's objects are allowed from anywhere on both sides.
    [
      'aws_iam_role.star_vpc_moved',
      [`s3:GetObject * conditional>conditional except ${BK}`],
      [`s3:GetObject * conditional>conditional except ${BK}`],
    ],
    // IAM: the SCP's Deny refused leaving the organization in every account under it; gone, the
    // accounts' own policies decide.
    ['aws_organizations_policy.guard', ['organizations:LeaveOrganization * denied>allowed'], []],
  ])('%s', (subject, gained, lost) => {
    const c = changes().get(subject);
    expect(c?.gained.map(row)).toEqual(gained);
    expect(c?.lost.map(row)).toEqual(lost);
  });

  it('documents only reordered (statements, actions, condition values, keys) change nothing', () => {
    // The inline policy of `reordered` and the managed policy `reader` attached to a kept role.
    const subjects = [...changes().keys()];
    expect(subjects).toEqual([
      'aws_iam_role.logs_to_data_vpc',
      'aws_iam_role.star_vpc_moved',
      'aws_organizations_policy.guard',
    ]);
  });

  // AWS: a tag policy only sets tag rules; made an SCP, it is an SCP that did not exist before.
  it('a tag policy made an SCP is not read as an SCP before the change', () => {
    expect(changes().has('aws_organizations_policy.tagged')).toBe(false);
  });

  it.each(['text', 'markdown'])('%s says what moved on every resource but bk/*', (format) => {
    const { stdout } = runTfScan([PLAN, '--format', format, '--fail-on', 'never']);
    for (const verb of ['gains', 'loses'])
      expect(stdout).toContain(
        `${verb} \`s3:GetObject\` on every resource except \`${BK}\` (under changed conditions)`,
      );
    // Both parts lose alike: one line names them.
    expect(stdout).toContain(
      `loses \`s3:GetObject\` on \`${DATA}/*/logs/*\`, \`${DATA}/logs/*\` (now only under conditions)`,
    );
    expect(stdout).toContain('scp `aws_organizations_policy.guard`');
    expect(stdout).toContain('newly permits `organizations:LeaveOrganization` on every resource');
  });
});
