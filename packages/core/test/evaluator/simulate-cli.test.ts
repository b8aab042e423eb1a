/** `iamgate simulate` as a user runs it: files on disk, stdin, exit codes, one line per case. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { fakeIo } from '../helpers/fake-io';

const dir = mkdtempSync(join(tmpdir(), 'iamgate-simulate-'));
const allowCase = {
  id: 'allow-1',
  request: {
    principal: 'arn:aws:iam::123456789012:user/dana',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    resourceAccount: '123456789012',
  },
  identityPolicies: [
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    },
  ],
};
const denyCase = {
  ...allowCase,
  id: 'deny-1',
  identityPolicies: [
    ...allowCase.identityPolicies,
    { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } },
  ],
};
const oneFile = join(dir, 'one.json');
writeFileSync(oneFile, JSON.stringify(denyCase));
const batchFile = join(dir, 'cases.jsonl');
writeFileSync(
  batchFile,
  [
    JSON.stringify(allowCase),
    '{ not json',
    JSON.stringify({ id: 'bad-1', request: { principal: 'x' } }),
    '',
    JSON.stringify(denyCase),
  ].join('\n'),
);

describe('iamgate without a command, or with a misspelled one', () => {
  it.each([
    [[], 'iamgate: no command: give `lint` or `simulate` (`iamgate --help` shows the usage)'],
    [['lnit'], 'iamgate: unknown command `lnit` (did you mean `lint`?)'],
    [['simulat', 'case.json'], 'iamgate: unknown command `simulat` (did you mean `simulate`?)'],
    [['deploy'], 'iamgate: unknown command `deploy` (expected lint or simulate)'],
  ])('iamgate %j: one line on stderr and exit 2', async (argv, message) => {
    const io = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toBe(`${message}\n`);
    expect(io.out).toBe('');
  });
});

describe('iamgate simulate', () => {
  it('prints the decision first, then the statement that decided it', async () => {
    const io = fakeIo();
    expect(await main(['simulate', oneFile], io)).toBe(0);
    const lines = io.out.trimEnd().split('\n');
    expect(lines[0]).toBe('ExplicitlyDenied');
    expect(io.out).toContain('identity policy 1 /Statement');
  });

  it('reads one case from stdin with -', async () => {
    const io = fakeIo({ stdin: JSON.stringify(allowCase) });
    expect(await main(['simulate', '-'], io)).toBe(0);
    expect(io.out.split('\n')[0]).toBe('Allowed');
    expect(io.out).toContain('(Sid `Read`)');
  });

  it('reads a case in UTF-16 with a byte order mark, or UTF-8 with one, on stdin as from a file', async () => {
    const text = JSON.stringify(allowCase);
    for (const stdin of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    ]) {
      const io = fakeIo({ stdin });
      expect(await main(['simulate', '-'], io)).toBe(0);
      expect(io.out.split('\n')[0]).toBe('Allowed');
    }
  });

  it('refuses a case whose bytes are not UTF-8 with one line and exit 2', async () => {
    const io = fakeIo({ stdin: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) });
    expect(await main(['simulate', '-'], io)).toBe(2);
    expect(io.err).toBe('<stdin>: not UTF-8 text: invalid byte 0xFF at line 1, column 3 (save the file as UTF-8)\n');
  });

  it('answers every line of a batch, malformed ones with an error', async () => {
    const io = fakeIo();
    expect(await main(['simulate', '--batch', batchFile], io)).toBe(0);
    const answers = io.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers).toEqual([
      { id: 'allow-1', decision: 'Allowed' },
      { id: 'line-2', error: expect.stringContaining('line 2 is not valid JSON') },
      { id: 'bad-1', error: expect.stringContaining('/request/action') },
      { id: 'deny-1', decision: 'ExplicitlyDenied' },
    ]);
  });

  it('adds the trace with --trace', async () => {
    const io = fakeIo();
    await main(['simulate', '--batch', '--trace', batchFile], io);
    const first = JSON.parse(io.out.split('\n')[0] ?? '') as { trace: { reason: string; allows: unknown[] } };
    expect(first.trace.reason).toBe('allowed-by-identity');
    expect(first.trace.allows).toEqual([
      { policy: { kind: 'identity', index: 0 }, pointer: '/Statement/0', sid: 'Read' },
    ]);
  });

  it.each([
    ['a principal ARN missing a colon', { principal: 'arn:aws:iam:123456789012:user/dana' }, '/request/principal'],
    [
      'a session ARN without session name',
      { principal: 'arn:aws:sts::123456789012:assumed-role/app' },
      '/request/principal',
    ],
    ['a principal that is a bare name', { principal: 'dana' }, '/request/principal'],
    ['an action without service prefix', { action: 'GetObject' }, '/request/action'],
    ['two actions in one', { action: 's3:GetObject,s3:PutObject' }, '/request/action'],
    [
      'an object as the value of a tag key, whose slash the pointer escapes',
      { context: { 'aws:PrincipalTag/team': { name: 'blue' } } },
      '/request/context/aws:PrincipalTag~1team',
    ],
    [
      'an object among the values of a multivalued key, named by its index',
      { context: { 'aws:TagKeys': ['env', { key: 'team' }] } },
      '/request/context/aws:TagKeys/1',
    ],
  ])('refuses %s with one line naming the pointer, instead of evaluating it', async (_name, change, pointer) => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ ...allowCase, request: { ...allowCase.request, ...change } }));
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err).toContain(`${pointer}:`);
    expect(io.out).toBe('');
  });

  const denyAllBoundary = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
  it.each([
    [
      'a misspelled permissionsBoundary',
      { permissionBoundary: denyAllBoundary },
      '/permissionBoundary',
      'permissionsBoundary',
    ],
    [
      'a misspelled identityPolicies',
      { identityPolicy: allowCase.identityPolicies },
      '/identityPolicy',
      'identityPolicies',
    ],
    ['a policy type the format does not have', { scps: [[denyAllBoundary]] }, '/scps', undefined],
    [
      'a misspelled request key',
      { request: { ...allowCase.request, resourceAcount: '999988887777' } },
      '/request/resourceAcount',
      'resourceAccount',
    ],
  ])('refuses %s instead of evaluating the case without it', async (_name, change, pointer, suggested) => {
    const file = join(dir, 'unknown-key.json');
    writeFileSync(file, JSON.stringify({ ...allowCase, ...change }));
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err).toContain(`${pointer}: unknown key`);
    if (suggested !== undefined) expect(io.err).toContain(`did you mean \`${suggested}\``);
    expect(io.out).toBe('');
  });

  it('says a request member written at the top of the case belongs in `request`', async () => {
    const file = join(dir, 'flat-request.json');
    const { request, ...rest } = allowCase;
    writeFileSync(file, JSON.stringify({ ...rest, ...request }));
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/\/(principal|action|resource): unknown key `\w+` \(it belongs in `request`\)/);
    expect(io.out).toBe('');
  });

  it('answers a batch line with an unknown key with an error, and goes on', async () => {
    const file = join(dir, 'unknown-key.jsonl');
    writeFileSync(
      file,
      [JSON.stringify({ ...denyCase, permissionBoundary: denyAllBoundary }), JSON.stringify(allowCase)].join('\n'),
    );
    const io = fakeIo();
    expect(await main(['simulate', '--batch', file], io)).toBe(0);
    expect(
      io.out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { id: 'deny-1', error: expect.stringContaining('/permissionBoundary: unknown key') },
      { id: 'allow-1', decision: 'Allowed' },
    ]);
  });

  it('runs a case of the evaluator tests as it is, its descriptive keys ignored', async () => {
    const file = join(dir, 'described.json');
    const described = {
      ...denyCase,
      name: 'a deny wins',
      docs: 'https://docs.aws.amazon.com/',
      note: 'n',
      expected: { decision: 'ExplicitlyDenied' },
    };
    writeFileSync(file, JSON.stringify(described));
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(0);
    expect(io.out.split('\n')[0]).toBe('ExplicitlyDenied');
  });

  it.each([
    ['identity policies for the account root user', 'arn:aws:iam::123456789012:root', {}, '/identityPolicies'],
    [
      'a permissions boundary for an account id',
      '123456789012',
      { identityPolicies: [], permissionsBoundary: allowCase.identityPolicies[0] },
      '/permissionsBoundary',
    ],
  ])('refuses %s, which AWS cannot attach to it', async (_name, principal, change, pointer) => {
    const file = join(dir, 'root.json');
    writeFileSync(file, JSON.stringify({ ...allowCase, ...change, request: { ...allowCase.request, principal } }));
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err).toContain(`${pointer}:`);
    expect(io.out).toBe('');
  });

  it.each([
    ['a user with a path', 'arn:aws:iam::123456789012:user/ops/dana'],
    ['a role session', 'arn:aws:sts::123456789012:assumed-role/app/run-1'],
    ['a federated user', 'arn:aws:sts::123456789012:federated-user/dana'],
    ['an account root', 'arn:aws:iam::123456789012:root'],
    ['an account id', '123456789012'],
    ['a service principal', 'lambda.amazonaws.com'],
    ['a principal of another partition', 'arn:aws-cn:iam::123456789012:user/dana'],
    ['no one', 'anonymous'],
  ])('evaluates a request from %s', async (_name, principal) => {
    const file = join(dir, 'principal.json');
    // No identity policy can be attached to the account root user (refused below).
    const identityPolicies = /:root$|^\d{12}$/.test(principal) ? [] : allowCase.identityPolicies;
    writeFileSync(
      file,
      JSON.stringify({ ...allowCase, identityPolicies, request: { ...allowCase.request, principal } }),
    );
    const io = fakeIo();
    expect(await main(['simulate', file], io)).toBe(0);
    expect(io.err).toBe('');
  });

  it.each([
    ['a missing file', ['simulate', join(dir, 'nope.json')], `${join(dir, 'nope.json')}: no such file or directory`],
    ['no file', ['simulate'], 'iamgate simulate: missing FILE (`iamgate simulate --help` shows the usage)'],
    [
      'an unknown option',
      ['simulate', '--fast', oneFile],
      'iamgate simulate: unknown option `--fast` (`iamgate simulate --help` shows the usage)',
    ],
    [
      'a file that is not JSON',
      ['simulate', batchFile],
      `${batchFile}: invalid JSON at line 2, column 1: unexpected text after the document, found \`{\` (one case a line: add \`--batch\`)`,
    ],
    ['a case with an error', ['simulate', join(dir, 'bad.json')], `${join(dir, 'bad.json')}: /request/action:`],
  ])('exits 2 with one line on stderr, file and pointer first, for %s', async (_name, argv, message) => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ request: { principal: 'x' } }));
    const io = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err.startsWith(message)).toBe(true);
    expect(io.out).toBe('');
  });

  it('prints the version with --version, and the usage with --help', async () => {
    const version = fakeIo();
    expect(await main(['simulate', '--version'], version)).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = fakeIo();
    expect(await main(['simulate', '--help'], help)).toBe(0);
    expect(help.out).toContain('usage: iamgate simulate FILE|-');
  });
});
