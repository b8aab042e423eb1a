import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const dir = (name: string): string => path.join('integ/tf-scan/hcl-only', name);

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Finding {
  readonly ruleId: string;
  readonly principal?: string;
  readonly location?: { readonly file?: string; readonly address?: string };
}

// Runs the built binary: `npx tsc -b packages/core packages/tf-scan` first.
describe('tf-scan --hcl DIR without a plan, as a user runs it', () => {
  const cases: { name: string; dir: string; code: number; findings: [string, string, string][] }[] = [
    {
      name: 'a risky deploy role fails with pass-role, s3:* and the unresolved file() policy',
      dir: 'risky',
      code: 1,
      findings: [
        ['privilege-escalation/pass-role-wildcard', 'main.tf', 'aws_iam_role_policy.pass'],
        ['wildcard-action/service-wildcard', 'main.tf', 'aws_iam_policy.storage'],
        ['trust-policy/account-root', 'main.tf', 'aws_iam_role.deployer'],
        ['unverifiable/unresolved-policy', 'unresolved.tf', 'aws_iam_policy.from_file'],
      ],
    },
    { name: 'a least-privilege reader passes', dir: 'clean', code: 0, findings: [] },
    {
      name: 'iam:PassRole on a variable without a value is undecided (it may be *), a role name inside an ARN is one role',
      dir: 'inputs-without-value',
      code: 0,
      findings: [['unverifiable/unknown-value', 'main.tf', 'aws_iam_role_policy.pass']],
    },
    {
      name: 'writes and secret reads on variables given whole are undecided (they may be *), a name inside an ARN is one resource',
      dir: 'resources-without-value',
      code: 0,
      findings: [['unverifiable/unknown-value', 'main.tf', 'aws_iam_role_policy.worker']],
    },
    {
      name: 'a role built in a local module gets the admin policy its caller attaches through a module output',
      dir: 'modules',
      code: 1,
      findings: [['admin-access/full-access', 'main.tf', 'module.builder.aws_iam_role.this']],
    },
    {
      name: 'policies computed from the text (for, dynamic, count, for_each, templatefile) are checked instance by instance',
      dir: 'computed',
      code: 1,
      findings: [
        ['privilege-escalation/pass-role-wildcard', 'main.tf', 'aws_iam_role_policy.deploy[0]'],
        ['trust-policy/oidc-broad-subject', 'main.tf', 'aws_iam_role.ci'],
      ],
    },
    {
      name: 'attachments over role instances (`each.value.name`) and over a module output of policy ARNs (`each.value`, `[each.key]`) give each role the policy of its key',
      dir: 'attachments-over-instances',
      code: 1,
      findings: [['privilege-escalation/pass-role-wildcard', 'main.tf', 'module.policies.aws_iam_policy.this["ops"]']],
    },
  ];

  it.each(cases)('$name', ({ dir: name, code, findings }) => {
    const result = run(['--hcl', dir(name), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    const seen = report.findings.map((f) => [f.ruleId, path.basename(f.location?.file ?? ''), f.location?.address]);
    for (const expected of findings) expect(seen).toContainEqual(expected);
    // Nothing unresolved where the text fixes every value.
    if (name === 'computed' || name === 'attachments-over-instances')
      expect(seen.map(([ruleId]) => ruleId)).not.toContain('unverifiable/unresolved-policy');
    if (name === 'attachments-over-instances')
      expect(
        report.findings
          .filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard')
          .map((f) => f.principal)
          .sort(),
      ).toEqual(['aws_iam_role.app', 'aws_iam_role.svc["ops"]']);
    if (findings.length === 0) expect(report.findings).toEqual([]);
    for (const finding of report.findings) expect(finding.location?.file).toMatch(new RegExp(`^${dir(name)}/`));
  });

  it('resources given whole at deploy: each rule that cannot decide says so on its statement, and nothing else', () => {
    const result = run(['--hcl', dir('resources-without-value'), '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      findings: (Finding & { evidence?: { rule?: string }; location?: { pointer?: string } })[];
    };
    expect(report.findings.map((f) => [f.ruleId, f.evidence?.rule, f.location?.pointer])).toEqual([
      ['unverifiable/unknown-value', 'wildcard-resource/write-on-star', '/Statement/0/Resource'],
      ['unverifiable/unknown-value', 'data-exfiltration/unscoped-read', '/Statement/1/Resource'],
    ]);
    expect(report.findings.map((f) => (f as { message?: string }).message).join('\n')).toContain('var.api_secret_arn');
  });

  it('a CDK for Terraform stack (cdk.tf.json, JSON syntax) is scanned as its .tf twin would be', () => {
    const result = run(['--hcl', dir('json-syntax'), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    const seen = report.findings.map((f) => [f.ruleId, path.basename(f.location?.file ?? ''), f.location?.address]);
    // The deployer's statements, the one a `dynamic` block generates from the variable's default included.
    expect(seen).toEqual(
      expect.arrayContaining([
        ['privilege-escalation/pass-role-wildcard', 'cdk.tf.json', 'aws_iam_role_policy.deployer_policy_2A3B4C5D'],
        ['wildcard-action/service-wildcard', 'cdk.tf.json', 'aws_iam_role_policy.deployer_policy_2A3B4C5D'],
      ]),
    );
    // The handler reads one table, through a document whose single statement is an object.
    expect(seen.filter(([, , address]) => address?.includes('handler'))).toEqual([]);
  });

  it("AWS's default topic policy passes: its legacy `SNS:Receive` is told at info level, not as a misspelling", () => {
    const result = run(['--hcl', dir('default-topic'), '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: (Finding & { severity: string; message: string })[] };
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.location?.address])).toEqual([
      ['policy-validity/unknown-action', 'info', 'aws_sns_topic_policy.alerts'],
    ]);
    expect(report.findings[0]?.message).toMatch(/`SNS:Receive` is not an action of service `sns` and grants nothing/);
  });

  it.each([
    ['examples/terraform/plan.json', 'examples/terraform'],
    ['examples/terraform/plan-fixed.json', 'examples/terraform/fixed'],
  ])('the configuration alone finds what its plan %s finds', (planFile, configDir) => {
    const found = (args: string[]): string[] =>
      (JSON.parse(run([...args, '--format', 'json']).stdout) as { findings: Finding[] }).findings
        .map((f) => `${f.ruleId} ${f.location?.address ?? ''}`)
        .sort();
    expect(found(['--hcl', configDir])).toEqual(found([planFile]));
  });

  const errors: { name: string; args: string[]; message: RegExp }[] = [
    {
      name: 'a directory that does not exist',
      args: ['--hcl', dir('nowhere')],
      message: /nowhere: no such file or directory\n$/,
    },
    {
      name: 'a directory without .tf files',
      args: ['--hcl', 'integ/tf-scan/plans'],
      message: /holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file/,
    },
    {
      name: 'an HCL syntax error names the file and the line',
      args: ['--hcl', dir('broken')],
      message:
        /^integ\/tf-scan\/hcl-only\/broken\/main\.tf: invalid HCL at line 3, column \d+: unterminated function call/,
    },
    {
      name: 'a file instead of a directory',
      args: ['--hcl', dir('clean/main.tf')],
      message: /main\.tf: is a file, expected a directory of \.tf \(or \.tf\.json, \.tofu, \.tofu\.json\) files\n$/,
    },
    {
      name: 'a Terragrunt unit names the local module its terraform source points to',
      args: ['--hcl', dir('terragrunt-units/live/prod/deployer')],
      message:
        /holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file: it is a Terragrunt unit \(`terragrunt\.hcl`\); scan the module it names \(`--hcl integ\/tf-scan\/hcl-only\/terragrunt-units\/modules\/deployer`\)/,
    },
    {
      name: 'a CDK for Terraform app names the stacks cdktf synth wrote',
      args: ['--hcl', dir('cdktf-app')],
      message:
        /holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file: it is a CDK for Terraform app \(`cdktf\.json`\); scan each stack `cdktf synth` wrote: `--hcl integ\/tf-scan\/hcl-only\/cdktf-app\/cdktf\.out\/stacks\/app`\n$/,
    },
    {
      name: 'a Terragrunt unit of a registry module names that source',
      args: ['--hcl', dir('terragrunt-units/live/prod/oidc')],
      message:
        /Terragrunt unit .*\(`tfr:\/\/\/terraform-aws-modules\/iam\/aws\/\/modules\/iam-github-oidc-provider\?version=5\.44\.0`\) or the plan/,
    },
  ];

  it('a policy of the account attached by ARN is said to be outside the configuration, not outside a plan', () => {
    const result = run(['--hcl', dir('account-policy'), '--format', 'json', '--fail-on', 'never']);
    const findings = (JSON.parse(result.stdout) as { findings: (Finding & { message: string })[] }).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['unverifiable/unresolved-policy']);
    expect(findings[0]?.message).toMatch(/`arn:aws:iam::111122223333:policy\/base-admin` is not in the configuration$/);
    expect(findings[0]?.message).not.toMatch(/plan/);
  });

  it('the stack a CDK for Terraform app synthesized is scanned as the message says', () => {
    const result = run(['--hcl', dir('cdktf-app/cdktf.out/stacks/app'), '--format', 'json']);
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.principal ?? ''}`)).toEqual([
      'privilege-escalation/pass-role-wildcard aws_iam_role.Handler_3A4B5C6D',
    ]);
  });

  it('policies given to roles outside the configuration are checked, with no plan changes section (nothing to compare with)', () => {
    const text = run(['--hcl', dir('existing-principals')]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/pass-role-wildcard/);
    expect(text.stdout).not.toMatch(/what this plan changes/i);
    const markdown = run(['--hcl', dir('existing-principals'), '--format', 'markdown']);
    expect(markdown.stdout).not.toMatch(/what this plan changes/i);
    const json = JSON.parse(run(['--hcl', dir('existing-principals'), '--format', 'json']).stdout) as {
      findings: Finding[];
      changes?: unknown;
    };
    expect(json.changes).toBeUndefined();
    expect(json.findings.map((f) => `${f.ruleId} ${f.location?.address ?? ''}`)).toContain(
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deploy',
    );
  });

  it.each(errors)('$name exits 2 with one line', ({ args, message }) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('an expression nested thousands deep exits 2 with one line naming the file, no stack overflow', () => {
    const deep = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-deep-'));
    try {
      fs.writeFileSync(path.join(deep, 'main.tf'), `locals {\n  x = ${'('.repeat(5000)}"*"${')'.repeat(5000)}\n}\n`);
      const result = run(['--hcl', deep]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        `${path.join(deep, 'main.tf')}: too deeply nested or too large to be read`,
      ]);
    } finally {
      fs.rmSync(deep, { recursive: true, force: true });
    }
  });
});
