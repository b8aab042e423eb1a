/**
 * The partition of the deployment (round 30, README.md beside this file): a policy naming no
 * partition (`Resource` `*`, a Region test) is read in the partition of the Region the plan deploys
 * to. `china-ops.plan.json`: an operations role allowed `iam:*`, denied it in `us-east-1` (IAM's
 * Region in `aws`), its AWS provider in `cn-north-1`, where IAM answers in `cn-north-1`: the Deny
 * takes nothing away there. The same plan in `eu-west-1` is the control. `china.cdk.out`: the same
 * role in a cloud assembly whose stacks deploy to `cn-north-1` and `eu-west-1` (`AWS::Partition`
 * is the Region's).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../../tf-scan/run-tf-scan';

const PLAN = path.join(ROOT, 'integ/lint-realworld/escalation-30/china-ops.plan.json');

interface Finding {
  ruleId: string;
  location: { address?: string; pointer?: string };
  evidence?: { partition?: string; partitionAssumed?: boolean };
}

/** The plan with its AWS provider in `region`. */
function planIn(region: string): string {
  const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8')) as {
    configuration: { provider_config: { aws: { expressions: { region: { constant_value: string } } } } };
  };
  plan.configuration.provider_config.aws.expressions.region.constant_value = region;
  return JSON.stringify(plan);
}

function scan(plan: string): { findings: Finding[]; status: number | null } {
  const run = runTfScan(['-', '--format', 'json'], plan);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { findings: Finding[]; errors: unknown[] };
  expect(report.errors).toEqual([]);
  return { findings: report.findings, status: run.status };
}

const onPolicy = (findings: readonly Finding[]): string[] =>
  findings
    .filter((f) => f.location.address === 'aws_iam_role_policy.ops')
    .map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`)
    .sort();

describe('`iam:*` denied in us-east-1, deployed by a provider in a Region of China', () => {
  it('cn-north-1: read in aws-cn, where the Deny takes nothing away: administrator of IAM, its escalations', () => {
    const { findings, status } = scan(planIn('cn-north-1'));
    expect(status).toBe(1);
    expect(onPolicy(findings)).toEqual([
      'admin-access/service-admin /Statement/0',
      'privilege-escalation/iam-policy-modification /Statement/0',
      'privilege-escalation/pass-role-wildcard /Statement/0',
      'privilege-escalation/user-credentials /Statement/0',
    ]);
    // Read in the deployment's partition, not assumed.
    expect(findings.filter((f) => f.evidence?.partitionAssumed === true)).toEqual([]);
  });

  it('eu-west-1 (control): read in aws, where IAM answers in us-east-1 only: only the pass of any role remains', () => {
    const { findings } = scan(planIn('eu-west-1'));
    expect(onPolicy(findings)).toEqual(['privilege-escalation/pass-role-wildcard /Statement/0']);
    expect(findings.filter((f) => f.evidence?.partitionAssumed === true)).toEqual([]);
  });
});

describe('the same role in a cloud assembly whose environment names the Region', () => {
  it('OpsBeijing (cn-north-1) is administrator of IAM, OpsIreland (eu-west-1) only passes any role', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js'),
        'integ/lint-realworld/escalation-30/china.cdk.out',
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      findings: (Finding & { location: { stack?: string } })[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
    const of = (stack: string): string[] =>
      report.findings
        .filter((f) => f.location.stack === stack && !f.ruleId.startsWith('trust-policy/'))
        .map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`)
        .sort();
    expect(of('OpsBeijing')).toEqual([
      'admin-access/service-admin /Statement/0',
      'privilege-escalation/iam-policy-modification /Statement/0',
      'privilege-escalation/pass-role-wildcard /Statement/0',
      'privilege-escalation/user-credentials /Statement/0',
    ]);
    expect(of('OpsIreland')).toEqual(['privilege-escalation/pass-role-wildcard /Statement/0']);
  });
});

/** The plan with `edit` applied to its parsed JSON. */
function planWith(edit: (plan: PlanJson) => void): string {
  const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8')) as PlanJson;
  edit(plan);
  return JSON.stringify(plan);
}

interface PlanJson {
  variables?: Record<string, { value: unknown }>;
  configuration: {
    provider_config: Record<string, { name: string; alias?: string; expressions: Record<string, unknown> }>;
    root_module: { resources: { provider_config_key: string }[]; variables?: Record<string, unknown> };
  };
}

const ADMIN_OF_IAM = [
  'admin-access/service-admin /Statement/0',
  'privilege-escalation/iam-policy-modification /Statement/0',
  'privilege-escalation/pass-role-wildcard /Statement/0',
  'privilege-escalation/user-credentials /Statement/0',
];

describe('the Region of the provider the role is managed through, however the plan gives it', () => {
  const aliased = (defaultRegion: string, aliasRegion: string): string =>
    planWith((plan) => {
      const config = plan.configuration;
      (config.provider_config['aws'] as { expressions: Record<string, unknown> }).expressions = {
        region: { constant_value: defaultRegion },
      };
      config.provider_config['aws.other'] = {
        name: 'aws',
        alias: 'other',
        expressions: { region: { constant_value: aliasRegion } },
      };
      for (const resource of config.root_module.resources) resource.provider_config_key = 'aws.other';
    });

  it('an aliased provider (`provider = aws.other`) in cn-north-1, the default in eu-west-1: read in aws-cn', () => {
    expect(onPolicy(scan(aliased('eu-west-1', 'cn-north-1')).findings)).toEqual(ADMIN_OF_IAM);
  });

  it('the default in cn-north-1, the aliased provider the role uses in eu-west-1: read in aws', () => {
    expect(onPolicy(scan(aliased('cn-north-1', 'eu-west-1')).findings)).toEqual([
      'privilege-escalation/pass-role-wildcard /Statement/0',
    ]);
  });

  it('`region = var.region`, the plan giving us-gov-west-1: read in aws-us-gov', () => {
    const plan = planWith((p) => {
      (p.configuration.provider_config['aws'] as { expressions: Record<string, unknown> }).expressions = {
        region: { references: ['var.region'] },
      };
      p.configuration.root_module.variables = { region: {} };
      p.variables = { region: { value: 'us-gov-west-1' } };
    });
    expect(onPolicy(scan(plan).findings)).toEqual(ADMIN_OF_IAM);
  });

  it.each([
    [
      'no region in the provider block (AWS_REGION)',
      (p: PlanJson) => void Object.assign(p.configuration.provider_config['aws'] ?? {}, { expressions: {} }),
    ],
    ['no provider block', (p: PlanJson) => void Object.assign(p.configuration, { provider_config: {} })],
    [
      'a region that is no Region name',
      (p: PlanJson) =>
        void Object.assign(p.configuration.provider_config['aws'] ?? {}, {
          expressions: { region: { constant_value: 'europe' } },
        }),
    ],
  ])('%s: read in aws, as before', (_name, edit) => {
    expect(onPolicy(scan(planWith(edit)).findings)).toEqual(['privilege-escalation/pass-role-wildcard /Statement/0']);
  });
});

describe('tf-scan: a function whose role only apply knows (hidden-function-role.plan.json)', () => {
  it('a role that may replace its code: undecided, naming the function and the remote state output', () => {
    const run = runTfScan(['integ/lint-realworld/escalation-30/hidden-function-role.plan.json', '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: (Finding & { message: string })[] };
    const undecided = report.findings.filter((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(undecided.map((f) => f.location.address)).toEqual(['aws_iam_role_policy.hotfix']);
    expect(undecided[0]?.message).toContain('privilege-escalation/run-as-existing-role');
    expect(undecided[0]?.message).toContain('`aws_lambda_function.report`');
    expect(undecided[0]?.message).toContain('data.terraform_remote_state.platform.outputs.report_role_arn');
    expect(undecided[0]?.message).toContain('`lambda:UpdateFunctionCode`');
  });

  it('nothing when no principal may change or enter the function', () => {
    const plan = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'integ/lint-realworld/escalation-30/hidden-function-role.plan.json'), 'utf8'),
    ) as unknown;
    const text = JSON.stringify(plan).replace(/lambda:UpdateFunctionCode/g, 'lambda:InvokeFunction');
    const report = JSON.parse(runTfScan(['-', '--format', 'json'], text).stdout) as { findings: Finding[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });
});
