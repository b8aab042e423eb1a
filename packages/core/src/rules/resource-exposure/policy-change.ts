import { defineRule } from '../rule';
import { actionMatches } from '../statement-helpers';
import { constrainingClauses, coversAllResourcesFor, coversAllResourcesOf, isFullAccess } from '../data/grants';
import { listValues, ownerOf } from '../describe';
import { RESOURCE_POLICY_ACTIONS } from '../trust/resource-policy-actions';
import { confinedElsewhere } from '../data/boundary-scope';

const V = '2012-10-17';

/** Changing the resource policies of every resource of a type. */
export default defineRule({
  meta: {
    id: 'resource-exposure/policy-change',
    description:
      'An identity policy allows setting resource-based policies, ACLs or sharing attributes (`s3:PutBucketPolicy`, `sqs:SetQueueAttributes`, `kms:PutKeyPolicy`, `lambda:AddPermission`, ...) on every resource of their type.',
    rationale:
      "Whoever can write a resource policy can share the resource with any account or make it public, bypassing the review identity policies get. Grant these actions on the few resources the principal manages, or not at all outside the deployment role. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. So does an unconditional Deny of the principal's policies that refuses the action outside the resources it names in `NotResource`.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      policyChange:
        '{{owner}} may change the resource policies of every resource with {{actions}}: it can share them with any account',
    },
  },
  examples: {
    valid: [
      {
        name: 'a bucket policy of one bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::site' }],
        },
      },
      {
        name: 'queue attributes of queues tagged for the team',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sqs:SetQueueAttributes',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'key policies of every key',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['kms:PutKeyPolicy', 'kms:Encrypt'], Resource: '*' }],
        },
        errors: [{ messageId: 'policyChange', pointer: '/Statement/0' }],
      },
      {
        name: 'every bucket and function through wildcards',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 's3:PutBucket*', Resource: 'arn:aws:s3:::*' },
            { Effect: 'Allow', Action: 'lambda:Add*', Resource: 'arn:aws:lambda:*:111122223333:function:*' },
          ],
        },
        errors: [{ messageId: 'policyChange' }, { messageId: 'policyChange' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      // Every action on every resource is admin-access/full-access.
      if (statement.effect !== 'Allow' || !coversAllResourcesOf(statement) || isFullAccess(statement)) continue;
      if (constrainingClauses(statement).length > 0) continue;
      const actions = RESOURCE_POLICY_ACTIONS.filter(
        (a) =>
          actionMatches(statement, a) &&
          coversAllResourcesFor(statement, a) &&
          context.permissions.blockedEverywhere(a) !== 'yes' &&
          !confinedElsewhere(subject, a),
      );
      if (actions.length === 0) continue;
      context.report({
        messageId: 'policyChange',
        data: { owner: ownerOf(subject), actions: listValues(actions) },
        statement,
        evidence: { actions },
      });
    }
  },
});
