/**
 * The CDK example as a user runs it: the real CDK CLI (`cdk synth`, from the `aws-cdk` package)
 * fails on the guard's errors, and succeeds once the app is fixed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const APP = join(ROOT, 'examples', 'cdk-app');
const CDK = join(ROOT, 'node_modules', '.bin', 'cdk');

function synth(...args: string[]): { status: number | null; output: string } {
  const out = mkdtempSync(join(tmpdir(), 'iamgate-cdk-cli-'));
  const run = spawnSync(CDK, ['synth', '--no-notices', '--ci', '--quiet', '-o', out, ...args], {
    cwd: APP,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('cdk synth with IamGuardAspect', () => {
  beforeAll(() => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', APP], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 120_000);

  it('fails on the violations, naming the rules and the constructs', () => {
    const { status, output } = synth();
    expect(status).not.toBe(0);
    expect(output).toContain('[boundary/missing-required]');
    expect(output).toContain('[privilege-escalation/pass-role-wildcard]');
    expect(output).toContain('OrdersApi/Handler/ServiceRole');
  }, 240_000);

  it('succeeds once the app is fixed', () => {
    const { status, output } = synth('-c', 'fixed=true');
    expect(output).not.toContain('[boundary/missing-required]');
    expect(status).toBe(0);
  }, 240_000);
});
