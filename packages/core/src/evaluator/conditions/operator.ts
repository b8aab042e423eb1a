/** The shape shared by every condition operator family. */

/** One condition operator (without `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix). */
export interface ConditionOperator {
  /** The operator name, e.g. `StringLike`. */
  readonly name: string;
  /** True for `StringNotEquals`, `NotIpAddress`, ...: the condition holds when no value matches. */
  readonly negated: boolean;
  /** True when policy variables are substituted in its values (string, ARN and Bool operators). */
  readonly variables: boolean;
  /** True when its values are wildcard patterns (`StringLike`, `Arn*`): a variable's value is then matched literally. */
  readonly patterns: boolean;
  /** Prepares one policy value; `undefined` when it can never match (not a number, bad CIDR, ...). */
  readonly prepare: (value: string) => unknown;
  /**
   * Is the request value of the operator's type (a number, a date, an address, an ARN)? A negated
   * operator does not hold for a value it cannot read.
   */
  readonly accepts: (requestValue: string) => boolean;
  /** Does the request value match the prepared policy value (in the positive sense)? */
  readonly test: (prepared: unknown, requestValue: string) => boolean;
}

/** Builds an operator with its fields in one order, so that every operator shares one hidden class. */
export function defineOperator(spec: ConditionOperator): ConditionOperator {
  return Object.freeze({
    name: spec.name,
    negated: spec.negated,
    variables: spec.variables,
    patterns: spec.patterns,
    accepts: spec.accepts,
    prepare: spec.prepare,
    test: spec.test,
  });
}

/**
 * The six ordered comparisons of a family whose values parse to numbers (`NumericLessThan`,
 * `DateGreaterThanEquals`, ...); `<Family>NotEquals` is the negated one.
 */
export function orderedOperators(family: string, parse: (text: string) => number | undefined): ConditionOperator[] {
  const operator = (suffix: string, negated: boolean, compare: (request: number, policy: number) => boolean) =>
    defineOperator({
      name: family + suffix,
      negated,
      variables: false,
      patterns: false,
      prepare: parse,
      accepts: (v) => parse(v) !== undefined,
      test: (p, v) => {
        const n = parse(v);
        return n !== undefined && compare(n, p as number);
      },
    });
  return [
    operator('Equals', false, (r, p) => r === p),
    operator('NotEquals', true, (r, p) => r === p),
    operator('LessThan', false, (r, p) => r < p),
    operator('LessThanEquals', false, (r, p) => r <= p),
    operator('GreaterThan', false, (r, p) => r > p),
    operator('GreaterThanEquals', false, (r, p) => r >= p),
  ];
}
