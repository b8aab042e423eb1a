/**
 * `iam:AddUserToGroup` on a group the input does not hold: its members' permissions are unknown,
 * so the path into it (`iam-013`, or a user the caller creates, adds there and signs in as) is
 * reported as undecided, never passed. A group of the input is judged by its own policies (the
 * targeted paths), a group on every resource is `iam-013` itself, and a Deny closes the step.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AttachedPolicy, PrincipalInput, ScanInput } from '../../src/analysis/input';
import { SymbolicValue } from '../../src/model/symbolic';

const V = '2012-10-17';
const A = '111122223333';
const ADD = 'iam:AddUserToGroup';
const OPS = `arn:aws:iam::${A}:group/Ops`;
const USERS = `arn:aws:iam::${A}:user/ci/*`;
const UNKNOWN = 'unverifiable/unknown-value';
const MODIFY = 'privilege-escalation/iam-policy-modification';

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: unknown): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});
const deny = (action: string | string[], resource: unknown): Json => ({ ...allow(action, resource), Effect: 'Deny' });

function inline(address: string, statements: Json[]): AttachedPolicy {
  return {
    kind: 'inline',
    policy: { id: address, name: address, location: { address }, document: { Version: V, Statement: statements } },
  };
}

const role = (statements: Json[]): PrincipalInput => ({
  id: 'aws_iam_role.provisioner',
  kind: 'role',
  name: 'provisioner',
  path: '/',
  arn: `arn:aws:iam::${A}:role/provisioner`,
  policies: [inline('aws_iam_role_policy.provisioner', statements)],
  tags: {},
  location: { address: 'aws_iam_role.provisioner' },
});

const user = (statements: Json[]): PrincipalInput => ({
  ...role(statements),
  id: 'aws_iam_user.operator',
  kind: 'user',
  name: 'operator',
  arn: `arn:aws:iam::${A}:user/operator`,
  policies: [inline('aws_iam_user_policy.operator', statements)],
  location: { address: 'aws_iam_user.operator' },
});

const group = (name: string, policies: AttachedPolicy[]): PrincipalInput => ({
  id: `aws_iam_group.${name}`,
  kind: 'group',
  name,
  path: '/',
  arn: new SymbolicValue([{ id: `aws_iam_group.${name}.arn`, source: `the ARN of aws_iam_group.${name}` }]),
  policies,
  tags: {},
  members: [],
  location: { address: `aws_iam_group.${name}` },
});

const scan = (principals: PrincipalInput[]): ScanInput => ({ principals, resources: [], policies: [], errors: [] });
const standalone = (statements: Json[]): ScanInput => ({
  principals: [],
  resources: [],
  policies: [
    { type: 'identity', policy: { id: 'p', name: 'p', location: {}, document: { Version: V, Statement: statements } } },
  ],
  errors: [],
});

/** `rule pointer` of every finding, and the messages of the undecided ones. */
function run(input: ScanInput): { keys: string[]; undecided: string[]; values: unknown[] } {
  const findings = runGuard(input).findings.filter(
    (f) => f.ruleId === UNKNOWN || f.ruleId.startsWith('privilege-escalation/'),
  );
  const undecided = findings.filter((f) => f.ruleId === UNKNOWN);
  return {
    keys: findings.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`).sort(),
    undecided: undecided.map((f) => f.message),
    values: undecided.map((f) => (f.evidence as { values?: unknown[] }).values),
  };
}

describe('a named group the input does not hold', () => {
  it('a user created, added to it and given a key: undecided, naming the group and both paths', () => {
    const found = run(standalone([allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS), allow(ADD, OPS)]));
    expect(found.keys).toEqual([`${UNKNOWN} /Statement/1`]);
    expect(found.undecided[0]).toContain(MODIFY);
    expect(found.undecided[0]).toContain('`iam-013`');
    expect(found.undecided[0]).toContain('`new-user-group-key`');
    expect(found.values).toEqual([[OPS]]);
  });

  it('a user created with a console password: the console path is named', () => {
    const found = run(scan([role([allow(['iam:CreateUser', 'iam:CreateLoginProfile'], USERS), allow(ADD, OPS)])]));
    expect(found.keys).toEqual([`${UNKNOWN} /Statement/1`]);
    expect(found.undecided[0]).toContain('`new-user-group-console`');
  });

  it('adding users only (no user of its own made): undecided as `iam-013` alone', () => {
    const found = run(standalone([allow(ADD, OPS)]));
    expect(found.keys).toEqual([`${UNKNOWN} /Statement/0`]);
    expect(found.undecided[0]).toContain('`iam-013`');
    expect(found.undecided[0]).not.toContain('new-user-group');
  });

  it('users created under one path and keyed under another: no created-user path, still undecided', () => {
    const found = run(
      standalone([
        allow('iam:CreateUser', USERS),
        allow('iam:CreateAccessKey', `arn:aws:iam::${A}:user/ops/*`),
        allow(ADD, OPS),
      ]),
    );
    expect(found.undecided[0]).not.toContain('new-user-group');
  });

  it('a pattern of group names may name groups outside the input, even when it names one inside', () => {
    const readers = group('team-readers', [inline('aws_iam_group_policy.readers', [allow('s3:GetObject', '*')])]);
    const found = run(scan([user([allow(ADD, `arn:aws:iam::${A}:group/team-*`)]), readers]));
    expect(found.keys).toEqual([`${UNKNOWN} /Statement/0`]);
    expect(found.undecided[0]).toContain('does not hold every group');
  });

  it('a Deny of the step on every group, or on the group itself: nothing', () => {
    expect(run(standalone([allow(ADD, OPS), deny(ADD, `arn:aws:iam::${A}:group/*`)])).keys).toEqual([]);
    expect(run(scan([role([allow(ADD, OPS), deny(ADD, OPS)])])).keys).toEqual([]);
  });
});

describe('groups the input holds, and every group', () => {
  it('the group of the input, by its ARN or a written one, granting little: nothing', () => {
    const ops = group('Ops', [inline('aws_iam_group_policy.ops', [allow('support:DescribeCases', '*')])]);
    const created = [allow(['iam:CreateUser', 'iam:CreateAccessKey'], USERS)];
    expect(run(scan([role([...created, allow(ADD, OPS)]), ops])).keys).toEqual([]);
    expect(run(scan([role([...created, allow(ADD, ops.arn)]), ops])).keys).toEqual([]);
  });

  it('an administrators group of the input: the targeted `iam-013`, not undecided', () => {
    const ops = group('Ops', [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    expect(run(scan([user([allow(ADD, OPS)]), ops])).keys).toEqual([`${MODIFY} /Statement/0`]);
  });

  it('every group: `iam-013` on any, not undecided', () => {
    expect(run(standalone([allow(ADD, `arn:aws:iam::${A}:group/*`)])).keys).toEqual([`${MODIFY} /Statement/0`]);
  });

  it('a Resource of users only names no group: nothing', () => {
    expect(run(standalone([allow(ADD, `arn:aws:iam::${A}:user/*`)])).keys).toEqual([]);
  });
});

const ADMINS = (name: string): PrincipalInput =>
  group(name, [{ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
const TEAMS = `arn:aws:iam::${A}:group/team-*`;

describe('a pattern of group names that reaches an administrators group of the input', () => {
  const readers = group('team-readers', [inline('aws_iam_group_policy.readers', [allow('s3:GetObject', '*')])]);

  it('the targeted `iam-013` alone: the groups outside it may name cannot grant more than administrator', () => {
    expect(run(scan([user([allow(ADD, TEAMS)]), ADMINS('team-admins'), readers])).keys).toEqual([
      `${MODIFY} /Statement/0`,
    ]);
  });

  it('the administrators group denied: no path to it, the groups outside still undecided', () => {
    const found = run(
      scan([user([allow(ADD, TEAMS), deny(ADD, `arn:aws:iam::${A}:group/team-admins`)]), ADMINS('team-admins')]),
    );
    expect(found.keys).toEqual([`${UNKNOWN} /Statement/0`]);
  });

  it('a group written beside the pattern, outside the input: the targeted `iam-013` alone too', () => {
    expect(run(scan([user([allow(ADD, [TEAMS, OPS])]), ADMINS('team-admins')])).keys).toEqual([
      `${MODIFY} /Statement/0`,
    ]);
  });
});

describe('a role adds users to groups: whoever acts as the role adds their own user', () => {
  const KEYS = allow('iam:CreateAccessKey', USERS);
  const CASES: readonly (readonly [string, ScanInput, string[]])[] = [
    [
      'a role allowed `iam:AddUserToGroup` on every group: `iam-013`',
      scan([role([allow(ADD, '*')])]),
      [`${MODIFY} /Statement/0`],
    ],
    [
      'the same role also allowed to make keys for some users: `iam-013`',
      scan([role([allow(ADD, '*'), KEYS])]),
      [`${MODIFY} /Statement/0`],
    ],
    ['a user on every group: `iam-013` (it adds itself)', scan([user([allow(ADD, '*')])]), [`${MODIFY} /Statement/0`]],
    [
      'a policy linted alone (a user may hold it): `iam-013`',
      standalone([allow(ADD, '*')]),
      [`${MODIFY} /Statement/0`],
    ],
    [
      'a role toward an administrators group of the input: the targeted `iam-013`',
      scan([role([allow(ADD, OPS)]), ADMINS('Ops')]),
      [`${MODIFY} /Statement/0`],
    ],
    [
      'a role toward a group outside the input: undecided',
      scan([role([allow(ADD, OPS)])]),
      [`${UNKNOWN} /Statement/0`],
    ],
  ];

  it.each(CASES)('%s', (_name, input, expected) => {
    expect(run(input).keys).toEqual(expected);
  });
});
