/** String condition operators: exact, case-insensitive and wildcard comparisons. */
import { globMatch } from '../pattern';
import type { ConditionOperator } from './operator';

const identity = (value: string): string => value;
const any = (): boolean => true;
/**
 * The text with each character folded on its own (upper case, then lower case, where each is one
 * character): `Σ`, `σ` and `ς` fold alike, which `toLowerCase` on the whole text does not do (it
 * writes a final `Σ` as `ς`), and `ß` stays one letter.
 */
function fold(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value.toLowerCase();
  let out = '';
  for (const c of value) {
    const upper = c.toUpperCase();
    const base = upper.length === c.length ? upper : c;
    const lower = base.toLowerCase();
    out += lower.length === base.length ? lower : base;
  }
  return out;
}

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
    prepare: fold,
    test: (p, v) => p === fold(v),
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
