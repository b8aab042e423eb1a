/**
 * Accounts behind service principals and the stack's own account, end to end:
 * - `iamgate lint --type resource` on the bucket, key and queue policies AWS documents for the
 *   services that deliver to them (AWS Config, CloudTrail, VPC flow logs, Elastic Load Balancing,
 *   S3 server access logs, Cost and Usage Reports, Data Exports, GuardDuty, Inspector, Macie), each
 *   with its source condition (clean) and without (confused-deputy, unless the delivery path binds
 *   the account as AWS documents), and the same grants for the resources of an untrusted account
 *   or organization (untrusted-account);
 * - `iamgate lint --type trust` on `Principal` `*` confined by `aws:PrincipalAccount` to the stack's
 *   account beside the root ARN of that account;
 * - `cdk-guard` on a cloud assembly whose stacks render the stack's account as CDK does.
 * Each document is a minimal one of our own (see README.md beside this file).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const CD = 'resource-exposure/confused-deputy';
const UA = 'trust-policy/untrusted-account';
const at = (rule: string, ...statements: number[]): string[] => statements.map((s) => `${rule} /Statement/${s}`);

const ROWS: readonly Row[] = [
  // AWS Config delivery channel
  {
    file: 'resource/config-delivery.json',
    behaviour:
      'AWS Config: bucket checks and delivery under `AWSLogs/<account>/Config/`, each with `AWS:SourceAccount`',
    expected: [],
  },
  {
    file: 'resource/config-delivery-without-source.json',
    behaviour: 'AWS Config without `aws:SourceAccount`: nothing documents that Config refuses another account the path',
    expected: at(CD, 0, 1, 2),
    mentions: ['config.amazonaws.com', 'AWSLogs/111122223333/Config/*'],
  },
  {
    file: 'resource/config-delivery-for-unknown-account.json',
    behaviour: 'AWS Config delivering for an account not among the trusted ones',
    expected: at(UA, 0, 1, 2),
    mentions: ['lets `config.amazonaws.com` use it for the resources of account `999988887777`'],
  },
  // CloudTrail
  { file: 'resource/cloudtrail.json', behaviour: 'CloudTrail with `aws:SourceArn` naming the trail', expected: [] },
  {
    file: 'resource/cloudtrail-without-source.json',
    behaviour: 'CloudTrail without `aws:SourceArn`: the ACL check, and the write whose path does not bind it',
    expected: at(CD, 0, 1),
    mentions: ['cloudtrail.amazonaws.com', 'the account in the path does not bind it'],
  },
  {
    file: 'resource/cloudtrail-for-trail-of-unknown-account.json',
    behaviour: 'CloudTrail for the trail of an account not among the trusted ones',
    expected: at(UA, 0, 1),
    mentions: ['`cloudtrail.amazonaws.com`', 'account `999988887777`'],
  },
  // VPC flow logs and the other vended logs
  {
    file: 'resource/vpc-flow-logs.json',
    behaviour: 'VPC flow logs (`delivery.logs`) with `aws:SourceAccount` and `aws:SourceArn`',
    expected: [],
  },
  {
    file: 'resource/vpc-flow-logs-without-source.json',
    behaviour: 'VPC flow logs without source condition: `AWSLogs/<account>/` binds the delivery, as AWS documents',
    expected: [],
  },
  {
    file: 'resource/vpc-flow-logs-any-account-without-source.json',
    behaviour: 'VPC flow logs without source condition under `AWSLogs/*`: any account',
    expected: at(CD, 0, 1),
  },
  // Elastic Load Balancing access logs
  {
    file: 'resource/elb-account-of-region.json',
    behaviour: 'ELB access logs through the Elastic Load Balancing account of the Region',
    expected: [],
  },
  {
    file: 'resource/elb-log-delivery-service.json',
    behaviour: 'ELB access logs through `logdelivery.elasticloadbalancing` under `AWSLogs/<account>/`',
    expected: [],
  },
  {
    file: 'resource/elb-log-delivery-service-whole-bucket.json',
    behaviour: 'ELB log delivery on the whole bucket: the path no longer binds it',
    expected: at(CD, 0),
  },
  // S3 server access logging
  {
    file: 'resource/s3-server-access-logs.json',
    behaviour: 'S3 server access logs with the source bucket and account',
    expected: [],
  },
  {
    file: 'resource/s3-server-access-logs-bucket-arn-only.json',
    behaviour: 'S3 server access logs with the source bucket only: its ARN names no account',
    expected: at(CD, 0),
    mentions: ['an ARN that names no account'],
  },
  {
    file: 'resource/s3-server-access-logs-without-source.json',
    behaviour: 'S3 server access logs without source condition',
    expected: at(CD, 0),
  },
  // Billing
  {
    file: 'resource/cost-and-usage-report.json',
    behaviour:
      'Cost and Usage Reports as documented: bound by `aws:SourceAccount`; its `StringEquals` on `definition/*` is the source ARN the service presents, no literal-wildcard warning',
    expected: [],
  },
  {
    file: 'resource/cost-and-usage-report-without-source.json',
    behaviour: 'Cost and Usage Reports without source condition',
    expected: at(CD, 0, 1),
    mentions: ['billingreports.amazonaws.com'],
  },
  {
    file: 'resource/data-exports.json',
    behaviour: 'Data Exports (`bcm-data-exports` and `billingreports`) with `StringLike` source conditions',
    expected: [],
  },
  {
    file: 'resource/data-exports-without-source.json',
    behaviour: 'Data Exports without source condition: both services reported',
    expected: at(CD, 0),
    mentions: ['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com'],
  },
  // Security services exporting findings
  {
    file: 'resource/guardduty-findings-export.json',
    behaviour: 'GuardDuty findings export with the detector and account',
    expected: [],
  },
  {
    file: 'resource/guardduty-findings-export-without-source.json',
    behaviour: 'GuardDuty findings export without source condition (its deny statements stay harmless)',
    expected: at(CD, 0, 1),
  },
  { file: 'resource/guardduty-findings-key.json', behaviour: 'the key GuardDuty encrypts findings with', expected: [] },
  {
    file: 'resource/guardduty-findings-key-without-source.json',
    behaviour: 'the key GuardDuty encrypts findings with, without source condition',
    expected: at(CD, 0),
    mentions: ['to use the key'],
  },
  {
    file: 'resource/inspector-findings-report.json',
    behaviour: 'Inspector findings reports with the report ARN pattern and account',
    expected: [],
  },
  {
    file: 'resource/inspector-findings-report-without-source.json',
    behaviour: 'Inspector findings reports without source condition',
    expected: at(CD, 0),
  },
  {
    file: 'resource/macie-discovery-results.json',
    behaviour: 'Macie discovery results with the export configuration and jobs of the account',
    expected: [],
  },
  {
    file: 'resource/macie-discovery-results-without-source.json',
    behaviour: 'Macie discovery results without source condition',
    expected: at(CD, 1, 2),
  },
  // organizations behind a service
  {
    file: 'resource/queue-for-topics-of-other-organization.json',
    behaviour: 'SNS sending to a queue for the topics of an organization not among the trusted ones',
    expected: at(UA, 0),
    mentions: ['organization `o-zz99yy88xx`'],
  },
  {
    file: 'resource/queue-for-topics-of-own-organization.json',
    behaviour: 'SNS sending to a queue for the topics of the trusted organization',
    expected: [],
  },
  // the stack's account, as a document written for CloudFormation names it
  {
    file: 'trust/any-principal-of-stack-account.json',
    behaviour: '`Principal` `*` confined to `${AWS::AccountId}`: the whole account, as its root ARN is',
    expected: [
      'policy-validity/policy-variable /Statement/0/Condition/StringEquals/aws:PrincipalAccount',
      'trust-policy/account-root /Statement/0',
    ],
    mentions: ['every principal of account `${AWS::AccountId}`'],
  },
  {
    file: 'trust/root-of-stack-account.json',
    behaviour: 'the root ARN of `${AWS::AccountId}`',
    expected: ['policy-validity/policy-variable /Statement/0/Principal', 'trust-policy/account-root /Statement/0'],
    mentions: ['every principal of account `${AWS::AccountId}`'],
  },
  {
    file: 'trust/any-principal-of-resource-account.json',
    behaviour: '`Principal` `*` confined to `${aws:ResourceAccount}` (the role`s own account): the whole account',
    expected: ['trust-policy/account-root /Statement/0'],
  },
];

describeLintFolders('iamgate lint on services acting for accounts and on the stack`s account', {
  dir: 'integ/lint-realworld/trust-3',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['resource', 'trust'],
  rows: ROWS,
});

describe('cdk-guard on a cloud assembly rendering the stack`s account as CDK does', () => {
  const ROOT = path.join(__dirname, '../../..');
  const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
  interface Finding {
    readonly ruleId: string;
    readonly message: string;
    readonly location: { readonly stack?: string; readonly logicalId?: string };
  }
  let status: number | null;
  let stderr: string;
  let findings: readonly Finding[] = [];
  beforeAll(() => {
    const result = spawnSync(
      process.execPath,
      [
        BIN,
        'integ/lint-realworld/trust-3/cdk.out',
        '--config',
        'integ/lint-realworld/trust-3/cdk.config.json',
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    status = result.status;
    stderr = result.stderr;
    findings = (JSON.parse(result.stdout || '{}') as { findings?: Finding[] }).findings ?? [];
  });
  const of = (stack: string, logicalId: string): string[] =>
    findings
      .filter((f) => f.location.stack === stack && f.location.logicalId === logicalId)
      .map((f) => f.ruleId)
      .sort();

  test('the assembly is read without input error (the untrusted accounts fail the run)', () => {
    expect({ status, stderr }).toEqual({ status: 1, stderr: '' });
  });

  test.each([
    [
      '`Principal` `*` confined to `Ref: AWS::AccountId`',
      'Shared',
      'SharedRole5A1B2C3D',
      ['trust-policy/account-root'],
    ],
    ['the root of `Ref: AWS::AccountId`', 'Shared', 'OpsRoleB5E6A1C2', ['trust-policy/account-root']],
    [
      '`Principal` `*` confined to `Ref: AWS::AccountId` with an external id (the own account: no vendor pass)',
      'Shared',
      'VendorSharedRole9A8B7C6D',
      ['trust-policy/account-root'],
    ],
    [
      'the root of `Ref: AWS::AccountId` with an external id (the own account: no vendor pass)',
      'Shared',
      'VendorRootRole1F2E3D4C',
      ['trust-policy/account-root'],
    ],
    [
      '`Principal` `*` confined to an unknown account',
      'Shared',
      'PartnerSharedRole4D5E6F70',
      ['trust-policy/account-root', 'trust-policy/cross-account-external-id', UA],
    ],
    [
      'SNS for a topic of the stack and `aws:SourceAccount` `Ref: AWS::AccountId`',
      'Shared',
      'JobsQueuePolicyC1D2E3F4',
      [],
    ],
    ['SNS for the topics of an unknown account', 'Shared', 'PartnerQueuePolicy5B6C7D8E', [UA]],
    ['AWS Config for `Ref: AWS::AccountId`', 'Shared', 'ConfigBucketPolicy4E5F6A7B', []],
    [
      'S3 access logs for an account written out, the stack`s account unknown to the scan',
      'Shared',
      'AccessLogsPolicy',
      [UA],
    ],
    ['S3 access logs for the account of the stack`s environment', 'Pinned', 'AccessLogsPolicy', []],
    ['S3 access logs for another account, beside the stack`s environment', 'Pinned', 'PartnerLogsPolicy', [UA]],
    [
      '`Principal` `*` confined to the account of the stack`s environment',
      'Pinned',
      'SharedRole5A1B2C3D',
      ['trust-policy/account-root'],
    ],
  ])('%s (%s/%s)', (_name, stack, logicalId, expected) => {
    expect(of(stack, logicalId)).toEqual(expected);
  });

  test('the stack`s account is named in the message as the root ARN form names it', () => {
    const messages = findings
      .filter((f) => f.location.stack === 'Shared' && f.ruleId === 'trust-policy/account-root')
      .map((f) => f.message.replace(/`Shared\/\w+`/, '`R`'));
    expect(messages).toContain(
      'role `R` trusts every principal of account `${the account of the stack}` that is allowed to assume it',
    );
    expect(new Set(messages.filter((m) => m.includes('the account of the stack'))).size).toBe(1);
  });
});
