/**
 * The resource policy SAM writes for an `AWS::Serverless::Api` from `Auth.ResourcePolicy`: one
 * table row per key, the statements compared after resolution (stage and method path in the
 * resources), and the API judged as the `AWS::ApiGateway::RestApi` the transform creates.
 */
import { SymbolicValue, valueToString } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';

const API_ARN =
  'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `Api`}';

function policyOf(resources: Record<string, unknown>, apiId = 'Api', globals?: Record<string, unknown>): unknown {
  const input = extractStacks([
    templateSource({
      Transform: 'AWS::Serverless-2016-10-31',
      ...(globals === undefined ? {} : { Globals: globals }),
      Resources: resources,
    }),
  ]);
  const api = input.resources.find((r) => r.location.logicalId === apiId);
  return JSON.parse(
    JSON.stringify(api?.policy?.document ?? null, (_k, v: unknown) =>
      v instanceof SymbolicValue ? valueToString(v) : v,
    ),
  );
}

const withRoute = (auth: Record<string, unknown>): Record<string, unknown> => ({
  Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod', Auth: { ResourcePolicy: auth } } },
  Fn: {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Events: { Get: { Type: 'Api', Properties: { RestApiId: { Ref: 'Api' }, Path: '/orders/{id}/', Method: 'get' } } },
    },
  },
});

const ROUTE = [`${API_ARN}/prod/GET/orders/*`];
const invoke = (effect: string, principal: unknown, condition?: unknown): object => ({
  Effect: effect,
  Principal: principal,
  Action: 'execute-api:Invoke',
  Resource: ROUTE,
  ...(condition === undefined ? {} : { Condition: condition }),
});

describe('Auth.ResourcePolicy keys, as the SAM transform writes them on each route', () => {
  it.each([
    [
      'AwsAccountWhitelist: an Allow for the accounts',
      { AwsAccountWhitelist: ['111122223333'] },
      [invoke('Allow', { AWS: ['111122223333'] })],
    ],
    [
      'AwsAccountBlacklist: a Deny for the accounts',
      { AwsAccountBlacklist: ['111122223333'] },
      [invoke('Deny', { AWS: ['111122223333'] })],
    ],
    [
      'IpRangeWhitelist: Allow `*`, Deny NotIpAddress',
      { IpRangeWhitelist: ['203.0.113.0/24'] },
      [invoke('Allow', '*'), invoke('Deny', '*', { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } })],
    ],
    [
      'IpRangeBlacklist: Allow `*`, Deny IpAddress',
      { IpRangeBlacklist: ['198.51.100.7/32'] },
      [invoke('Allow', '*'), invoke('Deny', '*', { IpAddress: { 'aws:SourceIp': ['198.51.100.7/32'] } })],
    ],
    [
      'SourceVpcWhitelist: ids sorted into aws:SourceVpc and aws:SourceVpce',
      { SourceVpcWhitelist: ['vpc-1', 'vpce-2'] },
      [
        invoke('Allow', '*'),
        invoke('Deny', '*', { StringNotEquals: { 'aws:SourceVpc': ['vpc-1'], 'aws:SourceVpce': ['vpce-2'] } }),
      ],
    ],
    [
      'IntrinsicVpceWhitelist: aws:SourceVpce whatever the value',
      { IntrinsicVpceWhitelist: ['endpoint'] },
      [invoke('Allow', '*'), invoke('Deny', '*', { StringNotEquals: { 'aws:SourceVpce': ['endpoint'] } })],
    ],
    [
      'SourceVpcBlacklist: Deny StringEquals',
      { SourceVpcBlacklist: ['vpc-1'] },
      [invoke('Allow', '*'), invoke('Deny', '*', { StringEquals: { 'aws:SourceVpc': ['vpc-1'] } })],
    ],
    [
      'CustomStatements: as written, abbreviated resources expanded',
      {
        CustomStatements: [
          { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        ],
      },
      [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API_ARN}/*` }],
    ],
  ])('%s', (_, auth, statements) => {
    expect(policyOf(withRoute(auth))).toEqual({ Version: '2012-10-17', Statement: statements });
  });
});

describe('where the policy goes', () => {
  it('an event policy without RestApiId goes to the implicit `ServerlessRestApi`, stage `Prod`, method ANY as `*`', () => {
    const policy = policyOf(
      {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Events: {
              Any: {
                Type: 'Api',
                Properties: {
                  Path: '/{proxy+}',
                  Method: 'any',
                  Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } },
                },
              },
            },
          },
        },
      },
      'ServerlessRestApi',
    );
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['111122223333'] },
          Action: 'execute-api:Invoke',
          Resource: [
            'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `ServerlessRestApi`}/Prod/*/*',
          ],
        },
      ],
    });
  });

  it("a state machine's `Api` event policy goes to its API like a function's", () => {
    const resources = {
      Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod' } },
      Flow: {
        Type: 'AWS::Serverless::StateMachine',
        Properties: {
          Events: {
            Start: {
              Type: 'Api',
              Properties: {
                RestApiId: { Ref: 'Api' },
                Path: '/orders/{id}',
                Method: 'get',
                Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } },
              },
            },
          },
        },
      },
    };
    expect(policyOf(resources)).toEqual({
      Version: '2012-10-17',
      Statement: [invoke('Allow', { AWS: ['111122223333'] })],
    });
  });

  it('a policy written in DefinitionBody (`x-amazon-apigateway-policy`) is checked too', () => {
    const policy = policyOf({
      Api: {
        Type: 'AWS::Serverless::Api',
        Properties: {
          StageName: 'prod',
          DefinitionBody: {
            'x-amazon-apigateway-policy': {
              Statement: [
                { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
              ],
            },
          },
        },
      },
    });
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API_ARN}/*` }],
    });
  });

  it.each([
    ['an API without a resource policy', { Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod' } } }],
    [
      'an HTTP API (HTTP APIs take no resource policy)',
      { Api: { Type: 'AWS::Serverless::HttpApi', Properties: { Auth: { EnableIamAuthorizer: true } } } },
    ],
  ])('%s has no policy to check', (_, resources) => {
    expect(policyOf(resources)).toBeNull();
  });
});

describe('Globals.Api, merged as the transform merges it', () => {
  const accounts = (list: string[]): object => invoke('Allow', { AWS: list });

  it('an API without `Auth` takes the global resource policy', () => {
    expect(
      policyOf(withRoute({}), 'Api', { Api: { Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } } } }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [accounts(['111122223333'])],
    });
  });

  it("the API's own keys merge into the global ones; lists join, global entries first", () => {
    const globals = {
      Api: {
        Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'], IpRangeBlacklist: ['203.0.113.0/24'] } },
      },
    };
    const own = withRoute({ AwsAccountWhitelist: ['444455556666'] });
    expect(policyOf(own, 'Api', globals)).toEqual({
      Version: '2012-10-17',
      Statement: [
        accounts(['111122223333', '444455556666']),
        invoke('Allow', '*'),
        invoke('Deny', '*', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }),
      ],
    });
  });

  it('`IgnoreGlobals` keeps the named globals out (`*`: all of them)', () => {
    const globals = { Api: { Auth: { ResourcePolicy: { IpRangeBlacklist: ['203.0.113.0/24'] } } } };
    for (const ignore of ['*', ['Auth']]) {
      const resources = withRoute({});
      const api = resources['Api'] as Record<string, unknown>;
      resources['Api'] = { ...api, IgnoreGlobals: ignore, Properties: { StageName: 'prod' } };
      expect(policyOf(resources, 'Api', globals)).toBeNull();
    }
  });

  it('an intrinsic takes the place of the global value, it is not merged into it', () => {
    const globals = { Api: { Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } } } };
    const own = withRoute({ AwsAccountWhitelist: { 'Fn::If': ['Prod', ['444455556666'], ['777788889999']] } });
    const text = JSON.stringify(policyOf(own, 'Api', globals));
    expect(text).toContain('444455556666');
    expect(text).not.toContain('111122223333');
  });

  it('the implicit `ServerlessRestApi` takes the global resource policy too', () => {
    const resources = {
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: { Events: { Get: { Type: 'Api', Properties: { Path: '/orders', Method: 'get' } } } },
      },
    };
    const globals = { Api: { Auth: { ResourcePolicy: { IpRangeBlacklist: ['203.0.113.0/24'] } } } };
    const resource = [
      'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `ServerlessRestApi`}/Prod/GET/orders',
    ];
    expect(policyOf(resources, 'ServerlessRestApi', globals)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        },
      ],
    });
  });
});

describe('what the transform rejects in a resource policy', () => {
  const errorsOf = (resources: Record<string, unknown>, globals?: Record<string, unknown>): string[] =>
    extractStacks([
      templateSource({
        Transform: 'AWS::Serverless-2016-10-31',
        ...(globals === undefined ? {} : { Globals: globals }),
        Resources: resources,
      }),
    ]).errors.map((e) => `${e.pointer ?? ''} ${e.message}`);

  it.each([
    [
      'on the API',
      withRoute({ SourceVpcWhitelist: [{ Ref: 'VpcId' }] }),
      undefined,
      '/Resources/Api/Properties/Auth/ResourcePolicy/SourceVpcWhitelist/0',
    ],
    [
      'in Globals',
      withRoute({}),
      { Api: { Auth: { ResourcePolicy: { SourceVpcBlacklist: ['vpc-1', { Ref: 'VpcId' }] } } } },
      '/Globals/Api/Auth/ResourcePolicy/SourceVpcBlacklist/1',
    ],
    [
      'on an event',
      {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Events: {
              Get: {
                Type: 'Api',
                Properties: {
                  Path: '/a',
                  Method: 'get',
                  Auth: { ResourcePolicy: { SourceVpcWhitelist: [{ 'Fn::ImportValue': 'vpce' }] } },
                },
              },
            },
          },
        },
      },
      undefined,
      '/Resources/Fn/Properties/Events/Get/Properties/Auth/ResourcePolicy/SourceVpcWhitelist/0',
    ],
  ])(
    'an intrinsic in `SourceVpcWhitelist`/`Blacklist` %s is one input error there, naming the `IntrinsicVpc...` keys',
    (_, resources, globals, pointer) => {
      const errors = errorsOf(resources, globals);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(`^${pointer} .*the SAM transform rejects it \\(use \`IntrinsicVpc(White|Black)list\``),
      );
    },
  );

  it('ids written out, and intrinsics under `IntrinsicVpceWhitelist`, are no error', () => {
    expect(
      errorsOf(withRoute({ SourceVpcWhitelist: ['vpc-1', 'vpce-2'], IntrinsicVpceWhitelist: [{ Ref: 'Endpoint' }] })),
    ).toEqual([]);
  });
});
