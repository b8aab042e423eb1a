/**
 * `iamgate lint` on rule gaps a fifth rules survey found: reads the Service Authorization
 * Reference files as writes or permission changes, and one statement reported several times over
 * for the same thing. Each document is a minimal one of our own (see README.md beside this file);
 * the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const ROWS: readonly Row[] = [
  {
    file: 'identity/dashboard-reader-describes-permissions.json',
    behaviour:
      'reads of permissions documents and connection types on `*` (`quicksight:Describe*Permissions`, `secretsmanager:ValidateResourcePolicy`, `glue:DescribeConnectionType`) change nothing',
    expected: [],
  },
  {
    file: 'identity/secrets-team-service-wildcard.json',
    behaviour:
      'a service wildcard names the actions that change permissions, not a read the reference files as one (`secretsmanager:ValidateResourcePolicy`, `backup:SearchRecoveryPoint`)',
    expected: [
      'wildcard-action/service-wildcard /Statement/0',
      'wildcard-action/service-wildcard /Statement/1',
      'wildcard-resource/write-on-star /Statement/1',
    ],
    mentions: ['secretsmanager:PutResourcePolicy', 'write to and tag every resource'],
    notMentions: ['ValidateResourcePolicy', 'SearchRecoveryPoint', 'change the permissions of'],
  },
  {
    file: 'identity/break-glass-sts-and-iam.json',
    behaviour:
      '`sts:*` and `iam:*` on `*`: administrator access once per statement, with the escalation paths, not again as a wildcard, writes and credentials',
    expected: [
      'admin-access/service-admin /Statement/0',
      'admin-access/service-admin /Statement/1',
      'privilege-escalation/assume-any-role /Statement/0',
      'privilege-escalation/iam-policy-modification /Statement/1',
      'privilege-escalation/pass-role-wildcard /Statement/1',
      'privilege-escalation/user-credentials /Statement/1',
    ],
    mentions: ['amounts to administrator access'],
    notMentions: ['may write to'],
  },
  {
    file: 'identity/volumes-from-any-snapshot.json',
    behaviour:
      'volumes created from any snapshot (`ec2:CreateVolume` on `arn:aws:ec2:*::snapshot/*`, the volumes scoped by a request tag elsewhere); snapshot and cluster-snapshot ARNs of the reference',
    expected: [],
  },
  {
    file: 'identity/snapshot-blocks-with-account.json',
    behaviour: 'an EBS snapshot ARN with an account applies to nothing: the message shows the format, which has none',
    expected: ['policy-validity/resource-mismatch /Statement/0'],
    mentions: ['::snapshot/${SnapshotId}'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the rule gaps of a fifth rules survey', {
  dir: 'integ/lint-realworld/rules-5',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity'],
  rows: ROWS,
});
