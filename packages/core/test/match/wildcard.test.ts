import fc from 'fast-check';
import { hasWildcard, matchWildcard } from '../../src/match/wildcard';

/** Slow reference: dynamic programming over (pattern position, value position). */
function referenceMatch(pattern: string, value: string): boolean {
  const n = pattern.length;
  const m = value.length;
  let row: boolean[] = Array.from({ length: m + 1 }, (_, j) => j === 0);
  for (let i = 1; i <= n; i++) {
    const p = pattern[i - 1];
    const next: boolean[] = new Array<boolean>(m + 1).fill(false);
    next[0] = p === '*' && (row[0] ?? false);
    for (let j = 1; j <= m; j++) {
      if (p === '*') next[j] = (row[j] ?? false) || (next[j - 1] ?? false);
      else next[j] = (row[j - 1] ?? false) && (p === '?' || p === value[j - 1]);
    }
    row = next;
  }
  return row[m] ?? false;
}

describe('matchWildcard', () => {
  const cases: { name: string; pattern: string; value: string; expected: boolean; ignoreCase?: boolean }[] = [
    { name: 'star matches the empty string', pattern: '*', value: '', expected: true },
    { name: 'star matches anything', pattern: '*', value: 'anything', expected: true },
    { name: 'action prefix', pattern: 's3:Get*', value: 's3:GetObject', expected: true },
    { name: 'case-sensitive by default', pattern: 's3:get*', value: 's3:GetObject', expected: false },
    { name: 'ignoreCase for actions', pattern: 's3:get*', value: 's3:GetObject', expected: true, ignoreCase: true },
    {
      name: 'star crosses slashes',
      pattern: 'arn:aws:s3:::bucket/*',
      value: 'arn:aws:s3:::bucket/a/b',
      expected: true,
    },
    {
      name: 'object pattern does not match the bucket',
      pattern: 'arn:aws:s3:::bucket/*',
      value: 'arn:aws:s3:::bucket',
      expected: false,
    },
    { name: 'question mark is one character', pattern: 'a?c', value: 'abc', expected: true },
    { name: 'question mark is not zero characters', pattern: 'a?c', value: 'ac', expected: false },
    { name: 'segments in order', pattern: '*a*b', value: 'xxaxxb', expected: true },
    { name: 'segments out of order', pattern: '*a*b', value: 'xxbxxa', expected: false },
    { name: 'prefix and suffix do not share characters', pattern: 'a*a', value: 'a', expected: false },
    { name: 'star question star needs one character', pattern: 'a*?*a', value: 'aa', expected: false },
    { name: 'star question star', pattern: 'a*?*a', value: 'aba', expected: true },
    { name: 'middle segment with question mark', pattern: '*ab?d*', value: 'xxabxdyy', expected: true },
    { name: 'middle segment with question mark, no room', pattern: '*ab?d*', value: 'xxabxxdyy', expected: false },
    { name: 'middle segment must end before the suffix', pattern: '*ab*b', value: 'ab', expected: false },
    {
      name: 'long question segment across words',
      pattern: '*' + 'a?'.repeat(40) + 'b*',
      value: 'x' + 'ab'.repeat(40) + 'b',
      expected: true,
    },
    {
      name: 'long question segment not found',
      pattern: '*' + 'a?'.repeat(40) + 'c*',
      value: 'ab'.repeat(100),
      expected: false,
    },
    { name: 'exact without wildcard', pattern: 'iam:PassRole', value: 'iam:PassRole', expected: true },
    { name: 'longer value without wildcard', pattern: 'iam:PassRole', value: 'iam:PassRoles', expected: false },
  ];
  it.each(cases)('$name', ({ pattern, value, expected, ignoreCase }) => {
    expect(matchWildcard(pattern, value, { ignoreCase: ignoreCase ?? false })).toBe(expected);
    expect(referenceMatch(ignoreCase ? pattern.toLowerCase() : pattern, ignoreCase ? value.toLowerCase() : value)).toBe(
      expected,
    );
  });

  it('agrees with the dynamic-programming reference on random patterns', () => {
    const patternChar = fc.constantFrom('a', 'b', '*', '?');
    const valueChar = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(
        fc.string({ unit: patternChar, maxLength: 12 }),
        fc.string({ unit: valueChar, maxLength: 14 }),
        (pattern, value) => {
          expect(matchWildcard(pattern, value)).toBe(referenceMatch(pattern, value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees with the reference on long question-mark segments', () => {
    const patternChar = fc.constantFrom('a', 'b', '?', '?', '*');
    fc.assert(
      fc.property(
        fc.string({ unit: patternChar, minLength: 30, maxLength: 90 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 120 }),
        (pattern, value) => {
          expect(matchWildcard(pattern, value)).toBe(referenceMatch(pattern, value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with the reference for values built to match', () => {
    // Random patterns rarely match random text; instantiate the pattern to get positive cases too.
    const pieces = fc.array(
      fc.oneof(fc.constantFrom('*', '?'), fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 1, maxLength: 3 })),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        pieces,
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 }), { minLength: 8, maxLength: 8 }),
        (parts, fills) => {
          const pattern = parts.join('');
          const value = parts.map((p, i) => (p === '*' ? (fills[i] ?? '') : p === '?' ? 'a' : p)).join('');
          expect(matchWildcard(pattern, value)).toBe(true);
          expect(referenceMatch(pattern, value)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('hasWildcard', () => {
  it.each([
    ['s3:*', true],
    ['a?c', true],
    ['arn:aws:s3:::bucket', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(hasWildcard(pattern)).toBe(expected);
  });
});
