/**
 * Effective-permission questions rules may ask about a principal, answered through the
 * evaluator (analysis/effective-queries.ts): NotAction, NotResource, conditions and values
 * unknown before deploy read the way AWS reads them.
 */
import type { PolicySubject } from '../rules/rule';
import { effectivePermissionQueries } from './effective-queries';

/** `yes`, `no`, or `unknown` when values unknown before deploy prevent an answer. */
export type Answer = 'yes' | 'no' | 'unknown';

/** Questions about what a principal may really do. */
export interface PermissionQueries {
  /**
   * Is `action` on every resource blocked for the principal by something else than the
   * statement that grants it: an unconditional deny, or a boundary that does not allow it?
   */
  blockedEverywhere(action: string): Answer;
}

/** Answers for a subject without a principal: nothing is known to block anything. */
export const NO_PRINCIPAL: PermissionQueries = { blockedEverywhere: () => 'no' };

/** Answers from a principal's identity policies and boundary. */
export function principalPermissions(
  identity: readonly PolicySubject[],
  boundary: PolicySubject | undefined,
): PermissionQueries {
  return effectivePermissionQueries(identity, boundary);
}
