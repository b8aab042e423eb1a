import { defineRule } from '../rule';
import type { PrincipalInput } from '../../analysis/input';
import type { BoundaryConfig } from '../../config/types';
import { matchPolicyValue } from '../../match/value';
import { isSymbolic, valueToString } from '../../model/symbolic';
import { compileGlob } from '../../config/glob';

/** A role or user without one of the permissions boundaries the configuration requires. */
export default defineRule({
  meta: {
    id: 'boundary/missing-required',
    description:
      'The configuration requires a permissions boundary (`boundary.required`) and a role or user in scope that the input creates has none, or one not among `boundary.allowed`. A role or user that exists outside the input (a Terraform policy attached to an existing role by name) is not judged: its boundary is set where it is created.',
    rationale:
      'A permissions boundary caps what a principal can ever be granted, so that teams may create roles without being able to exceed the platform limits. Attach one of the allowed boundary policies.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { principals: ['role', 'user'] },
    messages: {
      missing: '{{kind}} `{{principal}}` has no permissions boundary, and the configuration requires one',
      notAllowed:
        '{{kind}} `{{principal}}` has permissions boundary `{{boundary}}`, which is not among the allowed boundaries ({{allowed}})',
    },
  },
  examples: {
    valid: [
      {
        name: 'a role with an allowed boundary',
        settings: { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } },
        principal: { kind: 'role', name: 'app', permissionsBoundary: 'arn:aws:iam::111122223333:policy/app-boundary' },
      },
      {
        name: 'a role outside the scoped paths',
        settings: { boundary: { required: true, scope: { paths: ['/apps/*'] } } },
        principal: { kind: 'role', name: 'platform-admin', path: '/platform/' },
      },
    ],
    invalid: [
      {
        name: 'a role without a boundary',
        settings: { boundary: { required: true } },
        principal: { kind: 'role', name: 'app' },
        errors: [{ messageId: 'missing' }],
      },
      {
        name: 'a user with another boundary',
        settings: { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } },
        principal: { kind: 'user', name: 'ci', permissionsBoundary: 'arn:aws:iam::111122223333:policy/anything-goes' },
        errors: [{ messageId: 'notAllowed' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const config = context.settings.boundary;
    const { principal } = subject;
    // A principal the input does not create: its boundary, set where it is created, is not known.
    if (config.required !== true || principal.existing === true || !inScope(principal, config)) return;
    const data = { kind: principal.kind, principal: principal.id };
    const boundary = principal.permissionsBoundary;
    if (boundary === undefined) {
      context.report({ messageId: 'missing', data, key: 'missing' });
      return;
    }
    const allowed = config.allowed ?? [];
    if (allowed.length === 0) return;
    const answers = allowed.map((pattern) => matchPolicyValue(pattern, boundary.arn));
    if (answers.includes('match')) return;
    const shown = valueToString(boundary.arn);
    if (answers.includes('unknown')) {
      context.reportUnverifiable({
        reason: `the permissions boundary of ${principal.kind} \`${principal.id}\` is only known after deploy (\`${shown}\`), so it cannot be matched against the allowed boundaries`,
        values: [shown],
      });
      return;
    }
    context.report({
      messageId: 'notAllowed',
      data: { ...data, boundary: shown, allowed: allowed.map((a) => `\`${a}\``).join(', ') },
      key: 'not-allowed',
      evidence: { boundary: shown, allowed },
    });
  },
});

function inScope(principal: PrincipalInput, config: BoundaryConfig): boolean {
  const scope = config.scope;
  if (principal.kind === 'group') return false;
  if (scope === undefined) return true;
  if (scope.kinds && !scope.kinds.includes(principal.kind)) return false;
  if (scope.paths) {
    const path = principal.path ?? '/';
    if (!scope.paths.some((p) => globMatches(p, path))) return false;
  }
  for (const [key, pattern] of Object.entries(scope.tags ?? {})) {
    const value = principal.tags[key];
    // An unknown tag value could carry the tag: the requirement applies.
    if (value === undefined) return false;
    if (!isSymbolic(value) && !globMatches(pattern, value)) return false;
  }
  return true;
}

function globMatches(pattern: string, value: string): boolean {
  const glob = compileGlob(pattern);
  return glob.ok && glob.test(value);
}
