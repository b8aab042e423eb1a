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

function policyOf(resources: Record<string, unknown>, apiId = 'Api'): unknown {
  const input = extractStacks([templateSource({ Transform: 'AWS::Serverless-2016-10-31', Resources: resources })]);
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
