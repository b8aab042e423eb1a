/**
 * The accounts and organizations a statement's conditions confine it to: what `Principal: "*"`
 * with `aws:PrincipalAccount` or `aws:PrincipalOrgID` grants, or for whose resources a service
 * may use a role (`aws:SourceAccount`).
 */
import type { ConditionClause, Statement } from '../../model/policy';
import { isInputHole, isSymbolic } from '../../model/symbolic';
import { neverPrincipalArn } from '../../model/principal-arn';
import type { Hole, PolicyValue, SymbolicValue } from '../../model/symbolic';
import { isPlainText, isRestrictingClause, restrictingClauses } from '../statement-helpers';

/** Condition keys that name accounts: as an account id, or in the account field of an ARN. */
export interface AccountKeys {
  readonly accounts: readonly string[];
  readonly arn: string;
}
/** The keys naming the account of the caller (`kms:CallerAccount` is the one key policies write). */
export const CALLER_KEYS: AccountKeys = {
  accounts: ['aws:principalaccount', 'kms:calleraccount'],
  arn: 'aws:principalarn',
};
/**
 * The keys naming the account of the access points a bucket lets decide who calls (the S3 guide's
 * delegation to access points, of another account's when it names one). Not the caller's account:
 * tested beside `aws:PrincipalAccount`, each confines the request on its own.
 */
export const ACCESS_POINT_KEYS: AccountKeys = {
  accounts: ['s3:dataaccesspointaccount'],
  arn: 's3:dataaccesspointarn',
};
/** The keys naming the account of the resource a service acts for (`aws:SourceOwner` is the older spelling of SNS and SES). */
export const SOURCE_KEYS: AccountKeys = { accounts: ['aws:sourceaccount', 'aws:sourceowner'], arn: 'aws:sourcearn' };
/** The keys naming the organization of the caller, as an id or at the head of an organization path. */
export const CALLER_ORGANIZATION_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'] as const;
/** The keys naming the organization of the resource a service acts for. */
export const SOURCE_ORGANIZATION_KEYS = ['aws:SourceOrgID', 'aws:SourceOrgPaths'] as const;

/** True for a 12-digit account id; false for an account only known after deploy (`${...}`). */
export function isLiteralAccount(account: string): boolean {
  return /^\d{12}$/.test(account);
}

/** `Principal: "*"` or `{"AWS": "*"}`. */
export function isAnyPrincipal(statement: Statement): boolean {
  const principal = statement.principal;
  return (
    principal !== undefined &&
    (principal.wildcard || principal.entries.some((e) => e.type === 'AWS' && e.value === '*'))
  );
}

// Keys a service principal has no value for: `Principal: "*"` narrowed by one of them as well as
// by `aws:PrincipalServiceName` admits no service, and is public-principal's to judge.
const IDENTITY_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'];

/**
 * The literal services `aws:PrincipalServiceName` narrows `Principal: "*"` to (none when it is
 * not so narrowed): AWS documents that key as the way to let a service through a policy for
 * everyone, and the service then acts as when named in `Principal`.
 */
export function servicesByCondition(statement: Statement): string[] {
  if (!isAnyPrincipal(statement) || restrictingClauses(statement, IDENTITY_KEYS).length > 0) return [];
  const names: string[] = [];
  // `aws:PrincipalServiceNamesList` holds every service a service principal stands for: one of
  // them named (`ForAnyValue`) lets that service through as `aws:PrincipalServiceName` does.
  const clauses = restrictingClauses(statement, ['aws:PrincipalServiceName', 'aws:PrincipalServiceNamesList']).filter(
    (c) => c.key.toLowerCase() === 'aws:principalservicename' || c.setOperator === 'ForAnyValue',
  );
  for (const clause of clauses)
    for (const value of clause.values) if (isPlainText(value) && !names.includes(value)) names.push(value);
  return names;
}

/**
 * The accounts that the statement's conditions on `keys` confine it to, or undefined when none
 * names a list of accounts. Clauses hold together: the accounts are those all of them name. An
 * account only known after deploy (the stack's `AWS::AccountId`, a Terraform unknown, a policy
 * variable such as `${aws:ResourceAccount}`) is named by its rendering, `${...}`, as the account
 * field of a root ARN is: see {@link isLiteralAccount}.
 */
export function accountsNamed(
  statement: Statement,
  keys: AccountKeys,
  options: { readonly ifExists?: boolean } = {},
): ReadonlySet<string> | undefined {
  let named: Set<string> | undefined;
  // `...IfExists` admits the accounts it names as well, and requests without the key besides:
  // asked for the accounts a grant reaches, they count; asked what confines it, they do not.
  const wanted = new Set([...keys.accounts, keys.arn]);
  const clauses =
    options.ifExists === true
      ? statement.conditions.filter(
          (c) => wanted.has(c.key.toLowerCase()) && isRestrictingClause({ ...c, ifExists: false }),
        )
      : restrictingClauses(statement, [...keys.accounts, keys.arn]);
  for (const clause of clauses) {
    const form = clause.key.toLowerCase() === keys.arn ? 'arn' : 'id';
    // An `aws:PrincipalArn` no caller has (a role session's `assumed-role` ARN: the key holds the
    // role's) admits no one, and names no account.
    const values = clause.values.filter(
      (value) => !(clause.key.toLowerCase() === 'aws:principalarn' && neverPrincipalArn(value, clause.baseOperator)),
    );
    const accounts = values.map((value) => accountIn(value, form));
    // A clause with a value whose account cannot be told confines the statement to no known list.
    if (clause.values.length === 0 || !accounts.every((a): a is string => a !== undefined)) continue;
    named = named === undefined ? new Set(accounts) : new Set(accounts.filter((a) => named?.has(a)));
  }
  return named;
}

/**
 * Whether an `aws:PrincipalOrgPaths` value is a path of the policy's own organization: one of its
 * own account's paths (`${aws:ResourceOrgPaths}...`) or a path headed by `${aws:ResourceOrgID}`.
 */
export function isOwnOrganizationPath(value: string): boolean {
  const lower = value.toLowerCase();
  return lower.startsWith('${aws:resourceorgpaths}') || (lower.split('/')[0] ?? '') === '${aws:resourceorgid}';
}

/**
 * The account a value names, as an account id (`form` `id`) or in the account field of an ARN
 * (`arn`): 12 digits, or `${...}` for an account known only after deploy (a hole rendered as
 * `valueToString` renders it, or a variable written so). Undefined when it names none (an S3
 * ARN, a wildcard, the whole ARN of a resource known only after deploy).
 */
export function accountIn(value: PolicyValue, form: 'id' | 'arn'): string | undefined {
  const fields = fieldsOf(value);
  const account =
    form === 'arn'
      ? fields.length >= 6 && fields[0] === 'arn'
        ? fields[4]
        : undefined
      : fields.length === 1
        ? fields[0]
        : undefined;
  return account !== undefined && (isLiteralAccount(account) || /^\$\{[^}]*\}$/.test(account)) ? account : undefined;
}

/**
 * The colon-separated fields of a value, each hole and each `${...}` kept whole in the field that
 * holds it (rendered `${...}`, as `valueToString` renders a hole): a CloudFormation pseudo
 * parameter's `::` splits nothing.
 */
function fieldsOf(value: PolicyValue): string[] {
  // Most values are plain text (a service principal, an account id): nothing to keep whole.
  if (typeof value === 'string' && !value.includes('${')) return value.split(':');
  const opaque: string[] = [];
  const hide = (text: string): string => {
    opaque.push(text);
    return `\u0000${String(opaque.length - 1)}\u0000`;
  };
  const parts = isSymbolic(value) ? value.parts : [value];
  const text = parts
    .map((p) => (typeof p === 'string' ? p.replace(/\$\{[^}]*\}/g, hide) : hide('${' + p.source + '}')))
    .join('');
  return text.split(':').map((f) => f.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => opaque[Number(i)] ?? ''));
}

// The account the adapters render as a hole when the stack or provider does not name it: the
// CloudFormation `AWS::AccountId` of the stack, the account of Terraform's default AWS provider.
const OWN_ACCOUNT_HOLES: ReadonlySet<string> = new Set(['AWS::AccountId', 'aws_account_id']);

/** A part known only after deploy that is the stack's or the provider's own account. */
export function isOwnAccountHole(part: string | Hole): boolean {
  return typeof part !== 'string' && OWN_ACCOUNT_HOLES.has(part.id);
}

/** A value that is the stack's or the provider's own account, known only after deploy. */
export function isOwnAccount(value: PolicyValue): boolean {
  const part = isSymbolic(value) && value.parts.length === 1 ? value.parts[0] : undefined;
  return part !== undefined && typeof part !== 'string' && OWN_ACCOUNT_HOLES.has(part.id);
}

/**
 * The value known only after deploy that stands for the account field of an IAM or STS ARN
 * (`arn:aws:iam::${Partner}:root`), when the field is one such value and not the stack's or the
 * provider's own account. Undefined for a literal account, the own account, or the whole ARN of a
 * resource known only after deploy (`${Role.Arn}`: a role the template or plan creates).
 */
export function foreignAccountHole(value: PolicyValue): Hole | undefined {
  if (!isSymbolic(value)) return undefined;
  const fields: (string | Hole)[][] = [[]];
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      fields[fields.length - 1]?.push(part);
      continue;
    }
    part.split(':').forEach((text, i) => {
      if (i > 0) fields.push([]);
      if (text !== '') fields[fields.length - 1]?.push(text);
    });
  }
  const [scheme, , service, , account] = fields;
  if (scheme?.length !== 1 || scheme[0] !== 'arn' || service?.length !== 1) return undefined;
  if (service[0] !== 'iam' && service[0] !== 'sts') return undefined;
  const hole = account?.length === 1 ? account[0] : undefined;
  return hole === undefined || typeof hole === 'string' || OWN_ACCOUNT_HOLES.has(hole.id) ? undefined : hole;
}

/**
 * The organizations that `keys` (by default `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths`)
 * confine the statement to, when literal; with `unknown`, one known only after deploy too, named
 * by its rendering (`${aws_organizations_organization.org.id}`), and the own one by policy variable
 * (`${aws:ResourceOrgID}`, also heading a path, `${aws:ResourceOrgID}/*`, and for the paths of the
 * own account, `${aws:ResourceOrgPaths}`).
 */
export function organizationsNamed(
  statement: Statement,
  keys: readonly string[] = CALLER_ORGANIZATION_KEYS,
  options: { readonly unknown?: boolean } = {},
): string[] {
  const named: string[] = [];
  for (const clause of restrictingClauses(statement, keys)) {
    const paths = clause.key.toLowerCase().endsWith('orgpaths');
    const organizations = clause.values.map((v): string | null | undefined => {
      if (!isSymbolic(v)) {
        if (/^o-[a-z0-9]+$/.test(v.split('/')[0] ?? '')) return v.split('/')[0];
        // The organization of the policy's own account, named by policy variable; the paths of
        // its own account (`${aws:ResourceOrgPaths}`) are headed by that organization. Without
        // `unknown` it is left out (`null`), the other organizations of the clause still named.
        const own = paths ? isOwnOrganizationPath(v) : v.toLowerCase() === '${aws:resourceorgid}';
        if (!own) return undefined;
        if (options.unknown !== true) return null;
        return paths ? '${aws:ResourceOrgID}' : v;
      }
      const part = organizationPart(v, paths);
      return options.unknown === true && part.some((p) => typeof p !== 'string')
        ? part.map((p) => (typeof p === 'string' ? p : '${' + p.source + '}')).join('')
        : undefined;
    });
    if (organizations.every((o): o is string | null => o !== undefined))
      named.push(...organizations.filter((o): o is string => o !== null));
  }
  return named;
}

/**
 * The values known only after deploy that stand for an account `keys` confine the statement to:
 * the whole value of an account key, or the account field of an ARN
 * (`arn:aws:iam::${Partner}:role/reader`), an input of the template or plan (`!Ref
 * PartnerAccount`, `var.partner_account`) or an attribute of another resource
 * (`aws_organizations_account.dev.id`), not the stack's or the provider's own account. Which
 * account it is cannot be told, unless the input lists the values it may take ({@link Hole.values}).
 */
export function accountHoles(
  statement: Statement,
  keys: AccountKeys,
  clauses: readonly ConditionClause[] = restrictingClauses(statement, [...keys.accounts, keys.arn]),
): { readonly hole: Hole; readonly value: PolicyValue; readonly pointer: string }[] {
  const found: { hole: Hole; value: PolicyValue; pointer: string }[] = [];
  for (const clause of clauses) {
    const arn = clause.key.toLowerCase() === keys.arn;
    for (const value of clause.values) {
      if (!isSymbolic(value)) continue;
      const hole = arn ? arnAccountHole(value) : value.parts.length === 1 ? value.parts[0] : undefined;
      if (hole !== undefined && typeof hole !== 'string' && !OWN_ACCOUNT_HOLES.has(hole.id) && hole.anyText !== true)
        found.push({ hole, value, pointer: clause.pointer });
    }
  }
  return found;
}

/** The hole that is the whole account field of an ARN of any service, if one is. */
function arnAccountHole(value: PolicyValue): Hole | undefined {
  if (!isSymbolic(value)) return undefined;
  const fields: (string | Hole)[][] = [[]];
  for (const part of value.parts) {
    if (typeof part !== 'string') fields[fields.length - 1]?.push(part);
    else
      part.split(':').forEach((text, i) => {
        if (i > 0) fields.push([]);
        if (text !== '') fields[fields.length - 1]?.push(text);
      });
  }
  const account = fields[0]?.[0] === 'arn' && fields[4]?.length === 1 ? fields[4][0] : undefined;
  return account === undefined || typeof account === 'string' ? undefined : account;
}

/**
 * The organizations known only after deploy that `keys` confine the statement to, each with the
 * first hole of its organization id (the whole value of `aws:PrincipalOrgID`, the head of an
 * organization path): an input of the template or plan (`!Ref OrgId`, `var.org_id`), the
 * organization the input itself creates or reads ({@link Hole.ownOrganization}), or an attribute
 * of anything else (`data.terraform_remote_state.org.outputs.id`, `"${aws_x.y.id}-*"`).
 */
export function organizationHoles(
  statement: Statement,
  keys: readonly string[] = CALLER_ORGANIZATION_KEYS,
  clauses: readonly ConditionClause[] = restrictingClauses(statement, keys),
): { readonly hole: Hole; readonly value: PolicyValue; readonly pointer: string; readonly paths: boolean }[] {
  const found: { hole: Hole; value: PolicyValue; pointer: string; paths: boolean }[] = [];
  for (const clause of clauses) {
    const paths = clause.key.toLowerCase().endsWith('orgpaths');
    for (const value of clause.values) {
      if (!isSymbolic(value)) continue;
      const hole = organizationPart(value, paths).find((p): p is Hole => typeof p !== 'string');
      if (hole !== undefined) found.push({ hole, value, pointer: clause.pointer, paths });
    }
  }
  return found;
}

/**
 * The organizations a value known only after deploy may be, when that can be told: the values an
 * input heading it lists ({@link Hole.values}), or, for the organization the input itself creates
 * or reads, the one trusted organization when the configuration lists exactly one (its own).
 */
export function organizationChoices(
  value: PolicyValue,
  organizationIds: readonly string[],
  paths: boolean,
): readonly string[] | undefined {
  // Only a value whose organization is the one hole heading it is one of its choices.
  const part = isSymbolic(value) ? organizationPart(value, paths) : [];
  const head = part.length === 1 ? part[0] : undefined;
  if (head === undefined || typeof head === 'string') return undefined;
  if (head.ownOrganization === true) return organizationIds.length === 1 ? organizationIds : undefined;
  return isInputHole(head) ? head.values : undefined;
}

/** Is the statement confined by `keys` (by default `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths`) to organizations among `organizationIds`? */
export function withinTrustedOrganization(
  statement: Statement,
  organizationIds: readonly string[],
  keys: readonly string[] = CALLER_ORGANIZATION_KEYS,
): boolean {
  const clauses = restrictingClauses(statement, keys);
  // An organization path starts with the organization id: `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
  return clauses.some((c) => {
    const paths = c.key.toLowerCase().endsWith('orgpaths');
    const trusted = (v: string): boolean => organizationIds.includes(paths ? (v.split('/')[0] ?? '') : v);
    return c.values.every((v) => {
      if (typeof v === 'string') return trusted(v);
      const choices = organizationChoices(v, organizationIds, paths);
      return choices !== undefined && choices.length > 0 && choices.every(trusted);
    });
  });
}

/**
 * The parts of a value that make its organization id: all of them for `aws:PrincipalOrgID`, those
 * before the first `/` for an organization path (`${OrgId}/r-ab12/ou-*`).
 */
function organizationPart(value: SymbolicValue, paths: boolean): (string | Hole)[] {
  if (!paths) return [...value.parts];
  const part: (string | Hole)[] = [];
  for (const p of value.parts) {
    if (typeof p === 'string' && p.includes('/')) {
      const before = p.slice(0, p.indexOf('/'));
      if (before !== '') part.push(before);
      break;
    }
    part.push(p);
  }
  return part;
}
