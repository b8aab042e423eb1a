/**
 * An action or resource part of which is chosen at deploy among values the template lists (a
 * parameter's `AllowedValues`, a mapping entry chosen by a parameter): an `Allow` is read with each
 * value in place of that part, so that `table/${Scope}` with `*` among the values is read as every
 * table too; a part a `Deny` of the same policy names is left as written, so that both take the
 * same value.
 */
import { SymbolicValue, valueToString } from '@iamgate/core';
import { policyDocument } from '../src/extract/policy-document';
import { Resolver } from '../src/resolve/intrinsics';
import type { StackView } from '../src/resolve/intrinsics';

const stack: StackView = {
  key: 't.yaml',
  partition: 'aws',
  account: '111122223333',
  region: 'eu-west-1',
  resource: () => undefined,
  parameters: {
    Scope: { Type: 'String', AllowedValues: ['orders', '*'] },
    Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] },
    Verb: { Type: 'String', AllowedValues: ['Get*', '*'] },
    Free: { Type: 'String' },
    Wide: { Type: 'String', AllowedValues: 'abcdefghijklmnopq'.split('') },
  },
  mappings: { Buckets: { dev: { Name: 'dev-data' }, prod: { Name: 'prod-data' } } },
  conditions: {},
};

function statements(...raw: unknown[]): unknown[] {
  const result = policyDocument(new Resolver(stack).resolve({ Version: '2012-10-17', Statement: raw }));
  if (!result.ok) throw new Error(result.reason);
  const plain = JSON.parse(
    JSON.stringify(result.document, (_k, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)),
  ) as { Statement: unknown[] };
  return plain.Statement;
}

const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/';
const table = (name: unknown): unknown => ({ 'Fn::Sub': [`${TABLE}\${Name}`, { Name: name }] });
const allow = (extra: Record<string, unknown>): Record<string, unknown> => ({ Effect: 'Allow', ...extra });

describe('an action or resource part chosen at deploy among listed values', () => {
  it.each([
    [
      'a table named by a parameter that may be `*` is that table and every table',
      allow({ Action: 'dynamodb:Scan', Resource: table({ Ref: 'Scope' }) }),
      [allow({ Action: 'dynamodb:Scan', Resource: [`${TABLE}orders`, `${TABLE}*`] })],
    ],
    [
      'a bucket of a mapping entry chosen by a parameter is each entry',
      allow({
        Action: 's3:GetObject',
        Resource: {
          'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: { 'Fn::FindInMap': ['Buckets', { Ref: 'Stage' }, 'Name'] } }],
        },
      }),
      [allow({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::dev-data/*', 'arn:aws:s3:::prod-data/*'] })],
    ],
    [
      'an action part is each value: `s3:Get*` and `s3:*`',
      allow({ Action: { 'Fn::Sub': 's3:${Verb}' }, Resource: '*' }),
      [allow({ Action: ['s3:Get*', 's3:*'], Resource: '*' })],
    ],
    [
      'two parts make each combination; the same part twice takes the same value',
      allow({ Action: 'dynamodb:GetItem', Resource: table({ 'Fn::Sub': '${Stage}-${Scope}-${Stage}' }) }),
      [
        allow({
          Action: 'dynamodb:GetItem',
          Resource: [`${TABLE}dev-orders-dev`, `${TABLE}dev-*-dev`, `${TABLE}prod-orders-prod`, `${TABLE}prod-*-prod`],
        }),
      ],
    ],
    [
      'a part without listed values stays as written beside one with',
      allow({ Action: 'dynamodb:GetItem', Resource: table({ 'Fn::Sub': '${Free}-${Stage}' }) }),
      [
        allow({
          Action: 'dynamodb:GetItem',
          Resource: [
            `${TABLE}\${the value of parameter \`Free\`}-dev`,
            `${TABLE}\${the value of parameter \`Free\`}-prod`,
          ],
        }),
      ],
    ],
    [
      'NotResource is one statement per value (each excludes one)',
      allow({ Action: 'dynamodb:GetItem', NotResource: table({ Ref: 'Scope' }) }),
      [
        allow({ Action: 'dynamodb:GetItem', NotResource: [`${TABLE}orders`] }),
        allow({ Action: 'dynamodb:GetItem', NotResource: [`${TABLE}*`] }),
      ],
    ],
  ])('%s', (_name, statement, expected) => {
    expect(statements(statement)).toEqual(expected);
  });

  it('more combinations than a statement is split into are left as written', () => {
    const statement = allow({ Action: 'dynamodb:GetItem', Resource: table({ Ref: 'Wide' }) });
    expect(statements(statement)).toEqual([
      allow({ Action: 'dynamodb:GetItem', Resource: `${TABLE}\${the value of parameter \`Wide\`}` }),
    ]);
  });

  it('a part a Deny of the policy names too is left as written in both, which take the same value', () => {
    const resource = { 'Fn::Sub': 'arn:aws:execute-api:eu-west-1:111122223333:api/${Stage}/*' };
    const written = '${the value of parameter `Stage`}';
    expect(
      statements(allow({ Principal: '*', Action: 'execute-api:Invoke', Resource: resource }), {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: resource,
        Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }).map((s) => (s as { Resource: unknown }).Resource),
    ).toEqual([
      `arn:aws:execute-api:eu-west-1:111122223333:api/${written}/*`,
      `arn:aws:execute-api:eu-west-1:111122223333:api/${written}/*`,
    ]);
  });
});
