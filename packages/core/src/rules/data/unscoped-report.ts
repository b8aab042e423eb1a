/**
 * The shared check of the rules that report sensitive actions allowed on every resource without a
 * restricting condition: one report per statement, naming the actions.
 */
import type { Statement } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import type { PolicySubject, RuleContext } from '../rule';
import { listValues, ownerOf } from '../describe';
import { actionMatches, coversAllOf, matchingActionPatterns } from '../statement-helpers';
import {
  constrainingClauses,
  coversAllResourcesFor,
  coversAllResourcesOf,
  givenWholeValues,
  isFullAccess,
  onEveryResource,
  outOfRegion,
} from './grants';
import { confinedElsewhere } from './boundary-scope';
import { isServiceOwnedGrant } from './service-roles';

/** A statement and the sensitive actions it allows on every resource. */
interface UnscopedGrant {
  readonly statement: Statement;
  /** Canonical names when the catalog knows them. */
  readonly actions: readonly string[];
}

/**
 * The statements of this policy that allow some of `candidates` unscoped. None in an AWS managed
 * policy of a role only services running no customer code assume (AWS Backup reading every table
 * to restore it): the service reads for its own work, and no user or workload acts with the role.
 */
export function unscopedGrants(
  context: RuleContext<string>,
  subject: PolicySubject,
  candidates: readonly string[],
  skip: (action: string) => boolean = () => false,
): UnscopedGrant[] {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return [];
  const grants: UnscopedGrant[] = [];
  for (const statement of subject.parsed.value.statements) {
    if (!coversAllResourcesOf(statement)) continue;
    const actions = sensitiveActions(context, subject, statement, candidates, skip);
    if (actions.length > 0) grants.push({ statement, actions });
  }
  return grants;
}

/** The candidates an Allow statement without restricting condition grants on every resource they act on. */
function sensitiveActions(
  context: RuleContext<string>,
  subject: PolicySubject,
  statement: Statement,
  candidates: readonly string[],
  skip: (action: string) => boolean,
): string[] {
  if (statement.effect !== 'Allow' || isFullAccess(statement) || constrainingClauses(statement).length > 0) return [];
  const actions = grantedOnEveryResource(statement, candidates)
    .filter(
      (a) =>
        !skip(a) &&
        context.permissions.blockedEverywhere(a) !== 'yes' &&
        !outOfRegion(statement, a, context.permissions.partition) &&
        !confinedElsewhere(subject, a),
    )
    .map((a) => context.catalog.expand(a)?.[0] ?? a);
  return [...new Set(actions)];
}

// The candidates a statement grants on every resource, by statement and candidate list: an AWS
// managed policy's statement is shared by every principal that attaches it, and each rule asks it
// about its own list for each of them (what blocks the actions is the principal's, asked apart).
const granted = new WeakMap<Statement, WeakMap<readonly string[], readonly string[]>>();

function grantedOnEveryResource(statement: Statement, candidates: readonly string[]): readonly string[] {
  let byList = granted.get(statement);
  if (byList === undefined) granted.set(statement, (byList = new WeakMap()));
  let actions = byList.get(candidates);
  if (actions === undefined) {
    actions = candidates.filter((a) => actionMatches(statement, a) && coversAllResourcesFor(statement, a));
    byList.set(candidates, actions);
  }
  return actions;
}

/**
 * The statements that allow one action on every resource of some resource types
 * (`apigateway:GET` on `/apikeys`, the values of every API key), without restricting condition.
 */
export function grantsOnResources(
  context: RuleContext<string>,
  subject: PolicySubject,
  action: string,
  resources: readonly string[],
): Statement[] {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return [];
  if (context.permissions.blockedEverywhere(action) === 'yes' || confinedElsewhere(subject, action)) return [];
  return subject.parsed.value.statements.filter(
    (statement) =>
      statement.effect === 'Allow' &&
      !isFullAccess(statement) &&
      actionMatches(statement, action) &&
      constrainingClauses(statement).length === 0 &&
      !outOfRegion(statement, action, context.permissions.partition) &&
      resources.some((space) => coversAllOf(statement, space)),
  );
}

/**
 * Reports, as undecided, the statements whose Resource is given whole at deploy (a Terraform
 * variable, a template parameter) and that would allow some of `candidates` if it were `*`:
 * the value decides, so the check says it cannot, rather than reading the value as one resource.
 */
export function reportGivenResources(
  context: RuleContext<string>,
  subject: PolicySubject,
  candidates: readonly string[],
  verb: string,
  skip: (action: string) => boolean = () => false,
): void {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
  for (const statement of subject.parsed.value.statements) {
    const given = givenWholeValues(statement).map(valueToString);
    if (given.length === 0) continue;
    const actions = sensitiveActions(context, subject, onEveryResource(statement), candidates, skip);
    if (actions.length === 0) continue;
    context.reportUnverifiable({
      reason: `${ownerOf(subject)} may ${verb} ${listValues(actions)} on ${listValues(given)}, given at deploy: whether that is every resource (\`*\`) cannot be told`,
      statement,
      pointer: statement.resource?.pointer,
      values: given,
      actions,
    });
  }
}

/** How the statement grants the actions, for the evidence. */
export function grantedBy(statement: Statement, actions: readonly string[]): Record<string, unknown> {
  if (statement.action?.negated) return { notAction: statement.action.values };
  return { action: [...new Set(actions.flatMap((a) => matchingActionPatterns(statement, a)))] };
}
