/**
 * Where the report goes: a reader that stops early (`tf-scan plan.json | head`) and a destination
 * that cannot take it (a full disk). The first is no error of the command (it ends as it would
 * have, quietly); the second is one line on stderr and exit 2. Neither is a stack trace.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CLIS } = require('./cases') as { CLIS: Record<string, { bin: string; args: string[] }> };

const ROOT = path.join(__dirname, '../..');

/** A policy with `count` statements that each get a finding: a report far larger than a pipe's buffer. */
function noisyPolicy(count: number): string {
  const Statement = Array.from({ length: count }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: `s3:*`,
    Resource: `arn:aws:s3:::bucket-${i}/*`,
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement });
}

interface Run {
  code: number | null;
  stderr: string;
}

/** Runs `iamgate lint` on `file`; `closeAfterFirstChunk` closes the read end of stdout once output starts. */
function lint(file: string, stdout: 'pipe' | number, closeAfterFirstChunk: boolean): Promise<Run> {
  const { bin, args } = CLIS['lint'] as { bin: string; args: string[] };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, bin), ...args, file], {
      stdio: ['ignore', stdout, 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.once('data', () => {
      if (closeAfterFirstChunk) child.stdout?.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
}

describe('the report stream', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-streams-'));
    file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, noisyPolicy(1500));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a reader that closes the pipe early ends the command quietly, with its own exit code', async () => {
    const whole = await lint(file, 'pipe', false);
    const cut = await lint(file, 'pipe', true);
    expect(whole.code).toBe(1);
    expect(cut).toEqual({ code: whole.code, stderr: '' });
  }, 60_000);

  // Linux's /dev/full refuses every write with ENOSPC (CI runs on Linux).
  it('a destination that refuses the report is one line on stderr and exit 2', async () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const run = await lint(file, fd, false);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('cannot write to standard output: no space left on the device\n');
    } finally {
      fs.closeSync(fd);
    }
  }, 60_000);

  /** Runs `iamgate lint` on `file` with `--output target`, given ten seconds at most. */
  function lintTo(target: string): Promise<Run & { signal: NodeJS.Signals | null }> {
    const { bin, args } = CLIS['lint'] as { bin: string; args: string[] };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, bin), ...args, '--output', target, file], {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 10_000,
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        resolve({ code, signal, stderr });
      });
    });
  }

  it('--output creates the folders the report file needs', async () => {
    const target = path.join(dir, 'reports', 'iam', 'lint.json');
    const run = await lintTo(target);
    expect(run.code).toBe(1);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/wildcard-action\/service-wildcard/);
  }, 60_000);

  // A folder under /proc cannot be made, and mkdir says ENOENT though /proc exists: Node 20's
  // recursive mkdir looped on that forever.
  it.each([
    [
      'a folder that cannot be made',
      '/proc/iamgate-reports/lint.json',
      'its directory does not exist and cannot be created',
    ],
    ['a path under a regular file', 'policy.json/lint.json', 'a part of its path is a file, not a directory'],
    ['a folder', '.', 'is a directory, expected a file name'],
  ])(
    '--output into %s is one line on stderr in words and exit 2, at once',
    async (_name, target, why) => {
      const where = path.isAbsolute(target) ? target : path.join(dir, target);
      const run = await lintTo(where);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${where}: cannot write the report (\`--output\`): ${why}\n`);
    },
    60_000,
  );
});
