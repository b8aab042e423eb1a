import { defineRule } from '../rule';
import { isSymbolic, valueToString } from '../../model/symbolic';
import type { Statement } from '../../model/policy';
import { actionMatches, neverHolds, restrictingClauses } from '../statement-helpers';
import { ownerOf } from '../describe';
import {
  accountsNamed,
  CALLER_KEYS,
  isAnyPrincipal,
  isLiteralAccount,
  withinTrustedOrganization,
} from '../trust/condition-accounts';

const ACCOUNT_IN_ARN = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

/** A role another account may assume without an external id. */
export default defineRule({
  meta: {
    id: 'trust-policy/cross-account-external-id',
    description:
      'A role trusts a principal of another account, not among `trust.accounts`, without an `sts:ExternalId` condition (an account named in `Principal`, or by `aws:PrincipalAccount` or `aws:PrincipalArn` under `Principal` `*`).',
    rationale:
      'A third party that assumes roles for many customers (a SaaS vendor) can be tricked into using your role for someone else (confused deputy). Require the `sts:ExternalId` it gave you; accounts you own belong in `trust.accounts` or behind `aws:PrincipalOrgID`.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      noExternalId:
        '{{owner}} can be assumed from account `{{account}}`{{unlessOwn}} without an `sts:ExternalId` condition',
      externalIdIfExists:
        '{{owner}} can be assumed from account `{{account}}`{{unlessOwn}} without an external id: `{{operator}}` on `sts:ExternalId` lets a request that sends none through',
      externalIdAnyValue:
        '{{owner}} can be assumed from account `{{account}}`{{unlessOwn}} with any external id: `sts:ExternalId` `{{value}}` matches every value',
    },
  },
  examples: {
    valid: [
      {
        name: 'a vendor account whose roles are named by their `assumed-role` session ARN (`aws:PrincipalArn` holds the role ARN: it admits no one)',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::777788889999:root' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::777788889999:assumed-role/*' } },
            },
          ],
        },
      },
      {
        name: 'a vendor account with an external id',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:root' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': 'c0ffee-7a1c' } },
            },
          ],
        },
      },
      {
        name: 'an account of the configuration',
        type: 'trust',
        principal: { kind: 'role', name: 'deploy' },
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' }, Action: 'sts:AssumeRole' },
          ],
        },
      },
      {
        name: 'an account confined to a path of a trusted organization',
        type: 'trust',
        principal: { kind: 'role', name: 'deploy' },
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/ci' },
              Action: 'sts:AssumeRole',
              Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } },
            },
          ],
        },
      },
      {
        name: 'a role of the same account',
        type: 'trust',
        principal: { kind: 'role', name: 'app' },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ops' }, Action: 'sts:AssumeRole' },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a vendor account without an external id',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' }],
        },
        errors: [{ messageId: 'noExternalId', pointer: '/Statement/0' }],
      },
      {
        name: 'an external id condition that accepts anything',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/scanner' },
              Action: 'sts:AssumeRole',
              Condition: { StringLike: { 'sts:ExternalId': '*' } },
            },
          ],
        },
        errors: [{ messageId: 'externalIdAnyValue' }],
      },
      {
        name: 'an external id required only if the request sends one',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/scanner' },
              Action: 'sts:AssumeRole',
              Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'f3b1c0de-7a42' } },
            },
          ],
        },
        errors: [{ messageId: 'externalIdIfExists' }],
      },
      {
        name: 'anyone confined to a vendor account without an external id',
        type: 'trust',
        principal: { kind: 'role', name: 'vendor-audit' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'noExternalId', pointer: '/Statement/0' }],
      },
      {
        name: 'an account confined to a path of another organization',
        type: 'trust',
        principal: { kind: 'role', name: 'deploy' },
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/ci' },
              Action: 'sts:AssumeRole',
              Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zz99yy88xx/*' } },
            },
          ],
        },
        errors: [{ messageId: 'noExternalId' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    // The role's own account, read only when a statement names an account (most trust services).
    let own: { readonly account: string | undefined } | undefined;
    const ownAccount = (): string | undefined =>
      (own ??= { account: subject.principal?.account ?? accountOf(subject.principal?.arn) }).account;
    const { accounts = [], organizationIds = [] } = context.settings.trust;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      // A condition no request meets (an `aws:PrincipalArn` no caller has) admits no one.
      if (statement.conditions.some(neverHolds)) continue;
      if (!actionMatches(statement, 'sts:AssumeRole')) continue;
      if (restrictingClauses(statement, ['sts:ExternalId']).length > 0) continue;
      if (withinTrustedOrganization(statement, organizationIds)) continue;
      const seen = new Set<string>();
      const named = statement.principal.entries.map((entry) =>
        entry.type !== 'AWS' || isSymbolic(entry.value)
          ? undefined
          : /^\d{12}$/.test(entry.value)
            ? entry.value
            : ACCOUNT_IN_ARN.exec(entry.value)?.[1],
      );
      // `Principal: "*"` confined to accounts by `aws:PrincipalAccount` trusts them as naming them does.
      // An account known only after deploy (the stack's) is judged neither way, as in `Principal`.
      if (isAnyPrincipal(statement))
        named.push(...[...(accountsNamed(statement, CALLER_KEYS) ?? [])].filter(isLiteralAccount));
      for (const account of named) {
        if (account === undefined || account === ownAccount() || accounts.includes(account) || seen.has(account))
          continue;
        seen.add(account);
        // An app deployed to whichever account (CDK without `env`) rarely writes its own account
        // literally: a literal account is most likely another one, and the message says the doubt.
        const unlessOwn = ownAccount() === undefined ? ' (unless the role is deployed to that account)' : '';
        // A condition on the key that pins nothing is said as it is written.
        const loose = looseExternalId(statement);
        context.report({
          messageId:
            loose === undefined ? 'noExternalId' : 'operator' in loose ? 'externalIdIfExists' : 'externalIdAnyValue',
          data: { owner: ownerOf(subject), account, unlessOwn, ...loose },
          statement,
          key: account,
          evidence: { account },
        });
      }
    }
  },
});

/**
 * A condition on `sts:ExternalId` that restricts nothing: an `...IfExists` operator (a request
 * without an external id passes it) or a value of wildcards only.
 */
function looseExternalId(statement: Statement): { operator: string } | { value: string } | undefined {
  const clauses = statement.conditions.filter((c) => c.key.toLowerCase() === 'sts:externalid');
  const ifExists = clauses.find((c) => c.ifExists);
  if (ifExists !== undefined) return { operator: ifExists.operator };
  for (const clause of clauses) {
    const value = clause.values.find((v): v is string => typeof v === 'string' && /^[*?]*\*[*?]*$/.test(v));
    if (clause.baseOperator === 'StringLike' && value !== undefined) return { value };
  }
  return undefined;
}

function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string' && !isSymbolic(arn)) return undefined;
  const field = valueToString(arn).split(':')[4];
  return field !== undefined && /^\d{12}$/.test(field) ? field : undefined;
}
