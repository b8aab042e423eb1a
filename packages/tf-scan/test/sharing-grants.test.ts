/**
 * Access one account gives another without a policy document (S3 Access Grants, Config
 * aggregation, Security Lake subscribers, EKS access entries): read as the statement it amounts
 * to, so that a grant to an account outside `trust.accounts` is reported as one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

const TRUSTED = '444455556666';
const PARTNER = '777788889999';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-sharing-grants-'));
  writeFileSync(join(dir, 'iamgate.config.json'), JSON.stringify({ trust: { accounts: [TRUSTED] } }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `ruleId` of each finding, by the address it is at. */
async function verdicts(resources: TestResource[]): Promise<Record<string, string[]>> {
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(buildPlan(resources)));
  const io = fakeIo({ cwd: dir });
  await runScanCommand(
    TF_SCAN_COMMAND,
    ['--format', 'json', '--fail-on', 'never', '--config', join(dir, 'iamgate.config.json'), 'plan.json'],
    io,
  );
  const report = JSON.parse(io.out) as { findings: { ruleId: string; location: { address?: string } }[] };
  const out: Record<string, string[]> = {};
  for (const f of report.findings) (out[f.location.address ?? '-'] ??= []).push(f.ruleId);
  return out;
}

const grants: { behaviour: string; resource: (account: string) => TestResource }[] = [
  {
    behaviour: 'an S3 Access Grant to an IAM role of the account',
    resource: (account) => ({
      address: 'aws_s3control_access_grant.g',
      values: {
        access_grants_location_id: 'default',
        permission: 'READWRITE',
        grantee: [{ grantee_type: 'IAM', grantee_identifier: `arn:aws:iam::${account}:role/reader` }],
      },
      unknown: { access_grant_arn: true, id: true },
    }),
  },
  {
    behaviour: 'a Config aggregate authorization of the account',
    resource: (account) => ({
      address: 'aws_config_aggregate_authorization.g',
      values: { account_id: account, region: 'eu-west-1' },
      unknown: { arn: true, id: true },
    }),
  },
  {
    behaviour: 'a Security Lake subscriber of the account',
    resource: (account) => ({
      address: 'aws_securitylake_subscriber.g',
      values: { access_type: 'S3', subscriber_identity: [{ external_id: 'x', principal: account }] },
      unknown: { arn: true, id: true },
    }),
  },
  {
    behaviour: 'an EKS access entry with Kubernetes groups for a role of the account',
    resource: (account) => ({
      address: 'aws_eks_access_entry.g',
      values: {
        cluster_name: 'prod',
        principal_arn: `arn:aws:iam::${account}:role/ops`,
        kubernetes_groups: ['viewers'],
      },
      unknown: { access_entry_arn: true, id: true },
    }),
  },
  {
    behaviour: 'the EKS cluster admin access policy associated with a role of the account',
    resource: (account) => ({
      address: 'aws_eks_access_policy_association.g',
      values: {
        cluster_name: 'prod',
        principal_arn: `arn:aws:iam::${account}:role/ops`,
        policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        access_scope: [{ type: 'cluster', namespaces: [] }],
      },
      unknown: { id: true },
    }),
  },
];

describe('grants without a policy document', () => {
  it.each(grants)('$behaviour outside trust.accounts is an untrusted account', async ({ resource }) => {
    const given = resource(PARTNER);
    expect(await verdicts([given])).toEqual({ [given.address]: ['trust-policy/untrusted-account'] });
  });

  it.each(grants)('$behaviour in trust.accounts is no finding', async ({ resource }) => {
    expect(await verdicts([resource(TRUSTED)])).toEqual({});
  });

  it.each([
    {
      behaviour: 'an S3 Access Grant to a directory user (identity center, not an account)',
      resource: {
        address: 'aws_s3control_access_grant.d',
        values: { permission: 'READ', grantee: [{ grantee_type: 'DIRECTORY_USER', grantee_identifier: PARTNER }] },
        unknown: { access_grant_arn: true },
      },
    },
    {
      behaviour: 'an EKS access entry without Kubernetes groups or access policy (it grants nothing alone)',
      resource: {
        address: 'aws_eks_access_entry.bare',
        values: { cluster_name: 'prod', principal_arn: `arn:aws:iam::${PARTNER}:role/ops`, kubernetes_groups: [] },
        unknown: { access_entry_arn: true },
      },
    },
  ])('$behaviour is no access', async ({ resource }) => {
    expect(await verdicts([resource])).toEqual({});
  });
});
