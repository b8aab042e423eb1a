/**
 * federation-conditions on IAM Roles Anywhere beside a Deny: a Deny of a session action whose one
 * test is negated (`ArnNotEquals` `aws:SourceArn`, `StringNotEquals` on the certificate) lets
 * through only the sessions its positive test admits, as the same condition in the Allow does.
 * The key a message names is one of the statements it is about.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ResolvedConfig } from '../../src/config/types';

const RULE = 'trust-policy/federation-conditions';
const config: ResolvedConfig = {
  severities: new Map([[RULE, 'warning']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};
const SERVICE = { Service: 'rolesanywhere.amazonaws.com' };
const SESSION = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const ANCHOR = 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f';
const CN = 'aws:PrincipalTag/x509Subject/CN';

/** The rule's findings (pointer and message) on `statements` linted as a trust policy. */
function findingsOf(statements: readonly unknown[]): [string | undefined, string][] {
  const document = { Version: '2012-10-17', Statement: statements };
  const policy = { id: 'trust', name: 'trust', document, location: { file: 'trust.json' } };
  return runGuard({ principals: [], resources: [], errors: [], policies: [{ policy, type: 'trust' }] }, config)
    .findings.filter((f) => f.ruleId === RULE)
    .map((f) => [f.location.pointer, f.message]);
}

const allow = (condition: unknown, action: readonly string[] = SESSION): unknown => ({
  Effect: 'Allow',
  Principal: SERVICE,
  Action: action,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const deny = (condition: unknown, principal: unknown = SERVICE, action: readonly string[] = SESSION): unknown => ({
  Effect: 'Deny',
  Principal: principal,
  Action: action,
  Condition: condition,
});
const outsideAnchor = { ArnNotEquals: { 'aws:SourceArn': ANCHOR } };
const oneName = { StringEquals: { [CN]: 'build-agent' } };
const NO_ANCHOR_CN =
  'policy `trust` trusts IAM Roles Anywhere for certificates named by `aws:PrincipalTag/x509Subject/CN` without naming one trust anchor (`aws:SourceArn`): a certificate that says the same, signed by the CA of any trust anchor of the account (including one registered later), may assume it; add `ArnEquals` `aws:SourceArn` with the trust anchor ARN';

describe('federation-conditions: IAM Roles Anywhere fenced by a Deny', () => {
  const silent: readonly [string, readonly unknown[]][] = [
    ['one certificate name, a Deny of every trust anchor but one', [allow(oneName), deny(outsideAnchor)]],
    [
      'one certificate name, a Deny of everyone outside one trust anchor on `sts:AssumeRole` alone',
      [allow(oneName), deny(outsideAnchor, '*', ['sts:AssumeRole'])],
    ],
    [
      'one trust anchor, a Deny of every certificate but one name',
      [allow({ ArnEquals: { 'aws:SourceArn': ANCHOR } }), deny({ StringNotEquals: { [CN]: 'build-agent' } })],
    ],
  ];
  it.each(silent)('no finding: %s', (_name, statements) => {
    expect(findingsOf(statements)).toEqual([]);
  });

  it('a Deny of every certificate but one name, no trust anchor: the certificate is named by the Deny', () => {
    expect(
      findingsOf([
        allow({ StringEquals: { 'aws:SourceAccount': '111122223333' } }),
        deny({ StringNotEquals: { [CN]: 'build-agent' } }),
      ]),
    ).toEqual([['/Statement/0', NO_ANCHOR_CN]]);
  });

  const stillOpen: readonly [string, unknown][] = [
    [
      'a Deny of two tests, which refuses only sessions failing both',
      deny({ ArnNotEquals: { 'aws:SourceArn': ANCHOR }, StringNotEquals: { 'aws:SourceAccount': '111122223333' } }),
    ],
    [
      'a Deny under `ForAnyValue`, which a session without the key passes',
      deny({ 'ForAnyValue:ArnNotEquals': { 'aws:SourceArn': ANCHOR } }),
    ],
    ['a Deny of another service', deny(outsideAnchor, { Service: 'ec2.amazonaws.com' })],
    ['a Deny of other actions', deny(outsideAnchor, SERVICE, ['sts:AssumeRoleWithWebIdentity'])],
    [
      'a Deny of every trust anchor',
      deny({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:*:*:trust-anchor/*' } }),
    ],
  ];
  it.each(stillOpen)('still no trust anchor: %s', (_name, fence) => {
    expect(findingsOf([allow(oneName), fence])).toEqual([['/Statement/0', NO_ANCHOR_CN]]);
  });
});

describe('federation-conditions: the certificate key a Roles Anywhere message names', () => {
  it('is one of the statements open to any trust anchor, not of one naming its anchor', () => {
    const anchored = allow({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { [CN]: 'build-agent' } });
    const open = allow({ StringEquals: { 'aws:PrincipalTag/x509Issuer/CN': 'Acme Issuing CA' } });
    expect(
      findingsOf([anchored, open]).map(([pointer, message]) => [pointer, /named by `([^`]*)`/.exec(message)?.[1]]),
    ).toEqual([['/Statement/1', 'aws:PrincipalTag/x509Issuer/CN']]);
  });

  it("is the reported statement's own before another statement's of the same session", () => {
    const first = allow({ StringEquals: { 'aws:PrincipalTag/x509SAN/DNS': 'agent.example.com' } }, ['sts:AssumeRole']);
    const second = allow({ StringEquals: { 'sts:SourceIdentity': 'build-agent' } }, [
      'sts:TagSession',
      'sts:SetSourceIdentity',
    ]);
    expect(
      findingsOf([second, first]).map(([pointer, message]) => [pointer, /named by `([^`]*)`/.exec(message)?.[1]]),
    ).toEqual([['/Statement/1', 'aws:PrincipalTag/x509SAN/DNS']]);
  });
});
