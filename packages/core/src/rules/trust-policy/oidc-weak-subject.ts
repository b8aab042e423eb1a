import { defineRule } from '../rule';
import { githubTrust } from '../trust/oidc-examples';
import { ownerOf } from '../describe';
import { oidcTrusts, reportedAsMissingSubject } from '../trust/oidc-statements';

const gitlab = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ],
});

/** A CI provider's OIDC trust pinned by something mutable or repository-wide. */
export default defineRule({
  meta: {
    id: 'trust-policy/oidc-weak-subject',
    description:
      'A trust policy pins a CI provider token by a mutable name (a project path, a branch or tag, a workflow at a branch, a name pattern where the immutable subject of GitHub has an id) or only by project, admits pull requests only through a reusable workflow pinned at a commit, or admits every service account of a Kubernetes namespace, leaving a residual way in.',
    rationale:
      'Project paths and workspace names can be reused after a rename or delete, branch and tag names can be created by anyone who can push, a project-only pin (the `project-id` of CircleCI, the `project_id` of GitLab without `sub`) admits every branch and user, a reusable workflow at a commit fixes the code that gets the role but runs it with the inputs of an unreviewed pull request and on whatever of it the workflow checks out, and `system:serviceaccount:<namespace>:*` admits every workload of the namespace and whoever may create a service account or pod in it. Add the immutable id claims the provider offers (`project_id`, `repository_id`, a workflow at a commit SHA) and require a protected ref or environment; name the service account.',
    defaultSeverity: 'warning',
    recommended: false,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      weakSubject: '{{owner}} trusts `{{host}}` tokens: {{detail}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'a GitLab project pinned by id and path',
        type: 'trust',
        document: gitlab({
          StringEquals: {
            'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main',
            'gitlab.com:project_id': '4242',
          },
        }),
      },
      {
        name: 'a reusable GitHub workflow at a commit, called by one repository',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:repository': 'acme/api',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
          },
        }),
      },
      {
        name: 'a reusable GitHub workflow at main, called by one repository in one environment (keys of their own)',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:repository': 'acme/api',
            'token.actions.githubusercontent.com:environment': 'production',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/deploy.yml@refs/heads/main',
          },
        }),
      },
    ],
    invalid: [
      {
        name: 'a GitLab project named only by its path',
        type: 'trust',
        document: gitlab({ StringEquals: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' } }),
        errors: [{ messageId: 'weakSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'every branch of one GitHub repository',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/*' },
        }),
        errors: [{ messageId: 'weakSubject' }],
      },
      {
        name: "GitHub's immutable subject with wildcards for the ids: the names alone, as before ids",
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme@*/api@*:ref:refs/heads/main' },
        }),
        errors: [{ messageId: 'weakSubject' }],
      },
      {
        name: 'every branch of a GitLab project, protected or not: what anyone who can push creates, as on GitHub',
        type: 'trust',
        document: gitlab({
          StringEquals: { 'gitlab.com:project_id': '4242' },
          StringLike: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:*' },
        }),
        errors: [{ messageId: 'weakSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'a GitLab ref named `main` of any ref type: a tag named `main` matches too',
        type: 'trust',
        document: gitlab({
          StringEquals: { 'gitlab.com:project_id': '4242' },
          StringLike: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:*:ref:main' },
        }),
        errors: [{ messageId: 'weakSubject' }],
      },
      {
        name: 'the pull requests of one GitHub repository, only in a reusable workflow pinned at a commit',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:sub': 'repo:acme/api:pull_request',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567',
          },
        }),
        errors: [{ messageId: 'weakSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'a GitLab project pinned by the `project_id` key, nothing else: any of its branches or tags',
        type: 'trust',
        document: gitlab({ StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:project_id': '4242' } }),
        errors: [{ messageId: 'weakSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'every branch of a GitLab project that GitLab protects',
        type: 'trust',
        document: gitlab({
          StringEquals: { 'gitlab.com:project_id': '4242', 'gitlab.com:ref_protected': 'true' },
          StringLike: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:*' },
        }),
        errors: [{ messageId: 'weakSubject' }],
      },
      {
        name: 'every service account of one namespace of an EKS cluster',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F1B6A0C9D8E7F6A5B',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F1B6A0C9D8E7F6A5B:aud': 'sts.amazonaws.com',
                },
                StringLike: {
                  'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F1B6A0C9D8E7F6A5B:sub':
                    'system:serviceaccount:payments:*',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'weakSubject' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    const owner = ownerOf(subject);
    for (const trust of oidcTrusts(subject)) {
      // A dangerous concern is reported by oidc-broad-subject; the residual ones add nothing then.
      if (trust.concerns.some((c) => c.grade === 'dangerous')) continue;
      for (const concern of trust.concerns) {
        if (reportedAsMissingSubject(trust, concern)) continue;
        context.report({
          messageId: 'weakSubject',
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
