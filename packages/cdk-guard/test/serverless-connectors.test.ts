/**
 * SAM connectors: what each modelled source/destination pair grants lands on the source's role
 * (the role SAM creates, or the one given), under the managed policy `<Connector>Policy`; any
 * other pair is reported as not checked.
 */
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { ScanInput } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';

const TABLE = {
  Type: 'AWS::DynamoDB::Table',
  Properties: { TableName: 'orders' },
};
const RESOURCES: Record<string, unknown> = {
  Table: TABLE,
  Simple: { Type: 'AWS::Serverless::SimpleTable', Properties: { TableName: 'simple' } },
  Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'uploads' } },
  Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } },
  Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } },
  Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Name: 'flow', Definition: {} } },
  Worker: { Type: 'AWS::Serverless::Function', Properties: { FunctionName: 'worker' } },
  Plain: {
    Type: 'AWS::Lambda::Function',
    Properties: { FunctionName: 'plain', Role: { 'Fn::GetAtt': ['PlainRole', 'Arn'] } },
  },
  PlainRole: {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    },
  },
  Api: { Type: 'AWS::Serverless::Function', Properties: { FunctionName: 'api' } },
};

function scan(connector: Record<string, unknown>, extra: Record<string, unknown> = {}): ScanInput {
  const template = {
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: { ...RESOURCES, ...extra, Link: { Type: 'AWS::Serverless::Connector', Properties: connector } },
  };
  return extractStacks([templateSource(template, { file: 't.yaml' })], { partition: 'aws' });
}

/** `[action, resource]` pairs the named role gets from connector policies. */
function grants(input: ScanInput, role: string): string[] {
  const principal = input.principals.find((p) => p.location.logicalId === role);
  const text = (v: unknown): string => (v instanceof SymbolicValue ? valueToString(v) : String(v));
  const out: string[] = [];
  for (const attached of principal?.policies ?? []) {
    if (attached.policy?.location.logicalId !== 'LinkPolicy') continue;
    const statements = (attached.policy.document as { Statement: { Action: string[]; Resource: unknown[] }[] })
      .Statement;
    for (const s of statements) for (const a of s.Action) for (const r of s.Resource) out.push(`${a} ${text(r)}`);
  }
  return out.sort();
}

const REGION = '${the region of the stack}';
const ACCOUNT = '${the account of the stack}';

describe('connectors from a function or a state machine grant to the source role', () => {
  it.each([
    [
      'Function -> Table Read',
      { Source: { Id: 'Api' }, Destination: { Id: 'Table' }, Permissions: ['Read'] },
      'ApiRole',
      ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PartiQLSelect', 'Query', 'Scan'].flatMap((a) => [
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`,
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/index/*`,
      ]),
    ],
    [
      'Function -> SimpleTable Write',
      { Source: { Id: 'Api' }, Destination: { Id: 'Simple' }, Permissions: ['Write'] },
      'ApiRole',
      [
        'BatchWriteItem',
        'DeleteItem',
        'PartiQLDelete',
        'PartiQLInsert',
        'PartiQLUpdate',
        'PutItem',
        'UpdateItem',
      ].flatMap((a) => [
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/simple`,
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/simple/index/*`,
      ]),
    ],
    [
      'Function -> Queue Read',
      { Source: { Id: 'Api' }, Destination: { Id: 'Queue' }, Permissions: ['Read'] },
      'ApiRole',
      [
        `sqs:GetQueueAttributes arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
        `sqs:ReceiveMessage arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
      ],
    ],
    [
      'Function -> Topic Write',
      { Source: { Id: 'Api' }, Destination: { Id: 'Topic' }, Permissions: ['Write'] },
      'ApiRole',
      [`sns:Publish arn:aws:sns:${REGION}:${ACCOUNT}:alerts`],
    ],
    [
      'Function -> StateMachine Write',
      { Source: { Id: 'Api' }, Destination: { Id: 'Flow' }, Permissions: ['Write'] },
      'ApiRole',
      [
        `states:StartExecution arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:flow`,
        `states:StartSyncExecution arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:flow`,
        `states:StopExecution arn:aws:states:${REGION}:${ACCOUNT}:execution:flow:*`,
      ],
    ],
    [
      'Function -> Function Write',
      { Source: { Id: 'Api' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      'ApiRole',
      [
        `lambda:InvokeAsync arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`,
        `lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`,
      ],
    ],
    [
      'StateMachine -> Function Write',
      { Source: { Id: 'Flow' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      'FlowRole',
      [
        `lambda:InvokeAsync arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`,
        `lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`,
      ],
    ],
    [
      'a plain Lambda function: its `Role` gets the grant',
      { Source: { Id: 'Plain' }, Destination: { Id: 'Topic' }, Permissions: ['Write'] },
      'PlainRole',
      [`sns:Publish arn:aws:sns:${REGION}:${ACCOUNT}:alerts`],
    ],
    [
      'a destination given by type and ARN',
      {
        Source: { Id: 'Api' },
        Destination: { Type: 'AWS::S3::Bucket', Arn: 'arn:aws:s3:::*' },
        Permissions: ['Write'],
      },
      'ApiRole',
      [
        'AbortMultipartUpload',
        'DeleteObject',
        'DeleteObjectVersion',
        'PutObject',
        'PutObjectLegalHold',
        'PutObjectRetention',
        'RestoreObject',
      ].flatMap((a) => [`s3:${a} arn:aws:s3:::*`, `s3:${a} arn:aws:s3:::*/*`]),
    ],
  ])('%s', (_, connector, role, expected) => {
    expect(grants(scan(connector), role)).toEqual(expected);
  });

  it('a list of destinations: one managed policy per destination, as SAM names them', () => {
    const input = scan({
      Source: { Id: 'Api' },
      Destination: [{ Id: 'Queue' }, { Id: 'Topic' }],
      Permissions: ['Write'],
    });
    const role = input.principals.find((p) => p.location.logicalId === 'ApiRole');
    expect(role?.policies.map((p) => p.policy?.location.logicalId).filter((id) => id?.startsWith('Link'))).toEqual([
      'LinkPolicyDestination0',
      'LinkPolicyDestination1',
    ]);
  });

  it('the embedded `Connectors` attribute makes the holding resource the source', () => {
    const input = extractStacks([
      templateSource(
        {
          Resources: {
            ...RESOURCES,
            Api: {
              Type: 'AWS::Serverless::Function',
              Properties: {},
              Connectors: { Topic: { Properties: { Destination: { Id: 'Topic' }, Permissions: ['Write'] } } },
            },
          },
        },
        { file: 't.yaml' },
      ),
    ]);
    const role = input.principals.find((p) => p.location.logicalId === 'ApiRole');
    expect(role?.policies.map((p) => p.policy?.location.logicalId)).toContain('ApiTopicPolicy');
  });
});

describe('connectors that are not written out are reported as not checked', () => {
  it.each([
    [
      'a pair iamgate does not model (SQS -> DynamoDB)',
      { Source: { Id: 'Queue' }, Destination: { Id: 'Table' }, Permissions: ['Write'] },
    ],
    [
      'a permission the pair does not have (Topic Read)',
      { Source: { Id: 'Api' }, Destination: { Id: 'Topic' }, Permissions: ['Read'] },
    ],
    ['a destination that names nothing', { Source: { Id: 'Api' }, Destination: { Id: 'Nope' }, Permissions: ['Read'] }],
    [
      'a source without a role in the template',
      {
        Source: { Type: 'AWS::Lambda::Function', Arn: 'arn:aws:lambda:eu-west-1:1:function:f' },
        Destination: { Id: 'Topic' },
        Permissions: ['Write'],
      },
    ],
  ])('%s', (_, connector) => {
    const input = scan(connector);
    expect(
      input.policies
        .filter((p) => p.policy.location.logicalId === 'Link')
        .map((p) => p.policy.unresolved !== undefined),
    ).toEqual([true]);
  });
});

describe('connectors from an API or an AppSync data source', () => {
  const APIS: Record<string, unknown> = {
    Rest: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'prod' } },
    Http: { Type: 'AWS::Serverless::HttpApi', Properties: {} },
    Graph: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'g', AuthenticationType: 'API_KEY' } },
    Source: {
      Type: 'AWS::AppSync::DataSource',
      Properties: {
        ApiId: 'abc',
        Name: 'orders',
        Type: 'AMAZON_DYNAMODB',
        ServiceRoleArn: { 'Fn::GetAtt': ['PlainRole', 'Arn'] },
      },
    },
  };
  const text = (v: unknown): string => (v instanceof SymbolicValue ? valueToString(v) : String(v));

  /** The statement of the function policy a connector writes, as `principal action resource source-arn`. */
  function invocation(input: ScanInput): string[] {
    return input.resources
      .filter((r) => r.location.logicalId?.startsWith('LinkWriteLambdaPermission') === true)
      .map((r) => {
        const [s] = (r.policy.document as { Statement: Record<string, unknown>[] }).Statement;
        const service = (s?.['Principal'] as { Service: string }).Service;
        const arn = (s?.['Condition'] as { ArnLike: Record<string, unknown> }).ArnLike['aws:SourceArn'];
        return `${service} ${text(s?.['Action'])} ${text(s?.['Resource'])} ${text(arn)}`;
      });
  }

  it.each([
    [
      'a SAM REST API, every route (the default qualifier)',
      { Source: { Id: 'Rest' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      `apigateway.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker arn:aws:execute-api:${REGION}:${ACCOUNT}:\${the id of REST API \`Rest\`}/*`,
    ],
    [
      'a SAM HTTP API, one route',
      { Source: { Id: 'Http', Qualifier: 'prod/GET/orders' }, Destination: { Id: 'Plain' }, Permissions: ['Write'] },
      `apigateway.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:plain arn:aws:execute-api:${REGION}:${ACCOUNT}:\${the physical id of AWS::Serverless::HttpApi \`Http\`}/prod/GET/orders`,
    ],
    [
      'an API of another template, by id',
      {
        Source: { Type: 'AWS::ApiGateway::RestApi', ResourceId: 'a1b2c3' },
        Destination: { Id: 'Worker' },
        Permissions: ['Write'],
      },
      `apigateway.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3/*`,
    ],
    [
      'an AppSync API',
      { Source: { Id: 'Graph' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      `appsync.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker arn:aws:appsync:${REGION}:${ACCOUNT}:apis/\${the ApiId of AWS::AppSync::GraphQLApi \`Graph\`}`,
    ],
  ])('%s invokes the function through its policy: the service, for that API only', (_, connector, expected) => {
    const input = scan(connector, APIS);
    expect(invocation(input)).toEqual([expected]);
    expect(input.policies.filter((p) => p.policy.location.logicalId === 'Link')).toEqual([]);
  });

  it('an embedded connector of an API: its `SourceReference` qualifies the API it holds', () => {
    const input = extractStacks([
      templateSource(
        {
          Resources: {
            ...RESOURCES,
            Rest: {
              Type: 'AWS::Serverless::Api',
              Properties: { StageName: 'prod' },
              Connectors: {
                Prices: {
                  Properties: {
                    SourceReference: { Qualifier: 'prod/GET/prices' },
                    Destination: { Id: 'Worker' },
                    Permissions: ['Write'],
                  },
                },
              },
            },
          },
        },
        { file: 't.yaml' },
      ),
    ]);
    const permission = input.resources.find((r) => r.location.logicalId === 'RestPricesWriteLambdaPermission');
    const [s] = (permission?.policy.document as { Statement: { Condition: { ArnLike: Record<string, unknown> } }[] })
      .Statement;
    expect(text(s?.Condition.ArnLike['aws:SourceArn'])).toBe(
      `arn:aws:execute-api:${REGION}:${ACCOUNT}:\${the id of REST API \`Rest\`}/prod/GET/prices`,
    );
  });

  it('an API asking to `Read` a function: rejected, as the transform does', () => {
    const input = scan({ Source: { Id: 'Rest' }, Destination: { Id: 'Worker' }, Permissions: ['Read'] }, APIS);
    expect(invocation(input)).toEqual([]);
    expect(input.errors.map((e) => e.pointer)).toEqual(['/Resources/Link/Properties/Permissions/0']);
  });

  it.each([
    [
      'Table Read and Write',
      { Destination: { Id: 'Table' }, Permissions: ['Read', 'Write'] },
      ['GetItem', 'PutItem'].flatMap((a) => [
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`,
        `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/index/*`,
      ]),
    ],
    [
      'Function Write (its versions and aliases too)',
      { Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      ['InvokeAsync', 'InvokeFunction'].flatMap((a) => [
        `lambda:${a} arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`,
        `lambda:${a} arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker:*`,
      ]),
    ],
  ])('a data source -> %s: the role of the data source', (_, connector, expected) => {
    const got = grants(scan({ Source: { Id: 'Source' }, ...connector }, APIS), 'PlainRole');
    expect(got).toEqual(expect.arrayContaining(expected));
    expect(got.every((g) => !g.endsWith(' *'))).toBe(true);
  });
});

describe('connectors from a topic, a bucket, a rule, a queue or a table', () => {
  const EVENTS: Record<string, unknown> = {
    Nightly: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)' } },
    Stream: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'stream' } },
  };
  const text = (v: unknown): string => (v instanceof SymbolicValue ? valueToString(v) : String(v));

  /** Each resource policy statement the connector writes, as `principal action resource source-arn [account]`. */
  function resourceGrants(input: ScanInput): string[] {
    return input.resources
      .filter((r) => r.location.logicalId?.startsWith('Link') === true)
      .flatMap((r) => (r.policy.document as { Statement: Record<string, unknown>[] }).Statement)
      .map((s) => {
        const service = (s['Principal'] as { Service: string }).Service;
        const condition = s['Condition'] as Record<string, Record<string, unknown>>;
        const arn = condition['ArnLike']?.['aws:SourceArn'] ?? condition['ArnEquals']?.['aws:SourceArn'];
        const account = condition['StringEquals']?.['aws:SourceAccount'];
        return [
          service,
          text(s['Action']),
          text(s['Resource']),
          text(arn),
          ...(account === undefined ? [] : [text(account)]),
        ].join(' ');
      });
  }

  it.each([
    [
      'a topic invokes a function',
      { Source: { Id: 'Topic' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      [
        `sns.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
      ],
    ],
    [
      'a bucket invokes a function, for its own account only',
      { Source: { Id: 'Bucket' }, Destination: { Id: 'Worker' }, Permissions: ['Write'] },
      [
        `s3.amazonaws.com lambda:InvokeFunction arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker arn:aws:s3:::uploads ${ACCOUNT}`,
      ],
    ],
    [
      'a topic sends to a queue',
      { Source: { Id: 'Topic' }, Destination: { Id: 'Queue' }, Permissions: ['Write'] },
      [
        `sns.amazonaws.com sqs:SendMessage arn:aws:sqs:${REGION}:${ACCOUNT}:jobs arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
      ],
    ],
    [
      'a rule publishes to a topic',
      { Source: { Id: 'Nightly' }, Destination: { Id: 'Topic' }, Permissions: ['Write'] },
      [
        `events.amazonaws.com sns:Publish arn:aws:sns:${REGION}:${ACCOUNT}:alerts arn:aws:events:${REGION}:${ACCOUNT}:rule/\${the name of rule \`Nightly\`}`,
      ],
    ],
  ])('%s: the resource policy SAM writes, for that source only', (_, connector, expected) => {
    const input = scan(connector, EVENTS);
    expect(input.errors).toEqual([]);
    expect(resourceGrants(input)).toEqual(expected);
  });

  it.each([
    [
      'a queue a function reads: the function role receives and deletes its messages',
      { Source: { Id: 'Queue' }, Destination: { Id: 'Plain' }, Permissions: ['Read', 'Write'] },
      'PlainRole',
      ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'].map(
        (a) => `${a} arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
      ),
    ],
    [
      'a table stream a function reads: the function role reads the stream',
      { Source: { Id: 'Stream' }, Destination: { Id: 'Worker' }, Permissions: ['Read'] },
      'WorkerRole',
      ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
        (a) => `dynamodb:${a} arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/stream/stream/*`,
      ),
    ],
    [
      'a state machine sends to a queue',
      { Source: { Id: 'Flow' }, Destination: { Id: 'Queue' }, Permissions: ['Write'] },
      'FlowRole',
      [`sqs:SendMessage arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`],
    ],
  ])('%s', (_, connector, role, expected) => {
    expect(grants(scan(connector, EVENTS), role)).toEqual(expected);
  });
});

describe('connectors from a rule to a state machine or an event bus: the role of the rule target', () => {
  const eventsRole = (): Record<string, unknown> => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    },
  });
  const rule = (targets: unknown[]): Record<string, unknown> => ({
    Nightly: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)', Targets: targets } },
    StartRole: eventsRole(),
    ForwardRole: eventsRole(),
    Central: { Type: 'AWS::Events::EventBus', Properties: { Name: 'central' } },
  });
  const TARGETS = [
    { Id: 'M', Arn: { Ref: 'Flow' }, RoleArn: { 'Fn::GetAtt': ['StartRole', 'Arn'] } },
    { Id: 'B', Arn: { 'Fn::GetAtt': 'Central.Arn' }, RoleArn: { 'Fn::GetAtt': 'ForwardRole.Arn' } },
    {
      Id: 'X',
      Arn: 'arn:aws:events:eu-west-1:444455556666:event-bus/partner',
      RoleArn: { 'Fn::GetAtt': ['ForwardRole', 'Arn'] },
    },
  ];

  it.each([
    [
      'a rule starts a state machine: its target role may start that machine only',
      { Source: { Id: 'Nightly' }, Destination: { Id: 'Flow' }, Permissions: ['Write'] },
      'StartRole',
      [`states:StartExecution arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:flow`],
    ],
    [
      'a rule sends to an event bus of the template: its target role puts events on that bus only',
      { Source: { Id: 'Nightly' }, Destination: { Id: 'Central' }, Permissions: ['Write'] },
      'ForwardRole',
      [`events:PutEvents arn:aws:events:${REGION}:${ACCOUNT}:event-bus/central`],
    ],
    [
      'a rule sends to a bus given by its `Arn`: the target with that `Arn`',
      {
        Source: { Id: 'Nightly' },
        Destination: { Type: 'AWS::Events::EventBus', Arn: 'arn:aws:events:eu-west-1:444455556666:event-bus/partner' },
        Permissions: ['Write'],
      },
      'ForwardRole',
      ['events:PutEvents arn:aws:events:eu-west-1:444455556666:event-bus/partner'],
    ],
  ])('%s', (_, connector, role, expected) => {
    const input = scan(connector, rule(TARGETS));
    expect(input.errors).toEqual([]);
    expect(grants(input, role)).toEqual(expected);
  });

  it('the other target role gets nothing from the connector', () => {
    const input = scan(
      { Source: { Id: 'Nightly' }, Destination: { Id: 'Flow' }, Permissions: ['Write'] },
      rule(TARGETS),
    );
    expect(grants(input, 'ForwardRole')).toEqual([]);
  });

  it.each([
    ['no target sends to the destination', [TARGETS[1]]],
    [
      'the target names its role by a literal ARN',
      [{ Id: 'M', Arn: { Ref: 'Flow' }, RoleArn: 'arn:aws:iam::1:role/r' }],
    ],
    ['the target has no role', [{ Id: 'M', Arn: { Ref: 'Flow' } }]],
  ])('%s: one input error at the rule targets, as the SAM transform rejects it', (_, targets) => {
    const input = scan(
      { Source: { Id: 'Nightly' }, Destination: { Id: 'Flow' }, Permissions: ['Write'] },
      rule(targets),
    );
    expect(input.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Nightly/Properties/Targets',
        message: expect.stringContaining(
          'rule `Nightly` has no target for its `Destination` with a `RoleArn`',
        ) as unknown,
      }),
    ]);
  });
});

describe('a connector whose source or destination names its role in a form SAM takes no name from', () => {
  const withRole = (role: unknown): Record<string, unknown> => ({
    Given: { Type: 'AWS::Serverless::Function', Properties: { FunctionName: 'given', Role: role } },
  });
  it.each([
    ['a role ARN written out', 'arn:aws:iam::111122223333:role/given'],
    ['a `!Sub` of the account', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/given' }],
    ['an import', { 'Fn::ImportValue': 'shared-role-arn' }],
  ])('%s, on the source: one input error at that `Role`, as the SAM transform rejects it', (_, role) => {
    const input = scan(
      { Source: { Id: 'Given' }, Destination: { Id: 'Table' }, Permissions: ['Read'] },
      withRole(role),
    );
    expect(input.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Given/Properties/Role',
        message: expect.stringContaining(
          "the `Role` of `Given`, the connector's `Source`, names the role otherwise than by `!Ref` or `!GetAtt`",
        ) as unknown,
      }),
    ]);
  });

  it('on the function a queue feeds: one input error at its `Role`', () => {
    const input = scan(
      { Source: { Id: 'Queue' }, Destination: [{ Id: 'Given' }], Permissions: ['Read'] },
      withRole('arn:aws:iam::111122223333:role/given'),
    );
    expect(input.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Given/Properties/Role',
        message: expect.stringContaining("the connector's `Destination`") as unknown,
      }),
    ]);
  });

  it.each([
    ['`!GetAtt` of a role of the template', { 'Fn::GetAtt': ['PlainRole', 'Arn'] }, 'PlainRole'],
    ['no `Role`: the role SAM creates', undefined, 'GivenRole'],
  ])('%s: the policy lands on that role, no error', (_, role, owner) => {
    const extra = withRole(role);
    if (role === undefined) delete (extra['Given'] as { Properties: Record<string, unknown> }).Properties['Role'];
    const input = scan({ Source: { Id: 'Given' }, Destination: { Id: 'Table' }, Permissions: ['Read'] }, extra);
    expect(input.errors).toEqual([]);
    expect(grants(input, owner)).toContain(`dynamodb:GetItem arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`);
  });
});

describe('connectors whose shape the SAM transform rejects: one input error at what is wrong', () => {
  it.each([
    [
      'an empty `Destination` list',
      { Source: { Id: 'Api' }, Destination: [], Permissions: ['Read'] },
      '/Resources/Link/Properties/Destination',
      'its `Destination` is an empty list',
    ],
    [
      'an empty `Permissions` list',
      { Source: { Id: 'Api' }, Destination: { Id: 'Table' }, Permissions: [] },
      '/Resources/Link/Properties/Permissions',
      '`Permissions` must be a non-empty list',
    ],
    [
      'no `Permissions`',
      { Source: { Id: 'Api' }, Destination: { Id: 'Table' } },
      '/Resources/Link/Properties/Permissions',
      'it has no `Permissions`',
    ],
    [
      'a `Destination` with both `Id` and `Arn`',
      {
        Source: { Id: 'Api' },
        Destination: { Id: 'Table', Arn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/other' },
        Permissions: ['Read'],
      },
      '/Resources/Link/Properties/Destination/Arn',
      'its `Destination` gives `Id` and `Arn`',
    ],
    [
      'a `Source` with both `Id` and `RoleName`, in a list of destinations',
      { Source: { Id: 'Api', RoleName: 'other' }, Destination: [{ Id: 'Table' }], Permissions: ['Read'] },
      '/Resources/Link/Properties/Source/RoleName',
      'its `Source` gives `Id` and `RoleName`',
    ],
  ])('%s (it was an `unresolved-policy` warning, or read as the `Id` alone)', (_, connector, pointer, message) => {
    const input = scan(connector);
    expect(input.errors).toEqual([
      expect.objectContaining({ pointer, message: expect.stringContaining(message) as unknown }),
    ]);
  });

  it('an `Id` with a `Qualifier` is a reference SAM takes', () => {
    const input = scan({
      Source: { Id: 'Api', Qualifier: 'live' },
      Destination: { Id: 'Table' },
      Permissions: ['Read'],
    });
    expect(input.errors).toEqual([]);
  });
});
