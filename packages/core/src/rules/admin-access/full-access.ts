import { defineRule } from '../rule';
import { coversEveryResource } from '../statement-helpers';
import { ownerOf } from '../describe';

/** An Allow of every action on every resource: administrator access. */
export default defineRule({
  meta: {
    id: 'admin-access/full-access',
    description: 'An identity policy allows every action on every resource (`"Action": "*"` with `"Resource": "*"`).',
    rationale:
      'Administrator access lets the principal do anything in the account, including granting itself more. Grant the actions the workload calls on the resources it uses.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity', 'session'] },
    messages: {
      fullAccess: '{{owner}} is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`)',
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
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      const action = statement.action;
      if (statement.effect !== 'Allow' || action === undefined || action.negated) continue;
      if (!action.values.some((a) => a === '*' || a === '*:*')) continue;
      if (!coversEveryResource(statement)) continue;
      context.report({
        messageId: 'fullAccess',
        data: { owner: ownerOf(subject) },
        statement,
        evidence: { actions: ['*'] },
      });
    }
  },
});
