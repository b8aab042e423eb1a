/**
 * A role's `inline_policy` blocks are all located at the role, and `/Statement/0` is in each: a
 * finding in one names the block, so a reader knows which policy to fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { buildPlan } from './plan-builder';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-inline-names-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const policy = (statement: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

interface Reported {
  ruleId: string;
  message: string;
  location: { address?: string; pointer?: string };
  evidence?: { policy?: string };
}

async function findings(blocks: { name: string; policy: string }[]): Promise<Reported[]> {
  const plan = buildPlan([
    { address: 'aws_iam_role.app', values: { name: 'app', assume_role_policy: TRUST, inline_policy: blocks } },
  ]);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
  const io = fakeIo({ cwd: dir });
  await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', '--fail-on', 'never', 'plan.json'], io);
  return (JSON.parse(io.out) as { findings: Reported[] }).findings;
}

describe('inline_policy blocks of one role', () => {
  it('a finding in the second block names it, in the message and the evidence', async () => {
    const found = await findings([
      {
        name: 'reports',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }),
      },
      { name: 'deploy', policy: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
    ]);
    const passRole = found.filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    expect(passRole.map((f) => [f.location.address, f.location.pointer])).toEqual([
      ['aws_iam_role.app', '/Statement/0'],
    ]);
    expect(passRole[0]?.message).toMatch(/ \(in inline policy `aws_iam_role\.app\.inline_policy\.deploy`\)$/);
    expect(passRole[0]?.evidence?.policy).toBe('aws_iam_role.app.inline_policy.1');
  });

  it('one block alone is not named', async () => {
    const found = await findings([
      { name: 'deploy', policy: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
    ]);
    expect(found.map((f) => f.ruleId)).toContain('privilege-escalation/pass-role-wildcard');
    for (const finding of found) expect(finding.message).not.toContain('(in inline policy');
  });
});
