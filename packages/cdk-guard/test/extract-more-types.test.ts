/** Types read with an extraction of their own: function URLs, table streams and global table replicas, permission sets, organization policies. */
import { valueToString } from '@iamgate/core';
import type { ScanInput, SymbolicValue } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';
import { guardStacks } from '../src/guard';

const doc = (statement: object): object => ({ Version: '2012-10-17', Statement: [statement] });
const open = (action: string): object => ({ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' });

function extract(resources: Record<string, object>): ScanInput {
  return extractStacks([templateSource({ Resources: resources }, { file: 'app.json', stackName: 'App' })]);
}
const text = (value: unknown): string | undefined =>
  value === undefined
    ? undefined
    : valueToString(value as string | SymbolicValue).replace(/\$\{the (region|account) of the stack\}/g, '?');

describe('policies that need their own extraction', () => {
  it('a function URL without authentication is a public statement on the function; an AWS_IAM one is none', () => {
    const input = extract({
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'api' } },
      Public: {
        Type: 'AWS::Lambda::Url',
        Properties: { TargetFunctionArn: { Ref: 'Fn' }, AuthType: 'NONE', Qualifier: 'live' },
      },
      Signed: {
        Type: 'AWS::Lambda::Url',
        Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'AWS_IAM' },
      },
    });
    expect(input.resources.map((r) => [r.id, text(r.arn)])).toEqual([
      ['App/Public', 'arn:aws:lambda:?:?:function:api'],
    ]);
    const [statement] = (input.resources[0]?.policy.document as { Statement: Record<string, unknown>[] }).Statement;
    expect([
      statement?.['Principal'],
      statement?.['Action'],
      text(statement?.['Resource']),
      statement?.['Condition'],
    ]).toEqual([
      '*',
      'lambda:InvokeFunctionUrl',
      'arn:aws:lambda:?:?:function:api:live',
      { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    ]);
  });

  it("a table's stream policy and each global table replica's policies are resource policies of their own", () => {
    const input = extract({
      Orders: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'orders',
          ResourcePolicy: { PolicyDocument: doc(open('dynamodb:GetItem')) },
          StreamSpecification: {
            StreamViewType: 'NEW_IMAGE',
            ResourcePolicy: { PolicyDocument: doc(open('dynamodb:GetRecords')) },
          },
        },
      },
      Global: {
        Type: 'AWS::DynamoDB::GlobalTable',
        Properties: {
          TableName: 'carts',
          Replicas: [
            { Region: 'us-east-1' },
            {
              Region: 'eu-west-1',
              ResourcePolicy: { PolicyDocument: doc(open('dynamodb:PutItem')) },
              ReplicaStreamSpecification: {
                ResourcePolicy: { PolicyDocument: JSON.stringify(doc(open('dynamodb:GetRecords'))) },
              },
            },
          ],
        },
      },
    });
    expect(input.resources.map((r) => [r.id, text(r.arn)?.replace(/\$\{[^}]*suffix[^}]*\}/, 'S')])).toEqual([
      ['App/Orders#stream', 'arn:aws:dynamodb:?:?:table/orders/stream/S'],
      ['App/Orders', 'arn:aws:dynamodb:?:?:table/orders'],
      ['App/Global#replica:eu-west-1', 'arn:aws:dynamodb:eu-west-1:?:table/carts'],
      ['App/Global#replica:eu-west-1:stream', 'arn:aws:dynamodb:eu-west-1:?:table/carts/stream/S'],
    ]);
    expect(input.resources.every((r) => r.policy.document !== undefined)).toBe(true);
  });

  describe('a global table replica is the table in its own Region', () => {
    const replicaTable = (region: unknown): object => ({
      Global: {
        Type: 'AWS::DynamoDB::GlobalTable',
        Properties: {
          TableName: 'carts',
          Replicas: [
            { Region: 'ap-south-1' },
            {
              Region: region,
              ResourcePolicy: { PolicyDocument: doc(open('dynamodb:GetItem')) },
              ReplicaStreamSpecification: { ResourcePolicy: { PolicyDocument: doc(open('dynamodb:GetRecords')) } },
            },
          ],
        },
      },
    });

    it.each([
      ['a replica in another Region than the stack', 'eu-west-1', 'us-east-1', 'eu-west-1'],
      ["a replica in the stack's Region (`AWS::Region`)", { Ref: 'AWS::Region' }, 'us-east-1', 'us-east-1'],
      ['a replica named in a stack of unknown Region', 'eu-west-1', undefined, 'eu-west-1'],
      ['a replica whose Region is the stack`s, unknown', { Ref: 'AWS::Region' }, undefined, '?'],
    ])(
      '%s: its policies protect the table there, their public grants still found',
      (_, region, stackRegion, arnRegion) => {
        const stacks = [
          templateSource(
            { Resources: replicaTable(region) },
            {
              file: 'app.json',
              stackName: 'App',
              account: '111122223333',
              ...(stackRegion === undefined ? {} : { region: stackRegion }),
            },
          ),
        ];
        const replicas = extractStacks(stacks).resources;
        expect(replicas.map((r) => text(r.arn)?.replace(/\$\{[^}]*suffix[^}]*\}/, 'S'))).toEqual([
          `arn:aws:dynamodb:${arnRegion}:111122223333:table/carts`,
          `arn:aws:dynamodb:${arnRegion}:111122223333:table/carts/stream/S`,
        ]);
        const findings = guardStacks(stacks, {}).result.findings.filter((f) =>
          f.ruleId.startsWith('resource-exposure/'),
        );
        expect(findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([
          ['resource-exposure/public-principal', '/Statement/0'],
          ['resource-exposure/public-principal', '/Statement/0'],
        ]);
      },
    );
  });

  it('a permission set is the role it provisions; a service control policy is an scp, a tag policy nothing', () => {
    const input = extract({
      Ops: {
        Type: 'AWS::SSO::PermissionSet',
        Properties: {
          Name: 'Ops',
          InlinePolicy: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
          ManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::111122223333:policy/boundary' },
        },
      },
      Scp: {
        Type: 'AWS::Organizations::Policy',
        Properties: {
          Name: 'guard',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
        },
      },
      Tags: {
        Type: 'AWS::Organizations::Policy',
        Properties: { Name: 'tags', Type: 'TAG_POLICY', Content: { tags: {} } },
      },
    });
    const [ops] = input.principals;
    expect([
      ops?.id,
      ops?.kind,
      text(ops?.name),
      ops?.path,
      ops?.policies.map((p) => p.kind),
      ops?.permissionsBoundary?.arn,
    ]).toEqual([
      'App/Ops',
      'role',
      'Ops',
      '/aws-reserved/sso.amazonaws.com/',
      ['inline', 'aws-managed'],
      'arn:aws:iam::111122223333:policy/boundary',
    ]);
    expect(input.policies.map((p) => [p.type, p.policy.name])).toEqual([['scp', 'guard']]);
    expect(input.errors).toEqual([]);
  });
});

describe('shares as the statements granting what they share', () => {
  function sharedWith(principals: unknown[]): unknown[] {
    const input = extractStacks([
      templateSource(
        {
          Parameters: { OrgId: { Type: 'String' } },
          Resources: {
            Org: { Type: 'AWS::Organizations::Organization', Properties: { FeatureSet: 'ALL' } },
            Share: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 's', Principals: principals } },
          },
        },
        { file: 'app.json', stackName: 'App' },
      ),
    ]);
    const statements = (
      input.resources.find((r) => r.id === 'App/Share')?.policy.document as
        { Statement?: Record<string, unknown>[] } | undefined
    )?.Statement;
    return (statements ?? []).map((s): unknown =>
      JSON.parse(
        JSON.stringify({ Principal: s['Principal'], Condition: s['Condition'] }, (_k, v: unknown) =>
          typeof v === 'object' && v !== null && 'parts' in v ? text(v) : v,
        ),
      ),
    );
  }

  it.each([
    ['an account id is its root', '444455556666', { Principal: { AWS: 'arn:aws:iam::444455556666:root' } }],
    [
      'an organization by ARN is every principal of it',
      'arn:aws:organizations::111122223333:organization/o-zz99yy88xx',
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' } } },
    ],
    [
      'an organization whose ARN names the account of the stack is still that organization',
      { 'Fn::Sub': 'arn:aws:organizations::${AWS::AccountId}:organization/o-zz99yy88xx' },
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' } } },
    ],
    [
      'a unit whose ARN names the account of the stack is every principal under it',
      { 'Fn::Sub': 'arn:aws:organizations::${AWS::AccountId}:ou/o-zz99yy88xx/ou-zz99-11112222' },
      {
        Principal: '*',
        Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zz99yy88xx/*/ou-zz99-11112222/*' } },
      },
    ],
    [
      'an organization given by a parameter is that parameter, for the rules to call unverifiable',
      { 'Fn::Sub': 'arn:aws:organizations::111122223333:organization/${OrgId}' },
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': '${the value of parameter `OrgId`}' } } },
    ],
    [
      'the organization the template creates, by its ARN, is that organization (the trusted one when one is listed)',
      { 'Fn::GetAtt': ['Org', 'Arn'] },
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': '${the id of organization `Org`}' } } },
    ],
    [
      'an account given by a parameter is its root',
      { Ref: 'OrgId' },
      { Principal: { AWS: 'arn:aws:iam::${the value of parameter `OrgId`}:root' } },
    ],
  ])('%s', (_name, principal, statement) => {
    expect(sharedWith([principal])).toEqual([statement]);
  });

  it('a service principal is left: it is AWS, not a grantee to judge', () => {
    expect(sharedWith(['ec2.amazonaws.com', '444455556666'])).toEqual([
      { Principal: { AWS: 'arn:aws:iam::444455556666:root' } },
    ]);
  });
});

describe('a license grant and an endpoint authorization as the statements granting what they share', () => {
  function statementsOf(resources: Record<string, object>): Record<string, unknown>[] {
    const input = extractStacks([
      templateSource(
        { Parameters: { Partner: { Type: 'String' } }, Resources: resources },
        { file: 'app.json', stackName: 'App', account: '111122223333', region: 'eu-west-1' },
      ),
    ]);
    return input.resources.flatMap(
      (r) => (r.policy.document as { Statement?: Record<string, unknown>[] } | undefined)?.Statement ?? [],
    );
  }

  it('a license grant lets each principal check out the license', () => {
    const license = 'arn:aws:license-manager::111122223333:license:l-0123456789abcdef0123456789abcdef';
    const [statement] = statementsOf({
      Grant: {
        Type: 'AWS::LicenseManager::Grant',
        Properties: { LicenseArn: license, Principals: ['arn:aws:iam::777788889999:root'] },
      },
    });
    expect(statement).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'license-manager:CheckoutLicense',
      Resource: license,
    });
  });

  it('an endpoint authorization lets its account create endpoints to the cluster its identifier names', () => {
    const [statement] = statementsOf({
      Auth: {
        Type: 'AWS::Redshift::EndpointAuthorization',
        Properties: { ClusterIdentifier: 'analytics', Account: { Ref: 'Partner' } },
      },
    });
    expect([text(statement?.['Resource']), text((statement?.['Principal'] as { AWS: unknown }).AWS)]).toEqual([
      'arn:aws:redshift:eu-west-1:111122223333:cluster:analytics',
      'arn:aws:iam::${the value of parameter `Partner`}:root',
    ]);
    expect(statement?.['Action']).toBe('redshift:CreateEndpointAccess');
  });

  it('an OpenSearch Serverless data access policy lets its IAM principals reach the collections (SAML groups left), as tf-scan reads it', () => {
    const rules = [
      { ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] },
      { ResourceType: 'dashboard', Resource: ['collection/logs'], Permission: ['aoss:*'] },
    ];
    const statements = statementsOf({
      Access: {
        Type: 'AWS::OpenSearchServerless::AccessPolicy',
        Properties: {
          Name: 'access',
          Type: 'data',
          Policy: JSON.stringify([
            { Rules: rules, Principal: ['777788889999', 'saml/111122223333/idp/group/analysts'] },
            { Rules: rules, Principal: ['saml/111122223333/idp/user/ana'] },
          ]),
        },
      },
    });
    expect(statements).toHaveLength(1);
    expect((statements[0]?.['Principal'] as { AWS: unknown[] }).AWS).toEqual(['arn:aws:iam::777788889999:root']);
    expect(statements[0]?.['Action']).toEqual(['aoss:APIAccessAll', 'aoss:DashboardsAccessAll']);
    expect((statements[0]?.['Resource'] as unknown[]).map(text)).toEqual([
      'arn:aws:aoss:eu-west-1:111122223333:collection/*',
      'arn:aws:aoss:eu-west-1:111122223333:dashboards/default',
    ]);
  });

  it('an OpenSearch Serverless data access policy of one entry, not in a list, is read as tf-scan reads it', () => {
    const statements = statementsOf({
      Access: {
        Type: 'AWS::OpenSearchServerless::AccessPolicy',
        Properties: {
          Name: 'access',
          Type: 'data',
          Policy: JSON.stringify({
            Rules: [{ ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] }],
            Principal: ['777788889999'],
          }),
        },
      },
    });
    expect(statements.map((s) => [(s['Principal'] as { AWS: unknown }).AWS, s['Action']])).toEqual([
      [['arn:aws:iam::777788889999:root'], ['aoss:APIAccessAll']],
    ]);
  });

  it.each([
    ['no JSON', '[{', [], ['/Resources/Access/Properties/Policy']],
    ['JSON of no entry', '42', [], ['/Resources/Access/Properties/Policy']],
    ['a list of no entry', '[42]', [], ['/Resources/Access/Properties/Policy']],
    [
      'a list of an entry and a text',
      '[{"Rules": [], "Principal": ["*"]}, "x"]',
      [],
      ['/Resources/Access/Properties/Policy'],
    ],
  ])(
    'an OpenSearch Serverless data access policy that is %s is reported, not left out',
    (_what, policy, findings, errors) => {
      const { result } = guardStacks(
        [
          templateSource(
            {
              Resources: {
                Access: {
                  Type: 'AWS::OpenSearchServerless::AccessPolicy',
                  Properties: { Name: 'a', Type: 'data', Policy: policy },
                },
              },
            },
            { file: 'app.json', stackName: 'App' },
          ),
        ],
        {},
      );
      expect(result.findings.map((f) => [f.ruleId, f.evidence?.['code']])).toEqual(findings);
      expect(result.errors.map((e) => e.pointer)).toEqual(errors);
    },
  );

  it("a Transfer Family user's session policy is linted as one: a misspelt action found, `*` no grant", () => {
    const user = (name: string, statement: object): object => ({
      Type: 'AWS::Transfer::User',
      Properties: { ServerId: 's-1234567890abcdef0', UserName: name, Policy: JSON.stringify(doc(statement)) },
    });
    const home = 'arn:aws:s3:::${transfer:HomeDirectory}*';
    const { result } = guardStacks(
      [
        templateSource(
          {
            Resources: {
              Alice: user('alice', { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: home }),
              Bob: user('bob', { Effect: 'Allow', Action: 's3:GetObjects', Resource: home }),
              Carol: user('carol', { Effect: 'Allow', Action: '*', Resource: '*' }),
              Dave: { Type: 'AWS::Transfer::User', Properties: { ServerId: 's-1234567890abcdef0', UserName: 'dave' } },
            },
          },
          { file: 'app.json', stackName: 'App' },
        ),
      ],
      {},
    );
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.location.logicalId, f.location.pointer])).toEqual([
      ['policy-validity/unknown-action', 'Bob', '/Statement/0/Action'],
    ]);
  });
});
