/**
 * `iamgate lint --type trust` on the trust policies of the CI and infrastructure-as-code services
 * beyond GitHub and GitLab.com (Buildkite, Spacelift, Pulumi, Azure DevOps, a self-hosted GitLab,
 * GitHub Enterprise Server), Cognito identity pools and session-shaping grants. Each document is a
 * minimal one of our own (see README.md beside this file); the accounts and the configuration are
 * those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';

const ROWS: readonly Row[] = [
  {
    file: 'trust/buildkite-one-pipeline-main.json',
    behaviour: 'Buildkite: one pipeline, its main branch, one step',
    expected: [],
  },
  {
    file: 'trust/spacelift-one-stack.json',
    behaviour: 'Spacelift: one stack of one space',
    expected: [],
  },
  {
    file: 'trust/pulumi-one-project.json',
    behaviour: 'Pulumi Deployments: the stacks of one project, the organization in `aud`',
    expected: [],
  },
  {
    file: 'trust/pulumi-environment.json',
    behaviour: 'Pulumi ESC: one environment',
    expected: [],
  },
  {
    file: 'trust/azure-devops-one-connection.json',
    behaviour: 'Azure DevOps: one service connection',
    expected: [],
  },
  {
    file: 'trust/gitlab-self-hosted-main.json',
    behaviour: 'a GitLab instance on its own host: one project at main',
    expected: [],
  },
  {
    file: 'trust/cognito-pool-with-session-tags.json',
    behaviour: 'a Cognito identity pool, authenticated identities, session tags in a statement of their own',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-anchor-and-certificate-variable.json',
    behaviour:
      'IAM Roles Anywhere for one trust anchor, the common name compared with the session tag of the same request',
    expected: [],
  },
  {
    file: 'trust/root-narrowed-to-permission-set.json',
    behaviour:
      'the own account narrowed by `aws:PrincipalArn` to the roles IAM Identity Center makes for one permission set',
    expected: [],
  },
  // shapes the survey found answered wrong, fixed since
  {
    file: 'trust/sentinel-one-workspace.json',
    behaviour:
      "Microsoft Sentinel's documented trust (its application in `aud`, one workspace in `sts:RoleSessionName`): oidc-missing-sub on `sub` before",
    expected: [],
  },
  {
    file: 'trust/sentinel-every-workspace.json',
    behaviour:
      'Microsoft Sentinel with `sts:RoleSessionName` `MicrosoftSentinel_*`: the connector of every Sentinel customer',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
    mentions: ['MicrosoftSentinel_*', 'sts:RoleSessionName'],
  },
  {
    file: 'trust/buildkite-pipeline-of-any-organization.json',
    behaviour: 'Buildkite: a pipeline name in any organization (all share `agent.buildkite.com`): no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['other Buildkite organizations'],
  },
  {
    file: 'trust/buildkite-every-pipeline.json',
    behaviour: 'Buildkite: every pipeline of the organization: no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['every pipeline of the organization'],
  },
  {
    file: 'trust/spacelift-every-space.json',
    behaviour: 'Spacelift: `space:*`, every stack and module of the account: no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['every stack and module'],
  },
  {
    file: 'trust/pulumi-every-project.json',
    behaviour: 'Pulumi: `project:*`, every stack of the organization: no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['every project of the organization'],
  },
  {
    file: 'trust/azure-devops-every-project.json',
    behaviour: 'Azure DevOps: `sc://<org>/*`, the service connections of every project: no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['every project of the organization'],
  },
  {
    file: 'trust/gitlab-self-hosted-group.json',
    behaviour:
      'a GitLab instance on its own host, every project of a group (`project_path:` subjects): no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['every project under the group'],
  },
  {
    file: 'trust/github-enterprise-server-any-ref.json',
    behaviour: 'GitHub Enterprise Server (`repo:` subjects), every ref of a repository: no finding before',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['pull_request'],
  },
  {
    file: 'trust/cognito-pool-by-pattern.json',
    behaviour: 'Cognito `aud` `us-east-2:*`: every identity pool of the region, of any account: no finding before',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
    mentions: ['us-east-2:*', 'other customers'],
  },
  {
    file: 'trust/any-principal-may-only-tag-sessions.json',
    behaviour:
      '`Principal` `*` allowed only `sts:TagSession` and `sts:SetSourceIdentity` beside one role that may assume: public-principal before',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-certificate-compared-with-itself.json',
    behaviour:
      'IAM Roles Anywhere whose only condition compares the certificate common name with itself (`${aws:RequestTag/x509Subject/CN}`): no finding before',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['any certificate'],
  },
  {
    file: 'trust/root-narrowed-to-every-role.json',
    behaviour: 'the own account "narrowed" by `aws:PrincipalArn` `role/*`, which every role matches: no finding before',
    expected: [`trust-policy/account-root ${S0}`],
    mentions: ['111122223333'],
  },
  {
    file: 'trust/terraform-workspace-of-any-organization.json',
    behaviour:
      'HCP Terraform: a workspace name in any organization (all share `app.terraform.io`): said to admit the matching workspaces only',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['other HCP Terraform organizations'],
  },
  {
    file: 'trust/saml-audience-any-value.json',
    behaviour: 'SAML with `SAML:aud` `*` under `StringLike`: said to have no `SAML:aud` condition',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['`SAML:aud` `*`'],
    notMentions: ['without a `SAML:aud` condition'],
  },
];

describeLintFolders('iamgate lint on the trust policies of CI services, Cognito and session grants', {
  dir: 'integ/lint-realworld/trust-4',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});
