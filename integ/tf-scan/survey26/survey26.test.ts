/**
 * Resource policies Terraform users write (integ/tf-scan/survey26, written by `build-plans.js`),
 * through the real binary (`npx tsc -b packages/core packages/tf-scan` first) with
 * `survey26.config.json` (the plans' account, the shared-services account and the organization
 * trusted): per plan, the rule ids at each address, as a reviewer judged them (README.md says
 * why). Every address with a finding is listed; `[]` marks one that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey26';
const CONFIG = path.join(DIR, 'survey26.config.json');

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
    behaviour:
      'policies of MSK, S3 on Outposts, Elasticsearch, log destinations, MediaStore, schemas, DynamoDB, ECR Public, CodeArtifact, OpenSearch Ingestion',
    plan: 'resource-types.json',
    expected: {
      'aws_msk_cluster_policy.shared': [],
      'aws_msk_cluster_policy.partner': UNTRUSTED,
      'aws_s3control_bucket_policy.app': [],
      'aws_s3control_bucket_policy.partner': UNTRUSTED,
      'aws_elasticsearch_domain_policy.reader': [],
      'aws_elasticsearch_domain_policy.open': PUBLIC,
      'aws_cloudwatch_log_destination_policy.org': [],
      'aws_cloudwatch_log_destination_policy.partner': UNTRUSTED,
      'aws_media_store_container_policy.account': [],
      // `aws:SecureTransport` says how the caller connects, not who it is
      'aws_media_store_container_policy.public_read': PUBLIC,
      'aws_schemas_registry_policy.shared': [],
      'aws_schemas_registry_policy.partner': UNTRUSTED,
      'aws_dynamodb_resource_policy.org': [],
      // `StringEqualsIfExists`: a caller without an organization passes
      'aws_dynamodb_resource_policy.org_if_exists': PUBLIC,
      'aws_ecrpublic_repository_policy.ci_push': [],
      'aws_ecrpublic_repository_policy.any_push': PUBLIC,
      'aws_codeartifact_repository_permissions_policy.org_read': [],
      'aws_codeartifact_repository_permissions_policy.any_read': PUBLIC,
      'aws_osis_pipeline.logs': [],
      'aws_osis_resource_policy.shared_endpoint': [],
      'aws_osis_resource_policy.any_ingest': PUBLIC,
    },
  },
  {
    behaviour: '`Principal: "*"` made private by its conditions, or public again by how they are written',
    plan: 'exposure.json',
    expected: {
      'aws_s3_bucket_policy.vpce': [],
      'aws_s3_bucket_policy.vpc': [],
      'aws_s3_bucket_policy.account': [],
      'aws_s3_bucket_policy.org_paths': [],
      'aws_s3_bucket_policy.org_paths_all': PUBLIC,
      'aws_s3_bucket_policy.vpce_if_exists': PUBLIC,
      'aws_s3_bucket_policy.tls_and_endpoint': [],
      'aws_s3_bucket_policy.not_ip': PUBLIC,
      'aws_s3_bucket_policy.fence_org': [],
      'aws_s3_bucket_policy.fence_other_org': UNTRUSTED,
      'aws_sns_topic_policy.default_owner': [],
      'aws_sns_topic_policy.events_any': DEPUTY,
      'aws_sns_topic_policy.events_rule': [],
      'aws_kms_key.s3': [],
    },
  },
  {
    behaviour: 'services with and without the source they act for; event buses, functions and documents shared',
    plan: 'services.json',
    expected: {
      'aws_lambda_permission.s3_any': DEPUTY,
      'aws_lambda_permission.s3_bucket': [],
      'aws_lambda_permission.sns_topic': [],
      'aws_lambda_permission.org': [],
      'aws_lambda_function.thumbnails': [],
      'aws_lambda_resource_policy.shared_invoke': [],
      'aws_lambda_resource_policy.any_invoke': PUBLIC,
      'aws_cloudwatch_event_permission.org': [],
      'aws_cloudwatch_event_permission.partner': UNTRUSTED,
      'aws_ssm_document.runbook_shared': [],
      'aws_ssm_document.runbook_public': PUBLIC,
      'aws_s3_bucket_policy.config': [],
      'aws_sqs_queue_policy.s3_bound': [],
      'aws_sqs_queue_policy.events_any': DEPUTY,
    },
  },
];

const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', CONFIG);

describe('survey 26: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = reportOf(plan);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 26: what the findings say', () => {
  const message = (plan: string, address: string): string | undefined =>
    (reportOf(plan).findings.find((f) => f.location.address === address) as { message?: string } | undefined)?.message;

  it('a topic for EventBridge by `aws:PrincipalServiceName` names the service it lets through', () => {
    expect(message('exposure.json', 'aws_sns_topic_policy.events_any')).toBe(
      'resource `aws_sns_topic_policy.events_any` allows service `events.amazonaws.com` without an `aws:SourceArn` or `aws:SourceAccount` condition: the EventBridge rule it acts for may be of any account; bind it with `ArnLike` `aws:SourceArn` `arn:aws:events:eu-west-1:111122223333:rule/*` (those of this account) or `aws:SourceAccount`',
    );
  });

  it('an `...IfExists` organization test says the condition lets anyone through', () => {
    expect(message('resource-types.json', 'aws_dynamodb_resource_policy.org_if_exists')).toBe(
      'resource `aws_dynamodb_resource_policy.org_if_exists` allows any principal (`"Principal": "*"`) to call `dynamodb:GetItem`, `dynamodb:Query` without a condition that restricts who (its condition on `aws:PrincipalOrgID` lets anyone through)',
    );
  });

  it('a bucket fenced by a Deny outside another organization names that organization on its Allow', () => {
    const fenced = reportOf('exposure.json').findings.filter(
      (f) => f.location.address === 'aws_s3_bucket_policy.fence_other_org',
    );
    expect(
      fenced.map((f): unknown[] => {
        const { message, evidence } = f as { message?: string; evidence?: Record<string, unknown> };
        return [f.location.pointer, message, evidence?.['deny']];
      }),
    ).toEqual([
      [
        '/Statement/0',
        'resource `aws_s3_bucket_policy.fence_other_org` grants access (`Principal` `*` fenced by the Deny at `/Statement/1`) to the principals of organization `o-zz99yy88xx`, which is not among the trusted organizations',
        '/Statement/1',
      ],
    ]);
  });
});
