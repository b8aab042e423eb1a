/**
 * Applying suppressions and the baseline to the engine's findings. Suppressed findings are kept
 * with their justification; a suppression past its `expires` day suppresses nothing and the
 * finding says that it expired.
 */
import type { Finding, SuppressedFinding, SuppressionInfo } from '../analysis/finding';
import type { DraftFinding } from '../analysis/engine';
import { matchWildcard } from '../match/wildcard';
import { compileGlob } from './glob';
import type { ResolvedSuppression } from './types';
import type { Baseline } from './baseline';

/** Findings split into those that count and those suppressed. */
export interface SuppressionOutcome {
  readonly active: Finding[];
  readonly suppressed: SuppressedFinding[];
}

/** Splits draft findings by the configuration's suppressions and the baseline. */
export function applySuppressions(
  drafts: readonly DraftFinding[],
  suppressions: readonly ResolvedSuppression[],
  baseline: Baseline | undefined,
  now: Date,
): SuppressionOutcome {
  const today = now.toISOString().slice(0, 10);
  const compiled = suppressions.map((s) => {
    const glob = compileGlob(s.target);
    return { suppression: s, test: glob.ok ? glob.test : () => false };
  });
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const draft of drafts) {
    const matching = compiled.filter(({ suppression, test }) => applies(suppression, test, draft));
    const current = matching.find(
      ({ suppression }) => suppression.expires === undefined || suppression.expires >= today,
    );
    if (current) {
      suppressed.push({ ...draft.finding, suppression: infoOf(current.suppression) });
      continue;
    }
    if (baseline?.fingerprints.has(draft.finding.fingerprint)) {
      suppressed.push({
        ...draft.finding,
        suppression: { reason: 'accepted in the baseline', source: `baseline: ${baseline.source}` },
      });
      continue;
    }
    const expired = matching[0]?.suppression;
    active.push(
      expired
        ? {
            ...draft.finding,
            message: `${draft.finding.message} (suppression expired on ${expired.expires ?? ''}: ${expired.reason})`,
          }
        : draft.finding,
    );
  }
  return { active, suppressed };
}

function applies(suppression: ResolvedSuppression, test: (value: string) => boolean, draft: DraftFinding): boolean {
  const { finding } = draft;
  const rule = suppression.rule;
  if (rule !== finding.ruleId && rule !== finding.category) return false;
  if (!draft.targets.some(test)) return false;
  if (suppression.sid !== undefined && suppression.sid !== draft.sid) return false;
  if (suppression.actions !== undefined) {
    // Only findings about actions all covered by the listed patterns.
    if (draft.actions.length === 0) return false;
    const covered = (action: string): boolean =>
      suppression.actions?.some((p) => matchWildcard(p, action, { ignoreCase: true })) ?? false;
    if (!draft.actions.every(covered)) return false;
  }
  return true;
}

function infoOf(s: ResolvedSuppression): SuppressionInfo {
  return { reason: s.reason, ...(s.expires !== undefined ? { expires: s.expires } : {}), source: s.source };
}
