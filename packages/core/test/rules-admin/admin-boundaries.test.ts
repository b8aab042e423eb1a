/**
 * The admin-access rules read the principal's permissions boundary and unconditional denies the
 * way AWS does: a grant whose admin-making actions are all blocked is not administrator access;
 * one that keeps any of them, or whose boundary cannot be read, is reported as before.
 */
import type { AttachedPolicy, PolicySource, PrincipalInput } from '../../src/analysis/input';
import type { Finding, RuleId } from '../../src/analysis/finding';
import { ADMIN_ACTIONS } from '../../src/rules/data/grants';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { defaultCatalog } from '../../src/analysis/default-catalog';
import { doc, inline, principal, runCatalog, runOnPolicy, source } from '../rules-catalog/helpers';

const RULES: readonly RuleId[] = [
  'admin-access/service-admin',
  'admin-access/full-access',
  'admin-access/not-action-allow',
];
const BOUNDARY_ARN = 'arn:aws:iam::111122223333:policy/app-boundary';
const POWER_USER = 'arn:aws:iam::aws:policy/PowerUserAccess';

const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };
const IAM_ALL = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
const CONTROL_ALL = { Effect: 'Allow', Action: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*' };
const NOT_S3 = { Effect: 'Allow', NotAction: 's3:*', Resource: '*' };
// The boundary of an application team: its data services, nothing of IAM, STS or Organizations.
const DATA_BOUNDARY = doc({ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'logs:*'], Resource: '*' });

function role(policies: readonly AttachedPolicy[], boundary?: unknown, id = 'App'): PrincipalInput {
  const permissionsBoundary =
    boundary === undefined
      ? {}
      : { permissionsBoundary: { arn: BOUNDARY_ARN, policy: source('app-boundary', boundary) } };
  return principal(id, 'role', policies, permissionsBoundary);
}

/** `ruleId messageId-ish (service)` per finding: the message id shows through the evidence. */
function verdicts(findings: readonly Finding[]): string[] {
  return findings
    .map((f) => {
      const service = f.evidence?.['service'];
      const capped = f.evidence?.['cappedBy'] !== undefined ? ' capped' : '';
      const withIam = f.message.includes('IAM included') ? ' with IAM' : '';
      return `${f.ruleId}${typeof service === 'string' ? ` ${service}` : ''}${capped}${withIam}`;
    })
    .sort();
}

function scan(principals: readonly PrincipalInput[]): readonly Finding[] {
  return runCatalog({ principals }, RULES);
}

describe('admin-access/service-admin under a boundary or a deny', () => {
  it.each<[string, readonly AttachedPolicy[], unknown, string[]]>([
    [
      'a boundary allowing none of IAM, STS or Organizations leaves no service admin',
      [inline('Control', doc(CONTROL_ALL))],
      DATA_BOUNDARY,
      [],
    ],
    [
      'without a boundary every control service is reported',
      [inline('Control', doc(CONTROL_ALL))],
      undefined,
      ['admin-access/service-admin iam', 'admin-access/service-admin organizations', 'admin-access/service-admin sts'],
    ],
    [
      'a boundary that still allows iam:AttachRolePolicy keeps the IAM report',
      [inline('Iam', doc(IAM_ALL))],
      doc({ Effect: 'Allow', Action: ['s3:*', 'iam:AttachRolePolicy'], Resource: '*' }),
      ['admin-access/service-admin iam'],
    ],
    [
      'a boundary that still allows iam:PassRole keeps the IAM report',
      [inline('Iam', doc(IAM_ALL))],
      doc({ Effect: 'Allow', Action: ['s3:*', 'iam:PassRole'], Resource: 'arn:aws:iam::*:role/*' }),
      ['admin-access/service-admin iam'],
    ],
    [
      'a boundary that allows IAM only under a condition keeps the report (some request meets it)',
      [inline('Iam', doc(IAM_ALL))],
      doc({
        Effect: 'Allow',
        Action: 'iam:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      }),
      ['admin-access/service-admin iam'],
    ],
    [
      'a boundary denying the IAM writes, with `*` allowed, leaves no IAM report',
      [inline('Iam', doc(IAM_ALL))],
      doc(ADMIN, {
        Effect: 'Deny',
        Action: [
          'iam:Attach*',
          'iam:Put*',
          'iam:Create*',
          'iam:Update*',
          'iam:Set*',
          'iam:Add*',
          'iam:Delete*',
          'iam:PassRole',
        ],
        Resource: '*',
      }),
      [],
    ],
    [
      'a boundary denying the IAM writes but not iam:UpdateAssumeRolePolicy keeps the report',
      [inline('Iam', doc(IAM_ALL))],
      doc(ADMIN, {
        Effect: 'Deny',
        Action: [
          'iam:Attach*',
          'iam:Put*',
          'iam:Create*',
          'iam:Set*',
          'iam:Add*',
          'iam:Delete*',
          'iam:PassRole',
          'iam:UpdateLoginProfile',
        ],
        Resource: '*',
      }),
      ['admin-access/service-admin iam'],
    ],
    [
      'an unconditional deny of iam:* in another policy of the role leaves no IAM report',
      [inline('Iam', doc(IAM_ALL)), inline('Guard', doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }))],
      undefined,
      [],
    ],
    [
      'a deny without MFA does not block every request: reported',
      [
        inline('Iam', doc(IAM_ALL)),
        inline(
          'Guard',
          doc({
            Effect: 'Deny',
            Action: 'iam:*',
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
        ),
      ],
      undefined,
      ['admin-access/service-admin iam'],
    ],
    [
      'a boundary denying sts:AssumeRole but not sts:AssumeRoot keeps the STS report',
      [inline('Sts', doc({ Effect: 'Allow', Action: 'sts:*', Resource: '*' }))],
      doc(ADMIN, { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }),
      ['admin-access/service-admin sts'],
    ],
    [
      'a boundary denying both ways to become another principal leaves no STS report',
      [inline('Sts', doc({ Effect: 'Allow', Action: 'sts:*', Resource: '*' }))],
      doc(ADMIN, { Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:AssumeRoot'], Resource: '*' }),
      [],
    ],
    [
      'a boundary that cannot be read keeps the report',
      [inline('Iam', doc(IAM_ALL))],
      { Version: '2012-10-17', Statement: 'not a statement' },
      ['admin-access/service-admin iam'],
    ],
  ])('%s', (_name, policies, boundary, expected) => {
    expect(verdicts(scan([role(policies, boundary)]))).toEqual(expected);
  });

  it('the AWS managed PowerUserAccess boundary blocks IAM and Organizations, not sts:AssumeRole', () => {
    const app = principal('App', 'role', [inline('Control', doc(CONTROL_ALL))], {
      permissionsBoundary: { arn: POWER_USER },
    });
    expect(verdicts(scan([app]))).toEqual(['admin-access/service-admin sts']);
  });

  it('a boundary whose document is not in the input keeps the report', () => {
    const app = principal('App', 'role', [inline('Iam', doc(IAM_ALL))], {
      permissionsBoundary: { arn: BOUNDARY_ARN },
    });
    expect(verdicts(scan([app]))).toEqual(['admin-access/service-admin iam']);
  });

  it('a policy attached to two roles is reported for the role whose boundary does not cap it only', () => {
    const shared: PolicySource = source('IamAdmin', doc(IAM_ALL));
    const attached: AttachedPolicy = { kind: 'managed', policy: shared };
    const findings = scan([role([attached], DATA_BOUNDARY, 'Bounded'), role([attached], undefined, 'Open')]);
    expect(findings.map((f) => [f.ruleId, f.principal, f.location.logicalId])).toEqual([
      ['admin-access/service-admin', 'Open', 'IamAdmin'],
    ]);
  });

  it('a policy attached to nobody is read with its own denies only', () => {
    expect(verdicts(runOnPolicy(doc(IAM_ALL), RULES))).toEqual(['admin-access/service-admin iam']);
    expect(verdicts(runOnPolicy(doc(IAM_ALL, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }), RULES))).toEqual([]);
  });
});

describe('admin-access/full-access under a boundary or a deny', () => {
  function messages(findings: readonly Finding[]): string[] {
    return findings.map((f) => f.message);
  }

  it('a boundary blocking IAM, STS and Organizations caps `*` and the message says so', () => {
    expect(messages(scan([role([inline('Admin', doc(ADMIN))], DATA_BOUNDARY)]))).toEqual([
      'role `App` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`), capped by its permissions boundary `app-boundary`: it cannot grant itself more through IAM',
    ]);
  });

  it('AdministratorAccess under PowerUserAccess names what the boundary leaves open', () => {
    const admin = principal(
      'TeamAdmin',
      'role',
      [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      {
        permissionsBoundary: { arn: POWER_USER },
      },
    );
    const [finding, ...rest] = scan([admin]);
    expect(rest).toEqual([]);
    expect(finding?.message).toBe(
      'role `TeamAdmin` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`), capped by its permissions boundary `PowerUserAccess`: it cannot grant itself more through IAM, but may still use `sts:AssumeRole`, `sts:AssumeRoot` (in AWS managed policy `AdministratorAccess`)',
    );
    expect(finding?.evidence).toMatchObject({
      actions: ['*'],
      cappedBy: 'its permissions boundary `PowerUserAccess`',
      stillAllowed: ['sts:AssumeRole', 'sts:AssumeRoot'],
    });
  });

  it('a deny of its own policies caps `*` without a boundary', () => {
    const findings = scan([
      role([
        inline('Admin', doc(ADMIN)),
        inline('Guard', doc({ Effect: 'Deny', Action: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*' })),
      ]),
    ]);
    expect(messages(findings)).toEqual([
      'role `App` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`), capped by a deny: it cannot grant itself more through IAM',
    ]);
  });

  it.each<[string, unknown, string[]]>([
    ['no boundary', undefined, ['admin-access/full-access']],
    [
      'a boundary that still allows iam:AttachRolePolicy',
      doc({ Effect: 'Allow', Action: ['s3:*', 'iam:AttachRolePolicy'], Resource: '*' }),
      ['admin-access/full-access'],
    ],
    [
      // The delegated-admin boundary that lets the team create roles under the same boundary:
      // iam:AttachRolePolicy stays allowed, so `*` still grants itself the rest.
      'a delegated-admin boundary that only pins the boundary of new roles',
      doc(ADMIN, {
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY_ARN } },
      }),
      ['admin-access/full-access'],
    ],
    ['a boundary that cannot be read', { Version: '2012-10-17', Statement: 42 }, ['admin-access/full-access']],
  ])('`*` with %s is reported as before', (_name, boundary, expected) => {
    const findings = scan([role([inline('Admin', doc(ADMIN))], boundary)]);
    expect(verdicts(findings)).toEqual(expected);
    expect(findings[0]?.message).toBe(
      'role `App` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`)',
    );
  });

  it('the capped finding is still a finding of the rule, at its configured severity', () => {
    const [finding] = scan([role([inline('Admin', doc(ADMIN))], DATA_BOUNDARY)]);
    expect([finding?.ruleId, finding?.severity, finding?.location.pointer]).toEqual([
      'admin-access/full-access',
      'error',
      '/Statement/0',
    ]);
  });
});

describe('admin-access/not-action-allow reads the boundary as full-access does', () => {
  it.each<[string, unknown, string[]]>([
    ['no boundary: IAM is left', undefined, ['admin-access/not-action-allow with IAM']],
    ['a boundary without IAM: plain NotAction', DATA_BOUNDARY, ['admin-access/not-action-allow']],
    [
      'a boundary that allows iam:PassRole: still IAM',
      doc({ Effect: 'Allow', Action: ['s3:*', 'iam:PassRole'], Resource: '*' }),
      ['admin-access/not-action-allow with IAM'],
    ],
    [
      'a boundary that cannot be read',
      { Version: '2012-10-17', Statement: 42 },
      ['admin-access/not-action-allow with IAM'],
    ],
  ])('%s', (_name, boundary, expected) => {
    expect(verdicts(scan([role([inline('Power', doc(NOT_S3))], boundary)]))).toEqual(expected);
  });

  it('a NotAction that excludes policy writes but leaves iam:PassRole and trust changes leaves IAM', () => {
    const statement = {
      Effect: 'Allow',
      NotAction: ['iam:Attach*', 'iam:Put*', 'iam:CreatePolicyVersion'],
      Resource: '*',
    };
    expect(verdicts(runOnPolicy(doc(statement), RULES))).toEqual(['admin-access/not-action-allow with IAM']);
  });
});

describe('the admin-making actions', () => {
  const catalog = defaultCatalog();

  it('are actions the catalog knows', () => {
    const all = [...ADMIN_ACTIONS.iam, ...ADMIN_ACTIONS.sts, ...ADMIN_ACTIONS.organizations];
    expect(all.filter((a) => catalog.expand(a)?.length !== 1)).toEqual([]);
  });

  it('hold the action of every single-action IAM and STS escalation path', () => {
    const single = ESCALATION_PATHS.filter(
      (p) => p.actions.length === 1 && (p.actions[0]?.startsWith('iam:') || p.actions[0]?.startsWith('sts:')),
    ).map((p) => p.actions[0] ?? '');
    expect(single.length).toBeGreaterThan(10);
    expect(single.filter((a) => ![...ADMIN_ACTIONS.iam, ...ADMIN_ACTIONS.sts].includes(a))).toEqual([]);
  });
});
