/**
 * Workloads from a plan: each resource that runs with a role, the role it runs as (a principal of
 * the plan when the configuration refers to one, else the ARN it names) and the ARN that grants on
 * it name, known after apply as a value of the right shape.
 */
import { valueToString } from '@iamgate/core';
import type { WorkloadInput } from '@iamgate/core';
import { extractPlan } from '../src/extract';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const role = (name: string): TestResource => ({
  address: `aws_iam_role.${name}`,
  values: { name, assume_role_policy: trust },
  unknown: { arn: true },
});
const ref = (...references: string[]): { references: string[] } => ({ references });

/** `[id, role, arn]` of each workload of the plan. */
function workloads(resources: TestResource[]): [string, string, string | undefined][] {
  const input = extractPlan('plan.json', buildPlan(resources));
  return (input.workloads ?? []).map((w: WorkloadInput) => [
    w.id,
    'principal' in w.role ? w.role.principal : valueToString(w.role.arn),
    w.arn === undefined ? undefined : valueToString(w.arn),
  ]);
}

describe('workloads of a plan', () => {
  it('a Lambda function refers to its role: the principal of the plan, and the function ARN by its name', () => {
    expect(
      workloads([
        role('fn'),
        {
          address: 'aws_lambda_function.api',
          values: { function_name: 'api' },
          unknown: { role: true, arn: true },
          expressions: { role: ref('aws_iam_role.fn.arn', 'aws_iam_role.fn') },
        },
      ]),
    ).toEqual([
      [
        'aws_lambda_function.api',
        'aws_iam_role.fn',
        'arn:aws:lambda:${the region of the AWS provider}:${the account of the AWS provider}:function:api',
      ],
    ]);
  });

  it('an instance runs as the role of its instance profile; an instance without a profile runs as none', () => {
    expect(
      workloads([
        role('box'),
        {
          address: 'aws_iam_instance_profile.box',
          values: { name: 'box', role: 'box' },
          expressions: { role: ref('aws_iam_role.box.name', 'aws_iam_role.box') },
        },
        {
          address: 'aws_instance.box',
          values: { ami: 'ami-1', iam_instance_profile: 'box' },
          unknown: { id: true, arn: true },
          expressions: {
            iam_instance_profile: ref('aws_iam_instance_profile.box.name', 'aws_iam_instance_profile.box'),
          },
        },
        { address: 'aws_instance.bare', values: { ami: 'ami-1' }, unknown: { id: true, arn: true } },
      ]),
    ).toEqual([
      [
        'aws_instance.box',
        'aws_iam_role.box',
        'arn:aws:ec2:${the region of the AWS provider}:${the account of the AWS provider}:instance/${aws_instance.box.id}',
      ],
    ]);
  });

  it('an ECS service runs as the task role of its task definition, in the tasks of its cluster', () => {
    expect(
      workloads([
        role('task'),
        {
          address: 'aws_ecs_task_definition.app',
          values: { family: 'app' },
          unknown: { task_role_arn: true },
          expressions: { task_role_arn: ref('aws_iam_role.task.arn', 'aws_iam_role.task') },
        },
        { address: 'aws_ecs_cluster.main', values: { name: 'main' }, unknown: { arn: true, id: true } },
        {
          address: 'aws_ecs_service.app',
          values: { name: 'app' },
          unknown: { cluster: true, task_definition: true },
          expressions: {
            cluster: ref('aws_ecs_cluster.main.id', 'aws_ecs_cluster.main'),
            task_definition: ref('aws_ecs_task_definition.app.arn', 'aws_ecs_task_definition.app'),
          },
        },
      ]),
    ).toEqual([
      [
        'aws_ecs_service.app',
        'aws_iam_role.task',
        'arn:aws:ecs:${the region of the AWS provider}:${the account of the AWS provider}:task/main/${the id of a task of aws_ecs_service.app}',
      ],
    ]);
  });

  it('a role outside the plan is kept as the ARN the workload names', () => {
    expect(
      workloads([
        {
          address: 'aws_sfn_state_machine.flow',
          values: { name: 'flow', role_arn: 'arn:aws:iam::111122223333:role/existing' },
          unknown: { arn: true },
        },
      ]),
    ).toEqual([
      [
        'aws_sfn_state_machine.flow',
        'arn:aws:iam::111122223333:role/existing',
        'arn:aws:states:${the region of the AWS provider}:${the account of the AWS provider}:stateMachine:flow',
      ],
    ]);
  });
});
