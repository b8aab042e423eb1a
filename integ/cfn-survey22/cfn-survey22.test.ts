/**
 * `cdk-guard` on templates as projects ship them (see README.md): a SAM service with the policy
 * templates, connectors and API resource policies of the SAM guides, the CloudFormation the
 * Serverless Framework compiles, the intrinsics real templates use in IAM (`Fn::If` with
 * `AWS::NoValue`, `Fn::FindInMap` by a parameter, `Fn::Select`/`Fn::Split` of an import,
 * `Fn::ToJsonString`, `Fn::ForEach`), and YAML with account ids left unquoted. Each test runs the
 * real binary on one template, as a user runs it.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey22';
const PARTNER_CONFIG = ['--config', `${DIR}/partner.config.json`];
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`).sort();

describe('sam-orders-service.yaml', () => {
  const result = scanTemplate(DIR, 'sam-orders-service.yaml');

  test('no input error; the public API fails the run', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('policy templates, connectors, the state machine and the API open to one office and the account are quiet; the planted risks are reported', () => {
    expect(verdicts(result)).toEqual([
      'ReportsFunctionRole data-exfiltration/unscoped-read /Statement/0',
      'StatusApi resource-exposure/public-principal /Statement/0',
      'StatusFunctionRole unverifiable/unresolved-policy ',
    ]);
  });

  test('a stage named by a parameter (`StageName: !Ref Stage`) is expanded below the API (its routes were `resource-mismatch`, applying to nothing)', () => {
    expect(result.report.findings.filter((f) => f.ruleId === 'policy-validity/resource-mismatch')).toEqual([]);
    const open = result.report.findings.find((f) => f.location.logicalId === 'StatusApi');
    expect(open?.message).toContain('`execute-api:Invoke`');
  });

  test('`SecretsManagerGetSecretValuePolicy` is no SAM policy template (the name is `AWSSecretsManagerGetSecretValuePolicy`): not checked, said so', () => {
    const unresolved = result.report.findings.find((f) => f.ruleId === 'unverifiable/unresolved-policy');
    expect(unresolved?.message).toContain('`SecretsManagerGetSecretValuePolicy` is not a SAM policy template');
  });

  test('`AmazonS3ReadOnlyAccess` given by name reads every bucket', () => {
    const read = result.report.findings.find((f) => f.location.logicalId === 'ReportsFunctionRole');
    expect(read?.message).toContain('AWS managed policy `AmazonS3ReadOnlyAccess`');
  });
});

describe('serverless-framework-compiled.json', () => {
  test('the compiled `IamRoleLambdaExecution` (`Fn::Join` ARNs with `AWS::Partition`, log groups of the service, X-Ray on `*`) gets only the warning for `s3:*` on the export objects', () => {
    const result = scanTemplate(DIR, 'serverless-framework-compiled.json');
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual(['IamRoleLambdaExecution wildcard-action/service-wildcard /Statement/8']);
  });
});

describe('copilot-service-roles.yaml', () => {
  const result = scanTemplate(DIR, 'copilot-service-roles.yaml');

  test('the secrets, parameters and keys read by tag (`ResourceTag/copilot-application`) are quiet; the files and key named by parameters are unverifiable; ECS Exec logging on `*` is a warning', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual([
      'ExecutionRole unverifiable/unknown-value /Statement/0/Resource',
      'ExecutionRole unverifiable/unknown-value /Statement/2/Resource',
      'TaskRole wildcard-resource/write-on-star /Statement/1',
    ]);
  });

  test('the env file is read only when `HasEnvFile` holds, and said to be a value given at deploy', () => {
    const envFile = result.report.findings.find((f) => f.message.includes('EnvFileARN'));
    expect(envFile?.message).toContain('inline policy `GetEnvFilePolicy`');
  });
});

describe('intrinsics-in-policies.yaml (the production audit account trusted)', () => {
  const result = scanTemplate(DIR, 'intrinsics-in-policies.yaml', PARTNER_CONFIG);

  test('no input error; the planted risks fail the run', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
  });

  test('only the planted risks: a table chosen among `AllowedValues` that include `*`, the sandbox key and role, and the roles `Fn::ForEach` makes outside production', () => {
    const consumer = (role: string): string[] => [
      `${role} credentials-exposure/unscoped-credential-action /Statement/0`,
      `${role} data-exfiltration/unscoped-read /Statement/0`,
      `${role} data-exfiltration/unscoped-read /Statement/0`,
      `${role} data-exfiltration/unscoped-read /Statement/1`,
      `${role} trust-policy/untrusted-account /Statement/0`,
    ];
    expect(verdicts(result)).toEqual([
      'ReportsRole data-exfiltration/unscoped-read /Statement/0',
      'SandboxAuditRole trust-policy/untrusted-account /Statement/0',
      'SandboxKey trust-policy/untrusted-account /Statement/1/Fn::If/2',
      ...consumer('billingConsumerRole'),
      ...consumer('shippingConsumerRole'),
    ]);
  });

  test('the production side of `!If [IsProd, ...]` looks the mapping up under `prod` only (`DataKey` was `untrusted-account` for the dev account)', () => {
    expect(result.report.findings.filter((f) => f.location.logicalId === 'DataKey')).toEqual([]);
    const sandbox = result.report.findings.find((f) => f.location.logicalId === 'SandboxKey');
    expect(sandbox?.message).toContain('`111122223333`');
  });

  test('a role created only in production (`Condition: IsProd`) trusts the `prod` audit account only (it was `untrusted-account` for the dev one); one created outside production trusts the dev one', () => {
    expect(result.report.findings.filter((f) => f.location.logicalId === 'AuditRole')).toEqual([]);
    const sandbox = result.report.findings.find((f) => f.location.logicalId === 'SandboxAuditRole');
    expect(sandbox?.message).toContain('`111122223333`');
  });

  test('`table/${ReportTable}` with `*` among its `AllowedValues` reads every table (it was read as one table, silently)', () => {
    const read = result.report.findings.find((f) => f.location.logicalId === 'ReportsRole');
    expect(read?.message).toContain('on every resource');
  });

  test('`ReadOnlyAccess` in `ManagedPolicyArns` outside production reaches each role of the loop', () => {
    const managed = result.report.findings.filter(
      (f) => f.location.logicalId === 'billingConsumerRole' && f.ruleId === 'data-exfiltration/unscoped-read',
    );
    expect(managed).toHaveLength(3);
    expect(managed.every((f) => f.message.includes('AWS managed policy `ReadOnlyAccess`'))).toBe(true);
  });
});

describe('yaml-unquoted-numbers.yaml (the partner accounts trusted)', () => {
  test('account ids left unquoted are those accounts (each was `invalid-policy`, an error); one YAML reads as octal is the principal IAM refuses', () => {
    const result = scanTemplate(DIR, 'yaml-unquoted-numbers.yaml', PARTNER_CONFIG);
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual(['LegacyKey policy-validity/policy-warning /Statement/1/Principal/AWS']);
    expect(result.report.findings[0]?.message).toContain('`1402433619`');
  });

  test('with only one partner trusted, the other, written `!!str 555566667777`, is untrusted', () => {
    const result = scanTemplate(DIR, 'yaml-unquoted-numbers.yaml', ['--config', `${DIR}/one-partner.config.json`]);
    expect(verdicts(result)).toEqual([
      'LegacyKey policy-validity/policy-warning /Statement/1/Principal/AWS',
      'PartnerReadRole trust-policy/untrusted-account /Statement/1',
    ]);
    expect(result.report.findings.find((f) => f.ruleId === 'trust-policy/untrusted-account')?.message).toContain(
      '`555566667777`',
    );
  });
});
