/**
 * Matching of policy values that may be known only after deploy. A symbolic value is one specific
 * value, never a wildcard: `arn:aws:s3:::${bucket}` matches `arn:aws:s3:::*` for sure, cannot match
 * `arn:aws:sqs:*`, and may or may not match `arn:aws:s3:::logs-*` (unknown).
 */
import type { PolicyValue } from '../model/symbolic';
import { matchWildcard, matchWildcardOpaque } from './wildcard';
import type { WildcardOptions } from './wildcard';

/** The answer of a check that may depend on values unknown before deploy. */
export type Tristate = 'match' | 'no-match' | 'unknown';

// Holes are encoded as private-use characters, one per hole identity, so that the linear matcher
// can tell "this `*` swallows the whole hole" (a match whatever the hole is) from "a literal or
// `?` would have to match part of an unknown value" (undecided).
const HOLE_BASE = 0xe000;
const HOLE_LIMIT = 0xf8ff;

// Overlap tokens: a character code, or one of these.
const ANY = -1;
const ONE = -2;

// Above this many DP cells, couldOverlap answers the conservative `true` (bounded work).
const MAX_OVERLAP_CELLS = 4_000_000;

/**
 * Does `value` match `pattern` (`*`/`?` wildcards in the pattern only)? `match` when it does
 * whatever the unknown parts turn out to be, `no-match` when it cannot for any of them.
 */
export function matchPolicyValue(pattern: PolicyValue, value: PolicyValue, options: WildcardOptions = {}): Tristate {
  if (typeof pattern === 'string' && typeof value === 'string') {
    return matchWildcard(pattern, value, options) ? 'match' : 'no-match';
  }
  const ignoreCase = options.ignoreCase === true;
  const encoded = encodeHoles(pattern, value, ignoreCase);
  if (encoded !== undefined && matchWildcardOpaque(encoded.pattern, encoded.value, HOLE_BASE, encoded.holeEnd)) {
    return 'match';
  }
  // Some deploy-time value could still make it match unless even "anything in every hole" cannot.
  const overlap = overlapTokens(toTokens(pattern, true, ignoreCase), toTokens(value, false, ignoreCase));
  return overlap ? 'unknown' : 'no-match';
}

/**
 * Could some string match both patterns (`*` and `?` wildcards in both)? Exact for patterns of
 * ordinary size; above a bounded amount of work it answers `true` (may overlap).
 */
export function couldOverlap(a: string, b: string, options: WildcardOptions = {}): boolean {
  const ignoreCase = options.ignoreCase === true;
  return overlapTokens(toTokens(a, true, ignoreCase), toTokens(b, true, ignoreCase));
}

function parts(value: PolicyValue): readonly (string | { readonly id: string })[] {
  return typeof value === 'string' ? [value] : value.parts;
}

/** Both values as strings, each hole a private-use character; undefined if the literals collide. */
function encodeHoles(
  pattern: PolicyValue,
  value: PolicyValue,
  ignoreCase: boolean,
): { pattern: string; value: string; holeEnd: number } | undefined {
  const codes = new Map<string, number>();
  let collides = false;
  const encode = (v: PolicyValue): string =>
    parts(v)
      .map((part) => {
        if (typeof part === 'string') {
          const text = ignoreCase ? part.toLowerCase() : part;
          for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c >= HOLE_BASE && c <= HOLE_LIMIT) collides = true;
          }
          return text;
        }
        let code = codes.get(part.id);
        if (code === undefined) {
          code = HOLE_BASE + codes.size;
          codes.set(part.id, code);
        }
        return String.fromCharCode(code);
      })
      .join('');
  const encodedPattern = encode(pattern);
  const encodedValue = encode(value);
  if (collides || HOLE_BASE + codes.size > HOLE_LIMIT) return undefined;
  return { pattern: encodedPattern, value: encodedValue, holeEnd: HOLE_BASE + codes.size };
}

/** Tokens for the overlap test: holes are "any string"; `*`/`?` are wildcards only in patterns. */
function toTokens(value: PolicyValue, isPattern: boolean, ignoreCase: boolean): number[] {
  const tokens: number[] = [];
  for (const part of parts(value)) {
    if (typeof part !== 'string') {
      if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
      continue;
    }
    const text = ignoreCase ? part.toLowerCase() : part;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isPattern && c === 42) {
        if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
      } else if (isPattern && c === 63) {
        tokens.push(ONE);
      } else {
        tokens.push(c);
      }
    }
  }
  return tokens;
}

function compatible(x: number, y: number): boolean {
  return x === y || x === ONE || y === ONE;
}

/** Is there a string both token sequences can produce? */
function overlapTokens(a: number[], b: number[]): boolean {
  // Literal prefixes and suffixes decide most cases without the quadratic search.
  let start = 0;
  while (start < a.length && start < b.length && a[start] !== ANY && b[start] !== ANY) {
    if (!compatible(a[start] as number, b[start] as number)) return false;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] !== ANY && b[endB - 1] !== ANY) {
    if (!compatible(a[endA - 1] as number, b[endB - 1] as number)) return false;
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  if ((n + 1) * (m + 1) > MAX_OVERLAP_CELLS) return true;
  // reach[i][j]: x[0..i) and y[0..j) can produce the same text; computed row by row.
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  current[0] = 1;
  for (let i = 0; ; i++) {
    next.fill(0);
    const p = i < n ? (x[i] as number) : undefined;
    for (let j = 0; j <= m; j++) {
      if (current[j] === 0) continue;
      const q = j < m ? (y[j] as number) : undefined;
      if (p === ANY) {
        next[j] = 1;
        if (q !== undefined) current[j + 1] = 1;
      }
      if (q === ANY) {
        current[j + 1] = 1;
        if (p !== undefined) next[j] = 1;
      }
      if (p !== undefined && q !== undefined && p !== ANY && q !== ANY && compatible(p, q)) next[j + 1] = 1;
    }
    if (i === n) return current[m] === 1;
    [current, next] = [next, current];
  }
}
