/** Grading of CI-provider OIDC conditions: how each operator and subject format is read. */
import fc from 'fast-check';
import { parsePolicy } from '../../src/model/parse';
import {
  ciProviderBySubject,
  ciProviderOf,
  claimOfLostKey,
  gradeOidc,
  oidcConditions,
  worstGrade,
} from '../../src/rules/trust/oidc';
import type { OidcGrade } from '../../src/rules/trust/oidc';

function concernsOf(host: string, condition: unknown): ReturnType<typeof gradeOidc> {
  const parsed = parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: host },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition,
        },
      ],
    },
    { type: 'trust' },
  );
  if (!parsed.ok) throw new Error('example does not parse');
  const statement = parsed.value.statements[0]!;
  const provider = ciProviderOf(host);
  if (provider === undefined) throw new Error(`unknown provider ${host}`);
  return gradeOidc(provider, oidcConditions(statement, host));
}

function grade(host: string, condition: unknown): OidcGrade {
  return worstGrade(concernsOf(host, condition));
}

const GH = 'token.actions.githubusercontent.com';
const BK = 'agent.buildkite.com';
const SL = 'acme.app.spacelift.io';
const PU = 'api.pulumi.com/oidc';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F1B6A0C9D8E7F6A5B';
const ADO = 'vstoken.dev.azure.com/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9';
const cases: readonly [string, string, unknown, OidcGrade][] = [
  ['exact branch', GH, { StringEquals: { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/main' } }, 'safe'],
  [
    'a pull_request subject beside a wildcard of another owner: both must hold, so no token passes',
    GH,
    { StringEquals: { [`${GH}:sub`]: 'repo:acme/api:pull_request' }, StringLike: { [`${GH}:sub`]: 'repo:other/*' } },
    'safe',
  ],
  [
    'the same clauses written the other way round: no token passes either',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:other/*' }, StringEquals: { [`${GH}:sub`]: 'repo:acme/api:pull_request' } },
    'safe',
  ],
  [
    'two different exact subjects, the pull_request one first: no token is both',
    GH,
    {
      StringEquals: { [`${GH}:sub`]: 'repo:acme/api:pull_request' },
      StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
    },
    'safe',
  ],
  [
    'two different exact subjects, the branch first: no token is both',
    GH,
    {
      StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
      StringEquals: { [`${GH}:sub`]: 'repo:acme/api:pull_request' },
    },
    'safe',
  ],
  [
    'StringEqualsIgnoreCase admits the pull_request token in any case',
    GH,
    { StringEqualsIgnoreCase: { [`${GH}:sub`]: 'REPO:ACME/API:PULL_REQUEST' } },
    'dangerous',
  ],
  [
    'StringEqualsIgnoreCase beside an owner wildcard: the lowercase pull_request token passes both',
    GH,
    {
      StringEqualsIgnoreCase: { [`${GH}:sub`]: 'REPO:ACME/API:PULL_REQUEST' },
      StringLike: { [`${GH}:sub`]: 'repo:acme/*' },
    },
    'dangerous',
  ],
  [
    // no pull request passes both; what is left is `repo:acme/api:ref:refs/heads/main` and, as a
    // residual, `repo:acme/api:*:ref:refs/heads/main` (a context whose name ends that way)
    'a repository wildcard beside an owner-wide main branch: no pull request of any repository passes both',
    GH,
    {
      StringLike: { [`${GH}:sub`]: 'repo:acme/api:*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: 'repo:acme/*:ref:refs/heads/main' },
    },
    'caution',
  ],
  [
    'an owner wildcard beside a pull_request wildcard: pull requests of every repository pass both',
    GH,
    {
      StringLike: { [`${GH}:sub`]: 'repo:acme/*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: '*:pull_request' },
    },
    'dangerous',
  ],
  [
    'two wildcard clauses no subject satisfies together admit no token',
    GH,
    {
      StringLike: { [`${GH}:sub`]: 'repo:acme/api:*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: 'repo:other/*' },
    },
    'safe',
  ],
  [
    'a literal star under StringEquals matches nothing broader',
    GH,
    { StringEquals: { [`${GH}:sub`]: 'repo:o/*' } },
    'safe',
  ],
  ['org-wide StringLike', GH, { StringLike: { [`${GH}:sub`]: 'repo:o/*' } }, 'dangerous'],
  ['repo-wide suffix admits pull_request', GH, { StringLike: { [`${GH}:sub`]: 'repo:o/r:*' } }, 'dangerous'],
  ['exact pull_request subject', GH, { StringEquals: { [`${GH}:sub`]: 'repo:o/r:pull_request' } }, 'dangerous'],
  ['any branch', GH, { StringLike: { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/*' } }, 'caution'],
  [
    'ForAllValues on the subject',
    GH,
    { 'ForAllValues:StringEquals': { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/main' } },
    'dangerous',
  ],
  [
    'ForAllValues on the audience and issuer STS checks first (the terraform-aws-iam GitHub OIDC role)',
    GH,
    {
      'ForAllValues:StringEquals': { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:iss`]: `https://${GH}` },
      StringEquals: { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/main' },
    },
    'safe',
  ],
  [
    'repository id alone admits its pull_request runs, as `repo:o/r:*` does',
    GH,
    { StringEquals: { [`${GH}:repository_id`]: '42' } },
    'dangerous',
  ],
  [
    'repository id and the ref key on main',
    GH,
    { StringEquals: { [`${GH}:repository_id`]: '42', [`${GH}:ref`]: 'refs/heads/main' } },
    'safe',
  ],
  [
    'repository id and the environment key',
    GH,
    { StringEquals: { [`${GH}:repository_id`]: '42', [`${GH}:environment`]: 'production' } },
    'safe',
  ],
  [
    'repository id and every branch by the ref key',
    GH,
    { StringEquals: { [`${GH}:repository_id`]: '42' }, StringLike: { [`${GH}:ref`]: 'refs/heads/*' } },
    'caution',
  ],
  [
    'repository key by pattern: every repository of the owner',
    GH,
    { StringLike: { [`${GH}:repository`]: 'o/*' } },
    'dangerous',
  ],
  ['enterprise id alone', GH, { StringEquals: { [`${GH}:enterprise_id`]: '7' } }, 'dangerous'],
  [
    'a subject for any ref beside the ref key on main: pull requests carry another ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o/r:*' }, StringEquals: { [`${GH}:ref`]: 'refs/heads/main' } },
    'safe',
  ],
  [
    'a reusable workflow at any ref admits it as a pull request changed it',
    GH,
    { StringLike: { [`${GH}:job_workflow_ref`]: 'o/r/.github/workflows/deploy.yml@*' } },
    'dangerous',
  ],
  [
    'every workflow file of a repository',
    GH,
    { StringLike: { [`${GH}:job_workflow_ref`]: 'o/r/.github/workflows/*' } },
    'dangerous',
  ],
  [
    'a reusable workflow at release tags, its caller not pinned: any repository that can call it',
    GH,
    { StringLike: { [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@refs/tags/v*' } },
    'dangerous',
  ],
  [
    'a reusable workflow at main alone: any caller of it (a residual risk until round 33)',
    GH,
    { StringEquals: { [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@refs/heads/main' } },
    'dangerous',
  ],
  [
    'a reusable workflow at a commit alone: any repository that can call it (no finding until round 33)',
    GH,
    {
      StringEquals: {
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
      },
    },
    'dangerous',
  ],
  ...(['repository', 'repository_id', 'repository_owner', 'repository_owner_id'] as const).map(
    (key): [string, string, unknown, OidcGrade] => [
      `a reusable workflow at a commit, its caller pinned by the \`${key}\` key`,
      GH,
      {
        StringEquals: {
          [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
          [`${GH}:${key}`]: key.endsWith('_id') ? '42' : key === 'repository' ? 'o/api' : 'o',
        },
      },
      'safe',
    ],
  ),
  [
    'a reusable workflow at a commit, the caller owner by a pattern: every owner that matches',
    GH,
    {
      StringEquals: {
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
      },
      StringLike: { [`${GH}:repository_owner`]: 'o*' },
    },
    'dangerous',
  ],
  [
    'a reusable workflow at a commit beside a subject naming the caller',
    GH,
    {
      StringEquals: {
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
        [`${GH}:sub`]: 'repo:o/api:environment:production',
      },
    },
    'safe',
  ],
  [
    'custom subject: a reusable workflow at a commit alone: any repository that can call it',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
      },
    },
    'dangerous',
  ],
  [
    'custom subject: the caller owner, then a reusable workflow at a commit',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]:
          'repository_owner:o:job_workflow_ref:o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
      },
    },
    'safe',
  ],
  [
    'custom subject: a reusable workflow at a commit, the caller owner by the key',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
        [`${GH}:repository_owner_id`]: '42',
      },
    },
    'safe',
  ],
  [
    'a reusable workflow at main called by one repository in one environment, all by keys: as the subject of that environment',
    GH,
    {
      StringEquals: {
        [`${GH}:repository`]: 'o/r',
        [`${GH}:environment`]: 'production',
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@refs/heads/main',
      },
    },
    'safe',
  ],
  [
    'a reusable workflow at main called by one repository id at its main branch, all by keys',
    GH,
    {
      StringEquals: {
        [`${GH}:repository_id`]: '42',
        [`${GH}:ref`]: 'refs/heads/main',
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@refs/heads/main',
      },
    },
    'safe',
  ],
  [
    'a reusable workflow at main called by one repository in any environment: still a ref that moves',
    GH,
    {
      StringEquals: {
        [`${GH}:repository`]: 'o/r',
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/deploy.yml@refs/heads/main',
      },
      StringLike: { [`${GH}:ref`]: 'refs/heads/*' },
    },
    'caution',
  ],
  [
    'pull requests of one repository, only in a reusable workflow the key pins at a commit: the code is fixed (a residual risk)',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'repo:o/r:pull_request',
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567',
      },
    },
    'caution',
  ],
  [
    'pull requests of one repository beside a reusable workflow the key pins at a branch: as a pull request chose it',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'repo:o/r:pull_request',
        [`${GH}:job_workflow_ref`]: 'o/w/.github/workflows/plan.yml@refs/heads/main',
      },
    },
    'dangerous',
  ],
  [
    'custom subject: pull requests of one repository in a reusable workflow at a commit (a residual risk, was no finding)',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]:
          'repo:o/r:pull_request:job_workflow_ref:o/w/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567',
      },
    },
    'caution',
  ],
  [
    'custom subject, the workflow at a commit first, then the caller and its pull_request event',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]:
          'job_workflow_ref:o/w/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567:repository:o/r:event_name:pull_request',
      },
    },
    'caution',
  ],
  [
    'custom subject: one environment of one repository in a reusable workflow at a commit',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]:
          'repo:o/r:environment:prod:job_workflow_ref:o/w/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567',
      },
    },
    'safe',
  ],
  [
    'a subject open to every repository beside the repository_id key: that repository',
    GH,
    {
      StringEquals: { [`${GH}:repository_id`]: '42' },
      StringLike: { [`${GH}:sub`]: 'repo:o/*:ref:refs/heads/main' },
    },
    'safe',
  ],
  [
    'a subject open to any owner and ref beside the repository_id key: its pull requests',
    GH,
    { StringEquals: { [`${GH}:repository_id`]: '42' }, StringLike: { [`${GH}:sub`]: 'repo:*' } },
    'dangerous',
  ],
  // custom subjects (GitHub's subject claim customization)
  [
    'custom subject: one repository by id, one environment',
    GH,
    { StringEquals: { [`${GH}:sub`]: 'repository_owner_id:1234:repository_id:5678:environment:prod' } },
    'safe',
  ],
  [
    'custom subject: every repository of an owner id',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repository_owner_id:1234:*' } },
    'dangerous',
  ],
  [
    'custom subject: one repository by id, any context',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repository_owner_id:1234:repository_id:5678:*' } },
    'dangerous',
  ],
  [
    'custom subject: one repository by id, environments by pattern',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repository_id:5678:environment:prod-*' } },
    'caution',
  ],
  [
    'custom subject: an environment and a reusable workflow at a branch',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'repo:o/r:environment:prod:job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/heads/main',
      },
    },
    'safe',
  ],
  [
    'custom subject: an environment and a reusable workflow at any ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o/r:environment:prod:job_workflow_ref:o/w/.github/workflows/deploy.yml@*' } },
    'caution',
  ],
  // A custom subject naming the reusable workflow and no repository is graded as the
  // `job_workflow_ref` key alone: at a commit the code that runs is fixed, a branch or tag can move.
  [
    'custom subject: a reusable workflow at a commit, then the caller id: the commit is read from the workflow part',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: `job_workflow_ref:o/w/.github/workflows/deploy.yml@${'a'.repeat(40)}:repository_id:42`,
      },
    },
    'safe',
  ],
  [
    'custom subject: a reusable workflow at a branch, then the caller id',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/heads/main:repository_id:42',
      },
    },
    'caution',
  ],
  [
    'custom subject: an environment, then a reusable workflow at a commit',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: `environment:prod:job_workflow_ref:o/w/.github/workflows/deploy.yml@${'a'.repeat(40)}`,
      },
    },
    // An environment of that name in any repository that calls the workflow.
    'dangerous',
  ],
  [
    'custom subject: an environment, then a reusable workflow at a branch',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'environment:prod:job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/heads/main',
      },
    },
    'dangerous',
  ],
  [
    'custom subject: an owner id, then a reusable workflow at a release tag',
    GH,
    {
      StringEquals: {
        [`${GH}:sub`]: 'repository_owner_id:123:job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/tags/v1',
      },
    },
    'caution',
  ],
  // Its workflow at any ref is also the workflow as a pull request changed it, as `repo:o/r:*` is.
  [
    'custom subject: a workflow at any ref admits its pull request runs',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*' } },
    'dangerous',
  ],
  [
    'custom subject: every workflow of one repository at any ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/*' } },
    'dangerous',
  ],
  [
    'custom subject: the workflows of every repository of the owner',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/*' } },
    'dangerous',
  ],
  [
    'custom subject: a workflow at every branch, no pull request ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/heads/*' } },
    'dangerous',
  ],
  [
    'custom subject: a workflow at any ref, the `ref` key on one branch',
    GH,
    {
      StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*' },
      StringEquals: { [`${GH}:ref`]: 'refs/heads/main' },
    },
    // The main branch of any repository that calls the workflow.
    'dangerous',
  ],
  // The id may be the workflow's own repository, whose pull requests run it at their ref.
  [
    'custom subject: a workflow at any ref, then the caller id: its pull request runs',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*:repository_id:42' } },
    'dangerous',
  ],
  // A pull request run of the workflow's own repository: `ref:refs/pull/<n>/merge`,
  // `repository:<its repository>`, `event_name:pull_request`, in whatever order the subject names them.
  ...(
    [
      ['any ref', ':ref:*'],
      ['every ref under refs/', ':ref:refs/*'],
      ['any caller', ':repository:*'],
      ['the workflow repository as the caller', ':repository:o/w'],
    ] as const
  ).map(([what, after]): [string, string, unknown, OidcGrade] => [
    `custom subject: a workflow at any ref, then ${what}: its pull request runs`,
    GH,
    { StringLike: { [`${GH}:sub`]: `job_workflow_ref:o/w/.github/workflows/deploy.yml@*${after}` } },
    'dangerous',
  ]),
  [
    'custom subject: the caller first, then a workflow at any ref: its pull request runs',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repository:o/w:job_workflow_ref:o/w/.github/workflows/deploy.yml@*' } },
    'dangerous',
  ],
  [
    'custom subject: repo first, then a workflow at any ref: its pull request runs',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o/w:job_workflow_ref:o/w/.github/workflows/deploy.yml@*' } },
    'dangerous',
  ],
  // The caller's pull request runs name the workflow's ref: an unmerged branch, a fork's commit.
  [
    'custom subject: a workflow at any ref called from another repository: its pull requests choose the ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*:repository:o/r' } },
    'dangerous',
  ],
  [
    'custom subject: another repository first, then a workflow at any ref: its pull requests choose the ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o/r:job_workflow_ref:o/w/.github/workflows/deploy.yml@*' } },
    'dangerous',
  ],
  [
    'custom subject: a workflow at any ref called from another repository on one branch',
    GH,
    {
      StringLike: {
        [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*:repository:o/r:ref:refs/heads/main',
      },
    },
    'caution',
  ],
  [
    'custom subject: a workflow at any ref on push events: a pull request run never matches',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*:event_name:push' } },
    // Yet a push of any repository that calls the workflow does.
    'dangerous',
  ],
  [
    'custom subject: a workflow at any ref on one branch',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:o/w/.github/workflows/deploy.yml@*:ref:refs/heads/main' } },
    'dangerous',
  ],
  [
    'custom subject: a workflow name holding `$&` is read as written',
    GH,
    { StringLike: { [`${GH}:sub`]: 'job_workflow_ref:$&/x@*' } },
    'dangerous',
  ],
  [
    'a subject without a repository and without a wildcard matches no token',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:acme' } },
    'safe',
  ],
  // GitHub's immutable subject format: `repo:<owner>@<owner id>/<repository>@<repository id>:...`
  [
    'immutable format: one repository and branch',
    GH,
    { StringEquals: { [`${GH}:sub`]: 'repo:o@123/r@456:ref:refs/heads/main' } },
    'safe',
  ],
  [
    'immutable format: a wildcard for the name of a repository pinned by its id',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o@123/*@456:ref:refs/heads/main' } },
    'safe',
  ],
  [
    'immutable format: a wildcard for the name of an owner pinned by its id',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:*@123/r@456:environment:prod' } },
    'safe',
  ],
  [
    'immutable format: every repository of the owner',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o@123/*' } },
    'dangerous',
  ],
  [
    'immutable format: a repository pinned by id, any ref',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o@123/*@456:*' } },
    'dangerous',
  ],
  [
    'immutable format with wildcards for the ids: the names alone',
    GH,
    { StringLike: { [`${GH}:sub`]: 'repo:o@*/r@*:ref:refs/heads/main' } },
    'caution',
  ],
  ['no subject', GH, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }, 'dangerous'],
  [
    'gitlab project id and branch',
    'gitlab.com',
    { StringEquals: { 'gitlab.com:sub': 'project_id:20:ref_type:branch:ref:main' } },
    'safe',
  ],
  [
    'gitlab path without id',
    'gitlab.com',
    { StringEquals: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:main' } },
    'caution',
  ],
  ['gitlab group wildcard', 'gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:g/*' } }, 'dangerous'],
  [
    'gitlab group wildcard in the subject beside the project_id key: that one project, at main',
    'gitlab.com',
    {
      StringEquals: { 'gitlab.com:project_id': '20' },
      StringLike: { 'gitlab.com:sub': 'project_path:g/*:ref_type:branch:ref:main' },
    },
    'safe',
  ],
  [
    'gitlab group wildcard beside the project_id key, any branch: that project, any branch',
    'gitlab.com',
    {
      StringEquals: { 'gitlab.com:project_id': '20' },
      StringLike: { 'gitlab.com:sub': 'project_path:g/*:ref_type:branch:ref:*' },
    },
    'caution',
  ],
  [
    'gitlab subject `project_path:*` beside the project_id key: every ref of that project',
    'gitlab.com',
    { StringEquals: { 'gitlab.com:project_id': '20' }, StringLike: { 'gitlab.com:sub': 'project_path:*' } },
    'caution',
  ],
  [
    'gitlab group wildcard spanning the ref type beside the project_id key (`g/*:ref:main`)',
    'gitlab.com',
    {
      StringEquals: { 'gitlab.com:project_id': '20' },
      StringLike: { 'gitlab.com:sub': 'project_path:g/*:ref:main' },
    },
    'caution',
  ],
  [
    'gitlab group wildcard beside a project_id pattern: still every project',
    'gitlab.com',
    {
      StringLike: { 'gitlab.com:project_id': '2*', 'gitlab.com:sub': 'project_path:g/*:ref_type:branch:ref:main' },
    },
    'dangerous',
  ],

  [
    'gitlab any branch: what anyone who can push creates, as github any branch (a merge request carries the branch its author pushed)',
    'gitlab.com',
    { StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:*' } },
    'caution',
  ],
  [
    'gitlab any tag, as github any tag',
    'gitlab.com',
    { StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:tag:ref:*' } },
    'caution',
  ],
  [
    'gitlab any ref of one project, as github any branch or tag',
    'gitlab.com',
    { StringLike: { 'gitlab.com:sub': 'project_path:g/p:*' } },
    'caution',
  ],
  [
    'gitlab any ref type for a branch name: a tag of that name too, which anyone who can push creates',
    'gitlab.com',
    { StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:*:ref:main' } },
    'caution',
  ],
  [
    'gitlab branches by a name prefix',
    'gitlab.com',
    { StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:release/*' } },
    'caution',
  ],
  [
    'gitlab any branch that GitLab protects (the ref_protected key)',
    'gitlab.com',
    {
      StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:*' },
      StringEquals: { 'gitlab.com:ref_protected': 'true', 'gitlab.com:project_id': '20' },
    },
    'caution',
  ],
  [
    'terraform run phase wildcard',
    'app.terraform.io',
    { StringLike: { 'app.terraform.io:sub': 'organization:o:project:p:workspace:w:run_phase:*' } },
    'dangerous',
  ],
  [
    'terraform: any project, one workspace (names are unique in an organization), apply only',
    'app.terraform.io',
    { StringLike: { 'app.terraform.io:sub': 'organization:o:project:*:workspace:w:run_phase:apply' } },
    'caution',
  ],
  [
    'terraform: any project, one workspace, both run phases',
    'app.terraform.io',
    { StringLike: { 'app.terraform.io:sub': 'organization:o:project:*:workspace:w:run_phase:*' } },
    'dangerous',
  ],
  [
    'terraform: one project, a workspace name pattern, apply only',
    'app.terraform.io',
    { StringLike: { 'app.terraform.io:sub': 'organization:o:project:p:workspace:w-*:run_phase:apply' } },
    'dangerous',
  ],
  [
    'circleci: every project of the organization, by a wildcard after the organization',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/0a1b2c3d/*' } },
    'dangerous',
  ],
  // The issuer `oidc.circleci.com/org/<id>` signs only subjects starting `org/<id>/`.
  [
    'circleci: a subject of another organization matches no token of the issuer',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/ffff0000/project/*/user/*' } },
    'caution',
  ],
  [
    'circleci: any organization segment, one project: that project of the issuer, every user',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/*/project/9f8e7d6c/user/*' } },
    'caution',
  ],
  [
    'circleci: one project, no user segment, anything after it: that project, every user',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/0a1b2c3d/project/9f8e7d6c/*' } },
    'caution',
  ],
  [
    'circleci: any organization segment, one project, no user segment: that project of the issuer, every user',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/*/project/9f8e7d6c/*' } },
    'caution',
  ],
  [
    'circleci: any organization segment, every project: every project of the issuer',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringLike: { 'oidc.circleci.com/org/0a1b2c3d:sub': 'org/*/project/*/user/*' } },
    'dangerous',
  ],
  [
    'circleci: the project id key',
    'oidc.circleci.com/org/0a1b2c3d',
    { StringEquals: { 'oidc.circleci.com/org/0a1b2c3d:oidc.circleci.com/project-id': '9f8e7d6c' } },
    'caution',
  ],
  // env zero: one issuer, one audience and one subject per organization
  [
    'env zero: one organization',
    'login.app.env0.com/',
    { StringEquals: { 'login.app.env0.com/:sub': 'auth0|5f0c2a7e9b1d' } },
    'safe',
  ],
  [
    'env zero: every organization whose subject matches',
    'login.app.env0.com/',
    { StringLike: { 'login.app.env0.com/:sub': 'auth0|*' } },
    'dangerous',
  ],
  // Buildkite: one issuer for every organization
  [
    'buildkite: one pipeline at main, one step',
    BK,
    {
      StringLike: {
        [`${BK}:sub`]: 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*:step:apply',
      },
    },
    'safe',
  ],
  [
    'buildkite: every branch of one pipeline, and so its pull request builds',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:pipeline:deploy:*' } },
    'dangerous',
  ],
  [
    'buildkite: every branch by its ref pattern, pull request builds included',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:pipeline:deploy:ref:refs/heads/*:commit:*:step:*' } },
    'dangerous',
  ],
  [
    'buildkite: branches by prefix keep pull request builds of other branches out',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:pipeline:deploy:ref:refs/heads/release/*' } },
    'safe',
  ],
  [
    'buildkite: the organization in the subject, pipeline and branch in session tags from the token',
    BK,
    {
      StringLike: { [`${BK}:sub`]: 'organization:acme:*' },
      StringEquals: { 'aws:RequestTag/pipeline_slug': 'deploy', 'aws:RequestTag/build_branch': 'main' },
    },
    'safe',
  ],
  [
    'buildkite: the pipeline in a session tag, any branch',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:*' }, StringEquals: { 'aws:RequestTag/pipeline_id': 'x' } },
    'dangerous',
  ],
  [
    'buildkite: a session tag by pattern pins nothing',
    BK,
    {
      StringLike: { [`${BK}:sub`]: 'organization:acme:*', 'aws:RequestTag/pipeline_slug': 'deploy*' },
      StringEquals: { 'aws:RequestTag/build_branch': 'main' },
    },
    'dangerous',
  ],
  [
    'buildkite: any organization unless a session tag names it',
    BK,
    {
      StringLike: { [`${BK}:sub`]: '*' },
      StringEquals: { 'aws:RequestTag/organization_id': 'o', 'aws:RequestTag/pipeline_slug': 'deploy' },
      StringEqualsIfExists: { 'aws:RequestTag/build_branch': 'main' },
    },
    'dangerous',
  ],
  [
    'buildkite: every pipeline of the organization',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:*' } },
    'dangerous',
  ],
  [
    'buildkite: a pipeline of that name in any organization',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:*:pipeline:deploy:*' } },
    'dangerous',
  ],
  [
    'buildkite: pipelines by name prefix',
    BK,
    { StringLike: { [`${BK}:sub`]: 'organization:acme:pipeline:deploy-*' } },
    'caution',
  ],
  // `sub` is in every token STS accepts: `...IfExists` on it pins as the operator does
  [
    'StringLikeIfExists on the subject reads as StringLike',
    GH,
    { StringLikeIfExists: { [`${GH}:sub`]: 'repo:o/r:*' } },
    'dangerous',
  ],
  [
    'StringEqualsIfExists on the subject pins one branch',
    GH,
    { StringEqualsIfExists: { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/main' } },
    'safe',
  ],
  [
    'IfExists on a claim a token may lack pins nothing',
    GH,
    {
      StringEquals: { [`${GH}:sub`]: 'repo:o/r:pull_request' },
      StringEqualsIfExists: { [`${GH}:ref`]: 'refs/heads/main' },
    },
    'dangerous',
  ],
  // Codefresh and Scalr: one issuer for every account
  [
    'codefresh: any account',
    'oidc.codefresh.io',
    { StringLike: { 'oidc.codefresh.io:sub': 'account:*:pipeline:64f0a1b2c3d4e5f6a7b8c9d1:*' } },
    'dangerous',
  ],
  [
    'codefresh: every pipeline of the account',
    'oidc.codefresh.io',
    { StringLike: { 'oidc.codefresh.io:sub': 'account:64f0a1b2c3d4e5f6a7b8c9d0:*' } },
    'dangerous',
  ],
  [
    'codefresh: every trigger of one pipeline',
    'oidc.codefresh.io',
    { StringLike: { 'oidc.codefresh.io:sub': 'account:64f0a1b2c3d4e5f6a7b8c9d0:pipeline:64f0a1b2c3d4e5f6a7b8c9d1:*' } },
    'safe',
  ],
  ['scalr: any account', 'scalr.io', { StringLike: { 'scalr.io:sub': 'account:*' } }, 'dangerous'],
  [
    'scalr: every workspace of the account',
    'scalr.io',
    { StringLike: { 'scalr.io:sub': 'account:acme:environment:*' } },
    'dangerous',
  ],
  [
    'scalr: one workspace in the apply phase',
    'scalr.io',
    { StringEquals: { 'scalr.io:sub': 'account:acme:environment:prod:workspace:network:run_phase:apply' } },
    'safe',
  ],
  // Vercel and Fly.io: the team's or organization's own issuer
  [
    'vercel: one project in production',
    'oidc.vercel.com/acme',
    { StringEquals: { 'oidc.vercel.com/acme:sub': 'owner:acme:project:web:environment:production' } },
    'safe',
  ],
  [
    'vercel: every environment of one project, preview deployments of every branch included',
    'oidc.vercel.com/acme',
    { StringLike: { 'oidc.vercel.com/acme:sub': 'owner:acme:project:web:*' } },
    'caution',
  ],
  [
    'vercel: every project of the team',
    'oidc.vercel.com',
    { StringLike: { 'oidc.vercel.com:sub': 'owner:acme:project:*' } },
    'dangerous',
  ],
  [
    'fly.io: every machine of one app',
    'oidc.fly.io/acme',
    { StringLike: { 'oidc.fly.io/acme:sub': 'acme:billing:*' } },
    'safe',
  ],
  [
    'fly.io: every app of the organization',
    'oidc.fly.io/acme',
    { StringLike: { 'oidc.fly.io/acme:sub': 'acme:*' } },
    'dangerous',
  ],
  // Spacelift: the account's own issuer
  ['spacelift: every space', SL, { StringLike: { [`${SL}:sub`]: 'space:*' } }, 'dangerous'],
  [
    'spacelift, US instance: every space',
    'acme.app.us.spacelift.io',
    { StringLike: { 'acme.app.us.spacelift.io:sub': 'space:*' } },
    'dangerous',
  ],
  ['spacelift: every stack of one space', SL, { StringLike: { [`${SL}:sub`]: 'space:prod-01H:*' } }, 'caution'],
  ['spacelift: one stack in whichever space', SL, { StringLike: { [`${SL}:sub`]: '*:stack:network:*' } }, 'safe'],
  // Pulumi: one issuer for every organization, the organization in `aud`
  [
    'pulumi: every project of the organization',
    PU,
    { StringLike: { [`${PU}:sub`]: 'pulumi:deploy:org:acme:project:*:stack:*:operation:*:scope:write' } },
    'dangerous',
  ],
  [
    'pulumi: every stack of one project',
    PU,
    { StringLike: { [`${PU}:sub`]: 'pulumi:deploy:org:acme:project:core:*' } },
    'safe',
  ],
  ['pulumi: any organization', PU, { StringLike: { [`${PU}:sub`]: 'pulumi:deploy:org:*' } }, 'dangerous'],
  [
    'pulumi: every environment of one project',
    PU,
    {
      StringEquals: { [`${PU}:aud`]: 'acme' },
      StringLike: { [`${PU}:sub`]: 'pulumi:environments:org:acme:env:core/*' },
    },
    'safe',
  ],
  // Azure DevOps: the organization's own issuer
  [
    'azure devops: one service connection',
    ADO,
    { StringEquals: { [`${ADO}:sub`]: 'sc://acme/infra/aws-prod' } },
    'safe',
  ],
  [
    'azure devops: every connection of a project',
    ADO,
    { StringLike: { [`${ADO}:sub`]: 'sc://acme/infra/*' } },
    'caution',
  ],
  ['azure devops: every project', ADO, { StringLike: { [`${ADO}:sub`]: 'sc://acme/*' } }, 'dangerous'],
  // EKS (IRSA): the namespace is the boundary, as the repository is for GitHub
  ['eks: one service account', EKS, { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:pay:api' } }, 'safe'],
  [
    'eks: every service account of one namespace',
    EKS,
    { StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:pay:*' } },
    'caution',
  ],
  [
    'eks: service accounts of one namespace by a name prefix',
    EKS,
    { StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:pay:api-*' } },
    'caution',
  ],
  [
    'eks: a namespace wildcard beside a StringEquals on one service account pins that account',
    EKS,
    {
      StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:pay:api' },
      StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:pay:*' },
    },
    'safe',
  ],
  [
    'eks: StringEquals compares the star of a namespace pin literally',
    EKS,
    { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:pay:*' } },
    'safe',
  ],
  ['eks: every namespace', EKS, { StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:*:*' } }, 'dangerous'],
];

describe('gradeOidc', () => {
  it.each(cases)('%s', (_name, host, condition, expected) => {
    expect(grade(host, condition)).toBe(expected);
  });
});

describe('what a wildcard in the tenant of a shared issuer admits, in words', () => {
  it.each([
    ['app.terraform.io', 'organization:*:project:*:workspace:*:run_phase:*', 'other HCP Terraform organizations'],
    [BK, 'organization:acme*:pipeline:deploy:*', 'other Buildkite organizations'],
    [PU, 'pulumi:*', 'other Pulumi organizations'],
  ])('%s: %s', (host, sub, words) => {
    expect(concernsOf(host, { StringLike: { [`${host}:sub`]: sub } }).map((c) => c.detail)).toEqual([
      expect.stringContaining(words),
    ]);
  });
});

describe('what a repository wildcard admits, in words', () => {
  const detailOf = (sub: string): string[] =>
    concernsOf(GH, { StringLike: { [`${GH}:sub`]: sub } }).map((c) => c.detail);

  it('a name prefix admits the repositories of that name, not every one of the owner', () => {
    expect(detailOf('repo:acme/payments-*:environment:prod')).toEqual([
      'subject `repo:acme/payments-*:environment:prod` admits every repository of `acme` whose name matches `payments-*`, including new ones',
    ]);
  });

  it('a wildcard for the repository admits every repository of the owner, one in the owner every owner of that name', () => {
    expect(detailOf('repo:acme/*:environment:prod')[0]).toMatch(/admits every repository of the owner,/);
    expect(detailOf('repo:acme-*/app:ref:refs/heads/main')[0]).toMatch(
      /admits the repositories of every owner whose name matches `acme-\*`/,
    );
  });
});

describe('what a wildcard in the ref or environment part of a subject admits, in words', () => {
  const GL = 'gitlab.com';
  const detailOf = (host: string, sub: string, also: Record<string, string> = {}): string =>
    concernsOf(host, { StringEquals: also, StringLike: { [`${host}:sub`]: sub } })
      .map((c) => c.detail)
      .join(' | ');
  const cases: readonly [string, string, string, string, string[]][] = [
    [
      'GitHub, every branch',
      GH,
      'repo:acme/api:ref:refs/heads/*',
      'admits any branch of `acme/api`',
      ['tag', 'environment'],
    ],
    ['GitHub, every ref', GH, 'repo:acme/api:ref:*', 'admits any branch or tag of `acme/api`', ['environment']],
    [
      'GitHub, every ref under refs/',
      GH,
      'repo:acme/api:ref:refs/*',
      'admits any branch or tag of `acme/api`',
      ['environment'],
    ],
    [
      'GitHub, every tag',
      GH,
      'repo:acme/api:ref:refs/tags/*',
      'admits any tag of `acme/api`',
      ['branch', 'environment'],
    ],
    [
      'GitHub, every environment',
      GH,
      'repo:acme/api:environment:*',
      'admits any environment of `acme/api`: a job that names a new environment creates it, without protection rules',
      ['branch', 'tag'],
    ],
    [
      'GitHub, branches by a prefix',
      GH,
      'repo:acme/api:ref:refs/heads/release/*',
      'admits every branch of `acme/api` whose name matches `release/*`, which anyone who can push can create',
      ['tag', 'environment'],
    ],
    [
      'GitHub, release tags',
      GH,
      'repo:acme/api:ref:refs/tags/v*',
      'admits every tag of `acme/api` whose name matches `v*`',
      ['branch', 'environment'],
    ],
    [
      'GitLab, every branch',
      GL,
      'project_path:acme/api:ref_type:branch:ref:*',
      'admits any branch of the project, protected or not',
      ['tag', 'ref type'],
    ],
    [
      'GitLab, every tag',
      GL,
      'project_path:acme/api:ref_type:tag:ref:*',
      'admits any tag of the project, protected or not',
      ['branch', 'ref type'],
    ],
    [
      'GitLab, every ref',
      GL,
      'project_path:acme/api:*',
      'admits any branch or tag of the project, protected or not',
      ['ref type'],
    ],
    [
      'GitLab, branches or tags by a prefix',
      GL,
      'project_path:acme/api:ref_type:*:ref:release/*',
      'admits every branch or tag whose name matches `release/*`',
      ['ref type', 'any branch'],
    ],
    [
      'GitLab, tags by a prefix, the ref type a pattern of tags alone (`t*`)',
      GL,
      'project_path:acme/api:ref_type:t*:ref:v*',
      'admits every tag whose name matches `v*`',
      ['branch'],
    ],
  ];
  it.each(cases)('%s', (_name, host, sub, words, never) => {
    const detail = detailOf(host, sub);
    expect(detail).toContain(words);
    for (const wrong of never) expect(detail).not.toContain(wrong);
  });

  const custom: readonly [string, string, Record<string, string>, string, string[]][] = [
    [
      'every branch, the reusable workflow named after it: the branch part named, not the workflow',
      'repo:acme/api:ref:refs/heads/*:job_workflow_ref:acme/automation/.github/workflows/deploy.yml@refs/heads/main',
      {},
      'admits any branch of `acme/api`: anyone who can push can create a branch',
      ['job_workflow_ref:acme', 'whose name matches'],
    ],
    [
      'the branches `release/*`, the reusable workflow named after them',
      'repo:acme/api:ref:refs/heads/release/*:job_workflow_ref:acme/automation/.github/workflows/deploy.yml@refs/heads/main',
      {},
      'admits every branch of `acme/api` whose name matches `release/*`, which anyone who can push can create',
      ['job_workflow_ref:acme'],
    ],
    [
      'every branch of a repository the subject leaves open and `repository_id` pins',
      'repo:*:ref:refs/heads/*',
      { [`${GH}:repository_id`]: '123456' },
      'admits any branch of the repository',
      ['`*`'],
    ],
    [
      'refs named `main` under any prefix: a branch or tag, never an environment',
      'repo:acme/api:ref:*/main',
      {},
      'admits every branch or tag that matches the wildcard',
      ['environment'],
    ],
  ];
  it.each(custom)('GitHub, %s', (_name, sub, also, words, never) => {
    const detail = detailOf(GH, sub, also);
    expect(detail).toContain(words);
    for (const wrong of never) expect(detail.replace(`subject \`${sub}\``, '')).not.toContain(wrong);
  });

  it('GitLab, every protected branch: branches only, no tags', () => {
    const detail = detailOf(GL, 'project_path:acme/api:ref_type:branch:ref:*', { [`${GL}:ref_protected`]: 'true' });
    expect(detail).toContain('admits any protected branch of the project');
    expect(detail).not.toContain('tag');
  });
});

describe('a GitHub trust pinned only by the owner key, in words', () => {
  it.each(['repository_owner', 'repository_owner_id'])(
    '`%s`: every repository of the owner, not any identity',
    (key) => {
      const detail = concernsOf(GH, {
        StringEquals: {
          [`${GH}:${key}`]: key === 'repository_owner' ? 'acme' : '5120483',
          [`${GH}:ref`]: 'refs/heads/main',
        },
      })
        .map((c) => c.detail)
        .join(' | ');
      expect(detail).toContain('only the owner is pinned');
      expect(detail).toContain('every repository of it, including new ones');
      expect(detail).not.toContain('no condition pins the token subject');
    },
  );
});

describe('a GitLab trust pinned by keys beside `sub` and no subject, graded as GitHub keys are', () => {
  const GITLAB = 'gitlab.com';
  const cases: readonly [string, Record<string, Record<string, string>>, OidcGrade, string, string][] = [
    [
      'the `namespace_id` key alone: any project of the namespace, as the GitHub owner key',
      { StringEquals: { 'gitlab.com:namespace_id': '1234567' } },
      'dangerous',
      'only the namespace is pinned (`1234567`): any project of it, including new ones',
      'no condition pins the token subject',
    ],
    [
      'the `namespace_path` key alone',
      { StringEquals: { 'gitlab.com:namespace_path': 'acme' } },
      'dangerous',
      'only the namespace is pinned (`acme`)',
      'no condition pins the token subject',
    ],
    [
      'a `namespace_path` pattern: the projects of every namespace it matches',
      { StringLike: { 'gitlab.com:namespace_path': 'acme/*' } },
      'dangerous',
      'namespace pattern `acme/*` admits any project of every namespace whose path matches',
      'only the namespace is pinned',
    ],
    [
      'the namespace beside a `project_id` pattern: still any project of the namespace',
      { StringEquals: { 'gitlab.com:namespace_id': '1234567' }, StringLike: { 'gitlab.com:project_id': '4*' } },
      'dangerous',
      'only the namespace is pinned',
      'only the project is pinned',
    ],
    [
      'a `project_path` pattern alone: every project it matches',
      { StringLike: { 'gitlab.com:project_path': 'acme/*' } },
      'dangerous',
      'project pattern `acme/*` admits every project whose id or path matches',
      'no condition pins the token subject',
    ],
    [
      'the namespace and the `project_id` key: one project, any of its refs (a residual risk)',
      { StringEquals: { 'gitlab.com:namespace_id': '1234567', 'gitlab.com:project_id': '4242' } },
      'caution',
      'only the project is pinned (`4242`): any branch or tag of it, protected or not',
      'namespace',
    ],
    [
      'the `project_id` key and `ref_protected`: the protected refs of one project',
      { StringEquals: { 'gitlab.com:project_id': '4242', 'gitlab.com:ref_protected': 'true' } },
      'caution',
      'any protected branch or tag of it',
      'protected or not',
    ],
  ];
  it.each(cases)('%s', (_name, condition, expected, words, wrong) => {
    const concerns = concernsOf(GITLAB, condition);
    const detail = concerns.map((c) => c.detail).join(' | ');
    expect(worstGrade(concerns)).toBe(expected);
    expect(detail).toContain(words);
    expect(detail).not.toContain(wrong);
  });
});

describe('pull requests admitted only in a reusable workflow at a commit, in words', () => {
  it('names the repository and the workflow, and says the code is fixed but its input is not', () => {
    const detail = concernsOf(GH, {
      StringEquals: {
        [`${GH}:sub`]: 'repo:acme/api:pull_request',
        [`${GH}:job_workflow_ref`]:
          'acme/automation/.github/workflows/plan.yml@0123456789abcdef0123456789abcdef01234567',
      },
    })
      .map((c) => c.detail)
      .join(' | ');
    expect(detail).toContain(
      'admits the `pull_request` runs of `acme/api` only in reusable workflow `acme/automation/.github/workflows/plan.yml` at a commit',
    );
    expect(detail).toContain('the code that gets the role is fixed');
    expect(detail).not.toContain('unreviewed code can assume the role');
  });
});

describe('the reusable workflow of a custom subject, in words', () => {
  it('names the workflow part only, not the claims after it', () => {
    const sub = 'job_workflow_ref:o/w/.github/workflows/deploy.yml@refs/heads/main:repository_id:42';
    expect(concernsOf(GH, { StringEquals: { [`${GH}:sub`]: sub } }).map((c) => c.detail)).toEqual([
      `subject \`${sub}\` trusts reusable workflow \`o/w/.github/workflows/deploy.yml\` at branch \`main\` of \`o/w\`, which moves with every push to it: pin a commit (\`@<sha>\`)`,
    ]);
  });

  const WORKFLOW = 'acme/automation/.github/workflows/deploy.yml';
  const cases: readonly [string, string, string][] = [
    [
      'any ref: a commit too, never "not at a commit"',
      `repo:acme/api:environment:prod:job_workflow_ref:${WORKFLOW}@*`,
      'at any branch, tag or commit of `acme/automation` that its caller names',
    ],
    [
      'every branch',
      `repo:acme/api:environment:prod:job_workflow_ref:${WORKFLOW}@refs/heads/*`,
      'at any branch of `acme/automation` that its caller names',
    ],
    [
      'release tags',
      `repo:acme/api:environment:prod:job_workflow_ref:${WORKFLOW}@refs/tags/v*`,
      'at every tag of `acme/automation` whose name matches `v*` that its caller names',
    ],
    [
      'one tag',
      `repository_owner:acme:job_workflow_ref:${WORKFLOW}@refs/tags/v1.2.0`,
      'at tag `v1.2.0` of `acme/automation`, which can be moved',
    ],
  ];
  it.each(cases)('%s', (_name, sub, words) => {
    const details = concernsOf(GH, { StringLike: { [`${GH}:sub`]: sub } }).map((c) => c.detail);
    expect(details.join(' | ')).toContain(words);
    expect(details.join(' | ')).not.toContain('not at a commit');
  });
});

describe('two wildcard clauses on the subject, both of which must hold', () => {
  it('name what they admit together and the values it comes from, once', () => {
    const details = concernsOf(GH, {
      StringLike: { [`${GH}:sub`]: 'repo:acme/*' },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: '*:pull_request' },
    }).map((c) => c.detail);
    expect(details).toEqual([
      'subject `repo:acme/*:pull_request` (what `repo:acme/*` and `*:pull_request` admit together) admits every repository of the owner, including new ones',
    ]);
  });
});

describe('the provider of a self-hosted issuer, by the format of its subjects', () => {
  const providerOf = (host: string, sub: string | string[]): string | undefined => {
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { [`${host}:sub`]: sub } },
          },
        ],
      },
      { type: 'trust' },
    );
    if (!parsed.ok) throw new Error('example does not parse');
    return ciProviderBySubject(oidcConditions(parsed.value.statements[0]!, host));
  };

  it.each([
    ['a GitLab instance', 'git.acme.example', 'project_path:platform/*', 'gitlab'],
    ['GitHub Enterprise Server', 'ghes.acme.example/_services/token', 'repo:platform/api:*', 'github'],
    ['a Kubernetes cluster outside EKS', 'oidc.k8s.acme.example', 'system:serviceaccount:*:*', 'eks'],
    [
      'Terraform Enterprise',
      'tfe.acme.example',
      'organization:acme:project:*:workspace:*:run_phase:apply',
      'terraform-cloud',
    ],
    [
      'Terraform Enterprise, every project of one organization',
      'tfe.acme.example',
      'organization:acme:*',
      'terraform-cloud',
    ],
    ['Terraform Enterprise, any organization', 'tfe.acme.example', 'organization:*', 'terraform-cloud'],
    // A Buildkite subject also starts `organization:`, then names a pipeline, not a project.
    ['not Terraform: a pipeline', 'ci.acme.example', 'organization:acme:pipeline:deploy:*', undefined],
  ])('%s', (_name, host, sub, expected) => {
    expect(ciProviderOf(host)).toBeUndefined();
    expect(providerOf(host, sub)).toBe(expected);
  });

  it('subjects of two formats, or of none known, name no provider', () => {
    expect(providerOf('id.acme.example', ['repo:a/b:*', 'project_path:a/b:*'])).toBeUndefined();
    expect(providerOf('id.acme.example', 'svc-42')).toBeUndefined();
    expect(providerOf('id.acme.example', '*')).toBeUndefined();
  });
});

describe('two wildcard clauses on the subject, past what is worth working out', () => {
  // Each value graded as an alternative instead: `repo:*:ref:refs/heads/main` alone admits any owner.
  it('values of 8,000 characters are graded as alternatives, without running out of stack', () => {
    expect(
      grade(GH, {
        StringLike: { [`${GH}:sub`]: `repo:acme/${'x'.repeat(8_000)}:*` },
        'ForAnyValue:StringLike': { [`${GH}:sub`]: 'repo:*:ref:refs/heads/main' },
      }),
    ).toBe('dangerous');
  });

  it('more than 64 combinations of values are graded as alternatives', () => {
    const repositories = Array.from({ length: 9 }, (_, i) => `repo:acme/r${i}:*`);
    const branches = Array.from({ length: 8 }, (_, i) => `repo:*:ref:refs/heads/b${i}`);
    const condition = (b: readonly string[]) => ({
      StringLike: { [`${GH}:sub`]: repositories },
      'ForAnyValue:StringLike': { [`${GH}:sub`]: b },
    });
    // Few enough: what they admit together is one owner's repositories, never any owner.
    expect(grade(GH, condition(branches.slice(0, 2)))).toBe('caution');
    expect(grade(GH, condition(branches))).toBe('dangerous');
  });
});

describe('what two wildcard clauses admit together', () => {
  const pinsOf = (a: string, b: string) => {
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: GH },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { [`${GH}:sub`]: a }, 'ForAnyValue:StringLike': { [`${GH}:sub`]: b } },
          },
        ],
      },
      { type: 'trust' },
    );
    if (!parsed.ok) throw new Error('example does not parse');
    const conditions = oidcConditions(parsed.value.statements[0]!, GH);
    return conditions.unsatisfiable.has('sub') ? [] : (conditions.claims.get('sub') ?? []);
  };
  const admits = (pattern: string, value: string): boolean =>
    new RegExp(`^${pattern.replace(/[:/]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(value);
  // The value spelled from `a` (each `*` a run, each `?` one character), so that it matches `a`
  // in every run and `b` in some: both answers are checked.
  const letters = fc.constantFrom('a', 'b', ':');
  // A subject pattern names something: `StringLike` `*` alone pins nothing (no clause to read).
  const symbols = fc
    .array(fc.constantFrom('a', 'b', ':', '*', '?'), { minLength: 1, maxLength: 6 })
    .filter((cs) => cs.some((c) => c !== '*' && c !== '?'));
  const pattern = symbols.map((cs) => cs.join(''));
  const filled = symbols.chain((cs) =>
    fc
      .tuple(
        ...cs.map((c) =>
          c === '*' ? fc.array(letters, { maxLength: 3 }).map((r) => r.join('')) : c === '?' ? letters : fc.constant(c),
        ),
      )
      .map((parts) => [cs.join(''), parts.join('')] as const),
  );
  it('a subject passes both clauses exactly when it matches one pin of the claim', () => {
    let both = 0;
    fc.assert(
      fc.property(filled, pattern, ([a, value], b) => {
        expect(admits(a, value)).toBe(true);
        const pins = pinsOf(a, b);
        expect(pins.some((pin) => (pin.like ? admits(pin.value, value) : pin.value === value))).toBe(admits(b, value));
        if (admits(b, value)) both++;
      }),
      { numRuns: 2_000 },
    );
    // Not only the subjects `b` refuses: a share of the runs checks a subject both admit.
    expect(both).toBeGreaterThan(100);
  });
});

describe('the claim of an issuer key whose claim name the input lost', () => {
  it.each([
    ['a service account under StringEquals is a `sub`', 'StringEquals', ['system:serviceaccount:shop:api'], 'sub'],
    ['service accounts under StringLike are a `sub`', 'StringLike', ['system:serviceaccount:shop:*'], 'sub'],
    ['the STS audience is an `aud`', 'StringEquals', ['sts.amazonaws.com'], 'aud'],
    ['the STS audience in any case is an `aud`', 'StringEqualsIgnoreCase', ['sts.amazonaws.com'], 'aud'],
    [
      'a service account beside the audience tells no one claim',
      'StringEquals',
      ['system:serviceaccount:a:b', 'sts.amazonaws.com'],
      undefined,
    ],
    ['a value of another format tells none', 'StringEquals', ['repo:acme/api:ref:refs/heads/main'], undefined],
    ['a negated test is not read', 'StringNotEquals', ['system:serviceaccount:shop:api'], undefined],
    ['IfExists is not read', 'StringEqualsIfExists', ['system:serviceaccount:shop:api'], undefined],
    ['a set operator is not read', 'ForAnyValue:StringEquals', ['system:serviceaccount:shop:api'], undefined],
    ['no value tells none', 'StringEquals', [], undefined],
  ] as const)('%s', (_name, operator, values, claim) => {
    expect(claimOfLostKey(operator, values)).toBe(claim);
  });
});

describe('a workflow pattern over repositories, as a custom subject and as the `job_workflow_ref` key', () => {
  it('admits the workflows of every repository whose name matches, in both forms', () => {
    const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
    expect(
      concernsOf(GH, { StringEquals: aud, StringLike: { [`${GH}:job_workflow_ref`]: 'acme/*' } }).map((c) => c.detail),
    ).toEqual([
      'workflow pattern `acme/*` admits the workflows of every repository whose name matches `acme/*`, including new ones',
    ]);
    expect(
      concernsOf(GH, { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'job_workflow_ref:acme/*' } }).map(
        (c) => c.detail,
      ),
    ).toEqual([
      'subject `job_workflow_ref:acme/*` trusts the workflows of every repository whose name matches `acme/*`, including new ones',
    ]);
  });
});

describe('a workflow pattern over repositories with the caller and ref pinned', () => {
  const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
  it('only the pinned repository and branch get a token, in both forms: a mutable workflow, not every repository', () => {
    expect(
      concernsOf(GH, {
        StringEquals: { ...aud, [`${GH}:repository`]: 'acme/api', [`${GH}:ref`]: 'refs/heads/main' },
        StringLike: { [`${GH}:job_workflow_ref`]: 'acme/*' },
      }).map((c) => [c.grade, c.pattern]),
    ).toEqual([['caution', 'mutable-ref-pin']]);
    expect(
      concernsOf(GH, {
        StringEquals: aud,
        StringLike: { [`${GH}:sub`]: 'job_workflow_ref:acme/*:repository:acme/api:ref:refs/heads/main' },
      }).map((c) => [c.grade, c.pattern]),
    ).toEqual([['caution', 'mutable-ref-pin']]);
  });
  it('the caller pinned, any ref: its pull requests run the workflows of the caller as they changed them', () => {
    expect(
      concernsOf(GH, {
        StringEquals: aud,
        StringLike: { [`${GH}:sub`]: 'job_workflow_ref:acme/*:repository:acme/api:ref:*' },
      }).map((c) => [c.grade, c.pattern]),
    ).toEqual([['dangerous', 'pull-request']]);
  });
});

describe('a reusable workflow at any ref beside keys naming the calling repository', () => {
  // A reusable workflow's `job_workflow_ref` names its own repository, the caller's is `repository`,
  // and the caller's workflow file names the ref: a pull request of the caller from one of its own
  // branches (`ref` `refs/pull/<n>/merge`) runs the workflow at any ref it writes.
  const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
  const anyRef = { [`${GH}:job_workflow_ref`]: 'acme/automation/.github/workflows/deploy.yml@*' };
  const cases: readonly [string, Record<string, string>, Record<string, string>, [string, string]][] = [
    [
      "the caller `repository` another repository: its pull requests choose the workflow's ref",
      { [`${GH}:repository`]: 'acme/api' },
      {},
      ['dangerous', 'pull-request'],
    ],
    [
      "the caller `repository_owner` another owner: their pull requests choose the workflow's ref",
      { [`${GH}:repository_owner`]: 'other' },
      {},
      ['dangerous', 'pull-request'],
    ],
    [
      'the caller another repository, its runs pinned to its main branch by `ref`: a ref that can move',
      { [`${GH}:repository`]: 'acme/api', [`${GH}:ref`]: 'refs/heads/main' },
      {},
      ['caution', 'mutable-ref-pin'],
    ],
    [
      'the caller another repository, its runs pinned to an environment: a ref that can move',
      { [`${GH}:repository`]: 'acme/api', [`${GH}:environment`]: 'production' },
      {},
      ['caution', 'mutable-ref-pin'],
    ],
    [
      "the `repository` key on the workflow's own repository: its pull request runs",
      { [`${GH}:repository`]: 'acme/automation' },
      {},
      ['dangerous', 'pull-request'],
    ],
    [
      "the `repository` key on a pattern the workflow's repository matches: its pull request runs",
      {},
      { [`${GH}:repository`]: 'acme/*' },
      ['dangerous', 'pull-request'],
    ],
    [
      "the `repository_owner` key on the workflow's owner: its pull request runs",
      { [`${GH}:repository_owner`]: 'acme' },
      {},
      ['dangerous', 'pull-request'],
    ],
  ];
  it.each(cases)('the `job_workflow_ref` key: %s', (_name, equals, like, expected) => {
    expect(
      concernsOf(GH, { StringEquals: { ...aud, ...equals }, StringLike: { ...anyRef, ...like } }).map((c) => [
        c.grade,
        c.pattern,
      ]),
    ).toEqual([expected]);
  });
  it.each(cases)('a custom subject naming the workflow: %s', (_name, equals, like, expected) => {
    const sub = { [`${GH}:sub`]: 'job_workflow_ref:acme/automation/.github/workflows/deploy.yml@*' };
    expect(
      concernsOf(GH, { StringEquals: { ...aud, ...equals }, StringLike: { ...sub, ...like } }).map((c) => [
        c.grade,
        c.pattern,
      ]),
    ).toEqual([expected]);
  });
  const detailsOf = (workflow: string, keys: Record<string, string> = {}): string[] =>
    concernsOf(GH, {
      StringEquals: { ...aud, [`${GH}:repository`]: 'acme/api', ...keys },
      StringLike: { [`${GH}:job_workflow_ref`]: workflow },
    }).map((c) => c.detail);
  it('says who chooses the ref: the caller, its pull requests included, any branch, tag or commit', () => {
    expect(detailsOf('acme/automation/.github/workflows/deploy.yml@*')).toEqual([
      'workflow pattern `acme/automation/.github/workflows/deploy.yml@*` is called by `acme/api`: their runs, pull requests included, choose any branch, tag or commit of `acme/automation` to run (a branch not merged, a commit pushed to a fork): unreviewed code can assume the role',
    ]);
  });
  it('at every ref under `refs/`, no commit by id: a pull request ref of the workflow repository', () => {
    expect(detailsOf('acme/automation/.github/workflows/deploy.yml@refs/*')).toEqual([
      "workflow pattern `acme/automation/.github/workflows/deploy.yml@refs/*` is called by `acme/api`: their runs, pull requests included, choose any matching ref of `acme/automation` to run, a pull request's `refs/pull/<n>/merge` included: unreviewed code can assume the role",
    ]);
  });
  it('the caller pinned to its main branch: any branch, tag or commit its caller names, not that it is pinned', () => {
    expect(detailsOf('acme/automation/.github/workflows/deploy.yml@*', { [`${GH}:ref`]: 'refs/heads/main' })).toEqual([
      'reusable workflow pattern `acme/automation/.github/workflows/deploy.yml@*` admits any branch, tag or commit of `acme/automation` that its caller names',
    ]);
  });
  it('every branch of the workflow repository: branches only, not one commit', () => {
    expect(detailsOf('acme/automation/.github/workflows/deploy.yml@refs/heads/*')).toEqual([
      'reusable workflow pattern `acme/automation/.github/workflows/deploy.yml@refs/heads/*` admits any branch of `acme/automation` that its caller names, not one commit',
    ]);
  });
  it('the release tags of the workflow repository: those tags, no branch, not one commit', () => {
    expect(
      detailsOf('acme/automation/.github/workflows/deploy.yml@refs/tags/v*', { [`${GH}:ref`]: 'refs/heads/main' }),
    ).toEqual([
      'reusable workflow pattern `acme/automation/.github/workflows/deploy.yml@refs/tags/v*` admits every tag of `acme/automation` whose name matches `v*` that its caller names, not one commit',
    ]);
  });
  it('a custom subject naming the caller: said of the subject', () => {
    expect(
      concernsOf(GH, {
        StringEquals: aud,
        StringLike: { [`${GH}:sub`]: 'repo:acme/api:job_workflow_ref:acme/automation/.github/workflows/deploy.yml@*' },
      }).map((c) => c.detail),
    ).toEqual([
      'subject `repo:acme/api:job_workflow_ref:acme/automation/.github/workflows/deploy.yml@*` admits workflow `acme/automation/.github/workflows/deploy.yml`, which is called by `acme/api`: their runs, pull requests included, choose any branch, tag or commit of `acme/automation` to run (a branch not merged, a commit pushed to a fork): unreviewed code can assume the role',
    ]);
  });
});

describe('HCP Terraform in Europe and Terraform Enterprise', () => {
  it('the European issuer is HCP Terraform, shared by all its organizations', () => {
    expect(ciProviderOf('app.eu.terraform.io')).toBe('terraform-cloud');
    expect(
      concernsOf('app.eu.terraform.io', {
        StringLike: { 'app.eu.terraform.io:sub': 'organization:*:project:*:workspace:network:run_phase:apply' },
      }).map((c) => [c.grade, c.pattern]),
    ).toEqual([['dangerous', 'any-organization']]);
  });

  it('any organization of a Terraform Enterprise instance is every organization of that instance', () => {
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/tfe.acme.example' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringLike: { 'tfe.acme.example:sub': 'organization:*:project:*:workspace:network:run_phase:apply' },
            },
          },
        ],
      },
      { type: 'trust' },
    );
    if (!parsed.ok) throw new Error('example does not parse');
    const conditions = oidcConditions(parsed.value.statements[0]!, 'tfe.acme.example');
    expect(gradeOidc('terraform-cloud', conditions).map((c) => c.detail)).toEqual([
      'subject `organization:*:project:*:workspace:network:run_phase:apply` admits the workspaces of every organization of the Terraform Enterprise instance, including new ones',
    ]);
  });
});

describe('Terraform Enterprise known by a subject open over the project', () => {
  const graded = (sub: string): [string, string][] => {
    const host = 'tfe.acme.example';
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { [`${host}:sub`]: sub } },
          },
        ],
      },
      { type: 'trust' },
    );
    if (!parsed.ok) throw new Error('example does not parse');
    const conditions = oidcConditions(parsed.value.statements[0]!, host);
    const provider = ciProviderBySubject(conditions);
    return provider === undefined ? [] : gradeOidc(provider, conditions).map((c) => [c.grade, c.pattern]);
  };

  // Wider than one project's workspaces, which is an error: so are these.
  it.each([
    ['every project of one organization', 'organization:acme:*'],
    ['every organization of the instance', 'organization:*'],
    ['every workspace of one project', 'organization:acme:project:Default Project:workspace:*'],
  ])('%s is an error', (_name, sub) => {
    expect(graded(sub).map(([g]) => g)).toEqual(['dangerous']);
  });
});

describe('a CircleCI subject of another organization, in words', () => {
  it('names both organizations and says it never matches', () => {
    const sub = 'org/ffff0000/project/9f8e7d6c/user/1a2b3c4d';
    expect(
      concernsOf('oidc.circleci.com/org/0a1b2c3d', {
        StringEquals: { 'oidc.circleci.com/org/0a1b2c3d:sub': sub },
      }).map((c) => c.detail),
    ).toEqual([
      `subject \`${sub}\` names organization \`ffff0000\`, yet every token of the issuer starts \`org/0a1b2c3d/\`: it never matches`,
    ]);
  });
});

describe('a reusable workflow pinned without its caller, in words', () => {
  const WORKFLOW = 'acme/w/.github/workflows/deploy.yml';
  it.each([
    [
      'the key at a commit',
      { [`${GH}:job_workflow_ref`]: `${WORKFLOW}@4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b` },
      'is pinned at a commit',
    ],
    [
      'the key at a branch',
      { [`${GH}:job_workflow_ref`]: `${WORKFLOW}@refs/heads/main` },
      'is pinned to a branch or tag, not a commit',
    ],
    [
      'a custom subject at a tag',
      { [`${GH}:sub`]: `job_workflow_ref:${WORKFLOW}@refs/tags/v1.2.0` },
      'at tag `v1.2.0` of `acme/w`, which can be moved',
    ],
  ])('%s', (_name, condition, pinned) => {
    const details = concernsOf(GH, { StringEquals: condition });
    expect(details.map((c) => c.pattern)).toEqual(['any-caller']);
    const detail = details[0]?.detail ?? '';
    expect(detail).toContain(pinned);
    expect(detail).toContain(
      ', but no condition names the repository that calls it, so any repository that can call the workflow (every repository on GitHub if `acme/w` is public) can assume the role, usually to deploy its own code',
    );
    expect(detail).toContain("pin the caller's `repository` or `repository_owner`");
    // One sentence: the clauses are joined by `but` and `so`, not chained by `and ...:`.
    expect(detail).not.toMatch(/, and nothing pins its caller:|gets a matching token, and/);
  });
});
