/**
 * One CDK app for the cdk-nag parity audit (parity.test.ts): for each cdk-nag IAM rule, a construct
 * that fails it and a least-privilege construct that passes it, each under its own scope
 * (`Parity/<case>`). The rules are those of the AwsSolutions pack (IAM4, IAM5) and the
 * NIST/HIPAA/PCI packs (no inline policy, admin access, full access, user group membership, user
 * policies, S3 TLS-only bucket policy), plus SNS, SQS and KMS resource policies.
 */
import { App, Stack } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const ENV = { account: '111122223333', region: 'eu-west-1' };

/** The stack every case lives in; case scopes are its children. */
export const PARITY_STACK = 'Parity';

function lambdaRole(scope: Construct, id = 'Role'): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** Each case builds its constructs under `scope`. */
export const PARITY_CASES: Readonly<Record<string, (scope: Construct) => void>> = {
  // AwsSolutions-IAM4: AWS managed policies.
  'IAM4-Failing-Admin': (scope) => {
    lambdaRole(scope).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  },
  'IAM4-Failing-Basic': (scope) => {
    lambdaRole(scope).addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
    );
  },
  'IAM4-Passing': (scope) => {
    const table = new sqs.Queue(scope, 'Queue');
    const policy = new iam.ManagedPolicy(scope, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [table.queueArn] })],
    });
    lambdaRole(scope).addManagedPolicy(policy);
  },

  // AwsSolutions-IAM5: wildcard permissions.
  'IAM5-Failing-Star': (scope) => {
    lambdaRole(scope).addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  },
  'IAM5-Failing-Grant': (scope) => {
    new s3.Bucket(scope, 'Bucket').grantRead(lambdaRole(scope));
  },
  'IAM5-Passing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    lambdaRole(scope).addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
  },

  // NIST/HIPAA/PCI iam-no-inline-policy.
  'NoInline-Failing-Risky': (scope) => {
    new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      inlinePolicies: {
        deploy: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })],
        }),
      },
    });
  },
  'NoInline-Failing-Scoped': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        send: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })],
        }),
      },
    });
  },
  'NoInline-Passing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    const policy = new iam.ManagedPolicy(scope, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })],
    });
    new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [policy],
    });
  },

  // NIST/HIPAA/PCI iam-policy-no-statements-with-admin-access.
  'AdminAccess-Failing': (scope) => {
    new iam.Policy(scope, 'Policy', {
      roles: [lambdaRole(scope)],
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
    });
  },
  'AdminAccess-Passing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    new iam.Policy(scope, 'Policy', {
      roles: [lambdaRole(scope)],
      statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] })],
    });
  },

  // NIST/HIPAA/PCI iam-policy-no-statements-with-full-access (`service:*`).
  'FullAccess-Failing': (scope) => {
    new iam.ManagedPolicy(scope, 'Policy', {
      roles: [lambdaRole(scope)],
      statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })],
    });
  },
  'FullAccess-Passing': (scope) => {
    const bucket = new s3.Bucket(scope, 'Bucket');
    new iam.ManagedPolicy(scope, 'Policy', {
      roles: [lambdaRole(scope)],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })],
    });
  },

  // NIST/HIPAA/PCI iam-user-group-membership.
  'UserGroup-Failing': (scope) => {
    new iam.User(scope, 'User');
  },
  'UserGroup-Passing': (scope) => {
    new iam.User(scope, 'User', { groups: [new iam.Group(scope, 'Group')] });
  },

  // NIST/HIPAA/PCI iam-user-no-policies.
  'UserPolicies-Failing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    new iam.User(scope, 'User').addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
  },
  'UserPolicies-Passing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    const group = new iam.Group(scope, 'Group');
    group.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    new iam.User(scope, 'User', { groups: [group] });
  },

  // NIST/HIPAA/PCI s3-bucket-ssl-requests-only (AwsSolutions-S10): the TLS-only deny in the bucket policy.
  'S3Ssl-Failing': (scope) => {
    const bucket = new s3.Bucket(scope, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(ENV.account)],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  },
  'S3Ssl-Failing-Public': (scope) => {
    const bucket = new s3.Bucket(scope, 'Bucket', { enforceSSL: true });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  },
  'S3Ssl-Passing': (scope) => {
    new s3.Bucket(scope, 'Bucket', { enforceSSL: true }).grantRead(new iam.AccountPrincipal(ENV.account));
  },

  // AwsSolutions-SNS3 (TLS-only publish) and open topic policies.
  'SnsPolicy-Failing': (scope) => {
    const topic = new sns.Topic(scope, 'Topic');
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
      }),
    );
  },
  'SnsPolicy-Passing': (scope) => {
    const topic = new sns.Topic(scope, 'Topic', { enforceSSL: true });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:${ENV.region}:${ENV.account}:rule/orders` } },
      }),
    );
  },

  // AwsSolutions-SQS4 (TLS-only) and open queue policies.
  'SqsPolicy-Failing': (scope) => {
    const queue = new sqs.Queue(scope, 'Queue');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
        resources: [queue.queueArn],
      }),
    );
  },
  'SqsPolicy-Passing': (scope) => {
    const topic = new sns.Topic(scope, 'Topic');
    const queue = new sqs.Queue(scope, 'Queue', { enforceSSL: true });
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
  },

  // KMS key policies (cdk-nag checks rotation, KMS5, not the policy).
  'KmsPolicy-Failing': (scope) => {
    const key = new kms.Key(scope, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }),
    );
  },
  'KmsPolicy-Passing': (scope) => {
    new kms.Key(scope, 'Key', { enableKeyRotation: true }).grantDecrypt(lambdaRole(scope));
  },
};

/** The parity app: one stack, one scope per case. */
export function parityApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, PARITY_STACK, { env: ENV });
  for (const [id, build] of Object.entries(PARITY_CASES)) build(new Construct(stack, id));
  return app;
}
