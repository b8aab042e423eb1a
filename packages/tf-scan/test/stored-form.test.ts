/**
 * Resource policies read the way their services store them: an ECR repository policy's statements
 * apply to the repository (no `Resource`), and a REST API policy's `execute-api:/...` resources are
 * expanded below the API's ARN. The linter then sees valid policies, and still sees their risks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand, valueToString } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { extractPlan } from '../src/extract';
import { expandExecuteApiShorthand, withImpliedResource } from '../src/stored-form';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-stored-form-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

const CALLER: TestResource = {
  address: 'data.aws_caller_identity.current',
  values: { account_id: ACCOUNT },
  prior: true,
};

function plan(resources: readonly TestResource[], withCaller = true) {
  return buildPlan(withCaller ? [CALLER, ...resources] : resources, {
    configuration: { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: REGION } } } } },
  });
}

function doc(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const CROSS_ACCOUNT_PULL = {
  Sid: 'CrossAccountPull',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
  Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
};
const PUBLIC_PULL = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' };

const REPOSITORY: TestResource = {
  address: 'aws_ecr_repository.app',
  values: { name: 'app' },
  unknown: { arn: true, repository_url: true },
};

function ecrPolicy(policy: string, byReference: boolean): TestResource {
  return {
    address: 'aws_ecr_repository_policy.app',
    values: { repository: 'app', policy },
    expressions: byReference
      ? { repository: { references: ['aws_ecr_repository.app.name', 'aws_ecr_repository.app'] } }
      : { repository: { constant_value: 'app' } },
  };
}

const VPC_ONLY = {
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
};
const DENY_OUTSIDE_VPC = {
  Effect: 'Deny',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: ['execute-api:/*'],
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
};
const PUBLIC_INVOKE = {
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/prod/GET/pets',
};

function restApi(policy: string | undefined, id?: string): TestResource {
  return {
    address: 'aws_api_gateway_rest_api.api',
    values: {
      name: 'api',
      ...(policy === undefined ? {} : { policy }),
      ...(id === undefined ? {} : { id, execution_arn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${id}` }),
    },
    unknown: id === undefined ? { id: true, execution_arn: true, arn: true } : {},
  };
}

const REST_API_POLICY = (policy: string): TestResource => ({
  address: 'aws_api_gateway_rest_api_policy.api',
  values: { policy },
  unknown: { rest_api_id: true },
  expressions: { rest_api_id: { references: ['aws_api_gateway_rest_api.api.id', 'aws_api_gateway_rest_api.api'] } },
});

/** Each statement's `Resource` / `NotResource` of the extracted resource `address`, as text. */
function resourcesOf(resources: readonly TestResource[], address: string, withCaller = true): unknown[] {
  const input = extractPlan('plan.json', plan(resources, withCaller));
  const resource = input.resources.find((r) => r.id === address);
  const document = resource?.policy?.document;
  const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as {
    Statement: Record<string, unknown>[];
  };
  const text = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(text) : typeof v === 'string' || v === undefined ? v : valueToString(v as never);
  return parsed.Statement.map((s) =>
    s['NotResource'] !== undefined ? { NotResource: text(s['NotResource']) } : text(s['Resource']),
  );
}

async function findings(resources: readonly TestResource[]): Promise<[string, string][]> {
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan(resources)));
  const io = fakeIo({ cwd: dir });
  await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', '--fail-on', 'never', 'plan.json'], io);
  const report = JSON.parse(io.out) as { findings: { ruleId: string; message: string }[] };
  return report.findings.map((f) => [f.ruleId, f.message]);
}

describe('an ECR repository policy applies to its repository', () => {
  it.each<[string, TestResource[], string, unknown[]]>([
    [
      'a repository of the plan, by reference',
      [REPOSITORY, ecrPolicy(doc(CROSS_ACCOUNT_PULL), true)],
      'aws_ecr_repository_policy.app',
      [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`],
    ],
    [
      'a repository named by a constant',
      [ecrPolicy(doc(CROSS_ACCOUNT_PULL), false)],
      'aws_ecr_repository_policy.app',
      [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`],
    ],
    [
      'a public repository (no region in its ARN)',
      [
        {
          address: 'aws_ecrpublic_repository_policy.app',
          values: { repository_name: 'app', policy: doc(CROSS_ACCOUNT_PULL) },
        },
      ],
      'aws_ecrpublic_repository_policy.app',
      [`arn:aws:ecr-public::${ACCOUNT}:repository/app`],
    ],
    [
      'a statement naming its resource keeps it; one with NotResource too',
      [
        ecrPolicy(
          doc(
            { ...CROSS_ACCOUNT_PULL, Resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/other' },
            { ...CROSS_ACCOUNT_PULL, Sid: 'Not', NotResource: 'arn:aws:ecr:eu-west-1:111122223333:repository/x' },
            PUBLIC_PULL,
          ),
          false,
        ),
      ],
      'aws_ecr_repository_policy.app',
      [
        'arn:aws:ecr:eu-west-1:111122223333:repository/other',
        { NotResource: 'arn:aws:ecr:eu-west-1:111122223333:repository/x' },
        `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`,
      ],
    ],
  ])('%s', (_, resources, address, expected) => {
    expect(resourcesOf(resources, address)).toEqual(expected);
  });

  it('an account the plan does not show stands as a symbolic value', () => {
    const [resource] = resourcesOf([ecrPolicy(doc(CROSS_ACCOUNT_PULL), false)], 'aws_ecr_repository_policy.app', false);
    expect(resource).toMatch(/^arn:aws:ecr:eu-west-1:\$\{.*\}:repository\/app$/);
  });

  it.each<[string, TestResource[], [string, RegExp][]]>([
    ['a cross-account pull policy gets no finding', [REPOSITORY, ecrPolicy(doc(CROSS_ACCOUNT_PULL), true)], []],
    [
      'a public pull beside it is still reported, and only it',
      [REPOSITORY, ecrPolicy(doc(CROSS_ACCOUNT_PULL, PUBLIC_PULL), true)],
      [['resource-exposure/public-principal', /aws_ecr_repository_policy\.app.*ecr:BatchGetImage/]],
    ],
    [
      'a public repository policy letting anyone push is still reported',
      [
        {
          address: 'aws_ecrpublic_repository_policy.app',
          values: {
            repository_name: 'app',
            policy: doc({
              Effect: 'Allow',
              Principal: '*',
              Action: ['ecr-public:PutImage', 'ecr-public:UploadLayerPart'],
            }),
          },
        },
      ],
      [['resource-exposure/public-principal', /aws_ecrpublic_repository_policy\.app.*ecr-public:PutImage/]],
    ],
  ])('%s', async (_, resources, expected) => {
    const got = await findings(resources);
    expect(got.map(([rule]) => rule)).toEqual(expected.map(([rule]) => rule));
    got.forEach(([, message], i) => {
      expect(message).toMatch(expected[i]?.[1] ?? /^$/);
    });
  });
});

// The policy EFS offers to prevent anonymous access, as aws-cdk-lib writes it (no `Resource`).
const MOUNT_TARGET_CLIENTS = {
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
  Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
};

function efsPolicy(policy: string): TestResource[] {
  return [
    { address: 'aws_efs_file_system.data', values: {}, unknown: { id: true, arn: true } },
    {
      address: 'aws_efs_file_system_policy.data',
      values: { policy },
      unknown: { file_system_id: true },
      expressions: { file_system_id: { references: ['aws_efs_file_system.data.id', 'aws_efs_file_system.data'] } },
    },
  ];
}

describe('an EFS file system policy applies to its file system', () => {
  it('a statement without Resource is on the file system of the plan (its ARN)', () => {
    expect(resourcesOf(efsPolicy(doc(MOUNT_TARGET_CLIENTS)), 'aws_efs_file_system_policy.data')).toEqual([
      '${aws_efs_file_system.data.arn}',
    ]);
  });

  it.each<[string, string, string[]]>([
    ['clients through the mount targets only: no finding', doc(MOUNT_TARGET_CLIENTS), []],
    [
      'any principal without the mount target condition is still reported',
      doc({ ...MOUNT_TARGET_CLIENTS, Condition: undefined }),
      ['resource-exposure/public-principal'],
    ],
  ])('%s', async (_, policy, expected) => {
    expect((await findings(efsPolicy(policy))).map(([rule]) => rule)).toEqual(expected);
  });
});

describe('a REST API policy names its resources as API Gateway expands them', () => {
  it.each<[string, TestResource[], string, unknown[]]>([
    [
      'an inline policy of an API created by the plan (id known after apply)',
      [restApi(doc(VPC_ONLY, DENY_OUTSIDE_VPC))],
      'aws_api_gateway_rest_api.api',
      [
        `arn:aws:execute-api:${REGION}:${ACCOUNT}:\${aws_api_gateway_rest_api.api.id}/*`,
        [`arn:aws:execute-api:${REGION}:${ACCOUNT}:\${aws_api_gateway_rest_api.api.id}/*`],
      ],
    ],
    [
      'a policy resource for an existing API (its execution ARN known)',
      [restApi(undefined, 'a1b2c3d4e5'), REST_API_POLICY(doc(PUBLIC_INVOKE, VPC_ONLY))],
      'aws_api_gateway_rest_api_policy.api',
      [
        `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/GET/pets`,
        `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*`,
      ],
    ],
    [
      'a full ARN and a resource that is not the abbreviated form are left as written',
      [restApi(doc({ ...PUBLIC_INVOKE, Resource: ['arn:aws:execute-api:*:*:*/prod/*', 'execute-api:prod'] }))],
      'aws_api_gateway_rest_api.api',
      [['arn:aws:execute-api:*:*:*/prod/*', 'execute-api:prod']],
    ],
  ])('%s', (_, resources, address, expected) => {
    const got = resourcesOf(resources, address).map((r) =>
      JSON.stringify(r).replace(
        /\$\{[^}]*aws_api_gateway_rest_api\.api\.id[^}]*\}/g,
        '${aws_api_gateway_rest_api.api.id}',
      ),
    );
    expect(got).toEqual(expected.map((e) => JSON.stringify(e)));
  });

  it.each<[string, TestResource[], [string, RegExp][]]>([
    ['a private API (allowed from one VPC endpoint) gets no finding', [restApi(doc(VPC_ONLY, DENY_OUTSIDE_VPC))], []],
    [
      'an open method beside it is still reported',
      [restApi(undefined, 'a1b2c3d4e5'), REST_API_POLICY(doc(VPC_ONLY, PUBLIC_INVOKE))],
      [['resource-exposure/public-principal', /aws_api_gateway_rest_api_policy\.api.*execute-api:Invoke/]],
    ],
  ])('%s', async (_, resources, expected) => {
    const got = await findings(resources);
    expect(got.map(([rule]) => rule)).toEqual(expected.map(([rule]) => rule));
    got.forEach(([, message], i) => {
      expect(message).toMatch(expected[i]?.[1] ?? /^$/);
    });
  });
});

describe('rewriting a document', () => {
  const text = doc({
    Effect: 'Allow',
    Principal: '*',
    Action: 'ecr:*',
    Resource: 'arn:aws:ecr:us-east-1:1:repository/x',
  });
  it.each<[string, unknown]>([
    ['JSON text with nothing to fill stays the same text', withImpliedResource(text, 'arn:x')],
    ['JSON text with no abbreviated resource stays the same text', expandExecuteApiShorthand(text, 'arn:x')],
  ])('%s', (_, got) => {
    expect(got).toBe(text);
  });

  it.each<[string, unknown]>([
    ['text that is not JSON', 'not { json'],
    ['a document without statements', { Version: '2012-10-17' }],
    ['a statement that is not an object', { Statement: ['x'] }],
  ])('%s is left for the policy parser to report', (_, document) => {
    expect(withImpliedResource(document, 'arn:x')).toBe(document);
    expect(expandExecuteApiShorthand(document, 'arn:x')).toBe(document);
  });

  it('a single statement object (not an array) is filled', () => {
    expect(withImpliedResource({ Statement: { Effect: 'Allow' } }, 'arn:x')).toEqual({
      Statement: { Effect: 'Allow', Resource: 'arn:x' },
    });
  });
});

describe('the hand-written plan integ/tf-scan/plans/service-policy-forms.json', () => {
  it('reports the open methods and the public push, and nothing on the private API and the cross-account pull', async () => {
    const root = join(__dirname, '../../..');
    const io = fakeIo({ cwd: root });
    const code = await runScanCommand(
      TF_SCAN_COMMAND,
      ['--format', 'json', '--fail-on', 'never', 'integ/tf-scan/plans/service-policy-forms.json'],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(io.out) as {
      findings: { ruleId: string; location: { address?: string; pointer?: string } }[];
    };
    expect(report.findings.map((f) => [f.location.address, f.ruleId, f.location.pointer])).toEqual([
      ['aws_api_gateway_rest_api_policy.pets', 'resource-exposure/public-principal', '/Statement/1'],
      ['aws_ecrpublic_repository_policy.tools', 'resource-exposure/public-principal', '/Statement/0'],
    ]);
  });
});
