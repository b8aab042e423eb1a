/** What the evaluator needs to know about the principal of a request, read from its ARN. */

/** The kind of principal making a request. */
type PrincipalKind = 'user' | 'role' | 'session' | 'root' | 'federated-user' | 'service' | 'anonymous' | 'other';

/** The request principal, parsed once per request. */
export interface RequestPrincipal {
  readonly arn: string;
  readonly kind: PrincipalKind;
  /** Account id, or `''` for service principals and anonymous requests. */
  readonly account: string;
  readonly partition: string;
  /** For a role session, the ARN of its role (`arn:aws:iam::A:role/NAME`, path unknown). */
  readonly roleArn: string | undefined;
  /** Role name of a session or role; user name of a user. */
  readonly name: string;
  /** Session name of a role session. */
  readonly sessionName: string | undefined;
}

/** The literal used for unauthenticated requests. */
const ANONYMOUS = 'anonymous';

/** Splits an ARN into its six parts (the last keeps its colons), or undefined. */
export function splitArn(
  arn: string,
  anyCasePrefix = false,
): [string, string, string, string, string, string] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let k = 0; k < 5; k++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  if (parts[0] !== 'arn' && !(anyCasePrefix && parts[0]?.toLowerCase() === 'arn')) return undefined;
  return parts as [string, string, string, string, string, string];
}

/** Reads the principal of a request. */
export function parsePrincipal(principal: string): RequestPrincipal {
  if (principal === ANONYMOUS) {
    return {
      arn: principal,
      kind: 'anonymous',
      account: '',
      partition: 'aws',
      roleArn: undefined,
      name: '',
      sessionName: undefined,
    };
  }
  const parts = splitArn(principal);
  if (!parts) {
    const kind: PrincipalKind =
      principal.endsWith('.amazonaws.com') || principal.endsWith('.amazonaws.com.cn') ? 'service' : 'other';
    const account = /^\d{12}$/.test(principal) ? principal : '';
    return {
      arn: principal,
      kind: account ? 'root' : kind,
      account,
      partition: 'aws',
      roleArn: undefined,
      name: '',
      sessionName: undefined,
    };
  }
  const [, partition, service, , account, resource] = parts;
  let kind: PrincipalKind = 'other';
  let roleArn: string | undefined;
  let name = '';
  let sessionName: string | undefined;
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  if (service === 'iam') {
    if (type === 'root') kind = 'root';
    else if (type === 'user') {
      kind = 'user';
      name = rest.slice(rest.lastIndexOf('/') + 1);
    } else if (type === 'role') {
      kind = 'role';
      name = rest.slice(rest.lastIndexOf('/') + 1);
    }
  } else if (service === 'sts') {
    if (type === 'assumed-role') {
      kind = 'session';
      const cut = rest.indexOf('/');
      name = cut < 0 ? rest : rest.slice(0, cut);
      sessionName = cut < 0 ? undefined : rest.slice(cut + 1);
      roleArn = `arn:${partition}:iam::${account}:role/${name}`;
    } else if (type === 'federated-user') {
      kind = 'federated-user';
      name = rest;
    }
  }
  return { arn: principal, kind, account, partition, roleArn, name, sessionName };
}

/** The account id named by a policy principal (`123456789012` or `arn:aws:iam::123456789012:root`), or undefined. */
export function accountOfPrincipalEntry(entry: string): string | undefined {
  if (entry.length === 12 && /^\d{12}$/.test(entry)) return entry;
  if (entry.startsWith('arn:') && entry.endsWith(':root')) {
    const parts = splitArn(entry);
    if (parts && parts[2] === 'iam' && parts[5] === 'root') return parts[4];
  }
  return undefined;
}
