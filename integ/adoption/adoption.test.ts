/**
 * What a team adopting iamgate touches first: the GitHub Action, the example workflows, the
 * pre-commit hooks, and the examples, which must fail and then pass through the real binaries
 * (built by `npm test`), as the getting-started guides tell.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '../..');
const BINS = {
  'tf-scan': path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js'),
  'cdk-guard': path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js'),
} as const;

type Yaml = Record<string, unknown>;
interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

function readYaml(file: string): Yaml {
  return parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), { strict: true, uniqueKeys: true }) as Yaml;
}

function run(
  bin: keyof typeof BINS,
  args: readonly string[],
  cwd: string,
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BINS[bin], ...args, '--format', 'json'], {
    cwd: path.join(ROOT, cwd),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ruleIds(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[] };
  return report.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.ruleId)
    .sort();
}

describe('the GitHub Action', () => {
  const action = readYaml('action.yml');
  const runs = action['runs'] as { using: string; steps: Step[] };
  const scripts = runs.steps.map((s) => s.run ?? '').join('\n');

  test.each([
    ['is a composite action', () => runs.using, 'composite'],
    ['sets up Node.js', () => runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@')), true],
    [
      'uploads SARIF to code scanning',
      () => runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')),
      true,
    ],
    ['annotates with --format github', () => scripts.includes('--format github'), true],
    ['writes a Markdown job summary', () => /--format markdown >> "\$GITHUB_STEP_SUMMARY"/.test(scripts), true],
    ['writes SARIF to a file', () => scripts.includes('--format sarif --output'), true],
    [
      'requires the tool and the targets',
      () =>
        Object.entries(action['inputs'] as Record<string, { required?: boolean }>)
          .filter(([, i]) => i.required)
          .map(([k]) => k),
      ['tool', 'targets'],
    ],
    // Inputs reach the shell through the environment, never spliced into the script.
    ['never interpolates inputs into a script', () => /\$\{\{\s*inputs\./.test(scripts), false],
  ])('%s', (_name, probe, expected) => {
    expect(probe()).toEqual(expected);
  });

  test.each(['tf-scan', 'cdk-guard', 'lint'])('knows the tool `%s`', (tool) => {
    expect(scripts).toMatch(new RegExp(`^\\s+${tool}\\) bin=`, 'm'));
  });
});

describe.each([
  ['docs/workflows/terraform.yml', 'tf-scan', 'plan.json'],
  ['docs/workflows/cdk.yml', 'cdk-guard', 'cdk.out'],
])('the example workflow %s', (file, tool, targets) => {
  const workflow = readYaml(file);
  const steps = Object.values(workflow['jobs'] as Record<string, { steps: Step[] }>).flatMap((j) => j.steps);
  const gate = steps.find((s) => s.uses?.startsWith('iamgate/iamgate@'));

  test('runs on pull requests with the permission to upload SARIF', () => {
    expect(workflow['on']).toHaveProperty('pull_request');
    expect(workflow['permissions']).toMatchObject({ 'security-events': 'write' });
  });

  test('uses the action with the inputs it requires', () => {
    expect(gate?.with).toMatchObject({ tool, targets });
  });
});

describe('the pre-commit hooks', () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  test.each([
    ['iamgate-lint', 'iamgate lint'],
    ['tf-scan-hcl', 'tf-scan --hcl'],
  ])('hook %s runs `%s`', (id, command) => {
    const hook = hooks.find((h) => h['id'] === id);
    expect(hook).toMatchObject({ language: 'system' });
    expect(String(hook?.['entry'])).toContain(command);
    expect(() => new RegExp(String(hook?.['files']))).not.toThrow();
  });
});

describe('the examples fail, then pass once fixed', () => {
  test.each([
    [
      'Terraform plan',
      'tf-scan',
      'examples/terraform',
      'plan.json',
      1,
      ['boundary/missing-required', 'privilege-escalation/pass-role-wildcard'],
    ],
    ['Terraform plan, fixed', 'tf-scan', 'examples/terraform', 'plan-fixed.json', 0, []],
    [
      'CloudFormation template',
      'cdk-guard',
      'examples/cloudformation',
      'template.yaml',
      1,
      ['boundary/missing-required', 'privilege-escalation/pass-role-wildcard'],
    ],
    ['CloudFormation template, fixed', 'cdk-guard', 'examples/cloudformation', 'template-fixed.yaml', 0, []],
  ] as const)('%s', (_name, bin, cwd, file, code, errors) => {
    const result = run(bin, [file], cwd);
    expect(result.stderr).toBe('');
    // Other rules may join in as the rule set grows; these are the story the guides tell.
    const found = ruleIds(result.stdout);
    expect(found).toEqual(expect.arrayContaining([...errors]));
    if (errors.length === 0) expect(found).toEqual([]);
    expect(result.code).toBe(code);
  });

  describe('CDK app', () => {
    const app = path.join(ROOT, 'examples/cdk-app');
    beforeAll(() => {
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
    }, 120_000);

    test.each([
      [
        'as written: the Aspect records errors and cdk-guard fails',
        undefined,
        1,
        ['boundary/missing-required', 'privilege-escalation/pass-role-wildcard'],
      ],
      ['with -c fixed=true: no error', { fixed: 'true' }, 0, []],
    ])(
      '%s',
      (_name, context, code, expected) => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-cdk-example-'));
        const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: out };
        if (context) env['CDK_CONTEXT_JSON'] = JSON.stringify(context);
        const synth = spawnSync(process.execPath, [path.join(app, 'dist/app.js')], { cwd: app, encoding: 'utf8', env });
        expect(synth.status).toBe(0);
        // What the CDK CLI turns into a failed `cdk synth`: error annotations from the Aspect.
        const metadata = fs
          .readdirSync(out)
          .filter((f) => f.endsWith('.json'))
          .map((f) => fs.readFileSync(path.join(out, f), 'utf8'))
          .join('\n');
        const annotated = [...metadata.matchAll(/"type": "aws:cdk:error",\s*"data": "\[([^\]]+)\]/g)].map((m) => m[1]);
        expect(annotated).toEqual(expect.arrayContaining(expected));
        if (code === 0) expect(annotated).toEqual([]);
        const scan = spawnSync(process.execPath, [BINS['cdk-guard'], out, '--format', 'json'], {
          cwd: app,
          encoding: 'utf8',
        });
        expect(ruleIds(scan.stdout)).toEqual(expect.arrayContaining(expected));
        if (code === 0) expect(ruleIds(scan.stdout)).toEqual([]);
        expect(scan.status).toBe(code);
      },
      120_000,
    );
  });
});
