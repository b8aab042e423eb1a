/**
 * Resource policies the AWS guides tell users to write, and their unsafe neighbours
 * (integ/tf-scan/survey27, written by `build-plans.js`), through the real binary (`npx tsc -b
 * packages/core packages/tf-scan` first) with `survey27.config.json` (the plans' account, the
 * shared-services account and the organization trusted): per plan, the rule ids at each address
 * and the statement each finding points at, as a reviewer judged them (README.md says why). Every
 * address with a finding is listed; `[]` marks one that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';
import type { Finding } from '../run-tf-scan';
import { rulesByLogicalId, scanTemplate } from '../../run-cdk-guard';

const DIR = 'integ/tf-scan/survey27';
const CONFIG = path.join(DIR, 'survey27.config.json');

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
    behaviour: 'log delivery buckets (ELB, CloudTrail, Config, vended logs, SES) and CloudFront origins',
    plan: 'logs.json',
    expected: {
      // AWS's ELB account of the Region writing its logs under the account's path: not untrusted
      'aws_s3_bucket_policy.alb_account': [],
      'aws_s3_bucket_policy.alb_service': [],
      // anywhere in the bucket: the load balancers of every account of the Region write there
      'aws_s3_bucket_policy.alb_account_anywhere': DEPUTY,
      // the path of the partner's account: the partner's load balancers deliver there
      'aws_s3_bucket_policy.alb_account_partner': UNTRUSTED,
      'aws_s3_bucket_policy.alb_service_partner': UNTRUSTED,
      // reads are no log delivery: the ELB account is then an account like any other
      'aws_s3_bucket_policy.alb_account_read': UNTRUSTED,
      'aws_s3_bucket_policy.cloudtrail': [],
      'aws_s3_bucket_policy.cloudtrail_no_source': DEPUTY,
      'aws_s3_bucket_policy.cloudtrail_partner': UNTRUSTED,
      'aws_s3_bucket_policy.config': [],
      'aws_s3_bucket_policy.config_no_source': DEPUTY,
      'aws_s3_bucket_policy.flow_logs': [],
      'aws_s3_bucket_policy.flow_logs_any': DEPUTY,
      'aws_s3_bucket_policy.ses': [],
      'aws_s3_bucket_policy.ses_any': DEPUTY,
      'aws_s3_bucket_policy.cloudfront_oac': [],
      // any account's distribution may serve the bucket to anyone
      'aws_s3_bucket_policy.cloudfront_any': PUBLIC,
      // an origin access identity names no account
      'aws_s3_bucket_policy.cloudfront_oai': [],
      'aws_s3_bucket_policy.cloudfront_oai_public': PUBLIC,
    },
  },
  {
    behaviour: 'keys, topics, queues, buses, functions, repositories, secrets and backup vaults',
    plan: 'services.json',
    expected: {
      'aws_kms_key.default': [],
      'aws_kms_key.partner_admin': UNTRUSTED,
      'aws_kms_key.logs': [],
      'aws_kms_key.logs_any': DEPUTY,
      'aws_kms_key.grants_for_resources': [],
      'aws_kms_key.grants_for_anyone': PUBLIC,
      // the key described by the service whose use of it the policy binds
      'aws_kms_key.cloudtrail': [],
      'aws_kms_key.cloudtrail_any': DEPUTY,
      'aws_kms_key.via_service_only': PUBLIC,
      'aws_sns_topic_policy.s3_events': [],
      'aws_sns_topic_policy.s3_events_bucket_only': DEPUTY,
      'aws_sns_topic_policy.alarms': [],
      'aws_sns_topic_policy.events': [],
      'aws_sns_topic_policy.events_any': DEPUTY,
      'aws_sqs_queue_policy.sns_subscription': [],
      'aws_sqs_queue_policy.sns_subscription_star': [],
      'aws_sqs_queue_policy.sns_any_topic': PUBLIC,
      'aws_cloudwatch_event_bus_policy.org': [],
      'aws_cloudwatch_event_bus_policy.other_org': UNTRUSTED,
      'aws_lambda_function.orders': [],
      'aws_lambda_permission.api_gateway': [],
      'aws_lambda_permission.s3': [],
      'aws_lambda_permission.alb': [],
      'aws_lambda_permission.api_gateway_any': DEPUTY,
      'aws_ecr_repository_policy.lambda_shared': [],
      'aws_ecr_repository_policy.lambda_partner': UNTRUSTED,
      'aws_secretsmanager_secret_policy.shared_reader': [],
      'aws_secretsmanager_secret_policy.anyone': PUBLIC,
      'aws_backup_vault_policy.deny_delete': [],
      'aws_backup_vault_policy.org_copy': [],
      'aws_backup_vault_policy.any_copy': PUBLIC,
    },
  },
  {
    behaviour: 'the data perimeter with Null, organization paths and policy variables',
    plan: 'perimeter.json',
    expected: {
      'aws_s3_bucket_policy.account_present': [],
      'aws_s3_bucket_policy.account_present_partner': UNTRUSTED,
      'aws_s3_bucket_policy.account_if_exists': PUBLIC,
      'aws_s3_bucket_policy.ou_fence': [],
      'aws_s3_bucket_policy.ou_fence_other_org': UNTRUSTED,
      'aws_s3_bucket_policy.ou_fence_any_value': PUBLIC,
      'aws_s3_bucket_policy.own_account_fence': [],
      'aws_s3_bucket_policy.own_org_fence': [],
      'aws_s3_bucket_policy.own_account_and_partner_fence': UNTRUSTED,
      'aws_s3_bucket_policy.own_account_allow': [],
      'aws_s3_bucket_policy.caller_account_allow': PUBLIC,
    },
  },
];

const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', CONFIG);

const findingsAt = (plan: string, address: string): Finding[] =>
  reportOf(plan).findings.filter((f) => f.location.address === address);

describe('survey 27: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = reportOf(plan);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 27: what the findings say and where they point', () => {
  it('each log bucket policy is reported on the statement at fault, not only by the rule expected', () => {
    const at = reportOf('logs.json')
      .findings.map((f) => `${f.ruleId} ${f.location.address ?? ''} ${f.location.pointer ?? ''}`)
      .sort();
    expect(at).toEqual([
      // the write anywhere in the bucket, by address alone or by ARN
      'resource-exposure/confused-deputy aws_s3_bucket_policy.alb_account_anywhere /Statement/0',
      // the ACL check of a write bound to no source, and the write (its only condition is the ACL)
      'resource-exposure/confused-deputy aws_s3_bucket_policy.cloudtrail_no_source /Statement/0',
      'resource-exposure/confused-deputy aws_s3_bucket_policy.cloudtrail_no_source /Statement/1',
      'resource-exposure/confused-deputy aws_s3_bucket_policy.config_no_source /Statement/0',
      'resource-exposure/confused-deputy aws_s3_bucket_policy.flow_logs_any /Statement/0',
      'resource-exposure/confused-deputy aws_s3_bucket_policy.ses_any /Statement/0',
      'resource-exposure/public-principal aws_s3_bucket_policy.cloudfront_any /Statement/0',
      // the grant to everyone beside the origin access identity, not the identity's
      'resource-exposure/public-principal aws_s3_bucket_policy.cloudfront_oai_public /Statement/1',
      'trust-policy/untrusted-account aws_s3_bucket_policy.alb_account_partner /Statement/0',
      'trust-policy/untrusted-account aws_s3_bucket_policy.alb_account_read /Statement/0',
      'trust-policy/untrusted-account aws_s3_bucket_policy.alb_service_partner /Statement/0',
      'trust-policy/untrusted-account aws_s3_bucket_policy.cloudtrail_partner /Statement/0',
    ]);
  });

  it('the ELB account writing anywhere in the bucket is named with its Region', () => {
    expect(findingsAt('logs.json', 'aws_s3_bucket_policy.alb_account_anywhere').map((f) => f.message)).toEqual([
      "resource `aws_s3_bucket_policy.alb_account_anywhere` allows the Elastic Load Balancing account `156460612806` (eu-west-1) to write outside `AWSLogs/<account-id>/`: it delivers the access logs of every account's load balancers in eu-west-1, so confine the write to your account's `AWSLogs/<account-id>/` path",
    ]);
  });

  it("the ELB account writing the partner's log path names both", () => {
    expect(findingsAt('logs.json', 'aws_s3_bucket_policy.alb_account_partner').map((f) => f.message)).toEqual([
      'resource `aws_s3_bucket_policy.alb_account_partner` lets the Elastic Load Balancing account `156460612806` write the access logs of account `777788889999`, which is not among the trusted accounts',
    ]);
  });

  it('CloudTrail without the encryption context is reported on its key use and on its description of the key', () => {
    expect(
      findingsAt('services.json', 'aws_kms_key.cloudtrail_any').map((f) => [f.ruleId, f.location.pointer]),
    ).toEqual([
      ['resource-exposure/confused-deputy', '/Statement/1'],
      ['resource-exposure/confused-deputy', '/Statement/2'],
    ]);
  });

  it("a fence to the resource's own account and the partner names the partner and the Deny", () => {
    expect(
      findingsAt('perimeter.json', 'aws_s3_bucket_policy.own_account_and_partner_fence').map((f) => f.message),
    ).toEqual([
      'resource `aws_s3_bucket_policy.own_account_and_partner_fence` grants access (`Principal` `*` fenced by the Deny at `/Statement/1`) to account `777788889999`, which is not among the trusted accounts',
    ]);
  });

  it('a grant under `StringEqualsIfExists` with `Null` `false` names the partner account it confines to', () => {
    expect(findingsAt('perimeter.json', 'aws_s3_bucket_policy.account_present_partner').map((f) => f.message)).toEqual([
      'resource `aws_s3_bucket_policy.account_present_partner` grants access to account `777788889999`, which is not among the trusted accounts',
    ]);
  });
});

describe('survey 27: the same policies as CloudFormation writes them (cdk-guard)', () => {
  it('only the ELB account writing anywhere and the fence leaving the partner are reported', () => {
    const { report, stderr } = scanTemplate(DIR, 'guides.template.yaml', ['--config', CONFIG, '--fail-on', 'never']);
    expect(stderr).toBe('');
    expect(report.errors).toEqual([]);
    expect(rulesByLogicalId(report)).toEqual({
      AnywherePolicy: DEPUTY,
      PartnerLogsPolicy: UNTRUSTED,
      PartnerFencePolicy: UNTRUSTED,
    });
  });

  it("the ELB account and delivery.logs writing the partner's log path of a bucket known only after deploy (`Fn::Join` with `Fn::GetAtt`, `Fn::Sub`) each name the partner", () => {
    const { report } = scanTemplate(DIR, 'guides.template.yaml', ['--config', CONFIG, '--fail-on', 'never']);
    const partner = report.findings.filter((f) => f.location.logicalId === 'PartnerLogsPolicy');
    const names = (f: (typeof partner)[number]): string | undefined => /account `(\d{12})`, which/.exec(f.message)?.[1];
    expect(partner.map((f) => [f.ruleId, f.location.pointer, names(f)])).toEqual([
      ['trust-policy/untrusted-account', '/Statement/0', '777788889999'],
      ['trust-policy/untrusted-account', '/Statement/1', '777788889999'],
    ]);
  });
});
