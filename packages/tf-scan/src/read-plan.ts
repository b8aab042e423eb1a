/**
 * Reading a plan file: bytes once, checked once, and only the useful parts parsed. Problems are
 * returned as input errors, never thrown.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import {
  defineOwn,
  deviceError,
  escapePointerToken,
  inputKindOfText,
  isDevice,
  readFailure,
  wrongInputMessage,
} from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { JsonBytes } from './json-bytes';
import type { Expect } from './json-bytes';
import { Utf8Check, firstInvalidUtf8 } from './utf8';
import { UI_LOG_MESSAGE, checkConfiguration, isUiMessage } from './validate-plan';

/** A decoded and parsed JSON file, or why it could not be read. */
export type ParsedFile = { ok: true; file: string; value: unknown } | { ok: false; error: InputError };

/**
 * Text of a byte buffer: UTF-8 (with or without BOM) or UTF-16 LE/BE, with a BOM or, as JSON
 * text starts with an ASCII character, told by the NUL bytes beside its first two characters.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.toString('utf8', 3);
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 === 'le') return bytes.toString('utf16le');
  if (utf16 === 'be') return utf16be(bytes);
  return bytes.toString('utf8');
}

/** UTF-16 big-endian text: Node has no decoder for it, so a copy is swapped (a last odd byte dropped, as for little-endian). */
function utf16be(payload: Buffer): string {
  const copy = Buffer.from(payload.subarray(0, payload.length - (payload.length % 2)));
  return copy.swap16().toString('utf16le');
}

/**
 * The byte order of UTF-16 text without a byte order mark, `undefined` for anything else: a
 * NUL byte beside each of the first two characters, which UTF-8 JSON never has there.
 */
function utf16WithoutBom(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 4) return undefined;
  const [a, b, c, d] = bytes;
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'be';
  return undefined;
}

/** What a file that is not JSON at all holds, told by its first bytes, with what to do instead; `undefined` for anything else. */
function notPlanJson(head: Uint8Array): string | undefined {
  const starts = (text: string): boolean => Buffer.from(head.subarray(0, text.length)).toString('latin1') === text;
  // A binary plan is a zip archive.
  if (starts('PK\x03\x04'))
    return 'a binary plan file (saved by `terraform plan -out`), not JSON: scan the output of `terraform show -json PLANFILE` instead';
  // hashicorp/setup-terraform's wrapper writes the command line first (and debug lines after the output).
  if (starts('[command]'))
    return 'not the output of `terraform show -json` alone: it starts with the `[command]` line of the hashicorp/setup-terraform wrapper (set `terraform_wrapper: false`, or call `terraform-bin`)';
  return undefined;
}

/** What a file with no JSON value says: empty, or only whitespace (a redirection that wrote no plan). */
function emptyMessage(whitespace: boolean): string {
  return `is ${whitespace ? 'only whitespace' : 'empty'}, expected the output of \`terraform show -json\``;
}

/** Parses JSON text, turning a syntax error into an input error with a line and column. */
export function parseJson(file: string, text: string): ParsedFile {
  if (text.trim() === '')
    return { ok: false, error: { file, message: emptyMessage(text.replace(/^\uFEFF/, '') !== '') } };
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

/** Top-level members a scan never reads (their syntax is still checked). */
const UNUSED_MEMBERS = new Set(['output_changes', 'relevant_attributes', 'checks', 'resource_drift']);

/** Where the bytes of a plan come from, read by position (so that a part can be read again). */
export interface ByteSource {
  /** Copies up to `length` bytes from `position` into `target` at `offset`; the count copied, 0 at the end. */
  read(target: Buffer, offset: number, length: number, position: number): number;
}

/** A source over bytes already in memory, read in windows like a file (for tests of the windows). */
export function bufferSource(bytes: Buffer): ByteSource {
  return {
    read: (target, offset, length, position) =>
      position >= bytes.length ? 0 : bytes.copy(target, offset, position, Math.min(bytes.length, position + length)),
  };
}

/** Window size when reading a source: large enough that few values straddle two windows. */
const WINDOW = 4 * 1024 * 1024;

/** How Terraform separates two entries of `resource_changes`, and how far ahead the end of an entry is looked for. */
const NEXT_CHANGE = Buffer.from('},{"address":');
const GUESS_RANGE = 256 * 1024;

/**
 * Which entries of `resource_changes` to parse, by resource type: those a scan reads, and those
 * the configuration refers to (known only at the end: `configuration` comes last in a plan).
 */
export interface ChangeFilter {
  readonly types: ReadonlySet<string>;
  readonly referenced: (plan: Readonly<Record<string, unknown>>) => ReadonlySet<string>;
}

/**
 * What stands in `resource_changes` for an entry of a type no scan reads: one shared object
 * without `after`, so that nothing is made of it and later entries keep their positions (and the
 * pointers of shape errors).
 */
export const UNREAD_CHANGE: Readonly<Record<string, unknown>> = Object.freeze({
  address: '',
  type: '',
  name: '',
  change: Object.freeze({ actions: Object.freeze([]) }),
});

/**
 * What stands in `prior_state` for a managed resource, which no scan reads there (only data
 * sources read at plan time are taken from the prior state), unless the plan has no changes (a
 * refresh-only plan, whose prior state is then read again whole): one shared object, so that
 * later resources keep their positions.
 */
export const UNREAD_RESOURCE: Readonly<Record<string, unknown>> = Object.freeze({
  address: '',
  mode: 'managed',
  type: '',
  name: '',
});

/** A value parsed by the reader, and the offset after it. */
interface Parsed {
  readonly end: number;
  readonly value: unknown;
}

/** Bytes that are not UTF-8 inside a value the reader parses: thrown inside the reader, returned as an input error. */
class NotUtf8 extends Error {
  constructor(readonly pointer: string) {
    super('not UTF-8');
  }
}

/** A syntax error at a byte offset of the source: thrown inside the reader, returned as an input error. */
class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    readonly pointer: string | undefined,
  ) {
    super(`invalid JSON at byte ${offset}`);
  }
}

/** Another JSON object after the plan's (one plan a line): a syntax error with its own message. */
class SecondDocument extends SyntaxAt {
  constructor(
    offset: number,
    /** The members of the first object that were read (a plan's, or a log message's). */
    readonly first: Readonly<Record<string, unknown>>,
  ) {
    super(offset, undefined);
  }
}

/**
 * Reads `terraform show -json` output into only the parts tf-scan reads.
 *
 * Shaped for large plans. The bytes are never decoded as a whole, and a file is read through a
 * window of a few megabytes rather than whole, so that memory holds the parsed parts and little
 * else. Every byte is still syntax-checked (`JsonBytes`), so that a broken part is reported even
 * when it is not read. Each entry of `resource_changes` is parsed on its own, one small string
 * at a time; the members a scan never reads are only checked. With a `ChangeFilter`, so are the
 * entries of types no extraction reads (their type is read from their first bytes) and the
 * managed resources of `prior_state`: they stay in place as shared placeholders.
 * `planned_values` comes before `resource_changes` in Terraform's output but is needed only
 * when there are no changes: its place is noted, and it is read again and parsed at the end only
 * then; so is `prior_state`, whose managed resources a refresh-only plan holds alone. A top level that is not an object is parsed whole, for `validatePlan` to say what it is.
 */
class PlanReader {
  private buffer: Buffer;
  /** Source offset of `buffer[0]`. */
  private base = 0;
  /** Bytes of `buffer` that hold data. */
  private length: number;
  /** Whether the window reaches the end of the source. */
  private eof: boolean;
  private scanner: JsonBytes;
  /** The texts of `REPEATED_MEMBERS` met so far, each kept once. */
  private readonly repeated = new Map<string, string>();
  /** Checks bytes for UTF-8 as they enter the window; none for UTF-16 text, which is converted. */
  private utf8: Utf8Check | undefined = new Utf8Check();

  constructor(
    private readonly source: Buffer | ByteSource,
    private readonly filter: ChangeFilter | undefined,
    window = WINDOW,
  ) {
    if (Buffer.isBuffer(source)) {
      this.buffer = source;
      this.length = source.length;
      this.eof = true;
      this.checkUtf8(0);
    } else {
      this.buffer = Buffer.allocUnsafe(window);
      this.length = 0;
      this.eof = false;
      this.fill();
    }
    this.scanner = new JsonBytes(this.buffer, this.length);
  }

  read(file: string): ParsedFile {
    const first = this.slice(0, 4);
    if (
      (first[0] === 0xff && first[1] === 0xfe) ||
      (first[0] === 0xfe && first[1] === 0xff) ||
      utf16WithoutBom(first) !== undefined
    )
      // UTF-16 (PowerShell redirection): rare and small enough to take the way of UTF-8 after one conversion.
      return new PlanReader(Buffer.from(decodeText(this.all()), 'utf8'), this.filter).read(file);
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    const start = this.space(bom);
    if (this.byte(start) === undefined) return { ok: false, error: { file, message: emptyMessage(start > bom) } };
    const other = notPlanJson(this.slice(start, start + 16));
    if (other !== undefined) return { ok: false, error: { file, message: other } };
    if (this.byte(start) !== 0x7b) {
      const all = this.all();
      if (this.utf8 !== undefined && !isUtf8(all))
        return { ok: false, error: { file, message: this.utf8Message(bom, firstInvalidUtf8(all, 0, all.length)) } };
      const text = decodeText(all);
      const parsed = parseJson(file, text);
      if (parsed.ok || startsJson(this.byte(start))) return parsed;
      // A YAML template or policy, meant for another command: name it.
      const kind = inputKindOfText(text);
      if (kind !== undefined)
        return { ok: false, error: { file, message: wrongInputMessage(kind, file, 'a Terraform plan') } };
      // A .tf file: its folder is what `--hcl` reads.
      if (/\.(tf|tofu)$/i.test(file)) {
        const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) || '/' : '.';
        return {
          ok: false,
          error: {
            file,
            message: `a Terraform configuration file, not a plan: scan its folder with \`tf-scan --hcl ${folder}\`, or the plan \`terraform show -json\` prints`,
          },
        };
      }
      // Text that cannot start JSON (a saved `terraform plan`, a log line): where, and what was expected.
      return { ok: false, error: { file, message: `${this.syntaxMessage(bom, start)}: ${NOT_JSON_HINT}` } };
    }
    try {
      const value = this.plan(start);
      // Bytes not UTF-8 in a part only checked (never parsed): named by their place in the file.
      if (this.invalidAt >= 0) return { ok: false, error: { file, message: this.utf8Message(bom, this.invalidAt) } };
      return { ok: true, file, value };
    } catch (err) {
      if (err instanceof NotUtf8)
        return { ok: false, error: { file, pointer: err.pointer, message: this.utf8Message(bom, this.invalidAt) } };
      if (!(err instanceof SyntaxAt)) throw err;
      // Bytes not UTF-8 before a syntax error are the first problem (a file in another encoding).
      if (this.invalidAt >= 0 && this.invalidAt < err.offset)
        return { ok: false, error: { file, message: this.utf8Message(bom, this.invalidAt) } };
      if (err instanceof SecondDocument) {
        // `terraform plan -json` prints its log one message a line: what it is says more than where it breaks.
        if (isUiMessage(err.first)) return { ok: false, error: { file, message: UI_LOG_MESSAGE } };
        const { line, column } = this.lineColumn(bom, err.offset);
        return {
          ok: false,
          error: { file, message: `invalid JSON at line ${line}, column ${column}: ${SECOND_DOCUMENT}` },
        };
      }
      const message = this.syntaxMessage(bom, err.offset);
      // A file that stops early is broken as a whole, not in the member it stops in.
      const pointer = message === TRUNCATED ? undefined : err.pointer;
      return { ok: false, error: { file, ...(pointer === undefined ? {} : { pointer }), message } };
    }
  }

  /** The members of the top-level object at `start` that a scan reads. */
  private plan(start: number): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    let planned: readonly [number, number] | undefined;
    let prior: readonly [number, number] | undefined;
    const unread: UnreadEntry[] = [];
    let i = this.space(start + 1);
    if (this.byte(i) === 0x7d) i += 1;
    else {
      for (;;) {
        if (this.byte(i) !== 0x22) throw new SyntaxAt(i, undefined);
        const keyEnd = this.whole(i, undefined);
        const key = this.parse(i, keyEnd, '', true) as string;
        const colon = this.space(keyEnd);
        if (this.byte(colon) !== 0x3a) throw new SyntaxAt(colon, undefined);
        const valueStart = this.space(colon + 1);
        let end: number;
        if (key === 'resource_changes' && this.byte(valueStart) === 0x5b) {
          const changes: unknown[] = [];
          end = this.changes(valueStart, `/${key}`, changes, unread);
          defineOwn(value, key, changes);
        } else if (key === 'prior_state' && this.filter !== undefined) {
          const state = this.priorState(valueStart, `/${key}`);
          end = state.end;
          defineOwn(value, key, state.value);
          prior = [valueStart, end];
        } else if (key === 'planned_values' || UNUSED_MEMBERS.has(key)) {
          end = this.check(valueStart, `/${key}`);
          if (key === 'planned_values') planned = [valueStart, end];
        } else {
          end = this.whole(valueStart, `/${key}`);
          defineOwn(value, key, this.parse(valueStart, end, `/${key}`));
        }
        i = this.space(end);
        const next = this.byte(i);
        if (next === 0x7d) {
          i += 1;
          break;
        }
        if (next !== 0x2c) throw new SyntaxAt(i, undefined);
        i = this.space(i + 1);
      }
    }
    const trailing = this.space(i);
    const after = this.byte(trailing);
    if (after === 0x7b) throw new SecondDocument(trailing, value);
    if (after !== undefined) throw new SyntaxAt(trailing, undefined);
    const changes = value['resource_changes'];
    // A configuration extraction cannot walk is left for `validatePlan` to report.
    if (
      unread.length > 0 &&
      this.filter !== undefined &&
      Array.isArray(changes) &&
      checkConfiguration('', value['configuration']) === undefined
    ) {
      // Entries of the types the configuration refers to are read after all.
      const referenced = this.filter.referenced(value);
      for (const entry of unread)
        if (referenced.has(entry.type) && changes[entry.index] === UNREAD_CHANGE)
          changes[entry.index] = withoutUnreadBefore(
            this.parseAgain(entry.start, entry.end, `/resource_changes/${entry.index}`),
          );
    }
    const noChanges = !(Array.isArray(changes) && changes.length > 0);
    if (planned !== undefined && noChanges)
      defineOwn(value, 'planned_values', this.parseAgain(planned[0], planned[1], '/planned_values'));
    // A refresh-only plan changes nothing: its managed resources are only in the prior state (see refresh-only.ts).
    if (prior !== undefined && noChanges && holdsUnread(value['prior_state']))
      defineOwn(value, 'prior_state', this.parseAgain(prior[0], prior[1], '/prior_state'));
    return value;
  }

  /**
   * Parses the entries of the `resource_changes` array at `start` into `into`; the offset after the array.
   *
   * `JSON.parse` checks an entry while building it, so a second check by the scanner would only
   * find where the entry ends. Terraform writes entries as `{"address":...},{"address":...}`, so
   * the end is first guessed at the next `},{"address":` and the guess is proved by the parse
   * itself: a text that parses as one object has its braces matched within it, and the same
   * bytes at the same place in the file match the same way, so the entry ends there. A guess that
   * fails (another layout, a window's end, a broken entry) falls back to the scanner, which
   * also reports the error; after a few failures in a row guessing stops.
   */
  private changes(start: number, pointer: string, into: unknown[], unread: UnreadEntry[]): number {
    let misses = 0;
    let i = this.space(start + 1);
    if (this.byte(i) === 0x5d) return i + 1;
    for (;;) {
      const type = this.filter === undefined ? undefined : this.leading(i, TYPE_KEY);
      let end: number;
      if (type !== undefined && !(this.filter?.types.has(type) ?? true)) {
        // A type no scan reads: checked, not parsed (unless the configuration refers to it).
        end = this.whole(i, `${pointer}/${into.length}`);
        unread.push({ index: into.length, start: i, end, type });
        into.push(UNREAD_CHANGE);
      } else end = misses < 3 ? this.guessEntry(i, into) : -1;
      if (end < 0) {
        misses += 1;
        end = this.whole(i, `${pointer}/${into.length}`);
        into.push(this.shareRepeated(this.parseEntry(i - this.base, end - this.base, `${pointer}/${into.length}`)));
      } else misses = 0;
      i = this.space(end);
      const next = this.byte(i);
      if (next === 0x5d) return i + 1;
      if (next !== 0x2c) throw new SyntaxAt(i, pointer);
      i = this.space(i + 1);
    }
  }

  /**
   * `prior_state`, whose resources are read only for the data sources among them (the planned
   * values and changes hold the rest): managed resources are checked, not parsed, and stand as
   * `UNREAD_RESOURCE`. Anything of another shape is parsed whole, for `validatePlan` to judge.
   */
  private priorState(at: number, pointer: string): Parsed {
    return this.object(at, pointer, (key, start, path) =>
      key === 'values'
        ? this.object(start, path, (k, s, p) => (k === 'root_module' ? this.module(s, p) : undefined))
        : undefined,
    );
  }

  /** A module of a values tree: its resources filtered, its child modules likewise. */
  private module(at: number, pointer: string): Parsed {
    return this.object(at, pointer, (key, start, path) => {
      if (key === 'child_modules') return this.array(start, path, (s, p) => this.module(s, p));
      if (key !== 'resources') return undefined;
      return this.array(start, path, (s, p) => {
        if (this.leading(s, MODE_KEY) !== 'managed') return undefined;
        return { end: this.whole(s, p), value: UNREAD_RESOURCE };
      });
    });
  }

  /** The object at `at`, each member's value parsed by `member` or, when it answers `undefined`, whole. */
  private object(
    at: number,
    pointer: string,
    member: (key: string, start: number, pointer: string) => Parsed | undefined,
  ): Parsed {
    if (this.byte(at) !== 0x7b) return this.parsed(at, pointer);
    const value: Record<string, unknown> = {};
    let i = this.space(at + 1);
    if (this.byte(i) === 0x7d) return { end: i + 1, value };
    for (;;) {
      if (this.byte(i) !== 0x22) throw new SyntaxAt(i, pointer);
      const keyEnd = this.whole(i, pointer);
      const key = this.parse(i, keyEnd, pointer, true) as string;
      const colon = this.space(keyEnd);
      if (this.byte(colon) !== 0x3a) throw new SyntaxAt(colon, pointer);
      const start = this.space(colon + 1);
      const path = `${pointer}/${key}`;
      const read = member(key, start, path) ?? this.parsed(start, path);
      defineOwn(value, key, read.value);
      i = this.space(read.end);
      const next = this.byte(i);
      if (next === 0x7d) return { end: i + 1, value };
      if (next !== 0x2c) throw new SyntaxAt(i, pointer);
      i = this.space(i + 1);
    }
  }

  /** The array at `at`, each element parsed by `element` or, when it answers `undefined`, whole. */
  private array(at: number, pointer: string, element: (start: number, pointer: string) => Parsed | undefined): Parsed {
    if (this.byte(at) !== 0x5b) return this.parsed(at, pointer);
    const value: unknown[] = [];
    let i = this.space(at + 1);
    if (this.byte(i) === 0x5d) return { end: i + 1, value };
    for (;;) {
      const path = `${pointer}/${value.length}`;
      const read = element(i, path) ?? this.parsed(i, path);
      value.push(read.value);
      i = this.space(read.end);
      const next = this.byte(i);
      if (next === 0x5d) return { end: i + 1, value };
      if (next !== 0x2c) throw new SyntaxAt(i, pointer);
      i = this.space(i + 1);
    }
  }

  /** The value at `at`, parsed whole. */
  private parsed(at: number, pointer: string): Parsed {
    const end = this.whole(at, pointer);
    return { end, value: this.parse(at, end, pointer) };
  }

  /**
   * The string member `key` (`"type"`, `"mode"`) of the object at `at`, read from its first
   * members without parsing it (Terraform writes `address`, `module_address`, `mode`, `type`
   * first); `undefined` when it is not among the leading members that are strings.
   */
  private leading(at: number, key: Uint8Array): string | undefined {
    for (;;) {
      const type = this.leadingInWindow(at, key);
      if (type !== OUT_OF_WINDOW) return type;
      this.refill(at);
    }
  }

  private leadingInWindow(at: number, key: Uint8Array): string | undefined | typeof OUT_OF_WINDOW {
    const scanner = this.scanner;
    const bytes = this.buffer;
    // Past the window's end, read on; at the end of the source, the scan after this reports it.
    const stop = (): undefined | typeof OUT_OF_WINDOW =>
      scanner.errorAt >= this.length && !this.eof ? OUT_OF_WINDOW : undefined;
    let i = at - this.base;
    if (bytes[i] !== 0x7b) return undefined;
    i = scanner.space(i + 1);
    for (;;) {
      const keyEnd = scanner.string(i);
      if (keyEnd < 0) return stop();
      const colon = scanner.space(keyEnd);
      const valueStart = scanner.space(colon + 1);
      if (valueStart >= this.length) {
        scanner.errorAt = this.length;
        return stop();
      }
      if (bytes[colon] !== 0x3a || bytes[valueStart] !== 0x22) return undefined;
      const valueEnd = scanner.string(valueStart);
      if (valueEnd < 0) return stop();
      if (isKey(bytes, i, keyEnd, key)) return stringAt(bytes, valueStart, valueEnd);
      i = scanner.space(valueEnd);
      if (i >= this.length) {
        scanner.errorAt = this.length;
        return stop();
      }
      if (bytes[i] !== 0x2c) return undefined;
      i = scanner.space(i + 1);
    }
  }

  /** The entry at `at` parsed into `into` when it ends where Terraform's layout says; its end, or -1. */
  private guessEntry(at: number, into: unknown[]): number {
    const from = at - this.base;
    // Searched in the buffer itself (no view made per entry) while the window is full; a window the
    // data does not fill (a small plan, a plan's last window) is searched in a view of its data, or
    // each miss of a pretty-printed plan would scan the rest of the 4 MB window. A match past the
    // data or the range is no guess.
    const within = this.length < this.buffer.length ? this.buffer.subarray(0, this.length) : this.buffer;
    const next = within.indexOf(NEXT_CHANGE, from);
    if (next < 0 || next + NEXT_CHANGE.length > this.length || next - from > GUESS_RANGE) return -1;
    let entry: unknown;
    try {
      entry = this.parseEntry(from, next + 1, `/resource_changes/${into.length}`);
    } catch (err) {
      if (err instanceof NotUtf8) throw err;
      return -1;
    }
    into.push(this.shareRepeated(entry));
    return this.base + next + 1;
  }

  /**
   * The entry at buffer offsets `[from, to)`, parsed (`JSON.parse` throws on a syntax error).
   *
   * In the plan of a mostly unchanged infrastructure most entries are `no-op` (or data sources
   * `read`), whose `before` repeats `after` and is never read (extraction compares `before` only
   * for updates and replacements). It is dropped at once, so that it dies young instead of being
   * held with the plan to the end. It is still parsed: checking it with the scanner instead and
   * parsing the entry without it was measured slower than `JSON.parse` building it.
   */
  private parseEntry(from: number, to: number, pointer: string): unknown {
    const entry = JSON.parse(this.buffer.toString('utf8', from, to)) as unknown;
    if (this.invalidAt >= 0) this.notUtf8Within(this.buffer, from, to, this.base, pointer, false);
    return withoutUnreadBefore(entry);
  }

  /**
   * The entry with its members that repeat across entries (`REPEATED_MEMBERS`) made the same
   * string as in the first entry that had them: parsing makes a copy per entry, which the plan
   * would hold (and then the scan input) until the end. Done at once, so that copies die young.
   */
  private shareRepeated(entry: unknown): unknown {
    if (entry === null || typeof entry !== 'object') return entry;
    const members = entry as Record<string, unknown>;
    for (const key of REPEATED_MEMBERS) {
      const text = members[key];
      if (typeof text !== 'string') continue;
      const first = this.repeated.get(text);
      if (first === undefined) this.repeated.set(text, text);
      else members[key] = first;
    }
    return entry;
  }

  /** The offset after the value at `at`, which is then whole in the window (the window grows if needed). */
  private whole(at: number, pointer: string | undefined): number {
    return this.scanValue(at, pointer, true);
  }

  /** The offset after the value at `at`, only checked: the window moves on and never holds it whole. */
  private check(at: number, pointer: string): number {
    return this.scanValue(at, pointer, false);
  }

  /** Scans the value at `at` across as many windows as it takes, going on from where each window ran out. */
  private scanValue(at: number, pointer: string | undefined, keepWhole: boolean): number {
    const open: boolean[] = [];
    let from = at;
    let expect: Expect = 'value';
    for (;;) {
      const end = this.scanner.scan(from - this.base, open, expect);
      // Only a number (or literal) that ends at the window's end may go on in the next window.
      if (end >= 0 && (end < this.length || this.eof || CLOSERS.has(this.buffer[end - 1] ?? 0))) return this.base + end;
      if (end < 0 && (this.scanner.errorAt < this.length || this.eof))
        throw new SyntaxAt(this.base + this.scanner.errorAt, pointer);
      if (end >= 0) {
        // A number alone, scanned in one go from `at`: again with more bytes.
        open.length = 0;
        expect = 'value';
        from = at;
      } else {
        from = this.base + this.scanner.resumeAt;
        expect = this.scanner.resumeExpect;
      }
      this.refill(keepWhole ? at : from);
    }
  }

  /** The first offset at or after `at` that is not whitespace (the end of the source if none). */
  private space(at: number): number {
    for (;;) {
      const i = this.scanner.space(at - this.base);
      if (i < this.length || this.eof) return this.base + i;
      // Only whitespace up to the window's end: nothing of it needs keeping.
      at = this.base + this.length;
      this.refill(at);
    }
  }

  /** The byte at `at`, `undefined` past the end of the source. */
  private byte(at: number): number | undefined {
    if (at >= this.base + this.length && !this.eof) this.refill(at);
    return at < this.base + this.length ? this.buffer[at - this.base] : undefined;
  }

  /** The value at source offsets `[from, to)`, at `pointer` (a key: in the object at `pointer`). */
  private parse(from: number, to: number, pointer: string, key = false): unknown {
    const value = JSON.parse(this.buffer.toString('utf8', from - this.base, to - this.base)) as unknown;
    if (this.invalidAt >= 0) this.notUtf8Within(this.buffer, from - this.base, to - this.base, this.base, pointer, key);
    return value;
  }

  /** The value at source offsets `[from, to)` parsed from bytes read again (the window has moved on). */
  private parseAgain(from: number, to: number, pointer: string): unknown {
    const bytes = this.slice(from, to);
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    if (this.invalidAt >= 0) this.notUtf8Within(bytes, 0, bytes.length, from, pointer, false);
    return value;
  }

  /**
   * Throws `NotUtf8` when the first byte that is not UTF-8 lies in the JSON value at `bytes[from, to)`
   * (source offset `base + from`; valid JSON once decoded), naming the string it is in.
   */
  private notUtf8Within(bytes: Buffer, from: number, to: number, base: number, pointer: string, key: boolean): void {
    const at = this.invalidAt - base;
    if (at < from || at >= to) return;
    // A member name that holds the byte is no name to show: the object it belongs to is named (as by `pointerOfByte`).
    throw new NotUtf8(key ? pointer : pointer + pointerOfByte(bytes, from, to, at));
  }

  /** Checks the bytes the window holds from buffer offset `from` (those just read) for UTF-8. */
  private checkUtf8(from: number): void {
    if (this.utf8 === undefined) return;
    const bytes = this.buffer;
    // UTF-16 text (a byte order mark) is converted, not checked.
    if (
      this.base + from === 0 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    ) {
      this.utf8 = undefined;
      return;
    }
    this.utf8.push(bytes, from, this.length, this.eof);
  }

  /**
   * Source offset of the first byte that is not well-formed UTF-8, -1 while none. Bytes are
   * checked as they enter the window (`checkUtf8`), before anything scans or parses them; a
   * parse over them reports them with the pointer of the value (`parse`).
   */
  private get invalidAt(): number {
    return this.utf8?.invalidAt ?? -1;
  }

  /** The one-line message for the first byte that is not UTF-8, with its line and column. */
  private utf8Message(start: number, at: number): string {
    const byte = (this.slice(at, at + 1)[0] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const { line, column } = this.lineColumn(Math.min(start, at), at);
    return `not UTF-8 text: invalid byte 0x${byte} at line ${line}, column ${column}, byte offset ${at} (save the plan as UTF-8)`;
  }

  /** Line and column (in UTF-16 units, as JavaScript counts) of source offset `offset`, counted from `start`. */
  private lineColumn(start: number, offset: number): { line: number; column: number } {
    let line = 1;
    let column = 1;
    for (let at = start; at < offset; at += WINDOW) {
      const chunk = this.slice(at, Math.min(offset, at + WINDOW));
      for (const byte of chunk) {
        if (byte === 0x0a) {
          line += 1;
          column = 1;
        } else if ((byte & 0xc0) !== 0x80) column += byte >= 0xf0 ? 2 : 1;
      }
    }
    return { line, column };
  }

  /** Moves the window to start at `keep` (earlier bytes are no longer needed) and reads on, growing it when half full. */
  private refill(keep: number): void {
    if (this.eof) return;
    const kept = this.base + this.length - keep;
    if (kept > this.buffer.length / 2) {
      const larger = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(larger, 0, keep - this.base, this.length);
      this.buffer = larger;
    } else this.buffer.copyWithin(0, keep - this.base, this.length);
    this.base = keep;
    this.length = kept;
    this.fill();
    this.scanner = new JsonBytes(this.buffer, this.length);
  }

  private fill(): void {
    const source = this.source as ByteSource;
    const from = this.length;
    while (this.length < this.buffer.length) {
      const count = source.read(this.buffer, this.length, this.buffer.length - this.length, this.base + this.length);
      if (count === 0) {
        this.eof = true;
        break;
      }
      this.length += count;
    }
    this.checkUtf8(from);
  }

  /** Bytes `[from, to)` of the source, read again when the window has moved past them. */
  private slice(from: number, to: number): Buffer {
    if (Buffer.isBuffer(this.source)) return this.source.subarray(from, to);
    if (from >= this.base && to <= this.base + this.length)
      return this.buffer.subarray(from - this.base, to - this.base);
    const bytes = Buffer.allocUnsafe(to - from);
    let done = 0;
    while (done < bytes.length) {
      const count = this.source.read(bytes, done, bytes.length - done, from + done);
      if (count === 0) break;
      done += count;
    }
    return bytes.subarray(0, done);
  }

  /** The whole source (for the simple paths: UTF-16 text, a top level that is not an object). */
  private all(): Buffer {
    if (Buffer.isBuffer(this.source)) return this.source;
    const chunks: Buffer[] = [];
    for (let at = 0; ; at += WINDOW) {
      const chunk = this.slice(at, at + WINDOW);
      if (chunk.length === 0) return Buffer.concat(chunks);
      chunks.push(Buffer.from(chunk));
    }
  }

  /** The one-line message for a syntax error at `offset`, with its line and column (in characters). */
  private syntaxMessage(start: number, offset: number): string {
    const probe = this.slice(offset, offset + 48);
    if (probe.length === 0) return TRUNCATED;
    const { line, column } = this.lineColumn(start, offset);
    const first = probe[0] as number;
    // Outside strings, JSON is ASCII: a byte past it is a stray byte (binary data, another encoding).
    if (first >= 0x80)
      return `invalid JSON at line ${line}, column ${column}: unexpected byte 0x${first.toString(16).toUpperCase()}`;
    // Shown up to the first byte that is not UTF-8, rather than as a replacement character.
    const near = JSON.stringify(probe.toString('utf8').slice(0, 12).split('\uFFFD')[0]);
    return `invalid JSON at line ${line}, column ${column} near ${near}`;
  }
}

/** Whether a prior state read by `PlanReader.priorState` left a managed resource unread (`UNREAD_RESOURCE`). */
function holdsUnread(prior: unknown): boolean {
  const stack: unknown[] = [(prior as { values?: { root_module?: unknown } } | undefined)?.values?.root_module];
  for (let module = stack.pop(); module !== undefined; module = stack.pop()) {
    if (typeof module !== 'object' || module === null) continue;
    const { resources, child_modules: children } = module as { resources?: unknown; child_modules?: unknown };
    if (Array.isArray(resources) && resources.includes(UNREAD_RESOURCE)) return true;
    if (Array.isArray(children)) stack.push(...(children as unknown[]));
  }
  return false;
}

/** How deep a pointer to bytes that are not UTF-8 goes (the value holding them, or its ancestor at this depth). */
const POINTER_DEPTH = 64;

/**
 * The JSON pointer, relative to the value at `bytes[from, to)` (valid JSON), of the string that
 * holds byte `target`: the member's pointer when the string is one of its keys. Nesting is
 * followed with an explicit stack, as deep as `JSON.parse` allows.
 */
export function pointerOfByte(bytes: Uint8Array, from: number, to: number, target: number): string {
  const path: (string | number)[] = [];
  const objects: boolean[] = [];
  let expectKey = false;
  let i = from;
  // The value that holds the byte, or its ancestor `POINTER_DEPTH` levels down: an error line stays
  // one readable line however deep the value is nested.
  const here = (depth = path.length): string =>
    path
      .slice(0, Math.min(depth, POINTER_DEPTH))
      .map((p) => `/${typeof p === 'number' ? p : escapePointerToken(p)}`)
      .join('');
  while (i < to) {
    const c = bytes[i] as number;
    if (c === 0x22) {
      let end = i + 1;
      while (end < to && bytes[end] !== 0x22) end += bytes[end] === 0x5c ? 2 : 1;
      end += 1;
      // A key that holds the byte is no name to show: the object it belongs to is named instead.
      if (expectKey && target >= i && target < end) return here(path.length - 1);
      if (expectKey) {
        path[path.length - 1] = JSON.parse(
          Buffer.from(bytes.buffer, bytes.byteOffset + i, end - i).toString('utf8'),
        ) as string;
        expectKey = false;
      }
      if (target >= i && target < end) return here();
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      objects.push(c === 0x7b);
      path.push(c === 0x7b ? '' : 0);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
      path.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      if (objects[objects.length - 1] === true) expectKey = true;
      else path[path.length - 1] = (path[path.length - 1] as number) + 1;
    }
    i += 1;
  }
  return here();
}

/** Members of a `resource_changes` entry whose texts recur from entry to entry (a few types, providers, modules). */
const REPEATED_MEMBERS = ['type', 'provider_name', 'module_address'] as const;

/** Last bytes of a value that cannot go on: a closing bracket or quote. */
const CLOSERS = new Set([0x7d, 0x5d, 0x22]);

const TRUNCATED = 'invalid JSON: the file ends too early (truncated?)';

/** What a second JSON object after the plan is, and what to do. */
const SECOND_DOCUMENT =
  'another JSON object after the plan (several plans in one file, one a line, as `terragrunt run-all show -json` writes them): give each plan its own file';

/** What a file that does not start as JSON is expected to be. */
const NOT_JSON_HINT = 'expected the output of `terraform show -json`';

/** Whether a JSON value may start with this byte (a quote, a bracket, a digit, a minus, the first letter of a literal). */
function startsJson(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    (byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || '"[{tfn'.includes(String.fromCharCode(byte)))
  );
}

/** What `leadingInWindow` answers when the window ends before it could tell. */
const OUT_OF_WINDOW = Symbol('out of window');

/** Whether the key at `[start, end)` is `key` (quotes included), compared as bytes: this runs for every entry. */
function isKey(bytes: Buffer, start: number, end: number, key: Uint8Array): boolean {
  if (end - start !== key.length) return false;
  for (let k = 1; k < key.length - 1; k += 1) if (bytes[start + k] !== key[k]) return false;
  return true;
}

const TYPE_KEY = Buffer.from('"type"');
const MODE_KEY = Buffer.from('"mode"');

/** What stands for the `before` of an unchanged entry (see `parseEntry`): an object still, as the plan's shape says. */
const UNREAD_BEFORE: Readonly<Record<string, unknown>> = Object.freeze({});

/** A parsed entry of `resource_changes`, its `before` replaced by `UNREAD_BEFORE` when no extraction reads it. */
function withoutUnreadBefore(entry: unknown): unknown {
  const change = (entry as { change?: unknown } | null)?.change;
  if (isUnchanged(change) && isObject((change as { before?: unknown }).before))
    (change as { before: unknown }).before = UNREAD_BEFORE;
  return entry;
}

/** Whether a parsed `change` has the actions `["no-op"]` or `["read"]`, whose `before` no extraction reads. */
function isUnchanged(change: unknown): boolean {
  const actions = isObject(change) ? (change as { actions?: unknown }).actions : undefined;
  return Array.isArray(actions) && actions.length === 1 && (actions[0] === 'no-op' || actions[0] === 'read');
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON string at `[start, end)`; plain ASCII (a resource type) without decoding it as JSON. */
function stringAt(bytes: Buffer, start: number, end: number): string {
  for (let k = start + 1; k < end - 1; k += 1)
    if ((bytes[k] as number) >= 0x80 || bytes[k] === 0x5c)
      return JSON.parse(bytes.toString('utf8', start, end)) as string;
  return bytes.toString('latin1', start + 1, end - 1);
}

/** An entry of `resource_changes` left unparsed: where it is, and its type. */
interface UnreadEntry {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** Parses `terraform show -json` output from bytes in memory or a source read in windows (see `PlanReader`). */
export function parsePlanBytes(
  file: string,
  bytes: Buffer | ByteSource,
  options: { readonly filter?: ChangeFilter; readonly window?: number } = {},
): ParsedFile {
  return new PlanReader(bytes, options.filter, options.window).read(file);
}

/** Parses `terraform show -json` text. */
export function parsePlanText(file: string, text: string): ParsedFile {
  return parsePlanBytes(file, Buffer.from(text, 'utf8'));
}

/** Why a file cannot be read, in words. */
function readError(file: string, err: unknown): ParsedFile {
  return { ok: false, error: { file, message: readFailure(err) } };
}

/**
 * Why a directory is no plan, with what to run instead when it holds what another command reads:
 * a cloud assembly (`cdk-guard DIR`), or Terraform files (`tf-scan --hcl DIR`).
 */
function directoryError(file: string, path: string): ParsedFile {
  let names: string[] = [];
  try {
    names = readdirSync(path);
  } catch {
    // Unlisted: said a directory, as any other.
  }
  const message = names.includes('manifest.json')
    ? wrongInputMessage('cdk-manifest', `${file}/manifest.json`, 'a Terraform plan')
    : names.some((name) => /\.(tf|tofu)(\.json)?$/.test(name))
      ? `is a directory of Terraform files, expected a plan file: scan the configuration with \`tf-scan --hcl ${file}\`, or a plan of it`
      : 'is a directory, expected a file';
  return { ok: false, error: { file, message } };
}

/** Reads and parses one plan given as bytes; they are garbage as soon as the parts they hold are parsed. */
export async function readPlanFile(
  file: string,
  readBytes: (file: string) => Promise<Buffer>,
  filter?: ChangeFilter,
): Promise<ParsedFile> {
  let bytes: Buffer;
  try {
    bytes = await readBytes(file);
  } catch (err) {
    return readError(file, err);
  }
  return parsePlanBytes(file, bytes, filter === undefined ? {} : { filter });
}

/**
 * Reads and parses one plan file from disk through a window, never holding it whole. A pipe
 * (`tf-scan <(terraform show -json tfplan)`, `/dev/stdin`) cannot be read by position: it is
 * read whole first. A device (`/dev/zero`) is refused.
 */
export function readPlanPath(file: string, path: string, filter?: ChangeFilter): ParsedFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return readError(file, err);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return directoryError(file, path);
    if (isDevice(fd, stats)) return readError(file, deviceError(file));
    if (!stats.isFile()) return parsePlanBytes(file, readFileSync(fd), filter === undefined ? {} : { filter });
    const source: ByteSource = {
      read: (target, offset, length, position) => readSync(fd, target, offset, length, position),
    };
    return parsePlanBytes(file, source, filter === undefined ? {} : { filter });
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code === 'string') return readError(file, err);
    throw err;
  } finally {
    closeSync(fd);
  }
}
