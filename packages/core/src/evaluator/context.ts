/**
 * The request context as conditions and policy variables read it: keys compared without case,
 * plus the keys IAM derives from the principal when the request does not carry them.
 */
import type { RequestPrincipal } from './arn';
import type { ContextValue } from './types';

/** Lowercased key -> value. */
export type RequestContext = Map<string, ContextValue>;

/** Builds the context of a request. */
export function buildContext(given: Readonly<Record<string, ContextValue>> | undefined, principal: RequestPrincipal, derive: boolean): RequestContext {
  const context: RequestContext = new Map();
  if (given) {
    for (const key in given) {
      const value = given[key];
      if (value !== undefined) context.set(key.toLowerCase(), value);
    }
  }
  if (derive) addDerived(context, principal);
  return context;
}

function setIfAbsent(context: RequestContext, key: string, value: string | undefined): void {
  if (value !== undefined && !context.has(key)) context.set(key, value);
}

function addDerived(context: RequestContext, principal: RequestPrincipal): void {
  switch (principal.kind) {
    case 'anonymous':
    case 'service':
    case 'other':
      return;
    default:
  }
  // aws:PrincipalArn is the role ARN for a role session, the principal ARN otherwise.
  setIfAbsent(context, 'aws:principalarn', principal.kind === 'session' ? principal.roleArn : principal.arn);
  setIfAbsent(context, 'aws:principalaccount', principal.account);
  if (principal.kind === 'user') setIfAbsent(context, 'aws:username', principal.name);
}
