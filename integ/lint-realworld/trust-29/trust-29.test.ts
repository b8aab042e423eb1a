/**
 * `iamgate lint --type trust` on the trust policies round 29 surveyed: IAM Roles Anywhere naming a
 * certificate but no trust anchor, a SAML provider of another account, `aws:PrincipalOrgPaths`
 * under `${aws:ResourceOrgID}`, a reusable workflow at any ref beside keys naming the caller,
 * service roles with source conditions (Scheduler, Pipes, DataSync, Transfer Family, DMS, Backup,
 * Config, Incident Manager, Bedrock), a service and an account in one statement, session tags and
 * source identity, `aws:PrincipalIsAWSService`, third parties with and without an external id,
 * Identity Center roles and `NotPrincipal`. Each document is a minimal one of our own (README.md
 * beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/core/bin/iamgate.js');
const DIR = 'integ/lint-realworld/trust-29';
const S0 = '/Statement/0';
const UNTRUSTED = `trust-policy/untrusted-account ${S0}`;
const ROOT = `trust-policy/account-root ${S0}`;
const EXTERNAL_ID = `trust-policy/cross-account-external-id ${S0}`;

const ROWS: readonly Row[] = [
  // The items the last round left.
  {
    file: 'trust/roles-anywhere-common-name-any-anchor.json',
    behaviour:
      'IAM Roles Anywhere for one certificate common name and `aws:SourceAccount`, no trust anchor: the CA of any anchor of the account can sign that name',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['aws:PrincipalTag/x509Subject/CN', 'without naming one trust anchor', 'aws:SourceArn'],
  },
  {
    file: 'trust/roles-anywhere-common-name-deny-other-anchors.json',
    behaviour:
      'IAM Roles Anywhere for one certificate common name, a Deny refusing every trust anchor but one: that anchor is named',
    expected: [],
  },
  {
    file: 'trust/saml-provider-of-another-account.json',
    behaviour:
      'a SAML provider of another account, linted alone: the role account is not known here (a role of a known account gets `providerOfAnotherAccount`)',
    expected: [],
  },
  {
    file: 'trust/org-paths-under-own-org-id.json',
    behaviour: '`Principal` `*` confined to `${aws:ResourceOrgID}/*` paths: its own organization, as a literal id is',
    expected: [ROOT],
    mentions: ['every principal of its own organization'],
  },
  {
    file: 'trust/deny-outside-own-org-id-paths.json',
    behaviour: '`Principal` `*` beside a Deny of every caller outside `${aws:ResourceOrgID}/*` paths',
    expected: [ROOT],
    mentions: ['every principal of its own organization'],
  },
  {
    file: 'trust/org-paths-unit-under-own-org-id.json',
    behaviour: '`Principal` `*` confined to a unit under `${aws:ResourceOrgID}`: that unit, named',
    expected: [ROOT],
    mentions: ['under `${aws:ResourceOrgID}/r-ab12/ou-ab12-11111111/*` of its own organization'],
  },
  {
    file: 'trust/github-workflow-any-ref-other-caller.json',
    behaviour:
      "a reusable workflow at any ref (`job_workflow_ref` key) beside `repository` naming the caller: the caller's runs, its pull requests included, choose the workflow's ref",
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['is called by `acme/api`', 'pull requests included', 'any branch, tag or commit of `acme/automation`'],
  },
  {
    file: 'trust/github-custom-subject-workflow-any-ref-other-caller.json',
    behaviour: 'the same workflow named by a custom subject, the caller by the `repository` key',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['is called by `acme/api`', 'pull requests included', 'any branch, tag or commit of `acme/automation`'],
  },
  {
    file: 'trust/github-workflow-any-ref-other-caller-main.json',
    behaviour: "the same, the caller's runs pinned to its main branch by `ref`: a ref that can move (strict)",
    expected: [],
  },
  {
    file: 'trust/github-workflow-any-ref-own-repository-key.json',
    behaviour: 'the workflow at any ref beside `repository` naming its own repository: its pull requests run',
    expected: [`trust-policy/oidc-broad-subject ${S0}`],
    mentions: ['admits any ref', '`pull_request` runs'],
  },
  // Service roles, as AWS documents their trust.
  {
    file: 'trust/scheduler-own-schedule-group.json',
    behaviour: 'EventBridge Scheduler for one schedule group of the account',
    expected: [],
  },
  {
    file: 'trust/scheduler-stranger-account.json',
    behaviour: 'EventBridge Scheduler for the schedules of an account nobody configured',
    expected: [UNTRUSTED],
    mentions: ['scheduler.amazonaws.com', '999988887777'],
  },
  { file: 'trust/pipes-one-pipe.json', behaviour: 'EventBridge Pipes for one pipe of the account', expected: [] },
  {
    file: 'trust/datasync-source-any-account.json',
    behaviour:
      'DataSync with a source ARN of any account: a service role, whose source conditions are advice, not reported (as one without any)',
    expected: [],
  },
  {
    file: 'trust/transfer-own-servers.json',
    behaviour: 'Transfer Family for the users of the account',
    expected: [],
  },
  { file: 'trust/dms-vpc-role.json', behaviour: 'the DMS VPC role, as DMS documents it', expected: [] },
  { file: 'trust/backup-service-role.json', behaviour: 'the AWS Backup service role', expected: [] },
  {
    file: 'trust/config-recorder-stranger-account.json',
    behaviour: 'AWS Config for an account nobody configured (the key written `AWS:SourceAccount`)',
    expected: [UNTRUSTED],
    mentions: ['config.amazonaws.com', '999988887777'],
  },
  {
    file: 'trust/ssm-incidents-response-plans.json',
    behaviour: 'Incident Manager for the response plans of the account in every Region',
    expected: [],
  },
  {
    file: 'trust/bedrock-model-customization.json',
    behaviour: 'Bedrock model customization jobs of the account',
    expected: [],
  },
  // Several principals, session actions, services by condition.
  {
    file: 'trust/service-and-partner-root.json',
    behaviour: 'Lambda and a partner account root in one statement: the account is trusted whole',
    expected: [ROOT],
    mentions: ['every principal of account `444455556666`'],
  },
  {
    file: 'trust/service-and-stranger-role.json',
    behaviour: 'ECS tasks and a role of an unknown account in one statement',
    expected: [UNTRUSTED, EXTERNAL_ID],
    mentions: ['999988887777'],
  },
  {
    file: 'trust/partner-role-tag-session-source-identity.json',
    behaviour: 'one partner role with `sts:TagSession` and `sts:SetSourceIdentity` beside `sts:AssumeRole`',
    expected: [],
  },
  {
    file: 'trust/any-aws-service.json',
    behaviour: '`Principal` `*` with `aws:PrincipalIsAWSService` `true`: every service, for whichever account uses it',
    expected: [`resource-exposure/public-principal ${S0}`],
    mentions: ['every AWS service', 'aws:SourceAccount'],
  },
  {
    file: 'trust/org-not-service.json',
    behaviour: '`Principal` `*` of the organization, services kept out (`aws:PrincipalIsAWSService` `false`)',
    expected: [ROOT],
    mentions: ['o-a1b2c3d4e5'],
  },
  // Third parties.
  {
    file: 'trust/datadog-external-id.json',
    behaviour: "Datadog's account with an external id: a vendor nobody listed as trusted",
    expected: [UNTRUSTED],
    mentions: ['464622532012'],
  },
  {
    file: 'trust/datadog-without-external-id.json',
    behaviour: "Datadog's account without an external id: the confused deputy AWS warns of",
    expected: [UNTRUSTED, ROOT, EXTERNAL_ID],
    mentions: ['sts:ExternalId'],
  },
  {
    file: 'trust/databricks-cross-account.json',
    behaviour: "Databricks' account with the workspace external id",
    expected: [UNTRUSTED],
    mentions: ['414351767826'],
  },
  {
    file: 'trust/snowflake-user-without-external-id.json',
    behaviour: "a Snowflake storage integration's IAM user without the external id Snowflake gives",
    expected: [UNTRUSTED, EXTERNAL_ID],
  },
  // IAM Identity Center roles and NotPrincipal.
  {
    file: 'trust/sso-permission-set-by-arn.json',
    behaviour:
      'the root of the account narrowed to the roles of one permission set (`aws-reserved/sso.amazonaws.com/*`)',
    expected: [],
  },
  {
    file: 'trust/sso-every-permission-set.json',
    behaviour:
      'the root of the account narrowed to every Identity Center role of it: every permission set, one created later included (round 30)',
    expected: [ROOT],
    mentions: ['every IAM Identity Center permission set of account `111122223333`'],
  },
  {
    file: 'trust/sso-role-wildcard-in-principal.json',
    behaviour: 'an Identity Center role pattern in `Principal`: IAM refuses a wildcard there',
    expected: ['policy-validity/invalid-policy /Statement/0/Principal/AWS'],
    mentions: ['aws:PrincipalArn'],
  },
  {
    file: 'trust/not-principal-allow-stranger.json',
    behaviour: '`NotPrincipal` in an Allow of a trust policy: IAM refuses it',
    expected: ['policy-validity/invalid-policy /Statement/0/NotPrincipal'],
  },
  {
    file: 'trust/deny-not-principal-partner-role.json',
    behaviour: '`NotPrincipal` in a Deny of a trust policy: refused all the same',
    expected: ['policy-validity/invalid-policy /Statement/1/NotPrincipal'],
  },
];

describeLintFolders('iamgate lint on trust policies: survey 29 (Roles Anywhere anchors, services, vendors)', {
  dir: DIR,
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});

describe('survey 29 under the strict preset: a reusable workflow at any ref of another caller', () => {
  test('`oidc-weak-subject` says a caller pinned to its main branch names any branch, tag or commit', () => {
    const args = [BIN, 'lint', `${DIR}/trust`, '--type', 'trust', '--config', `${DIR}/strict.config.json`];
    const result = spawnSync(process.execPath, [...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; message: string; location: { file: string } }[];
    };
    const weak = report.findings.filter((f) => f.ruleId === 'trust-policy/oidc-weak-subject');
    expect(weak.map((f) => path.basename(f.location.file))).toEqual(['github-workflow-any-ref-other-caller-main.json']);
    expect(weak[0]?.message).toContain('admits any branch, tag or commit of `acme/automation` that its caller names');
  });
});
