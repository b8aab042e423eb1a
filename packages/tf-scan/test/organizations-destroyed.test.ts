/**
 * An SCP or RCP the plan destroys: AWS Organizations deletes no policy still attached, so its
 * attachments are destroyed in the same plan, and each target they named loses its limits.
 */
import { runGuard } from '@iamgate/core';
import type { PlanJson } from '../src/plan-types';
import { extractPlan } from '../src/extract';

const OU = 'ou-ab12-34567890';
const deny = (Action: string[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action, Resource: '*', ...extra }] });

/** An `aws_organizations_policy` as the provider reads it. */
const organizationsPolicy = (id: string, type: string, content: string): Record<string, unknown> => ({
  arn: `arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/${id}`,
  content,
  description: '',
  id,
  name: id,
  skip_destroy: false,
  tags: {},
  tags_all: {},
  type,
});
const attachment = (policyId: string, target: string): Record<string, unknown> => ({
  id: `${target}:${policyId}`,
  policy_id: policyId,
  skip_destroy: false,
  target_id: target,
});

/** A plan that destroys each resource (`type.name`, as last read): none is left in the planned values. */
function destroying(resources: [string, Record<string, unknown>][]): PlanJson {
  return {
    format_version: '1.2',
    planned_values: { root_module: { resources: [] } },
    prior_state: { values: { root_module: { resources: [] } } },
    resource_changes: resources.map(([address, before]) => {
      const [type = '', name = ''] = address.split('.');
      return { address, mode: 'managed', type, name, change: { actions: ['delete'], before, after: null } };
    }),
    configuration: { root_module: { resources: [] } },
  } as unknown as PlanJson;
}

/** `subject target: +/-action on resource` of what the plan changes. */
function changes(plan: PlanJson): string[] {
  const result = runGuard(extractPlan('plan.json', plan));
  expect(result.findings).toEqual([]);
  return (result.changes ?? []).flatMap((c) => [
    ...c.gained.map(
      (d) =>
        `${c.subject} ${c.targets?.map((t) => `${t.change ?? ''} ${t.target}`).join()}: +${d.action} on ${d.resource}`,
    ),
    ...c.lost.map(
      (d) =>
        `${c.subject} ${c.targets?.map((t) => `${t.change ?? ''} ${t.target}`).join()}: -${d.action} on ${d.resource}`,
    ),
  ]);
}

describe('an SCP or RCP destroyed with its attachment', () => {
  it('an SCP: the OU it was attached to is no longer denied what it denied', () => {
    const plan = destroying([
      [
        'aws_organizations_policy.guard',
        organizationsPolicy('p-guard', 'SERVICE_CONTROL_POLICY', deny(['iam:CreateUser'])),
      ],
      ['aws_organizations_policy_attachment.guard_workloads', attachment('p-guard', OU)],
    ]);
    expect(changes(plan)).toEqual([
      `aws_organizations_policy_attachment.guard_workloads detached ${OU}: +iam:CreateUser on *`,
    ]);
  });

  it('an RCP: the OU it was attached to is no longer denied what it denied, on any caller', () => {
    const rcp = deny(['s3:DeleteBucket'], { Principal: '*' });
    const plan = destroying([
      ['aws_organizations_policy.perimeter', organizationsPolicy('p-perimeter', 'RESOURCE_CONTROL_POLICY', rcp)],
      ['aws_organizations_policy_attachment.perimeter_workloads', attachment('p-perimeter', OU)],
    ]);
    expect(changes(plan)).toEqual([
      `aws_organizations_policy_attachment.perimeter_workloads detached ${OU}: +s3:DeleteBucket on *`,
    ]);
  });

  it('an SCP destroyed alone (attached nowhere) changes nothing and is no finding', () => {
    const plan = destroying([
      [
        'aws_organizations_policy.guard',
        organizationsPolicy('p-guard', 'SERVICE_CONTROL_POLICY', deny(['iam:CreateUser'])),
      ],
    ]);
    expect(changes(plan)).toEqual([]);
  });
});
