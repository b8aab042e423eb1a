/**
 * REST API definitions a CDK app writes as assets of its cloud assembly (`SpecRestApi` with
 * `ApiDefinition.fromAsset`): the template names the asset's bucket and key in `BodyS3Location`,
 * the asset manifest maps them to the file in `cdk.out`, and the definition's
 * `x-amazon-apigateway-policy` is judged like an inline `Body`. A location that is not an asset of
 * the assembly stays not checked. The real CLI on assemblies written here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cdk-guard-api-assets-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const BUCKET = 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}';
const KEY = '5f1c0e2a.yaml';
const policyOf = (principal: unknown): string =>
  [
    'openapi: 3.0.1',
    'info: {title: orders, version: "1"}',
    'paths: {}',
    'x-amazon-apigateway-policy:',
    '  Version: "2012-10-17"',
    '  Statement:',
    `    - {Effect: Allow, Principal: ${JSON.stringify(principal)}, Action: execute-api:Invoke, Resource: "execute-api:/*"}`,
    '',
  ].join('\n');
const PUBLIC = policyOf('*');
const ACCOUNT_ONLY = policyOf({ AWS: '111122223333' });

interface Assembly {
  /** The asset file's content, or undefined for none. */
  readonly definition?: string;
  /** `BodyS3Location` of the REST API. */
  readonly location: unknown;
  /** `packaging` of the asset (default `file`). */
  readonly packaging?: string;
  /** The asset's file name in the assembly. */
  readonly file?: string;
}

let count = 0;
/** Writes a cloud assembly of one stack `Api` with a `SpecRestApi`, its asset manifest and asset file. */
function assembly({ definition, location, packaging = 'file', file = `asset.${KEY}` }: Assembly): string {
  const dir = join(root, `cdk${++count}.out`);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      version: '36.0.0',
      artifacts: {
        'Api.assets': { type: 'cdk:asset-manifest', properties: { file: 'Api.assets.json' } },
        Api: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://unknown-account/unknown-region',
          properties: { templateFile: 'Api.template.json' },
          dependencies: ['Api.assets'],
        },
      },
    }),
  );
  writeFileSync(
    join(dir, 'Api.assets.json'),
    JSON.stringify({
      version: '36.0.0',
      files: {
        '5f1c0e2a': {
          source: { path: file, packaging },
          destinations: { 'current_account-current_region': { bucketName: BUCKET, objectKey: KEY } },
        },
      },
    }),
  );
  writeFileSync(
    join(dir, 'Api.template.json'),
    JSON.stringify({
      Resources: {
        Spec: { Type: 'AWS::ApiGateway::RestApi', Properties: { BodyS3Location: location, Name: 'orders' } },
        // The bucket of the stack a location may name.
        Specs: { Type: 'AWS::S3::Bucket' },
      },
    }),
  );
  if (definition !== undefined) writeFileSync(join(dir, file), definition);
  return dir;
}

async function scan(dir: string): Promise<{ status: number; stderr: string; rules: string[]; reasons: string[] }> {
  const io = fakeIo({ cwd: root });
  const status = await main(['--format', 'json', '--fail-on', 'warning', relative(root, dir)], io);
  const report = JSON.parse(io.out) as { findings: { ruleId: string; evidence?: { reason?: string } }[] };
  return {
    status,
    stderr: io.err,
    rules: report.findings.map((f) => f.ruleId),
    reasons: report.findings.flatMap((f) => (f.evidence?.reason === undefined ? [] : [f.evidence.reason])),
  };
}

const ASSET = { Bucket: { 'Fn::Sub': BUCKET }, Key: KEY };
const NOT_IN_INPUT = /^the OpenAPI definition of REST API `Spec` is not in the input/;

describe('a REST API definition that is an asset of the assembly is read from its file', () => {
  it('a public `x-amazon-apigateway-policy` is found', async () => {
    const found = await scan(assembly({ definition: PUBLIC, location: ASSET }));
    expect([found.status, found.stderr, found.rules]).toEqual([1, '', ['resource-exposure/public-principal']]);
  });

  it('a bucket named as text (a stack with an account and Region) is the same asset', async () => {
    const found = await scan(assembly({ definition: PUBLIC, location: { Bucket: BUCKET, Key: KEY } }));
    expect(found.rules).toEqual(['resource-exposure/public-principal']);
  });

  it('a policy for one account is clean', async () => {
    const found = await scan(assembly({ definition: ACCOUNT_ONLY, location: ASSET }));
    expect([found.status, found.stderr, found.rules]).toEqual([0, '', []]);
  });

  it('a JSON definition is read too', async () => {
    const json = JSON.stringify({
      openapi: '3.0.1',
      'x-amazon-apigateway-policy': {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
      },
    });
    const found = await scan(assembly({ definition: json, location: ASSET, file: 'asset.5f1c0e2a.json' }));
    expect(found.rules).toEqual(['resource-exposure/public-principal']);
  });

  it('an asset file that is not a definition is an input error at `BodyS3Location` (exit 2)', async () => {
    const found = await scan(assembly({ definition: 'paths: [unclosed', location: ASSET }));
    expect(found.status).toBe(2);
    expect(found.stderr).toMatch(
      /^cdk\d+\.out\/Api\.template\.json: \/Resources\/Spec\/Properties\/BodyS3Location: API definition asset `asset\.5f1c0e2a\.yaml` of `Spec`: invalid YAML/,
    );
  });
});

describe('an S3 location that is not a file asset of the assembly stays not checked', () => {
  it.each([
    ['another key in the assets bucket', { Bucket: { 'Fn::Sub': BUCKET }, Key: 'elsewhere.yaml' }, 'file'],
    ['the asset key in another bucket', { Bucket: 'team-specs', Key: KEY }, 'file'],
    ['a bucket of the stack', { Bucket: { Ref: 'Specs' }, Key: KEY }, 'file'],
    ['a zipped asset at that location', ASSET, 'zip'],
  ])('%s', async (_, location, packaging) => {
    const found = await scan(assembly({ definition: PUBLIC, location, packaging }));
    expect([found.status, found.rules]).toEqual([1, ['unverifiable/unresolved-policy']]);
    expect(found.reasons[0]).toMatch(NOT_IN_INPUT);
  });
});
