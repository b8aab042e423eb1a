import type { Statement } from '../../model/policy';
import type { ReportDescriptor } from '../rule';
import { defineRule } from '../rule';
import { getConditionKey, suggestConditionKey } from '../../catalog/condition-keys';
import { didYouMean, isAwsManaged } from '../validity/common';
import { conditionOperator } from '../../evaluator/conditions';
import { POLICY_VARIABLE, POLICY_VARIABLES, variableEnd } from '../../evaluator/variables';

/** The escapes IAM defines for literal `*`, `?` and `$`. */
const ESCAPES = new Set(['*', '?', '$']);

/** Policy variables (`${aws:username}`) that are malformed, unknown, or in an element that takes none. */
export default defineRule({
  meta: {
    id: 'policy-validity/policy-variable',
    description:
      'A policy variable that is not closed, empty, holds a space, has an unquoted default, names an unknown key, or sits in an element other than Resource and Condition; or `${aws:username}` in a policy of a role, whose sessions have no user name.',
    rationale:
      "IAM replaces `${key}` by the request's value only in Resource, NotResource and Condition values and only for well-formed variables of existing keys; anything else stays literal text, so the statement matches nothing. Fix the variable, or move the check to a Condition. `aws:username` is in the requests of IAM users only: in a role's policy a value holding `${aws:username}` matches nothing; name the session with `${aws:userid}` (`ROLEID:session-name`) or a principal tag (`${aws:PrincipalTag/team}`).",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      unclosed: 'policy variable in `{{value}}` has no closing `}`',
      empty: 'policy variable `${}` in `{{value}}` is empty',
      space: 'policy variable `{{variable}}` holds a space, which IAM does not accept',
      defaultQuote: 'default value of policy variable `{{variable}}` must be in single quotes',
      unknownKey: 'policy variable `{{variable}}` names no condition key IAM knows{{suggestion}}',
      notSupported:
        'policy variable `{{variable}}` in `{{element}}` stays literal; variables work only in `Resource` and `Condition` values',
      wrongOperator:
        'policy variable `{{variable}}` under `{{operator}}` stays literal; variables work only with `String*`, `Arn*` and `Bool` operators',
      userNameInRole:
        'policy variable `{{variable}}` has no value in the sessions of role `{{role}}` (only IAM users have a user name), so `{{value}}` matches nothing for it; use `${aws:userid}` or `${aws:PrincipalTag/...}`',
    },
  },
  examples: {
    valid: [
      {
        name: 'a user folder in Resource and Condition, with a default and an escape',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::home',
              Condition: { StringLike: { 's3:prefix': ["home/${aws:username, 'nobody'}/*", 'a${*}b'] } },
            },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:PrincipalTag/team}/*' },
          ],
        },
      },
      {
        name: 'an OIDC claim as variable',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'dynamodb:GetItem',
              Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Users',
              Condition: {
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': '${cognito-identity.amazonaws.com:sub}' },
              },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a misspelt key and an unclosed variable',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: ['arn:aws:s3:::home/${aws:usrname}/*', 'arn:aws:s3:::home/${aws:userid/*'],
            },
          ],
        },
        errors: [{ messageId: 'unknownKey' }, { messageId: 'unclosed' }],
      },
      {
        name: 'a variable in a principal and an unquoted default',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:user/${aws:username}' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::home/${aws:username, nobody}/*',
            },
          ],
        },
        errors: [{ messageId: 'notSupported' }, { messageId: 'defaultQuote' }],
      },
      {
        name: 'a variable compared as a date',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { DateGreaterThan: { 'aws:CurrentTime': '${aws:TokenIssueTime}' } },
            },
          ],
        },
        errors: [{ messageId: 'wrongOperator' }],
      },
      {
        name: 'a user folder in the policy of a role',
        principal: { kind: 'role', name: 'app' },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }],
        },
        errors: [{ messageId: 'userNameInRole', pointer: '/Statement/0/Resource' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    // Only Version 2012-10-17 substitutes variables (`policy-warning` reports the others).
    const role =
      subject.principal?.kind === 'role' && subject.type !== 'trust' && subject.parsed.value.version === '2012-10-17'
        ? subject.principal.id
        : undefined;
    for (const statement of subject.parsed.value.statements) {
      for (const report of reportsOf(statement)) context.report({ ...report, statement });
      if (role === undefined) continue;
      for (const [value, variable, pointer] of userNameValues(statement)) {
        context.report({
          messageId: 'userNameInRole',
          data: { variable, value, role },
          statement,
          pointer,
          key: `role ${value}`,
        });
      }
    }
  },
});

type MessageId =
  'unclosed' | 'empty' | 'space' | 'defaultQuote' | 'unknownKey' | 'notSupported' | 'wrongOperator' | 'userNameInRole';
type StatementReport = Omit<ReportDescriptor<MessageId>, 'statement'>;

// A statement is shared by every principal its policy is attached to (the engine's parse cache),
// and what it reports depends on it alone: judged once.
const judged = new WeakMap<Statement, readonly StatementReport[]>();
// Not frozen: V8 (Node 20) loops over a frozen array on a slow path that allocates per item.
const NO_REPORTS: readonly StatementReport[] = [];

/** What a statement reports, in order (most statements hold no variable). */
function reportsOf(statement: Statement): readonly StatementReport[] {
  const known = judged.get(statement);
  if (known !== undefined) return known;
  const reports: StatementReport[] = [];
  // Resource values then condition values, only those holding a variable (most hold none).
  const checked: [string, string][] = [];
  for (const v of statement.resource?.values ?? []) {
    if (typeof v === 'string' && v.includes('${')) checked.push([v, statement.resource?.pointer ?? '']);
  }
  for (const c of statement.conditions) {
    for (const v of c.values) if (typeof v === 'string' && v.includes('${')) checked.push([v, c.pointer]);
  }
  for (const [value, pointer] of checked) {
    for (const problem of variableProblems(value)) {
      reports.push({
        messageId: problem.messageId,
        data: { value, variable: problem.variable, suggestion: problem.suggestion ?? '' },
        pointer,
        key: `${problem.messageId} ${value} ${problem.variable}`,
      });
    }
  }
  for (const clause of statement.conditions) {
    if (conditionOperator(clause.baseOperator)?.variables === true) continue;
    const variable = clause.values
      .map((v) => (typeof v === 'string' ? POLICY_VARIABLE.exec(v)?.[0] : undefined))
      .find((v) => v !== undefined && !ESCAPES.has(v.slice(2, -1)));
    if (variable === undefined) continue;
    reports.push({
      messageId: 'wrongOperator',
      data: { variable, operator: clause.operator },
      pointer: clause.pointer,
      key: `operator ${clause.operator} ${clause.key}`,
    });
  }
  const principal = statement.principal;
  for (const entry of principal?.entries ?? []) {
    if (typeof entry.value !== 'string') continue;
    const variable = POLICY_VARIABLE.exec(entry.value)?.[0];
    if (variable === undefined) continue;
    reports.push({
      messageId: 'notSupported',
      data: { variable, element: principal?.negated === true ? 'NotPrincipal' : 'Principal' },
      pointer: principal?.pointer,
      key: `principal ${entry.value}`,
    });
  }
  const found = reports.length > 0 ? reports : NO_REPORTS;
  judged.set(statement, found);
  return found;
}

/** [value, variable as written, pointer] of each Resource or Condition value holding `${aws:username}` without a default. */
type UserNameValue = readonly [value: string, variable: string, pointer: string];

const userNames = new WeakMap<Statement, readonly UserNameValue[]>();
const NO_USER_NAMES: readonly UserNameValue[] = [];

/**
 * The values of a statement that hold `${aws:username}` with no default. Role sessions (and
 * federated users) have no `aws:username`: such a value matches nothing for them, while a default
 * (`${aws:username, 'none'}`) stands in for it.
 */
function userNameValues(statement: Statement): readonly UserNameValue[] {
  const known = userNames.get(statement);
  if (known !== undefined) return known;
  const found: UserNameValue[] = [];
  const add = (value: unknown, pointer: string | undefined): void => {
    if (typeof value !== 'string' || !value.includes('${')) return;
    for (const match of value.matchAll(POLICY_VARIABLES)) {
      if (match[0].slice(2, -1).trim().toLowerCase() !== 'aws:username') continue;
      found.push([value, match[0], pointer ?? '']);
      return;
    }
  };
  for (const v of statement.resource?.values ?? []) add(v, statement.resource?.pointer);
  for (const c of statement.conditions) for (const v of c.values) add(v, c.pointer);
  const result = found.length > 0 ? found : NO_USER_NAMES;
  userNames.set(statement, result);
  return result;
}

interface Problem {
  readonly messageId: 'unclosed' | 'empty' | 'space' | 'defaultQuote' | 'unknownKey';
  readonly variable: string;
  readonly suggestion?: string;
}

function variableProblems(value: string): Problem[] {
  const problems: Problem[] = [];
  // Each distinct variable is judged once, however often the value repeats it (`${x}${x}...`).
  const judged = new Set<string>();
  let from = 0;
  for (;;) {
    const start = value.indexOf('${', from);
    if (start < 0) break;
    const end = variableEnd(value, start);
    if (end < 0) {
      problems.push({ messageId: 'unclosed', variable: value.slice(start) });
      break;
    }
    const variable = value.slice(start, end + 1);
    const body = value.slice(start + 2, end);
    from = end + 1;
    if (judged.has(variable)) continue;
    judged.add(variable);
    if (body.trim() === '') {
      problems.push({ messageId: 'empty', variable });
      continue;
    }
    if (ESCAPES.has(body)) continue;
    const comma = body.indexOf(',');
    const key = (comma < 0 ? body : body.slice(0, comma)).trim();
    if (comma >= 0) {
      const fallback = body.slice(comma + 1).trim();
      if (!/^'.*'$/.test(fallback)) problems.push({ messageId: 'defaultQuote', variable });
    } else if (/\s/.test(body)) {
      problems.push({ messageId: 'space', variable });
      continue;
    }
    const prefix = key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
    // Only `aws:` keys are judged: identity-provider claims are not all in the catalog. A key
    // without any prefix (`${Account}`, a template placeholder left in) is never a condition key.
    if ((prefix === 'aws' && getConditionKey(key) === undefined) || !key.includes(':')) {
      problems.push({ messageId: 'unknownKey', variable, suggestion: didYouMean(suggestConditionKey(key)) });
    }
  }
  return problems;
}
