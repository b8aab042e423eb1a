/**
 * Redshift datashares authorized for consumers that are no plain account and OpenSearch Serverless
 * data access policies (integ/tf-scan/survey29, written by `build-plans.js`), through the real
 * binary (`npx tsc -b packages/core packages/tf-scan` first) with `survey29.config.json` (the
 * plan's account and the shared-services account trusted): the rule ids at each address as a
 * reviewer judged them (README.md says why). `[]` marks an address that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey29';
const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', path.join(DIR, 'survey29.config.json'));

const UNTRUSTED = ['trust-policy/untrusted-account'];
const UNKNOWN = ['unverifiable/unknown-value'];

describe('survey 29: datashare consumers and collection data access (tf-scan)', () => {
  const report = reportOf('consumers.json');

  it('each address gets the verdicts a reviewer gives it', () => {
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, {
      'aws_redshift_data_share_authorization.shared': [],
      'aws_redshift_data_share_authorization.partner': UNTRUSTED,
      'aws_redshift_data_share_authorization.catalog_shared': [],
      'aws_redshift_data_share_authorization.catalog_partner': UNTRUSTED,
      'aws_redshift_data_share_authorization.data_exchange': UNKNOWN,
      'aws_opensearchserverless_access_policy.readers_shared': [],
      'aws_opensearchserverless_access_policy.readers_partner': UNTRUSTED,
      'aws_opensearchserverless_access_policy.readers_saml': [],
    });
    expect(got).toEqual(want);
  });

  it('the Lake Formation Data Catalog consumer is named by its account', () => {
    const found = report.findings.find(
      (f) => f.location.address === 'aws_redshift_data_share_authorization.catalog_partner',
    );
    expect(found?.message).toContain('account `777788889999`');
  });

  it('a datashare handed to AWS Data Exchange says its subscribers cannot be told, not that no one gets it', () => {
    const found = report.findings.find(
      (f) => f.location.address === 'aws_redshift_data_share_authorization.data_exchange',
    );
    expect(found?.message).toContain('the accounts that subscribe to the AWS Data Exchange products of the datashare');
    expect(found?.message).toContain('cannot be told');
  });
});
