/** The real `tf-scan` binary as CI runs it, for the end-to-end tests of this folder. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The repository root: the binary runs from there, plan paths are relative to it. */
export const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');

/** A finding of the JSON report, as far as these tests read it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly principal?: string;
  readonly location: { readonly address?: string; readonly pointer?: string };
}

/** The JSON report (`--format json`), as far as these tests read it. */
export interface Report {
  readonly findings: readonly Finding[];
  readonly errors: readonly unknown[];
  readonly summary: { readonly error: number; readonly warning: number; readonly info: number };
}

/** Runs the built binary (`npx tsc -b` or `npm test` builds it) from the repository root; `stdin` is what `-` reads. */
export function runTfScan(
  args: readonly string[],
  stdin?: string,
): { status: number | null; stdout: string; stderr: string } {
  // A JSON report of a large plan (with its `changes`) outgrows spawnSync's default 1 MiB buffer.
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...(stdin === undefined ? {} : { input: stdin }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON report of the binary on `files`, never failing on findings; stderr must stay empty. */
export function jsonReport(files: readonly string[], ...args: string[]): Report & { stderr: string } {
  const { stdout, stderr } = runTfScan([...files, '--format', 'json', '--fail-on', 'never', ...args]);
  return { ...(JSON.parse(stdout) as Report), stderr };
}

/**
 * The rule ids reported on each address (`(none)` for findings without one) beside those `expected`,
 * both sorted and over the same addresses (an address expected with no finding reads `[]`).
 */
export function ruleIdsByAddress(
  findings: readonly Finding[],
  expected: Readonly<Record<string, readonly string[]>>,
): { got: Record<string, string[]>; want: Record<string, string[]> } {
  const found: Record<string, Set<string>> = {};
  for (const f of findings) (found[f.location.address ?? '(none)'] ??= new Set()).add(f.ruleId);
  const addresses = [...new Set([...Object.keys(found), ...Object.keys(expected)])];
  return {
    got: Object.fromEntries(addresses.map((a) => [a, [...(found[a] ?? [])].sort()])),
    want: Object.fromEntries(addresses.map((a) => [a, [...(expected[a] ?? [])].sort()])),
  };
}

/** Findings grouped by the address they are reported on. */
export function byAddress(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const address = f.location.address ?? '(no address)';
    out.set(address, [...(out.get(address) ?? []), f]);
  }
  return out;
}
