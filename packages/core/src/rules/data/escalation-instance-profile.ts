/**
 * Escalation of an instance role through its own instance profile. A profile holds one role, and
 * a caller may take it out and put another in (`iam:RemoveRoleFromInstanceProfile`,
 * `iam:AddRoleToInstanceProfile`, the latter with `iam:PassRole` on the role it adds). The
 * instances associated with the profile then receive the new role's credentials from their
 * metadata service (AWS's IAM guide: a role removed from a profile keeps reaching its instances
 * for up to an hour; the new one follows). Code running on such an instance as the first role so
 * acts, within the hour, as the second.
 *
 * Decided from the policies alone only where the caller is known to run on an instance: a role
 * whose trust policy lets EC2 in (an instance role). Anyone else holding these grants
 * also needs a way to run code on an instance (not in the policies), and which profile holds the
 * role is not in them either, so both profile actions must reach every instance profile. The role
 * added is one of the scan that holds administrator access, or a path to it, and that EC2 may
 * assume (else the instance gets no credentials of it).
 */
import type { PrincipalInput } from '../../analysis/input';
import { valueToString } from '../../model/symbolic';
import { patternCovers } from '../../evaluator/pattern';
import type { RuleContext } from '../rule';
import { principalLabel } from '../describe';
import { actionMatches } from '../statement-helpers';
import { blockedOnValue, constrainingClauses, coversAllResourcesFor, leavesEscalationOpen } from './grants';
import { byStatement, namesPrincipal, trustsServiceOf } from './escalation-principals';
import type { EngineView, Grant, TargetHolds } from './escalation-targets';
import { isPassedToServiceOf, passesOnlyElsewhere } from './path-meets';
import type { Partition } from '../../catalog/requested-region';

/** The path's id (our own) and its actions. */
const PATH = 'ec2-swap-own-profile';
const PASS = 'iam:PassRole';
const REMOVE = 'iam:RemoveRoleFromInstanceProfile';
const ADD = 'iam:AddRoleToInstanceProfile';
const EC2 = 'ec2.amazonaws.com';

/** A role of the scan on an instance that may put a more privileged role into its own profile. */
export interface SwapPath {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly targetHolds: TargetHolds;
  /** The statements granting `iam:PassRole`, the removal and the addition, in that order. */
  readonly grants: readonly [Grant, Grant, Grant];
  /** What may close the path of the role put on the instance, when it holds one the policies do not decide. */
  readonly unless?: string;
}

/** An Allow of a profile action on every instance profile, conditioned on request tags or the network at most. */
function onEveryProfile(own: readonly Grant[], action: string, partition: Partition | undefined): Grant | undefined {
  return own.find(
    ({ statement: s }) =>
      s.effect === 'Allow' &&
      actionMatches(s, action) &&
      coversAllResourcesFor(s, action) &&
      constrainingClauses(s, leavesEscalationOpen, { action, partition }).length === 0,
  );
}

/** An Allow of `iam:PassRole` on the target, to EC2 when it says to which service. */
function passes(own: readonly Grant[], target: PrincipalInput): Grant | undefined {
  return own.find(
    ({ statement: s }) =>
      s.effect === 'Allow' &&
      actionMatches(s, PASS) &&
      !passesOnlyElsewhere(s, PASS, [EC2]) &&
      constrainingClauses(s, (c) => leavesEscalationOpen(c) || isPassedToServiceOf(c, PASS)).length === 0 &&
      (coversAllResourcesFor(s, PASS) ||
        (s.resource !== undefined && !s.resource.negated && s.resource.values.some((v) => namesPrincipal(v, target)))),
  );
}

// Any instance profile's ARN.
const PROFILES = 'instance-profile/*';

/**
 * Whether an unconditional Deny of either profile action names every instance profile: only then
 * is the role's own profile surely among them (which profile holds the role is not in the
 * policies; a Deny of some profiles, or under conditions, leaves the path reported).
 */
function deniesEveryProfile(own: readonly Grant[]): boolean {
  return own.some(({ statement: s }) => {
    if (s.effect !== 'Deny' || s.conditions.length > 0 || s.resource === undefined || s.resource.negated) return false;
    if (!actionMatches(s, REMOVE) && !actionMatches(s, ADD)) return false;
    return s.resource.values.some((v) => {
      if (typeof v !== 'string') return false;
      const partition = v.split(':')[1] ?? '*';
      return v === '*' || patternCovers(v, `arn:${partition}:iam::*:${PROFILES}`);
    });
  });
}

/**
 * Every instance role of the scan that may swap its own profile's role for one that holds
 * something (`holds`), asked as the chain of targeted paths grows.
 */
export function swapPaths(
  context: EngineView,
  holds: ReadonlyMap<PrincipalInput, TargetHolds>,
  statements: ReadonlyMap<PrincipalInput, readonly Grant[]>,
): SwapPath[] {
  const targets = [...holds].filter(([t]) => t.kind === 'role' && trustsServiceOf(t, [EC2]));
  if (targets.length === 0) return [];
  const found: SwapPath[] = [];
  for (const [principal, own] of statements) {
    // An administrator gains nothing (admin-access reports it).
    if (principal.kind !== 'role' || holds.get(principal) === 'admin') continue;
    if (principal.trustPolicy === undefined || !trustsServiceOf(principal, [EC2])) continue;
    const permissions = context.permissionsOf(principal);
    const remove = onEveryProfile(own, REMOVE, permissions.partition);
    const add = remove && onEveryProfile(own, ADD, permissions.partition);
    if (remove === undefined || add === undefined) continue;
    if (deniesEveryProfile(own)) continue;
    if (permissions.blockedEverywhere(REMOVE) !== 'no' || permissions.blockedEverywhere(ADD) !== 'no') continue;
    for (const [target, targetHolds] of targets) {
      if (target === principal) continue;
      const pass = passes(own, target);
      if (pass === undefined || (target.arn !== undefined && blockedOnValue(permissions, own, PASS, target.arn)))
        continue;
      found.push({ principal, target, targetHolds, grants: [pass, remove, add] });
    }
  }
  return found;
}

/**
 * Reports each `iam:PassRole` statement that lets an instance role of the scan swap its own
 * instance profile's role for one holding administrator access (or a path to it): one finding
 * per (principal, statement), naming the most privileged role and listing the others in
 * `evidence.targets`.
 */
export function reportProfileSwaps<M extends string>(
  context: RuleContext<M>,
  paths: readonly SwapPath[],
  messageId: M,
): void {
  for (const sorted of byStatement(paths, (o) => `${o.grants[0].source.id} ${o.grants[0].statement.pointer}`)) {
    const open = sorted[0] as SwapPath;
    const [pass] = open.grants;
    context.report({
      messageId,
      data: {
        owner: `${open.principal.kind} \`${open.principal.id}\``,
        target: `role \`${principalLabel(open.target)}\``,
        holds:
          open.targetHolds === 'admin'
            ? 'administrator access'
            : `an escalation path to administrator access${open.unless === undefined ? '' : ` unless ${open.unless}`}`,
        actions: [REMOVE, ADD, PASS].map((a) => `\`${a}\``).join(' + '),
        path: `path \`${PATH}\``,
      },
      principal: open.principal.id,
      location: pass.source.location,
      statement: pass.statement,
      policy: pass.source,
      key: `${PATH} ${pass.source.id} ${pass.statement.pointer}`,
      evidence: {
        path: PATH,
        actions: [PASS, REMOVE, ADD],
        target: open.target.id,
        targetHolds: open.targetHolds,
        ...(open.unless !== undefined ? { unless: open.unless } : {}),
        grantedBy: open.grants.map((g, i) => ({
          action: [PASS, REMOVE, ADD][i],
          policy: g.source.name,
          pointer: g.statement.pointer,
        })),
        ...(sorted.length > 1 ? { targets: sorted.map((o) => o.target.id) } : {}),
        ...(open.target.arn !== undefined ? { role: valueToString(open.target.arn) } : {}),
      },
    });
  }
}
