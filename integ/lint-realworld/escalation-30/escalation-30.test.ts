/**
 * The survey of round 30 (see README.md beside this file): CI/CD roles that deploy through the roles
 * `cdk bootstrap` creates, which no input holds: the CloudFormation execution role (an
 * administrator unless bootstrapped otherwise) passed to CloudFormation, and the deploy role that
 * passes it. Each policy with the escalation findings a reviewer expects, and the words that say
 * the role is known by its name only.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const DIR = 'integ/lint-realworld/escalation-30';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const IAMGATE = path.join(ROOT, 'packages/core/bin/iamgate.js');

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer?: string };
  evidence?: { path?: string; alsoOpens?: string[]; target?: string; targetKnownBy?: string };
}

interface Report {
  findings: Finding[];
  errors: unknown[];
}

function lint(file: string): { report: Report; status: number | null } {
  const result = spawnSync(
    process.execPath,
    [IAMGATE, 'lint', `${DIR}/policies/${file}`, '--config', CONFIG, '--format', 'json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  expect(report.errors).toEqual([]);
  return { report, status: result.status };
}

/** `rule pointer path [alsoOpens]` of each escalation and administrator finding. */
function escalations(report: Report): string[] {
  return report.findings
    .filter((f) => /^(privilege-escalation|admin-access)\//.test(f.ruleId))
    .map((f) =>
      [
        f.ruleId.slice(f.ruleId.indexOf('/') + 1),
        f.location.pointer ?? '',
        f.evidence?.path ?? '',
        ...(f.evidence?.alsoOpens ?? []),
      ]
        .filter((part) => part !== '')
        .join(' '),
    )
    .sort();
}

describe('the CDK bootstrap execution role passed to CloudFormation', () => {
  it.each<[string, string, string[]]>([
    [
      'ci-pass-exec-role-change-sets.json',
      'a pipeline creating and executing change sets of `app-*` stacks, passing the bootstrap execution role to CloudFormation: what `cdk deploy` does, as that role',
      ['pass-role-to-service /Statement/1 cloudformation-change-set-pass-role'],
    ],
    [
      'ci-pass-exec-role-own-role-only.json',
      'the execution role among the roles it may pass, but `cloudformation:RoleArn` lets stacks take only its own role: no path',
      [],
    ],
    [
      'ci-pass-exec-role-denied.json',
      'the `cdk-*` roles passed, stacks created anywhere, the execution roles denied by name: no path',
      [],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    expect(escalations(lint(file).report)).toEqual(expected);
  });

  it('says the role is known by its name only, and what the bootstrap gives it unless told otherwise; exit 1', () => {
    const { report, status } = lint('ci-pass-exec-role-change-sets.json');
    const finding = report.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');
    expect(status).toBe(1);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain(
      'can deploy any resource as the CDK bootstrap execution role `arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1`, with `iam:PassRole` + `cloudformation:CreateChangeSet` + `cloudformation:ExecuteChangeSet`',
    );
    expect(finding?.message).toContain('known by its name only, the input does not hold it');
    expect(finding?.message).toContain(
      'gives it AdministratorAccess unless `cdk bootstrap --cloudformation-execution-policies` named other policies',
    );
    expect(finding?.evidence).toMatchObject({
      target: 'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1',
      targetKnownBy: 'name',
    });
  });
});

describe('a workload whose role the input does not tell (templates/imported-function-role.template.json)', () => {
  it('a role that may replace the code of a function running as an imported role: undecided, naming the function and the import; one only reading the other function: nothing', () => {
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js'),
        `${DIR}/templates/imported-function-role.template.json`,
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      findings: (Finding & { principal?: string })[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.principal ?? ''} ${f.location.pointer ?? ''}`)).toEqual([
      'unverifiable/unknown-value Hotfix /Statement/0',
    ]);
    const message = report.findings[0]?.message ?? '';
    expect(message).toContain('can run code as the role of `Report` with `lambda:UpdateFunctionCode`');
    expect(message).toContain('`${the value exported as platform-ReportRoleArn}`, not known before deploy');
    // An undecided finding is a warning: the deploy is not failed for it under the default `--fail-on`.
    expect(result.status).toBe(0);
  });
});
