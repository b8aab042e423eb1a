/**
 * The third survey of real CDK apps: idioms that public CDK TypeScript apps write and that the
 * other audits (survey-apps.ts, survey2-apps.ts, idiom-apps.ts, construct-apps.ts,
 * internals-survey.ts, parity-apps.ts) do not reproduce: Bedrock knowledge bases on OpenSearch
 * Serverless and agent action groups, Glue L2 jobs, Scheduler targets in a schedule group
 * (SageMaker pipelines, ECS on EC2, Step Functions), EventBridge Pipes from a queue to a state
 * machine, AppSync with OpenSearch and EventBridge data sources and field grants, Step Functions
 * SDK calls on `*` for list-only actions, ECS on EC2 and Bedrock with S3 input, CloudFormation
 * change sets deployed into another account, CloudFront OAC written by hand, Firehose to
 * OpenSearch (L1), domains with access policies, identity pools with role mappings, ECS task roles
 * with SSM secrets and ECS Exec, cross-stack grants written into resource policies, custom resources
 * reading a parameter of another Region, and permissions boundaries applied by
 * `PermissionsBoundary.of`; then the planted risks of the same constructs. One scope per case
 * (`Survey3/<Case>`, `Survey3Risks/<Case>`); each app is synthesized once per test.
 */
import { App, ArnFormat, Duration, Lazy, Resource, Stack, Stage } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as aoss from 'aws-cdk-lib/aws-opensearchserverless';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER_ACCOUNT = '444455556666';
const TOOLING_ACCOUNT = '777788889999';
const EMBEDDING_MODEL = 'amazon.titan-embed-text-v2:0';
const CHAT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The configuration of the third survey: the partner and tooling accounts are trusted. */
export const SURVEY3_CONFIG = { trust: { accounts: [PARTNER_ACCOUNT, TOOLING_ACCOUNT] } } as const;

/** The boundary every role of the boundary app must have, by name (created in the app). */
export const SURVEY3_BOUNDARY_CONFIG = {
  ...SURVEY3_CONFIG,
  boundary: { required: true, allowed: ['arn:aws:iam::*:policy/workload-boundary'] },
} as const;

/** One VPC for the cases of a stack. */
function sharedVpc(scope: Construct): ec2.Vpc {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Vpc');
  return existing instanceof ec2.Vpc ? existing : new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
}

/** One ECS cluster of EC2 instances for the cases of a stack. */
function ec2Cluster(scope: Construct): ecs.Cluster {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('Ec2Cluster');
  if (existing instanceof ecs.Cluster) return existing;
  const cluster = new ecs.Cluster(stack, 'Ec2Cluster', { vpc: sharedVpc(scope) });
  cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small'), maxCapacity: 1 });
  return cluster;
}

function machine(scope: Construct, id: string, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, id, { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
}

function foundationModel(scope: Construct, model: string): string {
  return Stack.of(scope).formatArn({
    service: 'bedrock',
    account: '',
    resource: 'foundation-model',
    resourceName: model,
  });
}

/** A Bedrock knowledge base on an OpenSearch Serverless collection, as the Bedrock guide wires it. */
function knowledgeBase(scope: Construct, documents: s3.IBucket, role: iam.Role): bedrock.CfnKnowledgeBase {
  const collection = new aoss.CfnCollection(scope, 'Vectors', { name: 'kb-vectors', type: 'VECTORSEARCH' });
  new aoss.CfnSecurityPolicy(scope, 'Encryption', {
    name: 'kb-vectors-enc',
    type: 'encryption',
    policy: JSON.stringify({
      Rules: [{ ResourceType: 'collection', Resource: ['collection/kb-vectors'] }],
      AWSOwnedKey: true,
    }),
  });
  new aoss.CfnAccessPolicy(scope, 'DataAccess', {
    name: 'kb-vectors-access',
    type: 'data',
    policy: JSON.stringify([
      {
        Rules: [
          { ResourceType: 'index', Resource: ['index/kb-vectors/*'], Permission: ['aoss:*'] },
          { ResourceType: 'collection', Resource: ['collection/kb-vectors'], Permission: ['aoss:*'] },
        ],
        Principal: [`arn:aws:iam::${ENV.account}:role/kb-role`],
      },
    ]),
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['aoss:APIAccessAll'], resources: [collection.attrArn] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [foundationModel(scope, EMBEDDING_MODEL)] }),
  );
  documents.grantRead(role);
  const base = new bedrock.CfnKnowledgeBase(scope, 'Base', {
    name: 'handbook',
    roleArn: role.roleArn,
    knowledgeBaseConfiguration: {
      type: 'VECTOR',
      vectorKnowledgeBaseConfiguration: { embeddingModelArn: foundationModel(scope, EMBEDDING_MODEL) },
    },
    storageConfiguration: {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: {
        collectionArn: collection.attrArn,
        vectorIndexName: 'handbook',
        fieldMapping: { vectorField: 'vector', textField: 'text', metadataField: 'metadata' },
      },
    },
  });
  new bedrock.CfnDataSource(scope, 'Source', {
    knowledgeBaseId: base.attrKnowledgeBaseId,
    name: 'documents',
    dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: documents.bucketArn } },
  });
  return base;
}

/** The role Bedrock assumes for a knowledge base or agent of this account (confused-deputy conditions). */
function bedrockRole(scope: Construct, id: string, sourceArn: string): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': ENV.account },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    }),
  });
}

/** The idiom cases: each builds what a public CDK app writes, least privilege, under `scope`. */
export const SURVEY3_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A knowledge base: the role reaches one collection (aoss:APIAccessAll), the embedding model and
  // the documents bucket; the collection's data access policy names the role.
  BedrockKnowledgeBase: (scope) => {
    const role = bedrockRole(
      scope,
      'KnowledgeBaseRole',
      `arn:aws:bedrock:${ENV.region}:${ENV.account}:knowledge-base/*`,
    );
    knowledgeBase(scope, new s3.Bucket(scope, 'Documents'), role);
  },
  // An agent with an action group: the agent role invokes one model and retrieves from one
  // knowledge base; the action group's function may be invoked by that agent only.
  BedrockAgentActions: (scope) => {
    const role = bedrockRole(scope, 'AgentRole', `arn:aws:bedrock:${ENV.region}:${ENV.account}:agent/*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [foundationModel(scope, CHAT_MODEL)] }),
    );
    const kbRole = bedrockRole(scope, 'KbRole', `arn:aws:bedrock:${ENV.region}:${ENV.account}:knowledge-base/*`);
    const base = knowledgeBase(scope, new s3.Bucket(scope, 'Docs'), kbRole);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [base.attrKnowledgeBaseArn] }),
    );
    const actions = inlineFunction(scope, 'Actions');
    const agent = new bedrock.CfnAgent(scope, 'Agent', {
      agentName: 'orders-agent',
      agentResourceRoleArn: role.roleArn,
      foundationModel: CHAT_MODEL,
      instruction: 'Answer questions about orders using the order tools and the handbook.',
      actionGroups: [
        {
          actionGroupName: 'orders',
          actionGroupExecutor: { lambda: actions.functionArn },
          functionSchema: { functions: [{ name: 'getOrder', parameters: {} }] },
        },
      ],
      knowledgeBases: [{ knowledgeBaseId: base.attrKnowledgeBaseId, description: 'handbook' }],
    });
    actions.addPermission('InvokedByAgent', {
      principal: new iam.ServicePrincipal('bedrock.amazonaws.com'),
      sourceAccount: ENV.account,
      sourceArn: agent.attrAgentArn,
    });
  },
  // Glue L2 jobs: a PySpark ETL job and a Python shell job with their own role, the script from a
  // bucket of the app, continuous logging; each role granted one bucket.
  GlueJobs: (scope) => {
    const scripts = new s3.Bucket(scope, 'Scripts');
    const lake = new s3.Bucket(scope, 'Lake');
    // Without AWSGlueServiceRole (its `glue:*` on `*` is kept in construct-apps.test.ts): the job
    // grants its role the script and its logs, the app grants the data.
    const role = new iam.Role(scope, 'EtlRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    lake.grantReadWrite(role, 'curated/*');
    lake.grantRead(role, 'raw/*');
    new glue.PySparkEtlJob(scope, 'Etl', {
      role,
      script: glue.Code.fromBucket(scripts, 'etl/main.py'),
      continuousLogging: { enabled: true },
    });
    const shellRole = new iam.Role(scope, 'ShellRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    new dynamodb.Table(scope, 'Watermarks', {
      partitionKey: { name: 'job', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(shellRole);
    new glue.PythonShellJob(scope, 'Shell', {
      role: shellRole,
      script: glue.Code.fromBucket(scripts, 'shell/compact.py'),
    });
  },
  // Scheduler targets in a schedule group, with a customer managed key and a dead-letter queue:
  // a SageMaker pipeline, a state machine, a queue.
  SchedulerGroup: (scope) => {
    const group = new scheduler.ScheduleGroup(scope, 'Group', { scheduleGroupName: 'nightly' });
    const key = new kms.Key(scope, 'Key');
    const dlq = new sqs.Queue(scope, 'Dlq');
    const every = scheduler.ScheduleExpression.rate(Duration.hours(6));
    const pipeline = new RetrainingPipeline(scope, 'Retraining');
    new scheduler.Schedule(scope, 'Retrain', {
      schedule: every,
      scheduleGroup: group,
      key,
      target: new schedulerTargets.SageMakerStartPipelineExecution(pipeline, { deadLetterQueue: dlq }),
    });
    new scheduler.Schedule(scope, 'Report', {
      schedule: every,
      scheduleGroup: group,
      key,
      target: new schedulerTargets.StepFunctionsStartExecution(machine(scope, 'Reports', new sfn.Pass(scope, 'Do')), {
        deadLetterQueue: dlq,
      }),
    });
    new scheduler.Schedule(scope, 'Nudge', {
      schedule: every,
      scheduleGroup: group,
      target: new schedulerTargets.SqsSendMessage(new sqs.Queue(scope, 'Nudges'), { deadLetterQueue: dlq }),
    });
  },
  // A schedule running a task on an ECS cluster of EC2 instances (the task and execution roles passed to ECS).
  SchedulerEcsEc2: (scope) => {
    const cluster = ec2Cluster(scope);
    const task = new ecs.Ec2TaskDefinition(scope, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      memoryLimitMiB: 256,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'sweep' }),
    });
    new s3.Bucket(scope, 'Sweeps').grantDelete(task.taskRole);
    new scheduler.Schedule(scope, 'Sweep', {
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' }),
      target: new schedulerTargets.EcsRunEc2Task(cluster, { taskDefinition: task }),
    });
  },
  // A pipe from an encrypted queue to a state machine, filtered, with a Lambda enrichment and logs.
  PipeQueueToMachine: (scope) => {
    const key = new kms.Key(scope, 'Key');
    const queue = new sqs.Queue(scope, 'Orders', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const enrich = inlineFunction(scope, 'Enrich');
    const target = machine(scope, 'Fulfil', new sfn.Pass(scope, 'Ship'));
    const logGroup = new logs.LogGroup(scope, 'PipeLogs');
    const role = new iam.Role(scope, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': ENV.account } },
      }),
    });
    queue.grantConsumeMessages(role);
    enrich.grantInvoke(role);
    target.grantStartExecution(role);
    logGroup.grantWrite(role);
    new pipes.CfnPipe(scope, 'Pipe', {
      roleArn: role.roleArn,
      source: queue.queueArn,
      sourceParameters: { filterCriteria: { filters: [{ pattern: JSON.stringify({ body: { kind: ['order'] } }) }] } },
      enrichment: enrich.functionArn,
      target: target.stateMachineArn,
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } },
      logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn } },
    });
  },
  // AppSync with an OpenSearch domain and an EventBridge bus as data sources; a client role
  // granted two mutations and a subscription.
  AppSyncSearch: (scope) => {
    const api = new appsync.GraphqlApi(scope, 'Api', {
      name: 'catalog',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/construct-apps.graphql`)),
      authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
    });
    const domain = new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    api.addOpenSearchDataSource('Products', domain);
    api.addEventBridgeDataSource('Events', new events.EventBus(scope, 'Bus'));
    const client = new iam.Role(scope, 'Client', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    api.grantMutation(client, 'addOrder', 'cancelOrder');
    api.grantSubscription(client, 'onOrder');
  },
  // SDK calls on `*` for actions that only take `*` (EC2 and Cost Explorer reads); ECS on EC2 with
  // container overrides; Bedrock reading its input from and writing its output to one bucket.
  SfnSdkAndEcs: (scope) => {
    const describe = new tasks.CallAwsService(scope, 'DescribeInstances', {
      service: 'ec2',
      action: 'describeInstances',
      iamResources: ['*'],
    });
    const costs = new tasks.CallAwsService(scope, 'Costs', {
      service: 'costexplorer',
      action: 'getCostAndUsage',
      iamAction: 'ce:GetCostAndUsage',
      iamResources: ['*'],
      parameters: {
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        TimePeriod: { Start: '2026-01-01', End: '2026-01-02' },
      },
    });
    const cluster = ec2Cluster(scope);
    const task = new ecs.Ec2TaskDefinition(scope, 'Task');
    const container = task.addContainer('Report', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      memoryLimitMiB: 256,
    });
    const run = new tasks.EcsRunTask(scope, 'Run', {
      cluster,
      taskDefinition: task,
      launchTarget: new tasks.EcsEc2LaunchTarget(),
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      containerOverrides: [
        { containerDefinition: container, environment: [{ name: 'DAY', value: sfn.JsonPath.stringAt('$.day') }] },
      ],
    });
    const io = new s3.Bucket(scope, 'Prompts');
    const summarize = new tasks.BedrockInvokeModel(scope, 'Summarize', {
      model: bedrock.FoundationModel.fromFoundationModelId(
        scope,
        'Model',
        new bedrock.FoundationModelIdentifier(CHAT_MODEL),
      ),
      input: { s3Location: { bucketName: io.bucketName, objectKey: 'in/prompt.json' } },
      output: { s3Location: { bucketName: io.bucketName, objectKey: 'out/summary.json' } },
    });
    machine(scope, 'Machine', describe.next(costs).next(run).next(summarize));
  },
  // A change set created and executed in the partner account through its deployment roles.
  PipelineChangeSets: (scope) => {
    const source = new codepipeline.Artifact();
    const built = new codepipeline.Artifact();
    const pipeline = new codepipeline.Pipeline(scope, 'Pipeline', { crossAccountKeys: true });
    pipeline.addStage({
      stageName: 'Source',
      actions: [
        new cpactions.S3SourceAction({
          actionName: 'Source',
          bucket: new s3.Bucket(scope, 'Sources', { versioned: true }),
          bucketKey: 'app.zip',
          output: source,
        }),
      ],
    });
    pipeline.addStage({
      stageName: 'Build',
      actions: [
        new cpactions.CodeBuildAction({
          actionName: 'Synth',
          project: new codebuild.PipelineProject(scope, 'Synth'),
          input: source,
          outputs: [built],
        }),
      ],
    });
    const actionRole = iam.Role.fromRoleArn(
      scope,
      'PartnerAction',
      `arn:aws:iam::${PARTNER_ACCOUNT}:role/pipeline-action`,
      { mutable: false },
    );
    const deploymentRole = iam.Role.fromRoleArn(
      scope,
      'PartnerDeployment',
      `arn:aws:iam::${PARTNER_ACCOUNT}:role/cfn-deployment`,
      { mutable: false },
    );
    pipeline.addStage({
      stageName: 'Deploy',
      actions: [
        new cpactions.CloudFormationCreateReplaceChangeSetAction({
          actionName: 'Prepare',
          stackName: 'shop',
          changeSetName: 'release',
          templatePath: built.atPath('Shop.template.json'),
          adminPermissions: false,
          account: PARTNER_ACCOUNT,
          role: actionRole,
          deploymentRole,
          runOrder: 1,
        }),
        new cpactions.CloudFormationExecuteChangeSetAction({
          actionName: 'Execute',
          stackName: 'shop',
          changeSetName: 'release',
          account: PARTNER_ACCOUNT,
          role: actionRole,
          runOrder: 2,
        }),
      ],
    });
  },
  // A bucket policy for CloudFront written by hand (before the L2 did it): the service principal
  // with the distribution's ARN as `AWS:SourceArn`; the distribution's origin uses OAC.
  CloudFrontOacByHand: (scope) => {
    const site = new s3.Bucket(scope, 'Site');
    const oac = new cloudfront.S3OriginAccessControl(scope, 'Oac');
    const distribution = new cloudfront.Distribution(scope, 'Cdn', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withBucketDefaults(site, { originAccessControlId: oac.originAccessControlId }),
      },
    });
    site.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [site.arnForObjects('*')],
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        conditions: {
          StringEquals: {
            'AWS:SourceArn': Stack.of(scope).formatArn({
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: distribution.distributionId,
            }),
          },
        },
      }),
    );
  },
  // Firehose (L1) into an OpenSearch domain with an S3 backup: the delivery role writes to one
  // domain's indexes and one bucket.
  FirehoseToSearch: (scope) => {
    const domain = new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    const backup = new s3.Bucket(scope, 'Backup');
    const role = new iam.Role(scope, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': ENV.account } },
      }),
    });
    backup.grantReadWrite(role);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'es:DescribeDomain',
          'es:DescribeDomains',
          'es:DescribeDomainConfig',
          'es:ESHttpPost',
          'es:ESHttpPut',
        ],
        resources: [domain.domainArn, `${domain.domainArn}/*`],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['es:ESHttpGet'],
        resources: [`${domain.domainArn}/_all/_settings`, `${domain.domainArn}/logs*/_mapping/*`],
      }),
    );
    new firehose.CfnDeliveryStream(scope, 'Delivery', {
      deliveryStreamType: 'DirectPut',
      amazonopensearchserviceDestinationConfiguration: {
        domainArn: domain.domainArn,
        indexName: 'logs',
        roleArn: role.roleArn,
        s3BackupMode: 'FailedDocumentsOnly',
        s3Configuration: { bucketArn: backup.bucketArn, roleArn: role.roleArn },
      },
    });
  },
  // A domain with fine-grained access control: its access policy lets the account's roles in
  // (FGAC decides), a function granted read and write on one index.
  SearchAccessPolicy: (scope) => {
    const master = new iam.Role(scope, 'Master', {
      assumedBy: new iam.ArnPrincipal(`arn:aws:iam::${ENV.account}:role/search-admins`),
    });
    const domain = new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
      enforceHttps: true,
      nodeToNodeEncryption: true,
      encryptionAtRest: { enabled: true },
      fineGrainedAccessControl: { masterUserArn: master.roleArn },
    });
    domain.addAccessPolicies(
      new iam.PolicyStatement({
        actions: ['es:ESHttp*'],
        principals: [new iam.AccountRootPrincipal()],
        resources: [`${domain.domainArn}/*`],
      }),
    );
    domain.grantIndexReadWrite('orders', inlineFunction(scope, 'Indexer'));
  },
  // An identity pool whose authenticated users are mapped to roles by a token claim; each mapped
  // role trusts only this pool's authenticated identities.
  IdentityPoolMappings: (scope) => {
    const users = new cognito.UserPool(scope, 'Users');
    const client = users.addClient('Web');
    // The pool is created with its mappings: the mapped role's trust reads its id lazily.
    const created: { pool?: identitypool.IdentityPool } = {};
    const editors = new iam.Role(scope, 'Editors', {
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: {
            'cognito-identity.amazonaws.com:aud': Lazy.string({ produce: () => created.pool?.identityPoolId }),
          },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    new s3.Bucket(scope, 'Media').grantReadWrite(editors, 'drafts/*');
    created.pool = new identitypool.IdentityPool(scope, 'Pool', {
      authenticationProviders: {
        userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: users, userPoolClient: client })],
      },
      roleMappings: [
        {
          providerUrl: identitypool.IdentityPoolProviderUrl.userPool(users, client),
          mappingKey: 'users',
          rules: [{ claim: 'cognito:groups', claimValue: 'editors', mappedRole: editors }],
        },
      ],
    });
  },
  // An ECS service on Fargate: secrets from Parameter Store (a SecureString under a key of the
  // app) for the execution role, ECS Exec with an encrypted session and its logs, task role grants.
  EcsSecretsAndExec: (scope) => {
    const key = new kms.Key(scope, 'ExecKey');
    const execLogs = new logs.LogGroup(scope, 'ExecLogs', { encryptionKey: undefined });
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc: sharedVpc(scope),
      executeCommandConfiguration: {
        kmsKey: key,
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: execLogs },
      },
    });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    const token = ssm.StringParameter.fromSecureStringParameterAttributes(scope, 'Token', {
      parameterName: '/shop/api-token',
    });
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      secrets: {
        API_TOKEN: ecs.Secret.fromSsmParameter(token),
        DB: ecs.Secret.fromSecretsManager(new secretsmanager.Secret(scope, 'Db'), 'password'),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
    });
    new dynamodb.Table(scope, 'Carts', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(task.taskRole);
    new sqs.Queue(scope, 'Jobs').grantConsumeMessages(task.taskRole);
    new ecs.FargateService(scope, 'Service', { cluster, taskDefinition: task, enableExecuteCommand: true });
  },
  // Cross-stack: a role of another stack granted a bucket and a key of this one; a role imported
  // by ARN whose grants go into the resource policies (`addGrantsToResources`).
  CrossStackGrants: (scope) => {
    const app = Stage.of(scope);
    if (app === undefined) throw new Error('a case needs an app');
    const existing = app.node.tryFindChild('Survey3Roles');
    const other =
      existing !== undefined && Stack.isStack(existing) ? existing : new Stack(app, 'Survey3Roles', { env: ENV });
    const worker = new iam.Role(other, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const key = new kms.Key(scope, 'Key');
    const bucket = new s3.Bucket(scope, 'Exports', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    bucket.grantRead(worker);
    const partner = iam.Role.fromRoleArn(scope, 'Partner', `arn:aws:iam::${PARTNER_ACCOUNT}:role/importer`, {
      mutable: false,
      addGrantsToResources: true,
    });
    bucket.grantRead(partner, 'exports/*');
    new sqs.Queue(scope, 'Handoff').grantSendMessages(partner);
  },
  // Grants on resources of other stacks or apps imported by name or ARN, as apps split into
  // stacks write them: a key by alias and by ARN, secrets by name, parameters, a log group, the
  // default bus, tables (by name, by ARN, with their stream), a bucket prefix, a queue, a topic, a
  // stream, a repository, a function, a state machine, an AppSync API; metrics (`*` only).
  ImportedGrants: (scope) => {
    const role = new iam.Role(scope, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const arn = (service: string, resource: string): string =>
      `arn:aws:${service}:${ENV.region}:${ENV.account}:${resource}`;
    kms.Alias.fromAliasName(scope, 'Alias', 'alias/orders').grantDecrypt(role);
    kms.Key.fromKeyArn(scope, 'Key', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')).grantEncryptDecrypt(role);
    secretsmanager.Secret.fromSecretNameV2(scope, 'Db', 'orders/db').grantRead(role);
    secretsmanager.Secret.fromSecretPartialArn(scope, 'Api', arn('secretsmanager', 'secret:orders/api')).grantRead(
      role,
    );
    ssm.StringParameter.fromStringParameterName(scope, 'Flag', '/orders/flag').grantRead(role);
    logs.LogGroup.fromLogGroupName(scope, 'Audit', '/orders/audit').grantWrite(role);
    events.EventBus.fromEventBusName(scope, 'Default', 'default').grantPutEventsTo(role);
    dynamodb.Table.fromTableName(scope, 'Orders', 'orders').grantReadData(role);
    dynamodb.Table.fromTableArn(scope, 'Carts', arn('dynamodb', 'table/carts')).grantReadWriteData(role);
    dynamodb.Table.fromTableAttributes(scope, 'Events', {
      tableName: 'events',
      globalIndexes: ['byDay'],
      tableStreamArn: arn('dynamodb', 'table/events/stream/2026-01-01T00:00:00.000'),
    }).grantReadData(role);
    s3.Bucket.fromBucketName(scope, 'Shared', 'shared-data-111122223333').grantRead(role, 'orders/*');
    sqs.Queue.fromQueueArn(scope, 'Jobs', arn('sqs', 'jobs')).grantConsumeMessages(role);
    sns.Topic.fromTopicArn(scope, 'Alerts', arn('sns', 'alerts')).grantPublish(role);
    kinesis.Stream.fromStreamArn(scope, 'Clicks', arn('kinesis', 'stream/clicks')).grantRead(role);
    cloudwatch.Metric.grantPutMetricData(role);
    ecr.Repository.fromRepositoryName(scope, 'Images', 'orders').grantPull(role);
    lambda.Function.fromFunctionName(scope, 'Pricing', 'pricing').grantInvoke(role);
    sfn.StateMachine.fromStateMachineName(scope, 'Fulfil', 'fulfil').grantStartExecution(role);
    const api = appsync.GraphqlApi.fromGraphqlApiAttributes(scope, 'Graph', {
      graphqlApiId: 'abcdefghijklmnopqrstuvwxyz',
    });
    api.grant(role, appsync.IamResource.all(), 'appsync:GraphQL');
  },
  // A custom resource reading a parameter of another Region (one parameter, by ARN), with the
  // latest SDK installed; a Provider whose completion is polled.
  CustomResourcesMore: (scope) => {
    const parameterArn = `arn:aws:ssm:us-east-1:${ENV.account}:parameter/edge/certificate-arn`;
    new cr.AwsCustomResource(scope, 'EdgeCertificate', {
      installLatestAwsSdk: true,
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/edge/certificate-arn' },
        region: 'us-east-1',
        physicalResourceId: cr.PhysicalResourceId.of('edge-certificate-arn'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
    });
    const onEvent = inlineFunction(scope, 'OnEvent');
    const isComplete = inlineFunction(scope, 'IsComplete');
    new s3.Bucket(scope, 'Seeds').grantRead(onEvent);
    new cr.Provider(scope, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(30),
    });
  },
};

/** A SageMaker pipeline (L1) with the role it runs as, as a schedule target sees it. */
class RetrainingPipeline extends Resource implements sagemaker.IPipeline {
  readonly pipelineName = 'retraining';
  readonly pipelineArn: string;
  readonly pipelineRef = { pipelineName: 'retraining' };

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    new s3.Bucket(this, 'Models').grantReadWrite(role);
    const pipeline = new sagemaker.CfnPipeline(this, 'Resource', {
      pipelineName: this.pipelineName,
      roleArn: role.roleArn,
      pipelineDefinition: { PipelineDefinitionBody: JSON.stringify({ Version: '2020-12-01', Steps: [] }) },
    });
    this.pipelineArn = Stack.of(this).formatArn({
      service: 'sagemaker',
      resource: 'pipeline',
      resourceName: pipeline.pipelineName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  grantStartPipelineExecution(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['sagemaker:StartPipelineExecution'],
      resourceArns: [this.pipelineArn],
    });
  }
}

/** The app of the idiom cases `cases` (all when not given), one scope per case. */
export function survey3App(cases: readonly string[] = Object.keys(SURVEY3_IDIOMS)): (props?: AppProps) => App {
  return (props = {}) => {
    const app = new App(props);
    const stack = new Stack(app, 'Survey3', { env: ENV });
    for (const name of cases) {
      const make = SURVEY3_IDIOMS[name];
      if (make === undefined) throw new Error(`no survey3 case ${name}`);
      make(new Construct(stack, name));
    }
    return app;
  };
}

/** Boundaries applied the way apps apply them: to a stack by `PermissionsBoundary.of`, and cleared below. */
export function survey3BoundaryApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey3Boundary', { env: ENV });
  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    managedPolicyName: 'workload-boundary',
    statements: [
      new iam.PolicyStatement({ actions: ['s3:*', 'dynamodb:*', 'logs:*', 'sqs:*'], resources: ['*'] }),
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
        resources: ['*'],
      }),
    ],
  });
  iam.PermissionsBoundary.of(stack).apply(boundary);
  // Bounded by the stack-wide boundary: functions, a state machine, a build.
  const bounded = new Construct(stack, 'Bounded');
  new dynamodb.Table(bounded, 'Table', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  }).grantReadWriteData(inlineFunction(bounded, 'Api'));
  machine(bounded, 'Flow', new sfn.Pass(bounded, 'Step'));
  new codebuild.PipelineProject(bounded, 'Build');
  // The boundary cleared for one construct: its role has none.
  const cleared = new Construct(stack, 'Cleared');
  inlineFunction(cleared, 'Admin');
  iam.PermissionsBoundary.of(cleared).clear();
  // A boundary of another name applied to one construct: not an approved one.
  const other = new Construct(stack, 'OtherBoundary');
  inlineFunction(other, 'Fn');
  iam.PermissionsBoundary.of(other).apply(iam.ManagedPolicy.fromManagedPolicyName(other, 'Legacy', 'legacy-boundary'));
  return app;
}

/** The planted risks: each is what a reviewer would refuse, on a known construct path. */
const SURVEY3_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A knowledge base role reaching every collection and every model.
  WideKnowledgeBase: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['aoss:*', 'bedrock:*'], resources: ['*'] }));
  },
  // An action group function any Bedrock agent of any account may invoke (no source condition).
  AgentFunctionDeputy: (scope) => {
    inlineFunction(scope, 'Actions').addPermission('InvokedByBedrock', {
      principal: new iam.ServicePrincipal('bedrock.amazonaws.com'),
    });
  },
  // A state machine SDK call on `*` that writes (deletes any object of any bucket).
  SfnSdkWrite: (scope) => {
    machine(
      scope,
      'Machine',
      new tasks.CallAwsService(scope, 'Purge', {
        service: 's3',
        action: 'deleteObject',
        parameters: { Bucket: sfn.JsonPath.stringAt('$.bucket'), Key: sfn.JsonPath.stringAt('$.key') },
        iamResources: ['*'],
      }),
    );
  },
  // The CloudFormation deployment role of a pipeline with AdministratorAccess (as many samples write it).
  AdminDeploymentRole: (scope) => {
    new iam.Role(scope, 'Deployment', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  },
  // A bucket policy for CloudFront without `AWS:SourceArn`: every distribution of every account reads it.
  OacWithoutSource: (scope) => {
    const site = new s3.Bucket(scope, 'Site');
    site.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [site.arnForObjects('*')],
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
      }),
    );
  },
  // A domain open to every principal (no condition).
  OpenDomainPolicy: (scope) => {
    const domain = new opensearch.Domain(scope, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    domain.addAccessPolicies(
      new iam.PolicyStatement({
        actions: ['es:ESHttp*'],
        principals: [new iam.AnyPrincipal()],
        resources: [`${domain.domainArn}/*`],
      }),
    );
  },
  // A pipe role that may start any state machine and read any queue.
  WidePipeRole: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['states:StartExecution', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        resources: ['*'],
      }),
    );
  },
  // A custom resource allowed to read every parameter (`ANY_RESOURCE`), as cross-Region lookups often write it.
  AnyParameterLookup: (scope) => {
    new cr.AwsCustomResource(scope, 'Lookup', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/edge/certificate-arn', WithDecryption: true },
        region: 'us-east-1',
        physicalResourceId: cr.PhysicalResourceId.of('lookup'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
  },
  // A Glue job role that may pass any role (to start other jobs as any role).
  GluePassRole: (scope) => {
    const role = new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    new glue.PythonShellJob(scope, 'Job', {
      role,
      script: glue.Code.fromBucket(new s3.Bucket(scope, 'Scripts'), 'job.py'),
    });
  },
  // Inline policies of one L1 role and of one group (with a member): which policy holds the risk.
  InlinePolicies: (scope) => {
    const reads = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
    };
    const passes = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    };
    new iam.CfnRole(scope, 'Worker', {
      assumeRolePolicyDocument: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
          }),
        ],
      }),
      policies: [
        { policyName: 'reports', policyDocument: reads },
        { policyName: 'deploy', policyDocument: passes },
      ],
    });
    const group = new iam.CfnGroup(scope, 'Operators', {
      policies: [
        { policyName: 'reports', policyDocument: reads },
        { policyName: 'deploy', policyDocument: passes },
      ],
    });
    new iam.CfnUser(scope, 'Operator', { groups: [group.ref] });
  },
  // A group with AdministratorAccess whose only member has a boundary that blocks IAM: the group
  // grants it to any member added later; the member is capped.
  GroupOfBoundedUsers: (scope) => {
    const boundary = new iam.ManagedPolicy(scope, 'Boundary', {
      statements: [
        new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
        new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:*', 'sts:AssumeRole'], resources: ['*'] }),
      ],
    });
    const admins = new iam.Group(scope, 'Admins', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    new iam.User(scope, 'Member', { permissionsBoundary: boundary, groups: [admins] });
  },
};

/** The app of the planted risks, one scope per case. */
export function survey3RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey3Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY3_RISKS)) make(new Construct(stack, name));
  return app;
}
