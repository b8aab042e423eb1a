/** The shared scan command in process: what adapters get from it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../helpers/fake-io';
import type { ScanCommandSpec } from '../../src/cli/scan-command';
import { runScanCommand } from '../../src/cli/scan-command';
import type { ScanInput } from '../../src/analysis/input';
import { guessPolicyType } from '../../src/model/guess-type';
import { only } from '../engine/helpers';

const PASS_ROLE = 'privilege-escalation/pass-role-wildcard';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamgate-scan-'));
  // Found from the working directory: keeps the counts of these tests to the one rule they use.
  writeFileSync(join(dir, 'iamgate.config.json'), JSON.stringify(only([PASS_ROLE])));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PASS_ROLE_INPUT: ScanInput = {
  principals: [],
  resources: [],
  policies: [
    {
      type: 'identity',
      policy: {
        id: 'p',
        name: 'p',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
        location: { file: 'plan.json' },
      },
    },
  ],
  errors: [],
};

function spec(extract: ScanCommandSpec['extract']): ScanCommandSpec {
  return {
    name: 'tf-scan',
    usage: 'usage: tf-scan PLAN.json',
    extraOptions: [{ name: '--hcl', takesValue: true, description: 'a directory of .tf files' }],
    extract,
  };
}

describe('runScanCommand', () => {
  it('passes files and the command own options to extract', async () => {
    let seen: unknown;
    const code = await runScanCommand(
      spec(({ files, options }) => {
        seen = { files, options };
        return Promise.resolve({ ...PASS_ROLE_INPUT, policies: [] });
      }),
      ['a.json', '--hcl', 'infra', '--format', 'json', 'b.json'],
      fakeIo({ cwd: dir, isTty: true }),
    );
    expect(code).toBe(0);
    expect(seen).toEqual({ files: ['a.json', 'b.json'], options: { '--hcl': 'infra' } });
  });

  it("gives a repeatable option's values in command-line order, under any of its spellings", async () => {
    let seen: unknown;
    const repeatable = (extract: ScanCommandSpec['extract']): ScanCommandSpec => ({
      ...spec(extract),
      extraOptions: [
        { name: '--hcl', takesValue: true, description: 'a directory of .tf files' },
        { name: '--var', aliases: ['-var'], takesValue: true, repeatable: true, description: 'NAME=VALUE' },
        { name: '--var-file', aliases: ['-var-file'], takesValue: true, repeatable: true, description: 'FILE' },
      ],
    });
    const code = await runScanCommand(
      repeatable(({ files, options, repeated }) => {
        seen = { files, options, repeated };
        return Promise.resolve({ ...PASS_ROLE_INPUT, policies: [] });
      }),
      ['--hcl', 'infra', '-var-file', 'a.tfvars', '-var=x=1', '--var', 'x=2', '--var-file=b.tfvars', '-', '-varx'],
      fakeIo({ cwd: dir }),
    );
    expect(code).toBe(0);
    // `-` and a single-dash word no option is spelled as stay files.
    expect(seen).toEqual({
      files: ['-', '-varx'],
      options: { '--hcl': 'infra' },
      repeated: [
        { name: '--var-file', value: 'a.tfvars' },
        { name: '--var', value: 'x=1' },
        { name: '--var', value: 'x=2' },
        { name: '--var-file', value: 'b.tfvars' },
      ],
    });
  });

  it('turns input errors into one line each on stderr and exit 2', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    const code = await runScanCommand(
      spec(() =>
        Promise.resolve({
          ...PASS_ROLE_INPUT,
          errors: [{ file: 'plan.json', pointer: '/resource_changes/3', message: 'expected an object' }],
        }),
      ),
      ['plan.json'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err).toBe('plan.json: /resource_changes/3: expected an object\n');
  });

  it('escapes in an error line the characters UTF-8 output cannot show (lone surrogates, controls)', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    const code = await runScanCommand(
      spec(() =>
        Promise.resolve({
          ...PASS_ROLE_INPUT,
          errors: [
            {
              file: 'template.json',
              pointer: '/Resources/Q/Properties/\ud800',
              message: '`Fn::GetAtt` names `\udc00\u0007`, which is not a resource; `\ud83d\ude00` is kept',
            },
          ],
        }),
      ),
      ['template.json'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err).toBe(
      'template.json: /Resources/Q/Properties/\\ud800: `Fn::GetAtt` names `\\udc00\\u0007`, which is not a resource; `\ud83d\ude00` is kept\n',
    );
  });

  it('turns an exception thrown by extract into one line and exit 2, without a stack trace', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    const code = await runScanCommand(
      spec(() => Promise.reject(new Error('plan.json: not a terraform plan\n    at parse (x.js:1:1)'))),
      ['plan.json'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err).toBe('tf-scan: plan.json: not a terraform plan\n');
  });

  it('cuts a usage or configuration error quoting a huge user value to one bounded line', async () => {
    writeFileSync(join(dir, 'huge.json'), JSON.stringify({ rules: { ['x'.repeat(100_000)]: 'error' } }));
    const io = fakeIo({ cwd: dir });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        ['--config', 'huge.json', 'p.json'],
        io,
      ),
    ).toBe(2);
    const [line, ...rest] = io.err.split('\n');
    expect(rest).toEqual(['']);
    expect(line).toMatch(/^huge\.json: \/rules\/x+\.\.\.$/);
    expect(line?.length).toBeLessThanOrEqual(400);
    const io2 = fakeIo({ cwd: dir });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        [`--${'y'.repeat(5000)}`],
        io2,
      ),
    ).toBe(2);
    expect(io2.err.split('\n')[0]?.length).toBeLessThanOrEqual(410);
  });

  it('says a usage error in one line, pointing at --help', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        ['--fail-on', 'critical'],
        io,
      ),
    ).toBe(2);
    expect(io.err).toBe('tf-scan: unknown --fail-on `critical` (expected error, warning, info, never)\n');
    const io2 = fakeIo({ cwd: dir, isTty: true });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        ['--hcl'],
        io2,
      ),
    ).toBe(2);
    expect(io2.err).toBe('tf-scan: option `--hcl` needs a value (`tf-scan --help` shows the usage)\n');
  });

  it('colors text on a terminal unless NO_COLOR is set', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    await runScanCommand(
      spec(() => Promise.resolve(PASS_ROLE_INPUT)),
      [],
      io,
    );
    expect(io.out).toContain('\u001b[31m');
    const plain = { ...fakeIo({ cwd: dir, isTty: true }), env: { NO_COLOR: '1' } };
    let out = '';
    plain.stdout = (t: string) => void (out += t);
    await runScanCommand(
      spec(() => Promise.resolve(PASS_ROLE_INPUT)),
      [],
      plain,
    );
    expect(out).not.toContain('\u001b[');
  });

  it('--quiet prints nothing when no finding reaches --fail-on', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    const code = await runScanCommand(
      spec(() => Promise.resolve(PASS_ROLE_INPUT)),
      ['--quiet', '--fail-on', 'never'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toBe('');
  });

  it('reads --config relative to the working directory', async () => {
    writeFileSync(join(dir, 'guard.yml'), JSON.stringify(only([PASS_ROLE], { rules: { [PASS_ROLE]: 'warning' } })));
    const io = fakeIo({ cwd: dir, isTty: true });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        ['--config', 'guard.yml', '--format', 'json'],
        io,
      ),
    ).toBe(0);
    expect((JSON.parse(io.out) as { summary: unknown }).summary).toEqual({
      error: 0,
      warning: 1,
      info: 0,
      suppressed: 0,
    });
  });

  it('writes a baseline file of fingerprints', async () => {
    const io = fakeIo({ cwd: dir, isTty: true });
    expect(
      await runScanCommand(
        spec(() => Promise.resolve(PASS_ROLE_INPUT)),
        ['--write-baseline', 'b.json'],
        io,
      ),
    ).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as {
      version: number;
      findings: { fingerprint: string; ruleId: string }[];
    };
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((f) => f.ruleId)).toEqual(['privilege-escalation/pass-role-wildcard']);
    expect(io.err).toBe('tf-scan: wrote 1 fingerprint to b.json\n');
  });
});

describe('policy type guess', () => {
  it.each([
    ['identity without Principal', { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, 'identity'],
    [
      'trust for sts:AssumeRole',
      { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      'trust',
    ],
    [
      'trust for web identity with TagSession',
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'x' },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          },
        ],
      },
      'trust',
    ],
    [
      'resource for other actions',
      { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
      'resource',
    ],
    [
      'resource for a single statement object',
      { Statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage' } },
      'resource',
    ],
  ])('%s', (_name, document, type) => {
    expect(guessPolicyType(document)).toBe(type);
  });
});
