/**
 * `iamgate lint` on the example policies of AWS's own documentation (IAM User Guide identity
 * policy examples, permissions-boundary delegation, Organizations SCP and RCP examples, S3, KMS,
 * Lambda, SQS and SNS resource policies), each re-authored as a minimal document of our own (see
 * README.md beside this file), next to the risky variant of several of them. The documented form
 * gets no finding; a risk AWS documents gets its finding at its real severity. One run of the
 * built binary per policy type over its whole folder.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';

const ROWS: readonly Row[] = [
  // identity policies: the documented forms
  {
    file: 'identity/date-range-access.json',
    behaviour: 'metrics reads between two dates (`aws:CurrentTime`)',
    expected: [],
  },
  {
    file: 'identity/enable-disable-regions.json',
    behaviour: 'opt-in of two regions (`account:TargetRegion`), region listing on `*`',
    expected: [],
  },
  {
    file: 'identity/self-manage-credentials-mfa-full.json',
    behaviour:
      'own password, keys, signing certificates, SSH keys, Git credentials and MFA; Deny NotAction without MFA',
    expected: [],
  },
  { file: 'identity/self-manage-password-only.json', behaviour: 'own password only', expected: [] },
  {
    file: 'identity/self-manage-mfa-only.json',
    behaviour: 'own MFA device only, nothing else without MFA (`BoolIfExists`)',
    expected: [],
  },
  {
    file: 'identity/dynamodb-leading-keys.json',
    behaviour:
      'items of one table whose partition key is the Cognito identity (`ForAllValues` on `dynamodb:LeadingKeys`)',
    expected: [],
  },
  {
    file: 'identity/dynamodb-attributes.json',
    behaviour:
      'some attributes of own items (`dynamodb:Attributes`, `dynamodb:Select` and `ReturnValues` with IfExists)',
    expected: [],
  },
  {
    file: 'identity/ec2-volumes-by-tag.json',
    behaviour: 'attach own volumes (`${aws:username}` tag) to the instances of one team',
    expected: [],
  },
  {
    file: 'identity/ec2-launch-in-subnet.json',
    behaviour: 'instances launched in one subnet, describes on `*`',
    expected: [],
  },
  {
    file: 'identity/ec2-security-groups-one-vpc.json',
    behaviour: 'rules of the security groups of one VPC (`ec2:Vpc`)',
    expected: [],
  },
  {
    file: 'identity/ec2-start-stop-owner-tag.json',
    behaviour: 'start and stop instances tagged with the caller (`ec2:ResourceTag/Owner`)',
    expected: [],
  },
  {
    file: 'identity/secrets-abac.json',
    behaviour:
      'ABAC on secrets: resource tag equals principal tag, creation with the same request tag and allowed keys, tagging only secrets of its own project (as the IAM ABAC tutorial pins it)',
    expected: [],
  },
  {
    file: 'identity/s3-object-tag-abac.json',
    behaviour: 'objects whose `s3:ExistingObjectTag/project` equals the principal tag',
    expected: [],
  },
  {
    file: 'identity/s3-through-vpc-endpoint.json',
    behaviour: 'one bucket, only through one VPC endpoint (`aws:SourceVpce`)',
    expected: [],
  },
  {
    file: 'identity/iam-user-tag-keys.json',
    behaviour: 'tag users with one key and two values (`aws:TagKeys`, `aws:RequestTag`)',
    expected: [],
  },
  {
    file: 'identity/create-service-linked-role.json',
    behaviour: 'the service-linked role of one service (`iam:AWSServiceName`)',
    expected: [],
  },
  {
    file: 'identity/policy-simulator.json',
    behaviour: "the policy simulator on the caller's own policies, custom policies on `*`",
    expected: [],
  },
  {
    file: 'identity/cognito-own-s3-prefix.json',
    behaviour: 'objects under the Cognito identity (`${cognito-identity.amazonaws.com:sub}`)',
    expected: [],
  },
  {
    file: 'identity/s3-console-one-bucket.json',
    behaviour: 'one bucket read and written, bucket listing on `*` for the console',
    expected: [],
  },
  {
    file: 'identity/codeartifact-package-consumer.json',
    behaviour:
      "package reads and a CodeArtifact bearer token on `*` (the token acts with the caller's own permissions)",
    expected: [],
  },
  {
    file: 'identity/s3-athena-queries-one-bucket.json',
    behaviour: 'one workgroup, the objects of one bucket only through Athena (`aws:CalledVia`)',
    expected: [],
  },
  // identity policies: AWS's broad examples and the risky twins
  {
    file: 'identity/rds-full-in-one-region.json',
    behaviour:
      '`rds:*` on every resource of one region: snapshots can be shared with any account, log files of every database downloaded',
    expected: [
      `data-exfiltration/unscoped-read ${S0}`,
      `resource-exposure/policy-change ${S0}`,
      `wildcard-action/service-wildcard ${S0}`,
      `wildcard-resource/write-on-star ${S0}`,
    ],
    mentions: ['rds:ModifyDBSnapshotAttribute', 'rds:DownloadDBLogFilePortion'],
  },
  {
    file: 'identity/stop-instances-with-mfa.json',
    behaviour: 'stop and terminate every instance with recent MFA: the MFA age scopes no instance',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['ec2:TerminateInstances'],
  },
  {
    file: 'identity/tag-roles-with-key.json',
    behaviour: 'one tag key on every role; listing the tags beside it is not called unconditioned',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    notMentions: ['never carry'],
  },
  {
    file: 'identity/delegated-user-admin-policy.json',
    behaviour:
      'the delegated user admin: users only with the boundary, but access keys of any user and default versions of any policy',
    expected: [
      'privilege-escalation/iam-policy-modification /Statement/1',
      'privilege-escalation/user-credentials /Statement/1',
      'wildcard-action/service-wildcard /Statement/1',
      'wildcard-resource/write-on-star /Statement/1',
    ],
    mentions: ['iam:CreateAccessKey', 'iam:SetDefaultPolicyVersion', 'cloudwatch:*'],
  },
  {
    file: 'identity/mfa-date-range-broad.json',
    behaviour: '`ec2:*` on `*` with MFA within a date range: every instance all the same (warnings only)',
    expected: [`wildcard-action/service-wildcard ${S0}`, `wildcard-resource/write-on-star ${S0}`],
    mentions: ['ec2:*'],
  },
  {
    file: 'identity/s3-write-every-bucket-from-office.json',
    behaviour: 'object writes on every bucket from the office range: the address scopes no bucket',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['s3:PutObject'],
  },
  {
    file: 'identity/dynamodb-leading-keys-with-scan.json',
    behaviour:
      '`dynamodb:Scan` beside own-item reads: `ForAllValues` is true for a Scan, which carries no leading keys',
    expected: [
      'policy-validity/unknown-condition-key /Statement/0/Condition/ForAllValues:StringEquals/dynamodb:LeadingKeys',
    ],
    mentions: ['dynamodb:Scan', 'never carry'],
  },
  {
    file: 'identity/pass-any-role-to-one-service.json',
    behaviour: '`iam:PassedToService` without a role ARN: any role, admins included, to EC2',
    expected: [`privilege-escalation/pass-role-wildcard ${S0}`],
    mentions: ['iam:PassRole'],
  },
  {
    file: 'identity/s3-athena-queries-every-bucket.json',
    behaviour: 'objects of every bucket through Athena: `aws:CalledVia` says how, not which buckets',
    expected: [`data-exfiltration/unscoped-read ${S0}`],
    mentions: ['s3:GetObject'],
  },
  {
    file: 'identity/dynamodb-tables-through-cloudformation.json',
    behaviour: 'tables created and deleted only through CloudFormation: every table all the same',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['dynamodb:DeleteTable'],
  },
  {
    file: 'identity/s3-reads-own-account-buckets.json',
    behaviour: "objects of every bucket of the caller's account (`s3:ResourceAccount`)",
    expected: [`data-exfiltration/unscoped-read ${S0}`],
    mentions: ['s3:GetObject'],
  },
  {
    file: 'identity/ec2-stop-terminate-in-one-region.json',
    behaviour: 'stop and terminate every instance of one region (`ec2:Region`, as `aws:RequestedRegion`)',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['ec2:TerminateInstances'],
  },
  // permissions boundaries
  {
    file: 'boundary/team-user-boundary.json',
    behaviour: 'the boundary the delegated admin must set: a few services, its own policy and removal denied',
    expected: [],
  },
  {
    file: 'boundary/regions-boundary.json',
    behaviour: 'everything in two European regions (IAM, answered in us-east-1, is out of it)',
    expected: [],
  },
  {
    file: 'boundary/delegated-admin-boundary-role-boundaries-open.json',
    behaviour: "the delegated admin's boundary: user boundaries guarded, `iam:PutRolePermissionsBoundary` left open",
    expected: [`boundary/caps-nothing ${S0}`],
    mentions: ['iam:PutRolePermissionsBoundary'],
  },
  // service control policies
  {
    file: 'scp/require-project-tag-on-create.json',
    behaviour: 'instances, volumes and secrets need a `Project` request tag',
    expected: [],
  },
  { file: 'scp/instance-types-allow-list.json', behaviour: 'two instance types only', expected: [] },
  { file: 'scp/mfa-to-stop-instances.json', behaviour: 'stop and terminate need MFA (`BoolIfExists`)', expected: [] },
  {
    file: 'scp/no-iam-users-or-keys.json',
    behaviour: 'no IAM users, keys or passwords but by a break-glass role',
    expected: [],
  },
  {
    file: 'scp/protect-ebs-default-encryption-and-flow-logs.json',
    behaviour: 'EBS default encryption, flow logs and alarms kept',
    expected: [],
  },
  {
    file: 'scp/no-internet-gateways.json',
    behaviour: 'no new internet gateways or peerings but by network admins',
    expected: [],
  },
  { file: 'scp/no-external-ram-shares.json', behaviour: 'no RAM shares with external principals', expected: [] },
  {
    file: 'scp/protect-tags-of-admin-roles.json',
    behaviour: 'the `access-level` tag changed only by a tag admin (`ForAnyValue` on `aws:TagKeys`)',
    expected: [],
  },
  { file: 'scp/s3-deny-unencrypted-uploads.json', behaviour: 'uploads must name SSE-KMS', expected: [] },
  {
    file: 'scp/region-deny-exemption-compared-literally.json',
    behaviour: 'region deny whose role exemption is a pattern under `StringNotEquals`: it exempts no one',
    expected: ['policy-validity/condition-type-mismatch /Statement/0/Condition/StringNotEquals/aws:PrincipalARN'],
    mentions: ['StringLike'],
  },
  // resource control policies
  {
    file: 'rcp/organization-only-with-service-exemption.json',
    behaviour: 'principals of the organization only, AWS services and tagged resources excepted (`...IfExists`)',
    expected: [],
  },
  { file: 'rcp/s3-minimum-tls.json', behaviour: 'TLS 1.2 or later for S3', expected: [] },
  {
    file: 'rcp/kms-and-secrets-require-encryption-in-transit.json',
    behaviour: 'no plain HTTP to keys, secrets and queues',
    expected: [],
  },
  // resource policies: the documented forms
  {
    file: 'resource/s3-elb-logs-log-delivery-service.json',
    behaviour: 'load balancer logs by the Elastic Load Balancing log delivery service under `AWSLogs/<own account>/`',
    expected: [],
  },
  {
    file: 'resource/s3-vpc-flow-logs-delivery.json',
    behaviour: 'flow logs by `delivery.logs.amazonaws.com` with `aws:SourceAccount` and `aws:SourceArn`',
    expected: [],
  },
  {
    file: 'resource/s3-partner-upload-bucket-owner-control.json',
    behaviour: 'a trusted partner uploads with `bucket-owner-full-control`',
    expected: [],
  },
  {
    file: 'resource/s3-inventory-destination.json',
    behaviour: 'S3 inventory written for one source bucket of the own account',
    expected: [],
  },
  {
    file: 'resource/s3-delegate-to-access-points.json',
    behaviour: "`Principal` `*` limited to the own account's access points (`s3:DataAccessPointAccount`)",
    expected: [],
  },
  {
    file: 'resource/s3-cloudfront-oai-legacy.json',
    behaviour: 'a legacy CloudFront origin access identity',
    expected: [],
  },
  {
    file: 'resource/s3-deny-all-but-admin-role.json',
    behaviour: 'every principal but the payroll roles and the account denied',
    expected: [],
  },
  {
    file: 'resource/kms-key-admins-users-grants.json',
    behaviour: 'key policy: account root, use through S3 of the own account, a trusted partner decrypts',
    expected: [],
  },
  {
    file: 'resource/lambda-invoked-by-s3.json',
    behaviour: 'S3 invokes a function for one bucket with `AWS:SourceAccount`',
    expected: [],
  },
  {
    file: 'resource/sqs-eventbridge-rule.json',
    behaviour: 'EventBridge sends to a queue for one rule',
    expected: [],
  },
  {
    file: 'resource/sns-cloudwatch-alarms-and-budgets.json',
    behaviour: 'alarms and budgets publish to a topic of the own account',
    expected: [],
  },
  { file: 'resource/sqs-cross-account-send.json', behaviour: 'a trusted partner account sends messages', expected: [] },
  {
    file: 'resource/kms-cloudwatch-logs.json',
    behaviour: 'CloudWatch Logs uses the key for the log groups named by `kms:EncryptionContext:aws:logs:arn`',
    expected: [],
  },
  {
    file: 'resource/sqs-s3-event-notifications.json',
    behaviour: 'S3 event notifications of one bucket of the own account (`SQS:SendMessage`)',
    expected: [],
  },
  {
    file: 'resource/s3-ipv4-ipv6-allow-list.json',
    behaviour: 'every request outside an IPv4 and an IPv6 range denied',
    expected: [],
  },
  {
    file: 'resource/secret-cross-account-current-version.json',
    behaviour: "a partner's role reads the current version of a secret",
    expected: [],
  },
  {
    file: 'resource/s3-cloudtrail.json',
    behaviour: 'CloudTrail writes for one trail (`aws:SourceArn`) with the ACL check',
    expected: [],
  },
  {
    file: 'resource/s3-org-read-with-service-exemption.json',
    behaviour: 'organization reads, everyone else but AWS services denied',
    expected: [],
  },
  {
    file: 'resource/glacier-vault-lock-legal-hold-tag.json',
    behaviour: 'archive deletion denied while the vault carries `glacier:ResourceTag/LegalHold`',
    expected: [],
  },
  {
    file: 'resource/cloudtrail-lake-channel-partner.json',
    behaviour:
      'a partner sends audit events to a CloudTrail Lake channel with its external ID (`cloudtrail:ExternalId`)',
    expected: [],
  },
  {
    file: 'resource/s3-cost-and-usage-reports.json',
    behaviour:
      'Cost and Usage Reports delivery with `StringEquals` on its own source ARN `definition/*` and the own account',
    expected: [],
  },
  // resource policies: AWS's warned-about forms and the risky twins
  {
    file: 'resource/s3-referer-public-read.json',
    behaviour: 'reads limited by `aws:Referer`, which any client sets: public',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['s3:GetObject'],
  },
  {
    file: 'resource/s3-mfa-for-prefix-and-public-read.json',
    behaviour: 'MFA required for one prefix, every object readable by anyone',
    expected: ['resource-exposure/public-principal /Statement/1'],
    mentions: ['s3:GetObject'],
  },
  {
    file: 'resource/lambda-invoked-by-s3-no-account.json',
    behaviour: 'S3 invokes a function for a bucket ARN without `AWS:SourceAccount`',
    expected: [`resource-exposure/confused-deputy ${S0}`],
    mentions: ['names no account'],
  },
  {
    file: 'resource/s3-cloudfront-oac-any-distribution.json',
    behaviour:
      'origin access control for any distribution of any account: public, as any account may serve the objects',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['any CloudFront distribution, of any account, may read its objects on behalf of anyone on the internet'],
    notMentions: ['names no account', "deleted bucket's name"],
  },
  {
    file: 'resource/s3-delegate-to-access-points-any-account.json',
    behaviour: 'delegation to the access points of any account (`StringLike` `*`)',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/s3-elb-logs-any-path.json',
    behaviour: 'load balancer logs written anywhere in the bucket, no account in the path',
    expected: [`resource-exposure/confused-deputy ${S0}`],
    mentions: ['logdelivery.elasticloadbalancing.amazonaws.com'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders("iamgate lint on AWS's documented example policies", {
  dir: 'integ/lint-realworld/aws-examples',
  config: 'integ/lint-realworld/aws-examples/aws-examples.config.json',
  types: ['identity', 'resource', 'boundary', 'scp', 'rcp'],
  rows: ROWS,
});
