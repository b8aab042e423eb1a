import type { PolicySubject } from '../rule';
import type { Statement } from '../../model/policy';
import { defineRule } from '../rule';
import { actionMatches, coversEveryResource } from '../statement-helpers';
import { ADMIN_ACTIONS } from '../data/grants';
import { listValues, ownerOf } from '../describe';
import { valueToString } from '../../model/symbolic';

/** An Allow of every action on every resource: administrator access. */
export default defineRule({
  meta: {
    id: 'admin-access/full-access',
    description: 'An identity policy allows every action on every resource (`"Action": "*"` with `"Resource": "*"`).',
    rationale:
      "Administrator access lets the principal do anything in the account, including granting itself more. Grant the actions the workload calls on the resources it uses. Under a permissions boundary (or unconditional denies) that blocks every IAM action that grants more (attaching, writing and versioning policies, trust changes, `iam:PassRole`, other users' credentials, removing the boundary), the grant is still reported, as capped: the principal may do anything the boundary allows, but not grant itself the rest.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      fullAccess: '{{owner}} is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`)',
      fullAccessBut:
        '{{owner}} is allowed every action on every resource but {{excluded}} (`"Action": "*"` with `NotResource`)',
      fullAccessCapped:
        '{{owner}} is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`), capped by {{cap}}: it cannot grant itself more through IAM{{remaining}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'every action on one bucket is not administrator access',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'] }],
        },
      },
      {
        name: 'a deny of everything',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
      },
    ],
    invalid: [
      {
        name: 'the AdministratorAccess document',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        errors: [{ messageId: 'fullAccess', pointer: '/Statement/0' }],
      },
      {
        name: 'every action on every resource but the audit bucket, written with `NotResource`',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::audit-logs/*' }],
        },
        errors: [{ messageId: 'fullAccessBut', pointer: '/Statement/0' }],
      },
      {
        name: 'every action on every resource, behind a narrower statement',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' },
            { Sid: 'Break', Effect: 'Allow', Action: ['*'], Resource: ['*'] },
          ],
        },
        errors: [{ messageId: 'fullAccess', pointer: '/Statement/1' }],
      },
      {
        name: 'AdministratorAccess under the PowerUserAccess boundary (delegated administration)',
        principal: { kind: 'role', name: 'team-admin', permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        errors: [{ messageId: 'fullAccessCapped', pointer: '/Statement/0' }],
      },
      {
        name: 'every action, with a deny of every IAM and Organizations action',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' },
          ],
        },
        errors: [{ messageId: 'fullAccessCapped', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const blocked = (a: string): boolean => context.permissions.blockedEverywhere(a) === 'yes';
    for (const statement of subject.parsed.value.statements) {
      const action = statement.action;
      if (statement.effect !== 'Allow' || action === undefined || action.negated) continue;
      if (!action.values.some((a) => a === '*' || a === '*:*')) continue;
      if (!coversEveryResource(statement)) continue;
      // Capped only when every IAM action that grants more is certainly blocked: an unreadable
      // boundary or a value unknown before deploy answers `unknown` and keeps the plain message.
      if (ADMIN_ACTIONS.iam.every(blocked)) {
        const open = [...ADMIN_ACTIONS.sts, ...ADMIN_ACTIONS.organizations].filter((a) => !blocked(a));
        const cap = capOf(subject);
        context.report({
          messageId: 'fullAccessCapped',
          data: {
            owner: ownerOf(subject),
            cap,
            remaining: open.length > 0 ? `, but may still use ${listValues(open)}` : '',
          },
          statement,
          evidence: { actions: ['*'], cappedBy: cap, stillAllowed: open },
        });
        continue;
      }
      // `NotResource` quoted as written: `"Resource": "*"` would misquote the document.
      const resource = statement.resource;
      if (resource?.negated === true) {
        context.report({
          messageId: 'fullAccessBut',
          data: { owner: ownerOf(subject), excluded: listValues(resource.values.map((v) => valueToString(v))) },
          statement,
          evidence: { actions: ['*'] },
        });
        continue;
      }
      context.report({
        messageId: 'fullAccess',
        data: { owner: ownerOf(subject) },
        statement,
        evidence: { actions: ['*'] },
      });
    }
  },
});

/** What blocks the IAM actions: the principal's boundary, a deny of its own policies, or both. */
function capOf(subject: PolicySubject): string {
  const boundary = subject.principal?.permissionsBoundary?.policy;
  const denies: Statement[] = [];
  for (const policy of subject.identityPolicies ?? [subject]) {
    if (!policy.parsed.ok) continue;
    for (const s of policy.parsed.value.statements) {
      if (s.effect === 'Deny' && s.conditions.length === 0 && coversEveryResource(s)) denies.push(s);
    }
  }
  const denied = (a: string): boolean => denies.some((s) => actionMatches(s, a));
  if (boundary === undefined || boundary.document === undefined || ADMIN_ACTIONS.iam.every(denied)) return 'a deny';
  const named = `its permissions boundary \`${boundary.name}\``;
  return ADMIN_ACTIONS.iam.some(denied) ? `${named} and a deny` : named;
}
