/**
 * Matching of policy values that may be known only after deploy. A symbolic value is one specific
 * value, never a wildcard: `arn:aws:s3:::${bucket}` matches `arn:aws:s3:::*` for sure, cannot match
 * `arn:aws:sqs:*`, and may or may not match `arn:aws:s3:::logs-*` (unknown).
 */
import { SymbolicValue } from '../model/symbolic';
import type { PolicyValue } from '../model/symbolic';
import { matchWildcard } from './wildcard';
import type { WildcardOptions } from './wildcard';

/** The answer of a check that may depend on values unknown before deploy. */
export type Tristate = 'match' | 'no-match' | 'unknown';

// Two unlikely fillers: a pattern that matches the value with either filler in every hole matches
// whatever the hole turns out to be, in practice (it reaches the hole only through a wildcard).
const FILLERS = ['\u0001\u0002', '\u0003\u0004\u0005'] as const;

/** Does `value` match `pattern` (`*`/`?` wildcards in the pattern only)? */
export function matchPolicyValue(pattern: PolicyValue, value: PolicyValue, options: WildcardOptions = {}): Tristate {
  if (typeof pattern === 'string') {
    if (typeof value === 'string') return matchWildcard(pattern, value, options) ? 'match' : 'no-match';
    return matchSymbolic(pattern, value, options);
  }
  if (typeof value !== 'string' && pattern.equals(value)) return 'match';
  // A symbolic pattern: its holes are specific values too; when the two cannot be told apart from
  // what is known, the answer is unknown, unless the literal parts already rule a match out.
  const literalPattern = pattern.parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
  const literalValue = typeof value === 'string' ? value : value.parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
  if (!couldOverlap(literalPattern, literalValue, options)) return 'no-match';
  return 'unknown';
}

function matchSymbolic(pattern: string, value: SymbolicValue, options: WildcardOptions): Tristate {
  const filled = FILLERS.map((filler) =>
    matchWildcard(pattern, value.parts.map((p) => (typeof p === 'string' ? p : filler)).join(''), options),
  );
  if (filled.every(Boolean)) return 'match';
  const asPattern = value.parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
  return couldOverlap(pattern, asPattern, options) ? 'unknown' : 'no-match';
}

/**
 * Could some string match both patterns? A conservative test on the literal prefix and suffix
 * before the first and after the last wildcard of each: false only when they certainly conflict.
 */
export function couldOverlap(a: string, b: string, options: WildcardOptions = {}): boolean {
  if (options.ignoreCase) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  const prefix = (s: string): string => s.slice(0, firstWildcard(s));
  const suffix = (s: string): string => s.slice(lastWildcard(s) + 1);
  const compatible = (x: string, y: string, fromEnd: boolean): boolean => {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const cx = fromEnd ? x[x.length - 1 - i] : x[i];
      const cy = fromEnd ? y[y.length - 1 - i] : y[i];
      if (cx !== cy) return false;
    }
    return true;
  };
  const aWild = firstWildcard(a) < a.length;
  const bWild = firstWildcard(b) < b.length;
  if (!aWild && !bWild) return a === b;
  if (!aWild) return matchWildcard(b, a);
  if (!bWild) return matchWildcard(a, b);
  return compatible(prefix(a), prefix(b), false) && compatible(suffix(a), suffix(b), true);
}

function firstWildcard(s: string): number {
  const star = s.indexOf('*');
  const question = s.indexOf('?');
  const candidates = [star, question].filter((i) => i >= 0);
  return candidates.length ? Math.min(...candidates) : s.length;
}

function lastWildcard(s: string): number {
  return Math.max(s.lastIndexOf('*'), s.lastIndexOf('?'));
}
