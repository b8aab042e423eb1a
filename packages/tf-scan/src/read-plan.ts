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
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  return bytes.toString('utf8');
}

/** Parses JSON text, turning a syntax error into an input error with a line and column. */
export function parseJson(file: string, text: string): ParsedFile {
  if (text.trim() === '') return { ok: false, error: { file, message: 'file is empty, expected the output of `terraform show -json`' } };
  try {
    return { ok: true, file, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: { file, message: describeSyntaxError(text, err) } };
  }
}

function describeSyntaxError(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (/end of (json )?input|unterminated/i.test(raw)) return 'invalid JSON: the file ends too early (truncated?)';
  const match = /position (\d+)/.exec(raw);
  if (match?.[1] === undefined) {
    const token = /^Unexpected token '(.)'/.exec(raw);
    return token?.[1] === undefined ? `invalid JSON: ${firstLine(raw)}` : `invalid JSON: unexpected \`${token[1]}\``;
  }
  const position = Number(match[1]);
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

/** Reads, decodes and parses one file; the buffer and the text are dropped before returning. */
export async function readJsonFile(file: string, readBytes: (file: string) => Promise<Buffer>): Promise<ParsedFile> {
  let bytes: Buffer;
  try {
    bytes = await readBytes(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a plan file' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    return { ok: false, error: { file, message: why } };
  }
  return parseJson(file, decodeText(bytes));
}
