/**
 * Common, safe IAM idioms get no finding from the trust-policy, resource-exposure, boundary and
 * admin-access rules (all enabled, as in the strict preset); the admin-level AWS managed policies
 * do get one, at the severity their breadth deserves.
 */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { PrincipalInput, ResourceInput, ScanInput } from '../../src/analysis/input';

const AREAS = ['trust-policy/', 'resource-exposure/', 'boundary/', 'admin-access/'];
const MINE = RULES.filter((r) => AREAS.some((a) => r.meta.id.startsWith(a)));
const ACCOUNT = '111122223333';
const V = '2012-10-17';

function run(input: Partial<ScanInput>): { rule: string; severity: string; message: string }[] {
  const config: ResolvedConfig = {
    severities: new Map(MINE.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const full: ScanInput = { principals: [], resources: [], policies: [], errors: [], ...input };
  return runGuard(full, config).findings.map((f) => ({ rule: f.ruleId, severity: f.severity, message: f.message }));
}

function role(name: string, trust: unknown, policies: PrincipalInput['policies'] = []): PrincipalInput {
  return {
    id: name,
    kind: 'role',
    name,
    path: '/',
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    account: ACCOUNT,
    policies,
    trustPolicy: { id: `${name}/trust`, name: `${name}-trust`, document: trust, location: {} },
    tags: {},
    location: {},
  };
}

const serviceTrust = (service: string): unknown => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});
const managed = (name: string): PrincipalInput['policies'][number] => ({
  kind: 'aws-managed',
  arn: `arn:aws:iam::aws:policy/${name}`,
});

const bucketPolicy: ResourceInput = {
  id: 'SiteBucketPolicy',
  type: 'AWS::S3::BucketPolicy',
  arn: 'arn:aws:s3:::site',
  policy: {
    id: 'SiteBucketPolicy',
    name: 'SiteBucketPolicy',
    location: {},
    document: {
      Version: V,
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: ['arn:aws:s3:::site', 'arn:aws:s3:::site/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  },
  location: {},
};

const idioms: readonly [string, Partial<ScanInput>][] = [
  [
    'a CDK Lambda service role',
    {
      principals: [
        role('FnRole', serviceTrust('lambda.amazonaws.com'), [managed('service-role/AWSLambdaBasicExecutionRole')]),
      ],
    },
  ],
  ['a CDK ECS task role', { principals: [role('TaskRole', serviceTrust('ecs-tasks.amazonaws.com'))] }],
  [
    'a GitHub OIDC trust pinned to the main branch of one repository',
    {
      principals: [
        role('Deploy', {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                  'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main',
                },
              },
            },
          ],
        }),
      ],
    },
  ],
  [
    'a same-account role trusting one role ARN',
    {
      principals: [
        role('Reports', {
          Version: V,
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ops` }, Action: 'sts:AssumeRole' },
          ],
        }),
      ],
    },
  ],
  ['a bucket policy denying insecure transport', { resources: [bucketPolicy] }],
];

describe('safe idioms get no finding', () => {
  it('runs the rules of the four areas', () => {
    expect(MINE.length).toBeGreaterThanOrEqual(15);
  });

  it.each(idioms)('%s', (_name, input) => {
    expect(run(input)).toEqual([]);
  });
});

const admin: readonly [string, string, string, string][] = [
  ['AdministratorAccess', 'AdministratorAccess', 'admin-access/full-access', 'error'],
  ['IAMFullAccess', 'IAMFullAccess', 'admin-access/service-admin', 'error'],
  ['PowerUserAccess', 'PowerUserAccess', 'admin-access/not-action-allow', 'warning'],
];

describe('admin-level AWS managed policies attached to a role are reported', () => {
  it.each(admin)('%s', (_name, policy, rule, severity) => {
    const findings = run({ principals: [role('Admin', serviceTrust('ec2.amazonaws.com'), [managed(policy)])] });
    expect(findings.filter((f) => f.rule.startsWith('admin-access/'))).toEqual([
      expect.objectContaining({ rule, severity }),
    ]);
  });
});
