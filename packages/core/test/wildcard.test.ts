import { matchWildcard } from '../src/match/wildcard';

describe('matchWildcard', () => {
  const cases: [string, string, boolean, boolean?][] = [
    // [pattern, value, matches, ignoreCase]
    ['*', '', true],
    ['*', 'anything', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:get*', 's3:GetObject', false],
    ['s3:get*', 's3:GetObject', true, true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b', 'xxaxxb', true],
    ['*a*b', 'xxbxxa', false],
    ['a*a', 'a', false],
    ['a*?*a', 'aba', true],
    ['a*?*a', 'aa', false],
    ['*ab?d*', 'xxabxdyy', true],
    ['*ab?d*', 'xxabxxdyy', false],
    ['???', 'ab', false],
    ['*???', 'abc', true],
  ];
  it.each(cases.map(([pattern, value, expected, ignoreCase]) => ({ pattern, value, expected, ignoreCase })))(
    '$pattern ~ $value is $expected',
    ({ pattern, value, expected, ignoreCase }) => {
      expect(matchWildcard(pattern, value, { ignoreCase: ignoreCase ?? false })).toBe(expected);
    },
  );
});
