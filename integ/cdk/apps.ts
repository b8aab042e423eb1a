/**
 * Real CDK apps for the integration tests and the benchmark: least-privilege grant idioms, and
 * planted risks, each on a known construct path.
 */
import { App, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');

/** One role per grant idiom, each granted on one resource of the stack. */
export function grantsApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Grants');
  const role = (id: string): iam.Role => new iam.Role(stack, id, { assumedBy: lambdaPrincipal });
  const bucket = new s3.Bucket(stack, 'Data');
  bucket.grantRead(role('BucketReader'));
  bucket.grantReadWrite(role('BucketWriter'));
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  });
  table.grantReadWriteData(role('TableWriter'));
  new sqs.Queue(stack, 'Jobs').grantSendMessages(role('QueueSender'));
  new sns.Topic(stack, 'Events').grantPublish(role('TopicPublisher'));
  new kms.Key(stack, 'Key').grantDecrypt(role('KeyUser'));
  const fn = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    timeout: Duration.seconds(10),
  });
  fn.grantInvoke(role('Invoker'));
  new secretsmanager.Secret(stack, 'Token').grantRead(role('SecretReader'));
  return app;
}

/** Construct paths of the planted risks, by the finding expected there. */
export const PLANTED = {
  serviceWildcard: {
    ruleId: 'wildcard-action/service-wildcard',
    constructPath: 'Risky/Team/S3Admin/DefaultPolicy/Resource',
  },
  passRole: {
    ruleId: 'privilege-escalation/pass-role-wildcard',
    constructPath: 'Risky/Team/Deployer/DefaultPolicy/Resource',
  },
  publicBucket: { ruleId: 'resource-exposure/public-principal', constructPath: 'Risky/Public/Policy/Resource' },
  oidcWithoutSub: { ruleId: 'trust-policy/oidc-missing-sub', constructPath: 'Risky/Team/GithubDeploy/Resource' },
  missingBoundary: { ruleId: 'boundary/missing-required', constructPath: 'Risky/Outsider/Resource' },
} as const;

/** The configuration of the risky app: roles need the `app-boundary` boundary. */
export const RISKY_CONFIG = { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } } as const;

/** One planted risk per construct; the team's roles get the required boundary from an aspect. */
export function riskyApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Risky', { env: { account: '111122223333', region: 'eu-west-1' } });
  // The boundary caps nothing the planted risks use, so that each risk stays effective.
  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    managedPolicyName: 'app-boundary',
    statements: [new iam.PolicyStatement({ actions: ['s3:*', 'iam:PassRole'], resources: ['*'] })],
  });
  // Every role but `Outsider` is in a scope with the boundary.
  const team = new Construct(stack, 'Team');
  iam.PermissionsBoundary.of(team).apply(boundary);
  const teamRole = (id: string, assumedBy: iam.IPrincipal = lambdaPrincipal): iam.Role =>
    new iam.Role(team, id, { assumedBy });

  teamRole('S3Admin').addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  teamRole('Deployer').addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  const publicBucket = new s3.Bucket(stack, 'Public');
  publicBucket.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [publicBucket.arnForObjects('*')],
    }),
  );
  const github = new iam.OidcProviderNative(stack, 'Github', {
    url: 'https://token.actions.githubusercontent.com',
    clientIds: ['sts.amazonaws.com'],
  });
  teamRole(
    'GithubDeploy',
    new iam.WebIdentityPrincipal(github.oidcProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    }),
  );
  new iam.Role(stack, 'Outsider', { assumedBy: lambdaPrincipal });
  return app;
}

/** A role in one stack granted on a bucket and a table of another stack (cross-stack references). */
/** A role with `iam:PassRole` on `*` two nested stacks down (`NestedStack`: templates that are assets, not artifacts). */
export function nestedStackApp(props: AppProps = {}): App {
  const app = new App(props);
  const parent = new Stack(app, 'Platform');
  const child = new NestedStack(parent, 'Deploy');
  const grandchild = new NestedStack(child, 'Runner');
  const role = new iam.Role(grandchild, 'Deployer', { assumedBy: lambdaPrincipal });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  return app;
}

export function crossStackApp(props: AppProps = {}): App {
  const app = new App(props);
  const data = new Stack(app, 'Data');
  const bucket = new s3.Bucket(data, 'Store');
  const table = new dynamodb.Table(data, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  });
  const api = new Stack(app, 'Api');
  const role = new iam.Role(api, 'Handler', { assumedBy: lambdaPrincipal });
  bucket.grantRead(role);
  table.grantReadWriteData(role);
  return app;
}
