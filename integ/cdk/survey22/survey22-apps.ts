/**
 * The twenty-second survey: the Amazon Bedrock AgentCore constructs of aws-cdk-lib (`Runtime`,
 * `Memory`, `Gateway` with a Lambda target, `CodeInterpreterCustom`, `BrowserCustom`, and their
 * grants), one execution role shared by several functions, Step Functions tasks the earlier surveys
 * left out (`EvaluateExpression`, `EksCall` on an imported cluster, `MediaConvertCreateJob`), a
 * managed policy attached to groups and to a user, and a partner role with a session limit, inline
 * policies and an external id; then the planted risks of the same constructs. One scope per case
 * (`Survey22/<Case>`, `Survey22Risks/<Case>`).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'us-east-1' };
const PARTNER = '444455556666';

/** The configuration of the survey: the defaults, the partner account trusted. */
export const SURVEY22_CONFIG = { trust: { accounts: [PARTNER] } } as const;

/** A tool schema of one function taking an order id, as a gateway's Lambda target declares it. */
function orderTool(): agentcore.ToolSchema {
  return agentcore.ToolSchema.fromInline([
    {
      name: 'get_order',
      description: 'Reads one order',
      inputSchema: {
        type: agentcore.SchemaDefinitionType.OBJECT,
        properties: { id: { type: agentcore.SchemaDefinitionType.STRING } },
      },
    },
  ]);
}

/** An agent runtime of an image in a repository of the stack. */
function agentRuntime(scope: Construct, name: string): agentcore.Runtime {
  const images = new ecr.Repository(scope, 'Images');
  return new agentcore.Runtime(scope, 'Runtime', {
    runtimeName: name,
    agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromEcrRepository(images, 'v1'),
  });
}

/** Each case wires IAM the way the guides and projects do; a careful reviewer finds nothing to refuse. */
export const SURVEY22_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // An agent runtime with its memory, a gateway to one Lambda tool, a code interpreter and a
  // browser, each granted to the runtime; a function may invoke the runtime.
  AgentCoreRuntime: (scope) => {
    const runtime = agentRuntime(scope, 'support_agent');
    const memory = new agentcore.Memory(scope, 'Memory', { memoryName: 'support_memory' });
    memory.grantRead(runtime);
    memory.grantWrite(runtime);
    const gateway = new agentcore.Gateway(scope, 'Gateway', { gatewayName: 'support-gateway' });
    gateway.addLambdaTarget('Orders', {
      gatewayTargetName: 'orders',
      lambdaFunction: inlineFunction(scope, 'OrdersTool'),
      toolSchema: orderTool(),
    });
    gateway.grantInvoke(runtime);
    new agentcore.CodeInterpreterCustom(scope, 'Interpreter', { codeInterpreterCustomName: 'support_ci' }).grantUse(
      runtime,
    );
    new agentcore.BrowserCustom(scope, 'Browser', { browserCustomName: 'support_browser' }).grantUse(runtime);
    runtime.grantInvokeRuntime(inlineFunction(scope, 'Caller'));
  },
  // An operations function that administers one memory (`grantAdmin`, `grantFullAccess`).
  AgentCoreMemoryAdmin: (scope) => {
    const memory = new agentcore.Memory(scope, 'Memory', {
      memoryName: 'ops_memory',
      expirationDuration: Duration.days(30),
    });
    const ops = inlineFunction(scope, 'Ops');
    memory.grantAdmin(ops);
    memory.grantFullAccess(ops);
  },
  // One execution role given to two functions (`role:`), each granted what it uses.
  SharedExecutionRole: (scope) => {
    const role = new iam.Role(scope, 'FunctionsRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const jobs = new sqs.Queue(scope, 'Jobs');
    const results = new s3.Bucket(scope, 'Results');
    const producer = inlineFunction(scope, 'Producer', { role });
    const consumer = inlineFunction(scope, 'Consumer', { role });
    jobs.grantSendMessages(producer);
    jobs.grantConsumeMessages(consumer);
    results.grantPut(consumer, 'results/*');
    producer.grantInvoke(consumer);
  },
  // A state machine computing a value with `EvaluateExpression` (a function aws-cdk-lib adds).
  EvaluateExpression: (scope) => {
    const sum = new tasks.EvaluateExpression(scope, 'Sum', {
      expression: '$.a + $.b',
      runtime: lambda.Runtime.NODEJS_22_X,
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(sum) });
  },
  // `EksCall` on an imported cluster: the call is authorized by Kubernetes, no IAM statement.
  EksCallImported: (scope) => {
    const cluster = eks.Cluster.fromClusterAttributes(scope, 'Cluster', {
      clusterName: 'apps',
      clusterEndpoint: 'https://apps.eks.example.com',
      clusterCertificateAuthorityData: 'Y2VydA==',
    });
    const list = new tasks.EksCall(scope, 'ListPods', {
      cluster,
      httpMethod: tasks.HttpMethods.GET,
      httpPath: '/api/v1/namespaces/default/pods',
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(list) });
  },
  // A managed policy given to a group (`groups:`) and attached to another (`attachToGroup`), users
  // in the groups.
  ManagedPolicyOnGroups: (scope) => {
    const reports = new s3.Bucket(scope, 'Reports');
    const readers = new iam.Group(scope, 'Readers');
    const auditors = new iam.Group(scope, 'Auditors');
    const policy = new iam.ManagedPolicy(scope, 'ReadReports', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [reports.arnForObjects('*')] })],
      groups: [readers],
    });
    policy.attachToGroup(auditors);
    new iam.User(scope, 'Analyst', { groups: [readers, auditors] });
  },
  // A role for the partner: 12-hour sessions, an external id, inline policies written at creation.
  PartnerRole: (scope) => {
    const exportsBucket = new s3.Bucket(scope, 'Exports');
    new iam.Role(scope, 'Partner', {
      assumedBy: new iam.AccountPrincipal(PARTNER).withConditions({ StringEquals: { 'sts:ExternalId': 'partner-7' } }),
      maxSessionDuration: Duration.hours(12),
      inlinePolicies: {
        exports: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['s3:GetObject'],
              resources: [exportsBucket.arnForObjects('partner/*')],
            }),
            new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [exportsBucket.bucketArn] }),
          ],
        }),
      },
    });
  },
};

/** The app of the idioms, one scope per case. */
export function survey22App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey22', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY22_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** Planted risks in the same constructs: each a reviewer refuses or asks about. */
export const SURVEY22_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // `runtime.grant(['bedrock-agentcore:*'], ['*'])` on the runtime's execution role.
  AgentCoreWideGrant: (scope) => {
    agentRuntime(scope, 'wide_agent').grant(['bedrock-agentcore:*'], ['*']);
  },
  // One function of a shared role may pass any role: every function of the role may.
  SharedRolePassAny: (scope) => {
    const role = new iam.Role(scope, 'FunctionsRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    inlineFunction(scope, 'Reader', { role });
    inlineFunction(scope, 'Deployer', { role }).addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
    );
  },
  // `MediaConvertCreateJob`: aws-cdk-lib grants `mediaconvert:CreateJob` and `CancelJob` on `*`
  // (any queue, any job of the account), though MediaConvert scopes them to queues and jobs.
  MediaConvertJob: (scope) => {
    const media = new s3.Bucket(scope, 'Media');
    const transcoder = new iam.Role(scope, 'Transcoder', {
      assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com'),
    });
    media.grantReadWrite(transcoder);
    const job = new tasks.MediaConvertCreateJob(scope, 'Transcode', {
      createJobRequest: {
        Role: transcoder.roleArn,
        Settings: { OutputGroups: [], Inputs: [{ FileInput: media.s3UrlForObject('in/video.mp4') }] },
      },
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    });
    new sfn.StateMachine(scope, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(job) });
  },
  // A managed policy attached to a user directly (`attachToUser`), not through a group.
  ManagedPolicyOnUser: (scope) => {
    const reports = new s3.Bucket(scope, 'Reports');
    const policy = new iam.ManagedPolicy(scope, 'ReadReports', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [reports.arnForObjects('*')] })],
    });
    policy.attachToUser(new iam.User(scope, 'BreakGlass'));
  },
};

/** The app of the planted risks, one scope per case. */
export function survey22RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey22Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY22_RISKS)) make(new Construct(stack, name));
  return app;
}
