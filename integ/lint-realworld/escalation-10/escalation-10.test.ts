/**
 * What the ninth round left open, on documents and templates of our own (see README.md beside this
 * file): `iam:AddUserToGroup` on a group the input does not hold, alone or for a user the caller
 * creates and signs in as, is undecided (the group's power is unknown), not passed; a managed
 * policy nothing attaches that a delegation pins as the boundary of the roles it creates is read
 * as a boundary, not as a grant of its own (and as both when it may also be attached);
 * `kms:CreateGrant` on every key only for requests an AWS service makes for the caller does not
 * share keys with other accounts.
 */
import { describeEscalationTemplates, describeLintFolders } from '../../lint-folders';
import type { Row, TemplateRow } from '../../lint-folders';
import { jsonReport } from '../../tf-scan/run-tf-scan';

const DIR = 'integ/lint-realworld/escalation-10';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const UNKNOWN = 'unverifiable/unknown-value';
const MODIFY = 'privilege-escalation/iam-policy-modification';

const ROWS: readonly Row[] = [
  {
    file: 'identity/created-user-unknown-group.json',
    behaviour:
      'users created under `user/ci/*` with their access keys, added to the `Ops` group the input does not hold',
    expected: [`${UNKNOWN} /Statement/1`],
    mentions: [MODIFY, '`arn:aws:iam::111122223333:group/Ops`', '`iam-013`', '`new-user-group-key`'],
  },
  {
    file: 'identity/add-to-unknown-group.json',
    behaviour: 'adding users to the `Developers` group the input does not hold (no user of its own to add)',
    expected: [`${UNKNOWN} /Statement/0`],
    mentions: ['`arn:aws:iam::111122223333:group/Developers`', '`iam-013`'],
    notMentions: ['new-user-group'],
  },
  {
    file: 'identity/add-to-team-groups-pattern.json',
    behaviour: 'adding users to every group named `team-*`: groups the input does not hold among them',
    expected: [`${UNKNOWN} /Statement/0`],
    mentions: ['`arn:aws:iam::111122223333:group/team-*`'],
  },
  {
    file: 'identity/add-to-unknown-group-denied.json',
    behaviour: 'adding users to `Ops`, denied on every group',
    expected: [],
  },
  {
    file: 'identity/kms-grants-for-aws-resources.json',
    behaviour:
      'grants on every key only when an AWS service creates them for its resource (`kms:GrantIsForAWSResource`)',
    expected: [],
  },
  {
    file: 'identity/kms-grants-through-dynamodb.json',
    behaviour:
      'grants on every key only through DynamoDB (`aws:CalledVia`): DynamoDB names the grantee, every key is still used',
    expected: ['wildcard-resource/write-on-star /Statement/0'],
    notMentions: ['any account'],
  },
  {
    file: 'identity/kms-grants-direct-or-through-service.json',
    behaviour: '`ForAllValues` on `aws:CalledVia` also holds for a direct call, whose grantee the caller names',
    expected: ['resource-exposure/policy-change /Statement/0', 'wildcard-resource/write-on-star /Statement/0'],
    mentions: ['`kms:CreateGrant`: it can share them with any account'],
  },
];

describeLintFolders('iamgate lint on the groups and grants the last round left open', {
  dir: DIR,
  config: CONFIG,
  types: ['identity'],
  rows: ROWS,
});

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/created-user-group-outside.json',
    behaviour:
      'contractors created with a console password and added to the `Support` group, which the template does not hold',
    expected: [],
    all: [`${UNKNOWN} Provisioner /Statement/1`],
  },
  {
    file: 'templates/created-user-read-only-group.json',
    behaviour: 'the same, with the `Support` group in the template, allowed only to read support cases',
    expected: [],
    all: [],
  },
  {
    file: 'templates/delegation-boundary-of-services.json',
    behaviour:
      'roles created only with `policy/workload-boundary` (Allow and Deny forms), a managed policy of the template nothing attaches, allowing three services and denying its own removal',
    expected: [],
    all: [],
  },
  {
    file: 'templates/delegation-boundary-also-attached.json',
    behaviour:
      'the same boundary, which the delegation may also attach to the roles it creates (`iam:PolicyARN`): a grant too',
    expected: [],
    all: [
      'resource-exposure/policy-change WorkloadBoundary /Statement/0',
      'data-exfiltration/unscoped-read WorkloadBoundary /Statement/0',
      // `s3:*`, `dynamodb:*`, `logs:*`
      'wildcard-action/service-wildcard WorkloadBoundary /Statement/0',
      'wildcard-action/service-wildcard WorkloadBoundary /Statement/0',
      'wildcard-action/service-wildcard WorkloadBoundary /Statement/0',
      'wildcard-resource/write-on-star WorkloadBoundary /Statement/0',
    ],
  },
];

describeEscalationTemplates('cdk-guard on templates whose groups and boundaries are outside or beside the principals', {
  dir: DIR,
  config: CONFIG,
  rows: TEMPLATES,
});

// The same delegation as a Terraform configuration (`tf-scan --hcl`): the `aws_iam_policy` nothing
// attaches is read as the boundary the condition pins (by its reference), or as a grant when the
// condition pins another policy.
describe('tf-scan --hcl on a delegation whose boundary is an aws_iam_policy of the configuration', () => {
  const findingsOf = (folder: string): string[] => {
    const report = jsonReport(['--hcl', `${DIR}/terraform/${folder}`]);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    return report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort();
  };

  it('pinned by `aws_iam_policy.boundary.arn`: no finding on it', () => {
    expect(findingsOf('delegation-boundary')).toEqual([]);
  });

  it('the condition pins another policy: the policy is a grant of its own, its broad Allow reported', () => {
    expect(findingsOf('delegation-other-boundary')).toEqual(
      expect.arrayContaining([
        'resource-exposure/policy-change aws_iam_policy.boundary',
        'wildcard-resource/write-on-star aws_iam_policy.boundary',
      ]),
    );
  });
});
