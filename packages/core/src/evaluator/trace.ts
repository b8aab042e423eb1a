/** Human rendering of a decision and its trace. */
import type { Decision, EvaluationResult, MissingAllow, PolicyRef, StatementRef, Trace } from './types';

const REASONS: Record<Trace['reason'], string> = {
  'explicit-deny': 'an explicit deny applies',
  'allowed-by-identity': 'an identity policy allows it and every guardrail allows it',
  'allowed-by-resource-policy': 'the resource-based policy allows the principal',
  'allowed-by-identity-and-resource-policy': 'both the identity side and the resource-based policy allow it',
  'no-allow': 'no policy allows it',
  'guardrail-without-allow': 'a guardrail has no allow for it',
  'cross-account-needs-both':
    'a cross-account request needs an allow on both the identity side and in the resource-based policy',
  'resource-policy-required':
    'this resource type needs its resource-based policy to allow the account or the principal',
  'service-restriction': 'the resource is owned by AWS and cannot be changed',
  'credential-restriction': 'the temporary credentials of the principal cannot call this action',
  'always-allowed': 'the action needs no permission',
  'allowed-as-account-root': 'the account root user has full access to its own account',
  'root-cannot-assume-role': 'the account root user cannot assume a role',
};

/** One-line summary of a decision. */
export function describeDecision(decision: Decision, trace: Omit<Trace, 'summary'>): string {
  const first = trace.denies[0];
  if (decision === 'ExplicitlyDenied' && first) return `explicitly denied: ${describeStatement(first)} denies`;
  const gaps = trace.missingAllows.map(describeMissing);
  if (decision !== 'Allowed' && gaps.length) return `implicitly denied: ${REASONS[trace.reason]} (${gaps.join(', ')})`;
  return `${decision === 'Allowed' ? 'allowed' : 'implicitly denied'}: ${REASONS[trace.reason]}`;
}

/** Names a policy: `identity policy 0`, `SCP level 1 policy 0`, ... */
export function describePolicy(ref: PolicyRef): string {
  const id = ref.id !== undefined ? ` \`${ref.id}\`` : '';
  switch (ref.kind) {
    case 'identity':
      return `identity policy ${ref.index}${id}`;
    case 'boundary':
      return `permissions boundary${id}`;
    case 'session':
      return `session policy${id}`;
    case 'resource':
      return `resource-based policy${id}`;
    case 'scp':
      return `SCP level ${ref.level ?? 0} policy ${ref.index}${id}`;
    case 'rcp':
      return `RCP level ${ref.level ?? 0} policy ${ref.index}${id}`;
  }
}

/** Names a statement: its policy, pointer and Sid. */
export function describeStatement(ref: StatementRef): string {
  return `${describePolicy(ref.policy)} ${ref.pointer}${ref.sid !== undefined ? ` (Sid \`${ref.sid}\`)` : ''}`;
}

function describeMissing(m: MissingAllow): string {
  switch (m.kind) {
    case 'scp':
      return `no allow in SCP level ${m.level ?? 0}`;
    case 'rcp':
      return `no allow in RCP level ${m.level ?? 0}`;
    case 'boundary':
      return 'no allow in the permissions boundary';
    case 'session':
      return 'no allow in the session policy';
    case 'identity':
      return 'no allow in the identity policies';
    case 'resource':
      return 'no allow in the resource-based policy';
  }
}

/** Multi-line rendering: the decision first, then the statements, gaps and failed conditions. */
export function formatResult(result: EvaluationResult): string {
  const lines = [
    result.decision +
      (result.unknown ? ` (depends on values known only after deploy; at most ${result.mostAccess})` : ''),
  ];
  const trace = result.trace;
  if (trace) {
    lines.push(`  ${trace.summary}`);
    for (const d of trace.denies) lines.push(`  deny:  ${describeStatement(d)}`);
    for (const a of trace.allows) lines.push(`  allow: ${describeStatement(a)}`);
    for (const m of trace.missingAllows) lines.push(`  gap:   ${describeMissing(m)}`);
    for (const f of trace.failedConditions) {
      const got =
        f.requestValue === undefined ? 'the key is missing' : `the request has ${JSON.stringify(f.requestValue)}`;
      lines.push(`  condition failed: ${describeStatement(f.statement)} ${f.operator} \`${f.key}\`: ${got}`);
    }
  }
  for (const u of result.unknowns)
    lines.push(`  unknown: ${u.element} of ${describeStatement(u.statement)} at ${u.pointer}`);
  return lines.join('\n');
}
