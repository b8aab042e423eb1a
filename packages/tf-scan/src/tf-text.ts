/**
 * The .tf files of a configuration read as text: their top-level blocks, the line each starts on
 * and the comments in or right above each. Strings (with their `${...}` templates), heredocs and
 * comments are skipped so that only the braces of the configuration count; no parser is loaded.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ConfigModule } from './plan-types';

/**
 * Whether Terraform leaves a file of a module's directory unread whatever its name ends with:
 * hidden (`.draft.tf`, the lock `.#main.tf` Emacs links beside a file being edited, a link to
 * nothing) or an editor's backup (`main.tf~`, `#main.tf#`).
 */
function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

/** One configuration module's directory: `prefix` is its module path as addresses write it (`module.api.`). */
export interface ModuleDirectory {
  readonly prefix: string;
  readonly directory: string;
  /** The directory as the user named it, for the files in messages. */
  readonly display: string;
}

/** A .tf file's text, with the module it belongs to and its name for messages. */
export interface ConfigurationText {
  readonly module: ModuleDirectory;
  /** The file as messages name it (the module's display directory joined with its name). */
  readonly file: string;
  /** The file's absolute path: one file read for several module calls is the same file. */
  readonly path: string;
  readonly text: string;
}

/**
 * The listings and texts of a scan's directories, each read once however many times the scan
 * needs them: beside a plan and as `--hcl`, for each call of a module, for each plan of one
 * directory.
 */
export class DirectoryReader {
  private readonly listings = new Map<string, Promise<string[] | undefined>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();

  /**
   * The names of the files in a directory, sorted; `undefined` when it cannot be listed. Its
   * directories are left out, as Terraform leaves them out (a folder `legacy.tf` is no file of the
   * configuration); a symbolic link is listed, as Terraform reads it.
   */
  names(directory: string): Promise<string[] | undefined> {
    const key = path.resolve(directory);
    let listing = this.listings.get(key);
    if (listing === undefined) {
      listing = readdir(key, { withFileTypes: true }).then(
        (entries) =>
          entries
            .filter((e) => !e.isDirectory())
            .map((e) => e.name)
            .sort(),
        () => undefined,
      );
      this.listings.set(key, listing);
    }
    return listing;
  }

  /** A file's UTF-8 text; `undefined` when it cannot be read. */
  text(file: string): Promise<string | undefined> {
    const key = path.resolve(file);
    let text = this.texts.get(key);
    if (text === undefined) {
      text = readFile(key, 'utf8').then(
        (read) => read,
        () => undefined,
      );
      this.texts.set(key, text);
    }
    return text;
  }
}

/** A comment's text (without its marks) and its 1-based line. */
export interface Comment {
  readonly line: number;
  readonly text: string;
}

/** A top-level block: its header (`resource "aws_iam_role" "app"`), the line it starts on, its comments. */
export interface Block {
  readonly header: string;
  readonly line: number;
  readonly comments: Comment[];
}

/**
 * The address of what a block declares, without instance keys: `<prefix>type.name` for a
 * resource, `<prefix>data.type.name` for a data source, `<prefix>module.name` for a module call;
 * undefined for any other block.
 */
export function declarationOf(
  header: string,
  prefix: string,
): { kind: 'resource' | 'data' | 'module'; address: string } | undefined {
  const labels = [...header.matchAll(/"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2] ?? '');
  const [kind, first, second] = labels;
  if (labels.length === 3 && kind === 'resource') return { kind, address: `${prefix}${first}.${second}` };
  if (labels.length === 3 && kind === 'data') return { kind, address: `${prefix}data.${first}.${second}` };
  if (labels.length === 2 && kind === 'module') return { kind, address: `${prefix}module.${first}` };
  return undefined;
}

/** The top-level blocks of a file with the comments inside each or right above it, and the comments that belong to none. */
export function blocksOf(text: string): { blocks: Block[]; stray: Comment[] } {
  const blocks: Block[] = [];
  const stray: Comment[] = [];
  // Comments at the top level since the last code there: they go to the next block opened.
  let pending: Comment[] = [];
  let current: Block | undefined;
  // The block closed last and the line of its `}`: a comment after it on that line is its own.
  let closed: { block: Block; line: number } | undefined;
  let depth = 0;
  let header = '';
  let headerLine = 1;
  let line = 1;
  let i = 0;
  const note = (comment: Comment): void => {
    if (current !== undefined) current.comments.push(comment);
    else if (closed?.line === comment.line) closed.block.comments.push(comment);
    else pending.push(comment);
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = lineEnd(text, i);
      note({ line, text: text.slice(i + (c === '#' ? 1 : 2), end).trim() });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      const body = text.slice(i + 2, close < 0 ? text.length : close);
      body.split('\n').forEach((part, k) => {
        const trimmed = part.replace(/^\s*\*?/, '').trim();
        if (trimmed !== '') note({ line: line + k, text: trimmed });
      });
      line += countLines(text, i, end);
      i = end;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      line += countLines(text, i, end);
      if (depth === 0) header += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc !== null) {
        const end = heredocEnd(text, i + heredoc[0].length, heredoc[1] as string);
        line += countLines(text, i, end);
        i = end;
        continue;
      }
    }
    if (c === '{') {
      if (depth === 0) {
        current = { header: header.trim(), line: headerLine, comments: pending };
        blocks.push(current);
        pending = [];
      }
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && current !== undefined) {
        closed = { block: current, line };
        current = undefined;
        header = '';
      }
    } else if (depth === 0 && !/\s/.test(c)) {
      if (header.trim() === '') headerLine = line;
      header += c;
    } else if (depth === 0) {
      header += c;
    }
    i++;
  }
  stray.push(...pending);
  return { blocks, stray };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}

/** The index after a quoted string opened at `start`, its `${...}` and `%{...}` templates included. */
export function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '"' || c === '\n') return i + 1;
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      i = templateEnd(text, i + 2);
      continue;
    }
    i++;
  }
  return text.length;
}

/** The index after the `}` closing a template expression whose body starts at `start`. */
function templateEnd(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

/** The index after the line that closes a heredoc (its marker alone, indented or not). */
export function heredocEnd(text: string, bodyStart: number, marker: string): number {
  let i = bodyStart;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (text.slice(i, end).trim() === marker) return end;
    i = end + 1;
  }
  return text.length;
}

/**
 * The tool that reads a configuration, which decides its files: Terraform reads `.tf` and `.tf.json`
 * files and never `.tofu` ones; OpenTofu reads `.tofu` and `.tofu.json` files too.
 */
export type ConfigurationTool = 'terraform' | 'opentofu';

const TF_FILE = /\.tf(?:\.json)?$/;
const TOFU_FILE = /\.tofu(?:\.json)?$/;

/**
 * The configuration files of a directory's `names`, as `tool` reads them: for OpenTofu, a `.tofu`
 * file stands for the `.tf` file of the same name (`main.tofu` for `main.tf`, `x.tofu.json` for
 * `x.tf.json`), which it then ignores; Terraform ignores every `.tofu` file.
 */
export function configurationFiles(names: readonly string[], tool: ConfigurationTool): string[] {
  const files = names.filter(
    (name) => !isIgnoredFile(name) && (TF_FILE.test(name) || (tool === 'opentofu' && TOFU_FILE.test(name))),
  );
  const present = new Set(files);
  return files.filter((name) => {
    const match = /^(.*)\.tf(\.json)?$/.exec(name);
    return match === null || !present.has(`${match[1] ?? ''}.tofu${match[2] ?? ''}`);
  });
}

/** The `.tofu` and `.tofu.json` files of a directory's `names`, which only OpenTofu reads. */
export function openTofuFiles(names: readonly string[]): string[] {
  return names.filter((name) => TOFU_FILE.test(name) && !isIgnoredFile(name));
}

/**
 * The .tf (and .tofu) files of each module directory, as text (files that cannot be read are left out); a
 * directory several modules share is read once, through `reader`.
 */
export async function readConfigurationTexts(
  modules: readonly ModuleDirectory[],
  reader: DirectoryReader,
  tool: ConfigurationTool,
): Promise<ConfigurationText[]> {
  const out: ConfigurationText[] = [];
  for (const module of modules) {
    const names = configurationFiles((await reader.names(module.directory)) ?? [], tool).filter(
      (n) => !n.endsWith('.json'),
    );
    for (const name of names) {
      const file = path.resolve(module.directory, name);
      const text = await reader.text(file);
      if (text !== undefined) out.push({ module, file: path.join(module.display, name), path: file, text });
    }
  }
  return out;
}

/**
 * The directories of a configuration's local modules (`source = "./..."` or `"../..."`), from the
 * root's: registry modules are other people's code, whose comments do not speak for this project.
 */
export function localModuleDirectories(
  root: ConfigModule | undefined,
  directory: string,
  display: string,
): ModuleDirectory[] {
  const out: ModuleDirectory[] = [];
  const visit = (module: ConfigModule | undefined, prefix: string, dir: string, shown: string): void => {
    out.push({ prefix, directory: dir, display: shown });
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      const source = call.source ?? '';
      if (!source.startsWith('./') && !source.startsWith('../')) continue;
      visit(call.module, `${prefix}module.${name}.`, path.resolve(dir, source), path.join(shown, source));
    }
  };
  visit(root, '', directory, display);
  return out;
}

/**
 * The text of the argument `name` written at the top of the block `block` (`aws_iam_role.r`,
 * `data.x.y`) of a module's files (`prefix` as in {@link declarationOf}): `undefined` unless exactly
 * one such block writes it, on one line or across brackets.
 */
export function argumentText(
  texts: readonly ConfigurationText[],
  prefix: string,
  block: string,
  name: string,
): string | undefined {
  const found: string[] = [];
  let blocks = 0;
  for (const { module, text } of texts) {
    if (module.prefix !== prefix) continue;
    for (const body of blockBodies(text, prefix, `${prefix}${block}`)) {
      blocks += 1;
      const written = topArgument(body, name);
      if (written !== undefined) found.push(written);
    }
  }
  return blocks === 1 && found.length === 1 ? found[0] : undefined;
}

/** The bodies (between the braces) of the top-level blocks of `text` declaring `address` (see {@link declarationOf}). */
function blockBodies(text: string, prefix: string, address: string): string[] {
  const bodies: string[] = [];
  let depth = 0;
  let header = '';
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const skip = skipped(text, i);
    if (skip > i) {
      if (depth === 0 && c === '"') header += text.slice(i, skip);
      i = skip;
      continue;
    }
    if (c === '{') {
      if (depth === 0) start = i + 1;
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        if (declarationOf(header.trim(), prefix)?.address === address) bodies.push(text.slice(start, i));
        header = '';
      }
    } else if (depth === 0) header += c;
    i++;
  }
  return bodies;
}

/** The index after a comment, string or heredoc starting at `i`; `i` when none starts there. */
function skipped(text: string, i: number): number {
  const c = text[i];
  if (c === '#' || (c === '/' && text[i + 1] === '/')) return lineEnd(text, i);
  if (c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === '"') return stringEnd(text, i);
  if (c === '<' && text[i + 1] === '<') {
    const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
    if (heredoc !== null) return heredocEnd(text, i + heredoc[0].length, heredoc[1] as string);
  }
  return i;
}

/** The expression text of `name = ...` at the top of a block body (not in a nested block); `undefined` when absent. */
function topArgument(body: string, name: string): string | undefined {
  let depth = 0;
  let lineStart = true;
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (depth === 0 && lineStart) {
      const match = new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)`).exec(body.slice(i, i + name.length + 200));
      if (match !== null) return expressionAt(body, i + match[0].length);
    }
    const skip = skipped(body, i);
    if (skip > i) {
      i = skip;
      lineStart = false;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
    lineStart = c === '\n';
    i++;
  }
  return undefined;
}

/** The text of the expression starting at `from`: up to the end of the line its brackets close on. */
function expressionAt(body: string, from: number): string {
  let depth = 0;
  let i = from;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === '#' || (c === '/' && (body[i + 1] === '/' || body[i + 1] === '*'))) {
      if (depth === 0) break;
    }
    const skip = skipped(body, i);
    if (skip > i) {
      i = skip;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' && depth <= 0) break;
    i++;
  }
  return body.slice(from, i).trim();
}
