/**
 * cdk-guard on the oldest aws-cdk-lib its peer dependency accepts (2.100.0, installed as
 * `aws-cdk-lib-oldest`), against the current one: the same app, synthesized in a child process
 * with the Aspect (`IamGuardAspect.addTo`, which uses `AspectPriority` where CDK has it) and with
 * the validation plugin (which CDK before 2.265 hands only the templates' paths), must give the
 * same findings on the same constructs, nested stacks and stages included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';

const APP = path.join(__dirname, 'oldest-cdk/app.js');
const USE_OLDEST = path.join(__dirname, 'oldest-cdk/use-oldest.js');
const OLDEST = JSON.parse(
  readFileSync(path.join(__dirname, '../../node_modules/aws-cdk-lib-oldest/package.json'), 'utf8'),
) as { version: string };

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

type Mode = 'aspect' | 'aspect-plain' | 'plugin';

interface Synthesized {
  readonly outdir: string;
  readonly status: number | null;
  readonly stderr: string;
  /** `rule-id construct/path`, sorted: annotations of the Aspect, or violations of the plugin. */
  readonly findings: string[];
}

const synthesized = new Map<string, Synthesized>();

/**
 * Runs the app on the current aws-cdk-lib or on the oldest (once each), and collects what the
 * guard reported; `stagesOnly` puts the app's top-level stack in a stage too.
 */
function synth(mode: Mode, oldest: boolean, stagesOnly = false): Synthesized {
  const key = `${mode} ${String(oldest)} ${String(stagesOnly)}`;
  let known = synthesized.get(key);
  if (known === undefined) synthesized.set(key, (known = synthesize(mode, oldest, stagesOnly)));
  return known;
}

function synthesize(mode: Mode, oldest: boolean, stagesOnly: boolean): Synthesized {
  if (!existsSync(path.join(__dirname, '../../packages/cdk-guard/dist/index.js')))
    throw new Error('build first: npm run build');
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-guard-oldest-'));
  outdirs.push(outdir);
  const args = [...(oldest ? ['-r', USE_OLDEST] : []), APP, mode, outdir, ...(stagesOnly ? ['stages-only'] : [])];
  const run = spawnSync(process.execPath, args, {
    encoding: 'utf8',
  });
  const findings = mode === 'plugin' ? violations(outdir) : annotations(outdir);
  return { outdir, status: run.status, stderr: run.stderr, findings: findings.sort() };
}

/** The guard's error and warning annotations in an assembly and the assemblies of its stages. */
function annotations(directory: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<
      string,
      {
        type: string;
        properties?: { directoryName?: string };
        additionalMetadataFile?: string;
        metadata?: Record<string, { type: string; data: unknown }[]>;
      }
    >;
  };
  const found: string[] = [];
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    const nested = artifact.properties?.directoryName;
    if (artifact.type === 'cdk:cloud-assembly' && nested !== undefined) {
      found.push(...annotations(path.join(directory, nested)));
      continue;
    }
    // Newer CDK writes the metadata of a stack to a file of its own.
    const extra = artifact.additionalMetadataFile;
    const metadata = {
      ...artifact.metadata,
      ...(extra === undefined
        ? {}
        : (JSON.parse(readFileSync(path.join(directory, extra), 'utf8')) as typeof artifact.metadata)),
    };
    for (const [constructPath, entries] of Object.entries(metadata))
      for (const { type, data } of entries) {
        const rule = /^\[([a-z-]+\/[a-z-]+)\]/.exec(typeof data === 'string' ? data : '')?.[1];
        if ((type === 'aws:cdk:error' || type === 'aws:cdk:warning') && rule !== undefined)
          found.push(`${rule} ${constructPath.slice(1)}`);
      }
  }
  return found;
}

/**
 * The plugin's violations in CDK's JSON validation report, at the construct path the plugin gives
 * (CDK's own `violatingConstructs` names none for a role only the IAM policy report holds).
 */
function violations(directory: string): string[] {
  const report = JSON.parse(readFileSync(path.join(directory, 'policy-validation-report.json'), 'utf8')) as {
    pluginReports: { violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[] }[];
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) => v.violatingResources.map((c) => `${v.ruleName} ${c.constructPath ?? ''}`)),
  );
}

// What the app plants (app.js), each finding on the construct that causes it.
const PLANTED = [
  'privilege-escalation/pass-role-wildcard Team/Deployer/DefaultPolicy/Resource',
  'boundary/missing-required Team/Outsider/Resource',
  'privilege-escalation/pass-role-wildcard Team/Inner/Builder/DefaultPolicy/Resource',
  'admin-access/full-access Prod/Api/Operator/DefaultPolicy/Resource',
  // A role `Role.customizeRoles` keeps out of its stage's template, read from the report at the top.
  'privilege-escalation/pass-role-wildcard Prod/Jobs/Deployer',
];

describe(`cdk-guard on aws-cdk-lib ${OLDEST.version} and on the current aws-cdk-lib`, () => {
  test('the installed oldest aws-cdk-lib is the floor of the peer dependency', () => {
    const guard = JSON.parse(readFileSync(path.join(__dirname, '../../packages/cdk-guard/package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(guard.peerDependencies['aws-cdk-lib']).toBe(`^${OLDEST.version}`);
  });

  test.each<Mode>(['aspect', 'plugin'])('%s: the same findings on the same constructs', (mode) => {
    const current = synth(mode, false);
    const oldest = synth(mode, true);
    // The plugin fails `cdk synth` (exit code 1); the Aspect's errors fail it in the CDK CLI.
    expect([oldest.status, oldest.stderr.includes('Validation plugin') ? oldest.stderr : '']).toEqual([
      current.status,
      '',
    ]);
    expect(current.findings).toEqual(expect.arrayContaining(PLANTED));
    expect(oldest.findings).toEqual(current.findings);
    // The suppression recorded by `IamGuard.suppress` holds on both.
    expect(oldest.findings).not.toContain('wildcard-action/service-wildcard Team/BreakGlass/DefaultPolicy/Resource');
    expect(oldest.findings).toContain('wildcard-resource/write-on-star Team/BreakGlass/DefaultPolicy/Resource');
  });

  test('the plugin and the Aspect report the same on the oldest', () => {
    expect(synth('plugin', true).findings).toEqual(synth('aspect', true).findings);
  });

  test('the plugin reads the IAM policy report of an app whose stacks are all in stages', () => {
    const current = synth('plugin', false, true);
    expect(current.findings).toContain('privilege-escalation/pass-role-wildcard Prod/Jobs/Deployer');
    expect(synth('plugin', true, true).findings).toEqual(current.findings);
  });

  test("cdk-guard on a stage's assembly reads the IAM policy report at the top of cdk.out", async () => {
    for (const oldest of [false, true]) {
      const { code, stdout } = await runCli([
        path.join(synth('aspect', oldest).outdir, 'assembly-Prod'),
        '--format',
        'json',
      ]);
      const report = JSON.parse(stdout) as { findings: Finding[]; errors: unknown[] };
      expect([code, report.errors]).toEqual([1, []]);
      expect(report.findings.map((f) => `${f.ruleId} ${f.location.constructPath ?? ''}`)).toContain(
        'privilege-escalation/pass-role-wildcard Prod/Jobs/Deployer',
      );
    }
  });

  test('an aspect added with `Aspects.of(app).add` works on the oldest too', () => {
    const plain = synth('aspect-plain', true);
    expect(plain.status).toBe(0);
    expect(plain.findings).toEqual(expect.arrayContaining(PLANTED.filter((f) => f.includes(' Team/'))));
  });
});
