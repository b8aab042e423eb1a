/**
 * Globs of suppression targets and boundary scopes: `*` any run of characters except `/`, `**`
 * any run including `/`, `?` one character except `/`, `{a,b}` alternatives. Compiled once.
 * Brackets are themselves: a Terraform address (`module.app["eu"].aws_iam_role.r[0]`) is a glob
 * that matches that instance, pasted from a finding as it is.
 */

/** A compiled glob, or why the pattern is not one. */
export type GlobResult =
  { readonly ok: true; readonly test: (value: string) => boolean } | { readonly ok: false; readonly message: string };

/** Compiles a glob pattern. */
export function compileGlob(pattern: string): GlobResult {
  if (pattern.length === 0) return { ok: false, message: 'empty glob' };
  let source = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '{') {
      if (depth > 0) return { ok: false, message: `nested \`{\` at position ${i + 1} in glob \`${pattern}\`` };
      depth++;
      source += '(?:';
    } else if (c === '}') {
      if (depth === 0) return { ok: false, message: `unmatched \`}\` at position ${i + 1} in glob \`${pattern}\`` };
      depth--;
      source += ')';
    } else if (c === ',' && depth > 0) {
      source += '|';
    } else {
      source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  if (depth > 0) return { ok: false, message: `unclosed \`{\` in glob \`${pattern}\`` };
  const regex = new RegExp(`^${source}$`);
  return { ok: true, test: (value) => regex.test(value) };
}
