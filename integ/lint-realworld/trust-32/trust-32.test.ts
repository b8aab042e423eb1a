/**
 * `iamgate lint --type trust` on the trust policies round 32 surveyed: GitHub, GitLab, Bitbucket,
 * CircleCI and HCP Terraform OIDC, EKS IRSA and Pod Identity, Cognito, SAML and IAM Identity
 * Center, cross-account roles with and without an external id, service roles with source
 * conditions, and IAM Roles Anywhere. Each document is a minimal one of our own (README.md beside
 * this file); the accounts and the configuration are those of `lint-realworld/`. Under the strict
 * preset it asserts which documents carry a residual risk (`oidc-weak-subject`) and what it says.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-32';
const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const MISSING = `trust-policy/oidc-missing-sub ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const FED = `trust-policy/federation-conditions ${S0}`;
const TAGS = `policy-validity/policy-warning ${S0}/Action`;

const ROWS: readonly Row[] = [
  {
    file: 'trust/github-environment-production.json',
    behaviour: 'GitHub, one environment of one repository',
    expected: [],
  },
  {
    file: 'trust/github-two-branches.json',
    behaviour: 'GitHub, two named branches of one repository (`StringEquals`, two values)',
    expected: [],
  },
  {
    file: 'trust/github-environment-prefix.json',
    behaviour: 'GitHub, the environments `prod*` of one repository: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/github-every-repository-of-owner.json',
    behaviour: 'GitHub, `repo:acme/*`: every repository of the owner',
    expected: [BROAD],
    mentions: ['every repository of the owner, including new ones'],
  },
  {
    file: 'trust/github-owner-key-main-ref.json',
    behaviour:
      'GitHub, the `repository_owner` key and the main branch: every repository of the owner (round 32: was "any identity of the provider")',
    expected: [BROAD],
    mentions: ['only the owner is pinned (`acme`)', 'every repository of it, including new ones'],
    notMentions: ['any identity of the provider'],
  },
  {
    file: 'trust/github-reusable-workflow-main-caller-environment-keys.json',
    behaviour:
      'GitHub, a reusable workflow at main called by one repository in one environment, all by keys (round 32: was a strict warning)',
    expected: [],
  },
  {
    file: 'trust/github-pull-request-plan-workflow-at-commit.json',
    behaviour:
      'GitHub, pull requests of one repository only in a plan workflow pinned at a commit by key: a residual risk (strict; round 32: was an error)',
    expected: [],
  },
  {
    file: 'trust/github-pull-request-plan-custom-subject-at-commit.json',
    behaviour:
      'GitHub custom subject, pull requests of one repository in a workflow at a commit: a residual risk (strict; round 32: was no finding)',
    expected: [],
  },
  {
    file: 'trust/gitlab-every-branch-by-project-id.json',
    behaviour:
      'GitLab, every branch of one project pinned by id: a residual risk (strict), as any branch on GitHub (round 32: was an error)',
    expected: [],
  },
  {
    file: 'trust/gitlab-any-ref-type-named-main.json',
    behaviour:
      'GitLab `ref_type:*:ref:main`: the tag named `main` too, a residual risk (strict; round 32: was an error)',
    expected: [],
  },
  {
    file: 'trust/gitlab-main-protected-by-id.json',
    behaviour: 'GitLab, the protected main branch of one project by id',
    expected: [],
  },
  {
    file: 'trust/gitlab-release-tags-by-id.json',
    behaviour: 'GitLab, the tags `v*` of one project: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/gitlab-group-pattern-project-id-pinned.json',
    behaviour:
      'GitLab, a group pattern in the subject beside the `project_id` key: that one project at main (round 32: was an error, every project of the group)',
    expected: [],
  },
  {
    file: 'trust/gitlab-any-path-project-id-pinned.json',
    behaviour:
      'GitLab, subject `project_path:*` beside the `project_id` key: every ref of that project, a residual risk (strict; round 32: an error, then no finding)',
    expected: [],
  },
  {
    file: 'trust/bitbucket-one-repository-deployment.json',
    behaviour: 'Bitbucket Pipelines, one repository and one deployment environment by uuid',
    expected: [],
  },
  {
    file: 'trust/bitbucket-any-subject.json',
    behaviour: 'Bitbucket Pipelines, subject `*`: any repository of the workspace',
    expected: [MISSING],
    mentions: ['matches any subject'],
  },
  {
    file: 'trust/circleci-one-project-every-user.json',
    behaviour: 'CircleCI, one project, every user: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/circleci-project-id-key-only.json',
    behaviour: 'CircleCI, the `project-id` key alone: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-apply.json',
    behaviour: 'HCP Terraform, one workspace in the apply phase',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-any-phase.json',
    behaviour: 'HCP Terraform, one workspace in any run phase: speculative plans too',
    expected: [BROAD],
    mentions: ['admits both the plan and the apply phase'],
  },
  {
    file: 'trust/irsa-one-service-account.json',
    behaviour: 'EKS IRSA, one service account with the audience',
    expected: [],
  },
  {
    file: 'trust/irsa-every-service-account-of-namespace.json',
    behaviour: 'EKS IRSA, every service account of one namespace: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/irsa-every-namespace.json',
    behaviour: 'EKS IRSA, one service account name in every namespace',
    expected: [BROAD],
    mentions: ['every namespace of the cluster'],
  },
  {
    file: 'trust/pod-identity-assume-role-only-own-account.json',
    behaviour: 'EKS Pod Identity with `sts:AssumeRole` alone (session tags disabled) for the own account',
    expected: [],
  },
  {
    file: 'trust/pod-identity-cluster-tag-of-stranger.json',
    behaviour:
      'EKS Pod Identity for a cluster of an account nobody configured, by the `eks-cluster-arn` session tag (round 32: was no finding)',
    expected: [UNTRUSTED],
    mentions: ['pods.eks.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/pod-identity-any-cluster-of-stranger.json',
    behaviour: 'EKS Pod Identity for every cluster of an account nobody configured (`ArnLike` on the tag)',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/pod-identity-cluster-tag-of-partner.json',
    behaviour: 'EKS Pod Identity for a cluster of the trusted partner',
    expected: [],
  },
  {
    file: 'trust/pod-identity-target-role-of-partner-source.json',
    behaviour: "a Pod Identity target role trusting the partner's source role, one namespace by session tag",
    expected: [],
  },
  {
    file: 'trust/cognito-authenticated-one-pool.json',
    behaviour: 'Cognito, signed-in identities of one pool',
    expected: [],
  },
  {
    file: 'trust/cognito-authenticated-any-pool.json',
    behaviour: 'Cognito without `aud`: signed-in identities of any pool of any account',
    expected: [MISSING],
    mentions: ['cognito-identity.amazonaws.com:aud'],
  },
  {
    file: 'trust/saml-with-audience.json',
    behaviour: 'SAML with `SAML:aud`',
    expected: [],
  },
  {
    file: 'trust/saml-without-audience.json',
    behaviour: 'SAML without `SAML:aud`',
    expected: [FED],
    mentions: ['SAML:aud'],
  },
  {
    file: 'trust/sso-saml-provider.json',
    behaviour: 'the SAML provider IAM Identity Center creates, with `SAML:aud`',
    expected: [],
  },
  {
    file: 'trust/partner-role-external-id.json',
    behaviour: 'a partner role with an external id',
    expected: [],
  },
  {
    file: 'trust/partner-account-id-short-form.json',
    behaviour: 'a partner account by its bare id: every principal of it',
    expected: [ROOT],
    mentions: ['every principal of account `444455556666`'],
  },
  {
    file: 'trust/own-root.json',
    behaviour: 'the own account root: every principal of it',
    expected: [ROOT],
    mentions: ['every principal of account `111122223333`'],
  },
  {
    file: 'trust/organization-any-principal.json',
    behaviour: '`Principal` `*` of the trusted organization',
    expected: [ROOT],
    mentions: ['every principal of organization `o-a1b2c3d4e5`'],
  },
  {
    file: 'trust/partner-role-session-principal.json',
    behaviour: 'one role session of the partner',
    expected: [],
  },
  {
    file: 'trust/stranger-root-external-id.json',
    behaviour: 'the root of an account nobody configured, with an external id',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/partner-session-tags-without-tag-session.json',
    behaviour:
      'a partner role with session-tag conditions but no `sts:TagSession`: every key named (round 32: the last one only)',
    expected: [TAGS],
    mentions: ['`aws:RequestTag/team` and `aws:RequestTag/env` need `sts:TagSession`'],
  },
  {
    file: 'trust/lambda-execution-role.json',
    behaviour: 'a Lambda execution role',
    expected: [],
  },
  {
    file: 'trust/events-own-rules.json',
    behaviour: 'EventBridge for the rules of the own account',
    expected: [],
  },
  {
    file: 'trust/codebuild-own-project.json',
    behaviour: 'CodeBuild for the projects `billing-*` of the own account',
    expected: [],
  },
  {
    file: 'trust/glue-stranger-source-account.json',
    behaviour: 'Glue for the resources of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['glue.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/sso-one-permission-set.json',
    behaviour: 'the own root narrowed to one Identity Center permission set',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-anchor-and-common-name.json',
    behaviour: 'IAM Roles Anywhere, one trust anchor and a common name',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-stranger-anchor.json',
    behaviour: 'IAM Roles Anywhere, the trust anchor of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/roles-anywhere-two-anchors-one-stranger.json',
    behaviour: 'IAM Roles Anywhere, two trust anchors, one of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/github-workflow-key-at-commit-any-caller.json',
    behaviour:
      'GitHub, the `job_workflow_ref` key at a commit and nothing pinning the caller: any repository that can call the workflow (no finding until round 33)',
    expected: [BROAD],
    mentions: [
      'reusable workflow `acme/w/.github/workflows/deploy.yml` is pinned at a commit, but no condition names the repository that calls it',
      'every repository on GitHub if `acme/w` is public',
      "pin the caller's `repository` or `repository_owner` too",
    ],
  },
  {
    file: 'trust/github-workflow-key-at-tag-any-caller.json',
    behaviour:
      'GitHub, the `job_workflow_ref` key at a tag and nothing pinning the caller: any caller, as at a commit (a strict warning until round 33)',
    expected: [BROAD],
    mentions: [
      '`acme/w/.github/workflows/deploy.yml@refs/tags/v2` is pinned to a branch or tag',
      'no condition names the repository that calls it',
    ],
  },
  {
    file: 'trust/github-custom-subject-workflow-at-commit-any-caller.json',
    behaviour:
      'GitHub, a custom subject naming only the workflow at a commit: any caller, as by the key (no finding until round 33)',
    expected: [BROAD],
    mentions: ['is pinned at a commit, but no condition names the repository that calls it'],
  },
  {
    file: 'trust/github-workflow-key-at-commit-owner-caller.json',
    behaviour: 'GitHub, the `job_workflow_ref` key at a commit beside the caller owner (`repository_owner`)',
    expected: [],
  },
  {
    file: 'trust/github-custom-subject-owner-workflow-at-commit.json',
    behaviour: 'GitHub, a custom subject naming the caller owner, then the workflow at a commit',
    expected: [],
  },
];

describeLintFolders('iamgate lint on trust policies: survey 32 (CI OIDC, EKS, federation, cross-account, services)', {
  dir: DIR,
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});

describe('survey 32 under the strict preset: the residual risks, and what they say', () => {
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

  test('`oidc-weak-subject` names exactly the residual rows', () => {
    expect([...new Set(weak.map((f) => path.basename(f.location.file)))].sort()).toEqual([
      'circleci-one-project-every-user.json',
      'circleci-project-id-key-only.json',
      'github-environment-prefix.json',
      'github-pull-request-plan-custom-subject-at-commit.json',
      'github-pull-request-plan-workflow-at-commit.json',
      'gitlab-any-path-project-id-pinned.json',
      'gitlab-any-ref-type-named-main.json',
      'gitlab-every-branch-by-project-id.json',
      'gitlab-release-tags-by-id.json',
      'irsa-every-service-account-of-namespace.json',
      // names organization, project and workspace by names that can be reused
      'tfc-one-workspace-apply.json',
    ]);
  });

  const cases: [string, string, string[]][] = [
    [
      'gitlab-any-path-project-id-pinned.json',
      'subject `project_path:*` admits any branch or tag of the project, protected or not',
      ['group'],
    ],
    [
      'gitlab-every-branch-by-project-id.json',
      'admits any branch of the project, protected or not: anyone who can push can create one (require `ref_protected`)',
      ['tag'],
    ],
    [
      'gitlab-any-ref-type-named-main.json',
      'admits any ref type named `main`: a tag of that name, which anyone who can push can create, matches too',
      [],
    ],
    [
      'github-pull-request-plan-workflow-at-commit.json',
      'admits the `pull_request` runs of `acme/billing` only in reusable workflow `acme/platform-workflows/.github/workflows/plan.yml` at a commit: the code that gets the role is fixed',
      ['unreviewed code can assume the role'],
    ],
    [
      'github-pull-request-plan-custom-subject-at-commit.json',
      'admits the `pull_request` runs of `acme/billing` only in reusable workflow `acme/platform-workflows/.github/workflows/plan.yml` at a commit',
      [],
    ],
  ];
  test.each(cases)('%s: %s', (file, words, never) => {
    const message = messageOf(file);
    expect(message).toContain(words);
    for (const wrong of never) expect(message).not.toContain(wrong);
  });
});

describe('survey 32: a reusable workflow pinned without its caller is a warning', () => {
  test('`oidc-broad-subject` at warning severity under the recommended preset, and no `oidc-weak-subject` under strict', () => {
    const files = [
      'github-workflow-key-at-commit-any-caller.json',
      'github-workflow-key-at-tag-any-caller.json',
      'github-custom-subject-workflow-at-commit-any-caller.json',
    ];
    const run = (config: string): { ruleId: string; severity: string; location: { file: string } }[] => {
      const args = [BIN, 'lint', ...files.map((f) => `${DIR}/trust/${f}`), '--type', 'trust', '--config', config];
      const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return (
        JSON.parse(result.stdout) as { findings: { ruleId: string; severity: string; location: { file: string } }[] }
      ).findings;
    };
    const rows = (findings: ReturnType<typeof run>): string[][] =>
      findings.map((f) => [path.basename(f.location.file), f.ruleId, f.severity]).sort();
    const want = files.map((f) => [f, 'trust-policy/oidc-broad-subject', 'warning']).sort();
    expect(rows(run('integ/lint-realworld/lint-realworld.config.json'))).toEqual(want);
    expect(rows(run(`${DIR}/strict.config.json`))).toEqual(want);
  });
});
