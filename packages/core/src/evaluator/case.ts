/**
 * The simulation case format shared with the conformance oracle (one JSON object: a request and
 * the policies that apply), read into an {@link EvaluationRequest} and a {@link PolicySet}.
 */
import type { Policy } from '../model/policy';
import { parsePolicy } from '../model/parse';
import { childPointer } from '../model/pointer';
import { buildLenient } from './lenient';
import type { ContextValue, EvaluationRequest, PolicySet } from './types';

/** A case read and parsed. */
export interface SimulationCase {
  readonly id: string | undefined;
  readonly request: EvaluationRequest;
  readonly policies: PolicySet;
}

/** A problem with a case: what and where (JSON pointer). */
export interface CaseError {
  readonly pointer: string;
  readonly message: string;
}

/** `{ ok: true, value }` or `{ ok: false, error }`. */
export type CaseResult =
  | { readonly ok: true; readonly value: SimulationCase }
  | { readonly ok: false; readonly id: string | undefined; readonly error: CaseError };

class CaseProblem extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(container: Record<string, unknown>, key: string, pointer: string): string {
  const value = container[key];
  if (typeof value !== 'string') throw new CaseProblem(`${pointer}/${key}`, `\`${key}\` must be a string`);
  return value;
}

/**
 * Reads one policy of a case. Evaluation needs only a well-shaped document: what validation
 * refuses (a trust policy without Resource, an action with a comma) is evaluated as written.
 * Two shorthands of the case format are accepted: a bare ARN as Principal (`{"AWS": ARN}`) and
 * an empty Statement list (a policy that allows and denies nothing).
 */
function readPolicy(input: unknown, pointer: string): Policy {
  if (isObject(input) && Array.isArray(input['Statement']) && input['Statement'].length === 0) {
    const version = input['Version'];
    const id = input['Id'];
    return {
      version: version === '2012-10-17' || version === '2008-10-17' ? version : undefined,
      id: typeof id === 'string' ? id : undefined,
      statements: [],
    };
  }
  const expanded = expandPrincipalShorthand(input);
  const parsed = parsePolicy(expanded);
  if (!parsed.ok) {
    const lenient = buildLenient(expanded);
    if (lenient) return lenient;
    const issue = parsed.issues.find((i) => i.severity === 'error') ?? parsed.issues[0];
    throw new CaseProblem(pointer + (issue?.pointer ?? ''), issue?.message ?? 'invalid policy');
  }
  return parsed.value;
}

function expandPrincipalShorthand(input: unknown): unknown {
  if (!isObject(input)) return input;
  const statements = input['Statement'];
  const expand = (statement: unknown): unknown => {
    if (!isObject(statement)) return statement;
    let out = statement;
    for (const key of ['Principal', 'NotPrincipal']) {
      const value = statement[key];
      if (typeof value === 'string' && value !== '*') out = { ...out, [key]: { AWS: value } };
    }
    return out;
  };
  if (Array.isArray(statements)) return { ...input, Statement: statements.map(expand) };
  if (isObject(statements)) return { ...input, Statement: expand(statements) };
  return input;
}

function readList(input: unknown, pointer: string): unknown[] {
  if (!Array.isArray(input)) throw new CaseProblem(pointer, 'must be an array');
  return input;
}

function readContext(input: unknown, pointer: string): Record<string, ContextValue> {
  if (input === undefined || input === null) return {};
  if (!isObject(input)) throw new CaseProblem(pointer, '`context` must be an object');
  const out: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(input)) {
    // Keys such as `aws:PrincipalTag/team` hold a slash: escaped, the pointer names the key itself.
    const at = childPointer(pointer, key);
    if (Array.isArray(value)) out[key] = value.map((v, i) => scalarText(v, childPointer(at, i)));
    else out[key] = scalarText(value, at);
  }
  return out;
}

function scalarText(value: unknown, pointer: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new CaseProblem(pointer, 'context values must be strings, numbers, booleans or arrays of them');
}

// The principals a request can come from: an account, a service, a user, a role or role session,
// a federated user, or no one (`anonymous`).
const PRINCIPAL =
  /^(?:anonymous|\d{12}|[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?|arn:[a-z-]+:iam::\d{12}:(?:root|(?:user|role)\/(?:[^/\s]+\/)*[^/\s]+)|arn:[a-z-]+:sts::\d{12}:(?:assumed-role\/[^/\s]+\/[^/\s]+|federated-user\/[^/\s]+))$/;

function checkPrincipal(principal: string): void {
  if (PRINCIPAL.test(principal)) return;
  throw new CaseProblem(
    '/request/principal',
    `\`principal\` must be \`anonymous\`, an account id, a service principal or the ARN of a user, role, role session, federated user or account root, found \`${principal.slice(0, 120)}\``,
  );
}

/** The account root user: its ARN or a bare account id. */
function isRootUser(principal: string): boolean {
  return /^\d{12}$/.test(principal) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(principal);
}

/**
 * No identity policy or permissions boundary can be attached to the account root user (IAM User
 * Guide, root user): a case that gives it some describes no request AWS can receive.
 */
function checkRootPolicies(input: Record<string, unknown>): void {
  const identity = input['identityPolicies'];
  if (Array.isArray(identity) && identity.length > 0) {
    throw new CaseProblem(
      '/identityPolicies',
      'the account root user has no identity policies (none can be attached to it): leave `identityPolicies` empty',
    );
  }
  if (input['permissionsBoundary'] !== undefined) {
    throw new CaseProblem(
      '/permissionsBoundary',
      'the account root user has no permissions boundary (none can be set on it): remove `permissionsBoundary`',
    );
  }
}

function checkAction(action: string): void {
  if (/^[\w-]+:[\w-]+$/.test(action)) return;
  throw new CaseProblem(
    '/request/action',
    `\`action\` must be one action \`service:Name\` (e.g. \`s3:GetObject\`), found \`${action.slice(0, 120)}\``,
  );
}

/** Reads one case object. Never throws. */
export function readCase(input: unknown): CaseResult {
  const id =
    isObject(input) && (typeof input['id'] === 'string' || typeof input['id'] === 'number')
      ? String(input['id'])
      : undefined;
  try {
    if (!isObject(input)) throw new CaseProblem('', 'a case must be a JSON object');
    const rawRequest = input['request'];
    if (!isObject(rawRequest)) throw new CaseProblem('/request', '`request` must be an object');
    const resourceAccount = rawRequest['resourceAccount'];
    if (resourceAccount !== undefined && typeof resourceAccount !== 'string') {
      throw new CaseProblem('/request/resourceAccount', '`resourceAccount` must be a string');
    }
    const request: EvaluationRequest = {
      principal: requireString(rawRequest, 'principal', '/request'),
      action: requireString(rawRequest, 'action', '/request'),
      resource: requireString(rawRequest, 'resource', '/request'),
      resourceAccount,
      context: readContext(rawRequest['context'], '/request/context'),
    };
    checkPrincipal(request.principal);
    checkAction(request.action);
    const policies: {
      -readonly [K in keyof PolicySet]: PolicySet[K];
    } = {};
    const identity = input['identityPolicies'];
    policies.identityPolicies =
      identity === undefined
        ? []
        : readList(identity, '/identityPolicies').map((p, i) => readPolicy(p, `/identityPolicies/${i}`));
    if (input['permissionsBoundary'] !== undefined)
      policies.permissionsBoundary = readPolicy(input['permissionsBoundary'], '/permissionsBoundary');
    if (input['sessionPolicy'] !== undefined)
      policies.sessionPolicy = readPolicy(input['sessionPolicy'], '/sessionPolicy');
    if (input['resourcePolicy'] !== undefined)
      policies.resourcePolicy = readPolicy(input['resourcePolicy'], '/resourcePolicy');
    if (isRootUser(request.principal)) checkRootPolicies(input);
    for (const key of ['serviceControlPolicies', 'resourceControlPolicies'] as const) {
      const levels = input[key];
      if (levels === undefined) continue;
      const parsed = readList(levels, `/${key}`).map((level, l) =>
        readList(level, `/${key}/${l}`).map((p, i) => readPolicy(p, `/${key}/${l}/${i}`)),
      );
      if (key === 'serviceControlPolicies') policies.serviceControlPolicies = parsed;
      else policies.resourceControlPolicies = parsed;
    }
    return { ok: true, value: { id, request, policies } };
  } catch (error) {
    if (error instanceof CaseProblem)
      return { ok: false, id, error: { pointer: error.pointer, message: error.message } };
    throw error;
  }
}
