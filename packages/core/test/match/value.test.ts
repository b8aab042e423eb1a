import fc from 'fast-check';
import { SymbolicValue } from '../../src/model/symbolic';
import type { PolicyValue } from '../../src/model/symbolic';
import { couldOverlap, matchPolicyValue } from '../../src/match/value';
import type { Tristate } from '../../src/match/value';
import { matchWildcard } from '../../src/match/wildcard';

const bucket = { id: 'bucket', source: 'aws_s3_bucket.logs.id' };
const other = { id: 'other', source: 'aws_s3_bucket.data.id' };
const sym = (...parts: (string | { id: string; source: string })[]): SymbolicValue => new SymbolicValue(parts);

describe('matchPolicyValue', () => {
  const cases: { name: string; pattern: PolicyValue; value: PolicyValue; expected: Tristate; ignoreCase?: boolean }[] =
    [
      {
        name: 'symbolic bucket matches any bucket',
        pattern: 'arn:aws:s3:::*',
        value: sym('arn:aws:s3:::', bucket),
        expected: 'match',
      },
      {
        name: 'symbolic bucket cannot be a queue',
        pattern: 'arn:aws:sqs:*',
        value: sym('arn:aws:s3:::', bucket),
        expected: 'no-match',
      },
      {
        name: 'symbolic bucket may or may not start with logs-',
        pattern: 'arn:aws:s3:::logs-*',
        value: sym('arn:aws:s3:::', bucket),
        expected: 'unknown',
      },
      {
        name: 'two equal symbolic values match',
        pattern: sym('arn:aws:s3:::', bucket),
        value: sym('arn:aws:s3:::', bucket),
        expected: 'match',
      },
      {
        name: 'symbolic pattern with a wildcard matches an object of the same bucket',
        pattern: sym('arn:aws:s3:::', bucket, '/*'),
        value: sym('arn:aws:s3:::', bucket, '/key.txt'),
        expected: 'match',
      },
      {
        name: 'different holes are undecided',
        pattern: sym('arn:aws:s3:::', bucket),
        value: sym('arn:aws:s3:::', other),
        expected: 'unknown',
      },
      {
        name: 'symbolic pattern against a concrete value of another service',
        pattern: sym('arn:aws:s3:::', bucket),
        value: 'arn:aws:sqs:us-east-1:111122223333:q',
        expected: 'no-match',
      },
      {
        name: 'symbolic pattern against a concrete value of the same shape',
        pattern: sym('arn:aws:s3:::', bucket),
        value: 'arn:aws:s3:::logs',
        expected: 'unknown',
      },
      {
        name: 'question mark cannot be proven to match a whole hole',
        pattern: 'arn:aws:s3:::?',
        value: sym('arn:aws:s3:::', bucket),
        expected: 'unknown',
      },
      {
        name: 'exact pattern against a hole is undecided',
        pattern: 'arn:aws:s3:::logs',
        value: sym('arn:aws:s3:::', bucket),
        expected: 'unknown',
      },
      {
        name: 'a hole may hold the text the pattern needs',
        pattern: 'arn:aws:s3:::*/private/*',
        value: sym('arn:aws:s3:::', bucket, '/public'),
        expected: 'unknown',
      },
      {
        name: 'object key suffix that cannot match',
        pattern: '*.txt',
        value: sym('arn:aws:s3:::', bucket, '/a.csv'),
        expected: 'no-match',
      },
      {
        name: 'star spanning a hole and literals',
        pattern: 'arn:aws:s3:::*/a.csv',
        value: sym('arn:aws:s3:::', bucket, '/a.csv'),
        expected: 'match',
      },
      {
        name: 'ignoreCase applies to literals around holes',
        pattern: 'S3:GET*',
        value: sym('s3:Get', bucket),
        expected: 'match',
        ignoreCase: true,
      },
      { name: 'concrete strings match', pattern: 'arn:aws:s3:::a*', value: 'arn:aws:s3:::abc', expected: 'match' },
      {
        name: 'concrete strings do not match',
        pattern: 'arn:aws:s3:::a*',
        value: 'arn:aws:s3:::bcd',
        expected: 'no-match',
      },
      {
        name: 'a star in a value is a literal character',
        pattern: 'arn:aws:s3:::a',
        value: sym('arn:aws:s3:::*', bucket),
        expected: 'no-match',
      },
    ];
  it.each(cases)('$name', ({ pattern, value, expected, ignoreCase }) => {
    expect(matchPolicyValue(pattern, value, { ignoreCase: ignoreCase ?? false })).toBe(expected);
  });

  it('never contradicts a concrete instantiation of the holes', () => {
    const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: max });
    const valueParts = fc.array(fc.oneof(text(3), fc.constant(bucket), fc.constant(other)), { maxLength: 5 });
    const patternParts = fc.array(
      fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?'), maxLength: 4 }), fc.constant(bucket)),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(patternParts, valueParts, text(3), text(3), (pp, vp, bucketText, otherText) => {
        const pattern = new SymbolicValue(pp);
        const value = new SymbolicValue(vp);
        const fill = (v: SymbolicValue): string =>
          v.parts.map((p) => (typeof p === 'string' ? p : p.id === 'bucket' ? bucketText : otherText)).join('');
        const concrete = matchWildcard(fill(pattern), fill(value));
        const answer = matchPolicyValue(pattern, value);
        if (answer === 'match') expect(concrete).toBe(true);
        if (answer === 'no-match') expect(concrete).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('couldOverlap', () => {
  const cases: { name: string; a: string; b: string; expected: boolean; ignoreCase?: boolean }[] = [
    { name: 'same service prefixes overlap', a: 's3:Get*', b: 's3:*Object', expected: true },
    { name: 'different services do not overlap', a: 's3:*', b: 'sqs:*', expected: false },
    { name: 'middle literals are taken into account', a: 'a*x*b', b: 'a*y', expected: false },
    { name: 'question marks need a character', a: 'a??', b: 'a*', expected: true },
    { name: 'lengths that cannot agree', a: 'a??', b: 'a?', expected: false },
    { name: 'literal against pattern', a: 'arn:aws:s3:::logs', b: 'arn:aws:s3:::l*', expected: true },
    { name: 'ignoreCase for actions', a: 'S3:GET*', b: 's3:getobject', expected: true, ignoreCase: true },
  ];
  it.each(cases)('$name', ({ a, b, expected, ignoreCase }) => {
    expect(couldOverlap(a, b, { ignoreCase: ignoreCase ?? false })).toBe(expected);
    expect(couldOverlap(b, a, { ignoreCase: ignoreCase ?? false })).toBe(expected);
  });

  it('is true whenever some string matches both patterns', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, pattern, fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 8 }), (a, b, s) => {
        if (matchWildcard(a, s) && matchWildcard(b, s)) expect(couldOverlap(a, b)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('is false only when no string matches both', () => {
    // A shortest common string needs at most one character per non-star symbol of each pattern,
    // and letters `a`/`b` are enough: so strings up to length 10 decide patterns up to length 5.
    const all: string[] = [''];
    for (let i = 0; i < all.length && (all[i] ?? '').length < 10; i++) {
      const s = all[i] ?? '';
      all.push(s + 'a', s + 'b');
    }
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 5 });
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const witness = all.some((s) => matchWildcard(a, s) && matchWildcard(b, s));
        expect(couldOverlap(a, b)).toBe(witness);
      }),
      { numRuns: 1000 },
    );
  });
});
