/**
 * The engine's {@link PermissionQueries} answered through the evaluator, so that rules read AWS
 * semantics (NotResource, NotAction, SCP levels, unknown values) instead of matching strings.
 */
import type { CompiledPolicySet } from '../evaluator/evaluate';
import { compilePolicySet, evaluate } from '../evaluator/evaluate';
import type { Policy, Statement } from '../model/policy';
import type { PolicySubject } from '../rules/rule';
import { widenDeny } from './effective';
import type { Answer, PermissionQueries } from './permissions';

/** Extra guardrails and identity of the principal, when the caller knows them. */
export interface EffectiveQueryOptions {
  /** One list per organization level, root first. */
  readonly scps?: readonly (readonly Policy[])[];
  /** The principal ARN (default: a role of `account`). */
  readonly principal?: string;
  readonly account?: string;
}

// Grants every action: stands for "the statement that grants it" when asking what else blocks it.
const ALLOW_ALL: Policy = {
  version: '2012-10-17',
  id: undefined,
  statements: [
    {
      sid: undefined,
      effect: 'Allow',
      action: { negated: false, values: ['*'], pointer: '/Statement/0/Action' },
      resource: { negated: false, values: ['*'], pointer: '/Statement/0/Resource' },
      principal: undefined,
      conditions: [],
      index: 0,
      pointer: '/Statement/0',
    },
  ],
};

function isUnconditionalDeny(statement: Statement): boolean {
  return statement.effect === 'Deny' && statement.conditions.length === 0;
}

/** Unconditional Denies only: a conditional Deny does not block every request. */
function unconditionalDenies(policy: Policy): Policy {
  return { ...policy, statements: policy.statements.filter(isUnconditionalDeny).map(widenDeny) };
}

/** Allows without conditions (some context satisfies them), conditional Denies dropped. */
function relaxed(policy: Policy): Policy {
  const statements: Statement[] = [];
  for (const s of policy.statements) {
    if (s.conditions.length === 0) statements.push(widenDeny(s));
    else if (s.effect === 'Allow') statements.push({ ...s, conditions: [] });
  }
  return { ...policy, statements };
}

/** Answers for a principal from its identity policies, boundary and (optionally) SCPs, through the evaluator. */
export function effectivePermissionQueries(
  identity: readonly PolicySubject[],
  boundary: PolicySubject | undefined,
  options: EffectiveQueryOptions = {},
): PermissionQueries {
  const account = options.account ?? '123456789012';
  const principal = options.principal ?? `arn:aws:iam::${account}:role/iamgate-effective-principal`;
  const boundaryUnreadable = boundary !== undefined && !boundary.parsed.ok;
  let compiled: CompiledPolicySet | undefined;
  const policies = (): CompiledPolicySet => {
    if (compiled === undefined) {
      const denies = identity.flatMap((s) => (s.parsed.ok ? [unconditionalDenies(s.parsed.value)] : []));
      compiled = compilePolicySet({
        identityPolicies: [ALLOW_ALL, ...denies],
        permissionsBoundary: boundary?.parsed.ok ? relaxed(boundary.parsed.value) : undefined,
        serviceControlPolicies: options.scps?.map((level) => level.map(relaxed)),
      });
    }
    return compiled;
  };
  // Most principals have no unconditional Deny, no boundary and no SCP: then nothing but the
  // granting statement decides, and no action is blocked (the evaluator would say so after
  // compiling the policies; a scan asks this of every principal).
  const nothingBlocks =
    boundary === undefined &&
    options.scps === undefined &&
    identity.every((s) => !s.parsed.ok || !s.parsed.value.statements.some((t) => isUnconditionalDeny(t)));
  // A new object each time: callers key per-principal caches by it.
  if (nothingBlocks) return { blockedEverywhere: () => 'no' };
  const answers = new Map<string, Answer>();
  return {
    blockedEverywhere(action) {
      const key = action.toLowerCase();
      let answer = answers.get(key);
      if (answer === undefined) {
        // `*` asks whether ANY resource is allowed: blocked everywhere means none is.
        const result = evaluate({ principal, action, resource: '*', resourceAccount: account }, policies());
        if (result.decision === 'Allowed') answer = boundaryUnreadable ? 'unknown' : 'no';
        else if (result.mostAccess === 'Allowed') answer = 'unknown';
        else answer = 'yes';
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
