/** Running every rule on standalone policy documents, for the policy-validity tests. */
import type { Finding, RuleId, Severity } from '../../src/analysis/finding';
import type { StandalonePolicyInput } from '../../src/analysis/input';
import type { PolicyType } from '../../src/model/policy';
import { runGuard } from '../../src/analysis/engine';
import type { ActionCatalog } from '../../src/analysis/catalog-view';
import type { ResolvedConfig } from '../../src/config/types';
import { RULES } from '../../src/rules/index';

/** Ids of every registered rule. */
export const ALL_RULES: readonly RuleId[] = RULES.map((r) => r.meta.id);

/** The policy-validity rules. */
export const VALIDITY_RULES: readonly RuleId[] = ALL_RULES.filter((id) => id.startsWith('policy-validity/'));

/** Runs `only` (default: every rule) on one standalone document of the given type. */
export function lint(
  document: unknown,
  type: PolicyType = 'identity',
  only: readonly RuleId[] = ALL_RULES,
  catalog?: ActionCatalog,
): readonly Finding[] {
  const config: ResolvedConfig = {
    severities: new Map(only.map((id): [RuleId, Severity] => [id, 'warning'])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const policy: StandalonePolicyInput = {
    policy: { id: 'policy', name: 'policy', document, location: { file: 'policy.json' } },
    type,
  };
  return runGuard({ principals: [], resources: [], policies: [policy], errors: [] }, config, {
    now: new Date('2026-11-27'),
    ...(catalog !== undefined ? { catalog } : {}),
  }).findings;
}

/** `{"Version": "2012-10-17", "Statement": [...]}`. */
export function doc(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

/** A finding as `rule-id` or, for a parser issue, `rule-id#issue-code`. */
export function label(finding: Finding): string {
  const code = finding.evidence?.['code'];
  return typeof code === 'string' ? `${finding.ruleId}#${code}` : finding.ruleId;
}
