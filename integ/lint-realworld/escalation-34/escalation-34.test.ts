/**
 * The survey of round 34 (see README.md beside this file): escalation methods not surveyed before
 * (SSM sessions, Glue jobs, EC2 instance-profile swaps, Bedrock agents, service-linked roles), and
 * the methods through one named resource of a template (a command sent to an instance of an
 * administrator profile, the code of an administrator function replaced, a named administrator role
 * assumed, rewritten, passed or put into an instance profile), each as a minimal input of our own
 * beside its least-privilege twin, run through the built `iamgate lint` and `cdk-guard` as a user
 * runs them. Each input with the escalation and administrator findings a reviewer expects.
 */
import { escalating, escalations, run } from '../escalation-report';
import type { Report } from '../escalation-report';

const DIR = 'integ/lint-realworld/escalation-34';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';

const lint = (file: string): Report =>
  run('packages/core/bin/iamgate.js', ['lint', `${DIR}/policies/${file}`, '--config', CONFIG]).report;
const guard = (file: string): Report => run('packages/cdk-guard/bin/cdk-guard.js', [`${DIR}/templates/${file}`]).report;

const messageOf = (report: Report, ruleId: string, where = ''): string | undefined =>
  report.findings.find((f) => f.ruleId === ruleId && (where === '' || f.location.logicalId === where))?.message;

describe('methods not surveyed before and their least-privilege twins (iamgate lint)', () => {
  it.each<[string, string, string[]]>([
    ['bedrock-agent-pass-role-safe.json', 'one agent role passed to Bedrock: no path', []],
    [
      'bedrock-agent-pass-role.json',
      'any role passed to a new Bedrock agent: Bedrock invokes models with it, runs no code of the caller; any role passed stays',
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'bedrock-agentcore-runtime-pass-role.json',
      'any role passed to an AgentCore runtime whose commands it invokes: the existing-runtime path',
      ['pass-role-wildcard /Statement/0', 'run-as-existing-role /Statement/1 bedrock-004'],
    ],
    [
      'codebuild-pass-role-but-admin.json',
      'every role but two passed to new projects, builds started: still a path, the two named',
      ['pass-role-wildcard /Statement/0', 'run-as-existing-role /Statement/1 codebuild-002 codebuild-001'],
    ],
    ['codebuild-pass-role-safe.json', 'one project role passed to CodeBuild, projects `app-*`: no path', []],
    ['create-service-linked-role-one-service.json', 'the load balancer service-linked role: no path', []],
    [
      'create-service-linked-role.json',
      "any service-linked role: its policy is the service's own, and nobody but the service assumes it",
      [],
    ],
    ['ec2-associate-profile-safe.json', 'one instance role passed to EC2: no path', []],
    [
      'ec2-associate-profile.json',
      'any role put on an existing instance through a profile association',
      ['pass-role-to-service /Statement/0 ec2-associate-profile', 'pass-role-wildcard /Statement/0'],
    ],
    [
      'ec2-replace-profile.json',
      'the profile of an existing instance replaced by one of any role',
      ['pass-role-to-service /Statement/0 ec2-replace-profile', 'pass-role-wildcard /Statement/0'],
    ],
    ['glue-job-pass-role-safe.json', 'one ETL role passed to Glue: no path', []],
    [
      'glue-job-pass-role.json',
      'any role passed to a new Glue job, run',
      ['pass-role-to-service /Statement/0 glue-003', 'pass-role-wildcard /Statement/0'],
    ],
    [
      'ssm-start-session-safe.json',
      'port forwarding, and sessions on instances tagged `role` `bastion` only: no path',
      [],
    ],
    ['ssm-start-session.json', 'a shell on any instance', ['run-as-existing-role /Statement/0 ssm-001']],
    [
      'update-assume-role-policy-mfa-deny.json',
      'the trust of any role rewritten, denied without MFA: open unless that Deny applies (the message says so)',
      ['assume-any-role /Statement/0 sts-001', 'iam-policy-modification /Statement/0 iam-012'],
    ],
    [
      'update-assume-role-policy-safe.json',
      'the trust of the `app-*` roles rewritten, one reader assumed: no path',
      [],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    const report = lint(file);
    expect(escalations(report)).toEqual(expected);
    for (const f of report.findings.filter(escalating)) {
      expect(f.message).toMatch(new RegExp(`^policy \`${file.replace(/[.]/g, '\\.')}\``));
      expect(f.message).not.toMatch(/123456789012|iamgate-/);
    }
  });

  it.each<[string, string, string]>([
    [
      'codebuild-pass-role-but-admin.json',
      'privilege-escalation/pass-role-wildcard',
      'may pass every role but `admin`, `breakglass` (`iam:PassRole` with `NotResource`)',
    ],
    [
      'update-assume-role-policy-mfa-deny.json',
      'privilege-escalation/iam-policy-modification',
      ': open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:UpdateAssumeRolePolicy`',
    ],
  ])('%s: %s says %s', (file, ruleId, said) => {
    expect(messageOf(lint(file), ruleId)).toContain(said);
  });
});

describe('methods through one named resource of a template (cdk-guard)', () => {
  it.each<[string, string, string[]]>([
    [
      'ec2-profile-swap-named-role.template.json',
      'the administrator instance role passed and put on an instance: found; the web role: no path',
      [
        'full-access AdminHostRole /Statement/0',
        'pass-role-to-service AdminSwapper /Statement/0 ec2-associate-profile ec2-replace-profile',
      ],
    ],
    [
      'lambda-update-code-of-admin-function.template.json',
      'the code of the administrator function replaced: found, also under a Deny without MFA; the reports function: no path',
      [
        'full-access AdminTasksRole /Statement/0',
        'run-as-existing-role AdminCodeDeployer /Statement/0 lambda-003',
        'run-as-existing-role AdminCodeDeployerWithoutMfaDeny /Statement/0 lambda-003',
      ],
    ],
    [
      'named-pass-role-lambda-denies.template.json',
      'the administrator function role passed to Lambda: open unless MFA under a Deny without MFA, closed under a Deny of Lambda',
      ['full-access FunctionAdmin /Statement/0', 'pass-role-to-service DeployerWithoutMfaDeny /Statement/0 lambda-001'],
    ],
    [
      'named-role-trust-paths.template.json',
      'an administrator trusting the account assumed, one trusting CodeBuild rewritten: found; one trusting only a broker role, and a reader: no path',
      [
        'assume-any-role OpsAssumer /Statement/0 sts-001',
        'full-access BrokeredAdmin /Statement/0',
        'full-access BuildAdmin /Statement/0',
        'full-access OpsAdmin /Statement/0',
        'iam-policy-modification TrustEditor /Statement/0 iam-012',
      ],
    ],
    [
      'ssm-send-command-to-admin-instance.template.json',
      'a command sent, or a session started, on the instance of an administrator profile: found; on the web instance: no path',
      [
        'full-access AdminHostRole /Statement/0',
        'run-as-existing-role AdminOperator /Statement/0 ssm-002',
        'run-as-existing-role AdminSessions /Statement/0 ssm-001',
      ],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    const report = guard(file);
    expect(escalations(report)).toEqual(expected);
    expect(report.findings.map((f) => f.message).join('\n')).not.toMatch(/123456789012|iamgate-/);
  });

  it.each<[string, string, string, string]>([
    [
      'named-pass-role-lambda-denies.template.json',
      'privilege-escalation/pass-role-to-service',
      'DeployerWithoutMfaDeny',
      ': open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:PassRole`',
    ],
    [
      'lambda-update-code-of-admin-function.template.json',
      'privilege-escalation/run-as-existing-role',
      'AdminCodeDeployerWithoutMfaDeny',
      ': open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `lambda:UpdateFunctionCode`',
    ],
  ])('%s: %s on %s says what it is open unless', (file, ruleId, where, said) => {
    expect(messageOf(guard(file), ruleId, where)).toContain(said);
  });

  it('the same path without the Deny says nothing of one', () => {
    expect(
      messageOf(
        guard('lambda-update-code-of-admin-function.template.json'),
        'privilege-escalation/run-as-existing-role',
        'AdminCodeDeployer',
      ),
    ).toMatch(/\(escalation path `lambda-003`\)$/);
  });
});
