/** Running the catalog rules of this folder on principals and standalone policies. */
import type { AttachedPolicy, PolicySource, PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { Finding, RuleId, Severity } from '../../src/analysis/finding';
import { runGuard } from '../../src/analysis/engine';
import type { GuardSettings, ResolvedConfig } from '../../src/config/types';
import { RULES } from '../../src/rules/index';

/** The categories whose rules this folder tests. */
const CATALOG_CATEGORIES = [
  'privilege-escalation',
  'credentials-exposure',
  'data-exfiltration',
  'wildcard-resource',
  'iam-user',
] as const;

/** The ids of the rules of those categories, except `pass-role-wildcard` (tested elsewhere). */
export const CATALOG_RULES: readonly RuleId[] = RULES.map((r) => r.meta.id).filter(
  (id) => CATALOG_CATEGORIES.some((c) => id.startsWith(`${c}/`)) && id !== 'privilege-escalation/pass-role-wildcard',
);

export function doc(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

export function source(id: string, document: unknown): PolicySource {
  return { id, name: id, document, location: { file: 'template.json', logicalId: id } };
}

export function principal(
  id: string,
  kind: 'role' | 'user',
  policies: readonly AttachedPolicy[],
  extra: Partial<PrincipalInput> = {},
): PrincipalInput {
  return {
    id,
    kind,
    name: id,
    path: '/',
    arn: `arn:aws:iam::111122223333:${kind}/${id}`,
    policies,
    tags: {},
    location: { file: 'template.json', logicalId: id },
    ...extra,
  };
}

export function inline(id: string, document: unknown): AttachedPolicy {
  return { kind: 'inline', policy: source(id, document) };
}

/** Runs the catalog rules (or `only`) on an input. */
export function runCatalog(
  input: Partial<ScanInput>,
  only: readonly RuleId[] = CATALOG_RULES,
  settings: Partial<GuardSettings> = {},
): readonly Finding[] {
  const config: ResolvedConfig = {
    severities: new Map(only.map((id): [RuleId, Severity] => [id, 'error'])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {}, ...settings },
    suppressions: [],
  };
  const scan: ScanInput = { principals: [], resources: [], policies: [], errors: [], ...input };
  return runGuard(scan, config, { now: new Date('2026-11-27') }).findings;
}

/** Runs the catalog rules on one standalone identity policy. */
export function runOnPolicy(document: unknown, only: readonly RuleId[] = CATALOG_RULES): readonly Finding[] {
  return runCatalog({ policies: [{ policy: source('policy', document), type: 'identity' }] }, only);
}
