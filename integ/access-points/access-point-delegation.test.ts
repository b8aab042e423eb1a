/**
 * A bucket that delegates its access control to access points (`s3:DataAccessPointAccount`): the
 * account whose access points decide who reaches the bucket is granted, in an Allow for
 * `{"AWS": "*"}` as behind a Deny fencing everyone else out, unless the callers are confined
 * besides (then the access points only choose among them). `iamgate lint` runs as a user runs it,
 * on policies written here (`npm run build` first), the partner `999988887777` and the organization
 * `o-zz99yy88xx` not trusted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'packages', 'core', 'bin', 'iamgate.js');
const LAKE = ['arn:aws:s3:::lake', 'arn:aws:s3:::lake/*'];

const delegating = (condition: object): object => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: LAKE[1], Condition: condition },
  ],
});
const fenced = (...conditions: object[]): object => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: LAKE[1] },
    ...conditions.map((condition) => ({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: LAKE,
      Condition: condition,
    })),
  ],
});

// What each policy is reported for: rule and the account its message names ('' for none).
const cases: [string, object, [string, string][]][] = [
  [
    "an Allow delegating to the partner's access points grants the partner",
    delegating({ StringEquals: { 's3:DataAccessPointAccount': '999988887777' } }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "an Allow delegating to the access points of the own and the partner's account grants the partner",
    delegating({ StringEquals: { 's3:DataAccessPointAccount': ['444455556666', '999988887777'] } }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "an Allow naming the partner's access point by ARN grants the partner",
    delegating({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:eu-west-1:999988887777:accesspoint/*' } }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "the partner's principals through the own access points are the partner's",
    delegating({
      StringEquals: { 'aws:PrincipalAccount': '999988887777', 's3:DataAccessPointAccount': '444455556666' },
    }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "the partner's access points choosing among the own principals grant the partner nothing",
    delegating({
      StringEquals: { 'aws:PrincipalAccount': '444455556666', 's3:DataAccessPointAccount': '999988887777' },
    }),
    [],
  ],
  [
    "the principals of another organization through the own access points are that organization's",
    delegating({
      StringEquals: { 's3:DataAccessPointAccount': '444455556666', 'aws:PrincipalOrgID': 'o-zz99yy88xx' },
    }),
    [['trust-policy/untrusted-account', '']],
  ],
  [
    "a Deny of all but the partner's access points grants the partner",
    fenced({ StringNotEquals: { 's3:DataAccessPointAccount': '999988887777' } }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "a Deny of all but the partner's access points, IfExists, grants the partner",
    fenced({ StringNotEqualsIfExists: { 's3:DataAccessPointAccount': '999988887777' } }),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    'a Deny of all but the own access points (`${aws:ResourceAccount}`) is clean',
    fenced({ StringNotEquals: { 's3:DataAccessPointAccount': '${aws:ResourceAccount}' } }),
    [],
  ],
  [
    "a Deny of all but the own access points beside a Deny of all but the partner's principals grants the partner",
    fenced(
      { StringNotEquals: { 's3:DataAccessPointAccount': '444455556666' } },
      { StringNotEquals: { 'aws:PrincipalAccount': '999988887777' } },
    ),
    [['trust-policy/untrusted-account', '999988887777']],
  ],
  [
    "a Deny of all but the partner's access points beside a Deny of all but the own principals is clean",
    fenced(
      { StringNotEquals: { 's3:DataAccessPointAccount': '999988887777' } },
      { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } },
    ),
    [],
  ],
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-access-points-'));
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ trust: { accounts: ['444455556666'], organizationIds: ['o-a1b2c3d4e5'] } }),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a bucket delegating to access points, linted', () => {
  test.each(cases.map((c, i) => [...c, i] as const))('%s', (_name, policy, expected, i) => {
    const file = path.join(dir, `policy-${String(i)}.json`);
    writeFileSync(file, JSON.stringify(policy));
    const args = [
      BIN,
      'lint',
      file,
      '--type',
      'resource',
      '--config',
      path.join(dir, 'config.json'),
      '--format',
      'json',
    ];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] };
    expect(report.findings.map((f) => [f.ruleId, /`(\d{12})`/.exec(f.message)?.[1] ?? ''])).toEqual(expected);
    expect(run.status).toBe(expected.length === 0 ? 0 : 1);
  });
});
