/**
 * The ninth survey: CDK apps on parts of aws-cdk-lib the earlier surveys left out, each pattern
 * reproduced in our own code with aws-cdk-lib alone: Aurora with IAM authentication, enhanced
 * monitoring and an RDS proxy, DocumentDB, Redshift and Neptune roles (L1), an IoT topic rule,
 * AppConfig with an alarm monitor, load balancer access logs and VPC flow logs, Cognito triggers
 * and its SMS role, a function URL with IAM auth, an event archive, an SNS FIFO topic feeding an
 * SQS FIFO queue, an ECR pull through cache, task tokens of a state machine, an Amazon MQ event
 * source, an ElastiCache serverless cache with IAM auth, ECS exec and Service Connect, S3
 * replication rules, KMS grants through an alias, and hosted secret rotation; then the planted
 * risks of the same constructs. One scope per case (`Survey9/<Case>`, `Survey9Risks/<Case>`).
 */
import { App, CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER = '444455556666';

/** The configuration of the ninth survey: the defaults, the partner account trusted. */
export const SURVEY9_CONFIG = { trust: { accounts: [PARTNER] } } as const;

/** A small VPC without NAT gateways, for the cases that need one. */
function smallVpc(scope: Construct): ec2.Vpc {
  return new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

/** A role a service assumes, held to this account. */
function serviceRole(scope: Construct, id: string, service: string): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal(service, {
      conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
    }),
  });
}

/** Each case wires IAM the way the guides and projects do; a careful reviewer finds nothing to refuse. */
export const SURVEY9_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // Aurora PostgreSQL with IAM database authentication and enhanced monitoring (CDK creates the
  // monitoring role with its AWS managed policy), a proxy with IAM auth; a function connects as
  // `app` to the cluster and to the proxy.
  AuroraIamAuth: (scope) => {
    const vpc = smallVpc(scope);
    const cluster = new rds.DatabaseCluster(scope, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      iamAuthentication: true,
      monitoringInterval: Duration.seconds(60),
      storageEncrypted: true,
    });
    const proxy = cluster.addProxy('Proxy', {
      secrets: cluster.secret === undefined ? [] : [cluster.secret],
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      iamAuth: true,
    });
    const fn = inlineFunction(scope, 'Api');
    cluster.grantConnect(fn, 'app');
    proxy.grantConnect(fn, 'app');
  },
  // DocumentDB: a cluster with its generated secret, read by one function.
  DocumentDb: (scope) => {
    const vpc = smallVpc(scope);
    const cluster = new docdb.DatabaseCluster(scope, 'Docs', {
      masterUser: { username: 'docadmin' },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncrypted: true,
    });
    const fn = inlineFunction(scope, 'Reader');
    cluster.secret?.grantRead(fn);
  },
  // Redshift (L1): the cluster's role loads from one bucket and writes its unloads to another.
  RedshiftRoles: (scope) => {
    const staging = new s3.Bucket(scope, 'Staging', { enforceSSL: true });
    const unloads = new s3.Bucket(scope, 'Unloads', { enforceSSL: true });
    const role = serviceRole(scope, 'CopyRole', 'redshift.amazonaws.com');
    staging.grantRead(role);
    unloads.grantPut(role);
    new redshift.CfnCluster(scope, 'Warehouse', {
      clusterType: 'single-node',
      nodeType: 'ra3.large',
      dbName: 'sales',
      masterUsername: 'admin',
      manageMasterPassword: true,
      iamRoles: [role.roleArn],
      encrypted: true,
    });
  },
  // Neptune (L1) with IAM auth: a role for bulk loads from one bucket, a function that connects.
  NeptuneIamAuth: (scope) => {
    const vpc = smallVpc(scope);
    const subnets = new neptune.CfnDBSubnetGroup(scope, 'Subnets', {
      dbSubnetGroupDescription: 'graph',
      subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
    });
    const loads = new s3.Bucket(scope, 'Loads', { enforceSSL: true });
    const loader = serviceRole(scope, 'LoaderRole', 'rds.amazonaws.com');
    loads.grantRead(loader);
    const graph = new neptune.CfnDBCluster(scope, 'Graph', {
      iamAuthEnabled: true,
      storageEncrypted: true,
      dbSubnetGroupName: subnets.ref,
      associatedRoles: [{ roleArn: loader.roleArn }],
    });
    const fn = inlineFunction(scope, 'Query');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['neptune-db:connect', 'neptune-db:ReadDataViaQuery'],
        resources: [`arn:aws:neptune-db:${ENV.region}:${ENV.account}:${graph.attrClusterResourceId}/*`],
      }),
    );
  },
  // An IoT topic rule (L1) forwarding telemetry to a queue and a table, its role sending to
  // the queue and writing the table only.
  IotTopicRule: (scope) => {
    const queue = new sqs.Queue(scope, 'Telemetry', { enforceSSL: true });
    const role = new iam.Role(scope, 'RuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
    queue.grantSendMessages(role);
    new iot.CfnTopicRule(scope, 'Rule', {
      topicRulePayload: {
        sql: "SELECT * FROM 'devices/+/telemetry'",
        actions: [{ sqs: { queueUrl: queue.queueUrl, roleArn: role.roleArn } }],
      },
    });
  },
  // AppConfig: an application, an environment rolled back by an alarm (CDK creates the role
  // AppConfig reads the alarm with), a hosted configuration, a function reading it.
  AppConfigMonitor: (scope) => {
    const app = new appconfig.Application(scope, 'App', { applicationName: 'orders' });
    const errors = new cloudwatch.Alarm(scope, 'Errors', {
      metric: new cloudwatch.Metric({ namespace: 'Orders', metricName: 'Errors' }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    const env = new appconfig.Environment(scope, 'Prod', {
      application: app,
      monitors: [appconfig.Monitor.fromCloudWatchAlarm(errors)],
    });
    new appconfig.HostedConfiguration(scope, 'Flags', {
      application: app,
      content: appconfig.ConfigurationContent.fromInlineJson('{"beta": false}'),
      deployTo: [env],
    });
    env.grantReadConfig(inlineFunction(scope, 'Reader'));
  },
  // A load balancer writing its access logs to a bucket (CDK writes the bucket policy for the
  // Region's Elastic Load Balancing account).
  AlbAccessLogs: (scope) => {
    const vpc = smallVpc(scope);
    const logsBucket = new s3.Bucket(scope, 'AccessLogs', { enforceSSL: true });
    const alb = new elbv2.ApplicationLoadBalancer(scope, 'Lb', { vpc, internetFacing: true });
    alb.logAccessLogs(logsBucket, 'alb');
  },
  // VPC flow logs to CloudWatch Logs (CDK creates the role the service writes with) and to S3.
  VpcFlowLogs: (scope) => {
    const vpc = smallVpc(scope);
    const group = new logs.LogGroup(scope, 'FlowGroup', { retention: logs.RetentionDays.ONE_MONTH });
    vpc.addFlowLog('ToLogs', { destination: ec2.FlowLogDestination.toCloudWatchLogs(group) });
    const bucket = new s3.Bucket(scope, 'FlowBucket', { enforceSSL: true });
    vpc.addFlowLog('ToS3', { destination: ec2.FlowLogDestination.toS3(bucket, 'flows/') });
  },
  // A user pool with a pre sign-up trigger and SMS MFA (CDK creates the SMS role, held to the
  // pool by an external id).
  CognitoTriggersSms: (scope) => {
    new cognito.UserPool(scope, 'Users', {
      lambdaTriggers: { preSignUp: inlineFunction(scope, 'PreSignUp') },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true },
    });
  },
  // A function URL with IAM auth; one role may call it.
  FunctionUrlIam: (scope) => {
    const fn = inlineFunction(scope, 'Api');
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    const caller = new iam.Role(scope, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    fn.grantInvokeUrl(caller);
  },
  // An event bus with an archive of its order events, and a rule; a producer puts events.
  EventArchive: (scope) => {
    const bus = new events.EventBus(scope, 'Bus');
    bus.archive('Orders', { eventPattern: { source: ['orders'] }, retention: Duration.days(30) });
    bus.grantPutEventsTo(inlineFunction(scope, 'Producer'));
  },
  // An SNS FIFO topic delivering to an SQS FIFO queue (CDK writes the queue policy for the topic).
  FifoFanOut: (scope) => {
    const topic = new sns.Topic(scope, 'Orders', { fifo: true, topicName: 'orders.fifo' });
    const queue = new sqs.Queue(scope, 'Billing', { fifo: true, enforceSSL: true });
    topic.addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: true }));
    topic.grantPublish(inlineFunction(scope, 'Publisher'));
  },
  // An ECR pull through cache rule for a registry that needs credentials, and a build role that
  // pulls through it (creating the cached repositories under its prefix).
  EcrPullThrough: (scope) => {
    const credentials = new secretsmanager.Secret(scope, 'HubCredentials', {
      secretName: 'ecr-pullthroughcache/docker-hub',
    });
    new ecr.CfnPullThroughCacheRule(scope, 'DockerHub', {
      ecrRepositoryPrefix: 'docker-hub',
      upstreamRegistryUrl: 'registry-1.docker.io',
      credentialArn: credentials.secretArn,
    });
    const builder = new iam.Role(scope, 'Builder', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    const cached = `arn:aws:ecr:${ENV.region}:${ENV.account}:repository/docker-hub/*`;
    builder.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository', 'ecr:BatchGetImage'],
        resources: [cached],
      }),
    );
    builder.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  },
  // A state machine waiting for a task token; one function starts executions, another answers.
  TaskTokens: (scope) => {
    const machine = new sfn.StateMachine(scope, 'Approval', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Done')),
    });
    machine.grantStartExecution(inlineFunction(scope, 'Starter'));
    machine.grantTaskResponse(inlineFunction(scope, 'Approver'));
    machine.grantRead(inlineFunction(scope, 'Dashboard'));
  },
  // An Amazon MQ broker as an event source (L1 mapping): the function's role reads the broker
  // and its credentials secret, and reaches the broker's network through the AWS managed policy.
  MqEventSource: (scope) => {
    const credentials = new secretsmanager.Secret(scope, 'BrokerUser');
    const fn = inlineFunction(scope, 'Consumer');
    fn.role?.addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'),
    );
    const broker = `arn:aws:mq:${ENV.region}:${ENV.account}:broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9`;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mq:DescribeBroker'], resources: [broker] }));
    credentials.grantRead(fn);
    new lambda.CfnEventSourceMapping(scope, 'FromBroker', {
      functionName: fn.functionName,
      eventSourceArn: broker,
      queues: ['orders'],
      sourceAccessConfigurations: [{ type: 'BASIC_AUTH', uri: credentials.secretArn }],
    });
  },
  // An ElastiCache serverless cache with an IAM-authenticated user; a function connects as it.
  CacheIamAuth: (scope) => {
    const user = new elasticache.CfnUser(scope, 'AppUser', {
      engine: 'redis',
      userId: 'app',
      userName: 'app',
      authenticationMode: { Type: 'iam' },
      accessString: 'on ~* +@all',
    });
    const group = new elasticache.CfnUserGroup(scope, 'Users', {
      engine: 'redis',
      userGroupId: 'app-users',
      userIds: ['default', user.userId],
    });
    const cache = new elasticache.CfnServerlessCache(scope, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'sessions',
      userGroupId: group.userGroupId,
    });
    inlineFunction(scope, 'Sessions').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['elasticache:Connect'], resources: [cache.attrArn, user.attrArn] }),
    );
  },
  // An ECS service with ECS exec and Service Connect: CDK gives the task role the SSM channels
  // exec needs (their actions only take `*`) and writes the exec session logs to a group.
  EcsExecServiceConnect: (scope) => {
    const vpc = smallVpc(scope);
    const execLogs = new logs.LogGroup(scope, 'ExecLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc,
      defaultCloudMapNamespace: { name: 'internal' },
      executeCommandConfiguration: {
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: execLogs },
      },
    });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'),
      portMappings: [{ containerPort: 80, name: 'web' }],
    });
    new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition: task,
      enableExecuteCommand: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      assignPublicIp: true,
      serviceConnectConfiguration: { services: [{ portMappingName: 'web' }] },
    });
  },
  // S3 replication with the L2 `replicationRules` (CDK creates the replication role and grants).
  S3Replication: (scope) => {
    const replica = new s3.Bucket(scope, 'Replica', { versioned: true, enforceSSL: true });
    new s3.Bucket(scope, 'Source', {
      versioned: true,
      enforceSSL: true,
      replicationRules: [{ destination: replica, priority: 1 }],
    });
  },
  // KMS grants through an alias and on the key: decrypt by alias, encrypt and decrypt, grants
  // for AWS services held to the key's own use.
  KmsAliasGrants: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    const alias = key.addAlias('alias/orders');
    alias.grantDecrypt(inlineFunction(scope, 'Reader'));
    key.grantEncryptDecrypt(inlineFunction(scope, 'Writer'));
  },
  // A secret rotated by a hosted rotation function (the Secrets Manager transform builds it).
  HostedRotation: (scope) => {
    const secret = new secretsmanager.Secret(scope, 'DbPassword', {
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'app' }),
        generateStringKey: 'password',
      },
    });
    secret.addRotationSchedule('Rotation', {
      hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(),
      automaticallyAfter: Duration.days(30),
    });
  },
};

/** The app of the idioms, one construct per case. */
export function survey9App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey9', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY9_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** Planted risks in the same constructs: each a reviewer refuses. */
export const SURVEY9_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A function URL with IAM auth whose invocation is granted to every principal of every account.
  UrlForAnyone: (scope) => {
    const fn = inlineFunction(scope, 'Api');
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    fn.grantInvokeUrl(new iam.AnyPrincipal());
  },
  // A flow log role written by hand with every action on every resource.
  FlowLogRoleStar: (scope) => {
    const vpc = smallVpc(scope);
    const group = new logs.LogGroup(scope, 'FlowGroup', { retention: logs.RetentionDays.ONE_MONTH });
    const role = new iam.Role(scope, 'FlowRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    vpc.addFlowLog('ToLogs', { destination: ec2.FlowLogDestination.toCloudWatchLogs(group, role) });
  },
  // A key whose decrypt is granted to an account nobody trusts.
  KeyForStranger: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.grantDecrypt(new iam.AccountPrincipal('999988887777'));
  },
  // An IoT topic rule role that may pass any role (to republish through any action).
  IotRulePassAnyRole: (scope) => {
    const role = new iam.Role(scope, 'RuleRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    new iot.CfnTopicRule(scope, 'Rule', {
      topicRulePayload: {
        sql: "SELECT * FROM 'devices/+/alerts'",
        actions: [{ republish: { topic: 'alerts', roleArn: role.roleArn } }],
      },
    });
  },
  // A permission (L1) whose whole principal is chosen at deploy by a condition on a parameter:
  // everyone when the stack is deployed with `Exposure=public`.
  PrincipalChosenAtDeploy: (scope) => {
    const exposure = new CfnParameter(scope, 'Exposure', { allowedValues: ['public', 'private'], default: 'private' });
    const isPublic = new CfnCondition(scope, 'IsPublic', { expression: Fn.conditionEquals(exposure, 'public') });
    const fn = inlineFunction(scope, 'Api');
    new lambda.CfnPermission(scope, 'Invoke', {
      functionName: fn.functionName,
      action: 'lambda:InvokeFunction',
      principal: Fn.conditionIf(isPublic.logicalId, '*', Stack.of(scope).account).toString(),
    });
  },
};

/** The app of the risks, one construct per case. */
export function survey9RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey9Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY9_RISKS)) make(new Construct(stack, name));
  return app;
}
