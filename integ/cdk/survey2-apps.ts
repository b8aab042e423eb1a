/**
 * The second survey of real CDK apps: idioms that public CDK TypeScript apps write and that the
 * other audits (idiom-apps.ts, construct-apps.ts, survey-apps.ts, internals-survey.ts,
 * parity-apps.ts) do not reproduce: EKS service accounts (IRSA and Pod Identity) on an imported
 * cluster, self-managed StackSets, CDK Pipelines lookups and OIDC deployers assuming the bootstrap
 * roles, private and IP-limited REST APIs, AppSync signed for Bedrock, EventBridge Pipes and more
 * Scheduler targets, Bedrock service roles written through escape hatches, Batch, Glue, MSK with
 * IAM authentication, ECS patterns, SES, SageMaker, Backup vault sharing, CodeBuild secrets,
 * Lambda event sources, the Provider framework with its own role, BucketDeployment to an
 * encrypted bucket, triggers, key, bucket and topic policies for service deliveries, and the
 * planted risks of the same constructs. One scope per case (`Survey2/<Case>`,
 * `Survey2Risks/<Case>`); each app is synthesized once per test.
 */
import { App, CustomResource, Duration, Size, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as codeartifact from 'aws-cdk-lib/aws-codeartifact';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as events from 'aws-cdk-lib/aws-events';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER_ACCOUNT = '444455556666';
const ORGANIZATION = 'o-a1b2c3d4e5';
const GITHUB = 'token.actions.githubusercontent.com';
const OIDC_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The configuration of the second survey: the partner account and the organization are trusted. */
export const SURVEY2_CONFIG = { trust: { accounts: [PARTNER_ACCOUNT], organizationIds: [ORGANIZATION] } } as const;

/** One VPC for the cases of a stack. */
function sharedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
}

const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

function lambdaRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** A cluster created elsewhere (another stack or app), with its OIDC provider and kubectl provider. */
function importedCluster(scope: Construct): eks.ICluster {
  return eks.Cluster.fromClusterAttributes(scope, 'Cluster', {
    clusterName: 'shop',
    openIdConnectProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      scope,
      'Oidc',
      `arn:aws:iam::${ENV.account}:oidc-provider/${OIDC_ISSUER}`,
    ),
    kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(scope, 'Kubectl', {
      functionArn: `arn:aws:lambda:${ENV.region}:${ENV.account}:function:shop-kubectl`,
      kubectlRoleArn: `arn:aws:iam::${ENV.account}:role/shop-kubectl`,
      handlerRole: iam.Role.fromRoleArn(
        scope,
        'KubectlHandler',
        `arn:aws:iam::${ENV.account}:role/shop-kubectl-handler`,
      ),
    }),
  });
}

function machine(scope: Construct, id: string, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, id, { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
}

/** The idiom cases: each builds what a public CDK app writes, least privilege, under `scope`. */
export const SURVEY2_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // IRSA on an imported cluster: external-dns limited to one zone (ListHostedZones only takes
  // `*`), a secret read by the pod, the cluster autoscaler's tag-conditioned writes.
  EksIrsa: (scope) => {
    const cluster = importedCluster(scope);
    const dns = cluster.addServiceAccount('ExternalDns', { name: 'external-dns', namespace: 'dns' });
    dns.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        resources: ['arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'],
      }),
    );
    dns.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['route53:ListHostedZones'], resources: ['*'] }));
    const worker = new eks.ServiceAccount(scope, 'Worker', { cluster, name: 'worker', namespace: 'shop' });
    new secretsmanager.Secret(scope, 'Signing').grantRead(worker);
    const autoscaler = cluster.addServiceAccount('Autoscaler', {
      name: 'cluster-autoscaler',
      namespace: 'kube-system',
    });
    autoscaler.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeTags',
          'ec2:DescribeLaunchTemplateVersions',
        ],
        resources: ['*'],
      }),
    );
    autoscaler.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/shop': 'owned' } },
      }),
    );
  },
  // EKS Pod Identity through ServiceAccount, an add-on service role with its AWS managed policy.
  EksPodIdentity: (scope) => {
    const cluster = importedCluster(scope);
    const reports = cluster.addServiceAccount('Reports', {
      name: 'reports',
      namespace: 'shop',
      identityType: eks.IdentityType.POD_IDENTITY,
    });
    new s3.Bucket(scope, 'Reports').grantReadWrite(reports);
    const ebs = cluster.addServiceAccount('EbsCsi', { name: 'ebs-csi-controller-sa', namespace: 'kube-system' });
    ebs.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEBSCSIDriverPolicy'));
    new eks.CfnAddon(scope, 'Addon', {
      addonName: 'aws-ebs-csi-driver',
      clusterName: cluster.clusterName,
      serviceAccountRoleArn: ebs.role.roleArn,
    });
  },
  // Self-managed StackSets: the administration role CloudFormation assumes (limited to the
  // account's stack sets) may assume the execution role of that name in the target accounts.
  StackSets: (scope) => {
    const admin = new iam.Role(scope, 'Administration', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com', {
        conditions: { StringLike: { 'aws:SourceArn': `arn:aws:cloudformation:*:${ENV.account}:stackset/*` } },
      }),
    });
    admin.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole'],
      }),
    );
  },
  // CDK Pipelines synth doing context lookups: `sts:AssumeRole` on `*` for the roles tagged as
  // bootstrap lookup roles, as the CDK Pipelines guide writes it; a deploy job assuming the
  // bootstrap roles it needs by tag.
  BootstrapRoles: (scope) => {
    const synth = new codebuild.PipelineProject(scope, 'Synth');
    synth.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['*'],
        conditions: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': 'lookup' } },
      }),
    );
    const deploy = new codebuild.PipelineProject(scope, 'Deploy');
    deploy.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::*:role/*'],
        conditions: {
          'ForAnyValue:StringEquals': {
            'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing', 'image-publishing'],
          },
        },
      }),
    );
  },
  // GitHub OIDC with an imported provider: the role assumes the bootstrap roles of its account
  // by name; a second provider (Vercel) with its audience and subject; a list of subjects.
  OidcDeployers: (scope) => {
    const github = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      scope,
      'Github',
      `arn:aws:iam::${ENV.account}:oidc-provider/${GITHUB}`,
    );
    const deployer = new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: {
          [`${GITHUB}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB}:sub`]: 'repo:acme/shop:ref:refs/heads/main',
        },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    deployer.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [`arn:aws:iam::${ENV.account}:role/cdk-hnb659fds-*`],
      }),
    );
    new iam.Role(scope, 'PullRequests', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB}:sub`]: ['repo:acme/shop:pull_request', 'repo:acme/shop:environment:preview'] },
      }),
    });
    new iam.Role(scope, 'AnyRef', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB}:sub`]: 'repo:acme/shop:*' },
      }),
    });
    const vercel = new iam.OpenIdConnectProvider(scope, 'Vercel', {
      url: 'https://oidc.vercel.com/acme',
      clientIds: ['https://vercel.com/acme'],
    });
    new iam.Role(scope, 'Preview', {
      assumedBy: new iam.OpenIdConnectPrincipal(vercel, {
        StringEquals: {
          'oidc.vercel.com/acme:aud': 'https://vercel.com/acme',
          'oidc.vercel.com/acme:sub': 'owner:acme:project:shop:environment:production',
        },
      }),
    });
  },
  // A private REST API reachable only through one interface endpoint (Allow `*`, Deny unless
  // `aws:SourceVpce`), the documented resource policy.
  PrivateApi: (scope) => {
    const endpoint = sharedVpc(scope).addInterfaceEndpoint('ExecuteApi', {
      service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY,
      subnets: isolated,
    });
    const api = new apigateway.RestApi(scope, 'Api', {
      cloudWatchRole: false,
      endpointConfiguration: { types: [apigateway.EndpointType.PRIVATE], vpcEndpoints: [endpoint] },
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
          }),
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
            conditions: { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } },
          }),
        ],
      }),
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());
  },
  // A REST API open only to the office network, and one a trusted account calls with IAM auth.
  RestApiPolicies: (scope) => {
    const office = new apigateway.RestApi(scope, 'Office', {
      cloudWatchRole: false,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
            conditions: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
          }),
        ],
      }),
    });
    office.root.addMethod('GET', new apigateway.MockIntegration());
    const partner = new apigateway.RestApi(scope, 'Partner', {
      cloudWatchRole: false,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AccountPrincipal(PARTNER_ACCOUNT)],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*/POST/orders'],
          }),
        ],
      }),
    });
    partner.root
      .addResource('orders')
      .addMethod('POST', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
  },
  // AppSync: an HTTP data source signed for Bedrock granted one model; a role granted a query.
  AppSyncBedrock: (scope) => {
    const api = new appsync.GraphqlApi(scope, 'Api', {
      name: 'shop-ai',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/construct-apps.graphql`)),
      authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
    });
    const http = api.addHttpDataSource('Bedrock', `https://bedrock-runtime.${ENV.region}.amazonaws.com`, {
      authorizationConfig: { signingRegion: ENV.region, signingServiceName: 'bedrock' },
    });
    http.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [`arn:aws:bedrock:${ENV.region}::foundation-model/${MODEL}`],
      }),
    );
    api.grantQuery(lambdaRole(scope, 'Reader'), 'orders');
  },
  // EventBridge Pipe (L1): a DynamoDB stream, enriched by a function, to an event bus.
  PipeStream: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    const bus = new events.EventBus(scope, 'Bus');
    const enrich = inlineFunction(scope, 'Enrich');
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    });
    table.grantStreamRead(role);
    bus.grantPutEventsTo(role);
    enrich.grantInvoke(role);
    new pipes.CfnPipe(scope, 'Pipe', {
      roleArn: role.roleArn,
      source: table.tableStreamArn!,
      sourceParameters: { dynamoDbStreamParameters: { startingPosition: 'LATEST' } },
      enrichment: enrich.functionArn,
      target: bus.eventBusArn,
    });
  },
  // EventBridge Scheduler: a function, a stream, a topic, a build, and the universal target
  // scoped by its statement.
  SchedulerTargets: (scope) => {
    const every = scheduler.ScheduleExpression.rate(Duration.hours(1));
    const targetsOf: scheduler.IScheduleTarget[] = [
      new schedulerTargets.LambdaInvoke(inlineFunction(scope, 'Fn'), {}),
      new schedulerTargets.KinesisStreamPutRecord(new kinesis.Stream(scope, 'Stream'), { partitionKey: 'tick' }),
      new schedulerTargets.SnsPublish(new sns.Topic(scope, 'Topic'), {}),
      new schedulerTargets.CodeBuildStartBuild(new codebuild.PipelineProject(scope, 'Nightly'), {}),
      new schedulerTargets.Universal({
        service: 'rds',
        action: 'stopDBCluster',
        input: scheduler.ScheduleTargetInput.fromObject({ DbClusterIdentifier: 'shop-dev' }),
        policyStatements: [
          new iam.PolicyStatement({
            actions: ['rds:StopDBCluster'],
            resources: [`arn:aws:rds:${ENV.region}:${ENV.account}:cluster:shop-dev`],
          }),
        ],
      }),
    ];
    targetsOf.forEach((target, i) => new scheduler.Schedule(scope, `Schedule${i}`, { schedule: every, target }));
  },
  // Bedrock service roles whose trust is rewritten through the CfnRole escape hatch with the
  // conditions the Bedrock guide gives (knowledge base), or only the account (agent runtime);
  // a cross-region inference profile and its models.
  BedrockRoles: (scope) => {
    const kb = new iam.Role(scope, 'KnowledgeBase', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    (kb.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ENV.account },
            ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${ENV.region}:${ENV.account}:knowledge-base/*` },
          },
        },
      ],
    });
    new s3.Bucket(scope, 'Documents').grantRead(kb);
    kb.addToPolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [`arn:aws:bedrock:${ENV.region}::foundation-model/amazon.titan-embed-text-v2:0`],
      }),
    );
    const agent = new iam.Role(scope, 'Agent', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    (agent.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
      StringEquals: { 'aws:SourceAccount': ENV.account },
    });
    agent.addToPolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [
          `arn:aws:bedrock:${ENV.region}:${ENV.account}:inference-profile/eu.${MODEL}`,
          `arn:aws:bedrock:*::foundation-model/${MODEL}`,
        ],
      }),
    );
    bedrock.FoundationModel.fromFoundationModelId(
      scope,
      'Titan',
      bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1,
    );
  },
  // AWS Batch: a job definition with a job role granted a bucket, a role that may submit it to
  // one queue, a managed EC2 compute environment (its instance role).
  BatchJobs: (scope) => {
    const jobRole = new iam.Role(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    new s3.Bucket(scope, 'Results').grantReadWrite(jobRole);
    const job = new batch.EcsJobDefinition(scope, 'Job', {
      container: new batch.EcsEc2ContainerDefinition(scope, 'Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
        cpu: 1,
        memory: Size.mebibytes(2048),
        jobRole,
      }),
    });
    const compute = new batch.ManagedEc2EcsComputeEnvironment(scope, 'Compute', {
      vpc: sharedVpc(scope),
      vpcSubnets: isolated,
    });
    const queue = new batch.JobQueue(scope, 'Queue', {
      computeEnvironments: [{ computeEnvironment: compute, order: 1 }],
    });
    job.grantSubmitJob(lambdaRole(scope, 'Submitter'), queue);
  },
  // Glue (the service role's AWS managed policy is in construct-apps.ts): a job reading one table through the catalog, Lake Formation
  // data access (an action that only takes `*`), a security configuration with a key.
  GlueCatalog: (scope) => {
    const database = new glue.CfnDatabase(scope, 'Database', {
      catalogId: ENV.account,
      databaseInput: { name: 'sales' },
    });
    const role = new iam.Role(scope, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetPartitions', 'glue:GetDatabase'],
        resources: [
          `arn:aws:glue:${ENV.region}:${ENV.account}:catalog`,
          `arn:aws:glue:${ENV.region}:${ENV.account}:database/sales`,
          `arn:aws:glue:${ENV.region}:${ENV.account}:table/sales/orders`,
        ],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['lakeformation:GetDataAccess'], resources: ['*'] }));
    const key = new kms.Key(scope, 'Key');
    key.grantEncryptDecrypt(role);
    new glue.CfnSecurityConfiguration(scope, 'Security', {
      name: 'sales-etl',
      encryptionConfiguration: { s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: key.keyArn }] },
    });
    new glue.CfnJob(scope, 'Job', {
      role: role.roleArn,
      command: { name: 'glueetl', scriptLocation: 's3://shop-scripts/sales.py' },
      securityConfiguration: 'sales-etl',
    }).node.addDependency(database);
  },
  // Logs streamed to Firehose through a subscription (the logs role it creates).
  LogsToFirehose: (scope) => {
    const delivery = new firehose.DeliveryStream(scope, 'Delivery', {
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Archive'), { dataOutputPrefix: 'logs/' }),
    });
    new logs.LogGroup(scope, 'App').addSubscriptionFilter('Archive', {
      destination: new logsDestinations.FirehoseDestination(delivery),
      filterPattern: logs.FilterPattern.allEvents(),
    });
  },
  // MSK with IAM authentication: a client role that connects, reads one topic and joins one
  // group; a cluster policy for a trusted account.
  MskIam: (scope) => {
    const vpc = sharedVpc(scope);
    const cluster = new msk.CfnServerlessCluster(scope, 'Cluster', {
      clusterName: 'orders',
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId) }],
    });
    const clusterPath = `orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-s1`;
    const client = lambdaRole(scope, 'Consumer');
    client.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
        resources: [cluster.attrArn],
      }),
    );
    client.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        resources: [`arn:aws:kafka:${ENV.region}:${ENV.account}:topic/${clusterPath}/orders`],
      }),
    );
    client.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
        resources: [`arn:aws:kafka:${ENV.region}:${ENV.account}:group/${clusterPath}/billing`],
      }),
    );
    new msk.CfnClusterPolicy(scope, 'Policy', {
      clusterArn: cluster.attrArn,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
            Action: ['kafka:CreateVpcConnection', 'kafka:GetBootstrapBrokers', 'kafka:DescribeClusterV2'],
            Resource: cluster.attrArn,
          },
        ],
      },
    });
  },
  // ECS patterns: an ALB Fargate service whose task role puts events on one bus and sends mail
  // from one identity, its execution role decrypting with a key through Secrets Manager only.
  EcsPatternRoles: (scope) => {
    const key = new kms.Key(scope, 'SecretsKey');
    const service = new ecsPatterns.ApplicationLoadBalancedFargateService(scope, 'Web', {
      vpc: sharedVpc(scope),
      taskSubnets: isolated,
      publicLoadBalancer: false,
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest'),
        secrets: {
          API_KEY: ecs.Secret.fromSecretsManager(new secretsmanager.Secret(scope, 'ApiKey', { encryptionKey: key })),
        },
      },
    });
    const task = service.taskDefinition;
    task.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [new events.EventBus(scope, 'Bus').eventBusArn],
      }),
    );
    task.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`arn:aws:ses:${ENV.region}:${ENV.account}:identity/shop.example.com`],
        conditions: { StringEquals: { 'ses:FromAddress': 'orders@shop.example.com' } },
      }),
    );
    task.obtainExecutionRole().addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${ENV.region}.amazonaws.com` } },
      }),
    );
    task.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['comprehend:DetectSentiment', 'textract:DetectDocumentText', 'translate:TranslateText'],
        resources: ['*'],
      }),
    );
  },
  // SES: a configuration set publishing events to a topic, a receipt rule set with a bucket of
  // another construct, sending restricted to one identity and sender.
  SesEvents: (scope) => {
    const set = new ses.ConfigurationSet(scope, 'Set');
    set.addEventDestination('Bounces', {
      destination: ses.EventDestination.snsTopic(new sns.Topic(scope, 'Bounces')),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    const identity = new ses.EmailIdentity(scope, 'Identity', {
      identity: ses.Identity.domain('shop.example.com'),
      configurationSet: set,
    });
    identity.grantSendEmail(lambdaRole(scope, 'Mailer'));
  },
  // SageMaker: a model and an endpoint with an execution role reading its artifacts and pulling
  // its image; a function that invokes that one endpoint.
  SageMakerEndpoint: (scope) => {
    const artifacts = new s3.Bucket(scope, 'Artifacts');
    const images = new ecr.Repository(scope, 'Images');
    const role = new iam.Role(scope, 'Execution', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    });
    artifacts.grantRead(role, 'models/*');
    images.grantPull(role);
    const model = new sagemaker.CfnModel(scope, 'Model', {
      executionRoleArn: role.roleArn,
      primaryContainer: {
        image: images.repositoryUriForTag('v1'),
        modelDataUrl: artifacts.s3UrlForObject('models/model.tar.gz'),
      },
    });
    const config = new sagemaker.CfnEndpointConfig(scope, 'Config', {
      productionVariants: [
        {
          modelName: model.attrModelName,
          variantName: 'AllTraffic',
          initialInstanceCount: 1,
          instanceType: 'ml.m5.large',
        },
      ],
    });
    const endpoint = new sagemaker.CfnEndpoint(scope, 'Endpoint', {
      endpointConfigName: config.attrEndpointConfigName,
      endpointName: 'shop-ranker',
    });
    inlineFunction(scope, 'Ranker').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:InvokeEndpoint'], resources: [endpoint.ref] }),
    );
  },
  // AWS Backup: a plan that may restore; a vault that accounts of the organization copy into.
  BackupSharing: (scope) => {
    const vault = new backup.BackupVault(scope, 'Vault');
    vault.addToAccessPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['backup:CopyIntoBackupVault'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION } },
      }),
    );
    const plan = backup.BackupPlan.daily35DayRetention(scope, 'Plan', vault);
    plan.addSelection('Tagged', {
      resources: [backup.BackupResource.fromTag('backup', 'daily')],
      allowRestores: true,
    });
  },
  // CodeBuild secrets: environment variables from Secrets Manager (by name and by ARN) and
  // Parameter Store, a registry login secret.
  CodeBuildSecrets: (scope) => {
    const token = new secretsmanager.Secret(scope, 'NpmToken');
    new codebuild.Project(scope, 'Project', {
      environment: {
        buildImage: codebuild.LinuxBuildImage.fromDockerRegistry('registry.example.com/ci/node:22', {
          secretsManagerCredentials: new secretsmanager.Secret(scope, 'RegistryLogin'),
        }),
      },
      environmentVariables: {
        NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: token.secretArn },
        SONAR: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'shop/sonar:token' },
        FLAG: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/shop/ci/flag' },
      },
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci'] } } }),
    });
  },
  // Lambda event sources: an encrypted queue, a stream with an on-failure queue, a topic, a
  // bucket, a Kinesis consumer (enhanced fan-out).
  EventSourcesMore: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    fn.addEventSource(
      new sources.SqsEventSource(new sqs.Queue(scope, 'Jobs', { encryptionMasterKey: new kms.Key(scope, 'JobsKey') })),
    );
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
    fn.addEventSource(
      new sources.DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.LATEST,
        onFailure: new sources.SqsDlq(new sqs.Queue(scope, 'Failed')),
      }),
    );
    fn.addEventSource(new sources.SnsEventSource(new sns.Topic(scope, 'Topic')));
    fn.addEventSource(
      new sources.S3EventSourceV2(new s3.Bucket(scope, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    const consumer = new kinesis.StreamConsumer(scope, 'Consumer', {
      stream: new kinesis.Stream(scope, 'Stream'),
      streamConsumerName: 'shop',
    });
    fn.addEventSource(
      new sources.KinesisConsumerEventSource(consumer, { startingPosition: lambda.StartingPosition.LATEST }),
    );
  },
  // The Provider framework with the role of the user's choosing, and a custom resource backed
  // by a function directly (its service token).
  ProviderRoles: (scope) => {
    const role = lambdaRole(scope, 'FrameworkRole');
    const provider = new cr.Provider(scope, 'Provider', {
      onEventHandler: inlineFunction(scope, 'OnEvent'),
      frameworkOnEventRole: role,
      providerFunctionEnvEncryption: new kms.Key(scope, 'EnvKey'),
    });
    new CustomResource(scope, 'Seed', { serviceToken: provider.serviceToken });
    new CustomResource(scope, 'Direct', { serviceToken: inlineFunction(scope, 'DirectHandler').functionArn });
  },
  // BucketDeployment into a bucket encrypted with a key of the stack, with a prefix.
  EncryptedDeployment: (scope) => {
    const key = new kms.Key(scope, 'Key');
    const bucket = new s3.Bucket(scope, 'Site', { encryptionKey: key });
    new s3deploy.BucketDeployment(scope, 'Deploy', {
      sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
      destinationBucket: bucket,
      destinationKeyPrefix: 'web/',
      serverSideEncryption: s3deploy.ServerSideEncryption.AWS_KMS,
      serverSideEncryptionAwsKmsKeyId: key.keyId,
    });
  },
  // A trigger running an existing function after a table is created, the function granted it.
  TriggerAfter: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const seed = inlineFunction(scope, 'Seed');
    table.grantWriteData(seed);
    new triggers.Trigger(scope, 'Run', { handler: seed, executeAfter: [table] });
  },
  // Step Functions tasks not in the other audits: SQS, PutItem, an IAM-authorized REST API, an
  // activity, an SDK call with its IAM action named and an extra statement.
  SfnTasksMore: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const api = new apigateway.RestApi(scope, 'Api', { cloudWatchRole: false });
    api.root.addMethod('POST', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
    });
    machine(
      scope,
      'Machine',
      new tasks.SqsSendMessage(scope, 'Send', {
        queue: new sqs.Queue(scope, 'Queue'),
        messageBody: sfn.TaskInput.fromText('hi'),
      })
        .next(
          new tasks.DynamoPutItem(scope, 'Put', {
            table,
            item: { pk: tasks.DynamoAttributeValue.fromString('x') },
          }),
        )
        .next(
          new tasks.CallApiGatewayRestApiEndpoint(scope, 'Call', {
            api,
            stageName: 'prod',
            method: tasks.HttpMethod.POST,
            authType: tasks.AuthType.IAM_ROLE,
          }),
        )
        .next(new tasks.StepFunctionsInvokeActivity(scope, 'Wait', { activity: new sfn.Activity(scope, 'Approval') }))
        .next(
          new tasks.CallAwsService(scope, 'Tag', {
            service: 'sfn',
            action: 'tagResource',
            iamAction: 'states:TagResource',
            iamResources: [`arn:aws:states:${ENV.region}:${ENV.account}:stateMachine:checkout`],
            parameters: { ResourceArn: 'x', Tags: [] },
            additionalIamStatements: [
              new iam.PolicyStatement({ actions: ['states:ListTagsForResource'], resources: ['*'] }),
            ],
          }),
        ),
    );
  },
  // A SageMaker transform job run by a state machine, with the role the task creates.
  SfnTransform: (scope) => {
    const bucket = new s3.Bucket(scope, 'Batch');
    machine(
      scope,
      'Machine',
      new tasks.SageMakerCreateTransformJob(scope, 'Transform', {
        transformJobName: 'score',
        modelName: 'shop-ranker',
        transformInput: {
          transformDataSource: {
            s3DataSource: { s3Uri: bucket.s3UrlForObject('in/'), s3DataType: tasks.S3DataType.S3_PREFIX },
          },
        },
        transformOutput: { s3OutputPath: bucket.s3UrlForObject('out/') },
      }),
    );
  },
  // CodePipeline: CodeStar connection sources (an ARN of the older and of the newer service
  // prefix), an S3 deploy into a bucket of another account through a role of that account, a
  // Lambda invoke.
  PipelineCrossAccount: (scope) => {
    const source = new codepipeline.Artifact();
    const partnerBucket = s3.Bucket.fromBucketAttributes(scope, 'PartnerSite', {
      bucketArn: 'arn:aws:s3:::partner-site',
      account: PARTNER_ACCOUNT,
    });
    new codepipeline.Pipeline(scope, 'Pipeline', {
      crossAccountKeys: true,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new cpactions.CodeStarConnectionsSourceAction({
              actionName: 'GitHub',
              owner: 'acme',
              repo: 'shop',
              branch: 'main',
              connectionArn: `arn:aws:codestar-connections:${ENV.region}:${ENV.account}:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
              output: source,
            }),
            // A connection the console created after July 2024: its ARN has the new prefix.
            new cpactions.CodeStarConnectionsSourceAction({
              actionName: 'Infra',
              owner: 'acme',
              repo: 'infra',
              branch: 'main',
              connectionArn: `arn:aws:codeconnections:${ENV.region}:${ENV.account}:connection/1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e`,
              output: new codepipeline.Artifact(),
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new cpactions.S3DeployAction({
              actionName: 'Site',
              bucket: partnerBucket,
              input: source,
              role: iam.Role.fromRoleArn(scope, 'PartnerDeploy', `arn:aws:iam::${PARTNER_ACCOUNT}:role/site-deployer`, {
                mutable: false,
              }),
            }),
            new cpactions.LambdaInvokeAction({ actionName: 'Notify', lambda: inlineFunction(scope, 'Notify') }),
          ],
        },
      ],
    });
  },
  // Grants written by hand on a grantee: a DSQL cluster, a signing key, Route 53 records of one
  // name, a table read through a custom grant on both the role and the key.
  HandGrants: (scope) => {
    const role = lambdaRole(scope, 'Role');
    role.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dsql:DbConnect'],
        resources: [`arn:aws:dsql:${ENV.region}:${ENV.account}:cluster/abcdefghijklmnopqrstuvwxyz`],
      }),
    );
    const signing = new kms.Key(scope, 'Signing', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
    });
    signing.grant(role, 'kms:Sign', 'kms:GetPublicKey');
    role.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['route53:ChangeResourceRecordSets'],
        resources: ['arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'],
        conditions: {
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['api.shop.example.com'],
            'route53:ChangeResourceRecordSetsActions': ['UPSERT'],
          },
        },
      }),
    );
    const key = new kms.Key(scope, 'DataKey');
    const secret = new secretsmanager.CfnSecret(scope, 'Secret', { kmsKeyId: key.keyId });
    role.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [key.keyArn] }),
    );
    role.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.ref],
      }),
    );
  },
  // Key policies for service deliveries: CloudWatch Logs limited to the account's log groups by
  // encryption context, CloudWatch alarms publishing to an encrypted topic (aws:SourceAccount),
  // the account's principals through one service (`kms:CallerAccount` and `kms:ViaService`).
  ServiceKeys: (scope) => {
    const logsKey = new kms.Key(scope, 'LogsKey');
    logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${ENV.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${ENV.region}:${ENV.account}:log-group:*` },
        },
      }),
    );
    new logs.LogGroup(scope, 'Logs', { encryptionKey: logsKey });
    const alarmKey = new kms.Key(scope, 'AlarmKey');
    alarmKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    );
    new sns.Topic(scope, 'Alarms', { masterKey: alarmKey });
    const ebsKey = new kms.Key(scope, 'EbsKey');
    ebsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': ENV.account, 'kms:ViaService': `ec2.${ENV.region}.amazonaws.com` },
        },
      }),
    );
    // An encrypted volume: aws-cdk-lib grants the account's principals through EC2 (`kms:CallerAccount`).
    new ec2.Volume(scope, 'Data', {
      availabilityZone: `${ENV.region}a`,
      size: Size.gibibytes(10),
      encrypted: true,
      encryptionKey: ebsKey,
    });
  },
  // Bucket policies: CloudFront may list the bucket (`AWS:SourceArn` written in the case the
  // console uses), every principal through one VPC endpoint, one function's role, and a Deny
  // on policy changes for all but the account.
  BucketPolicies: (scope) => {
    const site = new s3.Bucket(scope, 'Site');
    site.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:ListBucket'],
        resources: [site.bucketArn],
        conditions: {
          StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ENV.account}:distribution/E1A2B3C4D5E6F7` },
        },
      }),
    );
    const endpoint = sharedVpc(scope).addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const defs = new s3.Bucket(scope, 'Definitions');
    defs.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:ListBucket'],
        resources: [defs.bucketArn, defs.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } },
      }),
    );
    defs.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notPrincipals: [new iam.AccountRootPrincipal()],
        actions: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
        resources: [defs.bucketArn],
      }),
    );
    const wiki = new s3.Bucket(scope, 'Wiki');
    wiki.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [inlineFunction(scope, 'Worker').grantPrincipal],
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [wiki.arnForObjects('*')],
      }),
    );
  },
  // Topic policies for AWS services, scoped as their guides write them: Budgets, and S3
  // replication failures with the bucket ARN and the account.
  TopicPolicies: (scope) => {
    const budgets = new sns.Topic(scope, 'Budgets');
    budgets.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [budgets.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': ENV.account },
          ArnLike: { 'aws:SourceArn': `arn:aws:budgets::${ENV.account}:*` },
        },
      }),
    );
    const bucket = new s3.Bucket(scope, 'Data');
    const failures = new sns.Topic(scope, 'Failures');
    failures.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [failures.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': ENV.account },
        },
      }),
    );
  },
  // Resources shared with conditions that name who: a topic every service of the account may
  // publish to, a secret for the principals of a trusted account, images pulled by the functions
  // of a trusted account (the account and the Lambda service with the functions' ARN).
  ConditionalShares: (scope) => {
    new sns.Topic(scope, 'Topic').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    );
    new secretsmanager.Secret(scope, 'Secret').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalAccount': PARTNER_ACCOUNT } },
      }),
    );
    const images = new ecr.Repository(scope, 'Images');
    images.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(PARTNER_ACCOUNT)],
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      }),
    );
    images.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        conditions: { StringLike: { 'aws:sourceARN': `arn:aws:lambda:${ENV.region}:${PARTNER_ACCOUNT}:function:*` } },
      }),
    );
  },
  // OpenSearch Ingestion reading a bucket into one domain; a Cognito SMS role whose trust is
  // given its external id through the escape hatch.
  IngestionAndSms: (scope) => {
    const role = new iam.Role(scope, 'Pipeline', {
      assumedBy: new iam.ServicePrincipal('osis-pipelines.amazonaws.com'),
      inlinePolicies: {
        Ingest: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['es:DescribeDomain', 'es:ESHttp*'],
              resources: [
                `arn:aws:es:${ENV.region}:${ENV.account}:domain/shop-search`,
                `arn:aws:es:${ENV.region}:${ENV.account}:domain/shop-search/*`,
              ],
            }),
          ],
        }),
      },
    });
    new s3.Bucket(scope, 'Raw').grantRead(role);
    const sms = new iam.Role(scope, 'Sms', {
      assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      inlinePolicies: {
        Sms: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] })],
        }),
      },
    });
    (sms.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
      StringEquals: { 'sts:ExternalId': 'shop-sms-7f3a' },
    });
  },
  // Read-only discovery a service needs: Traefik's ECS and EC2 lookups, and the Describe
  // actions of an SSM agent.
  Discovery: (scope) => {
    new iam.Role(scope, 'Router', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      inlinePolicies: {
        Discover: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'ec2:DescribeInstances',
                'ecs:ListClusters',
                'ecs:DescribeClusters',
                'ecs:ListTasks',
                'ecs:DescribeTasks',
                'ecs:DescribeContainerInstances',
                'ecs:DescribeTaskDefinition',
              ],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
  },
  // Policies written as JSON: a managed policy from a document (PolicyDocument.fromJson), a
  // statement from JSON added to a role, a parameter path read.
  JsonPolicies: (scope) => {
    const role = lambdaRole(scope, 'Role');
    new iam.ManagedPolicy(scope, 'Read', {
      roles: [role],
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'],
            Resource: `arn:aws:ssm:${ENV.region}:${ENV.account}:parameter/shop/*`,
          },
        ],
      }),
    });
    role.addToPolicy(
      iam.PolicyStatement.fromJson({
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [inlineFunction(scope, 'Pricing').functionArn],
      }),
    );
    new ssm.StringParameter(scope, 'Flag', { parameterName: '/shop/flag', stringValue: 'on' });
  },
  // More Scheduler targets: a Firehose stream, a pipeline, a SageMaker pipeline.
  SchedulerMore: (scope) => {
    const every = scheduler.ScheduleExpression.rate(Duration.days(1));
    const delivery = new firehose.DeliveryStream(scope, 'Delivery', {
      destination: new firehose.S3Bucket(new s3.Bucket(scope, 'Ticks')),
    });
    new scheduler.Schedule(scope, 'Record', {
      schedule: every,
      target: new schedulerTargets.FirehosePutRecord(delivery, {}),
    });
    const pipeline = codepipeline.Pipeline.fromPipelineArn(
      scope,
      'Nightly',
      `arn:aws:codepipeline:${ENV.region}:${ENV.account}:nightly`,
    );
    new scheduler.Schedule(scope, 'Release', {
      schedule: every,
      target: new schedulerTargets.CodePipelineStartPipelineExecution(pipeline, {}),
    });
  },
  // Step Functions: a Bedrock model customization job (the role it creates, passed to Bedrock),
  // a DataBrew job, an EMR step, a SageMaker endpoint created from a configuration.
  SfnMlTasks: (scope) => {
    const data = new s3.Bucket(scope, 'Data');
    machine(
      scope,
      'Machine',
      new tasks.BedrockCreateModelCustomizationJob(scope, 'Customize', {
        baseModel: bedrock.FoundationModel.fromFoundationModelId(
          scope,
          'Base',
          bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1,
        ),
        customModelName: 'shop-titan',
        jobName: 'shop-titan-1',
        trainingData: { bucket: data, path: 'train.jsonl' },
        outputData: { bucket: data, path: 'out/' },
        validationData: [{ bucket: data, path: 'validate.jsonl' }],
      })
        .next(new tasks.GlueDataBrewStartJobRun(scope, 'Clean', { name: 'orders-clean' }))
        .next(
          new tasks.EmrAddStep(scope, 'Step', {
            clusterId: 'j-0A1B2C3D4E5F6',
            name: 'aggregate',
            jar: 'command-runner.jar',
            args: ['spark-submit', 's3://shop-scripts/aggregate.py'],
          }),
        )
        .next(
          new tasks.SageMakerCreateEndpoint(scope, 'Endpoint', {
            endpointName: 'shop-ranker-2',
            endpointConfigName: 'shop-ranker-config',
          }),
        ),
    );
  },
  // ECS: a service with an EBS volume ECS manages (the infrastructure role and its AWS managed policy).
  EcsVolumes: (scope) => {
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    const container = task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
    });
    const volume = new ecs.ServiceManagedVolume(scope, 'Scratch', {
      name: 'scratch',
      managedEBSVolume: { size: Size.gibibytes(20), encrypted: true },
    });
    task.addVolume(volume);
    volume.mountIn(container, { containerPath: '/scratch', readOnly: false });
    const service = new ecs.FargateService(scope, 'Service', {
      cluster: new ecs.Cluster(scope, 'Cluster', { vpc: sharedVpc(scope) }),
      taskDefinition: task,
      vpcSubnets: isolated,
    });
    service.addVolume(volume);
  },
  // AppSync Events: a channel namespace, a role that publishes and one that subscribes.
  AppSyncEvents: (scope) => {
    const api = new appsync.EventApi(scope, 'Api', {
      apiName: 'shop-events',
      authorizationConfig: { authProviders: [{ authorizationType: appsync.AppSyncAuthorizationType.IAM }] },
    });
    const orders = api.addChannelNamespace('Orders', { channelNamespaceName: 'orders' });
    orders.grantPublish(lambdaRole(scope, 'Publisher'));
    api.grantSubscribe(lambdaRole(scope, 'Subscriber'));
    api.grantConnect(lambdaRole(scope, 'Client'));
  },
  // CodeBuild with Session Manager access to its builds (the actions only take `*`).
  CodeBuildDebug: (scope) => {
    new codebuild.Project(scope, 'Project', {
      ssmSessionPermissions: true,
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
    });
  },
  // MSK through SASL/SCRAM: the function reads the secret (and its key) the event source names.
  KafkaScram: (scope) => {
    const secret = new secretsmanager.Secret(scope, 'Login', {
      secretName: 'AmazonMSK_shop',
      encryptionKey: new kms.Key(scope, 'Key'),
    });
    inlineFunction(scope, 'Fn').addEventSource(
      new sources.ManagedKafkaEventSource({
        clusterArn: `arn:aws:kafka:${ENV.region}:${ENV.account}:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2`,
        topic: 'orders',
        secret,
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      }),
    );
  },
  // A grant on both sides (a role of a trusted account reading a queue: its policy and ours); a
  // distribution that may list the bucket it reads.
  BothSides: (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    iam.Grant.addToPrincipalAndResource({
      grantee: iam.Role.fromRoleArn(scope, 'Reader', `arn:aws:iam::${PARTNER_ACCOUNT}:role/reader`),
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
      resourceArns: [queue.queueArn],
      resource: queue,
    });
    const site = new s3.Bucket(scope, 'Site');
    new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site, {
          originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
        }),
      },
    });
  },
  // A table the function fully owns (grantFullAccess); a PartiQL read granted by name.
  TableOwner: (scope) => {
    const table = new dynamodb.TableV2(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const fn = inlineFunction(scope, 'Owner');
    table.grantFullAccess(fn);
    table.grant(lambdaRole(scope, 'Query'), 'dynamodb:PartiQLSelect');
  },
};

/**
 * An app of the idiom cases `cases` (names in {@link SURVEY2_IDIOMS}): one stack, one scope per
 * case. The tests synthesize the cases in a few apps, each small enough to synthesize in seconds.
 */
export function survey2App(cases: readonly string[]): (props?: AppProps) => App {
  return (props = {}) => {
    const app = new App(props);
    const stack = new Stack(app, 'Survey2', { env: ENV });
    for (const id of cases) {
      const build = SURVEY2_IDIOMS[id];
      if (build === undefined) throw new Error(`no idiom case ${id}`);
      build(new Construct(stack, id));
    }
    return app;
  };
}

/** Risks planted in the same constructs, one per scope of the `Survey2Risks` stack. */
const SURVEY2_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A REST API whose resource policy lets every principal invoke it, without a condition.
  OpenApiPolicy: (scope) => {
    new apigateway.RestApi(scope, 'Api', {
      cloudWatchRole: false,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['*'],
          }),
        ],
      }),
    }).root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
  },
  // A key any principal may use (no caller-account or service condition).
  OpenKey: (scope) => {
    new kms.Key(scope, 'Key', {
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
          }),
        ],
      }),
    });
  },
  // A topic S3 of any account may publish to (no source ARN or account).
  TopicDeputy: (scope) => {
    const topic = new sns.Topic(scope, 'Topic');
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: ['*'],
      }),
    );
  },
  // A repository whose layers anyone may download.
  PublicRepository: (scope) => {
    new ecr.Repository(scope, 'Images').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      }),
    );
  },
  // GitHub OIDC without a condition at all, and with only a subject pattern on an admin role.
  OidcLoose: (scope) => {
    const github = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      scope,
      'Github',
      `arn:aws:iam::${ENV.account}:oidc-provider/${GITHUB}`,
    );
    new iam.Role(scope, 'NoCondition', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCodeDeployDeployerAccess')],
    });
    new iam.Role(scope, 'Admin', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  },
  // An EKS service account role that may pass any role; the trust of an IRSA role rewritten to
  // every service account of the cluster through the escape hatch.
  EksServiceAccount: (scope) => {
    const cluster = importedCluster(scope);
    const sa = cluster.addServiceAccount('Deployer', { name: 'deployer', namespace: 'ci' });
    sa.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    const wide = new iam.Role(scope, 'AnyPod', {
      assumedBy: new iam.FederatedPrincipal(
        `arn:aws:iam::${ENV.account}:oidc-provider/${OIDC_ISSUER}`,
        {},
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    (wide.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
      StringEquals: { [`${OIDC_ISSUER}:aud`]: 'sts.amazonaws.com' },
    });
  },
  // A trust rewritten through the escape hatch to every AWS principal.
  OverrideTrust: (scope) => {
    const role = lambdaRole(scope, 'Role');
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', {
      AWS: '*',
    });
  },
  // StackSets administration that may assume every role of every account; sts:AssumeRole on
  // every role under a tag test any role meets (`StringLikeIfExists` `*`: untagged roles too).
  AssumeAnywhere: (scope) => {
    const admin = new iam.Role(scope, 'Administration', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
    });
    admin.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::*:role/*'] }),
    );
    const deploy = new codebuild.PipelineProject(scope, 'Deploy');
    deploy.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['*'],
        conditions: { StringLikeIfExists: { 'iam:ResourceTag/team': '*' } },
      }),
    );
  },
  // Decrypt with any key; read any secret from a build.
  UnscopedSecrets: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: ['*'] }));
    new codebuild.PipelineProject(scope, 'Build').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }),
    );
  },
  // A universal Scheduler target that may pass any role.
  SchedulerPassRole: (scope) => {
    new scheduler.Schedule(scope, 'Schedule', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      target: new schedulerTargets.Universal({
        service: 'ecs',
        action: 'runTask',
        input: scheduler.ScheduleTargetInput.fromObject({ TaskDefinition: 'shop' }),
        policyStatements: [new iam.PolicyStatement({ actions: ['ecs:RunTask', 'iam:PassRole'], resources: ['*'] })],
      }),
    });
  },
  // A bucket policy for every principal whose only condition is TLS: still public.
  TlsOnlyCondition: (scope) => {
    const bucket = new s3.Bucket(scope, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
    );
  },
  // A backup vault any account may copy into; an MSK cluster policy for every principal.
  OpenVaultAndCluster: (scope) => {
    new backup.BackupVault(scope, 'Vault').addToAccessPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['backup:CopyIntoBackupVault'],
        resources: ['*'],
      }),
    );
    new msk.CfnClusterPolicy(scope, 'ClusterPolicy', {
      clusterArn: `arn:aws:kafka:${ENV.region}:${ENV.account}:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-s1`,
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kafka:*', Resource: '*' }],
      },
    });
  },
  // Inline policies written through the escape hatch: every action on every resource.
  OverridePolicies: (scope) => {
    const role = lambdaRole(scope, 'Role');
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('Policies', [
      {
        PolicyName: 'Everything',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ]);
  },
  // A topic policy rewritten through the escape hatch to every principal.
  OverrideTopicPolicy: (scope) => {
    const topic = new sns.Topic(scope, 'Topic');
    topic.grantPublish(new iam.AccountPrincipal(PARTNER_ACCOUNT));
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Principal', { AWS: '*' });
  },
  // Every principal, limited by conditions that any account can meet: a role name in any
  // account, any organization, a key for callers of an untrusted account.
  LooseConditions: (scope) => {
    const bucket = new s3.Bucket(scope, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } },
      }),
    );
    const shared = new s3.Bucket(scope, 'Shared');
    shared.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [shared.arnForObjects('*')],
        conditions: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
      }),
    );
    new kms.Key(scope, 'Key').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': '999988887777' } },
      }),
    );
  },
  // A repository the Lambda service pulls from for the functions of any account.
  RepositoryDeputy: (scope) => {
    new ecr.Repository(scope, 'Images').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      }),
    );
  },
  // GitHub OIDC whose subject is any token of the provider.
  OidcAnySubject: (scope) => {
    const github = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      scope,
      'Github',
      `arn:aws:iam::${ENV.account}:oidc-provider/${GITHUB}`,
    );
    new iam.Role(scope, 'Role', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB}:sub`]: '*' },
      }),
    });
  },
  // A pipe role that may invoke every function and start every state machine; an MSK client
  // allowed every cluster action everywhere.
  WideServiceRoles: (scope) => {
    const role = new iam.Role(scope, 'PipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction', 'states:StartExecution'], resources: ['*'] }),
    );
    lambdaRole(scope, 'Client').addToPolicy(
      new iam.PolicyStatement({ actions: ['kafka-cluster:*'], resources: ['*'] }),
    );
  },
  // Escape hatches that widen what a grant wrote: the resource of the default policy replaced
  // by `*`, an AWS managed admin policy added to the role's properties.
  OverrideGrants: (scope) => {
    const role = lambdaRole(scope, 'Reader');
    new s3.Bucket(scope, 'Bucket').grantRead(role);
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
    const admin = lambdaRole(scope, 'Admin');
    (admin.node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', [
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
  },
  // Policies attached outside the role construct: an inline policy on a role imported by name,
  // a managed policy on a group, an L1 role with its own inline policy and a partner it does not
  // know, a role trusted by a service and a role of an untrusted account together.
  L1AndImported: (scope) => {
    new iam.Policy(scope, 'OpsPolicy', {
      roles: [iam.Role.fromRoleName(scope, 'Ops', 'ops')],
      statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })],
    });
    new iam.ManagedPolicy(scope, 'GroupPolicy', {
      groups: [new iam.Group(scope, 'Developers')],
      statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })],
    });
    new iam.CfnRole(scope, 'Vendor', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
        ],
      },
      policies: [
        {
          policyName: 'Read',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
          },
        },
      ],
    });
    new iam.Role(scope, 'Mixed', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.ArnPrincipal('arn:aws:iam::999988887777:role/ops'),
      ),
    });
  },
  // Resource policies written as L1 resources: an event bus policy in its older form (one
  // principal, one action), a CodeArtifact domain, a queue inline policy, all for everyone.
  L1ResourcePolicies: (scope) => {
    const bus = new events.EventBus(scope, 'Bus');
    new events.CfnEventBusPolicy(scope, 'BusPolicy', {
      eventBusName: bus.eventBusName,
      statementId: 'anyone',
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the older form, as templates still write it
      action: 'events:PutEvents',
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the older form, as templates still write it
      principal: '*',
    });
    new codeartifact.CfnDomain(scope, 'Domain', {
      domainName: 'shop',
      permissionsPolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: ['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository'],
            Resource: '*',
          },
        ],
      },
    });
    const queue = new sqs.Queue(scope, 'Queue');
    new sqs.CfnQueueInlinePolicy(scope, 'QueuePolicy', {
      queue: queue.queueUrl,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: queue.queueArn }],
      },
    });
  },
  // Policies written at deploy by AwsCustomResource SDK calls: an inline policy granting
  // everything, a trust for every principal, a role an untrusted account assumes,
  // AdministratorAccess attached, a topic policy for everyone.
  SdkCallPolicies: (scope) => {
    const role = lambdaRole(scope, 'Worker');
    const document = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    const sdkCall = (id: string, call: cr.AwsSdkCall, resource: string): void => {
      new cr.AwsCustomResource(scope, id, {
        onCreate: { ...call, physicalResourceId: cr.PhysicalResourceId.of(id) },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [resource] }),
      });
    };
    sdkCall(
      'Inline',
      {
        service: 'IAM',
        action: 'putRolePolicy',
        parameters: {
          RoleName: role.roleName,
          PolicyName: 'everything',
          PolicyDocument: document({ Effect: 'Allow', Action: '*', Resource: '*' }),
        },
      },
      role.roleArn,
    );
    sdkCall(
      'Trust',
      {
        service: 'IAM',
        action: 'updateAssumeRolePolicy',
        parameters: {
          RoleName: role.roleName,
          PolicyDocument: document({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
        },
      },
      role.roleArn,
    );
    sdkCall(
      'CreateRole',
      {
        service: 'IAM',
        action: 'createRole',
        parameters: {
          RoleName: 'vendor-access',
          AssumeRolePolicyDocument: document({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999988887777:root' },
            Action: 'sts:AssumeRole',
          }),
        },
      },
      `arn:aws:iam::${ENV.account}:role/vendor-access`,
    );
    const attached = lambdaRole(scope, 'Attached');
    sdkCall(
      'Attach',
      {
        service: 'IAM',
        action: 'attachRolePolicy',
        parameters: { RoleName: attached.roleName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      },
      attached.roleArn,
    );
    const topic = new sns.Topic(scope, 'Topic');
    sdkCall(
      'TopicPolicy',
      {
        service: 'SNS',
        action: 'setTopicAttributes',
        parameters: {
          TopicArn: topic.topicArn,
          AttributeName: 'Policy',
          AttributeValue: document({
            Effect: 'Allow',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: topic.topicArn,
          }),
        },
      },
      topic.topicArn,
    );
  },
};

/** The second survey's risks app: one stack, one scope per case. */
export function survey2RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey2Risks', { env: ENV });
  for (const [id, build] of Object.entries(SURVEY2_RISKS)) build(new Construct(stack, id));
  return app;
}
