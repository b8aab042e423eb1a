/**
 * Text encodings (`textencodebase64`, `textdecodebase64`) and YAML output (`yamlencode`) as
 * Terraform produces them, for the forms this scanner reproduces byte for byte; any other form is
 * `UnimplementedHcl`, never a value that only looks like Terraform's.
 */
import { UnimplementedHcl, UnsupportedHcl } from './hcl-expression';

/** A character encoding Terraform knows by its IANA name. */
interface Codec {
  /** The name Terraform's messages give it. */
  readonly name: string;
  /** The bytes of text, or `undefined` when the encoding cannot represent a character. */
  encode(text: string): Buffer | undefined;
  /** The text of bytes, or `undefined` when they are not valid in the encoding. */
  decode(bytes: Buffer): string | undefined;
}

const utf8: Codec = {
  name: 'UTF-8',
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => strictDecode('utf-8', bytes),
};

const utf16le: Codec = {
  name: 'UTF-16LE',
  encode: (text) => Buffer.from(text, 'utf16le'),
  decode: (bytes) => strictDecode('utf-16le', bytes),
};

const utf16be: Codec = {
  name: 'UTF-16BE',
  encode: (text) => Buffer.from(text, 'utf16le').swap16(),
  decode: (bytes) => (bytes.length % 2 === 0 ? strictDecode('utf-16le', Buffer.from(bytes).swap16()) : undefined),
};

/** IANA's `UTF-16`: a big-endian byte order mark first when encoding; the mark (either order) read and dropped when decoding, big-endian without one. */
const utf16: Codec = {
  name: 'UTF-16',
  encode: (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be.encode(text) ?? Buffer.alloc(0)]),
  decode: (bytes) => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
    return utf16be.decode(bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes);
  },
};

const latin1: Codec = {
  name: 'ISO_8859-1:1987',
  encode: (text) => (/^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1') : undefined),
  decode: (bytes) => bytes.toString('latin1'),
};

/** The IANA names and aliases (compared without case) of the encodings reproduced here. */
const CODECS: ReadonlyMap<string, Codec> = new Map([
  ['utf-8', utf8],
  ['csutf8', utf8],
  ['utf-16le', utf16le],
  ['csutf16le', utf16le],
  ['utf-16be', utf16be],
  ['csutf16be', utf16be],
  ['utf-16', utf16],
  ['csutf16', utf16],
  ...[
    'iso_8859-1:1987',
    'iso-ir-100',
    'iso_8859-1',
    'iso-8859-1',
    'latin1',
    'l1',
    'ibm819',
    'cp819',
    'csisolatin1',
  ].map((alias): [string, Codec] => [alias, latin1]),
]);

function strictDecode(encoding: 'utf-8' | 'utf-16le', bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The encoding an IANA name or alias gives; a name not reproduced here (`windows-1252`, or one
 * Terraform refuses, such as `utf8`) is not guessed.
 */
function codecOf(name: string): Codec {
  const codec = CODECS.get(name.trim().toLowerCase());
  if (codec === undefined) throw new UnimplementedHcl(`text encoding \`${name}\``);
  return codec;
}

/** `textencodebase64(text, encoding)`. */
export function encodeTextBase64(text: string, encoding: string): string {
  const codec = codecOf(encoding);
  const bytes = codec.encode(text);
  if (bytes === undefined)
    throw new UnsupportedHcl(`\`textencodebase64\` of characters that ${codec.name} cannot represent`);
  return bytes.toString('base64');
}

/** `textdecodebase64(text, encoding)` (and `base64decode`, in UTF-8): standard padded base64 only. */
export function decodeTextBase64(text: string, encoding: string, what: string): string {
  const codec = codecOf(encoding);
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    throw new UnsupportedHcl(`\`${what}\` of text that is not base64`);
  const decoded = codec.decode(Buffer.from(text, 'base64'));
  if (decoded === undefined) throw new UnsupportedHcl(`\`${what}\` of bytes that are not ${codec.name} text`);
  return decoded;
}

/** Go's line width for YAML: a double-quoted scalar is folded at a space past this column. */
const YAML_WIDTH = 80;

/**
 * `yamlencode(value)`: block style, keys sorted by their UTF-8 bytes and double-quoted, strings
 * double-quoted with YAML's escapes and folded past column 80, a plain scalar alone followed by
 * `...`. Strings holding a line break (written in literal block style) and numbers beyond the
 * exact decimals of JavaScript are not reproduced here.
 */
export function yamlEncode(value: unknown): string {
  if (isCollection(value) && !isEmpty(value)) return `${yamlBlock(value, 0).join('\n')}\n`;
  // Go's emitter continues a folded scalar alone two columns in, as it does a map's values.
  const scalar = yamlScalar(value, 2, 0);
  // A plain scalar alone ends the document (`...`); text and an empty flow collection (`[]`) need no end.
  return typeof value === 'string' || isCollection(value) ? `${scalar}\n` : `${scalar}\n...\n`;
}

function isCollection(value: unknown): value is unknown[] | Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** The lines of a non-empty collection whose entries start at column `indent`. */
function yamlBlock(value: unknown[] | Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        // The item's own block, its first line after the dash.
        const [first = '', ...rest] = yamlBlock(item, indent + 2);
        lines.push(`${pad}- ${first.slice(indent + 2)}`, ...rest);
      } else lines.push(`${pad}- ${yamlScalar(item, indent + 2)}`);
    }
    return lines;
  }
  const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const key of keys) {
    const item = value[key];
    // A key longer than this is written as YAML's complex key (`? ...`), not reproduced here.
    if (Buffer.byteLength(key) > 128) throw new UnimplementedHcl('`yamlencode` of a key longer than 128 bytes');
    const name = `${pad}${quoted(key, -1)}:`;
    if (!isCollection(item) || isEmpty(item)) lines.push(`${name} ${yamlScalar(item, indent + 2, name.length + 1)}`);
    // A list under a key is not indented further, a map is.
    else lines.push(name, ...yamlBlock(item, Array.isArray(item) ? indent : indent + 2));
  }
  return lines;
}

/** A scalar (or empty collection) at column `column`, continued at column `indent` when folded. */
function yamlScalar(value: unknown, indent: number, column = indent): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'string') return quoted(value, indent, column);
  if (Array.isArray(value)) return '[]';
  if (isCollection(value)) return '{}';
  throw new UnimplementedHcl('`yamlencode` of a value known only after apply');
}

/**
 * A number as Terraform writes it: integers exactly, other numbers only when JavaScript's shortest
 * decimal is short enough to be the value written (`0.1`), never a binary approximation Terraform
 * would print with more digits.
 */
function yamlNumber(value: number): string {
  const text = Object.is(value, -0) ? '-0' : String(value);
  if (Number.isSafeInteger(value) || Object.is(value, -0)) return text;
  if (/^-?\d+\.\d+$/.test(text) && text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) return text;
  throw new UnimplementedHcl(`\`yamlencode\` of the number \`${text}\``);
}

/**
 * Text with line breaks as Go's YAML emitter writes a value: a literal block (`|`) whose lines are
 * indented `indent` (empty lines left empty), with `2` when the text starts with a space or a break
 * and the chomping of its final breaks (`-` none, `+` more than one). Text the emitter would
 * double-quote instead (a space before a break, a trailing space, a character it escapes), a key,
 * and breaks other than `\n` are not reproduced.
 */
function literalBlock(text: string, indent: number): string {
  const blockable =
    indent >= 0 &&
    !/ \n| $/.test(text) &&
    Array.from(text).every((char) => char === '\n' || printable(char.codePointAt(0) ?? 0));
  if (!blockable) throw new UnimplementedHcl('`yamlencode` of text with a line break written double-quoted');
  const hint = text.startsWith(' ') || text.startsWith('\n') ? '2' : '';
  const chomp = !text.endsWith('\n') ? '-' : text === '\n' || text.endsWith('\n\n') ? '+' : '';
  const content = text.endsWith('\n') ? text.slice(0, -1) : text;
  const pad = ' '.repeat(indent);
  return `|${hint}${chomp}\n${content
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line))
    .join('\n')}`;
}

/** YAML's short escapes, as Go's YAML emitter writes them in a double-quoted scalar. */
const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0x2028: '\\L',
  0x2029: '\\P',
};

/** Characters YAML prints as they are; the others are escaped. */
function printable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

/**
 * Text as a double-quoted YAML scalar starting at column `column`: folded at a single space past
 * the line width onto a line indented `indent` (a key, `indent` -1, is never folded).
 */
function quoted(text: string, indent: number, column = 0): string {
  if (text.includes('\n')) return literalBlock(text, indent);
  const chars = Array.from(text);
  let out = '"';
  let at = column + 1;
  let spaces = false;
  chars.forEach((char, i) => {
    if (char === ' ') {
      if (indent >= 0 && !spaces && at > YAML_WIDTH && i !== 0 && i !== chars.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        at = indent;
        // A space that starts the next line would be folded away: it is escaped.
        if (chars[i + 1] === ' ') {
          out += '\\';
          at += 1;
        }
      } else {
        out += ' ';
        at += 1;
      }
      spaces = true;
      return;
    }
    const code = char.codePointAt(0) ?? 0;
    const escaped =
      ESCAPES[code] ??
      (printable(code)
        ? char
        : code <= 0xff
          ? `\\x${hex(code, 2)}`
          : code <= 0xffff
            ? `\\u${hex(code, 4)}`
            : `\\U${hex(code, 8)}`);
    out += escaped;
    at += escaped.length;
    spaces = false;
  });
  return `${out}"`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}
