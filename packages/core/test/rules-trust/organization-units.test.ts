/**
 * `Principal` `*` confined to organizational units by `aws:PrincipalOrgPaths`: account-root names
 * the units (also beside `aws:PrincipalOrgID` of the same organization), under the message id and
 * key it always used, so a baseline written when it said "the whole organization" still matches.
 */
import { runGuard } from '../../src/analysis/engine';
import { canonicalJson, digestOf, fingerprintOf } from '../../src/analysis/fingerprint';
import type { ResolvedConfig } from '../../src/config/types';
import type { Finding } from '../../src/analysis/finding';

const ORG = 'o-a1b2c3d4e5';
const UNIT = `${ORG}/r-ab12/ou-ab12-11111111/*`;
const RULE = 'trust-policy/account-root';

const config: ResolvedConfig = {
  severities: new Map([[RULE, 'warning']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};

function statementWith(condition: Record<string, unknown>): Record<string, unknown> {
  return { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition };
}

/** The account-root findings of a standalone trust policy of one statement. */
function findingsOf(statement: Record<string, unknown>): readonly Finding[] {
  const document = { Version: '2012-10-17', Statement: [statement] };
  const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
  return runGuard({ principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }, config)
    .findings;
}

describe('account-root: organizational units named by aws:PrincipalOrgPaths', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'one unit',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': UNIT } },
      `trusts every principal under \`${UNIT}\` of organization \`${ORG}\` that is allowed to assume it (\`Principal\` \`*\` confined only to those organizational units)`,
    ],
    [
      'one unit and aws:PrincipalOrgID of the same organization: the unit still confines',
      {
        StringEquals: { 'aws:PrincipalOrgID': ORG },
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': UNIT },
      },
      `trusts every principal under \`${UNIT}\` of organization \`${ORG}\` that is allowed to assume it (\`Principal\` \`*\` confined only to those organizational units)`,
    ],
    [
      'the root of the organization: the whole organization',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/*` } },
      `trusts every principal of organization \`${ORG}\` that is allowed to assume it (\`Principal\` \`*\` confined only to the organization)`,
    ],
    [
      'aws:PrincipalOrgID alone: the whole organization',
      { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      `trusts every principal of organization \`${ORG}\` that is allowed to assume it (\`Principal\` \`*\` confined only to the organization)`,
    ],
  ];
  test.each(cases)('%s', (_name, condition, said) => {
    const findings = findingsOf(statementWith(condition));
    expect(findings.map((f) => [f.ruleId, f.message.replace(/^\S+ `[^`]*` /, '')])).toEqual([[RULE, said]]);
  });

  test('the fingerprint of units is the one the finding had under the old message id (a baseline still suppresses it)', () => {
    const statement = statementWith({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': UNIT } });
    const [finding] = findingsOf(statement);
    // What the engine hashes: rule, principal, policy, the digest of the statement, and the report key (message id and key).
    const old = fingerprintOf([RULE, '', 'trust', digestOf(canonicalJson(statement)), `wholeOrganization ${ORG}`]);
    expect(finding?.fingerprint).toBe(old);
    expect(finding?.evidence).toEqual({ organization: ORG, paths: [UNIT] });
  });
});
