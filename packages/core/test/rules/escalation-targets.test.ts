/**
 * Escalation paths whose resource-bearing action names one principal of the scan: `iam:PassRole`
 * on an administrator role with a service's create-and-run actions, `sts:AssumeRole` on it,
 * `iam:CreateAccessKey` on an administrator user, `iam:UpdateAssumeRolePolicy` on an administrator
 * role, `iam:PutRolePolicy` + `sts:AssumeRole` on any one role. Each is reported on the principal
 * holding the grant; the same grant on a role without administrator access, or the path without
 * one of its actions, is not.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AttachedPolicy, PrincipalInput, WorkloadInput } from '../../src/analysis/input';
import type { Finding } from '../../src/analysis/finding';
import { SymbolicValue } from '../../src/model/symbolic';
import { getAction } from '../../src/catalog/actions';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const config = ESCALATION_CONFIG;

/** The ARN of a principal created by the same input, known after apply only. */
const arnOf = (address: string): SymbolicValue =>
  new SymbolicValue([{ id: `${address}.arn`, source: `the ARN of ${address}` }]);

function inline(address: string, statements: unknown[]): AttachedPolicy {
  return {
    kind: 'inline',
    policy: { id: address, name: address, location: { address }, document: { Version: V, Statement: statements } },
  };
}

function principal(
  kind: 'role' | 'user',
  name: string,
  policies: AttachedPolicy[],
  trust?: unknown[],
  boundary?: unknown[],
): PrincipalInput {
  const id = `aws_iam_${kind}.${name}`;
  return {
    id,
    kind,
    name,
    path: '/',
    arn: arnOf(id),
    policies,
    tags: {},
    location: { address: id },
    ...(trust
      ? { trustPolicy: { id: `${id}.trust`, name, location: {}, document: { Version: V, Statement: trust } } }
      : {}),
    ...(boundary
      ? {
          permissionsBoundary: {
            arn: 'arn:aws:iam::111122223333:policy/bound',
            policy: { id: 'bound', name: 'bound', location: {}, document: { Version: V, Statement: boundary } },
          },
        }
      : {}),
  };
}

/** `role` with its trust policy as JSON text (as a Terraform plan holds it), `edit` made to that text. */
function withTrustText(role: PrincipalInput, edit: (text: string) => string): PrincipalInput {
  const trust = role.trustPolicy;
  if (trust === undefined) throw new Error(`${role.id} has no trust policy`);
  return { ...role, trustPolicy: { ...trust, document: edit(JSON.stringify(trust.document)) } };
}

const serviceTrust = (service: string): unknown[] => [
  { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' },
];
const accountTrust: unknown[] = [
  { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
];
const adminRole = (name: string, trust: unknown[]): PrincipalInput =>
  principal('role', name, [{ kind: 'aws-managed', arn: ADMIN_POLICY }], trust);
const plainRole = (name: string, trust: unknown[]): PrincipalInput =>
  principal(
    'role',
    name,
    [inline(`aws_iam_role_policy.${name}`, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])],
    trust,
  );
const allow = (action: string | string[], resource: unknown, condition?: unknown): unknown => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** `[rule id, principal, evidence path, target]` of each finding on user `dev`. */
function findings(principals: PrincipalInput[]): [string, string, unknown, unknown][] {
  const result = runGuard({ principals, resources: [], policies: [], errors: [] }, config);
  return result.findings
    .filter((f) => f.principal === 'aws_iam_user.dev')
    .map((f) => [f.ruleId, f.location.pointer ?? '', f.evidence?.['path'], f.evidence?.['target']]);
}

const dev = (statements: unknown[], boundary?: unknown[]): PrincipalInput =>
  principal('user', 'dev', [inline('aws_iam_user_policy.dev', statements)], undefined, boundary);

describe('paths toward one named principal of the scan', () => {
  const fnRole = arnOf('aws_iam_role.fn');

  it('iam:PassRole on an administrator role + lambda:CreateFunction + lambda:InvokeFunction', () => {
    const user = dev([
      allow('iam:PassRole', fnRole, { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-001', 'aws_iam_role.fn'],
    ]);
  });

  it('the same grants on a role without administrator access: no finding', () => {
    const user = dev([allow('iam:PassRole', fnRole), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*')]);
    expect(findings([user, plainRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });

  it('without lambda:InvokeFunction (no way to run the function): no finding', () => {
    const user = dev([allow('iam:PassRole', fnRole), allow('lambda:CreateFunction', '*')]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });

  it('the create-and-run actions on the functions of a name prefix (the caller names its new function): reported', () => {
    const user = dev([
      allow('iam:PassRole', fnRole),
      allow(
        ['lambda:CreateFunction', 'lambda:InvokeFunction'],
        'arn:aws:lambda:us-east-1:111122223333:function:builder-*',
      ),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-001', 'aws_iam_role.fn'],
    ]);
    expect(findings([user, plainRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });

  it('an ECS task run from one task definition with the administrator task role as override: reported', () => {
    const user = dev([
      allow('iam:PassRole', fnRole),
      allow('ecs:RunTask', 'arn:aws:ecs:us-east-1:111122223333:task-definition/report:3'),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('ecs-tasks.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'ecs-008', 'aws_iam_role.fn'],
    ]);
  });

  it('the service actions granted only on resources they do not act on (a bucket): no finding', () => {
    const user = dev([
      allow('iam:PassRole', fnRole),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], 'arn:aws:s3:::builds/*'),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });

  it('iam:PassedToService naming another service than the path: no finding', () => {
    const user = dev([
      allow('iam:PassRole', fnRole, { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });

  it('a boundary without iam:PassRole closes the path; one with it keeps it', () => {
    const statements = [allow('iam:PassRole', fnRole), allow('ec2:RunInstances', '*')];
    const target = adminRole('fn', serviceTrust('ec2.amazonaws.com'));
    expect(findings([dev(statements, [allow('ec2:*', '*')]), target])).toEqual([]);
    expect(findings([dev(statements, [allow(['ec2:*', 'iam:PassRole'], '*')]), target])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'ec2-001', 'aws_iam_role.fn'],
    ]);
  });

  it('sts:AssumeRole on an administrator role, written as an ARN with its name', () => {
    const user = dev([allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/ops-admin')]);
    expect(findings([user, adminRole('ops-admin', accountTrust)])).toEqual([
      ['privilege-escalation/assume-any-role', '/Statement/0', 'sts-001', 'aws_iam_role.ops-admin'],
    ]);
    // A role only a service assumes cannot be assumed by the user.
    expect(findings([user, adminRole('ops-admin', serviceTrust('ec2.amazonaws.com'))])).toEqual([]);
    // Another role's name.
    expect(
      findings([
        dev([allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/ops-read')]),
        adminRole('ops-admin', accountTrust),
      ]),
    ).toEqual([]);
  });

  it('a role only a service assumes, allowed to assume an administrator role (StackSet administration and execution roles): no finding', () => {
    const execution = adminRole('stackset-exec', [
      ...serviceTrust('cloudformation.amazonaws.com'),
      { Effect: 'Allow', Principal: { AWS: arnOf('aws_iam_role.stackset-admin') }, Action: 'sts:AssumeRole' },
    ]);
    const statements = [allow('sts:AssumeRole', arnOf('aws_iam_role.stackset-exec'))];
    const administration = principal(
      'role',
      'stackset-admin',
      [inline('aws_iam_role_policy.stackset-admin', statements)],
      serviceTrust('cloudformation.amazonaws.com'),
    );
    const run = (p: PrincipalInput[]): unknown[] =>
      runGuard({ principals: p, resources: [], policies: [], errors: [] }, config).findings.filter(
        (f) => f.principal === 'aws_iam_role.stackset-admin',
      );
    expect(run([administration, execution])).toEqual([]);
    // The same grant on a role the account's principals may assume is reported.
    const open = principal(
      'role',
      'stackset-admin',
      [inline('aws_iam_role_policy.stackset-admin', statements)],
      [...serviceTrust('cloudformation.amazonaws.com'), ...accountTrust],
    );
    expect(run([open, execution])).toHaveLength(1);
  });

  it('iam:CreateAccessKey on an administrator user; on a user without it, nothing', () => {
    const user = dev([allow('iam:CreateAccessKey', arnOf('aws_iam_user.boss'))]);
    const boss = principal('user', 'boss', [{ kind: 'aws-managed', arn: ADMIN_POLICY }]);
    expect(findings([user, boss])).toEqual([
      ['privilege-escalation/user-credentials', '/Statement/0', 'iam-002', 'aws_iam_user.boss'],
    ]);
    const intern = principal('user', 'boss', [inline('p', [allow('s3:GetObject', '*')])]);
    expect(findings([user, intern])).toEqual([]);
  });

  it('iam:UpdateAssumeRolePolicy on an administrator role', () => {
    const target = arnOf('aws_iam_role.admin');
    const user = dev([allow('iam:UpdateAssumeRolePolicy', target), allow('sts:AssumeRole', target)]);
    expect(findings([user, adminRole('admin', serviceTrust('ec2.amazonaws.com'))])).toEqual([
      ['privilege-escalation/iam-policy-modification', '/Statement/0', 'iam-012', 'aws_iam_role.admin'],
    ]);
  });

  it('iam:PutRolePolicy + sts:AssumeRole on one role: open whatever the role holds; without the assume, not', () => {
    const target = arnOf('aws_iam_role.worker');
    const role = plainRole('worker', accountTrust);
    expect(findings([dev([allow('iam:PutRolePolicy', target), allow('sts:AssumeRole', target)]), role])).toEqual([
      ['privilege-escalation/iam-policy-modification', '/Statement/0', 'iam-017', 'aws_iam_role.worker'],
    ]);
    expect(findings([dev([allow('iam:PutRolePolicy', target)]), role])).toEqual([]);
  });

  it('iam:CreatePolicyVersion on a managed policy attached to a role + sts:AssumeRole on the role; on a policy not attached to it, nothing', () => {
    const policyArn = arnOf('aws_iam_policy.worker');
    const role = principal(
      'role',
      'worker',
      [
        {
          kind: 'managed',
          arn: policyArn,
          policy: {
            id: 'aws_iam_policy.worker',
            name: 'worker',
            location: {},
            document: { Version: V, Statement: [allow('s3:GetObject', '*')] },
          },
        },
      ],
      accountTrust,
    );
    const assume = allow('sts:AssumeRole', arnOf('aws_iam_role.worker'));
    expect(findings([dev([allow('iam:CreatePolicyVersion', policyArn), assume]), role])).toEqual([
      ['privilege-escalation/iam-policy-modification', '/Statement/0', 'iam-016', 'aws_iam_role.worker'],
    ]);
    expect(findings([dev([allow('iam:CreatePolicyVersion', arnOf('aws_iam_policy.other')), assume]), role])).toEqual(
      [],
    );
  });

  it('sts:AssumeRole on a role that may pass an administrator role to Lambda: a chain to administrator access', () => {
    const deployerArn = arnOf('aws_iam_role.deployer');
    const deployer = (statements: unknown[]): PrincipalInput =>
      principal('role', 'deployer', [inline('aws_iam_role_policy.deployer', statements)], accountTrust);
    const user = dev([allow('sts:AssumeRole', deployerArn)]);
    const fn = adminRole('fn', serviceTrust('lambda.amazonaws.com'));
    const escalating = deployer([
      allow('iam:PassRole', fnRole),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
    ]);
    expect(findings([user, escalating, fn])).toEqual([
      ['privilege-escalation/assume-any-role', '/Statement/0', 'sts-001', 'aws_iam_role.deployer'],
    ]);
    // The same role without lambda:InvokeFunction has no path: assuming it is no escalation.
    const stuck = deployer([allow('iam:PassRole', fnRole), allow('lambda:CreateFunction', '*')]);
    expect(findings([user, stuck, fn])).toEqual([]);
  });

  it('one statement passing two administrator roles: one finding naming both', () => {
    const user = dev([
      allow('iam:PassRole', [fnRole, arnOf('aws_iam_role.fn2')]),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
    ]);
    const roles = [
      adminRole('fn', serviceTrust('lambda.amazonaws.com')),
      adminRole('fn2', serviceTrust('lambda.amazonaws.com')),
    ];
    const result = runGuard({ principals: [user, ...roles], resources: [], policies: [], errors: [] }, config);
    const mine = result.findings.filter((f) => f.principal === 'aws_iam_user.dev');
    expect(mine.map((f) => [f.ruleId, f.evidence?.['targets']])).toEqual([
      ['privilege-escalation/pass-role-to-service', ['aws_iam_role.fn', 'aws_iam_role.fn2']],
    ]);
  });

  it('an unconditional deny of the action on the target closes the path', () => {
    const user = dev([
      allow('iam:PassRole', fnRole),
      allow('ec2:RunInstances', '*'),
      { Effect: 'Deny', Action: 'iam:PassRole', Resource: fnRole },
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('ec2.amazonaws.com'))])).toEqual([]);
  });

  it('grants on every resource stay reported once, by the per-policy check', () => {
    const user = dev([allow('iam:PassRole', '*'), allow('ec2:RunInstances', '*')]);
    const rows = findings([user, adminRole('fn', serviceTrust('ec2.amazonaws.com'))]);
    expect(rows.filter(([rule]) => rule === 'privilege-escalation/pass-role-to-service')).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'ec2-001', undefined],
    ]);
  });
});

describe('roles whose grants name every role of a prefix', () => {
  // Each of many roles may pass `role/app-*` to Lambda; `app-0` holds administrator access.
  const appRole = (i: number, statements: unknown[]): PrincipalInput => {
    const role = principal('role', `app-${i}`, [inline(`aws_iam_role_policy.app-${i}`, statements)], accountTrust);
    return { ...role, arn: `arn:aws:iam::111122223333:role/app-${i}` };
  };
  const scan = (count: number, statements: unknown[]) => {
    const admin = {
      ...adminRole('app-0', [...serviceTrust('lambda.amazonaws.com'), ...accountTrust]),
      arn: 'arn:aws:iam::111122223333:role/app-0',
    };
    const roles = [admin, ...Array.from({ length: count }, (_, i) => appRole(i + 1, statements))];
    return runGuard({ principals: roles, resources: [], policies: [], errors: [] }, config).findings.filter(
      (f) => f.ruleId.startsWith('privilege-escalation/') && f.evidence?.['target'] !== undefined,
    );
  };

  it('each one reaches the administrator, named first; the roles that reach it through it are not listed', () => {
    const found = scan(300, [
      allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-*'),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
    ]);
    expect(found).toHaveLength(300);
    for (const f of found) {
      expect(f.evidence?.['target']).toBe('aws_iam_role.app-0');
      expect(f.evidence?.['targets']).toBeUndefined();
    }
  });

  it('many administrator roles of the prefix: each role names ten of them, administrators first', () => {
    const admins = Array.from({ length: 200 }, (_, i) => ({
      ...adminRole(`app-admin-${i}`, serviceTrust('lambda.amazonaws.com')),
      arn: `arn:aws:iam::111122223333:role/app-admin-${i}`,
    }));
    const devs = Array.from({ length: 200 }, (_, i) =>
      appRole(1000 + i, [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-admin-*'),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
      ]),
    );
    const found = runGuard(
      { principals: [...admins, ...devs], resources: [], policies: [], errors: [] },
      config,
    ).findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');
    expect(found).toHaveLength(200);
    for (const f of found) {
      expect(f.evidence?.['targetHolds']).toBe('admin');
      expect((f.evidence?.['targets'] as unknown[]).length).toBe(10);
    }
  });

  it('a rewrite of any of them and the assume: the administrator assumed, a few of the others rewritten', () => {
    const found = scan(300, [allow(['iam:PutRolePolicy', 'sts:AssumeRole'], 'arn:aws:iam::111122223333:role/app-*')]);
    const assumed = found.filter((f) => f.ruleId === 'privilege-escalation/assume-any-role');
    const rewritten = found.filter((f) => f.ruleId === 'privilege-escalation/iam-policy-modification');
    expect([assumed.length, rewritten.length]).toEqual([300, 300]);
    for (const f of assumed) expect(f.evidence?.['target']).toBe('aws_iam_role.app-0');
    for (const f of rewritten) {
      const targets = f.evidence?.['targets'] as string[];
      expect(targets.length).toBeGreaterThan(1);
      expect(targets.length).toBeLessThanOrEqual(10);
    }
  });
});

// An `iam:PolicyARN` condition on the attach of a targeted path: it closes the path only when it
// admits no policy that gives away administrator access or IAM.
describe('attach on one named role, then assume it or pass it to a service', () => {
  const worker = arnOf('aws_iam_role.worker');
  const trust = [...accountTrust, ...serviceTrust('lambda.amazonaws.com')];
  const role = plainRole('worker', trust);
  const MODIFY = 'privilege-escalation/iam-policy-modification';
  const attach = (condition?: unknown): unknown => allow('iam:AttachRolePolicy', worker, condition);
  const assume = [allow('sts:AssumeRole', worker)];
  const pass = [allow('iam:PassRole', worker), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*')];
  const ADMIN = { ArnEquals: { 'iam:PolicyARN': ADMIN_POLICY } };
  const ANY_AWS = { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } };
  const OWN = { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/ci-*' } };
  const HARMLESS = { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } };

  it.each([
    ['no condition', undefined],
    ['iam:PolicyARN naming AdministratorAccess', ADMIN],
    ['iam:PolicyARN admitting every AWS managed policy', ANY_AWS],
  ] as const)('%s: open, by assuming it (iam-014) or passing it to Lambda', (_name, condition) => {
    expect(findings([dev([attach(condition), ...assume]), role])).toEqual([
      [MODIFY, '/Statement/0', 'iam-014', 'aws_iam_role.worker'],
    ]);
    expect(findings([dev([attach(condition), ...pass]), role])).toEqual([
      [MODIFY, '/Statement/0', 'role-attach-lambda-001', 'aws_iam_role.worker'],
    ]);
  });

  it('iam:PolicyARN admitting policies the caller may create: open; without iam:CreatePolicy, closed', () => {
    const create = allow('iam:CreatePolicy', 'arn:aws:iam::111122223333:policy/ci-*');
    expect(findings([dev([attach(OWN), create, ...assume]), role])).toEqual([
      [MODIFY, '/Statement/0', 'iam-014', 'aws_iam_role.worker'],
    ]);
    expect(findings([dev([attach(OWN), ...assume]), role])).toEqual([]);
  });

  // What blocks writing that policy is read as on the per-policy paths: the configured SCPs, and
  // a boundary by the resource it allows the creation on.
  it('iam:PolicyARN admitting policies the caller may create, the creation denied by an SCP or outside its boundary: closed', () => {
    const create = allow('iam:CreatePolicy', 'arn:aws:iam::111122223333:policy/ci-*');
    const statements = [attach(OWN), create, ...assume];
    const scps = [{ Version: V, Statement: [{ Effect: 'Deny', Action: 'iam:CreatePolicy', Resource: '*' }] }];
    const guarded = { ...config, settings: { ...config.settings, scps } };
    const result = runGuard({ principals: [dev(statements), role], resources: [], policies: [], errors: [] }, guarded);
    expect(result.findings.filter((f) => f.principal === 'aws_iam_user.dev')).toEqual([]);
    const steps = allow(['iam:AttachRolePolicy', 'sts:AssumeRole'], '*');
    const elsewhere = allow('iam:CreatePolicy', 'arn:aws:iam::111122223333:policy/other-*');
    expect(findings([dev(statements, [steps, elsewhere]), role])).toEqual([]);
    // The same boundary letting it create `ci-*` keeps the path open.
    expect(findings([dev(statements, [steps, create]), role])).toEqual([
      [MODIFY, '/Statement/0', 'iam-014', 'aws_iam_role.worker'],
    ]);
  });

  it('iam:PolicyARN admitting only a harmless policy closes both', () => {
    expect(findings([dev([attach(HARMLESS), ...assume]), role])).toEqual([]);
    expect(findings([dev([attach(HARMLESS), ...pass]), role])).toEqual([]);
  });

  it('a role only another service may assume is not passed to Lambda: closed', () => {
    const ecsRole = plainRole('worker', serviceTrust('ecs-tasks.amazonaws.com'));
    expect(findings([dev([attach(), ...pass]), ecsRole])).toEqual([]);
  });
});

// A group of the scan whose policies are administrator access: adding a user to it makes an
// administrator of that user (the caller itself, or any user it holds the credentials of).
describe('iam:AddUserToGroup on a group of the scan', () => {
  const group = (name: string, policies: AttachedPolicy[]): PrincipalInput => ({
    id: `aws_iam_group.${name}`,
    kind: 'group',
    name,
    path: '/',
    arn: arnOf(`aws_iam_group.${name}`),
    policies,
    tags: {},
    members: [],
    location: { address: `aws_iam_group.${name}` },
  });
  const admins = group('admins', [{ kind: 'aws-managed', arn: ADMIN_POLICY }]);
  const inlineAdmins = group('root-like', [inline('aws_iam_group_policy.root-like', [allow('*', '*')])]);
  const readers = group('readers', [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
  const ADD = 'iam:AddUserToGroup';

  it.each([
    [
      'the group by its ARN, AdministratorAccess attached',
      [admins],
      arnOf('aws_iam_group.admins'),
      'aws_iam_group.admins',
    ],
    ['the group by a written ARN', [admins], 'arn:aws:iam::111122223333:group/admins', 'aws_iam_group.admins'],
    [
      'a group whose inline policy allows everything',
      [inlineAdmins],
      arnOf('aws_iam_group.root-like'),
      'aws_iam_group.root-like',
    ],
    ['groups by a name prefix', [readers, admins], 'arn:aws:iam::111122223333:group/adm*', 'aws_iam_group.admins'],
  ] as const)('%s: reported', (_name, groups, resource, target) => {
    expect(findings([dev([allow(ADD, resource)]), ...groups])).toEqual([
      ['privilege-escalation/iam-policy-modification', '/Statement/0', 'iam-013', target],
    ]);
  });

  it('a group whose policies are not administrator access: no finding', () => {
    expect(findings([dev([allow(ADD, arnOf('aws_iam_group.readers'))]), readers])).toEqual([]);
  });

  it('a Deny of the membership change, or a boundary without it: no finding', () => {
    const resource = arnOf('aws_iam_group.admins');
    expect(findings([dev([allow(ADD, resource), { Effect: 'Deny', Action: ADD, Resource: '*' }]), admins])).toEqual([]);
    expect(findings([dev([allow(ADD, resource)], [allow('s3:*', '*')]), admins])).toEqual([]);
  });
});

/**
 * A pass-role path whose service actions must act on one same resource (the function created is
 * the one invoked): each case grants iam:PassRole on an administrator role, the create action on
 * the caller's own names, and the run action either on resources that include one of them or on
 * others only.
 */
describe('the create and run actions of a pass-role path on one same resource', () => {
  const acct = '111122223333';
  /** `arn:aws:<service>:${AWS::Region}:111122223333:<resource>`, the Region known after deploy, as CDK writes it. */
  const inRegion = (service: string, resource: string): SymbolicValue =>
    new SymbolicValue([`arn:aws:${service}:`, { id: 'AWS::Region', source: 'AWS::Region' }, `:${acct}:${resource}`]);
  const cases: {
    name: string;
    path: string;
    service: string;
    create: unknown[];
    runsOwn: unknown[];
    runsOther: unknown[];
  }[] = [
    {
      name: 'a Lambda function created under builder-* and invoked',
      path: 'lambda-001',
      service: 'lambda.amazonaws.com',
      create: [allow('lambda:CreateFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`)],
      runsOwn: [allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`)],
      runsOther: [allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:report`)],
    },
    {
      name: 'a Batch job definition registered under etl-* and submitted to a queue',
      path: 'batch-001',
      service: 'ecs-tasks.amazonaws.com',
      create: [allow('batch:RegisterJobDefinition', `arn:aws:batch:us-east-1:${acct}:job-definition/etl-*`)],
      runsOwn: [
        allow('batch:SubmitJob', [
          `arn:aws:batch:us-east-1:${acct}:job-definition/etl-nightly:*`,
          `arn:aws:batch:us-east-1:${acct}:job-queue/etl`,
        ]),
      ],
      runsOther: [
        allow('batch:SubmitJob', [
          `arn:aws:batch:us-east-1:${acct}:job-definition/report:*`,
          `arn:aws:batch:us-east-1:${acct}:job-queue/etl`,
        ]),
      ],
    },
    {
      name: 'a Glue job created under etl-* and started',
      path: 'glue-003',
      service: 'glue.amazonaws.com',
      create: [allow('glue:CreateJob', `arn:aws:glue:eu-west-1:${acct}:job/etl-*`)],
      runsOwn: [allow('glue:StartJobRun', `arn:aws:glue:eu-west-1:${acct}:job/etl-daily`)],
      runsOther: [allow('glue:StartJobRun', `arn:aws:glue:eu-west-1:${acct}:job/report`)],
    },
    {
      name: 'a state machine created under deploy-* and started (Region known after deploy)',
      path: 'stepfunctions-001',
      service: 'states.amazonaws.com',
      create: [allow('states:CreateStateMachine', inRegion('states', 'stateMachine:deploy-*'))],
      runsOwn: [allow('states:StartExecution', '*')],
      runsOther: [allow('states:StartExecution', inRegion('states', 'stateMachine:orders'))],
    },
  ];

  it.each(cases)('$name: reported on overlapping resources, not on others', (c) => {
    const target = adminRole('fn', serviceTrust(c.service));
    const pass = allow('iam:PassRole', arnOf('aws_iam_role.fn'));
    expect(findings([dev([pass, ...c.create, ...c.runsOwn]), target])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', c.path, 'aws_iam_role.fn'],
    ]);
    expect(findings([dev([pass, ...c.create, ...c.runsOther]), target])).toEqual([]);
  });

  it('the run action granted twice, on another function and on the own ones: reported through the second', () => {
    const user = dev([
      allow('iam:PassRole', arnOf('aws_iam_role.fn')),
      allow('lambda:CreateFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`),
      allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:report`),
      allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-lint`),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-001', 'aws_iam_role.fn'],
    ]);
  });

  it('a function the caller creates and an event source mapping runs: reported whatever it may invoke', () => {
    const user = dev([
      allow('iam:PassRole', arnOf('aws_iam_role.fn')),
      allow('lambda:CreateFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`),
      allow('lambda:CreateEventSourceMapping', '*'),
      allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:report`),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('lambda.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-002', 'aws_iam_role.fn'],
    ]);
  });

  it('an event source mapping aimed by lambda:FunctionArn: reported at the functions created, not at another', () => {
    const user = (aimed: string): PrincipalInput =>
      dev([
        allow('iam:PassRole', arnOf('aws_iam_role.fn')),
        allow('lambda:CreateFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`),
        allow('lambda:CreateEventSourceMapping', '*', { ArnLike: { 'lambda:FunctionArn': aimed } }),
      ]);
    const target = adminRole('fn', serviceTrust('lambda.amazonaws.com'));
    expect(findings([user(`arn:aws:lambda:us-east-1:${acct}:function:builder-*`), target])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-002', 'aws_iam_role.fn'],
    ]);
    expect(findings([user(`arn:aws:lambda:us-east-1:${acct}:function:report`), target])).toEqual([]);
  });

  it('the function invoked is one the deploy creates (its ARN known after deploy): it exists, the created one is never it', () => {
    const user = (invoked: unknown): PrincipalInput =>
      dev([
        allow('iam:PassRole', arnOf('aws_iam_role.fn')),
        allow('lambda:CreateFunction', '*'),
        allow('lambda:InvokeFunction', invoked),
      ]);
    const target = adminRole('fn', serviceTrust('lambda.amazonaws.com'));
    expect(findings([user(arnOf('aws_lambda_function.api')), target])).toEqual([]);
    // A name written out may be one the caller creates.
    expect(findings([user(`arn:aws:lambda:us-east-1:${acct}:function:report`), target])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-001', 'aws_iam_role.fn'],
    ]);
  });

  it('a Glue job of the deploy updated with the role and started (glue-005 changes a job that exists): reported; another job started: not', () => {
    const job = arnOf('aws_glue_job.etl');
    const user = dev([
      allow('iam:PassRole', arnOf('aws_iam_role.fn')),
      allow(['glue:UpdateJob', 'glue:StartJobRun'], job),
    ]);
    expect(findings([user, adminRole('fn', serviceTrust('glue.amazonaws.com'))])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'glue-005', 'aws_iam_role.fn'],
    ]);
    const other = dev([
      allow('iam:PassRole', arnOf('aws_iam_role.fn')),
      allow('glue:UpdateJob', `arn:aws:glue:us-east-1:${acct}:job/etl`),
      allow('glue:StartJobRun', `arn:aws:glue:us-east-1:${acct}:job/report`),
    ]);
    expect(findings([other, adminRole('fn', serviceTrust('glue.amazonaws.com'))])).toEqual([]);
  });

  /**
   * Create on every resource, run on one name written out: the caller may create a resource of
   * that name with the role and run it while none holds the name (Lambda refuses a second function
   * of a name, `ResourceConflictException`; so do CodeBuild projects and state machines of
   * another definition). A resource of that name the deploy itself defines holds it.
   */
  describe('created on every resource, run on one name written out', () => {
    const named: { name: string; service: string; path: string; actions: [string, string]; arn: string }[] = [
      {
        name: 'a function named report-builder',
        service: 'lambda.amazonaws.com',
        path: 'lambda-001',
        actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
        arn: `arn:aws:lambda:us-east-1:${acct}:function:report-builder`,
      },
      {
        name: 'a CodeBuild project named release',
        service: 'codebuild.amazonaws.com',
        path: 'codebuild-001',
        actions: ['codebuild:CreateProject', 'codebuild:StartBuild'],
        arn: `arn:aws:codebuild:us-east-1:${acct}:project/release`,
      },
      {
        name: 'a state machine named nightly',
        service: 'states.amazonaws.com',
        path: 'stepfunctions-001',
        actions: ['states:CreateStateMachine', 'states:StartExecution'],
        arn: `arn:aws:states:us-east-1:${acct}:stateMachine:nightly`,
      },
    ];
    const run = (c: (typeof named)[number], workloads: WorkloadInput[]) =>
      runGuard(
        {
          principals: [
            dev([
              allow('iam:PassRole', arnOf('aws_iam_role.fn')),
              allow(c.actions[0], '*'),
              allow(c.actions[1], c.arn),
            ]),
            adminRole('fn', serviceTrust(c.service)),
          ],
          resources: [],
          policies: [],
          errors: [],
          workloads,
        },
        config,
      ).findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');

    it.each(named)('$name, free: reported, the message naming the create and run on it', (c) => {
      const found = run(c, []);
      expect(found.map((f) => f.evidence?.['path'])).toEqual([c.path]);
      expect(found[0]?.message).toContain(`on \`${c.arn}\`: the deploy defines no resource of that name`);
      expect(found[0]?.evidence?.['createsNamed']).toBe(c.arn);
    });

    it('a function of that name defined by the deploy (its Region and account known after deploy): not reported', () => {
      const c = named[0] as (typeof named)[number];
      const defined = (name: string): WorkloadInput => ({
        id: 'Stack/ReportBuilder',
        type: 'AWS::Lambda::Function',
        arn: new SymbolicValue([
          'arn:aws:lambda:',
          { id: 'AWS::Region', source: 'the region of the stack' },
          ':',
          { id: 'AWS::AccountId', source: 'the account of the stack' },
          `:function:${name}`,
        ]),
        role: { principal: 'aws_iam_role.fn' },
        location: {},
      });
      expect(run(c, [defined('report-builder')])).toEqual([]);
      // Another function's name leaves report-builder free.
      expect(run(c, [defined('report-builder-v2')]).map((f) => f.evidence?.['path'])).toEqual([c.path]);
    });

    it('the run action on the name written with the stack partition, Region and account (as CDK writes it): the same', () => {
      const c = named[0] as (typeof named)[number];
      const written = new SymbolicValue([
        'arn:',
        { id: 'AWS::Partition', source: 'the partition of the stack' },
        ':lambda:',
        { id: 'AWS::Region', source: 'the region of the stack' },
        ':',
        { id: 'AWS::AccountId', source: 'the account of the stack' },
        ':function:report-builder',
      ]);
      const function_ = (name: string): WorkloadInput => ({
        id: 'Stack/ReportBuilder',
        type: 'AWS::Lambda::Function',
        arn: `arn:aws:lambda:us-east-1:${acct}:function:${name}`,
        role: { principal: 'aws_iam_role.fn' },
        location: {},
      });
      const findings = (workloads: WorkloadInput[]) =>
        runGuard(
          {
            principals: [
              dev([
                allow('iam:PassRole', arnOf('aws_iam_role.fn')),
                allow('lambda:CreateFunction', '*'),
                allow('lambda:InvokeFunction', written),
              ]),
              adminRole('fn', serviceTrust(c.service)),
            ],
            resources: [],
            policies: [],
            errors: [],
            workloads,
          },
          config,
        ).findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');
      expect(findings([function_('report-builder')])).toEqual([]);
      expect(findings([function_('report-builder-v2')]).map((f) => f.evidence?.['path'])).toEqual([c.path]);
    });

    it('run on a pattern (builder-*): the plain message, no name', () => {
      const found = runGuard(
        {
          principals: [
            dev([
              allow('iam:PassRole', arnOf('aws_iam_role.fn')),
              allow('lambda:CreateFunction', '*'),
              allow('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${acct}:function:builder-*`),
            ]),
            adminRole('fn', serviceTrust('lambda.amazonaws.com')),
          ],
          resources: [],
          policies: [],
          errors: [],
        },
        config,
      ).findings.filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service');
      expect(found.map((f) => f.evidence?.['createsNamed'])).toEqual([undefined]);
      expect(found[0]?.message).not.toContain('no resource of that name');
    });
  });

  it('every meet of the paths names a resource type the catalog lists for each of its actions, all of the path', () => {
    const meets = ESCALATION_PATHS.flatMap((path) => (path.meets ?? []).map((meet) => ({ path, meet })));
    expect(meets.length).toBeGreaterThan(10);
    for (const { path, meet } of meets) {
      expect(meet.actions.length).toBeGreaterThan(1);
      for (const action of meet.actions) {
        expect([path.id, path.actions.includes(action)]).toEqual([path.id, true]);
        // An action read through a condition key takes no resource: the catalog lists the key for it.
        const key = meet.keys?.[action];
        const info = getAction(action);
        const listed =
          key === undefined
            ? info?.resourceTypes.some((t) => t.name === meet.resourceType)
            : info?.conditionKeys.includes(key);
        expect([action, listed]).toEqual([action, true]);
      }
    }
  });
});

describe('a role trusting a SAML provider the caller may update (iam-update-saml-provider)', () => {
  const OKTA = 'arn:aws:iam::111122223333:saml-provider/okta';
  const samlTrust = (provider: unknown, condition?: unknown): unknown[] => [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: condition ?? { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ];
  // The provider of the same plan, its ARN known after apply but for its account.
  const OKTA_LATER = new SymbolicValue([
    'arn:aws:iam::',
    { id: 'aws_iam_saml_provider.okta.account', source: 'the account of aws_iam_saml_provider.okta' },
    ':saml-provider/okta',
  ]);
  const OKTA_CN = 'arn:aws-cn:iam::111122223333:saml-provider/okta';
  // A provider of a CDK app: its partition `${AWS::Partition}`, known at deploy.
  const OKTA_ANY = new SymbolicValue([
    'arn:',
    { id: 'AWS::Partition', source: 'AWS::Partition' },
    ':iam::111122223333:saml-provider/okta',
  ]);
  const regionDeny = (action: string, region: string): unknown => ({
    Effect: 'Deny',
    Action: action,
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': region } },
  });
  const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
  const oidcTrust = (provider: string): unknown[] => [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    },
  ];
  const samlDeny = (provider: string, condition?: unknown): unknown => ({
    Effect: 'Deny',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithSAML',
    ...(condition !== undefined ? { Condition: condition } : {}),
  });
  const deny = (resource: unknown): unknown => ({
    Effect: 'Deny',
    Action: 'iam:UpdateSAMLProvider',
    Resource: resource,
  });
  // An error, as iam:UpdateAssumeRolePolicy on the same role is: both rewrite who may act as it.
  const rule = 'privilege-escalation/iam-policy-modification';
  const reported = [rule, '/Statement/0', 'iam-update-saml-provider', 'aws_iam_role.sso_admin'];
  const iamRole = (policies: AttachedPolicy[], trust: unknown[]): PrincipalInput =>
    principal('role', 'sso_admin', policies, trust);
  it.each<[string, unknown[], PrincipalInput, (typeof reported)[]]>([
    [
      'the provider named, an administrator role trusting it: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', samlTrust(OKTA)),
      [reported],
    ],
    [
      'every provider: reported',
      [allow('iam:UpdateSAMLProvider', '*')],
      adminRole('sso_admin', samlTrust(OKTA)),
      [reported],
    ],
    [
      'the provider by its reference, known after apply: reported',
      [allow('iam:UpdateSAMLProvider', arnOf('aws_iam_saml_provider.okta'))],
      adminRole('sso_admin', samlTrust(arnOf('aws_iam_saml_provider.okta'))),
      [reported],
    ],
    [
      'every role, not a provider (a type the update does not act on): no finding',
      [allow('iam:UpdateSAMLProvider', 'arn:aws:iam::*:role/*')],
      adminRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'another provider: no finding',
      [allow('iam:UpdateSAMLProvider', 'arn:aws:iam::111122223333:saml-provider/other')],
      adminRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'a role holding IAMFullAccess (it may grant itself anything): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole([{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/IAMFullAccess' }], samlTrust(OKTA)),
      [reported],
    ],
    [
      'a role allowed iam:* on every resource: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole([inline('aws_iam_role_policy.sso_admin', [allow('iam:*', '*')])], samlTrust(OKTA)),
      [reported],
    ],
    [
      'a role that only reads IAM: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole([inline('aws_iam_role_policy.sso_admin', [allow(['iam:Get*', 'iam:List*'], '*')])], samlTrust(OKTA)),
      [],
    ],
    [
      'a role without administrator access: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      plainRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'an administrator role under a boundary that allows only S3 reads: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow(['s3:GetObject', 's3:ListBucket'], '*'),
      ]),
      [],
    ],
    [
      'an administrator role under a boundary that allows every action: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [allow('*', '*')]),
      [reported],
    ],
    [
      'an administrator role under the usual boundary (every action but lifting it and creating users): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*'),
        {
          Effect: 'Deny',
          Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:CreateUser'],
          Resource: '*',
        },
      ]),
      [reported],
    ],
    [
      'a role allowed only iam:PutRolePolicy under a boundary that allows every action (it writes itself any policy): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal(
        'role',
        'sso_admin',
        [inline('aws_iam_role_policy.sso_admin', [allow('iam:PutRolePolicy', '*')])],
        samlTrust(OKTA),
        [allow('*', '*')],
      ),
      [reported],
    ],
    [
      'a role allowed iam:*Policy* under a boundary that allows iam:* (it writes itself the rest of IAM): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal(
        'role',
        'sso_admin',
        [inline('aws_iam_role_policy.sso_admin', [allow('iam:*Policy*', '*')])],
        samlTrust(OKTA),
        [allow('iam:*', '*')],
      ),
      [reported],
    ],
    [
      'a role allowed only iam:PutRolePolicy under a boundary that allows only S3: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal(
        'role',
        'sso_admin',
        [inline('aws_iam_role_policy.sso_admin', [allow('iam:PutRolePolicy', '*')])],
        samlTrust(OKTA),
        [allow('s3:*', '*')],
      ),
      [],
    ],
    [
      'an administrator role under a boundary allowing two regions (IAM answers in one of them): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }),
      ]),
      [reported],
    ],
    [
      'an administrator role whose boundary denies IAM outside us-east-1: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*'),
        {
          Effect: 'Deny',
          Action: 'iam:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ]),
      [reported],
    ],
    [
      'an administrator role under a boundary allowing only eu-west-1 (it still passes any role to a function there): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
      ]),
      [reported],
    ],
    [
      'an administrator role under a boundary allowing only eu-west-1, iam:PassRole denied (the boundary allows no IAM call, all answered in us-east-1): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [],
    ],
    [
      "a boundary allowing the Region of the role's tag (${aws:PrincipalTag/region}, which may be us-east-1), iam:PassRole denied: reported",
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', { StringEquals: { 'aws:RequestedRegion': '${aws:PrincipalTag/region}' } }),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [reported],
    ],
    [
      'the same boundary allowing us-east-1 too, iam:PassRole denied (IAM calls allowed): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } }),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [reported],
    ],
    [
      'an administrator role whose boundary denies IAM outside eu-west-1 (iam:PassRole is checked in the Region of the service it passes to): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*'),
        regionDeny('iam:*', 'eu-west-1'),
      ]),
      [reported],
    ],
    [
      'an administrator role whose boundary denies IAM outside eu-west-1 and iam:PassRole (IAM answers in us-east-1): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*'),
        regionDeny('iam:*', 'eu-west-1'),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [],
    ],
    [
      'in aws-cn, an administrator role whose boundary denies IAM outside cn-north-1 (IAM answers there): reported',
      [allow('iam:UpdateSAMLProvider', OKTA_CN)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA_CN), [
        allow('*', '*'),
        regionDeny('iam:*', 'cn-north-1'),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [reported],
    ],
    [
      'in aws-cn, an administrator role whose boundary denies IAM outside us-east-1: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA_CN)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA_CN), [
        allow('*', '*'),
        regionDeny('iam:*', 'us-east-1'),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [],
    ],
    [
      'in an unknown partition, a boundary denying IAM outside us-east-1 may leave it (cn-north-1, us-gov-west-1): reported',
      [allow('iam:UpdateSAMLProvider', '*')],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA_ANY), [
        allow('*', '*'),
        regionDeny('iam:*', 'us-east-1'),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [reported],
    ],
    [
      'in an unknown partition, a boundary denying IAM outside eu-west-1 closes it in every partition: no finding',
      [allow('iam:UpdateSAMLProvider', '*')],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA_ANY), [
        allow('*', '*'),
        regionDeny('iam:*', 'eu-west-1'),
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
      [],
    ],
    [
      'an administrator role under a boundary allowing a Region given at deploy (it may be us-east-1): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal('role', 'sso_admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(OKTA), [
        allow('*', '*', {
          StringEquals: { 'aws:RequestedRegion': new SymbolicValue([{ id: 'region', source: 'var.region' }]) },
        }),
      ]),
      [reported],
    ],
    [
      'a role allowed every action with a Deny of deleting buckets (irrelevant to administrator access): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole(
        [
          inline('aws_iam_role_policy.sso_admin', [
            allow('*', '*'),
            { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
          ]),
        ],
        samlTrust(OKTA),
      ),
      [reported],
    ],
    [
      'an administrator role whose Deny takes away all but S3 reads (NotAction): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole(
        [
          { kind: 'aws-managed', arn: ADMIN_POLICY },
          inline('aws_iam_role_policy.sso_admin', [
            { Effect: 'Deny', NotAction: ['s3:Get*', 's3:List*'], Resource: '*' },
          ]),
        ],
        samlTrust(OKTA),
      ),
      [],
    ],
    [
      'a role allowed iam:* under a boundary that allows iam:* (it may lift the boundary, then write itself): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal(
        'role',
        'sso_admin',
        [inline('aws_iam_role_policy.sso_admin', [allow('iam:*', '*')])],
        samlTrust(OKTA),
        [allow('iam:*', '*')],
      ),
      [reported],
    ],
    [
      'a role allowed iam:* under a boundary that only reads IAM: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      principal(
        'role',
        'sso_admin',
        [inline('aws_iam_role_policy.sso_admin', [allow('iam:*', '*')])],
        samlTrust(OKTA),
        [allow(['iam:Get*', 'iam:List*'], '*')],
      ),
      [],
    ],
    [
      'a role allowed iam:* but denied writing role policies (it may still make a user, give it any policy and a key): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole(
        [
          inline('aws_iam_role_policy.sso_admin', [
            allow('iam:*', '*'),
            { Effect: 'Deny', Action: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'], Resource: '*' },
          ]),
        ],
        samlTrust(OKTA),
      ),
      [reported],
    ],
    [
      'a role allowed iam:* but denied writing any role or user policy: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole(
        [
          inline('aws_iam_role_policy.sso_admin', [
            allow('iam:*', '*'),
            { Effect: 'Deny', Action: ['iam:Put*Policy', 'iam:Attach*Policy'], Resource: '*' },
          ]),
        ],
        samlTrust(OKTA),
      ),
      [],
    ],
    [
      'a role allowed only iam:CreateAccessKey on every user (no administrator user in the scan): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      iamRole([inline('aws_iam_role_policy.sso_admin', [allow('iam:CreateAccessKey', '*')])], samlTrust(OKTA)),
      [],
    ],
    [
      'a role trusting the provider from one network only (whoever acts as the caller may call from there): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', samlTrust(OKTA, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })),
      [reported],
    ],
    [
      'a role trusting the provider only with an external id (never on a SAML request): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', samlTrust(OKTA, { StringEquals: { 'sts:ExternalId': 'partner-7' } })),
      [],
    ],
    [
      'a role trusting the provider only for one source owner (a key only a service call carries): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', samlTrust(OKTA, { StringEquals: { 'aws:SourceOwner': '111122223333' } })),
      [],
    ],
    [
      'the update denied: no finding',
      [allow('iam:UpdateSAMLProvider', '*'), { Effect: 'Deny', Action: 'iam:UpdateSAMLProvider', Resource: OKTA }],
      adminRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'iam:UpdateOpenIDConnectProviderThumbprint on every provider (the issuer stays the same): no finding',
      [allow('iam:UpdateOpenIDConnectProviderThumbprint', '*')],
      adminRole('sso_admin', oidcTrust(GITHUB)),
      [],
    ],
    [
      'the update denied on the provider by its reference: no finding',
      [allow('iam:UpdateSAMLProvider', '*'), deny(arnOf('aws_iam_saml_provider.okta'))],
      adminRole('sso_admin', samlTrust(arnOf('aws_iam_saml_provider.okta'))),
      [],
    ],
    [
      'the update denied by name in any account, the provider known after apply: no finding',
      [allow('iam:UpdateSAMLProvider', '*'), deny('arn:aws:iam::*:saml-provider/okta')],
      adminRole('sso_admin', samlTrust(OKTA_LATER)),
      [],
    ],
    [
      'the update denied on every provider, the provider known after apply: no finding',
      [allow('iam:UpdateSAMLProvider', '*'), deny('arn:aws:iam::*:saml-provider/*')],
      adminRole('sso_admin', samlTrust(OKTA_LATER)),
      [],
    ],
    [
      'the update denied on another provider, the provider known after apply: reported',
      [allow('iam:UpdateSAMLProvider', '*'), deny('arn:aws:iam::*:saml-provider/other')],
      adminRole('sso_admin', samlTrust(OKTA_LATER)),
      [reported],
    ],
    [
      'a trust policy denying the assertion from that provider: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [...samlTrust(OKTA), samlDeny(OKTA)]),
      [],
    ],
    [
      'a trust policy denying it outside one network (whoever acts as the caller may be on it): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
      ]),
      [reported],
    ],
    [
      'a trust policy denying it after a date (when the caller calls is not known): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }),
      ]),
      [reported],
    ],
    [
      'a trust policy denying a session tag the assertion sets (the caller writes its tags): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { StringEquals: { 'aws:RequestTag/team': 'intern' } }),
      ]),
      [reported],
    ],
    [
      'a trust policy denying every request without the external id (a SAML request never has one): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { StringNotEquals: { 'sts:ExternalId': 'partner-7' } }),
      ]),
      [],
    ],
    [
      'a trust policy denying every call not made by a service of one account (the caller calls itself): no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { StringNotEquals: { 'aws:SourceAccount': '111122223333' } }),
      ]),
      [],
    ],
    [
      "a trust policy denying calls a service makes for another account (not the caller's own call): reported",
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [
        ...samlTrust(OKTA),
        samlDeny(OKTA, { StringEquals: { 'aws:SourceAccount': '444455556666' } }),
      ]),
      [reported],
    ],
    [
      'a trust policy denying only assertions the caller need not write (a SAML key): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [...samlTrust(OKTA), samlDeny(OKTA, { StringEquals: { 'SAML:sub': 'intern' } })]),
      [reported],
    ],
    [
      'a trust policy denying another provider: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [...samlTrust(OKTA), samlDeny('arn:aws:iam::111122223333:saml-provider/other')]),
      [reported],
    ],
    [
      'every provider but this one (NotResource naming it): no finding',
      [{ Effect: 'Allow', Action: 'iam:UpdateSAMLProvider', NotResource: OKTA }],
      adminRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'every resource but the SAML providers (NotResource saml-provider/*): no finding',
      [{ Effect: 'Allow', Action: 'iam:UpdateSAMLProvider', NotResource: 'arn:aws:iam::*:saml-provider/*' }],
      adminRole('sso_admin', samlTrust(OKTA)),
      [],
    ],
    [
      'every provider but another one (NotResource): reported',
      [
        {
          Effect: 'Allow',
          Action: 'iam:UpdateSAMLProvider',
          NotResource: 'arn:aws:iam::111122223333:saml-provider/other',
        },
      ],
      adminRole('sso_admin', samlTrust(OKTA)),
      [reported],
    ],
    [
      'a role trusting an OIDC provider for sts:AssumeRoleWith* (not a SAML provider): no finding',
      [allow('iam:UpdateSAMLProvider', '*')],
      adminRole('sso_admin', [{ Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWith*' }]),
      [],
    ],
    [
      'a role trusting Cognito identity for every federated call: no finding',
      [allow('iam:UpdateSAMLProvider', '*')],
      adminRole('sso_admin', [
        { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWith*' },
      ]),
      [],
    ],
    [
      'the trust as JSON text, as a plan holds it: reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      withTrustText(adminRole('sso_admin', samlTrust(OKTA)), (text) => text),
      [reported],
    ],
    [
      'the trust as JSON text naming `Federated` by escapes (`Fed\\u0065rated`): reported',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      withTrustText(adminRole('sso_admin', samlTrust(OKTA)), (text) =>
        text.replace('"Federated"', '"Fed\\u0065rated"'),
      ),
      [reported],
    ],
  ])('%s', (_name, statements, role, expected) => {
    expect(findings([dev(statements), role])).toEqual(expected);
  });

  // The provider a module takes as a variable: nothing of it is written before deploy.
  const GIVEN = new SymbolicValue([{ id: 'var.saml_provider_arn', source: 'var.saml_provider_arn' }]);
  it.each<[string, unknown[], (typeof reported)[]]>([
    ['every provider updatable: reported', [allow('iam:UpdateSAMLProvider', '*')], [reported]],
    [
      'every provider updatable but a Deny of every SAML provider (the trusted one among them): no finding',
      [allow('iam:UpdateSAMLProvider', '*'), deny('arn:aws:iam::*:saml-provider/*')],
      [],
    ],
    [
      'every provider updatable but a Deny of the providers of one account (the given one may be elsewhere): reported',
      [allow('iam:UpdateSAMLProvider', '*'), deny('arn:aws:iam::444455556666:saml-provider/*')],
      [reported],
    ],
    [
      'only OIDC providers updatable: no finding',
      [allow('iam:UpdateSAMLProvider', 'arn:aws:iam::*:oidc-provider/*')],
      [],
    ],
  ])('a provider given as a variable, %s', (_name, statements, expected) => {
    expect(findings([dev(statements), adminRole('sso_admin', samlTrust(GIVEN))])).toEqual(expected);
  });

  // A named provider against one given only at deploy: it may be that one or another.
  it.each<[string, unknown[], PrincipalInput, unknown[][]]>([
    [
      'one named provider updatable, an administrator role trusting a provider given at deploy: undecided, on the statement',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', samlTrust(GIVEN)),
      [['unverifiable/unknown-value', '/Statement/0', ['${var.saml_provider_arn}']]],
    ],
    [
      'the same provider denied: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA), deny(OKTA)],
      adminRole('sso_admin', samlTrust(GIVEN)),
      [],
    ],
    [
      'an OIDC provider named: no finding (not a SAML provider)',
      [allow('iam:UpdateSAMLProvider', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')],
      adminRole('sso_admin', samlTrust(GIVEN)),
      [],
    ],
    [
      'a role without administrator access trusting it: no finding',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      plainRole('sso_admin', samlTrust(GIVEN)),
      [],
    ],
    [
      'the trusted provider named too (the role is reached): the path alone',
      [allow('iam:UpdateSAMLProvider', OKTA)],
      adminRole('sso_admin', [...samlTrust(GIVEN), ...samlTrust(OKTA)]),
      [[rule, '/Statement/0', 'iam-update-saml-provider']],
    ],
    [
      'every provider but the named one updatable (NotResource): undecided, on the statement',
      [{ Effect: 'Allow', Action: 'iam:UpdateSAMLProvider', NotResource: OKTA }],
      adminRole('sso_admin', samlTrust(GIVEN)),
      [['unverifiable/unknown-value', '/Statement/0', ['${var.saml_provider_arn}']]],
    ],
    [
      'a NotResource leaving out every SAML provider: no finding',
      [{ Effect: 'Allow', Action: 'iam:UpdateSAMLProvider', NotResource: 'arn:aws:iam::*:saml-provider/*' }],
      adminRole('sso_admin', samlTrust(GIVEN)),
      [],
    ],
  ])('a provider given as a variable against a named one, %s', (_name, statements, role, expected) => {
    // The default configuration: undecided findings are not privilege-escalation rules.
    const result = runGuard({ principals: [dev(statements), role], resources: [], policies: [], errors: [] });
    const got = result.findings
      .filter((f) => f.principal === 'aws_iam_user.dev' && /^(privilege-escalation|unverifiable)\//.test(f.ruleId))
      .map((f) =>
        f.ruleId === 'unverifiable/unknown-value'
          ? [f.ruleId, f.location.pointer, f.evidence?.['values']]
          : [f.ruleId, f.location.pointer, f.evidence?.['path']],
      );
    expect(got).toEqual(expected);
  });

  it('says which providers the caller may rewrite and which role trusts one given at deploy', () => {
    const result = runGuard({
      principals: [dev([allow('iam:UpdateSAMLProvider', OKTA)]), adminRole('sso_admin', samlTrust(GIVEN))],
      resources: [],
      policies: [],
      errors: [],
    });
    const finding = result.findings.find((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(finding?.message).toContain(
      `may rewrite SAML provider \`${OKTA}\` with \`iam:UpdateSAMLProvider\`, and role \`sso_admin\`, which holds administrator access, trusts provider \`\${var.saml_provider_arn}\`, given only at deploy`,
    );
    expect(finding?.evidence?.['rule']).toBe('privilege-escalation/iam-policy-modification');
  });

  it('names every role trusting a provider given at deploy, with what may leave each with less', () => {
    const capped = principal('role', 'capped', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], samlTrust(GIVEN));
    const result = runGuard({
      principals: [
        dev([allow('iam:UpdateSAMLProvider', OKTA)]),
        adminRole('sso_admin', samlTrust(GIVEN)),
        { ...capped, permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/cap' } },
      ],
      resources: [],
      policies: [],
      errors: [],
    });
    const undecided = result.findings.filter((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(undecided).toHaveLength(1);
    expect(undecided[0]?.message).toContain(
      'role `sso_admin`, which holds administrator access, trusts provider `${var.saml_provider_arn}`; role `capped`, which holds administrator access unless its boundary `arn:aws:iam::111122223333:policy/cap` (not in the input) caps it, trusts provider',
    );
  });

  it('says that a NotResource leaves out the named providers only', () => {
    const result = runGuard({
      principals: [
        dev([{ Effect: 'Allow', Action: 'iam:UpdateSAMLProvider', NotResource: OKTA }]),
        adminRole('sso_admin', samlTrust(GIVEN)),
      ],
      resources: [],
      policies: [],
      errors: [],
    });
    const finding = result.findings.find((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(finding?.message).toContain(
      `may rewrite every SAML provider but \`${OKTA}\` with \`iam:UpdateSAMLProvider\``,
    );
  });

  /** The SAML finding of a scan of `dev` and the role, under the configuration's SCPs. */
  function samlFinding(role: PrincipalInput, scps: unknown[] = []): Finding | undefined {
    const guarded = { ...config, settings: { ...config.settings, scps } };
    const principals = [dev([allow('iam:UpdateSAMLProvider', OKTA)]), role];
    const result = runGuard({ principals, resources: [], policies: [], errors: [] }, guarded);
    return result.findings.find((f) => f.evidence?.['path'] === 'iam-update-saml-provider');
  }
  const scp = (statement: unknown): unknown => ({ Version: V, Statement: [statement] });

  it('an SCP that denies IAM to every principal but the role, by its ARN: the role stays an administrator', () => {
    const role = { ...adminRole('sso_admin', samlTrust(OKTA)), arn: 'arn:aws:iam::111122223333:role/sso_admin' };
    const exempt = (name: string): unknown =>
      scp({
        Effect: 'Deny',
        Action: 'iam:*',
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${name}` } },
      });
    expect(samlFinding(role, [exempt('sso_admin')])?.evidence?.['targetHolds']).toBe('admin');
    // Exempting another role takes IAM away from this one.
    expect(samlFinding(role, [exempt('break_glass')])).toBeUndefined();
  });

  it('an SCP denying only sts:AssumeRoot leaves an administrator role an administrator', () => {
    const role = adminRole('sso_admin', samlTrust(OKTA));
    const finding = samlFinding(role, [scp({ Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*' })]);
    expect(finding?.evidence?.['targetHolds']).toBe('admin');
    expect(finding?.message).toContain('which holds administrator access,');
  });

  it('a boundary the input does not hold, or a Deny under conditions the policies do not decide: reported, saying what would cap the role', () => {
    const unknownBoundary = samlFinding({
      ...adminRole('sso_admin', samlTrust(OKTA)),
      permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/elsewhere' },
    });
    expect(unknownBoundary?.message).toContain(
      'which holds administrator access unless its boundary `arn:aws:iam::111122223333:policy/elsewhere` (not in the input) caps it,',
    );
    const mfa = samlFinding(
      iamRole(
        [
          { kind: 'aws-managed', arn: ADMIN_POLICY },
          inline('aws_iam_role_policy.sso_admin', [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ]),
        ],
        samlTrust(OKTA),
      ),
    );
    expect(mfa?.evidence?.['unless']).toBe('conditions on `aws:MultiFactorAuthPresent` take it away');
  });

  it('a provider given as a variable is named by the variable, its name said to come at deploy', () => {
    const result = runGuard(
      {
        principals: [dev([allow('iam:UpdateSAMLProvider', '*')]), adminRole('sso_admin', samlTrust(GIVEN))],
        resources: [],
        policies: [],
        errors: [],
      },
      config,
    );
    const finding = result.findings.find((f) => f.evidence?.['path'] === 'iam-update-saml-provider');
    expect(finding?.message).toContain(
      'by replacing the signing certificate of the SAML provider `${var.saml_provider_arn}` (its name given only at deploy) it trusts',
    );
    expect(finding?.evidence?.['provider']).toBe('${var.saml_provider_arn}');
  });

  it('a provider of the same plan, by its reference, is named without a word on deploy', () => {
    const result = runGuard(
      {
        principals: [
          dev([allow('iam:UpdateSAMLProvider', '*')]),
          adminRole('sso_admin', samlTrust(arnOf('aws_iam_saml_provider.okta'))),
        ],
        resources: [],
        policies: [],
        errors: [],
      },
      config,
    );
    const finding = result.findings.find((f) => f.evidence?.['path'] === 'iam-update-saml-provider');
    expect(finding?.message).toContain(
      'the SAML provider `${the ARN of aws_iam_saml_provider.okta}` it trusts (`iam:UpdateSAMLProvider`',
    );
  });

  it('the finding names the role, the provider and the assertion step', () => {
    const result = runGuard(
      {
        principals: [dev([allow('iam:UpdateSAMLProvider', OKTA)]), adminRole('sso_admin', samlTrust(OKTA))],
        resources: [],
        policies: [],
        errors: [],
      },
      config,
    );
    const finding = result.findings.find((f) => f.evidence?.['path'] === 'iam-update-saml-provider');
    expect(finding?.message).toBe(
      `user \`aws_iam_user.dev\` can act as role \`sso_admin\`, which holds administrator access, by replacing the signing certificate of the SAML provider \`${OKTA}\` it trusts (\`iam:UpdateSAMLProvider\` + \`sts:AssumeRoleWithSAML\`, escalation path \`iam-update-saml-provider\`)`,
    );
    expect(finding?.evidence?.['provider']).toBe(OKTA);
  });
});

describe('an instance role swapping the role of its own instance profile (ec2-swap-own-profile)', () => {
  const rule = 'privilege-escalation/pass-role-to-service';
  const ec2Trust = serviceTrust('ec2.amazonaws.com');
  const swaps = [allow(['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'], '*')];
  const passAdmin = allow('iam:PassRole', arnOf('aws_iam_role.admin'));
  const reported = [rule, 'aws_iam_role.web', '/Statement/1', 'ec2-swap-own-profile', 'aws_iam_role.admin'];

  /** `[rule id, principal, pointer, evidence path, target]` of each finding of the swap path. */
  function swapFindings(principals: PrincipalInput[]): unknown[][] {
    const result = runGuard({ principals, resources: [], policies: [], errors: [] }, config);
    return result.findings
      .filter((f) => f.evidence?.['path'] === 'ec2-swap-own-profile')
      .map((f) => [f.ruleId, f.principal, f.location.pointer, f.evidence?.['path'], f.evidence?.['target']]);
  }
  const web = (statements: unknown[], trust: unknown[] = ec2Trust): PrincipalInput =>
    principal('role', 'web', [inline('aws_iam_role_policy.web', statements)], trust);

  it.each<[string, PrincipalInput, PrincipalInput, unknown[][]]>([
    [
      'both profile actions on every profile, iam:PassRole on an administrator role EC2 may assume: reported',
      web([...swaps, passAdmin]),
      adminRole('admin', ec2Trust),
      [reported],
    ],
    [
      'iam:PassRole limited to EC2 by iam:PassedToService: reported',
      web([...swaps, allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })]),
      adminRole('admin', ec2Trust),
      [reported],
    ],
    [
      'iam:PassRole only to Lambda: no finding',
      web([...swaps, allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })]),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'the same grants on a user (not known to run on an instance): no finding',
      principal('user', 'web', [inline('aws_iam_user_policy.web', [...swaps, passAdmin])]),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'the same grants on a Lambda function role (no instance profile holds it): no finding',
      web([...swaps, passAdmin], serviceTrust('lambda.amazonaws.com')),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'an administrator role EC2 may not assume (its instance would get no credentials): no finding',
      web([...swaps, passAdmin]),
      adminRole('admin', serviceTrust('lambda.amazonaws.com')),
      [],
    ],
    [
      'a role passed that holds no administrator access: no finding',
      web([...swaps, passAdmin]),
      plainRole('admin', ec2Trust),
      [],
    ],
    [
      'without iam:RemoveRoleFromInstanceProfile (a profile holds one role): no finding',
      web([allow('iam:AddRoleToInstanceProfile', '*'), passAdmin]),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'the profile actions on one named profile (not known to be its own): no finding',
      web([
        allow(
          ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'],
          'arn:aws:iam::111122223333:instance-profile/batch',
        ),
        passAdmin,
      ]),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'the profile actions denied on some profiles (its own may be another): reported',
      web([
        ...swaps,
        passAdmin,
        {
          Effect: 'Deny',
          Action: 'iam:AddRoleToInstanceProfile',
          Resource: 'arn:aws:iam::111122223333:instance-profile/prod-*',
        },
      ]),
      adminRole('admin', ec2Trust),
      [reported],
    ],
    [
      'a profile action denied on every instance profile: no finding',
      web([
        ...swaps,
        passAdmin,
        { Effect: 'Deny', Action: 'iam:AddRoleToInstanceProfile', Resource: 'arn:aws:iam::*:instance-profile/*' },
      ]),
      adminRole('admin', ec2Trust),
      [],
    ],
    [
      'every action denied on the objects of one bucket (no instance profile): reported',
      web([...swaps, passAdmin, { Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::audit-logs/*' }]),
      adminRole('admin', ec2Trust),
      [reported],
    ],
    [
      'every action denied outside two regions (the caller picks one of them): reported',
      web([
        ...swaps,
        passAdmin,
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
      ]),
      adminRole('admin', ec2Trust),
      [reported],
    ],
    [
      'iam:PassRole denied on the administrator role: no finding',
      web([...swaps, passAdmin, { Effect: 'Deny', Action: 'iam:PassRole', Resource: arnOf('aws_iam_role.admin') }]),
      adminRole('admin', ec2Trust),
      [],
    ],
  ])('%s', (_name, holder, target, expected) => {
    expect(swapFindings([holder, target])).toEqual(expected);
  });

  it('the finding says the instance receives the role and names the three actions', () => {
    const result = runGuard(
      {
        principals: [web([...swaps, passAdmin]), adminRole('admin', ec2Trust)],
        resources: [],
        policies: [],
        errors: [],
      },
      config,
    );
    const finding = result.findings.find((f) => f.evidence?.['path'] === 'ec2-swap-own-profile');
    expect(finding?.message).toBe(
      "role `aws_iam_role.web` may run on EC2 instances (EC2 may assume it) and can put role `admin`, which holds administrator access, into its own instance profile in its place with `iam:RemoveRoleFromInstanceProfile` + `iam:AddRoleToInstanceProfile` + `iam:PassRole`: its instance then receives that role's credentials (escalation path `ec2-swap-own-profile`)",
    );
    expect(finding?.severity).toBe('error');
  });

  it('the profile actions are IAM actions on instance profiles, as the catalog lists them', () => {
    for (const action of ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'])
      expect([action, getAction(action)?.resourceTypes.map((t) => t.name)]).toEqual([action, ['instance-profile']]);
  });
});

describe('a role reaching an administrator through a SAML provider or its instance profile is a step of a chain', () => {
  const OKTA = 'arn:aws:iam::111122223333:saml-provider/okta';
  const samlTrust: unknown[] = [
    {
      Effect: 'Allow',
      Principal: { Federated: OKTA },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ];
  const ec2AndAccount: unknown[] = [...serviceTrust('ec2.amazonaws.com'), ...accountTrust];
  const federator = (provider: string): PrincipalInput =>
    principal(
      'role',
      'federator',
      [inline('aws_iam_role_policy.federator', [allow('iam:UpdateSAMLProvider', provider)])],
      accountTrust,
    );
  const web = (passed: string): PrincipalInput =>
    principal(
      'role',
      'web',
      [
        inline('aws_iam_role_policy.web', [
          allow(['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'], '*'),
          allow('iam:PassRole', arnOf(`aws_iam_role.${passed}`)),
        ]),
      ],
      ec2AndAccount,
    );
  const assumes = (role: string): PrincipalInput => dev([allow('sts:AssumeRole', arnOf(`aws_iam_role.${role}`))]);
  const ASSUME = 'privilege-escalation/assume-any-role';
  const PING = 'arn:aws:iam::111122223333:saml-provider/ping';
  const ZETA = 'arn:aws:iam::111122223333:saml-provider/zeta';
  const samlTrustOf = (provider: unknown): unknown[] => [
    { Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithSAML' },
  ];

  it.each<[string, PrincipalInput[], [string, string, unknown, unknown][]]>([
    [
      'a user may assume a role that may rewrite the SAML provider an administrator role trusts: reported toward that role',
      [assumes('federator'), federator(OKTA), adminRole('sso_admin', samlTrust)],
      [[ASSUME, '/Statement/0', 'sts-001', 'aws_iam_role.federator']],
    ],
    [
      'the role may rewrite another provider only: no finding',
      [
        assumes('federator'),
        federator('arn:aws:iam::111122223333:saml-provider/other'),
        adminRole('sso_admin', samlTrust),
      ],
      [],
    ],
    [
      'a user may assume an instance role that may swap its profile for an administrator role (its session runs on no instance): no finding',
      [assumes('web'), web('admin'), adminRole('admin', serviceTrust('ec2.amazonaws.com'))],
      [],
    ],
    [
      'the instance role may pass only a role without administrator access: no finding',
      [assumes('web'), web('admin'), plainRole('admin', serviceTrust('ec2.amazonaws.com'))],
      [],
    ],
  ])('%s', (_name, principals, expected) => {
    expect(findings(principals)).toEqual(expected);
  });

  it('a chain through a SAML path the policies do not decide keeps what may close it', () => {
    const capped = adminRole('sso_admin', samlTrust);
    const principals = [
      assumes('federator'),
      federator(OKTA),
      { ...capped, permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/cap' } },
    ];
    const result = runGuard({ principals, resources: [], policies: [], errors: [] }, config);
    const chained = result.findings.find(
      (f) => f.principal === 'aws_iam_user.dev' && f.evidence?.['path'] === 'sts-001',
    );
    expect(chained?.message).toContain(
      'which holds an escalation path to administrator access unless the step through role `sso_admin` is closed (its boundary `arn:aws:iam::111122223333:policy/cap` (not in the input) caps it)',
    );
    expect(chained?.evidence?.['unless']).toBe(
      'the step through role `sso_admin` is closed (its boundary `arn:aws:iam::111122223333:policy/cap` (not in the input) caps it)',
    );
  });

  describe('a chain through a profile swap or a workload keeps what may close the SAML step', () => {
    const CLOSED =
      'the step through role `sso_admin` is closed (its boundary `arn:aws:iam::111122223333:policy/cap` (not in the input) caps it)';
    const HOLDS = `which holds an escalation path to administrator access unless ${CLOSED}`;
    const capped = {
      ...adminRole('sso_admin', samlTrust),
      permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/cap' },
    };
    // The federator runs on instances (EC2 may assume it) and as a function's role.
    const instanceFederator = principal(
      'role',
      'federator',
      [inline('aws_iam_role_policy.federator', [allow('iam:UpdateSAMLProvider', OKTA)])],
      [...ec2AndAccount, ...serviceTrust('lambda.amazonaws.com')],
    );
    const run = (principals: PrincipalInput[], workloads: WorkloadInput[] = []) =>
      runGuard({ principals, resources: [], policies: [], errors: [], workloads }, config).findings;

    it('an instance role that may swap the federator into its profile: the swap finding says what may close it', () => {
      const found = run([web('federator'), instanceFederator, capped]).find(
        (f) => f.evidence?.['path'] === 'ec2-swap-own-profile',
      );
      expect(found?.message).toContain(`can put role \`federator\`, ${HOLDS}, into its own instance profile`);
      expect(found?.evidence?.['unless']).toBe(CLOSED);
    });

    it('a user passing that instance role to a new instance: the chain through the swap says it too', () => {
      const launcher = dev([allow('iam:PassRole', arnOf('aws_iam_role.web')), allow('ec2:RunInstances', '*')]);
      const found = run([launcher, web('federator'), instanceFederator, capped]).find(
        (f) => f.principal === 'aws_iam_user.dev' && f.evidence?.['path'] === 'ec2-001',
      );
      expect(found?.message).toContain(`can run code as role \`web\`, ${HOLDS}, with`);
      expect(found?.evidence?.['unless']).toBe(CLOSED);
    });

    it('a user changing the code of a function that runs as the federator: the workload finding says it', () => {
      const fn: WorkloadInput = {
        id: 'aws_lambda_function.sync',
        type: 'aws_lambda_function',
        arn: 'arn:aws:lambda:us-east-1:111122223333:function:sync',
        role: { principal: 'aws_iam_role.federator' },
        location: { address: 'aws_lambda_function.sync' },
      };
      const coder = dev([allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:us-east-1:111122223333:function:sync')]);
      const found = run([coder, instanceFederator, capped], [fn]).find(
        (f) => f.principal === 'aws_iam_user.dev' && f.evidence?.['workload'] === 'aws_lambda_function.sync',
      );
      expect(found?.message).toContain(`can run code as role \`federator\`, ${HOLDS}, through`);
      expect(found?.evidence?.['unless']).toBe(CLOSED);
    });

    it('the federator an administrator role (nothing to close): no caveat on the swap', () => {
      const found = run([web('sso_admin'), adminRole('sso_admin', ec2AndAccount)]).find(
        (f) => f.evidence?.['path'] === 'ec2-swap-own-profile',
      );
      expect(found?.message).toContain('which holds administrator access, into');
      expect(found?.evidence?.['unless']).toBeUndefined();
    });
  });

  it.each<[string, unknown[], [string, string, unknown, unknown][]]>([
    [
      'a user may pass the instance role to a new instance (ec2:RunInstances): reported toward the instance role',
      [allow('iam:PassRole', arnOf('aws_iam_role.web')), allow('ec2:RunInstances', '*')],
      [['privilege-escalation/pass-role-to-service', '/Statement/0', 'ec2-001', 'aws_iam_role.web']],
    ],
    [
      'a user may pass it to a new spot instance (ec2:RequestSpotInstances): reported toward the instance role',
      [allow('iam:PassRole', arnOf('aws_iam_role.web')), allow('ec2:RequestSpotInstances', '*')],
      [['privilege-escalation/pass-role-to-service', '/Statement/0', 'ec2-003', 'aws_iam_role.web']],
    ],
    [
      'a user may pass it to a new function (which runs on no instance profile): no finding',
      [
        allow('iam:PassRole', arnOf('aws_iam_role.web')),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
      ],
      [],
    ],
  ])('an instance role reaching an administrator by swapping its profile, %s', (_name, statements, expected) => {
    const ec2AndLambda = [...serviceTrust('ec2.amazonaws.com'), ...serviceTrust('lambda.amazonaws.com')];
    const swapper = principal(
      'role',
      'web',
      [
        inline('aws_iam_role_policy.web', [
          allow(['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'], '*'),
          allow('iam:PassRole', arnOf('aws_iam_role.admin')),
        ]),
      ],
      ec2AndLambda,
    );
    expect(findings([dev(statements), swapper, adminRole('admin', serviceTrust('ec2.amazonaws.com'))])).toEqual(
      expected,
    );
  });

  it('the SAML path toward a role whose own path the policies do not decide names what may close it', () => {
    const capped = adminRole('sso_admin', samlTrust);
    // `federator` reaches the capped administrator through OKTA, and trusts PING itself.
    const federating = principal(
      'role',
      'federator',
      [inline('aws_iam_role_policy.federator', [allow('iam:UpdateSAMLProvider', OKTA)])],
      samlTrustOf(PING),
    );
    const principals = [
      dev([allow('iam:UpdateSAMLProvider', PING)]),
      federating,
      { ...capped, permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/cap' } },
    ];
    const result = runGuard({ principals, resources: [], policies: [], errors: [] }, config);
    const saml = result.findings.find(
      (f) => f.principal === 'aws_iam_user.dev' && f.evidence?.['path'] === 'iam-update-saml-provider',
    );
    const unless =
      'the step through role `sso_admin` is closed (its boundary `arn:aws:iam::111122223333:policy/cap` (not in the input) caps it)';
    expect([saml?.evidence?.['target'], saml?.evidence?.['unless']]).toEqual(['aws_iam_role.federator', unless]);
    expect(saml?.message).toContain(
      `role \`federator\`, which holds an escalation path to administrator access unless ${unless}, by replacing`,
    );
  });

  it('an undecided SAML path is kept from the round that found it: none toward a role whose path runs through the caller', () => {
    const GIVEN = new SymbolicValue([{ id: 'var.saml_provider_arn', source: 'var.saml_provider_arn' }]);
    // `ops` reaches an administrator itself (round one); `portal`, trusting a provider given at
    // deploy, holds a path only by assuming `ops` (round two).
    const ops = principal(
      'role',
      'ops',
      [
        inline('aws_iam_role_policy.ops', [
          allow('sts:AssumeRole', arnOf('aws_iam_role.admin')),
          allow('iam:UpdateSAMLProvider', OKTA),
        ]),
      ],
      accountTrust,
    );
    const portal = principal(
      'role',
      'portal',
      [inline('aws_iam_role_policy.portal', [allow('sts:AssumeRole', arnOf('aws_iam_role.ops'))])],
      samlTrustOf(GIVEN),
    );
    const helper = principal(
      'role',
      'helper',
      [inline('aws_iam_role_policy.helper', [allow('iam:UpdateSAMLProvider', OKTA)])],
      accountTrust,
    );
    const result = runGuard(
      { principals: [ops, portal, helper, adminRole('admin', accountTrust)], resources: [], policies: [], errors: [] },
      {
        ...config,
        severities: new Map([...config.severities, ['unverifiable/unknown-value', 'warning']]),
      },
    );
    const undecided = result.findings
      .filter((f) => f.ruleId === 'unverifiable/unknown-value')
      .map((f) => [f.principal, f.evidence?.['values']]);
    // `helper` holds no path of its own: the provider may be OKTA, which it rewrites, and `portal` holds one.
    expect(undecided).toEqual([['aws_iam_role.helper', ['${var.saml_provider_arn}']]]);
  });

  it('two roles that may each rewrite the provider the other trusts, one of them also that of an administrator role: no loop', () => {
    const principals = [
      principal(
        'role',
        'identity_ops',
        [inline('aws_iam_role_policy.identity_ops', [allow('iam:UpdateSAMLProvider', [OKTA, ZETA])])],
        samlTrustOf(PING),
      ),
      principal(
        'role',
        'helper',
        [inline('aws_iam_role_policy.helper', [allow('iam:UpdateSAMLProvider', PING)])],
        samlTrustOf(ZETA),
      ),
      adminRole('sso_admin', samlTrust),
    ];
    const result = runGuard({ principals, resources: [], policies: [], errors: [] }, config);
    const saml = result.findings
      .filter((f) => f.evidence?.['path'] === 'iam-update-saml-provider')
      .map((f) => [f.principal, f.evidence?.['target'], f.evidence?.['targets']]);
    // identity_ops reaches the administrator itself: helper holds a path only through identity_ops.
    expect(saml).toEqual([
      ['aws_iam_role.helper', 'aws_iam_role.identity_ops', undefined],
      ['aws_iam_role.identity_ops', 'aws_iam_role.sso_admin', undefined],
    ]);
  });
});

describe('AWS managed policies attached by ARN name the roles they pass, as written ones do', () => {
  const sysadmin = (name: string): PrincipalInput =>
    principal('user', name, [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator' }]);
  const ops = (trust: unknown[]): PrincipalInput => ({
    ...adminRole('ec2-sysadmin-ops', trust),
    arn: 'arn:aws:iam::111122223333:role/ec2-sysadmin-ops',
  });

  it('SystemAdministrator (iam:PassRole on `role/ec2-sysadmin-*`, ec2:RunInstances) toward an administrator role of that name: ec2-001', () => {
    const found = findings([sysadmin('dev'), ops(serviceTrust('ec2.amazonaws.com'))]);
    expect(found).toContainEqual([
      'privilege-escalation/pass-role-to-service',
      '/Statement/4',
      'ec2-001',
      'aws_iam_role.ec2-sysadmin-ops',
    ]);
  });

  it('an administrator role of another name: no path toward it', () => {
    const other = { ...adminRole('ops', serviceTrust('ec2.amazonaws.com')), arn: 'arn:aws:iam::111122223333:role/ops' };
    expect(findings([sysadmin('dev'), other]).filter((f) => f[3] === 'aws_iam_role.ops')).toEqual([]);
  });
});

describe('a role passed to a service must be one that service may assume', () => {
  const lambdaPaths = [
    allow('iam:PassRole', arnOf('aws_iam_role.admin')),
    allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
  ];
  it.each<[string, unknown[], [string, string, unknown, unknown][]]>([
    [
      'an administrator role Lambda may assume: lambda-001 toward it',
      serviceTrust('lambda.amazonaws.com'),
      [['privilege-escalation/pass-role-to-service', '/Statement/0', 'lambda-001', 'aws_iam_role.admin']],
    ],
    [
      'an administrator role only EC2 may assume (Lambda refuses it as a function role): no finding',
      serviceTrust('ec2.amazonaws.com'),
      [],
    ],
  ])('%s', (_name, trust, expected) => {
    expect(findings([dev(lambdaPaths), adminRole('admin', trust)])).toEqual(expected);
  });

  it('an administrator role an identity pool may assume (federated, sts:AssumeRoleWithWebIdentity): cognitoidentity-001 toward it', () => {
    const poolTrust = [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    ];
    const sets = [
      allow('iam:PassRole', arnOf('aws_iam_role.admin')),
      allow('cognito-identity:SetIdentityPoolRoles', '*'),
    ];
    expect(findings([dev(sets), adminRole('admin', poolTrust)])).toEqual([
      ['privilege-escalation/pass-role-to-service', '/Statement/0', 'cognitoidentity-001', 'aws_iam_role.admin'],
    ]);
    expect(findings([dev(sets), adminRole('admin', serviceTrust('lambda.amazonaws.com'))])).toEqual([]);
  });
});

describe('a service principal names its service in every form a trust policy writes it', () => {
  const region = { id: 'Stack:AWS::Region', source: 'the Region of the stack' };
  const urlSuffix = { id: 'Stack:AWS::URLSuffix', source: 'the URL suffix of the stack' };
  const passAdmin = allow('iam:PassRole', arnOf('aws_iam_role.admin'));
  const stepFunctions = [passAdmin, allow(['states:CreateStateMachine', 'states:StartExecution'], '*')];
  const lambda = [passAdmin, allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*')];
  const toward = (path: string): [string, string, unknown, unknown][] => [
    ['privilege-escalation/pass-role-to-service', '/Statement/0', path, 'aws_iam_role.admin'],
  ];
  it.each<[string, unknown[], unknown, [string, string, unknown, unknown][]]>([
    [
      'Step Functions in a Region known after deploy (CDK v1 `states.${AWS::Region}.amazonaws.com`): stepfunctions-001',
      stepFunctions,
      new SymbolicValue(['states.', region, '.amazonaws.com']),
      toward('stepfunctions-001'),
    ],
    [
      'Step Functions in a Region written out (`states.eu-west-1.amazonaws.com`): stepfunctions-001',
      stepFunctions,
      'states.eu-west-1.amazonaws.com',
      toward('stepfunctions-001'),
    ],
    [
      'EC2 of the China partition (`ec2.amazonaws.com.cn`): ec2-001',
      [passAdmin, allow('ec2:RunInstances', '*')],
      'ec2.amazonaws.com.cn',
      toward('ec2-001'),
    ],
    [
      'Lambda behind a URL suffix known after deploy (`lambda.${AWS::URLSuffix}`): lambda-001',
      lambda,
      new SymbolicValue(['lambda.', urlSuffix]),
      toward('lambda-001'),
    ],
    [
      'EC2 behind a URL suffix known after deploy, passed to Lambda: the written `ec2.` rules Lambda out',
      lambda,
      new SymbolicValue(['ec2.', urlSuffix]),
      [],
    ],
    [
      'Step Functions in a Region written out, passed to Lambda: no finding',
      lambda,
      'states.eu-west-1.amazonaws.com',
      [],
    ],
  ])('%s', (_name, statements, service, expected) => {
    const trust = [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }];
    expect(findings([dev(statements), adminRole('admin', trust)])).toEqual(expected);
  });
});

describe('a role passed to run on instances a service launches must be one EC2 may assume', () => {
  const passAdmin = allow('iam:PassRole', arnOf('aws_iam_role.admin'));
  it.each<[string, unknown[], [string, string, unknown, unknown][]]>([
    [
      'Data Pipeline, the resource role of its EC2 instances: datapipeline-create',
      [
        passAdmin,
        allow(
          ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
          '*',
        ),
      ],
      [['privilege-escalation/pass-role-to-service', '/Statement/0', 'datapipeline-create', 'aws_iam_role.admin']],
    ],
    [
      'Batch built from nothing, the compute environment instance role: batch-003',
      [
        passAdmin,
        allow(
          ['batch:CreateComputeEnvironment', 'batch:CreateJobQueue', 'batch:RegisterJobDefinition', 'batch:SubmitJob'],
          '*',
        ),
      ],
      [['privilege-escalation/pass-role-to-service', '/Statement/0', 'batch-003', 'aws_iam_role.admin']],
    ],
    [
      'Batch on an existing queue, the job role runs in an ECS task: no finding',
      [passAdmin, allow(['batch:RegisterJobDefinition', 'batch:SubmitJob'], '*')],
      [],
    ],
  ])('%s', (_name, statements, expected) => {
    const passing = findings([dev(statements), adminRole('admin', serviceTrust('ec2.amazonaws.com'))]).filter(
      (f) => f[0] === 'privilege-escalation/pass-role-to-service',
    );
    expect(passing).toEqual(expected);
  });
});

describe('assuming a named administrator role: only when its trust policy may let the caller in', () => {
  const opsArn = arnOf('aws_iam_role.ops');
  const trustOf = (aws: unknown): unknown[] => [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' }];
  it.each<[string, unknown[], [string, string, unknown, unknown][]]>([
    [
      'trusting the account root: the caller is let in by its own policy',
      accountTrust,
      [['privilege-escalation/assume-any-role', '/Statement/0', 'sts-001', 'aws_iam_role.ops']],
    ],
    [
      'trusting the caller by name',
      trustOf('arn:aws:iam::111122223333:user/dev'),
      [['privilege-escalation/assume-any-role', '/Statement/0', 'sts-001', 'aws_iam_role.ops']],
    ],
    [
      'trusting the caller by its ARN known after apply',
      trustOf(arnOf('aws_iam_user.dev')),
      [['privilege-escalation/assume-any-role', '/Statement/0', 'sts-001', 'aws_iam_role.ops']],
    ],
    [
      'trusting only another role (a break-glass broker): the caller cannot assume it',
      trustOf('arn:aws:iam::111122223333:role/breakglass-broker'),
      [],
    ],
    [
      'trusting a role of the name of the caller, a user: someone else',
      trustOf('arn:aws:iam::111122223333:role/dev'),
      [],
    ],
  ])('%s', (_name, trust, expected) => {
    const user = dev([allow('sts:AssumeRole', opsArn)]);
    expect(findings([user, adminRole('ops', trust)])).toEqual(expected);
  });
});
