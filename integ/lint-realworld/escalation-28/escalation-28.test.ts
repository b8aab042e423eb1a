/**
 * The survey of round 28 (see README.md beside this file): the AWS managed policies users attach,
 * each attached by ARN to a role of a Terraform plan, with the escalation and administrator
 * findings a reviewer expects of each; and documents of our own for `iam:*` allowed in a Region
 * IAM never answers in and for Auto Scaling groups launching only from approved configurations.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const DIR = 'integ/lint-realworld/escalation-28';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const TF_SCAN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const IAMGATE = path.join(ROOT, 'packages/core/bin/iamgate.js');

interface Report {
  findings: {
    ruleId: string;
    principal?: string;
    message: string;
    location: { pointer?: string };
    evidence?: { path?: string; target?: string; alsoOpens?: string[]; open?: string[] };
  }[];
  errors: unknown[];
}

function run(bin: string, args: string[]): Report {
  const result = spawnSync(process.execPath, [bin, ...args, '--config', CONFIG, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  expect(report.errors).toEqual([]);
  return report;
}

const short = (id: string | undefined): string => (id ?? '').replace(/^aws_iam_role\./, '');

describe('AWS managed policies attached by ARN (managed-policies.plan.json)', () => {
  const report = (): Report => run(TF_SCAN, [`${DIR}/managed-policies.plan.json`]);

  it('the plan is the one build-plan.js writes', () => {
    const built = spawnSync(process.execPath, [path.join(ROOT, DIR, 'build-plan.js')], { encoding: 'utf8' });
    expect(built.stdout).toBe(fs.readFileSync(path.join(ROOT, DIR, 'managed-policies.plan.json'), 'utf8'));
  });

  it('every escalation and administrator finding, as `rule role pointer [path target]`', () => {
    const found = report()
      .findings.filter((f) => /^(privilege-escalation|admin-access)\//.test(f.ruleId))
      .map((f) =>
        [
          f.ruleId.slice(f.ruleId.indexOf('/') + 1),
          short(f.principal),
          f.location.pointer ?? '',
          f.evidence?.path ?? '',
          short(f.evidence?.target),
        ]
          .filter((part) => part !== '')
          .join(' '),
      );
    expect(found.sort()).toEqual(
      [
        // Administrators: the job function, and the two roles the others pass.
        'full-access administrator /Statement/0',
        'full-access ec2_sysadmin_ops /Statement/0',
        'full-access lambda_dynamodb_ops /Statement/0',
        // PowerUserAccess: every action but iam:*, organizations:* and account:* (so no
        // iam:PassRole, no path through a new resource); sts:AssumeRole and the existing
        // workloads remain.
        'not-action-allow power_user /Statement/0/NotAction',
        'assume-any-role power_user /Statement/0 sts-001',
        'run-as-existing-role power_user /Statement/0 apprunner-002',
        // SystemAdministrator passes `ec2-sysadmin-*` and launches instances: toward the
        // administrator of that name, one finding that names each way to put it on an instance.
        'pass-role-to-service system_administrator /Statement/4 ec2-001 ec2_sysadmin_ops',
        'run-as-existing-role system_administrator /Statement/0 ec2-002',
        // DatabaseAdministrator passes `lambda-dynamodb-*` and creates functions and their event
        // source mappings (no lambda:InvokeFunction): lambda-002 toward that administrator.
        'pass-role-to-service database_administrator /Statement/2 lambda-002 lambda_dynamodb_ops',
        // DataScientist passes any role to SageMaker.
        'pass-role-to-service data_scientist /Statement/4 sagemaker-001',
        'pass-role-wildcard data_scientist /Statement/4',
        'run-as-existing-role data_scientist /Statement/0 lambda-003',
        'run-as-existing-role data_scientist /Statement/5 sagemaker-004',
        // AmazonSageMakerFullAccess passes any role to SageMaker (iam:PassedToService).
        'pass-role-to-service sagemaker_full /Statement/30 sagemaker-001',
        'pass-role-wildcard sagemaker_full /Statement/30',
        'run-as-existing-role sagemaker_full /Statement/0 sagemaker-004',
        // AWSLambda_FullAccess passes any role to Lambda.
        'pass-role-to-service lambda_full /Statement/1 lambda-001',
        'pass-role-wildcard lambda_full /Statement/1',
        'run-as-existing-role lambda_full /Statement/0 lambda-003',
        // Full access to a service that runs existing roles' code, without iam:PassRole.
        'run-as-existing-role cloudformation_full /Statement/0 cloudformation-002',
        'run-as-existing-role codebuild_admin /Statement/0 codebuild-002',
        'run-as-existing-role codebuild_admin /Statement/3 ssm-001',
        'run-as-existing-role ec2_full /Statement/0 ec2-002',
        'run-as-existing-role glue_service /Statement/0 glue-002',
        // IAMFullAccess is administrator access by escalation; AWSOrganizationsFullAccess by the guardrails.
        'service-admin iam_full /Statement/0',
        'iam-policy-modification iam_full /Statement/0 iam-001',
        'pass-role-wildcard iam_full /Statement/0',
        'user-credentials iam_full /Statement/0 iam-002',
        'service-admin organizations_full /Statement/0',
      ].sort(),
    );
  });

  it('SystemAdministrator toward `ec2-sysadmin-ops`: the most direct way, the five others named', () => {
    const toAdmin = report().findings.filter(
      (f) => short(f.principal) === 'system_administrator' && short(f.evidence?.target) === 'ec2_sysadmin_ops',
    );
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]?.evidence?.alsoOpens).toEqual([
      'ec2-003',
      'ec2-associate-profile',
      'ec2-replace-profile',
      'autoscaling-launch-configuration',
      'autoscaling-update-group',
    ]);
    expect(toAdmin[0]?.message).toContain('paths `ec2-001`, `ec2-003`, `ec2-associate-profile` and 3 more');
  });

  it('read-only, audit, network, instance and execution roles and the password-changing user: no escalation', () => {
    const quiet = [
      'security_audit',
      'view_only',
      'read_only',
      'network_administrator',
      'lambda_basic',
      'ecs_task_execution',
      'ssm_instance',
      'aws_iam_user.console',
    ];
    const loud = report().findings.filter(
      (f) => /^(privilege-escalation|admin-access)\//.test(f.ruleId) && quiet.includes(short(f.principal)),
    );
    expect(loud).toEqual([]);
  });
});

describe('documents of our own (policies/)', () => {
  it.each<[string, string, string[]]>([
    [
      'iam-all-in-eu-west-1.json',
      "`iam:*` in eu-west-1 only: no IAM call (IAM answers in us-east-1); iam:PassRole, checked in the Region of the service, remains, and is pass-role-wildcard's alone",
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'iam-all-but-reads-denied.json',
      '`iam:*` with a Deny of all but `iam:Get*` and `iam:List*`: a wildcard, named with the reads it leaves',
      ['service-wildcard /Statement/0'],
    ],
    [
      'iam-all-in-us-east-1.json',
      'the same naming us-east-1 as well: administrator access',
      [
        'service-admin /Statement/0',
        'iam-policy-modification /Statement/0 iam-001',
        'pass-role-wildcard /Statement/0',
        'user-credentials /Statement/0 iam-002',
      ],
    ],
    [
      'autoscaling-approved-configurations.json',
      'groups only on approved configurations the caller cannot create (it creates `web-*` ones): no Auto Scaling path',
      ['pass-role-wildcard /Statement/0'],
    ],
    [
      'autoscaling-own-configurations.json',
      'groups on the `web-*` configurations the caller creates: both Auto Scaling paths, one finding',
      ['pass-role-to-service /Statement/0 autoscaling-launch-configuration', 'pass-role-wildcard /Statement/0'],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    const found = run(IAMGATE, ['lint', `${DIR}/policies/${file}`]).findings.map((f) =>
      [f.ruleId.slice(f.ruleId.indexOf('/') + 1), f.location.pointer ?? '', f.evidence?.path ?? '']
        .filter((part) => part !== '')
        .join(' '),
    );
    expect(found.sort()).toEqual([...expected].sort());
  });

  it('the launch configuration path names the group update path it also opens', () => {
    const passes = run(IAMGATE, ['lint', `${DIR}/policies/autoscaling-own-configurations.json`]).findings.find(
      (f) => f.ruleId === 'privilege-escalation/pass-role-to-service',
    );
    expect(passes?.evidence?.alsoOpens).toEqual(['autoscaling-update-group']);
  });

  it('`iam:*` with all but reads denied says the reads are what it leaves, not every IAM action', () => {
    const wildcard = run(IAMGATE, ['lint', `${DIR}/policies/iam-all-but-reads-denied.json`]).findings.find(
      (f) => f.ruleId === 'wildcard-action/service-wildcard',
    );
    expect(wildcard?.message).toMatch(
      /^policy `iam-all-but-reads-denied\.json` is allowed `iam:\*`, but a Deny, the permissions boundary or a Region condition leaves it only `iam:Get\w+`, `iam:Get\w+`, `iam:Get\w+` and \d+ more$/,
    );
    const open = wildcard?.evidence?.open ?? [];
    expect(open).toContain('iam:GetRole');
    expect(open).toContain('iam:ListRoles');
    expect(open.filter((a) => !/^iam:(Get|List)/.test(a))).toEqual([]);
  });
});
