import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { extractFiles } from '../../packages/tf-scan/src/scan';
import { valueToString } from '@iamgate/core';
import type { PolicyValue } from '@iamgate/core';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const DIR = 'integ/tf-scan/idioms';
const CONFIG = `${DIR}/idioms.config.json`;

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly address?: string };
}

/** The real binary on a plan of `idioms/` (built by `npm test`): its exit code, stdout and stderr. */
function run(plan: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, `${DIR}/${plan}`, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly config?: string;
  /** Rule ids by finding address; `[]` marks an idiom. Every address with a finding is listed. */
  readonly expected: Readonly<Record<string, readonly string[]>>;
  /**
   * What core gets wrong today (listed in idioms/README.md): an address left out of the comparison,
   * or one rule at an address. Never asserted either way.
   */
  readonly leftOut?: readonly { readonly address: string; readonly rule?: string }[];
}

const ROWS: readonly Row[] = [
  {
    behaviour:
      'GitHub Actions OIDC: a branch or environment pin is clean; repo-wide, org-wide, `*` and no `sub` are not',
    plan: 'github-oidc.json',
    expected: {
      'aws_iam_role.main_branch': [],
      'aws_iam_role_policy.main_branch_deploy': [],
      'aws_iam_role.environment': [],
      'aws_iam_role.repo': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.org_wide': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.any_subject': ['trust-policy/oidc-missing-sub'],
      'aws_iam_role.no_sub': ['trust-policy/oidc-missing-sub'],
      // the provider created in the same plan: the documents are read at apply
      'aws_iam_role.new_provider_main': [],
      'aws_iam_role.new_provider_no_sub': ['trust-policy/oidc-missing-sub'],
      // a pull_request subject with ReadOnlyAccess: PR code may read every object and parameter
      'module.gha_infra.aws_iam_role.this[0]': [
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'trust-policy/oidc-broad-subject',
      ],
    },
  },
  {
    behaviour: 'EKS IRSA: one service account (and the EBS CSI module) is clean; `aud` alone is no pin',
    plan: 'eks-irsa.json',
    expected: {
      'aws_iam_role.app': [],
      'aws_iam_role_policy.app': [],
      'aws_iam_role.namespace_wide': [],
      'module.ebs_csi_irsa.aws_iam_role.this[0]': [],
      'aws_iam_role.aud_only': ['trust-policy/oidc-missing-sub'],
      // `system:serviceaccount:*:*` admits every service account of the cluster
      'aws_iam_role.any_namespace': ['trust-policy/oidc-broad-subject'],
    },
  },
  {
    behaviour: 'terraform-aws-modules/eks: cluster and node roles with their AWS managed policies, in nested modules',
    plan: 'eks-cluster.json',
    expected: {
      'module.eks.aws_iam_role.this[0]': [],
      'module.eks.module.eks_managed_node_group["spot"].aws_iam_role.this[0]': [],
      // AmazonSSMManagedInstanceCore allows `ssm:GetParameter(s)` on `*`
      'module.eks.module.eks_managed_node_group["default"].aws_iam_role.this[0]': ['data-exfiltration/unscoped-read'],
      // its key users come through module variables: whether they are everyone cannot be told
      'module.eks.module.kms.aws_kms_key.this[0]': ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour: 'Lambda and ECS execution roles with their AWS managed policies are clean; `dynamodb:*` on `*` is not',
    plan: 'execution-roles.json',
    expected: {
      'aws_iam_role.lambda': [],
      'aws_iam_role_policy.lambda_table': [],
      'aws_iam_role.task_execution': [],
      'aws_iam_role_policy.task_execution_secrets': [],
      'aws_iam_role_policy.task_exec': [],
      'aws_iam_role_policy.cleanup': [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour:
      'bucket policies with a TLS deny and CloudFront OAC, a default KMS key policy are clean; public ones are not',
    plan: 'bucket-and-key-policies.json',
    expected: {
      'aws_s3_bucket_policy.site': [],
      'aws_s3_bucket_policy.alb_logs': [],
      'aws_kms_key.logs': [],
      'aws_s3_bucket_policy.public_assets': ['resource-exposure/public-principal'],
      'aws_kms_key.shared': ['resource-exposure/public-principal'],
      'aws_s3_bucket_policy.unguarded_logs': ['resource-exposure/confused-deputy'],
      // bucket, distribution and policy created together
      'aws_s3_bucket_policy.cdn': [],
      // any account's distribution may serve the bucket to anyone
      'aws_s3_bucket_policy.cdn_open': ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      'topic, queue and Lambda permissions guarded by source ARN or account are clean; unguarded services are not',
    plan: 'topics-queues-permissions.json',
    expected: {
      'aws_sns_topic_policy.events': [],
      'aws_sqs_queue_policy.worker': [],
      'aws_sqs_queue_policy.legacy': [],
      'aws_lambda_permission.apigw': [],
      'aws_lambda_permission.s3': [],
      'aws_lambda_permission.events': [],
      'aws_lambda_permission.other_account': [],
      'aws_sqs_queue_policy.unguarded': ['resource-exposure/confused-deputy'],
      'aws_lambda_permission.apigw_any': ['resource-exposure/confused-deputy'],
      // S3 with `source_arn` but no `source_account`: a bucket ARN names no account
      'aws_lambda_permission.s3_no_account': ['resource-exposure/confused-deputy'],
      // rule, topic and queue created together
      'aws_sns_topic_policy.alerts': [],
      'aws_sqs_queue_policy.alerts': [],
    },
  },
  {
    behaviour: 'cross-account trust, PassRole, break-glass and an admin user without configuration',
    plan: 'cross-account-and-admin.json',
    expected: {
      'aws_iam_role.partner_external_id': [],
      'aws_iam_role_policy.partner_external_id': [],
      'aws_iam_role.partner_no_external_id': ['trust-policy/account-root', 'trust-policy/cross-account-external-id'],
      'aws_iam_role.tooling': ['trust-policy/cross-account-external-id'],
      'aws_iam_role_policy.tooling': ['wildcard-resource/write-on-star'],
      // The writes on every function are the path's own actions: pass-role-to-service answers for them.
      'aws_iam_role_policy.pipeline': [
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/run-as-existing-role',
      ],
      'aws_iam_role.break_glass': ['admin-access/full-access'],
      'aws_iam_user.legacy_ci': ['admin-access/full-access', 'iam-user/direct-policy'],
      'aws_iam_access_key.legacy_ci': ['iam-user/access-key'],
    },
    // the own account's root with MFA (break glass): reported, a judgement call
    leftOut: [{ address: 'aws_iam_role.break_glass', rule: 'trust-policy/account-root' }],
  },
  {
    behaviour: 'trusted accounts and organizations of the configuration need no external id; roles need the boundary',
    plan: 'cross-account-and-admin.json',
    config: CONFIG,
    expected: {
      'aws_iam_role.partner_external_id': ['boundary/missing-required'],
      'aws_iam_role.partner_no_external_id': ['boundary/missing-required', 'trust-policy/account-root'],
      'aws_iam_role.tooling': ['boundary/missing-required'],
      'aws_iam_role_policy.tooling': ['wildcard-resource/write-on-star'],
      'aws_iam_role.pipeline': ['boundary/missing-required'],
      // The writes on every function are the path's own actions: pass-role-to-service answers for them.
      'aws_iam_role_policy.pipeline': [
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/run-as-existing-role',
      ],
      'aws_iam_role.break_glass': [
        'admin-access/full-access',
        'boundary/delegation-escape',
        'boundary/missing-required',
        'boundary/self-editable',
      ],
      'aws_iam_user.legacy_ci': [
        'admin-access/full-access',
        'boundary/delegation-escape',
        'boundary/missing-required',
        'boundary/self-editable',
        'iam-user/direct-policy',
      ],
      'aws_iam_access_key.legacy_ci': ['iam-user/access-key'],
    },
    leftOut: [{ address: 'aws_iam_role.break_glass', rule: 'trust-policy/account-root' }],
  },
  {
    behaviour: 'merged documents, a region guardrail, `${aws:username}` scoping are clean; Allow NotAction is not',
    plan: 'policy-documents.json',
    expected: {
      'aws_iam_role.etl': [],
      'aws_iam_role_policy.etl': [],
      'aws_iam_policy.home': [],
      'aws_iam_group.sftp': [],
      'aws_iam_group_policy.self_service': [],
      'aws_iam_role_policy.power': [
        'admin-access/not-action-allow',
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/assume-any-role',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour: 'a boundary on every role of a module and a delegated deployer bound to create bounded roles are clean',
    plan: 'module-boundaries.json',
    expected: {
      'module.service["billing"].aws_iam_role.this': [],
      'module.service["shipping"].aws_iam_role.scheduler': [],
      'aws_iam_role.deployer': [],
      'aws_iam_role_policy.deployer': [],
      'aws_iam_policy.boundary': [],
      'aws_iam_role.reporting': [],
    },
  },
  {
    behaviour: 'with a required boundary, only the role of the root module that lacks it is reported',
    plan: 'module-boundaries.json',
    config: CONFIG,
    expected: {
      'module.service["billing"].aws_iam_role.this': [],
      'module.service["billing"].aws_iam_role.scheduler': [],
      'module.service["shipping"].aws_iam_role.this': [],
      'module.service["shipping"].aws_iam_role.scheduler': [],
      'aws_iam_role.deployer': [],
      'aws_iam_role.reporting': ['boundary/missing-required'],
    },
  },
  {
    behaviour:
      'a role trusting a role of the plan, ECR push to one repository are clean; role-level inline PassRole is not',
    plan: 'role-shapes.json',
    expected: {
      'aws_iam_role.runner': [],
      'aws_iam_role.deploy': [],
      'aws_iam_role_policy.deploy': [],
      'aws_lambda_permission.trigger["raw"]': [],
      'aws_lambda_permission.trigger["staging"]': [],
      'aws_iam_role.legacy': [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
      ],
    },
  },
];

/** Rule ids by address for the addresses of `expected` and every address with a finding, less what is left out. */
function verdicts(findings: readonly Finding[], row: Row): Record<string, string[]> {
  const byAddress: Record<string, string[]> = {};
  for (const address of Object.keys(row.expected)) byAddress[address] = [];
  for (const f of findings) {
    const address = f.location.address ?? '(no address)';
    const left = (row.leftOut ?? []).some(
      (l) => l.address === address && (l.rule === undefined || l.rule === f.ruleId),
    );
    if (left) continue;
    const ids = (byAddress[address] ??= []);
    if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  }
  for (const ids of Object.values(byAddress)) ids.sort();
  return byAddress;
}

describe('Terraform idioms get no finding, real risks the right rule on the right address', () => {
  it.each(ROWS)('$behaviour', (row) => {
    const { status, stdout, stderr } = run(
      row.plan,
      '--format',
      'json',
      ...(row.config === undefined ? [] : ['--config', row.config]),
    );
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { findings: Finding[]; errors: unknown[]; summary: { error: number } };
    expect(report.errors).toEqual([]);
    const expected = Object.fromEntries(Object.entries(row.expected).map(([a, ids]) => [a, [...ids].sort()]));
    expect(verdicts(report.findings, row)).toEqual(expected);
    expect(status).toBe(report.summary.error > 0 ? 1 : 0);
  });
});

test('a bucket policy for CloudFront with no source is public: any distribution of any account serves the objects, fixed by the pattern of the bucket account', () => {
  const { stdout } = run('bucket-and-key-policies.json', '--format', 'json');
  const report = JSON.parse(stdout) as { findings: (Finding & { severity: string; message: string })[] };
  const open = report.findings.filter((f) => f.location.address === 'aws_s3_bucket_policy.cdn_open');
  expect(open.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['resource-exposure/public-principal error']);
  expect(open[0]?.message).toContain(
    'any CloudFront distribution, of any account, may read its objects on behalf of anyone on the internet; bind it with `ArnLike` `aws:SourceArn` `arn:aws:cloudfront::111122223333:distribution/*`',
  );
});

describe('the plan shapes behind the idioms are extracted, not skipped', () => {
  const show = (value: PolicyValue): string => valueToString(value);

  it('a deferred document merged from `source_policy_documents` and `override_policy_documents` keeps the Terraform order', async () => {
    const input = await extractFiles([path.join(ROOT, DIR, 'policy-documents.json')]);
    const etl = input.principals.find((p) => p.id === 'aws_iam_role.etl');
    const document = etl?.policies[0]?.policy?.document as { Statement: { Sid: string; Resource: unknown }[] };
    expect(document.Statement.map((s) => s.Sid)).toEqual(['ReadData', 'Region', 'Metrics']);
    // the override replaces the source statement of the same Sid (and its resources known after apply)
    expect(document.Statement[0]?.Resource).toBe('arn:aws:s3:::acme-data-shared/*');
  });

  it('a condition value read at apply names the distribution of the plan, its hole labelled as Terraform writes the path', async () => {
    const input = await extractFiles([path.join(ROOT, DIR, 'bucket-and-key-policies.json')]);
    const cdn = input.resources.find((r) => r.id === 'aws_s3_bucket_policy.cdn');
    const document = cdn?.policy.document as {
      Statement: { Condition: { StringEquals: Record<string, PolicyValue[]> } }[];
    };
    const [sourceArn] = document.Statement[0]?.Condition.StringEquals['AWS:SourceArn'] ?? [];
    expect(typeof sourceArn === 'string' ? [] : sourceArn?.parts).toEqual([
      expect.objectContaining({ id: 'aws_cloudfront_distribution.cdn.arn' }),
      expect.objectContaining({ id: 'data.aws_iam_policy_document.cdn_bucket.statement[0].condition[0].values[0]' }),
    ]);
  });

  it('attachments keyed by policy ARN (`this["arn:aws:iam::aws:policy/..."]`) in nested module instances reach their role', async () => {
    const input = await extractFiles([path.join(ROOT, DIR, 'eks-cluster.json')]);
    const held = Object.fromEntries(
      input.principals.map((p) => [
        p.id,
        p.policies.map((a) => (a.arn === undefined ? '?' : show(a.arn)).split('/').pop()),
      ]),
    );
    expect(held).toEqual({
      'module.eks.aws_iam_role.this[0]': ['AmazonEKSClusterPolicy', 'AmazonEKSVPCResourceController'],
      'module.eks.module.eks_managed_node_group["default"].aws_iam_role.this[0]': [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEC2ContainerRegistryReadOnly',
        'AmazonEKS_CNI_Policy',
        'AmazonSSMManagedInstanceCore',
      ],
      'module.eks.module.eks_managed_node_group["spot"].aws_iam_role.this[0]': [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEC2ContainerRegistryReadOnly',
        'AmazonEKS_CNI_Policy',
      ],
    });
  });

  it('a trust document read at apply names the trusted role of the plan, and every module role holds the boundary of the plan', async () => {
    const roles = await extractFiles([path.join(ROOT, DIR, 'role-shapes.json')]);
    const deploy = roles.principals.find((p) => p.id === 'aws_iam_role.deploy');
    const trust = deploy?.trustPolicy?.document as { Statement: { Principal: { AWS: PolicyValue[] } }[] };
    // its ARN is built from the name and account the plan shows
    expect(trust.Statement[0]?.Principal.AWS.map(show)).toEqual(['arn:aws:iam::111122223333:role/ci-runner']);
    const bounded = await extractFiles([path.join(ROOT, DIR, 'module-boundaries.json')]);
    expect(bounded.principals.map((p) => [p.id, p.permissionsBoundary?.policy?.id])).toEqual([
      ['module.service["billing"].aws_iam_role.this', 'aws_iam_policy.boundary'],
      ['module.service["billing"].aws_iam_role.scheduler', 'aws_iam_policy.boundary'],
      ['module.service["shipping"].aws_iam_role.this', 'aws_iam_policy.boundary'],
      ['module.service["shipping"].aws_iam_role.scheduler', 'aws_iam_policy.boundary'],
      ['aws_iam_role.deployer', 'aws_iam_policy.boundary'],
      ['aws_iam_role.reporting', undefined],
    ]);
  });
});

describe('text and markdown reports of a risky plan read as sentences', () => {
  it.each(['text', 'markdown'])('%s names every risky address and prints no placeholder', (format) => {
    const { stdout, stderr } = run('cross-account-and-admin.json', '--format', format, '--fail-on', 'never');
    expect(stderr).toBe('');
    for (const address of ['aws_iam_role.break_glass', 'aws_iam_user.legacy_ci', 'aws_iam_role.partner_no_external_id'])
      expect(stdout).toContain(address);
    expect(stdout).not.toMatch(/undefined|\[object Object\]|NaN|\$\{[^}]*\}/);
  });
});
