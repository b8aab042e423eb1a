/**
 * A group's policy granting escalation, as `tf-scan --hcl` reports it: a group never acts, its
 * members do, each within its own permissions boundary. The group's finding names its members;
 * the members in the input are judged one by one. Configurations of our own (groups/ beside this
 * file).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const DIR = 'integ/lint-realworld/rules-5/groups';

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly principal?: string;
}

function scan(folder: string): readonly Finding[] {
  const result = spawnSync(process.execPath, [BIN, '--hcl', `${DIR}/${folder}`, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

const byPrincipal = (findings: readonly Finding[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const f of findings) (out[f.principal ?? '(none)'] ??= []).push(f.ruleId);
  return Object.fromEntries(Object.entries(out).map(([p, ids]) => [p, [...new Set(ids)].sort()]));
};

const ESCALATION = ['privilege-escalation/iam-policy-modification', 'privilege-escalation/user-credentials'];

describe('a group policy granting escalation', () => {
  test('with no member in the input: reported on the group, as what a member of it can do', () => {
    const findings = scan('members-unknown');
    expect(byPrincipal(findings)).toEqual({ 'aws_iam_group.operators': ESCALATION });
    for (const f of findings) {
      expect(f.message).toContain('a member of group `aws_iam_group.operators`');
      expect(f.message).not.toMatch(/^group `/);
    }
  });

  test('with members in the input: each judged with its own boundary, the bounded one capped', () => {
    const findings = scan('members-known');
    expect(byPrincipal(findings)).toEqual({
      'aws_iam_group.operators': ESCALATION,
      'aws_iam_user.unbounded': ESCALATION,
    });
  });
});
