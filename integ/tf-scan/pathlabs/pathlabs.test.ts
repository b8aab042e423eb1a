/**
 * `tf-scan --hcl` on modules in the shape of Pathfinding Labs' one-hop escalation scenarios: the
 * escalating principal names one role or user of the module (not `*`) and is reported by the
 * escalation rule of its path; its least-privilege neighbour gets no escalation finding.
 */
import * as path from 'node:path';
import { jsonReport } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/pathlabs', name);

/** `principal -> [rule id @ address pointer]` of the escalation and administrator findings. */
function escalations(name: string): Record<string, string[]> {
  const report = jsonReport(['--hcl', dir(name)]);
  expect(report.stderr).toBe('');
  expect(report.errors).toEqual([]);
  const out: Record<string, string[]> = {};
  for (const f of report.findings) {
    if (!/^(privilege-escalation|admin-access)\//.test(f.ruleId)) continue;
    const key = f.principal ?? '(none)';
    out[key] = [...(out[key] ?? []), `${f.ruleId} @ ${f.location.address ?? ''} ${f.location.pointer ?? ''}`].sort();
  }
  return out;
}

// Runs the built binary: `npx tsc -b packages/core packages/tf-scan` first.
describe('one-hop escalations toward a role or user named in the module', () => {
  it('iam:PassRole on an administrator role + lambda:CreateFunction + lambda:InvokeFunction; the builder passing a log-only role stays clean', () => {
    expect(escalations('pass-to-lambda')).toEqual({
      'aws_iam_role.ops': ['admin-access/full-access @ aws_iam_role.ops /Statement/0'],
      'aws_iam_user.release_bot': [
        'privilege-escalation/pass-role-to-service @ aws_iam_user_policy.release_bot /Statement/0',
      ],
    });
  });

  it('sts:AssumeRole on the administrator role written by name; assuming the read-only role stays clean', () => {
    expect(escalations('assume-admin')).toEqual({
      'aws_iam_role.break_glass': ['admin-access/full-access @ aws_iam_role.break_glass /Statement/0'],
      'aws_iam_user.oncall': ['privilege-escalation/assume-any-role @ aws_iam_user_policy.oncall /Statement/0'],
    });
  });

  it('access keys for the administrator user; self-service keys stay clean', () => {
    expect(escalations('keys-for-admin')).toEqual({
      'aws_iam_user.root_like': ['admin-access/full-access @ aws_iam_user.root_like /Statement/0'],
      'aws_iam_user.helpdesk': ['privilege-escalation/user-credentials @ aws_iam_user_policy.helpdesk /Statement/0'],
    });
  });

  it('ecs:RunTask with the administrator task role passed as an override; passing the queue writer stays clean', () => {
    expect(escalations('ecs-task-override')).toEqual({
      'aws_iam_role.migrations': ['admin-access/full-access @ aws_iam_role_policy.migrations /Statement/0'],
      'aws_iam_role.scheduler': [
        'privilege-escalation/pass-role-to-service @ aws_iam_role_policy.scheduler /Statement/0',
      ],
    });
  });

  it('iam:PutRolePolicy + sts:AssumeRole on one role; assuming it without writing its policy stays clean', () => {
    expect(escalations('rewrite-then-assume')).toEqual({
      'aws_iam_user.tuner': ['privilege-escalation/iam-policy-modification @ aws_iam_user_policy.tuner /Statement/0'],
    });
  });
});

describe('one-hop escalations of the newer services toward a role named in the module', () => {
  it('iam:PassRole on an administrator AgentCore execution role + the runtime create actions + shell commands in the runtimes it names; the tester passing a log-only role stays clean', () => {
    expect(escalations('agentcore-runtime-admin')).toEqual({
      'aws_iam_role.platform_agent': ['admin-access/full-access @ aws_iam_role.platform_agent /Statement/0'],
      'aws_iam_user.agent_dev': [
        'privilege-escalation/pass-role-to-service @ aws_iam_user_policy.agent_dev /Statement/0',
      ],
    });
  });

  it('iam:PassRole on an administrator job role + batch:RegisterJobDefinition + batch:SubmitJob on its own job definitions and queue; passing the ETL role only stays clean', () => {
    expect(escalations('batch-job-admin')).toEqual({
      'aws_iam_role.account_janitor': ['admin-access/full-access @ aws_iam_role.account_janitor /Statement/0'],
      'aws_iam_user.data_eng': [
        'privilege-escalation/pass-role-to-service @ aws_iam_user_policy.data_eng /Statement/0',
      ],
    });
  });

  it('iam:PassRole on an administrator role the identity pool trusts + cognito-identity:SetIdentityPoolRoles; passing the guest role only stays clean', () => {
    expect(escalations('cognito-pool-admin')).toEqual({
      'aws_iam_role.console_admin': ['admin-access/full-access @ aws_iam_role.console_admin /Statement/0'],
      'aws_iam_user.app_ops': ['privilege-escalation/pass-role-to-service @ aws_iam_user_policy.app_ops /Statement/0'],
    });
  });
});

describe('one-hop escalations through a workload of the module that runs as an administrator role', () => {
  it('lambda:UpdateFunctionCode on a function whose role is an administrator (no invoke needed); the same on a log-only function stays clean', () => {
    expect(escalations('update-admin-function')).toEqual({
      'aws_iam_role.report': ['admin-access/full-access @ aws_iam_role.report /Statement/0'],
      'aws_iam_user.hotfix': ['privilege-escalation/run-as-existing-role @ aws_iam_user_policy.hotfix /Statement/0'],
    });
  });

  it('ssm:SendCommand on an instance whose instance profile role is an administrator; a session on the web server stays clean', () => {
    expect(escalations('command-to-admin-instance')).toEqual({
      'aws_iam_role.bastion': ['admin-access/full-access @ aws_iam_role.bastion /Statement/0'],
      'aws_iam_user.sre': ['privilege-escalation/run-as-existing-role @ aws_iam_user_policy.sre /Statement/0'],
    });
  });

  it('cloudformation:UpdateStack on a stack deployed with an administrator service role, by its written ARN; the site stack stays clean', () => {
    expect(escalations('update-admin-stack')).toEqual({
      'aws_iam_role.deploy': ['admin-access/full-access @ aws_iam_role.deploy /Statement/0'],
      'aws_iam_user.netops': ['privilege-escalation/run-as-existing-role @ aws_iam_user_policy.netops /Statement/0'],
    });
  });

  it('bedrock-agentcore:InvokeAgentRuntimeCommand on an AgentCore runtime whose execution role is an administrator; the same on the FAQ runtime stays clean', () => {
    expect(escalations('command-in-admin-runtime')).toEqual({
      'aws_iam_role.ops_agent': ['admin-access/full-access @ aws_iam_role.ops_agent /Statement/0'],
      'aws_iam_user.oncall': ['privilege-escalation/run-as-existing-role @ aws_iam_user_policy.oncall /Statement/0'],
    });
  });

  it('bedrock-agentcore:StartBrowserSession on a custom browser whose execution role is an administrator (+ its automation stream); the same on the recorded browser stays clean', () => {
    expect(escalations('session-on-admin-browser')).toEqual({
      'aws_iam_role.crawler': ['admin-access/full-access @ aws_iam_role.crawler /Statement/0'],
      'aws_iam_role.research_agent': [
        'privilege-escalation/run-as-existing-role @ aws_iam_role_policy.research_agent /Statement/0',
      ],
    });
  });

  it('states:UpdateStateMachine + states:StartExecution on an administrator state machine; starting it alone stays clean', () => {
    expect(escalations('rewrite-admin-state-machine')).toEqual({
      'aws_iam_role.cleanup': ['admin-access/full-access @ aws_iam_role_policy.cleanup /Statement/0'],
      'aws_iam_role.scheduler': [
        'privilege-escalation/run-as-existing-role @ aws_iam_role_policy.scheduler /Statement/0',
      ],
    });
  });
});
