/**
 * The seventh survey: whole CDK apps as public projects write them, each pattern reproduced with
 * aws-cdk-lib alone, in the forms the other audits (survey-apps.ts to survey6-apps.ts,
 * idiom-apps.ts, construct-apps.ts, parity-apps.ts, internals-survey.ts) do not reproduce: the
 * AWS Solutions Constructs pairs (API-Lambda-DynamoDB, S3-Lambda, SQS-Lambda,
 * EventBridge-Step Functions) built with their L2 parts, grants to and from resources imported by
 * ARN, `grantPassRole` and `Grant.addToPrincipalOrResource` for a principal of another account,
 * custom resources (`fromSdkCalls` and the provider framework), an EKS cluster whose masters role
 * an administrator role assumes, a Cognito identity pool with `amr`-scoped roles, GitHub OIDC with
 * a `sub` condition, immutable imported roles, a boundary created in the stack and applied with
 * `PermissionsBoundary.of`, `Lazy` values, parameters and stack attributes in ARNs; then, across
 * stacks, grants whose ARNs are cross-stack references (`Fn::ImportValue`), a nested stack
 * granted a table of its parent, and CDK Pipelines deploying to another account with
 * `crossAccountKeys`; and the planted risks of the same constructs. One scope per case
 * (`Survey7/<Case>`, `Survey7Risks/<Case>`); each app is synthesized once per test.
 */
import {
  App,
  ArnFormat,
  CfnOutput,
  CfnParameter,
  CustomResource,
  Duration,
  Fn,
  Lazy,
  NestedStack,
  Stack,
  Stage,
} from 'aws-cdk-lib';
import type { AppProps, StageProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PROD_ENV = { account: '444455556666', region: 'eu-west-1' };
const GITHUB = 'token.actions.githubusercontent.com';

/** The configuration of the seventh survey: the defaults, the production account trusted. */
export const SURVEY7_CONFIG = { trust: { accounts: [PROD_ENV.account] } } as const;

/** The configuration of the boundary case: every role needs the boundary the stack creates. */
export const SURVEY7_BOUNDARY_CONFIG = {
  boundary: { required: true, allowed: ['arn:aws:iam::*:policy/survey7-workload-boundary'] },
} as const;

const table = (scope: Construct, id: string): dynamodb.Table =>
  new dynamodb.Table(scope, id, { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });

/** Each case wires IAM the way the projects do; a careful reviewer finds nothing to refuse. */
export const SURVEY7_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // aws-apigateway-lambda + aws-lambda-dynamodb: a REST API proxying to a function that reads and
  // writes one table, the table's name in the function's environment.
  ApiLambdaDynamo: (scope) => {
    const orders = table(scope, 'Orders');
    const fn = inlineFunction(scope, 'Handler', { environment: { TABLE: orders.tableName } });
    orders.grantReadWriteData(fn);
    new apigateway.LambdaRestApi(scope, 'Api', { handler: fn, cloudWatchRole: false });
  },
  // aws-s3-lambda: a bucket notifying a function of new objects, the function reading them; CDK
  // adds its bucket notifications handler (`s3:PutBucketNotification` on `*`).
  S3Lambda: (scope) => {
    const bucket = new s3.Bucket(scope, 'Uploads', { enforceSSL: true });
    const fn = inlineFunction(scope, 'OnUpload');
    bucket.grantRead(fn, 'incoming/*');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix: 'incoming/',
    });
  },
  // aws-sqs-lambda: a queue with a dead-letter queue feeding a function through an event source
  // mapping; the function also sends to the dead-letter queue.
  SqsLambda: (scope) => {
    const dlq = new sqs.Queue(scope, 'Dlq', { enforceSSL: true });
    const queue = new sqs.Queue(scope, 'Jobs', {
      enforceSSL: true,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    const fn = inlineFunction(scope, 'Worker');
    fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: 5, reportBatchItemFailures: true }));
    dlq.grantSendMessages(fn);
  },
  // aws-eventbridge-stepfunctions: a rule on a custom bus starting a state machine that invokes a
  // function and writes an item.
  EventBridgeStepFunctions: (scope) => {
    const bus = new events.EventBus(scope, 'Bus');
    const audit = table(scope, 'Audit');
    const fn = inlineFunction(scope, 'Enrich');
    const definition = new tasks.LambdaInvoke(scope, 'Invoke', { lambdaFunction: fn, outputPath: '$.Payload' }).next(
      new tasks.DynamoPutItem(scope, 'Put', {
        table: audit,
        item: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) },
      }),
    );
    const machine = new sfn.StateMachine(scope, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
    });
    new events.Rule(scope, 'OnOrder', {
      eventBus: bus,
      eventPattern: { source: ['shop.orders'] },
      targets: [new targets.SfnStateMachine(machine)],
    });
  },
  // Grants on resources imported by ARN: a function, a bucket, a secret, a table, a queue, a topic,
  // a stream and a key of the account, each granted to one function.
  ImportedGrants: (scope) => {
    const fn = inlineFunction(scope, 'Consumer');
    const arn = (service: string, resource: string): string =>
      `arn:aws:${service}:${ENV.region}:${ENV.account}:${resource}`;
    lambda.Function.fromFunctionArn(scope, 'Pricing', arn('lambda', 'function:pricing')).grantInvoke(fn);
    s3.Bucket.fromBucketArn(scope, 'Reports', 'arn:aws:s3:::shop-reports').grantReadWrite(fn, 'daily/*');
    secretsmanager.Secret.fromSecretCompleteArn(scope, 'Db', arn('secretsmanager', 'secret:shop/db-AbCdEf')).grantRead(
      fn,
    );
    dynamodb.Table.fromTableArn(scope, 'Customers', arn('dynamodb', 'table/customers')).grantReadData(fn);
    sqs.Queue.fromQueueArn(scope, 'Outbox', arn('sqs', 'outbox')).grantSendMessages(fn);
    sns.Topic.fromTopicArn(scope, 'Alerts', arn('sns', 'alerts')).grantPublish(fn);
    kinesis.Stream.fromStreamArn(scope, 'Clicks', arn('kinesis', 'stream/clicks')).grantRead(fn);
    kms.Key.fromKeyArn(scope, 'Key', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')).grantDecrypt(fn);
  },
  // `grantPassRole`: a scheduler function that passes its job role (and only it) to the jobs it
  // starts; `grantPrincipal` given a statement directly; a state machine granted to a function.
  PassOneRole: (scope) => {
    const jobRole = new iam.Role(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const fn = inlineFunction(scope, 'Scheduler');
    jobRole.grantPassRole(fn.grantPrincipal);
    fn.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ecs:RunTask'],
        resources: [`arn:aws:ecs:${ENV.region}:${ENV.account}:task-definition/jobs:*`],
      }),
    );
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    machine.grantStartExecution(fn);
  },
  // `Grant.addToPrincipalOrResource` for a role of the production account: the statement goes to
  // the bucket's and the key's policies, naming that role.
  GrantToOtherAccount: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(scope, 'Artifacts', { encryptionKey: key, enforceSSL: true });
    const reader = iam.Role.fromRoleArn(scope, 'Reader', `arn:aws:iam::${PROD_ENV.account}:role/artifact-reader`);
    iam.Grant.addToPrincipalOrResource({
      grantee: reader,
      actions: ['s3:GetObject'],
      resourceArns: [bucket.arnForObjects('releases/*')],
      resource: bucket,
    });
    key.grantDecrypt(reader);
  },
  // `AwsCustomResource` with `fromSdkCalls` naming the parameter it writes, and a function of the
  // provider framework with its own role, for a custom resource.
  CustomResources: (scope) => {
    const parameterArn = Stack.of(scope).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: 'shop/release',
    });
    new cr.AwsCustomResource(scope, 'Release', {
      onUpdate: {
        service: 'SSM',
        action: 'putParameter',
        parameters: { Name: '/shop/release', Value: 'v1', Type: 'String', Overwrite: true },
        physicalResourceId: cr.PhysicalResourceId.of('shop-release'),
      },
      onDelete: { service: 'SSM', action: 'deleteParameter', parameters: { Name: '/shop/release' } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      installLatestAwsSdk: false,
    });
    const seeds = table(scope, 'Seeds');
    const onEvent = inlineFunction(scope, 'Seed');
    seeds.grantWriteData(onEvent);
    const provider = new cr.Provider(scope, 'Provider', { onEventHandler: onEvent });
    new CustomResource(scope, 'Seeded', { serviceToken: provider.serviceToken });
  },
  // A website published by `BucketDeployment` under a prefix of a bucket.
  Website: (scope) => {
    const site = new s3.Bucket(scope, 'Site', { enforceSSL: true });
    new s3deploy.BucketDeployment(scope, 'Publish', {
      sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
      destinationBucket: site,
      destinationKeyPrefix: 'web/',
    });
  },
  // An EKS cluster whose masters role only the account's platform administrator role assumes,
  // an imported operator role mapped as a master too.
  EksMasters: (scope) => {
    const mastersRole = new iam.Role(scope, 'Masters', {
      assumedBy: new iam.ArnPrincipal(`arn:aws:iam::${ENV.account}:role/platform-admin`),
    });
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      mastersRole,
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 }),
      vpcSubnets: [{ subnetType: ec2.SubnetType.PUBLIC }],
    });
    cluster.awsAuth.addMastersRole(
      iam.Role.fromRoleArn(scope, 'Operator', `arn:aws:iam::${ENV.account}:role/cluster-operator`, { mutable: false }),
    );
  },
  // A Cognito identity pool (L1, as most projects write it) whose authenticated role, trusted for
  // that pool's authenticated identities only, reads each user's own prefix.
  IdentityPool: (scope) => {
    const users = new cognito.UserPool(scope, 'Users');
    const client = users.addClient('Web');
    const pool = new cognito.CfnIdentityPool(scope, 'Identities', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: users.userPoolProviderName }],
    });
    const authenticated = new iam.Role(scope, 'Authenticated', {
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    const files = new s3.Bucket(scope, 'Files', { enforceSSL: true });
    authenticated.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [files.arnForObjects('private/${cognito-identity.amazonaws.com:sub}/*')],
      }),
    );
    new cognito.CfnIdentityPoolRoleAttachment(scope, 'Roles', {
      identityPoolId: pool.ref,
      roles: { authenticated: authenticated.roleArn },
    });
  },
  // GitHub Actions deploying with OIDC: the provider, and a role for the main branch of one
  // repository that may only assume the CDK bootstrap roles.
  GitHubOidc: (scope) => {
    const provider = new iam.OpenIdConnectProvider(scope, 'GitHub', {
      url: `https://${GITHUB}`,
      clientIds: ['sts.amazonaws.com'],
    });
    const deployer = new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB}:sub`]: 'repo:shop/web:ref:refs/heads/main' },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    deployer.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [`arn:aws:iam::${ENV.account}:role/cdk-hnb659fds-*-role-${ENV.account}-*`],
      }),
    );
  },
  // Roles imported with `mutable: false`: grants to them change nothing in the stack.
  ImmutableRole: (scope) => {
    const role = iam.Role.fromRoleArn(scope, 'Shared', `arn:aws:iam::${ENV.account}:role/shared-runtime`, {
      mutable: false,
    });
    table(scope, 'Sessions').grantFullAccess(role);
    new s3.Bucket(scope, 'Scratch').grantReadWrite(role);
    inlineFunction(scope, 'Fn', { role });
  },
  // `Lazy` values, a parameter and the stack's own attributes in ARNs of one table and one queue.
  TokensInArns: (scope) => {
    const stack = Stack.of(scope);
    const stage = new CfnParameter(stack, 'StageName', { type: 'String', default: 'dev' });
    const fn = inlineFunction(scope, 'Fn');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [
          Lazy.string({
            produce: () => stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: 'carts' }),
          }),
          stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: `orders-${stage.valueAsString}` }),
        ],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: Lazy.list({
          produce: () => [`arn:${stack.partition}:sqs:${stack.region}:${stack.account}:${stack.stackName}-events`],
        }),
      }),
    );
    const parameter = ssm.StringParameter.fromStringParameterAttributes(scope, 'Flag', {
      parameterName: `/${stage.valueAsString}/flags/beta`,
      simpleName: false,
    });
    parameter.grantRead(fn);
  },
};

/**
 * A permissions boundary the stack creates and applies to the whole stack with
 * `PermissionsBoundary.of`, its function and the roles CDK creates (a provider's, a bucket
 * notification handler's) included, a role allowed to remove it that the boundary denies; and a
 * role whose boundary `PermissionsBoundary.of(role).clear()` removes.
 */
export function survey7BoundaryApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey7Bounded', { env: ENV });
  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    managedPolicyName: 'survey7-workload-boundary',
    statements: [
      new iam.PolicyStatement({ actions: ['s3:*', 'dynamodb:*', 'logs:*', 'lambda:InvokeFunction'], resources: ['*'] }),
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['iam:*', 'organizations:*'],
        resources: ['*'],
      }),
    ],
  });
  iam.PermissionsBoundary.of(stack).apply(boundary);
  const bucket = new s3.Bucket(stack, 'Uploads');
  const fn = inlineFunction(stack, 'OnUpload');
  bucket.grantRead(fn);
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
  const provider = new cr.Provider(stack, 'Provider', { onEventHandler: inlineFunction(stack, 'Seed') });
  new CustomResource(stack, 'Seeded', { serviceToken: provider.serviceToken });
  // A role allowed to remove its boundary, which the boundary denies: it cannot.
  const escaping = new iam.Role(stack, 'Escaping', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  escaping.addToPolicy(
    new iam.PolicyStatement({ actions: ['iam:DeleteRolePermissionsBoundary'], resources: [escaping.roleArn] }),
  );
  // The planted risk: one role whose boundary is cleared.
  const exempt = new iam.Role(stack, 'Exempt', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  iam.PermissionsBoundary.of(exempt).clear();
  return app;
}

/** The idioms app: the idioms in one stack, one scope per case. */
export function survey7App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey7', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY7_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** A nested stack with a function granted a table of its parent (passed as a parameter). */
class WorkerNested extends NestedStack {
  constructor(scope: Construct, id: string, orders: dynamodb.ITable) {
    super(scope, id);
    orders.grantReadData(inlineFunction(this, 'Reader'));
  }
}

/**
 * Across stacks: a data stack's table and bucket granted to a function of a service stack
 * (the ARNs are `Fn::ImportValue` of the data stack's exports), an ARN imported by hand with
 * `Fn.importValue`, and a nested stack granted a table of its parent.
 */
export function survey7CrossStackApp(props: AppProps = {}): App {
  const app = new App(props);
  const data = new Stack(app, 'Survey7Data', { env: ENV });
  const orders = table(data, 'Orders');
  const archive = new s3.Bucket(data, 'Archive', { enforceSSL: true });
  const service = new Stack(app, 'Survey7Service', { env: ENV });
  const fn = inlineFunction(service, 'Api');
  orders.grantReadWriteData(fn);
  archive.grantPut(fn, 'orders/*');
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [Fn.importValue('shop-events-queue-arn')] }),
  );
  const stream = Fn.importValue('shop-clicks-stream-name');
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kinesis:PutRecord'],
      resources: [service.formatArn({ service: 'kinesis', resource: 'stream', resourceName: stream })],
    }),
  );
  new WorkerNested(service, 'Workers', orders);
  return app;
}

/**
 * Cross-region references (`crossRegionReferences: true`, as apps with a CloudFront certificate or
 * an edge function in us-east-1 write them): a table and a role of a us-east-1 stack used by a
 * stack of eu-west-1, which CDK reads through a custom resource (`Custom::CrossRegionExportReader`)
 * whose attributes are the SSM parameters the us-east-1 stack's writer fills: a function granted
 * the table, a queue whose policy names the role, a role the role assumes.
 */
export function survey7CrossRegionApp(props: AppProps = {}): App {
  const app = new App(props);
  const global = new Stack(app, 'Survey7Global', {
    env: { account: ENV.account, region: 'us-east-1' },
    crossRegionReferences: true,
  });
  const sessions = table(global, 'Sessions');
  const edge = new iam.Role(global, 'Edge', {
    assumedBy: new iam.CompositePrincipal(
      new iam.ServicePrincipal('lambda.amazonaws.com'),
      new iam.ServicePrincipal('edgelambda.amazonaws.com'),
    ),
  });
  const regional = new Stack(app, 'Survey7Regional', { env: ENV, crossRegionReferences: true });
  sessions.grantReadData(inlineFunction(regional, 'Api'));
  const events = new sqs.Queue(regional, 'Events', { enforceSSL: true });
  events.grantSendMessages(new iam.ArnPrincipal(edge.roleArn));
  new iam.Role(regional, 'Reporter', { assumedBy: new iam.ArnPrincipal(edge.roleArn) });
  return app;
}

/**
 * Weak cross-stack references (the context `@aws-cdk/core:defaultCrossStackReferences`, which CDK
 * recommends moving to `weak`): the consumer reads the producer's outputs with
 * `Fn::GetStackOutput`. A function granted a table of the data stack and a queue policy naming its
 * role and a role of a us-east-1 stack (read in that region), the idioms; and the planted risk, `iam:PassRole` on an output of the data stack that is `*`
 * (`Fn.getStackOutput`, as a project sharing a setting between stacks writes it).
 */
export function survey7WeakReferencesApp(props: AppProps = {}): App {
  const app = new App({ ...props, context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
  const data = new Stack(app, 'Survey7WeakData', { env: ENV });
  const orders = table(data, 'Orders');
  const ingest = new iam.Role(data, 'Ingest', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new CfnOutput(data, 'PassableRoles', { value: '*' });
  const edge = new Stack(app, 'Survey7WeakEdge', {
    env: { account: ENV.account, region: 'us-east-1' },
    crossRegionReferences: true,
  });
  const viewer = new iam.Role(edge, 'Viewer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const service = new Stack(app, 'Survey7WeakService', { env: ENV, crossRegionReferences: true });
  orders.grantReadData(inlineFunction(service, 'Api'));
  const events = new sqs.Queue(service, 'Events', { enforceSSL: true });
  events.grantSendMessages(new iam.ArnPrincipal(ingest.roleArn));
  events.grantSendMessages(new iam.ArnPrincipal(viewer.roleArn));
  inlineFunction(service, 'Launcher').addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [Fn.getStackOutput(data.stackName, 'PassableRoles', ENV.region)],
    }),
  );
  return app;
}

/**
 * One application stage deployed to a development and a production account, each with a data
 * stack of the same explicit name (`shop-data`) whose output says which roles its service may
 * pass, exported under one name: every role in development, one role in production. Each service
 * reads its own account's output with `Fn.getStackOutput` (no `RoleArn`: the consuming stack's
 * account) and its export with `Fn.importValue` (exports are per account and region).
 */
class SharedNameStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps & { passable: string }) {
    super(scope, id, props);
    const data = new Stack(this, 'Data', { stackName: 'shop-data' });
    new CfnOutput(data, 'PassableRoles', { value: props.passable, exportName: 'shop-passable-roles' });
    const service = new Stack(this, 'Service');
    inlineFunction(service, 'Launcher').addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [Fn.getStackOutput('shop-data', 'PassableRoles')],
      }),
    );
    inlineFunction(service, 'Scheduler').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [Fn.importValue('shop-passable-roles')] }),
    );
  }
}

/** The development and production stages of `SharedNameStage`. */
export function survey7SharedNamesApp(props: AppProps = {}): App {
  const app = new App(props);
  new SharedNameStage(app, 'Dev', { env: ENV, passable: '*' });
  new SharedNameStage(app, 'Prod', {
    env: PROD_ENV,
    passable: `arn:aws:iam::${PROD_ENV.account}:role/shop-jobs`,
  });
  return app;
}

/** The application stage CDK Pipelines deploys to the production account. */
class ShopStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    const stack = new Stack(this, 'Api');
    table(stack, 'Orders').grantReadWriteData(inlineFunction(stack, 'Handler'));
  }
}

/**
 * CDK Pipelines, self-mutating, deploying a stage to the production account with
 * `crossAccountKeys` (the artifact key's policy names that account's deploy roles).
 */
export function survey7PipelineApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey7Pipeline', { env: ENV });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    crossAccountKeys: true,
    selfMutation: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('shop/web', 'main', {
        connectionArn: `arn:aws:codeconnections:${ENV.region}:${ENV.account}:connection/1234abcd-12ab-34cd-56ef-1234567890ab`,
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new ShopStage(app, 'Prod', { env: PROD_ENV }));
  return app;
}

/** The planted risks: each is what a reviewer would refuse, on a known construct path. */
export const SURVEY7_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A GitHub OIDC role checked on its audience only: any repository's workflow assumes it.
  OidcNoSub: (scope) => {
    new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::${ENV.account}:oidc-provider/${GITHUB}`, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      }),
    });
  },
  // A Cognito role trusting the service without naming an identity pool (`aud`): identities of
  // any pool, of any account, assume it.
  CognitoNoAud: (scope) => {
    new iam.Role(scope, 'Authenticated', {
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        'sts:AssumeRoleWithWebIdentity',
      ),
    }).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::shop-files/*'] }));
  },
  // `grantPassRole` on a role imported by a wildcard ARN: the function may pass any role.
  PassAnyImportedRole: (scope) => {
    iam.Role.fromRoleArn(scope, 'Any', `arn:aws:iam::${ENV.account}:role/*`).grantPassRole(
      inlineFunction(scope, 'Launcher').grantPrincipal,
    );
  },
  // A `Lazy` list that produces `*` for `iam:PassRole`.
  LazyPassRole: (scope) => {
    inlineFunction(scope, 'Fn').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: Lazy.list({ produce: () => ['*'] }) }),
    );
  },
  // `AwsCustomResource` with `ANY_RESOURCE` writing the role policy of every role.
  AnyResourceIam: (scope) => {
    new cr.AwsCustomResource(scope, 'Attach', {
      onCreate: {
        service: 'IAM',
        action: 'attachRolePolicy',
        parameters: { RoleName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        physicalResourceId: cr.PhysicalResourceId.of('ops-admin'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
  },
  // An EKS masters role that every principal of the account may assume.
  EksMastersAccount: (scope) => {
    new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      mastersRole: new iam.Role(scope, 'Masters', { assumedBy: new iam.AccountRootPrincipal() }),
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
        vpcId: 'vpc-0a1b2c3d',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'],
      }),
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    });
  },
  // A state machine's SDK call whose IAM action CDK derives from the API name (`s3:listBuckets`),
  // not an IAM action (`s3:ListAllMyBuckets`, which `iamAction` would name): the call is denied.
  SdkCallActionName: (scope) => {
    new sfn.StateMachine(scope, 'Inventory', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.CallAwsService(scope, 'ListBuckets', { service: 's3', action: 'listBuckets', iamResources: ['*'] }),
      ),
    });
  },
  // A grant of every action of a table imported by a name that is a wildcard.
  WildcardImportedTable: (scope) => {
    dynamodb.Table.fromTableArn(
      scope,
      'All',
      Stack.of(scope).formatArn({
        service: 'dynamodb',
        resource: 'table',
        resourceName: '*',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    ).grantFullAccess(inlineFunction(scope, 'Fn'));
  },
};

/** The risks app: one stack, one scope per case. */
export function survey7RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey7Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY7_RISKS)) make(new Construct(stack, name));
  return app;
}

/**
 * Risks across stacks: a nested stack's function that may pass any role, and a policy of the
 * service stack attaching administrator access to a role named by another stack's export.
 */
export function survey7CrossStackRisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const service = new Stack(app, 'Survey7CrossRisks', { env: ENV });
  const nested = new NestedStack(service, 'Jobs');
  inlineFunction(nested, 'Launcher').addToRolePolicy(
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
  );
  const imported = iam.Role.fromRoleName(service, 'Ops', Fn.importValue('shop-ops-role-name'));
  imported.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  new iam.Policy(service, 'OpsAll', {
    roles: [imported],
    statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
  });
  return app;
}
