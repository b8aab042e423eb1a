/**
 * A number past a double's range (`1e400`, read by JSON as Infinity; YAML's `.inf` and `.nan`)
 * where each command reads one. A request context or a configuration holding one is an input
 * error at its pointer; a policy holding one is an invalid policy, alike whether it comes as JSON
 * text (lint, a plan's policy string) or as an object (a template). None reads on as `Infinity`
 * or `null`. The real binaries, as a user runs them.
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
const OUT_OF_RANGE = 'number out of range: beyond 1.7976931348623157e+308, the largest a double holds';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-overflow-'));
  fs.copyFileSync(POLICY, path.join(dir, 'policy.json'));
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

/** A simulation case whose request context holds `context` as written (JSON text, not a value). */
function caseWithContext(context: string): string {
  return (
    '{"request":{"principal":"arn:aws:iam::111122223333:role/app","action":"s3:ListBucket",' +
    `"resource":"arn:aws:s3:::b","context":{"s3:max-keys":${context}}},` +
    '"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket",' +
    '"Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":100}}}]}]}'
  );
}

/** A policy allowing s3:ListBucket under `NumericLessThan` of `limit`, written as JSON text. */
const policyWithLimit = (limit: string): string =>
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",' +
  `"Condition":{"NumericLessThan":{"s3:max-keys":${limit}}}}]}`;

describe('a request context value past the range of a double is an input error at its pointer', () => {
  it.each([
    ['1e400', OUT_OF_RANGE],
    ['-1e400', 'number out of range: beyond -1.7976931348623157e+308, the smallest a double holds'],
  ])('simulate on a context of %s', (value, message) => {
    fs.writeFileSync(path.join(dir, 'case.json'), caseWithContext(value));
    expect(run('iamgate', ['simulate', 'case.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `case.json: /request/context/s3:max-keys: ${message}\n`,
    });
  });

  it('simulate --batch says it on the line of the case, and goes on with the next', () => {
    fs.writeFileSync(path.join(dir, 'cases.jsonl'), `${caseWithContext('1e400')}\n${caseWithContext('5')}\n`);
    const result = run('iamgate', ['simulate', '--batch', 'cases.jsonl']);
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { id: 'line-1', error: `/request/context/s3:max-keys: ${OUT_OF_RANGE}` },
      { id: 'line-2', decision: 'Allowed' },
    ]);
  });

  it('a context value that fits is evaluated as a number', () => {
    fs.writeFileSync(path.join(dir, 'case.json'), caseWithContext('1e300'));
    const result = run('iamgate', ['simulate', 'case.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ImplicitlyDenied\n/);
  });
});

describe('a configuration holding a number past the range of a double is refused at its pointer', () => {
  it.each([
    ['iamgate.config.json', '{"trust": {"accounts": [1e400]}}', `/trust/accounts/0: ${OUT_OF_RANGE}`],
    ['iamgate.config.yaml', 'trust:\n  accounts: [.inf]\n', `/trust/accounts/0: ${OUT_OF_RANGE}`],
    ['iamgate.config.yml', 'rules:\n  iam-user: .nan\n', '/rules/iam-user: not a number (`.nan`)'],
  ])('%s', (name, text, message) => {
    fs.writeFileSync(path.join(dir, name), text);
    // Was said as `expected string, found \`null\``: the value the file holds never showed.
    expect(run('iamgate', ['lint', 'policy.json', '--config', name])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${name}: ${message}\n`,
    });
  });
});

describe('a policy holding a number past the range of a double is an invalid policy in every command', () => {
  const invalid =
    /policy `[^`]+` is invalid: condition key `s3:max-keys` .*found a number beyond the range of a double/;

  it('iamgate lint on the JSON text (was a warning that the value is not a number, exit 0)', () => {
    fs.writeFileSync(path.join(dir, 'limit.json'), policyWithLimit('1e400'));
    const result = run('iamgate', ['lint', 'limit.json', '--format', 'json']);
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['policy-validity/invalid-policy']);
    expect(findings[0]?.message).toMatch(invalid);
  });

  it('cdk-guard on a template, and tf-scan on a plan whose policy is that text, say the same', () => {
    const document = JSON.parse(policyWithLimit('1e308')) as Record<string, unknown>;
    const template = {
      Resources: {
        Reader: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: document },
        },
      },
    };
    fs.writeFileSync(path.join(dir, 'template.json'), JSON.stringify(template).replace('1e+308', '1e400'));
    const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'integ/tf-scan/plans/policy-update.json'), 'utf8')) as {
      resource_changes: { type: string; change: { after: Record<string, unknown> } }[];
    };
    const change = plan.resource_changes.find((c) => c.type === 'aws_iam_role_policy');
    if (change === undefined) throw new Error('the plan has no aws_iam_role_policy');
    change.change.after['policy'] = policyWithLimit('1e400');
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    for (const [cli, file] of [
      ['cdk-guard', 'template.json'],
      ['tf-scan', 'plan.json'],
    ] as const) {
      const result = run(cli, [file, '--format', 'json', '--fail-on', 'never']);
      const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
      const found = findings.filter((f) => f.ruleId === 'policy-validity/invalid-policy');
      expect({ cli, messages: found.map((f) => invalid.test(f.message)) }).toEqual({ cli, messages: [true] });
    }
  });
});
