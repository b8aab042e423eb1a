/**
 * `iamgate lint` on policy documents modelled on the examples of the AWS documentation (see
 * README.md beside this file): the idioms get no finding, their risky twins get the right rule at
 * the right statement. One run of the built binary per policy type over its whole folder.
 */
import { describeLintFolders } from '../lint-folders';
import type { Row } from '../lint-folders';

const S0 = '/Statement/0';

const ROWS: readonly Row[] = [
  // identity idioms
  { file: 'identity/abac-team-tag.json', behaviour: 'ABAC: resource tag equals the principal tag', expected: [] },
  { file: 'identity/s3-home-folder.json', behaviour: '`${aws:username}` home folder with `s3:prefix`', expected: [] },
  { file: 'identity/manage-own-access-keys.json', behaviour: 'own access keys only', expected: [] },
  {
    file: 'identity/region-deny-notaction.json',
    behaviour: 'Deny + NotAction global services outside two regions',
    expected: [],
  },
  {
    file: 'identity/pass-role-to-service.json',
    behaviour: '`iam:PassRole` on a path with `iam:PassedToService`',
    expected: [],
  },
  { file: 'identity/dynamodb-table-read-only.json', behaviour: 'read one table and its indexes', expected: [] },
  { file: 'identity/lambda-basic-execution-scoped.json', behaviour: 'logs of one function only', expected: [] },
  {
    file: 'identity/lambda-console-execution-role.json',
    behaviour: 'the Lambda console execution role: log groups created in its account, streams of its own',
    expected: [],
  },
  { file: 'identity/secret-read-one.json', behaviour: 'one secret, its key through Secrets Manager', expected: [] },
  { file: 'identity/sqs-consumer.json', behaviour: 'consume one queue', expected: [] },
  {
    file: 'identity/star-only-actions.json',
    behaviour: 'X-Ray, metrics by namespace, GetCallerIdentity on `*`',
    expected: [],
  },
  {
    file: 'identity/ecr-pull-one-repository.json',
    behaviour: 'registry login on `*`, pull from one repository',
    expected: [],
  },
  { file: 'identity/ssm-parameters-by-path.json', behaviour: 'parameters under one path', expected: [] },
  {
    file: 'identity/deny-outside-corporate-ip.json',
    behaviour: 'Deny outside corporate CIDRs unless via a service',
    expected: [],
  },
  { file: 'identity/s3-read-one-bucket.json', behaviour: 'read one bucket', expected: [] },
  {
    file: 'identity/delegated-admin-create-with-boundary.json',
    behaviour: 'delegated admin: role changes pinned to the approved boundary, its removal and edits denied',
    expected: [],
  },
  {
    file: 'identity/ssm-session-by-tag.json',
    behaviour: 'Session Manager on instances of the own team, only its own sessions (`${aws:userid}`)',
    expected: [],
  },
  {
    file: 'identity/pass-role-to-one-instance-profile.json',
    behaviour: 'one instance profile swapped in, its role passed to EC2 instances only (`iam:AssociatedResourceARN`)',
    expected: [],
  },
  // identity risks
  {
    file: 'identity/risk-mfa-deny-with-bool.json',
    behaviour: 'MFA deny with `Bool`: requests signed with access keys are not denied',
    expected: ['policy-validity/mfa-condition /Statement/1/Condition/Bool/aws:MultiFactorAuthPresent'],
    mentions: ['BoolIfExists'],
  },
  {
    file: 'identity/risk-region-allow-string-not-equals.json',
    behaviour: 'Allow `*` with StringNotEquals region grants every action everywhere else',
    expected: ['admin-access/full-access /Statement/0', `boundary/delegation-escape ${S0}`],
  },
  {
    file: 'identity/risk-manage-own-user-policies.json',
    behaviour: 'attaching or writing policies on `user/${aws:username}`: every user holding it can make itself admin',
    expected: [`boundary/delegation-escape ${S0}`, `privilege-escalation/iam-policy-modification ${S0}`],
    mentions: ['iam:AttachUserPolicy'],
  },
  {
    file: 'identity/risk-dynamodb-read-every-table.json',
    behaviour: 'item reads on `*`: every table of the account',
    expected: [`data-exfiltration/unscoped-read ${S0}`],
    mentions: ['dynamodb:Scan'],
  },
  {
    file: 'identity/risk-ram-share-with-anyone.json',
    behaviour: 'RAM shares of any resource with any account',
    expected: [`resource-exposure/policy-change ${S0}`, `wildcard-resource/write-on-star ${S0}`],
  },
  {
    file: 'identity/risk-pass-role-star.json',
    behaviour: '`iam:PassRole` on `*`',
    expected: [`privilege-escalation/pass-role-wildcard ${S0}`],
    mentions: ['iam:PassRole'],
  },
  {
    file: 'identity/risk-s3-star-on-star.json',
    behaviour: '`s3:*` on `*`',
    expected: [
      `data-exfiltration/unscoped-read ${S0}`,
      `resource-exposure/policy-change ${S0}`,
      `wildcard-action/service-wildcard ${S0}`,
      `wildcard-resource/write-on-star ${S0}`,
    ],
    mentions: ['s3:PutBucketPolicy'],
  },
  {
    file: 'identity/risk-abac-misspelt-key.json',
    behaviour: 'ABAC condition on `aws:ResourceTags/team` (no such key): the statement never applies',
    expected: ['policy-validity/unknown-condition-key /Statement/0/Condition/StringEquals/aws:ResourceTags~1team'],
    mentions: ['aws:ResourceTags/team', 'did you mean `aws:ResourceTag/team`'],
  },
  {
    file: 'identity/risk-abac-misspelt-variable.json',
    behaviour: 'ABAC value `${aws:PrincipleTag/team}` (no such variable)',
    expected: ['policy-validity/policy-variable /Statement/0/Condition/StringEquals/aws:ResourceTag~1team'],
    mentions: ['${aws:PrincipleTag/team}'],
  },
  {
    file: 'identity/risk-not-action-allow.json',
    behaviour: 'Allow + NotAction on `*` grants everything but IAM and Organizations',
    expected: [
      'admin-access/not-action-allow /Statement/0/NotAction',
      `credentials-exposure/unscoped-credential-action ${S0}`,
      `data-exfiltration/unscoped-read ${S0}`,
      `privilege-escalation/assume-any-role ${S0}`,
      `privilege-escalation/run-as-existing-role ${S0}`,
      `resource-exposure/policy-change ${S0}`,
      'wildcard-action/service-wildcard /Statement/0/NotAction',
      `wildcard-resource/write-on-star ${S0}`,
    ],
  },
  {
    file: 'identity/risk-create-role-without-boundary.json',
    behaviour: 'role creation and inline policies on `*` without an `iam:PermissionsBoundary` condition',
    expected: [
      `boundary/delegation-escape ${S0}`,
      `privilege-escalation/iam-policy-modification ${S0}`,
      `wildcard-resource/write-on-star ${S0}`,
    ],
    mentions: ['iam:PermissionsBoundary'],
  },
  {
    file: 'identity/ec2-run-instances-tag-on-create.json',
    behaviour:
      'tag-on-create: instances and volumes scoped by request tags, the other resources of `ec2:RunInstances` on `*`',
    expected: [],
  },
  {
    file: 'identity/mfa-required-self-service.json',
    behaviour: 'self-managed MFA and credentials as AWS documents it (`iam:CreateVirtualMFADevice` on `mfa/*`)',
    expected: [],
  },
  {
    file: 'identity/risk-mfa-allow-bool-if-exists.json',
    behaviour: 'an Allow with `BoolIfExists` MFA `true` also lets access-key requests through',
    expected: ['policy-validity/mfa-condition /Statement/0/Condition/BoolIfExists/aws:MultiFactorAuthPresent'],
    mentions: ['use `Bool`'],
  },
  // permissions boundaries
  {
    file: 'boundary/developer-boundary.json',
    behaviour: 'services on `*`, removal and replacement denied',
    expected: [],
  },
  { file: 'boundary/delegated-user-admin.json', behaviour: 'the delegated user admin boundary', expected: [] },
  {
    file: 'boundary/risk-removable-boundary.json',
    behaviour: 'a boundary allowing `iam:*` lets its holder remove it',
    expected: ['boundary/caps-nothing /Statement/0'],
    mentions: ['iam:DeleteRolePermissionsBoundary'],
  },
  {
    file: 'boundary/risk-boundary-policy-editable.json',
    behaviour: 'a boundary allowing edits of every policy lets its holder rewrite it',
    expected: ['boundary/caps-nothing /Statement/1'],
    mentions: ['iam:CreatePolicyVersion'],
  },
  {
    file: 'boundary/risk-allow-all-unrelated-deny.json',
    behaviour: 'a boundary allowing `*` next to an unrelated deny caps nothing',
    expected: ['boundary/caps-nothing /Statement/0'],
  },
  // SCPs
  { file: 'scp/full-aws-access.json', behaviour: 'FullAWSAccess is the default SCP', expected: [] },
  { file: 'scp/deny-leave-organization.json', behaviour: 'deny leaving the organization', expected: [] },
  { file: 'scp/region-deny-not-action.json', behaviour: 'region deny with NotAction and an exempt role', expected: [] },
  { file: 'scp/protect-security-role.json', behaviour: 'protect a role except from its admin', expected: [] },
  { file: 'scp/deny-root-user.json', behaviour: 'deny the root user', expected: [] },
  { file: 'scp/require-imdsv2.json', behaviour: 'require IMDSv2 and its credentials', expected: [] },
  {
    file: 'scp/protect-security-services.json',
    behaviour: 'deny stopping CloudTrail, GuardDuty, Config',
    expected: [],
  },
  {
    file: 'scp/risk-typo-action.json',
    behaviour: 'a guardrail on misspelt actions denies nothing',
    expected: [
      'policy-validity/unknown-action /Statement/0/Action',
      'policy-validity/unknown-action /Statement/1/Action',
    ],
    mentions: ['organizations:LeaveOrganization', 'cloudtrail:StopLogging'],
  },
  {
    file: 'scp/risk-boundary-pattern-compared-literally.json',
    behaviour: 'a boundary ARN pattern under `StringNotEquals` matches no real boundary: the deny hits every role',
    expected: [
      'policy-validity/condition-type-mismatch /Statement/0/Condition/StringNotEquals/iam:PermissionsBoundary',
    ],
    mentions: ['StringLike'],
  },
  // resource policies
  { file: 'resource/s3-deny-insecure-transport.json', behaviour: 'deny non-TLS for `Principal: *`', expected: [] },
  {
    file: 'resource/s3-require-sse-kms.json',
    behaviour: 'deny uploads without SSE-KMS or with another key',
    expected: [],
  },
  {
    file: 'identity/ram-share-inside-organization.json',
    behaviour: 'RAM shares only without external principals (`ram:RequestedAllowsExternalPrincipals` false)',
    expected: [],
  },
  { file: 'resource/s3-vpc-endpoint-only.json', behaviour: 'deny outside one VPC endpoint', expected: [] },
  {
    file: 'resource/apigw-source-ip-allow-list.json',
    behaviour: 'an API open to `*` but denied outside two address ranges (API Gateway allow-list)',
    expected: [],
  },
  {
    file: 'resource/apigw-shorthand-allow-list.json',
    behaviour: 'the same allow-list written with the `execute-api:/*` shorthand of the API Gateway console',
    expected: [],
  },
  {
    file: 'resource/apigw-vpc-endpoint-allow-list.json',
    behaviour: 'a private API open to `*` but denied outside its VPC endpoint',
    expected: [],
  },
  {
    file: 'resource/s3-organization-read.json',
    behaviour: '`Principal: *` limited by `aws:PrincipalOrgID`',
    expected: [],
  },
  { file: 'resource/s3-cloudfront-oac.json', behaviour: 'CloudFront OAC with `AWS:SourceArn`', expected: [] },
  { file: 'resource/s3-server-access-logs.json', behaviour: 'log delivery with source ARN and account', expected: [] },
  { file: 'resource/s3-cross-account-read.json', behaviour: 'read for a trusted partner account', expected: [] },
  {
    file: 'resource/s3-office-cidr-read.json',
    behaviour: '`Principal: *` limited to one /24: not public by the S3 definition',
    expected: [],
  },
  {
    file: 'resource/kms-key-policy-default.json',
    behaviour: 'default key policy: admins, users, grants for AWS resources',
    expected: [],
  },
  { file: 'resource/sns-topic-s3-events.json', behaviour: 'S3 publishes with source ARN and account', expected: [] },
  { file: 'resource/sns-topic-organization-publish.json', behaviour: 'the organization publishes', expected: [] },
  { file: 'resource/sqs-queue-sns-subscription.json', behaviour: 'SNS sends from one topic', expected: [] },
  { file: 'resource/secret-one-role.json', behaviour: 'one role reads, everyone else denied', expected: [] },
  {
    file: 'resource/ecr-repository-cross-account-pull.json',
    behaviour: 'partner pull, Lambda pull by source ARN',
    expected: [],
  },
  {
    file: 'resource/risk-s3-not-principal-allow.json',
    behaviour: 'NotPrincipal with Allow grants everyone else',
    expected: [
      'policy-validity/policy-warning /Statement/0/NotPrincipal',
      'resource-exposure/public-principal /Statement/0/NotPrincipal',
    ],
  },
  {
    file: 'resource/risk-s3-public-write.json',
    behaviour: 'anyone uploads',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['s3:PutObject'],
  },
  {
    file: 'resource/risk-kms-key-any-principal.json',
    behaviour: 'any principal decrypts with the key',
    expected: ['resource-exposure/public-principal /Statement/1'],
    mentions: ['kms:Decrypt'],
  },
  {
    file: 'resource/risk-sqs-public-send.json',
    behaviour: 'anyone sends to the queue',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/ecr-repository-no-resource-element.json',
    behaviour: 'an ECR repository policy names no Resource: it applies to its repository',
    expected: [],
  },
  {
    file: 'resource/risk-apigw-deny-listed-ips-only.json',
    behaviour: 'a Deny of some addresses leaves the API open to every other: public',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/risk-apigw-allow-list-one-method.json',
    behaviour: 'an address allow-list on one method leaves the others open: public',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/risk-s3-every-action-to-partner.json',
    behaviour: 'every action (`*`) on a bucket to a trusted partner: it may delete the bucket and rewrite its policy',
    expected: [`wildcard-action/service-wildcard /Statement/0/Action`],
  },
  {
    file: 'resource/risk-s3-source-ip-everywhere.json',
    behaviour: '`aws:SourceIp` `0.0.0.0/0` and `::/0` admit every address: public',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/risk-s3-any-organization.json',
    behaviour: '`aws:PrincipalOrgID` `o-*` admits every organization: public',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'resource/risk-sns-service-without-source.json',
    behaviour: 'a service principal without source condition',
    expected: [`resource-exposure/confused-deputy ${S0}`],
    mentions: ['aws:SourceArn'],
  },
  {
    file: 'resource/lambda-organization-invoke.json',
    behaviour: '`Principal: *` invoking a function, confined to the organization',
    expected: [],
  },
  {
    file: 'resource/opensearch-office-cidr.json',
    behaviour: 'a domain queried by anyone from one office `/24`',
    expected: [],
  },
  {
    file: 'resource/risk-lambda-rotation-without-source.json',
    behaviour: 'Secrets Manager invokes a rotation function for any secret of any account',
    expected: [`resource-exposure/confused-deputy ${S0}`],
    mentions: ['secretsmanager.amazonaws.com'],
  },
  // trust policies
  { file: 'trust/ec2.json', behaviour: 'EC2 service', expected: [] },
  { file: 'trust/lambda.json', behaviour: 'Lambda service', expected: [] },
  { file: 'trust/ecs-tasks-source-guarded.json', behaviour: 'ECS tasks with source ARN and account', expected: [] },
  { file: 'trust/cross-account-external-id.json', behaviour: 'partner account with `sts:ExternalId`', expected: [] },
  { file: 'trust/saml.json', behaviour: 'SAML with `SAML:aud`', expected: [] },
  { file: 'trust/github-oidc-pinned.json', behaviour: 'GitHub OIDC pinned to one branch', expected: [] },
  { file: 'trust/eks-irsa.json', behaviour: 'EKS IRSA pinned to one service account', expected: [] },
  { file: 'trust/same-account-role.json', behaviour: 'a role of the own account', expected: [] },
  {
    file: 'trust/risk-github-oidc-no-sub.json',
    behaviour: 'GitHub OIDC with `aud` only',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
    mentions: ['token.actions.githubusercontent.com:sub'],
  },
  {
    file: 'trust/risk-github-oidc-org-wildcard.json',
    behaviour: 'GitHub OIDC for every repository of the owner',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['repo:acme/*'],
  },
  {
    file: 'trust/risk-cross-account-no-external-id.json',
    behaviour: 'an unknown account root without external id',
    expected: [
      `trust-policy/account-root ${S0}`,
      `trust-policy/cross-account-external-id ${S0}`,
      `trust-policy/untrusted-account ${S0}`,
    ],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/risk-any-principal.json',
    behaviour: 'any principal assumes the role',
    expected: [`resource-exposure/public-principal ${S0}`],
  },
  {
    file: 'trust/risk-saml-no-aud.json',
    behaviour: 'SAML without `SAML:aud`',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['SAML:aud'],
  },
  { file: 'trust/gitlab-oidc-pinned.json', behaviour: 'GitLab OIDC pinned to one project branch', expected: [] },
  {
    file: 'trust/risk-terraform-cloud-any-run-phase.json',
    behaviour: 'HCP Terraform workspace for `run_phase:*`: the plan phase gets the apply role',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['plan'],
  },
];

/**
 * What core gets wrong today (the repros of README.md): linted with the rest of their folder,
 * never asserted either way.
 */
const LEFT_OUT: Readonly<Record<string, string>> = {};

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5;
// the delegated administrator's approved boundary is `app-boundary`
describeLintFolders('iamgate lint on documented idioms and their risky twins', {
  dir: 'integ/lint-idioms',
  config: 'integ/lint-idioms/lint-idioms.config.json',
  types: ['identity', 'resource', 'trust', 'boundary', 'scp'],
  rows: ROWS,
  leftOut: LEFT_OUT,
});
