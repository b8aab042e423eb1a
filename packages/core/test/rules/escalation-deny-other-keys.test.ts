/**
 * A path that passes any role, beside a Deny of passing roles to the path's service that also tests
 * another key. When that key is one no request for `iam:PassRole` carries, the Deny is decided by its
 * absence (it closes the path, or never applies); when the request may carry it (MFA, the network),
 * the path is reported, saying which key it is open unless. A path through one named role or policy
 * is read the same way.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AttachedPolicy, PrincipalInput } from '../../src/analysis/input';
import { SymbolicValue } from '../../src/model/symbolic';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const GRANTS = [
  { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
];

/** `path message-tail` of each pass-role-to-service finding on the grants and `deny`. */
function lambdaPaths(condition: Record<string, unknown>): string[] {
  const deny = { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: condition };
  const document = { Version: V, Statement: [...GRANTS, deny] };
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
      errors: [],
    },
    ESCALATION_CONFIG,
  );
  return result.findings
    .filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service')
    .map((f) => `${String(f.evidence?.['path'])}${f.message.slice(f.message.indexOf(')') + 1)}`);
}

const TO_LAMBDA = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };

describe('a Deny of passing roles to Lambda that tests another key', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['tested alone: the path is closed', TO_LAMBDA, []],
    [
      'only without MFA: open unless MFA decides',
      { ...TO_LAMBDA, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      ['lambda-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:PassRole`'],
    ],
    [
      'only off the office network: open unless the source address decides',
      { ...TO_LAMBDA, NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      ['lambda-001: open unless a Deny testing `aws:SourceIp` refuses its `iam:PassRole`'],
    ],
    [
      'unless the new role gets a boundary (`StringNotEquals` `iam:PermissionsBoundary`, which PassRole never carries): closed',
      { ...TO_LAMBDA, StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b' } },
      [],
    ],
    [
      'only when the request names a boundary (`StringEquals` `iam:PermissionsBoundary`, never on PassRole): open, nothing to add',
      {
        StringEquals: {
          'iam:PassedToService': 'lambda.amazonaws.com',
          'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b',
        },
      },
      ['lambda-001'],
    ],
  ])('%s', (_name, condition, expected) => {
    expect(lambdaPaths(condition)).toEqual(expected);
  });
});

/** The ARN of a principal or policy created by the same input, known after apply only. */
const arnOf = (address: string): SymbolicValue =>
  new SymbolicValue([{ id: `${address}.arn`, source: `the ARN of ${address}` }]);

function principal(
  kind: 'role' | 'user',
  name: string,
  policies: AttachedPolicy[],
  trust?: { service?: string; account?: string },
): PrincipalInput {
  const id = `aws_iam_${kind}.${name}`;
  const principalOf =
    trust?.service !== undefined ? { Service: trust.service } : { AWS: `arn:aws:iam::${trust?.account ?? ''}:root` };
  return {
    id,
    kind,
    name,
    path: '/',
    arn: arnOf(id),
    policies,
    tags: {},
    location: { address: id },
    ...(trust !== undefined
      ? {
          trustPolicy: {
            id: `${id}.trust`,
            name,
            location: {},
            document: {
              Version: V,
              Statement: [{ Effect: 'Allow', Principal: principalOf, Action: 'sts:AssumeRole' }],
            },
          },
        }
      : {}),
  };
}

const ADMIN: AttachedPolicy = { kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const MANAGED: AttachedPolicy = {
  kind: 'managed',
  arn: arnOf('aws_iam_policy.reports'),
  policy: {
    id: 'aws_iam_policy.reports',
    name: 'reports',
    location: { address: 'aws_iam_policy.reports' },
    document: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
  },
};
const WITHOUT_MFA = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
const deny = (action: string, condition: Record<string, unknown>): unknown => ({
  Effect: 'Deny',
  Action: action,
  Resource: '*',
  Condition: condition,
});

/** User `dev` with `statements`, beside the roles of `others`. */
function scan(statements: unknown[], others: PrincipalInput[]): PrincipalInput[] {
  const policy: AttachedPolicy = {
    kind: 'inline',
    policy: {
      id: 'aws_iam_user_policy.dev',
      name: 'dev',
      location: { address: 'aws_iam_user_policy.dev' },
      document: { Version: V, Statement: statements },
    },
  };
  return [principal('user', 'dev', [policy, MANAGED]), ...others];
}

/** `rule: path message-tail` of each escalation finding on user `dev`. */
function pathsOf(principals: PrincipalInput[]): string[] {
  const result = runGuard({ principals, resources: [], policies: [], errors: [] }, ESCALATION_CONFIG);
  return result.findings
    .filter((f) => f.principal === 'aws_iam_user.dev' && f.evidence?.['path'] !== undefined)
    .map(
      (f) =>
        `${f.ruleId.split('/')[1] ?? ''}: ${String(f.evidence?.['path'])}${f.message.slice(f.message.lastIndexOf(')') + 1)}`,
    );
}

const fnRole = principal('role', 'fn', [ADMIN], { service: 'lambda.amazonaws.com' });
const opsRole = principal('role', 'ops', [ADMIN], { account: '111122223333' });
const PASS_FN = [
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: arnOf('aws_iam_role.fn') },
  { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
];

describe('a Deny that tests another key, on a path through one named role or policy (as through any role)', () => {
  it.each<[string, unknown[], PrincipalInput[], string[]]>([
    [
      'passing the named administrator role to Lambda, denied without MFA: open unless MFA decides',
      [...PASS_FN, deny('iam:PassRole', { ...TO_LAMBDA, ...WITHOUT_MFA })],
      [fnRole],
      [
        'pass-role-to-service: lambda-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:PassRole`',
      ],
    ],
    [
      'passing the named role to Lambda denied outright: closed, as through any role',
      [...PASS_FN, deny('iam:PassRole', TO_LAMBDA)],
      [fnRole],
      [],
    ],
    ['the named role without any Deny: open, nothing to add', PASS_FN, [fnRole], ['pass-role-to-service: lambda-001']],
    [
      'creating the function denied off the office network: open unless the source address decides',
      [...PASS_FN, deny('lambda:CreateFunction', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })],
      [fnRole],
      [
        'pass-role-to-service: lambda-001: open unless a Deny testing `aws:SourceIp` refuses its `lambda:CreateFunction`',
      ],
    ],
    [
      'assuming the named administrator role, denied without MFA',
      [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arnOf('aws_iam_role.ops') },
        deny('sts:AssumeRole', WITHOUT_MFA),
      ],
      [opsRole],
      [
        'assume-any-role: sts-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `sts:AssumeRole`',
      ],
    ],
    [
      'a new version of the one managed policy attached to itself, denied without MFA',
      [
        { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: arnOf('aws_iam_policy.reports') },
        deny('iam:CreatePolicyVersion', WITHOUT_MFA),
      ],
      [],
      [
        'iam-policy-modification: iam-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:CreatePolicyVersion`',
      ],
    ],
    [
      'a new version of any policy, denied without MFA: the same wording',
      [
        { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' },
        deny('iam:CreatePolicyVersion', WITHOUT_MFA),
      ],
      [],
      [
        'iam-policy-modification: iam-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:CreatePolicyVersion`',
      ],
    ],
  ])('%s', (_name, statements, others, expected) => {
    expect(pathsOf(scan(statements, others))).toEqual(expected);
  });
});
