/**
 * The escalation surveys' view of a run (escalation-32, escalation-33): a built binary run as a user
 * runs it, with its JSON report, and each escalation and administrator finding as one line.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

export interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer?: string; logicalId?: string; address?: string };
  evidence?: { path?: string; alsoOpens?: string[]; assumption?: string };
}

export interface Report {
  findings: Finding[];
  errors: unknown[];
}

/** Runs `bin ARGS --format json` from the repository root: no stderr, no input error expected. */
export function run(bin: string, args: readonly string[]): { report: Report; status: number | null } {
  const result = spawnSync(process.execPath, [path.join(ROOT, bin), ...args, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  expect(report.errors).toEqual([]);
  return { report, status: result.status };
}

/** Whether a finding is an escalation or administrator finding. */
export const escalating = (f: Finding): boolean => /^(privilege-escalation|admin-access)\//.test(f.ruleId);

/** `rule [where] pointer path [alsoOpens]` of each escalation and administrator finding. */
export function escalations(report: Report): string[] {
  return report.findings
    .filter(escalating)
    .map((f) =>
      [
        f.ruleId.slice(f.ruleId.indexOf('/') + 1),
        f.location.logicalId ?? f.location.address ?? '',
        f.location.pointer ?? '',
        f.evidence?.path ?? '',
        ...(f.evidence?.alsoOpens ?? []),
      ]
        .filter((part) => part !== '')
        .join(' '),
    )
    .sort();
}
