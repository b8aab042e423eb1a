/**
 * Fail closed: an internal error while analyzing a principal or a policy becomes an error-level
 * finding that names what could not be checked (so the gate exits 1), never a silent pass or a
 * crash. A throwing rule is injected in place of a real one for the duration of each test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES, runGuard } from '@iamgate/core';
import type { AnyRule, ScanInput } from '@iamgate/core';
import { main } from '../../packages/core/src/cli/main';

const ROLE = 'aws_iam_role.app';
const PASS_ANY_ROLE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
};

function scanInput(document: unknown): ScanInput {
  return {
    principals: [
      {
        id: ROLE,
        kind: 'role',
        name: 'app',
        path: '/',
        arn: undefined,
        policies: [
          {
            kind: 'inline',
            policy: {
              id: 'aws_iam_role_policy.app',
              name: 'app',
              document,
              location: { file: 'plan.json', address: 'aws_iam_role_policy.app' },
            },
          },
        ],
        tags: {},
        location: { file: 'plan.json', address: ROLE },
      },
    ],
    resources: [],
    policies: [],
    errors: [],
  };
}

/** Runs `body` with the rule `id` replaced by `patch` applied to it. */
async function withRule<T>(id: string, patch: Partial<AnyRule>, body: () => T | Promise<T>): Promise<T> {
  const rules = RULES as AnyRule[];
  const index = rules.findIndex((r) => r.meta.id === id);
  const original = rules[index];
  if (original === undefined) throw new Error(`no rule ${id}`);
  rules[index] = { ...original, ...patch };
  try {
    return await body();
  } finally {
    rules[index] = original;
  }
}

const boom = (): never => {
  throw new Error('injected failure\nsecond line');
};

describe('fail closed', () => {
  it('a rule that throws on a principal becomes an error finding naming the principal', async () => {
    const result = await withRule(
      'privilege-escalation/pass-role-wildcard',
      { checkPolicy: undefined, checkPrincipal: boom },
      () => runGuard(scanInput(PASS_ANY_ROLE)),
    );
    const failure = result.findings.find((f) => f.ruleId === 'unverifiable/rule-failure');
    expect(failure).toMatchObject({ severity: 'error', principal: ROLE });
    expect(failure?.message).toContain('app');
    expect(failure?.message).not.toContain('\n');
  });

  it('a rule that throws on a policy becomes an error finding naming the policy', async () => {
    const result = await withRule('privilege-escalation/pass-role-wildcard', { checkPolicy: boom }, () =>
      runGuard(scanInput(PASS_ANY_ROLE)),
    );
    const failure = result.findings.find((f) => f.ruleId === 'unverifiable/rule-failure');
    expect(failure?.severity).toBe('error');
    expect(failure?.message).toMatch(/app/);
  });

  it('a policy document that throws when read becomes a finding, not a crash', () => {
    const hostile = new Proxy(
      {},
      {
        get: boom,
        ownKeys: boom,
        getOwnPropertyDescriptor: boom,
      },
    );
    const result = runGuard(scanInput(hostile));
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toContainEqual([
      'policy-validity/invalid-policy',
      'error',
    ]);
  });

  it('iamgate lint exits 1 when a rule throws, and says which rule failed on which policy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-fail-closed-'));
    const file = path.join(dir, 'policy.json');
    // A policy no enabled rule objects to, so that only the failure can make the run fail.
    fs.writeFileSync(
      file,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }],
      }),
    );
    let out = '';
    let err = '';
    const io = {
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (err += t),
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
      cwd: dir,
      env: {},
      isTty: false,
    };
    try {
      const clean = await main(['lint', file], io);
      expect(clean).toBe(0);
      out = '';
      const code = await withRule('wildcard-action/service-wildcard', { checkPolicy: boom }, () =>
        main(['lint', file, '--format', 'json'], io),
      );
      expect(code).toBe(1);
      const report = JSON.parse(out) as { findings: { ruleId: string; message: string }[] };
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'unverifiable/rule-failure',
          message: expect.stringContaining('wildcard-action/service-wildcard') as unknown,
        }),
      );
      expect(err).not.toMatch(/^\s+at /m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
