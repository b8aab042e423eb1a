/**
 * Survey 34 (integ/tf-scan/survey-34): configurations in the shapes of the public modules and AWS
 * samples for services the earlier surveys left out (Step Functions, EventBridge Scheduler,
 * CodePipeline/CodeBuild, Glue, Firehose, MSK, OpenSearch, AWS Backup, API Gateway resource
 * policies, AppSync, Transfer Family, Bedrock) and a load balancer log bucket module scanned alone,
 * from a root and as the plan of a call whose reads wait for apply (`build-plans.js`). The real
 * binary runs (`npm run build` first) with `survey-34.config.json` (the account and the
 * shared-services account trusted); each verdict was decided from the AWS documentation before
 * running the tool (README.md says why). Every address with a finding is listed; `[]` marks one
 * that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress, runTfScan } from '../run-tf-scan';
import { pointedLines } from '../../sarif-lines';

const DIR = 'integ/tf-scan/survey-34';
const CONFIG = ['--config', path.join(DIR, 'survey-34.config.json')];
const hcl = (name: string): string[] => ['--hcl', path.join(DIR, 'hcl', name)];

interface Row {
  readonly behaviour: string;
  readonly args: readonly string[];
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const ROWS: readonly Row[] = [
  {
    behaviour:
      'a state machine, a schedule and a pipeline: scoped integrations quiet, PassRole on * and an admin deploy role found',
    args: hcl('orchestration'),
    expected: {
      // One function and its versions, X-Ray and log delivery (which take only `*`).
      'aws_iam_role_policy.sfn': [],
      'aws_iam_role.sfn': [],
      'aws_iam_role_policy.sfn_wide': ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
      // The scheduler's trust pinned by aws:SourceAccount, its role starting one state machine.
      'aws_iam_role.scheduler': [],
      'aws_iam_role_policy.scheduler': [],
      // The pipeline may pass the administrator deploy role to CloudFormation and create stacks.
      'aws_iam_role_policy.pipeline': ['privilege-escalation/pass-role-to-service'],
      'aws_iam_role.cfn_deploy': ['admin-access/full-access'],
      'aws_iam_role_policy.build': [],
    },
  },
  {
    behaviour: 'Glue, Firehose, MSK, OpenSearch and Backup: the partner and the open domain found',
    args: hcl('data'),
    expected: {
      // AWSGlueServiceRole: `glue:*` on every resource, as AWS writes it (LEAD DECISION in the README).
      'aws_iam_role.glue': [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
      ],
      'aws_iam_role_policy.glue_lake': [],
      'aws_iam_role.firehose': [],
      'aws_iam_role_policy.firehose': [],
      'aws_msk_cluster_policy.events': ['trust-policy/untrusted-account'],
      'aws_opensearch_domain_policy.search': [],
      'aws_opensearch_domain.open': ['resource-exposure/public-principal'],
      // A deny of deletion to all but the admin role, copies confined to the organization.
      'aws_backup_vault_policy.main': [],
    },
  },
  {
    behaviour:
      'API resource policies, AppSync, Transfer Family and Bedrock: the public API and the wide Bedrock role found',
    args: hcl('apis'),
    expected: {
      // `*` confined to one VPC endpoint by the Deny, and to an office range by aws:SourceIp.
      'aws_api_gateway_rest_api_policy.private': [],
      'aws_api_gateway_rest_api.office': [],
      'aws_api_gateway_rest_api.public': ['resource-exposure/public-principal'],
      'aws_iam_role_policy.appsync': [],
      'aws_iam_role.sftp_user': [],
      'aws_transfer_user.alice': [],
      'aws_iam_role.agent': [],
      'aws_iam_role_policy.agent': [],
      'aws_iam_role_policy.kb': [
        'data-exfiltration/unscoped-read',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour: 'resource policies of the services: the partner reader and the unbound Scheduler permission found',
    args: hcl('resource-policies'),
    expected: {
      // A data access policy is a list of rules, read as the statement of each: the partner is untrusted.
      'aws_opensearchserverless_access_policy.data': ['trust-policy/untrusted-account'],
      'aws_opensearchserverless_security_policy.encryption': [],
      'aws_kinesis_resource_policy.orders': [],
      'aws_glue_resource_policy.catalog': [],
      'aws_lambda_permission.scheduler': ['resource-exposure/confused-deputy'],
      'aws_lambda_permission.rule': [],
    },
  },
  {
    behaviour: 'the log bucket module alone: no Region, so the load balancers’ account stays undecided',
    args: hcl('elb-log-module'),
    expected: { 'aws_s3_bucket_policy.this[0]': ['unverifiable/unknown-value'] },
  },
  {
    behaviour: 'the log bucket module called from a root, once through an alias of another Region',
    args: hcl('elb-log-root'),
    expected: {
      'module.logs.aws_s3_bucket_policy.this[0]': [],
      'module.logs_us.aws_s3_bucket_policy.this[0]': [],
    },
  },
];

describe('survey 34: services of the public modules and samples (tf-scan)', () => {
  it.each(ROWS)('$behaviour', ({ args, expected }) => {
    const report = jsonReport([], ...args, ...CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });

  it('the module alone says what would make the load balancers’ account known', () => {
    const [finding] = jsonReport([], ...hcl('elb-log-module'), ...CONFIG).findings;
    expect(finding?.message).toContain(
      'known once a `region` is set on the AWS provider or on `data.aws_elb_service_account.this[0]`',
    );
    expect(finding?.location.pointer).toBe('/Statement/0/Principal');
  });

  it('the plan of a call whose reads wait for apply names the load balancers’ account of the provider’s Region', () => {
    const report = jsonReport([path.join(DIR, 'elb-deferred.json')], ...CONFIG);
    expect(report.errors).toEqual([]);
    // Without the .tf text the resources, `"${bucket}/AWSLogs/${account}/*"` templates, are not
    // rebuilt: whether either writer stays under `AWSLogs/<account-id>/` cannot be told, and is said so.
    const { got, want } = ruleIdsByAddress(report.findings, {
      'module.logs.aws_s3_bucket_policy.this[0]': ['unverifiable/unknown-value'],
    });
    expect(got).toEqual(want);
    const said = report.findings.map((f) => `${f.location.pointer ?? ''} ${f.message}`);
    expect(said).toEqual([
      expect.stringMatching(
        /^\/Statement\/0\/Resource resource-exposure\/confused-deputy could not decide: .* the Elastic Load Balancing account `156460612806` \(eu-west-1\) to write `\$\{module\.logs\.data\.aws_iam_policy_document\.elb_log_delivery\[0\]\.statement\[0\]\.resources\[0\]\}`, only known after deploy: whether the write is confined to `AWSLogs\/<account-id>\/` of one account cannot be told$/,
      ),
      expect.stringMatching(
        /^\/Statement\/1\/Resource resource-exposure\/confused-deputy could not decide: .* service `logdelivery\.elasticloadbalancing\.amazonaws\.com` to write .* cannot be told$/,
      ),
    ]);
  });

  it.each(['orchestration', 'data', 'apis', 'resource-policies'])(
    'each finding of %s names the line its resource is declared on',
    (dir) => {
      const { stdout, stderr } = runTfScan([...hcl(dir), '--format', 'sarif', '--fail-on', 'never']);
      expect(stderr).toBe('');
      const found = pointedLines(stdout);
      expect(found.length).toBeGreaterThan(0);
      for (const { name: address, line, lines } of found) {
        const [type, name] = address.replace(/\[.*\]$/, '').split('.');
        const declared = lines.findIndex((l) => l.startsWith(`resource "${type ?? ''}" "${name ?? ''}"`)) + 1;
        expect({ address, line }).toEqual({ address, line: declared });
      }
    },
  );
});
