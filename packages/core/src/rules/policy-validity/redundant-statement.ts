import { defineRule } from '../rule';
import type { PrincipalSet, Statement } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import { actionCovers, valueCovers } from '../validity/coverage';
import { isAwsManaged } from '../validity/common';

/** Statements that another statement of the same policy already covers. */
export default defineRule({
  meta: {
    id: 'policy-validity/redundant-statement',
    description:
      'A statement whose actions and resources another statement with the same effect and no conditions already covers.',
    rationale:
      'A covered statement changes nothing, but it misleads: its conditions or narrow resources look like a restriction while the wider statement grants (or denies) everything it does. Remove it, or narrow the wider statement if the restriction was meant.',
    defaultSeverity: 'info',
    recommended: false,
    appliesTo: { resources: true },
    messages: {
      redundant: 'statement {{statement}} is covered by statement {{by}}, which has the same effect and no conditions',
    },
  },
  examples: {
    valid: [
      {
        name: 'statements on different resources',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::exports/*' },
          ],
        },
      },
      {
        name: 'a wider statement that has a condition',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/2026/*' },
            {
              Effect: 'Allow',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'an Allow inside a wider unconditional Allow',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadReports2026',
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/2026/*',
              Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
            },
            { Sid: 'ReadReports', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::reports/*' },
          ],
        },
        errors: [{ messageId: 'redundant', pointer: '/Statement/0' }],
      },
      {
        name: 'the same statement twice',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' },
            { Effect: 'Allow', Action: 'sqs:sendmessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' },
          ],
        },
        errors: [{ messageId: 'redundant', pointer: '/Statement/2' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    const statements = subject.parsed.value.statements;
    if (statements.length < 2 || statements.length > 200) return;
    for (const narrow of statements) {
      const by = statements.find(
        (wide) =>
          wide !== narrow &&
          covers(context.catalog, wide, narrow) &&
          // Of two equal statements, the later one is the redundant one.
          (wide.index < narrow.index || !covers(context.catalog, narrow, wide)),
      );
      if (by === undefined) continue;
      context.report({
        messageId: 'redundant',
        data: { statement: nameOf(narrow), by: nameOf(by) },
        statement: narrow,
        evidence: { coveredBy: by.pointer },
      });
    }
  },
});

function nameOf(statement: Statement): string {
  return statement.sid !== undefined && statement.sid !== '' ? `\`${statement.sid}\`` : `#${statement.index + 1}`;
}

/** Does `wide` (without conditions) apply to every request `narrow` applies to, with the same effect? */
function covers(catalog: ActionCatalog, wide: Statement, narrow: Statement): boolean {
  if (wide.effect !== narrow.effect || wide.conditions.length > 0) return false;
  const wa = wide.action;
  const na = narrow.action;
  if (wa === undefined || na === undefined || wa.negated || na.negated) return false;
  if (!na.values.every((n) => wa.values.some((w) => actionCovers(catalog, w, n)))) return false;
  const wr = wide.resource;
  const nr = narrow.resource;
  if ((wr === undefined) !== (nr === undefined)) return false;
  if (wr !== undefined && nr !== undefined) {
    if (wr.negated || nr.negated) return false;
    if (!nr.values.every((n) => wr.values.some((w) => valueCovers(w, n)))) return false;
  }
  return samePrincipals(wide.principal, narrow.principal);
}

/** Principals must name the same set (covering principals is not attempted). */
function samePrincipals(a: PrincipalSet | undefined, b: PrincipalSet | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.negated !== b.negated || a.wildcard !== b.wildcard) return false;
  const key = (set: PrincipalSet): string =>
    set.entries
      .map((e) => `${e.type}\u0000${valueToString(e.value)}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
}
