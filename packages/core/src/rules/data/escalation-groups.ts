/**
 * Escalation into a group the input does not hold. `iam:AddUserToGroup` on `group/Ops` lets the
 * caller put a user in `Ops` (itself, or a user it creates and makes a key for), who then holds
 * whatever the group's policies grant; the input does not say what that is. On every group it is
 * path `iam-013` (escalation-check.ts), toward an administrators group of the input a targeted
 * path (escalation-targets.ts); toward a group outside the input neither can be claimed nor
 * ruled out, so the check says it cannot decide (`unverifiable/unknown-value`), for the group
 * alone and for a user the caller creates there alike. A statement that also reaches an
 * administrators group of the input is that path alone.
 */
import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { isWhollyInput, valueToString } from '../../model/symbolic';
import type { PrincipalInput } from '../../analysis/input';
import type { PolicySubject, RuleContext } from '../rule';
import { listValues, ownerOf } from '../describe';
import { actionMatches } from '../statement-helpers';
import type { EscalationPath } from './escalation-paths';
import { constrainingClauses, coversAllResourcesFor, leavesEscalationOpen, principalStatements } from './grants';
import type { Partition } from '../../catalog/requested-region';
import { groupsReachedBy } from './escalation-targets';
import { namesPrincipal } from './escalation-principals';
import { inputPoliciesOf, openCreated } from './escalation-created';
import { isServiceOwnedGrant } from './service-roles';

const ADD = 'iam:AddUserToGroup';
const GROUP_ARN = /^arn:[^:]*:iam::[^:]*:group\//i;

// A user the caller creates and signs in as, the first two steps of `new-user-group-key` and
// `new-user-group-console` (the group step is the one this check cannot decide).
const CREATED_USER: readonly EscalationPath[] = (
  [
    ['new-user-group-key', 'iam:CreateAccessKey'],
    ['new-user-group-console', 'iam:CreateLoginProfile'],
  ] as const
).map(([id, use]) => ({
  id,
  family: 'iam-policy-modification',
  actions: ['iam:CreateUser', use],
  cloudsplaining: [],
  creates: 'user',
}));

/**
 * Reports, as undecided, each statement of the subject's policy that allows `iam:AddUserToGroup`
 * on named groups of which some are not in the input (a group ARN written out, a data source, a
 * pattern that may name others): what their members may do is unknown.
 */
export function reportUnknownGroups<M extends string>(context: RuleContext<M>, subject: PolicySubject): void {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
  const partition = context.permissions.partition;
  const candidates = subject.parsed.value.statements.filter((s) => addsToNamedGroups(s, partition));
  if (candidates.length === 0 || context.permissions.blockedEverywhere(ADD) === 'yes') return;
  const groups = context.inputGroups?.() ?? [];
  let created: string | undefined | null = null;
  const account = context.inputAccount?.();
  const principal = subject.principal;
  for (const statement of candidates) {
    // A statement that reaches an administrators group of the input is a path to administrator
    // (reported as such): what the other groups it may name grant cannot be more.
    if (
      account !== undefined &&
      principal !== undefined &&
      groupsReachedBy(context, account, principal, subject.source, statement).length > 0
    )
      continue;
    const unknown = (statement.resource?.values ?? []).filter(
      (value) =>
        mayNameGroupOutside(value, groups) && context.permissions.blockedOn(ADD, valueToString(value)) !== 'yes',
    );
    if (unknown.length === 0) continue;
    if (created === null) created = createdUserPath(context, subject);
    const named = unknown.map(valueToString);
    const outside =
      named.length === 1 && !/[*?]/.test(named[0] as string)
        ? 'and the input does not hold it: whether its members gain'
        : 'and the input does not hold every group named: whether their members gain';
    const through =
      created === undefined
        ? `escalation path \`iam-013\``
        : `escalation paths \`iam-013\` and \`${created}\`: a user it creates, puts there and signs in as holds the same`;
    context.reportUnverifiable({
      reason: `${ownerOf(subject)} may add users to ${named.length === 1 ? 'group' : 'groups'} ${listValues(named)} with \`${ADD}\`, ${outside} more than it holds cannot be told (${through})`,
      statement,
      values: named,
      actions: [ADD],
    });
  }
}

/** An Allow of `iam:AddUserToGroup` on some groups, not on every one (that is `iam-013` itself). */
function addsToNamedGroups(statement: Statement, partition: Partition | undefined): boolean {
  const set = statement.resource;
  return (
    statement.effect === 'Allow' &&
    set !== undefined &&
    !set.negated &&
    actionMatches(statement, ADD) &&
    !coversAllResourcesFor(statement, ADD) &&
    constrainingClauses(statement, leavesEscalationOpen, { action: ADD, partition }).length === 0
  );
}

/**
 * Whether a resource value may name a group the input does not hold: a group ARN naming none of
 * them, or a pattern (which may name others besides). A value given whole at deploy is left to
 * the rules that report such Resources (write-on-star says it may be `*`).
 */
function mayNameGroupOutside(value: PolicyValue, groups: readonly PrincipalInput[]): boolean {
  if (isWhollyInput(value)) return false;
  const text = valueToString(value);
  if (!GROUP_ARN.test(text)) return false;
  const literal = typeof value === 'string' ? value : value.parts.filter((p) => typeof p === 'string').join('');
  if (/[*?]/.test(literal)) return true;
  return !groups.some((group) => namesPrincipal(value, group));
}

/** The id of the created-user path the caller has but for the group step, if it has one. */
function createdUserPath(context: RuleContext<string>, subject: PolicySubject): string | undefined {
  const statements = principalStatements(subject, context.catalog);
  const blocked = (action: string): boolean => context.permissions.blockedEverywhere(action) === 'yes';
  for (const path of CREATED_USER) {
    const opened = openCreated(path, {
      statements,
      permissions: context.permissions,
      catalog: context.catalog,
      // Both steps act on the new user: none needs a grant on every resource.
      onEveryResource: () => undefined,
      blocked,
      ...inputPoliciesOf(context, subject),
    });
    if (opened !== undefined) return path.id;
  }
  return undefined;
}
