/**
 * IAM idioms Terraform users write (integ/tf-scan/survey21, written by `build-plans.js`), through
 * the real binary (`npx tsc -b packages/core packages/tf-scan` first) with `survey21.config.json`
 * (the plans' account and organization trusted): per plan, the rule ids at each address, as a
 * reviewer judged them (README.md says why). Every address with a finding is listed; `[]` marks
 * one that must stay clean.
 */
import * as path from 'node:path';
import { extractFiles } from '../../../packages/tf-scan/src/scan';
import { jsonReport, ROOT, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey21';
const CONFIG = path.join(DIR, 'survey21.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const READ_ONLY = ['credentials-exposure/unscoped-credential-action', 'data-exfiltration/unscoped-read'];

const ROWS: readonly Row[] = [
  {
    behaviour: 'terraform-aws-modules/iam v5 and v6 submodules: each call judged on what its caller gave it',
    plan: 'iam-modules.json',
    expected: {
      // iam-assumable-role: AmazonSSMManagedInstanceCore reads every parameter
      'module.ec2_role.aws_iam_role.this[0]': ['data-exfiltration/unscoped-read'],
      'module.ec2_role.aws_iam_role_policy_attachment.custom[0]': [],
      'module.ec2_role.aws_iam_role_policy_attachment.custom[1]': [],
      'module.lambda_role.aws_iam_role.this[0]': [],
      'module.lambda_role.aws_iam_role_policy.this[0]': [],
      'module.external_dns_irsa.aws_iam_role.this[0]': [],
      'module.external_dns_irsa.aws_iam_policy.external_dns[0]': [],
      // two service accounts in one StringEquals list with the audience
      'module.ebs_csi_irsa.aws_iam_role.this[0]': [],
      'module.any_sa_irsa.aws_iam_role.this[0]': ['trust-policy/oidc-broad-subject'],
      // main and release tags of one repository; a list holding `acme/app:*`; every repository's main
      'module.gha_release.aws_iam_role.this[0]': [],
      'aws_iam_role_policy.gha_release_deploy': [],
      'module.gha_any_ref.aws_iam_role.this[0]': ['trust-policy/oidc-broad-subject'],
      'module.gha_org.aws_iam_role.this[0]': [...READ_ONLY, 'trust-policy/oidc-broad-subject'],
      // iam-policy attached by `module.x.arn`: judged on the role it is attached to
      'module.reports_policy.aws_iam_policy.policy[0]': [],
      'aws_iam_role_policy_attachment.reports_policy': [],
      'aws_iam_role_policy_attachment.ops_policy': [],
      'module.ops_policy.aws_iam_policy.policy[0]': [
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
      // iam-group-with-policies: the self-management policy on `${aws:username}` is clean
      'module.admins.aws_iam_group.this[0]': ['admin-access/full-access'],
      'module.admins.aws_iam_policy.iam_self_management[0]': [],
      'module.admins.aws_iam_group_membership.this[0]': [],
    },
  },
  {
    behaviour: 'EKS Pod Identity roles are clean; cluster admin by access entry only for an untrusted account',
    plan: 'eks-access.json',
    expected: {
      'aws_iam_role.orders_pod': [],
      'aws_iam_role_policy.orders_pod': [],
      'aws_eks_pod_identity_association.orders': [],
      'module.karpenter_pod_identity.aws_iam_role.this[0]': [],
      // the association names the entry's `principal_arn`, only known after apply: the role of the plan
      'aws_iam_role.platform_admin': [],
      'aws_eks_access_entry.platform_admin': [],
      'aws_eks_access_policy_association.platform_admin': [],
      'aws_eks_access_entry.ci': [],
      'aws_eks_access_policy_association.ci': [],
      'aws_eks_access_entry.viewers': [],
      // the entry alone grants nothing: the association is the access
      'aws_eks_access_entry.partner_ops': [],
      'aws_eks_access_policy_association.partner_ops': ['trust-policy/untrusted-account'],
    },
  },
  {
    behaviour: 'Lambda permissions guarded by their source and IAM function URLs are clean; public URLs are reported',
    plan: 'lambda-permissions.json',
    expected: {
      'module.api_fn.aws_lambda_permission.triggers["APIGateway"]': [],
      'module.api_fn.aws_lambda_permission.triggers["Nightly"]': [],
      'module.api_fn.aws_lambda_permission.triggers["Alerts"]': ['resource-exposure/confused-deputy'],
      'aws_lambda_permission.uploads': [],
      'aws_lambda_permission.any_rule': ['resource-exposure/confused-deputy'],
      'aws_lambda_permission.logs': [],
      'aws_lambda_permission.alb': [],
      'aws_lambda_function_url.internal': [],
      // the public webhook: the URL and both permissions it needs let anyone call it
      'aws_lambda_function_url.webhook': ['resource-exposure/public-principal'],
      'aws_lambda_permission.webhook_url': ['resource-exposure/public-principal'],
      'aws_lambda_permission.webhook_invoke': ['resource-exposure/public-principal'],
      'aws_lambda_permission.partner_url': ['trust-policy/untrusted-account'],
    },
  },
  {
    behaviour: 'bucket, key, topic and queue policies of documented shapes are clean; a service without source is not',
    plan: 'resource-policies.json',
    expected: {
      'aws_s3_bucket_policy.site': [],
      // the regional ELB account and the log delivery service
      'aws_s3_bucket_policy.alb_logs': [],
      'aws_s3_bucket_policy.artifacts': [],
      'aws_s3_bucket_policy.internal': [],
      'aws_kms_key.data': [],
      'aws_kms_key.ebs': [],
      'aws_sns_topic_policy.uploads': [],
      'aws_sqs_queue_policy.orders': [],
      'aws_sqs_queue_policy.unguarded': ['resource-exposure/confused-deputy'],
      // `Principal: "*"` with a bucket ARN, which names no account
      'aws_sqs_queue_policy.uploads': ['resource-exposure/confused-deputy'],
    },
  },
  {
    behaviour:
      'documents by `dynamic "statement"`, a source overridden by Sid, `principals "*"` with and without a condition',
    plan: 'policy-documents.json',
    expected: {
      'aws_iam_role.app': [],
      'aws_iam_role_policy.app': [],
      'aws_iam_role.etl': [],
      // `s3:*` on the exports bucket, from one entry of the map
      'aws_iam_role_policy.etl': ['wildcard-action/service-wildcard'],
      // the baseline's `s3:*` on `*` is replaced by the document's own `Write` statement
      'aws_iam_role.worker': [],
      'aws_iam_role_policy.worker': [],
      'aws_s3_bucket_policy.reports': [],
      'aws_s3_bucket_policy.exports': ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour: 'update plans: tags, an added statement and create_before_destroy replacements',
    plan: 'updates.json',
    expected: {
      'aws_iam_role.api': [],
      'aws_iam_role_policy.api': [],
      'aws_iam_role.deployer': [],
      'aws_iam_policy.deploy': [],
      'aws_iam_role.worker': [],
      'aws_iam_role_policy.worker': [],
      'aws_iam_role_policy_attachment.batch': [],
      // AWSBatchServiceRole on a role only AWS Batch assumes: its iam:PassRole is the service's
      'aws_iam_role.batch': [],
    },
  },
];

describe('survey 21: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = jsonReport([path.join(DIR, plan)], '--config', CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 21: findings are about the principal that holds the policy', () => {
  it('a policy of an iam-policy module attached by `module.x.arn` is judged on the role of the iam-role module', () => {
    const report = jsonReport([path.join(DIR, 'iam-modules.json')], '--config', CONFIG);
    const principals = new Set(
      report.findings
        .filter((f) => f.location.address === 'module.ops_policy.aws_iam_policy.policy[0]')
        .map((f) => f.principal),
    );
    expect([...principals]).toEqual(['module.lambda_role.aws_iam_role.this[0]']);
  });
});

interface Delta {
  readonly action: string;
  readonly resource: string;
  readonly before: string;
  readonly after: string;
}

/** One principal's entry of the report's `changes`. */
interface Change {
  readonly subject: string;
  readonly policies: readonly string[];
  readonly gained: readonly Delta[];
  readonly lost: readonly Delta[];
}

describe('survey 21: what an update plan changes', () => {
  it('a tags-only update and replacements with the same grants are no change; an added statement and action are gains', () => {
    const report = jsonReport([path.join(DIR, 'updates.json')], '--config', CONFIG) as ReturnType<typeof jsonReport> & {
      changes?: readonly Change[];
    };
    const changes = report.changes ?? [];
    expect(
      changes.map((c) => [
        c.subject,
        c.policies,
        c.gained.map((d) => [d.action, d.resource, d.before, d.after]),
        c.lost.length,
      ]),
    ).toEqual([
      [
        'aws_iam_role.deployer',
        ['aws_iam_policy.deploy'],
        [['sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:releases', 'denied', 'allowed']],
        0,
      ],
      [
        'aws_iam_role.worker',
        ['aws_iam_role_policy.worker'],
        [['s3:DeleteObject', 'arn:aws:s3:::acme-scratch/*', 'denied', 'allowed']],
        0,
      ],
    ]);
  });
});

describe('survey 21: what a Lambda permission adds to the function policy', () => {
  it('`invoked_via_function_url = true` limits `lambda:InvokeFunction` to calls through the URL', async () => {
    const input = await extractFiles([path.join(ROOT, DIR, 'lambda-permissions.json')]);
    const statements = Object.fromEntries(
      input.resources
        .filter((r) => r.id === 'aws_lambda_permission.webhook_invoke' || r.id === 'aws_lambda_permission.partner_url')
        .map((r) => [r.id, (r.policy.document as { Statement: { Condition?: unknown }[] }).Statement[0]?.Condition]),
    );
    expect(statements).toEqual({
      'aws_lambda_permission.webhook_invoke': { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
      'aws_lambda_permission.partner_url': { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
    });
  });
});
