/**
 * The thirtieth survey: grants and roles of aws-cdk-lib constructs the earlier surveys left out
 * (README.md). Step Functions tasks on Athena executions, EMR clusters, EMR on EKS, an HTTP API and
 * Bedrock with a guardrail; EventBridge targets for Batch, AppSync, CodePipeline, Redshift and an
 * HTTP API; an Inspector schedule; HTTP API integrations with SQS, EventBridge and a private ALB;
 * WebSocket APIs with an AWS integration and authorizers; AppSync data sources and Events API
 * grants; Glue tables on an encrypted bucket and streaming jobs; Firehose under customer keys;
 * Lambda event sources failing to S3, SNS and Kafka with a schema registry; SES receipt actions;
 * CloudFront origins with origin access control; a pipeline deploying into another account. The
 * app applies the organization's boundary to every role and the configuration requires it. One
 * scope per case (`Survey30/<Case>`); the planted risks are in `Survey30Risks/<Case>`.
 */
import { App, Aws, Duration, Size, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as inspector from 'aws-cdk-lib/aws-inspector';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ACCOUNT = '111122223333';
const PARTNER = '444455556666';
const ENV = { account: ACCOUNT, region: 'us-east-1' };
const BOUNDARY = 'app-boundary';

/**
 * The configuration of the survey: every role needs the organization's boundary; the app deploys
 * into its own account and the partner's, both trusted (as survey 5's pipeline).
 */
export const SURVEY30_CONFIG = {
  boundary: { required: true, allowed: [`arn:aws:iam::*:policy/${BOUNDARY}`] },
  trust: { accounts: [PARTNER, ACCOUNT] },
} as const;

type Case = (scope: Construct) => void;

/** A state machine of the tasks `chain` makes, in `scope`. */
function machineOf(scope: Construct, chain: (scope: Construct) => sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(chain(scope)),
  });
}

/** An HTTP API of one route answered by a function. */
function httpApiOf(scope: Construct): apigwv2.HttpApi {
  const api = new apigwv2.HttpApi(scope, 'Api');
  api.addRoutes({
    path: '/hello',
    methods: [apigwv2.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('Hello', inlineFunction(scope, 'Hello')),
  });
  return api;
}

/** A GraphQL API of the orders schema, with IAM authorization. */
function graphqlApiOf(scope: Construct, extra: appsync.AuthorizationMode[] = []): appsync.GraphqlApi {
  return new appsync.GraphqlApi(scope, 'Api', {
    name: 'orders',
    definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/../survey23/orders.graphql`)),
    authorizationConfig: {
      defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM },
      additionalAuthorizationModes: extra,
    },
  });
}

/** A Fargate Batch queue and one job definition. */
function batchJobOf(scope: Construct, vpc: ec2.IVpc): { queue: batch.JobQueue; job: batch.EcsJobDefinition } {
  const queue = new batch.JobQueue(scope, 'Queue', {
    computeEnvironments: [
      { computeEnvironment: new batch.FargateComputeEnvironment(scope, 'Compute', { vpc }), order: 1 },
    ],
  });
  const job = new batch.EcsJobDefinition(scope, 'Job', {
    container: new batch.EcsFargateContainerDefinition(scope, 'Container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      memory: Size.mebibytes(2048),
      cpu: 1,
    }),
  });
  return { queue, job };
}

/** The idioms: what aws-cdk-lib writes for each construct, expected to be least privilege. */
export function survey30Idioms(vpc: () => ec2.IVpc): Record<string, Case> {
  return {
    SfnAthenaControl: (scope) => {
      machineOf(scope, (s) =>
        new tasks.AthenaGetQueryExecution(s, 'Status', {
          queryExecutionId: sfn.JsonPath.stringAt('$.QueryExecutionId'),
        }).next(
          new tasks.AthenaStopQueryExecution(s, 'Stop', {
            queryExecutionId: sfn.JsonPath.stringAt('$.QueryExecutionId'),
          }),
        ),
      );
    },
    SfnEmrClusterControl: (scope) => {
      const clusterId = 'j-1K48XXXXXXHCB';
      machineOf(scope, (s) =>
        new tasks.EmrSetClusterTerminationProtection(s, 'Protect', { clusterId, terminationProtected: false })
          .next(
            new tasks.EmrModifyInstanceFleetByName(s, 'Fleet', {
              clusterId,
              instanceFleetName: 'core',
              targetOnDemandCapacity: 2,
              targetSpotCapacity: 0,
            }),
          )
          .next(new tasks.EmrCancelStep(s, 'Cancel', { clusterId, stepId: sfn.JsonPath.stringAt('$.StepId') }))
          .next(new tasks.EmrTerminateCluster(s, 'Terminate', { clusterId })),
      );
    },
    SfnEmrOnEks: (scope) => {
      machineOf(
        scope,
        (s) =>
          new tasks.EmrContainersStartJobRun(s, 'Spark', {
            virtualCluster: tasks.VirtualClusterInput.fromVirtualClusterId('z0yghc9wfddurogzx9ws12qr0'),
            releaseLabel: tasks.ReleaseLabel.EMR_6_2_0,
            jobDriver: {
              sparkSubmitJobDriver: {
                entryPoint: sfn.TaskInput.fromText('local:///usr/lib/spark/examples/src/main/python/pi.py'),
              },
            },
          }),
      );
    },
    SfnHttpApiCall: (scope) => {
      const api = httpApiOf(scope);
      machineOf(
        scope,
        (s) =>
          new tasks.CallApiGatewayHttpApiEndpoint(s, 'Call', {
            apiId: api.apiId,
            apiStack: Stack.of(api),
            // Without a stage aws-cdk-lib grants `execute-api:Invoke` on stage `undefined`.
            stageName: '$default',
            method: tasks.HttpMethod.GET,
            apiPath: '/hello',
          }),
      );
    },
    SfnBedrockGuardrail: (scope) => {
      const model = bedrock.FoundationModel.fromFoundationModelId(
        scope,
        'Model',
        bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1,
      );
      machineOf(
        scope,
        (s) =>
          new tasks.BedrockInvokeModel(s, 'Invoke', {
            model,
            body: sfn.TaskInput.fromObject({ inputText: sfn.JsonPath.stringAt('$.prompt') }),
            guardrail: tasks.Guardrail.enable('abc123xyz0', 1),
          }),
      );
    },
    EventTargetsMore: (scope) => {
      const rule = new events.Rule(scope, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
      const { queue, job } = batchJobOf(scope, vpc());
      rule.addTarget(new targets.BatchJob(queue.jobQueueArn, queue, job.jobDefinitionArn, job));
      const graphql = graphqlApiOf(scope);
      rule.addTarget(new targets.AppSync(graphql, { graphQLOperation: 'mutation Tick { tick }' }));
      const sourceBucket = new s3.Bucket(scope, 'Sources', { versioned: true });
      const artifact = new codepipeline.Artifact('Source');
      const pipeline = new codepipeline.Pipeline(scope, 'Pipeline', {
        pipelineType: codepipeline.PipelineType.V2,
        stages: [
          {
            stageName: 'Source',
            actions: [
              new cpactions.S3SourceAction({
                actionName: 'Source',
                bucket: sourceBucket,
                bucketKey: 'app.zip',
                output: artifact,
              }),
            ],
          },
          {
            stageName: 'Approve',
            actions: [new cpactions.ManualApprovalAction({ actionName: 'Approve' })],
          },
        ],
      });
      rule.addTarget(new targets.CodePipeline(pipeline));
      const secret = new secretsmanager.Secret(scope, 'WarehouseUser');
      rule.addTarget(
        new targets.RedshiftQuery(`arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:warehouse`, {
          database: 'dev',
          secret,
          sql: ['call refresh_sales()'],
        }),
      );
      rule.addTarget(new targets.ApiGatewayV2(httpApiOf(new Construct(scope, 'Http'))));
    },
    InspectorSchedule: (scope) => {
      const template = new inspector.CfnAssessmentTemplate(scope, 'Template', {
        assessmentTargetArn: `arn:aws:inspector:us-east-1:${ACCOUNT}:target/0-nvgVhaxX`,
        durationInSeconds: 3600,
        rulesPackageArns: ['arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7'],
      });
      new scheduler.Schedule(scope, 'Weekly', {
        schedule: scheduler.ScheduleExpression.rate(Duration.days(7)),
        target: new schedulerTargets.InspectorStartAssessmentRun(template),
      });
    },
    HttpApiServiceIntegrations: (scope) => {
      const api = new apigwv2.HttpApi(scope, 'Api');
      const queue = new sqs.Queue(scope, 'Inbox');
      api.addRoutes({
        path: '/orders',
        methods: [apigwv2.HttpMethod.POST],
        integration: new integrations.HttpSqsIntegration('Enqueue', { queue }),
        authorizer: new authorizers.HttpIamAuthorizer(),
      });
      const bus = new events.EventBus(scope, 'Bus');
      api.addRoutes({
        path: '/events',
        methods: [apigwv2.HttpMethod.POST],
        integration: new integrations.HttpEventBridgeIntegration('Put', { eventBusRef: bus.eventBusRef }),
      });
      const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc: vpc() });
      const listener = alb.addListener('Http', { port: 80 });
      listener.addAction('Fixed', { action: elbv2.ListenerAction.fixedResponse(200) });
      const [route] = api.addRoutes({
        path: '/private',
        methods: [apigwv2.HttpMethod.GET],
        integration: new integrations.HttpAlbIntegration('Private', listener),
        authorizer: new authorizers.HttpIamAuthorizer(),
      });
      route?.grantInvoke(
        new iam.Role(scope, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      );
    },
    WebSocketApiIntegrations: (scope) => {
      const table = new dynamodb.TableV2(scope, 'Connections', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      });
      const credentialsRole = new iam.Role(scope, 'Integration', {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      });
      table.grantWriteData(credentialsRole);
      const api = new apigwv2.WebSocketApi(scope, 'Api', {
        connectRouteOptions: {
          integration: new integrations.WebSocketLambdaIntegration('Connect', inlineFunction(scope, 'OnConnect')),
          authorizer: new authorizers.WebSocketLambdaAuthorizer('Auth', inlineFunction(scope, 'Authorizer')),
        },
      });
      api.addRoute('store', {
        integration: new integrations.WebSocketAwsIntegration('Store', {
          integrationUri: `arn:aws:apigateway:us-east-1:dynamodb:action/PutItem`,
          integrationMethod: 'POST',
          credentialsRole,
        }),
      });
      const stage = new apigwv2.WebSocketStage(scope, 'Prod', {
        webSocketApi: api,
        stageName: 'prod',
        autoDeploy: true,
      });
      const notifier = inlineFunction(scope, 'Notifier');
      stage.grantManagementApiAccess(notifier);
      api.grantManageConnections(inlineFunction(scope, 'Janitor'));
    },
    AppSyncDataSources: (scope) => {
      const api = graphqlApiOf(scope, [
        {
          authorizationType: appsync.AuthorizationType.LAMBDA,
          lambdaAuthorizerConfig: { handler: inlineFunction(scope, 'Authorizer') },
        },
      ]);
      api.addEventBridgeDataSource('Bus', new events.EventBus(scope, 'Bus'));
      const machine = new sfn.StateMachine(scope, 'Machine', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Done')),
        stateMachineType: sfn.StateMachineType.EXPRESS,
      });
      const http = api.addHttpDataSource('Sfn', 'https://sync-states.us-east-1.amazonaws.com', {
        authorizationConfig: { signingRegion: 'us-east-1', signingServiceName: 'states' },
      });
      machine.grant(http.grantPrincipal, 'states:StartSyncExecution');
      const reader = new iam.Role(scope, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      api.grantQuery(reader, 'order');
      api.grantMutation(reader, 'tick');
      api.grantSubscription(reader);
    },
    EventApiGrants: (scope) => {
      const iamMode: appsync.AppSyncAuthProvider = { authorizationType: appsync.AppSyncAuthorizationType.IAM };
      const api = new appsync.EventApi(scope, 'Api', {
        apiName: 'live',
        authorizationConfig: { authProviders: [iamMode] },
      });
      const scores = api.addChannelNamespace('scores');
      const client = new iam.Role(scope, 'Client', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      api.grantConnect(client);
      scores.grantPublishAndSubscribe(client);
    },
    GlueTables: (scope) => {
      const key = new kms.Key(scope, 'Key');
      const bucket = new s3.Bucket(scope, 'Lake', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      const database = new glue.Database(scope, 'Database', { databaseName: 'sales' });
      const table = new glue.S3Table(scope, 'Orders', {
        database,
        columns: [{ name: 'id', type: glue.Schema.STRING }],
        dataFormat: glue.DataFormat.PARQUET,
        storage: glue.S3TableStorage.fromBucket(bucket),
        s3Prefix: 'orders/',
      });
      table.grantRead(inlineFunction(scope, 'Report'));
      const streaming = new glue.PySparkStreamingJob(scope, 'Stream', {
        role: new iam.Role(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') }),
        script: glue.Code.fromBucket(bucket, 'scripts/stream.py'),
      });
      table.grantWrite(streaming);
    },
    FirehoseEncrypted: (scope) => {
      const key = new kms.Key(scope, 'Key');
      const bucket = new s3.Bucket(scope, 'Archive');
      const stream = new firehose.DeliveryStream(scope, 'Stream', {
        destination: new firehose.S3Bucket(bucket, {
          encryptionKey: key,
          dataOutputPrefix: 'clicks/',
          errorOutputPrefix: 'errors/',
        }),
        encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(scope, 'StreamKey')),
      });
      stream.grantPutRecords(inlineFunction(scope, 'Producer'));
    },
    EventSourceFailures: (scope) => {
      const table = new dynamodb.Table(scope, 'Table', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
        stream: dynamodb.StreamViewType.NEW_IMAGE,
      });
      const failures = new s3.Bucket(scope, 'Failures');
      inlineFunction(scope, 'OnTable').addEventSource(
        new sources.DynamoEventSource(table, {
          startingPosition: lambda.StartingPosition.LATEST,
          onFailure: new sources.S3OnFailureDestination(failures),
        }),
      );
      const stream = new kinesis.Stream(scope, 'Clicks', { encryption: kinesis.StreamEncryption.MANAGED });
      inlineFunction(scope, 'OnClick').addEventSource(
        new sources.KinesisEventSource(stream, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          onFailure: new sources.SnsDlq(new sns.Topic(scope, 'Dropped')),
        }),
      );
      const credentials = new secretsmanager.Secret(scope, 'KafkaCredentials');
      const registry = new glue.CfnRegistry(scope, 'Registry', { name: 'orders' });
      inlineFunction(scope, 'OnOrder').addEventSource(
        new sources.SelfManagedKafkaEventSource({
          bootstrapServers: ['kafka-1.example.com:9092'],
          topic: 'orders',
          secret: credentials,
          startingPosition: lambda.StartingPosition.LATEST,
          provisionedPollerConfig: { minimumPollers: 1, maximumPollers: 2 },
          schemaRegistryConfig: new sources.GlueSchemaRegistry({
            schemaRegistry: registry,
            eventRecordFormat: lambda.EventRecordFormat.JSON,
            schemaValidationConfigs: [{ attribute: lambda.KafkaSchemaValidationAttribute.VALUE }],
          }),
        }),
      );
    },
    SesReceiptActions: (scope) => {
      const bucket = new s3.Bucket(scope, 'Mail');
      const key = new kms.Key(scope, 'Key');
      const notices = new sns.Topic(scope, 'Notices');
      new ses.ReceiptRuleSet(scope, 'Rules', {
        rules: [
          {
            recipients: ['support@example.com'],
            actions: [
              new sesActions.AddHeader({ name: 'X-Team', value: 'support' }),
              new sesActions.S3({ bucket, kmsKey: key, objectKeyPrefix: 'support/', topic: notices }),
              new sesActions.Sns({ topic: notices, encoding: sesActions.EmailEncoding.UTF8 }),
            ],
          },
          {
            recipients: ['noreply@example.com'],
            actions: [
              new sesActions.Bounce({
                sender: 'mailer@example.com',
                template: sesActions.BounceTemplate.MAILBOX_DOES_NOT_EXIST,
                topic: notices,
              }),
              new sesActions.Stop({ topic: notices }),
            ],
          },
          {
            recipients: ['team@example.com'],
            actions: [
              new sesActions.WorkMail({
                organizationArn: `arn:aws:workmail:us-east-1:${ACCOUNT}:organization/m-68755160c4cb4e29a2b2f8fb58f359d7`,
                topic: notices,
              }),
            ],
          },
        ],
      });
    },
    CloudFrontOrigins: (scope) => {
      const key = new kms.Key(scope, 'Key');
      const site = new s3.Bucket(scope, 'Site', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      const uploads = new s3.Bucket(scope, 'Uploads');
      const fallback = new s3.Bucket(scope, 'Fallback');
      const render = inlineFunction(scope, 'Render');
      const url = render.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      const logs = new kinesis.Stream(scope, 'RealtimeLogs');
      const realtime = new cloudfront.RealtimeLogConfig(scope, 'Realtime', {
        endPoints: [cloudfront.Endpoint.fromKinesisStream(logs)],
        fields: ['timestamp', 'c-ip', 'cs-uri-stem'],
        samplingRate: 10,
      });
      const distribution = new cloudfront.Distribution(scope, 'Cdn', {
        defaultBehavior: {
          origin: new origins.OriginGroup({
            primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(site),
            fallbackOrigin: origins.S3BucketOrigin.withOriginAccessControl(fallback),
          }),
          realtimeLogConfig: realtime,
        },
        additionalBehaviors: {
          'uploads/*': {
            origin: origins.S3BucketOrigin.withOriginAccessControl(uploads, {
              originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.WRITE],
            }),
            allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          },
          'render/*': { origin: origins.FunctionUrlOrigin.withOriginAccessControl(url) },
        },
      });
      distribution.grantCreateInvalidation(inlineFunction(scope, 'Publisher'));
    },
    CrossAccountDeploy: (scope) => {
      const sourceBucket = new s3.Bucket(scope, 'Sources', { versioned: true });
      const artifact = new codepipeline.Artifact('Source');
      new codepipeline.Pipeline(scope, 'Pipeline', {
        pipelineType: codepipeline.PipelineType.V2,
        crossAccountKeys: true,
        stages: [
          {
            stageName: 'Source',
            actions: [
              new cpactions.S3SourceAction({
                actionName: 'Source',
                bucket: sourceBucket,
                bucketKey: 'app.zip',
                output: artifact,
              }),
            ],
          },
          {
            stageName: 'Deploy',
            actions: [
              new cpactions.CloudFormationCreateUpdateStackAction({
                actionName: 'Partner',
                stackName: 'orders',
                templatePath: artifact.atPath('template.json'),
                adminPermissions: false,
                account: PARTNER,
              }),
            ],
          },
        ],
      });
    },
  };
}

/** The planted risks: what a user adds to the same constructs. */
export function survey30Risks(): Record<string, Case> {
  return {
    AthenaAnything: (scope) => {
      const machine = machineOf(
        scope,
        (s) =>
          new tasks.AthenaStopQueryExecution(s, 'Stop', {
            queryExecutionId: sfn.JsonPath.stringAt('$.QueryExecutionId'),
          }),
      );
      // "AccessDenied on the results bucket": widened until it works.
      machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['athena:*', 's3:*'], resources: ['*'] }));
    },
    EmrJobPassAnyRole: (scope) => {
      const machine = machineOf(
        scope,
        (s) => new tasks.EmrTerminateCluster(s, 'Terminate', { clusterId: sfn.JsonPath.stringAt('$.ClusterId') }),
      );
      iam.Role.fromRoleArn(scope, 'AnyRole', `arn:aws:iam::${ACCOUNT}:role/*`).grantPassRole(machine.role);
    },
    OacWithoutSourceArn: (scope) => {
      const bucket = new s3.Bucket(scope, 'Site');
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
          actions: ['s3:GetObject'],
          resources: [bucket.arnForObjects('*')],
        }),
      );
    },
    InboxForAnyone: (scope) => {
      const queue = new sqs.Queue(scope, 'Inbox');
      queue.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
        }),
      );
    },
    GlueJobAdmin: (scope) => {
      const role = new iam.Role(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    },
    UnboundedJobRole: (scope) => {
      const role = new iam.Role(scope, 'JobRole', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      });
      new s3.Bucket(scope, 'Output').grantPut(role);
      iam.PermissionsBoundary.of(role).clear();
    },
  };
}

/** The survey's app: the idioms in `Survey30`, the risks in `Survey30Risks`, every role bounded. */
export function survey30App(props: { outdir: string }): App {
  const app = new App({ outdir: props.outdir });
  const stack = new Stack(app, 'Survey30', { env: ENV });
  let vpc: ec2.Vpc | undefined;
  const sharedVpc = (): ec2.IVpc => (vpc ??= new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }));
  for (const [name, make] of Object.entries(survey30Idioms(sharedVpc))) make(new Construct(stack, name));
  const risks = new Stack(app, 'Survey30Risks', { env: ENV });
  for (const [name, make] of Object.entries(survey30Risks())) make(new Construct(risks, name));
  // Every stack, the pipeline's support stack in the partner account too; the ARN is each stack's own.
  const boundary = iam.ManagedPolicy.fromManagedPolicyArn(
    stack,
    'Boundary',
    `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${BOUNDARY}`,
  );
  iam.PermissionsBoundary.of(app).apply(boundary);
  return app;
}
