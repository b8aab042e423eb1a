/**
 * What the SAM transform refuses and `cdk-guard` must not read as if it deployed: a property SAM
 * documents as not supported in `Globals` (a function's `Policies` or `Role`, an API's
 * `StageName`), and an API resource policy's `AwsAccountWhitelist`/`Blacklist` given as one value
 * instead of a list. Each is one input error line at its JSON pointer, exit 2; what SAM accepts
 * there gives none.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk-guard-sam-strict-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly status: number;
  readonly errors: { file: string; pointer?: string; message: string }[];
  readonly rules: string[];
  readonly stderr: string;
}

async function scan(globals: Record<string, unknown> | undefined, resources: Record<string, unknown>): Promise<Run> {
  const template = {
    Transform: 'AWS::Serverless-2016-10-31',
    Parameters: { Accounts: { Type: 'CommaDelimitedList' } },
    ...(globals === undefined ? {} : { Globals: globals }),
    Resources: resources,
  };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
  const io = fakeIo({ cwd: dir });
  const status = await main(['--format', 'json', 'template.json'], io);
  const report = JSON.parse(io.out) as { findings: { ruleId: string }[]; errors: Run['errors'] };
  return { status, errors: report.errors, rules: report.findings.map((f) => f.ruleId), stderr: io.err };
}

const PASS_ROLE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };
const FUNCTION = {
  Worker: {
    Type: 'AWS::Serverless::Function',
    Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', CodeUri: 'src/' },
  },
};
const api = (resourcePolicy: Record<string, unknown>): Record<string, unknown> => ({
  Api: {
    Type: 'AWS::Serverless::Api',
    Properties: { StageName: 'prod', Auth: { ResourcePolicy: resourcePolicy } },
  },
  Reader: {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Handler: 'index.handler',
      Runtime: 'nodejs20.x',
      Events: { Get: { Type: 'Api', Properties: { RestApiId: { Ref: 'Api' }, Path: '/orders', Method: 'get' } } },
    },
  },
});

describe('a property SAM does not support in `Globals`', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['`Policies` of every function', { Function: { Policies: [PASS_ROLE] } }, '/Globals/Function/Policies'],
    [
      '`Role` of every function',
      { Function: { Role: 'arn:aws:iam::111122223333:role/shared' } },
      '/Globals/Function/Role',
    ],
    ['`FunctionName`', { Function: { FunctionName: 'worker' } }, '/Globals/Function/FunctionName'],
    ['`Events`', { Function: { Events: {} } }, '/Globals/Function/Events'],
    ['`StageName` of every REST API', { Api: { StageName: 'prod' } }, '/Globals/Api/StageName'],
    [
      '`DefinitionBody` of every REST API',
      { Api: { DefinitionBody: { swagger: '2.0' } } },
      '/Globals/Api/DefinitionBody',
    ],
    ['`DefinitionUri` of every HTTP API', { HttpApi: { DefinitionUri: 'api.yaml' } }, '/Globals/HttpApi/DefinitionUri'],
  ])('%s is one input error there, exit 2 (the transform rejects the template)', async (_, globals, pointer) => {
    const run = await scan(globals, FUNCTION);
    expect(run.status).toBe(2);
    expect(run.errors).toEqual([
      {
        file: 'template.json',
        pointer,
        message: expect.stringContaining('the SAM transform rejects the template') as unknown,
      },
    ]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(pointer);
  });

  it('`Policies` in `Globals` is not judged as every function’s (it passed as their policy: a pass-role finding)', async () => {
    const run = await scan({ Function: { Policies: [PASS_ROLE], Runtime: 'python3.12' } }, FUNCTION);
    expect(run.rules).toEqual([]);
  });

  it('properties SAM supports in `Globals` (a boundary, a role path, a trust policy, an API policy, one added in a later release) are no error', async () => {
    const run = await scan(
      {
        Function: {
          Runtime: 'python3.12',
          PermissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
          RolePath: '/app/',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          LoggingConfig: { LogFormat: 'JSON' },
        },
        Api: { Auth: { ResourcePolicy: { AwsAccountWhitelist: ['111122223333'] } }, TracingEnabled: true },
      },
      { ...FUNCTION, ...api({}) },
    );
    expect(run.errors).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('`AwsAccountWhitelist` / `AwsAccountBlacklist` given as one value', () => {
  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown>, string]>([
    [
      'an account id as text on the API',
      undefined,
      api({ AwsAccountWhitelist: '111122223333' }),
      '/Resources/Api/Properties/Auth/ResourcePolicy/AwsAccountWhitelist',
    ],
    [
      'an account id as a YAML number on the API',
      undefined,
      api({ AwsAccountBlacklist: 444455556666 }),
      '/Resources/Api/Properties/Auth/ResourcePolicy/AwsAccountBlacklist',
    ],
    [
      'in `Globals.Api`',
      { Api: { Auth: { ResourcePolicy: { AwsAccountWhitelist: '111122223333' } } } },
      api({}),
      '/Globals/Api/Auth/ResourcePolicy/AwsAccountWhitelist',
    ],
    [
      'on an event',
      undefined,
      {
        Reader: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Handler: 'index.handler',
            Runtime: 'nodejs20.x',
            Events: {
              Get: {
                Type: 'Api',
                Properties: {
                  Path: '/orders',
                  Method: 'get',
                  Auth: { ResourcePolicy: { AwsAccountWhitelist: '111122223333' } },
                },
              },
            },
          },
        },
      },
      '/Resources/Reader/Properties/Events/Get/Properties/Auth/ResourcePolicy/AwsAccountWhitelist',
    ],
  ])('%s is one input error there, exit 2 (it was read as a list of one)', async (_, globals, resources, pointer) => {
    const run = await scan(globals, resources);
    expect(run.status).toBe(2);
    expect(run.errors).toEqual([
      { file: 'template.json', pointer, message: expect.stringContaining('takes a list of account ids') as unknown },
    ]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a list of account ids', { AwsAccountWhitelist: ['111122223333'] }],
    ['a list from a parameter (`!Ref` of a list parameter)', { AwsAccountWhitelist: { Ref: 'Accounts' } }],
    ['an empty value, which the transform skips', { AwsAccountWhitelist: '', IpRangeBlacklist: ['203.0.113.0/24'] }],
    ['one IP range as text (the transform takes it as a list of one)', { IpRangeBlacklist: '203.0.113.0/24' }],
  ])('%s is no input error', async (_, policy) => {
    const run = await scan(undefined, api(policy));
    expect(run.errors).toEqual([]);
    expect(run.status).not.toBe(2);
  });
});
