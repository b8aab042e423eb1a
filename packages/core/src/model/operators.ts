/** The IAM condition operators and how an operator name as written decodes into its parts. */
import type { ConditionClause, SetOperator } from './policy';

/** Every base condition operator of the IAM policy language. */
export const CONDITION_OPERATORS: readonly string[] = Object.freeze([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Null',
]);

/** The set operator prefixes (`ForAllValues:StringLike`). */
export const SET_OPERATORS: readonly SetOperator[] = Object.freeze(['ForAllValues', 'ForAnyValue'] as const);

const BY_LOWERCASE = new Map(CONDITION_OPERATORS.map((op) => [op.toLowerCase(), op]));
const SUFFIX = 'IfExists';

/** An operator name split into its parts; names are canonical when IAM knows them in any case. */
export interface DecodedOperator {
  readonly setOperator: SetOperator | undefined;
  /** The prefix before the first `:` when it is not a known set operator, e.g. `ForSomeValue`. */
  readonly unknownPrefix: string | undefined;
  readonly baseOperator: string;
  readonly ifExists: boolean;
  /** True when the base operator is one of `CONDITION_OPERATORS`. */
  readonly known: boolean;
  /** The name with canonical casing, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly canonical: string;
}

/** Splits `ForAnyValue:StringLikeIfExists` into set operator, base operator and IfExists. */
export function decodeOperator(operator: string): DecodedOperator {
  let rest = operator;
  let setOperator: SetOperator | undefined;
  let unknownPrefix: string | undefined;
  const colon = operator.indexOf(':');
  if (colon >= 0) {
    const prefix = operator.slice(0, colon);
    setOperator = SET_OPERATORS.find((s) => s.toLowerCase() === prefix.toLowerCase());
    if (setOperator === undefined) unknownPrefix = prefix;
    rest = operator.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.length > SUFFIX.length && rest.toLowerCase().endsWith(SUFFIX.toLowerCase())) {
    ifExists = true;
    rest = rest.slice(0, -SUFFIX.length);
  }
  const base = BY_LOWERCASE.get(rest.toLowerCase());
  const baseOperator = base ?? rest;
  const canonical =
    (setOperator === undefined ? (unknownPrefix === undefined ? '' : unknownPrefix + ':') : setOperator + ':') +
    baseOperator +
    (ifExists ? SUFFIX : '');
  return { setOperator, unknownPrefix, baseOperator, ifExists, known: base !== undefined, canonical };
}

/** A clause that holds whenever its key is absent from the request (a negated test, `...IfExists`, `Null: true`). */
export function holdsWhenAbsent(c: ConditionClause): boolean {
  if (c.ifExists || c.setOperator === 'ForAllValues') return true;
  if (c.setOperator === 'ForAnyValue') return false;
  if (c.baseOperator === 'Null') return c.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true');
  return /^(StringNot|ArnNot|NotIpAddress|NumericNotEquals|DateNotEquals|BinaryNot)/.test(c.baseOperator);
}
