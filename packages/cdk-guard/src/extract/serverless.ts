/**
 * The execution roles the SAM transform (`AWS::Serverless-2016-10-31`) creates. A function or
 * state machine without `Role` gets `<LogicalId>Role`, assumed by the service, with the `Policies`
 * given: AWS managed policy names (SAM looks up their ARN, path included), ARNs and intrinsics
 * naming a managed policy, policy documents, and SAM policy templates (`S3ReadPolicy: {...}`),
 * written out as the transform writes them (sam-policy-templates.ts); a template not modelled is
 * marked, to be reported as not checked. `Globals.Function` supplies
 * `PermissionsBoundary` and `AssumeRolePolicyDocument` a function does not set itself.
 */
import { listManagedPolicies } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { samTemplateDocument } from './sam-policy-templates';

/** The key of a synthesized inline policy that stands for a SAM policy template not modelled. */
export const UNMODELLED_TEMPLATE = 'iamgate:unmodelledTemplate';

interface ServerlessKind {
  readonly service: string;
  /** The managed policy SAM always attaches. */
  readonly basic?: string;
  /** The `Globals` section that applies (`Function`). */
  readonly globals?: string;
}

/** Serverless resources whose `Policies` the transform turns into an execution role. */
const SERVERLESS_ROLES: ReadonlyMap<string, ServerlessKind> = new Map([
  [
    'AWS::Serverless::Function',
    {
      service: 'lambda.amazonaws.com',
      basic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      globals: 'Function',
    },
  ],
  ['AWS::Serverless::StateMachine', { service: 'states.amazonaws.com' }],
]);

/** Role properties SAM takes from `Globals` when the resource does not set them. */
const GLOBAL_ROLE_PROPERTIES = ['PermissionsBoundary', 'AssumeRolePolicyDocument'] as const;

let managedByName: ReadonlyMap<string, string> | undefined;

/** The ARN SAM gives an AWS managed policy named without its ARN (`AWSLambdaBasicExecutionRole`). */
function managedPolicyArn(name: string): string {
  if (managedByName === undefined) {
    const map = new Map<string, string>();
    try {
      for (const p of listManagedPolicies()) map.set(p.name, `arn:aws:iam::aws:policy${p.path}${p.name}`);
    } catch {
      // No catalog: the ARN below is reported as an AWS managed policy not in the catalog.
    }
    managedByName = map;
  }
  return managedByName.get(name) ?? `arn:aws:iam::aws:policy/${name}`;
}

const NO_VALUE = { Ref: 'AWS::NoValue' };

/** The arguments of `{ 'Fn::If': [condition, whenTrue, whenFalse] }`, when the value is one. */
function conditional(value: Record<string, unknown>): readonly [unknown, unknown, unknown] | undefined {
  const arg = value['Fn::If'];
  return Object.keys(value).length === 1 && Array.isArray(arg) && arg.length === 3
    ? [arg[0] as unknown, arg[1] as unknown, arg[2] as unknown]
    : undefined;
}

/** True for `{ Ref: ... }` or `{ 'Fn::...': ... }`: an expression, not a policy template or document. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
}

/** The resources of a template, plus the role SAM creates for each function or state machine without a `Role`. */
export function withServerlessRoles(
  resources: Record<string, unknown>,
  globals: Record<string, unknown> = {},
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [logicalId, body] of Object.entries(resources)) {
    const kind = isRecord(body) && typeof body['Type'] === 'string' ? SERVERLESS_ROLES.get(body['Type']) : undefined;
    if (kind === undefined || !isRecord(body)) continue;
    const own = isRecord(body['Properties']) ? body['Properties'] : {};
    const fromGlobals = kind.globals !== undefined && isRecord(globals[kind.globals]) ? globals[kind.globals] : {};
    const properties: Record<string, unknown> = { ...own };
    for (const name of GLOBAL_ROLE_PROPERTIES)
      if (properties[name] === undefined && isRecord(fromGlobals) && fromGlobals[name] !== undefined)
        properties[name] = fromGlobals[name];
    const roleId = `${logicalId}Role`;
    if (properties['Role'] !== undefined || Object.hasOwn(resources, roleId)) continue;
    const given = properties['Policies'];
    const entries = Array.isArray(given) ? given : given === undefined ? [] : [given];
    const managed: unknown[] = kind.basic === undefined ? [] : [kind.basic];
    const inline: unknown[] = [];
    // `when` wraps what an entry under `!If [Condition, entry, ...]` adds, so that it stays conditional.
    const add = (entry: unknown, when: (value: unknown) => unknown, depth: number): void => {
      if (typeof entry === 'string') managed.push(when(entry.startsWith('arn:') ? entry : managedPolicyArn(entry)));
      else if (!isRecord(entry)) return;
      else if (conditional(entry) !== undefined && depth < 8) {
        const [condition, whenTrue, whenFalse] = conditional(entry) ?? [];
        const branch =
          (negate: boolean) =>
          (value: unknown): unknown =>
            when({ 'Fn::If': [condition, negate ? NO_VALUE : value, negate ? value : NO_VALUE] });
        add(whenTrue, branch(false), depth + 1);
        add(whenFalse, branch(true), depth + 1);
      } else if (isIntrinsic(entry)) {
        if (entry['Ref'] !== 'AWS::NoValue') managed.push(when(entry)); // `!Ref SharedPolicy`, `!Sub arn:...`
      } else if ('Statement' in entry)
        inline.push(when({ PolicyName: `${roleId}Policy${inline.length}`, PolicyDocument: entry }));
      else {
        const [name, parameters] = Object.entries(entry)[0] ?? [];
        if (name === undefined || Object.keys(entry).length !== 1) return;
        if (name === 'VPCAccessPolicy') {
          managed.push(when(managedPolicyArn('AWSLambdaVPCAccessExecutionRole')));
          return;
        }
        const document = samTemplateDocument(name, isRecord(parameters) ? parameters : {});
        inline.push(
          when(
            document === undefined
              ? { PolicyName: name, [UNMODELLED_TEMPLATE]: name }
              : { PolicyName: `${roleId}${name}`, PolicyDocument: document },
          ),
        );
      }
    };
    for (const entry of entries) add(entry, (value) => value, 0);
    out ??= { ...resources };
    out[roleId] = {
      Type: 'AWS::IAM::Role',
      ...(body['Condition'] !== undefined ? { Condition: body['Condition'] } : {}),
      Properties: {
        AssumeRolePolicyDocument: properties['AssumeRolePolicyDocument'] ?? {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: kind.service }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: managed,
        ...(inline.length > 0 ? { Policies: inline } : {}),
        ...(properties['PermissionsBoundary'] !== undefined
          ? { PermissionsBoundary: properties['PermissionsBoundary'] }
          : {}),
        ...(properties['RolePath'] !== undefined ? { Path: properties['RolePath'] } : {}),
      },
    };
  }
  return out ?? resources;
}
