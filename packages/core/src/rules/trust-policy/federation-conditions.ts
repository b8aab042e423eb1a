import { defineRule } from '../rule';
import type { ExamplePrincipal, PolicySubject, RuleContext } from '../rule';
import { isSymbolic, valueToString } from '../../model/symbolic';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { matchWildcard } from '../../match/wildcard';
import {
  actionMatches,
  isEveryone,
  isPassedTest,
  isRestrictingClause,
  passedTest,
  restrictingClauses,
} from '../statement-helpers';
import { pinsFederatedClaim } from '../trust/oidc';
import { listValues, ownerOf } from '../describe';
import { accountIn } from '../trust/condition-accounts';
import { blockedOnValue } from '../data/grants';
import { ROLES_ANYWHERE, ROLES_ANYWHERE_SESSION_ACTIONS } from '../../model/validate';

const COGNITO = 'cognito-identity.amazonaws.com';
// Keys that IAM Roles Anywhere fills from the authenticating certificate: its subject, issuer and
// alternative names as session tags (`aws:PrincipalTag/x509Subject/CN`, ...), its subject's
// common name as the source identity.
const CERTIFICATE_KEY = /^(?:aws:principaltag\/x509(?:subject|issuer|san)\/.|sts:sourceidentity$)/;
// A trust anchor named by its id; `trust-anchor/*` (or an id with a wildcard) names any of them.
const ONE_TRUST_ANCHOR = /^arn:[^:*?]+:rolesanywhere:[^:]*:[^:]*:trust-anchor\/[^*?]+$/;

// The trust policy of the guest role of one identity pool.
const GUEST_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: COGNITO },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
      },
    },
  ],
};

// The same pool's trust without the authentication check: guests and signed-in users alike.
const NO_AMR_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: COGNITO },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
      },
    },
  ],
};

/** The role `guest` holding one inline policy of `statements`. */
const guestRole = (statements: readonly unknown[]): ExamplePrincipal => ({
  kind: 'role',
  name: 'guest',
  identityPolicies: [{ Version: '2012-10-17', Statement: statements }],
});

const rolesAnywhere = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: ROLES_ANYWHERE },
      Action: [...ROLES_ANYWHERE_SESSION_ACTIONS],
      ...(condition === undefined ? {} : { Condition: condition }),
    },
  ],
});

/** SAML, Cognito and certificate (IAM Roles Anywhere) federation trusted without the conditions that say for whom the credential was made. */
export default defineRule({
  meta: {
    id: 'trust-policy/federation-conditions',
    description:
      "A trust policy lets a SAML provider assume the role without a `SAML:aud` condition, Cognito identity pools without a `cognito-identity.amazonaws.com:amr` condition that keeps guests out (an error when the guest role may change resources; or with one that lets no identity in), or IAM Roles Anywhere without a condition naming one trust anchor (`aws:SourceArn`), whether or not it names certificate attributes (`aws:PrincipalTag/x509Subject/...`); or a SAML or OIDC provider of another account than the role's, when the role's account is known.",
    rationale:
      '`SAML:aud` ties the assertion to the AWS sign-in endpoint it was issued for; AWS sign-in refuses a response without that `Recipient`, so `StringEqualsIfExists` on `SAML:aud` pins it as well. For Cognito identity pools, `amr` tells authenticated from unauthenticated (guest) identities: without it, guests of the pool can assume the role. A guest is anyone on the internet who knows the pool id (it ships in every web and mobile client): a guest role (or a role whose trust has no `amr` condition, which admits guests too) allowed to change resources (an action of access level Write, Permissions management or Tagging, on a resource no deny or boundary blocks, in a statement whose conditions a guest can meet: not under `aws:MultiFactorAuthPresent` `true`) lets anyone do so, which is reported as an error. Calls that change nothing are not counted: `kms:Decrypt`, `kms:Encrypt` and `kms:GenerateDataKey*`, `cognito-identity:GetId`, `GetCredentialsForIdentity` and `GetOpenIdToken`, the Cognito Sync calls on the datasets of the calling identity (`cognito-sync:UpdateRecords`, `DeleteDataset`, `RegisterDevice`, `SubscribeToDataset`, `UnsubscribeFromDataset`: each identity reaches only its own data) and those a guest cannot make at all (`SetIdentityPoolConfiguration`, `SetCognitoEvents` and `BulkPublish`, which AWS serves to developer credentials only, never to the temporary credentials of Cognito Identity; `SetDatasetConfiguration`, a permission with no API operation), `lex:RecognizeText` and `RecognizeUtterance`, `iot:Connect`, `Subscribe` and `Receive`, `execute-api:Invoke` on `GET`, `HEAD` and `OPTIONS` routes, `appsync:GraphQL` on `Query` and `Subscription` fields; nor the client events AWS documents guest roles for (`rum:PutRumEvents`, `mobiletargeting:PutEvents`, `mobiletargeting:UpdateEndpoint`, `mobileanalytics:PutEvents`, `kinesis:PutRecord(s)`, `firehose:PutRecord(Batch)`). Keep guest roles to reads of public data, or sign users in. Cognito always sets `amr`: `unauthenticated` for a guest, `authenticated` and the login providers for a signed-in identity; the condition is read with its operator (`*authenticated` under `StringLike` matches `unauthenticated`), and `ForAllValues` listing only `authenticated` admits no identity at all, the providers beside it failing the test. Add `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}`, or `"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`. IAM Roles Anywhere hands the role to whoever shows a certificate that chains to any trust anchor of the account: AWS advises conditions on what the certificate says (`aws:PrincipalTag/x509Subject/CN`, `.../x509Issuer/...`, `.../x509SAN/...`, or `sts:SourceIdentity`, the common name of its subject) and on the trust anchor (`"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}`). `aws:SourceAccount` alone, or `aws:SourceArn` on `trust-anchor/*`, still admits every trust anchor of the account. What a certificate says is only as good as the CA that signed it: a condition on its subject, issuer or alternative names without one trust anchor admits a certificate saying the same from the CA of any trust anchor of the account, including one registered later by whoever may create trust anchors (a CA of their own signs any name), so it is reported too, with its own message; one trust anchor without a condition on the certificate admits every certificate of that CA, which is what an anchor is for, and is not. A Deny of Roles Anywhere (or of everyone) and of a session action whose one test is negated (`ArnNotEquals` `aws:SourceArn` with one trust anchor, `StringNotEquals` on the certificate) names the anchor or the certificate as that condition in the Allow would. A role trusts only the identity providers of its own account: STS looks the provider of a web identity token up in the account of the role, and refuses a SAML provider of another account (`Principal exists outside the account of the Role being assumed`), so a `Federated` provider ARN of another account lets no one in; the trust was meant for a provider the role\'s account holds (create it there, as AWS documents for cross-account IRSA, and name that one).',
    defaultSeverity: 'warning',
    // A guest role is a role of anyone on the internet: what it may change is public to change.
    messageSeverity: { cognitoGuestWrite: 'error' },
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      samlAudience: '{{owner}} trusts SAML provider `{{provider}}` without a `SAML:aud` condition',
      samlAudienceAnyValue:
        '{{owner}} trusts SAML provider `{{provider}}` with `SAML:aud` `{{value}}`, which matches any endpoint an assertion is presented to: it pins none',
      rolesAnywhereIfExists:
        '{{owner}} trusts IAM Roles Anywhere with `{{operator}}` on `{{key}}`, which a certificate without that attribute passes, and no other condition naming one trust anchor (`aws:SourceArn`) or the certificate: any certificate of any trust anchor of the account without it may assume it',
      cognitoAmr:
        '{{owner}} trusts Cognito identity pools without a `{{key}}` condition: unauthenticated identities may assume it',
      cognitoGuest:
        '{{owner}} lets unauthenticated (guest) identities of Cognito identity pools assume it (`{{key}}` allows `unauthenticated`): give it only what anyone on the internet may do',
      cognitoGuestWrite:
        '{{owner}} lets unauthenticated (guest) identities of Cognito identity pools assume it ({{admits}}) and is allowed to change resources ({{actions}}): anyone on the internet who knows the pool id may',
      cognitoNoIdentity:
        '{{owner}} lets no identity of Cognito identity pools assume it: `{{operator}}` on `{{key}}` needs every value of the claim to match, and a signed-in identity lists its login provider beside `authenticated` (use `ForAnyValue:StringLike`)',
      providerOfAnotherAccount:
        "{{owner}} trusts identity provider `{{provider}}` of account `{{account}}`, not one of its own account `{{own}}`: STS accepts only a provider of the role's account, so no one can assume the role through it; create the provider in `{{own}}` and name that one",
      rolesAnywhere:
        '{{owner}} trusts IAM Roles Anywhere without a condition naming one trust anchor (`aws:SourceArn`) or the certificate (`aws:PrincipalTag/x509Subject/...`): any certificate issued by the CA of any trust anchor of the account may assume it',
      rolesAnywhereNoAnchor:
        '{{owner}} trusts IAM Roles Anywhere for certificates named by `{{key}}` without naming one trust anchor (`aws:SourceArn`): a certificate that says the same, signed by the CA of any trust anchor of the account (including one registered later), may assume it; add `ArnEquals` `aws:SourceArn` with the trust anchor ARN',
    },
  },
  examples: {
    valid: [
      {
        name: 'a role of account 111122223333 trusting the GitHub provider of its own account for one branch',
        type: 'trust',
        principal: { kind: 'role', name: 'deploy' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                  'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main',
                },
              },
            },
          ],
        },
      },
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
        name: 'SAML with the sign-in audience under `StringEqualsIfExists`: every response names it',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringEqualsIfExists: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
            },
          ],
        },
      },
      {
        name: 'identities signed in with one user pool (guests carry no provider in `amr`)',
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
                'ForAnyValue:StringLike': {
                  'cognito-identity.amazonaws.com:amr': 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
                },
              },
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
      {
        name: 'IAM Roles Anywhere for one trust anchor and one certificate subject',
        type: 'trust',
        document: rolesAnywhere({
          ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f' },
          StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' },
        }),
      },
      {
        name: 'IAM Roles Anywhere for certificates of one issuer and unit, from one trust anchor',
        type: 'trust',
        document: rolesAnywhere({
          StringEquals: { 'aws:PrincipalTag/x509Issuer/CN': 'corp-ca', 'aws:PrincipalTag/x509Subject/OU': 'ops' },
          ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f' },
        }),
      },
      {
        name: 'IAM Roles Anywhere naming the trust anchor and the certificate on one of the session actions',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
            },
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: 'sts:SetSourceIdentity',
              Condition: {
                StringEquals: { 'sts:SourceIdentity': 'build-agent' },
                ArnEquals: {
                  'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f',
                },
              },
            },
          ],
        },
      },
      {
        name: 'IAM Roles Anywhere for one certificate subject, a Deny refusing every trust anchor but one',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: [...ROLES_ANYWHERE_SESSION_ACTIONS],
              Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' } },
            },
            {
              Effect: 'Deny',
              Principal: { Service: ROLES_ANYWHERE },
              Action: [...ROLES_ANYWHERE_SESSION_ACTIONS],
              Condition: {
                ArnNotEquals: {
                  'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f',
                },
              },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a role of account 111122223333 trusting the SAML provider of another account: STS refuses it',
        type: 'trust',
        principal: { kind: 'role', name: 'sso-admin' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::999988887777:saml-provider/Okta' },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
            },
          ],
        },
        errors: [{ messageId: 'providerOfAnotherAccount', pointer: '/Statement/0' }],
      },
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
        name: 'SAML with an audience condition that matches any value',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringLike: { 'SAML:aud': '*' } },
            },
          ],
        },
        errors: [{ messageId: 'samlAudienceAnyValue' }],
      },
      {
        name: 'a pool without the authentication check',
        type: 'trust',
        document: NO_AMR_TRUST,
        errors: [{ messageId: 'cognitoAmr' }],
      },
      {
        name: 'a guest role of a pool',
        type: 'trust',
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest role allowed to upload to a bucket: anyone may (an error)',
        type: 'trust',
        principal: {
          kind: 'role',
          name: 'guest',
          identityPolicies: [
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' }],
            },
          ],
        },
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuestWrite' }],
      },
      {
        name: 'a pool without the authentication check, its role allowed to upload: guests may upload (an error)',
        type: 'trust',
        principal: guestRole([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' }]),
        document: NO_AMR_TRUST,
        errors: [{ messageId: 'cognitoGuestWrite' }],
      },
      {
        name: 'a guest role whose upload a Deny on the same objects blocks: the reminder alone',
        type: 'trust',
        principal: guestRole([
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::uploads/*' },
          { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest role whose permissions boundary allows reads only: the reminder alone',
        type: 'trust',
        principal: {
          ...guestRole([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' }]),
          permissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        },
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest role allowed to upload only with MFA, which a guest never has: the reminder alone',
        type: 'trust',
        principal: guestRole([
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::uploads/*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest app calling what AWS files under Write but changes nothing (decrypt, get its id, ask a bot, listen to IoT, send records, read routes): the reminder alone',
        type: 'trust',
        principal: guestRole([
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          },
          { Effect: 'Allow', Action: 'cognito-identity:GetId', Resource: '*' },
          {
            Effect: 'Allow',
            Action: ['lex:RecognizeText', 'lex:RecognizeUtterance'],
            Resource: 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID/ALIASID',
          },
          { Effect: 'Allow', Action: ['iot:Connect', 'iot:Subscribe', 'iot:Receive'], Resource: '*' },
          {
            Effect: 'Allow',
            Action: ['kinesis:PutRecord', 'kinesis:PutRecords'],
            Resource: 'arn:aws:kinesis:us-east-1:111122223333:stream/clicks',
          },
          {
            Effect: 'Allow',
            Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
            Resource: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/clicks',
          },
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: [
              'arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/catalog/*',
              'arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/HEAD/catalog/*',
            ],
          },
          {
            Effect: 'Allow',
            Action: 'appsync:GraphQL',
            Resource: [
              'arn:aws:appsync:us-east-1:111122223333:apis/abc/types/Query/fields/listTodos',
              'arn:aws:appsync:us-east-1:111122223333:apis/abc/types/Subscription/fields/onCreateTodo',
            ],
          },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest role allowed to POST to an API and run a GraphQL mutation: an error',
        type: 'trust',
        principal: guestRole([
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/POST/orders',
          },
          {
            Effect: 'Allow',
            Action: 'appsync:GraphQL',
            Resource: 'arn:aws:appsync:us-east-1:111122223333:apis/abc/types/Mutation/fields/createTodo',
          },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuestWrite' }],
      },
      {
        name: "a guest role syncing each identity's own Cognito Sync datasets: the reminder alone",
        type: 'trust',
        principal: guestRole([
          {
            Effect: 'Allow',
            Action: [
              'cognito-sync:ListRecords',
              'cognito-sync:UpdateRecords',
              'cognito-sync:DeleteDataset',
              'cognito-sync:RegisterDevice',
              'cognito-sync:SubscribeToDataset',
              'cognito-sync:UnsubscribeFromDataset',
            ],
            Resource:
              'arn:aws:cognito-sync:us-east-1:111122223333:identitypool/us-east-1:12345678-1234-1234-1234-123456789012/*',
          },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'the classic guest role (`mobileanalytics:PutEvents`, `cognito-sync:*`): Cognito Sync serves its pool-administration calls to developer credentials only, so the reminder alone',
        type: 'trust',
        principal: guestRole([
          { Effect: 'Allow', Action: ['mobileanalytics:PutEvents', 'cognito-sync:*'], Resource: '*' },
        ]),
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a guest role sending client events only (CloudWatch RUM): the reminder alone',
        type: 'trust',
        principal: {
          kind: 'role',
          name: 'guest',
          identityPolicies: [
            {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'rum:PutRumEvents',
                  Resource: 'arn:aws:rum:us-east-1:111122223333:appmonitor/web',
                },
              ],
            },
          ],
        },
        document: GUEST_TRUST,
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: 'a pattern that also matches `unauthenticated`',
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
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': '*authenticated' },
              },
            },
          ],
        },
        errors: [{ messageId: 'cognitoGuest' }],
      },
      {
        name: '`ForAllValues` on `amr` listing only `authenticated`: no identity passes',
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
                'ForAllValues:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
        errors: [{ messageId: 'cognitoNoIdentity' }],
      },
      {
        name: 'IAM Roles Anywhere without condition',
        type: 'trust',
        document: rolesAnywhere(undefined),
        errors: [{ messageId: 'rolesAnywhere', pointer: '/Statement/0' }],
      },
      {
        name: 'IAM Roles Anywhere for one certificate subject of any trust anchor of the own account',
        type: 'trust',
        document: rolesAnywhere({
          StringEquals: { 'aws:SourceAccount': '111122223333', 'aws:PrincipalTag/x509Subject/CN': 'build-agent' },
        }),
        errors: [{ messageId: 'rolesAnywhereNoAnchor', pointer: '/Statement/0' }],
      },
      {
        name: 'IAM Roles Anywhere for certificates of one issuer, the trust anchor only on a session action',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
              Condition: { StringEquals: { 'aws:PrincipalTag/x509Issuer/CN': 'corp-ca' } },
            },
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: 'sts:TagSession',
              Condition: {
                ArnEquals: {
                  'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/7c0e2b1a-5d4f',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'rolesAnywhereNoAnchor', pointer: '/Statement/0' }],
      },
      {
        name: 'IAM Roles Anywhere for every trust anchor of the own account',
        type: 'trust',
        document: rolesAnywhere({
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:*:111122223333:trust-anchor/*' },
        }),
        errors: [{ messageId: 'rolesAnywhere' }],
      },
      {
        name: 'IAM Roles Anywhere whose certificate condition compares the certificate with itself',
        type: 'trust',
        document: rolesAnywhere({
          StringEquals: { 'aws:PrincipalTag/x509Subject/CN': '${aws:RequestTag/x509Subject/CN}' },
        }),
        errors: [{ messageId: 'rolesAnywhere' }],
      },
      {
        name: 'IAM Roles Anywhere naming the certificate only under `StringEqualsIfExists`',
        type: 'trust',
        document: rolesAnywhere({ StringEqualsIfExists: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' } }),
        errors: [{ messageId: 'rolesAnywhereIfExists' }],
      },
      {
        name: 'IAM Roles Anywhere with its session actions in two statements, none naming a certificate',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: ROLES_ANYWHERE }, Action: 'sts:AssumeRole' },
            {
              Effect: 'Allow',
              Principal: { Service: ROLES_ANYWHERE },
              Action: ['sts:TagSession', 'sts:SetSourceIdentity'],
            },
          ],
        },
        errors: [{ messageId: 'rolesAnywhere', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const owner = ownerOf(subject);
    const statements = subject.parsed.value.statements;
    // The role's own account when written out (a literal account of its ARN or of its input).
    const ownAccount = (): string | undefined => {
      const arn = subject.principal?.arn;
      const account = subject.principal?.account ?? (arn === undefined ? undefined : accountIn(arn, 'arn'));
      return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
    };
    // A Deny of a session action whose one test is negated lets through only what its positive
    // test admits: each Allow of Roles Anywhere holds that test too.
    const passed = rolesAnywherePassed(statements);
    const fenced = (s: Statement): Statement =>
      passed.length === 0 ? s : { ...s, conditions: [...s.conditions, ...passed] };
    const unnamed = openToAnyCertificate(statements, (s) => namesCertificate(fenced(s)) || namesTrustAnchor(fenced(s)));
    // Named certificates, every trust anchor: reported only when no statement is open to any certificate.
    const unanchored =
      unnamed.size > 0 ? new Set<Statement>() : openToAnyCertificate(statements, (s) => namesTrustAnchor(fenced(s)));
    // The clause a report names: the reported statement's own first, then those of the statements
    // open with it, then a Deny's.
    const clauseOf = (statement: Statement, open: ReadonlySet<Statement>, test: (c: ConditionClause) => boolean) =>
      [statement, ...[...open].filter((s) => s !== statement)].flatMap((s) => s.conditions).find(test) ??
      passed.find(test);
    for (const statement of statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      for (const entry of statement.principal.entries) {
        if (entry.type === 'Service' && entry.value === ROLES_ANYWHERE) {
          if (unanchored.has(statement) && actionMatches(statement, 'sts:AssumeRole')) {
            const named = clauseOf(statement, unanchored, certificateClause);
            context.report({
              messageId: 'rolesAnywhereNoAnchor',
              data: { owner, key: named?.key ?? 'aws:PrincipalTag/x509...' },
              statement,
              key: ROLES_ANYWHERE,
            });
          }
          if (unnamed.has(statement) && actionMatches(statement, 'sts:AssumeRole')) {
            // A certificate without the attribute passes `...IfExists`: say so, the condition is there.
            const ifExists = clauseOf(
              statement,
              unnamed,
              (c) => c.ifExists && CERTIFICATE_KEY.test(c.key.toLowerCase()),
            );
            context.report(
              ifExists === undefined
                ? { messageId: 'rolesAnywhere', data: { owner }, statement, key: ROLES_ANYWHERE }
                : {
                    messageId: 'rolesAnywhereIfExists',
                    data: { owner, operator: ifExists.operator, key: ifExists.key },
                    statement,
                    key: ROLES_ANYWHERE,
                  },
            );
          }
          continue;
        }
        if (entry.type !== 'Federated' || isSymbolic(entry.value)) continue;
        // An IAM identity provider of one account: `arn:aws:iam::<account>:saml-provider/<name>` or `...:oidc-provider/<host>`.
        const provider = /:(?:saml|oidc)-provider\//.test(entry.value) ? accountIn(entry.value, 'arn') : undefined;
        const providerAccount = provider !== undefined && /^\d{12}$/.test(provider) ? provider : undefined;
        const own = ownAccount();
        if (providerAccount !== undefined && own !== undefined && providerAccount !== own)
          context.report({
            messageId: 'providerOfAnotherAccount',
            data: { owner, provider: entry.value, account: providerAccount, own },
            statement,
            key: entry.value,
          });
        if (/:saml-provider\//.test(entry.value) && actionMatches(statement, 'sts:AssumeRoleWithSAML')) {
          // Every response AWS sign-in accepts names its `Recipient` (`SAML:aud`): `...IfExists` pins it as well.
          if (statement.conditions.some((c) => c.key.toLowerCase() === 'saml:aud' && pinsFederatedClaim(c, 'aud')))
            continue;
          // A condition on the key that restricts nothing (`StringLike` `*`) is said as it is written.
          const anyValue = statement.conditions
            .filter((c) => c.key.toLowerCase() === 'saml:aud' && !c.ifExists)
            .flatMap((c) => c.values)
            .find((v): v is string => typeof v === 'string' && /^[*?]*\*[*?]*$/.test(v));
          context.report({
            messageId: anyValue === undefined ? 'samlAudience' : 'samlAudienceAnyValue',
            data: { owner, provider: entry.value, ...(anyValue === undefined ? {} : { value: anyValue }) },
            statement,
            key: entry.value,
          });
        } else if (entry.value === COGNITO && actionMatches(statement, 'sts:AssumeRoleWithWebIdentity')) {
          const key = `${COGNITO}:amr`;
          const amr = statement.conditions.filter((c) => c.key.toLowerCase() === key);
          const admitsGuests = amr.every((c) => amrClauseHolds(c, GUEST_AMR));
          if (amr.length > 0 && !admitsGuests) {
            // `ForAllValues` listing only `authenticated`: a signed-in identity's `amr` names its
            // login provider too, so no token of the pool passes.
            const forAll = amr.find((c) => c.setOperator === 'ForAllValues' && admitsNoSignedIn(c));
            if (forAll !== undefined)
              context.report({
                messageId: 'cognitoNoIdentity',
                data: { owner, key, operator: forAll.operator },
                statement,
                key: COGNITO,
              });
            continue;
          }
          // A guest role granted nothing gives guests nothing: aws-cdk-lib's `IdentityPool` creates
          // one for every pool, guests allowed or not.
          if (amr.length > 0 && subject.principal !== undefined && subject.principal.policies.length === 0) continue;
          // Without `amr` guests are admitted as well: what the role may change is as open.
          const writes = guestWrites(context, subject.identityPolicies ?? []);
          const guestKey = amr.length > 0 ? key : undefined;
          context.report(
            writes.actions.length > 0
              ? {
                  messageId: 'cognitoGuestWrite',
                  data: { owner, admits: admitsText(guestKey), actions: describeWrites(writes) },
                  statement,
                  key: COGNITO,
                  evidence: {
                    patterns: [...writes.patterns, ...writes.exceptions.map((e) => `NotAction ${e}`)],
                    actions: writes.actions.slice(0, EVIDENCE_ACTIONS),
                    actionCount: writes.actions.length,
                  },
                }
              : {
                  messageId: amr.length > 0 ? 'cognitoGuest' : 'cognitoAmr',
                  data: { owner, key },
                  statement,
                  key: COGNITO,
                },
          );
        }
      }
    }
  },
});

/** Why guests are admitted: the `amr` condition that allows them, or its absence. */
function admitsText(amrKey: string | undefined): string {
  const key = `${COGNITO}:amr`;
  return amrKey === undefined ? `no \`${key}\` condition` : `\`${key}\` allows \`unauthenticated\``;
}

/**
 * The Allow statements of IAM Roles Anywhere that fail `bound` (name no certificate or trust
 * anchor), when together they allow the three actions of its sessions (empty otherwise): a
 * condition on any of `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity` applies to
 * every session, as Roles Anywhere asks for all three.
 */
function openToAnyCertificate(
  statements: readonly Statement[],
  bound: (statement: Statement) => boolean,
): ReadonlySet<Statement> {
  const open = statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      s.principal !== undefined &&
      !s.principal.negated &&
      s.principal.entries.some((e) => e.type === 'Service' && e.value === ROLES_ANYWHERE) &&
      !bound(s),
  );
  const all = ROLES_ANYWHERE_SESSION_ACTIONS.every((action) => open.some((s) => actionMatches(s, action)));
  return new Set(all ? open : []);
}

/**
 * The tests the Denies of IAM Roles Anywhere leave its sessions to pass, as clauses each Allow
 * beside them holds too: a Deny of the service (or of everyone) and of any of the three session
 * actions, whose one test is negated (`ArnNotEquals` `aws:SourceArn` `<trust anchor>`,
 * `StringNotEquals` `aws:PrincipalTag/x509Subject/CN` `<name>`), refuses every session that fails
 * the positive test. A Deny of several tests refuses only sessions failing all of them: left out.
 */
function rolesAnywherePassed(statements: readonly Statement[]): ConditionClause[] {
  return statements.flatMap((deny): ConditionClause[] => {
    const [clause, ...others] = deny.conditions;
    if (deny.effect !== 'Deny' || deny.principal === undefined || deny.principal.negated) return [];
    if (clause === undefined || others.length > 0 || !isPassedTest(clause)) return [];
    const ofService =
      isEveryone(deny.principal) ||
      deny.principal.entries.some((e) => e.type === 'Service' && e.value === ROLES_ANYWHERE);
    return ofService && ROLES_ANYWHERE_SESSION_ACTIONS.some((action) => actionMatches(deny, action))
      ? [passedTest(clause)]
      : [];
  });
}

/** Does a Roles Anywhere statement admit only certificates it names (by what they say)? */
function namesCertificate(statement: Statement): boolean {
  return statement.conditions.some(certificateClause);
}

/** A condition that names certificates by their attributes (one function, the reports find it again). */
function certificateClause(clause: ConditionClause): boolean {
  // A value that is only a policy variable (`${aws:RequestTag/x509Subject/CN}`) compares the
  // certificate with what the same request says of it: it names no certificate.
  return (
    CERTIFICATE_KEY.test(clause.key.toLowerCase()) &&
    isRestrictingClause(clause) &&
    clause.values.some((v) => isSymbolic(v) || !/^\$\{[^{}]*\}$/.test(v))
  );
}

/** Does a Roles Anywhere statement admit only the certificates of one trust anchor? */
function namesTrustAnchor(statement: Statement): boolean {
  // Several values are alternatives: each must name one trust anchor. A value known only after
  // deploy (the ARN of an anchor of the app) does, unless a wildcard stands for the anchor's id.
  return restrictingClauses(statement, ['aws:SourceArn']).some((c) =>
    c.values.every((v) =>
      isSymbolic(v) ? !/trust-anchor\/[^/]*[*?]/.test(valueToString(v)) : ONE_TRUST_ANCHOR.test(v),
    ),
  );
}

// Calls a guest app makes that AWS files under Write but that change no resource a stranger
// could abuse, or that carry the client events AWS documents guest roles for: decrypting with a
// key, getting its identity and credentials, asking a bot, listening to IoT topics, client events
// (CloudWatch RUM, Amazon Pinpoint as Amplify Analytics uses it, Mobile Analytics, Kinesis and
// Firehose records). `execute-api:Invoke` and `appsync:GraphQL` are reads on read routes only
// (`GET`/`HEAD`/`OPTIONS` methods; `Query`/`Subscription` fields): see `readRoute`. Cognito Sync's
// dataset calls reach only the caller's own identity's data (each identity sees only its own); its
// pool-administration calls answer developer credentials only, never the temporary credentials of
// Cognito Identity (the API reference of each says so), and `SetDatasetConfiguration` is a
// permission with no API operation: no guest makes any of them.
const CALLS: ReadonlySet<string> = new Set([
  'kms:decrypt',
  'kms:encrypt',
  'kms:generatedatakey',
  'kms:generatedatakeywithoutplaintext',
  'kms:generatedatakeypair',
  'kms:generatedatakeypairwithoutplaintext',
  'cognito-identity:getid',
  'cognito-identity:getcredentialsforidentity',
  'cognito-identity:getopenidtoken',
  'cognito-sync:updaterecords',
  'cognito-sync:deletedataset',
  'cognito-sync:registerdevice',
  'cognito-sync:subscribetodataset',
  'cognito-sync:unsubscribefromdataset',
  'cognito-sync:setidentitypoolconfiguration',
  'cognito-sync:setcognitoevents',
  'cognito-sync:bulkpublish',
  'cognito-sync:setdatasetconfiguration',
  'lex:recognizetext',
  'lex:recognizeutterance',
  'iot:connect',
  'iot:subscribe',
  'iot:receive',
  'rum:putrumevents',
  'mobiletargeting:putevents',
  'mobiletargeting:updateendpoint',
  'mobileanalytics:putevents',
  'kinesis:putrecord',
  'kinesis:putrecords',
  'firehose:putrecord',
  'firehose:putrecordbatch',
]);
const CHANGES: ReadonlySet<string> = new Set(['Write', 'Permissions management', 'Tagging']);
// At most this many expanded actions go into a finding's evidence (`NotAction` expands to thousands).
const EVIDENCE_ACTIONS = 20;

/** What a guest role may change: the patterns as written, and the actions they expand to (sorted). */
interface GuestWrites {
  readonly patterns: readonly string[];
  readonly exceptions: readonly string[];
  readonly actions: readonly string[];
}

/**
 * The actions that change resources (write, permissions management, tagging) the identity
 * policies of a guest role allow, calls and client events aside, on some resource no deny or
 * boundary of the role blocks, in statements whose conditions a guest may meet.
 */
function guestWrites(
  context: Pick<RuleContext<string>, 'catalog' | 'permissions'>,
  policies: readonly PolicySubject[],
): GuestWrites {
  const own = policies.flatMap((p) =>
    p.parsed.ok ? p.parsed.value.statements.map((statement) => ({ statement })) : [],
  );
  const actions = new Set<string>();
  const patterns = new Set<string>();
  const exceptions = new Set<string>();
  for (const { statement } of own) {
    if (statement.effect !== 'Allow' || statement.action === undefined || neverGuest(statement)) continue;
    const resources: readonly PolicyValue[] =
      statement.resource === undefined || statement.resource.negated ? ['*'] : statement.resource.values;
    const negated = statement.action.negated;
    for (const pattern of negated ? ['*'] : statement.action.values) {
      let writes = false;
      for (const action of context.catalog.expand(pattern) ?? []) {
        if (!actionMatches(statement, action) || CALLS.has(action.toLowerCase())) continue;
        const level = context.catalog.accessLevel(action);
        if (level === undefined || !CHANGES.has(level)) continue;
        const open = resources.some(
          (r) => !readRoute(action, r) && !blockedOnValue(context.permissions, own, action, r),
        );
        if (!open) continue;
        actions.add(action);
        writes = true;
      }
      if (!writes) continue;
      if (negated) for (const v of statement.action.values) exceptions.add(v);
      else patterns.add(pattern);
    }
  }
  return { patterns: [...patterns].sort(), exceptions: [...exceptions].sort(), actions: [...actions].sort() };
}

/** The written actions a guest may change resources with, as a message says them. */
function describeWrites(writes: GuestWrites): string {
  const parts = writes.patterns.length > 0 ? [listValues(writes.patterns)] : [];
  if (writes.exceptions.length > 0) parts.push(`every action but ${listValues(writes.exceptions)}`);
  return parts.join('; ');
}

/**
 * Whether a guest can never meet a statement's conditions: Cognito's credentials are temporary
 * credentials without MFA, so `aws:MultiFactorAuthPresent` is present and false for them.
 */
function neverGuest(statement: Statement): boolean {
  return statement.conditions.some(
    (c) =>
      c.key.toLowerCase() === 'aws:multifactorauthpresent' &&
      c.baseOperator === 'Bool' &&
      c.setOperator === undefined &&
      c.values.length > 0 &&
      c.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true'),
  );
}

// `arn:...:execute-api:<region>:<account>:<api>/<stage>/<method>/<path>`, and an AppSync field
// `arn:...:appsync:<region>:<account>:apis/<api>/types/<type>/fields/<field>`.
const READ_METHOD = /:execute-api:[^:]*:[^:]*:[^/]*\/[^/]*\/(?:GET|HEAD|OPTIONS)(?:\/|$)/;
const READ_FIELD = /:appsync:[^:]*:[^:]*:apis\/[^/]*\/types\/(?:Query|Subscription)\/fields\//;

/** Whether `action` on `resource` reads: an API route of a read method, a GraphQL query or subscription field. */
function readRoute(action: string, resource: PolicyValue): boolean {
  const lower = action.toLowerCase();
  const text = valueToString(resource);
  if (lower === 'execute-api:invoke') return READ_METHOD.test(text);
  if (lower === 'appsync:graphql') return READ_FIELD.test(text);
  return false;
}

// What Cognito puts in `amr`: `unauthenticated` for a guest; `authenticated` and the providers it
// signed in with (`cognito-idp.<region>.amazonaws.com/<pool>`, `graph.facebook.com`, ...) otherwise.
const GUEST_AMR = ['unauthenticated'];
const AMR_STATES = new Set(['authenticated', 'unauthenticated']);

/** Whether a clause on `amr` holds for a token whose `amr` is `values`, read as AWS reads set operators. */
function amrClauseHolds(clause: ConditionClause, values: readonly string[]): boolean {
  const patterns = clause.values.filter((v): v is string => typeof v === 'string');
  // A value known only after deploy may match anything.
  if (patterns.length < clause.values.length) return true;
  const negated = clause.baseOperator.startsWith('StringNot');
  const base = negated ? clause.baseOperator.replace('StringNot', 'String') : clause.baseOperator;
  const matches = (value: string): boolean =>
    patterns.some((p) =>
      base === 'StringLike'
        ? matchWildcard(p, value)
        : base === 'StringEqualsIgnoreCase'
          ? p.toLowerCase() === value.toLowerCase()
          : base === 'StringEquals'
            ? p === value
            : true,
    ) !== negated;
  return clause.setOperator === 'ForAllValues' ? values.every(matches) : values.some(matches);
}

/** Whether a `ForAllValues` clause on `amr` lets no signed-in token through: it lists only `authenticated` or `unauthenticated`. */
function admitsNoSignedIn(clause: ConditionClause): boolean {
  return (
    !clause.baseOperator.startsWith('StringNot') &&
    clause.values.every((v) => typeof v === 'string' && AMR_STATES.has(v.toLowerCase()))
  );
}
