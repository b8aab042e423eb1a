import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';
import type { Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey25', name);

/** Rule id and address of each finding of the JSON report of `tf-scan` on `args`; standard error must stay empty. */
function found(...args: string[]): string[] {
  const { stdout, stderr, status } = runTfScan([...args, '--format', 'json', '--fail-on', 'never']);
  expect({ stderr, status }).toEqual({ stderr: '', status: 0 });
  return (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort();
}

// Runs the built binary: `npm run build` first.
describe('tf-scan --hcl on configurations as users write them, without a plan (round 25)', () => {
  // Five shapes a new user writes first, each judged finding by finding: all were right already.
  it.each([
    [
      'dynamic-blocks',
      [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.app',
        'trust-policy/account-root aws_iam_role.x',
        'trust-policy/cross-account-external-id aws_iam_role.x',
      ],
    ],
    ['templatefile-per-key', ['wildcard-resource/write-on-star aws_iam_role_policy.t["audit"]']],
    [
      'for-each-objects',
      [
        'admin-access/service-admin aws_iam_role_policy.svc["ops"]',
        'privilege-escalation/iam-policy-modification aws_iam_role_policy.svc["ops"]',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.svc["ops"]',
        'privilege-escalation/user-credentials aws_iam_role_policy.svc["ops"]',
      ],
    ],
    ['module-outputs', ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.app']],
    ['count-conditional', ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.pass[0]']],
  ])('probes/%s', (name, expected) => {
    expect(found('--hcl', path.join(dir('probes'), name))).toEqual(expected);
  });

  it("the document of the module instance a policy picks by its own key (`module.x[count.index].policy_json`) is that instance's", () => {
    // Only instance 1 and "ops" add the pass of every role; all four were unresolved.
    expect(found('--hcl', dir('module-instance-outputs'))).toEqual([
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.counted[1]',
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.teams["ops"]',
      'wildcard-resource/write-on-star aws_iam_role_policy.counted[0]',
      'wildcard-resource/write-on-star aws_iam_role_policy.counted[1]',
      'wildcard-resource/write-on-star aws_iam_role_policy.teams["ops"]',
      'wildcard-resource/write-on-star aws_iam_role_policy.teams["web"]',
    ]);
  });

  describe('a module written for Terraform and OpenTofu, beside the plan each tool made', () => {
    it("Terraform's plan (providers from registry.terraform.io) is rebuilt from policy.tf: quiet", () => {
      expect(found(path.join(dir('plan-by-tool'), 'terraform.json'))).toEqual([]);
    });

    it("OpenTofu's plan (providers from registry.opentofu.org) is rebuilt from policy.tofu, read in place of policy.tf", () => {
      expect(found(path.join(dir('plan-by-tool'), 'opentofu.json'))).toEqual([
        'data-exfiltration/unscoped-read aws_iam_role_policy.app',
        'wildcard-resource/write-on-star aws_iam_role_policy.app',
      ]);
    });
  });

  describe('a plan whose providers come from a private registry, which tells neither tool, without a lock file', () => {
    const scan = (name: string): { findings: string[]; stderr: string } => {
      const plan = path.join(dir('private-registry'), name, 'plan.json');
      const { stdout, stderr, status } = runTfScan([plan, '--format', 'json', '--fail-on', 'never']);
      expect(status).toBe(0);
      const findings = (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`);
      return { findings: findings.sort(), stderr };
    };

    it('beside .tf and .tofu files, it is rebuilt from policy.tf as Terraform reads it, naming policy.tofu left out', () => {
      const folder = path.join(dir('private-registry'), 'both');
      expect(scan('both')).toEqual({
        findings: [],
        stderr: `tf-scan: ${folder}: read as Terraform reads it, leaving out OpenTofu's \`${path.join(folder, 'policy.tofu')}\`: no lock file or plan names OpenTofu's registry (if OpenTofu runs it, \`tofu init\` writes the lock file that has them read)\n`,
      });
    });

    it('beside .tofu files only, it is rebuilt from policy.tofu as OpenTofu reads it, saying so', () => {
      const folder = path.join(dir('private-registry'), 'tofu-only');
      expect(scan('tofu-only')).toEqual({
        findings: [
          'data-exfiltration/unscoped-read aws_iam_role_policy.app',
          'wildcard-resource/write-on-star aws_iam_role_policy.app',
        ],
        stderr: `tf-scan: ${folder}: read as OpenTofu reads it: it holds .tofu files only, which Terraform never reads\n`,
      });
    });
  });
});
