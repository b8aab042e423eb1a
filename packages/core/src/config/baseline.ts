/**
 * Baselines: the fingerprints of findings a team accepted when adopting iamgate. Findings whose
 * fingerprint is in the baseline are suppressed; new ones count.
 */
import type { Finding, GuardResult } from '../analysis/finding';
import type { Result } from '../model/policy';
import type { ConfigIssue } from './types';

/** A loaded baseline. */
export interface Baseline {
  readonly fingerprints: ReadonlySet<string>;
  /** Where it was read from, shown in suppressions. */
  readonly source: string;
}

/** The baseline file format. */
export interface BaselineFile {
  readonly version: 1;
  readonly tool: 'iamgate';
  readonly findings: readonly { readonly fingerprint: string; readonly ruleId: string; readonly principal?: string }[];
}

/** The baseline that accepts every current finding (unsuppressed and baselined ones). */
export function createBaseline(result: GuardResult): BaselineFile {
  const accepted: Finding[] = [
    ...result.findings,
    ...result.suppressed.filter((f) => f.suppression.source.startsWith('baseline:')),
  ];
  const byFingerprint = new Map(accepted.map((f) => [f.fingerprint, f]));
  const findings = [...byFingerprint.values()]
    .map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      ...(f.principal !== undefined ? { principal: f.principal } : {}),
    }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  return { version: 1, tool: 'iamgate', findings };
}

/**
 * Reads a baseline file's content (already decoded from JSON): a baseline `--write-baseline`
 * wrote, or an iamgate JSON report (`--format json`), whose findings are accepted as a baseline
 * would be, with those it already suppressed through a baseline.
 */
export function parseBaseline(value: unknown, source: string): Result<Baseline, ConfigIssue> {
  const fail = (pointer: string, message: string): Result<Baseline, ConfigIssue> => ({
    ok: false,
    issues: [{ pointer, message }],
  });
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail('', 'a baseline must be a JSON object');
  const record = value as Record<string, unknown>;
  if (record['version'] === undefined)
    return fail('/version', 'missing `version`: not an iamgate baseline (`--write-baseline FILE` writes one)');
  if (record['version'] !== 1)
    return fail(
      '/version',
      `unsupported baseline version \`${JSON.stringify(record['version']) ?? ''}\` (expected \`1\`)`,
    );
  const findings = record['findings'];
  if (!Array.isArray(findings)) return fail('/findings', 'expected an array');
  const fingerprints = new Set<string>();
  const lists: [string, readonly unknown[]][] = [['/findings', findings]];
  const suppressed = record['suppressed'];
  if (isReport(record) && Array.isArray(suppressed)) lists.push(['/suppressed', suppressed]);
  for (const [at, list] of lists) {
    for (const [i, entry] of list.entries()) {
      const fields = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
      // A report's findings suppressed by the configuration stay the configuration's to suppress.
      if (at === '/suppressed' && !fromBaseline(fields['suppression'])) continue;
      const fingerprint = fields['fingerprint'];
      if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint))
        return fail(`${at}/${String(i)}/fingerprint`, 'expected a sha-256 fingerprint');
      fingerprints.add(fingerprint);
    }
  }
  return { ok: true, value: { fingerprints, source }, issues: [] };
}

/** Whether a baseline file is an iamgate JSON report (its `tool` an object, where a baseline has `"iamgate"`). */
function isReport(record: Readonly<Record<string, unknown>>): boolean {
  const tool = record['tool'];
  return tool !== null && typeof tool === 'object' && (tool as Record<string, unknown>)['name'] === 'iamgate';
}

function fromBaseline(suppression: unknown): boolean {
  const source =
    suppression !== null && typeof suppression === 'object'
      ? (suppression as Record<string, unknown>)['source']
      : undefined;
  return typeof source === 'string' && source.startsWith('baseline:');
}
