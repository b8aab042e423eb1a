/**
 * SAM templates (`Transform: AWS::Serverless-2016-10-31`): the execution role the transform creates
 * for a function or state machine without `Role` is judged on the `Policies` given.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk-guard-sam-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PASS_ROLE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };

async function findings(resources: Record<string, unknown>): Promise<[string, string | undefined][]> {
  const template = { Transform: 'AWS::Serverless-2016-10-31', Resources: resources };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
  const io = fakeIo({ cwd: dir });
  await main(['--format', 'json', '--fail-on', 'never', 'template.json'], io);
  const report = JSON.parse(io.out) as { findings: { ruleId: string; principal?: string }[] };
  return report.findings.map((f) => [f.ruleId, f.principal]);
}

const fn = (properties: Record<string, unknown>, type = 'AWS::Serverless::Function'): unknown => ({
  Type: type,
  Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', ...properties },
});

describe('SAM execution roles', () => {
  it.each([
    ['an inline policy document', fn({ Policies: [PASS_ROLE] })],
    ['a single policy document', fn({ Policies: PASS_ROLE })],
    ['a state machine', fn({ Policies: [PASS_ROLE] }, 'AWS::Serverless::StateMachine')],
  ])('%s is judged on the role SAM creates', async (_, resource) => {
    expect(await findings({ Deployer: resource })).toEqual([
      ['privilege-escalation/pass-role-wildcard', 'DeployerRole'],
    ]);
  });

  it('an AWS managed policy named without its ARN is the managed policy', async () => {
    expect(await findings({ Admin: fn({ Policies: ['AdministratorAccess'] }) })).toEqual([
      ['admin-access/full-access', 'AdminRole'],
    ]);
  });

  it.each([
    ['a function given its own Role', fn({ Role: 'arn:aws:iam::111122223333:role/existing', Policies: [PASS_ROLE] })],
    ['a SAM policy template, scoped by AWS', fn({ Policies: [{ S3ReadPolicy: { BucketName: 'reports' } }] })],
    ['no Policies (basic execution only)', fn({})],
  ])('%s gives no finding', async (_, resource) => {
    expect(await findings({ Worker: resource })).toEqual([]);
  });
});

describe('SAM policy templates', () => {
  it.each([
    ['S3ReadPolicy on one bucket', { S3ReadPolicy: { BucketName: { Ref: 'Data' } } }],
    ['DynamoDBCrudPolicy on one table', { DynamoDBCrudPolicy: { TableName: 'orders' } }],
    ['SQSSendMessagePolicy on one queue', { SQSSendMessagePolicy: { QueueName: 'jobs' } }],
    ['CloudWatchPutMetricPolicy (on `*`, as AWS writes it)', { CloudWatchPutMetricPolicy: {} }],
    ['VPCAccessPolicy (read as AWSLambdaVPCAccessExecutionRole)', { VPCAccessPolicy: {} }],
  ])('%s is least privilege: no finding', async (_, template) => {
    expect(await findings({ Data: { Type: 'AWS::S3::Bucket' }, Worker: fn({ Policies: [template] }) })).toEqual([]);
  });

  it.each([
    [
      'S3CrudPolicy on every bucket',
      { S3CrudPolicy: { BucketName: '*' } },
      ['data-exfiltration/unscoped-read', 'resource-exposure/policy-change', 'wildcard-resource/write-on-star'],
    ],
    [
      'DynamoDBCrudPolicy on every table',
      { DynamoDBCrudPolicy: { TableName: '*' } },
      ['data-exfiltration/unscoped-read', 'wildcard-resource/write-on-star'],
    ],
    [
      'a name that is not one of SAM’s templates',
      { S3ReadOnlyPolicy: { BucketName: 'reports' } },
      ['unverifiable/unresolved-policy'],
    ],
  ])('%s is reported on the role SAM creates', async (_, template, expected) => {
    const got = await findings({ Worker: fn({ Policies: [template] }) });
    expect(got.map(([rule]) => rule).sort()).toEqual(expected);
    expect(new Set(got.map(([, principal]) => principal))).toEqual(new Set(['WorkerRole']));
  });
});
