import { defineRule } from '../rule';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import type { Statement } from '../../model/policy';
import { isSymbolic, valueToString } from '../../model/symbolic';
import { restrictingClauses } from '../statement-helpers';
import { ownerOf } from '../describe';
import { ELB_LOG_DELIVERY_ACCOUNTS, ELB_LOG_DELIVERY_ACTIONS } from '../data/aws-service-accounts';

const ACCOUNT_IN_ARN = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

/** A trust or resource policy grants an AWS account the configuration does not trust. */
export default defineRule({
  meta: {
    id: 'trust-policy/untrusted-account',
    description:
      'A trust or resource policy grants access to an AWS account that is not among `trust.accounts` (checked only when the configuration lists trusted accounts or organizations).',
    rationale:
      'Cross-account access is the way in for a compromised or unknown account. List the accounts you trust in `trust.accounts` (or restrict the statement with `aws:PrincipalOrgID` to one of `trust.organizationIds`); anything else is reported.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['trust', 'resource'], resources: true },
    messages: {
      untrustedAccount: '{{owner}} grants access to account `{{account}}`, which is not among the trusted accounts',
    },
  },
  examples: {
    valid: [
      {
        name: 'a trusted account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:role/deployer' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      },
      {
        name: 'any account of a trusted organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['123456789012', '210987654321'] },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
      {
        name: 'the Elastic Load Balancing account of the Region writing access logs to a bucket',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/111122223333/*',
            },
          ],
        },
      },
      {
        name: 'no trusted accounts configured: nothing to check against',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' }],
        },
      },
    ],
    invalid: [
      {
        name: 'the Elastic Load Balancing account granted more than writing its logs',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: ['s3:PutObject', 's3:GetObject'],
              Resource: 'arn:aws:s3:::alb-logs/*',
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount' }],
      },
      {
        name: 'a role trusting an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket policy granting to a role of an unknown account',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/etl' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
          ],
        },
        errors: [
          { messageId: 'untrustedAccount', pointer: '/Statement/0' },
          { messageId: 'untrustedAccount', pointer: '/Statement/1' },
        ],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isEndpointFilter(subject.resource?.type)) return;
    if (!subject.parsed.ok) return;
    const { accounts = [], organizationIds = [] } = context.settings.trust;
    if (accounts.length === 0 && organizationIds.length === 0) return;
    const own = new Set(
      [subject.principal?.account, accountOf(subject.resource?.arn)].filter((a): a is string => a !== undefined),
    );
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      if (withinTrustedOrganization(statement, organizationIds)) continue;
      const reported = new Set<string>();
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'AWS' || isSymbolic(entry.value)) continue;
        const account = /^\d{12}$/.test(entry.value) ? entry.value : ACCOUNT_IN_ARN.exec(entry.value)?.[1];
        if (account === undefined || own.has(account) || accounts.includes(account) || reported.has(account)) continue;
        if (isLogDelivery(statement, account)) continue;
        reported.add(account);
        context.report({
          messageId: 'untrustedAccount',
          data: { owner: ownerOf(subject), account },
          statement,
          key: account,
          evidence: { account },
        });
      }
    }
  },
});

/** The Elastic Load Balancing account of a Region granted only to write objects (access logs), as AWS documents. */
function isLogDelivery(statement: Statement, account: string): boolean {
  const actions = statement.action;
  return (
    ELB_LOG_DELIVERY_ACCOUNTS.has(account) &&
    actions !== undefined &&
    !actions.negated &&
    actions.values.every((a) => typeof a === 'string' && ELB_LOG_DELIVERY_ACTIONS.has(a.toLowerCase()))
  );
}

function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string' && !isSymbolic(arn)) return undefined;
  const fields = valueToString(arn).split(':');
  return fields[4] !== undefined && /^\d{12}$/.test(fields[4]) ? fields[4] : undefined;
}

function withinTrustedOrganization(statement: Statement, organizationIds: readonly string[]): boolean {
  const clauses = restrictingClauses(statement, ['aws:PrincipalOrgID']);
  return clauses.some((c) => c.values.every((v) => typeof v === 'string' && organizationIds.includes(v)));
}
