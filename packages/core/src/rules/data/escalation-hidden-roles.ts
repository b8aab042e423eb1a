/**
 * Ways into a workload of the scan (a function, an instance, a stack...) whose role the input does
 * not tell: the caller runs its code as that role, and what the role holds cannot be told. Said as
 * undecided, at the statement that names the workload, only when a principal may enter it.
 */
import { parsePolicy } from '../../model/parse';
import type { Statement } from '../../model/policy';
import type { PolicySubject, RuleContext } from '../rule';
import { ownerOf } from '../describe';
import type { Grant } from './escalation-targets';
import { hiddenRoleEntries } from './escalation-workloads';

/** Reports, at each statement of the subject's policy that opens a way into such a workload, that the path is undecided. */
export function reportHiddenRoles(context: RuleContext<string>, subject: PolicySubject): void {
  const workloads = context.inputAccount?.()?.workloads ?? [];
  const principal = subject.principal;
  if (workloads.length === 0 || principal === undefined || !subject.parsed.ok) return;
  const own: Grant[] = (subject.identityPolicies ?? [subject]).flatMap((s) =>
    s.parsed.ok ? s.parsed.value.statements.map((statement) => ({ statement, source: s.source })) : [],
  );
  for (const entry of hiddenRoleEntries(own, workloads, boundaryOf(subject))) {
    if (entry.anchor.source.id !== subject.source.id) continue;
    const actions = entry.actions.map((a) => `\`${a}\``).join(' + ');
    context.reportUnverifiable({
      reason: `${ownerOf(subject)} can run code as the role of \`${entry.workload.id}\` with ${actions} (escalation path \`${entry.path.id}\`), but that role is \`${entry.role}\`, not known before deploy: whether it holds administrator access cannot be told`,
      statement: entry.anchor.statement,
      values: [entry.role],
      actions: [...entry.actions],
    });
  }
}

/** The statements of the principal's permissions boundary when the input holds it; undefined without one. */
function boundaryOf(subject: PolicySubject): readonly Statement[] | undefined {
  const boundary = subject.principal?.permissionsBoundary;
  if (boundary === undefined) return undefined;
  const document = boundary.policy?.document;
  if (document === undefined) return [];
  const parsed = parsePolicy(document, { type: 'boundary' });
  return parsed.ok ? parsed.value.statements : [];
}
