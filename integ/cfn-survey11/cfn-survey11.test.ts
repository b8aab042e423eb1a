/**
 * `cdk-guard` on the organization a template creates and on principals chosen at deploy among
 * listed values, each written as a minimal template of our own (see README.md). Each test runs the
 * real binary on one template, as a user runs it.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey11';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`).sort();

describe('own-organization.yaml', () => {
  const one = scan('own-organization.yaml', ['--config', `${DIR}/trust-one-organization.json`]);
  const two = scan('own-organization.yaml', ['--config', `${DIR}/trust-two-organizations.json`]);

  // An organization id given at deploy (a parameter without AllowedValues, an import) may be any
  // organization: undecided whatever the configuration lists.
  const givenAtDeploy = [
    'PartnerRole unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:PrincipalOrgID',
    'SharedQueuePolicy unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:PrincipalOrgID',
  ];
  // `Principal: *` confined to an organization grants the whole organization, whichever it is.
  const wholeOrganization = [
    'AuditRole trust-policy/account-root /Statement/0',
    'PartnerRole trust-policy/account-root /Statement/0',
  ];

  test('no input error; nothing fails the run (all are warnings)', () => {
    for (const { status, report, stderr } of [one, two]) {
      expect(report.errors).toEqual([]);
      expect(stderr).toBe('');
      expect(status).toBe(0);
    }
  });

  test('with one trusted organization, the one the template creates is it (`!GetAtt Org.Id`, `!Ref Org`, an organization path, `aws:SourceOrgID`): no finding; ids given at deploy stay undecided', () => {
    expect(verdicts(one)).toEqual([...givenAtDeploy, ...wholeOrganization].sort());
  });

  test('with two trusted organizations, which one the template creates cannot be told: each use is undecided', () => {
    expect(verdicts(two)).toEqual(
      [
        ...givenAtDeploy,
        ...wholeOrganization,
        'AlertsTopicPolicy unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:SourceOrgID',
        'ArtifactBucketPolicy unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:PrincipalOrgID',
        'ArtifactBucketPolicy unverifiable/unknown-value /Statement/1/Condition/ForAnyValue:StringLike/aws:PrincipalOrgPaths',
        'AuditRole unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:PrincipalOrgID',
      ].sort(),
    );
  });

  test('the undecided ones name the organization and say it is the one the template creates', () => {
    const auditRole = two.report.findings.find(
      (f) => f.location.logicalId === 'AuditRole' && f.ruleId === 'unverifiable/unknown-value',
    );
    expect(auditRole?.message).toContain('the id of organization Organization');
    expect(auditRole?.message).toContain('the organization this input creates or reads');
    const partner = one.report.findings.find(
      (f) => f.location.logicalId === 'PartnerRole' && f.ruleId === 'unverifiable/unknown-value',
    );
    expect(partner?.message).toContain('the value of parameter PartnerOrgId');
    expect(partner?.message).not.toContain('creates or reads');
  });
});

describe('principals-chosen-at-deploy.yaml (trusted: 111122223333)', () => {
  const result = scan('principals-chosen-at-deploy.yaml', ['--config', `${DIR}/trust-one-account.json`]);

  test('no input error; the choices that may be `*` fail the run (each was undecided, exit 0)', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('each listed principal is judged: `*` in a mapping or among allowed values is public, an untrusted account in a selected list is untrusted; all trusted choices pass', () => {
    expect(verdicts(result)).toEqual([
      // `!FindInMap [StageCallers, !Ref Stage, Account]`: the sandbox account is not trusted.
      'AuditorRole trust-policy/untrusted-account /Statement/0',
      // `!Select [!Ref ReaderIndex, [<trusted reader>, <reader of 999988887777>]]`.
      'PartnerReaderRole trust-policy/untrusted-account /Statement/0',
      // `!FindInMap [StagePrincipals, !Ref Stage, Reader]`: the sandbox entry is `*`.
      'ReaderRole resource-exposure/public-principal /Statement/0',
      // A Lambda permission's `Principal: !FindInMap [StageCallers, !Ref Stage, Invoker]`, `*` in sandbox.
      'ReportFunctionInvoke resource-exposure/public-principal /Statement/0',
      // `!Ref DebugPrincipal`, whose AllowedValues hold `*`.
      'ReportsTopicPolicy resource-exposure/public-principal /Statement/0',
    ]);
  });

  test('the untrusted choices are named by their account', () => {
    const untrusted = result.report.findings.filter((f) => f.ruleId === 'trust-policy/untrusted-account');
    expect(untrusted.map((f) => f.message)).toEqual([
      expect.stringContaining('account `999988887777`') as unknown,
      expect.stringContaining('account `999988887777`') as unknown,
    ]);
  });
});

describe('sam-api-account-choice.yaml (trusted: 111122223333)', () => {
  test("a SAM API's `AwsAccountWhitelist` entry from a mapping keyed by a parameter is judged per account: the sandbox one is untrusted (it was undecided, exit 0)", () => {
    const result = scan('sam-api-account-choice.yaml', ['--config', `${DIR}/trust-one-account.json`]);
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(verdicts(result)).toEqual(['ReportsApi trust-policy/untrusted-account /Statement/0']);
    expect(result.report.findings[0]?.message).toContain('account `999988887777`');
  });
});
