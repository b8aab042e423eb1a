/** String condition operators: exact, case-insensitive and wildcard comparisons. */
import { globMatch } from '../pattern';
import type { ConditionOperator } from './operator';

const identity = (value: string): string => value;
const any = (): boolean => true;
const lower = (value: string): string => value.toLowerCase();

function equals(name: string, negated: boolean): ConditionOperator {
  return { name, negated, variables: true, patterns: false, accepts: any, prepare: identity, test: (p, v) => p === v };
}

function equalsIgnoreCase(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: true,
    patterns: false,
    accepts: any,
    prepare: lower,
    test: (p, v) => p === v.toLowerCase(),
  };
}

function like(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: true,
    patterns: true,
    accepts: any,
    prepare: identity,
    test: (p, v) => globMatch(p as string, v),
  };
}

/** The String* operator family. */
export const stringOperators: readonly ConditionOperator[] = [
  equals('StringEquals', false),
  equals('StringNotEquals', true),
  equalsIgnoreCase('StringEqualsIgnoreCase', false),
  equalsIgnoreCase('StringNotEqualsIgnoreCase', true),
  like('StringLike', false),
  like('StringNotLike', true),
];
