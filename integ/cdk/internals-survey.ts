/**
 * The survey of IAM that aws-cdk-lib writes on the user's behalf: constructs that create roles and
 * policies internally (singleton handlers, custom resource providers, service roles). Each case
 * lives under its own scope (`Internals/<Case>`) so that a finding names the construct it comes
 * from. One app, synthesized once per test file.
 */
import { App, CustomResource, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as apigwv2i from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as hooktargets from 'aws-cdk-lib/aws-autoscaling-hooktargets';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsdest from 'aws-cdk-lib/aws-logs-destinations';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as synthetics from 'aws-cdk-lib/aws-synthetics';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARENT_ACCOUNT = '444455556666';

/** The stack of the survey. */
const INTERNALS_STACK = 'Internals';
/** The stack of the near misses. */
const INTERNALS_NEAR_MISS_STACK = 'InternalsNearMiss';

/** One VPC for the cases of the stack (a VPC per case would pass the stack's resource limit). */
function isolatedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
}

/** The cases: each builds constructs whose IAM aws-cdk-lib writes, under `scope`. */
const INTERNALS_CASES: Readonly<Record<string, (scope: Construct) => void>> = {
  // A bucket emptied on delete, notifying a function and a topic, and EventBridge.
  S3Handlers: (scope) => {
    const bucket = new s3.Bucket(scope, 'Uploads', {
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
      eventBridgeEnabled: true,
    });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(inlineFunction(scope, 'Fn')));
    bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.SnsDestination(new sns.Topic(scope, 'Topic')));
  },
  // A VPC whose default security group is emptied, with a flow log to CloudWatch Logs.
  VpcDefaults: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: true });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs() });
  },
  // A function in a VPC.
  LambdaVpc: (scope) => {
    inlineFunction(scope, 'Fn', {
      vpc: isolatedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  },
  // A delegation record in a parent zone of another account; a record in the delegated zone.
  ZoneDelegation: (scope) => {
    const zone = new route53.PublicHostedZone(scope, 'Zone', { zoneName: 'shop.example.com' });
    const delegationRole = iam.Role.fromRoleArn(
      scope,
      'DelegationRole',
      `arn:aws:iam::${PARENT_ACCOUNT}:role/zone-delegation`,
    );
    new route53.CrossAccountZoneDelegationRecord(scope, 'Delegate', {
      delegatedZone: zone,
      parentHostedZoneName: 'example.com',
      delegationRole,
    });
    new route53.ARecord(scope, 'Www', {
      zone,
      recordName: 'www',
      target: route53.RecordTarget.fromIpAddresses('192.0.2.10'),
    });
  },
  // An Aurora cluster with enhanced monitoring, its secret rotated (the rotation application).
  RdsCluster: (scope) => {
    const cluster = new rds.DatabaseCluster(scope, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc: isolatedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql'],
      cloudwatchLogsRetention: logs.RetentionDays.ONE_MONTH,
    });
    cluster.addRotationSingleUser();
  },
  // A distributed map in a state machine with logs and tracing.
  SfnDistributedMap: (scope) => {
    const map = new sfn.DistributedMap(scope, 'Each', { maxConcurrency: 10 });
    map.itemProcessor(new sfn.Pass(scope, 'Noop'));
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      logs: { destination: new logs.LogGroup(scope, 'Logs'), level: sfn.LogLevel.ALL },
      tracingEnabled: true,
    });
  },
  // An ECS task run by a state machine (RUN_JOB).
  SfnEcsRunTask: (scope) => {
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc: isolatedVpc(scope) });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox') });
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.EcsRunTask(scope, 'Run', {
          cluster,
          taskDefinition: task,
          launchTarget: new tasks.EcsFargateLaunchTarget(),
          subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
          integrationPattern: sfn.IntegrationPattern.RUN_JOB,
        }),
      ),
    });
  },
  // ECS on EC2 through an Auto Scaling group capacity provider.
  EcsAsgCapacity: (scope) => {
    const vpc = isolatedVpc(scope);
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
    const group = new autoscaling.AutoScalingGroup(scope, 'Group', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
    });
    cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(scope, 'Provider', { autoScalingGroup: group }));
  },
  // An Auto Scaling group with lifecycle hooks to a topic and a function.
  AsgLifecycleHooks: (scope) => {
    const group = new autoscaling.AutoScalingGroup(scope, 'Group', {
      vpc: isolatedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    group.addLifecycleHook('Launch', {
      lifecycleTransition: autoscaling.LifecycleTransition.INSTANCE_LAUNCHING,
      notificationTarget: new hooktargets.TopicHook(new sns.Topic(scope, 'Topic')),
    });
    group.addLifecycleHook('Terminate', {
      lifecycleTransition: autoscaling.LifecycleTransition.INSTANCE_TERMINATING,
      notificationTarget: new hooktargets.FunctionHook(inlineFunction(scope, 'Fn')),
    });
  },
  // The provider framework with an isComplete handler (the waiter state machine) and a timeout.
  ProviderWaiter: (scope) => {
    const provider = new cr.Provider(scope, 'Provider', {
      onEventHandler: inlineFunction(scope, 'OnEvent'),
      isCompleteHandler: inlineFunction(scope, 'IsComplete'),
      queryInterval: Duration.seconds(30),
      totalTimeout: Duration.hours(1),
      logRetention: logs.RetentionDays.ONE_WEEK,
    });
    new CustomResource(scope, 'Resource', { serviceToken: provider.serviceToken });
  },
  // A trigger running a function after deploy.
  Trigger: (scope) => {
    new triggers.TriggerFunction(scope, 'Migrate', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
  },
  // A REST API with the account's CloudWatch role, and an edge function for CloudFront.
  ApiAndEdge: (scope) => {
    const api = new apigateway.RestApi(scope, 'Api', {
      cloudWatchRole: true,
      deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    new cloudfront.experimental.EdgeFunction(scope, 'Edge', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
  },
  // A repository emptied on delete; an EventBridge rule logging into a log group.
  EcrAndEventLogs: (scope) => {
    new ecr.Repository(scope, 'Repo', { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY });
    new events.Rule(scope, 'Rule', {
      eventPattern: { source: ['shop.orders'] },
      targets: [new targets.CloudWatchLogGroup(new logs.LogGroup(scope, 'Events'))],
    });
  },
  // An OpenSearch domain publishing its slow logs.
  OpenSearchLogs: (scope) => {
    new opensearch.Domain(scope, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_13,
      logging: { slowSearchLogEnabled: true, appLogEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
  // A global table with a replica in another region (the replica provider).
  DynamoReplica: (scope) => {
    new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicationRegions: ['us-east-1'],
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },

  // CodePipeline: an ECR source, an ECS deploy action, a Lambda invoke action.
  PipelineActions: (scope) => {
    const vpc = isolatedVpc(scope);
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox') });
    const service = new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition: task,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const repo = new ecr.Repository(scope, 'Repo');
    const source = new codepipeline.Artifact();
    new codepipeline.Pipeline(scope, 'Pipeline', {
      stages: [
        {
          stageName: 'Source',
          actions: [new cpactions.EcrSourceAction({ actionName: 'Image', repository: repo, output: source })],
        },
        {
          stageName: 'Deploy',
          actions: [
            new cpactions.EcsDeployAction({
              actionName: 'Ecs',
              service,
              imageFile: source.atPath('imagedefinitions.json'),
            }),
            new cpactions.LambdaInvokeAction({
              actionName: 'Smoke',
              lambda: inlineFunction(scope, 'Smoke'),
              runOrder: 2,
            }),
          ],
        },
      ],
    });
  },
  // CodeDeploy: an EC2/on-premises deployment group and a Lambda canary.
  CodeDeploy: (scope) => {
    new codedeploy.ServerDeploymentGroup(scope, 'Servers', {
      ec2InstanceTags: new codedeploy.InstanceTagSet({ app: ['shop'] }),
    });
    const fn = inlineFunction(scope, 'Fn');
    new codedeploy.LambdaDeploymentGroup(scope, 'Canary', {
      alias: new lambda.Alias(scope, 'Live', { aliasName: 'live', version: fn.currentVersion }),
      deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
    });
  },
  // AWS Batch: a managed Fargate compute environment, a job queue, a job definition.
  Batch: (scope) => {
    const env = new batch.FargateComputeEnvironment(scope, 'Env', {
      vpc: isolatedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    new batch.JobQueue(scope, 'Queue', { computeEnvironments: [{ computeEnvironment: env, order: 1 }] });
    new batch.EcsJobDefinition(scope, 'Job', {
      container: new batch.EcsFargateContainerDefinition(scope, 'Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
        memory: Size.mebibytes(512),
        cpu: 1,
      }),
    });
  },
  // A Synthetics canary.
  Canary: (scope) => {
    new synthetics.Canary(scope, 'Canary', {
      runtime: synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_9_1,
      test: synthetics.Test.custom({
        handler: 'index.handler',
        code: synthetics.Code.fromInline('exports.handler = async () => {};'),
      }),
    });
  },
  // Lambda event sources: self-managed Kafka in a VPC, a Kinesis stream, a function with Lambda Insights.
  EventSources: (scope) => {
    const vpc = isolatedVpc(scope);
    const fn = inlineFunction(scope, 'Fn', { insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_229_0 });
    fn.addEventSource(
      new sources.SelfManagedKafkaEventSource({
        bootstrapServers: ['kafka.internal:9092'],
        topic: 'orders',
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroup: new ec2.SecurityGroup(scope, 'Sg', { vpc }),
      }),
    );
    fn.addEventSource(
      new sources.KinesisEventSource(new kinesis.Stream(scope, 'Stream'), {
        startingPosition: lambda.StartingPosition.LATEST,
      }),
    );
  },
  // EC2: an instance with cfn-init and SSM session permissions; a bastion host.
  Ec2Instances: (scope) => {
    const vpc = isolatedVpc(scope);
    new ec2.Instance(scope, 'Web', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      ssmSessionPermissions: true,
      init: ec2.CloudFormationInit.fromElements(ec2.InitCommand.shellCommand('echo ok')),
    });
    new ec2.BastionHostLinux(scope, 'Bastion', {
      vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  },
  // An ALB logging to a bucket; a trail to CloudWatch Logs; a log subscription to a stream.
  LogsPlumbing: (scope) => {
    const vpc = isolatedVpc(scope);
    const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
    alb.logAccessLogs(new s3.Bucket(scope, 'AccessLogs'));
    new cloudtrail.Trail(scope, 'Trail', { sendToCloudWatchLogs: true });
    new logs.LogGroup(scope, 'App').addSubscriptionFilter('ToStream', {
      destination: new logsdest.KinesisDestination(new kinesis.Stream(scope, 'Stream')),
      filterPattern: logs.FilterPattern.allEvents(),
    });
  },
  // EventBridge Scheduler invoking a function; a scheduled Fargate task.
  Schedules: (scope) => {
    new scheduler.Schedule(scope, 'Nightly', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }),
      target: new schedulerTargets.LambdaInvoke(inlineFunction(scope, 'Fn')),
    });
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc: isolatedVpc(scope) });
    new ecsPatterns.ScheduledFargateTask(scope, 'Report', {
      cluster,
      schedule: appscaling.Schedule.cron({ hour: '3', minute: '0' }),
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      scheduledFargateTaskImageOptions: {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
        memoryLimitMiB: 512,
      },
    });
  },
  // ECS: execute command with a logging configuration.
  EcsExec: (scope) => {
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc: isolatedVpc(scope),
      executeCommandConfiguration: {
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: new logs.LogGroup(scope, 'ExecLogs') },
      },
    });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox') });
    new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition: task,
      enableExecuteCommand: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  },
  // CodeBuild: batch builds, a report group, logs to a log group.
  CodeBuildExtras: (scope) => {
    new codebuild.Project(scope, 'Project', {
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: { build: { commands: ['make'] } },
        reports: { unit: { files: ['out.xml'] } },
      }),
      logging: { cloudWatch: { logGroup: new logs.LogGroup(scope, 'BuildLogs') } },
    }).enableBatchBuilds();
  },
  // EKS v1: a managed node group, a Fargate profile, the AWS Load Balancer Controller.
  EksNodes: (scope) => {
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 }),
      albController: { version: eks.AlbControllerVersion.V2_8_2 },
    });
    cluster.addNodegroupCapacity('Nodes', { minSize: 1 });
    cluster.addFargateProfile('Jobs', { selectors: [{ namespace: 'jobs' }] });
  },

  // The existing defaults: a bucket deployment, an SDK call, a user pool sending SMS.
  KnownDefaults: (scope) => {
    new s3deploy.BucketDeployment(scope, 'Site', {
      sources: [s3deploy.Source.data('index.html', '<html></html>')],
      destinationBucket: new s3.Bucket(scope, 'Web'),
      distribution: cloudfront.Distribution.fromDistributionAttributes(scope, 'Cdn', {
        distributionId: 'E2EXAMPLE0A1B2C',
        domainName: 'd111111abcdef8.cloudfront.net',
      }),
    });
    const param = new cr.AwsCustomResource(scope, 'ReadParam', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/shop/flag' },
        physicalResourceId: cr.PhysicalResourceId.of('flag'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [`arn:aws:ssm:${ENV.region}:${ENV.account}:parameter/shop/flag`],
      }),
    });
    param.getResponseField('Parameter.Value');
    new cognito.UserPool(scope, 'Users', {
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: true, otp: false },
      signInAliases: { phone: true },
    });
  },
  // Step Functions running EMR and Athena.
  SfnAnalytics: (scope) => {
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.EmrCreateCluster(scope, 'Emr', {
          name: 'nightly',
          instances: {},
          releaseLabel: 'emr-7.2.0',
          integrationPattern: sfn.IntegrationPattern.RUN_JOB,
        }).next(
          new tasks.AthenaStartQueryExecution(scope, 'Query', {
            queryString: 'SELECT 1',
            integrationPattern: sfn.IntegrationPattern.RUN_JOB,
            resultConfiguration: { outputLocation: { bucketName: 'shop-athena-results', objectKey: 'out' } },
          }),
        ),
      ),
    });
  },
  // CloudFront in front of a bucket with origin access control, logging to a bucket.
  CloudFront: (scope) => {
    new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(scope, 'Site')) },
      enableLogging: true,
    });
  },
  // SES receipt rules that drop spam; an HTTP API starting a state machine.
  SesAndHttpApi: (scope) => {
    new ses.ReceiptRuleSet(scope, 'Rules', { dropSpam: true });
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
    });
    new apigwv2.HttpApi(scope, 'Api').addRoutes({
      path: '/start',
      methods: [apigwv2.HttpMethod.POST],
      integration: new apigwv2i.HttpStepFunctionsIntegration('Start', { stateMachine: machine }),
    });
  },
  // A VPC with a NAT instance.
  NatInstance: (scope) => {
    new ec2.Vpc(scope, 'Vpc', {
      maxAzs: 1,
      natGatewayProvider: ec2.NatProvider.instanceV2({
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      }),
    });
  },

  // CodePipeline: a CodeCommit source, a CodeBuild action, a CloudFormation deploy and an S3 deploy.
  PipelineStages: (scope) => {
    const source = new codepipeline.Artifact();
    const built = new codepipeline.Artifact();
    new codepipeline.Pipeline(scope, 'Pipeline', {
      stages: [
        {
          stageName: 'Source',
          actions: [
            new cpactions.CodeCommitSourceAction({
              actionName: 'Code',
              repository: new codecommit.Repository(scope, 'Repo', { repositoryName: 'shop' }),
              output: source,
            }),
          ],
        },
        {
          stageName: 'Build',
          actions: [
            new cpactions.CodeBuildAction({
              actionName: 'Build',
              project: new codebuild.PipelineProject(scope, 'Project'),
              input: source,
              outputs: [built],
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new cpactions.CloudFormationCreateUpdateStackAction({
              actionName: 'Stack',
              stackName: 'shop',
              templatePath: built.atPath('shop.template.json'),
              adminPermissions: false,
            }),
            new cpactions.S3DeployAction({ actionName: 'Site', bucket: new s3.Bucket(scope, 'Site'), input: built }),
          ],
        },
      ],
    });
  },
  // A SageMaker training job run by a state machine, with the role the task creates.
  SfnTraining: (scope) => {
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        new tasks.SageMakerCreateTrainingJob(scope, 'Train', {
          trainingJobName: 'nightly',
          algorithmSpecification: { algorithmName: 'BlazingText', trainingInputMode: tasks.InputMode.FILE },
          inputDataConfig: [
            {
              channelName: 'train',
              dataSource: {
                s3DataSource: {
                  s3Location: tasks.S3Location.fromBucket(new s3.Bucket(scope, 'Input'), 'train'),
                },
              },
            },
          ],
          outputDataConfig: { s3OutputLocation: tasks.S3Location.fromBucket(new s3.Bucket(scope, 'Output'), 'out') },
          resourceConfig: {
            instanceCount: 1,
            instanceType: new ec2.InstanceType('ml.m5.large'),
            volumeSize: Size.gibibytes(10),
          },
          stoppingCondition: { maxRuntime: Duration.hours(1) },
        }),
      ),
    });
  },
  // A REST API starting an express state machine; a queue worker service; a Firehose stream to S3.
  ServicePatterns: (scope) => {
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Noop')),
      stateMachineType: sfn.StateMachineType.EXPRESS,
    });
    new apigateway.StepFunctionsRestApi(scope, 'Api', { stateMachine: machine });
    new ecsPatterns.QueueProcessingFargateService(scope, 'Worker', {
      cluster: new ecs.Cluster(scope, 'Cluster', { vpc: isolatedVpc(scope) }),
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
      memoryLimitMiB: 512,
    });
    new firehose.DeliveryStream(scope, 'Stream', { destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Lake')) });
  },
};

/**
 * Near misses of the defaults, in a stack of their own (the singletons are per stack): the same
 * grants written by the user on a role of their own, and broader grants added to the roles that
 * aws-cdk-lib creates. Each must keep its finding.
 */
function nearMisses(stack: Stack): void {
  const scope = new Construct(stack, 'NearMiss');
  // A bucket deployment whose handler role is also given a write on `*`.
  const deployment = new s3deploy.BucketDeployment(scope, 'Site', {
    sources: [s3deploy.Source.data('index.html', '<html></html>')],
    destinationBucket: new s3.Bucket(scope, 'Web'),
    distribution: cloudfront.Distribution.fromDistributionAttributes(scope, 'Cdn', {
      distributionId: 'E2EXAMPLE0A1B2C',
      domainName: 'd111111abcdef8.cloudfront.net',
    }),
  });
  deployment.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
  // A bastion host whose role may also run commands on every instance.
  const bastion = new ec2.BastionHostLinux(scope, 'Bastion', {
    vpc: new ec2.Vpc(scope, 'Vpc', {
      maxAzs: 1,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
    }),
    subnetSelection: { subnetType: ec2.SubnetType.PUBLIC },
  });
  bastion.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ssm:SendCommand'], resources: ['*'] }));
  // The grants of the defaults, written by the user on a role of their own.
  const own = new iam.Role(scope, 'Own', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  own.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [table.tableArn] }));
  own.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        'ssmmessages:*',
        'ssm:UpdateInstanceInformation',
        'logs:PutRetentionPolicy',
        'cloudfront:CreateInvalidation',
        'elasticloadbalancing:RegisterTargets',
      ],
      resources: ['*'],
    }),
  );
}

/** An app of some of the cases only, in the `Internals` stack. */
export function internalsCasesApp(cases: readonly string[]): (props?: AppProps) => App {
  return (props = {}) => {
    const app = new App(props);
    const stack = new Stack(app, INTERNALS_STACK, { env: ENV });
    for (const id of cases) INTERNALS_CASES[id]?.(new Construct(stack, id));
    return app;
  };
}

/** The survey app: every case under its scope in the `Internals` stack, the near misses apart. */
export function internalsSurveyApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, INTERNALS_STACK, { env: ENV });
  for (const [id, build] of Object.entries(INTERNALS_CASES)) build(new Construct(stack, id));
  nearMisses(new Stack(app, INTERNALS_NEAR_MISS_STACK, { env: ENV }));
  return app;
}
