/**
 * The resources of a plan that run with a role (workloads): a Lambda function, an instance through
 * its instance profile, a stack with a service role, a state machine, the tasks of an ECS service,
 * an App Runner service, a SageMaker notebook, a CodeBuild project, an AgentCore runtime, browser or code interpreter. Only extraction: the role each
 * runs as and the ARN that actions on it name; the rules decide what a grant on it means.
 */
import { SymbolicValue } from '@iamgate/core';
import type { Hole, PolicyValue, WorkloadInput } from '@iamgate/core';
import { expressionAt, unknownAt } from './plan-index';
import type { Instance } from './plan-index';
import { hole, scopeOf } from './resolve';
import type { Resolver } from './resolve';

type Path = readonly (string | number)[];

/** Where each workload type names its role: the attribute, or the resource that holds it. */
const ROLE_OF: Readonly<Record<string, Path>> = {
  aws_lambda_function: ['role'],
  aws_cloudformation_stack: ['iam_role_arn'],
  aws_sfn_state_machine: ['role_arn'],
  aws_apprunner_service: ['instance_configuration', 0, 'instance_role_arn'],
  aws_sagemaker_notebook_instance: ['role_arn'],
  aws_codebuild_project: ['service_role'],
  aws_bedrockagentcore_agent_runtime: ['role_arn'],
  aws_bedrockagentcore_browser: ['execution_role_arn'],
  aws_bedrockagentcore_code_interpreter: ['execution_role_arn'],
};

/** The resource types read as workloads (besides those of `ROLE_OF`, an instance and an ECS service). */
export const WORKLOAD_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(ROLE_OF),
  'aws_instance',
  'aws_ecs_service',
]);

/**
 * The workloads among `instances` (managed, live). `principalAt` gives the id of the principal the
 * extraction made of an `aws_iam_role` instance.
 */
export function extractWorkloads(
  instances: readonly Instance[],
  resolver: Resolver,
  principalAt: (address: string) => string | undefined,
): WorkloadInput[] {
  const out: WorkloadInput[] = [];
  const roleAt = (instance: Instance, path: Path): WorkloadInput['role'] | undefined => {
    const expression = expressionAt(instance.config?.expressions, path);
    const raw = valueAt(instance.values, path);
    const known = typeof raw === 'string' && raw !== '' && unknownAt(instance.unknown, path) !== true ? raw : undefined;
    const scope = scopeOf(instance);
    const found = resolver.namedInstance(expression, scope, 'aws_iam_role', path, known);
    const id = found === undefined ? undefined : principalAt(found.address);
    if (id !== undefined) return { principal: id };
    const arn = known ?? resolver.scalar(expression, scope, 'arn');
    return arn === undefined ? undefined : { arn };
  };
  /** The instance of `type` an attribute of `instance` refers to (`iam_instance_profile`, `task_definition`). */
  const linked = (instance: Instance, attribute: string, type: string): Instance | undefined => {
    const raw = instance.values[attribute];
    const known = typeof raw === 'string' && raw !== '' ? raw : undefined;
    return resolver.namedInstance(
      expressionAt(instance.config?.expressions, [attribute]),
      scopeOf(instance),
      type,
      [attribute],
      known,
    );
  };
  for (const instance of instances) {
    if (instance.mode !== 'managed' || !WORKLOAD_TYPES.has(instance.type)) continue;
    let role: WorkloadInput['role'] | undefined;
    let arn: PolicyValue | undefined;
    if (instance.type === 'aws_instance') {
      const profile = linked(instance, 'iam_instance_profile', 'aws_iam_instance_profile');
      role = profile === undefined ? undefined : roleAt(profile, ['role']);
      arn = resolver.attribute(instance, 'arn');
    } else if (instance.type === 'aws_ecs_service') {
      const task = linked(instance, 'task_definition', 'aws_ecs_task_definition');
      role = task === undefined ? undefined : roleAt(task, ['task_role_arn']);
      arn = tasksOf(instance, linked(instance, 'cluster', 'aws_ecs_cluster'), resolver);
    } else {
      role = roleAt(instance, ROLE_OF[instance.type] as Path);
      arn = resolver.attribute(instance, 'arn');
    }
    if (role !== undefined)
      out.push({ id: instance.address, type: instance.type, arn, role, location: instance.location });
  }
  return out;
}

/** The ARN of the tasks of an ECS service: in its cluster, of an id known once they run. */
function tasksOf(service: Instance, cluster: Instance | undefined, resolver: Resolver): PolicyValue | undefined {
  if (cluster === undefined) return undefined;
  const parts: (string | Hole)[] = [];
  const push = (value: PolicyValue): void => {
    if (typeof value === 'string') parts.push(value);
    else parts.push(...value.parts);
  };
  parts.push('arn:aws:ecs:');
  push(resolver.region());
  parts.push(':');
  push(resolver.account());
  parts.push(':task/');
  push(resolver.attribute(cluster, 'name'));
  parts.push('/');
  push(hole(`${service.address}.task_id`, `the id of a task of ${service.address}`));
  return new SymbolicValue(parts);
}

function valueAt(values: Readonly<Record<string, unknown>>, path: Path): unknown {
  let node: unknown = values;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}
