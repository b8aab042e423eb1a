/**
 * The SAML provider path (`iam-update-saml-provider`) the policies cannot decide: the caller may
 * rewrite some named providers, and a role holding administrator access (or a path to it) trusts
 * a provider whose ARN is given only at deploy (`${var.saml_provider_arn}`). It is one of them or
 * not; a reviewer wants to be told which, so it is reported as undecided on the granting statement,
 * never passed in silence nor reported as a path.
 */
import { valueToString } from '../../model/symbolic';
import type { PolicySubject, RuleContext } from '../rule';
import { listValues, ownerOf, principalLabel } from '../describe';
import { actionMatches } from '../statement-helpers';
import { samlUndecidedOf } from './escalation-targets';
import { UPDATE } from './escalation-federation';
import type { UndecidedFederatedPath } from './escalation-federation';

/** Reports each statement of the subject's policy that may or may not rewrite a provider a privileged role trusts. */
export function reportUndecidedProviders<M extends string>(context: RuleContext<M>, subject: PolicySubject): void {
  const account = context.inputAccount?.();
  const principal = subject.principal;
  if (account === undefined || principal === undefined || !subject.parsed.ok) return;
  // Most policies grant no update of a provider: the scan's analysis is not asked for them.
  if (!subject.parsed.value.statements.some((s) => s.effect === 'Allow' && actionMatches(s, UPDATE))) return;
  const byStatement = new Map<string, UndecidedFederatedPath[]>();
  for (const open of samlUndecidedOf(context, account)) {
    if (open.principal !== principal || open.grant.source.id !== subject.source.id) continue;
    const pointer = open.grant.statement.pointer;
    byStatement.set(pointer, [...(byStatement.get(pointer) ?? []), open]);
  }
  for (const group of byStatement.values()) {
    const first = group[0] as UndecidedFederatedPath;
    const named = first.except
      ? `every SAML provider but ${listValues(first.named)}`
      : `SAML ${first.named.length === 1 ? 'provider' : 'providers'} ${listValues(first.named)}`;
    const roles = group.map((open) => {
      const holds =
        open.targetHolds === 'admin' ? 'administrator access' : 'an escalation path to administrator access';
      const unless = open.unless === undefined ? '' : ` unless ${open.unless}`;
      return `role \`${principalLabel(open.target)}\`, which holds ${holds}${unless}, trusts provider \`${valueToString(open.provider)}\``;
    });
    context.reportUnverifiable({
      reason: `${ownerOf(subject)} may rewrite ${named} with \`${UPDATE}\`, and ${roles.join('; ')}, given only at deploy: whether it is one of them cannot be told (escalation path \`iam-update-saml-provider\`)`,
      statement: first.grant.statement,
      values: [...new Set(group.map((open) => valueToString(open.provider)))],
      actions: [UPDATE],
    });
  }
}
