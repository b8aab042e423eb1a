/**
 * `cdk-guard` on hand-written CloudFormation resource policies of the services earlier surveys left
 * (see README.md): OpenSearch Serverless data access, the ECR registry, the Glue Data Catalog, S3
 * access points (plain, Object Lambda, Multi-Region), a bucket delegating to access points, S3
 * Express directory buckets, CodeArtifact and Lambda layer versions, each as its guide writes it
 * beside its unsafe neighbour. The real binary runs with `survey30.config.json` (the account, the
 * shared-services account and the organization trusted). `npm run build` first.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey30';
const CONFIG = ['--config', `${DIR}/survey30.config.json`];
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
      'GlobalPointPolicy trust-policy/untrusted-account /Statement/0',
      'LayerForEveryone resource-exposure/public-principal /Statement/0',
      'LayerForOtherOrg trust-policy/untrusted-account /Statement/0',
      'LayerForPartner trust-policy/untrusted-account /Statement/0',
      'OpenPoint resource-exposure/public-principal /Statement/0',
      'PartnerRepository trust-policy/untrusted-account /Statement/0',
      'PartnerScratchPolicy trust-policy/untrusted-account /Statement/0',
      'RedactingPointPolicy resource-exposure/public-principal /Statement/0',
      'Registry trust-policy/untrusted-account /Statement/1',
      'SearchEveryone resource-exposure/public-principal /Statement/0',
      'SearchPartner trust-policy/untrusted-account /Statement/0',
      'SharedPolicy trust-policy/untrusted-account /Statement/0',
    ]);
  });

  test('an OpenSearch Serverless data access policy for `*` is said to let any principal reach the collections', () => {
    const found = result.report.findings.find((f) => f.location.logicalId === 'SearchEveryone');
    expect(found?.message).toContain('`aoss:APIAccessAll`');
  });

  test('a bucket delegating to the partner’s access points names the partner', () => {
    const found = result.report.findings.find((f) => f.location.logicalId === 'SharedPolicy');
    expect(found?.message).toContain('account `777788889999`');
  });
});
