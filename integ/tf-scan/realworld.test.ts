/**
 * Shapes of public `terraform show -json` plans and modules (integ/tf-scan/realworld, written by
 * hand), through the real binary (`npx tsc -b packages/tf-scan` first): what each address is
 * reported for, and why a policy the plan leaves unknown is not checked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonReport, runTfScan } from './run-tf-scan';
import type { Finding, Report } from './run-tf-scan';

const plan = (name: string): string => path.join('integ/tf-scan/realworld', name);

interface Reported extends Finding {
  readonly message: string;
}

function report(name: string): Reported[] {
  const result = jsonReport([plan(name)]);
  expect(result.stderr).toBe('');
  expect(result.errors).toEqual([]);
  return result.findings as Reported[];
}

/** Rule ids by address (the principal's when the finding names one). */
function verdicts(findings: readonly Finding[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const f of findings) (out[f.principal ?? f.location.address ?? '(none)'] ??= new Set()).add(f.ruleId);
  return Object.fromEntries(Object.entries(out).map(([a, ids]) => [a, [...ids].sort()]));
}

describe('a policy built from several documents keeps every document it names', () => {
  it.each([
    {
      behaviour: '`source_policy_documents` with a variable beside a document read after apply: its statements count',
      file: 'source-documents-beside-data.json',
      expected: {
        'aws_iam_role.app': ['admin-access/full-access'],
        'aws_iam_role.other': ['unverifiable/unresolved-policy'],
      },
    },
    {
      behaviour:
        "a bucket module's own deny document and the caller's policy (`var.policy`): the caller's public read counts",
      file: 'module-bucket-policy-from-caller.json',
      expected: { 'module.assets.aws_s3_bucket_policy.this': ['resource-exposure/public-principal'] },
    },
  ])('$behaviour', ({ file, expected }) => {
    expect(verdicts(report(file))).toEqual(expected);
  });

  it('the same bucket module called without a policy: its own deny document is no finding and nothing is unverifiable', () => {
    expect(report('module-bucket-policy-default.json')).toEqual([]);
  });

  it('a variable that only selects a document (`var.attach ? data.d.json : null`) adds nothing and hides nothing', () => {
    const findings = report('source-documents-beside-data.json');
    expect(findings.filter((f) => f.principal === 'aws_iam_role.reader')).toEqual([]);
  });

  it('a local the plan does not show is named as what the document may take statements from', () => {
    const [unresolved] = report('source-documents-beside-data.json').filter(
      (f) => f.ruleId === 'unverifiable/unresolved-policy',
    );
    expect(unresolved?.message).toContain('may take statements from `local.extra_policy`');
  });
});

describe('`data.aws_iam_policy` read after apply, found by its name', () => {
  const findings = (): Reported[] => report('deferred-policy-by-name.json');

  it('the name of an AWS managed policy stands for that policy', () => {
    const admin = findings().filter((f) => f.ruleId === 'admin-access/full-access');
    expect(admin.map((f) => f.principal)).toEqual(['aws_iam_role.deployer']);
    expect(admin[0]?.message).toContain('AWS managed policy `AdministratorAccess`');
  });

  it('another name is a policy of the account, still unverifiable', () => {
    const unresolved = findings().filter((f) => f.ruleId === 'unverifiable/unresolved-policy');
    expect(unresolved.map((f) => f.location.address)).toEqual(['aws_iam_role_policy_attachment.team']);
    expect(unresolved[0]?.message).toContain(':policy/team-deploy');
  });
});

it('an unknown policy is said to come from the resource of the module that holds it, not a bare `aws_s3_bucket.this`', () => {
  const [unresolved] = report('module-policy-from-other-module.json');
  expect(unresolved?.ruleId).toBe('unverifiable/unresolved-policy');
  expect(unresolved?.message).toContain('is computed from `module.uploads.aws_s3_bucket.this.arn`');
});

describe('a plan Terraform could not finish is never passed as complete', () => {
  it('each IAM-bearing change Terraform deferred to a later plan is unverifiable, with why; the rest is checked', () => {
    const findings = report('deferred-changes.json');
    expect(verdicts(findings)).toEqual({
      'aws_iam_role_policy.per_table[*]': ['unverifiable/unresolved-policy'],
      'aws_s3_bucket_policy.logs': ['unverifiable/unresolved-policy'],
    });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'deferred it to a later plan because its `count` or `for_each` is known only after apply',
      ),
      expect.stringContaining('deferred it to a later plan because something it depends on is deferred'),
    ]);
  });

  it('a deferred bucket that sets no policy is not reported', () => {
    expect(report('deferred-changes.json').some((f) => f.location.address === 'aws_s3_bucket.logs')).toBe(false);
  });

  it('an errored plan is an input error (exit 2) that names the file and `/errored`, and what it holds is still checked', () => {
    const result = runTfScan([plan('errored-plan.json'), '--format', 'json']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `${plan('errored-plan.json')}: /errored: the plan is errored: Terraform stopped planning at an error, so changes may be missing; fix the error and plan again`,
    );
    const report = JSON.parse(result.stdout) as Report;
    expect(report.errors).toEqual([
      {
        file: plan('errored-plan.json'),
        pointer: '/errored',
        message: expect.stringContaining('the plan is errored: Terraform stopped planning at an error'),
      },
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['privilege-escalation/pass-role-wildcard']);
  });
});

describe('credentials and principals the plan does not create', () => {
  it('service-specific credentials (CodeCommit, Bedrock) are long-term credentials, each reported with its service', () => {
    const findings = report('service-credentials.json').filter((f) => f.principal === 'aws_iam_user.mirror');
    expect(findings.map((f) => [f.ruleId, f.location.address])).toEqual([
      ['iam-user/access-key', 'aws_iam_service_specific_credential.bedrock'],
      ['iam-user/access-key', 'aws_iam_service_specific_credential.git'],
    ]);
    expect(findings[0]?.message).toContain('a long-term credential for `bedrock.amazonaws.com`');
  });

  it('an access key the plan creates for a user it does not hold (one that exists) is reported, not dropped', () => {
    const findings = report('service-credentials.json').filter((f) => f.principal === 'legacy-ci');
    expect(findings.map((f) => [f.ruleId, f.location.address])).toEqual([
      ['iam-user/access-key', 'aws_iam_access_key.legacy'],
    ]);
  });

  it('a required boundary is asked of the users the plan creates, not of one that exists outside it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-boundary-'));
    try {
      const config = path.join(dir, 'iamgate.config.json');
      writeFileSync(config, JSON.stringify({ boundary: { required: true } }));
      const findings = jsonReport([plan('service-credentials.json')], '--config', config).findings;
      expect(findings.filter((f) => f.ruleId === 'boundary/missing-required').map((f) => f.principal)).toEqual([
        'aws_iam_user.mirror',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('EventBridge permissions (`aws_cloudwatch_event_permission`) are the statements they add to the bus policy', () => {
  it('`principal = "*"` without a condition lets every AWS account put events on the bus; an organization condition does not', () => {
    expect(verdicts(report('event-bus-permissions.json'))).toEqual({
      'aws_cloudwatch_event_permission.any_account': ['resource-exposure/public-principal'],
    });
  });

  it('the statement is on the bus it names (the account default when it names none), as the account and region make it', () => {
    const [finding] = report('event-bus-permissions.json');
    expect(finding?.message).toContain('to call `events:PutEvents`');
    const result = runTfScan([plan('event-bus-permissions.json'), '--fail-on', 'never']);
    expect(result.stdout).toContain('"Resource": "arn:aws:events:eu-west-1:111122223333:event-bus/default"');
  });

  it('an account the configuration does not trust is reported on the permission that grants it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-events-'));
    try {
      const config = path.join(dir, 'iamgate.config.json');
      writeFileSync(
        config,
        JSON.stringify({ trust: { accounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] } }),
      );
      expect(verdicts(jsonReport([plan('event-bus-permissions.json')], '--config', config).findings)).toEqual({
        'aws_cloudwatch_event_permission.any_account': ['resource-exposure/public-principal'],
        'aws_cloudwatch_event_permission.partner': ['trust-policy/untrusted-account'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resource policies of SES v2, CloudWatch OAM and Logs delivery, Redshift', () => {
  it('each is read as a resource policy: `Principal: "*"` without a condition on who is public, an organization or one account is not', () => {
    expect(verdicts(report('service-resource-policies.json'))).toEqual({
      'aws_oam_sink_policy.central': ['resource-exposure/public-principal'],
      'aws_redshift_resource_policy.integration': ['resource-exposure/public-principal'],
      'aws_sesv2_email_identity_policy.send': ['resource-exposure/public-principal'],
    });
  });

  it('a grant to an account the configuration does not trust is reported on the delivery destination policy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-policies-'));
    try {
      const config = path.join(dir, 'iamgate.config.json');
      writeFileSync(config, JSON.stringify({ trust: { accounts: ['111122223333'] } }));
      const findings = jsonReport([plan('service-resource-policies.json')], '--config', config).findings;
      expect(
        findings.filter((f) => f.ruleId === 'trust-policy/untrusted-account').map((f) => f.location.address),
      ).toEqual(['aws_cloudwatch_log_delivery_destination_policy.logs']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('S3 Block Public Access of the plan (`aws_s3_bucket_public_access_block`)', () => {
  it('`restrict_public_buckets = true` blocks what the bucket policy grants everyone; `false` does not', () => {
    expect(verdicts(report('bucket-public-access-block.json'))).toEqual({
      'aws_s3_bucket_policy.downloads': ['resource-exposure/public-principal'],
    });
  });

  it("the account's block (`aws_s3_account_public_access_block`) restricts its buckets and access points, not those of another provider configuration", () => {
    expect(verdicts(report('account-public-access-block.json'))).toEqual({
      'aws_s3_bucket_policy.replica': ['resource-exposure/public-principal'],
    });
  });

  it("the account's block with `restrict_public_buckets = false` restricts nothing; an access point left with S3's defaults restricts itself", () => {
    expect(verdicts(report('account-public-access-block-off.json'))).toEqual({
      'aws_s3_access_point.site': ['resource-exposure/public-principal'],
      'aws_s3_bucket_policy.site': ['resource-exposure/public-principal'],
    });
  });
});

describe('resource policies on a resource named by text (a vault, a key id, a domain, a workspace id)', () => {
  const withTrustedPartner = (): readonly Finding[] => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-policies-'));
    try {
      const config = path.join(dir, 'iamgate.config.json');
      writeFileSync(config, JSON.stringify({ trust: { accounts: ['444455556666'] } }));
      return jsonReport([plan('resource-policies-by-name.json')], '--config', config).findings;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("the account that owns the resource (the provider's, or `domain_owner`) is trusted; another account is not", () => {
    expect(
      withTrustedPartner()
        .filter((f) => f.ruleId === 'trust-policy/untrusted-account')
        .map((f) => f.location.address),
    ).toEqual(['aws_prometheus_resource_policy.shared', 'aws_signer_signing_profile_permission.partner']);
  });

  it('a CloudSearch domain open to everyone is public; one narrowed to an address range is not', () => {
    expect(verdicts(report('resource-policies-by-name.json'))).toEqual({
      'aws_cloudsearch_domain_service_access_policy.catalog': ['resource-exposure/public-principal'],
    });
  });
});

describe('IAM Identity Center permission sets given customer managed policies by reference', () => {
  it('a policy named by `name_prefix` (its name known only after apply) is held by the permission set it is attached to', () => {
    // The attachment was dropped: the policy was judged as held by no one.
    expect(verdicts(report('permission-set-policy-names.json'))).toEqual({
      'aws_ssoadmin_permission_set.audit': ['data-exfiltration/unscoped-read'],
      'aws_ssoadmin_permission_set.release': [
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
      ],
    });
  });
});

describe('a plan without `configuration` (as policy test suites write plans)', () => {
  it('a trust policy known only after apply is unverifiable, not passed as absent; a known one is judged', () => {
    const findings = report('trust-unknown-without-configuration.json');
    expect(verdicts(findings)).toEqual({
      'aws_iam_role.deployer': ['unverifiable/unresolved-policy'],
      'aws_iam_role.ops': ['unverifiable/unresolved-policy'],
    });
    expect(findings[0]?.message).toContain(
      '`aws_iam_role.deployer.assume_role_policy` is known only after apply, and the plan does not show the configuration that sets it',
    );
  });

  it('an existing role whose trust becomes unknown is listed as changed and not compared', () => {
    const changes = (
      jsonReport([plan('trust-unknown-without-configuration.json')]) as Report & {
        changes?: { subject: string; unresolved?: string[] }[];
      }
    ).changes;
    expect(changes?.map((c) => [c.subject, c.unresolved])).toEqual([
      ['aws_iam_role.ops', ['aws_iam_role.ops.assume_role_policy']],
    ]);
  });
});
