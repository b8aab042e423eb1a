/**
 * Resource policies whose services read them differently from the IAM policy grammar, rewritten
 * into the equivalent explicit document the engine evaluates:
 * - API Gateway REST API policies name their resources in an abbreviated form
 *   (`execute-api:/stage/GET/pets`, `execute-api:/*`) that API Gateway expands to the full ARN
 *   (`arn:aws:execute-api:region:account:api-id/stage/GET/pets`) when it saves the policy;
 * - ECR repository and EFS file system policies may have no `Resource`: such a statement applies
 *   to the repository or file system itself;
 * - an account id as an `AWS` principal (`Principal: { AWS: !Ref AWS::AccountId }`) is stored by
 *   IAM and the services as the account's root ARN, `arn:<partition>:iam::<account>:root`.
 * A pattern condition on a parameter whose `AllowedPattern` fixes how it starts is written with that
 * start (`withPatternPrefixes`): what CloudFormation lets the parameter be, not a rewrite by a service.
 */
import { SymbolicValue } from '@iamgate/core';
import type { Hole, PolicyValue } from '@iamgate/core';
import { ACCOUNT_HOLE } from '../resolve/intrinsics';
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

/**
 * The document with the stack's account, written as a bare account id in an `AWS` principal, in
 * the root ARN form the service stores: one account, never `*`, whatever the account turns out to be.
 * `isAccount` names other values known only at deploy that can only be an account id (a parameter
 * constrained to 12 digits).
 */
export function withAccountRootArns(
  document: unknown,
  partition: string,
  isAccount: (hole: Hole) => boolean = () => false,
): unknown {
  const isStackAccount = (value: unknown): value is SymbolicValue => {
    const only = value instanceof SymbolicValue && value.parts.length === 1 ? value.parts[0] : undefined;
    return only !== undefined && typeof only !== 'string' && (only.id === ACCOUNT_HOLE.id || isAccount(only));
  };
  const rootArn = (value: unknown): unknown =>
    isStackAccount(value) ? new SymbolicValue([`arn:${partition}:iam::`, ...value.parts, ':root']) : value;
  const principal = (value: unknown): unknown => {
    if (!isRecord(value) || !('AWS' in value)) return value;
    const aws = value['AWS'];
    return { ...value, AWS: Array.isArray(aws) ? aws.map(rootArn) : rootArn(aws) };
  };
  return mapStatements(document, (statement) => {
    const out: Record<string, unknown> = { ...statement };
    for (const key of ['Principal', 'NotPrincipal']) if (key in statement) out[key] = principal(statement[key]);
    return out;
  });
}

/**
 * The document with each `StringLike`/`ArnLike` condition value that is wholly a parameter whose
 * `AllowedPattern` fixes how it starts (`arn:aws:iam::[0-9]{12}:role/.*`) written as that literal
 * start and the rest: a pattern bounded so is not `*`, as a value known only at deploy may be.
 * `prefixOf` gives the start a parameter's pattern fixes, if any.
 */
export function withPatternPrefixes(document: unknown, prefixOf: (hole: Hole) => string | undefined): unknown {
  const bounded = (value: unknown): unknown => {
    const only = value instanceof SymbolicValue && value.parts.length === 1 ? value.parts[0] : undefined;
    if (only === undefined || typeof only === 'string') return value;
    const prefix = prefixOf(only);
    return prefix === undefined
      ? value
      : new SymbolicValue([prefix, { id: only.id, source: `the rest of ${only.source}, after \`${prefix}\`` }]);
  };
  return mapStatements(document, (statement) => {
    const condition = statement['Condition'];
    if (!isRecord(condition)) return statement;
    const out: Record<string, unknown> = {};
    for (const [operator, clauses] of Object.entries(condition)) {
      const like = /^(ForAllValues:|ForAnyValue:)?(StringLike|ArnLike)(IfExists)?$/.test(operator);
      out[operator] =
        like && isRecord(clauses)
          ? Object.fromEntries(
              Object.entries(clauses).map(([key, v]) => [key, Array.isArray(v) ? v.map(bounded) : bounded(v)]),
            )
          : clauses;
    }
    return { ...statement, Condition: out };
  });
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
  // A stage or path known only at deploy (`!Sub execute-api:/${Stage}/*`, SAM's `StageName: !Ref
  // Stage`) is a value whose first part is the literal start.
  const parts = typeof value === 'string' ? [value] : value instanceof SymbolicValue ? value.parts : [];
  const first = parts[0];
  if (typeof first !== 'string' || !first.startsWith(SHORTHAND)) return value;
  const rest = first.slice(SHORTHAND.length);
  // `execute-api:/*` and `execute-api:/stage/...`; anything else is left for the linter to report.
  if (!rest.startsWith('/')) return value;
  const below = [rest, ...parts.slice(1)];
  if (typeof apiArn === 'string' && below.length === 1) return apiArn + rest;
  return new SymbolicValue([...(typeof apiArn === 'string' ? [apiArn] : apiArn.parts), ...below]);
}
