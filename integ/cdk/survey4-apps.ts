/**
 * The fourth survey of real CDK apps: how public apps and construct libraries write IAM that the
 * other audits (survey-apps.ts, survey2-apps.ts, survey3-apps.ts, idiom-apps.ts,
 * construct-apps.ts, parity-apps.ts) do not reproduce: `PolicyDocument.fromJson` documents in
 * `Policy` objects shared by several roles and groups, AWS job-function policies, immutable roles
 * (`withoutPolicyUpdates`) handed to constructs, account trust narrowed by `withConditions`,
 * `SessionTagsPrincipal` (a chained role, EKS Pod Identity, GitHub OIDC), ABAC driven by
 * `Tags.of`, `NodejsFunction` with `initialPolicy`, an existing template brought in with
 * `CfnInclude`, `Lazy` lists in policies, the grantee role of an imported function, the AWS guide's
 * self-managed credentials policy with MFA (`NotAction`), resource policies for every principal
 * narrowed by conditions, a CI role deploying change sets; then the
 * planted risks of the same idioms, and escape hatches (`addPropertyOverride`, `addOverride`,
 * `addDeletionOverride`, `node.defaultChild` edits) that change or break a policy. One scope per
 * case (`Survey4/<Case>`, `Survey4Risks/<Case>`); each app is synthesized once per test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, DockerImage, Duration, Lazy, Stack, Tags } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** The configuration of the fourth survey: the recommended preset, nothing trusted beyond the account. */
export const SURVEY4_CONFIG = {} as const;

/**
 * Files the apps read (a `NodejsFunction` entry and its lock file, templates for `CfnInclude`),
 * written once per process in a temporary folder.
 */
let workdir: string | undefined;
function appFile(name: string, text: string): string {
  workdir ??= mkdtempSync(path.join(tmpdir(), 'survey4-'));
  const file = path.join(workdir, name);
  writeFileSync(file, text);
  return file;
}

/**
 * Context that skips asset bundling (`NodejsFunction` would run esbuild, or Docker without it):
 * the function's code is not what the guard reads, its role is.
 */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function nodejsFunction(scope: Construct, id: string, initialPolicy: iam.PolicyStatement[]): nodejs.NodejsFunction {
  return new nodejs.NodejsFunction(scope, id, {
    entry: appFile('handler.ts', 'export const handler = async (): Promise<void> => {};\n'),
    depsLockFilePath: appFile('package-lock.json', '{"lockfileVersion": 3}\n'),
    runtime: lambda.Runtime.NODEJS_22_X,
    timeout: Duration.seconds(30),
    initialPolicy,
    // Without esbuild installed, the construct builds its Docker image even when bundling is skipped.
    bundling: { dockerImage: DockerImage.fromRegistry('dummy') },
  });
}

function lambdaRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** The GitHub OIDC provider of the account, imported by ARN (one per account). */
function githubProvider(scope: Construct): iam.IOpenIdConnectProvider {
  return iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
    scope,
    'GitHub',
    `arn:aws:iam::${ENV.account}:oidc-provider/${GITHUB_ISSUER}`,
  );
}

/** An existing template brought into the app with `CfnInclude`: a role passed in by ARN, one it creates. */
const INCLUDED_TEMPLATE = {
  Parameters: { ExecutionRoleArn: { Type: 'String' } },
  Resources: {
    ReportsBucket: { Type: 'AWS::S3::Bucket' },
    ExporterRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'export',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Sub': '${ReportsBucket.Arn}/exports/*' } },
                { Effect: 'Allow', Action: 'iam:PassRole', Resource: { Ref: 'ExecutionRoleArn' } },
              ],
            },
          },
        ],
      },
    },
  },
};

/** Each case builds what a public app writes under `scope`; a careful reviewer finds nothing to refuse. */
export const SURVEY4_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // Policies written as JSON (`fromJson`, often read from a file) and shared by several roles.
  PolicyFromJson: (scope) => {
    const fetch = inlineFunction(scope, 'Fetch');
    const filter = inlineFunction(scope, 'Filter');
    const table = new dynamodb.Table(scope, 'Jobs', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const machineRole = new iam.Role(scope, 'MachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    });
    const workerRole = lambdaRole(scope, 'WorkerRole');
    new iam.Policy(scope, 'InvokeLambdas', {
      roles: [machineRole, workerRole],
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Invoke',
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [fetch.functionArn, filter.functionArn],
          },
        ],
      }),
    });
    const jobs = new iam.Policy(scope, 'ReadWriteJobs', {
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: table.tableArn }],
      }),
    });
    jobs.attachToRole(machineRole);
    new iam.Role(scope, 'DataBrewRole', {
      assumedBy: new iam.ServicePrincipal('databrew.amazonaws.com'),
      inlinePolicies: {
        DataBrew: iam.PolicyDocument.fromJson({
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: [`arn:aws:s3:::databrew-public-datasets-${ENV.region}/*`],
            },
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: `arn:aws:s3:::databrew-public-datasets-${ENV.region}`,
            },
          ],
        }),
      },
    });
  },

  // Groups of people: the AWS job function for viewers, a policy attached to two groups, a member.
  ViewOnlyGroups: (scope) => {
    const viewers = new iam.Group(scope, 'Viewers', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')],
    });
    const analysts = new iam.Group(scope, 'Analysts');
    const reports = new s3.Bucket(scope, 'Reports');
    const readReports = new iam.Policy(scope, 'ReadReports', {
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [reports.arnForObjects('monthly/*')] }),
      ],
    });
    readReports.attachToGroup(viewers);
    readReports.attachToGroup(analysts);
    new iam.User(scope, 'Auditor', { groups: [viewers] });
  },

  // A role the app owns, handed to constructs immutable: their grants do not touch it.
  ImmutableRoles: (scope) => {
    const table = new dynamodb.Table(scope, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const role = lambdaRole(scope, 'Role');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
    const immutable = role.withoutPolicyUpdates();
    const fn = inlineFunction(scope, 'Fn', { role: immutable });
    table.grantReadWriteData(fn);
    const buildRole = new iam.Role(scope, 'BuildRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
    });
    new codebuild.Project(scope, 'Build', {
      role: buildRole.withoutPolicyUpdates(),
      buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }),
    });
    const machineRole = new iam.Role(scope, 'MachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    });
    new sfn.StateMachine(scope, 'Machine', {
      role: machineRole.withoutPolicyUpdates(),
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(scope, 'Done')),
    });
  },

  // The account trusted only for named roles (zone delegation), and people with MFA for a deploy role.
  AccountTrustWithConditions: (scope) => {
    const stack = Stack.of(scope);
    const zone = new route53.PublicHostedZone(scope, 'Parent', { zoneName: 'example.com' });
    const delegation = new iam.Role(scope, 'Delegation', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        ArnLike: {
          'aws:PrincipalArn': stack.formatArn({
            service: 'iam',
            region: '',
            resource: 'role',
            resourceName: 'ZoneDelegation-*',
          }),
        },
      }),
    });
    zone.grantDelegation(delegation, { delegatedZoneNames: ['dev.example.com'] });
    new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        ArnLike: {
          'aws:PrincipalArn': `arn:aws:iam::${ENV.account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Deploy_*`,
        },
      }),
      inlinePolicies: {
        Deploy: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['sts:AssumeRole'],
              resources: [`arn:aws:iam::${ENV.account}:role/cdk-hnb659fds-*-role-${ENV.account}-*`],
              conditions: {
                'ForAnyValue:StringEquals': { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing'] },
              },
            }),
          ],
        }),
      },
    });
  },

  // Session tags: a role a function assumes with a tenant tag, a Pod Identity role, GitHub OIDC.
  SessionTags: (scope) => {
    const table = new dynamodb.Table(scope, 'Tenants', {
      partitionKey: { name: 'tenant', type: dynamodb.AttributeType.STRING },
    });
    const fn = inlineFunction(scope, 'Api');
    const fnRole = fn.role as iam.IRole;
    const tenantRole = new iam.Role(scope, 'TenantRole', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ArnPrincipal(fnRole.roleArn)).withConditions({
        StringLike: { 'aws:RequestTag/tenant': '*' },
      }),
    });
    tenantRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/tenant}'] } },
      }),
    );
    tenantRole.grantAssumeRole(fnRole);
    const models = new s3.Bucket(scope, 'Models');
    const podRole = new iam.Role(scope, 'PodRole', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
    });
    models.grantReadWrite(podRole);
    const site = new s3.Bucket(scope, 'Site');
    const publish = new iam.Role(scope, 'Publish', {
      assumedBy: new iam.SessionTagsPrincipal(
        new iam.OpenIdConnectPrincipal(githubProvider(scope), {
          StringEquals: {
            [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_ISSUER}:sub`]: 'repo:example-org/site:ref:refs/heads/main',
          },
        }),
      ),
    });
    site.grantReadWrite(publish);
  },

  // ABAC: a team tag on the role (`Tags.of`) matched against the tag of the instances and secrets.
  TagAbac: (scope) => {
    const operators = new iam.Role(scope, 'Operators', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        ArnLike: {
          'aws:PrincipalArn': `arn:aws:iam::${ENV.account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Payments_*`,
        },
      }),
    });
    Tags.of(operators).add('team', 'payments');
    operators.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances'],
        resources: [`arn:aws:ec2:${ENV.region}:${ENV.account}:instance/*`],
        conditions: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      }),
    );
    operators.addToPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`arn:aws:secretsmanager:${ENV.region}:${ENV.account}:secret:*`],
        conditions: { StringEquals: { 'secretsmanager:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      }),
    );
  },

  // `aws-lambda-nodejs` functions whose policy is given at creation (`initialPolicy`).
  NodejsInitialPolicy: (scope) => {
    const stack = Stack.of(scope);
    nodejsFunction(scope, 'Confirm', [
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: 'example.com' })],
        conditions: { StringLike: { 'ses:FromAddress': 'notification@example.com' } },
      }),
    ]);
    nodejsFunction(scope, 'Traced', [
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ]);
    nodejsFunction(scope, 'KubeConfig', [
      new iam.PolicyStatement({
        actions: ['eks:DescribeCluster'],
        resources: [stack.formatArn({ service: 'eks', resource: 'cluster', resourceName: 'shop' })],
      }),
    ]);
  },

  // An existing template, included: its role writes one prefix and passes the role it is given.
  IncludedTemplate: (scope) => {
    const execution = lambdaRole(scope, 'Execution');
    new cfninc.CfnInclude(scope, 'Legacy', {
      templateFile: appFile('legacy.template.json', JSON.stringify(INCLUDED_TEMPLATE)),
      parameters: { ExecutionRoleArn: execution.roleArn },
    });
  },

  // Resources known only once the app is built (`Lazy`), and the grantee role of an imported function.
  LazyAndImported: (scope) => {
    const queues: sqs.Queue[] = [];
    const role = lambdaRole(scope, 'Drainer');
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        resources: Lazy.list({ produce: () => queues.map((q) => q.queueArn) }),
      }),
    );
    queues.push(new sqs.Queue(scope, 'Orders'), new sqs.Queue(scope, 'Refunds'));
    const imported = lambda.Function.fromFunctionAttributes(scope, 'Legacy', {
      functionArn: `arn:aws:lambda:${ENV.region}:${ENV.account}:function:legacy-export`,
      role: iam.Role.fromRoleArn(scope, 'LegacyRole', `arn:aws:iam::${ENV.account}:role/legacy-export`),
    });
    const exportBucket = new s3.Bucket(scope, 'Exports');
    exportBucket.grantPut(imported);
    const key = new kms.Key(scope, 'Key');
    key.grantDecrypt(imported);
  },

  // The AWS guide's policy for people who manage their own credentials: everything denied without
  // MFA (`NotAction`), their own password, keys and MFA device (`${aws:username}`), on a group.
  SelfManagedMfa: (scope) => {
    const humans = new iam.Group(scope, 'Humans');
    new iam.User(scope, 'Alice', { groups: [humans] });
    const own = 'arn:aws:iam::*:user/${aws:username}';
    new iam.ManagedPolicy(scope, 'ForceMfa', {
      groups: [humans],
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], Resource: '*' },
          { Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: own },
          {
            Effect: 'Allow',
            Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
            Resource: own,
          },
          { Effect: 'Allow', Action: 'iam:CreateVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/*' },
          {
            Effect: 'Allow',
            Action: ['iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
            Resource: own,
          },
          {
            Effect: 'Deny',
            NotAction: [
              'iam:CreateVirtualMFADevice',
              'iam:EnableMFADevice',
              'iam:GetUser',
              'iam:ChangePassword',
              'iam:ListMFADevices',
              'iam:ListVirtualMFADevices',
              'sts:GetSessionToken',
            ],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      }),
    });
  },

  // Resource policies for every principal, narrowed by their conditions: S3 notifications of the
  // account's `incoming-*` buckets to a topic, the topic's deliveries to a queue.
  ConditionedResourcePolicies: (scope) => {
    const topic = new sns.Topic(scope, 'Uploads');
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::incoming-*' },
          StringEquals: { 'aws:SourceAccount': ENV.account },
        },
      }),
    );
    const queue = new sqs.Queue(scope, 'Work');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
  },

  // A CI deploy role: change sets of the app's stacks only, and the one execution role it passes.
  ChangeSetDeployer: (scope) => {
    const execution = new iam.Role(scope, 'Execution', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
    });
    const deployer = new iam.Role(scope, 'Deployer', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ENV.account}:role/ci-*` },
      }),
    });
    deployer.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'cloudformation:CreateChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStacks',
        ],
        resources: [`arn:aws:cloudformation:${ENV.region}:${ENV.account}:stack/app-*/*`],
      }),
    );
    execution.grantPassRole(deployer);
  },
};

/** The app of idioms: one stack, one scope per case. */
export function survey4App(props: AppProps = {}): App {
  const app = new App({ ...props, context: { ...props.context, ...NO_BUNDLING } });
  const stack = new Stack(app, 'Survey4', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY4_IDIOMS)) make(new Construct(stack, name));
  return app;
}

/** The planted risks: each is what a reviewer would refuse, on a known construct path. */
export const SURVEY4_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A seeding function allowed everything (`initialPolicy` of `*` on `*`).
  SeederAdmin: (scope) => {
    nodejsFunction(scope, 'Seeder', [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })]);
  },
  // Every S3 action (bucket policies, deletion) on every bucket whose name matches a prefix.
  FromJsonS3Star: (scope) => {
    const role = lambdaRole(scope, 'Role');
    new iam.ManagedPolicy(scope, 'Buckets', {
      roles: [role],
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::app-dev-*', 'arn:aws:s3:::app-dev-*/*'] },
        ],
      }),
    });
  },
  // A role for database administrators: the AWS job function reaches every table and database.
  DatabaseAdministrator: (scope) => {
    new iam.Role(scope, 'Dba', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        ArnLike: {
          'aws:PrincipalArn': `arn:aws:iam::${ENV.account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dba_*`,
        },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/DatabaseAdministrator')],
    });
  },
  // A user given a policy directly, not through a group.
  UserPolicy: (scope) => {
    const user = new iam.User(scope, 'Reporter');
    const bucket = new s3.Bucket(scope, 'Reports');
    new iam.Policy(scope, 'Read', {
      users: [user],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })],
    });
  },
  // Any principal of any account may decrypt with the key (no condition at all).
  KeyForAnyone: (scope) => {
    const key = new kms.Key(scope, 'Key');
    key.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }),
    );
  },
  // ABAC forgotten: every secret of the account read, whatever its tag.
  SecretsWithoutTag: (scope) => {
    const role = lambdaRole(scope, 'Role');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));
    new secretsmanager.Secret(scope, 'Unused');
  },
  // The included template's role, given `*` as the role it passes.
  IncludedPassRole: (scope) => {
    new cfninc.CfnInclude(scope, 'Legacy', {
      templateFile: appFile('legacy-risk.template.json', JSON.stringify(INCLUDED_TEMPLATE)),
      parameters: { ExecutionRoleArn: '*' },
    });
  },
  // An escape hatch widens a grant: the queue action on every queue.
  OverrideToStar: (scope) => {
    const queue = new sqs.Queue(scope, 'Jobs');
    const role = lambdaRole(scope, 'Role');
    queue.grantPurge(role);
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
  },
  // An escape hatch removes the `sub` condition of a GitHub trust: any repository may assume it.
  OverrideDropsSub: (scope) => {
    const role = new iam.Role(scope, 'Deploy', {
      assumedBy: new iam.OpenIdConnectPrincipal(githubProvider(scope), {
        StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB_ISSUER}:sub`]: 'repo:example-org/site:*' },
      }),
    });
    (role.node.defaultChild as iam.CfnRole).addDeletionOverride(
      'Properties.AssumeRolePolicyDocument.Statement.0.Condition.StringLike',
    );
  },
  // The trust policy replaced through the L1 (`node.defaultChild`): every principal may assume the role.
  DefaultChildTrust: (scope) => {
    const role = lambdaRole(scope, 'Role');
    (role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    };
  },
};

/** The app of risks: one stack, one scope per case. */
export function survey4RisksApp(props: AppProps = {}): App {
  const app = new App({ ...props, context: { ...props.context, ...NO_BUNDLING } });
  const stack = new Stack(app, 'Survey4Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY4_RISKS)) make(new Construct(stack, name));
  return app;
}

/**
 * Escape hatches that leave a reference to nothing in a policy: CloudFormation rejects each
 * template, and the guard would otherwise read the name as a value known at deploy. One stack per
 * case (a template's first broken reference is reported), each under `Survey4Broken<Case>`; a
 * stack with nothing in it, which the CDK CLI skips, beside them.
 */
export const SURVEY4_BROKEN: Readonly<Record<string, (stack: Stack, other: Stack) => void>> = {
  // `Fn::GetAtt` of a resource of another stack: the logical id copied from the other template.
  GetAttOfOtherStack: (stack, other) => {
    const queue = new sqs.Queue(other, 'Jobs');
    const role = lambdaRole(stack, 'Role');
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] }),
    );
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    const logicalId = other.resolve((queue.node.defaultChild as sqs.CfnQueue).logicalId) as string;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', { 'Fn::GetAtt': [logicalId, 'Arn'] });
  },
  // `Ref` of a role that is not in the stack, as the roles of an L1 policy passing any role.
  RefOfMissingRole: (stack) => {
    new iam.CfnPolicy(stack, 'Deploy', {
      policyName: 'deploy',
      roles: [{ Ref: 'DeployRole' } as unknown as string],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
    });
  },
  // `addOverride` with a `Fn::Sub` naming a bucket the stack does not have.
  SubOfMissingBucket: (stack) => {
    const role = lambdaRole(stack, 'Role');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::archive/*'] }));
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addOverride('Properties.PolicyDocument.Statement.0.Resource', { 'Fn::Sub': '${ArchiveBucket.Arn}/*' });
  },
  // A permissions boundary overridden with a `Ref` to a parameter that was never declared.
  BoundaryOfMissingParameter: (stack) => {
    const role = lambdaRole(stack, 'Role');
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('PermissionsBoundary', { Ref: 'BoundaryArn' });
  },
  // A misspelled intrinsic function in a bucket policy principal.
  MisspelledFunction: (stack) => {
    const bucket = new s3.Bucket(stack, 'Site');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        principals: [new iam.AccountRootPrincipal()],
      }),
    );
    (bucket.policy?.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride(
      'PolicyDocument.Statement.0.Principal.AWS',
      {
        'Fn::GetAttr': ['Reader', 'Arn'],
      },
    );
  },
};

/** The stacks of the broken references, and an empty stack (`Survey4Empty`). */
export function survey4BrokenApp(props: AppProps = {}): App {
  const app = new App(props);
  const other = new Stack(app, 'Survey4Other', { env: ENV });
  new Stack(app, 'Survey4Empty', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY4_BROKEN))
    make(new Stack(app, `Survey4Broken${name}`, { env: ENV }), other);
  return app;
}
