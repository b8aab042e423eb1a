/** Builders of scan inputs for engine tests. */
import type { AttachedPolicy, PolicySource, PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { SeverityOrOff } from '../../src/analysis/finding';
import { CATEGORIES } from '../../src/analysis/finding';
import type { GuardConfig } from '../../src/config/types';
import { getRule } from '../../src/rules/index';

export function source(id: string, document: unknown, extra: Partial<PolicySource> = {}): PolicySource {
  return { id, name: id, document, location: { file: 'plan.json', address: id }, ...extra };
}

export function role(
  id: string,
  policies: readonly PolicySource[],
  extra: Partial<PrincipalInput> = {},
): PrincipalInput {
  return {
    id,
    kind: 'role',
    name: id.split('.').pop(),
    path: '/',
    arn: undefined,
    policies: policies.map((policy): AttachedPolicy => ({ kind: 'inline', policy })),
    tags: {},
    location: { file: 'plan.json', address: id },
    ...extra,
  };
}

export function input(parts: Partial<ScanInput>): ScanInput {
  return { principals: [], resources: [], policies: [], errors: [], ...parts };
}

export const PASS_ANY_ROLE = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
export const READ_REPORTS = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
export const ALL_LAMBDA = {
  Effect: 'Allow',
  Action: 'lambda:*',
  Resource: 'arn:aws:lambda:us-east-1:111122223333:function:app',
};

export function doc(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

/** The rules these tests are about; others (added later) are turned off so tests stay exact. */
export const STARTER_RULES: readonly string[] = [
  'admin-access/full-access',
  'privilege-escalation/pass-role-wildcard',
  'wildcard-action/service-wildcard',
  'resource-exposure/public-principal',
  'boundary/missing-required',
  'unverifiable/unresolved-policy',
  'unverifiable/unknown-value',
  'unverifiable/rule-failure',
];

/** A configuration with only `ids` enabled (at their default severity), plus `extra`. */
export function only(ids: readonly string[] = STARTER_RULES, extra: GuardConfig = {}): GuardConfig {
  const rules: Record<string, SeverityOrOff> = Object.fromEntries(CATEGORIES.map((c) => [c, 'off']));
  for (const id of ids) rules[id] = getRule(id)?.meta.defaultSeverity ?? 'error';
  return { ...extra, rules: { ...rules, ...extra.rules } };
}
