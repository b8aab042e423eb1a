import { defineRule } from '../rule';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';
import { actionCovers, valueCovers } from '../validity/coverage';
import { isAwsManaged } from '../validity/common';

/** Values of one element that another value of the same element already covers. */
export default defineRule({
  meta: {
    id: 'policy-validity/redundant-value',
    description:
      'An Action or Resource value that another value of the same statement already covers (`s3:GetObject` beside `s3:Get*`, an object ARN beside `bucket/*`).',
    rationale:
      'A covered value changes nothing; it makes the statement look narrower or wider than it is and hides which value grants the access. Remove it, or narrow the wider value if the narrow one was meant.',
    defaultSeverity: 'info',
    recommended: false,
    appliesTo: { resources: true },
    messages: {
      redundantAction: 'action `{{value}}` is already covered by `{{by}}` in the same statement',
      redundantResource: 'resource `{{value}}` is already covered by `{{by}}` in the same statement',
    },
  },
  examples: {
    valid: [
      {
        name: 'distinct actions and resources',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: ['arn:aws:s3:::reports/*', 'arn:aws:s3:::exports/*'],
            },
          ],
        },
      },
      {
        name: 'a bucket and its objects are different resources',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'an action inside a prefix wildcard',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:GetObject'], Resource: 'arn:aws:s3:::reports/*' }],
        },
        errors: [{ messageId: 'redundantAction', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'an object ARN inside a wider pattern, and a repeated value',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: ['arn:aws:s3:::reports/2026/*', 'arn:aws:s3:::reports/*', 'arn:aws:s3:::reports/*'],
            },
          ],
        },
        errors: [{ messageId: 'redundantResource' }, { messageId: 'redundantResource' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      const { action, resource } = statement;
      // Large lists (hundreds of ARNs) would cost a quadratic comparison for a suggestion.
      if (action !== undefined && action.values.length <= 200) {
        for (const [value, by] of redundant(action.values, (w, n) => actionCovers(context.catalog, w, n))) {
          context.report({
            messageId: 'redundantAction',
            data: { value, by },
            statement,
            pointer: action.pointer,
            key: `action ${value}`,
          });
        }
      }
      if (resource !== undefined && resource.values.length <= 200) {
        for (const [value, by] of redundant(resource.values, valueCovers)) {
          context.report({
            messageId: 'redundantResource',
            data: { value: valueToString(value), by: valueToString(by) },
            statement,
            pointer: resource.pointer,
            key: `resource ${valueToString(value)}`,
          });
        }
      }
    }
  },
});

/** Each value covered by another one; of two equal values, the later is the redundant one. */
function redundant<T extends PolicyValue>(values: readonly T[], covers: (wide: T, narrow: T) => boolean): [T, T][] {
  const found: [T, T][] = [];
  values.forEach((narrow, i) => {
    const by = values.find((wide, j) => j !== i && covers(wide, narrow) && (j < i || !covers(narrow, wide)));
    if (by !== undefined) found.push([narrow, by]);
  });
  return found;
}
