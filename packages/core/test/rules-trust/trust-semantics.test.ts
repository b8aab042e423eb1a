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
      RULES.filter((r) => r.meta.id.startsWith('trust-policy/') || r.meta.id === 'unverifiable/unknown-value').map(
        (r): [RuleId, Severity] => [r.meta.id, 'warning'],
      ),
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

// IRSA whose cluster is read or created with the app: the issuer's region, DNS suffix and id are
// known only after deploy, in the provider ARN and in the condition keys alike (keys are text, each
// hole shown by its provenance).
const region = { id: 'r', source: 'the region of the AWS provider' };
const suffix = { id: 's', source: 'the DNS suffix of the region of data.aws_eks_cluster.this' };
const issuerId = { id: 'i', source: 'the OIDC issuer id of data.aws_eks_cluster.this' };
const ISSUER = `oidc.eks.\${${region.source}}.\${${suffix.source}}/id/\${${issuerId.source}}`;
const eksProvider = new SymbolicValue([
  'arn:',
  partition,
  ':iam::',
  account,
  ':oidc-provider/oidc.eks.',
  region,
  '.',
  suffix,
  '/id/',
  issuerId,
]);
const webIdentity = (federated: unknown, condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ],
});
const providerArn = new SymbolicValue([{ id: 'arn', source: 'var.provider_arn' }]);
const GITHUB_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

const unknownIssuers: readonly [string, unknown, string[]][] = [
  [
    'an EKS issuer known only after deploy, only its audience checked',
    webIdentity(eksProvider, { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }),
    ['trust-policy/oidc-missing-sub'],
  ],
  [
    'an EKS issuer known only after deploy, one service account pinned',
    webIdentity(eksProvider, {
      StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:ns:sa' },
    }),
    [],
  ],
  [
    'an EKS issuer known only after deploy, a subject of only a wildcard',
    webIdentity(eksProvider, { StringLike: { [`${ISSUER}:sub`]: '*' } }),
    ['trust-policy/oidc-missing-sub'],
  ],
  [
    'an EKS issuer known only after deploy, the service accounts of every namespace',
    webIdentity(eksProvider, { StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*:*' } }),
    ['trust-policy/oidc-broad-subject'],
  ],
  [
    'a provider ARN wholly unknown, its keys naming an EKS issuer: only the audience checked',
    webIdentity(providerArn, { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }),
    ['trust-policy/oidc-missing-sub'],
  ],
  [
    'a provider ARN wholly unknown, its keys naming an EKS issuer: one service account pinned',
    webIdentity(providerArn, { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:ns:sa' } }),
    [],
  ],
  [
    'a provider ARN wholly unknown with no condition at all',
    webIdentity(providerArn, undefined),
    ['trust-policy/oidc-missing-sub'],
  ],
  // A `sub` key is in a request only for the provider's own tokens: a key of the provider pins its
  // subject, a key of another provider lets none of its tokens through. Either way, exact values pin.
  [
    'a provider ARN and an issuer in the keys both wholly unknown, one service account pinned (the IRSA module idiom)',
    webIdentity(providerArn, {
      StringEquals: { '${var.issuer}:sub': 'system:serviceaccount:ns:sa', '${var.issuer}:aud': 'sts.amazonaws.com' },
    }),
    [],
  ],
  [
    'a provider ARN and an issuer in the keys both wholly unknown, a subject pattern: undecided, not passed',
    webIdentity(providerArn, { StringLike: { '${var.issuer}:sub': 'system:serviceaccount:*' } }),
    ['unverifiable/unknown-value'],
  ],
  [
    'a provider ARN and an issuer in the keys both wholly unknown, a subject only under IfExists: nothing pinned',
    // A key of another provider is absent from the token, and IfExists then lets it through.
    webIdentity(providerArn, { StringEqualsIfExists: { '${var.issuer}:sub': 'system:serviceaccount:ns:sa' } }),
    ['trust-policy/oidc-missing-sub'],
  ],
  [
    'GitHub trusted with an exact subject under a key of an issuer known only after deploy',
    webIdentity(GITHUB_ARN, { StringEquals: { '${var.issuer}:sub': 'repo:acme/app:ref:refs/heads/main' } }),
    [],
  ],
  [
    'GitHub trusted with a subject pattern under a key of an issuer known only after deploy: undecided, not passed',
    webIdentity(GITHUB_ARN, { StringLike: { '${var.issuer}:sub': 'repo:acme/*' } }),
    ['unverifiable/unknown-value'],
  ],
  [
    'GitHub trusted with only an audience key of an issuer known only after deploy',
    webIdentity(GITHUB_ARN, { StringEquals: { '${var.issuer}:aud': 'sts.amazonaws.com' } }),
    ['trust-policy/oidc-missing-sub'],
  ],
];

describe('trust-policy rules on OIDC issuers known only after deploy', () => {
  it.each(unknownIssuers)('%s', (_name, trust, expected) => {
    expect(ruleIds(trust).sort()).toEqual(expected);
  });
});

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

describe('resource-exposure/public-principal says what the conditions of a public statement do', () => {
  function messageOf(condition: unknown): string | undefined {
    const config: ResolvedConfig = {
      severities: new Map<RuleId, Severity>([['resource-exposure/public-principal', 'error']]),
      settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
      suppressions: [],
    };
    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: condition }],
    };
    const queue = {
      id: 'aws_sqs_queue.jobs',
      type: 'aws_sqs_queue',
      arn: undefined,
      policy: { id: 'aws_sqs_queue.jobs', name: 'jobs', document, location: {} },
      location: {},
    };
    const findings = runGuard({ principals: [], resources: [queue], policies: [], errors: [] }, config).findings;
    return findings[0]?.message.replace(/^.*restricts who/, '');
  }

  it.each([
    [
      'a key that says who calls, given a value anyone meets, lets anyone through',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } },
      ' (its condition on `aws:SourceArn` lets anyone through)',
    ],
    [
      'a key that narrows something else does not restrict who',
      { Bool: { 'aws:SecureTransport': 'true' } },
      ' (its condition on `aws:SecureTransport` does not)',
    ],
    [
      'a key written in two cases is named once',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' }, StringLike: { 'aws:sourcearn': 'arn:aws:sns:*' } },
      ' (its condition on `aws:SourceArn` lets anyone through)',
    ],
    [
      'both kinds, each said as what it is',
      { Bool: { 'aws:SecureTransport': 'true' }, IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      ' (its condition on `aws:SecureTransport` does not; its condition on `aws:SourceIp` lets anyone through)',
    ],
  ])('%s', (_name, condition, expected) => {
    expect(messageOf(condition)).toBe(expected);
  });
});

describe('trust-policy/untrusted-account on a Deny fence whose role name is known only after deploy', () => {
  const roleName = { id: 'name', source: 'RoleName' };
  function findings(fenced: unknown): { ruleId: string; message: string }[] {
    const config: ResolvedConfig = {
      severities: new Map<RuleId, Severity>([['trust-policy/untrusted-account', 'error']]),
      settings: { boundary: {}, trust: { accounts: ['111122223333'] }, scps: [], tuning: {} },
      suppressions: [],
    };
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [fenced, 'arn:aws:iam::111122223333:role/x'] } },
        },
      ],
    };
    const bucket = {
      id: 'Policy',
      type: 'AWS::S3::BucketPolicy',
      arn: 'arn:aws:s3:::data',
      policy: { id: 'Policy', name: 'Policy', document, location: {} },
      location: {},
    };
    return runGuard({ principals: [], resources: [bucket], policies: [], errors: [] }, config).findings.map((f) => ({
      ruleId: f.ruleId,
      message: f.message,
    }));
  }

  it.each([
    [
      'an account written out is the account let through',
      ['arn:aws:iam::777788889999:role/', roleName],
      ['777788889999'],
    ],
    ['a trusted account written out is no finding', ['arn:aws:iam::111122223333:role/', roleName], []],
  ])('%s', (_name, parts, accounts) => {
    const found = findings(new SymbolicValue(parts));
    expect(found.map((f) => /`(\d{12})`/.exec(f.message)?.[1])).toEqual(accounts);
    expect(found.every((f) => f.ruleId === 'trust-policy/untrusted-account')).toBe(true);
  });
});
