import { defineRule } from '../rule';
import { listValues, ownerOf } from '../describe';
import { actionMatches } from '../statement-helpers';
import { coversAllResourcesOf, isFullAccess, namesOneOf } from '../data/grants';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicySubject } from '../rule';
import type { PolicyValue } from '../../model/symbolic';
import { conditionOperator } from '../../evaluator/conditions/index';
import { iamRegions, isRegionClause, partitionReading } from '../../catalog/requested-region';

/**
 * What removes or replaces a boundary: deleting it from the role or user, setting another, or
 * editing the policy (a new default version).
 */
const ESCAPES = [
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
];

/**
 * The boundary as messages name it: the policy, and whose boundary it is when the input says
 * (a role of the template or plan), not the role as if it were the boundary.
 */
function boundaryOf(subject: PolicySubject): string {
  const policy = `\`${subject.source.name}\``;
  return subject.principal === undefined
    ? `policy ${policy}, used as a permissions boundary,`
    : `the permissions boundary ${policy} of ${ownerOf(subject)}`;
}

/** A permissions boundary that allows every action on every resource and denies nothing, or lets its holder remove it. */
export default defineRule({
  meta: {
    id: 'boundary/caps-nothing',
    description:
      'A permissions boundary allows every action on every resource (`"Action": "*"`, `"Resource": "*"`) with no deny, or allows without any deny the actions that remove or replace a boundary (`iam:DeleteRolePermissionsBoundary`, `iam:PutRolePermissionsBoundary`, `iam:CreatePolicyVersion`, ...): it caps nothing.',
    rationale:
      'A boundary only limits what it does not allow. One that allows everything satisfies a "boundary required" check while protecting nothing. Allow the services the workloads need and deny IAM changes that would remove or replace the boundary. A Region condition does not keep IAM out unless it leaves out the Region every IAM call is answered in: `us-east-1`, `cn-north-1` in `aws-cn`, `us-gov-west-1` in `aws-us-gov` (the partition the ARNs name; with none named, `aws`). A managed policy of the template or plan that nothing attaches but that a role or user has as its boundary, or that an `iam:PermissionsBoundary` condition names (the boundary a delegation pins on the roles it lets be created), is checked as a boundary by this rule, not as an identity policy of its own: a boundary grants nothing. One an `iam:PolicyARN` condition also names, to be attached, is checked both ways.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['boundary'] },
    messages: {
      capsNothing: '{{boundary}} allows every action on every resource and denies nothing',
      removable:
        '{{boundary}} allows {{actions}} and denies them nowhere: a holder whose own policies allow them can remove or rewrite the boundary',
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
              Action: ['iam:Delete*PermissionsBoundary', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
              Resource: '*',
            },
            {
              Effect: 'Deny',
              Action: 'iam:Put*PermissionsBoundary',
              Resource: '*',
              Condition: {
                StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
              },
            },
          ],
        },
      },
      {
        name: 'every service, in Europe only (IAM answers in us-east-1: its calls are not allowed)',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringLike: { 'aws:RequestedRegion': 'eu-*' } },
            },
          ],
        },
      },
      {
        name: 'every service but in us-east-1, no ARN naming a partition (read in aws, where IAM answers in us-east-1)',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
            },
          ],
        },
      },
      {
        name: 'every service in us-east-1, in the China partition (IAM answers there in cn-north-1)',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
            },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::reports/*' },
          ],
        },
      },
      {
        name: 'new versions of the application policies only, not of every policy',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
              Resource: 'arn:aws:iam::111122223333:policy/app-*',
            },
          ],
        },
      },
      {
        name: 'the delegated administrator pattern: boundaries set only to this one',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:*', 'lambda:*', 'iam:GetRole', 'iam:PassRole'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['iam:PutRolePermissionsBoundary', 'iam:CreateRole'],
              Resource: 'arn:aws:iam::111122223333:role/app-*',
              Condition: {
                StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
              },
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
      {
        name: 'every service in two Regions, one of them us-east-1 where IAM answers, over TLS',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] },
                Bool: { 'aws:SecureTransport': 'true' },
              },
            },
          ],
        },
        errors: [{ messageId: 'removable', pointer: '/Statement/0' }],
      },
      {
        name: 'every service in the China Regions, where IAM answers in cn-north-1',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringLike: { 'aws:RequestedRegion': 'cn-*' } },
            },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::reports/*' },
          ],
        },
        errors: [{ messageId: 'removable', pointer: '/Statement/0' }],
      },
      {
        name: 'IAM allowed in a boundary that denies none of its own removal',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:*', 'lambda:*', 'logs:*', 'iam:*'], Resource: '*' }],
        },
        errors: [{ messageId: 'removable', pointer: '/Statement/0' }],
      },
      {
        name: 'everything allowed next to an unrelated deny',
        type: 'boundary',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
          ],
        },
        errors: [{ messageId: 'removable', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const statements = subject.parsed.value.statements;
    const full = statements.find((s) => isFullAccess(s) && s.conditions.length === 0);
    if (full !== undefined && !statements.some((s) => s.effect === 'Deny')) {
      context.report({ messageId: 'capsNothing', data: { boundary: boundaryOf(subject) }, statement: full });
      return;
    }
    // Allowed without a condition, and named by no Deny (whatever its scope: a deny of the boundary
    // policy's own ARN is the documented guard).
    // What each action acts on: the boundary policy (a new version), or the role or user (its boundary).
    const principal = subject.principal;
    const targetOf = (action: string): PolicyValue | undefined =>
      action.endsWith('PolicyVersion') ? principal?.permissionsBoundary?.arn : principal?.arn;
    // An Allow reaches the boundary when it names every resource of the type, or the one concerned,
    // and its conditions hold for any call to IAM (an Allow on other conditions is left alone).
    // IAM answers in one Region of the partition the principal's policies are read in (see
    // `partitionReading`): a boundary keeping IAM out of `us-east-1` is read as meant, not as
    // letting IAM in where the other partitions answer.
    const { partition } = partitionReading(
      [principal?.arn, principal?.permissionsBoundary?.arn, ...statements.flatMap((s) => s.resource?.values ?? [])],
      statements,
      principal?.region,
    );
    const regions = iamRegions(partition);
    const allows = (s: Statement, action: string): boolean => {
      if (s.effect !== 'Allow' || !s.conditions.every((c) => holdsForIamCalls(c, regions)) || !actionMatches(s, action))
        return false;
      const target = targetOf(action);
      return coversAllResourcesOf(s) || (target !== undefined && namesOneOf(s, [target]));
    };
    const escapes = ESCAPES.filter(
      (a) =>
        !statements.some((s) => s.effect === 'Deny' && actionMatches(s, a)) && statements.some((s) => allows(s, a)),
    );
    if (escapes.length === 0) return;
    const first = statements.find((s) => escapes.some((a) => allows(s, a)));
    context.report({
      messageId: 'removable',
      data: { boundary: boundaryOf(subject), actions: listValues(escapes) },
      statement: first,
      // The partition a Region test was read in.
      evidence: statements.some((s) => s.conditions.some(isRegionClause))
        ? { actions: escapes, partition }
        : { actions: escapes },
    });
  },
});

/**
 * Does the clause hold for every call to IAM, whoever makes it? A Region condition that admits one
 * of `regions`, where IAM answers (a boundary of "every service in us-east-1 and eu-west-1" still
 * allows IAM), and `aws:SecureTransport` true (SDKs and the console call over TLS). Any other
 * condition may not hold.
 */
function holdsForIamCalls(clause: ConditionClause, regions: readonly string[]): boolean {
  const key = clause.key.toLowerCase();
  if (clause.setOperator !== undefined) return false;
  const operator = conditionOperator(clause.baseOperator);
  const values = clause.values.filter((v): v is string => typeof v === 'string' && !v.includes('${'));
  if (operator === undefined || values.length !== clause.values.length) return false;
  const holdsFor = (requestValue: string): boolean => {
    const matched = values.some((v) => {
      const prepared = operator.prepare(v);
      return prepared !== undefined && operator.test(prepared, requestValue);
    });
    return operator.negated ? !matched : matched;
  };
  if (isRegionClause(clause)) return regions.some(holdsFor);
  if (key === 'aws:securetransport') return clause.baseOperator.toLowerCase() === 'bool' && holdsFor('true');
  return false;
}
