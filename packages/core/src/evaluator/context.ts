/**
 * The request context as conditions and policy variables read it: keys compared without case,
 * plus the keys IAM derives from the principal when the request does not carry them.
 */
import type { RequestPrincipal } from './arn';
import type { ContextValue } from './types';

/** Lowercased key -> value. */
export type RequestContext = Map<string, ContextValue>;

/** Builds the context of a request. */
export function buildContext(
  given: Readonly<Record<string, ContextValue>> | undefined,
  principal: RequestPrincipal,
  derive: boolean,
): RequestContext {
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

const PRINCIPAL_TYPES: Partial<Record<RequestPrincipal['kind'], string>> = {
  user: 'User',
  session: 'AssumedRole',
  root: 'Account',
  'federated-user': 'FederatedUser',
  anonymous: 'Anonymous',
};

function addDerived(context: RequestContext, principal: RequestPrincipal): void {
  // Present in every request (IAM global condition context keys).
  setIfAbsent(context, 'aws:principalisawsservice', principal.kind === 'service' ? 'true' : 'false');
  setIfAbsent(context, 'aws:principaltype', PRINCIPAL_TYPES[principal.kind]);
  if (principal.kind === 'service') setIfAbsent(context, 'aws:principalservicename', principal.arn);
  if (principal.kind === 'anonymous' || principal.kind === 'service' || principal.kind === 'other') return;
  // aws:PrincipalArn is the role ARN for a role session, the principal ARN otherwise.
  setIfAbsent(context, 'aws:principalarn', principal.kind === 'session' ? principal.roleArn : principal.arn);
  setIfAbsent(context, 'aws:principalaccount', principal.account);
  if (principal.kind === 'user') setIfAbsent(context, 'aws:username', principal.name);
}
