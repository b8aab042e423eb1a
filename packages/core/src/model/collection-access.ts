/**
 * An OpenSearch Serverless data access policy (a JSON list of entries, each `Rules` on collections,
 * indexes or dashboards for a list of `Principal`s) as the IAM statements of what it lets each
 * principal do. Adapters build the statements; the rules judge them.
 */
import { describeFound, isRecord } from './shape';
import { isSymbolic } from './symbolic';
import type { PolicyValue } from './symbolic';

/** How an adapter names what a data access policy protects and who it names. */
export interface CollectionAccessNames {
  /** The ARN of the account's resources of `rest` (`collection/*`, `dashboards/default`). */
  readonly arnOf: (rest: string) => PolicyValue;
  /** An IAM principal as written (an account id, an IAM ARN, a value known only after deploy) as a `Principal` `AWS` value. */
  readonly principalOf: (principal: PolicyValue) => PolicyValue;
}

/**
 * The statements of a data access policy: each entry lets its IAM principals (roles, users,
 * accounts; SAML users and groups of the account's own identity provider are left) reach the
 * collections and indexes of its rules through the data plane, which IAM gates with
 * `aoss:APIAccessAll` (`aoss:DashboardsAccessAll` for dashboards). A `*` principal is every IAM
 * principal of every account (each request is signed), as `Principal: {AWS: "*"}` reads: once
 * left out, a policy open to all was silent. The rules name collections by name, and their ARNs
 * are made of ids: the statement is on the collections of the account. `undefined` when `entries`
 * is neither a list of entries nor one entry (`42`, text that is no JSON): no data access policy,
 * which adapters report (`collectionAccessProblem`).
 */
export function collectionAccessStatements(
  entries: unknown,
  names: CollectionAccessNames,
): Record<string, unknown>[] | undefined {
  if (!Array.isArray(entries) && !isRecord(entries)) return undefined;
  const statements: Record<string, unknown>[] = [];
  for (const entry of recordsOf(Array.isArray(entries) ? entries : [entries])) {
    const listed: unknown = entry['Principal'];
    const principals = (Array.isArray(listed) ? listed : [listed]).filter(
      (p): p is PolicyValue =>
        isSymbolic(p) || (typeof p === 'string' && /^(?:\*|\d{12}|arn:[^:]+:(?:iam|sts)::.*)$/.test(p)),
    );
    const kinds = new Set(recordsOf(entry['Rules']).map((rule) => rule['ResourceType']));
    const actions = [
      ...(kinds.has('collection') || kinds.has('index') ? ['aoss:APIAccessAll'] : []),
      ...(kinds.has('dashboard') ? ['aoss:DashboardsAccessAll'] : []),
    ];
    if (principals.length === 0 || actions.length === 0) continue;
    statements.push({
      Effect: 'Allow',
      Principal: { AWS: principals.map((p) => names.principalOf(p)) },
      Action: actions,
      Resource: [
        ...(actions.includes('aoss:APIAccessAll') ? [names.arnOf('collection/*')] : []),
        ...(actions.includes('aoss:DashboardsAccessAll') ? [names.arnOf('dashboards/default')] : []),
      ],
    });
  }
  return statements;
}

function recordsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
}

/**
 * What is wrong with a value written as a data access policy that is neither a list of entries
 * nor one entry (`42`, `[42]`), said as what it is beside what one is; `undefined` when it is either.
 */
export function collectionAccessProblem(entries: unknown): string | undefined {
  const expected =
    'an OpenSearch Serverless data access policy must be a list of entries, each with `Rules` and `Principal`';
  if (isRecord(entries)) return undefined;
  if (!Array.isArray(entries)) return `${expected}, found ${describeFound(entries)}`;
  // A list of values that are no entries (`[42]`) grants nothing the rules could see: as `42`.
  const items = entries as unknown[];
  const stray = items.findIndex((item) => !isRecord(item) && !isSymbolic(item));
  return stray < 0 ? undefined : `${expected}, found ${describeFound(items[stray])} as entry ${String(stray + 1)}`;
}
