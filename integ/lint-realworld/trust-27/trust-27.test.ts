/**
 * The trust policies round 27 surveyed: IAM Identity Center roles, `aws:PrincipalArn` patterns,
 * source identity and session tags, `sts:SetContext`, Cognito signed-in roles, service principals
 * with `aws:SourceAccount` / `aws:SourceArn`, service-linked roles, vendors with an external id,
 * Denies beside an Allow, `NotPrincipal`, role chains, GitLab self-managed, Spacelift, Azure DevOps,
 * Google, and GitHub reusable workflows with and without their caller. `iamgate lint` on every
 * document; `tf-scan` on a plan of three of them; `cdk-guard` on a template of two Cognito guest
 * roles using Cognito Sync. Each document is a minimal one of our own (README.md beside this file);
 * the accounts and the configuration are those of `lint-realworld/`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';
import { jsonReport, ruleIdsByAddress } from '../../tf-scan/run-tf-scan';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-27';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const S0 = '/Statement/0';
const BROAD = `trust-policy/oidc-broad-subject ${S0}`;
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const FEDERATION = `trust-policy/federation-conditions ${S0}`;

const ROWS: readonly Row[] = [
  {
    file: 'trust/identity-center-sso-role.json',
    behaviour: 'an `AWSReservedSSO_*` role trusting the Identity Center SAML provider of the account with `SAML:aud`',
    expected: [],
  },
  {
    file: 'trust/identity-center-sso-role-no-audience.json',
    behaviour: 'the same SAML provider without `SAML:aud`',
    expected: [FEDERATION],
    mentions: ['SAML:aud', 'AWSSSO_0a1b2c3d4e5f6a7b_DO_NOT_DELETE'],
  },
  {
    file: 'trust/principal-arn-every-role-of-account.json',
    behaviour:
      'the own account root with `aws:PrincipalArn` `arn:aws:iam::111122223333:role/*`: every role, named by none',
    expected: [ROOT],
    mentions: ['111122223333'],
  },
  {
    file: 'trust/principal-arn-role-path-other-account.json',
    behaviour: 'a trusted account root with `aws:PrincipalArn` on the roles under one path (`role/deploy/*`)',
    expected: [],
  },
  {
    file: 'trust/source-identity-and-session-tags.json',
    behaviour:
      'a role of a trusted account with `sts:SetSourceIdentity` (`sts:SourceIdentity` pinned) and `sts:TagSession` (`aws:RequestTag`, `aws:TagKeys`)',
    expected: [],
  },
  {
    file: 'trust/account-root-principal-tag.json',
    behaviour: 'a trusted account root narrowed by `aws:PrincipalTag/team`',
    expected: [],
  },
  {
    file: 'trust/trusted-identity-propagation-set-context.json',
    behaviour: 'a role of the account allowed `sts:AssumeRole` and `sts:SetContext` (trusted identity propagation)',
    expected: [],
  },
  {
    file: 'trust/cognito-authenticated-one-pool.json',
    behaviour: 'Cognito signed-in identities (`amr` `authenticated`) of one identity pool (`aud`)',
    expected: [],
  },
  {
    file: 'trust/lambda-source-account.json',
    behaviour: 'Lambda for the own account (`aws:SourceAccount`)',
    expected: [],
  },
  {
    file: 'trust/ecs-tasks-source-arn.json',
    behaviour: 'ECS tasks of the own account (`aws:SourceArn`, `aws:SourceAccount`)',
    expected: [],
  },
  { file: 'trust/ec2-instance-role.json', behaviour: 'an EC2 instance role', expected: [] },
  {
    file: 'trust/service-linked-role-elb.json',
    behaviour: 'the trust of a service-linked role (Elastic Load Balancing)',
    expected: [],
  },
  {
    file: 'trust/bedrock-knowledge-base-source-arn.json',
    behaviour: 'Bedrock for the knowledge bases of the own account',
    expected: [],
  },
  {
    file: 'trust/sagemaker-source-arn-stranger.json',
    behaviour: 'SageMaker for training jobs of an account nobody configured (`aws:SourceArn`)',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/datadog-external-id.json',
    behaviour: 'the Datadog account with an external id, the vendor not configured as trusted',
    expected: [UNTRUSTED],
    mentions: ['464622532012'],
    notMentions: ['every principal'],
  },
  {
    file: 'trust/snowflake-storage-integration.json',
    behaviour: 'a Snowflake storage integration user with an external id, its account not configured',
    expected: [UNTRUSTED],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/deny-outside-organization.json',
    behaviour:
      '`Principal` `*` of the organization beside a Deny of every caller but the `platform/` roles: those roles (round 27; warned of the whole organization before)',
    expected: [],
  },
  {
    file: 'trust/deny-all-but-star.json',
    behaviour:
      '`Principal` `*` beside a Deny of every caller outside the own account: the account trusted whole (round 27; no finding before)',
    expected: [ROOT],
    mentions: ['every principal of account `111122223333`'],
  },
  {
    file: 'trust/not-principal-allow.json',
    behaviour: '`NotPrincipal` with `Allow`: IAM refuses it in a role trust policy',
    expected: ['policy-validity/invalid-policy /Statement/0/NotPrincipal'],
    mentions: ['NotPrincipal'],
  },
  {
    file: 'trust/any-principal-org-id.json',
    behaviour: '`Principal` `*` of the organization and one role name (`aws:PrincipalArn`) in its accounts',
    expected: [],
  },
  {
    file: 'trust/role-chain-principal-arn.json',
    behaviour: 'a role chain: the account root of a trusted account narrowed to one role by `aws:PrincipalArn`',
    expected: [],
  },
  {
    file: 'trust/gitlab-self-managed-one-branch.json',
    behaviour: 'a self-managed GitLab (known by its subjects): one branch of one project',
    expected: [],
  },
  {
    file: 'trust/gitlab-self-managed-every-project.json',
    behaviour: 'a self-managed GitLab: every project of a group',
    expected: [BROAD],
    mentions: ['project_path:platform/*'],
  },
  {
    file: 'trust/spacelift-one-stack-write.json',
    behaviour: 'Spacelift: one stack of one space, write scope, any run type',
    expected: [],
  },
  {
    file: 'trust/spacelift-any-stack.json',
    behaviour: 'Spacelift: every space and stack of the account',
    expected: [BROAD],
    mentions: ['space:*'],
  },
  {
    file: 'trust/azure-devops-one-service-connection.json',
    behaviour: 'Azure DevOps: one service connection of one project',
    expected: [],
  },
  {
    file: 'trust/azure-devops-every-project.json',
    behaviour: 'Azure DevOps: the service connections of every project of the organization',
    expected: [BROAD],
    mentions: ['sc://acme/*'],
  },
  {
    file: 'trust/google-audience-and-subject.json',
    behaviour: 'Google: one service account by `aud` and `sub`',
    expected: [],
  },
  {
    file: 'trust/github-reusable-workflow-any-caller.json',
    behaviour:
      'GitHub: a reusable workflow at a commit, no claim naming its caller: any repository that can call it (no finding until round 33)',
    expected: [BROAD],
    mentions: ['is pinned at a commit', 'any repository that can call the workflow', "pin the caller's `repository`"],
  },
  {
    file: 'trust/github-reusable-workflow-tag.json',
    behaviour:
      'GitHub: a reusable workflow at a release tag, no claim naming its caller: any repository that can call it (a strict warning until round 33)',
    expected: [BROAD],
    mentions: ['deploy.yml@refs/tags/v1', 'any repository that can call the workflow'],
  },
  {
    file: 'trust/github-reusable-workflow-one-caller.json',
    behaviour: 'GitHub: a reusable workflow at a commit called from the production environment of one repository',
    expected: [],
  },
];

describeLintFolders('iamgate lint on trust policies: survey 27 (Identity Center, Denies, vendors, CI issuers)', {
  dir: DIR,
  config: CONFIG,
  types: ['trust'],
  rows: ROWS,
});

describe('survey 27 under the strict preset: a reusable workflow pinned alone', () => {
  test('both are `oidc-broad-subject` warnings (any caller), the one at a tag no `oidc-weak-subject` besides', () => {
    const files = ['github-reusable-workflow-any-caller.json', 'github-reusable-workflow-tag.json'];
    const args = [BIN, 'lint', ...files.map((f) => `${DIR}/trust/${f}`), '--type', 'trust'];
    const config = ['--config', 'integ/lint-realworld/trust-26/strict.config.json', '--format', 'json'];
    const result = spawnSync(process.execPath, [...args, ...config], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; severity: string; message: string; location: { file: string } }[];
    };
    expect(report.findings.map((f) => [path.basename(f.location.file), f.ruleId, f.severity])).toEqual([
      ['github-reusable-workflow-any-caller.json', 'trust-policy/oidc-broad-subject', 'warning'],
      ['github-reusable-workflow-tag.json', 'trust-policy/oidc-broad-subject', 'warning'],
    ]);
    expect(report.findings[1]?.message).toContain('deploy.yml@refs/tags/v1');
  });
});

describe('survey 27 through the adapters', () => {
  test('tf-scan on a plan of three of the roles reports what lint reports of their trust', () => {
    const report = jsonReport([`${DIR}/plan.json`], '--config', CONFIG);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, {
      'aws_iam_role.deploy_workflow': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.platform_org': [],
      'aws_iam_role.platform_account': ['trust-policy/account-root'],
    });
    expect(got).toEqual(want);
  });

  test('cdk-guard: a guest role with `cognito-sync:*` gets the reminder every guest role gets, as one syncing its own datasets does', () => {
    const bin = path.join(REPO, 'packages/cdk-guard/bin/cdk-guard.js');
    const args = [bin, `${DIR}/cognito-guest-sync.template.json`, '--config', CONFIG, '--format', 'json'];
    const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; severity: string; message: string; location: { logicalId?: string } }[];
    };
    const federation = report.findings.filter((f) => f.ruleId === 'trust-policy/federation-conditions');
    expect(federation.map((f) => [f.location.logicalId, f.severity]).sort()).toEqual([
      ['GuestRoleOwnDatasets', 'warning'],
      ['GuestRoleSyncAll', 'warning'],
    ]);
    expect(federation.map((f) => f.message).join('\n')).not.toContain('allowed to change resources');
  });

  test('every Cognito Sync action the catalog files under Write is one the Cognito Sync API reference keeps from a guest', () => {
    // From the Cognito Sync API reference: the dataset calls "can be called with temporary user
    // credentials provided by Cognito Identity" and reach the caller's own identity only; the pool
    // calls "can only be called with developer credentials"; SetDatasetConfiguration is a
    // permission of the service authorization reference with no operation among the API's 17.
    const ownDataset = [
      'DeleteDataset',
      'RegisterDevice',
      'SubscribeToDataset',
      'UnsubscribeFromDataset',
      'UpdateRecords',
    ];
    const developerOnly = ['BulkPublish', 'SetCognitoEvents', 'SetIdentityPoolConfiguration'];
    const noOperation = ['SetDatasetConfiguration'];
    const catalog = JSON.parse(readFileSync(path.join(REPO, 'packages/core/data/catalog-index.json'), 'utf8')) as {
      services: Record<string, { actions: [string, number, string][] }>;
    };
    const writes = (catalog.services['cognito-sync']?.actions ?? []).filter((a) => a[2] === 'Write').map((a) => a[0]);
    expect(writes.sort()).toEqual([...ownDataset, ...developerOnly, ...noOperation].sort());
  });
});
