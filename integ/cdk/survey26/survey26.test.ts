/**
 * The twenty-sixth survey (README.md): CloudFormation that users write by hand, in forms the
 * earlier surveys left out: SAM policy templates with and without the SAM transform, the
 * single-role `AWS::IAM::RolePolicy`, a managed policy for a role another stack exports, `Fn::Sub`
 * of a mapping value, `AWS::Include`, stack sets and Service Catalog products, policies attached
 * under exclusive conditions, and a nested stack's conditions over a parameter its parent passes.
 * Each test runs the built `cdk-guard` binary on one template, as a user runs it.
 */
import { scanTemplate } from '../../run-cdk-guard';

const DIR = 'integ/cdk/survey26';
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId}`).sort();

describe('sam-policy-templates.yaml', () => {
  const result = scanTemplate(DIR, 'sam-policy-templates.yaml');

  test('S3ReadPolicy, DynamoDBCrudPolicy and SQSPollerPolicy on resources of the template are expanded and quiet; S3ReadPolicy on `*` reads every bucket', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual(['AnyBucketReaderRole data-exfiltration/unscoped-read']);
  });
});

describe('sam-without-transform.yaml', () => {
  test('SAM types without `Transform: AWS::Serverless-2016-10-31`: an input error at the first, exit 2, nothing expanded', () => {
    const result = scanTemplate(DIR, 'sam-without-transform.yaml');
    expect(result.status).toBe(2);
    expect(result.report.findings).toEqual([]);
    expect(result.report.errors).toEqual([
      {
        file: expect.stringContaining('sam-without-transform.yaml'),
        pointer: '/Resources/Worker/Type',
        message:
          'resource `Worker` is of type `AWS::Serverless::Function`, which CloudFormation knows only through the SAM transform: add `Transform: AWS::Serverless-2016-10-31` to the template',
      },
    ]);
  });
});

describe('sam-after-language-extensions.yaml', () => {
  test('SAM types under `Transform: AWS::LanguageExtensions` alone: the error says to add SAM after it', () => {
    const result = scanTemplate(DIR, 'sam-after-language-extensions.yaml');
    expect(result.status).toBe(2);
    expect(result.report.errors.map((e) => [e.pointer, e.message])).toEqual([
      [
        '/Resources/Worker/Type',
        "resource `Worker` is of type `AWS::Serverless::Function`, which CloudFormation knows only through the SAM transform: add `AWS::Serverless-2016-10-31` to the template's `Transform`, after `AWS::LanguageExtensions`",
      ],
    ]);
  });
});

describe('role-policy-import-mapping.yaml', () => {
  const result = scanTemplate(DIR, 'role-policy-import-mapping.yaml');

  test('RolePolicy is the role`s: PassRole on `*` fails the run; the mapping`s `*` bucket reads every bucket', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    // Each located at the policy resource that grants it, about the role.
    const onApp = result.report.findings.filter((f) => f.principal === 'App');
    expect(onApp.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId}`).sort()).toEqual([
      'AppPassRole privilege-escalation/pass-role-wildcard',
      'AppReads data-exfiltration/unscoped-read',
    ]);
  });

  test('a managed policy for a role of another stack (`Roles: [!ImportValue ...]`) is checked as a policy', () => {
    expect(verdicts(result).filter((v) => v.startsWith('SharedAdmin '))).toEqual([
      'SharedAdmin data-exfiltration/unscoped-read',
      'SharedAdmin resource-exposure/policy-change',
      'SharedAdmin wildcard-action/service-wildcard',
      'SharedAdmin wildcard-resource/write-on-star',
    ]);
  });
});

describe('include-transform.yaml', () => {
  test('a document `AWS::Include` inserts from S3 is not checked, and said so', () => {
    const result = scanTemplate(DIR, 'include-transform.yaml');
    expect(result.report.errors).toEqual([]);
    expect(result.report.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'unverifiable/unresolved-policy',
        'policy `included` could not be checked: the policy document is the snippet `AWS::Include` inserts from `s3://acme-templates/policies/app.yaml`, known only after deploy',
      ],
    ]);
  });
});

describe('stackset-product.yaml', () => {
  const result = scanTemplate(DIR, 'stackset-product.yaml');

  test('a stack set`s template body is checked; one in S3 and a provisioned product are said not checked; a product only defined deploys nothing', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'Breakglass admin-access/full-access',
      'Breakglass resource-exposure/public-principal',
      'Guardrails unverifiable/unresolved-policy',
      'Provisioned unverifiable/unresolved-policy',
    ]);
  });

  test('the product a provisioned product deploys is named by its logical id and the template of the version it names, not a physical id', () => {
    const provisioned = result.report.findings.find((f) => f.location.logicalId === 'Provisioned');
    expect(provisioned?.message).toBe(
      'policy `Provisioned` could not be checked: provisioned product `Provisioned` deploys the template `https://acme-templates.s3.amazonaws.com/app-role-v2.yaml` of Service Catalog product `Product` (version `v2`), which is not in the input, so the IAM it creates is not checked: scan that template too',
    );
  });
});

describe('exclusive-attachments.json', () => {
  test('two policies attached to one role by `Roles: [!If [IsProd|IsDev, ...]]` on one parameter are never summed', () => {
    const result = scanTemplate(DIR, 'exclusive-attachments.json');
    expect(result.report.errors).toEqual([]);
    expect(result.report.findings).toEqual([]);
  });

  test('the same two policies attached on `IsProd` and `IsEU`, over two parameters, can both be attached: summed', () => {
    const result = scanTemplate(DIR, 'overlapping-attachments.json');
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(result.report.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'policy-validity/policy-size',
        'the inline policies of role `App` have 10,888 characters together, over the 10,240 allowed for a role (when condition `IsProd` is true and condition `IsEU` is true)',
      ],
    ]);
  });
});

describe('managed-attached-on-one-side.json', () => {
  // Each statement of about 6,400 characters; a managed policy is created on every deploy, listed or not.
  const result = scanTemplate(DIR, 'managed-attached-on-one-side.json');
  const sizes = (): string[][] =>
    result.report.findings
      .filter((f) => f.ruleId === 'policy-validity/policy-size')
      .map((f) => [f.location.logicalId ?? '', f.message])
      .sort();

  test('a managed policy attached only when `IsProd` is true is still over its own limit on the deploys that leave it unattached', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(sizes()).toEqual([
      ['AlwaysLarge', 'policy `AlwaysLarge` has 6,704 characters, over the 6,144 of a managed policy'],
      [
        'ArnsPolicy',
        'policy `ArnsPolicy` has 6,384 characters, over the 6,144 of a managed policy (when condition `IsProd` is false)',
      ],
      [
        'RolesPolicy',
        'policy `RolesPolicy` has 6,544 characters, over the 6,144 of a managed policy (when condition `IsProd` is false)',
      ],
    ]);
  });
});

describe('parent-passes-stage.json', () => {
  test('the child`s IsProd and IsDev over the parent`s Stage never hold together: no size finding; the dev side`s PassRole is reported', () => {
    const result = scanTemplate(DIR, 'parent-passes-stage.json');
    expect(result.report.errors).toEqual([]);
    expect(result.report.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'privilege-escalation/pass-role-wildcard',
        'role `Workers/Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role (when condition `IsProd` is false)',
      ],
    ]);
  });
});

describe('parent-three-stages.json', () => {
  test('the parent allows `prod`, `dev` and `qa`, the child only `prod` and `dev`: never both not prod and not dev, no size finding', () => {
    const result = scanTemplate(DIR, 'parent-three-stages.json');
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.report.findings).toEqual([]);
  });
});

describe('parent-passes-bucket.json', () => {
  test('a bucket name passed as the child`s Env is one value: never `prod` and `dev` at once, no size finding', () => {
    const result = scanTemplate(DIR, 'parent-passes-bucket.json');
    expect(result.report.errors).toEqual([]);
    expect(result.report.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'privilege-escalation/pass-role-wildcard',
        'role `Workers/Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role (when condition `IsProd` is false)',
      ],
    ]);
  });
});
