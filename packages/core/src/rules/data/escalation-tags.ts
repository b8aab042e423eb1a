/**
 * Escalation around tag-scoped permissions (attribute-based access control): an Allow limited to
 * resources tagged `team` = `${aws:PrincipalTag/team}` (or a literal) reaches every resource of
 * the account once the same principal may set that tag on them (`ec2:CreateTags`,
 * `secretsmanager:TagResource`, ... on resources it does not own yet), and an Allow that depends on
 * the principal's own tag reaches whatever it likes once it may retag itself (`iam:TagRole` on its
 * own role). The documented ABAC pattern keeps the scoping key out of the caller's hands: tagging
 * only resources it already owns (`aws:ResourceTag/team` on the tagging statement too), only while
 * creating them (`ec2:CreateAction`), only other keys (`aws:TagKeys`), or only with the value it
 * already has (`aws:RequestTag/team` = `${aws:PrincipalTag/team}` when retagging itself; on
 * resources that value alone still relabels another team's resource as the caller's).
 */
import { matchWildcard } from '../../match/wildcard';
import { getAction } from '../../catalog/actions';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PermissionQueries } from '../../analysis/permissions';
import { actionMatcherOf, actionMatches, isRestrictingClause } from '../statement-helpers';
import type { PolicySubject, RuleContext } from '../rule';
import { listValues, ownerOf } from '../describe';
import type { OwnedStatement, RequestOf } from './grants';
import {
  constrainingClauses,
  coversAllResourcesOf,
  coversAllResourcesFor,
  namesOneOf,
  principalStatements,
} from './grants';
import { isServiceOwnedGrant } from './service-roles';

/** `resource`: other resources retagged into the scope; `self`: the principal retags itself. */
type TagBypassKind = 'resource' | 'self';

/** A tag-scoped grant the principal can widen, and the grant that lets it set the tag. */
interface TagBypass {
  readonly kind: TagBypassKind;
  /** The tag key as written in the scoping condition (`team`). */
  readonly key: string;
  /** The value the scope requires, as written (`${aws:PrincipalTag/team}`, `blue`). */
  readonly value: string;
  readonly scoped: OwnedStatement;
  /** The actions of the scoped statement, as written. */
  readonly scopedActions: readonly string[];
  readonly tagging: OwnedStatement;
  /** The tag-setting actions the tagging statement allows. */
  readonly taggingActions: readonly string[];
}

/** One tag the scoped statement requires: on the resource, or on the principal itself. */
interface Scope {
  readonly kind: TagBypassKind;
  readonly key: string;
  readonly values: readonly string[];
  /** Service prefixes of the scoped actions (`undefined`: every service). */
  readonly services: ReadonlySet<string> | undefined;
}

/** Principal-tag references in a value: `${aws:PrincipalTag/team}` names the principal's `team`. */
const PRINCIPAL_TAG_REF = /\$\{aws:principaltag\/([^}]+)\}/gi;
const RESOURCE_TAG_KEY = /^[a-z0-9-]+:resourcetag\/(.+)$/i;
const PRINCIPAL_TAG_KEY = /^aws:principaltag\/(.+)$/i;
const POSITIVE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);

/** The principal's own tagging actions, by kind of principal. */
const SELF_TAGGING: Readonly<Record<'role' | 'user', string>> = { role: 'iam:TagRole', user: 'iam:TagUser' };

/** What the caller is known to be, for retagging itself. */
interface TagSelf {
  /** `undefined`: a standalone policy, which may be a role's or a user's. */
  readonly kind: 'role' | 'user' | undefined;
  /** Its ARN, when known. */
  readonly arn: readonly PolicyValue[];
}

/**
 * The tag-scoped grants of `statements` the principal may widen by setting the scoping tag, at
 * most one per tagging statement and kind (the first scoped statement it widens).
 */
function tagBypasses(
  statements: readonly OwnedStatement[],
  self: TagSelf,
  catalog: ActionCatalog,
  permissions: PermissionQueries,
): TagBypass[] {
  const scoped = statements.flatMap((owned) => scopesOf(owned.statement).map((scope) => ({ owned, scope })));
  if (scoped.length === 0) return [];
  const out: TagBypass[] = [];
  const seen = new Set<string>();
  for (const tagging of statements) {
    const statement = tagging.statement;
    if (statement.effect !== 'Allow' || !mayTag(statement)) continue;
    for (const { owned, scope } of scoped) {
      const key = `${tagging.policyId} ${statement.pointer} ${scope.kind}`;
      if (seen.has(key)) continue;
      const actions =
        scope.kind === 'self'
          ? selfTaggingActions(statement, self)
          : resourceTaggingActions(statement, scope.services, catalog);
      const open = actions.filter(
        (a) =>
          permissions.blockedEverywhere(a) !== 'yes' &&
          setsScopingTag(statement, scope, { action: a, partition: permissions.partition }),
      );
      if (open.length === 0) continue;
      seen.add(key);
      out.push({
        kind: scope.kind,
        key: scope.key,
        value: scope.values[0] ?? '',
        scoped: owned,
        scopedActions: (owned.statement.action?.values ?? []).map(valueToString),
        tagging,
        taggingActions: open,
      });
    }
  }
  return out;
}

/**
 * The tags an Allow statement requires (a positive test of `aws:ResourceTag/k`, or of the
 * principal's own tag through `aws:PrincipalTag/k` or a `${aws:PrincipalTag/k}` value).
 */
function scopesOf(statement: Statement): readonly Scope[] {
  // Asked of each statement of every policy of every principal: a managed policy's statement is
  // read once, however many principals attach it.
  if (statement.conditions.length === 0) return [];
  let scopes = statementScopes.get(statement);
  if (scopes === undefined) statementScopes.set(statement, (scopes = readScopes(statement)));
  return scopes;
}

const statementScopes = new WeakMap<Statement, readonly Scope[]>();

function readScopes(statement: Statement): readonly Scope[] {
  if (statement.effect !== 'Allow' || statement.action === undefined || statement.action.negated) return [];
  if (!statement.conditions.some(isScopingClause)) return [];
  const services = servicesOf(statement);
  const out: Scope[] = [];
  for (const clause of statement.conditions) {
    if (!isScopingClause(clause)) continue;
    const values = clause.values.map(valueToString);
    const resourceKey = RESOURCE_TAG_KEY.exec(clause.key)?.[1];
    if (resourceKey !== undefined && !isReservedTagKey(resourceKey))
      out.push({ kind: 'resource', key: resourceKey, values, services });
    const principalKey = PRINCIPAL_TAG_KEY.exec(clause.key)?.[1];
    if (principalKey !== undefined && !isReservedTagKey(principalKey))
      out.push({ kind: 'self', key: principalKey, values, services });
    // `aws:ResourceTag/team` = `${aws:PrincipalTag/team}`: the principal's own tag picks the resources.
    if (resourceKey !== undefined)
      for (const value of values)
        for (const ref of value.matchAll(PRINCIPAL_TAG_REF))
          if (!isReservedTagKey(ref[1] as string))
            out.push({ kind: 'self', key: ref[1] as string, values: [value], services });
  }
  return out;
}

/**
 * A tag key only AWS sets (`aws:cloudformation:stack-id`, `aws:autoscaling:groupName`): IAM and
 * the tagging APIs refuse a key that starts with `aws:`, so no caller can move a resource (or
 * itself) into a scope on it.
 */
function isReservedTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

// A positive test (not a set operator, not `...IfExists` on the principal: a principal without the
// tag is refused) that lets only some values through.
function isScopingClause(clause: ConditionClause): boolean {
  if (!POSITIVE.has(clause.baseOperator) || clause.setOperator !== undefined) return false;
  const key = clause.key.toLowerCase();
  if (RESOURCE_TAG_KEY.test(key)) return clause.values.length > 0 && !clause.values.includes('*');
  return PRINCIPAL_TAG_KEY.test(key) && isRestrictingClause(clause);
}

/** The service prefixes of the statement's actions; `undefined` when a pattern names every service. */
function servicesOf(statement: Statement): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const value of statement.action?.values ?? []) {
    const text = valueToString(value).toLowerCase();
    const colon = text.indexOf(':');
    if (colon < 0 || /[*?]/.test(text.slice(0, colon))) return undefined;
    out.add(text.slice(0, colon));
  }
  return out;
}

/**
 * The tag-setting actions (access level Tagging, not a removal) of the scoped services the
 * statement allows on every resource of some type: it can label resources it does not own yet.
 */
function resourceTaggingActions(
  statement: Statement,
  services: ReadonlySet<string> | undefined,
  catalog: ActionCatalog,
): string[] {
  if (!coversAllResourcesOf(statement)) return [];
  const candidates = (services === undefined ? taggingPatterns(statement) : [...services])
    .flatMap((service) => settingTags(catalog, service))
    .filter((a) => actionMatches(statement, a) && coversAllResourcesFor(statement, a));
  return [...new Set(candidates)];
}

/**
 * Whether the statement may allow a tagging action at all (`ec2:CreateTags`, `*:TagResource`,
 * `rds:AddTagsToResource`, a pattern, a NotAction): most statements name none.
 */
function mayTag(statement: Statement): boolean {
  // The matcher other rules already built: its names are lowercase, patterns apart.
  const matcher = actionMatcherOf(statement);
  if (matcher === null) return false;
  if (matcher.negated || matcher.wildcards.length > 0) return true;
  for (const name of matcher.exact) if (name.includes('tag')) return true;
  return false;
}

// The tag-setting actions of each service, by catalog (asked for every tagging statement of a scan).
const settingByCatalog = new WeakMap<ActionCatalog, Map<string, readonly string[]>>();

function settingTags(catalog: ActionCatalog, service: string): readonly string[] {
  let byService = settingByCatalog.get(catalog);
  if (byService === undefined) settingByCatalog.set(catalog, (byService = new Map<string, readonly string[]>()));
  let actions = byService.get(service);
  if (actions === undefined) {
    actions = (catalog.expand(`${service}:*`) ?? []).filter((a) => isSettingTags(catalog, a));
    byService.set(service, actions);
  }
  return actions;
}

// For a scope over every service: the services the tagging statement names.
function taggingPatterns(statement: Statement): string[] {
  return (statement.action?.values ?? []).flatMap((value) => {
    const text = valueToString(value).toLowerCase();
    const colon = text.indexOf(':');
    return colon > 0 && !/[*?]/.test(text.slice(0, colon)) ? [text.slice(0, colon)] : [];
  });
}

function isSettingTags(catalog: ActionCatalog, action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1);
  return catalog.accessLevel(action) === 'Tagging' && !/^(?:Untag|Remove|Delete)/.test(name);
}

/** `iam:TagRole` / `iam:TagUser` on the principal itself (its ARN, or every role or user). */
function selfTaggingActions(statement: Statement, self: TagSelf): string[] {
  const kinds = self.kind === undefined ? (['role', 'user'] as const) : [self.kind];
  return kinds
    .map((kind) => SELF_TAGGING[kind])
    .filter(
      (action) =>
        actionMatches(statement, action) &&
        (coversAllResourcesFor(statement, action) || namesOneOf(statement, self.arn)),
    );
}

/**
 * Whether the tagging statement lets the caller set the scope's key to a value the scope admits,
 * on a resource outside the scope (or, for `self`, on itself to another value).
 */
function setsScopingTag(statement: Statement, scope: Scope, request: RequestOf): boolean {
  const key = scope.key.toLowerCase();
  for (const clause of statement.conditions) {
    const clauseKey = clause.key.toLowerCase();
    const resourceKey = RESOURCE_TAG_KEY.exec(clauseKey)?.[1];
    if (resourceKey !== undefined) {
      // Tagging only resources that already carry the key (or lack it, with `Null`): for others'
      // resources the scope already decided. On itself the principal's tag is its resource tag.
      if (resourceKey === key && !(scope.kind === 'self' && namesOwnTag(clause, key))) return false;
      continue;
    }
    if (clauseKey === 'aws:tagkeys') {
      if (!admitsKey(clause, key)) return false;
      continue;
    }
    if (clauseKey === `aws:requesttag/${key}`) {
      if (!admitsValue(clause, scope)) return false;
      continue;
    }
    // Tagging only while creating a resource (`ec2:CreateAction`) or under another condition that
    // decides which resources, or in a Region the tagging call is never sent to: not claimed.
    if (constrainingClauses({ ...statement, conditions: [clause] }, isOtherRequestTag, request).length > 0)
      return false;
  }
  return true;
}

function isOtherRequestTag(clause: ConditionClause): boolean {
  return clause.key.toLowerCase().startsWith('aws:requesttag/');
}

/** `aws:ResourceTag/team` = `${aws:PrincipalTag/team}`: true of the principal's own resource tag. */
function namesOwnTag(clause: ConditionClause, key: string): boolean {
  return (
    POSITIVE.has(clause.baseOperator) &&
    clause.values.some((v) => valueToString(v).toLowerCase() === `\${aws:principaltag/${key}}`)
  );
}

/** Whether an `aws:TagKeys` clause lets a request that sets `key` (with the keys it needs) through. */
function admitsKey(clause: ConditionClause, key: string): boolean {
  const values = clause.values.map(valueToString);
  const ignoreCase = true;
  const named = values.some((v) => matchWildcard(v, key, { ignoreCase }));
  const base = clause.baseOperator;
  if (base === 'Null') return values.some((v) => v.toLowerCase() === 'false');
  // `ForAnyValue`: one key of the request that passes is enough, the scoping key may come with it
  // (`ForAnyValue:StringNotEquals` on the key keeps it out of nothing).
  if (clause.setOperator === 'ForAnyValue') return true;
  return base.startsWith('StringNot') ? !named : named;
}

/** Whether an `aws:RequestTag/<key>` clause lets the caller set a value that lets the scope (or itself) change. */
function admitsValue(clause: ConditionClause, scope: Scope): boolean {
  const values = clause.values.map(valueToString);
  const base = clause.baseOperator;
  if (base === 'Null') return values.some((v) => v.toLowerCase() === 'false');
  const own = `\${aws:principaltag/${scope.key.toLowerCase()}}`;
  // Retagging itself with the value it has changes nothing. On a resource it does not own yet, the
  // same value relabels another team's resource as its own: AWS's ABAC tutorials pin the resource
  // tag on their tagging statements too (`aws:ResourceTag/team`), or tag only on creation, and
  // those pass (`setsScopingTag`); a statement with the request tag alone is the bypass.
  if (scope.kind === 'self') return !(POSITIVE.has(base) && values.every((v) => v.toLowerCase() === own));
  const ignoreCase = base.endsWith('IgnoreCase');
  const like = base.includes('Like');
  const matches = (pattern: string, wanted: string): boolean =>
    like
      ? matchWildcard(pattern, wanted, { ignoreCase })
      : ignoreCase
        ? pattern.toLowerCase() === wanted.toLowerCase()
        : pattern === wanted;
  const admitted = scope.values.some((wanted) => values.some((v) => matches(v, wanted)));
  if (POSITIVE.has(base)) return admitted;
  if (base.startsWith('StringNot')) return !admitted;
  return true;
}

function isTagging(statement: Statement): boolean {
  return statement.effect === 'Allow' && mayTag(statement);
}

// Whether some policy of a principal holds a tag-scoped grant, asked once per principal (keyed by
// its parsed policies, or the principal itself). A `false` stays true of the principal's other
// policies; the subject's own statements are read again in case they are not among them.
const scopedPrincipals = new WeakMap<object, boolean>();

/** Whether the principal of the subject (or the standalone policy) may hold a tag-scoped grant. */
function mayHoldScope(subject: PolicySubject, catalog: ActionCatalog): boolean {
  const own = subject.parsed.ok ? subject.parsed.value.statements : [];
  if (own.some((statement) => scopesOf(statement).length > 0)) return true;
  const key = subject.identityPolicies ?? subject.principal;
  if (key === undefined || subject.type !== 'identity') return false;
  let scoped = scopedPrincipals.get(key);
  if (scoped === undefined) {
    scoped = principalStatements(subject, catalog).some(({ statement }) => scopesOf(statement).length > 0);
    scopedPrincipals.set(key, scoped);
  }
  return scoped;
}

/** The message ids the tag paths are reported with. */
export interface TagMessages<M extends string> {
  /** Other resources retagged into the scope. */
  readonly resource: M;
  /** The principal retags itself. */
  readonly self: M;
}

/** The ids of the two paths (our own: pathfinding.cloud has none for ABAC). */
const TAG_PATHS: Readonly<Record<TagBypassKind, string>> = {
  resource: 'tag-scope-retag-resource',
  self: 'tag-scope-retag-self',
};

/**
 * Reports the tag-scoped grants of the subject's principal that it may widen, once per tagging
 * statement of this policy and kind, located at the tagging statement (the one to narrow).
 */
export function reportTagBypasses<M extends string>(
  context: RuleContext<M>,
  subject: PolicySubject,
  messages: TagMessages<M>,
): void {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
  // Most policies set no tag and most principals hold no tag-scoped grant: neither needs the
  // principal's statements gathered and read again for each of its policies.
  if (!subject.parsed.value.statements.some(isTagging)) return;
  if (!mayHoldScope(subject, context.catalog)) return;
  const statements = principalStatements(subject, context.catalog);
  const principal = subject.principal;
  const kind = principal?.kind === 'role' || principal?.kind === 'user' ? principal.kind : undefined;
  const self: TagSelf = { kind, arn: principal?.arn !== undefined ? [principal.arn] : [] };
  for (const bypass of tagBypasses(statements, self, context.catalog, context.permissions)) {
    if (bypass.tagging.policyId !== subject.source.id) continue;
    const own = subject.parsed.value.statements.find((s) => s.pointer === bypass.tagging.statement.pointer);
    const path = TAG_PATHS[bypass.kind];
    context.report({
      messageId: messages[bypass.kind],
      data: {
        owner: ownerOf(subject),
        scoped: listValues([...bypass.scopedActions]),
        key: bypass.key,
        value: bypass.value,
        tagging: listValues([...bypass.taggingActions]),
        path: `path \`${path}\``,
      },
      statement: own ?? bypass.tagging.statement,
      key: `${path} ${bypass.key}`,
      evidence: {
        path,
        tag: bypass.key,
        scopedBy: { policy: bypass.scoped.policyName, pointer: bypass.scoped.statement.pointer, value: bypass.value },
        actions: bypass.taggingActions,
        grantedBy: [
          { actions: bypass.scopedActions, policy: bypass.scoped.policyName, pointer: bypass.scoped.statement.pointer },
          {
            actions: bypass.taggingActions,
            policy: bypass.tagging.policyName,
            pointer: bypass.tagging.statement.pointer,
          },
        ],
      },
    });
  }
}

/**
 * The actions with which the principal may make any role pass a test of its tag
 * (`iam:ResourceTag/usage` = `lambda` on `iam:PassRole`, or the tag present with `Null` `false`):
 * `iam:TagRole` on every role setting that key to a value the test admits. Empty when the test is
 * not one of those or the principal may not: the tag then limits which roles it reaches.
 */
export function roleRetaggingFor(
  clause: ConditionClause,
  statements: readonly OwnedStatement[],
  permissions: PermissionQueries,
): string[] {
  const key = RESOURCE_TAG_KEY.exec(clause.key)?.[1];
  if (key === undefined || clause.setOperator !== undefined || clause.ifExists) return [];
  const values = clause.values.map(valueToString);
  const present = clause.baseOperator === 'Null' && values.every((v) => v.toLowerCase() === 'false');
  if (!present && !isScopingClause(clause)) return [];
  const action = 'iam:TagRole';
  const request = { action, partition: permissions.partition };
  if (permissions.blockedEverywhere(action) === 'yes') return [];
  const scope: Scope = { kind: 'resource', key, values, services: new Set(['iam']) };
  const sets = (statement: Statement): boolean =>
    statement.effect === 'Allow' &&
    actionMatches(statement, action) &&
    coversAllResourcesFor(statement, action) &&
    // A tag present with any value: whichever value the tagging statement lets through will do.
    (present ? setsAnyValue(statement, key, request) : setsScopingTag(statement, scope, request));
  return statements.some(({ statement }) => sets(withoutTestsAdmittingUntagged(statement, key))) ? [action] : [];
}

/**
 * The tagging statement without its tests on the role's own `key` tag that let through the roles
 * lacking it (`Null` `true`, a negated test such as `StringNotEquals` `usage` `lambda`): the roles the
 * caller wants to re-tag are among those, so such a test does not keep it from them.
 */
function withoutTestsAdmittingUntagged(statement: Statement, key: string): Statement {
  const admitsUntagged = (c: ConditionClause): boolean => {
    const own = RESOURCE_TAG_KEY.exec(c.key)?.[1];
    if (own === undefined || own.toLowerCase() !== key.toLowerCase() || c.setOperator !== undefined) return false;
    if (c.baseOperator === 'Null') return c.values.every((v) => valueToString(v).toLowerCase() === 'true');
    return c.baseOperator.startsWith('StringNot');
  };
  const kept = statement.conditions.filter((c) => !admitsUntagged(c));
  return kept.length === statement.conditions.length ? statement : { ...statement, conditions: kept };
}

/** Whether the tagging statement lets the caller set `key` to some value (any test on its request tag but `Null` `true`). */
function setsAnyValue(statement: Statement, key: string, request: RequestOf): boolean {
  const own = statement.conditions.filter((c) => c.key.toLowerCase() === `aws:requesttag/${key.toLowerCase()}`);
  if (own.some((c) => c.baseOperator === 'Null' && c.values.some((v) => valueToString(v).toLowerCase() === 'true')))
    return false;
  const others = statement.conditions.filter((c) => !own.includes(c));
  return setsScopingTag(
    { ...statement, conditions: others },
    { kind: 'resource', key, values: [], services: undefined },
    request,
  );
}

/**
 * The actions with which the principal creates a resource already carrying the tag a test on it
 * wants (`aws:ResourceTag/project` = `${aws:PrincipalTag/project}` on `lambda:InvokeFunction`): the
 * creating action, with `service:TagResource` where the service has it (Lambda asks for both to tag
 * a function as it creates it), each allowed on every resource with request-tag conditions that let
 * that value through. Empty when the test is not on one tag value or the principal may not.
 */
export function taggingOnCreate(
  clause: ConditionClause,
  creating: string,
  statements: readonly OwnedStatement[],
  permissions: PermissionQueries,
): string[] {
  const key = RESOURCE_TAG_KEY.exec(clause.key)?.[1];
  if (key === undefined || !isScopingClause(clause) || clause.key.toLowerCase().startsWith('iam:')) return [];
  const scope: Scope = { kind: 'resource', key, values: clause.values.map(valueToString), services: undefined };
  const service = creating.slice(0, creating.indexOf(':'));
  const tagging = getAction(`${service}:TagResource`) !== undefined ? [`${service}:TagResource`] : [];
  const actions = [creating, ...tagging];
  const allowed = (action: string): boolean =>
    permissions.blockedEverywhere(action) !== 'yes' &&
    statements.some(
      ({ statement }) =>
        statement.effect === 'Allow' &&
        actionMatches(statement, action) &&
        coversAllResourcesFor(statement, action) &&
        setsScopingTag(statement, scope, { action, partition: permissions.partition }),
    );
  return actions.every(allowed) ? actions : [];
}
