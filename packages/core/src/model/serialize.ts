/** `serializePolicy`: the model back to a canonical JSON policy document. */
import type { ConditionClause, Policy, PrincipalSet, Statement, ValueSet } from './policy';
import type { PolicyValue } from './symbolic';

/**
 * A canonical JSON document for a parsed policy: elements in a fixed order, one value as a scalar,
 * several as an array, condition values as strings. Symbolic values stay `SymbolicValue`s.
 * Parsing the result gives back an equal model (pointers included).
 */
export function serializePolicy(policy: Policy): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  if (policy.version !== undefined) doc['Version'] = policy.version;
  if (policy.id !== undefined) doc['Id'] = policy.id;
  const only = policy.statements[0];
  // A document written with a single statement object keeps that form, so pointers survive.
  doc['Statement'] =
    policy.statements.length === 1 && only !== undefined && only.pointer === '/Statement'
      ? serializeStatement(only)
      : policy.statements.map(serializeStatement);
  return doc;
}

function scalarOrList<T>(values: readonly T[]): T | T[] {
  return values.length === 1 ? (values[0] as T) : values.slice();
}

function serializeStatement(statement: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (statement.sid !== undefined) out['Sid'] = statement.sid;
  out['Effect'] = statement.effect;
  if (statement.principal !== undefined) {
    out[statement.principal.negated ? 'NotPrincipal' : 'Principal'] = serializePrincipal(statement.principal);
  }
  putValueSet(out, 'Action', statement.action);
  putValueSet(out, 'Resource', statement.resource);
  if (statement.conditions.length > 0) out['Condition'] = serializeConditions(statement.conditions);
  return out;
}

function putValueSet<T>(out: Record<string, unknown>, element: string, set: ValueSet<T> | undefined): void {
  if (set !== undefined) out[set.negated ? 'Not' + element : element] = scalarOrList(set.values);
}

function serializePrincipal(principal: PrincipalSet): unknown {
  if (principal.wildcard) return '*';
  const byType = new Map<string, PolicyValue[]>();
  for (const entry of principal.entries) {
    const list = byType.get(entry.type) ?? [];
    list.push(entry.value);
    byType.set(entry.type, list);
  }
  const out: Record<string, unknown> = {};
  for (const [type, values] of byType) defineOwn(out, type, scalarOrList(values));
  return out;
}

function serializeConditions(clauses: readonly ConditionClause[]): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const clause of clauses) {
    let block = Object.prototype.hasOwnProperty.call(out, clause.operator) ? out[clause.operator] : undefined;
    if (block === undefined) {
      block = {};
      defineOwn(out, clause.operator, block);
    }
    defineOwn(block, clause.key, clause.values.length === 1 ? clause.values[0] : clause.values.slice());
  }
  return out;
}

/** Sets a data property as `JSON.parse` does: plain assignment would treat a `__proto__` key as the prototype. */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
