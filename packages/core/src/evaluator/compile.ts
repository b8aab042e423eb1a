/**
 * Pre-compilation of parsed policies for evaluation: lowercased action patterns, resource and
 * principal entries sorted by kind, condition operators resolved and literal values prepared.
 * Compiled once per Policy object (cached), so evaluating many requests against the same
 * policies pays it once.
 */
import type { ConditionClause, Policy, Statement } from '../model/policy';
import type { PolicyValue } from '../model/symbolic';
import { accountOfPrincipalEntry, splitArn } from './arn';
import type { ConditionOperator } from './conditions';
import { conditionOperator } from './conditions';
import { hasVariable } from './variables';

/** A value of a policy element, ready to match. */
export interface CompiledValue {
  /** The value as written, or symbolic. */
  readonly value: PolicyValue;
  /** The text to match when the value is a literal (lowercased for actions). */
  readonly text: string | undefined;
  /** True when the literal holds a policy variable to substitute per request. */
  readonly dynamic: boolean;
  /** For literal Resource entries: the six ARN parts, `'*'` for the bare wildcard, undefined when not an ARN. */
  readonly arn: readonly string[] | '*' | undefined;
  /**
   * The ARN with its prefix parts lowercased, when those parts hold no wildcard: matching it as one
   * pattern is then the same as matching part by part.
   */
  readonly flat: string | undefined;
  /** True when `flat` holds no wildcard at all (a string comparison decides). */
  readonly literal: boolean;
}

/** How a principal entry can match. */
type PrincipalEntryKind = 'wildcard' | 'account' | 'arn' | 'other';

/** One Principal/NotPrincipal entry. */
export interface CompiledPrincipal {
  readonly type: string;
  readonly value: PolicyValue;
  readonly kind: PrincipalEntryKind;
  /** For `account` entries: the account id. */
  readonly account: string | undefined;
}

/** One condition clause. */
export interface CompiledCondition {
  readonly clause: ConditionClause;
  readonly key: string;
  /** undefined for `Null` and for unknown operators (which never hold, as `NullIfExists` does not). */
  readonly operator: ConditionOperator | undefined;
  readonly isNull: boolean;
  readonly known: boolean;
  /** 0 none, 1 ForAllValues, 2 ForAnyValue. */
  readonly setOperator: 0 | 1 | 2;
  readonly ifExists: boolean;
  readonly values: readonly CompiledValue[];
  /** Prepared literal values (`undefined` entries never match), when no value is dynamic or symbolic. */
  readonly prepared: readonly unknown[] | undefined;
}

/** One statement. */
export interface CompiledStatement {
  readonly statement: Statement;
  readonly deny: boolean;
  /** undefined when the statement has neither Action nor NotAction (it matches nothing). */
  readonly actions: readonly string[] | undefined;
  readonly notAction: boolean;
  /** undefined when there is no Resource/NotResource (resource and trust policies: every resource). */
  readonly resources: readonly CompiledValue[] | undefined;
  readonly notResource: boolean;
  readonly principals: readonly CompiledPrincipal[] | undefined;
  readonly principalWildcard: boolean;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

/** A compiled policy. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly statements: readonly CompiledStatement[];
  /** Version 2012-10-17: policy variables are substituted. */
  readonly variables: boolean;
}

const cache = new WeakMap<Policy, CompiledPolicy>();

/** Compiles a policy for evaluation (cached per Policy object). */
export function compilePolicy(policy: Policy): CompiledPolicy {
  let compiled = cache.get(policy);
  if (!compiled) {
    const variables = policy.version === '2012-10-17';
    compiled = { policy, variables, statements: policy.statements.map((s) => compileStatement(s, variables)) };
    cache.set(policy, compiled);
  }
  return compiled;
}

function compileValue(value: PolicyValue, variables: boolean, lower: boolean): CompiledValue {
  // Every compiled value has the same fields, in the same order: one hidden class on the hot path.
  if (typeof value !== 'string')
    return { value, text: undefined, dynamic: false, arn: undefined, flat: undefined, literal: false };
  return {
    value,
    text: lower ? value.toLowerCase() : value,
    dynamic: variables && hasVariable(value),
    arn: undefined,
    flat: undefined,
    literal: false,
  };
}

function compileResource(value: PolicyValue, variables: boolean): CompiledValue {
  if (typeof value !== 'string' || (variables && hasVariable(value))) return compileValue(value, variables, false);
  const arn = resourceParts(value);
  let flat: string | undefined;
  if (arn !== undefined && arn !== '*' && !hasWildcardBefore(arn, 5)) flat = arn.join(':');
  const literal = flat !== undefined && flat.indexOf('*') < 0 && flat.indexOf('?') < 0;
  return { value, text: value, dynamic: false, arn, flat, literal };
}

function hasWildcardBefore(parts: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) {
    const part = parts[i] as string;
    if (part.indexOf('*') >= 0 || part.indexOf('?') >= 0) return true;
  }
  return false;
}

/**
 * A Resource pattern or resource as matched: the bare `*`, or six ARN parts (undefined otherwise).
 * The parts before the resource (`arn`, partition, service, region, account) compare without case.
 */
export function resourceParts(text: string): readonly string[] | '*' | undefined {
  if (text === '*') return '*';
  const parts = splitArn(text, true);
  if (!parts) return undefined;
  for (let i = 0; i < 5; i++) parts[i] = (parts[i] as string).toLowerCase();
  return parts;
}

function compileStatement(statement: Statement, variables: boolean): CompiledStatement {
  const principal = statement.principal;
  return {
    statement,
    deny: statement.effect === 'Deny',
    actions: statement.action ? statement.action.values.map((a) => a.toLowerCase()) : undefined,
    notAction: statement.action?.negated ?? false,
    resources: statement.resource ? statement.resource.values.map((r) => compileResource(r, variables)) : undefined,
    notResource: statement.resource?.negated ?? false,
    principals: principal ? principal.entries.map(compilePrincipal) : undefined,
    principalWildcard: principal?.wildcard ?? false,
    notPrincipal: principal?.negated ?? false,
    conditions: statement.conditions.map((c) => compileCondition(c, variables)),
  };
}

function compilePrincipal(entry: { readonly type: string; readonly value: PolicyValue }): CompiledPrincipal {
  const { type, value } = entry;
  if (typeof value !== 'string') return { type, value, kind: 'other', account: undefined };
  if (value === '*') return { type, value, kind: 'wildcard', account: undefined };
  if (type === 'AWS') {
    const account = accountOfPrincipalEntry(value);
    if (account !== undefined) return { type, value, kind: 'account', account };
    return { type, value, kind: 'arn', account: undefined };
  }
  return { type, value, kind: 'other', account: undefined };
}

function compileCondition(clause: ConditionClause, variables: boolean): CompiledCondition {
  const isNull = clause.baseOperator.toLowerCase() === 'null';
  const operator = isNull ? undefined : conditionOperator(clause.baseOperator);
  const substitute = variables && operator !== undefined && operator.variables;
  const values = clause.values.map((v) => compileValue(v, substitute, false));
  const literal = operator !== undefined && values.every((v) => v.text !== undefined && !v.dynamic);
  return {
    clause,
    key: clause.key.toLowerCase(),
    operator,
    isNull,
    // `NullIfExists` is no operator (IfExists goes on any operator but Null): it never holds.
    known: (isNull && !clause.ifExists) || operator !== undefined,
    setOperator: clause.setOperator === 'ForAllValues' ? 1 : clause.setOperator === 'ForAnyValue' ? 2 : 0,
    ifExists: clause.ifExists,
    values,
    prepared: literal && operator ? values.map((v) => operator.prepare(v.text as string)) : undefined,
  };
}
