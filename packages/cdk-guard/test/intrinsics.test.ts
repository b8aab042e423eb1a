import { SymbolicValue, isInputHole } from '@iamgate/core';
import { Resolver } from '../src/resolve/intrinsics';
import type { StackView } from '../src/resolve/intrinsics';
import { Branches, UnknownList } from '../src/resolve/values';

const resources: Record<string, { type: string; properties?: Record<string, unknown> }> = {
  OrdersTable: { type: 'AWS::DynamoDB::Table' },
  NamedTable: { type: 'AWS::DynamoDB::Table', properties: { TableName: 'orders' } },
  Bucket: { type: 'AWS::S3::Bucket' },
  Queue: { type: 'AWS::SQS::Queue' },
  Topic: { type: 'AWS::SNS::Topic' },
  Key: { type: 'AWS::KMS::Key' },
  Fn: { type: 'AWS::Lambda::Function' },
  Secret: { type: 'AWS::SecretsManager::Secret' },
  AppRole: { type: 'AWS::IAM::Role', properties: { Path: '/app/' } },
  Boundary: { type: 'AWS::IAM::ManagedPolicy', properties: { ManagedPolicyName: 'app-boundary' } },
  Github: { type: 'AWS::IAM::OIDCProvider', properties: { Url: 'https://token.actions.githubusercontent.com' } },
  Widget: { type: 'AWS::Custom::Thing' },
};

const stack: StackView = {
  key: 'Api',
  stackName: 'Api',
  partition: 'aws',
  resource: (id) => {
    const r = resources[id];
    return r === undefined ? undefined : { logicalId: id, type: r.type, properties: () => r.properties ?? {} };
  },
  parameters: { Env: { Type: 'String' }, Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } },
  mappings: { Accounts: { prod: { id: '111122223333' } } },
  conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Always: { 'Fn::Equals': ['a', 'a'] } },
};

/** Renders a resolved value with holes as `${hole-id}`, to compare shapes. */
function shape(value: unknown): unknown {
  if (value instanceof SymbolicValue)
    return value.parts.map((p) => (typeof p === 'string' ? p : '${' + p.id + '}')).join('');
  if (value instanceof Branches)
    return { if: value.condition, then: shape(value.whenTrue), else: shape(value.whenFalse) };
  if (value instanceof UnknownList) return { list: value.hole.id };
  if (Array.isArray(value)) return value.map(shape);
  return value;
}

const cases: [string, unknown, unknown][] = [
  [
    'a table ARN is that table, with region and account holes',
    { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
    'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Api/OrdersTable#name}',
  ],
  [
    'a named table ARN uses its literal name',
    { 'Fn::GetAtt': 'NamedTable.Arn' },
    'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders',
  ],
  [
    'bucket objects via Join are literal + hole + literal',
    { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
    'arn:aws:s3:::${Api/Bucket#name}/*',
  ],
  [
    'Join of partition and Ref bucket',
    { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }, '/*']] },
    'arn:aws:s3:::${Api/Bucket#name}/*',
  ],
  [
    'Ref to a queue is its URL',
    { Ref: 'Queue' },
    'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/${Api/Queue#name}',
  ],
  ['Ref to a topic is its ARN', { Ref: 'Topic' }, 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${Api/Topic#name}'],
  [
    'a key ARN holds the key id',
    { 'Fn::GetAtt': ['Key', 'Arn'] },
    'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${Api/Key#id}',
  ],
  [
    'a function ARN',
    { 'Fn::GetAtt': ['Fn', 'Arn'] },
    'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Api/Fn#name}',
  ],
  [
    'Ref to a secret is its ARN with a generated suffix',
    { Ref: 'Secret' },
    'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${Api/Secret#name}-${Api/Secret#suffix}',
  ],
  [
    'a role ARN keeps its path',
    { 'Fn::GetAtt': ['AppRole', 'Arn'] },
    'arn:aws:iam::${AWS::AccountId}:role/app/${Api/AppRole#name}',
  ],
  ['Ref to a managed policy is its ARN', { Ref: 'Boundary' }, 'arn:aws:iam::${AWS::AccountId}:policy/app-boundary'],
  [
    'Ref to an OIDC provider is its ARN with the host',
    { Ref: 'Github' },
    'arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
  ],
  ['an unknown type attribute is one hole', { 'Fn::GetAtt': ['Widget', 'Arn'] }, '${Api/Widget#Arn}'],
  ['an unknown logical id is one hole, not an exception', { 'Fn::GetAtt': ['Missing', 'Arn'] }, '${Api/Missing#Arn}'],
  [
    'Sub with pseudo parameters and attributes',
    { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${Bucket.Arn}' },
    'arn:aws:s3:::${Api/Bucket#name}/arn:aws:s3:::${Api/Bucket#name}',
  ],
  [
    'Sub with a variable map',
    { 'Fn::Sub': ['${Prefix}-${AWS::Region}', { Prefix: { Ref: 'Env' } }] },
    '${Api:param:Env}-${AWS::Region}',
  ],
  ['Sub keeps ${!literal}', { 'Fn::Sub': 'a-${!Literal}' }, 'a-${Literal}'],
  ['Select of Split of a literal', { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, 'b'],
  [
    'Select of Split of an ARN takes the literal part',
    { 'Fn::Select': [2, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] },
    'lambda',
  ],
  [
    'Select of Split of an ARN takes the hole part',
    { 'Fn::Select': [6, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] },
    '${Api/Fn#name}',
  ],
  [
    'If on an unknown condition keeps both branches',
    { 'Fn::If': ['IsProd', 'a', 'b'] },
    { if: 'Api:condition:IsProd', then: 'a', else: 'b' },
  ],
  ['If on a decidable condition picks the branch', { 'Fn::If': ['Always', 'a', 'b'] }, 'a'],
  [
    'Join over an If yields branches',
    { 'Fn::Join': ['', ['x-', { 'Fn::If': ['IsProd', 'a', 'b'] }]] },
    { if: 'Api:condition:IsProd', then: 'x-a', else: 'x-b' },
  ],
  [
    'ImportValue is a hole named after the export',
    { 'Fn::ImportValue': 'Shared:BucketArn' },
    '${import:Shared:BucketArn}',
  ],
  ['FindInMap of literal keys', { 'Fn::FindInMap': ['Accounts', 'prod', 'id'] }, '111122223333'],
  [
    'FindInMap of a key the mapping lacks takes its DefaultValue (language extensions)',
    { 'Fn::FindInMap': ['Accounts', 'staging', 'id', { DefaultValue: '444455556666' }] },
    '444455556666',
  ],
  [
    'FindInMap of a key the mapping has ignores its DefaultValue',
    { 'Fn::FindInMap': ['Accounts', 'prod', 'id', { DefaultValue: '444455556666' }] },
    '111122223333',
  ],
  ['a list parameter is a list known after deploy', { Ref: 'Subnets' }, { list: 'Api:param:Subnets' }],
  [
    'an unknown function is a hole',
    { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
    '${Api:expr:{"Fn::Cidr":["10.0.0.0/16",4,8]}}',
  ],
];

describe('intrinsic resolution', () => {
  test.each(cases)('%s', (_name, expression, expected) => {
    expect(shape(new Resolver(stack).resolve(expression))).toEqual(expected);
  });

  test('a concrete stack environment replaces the account and region holes', () => {
    const concrete = new Resolver({ ...stack, account: '123456789012', region: 'eu-west-1' });
    expect(concrete.resolve({ 'Fn::GetAtt': ['NamedTable', 'Arn'] })).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
    );
  });

  test('nesting deeper than the limit becomes one hole instead of overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const value = new Resolver(stack).resolve({ Statement: deep });
    let inner: unknown = (value as Record<string, unknown>)['Statement'];
    while (Array.isArray(inner)) inner = inner[0];
    expect(inner).toBeInstanceOf(SymbolicValue);
    expect((inner as SymbolicValue).holes()[0]?.source).toMatch(/nesting deeper than \d+ levels/);
  });

  test('holes say where the value comes from', () => {
    const value = new Resolver(stack).resolve({ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }) as SymbolicValue;
    expect(value.holes().map((h) => h.source)).toEqual([
      'the region of the stack',
      'the account of the stack',
      'the name of table `OrdersTable`',
    ]);
  });
});

describe('each side of an `Fn::If` holds the parameter its condition compares to a text', () => {
  const sided = new Resolver({
    ...stack,
    parameters: {
      ...stack.parameters,
      Region2: { Type: 'String' },
      Passed: { Type: 'String' },
    },
    conditions: {
      ...stack.conditions,
      IsDev: { 'Fn::Equals': ['dev', { Ref: 'Env' }] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      ProdInIreland: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Region2' }, 'eu-west-1'] }] },
      DevOrTest: { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] }] },
      OnSubnets: { 'Fn::Equals': [{ 'Fn::Join': [',', { Ref: 'Subnets' }] }, 'subnet-1'] },
      IsPassed: { 'Fn::Equals': [{ Ref: 'Passed' }, 'x'] },
    },
    parameterValue: (name) => (name === 'Passed' ? 'y' : undefined),
  });
  const env = { Ref: 'Env' };
  const cases: [string, unknown, unknown][] = [
    [
      'the true side of `Equals [Ref Env, prod]` has `prod`; the false side may be anything',
      { 'Fn::If': ['IsProd', env, env] },
      { if: 'Api:condition:IsProd', then: 'prod', else: '${Api:param:Env}' },
    ],
    [
      'a mapping looked up by the parameter on that side is its one entry',
      { 'Fn::If': ['IsProd', { 'Fn::FindInMap': ['Accounts', env, 'id'] }, 'none'] },
      { if: 'Api:condition:IsProd', then: '111122223333', else: 'none' },
    ],
    [
      'the text may be written first',
      { 'Fn::If': ['IsDev', env, 'other'] },
      { if: 'Api:condition:IsDev', then: 'dev', else: 'other' },
    ],
    [
      'through `Fn::Not`, on the false side',
      { 'Fn::If': ['NotProd', env, env] },
      { if: 'Api:condition:NotProd', then: '${Api:param:Env}', else: 'prod' },
    ],
    [
      'a true `Fn::And` fixes each parameter it compares',
      { 'Fn::If': ['ProdInIreland', { 'Fn::Join': ['/', [env, { Ref: 'Region2' }]] }, 'no'] },
      { if: 'Api:condition:ProdInIreland', then: 'prod/eu-west-1', else: 'no' },
    ],
    [
      'a true `Fn::Or` fixes none; a false one fixes none either (each side only differs)',
      { 'Fn::If': ['DevOrTest', env, env] },
      { if: 'Api:condition:DevOrTest', then: '${Api:param:Env}', else: '${Api:param:Env}' },
    ],
    [
      'a condition decided on one side is decided again outside it',
      [{ 'Fn::If': ['IsDev', { 'Fn::If': ['IsProd', 'both', 'dev only'] }, 'x'] }, { 'Fn::If': ['IsProd', 'p', 'q'] }],
      [
        { if: 'Api:condition:IsDev', then: 'dev only', else: 'x' },
        { if: 'Api:condition:IsProd', then: 'p', else: 'q' },
      ],
    ],
    ['a parameter the stack is passed keeps its value', { 'Fn::If': ['IsPassed', { Ref: 'Passed' }, 'z'] }, 'z'],
  ];
  test.each(cases)('%s', (_name, expression, expected) => {
    expect(shape(sided.resolve(expression))).toEqual(expected);
  });

  test('what a resource created only when its `Condition` holds resolves sees the parameter it fixes, and only there', () => {
    const lookUp = { 'Fn::FindInMap': ['Accounts', env, 'id'] };
    expect(shape(sided.whenCreated('IsProd', () => sided.resolve(lookUp)))).toBe('111122223333');
    expect(shape(sided.whenCreated('NotProd', () => sided.resolve(env)))).toBe('${Api:param:Env}');
    expect(shape(sided.whenCreated(undefined, () => sided.resolve(env)))).toBe('${Api:param:Env}');
    expect(sided.whenCreated('IsProd', () => sided.resolve({ 'Fn::If': ['IsProd', 'p', 'q'] }))).toBe('p');
    expect(shape(sided.resolve({ 'Fn::If': ['IsProd', 'p', 'q'] }))).toEqual({
      if: 'Api:condition:IsProd',
      then: 'p',
      else: 'q',
    });
  });

  test('a list parameter is never fixed by a text', () => {
    expect(shape(sided.resolve({ 'Fn::If': ['OnSubnets', { Ref: 'Subnets' }, []] }))).toEqual({
      if: 'Api:condition:OnSubnets',
      then: { list: 'Api:param:Subnets' },
      else: [],
    });
  });
});

describe('a condition on a value its parent passes, decided over the sides the parent may take', () => {
  const parent = new Resolver({ ...stack, key: 'Parent' });
  /** A nested stack whose `Stage` is what the parent's expression `passed` resolves to. */
  const child = (passed: unknown, conditions: Record<string, unknown>): Resolver =>
    new Resolver({
      ...stack,
      key: 'Child',
      parameters: { Stage: { Type: 'String' } },
      conditions,
      parameterValue: (name) => (name === 'Stage' ? parent.resolve(passed) : undefined),
    });
  const isDev = { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } };
  const ifProd = (a: unknown, b: unknown): object => ({ 'Fn::If': ['IsProd', a, b] });

  it.each([
    ['a literal', 'prod', isDev, false],
    ['every side of the parent`s `Fn::If` not dev', ifProd('prod', 'staging'), isDev, false],
    ['one side of the parent`s `Fn::If` dev', ifProd('prod', 'dev'), isDev, undefined],
    ['every side dev', ifProd('dev', 'dev'), isDev, true],
    [
      'the parent`s condition met again below itself takes the same side',
      ifProd('prod', ifProd('dev', 'qa')),
      isDev,
      false,
    ],
    [
      '`Fn::Not` of a condition decided on every side',
      ifProd('prod', 'staging'),
      { ...isDev, NotDev: { 'Fn::Not': [{ Condition: 'IsDev' }] } },
      true,
    ],
    [
      '`Fn::Or` with one operand true on every side',
      ifProd('prod', 'dev'),
      {
        Any: { 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }, { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }] },
      },
      true,
    ],
    [
      '`Fn::And` with an operand unknown on one side',
      ifProd('prod', { Ref: 'Env' }),
      { Both: { 'Fn::And': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }, { 'Fn::Equals': ['a', 'a'] }] } },
      undefined,
    ],
    ['a condition that refers to itself', 'prod', { Loop: { 'Fn::Not': [{ Condition: 'Loop' }] } }, undefined],
  ])('%s', (_, passed, conditions, expected) => {
    const name = Object.keys(conditions).at(-1) as string;
    expect(child(passed, conditions).decide(name)).toBe(expected);
  });
});

describe('an `Fn::If` on a condition over what a parent passes takes the sides the parent may take', () => {
  const parent = new Resolver({ ...stack, key: 'Parent' });
  const child = (passed: unknown): Resolver =>
    new Resolver({
      ...stack,
      key: 'Child',
      parameters: { Stage: { Type: 'String' } },
      conditions: {
        IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
        NotDev: { 'Fn::Not': [{ Condition: 'IsDev' }] },
      },
      parameterValue: (name) => (name === 'Stage' ? parent.resolve(passed) : undefined),
    });
  const resource = { 'Fn::If': ['NotDev', 'arn:aws:s3:::prod/*', '*'] };

  it.each([
    ['never dev: the scoped side only', { 'Fn::If': ['IsProd', 'prod', 'staging'] }, 'arn:aws:s3:::prod/*'],
    [
      'dev when the parent`s IsProd is false: that side, on the parent`s condition',
      { 'Fn::If': ['IsProd', 'prod', 'dev'] },
      { if: 'Parent:condition:IsProd', then: 'arn:aws:s3:::prod/*', else: '*' },
    ],
    [
      'unknown on one side: the child`s own condition there',
      { 'Fn::If': ['IsProd', 'prod', { Ref: 'Env' }] },
      {
        if: 'Parent:condition:IsProd',
        then: 'arn:aws:s3:::prod/*',
        else: { if: 'Child:condition:NotDev', then: 'arn:aws:s3:::prod/*', else: '*' },
      },
    ],
  ])('%s', (_, passed, expected) => {
    expect(shape(child(passed).resolve(resource))).toEqual(expected);
  });
});

describe('values computed from an input given at deploy may be anything, as the input may', () => {
  const view: StackView = {
    ...stack,
    parameters: {
      Names: { Type: 'CommaDelimitedList' },
      Index: { Type: 'Number' },
      Env: { Type: 'String' },
    },
    mappings: {
      Targets: { prod: { Arn: 'arn:aws:iam::111122223333:role/prod' }, dev: { Arn: '*' } },
      Owned: {
        prod: { Arn: 'arn:aws:iam::111122223333:role/prod' },
        dev: { Arn: 'arn:aws:iam::111122223333:role/dev' },
      },
      Built: { prod: { Arn: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/prod' } }, dev: { Arn: '*' } },
    },
  };
  /** Each hole as `${source}` with `!` when a check must read it as possibly anything. */
  const given = (value: unknown): unknown => {
    if (value instanceof SymbolicValue)
      return value.parts
        .map((p) => (typeof p === 'string' ? p : `\${${isInputHole(p) ? '!' : ''}${p.source}}`))
        .join('');
    if (value instanceof Branches) return { either: given(value.whenTrue), or: given(value.whenFalse) };
    if (value instanceof UnknownList) return { list: `${isInputHole(value.hole) ? '!' : ''}${value.hole.source}` };
    return value;
  };
  const cases: [string, unknown, unknown][] = [
    [
      '`Fn::Join` of a list parameter',
      { 'Fn::Join': [',', { Ref: 'Names' }] },
      '${!the `Fn::Join` of the value of parameter `Names`}',
    ],
    [
      '`Fn::Join` of a list split from an import',
      { 'Fn::Join': [',', { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }] },
      '${!the `Fn::Join` of a list split from the value exported as `Shared`}',
    ],
    [
      '`Fn::Select` from a list split from an import (it may hold the delimiter)',
      { 'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }] },
      '${!element 1 of a list split from the value exported as `Shared`}',
    ],
    [
      'a list parameter used whole inside a string (`Fn::Sub`)',
      { 'Fn::Sub': 'arn:aws:iam::111122223333:role/${Names}' },
      'arn:aws:iam::111122223333:role/${!the value of parameter `Names`, a list, in a string}',
    ],
    [
      '`Fn::Join` of a list parameter standing for the whole value',
      { 'Fn::Join': ['', [{ Ref: 'Names' }]] },
      '${!the value of parameter `Names`, a list, in a string}',
    ],
    [
      '`Fn::Select` from a list parameter, the whole value',
      { 'Fn::Select': [0, { Ref: 'Names' }] },
      '${!element 0 of the value of parameter `Names`}',
    ],
    [
      '`Fn::Select` at an index given at deploy among texts, one of them `*`',
      { 'Fn::Select': [{ Ref: 'Index' }, ['arn:aws:iam::111122223333:role/a', '*']] },
      '${!an element of `Fn::Select` at ${the value of parameter `Index`}}',
    ],
    [
      '`Fn::FindInMap` by a parameter, one value `*`',
      { 'Fn::FindInMap': ['Targets', { Ref: 'Env' }, 'Arn'] },
      '${!a value of mapping `Targets` chosen by the value of parameter `Env`}',
    ],
    [
      '`Fn::FindInMap` by a parameter, values with functions: each is a branch',
      { 'Fn::FindInMap': ['Built', { Ref: 'Env' }, 'Arn'] },
      { either: 'arn:aws:iam::${the account of the stack}:role/prod', or: '*' },
    ],
    [
      '`Fn::Select` at an index given at deploy among values with functions: each is a branch',
      { 'Fn::Select': [{ Ref: 'Index' }, [{ 'Fn::GetAtt': ['AppRole', 'Arn'] }, '*']] },
      { either: 'arn:aws:iam::${the account of the stack}:role/app/${the name of role `AppRole`}', or: '*' },
    ],
  ];
  test.each(cases)('%s', (_name, expression, expected) => {
    expect(given(new Resolver(view).resolve(expression))).toEqual(expected);
  });

  const specific: [string, unknown, unknown][] = [
    [
      'a scoped prefix around an element of a list parameter stays scoped',
      { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::Select': [0, { Ref: 'Names' }] }, '/*']] },
      'arn:aws:s3:::${!element 0 of the value of parameter `Names`}/*',
    ],
    [
      '`Fn::FindInMap` by a parameter among specific values is one of them, no wildcard',
      { 'Fn::FindInMap': ['Owned', { Ref: 'Env' }, 'Arn'] },
      '${a value of mapping `Owned` chosen by the value of parameter `Env`}',
    ],
    [
      '`Fn::Join` of the availability zones: made by AWS, not given',
      { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] },
      '${the `Fn::Join` of the availability zones of the region}',
    ],
    [
      '`Fn::Select` from a split of an ARN keeps splitting around the resource`s name',
      { 'Fn::Select': [6, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] },
      '${the name of function `Fn`}',
    ],
  ];
  test.each(specific)('%s', (_name, expression, expected) => {
    expect(given(new Resolver(view).resolve(expression))).toEqual(expected);
  });
});
