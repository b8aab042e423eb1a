/** Trust and resource-exposure rules on inputs the static examples do not show: values known only after deploy. */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import { SymbolicValue } from '../../src/model/symbolic';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { PrincipalInput } from '../../src/analysis/input';

const partition = { id: 'p', source: 'AWS::Partition' };
const account = { id: 'a', source: 'AWS::AccountId' };

function ruleIds(trust: unknown): string[] {
  const config: ResolvedConfig = {
    severities: new Map(
      RULES.filter((r) => r.meta.id.startsWith('trust-policy/')).map((r): [RuleId, Severity] => [r.meta.id, 'warning']),
    ),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const role: PrincipalInput = {
    id: 'Role',
    kind: 'role',
    name: 'role',
    path: '/',
    arn: new SymbolicValue(['arn:', partition, ':iam::', account, ':role/role']),
    policies: [],
    trustPolicy: { id: 'trust', name: 'trust', document: trust, location: {} },
    tags: {},
    location: {},
  };
  return runGuard({ principals: [role], resources: [], policies: [], errors: [] }, config).findings.map(
    (f) => f.ruleId,
  );
}

const trusting = (principal: unknown, condition?: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
  ],
});

const rolesAnywhere = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      Condition: condition,
    },
  ],
});

const cases: readonly [string, unknown, string[]][] = [
  [
    'the root of the deploy account, known only after deploy (CDK AccountRootPrincipal)',
    trusting({ AWS: new SymbolicValue(['arn:', partition, ':iam::', account, ':root']) }),
    ['trust-policy/account-root'],
  ],
  [
    'a role of the deploy account, known only after deploy',
    trusting({ AWS: new SymbolicValue(['arn:', partition, ':iam::', account, ':role/ops']) }),
    [],
  ],
  [
    'an account narrowed by principal tag',
    trusting(
      { AWS: 'arn:aws:iam::444455556666:root' },
      { StringEquals: { 'aws:PrincipalTag/team': 'ops', 'sts:ExternalId': 'x1' } },
    ),
    [],
  ],
  [
    'a role of a literal account, from a role whose own account is known only after deploy',
    trusting({ AWS: 'arn:aws:iam::444455556666:role/ci' }),
    ['trust-policy/cross-account-external-id'],
  ],
  [
    'a role of a literal account with an external id, from a role of an unknown account',
    trusting({ AWS: 'arn:aws:iam::444455556666:role/ci' }, { StringEquals: { 'sts:ExternalId': 'c0ffee-7a1c' } }),
    [],
  ],
  [
    'a GitHub OIDC provider of the deploy account without a subject condition',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: new SymbolicValue([
              'arn:',
              partition,
              ':iam::',
              account,
              ':oidc-provider/token.actions.githubusercontent.com',
            ]),
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        },
      ],
    },
    ['trust-policy/oidc-missing-sub'],
  ],
  [
    'a GitHub OIDC provider of the deploy account pinned to one branch of one repository',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: new SymbolicValue([
              'arn:',
              partition,
              ':iam::',
              account,
              ':oidc-provider/token.actions.githubusercontent.com',
            ]),
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main',
            },
          },
        },
      ],
    },
    [],
  ],
  [
    'a provider known only after deploy, named by its condition keys: GitHub, every repository of the owner',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: new SymbolicValue([{ id: 'provider', source: 'aws_iam_openid_connect_provider.ci.arn' }]),
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
        },
      ],
    },
    ['trust-policy/oidc-broad-subject'],
  ],
  [
    'IAM Roles Anywhere for the trust anchor of the app, its ARN known only after deploy',
    rolesAnywhere({
      ArnEquals: { 'aws:SourceArn': new SymbolicValue([{ id: 'anchor', source: 'Anchor.TrustAnchorArn' }]) },
    }),
    [],
  ],
  [
    'IAM Roles Anywhere for every trust anchor of the deploy account, known only after deploy',
    rolesAnywhere({
      ArnLike: {
        'aws:SourceArn': new SymbolicValue([
          'arn:',
          partition,
          ':rolesanywhere:eu-west-1:',
          account,
          ':trust-anchor/*',
        ]),
      },
    }),
    ['trust-policy/federation-conditions'],
  ],
  [
    'a provider known only after deploy whose conditions name no CI issuer is not guessed',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: new SymbolicValue([{ id: 'provider', source: 'aws_iam_openid_connect_provider.ci.arn' }]),
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'oidc.example.com:sub': 'system:serviceaccount:*' } },
        },
      ],
    },
    [],
  ],
];

describe('trust-policy rules on symbolic principals', () => {
  it.each(cases)('%s', (_name, trust, expected) => {
    expect(ruleIds(trust).sort()).toEqual(expected);
  });
});

describe('resource-exposure/public-principal on principals known only after deploy', () => {
  const keyPolicy = (principal: unknown): unknown => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:Decrypt', Resource: '*' }],
  });
  function findings(principal: unknown): { ruleId: string; message: string }[] {
    const config: ResolvedConfig = {
      severities: new Map<RuleId, Severity>([
        ['resource-exposure/public-principal', 'error'],
        ['unverifiable/unknown-value', 'warning'],
      ]),
      settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
      suppressions: [],
    };
    const key = {
      id: 'aws_kms_key.data',
      type: 'aws_kms_key',
      arn: undefined,
      policy: { id: 'aws_kms_key.data', name: 'data', document: keyPolicy(principal), location: {} },
      location: {},
    };
    return runGuard({ principals: [], resources: [key], policies: [], errors: [] }, config).findings.map((f) => ({
      ruleId: f.ruleId,
      message: f.message,
    }));
  }
  const users = { id: 'users', source: 'local.cluster_role + var.kms_key_users' };

  it.each([
    [
      'a role of the deploy account (an ARN shape around the unknowns) is no finding',
      new SymbolicValue(['arn:', partition, ':iam::', account, ':role/app']),
      [],
    ],
    [
      'a value of the configuration that may be anything is said to be undecided',
      new SymbolicValue([users]),
      ['unverifiable/unknown-value'],
    ],
    ['`*` is public', '*', ['resource-exposure/public-principal']],
  ])('%s', (_name, principal, expected) => {
    expect(findings(principal).map((f) => f.ruleId)).toEqual(expected);
  });

  it('the undecided finding names the value by where it comes from', () => {
    expect(findings(new SymbolicValue([users]))[0]?.message).toContain('${local.cluster_role + var.kms_key_users}');
  });
});
