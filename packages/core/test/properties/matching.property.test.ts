/**
 * Matching beyond test/match (where `matchWildcard` is checked against a dynamic-programming
 * reference): the evaluator's fast `globMatch` must agree with `matchWildcard` on both of its paths
 * (short inputs: backtracking scan; long ones: hand-over), case folding must equal folding first,
 * and the pattern-against-pattern answers must be consistent with matching concrete strings.
 */
import fc from 'fast-check';
import { matchWildcard } from '../../src/match/wildcard';
import { globMatch, patternCovers, patternsOverlap } from '../../src/evaluator/pattern';

const patternChar = fc.constantFrom('a', 'b', '*', '?', ':', 'é', '\u{1F600}');
const valueChar = fc.constantFrom('a', 'b', ':', 'é', '\u{1F600}', 'A');
const short = (unit: fc.Arbitrary<string>, max: number) => fc.string({ unit, maxLength: max });

describe('globMatch', () => {
  it('agrees with matchWildcard on short inputs', () => {
    fc.assert(
      fc.property(short(patternChar, 12), short(valueChar, 14), (p, v) => {
        expect(globMatch(p, v)).toBe(matchWildcard(p, v));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with matchWildcard across the long-input hand-over', () => {
    // Lengths around 256 (pattern + value) exercise both paths on the same kind of input.
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '?'), minLength: 100, maxLength: 160 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 100, maxLength: 200 }),
        (p, v) => {
          expect(globMatch(p, v)).toBe(matchWildcard(p, v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays fast on adversarial backtracking inputs', () => {
    const cases = [
      { name: 'many stars, no match', pattern: `${'a*'.repeat(120)}b`, value: 'a'.repeat(130) },
      { name: 'short pattern of stars on a long value', pattern: '*a*a*a*a*b', value: 'a'.repeat(200) },
      { name: 'question marks after a star', pattern: `*${'?'.repeat(60)}b`, value: 'a'.repeat(190) },
    ];
    for (const c of cases) {
      const started = performance.now();
      expect([c.name, globMatch(c.pattern, c.value)]).toEqual([c.name, matchWildcard(c.pattern, c.value)]);
      expect([c.name, performance.now() - started < 200]).toEqual([c.name, true]);
    }
  });
});

describe('matchWildcard case folding', () => {
  it('ignoreCase equals matching the lower-cased strings', () => {
    const letters = fc.constantFrom('a', 'B', 'ß', 'İ', '*', '?', 'K');
    fc.assert(
      fc.property(short(letters, 8), short(letters, 10), (p, v) => {
        expect(matchWildcard(p, v, { ignoreCase: true })).toBe(matchWildcard(p.toLowerCase(), v.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pattern against pattern', () => {
  const pattern = short(fc.constantFrom('a', 'b', '*', '?'), 6);
  const text = short(fc.constantFrom('a', 'b'), 7);

  it('patternCovers(outer, inner) means every string matching inner matches outer', () => {
    fc.assert(
      fc.property(pattern, pattern, text, (outer, inner, s) => {
        if (patternCovers(outer, inner) && matchWildcard(inner, s)) expect(matchWildcard(outer, s)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('patternsOverlap is true whenever a string matches both', () => {
    fc.assert(
      fc.property(pattern, pattern, text, (a, b, s) => {
        if (matchWildcard(a, s) && matchWildcard(b, s)) expect(patternsOverlap(a, b)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
