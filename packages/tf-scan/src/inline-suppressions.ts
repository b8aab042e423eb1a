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
import { CATEGORIES, RULES, closestMatch } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { blocksOf, declarationOf } from './tf-text';
import type { Block, Comment, ConfigurationText } from './tf-text';

/** A suppression read from a comment, as the engine applies it. */
interface CommentSuppression {
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

const DIRECTIVE = /^iamgate:([A-Za-z-]*)/;
const MIN_REASON = 10;

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
  const declared = declarationOf(block.header, prefix);
  if (declared === undefined)
    return `\`iamgate:suppress\` applies to a \`resource\`, \`data\` or \`module\` block, not to \`${block.header}\``;
  // A module call covers everything it creates.
  const target = declared.kind === 'module' ? `${declared.address}.**` : declared.address;
  return read.rules.map((rule) => ({
    rule,
    target,
    reason: read.reason,
    ...(read.expires !== undefined ? { expires: read.expires } : {}),
    source: `comment: ${file}:${comment.line}`,
  }));
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
 * The suppressions written in the .tf files of a configuration. A file read for several module
 * calls suppresses under each call's prefix, but what is wrong with it is said once; so across
 * calls of this function sharing `reported` (the plans of one directory).
 */
export function suppressionsOfTexts(
  texts: readonly ConfigurationText[],
  reported: Set<string> = new Set(),
): FileSuppressions {
  const suppressions: CommentSuppression[] = [];
  const errors: InputError[] = [];
  for (const { module, file, path, text } of texts) {
    const found = suppressionsOfText(text, file, module.prefix);
    for (const suppression of found.suppressions) {
      const key = `${path}\u0000${suppression.rule}\u0000${suppression.target}\u0000${suppression.source}`;
      if (reported.has(key)) continue;
      reported.add(key);
      suppressions.push(suppression);
    }
    for (const error of found.errors) {
      const key = `${path}\u0000${error.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      errors.push(error);
    }
  }
  return { suppressions, errors };
}
