/** Grading of CI-provider OIDC conditions: how each operator and subject format is read. */
import { parsePolicy } from '../../src/model/parse';
import { ciProviderOf, gradeOidc, oidcConditions, worstGrade } from '../../src/rules/trust/oidc';
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
const cases: readonly [string, string, unknown, OidcGrade][] = [
  ['exact branch', GH, { StringEquals: { [`${GH}:sub`]: 'repo:o/r:ref:refs/heads/main' } }, 'safe'],
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
  ['repository id alone', GH, { StringEquals: { [`${GH}:repository_id`]: '42' } }, 'caution'],
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
    'terraform run phase wildcard',
    'app.terraform.io',
    { StringLike: { 'app.terraform.io:sub': 'organization:o:project:p:workspace:w:run_phase:*' } },
    'dangerous',
  ],
];

describe('gradeOidc', () => {
  it.each(cases)('%s', (_name, host, condition, expected) => {
    expect(grade(host, condition)).toBe(expected);
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
