/**
 * Statement semantics shared by rules: what a statement's Action/NotAction and
 * Resource/NotResource cover, read the way AWS reads them.
 */
import type { ConditionClause, PrincipalSet, Statement } from '../model/policy';
import { hasWildcard, matchWildcard } from '../match/wildcard';
import { couldOverlap } from '../match/value';
import { isSymbolic, textWithHolesAs, valueToString } from '../model/symbolic';
import type { PolicyValue } from '../model/symbolic';
import { conditionOperator } from '../evaluator/conditions';
import { getConditionKey } from '../catalog/condition-keys';
import { neverPrincipalArn } from '../model/principal-arn';

/**
 * True when `NotAction` or `NotResource` holds `*`: the statement applies to no request (an Allow
 * grants nothing; the policy-warning rule reports it).
 */
export function appliesToNothing(statement: Statement): boolean {
  return (
    (statement.action?.negated === true && statement.action.values.includes('*')) ||
    (statement.resource?.negated === true && statement.resource.values.includes('*'))
  );
}

/** Does the statement's Action (or NotAction) apply to `action`? Actions compare without case. */
export function actionMatches(statement: Statement, action: string): boolean {
  const matcher = actionMatcherOf(statement);
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
 * A statement's Action/NotAction read once: exact names (lowercase) in a set, wildcard patterns
 * kept with their literal service (`sqs:`), so that asking about many actions (every sensitive
 * action, every escalation path) costs a set lookup in the common exact case. A pattern matches
 * an action only if the action starts with the pattern's literal service.
 */
export interface ActionMatcher {
  readonly negated: boolean;
  readonly exact: ReadonlySet<string>;
  readonly wildcards: readonly { readonly pattern: string; readonly service: string | undefined }[];
}

const matchers = new WeakMap<Statement, ActionMatcher | null>();

/** The statement's {@link ActionMatcher}, or null without Action/NotAction. */
export function actionMatcherOf(statement: Statement): ActionMatcher | null {
  let matcher = matchers.get(statement);
  if (matcher !== undefined) return matcher;
  const set = statement.action;
  if (set === undefined) matcher = null;
  else {
    const exact = new Set<string>();
    const wildcards: { pattern: string; service: string | undefined }[] = [];
    for (const raw of set.values) {
      const pattern = raw.toLowerCase();
      if (!hasWildcard(pattern)) exact.add(pattern);
      else {
        const colon = pattern.indexOf(':');
        const service = colon > 0 && !hasWildcard(pattern.slice(0, colon)) ? pattern.slice(0, colon + 1) : undefined;
        wildcards.push({ pattern, service });
      }
    }
    matcher = { negated: set.negated, exact, wildcards };
  }
  matchers.set(statement, matcher);
  return matcher;
}

/**
 * A statement's Action patterns by their literal service (`s3:`), in the order written, and those
 * whose service is not literal (`*`, `s3*:Get*`): the patterns an action may match are its
 * service's and the others, not every pattern of a managed policy that lists thousands.
 */
interface PatternIndex {
  readonly byService: ReadonlyMap<string, readonly IndexedPattern[]>;
  readonly anyService: readonly IndexedPattern[];
  // Answers by lowercase action: a statement of an AWS managed policy is shared by every
  // principal that attaches it, and the rules ask it about the same actions for each.
  readonly answers: Map<string, readonly string[]>;
}

interface IndexedPattern {
  readonly at: number;
  readonly pattern: string;
  readonly lower: string;
}

const patternIndexes = new WeakMap<Statement, PatternIndex>();
const SHORT_LIST = 16;

function patternIndexOf(statement: Statement, values: readonly string[]): PatternIndex {
  let index = patternIndexes.get(statement);
  if (index !== undefined) return index;
  const byService = new Map<string, IndexedPattern[]>();
  const anyService: IndexedPattern[] = [];
  values.forEach((pattern, at) => {
    const lower = pattern.toLowerCase();
    const service = literalServiceOf(lower);
    if (service === undefined) anyService.push({ at, pattern, lower });
    else {
      let list = byService.get(service);
      if (list === undefined) byService.set(service, (list = []));
      list.push({ at, pattern, lower });
    }
  });
  index = { byService, anyService, answers: new Map() };
  patternIndexes.set(statement, index);
  return index;
}

/** `s3:` of `s3:Get*` (lowercase), or undefined when the text before the colon has a wildcard or there is no colon. */
function literalServiceOf(lower: string): string | undefined {
  const colon = lower.indexOf(':');
  return colon >= 0 && !hasWildcard(lower.slice(0, colon)) ? lower.slice(0, colon + 1) : undefined;
}

/** The Action patterns that match `action` (empty for NotAction), in the order written. */
export function matchingActionPatterns(statement: Statement, action: string): readonly string[] {
  const set = statement.action;
  if (set === undefined || set.negated) return [];
  // A short list is read as it is: an index would cost more than it saves.
  if (set.values.length <= SHORT_LIST) return set.values.filter((p) => matchWildcard(p, action, { ignoreCase: true }));
  const index = patternIndexOf(statement, set.values);
  const lower = action.toLowerCase();
  let answer = index.answers.get(lower);
  if (answer !== undefined) return answer;
  const service = literalServiceOf(lower);
  const own = (service === undefined ? undefined : index.byService.get(service)) ?? [];
  const candidates = index.anyService.length === 0 ? own : [...own, ...index.anyService].sort((a, b) => a.at - b.at);
  answer = candidates.filter((p) => matchWildcard(p.lower, lower)).map((p) => p.pattern);
  index.answers.set(lower, answer);
  return answer;
}

/**
 * The values without repeats, in first-seen order (what iterating a `Set` of them gives). Rules
 * read every Action and Resource list: one without repeats, nearly all, is returned as is.
 */
export function distinctValues<T>(values: readonly T[]): readonly T[] {
  if (values.length > 16) return [...new Set(values)];
  for (let i = 1; i < values.length; i++) {
    if (values.lastIndexOf(values[i] as T, i - 1) >= 0) return [...new Set(values)];
  }
  return values;
}

// A resource name no real policy lists, used to ask "does this pattern match any resource".
const PROBE = '\u0001iamgate-probe';

/** True when a resource pattern matches every resource: `*`, or `arn:*`-like patterns. */
export function isEveryResource(value: PolicyValue): boolean {
  if (isSymbolic(value)) return false;
  // Matching PROBE needs a pattern that starts with `*`, `?` or PROBE's first character: every
  // ARN stops here, without the two matches below (rules ask this of every Resource value).
  const first = value.charCodeAt(0);
  if (first !== 42 && first !== 63 && first !== PROBE.charCodeAt(0)) return false;
  return (
    matchWildcard(value, `arn:aws:${PROBE}:us-east-1:000000000000:${PROBE}/${PROBE}`) && matchWildcard(value, PROBE)
  );
}

/** Does the statement apply to every resource (`Resource: "*"`, or a NotResource)? */
export function coversEveryResource(statement: Statement): boolean {
  const set = statement.resource;
  // A statement without Resource (trust policies) applies to the resource it is attached to.
  if (set === undefined) return false;
  if (set.negated) return set.values.every((v) => !isEveryResource(v));
  return set.values.some(isEveryResource);
}

/**
 * Does the statement apply to every resource of `space`, a pattern such as
 * `arn:aws:iam::*:role/*`? A NotResource statement does unless one of its values could exclude
 * some of them.
 */
export function coversAllOf(statement: Statement, space: string): boolean {
  const set = statement.resource;
  if (set === undefined) return false;
  if (set.negated) {
    return !set.values.some((v) => isSymbolic(v) || couldOverlap(valueToString(v), space));
  }
  return set.values.some((v) => {
    // A value known only after deploy reads each unknown part as one name: the account of
    // `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*` is one account, every role of which
    // it names; `role/${Name}` stays one role.
    const text = isSymbolic(v) ? textWithHolesAs(v, HOLE) : v;
    const local = inAccountOf(space, text);
    return [local.split('*').join(PROBE), local.split('*').join(`x/${PROBE}-2`)].every((probe) =>
      matchWildcard(text, probe),
    );
  });
}

// An unknown part of a value, for `coversAllOf`: a mark no literal text has, and no wildcard.
const HOLE = '\u0002';

// "Every role" means every role of one account: take the partition, region and account of the
// value when it names them (an unknown one, `${AWS::AccountId}`, is one of them). Every API key of
// one region is every API key as much as every role of one account is every role; every role of
// `arn:aws-cn:iam::111122223333:role/*` is every role there, whatever partition `space` names.
function inAccountOf(space: string, value: string): string {
  const target = space.split(':');
  const fields = value.split(':');
  for (const i of [1, 3, 4]) {
    const field = fields[i];
    const named = field !== undefined && field !== '' && !/[*?]/.test(field);
    if (field === HOLE || ((target[i] === '*' || i === 1) && named)) target[i] = field;
  }
  return target.join(':');
}

/**
 * Condition values that are a bare `*` restrict nothing, nor the key's own policy variable, which
 * the request's value replaces (`aws:SourceAccount` equal to `${aws:SourceAccount}` always holds).
 */
export function restrictsValues(clause: ConditionClause): boolean {
  return (
    clause.values.length > 0 &&
    clause.values.every((v) => isSymbolic(v) || (v !== '*' && v !== '' && !isOwnKeyVariable(clause.key, v)))
  );
}

/** Whether a value is wholly the policy variable of `key` itself (`${aws:SourceAccount}`, with or without a default). */
export function isOwnKeyVariable(key: string, value: string): boolean {
  const variable = /^\$\{([^}]*)\}$/.exec(value.trim())?.[1];
  return variable !== undefined && (variable.split(',')[0] ?? '').trim().toLowerCase() === key.toLowerCase();
}

/** Operators that only let matching values through (as opposed to negated operators or Null). */
const RESTRICTING_OPERATORS = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
  'Bool',
]);

/**
 * Is the clause a positive test of a key, so that a request without that value is refused? The
 * condition block is read as a whole when `statement` is given: `...IfExists` and `ForAllValues`
 * hold without the key, unless a `Null` `false` of the same statement requires it, and then they
 * test the value as the plain operator does.
 */
export function isRestrictingClause(clause: ConditionClause, statement?: Statement): boolean {
  if ((clause.ifExists || clause.setOperator === 'ForAllValues') && !(statement && requiresKey(statement, clause.key)))
    return false;
  return RESTRICTING_OPERATORS.has(clause.baseOperator) && restrictsValues(clause);
}

/**
 * Whether the statement holds only for requests carrying `key`: a `Null` test of it whose values
 * are all `false` (Null's values are alternatives: `["false", "true"]` holds either way).
 */
export function requiresKey(statement: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return statement.conditions.some(
    (c) =>
      c.baseOperator === 'Null' &&
      c.setOperator === undefined &&
      c.key.toLowerCase() === lower &&
      c.values.length > 0 &&
      c.values.every((v) => typeof v === 'string' && v.trim().toLowerCase() === 'false'),
  );
}

/** The restricting clauses of a statement on one of `keys` (compared without case), its condition block read as a whole. */
export function restrictingClauses(statement: Statement, keys: readonly string[]): ConditionClause[] {
  if (statement.conditions.length === 0) return [];
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return statement.conditions.filter((c) => wanted.has(c.key.toLowerCase()) && isRestrictingClause(c, statement));
}

/** The value types an operator family can read, by the family's name prefix. */
const READABLE_TYPES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^Bool$/, ['Bool']],
  [/^Numeric/, ['Numeric']],
  // Epoch seconds are a date too: `DateLessThan` reads `aws:MultiFactorAuthAge`'s digits.
  [/^Date/, ['Date', 'Numeric']],
  [/^(Not)?IpAddress$/, ['IPAddress']],
];

/** Keys of a second type beside the catalog's (`aws:EpochTime` is Date and Numeric). */
const SECOND_TYPE: ReadonlyMap<string, string> = new Map([['aws:epochtime', 'Numeric']]);

/**
 * Can the clause never hold, as the evaluator reads it? Either no policy value is of the
 * operator's type (`Bool` `yes`, `NumericLessThan` `one hour`, `DateLessThan` `tomorrow`), or the
 * key's values never are (`Bool` on the Date key `aws:CurrentTime`, `NumericLessThan` on
 * `aws:SourceIp`; a negated operator does not hold for a value it cannot read either). A String
 * key may hold any text (`Bool` on `aws:PrincipalTag/admin` holds for the tag `true`), and
 * `...IfExists` and `ForAllValues` hold without the key: none of those is dead. Nor does a test
 * of `aws:PrincipalArn` on ARNs no caller has.
 */
export function neverHolds(clause: ConditionClause): boolean {
  if (clause.ifExists || clause.setOperator === 'ForAllValues' || clause.values.length === 0) return false;
  const operator = conditionOperator(clause.baseOperator);
  if (operator === undefined) return false;
  // An `aws:PrincipalArn` no caller has (a role session's `assumed-role` ARN: the key holds the role's).
  if (
    !operator.negated &&
    clause.key.toLowerCase() === 'aws:principalarn' &&
    clause.values.every((v) => neverPrincipalArn(v, clause.baseOperator))
  )
    return true;
  if (
    !operator.negated &&
    clause.values.every(
      (v) => typeof v === 'string' && !(operator.variables && v.includes('${')) && operator.prepare(v) === undefined,
    )
  )
    return true;
  const readable = READABLE_TYPES.find(([family]) => family.test(operator.name))?.[1];
  const info = readable === undefined || clause.key === '' ? undefined : getConditionKey(clause.key);
  if (readable === undefined || info === undefined) return false;
  const type = info.type.startsWith('ArrayOf') ? info.type.slice('ArrayOf'.length) : info.type;
  const second = SECOND_TYPE.get(clause.key.toLowerCase());
  // String and ARN keys hold any text, which may be of the operator's type.
  if (type === 'String' || type === 'ARN') return false;
  return !readable.includes(type) && (second === undefined || !readable.includes(second));
}

/**
 * Whether every value of `inner` is one of `outer`'s patterns stands for (a missing list is
 * everything): a Deny's Action or Resource list covering an Allow's.
 */
function listCovers(
  outer: Statement['action'] | Statement['resource'],
  inner: Statement['action'] | Statement['resource'],
  ignoreCase: boolean,
): boolean {
  if (outer === undefined) return true;
  // `NotAction` (`NotResource`) covers what none of its patterns may match.
  if (outer.negated)
    return (
      inner?.negated === false &&
      inner.values.every(
        (value) =>
          typeof value === 'string' &&
          outer.values.every((pattern) => typeof pattern === 'string' && !couldOverlap(pattern, value, { ignoreCase })),
      )
    );
  if (outer.values.some((p) => p === '*')) return true;
  if (inner === undefined || inner.negated) return false;
  return inner.values.every((value) =>
    outer.values.some((pattern) => {
      if (typeof pattern !== 'string' || typeof value !== 'string')
        return valueToString(pattern) === valueToString(value);
      return matchWildcard(pattern, value, { ignoreCase });
    }),
  );
}

/** A plain value: text with no wildcard (`*`, `?`) and no policy variable (`${...}`). */
export function isPlainText(value: PolicyValue): value is string {
  return typeof value === 'string' && !/[*?$]/.test(value);
}

/** `Principal: "*"` or `{"AWS": "*"}`, written so (not a value known only after deploy). */
export function isEveryone(principal: PrincipalSet): boolean {
  return (
    principal.wildcard || principal.entries.some((e) => e.type === 'AWS' && !isSymbolic(e.value) && e.value === '*')
  );
}

/** Negated operators, and the test a Deny with them leaves a request to pass (`NotIpAddress`: in the range). */
export const PASSED_BY_DENY: Readonly<Record<string, string>> = {
  NotIpAddress: 'IpAddress',
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/**
 * Whether a negated test of who calls, in a Deny, also denies a caller without the key: the plain
 * operator and `...IfExists` hold without it, as `ForAllValues` does (the empty set); `ForAnyValue`
 * does not, and lets such a caller through the Deny.
 */
export function deniesCallersWithoutKey(clause: ConditionClause): boolean {
  return clause.setOperator === undefined || clause.setOperator === 'ForAllValues';
}

/**
 * Whether a clause of a Deny lets through only the requests its positive test admits: a negated
 * operator, plain or `ForAllValues` (which denies a request without the key, and one none of
 * whose values match, as the plain operator does); `ForAnyValue` lets a request without the key
 * through the Deny.
 */
export function isPassedTest(clause: ConditionClause): boolean {
  return PASSED_BY_DENY[clause.baseOperator] !== undefined && deniesCallersWithoutKey(clause);
}

/**
 * The test a request passes a Deny of the one negated clause `clause` by (`isPassedTest`), as a
 * clause an Allow beside the Deny holds too: `ArnNotEquals` `aws:SourceArn` `<arn>` lets through
 * only the requests `ArnEquals` admits. Not all values failing the test is some value passing it:
 * `ForAllValues` turns into `ForAnyValue`.
 */
export function passedTest(clause: ConditionClause): ConditionClause {
  const baseOperator = PASSED_BY_DENY[clause.baseOperator] ?? clause.baseOperator;
  const setOperator = clause.setOperator === 'ForAllValues' ? 'ForAnyValue' : undefined;
  return {
    ...clause,
    baseOperator,
    setOperator,
    ifExists: false,
    operator: setOperator === undefined ? baseOperator : `${setOperator}:${baseOperator}`,
  };
}

/**
 * A Deny of everyone that refuses all callers but those its conditions name, so that an Allow of
 * everyone it covers reaches only those: `clauses` are the negated tests of who calls (the clause
 * exempting service principals left out).
 */
export interface Fence {
  readonly deny: Statement;
  readonly clauses: readonly ConditionClause[];
  /**
   * The text before the first wildcard of each of the Deny's resources, when all are text: a
   * resource that starts with none of them is not covered.
   */
  readonly resourcePrefixes: readonly string[] | undefined;
}

/**
 * The Denies of a policy that fence its grants to everyone, found once per policy and per test:
 * looked for again for each of its thousands of statements, they made a scan quadratic. A Deny
 * fences when it denies everyone (`Principal: "*"`) and each of its clauses is one `isFenceClause`
 * accepts or the clause AWS's data perimeter examples add to let services through
 * (`BoolIfExists` `aws:PrincipalIsAWSService` `false`: only service principals pass it, and they
 * act for their own callers).
 */
export function fencesOf(
  statements: readonly Statement[],
  isFenceClause: (clause: ConditionClause) => boolean,
): readonly Fence[] {
  let byTest = fencesOfPolicy.get(statements);
  if (byTest === undefined) {
    byTest = new Map();
    fencesOfPolicy.set(statements, byTest);
  }
  let fences = byTest.get(isFenceClause);
  if (fences === undefined) {
    const found: Fence[] = [];
    fences = found;
    for (const statement of statements) {
      const deny = statement.principal?.negated === true ? asDenyOfEveryone(statement) : statement;
      if (deny?.effect !== 'Deny' || deny.principal === undefined || deny.principal.negated) continue;
      if (!isEveryone(deny.principal)) continue;
      const clauses = deny.conditions.filter((clause) => !exemptsServices(clause));
      if (clauses.length > 0 && clauses.every(isFenceClause))
        found.push({ deny, clauses, resourcePrefixes: prefixesOf(deny.resource) });
    }
    byTest.set(isFenceClause, fences);
  }
  return fences;
}

/**
 * A Deny with `NotPrincipal` read as the Deny of everyone it is, with the principals it spares as
 * conditions: `aws:PrincipalArn` not one of its `AWS` principals (an account id as its root's ARN)
 * and `aws:PrincipalServiceName` not one of its services. Both negated tests hold on a missing key,
 * so a caller spared by neither list (an anonymous one, a service not listed) is denied, as AWS
 * denies it. Undefined when the Deny spares callers those keys do not name (`*`, a federated or
 * canonical user, a value known only after deploy in place of a whole principal): no fence then.
 */
function asDenyOfEveryone(deny: Statement): Statement | undefined {
  const spared = deny.principal;
  if (deny.effect !== 'Deny' || spared === undefined || spared.wildcard) return undefined;
  const arns: PolicyValue[] = [];
  const services: PolicyValue[] = [];
  for (const { type, value } of spared.entries) {
    if (type === 'AWS' && typeof value === 'string' && value !== '*')
      arns.push(/^\d{12}$/.test(value) ? `arn:aws:iam::${value}:root` : value);
    else if (type === 'AWS' && isSymbolic(value) && typeof value.parts[0] === 'string') arns.push(value);
    else if (type === 'Service' && typeof value === 'string' && value !== '*') services.push(value);
    else return undefined;
  }
  const spare = (baseOperator: string, key: string, values: readonly PolicyValue[]): ConditionClause[] =>
    values.length === 0
      ? []
      : [
          {
            operator: baseOperator,
            baseOperator,
            ifExists: false,
            setOperator: undefined,
            key,
            values,
            pointer: spared.pointer,
          },
        ];
  return {
    ...deny,
    principal: { negated: false, wildcard: true, entries: [], pointer: spared.pointer },
    conditions: [
      ...spare('ArnNotEquals', 'aws:PrincipalArn', arns),
      ...spare('StringNotEquals', 'aws:PrincipalServiceName', services),
      ...deny.conditions,
    ],
  };
}

const fencesOfPolicy = new WeakMap<readonly Statement[], Map<(clause: ConditionClause) => boolean, readonly Fence[]>>();

/** The fences whose Action and Resource lists cover all of `allow`'s. */
export function fencesCovering(allow: Statement, fences: readonly Fence[]): readonly Fence[] {
  const covers = (deny: Statement): boolean =>
    listCovers(deny.action, allow.action, true) && listCovers(deny.resource, allow.resource, false);
  const first = allow.resource?.negated === false ? allow.resource.values[0] : undefined;
  if (typeof first !== 'string') return fences.filter(({ deny }) => covers(deny));
  // A policy of thousands of statements has thousands of fences: only those with a resource
  // the allow's first resource starts with are matched against it.
  const index = prefixIndexOf(fences);
  const candidates = new Set(index.always);
  for (let end = 0; end <= first.length; end++)
    for (const fence of index.byPrefix.get(first.slice(0, end)) ?? []) candidates.add(fence);
  return [...candidates].filter((fence) => covers(fence.deny)).sort((a, b) => a.deny.index - b.deny.index);
}

function prefixIndexOf(fences: readonly Fence[]): {
  readonly always: readonly Fence[];
  readonly byPrefix: ReadonlyMap<string, readonly Fence[]>;
} {
  let index = prefixIndexes.get(fences);
  if (index === undefined) {
    const always: Fence[] = [];
    const byPrefix = new Map<string, Fence[]>();
    for (const fence of fences) {
      if (fence.resourcePrefixes === undefined) always.push(fence);
      else
        for (const prefix of fence.resourcePrefixes) {
          const listed = byPrefix.get(prefix);
          if (listed === undefined) byPrefix.set(prefix, [fence]);
          else listed.push(fence);
        }
    }
    index = { always, byPrefix };
    prefixIndexes.set(fences, index);
  }
  return index;
}

const prefixIndexes = new WeakMap<
  readonly Fence[],
  { readonly always: readonly Fence[]; readonly byPrefix: ReadonlyMap<string, readonly Fence[]> }
>();

function prefixesOf(resource: Statement['resource']): readonly string[] | undefined {
  if (resource === undefined || resource.negated) return undefined;
  const prefixes: string[] = [];
  for (const value of resource.values) {
    if (typeof value !== 'string') return undefined;
    prefixes.push(value.split(/[*?]/)[0] ?? '');
  }
  return prefixes;
}

/**
 * `BoolIfExists` `aws:PrincipalIsAWSService` `false` in a Deny: it denies every caller but a
 * service principal. Not `Bool`: an anonymous request carries no such key, so `Bool` would let it
 * through the Deny.
 */
function exemptsServices(clause: ConditionClause): boolean {
  return (
    clause.key.toLowerCase() === 'aws:principalisawsservice' &&
    clause.baseOperator === 'Bool' &&
    clause.ifExists &&
    clause.setOperator === undefined &&
    clause.values.length > 0 &&
    clause.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'false')
  );
}
