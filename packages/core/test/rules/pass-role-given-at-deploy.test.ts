/**
 * `iam:PassRole` on a value the deployer gives whole (a Terraform variable without a value, a
 * CloudFormation parameter) may be every role: the check says it cannot decide, rather than
 * reading the value as one role's ARN. A resource's own ARN, or an input inside a role ARN, is one role.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput } from '../../src/analysis/input';
import type { Finding, RuleId, Severity } from '../../src/analysis/finding';
import type { ResolvedConfig } from '../../src/config/types';
import { RULES } from '../../src/rules/index';
import { SymbolicValue } from '../../src/model/symbolic';

/** The escalation rules and the finding a rule makes when it cannot decide. */
const CONFIG: ResolvedConfig = {
  severities: new Map(
    RULES.filter(
      (r) => r.meta.id.startsWith('privilege-escalation/') || r.meta.id === 'unverifiable/unknown-value',
    ).map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity]),
  ),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};

const V = '2012-10-17';
const hole = (id: string): { id: string; source: string } => ({ id, source: id });
const whole = (id: string): SymbolicValue => new SymbolicValue([hole(id)]);

function role(statement: Record<string, unknown>): PrincipalInput {
  const id = 'aws_iam_role.deployer';
  return {
    id,
    kind: 'role',
    name: 'deployer',
    path: '/',
    arn: whole(`${id}.arn`),
    tags: {},
    location: { address: id },
    policies: [
      {
        kind: 'inline',
        policy: {
          id: 'aws_iam_role_policy.pass',
          name: 'pass',
          location: { address: 'aws_iam_role_policy.pass' },
          document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', ...statement }] },
        },
      },
    ],
  };
}

function passRoleFindings(statement: Record<string, unknown>): [string, string][] {
  const result = runGuard({ principals: [role(statement)], resources: [], policies: [], errors: [] }, CONFIG);
  return result.findings
    .filter((f: Finding) => f.message.includes('pass'))
    .map((f: Finding) => [f.ruleId, f.location.pointer ?? '']);
}

describe('iam:PassRole on roles given at deploy', () => {
  const undecided: [string, Record<string, unknown>][] = [
    ['a Terraform variable without a value', { Resource: whole('var.role_arn') }],
    [
      'a list variable, one of its elements',
      { Resource: [whole('var.role_arns[0]'), 'arn:aws:iam::111122223333:role/x'] },
    ],
    ['a CloudFormation parameter', { Resource: whole('Stack:param:RoleArn') }],
    [
      'a value computed from an input (a `Fn::Join` of a list parameter), whatever its id',
      {
        Resource: new SymbolicValue([
          { id: 'Stack:expr:{"Fn::Join":[",",{"Ref":"Roles"}]}', source: 'the join of `Roles`', input: true },
        ]),
      },
    ],
  ];
  it.each(undecided)('%s: undecided, not passed as one role', (_name, statement) => {
    expect(passRoleFindings(statement)).toEqual([['unverifiable/unknown-value', '/Statement/0/Resource']]);
  });

  const oneRole: [string, Record<string, unknown>][] = [
    ['the ARN of a role of the configuration', { Resource: whole('aws_iam_role.app.arn') }],
    [
      'a role ARN around a variable name',
      { Resource: new SymbolicValue(['arn:aws:iam::111122223333:role/', hole('var.name')]) },
    ],
    [
      'a value computed at deploy from no input',
      { Resource: whole('Stack:expr:{"Fn::Join":[",",{"Fn::GetAZs":""}]}') },
    ],
    [
      'a role ARN around a value computed from an input: the prefix keeps it one role',
      {
        Resource: new SymbolicValue([
          'arn:aws:iam::111122223333:role/',
          { id: 'Stack:expr:{"Fn::Select":[0,{"Ref":"Roles"}]}', source: 'element 0 of `Roles`', input: true },
        ]),
      },
    ],
    [
      'a variable passed only to a service doing fixed work with it',
      {
        Resource: whole('var.role_arn'),
        Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
      },
    ],
  ];
  it.each(oneRole)('%s: no finding', (_name, statement) => {
    expect(passRoleFindings(statement)).toEqual([]);
  });

  it('a variable beside `*` is every role, reported as such', () => {
    expect(passRoleFindings({ Resource: [whole('var.role_arn'), '*'] })).toEqual([
      ['privilege-escalation/pass-role-wildcard', '/Statement/0'],
    ]);
  });
});
