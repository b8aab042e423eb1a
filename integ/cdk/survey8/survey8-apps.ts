/**
 * The eighth survey: CDK apps built on the newer parts of aws-cdk-lib, each pattern reproduced in
 * our own code with aws-cdk-lib alone: Amazon Bedrock agents and knowledge bases written in L1
 * (`CfnAgent`, `CfnKnowledgeBase`) with the service roles their guides ask for, EventBridge Pipes
 * (`CfnPipe`) and EventBridge Scheduler (`Schedule` with the `aws-scheduler-targets` targets), a
 * Step Functions distributed map over a bucket, grants on imported resources, statements with
 * `notActions` and `notPrincipals`, and the principal forms `CompositePrincipal`,
 * `SessionTagsPrincipal` and `PrincipalWithConditions`; then the planted risks of the same
 * constructs. One scope per case (`Survey8/<Case>`, `Survey8Risks/<Case>`).
 */
import { App, CfnMapping, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER = '444455556666';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const EMBEDDINGS = 'amazon.titan-embed-text-v2:0';

/** The configuration of the eighth survey: the defaults, the partner account trusted. */
export const SURVEY8_CONFIG = { trust: { accounts: [PARTNER] } } as const;

const modelArn = (model: string): string => `arn:aws:bedrock:${ENV.region}::foundation-model/${model}`;

/** The role Bedrock assumes for an agent, held to agents of this account as the Bedrock guide writes it. */
function agentRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': ENV.account },
        ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${ENV.region}:${ENV.account}:agent/*` },
      },
    }),
  });
}

/** A role Pipes assumes, held to this account. */
function pipeRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
    }),
  });
}

/** Each case wires IAM the way the guides and projects do; a careful reviewer finds nothing to refuse. */
export const SURVEY8_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A Bedrock agent (L1): its role may invoke one foundation model; an alias for it.
  BedrockAgent: (scope) => {
    const role = agentRole(scope, 'AgentRole');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [modelArn(MODEL)] }));
    const agent = new bedrock.CfnAgent(scope, 'Agent', {
      agentName: 'support',
      agentResourceRoleArn: role.roleArn,
      foundationModel: MODEL,
      instruction: 'Answer questions about orders using the knowledge base.',
      autoPrepare: true,
    });
    new bedrock.CfnAgentAlias(scope, 'Live', { agentId: agent.attrAgentId, agentAliasName: 'live' });
  },
  // A Bedrock knowledge base (L1) over one bucket: its role reads the bucket and invokes the
  // embeddings model; the vector store is an OpenSearch Serverless collection named by ARN.
  BedrockKnowledgeBase: (scope) => {
    const docs = new s3.Bucket(scope, 'Docs', { enforceSSL: true });
    const role = new iam.Role(scope, 'KbRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    });
    docs.grantRead(role);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [modelArn(EMBEDDINGS)] }));
    const collection = `arn:aws:aoss:${ENV.region}:${ENV.account}:collection/kb-docs`;
    role.addToPolicy(new iam.PolicyStatement({ actions: ['aoss:APIAccessAll'], resources: [collection] }));
    const kb = new bedrock.CfnKnowledgeBase(scope, 'Kb', {
      name: 'orders-docs',
      roleArn: role.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: { embeddingModelArn: modelArn(EMBEDDINGS) },
      },
      storageConfiguration: {
        type: 'OPENSEARCH_SERVERLESS',
        opensearchServerlessConfiguration: {
          collectionArn: collection,
          vectorIndexName: 'docs',
          fieldMapping: { vectorField: 'v', textField: 't', metadataField: 'm' },
        },
      },
    });
    new bedrock.CfnDataSource(scope, 'Source', {
      knowledgeBaseId: kb.attrKnowledgeBaseId,
      name: 'docs',
      dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: docs.bucketArn } },
    });
  },
  // A pipe (L1) from a queue to a state machine, its role reading the queue and starting the machine.
  PipeQueueToMachine: (scope) => {
    const queue = new sqs.Queue(scope, 'Orders', { enforceSSL: true });
    const machine = new sfn.StateMachine(scope, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Done')),
    });
    const role = pipeRole(scope, 'PipeRole');
    queue.grantConsumeMessages(role);
    machine.grantStartExecution(role);
    new pipes.CfnPipe(scope, 'Pipe', {
      roleArn: role.roleArn,
      source: queue.queueArn,
      target: machine.stateMachineArn,
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } },
    });
  },
  // A pipe from a table stream through an enrichment function to an event bus.
  PipeStreamEnrichBus: (scope) => {
    const table = new dynamodb.Table(scope, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    const enrich = inlineFunction(scope, 'Enrich');
    const bus = new events.EventBus(scope, 'Bus');
    const role = pipeRole(scope, 'PipeRole');
    table.grantStreamRead(role);
    enrich.grantInvoke(role);
    bus.grantPutEventsTo(role);
    new pipes.CfnPipe(scope, 'Pipe', {
      roleArn: role.roleArn,
      source: table.tableStreamArn ?? '',
      sourceParameters: { dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: 10 } },
      enrichment: enrich.functionArn,
      target: bus.eventBusArn,
    });
  },
  // Scheduler (L2): a schedule invoking a function and one sending to a queue, each with the role
  // the target creates; a schedule group with a customer managed key.
  Schedules: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    const group = new scheduler.ScheduleGroup(scope, 'Group', { scheduleGroupName: 'nightly' });
    new scheduler.Schedule(scope, 'Nightly', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(24)),
      target: new schedulerTargets.LambdaInvoke(inlineFunction(scope, 'Report')),
      scheduleGroup: group,
      key,
    });
    new scheduler.Schedule(scope, 'Heartbeat', {
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(5)),
      target: new schedulerTargets.SqsSendMessage(new sqs.Queue(scope, 'Beats', { enforceSSL: true })),
    });
  },
  // A distributed map over the objects of one bucket, each batch handled by a function, the
  // results written under a prefix of the same bucket.
  DistributedMap: (scope) => {
    const bucket = new s3.Bucket(scope, 'Data', { enforceSSL: true });
    const fn = inlineFunction(scope, 'Transform');
    const map = new sfn.DistributedMap(scope, 'EachObject', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket, prefix: 'input/' }),
      resultWriterV2: new sfn.ResultWriterV2({ bucket, prefix: 'results/' }),
      maxConcurrency: 50,
    });
    map.itemProcessor(new tasks.LambdaInvoke(scope, 'Invoke', { lambdaFunction: fn }));
    new sfn.StateMachine(scope, 'Batch', { definitionBody: sfn.DefinitionBody.fromChainable(map) });
  },
  // Grants on imported resources through the `Grant` class: a statement on an imported bucket's
  // prefix added to a function's role, a grant on a role imported by name.
  ImportedGrant: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    const archive = s3.Bucket.fromBucketName(scope, 'Archive', 'shop-archive');
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['s3:GetObject'],
      resourceArns: [archive.arnForObjects('2024/*')],
    });
    const ops = iam.Role.fromRoleName(scope, 'Ops', 'ops-readers');
    secretsmanager.Secret.fromSecretNameV2(scope, 'Db', 'shop/db').grantRead(ops);
  },
  // `notActions` in a deny: everything but reads is denied on one bucket.
  NotActionsDeny: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    const bucket = new s3.Bucket(scope, 'Reports', { enforceSSL: true });
    bucket.grantRead(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notActions: ['s3:GetObject', 's3:ListBucket'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      }),
    );
  },
  // `notPrincipals` in a bucket policy deny: every principal but the uploader role is denied writes.
  NotPrincipalsDeny: (scope) => {
    const bucket = new s3.Bucket(scope, 'Uploads', { enforceSSL: true });
    const uploader = inlineFunction(scope, 'Uploader');
    bucket.grantPut(uploader);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notPrincipals: [uploader.role ?? new iam.AccountRootPrincipal(), new iam.AccountRootPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  },
  // `CompositePrincipal`: a role Lambda and ECS tasks assume.
  CompositeServices: (scope) => {
    const role = new iam.Role(scope, 'Worker', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      ),
    });
    new sqs.Queue(scope, 'Jobs', { enforceSSL: true }).grantConsumeMessages(role);
  },
  // `SessionTagsPrincipal` for a role of the trusted partner account, held to its external id.
  SessionTags: (scope) => {
    new iam.Role(scope, 'PartnerAccess', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ArnPrincipal(`arn:aws:iam::${PARTNER}:role/sync`)).withConditions(
        { StringEquals: { 'sts:ExternalId': 'partner-sync-2024' } },
      ),
    });
  },
  // `PrincipalWithConditions`: a queue policy letting one topic of the account send, by source ARN.
  ConditionedService: (scope) => {
    const queue = new sqs.Queue(scope, 'Inbox', { enforceSSL: true });
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [
          new iam.PrincipalWithConditions(new iam.ServicePrincipal('sns.amazonaws.com'), {
            ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${ENV.region}:${ENV.account}:orders` },
          }),
        ],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
      }),
    );
  },
  // A key policy statement letting the partner account decrypt through one service.
  PartnerKeyViaService: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(PARTNER)],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${ENV.region}.amazonaws.com` } },
      }),
    );
  },
};

/** The app of the idioms, one construct per case. */
export function survey8App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey8', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY8_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** Each case holds a risk a reviewer refuses. */
export const SURVEY8_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A Bedrock agent role trusted by the service for any account's agents (no source condition),
  // allowed every model and to pass any role.
  AgentAnyModelPassRole: (scope) => {
    const role = new iam.Role(scope, 'AgentRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:*'], resources: ['*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    new bedrock.CfnAgent(scope, 'Agent', {
      agentName: 'ops',
      agentResourceRoleArn: role.roleArn,
      foundationModel: MODEL,
    });
  },
  // A knowledge base role reading every bucket.
  KnowledgeBaseAllBuckets: (scope) => {
    const role = new iam.Role(scope, 'KbRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:ListBucket'], resources: ['*'] }));
  },
  // A pipe role allowed to start any state machine and invoke any function.
  PipeAnyTarget: (scope) => {
    const queue = new sqs.Queue(scope, 'Orders', { enforceSSL: true });
    const role = pipeRole(scope, 'PipeRole');
    queue.grantConsumeMessages(role);
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution', 'lambda:InvokeFunction'], resources: ['*'] }),
    );
    new pipes.CfnPipe(scope, 'Pipe', { roleArn: role.roleArn, source: queue.queueArn, target: '*' });
  },
  // `notActions` in an allow: everything but IAM, on every resource.
  NotActionsAllow: (scope) => {
    inlineFunction(scope, 'Fn').addToRolePolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
  },
  // `notPrincipals` in an allow of a bucket policy: everyone but one role may read.
  NotPrincipalsAllow: (scope) => {
    const bucket = new s3.Bucket(scope, 'Public', { enforceSSL: true });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        notPrincipals: [new iam.ArnPrincipal(`arn:aws:iam::${ENV.account}:role/auditor`)],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  },
  // `CompositePrincipal` mixing a service and an account of no trusted organization.
  CompositeWithStranger: (scope) => {
    new iam.Role(scope, 'Worker', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.AccountPrincipal('999988887777'),
      ),
    });
  },
  // `PrincipalWithConditions` on a wildcard principal whose condition does not hold it to anyone.
  ConditionedStar: (scope) => {
    const queue = new sqs.Queue(scope, 'Inbox', { enforceSSL: true });
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [
          new iam.PrincipalWithConditions(new iam.AnyPrincipal(), {
            Bool: { 'aws:SecureTransport': 'true' },
          }),
        ],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
      }),
    );
  },
  // A schedule whose universal target may call any IAM action with its role.
  UniversalIam: (scope) => {
    new scheduler.Schedule(scope, 'Rotate', {
      schedule: scheduler.ScheduleExpression.rate(Duration.days(1)),
      target: new schedulerTargets.Universal({
        service: 'iam',
        action: 'attachRolePolicy',
        input: scheduler.ScheduleTargetInput.fromObject({
          RoleName: 'app',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      }),
    });
  },
  // A distributed map reading a CSV from a bucket named by the execution's input (`bucketNamePath`):
  // CDK grants no read for it, and the role is given one on every object of every bucket.
  MapAnyBucket: (scope) => {
    const map = new sfn.DistributedMap(scope, 'EachRow', {
      itemReader: new sfn.S3CsvItemReader({
        bucketNamePath: sfn.JsonPath.stringAt('$.bucket'),
        key: 'rows.csv',
        csvHeaders: sfn.CsvHeaders.useFirstRow(),
      }),
    });
    map.itemProcessor(new sfn.Pass(scope, 'Noop'));
    const machine = new sfn.StateMachine(scope, 'Batch', { definitionBody: sfn.DefinitionBody.fromChainable(map) });
    machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*/*'] }));
  },
  // The roles a deploy function may pass, from a list parameter: one element taken whole.
  PassRoleFromListParameter: (scope) => {
    const roles = new CfnParameter(scope, 'DeployRoleArns', { type: 'CommaDelimitedList' });
    inlineFunction(scope, 'Deployer').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [Fn.select(0, roles.valueAsList)] }),
    );
  },
  // The role a deploy function may pass, from a mapping chosen by a stage parameter whose sandbox
  // entry is `*`.
  PassRoleFromMapping: (scope) => {
    const stage = new CfnParameter(scope, 'Stage', { type: 'String' });
    const roles = new CfnMapping(scope, 'StageRoles', {
      mapping: {
        prod: { arn: `arn:aws:iam::${ENV.account}:role/release-prod` },
        sandbox: { arn: '*' },
      },
    });
    inlineFunction(scope, 'Deployer').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [roles.findInMap(stage.valueAsString, 'arn')] }),
    );
  },
};

/** The app of the risks, one construct per case. */
export function survey8RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey8Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY8_RISKS)) make(new Construct(stack, name));
  return app;
}
