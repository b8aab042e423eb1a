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
import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import type { PrincipalInput } from '../../analysis/input';
import type { PermissionQueries } from '../../analysis/permissions';
import type { AccountSubject, RuleContext } from '../rule';
import { principalLabel } from '../describe';
import { actionMatches } from '../statement-helpers';
import { constrainingClauses, coversAllResourcesOf, leavesEscalationOpen } from './grants';
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
 * assertion carries. A statement with another condition (`aws:SourceIp`) is not claimed.
 */
function samlProvidersOf(role: PrincipalInput): PolicyValue[] {
  const document = role.trustPolicy?.document;
  if (document === undefined) return [];
  const parsed = parsePolicy(document, { type: 'trust' });
  if (!parsed.ok) return [];
  return parsed.value.statements.flatMap((s) => {
    const principal = s.principal;
    if (s.effect !== 'Allow' || principal === undefined || principal.negated || !actionMatches(s, ASSUME)) return [];
    if (s.conditions.some((c) => !c.key.toLowerCase().startsWith('saml:'))) return [];
    return principal.entries.filter((e) => e.type === 'Federated').map((e) => e.value);
  });
}

/** Whether an Allow, conditioned on request tags or the network at most, lets the caller update `provider`. */
function updates(statement: Statement, provider: PolicyValue): boolean {
  if (statement.effect !== 'Allow' || !actionMatches(statement, UPDATE)) return false;
  if (constrainingClauses(statement, leavesEscalationOpen).length > 0) return false;
  if (coversAllResourcesOf(statement)) return true;
  const set = statement.resource;
  return set !== undefined && !set.negated && set.values.some((v) => matchPolicyValue(v, provider) === 'match');
}

/** Whether a Deny, the boundary or an SCP keeps the caller from updating `provider`. */
function blocked(permissions: PermissionQueries, provider: PolicyValue): boolean {
  return typeof provider === 'string' && !/[*?]/.test(provider)
    ? permissions.blockedOn(UPDATE, provider) === 'yes'
    : permissions.blockedEverywhere(UPDATE) === 'yes';
}

/** Every role of the scan that holds something, reached by a principal that may rewrite a SAML provider it trusts. */
function federatedPaths(context: RuleContext<string>, subject: AccountSubject): FederatedPath[] {
  const { holds, statements } = heldByPrincipals(context, subject);
  const trusting = subject.principals.flatMap((role) => {
    const targetHolds = holds.get(role);
    if (role.kind !== 'role' || targetHolds === undefined) return [];
    const providers = samlProvidersOf(role);
    return providers.length > 0 ? [{ role, targetHolds, providers }] : [];
  });
  if (trusting.length === 0) return [];
  const found: FederatedPath[] = [];
  for (const [principal, own] of statements) {
    // An administrator gains nothing (admin-access reports it).
    if (holds.get(principal) === 'admin' || !own.some((g) => g.statement.effect === 'Allow')) continue;
    const granting = own.filter((g) => actionMatches(g.statement, UPDATE) && g.statement.effect === 'Allow');
    if (granting.length === 0) continue;
    const permissions = context.permissionsOf(principal);
    for (const { role, targetHolds, providers } of trusting) {
      if (role === principal) continue;
      for (const provider of providers) {
        const grant = granting.find((g) => updates(g.statement, provider));
        if (grant === undefined || blocked(permissions, provider)) continue;
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
