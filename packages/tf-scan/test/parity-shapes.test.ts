/**
 * Resource types and attributes that checkov and regula judge on plans and that extraction
 * reads too (see integ/tf-scan/parity/README.md): Identity Center permission sets, function
 * URLs, ECR creation templates, existing policies read by `data.aws_iam_policy`.
 */
import { valueToString } from '@iamgate/core';
import type { PolicyValue, ScanInput } from '@iamgate/core';
import { extractPlan } from '../src/extract';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

const ACCOUNT = '111122223333';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const region = { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } } };
const caller: TestResource = {
  address: 'data.aws_caller_identity.current',
  values: { account_id: ACCOUNT },
  prior: true,
};

function scan(resources: TestResource[]): ScanInput {
  return extractPlan('plan.json', buildPlan([caller, ...resources], { configuration: region }));
}

const text = (value: PolicyValue | undefined): string | undefined =>
  value === undefined ? undefined : valueToString(value);

const permissionSet = (name: string): TestResource => ({
  address: `aws_ssoadmin_permission_set.${name}`,
  values: { name, instance_arn: INSTANCE },
  unknown: { arn: true, id: true },
});
const forSet = (name: string) => ({
  permission_set_arn: {
    references: [`aws_ssoadmin_permission_set.${name}.arn`, `aws_ssoadmin_permission_set.${name}`],
  },
});

describe('IAM Identity Center permission sets are the roles they are provisioned as', () => {
  it('inline, AWS managed and customer managed policies and the boundary land on the permission set they refer to', () => {
    const input = scan([
      permissionSet('ops'),
      {
        address: 'aws_ssoadmin_permission_set_inline_policy.ops',
        values: {
          instance_arn: INSTANCE,
          inline_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
        },
        unknown: { permission_set_arn: true },
        expressions: forSet('ops'),
      },
      {
        address: 'aws_ssoadmin_managed_policy_attachment.ops',
        values: { instance_arn: INSTANCE, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        unknown: { permission_set_arn: true, managed_policy_name: true },
        expressions: forSet('ops'),
      },
      {
        address: 'aws_ssoadmin_customer_managed_policy_attachment.ops',
        values: { instance_arn: INSTANCE, customer_managed_policy_reference: [{ name: 'deploy', path: '/team/' }] },
        unknown: { permission_set_arn: true },
        expressions: forSet('ops'),
      },
      {
        address: 'aws_ssoadmin_permissions_boundary_attachment.ops',
        values: {
          instance_arn: INSTANCE,
          permissions_boundary: [
            { managed_policy_arn: null, customer_managed_policy_reference: [{ name: 'app-boundary', path: '/' }] },
          ],
        },
        unknown: { permission_set_arn: true },
        expressions: forSet('ops'),
      },
    ]);
    expect(input.policies).toEqual([]);
    const ops = input.principals.find((p) => p.id === 'aws_ssoadmin_permission_set.ops');
    expect([ops?.kind, text(ops?.name), ops?.path]).toEqual(['role', 'ops', '/aws-reserved/sso.amazonaws.com/']);
    expect(ops?.policies.map((a) => [a.kind, text(a.arn) ?? a.policy?.id])).toEqual([
      ['inline', 'aws_ssoadmin_permission_set_inline_policy.ops'],
      ['aws-managed', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      // the policy of that name in the account the set is provisioned to: not in the plan
      ['managed', `arn:aws:iam::${ACCOUNT}:policy/team/deploy`],
    ]);
    expect(ops?.policies[2]?.policy?.unresolved?.reason).toBe(
      'IAM Identity Center looks it up by path and name in each account the permission set is provisioned to, and the plan does not define it',
    );
    expect(text(ops?.permissionsBoundary?.arn)).toBe(`arn:aws:iam::${ACCOUNT}:policy/app-boundary`);
  });

  it('an attachment to a permission set outside the plan is held by a role standing for it; an inline policy stays on its own', () => {
    const outside = 'arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-0123456789abcdef';
    const input = scan([
      {
        address: 'aws_ssoadmin_managed_policy_attachment.x',
        values: {
          instance_arn: INSTANCE,
          permission_set_arn: outside,
          managed_policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess',
        },
        unknown: { managed_policy_name: true },
      },
      {
        address: 'aws_ssoadmin_permission_set_inline_policy.x',
        values: { instance_arn: INSTANCE, permission_set_arn: outside, inline_policy: '{"Statement":[]}' },
      },
    ]);
    expect(input.principals.map((p) => [p.id, p.kind, p.policies.map((a) => text(a.arn))])).toEqual([
      [outside, 'role', ['arn:aws:iam::aws:policy/IAMFullAccess']],
    ]);
    expect(input.policies.map((p) => [p.policy.id, p.type])).toEqual([
      ['aws_ssoadmin_permission_set_inline_policy.x', 'identity'],
    ]);
  });
});

describe('a function URL without IAM authentication is a public endpoint of its function', () => {
  const fn: TestResource = {
    address: 'aws_lambda_function.api',
    values: { function_name: 'api' },
    unknown: { arn: true },
  };
  const url = (name: string, values: Record<string, unknown>): TestResource => ({
    address: `aws_lambda_function_url.${name}`,
    values,
    unknown: { function_name: true, function_url: true },
    expressions: {
      function_name: { references: ['aws_lambda_function.api.function_name', 'aws_lambda_function.api'] },
    },
  });

  it.each([
    [
      '`NONE` is what anyone may call, on the function of the plan',
      { authorization_type: 'NONE', qualifier: null },
      '',
    ],
    ['`NONE` on an alias is on the qualified function', { authorization_type: 'NONE', qualifier: 'live' }, ':live'],
  ])('%s', (_behaviour, values, suffix) => {
    const input = scan([fn, url('u', values)]);
    const resource = input.resources[0];
    expect(resource?.id).toBe('aws_lambda_function_url.u');
    const statement = (resource?.policy.document as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement).toEqual({
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: expect.anything(),
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    });
    // the ARN of the function of the plan, built from the name and account the plan shows
    expect(text(resource?.arn)).toBe(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api`);
    expect(text(statement?.['Resource'] as PolicyValue)).toBe(
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api${suffix}`,
    );
  });

  it('`AWS_IAM` is no resource policy: the caller needs its own permission', () => {
    expect(scan([fn, url('u', { authorization_type: 'AWS_IAM', qualifier: null })]).resources).toEqual([]);
  });
});

describe('an ECR repository creation template carries the policy of the repositories it creates', () => {
  it.each([
    ['under its prefix', 'cache', `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/cache/*`],
    ['`ROOT`: every repository no other template matches', 'ROOT', `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/*`],
  ])('%s', (_behaviour, prefix, arn) => {
    const input = scan([
      {
        address: 'aws_ecr_repository_creation_template.t',
        values: {
          prefix,
          applied_for: ['PULL_THROUGH_CACHE'],
          repository_policy: JSON.stringify({
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }],
          }),
        },
        unknown: { registry_id: true },
      },
    ]);
    expect(input.resources.map((r) => text(r.arn))).toEqual([arn]);
    // the repository policy names no Resource: it is the repository's own
    const document = input.resources[0]?.policy.document as { Statement: { Resource?: PolicyValue }[] };
    expect(text(document.Statement[0]?.Resource)).toBe(arn);
  });
});

describe('an existing policy read by `data.aws_iam_policy` is reported where it is attached', () => {
  it('each holder gets the document, located on the holder as an AWS managed policy is', () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const attach = (role: string): TestResource => ({
      address: `aws_iam_role_policy_attachment.${role}`,
      values: { role, policy_arn: admin },
      expressions: {
        role: { references: [`aws_iam_role.${role}.name`, `aws_iam_role.${role}`] },
        policy_arn: { references: ['data.aws_iam_policy.admin.arn', 'data.aws_iam_policy.admin'] },
      },
    });
    const role = (name: string): TestResource => ({
      address: `aws_iam_role.${name}`,
      values: { name, path: '/', assume_role_policy: '{"Statement":[]}' },
      unknown: { arn: true },
    });
    const input = scan([
      {
        address: 'data.aws_iam_policy.admin',
        values: {
          arn: admin,
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
        },
        prior: true,
      },
      role('a'),
      role('b'),
      attach('a'),
      attach('b'),
    ]);
    expect(
      input.principals.map((p) => [p.id, p.policies.map((a) => [a.policy?.id, a.policy?.location.address])]),
    ).toEqual([
      ['aws_iam_role.a', [['data.aws_iam_policy.admin', 'aws_iam_role.a']]],
      ['aws_iam_role.b', [['data.aws_iam_policy.admin', 'aws_iam_role.b']]],
    ]);
  });
});

describe('a Lambda layer version permission is the statement it adds to the layer version policy', () => {
  const statementOf = (input: ScanInput): Record<string, unknown> | undefined =>
    (input.resources[0]?.policy.document as { Statement: Record<string, unknown>[] }).Statement[0];

  it('shared with everyone, on the layer version of the plan (its computed `policy` is not waited for)', () => {
    const input = scan([
      {
        address: 'aws_lambda_layer_version.l',
        values: { layer_name: 'shared' },
        unknown: { arn: true, version: true },
      },
      {
        address: 'aws_lambda_layer_version_permission.p',
        values: { statement_id: 'share', action: 'lambda:GetLayerVersion', principal: '*', organization_id: null },
        unknown: { layer_name: true, version_number: true, policy: true },
        expressions: {
          layer_name: { references: ['aws_lambda_layer_version.l.layer_arn', 'aws_lambda_layer_version.l'] },
          version_number: { references: ['aws_lambda_layer_version.l.version', 'aws_lambda_layer_version.l'] },
        },
      },
    ]);
    const statement = statementOf(input);
    expect([statement?.['Principal'], statement?.['Action'], statement?.['Condition']]).toEqual([
      '*',
      'lambda:GetLayerVersion',
      undefined,
    ]);
    expect(text(statement?.['Resource'] as PolicyValue)).toMatch(/aws_lambda_layer_version\.l\.arn/);
  });

  it('shared with an organization by layer name and version: the organization condition and the version ARN', () => {
    const input = scan([
      {
        address: 'aws_lambda_layer_version_permission.p',
        values: {
          layer_name: 'shared',
          version_number: 3,
          statement_id: 'org',
          action: 'lambda:GetLayerVersion',
          principal: '*',
          organization_id: 'o-a1b2c3d4e5',
        },
        unknown: { policy: true },
      },
    ]);
    expect(statementOf(input)).toEqual({
      Sid: 'org',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:GetLayerVersion',
      Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:layer:shared:3`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
  });
});
