/** Suppressions (target globs, actions, sid, expiry) and the baseline round trip. */
import { runGuard } from '../../src/analysis/engine';
import { createBaseline, parseBaseline } from '../../src/config/baseline';
import type { GuardConfig } from '../../src/config/types';
import { ALL_LAMBDA, PASS_ANY_ROLE, doc, input, only, role, source } from '../engine/helpers';

const NOW = new Date('2026-11-27T12:00:00Z');
const scan = input({
  principals: [
    role('module.etl.aws_iam_role.loader', [
      source('module.etl.aws_iam_role_policy.loader', doc({ ...PASS_ANY_ROLE, Sid: 'Pass' }, ALL_LAMBDA)),
    ]),
    role('module.api.aws_iam_role.app', [source('module.api.aws_iam_role_policy.app', doc(PASS_ANY_ROLE))]),
  ],
});
const REASON = 'the loader starts tasks with any role by design';

function outcome(suppression: Record<string, unknown>): { active: string[]; suppressed: string[] } {
  const config = { suppressions: [{ reason: REASON, ...suppression }] } as unknown as GuardConfig;
  const result = runGuard(scan, only(undefined, config), { now: NOW });
  const name = (f: { ruleId: string; principal?: string }): string => `${f.principal ?? ''} ${f.ruleId}`;
  return { active: result.findings.map(name).sort(), suppressed: result.suppressed.map(name).sort() };
}

const LOADER_PASS = 'module.etl.aws_iam_role.loader privilege-escalation/pass-role-wildcard';
const LOADER_LAMBDA = 'module.etl.aws_iam_role.loader wildcard-action/service-wildcard';
const APP_PASS = 'module.api.aws_iam_role.app privilege-escalation/pass-role-wildcard';

describe('suppressions', () => {
  it.each([
    [
      'a rule id and an exact target',
      { rule: 'privilege-escalation/pass-role-wildcard', target: 'module.etl.aws_iam_role.loader' },
      [LOADER_PASS],
    ],
    ['a category', { rule: 'privilege-escalation', target: 'module.etl.aws_iam_role.loader' }, [LOADER_PASS]],
    [
      'a glob on the address',
      { rule: 'privilege-escalation/pass-role-wildcard', target: 'module.*.aws_iam_role.*' },
      [APP_PASS, LOADER_PASS],
    ],
    [
      'a glob on the policy address',
      { rule: 'wildcard-action', target: 'module.etl.aws_iam_role_policy.*' },
      [LOADER_LAMBDA],
    ],
    [
      'a glob whose alternatives come first',
      { rule: 'privilege-escalation/pass-role-wildcard', target: '{module.etl,module.api}.aws_iam_role.*' },
      [APP_PASS, LOADER_PASS],
    ],
    [
      'a glob told apart only between its wildcards',
      { rule: 'privilege-escalation/pass-role-wildcard', target: 'module.*.aws_iam_role.load?r*' },
      [LOADER_PASS],
    ],
    [
      'a glob told apart only after an alternative',
      { rule: 'privilege-escalation/pass-role-wildcard', target: 'module.{etl,api}.aws_iam_role.ap{p,i}' },
      [APP_PASS],
    ],
    ['a statement sid', { rule: 'privilege-escalation/pass-role-wildcard', target: '**', sid: 'Pass' }, [LOADER_PASS]],
    [
      'actions the finding is about',
      { rule: 'privilege-escalation', target: '**', actions: ['iam:Pass*'] },
      [APP_PASS, LOADER_PASS],
    ],
    ['actions the finding is not about', { rule: 'privilege-escalation', target: '**', actions: ['s3:*'] }, []],
    ['another rule', { rule: 'resource-exposure', target: '**' }, []],
    [
      'an expiry in the future',
      { rule: 'privilege-escalation/pass-role-wildcard', target: 'module.etl.**', expires: '2026-11-27' },
      [LOADER_PASS],
    ],
  ])('by %s', (_name, suppression, suppressed) => {
    expect(outcome(suppression).suppressed).toEqual(suppressed);
  });

  describe('on Terraform instances (count and for_each keys)', () => {
    const keyed = input({
      principals: [
        'module.etl["eu"].aws_iam_role.loader[0]',
        'module.etl["eu"].aws_iam_role.loader[1]',
        'module.etl["eu"].aws_iam_role.loaders["a]b"]',
      ].map((id) => role(id, [source(id.replace('aws_iam_role', 'aws_iam_role_policy'), doc(PASS_ANY_ROLE))])),
    });
    const suppressedBy = (target: string): string[] => {
      const config = {
        suppressions: [{ rule: 'privilege-escalation/pass-role-wildcard', target, reason: REASON }],
      } as unknown as GuardConfig;
      return runGuard(keyed, only(undefined, config), { now: NOW })
        .suppressed.map((f) => f.principal ?? '')
        .sort();
    };

    it('the address without keys names every instance of the declaration, and no other', () => {
      expect(suppressedBy('module.etl.aws_iam_role.loader')).toEqual([
        'module.etl["eu"].aws_iam_role.loader[0]',
        'module.etl["eu"].aws_iam_role.loader[1]',
      ]);
      // A key holding `]` is read to its closing quote.
      expect(suppressedBy('module.etl.aws_iam_role.loaders')).toEqual(['module.etl["eu"].aws_iam_role.loaders["a]b"]']);
    });

    it('an instance address pasted from a finding names that instance', () => {
      expect(suppressedBy('module.etl["eu"].aws_iam_role.loader[1]')).toEqual([
        'module.etl["eu"].aws_iam_role.loader[1]',
      ]);
    });
  });

  it('keeps suppressed findings with their reason, expiry and source', () => {
    const config: GuardConfig = {
      suppressions: [{ rule: 'privilege-escalation', target: 'module.api.**', reason: REASON, expires: '2027-01-31' }],
    };
    const result = runGuard(scan, only(undefined, config), { now: NOW });
    expect(result.suppressed.map((f) => f.suppression)).toEqual([
      { reason: REASON, expires: '2027-01-31', source: 'config: /suppressions/0' },
    ]);
    expect(result.summary.suppressed).toBe(1);
  });

  it('applies suppressions recorded in the input, naming where they were recorded', () => {
    const recorded = {
      ...scan,
      suppressions: [
        {
          rule: 'wildcard-action',
          target: 'module.etl.**',
          reason: 'lambda deployer by design',
          source: 'metadata: Etl/Loader',
        },
      ],
    };
    const result = runGuard(recorded, only(), { now: NOW });
    expect(result.suppressed.map((f) => [f.ruleId, f.suppression.source])).toEqual([
      ['wildcard-action/service-wildcard', 'metadata: Etl/Loader'],
    ]);
  });

  it('an expired suppression turns back into a finding that says so', () => {
    const { active, suppressed } = outcome({
      rule: 'privilege-escalation/pass-role-wildcard',
      target: 'module.etl.**',
      expires: '2026-11-26',
    });
    expect(suppressed).toEqual([]);
    expect(active).toContain(LOADER_PASS);
    const config = {
      suppressions: [{ rule: 'privilege-escalation', target: 'module.etl.**', reason: REASON, expires: '2026-11-26' }],
    } as GuardConfig;
    const finding = runGuard(scan, only(undefined, config), { now: NOW }).findings.find(
      (f) => f.principal === 'module.etl.aws_iam_role.loader' && f.category === 'privilege-escalation',
    );
    expect(finding?.message).toMatch(/\(suppression expired on 2026-11-26: the loader starts/);
  });
});

describe('baseline', () => {
  it('round trip: a baseline of a run suppresses every finding of the same input', () => {
    const first = runGuard(scan, only());
    expect(first.findings.length).toBe(3);
    const file = JSON.parse(JSON.stringify(createBaseline(first))) as unknown;
    const baseline = parseBaseline(file, 'iamgate-baseline.json');
    if (!baseline.ok) throw new Error('expected a valid baseline');
    const second = runGuard(scan, only(), { baseline: baseline.value });
    expect(second.findings).toEqual([]);
    expect(second.suppressed.map((f) => f.suppression.source)).toEqual(
      Array(3).fill('baseline: iamgate-baseline.json'),
    );
  });

  it('a new finding is not in the baseline', () => {
    const baseline = parseBaseline(createBaseline(runGuard(scan, only())), 'b.json');
    if (!baseline.ok) throw new Error('expected a valid baseline');
    const grown = input({
      principals: [
        ...scan.principals,
        role('aws_iam_role.new', [source('aws_iam_role_policy.new', doc(PASS_ANY_ROLE))]),
      ],
    });
    expect(runGuard(grown, only(), { baseline: baseline.value }).findings.map((f) => f.principal)).toEqual([
      'aws_iam_role.new',
    ]);
  });

  it.each([
    ['not an object', [], ''],
    ['a wrong version', { version: 2, findings: [] }, '/version'],
    [
      'a fingerprint that is not a digest',
      { version: 1, findings: [{ fingerprint: 'abc' }] },
      '/findings/0/fingerprint',
    ],
  ])('rejects a baseline that is %s', (_name, value, pointer) => {
    const result = parseBaseline(value, 'b.json');
    expect(result.ok ? undefined : result.issues[0]?.pointer).toBe(pointer);
  });
});

describe('thousands of suppressions', () => {
  const roles = Array.from({ length: 600 }, (_, i) =>
    role(`module.team${i}.aws_iam_role.app`, [source(`module.team${i}.aws_iam_role_policy.app`, doc(PASS_ANY_ROLE))]),
  );
  const listed = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    rule: 'privilege-escalation/pass-role-wildcard',
    target: `module.team${i}.aws_iam_role.app`,
    reason: `team ${i} hands its loader any role`,
    ...extra,
  });
  // Addresses of roles long gone, as a generated list keeps them, beside one entry per team.
  const config = {
    suppressions: [
      ...Array.from({ length: 20000 }, (_, i) => listed(i + 100000)),
      listed(7, { expires: '2026-01-31' }),
      {
        rule: 'privilege-escalation',
        target: 'module.team1*.aws_iam_role.*',
        reason: 'the team 1x roles share a loader',
      },
      ...roles.map((_, i) => listed(i)),
    ],
  } as unknown as GuardConfig;

  it('each finding is suppressed by the first entry that applies to it, expired entries passed over', () => {
    const result = runGuard(input({ principals: roles }), only(undefined, config), { now: NOW });
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toHaveLength(600);
    const reasonOf = new Map(result.suppressed.map((f) => [f.principal, f.suppression.reason]));
    expect(reasonOf.get('module.team7.aws_iam_role.app')).toBe('team 7 hands its loader any role');
    expect(reasonOf.get('module.team1.aws_iam_role.app')).toBe('the team 1x roles share a loader');
    expect(reasonOf.get('module.team12.aws_iam_role.app')).toBe('the team 1x roles share a loader');
    expect(reasonOf.get('module.team2.aws_iam_role.app')).toBe('team 2 hands its loader any role');
    expect(reasonOf.get('module.team199.aws_iam_role.app')).toBe('the team 1x roles share a loader');
    expect(reasonOf.get('module.team599.aws_iam_role.app')).toBe('team 599 hands its loader any role');
  });

  it('an expired entry, the only one that applies, is said on the finding it no longer suppresses', () => {
    const alone = {
      suppressions: [
        ...Array.from({ length: 20000 }, (_, i) => listed(i + 100000)),
        listed(7, { expires: '2026-01-31' }),
      ],
    } as unknown as GuardConfig;
    const result = runGuard(input({ principals: roles }), only(undefined, alone), { now: NOW });
    expect(result.suppressed).toEqual([]);
    const team7 = result.findings.filter((f) => f.principal === 'module.team7.aws_iam_role.app');
    expect(
      team7.map((f) => f.message.endsWith('(suppression expired on 2026-01-31: team 7 hands its loader any role)')),
    ).toEqual([true]);
    expect(result.findings.filter((f) => f.message.includes('suppression expired'))).toHaveLength(1);
  });
});

describe('thousands of glob suppressions sharing their literal start', () => {
  const address = (i: number): string => `module.app["team-${i % 7}"].aws_iam_role.r${i}_app`;
  const roles = Array.from({ length: 2000 }, (_, i) =>
    role(address(i), [source(`${address(i)}_policy`, doc(PASS_ANY_ROLE))]),
  );
  const entry = (target: string, reason: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    rule: 'privilege-escalation/pass-role-wildcard',
    target,
    reason,
    ...extra,
  });
  // Each told apart from the others only after a wildcard: by the text after it (`[*]...r3_app`)
  // or between two (`*.aws_iam_role.r4_*`).
  const config = {
    suppressions: [
      ...Array.from({ length: 4000 }, (_, i) => entry(`module.app[*].aws_iam_role.gone${i}`, `role ${i} was removed`)),
      entry('module.app[*].aws_iam_role.r5_app', 'role 5 until its rework', { expires: '2026-01-31' }),
      ...roles.flatMap((_, i) =>
        i % 3 === 0
          ? [entry(`module.app[*].aws_iam_role.r${i}_app`, `role ${i} in any team`)]
          : i % 3 === 1
            ? [entry(`module.*.aws_iam_role.r${i}_*`, `role ${i} in any module`)]
            : [],
      ),
      { rule: 'privilege-escalation', target: 'module.app["team-3"].aws_iam_role.*', reason: 'every role of team 3' },
    ],
  } as unknown as GuardConfig;
  const result = runGuard(input({ principals: roles }), only(undefined, config), { now: NOW });

  it('each finding is suppressed by the first entry whose glob matches it, whatever the entries share', () => {
    const reasonOf = new Map(result.suppressed.map((f) => [f.principal, f.suppression.reason]));
    const expected = (i: number): string | undefined =>
      i % 3 === 0
        ? `role ${i} in any team`
        : i % 3 === 1
          ? `role ${i} in any module`
          : i % 7 === 3
            ? 'every role of team 3'
            : undefined;
    for (let i = 0; i < roles.length; i++) expect([i, reasonOf.get(address(i))]).toEqual([i, expected(i)]);
    expect(result.findings.map((f) => f.principal)).toEqual(
      roles.flatMap((r, i) => (expected(i) === undefined ? [r.id] : [])).sort(),
    );
  });

  it('an expired entry among them is said on the finding it no longer suppresses', () => {
    const expired = result.findings.filter((f) => f.message.includes('suppression expired'));
    expect(
      expired.map((f) => [
        f.principal,
        f.message.endsWith('(suppression expired on 2026-01-31: role 5 until its rework)'),
      ]),
    ).toEqual([[address(5), true]]);
  });
});
