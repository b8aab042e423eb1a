/**
 * Files a user names that are odd but real: names with a newline, a space or accents, names too
 * long for the file system, an empty configuration or baseline, a folder nobody may list. Each
 * error is still one line naming the file, with exit 2. The real binaries, as a user runs them.
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
const POLICY = path.join(ROOT, 'examples/policies/admin.json');

/** Root reads whatever a file's mode says: the unreadable cases run as `nobody` through runuser. */
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-odd-'));
  fs.chmodSync(dir, 0o755);
  fs.copyFileSync(POLICY, path.join(dir, 'policy.json'));
});
afterEach(() => {
  // A folder locked by a test is opened again so that it can be removed (a link is left as it is).
  for (const name of fs.readdirSync(dir))
    if (fs.lstatSync(path.join(dir, name)).isDirectory()) fs.chmodSync(path.join(dir, name), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(
  cli: keyof typeof BIN,
  args: readonly string[],
  asNobody = false,
): { code: number | null; stdout: string; stderr: string } {
  const argv = [path.join(ROOT, BIN[cli]), ...args];
  const [command, commandArgs] =
    asNobody && isRoot && RUNUSER !== undefined
      ? [RUNUSER, ['-u', 'nobody', '--', process.execPath, ...argv]]
      : [process.execPath, argv];
  const result = spawnSync(command, commandArgs, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a file name with a newline is shown escaped, on one line', () => {
  const name = 'a\nb.json';
  it.each<[string, keyof typeof BIN, string[], string]>([
    ['a simulation case', 'iamgate', ['simulate', name], 'a\\u000ab.json: no such file or directory'],
    [
      'a configuration',
      'cdk-guard',
      ['--config', name, 'policy.json'],
      'a\\u000ab.json: no such file or directory (the `--config` file)',
    ],
    [
      'a baseline',
      'iamgate',
      ['lint', '--baseline', name, 'policy.json'],
      'a\\u000ab.json: no such file or directory (the `--baseline` file)',
    ],
  ])('%s (%s %s)', (_name, cli, args, message) => {
    const result = run(cli, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
  });

  it('the baseline written to such a name is said on one line', () => {
    const result = run('iamgate', ['lint', 'policy.json', '--write-baseline', name]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^iamgate lint: wrote \d+ fingerprints? to a\\u000ab\.json\n$/);
    expect(fs.existsSync(path.join(dir, name))).toBe(true);
  });
});

describe('a file name longer than the file system allows is one bounded line', () => {
  const long = 'x'.repeat(5000);
  it.each<[keyof typeof BIN, string[]]>([
    ['iamgate', ['simulate', long]],
    ['iamgate', ['simulate', '--batch', long]],
    ['iamgate', ['lint', long]],
    ['tf-scan', [long]],
    ['cdk-guard', [long]],
    ['iamgate', ['lint', 'policy.json', '--config', long]],
  ])('%s %s', (cli, args) => {
    const result = run(cli, args);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect((lines[0] as string).length).toBeLessThan(500);
    expect(lines[0]).toMatch(/^x{10}/);
  });
});

describe('an empty configuration or baseline is said empty, as an empty input is', () => {
  it.each<[string, string[], string]>([
    [
      'an empty JSON configuration',
      ['--config', 'empty.json'],
      'is empty, expected a configuration (a JSON or YAML object)',
    ],
    [
      'an empty YAML configuration',
      ['--config', 'empty.yaml'],
      'is empty, expected a configuration (a JSON or YAML object)',
    ],
    ['an empty baseline', ['--baseline', 'empty.json'], 'is empty, expected a baseline (`--write-baseline` output)'],
  ])('%s', (_name, options, message) => {
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '\n\n');
    const result = run('iamgate', ['lint', 'policy.json', ...options]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${options[1] as string}: ${message}\n`);
  });
});

describe('a configuration written on Windows reads as it does elsewhere', () => {
  // `rules` turns every finding of the admin policy off: a configuration misread would leave them.
  const rules =
    '"rules": {"admin-access": "off", "wildcard-action": "off", "wildcard-resource": "off", "privilege-escalation": "off", "data-exfiltration": "off", "credentials-exposure": "off"}';
  it.each<[string, string, Buffer]>([
    ['CRLF line ends (JSON)', 'c.json', Buffer.from(`{\r\n  "extends": "recommended",\r\n  ${rules}\r\n}\r\n`)],
    [
      'a UTF-8 byte order mark (JSON)',
      'c.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{${rules}}`)]),
    ],
    [
      'CRLF and a byte order mark (YAML)',
      'c.yaml',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`extends: recommended\r\n${rules.replace(/"rules": /, 'rules: ')}\r\n`),
      ]),
    ],
  ])('%s', (_name, file, bytes) => {
    fs.writeFileSync(path.join(dir, file), bytes);
    const without = run('iamgate', ['lint', 'policy.json', '--fail-on', 'info']);
    expect(without.code).toBe(1);
    const result = run('iamgate', ['lint', 'policy.json', '--fail-on', 'info', '--config', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('a folder that cannot be listed is said unreadable, not missing', () => {
  // Skipped only where it cannot be staged: as root (which reads any folder) with no runuser to drop to `nobody`.
  const staged = !isRoot || RUNUSER !== undefined;
  (staged ? it : it.skip)('iamgate lint DIR on a folder of mode 000', () => {
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.copyFileSync(POLICY, path.join(dir, 'locked', 'policy.json'));
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    const result = run('iamgate', ['lint', 'locked'], true);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('locked: cannot read: permission denied\n');
  });
});

describe('--config pointing at a file that is no configuration is one line saying what it is', () => {
  const plan = path.join(ROOT, 'integ/tf-scan/plans/policy-update.json');
  it.each<[string, string, (file: string) => string]>([
    [
      'a Terraform plan',
      'plan.json',
      (file) =>
        `${file}: this looks like a Terraform plan (\`terraform show -json\` output), not a configuration: run \`tf-scan ${file}\``,
    ],
    [
      'a policy document',
      'policy.json',
      (file) => `${file}: this looks like an IAM policy document, not a configuration: run \`iamgate lint ${file}\``,
    ],
  ])('%s', (_name, file, message) => {
    fs.copyFileSync(plan, path.join(dir, 'plan.json'));
    const result = run('iamgate', ['lint', 'policy.json', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message(file)}\n`);
  });

  it('a JSON configuration naming a key twice is refused, as YAML refuses it', () => {
    fs.writeFileSync(path.join(dir, 'twice.json'), '{"extends": "strict", "extends": "recommended"}');
    const result = run('iamgate', ['lint', 'policy.json', '--config', 'twice.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'twice.json: /extends: key `extends` given twice in one object (only the last would apply): keep one\n',
    );
  });

  it('a YAML configuration nested past the parser is `nested too deeply`, not an engine message', () => {
    const deep = ['a:', ...Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}b:`)].join('\n');
    fs.writeFileSync(path.join(dir, 'deep.yaml'), deep);
    const result = run('iamgate', ['lint', 'policy.json', '--config', 'deep.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^deep\.yaml: invalid YAML at line \d+, column \d+: nested too deeply\n$/);
  });
});

describe('a YAML template nested past the parser is `nested too deeply`, not an engine message', () => {
  it('cdk-guard template.yaml', () => {
    const deep = ['Resources:', ...Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}b:`)].join('\n');
    fs.writeFileSync(path.join(dir, 'template.yaml'), deep);
    const result = run('cdk-guard', ['template.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^template\.yaml: invalid YAML at line \d+, column \d+: nested too deeply\n$/);
  });
});

describe('a link loop or a file in the middle of a path is said in the same words by every command', () => {
  it.each<[string, string]>([
    ['loop.json', 'loop.json: cannot read: too many symbolic links (a link that points to itself?)'],
    ['policy.json/x.json', 'policy.json/x.json: cannot read: a part of its path is a file, not a directory'],
  ])('%s', (file, message) => {
    fs.symlinkSync('loop.json', path.join(dir, 'loop.json'));
    for (const [cli, args, suffix] of [
      ['iamgate', ['lint', file], ''],
      ['iamgate', ['simulate', file], ''],
      ['tf-scan', [file], ''],
      ['cdk-guard', [file], ''],
      ['iamgate', ['lint', 'policy.json', '--config', file], ' (the `--config` file)'],
      ['tf-scan', ['plan.json', '--baseline', file], ' (the `--baseline` file)'],
    ] as const) {
      const result = run(cli, args);
      expect([cli, args, result.code]).toEqual([cli, args, 2]);
      expect(result.stderr).toBe(`${message}${suffix}\n`);
    }
  });
});

describe('a --var-file that is no file is said as every input is', () => {
  it.each<[string, string]>([
    ['/dev/zero', '/dev/zero: is a device, expected a file'],
    ['loop.json', 'loop.json: cannot read: too many symbolic links (a link that points to itself?)'],
    ['empty.json', 'empty.json: is empty, expected a JSON object of variable values'],
  ])('%s', (file, message) => {
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), 'variable "name" {\n  type = string\n}\n');
    fs.symlinkSync('loop.json', path.join(dir, 'loop.json'));
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
    const result = run('tf-scan', ['--hcl', 'infra', '--var-file', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
  });
});

describe('a YAML configuration with anchors, aliases and tabs', () => {
  const TEMPLATE = path.join(ROOT, 'examples/cloudformation/template.yaml');
  /** The rule ids `cdk-guard` reports on the example template under a configuration. */
  const ruleIds = (config: string): string[] => {
    const result = run('cdk-guard', ['template.yaml', '--config', config, '--format', 'json', '--fail-on', 'never']);
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
  };

  it.each([
    [
      'a merge key (`<<: *anchor`)',
      'boundary:\n  <<: &required\n    required: true\n  allowed: ["arn:aws:iam::*:policy/b"]\n',
    ],
    [
      'an alias of a scalar',
      'boundary:\n  required: true\n  allowed: [&b "arn:aws:iam::*:policy/b"]\n' +
        'suppressions:\n  - { rule: iam-user, target: *b, reason: "the boundary itself, by alias" }\n',
    ],
  ])('%s reads as the same configuration written out', (_name, yaml) => {
    fs.copyFileSync(TEMPLATE, path.join(dir, 'template.yaml'));
    fs.writeFileSync(
      path.join(dir, 'plain.json'),
      '{"boundary": {"required": true, "allowed": ["arn:aws:iam::*:policy/b"]}}',
    );
    fs.writeFileSync(path.join(dir, 'anchored.yaml'), yaml);
    const plain = ruleIds('plain.json');
    // The configuration applies: the boundary it requires is missing from the template's roles.
    expect(plain).toContain('boundary/missing-required');
    expect(ruleIds('anchored.yaml')).toEqual(plain);
  });

  it('a merge key in a policy document stays a key (a policy has no `<<`)', () => {
    fs.writeFileSync(
      path.join(dir, 'merged.yaml'),
      'Version: "2012-10-17"\nStatement:\n  - <<: &s\n      Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n',
    );
    const result = run('iamgate', ['lint', 'merged.yaml', '--format', 'json', '--fail-on', 'never']);
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.some((f) => f.ruleId === 'policy-validity/invalid-policy' && f.message.includes('<<'))).toBe(true);
  });

  it('a tab used as indentation is a YAML error at its line, one line, exit 2', () => {
    fs.writeFileSync(path.join(dir, 'tabs.yaml'), 'extends: recommended\nrules:\n\tiam-user: off\n');
    const result = run('iamgate', ['lint', 'policy.json', '--config', 'tabs.yaml']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tabs.yaml: invalid YAML at line 3, column 1: tabs are not allowed as indentation\n',
    });
  });
});
