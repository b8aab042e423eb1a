/**
 * IAM idioms Terraform users write (integ/tf-scan/survey24, written by `build-plans.js`), through
 * the real binary (`npx tsc -b packages/core packages/tf-scan` first) with `survey24.config.json`
 * (the plans' account, the shared-services account and the organization trusted): per plan, the
 * rule ids at each address, as a reviewer judged them (README.md says why). Every address with a
 * finding is listed; `[]` marks one that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey24';
const CONFIG = path.join(DIR, 'survey24.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const READ_ONLY = ['credentials-exposure/unscoped-credential-action', 'data-exfiltration/unscoped-read'];

const ROWS: readonly Row[] = [
  {
    behaviour: 'terraform-aws-modules/iam v5: IRSA add-on policies, GitHub OIDC subjects, assumable roles, iam-policy',
    plan: 'iam-modules.json',
    expected: {
      // two clusters of `oidc_providers`, each pinned to its service account
      'module.ebs_csi_irsa.aws_iam_role.this[0]': [],
      'module.ebs_csi_irsa.aws_iam_role_policy_attachment.ebs_csi[0]': [],
      // the driver's policy as a customer policy: attach/detach/snapshot on `*`, tags of every
      // volume and snapshot, volumes created under a request tag of any value
      'module.ebs_csi_irsa.aws_iam_policy.ebs_csi[0]': ['wildcard-resource/write-on-star'],
      'module.lb_controller_irsa.aws_iam_role.this[0]': [],
      // security group ingress, WAF and Shield, listeners and targets on `*`; a user pool client's secret
      'module.lb_controller_irsa.aws_iam_policy.load_balancer_controller[0]': [
        'data-exfiltration/unscoped-read',
        'wildcard-resource/write-on-star',
      ],
      'module.external_dns_irsa.aws_iam_role.this[0]': [],
      'module.external_dns_irsa.aws_iam_policy.external_dns[0]': [],
      // writes only on groups tagged for the cluster (`autoscaling:ResourceTag/...`)
      'module.cluster_autoscaler_irsa.aws_iam_role.this[0]': [],
      'module.cluster_autoscaler_irsa.aws_iam_policy.cluster_autoscaler[0]': [],
      // `StringEquals` one service account beside `StringLike` every one: only that one passes both
      'module.payments_oidc.aws_iam_role.this[0]': [],
      'module.any_sa_oidc.aws_iam_role.this[0]': ['trust-policy/oidc-broad-subject'],
      'module.github_oidc_provider.aws_iam_openid_connect_provider.this[0]': [],
      'module.gha_deploy.aws_iam_role.this[0]': [],
      'module.gha_deploy.aws_iam_role_policy_attachment.this["deploy"]': [],
      'module.gha_any_branch.aws_iam_role.this[0]': ['trust-policy/oidc-broad-subject'],
      'module.gha_org.aws_iam_role.this[0]': ['trust-policy/oidc-broad-subject'],
      'module.deploy_policy.aws_iam_policy.policy[0]': [],
      'module.ops_assumable.aws_iam_role.this[0]': READ_ONLY,
      // MFA is no external id (see upstream-22): the partner's root is still another account's
      'module.partner_assumable.aws_iam_role.this[0]': [
        ...READ_ONLY,
        'trust-policy/account-root',
        'trust-policy/cross-account-external-id',
        'trust-policy/untrusted-account',
      ],
    },
  },
  {
    behaviour: 'service roles: fixed-work services and scoped grants are clean; code-running roles on `*` are not',
    plan: 'service-roles.json',
    expected: {
      'aws_iam_role.ecs_execution': [],
      'aws_iam_role_policy.ecs_execution_secrets': [],
      'aws_iam_role.orders_sfn': [],
      'aws_iam_role_policy.orders_sfn_invoke': [],
      'aws_iam_role.scheduler': [],
      'aws_iam_role_policy.scheduler_targets': [],
      // logs on `*`: build commands run with the role
      'aws_iam_role_policy.codebuild_build': ['wildcard-resource/write-on-star'],
      'aws_iam_role_policy.codebuild_loose_build': [
        'data-exfiltration/unscoped-read',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'aws_iam_role_policy.codebuild_vpc_vpc': ['wildcard-resource/write-on-star'],
      // AWSGlueServiceRole: `glue:*` on `*` for the job's script
      'aws_iam_role.glue_job': [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
      ],
      'aws_iam_role_policy.glue_job_data': [],
      'aws_iam_role.firehose': [],
      'aws_iam_role_policy.firehose_delivery': [],
      'aws_iam_role.backup': [],
      'aws_iam_role.rds_monitoring': [],
      // AWS's documented flow log role: logs on `*`, used by the flow log service alone
      'aws_iam_role.flow_logs': [],
      'aws_iam_role_policy.flow_logs_logs': [],
      'aws_iam_role.app_instance': [],
      'aws_iam_instance_profile.app': [],
      'aws_iam_role.pipeline_sfn': [],
      // `.sync` ECS integration: `ecs:StopTask` on `*`, as AWS documents it, for any state machine of the role
      'aws_iam_role_policy.pipeline_sfn_sync': ['wildcard-resource/write-on-star'],
      'aws_iam_role.config': [],
      'aws_iam_role_policy.config_delivery': [],
      'aws_iam_role.rds_proxy': [],
      'aws_iam_role_policy.rds_proxy_secrets': [],
    },
  },
  {
    behaviour:
      'resource policies of documented shapes are clean; a service without source, `*` through a service, a partner are not',
    plan: 'resource-policies.json',
    expected: {
      'aws_s3_bucket_policy.shared': [],
      'aws_s3_bucket_policy.site': [],
      'aws_s3_bucket_policy.alb_logs': [],
      'aws_kms_key.orders': [],
      // `kms:ViaService` without `kms:CallerAccount`: principals of every account through Secrets Manager
      'aws_kms_key.loose': ['resource-exposure/public-principal'],
      'aws_sqs_queue_policy.fanout': [],
      'aws_lambda_permission.api_scoped': [],
      'aws_lambda_permission.api_any': ['resource-exposure/confused-deputy'],
      'aws_ecr_repository_policy.org_pull': [],
      'aws_ecr_repository_policy.partner_pull': ['trust-policy/untrusted-account'],
      'aws_ecr_repository_policy.lambda_pull': [],
      'aws_ecr_repository_policy.lambda_any': ['resource-exposure/confused-deputy'],
      'aws_secretsmanager_secret_policy.db': [],
      'aws_secretsmanager_secret_policy.shared': [],
      'aws_sns_topic_policy.alerts': [],
      'aws_opensearch_domain_policy.search': [],
      'aws_glacier_vault.archive': [],
      'aws_efs_file_system_policy.shared': [],
      // `AccessedViaMountTarget`: the clients of the VPC's mount targets, as EFS allows without a policy
      'aws_efs_file_system_policy.open': [],
      'aws_cloudwatch_event_bus_policy.central': [],
      'aws_api_gateway_rest_api_policy.private': [],
      'aws_cloudwatch_log_resource_policy.route53': ['resource-exposure/confused-deputy'],
      'aws_cloudwatch_log_resource_policy.events': [],
    },
  },
  {
    behaviour:
      'policy documents: dynamic statements, a document per key, several sources and overrides, Federated trusts',
    plan: 'policy-documents.json',
    expected: {
      'aws_iam_role_policy.reader': [],
      'aws_iam_role_policy.svc["orders"]': [],
      'aws_iam_role_policy.svc["billing"]': ['wildcard-action/service-wildcard'],
      'aws_iam_role_policy.api': [],
      // a source read at apply beside one read at plan time: each once (no repeated Sid)
      'aws_iam_role_policy.exporter': [],
      'aws_iam_role_policy.loose': ['data-exfiltration/unscoped-read'],
      'aws_iam_role.gha_release': [],
      'aws_iam_role.gha_wide': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.authenticated': [],
      'aws_iam_role_policy.authenticated': [],
      'aws_iam_role.guest': ['trust-policy/federation-conditions'],
      'aws_iam_role_policy.guest': [],
    },
  },
];

const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', CONFIG);

describe('survey 24: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = reportOf(plan);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 24: where and how the findings are told', () => {
  it('the guest role invoking only `GET` routes of an API: a warning (reads), not the error of a guest role that writes', () => {
    const guest = reportOf('policy-documents.json').findings.filter((f) => f.location.address === 'aws_iam_role.guest');
    expect(guest.map((f) => [f.ruleId, f.severity])).toEqual([['trust-policy/federation-conditions', 'warning']]);
    expect(guest[0]?.message).not.toMatch(/change resources/);
  });

  it('the merged document keeps the order of its sources: the baseline first, its `Params` at /Statement/0', () => {
    const loose = reportOf('policy-documents.json').findings.filter(
      (f) => f.location.address === 'aws_iam_role_policy.loose',
    );
    expect(loose.map((f) => f.location.pointer)).toEqual(['/Statement/0']);
  });

  it('a key for everyone through Secrets Manager says its `kms:ViaService` condition does not restrict who', () => {
    const key = reportOf('resource-policies.json').findings.find((f) => f.location.address === 'aws_kms_key.loose') as
      { message?: string } | undefined;
    expect(key?.message).toBe(
      'resource `aws_kms_key.loose` allows any principal (`"Principal": "*"`) to call `kms:Decrypt`, `kms:GenerateDataKey*` without a condition that restricts who (its condition on `kms:ViaService` does not)',
    );
  });

  it('the EBS CSI policy is reported on its role, the tags of volumes and snapshots named by their ARNs', () => {
    const findings = reportOf('iam-modules.json').findings.filter(
      (f) => f.location.address === 'module.ebs_csi_irsa.aws_iam_policy.ebs_csi[0]',
    );
    expect(new Set(findings.map((f) => f.principal))).toEqual(new Set(['module.ebs_csi_irsa.aws_iam_role.this[0]']));
    const tags = findings.find((f) => f.location.pointer === '/Statement/2') as { message?: string } | undefined;
    expect(tags?.message).toBe(
      'role `module.ebs_csi_irsa.aws_iam_role.this[0]` may tag every resource matching `arn:aws:ec2:*:*:volume/*`, `arn:aws:ec2:*:*:snapshot/*` with `ec2:DeleteTags`, which can be scoped to resources',
    );
  });
});
