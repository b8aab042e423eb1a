/**
 * `iamgate lint --type trust` on the federations earlier surveys left out (Codefresh, Scalr, Entra
 * workload identity, self-managed Kubernetes issuers, EKS Pod Identity session tags, IAM Roles
 * Anywhere certificate names, SAML source identity) and on the gaps they left: Buildkite pull
 * request builds and session tags, `...IfExists` on the claims every token carries (`sub`,
 * `SAML:aud`), Cognito `amr` under `ForAllValues` or a pattern. Each document is a minimal one of
 * our own (see README.md beside this file); the accounts and the configuration are those of
 * `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const FEDERATION = `trust-policy/federation-conditions ${S0}`;

const ROWS: readonly Row[] = [
  // kinds no earlier survey covered, answered right
  {
    file: 'trust/codefresh-one-pipeline.json',
    behaviour: 'Codefresh: every trigger of one pipeline of one account',
    expected: [],
  },
  {
    file: 'trust/scalr-one-workspace.json',
    behaviour: 'Scalr: one workspace of one account in the apply phase',
    expected: [],
  },
  {
    file: 'trust/pod-identity-namespace-tag.json',
    behaviour: 'EKS Pod Identity narrowed by the session tags EKS sets (namespace, cluster)',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-san-pattern.json',
    behaviour: 'IAM Roles Anywhere: one trust anchor, certificates whose DNS name is under one domain',
    expected: [],
  },
  {
    file: 'trust/saml-source-identity-by-domain.json',
    behaviour: 'SAML with the sign-in audience; the source identity it may set, by a domain pattern',
    expected: [],
  },
  {
    file: 'trust/cognito-user-pool-provider.json',
    behaviour: 'Cognito: identities signed in with one user pool (`ForAnyValue` on the provider in `amr`)',
    expected: [],
  },
  {
    file: 'trust/entra-workload-identity-audience-only.json',
    behaviour:
      'Entra workload identity pinned by the application only: any identity of the tenant that gets a token for it',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
  },
  {
    file: 'trust/kubernetes-self-managed-every-namespace.json',
    behaviour: 'a self-managed Kubernetes issuer, known by its subjects: every namespace',
    expected: [BROAD],
    mentions: ['every namespace'],
  },
  {
    file: 'trust/vercel-team-production.json',
    behaviour: 'Vercel: one project of the team in production',
    expected: [],
  },
  {
    file: 'trust/flyio-one-app.json',
    behaviour: 'Fly.io: every machine of one app of the organization',
    expected: [],
  },
  // shapes the survey found answered wrong, fixed since
  {
    file: 'trust/vercel-every-project.json',
    behaviour: 'Vercel `owner:acme:project:*` (the team in `aud`): every project of the team; no finding before',
    expected: [BROAD],
    mentions: ['every project of the Vercel team'],
  },
  {
    file: 'trust/flyio-every-app.json',
    behaviour: 'Fly.io `acme:*`: every app of the organization, preview apps included; no finding before',
    expected: [BROAD],
    mentions: ['every app of the Fly.io organization'],
  },
  {
    file: 'trust/buildkite-every-branch-of-pipeline.json',
    behaviour:
      'Buildkite `organization:acme:pipeline:deploy:*`: its pull request builds (builds of their branch) are admitted; a residual risk before (oidc-weak-subject, off by default)',
    expected: [BROAD],
    mentions: ['pull request build', 'aws:RequestTag/build_branch'],
  },
  {
    file: 'trust/buildkite-every-branch-by-ref.json',
    behaviour: 'Buildkite `ref:refs/heads/*`: every branch, pull request builds included; no finding before',
    expected: [BROAD],
    mentions: ['pull request build'],
  },
  {
    file: 'trust/buildkite-session-tags-pin-pipeline.json',
    behaviour:
      'Buildkite as its documentation writes it: the organization in `sub`, pipeline and branch in session tags from the token; said to admit every pipeline before',
    expected: [],
  },
  {
    file: 'trust/buildkite-session-tag-pipeline-any-branch.json',
    behaviour: 'Buildkite, the pipeline in a session tag but no branch: its pull request builds',
    expected: [BROAD],
    mentions: ['every branch of the pipeline'],
    notMentions: ['every pipeline of the organization'],
  },
  {
    file: 'trust/codefresh-any-account.json',
    behaviour: 'Codefresh `account:*:...` on the issuer every account shares: no finding before',
    expected: [BROAD],
    mentions: ['other Codefresh accounts'],
  },
  {
    file: 'trust/scalr-any-account.json',
    behaviour: 'Scalr `account:*` on the issuer every account shares: no finding before',
    expected: [BROAD],
    mentions: ['other Scalr accounts'],
  },
  {
    file: 'trust/github-subject-like-if-exists.json',
    behaviour:
      'GitHub `StringLikeIfExists` on `sub`, which every token STS accepts carries: said to have no condition on `sub` before',
    expected: [],
  },
  {
    file: 'trust/github-subject-if-exists-any-ref.json',
    behaviour:
      'GitHub `StringLikeIfExists` `repo:acme/api:*`: said to have no condition on `sub` before; its pull requests now',
    expected: [BROAD],
    mentions: ['pull_request'],
    notMentions: ['without a condition'],
  },
  {
    file: 'trust/azure-devops-connection-if-exists.json',
    behaviour: 'Azure DevOps, one service connection under `StringEqualsIfExists`: said to admit any identity before',
    expected: [],
  },
  {
    file: 'trust/saml-audience-if-exists.json',
    behaviour: 'SAML `StringEqualsIfExists` on `SAML:aud`, which every response names: said to have none before',
    expected: [],
  },
  {
    file: 'trust/cognito-for-all-values-authenticated.json',
    behaviour:
      'Cognito `ForAllValues:StringLike` `amr` `authenticated`: said to let guests in before; no identity passes (signed-in ones list their provider too)',
    expected: [FEDERATION],
    mentions: ['no identity', 'ForAnyValue:StringLike'],
    notMentions: ['unauthenticated identities may'],
  },
  {
    file: 'trust/cognito-for-all-values-unauthenticated.json',
    behaviour:
      'Cognito `ForAllValues:StringLike` `amr` `unauthenticated`: said to lack an `amr` condition before; guests only',
    expected: [FEDERATION],
    mentions: ['guest'],
    notMentions: ['without a'],
  },
  {
    file: 'trust/roles-anywhere-common-name-if-exists.json',
    behaviour:
      'IAM Roles Anywhere naming the certificate only under `StringEqualsIfExists`: said to have no such condition before; now what it lets through',
    expected: [FEDERATION],
    mentions: ['StringEqualsIfExists', 'without that attribute'],
  },
  {
    file: 'trust/cognito-any-value-suffix-pattern.json',
    behaviour: 'Cognito `amr` `*authenticated` under `StringLike`, which matches `unauthenticated`: no finding before',
    expected: [FEDERATION],
    mentions: ['guest'],
  },
  {
    file: 'trust/lambda-source-account-if-exists.json',
    behaviour:
      'a Lambda service role with `StringEqualsIfExists` `aws:SourceAccount` of an unknown account: it still serves that account; no finding before',
    expected: [`trust-policy/untrusted-account ${S0}`],
    mentions: ['999988887777'],
  },
];

describeLintFolders(
  'iamgate lint on trust policies: federations not surveyed before, IfExists, Buildkite, Cognito amr',
  {
    dir: 'integ/lint-realworld/trust-6',
    config: 'integ/lint-realworld/lint-realworld.config.json',
    types: ['trust'],
    rows: ROWS,
  },
);
