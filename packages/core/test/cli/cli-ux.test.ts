/** What a user wiring the scan commands into CI sees: headlines, baselines, write errors, usage. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../helpers/fake-io';
import type { ScanCommandSpec } from '../../src/cli/scan-command';
import { runScanCommand } from '../../src/cli/scan-command';
import { describeWriteError } from '../../src/cli/fs-error';
import { LINT_COMMAND } from '../../src/cli/lint';
import { wrongInputMessage } from '../../src/cli/input-kind';
import type { ScanInput } from '../../src/analysis/input';
import { only } from '../engine/helpers';

const WRITE_ON_STAR = 'wildcard-resource/write-on-star';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamgate-ux-'));
  writeFileSync(join(dir, 'iamgate.config.json'), JSON.stringify(only([WRITE_ON_STAR])));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

/** One identity policy that writes on `*`: a warning, nothing else. */
const WARNING_INPUT: ScanInput = {
  principals: [],
  resources: [],
  policies: [
    {
      type: 'identity',
      policy: {
        id: 'p',
        name: 'p',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] },
        location: { file: 'policy.json' },
      },
    },
  ],
  errors: [],
};

const SPEC: ScanCommandSpec = {
  name: 'tf-scan',
  usage: 'usage: tf-scan PLAN.json',
  extract: () => Promise.resolve(WARNING_INPUT),
};

async function run(argv: readonly string[], spec: ScanCommandSpec = SPEC) {
  const io = fakeIo({ cwd: dir });
  const code = await runScanCommand(spec, argv, io);
  return { code, out: io.out, err: io.err };
}

describe('the markdown headline follows the exit code', () => {
  it.each([
    ['error', 0, ':white_check_mark: iamgate passed'],
    ['warning', 1, ':x: iamgate failed: 1 finding at warning or above blocks the change'],
  ])('a warning-only run with --fail-on %s exits %d and says so', async (failOn, exit, headline) => {
    const { code, out } = await run(['--format', 'markdown', '--fail-on', failOn]);
    expect(code).toBe(exit);
    expect(out.split('\n')[0]).toContain(headline);
  });
});

describe('--baseline', () => {
  it('accepts the JSON report of a run as a baseline: its findings are suppressed', async () => {
    const first = await run(['--format', 'json', '--fail-on', 'warning', '--output', 'report.json']);
    expect(first.code).toBe(1);
    const second = await run(['--format', 'json', '--fail-on', 'warning', '--baseline', 'report.json']);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect((JSON.parse(second.out) as { summary: unknown }).summary).toEqual({
      error: 0,
      warning: 0,
      info: 0,
      suppressed: 1,
    });
    // A report of a run that had a baseline keeps what that baseline accepted.
    await run(['--format', 'json', '--baseline', 'report.json', '--output', 'again.json']);
    const third = await run(['--fail-on', 'warning', '--baseline', 'again.json']);
    expect(third.code).toBe(0);
  });

  it.each([
    [
      'plan.json',
      JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [] }),
      'plan.json: this looks like a Terraform plan (`terraform show -json` output), not a baseline: write one with `--write-baseline FILE`, or pass the `--format json` report of a run',
    ],
    [
      'policy.json',
      JSON.stringify({ Version: '2012-10-17', Statement: [] }),
      'policy.json: this looks like an IAM policy document, not a baseline: write one with `--write-baseline FILE`, or pass the `--format json` report of a run',
    ],
    [
      'template.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
      'template.yaml: this looks like a CloudFormation template, not a baseline: write one with `--write-baseline FILE`, or pass the `--format json` report of a run',
    ],
    [
      'garbage.txt',
      'not json at all\n',
      'garbage.txt: not a baseline (found text): write one with `--write-baseline FILE`, or pass the `--format json` report of a run',
    ],
    [
      'other.json',
      '{"name": "x"}',
      'other.json: /version: missing `version`: not an iamgate baseline (`--write-baseline FILE` writes one)',
    ],
  ])('says in one line what %s seems to be', async (name, content, message) => {
    writeFileSync(join(dir, name), content);
    const { code, err, out } = await run(['--baseline', name]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${message}\n`);
  });
});

describe('errors writing --output and --write-baseline', () => {
  it.each([
    ['--output', 'a folder', '.', '.: cannot write the report (`--output`): is a directory, expected a file name'],
    [
      '--output',
      'a path under a regular file',
      'iamgate.config.json/report.txt',
      'iamgate.config.json/report.txt: cannot write the report (`--output`): a part of its path is a file, not a directory',
    ],
    [
      '--write-baseline',
      'a folder that cannot be made',
      '/proc/iamgate-none/baseline.json',
      '/proc/iamgate-none/baseline.json: cannot write the baseline (`--write-baseline`): its directory does not exist and cannot be created',
    ],
  ])('%s into %s is one line in words and exit 2', async (option, _what, target, message) => {
    const { code, err } = await run([option, target]);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n`);
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EROFS', 'the file system is read-only'],
    ['ENOSPC', 'no space left on the device'],
  ])('%s is said in words', (code, words) => {
    expect(describeWriteError(Object.assign(new Error(`${code}: x`), { code }))).toBe(words);
  });
});

describe('usage', () => {
  it('--help names the value each option takes and says the last of a repeated option wins', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const shown of ['--format FORMAT', '--output FILE', '--config FILE', '--fail-on LEVEL', '--baseline FILE'])
      expect(out).toContain(shown);
    expect(out).not.toContain('VALUE');
    expect(out).toContain('an option given twice takes its last value');
  });

  it('an option given twice takes its last value', async () => {
    const { code, out } = await run([
      '--format',
      'text',
      '--format',
      'json',
      '--fail-on',
      'never',
      '--fail-on=warning',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ version: 1 });
  });

  it.each([
    [['--colour'], 'tf-scan: unknown option `--colour` (`tf-scan --help` shows the usage)'],
    [['--format'], 'tf-scan: option `--format` needs a value (`tf-scan --help` shows the usage)'],
    [['--quiet=yes'], 'tf-scan: option `--quiet` takes no value (`tf-scan --help` shows the usage)'],
    [['--fromat', 'json'], 'tf-scan: unknown option `--fromat` (did you mean `--format`?)'],
    [['--write', 'b.json'], 'tf-scan: unknown option `--write` (did you mean `--write-baseline`?)'],
    [['--format', 'JSON'], 'tf-scan: unknown format `JSON` (did you mean `json`?)'],
    [['--format', 'pdf'], 'tf-scan: unknown format `pdf` (expected text, json, sarif, github, markdown, html)'],
    [['--fail-on', 'warn'], 'tf-scan: unknown --fail-on `warn` (did you mean `warning`?)'],
  ])('%j is one line, without the usage after it', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n`);
  });
});

describe('iamgate lint given what iamgate writes', () => {
  it.each([
    [
      'report.json',
      { version: 1, tool: { name: 'iamgate', version: '0.1.0' }, findings: [], summary: {} },
      'report.json: this looks like an iamgate JSON report (`--format json` output), not a policy document',
    ],
    [
      'baseline.json',
      { version: 1, tool: 'iamgate', findings: [] },
      'baseline.json: this looks like an iamgate baseline (`--write-baseline` output), not a policy document',
    ],
    [
      'results.sarif.json',
      { version: '2.1.0', runs: [] },
      'results.sarif.json: this looks like a SARIF log, not a policy document',
    ],
  ])('%s is one input error saying what it is, not findings on it', async (name, content, message) => {
    writeFileSync(join(dir, name), JSON.stringify(content));
    const { code, err, out } = await run(['--format', 'json', name], LINT_COMMAND);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n`);
    expect((JSON.parse(out) as { findings: unknown[] }).findings).toEqual([]);
  });
});

describe('configuration errors', () => {
  it('a configuration with several problems reports each, one line each, with did-you-mean', async () => {
    writeFileSync(
      join(dir, 'guard.json'),
      JSON.stringify({ boundry: { required: true }, rules: { 'iam-usr': 'off', 'wildcard-action': 'high' } }),
    );
    const { code, err, out } = await run(['--config', 'guard.json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n').sort()).toEqual(
      [
        '',
        'guard.json: /boundry: unknown key `boundry` in configuration (did you mean `boundary`?)',
        'guard.json: /rules/iam-usr: unknown rule id or category `iam-usr` (did you mean `iam-user`?)',
        'guard.json: /rules/wildcard-action: expected one of `error`, `warning`, `info`, `off`, found `high`',
      ].sort(),
    );
  });

  it.each([
    [['--config', 'none.json'], 'none.json: no such file or directory (the `--config` file)'],
    [['--baseline', 'none.json'], 'none.json: no such file or directory (the `--baseline` file)'],
    [
      ['--baseline', '-'],
      'tf-scan: --baseline reads a file, not standard input (`-`): write the baseline to a file first',
    ],
    [
      ['--config', '-'],
      'tf-scan: --config reads a file, not standard input (`-`): write the configuration to a file first',
    ],
  ])('%j: a missing file is said as a missing input is', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n`);
  });
});

describe('--quiet', () => {
  const TWO: ScanInput = {
    ...WARNING_INPUT,
    policies: [
      ...WARNING_INPUT.policies,
      {
        type: 'identity',
        policy: {
          id: 'q',
          name: 'q',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
          location: { file: 'other.json' },
        },
      },
    ],
  };
  const both: ScanCommandSpec = { ...SPEC, extract: () => Promise.resolve(TWO) };

  it.each([
    ['error', { error: 1, warning: 0, info: 0, suppressed: 0 }, ['error']],
    ['warning', { error: 1, warning: 1, info: 0, suppressed: 0 }, ['error', 'warning']],
    ['never', { error: 0, warning: 0, info: 0, suppressed: 0 }, []],
  ])('with --fail-on %s, the JSON summary counts the findings listed', async (failOn, summary, severities) => {
    writeFileSync(
      join(dir, 'iamgate.config.json'),
      JSON.stringify(only([WRITE_ON_STAR, 'privilege-escalation/pass-role-wildcard'])),
    );
    const { out } = await run(['--quiet', '--format', 'json', '--fail-on', failOn], both);
    const report = JSON.parse(out) as { summary: unknown; findings: { severity: string }[] };
    expect(report.findings.map((f) => f.severity).sort()).toEqual(severities);
    expect(report.summary).toEqual(summary);
  });
});

describe('the command a file meant for another is sent to', () => {
  it.each([
    ['cloudformation-template', 'stack.json', 'run `cdk-guard stack.json`'],
    ['cloudformation-template', '<stdin>', 'run `cdk-guard -`'],
    ['terraform-plan', 'my plan.json', "run `tf-scan 'my plan.json'`"],
    ['cdk-manifest', 'cdk.out/manifest.json', 'run `cdk-guard cdk.out`'],
    ['cdk-manifest', '<stdin>', 'run `cdk-guard CDK_OUT_DIR`'],
  ] as const)('%s from %s: %s', (kind, file, command) => {
    expect(wrongInputMessage(kind, file, 'x')).toMatch(
      new RegExp(`, not x: ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  });
});
