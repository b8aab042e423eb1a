/**
 * The harness of the CDK audits (idioms.test.ts, construct-apps.test.ts): an app synthesized once
 * with the Aspect, with what the guard reported, the assembly's annotations and where it was
 * written (for the CLI to read it again), and the report of the validation plugin as CDK runs it on an app.
 * Output folders are removed after the test file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { App, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Finding, SuppressedFinding } from '@iamgate/core';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import type { IamGuardProps } from '../../packages/cdk-guard/src/guard';
import { runCli } from './run-cli';

export interface Synthesized {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly unknown[];
  /** `[level, construct path, message]` of the assembly's annotations. */
  readonly messages: readonly [string, string, string][];
  /** Ids of the principals the guard extracted. */
  readonly principals: readonly string[];
  /** Paths of every construct of the app. */
  readonly paths: ReadonlySet<string>;
  readonly outdir: string;
  /** The configuration given to the Aspect, written beside the assembly for the CLI. */
  readonly configFile: string;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** A new output folder, removed after the test file. */
export function tempOutdir(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-audit-'));
  outdirs.push(outdir);
  return outdir;
}

/** Synthesizes the app `make` builds with the Aspect configured by `config`. */
export function synthesize(make: (props: { outdir: string }) => App, config: IamGuardProps): Synthesized {
  const outdir = tempOutdir();
  // aws-cdk-lib reports its own deprecations and validation notes on the console.
  const quiet = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'error')].map((s) =>
    s.mockImplementation(() => undefined),
  );
  let app: App;
  let aspect: IamGuardAspect;
  let assembly: CloudAssembly;
  try {
    app = make({ outdir });
    aspect = IamGuardAspect.addTo(app, config);
    assembly = app.synth();
  } finally {
    for (const s of quiet) s.mockRestore();
  }
  const report = aspect.report;
  if (report === undefined) throw new Error('the aspect did not run');
  const configFile = path.join(outdir, 'iamgate.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  return {
    findings: report.result.findings,
    suppressed: report.result.suppressed,
    errors: [...report.result.errors, ...report.input.errors],
    messages: messagesOf(assembly),
    principals: report.input.principals.map((p) => p.id),
    paths: new Set(app.node.findAll().map((c) => c.node.path)),
    outdir,
    configFile,
  };
}

/** Annotations of the stacks of an assembly and of its nested assemblies (stages). */
function messagesOf(assembly: CloudAssembly): [string, string, string][] {
  return [
    ...assembly.stacks.flatMap((s) =>
      s.messages.map((m): [string, string, string] => [
        m.level,
        m.id.replace(/^\//, ''),
        typeof m.entry.data === 'string' ? m.entry.data : '',
      ]),
    ),
    ...assembly.nestedAssemblies.flatMap((n) => messagesOf(n.nestedAssembly)),
  ];
}

/** True when `at` is the construct path (or principal id) `construct` or one below it. */
export const under = (at: string | undefined, construct: string): boolean =>
  at !== undefined && (at === construct || at.startsWith(`${construct}/`));

/** Findings on a construct or below it: by construct path, or by the principal they are about. */
export function findingsAt(findings: readonly Finding[], construct: string): Finding[] {
  return findings.filter((f) => under(f.location.constructPath, construct) || under(f.principal, construct));
}

/** `rule @ construct path`, how the audits compare findings. */
export const key = (f: Finding): string => `${f.ruleId} @ ${f.location.constructPath ?? '?'}`;

/**
 * Expects the findings `ruleIds` on the construct `constructPath` itself, each annotated on that
 * construct at its severity (how `cdk synth` shows it).
 */
export function expectAnnotatedRisk(app: Synthesized, constructPath: string, ruleIds: readonly string[]): void {
  const found = app.findings.filter((f) => f.location.constructPath === constructPath);
  expect(found.map((f) => f.ruleId)).toEqual(expect.arrayContaining([...ruleIds]));
  for (const ruleId of ruleIds) {
    const finding = found.find((f) => f.ruleId === ruleId);
    const annotation = app.messages.find(([, at, m]) => at === constructPath && m.startsWith(`[${ruleId}] `));
    expect(annotation?.[0]).toBe(finding?.severity);
  }
}

/** The report of the validation plugin on the app `make` builds, as CDK runs it during synthesis. */
export function pluginReport(make: (props: { outdir: string }) => App, config: object): PolicyValidationPluginReport {
  const app = make({ outdir: tempOutdir() });
  const plugin = new IamGuardValidation(config);
  let report: PolicyValidationPluginReport | undefined;
  // Recorded, and success returned: CDK would otherwise print the report and throw.
  const recorder: IPolicyValidationPlugin = {
    name: plugin.name,
    version: plugin.version,
    validate: (context) => {
      report = plugin.validate(context);
      return { success: true, violations: [] };
    },
  };
  Validations.of(app).addPlugins(recorder);
  const quiet = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'error')].map((s) =>
    s.mockImplementation(() => undefined),
  );
  try {
    app.synth();
  } finally {
    for (const s of quiet) s.mockRestore();
  }
  if (report === undefined) throw new Error('the plugin did not run');
  return report;
}

/** `rule @ construct path` of each violation of a plugin report. */
export const violationKeys = (report: PolicyValidationPluginReport): string[] =>
  report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath ?? '?'}`));

/** The `cdk-guard` CLI's exit code and findings on an app's assembly, with the app's configuration. */
async function cliFindings(app: Synthesized): Promise<{ code: number; findings: Finding[] }> {
  const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings };
}

/**
 * The Aspect, the validation plugin (on the app `make` builds again, with `config`) and the CLI
 * agree on an app, nothing but `expected` is reported, and each fails exactly when an error is found.
 */
export async function expectParity(
  app: Synthesized,
  make: (props: { outdir: string }) => App,
  config: object,
  expected: readonly string[],
): Promise<void> {
  expect(app.findings.map(key).sort()).toEqual([...expected].sort());
  expect(app.errors).toEqual([]);
  expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  const report = pluginReport(make, config);
  expect(violationKeys(report).sort()).toEqual([...expected].sort());
  const cli = await cliFindings(app);
  expect(cli.findings.map(key).sort()).toEqual([...expected].sort());
  const failing = app.findings.some((f) => f.severity === 'error');
  expect(report.success).toBe(!failing);
  expect(cli.code).toBe(failing ? 1 : 0);
}
