/**
 * account-root on a trust of the account root narrowed by `aws:PrincipalArn` to IAM Identity
 * Center roles (`role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<set>_<suffix>`): a
 * pattern every permission set's role matches trusts each of them, one created later included; a
 * pattern of one permission set names it.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ResolvedConfig } from '../../src/config/types';

const RULE = 'trust-policy/account-root';
const config: ResolvedConfig = {
  severities: new Map([[RULE, 'warning']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};
const SSO = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com';

/** The messages account-root gives a standalone trust policy of one statement. */
function messagesOf(statement: Record<string, unknown>): string[] {
  const document = { Version: '2012-10-17', Statement: [statement] };
  const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
  return runGuard({ principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }, config)
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => f.message);
}

const rootOf = (account: string, condition: Record<string, unknown>): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: 'sts:AssumeRole',
  Condition: condition,
});
const every = (pattern: string): string =>
  `policy \`trust\` trusts the role of every IAM Identity Center permission set of account \`111122223333\` (\`aws:PrincipalArn\` \`${pattern}\`)`;

describe('account-root: IAM Identity Center roles named by `aws:PrincipalArn`', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'every permission set (an instance of us-east-1, or any Region: `*` spans the Region segment)',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/*` } }),
      [every(`${SSO}/*`)],
    ],
    [
      'every permission set of an instance in eu-west-1',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/eu-west-1/*` } }),
      [every(`${SSO}/eu-west-1/*`)],
    ],
    [
      'every permission set of an instance in a Region the pattern matches (`us-*`)',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/us-*/*` } }),
      [every(`${SSO}/us-*/*`)],
    ],
    [
      'every permission set of an instance in GovCloud (`us-gov-*`)',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/us-gov-*/AWSReservedSSO_*` } }),
      [every(`${SSO}/us-gov-*/AWSReservedSSO_*`)],
    ],
    [
      'every `AWSReservedSSO_` role, by StringLike',
      rootOf('111122223333', { StringLike: { 'aws:PrincipalArn': `${SSO}/*/AWSReservedSSO_*` } }),
      [every(`${SSO}/*/AWSReservedSSO_*`)],
    ],
    [
      'every role AWS reserves (`role/aws-reserved/*`), Identity Center roles among them',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/aws-reserved/*' } }),
      [every('arn:aws:iam::111122223333:role/aws-reserved/*')],
    ],
    [
      'every permission set beside one named role: every permission set all the same',
      rootOf('111122223333', {
        ArnLike: { 'aws:PrincipalArn': [`${SSO}/*`, 'arn:aws:iam::111122223333:role/ci-deployer'] },
      }),
      [every(`${SSO}/*`)],
    ],
    [
      'one permission set, in any Region',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/*/AWSReservedSSO_Admin_*` } }),
      [],
    ],
    [
      'one permission set of an instance of us-east-1',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': `${SSO}/AWSReservedSSO_ReadOnly_*` } }),
      [],
    ],
    [
      'every permission set narrowed further by a principal tag',
      rootOf('111122223333', {
        ArnLike: { 'aws:PrincipalArn': `${SSO}/*` },
        StringEquals: { 'aws:PrincipalTag/team': 'platform' },
      }),
      [],
    ],
    [
      'every permission set of another account than the root trusted: no caller of that account',
      rootOf('444455556666', { ArnLike: { 'aws:PrincipalArn': `${SSO}/*` } }),
      [],
    ],
    [
      'every permission set of every account of the organization (`Principal` `*`, a wildcard account)',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*' },
        },
      },
      ['every IAM Identity Center permission set of every account of organization `o-a1b2c3d4e5`'],
    ],
    [
      'every permission set of any account (`Principal` `*` alone: public-principal says so)',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*' } },
      },
      [],
    ],
  ];
  test.each(cases)('%s', (_name, statement, expected) => {
    const messages = messagesOf(statement);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((words, i) => {
      expect(messages[i]).toContain(words);
    });
  });

  // The account field of the pattern as a pattern of its own: a variable may be any account, a
  // wildcard only the accounts it matches.
  const ANY_SSO = (account: string): string => `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/*`;
  const anyOf = (condition: Record<string, unknown>): Record<string, unknown> => ({
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sts:AssumeRole',
    Condition: condition,
  });
  const fields: [string, Record<string, unknown>, string[], string[]][] = [
    [
      'the own account by policy variable (`${aws:ResourceAccount}`)',
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': ANY_SSO('${aws:ResourceAccount}') } }),
      ['permission set of account `111122223333`'],
      [],
    ],
    [
      "the caller's account by policy variable (`${aws:PrincipalAccount}`)",
      rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': ANY_SSO('${aws:PrincipalAccount}') } }),
      ['permission set of account `111122223333`'],
      [],
    ],
    [
      'an account wildcard that matches one of the two roots trusted',
      {
        ...rootOf('111122223333', { ArnLike: { 'aws:PrincipalArn': ANY_SSO('1111*') } }),
        Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] },
      },
      ['permission set of account `111122223333`'],
      ['444455556666'],
    ],
    [
      'an account wildcard that matches no root trusted: no caller',
      rootOf('444455556666', { ArnLike: { 'aws:PrincipalArn': ANY_SSO('1111*') } }),
      [],
      [],
    ],
    [
      '`Principal` `*` of its own organization (`${aws:ResourceOrgID}`)',
      anyOf({
        StringEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
        ArnLike: { 'aws:PrincipalArn': ANY_SSO('*') },
      }),
      ['permission set of every account of its own organization'],
      ['${aws:ResourceOrgID}'],
    ],
    [
      '`Principal` `*` of its own account (`${aws:ResourceAccount}`)',
      anyOf({ ArnLike: { 'aws:PrincipalArn': ANY_SSO('${aws:ResourceAccount}') } }),
      ['permission set of its own account'],
      ['`${aws:ResourceAccount}`'],
    ],
    [
      "`Principal` `*` of the organization, the caller's own account by policy variable",
      anyOf({
        StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        ArnLike: { 'aws:PrincipalArn': ANY_SSO('${aws:PrincipalAccount}') },
      }),
      ['permission set of every account of organization `o-a1b2c3d4e5`'],
      ['${aws:PrincipalAccount}`'],
    ],
  ];
  test.each(fields)('the account field of the pattern: %s', (_name, statement, expected, never) => {
    const messages = messagesOf(statement);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((words, i) => {
      expect(messages[i]).toContain(words);
      for (const wrong of never) expect(messages[i]?.split(' (`aws:PrincipalArn`')[0]).not.toContain(wrong);
    });
  });

  test('a Deny of every caller outside the Identity Center roles confines the account root beside it', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        rootOf('111122223333', {}),
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { ArnNotLike: { 'aws:PrincipalArn': `${SSO}/*` } },
        },
      ],
    };
    const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
    const messages = runGuard(
      { principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] },
      config,
    ).findings.map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining(every(`${SSO}/*`)) as string]);
  });
});
