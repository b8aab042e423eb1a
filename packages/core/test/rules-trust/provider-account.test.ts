/**
 * federation-conditions on a `Federated` SAML or OIDC provider of another account than the role's:
 * STS accepts only a provider of the role's own account, so the trust lets no one in. Said only
 * when the role's account is written out; a document linted alone has none.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { ResolvedConfig } from '../../src/config/types';
import { SymbolicValue } from '../../src/model/symbolic';
import type { PolicyValue } from '../../src/model/symbolic';

const RULE = 'trust-policy/federation-conditions';
const config: ResolvedConfig = {
  severities: new Map([[RULE, 'warning']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};
const SAML_AUD = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };

const trustOf = (federated: string, action: string, condition: unknown): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: action, Condition: condition }],
});

/** The messages of the rule for a role (of `arn`, and of `account` when given) holding `document` as its trust policy, or for the document alone. */
function messagesOf(document: unknown, role?: { arn: PolicyValue | undefined; account?: string }): string[] {
  const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
  const principal = (r: { arn: PolicyValue | undefined; account?: string }): PrincipalInput => ({
    id: 'sso-admin',
    kind: 'role',
    name: 'sso-admin',
    path: '/',
    arn: r.arn,
    ...(r.account === undefined ? {} : { account: r.account }),
    policies: [],
    trustPolicy: policy,
    tags: {},
    location: { file: 'trust.json' },
  });
  const input: ScanInput =
    role === undefined
      ? { principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }
      : { principals: [principal(role)], resources: [], errors: [], policies: [] };
  return runGuard(input, config)
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => f.message);
}

describe('federation-conditions: an identity provider of another account', () => {
  const otherSaml = trustOf('arn:aws:iam::999988887777:saml-provider/Okta', 'sts:AssumeRoleWithSAML', SAML_AUD);
  const ownRole = { arn: 'arn:aws:iam::111122223333:role/sso-admin' };

  it('a role of a known account trusting the SAML provider of another: said, with both accounts', () => {
    expect(messagesOf(otherSaml, ownRole)).toEqual([
      "role `sso-admin` trusts identity provider `arn:aws:iam::999988887777:saml-provider/Okta` of account `999988887777`, not one of its own account `111122223333`: STS accepts only a provider of the role's account, so no one can assume the role through it; create the provider in `111122223333` and name that one",
    ]);
  });

  it('an OIDC provider of another account, the role account given by its input', () => {
    const document = trustOf(
      'arn:aws:iam::999988887777:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F',
      'sts:AssumeRoleWithWebIdentity',
      {
        StringEquals: {
          'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F:sub': 'system:serviceaccount:jobs:runner',
          'oidc.eks.eu-west-1.amazonaws.com/id/5C2B8F0E9A7D4E3F:aud': 'sts.amazonaws.com',
        },
      },
    );
    const messages = messagesOf(document, { arn: undefined, account: '111122223333' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('of account `999988887777`, not one of its own account `111122223333`');
  });

  it('the provider of its own account: nothing said', () => {
    const own = trustOf('arn:aws:iam::111122223333:saml-provider/Okta', 'sts:AssumeRoleWithSAML', SAML_AUD);
    expect(messagesOf(own, ownRole)).toEqual([]);
  });

  it('a document linted alone, or a role whose account is known only after deploy: the account is not known, nothing said', () => {
    expect(messagesOf(otherSaml)).toEqual([]);
    const symbolic = new SymbolicValue([
      'arn:aws:iam::',
      { id: 'AWS::AccountId', source: 'AWS::AccountId' },
      ':role/sso-admin',
    ]);
    expect(messagesOf(otherSaml, { arn: symbolic })).toEqual([]);
  });
});
