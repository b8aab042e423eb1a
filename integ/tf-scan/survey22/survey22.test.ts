/**
 * IAM idioms Terraform users write (integ/tf-scan/survey22, written by `build-plans.js`), through
 * the real binary (`npx tsc -b packages/core packages/tf-scan` first) with `survey22.config.json`
 * (the plans' account, the shared-services account and the organization trusted): per plan, the
 * rule ids at each address, as a reviewer judged them (README.md says why). Every address with a
 * finding is listed; `[]` marks one that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, runTfScan, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey22';
const CONFIG = path.join(DIR, 'survey22.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const KARPENTER = 'module.karpenter';
const NODE_GROUP = 'module.eks.module.eks_managed_node_group["default"]';
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'];
const S3_STAR = [
  'data-exfiltration/unscoped-read',
  'resource-exposure/policy-change',
  'wildcard-action/service-wildcard',
  'wildcard-resource/write-on-star',
];

const ROWS: readonly Row[] = [
  {
    behaviour:
      'eks v20 and its karpenter submodule are clean but for the interruption queue; a hand-written controller is not',
    plan: 'eks-karpenter.json',
    expected: {
      // name_prefix roles: names and ARNs known only after apply, no unverifiable noise
      'module.eks.aws_iam_role.this[0]': [],
      'module.eks.aws_iam_role_policy_attachment.this["AmazonEKSClusterPolicy"]': [],
      'module.eks.aws_iam_policy.cluster_encryption[0]': [],
      'module.eks.aws_eks_access_policy_association.this["cluster_creator_admin"]': [],
      [`${NODE_GROUP}.aws_iam_role.this[0]`]: [],
      ...Object.fromEntries(
        NODE_POLICIES.map((p) => [
          `${NODE_GROUP}.aws_iam_role_policy_attachment.this["arn:aws:iam::aws:policy/${p}"]`,
          [],
        ]),
      ),
      // the controller policy: tag conditions, iam:PassRole on the node role only (read at apply)
      [`${KARPENTER}.aws_iam_role.controller[0]`]: [],
      [`${KARPENTER}.aws_iam_policy.controller[0]`]: [],
      [`${KARPENTER}.aws_iam_role_policy_attachment.controller[0]`]: [],
      [`${KARPENTER}.aws_iam_role.node[0]`]: [],
      [`${KARPENTER}.aws_eks_pod_identity_association.karpenter[0]`]: [],
      [`${KARPENTER}.aws_eks_access_entry.node[0]`]: [],
      // EventBridge may send to the queue from any account's rule
      [`${KARPENTER}.aws_sqs_queue_policy.this[0]`]: ['resource-exposure/confused-deputy'],
      'aws_iam_role.karpenter_legacy': [],
      'aws_iam_role_policy.karpenter_legacy': [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour: 'lambda module policies judged on what the caller gave; s3-bucket log delivery bound or not by source',
    plan: 'lambda-s3.json',
    expected: {
      'module.orders_fn.aws_iam_role.lambda[0]': [],
      'module.orders_fn.aws_iam_policy.logs[0]': [],
      'module.orders_fn.aws_iam_policy.additional_json[0]': [],
      // the Sid the module derives from the map key (`s3_read` -> `s3read`) is valid
      'module.orders_fn.aws_iam_policy.additional_inline[0]': [],
      'module.etl_fn.aws_iam_policy.additional_json[0]': S3_STAR,
      'module.etl_fn.aws_iam_policy.additional_inline[0]': [],
      // ELB service principal, NLB log delivery and its check on `bucket/*` with no source; the
      // access log delivery for two buckets of the account and its ACL check are clean
      'module.log_bucket.aws_s3_bucket_policy.this[0]': ['resource-exposure/confused-deputy'],
      'module.audit_bucket.aws_s3_bucket_policy.this[0]': ['resource-exposure/confused-deputy'],
    },
  },
  {
    behaviour:
      'vendor roles need an external ID and a listed account; CI federation pinned to one workspace, project or stack',
    plan: 'vendor-trust.json',
    expected: {
      // the external ID the Datadog provider returns after apply: bound; the account is not listed
      'aws_iam_role.datadog': ['data-exfiltration/unscoped-read', 'trust-policy/untrusted-account'],
      'aws_iam_role.datadog_legacy': [
        'data-exfiltration/unscoped-read',
        'trust-policy/account-root',
        'trust-policy/cross-account-external-id',
        'trust-policy/untrusted-account',
      ],
      'aws_iam_role.snowflake': ['trust-policy/untrusted-account'],
      // Snowflake's documented policy puts s3:GetBucketLocation under an s3:prefix condition
      'aws_iam_role_policy.snowflake': ['policy-validity/unknown-condition-key'],
      // first apply: the integration's IAM user is only known after apply
      'aws_iam_role.snowflake_new': ['unverifiable/unknown-value'],
      'aws_iam_role.vault': [],
      'aws_iam_role.partner_audit': ['data-exfiltration/unscoped-read', 'trust-policy/untrusted-account'],
      'aws_iam_role.tfc_apply': [],
      'aws_iam_role.tfc_plan': [],
      'aws_iam_role.tfc_any_org_project': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.gitlab_main': [],
      'aws_iam_role.gitlab_group': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.spacelift_stack': [],
      'aws_iam_role.spacelift_any': ['trust-policy/oidc-broad-subject'],
    },
  },
  {
    behaviour: 'SCPs as platform teams write them, permission sets and service-linked roles',
    plan: 'org-policies.json',
    expected: {
      'aws_organizations_policy.region_guard': [],
      'aws_organizations_policy.deny_leave': [],
      'aws_organizations_policy.protect_security': [],
      'aws_organizations_policy_attachment.region_guard': [],
      'aws_ssoadmin_permission_set.admin': ['admin-access/full-access'],
      'aws_ssoadmin_managed_policy_attachment.admin': [],
      'aws_ssoadmin_permission_set.developer': [],
      'aws_ssoadmin_permission_set_inline_policy.developer': [],
      // PowerUserAccess, and roles named `app-*` it creates with any policy and passes to a service
      'aws_ssoadmin_permission_set.app_builder': [
        'admin-access/not-action-allow',
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/assume-any-role',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
      ],
      'aws_ssoadmin_managed_policy_attachment.app_builder': [],
      'aws_ssoadmin_permission_set_inline_policy.app_builder': ['privilege-escalation/iam-policy-modification'],
      // the policy of that name in each account the set is provisioned to: not in the plan
      'aws_ssoadmin_customer_managed_policy_attachment.developer': ['unverifiable/unresolved-policy'],
      'aws_iam_service_linked_role.autoscaling': [],
      'aws_iam_service_linked_role.opensearch': [],
    },
  },
  {
    behaviour: 'update plans: a trust widened to another account, a policy version, managed_policy_arns to exclusive',
    plan: 'updates.json',
    expected: {
      'aws_iam_role.deployer': [
        'trust-policy/account-root',
        'trust-policy/cross-account-external-id',
        'trust-policy/untrusted-account',
      ],
      'aws_iam_policy.reports': [],
      'aws_iam_role.reports': [],
      'aws_iam_role_policy_attachments_exclusive.reports': [],
      'aws_iam_policy.archive': [],
      'aws_iam_role.ops': [],
    },
  },
];

describe('survey 22: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = jsonReport([path.join(DIR, plan)], '--config', CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 22: which statement of a log bucket policy is reported', () => {
  it('the unbound ELB (its account and its service) and NLB deliveries are; the access log delivery for named buckets and its ACL check are not', () => {
    const report = jsonReport([path.join(DIR, 'lambda-s3.json')], '--config', CONFIG);
    const deputies = report.findings
      .filter((f) => f.ruleId === 'resource-exposure/confused-deputy')
      .map((f) => `${f.location.address ?? ''} ${f.location.pointer ?? ''}`)
      .sort();
    expect(deputies).toEqual([
      // no source bucket or account given: the write and its ACL check
      'module.audit_bucket.aws_s3_bucket_policy.this[0] /Statement/0',
      'module.audit_bucket.aws_s3_bucket_policy.this[0] /Statement/1',
      // the region's ELB account and logdelivery.elasticloadbalancing on bucket/* (the load
      // balancers of every account write there), delivery.logs write and its check
      'module.log_bucket.aws_s3_bucket_policy.this[0] /Statement/0',
      'module.log_bucket.aws_s3_bucket_policy.this[0] /Statement/1',
      'module.log_bucket.aws_s3_bucket_policy.this[0] /Statement/2',
      'module.log_bucket.aws_s3_bucket_policy.this[0] /Statement/3',
    ]);
  });
});

describe('survey 22: a customer managed policy of a permission set', () => {
  it('is said to be looked up in each account the set is provisioned to, not to wait for apply', () => {
    const { stdout } = runTfScan([
      path.join(DIR, 'org-policies.json'),
      '--config',
      CONFIG,
      '--fail-on',
      'never',
      '--format',
      'json',
    ]);
    const { findings } = JSON.parse(stdout) as { findings: readonly { ruleId: string; message: string }[] };
    expect(findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy').map((f) => f.message)).toEqual([
      'policy `/platform/developer-extra` could not be checked: IAM Identity Center looks it up by path and name in each account the permission set is provisioned to, and the plan does not define it',
    ]);
  });
});

describe('survey 22: a statement that opens many escalation paths', () => {
  it('names the first three and counts the rest (the evidence lists them all)', () => {
    const { stdout } = runTfScan([
      path.join(DIR, 'org-policies.json'),
      '--config',
      CONFIG,
      '--fail-on',
      'never',
      '--format',
      'json',
    ]);
    const { findings } = JSON.parse(stdout) as {
      findings: readonly { ruleId: string; message: string; evidence?: { path?: string; alsoOpens?: string[] } }[];
    };
    const modification = findings.find((f) => f.ruleId === 'privilege-escalation/iam-policy-modification');
    expect(modification?.message).toBe(
      'role `aws_ssoadmin_permission_set.app_builder` can create a role under `arn:aws:iam::*:role/app-*`, give it any permissions and act as it with `iam:CreateRole` + `iam:AttachRolePolicy` + `iam:PassRole` + `apprunner:CreateService` (escalation paths `new-role-attach-apprunner-001`, `new-role-attach-cloudformation-001`, `new-role-attach-cloudformation-003` and 45 more)',
    );
    expect(modification?.evidence?.path).toBe('new-role-attach-apprunner-001');
    // The message counts the paths as the evidence lists them: 3 named, 45 more.
    expect(modification?.evidence?.alsoOpens).toHaveLength(47);
    expect(modification?.evidence?.alsoOpens).toEqual(
      expect.arrayContaining([
        'new-role-attach-cloudformation-001',
        'new-role-attach-lambda-001',
        'new-role-attach-ec2-associate-profile',
        'new-role-attach-mwaa-create-environment',
        'new-role-attach-mwaa-update-environment',
        'new-role-attach-autoscaling-launch-configuration',
        'new-role-attach-autoscaling-update-group',
      ]),
    );
  });
});

describe('survey 22: what an update plan changes, as a reviewer reads it', () => {
  const args = [path.join(DIR, 'updates.json'), '--config', CONFIG, '--fail-on', 'never'];

  it('text names the account a trust now admits, the grants a policy version adds, and no change for a reformatted policy', () => {
    const { stdout } = runTfScan(args);
    const changes = stdout.slice(0, stdout.indexOf('\n\n'));
    expect(changes.split('\n')).toEqual([
      'What this plan changes',
      '  role `aws_iam_role.deployer`  (aws_iam_role.deployer.assume_role_policy)',
      '    + may now be assumed by `arn:aws:iam::777788889999:root` (`sts:AssumeRole`)',
      '  role `aws_iam_role.reports`  (aws_iam_policy.reports)',
      '    + gains `s3:DeleteObject`, `s3:GetObject`, `s3:PutObject` on `arn:aws:s3:::acme-exports/*`',
      '    + gains `s3:DeleteObject` on `arn:aws:s3:::acme-reports/*`',
      '  role `aws_iam_role.ops`  (aws_iam_role.ops.assume_role_policy)',
      '    + may now be assumed by `arn:aws:iam::${the account of the AWS provider}:role/auditor` (`sts:AssumeRole`)',
      '    - may no longer be assumed by `arn:aws:iam::111122223333:role/ci` (`sts:AssumeRole`)',
    ]);
  });

  it('markdown lists the same changes for the pull request', () => {
    const { stdout } = runTfScan([...args, '--format', 'markdown']);
    const section = stdout.slice(stdout.indexOf('### What this plan changes'), stdout.indexOf('### Findings'));
    expect(section.trim().split('\n').slice(2)).toEqual([
      '- :heavy_plus_sign: **role `aws_iam_role.deployer`** (`aws_iam_role.deployer.assume_role_policy`) may now be assumed by `arn:aws:iam::777788889999:root` (`sts:AssumeRole`)',
      '- :heavy_plus_sign: **role `aws_iam_role.reports`** (`aws_iam_policy.reports`) gains `s3:DeleteObject`, `s3:GetObject`, `s3:PutObject` on `arn:aws:s3:::acme-exports/*`',
      '- :heavy_plus_sign: **role `aws_iam_role.reports`** (`aws_iam_policy.reports`) gains `s3:DeleteObject` on `arn:aws:s3:::acme-reports/*`',
      '- :heavy_plus_sign: **role `aws_iam_role.ops`** (`aws_iam_role.ops.assume_role_policy`) may now be assumed by `arn:aws:iam::${the account of the AWS provider}:role/auditor` (`sts:AssumeRole`)',
      '- :heavy_minus_sign: **role `aws_iam_role.ops`** (`aws_iam_role.ops.assume_role_policy`) may no longer be assumed by `arn:aws:iam::111122223333:role/ci` (`sts:AssumeRole`)',
    ]);
  });
});
