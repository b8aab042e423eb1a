import type { ConditionClause, PrincipalEntry, Statement } from '../../model/policy';
import { isSymbolic } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import {
  actionMatches,
  fencesCovering,
  fencesOf,
  isPassedTest,
  passedTest,
  restrictsValues,
} from '../statement-helpers';
import { servicesByCondition } from './condition-accounts';

/** The service principal CloudFront's origin access control signs its requests to an origin as. */
const CLOUDFRONT_SERVICE = 'cloudfront.amazonaws.com';

/**
 * Whether a service principal is CloudFront's: `cloudfront.amazonaws.com`, or its China form
 * `cloudfront.amazonaws.com.cn` that policies of the aws-cn partition name.
 */
export function isCloudFrontService(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === CLOUDFRONT_SERVICE || lower === `${CLOUDFRONT_SERVICE}.cn`;
}

// What CloudFront does at an origin for a viewer's request, by origin (the CloudFront developer
// guide's origin access control pages: S3 reads and, for PUT and DELETE, writes; Lambda function
// URLs; MediaPackage v2 origin endpoints; MediaStore containers). A distribution serves whoever
// requests it, so a grant of these that any account's distribution may use reaches everyone.
// What it says of each: [verb, what of the resource].
const VIEWER_ACTIONS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['s3:GetObject', ['read', 'its objects']],
  ['s3:ListBucket', ['list', 'its objects']],
  ['s3:PutObject', ['write', 'its objects']],
  ['s3:DeleteObject', ['delete', 'its objects']],
  ['lambda:InvokeFunctionUrl', ['invoke', 'its function URL']],
  ['mediapackagev2:GetObject', ['read', 'its content']],
  ['mediapackagev2:GetHeadObject', ['read', 'its content']],
  ['mediastore:GetObject', ['read', 'its objects']],
  ['mediastore:DescribeObject', ['read', 'its objects']],
]);

// The keys that name the distribution (or its account or organization) CloudFront acts for.
const SOURCE_KEY_SET: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);
const PATTERN_OPERATORS: ReadonlySet<string> = new Set(['StringLike', 'ArnLike', 'ArnEquals']);
// The resource's own variables name its owner's account, organization or path; any other is the request's.
const OWNER_VARIABLE = /\$\{\s*aws:Resource(Account|OrgID|OrgPaths)\s*\}/gi;

/** A grant to CloudFront that any account's distribution may use for viewers. */
export interface AnyDistributionGrant {
  /** The viewer actions of {@link VIEWER_ACTIONS} the statement grants, as the reference spells them. */
  readonly actions: readonly string[];
  /** CloudFront's service principal as the statement names it (`cloudfront.amazonaws.com.cn` in China). */
  readonly service: string;
  /** What a distribution may do with the resource, said as `read and write its objects`. */
  readonly what: string;
}

/**
 * The viewer actions an Allow of CloudFront (named in `Principal`, or `*` narrowed to it by
 * `aws:PrincipalServiceName`) grants when no source condition binds it to distributions of named
 * accounts: every account's distribution may then read (or write, or invoke) the resource for
 * anyone, as a grant to `*` would. A source whose account is a pattern (`arn:aws:cloudfront::*:distribution/*`)
 * binds none. Undefined for other statements, and for grants of no viewer action (a key policy's `kms:Decrypt`).
 */
export function anyDistributionGrant(statement: Statement): AnyDistributionGrant | undefined {
  if (statement.effect !== 'Allow' || statement.principal === undefined || statement.principal.negated)
    return undefined;
  const service =
    cloudFrontNamed(statement.principal.entries) ?? servicesByCondition(statement).find(isCloudFrontService);
  if (service === undefined) return undefined;
  const actions = [...VIEWER_ACTIONS.keys()].filter(
    (a) => actionMatches(statement, a) && actsOnResources(statement, a),
  );
  if (actions.length === 0) return undefined;
  // `...IfExists` too: CloudFront always sends the distribution's ARN, so such a test binds it in
  // practice (confused-deputy says that the service could send none).
  if (statement.conditions.some((c) => isSourceTest(c) && bindsSource(c))) return undefined;
  return { actions, service, what: whatOf(actions) };
}

// S3 lists a bucket (`arn:aws:s3:::site`) and reads or writes objects (`arn:aws:s3:::site/*`).
const BUCKET_ACTIONS: ReadonlySet<string> = new Set(['s3:ListBucket']);

/**
 * Whether an S3 viewer action may apply to one of the statement's resources: `s3:ListBucket` to a
 * bucket, the others to an object (`s3:*` on `site/*` does not list). A resource known only after
 * deploy, `*`, or a bucket name pattern may be either; other services' resources are not told apart.
 */
function actsOnResources(statement: Statement, action: string): boolean {
  if (!action.startsWith('s3:')) return true;
  const set = statement.resource;
  if (set === undefined || set.negated) return true;
  const bucket = BUCKET_ACTIONS.has(action);
  return set.values.some((value) => {
    if (typeof value !== 'string') return true;
    // An access point (or Multi-Region Access Point) stands for its bucket, `.../object/key` for an object.
    const point = /^arn:[^:]*:s3:[^:]*:[^:]*:accesspoint\/([^/]*)(\/.*)?$/.exec(value);
    if (point !== null) {
      if (/[*?]/.test(point[1] ?? '')) return true;
      const rest = point[2];
      return bucket ? rest === undefined : rest !== undefined && /^\/(object\/|\*)/.test(rest);
    }
    const path = /^arn:[^:]*:s3:::(.*)$/.exec(value)?.[1];
    if (path === undefined) return value === '*' || !value.startsWith('arn:');
    const slash = path.indexOf('/');
    const name = slash < 0 ? path : path.slice(0, slash);
    if (/[*?]/.test(name)) return true;
    return bucket ? slash < 0 : slash >= 0;
  });
}

/**
 * Whether a Deny of the same policy refuses CloudFront every distribution but those of named
 * accounts for all the grant's actions and resources: a Deny of everyone whose every condition is
 * a negated source test (`StringNotEquals` `aws:SourceAccount`) and that does not exempt services
 * (`BoolIfExists` `aws:PrincipalIsAWSService` `false` lets CloudFront through it).
 */
export function fencedToSources(allow: Statement, statements: readonly Statement[]): boolean {
  return fencedToSourcesOf(CLOUDFRONT_SERVICE, allow, statements);
}

/**
 * Whether a Deny of the same policy refuses service `service` every source but those of named
 * accounts or organizations for all the grant's actions and resources, as {@link fencedToSources}
 * says of CloudFront: a Deny of everyone, or one naming the service, whose every condition is a
 * negated source test or holds for every request of the service.
 */
export function fencedToSourcesOf(service: string, allow: Statement, statements: readonly Statement[]): boolean {
  const name = canonicalService(service);
  return fencesCovering(allow, fencesOf(deniesOfEveryoneFor(name, statements), fenceClauseFor(name))).some(
    ({ deny, clauses }) => clauses.length === deny.conditions.length,
  );
}

/** A service principal as compared here: lower case, its China form (`.amazonaws.com.cn`) as the global one. */
function canonicalService(name: string): string {
  return name.toLowerCase().replace(/\.amazonaws\.com\.cn$/, '.amazonaws.com');
}

/**
 * The statements with a Deny naming the service in `Principal` read as a Deny of everyone: it
 * refuses the service the same requests (once per policy and service, so the fences found are kept).
 */
function deniesOfEveryoneFor(service: string, statements: readonly Statement[]): readonly Statement[] {
  let byService = deniesWidened.get(statements);
  if (byService === undefined) {
    byService = new Map();
    deniesWidened.set(statements, byService);
  }
  let widened = byService.get(service);
  if (widened === undefined) {
    widened = statements.map((s) =>
      s.effect === 'Deny' &&
      s.principal !== undefined &&
      !s.principal.negated &&
      s.principal.entries.some(
        (e) => e.type === 'Service' && typeof e.value === 'string' && canonicalService(e.value) === service,
      )
        ? { ...s, principal: { ...s.principal, wildcard: true } }
        : s,
    );
    byService.set(service, widened);
  }
  return widened;
}

const deniesWidened = new WeakMap<readonly Statement[], Map<string, readonly Statement[]>>();

// One test per service, so that `fencesOf` finds the fences of a policy once for each.
const fenceClauses = new Map<string, (clause: ConditionClause) => boolean>();

/**
 * The clauses of a Deny that leave the service only the sources they name ({@link isSourceFenceClause}),
 * or that hold for every request of the service: a negated test of `aws:PrincipalArn` on IAM and
 * STS ARNs (a service principal is none of them: `NotPrincipal` naming roles, or the Deny of all
 * but some roles, refuses the service) or of `aws:PrincipalServiceName` not naming the service.
 */
function fenceClauseFor(service: string): (clause: ConditionClause) => boolean {
  let test = fenceClauses.get(service);
  if (test === undefined) {
    test = (clause) => isSourceFenceClause(clause) || refusesService(service, clause);
    fenceClauses.set(service, test);
  }
  return test;
}

function refusesService(service: string, clause: ConditionClause): boolean {
  if (!isPassedTest(clause) || clause.setOperator !== undefined || clause.values.length === 0) return false;
  const key = clause.key.toLowerCase();
  if (key === 'aws:principalarn')
    return clause.values.every((v) => typeof v === 'string' && /^arn:[^:]*:(iam|sts)::/.test(v));
  if (key === 'aws:principalservicename')
    return clause.values.every((v) => typeof v === 'string' && !/[*?$]/.test(v) && canonicalService(v) !== service);
  return false;
}

/** CloudFront's service principal as the entries name it, if they do. */
function cloudFrontNamed(entries: readonly PrincipalEntry[]): string | undefined {
  for (const e of entries)
    if (e.type === 'Service' && typeof e.value === 'string' && isCloudFrontService(e.value)) return e.value;
  return undefined;
}

/**
 * The pattern of the distributions of the resource's account: that of the statement's first
 * resource ARN naming an account (a function's), else `owner` (a bucket's ARN names none).
 */
export function distributionPattern(statement: Statement, owner: string | undefined): string {
  const resources = statement.resource?.negated === false ? statement.resource.values : [];
  const arns = resources
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.split(':'))
    .filter((f) => f[0] === 'arn' && f.length >= 6);
  const fields = arns.find((f) => /^\d{12}$/.test(f[4] ?? ''));
  // A bucket's ARN names no account but does its partition (`arn:aws-cn:s3:::site`).
  const partition = (fields ?? arns.find((f) => /^aws[a-z-]*$/.test(f[1] ?? '')))?.[1] ?? 'aws';
  return `arn:${partition}:cloudfront::${fields?.[4] ?? owner ?? '<account-id>'}:distribution/*`;
}

// The operators that let only matching values through.
const POSITIVE_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
]);

/** A positive test of a source key with values (`*` and the key's own variable are none). */
function isSourceTest(clause: ConditionClause): boolean {
  return (
    SOURCE_KEY_SET.has(clause.key.toLowerCase()) &&
    POSITIVE_OPERATORS.has(clause.baseOperator) &&
    restrictsValues(clause)
  );
}

function isSourceFenceClause(clause: ConditionClause): boolean {
  return (
    SOURCE_KEY_SET.has(clause.key.toLowerCase()) &&
    isPassedTest(clause) &&
    restrictsValues(clause) &&
    bindsSource(passedTest(clause))
  );
}

/** Whether a source test admits only distributions of named accounts or organizations (no pattern of any). */
function bindsSource(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  const like = PATTERN_OPERATORS.has(clause.baseOperator);
  return clause.values.every((value) => bindsValue(key, value, like));
}

function bindsValue(key: string, written: PolicyValue, like: boolean): boolean {
  // A reference to a resource (the ARN of a distribution of the stack) names one.
  if (isSymbolic(written)) return true;
  const value = written.replace(OWNER_VARIABLE, 'x');
  // Any other variable is the request's own value, which the caller's distribution sets.
  if (value.includes('${')) return false;
  // An ARN of no account (a bucket's, `arn:aws:s3:::name`) is a name another account may take.
  if (key === 'aws:sourcearn' && value.startsWith('arn:') && (value.split(':')[4] ?? '') === '') return false;
  if (!like || !/[*?]/.test(value)) return true;
  if (key === 'aws:sourcearn') return !/[*?]/.test(value.split(':')[4] ?? '*');
  if (key === 'aws:sourceorgpaths') return !/[*?]/.test(value.split('/')[0] ?? '*');
  return false;
}

/** `read and write its objects`, `invoke its function URL`: the verbs of each thing, once each. */
function whatOf(actions: readonly string[]): string {
  const verbsOf = new Map<string, string[]>();
  for (const action of actions) {
    const [verb, thing] = VIEWER_ACTIONS.get(action) ?? ['use', 'it'];
    const verbs = verbsOf.get(thing) ?? [];
    if (!verbs.includes(verb)) verbs.push(verb);
    verbsOf.set(thing, verbs);
  }
  const and = (words: readonly string[]): string =>
    words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
  return and([...verbsOf].map(([thing, verbs]) => `${and(verbs)} ${thing}`));
}
