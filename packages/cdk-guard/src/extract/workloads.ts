/**
 * The resources of a template that run with a role (workloads): a Lambda function, an EC2 instance
 * through its instance profile, a state machine, a CodeBuild project, the tasks of an ECS service,
 * an AgentCore runtime, custom browser or custom code interpreter.
 * Only extraction: the role each runs as and the ARN that grants on it name; the rules decide what
 * a grant on it means.
 */
import { SymbolicValue } from '@iamgate/core';
import type { PolicyValue, WorkloadInput } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import type { SourceResource } from './stack-source';

/** What the extractor lends: its resolver's text, the stack's resources and principals. */
export interface WorkloadContext {
  /** An expression as text (a hole when unknown before deploy). */
  text(value: unknown, what: string): PolicyValue;
  resource(logicalId: string): SourceResource | undefined;
  /** The id of the role of this stack created by resource `logicalId`, if it is one. */
  roleAt(logicalId: string): string | undefined;
  /** The id of the role of this stack with this name, if one has it. */
  roleNamed(raw: unknown): string | undefined;
  id(resource: SourceResource): WorkloadInput['id'];
  location(resource: SourceResource): WorkloadInput['location'];
}

/** Where each workload type names its role, and whether by ARN or by name. */
const ROLE_OF: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'Role',
  'AWS::StepFunctions::StateMachine': 'RoleArn',
  'AWS::CodeBuild::Project': 'ServiceRole',
  'AWS::SageMaker::NotebookInstance': 'RoleArn',
  'AWS::BedrockAgentCore::Runtime': 'RoleArn',
  'AWS::BedrockAgentCore::BrowserCustom': 'ExecutionRoleArn',
  'AWS::BedrockAgentCore::CodeInterpreterCustom': 'ExecutionRoleArn',
};

const ARN_OF: Readonly<Record<string, (id: string) => unknown>> = {
  'AWS::Lambda::Function': (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
  'AWS::StepFunctions::StateMachine': (id) => ({ Ref: id }),
  'AWS::CodeBuild::Project': (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
  'AWS::BedrockAgentCore::Runtime': (id) => ({ 'Fn::GetAtt': [id, 'AgentRuntimeArn'] }),
  'AWS::BedrockAgentCore::BrowserCustom': (id) => ({ 'Fn::GetAtt': [id, 'BrowserArn'] }),
  'AWS::BedrockAgentCore::CodeInterpreterCustom': (id) => ({ 'Fn::GetAtt': [id, 'CodeInterpreterArn'] }),
  'AWS::SageMaker::NotebookInstance': (id) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:sagemaker:\${AWS::Region}:\${AWS::AccountId}:notebook-instance/\${${id}.NotebookInstanceName}`,
  }),
  'AWS::EC2::Instance': (id) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:instance/\${${id}}`,
  }),
};

/** The workload `resource` is, or undefined when it is none or runs as no role the template tells. */
export function workloadOf(resource: SourceResource, context: WorkloadContext): WorkloadInput | undefined {
  const props = resource.properties();
  let role: WorkloadInput['role'] | undefined;
  if (resource.type === 'AWS::EC2::Instance') {
    const profile = refOf(props['IamInstanceProfile']);
    const source = profile === undefined ? undefined : context.resource(profile);
    if (source?.type !== 'AWS::IAM::InstanceProfile') return undefined;
    const roles = source.properties()['Roles'];
    const first = Array.isArray(roles) ? (roles[0] as unknown) : undefined;
    role = roleFrom(first, context, 'name');
  } else if (resource.type === 'AWS::ECS::Service') {
    const definition = refOf(props['TaskDefinition']);
    const source = definition === undefined ? undefined : context.resource(definition);
    if (source?.type !== 'AWS::ECS::TaskDefinition') return undefined;
    role = roleFrom(source.properties()['TaskRoleArn'], context, 'arn');
    const cluster = refOf(props['Cluster']);
    if (role === undefined || cluster === undefined) return undefined;
    // Its tasks, in its cluster (a `Ref` of a cluster is its name), of an id known once they run.
    const tasks = context.text(
      { 'Fn::Sub': `arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:task/\${${cluster}}/` },
      `the tasks of ${resource.logicalId}`,
    );
    const id = context.id(resource);
    const task = { id: `${id}:task-id`, source: `the id of a task of ${id}` };
    return {
      id,
      type: resource.type,
      arn: new SymbolicValue([...(typeof tasks === 'string' ? [tasks] : tasks.parts), task]),
      role,
      location: context.location(resource),
    };
  } else {
    const property = Object.hasOwn(ROLE_OF, resource.type) ? ROLE_OF[resource.type] : undefined;
    if (property === undefined) return undefined;
    role = roleFrom(props[property], context, 'arn');
  }
  const arnOf = Object.hasOwn(ARN_OF, resource.type) ? ARN_OF[resource.type] : undefined;
  if (role === undefined || arnOf === undefined) return undefined;
  return {
    id: context.id(resource),
    type: resource.type,
    arn: context.text(arnOf(resource.logicalId), `the ARN of ${resource.logicalId}`),
    role,
    location: context.location(resource),
  };
}

/** The role a property names: a role of the stack (by `Fn::GetAtt` / `Ref` / name), else its ARN. */
function roleFrom(raw: unknown, context: WorkloadContext, written: 'arn' | 'name'): WorkloadInput['role'] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const logicalId = getAttArn(raw) ?? refOf(raw);
  const own = logicalId === undefined ? undefined : context.roleAt(logicalId);
  if (own !== undefined) return { principal: own };
  const named = context.roleNamed(raw);
  if (named !== undefined) return { principal: named };
  const text = context.text(raw, 'a role');
  // A name alone (CodeBuild accepts one) is not an ARN: it names a role of the account, found by name.
  if (written === 'name' || (typeof text === 'string' && !text.startsWith('arn:'))) return undefined;
  return { arn: text };
}

function refOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw['Ref'] === 'string' ? raw['Ref'] : undefined;
}

function getAttArn(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  const getAtt = raw['Fn::GetAtt'];
  if (typeof getAtt === 'string' && getAtt.endsWith('.Arn')) return getAtt.slice(0, -'.Arn'.length);
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}
