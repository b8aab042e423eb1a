/**
 * The twenty-ninth survey: CDK idioms the earlier surveys left out (README.md): a function whose
 * role an escape hatch chooses by `Fn.conditionIf`, pipeline roles that assume the bootstrap roles
 * (`cdk-hnb659fds-*`) as the CDK Pipelines guide writes it, a role passing the bootstrap
 * CloudFormation execution role, `key.grantDecrypt(new AccountRootPrincipal())`,
 * `topic.grantPublish(new AnyPrincipal())` and the Step Functions execution grants. One scope per
 * case (`Survey29/<Case>`).
 */
import { App, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

const ENV = { account: '111122223333', region: 'us-east-1' };
const QUALIFIER = 'hnb659fds';

/** The cases of the app, each in its own scope. */
export function survey29App(props: { outdir: string }): App {
  const app = new App({ outdir: props.outdir });
  const stack = new Stack(app, 'Survey29', { env: ENV });
  const codebuild = new iam.ServicePrincipal('codebuild.amazonaws.com');

  // A function that runs as an administrator in prod and as a log-only role elsewhere, chosen by
  // an escape hatch; a hotfix role may replace its code.
  const chosen = new Construct(stack, 'ChosenRole');
  const stage = new CfnParameter(stack, 'Stage', { allowedValues: ['prod', 'dev'] });
  const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stage.valueAsString, 'prod') });
  const lambdaService = new iam.ServicePrincipal('lambda.amazonaws.com');
  const admin = new iam.Role(chosen, 'Admin', {
    assumedBy: lambdaService,
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  const plain = new iam.Role(chosen, 'Plain', { assumedBy: lambdaService });
  const fn = new lambda.Function(chosen, 'Report', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    role: plain,
  });
  (fn.node.defaultChild as lambda.CfnFunction).role = Fn.conditionIf(
    isProd.logicalId,
    admin.roleArn,
    plain.roleArn,
  ).toString();
  const hotfix = new iam.Role(chosen, 'Hotfix', { assumedBy: new iam.AccountPrincipal(ENV.account) });
  hotfix.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:UpdateFunctionCode'], resources: [fn.functionArn] }));

  // The synth step of a pipeline doing context lookups, as the CDK Pipelines guide writes it: any
  // role tagged as a bootstrap lookup role, in any account.
  const lookups = new Construct(stack, 'SynthLookups');
  new iam.Role(lookups, 'SynthRole', { assumedBy: codebuild }).addToPolicy(
    new iam.PolicyStatement({
      actions: ['sts:AssumeRole'],
      resources: ['*'],
      conditions: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': 'lookup' } },
    }),
  );
  // The same by name: the lookup roles of the bootstrap qualifier, in any account and region.
  new iam.Role(lookups, 'ByName', { assumedBy: codebuild }).addToPolicy(
    new iam.PolicyStatement({
      actions: ['sts:AssumeRole'],
      resources: [`arn:aws:iam::*:role/cdk-${QUALIFIER}-lookup-role-*`],
    }),
  );

  // A deploy step that passes the bootstrap CloudFormation execution role (AdministratorAccess
  // unless bootstrapped otherwise) to stacks it creates.
  const exec = new Construct(stack, 'PassesExecRole');
  new iam.Role(exec, 'Deployer', { assumedBy: codebuild }).addToPolicy(
    new iam.PolicyStatement({
      actions: ['iam:PassRole', 'cloudformation:CreateStack', 'cloudformation:UpdateStack'],
      resources: [
        `arn:aws:iam::${ENV.account}:role/cdk-${QUALIFIER}-cfn-exec-role-${ENV.account}-${ENV.region}`,
        `arn:aws:cloudformation:${ENV.region}:${ENV.account}:stack/*`,
      ],
    }),
  );

  // A key whose use the account delegates to IAM, and a topic anyone may publish to.
  const shared = new Construct(stack, 'Shared');
  new kms.Key(shared, 'Key').grantDecrypt(new iam.AccountRootPrincipal());
  new sns.Topic(shared, 'Alerts').grantPublish(new iam.AnyPrincipal());

  // A role that starts and stops the executions of one state machine.
  const flows = new Construct(stack, 'Flows');
  const machine = new sfn.StateMachine(flows, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(flows, 'Start')),
  });
  const operator = new iam.Role(flows, 'Operator', { assumedBy: new iam.AccountPrincipal(ENV.account) });
  machine.grantStartExecution(operator);
  machine.grantExecution(operator, 'states:StopExecution', 'states:DescribeExecution');
  return app;
}
