import { defineRule } from '../rule';
import type { ConditionClause, Statement } from '../../model/policy';
import { actionMatches, restrictingClauses } from '../statement-helpers';
import { coversAllResourcesOf } from '../data/grants';
import { listValues, ownerOf } from '../describe';
import { matchAnyBoundary } from '../trust/boundary';

// Actions that create or change a role or user; each accepts the `iam:PermissionsBoundary`
// condition key, so a delegation can require the approved boundary on them.
const PINNABLE = [
  'iam:CreateRole',
  'iam:CreateUser',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
];
// Removing a boundary is an escape whatever boundary the principal has now.
const REMOVING = ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'];
// A new trust policy on any role makes an unbounded role assumable; no boundary key applies.
const RETRUSTING = ['iam:UpdateAssumeRolePolicy'];

const V = '2012-10-17';

/** A principal that can create or change roles and users without being held to an approved boundary. */
export default defineRule({
  meta: {
    id: 'boundary/delegation-escape',
    description:
      "With permissions boundaries in use (`boundary.required` or `boundary.allowed`), an identity policy lets its principal create or change roles or users without an `iam:PermissionsBoundary` condition naming an approved boundary, remove a boundary, or rewrite any role's trust policy.",
    rationale:
      'Delegated IAM administration is only safe when every role or user the delegate creates or changes carries the approved boundary: otherwise it creates an unbounded role with more permissions and uses it. Add `"Condition": {"StringEquals": {"iam:PermissionsBoundary": "<approved boundary ARN>"}}` to these actions, and never allow `iam:Delete*PermissionsBoundary`.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      unpinned:
        '{{owner}} may call {{actions}} without an `iam:PermissionsBoundary` condition naming an approved boundary',
      removes: '{{owner}} may remove permissions boundaries ({{actions}})',
      retrusts: '{{owner}} may rewrite the trust policy of every role ({{actions}}) and assume unbounded ones',
    },
  },
  examples: {
    valid: [
      {
        name: 'role creation pinned to the approved boundary',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/app-boundary'] } },
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'],
              Resource: 'arn:aws:iam::111122223333:role/app/*',
              Condition: {
                StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
              },
            },
          ],
        },
      },
      {
        name: 'boundaries not in use: nothing to escape',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*' }] },
      },
      {
        name: 'a deny of boundary removal',
        settings: { boundary: { required: true } },
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'role creation without a boundary condition',
        settings: { boundary: { required: true } },
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:aws:iam::111122223333:role/app/*' }],
        },
        errors: [{ messageId: 'unpinned', pointer: '/Statement/0' }],
      },
      {
        name: 'a boundary condition naming an unapproved policy',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/app-boundary'] } },
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PutUserPolicy',
              Resource: '*',
              Condition: { StringLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/*' } },
            },
          ],
        },
        errors: [{ messageId: 'unpinned' }],
      },
      {
        name: 'IAM write through a wildcard, boundary removal included',
        settings: { boundary: { required: true } },
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:*Role*', Resource: '*' }] },
        errors: [{ messageId: 'unpinned' }, { messageId: 'removes' }, { messageId: 'retrusts' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const config = context.settings.boundary;
    const allowed = config.allowed ?? [];
    if (config.required !== true && allowed.length === 0) return;
    const owner = ownerOf(subject);
    const open = (statement: Statement, actions: readonly string[]): string[] =>
      actions.filter((a) => actionMatches(statement, a) && context.permissions.blockedEverywhere(a) !== 'yes');
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow') continue;
      const pinned = restrictingClauses(statement, ['iam:PermissionsBoundary']).some((c) => pinsApproved(c, allowed));
      const unpinned = pinned ? [] : open(statement, PINNABLE);
      if (unpinned.length > 0)
        context.report({
          messageId: 'unpinned',
          data: { owner, actions: listValues(unpinned) },
          statement,
          key: 'unpinned',
          evidence: { actions: unpinned },
        });
      const removes = open(statement, REMOVING);
      if (removes.length > 0)
        context.report({
          messageId: 'removes',
          data: { owner, actions: listValues(removes) },
          statement,
          key: 'removes',
          evidence: { actions: removes },
        });
      const retrusts = coversAllResourcesOf(statement) ? open(statement, RETRUSTING) : [];
      if (retrusts.length > 0)
        context.report({
          messageId: 'retrusts',
          data: { owner, actions: listValues(retrusts) },
          statement,
          key: 'retrusts',
          evidence: { actions: retrusts },
        });
    }
  },
});

/** Every value of the clause is an approved boundary (any concrete value when none is listed). */
function pinsApproved(clause: ConditionClause, allowed: readonly string[]): boolean {
  if (clause.baseOperator === 'StringLike' || clause.baseOperator === 'ArnLike') {
    // A pattern pins only when it names a single policy.
    if (clause.values.some((v) => typeof v === 'string' && /[*?]/.test(v))) return false;
  }
  return allowed.length === 0 || clause.values.every((v) => matchAnyBoundary(allowed, v) === 'match');
}
