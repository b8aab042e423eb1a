/**
 * CDK apps wiring IAM through constructs that idiom-apps.ts does not cover: Step Functions tasks
 * (SDK calls, Bedrock, Glue, CodeBuild, nested state machines), EventBridge targets with roles,
 * Pipes, cross-account CodePipeline deploy actions, ECS task/execution roles, EKS (masters role,
 * IRSA), Glue, Firehose, AppSync, Cognito identity pools, the custom resource frameworks, imported
 * and immutable roles, cross-stack grants, `Grant.addToPrincipalOrResource` and conditioned
 * statements. Each case lives under its own scope (`Constructs/<Case>`) so that a finding names
 * the case it belongs to. Few apps, each synthesized once per test.
 */
import { App, CfnJson, Duration, Stack, Stage } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const TOOLS_ACCOUNT = '222233334444';
const PROD_ACCOUNT = '444455556666';

const CONSTRUCTS_STACK = 'Constructs';

function stateMachine(scope: Construct, id: string, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, id, { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
}

/** The idiom cases: each builds least-privilege constructs under `scope`. */
const CONSTRUCT_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // CallAwsService scoped to the resources it touches (the documented way).
  SfnSdkScoped: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const bucket = new s3.Bucket(scope, 'Bucket');
    stateMachine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'Describe', {
        service: 'dynamodb',
        action: 'describeTable',
        parameters: { TableName: table.tableName },
        iamResources: [table.tableArn],
      }).next(
        new tasks.CallAwsService(scope, 'GetObject', {
          service: 's3',
          action: 'getObject',
          parameters: { Bucket: bucket.bucketName, Key: sfn.JsonPath.stringAt('$.key') },
          iamResources: [bucket.arnForObjects('*')],
        }),
      ),
    );
  },
  // A Bedrock model invoked from a state machine; a nested state machine; a Glue job; a build.
  SfnServiceTasks: (scope) => {
    const model = bedrock.FoundationModel.fromFoundationModelId(
      scope,
      'Model',
      bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1,
    );
    const child = stateMachine(scope, 'Child', new sfn.Pass(scope, 'Noop'));
    const project = new codebuild.Project(scope, 'Project', {
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['echo hi'] } } }),
    });
    const topic = new sqs.Queue(scope, 'Done');
    stateMachine(
      scope,
      'Machine',
      new tasks.BedrockInvokeModel(scope, 'Summarize', {
        model,
        body: sfn.TaskInput.fromObject({ inputText: sfn.JsonPath.stringAt('$.text') }),
        resultSelector: { summary: sfn.JsonPath.stringAt('$.Body.results[0].outputText') },
      })
        .next(
          new tasks.StepFunctionsStartExecution(scope, 'RunChild', {
            stateMachine: child,
            integrationPattern: sfn.IntegrationPattern.RUN_JOB,
          }),
        )
        .next(new tasks.GlueStartJobRun(scope, 'Etl', { glueJobName: 'nightly-etl' }))
        .next(
          new tasks.CodeBuildStartBuild(scope, 'Build', {
            project,
            integrationPattern: sfn.IntegrationPattern.RUN_JOB,
          }),
        )
        .next(
          new tasks.SqsSendMessage(scope, 'Notify', {
            queue: topic,
            messageBody: sfn.TaskInput.fromJsonPathAt('$.summary'),
          }),
        )
        .next(new tasks.LambdaInvoke(scope, 'Callback', { lambdaFunction: inlineFunction(scope, 'Fn') })),
    );
  },
  // EventBridge targets assuming a role: a Kinesis stream, a cross-account bus, a Fargate task,
  // a CodeBuild project, a Firehose stream, an API destination.
  EventTargets: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
    });
    const stream = new kinesis.Stream(scope, 'Stream');
    const project = new codebuild.PipelineProject(scope, 'Project');
    const connection = new events.Connection(scope, 'Connection', {
      authorization: events.Authorization.apiKey(
        'x-api-key',
        secretsmanager.Secret.fromSecretNameV2(scope, 'Key', 'partner-api-key').secretValue,
      ),
    });
    const destination = new events.ApiDestination(scope, 'Destination', {
      connection,
      endpoint: 'https://partner.example.com/orders',
    });
    new events.Rule(scope, 'Rule', {
      eventPattern: { source: ['shop.orders'] },
      targets: [
        new targets.KinesisStream(stream),
        new targets.EventBus(
          events.EventBus.fromEventBusArn(
            scope,
            'Central',
            `arn:aws:events:${ENV.region}:${PROD_ACCOUNT}:event-bus/central`,
          ),
        ),
        new targets.EcsTask({
          cluster,
          taskDefinition: task,
          subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        }),
        new targets.CodeBuildProject(project),
        new targets.ApiDestination(destination),
      ],
    });
  },
  // An EventBridge pipe (L1, the way the serverless patterns wire it): SQS to a state machine.
  Pipe: (scope) => {
    const queue = new sqs.Queue(scope, 'Source');
    const machine = stateMachine(scope, 'Target', new sfn.Pass(scope, 'Noop'));
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
    queue.grantConsumeMessages(role);
    machine.grantStartExecution(role);
    new pipes.CfnPipe(scope, 'Pipe', {
      roleArn: role.roleArn,
      source: queue.queueArn,
      target: machine.stateMachineArn,
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } },
    });
  },
  // CodePipeline deploying a CloudFormation stack into another account with its own roles.
  CrossAccountDeploy: (scope) => {
    const source = new s3.Bucket(scope, 'Sources', { versioned: true });
    const sourceOutput = new codepipeline.Artifact();
    const actionRole = iam.Role.fromRoleArn(
      scope,
      'ActionRole',
      `arn:aws:iam::${PROD_ACCOUNT}:role/cdk-hnb659fds-deploy-role-${PROD_ACCOUNT}-${ENV.region}`,
      { mutable: false },
    );
    const deploymentRole = iam.Role.fromRoleArn(
      scope,
      'DeploymentRole',
      `arn:aws:iam::${PROD_ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${PROD_ACCOUNT}-${ENV.region}`,
      { mutable: false },
    );
    new codepipeline.Pipeline(scope, 'Pipeline', {
      crossAccountKeys: true,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: 'Source',
              bucket: source,
              bucketKey: 'app.zip',
              output: sourceOutput,
            }),
          ],
        },
        {
          stageName: 'Prod',
          actions: [
            new actions.CloudFormationCreateUpdateStackAction({
              actionName: 'Deploy',
              stackName: 'shop-prod',
              templatePath: sourceOutput.atPath('template.json'),
              adminPermissions: false,
              role: actionRole,
              deploymentRole,
            }),
          ],
        },
      ],
    });
  },
  // ECS on EC2 capacity with an execution role reading secrets and parameters, exec enabled.
  EcsService: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    const dbSecret = new secretsmanager.Secret(scope, 'Db');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup: new logs.LogGroup(scope, 'Logs') }),
      secrets: {
        DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
        FLAG: ecs.Secret.fromSsmParameter(ssm.StringParameter.fromStringParameterName(scope, 'Flag', '/shop/flag')),
      },
    });
    new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition: task,
      enableExecuteCommand: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  },
  // ECS on EC2 capacity: the instance role of the cluster's Auto Scaling group, the drain hook.
  EcsEc2Capacity: (scope) => {
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 }),
    });
    cluster.addCapacity('Capacity', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  },
  // A distributed map reading items from S3; a callback task answered by a function.
  SfnMapAndCallback: (scope) => {
    const bucket = new s3.Bucket(scope, 'Items');
    const worker = inlineFunction(scope, 'Worker');
    const map = new sfn.DistributedMap(scope, 'Each', {
      itemReader: new sfn.S3JsonItemReader({ bucket, key: 'items.json' }),
    });
    map.itemProcessor(new tasks.LambdaInvoke(scope, 'Process', { lambdaFunction: worker }));
    const approver = inlineFunction(scope, 'Approver');
    const machine = stateMachine(
      scope,
      'Machine',
      map.next(
        new tasks.LambdaInvoke(scope, 'Approve', {
          lambdaFunction: approver,
          integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
          payload: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
        }),
      ),
    );
    machine.grantTaskResponse(approver);
  },
  // EKS with a masters role assumable by the account's administrators, IRSA for one pod.
  Eks: (scope) => {
    const mastersRole = new iam.Role(scope, 'Masters', { assumedBy: new iam.AccountRootPrincipal() });
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      mastersRole,
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 }),
    });
    const account = cluster.addServiceAccount('Reports', { name: 'reports', namespace: 'shop' });
    new s3.Bucket(scope, 'Reports').grantRead(account);
  },
  // EKS (eks-v2, native cluster resource): an access entry for an admin role of the account's
  // SSO, EKS Pod Identity for one service account.
  EksV2: (scope) => {
    const cluster = new eksv2.Cluster(scope, 'Cluster', {
      version: eksv2.KubernetesVersion.V1_32,
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 }),
    });
    cluster.grantAccess(
      'Admins',
      `arn:aws:iam::${ENV.account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0a1b2c3d4e5f6a7b`,
      [
        eksv2.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', {
          accessScopeType: eksv2.AccessScopeType.CLUSTER,
        }),
      ],
    );
    const podRole = new iam.Role(scope, 'PodRole', {
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com'),
    });
    podRole.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({
        actions: ['sts:TagSession'],
        principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')],
      }),
    );
    new s3.Bucket(scope, 'Reports').grantRead(podRole);
    new eks.CfnPodIdentityAssociation(scope, 'Association', {
      clusterName: cluster.clusterName,
      namespace: 'shop',
      serviceAccount: 'reports',
      roleArn: podRole.roleArn,
    });
  },
  // A Bedrock agent (L1) with the service role the Bedrock documentation gives it.
  BedrockAgent: (scope) => {
    const role = new iam.Role(scope, 'AgentRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': ENV.account },
          ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${ENV.region}:${ENV.account}:agent/*` },
        },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [`arn:aws:bedrock:${ENV.region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`],
      }),
    );
    new bedrock.CfnAgent(scope, 'Agent', {
      agentName: 'shop-assistant',
      agentResourceRoleArn: role.roleArn,
      foundationModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      instruction: 'Answer questions about orders of the shop, politely and briefly.',
    });
  },
  // EventBridge: a Lambda target with a dead-letter queue and retries; an SDK call target scoped
  // by the policy statement it is given.
  EventTargetsExtras: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const service = new ecs.FargateService(scope, 'Service', {
      cluster: new ecs.Cluster(scope, 'Cluster', { vpc }),
      taskDefinition: (() => {
        const task = new ecs.FargateTaskDefinition(scope, 'Task');
        task.addContainer('App', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
        });
        return task;
      })(),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    new events.Rule(scope, 'Rule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.LambdaFunction(inlineFunction(scope, 'Fn'), {
          deadLetterQueue: new sqs.Queue(scope, 'Dlq'),
          retryAttempts: 2,
        }),
        new targets.AwsApi({
          service: 'ECS',
          action: 'updateService',
          parameters: { service: service.serviceName, cluster: service.cluster.clusterName, forceNewDeployment: true },
          policyStatement: new iam.PolicyStatement({ actions: ['ecs:UpdateService'], resources: [service.serviceArn] }),
        }),
      ],
    });
  },
  // A CodeBuild project in a VPC (network interface permissions with conditions), reading a secret.
  CodeBuildVpc: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const project = new codebuild.Project(scope, 'Project', {
      vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
      environmentVariables: {
        TOKEN: {
          type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER,
          value: new secretsmanager.Secret(scope, 'Token').secretArn,
        },
      },
    });
    new s3.Bucket(scope, 'Artifacts').grantReadWrite(project);
  },
  // ECS patterns: a load-balanced Fargate service with a task role granted a table.
  EcsPatterns: (scope) => {
    const service = new ecsPatterns.ApplicationLoadBalancedFargateService(scope, 'Web', {
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 }),
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') },
    });
    new dynamodb.Table(scope, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(service.taskDefinition.taskRole);
  },
  // S3 replication to a bucket of the same stack, encrypted with a key of the stack.
  S3Replication: (scope) => {
    const destination = new s3.Bucket(scope, 'Replica', { versioned: true });
    new s3.Bucket(scope, 'Source', {
      versioned: true,
      replicationRules: [{ destination, priority: 1 }],
    });
  },
  // AWS Backup with a plan selecting a table (the role gets the AWS managed backup policies).
  Backup: (scope) => {
    const plan = backup.BackupPlan.daily35DayRetention(scope, 'Plan');
    plan.addSelection('Tables', {
      resources: [
        backup.BackupResource.fromDynamoDbTable(
          new dynamodb.Table(scope, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }),
        ),
      ],
    });
  },
  // Aurora with the Data API and an RDS Proxy: grants to a function.
  RdsDataApiProxy: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const cluster = new rds.DatabaseCluster(scope, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      enableDataApi: true,
    });
    const fn = inlineFunction(scope, 'Fn');
    cluster.grantDataApiAccess(fn);
    const proxy = cluster.addProxy('Proxy', {
      secrets: [cluster.secret!],
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      iamAuth: true,
    });
    proxy.grantConnect(fn, 'app');
  },
  // Glue: a crawler and a job with the service role and their data.
  Glue: (scope) => {
    const lake = new s3.Bucket(scope, 'Lake');
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
    });
    lake.grantReadWrite(role);
    new glue.CfnCrawler(scope, 'Crawler', {
      role: role.roleArn,
      databaseName: 'lake',
      targets: { s3Targets: [{ path: `s3://${lake.bucketName}/raw/` }] },
    });
    new glue.CfnJob(scope, 'Job', {
      role: role.roleArn,
      command: { name: 'glueetl', scriptLocation: `s3://${lake.bucketName}/scripts/etl.py` },
    });
  },
  // Firehose from a Kinesis stream to S3, encrypted, with a processor.
  Firehose: (scope) => {
    const stream = new kinesis.Stream(scope, 'Stream');
    const bucket = new s3.Bucket(scope, 'Bucket');
    new firehose.DeliveryStream(scope, 'Delivery', {
      source: new firehose.KinesisStreamSource(stream),
      destination: new firehose.S3Bucket(bucket, {
        processors: [new firehose.LambdaFunctionProcessor(inlineFunction(scope, 'Processor'))],
        encryptionKey: new kms.Key(scope, 'Key'),
      }),
    });
  },
  // AppSync with DynamoDB and Lambda data sources, logging; a function granted a mutation.
  AppSync: (scope) => {
    const api = new appsync.GraphqlApi(scope, 'Api', {
      name: 'shop',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/construct-apps.graphql`)),
      authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
      logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR },
    });
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    api.addDynamoDbDataSource('Orders', table);
    api.addLambdaDataSource('Pricing', inlineFunction(scope, 'Pricing'));
    api.grantMutation(inlineFunction(scope, 'Writer'), 'addOrder');
  },
  // A Cognito identity pool with user-pool sign-in; the authenticated role may read one prefix.
  IdentityPool: (scope) => {
    const users = new cognito.UserPool(scope, 'Users');
    const client = users.addClient('Web');
    const pool = new identitypool.IdentityPool(scope, 'Pool', {
      authenticationProviders: {
        userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: users, userPoolClient: client })],
      },
    });
    const uploads = new s3.Bucket(scope, 'Uploads');
    pool.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [uploads.arnForObjects('private/${cognito-identity.amazonaws.com:sub}/*')],
      }),
    );
  },
  // The identity pool wired by hand (CfnIdentityPool and FederatedPrincipal), the older idiom.
  IdentityPoolL1: (scope) => {
    const pool = new cognito.CfnIdentityPool(scope, 'Pool', { allowUnauthenticatedIdentities: true });
    const principal = (amr: string): iam.FederatedPrincipal =>
      new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
        'sts:AssumeRoleWithWebIdentity',
      );
    const authenticated = new iam.Role(scope, 'Authenticated', { assumedBy: principal('authenticated') });
    const guest = new iam.Role(scope, 'Guest', { assumedBy: principal('unauthenticated') });
    new kinesis.Stream(scope, 'Telemetry').grantWrite(guest);
    new cognito.CfnIdentityPoolRoleAttachment(scope, 'Roles', {
      identityPoolId: pool.ref,
      roles: { authenticated: authenticated.roleArn, unauthenticated: guest.roleArn },
    });
  },
  // Custom resources: AwsCustomResource with fromStatements, the Provider framework with a
  // waiter, a singleton function granted a bucket.
  CustomResources: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    new cr.AwsCustomResource(scope, 'Seed', {
      onCreate: {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: { TableName: table.tableName, Item: { pk: { S: 'config' } } },
        physicalResourceId: cr.PhysicalResourceId.of('seed'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }),
      ]),
    });
    new cr.Provider(scope, 'Provider', {
      onEventHandler: inlineFunction(scope, 'OnEvent'),
      isCompleteHandler: inlineFunction(scope, 'IsComplete'),
      totalTimeout: Duration.minutes(30),
    });
    const singleton = new lambda.SingletonFunction(scope, 'Singleton', {
      uuid: 'f7d4f730-4ee1-11e8-9c2d-fa7ae01bbebc',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new s3.Bucket(scope, 'Bucket').grantRead(singleton);
  },
  // Imported and immutable roles: grants that cannot change an existing role add nothing.
  ImportedRoles: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const immutable = iam.Role.fromRoleArn(scope, 'Immutable', `arn:aws:iam::${ENV.account}:role/reporting`, {
      mutable: false,
    });
    table.grantReadData(immutable);
    const frozen = new iam.Role(scope, 'Frozen', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    table.grantReadData(frozen.withoutPolicyUpdates());
    const byName = iam.Role.fromRoleName(scope, 'ByName', 'analytics');
    new sqs.Queue(scope, 'Queue').grantSendMessages(byName);
    // A role of another account: the grant goes into the resource policy.
    const partner = iam.Role.fromRoleArn(scope, 'Partner', `arn:aws:iam::${PROD_ACCOUNT}:role/ingest`);
    new s3.Bucket(scope, 'Drop').grantPut(partner);
  },
  // Grant.addToPrincipalOrResource, the way construct libraries expose custom grants.
  CustomGrant: (scope) => {
    const key = new kms.Key(scope, 'Key');
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    iam.Grant.addToPrincipalOrResource({
      grantee: role,
      actions: ['kms:Sign', 'kms:Verify'],
      resourceArns: [key.keyArn],
      resource: key,
    });
    const queue = new sqs.Queue(scope, 'Queue');
    iam.Grant.addToPrincipalOrResource({
      grantee: new iam.AccountPrincipal(PROD_ACCOUNT),
      actions: ['sqs:SendMessage'],
      resourceArns: [queue.queueArn],
      resource: queue,
    });
  },
  // Statements with conditions: tag-based access, a region-limited `*`, requested-region, a
  // service-linked role creation limited to one service, PassRole limited by `iam:PassedToService`.
  Conditions: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const target = new iam.Role(scope, 'Target', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:StartInstances', 'ec2:StopInstances'],
        resources: [`arn:aws:ec2:${ENV.region}:${ENV.account}:instance/*`],
        conditions: { StringEquals: { 'aws:ResourceTag/team': 'shop' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [target.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [`arn:aws:iam::${ENV.account}:role/aws-service-role/ecs.amazonaws.com/*`],
        conditions: { StringLike: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'Shop' } },
      }),
    );
  },
};

/** A stack of shared roles referenced by the idioms stack (cross-stack references). */
function sharedStack(app: App): { readonly runner: iam.Role; readonly bus: events.EventBus } {
  const stack = new Stack(app, 'ConstructsShared', { env: ENV });
  const runner = new iam.Role(stack, 'Runner', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  return { runner, bus: new events.EventBus(stack, 'Bus') };
}

/**
 * The construct idioms app: a stack with one scope per case, a stack of shared roles that the
 * `CrossStack` case references, and a CDK Pipelines stack deploying a stage to another account.
 */
export function constructIdiomsApp(props: AppProps = {}): App {
  const app = new App(props);
  const shared = sharedStack(app);
  const stack = new Stack(app, CONSTRUCTS_STACK, { env: ENV });
  for (const [id, build] of Object.entries(CONSTRUCT_IDIOMS)) build(new Construct(stack, id));
  // Cross-stack: a build that passes a role of the shared stack, a function that puts events on
  // its bus, a rule of this stack on that bus.
  const crossStack = new Construct(stack, 'CrossStack');
  const deployer = new iam.Role(crossStack, 'Deployer', {
    assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
  });
  shared.runner.grantPassRole(deployer);
  shared.bus.grantPutEventsTo(inlineFunction(crossStack, 'Publisher'));
  new events.Rule(crossStack, 'Rule', {
    eventBus: shared.bus,
    eventPattern: { source: ['shop'] },
    targets: [new targets.SqsQueue(new sqs.Queue(crossStack, 'Queue'))],
  });

  // CDK Pipelines in a tools account deploying a stage to the production account.
  const delivery = new Stack(app, 'CrossAccountDelivery', { env: { account: TOOLS_ACCOUNT, region: ENV.region } });
  const pipeline = new pipelines.CodePipeline(delivery, 'Pipeline', {
    crossAccountKeys: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('acme/shop', 'main', {
        connectionArn: `arn:aws:codestar-connections:${ENV.region}:${TOOLS_ACCOUNT}:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  const prod = new Stage(delivery, 'Prod', { env: { account: PROD_ACCOUNT, region: ENV.region } });
  new sqs.Queue(new Stack(prod, 'Service'), 'Jobs');
  pipeline.addStage(prod);
  return app;
}

/** Risky patterns with the same constructs, one per scope of the `ConstructRisks` stack. */
const CONSTRUCT_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // SDK calls granted on every resource: a write, an IAM policy change, a secret read.
  SfnSdkStar: (scope) => {
    stateMachine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'Put', {
        service: 's3',
        action: 'putObject',
        parameters: { Bucket: 'shop-reports', Key: 'report.json', Body: sfn.JsonPath.stringAt('$') },
        iamResources: ['*'],
      })
        .next(
          new tasks.CallAwsService(scope, 'Attach', {
            service: 'iam',
            action: 'attachRolePolicy',
            parameters: { RoleName: sfn.JsonPath.stringAt('$.role'), PolicyArn: sfn.JsonPath.stringAt('$.policy') },
            iamResources: ['*'],
          }),
        )
        .next(
          new tasks.CallAwsService(scope, 'Secret', {
            service: 'secretsmanager',
            action: 'getSecretValue',
            parameters: { SecretId: sfn.JsonPath.stringAt('$.secret') },
            iamResources: ['*'],
          }),
        ),
    );
  },
  // AwsCustomResource changing IAM on any resource.
  CustomResourceStar: (scope) => {
    new cr.AwsCustomResource(scope, 'Attach', {
      onCreate: {
        service: 'IAM',
        action: 'attachRolePolicy',
        parameters: { RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        physicalResourceId: cr.PhysicalResourceId.of('attach'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
  },
  // A CloudFormation deploy action with admin permissions (the default of the action).
  PipelineAdmin: (scope) => {
    const source = new s3.Bucket(scope, 'Sources', { versioned: true });
    const output = new codepipeline.Artifact();
    new codepipeline.Pipeline(scope, 'Pipeline', {
      stages: [
        {
          stageName: 'Source',
          actions: [new actions.S3SourceAction({ actionName: 'Source', bucket: source, bucketKey: 'app.zip', output })],
        },
        {
          stageName: 'Deploy',
          actions: [
            new actions.CloudFormationCreateUpdateStackAction({
              actionName: 'Deploy',
              stackName: 'shop',
              templatePath: output.atPath('template.json'),
              adminPermissions: true,
            }),
          ],
        },
      ],
    });
  },
  // IRSA written by hand: a service account role without a subject, and one for every service
  // account of every namespace (conditions in a CfnJson because the issuer is a token).
  EksIrsa: (scope) => {
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 }),
    });
    const provider = cluster.openIdConnectProvider;
    new iam.Role(scope, 'AnyPod', { assumedBy: new iam.OpenIdConnectPrincipal(provider) });
    const issuer = cluster.clusterOpenIdConnectIssuer;
    const conditions = new CfnJson(scope, 'AllServiceAccounts', {
      value: { [`${issuer}:sub`]: 'system:serviceaccount:*:*', [`${issuer}:aud`]: 'sts.amazonaws.com' },
    });
    new iam.Role(scope, 'AllServiceAccountsRole', {
      assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringLike: conditions }),
    }).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
  },
  // A Cognito identity pool role without the `aud` condition: any pool of any account.
  IdentityPoolNoAud: (scope) => {
    new iam.Role(scope, 'Authenticated', {
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
  },
  // Grants to everyone written as an ARN principal and a star principal.
  StarGrants: (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    iam.Grant.addToPrincipalOrResource({
      grantee: new iam.ArnPrincipal('*'),
      actions: ['sqs:SendMessage'],
      resourceArns: [queue.queueArn],
      resource: queue,
    });
    new sns.Topic(scope, 'Topic').grantPublish(new iam.StarPrincipal());
  },
  // Conditions that do not narrow: PassRole on `*` to one service, a tag condition on `*`.
  WeakConditions: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: ['*'],
        conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
        resources: ['*'],
        // The Region IAM answers every call in: a test of the stack's own Region would allow no IAM call.
        conditions: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      }),
    );
  },
  // IAM writes on `*` allowed in the stack's own Region only: IAM answers every call in us-east-1,
  // so they are allowed nowhere and open no escalation path.
  StackRegionIam: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': ENV.region } },
      }),
    );
  },
  // A function any bucket of any account may invoke through S3 (no source ARN or account).
  ServiceInvoke: (scope) => {
    inlineFunction(scope, 'Handler').grantInvoke(new iam.ServicePrincipal('s3.amazonaws.com'));
  },
  // An AwsApi event target without a policy statement: the action on every resource.
  AwsApiDefault: (scope) => {
    new events.Rule(scope, 'Rule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.AwsApi({
          service: 'ECS',
          action: 'updateService',
          parameters: { service: 'web', cluster: 'shop', forceNewDeployment: true },
        }),
      ],
    });
  },
};

/** The risky construct app: one stack, one scope per case. */
export function constructRisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'ConstructRisks', { env: ENV });
  for (const [id, build] of Object.entries(CONSTRUCT_RISKS)) build(new Construct(stack, id));
  return app;
}
