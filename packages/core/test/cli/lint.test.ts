/** `iamgate lint` as a user runs it: the built binary, on files in a temporary directory. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { STARTER_RULES, only } from '../engine/helpers';

const BIN = join(__dirname, '..', '..', 'bin', 'iamgate.js');
const DIST = join(__dirname, '..', '..', 'dist', 'cli', 'lint.js');

const CLEAN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};
const PASS_ROLE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };
const LAMBDA_WILDCARD = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:app' }],
};
const PUBLIC_BUCKET_YAML =
  'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Principal: "*"\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::site/*\n';

let dir: string;

function run(
  args: string[],
  env: Record<string, string> = {},
  input?: string | Buffer,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
    ...(input === undefined ? {} : { input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: unknown): void {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error('build the core first: npx tsc -b packages/core');
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamgate-lint-'));
  write('clean.json', CLEAN);
  write('pass-role.json', PASS_ROLE);
  write('lambda.json', LAMBDA_WILDCARD);
  write('public.yaml', PUBLIC_BUCKET_YAML);
  // Exit codes here are about the starter rules; rules added later must not change them.
  write('iamgate.config.json', only());
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exit codes', () => {
  it.each([
    ['0 for a least-privilege policy', ['clean.json'], 0],
    ['1 for an error finding', ['pass-role.json'], 1],
    ['0 for a warning under the default --fail-on error', ['lambda.json'], 0],
    ['1 for a warning with --fail-on warning', ['lambda.json', '--fail-on', 'warning'], 1],
    ['0 for an error with --fail-on never', ['pass-role.json', '--fail-on=never'], 0],
    ['1 for a public bucket policy in YAML (type guessed)', ['public.yaml'], 1],
    ['1 for a directory holding a risky policy', ['.'], 1],
    ['2 for a missing file', ['missing.json'], 2],
    ['2 for an unknown option', ['clean.json', '--colour'], 2],
    ['2 for an unknown format', ['clean.json', '--format', 'xml'], 2],
    ['2 for an unknown --type', ['clean.json', '--type', 'bucket'], 2],
    ['2 without files', [], 2],
  ])('%s', (_name, args, status) => {
    expect(run(['lint', ...args]).status).toBe(status);
  });

  it('2 with one line naming the file for a file that is not JSON, and no stack trace', () => {
    write('broken.json', '{"Version": "2012-10-17", "Statement": [');
    const { status, stderr } = run(['lint', 'broken.json']);
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^broken\.json: invalid JSON/);
    expect(stderr).not.toContain('    at ');
  });

  it.each([
    [
      'a Terraform plan',
      'plan.json',
      { format_version: '1.2', terraform_version: '1.9.5', resource_changes: [], configuration: {} },
      'plan.json: a Terraform plan or state (`terraform show -json` output), not a policy document: scan it with `tf-scan FILE`',
    ],
    [
      'a CloudFormation template in YAML',
      'template.yaml',
      'Resources:\n  Role:\n    Type: AWS::IAM::Role\n',
      'template.yaml: a CloudFormation template, not a policy document: scan it with `cdk-guard FILE`',
    ],
    [
      'a CDK cloud assembly manifest',
      'manifest.json',
      { version: '48.0.0', artifacts: { App: { type: 'aws:cloudformation:stack' } } },
      'manifest.json: a CDK cloud assembly manifest, not a policy document: scan it with `cdk-guard CDK_OUT_DIR`',
    ],
  ])('2 for %s, with the command that reads it', (_name, file, content, line) => {
    write(file, content);
    const { status, stderr } = run(['lint', file]);
    expect(status).toBe(2);
    expect(stderr.trimEnd()).toBe(line);
  });

  it.each([
    [
      'an `aws iam get-policy-version` response',
      { PolicyVersion: { Document: PASS_ROLE, VersionId: 'v3', IsDefaultVersion: true } },
      '/PolicyVersion/Document',
      '`aws iam get-policy-version`',
      '`--query PolicyVersion.Document`',
    ],
    [
      'an `aws iam get-user-policy` response',
      { UserName: 'ci', PolicyName: 'deploy', PolicyDocument: PASS_ROLE },
      '/PolicyDocument',
      '`aws iam get-user-policy`',
      '`--query PolicyDocument`',
    ],
    [
      'an `aws iam get-role` response',
      { Role: { RoleName: 'app', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
      '/Role/AssumeRolePolicyDocument',
      '`aws iam get-role`',
      '`--query Role.AssumeRolePolicyDocument`',
    ],
    [
      'a response holding the policy as JSON text (`aws s3api get-bucket-policy`)',
      { Policy: JSON.stringify(PASS_ROLE) },
      '/Policy',
      'policy as JSON text',
      '`--query Policy --output text`',
    ],
  ])(
    '2 for %s, naming where the policy is, rather than findings on the envelope',
    (_name, content, pointer, what, query) => {
      write('response.json', content);
      const { status, stdout, stderr } = run(['lint', 'response.json']);
      expect(status).toBe(2);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^response\\.json: ${pointer.replace(/\./g, '\\.')}: `));
      expect(lines[0]).toContain(what);
      expect(lines[0]).toContain(query);
      expect(stdout).not.toContain('invalid-policy');
    },
  );

  it('a policy holding a member named like a template section is still linted as a policy', () => {
    write('odd.json', { ...PASS_ROLE, Resources: {} });
    // Every rule: the unknown element is `policy-validity/invalid-policy`, not a starter rule.
    rmSync(join(dir, 'iamgate.config.json'));
    const { status, stdout } = run(['lint', 'odd.json', '--format', 'json', '--fail-on', 'never']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { findings: { message: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.message)).toEqual([
      'policy `odd.json` is invalid: unknown policy element `Resources`',
    ]);
  });

  it('a JSON file naming a member twice gets a warning at the member read, and is judged as read', () => {
    write('iamgate.config.json', {});
    write(
      'twice.json',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",\n"Action":"s3:GetObject","Action":"iam:PassRole","Resource":"*"}]}',
    );
    const { status, stdout } = run(['lint', 'twice.json', '--format', 'json']);
    expect(status).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; location: { pointer?: string } }[] })
      .findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'policy-validity/policy-warning',
        location: expect.objectContaining({ pointer: '/Statement/0/Action' }),
      }),
    );
    expect(findings.map((f) => f.ruleId)).toContain('privilege-escalation/pass-role-wildcard');
  });

  it('2 for an invalid configuration, naming the file and the key path', () => {
    write('iamgate.config.json', { rules: { 'wildcard-action/nope': 'error' } });
    const { status, stderr } = run(['lint', 'clean.json']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/iamgate\.config\.json: \/rules\/wildcard-action~1nope: unknown rule id or category/);
  });
});

describe('configuration and options', () => {
  it('finds iamgate.config.yaml in a parent directory', () => {
    rmSync(join(dir, 'iamgate.config.json'));
    // The configuration turns the rule the policy breaks off.
    write(
      'iamgate.config.yaml',
      stringify(only(STARTER_RULES.filter((id) => id !== 'privilege-escalation/pass-role-wildcard'))),
    );
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'p.json'), JSON.stringify(PASS_ROLE));
    const result = spawnSync(process.execPath, [BIN, 'lint', 'p.json'], { cwd: join(dir, 'sub'), encoding: 'utf8' });
    expect(result.status).toBe(0);
  });

  it('--type trust checks a document as a trust policy', () => {
    write('trust.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    });
    const { status, stdout } = run(['lint', 'trust.json', '--type', 'trust', '--format', 'json']);
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual([
      'resource-exposure/public-principal',
    ]);
  });

  it('--format json --output writes the report to a file', () => {
    const { status, stdout } = run(['lint', 'pass-role.json', '--format', 'json', '--output', 'out/report.json']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as {
      findings: { location: { file: string } }[];
    };
    expect(report.findings[0]?.location.file).toBe('pass-role.json');
  });

  it('a folder linted with its report and baseline written into it: the next run does not read them back', () => {
    const args = ['lint', '.', '--format', 'json', '--output', 'report.json', '--write-baseline', './baseline.json'];
    const first = run(args);
    const second = run(args);
    expect([first.status, second.status]).toEqual([0, 0]);
    // Only the baseline's own line: no input error for report.json or baseline.json.
    expect(second.stderr).toMatch(/^iamgate lint: wrote \d+ fingerprints to \.\/baseline\.json\n$/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      errors: unknown[];
      findings: { location: { file: string } }[];
    };
    expect(report.errors).toEqual([]);
    // Named alone, the report is still an input error: only the folder's listing leaves it out.
    expect(run(['lint', 'report.json']).stderr).toContain('report.json: this looks like an iamgate JSON report');
  });

  it('--write-baseline then --baseline accepts the existing findings and exits 0', () => {
    expect(run(['lint', 'pass-role.json', '--write-baseline', 'baseline.json']).status).toBe(0);
    expect(run(['lint', 'pass-role.json']).status).toBe(1);
    expect(run(['lint', 'pass-role.json', '--baseline', 'baseline.json']).status).toBe(0);
    write('pass-role-2.json', {
      Version: '2012-10-17',
      Statement: [{ Sid: 'New', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    });
    expect(run(['lint', 'pass-role.json', 'pass-role-2.json', '--baseline', 'baseline.json']).status).toBe(1);
  });

  it('a baseline written before the confused-deputy finding gave a source ARN pattern still accepts it', () => {
    write('iamgate.config.json', only(['resource-exposure/confused-deputy']));
    write('topic.json', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Ev',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 's3.amazonaws.com'] },
          Action: 'sns:Publish',
          Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts',
        },
      ],
    });
    // The fingerprints `--write-baseline` gave for these two findings before round 28 (commit e1f8c88).
    write('base.json', {
      version: 1,
      tool: 'iamgate',
      findings: [
        {
          fingerprint: '7c1419d3c811974d1aa073240f6d92e9f06ba5797da9141f1c763f2c6426318d',
          ruleId: 'resource-exposure/confused-deputy',
        },
        {
          fingerprint: 'fbe7dc21a1620e5ed6f07475e647c76550cda6ed129dde3767696f93fde26f19',
          ruleId: 'resource-exposure/confused-deputy',
        },
      ],
    });
    const report = JSON.parse(
      run(['lint', 'topic.json', '--baseline', 'base.json', '--format', 'json', '--fail-on', 'warning']).stdout,
    ) as {
      findings: { message: string }[];
      summary: { suppressed: number };
    };
    expect(report.findings).toEqual([]);
    expect(report.summary.suppressed).toBe(2);
  });

  it('--help prints the usage and the common options', () => {
    const { status, stdout } = run(['lint', '--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('usage: iamgate lint');
    expect(stdout).toContain('--fail-on');
  });

  it('--version prints the version of the report, for the command and for lint alike', () => {
    const version = (
      JSON.parse(run(['lint', 'pass-role.json', '--format', 'json']).stdout) as { tool: { version: string } }
    ).tool.version;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const argv of [['--version'], ['lint', '--version']]) {
      const { status, stdout } = run(argv);
      expect({ argv, status, stdout }).toEqual({ argv, status: 0, stdout: `${version}\n` });
    }
  });

  it('colors only on a terminal: a pipe gets plain text', () => {
    expect(run(['lint', 'pass-role.json']).stdout).not.toContain('\u001b[');
  });
});

describe('files named more than once', () => {
  it('a file named twice, or beside its folder, is linted once', () => {
    const result = run(['lint', 'pass-role.json', '.', 'pass-role.json', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { file?: string } }[] };
    expect(report.findings.filter((f) => f.location.file === 'pass-role.json').map((f) => f.ruleId)).toEqual([
      'privilege-escalation/pass-role-wildcard',
    ]);
  });
});

describe('folders', () => {
  it.each([
    ['an empty folder', [] as string[]],
    ['a folder whose policies are in a folder inside it', ['inner/pass-role.json']],
    ['a folder of other files', ['notes.txt']],
  ])('2 with one line naming it for %s, rather than "no findings"', (_name, files) => {
    mkdirSync(join(dir, 'policies', 'inner'), { recursive: true });
    for (const file of files) write(join('policies', file), PASS_ROLE);
    const { status, stdout, stderr } = run(['lint', 'policies', 'clean.json']);
    expect(status).toBe(2);
    expect(stderr).toBe('policies: holds no .json, .yaml or .yml file (folders inside it are not read: name them)\n');
    expect(stdout).not.toContain('no findings');
  });

  it('lints a folder inside another when it is named', () => {
    mkdirSync(join(dir, 'policies', 'inner'), { recursive: true });
    write(join('policies', 'inner', 'pass-role.json'), PASS_ROLE);
    expect(run(['lint', 'policies/inner']).status).toBe(1);
  });
});

describe('standard input (`-`)', () => {
  const findings = (stdout: string): [string, string | undefined][] =>
    (JSON.parse(stdout) as { findings: { ruleId: string; location: { file?: string } }[] }).findings.map((f) => [
      f.ruleId,
      f.location.file,
    ]);

  it('lints a JSON policy piped in, named <stdin>', () => {
    const result = run(['lint', '-', '--format', 'json'], {}, JSON.stringify(PASS_ROLE));
    expect(result.status).toBe(1);
    expect(findings(result.stdout)).toEqual([['privilege-escalation/pass-role-wildcard', '<stdin>']]);
  });

  it('lints a YAML policy piped in, beside files', () => {
    const result = run(['lint', 'clean.json', '-', '--format', 'json'], {}, PUBLIC_BUCKET_YAML);
    expect(result.status).toBe(1);
    expect(findings(result.stdout)).toEqual([['resource-exposure/public-principal', '<stdin>']]);
  });

  it('lints a policy piped in as UTF-16 with a byte order mark (PowerShell), as it reads such a file', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(PASS_ROLE), 'utf16le')]);
    const result = run(['lint', '-', '--format', 'json'], {}, utf16);
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toEqual([['privilege-escalation/pass-role-wildcard', '<stdin>']]);
  });

  it('refuses bytes that are not UTF-8 on standard input with their place, rather than reading replacement characters', () => {
    const latin1 = Buffer.from('{"Version":"2012-10-17","Statement":[{"Sid":"caf\xe9"}]}', 'latin1');
    const result = run(['lint', '-'], {}, latin1);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      '<stdin>: not UTF-8 text: invalid byte 0xE9 at line 1, column 49 (save the file as UTF-8)\n',
    );
  });

  it.each([
    ['empty', '', '<stdin>: is empty, expected a policy document'],
    ['given twice', JSON.stringify(CLEAN), 'iamgate lint: standard input (`-`) can be read only once'],
  ])('exits 2 when it is %s', (name, input, message) => {
    const result = run(['lint', '-', ...(name === 'given twice' ? ['-'] : [])], {}, input);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
  });
});
