/** Reading JSON and YAML files for the CLI: decoded value, or a one-line message with the line. */
import { isUtf8 } from 'node:buffer';
import type * as Yaml from 'yaml';
import { decodeJsonText } from '../model/json-text';
import { lowerInitial } from './one-line';

/** A decoded data file, or why it is not one. */
export type DataResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** The text of a file, or why it is not text. */
export type TextResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * The text of a data file's bytes: UTF-8 (its byte order mark dropped), or UTF-16 with a byte
 * order mark (what PowerShell's `>` writes). Bytes that are not UTF-8 are refused with their
 * place rather than decoded into replacement characters: an ARN or an action must not change.
 */
export function decodeDataBytes(bytes: Uint8Array): TextResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe)
    return { ok: true, text: buffer.toString('utf16le', 2) };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const payload = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    return { ok: true, text: payload.swap16().toString('utf16le') };
  }
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (!isUtf8(buffer.subarray(start))) {
    const at = firstInvalidUtf8(buffer, start);
    const before = buffer.toString('utf8', start, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const byte = (buffer[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      message: `not UTF-8 text: invalid byte 0x${byte} at line ${line}, column ${column} (save the file as UTF-8)`,
    };
  }
  return { ok: true, text: buffer.toString('utf8', start) };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    const second = bytes[i + 1];
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Parses JSON text; a syntax error is one line with its line, column and what was found. */
export function parseJsonText(text: string): DataResult {
  const decoded = decodeJsonText(text);
  if (decoded.ok) return decoded;
  const { line, column, reason } = decoded.error;
  return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${reason}` };
}

/**
 * Decodes JSON (`.json`) or YAML (anything else; YAML also reads JSON). `mergeKeys` reads YAML's
 * `<<: *anchor` as the mapping it names merged in (as CI files and Compose files use it), where the
 * reader expects it; elsewhere `<<` stays a key.
 */
export function parseDataFile(text: string, file: string, mergeKeys = false): DataResult {
  if (file.toLowerCase().endsWith('.json')) return parseJsonText(text);
  // Loaded here, not at the top: `yaml` is 70 modules that a run without a YAML file never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require('yaml') as typeof Yaml;
  // Pretty errors carry the line and column (`linePos`); their message repeats them at its end.
  const document = parseDocument(text, { merge: mergeKeys });
  const first = document.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    const said = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    // The parser's own stack ran out: an engine's words, not the file's problem said plainly.
    const what = /call stack/i.test(said) ? 'nested too deeply' : lowerInitial(said);
    return { ok: false, message: `invalid YAML${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${what}` };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch (error) {
    // Aliases past the limit (an alias bomb) and the like: found only while building the value.
    const message = ((error as Error).message.split('\n')[0] ?? '').slice(0, 200);
    return { ok: false, message: `invalid YAML: ${lowerInitial(message)}` };
  }
}
