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

const WHITESPACE = /\s/;

function lengthWithoutWhitespace(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    // Every document is measured: ASCII (nearly all of a policy) is tested by code, other
    // characters by the regular expression's own `\s`.
    const code = text.charCodeAt(i);
    const white = code < 128 ? code === 32 || (code >= 9 && code <= 13) : WHITESPACE.test(text[i] as string);
    if (!white) length++;
  }
  return length;
}

/**
 * Length of `JSON.stringify(value)` without building it; a symbolic value counts its literal parts.
 * Iterative: a document nested deeper than the call stack (hostile input) is measured too.
 */
function compactLength(root: unknown): number {
  let length = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || value === undefined) length += 4;
    else if (typeof value === 'string') length += quotedLength(value);
    else if (typeof value === 'number' || typeof value === 'boolean') length += String(value).length;
    else if (isSymbolic(value)) {
      const literal = value.parts.filter((p): p is string => typeof p === 'string').join('');
      length += JSON.stringify(literal).length;
    } else if (Array.isArray(value)) {
      length += 2 + Math.max(0, value.length - 1);
      for (const v of value as unknown[]) pending.push(v);
    } else if (typeof value === 'object') {
      let count = 0;
      length += 2;
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        length += quotedLength(key) + 1;
        pending.push(v);
        count++;
      }
      length += Math.max(0, count - 1);
    }
  }
  return length;
}

/**
 * `JSON.stringify(text).length`: the text and its quotes, plus the escapes of `"`, `\`, control
 * characters and lone surrogates (every policy string is measured; most need no escape).
 */
function quotedLength(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return JSON.stringify(text).length;
    }
  }
  return text.length + 2;
}
