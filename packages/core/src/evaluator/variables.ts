/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${aws:x, 'default'}`, and the
 * escapes `${*}`, `${?}`, `${$}`). Only Version 2012-10-17 substitutes them; 2008-10-17 reads
 * `${...}` literally.
 */
import { LITERAL_QUESTION, LITERAL_STAR } from './pattern';
import type { ContextValue } from './types';

/** Reads a request context key (any case). */
export type ContextLookup = (key: string) => ContextValue | undefined;

/**
 * A policy variable, its default read whole: a `}` inside the quotes of a default
 * (`${aws:PrincipalTag/home, '${aws:username}'}`) does not close it, and `''` is a quote inside
 * them. A default whose quote never closes ends at its first `}`, as a variable without one does.
 * Not global: for `exec` and `test`; {@link POLICY_VARIABLES} for `replace` and `matchAll`.
 */
export const POLICY_VARIABLE = /\$\{(?:[^}']|'(?:[^']|'')*')*\}|\$\{[^}]*\}/;

/** {@link POLICY_VARIABLE}, global: for `replace` and `matchAll` only (which do not keep its state). */
export const POLICY_VARIABLES = new RegExp(POLICY_VARIABLE.source, 'g');

/**
 * The index of the `}` that closes the policy variable whose `${` is at `open`, a `}` inside the
 * quotes of its default left in it; -1 when none does.
 */
export function variableEnd(text: string, open: number): number {
  for (let i = open + 2; i < text.length; i++) {
    const c = text[i];
    if (c === '}') return i;
    if (c !== "'") continue;
    // A quoted default: to its closing quote, `''` being a quote inside it.
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] !== "'") continue;
      if (text[j + 1] === "'") j++;
      else break;
    }
    if (j >= text.length) return text.indexOf('}', open + 2);
    i = j;
  }
  return -1;
}

/** True when the text may hold a policy variable. */
export function hasVariable(text: string): boolean {
  return text.indexOf('${') >= 0;
}

/**
 * Replaces the variables of `text`. In a pattern (`forPattern`), `${*}` and `${?}` become
 * characters that match only a literal `*` or `?`, and so do the `*` and `?` of a substituted value
 * or default: a value read from the request (a tag, a user name) is text, never a wildcard.
 * Undefined when a variable has no value and no default: the element then matches nothing.
 */
export function substituteVariables(text: string, lookup: ContextLookup, forPattern: boolean): string | undefined {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('${', from);
    if (open < 0) break;
    const close = variableEnd(text, open);
    if (close < 0) break;
    out += text.slice(from, open);
    const inner = text.slice(open + 2, close);
    const value = resolve(inner, lookup, forPattern);
    if (value === undefined) return undefined;
    out += value;
    from = close + 1;
  }
  return out + text.slice(from);
}

function resolve(inner: string, lookup: ContextLookup, forPattern: boolean): string | undefined {
  const trimmed = inner.trim();
  if (trimmed === '*') return forPattern ? LITERAL_STAR : '*';
  if (trimmed === '?') return forPattern ? LITERAL_QUESTION : '?';
  if (trimmed === '$') return '$';
  let key = trimmed;
  let fallback: string | undefined;
  const comma = trimmed.indexOf(',');
  if (comma >= 0) {
    key = trimmed.slice(0, comma).trim();
    const rest = trimmed.slice(comma + 1).trim();
    const quoted = /^'(.*)'$/s.exec(rest);
    // Inside the quotes `''` is one quote; the default is taken as it is, never substituted again.
    // A default not in quotes (`${aws:x, 5}`) is no default: the variable fails as one without any.
    fallback = quoted ? (quoted[1] ?? '').replaceAll("''", "'") : undefined;
  }
  // A multivalued key (a list, even of one value) cannot be a policy variable: like a missing key,
  // it takes the default or leaves the element matching nothing (IAM User Guide, single-valued vs
  // multivalued context keys).
  const value = lookup(key);
  const text = typeof value === 'string' ? value : fallback;
  return forPattern && text !== undefined ? literalWildcards(text) : text;
}

function literalWildcards(text: string): string {
  return text.replace(/[*?]/g, (wildcard) => (wildcard === '*' ? LITERAL_STAR : LITERAL_QUESTION));
}
