/**
 * The twenty-fifth survey: the roles and policies aws-cdk-lib's L2 and L3 constructs write, in
 * forms the earlier surveys left out. The provider framework given its own roles, `AwsCustomResource`
 * with a role of the user's and `fromStatements`, `BucketDeployment` into a bucket under a key,
 * `LogRetention` with a role, a key granted to a role of another account, account trust narrowed by
 * `withConditions`, Step Functions tasks on versions and on `*`-only actions, an ECS service reading
 * a secret's field and a SecureString parameter under a key of the app, a pipeline deploying into another account,
 * API Gateway authorizers, event targets on another account's bus, Firehose from a Kinesis stream,
 * Aurora with multi-user rotation, an identity pool with guests. One scope per case
 * (`Survey25/<Case>`, `Survey25Risks/<Case>`).
 */
import { App, Duration, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import type { StageProps } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'us-east-1' };
const PARTNER = '444455556666';
const STRANGER = '999988887777';
const ORGANIZATION = 'o-a1b2c3d4e5';

/** The configuration of the survey: the defaults, a partner account and the organization trusted. */
export const SURVEY25_CONFIG = {
  trust: { accounts: [PARTNER], organizationIds: [ORGANIZATION] },
} as const;

/** A role Lambda assumes. */
const lambdaRole = (scope: Construct, id: string): iam.Role =>
  new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });

/** One VPC for the cases of a stack. */
function sharedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
}

/** The cases of the idioms app, each given its own scope. */
export const SURVEY25_IDIOMS: Record<string, (scope: Construct) => void> = {
  // The provider framework given the roles of its functions: one role for all of them, or one for
  // `onEvent` and one for `isComplete` and `onTimeout`.
  ProviderOwnRoles: (scope) => {
    const onEvent = inlineFunction(scope, 'OnEvent');
    const isComplete = inlineFunction(scope, 'IsComplete');
    new cr.Provider(scope, 'Shared', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the one-role form apps still write
      role: lambdaRole(scope, 'FrameworkRole'),
    });
    new cr.Provider(scope, 'Split', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(30),
      frameworkOnEventRole: lambdaRole(scope, 'OnEventRole'),
      frameworkCompleteAndTimeoutRole: lambdaRole(scope, 'WaiterRole'),
    });
  },
  // `AwsCustomResource` with a role of the user's: `fromSdkCalls` on one parameter (put, then
  // delete), and `fromStatements` for an action that only accepts `*`.
  SdkCallsOwnRole: (scope) => {
    const parameterArn = Stack.of(scope).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: 'shop/release',
    });
    new cr.AwsCustomResource(scope, 'Release', {
      onUpdate: {
        service: 'SSM',
        action: 'putParameter',
        parameters: { Name: '/shop/release', Value: '1', Overwrite: true, Type: 'String' },
        physicalResourceId: cr.PhysicalResourceId.of('/shop/release'),
      },
      onDelete: { service: 'SSM', action: 'deleteParameter', parameters: { Name: '/shop/release' } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      role: lambdaRole(scope, 'ReleaseRole'),
      installLatestAwsSdk: false,
    });
    new cr.AwsCustomResource(scope, 'LatestImage', {
      onUpdate: {
        service: 'EC2',
        action: 'describeImages',
        parameters: { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*'] }] },
        physicalResourceId: cr.PhysicalResourceId.of('latest-image'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:DescribeImages'], resources: ['*'] }),
      ]),
    });
  },
  // `BucketDeployment` into a bucket under a customer managed key, under a prefix, without pruning.
  DeploymentToKeyBucket: (scope) => {
    const key = new kms.Key(scope, 'SiteKey', { enableKeyRotation: true });
    const site = new s3.Bucket(scope, 'Site', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new s3deploy.BucketDeployment(scope, 'Deploy', {
      sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
      destinationBucket: site,
      destinationKeyPrefix: 'web/',
      prune: false,
      memoryLimit: 512,
    });
  },
  // `LogRetention` given a role, and a function's `logRetention` with `logRetentionRole`.
  LogRetentionRole: (scope) => {
    const role = lambdaRole(scope, 'RetentionRole');
    new logs.LogRetention(scope, 'Audit', {
      logGroupName: '/shop/audit',
      retention: logs.RetentionDays.ONE_MONTH,
      role,
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the form apps still write, with its own role
    inlineFunction(scope, 'Worker', { logRetention: logs.RetentionDays.ONE_WEEK, logRetentionRole: role });
  },
  // A rotating key granted to a role of the partner account (the key policy names the account,
  // the role's own policy is the partner's to write).
  KeyForPartnerRole: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.grantEncryptDecrypt(iam.Role.fromRoleArn(scope, 'Reader', `arn:aws:iam::${PARTNER}:role/shop-reader`));
  },
  // The partner account trusted for its CI roles only; an account of the organization trusted for
  // principals of the organization.
  AccountTrustWithConditions: (scope) => {
    new iam.Role(scope, 'PartnerCi', {
      assumedBy: new iam.AccountPrincipal(PARTNER).withConditions({
        ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${PARTNER}:role/ci-*` },
      }),
    });
    new iam.Role(scope, 'OrgAuditor', {
      assumedBy: new iam.AccountPrincipal('777788889999').withConditions({
        StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION },
      }),
    });
  },
  // Step Functions: `LambdaInvoke` of a version, `CallAwsService` on an action that only accepts
  // `*` and on one table.
  SfnVersionsAndSdk: (scope) => {
    const fn = inlineFunction(scope, 'Step');
    const table = new dynamodb.TableV2(scope, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const invoke = new tasks.LambdaInvoke(scope, 'Invoke', { lambdaFunction: fn.currentVersion });
    const describe = new tasks.CallAwsService(scope, 'Describe', {
      service: 'ec2',
      action: 'describeInstances',
      iamResources: ['*'],
    });
    const get = new tasks.CallAwsService(scope, 'Get', {
      service: 'dynamodb',
      action: 'getItem',
      parameters: { TableName: table.tableName, Key: { pk: { S: 'x' } } },
      iamResources: [table.tableArn],
    });
    new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(invoke.next(describe).next(get)),
    });
  },
  // An ECS service reading one field of a secret under the app's key and a SecureString parameter
  // of the account; a task role of the user's.
  FargateSecretFields: (scope) => {
    const key = new kms.Key(scope, 'SecretKey', { enableKeyRotation: true });
    const secret = new secretsmanager.Secret(scope, 'Db', { encryptionKey: key });
    const token = ssm.StringParameter.fromSecureStringParameterAttributes(scope, 'Token', {
      parameterName: '/shop/token',
      encryptionKey: key,
    });
    new ecsPatterns.ApplicationLoadBalancedFargateService(scope, 'Api', {
      cluster: new ecs.Cluster(scope, 'Cluster', { vpc: sharedVpc(scope) }),
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'),
        secrets: {
          DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
          TOKEN: ecs.Secret.fromSsmParameter(token),
        },
        taskRole: new iam.Role(scope, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
      },
    });
  },
  // A pipeline deploying into the partner account: the action assumes a role there, the artifact
  // bucket and its key are opened to that role.
  PipelineToPartner: (scope) => {
    const source = new codepipeline.Artifact();
    const sourceBucket = new s3.Bucket(scope, 'Sources', { versioned: true });
    const partnerRole = iam.Role.fromRoleArn(scope, 'PartnerDeploy', `arn:aws:iam::${PARTNER}:role/shop-deploy`);
    new codepipeline.Pipeline(scope, 'Pipeline', {
      crossAccountKeys: true,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: 'Source',
              bucket: sourceBucket,
              bucketKey: 'src.zip',
              output: source,
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new actions.S3DeployAction({
              actionName: 'Deploy',
              input: source,
              bucket: s3.Bucket.fromBucketAttributes(scope, 'PartnerSite', {
                bucketArn: 'arn:aws:s3:::partner-site',
                account: PARTNER,
              }),
              role: partnerRole,
            }),
          ],
        },
      ],
    });
  },
  // API Gateway authorizers: a request authorizer of a function, a user pool authorizer.
  RestApiAuthorizers: (scope) => {
    const users = new cognito.UserPool(scope, 'Users');
    const api = new apigateway.LambdaRestApi(scope, 'Api', {
      handler: inlineFunction(scope, 'Handler'),
      proxy: false,
      defaultMethodOptions: {
        authorizer: new apigateway.RequestAuthorizer(scope, 'Request', {
          handler: inlineFunction(scope, 'Authorizer'),
          identitySources: [apigateway.IdentitySource.header('Authorization')],
        }),
      },
    });
    api.root.addResource('orders').addMethod('GET');
    api.root.addResource('me').addMethod('GET', undefined, {
      authorizer: new apigateway.CognitoUserPoolsAuthorizer(scope, 'Cognito', { cognitoUserPools: [users] }),
      authorizationType: apigateway.AuthorizationType.COGNITO,
    });
  },
  // Event targets: the partner's bus, a function with a dead-letter queue, a FIFO queue, a
  // Firehose stream.
  EventTargets: (scope) => {
    const rule = new events.Rule(scope, 'Orders', { eventPattern: { source: ['shop.orders'] } });
    rule.addTarget(
      new targets.EventBus(
        events.EventBus.fromEventBusArn(scope, 'PartnerBus', `arn:aws:events:us-east-1:${PARTNER}:event-bus/orders`),
      ),
    );
    rule.addTarget(
      new targets.LambdaFunction(inlineFunction(scope, 'Handler'), {
        deadLetterQueue: new sqs.Queue(scope, 'Dlq'),
        retryAttempts: 2,
      }),
    );
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(scope, 'Ordered', { fifo: true }), { messageGroupId: 'orders' }));
    const stream = new firehose.DeliveryStream(scope, 'Archive', {
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'ArchiveBucket')),
    });
    rule.addTarget(new targets.FirehoseDeliveryStream(stream));
  },
  // Firehose reading an encrypted Kinesis stream into a bucket under a key, through a processor.
  FirehoseFromStream: (scope) => {
    const streamKey = new kms.Key(scope, 'StreamKey', { enableKeyRotation: true });
    const bucketKey = new kms.Key(scope, 'BucketKey', { enableKeyRotation: true });
    new firehose.DeliveryStream(scope, 'Delivery', {
      source: new firehose.KinesisStreamSource(
        new kinesis.Stream(scope, 'Clicks', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: streamKey }),
      ),
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Lake'), {
        encryptionKey: bucketKey,
        dataOutputPrefix: 'clicks/',
        processors: [new firehose.LambdaFunctionProcessor(inlineFunction(scope, 'Enrich'))],
        compression: firehose.Compression.GZIP,
      }),
    });
  },
  // Aurora PostgreSQL: logs exported with a retention, enhanced monitoring, an S3 import bucket,
  // single-user rotation of the admin secret and multi-user rotation of an application secret.
  AuroraRotation: (scope) => {
    const cluster = new rds.DatabaseCluster(scope, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc: sharedVpc(scope),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      cloudwatchLogsExports: ['postgresql'],
      cloudwatchLogsRetention: logs.RetentionDays.ONE_MONTH,
      monitoringInterval: Duration.seconds(60),
      s3ImportBuckets: [new s3.Bucket(scope, 'Imports')],
    });
    cluster.addRotationSingleUser();
    const app = new rds.DatabaseSecret(scope, 'AppUser', { username: 'app', masterSecret: cluster.secret });
    cluster.addRotationMultiUser('App', { secret: app.attach(cluster) });
  },
  // An identity pool with guests: the authenticated and unauthenticated roles CDK creates, the
  // guests reading one public prefix.
  IdentityPoolGuests: (scope) => {
    const users = new cognito.UserPool(scope, 'Users');
    const pool = new identitypool.IdentityPool(scope, 'Pool', {
      allowUnauthenticatedIdentities: true,
      authenticationProviders: {
        userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: users })],
      },
    });
    const media = new s3.Bucket(scope, 'Media');
    media.grantRead(pool.unauthenticatedRole, 'public/*');
    media.grantReadWrite(pool.authenticatedRole, 'private/*');
  },
  // A key for the log groups of the account (`kms:EncryptionContext:aws:logs:arn`), used by one.
  LogGroupKey: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${ENV.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${ENV.region}:${ENV.account}:log-group:*` },
        },
      }),
    );
    new logs.LogGroup(scope, 'Logs', { encryptionKey: key });
  },
  // A bus the partner may put events on (`grantPutEventsTo`), and every principal of the organization.
  BusForPartnerAndOrganization: (scope) => {
    const bus = new events.EventBus(scope, 'Bus');
    bus.grantPutEventsTo(new iam.AccountPrincipal(PARTNER));
    bus.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'organization',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION } },
      }),
    );
  },
  // An RDS proxy with IAM auth reading the instance's secret under a key of the app.
  ProxyIamAuth: (scope) => {
    const vpc = sharedVpc(scope);
    const instance = new rds.DatabaseInstance(scope, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret('admin', {
        encryptionKey: new kms.Key(scope, 'SecretKey', { enableKeyRotation: true }),
      }),
    });
    const secret = instance.secret;
    if (secret === undefined) throw new Error('the instance has no secret');
    instance
      .addProxy('Proxy', { secrets: [secret], vpc, iamAuth: true })
      .grantConnect(inlineFunction(scope, 'Fn'), 'admin');
  },
  // A secret under a key of the app read by the partner account.
  SecretForPartner: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    new secretsmanager.Secret(scope, 'Secret', { encryptionKey: key }).grantRead(new iam.AccountPrincipal(PARTNER));
  },
  // The account trusted for principals tagged with one team.
  TaggedAccountTrust: (scope) => {
    new iam.Role(scope, 'Team', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({ StringEquals: { 'aws:PrincipalTag/team': 'shop' } }),
    });
  },
};

/** The app of the idioms: one stack, a scope per case. */
export function survey25App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey25', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY25_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** The planted risks, each given its own scope. */
export const SURVEY25_RISKS: Record<string, (scope: Construct) => void> = {
  // `CallAwsService` deleting objects of any bucket.
  SdkTaskDeleteAny: (scope) => {
    const del = new tasks.CallAwsService(scope, 'Delete', {
      service: 's3',
      action: 'deleteObject',
      parameters: { Bucket: 'any', Key: 'any' },
      iamResources: ['*'],
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(del) });
  },
  // A key granted to a role of an account nobody configured.
  KeyForStrangerRole: (scope) => {
    new kms.Key(scope, 'Key', { enableKeyRotation: true }).grantEncryptDecrypt(
      iam.Role.fromRoleArn(scope, 'Reader', `arn:aws:iam::${STRANGER}:role/reader`),
    );
  },
  // `fromStatements` passing any role.
  StatementsPassAny: (scope) => {
    new cr.AwsCustomResource(scope, 'Launch', {
      onUpdate: {
        service: 'Lambda',
        action: 'createFunction',
        parameters: { FunctionName: 'x' },
        physicalResourceId: cr.PhysicalResourceId.of('x'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['lambda:CreateFunction', 'iam:PassRole'], resources: ['*'] }),
      ]),
    });
  },
  // Guests of an identity pool allowed to write.
  GuestsWrite: (scope) => {
    const pool = new identitypool.IdentityPool(scope, 'Pool', { allowUnauthenticatedIdentities: true });
    new s3.Bucket(scope, 'Uploads').grantWrite(pool.unauthenticatedRole);
  },
  // The stranger's account trusted for its roles named `ci-*`.
  StrangerCi: (scope) => {
    new iam.Role(scope, 'Ci', {
      assumedBy: new iam.AccountPrincipal(STRANGER).withConditions({
        ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${STRANGER}:role/ci-*` },
      }),
    });
  },
  // A pipeline deploying with a role of the stranger's account.
  PipelineToStranger: (scope) => {
    const source = new codepipeline.Artifact();
    new codepipeline.Pipeline(scope, 'Pipeline', {
      crossAccountKeys: true,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: 'Source',
              bucket: new s3.Bucket(scope, 'Sources', { versioned: true }),
              bucketKey: 'src.zip',
              output: source,
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new actions.S3DeployAction({
              actionName: 'Deploy',
              input: source,
              bucket: s3.Bucket.fromBucketAttributes(scope, 'Site', {
                bucketArn: 'arn:aws:s3:::stranger-site',
                account: STRANGER,
              }),
              role: iam.Role.fromRoleArn(scope, 'Deployer', `arn:aws:iam::${STRANGER}:role/deploy`),
            }),
          ],
        },
      ],
    });
  },
  // A key any log group of any account may use (`grantEncryptDecrypt` to the service, no context).
  LogsKeyNoContext: (scope) => {
    new kms.Key(scope, 'Key', { enableKeyRotation: true }).grantEncryptDecrypt(
      new iam.ServicePrincipal(`logs.${ENV.region}.amazonaws.com`),
    );
  },
  // A queue S3 may send to for a bucket named by its name only: the name is free to take once deleted.
  QueueForBucketName: (scope) => {
    new sqs.Queue(scope, 'Uploads').grantSendMessages(
      new iam.ServicePrincipal('s3.amazonaws.com').withConditions({
        ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::shop-uploads' },
      }),
    );
  },
};

/** The app of the planted risks: one stack, a scope per case. */
export function survey25RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey25Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY25_RISKS)) make(new Construct(stack, name));
  return app;
}

/** The cases of the platform app: an EKS cluster and keys, each given its own scope. */
export const SURVEY25_PLATFORM: Record<string, (scope: Construct) => void> = {
  // An EKS cluster with access entries beside the `aws-auth` map: a masters role one admin role
  // assumes, the kubectl handler's role given, a node group with its own node role, a service
  // account reading one bucket, a developer role given a namespace's view.
  EksAccess: (scope) => {
    const admin = iam.Role.fromRoleArn(scope, 'Admin', `arn:aws:iam::${ENV.account}:role/platform-admin`);
    const cluster = new eks.Cluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      authenticationMode: eks.AuthenticationMode.API_AND_CONFIG_MAP,
      mastersRole: new iam.Role(scope, 'Masters', { assumedBy: new iam.ArnPrincipal(admin.roleArn) }),
      defaultCapacity: 0,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      kubectlLambdaRole: lambdaRole(scope, 'KubectlHandler'),
      vpc: sharedVpc(scope),
      vpcSubnets: [{ subnetType: ec2.SubnetType.PUBLIC }],
    });
    const nodeRole = new iam.Role(scope, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'].map(
        (name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name),
      ),
    });
    cluster.addNodegroupCapacity('Nodes', { minSize: 1, nodeRole });
    new s3.Bucket(scope, 'Assets').grantRead(cluster.addServiceAccount('App', { namespace: 'shop' }));
    const developer = new iam.Role(scope, 'Developer', { assumedBy: new iam.ArnPrincipal(admin.roleArn) });
    cluster.grantAccess('Developers', developer.roleArn, [
      eks.AccessPolicy.fromAccessPolicyName('AmazonEKSViewPolicy', {
        accessScopeType: eks.AccessScopeType.NAMESPACE,
        namespaces: ['shop'],
      }),
    ]);
  },
  // A key granted to the partner account, through S3 only (`ViaServicePrincipal`), administered
  // by one role; a topic under a key publishing to a function and an HTTPS endpoint.
  KeysAndTopics: (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.grantEncryptDecrypt(new iam.AccountPrincipal(PARTNER));
    key.grantDecrypt(new kms.ViaServicePrincipal(`s3.${ENV.region}.amazonaws.com`, lambdaRole(scope, 'Reader')));
    key.grantAdmin(lambdaRole(scope, 'KeyAdmin'));
    const topic = new sns.Topic(scope, 'Events', { masterKey: key, enforceSSL: true });
    topic.addSubscription(new subscriptions.LambdaSubscription(inlineFunction(scope, 'Handler')));
    topic.addSubscription(new subscriptions.UrlSubscription('https://hooks.example.com/shop'));
  },
};

/** A stage a pipeline deploys: a site with its assets. */
class SiteStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    const stack = new Stack(this, 'Site');
    new s3deploy.BucketDeployment(stack, 'Deploy', {
      sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
      destinationBucket: new s3.Bucket(stack, 'Site'),
    });
  }
}

/** The app of the platform cases, and a CDK pipeline deploying a stage to the partner account. */
export function survey25PlatformApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey25Platform', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY25_PLATFORM)) make(new Construct(stack, name));

  // CDK Pipelines: roles for the synth and the asset steps given statements of the user's, a step
  // after the stage reading one parameter, assets published one after another.
  const pipelineStack = new Stack(app, 'Survey25Pipeline', { env: ENV });
  const config = pipelineStack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'shop/*' });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    crossAccountKeys: true,
    publishAssetsInParallel: false,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.s3(new s3.Bucket(pipelineStack, 'Sources', { versioned: true }), 'src.zip'),
      commands: ['npm ci', 'npx cdk synth'],
    }),
    synthCodeBuildDefaults: {
      rolePolicy: [new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [config] })],
    },
    assetPublishingCodeBuildDefaults: {
      rolePolicy: [new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [config] })],
    },
  });
  pipeline.addStage(new SiteStage(app, 'Partner', { env: { account: PARTNER, region: ENV.region } }), {
    post: [
      new pipelines.CodeBuildStep('Smoke', {
        commands: ['curl -f https://shop.example.com'],
        rolePolicyStatements: [new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [config] })],
      }),
    ],
  });
  return app;
}
