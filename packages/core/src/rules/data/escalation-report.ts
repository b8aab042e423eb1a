/** Turning open escalation paths into reports: one per path, anchored on its first action's statement. */
import type { PolicySubject, RuleContext } from '../rule';
import { ownerOf } from '../describe';
import type { EscalationFamily } from './escalation-paths';
import { pathsToReport } from './escalation-check';

/** Reports every open path of `family` granted by this policy, with message `path` or `onItself`. */
export function reportPaths(
  context: RuleContext<'path' | 'onItself'>,
  subject: PolicySubject,
  family: EscalationFamily,
): void {
  for (const report of pathsToReport(context as RuleContext<string>, subject, family)) {
    context.report({
      messageId: report.self ? 'onItself' : 'path',
      data: {
        owner: ownerOf(subject),
        actions: report.path.actions.map((a) => `\`${a}\``).join(' + '),
        path: report.path.id,
      },
      statement: report.statement,
      key: report.path.id,
      evidence: report.evidence,
    });
  }
}
