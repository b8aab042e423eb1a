/**
 * Estates as teams lay them out (integ/tf-scan/estates, written by `build-estates.js`), through the
 * real binary (`npx tsc -b packages/core packages/tf-scan` first) with one configuration that
 * trusts the estate's two accounts and its organization: per plan, the rule ids at each address,
 * as a reviewer judged them (README.md says why). Every address with a finding is listed; `[]`
 * marks one that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport } from './run-tf-scan';

const DIR = 'integ/tf-scan/estates';
const CONFIG = path.join(DIR, 'estates.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
  /** Findings judged wrong and owned elsewhere (README.md, "left"): not asserted either way. */
  readonly leftOut?: readonly { readonly address: string; readonly rule: string }[];
}

const ESCALATING_DEPLOYER = [
  'data-exfiltration/unscoped-read',
  'privilege-escalation/pass-role-to-service',
  'privilege-escalation/pass-role-wildcard',
  'privilege-escalation/run-as-existing-role',
  'resource-exposure/policy-change',
  'wildcard-action/service-wildcard',
  'wildcard-resource/write-on-star',
];
const READ_ONLY = ['credentials-exposure/unscoped-credential-action', 'data-exfiltration/unscoped-read'];
const POWER_USER = [
  'admin-access/not-action-allow',
  'credentials-exposure/unscoped-credential-action',
  'data-exfiltration/unscoped-read',
  'privilege-escalation/assume-any-role',
  'privilege-escalation/run-as-existing-role',
  'resource-exposure/policy-change',
  'wildcard-action/service-wildcard',
];

const ROWS: readonly Row[] = [
  {
    behaviour: 'CI account: OIDC roles of a for_each module two levels down, judged on their subject and grants',
    plan: 'ci-account.json',
    expected: {
      'module.ci.module.oidc_role["app-deploy"].aws_iam_role.this': [],
      'module.ci.module.oidc_role["app-deploy"].aws_iam_role_policy.this[0]': [],
      'module.ci.module.oidc_role["any-branch"].aws_iam_role.this': ['trust-policy/oidc-broad-subject'],
      'module.ci.module.oidc_role["infra-plan"].aws_iam_role.this': [...READ_ONLY, 'trust-policy/oidc-broad-subject'],
      'module.ci.module.oidc_role["infra-apply"].aws_iam_role.this': [],
      'module.ci.module.oidc_role["infra-apply"].aws_iam_role_policy.this[0]': ESCALATING_DEPLOYER,
      'module.ci.aws_iam_role.gitlab_deploy': [],
      'module.ci.aws_iam_role.tfc': ['trust-policy/oidc-broad-subject'],
    },
  },
  {
    behaviour: 'serverless app: a topic open to every account is reported, the queue and API policies are not',
    plan: 'serverless-app.json',
    expected: {
      'module.app.aws_sns_topic_policy.events': ['resource-exposure/public-principal'],
      'module.app.aws_sqs_queue_policy.events': [],
      'module.app.aws_api_gateway_rest_api_policy.api': [],
      'module.app.aws_lambda_permission.api': [],
      // S3 may invoke the function for a bucket of any account (no `source_account`)
      'module.app.aws_lambda_permission.s3': ['resource-exposure/confused-deputy'],
      'module.app.module.fn["orders"].aws_iam_role_policy.this': [],
      // documents read at apply inside each function module: one scoped to its queue, one `sqs:*` on `*`
      'module.app.module.fn["orders"].aws_iam_role_policy.dlq': [],
      'module.app.module.fn["thumbnails"].aws_iam_role_policy.dlq': [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour:
      'landing zone: permission sets by their managed, inline and customer-managed policies; organization policies',
    plan: 'landing-zone.json',
    expected: {
      'module.identity.module.permission_set["Admin"].aws_ssoadmin_permission_set.this': ['admin-access/full-access'],
      'module.identity.module.permission_set["Developer"].aws_ssoadmin_permission_set.this': POWER_USER,
      'module.identity.module.permission_set["Developer"].aws_ssoadmin_permission_set_inline_policy.this[0]': [
        'privilege-escalation/iam-policy-modification',
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'module.identity.module.permission_set["ReadOnly"].aws_ssoadmin_permission_set.this': READ_ONLY,
      // the customer managed policy lives in each account: the plan does not hold it
      'module.identity.module.permission_set["Billing"].aws_ssoadmin_customer_managed_policy_attachment.this["billing-readers"]':
        ['unverifiable/unresolved-policy'],
      'module.org.aws_organizations_policy.this["deny-leave"]': [],
      'module.org.aws_organizations_policy.this["data-perimeter"]': [],
      'module.org.aws_organizations_policy.this["tags"]': [],
    },
  },
  {
    behaviour:
      'data platform: access-point delegation and a catalog shared with a trusted account are clean; a KMS grant to an untrusted account is not',
    plan: 'data-platform.json',
    expected: {
      'module.lake.module.zone["raw"].aws_s3_bucket_policy.this': [],
      'module.lake.module.zone["curated"].aws_s3_access_point.analytics': [],
      'module.lake.aws_glue_resource_policy.catalog': [],
      'module.lake.aws_kms_grant.etl': [],
      'module.lake.aws_kms_grant.partner': ['trust-policy/untrusted-account'],
    },
  },
  {
    behaviour: 'EKS platform: cluster, node, IRSA and Pod Identity roles; only a secret read on `*` is reported',
    plan: 'eks-platform.json',
    expected: {
      'module.platform.aws_iam_role.cluster': [],
      'module.platform.aws_iam_role.node': [],
      'module.platform.module.irsa["aws-load-balancer-controller"].aws_iam_role.this': [],
      'module.platform.module.irsa["aws-load-balancer-controller"].aws_iam_policy.this': [],
      'module.platform.module.irsa["aws-load-balancer-controller"].aws_iam_role_policy_attachment.this': [],
      'module.platform.module.irsa["external-dns"].aws_iam_role.this': [],
      'module.platform.module.irsa["external-dns"].aws_iam_role_policy_attachment.this': [],
      'module.platform.module.pod_identity["ebs-csi"].aws_iam_role.this': [],
      'module.platform.module.pod_identity["orders-api"].aws_iam_role_policy.this[0]': [
        'data-exfiltration/unscoped-read',
      ],
    },
  },
  {
    behaviour:
      'shared services: public push to a repository and an open backup vault are reported; organization grants are not',
    plan: 'shared-services.json',
    expected: {
      'module.shared.module.registry["base-images"].aws_ecr_repository_policy.this': [],
      'module.shared.module.registry["payments"].aws_ecr_repository_policy.this': [
        'resource-exposure/public-principal',
      ],
      'module.shared.aws_ecr_registry_policy.replication': [],
      'module.shared.aws_backup_vault_policy.this': ['resource-exposure/public-principal'],
      'module.shared.aws_secretsmanager_secret_policy.db': [],
      'module.shared.aws_cloudwatch_log_resource_policy.route53': ['resource-exposure/confused-deputy'],
      'module.shared.aws_cloudwatch_event_bus_policy.shared': [],
      'module.shared.aws_codeartifact_domain_permissions_policy.this': [],
    },
  },
  {
    behaviour:
      'network hub: endpoint policies from a module for_each map (one null) are read; an endpoint service open to all is reported',
    plan: 'network-hub.json',
    expected: {
      'module.network.module.endpoint["s3"].aws_vpc_endpoint.this': [],
      'module.network.module.endpoint["ecr_api"].aws_vpc_endpoint.this': [],
      'module.network.module.endpoint["secretsmanager"].aws_vpc_endpoint.this': [],
      'module.network.module.endpoint["sts"].aws_vpc_endpoint.this': [],
      'module.network.aws_networkfirewall_resource_policy.this': [],
      'module.network.aws_vpc_endpoint_service.api': ['resource-exposure/public-principal'],
    },
    // `network-firewall:UpdateFirewall` is an operation PutResourcePolicy documents for a shared
    // firewall policy, but not an action of the Service Authorization Reference (core's catalog).
    leftOut: [
      { address: 'module.network.aws_networkfirewall_resource_policy.this', rule: 'policy-validity/unknown-action' },
    ],
  },
  {
    behaviour: 'IoT fleet: a device policy with `iot:*` on `*` is reported, one scoped by IoT policy variables is not',
    plan: 'iot-fleet.json',
    expected: {
      'module.fleet.module.device_class["sensor"].aws_iot_policy.this': [],
      'module.fleet.module.device_class["gateway"].aws_iot_policy.this': [
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'module.fleet.aws_iam_role.credentials_provider': [],
      'module.fleet.aws_iam_role_policy.credentials_provider': [],
    },
  },
  {
    behaviour: 'data sharing: access point policies per consumer; a data protection policy is no grant',
    plan: 'data-sharing.json',
    expected: {
      'module.sharing.module.consumer["finance"].aws_s3control_access_point_policy.this': [],
      'module.sharing.module.consumer["audit"].aws_s3control_access_point_policy.this': [
        'trust-policy/untrusted-account',
      ],
      'module.sharing.aws_s3_access_point.reports': [],
      'module.sharing.aws_sns_topic_data_protection_policy.reports': [],
      // shared with the estate's own organization
      'module.sharing.aws_ram_principal_association.org': [],
    },
  },
  {
    behaviour:
      'day-2 changes: a replaced role widened and a bucket opened are reported; what is narrowed or destroyed is not',
    plan: 'day-two-changes.json',
    expected: {
      'module.app.module.service["billing"].aws_iam_role.task': [],
      'module.app.module.service["billing"].aws_iam_role_policy.task': [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'module.app.module.service["search"].aws_iam_role.task': [],
      'module.app.module.service["search"].aws_iam_role_policy.task': [],
      'module.app.aws_iam_role.legacy_admin': [],
      'module.app.aws_s3_bucket_policy.assets': ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      'images and recovery: an AMI, a DB snapshot and a runbook shared with every account, a snapshot with an untrusted one',
    plan: 'images-and-recovery.json',
    expected: {
      'module.images.module.share["org"].aws_ami_launch_permission.this': [],
      'module.images.module.share["marketplace-demo"].aws_ami_launch_permission.this': [
        'resource-exposure/public-principal',
      ],
      'module.images.aws_ebs_snapshot_create_volume_permission.data["dr"]': [],
      'module.images.aws_ebs_snapshot_create_volume_permission.data["vendor"]': ['trust-policy/untrusted-account'],
      'module.images.aws_db_snapshot.final': ['resource-exposure/public-principal'],
      'module.images.aws_ssm_document.runbook["restore"]': [],
      'module.images.aws_ssm_document.runbook["diagnostics"]': ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour: 'legacy account: group grants reach the user, an old-style attachment moved to the user, an access key',
    plan: 'legacy-account.json',
    expected: {
      'module.iam.module.team["ops"].aws_iam_group.this': POWER_USER,
      'module.iam.module.team["auditors"].aws_iam_group.this': ['data-exfiltration/unscoped-read'],
      // `sts:AssumeRole` on `*` is reported once for the user, at break-glass (`sts:*`), not again here
      'module.iam.aws_iam_user.deploy': [
        ...POWER_USER.filter((id) => id !== 'privilege-escalation/assume-any-role'),
        'iam-user/direct-policy',
      ],
      // `iam:*` and `sts:*` on `*`: administrator access (service-admin stands for the service
      // wildcard, the writes and the credential actions of the same statement) and its escalations.
      'module.iam.aws_iam_policy.break_glass': [
        'admin-access/service-admin',
        'privilege-escalation/assume-any-role',
        'privilege-escalation/iam-policy-modification',
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/user-credentials',
      ],
      'module.iam.aws_iam_access_key.deploy': ['iam-user/access-key'],
    },
  },
  {
    behaviour:
      'roles used by index from the list and map outputs of their module: each policy is judged on the role of its index',
    plan: 'shared-roles.json',
    expected: {
      'module.roles.aws_iam_role.service[0]': READ_ONLY,
      'module.roles.aws_iam_role.service[1]': ['admin-access/full-access'],
      // attached to service[0] through `element(module.policies.arns, count.index)`
      'module.policies.aws_iam_policy.this[0]': [],
      'module.policies.aws_iam_policy.this[1]': [
        'privilege-escalation/pass-role-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'aws_iam_role_policy_attachment.service[0]': [],
      'aws_iam_role_policy_attachment.service[1]': [],
      'aws_iam_role_policy_attachment.extra[0]': [],
      'aws_iam_role_policy_attachment.extra[1]': [],
      'aws_iam_role_policy.team["analytics"]': [],
      'aws_iam_role_policy.team["billing"]': [
        'privilege-escalation/pass-role-wildcard',
        'wildcard-resource/write-on-star',
      ],
      'aws_iam_role_policy.analytics_admin': ['admin-access/full-access'],
      // `var.role_names[count.index]` in a module given `module.roles.names`
      'module.queue_access.aws_iam_role_policy.this[0]': [],
      'module.queue_access.aws_iam_role_policy.this[1]': [
        'resource-exposure/policy-change',
        'wildcard-resource/write-on-star',
      ],
      // granted to roles of the estate's own account
      'aws_kms_grant.team[0]': [],
      'aws_kms_grant.team[1]': [],
    },
  },
  {
    behaviour:
      'data mesh: Lake Formation grants and RAM shares to accounts and organizations outside the estate are reported, the others not',
    plan: 'data-mesh.json',
    expected: {
      // IAM_ALLOWED_PRINCIPALS: the account's IAM policies decide
      'module.lake.aws_lakeformation_permissions.raw_iam': [],
      'module.lake.aws_lakeformation_permissions.analyst': [],
      'module.lake.aws_lakeformation_permissions.partner_all': ['trust-policy/untrusted-account'],
      'module.lake.aws_lakeformation_permissions.partner_location': ['trust-policy/untrusted-account'],
      'module.lake.aws_lakeformation_permissions.trusted_alter': [],
      'module.lake.aws_lakeformation_permissions.org_describe': [],
      'module.lake.aws_lakeformation_permissions.foreign_org': ['trust-policy/untrusted-account'],
      'module.sharing.aws_ram_principal_association.tgw_partner': ['trust-policy/untrusted-account'],
      'module.sharing.aws_ram_principal_association.tgw_other': [],
      'module.sharing.aws_ram_principal_association.resolver_ou': [],
      'module.sharing.aws_ram_principal_association.resolver_foreign_ou': ['trust-policy/untrusted-account'],
      // an account the plan creates: whether it is trusted, only apply tells
      'module.sharing.aws_ram_principal_association.tgw_sandbox': ['unverifiable/unknown-value'],
      'module.sharing.aws_db_cluster_snapshot.orders_final': ['resource-exposure/public-principal'],
      'module.sharing.aws_servicecatalog_portfolio_share.org': [],
      'module.sharing.aws_servicecatalog_portfolio_share.partner': ['trust-policy/untrusted-account'],
      'module.sharing.aws_opensearchserverless_access_policy.app': [],
      'module.sharing.aws_opensearchserverless_access_policy.partner': ['trust-policy/untrusted-account'],
      'module.sharing.aws_redshift_endpoint_authorization.other': [],
      'module.sharing.aws_redshift_endpoint_authorization.partner': ['trust-policy/untrusted-account'],
    },
  },
];

describe('estates: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected, leftOut = [] }) => {
    const report = jsonReport([path.join(DIR, plan)], '--config', CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const got: Record<string, Set<string>> = {};
    for (const f of report.findings) {
      const address = f.location.address ?? '(none)';
      if (leftOut.some((l) => l.address === address && l.rule === f.ruleId)) continue;
      (got[address] ??= new Set()).add(f.ruleId);
    }
    const actual = Object.fromEntries(
      [...new Set([...Object.keys(got), ...Object.keys(expected)])].map((a) => [a, [...(got[a] ?? [])].sort()]),
    );
    expect(actual).toEqual(Object.fromEntries(Object.entries(expected).map(([a, ids]) => [a, [...ids].sort()])));
  });
});

describe('roles named by index through module outputs', () => {
  it('each policy is about the role of its index, not a stand-in for the attachment', () => {
    const report = jsonReport([path.join(DIR, 'shared-roles.json')], '--config', CONFIG);
    const principals: Record<string, Set<string>> = {};
    for (const f of report.findings)
      (principals[f.location.address ?? '(none)'] ??= new Set()).add(f.principal ?? '(none)');
    const of = (address: string): string[] => [...(principals[address] ?? [])];
    // `module.roles.names[count.index]`
    expect(of('module.roles.aws_iam_role.service[1]')).toEqual(['module.roles.aws_iam_role.service[1]']);
    // `element(module.policies.arns, count.index)` attached to `module.roles.names[0]`
    expect(of('module.policies.aws_iam_policy.this[1]')).toEqual(['module.roles.aws_iam_role.service[0]']);
    // `module.roles.by_team[each.key].id` and `module.roles.by_team["analytics"].name`
    expect(of('aws_iam_role_policy.team["billing"]')).toEqual(['module.roles.aws_iam_role.team["billing"]']);
    expect(of('aws_iam_role_policy.analytics_admin')).toEqual(['module.roles.aws_iam_role.team["analytics"]']);
    // `var.role_names[count.index]`, the module given `module.roles.names`
    expect(of('module.queue_access.aws_iam_role_policy.this[1]')).toEqual(['module.roles.aws_iam_role.service[1]']);
  });
});
