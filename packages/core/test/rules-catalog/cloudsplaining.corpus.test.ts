/**
 * Agreement with Cloudsplaining (BSD-3-Clause, ../shared/corpus/cloudsplaining): its recorded
 * per-policy results name the privilege-escalation methods, data-exfiltration actions,
 * credential-returning actions and resource-exposure actions each policy allows. Each policy is
 * run alone (Cloudsplaining judges policies one by one) through the catalog rules, and each
 * recorded item counts as matched when a finding names it:
 * - escalation: a privilege-escalation finding whose path (or a longer path it folds in,
 *   `alsoOpens`) carries the Cloudsplaining method name;
 * - exfiltration / credentials: the action in the evidence of data-exfiltration/unscoped-read /
 *   credentials-exposure/unscoped-credential-action;
 * - exposure: the action in the evidence of wildcard-resource/write-on-star.
 * A risk is reported once per statement, by the most specific rule: an action that an escalation
 * finding (or, for exposure, a credentials finding) names on its own statement counts too, and
 * every action of a service that admin-access/service-admin reports (`iam:*` on `*`).
 * The recorded results come from an older Cloudsplaining with fewer escalation methods, so
 * findings beyond them are counted (printed) but not held against the rules.
 *
 * By design the rules do not report actions that only accept `"Resource": "*"` (they cannot be
 * scoped: `ecr:GetAuthorizationToken`, `logs:PutResourcePolicy`, ...) as credential or exposure
 * findings, nor actions the AWS catalog does not know, nor (as exposure) reads the reference files
 * as permissions management: the held figure leaves those recorded items out; the raw figure is
 * printed beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/analysis/finding';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { CREDENTIAL_ACTIONS } from '../../src/rules/data/sensitive-actions';
import { expandActionPattern, getAction } from '../../src/catalog/actions';
import { CATALOG_RULES, runOnPolicy } from './helpers';
import type { RuleId } from '../../src/analysis/finding';

const CORPUS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'cloudsplaining');

type Category = 'escalation' | 'exfiltration' | 'credentials' | 'exposure';

interface Case {
  readonly name: string;
  readonly document: unknown;
  readonly expected: Readonly<Record<Category, readonly string[]>>;
}

// Some recorded fields are Python literals (`{'Effect': 'Allow'}`, `['s3:GetObject']`).
function pythonLiteral(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const json = value
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null');
  return JSON.parse(json) as unknown;
}

function names(value: unknown): string[] {
  const list = pythonLiteral(value);
  if (Array.isArray(list)) return list.map((x) => (typeof x === 'string' ? x : String((x as { type?: unknown }).type)));
  if (list !== null && typeof list === 'object' && 'findings' in list) return names(list.findings);
  return [];
}

function expectedOf(record: Record<string, unknown>): Case['expected'] {
  return {
    escalation: names(record['PrivilegeEscalation']),
    exfiltration: names(record['DataExfiltration']),
    credentials: names(record['CredentialsExposure']),
    exposure: names(record['ResourceExposure']),
  };
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  const results = JSON.parse(readFileSync(join(CORPUS, 'examples/files/iam-results-example.json'), 'utf8')) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  for (const section of ['aws_managed_policies', 'customer_managed_policies', 'inline_policies']) {
    for (const record of Object.values(results[section] ?? {})) {
      const versions = record['PolicyVersionList'] as { Document: unknown; IsDefaultVersion: boolean }[] | undefined;
      const document = versions?.find((v) => v.IsDefaultVersion)?.Document ?? pythonLiteral(record['PolicyDocument']);
      cases.push({
        name: `iam-results-example ${String(record['PolicyName'])}`,
        document,
        expected: expectedOf(record),
      });
    }
  }
  const scanning = JSON.parse(
    readFileSync(
      join(CORPUS, 'test/files/scanning/test_authorization_file_details_missing_constraints_v2.json'),
      'utf8',
    ),
  ) as Record<string, unknown>[];
  for (const record of scanning) {
    cases.push({
      name: `missing-constraints ${String(record['PolicyName'])}`,
      document: record['PolicyDocument'],
      expected: expectedOf(record),
    });
  }
  const inline = JSON.parse(
    readFileSync(join(CORPUS, 'test/files/scanning/test_inline_policy_results.json'), 'utf8'),
  ) as Record<string, unknown>;
  cases.push({
    name: `inline ${String(inline['PolicyName'])}`,
    document: inline['PolicyDocument'],
    expected: expectedOf(inline),
  });
  return cases;
}

const CREDENTIALS = new Set(CREDENTIAL_ACTIONS.map((a) => a.toLowerCase()));
// The catalog rules, and service-admin, which the others leave `iam:*` and `sts:*` on `*` to.
const RULES_RUN: readonly RuleId[] = [...CATALOG_RULES, 'admin-access/service-admin'];

// Actions of an escalation finding granted by the statement it is anchored on.
function ownStatementActions(f: Finding): string[] {
  const statement = /^\/Statement(\/\d+)?/.exec(f.location.pointer ?? '')?.[0];
  const grantedBy = f.evidence?.['grantedBy'];
  if (statement === undefined || !Array.isArray(grantedBy)) return [];
  return (grantedBy as { action?: unknown; pointer?: unknown }[])
    .filter((g) => typeof g.pointer === 'string' && (g.pointer === statement || g.pointer.startsWith(`${statement}/`)))
    .map((g) => String(g.action).toLowerCase());
}

const PATH_METHODS = new Map(ESCALATION_PATHS.map((p) => [p.id, p.cloudsplaining]));

function reported(findings: readonly Finding[]): Record<Category, Set<string>> {
  const lower = (xs: unknown): string[] => (Array.isArray(xs) ? xs.map((x) => String(x).toLowerCase()) : []);
  const sets: Record<Category, Set<string>> = {
    escalation: new Set(),
    exfiltration: new Set(),
    credentials: new Set(),
    exposure: new Set(),
  };
  for (const f of findings) {
    const evidence = f.evidence ?? {};
    if (f.category === 'privilege-escalation') {
      const ids = [evidence['path'], ...(Array.isArray(evidence['alsoOpens']) ? evidence['alsoOpens'] : [])];
      for (const id of ids) for (const m of PATH_METHODS.get(String(id)) ?? []) sets.escalation.add(m.toLowerCase());
      // The engine reports a risk once per statement: the actions an escalation finding names on
      // its own statement are not reported again as credentials or writes on `*` there.
      for (const a of ownStatementActions(f)) {
        if (CREDENTIALS.has(a)) sets.credentials.add(a);
        sets.exposure.add(a);
      }
    }
    if (f.ruleId === 'data-exfiltration/unscoped-read')
      lower(evidence['actions']).forEach((a) => sets.exfiltration.add(a));
    if (f.ruleId === 'credentials-exposure/unscoped-credential-action')
      lower(evidence['actions']).forEach((a) => {
        sets.credentials.add(a);
        sets.exposure.add(a);
      });
    // Cloudsplaining's resource exposure is the permissions-management part of writes on `*`, by
    // an older catalog in which many IAM writes were permissions management: all writes compare.
    if (f.ruleId === 'wildcard-resource/write-on-star') lower(evidence['actions']).forEach((a) => sets.exposure.add(a));
    // `iam:*`, `sts:*` on `*` is administrator access, reported once by service-admin: the
    // credential and write actions of its service are not listed again by the other rules.
    if (f.ruleId === 'admin-access/service-admin' && typeof evidence['service'] === 'string') {
      const prefix = `${evidence['service'].toLowerCase()}:`;
      for (const action of expandActionPattern(`${prefix}*`).map((a) => a.toLowerCase())) {
        if (CREDENTIALS.has(action)) sets.credentials.add(action);
        sets.exposure.add(action);
      }
    }
  }
  return sets;
}

// Levels reached when this test was written; a change that lowers one fails.
const MINIMUM: Record<Category, number> = { escalation: 1, exfiltration: 1, credentials: 1, exposure: 0.99 };

interface Tally {
  expected: number;
  matched: number;
  rawExpected: number;
  rawMatched: number;
  extra: number;
  missed: string[];
}

function tally(): Tally {
  return { expected: 0, matched: 0, rawExpected: 0, rawMatched: 0, extra: 0, missed: [] };
}

// Reads the Service Authorization Reference files as permissions management, which the catalog
// reads as reads (`secretsmanager:ValidateResourcePolicy` attaches nothing): by design no write.
function readsOnly(action: string): boolean {
  const level = getAction(action)?.accessLevel;
  return level === 'Read' || level === 'List';
}

function scopable(action: string): boolean {
  const info = getAction(action);
  return info !== undefined && !info.wildcardOnly;
}

describe('agreement with Cloudsplaining', () => {
  const cases = loadCases();
  const totals: Record<Category, Tally> = {
    escalation: tally(),
    exfiltration: tally(),
    credentials: tally(),
    exposure: tally(),
  };
  for (const c of cases) {
    const found = reported(runOnPolicy(c.document, RULES_RUN));
    for (const category of Object.keys(totals) as Category[]) {
      const expected = new Set(c.expected[category].map((x) => x.toLowerCase()));
      const total = totals[category];
      for (const item of expected) {
        const hit = found[category].has(item);
        total.rawExpected += 1;
        if (hit) total.rawMatched += 1;
        if (category !== 'escalation' && category !== 'exfiltration' && !scopable(item)) continue;
        if (category === 'exposure' && readsOnly(item)) continue;
        total.expected += 1;
        if (hit) total.matched += 1;
        else total.missed.push(`${c.name}: ${item}`);
      }
      total.extra += [...found[category]].filter((x) => !expected.has(x)).length;
    }
  }

  it('reads every recorded policy', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.keys(totals) as Category[])('%s agreement stays at its level', (category) => {
    const t = totals[category];
    const agreement = t.expected === 0 ? 1 : t.matched / t.expected;

    console.log(
      `cloudsplaining ${category}: ${t.matched}/${t.expected} recorded items on scopable actions matched (${(agreement * 100).toFixed(1)}%); raw ${t.rawMatched}/${t.rawExpected}; ${t.extra} reported beyond them` +
        (t.missed.length > 0 ? `\n  missed: ${t.missed.slice(0, 40).join('\n          ')}` : ''),
    );
    expect(t.expected).toBeGreaterThan(0);
    expect(agreement).toBeGreaterThanOrEqual(MINIMUM[category]);
  });
});
