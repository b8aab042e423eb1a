import { defineRule } from '../rule';
import { isFullAccess } from '../data/grants';
import { ownerOf } from '../describe';

/** A permissions boundary that allows every action on every resource and denies nothing. */
export default defineRule({
  meta: {
    id: 'boundary/caps-nothing',
    description:
      'A permissions boundary allows every action on every resource (`"Action": "*"`, `"Resource": "*"`) with no deny: it caps nothing.',
    rationale:
      'A boundary only limits what it does not allow. One that allows everything satisfies a "boundary required" check while protecting nothing. Allow the services the workloads need and deny IAM changes that would remove or replace the boundary.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['boundary'] },
    messages: {
      capsNothing:
        '{{owner}} is used as a permissions boundary but allows every action on every resource and denies nothing',
    },
  },
  examples: {
    valid: [
      {
        name: 'a boundary of a few services',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'logs:*'], Resource: '*' }],
        },
      },
      {
        name: 'everything except changes to the boundary',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            {
              Effect: 'Deny',
              Action: ['iam:DeleteRolePermissionsBoundary', 'iam:CreatePolicyVersion'],
              Resource: '*',
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the AdministratorAccess document as a boundary',
        type: 'boundary',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        errors: [{ messageId: 'capsNothing', pointer: '/Statement/0' }],
      },
      {
        name: 'a broad allow next to narrow ones',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' },
            { Effect: 'Allow', Action: ['*'], Resource: ['*'] },
          ],
        },
        errors: [{ messageId: 'capsNothing', pointer: '/Statement/1' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const statements = subject.parsed.value.statements;
    const full = statements.find((s) => isFullAccess(s) && s.conditions.length === 0);
    if (full === undefined) return;
    if (statements.some((s) => s.effect === 'Deny')) return;
    context.report({ messageId: 'capsNothing', data: { owner: ownerOf(subject) }, statement: full });
  },
});
