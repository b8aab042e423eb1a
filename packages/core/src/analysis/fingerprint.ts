/**
 * Stable finding fingerprints: a hash of what the finding is about, never of where it sits. Array
 * positions (statement order, value order) and line numbers do not enter it.
 */
import { createHash } from 'node:crypto';
import { isSymbolic } from '../model/symbolic';

/** A canonical text of a JSON-like value: keys sorted, arrays sorted, symbolic values by identity. */
export function canonicalJson(value: unknown): string {
  if (isSymbolic(value)) {
    return JSON.stringify({ $symbolic: value.parts.map((p) => (typeof p === 'string' ? p : { hole: p.id })) });
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).sort().join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The fingerprint of a finding from its identifying parts. */
export function fingerprintOf(parts: readonly string[]): string {
  // One update of the whole text (the same bytes as one update per part, fewer calls into the hash).
  let text = '';
  for (const part of parts) text += `${part.length}:${part};`;
  return createHash('sha256').update(text).digest('hex');
}
