/**
 * Command lines a user gets slightly wrong: a report written over the file it reports on, an
 * option's value misspelt, a batch with no case. Each is one line on stderr and exit 2, said
 * before anything is read or written, never a silent pass or a lost input. The real binaries,
 * as a user runs them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = {
  iamgate: 'packages/core/bin/iamgate.js',
  'tf-scan': 'packages/tf-scan/bin/tf-scan.js',
  'cdk-guard': 'packages/cdk-guard/bin/cdk-guard.js',
};
const PLAN = path.join(ROOT, 'integ/tf-scan/plans/policy-update.json');
const TEMPLATE = path.join(ROOT, 'examples/cloudformation/template.yaml');
const POLICY = path.join(ROOT, 'examples/policies/admin.json');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-usage-'));
  fs.copyFileSync(PLAN, path.join(dir, 'plan.json'));
  fs.copyFileSync(TEMPLATE, path.join(dir, 'template.yaml'));
  fs.copyFileSync(POLICY, path.join(dir, 'policy.json'));
  fs.writeFileSync(path.join(dir, 'iamgate.config.json'), '{"extends": "recommended"}\n');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(cli: keyof typeof BIN, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, BIN[cli]), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const INPUT_OF: Record<keyof typeof BIN, string[]> = {
  'tf-scan': ['plan.json'],
  'cdk-guard': ['template.yaml'],
  iamgate: ['lint', 'policy.json'],
};
const NAME_OF: Record<keyof typeof BIN, string> = {
  'tf-scan': 'tf-scan',
  'cdk-guard': 'cdk-guard',
  iamgate: 'iamgate lint',
};

describe('a report or baseline written over a file the run reads is refused before anything is read', () => {
  it.each<[string, keyof typeof BIN, (input: string) => string[], string]>([
    ['--output naming the input', 'tf-scan', (input) => ['--output', input], 'the input `plan.json` with the report'],
    [
      '--output naming the input by another path',
      'cdk-guard',
      () => ['--output', './sub/../template.yaml'],
      'the input `template.yaml` with the report',
    ],
    [
      '--output (json) naming the input',
      'iamgate',
      (input) => ['--format', 'json', '--output', input],
      'the input `policy.json` with the report',
    ],
    [
      '--write-baseline naming the input',
      'tf-scan',
      (input) => ['--write-baseline', input],
      'the input `plan.json` with the baseline',
    ],
    [
      '--output naming the --config file',
      'cdk-guard',
      () => ['--config', 'iamgate.config.json', '--output', 'iamgate.config.json'],
      'the `--config` file `iamgate.config.json` with the report',
    ],
  ])('%s (%s)', (_name, cli, extra, what) => {
    fs.mkdirSync(path.join(dir, 'sub'));
    const args = INPUT_OF[cli];
    const input = args[args.length - 1] as string;
    const before = fs.readFileSync(path.join(dir, input));
    const options = extra(input);
    const result = run(cli, [...args, ...options]);
    expect(result.code).toBe(2);
    const written = options[options.length - 1] as string;
    const option = options[options.length - 2] as string;
    expect(result.stderr).toBe(
      `${NAME_OF[cli]}: \`${option} ${written}\` would overwrite ${what}: write it to another file\n`,
    );
    expect(fs.readFileSync(path.join(dir, input))).toEqual(before);
  });

  it('a symbolic link or a hard link to the input is the input', () => {
    fs.symlinkSync('policy.json', path.join(dir, 'soft.json'));
    fs.linkSync(path.join(dir, 'policy.json'), path.join(dir, 'hard.json'));
    for (const link of ['soft.json', 'hard.json']) {
      const result = run('iamgate', ['lint', 'policy.json', '--output', link]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/would overwrite the input `policy\.json`/);
    }
  });

  it('the configuration found upward is an input too', () => {
    const result = run('iamgate', ['lint', 'policy.json', '--write-baseline', 'iamgate.config.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `iamgate lint: \`--write-baseline iamgate.config.json\` would overwrite the configuration \`${path.join(dir, 'iamgate.config.json')}\` with the baseline: write it to another file\n`,
    );
    expect(fs.readFileSync(path.join(dir, 'iamgate.config.json'), 'utf8')).toBe('{"extends": "recommended"}\n');
  });

  it('--output and --write-baseline naming one file are refused', () => {
    const result = run('tf-scan', ['plan.json', '--output', 'out.json', '--write-baseline', './out.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tf-scan: `--output` and `--write-baseline` name the same file `out.json`: write the report and the baseline to different files\n',
    );
    expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
  });

  it('a text report over the --baseline file is refused; the baseline refreshed, or a JSON report over it, is not', () => {
    expect(run('iamgate', ['lint', 'policy.json', '--write-baseline', 'baseline.json']).code).toBe(0);
    const text = run('iamgate', ['lint', 'policy.json', '--baseline', 'baseline.json', '--output', 'baseline.json']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/would overwrite the `--baseline` file `baseline\.json` with the report/);
    // Both are what the baseline reads: refreshing it in place is how a team keeps it current.
    const refreshed = run('iamgate', [
      'lint',
      'policy.json',
      '--baseline',
      'baseline.json',
      '--write-baseline',
      'baseline.json',
    ]);
    expect(refreshed.code).toBe(0);
    const report = run('iamgate', [
      'lint',
      'policy.json',
      '--baseline',
      'baseline.json',
      '--format',
      'json',
      '--output',
      'baseline.json',
    ]);
    expect(report.code).toBe(0);
    expect(run('iamgate', ['lint', 'policy.json', '--baseline', 'baseline.json']).code).toBe(0);
  });
});

describe('a misspelt value of an enum option gets a did-you-mean', () => {
  it.each<[string, keyof typeof BIN, string[], string]>([
    [
      '--type scps',
      'iamgate',
      ['lint', 'policy.json', '--type', 'scps'],
      'iamgate lint: unknown --type `scps` (did you mean `scp`?)',
    ],
    [
      '--type Trust',
      'iamgate',
      ['lint', 'policy.json', '--type=Trust'],
      'iamgate lint: unknown --type `Trust` (did you mean `trust`?)',
    ],
    [
      '--type nonsense',
      'iamgate',
      ['lint', 'policy.json', '--type', 'nonsense'],
      'iamgate lint: unknown --type `nonsense` (expected identity, resource, trust, boundary, scp, rcp)',
    ],
    [
      '--format jsno',
      'tf-scan',
      ['plan.json', '--format', 'jsno'],
      'tf-scan: unknown format `jsno` (did you mean `json`?)',
    ],
    [
      '--fail-on warn',
      'cdk-guard',
      ['template.yaml', '--fail-on', 'warn'],
      'cdk-guard: unknown --fail-on `warn` (did you mean `warning`?)',
    ],
  ])('%s (%s)', (_name, cli, args, message) => {
    const result = run(cli, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
  });
});

describe('a simulate batch with no case is an input error', () => {
  it.each([
    ['an empty file', ''],
    ['blank lines only', '\n  \n\r\n'],
  ])('%s', (_name, content) => {
    fs.writeFileSync(path.join(dir, 'cases.jsonl'), content);
    const result = run('iamgate', ['simulate', '--batch', 'cases.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('cases.jsonl: is empty, expected one request case (a JSON object) a line\n');
  });
});

describe('`-` as a file to write is standard output', () => {
  it.each<[keyof typeof BIN]>([['tf-scan'], ['cdk-guard'], ['iamgate']])(
    '%s --output - writes the report to standard output, not to a file named `-`',
    (cli) => {
      const toStdout = run(cli, [...INPUT_OF[cli], '--format', 'json']);
      const dash = run(cli, [...INPUT_OF[cli], '--format', 'json', '--output', '-']);
      expect(dash.code).toBe(toStdout.code);
      expect(dash.stderr).toBe(toStdout.stderr);
      expect(JSON.parse(dash.stdout)).toEqual(JSON.parse(toStdout.stdout));
      expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
    },
  );

  it('--write-baseline - is refused: standard output holds the report', () => {
    const result = run('tf-scan', ['plan.json', '--write-baseline', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tf-scan: --write-baseline writes a file, not standard output (`-`), where the report goes: name a file\n',
    );
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
  });
});

describe('a misspelt simulate option gets a did-you-mean', () => {
  it.each([
    ['--bacth', 'iamgate simulate: unknown option `--bacth` (did you mean `--batch`?)'],
    ['--trcae', 'iamgate simulate: unknown option `--trcae` (did you mean `--trace`?)'],
    [
      '--batch=cases.jsonl',
      'iamgate simulate: option `--batch` takes no value (`iamgate simulate --help` shows the usage)',
    ],
    ['--xyzzy', 'iamgate simulate: unknown option `--xyzzy` (`iamgate simulate --help` shows the usage)'],
  ])('%s', (option, message) => {
    fs.writeFileSync(path.join(dir, 'cases.jsonl'), '');
    const result = run('iamgate', ['simulate', option, 'cases.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
  });
});

describe('standard input named twice is refused in the same words by every command', () => {
  it.each<[keyof typeof BIN, string[], string]>([
    ['tf-scan', ['-', '-'], 'plan.json'],
    ['cdk-guard', ['-', '-'], 'template.yaml'],
    ['iamgate', ['lint', '-', '-'], 'policy.json'],
  ])('%s %s', (cli, args, input) => {
    const result = spawnSync(process.execPath, [path.join(ROOT, BIN[cli]), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      input: fs.readFileSync(path.join(dir, input)),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${NAME_OF[cli]}: standard input (\`-\`) can be read only once\n`);
  });
});

describe('an option that would change nothing in the combination given is refused, not ignored', () => {
  const CASE = JSON.stringify({
    request: { principal: 'arn:aws:iam::111122223333:role/app', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
  });
  it.each([
    ['--trace before the file', ['simulate', '--trace', 'one.json']],
    ['--trace after the file', ['simulate', 'one.json', '--trace']],
  ])('simulate %s without --batch', (_name, args) => {
    fs.writeFileSync(path.join(dir, 'one.json'), CASE);
    const result = run('iamgate', args);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iamgate simulate: `--trace` applies to `--batch` only: a single case always prints its decision trace\n',
    });
  });

  it('simulate --batch --trace still gives each line its trace', () => {
    fs.writeFileSync(path.join(dir, 'cases.jsonl'), `${CASE}\n`);
    const result = run('iamgate', ['simulate', '--batch', '--trace', 'cases.jsonl']);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout) as { decision: string; trace?: unknown };
    expect(line.decision).toBe('Allowed');
    expect(line.trace).toBeDefined();
  });
});

describe('a file named with a trailing slash is read as the file, alike in every command', () => {
  it.each<[keyof typeof BIN, string[]]>([
    ['tf-scan', ['plan.json']],
    ['cdk-guard', ['template.yaml']],
    ['iamgate', ['lint', 'policy.json']],
    ['iamgate', ['simulate', 'one.json']],
    ['iamgate', ['lint', 'policy.json', '--config', 'iamgate.config.json']],
  ])('%s %s', (cli, args) => {
    fs.writeFileSync(
      path.join(dir, 'one.json'),
      JSON.stringify({
        request: {
          principal: 'arn:aws:iam::111122223333:role/app',
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::b/k',
        },
        identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
      }),
    );
    const plain = run(cli, args);
    const slashed = run(cli, [...args.slice(0, -1), `${args[args.length - 1] as string}/`]);
    expect(plain.stderr).toBe('');
    // Was `cannot read: a part of its path is a file, not a directory` from simulate alone.
    expect({ code: slashed.code, stderr: slashed.stderr }).toEqual({ code: plain.code, stderr: '' });
  });
});

describe('colors on a terminal follow NO_COLOR as no-color.org defines it', () => {
  // A terminal is needed: `script` gives the command one (util-linux, present where the tests run).
  const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
  const onTerminal = (env: Record<string, string>): string => {
    if (SCRIPT === undefined) throw new Error('no `script` to run the command on a terminal');
    const command = `${process.execPath} ${path.join(ROOT, BIN.iamgate)} lint policy.json`;
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NO_COLOR'));
    return spawnSync(SCRIPT, ['-qc', command, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...base, ...env },
    }).stdout;
  };
  it.each<[string, Record<string, string>, boolean]>([
    ['NO_COLOR unset', {}, true],
    ['NO_COLOR empty, as if unset (was no colors)', { NO_COLOR: '' }, true],
    ['NO_COLOR=1', { NO_COLOR: '1' }, false],
  ])('%s', (_name, env, colored) => {
    const out = onTerminal(env);
    expect(out).toMatch(/admin-access\/full-access/);
    expect(out.includes('\u001b[')).toBe(colored);
  });
});

describe('`-` as a --var-file is refused, and /dev/stdin reads the values from standard input', () => {
  const CONFIG =
    'variable "env" {\n  type = string\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::${var.env}/*" }] })\n}\n';
  // Through a shell pipe, as a user gives it: the pipes Node spawns with are sockets, which
  // `/dev/stdin` cannot open.
  const scan = (file: string): { code: number | null; stdout: string; stderr: string } => {
    const command = [process.execPath, path.join(ROOT, BIN['tf-scan']), '--hcl', 'infra', '--var-file', file]
      .concat(['--format', 'json', '--fail-on', 'never'])
      .map((arg) => `'${arg}'`)
      .join(' ');
    const result = spawnSync('/bin/sh', ['-c', `printf 'env = "prod"\\n' | ${command}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  it('`-` (was `-: no such variables file`)', () => {
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), CONFIG);
    expect(scan('-')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tf-scan: `--var-file` reads a file, not standard input (`-`): name `/dev/stdin` to read the values from standard input\n',
    });
  });
  it('/dev/stdin', () => {
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), CONFIG);
    fs.writeFileSync(path.join(dir, 'prod.tfvars'), 'env = "prod"\n');
    const fromFile = scan('prod.tfvars');
    const fromStdin = scan('/dev/stdin');
    expect(fromStdin.stderr).toBe('');
    expect(fromStdin).toEqual(fromFile);
    expect(fromStdin.code).toBe(0);
  });
});
