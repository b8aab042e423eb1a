/**
 * `iamgate lint --type identity` on the shapes of the minimal identity policies that tools publish
 * for themselves (Kubernetes storage and node controllers, Systems Manager users, secrets rotation
 * functions, static-site deployers, pipeline roles). Each document is a minimal one of our own (see
 * README.md beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const S1 = '/Statement/1';

const ROWS: readonly Row[] = [
  {
    file: 'identity/rotation-function-by-secret-condition.json',
    behaviour:
      'a rotation function: secrets on `*` limited to those naming it by `secretsmanager:resource/AllowRotationLambdaArn`',
    expected: [],
  },
  {
    file: 'identity/pipeline-pass-any-role-if-exists.json',
    behaviour: '`iam:PassRole` on `*` under `StringEqualsIfExists` `iam:PassedToService`: any role to ECS tasks',
    expected: [`privilege-escalation/pass-role-wildcard ${S0}`],
    mentions: ['iam:PassRole'],
  },
  {
    file: 'identity/session-manager-any-instance.json',
    behaviour: 'Session Manager on every instance, own sessions by `${aws:userid}`',
    expected: [`privilege-escalation/run-as-existing-role ${S0}`],
    mentions: ['ssm:StartSession'],
  },
  {
    file: 'identity/mail-from-one-address.json',
    behaviour: 'SES sending on `*` limited to one sender address',
    expected: [],
  },
  {
    file: 'identity/invalidate-distributions-by-tag.json',
    behaviour: 'CloudFront invalidations of the distributions tagged for one site, listing on `*`',
    expected: [],
  },
  {
    file: 'identity/invalidate-every-distribution.json',
    behaviour: 'a static-site deployer: one bucket, invalidations of every distribution',
    expected: [`wildcard-resource/write-on-star ${S1}`],
    mentions: ['cloudfront:CreateInvalidation'],
  },
  {
    file: 'identity/volume-driver-tag-if-exists.json',
    behaviour:
      'deletes on `*` under `StringLikeIfExists` on a resource tag (untagged volumes pass) or `StringLike` `*` on a request tag (the caller chooses it)',
    expected: [`wildcard-resource/write-on-star ${S0}`, `wildcard-resource/write-on-star ${S1}`],
    mentions: ['ec2:DeleteVolume', 'ec2:DeleteSnapshot'],
  },
  {
    file: 'identity/public-document-for-parameter-action.json',
    behaviour: 'a parameter action on an AWS-owned document ARN is still dead',
    expected: [`policy-validity/resource-mismatch ${S0}`],
    mentions: ['ssm:GetParameter'],
  },
  // shapes the survey found answered wrong, fixed since
  {
    file: 'identity/volume-driver-tag-present.json',
    behaviour:
      'a volume driver deleting only the volumes and snapshots that carry its tag (`StringLike` `*` on `ec2:ResourceTag/<key>`, `aws:ResourceTag/<key>`): reported as writes on every resource',
    expected: [],
  },
  {
    file: 'identity/node-provisioner-public-parameters.json',
    behaviour:
      "AWS's public parameters and documents named without an account (`arn:aws:ssm:<region>::parameter/aws/service/...`, `::document/AWS-RunShellScript`): reported as dead statements",
    expected: [],
  },
  {
    file: 'identity/instance-connect-os-user.json',
    behaviour: '`ec2:osuser`, the EC2 Instance Connect key under the `ec2` prefix: said not to exist',
    expected: [],
  },
  {
    file: 'identity/instance-connect-os-user-misspelt.json',
    behaviour: 'a misspelt `ec2:osuser`: suggested `ec2:Owner`, a key of another meaning',
    expected: ['policy-validity/unknown-condition-key /Statement/0/Condition/StringEquals/ec2:osusr'],
    mentions: ['did you mean `ec2:osuser`'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the minimal identity policies tools publish for themselves', {
  dir: 'integ/lint-realworld/identity-5',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity'],
  rows: ROWS,
});
