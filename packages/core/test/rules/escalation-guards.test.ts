/**
 * Lifting the guard that limits a principal: its own permissions boundary removed or replaced by
 * one that caps nothing, or the service control policies of the configuration changed, detached
 * or deleted. Reported when the step is allowed and gains something; not when a deny, the boundary
 * itself or a condition takes the step away.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { ResolvedConfig } from '../../src/config/types';
import type { Finding } from '../../src/analysis/finding';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const A = '111122223333';
const SELF = `arn:aws:iam::${A}:role/ops`;
const BOUNDARY = `arn:aws:iam::${A}:policy/ops-boundary`;

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: string | string[], condition?: Json): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const deny = (action: string | string[], resource: string | string[]): Json => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});

/** A role `ops` with one inline policy and a boundary (its document in the input, or not). */
function ops(statements: Json[], boundary: Json[] | undefined): ScanInput {
  const principal: PrincipalInput = {
    id: 'aws_iam_role.ops',
    kind: 'role',
    name: 'ops',
    path: '/',
    arn: SELF,
    policies: [
      { kind: 'inline', policy: { id: 'p', name: 'p', location: {}, document: { Version: V, Statement: statements } } },
    ],
    tags: {},
    location: { address: 'aws_iam_role.ops' },
    permissionsBoundary: {
      arn: BOUNDARY,
      ...(boundary
        ? { policy: { id: 'b', name: 'b', location: {}, document: { Version: V, Statement: boundary } } }
        : {}),
    },
  };
  return { principals: [principal], resources: [], policies: [], errors: [] };
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

function lifts(input: ScanInput, config: ResolvedConfig = ESCALATION_CONFIG): Finding[] {
  return runGuard(input, config).findings.filter((f) =>
    ['own-boundary-lifted', 'scp-lifted'].includes((f.evidence as { path?: string } | undefined)?.path ?? ''),
  );
}

const REMOVE = 'iam:DeleteRolePermissionsBoundary';
const REPLACE = 'iam:PutRolePermissionsBoundary';

describe('its own permissions boundary', () => {
  const CASES: readonly (readonly [string, Json[], Json[] | undefined, boolean])[] = [
    [
      'removed, where the boundary cuts EC2 out of the identity policy',
      [allow(['ec2:*', 's3:*'], '*'), allow(REMOVE, SELF)],
      [allow(['s3:*', REMOVE], '*')],
      true,
    ],
    [
      'replaced by any AWS managed policy (`AdministratorAccess` among them)',
      [
        allow(['ec2:*', 's3:*'], '*'),
        allow(REPLACE, SELF, { ArnLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/*' } }),
      ],
      [allow(['s3:*', REPLACE], '*')],
      true,
    ],
    [
      'replaced only by itself',
      [allow(['ec2:*', 's3:*'], '*'), allow(REPLACE, SELF, { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } })],
      [allow(['s3:*', REPLACE], '*')],
      false,
    ],
    [
      'removal the boundary itself does not allow',
      [allow(['ec2:*', 's3:*'], '*'), allow(REMOVE, SELF)],
      [allow('s3:*', '*')],
      false,
    ],
    [
      'removal a deny takes away',
      [allow(['ec2:*', 's3:*'], '*'), allow(REMOVE, '*'), deny(REMOVE, '*')],
      [allow(['s3:*', REMOVE], '*')],
      false,
    ],
    [
      'removal that gains nothing: the boundary allows all the identity policy does',
      [allow(['s3:GetObject', REMOVE], '*')],
      [allow(['s3:*', REMOVE], '*')],
      false,
    ],
    [
      'removal on another role only',
      [allow(['ec2:*', 's3:*'], '*'), allow(REMOVE, `arn:aws:iam::${A}:role/other`)],
      [allow(['s3:*', REMOVE], '*')],
      false,
    ],
  ];

  it.each(CASES)('%s', (_name, statements, boundary, lifted) => {
    const found = lifts(ops(statements, boundary));
    expect(found.map((f) => f.location.pointer)).toEqual(lifted ? ['/Statement/1'] : []);
  });

  it('a boundary the input does not hold: reported, with what was assumed of it', () => {
    const [finding, ...rest] = lifts(ops([allow('s3:*', '*'), allow(REMOVE, SELF)], undefined));
    expect(rest).toEqual([]);
    expect(finding?.message).toContain(`can lift its own permissions boundary with \`${REMOVE}\` on itself`);
    expect((finding?.evidence as { assumption?: string }).assumption).toContain(`\`${BOUNDARY}\` is not in the input`);
  });
});

describe('its own boundary replaced by a boundary the input holds as a policy of its own', () => {
  const other = `arn:aws:iam::${A}:policy/other-boundary`;
  const withPolicy = (input: ScanInput, statements: Json[]): ScanInput => ({
    ...input,
    policies: [
      {
        type: 'identity',
        arn: other,
        policy: { id: 'o', name: 'o', location: {}, document: { Version: V, Statement: statements } },
      },
    ],
  });
  const replaceByOther = allow(REPLACE, SELF, { StringEquals: { 'iam:PermissionsBoundary': other } });
  it.each<[string, Json[], boolean]>([
    ['one that allows iam:* lifts the boundary', [allow(['ec2:*', 's3:*', 'iam:*'], '*')], true],
    ['a narrow one that allows no IAM change keeps it', [allow(['ec2:*', 's3:*'], '*')], false],
  ])('%s', (_name, replacement, lifted) => {
    const input = withPolicy(
      ops([allow(['ec2:*', 's3:*'], '*'), replaceByOther], [allow(['s3:*', REPLACE], '*')]),
      replacement,
    );
    expect(lifts(input).map((f) => f.location.pointer)).toEqual(lifted ? ['/Statement/1'] : []);
  });
});

describe('the service control policies of the configuration', () => {
  const withScps = (scps: Json[][]): ResolvedConfig => ({
    ...ESCALATION_CONFIG,
    settings: { ...ESCALATION_CONFIG.settings, scps: scps.map((s) => ({ Version: V, Statement: s })) },
  });
  const guardrail = withScps([[allow('*', '*'), deny(['iam:CreateUser', 'iam:CreateAccessKey'], '*')]]);
  const CASES: readonly (readonly [string, Json[], ResolvedConfig, string[]])[] = [
    [
      'changed, detached or deleted on every policy',
      [allow(['organizations:UpdatePolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy'], '*')],
      guardrail,
      ['organizations:UpdatePolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy'],
    ],
    [
      'detached from the SCPs of one organization',
      [allow('organizations:DetachPolicy', 'arn:aws:organizations::*:policy/o-a1b2c3d4e5/service_control_policy/*')],
      guardrail,
      ['organizations:DetachPolicy'],
    ],
    [
      'on every policy, conditioned only on the caller being in its organization',
      [allow('organizations:DeletePolicy', '*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })],
      guardrail,
      ['organizations:DeletePolicy'],
    ],
    [
      'detached for one SCP named by its id (a budget action’s own): not claimed',
      [
        allow(
          'organizations:DetachPolicy',
          'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-stopall1',
        ),
      ],
      guardrail,
      [],
    ],
    [
      'changed only for tag policies',
      [allow('organizations:UpdatePolicy', '*', { StringEquals: { 'organizations:PolicyType': 'TAG_POLICY' } })],
      guardrail,
      [],
    ],
    [
      'changed only for backup policies, by resource',
      [allow('organizations:UpdatePolicy', 'arn:aws:organizations::*:policy/*/backup_policy/*')],
      guardrail,
      [],
    ],
    ['no SCP in the configuration', [allow('organizations:UpdatePolicy', '*')], ESCALATION_CONFIG, []],
    [
      'an SCP that denies changing SCPs',
      [allow('organizations:UpdatePolicy', '*')],
      withScps([[deny('organizations:*', '*')]]),
      [],
    ],
  ];

  it.each(CASES)('%s', (_name, statements, config, actions) => {
    const found = lifts(standalone(statements), config);
    expect(found.flatMap((f) => (f.evidence as { actions: string[] }).actions)).toEqual(actions);
  });
});
