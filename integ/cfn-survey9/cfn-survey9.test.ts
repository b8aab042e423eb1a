/**
 * `cdk-guard` on shapes left by the last survey and on odd but valid templates, each written as a
 * minimal template of our own (see README.md). Each test runs the real binary on one template, as
 * a user runs it.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey9';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('sam-connectors-from-rules.yaml', () => {
  const { status, report, stderr } = scan('sam-connectors-from-rules.yaml');

  test('no input error; warnings only', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('connectors from a rule to a state machine and to an event bus are checked (each was `unresolved-policy`)', () => {
    expect(report.findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy')).toEqual([]);
  });

  test('the grant lands on the role of the target for that destination: a machine known at deploy only is judged on its role, the others pass', () => {
    expect(report.findings.map((f) => [f.location.logicalId, f.ruleId, f.principal])).toEqual([
      ['NightlyStartsLedgerPolicy', 'unverifiable/unknown-value', 'LedgerInvokeRole'],
    ]);
  });
});

describe('yaml-1-1.yaml (trusted: 012345678901)', () => {
  const { status, report, stderr } = scan('yaml-1-1.yaml', ['--config', `${DIR}/partner.config.json`]);

  test('no input error (a resource made by a merge key was "no `Type`", exit 2)', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('a statement merged from an anchor with its `Action` and `Resource` replaced is judged as merged; `yes`/`no` conditions and an unquoted account id with a leading zero are read as CloudFormation reads them', () => {
    expect(report.findings.map((f) => [f.location.logicalId, f.ruleId, f.location.pointer])).toEqual([
      ['DeployRole', 'privilege-escalation/pass-role-wildcard', '/Statement/1'],
    ]);
  });
});

describe('files the SAM transform or CloudFormation rejects', () => {
  test('broken/sam-connector-rule-without-role.yaml: a rule whose target names no role of the template is one input error at its `Targets` (it was an `unresolved-policy` warning, exit 0)', () => {
    const { status, report, stderr } = scan('broken/sam-connector-rule-without-role.yaml');
    expect(status).toBe(2);
    expect(report.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Hourly/Properties/Targets',
        message: expect.stringContaining(
          'rule `Hourly` has no target for its `Destination` with a `RoleArn`',
        ) as unknown,
      }),
    ]);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
