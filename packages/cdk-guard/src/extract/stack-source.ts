/**
 * One stack as the extractor reads it, whether it comes from a template file, a cloud assembly or
 * the construct tree while `cdk synth` runs (where properties are resolved only when needed).
 */
import { isRecord } from '../resolve/values';

/** One resource of a stack. */
export interface SourceResource {
  readonly logicalId: string;
  readonly type: string;
  /** The properties, intrinsics unresolved; computed on first use by lazy sources. */
  properties(): Record<string, unknown>;
  /** The resource's `Metadata` section. */
  metadata(): Record<string, unknown> | undefined;
  /** CDK construct path (`aws:cdk:path`), when known. */
  readonly constructPath?: string;
}

/** One stack: its resources and the template sections intrinsics look into. */
export interface StackSource {
  /** The template file, as the user named it. */
  readonly file?: string;
  /** The CloudFormation stack name, when known (cloud assembly, CDK app). */
  readonly stackName?: string;
  readonly account?: string;
  readonly region?: string;
  readonly resources: ReadonlyMap<string, SourceResource>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  /** The `Outputs` section: exports other stacks may import. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** A stack from a parsed template; `paths` gives construct paths from an assembly manifest. */
export function templateSource(
  template: Record<string, unknown>,
  options: {
    file?: string;
    stackName?: string;
    account?: string;
    region?: string;
    paths?: ReadonlyMap<string, string>;
  } = {},
): StackSource {
  const resources = new Map<string, SourceResource>();
  const raw = withServerlessRoles(isRecord(template['Resources']) ? template['Resources'] : {});
  for (const [logicalId, body] of Object.entries(raw)) {
    if (!isRecord(body)) continue;
    const properties = isRecord(body['Properties']) ? body['Properties'] : {};
    const metadata = isRecord(body['Metadata']) ? body['Metadata'] : undefined;
    const fromMetadata = metadata?.['aws:cdk:path'];
    const constructPath = typeof fromMetadata === 'string' ? fromMetadata : options.paths?.get(logicalId);
    resources.set(logicalId, {
      logicalId,
      type: typeof body['Type'] === 'string' ? body['Type'] : '',
      properties: () => properties,
      metadata: () => metadata,
      ...(constructPath === undefined ? {} : { constructPath }),
    });
  }
  const section = (name: string): Record<string, unknown> => (isRecord(template[name]) ? template[name] : {});
  return {
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.stackName === undefined ? {} : { stackName: options.stackName }),
    ...(options.account === undefined ? {} : { account: options.account }),
    ...(options.region === undefined ? {} : { region: options.region }),
    resources,
    parameters: section('Parameters'),
    mappings: section('Mappings'),
    conditions: section('Conditions'),
    outputs: section('Outputs'),
  };
}

/** Serverless (SAM) resources whose `Policies` the transform turns into an execution role, and the service that assumes it. */
const SERVERLESS_ROLES: ReadonlyMap<string, { readonly service: string; readonly basic?: string }> = new Map([
  [
    'AWS::Serverless::Function',
    { service: 'lambda.amazonaws.com', basic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
  ],
  ['AWS::Serverless::StateMachine', { service: 'states.amazonaws.com' }],
]);

/**
 * The resources of a template, plus the role the SAM transform (`AWS::Serverless-2016-10-31`)
 * creates for each function or state machine without a `Role`: `<LogicalId>Role`, assumed by the
 * service, with the `Policies` given (AWS managed policy names or ARNs, and policy documents). SAM
 * policy templates (`S3ReadPolicy: {...}`) are AWS-defined and scoped; they are left out.
 */
function withServerlessRoles(resources: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [logicalId, body] of Object.entries(resources)) {
    const kind = isRecord(body) && typeof body['Type'] === 'string' ? SERVERLESS_ROLES.get(body['Type']) : undefined;
    if (kind === undefined || !isRecord(body)) continue;
    const properties = isRecord(body['Properties']) ? body['Properties'] : {};
    const roleId = `${logicalId}Role`;
    if (properties['Role'] !== undefined || Object.hasOwn(resources, roleId)) continue;
    const given = properties['Policies'];
    const entries = Array.isArray(given) ? given : given === undefined ? [] : [given];
    const managed: unknown[] = kind.basic === undefined ? [] : [kind.basic];
    const inline: unknown[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string')
        managed.push(entry.startsWith('arn:') ? entry : `arn:aws:iam::aws:policy/${entry}`);
      else if (isRecord(entry) && 'Statement' in entry)
        inline.push({ PolicyName: `${roleId}Policy${inline.length}`, PolicyDocument: entry });
      else if (!isRecord(entry)) managed.push(entry); // an intrinsic naming a policy ARN
    }
    out ??= { ...resources };
    out[roleId] = {
      Type: 'AWS::IAM::Role',
      ...(body['Condition'] !== undefined ? { Condition: body['Condition'] } : {}),
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: kind.service }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: managed,
        ...(inline.length > 0 ? { Policies: inline } : {}),
        ...(properties['PermissionsBoundary'] !== undefined
          ? { PermissionsBoundary: properties['PermissionsBoundary'] }
          : {}),
      },
    };
  }
  return out ?? resources;
}
