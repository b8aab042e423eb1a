/**
 * Escalation through a principal the caller creates (a user it makes a key for, a role it assumes
 * or passes to a service), and paths whose permissions are split over several policies of one
 * principal: a path is open when every step is allowed by the principal's effective permissions
 * (all its identity policies, less its denies, its boundary and the configured SCPs), and closed
 * when any one of them takes a step away.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AttachedPolicy, PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { ResolvedConfig } from '../../src/config/types';
import { commonArn, commonName } from '../../src/rules/data/escalation-created';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const A = '111122223333';
const USERS = `arn:aws:iam::${A}:user/ci/*`;
const ROLES = `arn:aws:iam::${A}:role/app/*`;
const BOUNDARY = `arn:aws:iam::${A}:policy/app-boundary`;

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: string | string[], condition?: Json): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const deny = (action: string | string[], resource: string | string[], condition?: Json): Json => ({
  ...allow(action, resource, condition),
  Effect: 'Deny',
});

/** `rule path` of every escalation finding (the path named, then those in `alsoOpens`). */
function pathsOf(input: ScanInput, config: ResolvedConfig = ESCALATION_CONFIG): string[] {
  return runGuard(input, config).findings.flatMap((f) => {
    const evidence = f.evidence as { path?: string; alsoOpens?: string[] } | undefined;
    if (evidence?.path === undefined) return [];
    return [evidence.path, ...(evidence.alsoOpens ?? [])].map((p) => `${f.ruleId} ${p}`);
  });
}

function standalone(statements: Json[]): ScanInput {
  const document = { Version: V, Statement: statements };
  return {
    principals: [],
    resources: [],
    policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
    errors: [],
  };
}

const MODIFY = 'privilege-escalation/iam-policy-modification';

describe('a principal the caller creates', () => {
  // [behaviour, statements, the path reported (or none)]
  const CASES: readonly (readonly [string, Json[], string | undefined])[] = [
    [
      'user under a path, a managed policy attached, an access key',
      [allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], USERS)],
      'new-user-attach-key',
    ],
    [
      'user, an inline policy, a console password, in two statements',
      [allow('iam:CreateUser', USERS), allow(['iam:PutUserPolicy', 'iam:CreateLoginProfile'], USERS)],
      'new-user-put-console',
    ],
    [
      'user created on `*`, written and keyed under a path',
      [allow('iam:CreateUser', '*'), allow(['iam:AttachUserPolicy', 'iam:CreateAccessKey'], USERS)],
      'new-user-attach-key',
    ],
    [
      'user created under one path, written under another: no name has every step',
      [
        allow('iam:CreateUser', USERS),
        allow(['iam:AttachUserPolicy', 'iam:CreateAccessKey'], `arn:aws:iam::${A}:user/ops/*`),
      ],
      undefined,
    ],
    [
      'user created without a way to sign in as it',
      [allow(['iam:CreateUser', 'iam:AttachUserPolicy'], USERS)],
      undefined,
    ],
    [
      'the steps granted on roles for a user path',
      [allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], ROLES)],
      undefined,
    ],
    [
      'attach limited to ReadOnlyAccess',
      [
        allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS),
        allow('iam:AttachUserPolicy', USERS, {
          ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        }),
      ],
      undefined,
    ],
    [
      'attach limited to AdministratorAccess',
      [
        allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS),
        allow('iam:AttachUserPolicy', USERS, {
          ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
        }),
      ],
      'new-user-attach-key',
    ],
    [
      'attach limited to policies the caller may create',
      [
        allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS),
        allow('iam:AttachUserPolicy', USERS, { ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${A}:policy/ci/*` } }),
        allow('iam:CreatePolicy', `arn:aws:iam::${A}:policy/ci/*`),
      ],
      'new-user-attach-key',
    ],
    [
      'attach of every policy but AdministratorAccess (IAMFullAccess is left)',
      [
        allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS),
        allow('iam:AttachUserPolicy', USERS, {
          ArnNotEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
        }),
      ],
      'new-user-attach-key',
    ],
    [
      'creation denied in the path',
      [
        allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], USERS),
        deny('iam:CreateUser', `arn:aws:iam::${A}:user/*`),
      ],
      undefined,
    ],
    [
      'one named user denied: the others of the path are still created',
      [
        allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], USERS),
        deny('iam:CreateUser', `arn:aws:iam::${A}:user/ci/admin`),
      ],
      'new-user-attach-key',
    ],
    [
      'role under a path, a policy attached, assumed',
      [allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'sts:AssumeRole'], ROLES)],
      'new-role-attach-assume',
    ],
    [
      'role under a prefix, an inline policy, passed to Lambda which runs code',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], `arn:aws:iam::${A}:role/fn-*`),
        allow('iam:PassRole', `arn:aws:iam::${A}:role/fn-*`, {
          StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        }),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
      ],
      'new-role-put-lambda-001',
    ],
    [
      'role passed to a function the caller creates and invokes under a name prefix',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole'], `arn:aws:iam::${A}:role/svc-*`),
        allow('lambda:CreateFunction', '*'),
        allow('lambda:InvokeFunction', `arn:aws:lambda:*:${A}:function:svc-*`),
      ],
      'new-role-put-lambda-001',
    ],
    [
      'functions created under one prefix, invoked under another',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole'], `arn:aws:iam::${A}:role/svc-*`),
        allow('lambda:CreateFunction', `arn:aws:lambda:*:${A}:function:svc-*`),
        allow('lambda:InvokeFunction', `arn:aws:lambda:*:${A}:function:ops-*`),
      ],
      undefined,
    ],
    [
      'role passed only to a service the path does not use',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], ROLES),
        allow('iam:PassRole', ROLES, { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
      ],
      undefined,
    ],
    [
      'the documented delegation: boundary pinned, never removed, never rewritten',
      [
        allow(
          ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'],
          ROLES,
          {
            StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
          },
        ),
        allow(['iam:PassRole', 'sts:AssumeRole'], ROLES),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
        deny(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], BOUNDARY),
        deny('iam:DeleteRolePermissionsBoundary', '*'),
      ],
      undefined,
    ],
    [
      'boundary pinned by a Deny with StringNotEquals',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'sts:AssumeRole'], ROLES),
        deny(['iam:CreateRole', 'iam:AttachRolePolicy'], '*', {
          StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
      ],
      undefined,
    ],
    [
      'boundary pinned on the writing of permissions only: the role cannot be written without it',
      [
        allow(['iam:CreateRole', 'sts:AssumeRole'], ROLES),
        allow('iam:AttachRolePolicy', ROLES, { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } }),
      ],
      undefined,
    ],
    [
      'boundary pinned, but the caller may remove it',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        allow(['iam:DeleteRolePermissionsBoundary', 'sts:AssumeRole'], ROLES),
      ],
      'new-role-attach-assume',
    ],
    [
      'boundary pinned, but the caller may replace it with any other',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        allow(['iam:PutRolePermissionsBoundary', 'sts:AssumeRole'], ROLES),
      ],
      'new-role-attach-assume',
    ],
    [
      'boundary pinned, but the caller may write a new version of it',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        allow('iam:CreatePolicyVersion', `arn:aws:iam::${A}:policy/app-*`),
        allow('sts:AssumeRole', ROLES),
      ],
      'new-role-attach-assume',
    ],
    [
      'boundary pinned; new versions of every policy but that boundary',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        allow('iam:CreatePolicyVersion', '*'),
        deny('iam:CreatePolicyVersion', BOUNDARY),
        allow('sts:AssumeRole', ROLES),
      ],
      undefined,
    ],
    [
      'boundary required to be AdministratorAccess',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          ArnEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' },
        }),
        allow('sts:AssumeRole', ROLES),
      ],
      'new-role-attach-assume',
    ],
    [
      'boundary required only if one is given (`IfExists`): created without one',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
          StringEqualsIfExists: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        allow('sts:AssumeRole', ROLES),
      ],
      'new-role-attach-assume',
    ],
    [
      'some boundary required (`Null` false), any one',
      [
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, { Null: { 'iam:PermissionsBoundary': 'false' } }),
        allow('sts:AssumeRole', ROLES),
      ],
      'new-role-attach-assume',
    ],
  ];

  it.each(CASES.map(([name, statements, path]) => [name, statements, path] as const))(
    '%s',
    (_name, statements, path) => {
      const found = pathsOf(standalone(statements)).filter((p) => p.includes(' new-'));
      expect(found).toEqual(path === undefined ? [] : [`${MODIFY} ${path}`]);
    },
  );

  it('names the path created under in the message and the evidence', () => {
    const result = runGuard(
      standalone([allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], USERS)]),
      ESCALATION_CONFIG,
    );
    const finding = result.findings.find((f) => f.ruleId === MODIFY);
    expect(finding?.message).toContain(`can create a user under \`${USERS}\``);
    expect(finding?.evidence).toMatchObject({ creates: { kind: 'user', resource: USERS } });
  });

  it('the same actions on every resource: the shorter documented path is named instead', () => {
    const result = runGuard(
      standalone([allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], '*')]),
      ESCALATION_CONFIG,
    );
    const named = result.findings.map((f) => (f.evidence as { path?: string } | undefined)?.path);
    expect(named).toContain('iam-008');
    expect(named.filter((p) => p?.startsWith('new-'))).toEqual([]);
  });
});

describe('a role created and passed to a resource the caller names (the path meets, as for a role of the input)', () => {
  const SVC = `arn:aws:iam::${A}:role/svc-*`;
  const CREATE = allow(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole'], SVC);
  const ARN = (service: string, resource: string): string => `arn:aws:${service}:*:${A}:${resource}`;
  // [behaviour, statements beside the role's creation, the created-role paths reported]
  const CASES: readonly (readonly [string, Json[], readonly string[]])[] = [
    [
      'task definition registered on *, run on the names svc-*: the task registered is one it runs',
      [allow('ecs:RegisterTaskDefinition', '*'), allow('ecs:RunTask', ARN('ecs', 'task-definition/svc-*:*'))],
      ['new-role-put-ecs-004', 'new-role-put-ecs-008'],
    ],
    [
      'task definitions registered as svc-*, run as ops-*: only a run of an existing one with the role as override',
      [
        allow('ecs:RegisterTaskDefinition', ARN('ecs', 'task-definition/svc-*:*')),
        allow('ecs:RunTask', ARN('ecs', 'task-definition/ops-*:*')),
      ],
      ['new-role-put-ecs-008'],
    ],
    [
      'functions created and invoked under one prefix, the invoke denied there',
      [
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], ARN('lambda', 'function:svc-*')),
        deny('lambda:InvokeFunction', ARN('lambda', 'function:svc-*')),
      ],
      [],
    ],
    [
      'function created and given a permission under one prefix',
      [allow(['lambda:CreateFunction', 'lambda:AddPermission'], ARN('lambda', 'function:svc-*'))],
      ['new-role-put-lambda-006'],
    ],
    [
      'event source mapping granted on a function ARN: the action takes only *, so it is not granted',
      [
        allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')),
        allow('lambda:CreateEventSourceMapping', ARN('lambda', 'function:svc-*')),
      ],
      [],
    ],
    [
      'function created under a prefix, event source mapping on *',
      [allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')), allow('lambda:CreateEventSourceMapping', '*')],
      ['new-role-put-lambda-002'],
    ],
    [
      'event source mapping on * aimed (lambda:FunctionArn) at the functions it creates',
      [
        allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnLike: { 'lambda:FunctionArn': ARN('lambda', 'function:svc-*') },
        }),
      ],
      ['new-role-put-lambda-002'],
    ],
    [
      'event source mapping aimed only at another function: the one created never runs',
      [
        allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnEquals: { 'lambda:FunctionArn': ARN('lambda', 'function:report') },
        }),
      ],
      [],
    ],
    [
      'event source mapping on every function but one (ArnNotLike): the one created is among them',
      [
        allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotLike: { 'lambda:FunctionArn': ARN('lambda', 'function:report') },
        }),
      ],
      ['new-role-put-lambda-002'],
    ],
    [
      'event source mapping on every function but those it creates (ArnNotLike): none of them runs',
      [
        allow('lambda:CreateFunction', ARN('lambda', 'function:svc-*')),
        allow('lambda:CreateEventSourceMapping', '*', {
          ArnNotLike: { 'lambda:FunctionArn': ARN('lambda', 'function:svc-*') },
        }),
      ],
      [],
    ],
    [
      'Glue job created under a prefix and started by a trigger created under it',
      [allow('glue:CreateJob', ARN('glue', 'job/svc-*')), allow('glue:CreateTrigger', ARN('glue', 'trigger/svc-*'))],
      ['new-role-put-glue-004'],
    ],
    [
      'Glue jobs created as svc-*, started as ops-*',
      [allow('glue:CreateJob', ARN('glue', 'job/svc-*')), allow('glue:StartJobRun', ARN('glue', 'job/ops-*'))],
      [],
    ],
    [
      'SageMaker training job created under a prefix (one action makes and runs it)',
      [allow('sagemaker:CreateTrainingJob', ARN('sagemaker', 'training-job/svc-*'))],
      ['new-role-put-sagemaker-002'],
    ],
    [
      'stack created under a prefix, its creation denied there',
      [
        allow('cloudformation:CreateStack', ARN('cloudformation', 'stack/svc-*/*')),
        deny('cloudformation:CreateStack', ARN('cloudformation', 'stack/svc-*')),
      ],
      [],
    ],
    [
      'CodeBuild projects created as svc-*, built as ops-*',
      [
        allow('codebuild:CreateProject', ARN('codebuild', 'project/svc-*')),
        allow('codebuild:StartBuild', ARN('codebuild', 'project/ops-*')),
      ],
      [],
    ],
  ];

  it.each(CASES.map(([name, statements, paths]) => [name, statements, paths] as const))(
    '%s',
    (_name, statements, paths) => {
      const found = pathsOf(standalone([CREATE, ...statements]))
        .filter((p) => p.includes(' new-'))
        .map((p) => p.split(' ')[1])
        .sort();
      expect(found).toEqual(paths);
    },
  );
});

describe('commonArn', () => {
  it.each([
    [[USERS, 'arn:*:iam::*:user/*', '*'], true],
    [[ROLES, 'arn:*:iam::*:user/*'], false],
    [['arn:aws:iam::*', USERS], true],
    [[`arn:aws:iam::${A}:user/ci/deploy`, 'arn:aws:iam::444455556666:user/*'], false],
  ] as const)('%j share an ARN: %s', (patterns, shared) => {
    expect(commonArn(patterns) !== undefined).toBe(shared);
  });
});

describe('commonName', () => {
  it.each([
    [[USERS, 'arn:*:iam::*:user/*', '*'], true],
    [[USERS, `arn:aws:iam::${A}:user/ops/*`], false],
    [['a*', '*b', 'a?b'], true],
    [['x*', '*y', '?'], false],
  ] as const)('%j share a name: %s', (patterns, shared) => {
    const name = commonName(patterns);
    expect(name !== undefined).toBe(shared);
  });
});

// A principal whose permissions are split over an inline policy, a managed policy and the policy
// of a group it is in; the path is open only with every part.
function splitPrincipal(parts: readonly Json[][], boundary?: Json[]): ScanInput {
  const kinds = ['inline', 'managed', 'group'] as const;
  const policies: AttachedPolicy[] = parts.map((statements, i) => {
    const kind = kinds[i % kinds.length] ?? 'inline';
    const id = `policy-${kind}-${i}`;
    return {
      kind,
      ...(kind === 'managed' ? { arn: `arn:aws:iam::${A}:policy/${id}` } : {}),
      ...(kind === 'group' ? { via: 'aws_iam_group.deployers' } : {}),
      policy: { id, name: id, location: { address: id }, document: { Version: V, Statement: statements } },
    };
  });
  const user: PrincipalInput = {
    id: 'aws_iam_user.deployer',
    kind: 'user',
    name: 'deployer',
    path: '/',
    arn: `arn:aws:iam::${A}:user/deployer`,
    policies,
    tags: {},
    location: { address: 'aws_iam_user.deployer' },
    ...(boundary
      ? {
          permissionsBoundary: {
            arn: BOUNDARY,
            policy: { id: 'bound', name: 'bound', location: {}, document: { Version: V, Statement: boundary } },
          },
        }
      : {}),
  };
  return { principals: [user], resources: [], policies: [], errors: [] };
}

const withScps = (scps: Json[][]): ResolvedConfig => ({
  ...ESCALATION_CONFIG,
  settings: { ...ESCALATION_CONFIG.settings, scps: scps.map((s) => ({ Version: V, Statement: s })) },
});

describe('a path split over the policies of one principal', () => {
  // [path, its steps (one per policy), the action a boundary, a deny or an SCP takes away]
  const SPLIT: readonly (readonly [string, Json[], string])[] = [
    [
      'new-user-attach-key',
      [allow('iam:CreateUser', USERS), allow('iam:AttachUserPolicy', USERS), allow('iam:CreateAccessKey', USERS)],
      'iam:CreateAccessKey',
    ],
    [
      'lambda-001',
      [allow('iam:PassRole', '*'), allow('lambda:CreateFunction', '*'), allow('lambda:InvokeFunction', '*')],
      'lambda:InvokeFunction',
    ],
    [
      'glue-003',
      [allow('iam:PassRole', '*'), allow('glue:CreateJob', '*'), allow('glue:StartJobRun', '*')],
      'iam:PassRole',
    ],
    ['iam-015', [allow('iam:AttachUserPolicy', '*'), allow('iam:CreateAccessKey', '*')], 'iam:AttachUserPolicy'],
  ];
  const reported = (input: ScanInput, config?: ResolvedConfig): string[] =>
    pathsOf(input, config).map((p) => p.split(' ')[1] ?? '');

  describe.each(SPLIT.map((c) => [c[0], c] as const))('%s', (_id, [id, steps, removed]) => {
    const parts = steps.map((s) => [s]);

    it('inline + managed + group policies together: reported', () => {
      expect(reported(splitPrincipal(parts))).toContain(id);
    });

    it('any one part missing: not reported', () => {
      for (let i = 0; i < parts.length; i++) {
        const fewer = parts.map((p, j) => (j === i ? [allow('s3:GetObject', 'arn:aws:s3:::reports/*')] : p));
        expect([i, reported(splitPrincipal(fewer))]).toEqual([i, expect.not.arrayContaining([id])]);
      }
    });

    it('a Deny in another of its policies takes a step away: not reported', () => {
      expect(reported(splitPrincipal([...parts, [deny(removed, '*')]]))).not.toContain(id);
    });

    it('its boundary leaves a step out: not reported', () => {
      const boundary = [{ Effect: 'Allow', NotAction: removed, Resource: '*' }];
      expect(reported(splitPrincipal(parts, boundary))).not.toContain(id);
    });

    it('an SCP of the configuration denies a step: not reported', () => {
      expect(reported(splitPrincipal(parts), withScps([[deny(removed, '*')]]))).not.toContain(id);
    });

    it('an SCP of the configuration that denies something else: still reported', () => {
      expect(reported(splitPrincipal(parts), withScps([[deny('organizations:LeaveOrganization', '*')]]))).toContain(id);
    });
  });
});

// The documented delegation pins the caller's own boundary on what it creates: when the input holds
// that boundary, it is read as written, not trusted.
describe('a role created under a boundary the input holds', () => {
  const pinned = [
    allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } }),
    allow('sts:AssumeRole', ROLES),
  ];
  const reported = (input: ScanInput): string[] => pathsOf(input).map((p) => p.split(' ')[1] ?? '');

  it.each([
    ['the boundary allows every IAM action: it caps nothing', [allow(['iam:*', 'sts:AssumeRole', 's3:*'], '*')], true],
    [
      'the boundary allows everything but denies removing itself: attaching a policy elsewhere is left',
      [allow('*', '*'), deny(['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'], '*')],
      true,
    ],
    [
      'the boundary gives IAM only with the same pin and denies rewriting or removing itself',
      [
        allow(['sts:AssumeRole', 's3:*'], '*'),
        allow(['iam:CreateRole', 'iam:AttachRolePolicy'], '*', {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
        }),
        deny(['iam:DeleteRolePermissionsBoundary', 'iam:CreatePolicyVersion'], '*'),
      ],
      false,
    ],
  ] as const)('%s', (_name, boundary, open) => {
    const found = reported(splitPrincipal([pinned], [...boundary]));
    if (open) expect(found).toContain('new-role-attach-assume');
    else expect(found.filter((p) => p.startsWith('new-'))).toEqual([]);
  });

  it('a boundary the input does not hold is taken to cap the role (not claimed)', () => {
    expect(reported(splitPrincipal([pinned])).filter((p) => p.startsWith('new-'))).toEqual([]);
  });

  it('a caller under any boundary may still assume the role it creates (its trust is the caller’s choice)', () => {
    const administrator = [
      allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
        StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' },
      }),
      allow('sts:AssumeRole', ROLES),
    ];
    expect(reported(splitPrincipal([administrator], [allow('*', '*')]))).toContain('new-role-attach-assume');
  });
});

// The single-action attach paths (`iam-008`, `iam-009`, `iam-010`): an `iam:PolicyARN` condition
// closes them only when no policy it lets through gives away administrator access or IAM.
describe('an attach on every principal limited by iam:PolicyARN', () => {
  const attach = (action: string, condition: Json): Json => allow(action, '*', condition);
  it.each([
    [
      'AdministratorAccess among the listed policies',
      [
        attach('iam:AttachRolePolicy', {
          ArnEquals: {
            'iam:PolicyARN': ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'],
          },
        }),
      ],
      'iam-009',
    ],
    [
      'every AWS managed policy',
      [attach('iam:AttachUserPolicy', { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } })],
      'iam-008',
    ],
    [
      'every policy but AdministratorAccess: IAMFullAccess is left',
      [
        attach('iam:AttachGroupPolicy', {
          ArnNotEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
        }),
      ],
      'iam-010',
    ],
    [
      'policies the caller may create itself',
      [
        attach('iam:AttachRolePolicy', { ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${A}:policy/bots/*` } }),
        allow('iam:CreatePolicy', `arn:aws:iam::${A}:policy/bots/*`),
      ],
      'iam-009',
    ],
    [
      'ReadOnlyAccess only',
      [attach('iam:AttachRolePolicy', { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } })],
      undefined,
    ],
    [
      'customer policies the caller cannot write',
      [attach('iam:AttachRolePolicy', { ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${A}:policy/approved/*` } })],
      undefined,
    ],
  ] as const)('%s', (_name, statements, path) => {
    const found = pathsOf(standalone([...statements])).filter((p) => /iam-0(08|09|10)/.test(p));
    expect(found).toEqual(path === undefined ? [] : [`${MODIFY} ${path}`]);
  });
});

// The boundary a delegation pins, held in the input only as a managed policy nothing attaches
// (a template's `AWS::IAM::ManagedPolicy`, a plan's `aws_iam_policy`): judged by its text.
describe('a created role pinned to a boundary the input holds as a policy of its own', () => {
  const delegate = [
    allow(['iam:CreateRole', 'iam:AttachRolePolicy'], ROLES, {
      StringEquals: { 'iam:PermissionsBoundary': BOUNDARY },
    }),
    allow('sts:AssumeRole', ROLES),
  ];
  const withBoundary = (boundary: Json[], arn: string | undefined): ScanInput => {
    const input = standalone(delegate);
    const document = { Version: V, Statement: boundary };
    return {
      ...input,
      policies: [
        ...input.policies,
        {
          type: 'identity',
          ...(arn !== undefined ? { arn } : {}),
          policy: { id: 'b', name: 'b', location: {}, document },
        },
      ],
    };
  };
  const capsNothing = [allow(['s3:*', 'iam:*', 'sts:AssumeRole'], '*')];
  const holds = [
    allow(['s3:*', 'sts:AssumeRole'], '*'),
    deny(['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:CreatePolicyVersion'], '*'),
  ];
  // The paths of the delegating policy `p` (the boundary, read as an identity policy too, has its own).
  const created = (input: ScanInput): string[] =>
    runGuard(input, ESCALATION_CONFIG).findings.flatMap((f) => {
      const evidence = f.evidence as { path?: string; grantedBy?: { policy?: string }[] } | undefined;
      const grants = Array.isArray(evidence?.grantedBy) ? evidence.grantedBy : [];
      const own = grants.every((g) => g.policy === 'p');
      return f.ruleId === MODIFY && own && evidence?.path?.startsWith('new-role') === true ? [evidence.path] : [];
    });

  it('a boundary that allows iam:* opens the path', () => {
    expect(created(withBoundary(capsNothing, BOUNDARY))).toEqual(['new-role-attach-assume']);
  });

  it('a boundary that caps IAM and denies its own removal keeps it closed', () => {
    expect(created(withBoundary(holds, BOUNDARY))).toEqual([]);
  });

  it('a policy of the input under another ARN is not the boundary pinned', () => {
    expect(created(withBoundary(capsNothing, `arn:aws:iam::${A}:policy/other`))).toEqual([]);
    expect(created(withBoundary(capsNothing, undefined))).toEqual([]);
  });
});
