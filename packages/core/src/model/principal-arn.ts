/**
 * The ARNs a request's `aws:PrincipalArn` can hold. AWS sets the key to the ARN of the IAM user,
 * of the role (for a role session: the role's ARN, never the `assumed-role` session's), of the
 * federated user session or of the account root; an anonymous request has no such key. A
 * condition value that none of these can match admits, or in a negated test refuses, no caller.
 */
import type { PolicyValue } from './symbolic';

// Service, and the start of the resource, of each ARN shape `aws:PrincipalArn` takes; `root` is whole.
const SHAPES: readonly { readonly service: string; readonly resource: string; readonly whole: boolean }[] = [
  { service: 'iam', resource: 'root', whole: true },
  { service: 'iam', resource: 'user/', whole: false },
  { service: 'iam', resource: 'role/', whole: false },
  { service: 'sts', resource: 'federated-user/', whole: false },
];

/**
 * Whether a condition value on `aws:PrincipalArn`, compared by `baseOperator`, can never match the
 * ARN of a caller: an ARN of another service (`sts:...:assumed-role/...`, `s3`), of a Region, of
 * another resource type. A part known only after deploy (`${AWS::AccountId}`) or a policy variable
 * may be any text of its field. A `String...Like` pattern with a `*` before the resource (it may
 * span colons) is matched against each shape whole. Text that is no ARN and another operator are
 * not judged (false).
 */
export function neverPrincipalArn(value: PolicyValue, baseOperator: string): boolean {
  if (!COMPARED.has(baseOperator)) return false;
  const fields = textOf(value).split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return false;
  const patterns = readsPatterns(baseOperator);
  // A `*` of `StringLike` may span colons: the pattern is matched against the whole of each ARN shape.
  if (patterns && !baseOperator.startsWith('Arn') && fields.slice(0, 5).some((f) => f.includes('*')))
    return !WHOLE_SHAPES.some((shape) => someTextMatchesBoth(textOf(value), shape));
  const [, , service = '', region = ''] = fields;
  const resource = fields.slice(5).join(':');
  const fits = (glob: string, text: string, whole: boolean): boolean => globMatchesFrom(glob, text, whole, patterns);
  if (!fits(region, '', true)) return true;
  return !SHAPES.some((shape) => fits(service, shape.service, true) && fits(resource, shape.resource, shape.whole));
}

// Each ARN shape of `aws:PrincipalArn` whole: `SEGMENT` stands for any text without a colon (a
// partition, an account, a federated user's name), `REST` for any text (a user's or role's path and
// name, whose path may hold any printable character).
const SEGMENT = '\u0002';
const REST = '\u0003';
const WHOLE_SHAPES: readonly string[] = [
  `arn:${SEGMENT}:iam::${SEGMENT}:root`,
  `arn:${SEGMENT}:iam::${SEGMENT}:user/${REST}`,
  `arn:${SEGMENT}:iam::${SEGMENT}:role/${REST}`,
  `arn:${SEGMENT}:sts::${SEGMENT}:federated-user/${SEGMENT}`,
];

/**
 * Whether some text matches both the `StringLike` pattern `glob` (its {@link ANY} any text of one
 * field) and `shape`: a search over pairs of positions in the two, each step a character both
 * may take there.
 */
function someTextMatchesBoth(glob: string, shape: string): boolean {
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.pop() as [number, number];
    const key = `${String(i)},${String(j)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === glob.length && j === shape.length) return true;
    const g = positionOf(glob[i], true);
    const t = positionOf(shape[j], false);
    if (g?.run) queue.push([i + 1, j]);
    if (t?.run) queue.push([i, j + 1]);
    if (g === undefined || t === undefined || !sharesCharacter(g.takes, t.takes)) continue;
    queue.push([g.run ? i : i + 1, t.run ? j : j + 1]);
  }
  return false;
}

// The characters one position takes: any, any but a colon, or the one written.
type Takes = 'any' | 'not-colon' | { readonly char: string };

/** What a position of a pattern takes, and whether it is a run (staying put) or one character. */
function positionOf(
  c: string | undefined,
  wild: boolean,
): { readonly run: boolean; readonly takes: Takes } | undefined {
  if (c === undefined) return undefined;
  if (c === REST || (wild && c === '*')) return { run: true, takes: 'any' };
  if (c === SEGMENT || c === ANY) return { run: true, takes: 'not-colon' };
  if (wild && c === '?') return { run: false, takes: 'any' };
  return { run: false, takes: { char: c } };
}

function sharesCharacter(a: Takes, b: Takes): boolean {
  if (typeof a !== 'string' && typeof b !== 'string') return a.char === b.char;
  const set = typeof a === 'string' ? a : b;
  const other = typeof a === 'string' ? b : a;
  return set === 'any' || other === 'any' || other === 'not-colon' || other.char !== ':';
}

/** Whether a value is a role session's ARN (`arn:aws:sts::ACCOUNT:assumed-role/...`), parts known only after deploy included. */
export function isAssumedRoleArn(value: PolicyValue): boolean {
  return /^arn:[^:]*:sts:[^:]*:[^:]*:assumed-role\//.test(textOf(value));
}

// Stands for a part of a value unknown before the request: any text, within its field.
const ANY = '\u0001';

/** The value as text, each part known only after deploy and each policy variable {@link ANY}. */
function textOf(value: PolicyValue): string {
  const parts = typeof value === 'string' ? [value] : value.parts;
  return parts.map((p) => (typeof p === 'string' ? p.replace(/\$\{[^}]*\}/g, ANY) : ANY)).join('');
}

// The operators that compare an ARN as written (not ignoring case), equal or like.
const COMPARED: ReadonlySet<string> = new Set([
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'StringEquals',
  'StringLike',
  'StringNotEquals',
  'StringNotLike',
]);

// The operators whose values are patterns (`ArnEquals` reads `*` as `ArnLike` does).
function readsPatterns(baseOperator: string): boolean {
  return baseOperator.startsWith('Arn') || baseOperator === 'StringLike' || baseOperator === 'StringNotLike';
}

/**
 * Whether the pattern matches `text` (`whole`), or some text that starts with it: the pattern is run
 * over `text` as an automaton of its positions, a `*` (when `wild`) or {@link ANY} staying put on
 * any character, a `?` (when `wild`) taking one.
 */
function globMatchesFrom(glob: string, text: string, whole: boolean, wild: boolean): boolean {
  const star = (g: string | undefined): boolean => g === ANY || (wild && g === '*');
  const closure = (positions: Set<number>): Set<number> => {
    for (const p of positions) if (star(glob[p])) positions.add(p + 1);
    return positions;
  };
  let states = closure(new Set([0]));
  for (const char of text) {
    const next = new Set<number>();
    for (const p of states) {
      const g = glob[p];
      if (star(g)) next.add(p);
      else if ((wild && g === '?') || g === char) next.add(p + 1);
    }
    states = closure(next);
    if (states.size === 0) return false;
  }
  return whole ? states.has(glob.length) : states.size > 0;
}

// Two permission set roles of names no pattern written for one permission set would match.
const PERMISSION_SET_ROLES = ['AWSReservedSSO_Zq7xProbe_0a1b2c3d4e5f6a7b', 'AWSReservedSSO_Yk3wOther_9f8e7d6c5b4a3f2e'];
// The Region an Identity Center role's path names (`.../sso.amazonaws.com/eu-west-2/...`), none
// for an instance of us-east-1.
const SSO_REGION = /\/sso\.amazonaws\.com\/([a-z]{2}(?:-[a-z]+)+-\d+)\//;
// Regions of each partition tried for a Region segment written as a pattern (`.../sso.amazonaws.com/us-*/*`).
const SSO_REGIONS = [
  'eu-west-2',
  'us-east-2',
  'us-west-2',
  'ap-southeast-2',
  'ca-central-1',
  'us-gov-west-1',
  'cn-north-1',
];

/**
 * The account field, as written (`${...}` whole), of an `aws:PrincipalArn` pattern, compared by
 * `baseOperator`, that the role of every IAM Identity Center permission set of an account matches
 * (`arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*`, or with a Region segment):
 * Identity Center names each role `AWSReservedSSO_<permission set>_<suffix>` under that path, so
 * such a pattern admits whoever is assigned any permission set there, one created later included.
 * Undefined for a pattern of one permission set (`.../AWSReservedSSO_Admin_*`) or of no such role.
 */
export function everyPermissionSetAccount(value: PolicyValue, baseOperator: string): string | undefined {
  if (!COMPARED.has(baseOperator) || !readsPatterns(baseOperator)) return undefined;
  const text = textOf(value);
  const fields = text.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  const [, , service = '', region = '', account = ''] = fields;
  if (!globMatchesFrom(service, 'iam', true, true) || !globMatchesFrom(region, '', true, true)) return undefined;
  const resource = fields.slice(5).join(':');
  const path = `role/aws-reserved/sso.amazonaws.com/`;
  const named = SSO_REGION.exec(resource)?.[1];
  const admitsAll = (prefix: string): boolean =>
    PERMISSION_SET_ROLES.every((name) => globMatchesFrom(resource, `${prefix}${name}`, true, true));
  if (!admitsAll(path) && !(named === undefined ? SSO_REGIONS : [named]).some((r) => admitsAll(`${path}${r}/`)))
    return undefined;
  return writtenFields(value)[4] ?? account;
}

/**
 * Whether the account field of an `aws:PrincipalArn` pattern (`111122223333`, `1111*`, `*`,
 * `${aws:ResourceAccount}`: a policy variable or a part known only after deploy may be any
 * account) admits `account`.
 */
export function accountFieldAdmits(field: string, account: string): boolean {
  return field === account || globMatchesFrom(field.replace(/\$\{[^}]*\}/g, ANY), account, true, true);
}

/**
 * The colon-separated fields of an ARN as written, each `${...}` whole (`${aws:PrincipalAccount}`
 * holds a colon), a part known only after deploy rendered `${source}`.
 */
function writtenFields(value: PolicyValue): string[] {
  const whole: string[] = [];
  const hide = (text: string): string => `${ANY}${String(whole.push(text) - 1)}${ANY}`;
  const parts = typeof value === 'string' ? [value] : value.parts;
  const hidden = parts
    .map((p) => (typeof p === 'string' ? p.replace(/\$\{[^}]*\}/g, hide) : hide('${' + p.source + '}')))
    .join('');
  const restore = new RegExp(`${ANY}(\\d+)${ANY}`, 'g');
  return hidden.split(':').map((field) => field.replace(restore, (_m, i: string) => whole[Number(i)] ?? ''));
}
