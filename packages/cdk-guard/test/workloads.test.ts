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
});
