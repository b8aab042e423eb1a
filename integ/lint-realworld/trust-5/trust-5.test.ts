/**
 * `iamgate lint --type trust` on CI trust policies written with what GitHub and AWS added in 2026:
 * GitHub's immutable subjects (`repo:<owner>@<owner id>/<repository>@<repository id>:...`), the
 * GitHub and CircleCI claims AWS offers as condition keys of their own (`repository_id`, `ref`,
 * `environment`, `job_workflow_ref`, `enterprise_id`, `oidc.circleci.com/project-id`), Google
 * service accounts pinned by `sub`, and HCP Terraform subjects open to a project or an
 * organization. Each document is a minimal one of our own (see README.md beside this file); the
 * accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;

const ROWS: readonly Row[] = [
  {
    file: 'trust/github-repository-id-and-ref.json',
    behaviour: 'GitHub pinned by the `repository_id` and `ref` keys, no `sub`: one repository at main',
    expected: [],
  },
  {
    file: 'trust/env0-one-organization.json',
    behaviour: 'env zero: the subject of one organization',
    expected: [],
  },
  {
    file: 'trust/github-custom-subject-owner-only.json',
    behaviour: 'GitHub custom subject `repository_owner_id:<id>:*`: every repository of the owner',
    expected: [BROAD],
    mentions: ['names no repository before its wildcard'],
  },
  // shapes the survey found answered wrong, fixed since
  {
    file: 'trust/gitlab-protected-branches.json',
    behaviour:
      'GitLab, every branch of one project that GitLab protects (`ref_protected` `true`): an error before, as if any branch; a residual risk now (oidc-weak-subject, off by default)',
    expected: [],
  },
  {
    file: 'trust/gitlab-release-branches.json',
    behaviour:
      'GitLab `ref:release/*`: an error saying any ref type or branch before; a residual risk now, as `refs/heads/release/*` is on GitHub',
    expected: [],
  },
  {
    file: 'trust/gitlab-any-ref-type-named-main.json',
    behaviour:
      'GitLab `ref_type:*:ref:main`: said to admit any branch before; the tag named `main`, which anyone who can push creates: a residual risk (strict) since round 32',
    expected: [],
  },
  {
    file: 'trust/github-custom-subject-environments-by-pattern.json',
    behaviour:
      'GitHub custom subject, one repository by id, environments `prod-*`: an error ("a wildcard outside a repository pin") before; a residual risk (oidc-weak-subject, off by default)',
    expected: [],
  },
  {
    file: 'trust/env0-subject-of-any-organization.json',
    behaviour:
      'env zero `sub` `auth0|*`: every env zero organization shares the issuer and audience; no finding before',
    expected: [BROAD],
    mentions: ['other env zero organizations'],
  },
  {
    file: 'trust/github-immutable-repository-by-id.json',
    behaviour:
      'GitHub immutable subject, a wildcard for the name of the repository its id pins: said to admit every repository of the owner before',
    expected: [],
  },
  {
    file: 'trust/github-immutable-owner-by-id.json',
    behaviour:
      'GitHub immutable subject, a wildcard for the name of the owner its id pins: oidc-missing-sub said it matches any subject before',
    expected: [],
  },
  {
    file: 'trust/github-owner-pattern-beside-repository-id.json',
    behaviour:
      'GitHub `sub` `repo:acme/*:ref:refs/heads/main` beside the `repository_id` key: one repository at main; said to admit every repository of the owner before',
    expected: [],
  },
  {
    file: 'trust/github-immutable-every-ref.json',
    behaviour:
      'GitHub immutable subject, one repository by id, any ref: said to admit every repository whose name matches `*@<id>` before',
    expected: [BROAD],
    mentions: ['pull_request'],
    notMentions: ['whose name matches'],
  },
  {
    file: 'trust/github-repository-id-only.json',
    behaviour:
      'GitHub pinned by `repository_id` alone, which its pull request runs carry too: no finding before (a warning off by default)',
    expected: [BROAD],
    mentions: ['pull_request', 'ref or environment'],
  },
  {
    file: 'trust/github-repository-key-by-pattern.json',
    behaviour: 'GitHub `repository` `acme/*` under `StringLike`, no `sub`: no finding before',
    expected: [BROAD],
    mentions: ['acme/*', 'every repository'],
  },
  {
    file: 'trust/github-workflow-at-any-ref.json',
    behaviour:
      'GitHub `job_workflow_ref` `...release.yml@*`: the workflow as a pull request changed it; no finding before (a warning off by default)',
    expected: [BROAD],
    mentions: ['release.yml@*', 'pull_request'],
  },
  {
    file: 'trust/github-enterprise-id-only.json',
    behaviour:
      'GitHub pinned by `enterprise_id` alone: said to admit any identity of the provider (without a condition on `sub`) before',
    expected: [BROAD],
    mentions: ['enterprise'],
    notMentions: ['any identity of the provider'],
  },
  {
    file: 'trust/google-service-account-by-subject.json',
    behaviour:
      'Google service account pinned by `sub` (its unique id), the audience in `oaud`: oidc-missing-sub on `aud` before',
    expected: [],
  },
  {
    file: 'trust/circleci-project-id-key.json',
    behaviour:
      'CircleCI pinned by the `oidc.circleci.com/project-id` key: said to admit any identity of the provider before',
    expected: [],
  },
  {
    file: 'trust/circleci-every-project-after-organization.json',
    behaviour: 'CircleCI `org/<id>/*`: said to have "a wildcard outside a project pin" before',
    expected: [BROAD],
    mentions: ['every project of the organization'],
  },
  {
    file: 'trust/terraform-every-workspace-of-organization.json',
    behaviour: 'HCP Terraform `organization:acme:*`: "every workspace and run phase that matches the wildcard" before',
    expected: [BROAD],
    mentions: ['every project and workspace of organization `acme`', 'plan and the apply'],
  },
  {
    file: 'trust/terraform-every-workspace-of-project.json',
    behaviour:
      'HCP Terraform, every workspace of one project in the plan phase: "every workspace and run phase that matches the wildcard" before',
    expected: [BROAD],
    mentions: ['every workspace of project `networking`', 'plan phase'],
    notMentions: ['apply'],
  },
  {
    file: 'trust/terraform-both-run-phases.json',
    behaviour:
      "HCP Terraform's documented `run_phase:*`: the error said only that both phases match, not why it matters",
    expected: [BROAD],
    mentions: ['plan and the apply phase', 'unreviewed', 'run_phase:apply'],
  },
  {
    file: 'trust/vendor-external-id-if-exists.json',
    behaviour:
      'an unknown account with `StringEqualsIfExists` on `sts:ExternalId`: said to have no `sts:ExternalId` condition before',
    expected: [`trust-policy/untrusted-account ${S0}`, `trust-policy/cross-account-external-id ${S0}`],
    mentions: ['StringEqualsIfExists', 'sends none'],
    notMentions: ['without an `sts:ExternalId` condition'],
  },
  {
    file: 'trust/partner-external-id-any-value.json',
    behaviour:
      'an unknown account with `sts:ExternalId` `*` under `StringLike`: said to have no `sts:ExternalId` condition before',
    expected: [`trust-policy/untrusted-account ${S0}`, `trust-policy/cross-account-external-id ${S0}`],
    mentions: ['any external id'],
    notMentions: ['without an `sts:ExternalId` condition'],
  },
];

describeLintFolders('iamgate lint on CI trust policies: immutable GitHub subjects, claim keys, HCP Terraform', {
  dir: 'integ/lint-realworld/trust-5',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});
