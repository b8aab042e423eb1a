import { defineRule } from '../rule';
import { actionMatches, isRestrictingClause } from '../statement-helpers';
import type { Statement } from '../../model/policy';
import { constrainingClauses, coversAllResourcesFor, coversAllResourcesOf, isFullAccess } from '../data/grants';
import { listValues, ownerOf } from '../describe';
import { RESOURCE_POLICY_ACTIONS } from '../trust/resource-policy-actions';
import { confinedElsewhere } from '../data/boundary-scope';

const V = '2012-10-17';
const CREATE_GRANT = 'kms:CreateGrant';

// Keys that, tested positively, let only the requests an AWS service makes for the caller through
// (`kms:ViaService` and `kms:GrantIsForAWSResource` restrict on their own; these others say
// nothing of the resources, so the statement would otherwise be read as reaching every key).
const SERVICE_CHAIN_KEYS = new Set(['aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast']);

/** Whether a condition of the statement lets a request through only when an AWS service sends it. */
function onlyThroughServices(statement: Statement): boolean {
  return statement.conditions.some((c) => {
    const key = c.key.toLowerCase();
    if (!isRestrictingClause(c)) return false;
    if (SERVICE_CHAIN_KEYS.has(key)) return c.baseOperator !== 'Bool';
    return (
      key === 'aws:viaawsservice' &&
      c.baseOperator === 'Bool' &&
      c.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true')
    );
  });
}

/** Changing the resource policies of every resource of a type. */
export default defineRule({
  meta: {
    id: 'resource-exposure/policy-change',
    description:
      'An identity policy allows setting resource-based policies, ACLs or sharing attributes (`s3:PutBucketPolicy`, `sqs:SetQueueAttributes`, `kms:PutKeyPolicy`, `lambda:AddPermission`, ...) on every resource of their type.',
    rationale:
      "Whoever can write a resource policy can share the resource with any account or make it public, bypassing the review identity policies get. Grant these actions on the few resources the principal manages, or not at all outside the deployment role. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. So does an unconditional Deny of the principal's policies that refuses the action outside the resources it names in `NotResource`. Nor is `kms:CreateGrant` allowed only for requests an AWS service sends on the principal's behalf (`kms:GrantIsForAWSResource`, `kms:ViaService`, `aws:CalledVia`, `aws:ViaAWSService`): the service that encrypts the volume, database or table creates the grant for its own use of the key and names the grantee itself, so the principal cannot hand the key to another account that way.",
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
      {
        name: 'grants on every key only when a service creates them for the caller (`aws:CalledVia`, `kms:GrantIsForAWSResource`)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: CREATE_GRANT,
              Resource: '*',
              Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['dynamodb.amazonaws.com'] } },
            },
            {
              Effect: 'Allow',
              Action: CREATE_GRANT,
              Resource: '*',
              Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'grants on every key whenever the request does not come through a service (`ForAllValues` holds without one)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: CREATE_GRANT,
              Resource: '*',
              Condition: { 'ForAllValues:StringEquals': { 'aws:CalledVia': ['dynamodb.amazonaws.com'] } },
            },
          ],
        },
        errors: [{ messageId: 'policyChange', pointer: '/Statement/0' }],
      },
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
          !confinedElsewhere(subject, a) &&
          !(a === CREATE_GRANT && onlyThroughServices(statement)),
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
