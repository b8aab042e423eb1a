/**
 * Parity with the IAM checks platform teams already run on plans (checkov, regula/snyk,
 * terraform-compliance): what they fail gets our rule on the same resource, what they pass as
 * least privilege gets no error. The plans and the check -> rule map are in parity/README.md.
 */
import { byAddress, jsonReport } from './run-tf-scan';
import type { Finding } from './run-tf-scan';

const DIR = 'integ/tf-scan/parity';
const PLANS = [
  'identity-policies.json',
  'attachments.json',
  'trust.json',
  'password-policy.json',
  'resource-policies.json',
] as const;
type PlanFile = (typeof PLANS)[number];

interface Parity {
  /** The other tool's check ids. */
  readonly check: string;
  readonly plan: PlanFile;
  /** The address the check fails and the rule we report there. */
  readonly fails: readonly { readonly address: string; readonly rule: string }[];
  /** Addresses the check passes (or that we answer differently, see README.md): no finding of ours. */
  readonly passes: readonly string[];
}

const fail = (address: string, rule: string): { address: string; rule: string } => ({ address, rule });

const ROWS: readonly Parity[] = [
  // identity policies
  {
    check: 'CKV_AWS_1 (document allows *:*)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_policy.admin_from_document', 'admin-access/full-access')],
    passes: ['aws_iam_policy.reader_from_document'],
  },
  {
    check: 'CKV_AWS_49 (document allows * as action)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_policy.star_on_bucket', 'wildcard-action/service-wildcard')],
    passes: ['aws_iam_policy.named_on_bucket'],
  },
  {
    check: 'CKV_AWS_62, FG_R00092 (policy allows *:*)',
    plan: 'identity-policies.json',
    fails: [
      fail('aws_iam_role_policy.admin_inline', 'admin-access/full-access'),
      fail('aws_iam_group_policy.ops_admin', 'admin-access/full-access'),
    ],
    passes: ['aws_iam_role_policy.table_inline', 'aws_iam_group_policy.readers_reports'],
  },
  {
    check: 'CKV_AWS_63, terraform-compliance (policy allows * as action)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_policy.star_on_table', 'wildcard-action/service-wildcard')],
    passes: ['aws_iam_role_policy.table_inline'],
  },
  {
    check: 'CKV_AWS_107, CKV_AWS_287 (credentials exposure)',
    plan: 'identity-policies.json',
    fails: [
      fail('aws_iam_policy.any_user_keys', 'credentials-exposure/unscoped-credential-action'),
      fail('aws_iam_policy.any_user_keys', 'privilege-escalation/user-credentials'),
    ],
    passes: ['aws_iam_policy.own_keys'],
  },
  {
    check: 'CKV_AWS_108, CKV_AWS_288 (data exfiltration)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_role_policy.read_everything', 'data-exfiltration/unscoped-read')],
    passes: ['aws_iam_role_policy.read_one'],
  },
  {
    check: 'CKV_AWS_109, CKV_AWS_289 (permissions management, resource exposure)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_policy.set_any_policy', 'resource-exposure/policy-change')],
    passes: ['aws_iam_policy.set_one_policy'],
  },
  {
    check: 'CKV_AWS_110, CKV_AWS_286 (privilege escalation)',
    plan: 'identity-policies.json',
    fails: [
      fail('aws_iam_policy.pass_any', 'privilege-escalation/pass-role-to-service'),
      fail('aws_iam_policy.pass_any', 'privilege-escalation/pass-role-wildcard'),
      fail('aws_iam_policy.policy_versions', 'privilege-escalation/iam-policy-modification'),
    ],
    passes: ['aws_iam_policy.pass_one'],
  },
  {
    check: 'CKV_AWS_111, CKV_AWS_290, CKV_AWS_355, CKV_AWS_356 (write or restrictable actions on *)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_role_policy.write_anywhere', 'wildcard-resource/write-on-star')],
    passes: ['aws_iam_role_policy.star_only_actions'],
  },
  {
    check: 'CKV2_AWS_40 (full IAM privileges)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_policy.iam_full', 'admin-access/service-admin')],
    passes: ['aws_iam_policy.iam_get_role'],
  },
  {
    check: 'sts:AssumeRole on * (cloudsplaining credentials exposure, CKV_AWS_287)',
    plan: 'identity-policies.json',
    fails: [fail('aws_iam_role_policy.assume_any', 'privilege-escalation/assume-any-role')],
    passes: [],
  },
  // attachments
  {
    check: 'CKV_AWS_40, FG_R00007 (policies attached to a user)',
    plan: 'attachments.json',
    fails: [fail('aws_iam_user.alice', 'iam-user/direct-policy'), fail('aws_iam_user.carol', 'iam-user/direct-policy')],
    passes: ['aws_iam_user.bob', 'aws_iam_group_policy.analysts_reports'],
  },
  {
    check: 'CKV_AWS_274, CKV2_AWS_51 (AdministratorAccess attached)',
    plan: 'attachments.json',
    fails: [
      fail('aws_iam_role.admin_listed', 'admin-access/full-access'),
      fail('aws_iam_role.ops', 'admin-access/full-access'),
      fail('aws_iam_role.legacy', 'admin-access/full-access'),
      fail('aws_iam_role.exclusive', 'admin-access/full-access'),
      fail('aws_iam_role.from_data', 'admin-access/full-access'),
      fail('aws_ssoadmin_permission_set.admin', 'admin-access/full-access'),
      fail('aws_iam_user.breakglass', 'admin-access/full-access'),
    ],
    passes: [
      'aws_iam_role.basic',
      'aws_iam_role_policy.basic_table',
      'aws_ssoadmin_permission_set.viewer',
      'data.aws_iam_policy.administrator',
    ],
  },
  {
    check: 'CKV2_AWS_56 (IAMFullAccess attached), CKV2_AWS_40 on a permission set',
    plan: 'attachments.json',
    fails: [
      fail('aws_iam_group.iam_admins', 'admin-access/service-admin'),
      fail('aws_ssoadmin_permission_set_inline_policy.iam_operator', 'admin-access/service-admin'),
    ],
    passes: ['aws_iam_group.iam_readers'],
  },
  {
    check: 'CKV2_AWS_22 (user with console access)',
    plan: 'attachments.json',
    fails: [
      fail('aws_iam_user.console', 'iam-user/console-without-mfa'),
      fail('aws_iam_user_login_profile.console', 'iam-user/weak-password-policy'),
    ],
    passes: [],
  },
  {
    check: 'CKV_AWS_273 (IAM user instead of SSO): the long-lived key',
    plan: 'attachments.json',
    fails: [fail('aws_iam_access_key.deployer', 'iam-user/access-key')],
    passes: [],
  },
  {
    check: 'FG_R00218, FG_R00220 (listing every bucket): answered differently',
    plan: 'identity-policies.json',
    fails: [],
    passes: ['aws_iam_policy.list_buckets'],
  },
  {
    check: 'FG_R00220 on a role in an instance profile: answered differently',
    plan: 'attachments.json',
    fails: [],
    passes: ['aws_iam_role.instance', 'aws_iam_role_policy.instance_list', 'aws_iam_instance_profile.instance'],
  },
  // trust
  {
    check: 'CKV_AWS_60, terraform-compliance (any AWS principal may assume)',
    plan: 'trust.json',
    fails: [fail('aws_iam_role.any_aws', 'resource-exposure/public-principal')],
    passes: ['aws_iam_role.lambda_service'],
  },
  {
    check: 'FG_R00219 (Principal * may assume)',
    plan: 'trust.json',
    fails: [fail('aws_iam_role.anyone', 'resource-exposure/public-principal')],
    passes: ['aws_iam_role.deploy'],
  },
  {
    check: 'CKV_AWS_61, FG_R00255 (another account without external id)',
    plan: 'trust.json',
    fails: [
      fail('aws_iam_role.partner_root', 'trust-policy/cross-account-external-id'),
      fail('aws_iam_role.partner_root', 'trust-policy/account-root'),
      fail('aws_iam_role.partner_account_id', 'trust-policy/cross-account-external-id'),
      // the own account's root: every principal of the account with sts:AssumeRole on the role
      fail('aws_iam_role.own_root', 'trust-policy/account-root'),
    ],
    passes: ['aws_iam_role.partner_external_id'],
  },
  {
    check: 'CKV_AWS_358 (GitHub Actions OIDC subject)',
    plan: 'trust.json',
    fails: [
      fail('aws_iam_role.gha_org_wide', 'trust-policy/oidc-broad-subject'),
      fail('aws_iam_role.gha_any', 'trust-policy/oidc-missing-sub'),
      fail('aws_iam_role.gha_no_condition', 'trust-policy/oidc-missing-sub'),
    ],
    passes: ['aws_iam_role.gha_main'],
  },
  // password policy
  ...(
    [
      ['CKV_AWS_9 (expiry within 90 days)', ['ckv_aws_9_no_expiry', 'ckv_aws_9_long_expiry']],
      ['CKV_AWS_10 (14 characters)', ['ckv_aws_10_short']],
      ['CKV_AWS_11 (a lower-case letter)', ['ckv_aws_11_no_lowercase']],
      ['CKV_AWS_12 (a number)', ['ckv_aws_12_no_numbers']],
      ['CKV_AWS_13 (24 remembered passwords)', ['ckv_aws_13_reuse']],
      ['CKV_AWS_14 (an upper-case letter)', ['ckv_aws_14_no_uppercase']],
      ['CKV_AWS_15 (a symbol)', ['ckv_aws_15_no_symbols']],
    ] as const
  ).map(([check, names]): Parity => ({
    check,
    plan: 'password-policy.json',
    fails: names.map((n) => fail(`aws_iam_account_password_policy.${n}`, 'iam-user/weak-password-policy')),
    passes: ['aws_iam_account_password_policy.cis'],
  })),
  // resource policies
  {
    check: 'CKV_AWS_33, FG_R00252 (KMS key policy with * principal)',
    plan: 'resource-policies.json',
    fails: [
      fail('aws_kms_key.open', 'resource-exposure/public-principal'),
      fail('aws_kms_key.open_list', 'resource-exposure/public-principal'),
    ],
    passes: ['aws_kms_key.default'],
  },
  {
    check: 'CKV_AWS_70 (bucket policy allows any principal)',
    plan: 'resource-policies.json',
    fails: [
      fail('aws_s3_bucket_policy.public', 'resource-exposure/public-principal'),
      // TLS narrows how, not who
      fail('aws_s3_bucket_policy.tls_only', 'resource-exposure/public-principal'),
    ],
    // one VPC endpoint is no public access (S3 Block Public Access, IAM Access Analyzer)
    passes: ['aws_s3_bucket_policy.private', 'aws_s3_bucket_policy.vpce_only'],
  },
  {
    check: 'FG_R00210, FG_R00211 (bucket policy allows every action, or listing, to any principal)',
    plan: 'resource-policies.json',
    fails: [
      fail('aws_s3_bucket_policy.allow_all', 'resource-exposure/public-principal'),
      fail('aws_s3_bucket_policy.list_all', 'resource-exposure/public-principal'),
    ],
    passes: ['aws_s3_bucket_policy.private'],
  },
  {
    check: 'CKV_AWS_168 (public SQS queue policy)',
    plan: 'resource-policies.json',
    fails: [fail('aws_sqs_queue_policy.open', 'resource-exposure/public-principal')],
    passes: ['aws_sqs_queue_policy.fanout', 'aws_sqs_queue_policy.org'],
  },
  {
    check: 'CKV_AWS_72 (SQS policy allows all actions): to anyone; to the own account answered differently',
    plan: 'resource-policies.json',
    fails: [fail('aws_sqs_queue_policy.all_actions', 'resource-exposure/public-principal')],
    passes: ['aws_sqs_queue_policy.all_actions_own'],
  },
  {
    check: 'CKV_AWS_283, FG_R00252 (any AWS principal without kms:CallerAccount)',
    plan: 'resource-policies.json',
    fails: [fail('aws_kms_key.logs_any_caller', 'resource-exposure/public-principal')],
    // `kms:CallerAccount` restricts who
    passes: ['aws_kms_key.logs_own_callers'],
  },
  {
    check: 'CKV_AWS_169 (public SNS topic policy)',
    plan: 'resource-policies.json',
    fails: [fail('aws_sns_topic_policy.open', 'resource-exposure/public-principal')],
    passes: ['aws_sns_topic_policy.owned'],
  },
  {
    check: 'CKV_AWS_32 (public ECR repository policy), on creation templates too',
    plan: 'resource-policies.json',
    fails: [
      fail('aws_ecr_repository_policy.public', 'resource-exposure/public-principal'),
      fail('aws_ecr_repository_creation_template.public_pull', 'resource-exposure/public-principal'),
    ],
    passes: ['aws_ecr_repository_policy.private', 'aws_ecr_repository_creation_template.account_pull'],
  },
  {
    check: 'CKV_AWS_301, FG_R00276 (Lambda function public through a permission)',
    plan: 'resource-policies.json',
    fails: [fail('aws_lambda_permission.anyone', 'resource-exposure/public-principal')],
    passes: ['aws_lambda_permission.partner'],
  },
  {
    check: 'CKV_AWS_364, FG_R00499 (service permission without source ARN or account)',
    plan: 'resource-policies.json',
    fails: [
      fail('aws_lambda_permission.s3_any_bucket', 'resource-exposure/confused-deputy'),
      fail('aws_lambda_permission.s3_no_account', 'resource-exposure/confused-deputy'),
    ],
    passes: ['aws_lambda_permission.s3_uploads'],
  },
  {
    check: 'CKV_AWS_258 (function URL with authorization NONE)',
    plan: 'resource-policies.json',
    fails: [fail('aws_lambda_function_url.public', 'resource-exposure/public-principal')],
    passes: ['aws_lambda_function_url.iam'],
  },
  {
    check: 'Lambda layer version shared with every account (its policy computed at apply)',
    plan: 'resource-policies.json',
    fails: [fail('aws_lambda_layer_version_permission.public', 'resource-exposure/public-principal')],
    passes: ['aws_lambda_layer_version_permission.organization'],
  },
  {
    check: 'Secrets Manager secret policy with * principal',
    plan: 'resource-policies.json',
    fails: [fail('aws_secretsmanager_secret_policy.open', 'resource-exposure/public-principal')],
    passes: ['aws_secretsmanager_secret_policy.scoped'],
  },
  {
    check: 'OpenSearch domain policy with * principal',
    plan: 'resource-policies.json',
    fails: [fail('aws_opensearch_domain_policy.open', 'resource-exposure/public-principal')],
    passes: ['aws_opensearch_domain_policy.scoped'],
  },
  {
    check: 'CKV_AWS_167 (public Glacier vault policy)',
    plan: 'resource-policies.json',
    fails: [fail('aws_glacier_vault.open', 'resource-exposure/public-principal')],
    passes: ['aws_glacier_vault.owned'],
  },
];

// One run of the binary per plan, shared by the rows on it.
const reports = new Map<PlanFile, { findings: Map<string, Finding[]>; errors: readonly unknown[]; stderr: string }>();
beforeAll(() => {
  for (const plan of PLANS) {
    const report = jsonReport([`${DIR}/${plan}`]);
    reports.set(plan, { findings: byAddress(report.findings), errors: report.errors, stderr: report.stderr });
  }
});

const at = (plan: PlanFile, address: string): Finding[] => reports.get(plan)?.findings.get(address) ?? [];

describe('a plan of the parity set is read whole', () => {
  it.each(PLANS)('%s: no input error, nothing on stderr', (plan) => {
    expect([reports.get(plan)?.errors, reports.get(plan)?.stderr]).toEqual([[], '']);
  });
});

describe('what the other tools fail gets our rule on the same resource; what they pass, no finding', () => {
  it.each(ROWS)('$check', (row) => {
    for (const { address, rule } of row.fails)
      expect({ address, rules: at(row.plan, address).map((f) => f.ruleId) }).toEqual({
        address,
        rules: expect.arrayContaining([rule]),
      });
    // No finding at all, so no error either: not even `unverifiable`, which would mean the
    // document (read at apply, naming a resource of the plan) was not rebuilt.
    for (const address of row.passes)
      expect({ address, rules: at(row.plan, address).map((f) => f.ruleId) }).toEqual({ address, rules: [] });
  });
});
