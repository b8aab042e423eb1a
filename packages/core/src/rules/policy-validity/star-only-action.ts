import { defineRule } from '../rule';
import { getAction } from '../../catalog/actions';
import { distinctValues, isEveryResource } from '../statement-helpers';
import { listValues } from '../describe';
import { ACTION_FORM, catalogKnowsActions, isAwsManaged } from '../validity/common';

/** Actions without resource types, given specific ARNs. */
export default defineRule({
  meta: {
    id: 'policy-validity/star-only-action',
    description:
      'An action that has no resource types in the Service Authorization Reference (`s3:ListAllMyBuckets`, `logs:DescribeLogGroups`) given only specific ARNs instead of `"Resource": "*"`.',
    rationale:
      'AWS authorizes these actions against `*`; a specific ARN does not match it, so the action is likely not granted. AWS\'s own managed policies scope many such actions to ARNs, and some services check them anyway, hence a suggestion, not a warning: give the action its own statement with `"Resource": "*"`.',
    defaultSeverity: 'info',
    recommended: false,
    appliesTo: { resources: true },
    messages: {
      onlyStar: '`{{action}}` only accepts `"Resource": "*"`; {{resources}} likely grants it nothing',
    },
  },
  examples: {
    valid: [
      {
        name: 'actions without resource types on `*`',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'sts:GetCallerIdentity'], Resource: '*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
          ],
        },
      },
      {
        name: 'a pattern that also stands for actions with resource types',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: 'arn:aws:s3:::reports' }],
        },
      },
    ],
    invalid: [
      {
        name: 's3:ListAllMyBuckets on one bucket',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:ListBucket'], Resource: 'arn:aws:s3:::reports' },
          ],
        },
        errors: [{ messageId: 'onlyStar', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'sts:GetCallerIdentity on a role ARN',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: 'arn:aws:iam::111122223333:role/app' },
          ],
        },
        errors: [{ messageId: 'onlyStar' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject) || !catalogKnowsActions(context.catalog)) return;
    for (const statement of subject.parsed.value.statements) {
      const { action: actions, resource: resources } = statement;
      if (actions === undefined || actions.negated || resources === undefined || resources.negated) continue;
      // A value known after deploy may be `*`; only ARNs written out are judged.
      if (resources.values.some((v) => typeof v !== 'string' || isEveryResource(v))) continue;
      for (const pattern of distinctValues(actions.values)) {
        if (pattern === '*' || !ACTION_FORM.test(pattern)) continue;
        const expanded = context.catalog.expand(pattern);
        if (expanded === undefined || !expanded.every((a) => getAction(a)?.wildcardOnly === true)) continue;
        context.report({
          messageId: 'onlyStar',
          data: { action: pattern, resources: listValues(resources.values.map(String)) },
          statement,
          pointer: actions.pointer,
          key: pattern,
          evidence: { actions: [pattern] },
        });
      }
    }
  },
});
