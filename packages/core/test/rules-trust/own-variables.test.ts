/**
 * account-root on `Principal` `*` confined, by an Allow condition or by a Deny of everyone else,
 * to the role's own account or organization named by policy variable (`${aws:ResourceAccount}`,
 * `${aws:ResourceOrgID}`, and in `aws:PrincipalOrgPaths` the unit of its own account,
 * `${aws:ResourceOrgPaths}`): said as its own, and judged as the literal account or organization is.
 * An organization the configuration lists (`trust.organizationIds`) is reported as any other.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ResolvedConfig } from '../../src/config/types';

const RULE = 'trust-policy/account-root';
const config: ResolvedConfig = {
  severities: new Map([[RULE, 'warning']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};
const ALLOW_ANYONE = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };

/** The messages account-root gives a standalone trust policy. */
function messagesOf(statements: readonly Record<string, unknown>[], settings = config): string[] {
  const document = { Version: '2012-10-17', Statement: statements };
  const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
  return runGuard({ principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }, settings)
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => f.message);
}

const denyUnless = (condition: Record<string, unknown>): Record<string, unknown> => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 'sts:AssumeRole',
  Condition: condition,
});

describe('account-root: the own account or organization by policy variable', () => {
  const cases: [string, Record<string, unknown>[], string[]][] = [
    [
      'a Deny of every caller outside `${aws:ResourceAccount}`: its own account, trusted whole',
      [ALLOW_ANYONE, denyUnless({ StringNotEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } })],
      ['policy `trust` trusts every principal of its own account that is allowed to assume it'],
    ],
    [
      'an Allow confined to `${aws:ResourceAccount}`: its own account, trusted whole',
      [{ ...ALLOW_ANYONE, Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } } }],
      ['policy `trust` trusts every principal of its own account that is allowed to assume it'],
    ],
    [
      'a Deny of every caller outside `${aws:ResourceOrgID}`: its own organization, as a literal id is',
      [ALLOW_ANYONE, denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } })],
      [
        'policy `trust` trusts every principal of its own organization that is allowed to assume it (`Principal` `*` confined only to the organization)',
      ],
    ],
    [
      'the same Deny with a literal organization id',
      [ALLOW_ANYONE, denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })],
      [
        'policy `trust` trusts every principal of organization `o-a1b2c3d4e5` that is allowed to assume it (`Principal` `*` confined only to the organization)',
      ],
    ],
    [
      'an Allow confined to the unit of its own account and below (`${aws:ResourceOrgPaths}*`): that unit, named',
      [
        {
          ...ALLOW_ANYONE,
          Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgPaths}*' } },
        },
      ],
      [
        'policy `trust` trusts every principal under the organizational unit of its own account (`${aws:ResourceOrgPaths}*`) that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
      ],
    ],
    [
      'a Deny of every caller outside the unit of its own account: that unit, as the Allow form',
      [
        ALLOW_ANYONE,
        denyUnless({ 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgPaths}*' } }),
      ],
      [
        'policy `trust` trusts every principal under the organizational unit of its own account (`${aws:ResourceOrgPaths}*`) that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
      ],
    ],
    [
      'an Allow confined to paths under `${aws:ResourceOrgID}/*`: its own organization, as a literal id heading the path is',
      [
        {
          ...ALLOW_ANYONE,
          Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgID}/*' } },
        },
      ],
      [
        'policy `trust` trusts every principal of its own organization that is allowed to assume it (`Principal` `*` confined only to the organization)',
      ],
    ],
    [
      'a Deny of every caller outside `${aws:ResourceOrgID}/*` paths: its own organization',
      [
        ALLOW_ANYONE,
        denyUnless({ 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgID}/*' } }),
      ],
      [
        'policy `trust` trusts every principal of its own organization that is allowed to assume it (`Principal` `*` confined only to the organization)',
      ],
    ],
    [
      'an Allow confined to a unit under `${aws:ResourceOrgID}`: that unit of its own organization, named',
      [
        {
          ...ALLOW_ANYONE,
          Condition: {
            'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgID}/r-ab12/ou-ab12-11111111/*' },
          },
        },
      ],
      [
        'policy `trust` trusts every principal under `${aws:ResourceOrgID}/r-ab12/ou-ab12-11111111/*` of its own organization that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
      ],
    ],
    [
      'the unit of its own account beside `${aws:ResourceOrgID}`: one finding, the unit named',
      [
        {
          ...ALLOW_ANYONE,
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
            'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgPaths}' },
          },
        },
      ],
      [
        'policy `trust` trusts every principal under the organizational unit of its own account (`${aws:ResourceOrgPaths}`) that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
      ],
    ],
    [
      'the unit of its own account beside a unit of another organization: each unit named, not the own organization whole',
      [
        {
          ...ALLOW_ANYONE,
          Condition: {
            'ForAnyValue:StringLike': {
              'aws:PrincipalOrgPaths': ['${aws:ResourceOrgPaths}*', 'o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*'],
            },
          },
        },
      ],
      [
        'policy `trust` trusts every principal under the organizational unit of its own account (`${aws:ResourceOrgPaths}*`) that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
        'policy `trust` trusts every principal under `o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*` of organization `o-zzzzzzzzzz` that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
      ],
    ],
    [
      'a literal account beside the variable in one Deny: each account named',
      [
        ALLOW_ANYONE,
        denyUnless({ StringNotEquals: { 'aws:PrincipalAccount': ['${aws:ResourceAccount}', '444455556666'] } }),
      ],
      [
        'policy `trust` trusts every principal of its own account that is allowed to assume it',
        'policy `trust` trusts every principal of account `444455556666` that is allowed to assume it',
      ],
    ],
  ];
  test.each(cases)('%s', (_name, statements, said) => {
    expect(messagesOf(statements).sort()).toEqual([...said].sort());
  });
});

describe('account-root: an organization the configuration lists', () => {
  const listing = (organizationIds: string[]): ResolvedConfig => ({
    ...config,
    settings: { ...config.settings, trust: { organizationIds } },
  });
  const byOrganization = { ...ALLOW_ANYONE, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
  const byUnit = {
    ...ALLOW_ANYONE,
    Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
  };

  // Listing an organization says who may be trusted, not how widely: every principal of every
  // account of it is wider than one account, which a listed account gets the warning for too.
  test('is reported all the same (an `OrganizationPrincipal`), a unit of it, and behind a Deny of every other caller', () => {
    const whole =
      'policy `trust` trusts every principal of organization `o-a1b2c3d4e5` that is allowed to assume it (`Principal` `*` confined only to the organization)';
    expect(messagesOf([byOrganization], listing(['o-a1b2c3d4e5']))).toEqual([whole]);
    expect(messagesOf([byUnit], listing(['o-a1b2c3d4e5']))).toEqual([
      'policy `trust` trusts every principal under `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*` of organization `o-a1b2c3d4e5` that is allowed to assume it (`Principal` `*` confined only to those organizational units)',
    ]);
    const fenced = [ALLOW_ANYONE, denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })];
    expect(messagesOf(fenced, listing(['o-a1b2c3d4e5']))).toEqual([whole]);
  });

  test('another organization is reported all the same', () => {
    expect(messagesOf([byOrganization], listing(['o-zzzzzzzzzz']))).toEqual([
      'policy `trust` trusts every principal of organization `o-a1b2c3d4e5` that is allowed to assume it (`Principal` `*` confined only to the organization)',
    ]);
  });
});

describe('untrusted-account: the unit of the own account beside a unit of another organization', () => {
  const UNTRUSTED = 'trust-policy/untrusted-account';
  const listing: ResolvedConfig = {
    severities: new Map([[UNTRUSTED, 'error']]),
    settings: { ...config.settings, trust: { organizationIds: ['o-a1b2c3d4e5'] } },
    suppressions: [],
  };
  const untrusted = (paths: string[]): string[] => {
    const statement = { ...ALLOW_ANYONE, Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': paths } } };
    const document = { Version: '2012-10-17', Statement: [statement] };
    const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
    return runGuard({ principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }, listing)
      .findings.filter((f) => f.ruleId === UNTRUSTED)
      .map((f) => f.message);
  };
  const other = 'o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*';
  const said = [
    'policy `trust` grants access to the principals of organization `o-zzzzzzzzzz`, which is not among the trusted organizations',
  ];

  test('the other organization is reported, as without the variable; the own unit alone is not', () => {
    expect(untrusted([other])).toEqual(said);
    expect(untrusted(['${aws:ResourceOrgPaths}*', other])).toEqual(said);
    expect(untrusted(['${aws:ResourceOrgPaths}*'])).toEqual([]);
  });
});
