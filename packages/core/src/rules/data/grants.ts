/**
 * What a principal may do on every resource: the Allow statements of all its identity policies
 * that grant an action without a resource or condition restriction, read the way AWS reads them
 * (NotAction, NotResource, wildcard ARNs, denies and the boundary through `context.permissions`).
 * Shared by the privilege-escalation, credentials-exposure and data-exfiltration rules.
 */
import type { ConditionClause, Statement } from '../../model/policy';
import { parsePolicy } from '../../model/parse';
import { matchPolicyValue } from '../../match/value';
import { isSymbolic } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PolicySubject } from '../rule';
import { coversEveryResource, isRestrictingClause } from '../statement-helpers';
import { matchWildcard } from '../../match/wildcard';

/** A statement with the policy it comes from. */
export interface OwnedStatement {
  readonly statement: Statement;
  /** `PolicySource.id` of its policy. */
  readonly policyId: string;
  readonly policyName: string;
}

const parsedDocuments = new WeakMap<object, readonly Statement[]>();
// Terraform documents are JSON text: remembered by their text, a bounded number of them.
const parsedTexts = new Map<string, readonly Statement[]>();
const MAX_TEXTS = 10_000;

function statementsOf(document: unknown): readonly Statement[] {
  if (document === null || document === undefined) return [];
  const cached =
    typeof document === 'object'
      ? parsedDocuments.get(document)
      : typeof document === 'string'
        ? parsedTexts.get(document)
        : undefined;
  if (cached) return cached;
  const parsed = parsePolicy(document, { type: 'identity' });
  const statements = parsed.ok ? parsed.value.statements : [];
  if (typeof document === 'object') parsedDocuments.set(document, statements);
  else if (typeof document === 'string') {
    if (parsedTexts.size >= MAX_TEXTS) parsedTexts.clear();
    parsedTexts.set(document, statements);
  }
  return statements;
}

// A statement's Action/NotAction read once: exact names in a set, wildcard patterns kept with
// their service, so that asking about many actions (every principal, every sensitive action)
// costs a set lookup in the common exact case.
interface ActionMatcher {
  readonly negated: boolean;
  readonly exact: ReadonlySet<string>;
  readonly wildcards: readonly { readonly pattern: string; readonly service: string | undefined }[];
}

const matchers = new WeakMap<Statement, ActionMatcher | null>();

function matcherOf(statement: Statement): ActionMatcher | null {
  let matcher = matchers.get(statement);
  if (matcher !== undefined) return matcher;
  const set = statement.action;
  if (set === undefined) matcher = null;
  else {
    const exact = new Set<string>();
    const wildcards: { pattern: string; service: string | undefined }[] = [];
    for (const raw of set.values) {
      const pattern = raw.toLowerCase();
      if (!/[*?]/.test(pattern)) exact.add(pattern);
      else {
        const colon = pattern.indexOf(':');
        const service = colon > 0 && !/[*?]/.test(pattern.slice(0, colon)) ? pattern.slice(0, colon + 1) : undefined;
        wildcards.push({ pattern, service });
      }
    }
    matcher = { negated: set.negated, exact, wildcards };
  }
  matchers.set(statement, matcher);
  return matcher;
}

/** `actionMatches` of statement-helpers, reading each statement's Action once (actions compare without case). */
export function allowsAction(statement: Statement, action: string): boolean {
  const matcher = matcherOf(statement);
  if (matcher === null) return false;
  const lower = action.toLowerCase();
  const listed =
    matcher.exact.has(lower) ||
    matcher.wildcards.some(
      (w) => (w.service === undefined || lower.startsWith(w.service)) && matchWildcard(w.pattern, lower),
    );
  return matcher.negated ? !listed : listed;
}

/**
 * The actions (lowercase) the Allow statements name exactly, or undefined when one of them uses a
 * wildcard or NotAction (then any action may be allowed): lets a caller skip actions no statement
 * can allow.
 */
export function exactAllowedActions(statements: readonly OwnedStatement[]): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const { statement } of statements) {
    if (statement.effect !== 'Allow') continue;
    const matcher = matcherOf(statement);
    if (matcher === null) continue;
    if (matcher.negated || matcher.wildcards.length > 0) return undefined;
    for (const name of matcher.exact) names.add(name);
  }
  return names;
}

/**
 * The statements of every identity policy of the subject's principal, in attachment order (for a
 * standalone policy: its own statements). Permissions split over several policies add up.
 */
export function principalStatements(subject: PolicySubject, catalog: ActionCatalog): OwnedStatement[] {
  const own = (subject.parsed.ok ? subject.parsed.value.statements : []).map((statement) => ({
    statement,
    policyId: subject.source.id,
    policyName: subject.source.name,
  }));
  const principal = subject.principal;
  if (principal === undefined || subject.type !== 'identity') return own;
  if (subject.identityPolicies !== undefined) return withSiblings(subject, subject.identityPolicies, own);
  const all: OwnedStatement[] = [];
  let seenOwn = false;
  for (const attachment of principal.policies) {
    const arn = typeof attachment.arn === 'string' ? attachment.arn : undefined;
    const id = attachment.policy?.id ?? arn;
    if (id === subject.source.id) {
      if (!seenOwn) all.push(...own);
      seenOwn = true;
      continue;
    }
    if (attachment.policy?.unresolved) continue;
    const document =
      attachment.policy?.document ??
      (attachment.kind === 'aws-managed' && arn !== undefined ? catalog.awsManagedPolicy?.(arn) : undefined);
    const name = attachment.policy?.name ?? arn ?? '';
    for (const statement of statementsOf(document)) all.push({ statement, policyId: id ?? name, policyName: name });
  }
  if (!seenOwn) all.push(...own);
  return all;
}

/** {@link principalStatements} from the policies the engine already parsed, in attachment order. */
function withSiblings(
  subject: PolicySubject,
  siblings: readonly PolicySubject[],
  own: readonly OwnedStatement[],
): OwnedStatement[] {
  const all: OwnedStatement[] = [];
  let seenOwn = false;
  for (const sibling of siblings) {
    if (sibling.source.id === subject.source.id) {
      if (!seenOwn) all.push(...own);
      seenOwn = true;
      continue;
    }
    const arn = typeof sibling.attachment?.arn === 'string' ? sibling.attachment.arn : undefined;
    const id = sibling.attachment?.policy?.id ?? arn;
    const name = sibling.attachment?.policy?.name ?? arn ?? '';
    const statements = sibling.parsed.ok ? sibling.parsed.value.statements : [];
    for (const statement of statements) all.push({ statement, policyId: id ?? name, policyName: name });
  }
  if (!seenOwn) all.push(...own);
  return all;
}

/**
 * True when a resource ARN pattern names every resource of its type (`role/*`, `function:*`,
 * `arn:aws:s3:::*`, `*`). The service of the ARN may differ from the action's (`ssm:SendCommand`
 * acts on EC2 instances).
 */
function isUnrestrictedArn(value: PolicyValue): boolean {
  if (isSymbolic(value)) return false;
  if (value === '*') return true;
  const match = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(value);
  if (!match) return false;
  const [, arnService = '', resource = ''] = match;
  // S3 ARNs have no resource-type word: the first segment is the bucket name.
  const rest = arnService === 's3' ? resource : resource.replace(/^[A-Za-z][A-Za-z0-9-]*[/:](?=.)/, '');
  return rest.includes('*') && /^[*/:]+$/.test(rest);
}

/** Does the statement apply to every resource of some type (so to every resource an action may act on)? */
export function coversAllResourcesOf(statement: Statement): boolean {
  if (coversEveryResource(statement)) return true;
  const set = statement.resource;
  if (set === undefined || set.negated) return false;
  return set.values.some(isUnrestrictedArn);
}

/** Does the statement's resource list name one of `targets` (the principal itself, its policies)? */
export function namesOneOf(statement: Statement, targets: readonly PolicyValue[]): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated || targets.length === 0) return false;
  return set.values.some((pattern) => targets.some((t) => matchPolicyValue(pattern, t) === 'match'));
}

/**
 * The restricting condition clauses of a statement, except those `tolerated` says do not stop
 * the request in question (e.g. an `iam:PassedToService` that lets the role go to the service).
 */
export function constrainingClauses(
  statement: Statement,
  tolerated: (clause: ConditionClause) => boolean = () => false,
): ConditionClause[] {
  return statement.conditions.filter(
    (c) => isRestrictingClause(c) && !NON_SCOPING_KEYS.has(c.key.toLowerCase()) && !tolerated(c),
  );
}

// Keys that say when, from where in AWS or over what transport a request is made, not on which
// resources: a statement conditioned on them still reaches every resource.
const NON_SCOPING_KEYS: ReadonlySet<string> = new Set([
  'aws:requestedregion',
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:useragent',
]);

/** Is the clause about the tags of the request (which the caller chooses, so it only labels what it creates)? */
export function isRequestTagClause(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  return key.startsWith('aws:requesttag/') || key === 'aws:tagkeys';
}

/** Is the statement an Allow of every action on every resource (reported as administrator access)? */
export function isFullAccess(statement: Statement): boolean {
  const action = statement.action;
  return (
    statement.effect === 'Allow' &&
    action !== undefined &&
    !action.negated &&
    action.values.some((a) => a === '*' || a === '*:*') &&
    coversEveryResource(statement)
  );
}
