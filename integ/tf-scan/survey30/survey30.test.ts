/**
 * Resource policies of the services earlier surveys left (integ/tf-scan/survey30, written by
 * `build-plans.js`), through the real binary (`npm run build` first) with `survey30.config.json`
 * (the plan's account, the shared-services account and the organization trusted): the rule ids at
 * each address as a reviewer judged them (README.md says why). `[]` marks an address that must
 * stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey30';
const UNTRUSTED = ['trust-policy/untrusted-account'];
const PUBLIC = ['resource-exposure/public-principal'];

describe('survey 30: resource policies of the services earlier surveys left (tf-scan)', () => {
  const report = jsonReport(
    [path.join(DIR, 'resource-policies.json')],
    '--config',
    path.join(DIR, 'survey30.config.json'),
  );

  it('each address gets the verdicts a reviewer gives it', () => {
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, {
      'aws_opensearchserverless_access_policy.search_readers': [],
      'aws_opensearchserverless_access_policy.search_everyone': PUBLIC,
      'aws_opensearchserverless_access_policy.search_partner': UNTRUSTED,
      'aws_glacier_vault_lock.records': [],
      'aws_glacier_vault_lock.open_records': PUBLIC,
      'aws_acmpca_policy.ca_shared': [],
      'aws_acmpca_policy.ca_partner': UNTRUSTED,
      'aws_ses_identity_policy.send_shared': [],
      'aws_ses_identity_policy.send_anyone': PUBLIC,
      'aws_s3control_object_lambda_access_point_policy.redacting': PUBLIC,
      'aws_s3_bucket_policy.scratch': [],
      'aws_s3_bucket_policy.partner': UNTRUSTED,
      'aws_s3_bucket_policy.data_lake': [],
      'aws_s3_bucket_policy.shared_lake': UNTRUSTED,
      'aws_kms_grant.app': [],
      'aws_kms_grant.partner': UNTRUSTED,
      'aws_kms_key.via_s3': [],
      'aws_kms_key.partner_via_s3': UNTRUSTED,
    });
    expect(got).toEqual(want);
  });

  it('a data access policy for `*` is said to let any principal reach the collections', () => {
    const found = report.findings.find(
      (f) => f.location.address === 'aws_opensearchserverless_access_policy.search_everyone',
    );
    expect(found?.message).toContain('`aoss:APIAccessAll`');
  });

  it('a bucket delegating to the partner’s access points names the partner', () => {
    const found = report.findings.find((f) => f.location.address === 'aws_s3_bucket_policy.shared_lake');
    expect(found?.message).toContain('account `777788889999`');
  });
});
