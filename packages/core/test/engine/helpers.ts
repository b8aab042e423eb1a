/** Builders of scan inputs for engine tests. */
import type { AttachedPolicy, PolicySource, PrincipalInput, ScanInput } from '../../src/analysis/input';

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
