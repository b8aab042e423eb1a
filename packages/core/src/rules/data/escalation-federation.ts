/**
 * Escalation through a SAML identity provider that a role of the scan trusts:
 * `iam:UpdateSAMLProvider` replaces the provider's metadata document, and the signing certificate
 * in it, by the caller's own. The caller then signs SAML assertions itself, and
 * `sts:AssumeRoleWithSAML` (a call no permission of the caller's governs: the trust policy alone
 * decides) hands it every role whose trust policy lets that provider in, since the `SAML:*` keys a
 * trust policy tests are read from the assertion the caller writes. It needs no resource of the
 * caller's own, so the policies of the scan decide it: reported toward a role that holds
 * administrator access or a path to it.
 *
 * `iam:UpdateOpenIDConnectProviderThumbprint` is not such a path: the provider's issuer URL stays,
 * and STS still fetches and checks the tokens' keys from that host, which the caller does not serve.
 */
import { matchPolicyValue } from '../../match/value';
import { parsePolicy } from '../../model/parse';
import type { PrincipalSet, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { PrincipalInput } from '../../analysis/input';
import type { AccountSubject, RuleContext } from '../rule';
import { principalLabel } from '../describe';
import { actionMatches } from '../statement-helpers';
import type { ActionCatalog } from '../../analysis/catalog-view';
import {
  ADMIN_ACTIONS,
  blockedOnValue,
  constrainingClauses,
  coversAllResourcesOf,
  leavesEscalationOpen,
} from './grants';
import { heldByPrincipals } from './escalation-targets';
import type { Grant, TargetHolds } from './escalation-targets';

/** The path's id (our own) and its actions. */
const PATH = 'iam-update-saml-provider';
const UPDATE = 'iam:UpdateSAMLProvider';
const ASSUME = 'sts:AssumeRoleWithSAML';

/** A role of the scan the caller acts as by rewriting the SAML provider it trusts. */
interface FederatedPath {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly targetHolds: TargetHolds;
  /** The provider, as the target's trust policy names it. */
  readonly provider: PolicyValue;
  readonly grant: Grant;
}

/**
 * The SAML providers a role's trust policy lets assume it (`Federated` principals allowed
 * `sts:AssumeRoleWithSAML`), from statements whose conditions test only `SAML:*` keys, which the
 * assertion carries. A statement with another condition (`aws:SourceIp`) is not claimed, and a
 * Deny of the call drops the providers it names unless the assertion escapes it (it tests
 * `SAML:*` keys only, which the caller writes).
 */
function samlProvidersOf(role: PrincipalInput): PolicyValue[] {
  const document = role.trustPolicy?.document;
  if (document === undefined) return [];
  const parsed = parsePolicy(document, { type: 'trust' });
  if (!parsed.ok) return [];
  const statements = parsed.value.statements;
  const denies = statements.filter(
    (s) =>
      s.effect === 'Deny' &&
      actionMatches(s, ASSUME) &&
      (s.conditions.length === 0 || s.conditions.some((c) => !isSamlKey(c.key))),
  );
  return statements.flatMap((s) => {
    const principal = s.principal;
    if (s.effect !== 'Allow' || principal === undefined || principal.negated || !actionMatches(s, ASSUME)) return [];
    if (s.conditions.some((c) => !isSamlKey(c.key))) return [];
    return principal.entries
      .filter((e) => e.type === 'Federated' && maybeSamlProvider(e.value))
      .map((e) => e.value)
      .filter((provider) => !denies.some((d) => deniesProvider(d.principal, provider)));
  });
}

const isSamlKey = (key: string): boolean => key.toLowerCase().startsWith('saml:');

// Any SAML provider's ARN: an OIDC provider or `cognito-identity.amazonaws.com` signs no assertion.
const SAML_PROVIDERS = 'arn:*:iam::*:saml-provider/*';

function maybeSamlProvider(value: PolicyValue): boolean {
  return matchPolicyValue(SAML_PROVIDERS, value) !== 'no-match';
}

/** Whether the Principal (or NotPrincipal) of a Deny in a trust policy takes in the provider. */
function deniesProvider(set: PrincipalSet | undefined, provider: PolicyValue): boolean {
  if (set === undefined) return false;
  const names = (exact: boolean): boolean =>
    set.entries.some(
      (e) =>
        e.type === 'Federated' &&
        (exact ? matchPolicyValue(e.value, provider) === 'match' : matchPolicyValue(e.value, provider) !== 'no-match'),
    );
  if (set.negated) return !names(false);
  return set.wildcard || set.entries.some((e) => e.type === 'AWS' && e.value === '*') || names(true);
}

/** Whether an Allow, conditioned on request tags or the network at most, lets the caller update `provider`. */
function updates(statement: Statement, provider: PolicyValue): boolean {
  if (statement.effect !== 'Allow' || !actionMatches(statement, UPDATE)) return false;
  if (constrainingClauses(statement, leavesEscalationOpen).length > 0) return false;
  const set = statement.resource;
  if (set === undefined) return false;
  // A NotResource lets through only the providers none of its values may name.
  if (set.negated) return set.values.every((v) => matchPolicyValue(v, provider) === 'no-match');
  return coversAllResourcesOf(statement) || set.values.some((v) => matchPolicyValue(v, provider) === 'match');
}

const IAM_ESCALATIONS = ADMIN_ACTIONS.iam.filter((a) => a !== 'iam:PassRole');

/**
 * Whether a role without a boundary may write IAM permissions on every resource (`IAMFullAccess`,
 * `iam:*`), its own among them: a path to administrator access of its own. Its identity policies
 * (inline, managed, and the AWS managed ones by their catalog document) allow an IAM escalation
 * without a condition, and deny nothing (a Deny is not weighed: not claimed).
 */
function grantsItselfIam(role: PrincipalInput, own: readonly Grant[], catalog: ActionCatalog): boolean {
  if (role.permissionsBoundary !== undefined) return false;
  const statements = [...own.map((g) => g.statement), ...awsManagedStatements(role, catalog)];
  if (statements.some((s) => s.effect === 'Deny')) return false;
  return statements.some(
    (s) =>
      s.effect === 'Allow' &&
      s.conditions.length === 0 &&
      coversAllResourcesOf(s) &&
      IAM_ESCALATIONS.some((action) => actionMatches(s, action)),
  );
}

/** The statements of the AWS managed policies attached to a principal whose document the input does not hold. */
function awsManagedStatements(principal: PrincipalInput, catalog: ActionCatalog): Statement[] {
  return principal.policies.flatMap((a) => {
    if (a.kind !== 'aws-managed' || a.policy !== undefined || typeof a.arn !== 'string') return [];
    const document = catalog.awsManagedPolicy?.(a.arn);
    const parsed = document !== undefined ? parsePolicy(document, { type: 'identity' }) : undefined;
    return parsed?.ok === true ? [...parsed.value.statements] : [];
  });
}

/** Every role of the scan that holds something, reached by a principal that may rewrite a SAML provider it trusts. */
function federatedPaths(context: RuleContext<string>, subject: AccountSubject): FederatedPath[] {
  const { holds, statements } = heldByPrincipals(context, subject);
  const trusting = subject.principals.flatMap((role) => {
    if (role.kind !== 'role') return [];
    const targetHolds =
      holds.get(role) ??
      (grantsItselfIam(role, statements.get(role) ?? [], context.catalog) ? 'escalation' : undefined);
    if (targetHolds === undefined) return [];
    const providers = samlProvidersOf(role);
    return providers.length > 0 ? [{ role, targetHolds, providers }] : [];
  });
  if (trusting.length === 0) return [];
  const found: FederatedPath[] = [];
  for (const [principal, own] of statements) {
    // An administrator gains nothing (admin-access reports it).
    if (holds.get(principal) === 'admin') continue;
    const granting = own.filter((g) => actionMatches(g.statement, UPDATE) && g.statement.effect === 'Allow');
    if (granting.length === 0) continue;
    const permissions = context.permissionsOf(principal);
    for (const { role, targetHolds, providers } of trusting) {
      if (role === principal) continue;
      for (const provider of providers) {
        const grant = granting.find((g) => updates(g.statement, provider));
        if (grant === undefined || blockedOnValue(permissions, own, UPDATE, provider)) continue;
        found.push({ principal, target: role, targetHolds, provider, grant });
        break;
      }
    }
  }
  return found;
}

/**
 * Reports each statement that lets a principal of the scan rewrite a SAML provider trusted by a
 * role holding administrator access (or a path to it): one finding per (principal, statement),
 * naming the most privileged role and listing the others in `evidence.targets`.
 */
export function reportFederatedPaths<M extends string>(
  context: RuleContext<M>,
  subject: AccountSubject,
  messageId: M,
): void {
  const groups = new Map<string, FederatedPath[]>();
  for (const open of federatedPaths(context, subject)) {
    const key = `${open.principal.id} ${open.grant.source.id} ${open.grant.statement.pointer}`;
    groups.set(key, [...(groups.get(key) ?? []), open]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => Number(a.targetHolds !== 'admin') - Number(b.targetHolds !== 'admin'));
    const open = sorted[0] as FederatedPath;
    const { grant, target } = open;
    const provider = valueToString(open.provider);
    context.report({
      messageId,
      data: {
        owner: `${open.principal.kind} \`${open.principal.id}\``,
        target: `role \`${principalLabel(target)}\``,
        holds: open.targetHolds === 'admin' ? 'administrator access' : 'an escalation path to administrator access',
        provider: `\`${provider}\``,
        actions: `\`${UPDATE}\` + \`${ASSUME}\``,
        path: `path \`${PATH}\``,
      },
      principal: open.principal.id,
      location: grant.source.location,
      statement: grant.statement,
      policy: grant.source,
      key: `${PATH} ${grant.source.id} ${grant.statement.pointer}`,
      evidence: {
        path: PATH,
        actions: [UPDATE, ASSUME],
        target: target.id,
        targetHolds: open.targetHolds,
        provider,
        grantedBy: [{ action: UPDATE, policy: grant.source.name, pointer: grant.statement.pointer }],
        ...(sorted.length > 1 ? { targets: sorted.map((o) => o.target.id) } : {}),
      },
    });
  }
}
