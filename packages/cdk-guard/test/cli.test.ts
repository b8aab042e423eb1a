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
