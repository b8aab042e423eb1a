import { defineRule } from '../rule';
import type { PolicySubject, RuleContext } from '../rule';
import type { Statement } from '../../model/policy';
import { isSymbolic, isWhollyInput, valueToString } from '../../model/symbolic';
import { actionMatches, coversAllOf, coversEveryResource, matchingActionPatterns } from '../statement-helpers';
import { excludedNames, listValues, ownerOf } from '../describe';
import { isServiceOwnedGrant, passesOnlyToFixedWorkServices } from '../data/service-roles';
import { boundaryConfinesPassRole, passRefusedButNamed, selectsRoles } from '../data/pass-role-boundary';

/** iam:PassRole allowed on every role. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/pass-role-wildcard',
    description:
      'An identity policy allows `iam:PassRole` on every role (`"Resource": "*"`, `role/*`, or through `NotAction`/`NotResource`), or on every role but those a `NotResource` excludes, and the permissions boundary, if any, does not confine it to some roles. On a role ARN given whole at deploy (a variable without a value, a parameter), which may be `*`, it reports that it cannot decide.',
    rationale:
      "Passing a role to a service (EC2, Lambda, CloudFormation, ...) makes the service act with that role. Allowed on every role, it lets the principal run code with the most privileged role of the account. Scope `iam:PassRole` to the ARNs of the roles it must pass, and add an `iam:PassedToService` condition. Not reported when that condition names only services that do fixed work of their own with the role (GuardDuty malware scans of S3 objects, EBS volumes and backups, Amazon Inspector Classic, VPC flow logs, CloudTrail and RDS Enhanced Monitoring log delivery): none can be made to run the caller's code or the API calls it chooses. EventBridge, Scheduler, Lambda, EC2, ECS, CodeBuild, Glue, SageMaker, Step Functions, CloudFormation, SSM and the like stay reported.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      passAnyRole:
        '{{owner}} may pass any role (`iam:PassRole` on `{{resource}}`), and so act with the permissions of any role',
      passAllButSome:
        '{{owner}} may pass every role but {{excluded}} (`iam:PassRole` with `NotResource`), and so act with the permissions of any other role',
    },
  },
  examples: {
    valid: [
      {
        name: 'iam:PassRole scoped to one role',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-task' }],
        },
      },
      {
        name: 'iam:PassRole cancelled by an unconditional Deny',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
          ],
        },
      },
      {
        name: 'iam:PassRole with a NotResource that excludes every role of the account: it passes none',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/*' }],
        },
      },
      {
        name: 'a NotAction that excludes iam:PassRole',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
      },
      {
        name: 'any role, passed only to GuardDuty Malware Protection for S3 (AmazonGuardDutyFullAccess): it scans and tags objects with it, no more',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: 'arn:aws:iam::*:role/*',
              Condition: { StringEquals: { 'iam:PassedToService': 'malware-protection-plan.guardduty.amazonaws.com' } },
            },
          ],
        },
      },
      {
        name: 'roles selected by tag',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: { StringEquals: { 'iam:ResourceTag/team': 'payments' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'iam:PassRole on every resource',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          ],
        },
        errors: [{ messageId: 'passAnyRole', pointer: '/Statement/1' }],
      },
      {
        name: 'any role, passed to EventBridge: a rule target runs an ECS task or an SSM command with it',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: {
                StringEquals: {
                  'iam:PassedToService': ['vpc-flow-logs.amazonaws.com', 'events.amazonaws.com'],
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'passAnyRole' }],
      },
      {
        name: 'iam:PassRole on every role but the administrator one: the other roles are as many ways up',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin' }],
        },
        errors: [{ messageId: 'passAllButSome', pointer: '/Statement/0' }],
      },
      {
        name: 'iam:Pass* on every role of the account',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:Pass*', Resource: 'arn:aws:iam::111122223333:role/*' }],
        },
        errors: [{ messageId: 'passAnyRole' }],
      },
      {
        name: 'iam:PassRole on every role of an account of another partition (China, GovCloud)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws-cn:iam::111122223333:role/*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws-us-gov:iam::*:role/*' },
          ],
        },
        errors: [
          { messageId: 'passAnyRole', pointer: '/Statement/0' },
          { messageId: 'passAnyRole', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'NotAction that does not exclude iam:PassRole',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] },
        errors: [{ messageId: 'passAnyRole' }],
      },
      {
        name: 'NotResource that excludes one bucket',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:s3:::secrets/*' }],
        },
        errors: [{ messageId: 'passAnyRole' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
    if (context.permissions.blockedEverywhere('iam:PassRole') === 'yes') return;
    if (boundaryConfinesPassRole(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !actionMatches(statement, 'iam:PassRole')) continue;
      // A Deny, the boundary or an SCP lets only the roles it names be passed.
      if (passRefusedButNamed(context.permissions, statement, subject)) continue;
      const every = coversAllOf(statement, ROLES);
      if (!every && !excludesSomeRolesOnly(statement)) {
        reportGivenRoles(context, subject, statement);
        continue;
      }
      // Every action on every resource is reported as administrator access (admin-access/full-access).
      if (
        statement.action?.negated === false &&
        statement.action.values.some((a) => a === '*' || a === '*:*') &&
        coversEveryResource(statement)
      )
        continue;
      if (selectsRoles(statement)) continue;
      // Roles passed only to services that do fixed work of their own with them (GuardDuty's
      // malware scans of a bucket, flow log delivery): the caller can steer none of them into
      // running its code or calling an API of its choosing, so no role's permissions become its.
      if (passesOnlyToFixedWorkServices(statement) !== undefined) continue;
      const resource = statement.resource;
      const evidence = {
        actions: ['iam:PassRole'],
        grantedBy: statement.action?.negated
          ? { notAction: statement.action.values }
          : { action: matchingActionPatterns(statement, 'iam:PassRole') },
      };
      if (!every) {
        const excluded = excludedNames(statement, 'iam:PassRole');
        context.report({
          messageId: 'passAllButSome',
          data: { owner: ownerOf(subject), excluded: listValues(excluded) },
          statement,
          evidence: { ...evidence, excluded },
        });
        continue;
      }
      const shown = resource?.negated ? `NotResource ${resource.values.map(String).join(', ')}` : '*';
      context.report({
        messageId: 'passAnyRole',
        data: {
          owner: ownerOf(subject),
          resource: resource?.negated ? shown : everyRolePattern(statement),
        },
        statement,
        evidence,
      });
    }
  },
});

const ROLES = 'arn:aws:iam::*:role/*';

/**
 * `iam:PassRole` on roles the deployer gives whole (`Resource = var.role_arns`, a parameter): the
 * value may be `*` as well as one role's ARN, so whether every role may be passed is said to be
 * undecided rather than passed as one role.
 */
function reportGivenRoles(context: RuleContext<string>, subject: PolicySubject, statement: Statement): void {
  const set = statement.resource;
  if (set === undefined || set.negated) return;
  const given = set.values.filter(isWhollyInput).map(valueToString);
  if (given.length === 0 || selectsRoles(statement) || passesOnlyToFixedWorkServices(statement) !== undefined) return;
  context.reportUnverifiable({
    reason: `${ownerOf(subject)} may pass the roles ${given.map((v) => `\`${v}\``).join(', ')}, given at deploy: whether that is every role (\`*\`) cannot be told`,
    statement,
    pointer: set.pointer,
    values: given,
    actions: ['iam:PassRole'],
  });
}

/**
 * A NotResource that excludes some roles but not all of them (`role/admin`, `role/prod-*`): the
 * statement still passes every other role. A value known only after deploy might exclude them all.
 */
function excludesSomeRolesOnly(statement: Statement): boolean {
  const set = statement.resource;
  if (set?.negated !== true || set.values.some(isSymbolic)) return false;
  // Read as Resource, does any value cover every role? Then NotResource excludes them all.
  return !coversAllOf({ ...statement, resource: { ...set, negated: false } }, ROLES);
}

/**
 * The value of a statement's `Resource` that alone covers every role (`arn:aws:iam::*:role/*`
 * beside `arn:aws:s3:::acme/*`, whose `*` matches no role); the first wide one when none does alone.
 */
function everyRolePattern(statement: Statement): string {
  const set = statement.resource;
  if (set === undefined) return '*';
  const alone = set.values.find((value) => coversAllOf({ ...statement, resource: { ...set, values: [value] } }, ROLES));
  if (alone !== undefined) return String(alone);
  const values = set.values.map(String);
  return values.find((v) => v.includes('*')) ?? values[0] ?? '*';
}
