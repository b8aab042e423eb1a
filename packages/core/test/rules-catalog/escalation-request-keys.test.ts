/**
 * Escalation paths read with the keys of the request that takes them: `cloudformation:RoleArn` of
 * the stack a role is passed to, `iam:PassedToService` of the pass, `iam:PermissionsBoundary` of a
 * boundary replaced or removed, in the caller's own Allows and Denies, its boundary and the SCPs;
 * and the caller's own policies named by the account a template deploys to.
 */
import { SymbolicValue } from '../../src/model/symbolic';
import type { AttachedPolicy } from '../../src/analysis/input';
import { doc, inline, principal, runCatalog, runOnPolicy, source } from './helpers';

const PASS_ANY_ROLE = { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' };
const STACKS = ['cloudformation:CreateStack', 'cloudformation:UpdateStack'];
const READONLY_ROLE = 'arn:aws:iam::111122223333:role/app-cfn-readonly';

/** `rule pointer` of each finding. */
const found = (findings: readonly { ruleId: string; location: { pointer?: string } }[]): string[] =>
  findings.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`).sort();

describe('cloudformation:RoleArn in the Allow of CreateStack and UpdateStack', () => {
  it.each<[string, Record<string, unknown> | undefined, string[]]>([
    [
      'no condition: any role passed to a new stack (control)',
      undefined,
      [
        'privilege-escalation/pass-role-to-service /Statement/1',
        'privilege-escalation/pass-role-wildcard /Statement/1',
        'privilege-escalation/run-as-existing-role /Statement/0',
      ],
    ],
    [
      '`Null` `true`: no role may be named, a stack runs with the caller or its own role; CreateStack on `*` stays a write on every resource',
      { Null: { 'cloudformation:RoleArn': 'true' } },
      [
        'privilege-escalation/pass-role-wildcard /Statement/1',
        'privilege-escalation/run-as-existing-role /Statement/0',
        'wildcard-resource/write-on-star /Statement/0',
      ],
    ],
    [
      '`StringEquals` one low-privilege role: the stack takes that role only',
      { StringEquals: { 'cloudformation:RoleArn': READONLY_ROLE } },
      ['privilege-escalation/pass-role-wildcard /Statement/1'],
    ],
    [
      '`ArnEquals` one low-privilege role: the same',
      { ArnEquals: { 'cloudformation:RoleArn': READONLY_ROLE } },
      ['privilege-escalation/pass-role-wildcard /Statement/1'],
    ],
  ])('%s', (_name, condition, expected) => {
    const stacks = { Effect: 'Allow', Action: STACKS, Resource: '*', ...(condition ? { Condition: condition } : {}) };
    expect(
      found(
        runOnPolicy(doc(stacks, PASS_ANY_ROLE), [
          'privilege-escalation/pass-role-to-service',
          'privilege-escalation/pass-role-wildcard',
          'privilege-escalation/run-as-existing-role',
          'wildcard-resource/write-on-star',
        ]),
      ),
    ).toEqual(expected);
  });
});

describe('a boundary or an SCP that lets only one role go to CloudFormation', () => {
  const deployer = (boundary?: unknown) =>
    principal(
      'Deployer',
      'role',
      [
        inline(
          'Deploy',
          doc(
            {
              Effect: 'Allow',
              Action: STACKS,
              Resource: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/app-*/*',
            },
            PASS_ANY_ROLE,
          ),
        ),
      ],
      boundary === undefined
        ? {}
        : {
            permissionsBoundary: {
              arn: 'arn:aws:iam::111122223333:policy/deploy-boundary',
              policy: source('Boundary', boundary),
            },
          },
    );
  const EVERYTHING = { Effect: 'Allow', Action: '*', Resource: '*' };
  const GUARDS: [string, Record<string, unknown>][] = [
    [
      'a Deny of CreateStack and UpdateStack with any role but one (`StringNotEquals` `cloudformation:RoleArn`)',
      {
        Effect: 'Deny',
        Action: STACKS,
        Resource: '*',
        Condition: { StringNotEquals: { 'cloudformation:RoleArn': READONLY_ROLE } },
      },
    ],
    [
      'the same with `ArnNotEquals`',
      {
        Effect: 'Deny',
        Action: STACKS,
        Resource: '*',
        Condition: { ArnNotEquals: { 'cloudformation:RoleArn': READONLY_ROLE } },
      },
    ],
    [
      'a Deny of passing roles to CloudFormation (`iam:PassedToService`)',
      {
        Effect: 'Deny',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      },
    ],
    [
      'a Deny of passing any role but one (`NotResource`)',
      { Effect: 'Deny', Action: 'iam:PassRole', NotResource: READONLY_ROLE },
    ],
  ];
  const paths = (boundary?: unknown, scps: unknown[] = []): string[] =>
    runCatalog({ principals: [deployer(boundary)] }, ['privilege-escalation/pass-role-to-service'], { scps }).map(
      (f) => f.ruleId,
    );

  it('a boundary allowing everything (control): any role passed to a new stack', () => {
    expect(paths(doc(EVERYTHING))).toEqual(['privilege-escalation/pass-role-to-service']);
  });

  it('a boundary allowing stacks with any role of the own account (`StringLike` `cloudformation:RoleArn`): still any role', () => {
    expect(
      paths(
        doc(
          { Effect: 'Allow', NotAction: STACKS, Resource: '*' },
          {
            Effect: 'Allow',
            Action: STACKS,
            Resource: '*',
            Condition: { StringLike: { 'cloudformation:RoleArn': 'arn:aws:iam::111122223333:role/*' } },
          },
        ),
      ),
    ).toEqual(['privilege-escalation/pass-role-to-service']);
  });

  it.each(GUARDS)('in the boundary, %s: no path through any role', (_name, guard) => {
    expect(paths(doc(EVERYTHING, guard))).toEqual([]);
  });

  it.each(GUARDS)('in an SCP, %s: no path through any role', (_name, guard) => {
    expect(paths(undefined, [doc(EVERYTHING, guard)])).toEqual([]);
  });

  it('a boundary denying passing any role but one: pass-role-wildcard says nothing either', () => {
    const [, notResource] = GUARDS[3] as [string, unknown];
    expect(
      runCatalog({ principals: [deployer(doc(EVERYTHING, notResource))] }, ['privilege-escalation/pass-role-wildcard']),
    ).toEqual([]);
  });
});

describe('policy versions of the principal own policies, in a template of unknown account', () => {
  const account = (text: string): SymbolicValue =>
    new SymbolicValue(['arn:aws:iam::', { id: 'AWS::AccountId', source: 'the account of the stack' }, `:${text}`]);
  const ownPolicy: AttachedPolicy = {
    kind: 'managed',
    arn: account('policy/ci-deploy-app'),
    policy: source('DeployPolicy', doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::app/*' })),
  };
  const VERSIONS = {
    Effect: 'Allow',
    Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
    Resource: 'arn:aws:iam::111122223333:policy/ci-deploy-*',
  };

  it('CreatePolicyVersion on `policy/ci-deploy-*`, a policy of that name attached to the role itself: it rewrites its own permissions', () => {
    const role = principal('CiDeploy', 'role', [inline('Versions', doc(VERSIONS)), ownPolicy], {
      arn: account('role/ci-deploy'),
    });
    const findings = runCatalog({ principals: [role] }, ['privilege-escalation/iam-policy-modification']);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('can change its own permissions with `iam:CreatePolicyVersion` on itself'),
    ]);
  });

  it('the same policy attached to a role it may assume: it rewrites that role and acts as it', () => {
    const runner = principal(
      'CiRunner',
      'role',
      [
        inline(
          'Runner',
          doc(VERSIONS, {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: 'arn:aws:iam::111122223333:role/ci-deploy',
          }),
        ),
      ],
      { arn: account('role/ci-runner') },
    );
    const deploy = principal('CiDeploy', 'role', [ownPolicy], {
      arn: account('role/ci-deploy'),
      trustPolicy: source(
        'Trust',
        doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }),
      ),
    });
    const findings = runCatalog({ principals: [runner, deploy] }, ['privilege-escalation/iam-policy-modification']);
    expect(findings.map((f) => `${f.principal ?? ''} ${f.evidence?.['path'] as string}`)).toEqual(['CiRunner iam-016']);
  });

  it('policies of another name (control): nothing', () => {
    const role = principal(
      'CiDeploy',
      'role',
      [inline('Versions', doc({ ...VERSIONS, Resource: 'arn:aws:iam::111122223333:policy/app-*' })), ownPolicy],
      { arn: account('role/ci-deploy') },
    );
    expect(runCatalog({ principals: [role] }, ['privilege-escalation/iam-policy-modification'])).toEqual([]);
  });
});

describe('iam:PermissionsBoundary on the calls that remove, replace or create under a boundary', () => {
  const BOUNDARY = 'arn:aws:iam::111122223333:policy/app-boundary';
  const ops = (...statements: unknown[]) =>
    principal('app-ops', 'role', [inline('Ops', doc(...statements))], { permissionsBoundary: { arn: BOUNDARY } });
  const run = (...statements: unknown[]): string[] =>
    runCatalog({ principals: [ops(...statements)] }, ['privilege-escalation/iam-policy-modification']).map(
      (f) => f.evidence?.['path'] as string,
    );
  const ROLES = 'arn:aws:iam::111122223333:role/app-*';

  it('DeleteRolePermissionsBoundary allowed where the boundary is the role own: the request carries it, the role lifts it', () => {
    expect(
      run({
        Effect: 'Allow',
        Action: 'iam:DeleteRolePermissionsBoundary',
        Resource: ROLES,
        Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } },
      }),
    ).toEqual(['own-boundary-lifted']);
  });

  it('DeleteRolePermissionsBoundary allowed where the boundary is another one: nothing', () => {
    expect(
      run({
        Effect: 'Allow',
        Action: 'iam:DeleteRolePermissionsBoundary',
        Resource: ROLES,
        Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/other' } },
      }),
    ).toEqual([]);
  });

  const DELEGATION = [
    {
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'],
      Resource: ROLES,
    },
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLES },
    { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
  ];
  const keep = (operator: string) => ({
    Effect: 'Deny',
    Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'],
    Resource: '*',
    Condition: { [operator]: { 'iam:PermissionsBoundary': BOUNDARY } },
  });

  it('a Deny of every other boundary (`StringNotEquals`): the boundary put back lifts nothing, no role created without it', () => {
    expect(run(...DELEGATION, keep('StringNotEquals'))).toEqual(['iam-009']);
  });

  it('the same Deny with `ForAnyValue:StringNotEquals`: it holds for no request without a boundary, so a role is created without one', () => {
    expect(run(...DELEGATION, keep('ForAnyValue:StringNotEquals'))).toEqual(['iam-009']);
    const findings = runCatalog({ principals: [ops(...DELEGATION, keep('ForAnyValue:StringNotEquals'))] }, [
      'privilege-escalation/iam-policy-modification',
    ]);
    expect(findings[0]?.evidence?.['alsoOpens']).toEqual(['new-role-attach-assume']);
  });
});
