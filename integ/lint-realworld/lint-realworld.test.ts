/**
 * `iamgate lint` on the shapes of policy documents that public projects publish (data-perimeter,
 * SCP and RCP example collections, Kubernetes controller policies, CI/CD roles, bucket, queue,
 * topic and key policies, OIDC and SAML trust policies), each re-authored here as a minimal
 * document of our own (see README.md beside this file), with what the tool must answer (the
 * last rows: shapes the survey found answered wrong, fixed since). One run of the built binary
 * per policy type over its whole folder.
 */
import { describeLintFolders } from '../lint-folders';
import type { Row } from '../lint-folders';

const S0 = '/Statement/0';

const ROWS: readonly Row[] = [
  // identity policies
  {
    file: 'identity/ci-pass-any-role-typo.json',
    behaviour: 'a pipeline role: `iam:passRole` (lower case) on `*` next to a misspelt action',
    expected: [`privilege-escalation/pass-role-wildcard ${S0}`, 'policy-validity/unknown-action /Statement/0/Action'],
    mentions: ['iam:PassRole', 's3:GetBucketVersioning'],
  },
  {
    file: 'identity/state-backend-scoped.json',
    behaviour: 'Terraform state: one prefix, one lock table, PassRole of one role to ECS tasks',
    expected: [],
  },
  {
    file: 'identity/autoscaler-tag-equals.json',
    behaviour: 'cluster autoscaler: scaling only groups tagged for it, describes on `*`',
    expected: [],
  },
  {
    file: 'identity/autoscaler-unscoped.json',
    behaviour: 'cluster autoscaler without the tag condition: may scale every group',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['autoscaling:SetDesiredCapacity'],
  },
  {
    file: 'identity/dns-records-every-zone.json',
    behaviour: 'DNS records of every hosted zone (`ForAllValues` on record types scopes no zone)',
    expected: [`wildcard-resource/write-on-star ${S0}`],
    mentions: ['route53:ChangeResourceRecordSets'],
  },
  {
    file: 'identity/dns-records-one-zone.json',
    behaviour: 'DNS records of one hosted zone, listing on `*`, `Version` last',
    expected: [],
  },
  {
    file: 'identity/numbers-and-booleans-unquoted.json',
    behaviour: 'condition values written as JSON numbers and booleans, which AWS accepts',
    expected: [],
  },
  // resource policies
  {
    file: 'resource/s3-cloudfront-oac.json',
    behaviour: 'CloudFront origin access control pinned to one distribution (`AWS:SourceArn` spelt upper case)',
    expected: [],
  },
  {
    file: 'resource/s3-transport-and-encryption-denies.json',
    behaviour: 'Version 2008: deny plain HTTP (boolean `false`), uploads without KMS, public ACLs',
    expected: [],
  },
  {
    file: 'resource/s3-minimum-tls-version.json',
    behaviour: 'deny TLS below 1.2 (`NumericLessThan` on `s3:TlsVersion`, a JSON number)',
    expected: [],
  },
  {
    file: 'resource/sqs-anyone-from-one-topic.json',
    behaviour: 'queue: `Principal` `*` restricted to one SNS topic by `aws:SourceArn`',
    expected: [],
  },
  {
    file: 'resource/sns-anyone-of-source-owner.json',
    behaviour: 'topic: `Principal` `*` restricted to the own account by `AWS:SourceOwner`',
    expected: [],
  },
  {
    file: 'resource/sns-events-without-source.json',
    behaviour: 'EventBridge may publish without a source condition',
    expected: [`resource-exposure/confused-deputy ${S0}`],
    mentions: ['events.amazonaws.com', 'aws:SourceArn'],
  },
  {
    file: 'resource/sns-legacy-receive-action.json',
    behaviour: '`SNS:Receive`, an action old console policies held, does not exist',
    expected: ['policy-validity/unknown-action /Statement/0/Action'],
    mentions: ['SNS:Receive'],
  },
  {
    file: 'resource/kms-trail-key-caller-account.json',
    behaviour: 'trail key: CloudTrail by encryption context, `*` limited by `kms:CallerAccount` and `kms:ViaService`',
    expected: [],
  },
  {
    file: 'resource/apigw-allow-all-deny-outside-endpoint.json',
    behaviour: 'private API: allow `*`, deny every call not through one VPC endpoint',
    expected: [],
  },
  {
    file: 'resource/lambda-url-auth-none.json',
    behaviour: 'function URL with auth type NONE: anyone on the internet may invoke it',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['lambda:InvokeFunctionUrl'],
  },
  {
    file: 'resource/s3-elb-logs-regional-account.json',
    behaviour: "load balancer logs written by the region's Elastic Load Balancing account",
    expected: [],
  },
  {
    file: 'resource/s3-data-perimeter-denies.json',
    behaviour: 'identity and network perimeter denies (`...IfExists`, service exceptions), organization reads',
    expected: [],
  },
  {
    file: 'resource/s3-public-website.json',
    behaviour: 'a public website bucket',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['s3:GetObject'],
  },
  // trust policies
  {
    file: 'trust/github-any-repository.json',
    behaviour: 'GitHub OIDC with subject `repo:*`: any repository on GitHub',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
    mentions: ['repo:*'],
  },
  {
    file: 'trust/github-wildcard-under-string-equals.json',
    behaviour: 'GitHub subject with `*` under `StringEquals`, compared literally',
    expected: [
      'policy-validity/condition-type-mismatch /Statement/0/Condition/StringEquals/token.actions.githubusercontent.com:sub',
    ],
    mentions: ['StringLike'],
  },
  { file: 'trust/github-one-branch.json', behaviour: 'GitHub OIDC pinned to one branch with audience', expected: [] },
  {
    file: 'trust/github-every-ref-of-repository.json',
    behaviour: 'GitHub OIDC for every ref of one repository, pull requests included',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['pull_request'],
  },
  {
    file: 'trust/irsa-one-service-account.json',
    behaviour: 'EKS IRSA: one service account with audience',
    expected: [],
  },
  {
    file: 'trust/irsa-every-namespace.json',
    behaviour: 'EKS IRSA for every service account of the cluster',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['system:serviceaccount:*'],
  },
  {
    file: 'trust/cognito-authenticated.json',
    behaviour: 'Cognito identity pool, authenticated identities',
    expected: [],
  },
  {
    file: 'trust/cognito-pool-without-amr.json',
    behaviour: 'Cognito identity pool without `amr`: guests too',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['cognito-identity.amazonaws.com:amr'],
  },
  {
    file: 'trust/saml-with-audience-and-tags.json',
    behaviour: 'SAML federation with the sign-in audience and session tags',
    expected: [],
  },
  {
    file: 'trust/partner-with-external-id.json',
    behaviour: "a trusted partner's role with an external id",
    expected: [],
  },
  {
    file: 'trust/vendor-account-without-external-id.json',
    behaviour: 'an unknown vendor account root without external id',
    expected: [
      `trust-policy/account-root ${S0}`,
      `trust-policy/cross-account-external-id ${S0}`,
      `trust-policy/untrusted-account ${S0}`,
    ],
    mentions: ['999988887777', 'sts:ExternalId'],
  },
  {
    file: 'trust/services-with-source-account.json',
    behaviour: 'ECS tasks and EventBridge Scheduler of the own account',
    expected: [],
  },
  {
    file: 'trust/organization-role-any-principal.json',
    behaviour: '`Principal` `*` limited to one role name inside the organization',
    expected: [],
  },
  {
    file: 'trust/anyone-may-assume.json',
    behaviour: '`Principal` `*` without condition',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['sts:AssumeRole'],
  },
  {
    file: 'trust/instance-role-empty-sid.json',
    behaviour: 'EC2 instance role, Version 2008 and an empty Sid',
    expected: [],
  },
  {
    file: 'trust/perimeter-denies-only.json',
    behaviour: 'the identity-perimeter Deny statement alone (appended to trust policies)',
    expected: [],
  },
  // permissions boundaries
  {
    file: 'boundary/services-and-own-credentials.json',
    behaviour: 'a few services, own access keys, one bucket denied',
    expected: [],
  },
  {
    file: 'boundary/wildcard-service-prefix.json',
    behaviour: '`*:Delete*`: AWS rejects a wildcard in the service prefix',
    expected: ['policy-validity/invalid-policy /Statement/1/Action'],
    mentions: ['*:Delete*'],
  },
  // service control policies
  {
    file: 'scp/root-only-bucket-policy-repair.json',
    behaviour: 'root user may only repair bucket policies (Deny NotAction)',
    expected: [],
  },
  {
    file: 'scp/users-from-corporate-network.json',
    behaviour: 'IAM users only from the corporate network or VPC, service calls excepted',
    expected: [],
  },
  { file: 'scp/imds-v2-and-hop-limit.json', behaviour: 'IMDSv2 required, hop limit, role delivery 2.0', expected: [] },
  { file: 'scp/eligible-services-only.json', behaviour: 'an allow-list of services as Deny NotAction', expected: [] },
  {
    file: 'scp/resource-perimeter-not-resource.json',
    behaviour: 'resource perimeter: Deny `*` on NotResource of AWS-owned resources outside the organization',
    expected: [],
  },
  {
    file: 'scp/region-allow-list-bedrock-profiles.json',
    behaviour: 'region allow-list with a privileged role and EU inference profiles excepted',
    expected: [],
  },
  // resource control policies
  { file: 'rcp/https-only.json', behaviour: 'deny requests without TLS', expected: [] },
  {
    file: 'rcp/trusted-oidc-tenants.json',
    behaviour: 'web identity only for our tenants of shared issuers (`StringNotLikeIfExists` + `Null`)',
    expected: [],
  },
  {
    file: 'rcp/service-principals-from-organization.json',
    behaviour: 'service principals only on behalf of the organization or one partner',
    expected: [],
  },
  { file: 'rcp/short-presigned-urls.json', behaviour: 'deny presigned URLs older than five minutes', expected: [] },
  // shapes the survey found answered wrong, fixed since
  {
    file: 'trust/cognito-guest-role.json',
    behaviour: 'the guest role of a Cognito identity pool (`amr` `unauthenticated`): said to admit guests',
    expected: ['trust-policy/federation-conditions /Statement/0'],
    mentions: ['unauthenticated'],
    notMentions: ['without a `cognito-identity.amazonaws.com:amr` condition'],
  },
  {
    file: 'boundary/denies-only.json',
    behaviour: 'a boundary of Deny statements only: its holder may do nothing',
    expected: ['policy-validity/policy-warning /Statement'],
    mentions: ['no `Allow`'],
  },
  {
    file: 'identity/resource-tag-present.json',
    behaviour: 'load balancer controller ABAC: `Null` `aws:ResourceTag/<key>` `false` scopes to tagged resources',
    expected: [],
  },
  {
    file: 'scp/template-placeholder-variable.json',
    behaviour: 'a template placeholder left as a policy variable (`${AccountId}`) names no condition key',
    expected: ['policy-validity/policy-variable /Statement/0/Condition/ArnNotLike/aws:PrincipalARN'],
    mentions: ['${AccountId}'],
  },
  {
    file: 'resource/glacier-lock-archive-age.json',
    behaviour:
      'Glacier vault lock: `NumericLessThan` on `glacier:ArchiveAgeInDays` (a number, typed String by the catalog)',
    expected: [],
  },
  {
    file: 'identity/deny-all-without-absent-key.json',
    behaviour:
      'Deny `*` unless `iam:PermissionsBoundary` is one policy: certain for the actions whose requests never carry the key',
    expected: [],
  },
  {
    file: 'trust/github-claim-key-of-another-host.json',
    behaviour: 'GitHub OIDC trust whose condition names a claim of another host: nobody can assume the role',
    expected: [
      'policy-validity/policy-warning /Statement/0/Condition/StringEquals/token.actions.github.usercontent.com:aud',
    ],
    mentions: ['token.actions.githubusercontent.com', 'no one'],
  },
  {
    file: 'trust/placeholder-account-root.json',
    behaviour: 'a trust policy published with `<tooling-account-id>` left in the root ARN: IAM refuses it',
    expected: ['policy-validity/policy-warning /Statement/0/Principal/AWS', 'trust-policy/account-root /Statement/0'],
    mentions: ['<tooling-account-id>', 'IAM refuses the policy'],
  },
  {
    file: 'scp/deny-public-function-permissions.json',
    behaviour:
      '`StringEquals` `lambda:Principal` `*` denies the public principal exactly (`StringLike` would deny every permission); `*` in a tag value is still a wildcard mistaken for literal',
    expected: ['policy-validity/condition-type-mismatch /Statement/1/Condition/StringEquals/aws:RequestTag~1team'],
    notMentions: ['lambda:Principal'],
  },
  {
    file: 'resource/s3-notifications-any-principal.json',
    behaviour:
      '`Principal: "*"` confined to a bucket ARN (older S3 event notifications): the bucket name binds no account unless `aws:SourceAccount` does',
    expected: ['resource-exposure/confused-deputy /Statement/0'],
    mentions: ['arn:aws:s3:::acme-uploads', 'aws:SourceAccount'],
  },
  {
    file: 'resource/organization-unit-as-organization.json',
    behaviour:
      'an organizational unit id (`ou-...`) in `aws:PrincipalOrgID` never matches: the grant meant for the OU gives nothing; a real organization id is fine',
    expected: ['policy-validity/policy-warning /Statement/0/Condition/StringEquals/aws:PrincipalOrgID'],
    mentions: ['ou-ab12-11111111', 'an organization id'],
  },
  {
    file: 'rcp/placeholder-source-account.json',
    behaviour: 'a placeholder left in `aws:SourceAccount` of an RCP: no account matches it',
    expected: ['policy-validity/policy-warning /Statement/0/Condition/StringNotEqualsIfExists/aws:SourceAccount'],
    mentions: ['<partner-account-id>', '12-digit account id'],
  },
  {
    file: 'resource/account-id-one-digit-short.json',
    behaviour: 'a bucket policy whose second account id is one digit short: IAM refuses it',
    expected: ['policy-validity/policy-warning /Statement/0/Principal/AWS'],
    mentions: ['44445555666'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the shapes of published real-world policies', {
  dir: 'integ/lint-realworld',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp'],
  rows: ROWS,
});
