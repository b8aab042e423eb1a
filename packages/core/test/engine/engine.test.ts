/** The guard engine: findings built from rule reports, fingerprints, fail-closed behaviour. */
import { runGuard } from '../../src/analysis/engine';
import { SymbolicValue } from '../../src/model/symbolic';
import type { GuardConfig, ResolvedConfig } from '../../src/config/types';
import type { ScanInput } from '../../src/analysis/input';
import type { GuardResult } from '../../src/analysis/finding';
import type { AnyRule } from '../../src/rules/rule';
import { RULES } from '../../src/rules/index';
import { ALL_LAMBDA, PASS_ANY_ROLE, READ_REPORTS, doc, input, only, role, source } from './helpers';

/** The engine with only the rules these tests are about (see `only`). */
function guard(scan: ScanInput, config: GuardConfig = {}): GuardResult {
  return runGuard(scan, only(undefined, config));
}

function ruleIds(result: ReturnType<typeof runGuard>): string[] {
  return result.findings.map((f) => f.ruleId).sort();
}

describe('findings', () => {
  it('locates a finding by the adapter location and the statement pointer, and names the principal', () => {
    const result = guard(
      input({
        principals: [role('aws_iam_role.app', [source('aws_iam_role_policy.app', doc(READ_REPORTS, PASS_ANY_ROLE))])],
      }),
    );
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      ruleId: 'privilege-escalation/pass-role-wildcard',
      category: 'privilege-escalation',
      severity: 'error',
      principal: 'aws_iam_role.app',
      location: { file: 'plan.json', address: 'aws_iam_role_policy.app', pointer: '/Statement/1' },
    });
    expect(finding?.message).toContain('`aws_iam_role.app`');
    expect(result.summary).toEqual({ error: 1, warning: 0, info: 0, suppressed: 0 });
  });

  it('points where the adapter says a statement it rewrote is written (`statementPointers`)', () => {
    // One written statement `Action: !If [c, s3:GetObject, iam:PassRole]`: two statements analyzed.
    const policy = source('Policy', doc(READ_REPORTS, PASS_ANY_ROLE), {
      statementPointers: ['/Statement/0', '/Statement/0'],
    });
    const [finding] = guard(input({ principals: [role('Role', [policy])] })).findings;
    expect(finding?.location.pointer).toBe('/Statement/0');
  });

  it.each([
    ['in place', undefined, '/Statement/1/Action', '/Statement/1/Action'],
    [
      'in a statement the adapter moved',
      ['/Statement/0', '/Statement/3'],
      '/Statement/1/Action',
      '/Statement/3/Action',
    ],
  ])(
    'a key the adapter found given twice where the document is written (`duplicateKeys`), %s: a policy warning at that key',
    (_, statementPointers, pointer, written) => {
      const policy = source('Policy', doc(READ_REPORTS, READ_REPORTS), {
        duplicateKeys: [{ pointer, key: 'Action' }],
        ...(statementPointers === undefined ? {} : { statementPointers }),
      });
      const result = runGuard(
        input({ principals: [role('Role', [policy])] }),
        only(['policy-validity/policy-warning']),
      );
      expect(result.findings.map((f) => [f.ruleId, f.location.pointer, f.message])).toEqual([
        [
          'policy-validity/policy-warning',
          written,
          expect.stringContaining('`Action` is given more than once in one object: only the last is read') as unknown,
        ],
      ]);
    },
  );

  it('a policy without `duplicateKeys` gets no such warning', () => {
    const policy = source('Policy', doc(READ_REPORTS));
    expect(
      runGuard(input({ principals: [role('Role', [policy])] }), only(['policy-validity/policy-warning'])).findings,
    ).toEqual([]);
  });

  it('takes the severity from the configuration, by id over category', () => {
    const principals = [role('r', [source('p', doc(PASS_ANY_ROLE, ALL_LAMBDA))])];
    const result = guard(input({ principals }), {
      rules: {
        'privilege-escalation/pass-role-wildcard': 'info',
        'wildcard-action/service-wildcard': 'error',
        'privilege-escalation': 'off',
      },
    });
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['wildcard-action/service-wildcard', 'error'],
      ['privilege-escalation/pass-role-wildcard', 'info'],
    ]);
  });

  it('reports nothing for a rule turned off', () => {
    const principals = [role('r', [source('p', doc(PASS_ANY_ROLE))])];
    expect(
      guard(input({ principals }), { rules: { 'privilege-escalation/pass-role-wildcard': 'off' } }).findings,
    ).toEqual([]);
  });

  it('copies input errors into the result', () => {
    const result = guard(
      input({ errors: [{ file: 'plan.json', pointer: '/resource_changes/0', message: 'not an object' }] }),
    );
    expect(result.errors).toEqual([{ file: 'plan.json', pointer: '/resource_changes/0', message: 'not an object' }]);
  });
});

describe('roles only AWS services assume', () => {
  const BACKUP_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup';
  const trustOf = (service: string) =>
    source('Role.trust', doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }));
  const escalations = (service: string): string[] =>
    runGuard(
      input({
        principals: [
          {
            ...role('Role', []),
            policies: [{ kind: 'aws-managed', arn: BACKUP_POLICY }],
            trustPolicy: trustOf(service),
          },
        ],
      }),
      {},
    )
      .findings.filter((f) => f.ruleId.startsWith('privilege-escalation/'))
      .map((f) => f.ruleId);

  it('an AWS managed policy of a role only a service running no customer code assumes opens no escalation', () => {
    expect(escalations('backup.amazonaws.com')).toEqual([]);
  });

  it('the AWS Backup restore policy reads every table for the service: no unscoped read, unless a workload assumes the role', () => {
    const reads = (service: string, ...others: unknown[]): string[] =>
      runGuard(
        input({
          principals: [
            {
              ...role('Role', []),
              policies: [
                {
                  kind: 'aws-managed',
                  arn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
                },
              ],
              trustPolicy: source(
                'Role.trust',
                doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }, ...others),
              ),
            },
          ],
        }),
        {},
      )
        .findings.filter((f) => f.ruleId === 'data-exfiltration/unscoped-read')
        .map((f) => f.ruleId);
    expect(reads('backup.amazonaws.com')).toEqual([]);
    expect(reads('lambda.amazonaws.com')).toEqual(['data-exfiltration/unscoped-read']);
    // `"Principal": "*"` names no principal, yet admits anyone of the organization beside the service.
    const anyoneOfTheOrganization = {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    };
    expect(reads('backup.amazonaws.com', anyoneOfTheOrganization)).toEqual(['data-exfiltration/unscoped-read']);
  });

  it('log and message reads of every resource in an AWS managed policy: reported on a workload role, not on the logging role of API Gateway', () => {
    const reads = (service: string, policy: string): string[] =>
      runGuard(
        input({
          principals: [
            {
              ...role('Role', []),
              policies: [{ kind: 'aws-managed', arn: `arn:aws:iam::aws:policy/${policy}` }],
              trustPolicy: trustOf(service),
            },
          ],
        }),
        {},
      )
        .findings.filter((f) => f.ruleId === 'data-exfiltration/unscoped-read')
        .map((f) => f.message);
    const pushLogs = 'service-role/AmazonAPIGatewayPushToCloudWatchLogs';
    expect(reads('apigateway.amazonaws.com', pushLogs)).toEqual([]);
    expect(reads('lambda.amazonaws.com', pushLogs)).toEqual([expect.stringMatching(/logs:GetLogEvents/)]);
    // Only the policy AWS wrote for API Gateway's logging: an integration role reads for the API's callers.
    expect(reads('apigateway.amazonaws.com', 'CloudWatchLogsReadOnlyAccess')).toEqual([
      expect.stringMatching(/logs:FilterLogEvents/),
    ]);
    expect(reads('lambda.amazonaws.com', 'service-role/AWSLambdaSQSQueueExecutionRole')).toEqual([
      expect.stringMatching(/sqs:ReceiveMessage/),
    ]);
  });

  it('the ECS events policy on a role EventBridge assumes to run scheduled tasks opens no escalation', () => {
    const eventsRole = (service: string): string[] =>
      runGuard(
        input({
          principals: [
            {
              ...role('Role', []),
              policies: [
                {
                  kind: 'aws-managed',
                  arn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole',
                },
              ],
              trustPolicy: trustOf(service),
            },
          ],
        }),
        {},
      )
        .findings.filter((f) => f.ruleId.startsWith('privilege-escalation/'))
        .map((f) => f.ruleId);
    expect(eventsRole('events.amazonaws.com')).toEqual([]);
    // EventBridge Scheduler's universal targets call any AWS API with the role: its grants are the schedule writer's.
    expect(eventsRole('scheduler.amazonaws.com')).toContain('privilege-escalation/pass-role-wildcard');
    // The ECS tasks' own role runs the customer's code: passing any role from it still escalates.
    expect(eventsRole('ecs-tasks.amazonaws.com')).toContain('privilege-escalation/pass-role-wildcard');
  });

  it('the ECS blue/green policy on the role CodeDeploy assumes opens no escalation and reads nothing for a user', () => {
    const findings = (service: string): string[] =>
      runGuard(
        input({
          principals: [
            {
              ...role('Role', []),
              policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AWSCodeDeployRoleForECS' }],
              trustPolicy: trustOf(service),
            },
          ],
        }),
        {},
      ).findings.map((f) => f.ruleId);
    expect(findings('codedeploy.amazonaws.com')).toEqual([]);
    // Its iam:PassRole to ECS tasks on `*` from a role running the customer's code still escalates.
    expect(findings('lambda.amazonaws.com')).toEqual(
      expect.arrayContaining(['privilege-escalation/pass-role-wildcard', 'data-exfiltration/unscoped-read']),
    );
  });

  it('AWSBatchServiceRole on the role AWS Batch assumes opens no escalation; on a role running customer code it does', () => {
    const findings = (service: string): string[] =>
      runGuard(
        input({
          principals: [
            {
              ...role('Role', []),
              policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' }],
              trustPolicy: trustOf(service),
            },
          ],
        }),
        {},
      ).findings.map((f) => f.ruleId);
    expect(findings('batch.amazonaws.com')).toEqual([]);
    // Whoever runs code with the role could pass any role to EC2 or ECS with it.
    expect(findings('ec2.amazonaws.com')).toEqual(expect.arrayContaining(['privilege-escalation/pass-role-wildcard']));
  });

  it('the same policy on a role whose code a customer writes (Lambda) opens none either: each of its grants does fixed work', () => {
    // Its ssm:SendCommand only runs AWSEC2-CreateVssSnapshot, an AWS document that takes no
    // command, and its iam:PassRole only reaches GuardDuty's malware scans.
    expect(escalations('lambda.amazonaws.com')).toEqual([]);
  });
});

describe('a permissions boundary that is an AWS managed policy', () => {
  const operator = (boundary: string): string[] =>
    runGuard(
      input({
        principals: [
          role('Operators', [source('Operators.inline', doc(PASS_ANY_ROLE))], {
            permissionsBoundary: { arn: boundary },
          }),
        ],
      }),
      {},
    ).findings.map((f) => f.ruleId);

  it('caps with its catalog document (PowerUserAccess leaves out iam:*)', () => {
    expect(operator('arn:aws:iam::aws:policy/PowerUserAccess')).not.toContain(
      'privilege-escalation/pass-role-wildcard',
    );
  });

  it('one that allows the action caps nothing of it', () => {
    expect(operator('arn:aws:iam::aws:policy/AdministratorAccess')).toContain(
      'privilege-escalation/pass-role-wildcard',
    );
  });

  it("is AWS's to maintain: its size and the actions of retired services in it are no finding", () => {
    // ReadOnlyAccess is far over the 6,144 characters of a customer managed policy.
    expect(
      operator('arn:aws:iam::aws:policy/ReadOnlyAccess').filter((id) => id.startsWith('policy-validity/')),
    ).toEqual([]);
  });
});

describe('effective permissions', () => {
  it('an unconditional deny in another policy of the principal cancels iam:PassRole on every role', () => {
    const deny = source('deny', doc({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }));
    expect(ruleIds(guard(input({ principals: [role('r', [source('p', doc(PASS_ANY_ROLE)), deny])] })))).toEqual([]);
  });

  it('a boundary that does not allow iam:PassRole cancels it', () => {
    const boundary = {
      arn: 'arn:aws:iam::111122223333:policy/b',
      policy: source('b', doc({ Effect: 'Allow', Action: ['s3:*', 'logs:*'], Resource: '*' })),
    };
    const principals = [role('r', [source('p', doc(PASS_ANY_ROLE))], { permissionsBoundary: boundary })];
    expect(ruleIds(guard(input({ principals })))).toEqual([]);
  });

  it('a boundary that allows iam:PassRole does not', () => {
    const boundary = {
      arn: 'arn:aws:iam::111122223333:policy/b',
      policy: source('b', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })),
    };
    const principals = [role('r', [source('p', doc(PASS_ANY_ROLE))], { permissionsBoundary: boundary })];
    expect(ruleIds(guard(input({ principals })))).toEqual(['privilege-escalation/pass-role-wildcard']);
  });
});

describe('fingerprints', () => {
  const fingerprints = (statements: unknown[], principal = 'aws_iam_role.app'): string[] =>
    guard(input({ principals: [role(principal, [source('aws_iam_role_policy.app', doc(...statements))])] }))
      .findings.map((f) => f.fingerprint)
      .sort();

  it('do not change when statements are reordered', () => {
    expect(fingerprints([READ_REPORTS, PASS_ANY_ROLE, ALL_LAMBDA])).toEqual(
      fingerprints([ALL_LAMBDA, PASS_ANY_ROLE, READ_REPORTS]),
    );
  });

  it('do not change when values inside a statement are reordered', () => {
    const a = { Effect: 'Allow', Action: ['iam:PassRole', 's3:GetObject'], Resource: ['*', 'arn:aws:s3:::x/*'] };
    const b = { Resource: ['arn:aws:s3:::x/*', '*'], Action: ['s3:GetObject', 'iam:PassRole'], Effect: 'Allow' };
    expect(fingerprints([a])).toEqual(fingerprints([b]));
  });

  it('differ between principals and between statements', () => {
    const one = fingerprints([PASS_ANY_ROLE]);
    expect(one).toHaveLength(1);
    expect(fingerprints([PASS_ANY_ROLE], 'aws_iam_role.other')).not.toEqual(one);
    expect(fingerprints([{ ...PASS_ANY_ROLE, Sid: 'Pass' }])).not.toEqual(one);
  });

  it('are sha-256 hex digests', () => {
    expect(fingerprints([PASS_ANY_ROLE])[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('fail closed', () => {
  it('a policy only known after deploy becomes an unverifiable finding', () => {
    const unresolved = source('aws_iam_role_policy.dyn', undefined, {
      unresolved: {
        reason: 'the document is `data.aws_iam_policy_document.x.json`',
        references: ['data.aws_iam_policy_document.x'],
      },
    });
    const result = guard(input({ principals: [role('aws_iam_role.app', [unresolved])] }));
    expect(result.findings.map((f) => [f.ruleId, f.principal])).toEqual([
      ['unverifiable/unresolved-policy', 'aws_iam_role.app'],
    ]);
    expect(result.findings[0]?.message).toContain('data.aws_iam_policy_document.x.json');
  });

  it('a rule that throws becomes a finding naming the rule, and other rules still run', () => {
    const crashing: AnyRule = {
      ...RULES.find((r) => r.meta.id === 'wildcard-action/service-wildcard')!,
      checkPolicy() {
        throw new Error('boom\nsecond line');
      },
    };
    const index = (RULES as AnyRule[]).findIndex((r) => r.meta.id === crashing.meta.id);
    const original = RULES[index]!;
    (RULES as AnyRule[])[index] = crashing;
    try {
      const result = guard(input({ principals: [role('r', [source('p', doc(PASS_ANY_ROLE))])] }));
      expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
        'privilege-escalation/pass-role-wildcard',
        'unverifiable/rule-failure',
      ]);
      const failure = result.findings.find((f) => f.ruleId === 'unverifiable/rule-failure');
      expect(failure?.message).toBe('rule `wildcard-action/service-wildcard` failed on policy `p`: boom');
      expect(failure?.severity).toBe('error');
    } finally {
      (RULES as AnyRule[])[index] = original;
    }
  });

  it('a symbolic resource is one specific resource, not a wildcard', () => {
    const roleArn = new SymbolicValue([{ id: 'aws_iam_role.task.arn', source: 'aws_iam_role.task.arn' }]);
    const statement = { Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn };
    expect(ruleIds(guard(input({ principals: [role('r', [source('p', doc(statement))])] })))).toEqual([]);
  });
});

describe('configuration objects', () => {
  it('throws a configuration error naming the key path for an invalid object', () => {
    expect(() => runGuard(input({}), { rules: { 'no-such-rule': 'error' } } as never)).toThrow('/rules/no-such-rule');
  });

  it('accepts an already resolved configuration', () => {
    const resolved: ResolvedConfig = {
      severities: new Map(),
      settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
      suppressions: [],
    };
    expect(runGuard(input({ principals: [role('r', [source('p', doc(PASS_ANY_ROLE))])] }), resolved).findings).toEqual(
      [],
    );
  });
});

describe('required boundary', () => {
  const config = { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } };
  const hole = { id: 'account', source: 'data.aws_caller_identity.current.account_id' };
  const opaque = { id: 'aws_iam_policy.b.arn', source: 'aws_iam_policy.b.arn' };

  it.each([
    ['no boundary', undefined, ['boundary/missing-required']],
    ['an allowed boundary', 'arn:aws:iam::111122223333:policy/app-boundary', []],
    ['another boundary', 'arn:aws:iam::111122223333:policy/other', ['boundary/missing-required']],
    [
      'a boundary known by name only after deploy',
      new SymbolicValue(['arn:aws:iam::', hole, ':policy/app-boundary']),
      [],
    ],
    [
      'a boundary whose name is another one',
      new SymbolicValue(['arn:aws:iam::', hole, ':policy/other']),
      ['boundary/missing-required'],
    ],
    ['a boundary whose ARN is wholly unknown', new SymbolicValue([opaque]), ['unverifiable/unknown-value']],
  ])('a role with %s', (_name, arn, expected) => {
    const principal = role('aws_iam_role.app', [], arn === undefined ? {} : { permissionsBoundary: { arn } });
    expect(ruleIds(guard(input({ principals: [principal] }), config))).toEqual(expected);
  });

  it('a role that exists outside the input (a policy attached to it by name) is not required a boundary', () => {
    const existing = { ...role('existing-role', []), existing: true };
    expect(ruleIds(guard(input({ principals: [existing] }), config))).toEqual([]);
  });

  it('the unverifiable finding names the rule and the unknown value', () => {
    const principal = role('aws_iam_role.app', [], { permissionsBoundary: { arn: new SymbolicValue([opaque]) } });
    const [finding] = guard(input({ principals: [principal] }), config).findings;
    expect(finding?.message).toMatch(/^boundary\/missing-required could not decide: .*`\$\{aws_iam_policy\.b\.arn\}`/);
    expect(finding?.evidence).toEqual({ rule: 'boundary/missing-required', values: ['${aws_iam_policy.b.arn}'] });
  });
});

describe('aws managed policies', () => {
  it('are resolved from the catalog and checked like any identity policy', () => {
    const admin = role('aws_iam_role.ops', [], {
      policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    });
    const [finding] = guard(input({ principals: [admin] })).findings;
    expect(finding).toMatchObject({
      ruleId: 'admin-access/full-access',
      principal: 'aws_iam_role.ops',
      location: { pointer: '/Statement/0' },
    });
  });

  it('a finding in one is located at the principal and names the policy, in the message and the evidence', () => {
    const reader = role('aws_iam_role.node', [], {
      policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    });
    const own = role('aws_iam_role.own', [
      source('aws_iam_role_policy.own', doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
    ]);
    const findings = guard(input({ principals: [reader, own] })).findings;
    const managed = findings.filter((f) => f.principal === 'aws_iam_role.node');
    expect(managed.length).toBeGreaterThan(0);
    for (const finding of managed) {
      expect(finding.message).toMatch(/ \(in AWS managed policy `AdministratorAccess`\)$/);
      expect(finding.evidence).toMatchObject({ policy: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    }
    const inOwn = findings.filter((f) => f.principal === 'aws_iam_role.own');
    expect(inOwn.length).toBeGreaterThan(0);
    for (const finding of inOwn) expect(finding.message).not.toContain('AWS managed policy');
  });

  it('an unknown one is reported as unverifiable, not passed', () => {
    const principal = role('aws_iam_role.ops', [], {
      policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/NoSuchPolicyEver' }],
    });
    expect(ruleIds(guard(input({ principals: [principal] })))).toEqual(['unverifiable/unresolved-policy']);
  });

  it('one whose path or letter case is wrong is unverifiable too, and the message names the policy meant', () => {
    const principal = role('aws_iam_role.fn', [], {
      policies: [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole' }],
    });
    const findings = guard(input({ principals: [principal] })).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['unverifiable/unresolved-policy']);
    expect(findings[0]?.message).toContain(
      '(did you mean `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`?)',
    );
  });
});

describe('an Action known only at deploy (a template parameter)', () => {
  const param = { id: 'Actions', source: 'Parameter Actions' };
  it.each([
    ['the whole list', new SymbolicValue([param]), '/Statement/0/Action', []],
    // The known action is still judged: `s3:GetObject` on `*` reads every object.
    [
      'one of its values',
      ['s3:GetObject', new SymbolicValue([param])],
      '/Statement/0/Action/1',
      [['data-exfiltration/unscoped-read', '/Statement/0']],
    ],
  ])('%s: unverifiable, not an invalid policy', (_name, action, pointer, known) => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] };
    const findings = runGuard(input({ principals: [role('r', [source('p', document)])] })).findings;
    expect(findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ...known,
      ['unverifiable/unknown-value', pointer],
    ]);
    expect(findings.find((f) => f.ruleId === 'unverifiable/unknown-value')?.message).toContain('Parameter Actions');
  });
});

describe('a VPC endpoint policy filters what goes through the endpoint, it grants nothing', () => {
  const everything = doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });
  it.each([
    ['aws_vpc_endpoint', []],
    ['aws_vpc_endpoint_policy', []],
    ['AWS::EC2::VPCEndpoint', []],
    ['aws_s3_bucket_policy', ['resource-exposure/public-principal']],
  ])('the full-access default on %s', (type, expected) => {
    const resource = {
      id: `${type}.r`,
      type,
      arn: undefined,
      policy: source(`${type}.r`, everything),
      location: { file: 'plan.json', address: `${type}.r` },
    };
    expect(runGuard(input({ resources: [resource] })).findings.map((f) => f.ruleId)).toEqual(expected);
  });
});

describe('an AWS managed policy held through a group', () => {
  it('is judged on the member as its own (IAM evaluates group policies as the user’s)', () => {
    const user = {
      ...role('aws_iam_user.alice', []),
      kind: 'user' as const,
      policies: [
        { kind: 'group' as const, arn: 'arn:aws:iam::aws:policy/AdministratorAccess', via: 'aws_iam_group.admins' },
      ],
    };
    const findings = runGuard(input({ principals: [user] })).findings;
    expect(findings.map((f) => [f.ruleId, f.principal])).toEqual([['admin-access/full-access', 'aws_iam_user.alice']]);
  });
});

describe('policies that share their place with another policy of the principal', () => {
  // A CloudFormation role's `Policies` (a Terraform role's `inline_policy` blocks): every policy
  // is located at the role, and `/Statement/0` is in each of them.
  const atRole = { file: 'template.json', stack: 'Shop', logicalId: 'Worker', constructPath: 'Shop/Worker' };
  const inline = (name: string, statement: unknown) =>
    source(`Shop/Worker#${name}`, doc(statement), { name, location: atRole });

  it('a finding in one names it, in the message and the evidence', () => {
    const worker = role('Shop/Worker', [inline('reads', READ_REPORTS), inline('passes', PASS_ANY_ROLE)], {
      location: atRole,
    });
    const [finding, ...rest] = guard(input({ principals: [worker] })).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'privilege-escalation/pass-role-wildcard',
      location: { ...atRole, pointer: '/Statement/0' },
      evidence: { policy: 'Shop/Worker#passes' },
    });
    expect(finding?.message).toMatch(/ \(in inline policy `passes`\)$/);
  });

  it('two findings at the same pointer of two inline policies say which is which', () => {
    const worker = role('Shop/Worker', [inline('deploy', PASS_ANY_ROLE), inline('lambda', ALL_LAMBDA)], {
      location: atRole,
    });
    const messages = guard(input({ principals: [worker] })).findings.map((f) => [f.ruleId, f.message.slice(-30)]);
    expect(messages.sort()).toEqual([
      ['privilege-escalation/pass-role-wildcard', expect.stringMatching(/\(in inline policy `deploy`\)$/)],
      ['wildcard-action/service-wildcard', expect.stringMatching(/\(in inline policy `lambda`\)$/)],
    ]);
  });

  it('the only inline policy of a principal, or one with a place of its own, is not named', () => {
    const alone = role('Shop/Alone', [inline('passes', PASS_ANY_ROLE)], { location: atRole });
    const own = role('aws_iam_role.app', [
      source('aws_iam_role_policy.a', doc(PASS_ANY_ROLE)),
      source('aws_iam_role_policy.b', doc(ALL_LAMBDA)),
    ]);
    const findings = guard(input({ principals: [alone, own] })).findings;
    expect(findings.length).toBe(3);
    for (const finding of findings) {
      expect(finding.message).not.toMatch(/\(in (inline )?policy /);
      expect(finding.evidence?.['policy']).toBeUndefined();
    }
  });
});
