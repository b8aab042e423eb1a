/**
 * What the escalation analyses ask of a principal of the scan wherever they are computed: whether
 * a value names it, whether its trust lets a service in, and how paths toward several of them are
 * grouped into findings.
 */
import { parsePolicy } from '../../model/parse';
import { matchPolicyValue } from '../../match/value';
import { matchWildcard } from '../../match/wildcard';
import type { PolicyValue } from '../../model/symbolic';
import { textWithHolesAs } from '../../model/symbolic';
import type { PrincipalInput } from '../../analysis/input';
import { actionMatches } from '../statement-helpers';
import type { TargetHolds } from './escalation-targets';

/**
 * Whether a role's trust policy lets one of `services` in (a role without one in the input: taken
 * to): as a service principal, or as the federated one an identity pool's roles trust
 * (`cognito-identity.amazonaws.com` with `sts:AssumeRoleWithWebIdentity`), in any of the forms
 * {@link mayBeService} reads.
 */
export function trustsServiceOf(role: PrincipalInput, services: readonly string[]): boolean {
  const document = role.trustPolicy?.document;
  if (document === undefined) return true;
  const parsed = parsePolicy(document, { type: 'trust' });
  if (!parsed.ok) return true;
  return parsed.value.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      ((s.principal?.wildcard === true && actionMatches(s, 'sts:AssumeRole')) ||
        (s.principal?.entries ?? []).some(
          (e) =>
            ((e.type === 'Service' && actionMatches(s, 'sts:AssumeRole')) ||
              (e.type === 'Federated' && actionMatches(s, 'sts:AssumeRoleWithWebIdentity'))) &&
            services.some((x) => mayBeService(e.value, x)),
        )),
  );
}

// A Region's name in a regional service principal (`states.eu-west-1.amazonaws.com`), or a part
// known only after deploy there (`states.${AWS::Region}.amazonaws.com`, read with holes as `*`).
const REGION_LABEL = /\.(?:[a-z]{2}(?:-[a-z]+)+-\d+|\*)(?=\.amazonaws\.com$)/;

/**
 * Whether a service principal of a trust policy may be `service` (`states.amazonaws.com`): as
 * written, in a Region (`states.eu-west-1.amazonaws.com`), in the China partition
 * (`ec2.amazonaws.com.cn`), or with parts known only after deploy, each of which may be any text
 * (CDK v1's `states.${AWS::Region}.amazonaws.com`): an unknown part never rules the service out.
 */
function mayBeService(value: PolicyValue, service: string): boolean {
  const written = textWithHolesAs(value, '*')
    .toLowerCase()
    .replace(/\.amazonaws\.com\.cn$/, '.amazonaws.com')
    .replace(REGION_LABEL, '');
  return matchWildcard(written, service.toLowerCase());
}

/** Whether a resource value (an ARN, a pattern, a reference) names the principal. */
export function namesPrincipal(value: PolicyValue, target: PrincipalInput): boolean {
  if (target.arn !== undefined && matchPolicyValue(value, target.arn) === 'match') return true;
  // A written ARN against a principal whose ARN is known after apply only: by kind, path and name.
  if (typeof value !== 'string' || typeof target.name !== 'string') return false;
  const parts = /^arn:([^:]*):iam::([^:]*):(role|user|group)\//i.exec(value);
  if (parts === null || (parts[3] as string).toLowerCase() !== target.kind) return false;
  const account = target.account ?? parts[2];
  const path = target.path ?? '/';
  const arn = `arn:${parts[1] as string}:iam::${account}:${target.kind}${path}${target.name}`;
  return matchWildcard(value, arn);
}

/**
 * Paths one finding each per principal and granting statement (`statementOf`: the statement and
 * anything else that makes a finding of its own), each group's most privileged target first
 * (administrators, then paths to administrator access), targets as privileged in the order of
 * their ids: the one a finding names, and so its fingerprint, does not follow the input's order.
 */
export function byStatement<
  T extends {
    readonly principal: PrincipalInput;
    readonly target: PrincipalInput;
    readonly targetHolds?: TargetHolds | undefined;
  },
>(paths: Iterable<T>, statementOf: (open: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const open of paths) {
    const key = `${open.principal.id} ${statementOf(open)}`;
    groups.set(key, [...(groups.get(key) ?? []), open]);
  }
  const rank = (o: T): number => (o.targetHolds === 'admin' ? 0 : o.targetHolds === 'escalation' ? 1 : 2);
  const byId = (a: T, b: T): number => (a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0);
  return [...groups.values()].map((group) => [...group].sort((a, b) => rank(a) - rank(b) || byId(a, b)));
}
