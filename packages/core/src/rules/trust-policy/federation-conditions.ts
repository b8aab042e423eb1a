import { defineRule } from '../rule';
import type { PolicySubject, RuleContext } from '../rule';
import { isSymbolic, valueToString } from '../../model/symbolic';
import type { ConditionClause, Statement } from '../../model/policy';
import { matchWildcard } from '../../match/wildcard';
import { actionMatches, isRestrictingClause, restrictingClauses } from '../statement-helpers';
import { pinsFederatedClaim } from '../trust/oidc';
import { ownerOf } from '../describe';
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
      'A trust policy lets a SAML provider assume the role without a `SAML:aud` condition, Cognito identity pools without a `cognito-identity.amazonaws.com:amr` condition that keeps guests out (an error when the guest role may change resources; or with one that lets no identity in), or IAM Roles Anywhere without a condition naming a trust anchor (`aws:SourceArn`) or certificate attributes (`aws:PrincipalTag/x509Subject/...`).',
    rationale:
      '`SAML:aud` ties the assertion to the AWS sign-in endpoint it was issued for; AWS sign-in refuses a response without that `Recipient`, so `StringEqualsIfExists` on `SAML:aud` pins it as well. For Cognito identity pools, `amr` tells authenticated from unauthenticated (guest) identities: without it, guests of the pool can assume the role. A guest is anyone on the internet who knows the pool id (it ships in every web and mobile client): a guest role allowed to change resources (an action of access level Write, Permissions management or Tagging, not blocked by a deny or boundary) lets anyone do so, which is reported as an error; the client events AWS documents guest roles for (`rum:PutRumEvents`, `mobiletargeting:PutEvents`, `mobiletargeting:UpdateEndpoint`, `mobileanalytics:PutEvents`) are not counted. Keep guest roles to reads of public data, or sign users in. Cognito always sets `amr`: `unauthenticated` for a guest, `authenticated` and the login providers for a signed-in identity; the condition is read with its operator (`*authenticated` under `StringLike` matches `unauthenticated`), and `ForAllValues` listing only `authenticated` admits no identity at all, the providers beside it failing the test. Add `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}`, or `"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`. IAM Roles Anywhere hands the role to whoever shows a certificate that chains to any trust anchor of the account: AWS advises conditions on what the certificate says (`aws:PrincipalTag/x509Subject/CN`, `.../x509Issuer/...`, `.../x509SAN/...`, or `sts:SourceIdentity`, the common name of its subject) and on the trust anchor (`"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}`). `aws:SourceAccount` alone, or `aws:SourceArn` on `trust-anchor/*`, still admits every trust anchor of the account.',
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
        '{{owner}} lets unauthenticated (guest) identities of Cognito identity pools assume it (`{{key}}` allows `unauthenticated`) and is allowed to change resources (`{{action}}`{{more}}): anyone on the internet who knows the pool id may',
      cognitoNoIdentity:
        '{{owner}} lets no identity of Cognito identity pools assume it: `{{operator}}` on `{{key}}` needs every value of the claim to match, and a signed-in identity lists its login provider beside `authenticated` (use `ForAnyValue:StringLike`)',
      rolesAnywhere:
        '{{owner}} trusts IAM Roles Anywhere without a condition naming one trust anchor (`aws:SourceArn`) or the certificate (`aws:PrincipalTag/x509Subject/...`): any certificate issued by the CA of any trust anchor of the account may assume it',
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
        name: 'IAM Roles Anywhere for certificates of one issuer and unit',
        type: 'trust',
        document: rolesAnywhere({
          StringEquals: { 'aws:PrincipalTag/x509Issuer/CN': 'corp-ca', 'aws:PrincipalTag/x509Subject/OU': 'ops' },
        }),
      },
      {
        name: 'IAM Roles Anywhere naming the certificate on one of the session actions',
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
              Condition: { StringEquals: { 'sts:SourceIdentity': 'build-agent' } },
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
    const unnamed = openToAnyCertificate(subject.parsed.value.statements);
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      for (const entry of statement.principal.entries) {
        if (entry.type === 'Service' && entry.value === ROLES_ANYWHERE) {
          if (unnamed.has(statement) && actionMatches(statement, 'sts:AssumeRole')) {
            // A certificate without the attribute passes `...IfExists`: say so, the condition is there.
            const ifExists = subject.parsed.value.statements
              .flatMap((s) => s.conditions)
              .find((c) => c.ifExists && CERTIFICATE_KEY.test(c.key.toLowerCase()));
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
          const writes = amr.length > 0 ? guestWrites(context, subject.identityPolicies ?? []) : [];
          const [first] = writes;
          context.report(
            first !== undefined
              ? {
                  messageId: 'cognitoGuestWrite',
                  data: { owner, key, action: first, more: writes.length > 1 ? ` and ${writes.length - 1} more` : '' },
                  statement,
                  key: COGNITO,
                  evidence: { actions: writes },
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

/**
 * The Allow statements of IAM Roles Anywhere that name no certificate or trust anchor, when
 * together they allow the three actions of its sessions (empty otherwise): a condition on any of
 * `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity` applies to every session, as
 * Roles Anywhere asks for all three.
 */
function openToAnyCertificate(statements: readonly Statement[]): ReadonlySet<Statement> {
  const open = statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      s.principal !== undefined &&
      !s.principal.negated &&
      s.principal.entries.some((e) => e.type === 'Service' && e.value === ROLES_ANYWHERE) &&
      !namesCertificates(s),
  );
  const all = ROLES_ANYWHERE_SESSION_ACTIONS.every((action) => open.some((s) => actionMatches(s, action)));
  return new Set(all ? open : []);
}

/** Does a Roles Anywhere statement admit only certificates it names, or only one trust anchor's? */
function namesCertificates(statement: Statement): boolean {
  // A value that is only a policy variable (`${aws:RequestTag/x509Subject/CN}`) compares the
  // certificate with what the same request says of it: it names no certificate.
  const certificate = statement.conditions.some(
    (c) =>
      CERTIFICATE_KEY.test(c.key.toLowerCase()) &&
      isRestrictingClause(c) &&
      c.values.some((v) => isSymbolic(v) || !/^\$\{[^{}]*\}$/.test(v)),
  );
  if (certificate) return true;
  // Several values are alternatives: each must name one trust anchor. A value known only after
  // deploy (the ARN of an anchor of the app) does, unless a wildcard stands for the anchor's id.
  return restrictingClauses(statement, ['aws:SourceArn']).some((c) =>
    c.values.every((v) =>
      isSymbolic(v) ? !/trust-anchor\/[^/]*[*?]/.test(valueToString(v)) : ONE_TRUST_ANCHOR.test(v),
    ),
  );
}

// Changes a guest makes by design: the client events AWS documents a guest role for (CloudWatch RUM,
// Amazon Pinpoint as Amplify Analytics uses it, Mobile Analytics).
const CLIENT_EVENTS = new Set([
  'rum:putrumevents',
  'mobiletargeting:putevents',
  'mobiletargeting:updateendpoint',
  'mobileanalytics:putevents',
]);
const CHANGES: ReadonlySet<string> = new Set(['Write', 'Permissions management', 'Tagging']);

/**
 * The actions that change resources (write, permissions management, tagging) the identity
 * policies of a guest role allow, client events aside, and that no deny or boundary of the role
 * blocks everywhere; sorted.
 */
function guestWrites(
  context: Pick<RuleContext<string>, 'catalog' | 'permissions'>,
  policies: readonly PolicySubject[],
): string[] {
  const actions = new Set<string>();
  for (const policy of policies) {
    if (!policy.parsed.ok) continue;
    for (const statement of policy.parsed.value.statements) {
      if (statement.effect !== 'Allow' || statement.action === undefined) continue;
      const patterns = statement.action.negated ? ['*'] : statement.action.values;
      for (const pattern of patterns)
        for (const action of context.catalog.expand(pattern) ?? [])
          if (actionMatches(statement, action)) actions.add(action);
    }
  }
  return [...actions]
    .filter((action) => {
      const level = context.catalog.accessLevel(action);
      return (
        level !== undefined &&
        CHANGES.has(level) &&
        !CLIENT_EVENTS.has(action.toLowerCase()) &&
        context.permissions.blockedEverywhere(action) !== 'yes'
      );
    })
    .sort();
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
