/**
 * Hand-written templates: REST API policies in the OpenAPI definition (`Body`, a local
 * `BodyS3Location`), SAM `Api` events naming a plain `RestApi`, and local templates nested more than
 * once (each nesting its own stack, conditions qualified by the stack).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SymbolicValue, valueToString } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';
import { IGNORED_EVENT_POLICIES, withServerlessApiPolicies } from '../src/extract/serverless-api';
import { loadInputs } from '../src/template/cloud-assembly';
import { guardStacks } from '../src/guard';

const render = (v: unknown): unknown =>
  v instanceof SymbolicValue ? valueToString(v) : Array.isArray(v) ? v.map(render) : v;

const PUBLIC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/GET/*' }],
};

/** The `Resource` of each statement of the REST API's policy as the engine receives it, or the reason it is unresolved. */
function apiPolicy(properties: Record<string, unknown>): unknown {
  const input = extractStacks([
    templateSource(
      { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: properties } } },
      { file: 't.yaml' },
    ),
  ]);
  const api = input.resources.find((r) => r.location.logicalId === 'Api');
  if (api === undefined) return 'no resource';
  const document = api.policy?.document as { Statement?: { Resource?: unknown }[] } | undefined;
  return document === undefined
    ? `unresolved: ${api.policy?.unresolved?.reason.slice(0, 40) ?? ''}`
    : (document.Statement ?? []).map((s) => render(s.Resource));
}

const EXPANDED =
  'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `Api`}/*/GET/*';

describe('REST API policy in the OpenAPI definition', () => {
  it.each([
    [
      '`Body` x-amazon-apigateway-policy, shorthand expanded as API Gateway stores it',
      { Body: { 'x-amazon-apigateway-policy': PUBLIC } },
      [EXPANDED],
    ],
    ['`Body` given as JSON text', { Body: JSON.stringify({ 'x-amazon-apigateway-policy': PUBLIC }) }, [EXPANDED]],
    ['`Body` without a policy: none', { Body: { openapi: '3.0.1', paths: {} } }, 'no resource'],
    [
      '`BodyS3Location` in S3: not in the input',
      { BodyS3Location: { Bucket: 'b', Key: 'k.yaml' } },
      'unresolved: the OpenAPI definition of REST API `Api`',
    ],
  ])('%s', (_, properties, expected) => {
    expect(apiPolicy(properties)).toEqual(expected);
  });
});

describe('REST API with both `Policy` and a policy in `Body`', () => {
  const ACCOUNT_ONLY = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    ],
  };
  const withBody = (policy: object, body: object): Record<string, unknown> => ({
    Policy: policy,
    Body: { openapi: '3.0.1', paths: {}, 'x-amazon-apigateway-policy': body },
  });

  const BOTH = ['Api', 'Api#x-amazon-apigateway-policy'];
  // AWS does not document which of the two API Gateway keeps: each is judged, a public one is found.
  it.each([
    ['a public `Body` policy behind an account-only `Policy`', withBody(ACCOUNT_ONLY, PUBLIC), BOTH, [BOTH[1]]],
    ['a public `Policy` with an account-only `Body` policy', withBody(PUBLIC, ACCOUNT_ONLY), BOTH, ['Api']],
    ['both public', withBody(PUBLIC, PUBLIC), BOTH, BOTH],
    ['both account-only', withBody(ACCOUNT_ONLY, ACCOUNT_ONLY), BOTH, []],
    ['a public `Policy`, a `Body` without a policy', { Policy: PUBLIC, Body: { paths: {} } }, ['Api'], ['Api']],
  ])('%s: each is judged on its own', (_, properties, policies, exposed) => {
    const stacks = [
      templateSource(
        { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: properties } } },
        { file: 't.yaml', stackName: 'App' },
      ),
    ];
    const { result, input } = guardStacks(stacks, {});
    expect(input.resources.map((r) => [r.id, r.location.logicalId])).toEqual(policies.map((p) => [`App/${p}`, 'Api']));
    const found = result.findings.filter((f) => f.ruleId === 'resource-exposure/public-principal');
    expect(found.map((f) => /resource `App\/([^`]+)`/.exec(f.message)?.[1])).toEqual(exposed);
  });

  it('the `Body` policy is named after the definition and protects the whole API', () => {
    const input = extractStacks([
      templateSource(
        { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: withBody(ACCOUNT_ONLY, PUBLIC) } } },
        { file: 't.yaml' },
      ),
    ]);
    const body = input.resources.find((r) => r.id.endsWith('#x-amazon-apigateway-policy'));
    expect([body?.policy.name, render(body?.arn)]).toEqual([
      'Api (x-amazon-apigateway-policy)',
      'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `Api`}/*',
    ]);
  });
});

describe('SAM Api events on a plain RestApi', () => {
  it('the event ResourcePolicy is not added to the RestApi, and is recorded as dropped', () => {
    const out = withServerlessApiPolicies({
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Policy: PUBLIC } },
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Events: {
            E: {
              Type: 'Api',
              Properties: {
                RestApiId: { Ref: 'Api' },
                Path: '/x',
                Method: 'get',
                Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } },
              },
            },
          },
        },
      },
    });
    expect(out['Api']).toEqual({
      Type: 'AWS::ApiGateway::RestApi',
      Properties: { Policy: PUBLIC, [IGNORED_EVENT_POLICIES]: [['Fn.E', 'rest-api']] },
    });
  });
});

describe('local files of hand-written templates', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const write = (files: Record<string, unknown>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-nesting-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  };
  const stack = (file: string): object => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: file } });

  it('a local BodyS3Location file is read as the API definition (JSON or YAML)', async () => {
    const dir = write({
      'api.json': {
        Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { BodyS3Location: 'def.yaml' } } },
      },
      'def.yaml':
        'x-amazon-apigateway-policy:\n  Statement:\n    - { Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*" }\n',
    });
    const { stacks, errors } = await loadInputs(['api.json'], dir);
    expect(errors).toEqual([]);
    const [api] = extractStacks(stacks).resources;
    expect(
      (api?.policy?.document as { Statement: { Principal: unknown }[] }).Statement.map((s) => s.Principal),
    ).toEqual(['*']);
  });

  it('a missing local BodyS3Location file is an input error at its pointer', async () => {
    const dir = write({
      'api.json': {
        Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { BodyS3Location: './gone.yaml' } } },
      },
    });
    expect((await loadInputs(['api.json'], dir)).errors).toEqual([
      {
        file: 'api.json',
        pointer: '/Resources/Api/Properties/BodyS3Location',
        message: 'API definition `./gone.yaml` of `Api`: no such file',
      },
    ]);
  });

  it('a template that nests itself is followed once, the nesting reported as not checked', async () => {
    const dir = write({ 'loop.json': { Resources: { Again: stack('./loop.json') } } });
    const { stacks, errors } = await loadInputs(['loop.json'], dir);
    expect(errors).toEqual([]);
    expect(stacks.map((s) => [s.nestingPath ?? null, [...(s.unscannedNestedStacks?.keys() ?? [])]])).toEqual([
      [null, ['Again']],
    ]);
  });

  it.each([
    ['after', ['top.json', 'leaf.json']],
    ['before', ['leaf.json', 'top.json']],
  ])('a template given %s the template that nests it is checked at its nesting only', async (_, order) => {
    const dir = write({
      'top.json': { Resources: { A: stack('leaf.json') } },
      'leaf.json': { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } },
    });
    const { stacks } = await loadInputs(order, dir);
    expect(stacks.map((s) => `${s.file ?? ''}@${s.nestingPath ?? ''}`).sort()).toEqual(['leaf.json@A', 'top.json@']);
  });

  it('two templates given that nest each other are each checked on their own', async () => {
    const dir = write({
      'a.json': { Resources: { B: stack('b.json') } },
      'b.json': { Resources: { A: stack('a.json') } },
    });
    const { stacks, errors } = await loadInputs(['a.json', 'b.json'], dir);
    expect(errors).toEqual([]);
    expect(stacks.map((s) => `${s.file ?? ''}@${s.nestingPath ?? ''}`)).toEqual([
      'a.json@',
      'b.json@B',
      'b.json@',
      'a.json@A',
    ]);
  });

  it('nestings of nestings get the logical id path; a nested template with an error is one error', async () => {
    const dir = write({
      'top.json': { Resources: { A: stack('mid.json'), B: stack('mid.json') } },
      'mid.json': { Resources: { Leaf: stack('leaf.json'), Broken: stack('broken.json') } },
      'leaf.json': { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } },
      'broken.json': '{',
    });
    const { stacks, errors } = await loadInputs(['top.json'], dir);
    expect(stacks.map((s) => `${s.file ?? ''}@${s.nestingPath ?? ''}`)).toEqual([
      'top.json@',
      'mid.json@A',
      'leaf.json@A/Leaf',
      'mid.json@B',
      'leaf.json@B/Leaf',
    ]);
    expect(errors.map((e) => e.file)).toEqual(['broken.json']);
  });
});
