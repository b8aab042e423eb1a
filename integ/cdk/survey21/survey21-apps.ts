/**
 * The twenty-first survey: the `grants` classes aws-cdk-lib added beside the `grantXxx` methods
 * (`bucket.grants.read`, `BucketGrants.fromBucket(cfnBucket)`, `QueueGrants`, `TopicGrants`,
 * `KeyGrants`, `RoleGrants`, `LogGroupGrants`, `EventBusGrants`,
 * `StateMachineGrants`, `TableGrants`), which also grant on L1 resources (their resource policy
 * and encryption key found through `ResourceWithPolicies` and `EncryptedResources`); KMS sign,
 * verify and MAC grants; grants on function versions; a `TableV2` replica; the account of the
 * stack as a token in conditions; the Parameters and Secrets extension; then the planted risks of
 * the same constructs, and a Stage whose stack has a nested stack, with a boundary and tags
 * applied to the Stage. One scope per case (`Survey21/<Case>`, `Survey21Risks/<Case>`).
 */
import { App, Aws, Stack, Stage, Tags, NestedStack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const PARTNER = '444455556666';
const STRANGER = '999988887777';

/** The configuration of the survey: the defaults, the partner account trusted. */
export const SURVEY21_CONFIG = { trust: { accounts: [PARTNER] } } as const;

/** A key policy (L1) that leaves the key to the account's IAM policies, as KMS writes by default. */
function accountKeyPolicy(): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

/** Each case wires IAM the way the guides and projects do; a careful reviewer finds nothing to refuse. */
export const SURVEY21_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // An L1 bucket granted through `BucketGrants.fromBucket`: a function reads it, puts under one
  // prefix and deletes under another.
  L1BucketGrants: (scope) => {
    const bucket = new s3.CfnBucket(scope, 'Bucket', {
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    });
    const fn = inlineFunction(scope, 'Worker');
    const grants = s3.BucketGrants.fromBucket(bucket);
    grants.read(fn);
    grants.put(fn, 'uploads/*');
    grants.delete(fn, 'tmp/*');
  },
  // An L1 queue encrypted with an L1 key: `QueueGrants.fromQueue` gives the consumer and the
  // producer the queue and, through the queue's `KmsMasterKeyId`, the key.
  L1EncryptedQueue: (scope) => {
    const key = new kms.CfnKey(scope, 'Key', { enableKeyRotation: true, keyPolicy: accountKeyPolicy() });
    const queue = new sqs.CfnQueue(scope, 'Queue', { kmsMasterKeyId: key.attrArn });
    const grants = sqs.QueueGrants.fromQueue(queue);
    grants.consumeMessages(inlineFunction(scope, 'Consumer'));
    grants.sendMessages(inlineFunction(scope, 'Producer'));
  },
  // An L1 topic the partner account may publish to (a topic policy CDK adds for the L1 topic).
  L1TopicForPartner: (scope) => {
    const topic = new sns.CfnTopic(scope, 'Topic', {});
    sns.TopicGrants.fromTopic(topic).publish(new iam.AccountPrincipal(PARTNER));
  },
  // An L1 table with a stream (`TableGrants.fromTable`): a function reads the data, another the stream.
  L1TableGrants: (scope) => {
    const table = new dynamodb.CfnTable(scope, 'Table', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      streamSpecification: { streamViewType: 'NEW_IMAGE' },
    });
    dynamodb.TableGrants.fromTable(table).readData(inlineFunction(scope, 'Reader'));
    dynamodb.TableGrants.fromTable(table).writeData(inlineFunction(scope, 'Writer'));
  },
  // An L1 key the partner account may decrypt with (the key policy CDK extends).
  L1KeyForPartner: (scope) => {
    const key = new kms.CfnKey(scope, 'Key', { enableKeyRotation: true, keyPolicy: accountKeyPolicy() });
    kms.KeyGrants.fromKey(key).decrypt(new iam.AccountPrincipal(PARTNER));
  },
  // L1 keys for signatures and MACs: one function signs, another verifies.
  L1SigningKeys: (scope) => {
    const signing = new kms.CfnKey(scope, 'Signing', {
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      keyPolicy: accountKeyPolicy(),
    });
    const mac = new kms.CfnKey(scope, 'Mac', {
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      keyPolicy: accountKeyPolicy(),
    });
    const signer = inlineFunction(scope, 'Signer');
    const verifier = inlineFunction(scope, 'Verifier');
    kms.KeyGrants.fromKey(signing).sign(signer);
    kms.KeyGrants.fromKey(signing).verify(verifier);
    kms.KeyGrants.fromKey(mac).generateMac(signer);
    kms.KeyGrants.fromKey(mac).verifyMac(verifier);
  },
  // L2 keys: `grantSign`, `grantVerify`, `grantGenerateMac`, `grantVerifyMac`.
  SigningKeys: (scope) => {
    const signing = new kms.Key(scope, 'Signing', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
    });
    const mac = new kms.Key(scope, 'Mac', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
    });
    const signer = inlineFunction(scope, 'Signer');
    const verifier = inlineFunction(scope, 'Verifier');
    signing.grantSign(signer);
    signing.grantVerify(verifier);
    mac.grantGenerateMac(signer);
    mac.grantVerifyMac(verifier);
  },
  // An L1 execution role that a deployer role may pass (`RoleGrants.fromRole(cfnRole).passRole`),
  // and that a CI role may assume.
  L1RoleGrants: (scope) => {
    const execution = new iam.CfnRole(scope, 'Execution', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      managedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
    });
    const deployer = new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
    });
    iam.RoleGrants.fromRole(execution).passRole(deployer);
  },
  // The `grants` property of L2 resources: a function reads and writes one prefix of a bucket,
  // sends to a queue, subscribes to a topic, writes to a log group, reads a parameter, puts events
  // on a bus, redrives a state machine's executions and reads and writes a table.
  L2GrantsProperty: (scope) => {
    const fn = inlineFunction(scope, 'Worker');
    new s3.Bucket(scope, 'Bucket', { enforceSSL: true }).grants.readWrite(fn, 'data/*');
    new sqs.Queue(scope, 'Queue', { enforceSSL: true }).grants.sendMessages(fn);
    new sns.Topic(scope, 'Topic').grants.subscribe(fn);
    new logs.LogGroup(scope, 'Audit', { retention: logs.RetentionDays.ONE_MONTH }).grants.write(fn);
    new ssm.StringParameter(scope, 'Setting', { stringValue: 'on' }).grantRead(fn);
    new events.EventBus(scope, 'Bus').grantPutEventsTo(fn);
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Step')),
    });
    machine.grantRedriveExecution(fn);
    machine.grants.startExecution(fn);
    new dynamodb.TableV2(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grants.readWriteData(fn);
  },
  // A function invoked by version: one role may invoke the current version, another the latest.
  FunctionVersions: (scope) => {
    const fn = inlineFunction(scope, 'Api');
    const caller = new iam.Role(scope, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    fn.grantInvokeVersion(caller, fn.currentVersion);
    fn.grantInvokeLatestVersion(
      new iam.Role(scope, 'Latest', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
    );
  },
  // A global table (`TableV2`) with a replica in us-east-1: one function reads the replica,
  // another reads and writes the table.
  TableV2Replica: (scope) => {
    const table = new dynamodb.TableV2(scope, 'Global', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-east-1' }],
    });
    table.replica('us-east-1').grantReadData(inlineFunction(scope, 'ReplicaReader'));
    table.grantReadWriteData(inlineFunction(scope, 'Writer'));
  },
  // The stack's account as a token in conditions: a service trust held to the account and its
  // rules, a bucket policy statement for a role of the account, a role reading only the
  // account's buckets.
  AccountTokenConditions: (scope) => {
    const account = Stack.of(scope).account;
    const role = new iam.Role(scope, 'Invoker', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: {
            'aws:SourceArn': Stack.of(scope).formatArn({ service: 'events', resource: 'rule', resourceName: '*' }),
          },
        },
      }),
    });
    const bucket = new s3.Bucket(scope, 'Bucket', { enforceSSL: true });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ArnPrincipal(role.roleArn)],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('reports/*')],
        conditions: { StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('reports/*')],
        conditions: { StringEquals: { 'aws:ResourceAccount': account } },
      }),
    );
  },
  // The Parameters and Secrets extension: the function reads one secret and one string list.
  ParamsAndSecrets: (scope) => {
    const fn = inlineFunction(scope, 'Api', {
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
    });
    new secretsmanager.Secret(scope, 'Token').grantRead(fn);
    new ssm.StringListParameter(scope, 'Hosts', { stringListValue: ['a.example.com', 'b.example.com'] }).grantRead(fn);
  },
};

/** The app of the idioms, one construct per case. */
export function survey21App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey21', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY21_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** Planted risks in the same constructs: each a reviewer refuses. */
export const SURVEY21_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // `BucketGrants.fromBucket(cfnBucket).publicAccess()`: every object readable by anyone.
  L1BucketPublic: (scope) => {
    const bucket = new s3.CfnBucket(scope, 'Bucket', {});
    s3.BucketGrants.fromBucket(bucket).publicAccess('public/*');
  },
  // An L1 queue whose messages an account nobody trusts may send.
  L1QueueForStranger: (scope) => {
    const queue = new sqs.CfnQueue(scope, 'Queue', {});
    sqs.QueueGrants.fromQueue(queue).sendMessages(new iam.AccountPrincipal(STRANGER));
  },
  // An L1 topic anyone may publish to.
  L1TopicForAnyone: (scope) => {
    const topic = new sns.CfnTopic(scope, 'Topic', {});
    sns.TopicGrants.fromTopic(topic).publish(new iam.AnyPrincipal());
  },
  // An L1 key an account nobody trusts may decrypt with.
  L1KeyForStranger: (scope) => {
    const key = new kms.CfnKey(scope, 'Key', { keyPolicy: accountKeyPolicy() });
    kms.KeyGrants.fromKey(key).decrypt(new iam.AccountPrincipal(STRANGER));
  },
  // `bus.grants.allPutEvents`: `events:PutEvents` on every bus of the account (the grants class
  // has no per-bus form; `bus.grantPutEventsTo` has).
  AllPutEvents: (scope) => {
    new events.EventBus(scope, 'Bus').grants.allPutEvents(inlineFunction(scope, 'Producer'));
  },
  // `machine.grants.redriveExecution`: aws-cdk-lib 2.276 writes the state machine's ARN and `:*`,
  // which names no execution (`grantRedriveExecution` names its executions): the redrive is denied.
  RedriveOnMachineArn: (scope) => {
    const machine = new sfn.StateMachine(scope, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Step')),
    });
    machine.grants.redriveExecution(inlineFunction(scope, 'Operator'));
  },
  // A log group (L1) written by a service principal with no condition on whose resources call it.
  L1LogGroupForService: (scope) => {
    const group = new logs.CfnLogGroup(scope, 'Group', { retentionInDays: 30 });
    logs.LogGroupGrants.fromLogGroup(group).write(new iam.ServicePrincipal('delivery.logs.amazonaws.com'));
  },
  // `grants.actions` with every SQS action on a queue, given to a function.
  QueueAllActions: (scope) => {
    const queue = new sqs.Queue(scope, 'Queue', { enforceSSL: true });
    queue.grants.actions(inlineFunction(scope, 'Worker'), ['sqs:*']);
  },
};

/** The app of the risks, one construct per case. */
export function survey21RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey21Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY21_RISKS)) make(new Construct(stack, name));
  return app;
}

/** The boundary every role of the Stage app must have. */
export const STAGE_CONFIG = {
  trust: { accounts: [PARTNER] },
  boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] },
} as const;

/** A service stack with a nested stack of workers; `passAny` plants `iam:PassRole` on `*` in it. */
class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, passAny: boolean) {
    super(scope, id);
    const table = new dynamodb.TableV2(this, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    inlineFunction(this, 'Api').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }),
    );
    const workers = new NestedStack(this, 'Workers');
    const worker = inlineFunction(workers, 'Worker');
    table.grantReadWriteData(worker);
    if (passAny) worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  }
}

/**
 * Two Stages of one service (`Prod`, and `Sandbox` where a nested worker may pass any role), each
 * given the boundary with `PermissionsBoundary.of(stage)` and tagged with `Tags.of(stage)`.
 */
export function survey21StageApp(props: AppProps = {}): App {
  const app = new App(props);
  for (const [id, passAny] of [
    ['Prod', false],
    ['Sandbox', true],
  ] as const) {
    const stage = new Stage(app, id, { env: ENV });
    new ServiceStack(stage, 'Service', passAny);
    iam.PermissionsBoundary.of(stage).apply(
      iam.ManagedPolicy.fromManagedPolicyArn(stage, 'Boundary', `arn:aws:iam::${ENV.account}:policy/app-boundary`),
    );
    Tags.of(stage).add('team', 'orders');
  }
  return app;
}

/** The names of the roles created by hand for the app that customizes its roles, by construct path. */
const PRECREATED_ROLES: Readonly<Record<string, string>> = {
  'Precreated/Reader/ServiceRole': 'orders-reader',
  'Precreated/Builder/ServiceRole': 'orders-builder',
  'Precreated/Operator': 'orders-operator',
  'Precreated/Workers/Worker/ServiceRole': 'orders-worker',
};

/**
 * `Role.customizeRoles`: no role is synthesized; each becomes the role of that name an
 * administrator creates from the IAM policy report CDK writes. A reader of one bucket and table,
 * a worker in a nested stack, and two roles a reviewer refuses: a builder that may pass any role,
 * an operator given `AdministratorAccess`.
 */
export function survey21PrecreatedApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Precreated', { env: ENV });
  iam.Role.customizeRoles(stack, { usePrecreatedRoles: PRECREATED_ROLES });
  const bucket = new s3.Bucket(stack, 'Reports', { enforceSSL: true });
  const table = new dynamodb.TableV2(stack, 'Orders', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  const reader = inlineFunction(stack, 'Reader');
  bucket.grantRead(reader);
  reader.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
  const workers = new NestedStack(stack, 'Workers');
  const queue = new sqs.Queue(workers, 'Jobs', { enforceSSL: true });
  queue.grantConsumeMessages(inlineFunction(workers, 'Worker'));
  inlineFunction(stack, 'Builder').addToRolePolicy(
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
  );
  new iam.Role(stack, 'Operator', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  return app;
}
