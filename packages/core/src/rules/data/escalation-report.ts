/** Turning open escalation paths into reports: one per statement that grants the first action of some. */
import type { PolicySubject, RuleContext } from '../rule';
import { excludedNames, listValues, ownerOf } from '../describe';
import type { EscalationFamily } from './escalation-paths';
import { pathsToReport } from './escalation-check';
import { isServiceOwnedGrant } from './service-roles';

/** The message ids a path rule reports with: on any target, and (if the family has it) on itself. */
export interface PathMessages<M extends string> {
  readonly path: M;
  readonly onItself?: M;
  /** Through a principal the caller creates (the family's paths with `creates`). */
  readonly created?: M;
}

/**
 * Reports the open paths of `family` whose first action this policy grants, once per statement;
 * none for an AWS managed policy of a role only AWS services assume (`isServiceOwnedGrant`).
 */
export function reportPaths<M extends string>(
  context: RuleContext<M>,
  subject: PolicySubject,
  family: EscalationFamily,
  messages: PathMessages<M>,
): void {
  if (isServiceOwnedGrant(subject)) return;
  for (const report of pathsToReport(context, subject, family)) {
    // Through a principal the caller creates: the message says under which names.
    const created = report.created !== undefined ? messages.created : undefined;
    const excluded = excludedNames(report.statement, report.path.actions[0] ?? '');
    context.report({
      messageId: created ?? (report.self && messages.onItself !== undefined ? messages.onItself : messages.path),
      data: {
        owner: ownerOf(subject),
        ...(created !== undefined ? { kind: report.path.creates ?? 'principal', resource: report.created ?? '*' } : {}),
        actions: report.path.actions.map((a) => `\`${a}\``).join(' + '),
        // Several paths through one statement: one finding that names the first three and counts
        // the rest as its evidence lists them (the paths it opens, and the longer ones they cover).
        path: pathsText([report.path.id, ...alsoOpened(report.evidence)]),
        why: despiteText(report.evidence),
        // Every role (user, policy) but those a `NotResource` keeps out: said, not "any".
        ...scopeOf(excluded),
      },
      statement: report.statement,
      ...(report.choice !== undefined ? { choice: report.choice } : {}),
      key: report.path.id,
      evidence: excluded.length === 0 ? report.evidence : { ...report.evidence, excluded },
    });
  }
}

/** `path \`a\``, or `paths \`a\`, \`b\`, \`c\` and N more`. */
export function pathsText(ids: readonly string[]): string {
  return `${ids.length === 1 ? 'path' : 'paths'} ${listValues(ids)}`;
}

function alsoOpened(evidence: Readonly<Record<string, unknown>>): string[] {
  const also = evidence['alsoOpens'];
  return Array.isArray(also) ? also.filter((id): id is string => typeof id === 'string') : [];
}

/** `: its condition on ... ; ...`: why conditions that seem to close the path do not, or nothing. */
function despiteText(evidence: Readonly<Record<string, unknown>>): string {
  const despite = evidence['openDespite'];
  if (!Array.isArray(despite) || despite.length === 0) return '';
  const whys = despite.flatMap((d: unknown) =>
    typeof d === 'object' && d !== null && typeof (d as { why?: unknown }).why === 'string'
      ? [(d as { why: string }).why]
      : [],
  );
  return whys.length > 0 ? `: ${[...new Set(whys)].join('; ')}` : '';
}

/** `but`: the targets a `NotResource` of the anchor statement excludes; `scope`: how the message says what it acts on. */
function scopeOf(excluded: readonly string[]): { but: string; scope: string } {
  return excluded.length === 0
    ? { but: '', scope: 'on every role' }
    : { but: ` but ${listValues(excluded)}`, scope: 'with `NotResource`' };
}
