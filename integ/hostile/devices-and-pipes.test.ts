/**
 * Inputs that are not regular files. A device that never ends (`/dev/zero`) is refused at once,
 * as a plan, a template, a policy, a case, a configuration or a baseline, and as standard input;
 * a pipe named by a path (`tf-scan <(terraform show -json tfplan)`, `/dev/stdin`) is read as the
 * file it stands for. Linux paths: CI runs on Linux.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = {
  iamgate: 'packages/core/bin/iamgate.js',
  'tf-scan': 'packages/tf-scan/bin/tf-scan.js',
  'cdk-guard': 'packages/cdk-guard/bin/cdk-guard.js',
};
const PLAN = 'integ/tf-scan/plans/policy-update.json';
const TEMPLATE = 'examples/cloudformation/template.yaml';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI, ten seconds at most; `stdin` is a file descriptor to read from. */
function run(cli: keyof typeof BIN, args: string[], stdin?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, BIN[cli]), ...args], {
      cwd: ROOT,
      stdio: [stdin ?? 'ignore', 'pipe', 'pipe'],
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('a device given as input is refused at once', () => {
  it.each<[string, keyof typeof BIN, string[], string]>([
    ['a plan', 'tf-scan', ['/dev/zero'], '/dev/zero: is a device, expected a plan file'],
    ['a plan of random bytes', 'tf-scan', ['/dev/urandom'], '/dev/urandom: is a device, expected a plan file'],
    ['a template', 'cdk-guard', ['/dev/zero'], '/dev/zero: is a device, expected a file'],
    ['a simulation case', 'iamgate', ['simulate', '/dev/zero'], '/dev/zero: cannot read: is a device, expected a file'],
    [
      'a configuration',
      'tf-scan',
      ['--config', '/dev/zero', PLAN],
      '/dev/zero: cannot read: is a device, expected a file',
    ],
    [
      'a baseline',
      'cdk-guard',
      ['--baseline', '/dev/urandom', TEMPLATE],
      '/dev/urandom: cannot read: is a device, expected a file',
    ],
  ])(
    '%s (%s %s)',
    async (_name, cli, args, message) => {
      const result = await run(cli, args);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`${message}\n`);
    },
    30_000,
  );

  it('a policy', async () => {
    const result = await run('iamgate', ['lint', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dev\/zero: cannot read: is a device, expected a file\n$/);
  }, 30_000);

  it.each<[keyof typeof BIN, string[], string]>([
    ['tf-scan', ['-'], '<stdin>: is a device, expected a plan file'],
    ['iamgate', ['simulate', '-'], '<stdin>: cannot read: is a device, expected a file'],
  ])(
    'standard input redirected from /dev/zero (%s %s)',
    async (cli, args, message) => {
      const fd = fs.openSync('/dev/zero', 'r');
      try {
        const result = await run(cli, args, fd);
        expect(result.signal).toBeNull();
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`${message}\n`);
      } finally {
        fs.closeSync(fd);
      }
    },
    30_000,
  );
});

/** Runs a shell pipeline as CI does (`cat FILE | CLI ARGS`): the CLI's standard input is a pipe. */
function pipeline(file: string, cli: keyof typeof BIN, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, path.join(ROOT, BIN[cli]), ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('/bin/sh', ['-c', `cat '${file}' | ${quoted}`], {
      cwd: ROOT,
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('a pipe named by a path is read as the file it stands for', () => {
  // As `terraform show -json tfplan | tf-scan /dev/stdin`, or `tf-scan <(terraform show -json tfplan)`:
  // a pipe cannot be read by position, as a plan file is.
  it('tf-scan /dev/stdin reads the plan piped in', async () => {
    const direct = await run('tf-scan', [PLAN, '--format', 'json']);
    const piped = await pipeline(PLAN, 'tf-scan', ['/dev/stdin', '--format', 'json']);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(direct.code);
    // The same changes, only located in the file named.
    const changes = (stdout: string): unknown =>
      (JSON.parse(stdout, (key, value: unknown) => (key === 'file' ? undefined : value)) as { changes?: unknown })
        .changes;
    expect(changes(piped.stdout)).toEqual(changes(direct.stdout));
    expect(changes(piped.stdout)).toBeDefined();
  }, 30_000);

  it('cdk-guard /dev/stdin reads the template piped in', async () => {
    const piped = await pipeline(TEMPLATE, 'cdk-guard', ['/dev/stdin']);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(1);
    expect(piped.stdout).toMatch(/privilege-escalation\/pass-role-wildcard/);
  }, 30_000);
});
