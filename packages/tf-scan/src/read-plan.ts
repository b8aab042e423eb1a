/**
 * Reading a plan file: bytes once, decoded by its byte-order mark, parsed once. Problems are
 * returned as input errors, never thrown.
 */
import type { InputError } from '@iamgate/core';

/** A decoded and parsed JSON file, or why it could not be read. */
export type ParsedFile = { ok: true; file: string; value: unknown } | { ok: false; error: InputError };

/** Text of a byte buffer: UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node has no big-endian decoder: swap into a copy of the payload only.
    const payload = Buffer.from(bytes.subarray(2));
    payload.swap16();
    return payload.toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.toString('utf8', 3);
  return bytes.toString('utf8');
}

/** Parses JSON text, turning a syntax error into an input error with a line and column. */
export function parseJson(file: string, text: string): ParsedFile {
  if (text.trim() === '')
    return { ok: false, error: { file, message: 'file is empty, expected the output of `terraform show -json`' } };
  try {
    return { ok: true, file, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: { file, message: describeSyntaxError(text, err) } };
  }
}

function describeSyntaxError(text: string, err: unknown, offset = 0): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (/end of (json )?input|unterminated/i.test(raw)) return 'invalid JSON: the file ends too early (truncated?)';
  const match = /position (\d+)/.exec(raw);
  if (match?.[1] === undefined) {
    const token = /^Unexpected token '(.)'/.exec(raw);
    return token?.[1] === undefined ? `invalid JSON: ${firstLine(raw)}` : `invalid JSON: unexpected \`${token[1]}\``;
  }
  const position = Number(match[1]) + offset;
  if (position >= text.trimEnd().length) return 'invalid JSON: the file ends too early (truncated?)';
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  const near = JSON.stringify(text.slice(position, position + 12));
  return `invalid JSON at line ${line}, column ${position - lineStart + 1} near ${near}`;
}

function firstLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return (flat.charAt(0).toLowerCase() + flat.slice(1)).slice(0, 160);
}

/** Top-level members a scan never reads; `planned_values` too when `resource_changes` holds the same instances. */
const UNUSED_MEMBERS = new Set(['output_changes', 'relevant_attributes', 'checks', 'resource_drift']);

/**
 * Parses `terraform show -json` text member by member, skipping the members tf-scan does not
 * read, so that a large plan is parsed once and only its useful half becomes objects. Anything
 * unusual (not an object, broken nesting) falls back to one whole parse, for its error message.
 */
export function parsePlanText(file: string, text: string): ParsedFile {
  const members = topLevelMembers(text);
  if (members === undefined) return parseJson(file, text);
  const value: Record<string, unknown> = {};
  const parseMember = (key: string, span: readonly [number, number]): InputErrorOrNothing => {
    try {
      // `__proto__` is data here, as in JSON.parse: an assignment would make it the plan's prototype.
      Object.defineProperty(value, key, {
        value: JSON.parse(text.slice(span[0], span[1])) as unknown,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return undefined;
    } catch (err) {
      return { file, pointer: `/${key}`, message: describeSyntaxError(text, err, span[0]) };
    }
  };
  for (const [key, span] of members) {
    if (UNUSED_MEMBERS.has(key) || key === 'planned_values') continue;
    const error = parseMember(key, span);
    if (error !== undefined) return { ok: false, error };
  }
  const changes = value['resource_changes'];
  const planned = members.get('planned_values');
  if (planned !== undefined && !(Array.isArray(changes) && changes.length > 0)) {
    const error = parseMember('planned_values', planned);
    if (error !== undefined) return { ok: false, error };
  }
  return { ok: true, file, value };
}

type InputErrorOrNothing = InputError | undefined;

/** Spans of the values of a top-level object's members, or `undefined` when the text is not a well-nested object. */
function topLevelMembers(text: string): Map<string, [number, number]> | undefined {
  const members = new Map<string, [number, number]>();
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return skipSpace(text, i + 1) === text.length ? members : undefined;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const keyEnd = skipString(text, i);
    if (keyEnd < 0) return undefined;
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return undefined;
    }
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    const start = skipSpace(text, i + 1);
    const end = skipValue(text, start);
    if (end < 0) return undefined;
    members.set(key, [start, end]);
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === 0x2c) i = skipSpace(text, i + 1);
    else if (c === 0x7d) return skipSpace(text, i + 1) === text.length ? members : undefined;
    else return undefined;
  }
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i += 1;
  }
}

/** Index after the string starting at `i` (a quote), or -1. */
function skipString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Index after the value starting at `i`, or -1 when its nesting is broken. */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === 0x22) return skipString(text, i);
  if (first !== 0x7b && first !== 0x5b) {
    let j = i;
    for (;;) {
      const c = text.charCodeAt(j);
      if (
        Number.isNaN(c) ||
        c === 0x2c ||
        c === 0x7d ||
        c === 0x5d ||
        c === 0x20 ||
        c === 0x0a ||
        c === 0x0d ||
        c === 0x09
      )
        return j === i ? -1 : j;
      j += 1;
    }
  }
  // Jump from string to string; only the short stretches between them hold brackets.
  let depth = 0;
  let from = i;
  for (;;) {
    const quote = text.indexOf('"', from);
    const stop = quote < 0 ? text.length : quote;
    for (let k = from; k < stop; k += 1) {
      const c = text.charCodeAt(k);
      if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        depth -= 1;
        if (depth === 0) return k + 1;
      }
    }
    if (quote < 0) return -1;
    from = skipString(text, quote);
    if (from < 0) return -1;
  }
}

/** Reads, decodes and parses one file; the buffer is dropped as soon as it is decoded. */
export async function readJsonFile(file: string, readBytes: (file: string) => Promise<Buffer>): Promise<ParsedFile> {
  let text: string;
  try {
    text = decodeText(await readBytes(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a plan file'
          : code === 'EACCES'
            ? 'permission denied'
            : 'cannot be read';
    return { ok: false, error: { file, message: why } };
  }
  if (text.trim() === '')
    return { ok: false, error: { file, message: 'file is empty, expected the output of `terraform show -json`' } };
  return parsePlanText(file, text);
}
