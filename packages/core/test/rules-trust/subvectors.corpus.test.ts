/**
 * Grades our trust-policy verdicts against the subvectors corpus: each vector's condition becomes
 * a trust policy of its CI provider; a finding of any `trust-policy/*` rule is our "unsafe", no
 * finding our "safe", compared with the authors' grade (`caution` and `dangerous` are unsafe).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';

const DIR = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'subvectors', 'vectors');
const HOSTS: Readonly<Record<string, string>> = {
  github: 'token.actions.githubusercontent.com',
  gitlab: 'gitlab.com',
  circleci: 'oidc.circleci.com/org/2a3b4c5d-1111-2222-3333-444455556666',
  bitbucket: 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
  'terraform-cloud': 'app.terraform.io',
};
const OPERATORS: Readonly<Record<string, string>> = {
  'aws-stringequals': 'StringEquals',
  'aws-stringlike': 'StringLike',
};
// Agreement reached per provider (vectors agreeing / graded vectors); the test fails below it.
const FLOOR: Readonly<Record<string, number>> = {
  // The 3 GitHub vectors below it grade one key in isolation (aud only, environment only),
  // assuming a subject pin elsewhere; as a whole policy they trust every repository. A fourth grades
  // a reusable workflow pinned at a commit, with nothing pinning its caller, safe: we warn
  // (oidc-broad-subject), since any repository that can call the workflow gets a matching token.
  github: 23,
  gitlab: 15,
  circleci: 6,
  bitbucket: 5,
  'terraform-cloud': 5,
};

interface Condition {
  readonly consumer: string;
  readonly claim?: string;
  readonly pattern?: string | readonly string[];
  readonly of?: readonly Condition[];
}
interface Vector {
  readonly id: string;
  readonly issuer: string;
  readonly condition: Condition;
  readonly judgment?: { readonly grade: 'safe' | 'caution' | 'dangerous' };
}

const graded: Vector[] = readdirSync(DIR)
  .filter((f) => f.endsWith('-aws.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { vectors: Vector[] }).vectors)
  .filter((v) => v.judgment !== undefined && HOSTS[v.issuer] !== undefined);

function trustPolicy(vector: Vector): unknown {
  const host = HOSTS[vector.issuer] ?? '';
  const condition: Record<string, Record<string, unknown>> = {};
  for (const c of vector.condition.of ?? [vector.condition]) {
    const operator = OPERATORS[c.consumer];
    if (operator === undefined || c.pattern === undefined) throw new Error(`unsupported condition in ${vector.id}`);
    (condition[operator] ??= {})[`${host}:${c.claim ?? 'sub'}`] = c.pattern;
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  };
}

const WEAK = 'trust-policy/oidc-weak-subject:';
const TRUST_RULES = RULES.filter((r) => r.meta.id.startsWith('trust-policy/'));

function trustFindings(document: unknown): string[] {
  const config: ResolvedConfig = {
    severities: new Map(TRUST_RULES.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const input = {
    principals: [],
    resources: [],
    policies: [{ type: 'trust' as const, policy: { id: 'trust', name: 'trust', document, location: {} } }],
    errors: [],
  };
  return runGuard(input, config)
    .findings.filter((f) => f.ruleId.startsWith('trust-policy/'))
    .map((f) => `${f.ruleId}: ${f.message}`);
}

const verdicts = graded.map((v) => {
  const findings = trustFindings(trustPolicy(v));
  const unsafe = findings.length > 0;
  // Finer: residual-risk findings only (oidc-weak-subject) read as `caution`, any other as `dangerous`.
  const grade = !unsafe ? 'safe' : findings.every((f) => f.startsWith(WEAK)) ? 'caution' : 'dangerous';
  return { vector: v, findings, grade, agrees: unsafe === (v.judgment?.grade !== 'safe') };
});

describe('subvectors: agreement of trust-policy verdicts with the graded vectors', () => {
  const providers = Object.keys(HOSTS);
  const tally = providers.map((p) => {
    const mine = verdicts.filter((v) => v.vector.issuer === p);
    const exact = mine.filter((v) => v.grade === v.vector.judgment?.grade).length;
    return { provider: p, agree: mine.filter((v) => v.agrees).length, exact, total: mine.length };
  });
  console.log(
    `subvectors: ${tally.map((t) => `${t.provider} ${t.agree}/${t.total}`).join(', ')}\n` +
      `subvectors (three grades): ${tally.map((t) => `${t.provider} ${t.exact}/${t.total}`).join(', ')}\n` +
      verdicts
        .filter((v) => v.grade !== v.vector.judgment?.grade)
        .map(
          (v) =>
            `  ${v.agrees ? 'grade differs' : 'disagree'} ${v.vector.id} (${v.vector.judgment?.grade}, ours ${v.grade}): ${v.findings.join(' | ') || 'no finding'}`,
        )
        .join('\n'),
  );

  it('grades vectors of every provider', () => {
    for (const t of tally) expect(t.total).toBeGreaterThan(0);
  });

  it.each(tally.map((t) => [t.provider, t] as const))('%s agreement stays at its level', (provider, t) => {
    expect(t.agree).toBeGreaterThanOrEqual(FLOOR[provider] ?? t.total);
  });
});
