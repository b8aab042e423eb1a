import { defineRule } from '../rule';
import { githubTrust } from '../trust/oidc-examples';
import type { ConditionClause, Statement } from '../../model/policy';
import { isSymbolic, valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import {
  ciProviderOf,
  federatedText,
  githubAnyOwner,
  githubRepositoryByKey,
  isAlwaysPresentClaim,
  oidcConditions,
  pinsFederatedClaim,
} from '../trust/oidc';
import type { CiProvider, OidcConditions } from '../trust/oidc';
import { hasWildcard, matchWildcard } from '../../match/wildcard';
import { actionMatches, isRestrictingClause } from '../statement-helpers';
import { ownerOf } from '../describe';

// Providers whose tokens name the relying application, the one the role is for: an identity
// pool puts its id in `aud`; Google its OAuth client id in `aud`; Facebook and Login with Amazon
// the app id in `app_id`. A role for every user of that application pins that claim (how IAM
// writes the trust of a role for web identity federation). Every other provider, GitHub's
// included (its `aud` is `sts.amazonaws.com` for everyone), identifies the caller in `sub`.
const APPLICATION_CLAIM: ReadonlyMap<string, string> = new Map([
  ['cognito-identity.amazonaws.com', 'aud'],
  ['accounts.google.com', 'aud'],
  ['graph.facebook.com', 'app_id'],
  ['www.amazon.com', 'app_id'],
]);
// Microsoft Sentinel's issuers (commercial, government), Microsoft's own Entra tenants: the
// connector of every Sentinel customer presents a token of the same application, and the session
// name Sentinel sets, `MicrosoftSentinel_<workspace id>`, tells the customers apart (the claim
// AWS's identity-provider controls require for it).
const SESSION_NAME_TENANCY = new Set([
  'sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d',
  'sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e',
]);
// The user of such an application, in the claim each provider names it by: a statement pinning
// it trusts one identity (a Google account or service account, a Cognito identity, ...).
const USER_CLAIM: ReadonlyMap<string, string> = new Map([
  ['cognito-identity.amazonaws.com', 'sub'],
  ['accounts.google.com', 'sub'],
  ['graph.facebook.com', 'id'],
  ['www.amazon.com', 'user_id'],
]);
const GITHUB = 'token.actions.githubusercontent.com';
// Claims that CI providers' tokens carry beside `sub`, which AWS offers as keys of their own and
// which pin a workflow, repository, enterprise or project in its place: what they admit is graded
// by `trust-policy/oidc-broad-subject` and `trust-policy/oidc-weak-subject`.
const PROVIDER_PINS: Readonly<Partial<Record<CiProvider, readonly string[]>>> = {
  github: [
    'job_workflow_ref',
    'repository_id',
    'repository',
    'repository_owner',
    'repository_owner_id',
    'enterprise_id',
  ],
  circleci: ['oidc.circleci.com/project-id'],
  gitlab: ['project_id', 'project_path', 'namespace_id', 'namespace_path'],
};

/** OIDC federation trusted without a condition on the subject of the token. */
export default defineRule({
  meta: {
    id: 'trust-policy/oidc-missing-sub',
    description:
      'A trust policy lets an OIDC provider assume the role (`sts:AssumeRoleWithWebIdentity`) without a condition that pins the token subject (`<provider>:sub`, or the claims GitHub, GitLab and CircleCI tokens carry beside it: `repository_id`, `job_workflow_ref`, `project_id`, `namespace_id`, `oidc.circleci.com/project-id`, ...), or, for providers whose tokens name the application (Cognito identity pools, Google, Facebook, Login with Amazon), the application (`aud`, `app_id`) or the one user (`sub`, `id`, `user_id`), or, for Microsoft Sentinel, the session name its connector sets for one workspace (`sts:RoleSessionName`).',
    rationale:
      'Without a subject condition any identity of the provider can assume the role: with GitHub Actions, any workflow of any repository on GitHub. Add a `StringEquals` or `StringLike` condition on `<provider>:sub` that names your organization and repository (e.g. `repo:my-org/my-repo:ref:refs/heads/main`). STS refuses a web identity token without `sub` or `aud` (its error: `Missing a required claim`), so `StringEqualsIfExists` or `StringLikeIfExists` on them pins the subject as the operator without `IfExists` does; on other claims (`repository_id`, `app_id`, ...) `...IfExists` lets a token without the claim through and pins nothing.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      missingSubject:
        '{{owner}} trusts OIDC provider `{{provider}}` without a condition on `{{key}}`: any identity of the provider can assume it',
      wildcardSubject:
        '{{owner}} trusts OIDC provider `{{provider}}` with `{{key}}` `{{value}}`, which matches any subject',
      wildcardApplication:
        '{{owner}} trusts `{{provider}}` with `{{key}}` `{{value}}`, a pattern that also matches the tokens of other customers of the provider (their identity pools, applications or workspaces): they can assume it',
      subjectNotAllowed:
        '{{owner}} trusts OIDC subject `{{value}}` of `{{provider}}`, not among the subjects the configuration allows',
    },
  },
  examples: {
    valid: [
      {
        name: 'an any-owner main branch beside a repository wildcard: both hold, only the main branch of `acme/api` passes',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*:ref:refs/heads/main' },
          'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:acme/api:*' },
        }),
      },
      {
        name: 'an any-owner `api` repository beside an owner wildcard: both hold, only `acme/api` passes',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*/api:*' },
          'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
        }),
      },
      {
        name: '`StringEquals` `*` on the subject compares it literally: no token carries that subject',
        type: 'trust',
        document: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:sub': '*' } }),
      },
      {
        name: "a statement that needs another provider's claims lets no token of the trusted one through",
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'accounts.google.com:aud': '1234567890.apps.googleusercontent.com' } },
            },
          ],
        },
      },
      {
        name: 'GitHub Actions pinned to one repository and branch',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main',
          },
        }),
      },
      {
        name: 'Azure DevOps pinned to one service connection by `StringEqualsIfExists`: every token carries `sub`',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::111122223333:oidc-provider/vstoken.dev.azure.com/3f2e1d0c-9b8a-4f7e-8d6c-5b4a3f2e1d0c',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEqualsIfExists: {
                  'vstoken.dev.azure.com/3f2e1d0c-9b8a-4f7e-8d6c-5b4a3f2e1d0c:sub': 'sc://acme/platform/aws-prod',
                },
              },
            },
          ],
        },
      },
      {
        name: 'GitHub Actions pinned to one reusable workflow at a commit (any caller of it: `trust-policy/oidc-broad-subject`)',
        type: 'trust',
        document: githubTrust({
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:job_workflow_ref':
              'acme/automation/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
          },
        }),
      },
      {
        name: 'web identity federation with Google for the users of one application (its OAuth client id)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'accounts.google.com:aud': '1234567890-abc.apps.googleusercontent.com' } },
            },
          ],
        },
      },
      {
        name: 'a Google service account by its unique id (`sub`), the audience it asked for in `oaud`',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'accounts.google.com:oaud': 'reports-export',
                  'accounts.google.com:sub': '104857600000000000001',
                },
              },
            },
          ],
        },
      },
      {
        name: 'CircleCI pinned to one project by its id key (what the project admits: `trust-policy/oidc-weak-subject`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/6d1c0a8e' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'oidc.circleci.com/org/6d1c0a8e:aud': '6d1c0a8e',
                  'oidc.circleci.com/org/6d1c0a8e:oidc.circleci.com/project-id': '0f9e8d7c',
                },
              },
            },
          ],
        },
      },
      {
        name: 'Login with Amazon for the users of one application (`app_id`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'www.amazon.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'www.amazon.com:app_id': 'amzn1.application-oa2-client.0a1b2c3d4e5f' } },
            },
          ],
        },
      },
      {
        name: 'Microsoft Sentinel for one workspace: its tokens are told apart by the session name',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/:aud':
                    'api://1462b192-27f7-4cb9-8523-0f4ecb54b47e',
                  'sts:RoleSessionName': 'MicrosoftSentinel_6b0f1c2d-3e4a-4b5c-8d6e-7f8091a2b3c4',
                },
              },
            },
          ],
        },
      },
      {
        name: 'a service principal needs no subject',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    ],
    invalid: [
      {
        name: 'two wildcard clauses that together still admit any owner (`repo:*:pull_request`)',
        type: 'trust',
        document: githubTrust({
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
          'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': '*:pull_request' },
        }),
        errors: [{ messageId: 'wildcardSubject' }],
      },
      {
        name: 'GitHub Actions with only an audience condition',
        type: 'trust',
        document: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
        errors: [{ messageId: 'missingSubject', pointer: '/Statement/0' }],
      },
      {
        name: 'Google without the application: any Google account, signed in to any application',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
            },
          ],
        },
        errors: [{ messageId: 'missingSubject' }],
      },
      {
        name: 'GitHub pinned only by `StringEqualsIfExists` on `repository_id`, a claim the key may lack',
        type: 'trust',
        document: githubTrust({
          StringEqualsIfExists: { 'token.actions.githubusercontent.com:repository_id': '90211734' },
        }),
        errors: [{ messageId: 'missingSubject' }],
      },
      {
        name: 'a subject that matches every repository',
        type: 'trust',
        document: githubTrust({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }),
        errors: [{ messageId: 'wildcardSubject' }],
      },
      {
        name: 'Google with only the audience the caller asks for (`oaud`): any Google account can ask for it',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'accounts.google.com:oaud': 'reports-export' } },
            },
          ],
        },
        errors: [{ messageId: 'missingSubject' }],
      },
      {
        name: 'a subject condition of only `*`',
        type: 'trust',
        document: githubTrust({ StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }),
        errors: [{ messageId: 'wildcardSubject' }],
      },
      {
        name: 'a Cognito identity pool id by pattern: every pool of the region, in any account',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringLike: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:*' },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
        errors: [{ messageId: 'wildcardApplication' }],
      },
      {
        name: 'Microsoft Sentinel for every workspace whose session name matches: any Sentinel customer',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/:aud':
                    'api://1462b192-27f7-4cb9-8523-0f4ecb54b47e',
                },
                StringLike: { 'sts:RoleSessionName': 'MicrosoftSentinel_*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'wildcardApplication' }],
      },
      {
        name: 'a subject outside the allowed ones',
        type: 'trust',
        settings: { trust: { oidc: [{ provider: 'token.actions.githubusercontent.com', subjects: ['repo:acme/*'] }] } },
        document: githubTrust({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:someone-else/app:*' } }),
        errors: [{ messageId: 'subjectNotAllowed' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const owner = ownerOf(subject);
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      if (!actionMatches(statement, 'sts:AssumeRoleWithWebIdentity')) continue;
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'Federated') continue;
        const trusted = trustedProvider(entry.value, statement);
        if (trusted === undefined) continue;
        if (trusted.kind === 'unknown') {
          if (pinsSubjectOfAnyProvider(statement)) continue;
          context.reportUnverifiable({
            reason: `the identity provider \`${trusted.value}\` is known only after deploy: whether the statement pins the subject of its tokens cannot be told before deploy`,
            statement,
            values: [trusted.value],
          });
          continue;
        }
        const provider = trusted.host;
        // Tokens of this provider never carry the claims of another: a statement requiring one
        // (`accounts.google.com:sub` under a Cognito principal) lets no token of it through.
        if (requiresOtherProvider(statement, provider)) continue;
        const tenancyBySessionName = SESSION_NAME_TENANCY.has(provider.toLowerCase().replace(/\/+$/, ''));
        const key = tenancyBySessionName
          ? 'sts:RoleSessionName'
          : `${provider}:${APPLICATION_CLAIM.get(provider.toLowerCase()) ?? 'sub'}`;
        const values = subjectValues(statement, key);
        // A provider, or `sub` keys, whose issuer is known only after deploy, named in different
        // ways (another attribute of the same resource, a parameter): what the keys pin cannot be
        // matched to the provider, but a statement with no `sub` key at all pins nothing.
        if (
          values.length === 0 &&
          statement.conditions.some(
            (c) =>
              /:sub$/i.test(c.key) &&
              isRestrictingClause(c) &&
              (provider.includes('${') || claimPrefix(c.key).includes('${')),
          )
        ) {
          if (pinsSubjectOfAnyProvider(statement)) continue;
          context.reportUnverifiable({
            reason: `whether the \`sub\` conditions of the statement are on tokens of \`${provider}\` cannot be told before deploy`,
            statement,
            values: [provider],
          });
          continue;
        }
        // GitHub, GitLab and CircleCI tokens can also be pinned by the claims AWS exposes as keys of their own.
        const ci = ciProviderOf(provider);
        const pins = ci === undefined ? [] : (PROVIDER_PINS[ci] ?? []);
        if (values.length === 0 && pins.some((claim) => subjectValues(statement, `${provider}:${claim}`).length > 0))
          continue;
        // An application's token is also pinned by the one user it names.
        const user = USER_CLAIM.get(provider.toLowerCase());
        if (values.length === 0 && user !== undefined && literalValues(statement, `${provider}:${user}`).length > 0)
          continue;
        const data = { owner, provider, key };
        // A condition on the key that restricts nothing (`StringLike` `*`) is said as it is written.
        const unrestricting = values.length === 0 ? matchAllValue(statement, key) : undefined;
        if (unrestricting !== undefined) {
          context.report({
            messageId: 'wildcardSubject',
            data: { ...data, value: unrestricting },
            statement,
            key: provider,
            evidence: { provider, subject: unrestricting },
          });
          continue;
        }
        if (values.length === 0) {
          context.report({
            messageId: 'missingSubject',
            data,
            statement,
            key: provider,
            evidence: { provider, conditionKey: key },
          });
          continue;
        }
        // The application claim of a provider every AWS customer shares (an identity pool id)
        // pinned only by a pattern: pools and applications of anyone else match it as well.
        const application =
          APPLICATION_CLAIM.has(provider.toLowerCase()) || tenancyBySessionName
            ? applicationPattern(statement, key)
            : undefined;
        if (application !== undefined) {
          context.report({
            messageId: 'wildcardApplication',
            data: { ...data, value: application },
            statement,
            key: provider,
            evidence: { provider, subject: application },
          });
          continue;
        }
        // A GitHub subject pattern open to any owner beside a key pinning the repository admits that one.
        const conditions = oidcConditions(statement, provider);
        const byKey = ci === 'github' && githubRepositoryByKey(conditions);
        const loose = byKey
          ? undefined
          : admittedPatterns(conditions, key, patternValues(statement, key)).find((v) => matchesAnything(provider, v));
        if (loose !== undefined) {
          context.report({
            messageId: 'wildcardSubject',
            data: { ...data, value: loose },
            statement,
            key: provider,
            evidence: { provider, subject: loose },
          });
          continue;
        }
        const allowed = context.settings.trust.oidc?.find((o) => o.provider === provider)?.subjects;
        if (allowed === undefined) continue;
        for (const value of values) {
          if (allowed.some((pattern) => matchWildcard(pattern, value))) continue;
          context.report({
            messageId: 'subjectNotAllowed',
            data: { ...data, value },
            statement,
            key: `${provider} ${value}`,
            evidence: { provider, subject: value, allowed },
          });
        }
      }
    }
  },
});

/** `arn:aws:iam::1:oidc-provider/host/path` or a bare web identity host; undefined for SAML. */
function providerHost(value: string): string | undefined {
  const arn = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (arn) return arn[1];
  if (value.startsWith('arn:')) return undefined;
  return value;
}

/**
 * The issuer a `Federated` principal trusts: the host of its provider ARN or the bare host; for a
 * principal known only after deploy as a whole (`var.provider_arn`), the one issuer its statement's
 * claim keys name (a token of another carries none of them), or the principal itself when no key
 * names one (nothing pins any claim). `unknown` when the keys name an issuer known only after deploy
 * too, which may or may not be the provider's; `undefined` for a SAML provider.
 */
function trustedProvider(
  value: PolicyValue,
  statement: Statement,
): { kind: 'host'; host: string } | { kind: 'unknown'; value: string } | undefined {
  const text = federatedText(value);
  if (text !== undefined) {
    const host = providerHost(text);
    return host === undefined ? undefined : { kind: 'host', host };
  }
  // A SAML provider, known in part or not at all, is not an OIDC one.
  if (!isSymbolic(value) || value.parts.some((p) => typeof p === 'string' && /saml-provider\//i.test(p)))
    return undefined;
  // By lowercase spelling (keys compare case-insensitively), as written.
  const hosts = new Map<string, string>();
  for (const clause of statement.conditions) {
    const prefix = claimPrefix(clause.key);
    if ((prefix.includes('.') || prefix.includes('${')) && isRestrictingClause(clause))
      hosts.set(prefix.toLowerCase(), prefix);
  }
  const [only] = hosts.values();
  // No claim pinned at all: any token of the provider passes, whichever it is (a SAML provider
  // under `sts:AssumeRole*` aside, whose keys are `SAML:...`).
  if (hosts.size === 0)
    return actionMatches(statement, 'sts:AssumeRoleWithSAML')
      ? { kind: 'unknown', value: valueToString(value) }
      : { kind: 'host', host: valueToString(value) };
  if (hosts.size === 1 && only !== undefined && !/^\$\{[^{}]*\}$/.test(only)) return { kind: 'host', host: only };
  return { kind: 'unknown', value: valueToString(value) };
}

/** What a condition key names before its last colon: the issuer of `<issuer>:<claim>`. */
function claimPrefix(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon < 0 ? '' : key.slice(0, colon);
}

/**
 * Whether the statement requires a claim of an identity provider other than `provider`: a
 * positive test (no `IfExists`) of a key whose prefix is a host name (`accounts.google.com:sub`),
 * as AWS names the claims of web identity tokens; global and service keys have no dot there.
 */
function requiresOtherProvider(statement: Statement, provider: string): boolean {
  const host = (text: string): string => text.toLowerCase().replace(/\/+$/, '');
  const own = host(provider);
  // An issuer known only after deploy, on either side, may be the same one.
  if (own.includes('${')) return false;
  return statement.conditions.some((c) => {
    const prefix = host(claimPrefix(c.key));
    return prefix.includes('.') && !prefix.includes('${') && prefix !== own && isRestrictingClause(c);
  });
}

/**
 * The clauses on `key` (`<issuer>:<claim>` of the trusted issuer, or `sts:RoleSessionName`) that
 * only let matching requests through: `...IfExists` too on a claim every token carries (`sub`, `aud`).
 */
function pinningClauses(statement: Statement, key: string): ConditionClause[] {
  const claim = claimOf(key);
  return statement.conditions.filter(
    (c) => c.key.toLowerCase() === key.toLowerCase() && (pinsFederatedClaim(c, claim) || comparesLiterally(c, claim)),
  );
}

/**
 * Whether the clause compares the claim with exact values (`StringEquals`), whatever they are:
 * `*` there is a subject of its own, which no token carries, not one matching every subject.
 */
function comparesLiterally(clause: ConditionClause, claim: string): boolean {
  if (clause.baseOperator !== 'StringEquals' && clause.baseOperator !== 'StringEqualsIgnoreCase') return false;
  if (clause.setOperator !== undefined || clause.values.length === 0) return false;
  return !clause.ifExists || isAlwaysPresentClaim(claim);
}

/** Values of restricting `StringLike` conditions on `key`: the patterns among the subjects. */
function patternValues(statement: Statement, key: string): string[] {
  return pinningClauses(statement, key)
    .filter((c) => c.baseOperator === 'StringLike')
    .flatMap((c) => c.values.filter((v): v is string => typeof v === 'string'));
}

/**
 * The patterns among `patterns` (the `StringLike` values on `key`) that the clauses on the claim
 * admit together, with what two wildcard clauses admit together (`repo:*:ref:refs/heads/main`
 * beside `repo:acme/api:*` admits `repo:acme/api:ref:refs/heads/main`, not any owner); every
 * pattern when the claim is not the issuer's or its clauses admit no token.
 */
function admittedPatterns(conditions: OidcConditions, key: string, patterns: readonly string[]): readonly string[] {
  if (!key.toLowerCase().startsWith(`${conditions.host.toLowerCase()}:`)) return patterns;
  const claim = claimOf(key).toLowerCase();
  const pins = conditions.claims.get(claim);
  if (pins === undefined || conditions.unsatisfiable.has(claim)) return patterns;
  return pins
    .filter((pin) => pin.like && (pin.of !== undefined || patterns.includes(pin.value)))
    .map((pin) => pin.value);
}

/** The claim a key names after its issuer: `sub` of `token.actions.githubusercontent.com:sub`. */
function claimOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

/** Values of restricting conditions on `key` (symbolic values shown with their provenance). */
function subjectValues(statement: Statement, key: string): string[] {
  return pinningClauses(statement, key).flatMap((c) => c.values.map((v) => valueToString(v)));
}

/** Values of restricting conditions on `key` that name one value: no wildcard under `StringLike`. */
function literalValues(statement: Statement, key: string): string[] {
  return pinningClauses(statement, key).flatMap((c) =>
    c.values
      .filter((v) => c.baseOperator !== 'StringLike' || typeof v !== 'string' || !hasWildcard(v))
      .map((v) => valueToString(v)),
  );
}

/**
 * The pattern of a `StringLike` condition on `key` when no restricting condition on it names one
 * value (conditions on the same key must all hold, so one literal pins it).
 */
function applicationPattern(statement: Statement, key: string): string | undefined {
  const clauses = pinningClauses(statement, key);
  const literal = (c: (typeof clauses)[number]): boolean =>
    c.baseOperator !== 'StringLike' || c.values.every((v) => typeof v !== 'string' || !hasWildcard(v));
  if (clauses.length === 0 || clauses.some(literal)) return undefined;
  for (const clause of clauses) {
    const value = clause.values.find((v): v is string => typeof v === 'string' && hasWildcard(v));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A `StringLike` value on `key` made only of wildcards (it matches any subject), if the statement has one. */
function matchAllValue(statement: Statement, key: string): string | undefined {
  for (const c of statement.conditions) {
    if (c.key.toLowerCase() !== key.toLowerCase() || c.setOperator !== undefined) continue;
    if (c.ifExists && !isAlwaysPresentClaim(claimOf(key))) continue;
    if (c.baseOperator !== 'StringLike') continue;
    const value = c.values.find((v): v is string => typeof v === 'string' && /^[*?]*$/.test(v) && v.includes('*'));
    if (value !== undefined) return value;
  }
  return undefined;
}

function matchesAnything(provider: string, value: string): boolean {
  if (/^[*?]*$/.test(value)) return true;
  // A GitHub subject whose owner part is a wildcard (and no owner id) admits every repository on GitHub.
  return provider === GITHUB && githubAnyOwner(value);
}

/**
 * Whether the statement requires an exact `sub` claim, whichever provider its keys name: under a
 * provider known only after deploy (`var.oidc_provider_arn`, with keys `${var.oidc_provider}:sub`,
 * the IRSA module idiom), a key of that provider pins its subject, and a key of another provider
 * is absent from its tokens, which then never match. Under `StringLike` a value known only after
 * deploy may be a pattern, so only literal text without `*` or `?` counts there.
 */
function pinsSubjectOfAnyProvider(statement: Statement): boolean {
  return statement.conditions.some((clause) => {
    if (!/:sub$/i.test(clause.key) || !isRestrictingClause(clause) || clause.values.length === 0) return false;
    if (clause.baseOperator === 'StringEquals' || clause.baseOperator === 'StringEqualsIgnoreCase') return true;
    return clause.baseOperator === 'StringLike' && clause.values.every((v) => typeof v === 'string' && !hasWildcard(v));
  });
}
