/**
 * A request for a set of resources (`arn:aws:s3:::b/*`) asks whether ANY of them is allowed. Checked
 * against brute force: every resource of the set up to a length, each evaluated on its own. The set
 * is Allowed when one of them is; otherwise it is as allowed as the most allowed resource that an
 * identity or resource-based Allow grants, or as its most allowed resource when none is granted.
 */
import fc from 'fast-check';
import { evaluate } from '@iamgate/core';
import type { Decision, EvaluationRequest, Policy, PolicySet } from '@iamgate/core';
import { parsePolicy } from '@iamgate/core';

const PREFIX = 'arn:aws:s3:::';
const PRINCIPAL = 'arn:aws:iam::123456789012:role/app';

/** Every key over `a`, `b`, `/` and `c` (which no pattern writes) up to `max` characters. */
function keys(max: number): string[] {
  const out = [''];
  let layer = [''];
  for (let len = 1; len <= max; len++) {
    layer = layer.flatMap((s) => ['a', 'b', '/', 'c'].map((c) => s + c));
    out.push(...layer);
  }
  return out;
}
const ALL_KEYS = keys(5);

const keyPattern = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?'), minLength: 1, maxLength: 3 });

interface StatementSpec {
  readonly deny: boolean;
  readonly not: boolean;
  readonly keys: readonly string[];
}

const statementArb = fc.record({
  deny: fc.boolean(),
  not: fc.boolean(),
  keys: fc.array(keyPattern, { minLength: 1, maxLength: 2 }),
});

function policy(statements: readonly StatementSpec[], allowOnly = false, principal?: string): Policy {
  const parsed = parsePolicy({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Effect: s.deny && !allowOnly ? 'Deny' : 'Allow',
      ...(principal !== undefined ? { Principal: principal === '*' ? '*' : { AWS: principal } } : {}),
      Action: 's3:GetObject',
      [s.not ? 'NotResource' : 'Resource']: s.keys.map((k) => PREFIX + k),
    })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const setArb = fc.record({
  set: fc.constantFrom('*', 'a*', '*b', 'a/*', '?*'),
  identity: fc.array(statementArb, { minLength: 1, maxLength: 3 }),
  boundary: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  scp: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  bucketPolicy: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  rcp: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  principal: fc.constantFrom(PRINCIPAL, 'arn:aws:iam::123456789012:root', 'arn:aws:iam::210987654321:role/partner'),
});

const rank = (d: Decision): number => (d === 'Allowed' ? 0 : d === 'ImplicitlyDenied' ? 1 : 2);

describe('a request for a set of resources', () => {
  it('is decided as the most allowed of its resources, each asked on its own', () => {
    fc.assert(
      fc.property(setArb, ({ set, identity, boundary, scp, bucketPolicy, rcp, principal }) => {
        const root = principal.endsWith(':root');
        const policies: PolicySet = {
          // No identity policy or boundary can be attached to the root user.
          identityPolicies: root ? [] : [policy(identity)],
          ...(boundary && !root ? { permissionsBoundary: policy(boundary, true) } : {}),
          ...(bucketPolicy ? { resourcePolicy: policy(bucketPolicy, false, principal) } : {}),
          // An RCP level: the allow-all RCP AWS attaches, and Denies the case draws.
          ...(rcp
            ? {
                resourceControlPolicies: [
                  [policy([{ deny: false, not: false, keys: ['*'] }], true, '*'), policy(rcp, false, '*')],
                ],
              }
            : {}),
          // An SCP level: what the case draws, beside an Allow of everything.
          ...(scp ? { serviceControlPolicies: [[policy([...scp, { deny: false, not: false, keys: ['*'] }])]] } : {}),
        };
        const request = (resource: string): EvaluationRequest => ({
          principal,
          action: 's3:GetObject',
          resource,
          resourceAccount: '123456789012',
        });
        let expected: Decision = 'ExplicitlyDenied';
        let anyKey: Decision = 'ExplicitlyDenied';
        let granted = false;
        const pattern = new RegExp('^' + set.replaceAll('*', '.*').replaceAll('?', '.') + '$');
        for (const key of ALL_KEYS) {
          if (!pattern.test(key)) continue;
          const one = evaluate(request(PREFIX + key), policies, { trace: true, deriveContextKeys: false });
          const grants =
            (root && one.trace?.reason !== 'cross-account-needs-both') ||
            (one.trace?.allows ?? []).some((a) => a.policy.kind === 'identity' || a.policy.kind === 'resource');
          if (one.decision === 'Allowed') {
            expected = 'Allowed';
            break;
          }
          if (rank(one.decision) < rank(anyKey)) anyKey = one.decision;
          if (!grants) continue;
          if (!granted || rank(one.decision) < rank(expected)) expected = one.decision;
          granted = true;
        }
        if (!granted && expected !== 'Allowed') expected = anyKey;
        const answer = evaluate(request(PREFIX + set), policies, { deriveContextKeys: false });
        expect(answer.decision).toBe(expected);
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });
});
