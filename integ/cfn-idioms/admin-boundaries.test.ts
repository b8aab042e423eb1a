/**
 * `cdk-guard` on a hand-written template (admin-boundaries.yaml): the admin-access rules read each
 * role's permissions boundary. A grant the boundary caps is not called administrator access; the
 * same grant without a boundary, or under one that still allows IAM, is reported as before.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const TEMPLATE = 'integ/cfn-idioms/admin-boundaries.yaml';

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly principal?: string;
  readonly location: { readonly logicalId?: string };
}

interface Run {
  readonly status: number | null;
  readonly findings: readonly Finding[];
  readonly stderr: string;
}

function adminFindings(): Run {
  const result = spawnSync(process.execPath, [BIN, TEMPLATE, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as { findings: readonly Finding[] };
  return {
    status: result.status,
    findings: report.findings.filter((f) => f.ruleId.startsWith('admin-access/')),
    stderr: result.stderr,
  };
}

describe('cdk-guard: administrator access under a permissions boundary', () => {
  let run: Run;
  beforeAll(() => {
    run = adminFindings();
  });

  it('runs cleanly and still fails the build on the uncapped grants', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('reports each admin grant for the principal it reaches, capped or not', () => {
    const rows = run.findings.map((f) => [f.location.logicalId, f.principal, f.ruleId, f.message]);
    expect(rows.sort()).toEqual(
      [
        [
          'BreakGlass',
          'BreakGlass',
          'admin-access/full-access',
          'role `BreakGlass` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`) (in AWS managed policy `AdministratorAccess`)',
        ],
        [
          'KeptOperator',
          'KeptOperator',
          'admin-access/service-admin',
          'role `KeptOperator` is allowed every `iam` action on every resource (`iam:*`), which amounts to administrator access',
        ],
        [
          'OperatorsPolicy',
          'OpenOperator',
          'admin-access/service-admin',
          'role `OpenOperator` is allowed every `iam` action on every resource (`iam:*`), which amounts to administrator access',
        ],
        [
          'OperatorsPolicy',
          'OpenOperator',
          'admin-access/service-admin',
          'role `OpenOperator` is allowed every `organizations` action on every resource (`organizations:*`), which amounts to administrator access',
        ],
        [
          'TeamAdmin',
          'TeamAdmin',
          'admin-access/full-access',
          'role `TeamAdmin` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`), capped by its permissions boundary `PowerUserAccess`: it cannot grant itself more through IAM, but may still use `sts:AssumeRole`, `sts:AssumeRoot` (in AWS managed policy `AdministratorAccess`)',
        ],
      ].sort(),
    );
  });

  it('the operators policy is not administrator access for the role the team boundary caps', () => {
    expect(run.findings.filter((f) => f.principal === 'BoundedOperator')).toEqual([]);
  });
});
