/**
 * trust-policy/oidc-missing-sub against the subvectors corpus (OIDC trust conditions graded by
 * their authors): no finding on conditions graded safe, and a finding once their subject pins
 * are removed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runGuard } from '../../src/analysis/engine';
import type { RuleId } from '../../src/analysis/finding';
import type { ResolvedConfig } from '../../src/config/types';

const DIR = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'subvectors', 'vectors');
const RULE: RuleId = 'trust-policy/oidc-missing-sub';
// A trust left with an owner or namespace claim only (GitHub's `repository_owner`, GitLab's
// `namespace_id`) is reported as a broad subject: every repository or project of it.
const BROAD: RuleId = 'trust-policy/oidc-broad-subject';
const PROVIDERS: Readonly<Record<string, string>> = {
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
// The claims that pin the repository or project a token comes from: without any of them, any
// identity of the provider may assume the role. GitLab's `project_id` and `project_path` pin one
// project as GitHub's `repository_id` and `repository` pin one repository (any branch of it is a
// strict-only residual risk, not a missing subject).
const PINS = new Set(['sub', 'job_workflow_ref', 'repository_id', 'repository', 'project_id', 'project_path']);

interface Condition {
  readonly consumer: string;
  readonly claim?: string;
  readonly pattern?: string | string[];
  readonly of?: readonly Condition[];
}
interface Vector {
  readonly id: string;
  readonly issuer: string;
  readonly condition: Condition;
  readonly judgment?: { readonly grade: string };
}

const vectors: Vector[] = readdirSync(DIR)
  .filter((f) => f.endsWith('-aws.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { vectors: Vector[] }).vectors);

function trustPolicy(vector: Vector, keep: (c: Condition) => boolean): unknown {
  const host = PROVIDERS[vector.issuer] ?? vector.issuer;
  const clauses = (vector.condition.of ?? [vector.condition]).filter(keep);
  const condition: Record<string, Record<string, unknown>> = {};
  for (const c of clauses) {
    const operator = OPERATORS[c.consumer];
    if (operator === undefined || c.claim === undefined || c.pattern === undefined) continue;
    (condition[operator] ??= {})[`${host}:${c.claim}`] = c.pattern;
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      },
    ],
  };
}

function oidcFindings(document: unknown, rules: readonly RuleId[] = [RULE]): number {
  const config: ResolvedConfig = {
    severities: new Map(rules.map((rule) => [rule, 'error'] as const)),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const input = {
    principals: [],
    resources: [],
    policies: [{ type: 'trust' as const, policy: { id: 'trust', name: 'trust', document, location: {} } }],
    errors: [],
  };
  return runGuard(input, config).findings.filter((f) => rules.includes(f.ruleId)).length;
}

const claimsOf = (v: Vector): string[] => (v.condition.of ?? [v.condition]).map((c) => c.claim ?? '');
const pinned = vectors.filter(
  (v) =>
    v.judgment?.grade === 'safe' && claimsOf(v).some((c) => PINS.has(c)) && Object.keys(PROVIDERS).includes(v.issuer),
);

describe('subvectors: OIDC trust conditions', () => {
  it('has pinned safe vectors to check', () => {
    expect(pinned.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pinned.map((v) => [v.id, v] as const))('%s, graded safe, is not reported', (_id, vector) => {
    expect(oidcFindings(trustPolicy(vector, () => true))).toBe(0);
  });

  it.each(pinned.map((v) => [v.id, v] as const))('%s without its subject pins is reported', (_id, vector) => {
    expect(
      oidcFindings(
        trustPolicy(vector, (c) => !PINS.has(c.claim ?? '')),
        [RULE, BROAD],
      ),
    ).toBe(1);
  });
});
