/**
 * Effective-permission questions rules may ask about a principal, answered through the
 * evaluator (analysis/effective-queries.ts): NotAction, NotResource, conditions and values
 * unknown before deploy read the way AWS reads them.
 */
import type { Policy } from '../model/policy';
import type { Partition } from '../catalog/requested-region';
import type { PolicySubject } from '../rules/rule';
import { ALLOW_ALL, effectivePermissionQueries } from './effective-queries';

/** `yes`, `no`, or `unknown` when values unknown before deploy prevent an answer. */
export type Answer = 'yes' | 'no' | 'unknown';

/** Questions about what a principal may really do. */
export interface PermissionQueries {
  /**
   * Is `action` on every resource blocked for the principal by something else than the
   * statement that grants it: an unconditional deny, or a boundary that does not allow it?
   */
  blockedEverywhere(action: string): Answer;
  /**
   * Is `action` on the one resource `resource` (an ARN without wildcards) blocked for the principal
   * by something else than the statement that grants it: an unconditional deny naming it, or a
   * boundary or service control policy that does not allow it there?
   */
  blockedOn(action: string, resource: string): Answer;
  /**
   * Is `action` on every resource blocked for the principal when its request carries `keys`
   * (`iam:PassedToService`, `cloudformation:RoleArn`): a Deny, boundary or service control policy
   * is read with them, its tests of keys no such request carries decided by their absence; a Deny
   * that would refuse it if its tests of other keys (MFA, network, tags) held makes it `unknown`.
   */
  blockedWith(action: string, keys: Readonly<Record<string, string>>): Answer;
  /**
   * The condition keys, as written, of the Denies that may refuse `action` with `keys` though
   * `blockedWith` cannot say they do (its `unknown`): what the path is open "unless" of. Empty otherwise.
   */
  refusedUnless(action: string, keys: Readonly<Record<string, string>>): readonly string[];
  /**
   * Whether a Deny on the Region alone blocks every request for `action`, one sent to the one Region
   * its service answers in (`iam:*` denied in `us-east-1`, read in `aws`): false for an action whose
   * Region the caller picks.
   */
  closedByRegion(action: string): boolean;
  /**
   * The partition whose IAM Region a Region test of the principal's Allows and Denies alike is read
   * in (see `partitionReading`): the one its ARNs name, else the one of the Regions its statements
   * let it act in, else `aws`; undefined when they name two (read in each partition's).
   */
  readonly partition: Partition | undefined;
  /** Whether a Region test of its policies was read in `aws` because nothing named the partition. */
  readonly partitionAssumed: boolean;
  /**
   * The Region of the deployment whose partition a Region test of its policies was read in, when
   * neither their ARNs nor their Region tests named one (see `partitionReading`).
   */
  readonly partitionRegion?: string;
}

/** Answers for a subject without a principal: nothing is known to block anything. */
export const NO_PRINCIPAL: PermissionQueries = {
  blockedEverywhere: () => 'no',
  blockedOn: () => 'no',
  blockedWith: () => 'no',
  refusedUnless: () => [],
  closedByRegion: () => false,
  partition: 'aws',
  partitionAssumed: true,
};

/**
 * Answers from a principal's identity policies and boundary, and the service control policies of
 * the configuration (`scps`: their Deny statements; see {@link guardrailLevels}).
 */
export function principalPermissions(
  identity: readonly PolicySubject[],
  boundary: PolicySubject | undefined,
  scps?: readonly (readonly Policy[])[],
): PermissionQueries {
  return effectivePermissionQueries(identity, boundary, scps === undefined ? {} : { scps });
}

/**
 * The SCP levels the configuration's service control policies make: their Deny statements, beside
 * an allow of every action, at one level (undefined without any). Their Allow statements are not
 * read: the configuration does not say at which level each policy is attached, and an allow-list
 * read at the wrong level would take away what another level allows (a finding missed); a Deny
 * takes away whatever the level.
 */
export function guardrailLevels(scps: readonly Policy[]): readonly (readonly Policy[])[] | undefined {
  const denies = scps
    .map((p) => ({ ...p, statements: p.statements.filter((s) => s.effect === 'Deny') }))
    .filter((p) => p.statements.length > 0);
  return denies.length === 0 ? undefined : [[ALLOW_ALL, ...denies]];
}
