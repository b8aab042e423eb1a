/**
 * Parity on the other tools' own plans (the shared corpus, see its PROVENANCE.md): where checkov,
 * regula, terraform-compliance or IAM Access Analyzer (through terraform-iam-policy-validator)
 * record an IAM verdict on a plan, the real binary reports our rule on the address they fail and
 * none of those rules (nor, where they pass least privilege, any error) where they pass.
 * The check -> rule map is in parity/README.md.
 */
import * as path from 'node:path';
import { ROOT, byAddress, jsonReport } from './run-tf-scan';
import type { Finding } from './run-tf-scan';

const CORPUS = path.join(ROOT, '../shared/corpus/terraform-plans');

interface CorpusParity {
  readonly verdict: string;
  readonly plan: string;
  /** Address and our rule where the tool fails the check. */
  readonly fails: readonly (readonly [address: string, rule: string])[];
  /** Where the tool passes the check: none of the rules of `fails` (or `rules`) there. */
  readonly passes?: readonly string[];
  /** Rules the check stands for, when `fails` is empty. */
  readonly rules?: readonly string[];
  /** Where the tool passes a least-privilege resource: no error of ours at all. */
  readonly clean?: readonly string[];
}

const ROWS: readonly CorpusParity[] = [
  {
    verdict: 'checkov CKV2_AWS_40 + CKV_AWS_287 (test_runner_with_iam_policies)',
    plan: 'checkov/plan_with_iam_policies.tfplan.json',
    fails: ['aws_iam_role_policy.fail_1', 'aws_iam_group_policy.fail_2', 'aws_iam_user_policy.fail_3'].flatMap(
      (address) =>
        [
          [address, 'admin-access/service-admin'],
          // `iam:*` on `*`: the credentials are those of other users (unscoped-credential-action
          // leaves the statement to service-admin, as the most specific finding).
          [address, 'privilege-escalation/user-credentials'],
        ] as const,
    ),
    // `s3:*` on `*`: neither full IAM nor credentials (it is `resource-exposure/policy-change`)
    passes: ['aws_iam_policy.policy_pass'],
  },
  {
    verdict: 'checkov CKV_AWS_63 (plan enrichment test)',
    plan: 'checkov/plan_with_hcl_for_enrichment.tfplan.json',
    fails: [['aws_iam_policy.policy', 'wildcard-action/service-wildcard']],
  },
  {
    verdict: 'checkov CKV_AWS_358 passes documents that are not GitHub trusts',
    plan: 'checkov/GithubActionsOIDCTrustPolicy.tfplan.json',
    fails: [],
    rules: ['trust-policy/oidc-broad-subject', 'trust-policy/oidc-weak-subject'],
    // r3: the federated principal known only after apply. r6: a Cognito principal whose
    // conditions need Google's claims, which its tokens never carry: nobody can assume it.
    passes: ['module.poc.aws_iam_role.r1["p1"]', 'module.poc.aws_iam_role.r1["p2"]'],
    clean: [
      'module.poc.aws_iam_role.r1["p1"]',
      'module.poc.aws_iam_role.r1["p2"]',
      'module.poc.aws_iam_role.r6["p1"]',
      'module.poc.aws_iam_role.r6["p2"]',
    ],
  },
  {
    verdict: 'checkov CKV_AWS_49 (plan_with_iam_data_block: a document with `Action: *` for another account)',
    plan: 'checkov/plan_with_iam_data_block.tfplan.json',
    fails: [['aws_s3_bucket_policy.allow_access_from_another_account', 'wildcard-action/service-wildcard']],
  },
  {
    verdict: 'regula FG_R00092 (admin_policy_test)',
    plan: 'regula/admin_policy_infra.json',
    fails: [
      ['aws_iam_group_policy.invalid_group_policy', 'admin-access/full-access'],
      ['aws_iam_policy.invalid_policy', 'admin-access/full-access'],
      ['aws_iam_role_policy.invalid_role_policy', 'admin-access/full-access'],
      ['aws_iam_user_policy.invalid_user_policy', 'admin-access/full-access'],
    ],
    passes: [
      'aws_iam_group_policy.valid_group_policy',
      'aws_iam_policy.valid_deny_policy',
      'aws_iam_role_policy.valid_role_policy',
      'aws_iam_user_policy.valid_user_policy',
    ],
  },
  {
    verdict: 'regula FG_R00007 (policies attached to users, by resource names)',
    plan: 'regula/user_attached_policy_infra.json',
    fails: [
      ['aws_iam_user.invalid_normal_policy_user', 'iam-user/direct-policy'],
      ['aws_iam_user.invalid_user_policy_attachment_user', 'iam-user/direct-policy'],
      ['aws_iam_user.invalid_user_policy_user', 'iam-user/direct-policy'],
    ],
    passes: ['aws_iam_user.valid_group_blank_user', 'aws_iam_user.valid_group_empty_list_user'],
    clean: ['aws_iam_role.valid_role', 'aws_iam_group.valid_group_missing_users'],
  },
  {
    verdict: 'regula FG_R00211 (bucketpolicy_allowlist_test)',
    plan: 'regula/bucketpolicy_allowlist_infra.json',
    fails: [
      ['aws_s3_bucket.allowlist-inline-policy', 'resource-exposure/public-principal'],
      ['aws_s3_bucket_policy.allowlist-policy', 'resource-exposure/public-principal'],
    ],
    // the deny variants and the bucket without a policy; `allowget-*` pass FG_R00211 (no listing)
    // but grant `s3:GetObject` to everyone: public, as regula's public-bucket rules say
    clean: [
      'aws_s3_bucket.denylist-inline-policy',
      'aws_s3_bucket_policy.denylist-policy',
      'aws_s3_bucket.denylist-external-policy',
      'aws_s3_bucket.nopolicy-bucket',
    ],
  },
  {
    verdict: 'IAM Access Analyzer check-no-public-access (terraform-iam-policy-validator public_access)',
    plan: 'terraform-iam-policy-validator/public_access/test_plan.json',
    fails: [
      'aws_backup_vault_policy.example',
      'aws_codeartifact_domain_permissions_policy.example',
      'aws_dynamodb_resource_policy.example',
      'aws_iam_role.default',
      'aws_iam_role.test_role',
      'aws_kinesis_resource_policy.example_consumer_policy',
      'aws_kinesis_resource_policy.example_strem_policy',
      'aws_opensearch_domain_policy.main',
      'aws_s3_bucket_policy.allow_public_access',
      'aws_s3tables_table_bucket_policy.example',
      'aws_s3tables_table_policy.example',
      'aws_sns_topic_policy.default',
    ].map((address) => [address, 'resource-exposure/public-principal'] as const),
    // one account; `aws:SourceIp` of one address
    passes: ['aws_s3_bucket_policy.no_public_access_bucket', 'aws_api_gateway_rest_api_policy.example'],
  },
  {
    verdict: 'terraform-compliance issue 307 (no Principal `*`): passes',
    plan: 'terraform-compliance/test_issue-307.plan.out.json',
    fails: [],
    rules: ['resource-exposure/public-principal'],
    passes: ['aws_sns_topic_policy.default'],
    clean: ['aws_sns_topic_policy.default'],
  },
  {
    verdict: 'terraform-compliance issue 796 (a `source_arn` known after apply is present): passes',
    plan: 'terraform-compliance/test_issue_796.plan.out.json',
    fails: [],
    rules: ['resource-exposure/confused-deputy'],
    clean: ['module.outer[0].aws_lambda_permission.example'],
    passes: ['module.outer[0].aws_lambda_permission.example'],
  },
  {
    verdict: 'terraform-compliance issue 177 (no sts:AssumeRole on any role): passes',
    plan: 'terraform-compliance/test_issue-177.plan.out.json',
    fails: [],
    rules: ['privilege-escalation/assume-any-role', 'credentials-exposure/unscoped-credential-action'],
    passes: ['aws_iam_policy.assumeany-policy'],
    clean: ['aws_iam_policy.assumeany-policy'],
  },
];

const reports = new Map<string, Map<string, Finding[]>>();
beforeAll(() => {
  for (const plan of new Set(ROWS.map((r) => r.plan))) {
    const report = jsonReport([path.join(CORPUS, plan)]);
    expect([plan, report.stderr, report.errors]).toEqual([plan, '', []]);
    reports.set(plan, byAddress(report.findings));
  }
});

describe('on the tools’ own plans, our rule where they fail, none where they pass', () => {
  it.each(ROWS)('$verdict', (row) => {
    const at = (address: string): Finding[] => reports.get(row.plan)?.get(address) ?? [];
    for (const [address, rule] of row.fails)
      expect({ address, rules: at(address).map((f) => f.ruleId) }).toEqual({
        address,
        rules: expect.arrayContaining([rule]),
      });
    const rules = new Set([...row.fails.map(([, rule]) => rule), ...(row.rules ?? [])]);
    for (const address of row.passes ?? [])
      expect({
        address,
        rules: at(address)
          .filter((f) => rules.has(f.ruleId))
          .map((f) => f.ruleId),
      }).toEqual({
        address,
        rules: [],
      });
    for (const address of row.clean ?? [])
      expect({
        address,
        errors: at(address)
          .filter((f) => f.severity === 'error')
          .map((f) => f.ruleId),
      }).toEqual({
        address,
        errors: [],
      });
  });
});
