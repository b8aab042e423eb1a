/** parsePolicy: every legal form into one model; problems as issues with pointers; never throws. */
import fc from 'fast-check';
import { parsePolicy, POLICY_ISSUE_CODES, SymbolicValue, validatePolicy } from '@iamgate/core';
import type { Policy, PolicyIssue, PolicyType, Result } from '@iamgate/core';

function parsed(input: unknown, type?: PolicyType): Policy {
  const result = parsePolicy(input, { type });
  if (!result.ok) throw new Error('expected a valid policy, got ' + JSON.stringify(result.issues));
  return result.value;
}

const allow = (extra: Record<string, unknown>): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra }],
});

describe('normalization of legal forms', () => {
  const cases: [string, unknown, Record<string, unknown>][] = [
    [
      'a single statement object is statement 0 at /Statement',
      { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } },
      { statements: [{ index: 0, pointer: '/Statement', effect: 'Deny' }] },
    ],
    [
      'statements in an array get their index in the pointer',
      {
        Statement: [
          { Effect: 'Allow', Action: 'a:b', Resource: '*' },
          { Effect: 'Deny', Action: 'a:c', Resource: '*' },
        ],
      },
      {
        statements: [
          { index: 0, pointer: '/Statement/0' },
          { index: 1, pointer: '/Statement/1', effect: 'Deny' },
        ],
      },
    ],
    [
      'a scalar Action becomes a one-value set',
      allow({}),
      { statements: [{ action: { negated: false, values: ['s3:GetObject'], pointer: '/Statement/0/Action' } }] },
    ],
    [
      'NotAction and NotResource are negated sets',
      { Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:s3:::b' }] },
      {
        statements: [
          {
            action: { negated: true, values: ['iam:*', 'sts:*'], pointer: '/Statement/0/NotAction' },
            resource: { negated: true, values: ['arn:aws:s3:::b'], pointer: '/Statement/0/NotResource' },
          },
        ],
      },
    ],
    [
      'Principal "*" is the wildcard with no entries',
      allow({ Principal: '*' }),
      {
        statements: [{ principal: { negated: false, wildcard: true, entries: [], pointer: '/Statement/0/Principal' } }],
      },
    ],
    [
      'Principal {"AWS": "*"} is an entry, not the bare wildcard',
      allow({ Principal: { AWS: '*' } }),
      { statements: [{ principal: { wildcard: false, entries: [{ type: 'AWS', value: '*' }] } }] },
    ],
    [
      'a principal map lists one entry per value, in document order',
      allow({
        Principal: {
          AWS: ['arn:aws:iam::111122223333:root', '444455556666'],
          Service: 'lambda.amazonaws.com',
          Federated: 'cognito-identity.amazonaws.com',
          CanonicalUser: 'abc123',
        },
      }),
      {
        statements: [
          {
            principal: {
              entries: [
                { type: 'AWS', value: 'arn:aws:iam::111122223333:root' },
                { type: 'AWS', value: '444455556666' },
                { type: 'Service', value: 'lambda.amazonaws.com' },
                { type: 'Federated', value: 'cognito-identity.amazonaws.com' },
                { type: 'CanonicalUser', value: 'abc123' },
              ],
            },
          },
        ],
      },
    ],
    [
      'NotPrincipal is a negated principal set',
      {
        Statement: {
          Effect: 'Deny',
          NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: '*',
          Resource: '*',
        },
      },
      { statements: [{ principal: { negated: true, wildcard: false, pointer: '/Statement/NotPrincipal' } }] },
    ],
    [
      'condition booleans and numbers keep their JSON text',
      allow({ Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': [10, 2.5] } } }),
      {
        statements: [
          {
            conditions: [
              { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
              { operator: 'NumericLessThan', key: 's3:max-keys', values: ['10', '2.5'] },
            ],
          },
        ],
      },
    ],
    [
      'set prefix and IfExists are decoded from the operator',
      allow({ Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['team*'] } } }),
      {
        statements: [
          {
            conditions: [
              {
                operator: 'ForAnyValue:StringLikeIfExists',
                baseOperator: 'StringLike',
                ifExists: true,
                setOperator: 'ForAnyValue',
              },
            ],
          },
        ],
      },
    ],
    [
      'a plain operator has no set operator and no IfExists',
      allow({ Condition: { StringEquals: { 'aws:username': 'bob' } } }),
      { statements: [{ conditions: [{ baseOperator: 'StringEquals', ifExists: false, setOperator: undefined }] }] },
    ],
    [
      'condition pointers escape `/` and `~` (RFC 6901)',
      allow({ Condition: { StringEquals: { 'aws:RequestTag/cost~center': 'x' } } }),
      {
        statements: [{ conditions: [{ pointer: '/Statement/0/Condition/StringEquals/aws:RequestTag~1cost~0center' }] }],
      },
    ],
    [
      'Version 2008-10-17 is kept',
      { Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 'a:b', Resource: '*' } },
      { version: '2008-10-17' },
    ],
    [
      'a missing Version is undefined',
      { Statement: { Effect: 'Allow', Action: 'a:b', Resource: '*' } },
      { version: undefined },
    ],
    [
      'Id and Sid are kept',
      { Id: 'p1', Statement: { Sid: 'One', Effect: 'Allow', Action: 'a:b', Resource: '*' } },
      { id: 'p1', statements: [{ sid: 'One' }] },
    ],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(parsed(input)).toMatchObject(expected);
  });
});

describe('JSON text input', () => {
  const doc = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}';

  test.each([
    ['plain text', doc],
    ['text with a UTF-8 byte order mark', '\ufeff' + doc],
    ['text with surrounding whitespace and newlines', '\n\t  ' + doc + '  \r\n'],
  ])('%s parses like the object', (_name, text) => {
    expect(parsed(text)).toEqual(parsed(JSON.parse(doc)));
  });

  test.each([
    ['a missing value', '{"Statement": }', 1, 15],
    ['a trailing comma', '{\n  "Statement": [\n    {"Effect": "Allow"},\n  ]\n}', 4, 3],
    ['text after the document (a byte order mark takes no column)', '\ufeff {"Statement": {}} x', 1, 20],
    ['an unterminated document', '{"Statement": [', 1, 16],
    ['a bad escape', '{"Id": "a\\q"}', 1, 10],
  ])('%s is an invalid-json issue at pointer "" naming line and column', (_name, text, line, column) => {
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      code: 'invalid-json',
      severity: 'error',
      pointer: '',
      params: { line, column },
    });
    expect(result.issues[0]?.message).toContain(`line ${line} column ${column}`);
  });

  test.each([
    [
      'an Action given twice in a statement',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"*","Resource":"*"}]}',
      [['/Statement/0/Action', 'Action']],
    ],
    [
      'a condition operator given twice (the first block is lost)',
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":' +
        '{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}}}',
      [['/Statement/Condition/StringEquals', 'StringEquals']],
    ],
    [
      'a name written with an escape is the same name; one given three times is reported once',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"},' +
        '{"Sid":"x","Effect":"Deny","Action":"a:b","Resource":"*","Resource":"x","Re\\u0073ource":"*"}]}',
      [['/Statement/1/Resource', 'Resource']],
    ],
    [
      'names with `/` and `~` are escaped in the pointer; array indexes count past nested values',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:b",{"x":[1,{"y":2}]}],"Resource":"*"},' +
        '{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringLike":{"s3:prefix/~x":"a","s3:prefix/~x":"b"}}}]}',
      [['/Statement/1/Condition/StringLike/s3:prefix~1~0x', 's3:prefix/~x']],
    ],
    [
      'the same name in different objects, or in a string value, is no duplicate',
      doc.replace('"*"', '"\\"Action\\":"'),
      [],
    ],
  ])('%s: a duplicate-key warning at the member kept', (_name, text, expected) => {
    const duplicates = parsePolicy(text).issues.filter((i) => i.code === 'duplicate-key');
    expect(duplicates.map((i) => [i.pointer, i.params?.['key']])).toEqual(expected);
    for (const issue of duplicates) expect(issue).toMatchObject({ severity: 'warning' });
  });

  test('every name given more than once in a condition block is reported once, at its pointer (random blocks)', () => {
    const name = fc.constantFrom('aws:SourceVpc', 'aws:PrincipalOrgID', 's3:prefix/~', 'a"b', 'a\\b', 'x:y');
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.constant({ ':': '"{"' }));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (members) => {
        const block = '{' + members.map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(' ,') + '}';
        const text = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":${block}}}}`;
        const repeated = [...new Set(members.map(([k]) => k))].filter(
          (k) => members.filter(([m]) => m === k).length > 1,
        );
        const reported = parsePolicy(text)
          .issues.filter((i) => i.code === 'duplicate-key')
          .map((i) => i.params?.['key']);
        expect([...reported].sort()).toEqual([...repeated].sort());
      }),
      { numRuns: 500 },
    );
  });

  test('a document given as an object has no duplicate-key issue to find, and is read as JSON.parse reads the text', () => {
    const text =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Action":"*","Resource":"*"}}';
    expect(parsed(text).statements[0]?.action?.values).toEqual(['*']);
    expect(parsePolicy(JSON.parse(text)).issues).toEqual([]);
  });
});

/** [behaviour, input, policy type, expected code, expected pointer] */
type IssueCase = [string, unknown, PolicyType | undefined, string, string];

const shapeCases: IssueCase[] = [
  ['a JSON array is not a policy', [{}], undefined, 'not-an-object', ''],
  ['null is not a policy', null, undefined, 'not-an-object', ''],
  ['undefined is not a policy', undefined, undefined, 'not-an-object', ''],
  ['a number is not a policy', 42, undefined, 'not-an-object', ''],
  ['a Map is read as an object without Statement', new Map([['Statement', {}]]), undefined, 'missing-statement', ''],
  ['Statement is required', { Version: '2012-10-17' }, undefined, 'missing-statement', ''],
  ['Statement must not be empty', { Statement: [] }, undefined, 'empty-statement', '/Statement'],
  ['Statement must be an object or array', { Statement: 'x' }, undefined, 'invalid-type', '/Statement'],
  ['unknown top-level element', { Statement: { Effect: 'Allow' }, Foo: 1 }, undefined, 'unknown-element', '/Foo'],
  [
    'unknown statement element',
    { Statement: [{ Effect: 'Allow', Bank: 'x' }] },
    undefined,
    'unknown-element',
    '/Statement/0/Bank',
  ],
  [
    'element names are case-sensitive',
    { Statement: [{ Effect: 'Allow', action: 'x' }] },
    undefined,
    'unknown-element',
    '/Statement/0/action',
  ],
  ['Effect is required', { Statement: [{ Action: '*' }] }, undefined, 'missing-effect', '/Statement/0'],
  ['Effect is case-sensitive', { Statement: { Effect: 'allow' } }, undefined, 'invalid-effect', '/Statement/Effect'],
  [
    'unknown Version',
    { Version: '2012-10-18', Statement: { Effect: 'Allow' } },
    undefined,
    'unknown-version',
    '/Version',
  ],
  [
    'Version must be a string',
    { Version: 2012, Statement: { Effect: 'Allow' } },
    undefined,
    'invalid-type',
    '/Version',
  ],
  ['Id must be a string', { Id: 7, Statement: { Effect: 'Allow' } }, undefined, 'invalid-type', '/Id'],
  ['Sid must be a string', { Statement: { Sid: 1, Effect: 'Allow' } }, undefined, 'invalid-type', '/Statement/Sid'],
  [
    'Action must hold strings',
    { Statement: { Effect: 'Allow', Action: ['s3:GetObject', 3] } },
    undefined,
    'invalid-type',
    '/Statement/Action/1',
  ],
  [
    'Resource must be a string or array',
    { Statement: { Effect: 'Allow', Resource: 12 } },
    undefined,
    'invalid-type',
    '/Statement/Resource',
  ],
  [
    'an empty Action array',
    { Statement: { Effect: 'Allow', Action: [] } },
    undefined,
    'empty-array',
    '/Statement/Action',
  ],
  [
    'an empty Resource array',
    { Statement: { Effect: 'Allow', Action: '*', Resource: [] } },
    undefined,
    'empty-array',
    '/Statement/Resource',
  ],
  [
    'an empty principal list',
    { Statement: { Effect: 'Allow', Principal: { AWS: [] } } },
    undefined,
    'empty-array',
    '/Statement/Principal/AWS',
  ],
  [
    'an empty Principal object',
    { Statement: { Effect: 'Allow', Principal: {} } },
    undefined,
    'empty-principal',
    '/Statement/Principal',
  ],
  [
    'a Principal string other than *',
    { Statement: { Effect: 'Allow', Principal: 'arn:aws:iam::111122223333:root' } },
    undefined,
    'invalid-principal',
    '/Statement/Principal',
  ],
  [
    'Principal must be a string or object',
    { Statement: { Effect: 'Allow', Principal: 7 } },
    undefined,
    'invalid-type',
    '/Statement/Principal',
  ],
  [
    'Action with NotAction',
    { Statement: { Effect: 'Allow', Action: 'a:b', NotAction: 'a:c' } },
    undefined,
    'conflicting-elements',
    '/Statement',
  ],
  [
    'Resource with NotResource',
    { Statement: [{ Effect: 'Allow', Resource: '*', NotResource: '*' }] },
    undefined,
    'conflicting-elements',
    '/Statement/0',
  ],
  [
    'Principal with NotPrincipal',
    { Statement: { Effect: 'Deny', Principal: '*', NotPrincipal: '*' } },
    undefined,
    'conflicting-elements',
    '/Statement',
  ],
  [
    'Condition must be an object',
    { Statement: { Effect: 'Allow', Condition: [] } },
    undefined,
    'invalid-type',
    '/Statement/Condition',
  ],
  [
    'Condition must not be null',
    { Statement: { Effect: 'Allow', Condition: null } },
    undefined,
    'invalid-type',
    '/Statement/Condition',
  ],
  [
    'a condition operator maps keys to values',
    { Statement: { Effect: 'Allow', Condition: { StringEquals: 'x' } } },
    undefined,
    'invalid-type',
    '/Statement/Condition/StringEquals',
  ],
  [
    'condition values are scalars',
    { Statement: { Effect: 'Allow', Condition: { StringEquals: { 'aws:username': { a: 1 } } } } },
    undefined,
    'invalid-type',
    '/Statement/Condition/StringEquals/aws:username',
  ],
  [
    'condition value lists hold scalars',
    { Statement: { Effect: 'Allow', Condition: { StringEquals: { 'aws:username': ['a', null] } } } },
    undefined,
    'invalid-type',
    '/Statement/Condition/StringEquals/aws:username/1',
  ],
];

const semanticCases: IssueCase[] = [
  [
    'identity policy statement needs an action',
    { Statement: { Effect: 'Allow', Resource: '*' } },
    'identity',
    'missing-action',
    '/Statement',
  ],
  [
    'identity policy statement needs a resource',
    { Statement: { Effect: 'Allow', Action: 'a:b' } },
    'identity',
    'missing-resource',
    '/Statement',
  ],
  [
    'boundary statement needs a resource',
    { Statement: { Effect: 'Allow', Action: 'a:b' } },
    'boundary',
    'missing-resource',
    '/Statement',
  ],
  [
    'session policy statement needs a resource',
    { Statement: { Effect: 'Allow', Action: 'a:b' } },
    'session',
    'missing-resource',
    '/Statement',
  ],
  [
    'resource policy statement needs a resource',
    { Statement: { Effect: 'Allow', Action: 'a:b', Principal: '*' } },
    'resource',
    'missing-resource',
    '/Statement',
  ],
  [
    'a resource policy statement of ECR and another service needs a resource',
    { Statement: { Effect: 'Allow', Action: ['ecr:BatchGetImage', 's3:GetObject'], Principal: '*' } },
    'resource',
    'missing-resource',
    '/Statement',
  ],
  [
    'a resource policy statement of the Serverless Application Repository and another service needs a resource',
    { Statement: { Effect: 'Allow', Action: ['serverlessrepo:GetApplication', 'sqs:SendMessage'], Principal: '*' } },
    'resource',
    'missing-resource',
    '/Statement',
  ],
  [
    'SCP statement needs a resource',
    { Statement: { Effect: 'Deny', Action: 'a:b' } },
    'scp',
    'missing-resource',
    '/Statement',
  ],
  [
    'Principal in an identity policy',
    { Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: '*', Principal: '*' }] },
    'identity',
    'principal-not-allowed',
    '/Statement/0/Principal',
  ],
  [
    'NotPrincipal in a boundary',
    { Statement: { Effect: 'Deny', Action: 'a:b', Resource: '*', NotPrincipal: { AWS: '1' } } },
    'boundary',
    'principal-not-allowed',
    '/Statement/NotPrincipal',
  ],
  [
    'Principal in a session policy',
    { Statement: { Effect: 'Allow', Action: 'a:b', Resource: '*', Principal: '*' } },
    'session',
    'principal-not-allowed',
    '/Statement/Principal',
  ],
  [
    'Principal in an SCP',
    { Statement: { Effect: 'Deny', Action: 'a:b', Resource: '*', Principal: '*' } },
    'scp',
    'principal-not-allowed',
    '/Statement/Principal',
  ],
  [
    'trust policy statement needs a principal',
    { Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } },
    'trust',
    'missing-principal',
    '/Statement',
  ],
  [
    'Resource in a trust policy',
    {
      Statement: {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'ec2.amazonaws.com' },
        Resource: '*',
      },
    },
    'trust',
    'resource-not-allowed',
    '/Statement/Resource',
  ],
  [
    'NotPrincipal in a trust policy',
    { Statement: { Effect: 'Deny', Action: 'sts:AssumeRole', NotPrincipal: { AWS: '111122223333' } } },
    'trust',
    'not-principal-not-allowed',
    '/Statement/NotPrincipal',
  ],
  [
    'an action without a service prefix',
    allow({ Action: 'GetObject' }),
    'identity',
    'malformed-action',
    '/Statement/0/Action',
  ],
  [
    'an action with two colons',
    allow({ Action: 's3:Get:Object' }),
    'identity',
    'malformed-action',
    '/Statement/0/Action',
  ],
  [
    'a wildcard in the service prefix',
    allow({ Action: 's*:GetObject' }),
    'identity',
    'malformed-action',
    '/Statement/0/Action',
  ],
  [
    'a bad character in the action name',
    allow({ NotAction: ['s3:Get$Object'], Action: undefined }),
    'identity',
    'malformed-action',
    '/Statement/0/NotAction',
  ],
  [
    'an unknown condition operator',
    allow({ Condition: { StringEqual: { 'aws:username': 'a' } } }),
    'identity',
    'unknown-condition-operator',
    '/Statement/0/Condition/StringEqual',
  ],
  [
    'an unknown set operator',
    allow({ Condition: { 'ForSomeValue:StringEquals': { 'aws:TagKeys': 'a' } } }),
    'identity',
    'unknown-set-operator',
    '/Statement/0/Condition/ForSomeValue:StringEquals',
  ],
  [
    'IfExists before a set operator is not an operator',
    allow({ Condition: { 'ForAllValues:StringEquals:IfExists': { k: 'a' } } }),
    'identity',
    'unknown-condition-operator',
    '/Statement/0/Condition/ForAllValues:StringEquals:IfExists',
  ],
  [
    'Null cannot take IfExists',
    allow({ Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }),
    'identity',
    'null-if-exists',
    '/Statement/0/Condition/NullIfExists',
  ],
  [
    'condition keys differing only in case',
    allow({ Condition: { StringEquals: { 'aws:username': 'a', 'aws:UserName': 'b' } } }),
    'identity',
    'duplicate-condition-key',
    '/Statement/0/Condition/StringEquals/aws:UserName',
  ],
  [
    'an unknown principal type',
    allow({ Principal: { Bad: 'x' } }),
    'resource',
    'unknown-principal-type',
    '/Statement/0/Principal/Bad',
  ],
  [
    'a partial wildcard in a principal',
    allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/*' } }),
    'resource',
    'principal-wildcard',
    '/Statement/0/Principal/AWS',
  ],
  [
    'a service principal `*`: only `AWS` principals accept the wildcard',
    allow({ Principal: { Service: '*' } }),
    'resource',
    'principal-wildcard',
    '/Statement/0/Principal/Service',
  ],
  [
    'an identity provider `*`',
    { Statement: [{ Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWithWebIdentity' }] },
    'trust',
    'principal-wildcard',
    '/Statement/0/Principal/Federated',
  ],
  [
    'duplicate Sids in an identity policy',
    {
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 'a:b', Resource: '*' },
        { Sid: 'A', Effect: 'Allow', Action: 'a:c', Resource: '*' },
      ],
    },
    'identity',
    'duplicate-sid',
    '/Statement/1/Sid',
  ],
  [
    'a Sid with a hyphen in an identity policy',
    { Statement: { Sid: 'Allow-Read', Effect: 'Allow', Action: 'a:b', Resource: '*' } },
    'identity',
    'invalid-sid',
    '/Statement/Sid',
  ],
  [
    'a Sid with a space in a trust policy',
    {
      Statement: {
        Sid: 'Allow EC2',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'ec2.amazonaws.com' },
      },
    },
    'trust',
    'invalid-sid',
    '/Statement/Sid',
  ],
  [
    'an RCP without Version',
    { Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' } },
    'rcp',
    'rcp-version',
    '',
  ],
  [
    'an RCP that allows',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
    'rcp',
    'rcp-effect',
    '/Statement/0/Effect',
  ],
  [
    'an RCP naming a principal',
    {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' },
    },
    'rcp',
    'rcp-principal',
    '/Statement/Principal',
  ],
  [
    'an RCP with NotAction',
    { Version: '2012-10-17', Statement: { Effect: 'Deny', Principal: '*', NotAction: 's3:*', Resource: '*' } },
    'rcp',
    'rcp-not-action',
    '/Statement/NotAction',
  ],
  [
    'an RCP denying every action',
    { Version: '2012-10-17', Statement: { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' } },
    'rcp',
    'rcp-action-wildcard',
    '/Statement/Action',
  ],
  [
    'an RCP without a principal',
    { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' } },
    'rcp',
    'missing-principal',
    '/Statement',
  ],
];

describe.each([
  ['shape', shapeCases],
  ['semantic', semanticCases],
])('%s errors', (_group, cases) => {
  test.each(cases)('%s', (_name, input, type, code, pointer) => {
    const result = parsePolicy(input, { type });
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code, pointer, severity: 'error' }));
  });
});

describe('a value that is no policy document says what it found and what a document is', () => {
  test.each([
    ['a number', 42, 'found number `42`'],
    ['JSON text of a number', '42', 'found number `42`'],
    ['a boolean', true, 'found boolean `true`'],
    ['a list of values', [1, 2], 'found a list of 2 values'],
    [
      'a list of statements',
      [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      'found a list of 1 statement: put them under `Statement`',
    ],
  ])('%s', (_name, input, found) => {
    const result = parsePolicy(input);
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['not-an-object', `a policy document must be an object with \`Version\` and \`Statement\`, ${found}`],
    ]);
  });
});

describe('a single statement given as the whole document', () => {
  const bare = {
    Sid: 'DenyGrants',
    Effect: 'Deny',
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { StringEquals: { 'kms:ViaService': 'eks.us-east-1.amazonaws.com' } },
  };

  test('is one issue that says to put it in `Statement`, not one per statement element', () => {
    const result = parsePolicy(bare, { type: 'scp' });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([['missing-statement', '']]);
    expect(result.issues[0]?.message).toContain('single statement');
  });

  test('an element no statement has is still reported beside it', () => {
    const result = parsePolicy({ ...bare, Comment: 'from the examples' }, { type: 'scp' });
    expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['missing-statement', ''],
      ['unknown-element', '/Comment'],
    ]);
  });

  test('a document without `Effect` is no statement: each unknown element is reported', () => {
    const result = parsePolicy({ Action: 's3:GetObject', Resource: '*' }, { type: 'identity' });
    expect(result.issues.map((i) => i.code).sort()).toEqual([
      'missing-statement',
      'unknown-element',
      'unknown-element',
    ]);
    expect(result.issues.find((i) => i.code === 'missing-statement')?.message).toBe('policy has no `Statement`');
  });
});

/** [behaviour, input, policy type, expected code] — legal, so the policy parses, with a warning. */
const warningCases: [string, unknown, PolicyType | undefined, string][] = [
  [
    'a Deny with NotResource "*"',
    { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:*', NotResource: '*' } },
    'scp',
    'excludes-everything',
  ],
  [
    'an Allow with "*" among its NotAction',
    { Version: '2012-10-17', Statement: { Effect: 'Allow', NotAction: ['iam:*', '*'], Resource: '*' } },
    'identity',
    'excludes-everything',
  ],
  [
    'an account ARN given as a service principal',
    allow({ Principal: { Service: ['sns.amazonaws.com', 'arn:aws:iam::111122223333:root'] } }),
    'resource',
    'invalid-service-principal',
  ],
  [
    'a placeholder left in an account root ARN',
    { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::<account-id>:root' }, Action: 'sts:AssumeRole' } },
    'trust',
    'invalid-aws-principal',
  ],
  [
    'an account id one digit short in a bucket policy',
    allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '11112222333'] } }),
    'resource',
    'invalid-aws-principal',
  ],
  [
    'an OIDC provider host instead of its ARN',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    },
    'trust',
    'invalid-federated-principal',
  ],
  [
    'a service principal without its domain',
    {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'lambda' }, Action: 'sts:AssumeRole' },
    },
    'trust',
    'invalid-service-principal',
  ],
  [
    'the unique id of a deleted role as a principal',
    { Statement: { Effect: 'Allow', Principal: { AWS: 'AROAJQABLZS4A3QDU576Q' }, Action: 'sts:AssumeRole' } },
    'trust',
    'unique-id-principal',
  ],
  [
    'the unique id of a deleted user in a bucket policy',
    allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', 'AIDAJQABLZS4A3QDU576Q'] } }),
    'resource',
    'unique-id-principal',
  ],
  [
    'an OIDC provider trusted with sts:AssumeRole',
    {
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRole',
      },
    },
    'trust',
    'mismatched-assume-action',
  ],
  [
    'a SAML provider trusted with sts:AssumeRoleWithWebIdentity',
    {
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/corp' },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      },
    },
    'trust',
    'mismatched-assume-action',
  ],
  [
    'a service trusted with sts:AssumeRoleWithSAML only',
    { Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRoleWithSAML' } },
    'trust',
    'mismatched-assume-action',
  ],
  [
    'IAM Roles Anywhere without the session actions it needs',
    { Statement: { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' } },
    'trust',
    'missing-companion-action',
  ],
  [
    'an action that acts on no role in a trust policy',
    {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['sts:AssumeRole', 'sts:AssumeRoot'],
      },
    },
    'trust',
    'unsupported-trust-action',
  ],
  [
    'IAM Roles Anywhere whose session actions are allowed to another principal only',
    {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'rolesanywhere.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:SetSourceIdentity' },
      ],
    },
    'trust',
    'missing-companion-action',
  ],
  [
    'a condition on session tags without sts:TagSession',
    {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } },
      },
    },
    'trust',
    'missing-companion-action',
  ],
  [
    'a Region name with a typo',
    allow({ Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east1'] } } }),
    'identity',
    'condition-key-format',
  ],
  [
    'an SCP requiring IMDSv2 with `require` (every launch denied)',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 'ec2:RunInstances',
          Resource: 'arn:aws:ec2:*:*:instance/*',
          Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'require' } },
        },
      ],
    },
    'scp',
    'condition-key-format',
  ],
  [
    'an encryption header compared with a name S3 never sends',
    allow({ Condition: { StringEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'AES-256'] } } }),
    'identity',
    'condition-key-format',
  ],
  [
    'a canned ACL compared case-sensitively with another case',
    allow({ Condition: { StringEquals: { 's3:x-amz-acl': 'Bucket-Owner-Full-Control' } } }),
    'identity',
    'condition-key-format',
  ],
  [
    'a VPC endpoint id compared with aws:SourceVpc',
    allow({ Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpce-0a1b2c3d4e5f' } } }),
    'identity',
    'condition-key-format',
  ],
  [
    'a VPC id compared with aws:SourceVpce',
    allow({ Condition: { StringEquals: { 'aws:sourcevpce': ['vpce-0a1b2c3d', 'vpc-0a1b2c3d'] } } }),
    'identity',
    'condition-key-format',
  ],
  [
    'a statement without action when the type is unknown',
    { Statement: { Effect: 'Allow' } },
    undefined,
    'missing-action',
  ],
  [
    'a resource policy statement without principal',
    { Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' } },
    'resource',
    'missing-principal',
  ],
  [
    'NotPrincipal with Allow',
    { Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', NotPrincipal: { AWS: '1' } } },
    'resource',
    'not-principal-with-allow',
  ],
  ['an action name with a comma', allow({ Action: 's3:GetObject,PutObject' }), 'identity', 'suspicious-action'],
  ['an action name with trailing spaces', allow({ Action: 's3:ListAllMyBuckets   ' }), 'identity', 'suspicious-action'],
  ['an action with nothing after the colon', allow({ Action: 's3:' }), 'identity', 'empty-action-name'],
  [
    'an operator in unusual case',
    allow({ Condition: { stringequals: { 'aws:username': 'a' } } }),
    'identity',
    'operator-case',
  ],
  [
    'a condition key without values',
    allow({ Condition: { StringEquals: { 'aws:username': [] } } }),
    'identity',
    'empty-condition-values',
  ],
  [
    'a policy variable without Version 2012-10-17',
    { Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:username}/*' } },
    'identity',
    'variable-needs-version',
  ],
  [
    'a numeric operator on text',
    allow({ Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'a date operator on a non-date',
    allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'a date operator on a 13th month',
    allow({ Condition: { DateLessThan: { 'aws:CurrentTime': '2027-13-01' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'a date operator on the 31st of April',
    allow({ Condition: { DateLessThan: { 'aws:CurrentTime': '2027-04-31T00:00:00Z' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'a date operator on the 25th hour',
    allow({ Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2027-04-30T24:30:00Z' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'Bool on yes',
    allow({ Condition: { BoolIfExists: { 'aws:SecureTransport': 'yes' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'an IP operator on a bad octet',
    allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.256/8' } } }),
    'identity',
    'condition-value-format',
  ],
  [
    'duplicate Sids in a resource policy',
    {
      Statement: [
        { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 'a:b', Resource: '*' },
        { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 'a:c', Resource: '*' },
      ],
    },
    'resource',
    'duplicate-sid',
  ],
  ['an empty Condition', allow({ Condition: {} }), 'identity', 'empty-condition'],
  [
    'a condition operator without keys beside one with a key',
    allow({ Condition: { StringEquals: {}, Bool: { 'aws:SecureTransport': 'true' } } }),
    'identity',
    'empty-condition',
  ],
  [
    'a web identity provider in a bucket policy',
    allow({ Principal: { Federated: 'cognito-identity.amazonaws.com' } }),
    'resource',
    'federated-principal-not-allowed',
  ],
  [
    'a service principal confined to an organization',
    allow({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    }),
    'resource',
    'service-principal-key',
  ],
  [
    'a service principal excluded from an organization path',
    allow({
      Principal: { Service: 'sns.amazonaws.com' },
      Condition: { 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
    }),
    'resource',
    'service-principal-key',
  ],
];

test.each(warningCases)('warning: %s', (_name, input, type, code) => {
  const result = parsePolicy(input, { type });
  expect(result.ok).toBe(true);
  expect(result.issues).toContainEqual(expect.objectContaining({ code, severity: 'warning' }));
});

describe('a key services never send, under a statement naming only services', () => {
  const issueOf = (condition: unknown): string | undefined =>
    parsePolicy(allow({ Principal: { Service: 'sns.amazonaws.com' }, Condition: condition }), {
      type: 'resource',
    }).issues.find((i) => i.code === 'service-principal-key')?.message;

  it.each([
    ['StringEquals', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, 'never applies'],
    [
      'ForAnyValue:StringLike',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } },
      'never applies',
    ],
    ['StringNotEquals', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, 'restricts nothing'],
    [
      'ForAllValues:StringLike',
      { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } },
      'restricts nothing',
    ],
  ])('%s says what the condition does to them', (_operator, condition, effect) => {
    expect(issueOf(condition)).toContain(effect);
  });

  it('says nothing of principal tags, which IAM Roles Anywhere sessions carry', () => {
    expect(issueOf({ StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' } })).toBeUndefined();
  });
});

describe('a trust statement without the session action its condition keys need', () => {
  const companionOf = (condition: unknown): string[] =>
    validatePolicy(
      parsed(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:role/deployer' },
              Action: 'sts:AssumeRole',
              Condition: condition,
            },
          ],
        },
        'trust',
      ),
      { type: 'trust' },
    )
      .filter((i) => i.code === 'missing-companion-action')
      .map((i) => i.message);

  it('names every tag key that needs `sts:TagSession`, not only the last, in one issue', () => {
    const messages = companionOf({
      StringEquals: { 'aws:RequestTag/team': 'payments', 'aws:RequestTag/env': 'prod' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
    });
    expect(messages).toEqual([
      "condition keys `aws:RequestTag/team`, `aws:RequestTag/env` and `aws:TagKeys` need `sts:TagSession` in the statement's actions; without it the role cannot be assumed this way",
    ]);
  });

  it('names a key tested by two operators once', () => {
    const messages = companionOf({
      StringEquals: { 'aws:RequestTag/team': 'payments' },
      StringLike: { 'aws:RequestTag/team': 'pay*' },
    });
    expect(messages).toEqual([
      "condition key `aws:RequestTag/team` needs `sts:TagSession` in the statement's actions; without it the role cannot be assumed this way",
    ]);
  });
});

describe('an `aws:PrincipalArn` value no caller has', () => {
  const codesOf = (operator: string, value: string): string[] =>
    parsePolicy(allow({ Principal: '*', Condition: { [operator]: { 'aws:PrincipalArn': value } } }), {
      type: 'resource',
    })
      .issues.filter((i) => i.code === 'never-principal-arn')
      .map((i) => i.message);

  it.each([
    ['ArnNotLike', 'arn:aws:sts::111122223333:assumed-role/*', "a role session's `aws:PrincipalArn` is its role's ARN"],
    [
      'ArnLike',
      'arn:aws:sts::111122223333:assumed-role/app/*',
      "a role session's `aws:PrincipalArn` is its role's ARN",
    ],
    [
      'StringEquals',
      'arn:aws:sts::111122223333:assumed-role/app/ci',
      "a role session's `aws:PrincipalArn` is its role's ARN",
    ],
    ['ArnLike', 'arn:aws:iam::111122223333:group/admins', 'only holds the ARN of a user, a role'],
    ['ArnEquals', 'arn:aws:iam:us-east-1:111122223333:role/app', 'only holds the ARN of a user, a role'],
    ['ArnLike', 'arn:aws:s3:::reports', 'only holds the ARN of a user, a role'],
    ['ArnLike', 'arn:aws:sts::${aws:PrincipalAccount}:assumed-role/*', "a role session's `aws:PrincipalArn`"],
    // `*` of StringLike spans colons, yet no caller's ARN in `sts` holds `:assumed-role/`.
    ['StringLike', 'arn:aws:sts::*:assumed-role/*', "a role session's `aws:PrincipalArn`"],
    ['StringNotLike', 'arn:aws:sts::*:assumed-role/app/*', "a role session's `aws:PrincipalArn`"],
    ['StringLike', 'arn:aws:ec2:*:*:instance/*', 'only holds the ARN of a user, a role'],
  ])('%s `%s` is said to match no caller', (operator, value, reason) => {
    expect(codesOf(operator, value)).toEqual([expect.stringContaining(reason)]);
  });

  it.each([
    ['Allow', 'ArnLike', 'this Allow admits no one'],
    ['Allow', 'ArnNotLike', "this Allow's condition holds for every caller"],
    ['Allow', 'ForAnyValue:ArnNotLike', "this Allow's condition holds for every signed-in caller"],
    ['Allow', 'ArnLikeIfExists', 'this Allow admits only anonymous callers'],
    ['Allow', 'ForAllValues:ArnLike', 'this Allow admits only anonymous callers'],
    ['Deny', 'ArnLike', 'this Deny refuses no one'],
    ['Deny', 'StringEquals', 'this Deny refuses no one'],
    ['Deny', 'ArnNotLike', 'this Deny refuses every caller'],
    ['Deny', 'ArnLikeIfExists', 'this Deny refuses only anonymous callers'],
  ])('%s statement with `%s` on a session ARN is said to end with "%s"', (effect, operator, ending) => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: effect,
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { [operator]: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/app/ci' } },
        },
      ],
    };
    const messages = parsePolicy(document, { type: 'resource' })
      .issues.filter((i) => i.code === 'never-principal-arn')
      .map((i) => i.message);
    expect(messages.map((m) => m.slice(m.lastIndexOf('; ') + 2))).toEqual([ending]);
  });

  it('a value known only after deploy is shown as rule messages show it, without the quotes of its source', () => {
    const partner = { id: 'Partner', source: 'the value of parameter `Partner`' };
    const document = allow({
      Principal: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': new SymbolicValue(['arn:aws:sts::', partner, ':assumed-role/*']) } },
    });
    const [message] = parsePolicy(document, { type: 'resource' })
      .issues.filter((i) => i.code === 'never-principal-arn')
      .map((i) => i.message);
    expect(message).toMatch(/^condition value `arn:aws:sts::\$\{the value of parameter Partner\}:assumed-role\/\*` of/);
  });

  it('a value known only after deploy is judged by the text around its unknown parts', () => {
    const hole = { id: 'AWS::AccountId', source: 'the account of the stack' };
    const condition = (...parts: (string | typeof hole)[]): unknown => ({
      ArnNotLike: { 'aws:PrincipalArn': new SymbolicValue(parts) },
    });
    const codes = (c: unknown): string[] =>
      parsePolicy(allow({ Principal: '*', Condition: c }), { type: 'resource' })
        .issues.filter((i) => i.code === 'never-principal-arn')
        .map((i) => i.code);
    expect(codes(condition('arn:aws:sts::', hole, ':assumed-role/*'))).toEqual(['never-principal-arn']);
    expect(codes(condition('arn:aws:iam::', hole, ':role/*'))).toEqual([]);
  });

  it.each([
    ['ArnLike', 'arn:aws:iam::111122223333:role/app'],
    ['ArnLike', 'arn:aws:iam::111122223333:user/*'],
    ['ArnEquals', 'arn:aws:iam::111122223333:root'],
    ['ArnLike', 'arn:aws:sts::111122223333:federated-user/*'],
    ['ArnLike', 'arn:aws:*::111122223333:*'],
    ['ArnLike', 'arn:aws:iam::111122223333:r*'],
    ['ArnLike', 'arn:aws:iam:*:111122223333:role/*'],
    // `*` of StringLike spans colons: `arn:*:assumed-role/*` is not judged field by field.
    ['StringLike', 'arn:aws:*:assumed-role/*:x:y'],
    ['StringLike', 'arn:aws:sts::*:federated-user/*'],
    ['StringLike', 'arn:*:iam::*:role/*'],
    ['StringLike', 'arn:aws:*:root'],
    ['StringLike', 'arn:aws:sts::${aws:PrincipalAccount}*:federated-user/ci'],
    // A role's path may hold colons: `arn:aws:iam::1:role/x:sts::1:assumed-role/app/ci` is a role.
    ['StringNotLike', 'arn:*:sts::*:assumed-role/app/*'],
    ['StringEqualsIgnoreCase', 'arn:aws:sts::111122223333:assumed-role/app/ci'],
  ])('%s `%s` may be a caller', (operator, value) => {
    expect(codesOf(operator, value)).toEqual([]);
  });
});

describe('valid policies of each type have no issue', () => {
  const cases: [PolicyType, unknown][] = [
    [
      // Services scoped by their source; the organization of the AWS principal beside them.
      'resource',
      allow({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5', 'aws:SourceAccount': '111122223333' } },
      }),
    ],
    [
      'resource',
      allow({
        Principal: { Service: 'cloudtrail.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' },
        Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    ],
    [
      // IfExists and Null test the absence of the key on purpose.
      'resource',
      allow({
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: {
          StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          Null: { 'aws:PrincipalTag/team': 'true' },
        },
      }),
    ],
    [
      'trust',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
        },
      },
    ],
    [
      // Every form an AWS principal may take.
      'resource',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: {
            AWS: [
              '111122223333',
              'arn:aws:iam::111122223333:root',
              'arn:aws:iam::111122223333:user/ops/alice',
              'arn:aws:iam::111122223333:role/service-role/app',
              'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL',
              'arn:aws:sts::111122223333:assumed-role/app/session',
              'arn:aws:sts::111122223333:federated-user/bob',
              'arn:aws-cn:iam::111122223333:root',
            ],
          },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      },
    ],
    [
      'identity',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Read',
            Effect: 'Allow',
            Action: ['s3:Get*', 's3:List*'],
            Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
          },
        ],
      },
    ],
    [
      'boundary',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:role/admin' }],
      },
    ],
    ['session', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' } }],
    [
      // An ECR repository policy names no Resource: it applies to its repository.
      'resource',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
      },
    ],
    [
      // A Serverless Application Repository application policy names no Resource either.
      'resource',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: ['serverlessrepo:CreateCloudFormationChangeSet', 'serverlessrepo:GetApplication'],
        },
      },
    ],
    [
      // Service principals of every form, each kind of principal with its own assume action.
      'trust',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Service: ['logs.eu-west-1.amazonaws.com', 'states.amazonaws.com.cn', 'alexa-appkit.amazon.com'],
              AWS: 'arn:aws:iam::111122223333:role/ci',
            },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } },
          },
          {
            Effect: 'Allow',
            Principal: {
              Federated: ['arn:aws:iam::111122223333:saml-provider/corp', 'cognito-identity.amazonaws.com'],
            },
            Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
          },
          { Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRole*' },
          {
            Effect: 'Allow',
            Principal: { Service: 'rolesanywhere.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
            Condition: { StringEquals: { 'aws:RequestTag/team': 'blue', 'aws:RequestedRegion': 'us-gov-west-1' } },
          },
        ],
      },
    ],
    [
      'identity',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:SourceVpc': 'vpc-0a1b2c3d', 'aws:SourceVpce': ['vpce-0a1b2c3d4e5f6a7b8'] },
            StringNotLike: { 'aws:SourceVpc': 'vpc-*' },
          },
        },
      },
    ],
    [
      // Older Terraform aws_iam_policy_document output: an empty Sid on every statement.
      'identity',
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: '', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
          { Sid: '', Effect: 'Allow', Action: 'sqs:GetQueueUrl', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
        ],
      },
    ],
    [
      'resource',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      },
    ],
    [
      'trust',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } },
        },
      },
    ],
    [
      'scp',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
        },
      },
    ],
    [
      'rcp',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:SecureTransport': false } },
        },
      },
    ],
    ['rcp', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }],
    [
      'trust',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'rolesanywhere.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' } },
          },
          { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:Set*' },
        ],
      },
    ],
    [
      'identity',
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: {
            NumericGreaterThan: { 'aws:MultiFactorAuthAge': [3600, '1.5e3'] },
            DateLessThan: {
              'aws:CurrentTime': [
                '2026-12-31T23:59:59Z',
                '2026-01',
                '1767225600',
                '2028-02-29',
                '2026-06-30T23:59:60+05:30',
              ],
            },
            NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:DB8:1234:5678::/64', '203.0.113.7'] },
            Null: { 'aws:TokenIssueTime': true },
            BinaryEquals: { 'aws:SomeBinaryKey': 'QmluYXJ5VmFsdWU=' },
            StringLike: { 's3:prefix': '${aws:username}/*', 's3:x-amz-acl': 'public-*' },
            StringEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'], 'ec2:Tenancy': 'host' },
            StringEqualsIgnoreCase: { 'ec2:MetadataHttpTokens': 'Required', 's3:authType': 'rest-header' },
          },
        },
      },
    ],
  ];
  test.each(cases)('%s: %j', (type, input) => {
    expect(parsePolicy(input, { type })).toMatchObject({ ok: true, issues: [] });
  });
});

describe('issues', () => {
  const everyIssue: PolicyIssue[] = [...shapeCases, ...semanticCases].flatMap(([, input, type]) => [
    ...parsePolicy(input, { type }).issues,
  ]);

  test('messages are one lowercase line', () => {
    expect(everyIssue.length).toBeGreaterThan(50);
    for (const issue of everyIssue) {
      expect(issue.message).toMatch(/^[^A-Z\n]/);
      expect(issue.message).not.toContain('\n');
    }
  });

  test('codes are listed in POLICY_ISSUE_CODES', () => {
    const listed = new Set(Object.keys(POLICY_ISSUE_CODES));
    expect(everyIssue.map((i) => i.code).filter((code) => !listed.has(code))).toEqual([]);
  });

  test('listed codes are kebab-case', () => {
    for (const code of Object.keys(POLICY_ISSUE_CODES)) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test('the user value appears in backticks', () => {
    const result = parsePolicy({ Statement: { Effect: 'Permit' } });
    expect(result.issues[0]?.message).toContain('`Permit`');
  });

  test('the file option is copied into every issue', () => {
    const result = parsePolicy('{"Statement": {"Effect": "allow"}, "X": 1}', { file: 'policies/app.json' });
    expect(result.issues.length).toBeGreaterThan(1);
    for (const issue of result.issues) expect(issue.file).toBe('policies/app.json');
  });

  test('all shape errors are reported at once', () => {
    const result = parsePolicy({ Statement: [{ Effect: 'allow' }, { Effect: 'Allow', Bank: 1 }], Foo: 1 });
    expect(result.issues.map((i) => i.pointer).sort()).toEqual(['/Foo', '/Statement/0/Effect', '/Statement/1/Bank']);
  });
});

describe('an empty list of one principal type', () => {
  // What the AWS provider renders for a `principals` block given an empty list (the default of
  // many modules' trusted services); IAM accepts it beside a type that names a principal.
  const trust = (principal: unknown): unknown => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });

  test('beside a type that names a principal: no issue, the principals of the other type', () => {
    for (const text of [false, true]) {
      const document = trust({ AWS: ['arn:aws:iam::111122223333:root'], Service: [] });
      const result = parsePolicy(text ? JSON.stringify(document) : document, { type: 'trust' });
      expect(result.issues).toEqual([]);
      expect(result.ok && result.value.statements[0]?.principal?.entries.map((e) => [e.type, e.value])).toEqual([
        ['AWS', 'arn:aws:iam::111122223333:root'],
      ]);
    }
  });

  test('every type empty: the statement names no principal, each empty list is reported', () => {
    const result = parsePolicy(trust({ AWS: [], Service: [] }), { type: 'trust' });
    expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['empty-array', '/Statement/0/Principal/AWS'],
      ['empty-array', '/Statement/0/Principal/Service'],
    ]);
  });
});

describe('an account id written as a number in an `AWS` principal', () => {
  // An unquoted account id in a YAML template, or a number `jsonencode` renders: IAM reads
  // `"AWS": 123456789012` as that account (it rejects only a number that is no account id).
  const trust = (principal: unknown): unknown => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
  const entries = (result: Result<Policy>): unknown =>
    result.ok && result.value.statements[0]?.principal?.entries.map((e) => [e.type, e.value]);

  test('is the account, alone or in a list, in an object and in JSON text', () => {
    for (const principal of [{ AWS: 123456789012 }, { AWS: [123456789012, 'arn:aws:iam::444455556666:root'] }]) {
      for (const text of [false, true]) {
        const document = trust(principal);
        const result = parsePolicy(text ? JSON.stringify(document) : document, { type: 'trust' });
        expect(result.issues).toEqual([]);
        expect(entries(result)).toEqual(
          Array.isArray(principal.AWS)
            ? [
                ['AWS', '123456789012'],
                ['AWS', 'arn:aws:iam::444455556666:root'],
              ]
            : [['AWS', '123456789012']],
        );
      }
    }
  });

  test('`NotPrincipal` reads it the same way', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: 123456789012 }, Action: 's3:*', Resource: '*' }],
    });
    expect(result.issues).toEqual([]);
    expect(result.ok && result.value.statements[0]?.principal?.entries.map((e) => e.value)).toEqual(['123456789012']);
  });

  test('a number that is no account id (a leading zero dropped) is the principal IAM refuses', () => {
    const result = parsePolicy(trust({ AWS: 12345678901 }), { type: 'trust' });
    expect(result.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['invalid-aws-principal', '/Statement/0/Principal/AWS'],
    ]);
  });

  test('a number of another principal type, or a fraction, is still a type error', () => {
    for (const principal of [{ Service: 123456789012 }, { AWS: 1234567890.5 }]) {
      const result = parsePolicy(trust(principal), { type: 'trust' });
      expect(result.ok).toBe(false);
      expect(result.issues.map((i) => i.code)).toContain('invalid-type');
    }
  });

  test('the input is not changed', () => {
    const document = trust({ AWS: 123456789012 });
    const before = JSON.stringify(document);
    parsePolicy(document, { type: 'trust' });
    expect(JSON.stringify(document)).toBe(before);
  });
});

describe('symbolic values', () => {
  const bucket = new SymbolicValue(['arn:aws:s3:::', { id: 'b1', source: 'aws_s3_bucket.logs.bucket' }, '/*']);
  const account = new SymbolicValue([{ id: 'a1', source: 'data.aws_caller_identity.current.account_id' }]);

  test('are kept, as the same instances, in Resource, Principal and condition values', () => {
    const policy = parsed(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: [account, '111122223333'] },
          Action: 's3:GetObject',
          NotResource: [bucket],
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
      },
      'resource',
    );
    const statement = policy.statements[0];
    expect(statement?.resource?.values[0]).toBe(bucket);
    expect(statement?.principal?.entries[0]?.value).toBe(account);
    expect(statement?.conditions[0]?.values[0]).toBe(account);
  });

  test.each([
    ['Action', { Statement: { Effect: 'Allow', Action: bucket, Resource: '*' } }, '/Statement/Action'],
    ['Sid', { Statement: { Sid: bucket, Effect: 'Allow', Action: 'a:b', Resource: '*' } }, '/Statement/Sid'],
    ['Effect', { Statement: { Effect: bucket, Action: 'a:b', Resource: '*' } }, '/Statement/Effect'],
  ])('cannot be read in %s before deploy, naming the symbolic value', (_element, input, pointer) => {
    const result = parsePolicy(input);
    expect(result.ok).toBe(false);
    const issue = result.issues.find((i) => i.pointer === pointer);
    expect(issue?.code).toBe('deploy-time-value');
    expect(issue?.message).toContain('is only known after deploy (`arn:aws:s3:::${aws_s3_bucket.logs.bucket}/*`)');
  });

  const actions = new SymbolicValue([{ id: 'p', source: 'the value of parameter `Actions`' }]);

  test.each([
    ['a whole `Action`', { Effect: 'Allow', Action: actions, Resource: '*' }, '/Statement/1/Action'],
    ['the only element of `Action`', { Effect: 'Allow', Action: [actions], Resource: '*' }, '/Statement/1/Action/0'],
    [
      'an element of a `Deny` with `NotAction`',
      { Effect: 'Deny', NotAction: [actions, 'iam:*'], Resource: '*' },
      '/Statement/1/NotAction/0',
    ],
  ])(
    'a statement with %s known only at deploy is left out; the others are read at their places',
    (_what, unknown, pointer) => {
      const result = parsePolicy({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          unknown,
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        ],
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.statements.map((s) => s.pointer)).toEqual(['/Statement/0', '/Statement/2']);
      expect(result.value.statements.map((s) => s.index)).toEqual([0, 2]);
      expect(result.issues).toEqual([
        expect.objectContaining({ code: 'deploy-time-value', severity: 'warning', pointer }),
      ]);
    },
  );

  test('the known elements of an `Action` list beside one known only at deploy are read', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: [actions, 'iam:PassRole'], Resource: '*' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.statements[0]?.action?.values).toEqual(['iam:PassRole']);
    expect(result.issues.map((i) => i.pointer)).toEqual(['/Statement/0/Action/0']);
  });

  test('a document with nothing left, or with another error, stays invalid', () => {
    const alone = parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    expect(alone.ok).toBe(false);
    const other = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: actions, Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 5 },
      ],
    });
    expect(other.ok).toBe(false);
    expect(other.issues.map((i) => i.code)).toContain('deploy-time-value');
  });

  test.each([
    [
      'Service',
      '*',
      'a wildcard in a `Service` principal (`*`), which IAM refuses; name each service (`ec2.amazonaws.com`)',
    ],
    ['Federated', '*', 'a wildcard in a `Federated` principal (`*`), which IAM refuses; name each identity provider'],
    [
      'CanonicalUser',
      'abc*',
      'a wildcard in a `CanonicalUser` principal (`abc*`), which IAM refuses; name each canonical user',
    ],
  ])('a wildcard in a %s principal is said to be refused, naming the principal type once', (type, value, message) => {
    const result = parsePolicy(
      { Statement: { Effect: 'Allow', Principal: { [type]: value }, Action: 'sts:AssumeRole' } },
      { type: 'trust' },
    );
    const issue = result.issues.find((i) => i.code === 'principal-wildcard');
    expect(issue?.message).toBe(message);
    expect(issue?.message.split(`\`${type}\``)).toHaveLength(2);
  });

  test('a symbolic principal value with a literal wildcard is still a wildcard error', () => {
    const wild = new SymbolicValue(['arn:aws:iam::', { id: 'a', source: 'acct' }, ':role/*']);
    const result = parsePolicy(
      { Statement: { Effect: 'Allow', Principal: { AWS: wild }, Action: 'a:b', Resource: '*' } },
      { type: 'resource' },
    );
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'principal-wildcard' }));
  });

  test.each([
    ['an issuer known only after deploy may be the trusted one: no issue', '${var.issuer}:sub', []],
    ['a literal issuer other than the trusted one is a foreign claim', 'gitlab.com:sub', ['foreign-claim-key']],
  ])('a claim key under a GitHub trust: %s', (_name, key, codes) => {
    const result = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [key]: 'repo:acme/app:ref:refs/heads/main' } },
        },
      },
      { type: 'trust' },
    );
    expect(result.issues.map((i) => i.code)).toEqual(codes);
  });
});

describe('immutability', () => {
  function expectDeepFrozen(value: unknown, seen = new Set<unknown>()): void {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    expect(Object.isFrozen(value)).toBe(true);
    for (const child of Object.values(value)) expectDeepFrozen(child, seen);
  }

  const input = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'A',
        Effect: 'Allow',
        Principal: { AWS: ['1', '2'] },
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::b/*'],
        Condition: { StringEquals: { 'aws:username': ['x'] } },
      },
    ],
  };

  test('the result, the model and the issues are deeply frozen', () => {
    const result = parsePolicy(input, { type: 'resource' });
    expect(result.ok).toBe(true);
    expectDeepFrozen(result);
    expectDeepFrozen(parsePolicy({ Statement: { Effect: 'x' } }));
  });

  test('the input is neither mutated nor frozen', () => {
    const before = structuredClone(input);
    parsePolicy(input, { type: 'resource' });
    expect(input).toEqual(before);
    expect(Object.isFrozen(input.Statement[0]?.Action)).toBe(false);
  });
});

describe('hostile input never throws', () => {
  const deepArray = (depth: number): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };
  const cyclic: Record<string, unknown> = { Effect: 'Allow' };
  cyclic['Self'] = cyclic;
  const throwing = {
    get Statement(): unknown {
      throw new Error('Boom');
    },
  };
  const proxy = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new Error('no keys');
      },
    },
  );

  const cases: [string, unknown, string | undefined][] = [
    [
      'a __proto__ statement key from JSON text',
      '{"Statement": {"Effect": "Allow", "__proto__": {"Effect": "Deny"}}}',
      'unknown-element',
    ],
    [
      'a __proto__ top-level key from JSON text',
      '{"__proto__": [], "Statement": {"Effect": "Allow"}}',
      'unknown-element',
    ],
    ['a constructor statement key', { Statement: { Effect: 'Allow', constructor: 1 } }, 'unknown-element'],
    [
      'a statement without own Effect whose prototype has one',
      { Statement: Object.create({ Effect: 'Allow' }) as unknown },
      'missing-effect',
    ],
    [
      'a deeply nested condition value',
      { Statement: { Effect: 'Allow', Condition: { StringEquals: { k: deepArray(100_000) } } } },
      'invalid-type',
    ],
    ['a deeply nested unknown element', { Statement: { Effect: 'Allow', X: deepArray(100_000) } }, 'unknown-element'],
    ['deeply nested JSON text', '{"Statement":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}', 'invalid-type'],
    ['deeply nested broken JSON text', '['.repeat(100_000), 'invalid-json'],
    ['a cyclic statement', { Statement: cyclic }, 'unknown-element'],
    ['a throwing getter', throwing, 'unreadable-input'],
    ['a proxy that throws', proxy, 'unreadable-input'],
    ['a symbol key', { Statement: { Effect: 'Allow', Action: '*', Resource: '*', [Symbol('x')]: 1 } }, undefined],
    ['a numeric key', { Statement: { Effect: 'Allow', 1: 'x' } }, 'unknown-element'],
    ['an empty string', '', 'invalid-json'],
    ['a lone BOM', '\ufeff', 'invalid-json'],
  ];
  test.each(cases)('%s', (_name, input, code) => {
    let result: Result<Policy> | undefined;
    expect(() => (result = parsePolicy(input))).not.toThrow();
    if (code === undefined) expect(result?.ok).toBe(true);
    else expect(result?.issues).toContainEqual(expect.objectContaining({ code, severity: 'error' }));
  });

  test('a huge action list parses', () => {
    const actions = Array.from({ length: 200_000 }, (_, i) => `s3:Action${i}`);
    const policy = parsed({ Statement: { Effect: 'Allow', Action: actions, Resource: '*' } }, 'identity');
    expect(policy.statements[0]?.action?.values).toHaveLength(200_000);
  });

  test('a __proto__ key does not change the prototype of the model', () => {
    const result = parsePolicy(
      '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"__proto__": "x"}}}}',
    );
    expect(result.ok).toBe(true);
    const clause = result.ok ? result.value.statements[0]?.conditions[0] : undefined;
    expect(clause).toMatchObject({ key: '__proto__', values: ['x'] });
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('validatePolicy on a model built without parsing', () => {
  test('reports the rules of the type it is given', () => {
    const policy = parsed({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Principal: '*' } });
    expect(validatePolicy(policy, { type: 'identity' }).map((i) => i.code)).toEqual([
      'missing-resource',
      'principal-not-allowed',
    ]);
    expect(validatePolicy(policy, { type: 'resource' }).map((i) => i.code)).toEqual(['missing-resource']);
    expect(validatePolicy(policy).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('a condition value beyond the range of a double (`1e400`, read as Infinity)', () => {
  it('is said to be one, not a number of the wrong type', () => {
    const result = parsePolicy(
      allow({ Condition: { NumericLessThan: { 's3:max-keys': JSON.parse('1e400') as number } } }),
    );
    expect(result.ok).toBe(false);
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue?.pointer).toBe('/Statement/0/Condition/NumericLessThan/s3:max-keys');
    expect(issue?.message).toBe(
      'condition key `s3:max-keys` must be a string, a boolean, a number or an array of them, found a number beyond the range of a double (read as `Infinity`)',
    );
  });
});
