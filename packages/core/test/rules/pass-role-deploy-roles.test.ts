/**
 * The policies teams write for deploy roles (CI/CD roles that create Lambda functions, ECS tasks,
 * CodeBuild projects, Glue jobs, SageMaker jobs and CloudFormation stacks), linted alone: which
 * escalation each one opens. `iam:PassRole` scoped by `iam:PassedToService` still lets any role
 * trusting that service go; scoped to the roles of the workload, or to roles carrying a tag the
 * caller cannot set, it does not. A service action granted only on the names the caller gives its
 * own resources still makes and runs one, when the actions of the path reach one same resource.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ScanInput } from '../../src/analysis/input';
import { ESCALATION_CONFIG } from './escalation-config';

const A = '111122223333';
const ROLE = `arn:aws:iam::${A}:role`;
const arn = (service: string, resource: string): string => `arn:aws:${service}:us-east-1:${A}:${resource}`;

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: string | string[], condition?: Json): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const passedTo = (service: string): Json => ({ StringEquals: { 'iam:PassedToService': service } });

function standalone(statements: Json[]): ScanInput {
  const document = { Version: '2012-10-17', Statement: statements };
  return {
    principals: [],
    resources: [],
    policies: [{ type: 'identity', policy: { id: 'deploy', name: 'deploy', location: {}, document } }],
    errors: [],
  };
}

/** `rule path` of each privilege-escalation finding (`rule` alone when it names no path), sorted. */
function verdicts(statements: Json[]): string[] {
  return runGuard(standalone(statements), ESCALATION_CONFIG)
    .findings.filter((f) => f.ruleId.startsWith('privilege-escalation/'))
    .flatMap((f) => {
      const evidence = f.evidence as { path?: string; alsoOpens?: string[] } | undefined;
      const rule = f.ruleId.slice('privilege-escalation/'.length);
      const paths = evidence?.path === undefined ? [] : [evidence.path, ...(evidence.alsoOpens ?? [])];
      return paths.length === 0 ? [rule] : paths.map((p) => `${rule} ${p}`);
    })
    .sort();
}

describe('deploy roles as teams write them', () => {
  // [behaviour, statements, the escalations reported]
  const CASES: readonly (readonly [string, Json[], readonly string[]])[] = [
    [
      'Lambda deploy role: its functions by prefix, its roles by prefix passed to Lambda only',
      [
        allow(
          ['lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
          arn('lambda', 'function:myapp-*'),
        ),
        allow('iam:PassRole', `${ROLE}/myapp-*`, passedTo('lambda.amazonaws.com')),
      ],
      [],
    ],
    [
      'CodeBuild CI role: projects by prefix, one service role passed to CodeBuild',
      [
        allow(['codebuild:CreateProject', 'codebuild:StartBuild'], arn('codebuild', 'project/ci-*')),
        allow('iam:PassRole', `${ROLE}/ci-codebuild`, passedTo('codebuild.amazonaws.com')),
      ],
      [],
    ],
    [
      'ECS deploy role (register a task definition, update one service): the task and execution roles only',
      [
        allow('ecs:RegisterTaskDefinition', '*'),
        allow(['ecs:UpdateService', 'ecs:DescribeServices'], arn('ecs', 'service/prod/web')),
        allow('iam:PassRole', [`${ROLE}/web-task`, `${ROLE}/ecsTaskExecutionRole`]),
      ],
      [],
    ],
    [
      'PassRole on every role tagged team=app, no way to tag a role: not any role',
      [
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
        allow('iam:PassRole', '*', { StringEquals: { 'iam:ResourceTag/team': 'app' } }),
      ],
      [],
    ],
    [
      'CDK deploy role: CloudFormation on every stack, the bootstrap execution role passed (administrator by default): every way to deploy with it, existing stacks reused',
      [allow('cloudformation:*', '*'), allow('iam:PassRole', `${ROLE}/cdk-hnb659fds-cfn-exec-role-${A}-us-east-1`)],
      [
        'pass-role-to-service cloudformation-001',
        'pass-role-to-service cloudformation-change-set-pass-role',
        'pass-role-to-service cloudformation-update-pass-role',
        'run-as-existing-role cloudformation-002',
        'run-as-existing-role cloudformation-005',
      ],
    ],
    [
      'an execution role of its own passed to CloudFormation, stacks of every name: no path toward the bootstrap one',
      [allow('cloudformation:*', '*'), allow('iam:PassRole', `${ROLE}/app-cfn-exec`)],
      ['run-as-existing-role cloudformation-002', 'run-as-existing-role cloudformation-005'],
    ],
    [
      'the bootstrap execution role passed, but CloudFormation only with another role (`cloudformation:RoleArn`)',
      [
        allow('cloudformation:*', '*', { StringEquals: { 'cloudformation:RoleArn': `${ROLE}/app-cfn-exec` } }),
        allow('iam:PassRole', `${ROLE}/cdk-hnb659fds-cfn-exec-role-${A}-us-east-1`),
      ],
      [],
    ],
    [
      'the bootstrap execution role passed only to Lambda: CloudFormation cannot take it',
      [
        allow('cloudformation:CreateStack', '*'),
        allow('iam:PassRole', `${ROLE}/cdk-*`, passedTo('lambda.amazonaws.com')),
      ],
      [],
    ],
    [
      'the bootstrap roles by pattern passed, change sets created on `app-*` and executed on another prefix: no stack both reach',
      [
        allow('cloudformation:CreateChangeSet', arn('cloudformation', 'stack/app-*/*')),
        allow('cloudformation:ExecuteChangeSet', arn('cloudformation', 'stack/web-*/*')),
        allow('iam:PassRole', `${ROLE}/cdk-*`),
      ],
      [],
    ],
    [
      'change sets created on `app-*` and executed on `web-*`, in any Region and account: still no stack both reach',
      [
        allow('cloudformation:CreateChangeSet', 'arn:aws:cloudformation:*:*:stack/app-*/*'),
        allow('cloudformation:ExecuteChangeSet', 'arn:aws:cloudformation:*:*:stack/web-*/*'),
        allow('iam:PassRole', `${ROLE}/cdk-*`),
      ],
      [],
    ],
    [
      'the bootstrap roles by pattern passed, change sets on `app-*` stacks: the way `cdk deploy` goes',
      [
        allow(
          ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
          arn('cloudformation', 'stack/app-*/*'),
        ),
        allow('iam:PassRole', `${ROLE}/cdk-*`),
      ],
      ['pass-role-to-service cloudformation-change-set-pass-role'],
    ],
    [
      'any role passed to ECS tasks, task definitions registered and run: any role trusting ECS tasks runs',
      [
        allow(['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:DescribeTasks'], '*'),
        allow('iam:PassRole', '*', passedTo('ecs-tasks.amazonaws.com')),
      ],
      ['pass-role-to-service ecs-004', 'pass-role-to-service ecs-008', 'pass-role-wildcard'],
    ],
    [
      'every role of the account passed to Glue (StringLike), jobs created and started',
      [
        allow(['glue:CreateJob', 'glue:StartJobRun', 'glue:GetJobRun'], '*'),
        allow('iam:PassRole', `${ROLE}/*`, { StringLike: { 'iam:PassedToService': 'glue.amazonaws.com' } }),
      ],
      ['pass-role-to-service glue-003', 'pass-role-wildcard'],
    ],
    [
      'any role passed to SageMaker, training jobs created',
      [
        allow(['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob'], '*'),
        allow('iam:PassRole', '*', passedTo('sagemaker.amazonaws.com')),
      ],
      ['pass-role-to-service sagemaker-002', 'pass-role-wildcard'],
    ],
    [
      'any role passed to CloudFormation, stacks created only under app-*: a stack of that name runs as it',
      [
        allow(['cloudformation:CreateStack', 'cloudformation:DescribeStacks'], arn('cloudformation', 'stack/app-*/*')),
        allow('iam:PassRole', '*', passedTo('cloudformation.amazonaws.com')),
      ],
      ['pass-role-to-service cloudformation-001', 'pass-role-wildcard'],
    ],
    [
      'any role passed to Lambda, functions under app-* fed by mappings aimed (lambda:FunctionArn) at them',
      [
        allow(['lambda:CreateFunction', 'lambda:UpdateFunctionCode'], arn('lambda', 'function:app-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnLike: { 'lambda:FunctionArn': arn('lambda', 'function:app-*') },
        }),
        allow('iam:PassRole', `${ROLE}/*`, passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'any role passed to Lambda, functions created under app-*, mappings aimed at every function but app-* (ArnNotLike)',
      [
        allow('lambda:CreateFunction', arn('lambda', 'function:app-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotLike: { 'lambda:FunctionArn': 'arn:aws:lambda:*:*:function:app-*' },
        }),
        allow('iam:PassRole', '*', passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-wildcard'],
    ],
    [
      'the same, the mappings kept off app-* in one Region only: a function created elsewhere runs',
      [
        allow('lambda:CreateFunction', 'arn:aws:lambda:*:*:function:app-*'),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotLike: { 'lambda:FunctionArn': arn('lambda', 'function:app-*') },
        }),
        allow('iam:PassRole', '*', passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'functions created on *, mappings on every function but one (ArnNotEquals): it creates another',
      [
        allow(['lambda:CreateFunction', 'iam:PassRole'], '*'),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotEquals: { 'lambda:FunctionArn': arn('lambda', 'function:report') },
        }),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'functions created on *, mappings only where no function is named (Null true): none is ever made',
      [
        allow(['lambda:CreateFunction', 'iam:PassRole'], '*'),
        allow('lambda:CreateEventSourceMapping', '*', { Null: { 'lambda:FunctionArn': 'true' } }),
      ],
      ['pass-role-wildcard'],
    ],
    [
      'functions created under app-*, mappings on every function but app-* (ArnNotEquals reads wildcards too)',
      [
        allow('lambda:CreateFunction', arn('lambda', 'function:app-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotEquals: { 'lambda:FunctionArn': arn('lambda', 'function:app-*') },
        }),
        allow('iam:PassRole', '*', passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-wildcard'],
    ],
    [
      'one function created, mappings kept off a text with `*` (StringNotEquals compares it letter for letter)',
      [
        allow(['lambda:CreateFunction'], arn('lambda', 'function:app-1')),
        allow('iam:PassRole', '*'),
        allow('lambda:CreateEventSourceMapping', '*', {
          StringNotEquals: { 'lambda:FunctionArn': 'arn:aws:lambda:*:*:function:app-1' },
        }),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'functions created on *, mappings with Null ["true", "false"] (either holds)',
      [
        allow(['lambda:CreateFunction', 'iam:PassRole'], '*'),
        allow('lambda:CreateEventSourceMapping', '*', { Null: { 'lambda:FunctionArn': ['true', 'false'] } }),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'functions created on *, mappings where a function is named (Null false): every one',
      [
        allow(['lambda:CreateFunction', 'iam:PassRole'], '*'),
        allow('lambda:CreateEventSourceMapping', '*', { Null: { 'lambda:FunctionArn': 'false' } }),
      ],
      ['pass-role-to-service lambda-002', 'pass-role-wildcard'],
    ],
    [
      'any role passed to Lambda, functions created under app-*, invoked only under ops-*: no function of its runs',
      [
        allow('lambda:CreateFunction', arn('lambda', 'function:app-*')),
        allow('lambda:InvokeFunction', arn('lambda', 'function:ops-*')),
        allow('iam:PassRole', '*', passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-wildcard'],
    ],
    [
      'any role passed to Lambda, functions created on *, one name written out invoked: it creates that one',
      [
        allow('lambda:CreateFunction', '*'),
        allow('lambda:InvokeFunction', arn('lambda', 'function:report-builder')),
        allow('iam:PassRole', '*', passedTo('lambda.amazonaws.com')),
      ],
      ['pass-role-to-service lambda-001', 'pass-role-wildcard'],
    ],
    [
      'any role passed to ECS tasks, task definitions registered and run only under web-*',
      [
        allow('ecs:RegisterTaskDefinition', '*'),
        allow('ecs:RunTask', arn('ecs', 'task-definition/web-*:*')),
        allow('iam:PassRole', '*', passedTo('ecs-tasks.amazonaws.com')),
      ],
      ['pass-role-to-service ecs-004', 'pass-role-to-service ecs-008', 'pass-role-wildcard'],
    ],
  ];

  it.each(CASES.map(([name, statements, expected]) => [name, statements, expected] as const))(
    '%s',
    (_name, statements, expected) => {
      expect(verdicts(statements)).toEqual(expected);
    },
  );
});
