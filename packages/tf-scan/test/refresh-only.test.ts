import { isRefreshOnly, keptByRefreshOnly } from '../src/refresh-only';
import type { PlanJson, PlanResource } from '../src/plan-types';

const role = (address: string): PlanResource => ({
  address,
  mode: 'managed',
  type: 'aws_iam_role',
  name: address.split('.').pop() ?? '',
  values: { name: address },
});
const region: PlanResource = { address: 'data.aws_region.x', mode: 'data', type: 'aws_region', name: 'x', values: {} };
const state = {
  values: {
    root_module: {
      resources: [role('aws_iam_role.app'), region],
      child_modules: [{ address: 'module.etl', resources: [role('module.etl.aws_iam_role.this')] }],
    },
  },
};

describe('refresh-only plans', () => {
  it.each<[string, PlanJson, boolean]>([
    ['no changes, no planned resource, a refreshed state', { format_version: '1.2', prior_state: state }, true],
    [
      'changes empty, planned values with an empty root',
      { format_version: '1.2', planned_values: { root_module: {} }, resource_changes: [], prior_state: state },
      true,
    ],
    [
      'planned values that hold resources (a plan written without its changes)',
      {
        format_version: '1.2',
        planned_values: { root_module: { child_modules: [{ resources: [role('module.etl.aws_iam_role.this')] }] } },
        prior_state: state,
      },
      false,
    ],
    [
      'a change',
      {
        format_version: '1.2',
        resource_changes: [
          { address: 'aws_iam_role.app', type: 'aws_iam_role', name: 'app', change: { actions: ['no-op'] } },
        ],
        prior_state: state,
      },
      false,
    ],
    [
      'a prior state of data sources only (a first plan of nothing)',
      { format_version: '1.2', prior_state: { values: { root_module: { resources: [region] } } } },
      false,
    ],
  ])('%s', (_, plan, expected) => {
    expect(isRefreshOnly(plan)).toBe(expected);
  });

  it('are read as keeping each managed resource of the refreshed state, in its module, data sources left to the prior state', () => {
    const plan = keptByRefreshOnly({ format_version: '1.2', prior_state: state });
    expect(plan.resource_changes?.map((c) => [c.address, c.module_address, c.change.actions])).toEqual([
      ['aws_iam_role.app', undefined, ['no-op']],
      ['module.etl.aws_iam_role.this', 'module.etl', ['no-op']],
    ]);
    expect(plan.resource_changes?.[0]?.change.after).toEqual({ name: 'aws_iam_role.app' });
  });

  it('leave any other plan as it is', () => {
    const plan: PlanJson = { format_version: '1.2', planned_values: { root_module: { resources: [region] } } };
    expect(keptByRefreshOnly(plan)).toBe(plan);
  });
});
