/**
 * Policy document sizes as AWS counts them against its quotas. IAM does not count white space;
 * AWS Organizations counts a policy saved through the API (as infrastructure as code does) exactly
 * as given. Values unknown before deploy count their known text only, so a size is a lower bound
 * and a quota it exceeds is surely exceeded.
 */
import { isSymbolic } from '../../model/symbolic';

/** The size of a document: its JSON text, or its compact serialization for an object. */
export function documentSize(document: unknown, countWhitespace: boolean): number {
  if (typeof document === 'string') return countWhitespace ? document.length : lengthWithoutWhitespace(document);
  return compactLength(document);
}

function lengthWithoutWhitespace(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i] as string)) length++;
  return length;
}

/** Length of `JSON.stringify(value)` without building it; a symbolic value counts its literal parts. */
function compactLength(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return JSON.stringify(value).length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (isSymbolic(value)) {
    const literal = value.parts.filter((p): p is string => typeof p === 'string').join('');
    return JSON.stringify(literal).length;
  }
  if (Array.isArray(value)) {
    return 2 + Math.max(0, value.length - 1) + value.reduce((sum: number, v: unknown) => sum + compactLength(v), 0);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return (
      2 +
      Math.max(0, entries.length - 1) +
      entries.reduce((sum, [k, v]) => sum + JSON.stringify(k).length + 1 + compactLength(v), 0)
    );
  }
  return 0;
}
