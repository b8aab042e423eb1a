import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths } from '../data/escalation-targets';

const V = '2012-10-17';

/** Escalation by creating or resetting the credentials of other IAM users. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/user-credentials',
    description:
      'An identity policy allows creating access keys or setting console passwords (`iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`) for any user.',
    rationale:
      'Whoever may create an access key or a password for another user can sign in as that user and use all of its permissions. Scope these actions to `${aws:username}` (self-service) or to the users a tool manages.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} can obtain the credentials of any user{{but}} with {{actions}} (escalation {{path}}){{why}}',
      targeted:
        '{{owner}} can obtain the credentials of {{target}}, which holds {{holds}}, with {{actions}} (escalation {{path}}){{why}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'self-service access keys',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:UpdateLoginProfile'],
              Resource: 'arn:aws:iam::111122223333:user/${aws:username}',
            },
          ],
        },
      },
      {
        name: 'listing users and their keys',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListAccessKeys'], Resource: '*' }],
        },
      },
    ],
    invalid: [
      {
        name: 'iam:CreateAccessKey on every user',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/*' }],
        },
        errors: [{ messageId: 'path', pointer: '/Statement/0' }],
      },
      {
        name: 'console passwords for anyone, through a wildcard',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:*LoginProfile', Resource: '*' }] },
        // Create and update both go through the one statement: one finding names them.
        errors: [{ messageId: 'path' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'user-credentials', { path: 'path' });
  },
  checkAccount(context, subject) {
    reportTargetedPaths(context, subject, 'user-credentials', 'targeted');
  },
});
