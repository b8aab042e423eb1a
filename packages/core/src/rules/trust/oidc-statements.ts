/** The OIDC statements of a trust policy, with the grading of their CI provider conditions. */
import type { Statement } from '../../model/policy';
import { actionMatches } from '../statement-helpers';
import type { PolicySubject } from '../rule';
import { ciProviderOf, forAllValuesConcerns, gradeOidc, oidcConditions, oidcHostOf } from './oidc';
import type { CiProvider, OidcConcern } from './oidc';

/** One CI provider trusted by one Allow statement. */
export interface OidcTrust {
  readonly statement: Statement;
  readonly host: string;
  /** Undefined for an issuer whose subject format is not known (EKS, Auth0, ...). */
  readonly provider: CiProvider | undefined;
  readonly concerns: readonly OidcConcern[];
}

/** Every CI-provider OIDC trust of a parsed trust policy, graded. */
export function oidcTrusts(subject: PolicySubject): OidcTrust[] {
  if (!subject.parsed.ok) return [];
  const out: OidcTrust[] = [];
  for (const statement of subject.parsed.value.statements) {
    if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
    if (!actionMatches(statement, 'sts:AssumeRoleWithWebIdentity')) continue;
    for (const entry of statement.principal.entries) {
      if (entry.type !== 'Federated') continue;
      const host = oidcHostOf(entry.value);
      const provider = host === undefined ? undefined : ciProviderOf(host);
      if (host === undefined) continue;
      const conditions = oidcConditions(statement, host);
      // Of an unknown issuer only what does not depend on its subject format is graded.
      const concerns = provider === undefined ? forAllValuesConcerns(conditions) : gradeOidc(provider, conditions);
      out.push({ statement, host, provider, concerns });
    }
  }
  return out;
}

/**
 * Concerns `trust-policy/oidc-missing-sub` already reports: no subject pin at all, or a subject
 * that is only wildcards (or a GitHub subject with a wildcard owner).
 */
export function reportedAsMissingSubject(provider: CiProvider | undefined, concern: OidcConcern): boolean {
  if (concern.pattern === 'no-subject') return true;
  const v = concern.value;
  return v !== undefined && (/^[*?]*$/.test(v) || (provider === 'github' && /^repo:[*?]/.test(v)));
}
