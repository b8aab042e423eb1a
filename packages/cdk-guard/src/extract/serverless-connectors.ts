/**
 * SAM connectors (`AWS::Serverless::Connector`, and the `Connectors` property of a resource): the
 * transform writes an `AWS::IAM::ManagedPolicy` `<Connector>Policy` attached to the source's role
 * with the statements its connector profile lists for the source and destination types and the
 * `Read`/`Write` permissions asked. When the source is a service that calls a function (an API
 * Gateway REST, HTTP or WebSocket API, an AppSync API), it writes an `AWS::Lambda::Permission`
 * `<Connector>WriteLambdaPermission` on the function instead. The common pairs where a function,
 * a state machine, an AppSync data source or an API is the source are written out here from the SAM
 * connector reference; any other pair stays a connector, reported as not checked (never a silent
 * pass).
 */
import { escapePointerToken } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { MADE_BY } from './serverless';

/** The key of a connector left in place: why what it grants is not checked. */
export const UNMODELLED_CONNECTOR = 'iamgate:unmodelledConnector';

/**
 * The key of a connector the SAM transform rejects (an `Id` naming no resource of the template, a
 * permission its profile does not have): the {@link RejectedConnector}, an input error.
 */
export const REJECTED_CONNECTOR = 'iamgate:rejectedConnector';

/** Why the transform rejects a connector, and the JSON pointer of what it rejects. */
export interface RejectedConnector {
  readonly pointer: string;
  readonly message: string;
}

type Category = 'Read' | 'Write';
type Statement = { readonly actions: readonly string[]; readonly resources: readonly string[] };

const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];
const REST_API_TYPES = ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'];
const HTTP_API_TYPES = ['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi'];
const GRAPHQL_API_TYPES = ['AWS::AppSync::GraphQLApi'];
const DATA_SOURCE_TYPE = 'AWS::AppSync::DataSource';
const STATE_MACHINE_TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'];
const TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'];

const ARN = '%{Arn}';
const EXECUTIONS = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Name}:*';

/** What a function source gets on each destination kind, by permission. */
const FROM_FUNCTION: readonly [readonly string[], Partial<Record<Category, readonly Statement[]>>][] = [
  [
    TABLE_TYPES,
    {
      Read: [
        {
          actions: [
            'dynamodb:GetItem',
            'dynamodb:Query',
            'dynamodb:Scan',
            'dynamodb:BatchGetItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:PartiQLSelect',
          ],
          resources: [ARN, `${ARN}/index/*`],
        },
      ],
      Write: [
        {
          actions: [
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:PartiQLDelete',
            'dynamodb:PartiQLInsert',
            'dynamodb:PartiQLUpdate',
          ],
          resources: [ARN, `${ARN}/index/*`],
        },
      ],
    },
  ],
  [
    ['AWS::S3::Bucket'],
    {
      Read: [
        {
          actions: [
            's3:GetObject',
            's3:GetObjectAcl',
            's3:GetObjectLegalHold',
            's3:GetObjectRetention',
            's3:GetObjectTorrent',
            's3:GetObjectVersion',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionTorrent',
            's3:ListBucket',
            's3:ListBucketMultipartUploads',
            's3:ListBucketVersions',
            's3:ListMultipartUploadParts',
          ],
          resources: [ARN, `${ARN}/*`],
        },
      ],
      Write: [
        {
          actions: [
            's3:AbortMultipartUpload',
            's3:DeleteObject',
            's3:DeleteObjectVersion',
            's3:PutObject',
            's3:PutObjectLegalHold',
            's3:PutObjectRetention',
            's3:RestoreObject',
          ],
          resources: [ARN, `${ARN}/*`],
        },
      ],
    },
  ],
  [
    ['AWS::SQS::Queue'],
    {
      Read: [{ actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], resources: [ARN] }],
      Write: [
        {
          actions: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'],
          resources: [ARN],
        },
      ],
    },
  ],
  [['AWS::SNS::Topic'], { Write: [{ actions: ['sns:Publish'], resources: [ARN] }] }],
  [
    STATE_MACHINE_TYPES,
    {
      Read: [
        { actions: ['states:DescribeStateMachine', 'states:ListExecutions'], resources: [ARN] },
        {
          actions: [
            'states:DescribeExecution',
            'states:DescribeStateMachineForExecution',
            'states:GetExecutionHistory',
          ],
          resources: [EXECUTIONS],
        },
      ],
      Write: [
        { actions: ['states:StartExecution', 'states:StartSyncExecution'], resources: [ARN] },
        { actions: ['states:StopExecution'], resources: [EXECUTIONS] },
      ],
    },
  ],
  [FUNCTION_TYPES, { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: [ARN] }] }],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
];

const FROM_STATE_MACHINE: typeof FROM_FUNCTION = [
  [FUNCTION_TYPES, { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: [ARN] }] }],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
];

const FROM_DATA_SOURCE: typeof FROM_FUNCTION = [
  [TABLE_TYPES, FROM_FUNCTION.find(([types]) => types === TABLE_TYPES)?.[1] ?? {}],
  [
    FUNCTION_TYPES,
    { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: [ARN, `${ARN}:*`] }] },
  ],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
];

/** The profile of a source type whose role gets the statements: the destinations it can grant on. */
function profileOf(sourceType: string): typeof FROM_FUNCTION | undefined {
  if (FUNCTION_TYPES.includes(sourceType)) return FROM_FUNCTION;
  if (STATE_MACHINE_TYPES.includes(sourceType)) return FROM_STATE_MACHINE;
  if (sourceType === DATA_SOURCE_TYPE) return FROM_DATA_SOURCE;
  return undefined;
}

/**
 * A source type that calls a function through the function's policy (`Write` only): the service
 * principal and the `SourceArn` SAM writes, `%{ResourceId}` and `%{Qualifier}` the source's.
 */
function invokerOf(sourceType: string): { principal: string; sourceArn: string } | undefined {
  if (REST_API_TYPES.includes(sourceType) || HTTP_API_TYPES.includes(sourceType))
    return {
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:%{ResourceId}/%{Qualifier}',
    };
  if (GRAPHQL_API_TYPES.includes(sourceType))
    return {
      principal: 'appsync.amazonaws.com',
      sourceArn: 'arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/%{ResourceId}',
    };
  return undefined;
}

/** The resources of a template, with each connector written out as the managed policy SAM creates (or marked when not modelled). */
export function withServerlessConnectors(resources: Record<string, unknown>): Record<string, unknown> {
  // Each connector: its logical id, properties, condition and the template resource it is written in.
  // Each connector: its logical id, properties, condition, the template resource it is written in
  // and the pointer of its properties.
  const connectors: [string, Record<string, unknown>, unknown, string, string][] = [];
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body)) continue;
    const at = `/Resources/${escapePointerToken(logicalId)}`;
    if (body['Type'] === 'AWS::Serverless::Connector' && isRecord(body['Properties']))
      connectors.push([logicalId, body['Properties'], body['Condition'], logicalId, `${at}/Properties`]);
    // The embedded form (a resource attribute): the resource holding `Connectors` is the source.
    const embedded = body['Connectors'];
    for (const [name, connector] of isRecord(embedded) ? Object.entries(embedded) : []) {
      if (!isRecord(connector) || !isRecord(connector['Properties'])) continue;
      connectors.push([
        `${logicalId}${name}`,
        // `SourceReference` narrows the source (an API's `Qualifier`); the holding resource is it.
        {
          ...connector['Properties'],
          Source: { ...reference(connector['Properties']['SourceReference']), Id: logicalId },
        },
        body['Condition'],
        logicalId,
        `${at}/Connectors/${escapePointerToken(name)}/Properties`,
      ]);
    }
  }
  if (connectors.length === 0) return resources;
  const out = { ...resources };
  for (const [logicalId, props, condition, source, pointer] of connectors) {
    const written = connectorPolicy(resources, props, pointer);
    const when = condition === undefined ? {} : { Condition: condition };
    if (typeof written === 'string' || 'rejected' in written) {
      out[logicalId] = {
        Type: 'AWS::Serverless::Connector',
        [MADE_BY]: source,
        ...when,
        Properties:
          typeof written === 'string'
            ? { [UNMODELLED_CONNECTOR]: written }
            : { [UNMODELLED_CONNECTOR]: written.rejected.message, [REJECTED_CONNECTOR]: written.rejected },
      };
      continue;
    }
    if ('invocations' in written) {
      for (const [suffix, properties] of written.invocations)
        out[`${logicalId}WriteLambdaPermission${suffix}`] = {
          Type: 'AWS::Lambda::Permission',
          [MADE_BY]: source,
          ...when,
          Properties: properties,
        };
      continue;
    }
    out[`${logicalId}Policy`] = {
      Type: 'AWS::IAM::ManagedPolicy',
      [MADE_BY]: source,
      ...when,
      Properties: { PolicyDocument: { Version: '2012-10-17', Statement: written.statements }, Roles: [written.role] },
    };
  }
  return out;
}

/** The properties of a `SourceReference`, when it is an object. */
function reference(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A resource a connector names: its type and how to refer to its ARN, name and role. */
interface Endpoint {
  readonly type: string;
  readonly arn: unknown;
  readonly name: unknown;
  readonly role: unknown;
  /** The id an API's ARN holds (`Ref` of a REST or HTTP API, `ApiId` of an AppSync API). */
  readonly resourceId: unknown;
  /** The part of an API the connector is for (`Prod/GET/pets`); SAM's default is every part. */
  readonly qualifier: unknown;
}

/** The properties of each `AWS::Lambda::Permission` a connector writes, by the suffix of its logical id. */
type Invocations = readonly (readonly [string, Record<string, unknown>])[];

/** The statements and the role of a connector, or why it is not modelled. */
function connectorPolicy(
  resources: Record<string, unknown>,
  props: Record<string, unknown>,
  pointer: string,
): { statements: unknown[]; role: unknown } | { invocations: Invocations } | { rejected: RejectedConnector } | string {
  const reject = (at: string, message: string): { rejected: RejectedConnector } => ({
    rejected: { pointer: `${pointer}${at}`, message: `${message}: the SAM transform rejects it` },
  });
  const missing = (raw: unknown): string | undefined =>
    isRecord(raw) && typeof raw['Id'] === 'string' && !isRecord(resources[raw['Id']]) ? raw['Id'] : undefined;
  const sourceMissing = missing(props['Source']);
  if (sourceMissing !== undefined)
    return reject('/Source/Id', `its \`Source\` names \`${sourceMissing}\`, which is no resource of the template`);
  const source = endpoint(resources, props['Source']);
  if (source === undefined) return 'its `Source` is neither a resource of the template nor a `Type` with a role';
  const invoker = invokerOf(source.type);
  const profile: typeof FROM_FUNCTION | undefined =
    invoker !== undefined ? [[FUNCTION_TYPES, { Write: [] }]] : profileOf(source.type);
  if (profile === undefined || (invoker === undefined && source.role === undefined))
    return `SAM connectors from \`${source.type}\` are not written out by iamgate, so what this one grants is not checked`;
  const permissions: unknown[] = Array.isArray(props['Permissions']) ? props['Permissions'] : [];
  const listed = Array.isArray(props['Destination']);
  const destinations: unknown[] = listed ? (props['Destination'] as unknown[]) : [props['Destination']];
  const statements: unknown[] = [];
  const invocations: (readonly [string, Record<string, unknown>])[] = [];
  for (const [i, raw] of destinations.entries()) {
    const destinationMissing = missing(raw);
    if (destinationMissing !== undefined)
      return reject(
        `/Destination${listed ? `/${String(i)}` : ''}/Id`,
        `its \`Destination\` names \`${destinationMissing}\`, which is no resource of the template`,
      );
    const destination = endpoint(resources, raw);
    if (destination === undefined)
      return 'its `Destination` is neither a resource of the template nor a `Type` with an `Arn`';
    const categories = profile.find(([types]) => types.includes(destination.type))?.[1];
    if (categories === undefined)
      return `SAM connectors from \`${source.type}\` to \`${destination.type}\` are not written out by iamgate, so what this one grants is not checked`;
    for (const [j, permission] of permissions.entries()) {
      const written = permission === 'Read' || permission === 'Write' ? categories[permission] : undefined;
      if (written === undefined)
        return reject(
          `/Permissions/${String(j)}`,
          `\`${String(permission)}\` is not a permission SAM connects \`${source.type}\` to \`${destination.type}\` with (${Object.keys(
            categories,
          )
            .map((c) => `\`${c}\``)
            .join(', ')})`,
        );
      if (invoker !== undefined) {
        invocations.push([
          listed ? `Destination${String(i)}` : '',
          {
            Action: 'lambda:InvokeFunction',
            FunctionName: destination.arn,
            Principal: invoker.principal,
            SourceArn: {
              'Fn::Sub': [
                invoker.sourceArn.replace(/%\{(ResourceId|Qualifier)\}/g, '${Source$1}'),
                { SourceResourceId: source.resourceId, SourceQualifier: source.qualifier ?? '*' },
              ],
            },
          },
        ]);
        continue;
      }
      for (const s of written)
        statements.push({
          Effect: 'Allow',
          Action: s.actions,
          Resource: s.resources.map((r) => fill(r, destination)),
        });
    }
  }
  if (invocations.length > 0) return { invocations };
  if (statements.length === 0) return 'it asks for no `Read` or `Write` permission';
  return { statements, role: source.role };
}

/** A profile resource with the destination's ARN and name in place (`Fn::Sub` when pseudo parameters remain). */
function fill(template: string, destination: Endpoint): unknown {
  if (template === ARN) return destination.arn;
  const variables: Record<string, unknown> = { Arn: destination.arn, Name: destination.name };
  return { 'Fn::Sub': [template.replace(/%\{(Arn|Name)\}/g, '${$1}'), variables] };
}

/** The resource a `Source` or `Destination` names: `Id` of the template, or `Type` with `Arn`/`Name`/`RoleName`. */
function endpoint(resources: Record<string, unknown>, raw: unknown): Endpoint | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw['Id'] === 'string') {
    const body = resources[raw['Id']];
    if (!isRecord(body) || typeof body['Type'] !== 'string') return undefined;
    const id = raw['Id'];
    const type = body['Type'];
    const props = isRecord(body['Properties']) ? body['Properties'] : {};
    const refIsArn = type === 'AWS::SNS::Topic' || STATE_MACHINE_TYPES.includes(type);
    return {
      type,
      arn: refIsArn ? { Ref: id } : { 'Fn::GetAtt': [id, 'Arn'] },
      name: STATE_MACHINE_TYPES.includes(type) ? { 'Fn::GetAtt': [id, 'Name'] } : { Ref: id },
      role: roleOf(resources, id, type, props),
      resourceId: GRAPHQL_API_TYPES.includes(type) ? { 'Fn::GetAtt': [id, 'ApiId'] } : { Ref: id },
      qualifier: raw['Qualifier'],
    };
  }
  if (typeof raw['Type'] !== 'string') return undefined;
  return {
    type: raw['Type'],
    arn: raw['Arn'],
    name: raw['Name'],
    role: raw['RoleName'],
    resourceId: raw['ResourceId'],
    qualifier: raw['Qualifier'],
  };
}

/** The role of a source in the template, as a `RoleName` value: the role SAM creates, or the one it is given. */
function roleOf(resources: Record<string, unknown>, id: string, type: string, props: Record<string, unknown>): unknown {
  const given =
    type === 'AWS::StepFunctions::StateMachine'
      ? props['RoleArn']
      : type === DATA_SOURCE_TYPE
        ? props['ServiceRoleArn']
        : props['Role'];
  if (given === undefined)
    return type.startsWith('AWS::Serverless::') && Object.hasOwn(resources, `${id}Role`)
      ? { Ref: `${id}Role` }
      : undefined;
  if (isRecord(given) && Array.isArray(given['Fn::GetAtt']) && typeof given['Fn::GetAtt'][0] === 'string')
    return { Ref: given['Fn::GetAtt'][0] };
  if (isRecord(given) && typeof given['Fn::GetAtt'] === 'string') return { Ref: given['Fn::GetAtt'].split('.')[0] };
  // A role ARN from elsewhere: SAM attaches the policy to the role name at its end.
  return { 'Fn::Select': [1, { 'Fn::Split': [':role/', given] }] };
}
