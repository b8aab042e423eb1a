/**
 * A resource of each AWS provider type that carries a resource policy or shares a resource, and
 * the fences by `aws:PrincipalArn` and log group policies the last round left
 * (integ/tf-scan/survey28, written by `build-plans.js`), through the real binary (`npx tsc -b
 * packages/core packages/tf-scan` first) with `survey28.config.json` (the plans' account, the
 * shared-services account and the organization trusted): per plan, the rule ids at each address
 * as a reviewer judged them (README.md says why). Every address with a finding is listed; `[]`
 * marks one that must stay clean.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';
import { rulesByLogicalId, scanTemplate } from '../../run-cdk-guard';

const DIR = 'integ/tf-scan/survey28';
const CONFIG = path.join(DIR, 'survey28.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const PUBLIC = ['resource-exposure/public-principal'];
const UNTRUSTED = ['trust-policy/untrusted-account'];
const DEPUTY = ['resource-exposure/confused-deputy'];

const ROWS: readonly Row[] = [
  {
    behaviour: 'a resource of each type that carries a policy or shares a resource',
    plan: 'types.json',
    expected: {
      'aws_glacier_vault.shared_retrieval': [],
      'aws_glacier_vault.public_retrieval': PUBLIC,
      'aws_opensearch_domain_policy.office_ips': [],
      'aws_opensearch_domain_policy.open': PUBLIC,
      'aws_elasticsearch_domain_policy.office_ips': [],
      'aws_elasticsearch_domain_policy.open': PUBLIC,
      'aws_api_gateway_rest_api_policy.private_endpoint': [],
      'aws_api_gateway_rest_api_policy.open': PUBLIC,
      'aws_codeartifact_repository_permissions_policy.org_read': [],
      'aws_codeartifact_repository_permissions_policy.partner_read': UNTRUSTED,
      'aws_efs_file_system_policy.mount_targets': [],
      'aws_efs_file_system_policy.anyone': PUBLIC,
      'aws_backup_vault_policy.shared_copy': [],
      'aws_backup_vault_policy.partner_copy': UNTRUSTED,
      'aws_ecr_registry_policy.shared_replication': [],
      'aws_ecr_registry_policy.partner_replication': UNTRUSTED,
      'aws_glue_resource_policy.partner_tables': UNTRUSTED,
      'aws_dynamodb_resource_policy.shared_reader': [],
      'aws_dynamodb_resource_policy.partner_reader': UNTRUSTED,
      'aws_dynamodb_resource_policy.anyone': PUBLIC,
      'aws_kinesis_resource_policy.shared_reader': [],
      'aws_kinesis_resource_policy.partner_reader': UNTRUSTED,
      'aws_kinesis_resource_policy.anyone': PUBLIC,
      'aws_s3control_access_point_policy.shared_reader': [],
      'aws_s3control_access_point_policy.anyone': PUBLIC,
      'aws_s3control_multi_region_access_point_policy.mrap_shared': [],
      'aws_s3control_multi_region_access_point_policy.mrap_anyone': PUBLIC,
      'aws_networkfirewall_resource_policy.partner_rule_group': UNTRUSTED,
      'aws_redshiftserverless_resource_policy.partner_restore': UNTRUSTED,
      'aws_s3tables_table_bucket_policy.tables_shared': [],
      'aws_s3tables_table_bucket_policy.tables_anyone': PUBLIC,
      'aws_cloudwatch_event_bus_policy.org_put': [],
      'aws_cloudwatch_event_bus_policy.anyone_put': PUBLIC,
      'aws_sesv2_email_identity_policy.shared_sender': [],
      'aws_sesv2_email_identity_policy.partner_sender': UNTRUSTED,
      // a layer version for the organization (`organization_id`), for everyone, for another organization, for the partner
      'aws_lambda_layer_version_permission.layer_org': [],
      'aws_lambda_layer_version_permission.layer_anyone': PUBLIC,
      'aws_lambda_layer_version_permission.layer_other_org': UNTRUSTED,
      'aws_lambda_layer_version_permission.layer_partner': UNTRUSTED,
      // the accounts allowed their own VPC endpoints to a domain, and a directory shared with an account
      'aws_opensearch_authorize_vpc_endpoint_access.shared_endpoint': [],
      'aws_opensearch_authorize_vpc_endpoint_access.partner_endpoint': UNTRUSTED,
      'aws_directory_service_shared_directory.directory_shared': [],
      'aws_directory_service_shared_directory.directory_partner': UNTRUSTED,
      'aws_redshift_data_share_authorization.datashare_shared': [],
      'aws_redshift_data_share_authorization.datashare_partner': UNTRUSTED,
      'aws_licensemanager_grant.license_org': [],
      'aws_licensemanager_grant.license_partner': UNTRUSTED,
    },
  },
  {
    behaviour: 'fences by `aws:PrincipalArn` and the log group policy the EventBridge console writes',
    plan: 'perimeter.json',
    expected: {
      'aws_s3_bucket_policy.arn_fence_own': [],
      'aws_s3_bucket_policy.arn_fence_partner': UNTRUSTED,
      'aws_s3_bucket_policy.arn_fence_partner_if_exists': UNTRUSTED,
      'aws_s3_bucket_policy.arn_fence_any_value': PUBLIC,
      'aws_s3_bucket_policy.arn_fence_any_account': PUBLIC,
      // EventBridge and log delivery, bound to no source (one finding each: see below)
      'aws_cloudwatch_log_resource_policy.events_console': DEPUTY,
      'aws_cloudwatch_log_resource_policy.events_bound': [],
    },
  },
];

const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', CONFIG);

describe('survey 28: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = reportOf(plan);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });

  it('every resource of the types plan is judged (none of them is left out of the rows)', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(DIR, 'types.json'), 'utf8')) as {
      planned_values: { root_module: { resources: { address: string }[] } };
    };
    const addresses = plan.planned_values.root_module.resources.map((r) => r.address).sort();
    const listed = Object.keys(ROWS[0]?.expected ?? {}).sort();
    expect(addresses).toEqual(listed);
  });
});

describe('survey 28: what the findings say', () => {
  const messagesAt = (plan: string, address: string): string[] =>
    reportOf(plan)
      .findings.filter((f) => f.location.address === address)
      .map((f) => f.message)
      .sort();

  it("a fence to the partner's roles by `aws:PrincipalArn` names the partner and the Deny", () => {
    expect(messagesAt('perimeter.json', 'aws_s3_bucket_policy.arn_fence_partner')).toEqual([
      'resource `aws_s3_bucket_policy.arn_fence_partner` grants access (`Principal` `*` fenced by the Deny at `/Statement/1`) to account `777788889999`, which is not among the trusted accounts',
    ]);
  });

  it('the EventBridge console policy is told the source patterns of the account, rule and delivery', () => {
    expect(messagesAt('perimeter.json', 'aws_cloudwatch_log_resource_policy.events_console')).toEqual([
      'resource `aws_cloudwatch_log_resource_policy.events_console` allows service `delivery.logs.amazonaws.com` without an `aws:SourceArn` or `aws:SourceAccount` condition: the log delivery it acts for may be of any account; bind it with `ArnLike` `aws:SourceArn` `arn:aws:logs:eu-west-1:111122223333:*` (those of this account) or `aws:SourceAccount`',
      'resource `aws_cloudwatch_log_resource_policy.events_console` allows service `events.amazonaws.com` without an `aws:SourceArn` or `aws:SourceAccount` condition: the EventBridge rule it acts for may be of any account; bind it with `ArnLike` `aws:SourceArn` `arn:aws:events:eu-west-1:111122223333:rule/*` (those of this account) or `aws:SourceAccount`',
    ]);
  });
});

describe('survey 28: resource shares and a fence by principal ARN as CloudFormation writes them (cdk-guard)', () => {
  const scan = (): ReturnType<typeof scanTemplate> =>
    scanTemplate(DIR, 'shares.template.yaml', ['--config', CONFIG, '--fail-on', 'never']);

  it('the shares, license grant and endpoint authorization for the partner or another organization, and the fence to the partner, are reported', () => {
    const { report, stderr } = scan();
    expect(stderr).toBe('');
    expect(report.errors).toEqual([]);
    expect(rulesByLogicalId(report)).toEqual({
      PartnerShare: UNTRUSTED,
      ForeignUnitShare: UNTRUSTED,
      PartnerFencePolicy: UNTRUSTED,
      PartnerLicenseGrant: UNTRUSTED,
      PartnerEndpointAuthorization: UNTRUSTED,
    });
  });

  it('a share with the shared-services account and the partner names the partner only', () => {
    const { report } = scan();
    expect(report.findings.filter((f) => f.location.logicalId === 'PartnerShare').map((f) => f.message)).toEqual([
      'resource `PartnerShare` grants access to account `777788889999`, which is not among the trusted accounts',
    ]);
  });
});
