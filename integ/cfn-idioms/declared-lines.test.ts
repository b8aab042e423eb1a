/**
 * Findings on template files point at the line of their resource: the real `cdk-guard` binary on a
 * YAML and a JSON template of this folder, in the formats that point into source (GitHub
 * annotations `line=`, SARIF `region.startLine`, the text report's `file:line`), each line the
 * one of the resource's key under `Resources` read from the fixture's text; what the SAM transform
 * or a `Fn::ForEach` loop makes is on the line of what makes it. The JSON report keeps to its
 * contract's location keys.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const DIR = 'integ/cfn-idioms';
const TEMPLATES = [`${DIR}/roles.yaml`, `${DIR}/managed-policies.json`];

interface Finding {
  readonly ruleId: string;
  readonly location: Record<string, string>;
}

function run(...args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args, '--fail-on', 'never'], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The 1-based line of resource `key` in `file`: `  Key:` in YAML, `    "Key":` in the JSON fixtures. */
function keyLine(file: string, key: string): number {
  const pattern = file.endsWith('.json') ? `    "${key}":` : `  ${key}:`;
  const index = readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.startsWith(pattern));
  if (index < 0) throw new Error(`no resource ${key} in ${file}`);
  return index + 1;
}

/** Each finding of the JSON report as `file line ruleId`, its line read from the template. */
function expectedSites(findings: readonly Finding[]): string[] {
  return findings
    .map(
      (f) =>
        `${f.location['file'] ?? ''} ${keyLine(f.location['file'] ?? '', f.location['logicalId'] ?? '')} ${f.ruleId}`,
    )
    .sort();
}

describe('cdk-guard on template files: findings name the line of their resource', () => {
  let report: { findings: Finding[] };
  beforeAll(() => {
    report = JSON.parse(run(...TEMPLATES, '--format', 'json')) as { findings: Finding[] };
  });

  it('the templates give findings in both files (the checks below are on something)', () => {
    const files = new Set(report.findings.map((f) => f.location['file']));
    expect([...files].sort()).toEqual([...TEMPLATES].sort());
  });

  it('GitHub annotations: file=<template>,line=<line of the resource key>', () => {
    const sites = run(...TEMPLATES, '--format', 'github')
      .trim()
      .split('\n')
      .map((line) => /^::\w+ file=([^,]+),line=(\d+),title=iamgate ([^:]+)::/.exec(line)?.slice(1).join(' '));
    expect(sites.sort()).toEqual(expectedSites(report.findings));
  });

  it('SARIF: each result has the region startLine of its resource', () => {
    const sarif = JSON.parse(run(...TEMPLATES, '--format', 'sarif')) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
        }[];
      }[];
    };
    const sites = (sarif.runs[0]?.results ?? []).map((r) => {
      const where = r.locations[0]?.physicalLocation;
      return `${where?.artifactLocation.uri ?? ''} ${where?.region?.startLine ?? 'none'} ${r.ruleId}`;
    });
    expect(sites.sort()).toEqual(expectedSites(report.findings));
  });

  it('text: `file:line logicalId` for every finding', () => {
    const text = run(...TEMPLATES);
    for (const f of report.findings) {
      const file = f.location['file'] ?? '';
      const logicalId = f.location['logicalId'] ?? '';
      expect(text).toContain(`at ${file}:${keyLine(file, logicalId)} ${logicalId}`);
    }
  });

  it('the JSON report carries only the contract location keys', () => {
    const keys = new Set(report.findings.flatMap((f) => Object.keys(f.location)));
    for (const key of keys) expect(['file', 'stack', 'logicalId', 'constructPath', 'pointer']).toContain(key);
  });

  it.each([
    ['the role SAM makes for a function: the function', `${DIR}/sam-app.yaml`, 'AdminFunctionRole', 'AdminFunction'],
    [
      'a queue policy a `Fn::ForEach` loop makes: the loop',
      `${DIR}/language-extensions.yaml`,
      'OrdersPolicy',
      'Fn::ForEach::Queues',
    ],
  ])('%s', (_name, file, logicalId, declaredBy) => {
    const findings = (JSON.parse(run(file, '--format', 'json')) as { findings: Finding[] }).findings.filter(
      (f) => f.location['logicalId'] === logicalId,
    );
    expect(findings.length).toBeGreaterThan(0);
    const lines = run(file, '--format', 'github')
      .trim()
      .split('\n')
      .filter((line) => line.includes(`\`${logicalId}\``))
      .map((line) => /,line=(\d+),/.exec(line)?.[1]);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set([String(keyLine(file, declaredBy))]));
  });
});
