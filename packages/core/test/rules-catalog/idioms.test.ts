/**
 * Least-privilege idioms (what CDK grants and scoped Terraform policies produce) give no finding
 * from the privilege-escalation, credentials-exposure, data-exfiltration, wildcard-resource and
 * iam-user rules.
 */
import { SymbolicValue } from '../../src/model/symbolic';
import { CATALOG_RULES, doc, inline, principal, runCatalog } from './helpers';

const bucketArn = new SymbolicValue([{ id: 'Data.Arn', source: 'the ARN of bucket Data' }]);
const objectsArn = new SymbolicValue([{ id: 'Data.Arn', source: 'the ARN of bucket Data' }, '/*']);
const tableArn = new SymbolicValue([{ id: 'Orders.Arn', source: 'the ARN of table Orders' }]);
const indexesArn = new SymbolicValue([{ id: 'Orders.Arn', source: 'the ARN of table Orders' }, '/index/*']);
const secretArn = new SymbolicValue([{ id: 'DbSecret.Ref', source: 'the ARN of secret DbSecret' }]);
const keyArn = new SymbolicValue([{ id: 'Key.Arn', source: 'the ARN of key Key' }]);
const repoArn = new SymbolicValue([{ id: 'Repo.Arn', source: 'the ARN of repository Repo' }]);
const fnArn = new SymbolicValue([{ id: 'Fn.Arn', source: 'the ARN of function Fn' }]);
const fnVersionsArn = new SymbolicValue([{ id: 'Fn.Arn', source: 'the ARN of function Fn' }, ':*']);
const taskRoleArn = new SymbolicValue([{ id: 'TaskRole.Arn', source: 'the ARN of role TaskRole' }]);

const IDIOMS: readonly (readonly [string, unknown])[] = [
  [
    'bucket.grantRead: s3:GetObject*, s3:GetBucket*, s3:List* on one bucket and its objects',
    doc({ Effect: 'Allow', Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], Resource: [bucketArn, objectsArn] }),
  ],
  [
    'bucket.grantReadWrite on one bucket and its objects',
    doc({
      Effect: 'Allow',
      Action: [
        's3:GetObject*',
        's3:GetBucket*',
        's3:List*',
        's3:DeleteObject*',
        's3:PutObject',
        's3:PutObjectLegalHold',
        's3:PutObjectRetention',
        's3:PutObjectTagging',
        's3:PutObjectVersionTagging',
        's3:Abort*',
      ],
      Resource: [bucketArn, objectsArn],
    }),
  ],
  [
    'a Terraform policy on one named bucket',
    doc({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::acme-reports', 'arn:aws:s3:::acme-reports/*'],
    }),
  ],
  [
    'table.grantReadWriteData on one table and its indexes',
    doc({
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:ConditionCheckItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
      ],
      Resource: [tableArn, indexesArn],
    }),
  ],
  [
    'X-Ray tracing, CloudWatch metrics and ec2:Describe* on `*`',
    doc(
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' },
      { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
    ),
  ],
  [
    'image pull from one ECR repository',
    doc(
      {
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: repoArn,
      },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ),
  ],
  [
    'secret.grantRead and key.grantDecrypt',
    doc(
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: secretArn,
      },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn },
    ),
  ],
  [
    'fn.grantInvoke on one function and its versions',
    doc({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [fnArn, fnVersionsArn] }),
  ],
  [
    'a Step Functions ECS task: ecs:RunTask with iam:PassRole on its task role',
    doc(
      { Effect: 'Allow', Action: 'ecs:RunTask', Resource: 'arn:aws:ecs:us-east-1:111122223333:task-definition/app:*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: taskRoleArn },
    ),
  ],
  [
    'virtual MFA devices the user names, in an account known after deploy (Terraform without a plan)',
    doc({
      Effect: 'Allow',
      Action: 'iam:CreateVirtualMFADevice',
      Resource: new SymbolicValue(['arn:aws:iam::', { id: 'account', source: 'the account' }, ':mfa/*']),
    }),
  ],
];

describe('least-privilege idioms give no catalog finding', () => {
  it('tests at least one rule of each category', () => {
    expect(CATALOG_RULES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(IDIOMS)('%s', (name, document) => {
    const role = principal('AppRole', 'role', [inline(`${name}-policy`, document)]);
    expect(runCatalog({ principals: [role] }).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('a Lambda role with AWSLambdaBasicExecutionRole (logs on `*`)', () => {
    const role = principal('FnRole', 'role', [
      { kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
      inline('FnRolePolicy', IDIOMS[0]?.[1]),
    ]);
    expect(runCatalog({ principals: [role] }).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});

describe('the SMS role of a Cognito user pool', () => {
  const trustedBy = (service: string): unknown =>
    doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
  const publish = inline('sms', doc({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }));
  const role = (service: string) =>
    principal('SmsRole', 'role', [publish], {
      trustPolicy: { id: 'SmsRole#trust', name: 'trust', document: trustedBy(service), location: {} },
    });

  it.each([
    [
      'assumed only by Cognito: `sns:Publish` on `*`, as AWS documents (a phone number is no resource)',
      'cognito-idp.amazonaws.com',
      [],
    ],
    [
      'assumed by another service: publishing to every topic is reported',
      'lambda.amazonaws.com',
      ['wildcard-resource/write-on-star'],
    ],
  ])('%s', (_, service, expected) => {
    expect(
      runCatalog({ principals: [role(service)] }, ['wildcard-resource/write-on-star']).map((f) => f.ruleId),
    ).toEqual(expected);
  });
});

describe('the role of a service that does fixed work with it', () => {
  const serviceStatement = (services: readonly string[]) => ({
    Effect: 'Allow',
    Principal: { Service: services },
    Action: 'sts:AssumeRole',
  });
  const trustedBy = (services: readonly string[]): unknown => doc(serviceStatement(services));
  // The policy AWS documents for the VPC flow log role: log groups and streams on `*`.
  const logs = inline(
    'logs',
    doc({
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogGroups',
        'logs:DescribeLogStreams',
      ],
      Resource: '*',
    }),
  );
  const roleTrusting = (trust: unknown) =>
    principal('FlowLogsRole', 'role', [logs], {
      trustPolicy: { id: 'FlowLogsRole#trust', name: 'trust', document: trust, location: {} },
    });
  const role = (services: readonly string[]) => roleTrusting(trustedBy(services));

  it.each([
    ['assumed only by VPC flow logs, as AWS documents: not reported', ['vpc-flow-logs.amazonaws.com'], []],
    [
      'assumed by VPC flow logs and by Lambda, whose code may write to every log group: reported',
      ['vpc-flow-logs.amazonaws.com', 'lambda.amazonaws.com'],
      ['wildcard-resource/write-on-star'],
    ],
    [
      'assumed by CodeBuild, which runs the build commands of the project with it: reported',
      ['codebuild.amazonaws.com'],
      ['wildcard-resource/write-on-star'],
    ],
  ])('%s', (_, services, expected) => {
    expect(
      runCatalog({ principals: [role(services)] }, ['wildcard-resource/write-on-star']).map((f) => f.ruleId),
    ).toEqual(expected);
  });

  // `"Principal": "*"` parses with no entry: the role is still assumable by anyone (of the organization).
  it.each([
    ['VPC flow logs and anyone (`"Principal": "*"`): reported', {}],
    [
      'VPC flow logs and anyone of the organization (`"Principal": "*"` with `aws:PrincipalOrgID`): reported',
      { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ],
  ])('assumed by %s', (_, extra) => {
    const trust = doc(serviceStatement(['vpc-flow-logs.amazonaws.com']), {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRole',
      ...extra,
    });
    expect(
      runCatalog({ principals: [roleTrusting(trust)] }, ['wildcard-resource/write-on-star']).map((f) => f.ruleId),
    ).toEqual(['wildcard-resource/write-on-star']);
  });

  it('writes beside the log delivery on a role only VPC flow logs assumes are reported, the log delivery is not', () => {
    const writes = inline(
      'writes',
      doc({
        Effect: 'Allow',
        Action: [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'ec2:TerminateInstances',
          'kms:ScheduleKeyDeletion',
          's3:DeleteObject',
        ],
        Resource: '*',
      }),
    );
    const flowLogsRole = principal('FlowLogsRole', 'role', [writes], {
      trustPolicy: {
        id: 'FlowLogsRole#trust',
        name: 'trust',
        document: trustedBy(['vpc-flow-logs.amazonaws.com']),
        location: {},
      },
    });
    expect(
      runCatalog({ principals: [flowLogsRole] }, ['wildcard-resource/write-on-star']).map(
        (f) => f.evidence?.['actions'],
      ),
    ).toEqual([['ec2:TerminateInstances', 'kms:ScheduleKeyDeletion', 's3:DeleteObject']]);
  });
});

describe('the Data Lifecycle Manager role, as AWSDataLifecycleManagerServiceRole grants it', () => {
  const trust = doc({ Effect: 'Allow', Principal: { Service: 'dlm.amazonaws.com' }, Action: 'sts:AssumeRole' });
  const dlmRole = (...statements: unknown[]) =>
    principal('DlmRole', 'role', [inline('dlm', doc(...statements))], {
      trustPolicy: { id: 'DlmRole#trust', name: 'trust', document: trust, location: {} },
    });
  const reported = (...statements: unknown[]): unknown[] =>
    runCatalog({ principals: [dlmRole(...statements)] }, ['wildcard-resource/write-on-star']).map(
      (f) => f.evidence?.['actions'],
    );
  // The managed policy's snapshot statements as AWS documents them (its EventBridge statement names
  // the rules DLM manages, not `*`).
  const managed = [
    {
      Effect: 'Allow',
      Action: [
        'ec2:CreateSnapshot',
        'ec2:CreateSnapshots',
        'ec2:DeleteSnapshot',
        'ec2:DescribeInstances',
        'ec2:DescribeVolumes',
        'ec2:DescribeSnapshots',
        'ec2:EnableFastSnapshotRestores',
        'ec2:DescribeFastSnapshotRestores',
        'ec2:DisableFastSnapshotRestores',
        'ec2:CopySnapshot',
        'ec2:ModifySnapshotAttribute',
        'ec2:DescribeSnapshotAttribute',
        'ec2:DescribeSnapshotTierStatus',
        'ec2:ModifySnapshotTier',
        'ec2:DescribeAvailabilityZones',
      ],
      Resource: '*',
    },
    { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*::snapshot/*' },
    {
      Effect: 'Allow',
      Action: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
      Resource: 'arn:aws:events:*:*:rule/AwsDataLifecycleRule.managed-cwe.*',
    },
  ];

  it('a copy of the managed policy is reported for its copying and sharing only', () => {
    expect(reported(...managed)).toEqual([['ec2:CopySnapshot', 'ec2:ModifySnapshotAttribute']]);
  });

  it.each([
    [
      'tags on snapshots and images (the AMI policy): not reported',
      ['arn:aws:ec2:*::snapshot/*', 'arn:aws:ec2:*::image/*'],
      [],
    ],
    ['tags on every resource (instances, volumes, ...): reported', '*', [['ec2:CreateTags']]],
    [
      'tags on snapshots and every instance: reported',
      ['arn:aws:ec2:*::snapshot/*', 'arn:aws:ec2:*:*:instance/*'],
      [['ec2:CreateTags']],
    ],
  ])('%s', (_, resource, expected) => {
    expect(reported({ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: resource })).toEqual(expected);
  });

  it('tag deletions on every resource are not its work', () => {
    expect(reported({ Effect: 'Allow', Action: ['ec2:CreateTags', 'ec2:DeleteTags'], Resource: '*' })).toEqual([
      ['ec2:CreateTags', 'ec2:DeleteTags'],
    ]);
  });
});
