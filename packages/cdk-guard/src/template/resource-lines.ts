/**
 * The line of each resource's key under `Resources` in a template's text, so that findings on a
 * template file point at the resource (GitHub annotations, SARIF, `file:line` in the text report).
 */
import { isAlias, isMap, isScalar } from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';

/** Logical id -> 1-based line of its key under `Resources`. */
export type ResourceLines = ReadonlyMap<string, number>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * The lines of the keys of the top-level `Resources` object of JSON text that `JSON.parse`
 * accepts: one pass over the text, strings skipped whole (a `{` or a newline escape in a string is
 * no structure). A key written twice is the last one, as `JSON.parse` keeps it.
 */
export function jsonResourceLines(text: string): ResourceLines {
  let lines = new Map<string, number>();
  let line = 1;
  // Per open container: true for an object. `key` says the next string of an object is a key.
  const objects: boolean[] = [];
  let key = false;
  // Set after the key `Resources` of the top-level object, until its value starts.
  let resourcesNext = false;
  let inResources = false;
  let backslash = text.indexOf('\\');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    else if (c === QUOTE) {
      const start = i;
      i = closingQuote(text, i + 1);
      // The next backslash of the text, looked up again only once passed: one walk in all.
      if (backslash >= 0 && backslash < start) backslash = text.indexOf('\\', start);
      const escaped = backslash >= 0 && backslash < i;
      if (!key) {
        // `Resources` with a string value: no lines.
        if (resourcesNext) lines = new Map();
        resourcesNext = false;
        continue;
      }
      key = false;
      const depth = objects.length;
      if (depth !== 1 && !(inResources && depth === 2)) continue;
      const raw = text.slice(start + 1, i);
      const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
      if (depth === 1) resourcesNext = name === 'Resources';
      else lines.set(name, line);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const object = c === OPEN_OBJECT;
      if (resourcesNext && objects.length === 1) {
        // A later `Resources` replaces an earlier one, as in the parsed value.
        lines = new Map();
        inResources = object;
      }
      resourcesNext = false;
      objects.push(object);
      key = object;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      objects.pop();
      if (objects.length === 1) inResources = false;
      key = false;
    } else if (c === COMMA) key = objects[objects.length - 1] === true;
    else if (resourcesNext && c > 0x20 && c !== 0x3a) {
      // `Resources` with a literal value (`null`, a number): no lines.
      resourcesNext = false;
      lines = new Map();
    }
  }
  return lines;
}

/** The offset of the quote that closes the string whose text starts at `from` (most of a template is strings: found natively). */
function closingQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}

/**
 * The lines of the keys of the `Resources` mapping of a parsed YAML template (block or flow style,
 * quoted keys, a mapping reached through an alias). A key written twice is the last one, as the
 * parsed value keeps it.
 */
export function yamlResourceLines(document: Document, lineCounter: LineCounter): ResourceLines {
  const lines = new Map<string, number>();
  const top = document.contents;
  if (!isMap(top)) return lines;
  let resources: unknown;
  for (const pair of top.items) if (keyOf(pair.key) === 'Resources') resources = pair.value;
  if (isAlias(resources)) resources = resources.resolve(document);
  if (!isMap(resources)) return lines;
  for (const pair of resources.items) {
    const name = keyOf(pair.key);
    const start = (pair.key as YamlNode | null)?.range?.[0];
    if (name !== undefined && start !== undefined) lines.set(name, lineCounter.linePos(start).line);
  }
  return lines;
}

/** A mapping key as the parsed value names it; `undefined` for keys that are not scalars. */
function keyOf(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : undefined;
}
