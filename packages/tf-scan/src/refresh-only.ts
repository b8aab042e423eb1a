/**
 * Refresh-only plans (`terraform plan -refresh-only`). Terraform plans no change in that mode: it
 * writes no `resource_changes`, `planned_values` holds no resource, and the state as the providers
 * read it (drift included, `resource_drift` listing what moved) is `prior_state`. Applying such a
 * plan only records that state; nothing in AWS changes. So the plan is read as the plan that keeps
 * every resource of the refreshed state as it is: the IAM that exists now is judged, exactly as a
 * plan with no changes to it would be, and nothing is said gained or lost.
 */
import type { PlanJson, PlanModule, ResourceChange } from './plan-types';

/**
 * Whether the plan changes nothing while its prior state holds managed resources: a refresh-only
 * plan (a plan of any other mode lists every resource of its state, `no-op` at least, and plans
 * values for each). A plan written with planned values and no changes (by hand, or by a tool
 * that leaves them out) is read from its planned values, as before.
 */
export function isRefreshOnly(plan: PlanJson): boolean {
  if ((plan.resource_changes?.length ?? 0) > 0 || holdsResources(plan.planned_values?.root_module)) return false;
  let found = false;
  visitManaged(plan.prior_state?.values?.root_module, '', () => {
    found = true;
  });
  return found;
}

/**
 * The plan with, for a refresh-only plan, a `no-op` change for each managed resource of its
 * refreshed state (its values before and after); any other plan as it is.
 */
export function keptByRefreshOnly(plan: PlanJson): PlanJson {
  if (!isRefreshOnly(plan)) return plan;
  const changes: ResourceChange[] = [];
  visitManaged(plan.prior_state?.values?.root_module, '', (resource, moduleAddress) => {
    const values = resource.values ?? {};
    changes.push({
      address: resource.address,
      // Without it (old formats leave out a module's address), the module is read from the address.
      ...(moduleAddress === '' ? {} : { module_address: moduleAddress }),
      mode: 'managed',
      type: resource.type,
      name: resource.name,
      ...(resource.index === undefined ? {} : { index: resource.index }),
      change: { actions: ['no-op'], before: values, after: values, after_unknown: {} },
    });
  });
  return { ...plan, resource_changes: changes };
}

/** Calls `visit` with each managed resource of a values tree (deposed objects left out) and its module's address. */
function visitManaged(
  module: PlanModule | undefined,
  moduleAddress: string,
  visit: (resource: NonNullable<PlanModule['resources']>[number], moduleAddress: string) => void,
): void {
  if (module === undefined) return;
  const here = module.address ?? moduleAddress;
  for (const resource of module.resources ?? []) {
    // Old formats may leave out `mode`: a data source's address starts with `data.` in its module.
    const mode = resource.mode ?? (resource.address.startsWith(dataPrefix(here)) ? 'data' : 'managed');
    if (mode !== 'managed' || resource.address === '' || 'deposed_key' in resource) continue;
    visit(resource, here);
  }
  for (const child of module.child_modules ?? []) visitManaged(child, child.address ?? here, visit);
}

function dataPrefix(moduleAddress: string): string {
  return moduleAddress === '' ? 'data.' : `${moduleAddress}.data.`;
}

/** Whether a values tree holds any resource, in any module. */
function holdsResources(module: PlanModule | undefined): boolean {
  if (module === undefined) return false;
  return (module.resources?.length ?? 0) > 0 || (module.child_modules ?? []).some(holdsResources);
}
