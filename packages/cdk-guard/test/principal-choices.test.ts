/**
 * A principal chosen at deploy among values the template lists (a parameter's `AllowedValues`, a
 * mapping entry chosen by a parameter): an `Allow` is read granting each of them, a `NotPrincipal`
 * as one statement per choice; a `Deny`, and a parameter listing only account ids (the rules judge
 * those themselves, naming the parameter), are left as written.
 */
import { SymbolicValue, valueToString } from '@iamgate/core';
import { policyDocument } from '../src/extract/policy-document';
import { Resolver } from '../src/resolve/intrinsics';
import type { StackView } from '../src/resolve/intrinsics';

const CI = 'arn:aws:iam::111122223333:role/ci';
const stack: StackView = {
  key: 't.yaml',
  partition: 'aws',
  resource: () => undefined,
  parameters: {
    Stage: { Type: 'String', AllowedValues: ['prod', 'dev'] },
    Who: { Type: 'String', AllowedValues: [CI, '*'] },
    Account: { Type: 'String', AllowedValues: ['111122223333', '999988887777'] },
  },
  mappings: {
    Readers: { prod: { Arn: CI }, dev: { Arn: 'arn:aws:iam::999988887777:root' } },
    Accounts: { prod: { Id: '111122223333' }, dev: { Id: '999988887777' } },
  },
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

const assume = { Effect: 'Allow', Action: 'sts:AssumeRole' };

describe('a principal chosen at deploy among listed values', () => {
  it.each([
    [
      'Allow with a parameter that may be `*` grants both values',
      { ...assume, Principal: { AWS: { Ref: 'Who' } } },
      [{ ...assume, Principal: { AWS: [CI, '*'] } }],
    ],
    [
      'Allow with a mapping entry chosen by a parameter grants each entry, beside the other principals',
      { ...assume, Principal: { AWS: [{ 'Fn::FindInMap': ['Readers', { Ref: 'Stage' }, 'Arn'] }, CI] } },
      [{ ...assume, Principal: { AWS: [CI, 'arn:aws:iam::999988887777:root'] } }],
    ],
    [
      'NotPrincipal is one statement per choice (each excludes one)',
      { ...assume, NotPrincipal: { AWS: { Ref: 'Who' } } },
      [
        { ...assume, NotPrincipal: { AWS: [CI] } },
        { ...assume, NotPrincipal: { AWS: ['*'] } },
      ],
    ],
  ])('%s', (_name, statement, expected) => {
    expect(statements(statement)).toEqual(expected);
  });

  it('a Deny is left as written: which principal it denies is not known', () => {
    const deny = { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { AWS: { Ref: 'Who' } } };
    expect(statements(deny)).toEqual([{ ...deny, Principal: { AWS: '${the value of parameter `Who`}' } }]);
  });

  it('a mapping of account ids is granted each (the rules judge only an input`s listed accounts)', () => {
    const statement = { ...assume, Principal: { AWS: { 'Fn::FindInMap': ['Accounts', { Ref: 'Stage' }, 'Id'] } } };
    expect(statements(statement)).toEqual([{ ...assume, Principal: { AWS: ['111122223333', '999988887777'] } }]);
  });

  it('a parameter listing only account ids is left for the rules, which name it', () => {
    expect(statements({ ...assume, Principal: { AWS: { Ref: 'Account' } } })).toEqual([
      { ...assume, Principal: { AWS: '${the value of parameter `Account`}' } },
    ]);
  });
});
