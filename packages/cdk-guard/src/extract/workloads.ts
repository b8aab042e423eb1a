/**
 * The resources of a template that run with a role (workloads): a Lambda function, an EC2 instance
 * through its instance profile, a state machine, a CodeBuild project, the tasks of an ECS service,
 * an AgentCore runtime, custom browser or custom code interpreter.
 * Only extraction: the role each runs as (each side's role, on that side, when `Fn::If` chooses
 * it) and the ARN that grants on it name; the rules decide what a grant on it means.
 */
import { SymbolicValue, bothChoices, mergedChoices } from '@iamgate/core';
import type { DeployChoice, PolicyValue, WorkloadInput } from '@iamgate/core';
import { deployChoices, ifArguments, isNoValueRef, isRecord } from '../resolve/values';
import type { Resolved } from '../resolve/values';
import type { SourceResource } from './stack-source';

/** What the extractor lends: its resolver's text, the stack's resources and principals. */
export interface WorkloadContext {
  /** An expression as text (a hole when unknown before deploy). */
  text(value: unknown, what: string): PolicyValue;
  /** An expression as the resolver reads it (a choice made at deploy kept as one). */
  resolve(value: unknown): Resolved;
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

/** The types a finding may name as the workload a path runs through. */
export const WORKLOAD_TYPES: readonly string[] = [...Object.keys(ROLE_OF), 'AWS::EC2::Instance', 'AWS::ECS::Service'];

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

/** A role a workload runs as, on the deploy choices that name it (absent: every deploy). */
interface RoleChoice {
  readonly role: WorkloadInput['role'];
  readonly when: DeployChoice | undefined;
}

/**
 * The workload `resource` is, once per role it may run as (a role chosen by `Fn::If` runs it on
 * that side only), or none when it is no workload or runs as no role the template tells.
 */
export function workloadsOf(resource: SourceResource, context: WorkloadContext): WorkloadInput[] {
  const props = resource.properties();
  let roles: readonly RoleChoice[];
  // The profile, its list of roles, the task definition may each be chosen by `Fn::If` too.
  if (resource.type === 'AWS::EC2::Instance') {
    roles = chosen(props['IamInstanceProfile'], context, undefined, (profile, when) => {
      const source = resourceOf(profile, 'AWS::IAM::InstanceProfile', context);
      return chosen(source?.properties()['Roles'], context, when, (listed, side) =>
        Array.isArray(listed) ? roleOn(listed[0], context, 'name', side) : [],
      );
    });
  } else if (resource.type === 'AWS::ECS::Service') {
    roles = chosen(props['TaskDefinition'], context, undefined, (definition, when) => {
      const source = resourceOf(definition, 'AWS::ECS::TaskDefinition', context);
      return source === undefined ? [] : roleOn(source.properties()['TaskRoleArn'], context, 'arn', when);
    });
    if (roles.length === 0) return [];
    const cluster = refOf(props['Cluster']);
    if (cluster === undefined) return [];
    // Its tasks, in its cluster (a `Ref` of a cluster is its name), of an id known once they run.
    const tasks = context.text(
      { 'Fn::Sub': `arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:task/\${${cluster}}/` },
      `the tasks of ${resource.logicalId}`,
    );
    const id = context.id(resource);
    const task = { id: `${id}:task-id`, source: `the id of a task of ${id}` };
    const arn = new SymbolicValue([...(typeof tasks === 'string' ? [tasks] : tasks.parts), task]);
    return roles.map(({ role, when }) => workload(resource, context, arn, role, when));
  } else {
    const property = Object.hasOwn(ROLE_OF, resource.type) ? ROLE_OF[resource.type] : undefined;
    if (property === undefined) return [];
    roles = roleOn(props[property], context, 'arn', undefined);
  }
  const arnOf = Object.hasOwn(ARN_OF, resource.type) ? ARN_OF[resource.type] : undefined;
  if (arnOf === undefined || roles.length === 0) return [];
  const arn = context.text(arnOf(resource.logicalId), `the ARN of ${resource.logicalId}`);
  return roles.map(({ role, when }) => workload(resource, context, arn, role, when));
}

function workload(
  resource: SourceResource,
  context: WorkloadContext,
  arn: PolicyValue,
  role: WorkloadInput['role'],
  when: DeployChoice | undefined,
): WorkloadInput {
  return {
    id: context.id(resource),
    type: resource.type,
    arn,
    role,
    location: context.location(resource),
    ...(when === undefined ? {} : { deployedWhen: when }),
  };
}

/** The roles a property names (see `chosen`): a role, its ARN or its name, as `written`. */
function roleOn(
  raw: unknown,
  context: WorkloadContext,
  written: 'arn' | 'name',
  when: DeployChoice | undefined,
): RoleChoice[] {
  return chosen(raw, context, when, (value, side) => {
    const role = roleFrom(value, context, written);
    return role === undefined ? [] : [{ role, when: side }];
  });
}

/** The resource of type `type` a `Ref` names, if it is one of the template. */
function resourceOf(raw: unknown, type: string, context: WorkloadContext): SourceResource | undefined {
  const logicalId = refOf(raw);
  const source = logicalId === undefined ? undefined : context.resource(logicalId);
  return source?.type === type ? source : undefined;
}

/**
 * The roles a value leads to (`read` of each value it may take), each on the sides that choose
 * it: `!If [IsProd, !GetAtt A.Arn, !GetAtt B.Arn]` is role `A` when `IsProd` holds and `B`
 * otherwise (a condition decided before deploy takes its one side; `AWS::NoValue` is no role).
 * One role chosen on every side is one.
 */
function chosen(
  raw: unknown,
  context: WorkloadContext,
  when: DeployChoice | undefined,
  read: (value: unknown, when: DeployChoice | undefined) => RoleChoice[],
): RoleChoice[] {
  const branches = ifArguments(raw);
  if (branches === undefined) return read(raw, when);
  const [condition, whenTrue, whenFalse] = branches;
  // The resolver decides the condition as it does any `Fn::If`, and names the sides it takes.
  const byRole = new Map<string, { role: WorkloadInput['role']; choices: (DeployChoice | undefined)[] }>();
  for (const { value, taken } of deployChoices(context.resolve({ 'Fn::If': [condition, true, false] }))) {
    if (typeof value !== 'boolean') continue;
    const sides = [...taken.values()].flat();
    const side = bothChoices(when, sides.length === 0 ? undefined : [sides]);
    for (const { role, when: picked } of chosen(value ? whenTrue : whenFalse, context, side, read)) {
      const key = JSON.stringify('principal' in role ? role.principal : arnKey(role.arn));
      const entry = byRole.get(key) ?? { role, choices: [] };
      entry.choices.push(picked);
      byRole.set(key, entry);
    }
  }
  return [...byRole.values()].map(({ role, choices }) => ({ role, when: mergedChoices(choices) }));
}

/** An ARN as one text per value: the ids of its unknown parts, not their readable sources (two may read alike). */
function arnKey(arn: PolicyValue): unknown {
  return typeof arn === 'string' ? arn : arn.parts.map((p) => (typeof p === 'string' ? p : { id: p.id }));
}

/** The role a property names: a role of the stack (by `Fn::GetAtt` / `Ref` / name), else its ARN. */
function roleFrom(raw: unknown, context: WorkloadContext, written: 'arn' | 'name'): WorkloadInput['role'] | undefined {
  if (raw === undefined || raw === null || isNoValueRef(raw)) return undefined;
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
