/**
 * Whether the statements granting a pass-role path's actions reach one same resource where the
 * path needs it (`meets` of escalation-paths.ts): `lambda:CreateFunction` on `function:builder-*`
 * with `lambda:InvokeFunction` on `function:builder-*` (or `*`) makes a function the caller can
 * invoke; with `lambda:InvokeFunction` on `function:report` only, the function it creates is one it
 * cannot run. Values known after deploy are read as patterns (each hole any text): they may meet;
 * but a value that names one resource of the deploy (`aws_lambda_function.api.arn`, the ARN of a
 * CDK function) names one that exists, never the one the path creates.
 */
import { getResourceType } from '../../catalog/resource-types';
import { getConditionKey } from '../../catalog/condition-keys';
import type { ConditionClause, Statement } from '../../model/policy';
import { matchWildcard } from '../../match/wildcard';
import { couldOverlap, matchPolicyValue } from '../../match/value';
import { patternCovers } from '../../evaluator/pattern';
import { isInputHole, isSymbolic, textWithHolesAs, valueToString } from '../../model/symbolic';
import { isOwnAccountHole } from '../trust/condition-accounts';
import type { PolicyValue } from '../../model/symbolic';
import { coversEveryResource } from '../statement-helpers';
import { listValues } from '../describe';
import { commonArn } from './escalation-created';
import type { PathMeet } from './escalation-paths';

// Above this many combinations of one pattern per action, the actions are taken to meet (the path
// is reported rather than dropped on a guess).
const MAX_COMBINATIONS = 500;

/** Whether the statements (one per action of the meet, by action) allow their actions on one same resource. */
export function meetOnOneResource(
  meet: PathMeet,
  statementOf: (action: string) => Statement,
  taken: readonly PolicyValue[] = [],
): boolean {
  return meetingResource(meet, statementOf, taken) !== undefined;
}

/**
 * A resource (an ARN, its wildcards filled) on which the statements allow every action of the
 * meet, or undefined when there is none; past too many combinations, the pattern of every resource
 * of the type (taken to meet). `taken`: the ARNs of the resources the deploy defines, which a
 * path that creates its resource cannot create again under their names.
 */
export function meetingResource(
  meet: PathMeet,
  statementOf: (action: string) => Statement,
  taken: readonly PolicyValue[] = [],
): string | undefined {
  const space = spaceOf(meet);
  const lists = meet.actions.map((action) => patternsOf(meet, action, statementOf(action), space, taken));
  if (lists.some((list) => list.length === 0)) return undefined;
  const excluded = meet.actions.flatMap((action) => exclusionsOf(meet, action, statementOf(action)));
  // Every resource of the type on some action: the others decide alone.
  const narrow = lists.filter((list) => !list.includes('*'));
  let tried = 0;
  const chosen: string[] = [space];
  const search = (depth: number): string | undefined => {
    if (++tried > MAX_COMBINATIONS) return space;
    const arn = commonArn(chosen);
    if (arn === undefined) return undefined;
    if (depth === narrow.length)
      return excluded.some((pattern) => chosen.some((one) => arnPatternCovers(pattern, one))) ? undefined : arn;
    for (const pattern of narrow[depth] ?? []) {
      chosen.push(pattern);
      const found = search(depth + 1);
      chosen.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(0);
}

/**
 * The one resource the meet is pinned to when an action of it is granted only on resources named
 * letter for letter (`lambda:InvokeFunction` on `function:report-builder`): the caller creates a
 * resource of that name and runs it, which works while no resource holds the name.
 */
export function namedMeeting(meet: PathMeet, statementOf: (action: string) => Statement): string | undefined {
  if (meet.resource !== 'created') return undefined;
  const space = spaceOf(meet);
  const pinned = meet.actions.some((action) => {
    const list = patternsOf(meet, action, statementOf(action), space, []);
    return list.length > 0 && list.every((pattern) => !/[*?]/.test(pattern));
  });
  return pinned ? meetingResource(meet, statementOf) : undefined;
}

const spaces = new Map<string, string>();

/** The pattern of every resource of the meet's type (`arn:*:lambda:*:*:function:*`). */
function spaceOf(meet: PathMeet): string {
  const key = `${meet.service}:${meet.resourceType}`;
  let space = spaces.get(key);
  if (space === undefined) {
    const type = getResourceType(meet.service, meet.resourceType);
    // The paths' data names catalog types (checked by the tests): a missing one is a programmer error.
    if (type === undefined) throw new Error(`escalation path data names an unknown resource type \`${key}\``);
    space = type.arnTemplate.replace(/\$\{[^}]*\}/g, '*');
    spaces.set(key, space);
  }
  return space;
}

/**
 * Whether a condition clause names the resource of one of the path's meets for `action`
 * (`lambda:FunctionArn` on `lambda:CreateEventSourceMapping`): it says which resource the action
 * reaches, which the meet decides, rather than closing the action.
 */
export function namesMeetResource(meets: readonly PathMeet[] | undefined, action: string, key: string): boolean {
  return (meets ?? []).some((meet) => meet.keys?.[action]?.toLowerCase() === key.toLowerCase());
}

/**
 * Whether a statement's conditions keep the key that names the resource of one of the path's
 * meets for `action` from naming some resources (`ArnNotLike` on `lambda:FunctionArn`): granted on
 * every resource, the action still reaches only the others, which the meet decides.
 */
export function excludesMeetResource(
  meets: readonly PathMeet[] | undefined,
  action: string,
  statement: Statement,
): boolean {
  return (meets ?? []).some((meet) => exclusionsOf(meet, action, statement).length > 0);
}

function patternsOf(
  meet: PathMeet,
  action: string,
  statement: Statement,
  space: string,
  taken: readonly PolicyValue[],
): readonly string[] {
  const key = meet.keys?.[action];
  const created = meet.resource === 'created';
  return key === undefined
    ? patternsOn(statement, space, created, taken)
    : patternsByKey(statement, key, space, created, (text) => keyValueAsArn(meet, key, text));
}

// The unknown id in the resource part of an ARN a key's value names (a launch configuration's):
// one text without `:` or wildcard, so a `*` of a grant's ARN there cannot take the name as well.
const SOME_ID = 'id';
// The same id where the value names resources kept out: any id.
const ANY_ID = '*';

/**
 * The ARN pattern a value of a meet's key names: the value itself for a key holding ARNs
 * (`lambda:FunctionArn`), the resource of that name for one holding names
 * (`autoscaling:LaunchConfigurationName` `web-*` is `...:launchConfigurationName/web-*`): the
 * value fills the last variable of the type's ARN, the name. The other variables of the resource
 * part (the id AWS gives a launch configuration) are `id` where the value names the resources
 * reached, one text without `:` so that a `*` written there in a grant's ARN cannot take the name
 * as well (`...:*:launchConfigurationName/web-*` meets no group pinned to `approved-lc`), and `*`
 * where it names those kept out (any id).
 */
function keyValueAsArn(
  meet: PathMeet,
  key: string,
  text: string,
  id: typeof SOME_ID | typeof ANY_ID = SOME_ID,
): string {
  const type = getConditionKey(key)?.type;
  if (type !== 'String' && type !== 'ArrayOfString') return text;
  const template = getResourceType(meet.service, meet.resourceType)?.arnTemplate ?? '';
  const last = template.lastIndexOf('${');
  if (last < 0) return text;
  const head = template.slice(0, last);
  const fields = head.split(':');
  const service = fields
    .slice(0, 5)
    .join(':')
    .replace(/\$\{[^}]*\}/g, '*');
  const resource = fields
    .slice(5)
    .join(':')
    .replace(/\$\{[^}]*\}/g, id);
  return `${service}:${resource}${text}${template.slice(template.indexOf('}', last) + 1)}`;
}

// Condition operators whose values are the resources a key may name.
const NAMING = new Set(['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike']);
// Condition operators whose values are resources a key may not name: patterns for the ARN ones
// (`ArnNotEquals` reads wildcards as `ArnNotLike` does) and `StringNotLike`, text otherwise.
const EXCLUDING = new Map([
  ['ArnNotEquals', true],
  ['ArnNotLike', true],
  ['StringNotEquals', false],
  ['StringNotLike', true],
]);

/**
 * The patterns of the resources a statement's conditions keep the key of the meet from naming
 * (`ArnNotLike` on `lambda:FunctionArn`), each excluding, where it covers a pattern the search
 * chose, every resource the meet could reach. A Region, account or partition known at deploy
 * reads as any there; a value with a hole in its resource part excludes nothing sure, and neither
 * does a multivalued form. A `Null` clause asking the key to be absent, which the action always
 * sends, leaves the statement nothing: the space itself.
 */
function exclusionsOf(meet: PathMeet, action: string, statement: Statement): readonly string[] {
  const key = meet.keys?.[action]?.toLowerCase();
  if (key === undefined) return [];
  const out: string[] = [];
  for (const clause of statement.conditions) {
    if (clause.key.toLowerCase() !== key || clause.setOperator !== undefined) continue;
    if (clause.baseOperator === 'Null') {
      // Its values are alternatives: `["true", "false"]` always holds.
      if (clause.values.length > 0 && clause.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true'))
        out.push('*');
      continue;
    }
    const like = EXCLUDING.get(clause.baseOperator);
    if (like === undefined) continue;
    for (const value of clause.values) {
      const fields = arnFields(keyValueAsArn(meet, key, textWithHolesAs(value, '\u0000'), ANY_ID));
      const name = fields[5];
      // Compared as text, a `*` or `?` anywhere is that character, which no ARN has where it stands.
      if (name === undefined || name.includes('\u0000') || (!like && fields.some((f) => /[*?]/.test(f)))) continue;
      out.push(fields.map((field, i) => (i < 5 ? field.replace(/\u0000+/g, '*') : field)).join(':'));
    }
  }
  return out;
}

/** Whether every ARN `inner` matches, `outer` matches too, field by field as ARN patterns match. */
function arnPatternCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  const a = arnFields(outer);
  const b = arnFields(inner);
  if (a.length !== 6 || b.length !== 6) return false;
  return a.every((field, i) => patternCovers(field, b[i] ?? ''));
}

/**
 * The patterns of the resources of `space` a statement lets the key name: `*` when no clause
 * bounds it (or one only rules some out), else the values of its clauses that name the key.
 */
function patternsByKey(
  statement: Statement,
  key: string,
  space: string,
  created: boolean,
  asArn: (text: string) => string,
): readonly string[] {
  const clauses = statement.conditions.filter(
    (c) => c.key.toLowerCase() === key.toLowerCase() && NAMING.has(c.baseOperator),
  );
  if (clauses.length === 0) return ['*'];
  // Every clause must hold: the values of each, kept where all of them may name one resource.
  const lists = clauses.map((c) =>
    c.values
      .filter((value) => !created || !namesResourceOfDeploy(value))
      .map((value) => asArn(textWithHolesAs(value, '*')))
      .filter((pattern) => commonArn([space, pattern]) !== undefined),
  );
  const [first = [], ...rest] = lists;
  return first.filter((pattern) =>
    rest.every((list) => list.some((other) => commonArn([pattern, other]) !== undefined)),
  );
}

const patternCache = new WeakMap<Statement, Map<string, readonly string[]>>();

/**
 * The patterns of the resources of `space` the statement applies to: `*` for every resource, none
 * when no value of it can be one (a bucket, another service's ARN, a `NotResource` of `*`, for a
 * resource the path creates a resource of the deploy, or one of the name of a resource it defines).
 */
function patternsOn(
  statement: Statement,
  space: string,
  created: boolean,
  taken: readonly PolicyValue[],
): readonly string[] {
  let bySpace = patternCache.get(statement);
  if (bySpace === undefined) patternCache.set(statement, (bySpace = new Map<string, readonly string[]>()));
  // A statement belongs to one input: the resources it defines are the same at every ask.
  const key = created ? `${taken.length > 0 ? 'new, taken' : 'new'} ${space}` : space;
  let patterns = bySpace.get(key);
  if (patterns === undefined) {
    const set = statement.resource;
    if (coversEveryResource(statement)) patterns = ['*'];
    else if (set === undefined || set.negated) patterns = [];
    else
      patterns = set.values
        .filter((value) => !created || (!namesResourceOfDeploy(value) && !namesTakenResource(value, taken)))
        .map((value) => textWithHolesAs(value, '*'))
        .filter((pattern) => commonArn([space, pattern]) !== undefined);
    bySpace.set(key, patterns);
  }
  return patterns;
}

/**
 * Whether a value names one resource the deploy creates or reads: no wildcard, and a resource's
 * attribute (not an input given at deploy) as the whole ARN or within its resource part
 * (`${aws_lambda_function.api.arn}`, `arn:aws:glue:...:job/${aws_glue_job.etl.name}`). A Region
 * or account known after deploy leaves the name as written.
 */
function namesResourceOfDeploy(value: PolicyValue): boolean {
  if (typeof value === 'string') return false;
  let colons = 0;
  let named = false;
  value.parts.forEach((part, index) => {
    if (typeof part === 'string') colons += part.split(':').length - 1;
    else if (!isInputHole(part) && part.anyText !== true && (index === 0 || colons >= 5)) named = true;
  });
  return named && !value.parts.some((part) => (typeof part === 'string' ? /[*?]/.test(part) : part.anyText === true));
}

/**
 * Whether a value written out whole (no wildcard) names a resource the deploy defines
 * (`function:report-builder` beside a function of that name): creating a resource under a name
 * in use fails (Lambda answers `ResourceConflictException`), so it is never the one the path
 * makes. Fields of the defined ARN known only after deploy (its Region, its account) match any.
 */
function namesTakenResource(value: PolicyValue, taken: readonly PolicyValue[]): boolean {
  if (taken.length === 0) return false;
  // A template writes the partition, Region and account as values known at deploy
  // (`arn:${AWS::Partition}:lambda:${AWS::Region}:...`): they match any; the name is written out.
  const fields = arnFields(textWithHolesAs(value, '\u0000'));
  const name = fields[5];
  if (name === undefined || /[*?\u0000]/.test(name) || fields.slice(0, 5).some((f) => /[*?]/.test(f))) return false;
  return taken.some((arn) => {
    const other = arnFields(textWithHolesAs(arn, '\u0000'));
    return (
      other.length === fields.length &&
      other.every(
        (field, i) =>
          field === fields[i] || (i < 5 && (field.includes('\u0000') || (fields[i] ?? '').includes('\u0000'))),
      )
    );
  });
}

function arnFields(arn: string): string[] {
  const parts = arn.split(':');
  return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * Whether an `iam:PassedToService` clause lets the role go to some service of the path: a positive
 * test names one, a negated one (`StringNotEquals`) leaves one out of its list, `Null` `false` is
 * every service. A value known only at deploy may be the path's service in a positive test, and
 * another one in a negated test: either way the path stays open.
 */
function admitsService(clause: ConditionClause, services: readonly string[]): boolean {
  const base = clause.baseOperator;
  if (base === 'Null') return clause.values.some((v) => valueToString(v).toLowerCase() === 'false');
  const like = base.includes('Like');
  const negated = base.startsWith('StringNot');
  const names = (service: string): boolean =>
    clause.values.some((v) =>
      typeof v !== 'string'
        ? !negated
        : like
          ? matchWildcard(v, service, { ignoreCase: true })
          : v.toLowerCase() === service.toLowerCase(),
    );
  return negated ? services.some((s) => !names(s)) : services.some(names);
}

/**
 * Is the clause an `iam:PassedToService` test on `action`'s requests? Only `iam:PassRole` carries
 * the key: on another action the clause is missing from the request (and the statement does not
 * allow it). Once `passesOnlyElsewhere` is false, such a clause lets the path's service through.
 */
export function isPassedToServiceOf(clause: ConditionClause, action: string): boolean {
  return action.toLowerCase() === 'iam:passrole' && clause.key.toLowerCase() === 'iam:passedtoservice';
}

/**
 * True when the statement passes roles (`iam:PassRole`) only to other services than `services`
 * (a path's `passedTo`): an `iam:PassedToService` test that admits none of them (`StringNotEquals`
 * on one of them included, which other condition checks read as no restriction).
 */
export function passesOnlyElsewhere(statement: Statement, action: string, services: readonly string[]): boolean {
  return statement.conditions.some((c) => isPassedToServiceOf(c, action) && !admitsService(c, services));
}

// The CloudFormation calls that hand the stack a role in their `RoleArn`, the value
// `cloudformation:RoleArn` tests.
const TAKES_ROLE_ARN: ReadonlySet<string> = new Set([
  'cloudformation:createstack',
  'cloudformation:updatestack',
  'cloudformation:createchangeset',
]);

/**
 * Whether the statement lets `action` name no role: `Null` `cloudformation:RoleArn` `true` on a call
 * that passes one in `RoleArn`. Such a stack runs with the caller's own permissions (or, updated, with
 * the role it already has: `run-as-existing-role`), never with a role passed to it.
 */
export function namesNoRole(statement: Statement, action: string): boolean {
  if (!TAKES_ROLE_ARN.has(action.toLowerCase())) return false;
  return statement.conditions.some(
    (c) =>
      c.key.toLowerCase() === 'cloudformation:rolearn' &&
      c.baseOperator === 'Null' &&
      c.setOperator === undefined &&
      c.values.length > 0 &&
      c.values.every((v) => valueToString(v).trim().toLowerCase() === 'true'),
  );
}

/** The permission questions a pass of a role needs answered. */
interface BlocksWith {
  blockedWith(action: string, keys: Readonly<Record<string, string>>): 'yes' | 'no' | 'unknown';
  refusedUnless(action: string, keys: Readonly<Record<string, string>>): readonly string[];
}

/**
 * Whether the Denies, the boundary or the service control policies refuse `action` of a path that
 * passes `role` to `services` (a path's `passedTo`), read with the keys of that request: `iam:PassRole`
 * with `iam:PassedToService` each of the services, a CloudFormation call with `cloudformation:RoleArn`
 * the role (any role: a name no policy gives). A boundary that denies passing roles to CloudFormation,
 * or creating stacks with any role but one, closes the path through any role.
 */
export function passRefused(
  permissions: BlocksWith,
  action: string,
  services: readonly string[],
  role = 'arn:aws:iam::123456789012:role/iamgate-any-role',
): boolean {
  const lowered = action.toLowerCase();
  if (lowered === 'iam:passrole')
    return (
      services.length > 0 &&
      services.every((service) => permissions.blockedWith(action, { 'iam:PassedToService': service }) === 'yes')
    );
  if (TAKES_ROLE_ARN.has(lowered) && services.includes('cloudformation.amazonaws.com'))
    return permissions.blockedWith(action, { 'cloudformation:RoleArn': role }) === 'yes';
  return false;
}

/**
 * The condition keys of the Denies that may refuse `action` of a path that {@link passRefused} leaves
 * open: a Deny of passing roles to the path's service only without MFA, or off a network. Empty
 * when a request of the path is open whatever those keys are (a service no Deny may refuse).
 */
function passRefusedUnless(
  permissions: BlocksWith,
  action: string,
  services: readonly string[],
  role = 'arn:aws:iam::123456789012:role/iamgate-any-role',
): readonly string[] {
  const lowered = action.toLowerCase();
  const asked =
    lowered === 'iam:passrole'
      ? services.map((service) => ({ 'iam:PassedToService': service }))
      : TAKES_ROLE_ARN.has(lowered) && services.includes('cloudformation.amazonaws.com')
        ? [{ 'cloudformation:RoleArn': role }]
        : [];
  if (asked.length === 0 || asked.some((keys) => permissions.blockedWith(action, keys) === 'no')) return [];
  const keys = asked.flatMap((k) => permissions.refusedUnless(action, k));
  return [...new Map(keys.map((k) => [k.toLowerCase(), k])).values()];
}

/**
 * The condition keys of the Denies that may refuse `action` of an open path, whichever its target
 * (any role, one named role, one named policy): those of {@link passRefusedUnless} for a pass of a
 * role to `services`, else of any Deny of `action` that also tests a key its request may or may not
 * carry (`aws:MultiFactorAuthPresent`, `aws:SourceIp`). Empty when no Deny may refuse it.
 */
export function pathActionUnless(
  permissions: BlocksWith,
  action: string,
  services: readonly string[] | undefined,
  role?: string,
): readonly string[] {
  const lowered = action.toLowerCase();
  const passes =
    services !== undefined &&
    (lowered === 'iam:passrole' || (TAKES_ROLE_ARN.has(lowered) && services.includes('cloudformation.amazonaws.com')));
  if (passes) return passRefusedUnless(permissions, action, services, role);
  return permissions.refusedUnless(action, {});
}

/** What may close a path that Denies testing `keys` may refuse its `action` of: said after "open unless". */
export function denyRefusesText(action: string, keys: readonly string[]): string {
  return `a Deny testing ${listValues(keys)} refuses its \`${action}\``;
}

/**
 * Whether a resource pattern naming an account (`arn:aws:iam::111122223333:policy/ci-deploy-*`)
 * names one of `targets` whose account is the stack's or the provider's own, known only after
 * deploy: read as deployed to the account the policy names (a principal's own policy naming its own
 * policies by the account they are written for), not as a miss.
 */
export function namesInOwnAccount(statement: Statement, targets: readonly PolicyValue[]): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated) return false;
  return set.values.some((pattern) => {
    if (typeof pattern !== 'string') return false;
    const account = pattern.split(':')[4] ?? '';
    if (!/^\d{12}$/.test(account)) return false;
    return targets.some((target) => {
      if (!isSymbolic(target) || !target.parts.some(isOwnAccountHole)) return false;
      const parts = target.parts.map((p) => (isOwnAccountHole(p) ? account : p));
      return parts.every((p) => typeof p === 'string') && matchWildcard(pattern, parts.join(''));
    });
  });
}

/** Whether a `cloudformation:RoleArn` test lets the request name the role (`role`, as written). */
export function roleArnAdmits(clause: ConditionClause, role: PolicyValue): boolean {
  if (clause.key.toLowerCase() !== 'cloudformation:rolearn') return false;
  const text = textWithHolesAs(role, '*');
  if (/Not/.test(clause.baseOperator))
    return !clause.values.some((v) => matchPolicyValue(v, role, { ignoreCase: true }) === 'match');
  return clause.values.some((v) => couldOverlap(textWithHolesAs(v, '*'), text, { ignoreCase: true }));
}

/** Whether the clause tests `cloudformation:RoleArn`, the role a stack is given. */
export function isRoleArnClause(clause: ConditionClause): boolean {
  return clause.key.toLowerCase() === 'cloudformation:rolearn';
}
