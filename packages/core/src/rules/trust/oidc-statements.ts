/** The OIDC statements of a trust policy, with the grading of their CI provider conditions. */
import type { Statement } from '../../model/policy';
import { isSymbolic } from '../../model/symbolic';
import { actionMatches } from '../statement-helpers';
import type { PolicySubject } from '../rule';
import {
  ciProviderBySubject,
  ciProviderOf,
  forAllValuesConcerns,
  githubAnyOwner,
  githubRepositoryByKey,
  gradeOidc,
  oidcConditions,
  oidcHostOf,
} from './oidc';
import type { CiProvider, OidcConcern } from './oidc';

/** One CI provider trusted by one Allow statement. */
export interface OidcTrust {
  readonly statement: Statement;
  readonly host: string;
  /** Undefined for an issuer whose subject format is not known (EKS, Auth0, ...). */
  readonly provider: CiProvider | undefined;
  readonly concerns: readonly OidcConcern[];
  /** `sub` values wholly known only after deploy, rendered with their provenance. */
  readonly unknownSubjects: readonly string[];
}

// The issuer every repository on GitHub.com shares (an enterprise's own issuer has a path after it).
const GITHUB = 'token.actions.githubusercontent.com';

/** Every CI-provider OIDC trust of a parsed trust policy, graded. */
export function oidcTrusts(subject: PolicySubject): OidcTrust[] {
  if (!subject.parsed.ok) return [];
  const out: OidcTrust[] = [];
  for (const statement of subject.parsed.value.statements) {
    if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
    if (!actionMatches(statement, 'sts:AssumeRoleWithWebIdentity')) continue;
    for (const entry of statement.principal.entries) {
      if (entry.type !== 'Federated') continue;
      const host = oidcHostOf(entry.value) ?? (isSymbolic(entry.value) ? hostOfConditionKeys(statement) : undefined);
      if (host === undefined) continue;
      const conditions = oidcConditions(statement, host);
      // A self-hosted issuer is known by the format of the subjects its tokens carry.
      const provider = ciProviderOf(host) ?? ciProviderBySubject(conditions);
      // Of an unknown issuer only what does not depend on its subject format is graded.
      const concerns = provider === undefined ? forAllValuesConcerns(conditions) : gradeOidc(provider, conditions);
      out.push({ statement, host, provider, concerns, unknownSubjects: conditions.unknown.get('sub') ?? [] });
    }
  }
  return out;
}

/**
 * The CI issuer a statement's condition keys name (`token.actions.githubusercontent.com:sub`),
 * for a provider ARN known only after deploy: a token of another issuer carries none of those
 * keys, so the statement can only ever admit that issuer's tokens.
 */
function hostOfConditionKeys(statement: Statement): string | undefined {
  const hosts = new Set<string>();
  for (const clause of statement.conditions) {
    const at = clause.key.lastIndexOf(':');
    const host = at > 0 ? clause.key.slice(0, at).toLowerCase() : '';
    if (ciProviderOf(host) !== undefined) hosts.add(host);
  }
  return hosts.size === 1 ? [...hosts][0] : undefined;
}

/**
 * Concerns `trust-policy/oidc-missing-sub` already reports: no subject pin at all, or a subject
 * that is only wildcards (or a subject with a wildcard owner on GitHub's shared issuer).
 */
export function reportedAsMissingSubject(trust: OidcTrust, concern: OidcConcern): boolean {
  if (concern.pattern === 'no-subject') return true;
  const v = concern.value;
  if (v === undefined) return false;
  if (/^[*?]*$/.test(v)) return true;
  // Unless a key of its own pins the repository (then oidc-missing-sub leaves the subject to the grading).
  return (
    trust.host.toLowerCase() === GITHUB &&
    githubAnyOwner(v) &&
    !githubRepositoryByKey(oidcConditions(trust.statement, trust.host))
  );
}
