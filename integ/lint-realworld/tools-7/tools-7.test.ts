/**
 * `iamgate lint` on the shapes of the policies tools ask for (log shippers, metrics writers,
 * snapshot scanners, agents' instance profiles, the AWS managed policies users copy into their
 * own) and of the bucket policies that receive their data, which a seventh tools survey found
 * answered wrong or kept as true findings. Each document is a minimal one of our own (see
 * README.md beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const WRITE_ON_STAR = 'wildcard-resource/write-on-star';

const ROWS: readonly Row[] = [
  {
    file: 'identity/parameters-created-under-every-name.json',
    behaviour:
      '`ssm:PutParameter` on `*` with `ssm:Overwrite` `false`: creates under every name not yet taken, still every parameter',
    expected: [`${WRITE_ON_STAR} /Statement/0`],
    mentions: ['ssm:PutParameter'],
  },
  {
    file: 'identity/parameters-created-under-one-path.json',
    behaviour: 'the same create-only grant on one parameter path',
    expected: [],
  },
  {
    file: 'identity/log-shipper-objects-owner-acl.json',
    behaviour:
      'objects written to every bucket with a canned ACL (`s3:x-amz-acl`) or create-only (`s3:if-none-match` `*`, a literal value): every bucket; one prefix is scoped',
    expected: [`${WRITE_ON_STAR} /Statement/0`, `${WRITE_ON_STAR} /Statement/2`],
    mentions: ['s3:PutObject'],
    notMentions: ['StringLike'],
  },
  {
    file: 'identity/snapshot-scanner-keys-via-ec2.json',
    behaviour:
      'grants and re-encryption with every key through EC2 (`kms:ViaService`), as under `aws:CalledVia`; keys opted in by tag are scoped',
    expected: [`${WRITE_ON_STAR} /Statement/0`],
    mentions: ['kms:CreateGrant', 'kms:ReEncryptFrom'],
  },
  {
    file: 'identity/session-manager-instance-profile.json',
    behaviour:
      'the Session Manager instance profile copied into a customer policy: `ssm:UpdateInstanceInformation` on `*` kept (instances are its resource types; the channels only accept `*`)',
    expected: [`${WRITE_ON_STAR} /Statement/0`],
    mentions: ['ssm:UpdateInstanceInformation'],
    notMentions: ['ssmmessages:'],
  },
  {
    file: 'identity/backup-vss-snapshot-command.json',
    behaviour:
      'the backup service role copied: `ssm:SendCommand` on every instance through `AWSEC2-CreateVssSnapshot` only, an AWS document that takes no command',
    expected: [],
  },
  {
    file: 'identity/run-command-any-aws-document.json',
    behaviour: '`ssm:SendCommand` on every instance through any AWS document (`AWS-*` takes in `AWS-RunShellScript`)',
    expected: ['privilege-escalation/run-as-existing-role /Statement/0'],
    mentions: ['ssm-002'],
  },
  {
    file: 'identity/metrics-remote-write-one-workspace.json',
    behaviour: 'Prometheus remote write and queries on one workspace',
    expected: [],
  },
  {
    file: 'resource/warehouse-audit-logs-legacy-account.json',
    behaviour:
      "Redshift audit logs granted to the Region's legacy Redshift account, which AWS replaced with the service principal: kept as an untrusted account",
    expected: ['trust-policy/untrusted-account /Statement/0', 'trust-policy/untrusted-account /Statement/1'],
    mentions: ['193672423079'],
  },
  {
    file: 'resource/warehouse-audit-logs-service.json',
    behaviour: 'Redshift audit logs delivered by the service principal for the own account',
    expected: [],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the shapes of tool policies (seventh tools survey)', {
  dir: 'integ/lint-realworld/tools-7',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource'],
  rows: ROWS,
});
