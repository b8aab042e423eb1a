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

/**
 * The literal texts every target a glob matches holds: what comes before its first wildcard or
 * alternative (`start`), what comes after its last (`end`), and the longest literal run between
 * them outside any alternative (`middle`, empty when none).
 */
function literalParts(glob: string): { start: string; middle: string; end: string } {
  const runs: string[] = [];
  let run = '';
  let inAlternative = false;
  let special = false;
  for (const c of glob) {
    if (c === '*' || c === '?' || c === '{' || c === '}') {
      if (!inAlternative) runs.push(run);
      run = '';
      special = true;
      if (c === '{') inAlternative = true;
      if (c === '}') inAlternative = false;
    } else if (!inAlternative) run += c;
  }
  runs.push(run);
  if (!special) return { start: glob, middle: '', end: '' };
  const middle = runs.slice(1, -1).reduce((longest, r) => (r.length > longest.length ? r : longest), '');
  return { start: runs[0] ?? '', middle, end: runs[runs.length - 1] ?? '' };
}

/**
 * The suppressions by rule, then by the literal start of their target (a trie), its literal end (a
 * trie read backwards) and the longest literal text between its wildcards (a trie of texts found
 * anywhere in a target), so that a finding is tested only against those that could apply to it:
 * thousands of targets that share their start (`module.app[*].aws_iam_role.r123`,
 * `module.*.aws_iam_role.r123*`) are told apart by the text after or between their wildcards, and
 * each of a finding's targets is read through the tries, not compared with every entry. A
 * configuration listing thousands of targets, tested in full against each of thousands of findings,
 * made the scan quadratic.
 */
function indexSuppressions(suppressions: readonly ResolvedSuppression[]): {
  candidates(draft: DraftFinding): CompiledSuppression[];
} {
  // Targets without a wildcard (most of a generated list) are looked up whole, the others
  // through the tries.
  const byRule = new Map<
    string,
    { exact: Map<string, CompiledSuppression[]>; globs: TrieNode<TrieNode<TrieNode<CompiledSuppression[]>>> }
  >();
  suppressions.forEach((suppression, order) => {
    const glob = compileGlob(suppression.target);
    if (!glob.ok) return;
    const entry = { order, suppression, test: glob.test };
    let index = byRule.get(suppression.rule);
    if (index === undefined) byRule.set(suppression.rule, (index = { exact: new Map(), globs: new TrieNode() }));
    const { start, middle, end } = literalParts(suppression.target);
    if (start === suppression.target) {
      const entries = index.exact.get(start);
      if (entries === undefined) index.exact.set(start, [entry]);
      else entries.push(entry);
      return;
    }
    const ends = (index.globs.at(start, false).value ??= new TrieNode());
    const middles = (ends.at(end, true).value ??= new TrieNode());
    (middles.at(middle, false).value ??= []).push(entry);
  });
  return {
    candidates(draft) {
      const found = new Set<CompiledSuppression>();
      const add = (entries: readonly CompiledSuppression[]): void => {
        for (const entry of entries) found.add(entry);
      };
      for (const rule of new Set([draft.finding.ruleId, draft.finding.category])) {
        const index = byRule.get(rule);
        if (index === undefined) continue;
        for (const target of draft.targets) {
          const exact = index.exact.get(target);
          if (exact !== undefined) add(exact);
          index.globs.along(target, 0, false, (ends) => {
            ends.along(target, 0, true, (middles) => {
              // The empty text (no middle) at the root, then each text found from each place on.
              if (middles.value !== undefined) add(middles.value);
              for (let from = 0; from < target.length; from++) middles.along(target, from, false, add, true);
            });
          });
        }
      }
      return [...found].sort((a, b) => a.order - b.order);
    },
  };
}

/** A trie over the characters of texts, read from their start or (`backwards`) from their end. */
class TrieNode<T> {
  value: T | undefined;
  // Made with the first child: most nodes of a trie of long texts are leaves or have one child.
  private children: Map<number, TrieNode<T>> | undefined;

  /** The node of `text`, made when missing. */
  at(text: string, backwards: boolean): TrieNode<T> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks down from this node
    let node: TrieNode<T> = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(backwards ? text.length - 1 - i : i);
      node.children ??= new Map();
      let child = node.children.get(c);
      if (child === undefined) node.children.set(c, (child = new TrieNode<T>()));
      node = child;
    }
    return node;
  }

  /**
   * Calls `visit` with the value of each node whose text `text` holds from `from` on (or,
   * `backwards`, before its last `from` characters); the root's own value too unless `skipRoot`.
   */
  along(text: string, from: number, backwards: boolean, visit: (value: T) => void, skipRoot = false): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks down from this node
    let node: TrieNode<T> | undefined = this;
    for (let i = from; node !== undefined; i++) {
      if (node.value !== undefined && !(skipRoot && i === from)) visit(node.value);
      if (i === text.length) break;
      node = node.children?.get(text.charCodeAt(backwards ? text.length - 1 - i : i));
    }
  }
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
