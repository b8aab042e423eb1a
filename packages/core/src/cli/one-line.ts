/** Bounding what a command says to one printable line, whatever user value it quotes. */

/** A message cut to one line of bounded length, every character printable. */
export function oneLine(text: string): string {
  const flat = printable(text.replace(/[\r\n]+/g, ' '));
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 3)}...` : flat;
}

/**
 * Control characters and lone surrogates (a JSON text may hold `"\ud800"`) escaped as `\uXXXX`:
 * written as UTF-8 they would show as nothing, or as U+FFFD, in place of what the input holds.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const UNPRINTABLE =
  /[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Characters of a message at most (a file name of 5,000 characters is shown cut). */
const MAX_MESSAGE = 400;

/**
 * A user's file name as a message shows it: control characters escaped (a newline in a name must
 * not split the line a script reads) and cut to a bounded length.
 */
export function shownName(name: string): string {
  const flat = printable(name).replace(/[\t\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > MAX_NAME ? `${flat.slice(0, MAX_NAME - 3)}...` : flat;
}
const MAX_NAME = 200;

/**
 * A parser's sentence as a message continues it (`invalid YAML at line 2, column 1: tabs are not
 * allowed ...`): its first letter lowercase, unless its first word is an acronym (`YAML`, `JSON`).
 */
export function lowerInitial(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}
