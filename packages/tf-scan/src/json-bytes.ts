/**
 * A JSON syntax checker over UTF-8 bytes: it finds where each value ends and accepts exactly what
 * `JSON.parse` accepts, without building anything. The plan reader uses it to cut a large plan
 * into the pieces it parses and to check, without parsing them, the pieces it never reads.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Bytes that may follow a backslash in a string (`u` is checked apart): a table, as this runs for every escape. */
const SIMPLE_ESCAPES = new Uint8Array(256);
for (const c of [QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]) SIMPLE_ESCAPES[c] = 1;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && (isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));
}

/** What a scan expects next: an object key, a value, or what follows a value (`,` or a closing bracket). */
export type Expect = 'key' | 'value' | 'after';

/**
 * Scans JSON values in `bytes[0..end)`. Methods return the index after what they scanned, or -1
 * after recording in `errorAt` the offset of the first byte `JSON.parse` would reject (`end` when
 * the text stops too early).
 */
export class JsonBytes {
  /** Offset of the syntax error found last, -1 while none. */
  errorAt = -1;
  /** After a scan ran out of bytes: the start of the token it stopped in, and what was expected there. */
  resumeAt = -1;
  resumeExpect: Expect = 'value';

  constructor(
    readonly bytes: Uint8Array,
    readonly end: number = bytes.length,
  ) {}

  private fail(at: number): -1 {
    this.errorAt = at;
    return -1;
  }

  /** Index of the first byte at or after `i` that is not JSON whitespace. */
  space(i: number): number {
    const bytes = this.bytes;
    for (;;) {
      const c = bytes[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i < this.end ? i : this.end;
      i += 1;
    }
  }

  /** Index after the string whose opening quote is at `i`. */
  string(i: number): number {
    const bytes = this.bytes;
    const end = this.end;
    if (bytes[i] !== QUOTE) return this.fail(i);
    i += 1;
    for (;;) {
      // Most bytes are plain content (ASCII or part of a UTF-8 sequence, kept as decoding leaves
      // it): a tight loop over them, stopping only at a quote, a backslash or a control byte.
      let c = 0;
      while (i < end && (c = bytes[i] as number) !== QUOTE && c !== BACKSLASH && c >= 0x20) i += 1;
      if (i >= end) return this.fail(end);
      if (c === QUOTE) return i + 1;
      if (c < 0x20) return this.fail(i);
      if (i + 1 >= end) return this.fail(end);
      const escaped = bytes[i + 1] as number;
      if (escaped === 0x75) {
        for (let k = 2; k < 6; k += 1) {
          if (i + k >= end) return this.fail(end);
          if (!isHex(bytes[i + k])) return this.fail(i + k);
        }
        i += 6;
        continue;
      }
      if (SIMPLE_ESCAPES[escaped] !== 1) return this.fail(i + 1);
      i += 2;
    }
  }

  /** Index after the number, `true`, `false` or `null` at `i`. */
  private scalar(i: number): number {
    const bytes = this.bytes;
    const end = this.end;
    const c = bytes[i];
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      for (let k = 1; k < word.length; k += 1) {
        if (i + k >= end) return this.fail(end);
        if (bytes[i + k] !== word.charCodeAt(k)) return this.fail(i + k);
      }
      return i + word.length;
    }
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    let j = i;
    if (bytes[j] === MINUS) j += 1;
    if (j >= end) return this.fail(end);
    if (bytes[j] === ZERO) j += 1;
    else if (isDigit(bytes[j])) while (j < end && isDigit(bytes[j])) j += 1;
    else return this.fail(j);
    if (j < end && bytes[j] === DOT) {
      j += 1;
      if (j >= end) return this.fail(end);
      if (!isDigit(bytes[j])) return this.fail(j);
      while (j < end && isDigit(bytes[j])) j += 1;
    }
    if (j < end && (bytes[j] === 0x65 || bytes[j] === 0x45)) {
      j += 1;
      if (j < end && (bytes[j] === PLUS || bytes[j] === MINUS)) j += 1;
      if (j >= end) return this.fail(end);
      if (!isDigit(bytes[j])) return this.fail(j);
      while (j < end && isDigit(bytes[j])) j += 1;
    }
    return j;
  }

  /** Index after `"key" :` at `i` (whitespace before the colon and after it skipped). */
  private key(i: number): number {
    const after = this.string(i);
    if (after < 0) return -1;
    const colon = this.space(after);
    if (colon >= this.end) return this.fail(this.end);
    if (this.bytes[colon] !== COLON) return this.fail(colon);
    return this.space(colon + 1);
  }

  /** Index after the value starting at `i` (no leading whitespace). */
  value(i: number): number {
    return this.scan(i, [], 'value');
  }

  /**
   * Index after the value whose scan starts (or resumes) at `i`, with the containers already
   * `open` (innermost last, true for an object) and `expect` saying what comes at `i`. Nesting is
   * followed with this explicit stack, so that depth is bounded by memory only, as in
   * `JSON.parse`. When the bytes run out (`errorAt === end`), `resumeAt` and `resumeExpect` say
   * where the scan can go on once more bytes follow (the start of the token it stopped in, or the
   * end of the bytes when they ran out in whitespace), and `open` is left as it was there.
   */
  scan(i: number, open: boolean[], expect: Expect): number {
    const bytes = this.bytes;
    const end = this.end;
    // A scan that resumes where the bytes ran out may start in whitespace before a key or a value
    // (after `:`, `,` or a bracket, when the bytes ran out in the middle of it).
    if (expect !== 'after') i = this.space(i);
    for (;;) {
      let token = i;
      if (expect === 'key') {
        i = this.key(i);
        if (i < 0) return this.failed(token, 'key');
        expect = 'value';
        token = i;
      }
      if (expect === 'value') {
        if (i >= end) return this.ranOut(token, 'value');
        const c = bytes[i] as number;
        if (c === QUOTE) {
          i = this.string(i);
          if (i < 0) return this.failed(token, 'value');
        } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          const object = c === OPEN_OBJECT;
          const first = this.space(i + 1);
          if (first >= end) return this.ranOut(token, 'value');
          if (bytes[first] === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) i = first + 1;
          else {
            open.push(object);
            i = first;
            expect = object ? 'key' : 'value';
            continue;
          }
        } else {
          i = this.scalar(i);
          if (i < 0) return this.failed(token, 'value');
          // A number that reaches the end may go on in the bytes that follow.
          if (i === end && open.length > 0) return this.ranOut(token, 'value');
        }
      }
      // After a value: close what ends here, or find where the next value starts.
      if (open.length === 0) return i;
      i = this.space(i);
      if (i >= end) return this.ranOut(i, 'after');
      const next = bytes[i];
      const object = open[open.length - 1] === true;
      if (next === COMMA) {
        i = this.space(i + 1);
        expect = object ? 'key' : 'value';
      } else if (next === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        open.pop();
        i += 1;
        expect = 'after';
      } else return this.fail(i);
    }
  }

  /** Fails for want of bytes, noting where the scan can resume: at the token it stopped in. */
  private ranOut(token: number, expect: Expect): -1 {
    this.errorAt = this.end;
    this.resumeAt = token;
    this.resumeExpect = expect;
    return -1;
  }

  /** After a step failed: a syntax error stays one; running out of bytes notes where to resume. */
  private failed(token: number, expect: Expect): -1 {
    return this.errorAt === this.end ? this.ranOut(token, expect) : -1;
  }
}
