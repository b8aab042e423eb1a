import { defineRule } from '../rule';
import { isSymbolic } from '../../model/symbolic';
import { actionMatches, restrictingClauses } from '../statement-helpers';
import { ownerOf } from '../describe';

const COGNITO = 'cognito-identity.amazonaws.com';

/** SAML and Cognito federation trusted without the conditions that say for whom the assertion was made. */
export default defineRule({
  meta: {
    id: 'trust-policy/federation-conditions',
    description:
      'A trust policy lets a SAML provider assume the role without a `SAML:aud` condition, or Cognito identity pools without a `cognito-identity.amazonaws.com:amr` condition.',
    rationale:
      '`SAML:aud` ties the assertion to the AWS sign-in endpoint it was issued for. For Cognito identity pools, `amr` tells authenticated from unauthenticated (guest) identities: without it, guests of the pool can assume the role. Add `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}`, or `"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      samlAudience: '{{owner}} trusts SAML provider `{{provider}}` without a `SAML:aud` condition',
      cognitoAmr:
        '{{owner}} trusts Cognito identity pools without a `{{key}}` condition: unauthenticated identities may assume it',
      cognitoGuest:
        '{{owner}} lets unauthenticated (guest) identities of Cognito identity pools assume it (`{{key}}` allows `unauthenticated`): give it only what anyone on the internet may do',
    },
  },
  examples: {
    valid: [
      {
        name: 'SAML with the sign-in audience',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
            },
          ],
        },
      },
      {
        name: 'authenticated identities of one pool',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: COGNITO },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012',
                },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'SAML without audience',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
              Action: 'sts:AssumeRoleWithSAML',
            },
          ],
        },
        errors: [{ messageId: 'samlAudience', pointer: '/Statement/0' }],
      },
      {
        name: 'a pool without the authentication check',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: COGNITO },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'cognitoAmr' }],
      },
      {
        name: 'a guest role of a pool',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: COGNITO },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012',
                },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
              },
            },
          ],
        },
        errors: [{ messageId: 'cognitoGuest' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const owner = ownerOf(subject);
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'Federated' || isSymbolic(entry.value)) continue;
        if (/:saml-provider\//.test(entry.value) && actionMatches(statement, 'sts:AssumeRoleWithSAML')) {
          if (restrictingClauses(statement, ['SAML:aud']).length > 0) continue;
          context.report({
            messageId: 'samlAudience',
            data: { owner, provider: entry.value },
            statement,
            key: entry.value,
          });
        } else if (entry.value === COGNITO && actionMatches(statement, 'sts:AssumeRoleWithWebIdentity')) {
          const key = `${COGNITO}:amr`;
          const amr = restrictingClauses(statement, [key]);
          // `unauthenticated` in the list lets guests in as well.
          if (amr.length > 0 && amr.every((c) => !c.values.includes('unauthenticated'))) continue;
          // A guest role granted nothing gives guests nothing: aws-cdk-lib's `IdentityPool` creates
          // one for every pool, guests allowed or not.
          if (amr.length > 0 && subject.principal !== undefined && subject.principal.policies.length === 0) continue;
          context.report({
            messageId: amr.length > 0 ? 'cognitoGuest' : 'cognitoAmr',
            data: { owner, key },
            statement,
            key: COGNITO,
          });
        }
      }
    }
  },
});
