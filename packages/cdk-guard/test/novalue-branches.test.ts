/**
 * `Fn::If` with an `AWS::NoValue` branch inside a statement: the branch that removes an element
 * a statement needs cannot deploy, so the other branch is checked instead of an invalid policy;
 * an optional element removed by a branch keeps both variants.
 */
import { SymbolicValue, valueToString } from '@iamgate/core';
import { policyDocument } from '../src/extract/policy-document';
import { Resolver } from '../src/resolve/intrinsics';
import type { StackView } from '../src/resolve/intrinsics';

const NO_VALUE = { Ref: 'AWS::NoValue' };
const unknown = (whenTrue: unknown, whenFalse: unknown): unknown => ({ 'Fn::If': ['IsProd', whenTrue, whenFalse] });

const stack: StackView = {
  key: 't.yaml',
  partition: 'aws',
  resource: () => undefined,
  parameters: { Env: { Type: 'String' }, Mode: { Type: 'String' } },
  mappings: {},
  conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
};

function statements(...raw: unknown[]): unknown[] {
  const result = policyDocument(new Resolver(stack).resolve({ Version: '2012-10-17', Statement: raw }));
  if (!result.ok) throw new Error(result.reason);
  const plain = JSON.parse(
    JSON.stringify(result.document, (_k, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)),
  ) as { Statement: unknown[] };
  return plain.Statement;
}

describe('an AWS::NoValue branch of a required statement element', () => {
  it.each([
    [
      'Resource: !If [Cond, NoValue, *] keeps the `*` branch only',
      { Effect: 'Allow', Action: 's3:PutObject', Resource: unknown(NO_VALUE, '*') },
      [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
    ],
    [
      'Action: !If [Cond, x, NoValue] keeps the action branch only',
      { Effect: 'Allow', Action: unknown('iam:PassRole', NO_VALUE), Resource: '*' },
      [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    ],
    [
      'an Action list emptied by the NoValue branch keeps the other branch',
      { Effect: 'Allow', Action: [unknown(NO_VALUE, 'sqs:*')], Resource: '*' },
      [{ Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }],
    ],
    [
      'Principal: !If [Cond, NoValue, *] keeps the public branch',
      { Effect: 'Allow', Principal: unknown(NO_VALUE, '*'), Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    ],
    [
      'NotResource in the other branch counts as the resource element',
      {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: unknown(NO_VALUE, 'arn:aws:s3:::b'),
        NotResource: unknown('*', NO_VALUE),
      },
      [
        { Effect: 'Allow', Action: 's3:*', NotResource: '*' },
        { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' },
      ],
    ],
  ])('%s', (_, statement, expected) => {
    expect(statements(statement)).toEqual(expected);
  });
});

describe('branches that keep both variants', () => {
  it.each([
    [
      'a Condition removed by one branch: both the conditional and the unconditional grant are checked',
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: unknown({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, NO_VALUE),
      },
      [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
        },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ],
    ],
    [
      'a whole statement under !If with NoValue: the statement is checked',
      unknown(NO_VALUE, { Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
    ],
    [
      'both branches NoValue: no variant can deploy, the invalid statement stays to be reported',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: unknown(NO_VALUE, NO_VALUE) },
      [{ Effect: 'Allow', Action: 's3:GetObject' }],
    ],
  ])('%s', (_, statement, expected) => {
    expect(statements(statement)).toEqual(expected);
  });
});

describe('the statements branches make are located where they are written', () => {
  const document = (statement: unknown): ReturnType<typeof policyDocument> =>
    policyDocument(new Resolver(stack).resolve({ Version: '2012-10-17', Statement: statement }));

  it('both variants of a branched statement point at it; the statements after it keep their own place', () => {
    const result = document([
      { Effect: 'Allow', Action: unknown('iam:PassRole', 'iam:*'), Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
    expect(result.ok && result.statementPointers).toEqual(['/Statement/0', '/Statement/0', '/Statement/1']);
  });

  it('a single statement object is `/Statement`; a document without branches needs no pointers', () => {
    const single = document({ Effect: 'Allow', Action: unknown('s3:GetObject', 's3:PutObject'), Resource: '*' });
    expect(single.ok && single.statementPointers).toEqual(['/Statement', '/Statement']);
    const plain = document([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
    expect(plain.ok && plain.statementPointers).toBeUndefined();
  });

  it('statements of a whole list chosen by a branch point at their branch', () => {
    const result = document(
      unknown(
        [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
      ),
    );
    expect(result.ok && result.statementPointers).toEqual(['/Statement/Fn::If/1/0', '/Statement/Fn::If/2/0']);
  });
});

describe('a branch that cannot be read, beside one that can (set apart with its side)', () => {
  const document = (statement: unknown): ReturnType<typeof policyDocument> =>
    policyDocument(new Resolver(stack).resolve({ Version: '2012-10-17', Statement: statement }));
  const plain = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)));

  it.each([
    [
      'Effect: !If [Cond, Allow, Alow]: the Allow is checked, the typo apart',
      [{ Effect: unknown('Allow', 'Alow'), Action: 'iam:PassRole', Resource: '*' }],
      [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      [
        {
          statements: [{ Effect: 'Alow', Action: 'iam:PassRole', Resource: '*' }],
          pointer: '/Statement/0',
          branch: '/Statement/0',
          choice: [[{ condition: 'IsProd', holds: false }]],
        },
      ],
    ],
    [
      'Action: !If [Cond, s3:GetObject, getobject]: the action without a service apart',
      [
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
        { Effect: 'Allow', Action: unknown('s3:GetObject', 'getobject'), Resource: '*' },
      ],
      [
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ],
      [
        {
          statements: [{ Effect: 'Allow', Action: 'getobject', Resource: '*' }],
          pointer: '/Statement/1',
          branch: '/Statement/1',
          choice: [[{ condition: 'IsProd', holds: false }]],
        },
      ],
    ],
    [
      'Effect from a parameter in one branch: the other branch is checked, the unknown one apart',
      [{ Effect: unknown({ Ref: 'Mode' }, 'Allow'), Action: 'iam:PassRole', Resource: '*' }],
      [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      [
        {
          statements: [{ Effect: '${the value of parameter `Mode`}', Action: 'iam:PassRole', Resource: '*' }],
          pointer: '/Statement/0',
          branch: '/Statement/0',
          choice: [[{ condition: 'IsProd', holds: true }]],
        },
      ],
    ],
    [
      'Effect from the parameter the condition compares: `prod` on its true side, which IAM rejects, apart',
      [{ Effect: unknown({ Ref: 'Env' }, 'Allow'), Action: 'iam:PassRole', Resource: '*' }],
      [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      [
        {
          statements: [{ Effect: 'prod', Action: 'iam:PassRole', Resource: '*' }],
          pointer: '/Statement/0',
          branch: '/Statement/0',
          choice: [[{ condition: 'IsProd', holds: true }]],
        },
      ],
    ],
    [
      'a whole statement chosen by a branch',
      [
        unknown(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allw', Action: 's3:GetObject', Resource: '*' },
        ),
      ],
      [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      [
        {
          statements: [{ Effect: 'Allw', Action: 's3:GetObject', Resource: '*' }],
          pointer: '/Statement/0/Fn::If/2',
          branch: '/Statement/0/Fn::If/2',
          choice: [[{ condition: 'IsProd', holds: false }]],
        },
      ],
    ],
  ])('%s', (_, statement, kept, apart) => {
    const result = document(statement);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(plain(result.document)).toEqual({ Version: '2012-10-17', Statement: kept });
    expect(plain(result.variantsApart)).toEqual(apart);
  });

  it.each([
    ['both branches unreadable: the statement stays, the policy is invalid', unknown('Alow', 'Dny')],
    ['a statement without a branch is never set apart', 'Alow'],
  ])('%s', (_, effect) => {
    const result = document([{ Effect: effect, Action: 's3:GetObject', Resource: '*' }]);
    expect(result.ok && result.variantsApart).toBeUndefined();
    expect(result.ok && (result.document as { Statement: unknown[] }).Statement).toHaveLength(
      typeof effect === 'string' ? 1 : 2,
    );
  });
});
