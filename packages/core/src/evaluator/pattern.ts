/**
 * Glob matching for the hot path of evaluation (`*` any run, `?` one character) and the two
 * pattern-against-pattern questions asked when the request resource is itself a pattern. Escaped
 * policy-variable characters (`${*}`, `${?}`) are carried as private-use code points that match
 * only the literal character.
 */

import { couldOverlap } from '../match/value';
import { matchWildcard } from '../match/wildcard';

const STAR = 42;
const QUESTION = 63;
/** Stands for a literal `*` produced by `${*}`. */
export const LITERAL_STAR = '\uE000';
/** Stands for a literal `?` produced by `${?}`. */
export const LITERAL_QUESTION = '\uE001';
const LIT_STAR = 0xe000;
const LIT_QUESTION = 0xe001;

function sameChar(p: number, v: number): boolean {
  if (p === v) return true;
  if (p === LIT_STAR) return v === STAR;
  if (p === LIT_QUESTION) return v === QUESTION;
  return false;
}

/** Above this many characters, the linear-time matcher of match/wildcard.ts takes over. */
const LONG = 256;

/**
 * True when `value` matches `pattern`. Greedy scan that remembers the last `*` and retries from
 * it: exact for this pattern language, no allocation, no regular expression. Its worst case is
 * quadratic, so long inputs go to `matchWildcard`, linear in the text.
 */
export function globMatch(pattern: string, value: string): boolean {
  const n = pattern.length;
  const m = value.length;
  if (n + m > LONG && pattern.indexOf(LITERAL_STAR) < 0 && pattern.indexOf(LITERAL_QUESTION) < 0)
    return matchWildcard(pattern, value);
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < m) {
    if (p < n) {
      const c = pattern.charCodeAt(p);
      if (c === STAR) {
        starP = p++;
        starV = v;
        continue;
      }
      if (c === QUESTION || sameChar(c, value.charCodeAt(v))) {
        p++;
        v++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    v = ++starV;
  }
  while (p < n && pattern.charCodeAt(p) === STAR) p++;
  return p === n;
}

/** True when the text has a wildcard character. */
export function isPattern(text: string): boolean {
  return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
}

/** Pattern pairs beyond this many automaton states are answered from their ends only. */
const MAX_STATES = 1 << 20;

/** Could one string match both patterns? (exact, on the product of the two pattern automata) */
export function patternsOverlap(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  // Conservative beyond the bound: literal prefixes and suffixes must agree.
  if ((n + 1) * (m + 1) > MAX_STATES) return couldOverlap(a, b);
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const state = stack.pop() as number;
    const i = Math.floor(state / (m + 1));
    const j = state % (m + 1);
    if (i === n && j === m) return true;
    const ca = i < n ? a.charCodeAt(i) : -1;
    const cb = j < m ? b.charCodeAt(j) : -1;
    const push = (x: number, y: number): void => {
      const s = x * (m + 1) + y;
      if (!seen[s]) {
        seen[s] = 1;
        stack.push(s);
      }
    };
    // A star may match nothing.
    if (ca === STAR) push(i + 1, j);
    if (cb === STAR) push(i, j + 1);
    // Read one character that both sides accept.
    if (ca >= 0 && cb >= 0) {
      const aAny = ca === STAR || ca === QUESTION;
      const bAny = cb === STAR || cb === QUESTION;
      const compatible = aAny || bAny || literalOf(ca) === literalOf(cb);
      if (compatible) push(ca === STAR ? i : i + 1, cb === STAR ? j : j + 1);
    }
  }
  return false;
}

function literalOf(c: number): number {
  if (c === LIT_STAR) return STAR;
  if (c === LIT_QUESTION) return QUESTION;
  return c;
}

/**
 * Is every string matching `inner` also matched by `outer`? Reads `inner` as text whose `*` only a
 * `*` of `outer` can cover and whose `?` only a `?` or `*`: exact for the patterns policies use.
 */
export function patternCovers(outer: string, inner: string): boolean {
  const n = outer.length;
  const m = inner.length;
  // Beyond the bound only the catch-all pattern is known to cover.
  if ((n + 1) * (m + 1) > MAX_STATES) return /^\**$/.test(outer) && outer.length > 0;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const state = stack.pop() as number;
    const i = Math.floor(state / (m + 1));
    const j = state % (m + 1);
    if (i === n && j === m) return true;
    const push = (x: number, y: number): void => {
      const s = x * (m + 1) + y;
      if (!seen[s]) {
        seen[s] = 1;
        stack.push(s);
      }
    };
    if (i >= n) continue;
    const co = outer.charCodeAt(i);
    if (co === STAR) {
      push(i + 1, j);
      if (j < m) push(i, j + 1);
      continue;
    }
    if (j >= m) continue;
    const ci = inner.charCodeAt(j);
    if (co === QUESTION) {
      if (ci !== STAR) push(i + 1, j + 1);
    } else if (ci !== STAR && ci !== QUESTION && sameChar(co, ci)) {
      push(i + 1, j + 1);
    }
  }
  return false;
}
