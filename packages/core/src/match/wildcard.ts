/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 * No regular expression is built from policy text: the pattern is split at `*` into segments, the
 * first anchored at the start, the last at the end, and the middle ones found leftmost in order,
 * which is exact for this pattern language (a leftmost occurrence never leaves less room to the
 * segments after it). Literal segments are found with `indexOf`; segments with `?` with a
 * bit-parallel scan (shift-and), so the text is read once per segment: O(n) for literal
 * patterns, O(n * m / 32) at worst for a `?` segment of length m.
 */

/** Options of {@link matchWildcard}. */
export interface WildcardOptions {
  /** Compare letters without case (actions); ARNs and condition values are case-sensitive. */
  readonly ignoreCase?: boolean;
}

const STAR = 42;
const QUESTION = 63;

/** True when `value` matches `pattern` (`*` and `?` wildcards). */
export function matchWildcard(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  if (options.ignoreCase) {
    pattern = pattern.toLowerCase();
    value = value.toLowerCase();
  }
  return matchCore(pattern, value, 0, 0);
}

/**
 * {@link matchWildcard} where characters of `value` in [opaqueFrom, opaqueTo) stand for whole
 * values unknown before deploy: `?` never matches them, only `*` or the same character does.
 * Internal to `match/`; not part of the public API.
 */
export function matchWildcardOpaque(pattern: string, value: string, opaqueFrom: number, opaqueTo: number): boolean {
  return matchCore(pattern, value, opaqueFrom, opaqueTo);
}

/** True when the pattern contains a wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

function matchCore(pattern: string, value: string, lo: number, hi: number): boolean {
  const firstStar = pattern.indexOf('*');
  if (firstStar < 0) return pattern.length === value.length && segmentAt(pattern, value, 0, lo, hi);
  const lastStar = pattern.lastIndexOf('*');
  const firstLength = firstStar;
  const lastLength = pattern.length - lastStar - 1;
  if (firstLength + lastLength > value.length) return false;
  if (!segmentAt(pattern.slice(0, firstStar), value, 0, lo, hi)) return false;
  if (!segmentAt(pattern.slice(lastStar + 1), value, value.length - lastLength, lo, hi)) return false;
  let position = firstLength;
  const end = value.length - lastLength;
  let i = firstStar + 1;
  while (i < lastStar) {
    const next = pattern.indexOf('*', i);
    if (next > i) {
      const segment = pattern.slice(i, next);
      const found = findSegment(segment, value, position, end, lo, hi);
      if (found < 0) return false;
      position = found + segment.length;
    }
    i = next + 1;
  }
  return true;
}

/** True when `segment` (no `*`, maybe `?`) matches `value` at `offset`. */
function segmentAt(segment: string, value: string, offset: number, lo: number, hi: number): boolean {
  if (offset < 0 || offset + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    const v = value.charCodeAt(offset + i);
    if (c === QUESTION) {
      if (v >= lo && v < hi) return false;
    } else if (c !== v) {
      return false;
    }
  }
  return true;
}

/** Leftmost offset in [from, end - segment.length] where `segment` matches, or -1. */
function findSegment(segment: string, value: string, from: number, end: number, lo: number, hi: number): number {
  const m = segment.length;
  if (end - from < m) return -1;
  if (!segment.includes('?')) {
    const found = value.indexOf(segment, from);
    return found >= 0 && found + m <= end ? found : -1;
  }
  // Shift-and: bit k of the state is set when segment[0..k] matches the text ending here.
  const words = (m + 31) >>> 5;
  const anyChar = new Uint32Array(words);
  const masks = new Map<number, Uint32Array>();
  for (let k = 0; k < m; k++) {
    if (segment.charCodeAt(k) === QUESTION) setBit(anyChar, k);
  }
  for (let k = 0; k < m; k++) {
    const c = segment.charCodeAt(k);
    if (c === QUESTION || c === STAR) continue;
    let mask = masks.get(c);
    if (mask === undefined) {
      mask = c >= lo && c < hi ? new Uint32Array(words) : anyChar.slice();
      masks.set(c, mask);
    }
    setBit(mask, k);
  }
  const none = new Uint32Array(words);
  const state = new Uint32Array(words);
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  for (let p = from; p < end; p++) {
    const c = value.charCodeAt(p);
    const mask = masks.get(c) ?? (c >= lo && c < hi ? none : anyChar);
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const word = state[w] as number;
      state[w] = ((word << 1) | carry) & (mask[w] as number);
      carry = word >>> 31;
    }
    if (((state[lastWord] as number) & lastBit) !== 0) return p - m + 1;
  }
  return -1;
}

function setBit(words: Uint32Array, bit: number): void {
  const index = bit >>> 5;
  words[index] = ((words[index] as number) | (1 << (bit & 31))) >>> 0;
}

/**
 * Patterns whose union is the set of strings both `a` and `b` match (`*` and `?` in both, a `?`
 * of one meeting a character of the other that character): `repo:acme/api:*` and
 * `repo:acme/*:ref:refs/heads/main` give `repo:acme/api:ref:refs/heads/main` and
 * `repo:acme/api:*:ref:refs/heads/main`. Empty when no string matches both; none of them covers another; undefined when telling
 * would take more than `limit` patterns or a bounded amount of work.
 */
export function intersectWildcards(a: string, b: string, limit = 16): readonly string[] | undefined {
  const found = new Set<string>();
  let budget = 20_000;
  // A walk of both patterns at once: a `*` may be skipped, or take what the other side spells; two
  // `*` facing each other take any run at once (written once, as `*`).
  const walk = (i: number, j: number, out: string): boolean => {
    if (--budget < 0 || found.size > limit) return false;
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) {
      found.add(out);
      return true;
    }
    const starX = x === '*';
    const starY = y === '*';
    if (starX && !walk(i + 1, j, out)) return false;
    if (starY && !walk(i, j + 1, out)) return false;
    if (starX && starY) {
      if (out.endsWith('*')) return true;
      return walk(i + 1, j, `${out}*`) && walk(i, j + 1, `${out}*`);
    }
    if (x === undefined || y === undefined) return true;
    if (starX) return walk(i, j + 1, out + y);
    if (starY) return walk(i + 1, j, out + x);
    if (x === y || x === '?' || y === '?') return walk(i + 1, j + 1, out + (x === '?' ? y : x));
    return true;
  };
  if (!walk(0, 0, '') || found.size > limit) return undefined;
  // `repo:a/api::ref:main` beside `repo:a/api:*:ref:main` says nothing more.
  const kept: string[] = [];
  for (const pattern of found) {
    if (kept.some((other) => wildcardCovers(other, pattern))) continue;
    kept.splice(0, kept.length, ...kept.filter((other) => !wildcardCovers(pattern, other)), pattern);
  }
  return kept;
}

/**
 * Whether every string pattern `inner` matches is matched by `outer` too (`repo:acme/*:pull_request`
 * covers `repo:acme/:pull_request`): `inner` read as a string whose `*` only a `*` of `outer` may
 * take and whose `?` a `?` or `*` of `outer`. Sufficient, not necessary: false may still be covered.
 */
export function wildcardCovers(outer: string, inner: string): boolean {
  const ANY_RUN = '\ue000';
  const ANY_ONE = '\ue001';
  if (inner.includes(ANY_RUN) || inner.includes(ANY_ONE)) return false;
  const encoded = inner.replace(/\*/g, ANY_RUN).replace(/\?/g, ANY_ONE);
  return matchCore(outer, encoded, ANY_RUN.charCodeAt(0), ANY_RUN.charCodeAt(0) + 1);
}
