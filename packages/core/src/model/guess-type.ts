/** Guessing the use of a policy document that its source does not declare. */
import type { PolicyType } from './policy';

/**
 * The likely use of a document: with a Principal, a trust policy when every action is an
 * `sts:AssumeRole*`, else a resource policy; without one, an identity policy.
 */
export function guessPolicyType(document: unknown): PolicyType {
  const statements = statementsOf(typeof document === 'string' ? parseQuietly(document) : document);
  const hasPrincipal = statements.some((s) => 'Principal' in s || 'NotPrincipal' in s);
  if (!hasPrincipal) return 'identity';
  const actions = statements.flatMap((s): unknown[] => {
    const value: unknown = s['Action'];
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  });
  const isAssume = (a: unknown): boolean =>
    typeof a === 'string' && (/^sts:assumerole/i.test(a) || /^sts:(tagsession|setsourceidentity|setcontext)$/i.test(a));
  return actions.length > 0 &&
    actions.every(isAssume) &&
    actions.some((a) => typeof a === 'string' && /^sts:assumerole/i.test(a))
    ? 'trust'
    : 'resource';
}

function statementsOf(document: unknown): Record<string, unknown>[] {
  if (document === null || typeof document !== 'object') return [];
  const raw = (document as Record<string, unknown>)['Statement'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object' && !Array.isArray(s));
}

function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}
