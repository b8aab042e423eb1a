import { defineRule } from '../rule';
import { accountFieldAdmits, everyPermissionSetAccount, neverPrincipalArn } from '../../model/principal-arn';
import type { ConditionClause, PrincipalEntry, Statement } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import {
  actionMatches,
  fencesOf,
  isPassedTest,
  isRestrictingClause,
  passedTest,
  restrictingClauses,
} from '../statement-helpers';
import { listValues, ownerOf } from '../describe';
import {
  accountIn,
  accountsNamed,
  CALLER_KEYS,
  isAnyPrincipal,
  isOwnOrganizationPath,
  organizationsNamed,
} from '../trust/condition-accounts';

// Also matches ARNs known only after deploy (CDK's `AccountRootPrincipal`), account rendered.
const ROOT = /^arn:.*:iam::(.+):root$/;
// Keys that name which principals of the account may assume the role.
const WHO_KEYS = ['aws:PrincipalArn', 'aws:userid', 'aws:username'];
// The policy variables that stand for the role's own account and organization.
const OWN_ACCOUNT = '${aws:resourceaccount}';
const OWN_ORGANIZATION = '${aws:resourceorgid}';
const OWN_PATHS = '${aws:resourceorgpaths}';
// A path below the root of the own organization: `${aws:ResourceOrgID}/r-ab12/ou-ab12-11111111/...`.
const OWN_UNIT = /^\$\{aws:resourceorgid\}\/r-[a-z0-9]+\/ou-[a-z0-9-]+\//i;

// An ARN pattern for every role, user or session of an account (`arn:aws:iam::1:role/*`): a
// condition of only these names no principal. Arn operators read `*` as a wildcard, equals or like.
const EVERY_PRINCIPAL = /^arn:[^:]*:(?:iam|sts):[^:]*:[^:]*:(?:\*|(?:role|user|assumed-role)\/\*)$/;

/** Whether a condition on who calls is met by every role or user of the accounts it names. */
function admitsEveryPrincipal(clause: ConditionClause): boolean {
  if (clause.key.toLowerCase() !== 'aws:principalarn') return false;
  if (!clause.baseOperator.startsWith('Arn') && clause.baseOperator !== 'StringLike') return false;
  // A role session's `assumed-role/*` is no `aws:PrincipalArn` (the key holds the role's ARN): it admits no one.
  return clause.values.some(
    (v) => typeof v === 'string' && EVERY_PRINCIPAL.test(v) && !neverPrincipalArn(v, clause.baseOperator),
  );
}

/** A role that trusts a whole account instead of named roles or users. */
export default defineRule({
  meta: {
    id: 'trust-policy/account-root',
    description:
      'A trust policy lets a whole account assume the role (`arn:aws:iam::<account>:root`, the bare account id, or `Principal` `*` confined only by `aws:PrincipalAccount`), or a whole organization (`Principal` `*` confined only by `aws:PrincipalOrgID`, or by `aws:PrincipalOrgPaths` at the root of the organization, also one known only after deploy) or whole organizational units of it (`aws:PrincipalOrgPaths` naming units, with or without `aws:PrincipalOrgID` of the same organization), without an `aws:PrincipalArn` condition (a pattern that every role or user of the account matches, `arn:aws:iam::<account>:role/*`, names none; one that the role of every IAM Identity Center permission set of the account matches, `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/*` with or without a Region segment, is reported as trusting every permission set, while `.../AWSReservedSSO_<name>_*` names one). A Deny of everyone whose one test of who calls is negated (`StringNotEquals` `aws:PrincipalAccount` or `ArnNotLike` `aws:PrincipalArn`) confines the Allow beside it to those it lets through. A third party trusted with an `sts:ExternalId`, as AWS documents for vendors, is not reported, but the own account of the role is (also when known only after deploy: `${AWS::AccountId}` in the root ARN or in `aws:PrincipalAccount` alike; `${aws:ResourceAccount}` and `${aws:ResourceOrgID}` name its own account and organization, also heading a path of `aws:PrincipalOrgPaths` as a literal organization id does (`${aws:ResourceOrgID}/*` the whole of it, `${aws:ResourceOrgID}/r-.../ou-.../*` a unit of it), `${aws:ResourceOrgPaths}` in `aws:PrincipalOrgPaths` the organizational unit of its own account).',
    rationale:
      'Trusting an account delegates the decision to its IAM administrators: every role and user there that is allowed `sts:AssumeRole` on the role can use it, including ones created later. Name the roles that need it, or add an `aws:PrincipalArn` (or `aws:PrincipalTag/...`) condition.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['trust'] },
    messages: {
      wholeAccount: '{{owner}} trusts every principal of {{account}} that is allowed to assume it',
      everyPermissionSet:
        '{{owner}} trusts the role of every IAM Identity Center permission set of {{account}} (`aws:PrincipalArn` `{{pattern}}`), one created later included: whoever is assigned any of them there can assume it; name the permission set (`.../AWSReservedSSO_<name>_*`)',
      // One message id for an organization and for units of it: the id enters the fingerprint, and
      // a baseline written before units were named must still suppress the finding.
      wholeOrganization:
        '{{owner}} trusts every principal {{scope}} that is allowed to assume it (`Principal` `*` confined only to {{confinement}})',
    },
  },
  examples: {
    valid: [
      {
        name: 'a named role of another account',
        type: 'trust',
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
        name: 'anyone of the organization beside a Deny of every caller but its platform roles',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/platform/*' } },
            },
          ],
        },
      },
      {
        name: 'a third party account with an external id (the access AWS documents for vendors)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:root' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': 'c0ffee-7a1c' } },
            },
          ],
        },
      },
      {
        name: 'anyone of the organization narrowed to one role name',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: {
                StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
                ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/audit-reader' },
              },
            },
          ],
        },
      },
      {
        name: 'an account narrowed by principal ARN',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:root' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci/*' } },
            },
          ],
        },
      },
      {
        name: 'the root of an account narrowed to the roles of one IAM Identity Center permission set',
        type: 'trust',
        principal: { kind: 'role', name: 'ops' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'sts:AssumeRole',
              Condition: {
                ArnLike: {
                  'aws:PrincipalArn':
                    'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*',
                },
              },
            },
          ],
        },
      },
      {
        name: 'the root of an account narrowed to its role sessions by `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN: no one may assume it)',
        type: 'trust',
        principal: { kind: 'role', name: 'ops' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/*' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the root of an account narrowed to the role of every IAM Identity Center permission set of it',
        type: 'trust',
        principal: { kind: 'role', name: 'ops' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'sts:AssumeRole',
              Condition: {
                ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'everyPermissionSet', pointer: '/Statement/0' }],
      },
      {
        name: 'the root of an account narrowed by an `aws:PrincipalArn` pattern every role of it matches',
        type: 'trust',
        principal: { kind: 'role', name: 'ops' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'the root of an account',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' },
          ],
        },
        errors: [{ messageId: 'wholeAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone confined only to an account',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '444455556666' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone, beside a Deny of every caller outside one account: that account, trusted whole',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'sts:*',
              Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone confined only to an organization',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone beside a Deny of every caller outside its own organization (`${aws:ResourceOrgID}`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'sts:AssumeRole',
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone of the organizational unit of its own account (`${aws:ResourceOrgPaths}`)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgPaths}*' } },
            },
          ],
        },
        errors: [{ messageId: 'wholeOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone confined only to one organizational unit (its path)',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: {
                'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'wholeOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'a bare account id',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['444455556666'] },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
            },
          ],
        },
        errors: [{ messageId: 'wholeAccount' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    // The role's own account, also when known only after deploy: a CDK role's ARN holds the
    // stack's account, rendered as the root ARN and `aws:PrincipalAccount` of that account are.
    // Read only for a vendor's statement (most trust policies have none).
    let ownAccount: { readonly value: string | undefined } | undefined;
    const own = (): string | undefined => {
      if (ownAccount === undefined) {
        const arn = subject.principal?.arn;
        ownAccount = { value: subject.principal?.account ?? (arn === undefined ? undefined : accountIn(arn, 'arn')) };
      }
      return ownAccount.value;
    };
    const statements = subject.parsed.value.statements;
    const passed = passedDenies(statements);
    for (const written of statements) {
      if (written.effect !== 'Allow' || !written.principal || written.principal.negated) continue;
      if (!actionMatches(written, 'sts:AssumeRole')) continue;
      // Every caller must also pass the Denies: their tests read as conditions of the Allow.
      const statement = passed.length === 0 ? written : { ...written, conditions: [...written.conditions, ...passed] };
      const narrowing = restrictingClauses(statement, WHO_KEYS).filter((c) => !admitsEveryPrincipal(c));
      const tagged = statement.conditions.some(
        (c) => c.key.toLowerCase().startsWith('aws:principaltag/') && isRestrictingClause(c),
      );
      // An external id marks the third party access AWS documents (the vendor's account trusted
      // as a whole, the id telling its customers apart); its own account gets no such pass.
      const vendor = restrictingClauses(statement, ['sts:ExternalId']).length > 0;
      if (tagged) continue;
      if (narrowing.length > 0) {
        const sets = permissionSetPatterns(narrowing);
        if (sets === undefined) continue;
        // Only a principal of the whole account (its root, `*`) lets the pattern's roles in.
        const roots = rootAccounts(written.principal.entries);
        const any = isAnyPrincipal(statement);
        for (const { account, pattern } of sets) {
          if (vendor && account !== own()) continue;
          // The accounts trusted whole whose roles the pattern's account field matches.
          const admitted = roots.filter((root) => accountFieldAdmits(account, root));
          if (!any && admitted.length === 0) continue;
          const scope = permissionSetScope(account, statement, any, admitted);
          if (scope === undefined) continue;
          context.report({
            messageId: 'everyPermissionSet',
            data: {
              owner: ownerOf(subject),
              account: scope,
              pattern,
            },
            statement,
            key: pattern,
            evidence: { account, pattern },
          });
        }
        continue;
      }
      if (isAnyPrincipal(statement)) {
        // Confined only to accounts or organizations by the conditions: as trusting them whole.
        const accounts = accountsNamed(statement, CALLER_KEYS);
        for (const account of accounts ?? []) {
          const isOwn = account.toLowerCase() === OWN_ACCOUNT;
          if (vendor && !isOwn && account !== own()) continue;
          const ownId = isOwn ? own() : undefined;
          context.report({
            messageId: 'wholeAccount',
            data: {
              owner: ownerOf(subject),
              account: !isOwn
                ? `account \`${account}\``
                : ownId === undefined
                  ? 'its own account'
                  : `its own account \`${ownId}\``,
            },
            statement,
            key: account,
            evidence: { account },
          });
        }
        // An organization known only after deploy is trusted whole all the same; one the
        // configuration lists too: every principal of every account of it is wider than one account.
        const organizations =
          accounts === undefined && !vendor ? organizationsNamed(statement, undefined, { unknown: true }) : [];
        // The own organization once, as first written (`${aws:ResourceOrgID}`, or for its paths).
        const named = new Map<string, string>();
        for (const o of organizations) {
          const name = o.toLowerCase() === OWN_ORGANIZATION ? OWN_ORGANIZATION : o;
          if (!named.has(name)) named.set(name, o);
        }
        for (const [name, organization] of named) {
          const isOwn = name === OWN_ORGANIZATION;
          const paths = isOwn ? ownPaths(statement.conditions) : unitPaths(statement.conditions, organization);
          context.report({
            messageId: 'wholeOrganization',
            data: {
              owner: ownerOf(subject),
              scope: isOwn
                ? paths === undefined
                  ? 'of its own organization'
                  : paths.every((p) => p.toLowerCase().startsWith(OWN_PATHS))
                    ? `under the organizational unit of its own account (${listValues(paths, paths.length)})`
                    : `under ${listValues(paths, paths.length)} of its own organization`
                : paths === undefined
                  ? `of organization \`${organization}\``
                  : `under ${listValues(paths, paths.length)} of organization \`${organization}\``,
              confinement: paths === undefined ? 'the organization' : 'those organizational units',
            },
            statement,
            key: organization,
            evidence: paths === undefined ? { organization } : { organization, paths },
          });
        }
      }
      for (const account of rootAccounts(written.principal.entries)) {
        if (vendor && account !== own()) continue;
        context.report({
          messageId: 'wholeAccount',
          data: { owner: ownerOf(subject), account: `account \`${account}\`` },
          statement,
          key: account,
          evidence: { account },
        });
      }
    }
  },
});

/**
 * The accounts, in words, whose permission sets a pattern of account `account` admits: the one it
 * names, else (a wildcard account) those the principal or, for `Principal` `*`, the conditions name;
 * undefined when none is named.
 */
function permissionSetScope(
  account: string,
  statement: Statement,
  any: boolean,
  roots: readonly string[],
): string | undefined {
  if (/^\d{12}$/.test(account)) return `account \`${account}\``;
  const quoted = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');
  if (!any) return roots.length === 1 ? `account ${quoted(roots)}` : `accounts ${quoted(roots)}`;
  // `${aws:PrincipalAccount}` in the pattern's account field is the caller's own: it names none.
  const accounts = [...(accountsNamed(statement, CALLER_KEYS) ?? [])].filter(
    (a) => a.toLowerCase() !== '${aws:principalaccount}',
  );
  if (accounts.some((a) => a.toLowerCase() === OWN_ACCOUNT)) return 'its own account';
  if (accounts.length > 0)
    return accounts.length === 1 ? `account ${quoted(accounts)}` : `accounts ${quoted(accounts)}`;
  const organizations = organizationsNamed(statement, undefined, { unknown: true });
  if (organizations.some((o) => o.toLowerCase() === OWN_ORGANIZATION)) return 'every account of its own organization';
  if (organizations.length > 0)
    return `every account of organization ${organizations.map((o) => `\`${o}\``).join(' or ')}`;
  // `Principal` `*` named by no account or organization: public-principal reports it.
  return undefined;
}

/** The accounts a principal trusts whole: by the root ARN or the bare account id. */
function rootAccounts(entries: readonly PrincipalEntry[]): string[] {
  return entries.flatMap((entry) => {
    if (entry.type !== 'AWS') return [];
    const text = valueToString(entry.value);
    const account = /^\d{12}$/.test(text) ? text : ROOT.exec(text)?.[1];
    return account === undefined ? [] : [account];
  });
}

/**
 * The `aws:PrincipalArn` patterns that admit every IAM Identity Center permission set of an account
 * (`.../role/aws-reserved/sso.amazonaws.com/*`), with the account each names, when each clause that
 * narrows who calls holds one (a clause also naming other roles admits every permission set all the
 * same); undefined when one clause names some permission sets or other principals only.
 */
function permissionSetPatterns(
  clauses: readonly ConditionClause[],
): readonly { readonly account: string; readonly pattern: string }[] | undefined {
  const found = new Map<string, { readonly account: string; readonly pattern: string }>();
  for (const clause of clauses) {
    if (clause.key.toLowerCase() !== 'aws:principalarn') return undefined;
    const own = clause.values.flatMap((v) => {
      const account = everyPermissionSetAccount(v, clause.baseOperator);
      return account === undefined ? [] : [{ account, pattern: valueToString(v) }];
    });
    if (own.length === 0) return undefined;
    for (const set of own) if (!found.has(set.account)) found.set(set.account, set);
  }
  return [...found.values()];
}

// Keys a Deny of everyone may test to let only some callers assume the role.
const CALLER_TEST =
  /^aws:(?:principalarn|userid|username|principalaccount|principalorgid|principalorgpaths|principaltag\/.+)$/;

/** A negated test of who calls, in a Deny of everyone (one function, so `fencesOf` caches by it). */
function isCallerTest(clause: ConditionClause): boolean {
  return isPassedTest(clause) && CALLER_TEST.test(clause.key.toLowerCase());
}

/**
 * The tests of who calls that the Denies of everyone in a trust policy leave `sts:AssumeRole` to
 * pass, as clauses an Allow beside them holds too: a Deny of one negated test (`StringNotLike`
 * `aws:PrincipalArn` `arn:aws:iam::*:role/platform/*`) lets through only the callers its positive
 * test admits. A Deny of several tests refuses only callers failing all of them, which narrows no
 * one test of the Allow, so it is left out.
 */
function passedDenies(statements: readonly Statement[]): ConditionClause[] {
  return fencesOf(statements, isCallerTest).flatMap(({ deny, clauses }): ConditionClause[] => {
    const [clause] = clauses;
    if (clauses.length !== 1 || clause === undefined || !actionMatches(deny, 'sts:AssumeRole')) return [];
    return [passedTest(clause)];
  });
}

/**
 * The paths of the role's own organization the statement confines callers to, when each goes
 * below its root: the unit of its own account (`${aws:ResourceOrgPaths}`, `${aws:ResourceOrgPaths}*`)
 * or a unit under `${aws:ResourceOrgID}` (`${aws:ResourceOrgID}/r-ab12/ou-ab12-11111111/*`); paths
 * of other organizations beside them are reported of those. Undefined when it gives none, or one at
 * the root (`${aws:ResourceOrgID}/*`: the whole organization).
 */
function ownPaths(conditions: readonly ConditionClause[]): readonly string[] | undefined {
  const values = conditions
    .filter((c) => isRestrictingClause(c) && c.key.toLowerCase() === 'aws:principalorgpaths')
    .flatMap((c) => c.values);
  const texts = values.filter((v): v is string => typeof v === 'string' && isOwnOrganizationPath(v));
  const units = texts.every((v) => v.toLowerCase().startsWith(OWN_PATHS) || OWN_UNIT.test(v));
  return texts.length === 0 || !units ? undefined : [...new Set(texts)];
}

/**
 * The organizational unit paths (`o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`) the statement confines
 * callers of `organization` to, when `aws:PrincipalOrgPaths` names it (with `aws:PrincipalOrgID`
 * naming no other) and every path it gives goes below the root; undefined when the whole
 * organization is trusted.
 */
function unitPaths(conditions: readonly ConditionClause[], organization: string): readonly string[] | undefined {
  const restricting = conditions.filter((c) => isRestrictingClause(c));
  // `aws:PrincipalOrgID` of this very organization beside the paths confines no further than they do.
  const otherOrganization = restricting.some(
    (c) => c.key.toLowerCase() === 'aws:principalorgid' && c.values.some((v) => valueToString(v) !== organization),
  );
  if (otherOrganization) return undefined;
  const values = restricting
    .filter((c) => c.key.toLowerCase() === 'aws:principalorgpaths')
    .flatMap((c) => c.values)
    .filter((v) => valueToString(v).startsWith(`${organization}/`));
  const texts = values.filter((v): v is string => typeof v === 'string');
  if (texts.length === 0 || texts.length < values.length) return undefined;
  return texts.every((v) => /^o-[a-z0-9]+\/r-[a-z0-9]+\/ou-[a-z0-9-]+\//.test(v)) ? [...new Set(texts)] : undefined;
}
