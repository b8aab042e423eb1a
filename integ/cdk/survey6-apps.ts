/**
 * The sixth survey: IAM that third-party construct libraries write (AWS Solutions Constructs,
 * cdklabs constructs, policy statement builders, image copy and NAT instance constructs), each
 * pattern reproduced with aws-cdk-lib alone, in the forms the other audits (survey-apps.ts to
 * survey5-apps.ts, idiom-apps.ts, construct-apps.ts, parity-apps.ts, internals-survey.ts) do not
 * reproduce: CodeDeploy blue/green deployments of an ECS service, statements scoped by resource
 * tag and compacted read actions on `*`, a Service Catalog product whose stack is checked; the
 * grants of those libraries a reviewer still raises (`dynamodb:*` on one table, the Lambda VPC
 * actions and API Gateway's logging policy written inline on `*`, an image copy handler pushing to
 * every repository and reading every bucket, a NAT instance changing every network interface);
 * the planted risks in stacks whose template CDK writes as an asset of another stack (a Service
 * Catalog `ProductStack`, a stack set's stack), which no deployment artifact lists; and
 * permissions boundaries applied to a stage or to the app. One scope per case (`Survey6/<Case>`,
 * `Survey6Risks/<Case>`); each app is synthesized once per test.
 */
import { App, Duration, FileAssetPackaging, PermissionsBoundary, Stack, StackSynthesizer, Stage } from 'aws-cdk-lib';
import type { AppProps, DockerImageAssetLocation, FileAssetLocation, ISynthesisSession } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { inlineFunction } from './idiom-apps';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const IMAGE = 'public.ecr.aws/nginx/nginx:latest';

/** The configuration of the sixth survey: the defaults. */
export const SURVEY6_CONFIG = {} as const;

/** The configuration of the boundary app: every role needs the approved boundary. */
export const SURVEY6_BOUNDARY_CONFIG = {
  boundary: { required: true, allowed: ['arn:aws:iam::*:policy/workload-boundary'] },
} as const;

function lambdaRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** Each case wires IAM the way the libraries do; a careful reviewer finds nothing to refuse. */
export const SURVEY6_IDIOMS: Readonly<Record<string, (scope: Construct) => void>> = {
  // An ECS service deployed blue/green by CodeDeploy (what @cdklabs/cdk-ecs-codedeploy drives):
  // the deployment group's role has AWS's `AWSCodeDeployRoleForECS`, whose `iam:PassRole` to ECS
  // tasks passes the roles of the task definition a deployment names.
  EcsBlueGreen: (scope) => {
    const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const cluster = new ecs.Cluster(scope, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(scope, 'Task');
    task.addContainer('web', { image: ecs.ContainerImage.fromRegistry(IMAGE), portMappings: [{ containerPort: 80 }] });
    const service = new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition: task,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
    });
    const listener = new elbv2.ApplicationLoadBalancer(scope, 'Lb', { vpc }).addListener('Http', { port: 80 });
    const blue = listener.addTargets('Blue', { port: 80, targets: [service] });
    const green = new elbv2.ApplicationTargetGroup(scope, 'Green', { vpc, port: 80, targetType: elbv2.TargetType.IP });
    new codedeploy.EcsDeploymentGroup(scope, 'Deployments', {
      service,
      blueGreenDeploymentConfig: { blueTargetGroup: blue, greenTargetGroup: green, listener },
    });
  },
  // What a policy statement builder (cdk-iam-floyd) renders: instances started and stopped by
  // tag on `*`, the read actions of KMS compacted to `kms:Describe*`, `kms:GetKey*`, `kms:GetP*`
  // (policies, rotation status, public keys: no data), objects of one prefix.
  StatementBuilder: (scope) => {
    const role = lambdaRole(scope, 'Role');
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:StartInstances', 'ec2:StopInstances'],
        resources: ['*'],
        conditions: { StringLike: { 'aws:ResourceTag/team': 'shop' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['kms:Describe*', 'kms:GetKey*', 'kms:GetP*'], resources: ['*'] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: ['arn:aws:s3:::shop-assets/public/*'],
      }),
    );
  },
  // A Service Catalog product whose stack grants one table: its template is an asset of the
  // stack, and it is checked.
  ScopedProduct: (scope) => {
    const stack = new TableProduct(scope, 'Stack');
    new servicecatalog.CloudFormationProduct(scope, 'Product', {
      productName: 'orders',
      owner: 'platform',
      productVersions: [
        {
          productVersionName: 'v1',
          cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(stack),
        },
      ],
    });
  },
};

/** A product stack with a function granted one table. */
class TableProduct extends servicecatalog.ProductStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(inlineFunction(this, 'Api'));
  }
}

/**
 * Written by the libraries and worth raising: a developer can act on each or suppress it with a
 * reason.
 */
export const SURVEY6_REAL: Readonly<Record<string, (scope: Construct) => void>> = {
  // AWS Solutions Constructs `LambdaToDynamoDB` with `tablePermissions: 'All'`: `grantFullAccess`,
  // every DynamoDB action (its resource policy included) on the table.
  TableAllActions: (scope) => {
    new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantFullAccess(inlineFunction(scope, 'Fn'));
  },
  // The same constructs in a VPC write the actions of `AWSLambdaVPCAccessExecutionRole` inline,
  // on `*`: the function's code may delete any network interface of the account.
  VpcActionsInline: (scope) => {
    inlineFunction(scope, 'Fn').addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      }),
    );
  },
  // Their API Gateway constructs write the account's logging role inline (instead of AWS's
  // `AmazonAPIGatewayPushToCloudWatchLogs`), log reads included, on every log group of the account:
  // an integration given the role reads every log.
  ApiLogsRoleInline: (scope) => {
    const stack = Stack.of(scope);
    const role = new iam.Role(scope, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      inlinePolicies: {
        logs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:DescribeLogGroups',
                'logs:DescribeLogStreams',
                'logs:PutLogEvents',
                'logs:GetLogEvents',
                'logs:FilterLogEvents',
              ],
              resources: [`arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`],
            }),
          ],
        }),
      },
    });
    new apigateway.CfnAccount(scope, 'Account', { cloudWatchRoleArn: role.roleArn });
  },
  // An image copy handler (cdk-ecr-deployment): pushes to every repository and reads every object.
  ImageCopyHandler: (scope) => {
    inlineFunction(scope, 'Copy', { timeout: Duration.minutes(15) }).addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'ecr:InitiateLayerUpload',
          'ecr:UploadLayerPart',
          'ecr:CompleteLayerUpload',
          'ecr:PutImage',
          's3:GetObject',
        ],
        resources: ['*'],
      }),
    );
  },
  // A NAT instance (cdk-fck-nat) attaching and changing any network interface of the account.
  NatInstanceEni: (scope) => {
    new iam.Role(scope, 'NatRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      inlinePolicies: {
        eni: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['ec2:AttachNetworkInterface', 'ec2:ModifyNetworkInterfaceAttribute'],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
  },
};

/** The idioms app: the idioms and the judged cases in one stack, one scope per case. */
export function survey6App(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey6', { env: ENV });
  for (const [name, make] of Object.entries({ ...SURVEY6_IDIOMS, ...SURVEY6_REAL })) make(new Construct(stack, name));
  return app;
}

/**
 * Writes a stack's template into the assembly and nothing else, as construct libraries of stack
 * sets do: the template is an asset of the stack it is defined in, not a deployment artifact.
 */
class TemplateOnlySynthesizer extends StackSynthesizer {
  override addFileAsset(): FileAssetLocation {
    throw new Error('a stack set template takes no assets');
  }

  override addDockerImageAsset(): DockerImageAssetLocation {
    throw new Error('a stack set template takes no assets');
  }

  override synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
  }
}

/** The planted risks: each is what a reviewer would refuse, on a known construct path. */
export const SURVEY6_RISKS: Readonly<Record<string, (scope: Construct) => void>> = {
  // A Service Catalog product whose stack creates a role with AdministratorAccess that the
  // account assumes: provisioned by any user the portfolio is shared with.
  AdminProduct: (scope) => {
    const stack = new servicecatalog.ProductStack(scope, 'Stack');
    new iam.Role(stack, 'Admin', {
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    const product = new servicecatalog.CloudFormationProduct(scope, 'Product', {
      productName: 'admin',
      owner: 'platform',
      productVersions: [
        {
          productVersionName: 'v1',
          cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(stack),
        },
      ],
    });
    new servicecatalog.Portfolio(scope, 'Portfolio', { displayName: 'tools', providerName: 'platform' }).addProduct(
      product,
    );
  },
  // A stack set deploying to the member accounts a function role that may pass any role.
  StackSetPassRole: (scope) => {
    const parent = Stack.of(scope);
    const deployed = new Stack(scope, 'Deployed', { synthesizer: new TemplateOnlySynthesizer() });
    lambdaRole(deployed, 'Worker').addToPolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
    );
    const template = parent.synthesizer.addFileAsset({
      packaging: FileAssetPackaging.FILE,
      sourceHash: `stack-set-${deployed.artifactId}`,
      fileName: deployed.templateFile,
    });
    new cloudformation.CfnStackSet(scope, 'StackSet', {
      stackSetName: 'workers',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_IAM'],
      templateUrl: template.httpUrl,
      stackInstancesGroup: [
        { regions: [ENV.region], deploymentTargets: { organizationalUnitIds: ['ou-ab12-cd34ef56'] } },
      ],
    });
  },
};

/** The risks app: one stack, one scope per case. */
export function survey6RisksApp(props: AppProps = {}): App {
  const app = new App(props);
  const stack = new Stack(app, 'Survey6Risks', { env: ENV });
  for (const [name, make] of Object.entries(SURVEY6_RISKS)) make(new Construct(stack, name));
  return app;
}

/**
 * Boundaries applied above the stacks: to a stage by `PermissionsBoundary.of` and by its
 * `permissionsBoundary` prop (its stacks' roles have it), and to the app by `PermissionsBoundary.of`
 * while a stage holds the stacks: CDK synthesizes the stage before the app's aspects run, so its
 * roles are deployed without the boundary.
 */
export function survey6BoundaryApp(props: AppProps = {}): App {
  const app = new App(props);
  const byAspect = new Stage(app, 'ByAspect', { env: ENV });
  const bounded = new Stack(byAspect, 'Service');
  inlineFunction(bounded, 'Fn');
  iam.PermissionsBoundary.of(byAspect).apply(
    iam.ManagedPolicy.fromManagedPolicyName(bounded, 'Boundary', 'workload-boundary'),
  );
  const byProp = new Stage(app, 'ByProp', {
    env: ENV,
    permissionsBoundary: PermissionsBoundary.fromName('workload-boundary'),
  });
  inlineFunction(new Stack(byProp, 'Service'), 'Fn');
  const underApp = new Stage(app, 'UnderApp', { env: ENV });
  const unbounded = new Stack(underApp, 'Service');
  inlineFunction(unbounded, 'Fn');
  iam.PermissionsBoundary.of(app).apply(
    iam.ManagedPolicy.fromManagedPolicyName(unbounded, 'Boundary', 'workload-boundary'),
  );
  return app;
}
