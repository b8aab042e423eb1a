/**
 * CDK apps written the way application teams write them, beyond the grant idioms of apps.ts:
 * one app of least-privilege idioms (services wired together by aws-cdk-lib, CDK-owned custom
 * resources, OIDC and cross-account trust done right), one app of risky patterns, each on a known
 * construct path, and two small apps with stages (CDK Pipelines, a plain `Stage`). Few apps with
 * many constructs: each is synthesized once per test.
 */
import { App, CustomResource, Duration, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as pipelines from 'aws-cdk-lib/pipelines';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER_ACCOUNT = '444455556666';
const ORGANIZATION = 'o-a1b2c3d4e5';
const GITHUB_SUB = 'repo:acme/shop:ref:refs/heads/main';

/** A small function with inline code, as the apps of the audits use them. */
export function inlineFunction(
  scope: Construct,
  id: string,
  props: Partial<lambda.FunctionProps> = {},
): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    timeout: Duration.seconds(10),
    ...props,
  });
}

/** The configuration of the idioms app: the boundary it applies is the required one. */
export const IDIOMS_CONFIG = {
  boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] },
  trust: { accounts: [PARTNER_ACCOUNT] },
} as const;

/** Services wired together the way aws-cdk-lib does it: every role here is least privilege. */
export function idiomsApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Idioms', { env: ENV });
  iam.PermissionsBoundary.of(stack).apply(
    new iam.ManagedPolicy(stack, 'Boundary', {
      managedPolicyName: 'app-boundary',
      statements: [
        new iam.PolicyStatement({ notActions: ['organizations:*', 'account:*'], resources: ['*'] }),
        // The boundary stays: no role or user of the app can remove or replace it, nor mint keys.
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: [
            'iam:DeleteRolePermissionsBoundary',
            'iam:PutRolePermissionsBoundary',
            'iam:DeleteUserPermissionsBoundary',
            'iam:PutUserPermissionsBoundary',
            'iam:CreatePolicyVersion',
            'iam:DeletePolicy',
            'iam:DeletePolicyVersion',
            'iam:SetDefaultPolicyVersion',
            'iam:CreateUser',
            'iam:CreateAccessKey',
          ],
          resources: ['*'],
        }),
      ],
    }),
  );

  // Lambda in a VPC, traced, with a dead-letter queue and three event sources.
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    stream: dynamodb.StreamViewType.NEW_IMAGE,
  });
  const jobs = new sqs.Queue(stack, 'Jobs');
  const uploads = new s3.Bucket(stack, 'Uploads');
  const worker = inlineFunction(stack, 'Worker', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    tracing: lambda.Tracing.ACTIVE,
    deadLetterQueueEnabled: true,
    // Deprecated in favour of `logGroup`, still common: the `logRetention` default is tested here.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    logRetention: logs.RetentionDays.ONE_WEEK,
  });
  worker.addEventSource(new sources.SqsEventSource(jobs));
  worker.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));
  uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(worker));
  uploads.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.SqsDestination(jobs));

  // Configuration and secrets read by the worker; a log group and a stream it writes.
  new secretsmanager.Secret(stack, 'ApiKey').grantRead(worker);
  ssm.StringParameter.fromStringParameterName(stack, 'Flag', '/shop/flag').grantRead(worker);
  new ssm.StringParameter(stack, 'Endpoint', { stringValue: 'https://example.com' }).grantRead(worker);
  new logs.LogGroup(stack, 'Audit', { removalPolicy: RemovalPolicy.DESTROY }).grantWrite(worker);
  const clicks = new kinesis.Stream(stack, 'Clicks');
  clicks.grantWrite(worker);
  worker.addEventSource(new sources.KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.LATEST }));

  // ECS Fargate: image from ECR, logs, a secret, a task role granted a queue.
  const repository = new ecr.Repository(stack, 'Images');
  const task = new ecs.FargateTaskDefinition(stack, 'Api', { cpu: 256, memoryLimitMiB: 512 });
  const container = task.addContainer('App', {
    image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api' }),
    secrets: { API_KEY: ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db')) },
  });
  jobs.grantSendMessages(task.taskRole);
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });

  // Step Functions: Lambda, DynamoDB, ECS (passes the task's roles) and SDK tasks.
  const checkout = new sfn.StateMachine(stack, 'Checkout', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: worker })
        .next(
          new tasks.DynamoPutItem(stack, 'Record', {
            table,
            item: { id: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) },
          }),
        )
        .next(
          new tasks.EcsRunTask(stack, 'Fulfil', {
            cluster,
            taskDefinition: task,
            launchTarget: new tasks.EcsFargateLaunchTarget(),
            integrationPattern: sfn.IntegrationPattern.RUN_JOB,
            subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
            containerOverrides: [{ containerDefinition: container, environment: [{ name: 'MODE', value: 'batch' }] }],
          }),
        )
        .next(
          new tasks.CallAwsService(stack, 'ListBuckets', {
            service: 's3',
            action: 'listBuckets',
            iamAction: 's3:ListAllMyBuckets',
            iamResources: ['*'],
          }),
        ),
    ),
  });

  // CodeBuild and CodePipeline.
  const sourceBucket = new s3.Bucket(stack, 'Sources', { versioned: true });
  const build = new codebuild.PipelineProject(stack, 'Build');
  const sourceOutput = new codepipeline.Artifact();
  new codepipeline.Pipeline(stack, 'Pipeline', {
    stages: [
      {
        stageName: 'Source',
        actions: [
          new actions.S3SourceAction({
            actionName: 'Source',
            bucket: sourceBucket,
            bucketKey: 'src.zip',
            output: sourceOutput,
          }),
        ],
      },
      {
        stageName: 'Build',
        actions: [new actions.CodeBuildAction({ actionName: 'Build', project: build, input: sourceOutput })],
      },
    ],
  });

  // API Gateway and EventBridge in front of the worker.
  new apigateway.LambdaRestApi(stack, 'Gateway', { handler: worker });
  const alerts = new sns.Topic(stack, 'Alerts');
  alerts.addSubscription(new subscriptions.LambdaSubscription(worker));
  alerts.addSubscription(new subscriptions.SqsSubscription(jobs));
  new events.Rule(stack, 'Nightly', {
    schedule: events.Schedule.cron({ hour: '2', minute: '0' }),
    targets: [
      new targets.LambdaFunction(worker),
      new targets.SqsQueue(jobs),
      new targets.SnsTopic(alerts),
      new targets.SfnStateMachine(checkout),
    ],
  });
  new apigateway.RestApi(stack, 'PrivateApi', {
    endpointTypes: [apigateway.EndpointType.PRIVATE],
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['execute-api:Invoke'],
          resources: ['execute-api:/*'],
          conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
        }),
      ],
    }),
  }).root.addMethod('GET', new apigateway.LambdaIntegration(worker));

  // Cognito with a trigger and SMS MFA (its SNS role).
  new cognito.UserPool(stack, 'Users', {
    lambdaTriggers: { preSignUp: inlineFunction(stack, 'PreSignUp') },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
  });

  // A static site behind CloudFront (origin access control), with access logs.
  const logsBucket = new s3.Bucket(stack, 'AccessLogs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
  const web = new s3.Bucket(stack, 'Web', { enforceSSL: true, serverAccessLogsBucket: logsBucket });
  new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(web) },
  });

  // A bucket given a public canned ACL under Block Public Access `BLOCK_ACLS_ONLY` (public ACLs ignored),
  // and a log bucket given the log delivery group's ACL: neither is public.
  new s3.Bucket(stack, 'LegacyAcl', {
    accessControl: s3.BucketAccessControl.PUBLIC_READ,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
  });
  new s3.Bucket(stack, 'DeliveryLogs', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE });

  // CDK-owned custom resources: a bucket deployment, the provider framework, AwsCustomResource
  // scoped to one parameter.
  const site = new s3.Bucket(stack, 'Site');
  new s3deploy.BucketDeployment(stack, 'Deploy', {
    sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
    destinationBucket: site,
  });
  const provider = new cr.Provider(stack, 'Seeder', { onEventHandler: inlineFunction(stack, 'SeedHandler') });
  new CustomResource(stack, 'Seed', { serviceToken: provider.serviceToken });
  new cr.AwsCustomResource(stack, 'ReadFlag', {
    onUpdate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/shop/flag' },
      physicalResourceId: cr.PhysicalResourceId.of('flag'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
      resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'shop/flag' })],
    }),
  });

  // GitHub OIDC scoped to one branch, a partner with an external id, an imported role.
  const github = new iam.OpenIdConnectProvider(stack, 'Github', {
    url: 'https://token.actions.githubusercontent.com',
    clientIds: ['sts.amazonaws.com'],
  });
  const deploy = new iam.Role(stack, 'GithubDeploy', {
    assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': GITHUB_SUB,
      },
    }),
  });
  site.grantReadWrite(deploy);
  new iam.Role(stack, 'GithubPreview', {
    assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:preview-*' },
    }),
  });
  const partner = new iam.Role(stack, 'Partner', {
    assumedBy: new iam.AccountPrincipal(PARTNER_ACCOUNT),
    externalIds: ['shop-partner-7f3a'],
  });
  uploads.grantRead(partner);
  const shared = iam.Role.fromRoleArn(stack, 'Shared', `arn:aws:iam::${ENV.account}:role/shared-reporting`);
  table.grantReadData(shared);
  const both = new iam.Role(stack, 'Both', {
    assumedBy: new iam.CompositePrincipal(
      new iam.ServicePrincipal('lambda.amazonaws.com'),
      new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    ),
  });
  jobs.grantConsumeMessages(both);
  // An EC2 instance managed through Session Manager, a database with IAM authentication, a load
  // balancer writing its access logs, a bucket emptied on delete, an event bus, an encrypted queue.
  const instance = new ec2.Instance(stack, 'Bastion', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-0123456789abcdef0' }),
    ssmSessionPermissions: true,
  });
  const database = new rds.DatabaseInstance(stack, 'Database', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    iamAuthentication: true,
  });
  database.grantConnect(instance.role, 'app');
  const balancer = new elbv2.ApplicationLoadBalancer(stack, 'Balancer', { vpc, internetFacing: true });
  balancer.logAccessLogs(new s3.Bucket(stack, 'BalancerLogs', { enforceSSL: true }), 'alb');
  const scratch = new s3.Bucket(stack, 'Scratch', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  scratch.grantReadWrite(worker);
  new events.EventBus(stack, 'Bus').grantPutEventsTo(worker);
  new sqs.Queue(stack, 'Sealed', { encryptionMasterKey: new kms.Key(stack, 'QueueKey') }).grantSendMessages(worker);
  new sfn.StateMachine(stack, 'Express', {
    stateMachineType: sfn.StateMachineType.EXPRESS,
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Nothing')),
    logs: { destination: new logs.LogGroup(stack, 'ExpressLogs'), level: sfn.LogLevel.ALL },
  });

  // A layer shared with the organization, an event bus other accounts of the organization write to.
  new lambda.LayerVersion(stack, 'Layer', {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Releases', 'shop-releases'), 'layer.zip'),
  }).addPermission('Organization', { accountId: '*', organizationId: ORGANIZATION });
  const orders = new events.EventBus(stack, 'OrderEvents');
  orders.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'Organization',
      principals: [new iam.AnyPrincipal()],
      actions: ['events:PutEvents'],
      resources: [orders.eventBusArn],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION } },
    }),
  );

  // A partner pulls the images; a log group encrypted with a key of the stack; a rotated secret;
  // the account's trail.
  repository.grantPull(new iam.AccountPrincipal(PARTNER_ACCOUNT));
  const logsKey = new kms.Key(stack, 'LogsKey');
  logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${ENV.region}.amazonaws.com`));
  new logs.LogGroup(stack, 'Encrypted', { encryptionKey: logsKey });
  const rotated = new secretsmanager.Secret(stack, 'Rotated');
  rotated.addRotationSchedule('Rotation', { rotationLambda: inlineFunction(stack, 'Rotator') });
  new cloudtrail.Trail(stack, 'Trail');

  // A deployer that may pass exactly one role, and a role of the same account's administrators.
  const deployer = new iam.Role(stack, 'Deployer', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  both.grantPassRole(deployer);
  s3.Bucket.fromBucketName(stack, 'Drop', 'partner-drop').grantPut(deployer);
  return app;
}

/** Risky patterns as teams write them. */
export function riskyIdiomsApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Risks', { env: ENV });
  const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
  const managed = (id: string, name: string): iam.Role =>
    new iam.Role(stack, id, {
      assumedBy: lambdaPrincipal,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)],
    });
  managed('Admin', 'AdministratorAccess');
  managed('PowerUser', 'PowerUserAccess');
  managed('ReadOnly', 'ReadOnlyAccess');

  const user = new iam.User(stack, 'Ci');
  new iam.AccessKey(stack, 'CiKey', { user });
  new s3.Bucket(stack, 'Artifacts').grantRead(user);

  new s3.Bucket(stack, 'Open').grantRead(new iam.AnyPrincipal());
  // A bucket anyone may list and write to through its ACL (aws-cdk-lib sets `ObjectWriter` ownership).
  new s3.Bucket(stack, 'Dropbox', {
    accessControl: s3.BucketAccessControl.PUBLIC_READ_WRITE,
    blockPublicAccess: new s3.BlockPublicAccess({
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    }),
  });

  const github = new iam.OpenIdConnectProvider(stack, 'Github', {
    url: 'https://token.actions.githubusercontent.com',
    clientIds: ['sts.amazonaws.com'],
  });
  new iam.Role(stack, 'AnyRepo', {
    assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    }),
  });
  new iam.Role(stack, 'AnyBranch', {
    assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
    }),
  });

  new iam.Role(stack, 'Vendor', { assumedBy: new iam.AccountPrincipal(PARTNER_ACCOUNT) });
  new iam.Role(stack, 'Anyone', { assumedBy: new iam.AnyPrincipal() });

  // A bounded role that may rewrite its own boundary (a new default version lifts it).
  const boundary = new iam.ManagedPolicy(stack, 'TeamBoundary', {
    managedPolicyName: 'team-boundary',
    statements: [new iam.PolicyStatement({ actions: ['s3:*', 'iam:*Policy*'], resources: ['*'] })],
  });
  const selfEditor = new iam.Role(stack, 'SelfEditor', { assumedBy: lambdaPrincipal, permissionsBoundary: boundary });
  selfEditor.addToPolicy(
    new iam.PolicyStatement({
      actions: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
      resources: [boundary.managedPolicyArn],
    }),
  );
  const bus = new events.EventBus(stack, 'OpenBus');
  bus.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'Everyone',
      principals: [new iam.AnyPrincipal()],
      actions: ['events:PutEvents'],
      resources: [bus.eventBusArn],
    }),
  );
  new lambda.LayerVersion(stack, 'SharedLayer', {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Releases', 'shop-releases'), 'layer.zip'),
  }).addPermission('Everyone', { accountId: '*' });
  iam.Role.fromRoleName(stack, 'Legacy', 'legacy-app').addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
  );

  new cr.AwsCustomResource(stack, 'ReadAnything', {
    onUpdate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: '/shop/flag' },
      physicalResourceId: cr.PhysicalResourceId.of('flag'),
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });

  const fn = inlineFunction(stack, 'Handler');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

  // The SDK action name is not the IAM action (`s3:ListAllMyBuckets`): denied at run time.
  new sfn.StateMachine(stack, 'Report', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.CallAwsService(stack, 'ListBuckets', { service: 's3', action: 'listBuckets', iamResources: ['*'] }),
    ),
  });
  return app;
}

/**
 * A CDK Pipelines app (self-mutating, deploying one stage), the way platform teams ship CDK.
 * `service` adds to the function of the deployed stage (`Delivery/Prod/Service/Handler`).
 */
export function pipelineApp(props: AppProps = {}, service?: (handler: lambda.Function) => void): App {
  const app = new App(props);
  const stack = new Stack(app, 'Delivery', { env: ENV });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('acme/shop', 'main', {
        connectionArn: `arn:aws:codestar-connections:${ENV.region}:${ENV.account}:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  const stage = new Stage(stack, 'Prod', { env: ENV });
  service?.(inlineFunction(new Stack(stage, 'Service'), 'Handler'));
  // Synthesizes the stage at once: an aspect added to the app afterwards never visits it.
  pipeline.addStage(stage);
  return app;
}

/** An app whose only stack is in a `Stage` (`Beta/Service/Handler`), with `iam:PassRole` on `*`. */
export function stagedApp(props: AppProps = {}): App {
  const app = new App(props);
  const handler = inlineFunction(new Stack(new Stage(app, 'Beta', { env: ENV }), 'Service'), 'Handler');
  handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  return app;
}
