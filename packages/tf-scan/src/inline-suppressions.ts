/**
 * Suppressions written in the .tf files, beside the resource they accept, as checkov's and tfsec's
 * users write theirs:
 *
 *     # iamgate:suppress privilege-escalation/pass-role-wildcard expires=2027-03-31 passes the roles of the pipeline it creates
 *     resource "aws_iam_role_policy" "deployer" {
 *
 * A comment inside a `resource`, `data` or `module` block, or right above it (only comments and
 * blank lines between), suppresses the rules (ids or categories, separated by commas) on every
 * instance of that block: `module` blocks cover everything the call creates. The reason is the
 * rest of the line, at least 10 characters. The files are read as text: no parser is loaded.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CATEGORIES, RULES, closestMatch } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import type { ConfigModule } from './plan-types';

/** A suppression read from a comment, as the engine applies it. */
export interface CommentSuppression {
  readonly rule: string;
  readonly target: string;
  readonly reason: string;
  readonly expires?: string;
  /** `comment: FILE:LINE`. */
  readonly source: string;
}

/** The suppressions of one file's text, and what is wrong with its directives. */
export interface FileSuppressions {
  readonly suppressions: CommentSuppression[];
  readonly errors: InputError[];
}

/** One configuration module's directory: `prefix` is its module path as addresses write it (`module.api.`). */
export interface ModuleDirectory {
  readonly prefix: string;
  readonly directory: string;
  /** The directory as the user named it, for the files in messages. */
  readonly display: string;
}

const DIRECTIVE = /^iamgate:([A-Za-z-]*)/;
const MIN_REASON = 10;

interface Comment {
  readonly line: number;
  readonly text: string;
}

interface Block {
  readonly header: string;
  readonly line: number;
  readonly comments: Comment[];
}

/** The suppressions written in one .tf file (`file` as messages name it). */
export function suppressionsOfText(text: string, file: string, prefix: string): FileSuppressions {
  if (!text.includes('iamgate:')) return { suppressions: [], errors: [] };
  const { blocks, stray } = blocksOf(text);
  const suppressions: CommentSuppression[] = [];
  const problems: { line: number; message: string }[] = [];
  const directives = [
    ...stray.map((comment) => ({ comment, block: undefined })),
    ...blocks.flatMap((block) => block.comments.map((comment) => ({ comment, block }))),
  ].filter(({ comment }) => DIRECTIVE.test(comment.text));
  for (const { comment, block } of directives) {
    const outcome = directiveOutcome(comment, block, prefix, file);
    if (typeof outcome === 'string') problems.push({ line: comment.line, message: outcome });
    else suppressions.push(...outcome);
  }
  const errors = problems
    .sort((a, b) => a.line - b.line)
    .map(({ line, message }): InputError => ({ file, message: `line ${line}: ${message}` }));
  return { suppressions, errors };
}

/** The suppressions a directive comment makes, or what is wrong with it. */
function directiveOutcome(
  comment: Comment,
  block: Block | undefined,
  prefix: string,
  file: string,
): CommentSuppression[] | string {
  const read = readDirective(comment.text);
  if (typeof read === 'string') return read;
  if (block === undefined)
    return '`iamgate:suppress` must be inside a `resource`, `data` or `module` block, or right above one';
  const target = targetOf(block.header, prefix);
  if (target === undefined)
    return `\`iamgate:suppress\` applies to a \`resource\`, \`data\` or \`module\` block, not to \`${block.header}\``;
  return read.rules.map((rule) => ({
    rule,
    target,
    reason: read.reason,
    ...(read.expires !== undefined ? { expires: read.expires } : {}),
    source: `comment: ${file}:${comment.line}`,
  }));
}

/** The suppression target of a block header: the declaration's address, every instance of it. */
function targetOf(header: string, prefix: string): string | undefined {
  const labels = [...header.matchAll(/"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2] ?? '');
  const [kind, first, second] = labels;
  if (labels.length === 3 && kind === 'resource') return `${prefix}${first}.${second}`;
  if (labels.length === 3 && kind === 'data') return `${prefix}data.${first}.${second}`;
  if (labels.length === 2 && kind === 'module') return `${prefix}module.${first}.**`;
  return undefined;
}

/** The rules, expiry and reason of a directive, or what is wrong with it. */
function readDirective(text: string): { rules: string[]; expires?: string; reason: string } | string {
  const verb = DIRECTIVE.exec(text)?.[1] ?? '';
  if (verb !== 'suppress')
    return `unknown directive \`iamgate:${verb}\`: write \`iamgate:suppress RULE[,RULE] [expires=YYYY-MM-DD] REASON\``;
  const words = text.slice('iamgate:suppress'.length).trim().split(/\s+/);
  const list = words.shift() ?? '';
  if (list === '')
    return '`iamgate:suppress` names no rule: write `iamgate:suppress RULE[,RULE] [expires=YYYY-MM-DD] REASON`';
  const rules = list.split(',').filter((r) => r !== '');
  const known = [...RULES.map((r) => r.meta.id as string), ...CATEGORIES];
  for (const rule of rules) {
    if (known.includes(rule)) continue;
    const close = closestMatch(rule, known);
    return `unknown rule id or category \`${rule}\`${close ? ` (did you mean \`${close}\`?)` : ''}`;
  }
  let expires: string | undefined;
  if (words[0]?.startsWith('expires=')) {
    expires = (words.shift() ?? '').slice('expires='.length);
    if (!isCalendarDate(expires)) return `\`expires\` must be a date \`YYYY-MM-DD\`, found \`${expires}\``;
  }
  const reason = words.join(' ').trim();
  if (reason.length < MIN_REASON)
    return `a reason of at least ${MIN_REASON} characters is required after the rules: say why the finding is accepted`;
  return { rules, ...(expires !== undefined ? { expires } : {}), reason };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The top-level blocks of a file with the comments inside each or right above it, and the comments
 * that belong to none. Strings (with their `${...}` templates), heredocs and comments are skipped
 * so that only the braces of the configuration count.
 */
function blocksOf(text: string): { blocks: Block[]; stray: Comment[] } {
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
function stringEnd(text: string, start: number): number {
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
function heredocEnd(text: string, bodyStart: number, marker: string): number {
  let i = bodyStart;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (text.slice(i, end).trim() === marker) return end;
    i = end + 1;
  }
  return text.length;
}

/** The suppressions of the .tf files of each module directory. */
export async function readInlineSuppressions(modules: readonly ModuleDirectory[]): Promise<FileSuppressions> {
  const suppressions: CommentSuppression[] = [];
  const errors: InputError[] = [];
  for (const module of modules) {
    let names: string[];
    try {
      names = (await readdir(module.directory)).filter((n) => n.endsWith('.tf')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      let text: string;
      try {
        text = await readFile(path.join(module.directory, name), 'utf8');
      } catch {
        continue;
      }
      const found = suppressionsOfText(text, path.join(module.display, name), module.prefix);
      suppressions.push(...found.suppressions);
      errors.push(...found.errors);
    }
  }
  return { suppressions, errors };
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
