/**
 * The survey of round 33 (see README.md beside this file): the escalation methods security research
 * publishes (Rhino Security Labs' list of IAM privilege escalation methods, and the pathfinding.cloud
 * paths beyond it), each as a minimal policy of our own beside its least-privilege twin (a scoped
 * resource, a condition, a boundary), run through the built `iamgate lint` and `cdk-guard` as a
 * user runs them. Each input with the escalation and administrator findings a reviewer expects.
 */
import { escalating, escalations, run } from '../escalation-report';
import type { Report } from '../escalation-report';

const DIR = 'integ/lint-realworld/escalation-33';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';

const lint = (file: string): Report =>
  run('packages/core/bin/iamgate.js', ['lint', `${DIR}/policies/${file}`, '--config', CONFIG]).report;

describe('published escalation methods and their least-privilege twins (iamgate lint)', () => {
  it.each<[string, string, string[]]>([
    ['assume-any-role-safe.json', 'one read-only deploy role assumed: no path', []],
    [
      'assume-any-role.json',
      '`sts:AssumeRole` on `*`: any role trusting the account',
      ['assume-any-role /Statement/0 sts-001'],
    ],
    [
      'codebuild-project.json',
      'projects created with any role and built: the existing-project path, the new-project one folded into it',
      ['pass-role-wildcard /Statement/0', 'run-as-existing-role /Statement/1 codebuild-002 codebuild-001'],
    ],
    [
      'ec2-instance-connect.json',
      'an SSH key pushed to any instance: runs as its instance role',
      ['run-as-existing-role /Statement/0 ec2instanceconnect-003'],
    ],
    [
      'lambda-update-configuration.json',
      'the configuration (layers, environment) of any function changed: runs code as its role',
      ['run-as-existing-role /Statement/0 lambda-update-configuration'],
    ],
    [
      'new-role-attach-assume-bounded.json',
      'roles created and given policies only under the app boundary: no new-role path, `sts:AssumeRole` on `*` stays',
      ['assume-any-role /Statement/1 sts-001'],
    ],
    [
      'new-role-attach-assume.json',
      'a role created, given any policy and assumed',
      [
        'assume-any-role /Statement/0 sts-001 iam-014 new-role-attach-assume',
        'iam-policy-modification /Statement/0 iam-009 iam-014 new-role-attach-assume',
      ],
    ],
    [
      'pass-role-any-service-by-pattern.json',
      '`iam:PassedToService` `StringLike` `*.amazonaws.com` admits Lambda: still a path',
      ['pass-role-to-service /Statement/0 lambda-001', 'pass-role-wildcard /Statement/0'],
    ],
    ['rhino-01-create-policy-version-safe.json', 'versions of the `reports/` policies only: no path', []],
    [
      'rhino-01-create-policy-version.json',
      'a new default version of any policy',
      ['iam-policy-modification /Statement/0 iam-001'],
    ],
    ['rhino-02-set-default-policy-version-safe.json', 'default versions of the `reports/` policies only: no path', []],
    [
      'rhino-02-set-default-policy-version.json',
      'an older version of any policy made default',
      ['iam-policy-modification /Statement/0 set-default-policy-version'],
    ],
    ['rhino-03-pass-role-ec2-safe.json', 'one instance role passed to EC2 only: no path', []],
    [
      'rhino-03-pass-role-ec2.json',
      'any role passed to a new instance',
      ['pass-role-to-service /Statement/0 ec2-001', 'pass-role-wildcard /Statement/0'],
    ],
    ['rhino-04-create-access-key-safe.json', 'access keys of its own user only (`${aws:username}`): no path', []],
    ['rhino-04-create-access-key.json', 'access keys of any user', ['user-credentials /Statement/0 iam-002']],
    ['rhino-05-create-login-profile-safe.json', 'a console password of its own user only: no path', []],
    [
      'rhino-05-create-login-profile.json',
      'a console password for any user',
      ['user-credentials /Statement/0 iam-004'],
    ],
    ['rhino-06-update-login-profile-safe.json', 'its own console password only: no path', []],
    [
      'rhino-06-update-login-profile.json',
      'the console password of any user changed',
      ['user-credentials /Statement/0 iam-006'],
    ],
    [
      'rhino-07-attach-user-policy-any-aws-managed.json',
      '`iam:PolicyARN` `ArnLike` every AWS managed policy admits AdministratorAccess: still a path',
      ['iam-policy-modification /Statement/0 iam-008'],
    ],
    [
      'rhino-07-attach-user-policy-safe.json',
      'only ReadOnlyAccess attached (`ArnEquals` `iam:PolicyARN`): no path',
      [],
    ],
    [
      'rhino-07-attach-user-policy.json',
      'any policy attached to any user',
      ['iam-policy-modification /Statement/0 iam-008'],
    ],
    ['rhino-08-attach-group-policy-safe.json', 'only ReadOnlyAccess attached to groups: no path', []],
    [
      'rhino-08-attach-group-policy.json',
      'any policy attached to any group',
      ['iam-policy-modification /Statement/0 iam-010'],
    ],
    [
      'rhino-09-attach-role-policy-safe.json',
      'only ReadOnlyAccess attached to roles: no attach path, `sts:AssumeRole` on `*` stays',
      ['assume-any-role /Statement/1 sts-001'],
    ],
    [
      'rhino-09-attach-role-policy.json',
      'any policy attached to a role it assumes',
      ['assume-any-role /Statement/0 sts-001 iam-014', 'iam-policy-modification /Statement/0 iam-009 iam-014'],
    ],
    [
      'rhino-10-put-user-policy-via-cloudformation.json',
      'inline user policies only through CloudFormation (`aws:CalledVia`): a stack of its own writes them all the same',
      ['iam-policy-modification /Statement/0 iam-007'],
    ],
    [
      'rhino-10-put-user-policy.json',
      'an inline policy written on any user',
      ['iam-policy-modification /Statement/0 iam-007'],
    ],
    [
      'rhino-11-put-group-policy.json',
      'an inline policy written on any group',
      ['iam-policy-modification /Statement/0 iam-011'],
    ],
    [
      'rhino-12-put-role-policy.json',
      'an inline policy written on a role it assumes',
      ['assume-any-role /Statement/0 sts-001 iam-017', 'iam-policy-modification /Statement/0 iam-005 iam-017'],
    ],
    ['rhino-13-add-user-to-group-safe.json', 'users added to the `readers` group only: no path', []],
    ['rhino-13-add-user-to-group.json', 'itself added to any group', ['iam-policy-modification /Statement/0 iam-013']],
    [
      'rhino-14-update-assume-role-policy.json',
      'the trust policy of any role rewritten, the role assumed',
      ['assume-any-role /Statement/0 sts-001', 'iam-policy-modification /Statement/0 iam-012'],
    ],
    [
      'rhino-15-pass-role-lambda-deny-without-mfa.json',
      'a Deny of passing roles to Lambda without MFA: open unless that Deny applies (the message says so)',
      ['pass-role-to-service /Statement/0 lambda-001', 'pass-role-wildcard /Statement/0'],
    ],
    ['rhino-15-pass-role-lambda-invoke-safe.json', 'one execution role passed to Lambda only: no path', []],
    [
      'rhino-15-pass-role-lambda-invoke.json',
      'any role passed to a new function, invoked',
      ['pass-role-to-service /Statement/0 lambda-001', 'pass-role-wildcard /Statement/0'],
    ],
    [
      'rhino-16-pass-role-lambda-event-source-safe.json',
      'roles passed to ECS tasks only: no Lambda path, any role passed to ECS stays',
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'rhino-16-pass-role-lambda-event-source.json',
      'any role passed to a new function, run by an event source mapping',
      ['pass-role-to-service /Statement/0 lambda-002', 'pass-role-wildcard /Statement/0'],
    ],
    ['rhino-17-update-function-code-safe.json', 'code of the functions tagged `team` `orders` only: no path', []],
    [
      'rhino-17-update-function-code.json',
      'the code of any function replaced',
      ['run-as-existing-role /Statement/0 lambda-003'],
    ],
    ['rhino-18-pass-role-glue-dev-endpoint-safe.json', 'one role passed to Glue only: no path', []],
    [
      'rhino-18-pass-role-glue-dev-endpoint.json',
      'any role passed to a new Glue development endpoint',
      ['pass-role-to-service /Statement/0 glue-001', 'pass-role-wildcard /Statement/0'],
    ],
    ['rhino-19-update-glue-dev-endpoint-safe.json', 'one named development endpoint updated: no path', []],
    [
      'rhino-19-update-glue-dev-endpoint-tagged.json',
      'the development endpoints tagged `team` `analytics` only: no path',
      [],
    ],
    [
      'rhino-19-update-glue-dev-endpoint.json',
      'the SSH key of any Glue development endpoint replaced',
      ['run-as-existing-role /Statement/0 glue-002'],
    ],
    [
      'rhino-20-pass-role-cloudformation-safe.json',
      'stacks only without a role (`Null` `cloudformation:RoleArn`), roles passed to ECS only: no stack path',
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'rhino-20-pass-role-cloudformation.json',
      'any role passed to a new stack',
      ['pass-role-to-service /Statement/0 cloudformation-001', 'pass-role-wildcard /Statement/0'],
    ],
    [
      'rhino-21-pass-role-data-pipeline-safe.json',
      'roles passed to Lambda only: no pipeline path',
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'rhino-21-pass-role-data-pipeline.json',
      'any role passed to a new data pipeline, defined and activated',
      ['pass-role-to-service /Statement/0 datapipeline-create datapipeline-001', 'pass-role-wildcard /Statement/0'],
    ],
    [
      'sagemaker-notebook-safe.json',
      'one role passed to SageMaker, notebooks `app-*` created, no presigned URL: no path',
      [],
    ],
    [
      'sagemaker-notebook.json',
      'any role passed to a new notebook, opened with a presigned URL',
      [
        'pass-role-to-service /Statement/0 sagemaker-001',
        'pass-role-wildcard /Statement/0',
        'run-as-existing-role /Statement/1 sagemaker-004',
      ],
    ],
    ['ssm-send-command-safe.json', 'only the AWS patch baseline document sent: no code of its own', []],
    ['ssm-send-command.json', 'any command sent to any instance', ['run-as-existing-role /Statement/0 ssm-002']],
  ])('%s: %s', (file, _behaviour, expected) => {
    const report = lint(file);
    expect(escalations(report)).toEqual(expected);
    // Each finding is about the policy linted, and names no account that is not in it.
    for (const f of report.findings.filter(escalating)) {
      expect(f.message).toMatch(new RegExp(`^policy \`${file.replace(/[.]/g, '\\.')}\``));
      expect(f.message).not.toMatch(/123456789012|iamgate-/);
    }
  });

  it('a Deny of passing roles to Lambda without MFA: the path says what it is open unless', () => {
    const [finding] = lint('rhino-15-pass-role-lambda-deny-without-mfa.json').findings.filter(
      (f) => f.ruleId === 'privilege-escalation/pass-role-to-service',
    );
    expect(finding?.message).toContain(
      'open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:PassRole`',
    );
  });
});

describe('the same methods under a boundary that allows no IAM write (cdk-guard)', () => {
  it('each bounded role has no path; the unbounded twin has', () => {
    const report = run('packages/cdk-guard/bin/cdk-guard.js', [`${DIR}/templates/bounded-twins.template.json`]).report;
    expect(escalations(report)).toEqual([
      'assume-any-role PutRolePolicyUnbounded /Statement/0 sts-001 iam-017',
      'iam-policy-modification PutRolePolicyUnbounded /Statement/0 iam-005 iam-017',
    ]);
    expect(report.findings.map((f) => f.message).join('\n')).not.toMatch(/123456789012|iamgate-/);
  });
});
