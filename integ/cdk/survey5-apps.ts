/**
 * The fifth survey: IAM that aws-cdk-lib L2 and L3 constructs create on the user's behalf, in the
 * forms the other audits (survey-apps.ts to survey4-apps.ts, idiom-apps.ts, construct-apps.ts,
 * parity-apps.ts, internals-survey.ts) do not reproduce: `AwsCustomResource` SDK calls (scoped,
 * SDK v3 names, calls that only take `*`), the provider framework in a VPC, `BucketDeployment`
 * with an invalidated distribution or an imported bucket, `CallAwsService` with `iamAction`,
 * `eks.FargateCluster`, CDK Pipelines with a `CodeBuildStep`, a CodePipeline source in another
 * account (the support stack CDK generates there), Lambda permissions by organization,
 * `LambdaRestApi`, EventBridge targets, AWS Batch on Fargate and Spot, ECS patterns (queue worker,
 * scheduled task, NLB service), log group grants, SNS subscriptions, Config rules, a Backup
 * selection by tag, an Auto Scaling group with its role, a Glue `CfnJob`, Cognito triggers; then
 * the risks a reviewer refuses in the same constructs: `ANY_RESOURCE` with destructive or IAM
 * calls, policies set by SDK calls, functions any principal invokes, CDK Pipelines' CodeBuild
 * defaults that reach the self-mutation role, grants to the roles CDK creates. One scope per case
 * (`Survey5/<Case>`, `Survey5Risks/<Case>`); each app is synthesized once per test.
 */
import { App, ArnFormat, CustomResource, Duration, Size, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as config from 'aws-cdk-lib/aws-config';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER_ACCOUNT = '444455556666';
const ORGANIZATION = 'o-a1b2c3d4e5';
const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const ANY_RESOURCE = cr.AwsCustomResourcePolicy.ANY_RESOURCE;

/**
 * The configuration of the fifth survey: the partner account and the app's own account are
 * trusted, as a team deploying one app into both lists them (a stack of the app in the partner
 * account trusts the pipeline's account).
 */
export const SURVEY5_CONFIG = { trust: { accounts: [PARTNER_ACCOUNT, ENV.account] } } as const;

/** One VPC, with private subnets (EKS, ECS patterns), for the cases of a stack. */
function sharedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

function machine(scope: Construct, id: string, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, id, { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
}

function lambdaRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** A CodeStar connection of the account (the older service prefix, which the action names). */
function connection(): pipelines.CodePipelineSource {
  return pipelines.CodePipelineSource.connection('acme/shop', 'main', {
    connectionArn: `arn:aws:codestar-connections:${ENV.region}:${ENV.account}:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
  });
}

/** Each case wires IAM the way aws-cdk-lib and public apps do; a careful reviewer finds nothing to refuse. */
export const SURVEY5_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // AwsCustomResource: a parameter written and deleted (one ARN), read with SDK v3 names, the
  // caller's identity (`*` only), a user pool client described in one pool.
  SdkCalls: (scope) => {
    const parameter = Stack.of(scope).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: 'shop/version',
    });
    new cr.AwsCustomResource(scope, 'Version', {
      onCreate: {
        service: 'SSM',
        action: 'putParameter',
        parameters: { Name: '/shop/version', Value: '1', Type: 'String', Overwrite: true },
        physicalResourceId: cr.PhysicalResourceId.of('version'),
      },
      onDelete: { service: 'SSM', action: 'deleteParameter', parameters: { Name: '/shop/version' } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameter] }),
    });
    new cr.AwsCustomResource(scope, 'V3Names', {
      onUpdate: {
        service: '@aws-sdk/client-ssm',
        action: 'GetParameterCommand',
        parameters: { Name: '/shop/version' },
        physicalResourceId: cr.PhysicalResourceId.of('v3'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameter] }),
    });
    new cr.AwsCustomResource(scope, 'Identity', {
      onUpdate: { service: 'STS', action: 'getCallerIdentity', physicalResourceId: cr.PhysicalResourceId.of('id') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
    });
    const pool = new cognito.UserPool(scope, 'Users');
    const client = pool.addClient('Web', { generateSecret: true });
    new cr.AwsCustomResource(scope, 'ClientSecret', {
      onUpdate: {
        service: 'CognitoIdentityServiceProvider',
        action: 'describeUserPoolClient',
        parameters: { UserPoolId: pool.userPoolId, ClientId: client.userPoolClientId },
        physicalResourceId: cr.PhysicalResourceId.of(client.userPoolClientId),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] }),
    });
  },
  // A permission on a function of another stack, added by an SDK call: IoT may invoke the
  // provisioning hook for one template.
  SdkPermission: (scope) => {
    const permission = {
      service: 'Lambda',
      action: 'addPermission',
      parameters: {
        FunctionName: `arn:aws:lambda:${ENV.region}:${ENV.account}:function:provisioning-hook`,
        StatementId: 'iot-provisioning',
        Action: 'lambda:InvokeFunction',
        Principal: 'iot.amazonaws.com',
        SourceArn: `arn:aws:iot:${ENV.region}:${ENV.account}:provisioningtemplate/shop`,
      },
      physicalResourceId: cr.PhysicalResourceId.of('iot-provisioning'),
    };
    new cr.AwsCustomResource(scope, 'HookPermission', {
      onCreate: permission,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [`arn:aws:lambda:${ENV.region}:${ENV.account}:function:provisioning-hook`],
      }),
    });
  },
  // The provider framework in a VPC with its own log group, backing one custom resource.
  ProviderInVpc: (scope) => {
    const provider = new cr.Provider(scope, 'Provider', {
      onEventHandler: inlineFunction(scope, 'OnEvent'),
      logGroup: new logs.LogGroup(scope, 'ProviderLogs'),
      vpc: sharedVpc(scope),
    });
    new CustomResource(scope, 'Thing', { serviceToken: provider.serviceToken });
  },
  // BucketDeployment under a prefix of a bucket behind CloudFront (invalidated after the copy),
  // and into a bucket imported by name, without pruning.
  BucketDeployments: (scope) => {
    const site = new s3.Bucket(scope, 'Site');
    const distribution = new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
    });
    new s3deploy.BucketDeployment(scope, 'Web', {
      sources: [s3deploy.Source.data('index.html', '<h1>shop</h1>')],
      destinationBucket: site,
      destinationKeyPrefix: 'web/',
      distribution,
      distributionPaths: ['/web/*'],
    });
    new s3deploy.BucketDeployment(scope, 'Config', {
      sources: [s3deploy.Source.data('config.json', '{}')],
      destinationBucket: s3.Bucket.fromBucketName(scope, 'ConfigBucket', 'shop-config'),
      prune: false,
    });
  },
  // CallAwsService with the IAM action named where the SDK's differs (`s3:ListAllMyBuckets`, `*`
  // only), and an execution of one state machine described by its ARN.
  SfnSdkCalls: (scope) => {
    machine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'ListBuckets', {
        service: 's3',
        action: 'listBuckets',
        iamAction: 's3:ListAllMyBuckets',
        iamResources: ['*'],
      }).next(
        new tasks.CallAwsService(scope, 'Describe', {
          service: 'sfn',
          action: 'describeExecution',
          parameters: { ExecutionArn: sfn.JsonPath.stringAt('$.arn') },
          iamResources: [
            Stack.of(scope).formatArn({
              service: 'states',
              resource: 'execution',
              resourceName: 'jobs:*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      ),
    );
  },
  // EKS on Fargate: the cluster, its creation and kubectl roles, two pod execution roles.
  FargateCluster: (scope) => {
    const cluster = new eks.FargateCluster(scope, 'Cluster', {
      version: eks.KubernetesVersion.V1_32,
      kubectlLayer: new lambda.LayerVersion(scope, 'Kubectl', {
        code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(scope, 'Layers', 'shop-layers'), 'kubectl.zip'),
      }),
      vpc: sharedVpc(scope),
    });
    cluster.addFargateProfile('Jobs', { selectors: [{ namespace: 'jobs' }] });
  },
  // CDK Pipelines: a CodeBuildStep synth that may assume the lookup roles by their bootstrap tag,
  // the self-mutation and asset roles CDK Pipelines creates.
  CdkPipeline: (scope) => {
    new pipelines.CodePipeline(scope, 'Pipeline', {
      synth: new pipelines.CodeBuildStep('Synth', {
        input: connection(),
        commands: ['npm ci', 'npx cdk synth'],
        rolePolicyStatements: [
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            resources: ['*'],
            conditions: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': 'lookup' } },
          }),
        ],
      }),
    }).buildPipeline();
  },
  // A CodeCommit source in the partner account: CDK generates the action role in a support stack
  // there, trusted by the pipeline role only; a build and a deploy through the partner's roles.
  CrossAccountSource: (scope) => {
    const source = new codepipeline.Artifact();
    new codepipeline.Pipeline(scope, 'Pipeline', {
      crossAccountKeys: true,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new cpactions.CodeCommitSourceAction({
              actionName: 'Source',
              repository: codecommit.Repository.fromRepositoryArn(
                scope,
                'Repo',
                `arn:aws:codecommit:${ENV.region}:${PARTNER_ACCOUNT}:shop`,
              ),
              output: source,
            }),
          ],
        },
        {
          stageName: 'Build',
          actions: [
            new cpactions.CodeBuildAction({
              actionName: 'Build',
              project: new codebuild.PipelineProject(scope, 'Build'),
              input: source,
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new cpactions.CloudFormationCreateUpdateStackAction({
              actionName: 'Deploy',
              stackName: 'shop',
              templatePath: source.atPath('template.json'),
              adminPermissions: false,
              role: iam.Role.fromRoleArn(
                scope,
                'PartnerAction',
                `arn:aws:iam::${PARTNER_ACCOUNT}:role/pipeline-action`,
              ),
              deploymentRole: iam.Role.fromRoleArn(
                scope,
                'PartnerDeploy',
                `arn:aws:iam::${PARTNER_ACCOUNT}:role/cfn-exec`,
              ),
            }),
          ],
        },
      ],
    });
  },
  // Lambda permissions: every principal of the organization (`organizationId`), the partner
  // account; a function URL with IAM auth.
  LambdaPermissions: (scope) => {
    const fn = inlineFunction(scope, 'Fn');
    fn.addPermission('Organization', { principal: new iam.AnyPrincipal(), organizationId: ORGANIZATION });
    fn.addPermission('Partner', { principal: new iam.AccountPrincipal(PARTNER_ACCOUNT) });
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  },
  // LambdaRestApi: a proxy API, and one with a method per resource (a permission per method and
  // per test invocation, each with the API's source ARN).
  LambdaRestApi: (scope) => {
    new apigateway.LambdaRestApi(scope, 'Proxy', { handler: inlineFunction(scope, 'ProxyHandler') });
    const api = new apigateway.LambdaRestApi(scope, 'Items', {
      handler: inlineFunction(scope, 'ItemsHandler'),
      proxy: false,
    });
    api.root.addResource('items').addMethod('GET');
  },
  // EventBridge targets with resource policies: a function, a queue, a log group, and a state
  // machine through the role the rule gets.
  EventTargets: (scope) => {
    const rule = new events.Rule(scope, 'Rule', { eventPattern: { source: ['shop'] } });
    rule.addTarget(new targets.LambdaFunction(inlineFunction(scope, 'Fn')));
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(scope, 'Queue')));
    rule.addTarget(new targets.CloudWatchLogGroup(new logs.LogGroup(scope, 'Logs')));
    rule.addTarget(new targets.SfnStateMachine(machine(scope, 'Machine', new sfn.Pass(scope, 'Pass'))));
  },
  // AWS Batch: a Fargate compute environment and queue, a job whose role is granted a bucket; a
  // Spot EC2 environment (its instance role, the Spot Fleet role CDK creates).
  Batch: (scope) => {
    const environment = new batch.FargateComputeEnvironment(scope, 'Fargate', { vpc: sharedVpc(scope) });
    new batch.JobQueue(scope, 'Queue', { computeEnvironments: [{ computeEnvironment: environment, order: 1 }] });
    const jobRole = new iam.Role(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    new s3.Bucket(scope, 'Data').grantReadWrite(jobRole);
    new batch.EcsJobDefinition(scope, 'Job', {
      container: new batch.EcsFargateContainerDefinition(scope, 'Container', {
        image: ecs.ContainerImage.fromRegistry(IMAGE),
        cpu: 1,
        memory: Size.mebibytes(2048),
        jobRole,
      }),
    });
    new batch.ManagedEc2EcsComputeEnvironment(scope, 'Spot', { vpc: sharedVpc(scope), spot: true });
  },
  // ECS patterns: a queue worker (consumes its queue), a scheduled task (the rule's role runs it
  // and passes its roles), a service behind a network load balancer.
  EcsPatterns: (scope) => {
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc: sharedVpc(scope) });
    new ecsPatterns.QueueProcessingFargateService(scope, 'Worker', {
      cluster,
      queue: new sqs.Queue(scope, 'Jobs'),
      image: ecs.ContainerImage.fromRegistry(IMAGE),
    });
    new ecsPatterns.ScheduledFargateTask(scope, 'Nightly', {
      cluster,
      schedule: appscaling.Schedule.rate(Duration.days(1)),
      scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry(IMAGE) },
    });
    new ecsPatterns.NetworkLoadBalancedFargateService(scope, 'Nlb', {
      cluster,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') },
    });
  },
  // A log group written by one role and read by another.
  LogGroupGrants: (scope) => {
    const group = new logs.LogGroup(scope, 'Audit');
    group.grantWrite(lambdaRole(scope, 'Writer'));
    group.grantRead(lambdaRole(scope, 'Reader'));
  },
  // SNS subscriptions: a queue and a function of this stack, a queue subscribed to the partner's topic.
  SnsSubscriptions: (scope) => {
    const topic = new sns.Topic(scope, 'Orders');
    topic.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(scope, 'Queue')));
    topic.addSubscription(new subscriptions.LambdaSubscription(inlineFunction(scope, 'Fn')));
    sns.Topic.fromTopicArn(scope, 'Partner', `arn:aws:sns:${ENV.region}:${PARTNER_ACCOUNT}:orders`).addSubscription(
      new subscriptions.SqsSubscription(new sqs.Queue(scope, 'FromPartner')),
    );
  },
  // AWS Config: a managed rule, a custom rule evaluated by a function, a managed rule of CDK's.
  ConfigRules: (scope) => {
    new config.ManagedRule(scope, 'Versioning', {
      identifier: config.ManagedRuleIdentifiers.S3_BUCKET_VERSIONING_ENABLED,
    });
    new config.CustomRule(scope, 'Custom', {
      lambdaFunction: inlineFunction(scope, 'Evaluator'),
      configurationChanges: true,
      ruleScope: config.RuleScope.fromResources([config.ResourceType.S3_BUCKET]),
    });
    new config.AccessKeysRotated(scope, 'Keys');
  },
  // AWS Backup: a plan selecting resources by tag, allowed to restore them.
  BackupByTag: (scope) => {
    backup.BackupPlan.dailyWeeklyMonthly5YearRetention(scope, 'Plan').addSelection('Tagged', {
      resources: [backup.BackupResource.fromTag('backup', 'daily')],
      allowRestores: true,
    });
  },
  // An Auto Scaling group given its role, the role granted the artifacts it installs.
  AutoScalingRole: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    new autoscaling.AutoScalingGroup(scope, 'Asg', {
      vpc: sharedVpc(scope),
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      role,
    });
    new s3.Bucket(scope, 'Artifacts').grantRead(role);
  },
  // A Glue job (L1) with its role, which reads its script under one prefix.
  GlueCfnJob: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    const scripts = new s3.Bucket(scope, 'Scripts');
    scripts.grantRead(role, 'jobs/*');
    new glue.CfnJob(scope, 'Job', {
      role: role.roleArn,
      command: { name: 'glueetl', scriptLocation: scripts.s3UrlForObject('jobs/etl.py') },
    });
  },
  // Cognito triggers: post confirmation and pre token generation, a custom message added later.
  CognitoTriggers: (scope) => {
    const pool = new cognito.UserPool(scope, 'Users', {
      lambdaTriggers: {
        postConfirmation: inlineFunction(scope, 'PostConfirm'),
        preTokenGeneration: inlineFunction(scope, 'PreToken'),
      },
    });
    pool.addTrigger(cognito.UserPoolOperation.CUSTOM_MESSAGE, inlineFunction(scope, 'Message'));
  },
};

/**
 * What aws-cdk-lib or public apps write in the same constructs that a reviewer would still raise:
 * each is judged in survey5.test.ts.
 */
export const SURVEY5_REAL: Readonly<Record<string, (scope: Construct) => void>> = {
  // The SnsTopic target writes a topic policy for `events.amazonaws.com` without `aws:SourceArn`
  // (the SqsQueue target writes one).
  EventTopic: (scope) => {
    new events.Rule(scope, 'Rule', { eventPattern: { source: ['shop'] } }).addTarget(
      new targets.SnsTopic(new sns.Topic(scope, 'Topic')),
    );
  },
  // A post confirmation trigger adding users to groups of every pool of the account, the way apps
  // avoid the circular reference between the pool and its trigger.
  GroupsOfEveryPool: (scope) => {
    const postConfirm = inlineFunction(scope, 'PostConfirm');
    new cognito.UserPool(scope, 'Users', { lambdaTriggers: { postConfirmation: postConfirm } });
    postConfirm.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cognito-idp:AdminAddUserToGroup'],
        resources: [Stack.of(scope).formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' })],
      }),
    );
  },
};

/** The idioms app: the idioms and the judged cases in one stack, one scope per case. */
export function survey5App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey5', { env: ENV });
  for (const [name, make] of Object.entries({ ...SURVEY5_IDIOMS, ...SURVEY5_REAL })) make(new Construct(stack, name));
  return app;
}

/** The planted risks: each is what a reviewer would refuse, on a known construct path. */
export const SURVEY5_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // AwsCustomResource on `ANY_RESOURCE`: an IAM user created, a bucket deleted (with
  // `listBuckets`, whose IAM action is `s3:ListAllMyBuckets`, not the `s3:ListBuckets` CDK grants),
  // a table dropped through SDK v3 names, any EC2 resource tagged (tags decide ABAC).
  SdkCreateUser: (scope) => {
    new cr.AwsCustomResource(scope, 'User', {
      onCreate: {
        service: 'IAM',
        action: 'createUser',
        parameters: { UserName: 'ops' },
        physicalResourceId: cr.PhysicalResourceId.of('ops'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
    });
  },
  SdkDeleteBucket: (scope) => {
    new cr.AwsCustomResource(scope, 'Cleanup', {
      onCreate: { service: 'S3', action: 'listBuckets', physicalResourceId: cr.PhysicalResourceId.of('cleanup') },
      onDelete: { service: 'S3', action: 'deleteBucket', parameters: { Bucket: 'shop-tmp' } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
    });
  },
  SdkV3DropTable: (scope) => {
    new cr.AwsCustomResource(scope, 'Drop', {
      onCreate: { service: 'DynamoDB', action: 'listTables', physicalResourceId: cr.PhysicalResourceId.of('drop') },
      onDelete: {
        service: '@aws-sdk/client-dynamodb',
        action: 'DeleteTableCommand',
        parameters: { TableName: 'shop' },
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
    });
  },
  SdkTagAnything: (scope) => {
    new cr.AwsCustomResource(scope, 'Tag', {
      onCreate: {
        service: 'EC2',
        action: 'createTags',
        parameters: { Resources: ['sg-0123456789abcdef0'], Tags: [{ Key: 'team', Value: 'shop' }] },
        physicalResourceId: cr.PhysicalResourceId.of('tag'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
    });
  },
  // A table policy set by an SDK call (no L2 sets one), open to every principal.
  SdkTablePolicy: (scope) => {
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    new cr.AwsCustomResource(scope, 'Policy', {
      onCreate: {
        service: 'DynamoDB',
        action: 'putResourcePolicy',
        parameters: {
          ResourceArn: table.tableArn,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: ['dynamodb:Scan', 'dynamodb:GetItem'],
                Resource: table.tableArn,
              },
            ],
          }),
        },
        physicalResourceId: cr.PhysicalResourceId.of('policy'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [table.tableArn] }),
    });
  },
  // CloudWatch Logs resource policies set by putResourcePolicy, as apps copy aws-cdk-lib's
  // construct for deliveries it does not make: one for every principal, one for Route 53 query
  // logs without the source conditions the Route 53 guide gives.
  SdkLogsPolicy: (scope) => {
    const logsPolicy = (id: string, statement: object): void => {
      const call = {
        service: 'CloudWatchLogs',
        action: 'putResourcePolicy',
        parameters: {
          policyName: `shop-${id}`,
          policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
        },
        physicalResourceId: cr.PhysicalResourceId.of(id),
      };
      new cr.AwsCustomResource(scope, id, {
        resourceType: 'Custom::CloudwatchLogResourcePolicy',
        onCreate: call,
        onUpdate: call,
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ANY_RESOURCE }),
      });
    };
    const group = new logs.LogGroup(scope, 'Queries');
    logsPolicy('Open', {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: group.logGroupArn,
    });
    logsPolicy('QueryLogs', {
      Effect: 'Allow',
      Principal: { Service: 'route53.amazonaws.com' },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: group.logGroupArn,
    });
  },
  // A permission for every principal added by an SDK call to a function of another stack.
  SdkPublicPermission: (scope) => {
    new cr.AwsCustomResource(scope, 'Open', {
      onCreate: {
        service: 'Lambda',
        action: 'addPermission',
        parameters: {
          FunctionName: `arn:aws:lambda:${ENV.region}:${ENV.account}:function:reports`,
          StatementId: 'anyone',
          Action: 'lambda:InvokeFunction',
          Principal: '*',
        },
        physicalResourceId: cr.PhysicalResourceId.of('anyone'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [`arn:aws:lambda:${ENV.region}:${ENV.account}:function:reports`],
      }),
    });
  },
  // The default bus opened to every principal by EventBridge putPermission in its older form.
  SdkBusForAnyone: (scope) => {
    new cr.AwsCustomResource(scope, 'Open', {
      onCreate: {
        service: 'EventBridge',
        action: 'putPermission',
        parameters: { StatementId: 'anyone', Action: 'events:PutEvents', Principal: '*' },
        physicalResourceId: cr.PhysicalResourceId.of('anyone'),
      },
      onDelete: { service: 'EventBridge', action: 'removePermission', parameters: { StatementId: 'anyone' } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [`arn:aws:events:${ENV.region}:${ENV.account}:event-bus/default`],
      }),
    });
  },
  // CallAwsService on `*`: any table dropped; users created and given access keys.
  SfnDropTable: (scope) => {
    machine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'Drop', {
        service: 'dynamodb',
        action: 'deleteTable',
        parameters: { TableName: sfn.JsonPath.stringAt('$.table') },
        iamResources: ['*'],
      }),
    );
  },
  SfnUserKeys: (scope) => {
    machine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'CreateUser', {
        service: 'iam',
        action: 'createUser',
        parameters: { UserName: sfn.JsonPath.stringAt('$.name') },
        iamResources: ['*'],
      }).next(
        new tasks.CallAwsService(scope, 'CreateKey', {
          service: 'iam',
          action: 'createAccessKey',
          parameters: { UserName: sfn.JsonPath.stringAt('$.name') },
          iamResources: ['*'],
        }),
      ),
    );
  },
  // `grantInvoke(new AnyPrincipal())`: every principal of every account may invoke the function.
  InvokeByAnyone: (scope) => {
    inlineFunction(scope, 'Fn').grantInvoke(new iam.AnyPrincipal());
  },
  // `LogGroup.grantWrite` to OpenSearch: a logs resource policy without the source conditions the
  // OpenSearch guide gives.
  LogsForAnyDomain: (scope) => {
    new logs.LogGroup(scope, 'Slow').grantWrite(new iam.ServicePrincipal('es.amazonaws.com'));
  },
  // CDK Pipelines `codeBuildDefaults.rolePolicy` of `*` on `*`: the synth project and the
  // self-mutation project get it, and the pipeline's CodeBuild action role may start both.
  BuildDefaultsAdmin: (scope) => {
    new pipelines.CodePipeline(scope, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', { input: connection(), commands: ['npx cdk synth'] }),
      codeBuildDefaults: { rolePolicy: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] },
    }).buildPipeline();
  },
  // Writes on `*` granted to the handler role BucketDeployment creates (shared by the stack's deployments).
  DeploymentHandlerGrant: (scope) => {
    new s3deploy.BucketDeployment(scope, 'Deploy', {
      sources: [s3deploy.Source.data('a.txt', 'a')],
      destinationBucket: new s3.Bucket(scope, 'Site'),
    }).handlerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: ['*'] }),
    );
  },
  // The handler of a provider framework given AdministratorAccess.
  ProviderHandlerAdmin: (scope) => {
    const onEvent = inlineFunction(scope, 'OnEvent');
    onEvent.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    new CustomResource(scope, 'Thing', {
      serviceToken: new cr.Provider(scope, 'Provider', { onEventHandler: onEvent }).serviceToken,
    });
  },
};

/** The risks app: one stack, one scope per case. */
export function survey5RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey5Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY5_RISKS)) make(new Construct(stack, name));
  return app;
}
