// cdk-nag for the benchmarks, never a project dependency: installed once into a temporary folder
// outside the repository, resolved from there, and made to use the repository's aws-cdk-lib and
// constructs (symlinks, so that both the app and cdk-nag load the same module instances).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CDK_NAG_VERSION = process.env.CDK_NAG_VERSION ?? '3.0.2';
export const CDK_NAG_PREFIX = process.env.CDK_NAG_PREFIX ?? path.join(tmpdir(), 'iamgate-bench-cdknag');

/** Loads cdk-nag (installing it if needed); `attach(app)` adds AwsSolutionsChecks and records its report. */
export function loadCdkNag() {
  const modules = path.join(CDK_NAG_PREFIX, 'node_modules');
  const installed = path.join(modules, 'cdk-nag', 'package.json');
  const req = createRequire(path.join(modules, 'noop.js'));
  if (!existsSync(installed) || req('cdk-nag/package.json').version !== CDK_NAG_VERSION) {
    mkdirSync(CDK_NAG_PREFIX, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        CDK_NAG_PREFIX,
        `cdk-nag@${CDK_NAG_VERSION}`,
        '--no-save',
        '--legacy-peer-deps',
        '--no-audit',
        '--no-fund',
      ],
      { stdio: 'inherit' },
    );
  }
  for (const m of ['aws-cdk-lib', 'constructs']) {
    const link = path.join(modules, m);
    if (!existsSync(link)) symlinkSync(path.join(REPO, 'node_modules', m), link, 'dir');
  }
  const nag = req('cdk-nag');
  const cdk = createRequire(path.join(REPO, 'bench', 'noop.js'))('aws-cdk-lib');
  if (req.resolve('aws-cdk-lib') !== createRequire(path.join(REPO, 'bench', 'noop.js')).resolve('aws-cdk-lib'))
    throw new Error('cdk-nag would load another aws-cdk-lib');
  return {
    version: req('cdk-nag/package.json').version,
    attach(app) {
      const pack = new nag.AwsSolutionsChecks(app);
      const run = { report: undefined };
      // The report is recorded and success returned, so that synth neither throws nor prints it:
      // the time measured is cdk-nag's checks, not CDK's printing of thousands of violations.
      cdk.Validations.of(app).addPlugins({
        name: pack.name,
        version: pack.version,
        validate(context) {
          run.report = pack.validate(context);
          return { success: true, violations: [] };
        },
      });
      return run;
    },
  };
}

/** Findings in a cdk-nag report: one per violating resource and rule (and finding id). */
export function nagFindingCount(report, rule = /./) {
  if (!report) throw new Error('cdk-nag did not run');
  return report.violations.filter((v) => rule.test(v.ruleName)).reduce((n, v) => n + v.violatingResources.length, 0);
}

/** The findings as `{ rule, path }`, rule without the finding id (`AwsSolutions-IAM5`). */
export function nagFindings(report) {
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName.replace(/\[.*$/, ''),
      detail: v.ruleName,
      path: r.constructPath,
    })),
  );
}
