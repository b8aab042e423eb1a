/**
 * The survey of round 29 (see README.md beside this file): the deploy-role policies platform teams
 * write for CI/CD (GitHub Actions, GitLab), each with the escalation findings a reviewer expects;
 * the paths toward one role of the scan as one finding; `iam:*` outside `us-east-1` read in the
 * `aws` partition when no ARN names one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const DIR = 'integ/lint-realworld/escalation-29';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const IAMGATE = path.join(ROOT, 'packages/core/bin/iamgate.js');
const CDK_GUARD = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');

interface Finding {
  ruleId: string;
  principal?: string;
  message: string;
  fingerprint: string;
  location: { pointer?: string };
  evidence?: {
    path?: string;
    alsoOpens?: string[];
    targets?: string[];
    partition?: string;
    partitionAssumed?: boolean;
  };
}

interface Report {
  findings: Finding[];
  suppressed: Finding[];
  errors: unknown[];
}

function run(bin: string, args: readonly string[], config = CONFIG): Report {
  const result = spawnSync(process.execPath, [bin, ...args, '--config', config, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  expect(report.errors).toEqual([]);
  return report;
}

/** `rule pointer [path]` of each escalation and administrator finding. */
function escalations(report: Report): string[] {
  return report.findings
    .filter((f) => /^(privilege-escalation|admin-access)\//.test(f.ruleId))
    .map((f) =>
      [f.ruleId.slice(f.ruleId.indexOf('/') + 1), f.location.pointer ?? '', f.evidence?.path ?? '']
        .filter((part) => part !== '')
        .join(' '),
    )
    .sort();
}

describe('CI/CD deploy-role policies (policies/)', () => {
  it.each<[string, string, string[]]>([
    [
      'boundary-delegation.json',
      'roles created only with the boundary, its removal denied, the boundary policy not editable: no escalation',
      [],
    ],
    [
      'boundary-not-required.json',
      'the same without the `iam:PermissionsBoundary` condition: a new role given any permissions, run in Lambda',
      ['iam-policy-modification /Statement/0 new-role-attach-lambda-001'],
    ],
    [
      'boundary-removable.json',
      'the boundary required, but its removal allowed and not denied',
      ['iam-policy-modification /Statement/0 new-role-attach-lambda-001'],
    ],
    [
      'boundary-policy-editable.json',
      'the boundary required, but the boundary policy among the `policy/app-*` the role may version',
      ['iam-policy-modification /Statement/0 new-role-attach-lambda-001'],
    ],
    [
      'iam-all-on-app-roles.json',
      '`iam:*` on `role/app-*` without a boundary condition, functions created and invoked',
      ['iam-policy-modification /Statement/0 new-role-attach-lambda-001'],
    ],
    [
      'boundary-delegation-manages-policies.json',
      'the delegation, developers creating and versioning their own `policy/app-*`, the boundary policy denied versions and deletion: no escalation',
      [],
    ],
    [
      'boundary-delegation-creates-policies.json',
      'the delegation, developers creating their own `policy/app-*` (`iam:CreatePolicy` of the boundary fails, it exists): no escalation',
      [],
    ],
    [
      'boundary-policy-recreatable.json',
      'the delegation, but the boundary policy among the `policy/app-*` the role may delete and create again',
      ['iam-policy-modification /Statement/0 new-role-attach-lambda-001'],
    ],
    ['passrole-app-to-ecs.json', '`role/app-*` passed to ECS tasks only: no escalation', []],
    ['cdk-bootstrap-assume.json', '`sts:AssumeRole` on the `cdk-*` bootstrap roles: no escalation', []],
    [
      'cloudformation-pass-any-role.json',
      '`cloudformation:*` and any role passed to CloudFormation: new stacks with any role, existing stacks updated',
      [
        'pass-role-to-service /Statement/1 cloudformation-001',
        'pass-role-wildcard /Statement/1',
        'run-as-existing-role /Statement/0 cloudformation-002',
      ],
    ],
    [
      'cloudformation-pass-exec-role.json',
      'stacks `app-*` with one execution role passed to CloudFormation: no escalation',
      [],
    ],
    [
      'lambda-update-code-any.json',
      '`lambda:UpdateFunctionCode` on `*`',
      ['run-as-existing-role /Statement/0 lambda-003'],
    ],
    ['ssm-send-command-any.json', '`ssm:SendCommand` on `*`', ['run-as-existing-role /Statement/0 ssm-002']],
    [
      'ec2-run-instances-pass-any.json',
      'instances launched with any role of the account',
      ['pass-role-to-service /Statement/1 ec2-001', 'pass-role-wildcard /Statement/1'],
    ],
    ['ec2-run-instances-pass-app.json', 'instances launched with one role, passed to EC2 only: no escalation', []],
    [
      'codebuild-start-build-any.json',
      '`codebuild:StartBuild` on `*` (a buildspec override runs as the project role)',
      ['run-as-existing-role /Statement/0 codebuild-002'],
    ],
    [
      'glue-update-dev-endpoint.json',
      '`glue:UpdateDevEndpoint` on `*` (a new key on an endpoint running as its role)',
      ['run-as-existing-role /Statement/0 glue-002'],
    ],
  ])('%s: %s', (file, _behaviour, expected) => {
    expect(escalations(run(IAMGATE, ['lint', `${DIR}/policies/${file}`]))).toEqual([...expected].sort());
  });

  it.each([
    ['boundary-removable.json', 'a boundary it may take off with `iam:DeleteRolePermissionsBoundary`'],
    [
      'boundary-policy-editable.json',
      '`arn:aws:iam::111122223333:policy/app-boundary`, a policy it may write with `iam:CreatePolicyVersion`',
    ],
    [
      'boundary-policy-recreatable.json',
      '`arn:aws:iam::111122223333:policy/app-boundary`, a policy it may delete and write again with `iam:DeletePolicy` + `iam:CreatePolicy`',
    ],
  ])('%s: the finding names the missing guard', (file, why) => {
    const found = run(IAMGATE, ['lint', `${DIR}/policies/${file}`]).findings.filter(
      (f) => f.ruleId === 'privilege-escalation/iam-policy-modification',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(why);
  });
});

describe('paths toward one role of the scan (operator.template.json)', () => {
  const passes = (report: Report): Finding[] =>
    report.findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');

  it('three ways to put the EC2 administrator on an instance: one finding naming them', () => {
    const found = passes(run(CDK_GUARD, [`${DIR}/operator.template.json`]));
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence?.path).toBe('ec2-001');
    expect(found[0]?.evidence?.alsoOpens).toEqual(['ec2-003', 'ec2-associate-profile']);
    expect(found[0]?.message).toContain('paths `ec2-001`, `ec2-003`, `ec2-associate-profile`');
  });

  it('the statements reordered: the same fingerprint, and a baseline of the first run holds it', () => {
    const first = passes(run(CDK_GUARD, [`${DIR}/operator.template.json`]));
    const reordered = passes(run(CDK_GUARD, [`${DIR}/operator-reordered.template.json`]));
    expect(reordered[0]?.location.pointer).toBe('/Statement/1');
    expect(reordered.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
    const baseline = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escalation-29-')), 'baseline.json');
    const written = spawnSync(
      process.execPath,
      [CDK_GUARD, `${DIR}/operator.template.json`, '--config', CONFIG, '--write-baseline', baseline],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(written.stderr).toMatch(/^cdk-guard: wrote \d+ fingerprints to /);
    expect(passes(run(CDK_GUARD, [`${DIR}/operator-reordered.template.json`, '--baseline', baseline]))).toEqual([]);
  });

  it('two administrators EC2 may assume, in either order of the resources: one finding naming the same one, one fingerprint', () => {
    const first = passes(run(CDK_GUARD, [`${DIR}/operator-two-admins.template.json`]));
    const reordered = passes(run(CDK_GUARD, [`${DIR}/operator-two-admins-reordered.template.json`]));
    expect(first).toHaveLength(1);
    expect(first[0]?.message).toContain('role `ec2-admin-ops`');
    expect(first[0]?.evidence?.targets).toEqual(['Ec2Admin', 'Ec2AdminZ']);
    expect(reordered.map((f) => [f.fingerprint, f.message, f.evidence?.targets])).toEqual(
      first.map((f) => [f.fingerprint, f.message, f.evidence?.targets]),
    );
  });

  it('`ec2:RunInstances` only when condition Big is true: the way open on every deploy is its own finding', () => {
    const found = passes(run(CDK_GUARD, [`${DIR}/operator-if.template.json`]));
    expect(
      found.map((f) => [f.evidence?.path, f.evidence?.alsoOpens, f.message.endsWith('(when condition `Big` is true)')]),
    ).toEqual([
      ['ec2-associate-profile', undefined, false],
      ['ec2-001', undefined, true],
    ]);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('a suppression of the rule for the operator suppresses the one finding', () => {
    const report = run(CDK_GUARD, [`${DIR}/operator.template.json`], `${DIR}/suppress-operator.config.json`);
    expect(passes(report)).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.principal, f.evidence?.path])).toEqual([
      ['privilege-escalation/pass-role-to-service', 'Operator', 'ec2-001'],
    ]);
  });
});

describe('`iam:*` allowed outside us-east-1 (policies/iam-all-outside-us-east-1*.json)', () => {
  it('no ARN names the partition: read in `aws`, where IAM answers in us-east-1, and said so', () => {
    const report = run(IAMGATE, ['lint', `${DIR}/policies/iam-all-outside-us-east-1.json`]);
    expect(escalations(report)).toEqual(['pass-role-wildcard /Statement/0']);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('wildcard-action/service-wildcard');
    expect(report.findings[0]?.evidence).toMatchObject({ partition: 'aws', partitionAssumed: true });
  });

  it('ARNs of aws-cn, where IAM answers in cn-north-1: administrator access, no assumption', () => {
    const report = run(IAMGATE, ['lint', `${DIR}/policies/iam-all-outside-us-east-1-china.json`]);
    expect(escalations(report)).toEqual([
      'iam-policy-modification /Statement/0 iam-001',
      'pass-role-wildcard /Statement/0',
      'service-admin /Statement/0',
      'user-credentials /Statement/0 iam-002',
    ]);
    expect(report.findings.every((f) => f.evidence?.partitionAssumed === undefined)).toBe(true);
  });

  const ADMIN_IN_IAM = [
    'iam-policy-modification /Statement/0 iam-001',
    'pass-role-wildcard /Statement/0',
    'service-admin /Statement/0',
    'user-credentials /Statement/0 iam-002',
  ];

  it.each<[string, string, string[], boolean]>([
    [
      'iam-all-denied-in-us-east-1.json',
      '`iam:*` allowed, denied in us-east-1: in aws as closed as allowed outside it, not administrator access',
      ['pass-role-wildcard /Statement/0'],
      true,
    ],
    [
      'iam-all-in-china-pattern.json',
      '`iam:*` allowed in `cn-*`: read in aws-cn, administrator access',
      ADMIN_IN_IAM,
      false,
    ],
    [
      'iam-all-outside-us-east-1-two-partitions.json',
      'ARNs of aws and aws-cn: read in each partition, administrator access in aws-cn',
      ADMIN_IN_IAM,
      false,
    ],
    [
      'iam-all-outside-us-gov-west-1.json',
      'a Region the Allow leaves out names no partition: read in aws, administrator access',
      ADMIN_IN_IAM,
      true,
    ],
  ])('%s: %s', (file, _behaviour, expected, assumed) => {
    const report = run(IAMGATE, ['lint', `${DIR}/policies/${file}`]);
    expect(escalations(report)).toEqual(expected);
    expect(report.findings.every((f) => (f.evidence?.partitionAssumed === true) === assumed)).toBe(true);
  });

  it('`ec2:*` allowed outside eu-west-1: EC2 answers in every Region, no finding says a partition was assumed', () => {
    const report = run(IAMGATE, ['lint', `${DIR}/policies/ec2-all-outside-eu-west-1.json`]);
    expect(report.findings.map((f) => f.ruleId)).toContain('wildcard-action/service-wildcard');
    expect(report.findings.filter((f) => f.evidence?.partition !== undefined)).toEqual([]);
  });

  it('a boundary allowing everything in the China Regions, no ARN: read in aws-cn, it caps nothing', () => {
    const report = run(IAMGATE, ['lint', `${DIR}/policies/boundary-all-in-china.json`, '--type', 'boundary']);
    expect(report.findings.map((f) => f.ruleId)).toContain('boundary/caps-nothing');
  });
});
