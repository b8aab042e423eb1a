/**
 * `iamgate lint --type trust` on the trust policies round 26 surveyed: GitLab, Bitbucket, CircleCI,
 * HCP Terraform, Buildkite, Google and Entra federation, GitHub reusable workflows and custom
 * subject templates, EKS Pod Identity, IAM Roles Anywhere, organization trust by id and by
 * organizational unit path, vendors with an external id, service principals with
 * `aws:SourceAccount`. Each document is a minimal one of our own (see README.md beside this file);
 * the accounts and the configuration are those of `lint-realworld/`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const MISSING = `trust-policy/oidc-missing-sub ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const FEDERATION = `trust-policy/federation-conditions ${S0}`;
const EXTERNAL = `trust-policy/cross-account-external-id ${S0}`;

const ROWS: readonly Row[] = [
  {
    file: 'trust/gitlab-one-branch.json',
    behaviour: 'GitLab: one branch of one project (`project_path:acme/api:ref_type:branch:ref:main`) and the audience',
    expected: [],
  },
  {
    file: 'trust/gitlab-release-tags.json',
    behaviour: 'GitLab: the release tags `v*` of one project (a residual risk only: tags are not protected by default)',
    expected: [],
  },
  {
    file: 'trust/gitlab-every-ref-of-project.json',
    behaviour:
      'GitLab: every ref type and ref of one project, unprotected branches too: a residual risk (strict), as every ref of one GitHub repository',
    expected: [],
  },
  {
    file: 'trust/gitlab-every-project-of-group.json',
    behaviour: 'GitLab: the main branch of every project of the group, new ones too',
    expected: [BROAD],
    mentions: ['every project under the group'],
  },
  {
    file: 'trust/gitlab-audience-only.json',
    behaviour: 'GitLab: the audience only, any project on gitlab.com',
    expected: [MISSING],
    mentions: ['gitlab.com:sub'],
  },
  {
    file: 'trust/bitbucket-one-repository.json',
    behaviour: 'Bitbucket Pipelines: every step of one repository (by its UUID) of the workspace',
    expected: [],
  },
  {
    file: 'trust/bitbucket-audience-only.json',
    behaviour: 'Bitbucket Pipelines: the workspace audience only, any repository of the workspace',
    expected: [MISSING],
  },
  {
    file: 'trust/circleci-org-audience-only.json',
    behaviour: 'CircleCI: the organization id as audience only, any project of the organization',
    expected: [MISSING],
  },
  {
    file: 'trust/circleci-one-project.json',
    behaviour: 'CircleCI: every user of one project of the organization',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-apply.json',
    behaviour: 'HCP Terraform: the apply phase of one workspace of one project',
    expected: [],
  },
  {
    file: 'trust/tfc-one-workspace-any-phase.json',
    behaviour: 'HCP Terraform: one workspace in any run phase, speculative plans too',
    expected: [BROAD],
    mentions: ['plan'],
  },
  {
    file: 'trust/tfc-every-workspace-of-org.json',
    behaviour: 'HCP Terraform: every workspace of the organization',
    expected: [BROAD],
    mentions: ['every project and workspace'],
  },
  {
    file: 'trust/tfc-any-organization.json',
    behaviour: "HCP Terraform: a workspace name in any organization, other customers'",
    expected: [BROAD],
    mentions: ['other'],
  },
  {
    file: 'trust/buildkite-one-pipeline-main.json',
    behaviour: 'Buildkite: the main branch of one pipeline, any commit and step',
    expected: [],
  },
  {
    file: 'trust/google-service-account-audience-and-subject.json',
    behaviour: 'Google: one service account (`aud`, `sub`) with the STS audience (`oaud`)',
    expected: [],
  },
  {
    file: 'trust/google-oaud-only.json',
    behaviour: 'Google: the STS audience (`oaud`) only, any Google identity that asks for a token for STS',
    expected: [MISSING],
    mentions: ['accounts.google.com:aud'],
  },
  {
    file: 'trust/azure-managed-identity-subject.json',
    behaviour: 'Entra ID: one managed identity (object id as `sub`) for the token exchange audience',
    expected: [],
  },
  {
    file: 'trust/github-job-workflow-ref-only.json',
    behaviour:
      'GitHub: one reusable workflow at a branch, nothing pinning its caller: any repository that can call it (a strict warning until round 33)',
    expected: [BROAD],
    mentions: ['any repository that can call the workflow', 'pinned to a branch or tag, not a commit'],
  },
  {
    file: 'trust/github-job-workflow-ref-with-org-subject.json',
    behaviour: 'GitHub: one reusable workflow, called from any repository of the owner',
    expected: [BROAD],
    mentions: ['every repository of the owner'],
  },
  {
    file: 'trust/github-custom-subject-ids.json',
    behaviour: 'GitHub custom subject template by ids: one repository id of one owner id, one environment',
    expected: [],
  },
  {
    file: 'trust/github-custom-subject-owner-id-any-repo.json',
    behaviour: 'GitHub custom subject template by ids: every repository of the owner id',
    expected: [BROAD],
    mentions: ['names no repository'],
  },
  {
    file: 'trust/github-custom-subject-repo-context-org.json',
    behaviour: 'GitHub custom subject template with a context: every repository of the owner in environment production',
    expected: [BROAD],
    mentions: ['every repository'],
  },
  {
    file: 'trust/pod-identity-tag-session.json',
    behaviour: 'EKS Pod Identity as AWS documents it (`sts:AssumeRole`, `sts:TagSession`)',
    expected: [],
  },
  {
    file: 'trust/pod-identity-source-cluster.json',
    behaviour: 'EKS Pod Identity for one cluster of the account (`aws:SourceAccount`, `aws:SourceArn`)',
    expected: [],
  },
  {
    file: 'trust/pod-identity-stranger-cluster.json',
    behaviour: 'EKS Pod Identity for a cluster of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/roles-anywhere-cn-and-anchor.json',
    behaviour: 'IAM Roles Anywhere: one trust anchor, one certificate common name',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-cn-wildcard.json',
    behaviour: 'IAM Roles Anywhere: a common name `*`, which names no certificate',
    expected: [FEDERATION],
  },
  {
    file: 'trust/org-id-any-principal.json',
    behaviour: '`Principal` `*` confined to the configured organization by `aws:PrincipalOrgID`',
    expected: [ROOT],
    mentions: ['o-a1b2c3d4e5'],
  },
  {
    file: 'trust/org-paths-one-ou.json',
    behaviour:
      '`Principal` `*` confined to one organizational unit by `aws:PrincipalOrgPaths`: the unit, not the organization, is named',
    expected: [ROOT],
    mentions: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*', 'organizational units'],
  },
  {
    file: 'trust/org-paths-other-org.json',
    behaviour: '`Principal` `*` confined to an organization nobody configured by `aws:PrincipalOrgPaths`',
    expected: [ROOT, UNTRUSTED],
    mentions: ['o-zzzzzzzzzz'],
  },
  {
    file: 'trust/org-id-other-org.json',
    behaviour: '`Principal` `*` confined to an organization nobody configured by `aws:PrincipalOrgID`',
    expected: [ROOT, UNTRUSTED],
    mentions: ['o-zzzzzzzzzz'],
  },
  {
    file: 'trust/vendor-external-id.json',
    behaviour: 'a vendor account nobody configured, with an external id (the vendor itself is not whole-account trust)',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/vendor-external-id-like-star.json',
    behaviour: 'a vendor account with `StringLike` `sts:ExternalId` `*`: any external id',
    expected: [ROOT, EXTERNAL, UNTRUSTED],
    mentions: ['any external id'],
  },
  {
    file: 'trust/sagemaker-source-account.json',
    behaviour: 'SageMaker for the resources of the own account (`aws:SourceAccount`, `aws:SourceArn`)',
    expected: [],
  },
  {
    file: 'trust/bedrock-stranger-source-account.json',
    behaviour: 'Bedrock for the resources of an account nobody configured (`aws:SourceAccount`)',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
];

describeLintFolders(
  'iamgate lint on trust policies: survey 26 (CI issuers, custom subjects, Pod Identity, organizations)',
  {
    dir: 'integ/lint-realworld/trust-26',
    config: 'integ/lint-realworld/lint-realworld.config.json',
    types: ['trust'],
    rows: ROWS,
  },
);

describe('survey 26 under the strict preset: the residual risks', () => {
  test('`oidc-weak-subject` names the residual rows (release tags, one CircleCI project, one Bitbucket repository) and the subjects named by reusable paths', () => {
    const dir = 'integ/lint-realworld/trust-26';
    const args = [BIN, 'lint', `${dir}/trust`, '--type', 'trust', '--config', `${dir}/strict.config.json`];
    const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { file: string } }[] };
    const weak = report.findings
      .filter((f) => f.ruleId === 'trust-policy/oidc-weak-subject')
      .map((f) => path.basename(f.location.file))
      .sort();
    expect(weak).toEqual([
      'bitbucket-one-repository.json',
      'circleci-one-project.json',
      // every branch or tag of one project: what anyone who can push creates, as on GitHub
      'gitlab-every-ref-of-project.json',
      // a project and a workspace named by their paths, which a renamed or recreated one can reuse
      'gitlab-one-branch.json',
      'gitlab-release-tags.json',
      'tfc-one-workspace-apply.json',
    ]);
  });
});
