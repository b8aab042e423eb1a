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
 * Is every string matching `inner` also matched by `outer`? Exact: a quick token-by-token cover
 * first, then, when both sides have wildcards and that fails, the languages of the two patterns
 * compared (`?*?` covers `*-?`, whose strings all have two characters or more).
 */
export function patternCovers(outer: string, inner: string): boolean {
  if (tokenCovers(outer, inner)) return true;
  if (!hasWildcard(outer) || !hasWildcard(inner)) return false;
  // Two strings of `inner` that most non-covers already leave out of `outer`: cheap to ask first.
  if (!globMatch(outer, witness(inner, false)) || !globMatch(outer, witness(inner, true))) return false;
  return languageCovers(outer, inner);
}

/** A character no pattern of a policy holds. */
const FRESH = '\u0001';

/** A string matching `inner`: each `?` and, when `fill`, each `*` read as a fresh character. */
function witness(inner: string, fill: boolean): string {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === STAR) out += fill ? FRESH : '';
    else if (c === QUESTION) out += FRESH;
    else out += String.fromCharCode(literalOf(c));
  }
  return out;
}

function hasWildcard(text: string): boolean {
  return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
}

/** Above this many explored pairs of automaton states, a cover is not claimed. */
const MAX_COVER_STATES = 1 << 14;

/** Any character that neither pattern writes literally. */
const OTHER = -1;

/**
 * Exact inclusion of the two pattern languages: the patterns read together, each as the set of
 * its positions still alive after a common prefix, over the characters either writes literally
 * plus one that neither writes. `inner` is not covered when some prefix ends `inner` but not
 * `outer`.
 */
function languageCovers(outer: string, inner: string): boolean {
  const symbols = new Set<number>([OTHER]);
  for (const text of [outer, inner]) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== STAR && c !== QUESTION) symbols.add(literalOf(c));
    }
  }
  const start = (text: string): number[] => closure(text, [0]);
  const key = (a: readonly number[], b: readonly number[]): string => a.join(',') + '|' + b.join(',');
  const queue: [number[], number[]][] = [[start(inner), start(outer)]];
  const seen = new Set<string>([key(queue[0]?.[0] ?? [], queue[0]?.[1] ?? [])]);
  for (let head = 0; head < queue.length; head++) {
    const [innerAlive, outerAlive] = queue[head] as [number[], number[]];
    if (innerAlive.includes(inner.length) && !outerAlive.includes(outer.length)) return false;
    for (const symbol of symbols) {
      const nextInner = step(inner, innerAlive, symbol);
      if (nextInner.length === 0) continue;
      const nextOuter = step(outer, outerAlive, symbol);
      const k = key(nextInner, nextOuter);
      if (seen.has(k)) continue;
      if (seen.size >= MAX_COVER_STATES) return false;
      seen.add(k);
      queue.push([nextInner, nextOuter]);
    }
  }
  return true;
}

/** The positions reached from `alive` by reading one character, a star matching nothing included. */
function step(text: string, alive: readonly number[], symbol: number): number[] {
  const next: number[] = [];
  for (const i of alive) {
    if (i >= text.length) continue;
    const c = text.charCodeAt(i);
    if (c === STAR) next.push(i);
    else if (c === QUESTION || (symbol !== OTHER && literalOf(c) === symbol)) next.push(i + 1);
  }
  return closure(text, next);
}

/** The positions with every run of stars after them skipped too (a star may match nothing), sorted. */
function closure(text: string, positions: readonly number[]): number[] {
  const out = new Set<number>();
  for (let i of positions) {
    out.add(i);
    while (i < text.length && text.charCodeAt(i) === STAR) out.add(++i);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A sound cover read token by token: `inner`'s `*` only a `*` of `outer` can cover and its `?` only
 * a `?` or `*`.
 */
function tokenCovers(outer: string, inner: string): boolean {
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

/** Above this many automaton states, {@link signatureWitnesses} gives up. */
const MAX_WITNESS_STATES = 1 << 14;

/** Characters tried, in order, for "any character that no pattern writes". */
const FRESH_CANDIDATES = 'x0qz9_';

/**
 * One string for every way the strings matching `set` can meet `patterns`: for each subset of
 * `patterns` that some string of `set` matches exactly (all of them and no other), the shortest
 * such string, keyed by the subset (one `0` or `1` per pattern, in order). Any string of `set` matches the same patterns as one of those, so a question that
 * depends only on which patterns a string matches is answered for all of `set` by asking it of
 * these. Breadth-first over the patterns read together, each as its set of live positions, on the
 * characters they write plus one that none writes. Undefined when the patterns hold a literal
 * `*` or `?` (a string holding one would read as a pattern) or the automaton grows too large.
 */
export function signatureWitnesses(set: string, patterns: readonly string[]): Map<string, string> | undefined {
  if (patterns.length === 0 && set.indexOf(LITERAL_STAR) < 0 && set.indexOf(LITERAL_QUESTION) < 0) {
    return new Map([['', set.replaceAll('*', '').replaceAll('?', FRESH_CANDIDATES.charAt(0))]]);
  }
  const all = [set, ...patterns];
  const symbols = new Set<number>();
  for (const text of all) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LIT_STAR || c === LIT_QUESTION) return undefined;
      if (c !== STAR && c !== QUESTION) symbols.add(c);
    }
  }
  let fresh = -1;
  for (let i = 0; i < FRESH_CANDIDATES.length && fresh < 0; i++) {
    const c = FRESH_CANDIDATES.charCodeAt(i);
    if (!symbols.has(c)) fresh = c;
  }
  if (fresh < 0) return undefined;
  const alphabet = [...symbols, fresh];
  const start = all.map((text) => closure(text, [0]));
  const keyOf = (state: readonly (readonly number[])[]): string => state.map((s) => s.join(',')).join('|');
  const queue: { state: number[][]; text: string }[] = [{ state: start, text: '' }];
  const seen = new Set<string>([keyOf(start)]);
  const witnesses = new Map<string, string>();
  for (let head = 0; head < queue.length; head++) {
    const { state, text } = queue[head] as { state: number[][]; text: string };
    if (state[0]?.includes(set.length) === true) {
      let signature = '';
      for (let k = 1; k < all.length; k++) signature += state[k]?.includes((all[k] as string).length) ? '1' : '0';
      if (!witnesses.has(signature)) witnesses.set(signature, text);
    }
    for (const symbol of alphabet) {
      const next = all.map((pattern, k) => stepLiteral(pattern, state[k] as number[], symbol));
      if ((next[0] as number[]).length === 0) continue;
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= MAX_WITNESS_STATES) return undefined;
      seen.add(key);
      queue.push({ state: next, text: text + String.fromCharCode(symbol) });
    }
  }
  return witnesses;
}

/** {@link step} on a character (patterns without escaped characters). */
function stepLiteral(text: string, alive: readonly number[], symbol: number): number[] {
  const next: number[] = [];
  for (const i of alive) {
    if (i >= text.length) continue;
    const c = text.charCodeAt(i);
    if (c === STAR) next.push(i);
    else if (c === QUESTION || c === symbol) next.push(i + 1);
  }
  return closure(text, next);
}

/**
 * Patterns whose strings match both `a` and `b`, exactly (their union is the strings of both):
 * a bucket's objects and every bucket's `secrets/` folder give that bucket's `secrets/` at its
 * root and below any folder; `logs-*-2024` and `*-eu-*` give `logs-eu-2024`, `logs-*-eu-2024`,
 * `logs-eu-*-2024` and `logs-*-eu-*-2024`. Empty when they share no string; undefined when the
 * answer would take more than {@link MAX_OVERLAP_STATES} pairs of positions, more than
 * {@link MAX_OVERLAP_PARTS} patterns from one of them or {@link MAX_OVERLAP_CHARS} characters
 * written to work out (under 0.1 s on patterns of any length).
 */
export function overlapOf(a: string, b: string): string[] | undefined {
  return overlapWork(a, b).parts;
}

/** {@link overlapOf} with the steps it took (each pair of positions read, each pattern of the rest joined): what bounds its time. */
export function overlapWork(a: string, b: string): { readonly parts: string[] | undefined; readonly steps: number } {
  const prefixed = (x: string): boolean => x.endsWith('*') && !hasWildcard(x.slice(0, -1));
  [a, b] = [collapseStars(a), collapseStars(b)];
  const work = { steps: 0 };
  let parts: string[] | undefined;
  if (prefixed(a)) parts = prefixOverlap(a, b, work);
  else if (prefixed(b)) parts = prefixOverlap(b, a, work);
  else parts = globOverlap(a, b, work);
  return { parts, steps: work.steps };
}

/**
 * {@link globOverlap} when `a` is a literal prefix and `*`, as a fast path (the same answer): only
 * the places `b` stands at after reading the prefix are kept, so a long name beside `*` is cheap.
 */
function prefixOverlap(a: string, b: string, work: { steps: number }): string[] | undefined {
  const prefix = a.slice(0, -1);
  const m = b.length;
  if (a.length * (m + 1) > MAX_OVERLAP_STATES) return undefined;
  // The places in `b` reached after reading some of the prefix: a star may match nothing.
  const close = (places: Set<number>): Set<number> => {
    for (const j of places) if (j < m && b.charCodeAt(j) === STAR) places.add(j + 1);
    return places;
  };
  let places = close(new Set([0]));
  for (let i = 0; i < prefix.length && places.size > 0; i++) {
    const c = prefix.charCodeAt(i);
    const next = new Set<number>();
    for (const j of places) {
      work.steps++;
      if (j >= m) continue;
      const p = b.charCodeAt(j);
      if (p === STAR) next.add(j);
      else if (p === QUESTION || literalOf(p) === literalOf(c)) next.add(j + 1);
    }
    places = close(next);
  }
  if (places.size > MAX_OVERLAP_PARTS) return undefined;
  return widestOf([...places].map((j) => prefix + b.slice(j)));
}

/** Above this many pairs of positions, {@link overlapOf} of two general patterns gives up. */
const MAX_OVERLAP_STATES = 1 << 16;
/** Above this many patterns for the rest of the text from one pair of positions, it gives up too. */
const MAX_OVERLAP_PARTS = 64;
/** And above this many characters written into those patterns, all pairs together. */
const MAX_OVERLAP_CHARS = 1 << 21;

/** `a**b` as `a*b`: the same strings, fewer paths through two patterns read together. */
function collapseStars(text: string): string {
  return text.indexOf('**') < 0 ? text : text.replace(/\*{2,}/g, '*');
}

/**
 * The two patterns read together, position by position: each path from the start to both ends
 * spells one pattern (a character both accept, the narrower of the two; `*` where both stand on
 * a star), and the strings of both are those of the paths. Each pair of positions is worked out
 * once, keeping the patterns of the rest of the text from it; pairs from which both ends cannot
 * be reached give none.
 */
function globOverlap(a: string, b: string, work: { steps: number }): string[] | undefined {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  if ((n + 1) * width > MAX_OVERLAP_STATES) return undefined;
  const rests = new Map<number, readonly string[]>();
  const starAt = (text: string, i: number): boolean => text.charCodeAt(i) === STAR;
  let overflow = false;
  let written = 0;
  // Iterative post-order over the pairs (a path is at most n + m + 1 pairs long, but no recursion).
  const stack: number[] = [0];
  while (stack.length > 0 && !overflow) {
    work.steps++;
    const state = stack[stack.length - 1] as number;
    if (rests.has(state)) {
      stack.pop();
      continue;
    }
    const i = Math.floor(state / width);
    const j = state % width;
    const moves: [number, string][] = [];
    if (i === n && j === m) {
      rests.set(state, ['']);
      stack.pop();
      continue;
    }
    const sa = i < n && starAt(a, i);
    const sb = j < m && starAt(b, j);
    // A star matching nothing more: no character read.
    if (sa) moves.push([state + width, '']);
    if (sb) moves.push([state + 1, '']);
    if (i < n && j < m && !(sa && sb)) {
      const ca = a.charCodeAt(i);
      const cb = b.charCodeAt(j);
      // One character: a star stays where it is, the other side moves on.
      if (sa) moves.push([state + 1, b.charAt(j)]);
      else if (sb) moves.push([state + width, a.charAt(i)]);
      else if (ca === QUESTION) moves.push([state + width + 1, b.charAt(j)]);
      else if (cb === QUESTION || literalOf(ca) === literalOf(cb)) moves.push([state + width + 1, a.charAt(i)]);
    }
    const pending = moves.filter(([next]) => !rests.has(next));
    if (pending.length > 0) {
      for (const [next] of pending) stack.push(next);
      continue;
    }
    stack.pop();
    // Both on a star: any run of characters read by both stars before a move.
    const lead = sa && sb ? '*' : '';
    const found = new Set<string>();
    for (const [next, char] of moves)
      for (const rest of rests.get(next) ?? NO_PARTS) {
        work.steps++;
        found.add(joinStars(lead + char, rest));
        written += rest.length + 1;
      }
    if (found.size > MAX_OVERLAP_PARTS || written > MAX_OVERLAP_CHARS) overflow = true;
    rests.set(state, [...found]);
  }
  if (overflow) return undefined;
  return widestOf(rests.get(0) ?? NO_PARTS);
}

const NO_PARTS: readonly string[] = [];

/** `head + rest`, a star at the end of one and the start of the other written once. */
function joinStars(head: string, rest: string): string {
  return head.endsWith('*') && rest.startsWith('*') ? head + rest.slice(1) : head + rest;
}

/** The patterns no other of the list covers, each once (of two that cover each other, the first). */
function widestOf(patterns: readonly string[]): string[] {
  const found = [...new Set(patterns)];
  return found.filter(
    (x, i) => !found.some((o, k) => k !== i && patternCovers(o, x) && (k < i || !patternCovers(x, o))),
  );
}
