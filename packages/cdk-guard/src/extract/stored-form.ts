/**
 * Resource policies whose services read them differently from the IAM policy grammar, rewritten
 * into the equivalent explicit document the engine evaluates:
 * - API Gateway REST API policies name their resources in an abbreviated form
 *   (`execute-api:/stage/GET/pets`, `execute-api:/*`) that API Gateway expands to the full ARN
 *   (`arn:aws:execute-api:region:account:api-id/stage/GET/pets`) when it saves the policy;
 * - ECR repository policies have no `Resource`: a statement applies to the repository itself.
 */
import { SymbolicValue } from '@iamgate/core';
import type { PolicyValue } from '@iamgate/core';
import { isRecord } from '../resolve/values';

const SHORTHAND = 'execute-api:';

/** The document with each abbreviated `Resource`/`NotResource` expanded below `apiArn`. */
export function expandExecuteApiShorthand(document: unknown, apiArn: PolicyValue): unknown {
  return mapStatements(document, (statement) => {
    const out: Record<string, unknown> = { ...statement };
    for (const key of ['Resource', 'NotResource']) {
      const value = statement[key];
      if (value === undefined) continue;
      out[key] = Array.isArray(value) ? value.map((v) => expandOne(v, apiArn)) : expandOne(value, apiArn);
    }
    return out;
  });
}

/** The document with `Resource: arn` on each statement that names no resource. */
export function withImpliedResource(document: unknown, arn: PolicyValue): unknown {
  return mapStatements(document, (statement) =>
    'Resource' in statement || 'NotResource' in statement ? statement : { ...statement, Resource: arn },
  );
}

function mapStatements(
  document: unknown,
  map: (statement: Record<string, unknown>) => Record<string, unknown>,
): unknown {
  if (!isRecord(document)) return document;
  const statements = document['Statement'];
  const one = (statement: unknown): unknown => (isRecord(statement) ? map(statement) : statement);
  return { ...document, Statement: Array.isArray(statements) ? statements.map(one) : one(statements) };
}

function expandOne(value: unknown, apiArn: PolicyValue): unknown {
  if (typeof value !== 'string' || !value.startsWith(SHORTHAND)) return value;
  const rest = value.slice(SHORTHAND.length);
  // `execute-api:/*` and `execute-api:/stage/...`; anything else is left for the linter to report.
  if (!rest.startsWith('/')) return value;
  return typeof apiArn === 'string' ? apiArn + rest : new SymbolicValue([...apiArn.parts, rest]);
}
