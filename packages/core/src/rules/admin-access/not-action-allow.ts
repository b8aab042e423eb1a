import { defineRule } from '../rule';
import { actionMatches, appliesToNothing, coversEveryResource } from '../statement-helpers';
import { listValues, ownerOf } from '../describe';
import { ADMIN_ACTIONS } from '../data/grants';

/** An Allow with NotAction on every resource: every action of every service but a few. */
export default defineRule({
  meta: {
    id: 'admin-access/not-action-allow',
    description:
      'An identity policy allows every action except a list (`NotAction` in an Allow) on every resource, as the AWS managed `PowerUserAccess` does.',
    rationale:
      '`NotAction` in an Allow grants every action of every service not listed, including services and actions AWS adds later. Power users can still read every secret and delete every resource; if the list leaves the IAM actions that grant more and neither a permissions boundary nor a deny blocks them, they can grant themselves the rest. List the actions that are allowed instead.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      notAction: '{{owner}} is allowed every action except {{excluded}} on every resource (`NotAction` in an Allow)',
      notActionWithIam:
        '{{owner}} is allowed every action except {{excluded}} on every resource, IAM included: it can grant itself the rest',
    },
  },
  examples: {
    valid: [
      {
        name: 'NotAction holding * allows nothing',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: '*', Resource: '*' }] },
      },
      {
        name: 'NotAction in a deny',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: ['iam:*', 'sts:*'],
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        },
      },
      {
        name: 'NotAction on one bucket',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'] },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the PowerUserAccess document',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
            { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:ListRoles'], Resource: '*' },
          ],
        },
        errors: [{ messageId: 'notAction', pointer: '/Statement/0/NotAction' }],
      },
      {
        name: 'a NotAction that leaves IAM',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] },
        errors: [{ messageId: 'notActionWithIam' }],
      },
      {
        name: 'a NotAction that leaves IAM, under the PowerUserAccess boundary that does not',
        principal: { kind: 'role', name: 'ops', permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] },
        errors: [{ messageId: 'notAction' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      const action = statement.action;
      if (statement.effect !== 'Allow' || action === undefined || !action.negated) continue;
      if (!coversEveryResource(statement) || appliesToNothing(statement)) continue;
      // Every other service, future ones included, is granted: a NotAction that still leaves an
      // IAM action that grants more (one the boundary and denies do not block) is administrator
      // access in all but name, as admin-access/full-access reads `*`.
      const withIam = ADMIN_ACTIONS.iam.some(
        (a) => actionMatches(statement, a) && context.permissions.blockedEverywhere(a) !== 'yes',
      );
      context.report({
        messageId: withIam ? 'notActionWithIam' : 'notAction',
        data: { owner: ownerOf(subject), excluded: listValues(action.values) },
        statement,
        pointer: action.pointer,
        evidence: { excluded: action.values },
      });
    }
  },
});
