/** The configuration the escalation tests run with: every privilege-escalation rule at its default severity. */
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';

export const ESCALATION_CONFIG: ResolvedConfig = {
  severities: new Map(
    RULES.filter((r) => r.meta.id.startsWith('privilege-escalation/')).map((r): [RuleId, Severity] => [
      r.meta.id,
      r.meta.defaultSeverity,
    ]),
  ),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};
