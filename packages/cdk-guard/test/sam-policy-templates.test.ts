/**
 * SAM policy templates: every template of SAM's published list is written out as the statements
 * the transform makes of it and checked like any policy (none reported as not checked); a named
 * resource is least privilege, a `*` argument or a template SAM itself writes broadly is reported;
 * the statements grant what SAM's do (conditions included) when evaluated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsOnlyWildcardResource, evaluate, readCase } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';
import { samTemplateDocument } from '../src/extract/sam-policy-templates';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk-guard-sam-templates-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Rule ids (sorted, once each) by principal, from the real CLI on a SAM template of these resources. */
async function rulesByRole(resources: Record<string, unknown>): Promise<Map<string, string[]>> {
  writeFileSync(
    join(dir, 'template.json'),
    JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: resources }),
  );
  const io = fakeIo({ cwd: dir });
  const status = await main(['--format', 'json', '--fail-on', 'never', 'template.json'], io);
  const report = JSON.parse(io.out) as { findings: { ruleId: string; principal?: string }[]; errors: unknown[] };
  expect([status, report.errors, io.err]).toEqual([0, [], '']);
  const byRole = new Map<string, Set<string>>();
  for (const f of report.findings) {
    const key = f.principal ?? '(none)';
    byRole.set(key, (byRole.get(key) ?? new Set()).add(f.ruleId));
  }
  return new Map([...byRole].map(([role, ids]) => [role, [...ids].sort()]));
}

const fn = (template: string, parameters: Record<string, unknown>): unknown => ({
  Type: 'AWS::Serverless::Function',
  Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Policies: [{ [template]: parameters }] },
});

/** A logical id for the function that uses `template` (`KMSEncryptPolicy_v2` -> `KMSEncryptPolicyv2`). */
const idOf = (template: string): string => template.replace(/_/g, '');

const WRITE_ON_STAR = 'wildcard-resource/write-on-star';
const UNSCOPED_READ = 'data-exfiltration/unscoped-read';

describe("every template of SAM's published list, given the one resource it is meant for", () => {
  const bucket = { BucketName: 'reports' };
  const table = { TableName: 'orders' };
  const collection = { CollectionId: 'faces' };
  const cluster = { ClusterId: 'j-2AXXXXXXGAPLF' };
  const machine = { StateMachineName: 'checkout' };
  // [template, its arguments, the rules it still breaks when scoped as SAM allows]
  const ROWS: readonly (readonly [string, Record<string, unknown>, readonly string[]])[] = [
    ['AcmGetCertificatePolicy', { CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b' }, []],
    ['AMIDescribePolicy', {}, []],
    ['AthenaQueryPolicy', { WorkGroupName: 'analysts' }, []],
    [
      'AWSSecretsManagerGetSecretValuePolicy',
      { SecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-Ab12' },
      [],
    ],
    ['AWSSecretsManagerRotationPolicy', { FunctionName: 'rotator' }, []],
    ['CloudFormationDescribeStacksPolicy', {}, []],
    // SAM writes cloudwatch:PutDashboard on `*`: every dashboard may be overwritten.
    ['CloudWatchDashboardPolicy', {}, [WRITE_ON_STAR]],
    ['CloudWatchDescribeAlarmHistoryPolicy', {}, []],
    ['CloudWatchPutMetricPolicy', {}, []],
    ['CodeCommitCrudPolicy', { RepositoryName: 'site' }, []],
    ['CodeCommitReadPolicy', { RepositoryName: 'site' }, []],
    ['CodePipelineLambdaExecutionPolicy', {}, []],
    ['CodePipelineReadOnlyPolicy', { PipelineName: 'release' }, []],
    ['ComprehendBasicAccessPolicy', {}, []],
    ['CostExplorerReadOnlyPolicy', {}, []],
    ['DynamoDBBackupFullAccessPolicy', table, []],
    ['DynamoDBCrudPolicy', table, []],
    ['DynamoDBReadPolicy', table, []],
    ['DynamoDBReconfigurePolicy', table, []],
    ['DynamoDBRestoreFromBackupPolicy', table, []],
    ['DynamoDBStreamReadPolicy', { TableName: 'orders', StreamName: '2026-01-01T00:00:00.000' }, []],
    ['DynamoDBWritePolicy', table, []],
    ['EC2CopyImagePolicy', { ImageId: 'ami-0abcdef1234567890' }, []],
    ['EC2DescribePolicy', {}, []],
    ['EcsRunTaskPolicy', { TaskDefinition: 'worker:3' }, []],
    ['EFSWriteAccessPolicy', { FileSystem: 'fs-01234567', AccessPoint: 'fsap-01234567' }, []],
    ['EKSDescribePolicy', {}, []],
    ['ElasticMapReduceAddJobFlowStepsPolicy', cluster, []],
    ['ElasticMapReduceCancelStepsPolicy', cluster, []],
    ['ElasticMapReduceModifyInstanceFleetPolicy', cluster, []],
    ['ElasticMapReduceModifyInstanceGroupsPolicy', cluster, []],
    ['ElasticMapReduceSetTerminationProtectionPolicy', cluster, []],
    ['ElasticMapReduceTerminateJobFlowsPolicy', cluster, []],
    ['ElasticsearchHttpPostPolicy', { DomainName: 'search' }, []],
    ['EventBridgePutEventsPolicy', { EventBusName: 'orders' }, []],
    ['FilterLogEventsPolicy', { LogGroupName: '/app/api' }, []],
    ['FirehoseCrudPolicy', { DeliveryStreamName: 'clicks' }, []],
    ['FirehoseWritePolicy', { DeliveryStreamName: 'clicks' }, []],
    ['KinesisCrudPolicy', { StreamName: 'events' }, []],
    ['KinesisStreamReadPolicy', { StreamName: 'events' }, []],
    ['KMSDecryptPolicy', { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, []],
    ['KMSEncryptPolicy', { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, []],
    ['KMSEncryptPolicy_v2', { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, []],
    ['LambdaInvokePolicy', { FunctionName: 'resize' }, []],
    ['MobileAnalyticsWriteOnlyAccessPolicy', {}, []],
    ['OrganizationsListAccountsPolicy', {}, []],
    // UpdateEndpointsBatch, which SAM lists on endpoints but which acts on the application, is left out.
    ['PinpointEndpointAccessPolicy', { PinpointApplicationId: 'a1b2c3' }, []],
    // A full-access template: lexicons are created and synthesized on `lexicon/*`.
    ['PollyFullAccessPolicy', { LexiconName: 'names' }, [WRITE_ON_STAR]],
    ['RekognitionDetectOnlyPolicy', {}, []],
    ['RekognitionFacesManagementPolicy', collection, []],
    ['RekognitionFacesPolicy', {}, []],
    ['RekognitionLabelsPolicy', {}, []],
    ['RekognitionNoDataAccessPolicy', collection, []],
    ['RekognitionReadPolicy', collection, []],
    ['RekognitionWriteOnlyAccessPolicy', collection, []],
    ['Route53ChangeResourceRecordSetsPolicy', { HostedZoneId: 'Z3P5QSUBK4POTI' }, []],
    ['S3CrudPolicy', bucket, []],
    ['S3FullAccessPolicy', bucket, []],
    ['S3ReadPolicy', bucket, []],
    ['S3WritePolicy', bucket, []],
    ['SageMakerCreateEndpointConfigPolicy', { EndpointConfigName: 'model-v2' }, []],
    ['SageMakerCreateEndpointPolicy', { EndpointName: 'model' }, []],
    // SAM writes it on `applications/*`: any application of the account may be updated.
    ['ServerlessRepoReadWriteAccessPolicy', {}, [WRITE_ON_STAR]],
    ['SESBulkTemplatedCrudPolicy', { IdentityName: 'example.com' }, []],
    ['SESBulkTemplatedCrudPolicy_v2', { IdentityName: 'example.com', TemplateName: 'welcome' }, []],
    ['SESCrudPolicy', { IdentityName: 'example.com' }, []],
    ['SESEmailTemplateCrudPolicy', {}, []],
    ['SESSendBouncePolicy', { IdentityName: 'example.com' }, []],
    ['SNSCrudPolicy', { TopicName: 'alerts' }, []],
    ['SNSPublishMessagePolicy', { TopicName: 'alerts' }, []],
    ['SQSPollerPolicy', { QueueName: 'jobs' }, []],
    ['SQSSendMessagePolicy', { QueueName: 'jobs' }, []],
    ['SSMParameterReadPolicy', { ParameterName: 'app/db-url' }, []],
    ['SSMParameterWithSlashPrefixReadPolicy', { ParameterName: '/app/db-url' }, []],
    ['StepFunctionsCallbackPolicy', machine, []],
    ['StepFunctionsExecutionPolicy', machine, []],
    ['StepFunctionsExecutionPolicy_v2', machine, []],
    ['TextractDetectAnalyzePolicy', {}, []],
    ['TextractGetResultPolicy', {}, []],
    // Full access as SAM names it: textract:* on `*`.
    ['TextractPolicy', {}, ['wildcard-action/service-wildcard', WRITE_ON_STAR]],
    ['VPCAccessPolicy', {}, []],
  ];

  let found: Map<string, string[]>;
  beforeAll(async () => {
    found = await rulesByRole(Object.fromEntries(ROWS.map(([name, args]) => [idOf(name), fn(name, args)])));
  });

  it.each(ROWS)('%s is checked, not reported as not checked', (name, args, expected) => {
    expect(found.get(`${idOf(name)}Role`) ?? []).toEqual([...expected].sort());
  });
});

describe('a template given `*` is a grant on every resource of its kind', () => {
  it.each([
    // Query results of every workgroup: anyone's queries.
    ['AthenaQueryPolicy', { WorkGroupName: '*' }, [UNSCOPED_READ, WRITE_ON_STAR]],
    // The source of every repository (`codecommit:GitPull`).
    ['CodeCommitCrudPolicy', { RepositoryName: '*' }, [UNSCOPED_READ, WRITE_ON_STAR]],
    ['EcsRunTaskPolicy', { TaskDefinition: '*' }, [WRITE_ON_STAR]],
    ['ElasticMapReduceTerminateJobFlowsPolicy', { ClusterId: '*' }, [WRITE_ON_STAR]],
    ['KMSEncryptPolicy_v2', { KeyId: '*' }, [WRITE_ON_STAR]],
    ['Route53ChangeResourceRecordSetsPolicy', { HostedZoneId: '*' }, [WRITE_ON_STAR]],
    // Every endpoint, but `sagemaker:CreateEndpoint` also needs the endpoint configuration, which the
    // template does not name: the grant that opens it is elsewhere, as with an account and region
    // written out (`arn:aws:sagemaker:eu-west-1:111122223333:endpoint/*`), which gets no finding.
    ['SageMakerCreateEndpointPolicy', { EndpointName: '*' }, []],
    ['SESBulkTemplatedCrudPolicy_v2', { IdentityName: '*', TemplateName: '*' }, [WRITE_ON_STAR]],
    ['SSMParameterWithSlashPrefixReadPolicy', { ParameterName: '/*' }, [UNSCOPED_READ]],
    ['StepFunctionsExecutionPolicy_v2', { StateMachineName: '*' }, [WRITE_ON_STAR]],
  ] as const)('%s %j', async (name, args, expected) => {
    const found = await rulesByRole({ Worker: fn(name, args) });
    expect([...found]).toEqual(expected.length === 0 ? [] : [['WorkerRole', [...expected].sort()]]);
  });
});

describe('template arguments', () => {
  it('an intrinsic naming a resource of the stack is that one resource: no finding', async () => {
    const found = await rulesByRole({
      Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Definition: { StartAt: 'A', States: {} } } },
      Model: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'model-v2' } },
      Waiter: fn('StepFunctionsCallbackPolicy', { StateMachineName: { 'Fn::GetAtt': ['Flow', 'Name'] } }),
      Deployer: fn('SageMakerCreateEndpointPolicy', { EndpointName: { 'Fn::GetAtt': ['Model', 'EndpointName'] } }),
    });
    expect([...found]).toEqual([]);
  });

  it('a name that is not one of SAM’s templates is reported as not checked, saying SAM has no such template', async () => {
    const found = await rulesByRole({ Worker: fn('S3ReadPolicyV2', { BucketName: 'reports' }) });
    expect([...found]).toEqual([['WorkerRole', ['unverifiable/unresolved-policy']]]);
    const { report } = await scan({ Worker: fn('S3ReadPolicyV2', { BucketName: 'reports' }) });
    expect(report.findings.map((f) => f.message)).toEqual([
      'policy `S3ReadPolicyV2` could not be checked: `S3ReadPolicyV2` is not a SAM policy template (the SAM transform rejects it), so what it grants is not checked',
    ]);
  });
});

/** The real CLI on a SAM template of these resources: exit status, stderr and the JSON report. */
async function scan(resources: Record<string, unknown>): Promise<{
  status: number;
  stderr: string;
  report: { findings: { ruleId: string; message: string; principal?: string }[]; errors: unknown[] };
}> {
  writeFileSync(
    join(dir, 'invalid.json'),
    JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Parameters: { Env: { Type: 'String' } },
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] }, Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: resources,
    }),
  );
  const io = fakeIo({ cwd: dir });
  const status = await main(['--format', 'json', '--fail-on', 'warning', 'invalid.json'], io);
  return { status, stderr: io.err, report: JSON.parse(io.out) as never };
}

describe('an entry of `Policies` the SAM transform rejects is an input error naming its place (exit 2)', () => {
  const withPolicies = (policies: unknown): unknown => ({
    Type: 'AWS::Serverless::Function',
    Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Policies: policies },
  });
  const NOT_GIVEN = (name: string, parameter: string): string =>
    `SAM policy template \`${name}\` is not given \`${parameter}\`: the SAM transform rejects it (\`${name}: {${parameter}: ...}\`)`;
  it.each([
    [
      'a template without its parameter',
      [{ DynamoDBCrudPolicy: {} }],
      `invalid.json: /Resources/Worker/Properties/Policies/0/DynamoDBCrudPolicy: resource \`Worker\`: ${NOT_GIVEN('DynamoDBCrudPolicy', 'TableName')}`,
    ],
    [
      'a misspelled parameter',
      [{ S3ReadPolicy: { BucketName: 'reports' } }, { DynamoDBReadPolicy: { Table: 'orders' } }],
      'invalid.json: /Resources/Worker/Properties/Policies/1/DynamoDBReadPolicy: resource `Worker`: SAM policy template `DynamoDBReadPolicy` is not given `TableName` (`Table` is not one of its parameters): the SAM transform rejects it (`DynamoDBReadPolicy: {TableName: ...}`)',
    ],
    [
      'one of two parameters missing',
      [{ EFSWriteAccessPolicy: { FileSystem: 'fs-1' } }],
      'invalid.json: /Resources/Worker/Properties/Policies/0/EFSWriteAccessPolicy: resource `Worker`: SAM policy template `EFSWriteAccessPolicy` is not given `AccessPoint`: the SAM transform rejects it (`EFSWriteAccessPolicy: {FileSystem: ..., AccessPoint: ...}`)',
    ],
    [
      'parameters that are not an object',
      { SQSPollerPolicy: 'jobs' },
      'invalid.json: /Resources/Worker/Properties/Policies/SQSPollerPolicy: resource `Worker`: SAM policy template `SQSPollerPolicy` takes its parameters as an object (`SQSPollerPolicy: {QueueName: ...}`), found a string: the SAM transform rejects it',
    ],
    [
      'a template in a branch of Fn::If (the transform reads both branches)',
      [
        {
          'Fn::If': [
            'Prod',
            { 'Fn::If': ['Never', 'AWSXrayWriteOnlyAccess', { SNSPublishMessagePolicy: {} }] },
            { Ref: 'AWS::NoValue' },
          ],
        },
      ],
      `invalid.json: /Resources/Worker/Properties/Policies/0/Fn::If/1/Fn::If/2/SNSPublishMessagePolicy: resource \`Worker\`: ${NOT_GIVEN('SNSPublishMessagePolicy', 'TopicName')}`,
    ],
    [
      'two templates in one entry (a YAML indentation slip)',
      [{ S3ReadPolicy: { BucketName: 'reports' }, SQSPollerPolicy: { QueueName: 'jobs' } }],
      'invalid.json: /Resources/Worker/Properties/Policies/0: resource `Worker`: a policy in `Policies` must be an AWS managed policy name, an ARN, a policy document or one SAM policy template (`S3ReadPolicy: {BucketName: ...}`), found an object with the keys `S3ReadPolicy`, `SQSPollerPolicy`: the SAM transform rejects it',
    ],
    [
      'an empty entry',
      [{}],
      'invalid.json: /Resources/Worker/Properties/Policies/0: resource `Worker`: a policy in `Policies` must be an AWS managed policy name, an ARN, a policy document or one SAM policy template (`S3ReadPolicy: {BucketName: ...}`), found an empty object: the SAM transform rejects it',
    ],
  ] as const)('%s', async (_, policies, line) => {
    const { status, stderr, report } = await scan({ Worker: withPolicies(policies) });
    expect([status, stderr.trim().split('\n')]).toEqual([2, [line]]);
    // The entry is also a policy not checked on the role: never a silent pass.
    expect(report.findings.map((f) => [f.principal, f.ruleId])).toEqual([
      ['WorkerRole', 'unverifiable/unresolved-policy'],
    ]);
  });

  it('an entry in a branch the template never takes is still an error: the transform rejects the template', async () => {
    const { status, stderr, report } = await scan({
      Worker: withPolicies([{ 'Fn::If': ['Never', { DynamoDBCrudPolicy: {} }, { Ref: 'AWS::NoValue' }] }]),
    });
    expect([status, stderr.trim().split('\n'), report.findings]).toEqual([
      2,
      [
        `invalid.json: /Resources/Worker/Properties/Policies/0/Fn::If/1/DynamoDBCrudPolicy: resource \`Worker\`: ${NOT_GIVEN('DynamoDBCrudPolicy', 'TableName')}`,
      ],
      [],
    ]);
  });

  it('the other entries of the function are still checked', async () => {
    const { status, report } = await scan({
      Worker: withPolicies([{ DynamoDBCrudPolicy: {} }, { AthenaQueryPolicy: { WorkGroupName: '*' } }]),
    });
    expect(status).toBe(2);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'data-exfiltration/unscoped-read',
      'unverifiable/unresolved-policy',
      'wildcard-resource/write-on-star',
    ]);
  });

  it.each([
    [
      'every parameter given, an extra one ignored as SAM ignores it',
      [{ SQSPollerPolicy: { QueueName: 'jobs', Queue: 'x' } }],
    ],
    ['a template without parameters given `{}`', [{ CloudWatchPutMetricPolicy: {} }]],
    ['a template without parameters given nothing', [{ EC2DescribePolicy: null }]],
    ['an intrinsic parameter value', [{ DynamoDBReadPolicy: { TableName: { Ref: 'AWS::StackName' } } }]],
    [
      'a policy document with `Version` and `Statement`',
      [
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs' },
          ],
        },
      ],
    ],
    ['a conditional managed policy', [{ 'Fn::If': ['Never', 'AWSXrayWriteOnlyAccess', { Ref: 'AWS::NoValue' }] }]],
  ] as const)('no error: %s', async (_, policies) => {
    const { status, stderr, report } = await scan({ Worker: withPolicies(policies) });
    expect([status, stderr, report.findings]).toEqual([0, '', []]);
  });
});

describe('the statements grant what SAM’s grant', () => {
  const ACCOUNT = '111122223333';
  const PSEUDO: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'eu-west-1',
    'AWS::AccountId': ACCOUNT,
  };
  /** The document with each `Fn::Sub` replaced by its text, as CloudFormation does at deploy. */
  const deployed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(deployed);
    if (typeof value !== 'object' || value === null) return value;
    const sub = (value as Record<string, unknown>)['Fn::Sub'] as [string, Record<string, string>] | undefined;
    if (sub !== undefined)
      return sub[0].replace(/\$\{([^}]+)\}/g, (_, name: string) => sub[1][name] ?? PSEUDO[name] ?? '');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deployed(v)]));
  };
  const decide = (
    template: string,
    args: Record<string, string>,
    action: string,
    resource: string,
    context: Record<string, string> = {},
  ): string => {
    const read = readCase({
      request: { principal: `arn:aws:iam::${ACCOUNT}:role/fn`, action, resource, resourceAccount: ACCOUNT, context },
      identityPolicies: [deployed(samTemplateDocument(template, args))],
    });
    if (!read.ok) throw new Error(read.error.message);
    return evaluate(read.value.request, read.value.policies, { wildcardOnly: acceptsOnlyWildcardResource }).decision;
  };
  const fs = `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/fs-1`;
  const ap = (id: string): Record<string, string> => ({
    'elasticfilesystem:AccessPointArn': `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:access-point/${id}`,
  });
  const efs = { FileSystem: 'fs-1', AccessPoint: 'fsap-1' };

  it.each([
    [
      'AMIDescribePolicy describes images (the action takes only `*`)',
      'AMIDescribePolicy',
      {},
      'ec2:DescribeImages',
      '*',
      {},
      'Allowed',
    ],
    [
      'EFSWriteAccessPolicy writes through its access point',
      'EFSWriteAccessPolicy',
      efs,
      'elasticfilesystem:ClientWrite',
      fs,
      ap('fsap-1'),
      'Allowed',
    ],
    [
      'EFSWriteAccessPolicy does not write through another access point',
      'EFSWriteAccessPolicy',
      efs,
      'elasticfilesystem:ClientWrite',
      fs,
      ap('fsap-2'),
      'ImplicitlyDenied',
    ],
    [
      'EFSWriteAccessPolicy does not write to another file system',
      'EFSWriteAccessPolicy',
      efs,
      'elasticfilesystem:ClientWrite',
      fs.replace('fs-1', 'fs-2'),
      ap('fsap-1'),
      'ImplicitlyDenied',
    ],
    [
      'SSMParameterWithSlashPrefixReadPolicy reads its parameter',
      'SSMParameterWithSlashPrefixReadPolicy',
      { ParameterName: '/app/db' },
      'ssm:GetParameter',
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`,
      {},
      'Allowed',
    ],
    [
      'SSMParameterWithSlashPrefixReadPolicy reads no other parameter',
      'SSMParameterWithSlashPrefixReadPolicy',
      { ParameterName: '/app/db' },
      'ssm:GetParameter',
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/api-key`,
      {},
      'ImplicitlyDenied',
    ],
    [
      'AthenaQueryPolicy starts queries in its work group',
      'AthenaQueryPolicy',
      { WorkGroupName: 'analysts' },
      'athena:StartQueryExecution',
      `arn:aws:athena:eu-west-1:${ACCOUNT}:workgroup/analysts`,
      {},
      'Allowed',
    ],
    [
      'AthenaQueryPolicy starts none in another work group',
      'AthenaQueryPolicy',
      { WorkGroupName: 'analysts' },
      'athena:StartQueryExecution',
      `arn:aws:athena:eu-west-1:${ACCOUNT}:workgroup/primary`,
      {},
      'ImplicitlyDenied',
    ],
    [
      'PinpointEndpointAccessPolicy updates an endpoint of its application',
      'PinpointEndpointAccessPolicy',
      { PinpointApplicationId: 'a1' },
      'mobiletargeting:UpdateEndpoint',
      `arn:aws:mobiletargeting:eu-west-1:${ACCOUNT}:apps/a1/endpoints/e9`,
      {},
      'Allowed',
    ],
    [
      'StepFunctionsExecutionPolicy_v2 starts synchronous executions',
      'StepFunctionsExecutionPolicy_v2',
      { StateMachineName: 'checkout' },
      'states:StartSyncExecution',
      `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:checkout`,
      {},
      'Allowed',
    ],
    [
      'StepFunctionsExecutionPolicy (v1) does not',
      'StepFunctionsExecutionPolicy',
      { StateMachineName: 'checkout' },
      'states:StartSyncExecution',
      `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:checkout`,
      {},
      'ImplicitlyDenied',
    ],
  ] as const)('%s', (_, template, args, action, resource, context, decision) => {
    expect(decide(template, args, action, resource, context)).toBe(decision);
  });
});
