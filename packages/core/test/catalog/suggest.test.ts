import { boundedDistance, closestMatch } from '../../src/catalog/suggest';
import { suggestConditionKey } from '../../src/catalog/condition-keys';

describe('boundedDistance', () => {
  it.each([
    { name: 'equal strings', a: 'passrole', b: 'passrole', limit: 3, expected: 0 },
    { name: 'one substitution', a: 'getobject', b: 'getobjeck', limit: 3, expected: 1 },
    { name: 'neighbour transposition counts once', a: 'getobjetc', b: 'getobject', limit: 3, expected: 1 },
    { name: 'insertions and deletions', a: 'kitten', b: 'sitting', limit: 5, expected: 3 },
    { name: 'stops above the limit', a: 'abcdef', b: 'uvwxyz', limit: 2, expected: 3 },
    { name: 'length difference alone exceeds the limit', a: 'a', b: 'abcdef', limit: 2, expected: 3 },
  ])('$name', ({ a, b, limit, expected }) => {
    expect(boundedDistance(a, b, limit)).toBe(expected);
  });
});

describe('closestMatch', () => {
  it.each([
    {
      name: 'picks the closest candidate',
      input: 'GetObjetc',
      candidates: ['GetObject', 'PutObject', 'GetObjectAcl'],
      expected: 'GetObject',
    },
    { name: 'ignores case', input: 'PASSROLE', candidates: ['PassRole'], expected: 'PassRole' },
    { name: 'nothing within a third of the length', input: 'abcdef', candidates: ['uvwxyz'], expected: undefined },
    { name: 'empty input', input: '', candidates: ['a'], expected: undefined },
  ])('$name', ({ input, candidates, expected }) => {
    expect(closestMatch(input, candidates)).toBe(expected);
  });
});

describe('suggestConditionKey', () => {
  it.each([
    { name: 'a global key with a typo', key: 'aws:SourceIpp', expected: 'aws:SourceIp' },
    { name: 'a service key with a typo', key: 'iam:PassedToServce', expected: 'iam:PassedToService' },
    { name: 'a known key needs no suggestion', key: 'aws:SourceIp', expected: undefined },
    { name: 'nothing close', key: 'aws:Zzzzzzzzzzzzzzzzzzzz', expected: undefined },
  ])('$name', ({ key, expected }) => {
    expect(suggestConditionKey(key)).toBe(expected);
  });
});
