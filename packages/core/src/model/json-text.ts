/**
 * Decoding policy documents given as text. `JSON.parse` does the work; on failure a small scanner
 * finds where the text stops being JSON, because V8's messages give a position only sometimes.
 */

import { childPointer } from './pointer';

/** Where and why a text is not JSON: offset in the text given, 1-based line and column. */
interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** The parsed value, or where the syntax breaks. */
export type JsonDecodeResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

/** Parses JSON text after removing a UTF-8 byte order mark and surrounding whitespace. */
export function decodeJsonText(text: string): JsonDecodeResult {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const found = findSyntaxError(body);
    const offset = found.offset + leadingSkip(text);
    const { line, column } = lineAndColumn(text, offset);
    return { ok: false, error: { offset, line, column, reason: found.reason } };
  }
}

function leadingSkip(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rest = text.slice(i);
  i += rest.length - rest.trimStart().length;
  return i;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // Editors do not show a byte order mark, so it takes no column.
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line, column: offset - lineStart + 1 - bom };
}

/** A character as a message can show it on one line: control characters and lone surrogates escaped. */
function showChar(c: string): string {
  const code = c.charCodeAt(0);
  const lone = code >= 0xd800 && code <= 0xdfff;
  return code < 0x20 || code === 0x7f || lone ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * An iterative recognizer of RFC 8259 JSON (no recursion, so deep nesting cannot overflow the
 * stack). Called only after `JSON.parse` failed; returns the offset of the first bad character.
 */
function findSyntaxError(s: string): { offset: number; reason: string } {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const skipWs = (): void => {
    while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  };
  const fail = (reason: string): { offset: number; reason: string } => ({
    offset: i,
    reason: i >= s.length ? 'unexpected end of input' : `${reason}, found \`${showChar(s[i] ?? '')}\``,
  });
  const readString = (): boolean => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return false;
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const readScalar = (): boolean => {
    const rest = s.slice(i, i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(s.slice(i, i + 400));
    if (m === null || m[0] === '' || m[0] === '-') return false;
    i += m[0].length;
    return true;
  };
  // Expecting a value at the top or after `[`, `,` or `:`.
  let expectValue = true;
  for (;;) {
    skipWs();
    if (expectValue) {
      const c = s[i];
      if (c === '{') {
        stack.push('{');
        i++;
        skipWs();
        if (s[i] === '}') {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (s[i] !== '"') return fail('expected a property name');
        if (!readString()) return fail('invalid string');
        skipWs();
        if (s[i] !== ':') return fail('expected `:`');
        i++;
        continue;
      }
      if (c === '[') {
        stack.push('[');
        i++;
        skipWs();
        if (s[i] === ']') {
          stack.pop();
          i++;
          expectValue = false;
        }
        continue;
      }
      if (c === '"') {
        if (!readString()) return fail('invalid string');
      } else if (!readScalar()) {
        return fail('expected a value');
      }
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < s.length) return fail('unexpected text after the document');
      return { offset: i, reason: 'invalid JSON' };
    }
    const c = s[i];
    if (c === ',') {
      i++;
      if (top === '{') {
        skipWs();
        if (s[i] !== '"') return fail('expected a property name');
        if (!readString()) return fail('invalid string');
        skipWs();
        if (s[i] !== ':') return fail('expected `:`');
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop();
      i++;
      continue;
    }
    return fail(top === '{' ? 'expected `,` or `}`' : 'expected `,` or `]`');
  }
}

/** A member name given more than once in one object of a JSON text. */
export interface DuplicateKey {
  /** Pointer to the member `JSON.parse` keeps: the last one of that name. */
  readonly pointer: string;
  readonly key: string;
}

/** An open object (its member names so far) or array (its element index), in `duplicateKeys`. */
interface Frame {
  readonly keys: Set<string> | undefined;
  token: string | number;
  expectKey: boolean;
}

/**
 * The member names that appear more than once in one object of `text`, whose parse is `value`
 * (`JSON.parse` accepted it). `JSON.parse` keeps the last of them and drops the others without a
 * word, as most JSON readers do: in a policy, the `Action` or condition block a reader sees first
 * may not be the one that applies. Names are compared decoded.
 */
export function duplicateKeys(text: string, value: unknown): DuplicateKey[] {
  // Every member name is followed by the only `:` outside strings: as many such `:` as members in
  // the value means no name was dropped, which a count tells without collecting names.
  return colonsOutsideStrings(text) === membersOf(value) ? [] : findDuplicateKeys(text);
}

/** The offset after the string whose opening quote is at `start` (the text's length if it never ends). */
function stringEnd(text: string, start: number): number {
  // Most of a policy's text is inside strings: skipped quote to quote by `indexOf`.
  let end = text.indexOf('"', start + 1);
  while (end > 0 && text.charCodeAt(end - 1) === 0x5c) {
    // The quote ends the string when an even number of backslashes stands before it.
    let backslashes = 1;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) break;
    end = text.indexOf('"', end + 1);
  }
  return end < 0 ? text.length : end + 1;
}

function colonsOutsideStrings(text: string): number {
  let colons = 0;
  let i = 0;
  for (;;) {
    const quote = text.indexOf('"', i);
    const stop = quote < 0 ? text.length : quote;
    for (let k = i; k < stop; k++) if (text.charCodeAt(k) === 0x3a) colons++;
    if (quote < 0) return colons;
    i = stringEnd(text, quote);
  }
}

/** The number of members of every object in a parsed value (without recursion: it may be deep). */
function membersOf(value: unknown): number {
  let members = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    for (const key in next) {
      members++;
      const item = (next as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') pending.push(item);
    }
  }
  return members;
}

/** The duplicate names of `text`, found by collecting each object's names (when the count says some were dropped). */
function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const reported = new Set<string>();
  const frames: Frame[] = [];
  let top: Frame | undefined;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      i = stringEnd(text, start);
      if (top?.keys !== undefined && top.expectKey) {
        const quoted = text.slice(start, i);
        const key = quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
        if (!top.keys.has(key)) top.keys.add(key);
        else {
          // A name given three times is reported once.
          const pointer = pointerOf(frames, key);
          if (!reported.has(pointer)) found.push({ pointer, key });
          reported.add(pointer);
        }
        top.token = key;
        top.expectKey = false;
      }
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      top =
        c === 0x7b ? { keys: new Set(), token: '', expectKey: true } : { keys: undefined, token: 0, expectKey: false };
      frames.push(top);
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      top = frames[frames.length - 1];
    } else if (c === 0x2c && top !== undefined) {
      if (top.keys !== undefined) top.expectKey = true;
      else top.token = (top.token as number) + 1;
    }
    i++;
  }
  return found;
}

function pointerOf(frames: readonly Frame[], key: string): string {
  let pointer = '';
  for (let f = 0; f < frames.length - 1; f++) pointer = childPointer(pointer, (frames[f] as Frame).token);
  return childPointer(pointer, key);
}
