/**
 * `tf-scan --hcl DIR` on folders and files that cannot be read as a configuration: each is said as
 * a plan that cannot be read is (`FILE: what is wrong`, the report saying nothing was checked,
 * exit 2), never as a failure of the command (`tf-scan: \`DIR\`: ...`), and never passed over.
 * The real binary, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const TF_SCAN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const PLAN = path.join(ROOT, 'integ/tf-scan/plans/policy-update.json');
const ROLE = 'resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = "{}"\n}\n';

/** Root reads whatever a file's mode says: the unreadable case runs as `nobody` through runuser. */
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-hcl-input-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'empty'));
  fs.mkdirSync(path.join(dir, 'broken'));
  fs.writeFileSync(path.join(dir, 'broken', 'main.tf'), `${ROLE}resource "aws_iam_policy" "p" {\n`);
  fs.mkdirSync(path.join(dir, 'locked'));
  fs.writeFileSync(path.join(dir, 'locked', 'main.tf'), ROLE);
  fs.chmodSync(path.join(dir, 'locked', 'main.tf'), 0o000);
  fs.writeFileSync(path.join(dir, 'main.tf'), ROLE);
  fs.copyFileSync(PLAN, path.join(dir, 'plan.json'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: readonly string[], asNobody = false): { code: number | null; stdout: string; stderr: string } {
  const argv = [TF_SCAN, ...args];
  const [command, commandArgs] =
    asNobody && isRoot && RUNUSER !== undefined
      ? [RUNUSER, ['-u', 'nobody', '--', process.execPath, ...argv]]
      : [process.execPath, argv];
  const result = spawnSync(command, commandArgs, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a --hcl folder that cannot be read is an input error in the form every input error has', () => {
  it.each<[string, string[], string, boolean]>([
    [
      'an unparsable .tf file: its line and column',
      ['--hcl', 'broken'],
      'broken/main.tf: invalid HCL at line 5, column 31: unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
      false,
    ],
    [
      'a file named as the folder',
      ['--hcl', 'main.tf'],
      'main.tf: is a file, expected a directory of .tf (or .tf.json, .tofu, .tofu.json) files',
      false,
    ],
    ['an empty folder', ['--hcl', 'empty'], 'empty: holds no .tf, .tf.json, .tofu or .tofu.json file', false],
    ['a folder that does not exist', ['--hcl', 'nowhere'], 'nowhere: no such file or directory', false],
    ['a .tf file nobody may read', ['--hcl', 'locked'], 'locked/main.tf: cannot read: permission denied', true],
    // Beside a plan the folder is read only when the plan leaves something to it: it was passed over.
    [
      'a folder that does not exist, beside a plan',
      ['plan.json', '--hcl', 'nowhere'],
      'nowhere: no such file or directory',
      false,
    ],
    [
      'an empty folder, beside a plan',
      ['plan.json', '--hcl', 'empty'],
      'empty: holds no .tf, .tf.json, .tofu or .tofu.json file',
      false,
    ],
  ])('%s', (_name, args, line, asNobody) => {
    if (asNobody && isRoot && RUNUSER === undefined) return;
    const result = run(args, asNobody);
    expect(result).toEqual({ code: 2, stdout: '1 input error: not checked\n', stderr: `${line}\n` });
  });

  it('in a JSON report, the error is in `errors` with its file, as a plan that cannot be read is', () => {
    const result = run(['--hcl', 'empty', '--format', 'json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { errors: { file: string; message: string }[] };
    expect(report.errors).toEqual([{ file: 'empty', message: 'holds no .tf, .tf.json, .tofu or .tofu.json file' }]);
  });
});
