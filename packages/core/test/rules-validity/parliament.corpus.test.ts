/**
 * Agreement with Parliament (BSD-3-Clause, ../shared/corpus/parliament): 63 policies from its unit
 * tests, 56 with the exact set of finding ids Parliament asserts. Each policy runs alone through
 * every rule (as `iamgate lint` would: a resource policy when a statement names a principal, an
 * identity policy otherwise); an asserted Parliament id counts as matched when one of our
 * findings is among its counterparts in the table below. Findings of the policy-validity rules on
 * policies where Parliament asserts nothing are false-positive candidates; each was looked at and
 * the accepted ones are listed with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/analysis/finding';
import { ALL_RULES, label, lint } from './helpers';

const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'parliament');

/**
 * Parliament finding id -> our counterparts: a rule id, a category (`category/`), or a rule id
 * with the parser issue code it reports (`policy-validity/invalid-policy#invalid-sid`). An empty
 * list means no counterpart, with the reason in the comment.
 */
const COUNTERPARTS: Readonly<Record<string, readonly string[]>> = {
  MALFORMED_JSON: ['policy-validity/invalid-policy#invalid-json'],
  MALFORMED: ['policy-validity/invalid-policy'],
  DUPLICATE_SID: ['policy-validity/invalid-policy#duplicate-sid', 'policy-validity/policy-warning#duplicate-sid'],
  INVALID_SID: ['policy-validity/invalid-policy#invalid-sid'],
  UNKNOWN_ACTION: ['policy-validity/unknown-action'],
  UNKNOWN_PREFIX: ['policy-validity/unknown-action'],
  UNKNOWN_CONDITION_FOR_ACTION: ['policy-validity/unknown-condition-key'],
  UNKNOWN_OPERATOR: ['policy-validity/invalid-policy#unknown-condition-operator'],
  MISMATCHED_TYPE: [
    'policy-validity/condition-type-mismatch',
    'policy-validity/policy-warning#condition-value-format',
    'policy-validity/invalid-policy#unknown-condition-operator',
  ],
  MISMATCHED_TYPE_OPERATION_TO_NULL: ['policy-validity/policy-warning#condition-value-format'],
  // By design: String operators on ARN keys are correct (see condition-type-mismatch).
  MISMATCHED_TYPE_BUT_USABLE: [],
  RESOURCE_MISMATCH: ['policy-validity/resource-mismatch', 'policy-validity/star-only-action'],
  INVALID_ARN: ['policy-validity/invalid-arn', 'policy-validity/invalid-policy#invalid-type'],
  INVALID_VERSION: ['policy-validity/invalid-policy#unknown-version'],
  OLD_VERSION: ['policy-validity/policy-warning#variable-needs-version'],
  // Not reported: a missing Version is legal and only matters with policy variables (OLD_VERSION).
  NO_VERSION: [],
  NOTPRINCIPAL_WITH_ALLOW: ['policy-validity/policy-warning#not-principal-with-allow'],
  NOTRESOURCE_WITH_ALLOW: ['wildcard-resource/', 'wildcard-action/'],
  SINGLE_VALUE_CONDITION_TOO_PERMISSIVE: ['policy-validity/condition-type-mismatch'],
  // "Unnecessary Resource *": our rules report unscoped actions that can be scoped.
  RESOURCE_STAR: [
    'wildcard-resource/',
    'data-exfiltration/',
    'credentials-exposure/',
    'privilege-escalation/',
    'admin-access/',
  ],
  RESOURCE_EFFECTIVELY_STAR: ['wildcard-resource/', 'data-exfiltration/', 'credentials-exposure/'],
  RESOURCE_POLICY_PRIVILEGE_ESCALATION: ['privilege-escalation/', 'wildcard-resource/'],
  PRIVILEGE_ESCALATION: ['privilege-escalation/'],
  // A write-on-star finding is folded into a more specific one naming the same actions on the
  // same statement (one finding per risk): a credentials-exposure finding stands for it then.
  PERMISSIONS_MANAGEMENT_ACTIONS: [
    'privilege-escalation/',
    'wildcard-resource/',
    'admin-access/',
    'credentials-exposure/',
  ],
  CREDENTIALS_EXPOSURE: ['credentials-exposure/'],
  // Needs Parliament's configuration file (the sensitive resources are listed there).
  SENSITIVE_ACCESS: [],
  BAD_PATTERN_FOR_MFA: ['policy-validity/mfa-condition'],
  UNKNOWN_PRINCIPAL: ['policy-validity/invalid-policy#unknown-principal-type'],
  UNKNOWN_FEDERATION_SOURCE: [],
  EXCEPTION: [],
};

/**
 * Findings of the policy-validity rules on policies where Parliament asserts none, judged right
 * after a look at each: `<test name> <finding label>` -> why.
 */
const ACCEPTED_EXTRA: Readonly<Record<string, string>> = {
  // Parliament's vector tests how principals are read, not whether the policy type admits them;
  // IAM Access Analyzer reports an identity provider in a bucket policy (federated principal not supported).
  'test_policy_with_principal policy-validity/policy-warning#federated-principal-not-allowed':
    'a Federated principal in a resource policy',
};

interface Vector {
  readonly test: string;
  readonly policy: string;
  readonly policy_json: unknown;
  readonly expected_finding_ids: readonly string[] | null;
}

function loadVectors(): Vector[] {
  const file = join(CORPUS, 'parliament_test_vectors.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as Vector[];
}

function hasPrincipal(document: unknown): boolean {
  if (document === null || typeof document !== 'object') return false;
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return list.some((s) => s !== null && typeof s === 'object' && ('Principal' in s || 'NotPrincipal' in s));
}

function matches(finding: Finding, counterpart: string): boolean {
  if (counterpart.endsWith('/')) return finding.ruleId.startsWith(counterpart);
  return counterpart.includes('#') ? label(finding) === counterpart : finding.ruleId === counterpart;
}

const vectors = loadVectors();
const exact = vectors.filter((v) => v.expected_finding_ids !== null);

function findingsOf(vector: Vector): readonly Finding[] {
  const document = vector.policy_json ?? vector.policy;
  return lint(document, hasPrincipal(document) ? 'resource' : 'identity');
}

describe('parliament agreement', () => {
  it('reads the 63 vectors, 56 with an exact expected set', () => {
    expect(vectors).toHaveLength(63);
    expect(exact).toHaveLength(56);
  });

  it('maps every finding id of the catalog, to rules that exist', () => {
    const catalog =
      readFileSync(join(CORPUS, 'config.yaml'), 'utf8') +
      readFileSync(join(CORPUS, 'community_config_override.yaml'), 'utf8');
    const ids = [...catalog.matchAll(/^([A-Z_]+):/gm)].map((m) => m[1] as string);
    expect(ids.filter((id) => !(id in COUNTERPARTS))).toEqual([]);
    for (const counterpart of Object.values(COUNTERPARTS).flat()) {
      const rule = counterpart.split('#')[0] as string;
      expect(ALL_RULES.some((id) => (rule.endsWith('/') ? id.startsWith(rule) : id === rule))).toBe(true);
    }
  });

  const results = exact.map((vector) => ({ vector, findings: findingsOf(vector) }));

  it('matches the asserted findings', () => {
    let asserted = 0;
    let matched = 0;
    const missed: string[] = [];
    for (const { vector, findings } of results) {
      for (const id of vector.expected_finding_ids ?? []) {
        asserted++;
        if ((COUNTERPARTS[id] ?? []).some((c) => findings.some((f) => matches(f, c)))) matched++;
        else missed.push(`${vector.test}: ${id}`);
      }
    }
    console.log(`parliament: ${matched}/${asserted} asserted findings matched\nmissed:\n  ${missed.join('\n  ')}`);
    expect(matched).toBeGreaterThanOrEqual(MATCHED_AT_LEAST);
  });

  it('reports nothing unexpected of policy-validity where parliament asserts no finding', () => {
    const extra: string[] = [];
    for (const { vector, findings } of results) {
      if ((vector.expected_finding_ids ?? []).length > 0) continue;
      for (const finding of findings) {
        if (!finding.ruleId.startsWith('policy-validity/')) continue;
        const key = `${vector.test} ${label(finding)}`;
        if (!(key in ACCEPTED_EXTRA)) extra.push(`${key}: ${finding.message}`);
      }
    }
    console.log(
      `parliament: ${extra.length} unexplained policy-validity findings on clean vectors\n  ${extra.join('\n  ')}`,
    );
    expect(extra).toEqual([]);
  });
});

/** The level reached; lower means a regression. */
const MATCHED_AT_LEAST = 33;
