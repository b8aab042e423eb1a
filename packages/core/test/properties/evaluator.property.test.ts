/**
 * Properties of request evaluation that hold whatever the policies say: a Deny never grants, an
 * identity Allow never takes away (without guardrails), guardrails (boundary, SCP level) never
 * widen, and the answer depends neither on statement order nor on the run.
 *
 * Policies are drawn from a small alphabet of actions, resources and one condition key, so that
 * generated statements often apply to the request; each property checks that its cases reached
 * both outcomes in a good share (a property that only ever saw denials proves nothing).
 */
import fc from 'fast-check';
import { compilePolicySet, evaluate, parsePolicy } from '@iamgate/core';
import type { Decision, EvaluationRequest, Policy, PolicySet } from '@iamgate/core';

const A = '123456789012';
const RUNS = 250;

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:PassRole'];
const ACTION_PATTERNS = ['s3:GetObject', 's3:*', 's3:Get*', '*', 'iam:PassRole', 's3:PutObject', 'S3:GETOBJECT'];
const RESOURCES = ['arn:aws:s3:::b/k', 'arn:aws:s3:::c/k', `arn:aws:iam::${A}:role/r`];
const RESOURCE_PATTERNS = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/*', 'arn:aws:s3:::*/k', `arn:aws:iam::${A}:role/*`];

type Doc = { Version: string; Statement: Record<string, unknown>[] };

const oneOrMore = (values: string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));

const condition = fc.option(
  fc.record({
    op: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringEqualsIfExists', 'Null'),
    value: fc.constantFrom('red', 'blue', 'r*', 'true', 'false'),
  }),
  { nil: undefined, freq: 3 },
);

const statementOf = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc
    .record({
      Effect: effect,
      negateAction: fc.boolean(),
      Action: oneOrMore(ACTION_PATTERNS),
      negateResource: fc.boolean(),
      Resource: oneOrMore(RESOURCE_PATTERNS),
      condition,
    })
    .map(({ Effect, negateAction, Action, negateResource, Resource, condition: c }) => {
      const s: Record<string, unknown> = { Effect };
      // NotAction and NotResource only now and then, so that most statements say what they grant.
      s[negateAction && Action !== '*' ? 'NotAction' : 'Action'] = Action;
      s[negateResource && Resource !== '*' && typeof Resource === 'string' ? 'NotResource' : 'Resource'] = Resource;
      if (c) s['Condition'] = { [c.op]: { 'aws:PrincipalTag/team': c.value } };
      return s;
    });

const anyStatement = statementOf(fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'));
const allowStatement = statementOf(fc.constant('Allow'));
const denyStatement = statementOf(fc.constant('Deny'));
const doc = (statement = anyStatement, min = 0): fc.Arbitrary<Doc> =>
  fc.array(statement, { minLength: min, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

const request: fc.Arbitrary<EvaluationRequest> = fc.record({
  principal: fc.constantFrom(`arn:aws:iam::${A}:user/dana`, `arn:aws:iam::${A}:role/app`),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  resourceAccount: fc.constant(A),
  context: fc.oneof(
    fc.constant({}),
    fc.constantFrom('red', 'blue').map((team) => ({ 'aws:PrincipalTag/team': team })),
  ),
});

interface Docs {
  identity: Doc[];
  boundary: Doc | undefined;
  session: Doc | undefined;
  scps: Doc[][] | undefined;
}

const withStatement = (d: Doc, s: Record<string, unknown>, at: number): Doc => {
  const i = at % (d.Statement.length + 1);
  return { ...d, Statement: [...d.Statement.slice(0, i), s, ...d.Statement.slice(i)] };
};

/** Guardrails let most through (as they do in practice), else nearly every case ends denied. */
const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const guardrail: fc.Arbitrary<Doc> = fc.oneof(
  fc.tuple(doc(anyStatement, 0), fc.nat()).map(([d, at]) => withStatement(d, ALLOW_ALL, at)),
  doc(allowStatement, 1),
);
const scpLevel = fc.array(guardrail, { minLength: 1, maxLength: 2 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const docs: fc.Arbitrary<Docs> = fc.record({
  identity: fc.array(doc(anyStatement, 1), { minLength: 1, maxLength: 3 }),
  boundary: maybe(guardrail),
  session: maybe(guardrail),
  scps: maybe(fc.array(scpLevel, { minLength: 1, maxLength: 2 })),
});
const identityOnly: fc.Arbitrary<Docs> = fc.record({
  identity: fc.array(doc(anyStatement, 1), { minLength: 1, maxLength: 3 }),
  boundary: fc.constant(undefined),
  session: fc.constant(undefined),
  scps: fc.constant(undefined),
});

function policy(d: Doc): Policy {
  const parsed = parsePolicy(d);
  if (!parsed.ok) throw new Error(`generated policy does not parse: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.value;
}

function policySet(d: Docs): PolicySet {
  return {
    identityPolicies: d.identity.map(policy),
    permissionsBoundary: d.boundary && policy(d.boundary),
    sessionPolicy: d.session && policy(d.session),
    serviceControlPolicies: d.scps?.map((level) => level.map(policy)),
  };
}

function decide(r: EvaluationRequest, d: Docs): Decision {
  const result = evaluate(r, policySet(d));
  // No value is symbolic here, so the bounds must agree.
  expect(result.unknown).toBe(false);
  expect(result.mostAccess).toBe(result.decision);
  return result.decision;
}

/** Counts outcomes so that a property can prove it was exercised both ways. */
class Tally {
  allowed = 0;
  denied = 0;
  add(d: Decision): void {
    if (d === 'Allowed') this.allowed++;
    else this.denied++;
  }
  expectBothWays(minShare = 0.1): void {
    const total = this.allowed + this.denied;
    expect(this.allowed / total).toBeGreaterThan(minShare);
    expect(this.denied / total).toBeGreaterThan(minShare);
  }
}

describe('evaluate properties', () => {
  it('adding a Deny statement never turns a denied request into an allowed one', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(request, docs, denyStatement, fc.nat(), fc.boolean(), (r, d, deny, at, newPolicy) => {
        const before = decide(r, d);
        tally.add(before);
        const first = d.identity[0] as Doc;
        const identity = newPolicy
          ? [...d.identity, { Version: '2012-10-17', Statement: [deny] }]
          : [withStatement(first, deny, at), ...d.identity.slice(1)];
        const after = decide(r, { ...d, identity });
        if (after === 'Allowed') expect(before).toBe('Allowed');
        if (before === 'ExplicitlyDenied') expect(after).toBe('ExplicitlyDenied');
      }),
      { numRuns: RUNS },
    );
    tally.expectBothWays();
  });

  it('adding an identity Allow without boundary, SCP or session policy never denies an allowed request', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(request, identityOnly, allowStatement, fc.nat(), (r, d, allow, at) => {
        const before = decide(r, d);
        tally.add(before);
        const after = decide(r, {
          ...d,
          identity: [withStatement(d.identity[0] as Doc, allow, at), ...d.identity.slice(1)],
        });
        if (before === 'Allowed') expect(after).toBe('Allowed');
        // An Allow cannot remove an explicit deny either.
        if (before === 'ExplicitlyDenied') expect(after).toBe('ExplicitlyDenied');
      }),
      { numRuns: RUNS },
    );
    tally.expectBothWays();
  });

  it('a permissions boundary never widens: allowed with it implies allowed without it', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(request, docs, guardrail, (r, d, boundary) => {
        const without = decide(r, { ...d, boundary: undefined });
        const withBoundary = decide(r, { ...d, boundary });
        tally.add(withBoundary);
        if (withBoundary === 'Allowed') expect(without).toBe('Allowed');
      }),
      { numRuns: RUNS },
    );
    tally.expectBothWays();
  });

  it('an added SCP level never widens', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(request, docs, scpLevel, (r, d, level) => {
        const without = decide(r, d);
        const withLevel = decide(r, { ...d, scps: [...(d.scps ?? []), level] });
        tally.add(withLevel);
        if (withLevel === 'Allowed') expect(without).toBe('Allowed');
      }),
      { numRuns: RUNS },
    );
    tally.expectBothWays();
  });

  it('is deterministic and independent of statement and policy order', () => {
    const tally = new Tally();
    const permutation = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
    fc.assert(
      fc.property(request, docs, fc.infiniteStream(fc.nat()), (r, d, stream) => {
        const base = decide(r, d);
        tally.add(base);
        const set = policySet(d);
        expect(evaluate(r, set).decision).toBe(base);
        expect(evaluate(r, compilePolicySet(set)).decision).toBe(base);
        const seeds = stream.take(20)[Symbol.iterator]();
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const seed = (seeds.next().value as number | undefined) ?? 0;
          const order = fc.sample(permutation(xs.length), { seed, numRuns: 1 })[0] ?? [];
          return order.map((i) => xs[i] as T);
        };
        const shuffleDoc = (x: Doc): Doc => ({ ...x, Statement: shuffle(x.Statement) });
        const reordered: Docs = {
          identity: shuffle(d.identity.map(shuffleDoc)),
          boundary: d.boundary && shuffleDoc(d.boundary),
          session: d.session && shuffleDoc(d.session),
          scps: d.scps?.map((level) => shuffle(level.map(shuffleDoc))),
        };
        expect(decide(r, reordered)).toBe(base);
      }),
      { numRuns: RUNS },
    );
    tally.expectBothWays();
  });
});
