/**
 * The twenty-third survey: constructs of aws-cdk-lib the earlier surveys left out. EventBridge
 * Scheduler schedule-group grants and a schedule with a key of its own; a Firehose stream to an
 * HTTP endpoint (its key in a secret, a backup bucket); an AppSync merged API, an Events API with
 * Lambda and DynamoDB handlers, an Aurora data source; ECS patterns with several target groups and
 * a scheduled EC2 task; Step Functions tasks (Glue crawler, CodeBuild batch, Athena results,
 * SageMaker model and endpoint); CodePipeline actions (CodeDeploy to ECS, Elastic Beanstalk,
 * StackSets, ECR build and publish, Inspector scan, invoking another pipeline, deleting a stack);
 * an EventBridge connection with OAuth. One scope per case (`Survey23/<Case>`, `Survey23Risks/<Case>`).
 */
import * as path from 'node:path';
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'us-east-1' };

/** The schema of the GraphQL APIs of the survey, beside the apps. */
const ORDERS_SCHEMA = path.join(__dirname, 'orders.graphql');

/** The configuration of the survey: the defaults. */
export const SURVEY23_CONFIG = {} as const;

/** A pipeline of one S3 source stage, to which a case adds its stage. */
function sourcedPipeline(scope: Construct): { pipeline: codepipeline.Pipeline; source: codepipeline.Artifact } {
  const sources = new s3.Bucket(scope, 'Sources', { versioned: true });
  const source = new codepipeline.Artifact('Source');
  const pipeline = new codepipeline.Pipeline(scope, 'Pipeline', { pipelineType: codepipeline.PipelineType.V2 });
  pipeline.addStage({
    stageName: 'Source',
    actions: [
      new cpactions.S3SourceAction({ actionName: 'Source', bucket: sources, bucketKey: 'app.zip', output: source }),
    ],
  });
  return { pipeline, source };
}

/** A Fargate-ready cluster in a VPC of its own. */
function cluster(scope: Construct): ecs.Cluster {
  return new ecs.Cluster(scope, 'Cluster', { vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 }) });
}

/** Each case wires IAM the way the guides and projects do. */
export const SURVEY23_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A schedule group whose schedules a function reads, writes and deletes; a schedule of the group
  // encrypted with a key of its own, invoking a function.
  ScheduleGroupGrants: (scope) => {
    const group = new scheduler.ScheduleGroup(scope, 'Group', { scheduleGroupName: 'reports' });
    const admin = inlineFunction(scope, 'Admin');
    group.grantReadSchedules(admin);
    group.grantWriteSchedules(admin);
    group.grantDeleteSchedules(admin);
    new scheduler.Schedule(scope, 'Nightly', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }),
      scheduleGroup: group,
      key: new kms.Key(scope, 'ScheduleKey'),
      target: new schedulerTargets.LambdaInvoke(inlineFunction(scope, 'Report'), {}),
    });
  },
  // A Firehose stream to an HTTP endpoint: its access key in a secret, failed records backed up
  // to a bucket.
  FirehoseHttpEndpoint: (scope) => {
    const secret = new secretsmanager.Secret(scope, 'EndpointKey');
    new firehose.DeliveryStream(scope, 'Stream', {
      destination: new firehose.HttpEndpoint({
        endpointConfig: { url: 'https://logs.example.com/ingest', name: 'logs', secret },
        s3Backup: { bucket: new s3.Bucket(scope, 'Backup'), mode: firehose.BackupMode.FAILED },
      }),
    });
  },
  // A merged AppSync API of one source API with a local (`NONE`) data source.
  AppSyncMergedApi: (scope) => {
    const source = new appsync.GraphqlApi(scope, 'Source', {
      name: 'orders',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(ORDERS_SCHEMA)),
    });
    source.addNoneDataSource('Local');
    new appsync.GraphqlApi(scope, 'Merged', {
      name: 'merged',
      definition: appsync.Definition.fromSourceApis({ sourceApis: [{ sourceApi: source }] }),
    });
  },
  // An AppSync Events API whose channel namespace hands published events to a function and stores
  // them in a table.
  EventApiHandlers: (scope) => {
    const api = new appsync.EventApi(scope, 'Events', { apiName: 'orders-events' });
    const handler = api.addLambdaDataSource('Handler', inlineFunction(scope, 'OnPublish'));
    api.addDynamoDbDataSource(
      'Store',
      new dynamodb.TableV2(scope, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }),
    );
    api.addChannelNamespace('orders', {
      publishHandlerConfig: { dataSource: handler, direct: true },
    });
  },
  // ECS patterns with several target groups behind an application and a network load balancer.
  EcsMultipleTargetGroups: (scope) => {
    const c = cluster(scope);
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest');
    new ecsPatterns.ApplicationMultipleTargetGroupsFargateService(scope, 'Web', {
      cluster: c,
      taskImageOptions: { image, containerPorts: [80, 8080] },
      targetGroups: [{ containerPort: 80 }, { containerPort: 8080, pathPattern: '/admin/*', priority: 10 }],
    });
    new ecsPatterns.NetworkMultipleTargetGroupsFargateService(scope, 'Tcp', {
      cluster: c,
      taskImageOptions: { image, containerPorts: [7000] },
      targetGroups: [{ containerPort: 7000 }],
    });
  },
  // Step Functions tasks the earlier surveys left out: a Glue crawler run, then a CodeBuild batch
  // build.
  SfnCrawlerAndBatchBuild: (scope) => {
    const project = new codebuild.Project(scope, 'Build', {
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
    });
    const crawl = new tasks.GlueStartCrawlerRun(scope, 'Crawl', { crawlerName: 'orders' });
    const build = new tasks.CodeBuildStartBuildBatch(scope, 'BuildAll', {
      project,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(crawl.next(build)) });
  },
  // A pipeline deploying a StackSet and its instances (self-managed permissions).
  StackSetDeploy: (scope) => {
    const { pipeline, source } = sourcedPipeline(scope);
    const instances = cpactions.StackInstances.inAccounts(['444455556666'], ['us-east-1']);
    pipeline.addStage({
      stageName: 'Deploy',
      actions: [
        new cpactions.CloudFormationDeployStackSetAction({
          actionName: 'StackSet',
          stackSetName: 'guardrails',
          template: cpactions.StackSetTemplate.fromArtifactPath(source.atPath('guardrails.yaml')),
          stackInstances: instances,
          runOrder: 1,
        }),
        new cpactions.CloudFormationDeployStackInstancesAction({
          actionName: 'Instances',
          stackSetName: 'guardrails',
          stackInstances: instances,
          runOrder: 2,
        }),
      ],
    });
  },
  // A pipeline building an image into a repository, then scanning it with Amazon Inspector.
  EcrBuildAndScan: (scope) => {
    const { pipeline, source } = sourcedPipeline(scope);
    const repository = new ecr.Repository(scope, 'Images');
    pipeline.addStage({
      stageName: 'Build',
      actions: [
        new cpactions.EcrBuildAndPublishAction({
          actionName: 'Image',
          repositoryName: repository.repositoryName,
          input: source,
          runOrder: 1,
        }),
        new cpactions.InspectorEcrImageScanAction({
          actionName: 'Scan',
          repository,
          output: new codepipeline.Artifact('Scan'),
          criticalThreshold: 0,
          runOrder: 2,
        }),
      ],
    });
  },
  // A pipeline that starts another pipeline, then deletes a preview stack.
  PipelineInvokeAndDelete: (scope) => {
    const { pipeline } = sourcedPipeline(scope);
    const target = codepipeline.Pipeline.fromPipelineArn(
      scope,
      'Release',
      'arn:aws:codepipeline:us-east-1:111122223333:release',
    );
    pipeline.addStage({
      stageName: 'Next',
      actions: [
        new cpactions.PipelineInvokeAction({ actionName: 'Release', targetPipeline: target, runOrder: 1 }),
        new cpactions.CloudFormationDeleteStackAction({
          actionName: 'DeletePreview',
          stackName: 'preview',
          adminPermissions: false,
          runOrder: 2,
        }),
      ],
    });
  },
  // An EventBridge connection with OAuth client credentials and an API destination a rule calls.
  OAuthApiDestination: (scope) => {
    const connection = new events.Connection(scope, 'Connection', {
      authorization: events.Authorization.oauth({
        authorizationEndpoint: 'https://auth.example.com/oauth2/token',
        clientId: 'orders',
        clientSecret: SecretValue.secretsManager('orders-oauth'),
        httpMethod: events.HttpMethod.POST,
      }),
    });
    const destination = new events.ApiDestination(scope, 'Destination', {
      connection,
      endpoint: 'https://api.example.com/orders',
    });
    new events.Rule(scope, 'OnOrder', {
      eventPattern: { source: ['orders'] },
      targets: [new targets.ApiDestination(destination)],
    });
  },
};

/** The app of the idioms, one scope per case. */
export function survey23App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey23', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY23_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** Planted risks in the same constructs: each a reviewer refuses or asks about. */
export const SURVEY23_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // An Aurora Serverless v2 data source of an AppSync API (`addRdsDataSourceV2`): aws-cdk-lib also
  // grants `rds-data:DeleteItems`, `GetItems`, `InsertItems` and `UpdateItems`, which IAM does not have.
  AppSyncAuroraSource: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const db = new rds.DatabaseCluster(scope, 'Orders', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      enableDataApi: true,
    });
    const api = new appsync.GraphqlApi(scope, 'Api', {
      name: 'orders-sql',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(ORDERS_SCHEMA)),
    });
    const secret = db.secret;
    if (secret === undefined) throw new Error('the cluster has no secret');
    api.addRdsDataSourceV2('Aurora', db, secret, 'orders');
  },
  // A task EC2 instances of the cluster run every hour.
  ScheduledEc2Task: (scope) => {
    const c = cluster(scope);
    c.addCapacity('Instances', { instanceType: new ec2.InstanceType('t3.small'), maxCapacity: 1 });
    new ecsPatterns.ScheduledEc2Task(scope, 'Cleanup', {
      cluster: c,
      schedule: appscaling.Schedule.rate(Duration.hours(1)),
      scheduledEc2TaskImageOptions: {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
        memoryLimitMiB: 256,
      },
    });
  },
  // A pipeline deploying to ECS blue/green through CodeDeploy.
  CodeDeployEcsDeploy: (scope) => {
    const { pipeline, source } = sourcedPipeline(scope);
    const group = codedeploy.EcsDeploymentGroup.fromEcsDeploymentGroupAttributes(scope, 'Group', {
      application: codedeploy.EcsApplication.fromEcsApplicationName(scope, 'App', 'orders'),
      deploymentGroupName: 'orders-prod',
    });
    pipeline.addStage({
      stageName: 'Deploy',
      actions: [
        new cpactions.CodeDeployEcsDeployAction({
          actionName: 'BlueGreen',
          deploymentGroup: group,
          taskDefinitionTemplateInput: source,
          appSpecTemplateInput: source,
        }),
      ],
    });
  },
  // A pipeline deploying a bundle to an Elastic Beanstalk environment.
  ElasticBeanstalkDeploy: (scope) => {
    const { pipeline, source } = sourcedPipeline(scope);
    pipeline.addStage({
      stageName: 'Deploy',
      actions: [
        new cpactions.ElasticBeanstalkDeployAction({
          actionName: 'Beanstalk',
          applicationName: 'orders',
          environmentName: 'orders-prod',
          input: source,
        }),
      ],
    });
  },
  // A state machine that creates a SageMaker model and an endpoint configuration and updates an
  // endpoint; the model's role is the one aws-cdk-lib creates.
  SageMakerModelUpdate: (scope) => {
    const model = new tasks.SageMakerCreateModel(scope, 'Model', {
      modelName: 'churn',
      primaryContainer: new tasks.ContainerDefinition({
        image: tasks.DockerImage.fromRegistry('111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1'),
        modelS3Location: tasks.S3Location.fromBucket(new s3.Bucket(scope, 'Models'), 'churn/'),
      }),
    });
    const config = new tasks.SageMakerCreateEndpointConfig(scope, 'Config', {
      endpointConfigName: 'churn-v2',
      productionVariants: [
        {
          modelName: 'churn',
          variantName: 'main',
          initialInstanceCount: 1,
          instanceType: new ec2.InstanceType('m5.large'),
        },
      ],
    });
    const update = new tasks.SageMakerUpdateEndpoint(scope, 'Update', {
      endpointName: 'churn',
      endpointConfigName: 'churn-v2',
    });
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(model.next(config).next(update)),
    });
  },
  // `AthenaGetQueryResults`: aws-cdk-lib grants `athena:GetQueryResults` and `s3:GetObject` on `*`
  // (the results of every workgroup, every object of every bucket).
  AthenaQueryResults: (scope) => {
    const results = new tasks.AthenaGetQueryResults(scope, 'Results', {
      queryExecutionId: sfn.JsonPath.stringAt('$.QueryExecutionId'),
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(results) });
  },
  // A schedule group granted whole (`scheduler:*`) to a function.
  ScheduleGroupAll: (scope) => {
    const group = new scheduler.ScheduleGroup(scope, 'Group', { scheduleGroupName: 'ops' });
    group.grant(inlineFunction(scope, 'Ops'), 'scheduler:*');
  },
  // A stack deleted by a role with administrator permissions (`adminPermissions: true`).
  CfnDeleteAdmin: (scope) => {
    const { pipeline } = sourcedPipeline(scope);
    pipeline.addStage({
      stageName: 'Cleanup',
      actions: [
        new cpactions.CloudFormationDeleteStackAction({
          actionName: 'DeleteAny',
          stackName: 'preview',
          adminPermissions: true,
        }),
      ],
    });
  },
  // The API destination role widened to every destination by hand.
  AnyApiDestination: (scope) => {
    const role = new iam.Role(scope, 'EventsRole', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['events:InvokeApiDestination'], resources: ['*'] }));
  },
};

/** The app of the planted risks, one scope per case. */
export function survey23RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey23Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY23_RISKS)) make(new Construct(stack, name));
  return app;
}
