/**
 * What popular registry modules plan (integ/tf-scan/survey30/modules, written by
 * `build-plans.js`), through the real binary with `modules.config.json` (the plan's account
 * trusted): the rule ids at each address as a reviewer judged them from AWS's rules (README.md
 * says why). `[]` marks an address that must stay clean.
 */
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../../run-tf-scan';
import type { Finding } from '../../run-tf-scan';

const DIR = 'integ/tf-scan/survey30/modules';
const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', path.join(DIR, 'modules.config.json'));

/** What `PowerUserAccess` (AWS managed) lets a role do, each a finding of its own. */
const POWER_USER = [
  'admin-access/not-action-allow',
  'credentials-exposure/unscoped-credential-action',
  'data-exfiltration/unscoped-read',
  'privilege-escalation/assume-any-role',
  'privilege-escalation/run-as-existing-role',
  'resource-exposure/policy-change',
  'wildcard-action/service-wildcard',
];

const CASES: readonly [string, string, Readonly<Record<string, readonly string[]>>][] = [
  [
    'iam-assumable-role-with-oidc: one service account, and every one of the cluster',
    'oidc-role.json',
    {
      'module.payments_role.aws_iam_role.this[0]': [],
      // The ARN of the policy created beside it, passed in `role_policy_arns`: followed, not unverifiable.
      'module.payments_role.aws_iam_role_policy_attachment.custom[0]': [],
      'aws_iam_policy.payments': [],
      'module.any_sa_role.aws_iam_role.this[0]': ['data-exfiltration/unscoped-read', 'trust-policy/oidc-broad-subject'],
      'module.any_sa_role.aws_iam_role_policy_attachment.custom["read"]': [],
    },
  ],
  [
    'iam-github-oidc-role: the main branch of one repository, and every repository of the owner',
    'github-oidc.json',
    {
      'module.deploy_main.aws_iam_role.this[0]': POWER_USER,
      'module.org_admin.aws_iam_role.this[0]': ['admin-access/full-access', 'trust-policy/oidc-broad-subject'],
    },
  ],
  [
    'iam-role-for-service-accounts-eks: the VPC CNI and EBS CSI controllers with their AWS policies',
    'irsa.json',
    { 'module.vpc_cni_irsa.aws_iam_role.this[0]': [], 'module.ebs_csi_irsa.aws_iam_role.this[0]': [] },
  ],
  [
    'lambda: its role, logs and extra policies, an API Gateway trigger and an S3 one',
    'lambda.json',
    {
      'module.ingest.aws_iam_role.lambda[0]': [],
      'module.ingest.aws_iam_policy.logs[0]': [],
      'module.ingest.aws_iam_policy.additional_json[0]': [],
      'module.ingest.aws_lambda_permission.current_version_triggers["APIGatewayAny"]': [],
      'module.ingest.aws_lambda_permission.current_version_triggers["S3Upload"]': ['resource-exposure/confused-deputy'],
    },
  ],
  [
    's3-bucket: TLS enforced, ELB log delivery, a partner reading',
    's3-bucket.json',
    {
      'module.logs_bucket.aws_s3_bucket_policy.this[0]': [
        'resource-exposure/confused-deputy',
        'trust-policy/untrusted-account',
      ],
    },
  ],
  [
    'sqs and sns: a queue of one topic, a queue of anyone, the sns module default topic policy',
    'queues-topics.json',
    {
      'module.jobs_queue.aws_sqs_queue_policy.this[0]': [],
      'module.intake_queue.aws_sqs_queue_policy.this[0]': ['resource-exposure/public-principal'],
      'module.alerts_topic.aws_sns_topic_policy.this[0]': ['resource-exposure/confused-deputy'],
    },
  ],
  [
    'eks and an IRSA role in one apply: the trust names an issuer known only after apply',
    'eks-irsa-same-apply.json',
    {
      'module.eks.aws_iam_openid_connect_provider.oidc_provider[0]': [],
      'module.lb_controller_irsa.aws_iam_role.this[0]': [
        'data-exfiltration/unscoped-read',
        'unverifiable/unresolved-policy',
        'wildcard-action/service-wildcard',
      ],
    },
  ],
  [
    'an organization: deny-only SCPs attached to an OU',
    'org-scps.json',
    {
      'module.scps.aws_organizations_policy.this["deny_leave"]': [],
      'module.scps.aws_organizations_policy.this["region_lock"]': [],
      'module.scps.aws_organizations_policy.this["deny_root"]': [],
    },
  ],
];

const found = (findings: readonly Finding[], address: string, ruleId: string): Finding | undefined =>
  findings.find((f) => f.location.address === address && f.ruleId === ruleId);

describe('survey 30: plans of popular registry modules (tf-scan)', () => {
  const reports = new Map(CASES.map(([, plan]) => [plan, reportOf(plan)]));

  it.each(CASES)('%s (%s)', (_, plan, expected) => {
    const report = reports.get(plan)!;
    expect([report.stderr, report.errors]).toEqual(['', []]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });

  it.each<[string, string, string, RegExp]>([
    [
      'oidc-role.json',
      'module.any_sa_role.aws_iam_role.this[0]',
      'trust-policy/oidc-broad-subject',
      /`system:serviceaccount:\*:\*` admits the service accounts of every namespace of the cluster/,
    ],
    [
      'github-oidc.json',
      'module.org_admin.aws_iam_role.this[0]',
      'trust-policy/oidc-broad-subject',
      /`repo:acme\/\*` admits every repository of the owner/,
    ],
    [
      'lambda.json',
      'module.ingest.aws_lambda_permission.current_version_triggers["S3Upload"]',
      'resource-exposure/confused-deputy',
      /`s3\.amazonaws\.com` for `arn:aws:s3:::acme-ingest-uploads`, an ARN that names no account, without `aws:SourceAccount`/,
    ],
    [
      's3-bucket.json',
      'module.logs_bucket.aws_s3_bucket_policy.this[0]',
      'trust-policy/untrusted-account',
      /account `777788889999`/,
    ],
    [
      'queues-topics.json',
      'module.intake_queue.aws_sqs_queue_policy.this[0]',
      'resource-exposure/public-principal',
      /`sqs:SendMessage` without a condition/,
    ],
  ])('%s: %s says why (%s)', (plan, address, ruleId, message) => {
    expect(found(reports.get(plan)!.findings, address, ruleId)?.message).toMatch(message);
  });

  it('a trust whose `<issuer>:sub` key only apply knows is not passed: it says what is unknown and where it comes from', () => {
    const message = found(
      reports.get('eks-irsa-same-apply.json')!.findings,
      'module.lb_controller_irsa.aws_iam_role.this[0]',
      'unverifiable/unresolved-policy',
    )?.message;
    expect(message).toContain('statement[0].condition[0].variable is known only after apply');
    expect(message).toContain('`oidc_providers` (from `module.eks.oidc_provider_arn`)');
  });

  it('the sns module default statement (`AWS:SourceOwner` the topic owner) is not read as public', () => {
    const findings = reports.get('queues-topics.json')!.findings;
    expect(
      found(findings, 'module.alerts_topic.aws_sns_topic_policy.this[0]', 'resource-exposure/public-principal'),
    ).toBeUndefined();
    expect(
      found(findings, 'module.alerts_topic.aws_sns_topic_policy.this[0]', 'resource-exposure/confused-deputy')?.message,
    ).toMatch(/`events\.amazonaws\.com`/);
  });
});
