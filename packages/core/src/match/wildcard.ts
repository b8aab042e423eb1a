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
