/**
 * `cdk-guard` on shapes found in a survey of vendor integration roles, StackSets, SAM apps and
 * `AWS::LanguageExtensions` templates, each re-authored as a minimal template of our own (see
 * README.md). Each test runs the real binary on one template, as a user runs it.
 */
import * as path from 'node:path';
import { rulesByLogicalId, scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey5';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('macro-policies.yaml', () => {
  const { status, report, stderr } = scan('macro-policies.yaml');

  test('an inline policy a macro writes (`Fn::Transform` as an entry of `Policies`) is valid: no input error', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('each macro entry is one unresolved policy naming the macro and its place in `Policies`; the written policy is still checked', () => {
    expect(rulesByLogicalId(report)).toEqual({
      MonitoringRole: ['unverifiable/unresolved-policy', 'wildcard-resource/write-on-star'],
    });
    const unresolved = report.findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy');
    expect(unresolved).toHaveLength(2);
    for (const f of unresolved) expect(f.message).toContain('macro `VendorPolicyWriter`');
    expect(unresolved.map((f) => /`(Policies\/\d)`/.exec(f.message)?.[1]).sort()).toEqual(['Policies/1', 'Policies/2']);
    // It was read as an entry without a document: "an unsupported value".
    for (const f of unresolved) expect(f.message).not.toContain('unsupported value');
  });
});

describe('policy documents CloudFormation requires', () => {
  test.each([
    ['inline-policy-without-document.yaml', ['/Resources/WorkerRole/Properties/Policies/1']],
    [
      'policy-resources-without-document.yaml',
      ['/Resources/DeployPolicy/Properties/PolicyDocument', '/Resources/UploadsPolicy/Properties/PolicyDocument'],
    ],
    ['role-without-trust.yaml', ['/Resources/BuildRole/Properties/AssumeRolePolicyDocument']],
  ])(
    '%s: one input error line per missing document, naming the file and the pointer (exit 2)',
    (template, pointers) => {
      const { status, report, stderr } = scan(`broken/${template}`);
      expect(status).toBe(2);
      expect(report.errors.map((e) => e.pointer).sort()).toEqual(pointers);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(pointers.length);
      for (const pointer of pointers)
        expect(lines.filter((line) => line.startsWith(`${DIR}/broken/${template}: ${pointer}: `))).toHaveLength(1);
    },
  );
});

describe('principal-arn-patterns.yaml', () => {
  // The scanner roles hold SecurityAudit, whose reads of secrets in configuration (every
  // function's environment) are unscoped-read's to report; this file is about who may assume them.
  const { status, report, stderr } = scan('principal-arn-patterns.yaml', [
    '--config',
    path.join(DIR, 'without-secret-reads.config.json'),
  ]);

  test('no input error; the unknowns are warnings (exit 0)', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('`Principal: "*"` narrowed by `ArnLike` on a parameter that may be `*` (or `ArnEquals`, which matches wildcards too) is `unknown-value` from public-principal (it passed); a parameter whose `AllowedPattern` fixes an account, or an exact match, restricts who', () => {
    expect(rulesByLogicalId(report)).toEqual({
      AnyScannerRole: ['unverifiable/unknown-value'],
      LooseScannerRole: ['unverifiable/unknown-value'],
      InboxPolicy: ['unverifiable/unknown-value'],
      TrailPolicy: ['unverifiable/unknown-value'],
    });
    for (const f of report.findings) {
      expect(f.message).toMatch(/^resource-exposure\/public-principal could not decide: /);
      expect(f.location.pointer).toMatch(/\/Condition\/Arn(Like|Equals)\/aws:(PrincipalArn|SourceArn)$/);
    }
  });
});

describe('foreach-in-properties.yaml', () => {
  const { status, report, stderr } = scan('foreach-in-properties.yaml');

  test('`Fn::ForEach` in a policy condition is expanded before the check: no input error', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('condition keys made per element of a mapping or of a list known at deploy scope the read; keys on the caller’s own tags do not restrict who (it was `unresolved-policy`: "known only after deploy")', () => {
    expect(rulesByLogicalId(report)).toEqual({ JobsPolicy: ['resource-exposure/public-principal'] });
  });
});

describe('deployed-elsewhere.yaml', () => {
  const { status, report, stderr } = scan('deployed-elsewhere.yaml');

  test('a provisioned product and a module are valid: no input error, warnings only', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('each is one `unresolved-policy` naming the product or the module (they passed silently, as if they made no IAM)', () => {
    expect(rulesByLogicalId(report)).toEqual({
      RoleBaseline: ['unverifiable/unresolved-policy'],
      NetworkBaseline: ['unverifiable/unresolved-policy'],
      PipelineRoles: ['unverifiable/unresolved-policy'],
    });
    const message = (logicalId: string): string =>
      report.findings.find((f) => f.location.logicalId === logicalId)?.message ?? '';
    expect(message('RoleBaseline')).toContain('`account-baseline-roles`');
    expect(message('NetworkBaseline')).toContain('`prod-abcd1234efgh5`');
    expect(message('PipelineRoles')).toContain('`Example::Pipeline::DeployRoles::MODULE`');
  });
});

describe('broken/eventbus-policy-iam-condition.yaml', () => {
  test('an IAM condition block as the `Condition` of an event bus policy is one input error at it (exit 2), not a public bus; the `{Type, Key, Value}` one beside it is read', () => {
    const { status, report, stderr } = scan('broken/eventbus-policy-iam-condition.yaml');
    expect(status).toBe(2);
    expect(report.errors.map((e) => e.pointer)).toEqual(['/Resources/AlertsPolicy/Properties/Condition']);
    expect(report.errors[0]?.message).toContain('`StringEquals`');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(rulesByLogicalId(report)).toEqual({});
  });
});
