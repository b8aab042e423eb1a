/**
 * A customer managed policy nothing attaches that the input uses as a permissions boundary (a
 * principal's boundary, or the one an `iam:PermissionsBoundary` condition pins on the principals a
 * delegation creates) grants nothing: the engine reads it with the boundary rules, not as an
 * identity policy of its own. Named also by an `iam:PolicyARN` condition (to be attached), it is
 * read both ways; named by no condition, or only by a pattern of every policy, it stays a grant.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { PolicyValue } from '../../src/model/symbolic';
import { SymbolicValue } from '../../src/model/symbolic';

const V = '2012-10-17';
const A = '111122223333';
const BOUNDARY = `arn:aws:iam::${A}:policy/app-boundary`;
const ROLES = `arn:aws:iam::${A}:role/app/*`;

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: string, condition?: Json): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** A broad boundary of services that denies its own removal: as a grant it is reported, as a boundary not. */
const SERVICES = {
  Version: V,
  Statement: [
    allow(['s3:*', 'sqs:*'], '*'),
    {
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:CreatePolicyVersion'],
      Resource: '*',
    },
  ],
};
/** A boundary that lets its holders remove it. */
const REMOVABLE = { Version: V, Statement: [allow(['s3:*', 'iam:*'], '*')] };

function delegate(statements: Json[], boundary?: PolicyValue): PrincipalInput {
  return {
    id: 'Delegate',
    kind: 'role',
    name: 'delegate',
    path: '/',
    arn: `arn:aws:iam::${A}:role/delegate`,
    policies: [
      {
        kind: 'inline',
        policy: {
          id: 'Delegate/p',
          name: 'p',
          location: { logicalId: 'Delegate' },
          document: { Version: V, Statement: statements },
        },
      },
    ],
    tags: {},
    location: { logicalId: 'Delegate' },
    ...(boundary !== undefined ? { permissionsBoundary: { arn: boundary } } : {}),
  };
}

function input(principals: PrincipalInput[], document: unknown, arn: PolicyValue = BOUNDARY): ScanInput {
  return {
    principals,
    resources: [],
    policies: [
      {
        type: 'identity',
        arn,
        policy: { id: 'AppBoundary', name: 'app-boundary', location: { logicalId: 'AppBoundary' }, document },
      },
    ],
    errors: [],
  };
}

/** The rules reporting on the standalone policy, sorted. */
function onPolicy(scan: ScanInput): string[] {
  return runGuard(scan)
    .findings.filter((f) => f.location.logicalId === 'AppBoundary')
    .map((f) => f.ruleId)
    .sort();
}

const pinned = (operator: string, value: PolicyValue = BOUNDARY): Json => ({
  [operator]: { 'iam:PermissionsBoundary': value },
});
const CREATES = (condition: Json): PrincipalInput =>
  delegate([allow(['iam:CreateRole', 'iam:PutRolePolicy'], ROLES, condition)]);

describe('a managed policy nothing attaches, used as a boundary', () => {
  const asGrant = onPolicy(input([], SERVICES));

  it('named by no one: read as an identity policy (its broad Allow is reported)', () => {
    expect(asGrant).toEqual(
      expect.arrayContaining(['resource-exposure/policy-change', 'wildcard-resource/write-on-star']),
    );
  });

  const SYMBOLIC = new SymbolicValue([
    'arn:aws:iam::',
    { id: 'AWS::AccountId', source: 'the account' },
    ':policy/app-boundary',
  ]);
  it.each<readonly [string, PrincipalInput, PolicyValue]>([
    ['pinned by an Allow (`StringEquals`)', CREATES(pinned('StringEquals')), BOUNDARY],
    [
      'pinned by an `ArnLike` with any account',
      CREATES(pinned('ArnLike', 'arn:aws:iam::*:policy/app-boundary')),
      BOUNDARY,
    ],
    [
      'pinned by a Deny (`StringNotEquals`) of any other boundary',
      delegate([
        allow('iam:CreateRole', ROLES),
        { Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*', Condition: pinned('StringNotEquals') },
      ]),
      BOUNDARY,
    ],
    [
      'the boundary of a principal of the input',
      delegate([allow('s3:GetObject', 'arn:aws:s3:::data/*')], BOUNDARY),
      BOUNDARY,
    ],
    [
      'pinned by its ARN known after deploy, as the template writes it',
      CREATES(pinned('StringEquals', SYMBOLIC)),
      SYMBOLIC,
    ],
  ])('%s: read as a boundary, no identity finding', (_name, principal, arn) => {
    expect(onPolicy(input([principal], SERVICES, arn))).toEqual([]);
  });

  it('a boundary that lets its holders remove it: the boundary rule reports it', () => {
    expect(onPolicy(input([CREATES(pinned('StringEquals'))], REMOVABLE))).toEqual(['boundary/caps-nothing']);
  });

  it('also named by `iam:PolicyARN`, to be attached: read as a grant too', () => {
    const both = delegate([
      allow(['iam:CreateRole', 'iam:PutRolePolicy'], ROLES, pinned('StringEquals')),
      allow('iam:AttachRolePolicy', ROLES, { ArnEquals: { 'iam:PolicyARN': BOUNDARY } }),
    ]);
    expect(onPolicy(input([both], SERVICES))).toEqual(asGrant);
    expect(onPolicy(input([both], REMOVABLE))).toContain('boundary/caps-nothing');
  });

  it.each([
    ['a condition naming every policy', `arn:aws:iam::${A}:policy/*`],
    ['a condition naming another policy', `arn:aws:iam::${A}:policy/other-boundary`],
  ])('%s: still read as an identity policy', (_name, value) => {
    expect(onPolicy(input([CREATES(pinned('StringLike', value))], SERVICES))).toEqual(asGrant);
  });
});
