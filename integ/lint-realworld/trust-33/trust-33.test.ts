/**
 * `iamgate lint --type trust` on the trust policies round 33 surveyed: GitLab trusts pinned by the
 * keys its tokens carry beside `sub` (`namespace_id`, `namespace_path`, `project_id`,
 * `project_path`), EKS Pod Identity for clusters of an account nobody configured, cross-account
 * roles with and without an external id, SAML, Cognito, Google and GitHub federation, IAM Roles
 * Anywhere and service roles bound by source conditions. Each document is a minimal one of our own
 * (README.md beside this file); the accounts and the configuration are those of `lint-realworld/`.
 * Under the strict preset it asserts which documents carry a residual risk (`oidc-weak-subject`).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-33';
const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const MISSING = `trust-policy/oidc-missing-sub ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const FED = `trust-policy/federation-conditions ${S0}`;
const EXTERNAL_ID = `trust-policy/cross-account-external-id ${S0}`;
const POD_IDENTITY =
  'through EKS Pod Identity (`pods.eks.amazonaws.com`): account `999988887777` is not among the trusted accounts';

const ROWS: readonly Row[] = [
  // GitLab, pinned by keys beside `sub`.
  {
    file: 'trust/gitlab-namespace-id-only.json',
    behaviour:
      'GitLab, the `namespace_id` key and no subject: any project of the namespace, as the GitHub owner key (round 33: was oidc-missing-sub, "any identity of the provider")',
    expected: [BROAD],
    mentions: ['only the namespace is pinned (`72050`): any project of it, including new ones, can assume the role'],
    notMentions: ['any identity of the provider'],
  },
  {
    file: 'trust/gitlab-namespace-path-only.json',
    behaviour: 'GitLab, the `namespace_path` key and no subject: any project of the group',
    expected: [BROAD],
    mentions: ['only the namespace is pinned (`acme-platform`)'],
    notMentions: ['any identity of the provider'],
  },
  {
    file: 'trust/gitlab-self-managed-namespace-id.json',
    behaviour: 'a self-managed GitLab (`gitlab.example.com`), the `namespace_id` key alone',
    expected: [BROAD],
    mentions: ['only the namespace is pinned (`12`)'],
  },
  {
    file: 'trust/gitlab-project-path-pattern-key.json',
    behaviour: 'GitLab, a `project_path` key pattern over a group: every project it matches',
    expected: [BROAD],
    mentions: ['project pattern `acme-platform/*` admits every project whose id or path matches, including new ones'],
  },
  {
    file: 'trust/gitlab-namespace-and-project-id.json',
    behaviour:
      'GitLab, the namespace and the `project_id` key, no subject: one project at any ref, a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/gitlab-main-protected-subject.json',
    behaviour: 'GitLab, the protected main branch of one project by subject and id',
    expected: [],
  },
  // GitHub, EKS IRSA, Google.
  {
    file: 'trust/github-environment-by-sub.json',
    behaviour: 'GitHub, one environment of one repository',
    expected: [],
  },
  {
    file: 'trust/github-every-branch-one-repository.json',
    behaviour: 'GitHub, every branch of one repository: a residual risk (strict)',
    expected: [],
  },
  {
    file: 'trust/github-owner-pattern-environment.json',
    behaviour: 'GitHub, the `prod` environment of every repository of the owner',
    expected: [BROAD],
    mentions: ['every repository of the owner, including new ones'],
  },
  {
    file: 'trust/github-audience-only.json',
    behaviour: 'GitHub, the audience only: any repository on GitHub',
    expected: [MISSING],
    mentions: ['any identity of the provider'],
  },
  {
    file: 'trust/irsa-one-service-account.json',
    behaviour: 'EKS IRSA, one service account',
    expected: [],
  },
  {
    file: 'trust/irsa-any-namespace.json',
    behaviour: 'EKS IRSA, one service account name in every namespace',
    expected: [BROAD],
    mentions: ['every namespace of the cluster'],
  },
  {
    file: 'trust/google-one-client.json',
    behaviour: 'Google, one OAuth client (`accounts.google.com:aud`): the users of that application',
    expected: [],
  },
  // EKS Pod Identity.
  {
    file: 'trust/pod-identity-as-documented.json',
    behaviour: 'EKS Pod Identity as the EKS guide writes it, no condition: the associations of the own account',
    expected: [],
  },
  {
    file: 'trust/pod-identity-own-cluster-source-arn.json',
    behaviour: 'EKS Pod Identity for one cluster of the own account (`aws:SourceArn`)',
    expected: [],
  },
  {
    file: 'trust/pod-identity-stranger-source-account.json',
    behaviour:
      'EKS Pod Identity for an account nobody configured (`aws:SourceAccount`): any pod of any of its clusters (round 33: was "lets `pods.eks.amazonaws.com` assume it for the resources of account")',
    expected: [UNTRUSTED],
    mentions: [`lets any pod of any cluster of account \`999988887777\` assume it ${POD_IDENTITY}`],
    notMentions: ['for the resources of account'],
  },
  {
    file: 'trust/pod-identity-stranger-service-account.json',
    behaviour: 'EKS Pod Identity for one service account of a cluster of an account nobody configured (session tags)',
    expected: [UNTRUSTED],
    mentions: [
      `lets the pods of service account \`payments/api\` of cluster \`arn:aws:eks:eu-west-1:999988887777:cluster/shared\` assume it ${POD_IDENTITY}`,
    ],
  },
  {
    file: 'trust/pod-identity-stranger-cluster-pattern.json',
    behaviour: 'EKS Pod Identity for the clusters `prod-*` of an account nobody configured (`ArnLike` `aws:SourceArn`)',
    expected: [UNTRUSTED],
    mentions: [
      `lets any pod of the clusters matching \`arn:aws:eks:eu-west-1:999988887777:cluster/prod-*\` assume it ${POD_IDENTITY}`,
    ],
  },
  // Cross-account roles and organizations.
  {
    file: 'trust/partner-root-external-id.json',
    behaviour: 'the trusted partner with an external id',
    expected: [],
  },
  {
    file: 'trust/partner-role-source-identity.json',
    behaviour: 'one role of the partner, with `sts:SetSourceIdentity`',
    expected: [],
  },
  {
    file: 'trust/vendor-stranger-root-external-id.json',
    behaviour: 'a vendor account nobody configured, with an external id: the id does not make the account trusted',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/stranger-role-arn.json',
    behaviour: 'a role of an account nobody configured, without an external id',
    expected: [EXTERNAL_ID, UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/partner-any-principal-by-account-key.json',
    behaviour: '`Principal` `*` confined to the partner by `aws:PrincipalAccount`: every principal of it',
    expected: [ROOT],
    mentions: ['every principal of account `444455556666`'],
  },
  {
    file: 'trust/organization-any-principal-org-id.json',
    behaviour: '`Principal` `*` of the trusted organization',
    expected: [ROOT],
    mentions: ['every principal of organization `o-a1b2c3d4e5`'],
  },
  {
    file: 'trust/stranger-organization-any-principal.json',
    behaviour: '`Principal` `*` of an organization nobody configured',
    expected: [ROOT, UNTRUSTED],
    mentions: ['organization `o-zz99yy88xx`, which is not among the trusted organizations'],
  },
  {
    file: 'trust/own-root-identity-center-admins.json',
    behaviour: 'the own root narrowed to the roles of one Identity Center permission set',
    expected: [],
  },
  // SAML and Cognito.
  {
    file: 'trust/saml-signin-audience.json',
    behaviour: 'SAML with the sign-in endpoint as `SAML:aud`',
    expected: [],
  },
  {
    file: 'trust/saml-without-audience.json',
    behaviour: 'SAML without `SAML:aud`',
    expected: [FED],
    mentions: ['without a `SAML:aud` condition'],
  },
  {
    file: 'trust/saml-audience-any.json',
    behaviour: 'SAML with `StringLike` `SAML:aud` `*`: pins no endpoint',
    expected: [FED],
    mentions: ['`SAML:aud` `*`'],
  },
  {
    file: 'trust/cognito-signed-in-one-pool.json',
    behaviour: 'Cognito, signed-in identities of one pool',
    expected: [],
  },
  {
    file: 'trust/cognito-guests-one-pool.json',
    behaviour: 'Cognito, guests of one pool: what anyone on the internet gets',
    expected: [FED],
    mentions: ['unauthenticated'],
  },
  {
    file: 'trust/cognito-pool-without-amr.json',
    behaviour: 'Cognito, one pool without `amr`: guests too',
    expected: [FED],
    mentions: ['unauthenticated identities may assume it'],
  },
  // Service roles.
  {
    file: 'trust/ec2-instance-profile.json',
    behaviour: 'an EC2 instance role',
    expected: [],
  },
  {
    file: 'trust/ecs-task-own-source.json',
    behaviour: 'an ECS task role bound to the own account',
    expected: [],
  },
  {
    file: 'trust/scheduler-own-schedules.json',
    behaviour: 'an EventBridge Scheduler role for the own schedules',
    expected: [],
  },
  {
    file: 'trust/glue-stranger-source-arn.json',
    behaviour: 'Glue for the jobs of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['glue.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/lambda-stranger-source-organization.json',
    behaviour: 'Lambda for the functions of an organization nobody configured (`aws:SourceOrgID`)',
    expected: [UNTRUSTED],
    mentions: ['o-zz99yy88xx'],
  },
  {
    file: 'trust/roles-anywhere-own-anchor.json',
    behaviour: 'IAM Roles Anywhere, one trust anchor of the own account and a common name',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-stranger-anchor.json',
    behaviour:
      'IAM Roles Anywhere, a trust anchor of an account nobody configured: the message names the anchor (round 33: was "lets `rolesanywhere.amazonaws.com` assume it for the resources of account")',
    expected: [UNTRUSTED],
    mentions: [
      'lets the certificates of trust anchor `arn:aws:rolesanywhere:eu-west-1:999988887777:trust-anchor/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b` assume it through IAM Roles Anywhere: account `999988887777` is not among the trusted accounts',
    ],
    notMentions: ['for the resources of account'],
  },
];

describeLintFolders(
  'iamgate lint on trust policies: survey 33 (GitLab keys, Pod Identity, federation, cross-account, services)',
  {
    dir: DIR,
    config: 'integ/lint-realworld/lint-realworld.config.json',
    types: ['trust'],
    rows: ROWS,
  },
);

describe('survey 33 under the strict preset: the residual risks, and what they say', () => {
  const args = [BIN, 'lint', `${DIR}/trust`, '--type', 'trust', '--config', `${DIR}/strict.config.json`];
  const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
  const report = JSON.parse(result.stdout || '{}') as {
    findings?: { ruleId: string; message: string; location: { file: string } }[];
  };
  const weak = (report.findings ?? []).filter((f) => f.ruleId === 'trust-policy/oidc-weak-subject');

  test('the run reports no input error', () => {
    expect(result.stderr).toBe('');
  });

  test('`oidc-weak-subject` names exactly the residual rows', () => {
    expect([...new Set(weak.map((f) => path.basename(f.location.file)))].sort()).toEqual([
      'github-every-branch-one-repository.json',
      'gitlab-namespace-and-project-id.json',
    ]);
  });

  test('a GitLab project pinned by key with no ref says any branch or tag of it, not the namespace', () => {
    const message = weak
      .filter((f) => path.basename(f.location.file) === 'gitlab-namespace-and-project-id.json')
      .map((f) => f.message)
      .join(' | ');
    expect(message).toContain(
      'only the project is pinned (`4242`): any branch or tag of it, protected or not, can assume the role',
    );
    expect(message).not.toContain('only the namespace is pinned');
  });
});
