import fc from 'fast-check';
import { canonicalJson } from '../../src/analysis/fingerprint';

/** The definition, written recursively: the iterative version must give the same text. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(reference).sort().join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + reference(v)).join(',') + '}';
  }
  return JSON.stringify(value) ?? 'undefined';
}

describe('canonicalJson', () => {
  it('writes what the recursive definition writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['keys in any order', { b: 1, a: [2, 1] }, { a: [1, 2], b: 1 }],
    ['array values in any order', [{ x: 'b' }, { x: 'a' }], [{ x: 'a' }, { x: 'b' }]],
  ])('%s give one text', (_, one, other) => {
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('a statement nested 100,000 levels deep is text, not a stack overflow', () => {
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) value = i % 2 === 0 ? [value] : { k: value };
    const text = canonicalJson(value);
    expect(text.length).toBe(100_000 * 2 + 50_000 * '"k":'.length + '"x"'.length);
    expect(text.startsWith('{"k":[{"k":[')).toBe(true);
  });
});
