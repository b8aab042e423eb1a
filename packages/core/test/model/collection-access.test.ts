/** collectionAccessStatements: who an OpenSearch Serverless data access policy lets in, as IAM statements. */
import { collectionAccessProblem, collectionAccessStatements } from '@iamgate/core';
import type { CollectionAccessNames } from '@iamgate/core';

const names: CollectionAccessNames = {
  arnOf: (rest) => `arn:aws:aoss:eu-west-1:111122223333:${rest}`,
  principalOf: (p) => (typeof p === 'string' && /^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p),
};
const rules = [{ ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] }];
const principalsOf = (principal: unknown): unknown =>
  collectionAccessStatements([{ Rules: rules, Principal: principal }], names)?.map((s) => s['Principal']);

describe('the principals of a data access policy', () => {
  test.each([
    ['`*` is every IAM principal, not left out', ['*'], [{ AWS: ['*'] }]],
    ['`*` written alone, not in a list', '*', [{ AWS: ['*'] }]],
    ['an account root', ['arn:aws:iam::777788889999:root'], [{ AWS: ['arn:aws:iam::777788889999:root'] }]],
    ['an account id', ['777788889999'], [{ AWS: ['arn:aws:iam::777788889999:root'] }]],
    ['a SAML group of the own identity provider is left', ['saml/111122223333/idp/group/x'], []],
  ])('%s', (_name, principal, expected) => {
    expect(principalsOf(principal)).toEqual(expected);
  });
});

describe('a value that is no data access policy', () => {
  test.each([
    ['a number', 42, 'found number `42`'],
    ['a text', 'x', 'found string `x`'],
    ['a list holding a number', [42], 'found number `42` as entry 1'],
    ['a list of an entry and a text', [{ Rules: rules, Principal: ['*'] }, 'x'], 'found string `x` as entry 2'],
  ])('%s is said as what it is beside what one is', (_name, value, found) => {
    expect(collectionAccessProblem(value)).toBe(
      `an OpenSearch Serverless data access policy must be a list of entries, each with \`Rules\` and \`Principal\`, ${found}`,
    );
  });

  test.each([
    ['a number', 42],
    ['a text', 'x'],
  ])('%s yields no statements', (_name, value) => {
    expect(collectionAccessStatements(value, names)).toBeUndefined();
  });

  test('a list or one entry is one', () => {
    expect(collectionAccessProblem([])).toBeUndefined();
    expect(collectionAccessProblem({ Rules: rules, Principal: ['*'] })).toBeUndefined();
  });
});
