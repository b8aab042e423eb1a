import { defineRule } from '../rule';
import { githubTrust } from '../trust/oidc-examples';
import { ownerOf } from '../describe';
import { oidcTrusts, reportedAsMissingSubject } from '../trust/oidc-statements';

const buildkite = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com' },
      Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      Condition: condition,
    },
  ],
});
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F1B6A0C9D8E7F6A5B';
const eks = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ],
});

/** A CI provider's OIDC trust whose subject condition admits code outside the intended project or review. */
export default defineRule({
  meta: {
    id: 'trust-policy/oidc-broad-subject',
    description:
      'A trust policy lets a CI or infrastructure-as-code service (GitHub Actions, GitLab, CircleCI, Bitbucket, Buildkite, Azure DevOps, HCP Terraform in the US or Europe, Spacelift, Pulumi, env zero, Codefresh, Scalr, Vercel, Fly.io; a self-hosted GitLab, GitHub Enterprise Server or Terraform Enterprise known by its subjects) or a Kubernetes cluster (IAM roles for service accounts) assume the role with a subject condition that admits other repositories, projects, pipelines, stacks or organizations, pull requests, any branch, the service accounts of every namespace, or tokens without the claim.',
    rationale:
      "With `StringLike`, `*` spans `/` and `:`: `repo:my-org/*` admits every repository of the organization, `repo:my-org/app:*` admits `pull_request` runs of unreviewed code, and `system:serviceaccount:*:*` admits any pod of any namespace of the cluster. The claims AWS offers beside `sub` are read the same way: `repository_id` alone, or `job_workflow_ref` at `@*`, admits the pull request runs of the repository unless `ref` or `environment` pins what runs. A reusable workflow's `job_workflow_ref` names its own repository, the caller's is `repository`, and the caller's workflow file names the ref: beside a `repository` or `repository_owner` key naming another repository, any run of the caller, a pull request from one of its branches included, calls the workflow at any branch, tag or commit (an unmerged branch, a commit pushed to a fork) unless `ref` or `environment` pins the caller's runs (then a ref that can move, said under the strict preset). A reusable workflow pinned by `job_workflow_ref` (as a key or in a custom subject) while nothing pins its caller (`repo:` or `repository` in the subject, or the `repository`, `repository_id`, `repository_owner` or `repository_owner_id` key) admits any repository that can call it, every repository on GitHub when the workflow's repository is public, and such a workflow usually deploys the caller's code: a warning even at a commit. GitLab's `namespace_id` or `namespace_path` key without `sub` or a project key admits any project of that group or user, as GitHub's `repository_owner` admits every repository of the owner. In GitHub's immutable subjects (`repo:my-org@<id>/app@<id>:...`) an id pins the owner or repository whatever the name around it. A Buildkite pull request build is a build of its branch (`ref:refs/heads/<branch>`, a fork's too), so a subject open to every branch of a pipeline admits them; Buildkite's documented session tags (`aws:RequestTag/pipeline_slug`, `aws:RequestTag/build_branch`), which a web identity request can only take from the signed token, pin what the subject leaves open. Buildkite, HCP Terraform, Codefresh, Scalr, Pulumi and env zero issue every customer's tokens from one issuer: a wildcard before the organization or account admits other customers. `sub` is in every token STS accepts, so `StringLikeIfExists` on it reads as `StringLike`; on any other claim `...IfExists` pins nothing. `ForAllValues` is true for a token without the claim. Clauses on the same claim must all hold: beside a `StringEquals` subject, a `StringLike` wildcard leaves only the exact subjects it matches (`StringEqualsIgnoreCase` in any case), and when it matches none no token passes; beside another wildcard clause, only the subjects both admit are graded (`repo:my-org/app:*` with `repo:my-org/*:ref:refs/heads/main` admits the main branch of `app`), and when they have none in common no token passes. Pin the subject to one repository (project, workspace) and one protected branch or environment, or to one namespace and service account, with `StringEquals`.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      broadSubject: '{{owner}} trusts `{{host}}` tokens: {{detail}}',
      anyCaller: '{{owner}} trusts `{{host}}` tokens: {{detail}}',
    },
    // A reusable workflow pinned without its caller: who can call it depends on the workflow
    // repository's visibility and access settings, which a trust policy does not show.
    messageSeverity: { anyCaller: 'warning' },
  },
  examples: {
    valid: [
      {
        name: 'one reusable workflow at a commit, called only by the repositories of its owner (`repository_owner`)',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:repository_owner': 'acme',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
          },
        }),
      },
      {
        name: 'one repository and its main branch',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main',
          },
        }),
      },
      {
        name: 'a production environment of one repository',
        type: 'trust',
        document: githubTrust({
          StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:environment:production' },
        }),
      },
      {
        name: 'a repository wildcard beside a main-branch clause for the owner: both must hold, no pull request passes (a residual risk: `trust-policy/oidc-weak-subject`)',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:*' },
          'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:acme/*:ref:refs/heads/main' },
        }),
      },
      {
        name: 'every service account of one namespace, as AWS documents (a residual risk: `trust-policy/oidc-weak-subject`)',
        type: 'trust',
        document: eks({
          StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:payments:*' },
        }),
      },
      {
        name: 'an EKS service account pinned by StringEquals beside a namespace wildcard',
        type: 'trust',
        document: eks({
          StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' },
          StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:payments:*' },
        }),
      },
      {
        name: 'pull requests pinned by StringEquals beside a wildcard of another owner: no token is admitted by both',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:other/*' },
          StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:pull_request' },
        }),
      },
      {
        name: 'an EKS service account pinned by StringEquals beside a wildcard of every namespace (both must hold: iam-assumable-role-with-oidc given fully qualified and wildcard subjects)',
        type: 'trust',
        document: eks({
          StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:payments:api' },
          StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:*:*', [`${EKS}:aud`]: 'sts.amazonaws.com' },
        }),
      },
      {
        name: "GitHub's immutable subject: a wildcard for the name of a repository its id pins",
        type: 'trust',
        document: githubTrust({
          StringLike: {
            'token.actions.githubusercontent.com:sub': 'repo:acme@5120483/*@90211734:environment:production',
          },
        }),
      },
      {
        name: 'the repository and its main branch by the claim keys AWS offers beside `sub`',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:repository_id': '90211734',
            'token.actions.githubusercontent.com:ref': 'refs/heads/main',
          },
        }),
      },
      {
        name: 'Buildkite as it documents: the organization in the subject, the pipeline and branch in session tags the token carries',
        type: 'trust',
        document: buildkite({
          StringLike: { 'agent.buildkite.com:sub': 'organization:acme:*' },
          StringEquals: {
            'agent.buildkite.com:aud': 'sts.amazonaws.com',
            'aws:RequestTag/organization_id': '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
            'aws:RequestTag/pipeline_slug': 'deploy',
            'aws:RequestTag/build_branch': 'main',
          },
        }),
      },
      {
        name: '`StringLikeIfExists` on `sub`, which every token carries, pins as `StringLike` does',
        type: 'trust',
        document: githubTrust({
          StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main' },
        }),
      },
      {
        name: 'any branch of one GitLab project, as any branch of one GitHub repository (a residual risk: `trust-policy/oidc-weak-subject`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'gitlab.com:project_id': '4242' },
                StringLike: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:*' },
              },
            },
          ],
        },
      },
      {
        name: 'a GitLab group pattern in the subject beside the `project_id` key, which pins one project',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'gitlab.com:project_id': '4242' },
                StringLike: { 'gitlab.com:sub': 'project_path:acme/*:ref_type:branch:ref:main' },
              },
            },
          ],
        },
      },
      {
        name: 'StringEquals compares a star literally',
        type: 'trust',
        document: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } }),
      },
    ],
    invalid: [
      {
        name: 'pull requests pinned by StringEquals beside an organization wildcard: what both admit is still graded',
        type: 'trust',
        document: githubTrust({
          StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:pull_request' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
        }),
        errors: [{ messageId: 'broadSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'pull requests pinned by StringEqualsIgnoreCase in capitals beside an organization wildcard: the lowercase token passes both',
        type: 'trust',
        document: githubTrust({
          StringEqualsIgnoreCase: { 'token.actions.githubusercontent.com:sub': 'REPO:ACME/API:PULL_REQUEST' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
        }),
        errors: [{ messageId: 'broadSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'every repository of the organization',
        type: 'trust',
        document: githubTrust({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } }),
        errors: [{ messageId: 'broadSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'a repository-wide wildcard that admits pull requests',
        type: 'trust',
        document: githubTrust({
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:*' },
        }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'only the repository by its id: its `pull_request` runs carry that id too',
        type: 'trust',
        document: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:repository_id': '90211734' } }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'every repository of an owner, by the `repository_owner` key, at its main branch',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:repository_owner': 'acme',
            'token.actions.githubusercontent.com:ref': 'refs/heads/main',
          },
        }),
        errors: [{ messageId: 'broadSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'one reusable workflow at a commit, its caller not pinned: any repository that can call it (a warning)',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
          },
        }),
        errors: [{ messageId: 'anyCaller', pointer: '/Statement/0' }],
      },
      {
        name: 'a workflow file at any ref: as a pull request changed it',
        type: 'trust',
        document: githubTrust({
          StringEquals: { 'token.actions.githubusercontent.com:repository_id': '90211734' },
          StringLike: {
            'token.actions.githubusercontent.com:job_workflow_ref': 'acme/api/.github/workflows/deploy.yml@*',
          },
        }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'a loose value next to a tight one',
        type: 'trust',
        document: githubTrust({
          StringLike: {
            'token.actions.githubusercontent.com:sub': ['repo:acme/api:ref:refs/heads/main', 'repo:acme/*'],
          },
        }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'GitLab pinned only by the `namespace_id` key: any project of that namespace, new ones included',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:namespace_id': '1234567' },
              },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'every project of a GitLab group, new ones included',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringLike: { 'gitlab.com:sub': 'project_path:acme/*:ref_type:branch:ref:main' } },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'a pipeline of that name in any Buildkite organization (they all share one issuer)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' },
                StringLike: { 'agent.buildkite.com:sub': 'organization:*:pipeline:deploy:*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'every branch of one Buildkite pipeline: its pull request builds too',
        type: 'trust',
        document: buildkite({
          StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'agent.buildkite.com:sub': 'organization:acme:pipeline:deploy:*' },
        }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'a Codefresh subject of any account (every account shares `oidc.codefresh.io`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.codefresh.io' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'oidc.codefresh.io:aud': 'https://g.codefresh.io' },
                StringLike: { 'oidc.codefresh.io:sub': 'account:*:pipeline:64f0a1b2c3d4e5f6a7b8c9d1:*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'every project of a group on a self-hosted GitLab, known by its subject format',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/git.example.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'git.example.com:aud': 'https://git.example.com' },
                StringLike: { 'git.example.com:sub': 'project_path:platform/*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'the service accounts of every namespace of an EKS cluster',
        type: 'trust',
        document: eks({
          StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:*:*' },
        }),
        errors: [{ messageId: 'broadSubject' }],
      },
      {
        name: 'ForAllValues on the subject of an EKS cluster issuer',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                'ForAllValues:StringEquals': {
                  'oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF:sub': 'system:serviceaccount:app:api',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'broadSubject' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    const owner = ownerOf(subject);
    for (const trust of oidcTrusts(subject)) {
      // Of a CI provider whose subjects are graded: one known only after deploy cannot be.
      if (trust.provider !== undefined && trust.unknownSubjects.length > 0 && trust.concerns.length === 0)
        context.reportUnverifiable({
          reason: `whether the \`sub\` condition on \`${trust.host}\` tokens admits only the intended repositories and refs cannot be told before deploy`,
          statement: trust.statement,
          values: trust.unknownSubjects,
        });
      for (const concern of trust.concerns) {
        if (concern.grade !== 'dangerous' || reportedAsMissingSubject(trust, concern)) continue;
        context.report({
          messageId: concern.pattern === 'any-caller' ? 'anyCaller' : 'broadSubject',
          data: { owner, host: trust.host, detail: concern.detail },
          statement: trust.statement,
          key: `${trust.host} ${concern.pattern} ${concern.value ?? ''}`,
          evidence: {
            provider: trust.provider,
            pattern: concern.pattern,
            ...(concern.value ? { subject: concern.value } : {}),
          },
        });
      }
    }
  },
});
