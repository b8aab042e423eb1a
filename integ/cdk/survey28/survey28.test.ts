/**
 * The twenty-eighth survey (README.md): CloudFormation and SAM templates users bring for the roles
 * AWS documents (StackSets administration and execution, Control Tower-style audit roles, a Service
 * Catalog launch role, CloudFormation hook and resource type execution roles), SAM policy templates
 * and connectors, `AWS::LanguageExtensions`, and the stage choices of the last round's open items
 * (two look-ups of one mapping, chains with a step under a `Condition`). Each test runs the built
 * `cdk-guard` binary on one template, as a user runs it; the verdicts were decided before the run.
 */
import { scanTemplate } from '../../run-cdk-guard';

const DIR = 'integ/cdk/survey28';
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId}`).sort();
const messageOf = ({ report }: Scan, logicalId: string, ruleId: string): string[] =>
  report.findings.filter((f) => f.location.logicalId === logicalId && f.ruleId === ruleId).map((f) => f.message);

describe('stackset-roles.yaml', () => {
  const result = scanTemplate(DIR, 'stackset-roles.yaml');

  test('the execution role is an administrator trusted by the administrator account: full access fails the run, the account trust warns; the administration role is quiet', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(verdicts(result)).toEqual([
      'ExecutionRole admin-access/full-access',
      'ExecutionRole trust-policy/account-root',
    ]);
  });
});

describe('audit-roles.yaml', () => {
  const result = scanTemplate(DIR, 'audit-roles.yaml');

  test('a read-only audit role trusted by one role of the audit account: ReadOnlyAccess reads and credentials only; the administrator role fails', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'AuditAdministratorRole admin-access/full-access',
      'AuditAdministratorRole trust-policy/account-root',
      'AuditReadOnlyRole credentials-exposure/unscoped-credential-action',
      'AuditReadOnlyRole data-exfiltration/unscoped-read',
      'AuditReadOnlyRole data-exfiltration/unscoped-read',
      'AuditReadOnlyRole data-exfiltration/unscoped-read',
      'AuditReadOnlyRole data-exfiltration/unscoped-read',
      'SecurityHubReader trust-policy/account-root',
      'SecurityHubReader wildcard-resource/write-on-star',
    ]);
  });
});

describe('launch-and-hook-roles.yaml', () => {
  const result = scanTemplate(DIR, 'launch-and-hook-roles.yaml');

  test('the launch role may update any stack (and so run as its role); the hook role is quiet; the resource type role passes any role', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'LaunchRole privilege-escalation/run-as-existing-role',
      'LaunchRole wildcard-resource/write-on-star',
      'LaunchRole wildcard-resource/write-on-star',
      'ResourceTypeExecutionRole data-exfiltration/unscoped-read',
      'ResourceTypeExecutionRole privilege-escalation/pass-role-wildcard',
      'ResourceTypeExecutionRole wildcard-resource/write-on-star',
    ]);
  });
});

describe('sam-policy-templates.yaml', () => {
  const result = scanTemplate(DIR, 'sam-policy-templates.yaml');

  test('policy templates, connectors and a state machine on resources of the template are quiet; S3CrudPolicy on `*` and the SQS event`s managed policy are not', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'LooseRole data-exfiltration/unscoped-read',
      'LooseRole resource-exposure/policy-change',
      'LooseRole wildcard-resource/write-on-star',
      'WorkerRole data-exfiltration/unscoped-read',
    ]);
  });
});

describe('language-extensions.yaml', () => {
  const result = scanTemplate(DIR, 'language-extensions.yaml');

  test('roles of Fn::ForEach scoped to their team are quiet; a document of Fn::ToJsonString is read; the break-glass administrator fails', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'BreakGlass admin-access/full-access',
      'BreakGlass unverifiable/unknown-value',
      'ExportPolicy wildcard-resource/write-on-star',
      'IngestPolicy wildcard-resource/write-on-star',
    ]);
  });

  test('`HasAdmins` (the length of a list parameter is not 0) is decided at deploy: the break-glass findings name it', () => {
    for (const rule of ['admin-access/full-access', 'unverifiable/unknown-value'])
      expect(messageOf(result, 'BreakGlass', rule)).toEqual([
        expect.stringMatching(/\(when condition `HasAdmins` is true\)$/),
      ]);
    expect(messageOf(result, 'ExportPolicy', 'wildcard-resource/write-on-star')).toEqual([
      'policy `ExportPolicy` may write to every resource with `s3:PutObject`, which can be scoped to resources',
    ]);
  });
});

describe('mapping-one-entry.yaml', () => {
  const result = scanTemplate(DIR, 'mapping-one-entry.yaml');

  test('the prod entry`s functions and the dev entry`s pass open no path together; the dev administrator gets no run-as-existing-role', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result).filter((v) => v.startsWith('AppRole'))).toEqual([
      'AppRole data-exfiltration/unscoped-read',
      'AppRole privilege-escalation/pass-role-wildcard',
      'AppRole wildcard-resource/write-on-star',
    ]);
    expect(verdicts(result).filter((v) => v.startsWith('AdminSide'))).toEqual([
      'AdminSide admin-access/full-access',
      'AdminSide credentials-exposure/unscoped-credential-action',
      'AdminSide data-exfiltration/unscoped-read',
      'AdminSide data-exfiltration/unscoped-read',
      'AdminSide data-exfiltration/unscoped-read',
      'AdminSide privilege-escalation/pass-role-to-service',
      'AdminSide privilege-escalation/pass-role-wildcard',
    ]);
    expect(messageOf(result, 'AdminSide', 'admin-access/full-access')).toEqual([
      expect.stringMatching(/\(when `Env` chooses `Mappings\/EnvMap\/dev\/Managed`\)$/),
    ]);
    expect(messageOf(result, 'AdminSide', 'credentials-exposure/unscoped-credential-action')).toEqual([
      expect.stringMatching(/\(when `Env` chooses `Mappings\/EnvMap\/prod\/Managed`\)$/),
    ]);
  });

  test('the dev administrator`s pass, read from two entries one key chooses together, names the key`s value once', () => {
    expect(messageOf(result, 'AdminSide', 'privilege-escalation/pass-role-to-service')).toEqual([
      expect.stringMatching(/^role `AdminSide` can run code as any role .* \(when `Env` is `dev`\)$/),
    ]);
  });
});

describe('mapping-two-keys.yaml', () => {
  const result = scanTemplate(DIR, 'mapping-two-keys.yaml');

  test('two keys of one parameter take their entries together: the prod functions and the prod-x pass open a path', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result)).toEqual([
      'AppRole data-exfiltration/unscoped-read',
      'AppRole privilege-escalation/pass-role-to-service',
      'AppRole privilege-escalation/pass-role-wildcard',
    ]);
    expect(messageOf(result, 'AppRole', 'privilege-escalation/pass-role-to-service')).toEqual([
      expect.stringMatching(
        /\(when `Env` chooses `Mappings\/PassMap\/prod-x\/Passed` and `Env` chooses `Mappings\/EnvMap\/prod\/Actions`\)$/,
      ),
    ]);
  });
});

describe('condition-chain.yaml', () => {
  const result = scanTemplate(DIR, 'condition-chain.yaml');

  test('a chain through a function changed on dev only is named on dev; the roles of prod reach nothing', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result).filter((v) => v.includes('privilege-escalation'))).toEqual([
      'MidDev privilege-escalation/run-as-existing-role',
      'Rewriter privilege-escalation/iam-policy-modification',
      'Top privilege-escalation/pass-role-to-service',
    ]);
    expect(messageOf(result, 'Top', 'privilege-escalation/pass-role-to-service')).toEqual([
      expect.stringMatching(
        /which holds an escalation path to administrator access, .* \(when condition `IsDev` is true\)$/,
      ),
    ]);
  });
});

describe('trust-side-chain.yaml', () => {
  const result = scanTemplate(DIR, 'trust-side-chain.yaml');

  test('a SAML provider trusted on dev only: the rewrite names dev; the role of prod passing the rewriter reaches nothing', () => {
    expect(result.report.errors).toEqual([]);
    expect(verdicts(result).filter((v) => v.includes('privilege-escalation'))).toEqual([
      'Rewriter privilege-escalation/iam-policy-modification',
    ]);
    expect(messageOf(result, 'Rewriter', 'privilege-escalation/iam-policy-modification')).toEqual([
      expect.stringMatching(
        /by replacing the signing certificate of the SAML provider .* \(when condition `IsDev` is true\)$/,
      ),
    ]);
  });
});
