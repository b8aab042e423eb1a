/**
 * The execution roles the SAM transform (`AWS::Serverless-2016-10-31`) creates. A function or
 * state machine without `Role` gets `<LogicalId>Role`, assumed by the service, with the `Policies`
 * given: AWS managed policy names (SAM looks up their ARN, path included), ARNs and intrinsics
 * naming a managed policy, policy documents, and SAM policy templates (`S3ReadPolicy: {...}`),
 * written out as the transform writes them (sam-policy-templates.ts). What the transform rejects
 * is marked, so that it is never a silent pass: a name that is not a SAM policy template (reported
 * as not checked: a SAM newer than iamgate's list may know it), and, as an input error, a template
 * without one of its parameters or an entry that is none of the above. `Globals.Function` is
 * merged in as the transform merges it (sam-globals.ts): `PermissionsBoundary`, `RolePath`,
 * `AssumeRolePolicyDocument` (whose statements join the function's own). A function
 * polling a queue or a stream (`Events` of type `SQS`, `Kinesis`, `DynamoDB`, `MSK`) gets the AWS
 * managed policy SAM attaches for it.
 */
import { escapePointerToken, listManagedPolicies } from '@iamgate/core';
import { ifArguments, isRecord } from '../resolve/values';
import { globalsFor, withGlobals } from './sam-globals';
import { samTemplateDocument, samTemplateParameters } from './sam-policy-templates';

/** The key of a synthesized inline policy that stands for a name that is not a SAM policy template. */
export const UNKNOWN_TEMPLATE = 'iamgate:unknownTemplate';

/** The key of a synthesized inline policy that stands for an entry of `Policies` the SAM transform rejects (why). */
export const INVALID_POLICY = 'iamgate:invalidPolicy';

/**
 * The key of a synthesized inline policy that SAM writes for a policy template: the
 * {@link SamTemplateUse} it comes from, whose parameters extract.ts checks once resolved.
 */
export const SAM_TEMPLATE = 'iamgate:samTemplate';

/** A SAM policy template as written in a serverless resource's `Policies`. */
export interface SamTemplateUse {
  readonly name: string;
  /** The serverless resource. */
  readonly resource: string;
  /** The JSON pointer of the template's entry (`/Resources/Fn/Properties/Policies/0/S3ReadPolicy`). */
  readonly pointer: string;
  /** The parameters, as written. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * The key of the synthesized role's list of {@link RejectedPolicy}: each is an input error, whatever
 * the conditions (the transform rejects an entry in either branch of `Fn::If`).
 */
export const REJECTED_POLICIES = 'iamgate:rejectedPolicies';

/** An entry of `Policies` the SAM transform rejects: the serverless resource, the entry's JSON pointer, why. */
export interface RejectedPolicy {
  readonly resource: string;
  readonly pointer: string;
  readonly message: string;
}

interface ServerlessKind {
  readonly service: string;
  /** The managed policy SAM always attaches. */
  readonly basic?: string;
}

/** Serverless resources whose `Policies` the transform turns into an execution role. */
const SERVERLESS_ROLES: ReadonlyMap<string, ServerlessKind> = new Map([
  [
    'AWS::Serverless::Function',
    {
      service: 'lambda.amazonaws.com',
      basic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    },
  ],
  ['AWS::Serverless::StateMachine', { service: 'states.amazonaws.com' }],
]);

/**
 * Set on a resource the SAM transform makes (a function's role, its URL, a connector's policy):
 * the logical id of the template's resource that makes it, whose line it is declared on.
 */
export const MADE_BY = 'iamgate:madeBy';

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

/**
 * The AWS managed policy SAM attaches to a function's role for each kind of event it polls (the
 * transform's pull event sources): it reads the records of every queue or stream it may poll,
 * not only the one the event names.
 */
const PULL_EVENT_POLICIES: ReadonlyMap<string, string> = new Map([
  ['SQS', 'AWSLambdaSQSQueueExecutionRole'],
  ['Kinesis', 'AWSLambdaKinesisExecutionRole'],
  ['DynamoDB', 'AWSLambdaDynamoDBExecutionRole'],
  ['MSK', 'AWSLambdaMSKExecutionRole'],
]);

/** The managed policies SAM attaches for the pull events of a function (`Events: {E: {Type: SQS, ...}}`). */
function pullEventPolicies(events: unknown): string[] {
  const names = new Set<string>();
  for (const event of isRecord(events) ? Object.values(events) : []) {
    const policy =
      isRecord(event) && typeof event['Type'] === 'string' ? PULL_EVENT_POLICIES.get(event['Type']) : undefined;
    if (policy !== undefined) names.add(policy);
  }
  return [...names].map(managedPolicyArn);
}

const NO_VALUE = { Ref: 'AWS::NoValue' };

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
    const properties = withGlobals(body, globalsFor(globals, body['Type']));
    const roleId = `${logicalId}Role`;
    if (properties['Role'] !== undefined || Object.hasOwn(resources, roleId)) continue;
    const given = properties['Policies'];
    const managed: unknown[] = kind.basic === undefined ? [] : [kind.basic];
    if (body['Type'] === 'AWS::Serverless::Function') managed.push(...pullEventPolicies(properties['Events']));
    const inline: unknown[] = [];
    const rejected: RejectedPolicy[] = [];
    const invalid = (
      pointer: string,
      message: string,
      name = `${roleId}Policy${inline.length}`,
    ): Record<string, unknown> => {
      rejected.push({ resource: logicalId, pointer: `/Resources/${escapePointerToken(logicalId)}${pointer}`, message });
      return { PolicyName: name, [INVALID_POLICY]: message };
    };
    // `when` wraps what an entry under `!If [Condition, entry, ...]` adds, so that it stays conditional;
    // `at` is the entry's pointer below the resource.
    const add = (entry: unknown, when: (value: unknown) => unknown, depth: number, at: string): void => {
      if (typeof entry === 'string') managed.push(when(entry.startsWith('arn:') ? entry : managedPolicyArn(entry)));
      else if (isRecord(entry) && 'Statement' in entry)
        inline.push(when({ PolicyName: `${roleId}Policy${inline.length}`, PolicyDocument: entry }));
      else if (!isRecord(entry) || Object.keys(entry).length !== 1)
        inline.push(
          when(
            invalid(
              at,
              `a policy in \`Policies\` must be an AWS managed policy name, an ARN, a policy document or one SAM policy template (\`S3ReadPolicy: {BucketName: ...}\`), found ${describe(entry)}: the SAM transform rejects it`,
            ),
          ),
        );
      else if (ifArguments(entry) !== undefined && depth < 8) {
        const [condition, whenTrue, whenFalse] = ifArguments(entry) ?? [];
        const branch =
          (negate: boolean) =>
          (value: unknown): unknown =>
            when({ 'Fn::If': [condition, negate ? NO_VALUE : value, negate ? value : NO_VALUE] });
        add(whenTrue, branch(false), depth + 1, `${at}/Fn::If/1`);
        add(whenFalse, branch(true), depth + 1, `${at}/Fn::If/2`);
      } else if (isIntrinsic(entry)) {
        if (entry['Ref'] !== 'AWS::NoValue') managed.push(when(entry)); // `!Ref SharedPolicy`, `!Sub arn:...`
      } else {
        const [name, parameters] = Object.entries(entry)[0] ?? [];
        if (name === undefined) return;
        if (name === 'VPCAccessPolicy') {
          managed.push(when(managedPolicyArn('AWSLambdaVPCAccessExecutionRole')));
          return;
        }
        const needed = samTemplateParameters(name);
        if (needed === undefined) {
          inline.push(when({ PolicyName: name, [UNKNOWN_TEMPLATE]: name }));
          return;
        }
        const problem = parameterProblem(name, needed, parameters);
        if (problem !== undefined) {
          inline.push(when(invalid(`${at}/${escapePointerToken(name)}`, problem, name)));
          return;
        }
        const given = isRecord(parameters) ? parameters : {};
        const use: SamTemplateUse = {
          name,
          resource: logicalId,
          pointer: `/Resources/${escapePointerToken(logicalId)}${at}/${escapePointerToken(name)}`,
          parameters: given,
        };
        inline.push(
          when({
            PolicyName: `${roleId}${name}`,
            PolicyDocument: samTemplateDocument(name, given),
            [SAM_TEMPLATE]: use,
          }),
        );
      }
    };
    if (Array.isArray(given))
      for (const [i, entry] of given.entries()) add(entry, (value) => value, 0, `/Properties/Policies/${i}`);
    else if (given !== undefined) add(given, (value) => value, 0, '/Properties/Policies');
    out ??= { ...resources };
    out[roleId] = {
      Type: 'AWS::IAM::Role',
      [MADE_BY]: logicalId,
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
        ...(rejected.length > 0 ? { [REJECTED_POLICIES]: rejected } : {}),
      },
    };
  }
  return out ?? resources;
}

/**
 * The `AWS::Lambda::Url` the SAM transform creates for a function's `FunctionUrlConfig` (its own,
 * merged over `Globals.Function`'s), named `<function>Url` as SAM names it and aimed at the
 * function's alias when it has `AutoPublishAlias`: a URL whose `AuthType` is `NONE` is then judged
 * as the public endpoint it is (the transform also adds the permission that lets anyone call it).
 */
export function withServerlessFunctionUrls(
  resources: Record<string, unknown>,
  globals: Record<string, unknown> = {},
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body) || body['Type'] !== 'AWS::Serverless::Function') continue;
    const properties = withGlobals(body, globals['Function']);
    const config = properties['FunctionUrlConfig'];
    if (config === undefined) continue;
    const urlId = `${logicalId}Url`;
    if (Object.hasOwn(resources, urlId)) continue;
    const authType = isRecord(config) ? config['AuthType'] : undefined;
    const alias = properties['AutoPublishAlias'];
    out ??= { ...resources };
    out[urlId] = {
      Type: 'AWS::Lambda::Url',
      [MADE_BY]: logicalId,
      ...(body['Condition'] !== undefined ? { Condition: body['Condition'] } : {}),
      Properties: {
        AuthType: authType,
        TargetFunctionArn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
        ...(alias !== undefined ? { Qualifier: alias } : {}),
      },
    };
  }
  return out ?? resources;
}

/**
 * Why the transform rejects template `name` given `parameters`, or undefined: each of its
 * parameters must be given, in an object (a template without parameters takes `{}`).
 */
function parameterProblem(name: string, needed: readonly string[], parameters: unknown): string | undefined {
  if (needed.length === 0) return undefined;
  const example = `\`${name}: {${needed.map((n) => `${n}: ...`).join(', ')}}\``;
  if (!isRecord(parameters) || isIntrinsic(parameters))
    return `SAM policy template \`${name}\` takes its parameters as an object (${example}), found ${describe(parameters)}: the SAM transform rejects it`;
  const missing = needed.filter((n) => !Object.hasOwn(parameters, n));
  if (missing.length === 0) return undefined;
  const unknown = Object.keys(parameters).filter((n) => !needed.includes(n));
  return `SAM policy template \`${name}\` is not given ${list(missing)}${unknown.length === 0 ? '' : ` (${list(unknown)} ${unknown.length === 1 ? 'is not one of its parameters' : 'are not among its parameters'})`}: the SAM transform rejects it (${example})`;
}

const list = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** A value's kind, in a message. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null || value === undefined) return 'nothing';
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (isIntrinsic(value)) return `the function \`${keys[0] ?? ''}\``;
    return keys.length === 0 ? 'an empty object' : `an object with the keys ${list(keys)}`;
  }
  return `a ${typeof value}`;
}
