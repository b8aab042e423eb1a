import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { valueToString } from '@iamgate/core';
import type { ScanInput } from '@iamgate/core';
import { extractFiles } from '../../packages/tf-scan/src/scan';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const plan = (name: string): string => path.join('integ/tf-scan/plans', name);
const bad = (name: string): string => path.join('integ/tf-scan/bad', name);

function extract(name: string): Promise<ScanInput> {
  return extractFiles([path.join(ROOT, plan(name))]);
}

function run(args: string[], input?: Buffer): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('what tf-scan extracts from the hand-written plans', () => {
  it('a boundary created in the same plan is attached, with its policy, to the role that uses it only', async () => {
    const input = await extract('boundary-same-plan.json');
    const bounded = input.principals.find((p) => p.id === 'aws_iam_role.bounded');
    const unbounded = input.principals.find((p) => p.id === 'aws_iam_role.unbounded');
    expect(valueToString(bounded?.permissionsBoundary?.arn ?? '')).toMatch(
      /^arn:aws:iam::\$\{.+\}:policy\/boundaries\/app-boundary$/,
    );
    expect(bounded?.permissionsBoundary?.policy?.id).toBe('aws_iam_policy.boundary');
    expect(unbounded?.permissionsBoundary).toBeUndefined();
    expect(input.policies).toEqual([]);
  });

  it('the escalation policy lands on its role', async () => {
    const input = await extract('passrole-escalation.json');
    expect(input.principals.map((p) => [p.id, p.policies.map((a) => a.policy?.id)])).toEqual([
      ['aws_iam_role.ci', ['aws_iam_role_policy.ci']],
    ]);
  });

  it('a deferred document is rebuilt with the queue ARN and the topic ARN as symbolic values', async () => {
    const input = await extract('deferred-read.json');
    const queuePolicy = input.resources[0];
    const statement = (queuePolicy?.policy.document as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(valueToString(queuePolicy?.arn ?? '')).toMatch(/^arn:aws:sqs:eu-west-1:\$\{.+\}:jobs$/);
    // The plan does not tell a reference from a template around it: the ARN, then what may follow it.
    const queueArn = valueToString(queuePolicy?.arn ?? '').replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
    expect((statement?.['Resource'] as string[]).map(valueToString)).toEqual([
      expect.stringMatching(new RegExp(`^${queueArn}\\$\\{.+\\}$`)),
    ]);
    const sourceArn = (statement?.['Condition'] as Record<string, Record<string, string[]>>)['ArnEquals']?.[
      'aws:SourceArn'
    ];
    expect(sourceArn?.map(valueToString)).toEqual([
      expect.stringMatching(/^arn:aws:sns:eu-west-1:\$\{.+\}:events\$\{.+\}$/),
    ]);
  });

  it('a document from a module output reaches a for_each module through its variable', async () => {
    const input = await extract('module-outputs.json');
    const role = input.principals.find((p) => p.id === 'module.app["orders"].aws_iam_role.this');
    const statement = (role?.policies[0]?.policy?.document as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement?.['Action']).toEqual(['dynamodb:*']);
    expect((statement?.['Resource'] as string[]).map(valueToString)).toEqual([
      expect.stringMatching(/:table\/orders\$\{.+\}$/),
    ]);
  });

  it('an update keeps the policy before and after', async () => {
    const input = await extract('policy-update.json');
    const policy = input.principals[0]?.policies[0]?.policy;
    expect(JSON.parse(String(policy?.before?.document)).Statement[0].Action).toBe('s3:GetObject');
    expect(JSON.parse(String(policy?.document)).Statement[0].Action).toContain('s3:DeleteObject');
  });
});

describe('plans named on the command line', () => {
  it('a plan named twice, by two spellings of its path, is scanned once', () => {
    const once = run(['examples/terraform/plan.json', '--format', 'json']);
    const twice = run([
      'examples/terraform/plan.json',
      'examples/terraform/../terraform/plan.json',
      '--format',
      'json',
    ]);
    expect(twice.code).toBe(once.code);
    const summary = (stdout: string): unknown => (JSON.parse(stdout) as { summary: { error: number } }).summary;
    expect(summary(twice.stdout)).toEqual(summary(once.stdout));
    expect(summary(once.stdout)).toMatchObject({ error: 2 });
  });
});

describe('policies rebuilt from the .tf files', () => {
  const planFile = path.join(ROOT, 'integ/tf-scan/hcl/plan.json');

  it('a jsonencode policy unknown in the plan is rebuilt from the .tf files next to it', async () => {
    const input = await extractFiles([planFile]);
    const policy = input.principals[0]?.policies[0]?.policy;
    const statements = (policy?.document as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements[0]?.['Resource']).toBe('arn:aws:s3:::data-bucket/*');
    expect(valueToString(statements[1]?.['Resource'] as string)).toMatch(/^arn:aws:iam::\$\{.+\}:role\/app$/);
  });

  it('without the .tf files the same policy is unresolved, naming its references', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    fs.copyFileSync(planFile, path.join(dir, 'plan.json'));
    const input = await extractFiles([path.join(dir, 'plan.json')]);
    fs.rmSync(dir, { recursive: true });
    const policy = input.principals[0]?.policies[0]?.policy;
    expect(policy?.document).toBeUndefined();
    expect(policy?.unresolved?.references).toEqual(['aws_s3_bucket.data.arn', 'aws_iam_role.app.arn']);
  });

  it('a policy in a registry module is rebuilt from where `terraform init` installed the module', async () => {
    // The same configuration, called as a registry module from a root that only calls it.
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as {
      resource_changes: { address: string; module_address?: string }[];
      planned_values?: unknown;
      configuration: { root_module: unknown };
    };
    for (const change of plan.resource_changes) {
      change.address = `module.app.${change.address}`;
      change.module_address = 'module.app';
    }
    delete plan.planned_values;
    plan.configuration.root_module = {
      module_calls: {
        app: { source: 'example-org/app/aws', version_constraint: '1.0.0', module: plan.configuration.root_module },
      },
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    const installed = path.join(dir, '.terraform', 'modules', 'app');
    fs.mkdirSync(installed, { recursive: true });
    fs.copyFileSync(path.join(path.dirname(planFile), 'main.tf'), path.join(installed, 'main.tf'));
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      'module "app" {\n  source  = "example-org/app/aws"\n  version = "1.0.0"\n}\n',
    );
    fs.writeFileSync(
      path.join(dir, '.terraform', 'modules', 'modules.json'),
      JSON.stringify({
        Modules: [{ Key: 'app', Source: 'registry.terraform.io/example-org/app/aws', Dir: '.terraform/modules/app' }],
      }),
    );
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const input = await extractFiles([path.join(dir, 'plan.json')]);
    fs.rmSync(dir, { recursive: true });
    const policy = input.principals.find((p) => p.id === 'module.app.aws_iam_role.app')?.policies[0]?.policy;
    expect(policy?.unresolved).toBeUndefined();
    const statements = (policy?.document as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements[0]?.['Resource']).toBe('arn:aws:s3:::data-bucket/*');
  });

  it("a policy built with the AWS provider's functions is rebuilt, values known after apply kept symbolic", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    fs.copyFileSync(planFile, path.join(dir, 'plan.json'));
    const source = fs
      .readFileSync(path.join(path.dirname(planFile), 'main.tf'), 'utf8')
      .replace(
        '"${aws_s3_bucket.data.arn}/*"',
        'provider::aws::arn_build("aws", "s3", "", "", "${aws_s3_bucket.data.bucket}/*")',
      )
      .replace('= aws_iam_role.app.arn', '= provider::aws::trim_iam_role_path(aws_iam_role.app.arn)');
    expect(source).toContain('provider::aws::trim_iam_role_path');
    fs.writeFileSync(path.join(dir, 'main.tf'), source);
    const input = await extractFiles([path.join(dir, 'plan.json')]);
    fs.rmSync(dir, { recursive: true });
    const policy = input.principals[0]?.policies[0]?.policy;
    expect(policy?.unresolved).toBeUndefined();
    const statements = (policy?.document as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements[0]?.['Resource']).toBe('arn:aws:s3:::data-bucket/*');
    expect(valueToString(statements[1]?.['Resource'] as string)).toMatch(/^arn:aws:iam::\$\{.+\}:role\/app$/);
  });

  it.each([
    ['the .tf files', false],
    ["the plan's provider list", true],
  ])('the functions are found under the local name of the AWS provider that %s give', async (_where, inPlan) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { configuration: Record<string, unknown> };
    if (inPlan)
      plan.configuration['provider_config'] = {
        amazon: { name: 'amazon', full_name: 'registry.terraform.io/hashicorp/aws' },
      };
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const source = fs
      .readFileSync(path.join(path.dirname(planFile), 'main.tf'), 'utf8')
      .replace(
        '"${aws_s3_bucket.data.arn}/*"',
        'provider::amazon::arn_build("aws", "s3", "", "", "${aws_s3_bucket.data.bucket}/*")',
      );
    expect(source).toContain('provider::amazon::arn_build');
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      inPlan
        ? source
        : `terraform {\n  required_providers {\n    amazon = { source = "hashicorp/aws" }\n  }\n}\n${source}`,
    );
    const input = await extractFiles([path.join(dir, 'plan.json')]);
    fs.rmSync(dir, { recursive: true });
    const policy = input.principals[0]?.policies[0]?.policy;
    expect(policy?.unresolved).toBeUndefined();
    const statements = (policy?.document as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements[0]?.['Resource']).toBe('arn:aws:s3:::data-bucket/*');
  });

  it('--hcl points at the .tf files of a plan kept elsewhere', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    fs.copyFileSync(planFile, path.join(dir, 'plan.json'));
    const input = await extractFiles([path.join(dir, 'plan.json')], { hclDir: path.dirname(planFile) });
    fs.rmSync(dir, { recursive: true });
    expect(input.principals[0]?.policies[0]?.policy?.document).toBeDefined();
  });
});

describe('a plan whose caller identity is read only at apply, scanned with its .tf files', () => {
  const dir = path.join(ROOT, 'integ/tf-scan/caller-identity-deferred');
  const text = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (_, v: unknown) => (v instanceof Object && 'parts' in v ? valueToString(v as never) : v)),
    );

  it("gives the caller's ARN the shape of an IAM or STS principal of the provider's account, arn_parse included", async () => {
    const input = await extractFiles([path.join(dir, 'plan.json')]);
    const role = input.principals.find((p) => p.id === 'aws_iam_role.app');
    const trust = text(role?.trustPolicy?.document) as { Statement: { Principal: { AWS: string } }[] };
    // Never `*`: the partition of the provider's region, the provider's account, IAM or STS.
    expect(trust.Statement[0]?.Principal.AWS).toMatch(
      /^arn:aws:\$\{the service of data\.aws_caller_identity\.current\.arn\}::\$\{the account of the AWS provider\}:\$\{/,
    );
    const policy = role?.policies[0]?.policy;
    expect(policy?.unresolved).toBeUndefined();
    const statements = (text(policy?.document) as { Statement: { Resource: string }[] }).Statement;
    expect(statements[0]?.Resource).toBe('arn:aws:s3:::reports-${the account of the AWS provider}/*');
  });

  it('reports nothing unverifiable about the principal', () => {
    const result = run([path.join(dir, 'plan.json'), '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { address: string } }[] };
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.address}`)).toEqual([]);
  });
});

describe('the tf-scan binary', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'packages/tf-scan/dist/cli.js'))) throw new Error('build first: npm run build');
  });

  it('exits 1 on the escalation path and names the rule', () => {
    const result = run([plan('passrole-escalation.json'), '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { address: string } }[] };
    expect(report.findings.map((f) => [f.ruleId, f.location.address])).toContainEqual([
      'privilege-escalation/pass-role-wildcard',
      'aws_iam_role_policy.ci',
    ]);
  });

  it('reads a plan from standard input, also in UTF-16 with a byte-order mark', () => {
    const text = fs.readFileSync(path.join(ROOT, plan('passrole-escalation.json')), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = run(['-', '--format', 'json'], utf16);
    expect([result.code, result.stderr]).toEqual([1, '']);
  });

  it('reads several plans in one run', () => {
    const result = run([plan('passrole-escalation.json'), plan('policy-update.json'), '--format', 'json']);
    expect(result.code).toBe(1);
  });

  it('exits 0 when --fail-on never', () => {
    expect(run([plan('passrole-escalation.json'), '--fail-on', 'never']).code).toBe(0);
  });

  const badInputs: [string, string, RegExp][] = [
    ['not JSON', bad('not-json.json'), /not-json\.json: invalid JSON/],
    ['a truncated plan', bad('truncated.json'), /truncated\.json: invalid JSON: the file ends too early/],
    [
      'an unknown major format_version',
      bad('future-format.json'),
      /future-format\.json: \/format_version: unsupported format_version `2\.0`/,
    ],
    ['a top-level array', bad('array.json'), /array\.json: expected a JSON object/],
    ['a wrong shape', bad('wrong-shape.json'), /wrong-shape\.json: \/resource_changes: not a Terraform plan/],
    ['a missing file', 'integ/tf-scan/nope.json', /nope\.json: no such file/],
  ];
  it.each(badInputs)('exits 2 on %s with one line naming the file', (_name, file, message) => {
    const result = run([file]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('exits 2 with a usage line when no plan is given', () => {
    const result = run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no plan given/);
  });

  it('exits 2 on an empty file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-'));
    const file = path.join(dir, 'empty.json');
    fs.writeFileSync(file, '');
    const result = run([file]);
    expect([result.code, result.stderr.trim().split('\n').length]).toEqual([2, 1]);
    fs.rmSync(dir, { recursive: true });
  });
});
