/** The built `cdk-guard` binary run on one template of a survey folder, as a user runs it, with its JSON report. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: { readonly logicalId?: string; readonly pointer?: string };
  readonly principal?: string;
}

export interface Report {
  readonly findings: readonly Finding[];
  readonly errors: readonly { readonly file: string; readonly pointer?: string; readonly message: string }[];
}

/** Runs `cdk-guard DIR/TEMPLATE --format json ARGS` from the repository root. */
export function scanTemplate(
  dir: string,
  template: string,
  args: readonly string[] = [],
): { status: number | null; report: Report; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, path.join(dir, template), '--format', 'json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

/** Rule ids by logical id, each once. */
export function rulesByLogicalId(report: Report): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of report.findings) {
    const list = (out[f.location.logicalId ?? ''] ??= []);
    if (!list.includes(f.ruleId)) list.push(f.ruleId);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}
