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
  const index = indexSuppressions(suppressions);
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const draft of drafts) {
    const matching = index.candidates(draft).filter(({ suppression, test }) => applies(suppression, test, draft));
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

interface CompiledSuppression {
  /** Its place in the configuration: the first that applies is the one reported. */
  readonly order: number;
  readonly suppression: ResolvedSuppression;
  readonly test: (value: string) => boolean;
}

/** Where a glob's first wildcard or alternative begins: every target it matches starts with what is before. */
const GLOB_SPECIAL = /[*?{]/;

/**
 * The suppressions by rule and by the literal start of their target, so that a finding is tested
 * only against those that could apply to it: a configuration listing thousands of addresses,
 * tested in full against each of thousands of findings, made the scan quadratic.
 */
function indexSuppressions(suppressions: readonly ResolvedSuppression[]): {
  candidates(draft: DraftFinding): CompiledSuppression[];
} {
  const byStart = new Map<string, CompiledSuppression[]>();
  const startLengths = new Set<number>();
  suppressions.forEach((suppression, order) => {
    const glob = compileGlob(suppression.target);
    if (!glob.ok) return;
    const special = suppression.target.search(GLOB_SPECIAL);
    const start = special === -1 ? suppression.target : suppression.target.slice(0, special);
    startLengths.add(start.length);
    const key = `${suppression.rule}\0${start}`;
    const entries = byStart.get(key);
    const entry = { order, suppression, test: glob.test };
    if (entries) entries.push(entry);
    else byStart.set(key, [entry]);
  });
  const lengths = [...startLengths];
  return {
    candidates(draft) {
      const found = new Set<CompiledSuppression>();
      for (const rule of new Set([draft.finding.ruleId, draft.finding.category]))
        for (const target of draft.targets)
          for (const length of lengths) {
            if (length > target.length) continue;
            for (const entry of byStart.get(`${rule}\0${target.slice(0, length)}`) ?? []) found.add(entry);
          }
      return [...found].sort((a, b) => a.order - b.order);
    },
  };
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
