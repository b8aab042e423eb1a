/**
 * `iamgate lint --type trust` on the trust policies round 28 surveyed: GitHub custom subjects
 * naming a workflow (`job_workflow_ref:...`) at any ref or over repositories, `Principal` `*`
 * confined to the organizational unit of the role's own account (`${aws:ResourceOrgPaths}`), an
 * `OrganizationPrincipal` of the configured organization and of another, HCP Terraform Europe and
 * Terraform Enterprise, CircleCI subjects read against their issuer's organization, Bitbucket,
 * Entra ID, Google, Cognito, EKS Pod Identity, IAM Roles Anywhere and Identity Center shapes. Each
 * document is a minimal one of our own (README.md beside this file); the accounts and the
 * configuration are those of `lint-realworld/`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-28';
const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const MISSING = `trust-policy/oidc-missing-sub ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;

const ROWS: readonly Row[] = [
  {
    file: 'trust/github-custom-subject-workflow-any-ref.json',
    behaviour:
      'a custom subject naming one workflow at any ref (`job_workflow_ref:<repo>/.github/workflows/deploy.yml@*`): its pull request runs too',
    expected: [BROAD],
    mentions: ['acme/automation/.github/workflows/deploy.yml', 'refs/pull/<n>/merge', 'unreviewed code'],
  },
  {
    file: 'trust/github-custom-subject-workflow-any-ref-refs-claim.json',
    behaviour: 'the workflow at any ref, then `ref:refs/*`: a pull request run carries `ref:refs/pull/<n>/merge`',
    expected: [BROAD],
    mentions: ['refs/pull/<n>/merge'],
  },
  {
    file: 'trust/github-custom-subject-caller-then-workflow-any-ref.json',
    behaviour: 'the workflow repository as the caller, then its workflow at any ref: read in any claim order',
    expected: [BROAD],
    mentions: ['refs/pull/<n>/merge'],
  },
  {
    file: 'trust/github-custom-subject-workflow-any-ref-on-push.json',
    behaviour:
      'the workflow at any ref on `event_name:push`: no pull request run, but a push of any repository that calls it (a strict warning until round 33)',
    expected: [BROAD],
    mentions: ['any repository that can call the workflow'],
  },
  {
    file: 'trust/github-workflow-key-of-owner-caller-pinned.json',
    behaviour:
      'the `job_workflow_ref` key on `acme/*` beside `repository` and `ref` keys: only that repository and branch',
    expected: [],
  },
  {
    file: 'trust/github-custom-subject-workflow-every-branch.json',
    behaviour:
      'the same workflow at every branch (`@refs/heads/*`), nothing pinning its caller: any repository that can call it (a strict warning until round 33)',
    expected: [BROAD],
    mentions: ['any repository that can call the workflow'],
  },
  {
    file: 'trust/github-custom-subject-workflow-any-ref-one-branch.json',
    behaviour:
      'the workflow at any ref beside the `ref` key on `refs/heads/main`: the main branch of any repository that calls it (a strict warning until round 33)',
    expected: [BROAD],
    mentions: ['any repository that can call the workflow'],
  },
  {
    file: 'trust/github-custom-subject-workflows-of-owner.json',
    behaviour: 'a custom subject `job_workflow_ref:acme/*`: every workflow of every repository of the owner',
    expected: [BROAD],
    mentions: ['every repository whose name matches `acme/*`'],
  },
  {
    file: 'trust/github-workflow-key-of-owner.json',
    behaviour: 'the `job_workflow_ref` key on `acme/*`: said as the custom subject is',
    expected: [BROAD],
    mentions: ['every repository whose name matches `acme/*`'],
    notMentions: ['admits any ref'],
  },
  {
    file: 'trust/github-environment-any.json',
    behaviour: 'every environment of one repository (`repo:acme/api:environment:*`): as every branch',
    expected: [],
  },
  {
    file: 'trust/org-paths-own-unit.json',
    behaviour: '`Principal` `*` confined to the unit of its own account and below (`${aws:ResourceOrgPaths}*`)',
    expected: [ROOT],
    mentions: ['organizational unit of its own account', '${aws:ResourceOrgPaths}*'],
  },
  {
    file: 'trust/deny-outside-own-unit.json',
    behaviour: '`Principal` `*` beside a Deny of every caller outside that unit: the same unit',
    expected: [ROOT],
    mentions: ['organizational unit of its own account'],
  },
  {
    file: 'trust/org-paths-own-unit-and-other-org.json',
    behaviour:
      'the unit of its own account beside a unit of another organization: each unit named, the other organization not trusted',
    expected: [ROOT, UNTRUSTED],
    mentions: [
      'organizational unit of its own account (`${aws:ResourceOrgPaths}*`)',
      'under `o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*` of organization `o-zzzzzzzzzz`',
      'organization `o-zzzzzzzzzz`, which is not among the trusted organizations',
    ],
    notMentions: ['of its own organization'],
  },
  {
    file: 'trust/organization-principal-trusted.json',
    behaviour:
      'an `OrganizationPrincipal` of the organization `trust.organizationIds` lists: trusted, yet every principal of every account of it',
    expected: [ROOT],
    mentions: ['o-a1b2c3d4e5'],
  },
  {
    file: 'trust/organization-principal-other.json',
    behaviour: 'an `OrganizationPrincipal` of an organization nobody configured',
    expected: [ROOT, UNTRUSTED],
    mentions: ['o-zzzzzzzzzz'],
  },
  {
    file: 'trust/hcp-europe-any-organization.json',
    behaviour: 'HCP Terraform Europe (`app.eu.terraform.io`) with a subject of any organization',
    expected: [BROAD],
    mentions: ['other HCP Terraform organizations'],
  },
  {
    file: 'trust/hcp-europe-one-workspace-apply.json',
    behaviour: 'HCP Terraform Europe: one workspace at apply',
    expected: [],
  },
  {
    file: 'trust/terraform-enterprise-every-workspace.json',
    behaviour: 'Terraform Enterprise on its own host, known by its subjects: every workspace of an organization',
    expected: [BROAD],
    mentions: ['every project and workspace of organization `acme`'],
  },
  {
    file: 'trust/terraform-enterprise-one-organization.json',
    behaviour: 'Terraform Enterprise known by a subject open over the project (`organization:acme:*`)',
    expected: [BROAD],
    mentions: ['every project and workspace of organization `acme`'],
  },
  {
    file: 'trust/terraform-enterprise-one-workspace-apply.json',
    behaviour: 'Terraform Enterprise: one workspace at apply',
    expected: [],
  },
  {
    file: 'trust/circleci-subject-of-another-org.json',
    behaviour: 'a CircleCI subject naming another organization than its issuer: no token matches',
    expected: [],
  },
  {
    file: 'trust/circleci-any-org-segment-one-project.json',
    behaviour: 'a CircleCI subject `org/*/project/<id>/user/*`: that project of the issuer, every user',
    expected: [],
  },
  {
    file: 'trust/circleci-one-project-no-user-segment.json',
    behaviour: 'a CircleCI subject `org/*/project/<id>/*`: that project of the issuer, every user',
    expected: [],
  },
  {
    file: 'trust/bitbucket-any-subject.json',
    behaviour: 'Bitbucket with the workspace audience and `sub` `*`',
    expected: [MISSING],
    mentions: ['matches any subject'],
  },
  {
    file: 'trust/entra-any-subject-of-tenant.json',
    behaviour: 'Entra ID (`sts.windows.net/<tenant>/`) with `sub` `*`',
    expected: [MISSING],
  },
  {
    file: 'trust/entra-v2-audience-only.json',
    behaviour: 'Entra ID v2 issuer (`login.microsoftonline.com/<tenant>/v2.0`) with the audience only',
    expected: [MISSING],
  },
  {
    file: 'trust/google-client-audience-only.json',
    behaviour: 'Google sign-in with the OAuth client id as `accounts.google.com:aud` (the `azp` of the token)',
    expected: [],
  },
  {
    file: 'trust/cognito-authenticated-any-pool.json',
    behaviour: 'Cognito signed-in identities with no `aud`: of every identity pool of every account',
    expected: [MISSING],
    mentions: ['cognito-identity.amazonaws.com:aud'],
  },
  {
    file: 'trust/cognito-amr-string-equals.json',
    behaviour: 'Cognito signed-in identities of one pool, `amr` under `StringEquals`',
    expected: [],
  },
  {
    file: 'trust/pod-identity-cluster-tags.json',
    behaviour: 'EKS Pod Identity for one cluster, namespace and service account (session tags) of the account',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-anchor-of-stranger.json',
    behaviour: 'IAM Roles Anywhere with the trust anchor of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/identity-center-any-saml-provider.json',
    behaviour: 'an Identity Center role trusting `saml-provider/*`: IAM refuses a wildcard there',
    expected: ['policy-validity/invalid-policy /Statement/0/Principal/Federated'],
  },
];

describeLintFolders('iamgate lint on trust policies: survey 28 (workflow subjects, own units, Terraform, CircleCI)', {
  dir: DIR,
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});

describe('survey 28 under the strict preset: the residual risks', () => {
  test('`oidc-weak-subject` names every environment, the workflow key at a moving ref with its caller pinned, one Terraform workspace by names, and the CircleCI rows', () => {
    const args = [BIN, 'lint', `${DIR}/trust`, '--type', 'trust', '--config', `${DIR}/strict.config.json`];
    const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; message: string; location: { file: string } }[];
    };
    const weak = report.findings.filter((f) => f.ruleId === 'trust-policy/oidc-weak-subject');
    expect(weak.map((f) => path.basename(f.location.file)).sort()).toEqual([
      'circleci-any-org-segment-one-project.json',
      'circleci-one-project-no-user-segment.json',
      'circleci-subject-of-another-org.json',
      'github-environment-any.json',
      'github-workflow-key-of-owner-caller-pinned.json',
      'hcp-europe-one-workspace-apply.json',
      'terraform-enterprise-one-workspace-apply.json',
    ]);
    const other = weak.find((f) => f.location.file.endsWith('circleci-subject-of-another-org.json'));
    expect(other?.message).toMatch(/names organization `ffffffff-[^`]+`, .*: it never matches$/);
  });
});
