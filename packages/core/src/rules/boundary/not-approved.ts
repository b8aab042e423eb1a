import { defineRule } from '../rule';
import { valueToString } from '../../model/symbolic';
import { matchAnyBoundary } from '../trust/boundary';

/** A permissions boundary outside `boundary.allowed`, when boundaries are not required. */
export default defineRule({
  meta: {
    id: 'boundary/not-approved',
    description:
      'A role or user has a permissions boundary that is not among `boundary.allowed` (when `boundary.required` is on, `boundary/missing-required` reports this).',
    rationale:
      'An ad-hoc boundary may cap nothing. Use one of the approved boundaries, or add the new one to `boundary.allowed` after review. A boundary known only after deploy is matched by its policy path and name.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { principals: ['role', 'user'] },
    messages: {
      notApproved:
        '{{kind}} `{{principal}}` has permissions boundary `{{boundary}}`, which is not among the approved boundaries',
    },
  },
  examples: {
    valid: [
      {
        name: 'an approved boundary',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/boundaries/*'] } },
        principal: {
          kind: 'role',
          name: 'app',
          permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundaries/app',
        },
      },
      {
        name: 'no approved list: nothing to compare with',
        principal: { kind: 'role', name: 'app', permissionsBoundary: 'arn:aws:iam::111122223333:policy/anything' },
      },
      {
        name: 'a role without boundary is not this rule',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/boundaries/*'] } },
        principal: { kind: 'role', name: 'app' },
      },
    ],
    invalid: [
      {
        name: 'a boundary outside the approved path',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/boundaries/*'] } },
        principal: { kind: 'role', name: 'app', permissionsBoundary: 'arn:aws:iam::111122223333:policy/team/loose' },
        errors: [{ messageId: 'notApproved' }],
      },
      {
        name: 'a user with a boundary of another account',
        settings: { boundary: { allowed: ['arn:aws:iam::111122223333:policy/app-boundary'] } },
        principal: { kind: 'user', name: 'ci', permissionsBoundary: 'arn:aws:iam::999988887777:policy/app-boundary' },
        errors: [{ messageId: 'notApproved' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const config = context.settings.boundary;
    const allowed = config.allowed ?? [];
    const boundary = subject.principal.permissionsBoundary;
    if (config.required === true || allowed.length === 0 || boundary === undefined) return;
    const answer = matchAnyBoundary(allowed, boundary.arn);
    if (answer === 'match') return;
    const shown = valueToString(boundary.arn);
    const { kind, id } = subject.principal;
    if (answer === 'unknown') {
      context.reportUnverifiable({
        reason: `the permissions boundary of ${kind} \`${id}\` is only known after deploy (\`${shown}\`), so it cannot be matched against the approved boundaries`,
        values: [shown],
      });
      return;
    }
    context.report({
      messageId: 'notApproved',
      data: { kind, principal: id, boundary: shown },
      key: 'not-approved',
      evidence: { boundary: shown, allowed },
    });
  },
});
