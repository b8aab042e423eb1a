/**
 * A statement whose Resource the deployer gives whole (a Terraform variable without a value, a
 * CloudFormation parameter) may act on `*`: writes, sensitive reads and credential actions on it
 * are reported as undecided (unverifiable/unknown-value naming the rule), not passed as one
 * resource. A resource's own ARN, or an input inside an ARN, is one resource.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput } from '../../src/analysis/input';
import type { Finding, RuleId, Severity } from '../../src/analysis/finding';
import type { ResolvedConfig } from '../../src/config/types';
import { RULES } from '../../src/rules/index';
import { SymbolicValue } from '../../src/model/symbolic';

const CONFIG: ResolvedConfig = {
  severities: new Map(RULES.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};

const V = '2012-10-17';
const hole = (id: string): { id: string; source: string } => ({ id, source: id });
const whole = (id: string): SymbolicValue => new SymbolicValue([hole(id)]);

function role(statements: readonly Record<string, unknown>[]): PrincipalInput {
  const id = 'aws_iam_role.worker';
  return {
    id,
    kind: 'role',
    name: 'worker',
    path: '/',
    arn: whole(`${id}.arn`),
    tags: {},
    location: { address: id },
    policies: [
      {
        kind: 'inline',
        policy: {
          id: 'aws_iam_role_policy.work',
          name: 'work',
          location: { address: 'aws_iam_role_policy.work' },
          document: { Version: V, Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) },
        },
      },
    ],
  };
}

/** Each finding as `rule pointer`, an undecided one as `unverifiable/unknown-value <rule> pointer`. */
function findings(...statements: Record<string, unknown>[]): string[] {
  const result = runGuard({ principals: [role(statements)], resources: [], policies: [], errors: [] }, CONFIG);
  return result.findings
    .map((f: Finding) => {
      const named = f.evidence?.['rule'];
      return [f.ruleId, typeof named === 'string' ? named : '', f.location.pointer ?? ''].filter(Boolean).join(' ');
    })
    .sort();
}

const UNDECIDED = 'unverifiable/unknown-value';

describe('writes, reads and credential actions on a Resource given at deploy', () => {
  const undecided: [string, Record<string, unknown>, string[]][] = [
    [
      'object writes on a list variable',
      { Action: ['s3:PutObject', 's3:DeleteObject'], Resource: whole('var.bucket_arns') },
      [`${UNDECIDED} wildcard-resource/write-on-star /Statement/0/Resource`],
    ],
    [
      'secret reads on a template parameter',
      { Action: 'secretsmanager:GetSecretValue', Resource: whole('Stack:param:SecretArn') },
      [`${UNDECIDED} data-exfiltration/unscoped-read /Statement/0/Resource`],
    ],
    [
      'item reads and writes on a variable beside one table: both rules undecided',
      {
        Action: ['dynamodb:Query', 'dynamodb:PutItem'],
        Resource: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders', whole('var.table_arn')],
      },
      [
        `${UNDECIDED} data-exfiltration/unscoped-read /Statement/0/Resource`,
        `${UNDECIDED} wildcard-resource/write-on-star /Statement/0/Resource`,
      ],
    ],
    [
      'database credentials on an imported value',
      { Action: 'redshift:GetClusterCredentials', Resource: whole('import:ClusterUserArn') },
      [`${UNDECIDED} credentials-exposure/unscoped-credential-action /Statement/0/Resource`],
    ],
    [
      'iam:PassRole on a variable: said once, by the pass-role check',
      { Action: 'iam:PassRole', Resource: whole('var.role_arn') },
      [`${UNDECIDED} privilege-escalation/pass-role-wildcard /Statement/0/Resource`],
    ],
  ];
  it.each(undecided)('%s: undecided', (_name, statement, expected) => {
    expect(findings(statement)).toEqual(expected);
  });

  const decided: [string, Record<string, unknown>][] = [
    [
      'the ARN of a table of the configuration',
      { Action: 'dynamodb:PutItem', Resource: whole('aws_dynamodb_table.t.arn') },
    ],
    [
      'a bucket ARN around a variable name',
      { Action: 's3:PutObject', Resource: new SymbolicValue(['arn:aws:s3:::', hole('var.bucket'), '/*']) },
    ],
    [
      'writes on a variable limited by a resource tag',
      {
        Action: 's3:PutObject',
        Resource: whole('var.bucket_arns'),
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } },
      },
    ],
    ['actions that only accept `*`', { Action: 'xray:PutTraceSegments', Resource: whole('var.anything') }],
  ];
  it.each(decided)('%s: no finding', (_name, statement) => {
    expect(findings(statement)).toEqual([]);
  });

  it('a variable beside `*` is every resource, reported as such (and the variable as redundant)', () => {
    expect(findings({ Action: 's3:PutObject', Resource: [whole('var.bucket_arns'), '*'] })).toEqual([
      'policy-validity/redundant-value /Statement/0/Resource',
      'wildcard-resource/write-on-star /Statement/0',
    ]);
  });
});
