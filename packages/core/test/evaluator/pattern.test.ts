import fc from 'fast-check';
import { matchWildcard } from '@iamgate/core';
import {
  LITERAL_STAR,
  globMatch,
  overlapOf,
  overlapWork,
  patternCovers,
  patternsOverlap,
  signatureWitnesses,
} from '../../src/evaluator/pattern';

/** Every string over `alphabet` up to `max` characters. */
function strings(alphabet: readonly string[], max: number): string[] {
  const out = [''];
  let layer = [''];
  for (let len = 1; len <= max; len++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    out.push(...layer);
  }
  return out;
}

// A shortest witness of two patterns of up to 5 characters has at most 10 characters.
const small = strings(['a', 'b'], 10);
const patternArb = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 5 });

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b*', 'xxbxxaxx', false],
    ['s3:*object', 's3:getobject', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    [`a${LITERAL_STAR}`, 'a*', true],
    [`a${LITERAL_STAR}`, 'ab', false],
  ])('`%s` against `%s` is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('agrees with matchWildcard of match/ on random patterns and values', () => {
    fc.assert(
      fc.property(
        patternArb,
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 8 }),
        (p, v) => globMatch(p, v) === matchWildcard(p, v),
      ),
      { numRuns: 3000 },
    );
  });

  it('stays linear on a long pathological pattern', () => {
    const pattern = '*a'.repeat(2000) + '*b*';
    expect(globMatch(pattern, 'a'.repeat(4000))).toBe(false);
  });
});

describe('patternsOverlap', () => {
  it.each([
    ['a*', '*b', true],
    ['a*', 'b*', false],
    ['arn:aws:s3:::x/2026/*', 'arn:aws:s3:::x/*/summary.csv', true],
    ['x/2025/*', 'x/2026/*', false],
    ['a?c', 'ab?', true],
    ['??', '???', false],
  ])('`%s` and `%s`: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
  });

  it('is exact: true when and only when some short string matches both', () => {
    fc.assert(
      fc.property(
        patternArb,
        patternArb,
        (a, b) => patternsOverlap(a, b) === small.some((s) => globMatch(a, s) && globMatch(b, s)),
      ),
      { numRuns: 1500 },
    );
  });
});

describe('patternCovers', () => {
  it.each([
    ['*', 'anything*', true],
    ['x/*', 'x/private/*', true],
    ['x/private/*', 'x/*', false],
    ['x/?', 'x/?', true],
    ['x/?', 'x/*', false],
    ['a*', 'a', true],
    ['?*?', '*/?', true],
    ['*a*', '?*a', true],
    ['??*', '*??', true],
    ['?*?', '*', false],
    [`a${LITERAL_STAR}`, 'a*', false],
    [`*${LITERAL_STAR}`, `?*${LITERAL_STAR}`, true],
  ])('`%s` covers `%s`: %s', (outer, inner, expected) => {
    expect(patternCovers(outer, inner)).toBe(expected);
  });

  it('never claims a cover that a short string contradicts', () => {
    fc.assert(
      fc.property(
        patternArb,
        patternArb,
        (outer, inner) =>
          !patternCovers(outer, inner) || small.every((s) => !globMatch(inner, s) || globMatch(outer, s)),
      ),
      { numRuns: 1500 },
    );
  });

  // A third letter stands for the characters neither pattern writes.
  const wide = strings(['a', 'b', 'c'], 7);

  it('is exact: false only when a short string matches inner and not outer', () => {
    fc.assert(
      fc.property(
        patternArb,
        patternArb,
        (outer, inner) =>
          patternCovers(outer, inner) === wide.every((s) => !globMatch(inner, s) || globMatch(outer, s)),
      ),
      { numRuns: 1500 },
    );
  });
});

describe('signatureWitnesses', () => {
  const signatureOf = (patterns: readonly string[], s: string): string =>
    patterns.map((p) => (globMatch(p, s) ? '1' : '0')).join('');

  it.each([
    ['reports/*', ['reports/secret/*'], ['0', '1']],
    ['*', ['a*', '*b'], ['00', '10', '01', '11']],
    ['a*', ['b*'], ['0']],
    ['??', ['a?', '?a'], ['00', '10', '01', '11']],
  ])('`%s` against %j has the signatures %j', (set, patterns, signatures) => {
    const found = signatureWitnesses(set, patterns);
    expect([...(found?.keys() ?? [])].sort()).toEqual([...signatures].sort());
  });

  it('gives up on a pattern holding an escaped `*`, whose strings would read as patterns', () => {
    expect(signatureWitnesses('*', [`a${LITERAL_STAR}`])).toBeUndefined();
  });

  // The third letter stands for every character the patterns do not write.
  const wide = strings(['a', 'b', 'c'], 7);

  it('has one string of the set for every combination of patterns a short string of the set matches', () => {
    fc.assert(
      fc.property(patternArb, fc.array(patternArb, { maxLength: 3 }), (set, patterns) => {
        const found = signatureWitnesses(set, patterns);
        if (found === undefined) return false;
        for (const [signature, witness] of found) {
          if (!globMatch(set, witness) || signatureOf(patterns, witness) !== signature) return false;
        }
        return wide.every((s) => !globMatch(set, s) || found.has(signatureOf(patterns, s)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('overlapOf: the patterns inside both of two', () => {
  it.each<[string, string, string, string[]]>([
    ['a bucket and every bucket’s secrets/', 'b/*', '*/secrets/*', ['b/*/secrets/*', 'b/secrets/*']],
    ['a folder and every folder’s 2024/', 'b/logs/*', 'b/*/2024/*', ['b/logs/*/2024/*', 'b/logs/2024/*']],
    ['either order', '*/secrets/*', 'b/*', ['b/*/secrets/*', 'b/secrets/*']],
    ['a pattern inside the other', 'b/*', 'b/a?', ['b/a?']],
    ['no string in common', 'b/*', 'c/*', []],
    ['neither a prefix and `*`', 'b/*/x', '*/y/*', ['b/y/x', 'b/*/y/x', 'b/y/*/x', 'b/*/y/*/x']],
    ['a folder at any depth and a name in any folder', '*/2024/*', '*/x.csv', ['*/2024/*/x.csv', '*/2024/x.csv']],
    ['`?` against a literal is the literal', 'b/?/x', '*/a/*', ['b/a/x']],
    ['two middles that never meet', 'a*b', 'b*a', []],
  ])('%s', (_name, a, b, parts) => {
    expect(overlapOf(a, b)?.sort()).toEqual(parts.sort());
    for (const part of parts) expect([patternCovers(a, part), patternCovers(b, part)]).toEqual([true, true]);
  });

  it('gives exactly the strings both match, for any two patterns', () => {
    fc.assert(
      fc.property(patternArb, patternArb, (a, b) => {
        const parts = overlapOf(a, b);
        return (
          parts !== undefined &&
          small.every((s) => (globMatch(a, s) && globMatch(b, s)) === parts.some((p) => globMatch(p, s)))
        );
      }),
      { numRuns: 1500 },
    );
  });

  // Counted steps, not time: each pair of positions read and each pattern of the rest joined.
  // The overlap reads at most 2^16 pairs, so fewer than 2^17 steps is linear in what it may read.
  it.each<[string, string, string, string[] | undefined]>([
    // Both end on a literal they share: strings of both exist, but more pairs than it reads.
    ['stars between every character', '*a'.repeat(150), '*?'.repeat(150), undefined],
    ['stars on either side of every character', 'a*'.repeat(120), '*a'.repeat(120), undefined],
    // One ends with `b`, the other with `a`: no string matches both.
    ['two middles that never meet, many times', '*a*b'.repeat(60), '*b*a'.repeat(60), []],
    // `*` matches every string: the overlap is the other pattern.
    ['a run of stars and question marks', '*'.repeat(2000), '?*'.repeat(1000), ['?*'.repeat(1000)]],
    ['two long literal names around a star', 'b/' + 'x'.repeat(5000) + '*', '*' + 'x'.repeat(5000), undefined],
  ])('answers or gives up in bounded steps on patterns of pathological length: %s', (_name, a, b, expected) => {
    const { parts, steps } = overlapWork(a, b);
    expect(parts).toEqual(expected);
    expect(steps).toBeLessThan(1 << 17);
  });
});
