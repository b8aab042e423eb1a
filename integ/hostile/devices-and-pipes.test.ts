/**
 * Inputs that are not regular files. A device that never ends (`/dev/zero`) is refused at once,
 * as a plan, a template, a policy, a case, a configuration or a baseline, and as standard input;
 * a pipe named by a path (`tf-scan <(terraform show -json tfplan)`, `/dev/stdin`) is read as the
 * file it stands for. Linux paths: CI runs on Linux.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

describe('a device given as input is refused at once, in the same words by every command', () => {
  it.each<[string, keyof typeof BIN, string[], string]>([
    ['a plan', 'tf-scan', ['/dev/zero'], '/dev/zero'],
    ['a plan of random bytes', 'tf-scan', ['/dev/urandom'], '/dev/urandom'],
    ['a template', 'cdk-guard', ['/dev/zero'], '/dev/zero'],
    ['a policy', 'iamgate', ['lint', '/dev/zero'], '/dev/zero'],
    ['a simulation case', 'iamgate', ['simulate', '/dev/zero'], '/dev/zero'],
    ['a configuration', 'tf-scan', ['--config', '/dev/zero', PLAN], '/dev/zero'],
    ['a baseline', 'cdk-guard', ['--baseline', '/dev/urandom', TEMPLATE], '/dev/urandom'],
  ])(
    '%s (%s %s)',
    async (_name, cli, args, file) => {
      const result = await run(cli, args);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`${file}: is a device, expected a file\n`);
    },
    30_000,
  );

  it.each<[keyof typeof BIN, string[]]>([
    ['tf-scan', ['-']],
    ['cdk-guard', ['-']],
    ['iamgate', ['lint', '-']],
    ['iamgate', ['simulate', '-']],
  ])(
    'standard input redirected from /dev/zero (%s %s)',
    async (cli, args) => {
      const fd = fs.openSync('/dev/zero', 'r');
      try {
        const result = await run(cli, args, fd);
        expect(result.signal).toBeNull();
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('<stdin>: is a device, expected a file\n');
      } finally {
        fs.closeSync(fd);
      }
    },
    30_000,
  );
});

describe('/dev/null and an empty standard input read as an empty file does, naming it', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-empty-'));
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // What each command expects, after `is empty, expected `.
  it.each<[keyof typeof BIN, string[], string]>([
    ['tf-scan', [], 'the output of `terraform show -json`'],
    ['cdk-guard', [], 'a CloudFormation template'],
    ['iamgate', ['lint'], 'a policy document'],
    ['iamgate', ['simulate'], 'a request case (a JSON object)'],
    ['iamgate', ['simulate', '--batch'], 'one request case (a JSON object) a line'],
  ])(
    '%s %s: an empty file, /dev/null and `- < /dev/null` say the same',
    async (cli, args, expected) => {
      const file = path.join(dir, 'empty.json');
      const fromFile = await run(cli, [...args, file]);
      expect(fromFile.code).toBe(2);
      expect(fromFile.stderr).toBe(`${file}: is empty, expected ${expected}\n`);
      const fromNull = await run(cli, [...args, '/dev/null']);
      expect(fromNull.code).toBe(2);
      expect(fromNull.stderr).toBe(`/dev/null: is empty, expected ${expected}\n`);
      const fd = fs.openSync('/dev/null', 'r');
      try {
        const fromStdin = await run(cli, [...args, '-'], fd);
        expect(fromStdin.code).toBe(2);
        expect(fromStdin.stderr).toBe(`<stdin>: is empty, expected ${expected}\n`);
      } finally {
        fs.closeSync(fd);
      }
    },
    60_000,
  );
});

describe('a directory where a file is expected is said so in the same words', () => {
  it.each<[string, keyof typeof BIN, string[]]>([
    ['a plan', 'tf-scan', ['integ/hostile']],
    ['a simulation case', 'iamgate', ['simulate', 'integ/hostile']],
    ['a configuration', 'cdk-guard', ['--config', 'integ/hostile', TEMPLATE]],
    ['a baseline', 'iamgate', ['lint', '--baseline', 'integ/hostile', 'examples/policies']],
  ])(
    '%s (%s %s)',
    async (_name, cli, args) => {
      const result = await run(cli, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('integ/hostile: is a directory, expected a file\n');
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
