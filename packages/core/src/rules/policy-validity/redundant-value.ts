import { defineRule } from '../rule';
import type { ConditionClause, PrincipalSet } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { parseDate } from '../../evaluator/conditions/date';
import { parseNumber } from '../../evaluator/conditions/numeric';
import { valueToString } from '../../model/symbolic';
import { actionCovers, valueCovers } from '../validity/coverage';
import { isAwsManaged } from '../validity/common';

/** Values of one element (or condition key) that another value of the same one already covers. */
export default defineRule({
  meta: {
    id: 'policy-validity/redundant-value',
    description:
      'An Action or Resource value that another value of the same statement already covers (`s3:GetObject` beside `s3:Get*`, an object ARN beside `bucket/*`), a bound of a numeric or date comparison that a looser one of the same key makes useless (`NumericLessThan` `10` beside `100`), or a role session principal beside its role.',
    rationale:
      'A covered value changes nothing; it makes the statement look narrower or wider than it is and hides which value grants the access. Remove it, or narrow the wider value if the narrow one was meant.',
    defaultSeverity: 'info',
    recommended: false,
    appliesTo: { resources: true },
    messages: {
      redundantAction: 'action `{{value}}` is already covered by `{{by}}` in the same statement',
      redundantResource: 'resource `{{value}}` is already covered by `{{by}}` in the same statement',
      duplicateAction: 'action `{{value}}` is listed twice in the same statement',
      duplicateResource: 'resource `{{value}}` is listed twice in the same statement',
      redundantBound:
        '`{{operator}}` value `{{value}}` of `{{key}}` is redundant: the condition holds when any value does, and `{{by}}` is looser',
      redundantPrincipal: 'principal `{{value}}` is a session of role `{{by}}`, which the same statement already names',
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
      {
        name: 'a time window: a lower and an upper bound of one date are both needed',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: {
                DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
                DateLessThan: { 'aws:CurrentTime': '2027-03-31T00:00:00Z' },
              },
            },
          ],
        },
      },
      {
        name: 'NotPrincipal must list a role and its session to exclude both',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotPrincipal: {
                AWS: ['arn:aws:iam::111122223333:role/admin', 'arn:aws:sts::111122223333:assumed-role/admin/ops'],
              },
              Action: 's3:DeleteBucket',
              Resource: 'arn:aws:s3:::reports',
            },
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
        errors: [{ messageId: 'redundantResource' }, { messageId: 'duplicateResource' }],
      },
      {
        name: 'two upper bounds of one number: only the larger one matters',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::reports',
              Condition: { NumericLessThanEquals: { 's3:max-keys': ['10', '100'] } },
            },
          ],
        },
        errors: [{ messageId: 'redundantBound', pointer: '/Statement/0/Condition/NumericLessThanEquals/s3:max-keys' }],
      },
      {
        name: 'a session of a role beside the role itself',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                AWS: ['arn:aws:iam::111122223333:role/deployer', 'arn:aws:sts::111122223333:assumed-role/deployer/ci'],
              },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        errors: [{ messageId: 'redundantPrincipal', pointer: '/Statement/0/Principal' }],
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
          // Action names are case-insensitive: `s3:getobject` beside `s3:GetObject` is the same action twice.
          const twice = value.toLowerCase() === by.toLowerCase();
          context.report({
            messageId: twice ? 'duplicateAction' : 'redundantAction',
            data: twice ? { value } : { value, by },
            statement,
            pointer: action.pointer,
            key: `action ${value}`,
          });
        }
      }
      for (const clause of statement.conditions) {
        for (const [value, by] of redundantBounds(clause)) {
          context.report({
            messageId: 'redundantBound',
            data: { operator: clause.operator, key: clause.key, value, by },
            statement,
            pointer: clause.pointer,
            key: `bound ${clause.operator} ${clause.key} ${value}`,
          });
        }
      }
      if (statement.principal !== undefined) {
        for (const [value, by] of redundantSessions(statement.principal)) {
          context.report({
            messageId: 'redundantPrincipal',
            data: { value, by },
            statement,
            pointer: statement.principal.pointer,
            key: `principal ${value}`,
          });
        }
      }
      if (resource !== undefined && resource.values.length <= 200) {
        for (const [value, by] of redundant(resource.values, valueCovers)) {
          const text = valueToString(value);
          const twice = text === valueToString(by);
          context.report({
            messageId: twice ? 'duplicateResource' : 'redundantResource',
            data: twice ? { value: text } : { value: text, by: valueToString(by) },
            statement,
            pointer: resource.pointer,
            key: `resource ${text}`,
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

/**
 * The ordered comparisons, with the direction in which a bound is looser. A condition holds when
 * the request value passes any one of the values, so only the loosest bound counts.
 */
const ORDERED: Readonly<Record<string, { parse: (text: string) => number | undefined; upper: boolean }>> = {
  NumericLessThan: { parse: parseNumber, upper: true },
  NumericLessThanEquals: { parse: parseNumber, upper: true },
  NumericGreaterThan: { parse: parseNumber, upper: false },
  NumericGreaterThanEquals: { parse: parseNumber, upper: false },
  DateLessThan: { parse: parseDate, upper: true },
  DateLessThanEquals: { parse: parseDate, upper: true },
  DateGreaterThan: { parse: parseDate, upper: false },
  DateGreaterThanEquals: { parse: parseDate, upper: false },
};

/** Each bound of an ordered comparison that a looser bound of the same key makes useless, with that bound. */
function redundantBounds(clause: ConditionClause): [string, string][] {
  const order = ORDERED[clause.baseOperator];
  if (order === undefined || clause.values.length < 2) return [];
  const bounds: { text: string; at: number }[] = [];
  for (const value of clause.values) {
    // A value known only at deploy, or one the operator cannot read (reported elsewhere): no verdict.
    if (typeof value !== 'string') return [];
    const at = order.parse(value);
    if (at === undefined) return [];
    bounds.push({ text: value, at });
  }
  const loosest = bounds.reduce((best, b) => ((order.upper ? b.at > best.at : b.at < best.at) ? b : best));
  return bounds.filter((b) => b !== loosest).map((b): [string, string] => [b.text, loosest.text]);
}

const ROLE = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/**
 * Role session principals (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`) that the same
 * Principal already admits through their role (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), with that
 * role. Not in NotPrincipal, where excluding a role takes both its ARN and its session's.
 */
function redundantSessions(principal: PrincipalSet): [string, string][] {
  if (principal.negated || principal.wildcard) return [];
  const roles = new Map<string, string>();
  for (const entry of principal.entries) {
    if (entry.type !== 'AWS' || typeof entry.value !== 'string') continue;
    const m = ROLE.exec(entry.value);
    if (m) roles.set(`${m[1]}:${m[2]}:${m[3]}`, entry.value);
  }
  if (roles.size === 0) return [];
  const found: [string, string][] = [];
  for (const entry of principal.entries) {
    if (entry.type !== 'AWS' || typeof entry.value !== 'string') continue;
    const m = SESSION.exec(entry.value);
    const role = m ? roles.get(`${m[1]}:${m[2]}:${m[3]}`) : undefined;
    if (role !== undefined) found.push([entry.value, role]);
  }
  return found;
}
