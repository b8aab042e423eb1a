/**
 * The survey of round 32 (see README.md beside this file): deploy roles of CI pipelines, Terraform
 * runners, Lambda and ECS deployers and break-glass roles, each a small document of our own, run
 * through the built `iamgate lint`, `cdk-guard` and `tf-scan` as a user runs them. Each input with the
 * escalation and administrator findings a reviewer expects.
 */
import { escalations, run } from '../escalation-report';
import type { Report } from '../escalation-report';

const DIR = 'integ/lint-realworld/escalation-32';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';

const lint = (file: string): Report =>
  run('packages/core/bin/iamgate.js', ['lint', `${DIR}/policies/${file}`, '--config', CONFIG]).report;
const guard = (file: string): Report => run('packages/cdk-guard/bin/cdk-guard.js', [`${DIR}/templates/${file}`]).report;

describe('standalone deploy policies (iamgate lint)', () => {
  it.each<[string, string, string[]]>([
    [
      'ci-cfn-no-role-arn.json',
      'stacks created and updated with `Null` `cloudformation:RoleArn` `true`: no role passed to a stack; an update still runs as the role a stack has',
      ['pass-role-wildcard /Statement/1', 'run-as-existing-role /Statement/0 cloudformation-002'],
    ],
    [
      'ci-cfn-pinned-exec-role.json',
      'change sets pinned to one execution role by `ArnEquals` `cloudformation:RoleArn`, that role alone passed: no path',
      [],
    ],
    [
      'ci-pass-role-denied-to-cloudformation.json',
      'any role passed, but a Deny of passing to CloudFormation: no stack path; any role still passed elsewhere',
      ['pass-role-wildcard /Statement/1'],
    ],
    [
      'ci-pass-role-deny-all-but-lambda-roles.json',
      'PassRole on `*` beside a Deny of every role but `app-lambda-*` (`NotResource`): it passes those roles only',
      [],
    ],
    [
      'cdk-pipeline-assume-bootstrap-roles.json',
      'assuming the CDK bootstrap roles by their tag, passing `role/cdk-*`: no CloudFormation call of its own, no path',
      [],
    ],
    [
      'lambda-deployer-scoped.json',
      'functions `orders-*` with roles `orders-lambda-*` passed to Lambda: least privilege',
      [],
    ],
    [
      'lambda-deployer-any-role.json',
      'any role passed to Lambda, functions created and invoked: a path',
      [
        'pass-role-to-service /Statement/1 lambda-001',
        'pass-role-wildcard /Statement/1',
        'run-as-existing-role /Statement/0 lambda-003 lambda-004',
      ],
    ],
    ['ecs-task-deployer.json', 'two task roles passed to ECS tasks, one service updated: no path', []],
    [
      'ecs-task-deployer-any-role.json',
      'any role passed to ECS tasks, every prod service updated: a path',
      ['pass-role-to-service /Statement/2 ecs-update-service', 'pass-role-wildcard /Statement/2'],
    ],
    ['codebuild-ci-start-only.json', 'starting the builds of `app-*` projects: no path', []],
    [
      'codebuild-create-project-any-role.json',
      'projects created with any role and built: the shorter path through existing projects, the longer folded into it',
      ['pass-role-wildcard /Statement/1', 'run-as-existing-role /Statement/0 codebuild-002 codebuild-001'],
    ],
    ['ssm-automation-runner.json', 'one AWS runbook run with one automation role: no path', []],
    [
      'step-functions-deployer.json',
      'state machines `app-*` created and started with any role passed to Step Functions: a path',
      ['pass-role-to-service /Statement/1 stepfunctions-001', 'pass-role-wildcard /Statement/1'],
    ],
    ['break-glass-admin-mfa.json', 'every action under MFA: administrator access', ['full-access /Statement/0']],
    [
      'tf-runner-boundary-delegation.json',
      'roles created and written only under the app boundary, which it may neither remove nor rewrite: no path',
      [],
    ],
    [
      'tf-runner-boundary-not-equals-deny.json',
      'a Deny of every other boundary (`StringNotEquals` `iam:PermissionsBoundary`): no role created without it',
      [],
    ],
    [
      'tf-runner-boundary-any-value-deny.json',
      'the same Deny written `ForAnyValue:StringNotEquals`: it holds for no request without a boundary, so a role is created without one',
      ['iam-policy-modification /Statement/0 new-role-attach-assume'],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    expect(escalations(lint(file))).toEqual(expected);
  });
});

describe('deploy roles in templates of unknown account (cdk-guard)', () => {
  it.each<[string, string, string[]]>([
    [
      'ci-deploy-own-policy-versions.template.json',
      'policy versions on `policy/ci-deploy-*`, `ci-deploy-app` attached to the role itself: it rewrites its own permissions',
      ['iam-policy-modification CiDeployRole /Statement/0 iam-001 set-default-policy-version'],
    ],
    [
      'ci-runner-versions-of-assumed-role.template.json',
      'the same, the policy attached to the role it may assume: it rewrites that role and acts as it',
      ['iam-policy-modification CiRunnerRole /Statement/0 iam-016'],
    ],
    [
      'deployer-boundary-one-stack-role.template.json',
      'a boundary denying stacks with any role but a read-only one: no stack path; PassRole on `role/*` still reported',
      ['pass-role-wildcard DeployerRole /Statement/1'],
    ],
    [
      'deployer-boundary-one-passed-role.template.json',
      'a boundary denying PassRole on every role but one (`NotResource`): it passes that role only',
      [],
    ],
    [
      'stack-deployer-pinned-readonly-role.template.json',
      'stacks pinned by `StringEquals` `cloudformation:RoleArn` to a read-only role, an administrator role beside it: no path to the administrator',
      ['full-access AdminStackRole /Statement/0', 'pass-role-wildcard Deployer /Statement/1'],
    ],
    [
      'stack-deployer-pinned-admin-role.template.json',
      'the same stacks pinned to the administrator role: a path to it, CreateStack on `*` notwithstanding',
      [
        'full-access AdminStackRole /Statement/0',
        'pass-role-to-service Deployer /Statement/1 cloudformation-001',
        'pass-role-wildcard Deployer /Statement/1',
      ],
    ],
    [
      'ops-remove-own-boundary.template.json',
      'DeleteRolePermissionsBoundary on `role/app-*` where the boundary is the app boundary, the role own: it lifts it',
      [
        'iam-policy-modification OpsRole /Statement/1 own-boundary-lifted',
        'pass-role-to-service OpsRole /Statement/0 ec2-001 ec2-003 ec2-associate-profile ec2-replace-profile',
        'pass-role-wildcard OpsRole /Statement/0',
        'run-as-existing-role OpsRole /Statement/0 ec2-002 ec2-004 ec2-005',
      ],
    ],
    [
      'delegated-admin-boundary-kept.template.json',
      'a delegate whose name matches the roles it manages: it attaches policies to itself under its boundary; putting its boundary back lifts nothing',
      ['iam-policy-modification DelegateRole /Statement/0 iam-009'],
    ],
    [
      'delegated-admin-boundary-any-value.template.json',
      'the same with `ForAnyValue:StringNotEquals`: a role created without a boundary as well',
      ['iam-policy-modification DelegateRole /Statement/0 iam-009 new-role-attach-assume'],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    expect(escalations(guard(file))).toEqual(expected);
  });

  it('a boundary that lets its holder remove it: the finding names the boundary policy and whose it is', () => {
    const messages = guard('deployer-boundary-one-passed-role.template.json')
      .findings.filter((f) => f.ruleId === 'boundary/caps-nothing')
      .map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(
        /^the permissions boundary `stack-deployer-boundary` of role `DeployerRole` allows `iam:DeleteUserPermissionsBoundary`, /,
      ),
    ]);
  });

  it('a boundary the input does not hold, lifted: the finding says what was assumed of it', () => {
    const finding = guard('ops-remove-own-boundary.template.json').findings.find(
      (f) => f.evidence?.path === 'own-boundary-lifted',
    );
    expect(finding?.message).toContain(
      'can lift its own permissions boundary with `iam:DeleteRolePermissionsBoundary` on itself',
    );
    expect(finding?.evidence?.assumption).toContain(
      '`arn:aws:iam::111122223333:policy/app-boundary` is not in the input',
    );
  });
});

describe('a Terraform runner rolling its own deploy policy (tf-scan)', () => {
  it('policy versions on `policy/ci-deploy-*`, `ci-deploy-app` attached to the runner in the same plan: an error; exit 1', () => {
    const { report, status } = run('packages/tf-scan/bin/tf-scan.js', [
      `${DIR}/tf-runner-own-policy-versions.plan.json`,
    ]);
    expect(status).toBe(1);
    expect(escalations(report)).toEqual([
      'iam-policy-modification aws_iam_role_policy.versions /Statement/0 iam-001 set-default-policy-version',
    ]);
    expect(report.findings[0]?.message).toContain(
      'role `aws_iam_role.tf_runner` can change its own permissions with `iam:CreatePolicyVersion` on itself',
    );
  });
});
