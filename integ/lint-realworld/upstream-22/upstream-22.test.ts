/**
 * `iamgate lint` on the cases other projects' own tests and documentation assert, beyond the
 * external corpus: checkov's IAM checks (GitHub OIDC trust, admin, star action, Cloudsplaining-style
 * data-source checks, public actions), trivy's escalation checks, IAM Access Analyzer's documented
 * policy checks, parliament's resource-mismatch tests, cloudsplaining's policy and resource-policy
 * tests, and the OIDC guidance of GitLab, HCP Terraform, CircleCI, Bitbucket and Buildkite. Each
 * document is a minimal one of our own (see README.md beside this file, which says where iamgate and
 * the upstream project disagree and why); the accounts and the configuration are those of
 * `lint-realworld/`. Templates and Terraform: `upstream-22-templates.test.ts`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const S1 = '/Statement/1';
const FULL = `admin-access/full-access ${S0}`;
const WRITE = `wildcard-resource/write-on-star ${S0}`;
const READ = `data-exfiltration/unscoped-read ${S0}`;
const PASS_ANY = `privilege-escalation/pass-role-wildcard ${S0}`;
const PASS_TO_SERVICE = `privilege-escalation/pass-role-to-service ${S0}`;
const POLICY_EDIT = `privilege-escalation/iam-policy-modification ${S0}`;
const USER_CREDENTIALS = `privilege-escalation/user-credentials ${S0}`;
const SERVICE_WILDCARD = `wildcard-action/service-wildcard ${S0}`;
const PUBLIC = 'resource-exposure/public-principal';
const MISSING_SUB = `trust-policy/oidc-missing-sub ${S0}`;
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const GH_SUB_EQUALS = `policy-validity/condition-type-mismatch ${S0}/Condition/StringEquals/token.actions.githubusercontent.com:sub`;
const DEAD = `policy-validity/resource-mismatch ${S0}`;
// What a policy allowing every action but one service is reported for, whichever the service.
const NOT_ACTION_COMMON = [
  `admin-access/not-action-allow ${S0}/NotAction`,
  `credentials-exposure/unscoped-credential-action ${S0}`,
  READ,
  `privilege-escalation/assume-any-role ${S0}`,
  `privilege-escalation/run-as-existing-role ${S0}`,
  `resource-exposure/policy-change ${S0}`,
  `wildcard-action/service-wildcard ${S0}/NotAction`,
  WRITE,
];

const ROWS: readonly Row[] = [
  // checkov CKV_AWS_358: GitHub Actions OIDC trust
  {
    file: 'trust/github-no-condition.json',
    behaviour: 'GitHub OIDC without any condition: every workflow on GitHub',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/github-after-service-unrestricted.json',
    behaviour: 'an unrestricted GitHub statement after a service statement is found where it is',
    expected: [`trust-policy/oidc-missing-sub ${S1}`],
  },
  {
    file: 'trust/github-after-service-one-branch.json',
    behaviour: 'a service statement, then GitHub pinned to one branch with audience',
    expected: [],
  },
  {
    file: 'trust/github-aud-then-repo-prefix.json',
    behaviour: 'every ref of one repository (checkov passes it): pull request workflows too',
    expected: [BROAD],
    mentions: ['pull_request'],
  },
  {
    file: 'trust/github-star-subject-like.json',
    behaviour: '`StringLike` `*` on the subject matches any subject',
    expected: [MISSING_SUB],
    mentions: ['which matches any subject'],
  },
  {
    file: 'trust/github-star-subject-equals.json',
    behaviour: '`StringEquals` `*` is a literal subject no token carries: a mistake, not an open trust',
    expected: [GH_SUB_EQUALS],
    mentions: ['literally', 'StringLike'],
    notMentions: ['any identity of the provider'],
  },
  {
    file: 'trust/github-any-owner-under-string-equals.json',
    behaviour: '`repo:*/name` under `StringEquals` is compared literally too',
    expected: [GH_SUB_EQUALS],
    notMentions: ['any subject', 'every owner'],
  },
  {
    file: 'trust/github-org-all-repos-equals.json',
    behaviour: '`repo:org/*` under `StringEquals` (checkov: organization only): literal, nobody',
    expected: [GH_SUB_EQUALS],
  },
  {
    file: 'trust/github-org-all-repos-like.json',
    behaviour: '`repo:org/*` under `StringLike`: every repository of the owner, new ones too',
    expected: [BROAD],
    mentions: ['every repository of the owner'],
  },
  {
    file: 'trust/github-org-prefix-like.json',
    behaviour: '`repo:acme*`: every owner whose name starts with the prefix',
    expected: [BROAD],
    mentions: ['every owner whose name matches'],
  },
  {
    file: 'trust/github-subject-not-a-subject.json',
    behaviour: 'a subject GitHub never issues (checkov fails it): nobody can assume, no risk',
    expected: [],
  },
  {
    file: 'trust/github-prefixed-subject-equals.json',
    behaviour: 'a customized subject (workflow first) pinned exactly to one repository and branch',
    expected: [],
  },
  {
    file: 'trust/github-enterprise-issuer-key-on-default-provider.json',
    behaviour: "an enterprise issuer's claim under the default provider: no token carries it",
    expected: [
      `policy-validity/policy-warning ${S0}/Condition/StringEquals/token.actions.githubusercontent.com~1acme-enterprise:sub`,
    ],
    mentions: ['lets no one assume the role'],
  },
  // other CI providers' OIDC guidance
  { file: 'trust/gitlab-one-branch.json', behaviour: 'GitLab: one branch of one project', expected: [] },
  {
    file: 'trust/gitlab-protected-tags-only.json',
    behaviour: 'GitLab: release tags of one project',
    expected: [],
  },
  {
    file: 'trust/gitlab-audience-only.json',
    behaviour: 'GitLab: audience only, every project on gitlab.com',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/gitlab-group-any-project.json',
    behaviour: 'GitLab: every project of the group',
    expected: [BROAD],
    mentions: ['every project under the group'],
  },
  {
    file: 'trust/gitlab-any-ref-of-project.json',
    behaviour:
      'GitLab: every ref of one project, unprotected branches too: a residual risk (strict), as every ref of one GitHub repository',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-apply.json',
    behaviour: 'HCP Terraform: one workspace in the apply phase',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-any-project-apply.json',
    behaviour: 'HCP Terraform: `project:*` before a workspace name, unique in its organization, apply only',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-any-phase.json',
    behaviour: 'HCP Terraform: one workspace in any project and any run phase: speculative plans too',
    expected: [BROAD],
    mentions: ['plan and the apply phase', 'speculative plan'],
    notMentions: ['matches the wildcard'],
  },
  {
    file: 'trust/tfc-whole-organization.json',
    behaviour: 'HCP Terraform: every workspace of the organization',
    expected: [BROAD],
    mentions: ['every project and workspace of organization `acme-corp`'],
  },
  {
    file: 'trust/tfc-any-organization-same-workspace.json',
    behaviour: 'HCP Terraform: a workspace name in any organization',
    expected: [BROAD],
    mentions: ['other HCP Terraform organizations'],
  },
  {
    file: 'trust/tfc-audience-only.json',
    behaviour: 'HCP Terraform: audience only, every organization',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/circleci-one-project.json',
    behaviour: 'CircleCI: one project of the organization, any user',
    expected: [],
  },
  {
    file: 'trust/circleci-org-audience-only.json',
    behaviour: 'CircleCI: the organization audience only, every project',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/bitbucket-one-repository.json',
    behaviour: 'Bitbucket Pipelines: every step of one repository',
    expected: [],
  },
  {
    file: 'trust/bitbucket-workspace-audience-only.json',
    behaviour: 'Bitbucket Pipelines: the workspace audience only, every repository',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/buildkite-one-pipeline-main.json',
    behaviour: 'Buildkite: one pipeline on main',
    expected: [],
  },
  {
    file: 'trust/buildkite-no-subject.json',
    behaviour: 'Buildkite: audience only, every organization',
    expected: [MISSING_SUB],
  },
  {
    file: 'trust/buildkite-every-pipeline-of-org.json',
    behaviour: 'Buildkite: every pipeline of the organization',
    expected: [BROAD],
    mentions: ['every pipeline of the organization'],
  },
  {
    file: 'trust/buildkite-any-organization.json',
    behaviour: 'Buildkite: a pipeline name in any organization',
    expected: [BROAD],
    mentions: ['other Buildkite organizations'],
  },
  // checkov's data-source checks (admin, star action, Cloudsplaining-style, resource `*`)
  { file: 'identity/all-actions-all-resources.json', behaviour: '`*` on `*`', expected: [FULL] },
  {
    file: 'identity/all-actions-one-bucket-objects.json',
    behaviour: '`*` on the objects of one bucket',
    expected: [SERVICE_WILDCARD],
  },
  {
    file: 'identity/iam-all-on-star.json',
    behaviour: '`iam:*` on `*`: administrator access by another name',
    expected: [`admin-access/service-admin ${S0}`, POLICY_EDIT, PASS_ANY, USER_CREDENTIALS],
  },
  {
    file: 'identity/s3-all-one-bucket.json',
    behaviour: '`s3:*` on one bucket (checkov passes it): its policy and ACLs too',
    expected: [SERVICE_WILDCARD],
    mentions: ['s3:PutBucketPolicy'],
  },
  {
    file: 'identity/home-folder-per-user.json',
    behaviour: "per-user home folders: `s3:*` on the user's own prefix still sets object ACLs",
    expected: [`wildcard-action/service-wildcard /Statement/2`],
    mentions: ['s3:PutObjectAcl'],
  },
  {
    file: 'identity/s3-describe-star.json',
    behaviour: '`s3:Describe*` on `*` (checkov fails it): job descriptions, neither data nor a write',
    expected: [],
  },
  { file: 'identity/deny-s3-describe-star.json', behaviour: 'the same as a Deny', expected: [] },
  {
    file: 'identity/kms-star-with-source-arn.json',
    behaviour: 'decrypt on `*` only for requests on behalf of one topic (`aws:SourceArn`)',
    expected: [],
  },
  {
    file: 'identity/lambda-create-with-mapping-no-passrole.json',
    behaviour: 'functions, event source mappings and tables on `*` without `iam:PassRole`: no escalation',
    expected: [WRITE],
  },
  {
    file: 'identity/lambda-create-with-mapping-and-passrole.json',
    behaviour: 'the same with `iam:PassRole`: a function run as any role from a stream',
    expected: [PASS_TO_SERVICE, PASS_ANY, WRITE],
    mentions: ['lambda:CreateEventSourceMapping'],
  },
  {
    file: 'identity/secrets-and-parameters-on-star.json',
    behaviour: 'secrets, parameters and objects read on `*`',
    expected: [READ, WRITE],
    mentions: ['secretsmanager:GetSecretValue'],
  },
  {
    file: 'identity/registry-login-tokens.json',
    behaviour: 'registry login tokens, which only accept `*`',
    expected: [],
  },
  {
    file: 'identity/access-key-and-object-reads.json',
    behaviour: 'access keys of any user and every object',
    expected: [READ, USER_CREDENTIALS],
    mentions: ['iam:CreateAccessKey'],
  },
  {
    file: 'identity/deny-all-outside-network.json',
    behaviour: 'a deny of every call from outside a network, not through a service',
    expected: [],
  },
  {
    file: 'resource/sns-publish-anyone.json',
    behaviour: 'a topic anyone may publish to',
    expected: [`${PUBLIC} ${S0}`],
  },
  {
    file: 'resource/sns-publish-anyone-principal-arn-one-role.json',
    behaviour: '`Principal` `*` narrowed to one role by `aws:PrincipalArn`',
    expected: [],
  },
  {
    file: 'resource/sns-publish-anyone-principal-arn-placeholder.json',
    behaviour: '`aws:PrincipalArn` a documentation placeholder: matches no principal, which the policy warns of',
    expected: ['policy-validity/policy-warning /Statement/0/Condition/ArnLike/aws:PrincipalArn'],
  },
  {
    file: 'resource/sns-publish-scoped-then-open.json',
    behaviour: 'a narrowed statement, then an open one: the open one is reported',
    expected: [`${PUBLIC} ${S1}`],
  },
  {
    file: 'resource/s3-deny-delete-to-everyone.json',
    behaviour: 'a Deny to `Principal` `*`',
    expected: [],
  },
  {
    file: 'resource/sns-publish-principal-not-an-arn.json',
    behaviour: 'a principal that is no account nor ARN, which IAM refuses',
    expected: [`policy-validity/policy-warning ${S0}/Principal/AWS`],
    mentions: ['some:arn'],
  },
  // trivy's escalation checks (AVD-AWS-0342 to 0353)
  { file: 'identity/pass-role-alone.json', behaviour: '`iam:PassRole` on `*` alone', expected: [PASS_ANY] },
  {
    file: 'identity/pass-role-and-run-instances.json',
    behaviour: 'pass any role and launch instances',
    expected: [PASS_TO_SERVICE, PASS_ANY],
    mentions: ['ec2:RunInstances'],
  },
  {
    file: 'identity/pass-role-and-run-instances-apart.json',
    behaviour: 'the same in two statements',
    expected: [PASS_TO_SERVICE, PASS_ANY],
  },
  {
    file: 'identity/iam-and-ec2-service-wildcards.json',
    behaviour: '`iam:*` and `ec2:*` on `*`',
    expected: [
      `admin-access/service-admin ${S0}`,
      `credentials-exposure/unscoped-credential-action ${S0}`,
      POLICY_EDIT,
      PASS_TO_SERVICE,
      PASS_ANY,
      `privilege-escalation/run-as-existing-role ${S0}`,
      USER_CREDENTIALS,
      `resource-exposure/policy-change ${S0}`,
      SERVICE_WILDCARD,
      WRITE,
    ],
  },
  { file: 'identity/run-instances-alone.json', behaviour: 'instances launched without a role', expected: [WRITE] },
  {
    file: 'identity/deny-pass-role-and-run-instances.json',
    behaviour: 'the same actions denied',
    expected: [],
  },
  {
    file: 'identity/pass-role-create-and-invoke-function.json',
    behaviour: 'pass any role to a new function and invoke it',
    expected: [PASS_TO_SERVICE, PASS_ANY],
    mentions: ['lambda:InvokeFunction'],
  },
  {
    file: 'identity/lambda-create-and-invoke-without-pass-role.json',
    behaviour: 'create and invoke functions without passing a role',
    expected: [WRITE],
  },
  {
    file: 'identity/remove-boundary-of-any-user.json',
    behaviour: 'remove the boundary of any user (trivy: escalation): reported as a permissions change on `*`',
    expected: [WRITE],
    mentions: ['iam:DeleteUserPermissionsBoundary', 'change the permissions of'],
  },
  {
    file: 'identity/remove-boundary-of-any-role.json',
    behaviour: 'remove the boundary of any role',
    expected: [WRITE],
    mentions: ['iam:DeleteRolePermissionsBoundary'],
  },
  {
    file: 'identity/remove-boundary-of-one-user.json',
    behaviour: 'remove the boundary of one named user, not the principal of a lone document',
    expected: [],
  },
  { file: 'identity/deny-remove-boundary.json', behaviour: 'boundary removal denied', expected: [] },
  { file: 'identity/create-user-on-star.json', behaviour: 'users created under any name', expected: [WRITE] },
  {
    file: 'identity/rewrite-any-trust-policy.json',
    behaviour: 'rewrite the trust policy of any role',
    expected: [POLICY_EDIT],
    mentions: ['iam:UpdateAssumeRolePolicy'],
  },
  {
    file: 'identity/rewrite-one-trust-policy.json',
    behaviour: 'rewrite the trust policy of one named role',
    expected: [],
  },
  {
    file: 'identity/assume-any-role.json',
    behaviour: '`sts:AssumeRole` on `*`',
    expected: [`privilege-escalation/assume-any-role ${S0}`],
  },
  {
    file: 'identity/attach-policy-to-any-user.json',
    behaviour: 'attach any policy to any user',
    expected: [POLICY_EDIT],
  },
  {
    file: 'identity/attach-policy-to-one-role.json',
    behaviour: 'attach policies to one named role',
    expected: [],
  },
  {
    file: 'identity/put-inline-policy-any-group.json',
    behaviour: 'write inline policies of any group',
    expected: [POLICY_EDIT],
  },
  {
    file: 'identity/new-policy-version-any.json',
    behaviour: 'new default versions of any managed policy',
    expected: [POLICY_EDIT],
  },
  // IAM Access Analyzer's documented policy checks
  {
    file: 'identity/aa-service-linked-role-any-service.json',
    behaviour: 'create service-linked roles for any service (Create SLR with star in resource)',
    expected: [WRITE],
  },
  {
    file: 'identity/aa-service-linked-role-one-service.json',
    behaviour: 'the service-linked role of one service',
    expected: [],
  },
  {
    file: 'identity/aa-for-all-values-on-region.json',
    behaviour: '`ForAllValues` on the single-valued `aws:RequestedRegion`',
    expected: [`policy-validity/condition-type-mismatch ${S0}/Condition/ForAllValues:StringEquals/aws:RequestedRegion`],
  },
  {
    file: 'identity/aa-pass-role-not-resource.json',
    behaviour: 'pass every role but one (Pass role with NotResource)',
    expected: [PASS_ANY],
    mentions: ['NotResource'],
  },
  {
    file: 'identity/aa-not-action-on-star.json',
    behaviour: 'every action but S3 on `*` (Pass role with star in resource and NotAction)',
    expected: [...NOT_ACTION_COMMON, POLICY_EDIT, PASS_TO_SERVICE, PASS_ANY, USER_CREDENTIALS],
  },
  {
    file: 'identity/aa-pass-role-star-action-not-resource.json',
    behaviour: '`*` on every resource but one bucket, quoted as `NotResource`',
    expected: [FULL],
    mentions: ['but `arn:aws:s3:::audit-logs/*`', 'NotResource'],
    notMentions: ['"Resource": "*"'],
  },
  {
    file: 'identity/aa-role-arn-with-region.json',
    behaviour: 'a role ARN with a Region (ARN Region not allowed)',
    expected: [DEAD],
  },
  {
    file: 'identity/aa-bucket-arn-with-account.json',
    behaviour: 'an S3 ARN with an account (ARN account not allowed)',
    expected: [DEAD],
  },
  {
    file: 'identity/aa-secure-transport-yes.json',
    behaviour: '`Bool` with `yes` (Type mismatch Boolean)',
    expected: [`policy-validity/policy-warning ${S0}/Condition/Bool/aws:SecureTransport`],
  },
  {
    file: 'identity/aa-invalid-date.json',
    behaviour: 'month 13 (Invalid date value)',
    expected: [`policy-validity/policy-warning ${S0}/Condition/DateLessThan/aws:CurrentTime`],
  },
  {
    file: 'identity/aa-private-source-ip.json',
    behaviour: 'a private range in `aws:SourceIp` (Private IP address subset)',
    expected: [`policy-validity/source-ip-condition ${S0}/Condition/IpAddress/aws:SourceIp`],
  },
  {
    file: 'identity/aa-duplicate-keys-different-case.json',
    behaviour: 'one key twice in different case (Duplicate keys with different case)',
    expected: [`policy-validity/invalid-policy ${S0}/Condition/StringEquals/aws:sourcevpce`],
  },
  {
    file: 'identity/aa-empty-resource-array.json',
    behaviour: 'an empty `Resource` array',
    expected: [`policy-validity/invalid-policy ${S0}/Resource`],
  },
  {
    file: 'identity/aa-null-with-for-all-values.json',
    behaviour: '`ForAllValues:Null` (Null with qualifier), on a key `s3:PutObject` lacks',
    expected: [
      `policy-validity/condition-type-mismatch ${S0}/Condition/ForAllValues:Null/aws:TagKeys`,
      `policy-validity/unknown-condition-key ${S0}/Condition/ForAllValues:Null/aws:TagKeys`,
    ],
  },
  {
    file: 'identity/aa-wildcard-in-service-name.json',
    behaviour: 'a wildcard in the service prefix',
    expected: [`policy-validity/invalid-policy ${S0}/Action`],
  },
  {
    file: 'trust/aa-any-service-may-assume.json',
    behaviour: '`"Service": "*"` (Unsupported wildcard in principal): IAM refuses it',
    expected: [`policy-validity/invalid-policy ${S0}/Principal/Service`],
    mentions: ['a wildcard in a `Service` principal (`*`), which IAM refuses; name each service'],
  },
  {
    file: 'trust/aa-service-name-pattern.json',
    behaviour: 'a service name pattern (`*.amazonaws.com`)',
    expected: [`policy-validity/invalid-policy ${S0}/Principal/Service`],
    notMentions: ['alone is allowed'],
  },
  {
    file: 'trust/aa-any-identity-provider.json',
    behaviour: '`"Federated": "*"`',
    expected: [`policy-validity/invalid-policy ${S0}/Principal/Federated`],
  },
  {
    file: 'trust/aa-not-principal-in-trust.json',
    behaviour: '`NotPrincipal` in a role trust policy (Role trust policy syntax error notprincipal)',
    expected: [`policy-validity/invalid-policy ${S0}/NotPrincipal`],
  },
  // KICS's cross-account trust queries
  {
    file: 'trust/kics-stranger-root-with-mfa.json',
    behaviour: 'an unknown account with MFA (KICS accepts MFA for an external id): still no external id',
    expected: [
      `trust-policy/account-root ${S0}`,
      `trust-policy/cross-account-external-id ${S0}`,
      `trust-policy/untrusted-account ${S0}`,
    ],
  },
  {
    file: 'trust/kics-partner-root-with-mfa.json',
    behaviour: 'the trusted partner with MFA',
    expected: [`trust-policy/account-root ${S0}`],
  },
  {
    file: 'trust/kics-anyone-of-own-account.json',
    behaviour: '`AWS` `*` limited to the own account by `aws:PrincipalAccount`: the account root by another name',
    expected: [`trust-policy/account-root ${S0}`],
  },
  // parliament's resource-mismatch tests
  {
    file: 'identity/run-instances-instance-arns-only.json',
    behaviour: 'RunInstances on instance ARNs in every Region',
    expected: [],
  },
  {
    file: 'identity/run-instances-unknown-resource-type.json',
    behaviour: 'RunInstances on a type EC2 does not have, in every Region',
    expected: [DEAD],
    mentions: ['virtual-machine'],
  },
  {
    file: 'identity/run-instances-one-known-one-unknown.json',
    behaviour: 'one instance ARN beside an unknown type: the statement still applies',
    expected: [],
  },
  {
    file: 'identity/run-instances-two-unknown.json',
    behaviour: 'two unknown types: one finding',
    expected: [DEAD],
  },
  // cloudsplaining's policy and resource-policy tests
  {
    file: 'identity/registry-push-and-parameters-own-keys.json',
    behaviour: 'parameters read and images pushed on `*`, access keys of the own user only',
    expected: [READ, WRITE],
    notMentions: ['iam:CreateAccessKey'],
  },
  {
    file: 'identity/admin-but-billing.json',
    behaviour: 'administrator access with billing denied is still administrator access',
    expected: [FULL],
  },
  {
    file: 'identity/deny-all-but-iam-without-mfa.json',
    behaviour: 'a Deny of all but IAM without MFA grants nothing',
    expected: [],
  },
  {
    file: 'identity/allow-all-but-iam.json',
    behaviour: 'every action but IAM on `*`',
    expected: NOT_ACTION_COMMON,
  },
  {
    file: 'identity/autoscaling-capacity-every-group.json',
    behaviour: 'capacity of every Auto Scaling group (infrastructure modification)',
    expected: [WRITE],
  },
  {
    file: 'resource/sns-subscribe-publish-anyone.json',
    behaviour: 'anyone may subscribe and publish',
    expected: [`${PUBLIC} ${S0}`],
  },
  {
    file: 'resource/sns-anyone-source-arn-roles-for-any-value.json',
    behaviour: '`Principal` `*` only with a source ARN of two roles, which no request carries',
    expected: [],
  },
  {
    file: 'resource/sns-anyone-private-source-ip.json',
    behaviour: '`Principal` `*` from a private range, which `aws:SourceIp` never holds',
    expected: [`policy-validity/source-ip-condition ${S0}/Condition/IpAddress/aws:SourceIp`],
  },
  {
    file: 'resource/sns-anyone-public-source-ip.json',
    behaviour: '`Principal` `*` from one public range',
    expected: [],
  },
  {
    file: 'resource/sns-anyone-in-organization.json',
    behaviour: '`Principal` `*` in the trusted organization',
    expected: [],
  },
  {
    file: 'resource/sns-anyone-one-role-by-userid.json',
    behaviour: "`Principal` `*` narrowed to one role's sessions by `aws:userid`",
    expected: [],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders("iamgate lint on the cases upstream projects' own tests and docs assert (round 22)", {
  dir: 'integ/lint-realworld/upstream-22',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource', 'trust'],
  rows: ROWS,
});
