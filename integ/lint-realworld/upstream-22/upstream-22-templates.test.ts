/**
 * `tf-scan --hcl` and `cdk-guard` on resources of the shapes checkov's Terraform and CloudFormation
 * IAM checks judge (CKV_AWS_40, 60, 61, 274, 286-290, 355, 356, 358 and the Cloudsplaining-style
 * checks on roles, users and policies), written for these tests: every finding at every address or
 * logical id, the quiet ones included (see README.md beside this file).
 */
import { scanTemplate } from '../../run-cdk-guard';
import { runTfScan } from '../../tf-scan/run-tf-scan';

const DIR = 'integ/lint-realworld/upstream-22';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';

interface Located {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly address?: string; readonly logicalId?: string };
}

// Built binaries: `npm run build` first.
describe('tf-scan --hcl on the shapes of checkov Terraform IAM checks (round 22)', () => {
  const run = runTfScan(['--hcl', `${DIR}/terraform`, '--config', CONFIG, '--format', 'json', '--fail-on', 'never']);
  const report = JSON.parse(run.stdout || '{}') as { findings: readonly Located[]; errors: readonly unknown[] };
  const at = (address: string): string[] =>
    report.findings
      .filter((f) => f.location.address === address)
      .map((f) => f.ruleId)
      .sort();

  test('the configuration is read without error', () => {
    expect(run.stderr).toBe('');
    expect(report.errors).toEqual([]);
  });

  test.each([
    // CKV_AWS_60: a trust open to `AWS: "*"` beside service statements
    ['aws_iam_role.anyone_may_assume', ['resource-exposure/public-principal']],
    ['aws_iam_role.deny_only_trust', []],
    // CKV_AWS_61: an account root, from a stranger without external id, from the partner with one
    [
      'aws_iam_role.stranger_account_root',
      ['trust-policy/account-root', 'trust-policy/cross-account-external-id', 'trust-policy/untrusted-account'],
    ],
    ['aws_iam_role.partner_root_with_external_id', []],
    // CKV_AWS_358 through a policy document data source
    ['aws_iam_role.github_deploy', ['trust-policy/oidc-missing-sub']],
    // CKV_AWS_274: AdministratorAccess attached to a role and to a group
    ['aws_iam_role.worker', ['admin-access/full-access']],
    ['aws_iam_group.operators', ['admin-access/full-access']],
    // CKV_AWS_40: a policy written on a user
    ['aws_iam_user.reporting', ['iam-user/direct-policy']],
    // CKV_AWS_49: every action on the objects of one bucket
    ['aws_iam_role_policy.worker_objects', ['wildcard-action/service-wildcard']],
    // CKV_AWS_286 to 290: escalation, exfiltration, credentials, permissions management, write
    [
      'aws_iam_policy.managed["pass_and_launch"]',
      ['privilege-escalation/pass-role-to-service', 'privilege-escalation/pass-role-wildcard'],
    ],
    ['aws_iam_policy.managed["read_secrets"]', ['data-exfiltration/unscoped-read']],
    ['aws_iam_policy.managed["new_access_keys"]', ['privilege-escalation/user-credentials']],
    ['aws_iam_policy.managed["attach_policies"]', ['privilege-escalation/iam-policy-modification']],
    ['aws_iam_policy.managed["write_objects"]', ['wildcard-resource/write-on-star']],
    // CKV_AWS_355/356: describes only accept `*`; a KMS `ViaService` condition still reaches every key
    ['aws_iam_policy.managed["describe_only"]', []],
    ['aws_iam_policy.managed["decrypt_via_sqs"]', ['wildcard-resource/write-on-star']],
  ])('%s', (address, expected) => {
    expect(at(address)).toEqual(expected);
  });

  test('no finding lands on an address the table does not list', () => {
    const listed = new Set([
      'aws_iam_role.anyone_may_assume',
      'aws_iam_role.stranger_account_root',
      'aws_iam_role.github_deploy',
      'aws_iam_role.worker',
      'aws_iam_group.operators',
      'aws_iam_user.reporting',
      'aws_iam_role_policy.worker_objects',
      'aws_iam_policy.managed["pass_and_launch"]',
      'aws_iam_policy.managed["read_secrets"]',
      'aws_iam_policy.managed["new_access_keys"]',
      'aws_iam_policy.managed["attach_policies"]',
      'aws_iam_policy.managed["write_objects"]',
      'aws_iam_policy.managed["decrypt_via_sqs"]',
    ]);
    expect(report.findings.map((f) => f.location.address).filter((a) => a === undefined || !listed.has(a))).toEqual([]);
  });
});

describe('cdk-guard on the shapes of checkov CloudFormation IAM checks (round 22)', () => {
  const { status, report, stderr } = scanTemplate(`${DIR}/templates`, 'checkov-iam-shapes.yaml', [
    '--config',
    CONFIG,
    '--fail-on',
    'never',
  ]);
  const findings = report.findings as readonly Located[];
  const at = (logicalId: string): string[] =>
    findings
      .filter((f) => f.location.logicalId === logicalId)
      .map((f) => f.ruleId)
      .sort();

  test('the template is read without error', () => {
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(report.errors).toEqual([]);
  });

  test.each([
    // one scoped inline policy, then administrator access in a second one
    ['ScopedThenAdmin', ['admin-access/full-access']],
    // checkov fails both; iam:ChangePassword on `*` changes only the caller's own password
    ['OwnPasswordAndBucketAcls', ['resource-exposure/policy-change', 'wildcard-resource/write-on-star']],
    ['ReaderRole', []],
    ['GetStarOnStar', ['data-exfiltration/unscoped-read']],
    [
      'IamEverything',
      [
        'admin-access/service-admin',
        'privilege-escalation/iam-policy-modification',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/user-credentials',
      ],
    ],
    ['PutObjectsOneBucket', []],
    // a deny of everything attached beside an inline `iam:PassRole` on `*`: nothing is allowed
    ['LockedRole', []],
    ['DenyEverything', []],
    ['ReportingUser', ['iam-user/direct-policy']],
    ['AnyoneMayAssume', ['resource-exposure/public-principal']],
    ['OwnAccountRoot', ['trust-policy/account-root']],
  ])('%s', (logicalId, expected) => {
    expect(at(logicalId)).toEqual(expected);
  });

  test('no finding lands on a resource the table does not list', () => {
    const listed = [
      'ScopedThenAdmin',
      'OwnPasswordAndBucketAcls',
      'GetStarOnStar',
      'IamEverything',
      'ReportingUser',
      'AnyoneMayAssume',
      'OwnAccountRoot',
    ];
    expect([...new Set(findings.map((f) => f.location.logicalId))].filter((id) => !listed.includes(id ?? ''))).toEqual(
      [],
    );
  });

  test('the write on `*` of OwnPasswordAndBucketAcls is the bucket ACL, not the own password', () => {
    const messages = findings.filter((f) => f.location.logicalId === 'OwnPasswordAndBucketAcls').map((f) => f.message);
    expect(messages.join('\n')).toContain('s3:PutBucketAcl');
    expect(messages.join('\n')).not.toContain('iam:ChangePassword');
  });
});
