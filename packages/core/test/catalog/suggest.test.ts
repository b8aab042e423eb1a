import fc from 'fast-check';
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

/** The optimal string alignment distance by its textbook definition: the whole table, no bound. */
function referenceDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

test('boundedDistance is the textbook distance, capped at limit + 1, on random ASCII names', () => {
  const name = fc.string({ unit: fc.constantFrom(...'abAB:*-xyz'.split('')), maxLength: 14 });
  fc.assert(
    fc.property(name, name, fc.integer({ min: 0, max: 8 }), (a, b, limit) => {
      expect(boundedDistance(a, b, limit)).toBe(Math.min(referenceDistance(a, b), limit + 1));
    }),
    { numRuns: 3000 },
  );
});

test('closestMatch is the first candidate at the least distance within the limit, on random names', () => {
  const name = fc.string({ unit: fc.constantFrom(...'abcAB:-xyz'.split('')), minLength: 1, maxLength: 12 });
  fc.assert(
    fc.property(name, fc.array(name, { maxLength: 30 }), (input, candidates) => {
      const limit = Math.max(1, Math.floor(input.length / 3));
      const distances = candidates.map((c) => referenceDistance(input, c));
      const least = Math.min(...distances);
      expect(closestMatch(input, candidates)).toBe(least <= limit ? candidates[distances.indexOf(least)] : undefined);
    }),
    { numRuns: 2000 },
  );
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
    {
      name: 'a tag key whose prefix is misspelt keeps its tag name',
      key: 'aws:ResourceTags/team',
      expected: 'aws:ResourceTag/team',
    },
    {
      name: 'a principal tag key misspelt',
      key: 'aws:PrincipleTag/cost-center',
      expected: 'aws:PrincipalTag/cost-center',
    },
    { name: 'nothing close', key: 'aws:Zzzzzzzzzzzzzzzzzzzz', expected: undefined },
    {
      name: 'a key another service lists under this prefix, misspelt (EC2 Instance Connect)',
      key: 'ec2:osusr',
      expected: 'ec2:osuser',
    },
  ])('$name', ({ key, expected }) => {
    expect(suggestConditionKey(key)).toBe(expected);
  });
});
