/**
 * The twenty-seventh survey: CDK apps whose grants depend on a `CfnCondition` (a stage parameter
 * read by `IsProd` and `IsDev`), the form this round taught escalation to read, and two idioms the
 * earlier surveys left out: `Bucket.grantPutAcl` and an `OrganizationPrincipal` trust. One scope
 * per case (`Survey27/<Case>`).
 */
import { App, Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

const ENV = { account: '111122223333', region: 'us-east-1' };
const ORGANIZATION = 'o-a1b2c3d4e5';

/** The configuration the app is checked with: its organization is trusted. */
export const SURVEY27_CONFIG = { trust: { organizationIds: [ORGANIZATION] } };

const ANY = '*';

/** The stage conditions of a stack: `IsProd` and `IsDev` compare one parameter to two texts. */
function stages(stack: Stack): { isProd: CfnCondition; isDev: CfnCondition } {
  const stage = new CfnParameter(stack, 'Stage', { allowedValues: ['prod', 'dev'] });
  return {
    isProd: new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stage.valueAsString, 'prod') }),
    isDev: new CfnCondition(stack, 'IsDev', { expression: Fn.conditionEquals(stage.valueAsString, 'dev') }),
  };
}

/** A policy of `role` created only when `condition` holds (`cfnOptions.condition`). */
function policyWhen(
  scope: Construct,
  id: string,
  role: iam.IRole,
  condition: CfnCondition,
  statements: iam.PolicyStatement[],
): void {
  const policy = new iam.Policy(scope, id, { roles: [role], statements });
  (policy.node.defaultChild as iam.CfnPolicy).cfnOptions.condition = condition;
}

const createsFunctions = (): iam.PolicyStatement =>
  new iam.PolicyStatement({ actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'], resources: [ANY] });

/** The cases of the app, each in its own scope. */
export function survey27App(props: { outdir: string }): App {
  const app = new App({ outdir: props.outdir });
  const stack = new Stack(app, 'Survey27', { env: ENV });
  const { isProd, isDev } = stages(stack);
  const codebuild = new iam.ServicePrincipal('codebuild.amazonaws.com');

  // A deployer creating functions in prod and passing any role in dev: never both on one deploy.
  const split = new Construct(stack, 'StagePolicies');
  const deployer = new iam.Role(split, 'Deployer', { assumedBy: codebuild });
  policyWhen(split, 'ProdFunctions', deployer, isProd, [createsFunctions()]);
  policyWhen(split, 'DevPassRole', deployer, isDev, [
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [ANY] }),
  ]);

  // The same deployer creating functions on every deploy: the dev side escalates.
  const always = new Construct(stack, 'DevEscalates');
  const builder = new iam.Role(always, 'Builder', { assumedBy: codebuild });
  builder.addToPolicy(createsFunctions());
  policyWhen(always, 'DevPassRole', builder, isDev, [
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [ANY] }),
  ]);

  // An administrator role only in prod (`Fn.conditionIf` in its managed policies), passed by a
  // role only in dev: no deploy has both.
  const admin = new Construct(stack, 'ProdAdmin');
  const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
  const adminRole = new iam.Role(admin, 'Admin', { assumedBy: lambdaPrincipal });
  (adminRole.node.defaultChild as iam.CfnRole).managedPolicyArns = [
    Fn.conditionIf(
      isProd.logicalId,
      `arn:${Aws.PARTITION}:iam::aws:policy/AdministratorAccess`,
      Aws.NO_VALUE,
    ).toString(),
  ];
  const passer = new iam.Role(admin, 'DevPasser', { assumedBy: codebuild });
  passer.addToPolicy(createsFunctions());
  policyWhen(admin, 'PassAdmin', passer, isDev, [
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [adminRole.roleArn] }),
  ]);
  const prodPasser = new iam.Role(admin, 'ProdPasser', { assumedBy: codebuild });
  prodPasser.addToPolicy(createsFunctions());
  policyWhen(admin, 'PassAdmin2', prodPasser, isProd, [
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [adminRole.roleArn] }),
  ]);

  // `grantPutAcl` on one bucket of the app (ACLs disabled by the bucket's default object ownership).
  const acl = new Construct(stack, 'PutAcl');
  const bucket = new s3.Bucket(acl, 'Uploads');
  const uploader = new iam.Role(acl, 'Uploader', { assumedBy: lambdaPrincipal });
  bucket.grantPutAcl(uploader);

  // A role the accounts of the app's organization may assume.
  const org = new Construct(stack, 'OrganizationTrust');
  new iam.Role(org, 'Auditor', {
    assumedBy: new iam.OrganizationPrincipal(ORGANIZATION),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
  return app;
}
