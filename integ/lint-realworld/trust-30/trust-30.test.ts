/**
 * `iamgate lint --type trust` on the trust policies round 30 surveyed: IAM Identity Center roles
 * by `aws:PrincipalArn` (every permission set, with and without a Region segment, of the own
 * account, a partner and an organization; one permission set), GitHub and GitLab subjects with a
 * wildcard ref, GitHub Enterprise's own issuer, cross-account roles with and without an external
 * id, service roles with source conditions (`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`)
 * of trusted and unknown owners, EKS Pod Identity without `sts:TagSession`, IRSA without `:aud`,
 * and a Cognito identity pool without `amr`. Each document is a minimal one of our own (README.md
 * beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-30';
const S0 = '/Statement/0';
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const EVERY_SET = 'every IAM Identity Center permission set of';

const ROWS: readonly Row[] = [
  // IAM Identity Center roles.
  {
    file: 'trust/sso-every-permission-set-region.json',
    behaviour:
      'the account root narrowed to `.../sso.amazonaws.com/eu-west-1/*`: every permission set of an instance in eu-west-1',
    expected: [ROOT],
    mentions: [`${EVERY_SET} account \`111122223333\``, 'one created later included', 'AWSReservedSSO_<name>_*'],
    notMentions: ['every principal of'],
  },
  {
    file: 'trust/sso-deny-outside-permission-sets.json',
    behaviour: 'the account root beside a Deny of every caller that is no Identity Center role',
    expected: [ROOT],
    mentions: [`${EVERY_SET} account \`111122223333\``],
  },
  {
    file: 'trust/sso-one-permission-set-us-east-1.json',
    behaviour: 'one permission set of an instance of us-east-1 (no Region segment)',
    expected: [],
  },
  {
    file: 'trust/sso-every-permission-set-of-partner.json',
    behaviour: "a partner's root narrowed to every permission set of the partner (`StringLike`)",
    expected: [ROOT],
    mentions: [`${EVERY_SET} account \`444455556666\``],
  },
  {
    file: 'trust/sso-every-permission-set-of-organization.json',
    behaviour: '`Principal` `*` of the organization narrowed to every permission set of any account',
    expected: [ROOT],
    mentions: [`${EVERY_SET} every account of organization \`o-a1b2c3d4e5\``],
  },
  {
    file: 'trust/sso-one-permission-set-of-organization.json',
    behaviour: '`Principal` `*` of the organization narrowed to one permission set of any account',
    expected: [],
  },
  {
    file: 'trust/sso-every-permission-set-own-account-variable.json',
    behaviour: 'the account root narrowed to every permission set of `${aws:ResourceAccount}`: the account trusted',
    expected: [ROOT],
    mentions: [`${EVERY_SET} account \`111122223333\``],
  },
  {
    file: 'trust/sso-every-permission-set-account-prefix.json',
    behaviour: 'two roots narrowed to every permission set of the accounts `1111*`: the one root it matches',
    expected: [ROOT],
    mentions: [`${EVERY_SET} account \`111122223333\``],
    notMentions: ['444455556666'],
  },
  // GitHub and GitLab subjects with a wildcard ref (oidc-weak-subject under strict, below).
  {
    file: 'trust/github-every-branch.json',
    behaviour: 'GitHub, every branch of one repository: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/github-every-branch-or-tag.json',
    behaviour: 'GitHub, every ref (`ref:*`) of one repository: a residual risk (strict)',
    expected: [],
  },
  { file: 'trust/github-every-tag.json', behaviour: 'GitHub, every tag of one repository (strict)', expected: [] },
  {
    file: 'trust/github-custom-subject-every-branch-workflow-main.json',
    behaviour: 'GitHub, a custom subject of every branch and the reusable workflow at main (strict)',
    expected: [],
  },
  {
    file: 'trust/github-job-workflow-ref-key-release-tags.json',
    behaviour: 'GitHub, the `job_workflow_ref` key at the release tags of the workflow repository (strict)',
    expected: [],
  },
  {
    file: 'trust/github-release-tags.json',
    behaviour: 'GitHub, the tags `v*` of one repository (strict)',
    expected: [],
  },
  {
    file: 'trust/github-enterprise-issuer-one-branch.json',
    behaviour: "GitHub Enterprise's own issuer (`token.actions.githubusercontent.com/<slug>`), one branch",
    expected: [],
  },
  {
    file: 'trust/github-enterprise-issuer-any-repository.json',
    behaviour: "GitHub Enterprise's own issuer, every repository of an owner",
    expected: [BROAD],
    mentions: ['every repository of the owner, including new ones'],
  },
  {
    file: 'trust/github-two-repositories-main.json',
    behaviour: 'GitHub, the main branch of two repositories',
    expected: [],
  },
  {
    file: 'trust/github-job-workflow-ref-key-at-commit.json',
    behaviour: 'GitHub, one environment and a reusable workflow pinned at a commit by `job_workflow_ref`',
    expected: [],
  },
  {
    file: 'trust/github-workflow-release-tags-environment.json',
    behaviour:
      'GitHub custom subject: one environment of the caller, a reusable workflow at its tags `v*` (strict: the tags, not "not at a commit")',
    expected: [],
  },
  {
    file: 'trust/gitlab-every-tag.json',
    behaviour:
      'GitLab, every tag of the project, protected or not: a residual risk (strict), as every tag of one GitHub repository',
    expected: [],
  },
  {
    file: 'trust/gitlab-protected-every-branch.json',
    behaviour: 'GitLab, every protected branch of the project by id (strict)',
    expected: [],
  },
  {
    file: 'trust/gitlab-branch-or-tag-prefix.json',
    behaviour: 'GitLab, the branches or tags `release/*`: a name prefix anyone who can push creates (strict)',
    expected: [],
  },
  // Cross-account roles.
  {
    file: 'trust/partner-role-external-id.json',
    behaviour: "a partner's named role with an external id",
    expected: [],
  },
  {
    file: 'trust/stranger-role-external-id.json',
    behaviour: 'a named role of an account nobody configured, with an external id',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/management-account-root-org-access.json',
    behaviour: "a member account's access role trusting the management account's root",
    expected: [ROOT],
    mentions: ['every principal of account `444455556666`'],
  },
  {
    file: 'trust/partner-root-mfa-only.json',
    behaviour: "a partner's root with `aws:MultiFactorAuthPresent`: MFA says how, not who",
    expected: [ROOT],
  },
  {
    file: 'trust/stackset-administration-role.json',
    behaviour: "a StackSets execution role trusting the administrator account's administration role",
    expected: [],
  },
  // Service roles and their source conditions.
  {
    file: 'trust/events-stranger-source-account.json',
    behaviour: 'EventBridge for the rules of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['events.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/cloudtrail-logs-stranger-trail.json',
    behaviour: "CloudTrail delivering to CloudWatch Logs for another account's trail",
    expected: [UNTRUSTED],
    mentions: ['cloudtrail.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/vpc-flow-logs-own-account.json',
    behaviour: 'VPC Flow Logs for the flow logs of the account',
    expected: [],
  },
  {
    file: 'trust/step-functions-partner-state-machines.json',
    behaviour: "Step Functions for a trusted partner's state machines",
    expected: [],
  },
  {
    file: 'trust/ssm-hybrid-activation.json',
    behaviour: 'Systems Manager hybrid activations of the account',
    expected: [],
  },
  {
    file: 'trust/config-source-org-trusted.json',
    behaviour: 'AWS Config for the accounts of the trusted organization (`aws:SourceOrgID`)',
    expected: [],
  },
  {
    file: 'trust/config-source-org-stranger.json',
    behaviour: 'AWS Config for the accounts of an organization nobody configured',
    expected: [UNTRUSTED],
    mentions: ['o-zz99yy88xx'],
  },
  {
    file: 'trust/rds-monitoring-no-source.json',
    behaviour: 'RDS Enhanced Monitoring without a source condition: a service role, as AWS documents it',
    expected: [],
  },
  {
    file: 'trust/codebuild-no-source.json',
    behaviour: 'CodeBuild without a source condition: a service role',
    expected: [],
  },
  // EKS and Cognito.
  {
    file: 'trust/pod-identity-without-tag-session.json',
    behaviour: 'EKS Pod Identity without `sts:TagSession`: works for an association whose session tags are disabled',
    expected: [],
  },
  {
    file: 'trust/irsa-subject-without-audience.json',
    behaviour: 'IRSA naming one service account without `:aud` (the provider checks the audience)',
    expected: [],
  },
  {
    file: 'trust/cognito-one-pool-any-amr.json',
    behaviour: 'a Cognito identity pool without `amr`: its guests too',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['cognito-identity.amazonaws.com:amr', 'unauthenticated'],
  },
];

describeLintFolders('iamgate lint on trust policies: survey 30 (Identity Center roles, wildcard refs, source owners)', {
  dir: DIR,
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});

describe('survey 30 under the strict preset: what a wildcard ref admits, in words', () => {
  const args = [BIN, 'lint', `${DIR}/trust`, '--type', 'trust', '--config', `${DIR}/strict.config.json`];
  const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
  const report = JSON.parse(result.stdout || '{}') as {
    findings?: { ruleId: string; message: string; location: { file: string } }[];
  };
  const weak = (report.findings ?? []).filter((f) => f.ruleId === 'trust-policy/oidc-weak-subject');
  const messageOf = (file: string): string =>
    weak
      .filter((f) => path.basename(f.location.file) === file)
      .map((f) => f.message)
      .join(' | ');

  test('the run reports no input error', () => {
    expect(result.stderr).toBe('');
  });

  const cases: [string, string, string[]][] = [
    [
      'github-every-branch.json',
      'admits any branch of `acme/api`: anyone who can push can create a branch',
      ['tag', 'environment'],
    ],
    ['github-every-branch-or-tag.json', 'admits any branch or tag of `acme/api`', ['environment']],
    ['github-every-tag.json', 'admits any tag of `acme/api`', ['branch', 'environment']],
    ['github-release-tags.json', 'admits every tag of `acme/api` whose name matches `v*`', ['branch']],
    [
      'github-workflow-release-tags-environment.json',
      'at every tag of `acme/automation` whose name matches `v*` that its caller names',
      ['not at a commit'],
    ],
    [
      'github-custom-subject-every-branch-workflow-main.json',
      'admits any branch of `acme/api`: anyone who can push can create a branch',
      ['whose name matches', 'job_workflow_ref:acme/automation/.github/workflows/deploy.yml@refs/heads/main`,'],
    ],
    [
      'github-job-workflow-ref-key-release-tags.json',
      'admits every tag of `acme/automation` whose name matches `v*` that its caller names',
      ['branch or tag'],
    ],
    ['gitlab-every-tag.json', 'admits any tag of the project, protected or not', ['ref type', 'branch']],
    ['gitlab-protected-every-branch.json', 'admits any protected branch of the project', ['tag']],
    ['gitlab-branch-or-tag-prefix.json', 'admits every branch or tag whose name matches `release/*`', ['ref type']],
  ];
  test.each(cases)('%s: %s', (file, words, never) => {
    const message = messageOf(file);
    expect(message).toContain(words);
    for (const wrong of never) expect(message).not.toContain(wrong);
  });

  test('a branch, two repositories pinned or a workflow at a commit get no residual-risk finding', () => {
    const files = new Set(weak.map((f) => path.basename(f.location.file)));
    for (const file of [
      'github-enterprise-issuer-one-branch.json',
      'github-two-repositories-main.json',
      'github-job-workflow-ref-key-at-commit.json',
    ])
      expect(files.has(file)).toBe(false);
  });
});
