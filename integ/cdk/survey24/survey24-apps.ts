/**
 * The twenty-fourth survey: IAM that CDK users write by hand rather than through a construct's
 * grants. Inline policies from JSON, a managed policy several roles share, a boundary applied to a
 * whole stage, `customizeRoles` without preventing synthesis, grants across stacks, composite and
 * GitHub OIDC trust, the account root with an external id, `Grant.addToPrincipalOrResource`, an
 * imported immutable role, resources built with `Fn.join` / `Fn.sub` and tokens, and `CfnRole`
 * escape hatches. One scope per case (`Survey24/<Case>`, `Survey24Risks/<Case>`); the cases
 * across stacks and stages have stacks of their own.
 */
import { App, Aws, CfnCondition, CfnParameter, Fn, Lazy, Stack, Stage } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { inlineFunction } from '../idiom-apps';

const ENV = { account: '111122223333', region: 'us-east-1' };
const PARTNER = '444455556666';

/** The boundary every role of the stage `Survey24Bounded` is given by `PermissionsBoundary.of`. */
const BOUNDARY_NAME = 'app-boundary';

/** The configuration of the survey: the defaults, and a partner account trusted. */
export const SURVEY24_CONFIG = {
  trust: { accounts: [PARTNER] },
} as const;

/** A role Lambda assumes. */
const lambdaRole = (scope: Construct, id: string, props: Partial<iam.RoleProps> = {}): iam.Role =>
  new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), ...props });

/** The GitHub OIDC provider of the account, imported (one per account, made elsewhere). */
const githubProvider = (scope: Construct): iam.IOpenIdConnectProvider =>
  iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
    scope,
    'GitHub',
    `arn:aws:iam::${ENV.account}:oidc-provider/token.actions.githubusercontent.com`,
  );

/** A condition `IsProd` on a parameter `Stage` of the scope's stack. */
const isProd = (scope: Construct): CfnCondition =>
  new CfnCondition(scope, 'IsProd', {
    expression: Fn.conditionEquals(new CfnParameter(scope, 'Stage', { type: 'String' }).valueAsString, 'prod'),
  });

/** The cases of the idioms app, each given its own scope. */
export const SURVEY24_IDIOMS: Record<string, (scope: Construct) => void> = {
  // `inlinePolicies` written as JSON (`PolicyDocument.fromJson`), with tokens in the text: reads of
  // one bucket's prefix, a Deny of every action outside one region, `NotAction` within that Deny.
  InlineFromJson: (scope) => {
    const bucket = new s3.Bucket(scope, 'Reports');
    lambdaRole(scope, 'Reader', {
      inlinePolicies: {
        reads: iam.PolicyDocument.fromJson({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:GetObjectVersion'],
              Resource: `${bucket.bucketArn}/daily/*`,
            },
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: bucket.bucketArn,
              Condition: { StringLike: { 's3:prefix': ['daily/*'] } },
            },
            {
              Effect: 'Deny',
              NotAction: ['iam:*', 'sts:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': Aws.REGION } },
            },
          ],
        }),
      },
    });
  },
  // One managed policy, written with `statements`, attached to three roles (`roles:` and
  // `addManagedPolicy`).
  SharedManagedPolicy: (scope) => {
    const table = new dynamodb.TableV2(scope, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const api = lambdaRole(scope, 'Api');
    const worker = lambdaRole(scope, 'Worker');
    const policy = new iam.ManagedPolicy(scope, 'OrdersAccess', {
      statements: [
        new iam.PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      ],
      roles: [api, worker],
    });
    lambdaRole(scope, 'Reporter').addManagedPolicy(policy);
  },
  // `customizeRoles` without preventing synthesis: the roles are synthesized and the report
  // written; a precreated name for one of them replaces it.
  CustomizedRoles: (scope) => {
    const bucket = new s3.Bucket(scope, 'Exports');
    bucket.grantRead(inlineFunction(scope, 'Exporter'));
  },
  // `Role.fromRoleArn(..., { mutable: false })` and `fromRoleName`: grants to them change nothing here.
  ImmutableImportedRole: (scope) => {
    const imported = iam.Role.fromRoleArn(scope, 'Deployer', `arn:aws:iam::${ENV.account}:role/deployer`, {
      mutable: false,
    });
    const bucket = new s3.Bucket(scope, 'Artifacts');
    bucket.grantReadWrite(imported);
    new sqs.Queue(scope, 'Jobs').grantSendMessages(
      iam.Role.fromRoleName(scope, 'Sender', 'sender', { mutable: false }),
    );
  },
  // A trust of two services (`CompositePrincipal`): Lambda and Lambda@Edge.
  CompositeTrust: (scope) => {
    new iam.Role(scope, 'Edge', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.ServicePrincipal('edgelambda.amazonaws.com'),
      ),
    });
  },
  // GitHub Actions deploying from one repository's main branch and its tags: `WebIdentityPrincipal`
  // and `OpenIdConnectPrincipal` with `aud` and a `StringLike` `sub`.
  GitHubDeploy: (scope) => {
    const provider = githubProvider(scope);
    new iam.Role(scope, 'Deploy', {
      assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:ref:refs/heads/main' },
      }),
    });
    new iam.Role(scope, 'Release', {
      assumedBy: new iam.OpenIdConnectPrincipal(provider, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: {
          'token.actions.githubusercontent.com:sub': [
            'repo:acme/shop:ref:refs/tags/v*',
            'repo:acme/shop:environment:production',
          ],
        },
      }),
    });
  },
  // The account's root with an external id (`externalIds`), and a trusted partner account with one.
  ExternalIdTrust: (scope) => {
    new iam.Role(scope, 'Auditor', { assumedBy: new iam.AccountRootPrincipal(), externalIds: ['audit-2027'] });
    new iam.Role(scope, 'Partner', {
      assumedBy: new iam.AccountPrincipal(PARTNER).withConditions({ StringEquals: { 'sts:ExternalId': 'shop-7' } }),
    });
  },
  // `Grant.addToPrincipalOrResource`: a role of this account gets the statement in its policy; a
  // partner account, in the key's policy.
  GrantPrincipalOrResource: (scope) => {
    const key = new kms.Key(scope, 'Key');
    const decrypt = (grantee: iam.IGrantable): iam.Grant =>
      iam.Grant.addToPrincipalOrResource({
        grantee,
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resourceArns: [key.keyArn],
        resource: key,
      });
    decrypt(lambdaRole(scope, 'Reader'));
    decrypt(new iam.AccountPrincipal(PARTNER));
  },
  // `addToPrincipalPolicy` with resources built by `Fn.join`, `Fn.sub`, `formatArn` and a lazy
  // token: one queue, one bucket prefix, one parameter path, one table.
  TokenResources: (scope) => {
    const role = lambdaRole(scope, 'Worker');
    const queue = new sqs.Queue(scope, 'Jobs');
    const bucket = new s3.Bucket(scope, 'Store');
    const table = new dynamodb.TableV2(scope, 'Items', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [
          Fn.sub('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}', { Name: queue.queueName }),
        ],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [Fn.join('', ['arn:', Aws.PARTITION, ':s3:::', bucket.bucketName, '/incoming/*'])],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          Stack.of(scope).formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'shop/worker/*' }),
        ],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [Lazy.string({ produce: () => table.tableArn })],
      }),
    );
  },
  // `Fn.conditionIf` in a statement: one prefix of a bucket in production, the whole bucket elsewhere.
  ConditionalResources: (scope) => {
    const bucket = new s3.Bucket(scope, 'Data');
    lambdaRole(scope, 'Reader').addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [
          Fn.conditionIf(isProd(scope).logicalId, bucket.arnForObjects('prod/*'), bucket.arnForObjects('*')).toString(),
        ],
      }),
    );
  },
  // A role imported with `addGrantsToResources` (the bucket's policy names it), and a `Policy` the
  // app attaches to a role it imports by name.
  GrantsToImportedRole: (scope) => {
    const imported = iam.Role.fromRoleArn(scope, 'External', `arn:aws:iam::${ENV.account}:role/external`, {
      mutable: false,
      addGrantsToResources: true,
    });
    new s3.Bucket(scope, 'Shared').grantRead(imported);
    new iam.Policy(scope, 'Send', {
      statements: [
        new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [new sqs.Queue(scope, 'Q').queueArn] }),
      ],
      roles: [iam.Role.fromRoleName(scope, 'Ops', 'ops')],
    });
  },
  // `grantAssumeRole` and `grantPassRole` of one role to another.
  AssumeAndPass: (scope) => {
    const target = lambdaRole(scope, 'Target');
    const caller = lambdaRole(scope, 'Caller');
    target.grantAssumeRole(caller);
    target.grantPassRole(caller);
  },
  // `CfnRole` escape hatches: a boundary, a tag and a condition on the trust set by
  // `addPropertyOverride`, an inline policy added the same way.
  CfnRoleOverrides: (scope) => {
    const role = lambdaRole(scope, 'Patched');
    const cfn = role.node.defaultChild as iam.CfnRole;
    cfn.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
      StringEquals: { 'aws:SourceAccount': ENV.account },
    });
    cfn.addPropertyOverride('Policies', [
      {
        PolicyName: 'logs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `arn:aws:logs:${ENV.region}:${ENV.account}:log-group:/shop/patched:*`,
            },
          ],
        },
      },
    ]);
  },
};

/** The idioms app: one stack of cases, two stacks granting across, a stage under a boundary. */
export function survey24App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey24', { env: ENV });
  iam.Role.customizeRoles(stack, {
    preventSynthesis: false,
    usePrecreatedRoles: { 'Survey24/CustomizedRoles/Exporter/ServiceRole': 'shop-exporter' },
  });
  for (const [name, make] of Object.entries(SURVEY24_IDIOMS)) make(new Construct(stack, name));

  // A bucket and a key in one stack, read by a function of another: the grant names them through
  // `Fn::ImportValue` (the CDK's cross-stack references).
  const storage = new Stack(app, 'Survey24Storage', { env: ENV });
  const key = new kms.Key(storage, 'Key');
  const bucket = new s3.Bucket(storage, 'Data', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  const consumer = new Stack(app, 'Survey24Consumer', { env: ENV });
  bucket.grantRead(inlineFunction(consumer, 'Reader'));
  key.grantDecrypt(lambdaRole(consumer, 'Decrypter'));

  // A stage beside the stacks: the Aspect reads the roles of its stack before CDK writes the
  // templates of the others.
  const staged = new Stack(new Stage(app, 'Survey24Staged', { env: ENV }), 'Jobs');
  new sqs.Queue(staged, 'Queue').grantConsumeMessages(inlineFunction(staged, 'Consumer'));
  return app;
}

/** The configuration of the stage app: every role needs the boundary. */
export const SURVEY24_BOUNDED_CONFIG = {
  boundary: { required: true, allowed: [`arn:aws:iam::*:policy/${BOUNDARY_NAME}`] },
} as const;

/**
 * A stage whose every role gets the boundary (`PermissionsBoundary.of(stage).apply(...)`), in two
 * stacks; one role of the second has it cleared (`PermissionsBoundary.of(role).clear()`).
 */
export function survey24BoundedApp(props: AppProps = {}): App {
  const app = new App(props);
  const stage = new Stage(app, 'Survey24Bounded', { env: ENV });
  const service = new Stack(stage, 'Service');
  const workers = new Stack(stage, 'Workers');
  const boundary = (stack: Stack): iam.IManagedPolicy =>
    iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', BOUNDARY_NAME);
  iam.PermissionsBoundary.of(stage).apply(boundary(service));
  new sqs.Queue(service, 'Jobs').grantConsumeMessages(inlineFunction(service, 'Consumer'));
  new s3.Bucket(workers, 'Out').grantWrite(inlineFunction(workers, 'Writer'));
  const legacy = lambdaRole(workers, 'Legacy');
  iam.PermissionsBoundary.of(legacy).clear();
  return app;
}

/** The cases of the risks app: what a reviewer refuses, written by hand. */
export const SURVEY24_RISKS: Record<string, (scope: Construct) => void> = {
  // `PolicyDocument.fromJson` allowing every action but IAM's on every resource.
  FromJsonNotAction: (scope) => {
    lambdaRole(scope, 'Broad', {
      inlinePolicies: {
        all: iam.PolicyDocument.fromJson({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
        }),
      },
    });
  },
  // A managed policy passing any role, shared by two roles.
  SharedPassRole: (scope) => {
    new iam.ManagedPolicy(scope, 'Deployers', {
      statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })],
      roles: [lambdaRole(scope, 'One'), lambdaRole(scope, 'Two')],
    });
  },
  // GitHub OIDC whose `sub` admits every repository of every owner.
  GitHubAnyRepo: (scope) => {
    new iam.Role(scope, 'Deploy', {
      assumedBy: new iam.WebIdentityPrincipal(githubProvider(scope).openIdConnectProviderArn, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
      }),
    });
  },
  // GitHub OIDC without a `sub` condition: any workflow of GitHub may assume the role.
  GitHubNoSubject: (scope) => {
    new iam.Role(scope, 'Deploy', {
      assumedBy: new iam.OpenIdConnectPrincipal(githubProvider(scope), {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
    });
  },
  // `iam:PassRole` on every role of the account, the ARN built with `Fn.join` and tokens.
  JoinedPassRole: (scope) => {
    lambdaRole(scope, 'Launcher').addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [Fn.join('', ['arn:', Aws.PARTITION, ':iam::', Aws.ACCOUNT_ID, ':role/*'])],
      }),
    );
  },
  // An administrator statement slipped into a role with `addPropertyOverride`.
  OverrideAdmin: (scope) => {
    const cfn = lambdaRole(scope, 'Patched').node.defaultChild as iam.CfnRole;
    cfn.addPropertyOverride('Policies', [
      {
        PolicyName: 'everything',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ]);
  },
  // `Fn.conditionIf` in the actions: every SQS action outside production.
  ConditionalWildcard: (scope) => {
    lambdaRole(scope, 'Sender').addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [Fn.conditionIf(isProd(scope).logicalId, 'sqs:SendMessage', 'sqs:*').toString()],
        resources: [new sqs.Queue(scope, 'Jobs').queueArn],
      }),
    );
  },
  // A `Policy` passing any role attached to a role the app imports by name.
  ImportedRolePassAny: (scope) => {
    new iam.Policy(scope, 'Pass', {
      statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })],
      roles: [iam.Role.fromRoleName(scope, 'Ops', 'ops')],
    });
  },
  // A trust opened to anyone by an override of the principal CDK wrote.
  OverrideTrustAnyone: (scope) => {
    const cfn = lambdaRole(scope, 'Opened').node.defaultChild as iam.CfnRole;
    cfn.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' });
  },
  // A trust opened to an account nobody configured, with an external id.
  UntrustedAccount: (scope) => {
    new iam.Role(scope, 'Vendor', { assumedBy: new iam.AccountPrincipal('999988887777'), externalIds: ['vendor-1'] });
  },
};

/** The app of the planted risks, one scope per case. */
export function survey24RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey24Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY24_RISKS)) make(new Construct(stack, name));
  return app;
}
