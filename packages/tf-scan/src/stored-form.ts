/**
 * Resource policies that their services read differently from the IAM policy grammar, rewritten
 * into the explicit document the engine evaluates (what the service stores and enforces):
 * - an ECR repository policy (private or public) or an EFS file system policy may have no
 *   `Resource`: each such statement applies to the repository or file system itself;
 * - an API Gateway REST API policy may name its resources in the abbreviated form
 *   `execute-api:/stage/GET/pets` or `execute-api:/*`, which API Gateway expands to
 *   `arn:aws:execute-api:region:account:api-id/stage/GET/pets` when it saves the policy.
 * A document left as the plan wrote it (JSON text) stays text when nothing is rewritten.
 */
import { SymbolicValue } from '@iamgate/core';
import type { PolicyValue } from '@iamgate/core';

/** How a resource type's service reads its policy, when not as the IAM grammar says. */
export type StoredForm = 'implied-resource' | 'execute-api';

const SHORTHAND = 'execute-api:';

type Statement = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof SymbolicValue);
}

/** The document with `Resource: arn` on each statement that has neither `Resource` nor `NotResource`. */
export function withImpliedResource(document: unknown, arn: PolicyValue): unknown {
  return rewriteStatements(document, (statement) =>
    Object.hasOwn(statement, 'Resource') || Object.hasOwn(statement, 'NotResource')
      ? statement
      : { ...statement, Resource: arn },
  );
}

/** The document with each abbreviated `Resource` / `NotResource` (`execute-api:/...`) expanded below `apiArn`. */
export function expandExecuteApiShorthand(document: unknown, apiArn: PolicyValue): unknown {
  return rewriteStatements(document, (statement) => {
    let out: Statement | undefined;
    for (const key of ['Resource', 'NotResource']) {
      if (!Object.hasOwn(statement, key)) continue;
      const value = statement[key];
      const expanded = Array.isArray(value) ? expandAll(value, apiArn) : expandOne(value, apiArn);
      if (expanded !== value) (out ??= { ...statement })[key] = expanded;
    }
    return out ?? statement;
  });
}

function expandAll(values: readonly unknown[], apiArn: PolicyValue): unknown[] {
  const expanded = values.map((v) => expandOne(v, apiArn));
  return expanded.every((v, i) => v === values[i]) ? (values as unknown[]) : expanded;
}

function expandOne(value: unknown, apiArn: PolicyValue): unknown {
  if (typeof value !== 'string' || !value.startsWith(SHORTHAND)) return value;
  const rest = value.slice(SHORTHAND.length);
  // Only `execute-api:/...` is the abbreviated form; anything else is left for the linter to report.
  if (!rest.startsWith('/')) return value;
  return typeof apiArn === 'string' ? apiArn + rest : new SymbolicValue([...apiArn.parts, rest]);
}

/**
 * The document with each statement passed through `map`. The document itself when no statement
 * changes (JSON text stays text); a document that is not an object of statements is left as is,
 * for the policy parser to report.
 */
function rewriteStatements(document: unknown, map: (statement: Statement) => Statement): unknown {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as unknown;
    } catch {
      return document;
    }
  }
  if (!isRecord(parsed) || !Object.hasOwn(parsed, 'Statement')) return document;
  const statements = parsed['Statement'];
  let changed = false;
  const one = (statement: unknown): unknown => {
    if (!isRecord(statement)) return statement;
    const out = map(statement);
    if (out !== statement) changed = true;
    return out;
  };
  const next = Array.isArray(statements) ? statements.map(one) : one(statements);
  return changed ? { ...parsed, Statement: next } : document;
}
