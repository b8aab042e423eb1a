/**
 * Roles kept out of the templates by `Role.customizeRoles`: the IAM policy report CDK writes is
 * read, and each role is added to its stack's template as the `AWS::IAM::Role` it describes.
 */
import { templateSource } from '../src/extract/stack-source';
import { guardStacks } from '../src/guard';
import { PRECREATED, PRECREATED_ROLE, readPolicyReport, withPrecreatedRoles } from '../src/template/precreated-roles';
import type { PrecreatedRole } from '../src/template/precreated-roles';

const FILE = 'cdk.out/iam-policy-report.json';

/** A role of the report with one identity statement on `resource`. */
function reported(resource: unknown): Record<string, unknown> {
  return {
    roleConstructPath: 'App/Fn/ServiceRole',
    roleName: 'fn-role',
    missing: false,
    assumeRolePolicy: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
    managedPolicyArns: ['arn:(PARTITION):iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    managedPolicyStatements: [],
    identityPolicyStatements: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: resource }],
  };
}

/** The resource of the statement of the role added for `resource`, paths resolved from `ids`. */
function resourceWritten(
  resource: unknown,
  ids: Record<string, string> = { 'App/Bucket/Resource': 'Bucket1' },
): unknown {
  const { roles } = readPolicyReport({ roles: [reported(resource)] }, FILE);
  const { template } = withPrecreatedRoles({ Resources: {} }, roles, (at) => ids[at]);
  const role = (template['Resources'] as Record<string, { Properties: Record<string, unknown> }>)[
    'PrecreatedRoleAppFnServiceRole'
  ];
  const policies = role?.Properties['Policies'] as [{ PolicyDocument: { Statement: [{ Resource: unknown }] } }];
  return policies[0].PolicyDocument.Statement[0].Resource;
}

describe('withPrecreatedRoles', () => {
  it.each([
    [
      'a reference to an attribute is its `Fn::GetAtt`',
      '(App/Bucket/Resource.Arn)',
      { 'Fn::GetAtt': ['Bucket1', 'Arn'] },
    ],
    ['a reference to `Ref` is its `Ref`', '(App/Bucket/Resource.Ref)', { Ref: 'Bucket1' }],
    [
      'a reference in a text is joined with it',
      '(App/Bucket/Resource.Arn)/reports/*',
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket1', 'Arn'] }, '/reports/*']] },
    ],
    [
      'a pseudo parameter is its `Ref`',
      'arn:(PARTITION):s3:::logs-(ACCOUNT)/*',
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::logs-', { Ref: 'AWS::AccountId' }, '/*']] },
    ],
    [
      'a reference to a resource not in the stack stays the text naming it',
      '(Other/Table/Resource.Arn)',
      '(Other/Table/Resource.Arn)',
    ],
    ['a wildcard stays a wildcard', '*', '*'],
    [
      'a template intrinsic stays as written',
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::a/*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::a/*' },
    ],
  ])('%s', (_, resource, written) => {
    expect(resourceWritten(resource)).toEqual(written);
  });

  it('adds the role with its name, trust, managed policies and construct path', () => {
    const { roles } = readPolicyReport({ roles: [reported('*')] }, FILE);
    const { template, paths } = withPrecreatedRoles(
      { Resources: { PrecreatedRoleAppFnServiceRole: { Type: 'AWS::S3::Bucket' } } },
      roles,
      () => undefined,
    );
    // The logical id of a resource of the template is not taken.
    expect(paths).toEqual(new Map([['PrecreatedRoleAppFnServiceRole2', 'App/Fn/ServiceRole']]));
    expect((template['Resources'] as Record<string, unknown>)['PrecreatedRoleAppFnServiceRole2']).toEqual({
      Type: 'AWS::IAM::Role',
      Metadata: { 'aws:cdk:path': 'App/Fn/ServiceRole', [PRECREATED_ROLE]: PRECREATED },
      Properties: {
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        },
        ManagedPolicyArns: [
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
            ],
          },
        ],
        Policies: [
          {
            PolicyName: 'iam-policy-report',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }],
            },
          },
        ],
      },
    });
  });

  it('leaves a template without roles to add as it is', () => {
    const template = { Resources: {} };
    expect(withPrecreatedRoles(template, [], () => undefined).template).toBe(template);
  });
});

describe('readPolicyReport', () => {
  it('reads the statements of the managed policies of the app with the identity statements', () => {
    const role: Record<string, unknown> = {
      ...reported('*'),
      managedPolicyStatements: [{ Action: 'sqs:*', Effect: 'Allow', Resource: '*' }],
    };
    const expected: PrecreatedRole = {
      constructPath: 'App/Fn/ServiceRole',
      pointer: '/roles/0',
      roleName: 'fn-role',
      assumeRolePolicy: role['assumeRolePolicy'] as unknown[],
      managedPolicyArns: role['managedPolicyArns'] as unknown[],
      statements: [
        { Action: 'sqs:*', Effect: 'Allow', Resource: '*' },
        { Action: 's3:GetObject', Effect: 'Allow', Resource: '*' },
      ],
    };
    expect(readPolicyReport({ roles: [role] }, FILE)).toEqual({ roles: [expected], errors: [] });
  });

  it('leaves out a role the report marks missing (CDK fails the synthesis on it, or synthesizes it)', () => {
    const missing = { ...reported('*'), roleName: 'missing role', missing: true };
    expect(readPolicyReport({ roles: [missing] }, FILE)).toEqual({ roles: [], errors: [] });
  });

  it.each([
    ['a report without `roles`', {}, '/roles', 'the IAM policy report has no `roles` list'],
    ['a role that is no object', { roles: ['App/Fn'] }, '/roles/0', 'a role of the IAM policy report is not an object'],
    [
      'a role without its path',
      { roles: [{ roleName: 'fn-role' }] },
      '/roles/0',
      'a role of the IAM policy report has no `roleConstructPath` and `roleName` (strings)',
    ],
    [
      'statements that are no list',
      { roles: [{ ...reported('*'), identityPolicyStatements: { Action: '*' } }] },
      '/roles/0/identityPolicyStatements',
      '`identityPolicyStatements` of a role of the IAM policy report is no list',
    ],
  ])('%s is an input error with its pointer', (_, report, pointer, message) => {
    expect(readPolicyReport(report, FILE)).toEqual({ roles: [], errors: [{ file: FILE, pointer, message }] });
  });

  it('asks no required boundary of a role of the report, but of a role a template marks so itself', () => {
    const config = { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } };
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const { roles } = readPolicyReport({ roles: [reported('*')] }, FILE);
    const fromReport = withPrecreatedRoles({ Resources: {} }, roles, () => undefined).template;
    // Metadata a template writes is text read from a file: it cannot stand for the report.
    const marked = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Metadata: { [PRECREATED_ROLE]: true },
          Properties: { AssumeRolePolicyDocument: trust },
        },
      },
    };
    const missing = (template: Record<string, unknown>): string[] =>
      guardStacks([templateSource(template, { file: 'app.template.json' })], config)
        .result.findings.filter((f) => f.ruleId === 'boundary/missing-required')
        .map((f) => f.location.logicalId ?? '');
    expect(missing(fromReport)).toEqual([]);
    expect(missing(marked)).toEqual(['Role']);
  });

  it('checks a role the app imports (no trust in the report) without a trust; a template still needs one', () => {
    // `Role.fromRoleArn` under `customizeRoles`: the report names the role, with no trust policy.
    const imported = { ...reported('*'), assumeRolePolicy: [], identityPolicyStatements: [] };
    const { roles } = readPolicyReport({ roles: [imported] }, FILE);
    const fromReport = withPrecreatedRoles({ Resources: {} }, roles, () => undefined).template;
    const run = guardStacks([templateSource(fromReport, { file: 'app.template.json' })], {});
    expect(run.result.findings.map((f) => f.ruleId)).toEqual([]);
    expect(run.result.errors).toEqual([]);
    // A role a template writes without a trust is still refused by CloudFormation.
    const written = { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'x' } } } };
    expect(
      guardStacks([templateSource(written, { file: 'app.template.json' })], {}).result.errors.map((e) => e.pointer),
    ).toEqual(['/Resources/Role/Properties/AssumeRolePolicyDocument']);
  });

  it('leaves out the statements a policy of the template attached to the role holds (checked there, not twice)', () => {
    const role = { ...reported('arn:(PARTITION):s3:::logs/*') };
    role['identityPolicyStatements'] = [
      { Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:(PARTITION):s3:::logs/*' },
      { Action: 'iam:PassRole', Effect: 'Allow', Resource: '*' },
    ];
    const { roles } = readPolicyReport({ roles: [role] }, FILE);
    const attached = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'Pol',
        Roles: ['fn-role'],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
        },
      },
    };
    const { template } = withPrecreatedRoles({ Resources: { Pol: attached } }, roles, () => undefined);
    const added = (template['Resources'] as Record<string, { Properties: Record<string, unknown> }>)[
      'PrecreatedRoleAppFnServiceRole'
    ];
    expect(added?.Properties['Policies']).toEqual([
      {
        PolicyName: 'iam-policy-report',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 's3:GetObject',
              Effect: 'Allow',
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::logs/*']] },
            },
          ],
        },
      },
    ]);
  });
});
