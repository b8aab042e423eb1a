/**
 * `cdk-guard` on hand-written CloudFormation resource policies (see README.md): each idiom of the
 * service guides beside its unsafe neighbour, for S3, KMS, SQS, Lambda (permissions and function
 * URLs), API Gateway, Secrets Manager, EventBridge, CloudWatch Logs, EFS, AWS Backup and ECR, and
 * the neighbours a reviewer may not expect. The real binary runs on each template with
 * `survey29.config.json` (the account, the shared-services account and the organization trusted).
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey29';
const CONFIG = ['--config', `${DIR}/survey29.config.json`];
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`).sort();

describe('resource-policies.yaml', () => {
  const result = scanTemplate(DIR, 'resource-policies.yaml', CONFIG);

  test('no input error; the public and cross-account grants fail the run', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('the guides’ idioms are quiet; each unsafe neighbour gets the finding a reviewer gives it', () => {
    expect(verdicts(result)).toEqual([
      'AnyTopicQueuePolicy resource-exposure/confused-deputy /Statement/0',
      'AnyZoneLogsPolicy resource-exposure/confused-deputy /Statement/0',
      'BlockedSecretPolicy resource-exposure/public-principal /Statement/0',
      'LegacyPartnerBusPolicy trust-policy/untrusted-account /Statement/0',
      'OpenApi resource-exposure/public-principal /Statement/0',
      'OpenBusPolicy resource-exposure/public-principal /Statement/0',
      'OpenFiles resource-exposure/public-principal /Statement/0',
      'OpenKey resource-exposure/public-principal /Statement/1',
      'PartnerImages trust-policy/untrusted-account /Statement/0',
      'PartnerKey trust-policy/untrusted-account /Statement/1',
      'PartnerKey trust-policy/untrusted-account /Statement/2',
      'PartnerSecretPolicy trust-policy/untrusted-account /Statement/0',
      'PartnerVault trust-policy/untrusted-account /Statement/0',
      'ResizeFromExports resource-exposure/confused-deputy /Statement/0',
      'SitePolicy resource-exposure/public-principal /Statement/0',
      'WebhookUrl resource-exposure/public-principal /Statement/0',
      'WebhookUrlPermission resource-exposure/public-principal /Statement/0',
    ]);
  });

  test('a key any principal may use through S3 is told that `kms:ViaService` does not say who', () => {
    const open = result.report.findings.find((f) => f.location.logicalId === 'OpenKey');
    expect(open?.message).toContain('its condition on `kms:ViaService` does not');
  });

  test('S3 invoking a function for a bucket without `SourceAccount` is told why the bucket ARN is not enough', () => {
    const found = result.report.findings.find((f) => f.location.logicalId === 'ResizeFromExports');
    expect(found?.message).toContain('an ARN that names no account, without `aws:SourceAccount`');
  });
});

describe('edges.yaml', () => {
  const result = scanTemplate(DIR, 'edges.yaml', CONFIG);

  test('an address range of everyone, sources and principals of the partner (a collection data access policy too) are reported; the logging service of the account, the account’s buckets, the organization and the account’s SAML group are not', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(verdicts(result)).toEqual([
      'ArchivePolicy resource-exposure/public-principal /Statement/0',
      'FromPartnerAccount trust-policy/untrusted-account /Statement/0',
      'LedgerPolicy policy-validity/policy-warning /Statement/1/Condition/ArnNotLike/aws:PrincipalArn',
      'PartnerBusPolicy trust-policy/untrusted-account /Statement/0',
      'PartnerSearchAccess trust-policy/untrusted-account /Statement/0',
      'PartnerTopicQueuePolicy trust-policy/untrusted-account /Statement/0',
    ]);
  });

  test('a Deny of all but role sessions by their `assumed-role` ARN is a warning that it refuses every caller, and the bucket is not public', () => {
    const warning = result.report.findings.find((f) => f.location.logicalId === 'LedgerPolicy');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain("a role session's `aws:PrincipalArn` is its role's ARN");
    expect(warning?.message).toContain('refuses every caller');
  });
});
