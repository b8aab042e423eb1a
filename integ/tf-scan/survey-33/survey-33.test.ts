/**
 * Survey 33 (integ/tf-scan/survey-33): configurations in the shapes of the public module
 * collections (a Lambda module fed `policy_statements`, EKS IRSA and node roles, cloudposse's
 * aggregated documents, the S3 bucket module's log delivery policies, GitHub OIDC roles), scanned
 * as `tf-scan --hcl DIR` and, for two of them, as the plans `terraform show -json` gives
 * (`build-plans.js`). The real binary runs (`npm run build` first) with `survey-33.config.json`
 * (the account and the shared-services account trusted); each verdict was decided from the AWS
 * documentation before running the tool (README.md says why). Every address with a finding is
 * listed; `[]` marks one that must stay clean.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, jsonReport, ruleIdsByAddress, runTfScan } from '../run-tf-scan';
import { pointedLines } from '../../sarif-lines';
import type { Finding } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey-33';
const CONFIG = ['--config', path.join(DIR, 'survey-33.config.json')];
const hcl = (name: string): string[] => ['--hcl', path.join(DIR, 'hcl', name)];

const PASS_ROLE = ['privilege-escalation/pass-role-wildcard'];
const DEPLOYER = [...PASS_ROLE, 'privilege-escalation/run-as-existing-role', 'wildcard-resource/write-on-star'];
const S3_STAR = [
  'data-exfiltration/unscoped-read',
  'resource-exposure/policy-change',
  'wildcard-action/service-wildcard',
  'wildcard-resource/write-on-star',
];
const READ_ONLY_ACCESS = ['credentials-exposure/unscoped-credential-action', 'data-exfiltration/unscoped-read'];
const OTHER_ACCOUNTS = [
  'trust-policy/account-root',
  'trust-policy/cross-account-external-id',
  'trust-policy/untrusted-account',
];

interface Row {
  readonly behaviour: string;
  readonly args: readonly string[];
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const LAMBDA_MODULE = {
  // The ingest function's statements name the table, a prefix of the bucket and the key (through S3).
  'module.ingest.aws_iam_role.lambda[0]': [],
  'module.ingest.aws_iam_policy.additional_inline[0]': [],
  'module.deployer.aws_iam_policy.additional_inline[0]': DEPLOYER,
};
const CLOUDPOSSE = {
  // The override replaces the `Artifacts` sid of the merged sources with one bucket's objects.
  'aws_iam_policy.default[0]': [],
  'aws_iam_role.default[0]': [],
  'aws_iam_role_policy.wide[0]': S3_STAR,
};

const ROWS: readonly Row[] = [
  {
    behaviour: 'a module fed policy_statements through a dynamic statement block, called twice',
    args: hcl('lambda-module'),
    expected: LAMBDA_MODULE,
  },
  {
    behaviour: 'the same module as the plan shows it, one document read only at apply',
    args: [path.join(DIR, 'lambda-module.json')],
    expected: LAMBDA_MODULE,
  },
  {
    behaviour: 'IRSA trusts pinned to a service account, the EBS CSI policy, node roles',
    args: hcl('irsa'),
    expected: {
      'aws_iam_role.ebs_csi': [],
      // The EBS CSI driver's attach, detach, modify and snapshot reach every volume of the account.
      'aws_iam_policy.ebs_csi': ['wildcard-resource/write-on-star'],
      'aws_iam_role.any_sa': ['trust-policy/oidc-missing-sub'],
      'aws_iam_role.nodes': [],
    },
  },
  {
    behaviour: 'cloudposse documents aggregated with count, join("", ...*.json), source and override documents',
    args: hcl('cloudposse'),
    expected: CLOUDPOSSE,
  },
  {
    behaviour: 'the same aggregation as the plan shows it, every document read at plan time',
    args: [path.join(DIR, 'cloudposse-aggregation.json')],
    expected: CLOUDPOSSE,
  },
  {
    behaviour: 'log delivery, TLS-only and origin access control bucket policies beside a public website',
    args: hcl('s3-module'),
    expected: {
      // Both load balancer writers may write anywhere in the bucket, not only under AWSLogs/<account>/.
      'aws_s3_bucket_policy.logs': ['resource-exposure/confused-deputy'],
      'aws_s3_bucket_policy.lb_logs': [],
      'aws_s3_bucket_policy.site': ['resource-exposure/public-principal'],
      'aws_s3_bucket_policy.assets': [],
    },
  },
  {
    behaviour: 'the KMS module key policy: root, administrators, users and grant users by dynamic statements',
    args: hcl('kms-module'),
    // The shared-services consumer is trusted; the partner's reader is not.
    expected: { 'aws_kms_key.this': ['trust-policy/untrusted-account'] },
  },
  {
    behaviour: 'GitHub OIDC roles: one pinned to a branch and an environment, one to any repository',
    args: hcl('github-oidc'),
    expected: {
      'aws_iam_role.deploy': READ_ONLY_ACCESS,
      'aws_iam_role.org_wide': ['admin-access/full-access', 'trust-policy/oidc-missing-sub'],
    },
  },
  {
    behaviour: 'EKS module idioms: merged policy ARN maps, flattened for_each keys, dynamic inline_policy, heredoc',
    args: hcl('eks-idioms'),
    expected: {
      'aws_iam_role.node': ['admin-access/full-access', 'privilege-escalation/run-as-existing-role'],
      'aws_iam_role_policy.heredoc': [...PASS_ROLE, 'privilege-escalation/pass-role-to-service'],
      'aws_iam_role.team["reader"]': [...READ_ONLY_ACCESS, ...OTHER_ACCOUNTS],
      'aws_iam_role.team["ops"]': [
        'admin-access/service-admin',
        'privilege-escalation/iam-policy-modification',
        ...PASS_ROLE,
        'privilege-escalation/user-credentials',
        ...OTHER_ACCOUNTS,
      ],
      // Switched off by `enabled = false`: no instance, no finding.
      'aws_iam_role.team["legacy"]': [],
    },
  },
];

describe('survey 33: module idioms as --hcl and as plans (tf-scan)', () => {
  it.each(ROWS)('$behaviour', ({ args, expected }) => {
    const report = jsonReport([], ...args, ...CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });

  it.each([
    ['lambda-module', 'lambda-module.json'],
    ['cloudposse', 'cloudposse-aggregation.json'],
  ])('the plan of %s gets the findings of its configuration, message for message', (dir, plan) => {
    const said = (findings: readonly Finding[]): string[] =>
      findings.map((f) => `${f.location.address ?? ''} ${f.ruleId} ${f.location.pointer ?? ''} ${f.message}`).sort();
    const fromText = jsonReport([], ...hcl(dir), ...CONFIG);
    const fromPlan = jsonReport([path.join(DIR, plan)], ...CONFIG);
    expect(said(fromPlan.findings)).toEqual(said(fromText.findings));
  });

  it('each finding of --hcl names the line its resource is declared on', () => {
    const { stdout, stderr } = runTfScan([...hcl('eks-idioms'), '--format', 'sarif', '--fail-on', 'never']);
    expect(stderr).toBe('');
    const found = pointedLines(stdout);
    expect(found.length).toBeGreaterThan(0);
    for (const { name: address, line, lines } of found) {
      const [type, name] = address.replace(/\[.*\]$/, '').split('.');
      const declared = lines.findIndex((l) => l.startsWith(`resource "${type ?? ''}" "${name ?? ''}"`)) + 1;
      expect({ address, line }).toEqual({ address, line: declared });
    }
  });

  it('every resource type that carries a resource policy is read: a policy for `*` on each is public', () => {
    const dir = path.join(DIR, 'hcl', 'policy-bearing-types');
    const declared = [
      ...fs.readFileSync(path.join(ROOT, dir, 'main.tf'), 'utf8').matchAll(/^resource "(\w+)" "(\w+)"/gm),
    ].map(([, type, name]) => `${type ?? ''}.${name ?? ''}`);
    // A VPC endpoint's policy only narrows what callers' own policies grant (AWS's default is `*`);
    // an access point blocks public policies unless its own settings turn that off; an identity
    // policy takes no `Principal` (invalid, and the user's direct policy).
    const notPublic: Record<string, readonly string[]> = {
      'aws_vpc_endpoint.open': [],
      'aws_s3_access_point.open': [],
      'aws_iam_group_policy.open': ['policy-validity/invalid-policy'],
      'aws_iam_user_policy.open': ['iam-user/direct-policy', 'policy-validity/invalid-policy'],
    };
    const expected = Object.fromEntries(
      declared.map((a) => [a, notPublic[a] ?? ['resource-exposure/public-principal']]),
    );
    expect(declared.length).toBeGreaterThan(50);
    const report = jsonReport([], '--hcl', dir);
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});
