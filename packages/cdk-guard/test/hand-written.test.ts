/**
 * Templates written by hand: the checks CloudFormation makes before deploy (unknown functions,
 * names that resolve to nothing, cycles), SAM execution roles (Globals, managed policy names,
 * intrinsics), nested stacks, and managed policies chosen at deploy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valueToString } from '@iamgate/core';
import type { PolicyValue } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { SAM_TEMPLATE, withServerlessRoles } from '../src/extract/serverless';
import { Resolver } from '../src/resolve/intrinsics';
import { templateSource } from '../src/extract/stack-source';
import { loadInputs } from '../src/template/cloud-assembly';
import { checkReferences } from '../src/template/check-references';
import { ELEMENT_OF, expandResources } from '../src/template/language-extensions';
import { nestedStacks } from '../src/template/nested-stacks';
import { parseTemplate } from '../src/template/read-template';

const trust = {
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const role = (properties: Record<string, unknown> = {}): unknown => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: trust, ...properties },
});
const withResource = (resource: unknown): Record<string, unknown> => ({ Resources: { Role: resource } });

describe('references a template makes', () => {
  it.each([
    [
      'a Ref to a parameter',
      { Parameters: { P: { Type: 'String' } }, Resources: { Role: role({ RoleName: { Ref: 'P' } }) } },
    ],
    [
      'pseudo parameters in Ref and Fn::Sub',
      withResource(role({ RoleName: { 'Fn::Sub': '${AWS::StackName}-${AWS::Region}' } })),
    ],
    [
      'Fn::Sub variables and `${!Literal}`',
      withResource(role({ RoleName: { 'Fn::Sub': ['${X}-${!Y}', { X: 'a' }] } })),
    ],
    [
      'Fn::GetAtt and `${Res.Attr}` of resources',
      {
        Resources: {
          Q: { Type: 'AWS::SQS::Queue' },
          Role: role({ Path: { 'Fn::Sub': '/${Q.QueueName}/' }, RoleName: { 'Fn::GetAtt': ['Q', 'QueueName'] } }),
        },
      },
    ],
    [
      'a SAM template naming the resources the transform creates',
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: { Role: role({ RoleName: { Ref: 'ServerlessRestApi' } }) },
      },
    ],
    [
      'a SAM template naming what the transform makes of its resources (`<Function>Role`, `<Api>ProdStage`, `<Function>.Alias`)',
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Fn: { Type: 'AWS::Serverless::Function', Properties: {} },
          Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod' } },
          Role: role({
            RoleName: { 'Fn::Sub': '${FnRole}-${ApiProdStage}' },
            Path: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
            Description: { Ref: 'Fn.Alias' },
          }),
        },
      },
    ],
    [
      'a template with a `Fn::Transform` macro',
      withResource(role({ RoleName: { Ref: 'Made' }, X: { 'Fn::Transform': { Name: 'M' } } })),
    ],
    ['Fn::ForEach of the language extensions', withResource(role({ Tags: { 'Fn::ForEach::Tag': ['T', ['a'], {}] } }))],
    [
      'an Fn::If on a defined condition',
      {
        Conditions: { C: { 'Fn::Equals': ['a', 'b'] } },
        Resources: { Role: role({ Path: { 'Fn::If': ['C', '/a/', { Ref: 'AWS::NoValue' }] } }) },
      },
    ],
  ])('%s is valid', (_, template) => {
    expect(checkReferences('t.yaml', template)).toBeUndefined();
  });

  it.each([
    [
      'an unknown function',
      withResource(role({ RoleName: { 'Fn::Nope': 'x' } })),
      '/Resources/Role/Properties/RoleName/Fn::Nope',
      'unknown intrinsic function `Fn::Nope`',
    ],
    [
      'a Ref to nothing',
      withResource(role({ RoleName: { Ref: 'Missing' } })),
      '/Resources/Role/Properties/RoleName/Ref',
      '`Ref` names `Missing`, which is neither a parameter nor a resource',
    ],
    [
      'a Ref to nothing in a SAM template (the transform leaves it for CloudFormation to reject)',
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: { Environment: { Variables: { T: { Ref: 'Orders' } } } },
          },
        },
      },
      '/Resources/Fn/Properties/Environment/Variables/T/Ref',
      '`Ref` names `Orders`, which is neither a parameter nor a resource',
    ],
    [
      'a Ref to nothing in a template of the language extensions',
      { Transform: 'AWS::LanguageExtensions', Resources: { Role: role({ RoleName: { Ref: 'Missing' } }) } },
      '/Resources/Role/Properties/RoleName/Ref',
      '`Ref` names `Missing`, which is neither a parameter nor a resource',
    ],
    [
      'a GetAtt of a parameter',
      { Parameters: { P: { Type: 'String' } }, Resources: { Role: role({ RoleName: { 'Fn::GetAtt': 'P.Arn' } }) } },
      '/Resources/Role/Properties/RoleName/Fn::GetAtt',
      '`Fn::GetAtt` names `P`, which is not a resource of the template',
    ],
    [
      'DependsOn a missing resource',
      { Resources: { Role: { ...(role() as object), DependsOn: ['Gone'] } } },
      '/Resources/Role/DependsOn/0',
      '`DependsOn` names `Gone`, which is not a resource of the template',
    ],
    [
      'an undefined condition on a resource',
      { Resources: { Role: { ...(role() as object), Condition: 'IsProd' } } },
      '/Resources/Role/Condition',
      'condition `IsProd` is not defined in `Conditions`',
    ],
    [
      'a cycle through DependsOn',
      {
        Resources: { A: { ...(role() as object), DependsOn: 'B' }, B: role({ RoleName: { Ref: 'A' } }) },
      },
      '/Resources/B/Properties/RoleName/Ref',
      'circular dependency between resources: `A` -> `B` -> `A`',
    ],
    [
      'a cycle through 20,000 resources (checked without recursion, shown by its ends)',
      {
        Resources: Object.fromEntries(
          Array.from({ length: 20_000 }, (_, i) => [
            `R${i}`,
            { Type: 'AWS::SNS::Topic', DependsOn: `R${(i + 1) % 20_000}` },
          ]),
        ),
      },
      '/Resources/R19999/DependsOn',
      'circular dependency between resources: `R0` -> `R1` -> `R2` -> `R3` -> ... (19994 more) -> `R19998` -> `R19999` -> `R0`',
    ],
    [
      'a SAM function whose environment names the API whose definition names the function',
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: { Environment: { Variables: { API: { Ref: 'Api' } } } },
          },
          Api: {
            Type: 'AWS::Serverless::Api',
            Properties: { DefinitionBody: { uri: { 'Fn::Sub': '${Fn.Arn}' } } },
          },
        },
      },
      '/Resources/Api/Properties/DefinitionBody/uri/Fn::Sub',
      'circular dependency between resources: `Fn` -> `Api` -> `Fn`',
    ],
  ])('%s is an input error at its pointer', (_, template, pointer, message) => {
    expect(checkReferences('t.yaml', template)).toEqual({
      file: 't.yaml',
      pointer,
      message,
    });
  });
});

describe('SAM execution roles', () => {
  const fn = (properties: Record<string, unknown>): unknown => ({
    Type: 'AWS::Serverless::Function',
    Properties: properties,
  });
  const roleOf = (resources: Record<string, unknown>, globals?: Record<string, unknown>): Record<string, unknown> =>
    ((withServerlessRoles(resources, globals)['FnRole'] as Record<string, unknown>)['Properties'] ?? {}) as Record<
      string,
      unknown
    >;

  it('takes the permissions boundary from Globals unless the function sets its own', () => {
    const globals = { Function: { PermissionsBoundary: 'arn:aws:iam::1:policy/global' } };
    expect(roleOf({ Fn: fn({}) }, globals)['PermissionsBoundary']).toBe('arn:aws:iam::1:policy/global');
    expect(
      roleOf({ Fn: fn({ PermissionsBoundary: 'arn:aws:iam::1:policy/own' }) }, globals)['PermissionsBoundary'],
    ).toBe('arn:aws:iam::1:policy/own');
  });

  it('a function with `IgnoreGlobals` naming the boundary (or `*`) has none from Globals', () => {
    const globals = { Function: { PermissionsBoundary: 'arn:aws:iam::1:policy/global', RolePath: '/apps/' } };
    for (const ignore of [['PermissionsBoundary'], '*']) {
      const props = roleOf({ Fn: { ...(fn({}) as object), IgnoreGlobals: ignore } }, globals);
      expect(props['PermissionsBoundary']).toBeUndefined();
      expect(props['Path']).toBe(ignore === '*' ? undefined : '/apps/');
    }
  });

  it('joins the trust statements of Globals and of the function, as the transform merges lists', () => {
    const statement = (service: string): object => ({
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
    });
    const globals = { Function: { AssumeRolePolicyDocument: { Statement: [statement('lambda.amazonaws.com')] } } };
    const props = roleOf(
      {
        Fn: fn({
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement('edgelambda.amazonaws.com')] },
        }),
      },
      globals,
    );
    expect(props['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [statement('lambda.amazonaws.com'), statement('edgelambda.amazonaws.com')],
    });
  });

  it('takes a trust policy and a role path from the function', () => {
    const own = {
      Statement: [{ Effect: 'Allow', Principal: { Service: 'edgelambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const props = roleOf({ Fn: fn({ AssumeRolePolicyDocument: own, RolePath: '/fn/' }) });
    expect([props['AssumeRolePolicyDocument'], props['Path']]).toEqual([own, '/fn/']);
  });

  it.each([
    [
      'a managed policy name, with its path from the catalog',
      'AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ],
    [
      'a managed policy name at the root path',
      'AmazonS3ReadOnlyAccess',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ],
    ['an intrinsic naming a policy', { Ref: 'SharedPolicy' }, { Ref: 'SharedPolicy' }],
  ])('attaches %s', (_, entry, arn) => {
    expect(roleOf({ Fn: fn({ Policies: [entry] }) })['ManagedPolicyArns']).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      arn,
    ]);
  });

  it('keeps a policy under `!If` conditional, whatever its kind', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:q' }] };
    const noValue = { Ref: 'AWS::NoValue' };
    const props = roleOf({
      Fn: fn({ Policies: [{ 'Fn::If': ['On', 'AmazonS3ReadOnlyAccess', { 'Fn::If': ['Other', doc, noValue] }] }] }),
    });
    expect([props['ManagedPolicyArns'], props['Policies']]).toEqual([
      [
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        { 'Fn::If': ['On', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', noValue] },
      ],
      [
        {
          'Fn::If': [
            'On',
            noValue,
            { 'Fn::If': ['Other', { PolicyName: 'FnRolePolicy0', PolicyDocument: doc }, noValue] },
          ],
        },
      ],
    ]);
  });

  it('writes a policy template out as the inline policy SAM makes of it, its argument substituted', () => {
    const role = roleOf({ Fn: fn({ Policies: [{ SQSPollerPolicy: { QueueName: 'q' } }] }) });
    expect(role['ManagedPolicyArns']).toHaveLength(1);
    expect(role['Policies']).toEqual([
      {
        PolicyName: 'FnRoleSQSPollerPolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            expect.objectContaining({
              Effect: 'Allow',
              Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
              Resource: [
                {
                  'Fn::Sub': [
                    'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}',
                    { QueueName: 'q' },
                  ],
                },
              ],
            }),
          ],
        },
        // The template as written, whose parameters extract.ts checks once resolved.
        [SAM_TEMPLATE]: {
          name: 'SQSPollerPolicy',
          resource: 'Fn',
          pointer: '/Resources/Fn/Properties/Policies/0/SQSPollerPolicy',
          parameters: { QueueName: 'q' },
        },
      },
    ]);
  });
});

test('a value nested 20,000 levels deep in a resource is walked without overflowing the stack', () => {
  let deep: unknown = { Ref: 'Missing' };
  for (let i = 0; i < 20_000; i++) deep = [deep];
  expect(() => checkReferences('t.yaml', { Resources: { Role: role({ Tags: deep }) } })).not.toThrow();
});

describe('nested stacks', () => {
  it('tells local templates from URLs, applications and expressions', () => {
    const stack = (props: Record<string, unknown>, type = 'AWS::CloudFormation::Stack'): unknown => ({
      Type: type,
      Properties: props,
    });
    const found = nestedStacks({
      Resources: {
        Local: stack({ TemplateURL: 'child/roles.yaml' }),
        Remote: stack({ TemplateURL: 'https://b.s3.amazonaws.com/t.yaml' }),
        S3: stack({ TemplateURL: 's3://b/t.yaml' }),
        Computed: stack({ TemplateURL: { 'Fn::Sub': 'https://${B}/t.yaml' } }),
        App: stack(
          { Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:1:applications/x' } },
          'AWS::Serverless::Application',
        ),
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    });
    expect(found.map((n) => [n.logicalId, n.localPath ?? null, n.shown])).toEqual([
      ['Local', 'child/roles.yaml', 'child/roles.yaml'],
      ['Remote', null, 'https://b.s3.amazonaws.com/t.yaml'],
      ['S3', null, 's3://b/t.yaml'],
      ['Computed', null, 'an expression'],
      ['App', null, 'application arn:aws:serverlessrepo:us-east-1:1:applications/x'],
    ]);
  });

  it('reads a local nested template once per nesting (not again when given), and reports a remote one as not checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-nested-'));
    try {
      const child = { Resources: { ChildRole: role() } };
      const parent = {
        Resources: {
          A: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.json' } },
          B: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.json' } },
          C: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x/t.json' } },
        },
      };
      writeFileSync(join(dir, 'child.json'), JSON.stringify(child));
      writeFileSync(join(dir, 'parent.json'), JSON.stringify(parent));
      const { stacks, errors } = await loadInputs(['parent.json', 'child.json'], dir);
      expect(errors).toEqual([]);
      expect(stacks.map((s) => [s.file, s.nestingPath ?? null])).toEqual([
        ['parent.json', null],
        ['child.json', 'A'],
        ['child.json', 'B'],
      ]);
      const input = extractStacks(stacks);
      expect(input.policies.map((p) => [p.policy.location.logicalId, p.policy.unresolved?.references])).toEqual([
        ['C', ['https://x/t.json']],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('managed policies chosen at deploy', () => {
  const attached = (arn: unknown, parameters: Record<string, unknown> = {}): [string, string | undefined][] => {
    const input = extractStacks([
      templateSource(
        { Parameters: parameters, Resources: { Role: role({ ManagedPolicyArns: [arn] }) } },
        { file: 't.json' },
      ),
    ]);
    return (input.principals[0]?.policies ?? []).map((p) => [
      valueToString(p.arn as PolicyValue),
      p.policy?.unresolved === undefined ? undefined : 'unresolved',
    ]);
  };

  it.each([
    ['a parameter', { Ref: 'Extra' }, { Extra: { Type: 'String' } }],
    ['an import', { 'Fn::ImportValue': 'shared-Policy' }, {}],
    // Created outside the template (an organization's policy): its document is nowhere in the input.
    ['a customer policy named in the own account', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/team' }, {}],
  ])('%s is unresolved: it may grant anything', (_, arn, parameters) => {
    expect(attached(arn, parameters)[0]?.[1]).toBe('unresolved');
  });

  it('an AWS managed policy in the partition is attached by its ARN (the engine reads it from the catalog)', () => {
    expect(attached({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess' })[0]?.[1]).toBeUndefined();
  });

  it('a customer policy another stack of the assembly defines is left to that stack, found by name', () => {
    const input = extractStacks([
      templateSource(
        {
          Resources: {
            Role: role({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/team' }] }),
          },
        },
        { file: 'b.json' },
      ),
      templateSource(
        {
          Resources: {
            Team: {
              Type: 'AWS::IAM::ManagedPolicy',
              Properties: {
                ManagedPolicyName: 'team',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
                },
              },
            },
          },
        },
        { file: 'a.json' },
      ),
    ]);
    expect(input.principals[0]?.policies.map((p) => p.policy)).toEqual([undefined]);
    expect(input.policies.map((p) => p.policy.location.logicalId)).toEqual(['Team']);
  });
});

describe('Fn::ForEach of the language extensions', () => {
  it('replaces the identifier in keys, Ref and Fn::Sub (not in a Sub variable of that name), loops nested', () => {
    const expanded = expandResources(
      {
        'Fn::ForEach::Outer': [
          'Env',
          ['dev', 'prod-eu'],
          {
            'Fn::ForEach::Inner': [
              'App',
              { Ref: 'Apps' },
              {
                '&{Env}${App}Topic': {
                  Type: 'AWS::SNS::Topic',
                  Properties: {
                    TopicName: { 'Fn::Sub': '${App}-${Env}' },
                    DisplayName: { Ref: 'Env' },
                    KmsMasterKeyId: { 'Fn::Sub': ['${Env}', { Env: 'x' }] },
                  },
                },
              },
            ],
          },
        ],
      },
      { Apps: { Type: 'CommaDelimitedList', Default: 'api' } },
    );
    expect(expanded).toEqual({
      ok: true,
      parameters: {},
      resources: {
        devapiTopic: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            TopicName: { 'Fn::Sub': 'api-dev' },
            DisplayName: 'dev',
            KmsMasterKeyId: { 'Fn::Sub': ['${Env}', { Env: 'x' }] },
          },
        },
        prodeuapiTopic: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            TopicName: { 'Fn::Sub': 'api-prod-eu' },
            DisplayName: 'prod-eu',
            KmsMasterKeyId: { 'Fn::Sub': ['${Env}', { Env: 'x' }] },
          },
        },
      },
    });
  });

  it('over a collection known only at deploy: the output template once, its identifier a parameter made for it', () => {
    const template = {
      '${Name}Queue': { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'jobs-${Name}' } } },
    };
    expect(
      expandResources(
        { 'Fn::ForEach::Queues': ['Name', { Ref: 'Names' }, template] },
        {
          Names: { Type: 'CommaDelimitedList' },
        },
      ),
    ).toEqual({
      ok: true,
      parameters: { Name: { Type: 'String', [ELEMENT_OF]: 'parameter `Names`' } },
      resources: template,
    });
  });

  it('an identifier that is also a parameter, over a collection known only at deploy, is an input error', () => {
    expect(
      expandResources(
        { 'Fn::ForEach::L': ['Env', { Ref: 'Names' }, { Topic: { Type: 'AWS::SNS::Topic' } }] },
        {
          Names: { Type: 'CommaDelimitedList' },
          Env: { Type: 'String' },
        },
      ),
    ).toEqual({
      ok: false,
      pointer: '/Resources/Fn::ForEach::L/0',
      message: 'the identifier `Env` of `Fn::ForEach::L` is also the name of a parameter',
    });
  });

  it.each([
    [
      'a key made twice',
      { 'Fn::ForEach::L': ['X', ['a', 'b'], { Same: { Type: 'AWS::SNS::Topic' } }] },
      '/Resources/Fn::ForEach::L',
      '`Fn::ForEach` makes resource `Same` twice',
    ],
    [
      'a malformed loop',
      { 'Fn::ForEach::L': ['X', ['a']] },
      '/Resources/Fn::ForEach::L',
      '`Fn::ForEach::L` must be [identifier, collection, output template]',
    ],
  ])('%s is an input error', (_, resources, pointer, message) => {
    expect(expandResources(resources, {})).toEqual({ ok: false, pointer, message });
  });
});

describe('YAML a template cannot hold', () => {
  it.each([
    [
      'a collection as a key',
      'Resources:\n  ? [a]\n  : 1\n',
      'invalid YAML at line 2, column 5: a mapping key must be a plain string',
    ],
    [
      'an intrinsic as a key',
      'Resources:\n  !Ref X: 1\n',
      'invalid YAML at line 2, column 8: a mapping key must be a plain string',
    ],
    [
      'an unknown short form',
      'Resources: !Nope x\n',
      'invalid YAML at line 1, column 12: unknown intrinsic function `!Nope`',
    ],
    [
      'a flow map left open (the place said once)',
      'Resources:\n  R:\n    Properties: {a: [1]\n',
      'invalid YAML at line 4, column 1: flow map in block collection must be sufficiently indented and end with a }',
    ],
  ])('%s is an input error', (_, text, message) => {
    expect(parseTemplate('t.yaml', text)).toEqual({ ok: false, error: { file: 't.yaml', message } });
  });

  it('a standard tag on a key is a string key', () => {
    const parsed = parseTemplate(
      't.yaml',
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      !!str 5: x\n',
    );
    expect(parsed.ok).toBe(true);
  });
});

describe('YAML read as CloudFormation reads it (YAML 1.1)', () => {
  /** The properties of resource `R` of a YAML template whose property `V` is written as `value`. */
  const property = (value: string): unknown => {
    const parsed = parseTemplate(
      't.yaml',
      `Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      V: ${value}\n`,
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    return (
      (parsed.template['Resources'] as Record<string, { Properties: Record<string, unknown> }>)['R'] as {
        Properties: Record<string, unknown>;
      }
    ).Properties['V'];
  };

  it.each([
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['on', true],
    ['ON', true],
    ['no', false],
    ['No', false],
    ['off', false],
    ['Off', false],
    ['true', true],
    ['y', 'y'],
    ['n', 'n'],
    ["'no'", 'no'],
    ['012345670123', 1402433619],
    ['012345678901', '012345678901'],
    ['123456789012', 123456789012],
    ['0', 0],
    ['2012-10-17', '2012-10-17'],
  ])('a plain `%s` is %p', (written, read) => {
    expect(property(written)).toEqual(read);
  });

  it('merge keys take the keys of the anchored map, the keys written beside them win', () => {
    const parsed = parseTemplate(
      't.yaml',
      [
        'Resources:',
        '  A: &base',
        '    Type: AWS::SQS::Queue',
        '    Properties: {QueueName: a, DelaySeconds: 5}',
        '  B:',
        '    <<: *base',
        '    Properties:',
        '      <<: {QueueName: b, DelaySeconds: 5}',
        '      QueueName: c',
      ].join('\n'),
    );
    expect(parsed.ok && parsed.template['Resources']).toEqual({
      A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'a', DelaySeconds: 5 } },
      B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'c', DelaySeconds: 5 } },
    });
  });

  it.each([
    [
      'YAML',
      'Resources:\n  Q:\n    Type: AWS::SNS::Topic\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: a\n      QueueName: b\n',
    ],
    [
      'JSON',
      '{"Resources": {"Q": {"Type": "AWS::SNS::Topic"}, "Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "a", "QueueName": "b"}}}}',
    ],
  ])('%s: a logical id or a property given twice is the last one, as CloudFormation deploys it', (_, text) => {
    const parsed = parseTemplate('t', text);
    expect(parsed.ok && parsed.template['Resources']).toEqual({
      Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'b' } },
    });
  });
});

describe('intrinsic functions nested deep', () => {
  /** A template whose policy `Resource` is `"*"` inside `depth` nested `Fn::Join`s. */
  const joined = (depth: number): string => {
    let value = '"*"';
    for (let i = 0; i < depth; i++) value = `{"Fn::Join":["",[${value}]]}`;
    return `{"Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":${value}}]}}}}}`;
  };
  const resourceOf = (text: string): unknown => {
    const parsed = parseTemplate('t.json', text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const input = extractStacks([templateSource(parsed.template, { file: 't.json' })]);
    return (input.policies[0]?.policy.document as { Statement: { Resource: unknown }[] }).Statement[0]?.Resource;
  };

  it.each([40, 100])('%i levels are read to the end (past 32 the value was cut short as an unknown)', (depth) => {
    expect(resourceOf(joined(depth))).toBe('*');
  });

  it('more than 100 levels is one input error at the function past the limit', () => {
    const parsed = parseTemplate('t.json', joined(101));
    expect(parsed.ok ? undefined : parsed.error).toEqual({
      file: 't.json',
      pointer: `/Resources/P/Properties/PolicyDocument/Statement/0/Resource${'/Fn::Join/1/0'.repeat(100)}`,
      message: expect.stringContaining('intrinsic functions nest more than 100 deep here') as unknown,
    });
  });
});

describe('functions of the language extensions', () => {
  const resolver = new Resolver({
    key: 't',
    partition: 'aws',
    resource: () => undefined,
    parameters: { P: { Type: 'String' }, L: { Type: 'CommaDelimitedList' } },
    mappings: {},
    conditions: {},
  });

  it.each([
    ['Fn::ToJsonString of a known value is its JSON text', { 'Fn::ToJsonString': { a: ['b', 1] } }, '{"a":["b",1]}'],
    ['Fn::Length counts a list, less AWS::NoValue', { 'Fn::Length': ['a', { Ref: 'AWS::NoValue' }, 'b'] }, 2],
  ])('%s', (_, expression, expected) => {
    expect(resolver.resolve(expression)).toEqual(expected);
  });

  it.each([
    [
      'Fn::ToJsonString of a parameter is JSON text with the parameter a hole in its string',
      { 'Fn::ToJsonString': { a: { Ref: 'P' }, b: [{ 'Fn::Sub': 'x"${P}' }, { Ref: 'AWS::NoValue' }], c: 1 } },
      '{"a":"${the value of parameter `P`}","b":["x\\"${the value of parameter `P`}"],"c":1}',
    ],
  ])('%s', (_, expression, expected) => {
    expect(valueToString(resolver.resolve(expression) as PolicyValue)).toBe(expected);
  });

  it.each([
    ['Ref of a function giving the name of a parameter', { Ref: { 'Fn::Sub': 'P' } }, '${the value of parameter `P`}'],
    [
      'Fn::GetAtt of a function giving a logical id',
      { 'Fn::GetAtt': [{ 'Fn::Join': ['', ['Ta', 'ble']] }, 'Arn'] },
      '${the Arn of `Table`}',
    ],
  ])('%s is that reference', (_, expression, expected) => {
    expect(valueToString(resolver.resolve(expression) as PolicyValue)).toBe(expected);
  });

  it.each([
    ['Fn::ToJsonString of a list parameter', { 'Fn::ToJsonString': { a: { Ref: 'L' } } }],
    ['Fn::Length of a list parameter', { 'Fn::Length': { Ref: 'L' } }],
    ['Fn::Length of a list holding a list parameter (any number of elements)', { 'Fn::Length': [{ Ref: 'L' }] }],
  ])('%s is a hole', (_, expression) => {
    expect(valueToString(resolver.resolve(expression) as PolicyValue)).toMatch(/^\$\{/);
  });
});

describe('keys given twice inside a policy document', () => {
  /** `[policy name, pointer, key]` of each duplicate the extractor hands over with a policy. */
  const duplicatesOf = (file: string, text: string): [string, string, string][] => {
    const parsed = parseTemplate(file, text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const input = extractStacks([templateSource(parsed.template, { file })]);
    const sources = [
      ...input.principals.flatMap((p) => [
        ...(p.trustPolicy === undefined ? [] : [p.trustPolicy]),
        ...p.policies.flatMap((a) => (a.policy === undefined ? [] : [a.policy])),
      ]),
      ...input.resources.map((r) => r.policy),
      ...input.policies.map((p) => p.policy),
    ];
    return sources.flatMap((s) =>
      (s.duplicateKeys ?? []).map((d): [string, string, string] => [s.name, d.pointer, d.key]),
    );
  };
  const ROLE_YAML = (statement: string): string =>
    [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      QueueName: a',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      statement,
    ].join('\n');

  it.each([
    [
      'YAML: `Action` twice in one statement',
      ROLE_YAML('              - {Effect: Allow, Action: s3:GetObject, Resource: "*", Action: s3:PutObject}'),
      [['p', '/Statement/0/Action', 'Action']],
    ],
    [
      'YAML: an operator twice in a `Condition`, inside a short-form `!If`',
      ROLE_YAML(
        '              - !If [C, {Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: {StringEquals: {a: b}, StringEquals: {c: d}}}, !Ref AWS::NoValue]',
      ).replace('Resources:', 'Conditions: {C: !Equals [!Ref AWS::Region, us-east-1]}\nResources:'),
      // Into the document handed over, whose statement 0 is that branch (findings point at the branch).
      [['p', '/Statement/0/Condition/StringEquals', 'StringEquals']],
    ],
    [
      'YAML: a key beside a merge key overrides it, no duplicate',
      ROLE_YAML('              - {<<: {Effect: Allow, Action: "s3:*"}, Action: s3:GetObject, Resource: "*"}'),
      [],
    ],
    [
      'JSON: `Condition` twice, and a key twice outside any policy (not handed over)',
      JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }).replace(
        '"Type":"AWS::S3::Bucket"}',
        '"Type":"AWS::S3::Bucket","Properties":{"BucketName":"a","BucketName":"b"}},"BP":{"Type":"AWS::S3::BucketPolicy","Properties":{"Bucket":"b","PolicyDocument":{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]}}}',
      ),
      [['BP', '/Statement/0/Condition', 'Condition']],
    ],
    [
      'a policy given as JSON text in YAML',
      [
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        `      AssumeRolePolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole", "Action": "sts:TagSession"}]}'`,
      ].join('\n'),
      [['Role trust policy', '/Statement/0/Action', 'Action']],
    ],
  ])('%s', (_, text, expected) => {
    const file = text.startsWith('{') ? 't.json' : 't.yaml';
    expect(duplicatesOf(file, text)).toEqual(expected);
  });
});
