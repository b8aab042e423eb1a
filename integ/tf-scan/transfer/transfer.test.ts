/**
 * AWS Transfer Family session policies (integ/tf-scan/transfer, written by `build-plans.js`), through
 * the real binary (`npm run build` first): a user's or directory group's scope-down policy is linted
 * as the session policy it is, with the `${transfer:...}` variables it names its home with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress, runTfScan } from '../run-tf-scan';

const PLAN = path.join('integ/tf-scan/transfer', 'transfer.json');

describe('Transfer Family session policies (tf-scan)', () => {
  const report = jsonReport([PLAN]);

  it('a misspelt action in a scope-down policy is found; the documented home-folder policy is clean', () => {
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, {
      'aws_transfer_user.alice': [],
      'aws_transfer_user.bob': ['policy-validity/unknown-action'],
      'aws_transfer_access.finance': [],
      'aws_transfer_access.audit': [],
      'aws_iam_role.sftp': [],
    });
    expect(got).toEqual(want);
    const typo = report.findings.find((f) => f.location.address === 'aws_transfer_user.bob');
    expect(typo?.location.pointer).toBe('/Statement/0/Action');
    expect(typo?.message).toContain('`s3:GetObjects`');
  });

  it('a session policy of every action grants nothing: no admin-access finding, the role is judged on its own', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(__dirname, 'transfer.json'), 'utf8')) as {
      resource_changes: { address: string; change: { after: Record<string, unknown> } }[];
    };
    const alice = plan.resource_changes.find((r) => r.address === 'aws_transfer_user.alice');
    if (alice === undefined) throw new Error('the plan lost aws_transfer_user.alice');
    alice.change.after['policy'] = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      ],
    });
    const { status, stdout, stderr } = runTfScan(['-', '--format', 'json'], JSON.stringify(plan));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; location: { address?: string } }[] })
      .findings;
    expect(findings.filter((f) => f.location.address === 'aws_transfer_user.alice')).toEqual([]);
  });
});
