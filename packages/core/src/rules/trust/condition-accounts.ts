/**
 * The accounts and organizations a statement's conditions confine it to: what `Principal: "*"`
 * with `aws:PrincipalAccount` or `aws:PrincipalOrgID` grants, or for whose resources a service
 * may use a role (`aws:SourceAccount`).
 */
import type { Statement } from '../../model/policy';
import { isSymbolic } from '../../model/symbolic';
import { restrictingClauses } from '../statement-helpers';

/** The keys naming the account of the caller: as an account id, or in the account field of an ARN. */
export const CALLER_KEYS = { account: 'aws:principalaccount', arn: 'aws:principalarn' } as const;
/** The keys naming the account of the resource a service acts for, as {@link CALLER_KEYS} do. */
export const SOURCE_KEYS = { account: 'aws:sourceaccount', arn: 'aws:sourcearn' } as const;

/** `Principal: "*"` or `{"AWS": "*"}`. */
export function isAnyPrincipal(statement: Statement): boolean {
  const principal = statement.principal;
  return (
    principal !== undefined &&
    (principal.wildcard || principal.entries.some((e) => e.type === 'AWS' && e.value === '*'))
  );
}

/**
 * The accounts that the statement's conditions on `keys` confine it to, or undefined when none
 * names a list of literal accounts. Clauses hold together: the accounts are those all of them name.
 */
export function accountsNamed(
  statement: Statement,
  keys: { readonly account: string; readonly arn: string },
): ReadonlySet<string> | undefined {
  let named: Set<string> | undefined;
  for (const clause of restrictingClauses(statement, [keys.account, keys.arn])) {
    const isArn = clause.key.toLowerCase() === keys.arn;
    const accounts = new Set<string>();
    for (const value of clause.values) {
      const account = isSymbolic(value) ? undefined : isArn ? value.split(':')[4] : value;
      if (account === undefined || !/^\d{12}$/.test(account)) break;
      accounts.add(account);
    }
    if (accounts.size < clause.values.length) continue;
    named = named === undefined ? accounts : new Set([...named].filter((a) => accounts.has(a)));
  }
  return named;
}

/** The organizations that `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths` confine the statement to, when literal. */
export function organizationsNamed(statement: Statement): string[] {
  const named: string[] = [];
  for (const clause of restrictingClauses(statement, ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'])) {
    const organizations = clause.values.map((v) => (isSymbolic(v) ? undefined : v.split('/')[0]));
    if (organizations.every((o): o is string => o !== undefined && /^o-[a-z0-9]+$/.test(o)))
      named.push(...organizations);
  }
  return named;
}

/** Is the statement confined by `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths` to organizations among `organizationIds`? */
export function withinTrustedOrganization(statement: Statement, organizationIds: readonly string[]): boolean {
  const clauses = restrictingClauses(statement, ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths']);
  // An organization path starts with the organization id: `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
  return clauses.some((c) => {
    const paths = c.key.toLowerCase() === 'aws:principalorgpaths';
    return c.values.every(
      (v) => typeof v === 'string' && organizationIds.includes(paths ? (v.split('/')[0] ?? '') : v),
    );
  });
}
