/**
 * SAM connectors (`AWS::Serverless::Connector`, and the `Connectors` property of a resource): the
 * transform writes an `AWS::IAM::ManagedPolicy` `<Connector>Policy` attached to the source's role
 * with the statements its connector profile lists for the source and destination types and the
 * `Read`/`Write` permissions asked; when the destination function is the target of the source (a
 * queue, a table stream), to the function's role. When the source is a service that calls a
 * function (an API Gateway or AppSync API, a topic, a bucket, an EventBridge rule), it writes an
 * `AWS::Lambda::Permission` `<Connector>WriteLambdaPermission` on the function instead; when it
 * sends to a queue or a topic, that queue's or topic's policy. An EventBridge rule that starts a
 * state machine or sends to an event bus does so through the role of its target for that
 * destination (`Targets[].RoleArn`): the policy goes on that role. The pairs the SAM connector
 * reference lists are written out here from it; any other pair stays a connector, reported as not
 * checked (never a silent pass).
 */
import { isDeepStrictEqual } from 'node:util';
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
const RULE_TYPE = 'AWS::Events::Rule';

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

const BUCKET_ACCESS = FROM_FUNCTION.find(([types]) => types.includes('AWS::S3::Bucket'))?.[1] ?? {};
const TABLE_ACCESS = FROM_FUNCTION.find(([types]) => types === TABLE_TYPES)?.[1] ?? {};
/** The rule Step Functions keeps to follow the executions a state machine starts synchronously. */
const SYNC_RULE =
  'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';

const FROM_STATE_MACHINE: typeof FROM_FUNCTION = [
  [FUNCTION_TYPES, { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: [ARN] }] }],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
  [['AWS::SNS::Topic'], { Write: [{ actions: ['sns:Publish'], resources: [ARN] }] }],
  [['AWS::SQS::Queue'], { Write: [{ actions: ['sqs:SendMessage'], resources: [ARN] }] }],
  [['AWS::S3::Bucket'], BUCKET_ACCESS],
  [TABLE_TYPES, TABLE_ACCESS],
  [
    STATE_MACHINE_TYPES,
    {
      Read: [
        { actions: ['states:DescribeExecution'], resources: [EXECUTIONS] },
        { actions: ['events:DescribeRule'], resources: [SYNC_RULE] },
      ],
      Write: [
        { actions: ['states:StartExecution'], resources: [ARN] },
        { actions: ['states:StopExecution'], resources: [EXECUTIONS] },
        { actions: ['events:PutTargets', 'events:PutRule'], resources: [SYNC_RULE] },
      ],
    },
  ],
];

/** What a rule's target role gets: EventBridge starts the state machine or puts the events on the bus. */
const FROM_RULE: typeof FROM_FUNCTION = [
  [STATE_MACHINE_TYPES, { Write: [{ actions: ['states:StartExecution'], resources: [ARN] }] }],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
];

const FROM_DATA_SOURCE: typeof FROM_FUNCTION = [
  [TABLE_TYPES, TABLE_ACCESS],
  [
    FUNCTION_TYPES,
    { Write: [{ actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources: [ARN, `${ARN}:*`] }] },
  ],
  [['AWS::Events::EventBus'], { Write: [{ actions: ['events:PutEvents'], resources: [ARN] }] }],
];

/** The source's ARN in a statement the destination's role gets. */
const SOURCE_ARN = '%{SourceArn}';

/**
 * How SAM grants one source/destination pair: statements on the source's role (`Read`/`Write`),
 * statements on the destination's role (a function reading a queue or a table stream it is the
 * target of), the function's policy (a service invoking it: `Write`), or the destination's queue
 * or topic policy (a service sending to it: `Write`).
 */
type Categories = Partial<Record<Category, readonly Statement[]>>;
type Grant =
  | { readonly on: 'source-role'; readonly categories: Categories }
  | { readonly on: 'destination-role'; readonly categories: Categories }
  | {
      readonly on: 'function-policy';
      readonly principal: string;
      readonly sourceArn: string;
      readonly sourceAccount?: true;
    }
  | { readonly on: 'queue-policy'; readonly principal: string }
  | { readonly on: 'topic-policy'; readonly principal: string };

/** The grant SAM writes from `sourceType` to `destinationType`, if iamgate models the pair. */
function grantOf(sourceType: string, destinationType: string): Grant | undefined {
  const onRole = (profile: typeof FROM_FUNCTION): Grant | undefined => {
    const categories = profile.find(([types]) => types.includes(destinationType))?.[1];
    return categories === undefined ? undefined : { on: 'source-role', categories };
  };
  if (FUNCTION_TYPES.includes(sourceType)) return onRole(FROM_FUNCTION);
  if (STATE_MACHINE_TYPES.includes(sourceType)) return onRole(FROM_STATE_MACHINE);
  if (sourceType === DATA_SOURCE_TYPE) return onRole(FROM_DATA_SOURCE);
  const fromRule = sourceType === RULE_TYPE ? onRole(FROM_RULE) : undefined;
  if (fromRule !== undefined) return fromRule;
  const service = (name: string): string => `${name}.amazonaws.com`;
  if (FUNCTION_TYPES.includes(destinationType)) {
    if (REST_API_TYPES.includes(sourceType) || HTTP_API_TYPES.includes(sourceType))
      return {
        on: 'function-policy',
        principal: service('apigateway'),
        sourceArn: 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:%{ResourceId}/%{Qualifier}',
      };
    if (GRAPHQL_API_TYPES.includes(sourceType))
      return {
        on: 'function-policy',
        principal: service('appsync'),
        sourceArn: 'arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/%{ResourceId}',
      };
    if (sourceType === 'AWS::SNS::Topic')
      return { on: 'function-policy', principal: service('sns'), sourceArn: SOURCE_ARN };
    if (sourceType === RULE_TYPE) return { on: 'function-policy', principal: service('events'), sourceArn: SOURCE_ARN };
    if (sourceType === 'AWS::S3::Bucket')
      return { on: 'function-policy', principal: service('s3'), sourceArn: SOURCE_ARN, sourceAccount: true };
    // The function is the target of an event source mapping: its own role reads the source.
    if (sourceType === 'AWS::SQS::Queue')
      return {
        on: 'destination-role',
        categories: {
          Read: [{ actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], resources: [SOURCE_ARN] }],
          Write: [{ actions: ['sqs:DeleteMessage'], resources: [SOURCE_ARN] }],
        },
      };
    if (TABLE_TYPES.includes(sourceType))
      return {
        on: 'destination-role',
        categories: {
          Read: [
            {
              actions: [
                'dynamodb:DescribeStream',
                'dynamodb:GetRecords',
                'dynamodb:GetShardIterator',
                'dynamodb:ListStreams',
              ],
              resources: [`${SOURCE_ARN}/stream/*`],
            },
          ],
        },
      };
  }
  if (destinationType === 'AWS::SQS::Queue' && (sourceType === 'AWS::SNS::Topic' || sourceType === RULE_TYPE))
    return { on: 'queue-policy', principal: service(sourceType === 'AWS::SNS::Topic' ? 'sns' : 'events') };
  if (destinationType === 'AWS::SNS::Topic' && sourceType === RULE_TYPE)
    return { on: 'topic-policy', principal: service('events') };
  return undefined;
}

/** The resources of a template, with each connector written out as what SAM creates for it (or marked when not modelled). */
export function withServerlessConnectors(resources: Record<string, unknown>): Record<string, unknown> {
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
    const written = connectorResources(resources, props, pointer);
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
    for (const [suffix, type, properties] of written)
      out[`${logicalId}${suffix}`] = { Type: type, [MADE_BY]: source, ...when, Properties: properties };
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
  /** The URL of a queue, which its queue policy names. */
  readonly queueUrl: unknown;
}

/** The resources a connector makes, each as the suffix of its logical id, its type and properties. */
type Written = readonly (readonly [string, string, Record<string, unknown>])[];

/** What a connector makes, or why it is not modelled. */
function connectorResources(
  resources: Record<string, unknown>,
  props: Record<string, unknown>,
  pointer: string,
): Written | { rejected: RejectedConnector } | string {
  const reject = (at: string, message: string): { rejected: RejectedConnector } => ({
    rejected: { pointer: `${pointer}${at}`, message: `${message}: the SAM transform rejects it` },
  });
  const missing = (raw: unknown): string | undefined =>
    isRecord(raw) && typeof raw['Id'] === 'string' && !isRecord(resources[raw['Id']]) ? raw['Id'] : undefined;
  // A reference is an `Id` (with a `Qualifier`) or properties without one, never both.
  const references: [string, unknown][] = [
    ['/Source', props['Source']],
    ...(Array.isArray(props['Destination'])
      ? (props['Destination'] as unknown[]).map((d, i): [string, unknown] => [`/Destination/${String(i)}`, d])
      : [['/Destination', props['Destination']] as [string, unknown]]),
  ];
  for (const [at, raw] of references) {
    const extra = isRecord(raw) && 'Id' in raw ? Object.keys(raw).filter((k) => k !== 'Id' && k !== 'Qualifier') : [];
    if (extra.length > 0)
      return reject(
        `${at}/${escapePointerToken(extra[0] as string)}`,
        `its \`${at.split('/')[1] ?? ''}\` gives \`Id\` and \`${extra.join('`, `')}\`: a reference is an \`Id\` (with a \`Qualifier\`) or properties without one`,
      );
  }
  if (Array.isArray(props['Destination']) && props['Destination'].length === 0)
    return reject('/Destination', 'its `Destination` is an empty list');
  if (!Array.isArray(props['Permissions']) || props['Permissions'].length === 0)
    return reject(
      '/Permissions',
      props['Permissions'] === undefined
        ? 'it has no `Permissions` (`Read`, `Write` or both)'
        : '`Permissions` must be a non-empty list of `Read`, `Write`',
    );
  const sourceMissing = missing(props['Source']);
  if (sourceMissing !== undefined)
    return reject('/Source/Id', `its \`Source\` names \`${sourceMissing}\`, which is no resource of the template`);
  const source = endpoint(resources, props['Source']);
  if (source === undefined) return 'its `Source` is neither a resource of the template nor a `Type` with a role';
  const permissions: unknown[] = Array.isArray(props['Permissions']) ? props['Permissions'] : [];
  const listed = Array.isArray(props['Destination']);
  const destinations: unknown[] = listed ? (props['Destination'] as unknown[]) : [props['Destination']];
  // The managed policy of each destination (SAM writes one per destination of a list), with its role.
  const policies = new Map<string, { role: unknown; statements: unknown[] }>();
  const written: (readonly [string, string, Record<string, unknown>])[] = [];
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
    const grant = grantOf(source.type, destination.type);
    if (grant === undefined)
      return `SAM connectors from \`${source.type}\` to \`${destination.type}\` are not written out by iamgate, so what this one grants is not checked`;
    const categories = 'categories' in grant ? grant.categories : { Write: [] };
    const ruleId = isRecord(props['Source']) ? props['Source']['Id'] : undefined;
    // SAM gives a rule's policy to the role of its target for this destination; without one it stops.
    const fromRule = grant.on === 'source-role' && source.type === RULE_TYPE && typeof ruleId === 'string';
    const role = fromRule
      ? ruleTargetRole(resources[ruleId], raw, destination)
      : grant.on === 'source-role'
        ? source.role
        : grant.on === 'destination-role'
          ? destination.role
          : null;
    if (fromRule && role === undefined)
      return {
        rejected: {
          pointer: `/Resources/${escapePointerToken(ruleId)}/Properties/Targets`,
          message: `rule \`${ruleId}\` has no target for its \`Destination\` with a \`RoleArn\` naming a role of the template (\`!GetAtt ROLE.Arn\`), the role SAM gives the connector's policy to: the SAM transform rejects it`,
        },
      };
    if (role instanceof UnnamedRole) {
      const side = grant.on === 'source-role' ? 'Source' : 'Destination';
      return {
        rejected: {
          pointer: `/Resources/${escapePointerToken(role.logicalId)}/Properties/${role.property}`,
          message: `the \`${role.property}\` of \`${role.logicalId}\`, the connector's \`${side}\`, names the role otherwise than by \`!Ref\` or \`!GetAtt\` of a resource of the template (a role ARN written out, a \`!Sub\`, an import), so SAM cannot tell which role to attach the connector's policy to: the SAM transform rejects it`,
        },
      };
    }
    if (role === undefined)
      return `the ${grant.on === 'source-role' ? 'source' : 'destination'} of this SAM connector has no role in the template, so what it grants is not checked`;
    const suffix = listed ? `Destination${String(i)}` : '';
    for (const [j, permission] of permissions.entries()) {
      const statements = permission === 'Read' || permission === 'Write' ? categories[permission] : undefined;
      if (statements === undefined)
        return reject(
          `/Permissions/${String(j)}`,
          `\`${String(permission)}\` is not a permission SAM connects \`${source.type}\` to \`${destination.type}\` with (${Object.keys(
            categories,
          )
            .map((c) => `\`${c}\``)
            .join(', ')})`,
        );
      if (grant.on === 'source-role' || grant.on === 'destination-role') {
        const name = listed ? `PolicyDestination${String(i)}` : 'Policy';
        const entry = policies.get(name) ?? { role, statements: [] };
        policies.set(name, entry);
        for (const s of statements)
          entry.statements.push({
            Effect: 'Allow',
            Action: s.actions,
            Resource: s.resources.map((r) => fill(r, destination, source)),
          });
      } else if (grant.on === 'function-policy') {
        written.push([
          `WriteLambdaPermission${suffix}`,
          'AWS::Lambda::Permission',
          {
            Action: 'lambda:InvokeFunction',
            FunctionName: destination.arn,
            Principal: grant.principal,
            SourceArn: fill(grant.sourceArn, destination, source),
            ...(grant.sourceAccount === true ? { SourceAccount: { Ref: 'AWS::AccountId' } } : {}),
          },
        ]);
      } else {
        const statement = {
          Effect: 'Allow',
          Principal: { Service: grant.principal },
          Action: grant.on === 'queue-policy' ? 'sqs:SendMessage' : 'sns:Publish',
          Resource: destination.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': source.arn } },
        };
        const document = { Version: '2012-10-17', Statement: [statement] };
        written.push(
          grant.on === 'queue-policy'
            ? [
                `QueuePolicy${suffix}`,
                'AWS::SQS::QueuePolicy',
                { PolicyDocument: document, Queues: [destination.queueUrl] },
              ]
            : [
                `TopicPolicy${suffix}`,
                'AWS::SNS::TopicPolicy',
                { PolicyDocument: document, Topics: [destination.arn] },
              ],
        );
      }
    }
  }
  for (const [name, { role, statements }] of policies)
    if (statements.length > 0)
      written.push([
        name,
        'AWS::IAM::ManagedPolicy',
        { PolicyDocument: { Version: '2012-10-17', Statement: statements }, Roles: [role] },
      ]);
  if (written.length === 0) return 'it asks for no `Read` or `Write` permission';
  return written;
}

/**
 * A profile value with the destination's ARN and name and the source's ARN, id and qualifier in
 * place (`Fn::Sub` when pseudo parameters remain).
 */
function fill(template: string, destination: Endpoint, source: Endpoint): unknown {
  if (template === ARN) return destination.arn;
  if (template === SOURCE_ARN) return source.arn;
  const variables: Record<string, unknown> = {
    Arn: destination.arn,
    Name: destination.name,
    SourceArn: source.arn,
    ResourceId: source.resourceId,
    Qualifier: source.qualifier ?? '*',
  };
  return { 'Fn::Sub': [template.replace(/%\{(\w+)\}/g, '${$1}'), variables] };
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
      queueUrl: { Ref: id },
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
    queueUrl: raw['QueueUrl'],
  };
}

/** The logical id a `Ref` or `Fn::GetAtt` names (how SAM recognizes a rule target's resource and role). */
function logicalIdOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value['Ref'] === 'string') return value['Ref'];
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.split('.').length === 2) return getAtt.split('.')[0];
  return undefined;
}

/**
 * The role, as a `RoleName` value, of the rule target that sends to `destination` (its `Arn` names
 * the destination's id, or equals the `Arn` given for it); undefined when none names a role of the
 * template, as SAM reads it.
 */
function ruleTargetRole(rule: unknown, raw: unknown, destination: Endpoint): unknown {
  const props = isRecord(rule) && isRecord(rule['Properties']) ? rule['Properties'] : {};
  const targets: unknown[] = Array.isArray(props['Targets']) ? props['Targets'] : [];
  const id = isRecord(raw) && typeof raw['Id'] === 'string' ? raw['Id'] : undefined;
  for (const target of targets) {
    if (!isRecord(target)) continue;
    const arn = target['Arn'];
    const named =
      id !== undefined
        ? logicalIdOf(arn) === id
        : destination.arn !== undefined && isDeepStrictEqual(arn, destination.arn);
    if (!named) continue;
    const role = logicalIdOf(target['RoleArn']);
    return role === undefined ? undefined : { Ref: role };
  }
  return undefined;
}

/**
 * The role of a source in the template, as a `RoleName` value: the role SAM creates, or the one it
 * is given by `Ref` or `Fn::GetAtt`; an {@link UnnamedRole} when it is given otherwise (SAM rejects
 * the connector).
 */
function roleOf(resources: Record<string, unknown>, id: string, type: string, props: Record<string, unknown>): unknown {
  const property =
    type === 'AWS::StepFunctions::StateMachine' ? 'RoleArn' : type === DATA_SOURCE_TYPE ? 'ServiceRoleArn' : 'Role';
  const given = props[property];
  if (given === undefined)
    return type.startsWith('AWS::Serverless::') && Object.hasOwn(resources, `${id}Role`)
      ? { Ref: `${id}Role` }
      : undefined;
  if (isRecord(given) && Array.isArray(given['Fn::GetAtt']) && typeof given['Fn::GetAtt'][0] === 'string')
    return { Ref: given['Fn::GetAtt'][0] };
  if (isRecord(given) && typeof given['Fn::GetAtt'] === 'string') return { Ref: given['Fn::GetAtt'].split('.')[0] };
  // A parameter: SAM gives the policy to what it holds, read here as a role ARN (the name at its end).
  if (isRecord(given) && typeof given['Ref'] === 'string')
    return { 'Fn::Select': [1, { 'Fn::Split': [':role/', given] }] };
  // SAM takes the role's name from a `Ref` or `Fn::GetAtt` only; with any other it stops.
  return new UnnamedRole(id, property);
}

/** The role of a connector's source or destination, written in a form SAM takes no role name from. */
class UnnamedRole {
  constructor(
    readonly logicalId: string,
    readonly property: string,
  ) {}
}
