/**
 * Effective-permission questions rules may ask about a principal. This first version answers
 * from the principal's own documents (explicit denies and the permissions boundary); the
 * evaluator-based analysis replaces it behind the same interface.
 */
import type { Statement } from '../model/policy';
import type { PolicySubject } from '../rules/rule';
import { actionMatches, coversEveryResource } from '../rules/statement-helpers';

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
  const statements = (subject: PolicySubject): readonly Statement[] =>
    subject.parsed.ok ? subject.parsed.value.statements : [];
  return {
    blockedEverywhere(action) {
      const denies = [...identity, ...(boundary ? [boundary] : [])].flatMap(statements);
      const denied = denies.some(
        (s) => s.effect === 'Deny' && s.conditions.length === 0 && actionMatches(s, action) && coversEveryResource(s),
      );
      if (denied) return 'yes';
      if (boundary === undefined) return 'no';
      if (!boundary.parsed.ok) return 'unknown';
      const allowed = boundary.parsed.value.statements.some((s) => s.effect === 'Allow' && actionMatches(s, action));
      return allowed ? 'no' : 'yes';
    },
  };
}
