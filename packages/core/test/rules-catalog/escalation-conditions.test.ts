/**
 * Conditions on the permissions of an escalation path: those that truly keep the caller from the
 * path close it, those it can satisfy or that describe where it already is leave it open, and the
 * finding then says why the condition does not limit it.
 */
import type { Finding } from '../../src/analysis/finding';
import { SymbolicValue } from '../../src/model/symbolic';
import { CATALOG_RULES, doc, runCatalog, runOnPolicy, source } from './helpers';

const ESCALATION_RULES = CATALOG_RULES.filter((id) => id.startsWith('privilege-escalation/'));
const ACCOUNT = '111122223333';
const APP_BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/app-boundary`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const PASS_ANY = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
const LAMBDA_RUN = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };

function passRoleWhen(condition: Record<string, unknown>): Record<string, unknown> {
  return { ...PASS_ANY, Condition: condition };
}

function allow(
  action: string | string[],
  condition?: Record<string, unknown>,
  resource = '*',
): Record<string, unknown> {
  return { Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/** The paths the escalation findings name, each with those they fold in. */
function pathsOf(findings: readonly Finding[]): string[] {
  return [
    ...new Set(
      findings.flatMap((f) => {
        const path = f.evidence?.['path'];
        const also = f.evidence?.['alsoOpens'];
        return [...(typeof path === 'string' ? [path] : []), ...(Array.isArray(also) ? (also as string[]) : [])];
      }),
    ),
  ].sort();
}

function run(...statements: unknown[]): readonly Finding[] {
  return runOnPolicy(doc(...statements), ESCALATION_RULES);
}

describe('iam:PassRole limited by the tag of the role', () => {
  const usageLambda = { StringEquals: { 'iam:ResourceTag/usage': 'lambda' } };
  it.each<[string, unknown[], string[]]>([
    ['a tag the caller cannot set passes only the roles tagged so', [passRoleWhen(usageLambda), LAMBDA_RUN], []],
    [
      'iam:TagRole on every role makes the tag no limit: lambda-001 stays',
      [passRoleWhen(usageLambda), LAMBDA_RUN, allow('iam:TagRole')],
      ['lambda-001', 'tag-scope-retag-resource'],
    ],
    [
      'iam:TagRole only on roles without the tag (Null true) re-tags exactly those: lambda-001 stays',
      [passRoleWhen(usageLambda), LAMBDA_RUN, allow('iam:TagRole', { Null: { 'aws:ResourceTag/usage': 'true' } })],
      ['lambda-001'],
    ],
    [
      'iam:TagRole only on roles not tagged usage=lambda re-tags exactly those: lambda-001 stays',
      [
        passRoleWhen(usageLambda),
        LAMBDA_RUN,
        allow('iam:TagRole', { StringNotEquals: { 'aws:ResourceTag/usage': 'lambda' } }),
      ],
      ['lambda-001'],
    ],
    [
      'the aws:ResourceTag spelling of the same limit is lifted the same way',
      [passRoleWhen({ StringEquals: { 'aws:ResourceTag/usage': 'lambda' } }), LAMBDA_RUN, allow('iam:TagRole')],
      ['lambda-001', 'tag-scope-retag-resource'],
    ],
    [
      'iam:TagRole only on roles that carry the tag already leaves the limit',
      [
        passRoleWhen(usageLambda),
        LAMBDA_RUN,
        allow('iam:TagRole', { StringEquals: { 'aws:ResourceTag/usage': 'lambda' } }),
      ],
      [],
    ],
    [
      'iam:TagRole only for other tag keys leaves the limit',
      [
        passRoleWhen(usageLambda),
        LAMBDA_RUN,
        allow('iam:TagRole', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner'] } }),
      ],
      [],
    ],
    [
      'iam:TagRole that may set the key only to another value leaves the limit',
      [
        passRoleWhen(usageLambda),
        LAMBDA_RUN,
        allow('iam:TagRole', { StringEquals: { 'aws:RequestTag/usage': 'batch' } }),
      ],
      [],
    ],
    [
      'iam:TagRole denied everywhere leaves the limit',
      [
        passRoleWhen(usageLambda),
        LAMBDA_RUN,
        allow('iam:TagRole'),
        { Effect: 'Deny', Action: 'iam:TagRole', Resource: '*' },
      ],
      [],
    ],
    [
      'the tag present with any value (Null false): iam:TagRole on every role lifts it too',
      [passRoleWhen({ Null: { 'iam:ResourceTag/usage': 'false' } }), LAMBDA_RUN, allow('iam:TagRole')],
      ['lambda-001'],
    ],
    [
      'the tag present with any value, and no iam:TagRole: only the tagged roles',
      [passRoleWhen({ Null: { 'iam:ResourceTag/usage': 'false' } }), LAMBDA_RUN],
      [],
    ],
    [
      'every role without the protected tag (Null true) is any role an administrator may lack it on: lambda-001',
      [passRoleWhen({ Null: { 'iam:ResourceTag/protected': 'true' } }), LAMBDA_RUN],
      ['lambda-001'],
    ],
  ])('%s', (_name, statements, expected) => {
    expect(pathsOf(run(...statements))).toEqual(expected);
  });

  it('the finding says why the tag limits no role', () => {
    const finding = run(passRoleWhen(usageLambda), LAMBDA_RUN, allow('iam:TagRole')).find(
      (f) => f.evidence?.['path'] === 'lambda-001',
    );
    expect(finding?.message).toBe(
      'policy `policy` can run code as any role with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`): its condition on `iam:ResourceTag/usage` limits no role: it may change that tag on any role with `iam:TagRole`',
    );
    expect(finding?.evidence?.['openDespite']).toEqual([
      {
        key: 'iam:ResourceTag/usage',
        pointer: '/Statement/0',
        why: 'its condition on `iam:ResourceTag/usage` limits no role: it may change that tag on any role with `iam:TagRole`',
      },
    ]);
  });
});

describe('lambda-001 with tag conditions on the function', () => {
  // AWS's Lambda ABAC tutorial: tags required on new functions, actions allowed by the function's tag.
  const project = '${aws:PrincipalTag/project}';
  const createTagged = allow(['lambda:CreateFunction', 'lambda:TagResource'], {
    StringEquals: { 'aws:RequestTag/project': project },
    'ForAllValues:StringEquals': { 'aws:TagKeys': ['project'] },
  });
  const invokeTagged = allow('lambda:InvokeFunction', { StringEquals: { 'aws:ResourceTag/project': project } });
  it.each<[string, unknown[], string[]]>([
    [
      'the function created with the tag that invoking it requires is one the caller invokes',
      [PASS_ANY, createTagged, invokeTagged],
      ['lambda-001', 'tag-scope-retag-resource'],
    ],
    [
      'without lambda:TagResource the function cannot be created tagged: closed',
      [PASS_ANY, allow('lambda:CreateFunction', { StringEquals: { 'aws:RequestTag/project': project } }), invokeTagged],
      [],
    ],
    [
      'created functions must carry another value than invoking requires: closed',
      [
        PASS_ANY,
        allow(['lambda:CreateFunction', 'lambda:TagResource'], { StringEquals: { 'aws:RequestTag/team': 'red' } }),
        allow('lambda:InvokeFunction', { StringEquals: { 'aws:ResourceTag/team': 'blue' } }),
      ],
      [],
    ],
    [
      'tags limited to other keys on create: closed',
      [
        PASS_ANY,
        allow(['lambda:CreateFunction', 'lambda:TagResource'], {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner'] },
        }),
        allow('lambda:InvokeFunction', { StringEquals: { 'aws:ResourceTag/team': 'blue' } }),
      ],
      [],
    ],
    [
      'aws:ResourceTag on lambda:CreateFunction itself (a new function has no tags yet): closed',
      [
        PASS_ANY,
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:TagResource'], {
          StringEquals: { 'aws:ResourceTag/team': 'blue' },
        }),
      ],
      [],
    ],
    [
      'aws:RequestTag on lambda:CreateFunction alone is the caller choice: open',
      [
        PASS_ANY,
        allow('lambda:CreateFunction', { StringEquals: { 'aws:RequestTag/team': 'blue' } }),
        allow('lambda:InvokeFunction'),
      ],
      ['lambda-001'],
    ],
  ])('%s', (_name, statements, expected) => {
    expect(pathsOf(run(...statements))).toEqual(expected);
  });
});

describe('iam:PassedToService', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'naming another service closes lambda-001',
      { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      [],
    ],
    [
      'naming Lambda leaves lambda-001 open',
      { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      ['lambda-001'],
    ],
    [
      'a pattern of every service leaves lambda-001 open',
      { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } },
      ['lambda-001'],
    ],
    [
      'StringNotEquals on Lambda closes lambda-001',
      { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      [],
    ],
    [
      'StringNotEquals on another service leaves lambda-001 open',
      { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      ['lambda-001'],
    ],
    [
      'StringNotLike on every Lambda principal closes lambda-001',
      { StringNotLike: { 'iam:PassedToService': 'lambda.*' } },
      [],
    ],
    [
      'Null false (passed to some service) leaves lambda-001 open',
      { Null: { 'iam:PassedToService': 'false' } },
      ['lambda-001'],
    ],
  ])('%s', (_name, condition, expected) => {
    expect(pathsOf(run(passRoleWhen(condition), LAMBDA_RUN))).toEqual(expected);
  });

  it('on a statement that also grants the Lambda actions, it keeps them from being allowed (their requests lack the key)', () => {
    const combined = allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], {
      StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    });
    expect(pathsOf(run(combined))).toEqual([]);
  });

  it('StringNotEquals on Lambda also closes the paths through a role the caller creates', () => {
    const createAndAttach = allow(
      ['iam:CreateRole', 'iam:AttachRolePolicy'],
      undefined,
      `arn:aws:iam::${ACCOUNT}:role/app-*`,
    );
    const passElsewhere = passRoleWhen({ StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
    expect(pathsOf(run(createAndAttach, passElsewhere, LAMBDA_RUN))).toEqual([]);
    expect(pathsOf(run(createAndAttach, PASS_ANY, LAMBDA_RUN))).toContain('new-role-attach-lambda-001');
  });

  it.each<[string, string]>([
    ['StringEquals', 'lambda-001'],
    ['StringNotEquals', 'lambda-001'],
  ])('%s on a service known only at deploy leaves lambda-001 open', (operator, expected) => {
    const service = new SymbolicValue([{ id: 'Svc', source: 'parameter `Svc`' }]);
    expect(pathsOf(run(passRoleWhen({ [operator]: { 'iam:PassedToService': service } }), LAMBDA_RUN))).toEqual([
      expected,
    ]);
  });
});

describe('iam:PassedToService on the ECS paths: a task role goes to ecs-tasks.amazonaws.com', () => {
  const ECS_RUN = allow(['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:CreateService', 'ecs:UpdateService']);
  // ecs-008 (RunTask with a task role override) is the shortest ECS path: the others fold into it.
  it.each<[string, Record<string, unknown>, boolean]>([
    [
      'StringNotEquals on ecs-tasks.amazonaws.com closes them',
      { StringNotEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      false,
    ],
    [
      'passing only to ecs.amazonaws.com (the infrastructure role) closes them',
      { StringEquals: { 'iam:PassedToService': 'ecs.amazonaws.com' } },
      false,
    ],
    [
      'passing to ecs-tasks.amazonaws.com leaves them open',
      { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      true,
    ],
    [
      'StringNotEquals on ecs.amazonaws.com only leaves them open',
      { StringNotEquals: { 'iam:PassedToService': 'ecs.amazonaws.com' } },
      true,
    ],
  ])('%s', (_name, condition, open) => {
    const ecs = pathsOf(run(passRoleWhen(condition), ECS_RUN)).filter((p) => p.startsWith('ecs-'));
    if (open) expect(ecs).toEqual(expect.arrayContaining(['ecs-003', 'ecs-004', 'ecs-008', 'ecs-update-service']));
    else expect(ecs).toEqual([]);
  });
});

describe('network conditions do not stop whoever acts as the principal', () => {
  const sourceIp = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  const sourceVpce = { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } };
  it.each<[string, unknown[], string[]]>([
    ['aws:SourceIp on iam:PassRole leaves lambda-001 open', [passRoleWhen(sourceIp), LAMBDA_RUN], ['lambda-001']],
    ['aws:SourceVpce on iam:PutRolePolicy leaves iam-005 open', [allow('iam:PutRolePolicy', sourceVpce)], ['iam-005']],
    ['aws:SourceIp on iam:CreateAccessKey leaves iam-002 open', [allow('iam:CreateAccessKey', sourceIp)], ['iam-002']],
    [
      'a network condition beside a condition that does scope keeps the path closed',
      [allow('iam:PutRolePolicy', { ...sourceVpce, StringLike: { 'aws:ResourceTag/team': 'blue' } })],
      [],
    ],
  ])('%s', (_name, statements, expected) => {
    expect(pathsOf(run(...statements))).toEqual(expected);
  });

  it('the finding says why the network condition does not limit it', () => {
    const [finding] = run(allow('iam:PutRolePolicy', sourceVpce));
    expect(finding?.message).toBe(
      'policy `policy` can escalate its privileges with `iam:PutRolePolicy` on any principal or policy (escalation path `iam-005`): its condition on `aws:SourceVpce` says where requests come from, and whoever acts as it (its own workload) calls from there',
    );
  });
});

describe('iam:PolicyARN on iam:AttachRolePolicy', () => {
  it.each<[string, Record<string, unknown>, unknown[], string[]]>([
    [
      'ReadOnlyAccess only closes iam-009',
      { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
      [],
      [],
    ],
    ['AdministratorAccess leaves iam-009 open', { ArnEquals: { 'iam:PolicyARN': ADMIN } }, [], ['iam-009']],
    [
      'every AWS managed policy admits AdministratorAccess',
      { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } },
      [],
      ['iam-009'],
    ],
    [
      'every policy but AdministratorAccess still admits IAMFullAccess',
      { ArnNotEquals: { 'iam:PolicyARN': ADMIN } },
      [],
      ['iam-009'],
    ],
    [
      "the account's app-* policies, none of which the caller writes, close iam-009",
      { ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/app-*` } },
      [],
      [],
    ],
    [
      "the account's app-* policies, when the caller may create one, leave iam-009 open",
      { ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/app-*` } },
      [allow('iam:CreatePolicy')],
      ['iam-009'],
    ],
  ])('%s', (_name, condition, others, expected) => {
    expect(pathsOf(run(allow('iam:AttachRolePolicy', condition), ...others))).toEqual(expected);
  });
});

describe('iam:PermissionsBoundary on iam:CreateRole and iam:PutRolePolicy', () => {
  const appRoles = `arn:aws:iam::${ACCOUNT}:role/app-*`;
  const assumeApp = allow('sts:AssumeRole', undefined, appRoles);
  const withBoundary = (arn: string): Record<string, unknown> => ({ StringEquals: { 'iam:PermissionsBoundary': arn } });
  it.each<[string, unknown[], string[]]>([
    [
      'a role created and written under a boundary the caller cannot change: closed',
      [allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundary(APP_BOUNDARY)), assumeApp],
      [],
    ],
    [
      'the same, with AdministratorAccess as the boundary (it caps nothing): new-role-put-assume',
      [allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundary(ADMIN)), assumeApp],
      ['iam-005', 'new-role-put-assume'],
    ],
    [
      'the same, when the caller may remove the boundary from any role: new-role-put-assume',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundary(APP_BOUNDARY)),
        allow('iam:DeleteRolePermissionsBoundary'),
        assumeApp,
      ],
      ['new-role-put-assume'],
    ],
    [
      'iam:PutRolePolicy on roles under a boundary the caller cannot change: closed',
      [allow('iam:PutRolePolicy', withBoundary(APP_BOUNDARY))],
      [],
    ],
    [
      'iam:PutRolePolicy on roles whose boundary is AdministratorAccess: iam-005',
      [allow('iam:PutRolePolicy', withBoundary(ADMIN))],
      ['iam-005'],
    ],
    [
      'iam:PutRolePolicy on roles under a boundary the caller may rewrite: iam-005',
      [
        allow('iam:PutRolePolicy', withBoundary(APP_BOUNDARY)),
        allow('iam:CreatePolicyVersion', undefined, APP_BOUNDARY),
      ],
      ['iam-005'],
    ],
  ])('%s', (_name, statements, expected) => {
    expect(pathsOf(run(...statements))).toEqual(expected);
  });
});

describe('iam:PermissionsBoundary naming a boundary the input holds as a policy of its own', () => {
  const appRoles = `arn:aws:iam::${ACCOUNT}:role/app-*`;
  const pinned = { StringEquals: { 'iam:PermissionsBoundary': APP_BOUNDARY } };
  // The boundary a delegation pins, held in the input as a managed policy nothing attaches.
  const withBoundary = (boundary: unknown[] | undefined, ...statements: unknown[]): readonly Finding[] =>
    runCatalog(
      {
        policies: [
          { policy: source('policy', doc(...statements)), type: 'identity' },
          ...(boundary !== undefined
            ? [{ policy: source('app-boundary', doc(...boundary)), type: 'identity' as const, arn: APP_BOUNDARY }]
            : []),
        ],
      },
      ESCALATION_RULES,
    ).filter((f) => (f.evidence?.['grantedBy'] as { policy?: string }[] | undefined)?.[0]?.policy === 'policy');
  const capsNothing = [allow(['s3:*', 'iam:*'])];
  const narrow = [
    allow('s3:*'),
    { Effect: 'Deny', Action: ['iam:*PermissionsBoundary', 'iam:CreatePolicyVersion'], Resource: '*' },
  ];
  // AWS's delegation boundary: everything but the IAM escalations, and roles created or written
  // only under this same boundary (it propagates itself).
  const delegation = (pinning: string): unknown[] => [
    allow('*'),
    {
      Effect: 'Deny',
      Action: [
        'iam:AttachUserPolicy',
        'iam:AttachGroupPolicy',
        'iam:PutUserPolicy',
        'iam:PutGroupPolicy',
        'iam:CreatePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:AddUserToGroup',
        'iam:UpdateAssumeRolePolicy',
        'iam:CreateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteUserPermissionsBoundary',
        'iam:PutUserPermissionsBoundary',
      ],
      Resource: '*',
    },
    {
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'],
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': pinning } },
    },
  ];
  it.each<[string, unknown[] | undefined, unknown[], string[]]>([
    [
      'iam:PutRolePolicy on roles under the self-propagating delegation boundary: closed',
      delegation(APP_BOUNDARY),
      [allow('iam:PutRolePolicy', pinned)],
      [],
    ],
    [
      'the same boundary pinning another one (its roles may write roles under that one): iam-005',
      delegation(`arn:aws:iam::${ACCOUNT}:policy/other`),
      [allow('iam:PutRolePolicy', pinned)],
      ['iam-005'],
    ],
    [
      'iam:PutRolePolicy on roles under a boundary of the input that allows iam:*: iam-005',
      capsNothing,
      [allow('iam:PutRolePolicy', pinned)],
      ['iam-005'],
    ],
    [
      'iam:PutRolePolicy on roles under a narrow boundary of the input: closed',
      narrow,
      [allow('iam:PutRolePolicy', pinned)],
      [],
    ],
    [
      'iam:PutRolePolicy on roles under a boundary the input does not hold: closed',
      undefined,
      [allow('iam:PutRolePolicy', pinned)],
      [],
    ],
    [
      'a created role pinned to its boundary, swapped for one of the input that allows iam:*: new-role-put-assume',
      capsNothing,
      [
        allow(
          ['iam:CreateRole', 'iam:PutRolePolicy'],
          withBoundaryOf(`arn:aws:iam::${ACCOUNT}:policy/locked`),
          appRoles,
        ),
        allow('iam:PutRolePermissionsBoundary', pinned, appRoles),
        allow('sts:AssumeRole', undefined, appRoles),
      ],
      ['new-role-put-assume'],
    ],
    [
      'the same swap for a narrow boundary of the input: closed',
      narrow,
      [
        allow(
          ['iam:CreateRole', 'iam:PutRolePolicy'],
          withBoundaryOf(`arn:aws:iam::${ACCOUNT}:policy/locked`),
          appRoles,
        ),
        allow('iam:PutRolePermissionsBoundary', pinned, appRoles),
        allow('sts:AssumeRole', undefined, appRoles),
      ],
      [],
    ],
  ])('%s', (_name, boundary, statements, expected) => {
    expect(pathsOf(withBoundary(boundary, ...statements))).toEqual(expected);
  });

  it('the finding names the boundary of the input that keeps the path open', () => {
    const [finding] = withBoundary(capsNothing, allow('iam:PutRolePolicy', pinned));
    expect(finding?.message).toBe(
      `policy \`policy\` can escalate its privileges with \`iam:PutRolePolicy\` on any principal or policy (escalation path \`iam-005\`): its condition on \`iam:PermissionsBoundary\` admits \`${APP_BOUNDARY}\`, a boundary that lets \`iam:AttachRolePolicy\` through`,
    );
  });

  it.each<[string, unknown[], string[]]>([
    ['a policy of the input that allows everything: iam-009', [allow('*')], ['iam-009']],
    ['a policy of the input that allows only S3: closed', [allow('s3:*')], []],
  ])('iam:AttachRolePolicy limited by iam:PolicyARN to %s', (_name, document, expected) => {
    const attach = allow('iam:AttachRolePolicy', { ArnEquals: { 'iam:PolicyARN': APP_BOUNDARY } });
    expect(pathsOf(withBoundary(document, attach))).toEqual(expected);
  });

  it('the finding names the escalation the boundary lets through', () => {
    const [boundary, deny, propagates] = delegation(APP_BOUNDARY) as [unknown, { Action: string[] }, unknown];
    const letsKeys = [
      boundary,
      { ...deny, Action: deny.Action.filter((a) => a !== 'iam:CreateAccessKey') },
      propagates,
    ];
    const [finding] = withBoundary(letsKeys, allow('iam:PutRolePolicy', pinned));
    expect(finding?.message).toContain(
      `admits \`${APP_BOUNDARY}\`, a boundary that lets \`iam:CreateAccessKey\` through`,
    );
  });
});

function withBoundaryOf(arn: string): Record<string, unknown> {
  return { StringEquals: { 'iam:PermissionsBoundary': arn } };
}

describe('the boundary a condition admits is the one the finding names', () => {
  it.each<[string, unknown[], string]>([
    [
      'AdministratorAccess named',
      [allow('iam:PutRolePolicy', withBoundaryOf(ADMIN))],
      `admits \`${ADMIN}\`, a boundary that lets every action through`,
    ],
    [
      'every AWS managed policy, AdministratorAccess among them',
      [allow('iam:PutRolePolicy', { ArnLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/*' } })],
      `admits \`${ADMIN}\`, a boundary that lets every action through`,
    ],
    [
      'a boundary the caller may rewrite',
      [
        allow('iam:PutRolePolicy', withBoundaryOf(APP_BOUNDARY)),
        allow('iam:CreatePolicyVersion', undefined, APP_BOUNDARY),
      ],
      `admits \`${APP_BOUNDARY}\`, a policy it may write with \`iam:CreatePolicyVersion\``,
    ],
  ])('%s', (_name, statements, why) => {
    const finding = run(...statements).find((f) => f.evidence?.['path'] === 'iam-005');
    expect(finding?.evidence?.['openDespite']).toEqual([
      {
        key: 'iam:PermissionsBoundary',
        pointer: '/Statement/0',
        why: `its condition on \`iam:PermissionsBoundary\` ${why}`,
      },
    ]);
    expect(
      finding?.message.endsWith(`(escalation path \`iam-005\`): its condition on \`iam:PermissionsBoundary\` ${why}`),
    ).toBe(true);
  });
});

describe('a path through a role the caller creates says why its conditions leave it open', () => {
  const appRoles = `arn:aws:iam::${ACCOUNT}:role/app-*`;
  const assumeApp = allow('sts:AssumeRole', undefined, appRoles);
  const created = (statements: unknown[]): Finding | undefined =>
    run(...statements).find((f) => f.evidence?.['path'] === 'new-role-put-assume');
  it.each<[string, unknown[], string]>([
    [
      'a boundary condition that admits AdministratorAccess',
      [allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundaryOf(ADMIN), appRoles), assumeApp],
      `its condition on \`iam:PermissionsBoundary\` admits \`${ADMIN}\`, a boundary that lets every action through`,
    ],
    [
      'a pinned boundary the caller may take off',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundaryOf(APP_BOUNDARY), appRoles),
        allow('iam:DeleteRolePermissionsBoundary'),
        assumeApp,
      ],
      'its condition on `iam:PermissionsBoundary` pins a boundary it may take off with `iam:DeleteRolePermissionsBoundary`',
    ],
    [
      'a pinned boundary the caller may swap for AdministratorAccess',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], withBoundaryOf(APP_BOUNDARY), appRoles),
        allow('iam:PutRolePermissionsBoundary', undefined, appRoles),
        assumeApp,
      ],
      `its condition on \`iam:PermissionsBoundary\` pins a boundary it may replace with \`iam:PutRolePermissionsBoundary\` by \`${ADMIN}\`, a boundary that lets every action through`,
    ],
    [
      'a network condition on the creation',
      [
        allow(['iam:CreateRole', 'iam:PutRolePolicy'], { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, appRoles),
        assumeApp,
      ],
      'its condition on `aws:SourceIp` says where requests come from, and whoever acts as it (its own workload) calls from there',
    ],
  ])('%s', (_name, statements, why) => {
    const finding = created(statements);
    expect(finding?.evidence?.['openDespite']).toEqual([{ key: expect.any(String), pointer: '/Statement/0', why }]);
    expect(finding?.message).toContain(`(escalation path \`new-role-put-assume\`): ${why}`);
  });

  it('a condition on a step granted on every resource keeps the why the existing-role paths give', () => {
    // Only the roles it creates may be passed: the path runs through a new role.
    const finding = run(
      allow(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole'], undefined, appRoles),
      allow(['lambda:CreateFunction', 'lambda:TagResource'], { StringEquals: { 'aws:RequestTag/team': 'blue' } }),
      allow('lambda:InvokeFunction', { StringEquals: { 'aws:ResourceTag/team': 'blue' } }),
    ).find((f) => f.evidence?.['path'] === 'new-role-put-lambda-001');
    expect(finding?.evidence?.['openDespite']).toEqual([
      {
        key: 'aws:ResourceTag/team',
        pointer: '/Statement/2',
        why: 'its condition on `aws:ResourceTag/team` holds for the resource it creates with that tag (`lambda:CreateFunction` + `lambda:TagResource`)',
      },
    ]);
  });

  it('a path through a created role without conditions says nothing more', () => {
    const finding = created([allow(['iam:CreateRole', 'iam:PutRolePolicy'], undefined, appRoles), assumeApp]);
    expect(finding?.evidence?.['openDespite']).toBeUndefined();
    expect(finding?.message.endsWith('(escalation path `new-role-put-assume`)')).toBe(true);
  });
});
