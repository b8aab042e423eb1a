import { defineRule } from '../rule';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import { actionMatches } from '../statement-helpers';
import { listValues } from '../describe';
import { reachesResource } from '../trust/boundary';

// Each replaces or removes what a managed policy says for everyone it is attached to.
const EDITS = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'];
const V = '2012-10-17';
const BOUNDARY = 'arn:aws:iam::111122223333:policy/app-boundary';

/** A principal that can rewrite or delete the permissions boundary meant to cap it. */
export default defineRule({
  meta: {
    id: 'boundary/self-editable',
    description:
      'A role or user may change or delete its own permissions boundary policy, or an approved boundary (`iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`, `iam:DeletePolicy` on it).',
    rationale:
      'A boundary its principal can edit caps nothing: a new default version allowing `*` lifts it. Deny these actions on the boundary policies in every delegated principal (and in the boundary itself).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { principals: ['role', 'user'] },
    messages: {
      editsBoundary: '{{kind}} `{{principal}}` may change permissions boundary `{{boundary}}` with {{actions}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'policy versions of the team policies only',
        principal: { kind: 'role', name: 'team-admin', permissionsBoundary: BOUNDARY },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::111122223333:policy/team/*' },
          ],
        },
      },
      {
        name: 'every policy but the boundary, through a deny',
        principal: { kind: 'role', name: 'team-admin', permissionsBoundary: BOUNDARY },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: '*' },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'policy versions of every policy',
        principal: { kind: 'role', name: 'team-admin', permissionsBoundary: BOUNDARY },
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:*PolicyVersion', Resource: '*' }] },
        errors: [{ messageId: 'editsBoundary', pointer: '/Statement/0' }],
      },
      {
        name: 'an approved boundary deleted by a user without one',
        settings: { boundary: { allowed: [BOUNDARY] } },
        principal: { kind: 'user', name: 'ops' },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'iam:DeletePolicy', Resource: 'arn:aws:iam::*:policy/app-*' }],
        },
        errors: [{ messageId: 'editsBoundary' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const own = subject.principal.permissionsBoundary?.arn;
    const targets: PolicyValue[] = [...(own === undefined ? [] : [own]), ...(context.settings.boundary.allowed ?? [])];
    if (targets.length === 0) return;
    const open = EDITS.filter((a) => context.permissions.blockedEverywhere(a) !== 'yes');
    for (const policy of subject.identityPolicies) {
      if (!policy.parsed.ok) continue;
      for (const statement of policy.parsed.value.statements) {
        if (statement.effect !== 'Allow') continue;
        const actions = open.filter((a) => actionMatches(statement, a));
        const target = actions.length === 0 ? undefined : targets.find((t) => reachesResource(statement, t));
        if (target === undefined) continue;
        context.report({
          messageId: 'editsBoundary',
          data: {
            kind: subject.principal.kind,
            principal: subject.principal.id,
            boundary: valueToString(target),
            actions: listValues(actions),
          },
          statement,
          key: `${policy.source.id} ${statement.pointer}`,
          evidence: { boundary: valueToString(target), actions },
        });
      }
    }
  },
});
