/**
 * A survey of aws-cdk-lib constructs and grants that the other audits (idiom-apps.ts,
 * construct-apps.ts, internals-survey.ts, parity-apps.ts) do not cover: Lambda permissions and
 * function URLs, API Gateway v2 and authorizers, load balancer and alarm and log subscription
 * targets, SES receipt actions, EFS, OpenSearch, CodeBuild reports, KMS and Secrets Manager
 * shared with another account, EventBridge Scheduler targets, more Step Functions tasks and
 * grants, customer managed keys for state machines and subscribed queues, CloudFront with an
 * origin access identity or control, S3 inventories, SAML, Google and organization trust, VPC
 * endpoint policies, Deny statements for every principal, AwsCustomResource calls, and planted
 * risks. Each case lives under its own scope (`Survey/<Case>`, `SurveyRisks/<Case>`). Two apps,
 * each synthesized once per test (the idioms app once more with the feature flags of `cdk init`).
 */
import { App, Duration, SecretValue, Size, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbTargets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER_ACCOUNT = '444455556666';
const ORGANIZATION = 'o-a1b2c3d4e5';

/** The configuration of the survey: the partner account is trusted. */
export const SURVEY_CONFIG = { trust: { accounts: [PARTNER_ACCOUNT], organizationIds: [ORGANIZATION] } } as const;

// The metadata of an identity provider (CloudFormation wants at least 1,000 characters): the
// certificate is filler, IAM only parses it at deploy.
const SAML_METADATA = [
  '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">',
  '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
  '<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>',
  'MIIC'.padEnd(900, 'A'),
  '</X509Certificate></X509Data></KeyInfo></KeyDescriptor>',
  '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>',
  '</IDPSSODescriptor></EntityDescriptor>',
].join('');

/** One VPC for the cases of a stack. */
function sharedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
}

function lambdaRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** The idiom cases of the survey: each builds least-privilege constructs under `scope`. */
const SURVEY_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // Lambda permissions the documented way: a service with the source ARN and account, the
  // organization, another account; function URLs with IAM auth; versions and aliases.
  LambdaPermissions: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    const bucket = new s3.Bucket(scope, 'Bucket');
    fn.addPermission('FromBucket', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceArn: bucket.bucketArn,
      sourceAccount: ENV.account,
    });
    fn.addPermission('FromRule', {
      principal: new iam.ServicePrincipal('events.amazonaws.com'),
      sourceArn: `arn:aws:events:${ENV.region}:${ENV.account}:rule/nightly`,
    });
    fn.grantInvoke(new iam.OrganizationPrincipal(ORGANIZATION));
    fn.grantInvoke(new iam.AccountPrincipal(PARTNER_ACCOUNT));
    const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    url.grantInvokeUrl(lambdaRole(scope, 'UrlCaller'));
    fn.grantInvokeUrl(lambdaRole(scope, 'FnUrlCaller'));
    const alias = new lambda.Alias(scope, 'Live', { aliasName: 'live', version: fn.currentVersion });
    alias.grantInvoke(lambdaRole(scope, 'AliasCaller'));
    fn.grantInvokeLatestVersion(lambdaRole(scope, 'LatestCaller'));
    fn.grantInvokeCompositePrincipal(
      new iam.CompositePrincipal(lambdaRole(scope, 'First'), new iam.AccountPrincipal(PARTNER_ACCOUNT)),
    );
  },
  // Lambda destinations on failure and success, a dead-letter topic.
  LambdaDestinations: (scope) => {
    inlineFunction(scope, 'Fn', {
      onFailure: new destinations.SqsDestination(new sqs.Queue(scope, 'Failures')),
      onSuccess: new destinations.EventBridgeDestination(new events.EventBus(scope, 'Bus')),
      deadLetterTopic: new sns.Topic(scope, 'Dead'),
    });
    inlineFunction(scope, 'Chained', {
      onSuccess: new destinations.LambdaDestination(inlineFunction(scope, 'Next')),
    });
  },
  // An HTTP API with a Lambda integration and a Lambda authorizer; a WebSocket API whose
  // handler posts to connections.
  HttpApi: (scope) => {
    const handler = inlineFunction(scope, 'Handler');
    const api = new apigwv2.HttpApi(scope, 'Api', {
      defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('Auth', inlineFunction(scope, 'Authorizer')),
    });
    api.addRoutes({ path: '/orders', integration: new integrations.HttpLambdaIntegration('Orders', handler) });
    const socket = new apigwv2.WebSocketApi(scope, 'Socket', {
      connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Connect', handler) },
    });
    const stage = new apigwv2.WebSocketStage(scope, 'Prod', {
      webSocketApi: socket,
      stageName: 'prod',
      autoDeploy: true,
    });
    stage.grantManagementApiAccess(handler);
  },
  // A REST API with a token authorizer and an AWS integration that assumes a role.
  RestAuthorizer: (scope) => {
    const api = new apigateway.RestApi(scope, 'Api', { cloudWatchRole: false });
    const queue = new sqs.Queue(scope, 'Inbox');
    const role = new iam.Role(scope, 'Integration', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    });
    queue.grantSendMessages(role);
    api.root.addMethod(
      'POST',
      new apigateway.AwsIntegration({
        service: 'sqs',
        path: `${ENV.account}/${queue.queueName}`,
        options: { credentialsRole: role },
      }),
      { authorizer: new apigateway.TokenAuthorizer(scope, 'Token', { handler: inlineFunction(scope, 'Authorizer') }) },
    );
  },
  // An alarm invoking a function; a log group streaming to a function; a function behind an ALB.
  ServiceTargets: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    const alarm = new cloudwatch.Alarm(scope, 'Errors', {
      metric: fn.metricErrors(),
      threshold: 1,
      evaluationPeriods: 1,
    });
    alarm.addAlarmAction(new cwActions.LambdaAction(fn));
    alarm.addAlarmAction(new cwActions.SnsAction(new sns.Topic(scope, 'Pager')));
    new logs.LogGroup(scope, 'App').addSubscriptionFilter('ToFn', {
      destination: new logsDestinations.LambdaDestination(inlineFunction(scope, 'Shipper')),
      filterPattern: logs.FilterPattern.allEvents(),
    });
  },
  // SES receipt rules: store to a bucket, invoke a function, publish to a topic.
  SesReceipt: (scope) => {
    new ses.ReceiptRuleSet(scope, 'Rules', {
      rules: [
        {
          recipients: ['orders@shop.example.com'],
          actions: [
            new sesActions.S3({ bucket: new s3.Bucket(scope, 'Mail'), objectKeyPrefix: 'inbox/' }),
            new sesActions.Lambda({ function: inlineFunction(scope, 'Fn') }),
            new sesActions.Sns({ topic: new sns.Topic(scope, 'Topic') }),
          ],
        },
      ],
    });
  },
  // EFS: the file system policy a grant adds (`Principal: *` limited to mount targets), a role
  // granted read and write, a function mounting an access point.
  Efs: (scope) => {
    const vpc = sharedVpc(scope);
    const fs = new efs.FileSystem(scope, 'Files', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    fs.grantReadWrite(lambdaRole(scope, 'Writer'));
    fs.grantRead(lambdaRole(scope, 'Reader'));
    const accessPoint = fs.addAccessPoint('Data', { path: '/data' });
    inlineFunction(scope, 'Fn', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      filesystem: lambda.FileSystem.fromEfsAccessPoint(accessPoint, '/mnt/data'),
    });
  },
  // OpenSearch: a domain in a VPC, grants to functions.
  OpenSearch: (scope) => {
    const domain = new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    domain.grantReadWrite(lambdaRole(scope, 'Indexer'));
    domain.grantIndexRead('orders', lambdaRole(scope, 'Reader'));
    domain.grantPathRead('orders/_search', lambdaRole(scope, 'Searcher'));
  },
  // CodeBuild reports: a report group written by a project, the reports of a build spec.
  CodeBuildReports: (scope) => {
    const project = new codebuild.Project(scope, 'Project', {
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: { build: { commands: ['npm test'] } },
        reports: { unit: { files: ['junit.xml'] } },
      }),
    });
    const group = new codebuild.ReportGroup(scope, 'Reports');
    group.grantWrite(project);
    project.enableBatchBuilds();
  },
  // A key and a secret shared with a trusted account, a key admin role, a secret read at one stage.
  CrossAccountKms: (scope) => {
    const key = new kms.Key(scope, 'Key');
    key.grantEncryptDecrypt(new iam.AccountPrincipal(PARTNER_ACCOUNT));
    key.grantAdmin(new iam.Role(scope, 'KeyAdmin', { assumedBy: new iam.AccountRootPrincipal() }));
    const secret = new secretsmanager.Secret(scope, 'Shared', { encryptionKey: key });
    secret.grantRead(new iam.AccountPrincipal(PARTNER_ACCOUNT));
    secret.grantRead(lambdaRole(scope, 'Current'), ['AWSCURRENT']);
    secret.grantWrite(lambdaRole(scope, 'Rotator'));
  },
  // PassRole on an imported role, AssumeRole of a role, trust with service conditions, SAML.
  Trust: (scope) => {
    const deployer = new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    });
    iam.Role.fromRoleArn(scope, 'Runtime', `arn:aws:iam::${ENV.account}:role/shop-runtime`).grantPassRole(deployer);
    const reporting = new iam.Role(scope, 'Reporting', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    reporting.grantAssumeRole(deployer);
    const saml = new iam.SamlProvider(scope, 'Idp', {
      metadataDocument: iam.SamlMetadataDocument.fromXml(SAML_METADATA),
    });
    new iam.Role(scope, 'Console', { assumedBy: new iam.SamlConsolePrincipal(saml) });
    new iam.Role(scope, 'Scheduler', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': ENV.account },
      }),
    });
  },
  // EventBridge Scheduler: queue, state machine, Fargate task and event bus targets, a DLQ.
  Scheduler: (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    const group = new scheduler.ScheduleGroup(scope, 'Group');
    const every = scheduler.ScheduleExpression.rate(Duration.hours(1));
    new scheduler.Schedule(scope, 'Send', {
      schedule: every,
      scheduleGroup: group,
      target: new schedulerTargets.SqsSendMessage(queue, { deadLetterQueue: new sqs.Queue(scope, 'Dlq') }),
    });
    new scheduler.Schedule(scope, 'Start', {
      schedule: every,
      target: new schedulerTargets.StepFunctionsStartExecution(machine, {}),
    });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
    });
    new scheduler.Schedule(scope, 'Run', {
      schedule: every,
      target: new schedulerTargets.EcsRunFargateTask(new ecs.Cluster(scope, 'Cluster', { vpc: sharedVpc(scope) }), {
        taskDefinition: task,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      }),
    });
    new scheduler.Schedule(scope, 'Put', {
      schedule: every,
      target: new schedulerTargets.EventBridgePutEvents(
        {
          eventBus: new events.EventBus(scope, 'Bus'),
          source: 'shop',
          detailType: 'tick',
          detail: scheduler.ScheduleTargetInput.fromObject({}),
        },
        {},
      ),
    });
  },
  // Step Functions tasks and grants the other audits do not use.
  SfnMore: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const key = { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.pk')) };
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.DynamoGetItem(scope, 'Get', { table, key })
          .next(
            new tasks.DynamoUpdateItem(scope, 'Update', {
              table,
              key,
              updateExpression: 'SET seen = :t',
              expressionAttributeValues: { ':t': tasks.DynamoAttributeValue.fromBoolean(true) },
            }),
          )
          .next(new tasks.DynamoDeleteItem(scope, 'Delete', { table, key }))
          .next(
            new tasks.SnsPublish(scope, 'Publish', {
              topic: new sns.Topic(scope, 'Topic'),
              message: sfn.TaskInput.fromText('done'),
            }),
          )
          .next(
            new tasks.EventBridgePutEvents(scope, 'Emit', {
              entries: [
                {
                  eventBus: new events.EventBus(scope, 'Bus'),
                  source: 'shop',
                  detailType: 'done',
                  detail: sfn.TaskInput.fromObject({}),
                },
              ],
            }),
          ),
      ),
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(new kms.Key(scope, 'Key')),
    });
    machine.grantStartExecution(lambdaRole(scope, 'Starter'));
    machine.grantRead(lambdaRole(scope, 'Reader'));
    machine.grantExecution(lambdaRole(scope, 'Stopper'), 'states:StopExecution');
    machine.grantStartSyncExecution(lambdaRole(scope, 'SyncStarter'));
  },
  // An encrypted queue and an encrypted topic: a topic publishes to the queue.
  EncryptedMessaging: (scope) => {
    const queue = new sqs.Queue(scope, 'Queue', { encryptionMasterKey: new kms.Key(scope, 'QueueKey') });
    const topic = new sns.Topic(scope, 'Topic', { masterKey: new kms.Key(scope, 'TopicKey') });
    topic.addSubscription(new subscriptions.SqsSubscription(queue, { deadLetterQueue: new sqs.Queue(scope, 'Dlq') }));
    topic.grantPublish(lambdaRole(scope, 'Publisher'));
  },
  // CloudFront with an origin access identity (the older idiom), S3 inventories to another bucket.
  S3Idioms: (scope) => {
    const site = new s3.Bucket(scope, 'Site');
    new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessIdentity(site) },
    });
    const reports = new s3.Bucket(scope, 'Reports');
    new s3.Bucket(scope, 'Data', {
      inventories: [{ destination: { bucket: reports, prefix: 'inventory' }, frequency: s3.InventoryFrequency.DAILY }],
    });
    new s3.Bucket(scope, 'Shared').grantRead(new iam.AccountPrincipal(PARTNER_ACCOUNT));
  },
  // Resources shared with a trusted account through their resource policies.
  SharedWithPartner: (scope) => {
    const partner = new iam.AccountPrincipal(PARTNER_ACCOUNT);
    new events.EventBus(scope, 'Bus').grantPutEventsTo(partner, 'Partner');
    new sns.Topic(scope, 'Topic').grantSubscribe(partner);
    new sqs.Queue(scope, 'Queue').grantConsumeMessages(partner);
    new s3.Bucket(scope, 'Bucket', { encryption: s3.BucketEncryption.KMS }).grantRead(partner);
  },
  // Grants on one resource each, and the actions that only accept `*`.
  PlainGrants: (scope) => {
    const role = lambdaRole(scope, 'Role');
    cloudwatch.Metric.grantPutMetricData(role);
    new logs.LogGroup(scope, 'Logs').grantRead(role);
    new ssm.StringParameter(scope, 'Param', { stringValue: 'v1' }).grantWrite(role);
    new ecr.Repository(scope, 'Repo').grantPullPush(role);
    new kinesis.Stream(scope, 'Stream', { encryption: kinesis.StreamEncryption.KMS }).grantReadWrite(role);
    const table = new dynamodb.TableV2(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      dynamoStream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    table.grantReadWriteData(role);
    table.grantStreamRead(role);
    new ses.EmailIdentity(scope, 'Sender', { identity: ses.Identity.domain('shop.example.com') }).grantSendEmail(role);
    new sfn.Activity(scope, 'Approval').grant(role, 'states:SendTaskSuccess');
    new s3assets.Asset(scope, 'Schema', { path: `${__dirname}/construct-apps.graphql` }).grantRead(role);
  },
  // An instance configured by CloudFormation init, signalling its stack.
  Ec2Init: (scope) => {
    new ec2.Instance(scope, 'Web', {
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-0123456789abcdef0' }),
      init: ec2.CloudFormationInit.fromElements(ec2.InitFile.fromString('/etc/shop.conf', 'mode=prod')),
      initOptions: { timeout: Duration.minutes(10) },
    });
  },
  // ECS: an image from a private registry with credentials, a role that may run the task.
  EcsExtras: (scope) => {
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('registry.example.com/shop/app:1', {
        credentials: new secretsmanager.Secret(scope, 'RegistryLogin'),
      }),
    });
    task.grantRun(lambdaRole(scope, 'Runner'));
  },
  // Log deliveries: a VPC flow log to S3, a trail encrypted with a key of the stack.
  LogDelivery: (scope) => {
    const vpc = sharedVpc(scope);
    vpc.addFlowLog('ToS3', { destination: ec2.FlowLogDestination.toS3(new s3.Bucket(scope, 'FlowLogs')) });
    new cloudtrail.Trail(scope, 'Trail', { encryptionKey: new kms.Key(scope, 'TrailKey') });
  },
  // Step Functions: an HTTP endpoint through a connection, a Batch job, a child execution.
  SfnTasks: (scope) => {
    const connection = new events.Connection(scope, 'Connection', {
      authorization: events.Authorization.apiKey('x-api-key', SecretValue.unsafePlainText('key')),
    });
    const compute = new batch.FargateComputeEnvironment(scope, 'Compute', {
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const queue = new batch.JobQueue(scope, 'JobQueue', {
      computeEnvironments: [{ computeEnvironment: compute, order: 1 }],
    });
    const job = new batch.EcsJobDefinition(scope, 'Job', {
      container: new batch.EcsFargateContainerDefinition(scope, 'Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
        cpu: 0.25,
        memory: Size.mebibytes(512),
      }),
    });
    const child = new sfn.StateMachine(scope, 'Child', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.HttpInvoke(scope, 'Call', {
          apiRoot: 'https://partner.example.com',
          apiEndpoint: sfn.TaskInput.fromText('/orders'),
          method: sfn.TaskInput.fromText('POST'),
          connection,
        })
          .next(
            new tasks.BatchSubmitJob(scope, 'Batch', {
              jobDefinitionArn: job.jobDefinitionArn,
              jobName: 'nightly',
              jobQueueArn: queue.jobQueueArn,
            }),
          )
          .next(
            new tasks.StepFunctionsStartExecution(scope, 'Child Run', {
              stateMachine: child,
              associateWithParent: true,
            }),
          ),
      ),
    });
  },
  // Route 53: a role of the partner account may create the delegation records of subdomains.
  ZoneDelegation: (scope) => {
    const zone = new route53.PublicHostedZone(scope, 'Zone', { zoneName: 'shop.example.com' });
    const delegation = new iam.Role(scope, 'Delegation', {
      assumedBy: new iam.AccountPrincipal(PARTNER_ACCOUNT),
      externalIds: ['shop-dns-3c9e'],
    });
    zone.grantDelegation(delegation);
  },
  // AwsCustomResource with ANY_RESOURCE for an action that only accepts `*`.
  DescribeAnyResource: (scope) => {
    new cr.AwsCustomResource(scope, 'Azs', {
      onUpdate: {
        service: 'EC2',
        action: 'describeAvailabilityZones',
        physicalResourceId: cr.PhysicalResourceId.of('azs'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
  },
  // Cognito: a function that adds users to groups, a custom email sender with its key.
  CognitoExtras: (scope) => {
    const pool = new cognito.UserPool(scope, 'Users', {
      customSenderKmsKey: new kms.Key(scope, 'SenderKey'),
      lambdaTriggers: { customEmailSender: inlineFunction(scope, 'Sender') },
    });
    pool.grant(lambdaRole(scope, 'Admin'), 'cognito-idp:AdminAddUserToGroup');
  },
  // RDS: an instance importing from and exporting to buckets, with enhanced monitoring.
  RdsExtras: (scope) => {
    new rds.DatabaseInstance(scope, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      storageEncrypted: true,
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      s3ImportBuckets: [new s3.Bucket(scope, 'Imports')],
      s3ExportBuckets: [new s3.Bucket(scope, 'Exports')],
      monitoringInterval: Duration.seconds(60),
    });
  },
  // CloudFront in front of a function URL and of a KMS-encrypted bucket, with origin access control.
  CloudFrontOac: (scope) => {
    const url = inlineFunction(scope, 'Fn').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    const bucket = new s3.Bucket(scope, 'Assets', { encryptionKey: new kms.Key(scope, 'Key') });
    new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: { origin: origins.FunctionUrlOrigin.withOriginAccessControl(url) },
      additionalBehaviors: {
        'assets/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
      },
    });
  },
  // Data shared with a trusted account through resource policies of a stream and a table; a
  // log destination another account subscribes to.
  ResourcePolicies: (scope) => {
    const partner = new iam.AccountPrincipal(PARTNER_ACCOUNT);
    new kinesis.Stream(scope, 'Stream').grantRead(partner);
    new dynamodb.TableV2(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grantReadData(partner);
    const stream = new kinesis.Stream(scope, 'Logs');
    const role = new iam.Role(scope, 'LogsRole', { assumedBy: new iam.ServicePrincipal('logs.amazonaws.com') });
    stream.grantWrite(role);
    const destination = new logs.CrossAccountDestination(scope, 'Destination', {
      targetArn: stream.streamArn,
      role,
    });
    destination.addToPolicy(
      new iam.PolicyStatement({
        principals: [partner],
        actions: ['logs:PutSubscriptionFilter'],
        resources: [destination.destinationArn],
      }),
    );
  },
  // Lambda with Insights, an MSK event source, a Firehose stream it writes (direct put, a key).
  LambdaExtras: (scope) => {
    const fn = inlineFunction(scope, 'Fn', {
      insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_333_0,
    });
    fn.addEventSource(
      new sources.ManagedKafkaEventSource({
        clusterArn: `arn:aws:kafka:${ENV.region}:${ENV.account}:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1`,
        topic: 'orders',
        startingPosition: lambda.StartingPosition.LATEST,
      }),
    );
    const delivery = new firehose.DeliveryStream(scope, 'Delivery', {
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Lake')),
      encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(scope, 'Key')),
    });
    delivery.grantPutRecords(fn);
  },
  // CodePipeline V2: a manual approval that notifies a topic, a state machine invoked, a commands action.
  PipelineActions: (scope) => {
    const source = new codepipeline.Artifact();
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    new codepipeline.Pipeline(scope, 'Pipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new cpactions.S3SourceAction({
              actionName: 'Source',
              bucket: new s3.Bucket(scope, 'Sources', { versioned: true }),
              bucketKey: 'app.zip',
              output: source,
            }),
          ],
        },
        {
          stageName: 'Approve',
          actions: [
            new cpactions.ManualApprovalAction({
              actionName: 'Approve',
              notificationTopic: new sns.Topic(scope, 'Approvals'),
            }),
          ],
        },
        {
          stageName: 'Run',
          actions: [
            new cpactions.StepFunctionInvokeAction({ actionName: 'Invoke', stateMachine: machine }),
            new cpactions.CommandsAction({ actionName: 'Test', input: source, commands: ['npm test'] }),
          ],
        },
      ],
    });
  },
  // EventBridge: a Firehose target, a Batch job target.
  EventTargetsMore: (scope) => {
    const stream = new firehose.DeliveryStream(scope, 'Delivery', {
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Events')),
    });
    new events.Rule(scope, 'Rule', {
      eventPattern: { source: ['shop.orders'] },
      targets: [new targets.FirehoseDeliveryStream(stream)],
    });
  },
  // A state machine logging to CloudWatch Logs, encrypted with a key of the stack, named.
  SfnEncryptedLogs: (scope) => {
    const key = new kms.Key(scope, 'Key');
    new sfn.StateMachine(scope, 'Machine', {
      stateMachineName: 'checkout',
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key),
      logs: { destination: new logs.LogGroup(scope, 'Logs', { encryptionKey: key }), level: sfn.LogLevel.ERROR },
    });
  },
  // A REST API with its account-wide CloudWatch role; an ASG with a role and a launch template.
  Misc: (scope) => {
    new apigateway.RestApi(scope, 'Api', { cloudWatchRole: true }).root.addMethod('GET');
    new ec2.LaunchTemplate(scope, 'Template', {
      role: new iam.Role(scope, 'InstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }),
      machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-0123456789abcdef0' }),
    });
    new sns.Topic(scope, 'Logged', {
      loggingConfigs: [
        {
          protocol: sns.LoggingProtocol.SQS,
          failureFeedbackRole: new iam.Role(scope, 'Feedback', {
            assumedBy: new iam.ServicePrincipal('sns.amazonaws.com'),
            managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonSNSRole')],
          }),
        },
      ],
    });
  },
  // An imported alias granted to a role (the recommended flag: on the keys the alias names).
  ImportedAlias: (scope) => {
    scope.node.setContext('@aws-cdk/aws-kms:applyImportedAliasPermissionsToPrincipal', true);
    kms.Alias.fromAliasName(scope, 'Alias', 'alias/shop-data').grantDecrypt(lambdaRole(scope, 'Reader'));
  },
  // IAM-authorized APIs: an HTTP API route, a REST API method, an EventBridge target.
  ApiExecute: (scope) => {
    const http = new apigwv2.HttpApi(scope, 'Http', { defaultAuthorizer: new authorizers.HttpIamAuthorizer() });
    const [route] = http.addRoutes({
      path: '/orders',
      methods: [apigwv2.HttpMethod.GET],
      integration: new integrations.HttpUrlIntegration('Backend', 'https://backend.example.com/orders'),
    });
    route?.grantInvoke(lambdaRole(scope, 'HttpCaller'));
    const rest = new apigateway.RestApi(scope, 'Rest', { cloudWatchRole: false });
    const method = rest.root.addMethod('POST', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
    });
    method.grantExecute(lambdaRole(scope, 'RestCaller'));
    new events.Rule(scope, 'Rule', {
      eventPattern: { source: ['shop.orders'] },
      targets: [new targets.ApiGateway(rest, { path: '/', method: 'POST' })],
    });
  },
  // Web identity federation with Google (an audience condition), a role trusting a partner's
  // principals of the organization and letting them pass session tags.
  Federation: (scope) => {
    new iam.Role(scope, 'Google', {
      assumedBy: new iam.WebIdentityPrincipal('accounts.google.com', {
        StringEquals: { 'accounts.google.com:aud': '123456789012-abc.apps.googleusercontent.com' },
      }),
    });
    new iam.Role(scope, 'Tagged', {
      assumedBy: new iam.SessionTagsPrincipal(
        new iam.AccountPrincipal(PARTNER_ACCOUNT).withConditions({
          StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION },
        }),
      ),
      externalIds: ['shop-tagged-5d1e'],
    });
  },
  // Step Functions creating a schedule (passes the schedule's role), an SDK call in another region.
  SfnSchedulesAndRegions: (scope) => {
    const role = new iam.Role(scope, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    const queue = new sqs.Queue(scope, 'Queue');
    queue.grantSendMessages(role);
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.EventBridgeSchedulerCreateScheduleTask(scope, 'Schedule', {
          scheduleName: 'reminder',
          schedule: tasks.Schedule.oneTime(new Date(Date.UTC(2027, 0, 1))),
          target: new tasks.EventBridgeSchedulerTarget({ arn: queue.queueArn, role }),
        }).next(
          new tasks.CallAwsServiceCrossRegion(scope, 'Describe', {
            service: 'dynamodb',
            action: 'describeTable',
            parameters: { TableName: 'orders' },
            iamResources: [`arn:aws:dynamodb:us-east-1:${ENV.account}:table/orders`],
            region: 'us-east-1',
          }),
        ),
      ),
    });
  },
  // AppSync resolving through EventBridge and a Step Functions HTTP data source signed with IAM.
  AppSyncMore: (scope) => {
    const api = new appsync.GraphqlApi(scope, 'Api', {
      name: 'shop-events',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/construct-apps.graphql`)),
    });
    api.addEventBridgeDataSource('Bus', new events.EventBus(scope, 'Bus'));
    const machine = new sfn.StateMachine(scope, 'Machine', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    const http = api.addHttpDataSource('Sfn', `https://states.${ENV.region}.amazonaws.com`, {
      authorizationConfig: { signingRegion: ENV.region, signingServiceName: 'states' },
    });
    machine.grantStartSyncExecution(http);
  },
  // Deny statements with `Principal: *`: TLS only, a minimum TLS version, recovery points kept.
  Denies: (scope) => {
    new s3.Bucket(scope, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    new sqs.Queue(scope, 'Queue', { enforceSSL: true });
    new sns.Topic(scope, 'Topic', { enforceSSL: true });
    new backup.BackupVault(scope, 'Vault', { blockRecoveryPointDeletion: true });
  },
  // VPC endpoint policies: `Principal: *` limited to one bucket, to one table.
  VpcEndpoints: (scope) => {
    const vpc = sharedVpc(scope);
    const bucket = new s3.Bucket(scope, 'Bucket');
    const s3Endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    const sqsEndpoint = vpc.addInterfaceEndpoint('Sqs', {
      service: ec2.InterfaceVpcEndpointAwsService.SQS,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    sqsEndpoint.addToPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [new sqs.Queue(scope, 'Queue').queueArn],
      }),
    );
  },
  // An instance whose user data downloads from a bucket (grants the instance role read).
  InstanceUserData: (scope) => {
    const instance = new ec2.Instance(scope, 'Web', {
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-0123456789abcdef0' }),
      requireImdsv2: true,
    });
    const bucket = new s3.Bucket(scope, 'Scripts');
    instance.userData.addS3DownloadCommand({ bucket, bucketKey: 'boot.sh' });
    bucket.grantRead(instance);
  },
  // Resources shared with the organization; a topic S3 publishes to, scoped as AWS documents it.
  OrgShares: (scope) => {
    const org = new iam.OrganizationPrincipal(ORGANIZATION);
    new events.EventBus(scope, 'Bus').grantPutEventsTo(org, 'Organization');
    new sqs.Queue(scope, 'Queue').grantSendMessages(org);
    const bucket = new s3.Bucket(scope, 'Bucket');
    new sns.Topic(scope, 'Topic').grantPublish(
      new iam.ServicePrincipal('s3.amazonaws.com').withConditions({
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': ENV.account },
      }),
    );
  },
  // CodeBuild: an image from ECR, an S3 cache, logs to S3.
  CodeBuildImages: (scope) => {
    const logsBucket = new s3.Bucket(scope, 'BuildLogs');
    new codebuild.Project(scope, 'Project', {
      environment: {
        buildImage: codebuild.LinuxBuildImage.fromEcrRepository(new ecr.Repository(scope, 'Images'), 'builder'),
        privileged: true,
      },
      cache: codebuild.Cache.bucket(new s3.Bucket(scope, 'Cache')),
      logging: { s3: { bucket: logsBucket, prefix: 'builds' } },
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
    });
  },
  // Near misses: a permission for any principal limited to the account's services, a domain
  // open only to the public addresses of the corporate network (its policy set by a custom resource).
  NearMisses: (scope) => {
    inlineFunction(scope, 'Fn').addPermission('AccountServices', {
      principal: new iam.AnyPrincipal(),
      sourceAccount: ENV.account,
    });
    inlineFunction(scope, 'Uploads').addPermission('S3', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceAccount: ENV.account,
    });
    new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
      accessPolicies: [
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['es:ESHttpGet'],
          resources: [`arn:aws:es:${ENV.region}:${ENV.account}:domain/shop-search/*`],
          conditions: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        }),
      ],
    });
  },
};

/** The survey idioms app: one stack, one scope per case. */
export function surveyApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey', { env: ENV });
  for (const [id, build] of Object.entries(SURVEY_IDIOMS)) build(new Construct(stack, id));
  return app;
}

/** Real risks planted into the same constructs, one per scope of the `SurveyRisks` stack. */
const SURVEY_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A CodeBuild project that may pass any role.
  CodeBuildPassRole: (scope) => {
    const project = new codebuild.PipelineProject(scope, 'Project');
    project.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  },
  // GitHub Actions through OpenIdConnectPrincipal: no `sub`, and a `sub` of every repository of the org.
  GithubOidc: (scope) => {
    const github = new iam.OpenIdConnectProvider(scope, 'Github', {
      url: 'https://token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com'],
    });
    new iam.Role(scope, 'NoSub', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
    });
    new iam.Role(scope, 'AnyRepo', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
      }),
    });
  },
  // A function URL without authentication on an alias; a permission for every principal.
  PublicFunction: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    new lambda.Alias(scope, 'Live', { aliasName: 'live', version: fn.currentVersion }).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
    });
    inlineFunction(scope, 'Open').addPermission('Anyone', { principal: new iam.AnyPrincipal() });
  },
  // A bucket readable by anyone: `publicReadAccess`, and `grantPublicAccess` on a prefix.
  PublicBucket: (scope) => {
    new s3.Bucket(scope, 'Site', {
      publicReadAccess: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
    });
    new s3.Bucket(scope, 'Downloads', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY }).grantPublicAccess(
      'public/*',
    );
  },
  // A function a service of any account may invoke: the ALB target and a hand-written permission.
  ServiceDeputy: (scope) => {
    const listener = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc: sharedVpc(scope) }).addListener('Http', {
      port: 80,
    });
    listener.addTargets('Fn', { targets: [new elbTargets.LambdaTarget(inlineFunction(scope, 'Fn'))] });
    inlineFunction(scope, 'Hook').addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
  },
  // A key and a secret any principal may use.
  PublicKeyAndSecret: (scope) => {
    const key = new kms.Key(scope, 'Key');
    key.grantDecrypt(new iam.AnyPrincipal());
    new secretsmanager.Secret(scope, 'Secret', { encryptionKey: key }).grantRead(new iam.AnyPrincipal());
  },
  // A key shared with an account the configuration does not trust.
  UntrustedAccount: (scope) => {
    new kms.Key(scope, 'Key').grantEncryptDecrypt(new iam.AccountPrincipal('999988887777'));
  },
  // AwsCustomResource with ANY_RESOURCE for a write: any bucket's policy.
  CustomResourceWrite: (scope) => {
    new cr.AwsCustomResource(scope, 'OpenBucket', {
      onCreate: {
        service: 'S3',
        action: 'putBucketPolicy',
        parameters: {
          Bucket: 'shop-site',
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-site/*' },
            ],
          }),
        },
        physicalResourceId: cr.PhysicalResourceId.of('policy'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
  },
  // A Glue job role with AmazonS3FullAccess.
  GlueS3Full: (scope) => {
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'),
      ],
    });
    new glue.CfnJob(scope, 'Job', {
      role: role.roleArn,
      command: { name: 'glueetl', scriptLocation: 's3://shop-scripts/etl.py' },
    });
  },
  // API Gateway of any account may invoke the function (no source ARN).
  ApiGatewayInvoke: (scope) => {
    inlineFunction(scope, 'Fn').grantInvoke(new iam.ServicePrincipal('apigateway.amazonaws.com'));
  },
  // A role an untrusted account may assume (with an external id all the same).
  UntrustedTrust: (scope) => {
    new iam.Role(scope, 'Role', {
      assumedBy: new iam.AccountPrincipal('999988887777'),
      externalIds: ['vendor-1a2b'],
    });
  },
  // A file system any principal may mount and write, through a mount target or not.
  EfsOpen: (scope) => {
    const fs = new efs.FileSystem(scope, 'Files', {
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    fs.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      }),
    );
    // A grant adds aws-cdk-lib's default statement (clients through the mount targets) after it.
    fs.grantRead(lambdaRole(scope, 'Reader'));
  },
  // Google federation without the application's client id: any Google account, via any application.
  GoogleAnyApp: (scope) => {
    new iam.Role(scope, 'Role', { assumedBy: new iam.WebIdentityPrincipal('accounts.google.com') });
  },
  // Resources opened to everyone through grants: repository, topic subscriptions, an IAM-auth URL.
  GrantsToAnyone: (scope) => {
    const anyone = new iam.AnyPrincipal();
    new ecr.Repository(scope, 'Images').grantPull(anyone);
    new sns.Topic(scope, 'Topic').grantSubscribe(anyone);
    inlineFunction(scope, 'Fn').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM }).grantInvokeUrl(anyone);
  },
  // A domain every principal may query from any address.
  OpenDomain: (scope) => {
    new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
      accessPolicies: [
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['es:ESHttp*'],
          resources: [`arn:aws:es:${ENV.region}:${ENV.account}:domain/shop-open/*`],
        }),
      ],
    });
  },
  // Escalation through services: run any task or build with any role, assume any role.
  ServiceEscalation: (scope) => {
    const role = lambdaRole(scope, 'Role');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:RunTask', 'iam:PassRole'], resources: ['*'] }));
    lambdaRole(scope, 'Hopper').addToPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] }));
  },
  // A secret read by a role of an account the configuration does not trust.
  UntrustedReader: (scope) => {
    new secretsmanager.Secret(scope, 'Secret', { encryptionKey: new kms.Key(scope, 'Key') }).grantRead(
      iam.Role.fromRoleArn(scope, 'Reader', 'arn:aws:iam::999988887777:role/reader'),
    );
  },
};

/** The survey risks app: one stack, one scope per case. */
export function surveyRisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'SurveyRisks', { env: ENV });
  for (const [id, build] of Object.entries(SURVEY_RISKS)) build(new Construct(stack, id));
  return app;
}
