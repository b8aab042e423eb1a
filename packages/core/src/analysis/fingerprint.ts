/**
 * Stable finding fingerprints: a hash of what the finding is about, never of where it sits. Array
 * positions (statement order, value order) and line numbers do not enter it.
 */
import { createHash } from 'node:crypto';
import { isSymbolic } from '../model/symbolic';

/** A canonical text of a JSON-like value: keys sorted, arrays sorted, symbolic values by identity. */
export function canonicalJson(value: unknown): string {
  const leaf = leafText(value);
  if (leaf !== undefined) return leaf;
  // Without recursion: a document nested thousands of levels deep is text to hash, not a crash.
  const stack: Frame[] = [frameOf(value)];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.children.length) {
      const [key, child] = top.children[top.next++] as [string | undefined, unknown];
      const text = leafText(child);
      if (text === undefined) {
        const frame = frameOf(child);
        frame.key = key;
        stack.push(frame);
      } else {
        top.parts.push(key === undefined ? text : key + text);
      }
      continue;
    }
    stack.pop();
    const text = top.array ? '[' + top.parts.sort().join(',') + ']' : '{' + top.parts.join(',') + '}';
    const parent = stack[stack.length - 1];
    if (parent === undefined) return text;
    parent.parts.push(top.key === undefined ? text : top.key + text);
  }
}

/** An array or object being written: its children (with their `"key":` prefix in objects) and the texts done. */
interface Frame {
  readonly array: boolean;
  readonly children: readonly (readonly [string | undefined, unknown])[];
  readonly parts: string[];
  next: number;
  key: string | undefined;
}

function frameOf(value: unknown): Frame {
  const array = Array.isArray(value);
  const children: (readonly [string | undefined, unknown])[] = array
    ? (value as unknown[]).map((v) => [undefined, v] as const)
    : Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [JSON.stringify(k) + ':', v] as const);
  return { array, children, parts: [], next: 0, key: undefined };
}

/** The text of a value that is not an array or object (symbolic values included); undefined for those. */
function leafText(value: unknown): string | undefined {
  if (isSymbolic(value)) {
    return JSON.stringify({ $symbolic: value.parts.map((p) => (typeof p === 'string' ? p : { hole: p.id })) });
  }
  if (value !== null && typeof value === 'object') return undefined;
  return JSON.stringify(value) ?? 'undefined';
}

/** The fingerprint of a finding from its identifying parts. */
export function fingerprintOf(parts: readonly string[]): string {
  // One update of the whole text (the same bytes as one update per part, fewer calls into the hash).
  let text = '';
  for (const part of parts) text += `${part.length}:${part};`;
  return digestOf(text);
}

/** SHA-256 of a text, in hex. */
export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
