/**
 * Builds the policy model from a well-shaped document that validation refuses (an action written
 * `s3:GetObject,s3:PutObject`, an unknown condition operator, a duplicate Sid, ...). Simulation
 * evaluates such documents as IAM would read them: the invalid parts simply match nothing.
 * Only the case loader uses it, after `parsePolicy` refused the document and the shape check
 * passed.
 */
import { decodeOperator } from '../model/operators';
import type { ConditionClause, Policy, PrincipalEntry, PrincipalSet, Statement, ValueSet } from '../model/policy';
import { childPointer } from '../model/pointer';
import { checkShape, isRecord, ownValue } from '../model/shape';
import type { PolicyValue } from '../model/symbolic';
import { isSymbolic } from '../model/symbolic';

/** The policy of a document whose shape is valid, or undefined when its shape is not. */
export function buildLenient(doc: unknown): Policy | undefined {
  if (!isRecord(doc) || checkShape(doc).length > 0) return undefined;
  const raw = ownValue(doc, 'Statement');
  const statements = Array.isArray(raw)
    ? raw.map((s: unknown, i) => statement(s as Record<string, unknown>, i, childPointer('/Statement', i)))
    : [statement(raw as Record<string, unknown>, 0, '/Statement')];
  const version = ownValue(doc, 'Version');
  const id = ownValue(doc, 'Id');
  return {
    version: version === '2012-10-17' || version === '2008-10-17' ? version : undefined,
    id: typeof id === 'string' ? id : undefined,
    statements,
  };
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

function valueSet<T>(raw: Record<string, unknown>, element: string, pointer: string): ValueSet<T> | undefined {
  for (const [name, negated] of [
    [element, false],
    ['Not' + element, true],
  ] as const) {
    const value = ownValue(raw, name);
    if (value !== undefined)
      return { negated, values: list(value) as readonly T[], pointer: childPointer(pointer, name) };
  }
  return undefined;
}

function principal(raw: Record<string, unknown>, pointer: string): PrincipalSet | undefined {
  for (const [name, negated] of [
    ['Principal', false],
    ['NotPrincipal', true],
  ] as const) {
    const value = ownValue(raw, name);
    if (value === undefined) continue;
    const at = childPointer(pointer, name);
    if (!isRecord(value)) return { negated, wildcard: true, entries: [], pointer: at };
    const entries: PrincipalEntry[] = [];
    for (const type of Object.keys(value))
      for (const v of list(value[type]) as readonly PolicyValue[]) entries.push({ type, value: v });
    return { negated, wildcard: false, entries, pointer: at };
  }
  return undefined;
}

function conditions(raw: unknown, pointer: string): ConditionClause[] {
  if (!isRecord(raw)) return [];
  const at = childPointer(pointer, 'Condition');
  const out: ConditionClause[] = [];
  for (const operator of Object.keys(raw)) {
    const block = raw[operator];
    if (!isRecord(block)) continue;
    const decoded = decodeOperator(operator);
    for (const key of Object.keys(block)) {
      out.push({
        operator,
        // An operator IAM does not know never holds: keep a name no family answers to.
        baseOperator:
          decoded.known && decoded.unknownPrefix === undefined ? decoded.baseOperator : `unknown:${operator}`,
        ifExists: decoded.ifExists,
        setOperator: decoded.setOperator,
        key,
        values: list(block[key]).map((v) => (typeof v === 'string' || isSymbolic(v) ? v : String(v))),
        pointer: childPointer(childPointer(at, operator), key),
      });
    }
  }
  return out;
}

function statement(raw: Record<string, unknown>, index: number, pointer: string): Statement {
  const sid = ownValue(raw, 'Sid');
  return {
    sid: typeof sid === 'string' ? sid : undefined,
    effect: ownValue(raw, 'Effect') === 'Deny' ? 'Deny' : 'Allow',
    action: valueSet<string>(raw, 'Action', pointer),
    resource: valueSet<PolicyValue>(raw, 'Resource', pointer),
    principal: principal(raw, pointer),
    conditions: conditions(ownValue(raw, 'Condition'), pointer),
    index,
    pointer,
  };
}
