/**
 * Plans in the shape of widely used public Terraform modules (integ/tf-scan/modules, written by
 * hand), through the real binary (`npx tsc -b packages/tf-scan` first): `dynamic "statement"`
 * blocks the configuration leaves out, module outputs chained into another module, `count = 0`
 * module calls.
 */
import * as path from 'node:path';
import { jsonReport } from './run-tf-scan';
import type { Finding } from './run-tf-scan';

interface Reported extends Finding {
  readonly message: string;
}

function report(name: string): Reported[] {
  const result = jsonReport([path.join('integ/tf-scan/modules', name)]);
  expect(result.stderr).toBe('');
  expect(result.errors).toEqual([]);
  return result.findings as Reported[];
}

/** `ruleId pointer` by the principal (else the address) each finding is about. */
function verdicts(findings: readonly Reported[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings)
    (out[f.principal ?? f.location.address ?? '(none)'] ??= []).push(`${f.ruleId} ${f.location.pointer ?? '-'}`);
  return Object.fromEntries(Object.entries(out).map(([a, ids]) => [a, ids.sort()]));
}

describe('documents built by `dynamic "statement"` blocks, which the configuration leaves out', () => {
  it.each([
    {
      behaviour:
        'lambda `policy_statements`: a statement whose whole `resources` list is unknown keeps an unknown resource, and `iam:PassRole` on `*` beside it is reported',
      file: 'lambda-policy-statements.json',
      expected: {
        'module.orders_fn.aws_iam_role.lambda[0]': ['privilege-escalation/pass-role-wildcard /Statement/2'],
      },
    },
    {
      behaviour: 'lambda `policy_statements`: a statement whose actions are known only after apply is unverifiable',
      file: 'lambda-unknown-actions.json',
      expected: { 'module.orders_fn.aws_iam_role.lambda[0]': ['unverifiable/unresolved-policy -'] },
    },
    {
      behaviour:
        'a static statement after dynamic ones takes its expressions by its `sid`, not by position: the writer is the role of the plan, the readers unknown',
      file: 'bucket-dynamic-before-static.json',
      expected: {
        'module.reports.aws_s3_bucket_policy.this': [
          'unverifiable/unknown-value /Statement/0/Principal',
          'unverifiable/unknown-value /Statement/1/Principal',
        ],
      },
    },
    {
      behaviour:
        's3-bucket: ELB log delivery (dynamic region statement, static service statement), the TLS deny and the caller public read merged by `compact([...])`',
      file: 's3-bucket-log-delivery.json',
      expected: {
        'module.log_bucket.aws_s3_bucket_policy.this[0]': [
          // the region's ELB account and its service, both writing where the plan leaves unknown
          // (the documents' resources): whether under `AWSLogs/<account-id>/` cannot be told
          'resource-exposure/public-principal /Statement/3',
          'unverifiable/unknown-value /Statement/0/Resource',
          'unverifiable/unknown-value /Statement/1/Resource',
        ],
      },
    },
  ])('$behaviour', ({ file, expected }) => {
    expect(verdicts(report(file))).toEqual(expected);
  });

  it('a statement with an unknown resource list is no invalid policy: it has a resource, unknown', () => {
    expect(report('lambda-policy-statements.json').map((f) => f.ruleId)).not.toContain(
      'policy-validity/invalid-policy',
    );
  });

  it('the unverifiable document names the statement whose actions are unknown', () => {
    const [finding] = report('lambda-unknown-actions.json');
    expect(finding?.message).toContain('statement[0].actions is known only after apply');
  });
});

describe('module outputs chained into another module', () => {
  it('cloudposse iam-policy `json` (read after apply) passed as `policy_documents` to iam-role: its statements count', () => {
    expect(verdicts(report('cloudposse-policy-into-role.json'))).toEqual({
      // `iam:PassRole` and `ecs:RunTask` on `*`: a task run with any role (path ecs-008), which
      // answers for the statement's writes on `*`.
      'module.worker_role.aws_iam_role.default[0]': [
        'privilege-escalation/pass-role-to-service /Statement/1',
        'privilege-escalation/pass-role-wildcard /Statement/1',
      ],
    });
  });
});

describe('policies attached over `for_each` with `policy_arn = each.value` known only after apply', () => {
  it("IRSA `role_policy_arns` given one policy of the plan: the policy is the role's", () => {
    const ids = verdicts(report('irsa-roles.json'));
    expect(ids['module.ebs_csi.aws_iam_role.this[0]']).toEqual([
      'privilege-escalation/pass-role-wildcard /Statement/0',
      'unverifiable/unresolved-policy -',
    ]);
  });

  it('github-oidc-role `policies` given two policies of the plan: each attachment is unverifiable, never dropped', () => {
    const deploy = report('github-oidc-policies.json').filter(
      (f) => f.principal === 'module.deploy.aws_iam_role.this[0]' && !f.ruleId.startsWith('trust-policy/'),
    );
    expect(deploy.map((f) => [f.ruleId, f.location.address])).toEqual([
      ['unverifiable/unresolved-policy', 'module.deploy.aws_iam_role_policy_attachment.this["site"]'],
      ['unverifiable/unresolved-policy', 'module.deploy.aws_iam_role_policy_attachment.this["tasks"]'],
    ]);
  });

  it('beside a policy read at plan time (its ARN known), the one unknown ARN is the policy of the plan', () => {
    // The trust findings of this module's `ForAllValues` issuer and audience conditions are core's
    // to judge; only what the attachments give the role is asserted here.
    const release = report('github-oidc-policies.json').filter(
      (f) => f.principal === 'module.release.aws_iam_role.this[0]' && !f.ruleId.startsWith('trust-policy/'),
    );
    expect(release.map((f) => [f.ruleId, f.location.address]).sort()).toEqual([
      ['admin-access/full-access', 'module.release.aws_iam_role.this[0]'],
      ['privilege-escalation/pass-role-wildcard', 'aws_iam_policy.audit'],
      ['wildcard-resource/write-on-star', 'aws_iam_policy.audit'],
    ]);
  });

  it('`for_each = aws_iam_policy.team` with `policy_arn = each.value.arn`: each attachment holds the policy of its key', () => {
    expect(verdicts(report('attachments-over-policies.json'))).toEqual({
      'aws_iam_role.app': [
        'privilege-escalation/pass-role-to-service /Statement/0',
        'privilege-escalation/pass-role-wildcard /Statement/0',
      ],
    });
  });
});

describe('attachments over the instances of a resource or a module output, known only after apply', () => {
  it.each([
    {
      behaviour:
        '`for_each = aws_iam_role.svc` with `role = each.value.name` (names from `name_prefix`): each attachment gives its policy to the role of its key',
      file: 'attachments-over-role-instances.json',
      expected: {
        'aws_iam_role.svc["ops"]': [
          'privilege-escalation/pass-role-to-service /Statement/0',
          'privilege-escalation/pass-role-wildcard /Statement/0',
        ],
      },
    },
    {
      behaviour:
        '`for_each = module.policies.policy_arns` with `policy_arn = each.value`, and `module.policies.policy_arns[each.key]` over role instances: the module policy of that key',
      file: 'attachments-over-module-map.json',
      expected: {
        'aws_iam_role.app': [
          'privilege-escalation/pass-role-to-service /Statement/0',
          'privilege-escalation/pass-role-wildcard /Statement/0',
        ],
        'aws_iam_role.svc["ops"]': [
          'privilege-escalation/pass-role-to-service /Statement/0',
          'privilege-escalation/pass-role-wildcard /Statement/0',
        ],
      },
    },
  ])('$behaviour', ({ file, expected }) => {
    expect(verdicts(report(file))).toEqual(expected);
  });
});

describe('trust documents of module roles', () => {
  it('IRSA: the provider of the plan (condition key unknown) is unverifiable; `StringLike` `*:*` is broad; the self-assume statement (`AWS: *` + `aws:PrincipalArn`) is no exposure', () => {
    const ids = verdicts(report('irsa-roles.json'));
    expect(ids['module.any_sa.aws_iam_role.this[0]']).toEqual([
      'data-exfiltration/unscoped-read /Statement/0',
      'trust-policy/oidc-broad-subject /Statement/1',
    ]);
    const unresolved = report('irsa-roles.json').find((f) => f.ruleId === 'unverifiable/unresolved-policy');
    expect(unresolved?.message).toContain('statement[1].condition[0].variable is known only after apply');
  });
});

describe('sqs `queue_policy_statements`', () => {
  it('the SNS statement limited by `aws:SourceArn` (a topic of the plan) passes; `Principal: "*"` receiving is exposure', () => {
    expect(verdicts(report('sqs-queue-policy-statements.json'))).toEqual({
      'module.orders_queue.aws_sqs_queue_policy.this[0]': ['resource-exposure/public-principal /Statement/0'],
    });
  });
});

describe('iam-assumable-role calls', () => {
  const findings = (): Reported[] => report('assumable-roles.json');

  it('AdministratorAccess through `custom_role_policy_arns[count.index]` and a `*` trust are reported on their roles', () => {
    const ids = verdicts(findings());
    expect(ids['module.admin.aws_iam_role.this[0]']).toContain('admin-access/full-access /Statement/0');
    expect(ids['module.ci.aws_iam_role.this[0]']).toContain('resource-exposure/public-principal /Statement/0');
  });

  it('a suppression naming the declaration (`module.admin.aws_iam_role.this`, no keys) covers its instances only', () => {
    const result = jsonReport(
      ['integ/tf-scan/modules/assumable-roles.json'],
      '--config',
      'integ/tf-scan/modules/suppress-declaration.config.json',
    );
    const suppressed = (result as unknown as { suppressed: Reported[] }).suppressed;
    expect(suppressed.map((f) => `${f.principal ?? ''} ${f.ruleId}`)).toEqual([
      'module.admin.aws_iam_role.this[0] admin-access/full-access',
    ]);
    expect(verdicts(result.findings as Reported[])['module.admin.aws_iam_role.this[0]'] ?? []).not.toContain(
      'admin-access/full-access /Statement/0',
    );
    expect(verdicts(result.findings as Reported[])['module.ci.aws_iam_role.this[0]']).toContain(
      'resource-exposure/public-principal /Statement/0',
    );
  });

  it('a call with `count = 0` and one with `create_role = false` create nothing and report nothing', () => {
    const principals = new Set(findings().map((f) => f.principal));
    expect([...principals].sort()).toEqual(['module.admin.aws_iam_role.this[0]', 'module.ci.aws_iam_role.this[0]']);
  });
});
