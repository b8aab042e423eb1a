/**
 * Workloads of a template: each resource that runs with a role (a function, an instance through its
 * instance profile, a state machine, the tasks of an ECS service), the role it runs as and the ARN
 * grants on it name; and the escalation through one of them whose role is an administrator.
 */
import { valueToString } from '@iamgate/core';
import type { ScanInput, WorkloadInput } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';
import { guardStacks } from '../src/guard';

const trust = (service: string): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});
const adminRole = (service: string): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust(service),
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  },
});
const logsRole = (service: string): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust(service),
    Policies: [
      {
        PolicyName: 'logs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }],
        },
      },
    ],
  },
});
const fn = (role: string, name?: string): object => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: { 'Fn::GetAtt': [role, 'Arn'] }, ...(name === undefined ? {} : { FunctionName: name }) },
});
const user = (statements: object[]): object => ({
  Type: 'AWS::IAM::User',
  Properties: {
    Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  },
});

const stack = (resources: Record<string, object>) => [
  templateSource({ Resources: resources }, { file: 'app.json', stackName: 'App' }),
];
function extract(resources: Record<string, object>): ScanInput {
  return extractStacks(stack(resources));
}
const text = (value: WorkloadInput['arn']): string | undefined =>
  value === undefined ? undefined : valueToString(value).replace(/\$\{the (region|account) of the stack\}/g, '?');

describe('workloads of a template', () => {
  it('a function, an instance through its instance profile, a state machine and an ECS service, with the role each runs as', () => {
    const input = extract({
      Role: adminRole('lambda.amazonaws.com'),
      Api: fn('Role', 'api'),
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Role' }] } },
      Box: { Type: 'AWS::EC2::Instance', Properties: { IamInstanceProfile: { Ref: 'Profile' } } },
      Bare: { Type: 'AWS::EC2::Instance', Properties: {} },
      Flow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { StateMachineName: 'flow', RoleArn: 'arn:aws:iam::111122223333:role/existing' },
      },
      Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'main' } },
      Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
      Service: {
        Type: 'AWS::ECS::Service',
        Properties: { Cluster: { Ref: 'Cluster' }, TaskDefinition: { Ref: 'Task' } },
      },
    });
    expect(
      (input.workloads ?? []).map((w) => [
        w.id,
        'principal' in w.role ? w.role.principal : valueToString(w.role.arn),
        text(w.arn),
      ]),
    ).toEqual([
      ['App/Api', 'App/Role', 'arn:aws:lambda:?:?:function:api'],
      ['App/Box', 'App/Role', 'arn:aws:ec2:?:?:instance/${the physical id of AWS::EC2::Instance `Box`}'],
      ['App/Flow', 'arn:aws:iam::111122223333:role/existing', 'arn:aws:states:?:?:stateMachine:flow'],
      ['App/Service', 'App/Role', 'arn:aws:ecs:?:?:task/main/${the id of a task of App/Service}'],
    ]);
  });

  it('lambda:UpdateFunctionCode on the administrator function is a path through it; on the log-only function, none', () => {
    const { result } = guardStacks(
      stack({
        Admin: adminRole('lambda.amazonaws.com'),
        Plain: logsRole('lambda.amazonaws.com'),
        Report: fn('Admin'),
        Thumbs: fn('Plain'),
        Hotfix: user([
          { Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: { 'Fn::GetAtt': ['Report', 'Arn'] } },
        ]),
        Designer: user([
          { Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: { 'Fn::GetAtt': ['Thumbs', 'Arn'] } },
        ]),
      }),
      {},
    );
    expect(
      result.findings
        .filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role')
        .map((f) => [f.principal, f.evidence?.['workload'], f.evidence?.['target']]),
    ).toEqual([['App/Hotfix', 'App/Report', 'App/Admin']]);
  });

  it('a shell command in the AgentCore runtime whose execution role is an administrator is a path through it; in the log-only runtime, none', () => {
    const runtime = (role: string): object => ({
      Type: 'AWS::BedrockAgentCore::Runtime',
      Properties: { AgentRuntimeName: 'agent', RoleArn: { 'Fn::GetAtt': [role, 'Arn'] } },
    });
    const command = (target: string): object =>
      user([
        {
          Effect: 'Allow',
          Action: 'bedrock-agentcore:InvokeAgentRuntimeCommand',
          Resource: { 'Fn::GetAtt': [target, 'AgentRuntimeArn'] },
        },
      ]);
    const { result } = guardStacks(
      stack({
        Admin: adminRole('bedrock-agentcore.amazonaws.com'),
        Plain: logsRole('bedrock-agentcore.amazonaws.com'),
        OpsAgent: runtime('Admin'),
        FaqAgent: runtime('Plain'),
        Oncall: command('OpsAgent'),
        FaqMaintainer: command('FaqAgent'),
      }),
      {},
    );
    expect(
      result.findings
        .filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role')
        .map((f) => [f.principal, f.evidence?.['workload'], f.evidence?.['path']]),
    ).toEqual([['App/Oncall', 'App/OpsAgent', 'bedrock-004']]);
  });

  it('a session on the custom browser or code interpreter whose execution role is an administrator is a path through it; on the log-only ones, none', () => {
    const tool = (type: string, role: string): object => ({
      Type: type,
      Properties: { Name: 'tool', ExecutionRoleArn: { 'Fn::GetAtt': [role, 'Arn'] } },
    });
    const browse = (target: string): object =>
      user([
        {
          Effect: 'Allow',
          Action: 'bedrock-agentcore:StartBrowserSession',
          Resource: { 'Fn::GetAtt': [target, 'BrowserArn'] },
        },
        { Effect: 'Allow', Action: 'bedrock-agentcore:ConnectBrowserAutomationStream', Resource: '*' },
      ]);
    const interpret = (target: string): object =>
      user([
        {
          Effect: 'Allow',
          Action: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
          Resource: { 'Fn::GetAtt': [target, 'CodeInterpreterArn'] },
        },
      ]);
    const { result } = guardStacks(
      stack({
        Admin: adminRole('bedrock-agentcore.amazonaws.com'),
        Plain: logsRole('bedrock-agentcore.amazonaws.com'),
        AdminBrowser: tool('AWS::BedrockAgentCore::BrowserCustom', 'Admin'),
        PlainBrowser: tool('AWS::BedrockAgentCore::BrowserCustom', 'Plain'),
        AdminInterpreter: tool('AWS::BedrockAgentCore::CodeInterpreterCustom', 'Admin'),
        PlainInterpreter: tool('AWS::BedrockAgentCore::CodeInterpreterCustom', 'Plain'),
        Researcher: browse('AdminBrowser'),
        Shopper: browse('PlainBrowser'),
        Analyst: interpret('AdminInterpreter'),
        Student: interpret('PlainInterpreter'),
      }),
      {},
    );
    expect(
      result.findings
        .filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role')
        .map((f) => [f.principal, f.evidence?.['workload'], f.evidence?.['path']])
        .sort(),
    ).toEqual([
      ['App/Analyst', 'App/AdminInterpreter', 'bedrock-002'],
      ['App/Researcher', 'App/AdminBrowser', 'bedrock-007'],
    ]);
  });

  describe("a workload whose role is chosen by `Fn::If` runs as each side's role on that side", () => {
    const chosen = (branches: readonly [unknown, unknown]): object => ({ 'Fn::If': ['IsProd', ...branches] });
    const arn = (role: string): object => ({ 'Fn::GetAtt': [role, 'Arn'] });
    const run = (workload: Record<string, object>, grant: object, condition: object) =>
      guardStacks(
        [
          templateSource(
            {
              Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
              Conditions: { IsProd: condition, IsEu: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
              Resources: {
                Admin: adminRole('lambda.amazonaws.com'),
                Plain: logsRole('lambda.amazonaws.com'),
                Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'main' } },
                ...workload,
                Hotfix: user([grant]),
              },
            },
            { file: 'app.json', stackName: 'App' },
          ),
        ],
        {},
      ).result.findings.filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role');
    const lambda = (role: object): Record<string, object> => ({
      Work: { Type: 'AWS::Lambda::Function', Properties: { Role: role } },
    });
    const ecs = (role: object): Record<string, object> => ({
      Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: role } },
      Work: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' }, TaskDefinition: { Ref: 'Task' } } },
    });
    const lambdaInEu = (role: object): Record<string, object> => ({
      Work: { Type: 'AWS::Lambda::Function', Condition: 'IsEu', Properties: { Role: role } },
    });
    const ec2 = (role: object): Record<string, object> => ({
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [role] } },
      Work: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', IamInstanceProfile: { Ref: 'Profile' } } },
    });
    // The same choice made one step before the role: which task definition, profile or list of roles.
    const ecsDefinitions = (choice: object): Record<string, object> => ({
      TaskA: { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: arn('Admin') } },
      TaskB: { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: arn('Plain') } },
      Work: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' }, TaskDefinition: choice } },
    });
    const ec2Profiles = (choice: object): Record<string, object> => ({
      ProfileA: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Admin' }] } },
      ProfileB: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Plain' }] } },
      Work: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', IamInstanceProfile: choice } },
    });
    const ec2RoleLists = (choice: object): Record<string, object> => ({
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: choice } },
      Work: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', IamInstanceProfile: { Ref: 'Profile' } } },
    });
    const codeBuild = (role: object): Record<string, object> => ({
      Work: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: role } },
    });
    const updateCode = { Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: arn('Work') };
    const execute = { Effect: 'Allow', Action: 'ecs:ExecuteCommand', Resource: 'arn:aws:ecs:*:*:task/main/*' };
    const startSession = {
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/${Work}' },
    };
    const startBuild = { Effect: 'Allow', Action: 'codebuild:StartBuild', Resource: arn('Work') };
    const undecided = { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] };
    const alwaysTrue = { 'Fn::Equals': ['prod', 'prod'] };
    const noValue = { Ref: 'AWS::NoValue' };
    it.each([
      [
        'a function, administrator when IsProd holds',
        lambda,
        updateCode,
        undecided,
        [arn('Admin'), arn('Plain')],
        ' (when condition `IsProd` is true)',
      ],
      [
        'a function, administrator when IsProd does not hold',
        lambda,
        updateCode,
        undecided,
        [arn('Plain'), arn('Admin')],
        ' (when condition `IsProd` is false)',
      ],
      [
        'the tasks of an ECS service',
        ecs,
        execute,
        undecided,
        [arn('Plain'), arn('Admin')],
        ' (when condition `IsProd` is false)',
      ],
      [
        'a function created when IsEu holds: both conditions, not only the one choosing its role',
        lambdaInEu,
        updateCode,
        undecided,
        [arn('Admin'), arn('Plain')],
        ' (when condition `IsEu` is true and condition `IsProd` is true)',
      ],
      [
        'an instance whose instance profile lists the role chosen by `Fn::If`',
        ec2,
        startSession,
        undecided,
        [{ Ref: 'Admin' }, { Ref: 'Plain' }],
        ' (when condition `IsProd` is true)',
      ],
      [
        'an ECS service whose task definition is chosen by `Fn::If`',
        ecsDefinitions,
        execute,
        undecided,
        [{ Ref: 'TaskB' }, { Ref: 'TaskA' }],
        ' (when condition `IsProd` is false)',
      ],
      [
        'an instance whose instance profile is chosen by `Fn::If`',
        ec2Profiles,
        startSession,
        undecided,
        [{ Ref: 'ProfileA' }, { Ref: 'ProfileB' }],
        ' (when condition `IsProd` is true)',
      ],
      [
        "an instance whose profile's whole list of roles is chosen by `Fn::If`",
        ec2RoleLists,
        startSession,
        undecided,
        [[{ Ref: 'Plain' }], [{ Ref: 'Admin' }]],
        ' (when condition `IsProd` is false)',
      ],
      [
        'a CodeBuild project',
        codeBuild,
        startBuild,
        undecided,
        [arn('Admin'), arn('Plain')],
        ' (when condition `IsProd` is true)',
      ],
      [
        'a function whose other side sets no role',
        lambda,
        updateCode,
        undecided,
        [arn('Admin'), noValue],
        ' (when condition `IsProd` is true)',
      ],
      [
        'a condition decided before deploy: its one side, on every deploy',
        lambda,
        updateCode,
        alwaysTrue,
        [arn('Admin'), arn('Plain')],
        '',
      ],
      [
        'the administrator on both sides: every deploy',
        lambda,
        updateCode,
        undecided,
        [arn('Admin'), arn('Admin')],
        '',
      ],
    ] as const)('%s', (_, workload, grant, condition, branches, suffix) => {
      const findings = run(workload(chosen(branches)), grant, condition);
      expect(findings.map((f) => [f.principal, f.evidence?.['workload'], f.evidence?.['target']])).toEqual([
        ['App/Hotfix', 'App/Work', 'App/Admin'],
      ]);
      expect(findings[0]?.message.endsWith(suffix)).toBe(true);
      expect(findings[0]?.message.includes('(when')).toBe(suffix !== '');
    });
    it('the log-only role on the side it is chosen and an administrator on no side: no path', () => {
      expect(run(lambda(chosen([arn('Plain'), noValue])), updateCode, undecided)).toEqual([]);
    });
  });
});
