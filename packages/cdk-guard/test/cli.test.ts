/** The `cdk-guard` command line: what it refuses before reading anything. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '@iamgate/core';
import { main } from '../src/cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk-guard-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const seen = { out: '', err: '' };
  const io: CliIo = {
    stdout: (text) => void (seen.out += text),
    stderr: (text) => void (seen.err += text),
    readStdin: () => Promise.resolve(Buffer.from('')),
    cwd: dir,
    env: {},
    isTty: false,
  };
  const code = await main(argv, io);
  return { code, ...seen };
}

const TEMPLATE = {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
};

describe('cdk-guard', () => {
  it('refuses to run without any input: one line, exit 2 (a gate that reads nothing must not pass)', async () => {
    const { code, out, err } = await run(['--format', 'json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'cdk-guard: no input: give a cloud assembly directory (cdk.out), templates, or `-` for standard input\n',
    );
  });

  it.each([
    ['aws-foo', ''],
    ['aws-gov', ' (did you mean `aws-us-gov`?)'],
    ['AWS-CN', ' (did you mean `aws-cn`?)'],
    ['aws-us-gvo', ' (did you mean `aws-us-gov`?)'],
  ])('refuses --partition %s with the list of known partitions', async (partition, hint) => {
    writeFileSync(join(dir, 'template.json'), JSON.stringify(TEMPLATE));
    const { code, err } = await run(['--partition', partition, 'template.json']);
    expect(code).toBe(2);
    expect(err).toBe(
      `cdk-guard: unknown --partition \`${partition}\`${hint}: expected one of aws, aws-cn, aws-us-gov, aws-iso-b, aws-iso-f, aws-iso, aws-iso-e, aws-eusc\n`,
    );
  });

  it.each(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b'])('accepts --partition %s', async (partition) => {
    writeFileSync(join(dir, 'template.json'), JSON.stringify(TEMPLATE));
    const { code, err } = await run(['--partition', partition, 'template.json']);
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('a file meant for another command, given to cdk-guard', () => {
  it.each([
    [
      'a Terraform plan',
      'plan.json',
      { format_version: '1.2', terraform_version: '1.9.0', planned_values: {}, resource_changes: [] },
      'plan.json: this looks like a Terraform plan (`terraform show -json` output), not a CloudFormation template: run `tf-scan plan.json`',
    ],
    [
      'a cloud assembly manifest',
      'manifest.json',
      { version: '36.0.0', artifacts: {} },
      'manifest.json: this looks like a CDK cloud assembly manifest, not a CloudFormation template: run `cdk-guard .`',
    ],
    [
      'an iamgate JSON report',
      'report.json',
      {
        version: 1,
        tool: { name: 'iamgate', version: '0.1.0' },
        findings: [],
        suppressed: [],
        errors: [],
        summary: {},
      },
      'report.json: this looks like an iamgate JSON report (`--format json` output), not a CloudFormation template',
    ],
  ])('%s: one line naming what it is, exit 2', async (_what, name, content, message) => {
    writeFileSync(join(dir, name), JSON.stringify(content));
    const { code, err } = await run([name]);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n`);
  });

  it('a file that does not exist is said as every command says it', async () => {
    const { code, err } = await run(['missing.json']);
    expect(code).toBe(2);
    expect(err).toBe('missing.json: no such file or directory\n');
  });
});
