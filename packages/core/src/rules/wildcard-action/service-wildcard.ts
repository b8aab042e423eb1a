import { defineRule } from '../rule';
import { appliesToNothing, coversEveryResource } from '../statement-helpers';
import { listValues, ownerOf } from '../describe';
import { valueToString } from '../../model/symbolic';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { Statement } from '../../model/policy';
import { actionResourceMatch } from '../../catalog/resource-types';
import { withVariablesAsHoles } from '../validity/common';
import { isOfAdminService, outOfRegion, serviceAdminGrants } from '../data/grants';
import { hasWildcard } from '../../match/wildcard';

/** An Allow of a whole service (`s3:*`), of every action, or of every action but a few (NotAction). */
export default defineRule({
  meta: {
    id: 'wildcard-action/service-wildcard',
    description:
      'An identity policy allows every action of a service (`s3:*`), every action (`*`) on some resources, or every action except a few (`NotAction`); a resource policy grants every action (`*`) to some principal.',
    rationale:
      'A service wildcard grants today every action of the service, including permission management and deletion, and tomorrow every action AWS adds. List the actions the workload calls. In a resource policy, `*` that holds only for requests S3 Object Lambda makes (`ForAnyValue:StringEquals` `aws:CalledVia` `s3-object-lambda.amazonaws.com`, the supporting access point policy AWS documents) lets through the object reads Object Lambda forwards, and is no finding. `iam:*`, `sts:*` and `organizations:*` on every resource are reported once, as administrator access, by admin-access/service-admin.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity', 'resource'], resources: true },
    messages: {
      grantsAllActions:
        '{{owner}} grants every action (`*`) on {{resources}} to {{principals}}: deleting it and changing its policy included',
      serviceWildcard: '{{owner}} is allowed every `{{service}}` action (`{{pattern}}`){{dangerous}}',
      serviceWildcardPart:
        '{{owner}} is allowed `{{pattern}}`, but a Deny, the permissions boundary or a Region condition leaves it only {{left}}{{dangerous}}',
      allActions: '{{owner}} is allowed every action (`*`) on {{resources}}',
      notAction: '{{owner}} is allowed every action except {{excluded}} (`NotAction` in an Allow)',
    },
  },
  examples: {
    valid: [
      {
        name: 'a service wildcard with NotResource * allows nothing',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', NotResource: '*' }] },
      },
      {
        name: 'actions listed one by one',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::uploads/*' },
          ],
        },
      },
      {
        name: 'a service wildcard in a Deny',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] },
      },
      {
        name: 'a service wildcard whose every action a deny of the same policy blocks',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ssm:*', Resource: '*' },
          ],
        },
      },
      {
        name: 'a wildcard of a service AWS does not have grants nothing (policy-validity/unknown-action reports it)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'apigatewayv2:*', Resource: '*' }],
        },
      },
      {
        name: 'every IAM action in a Region IAM never answers in leaves only iam:PassRole (pass-role-wildcard reports it)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ],
        },
      },
      {
        name: 'a prefix wildcard is not a whole service',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] },
      },
      {
        name: 'a key policy giving its own account every KMS action (the default key policy)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
      {
        name: 'the supporting access point of an Object Lambda access point: `*` only for the requests Object Lambda makes',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: '*',
              Resource: [
                'arn:aws:s3:us-east-1:111122223333:accesspoint/lake-support',
                'arn:aws:s3:us-east-1:111122223333:accesspoint/lake-support/object/*',
              ],
              Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 's3-object-lambda.amazonaws.com' } },
            },
          ],
        },
      },
      {
        name: 'the same supporting access point written with `StringLike` and no wildcard (an exact match all the same)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: '*',
              Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/lake-support/object/*',
              Condition: { 'ForAnyValue:StringLike': { 'aws:CalledVia': 's3-object-lambda.amazonaws.com' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'every action on an access point through any AWS service (`StringLike` `*.amazonaws.com`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: '*',
              Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/lake-support',
              Condition: { 'ForAnyValue:StringLike': { 'aws:CalledVia': '*.amazonaws.com' } },
            },
          ],
        },
        errors: [{ messageId: 'grantsAllActions', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'every action on an access point through any service that calls it for its caller (`aws:CalledVia` of CloudFormation)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: '*',
              Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/lake-support',
              Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } },
            },
          ],
        },
        errors: [{ messageId: 'grantsAllActions', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'a bucket policy granting another account every action on the bucket',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:root' },
              Action: '*',
              Resource: ['arn:aws:s3:::shared', 'arn:aws:s3:::shared/*'],
            },
          ],
        },
        errors: [{ messageId: 'grantsAllActions', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'every DynamoDB action on one table',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' },
            { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders' },
          ],
        },
        errors: [{ messageId: 'serviceWildcard', pointer: '/Statement/1' }],
      },
      {
        name: 'every S3 action but reads denied: a wildcard that names the reads the deny leaves',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: '*' },
            { Effect: 'Deny', NotAction: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
          ],
        },
        errors: [{ messageId: 'serviceWildcardPart', pointer: '/Statement/0' }],
      },
      {
        name: 'every action on one bucket',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::data/*' }],
        },
        errors: [{ messageId: 'allActions' }],
      },
      {
        name: 'NotAction in an Allow',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
        errors: [{ messageId: 'notAction' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    // In a resource policy, only `*` itself: `kms:*` or `SQS:*` to the owning account is the
    // default policy of a key or queue, and a VPC endpoint's policy (`*` by default) grants
    // nothing. Whom everyone reaches is resource-exposure/public-principal's.
    if (subject.type === 'resource') {
      if (isEndpointFilter(subject.resource?.type)) return;
      for (const statement of subject.parsed.value.statements) {
        const action = statement.action;
        const principal = statement.principal;
        if (statement.effect !== 'Allow' || action === undefined || action.negated || principal === undefined) continue;
        if (principal.negated || principal.wildcard || appliesToNothing(statement)) continue;
        if (!action.values.some((a) => a === '*' || a === '*:*')) continue;
        const named = principal.entries.filter((e) => e.type !== 'Service').map((e) => valueToString(e.value));
        if (named.length === 0 || named.includes('*')) continue;
        if (onlyThroughObjectLambda(statement)) continue;
        context.report({
          messageId: 'grantsAllActions',
          data: {
            owner: ownerOf(subject),
            resources: listValues(statement.resource?.values.map(String) ?? ['its resource']),
            principals: listValues(named),
          },
          statement,
          pointer: action.pointer,
          key: '*',
          evidence: { actions: ['*'], principals: named },
        });
      }
      return;
    }
    for (const statement of subject.parsed.value.statements) {
      const action = statement.action;
      if (statement.effect !== 'Allow' || action === undefined || appliesToNothing(statement)) continue;
      if (action.negated) {
        context.report({
          messageId: 'notAction',
          data: { owner: ownerOf(subject), excluded: listValues(action.values) },
          statement,
          pointer: action.pointer,
          evidence: { notActions: action.values },
        });
        continue;
      }
      for (const pattern of action.values) {
        if (pattern === '*' || pattern === '*:*') {
          // Every action on every resource is administrator access, reported by admin-access/full-access.
          if (coversEveryResource(statement)) continue;
          context.report({
            messageId: 'allActions',
            data: { owner: ownerOf(subject), resources: listValues(statement.resource?.values.map(String) ?? []) },
            statement,
            key: pattern,
            evidence: { actions: [pattern] },
          });
          continue;
        }
        // Most actions are not `service:*`: skip the regex (and its match array) for them.
        if (!pattern.endsWith(':*')) continue;
        const match = /^([a-z0-9-]+):\*$/i.exec(pattern);
        if (!match) continue;
        const service = (match[1] ?? '').toLowerCase();
        // `iam:*`, `sts:*` on every resource: admin-access/service-admin says it is administrator access.
        if (isOfAdminService(serviceAdminGrants(context.catalog, context.permissions, statement), `${service}:*`))
          continue;
        // What a deny or the boundary blocks everywhere, or a Region test closes (IAM's calls in
        // `eu-west-1`), is not named as granted: the message says what is left. A wildcard left
        // with nothing allowed is no finding, nor one of a service AWS does not have
        // (`apigatewayv2:*`), which grants nothing and is policy-validity/unknown-action's.
        const every = context.catalog.expand(pattern);
        const open = every?.filter(
          (a) =>
            context.permissions.blockedEverywhere(a) !== 'yes' &&
            !outOfRegion(statement, a, context.permissions.partition),
        );
        // Only `iam:PassRole` left (`iam:*` in `eu-west-1`): privilege-escalation/pass-role-wildcard's.
        if (open === undefined || open.length === 0 || (open.length === 1 && open[0] === 'iam:PassRole')) continue;
        const dangerous = dangerousActions(context.catalog, open).filter((a) => actsOnSome(statement, a));
        const all = open.length === every?.length;
        context.report({
          messageId: all ? 'serviceWildcard' : 'serviceWildcardPart',
          data: {
            owner: ownerOf(subject),
            service,
            pattern,
            left: listValues(open),
            dangerous: dangerous.length > 0 ? `, including ${listValues(dangerous)}` : '',
          },
          statement,
          key: pattern,
          evidence: {
            actions: [pattern],
            ...(all ? {} : { open }),
            ...(dangerous.length > 0 ? { includes: dangerous } : {}),
          },
        });
      }
    }
  },
});

const OBJECT_LAMBDA = 's3-object-lambda.amazonaws.com';

/**
 * Whether a statement holds only for the requests S3 Object Lambda makes for its caller
 * (`aws:CalledVia` holding `s3-object-lambda.amazonaws.com`): the policy AWS documents for the
 * supporting access point of an Object Lambda access point, `*` there lets through the object
 * reads Object Lambda forwards (it only serves `GET`, `HEAD` and `LIST` requests), never a change
 * to the access point or its policy.
 */
function onlyThroughObjectLambda(statement: Statement): boolean {
  return statement.conditions.some((c) => {
    const key = c.key.toLowerCase();
    // `StringLike` with no wildcard in its values compares as `StringEquals` does.
    const exact =
      c.baseOperator === 'StringEquals' ||
      (c.baseOperator === 'StringLike' && c.values.every((v) => typeof v === 'string' && !hasWildcard(v)));
    const onObjectLambda =
      !c.ifExists &&
      exact &&
      c.values.length > 0 &&
      c.values.every((v) => typeof v === 'string' && v.toLowerCase() === OBJECT_LAMBDA);
    if (!onObjectLambda) return false;
    if (key === 'aws:calledvia') return c.setOperator === 'ForAnyValue';
    return (key === 'aws:calledviafirst' || key === 'aws:calledvialast') && c.setOperator === undefined;
  });
}

/**
 * Can the action act on one of the statement's resources? `apigateway:*` on `/restapis/*` gives no
 * custom domain certificate, `lambda:*` on functions no layer permission: the message names what
 * the wildcard gives on the resources it names. A value known only at deploy or request time counts.
 */
function actsOnSome(statement: Statement, action: string): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated || coversEveryResource(statement)) return true;
  return set.values.some((value) => actionResourceMatch(action, withVariablesAsHoles(value)) !== 'no-match');
}

/**
 * The permission management actions of a service wildcard: what makes it dangerous. Those that
 * write a resource policy, an ACL or a permission (what shares a resource with anyone) come first,
 * then those that remove one, then the rest: the message shows the first three, and
 * `s3:PutBucketPolicy` tells a reviewer more than `s3:AssociateAccessGrantsIdentityCenter`.
 */
function dangerousActions(catalog: ActionCatalog, actions: readonly string[]): string[] {
  const management = actions.filter((a) => catalog.accessLevel(a) === 'Permissions management');
  const rank = (action: string): number => {
    const name = action.slice(action.indexOf(':') + 1);
    if (!/(?:Policy|Acl|Permissions?)$/.test(name)) return 2;
    return /^(?:Delete|Remove|Detach|Revoke)/.test(name) ? 1 : 0;
  };
  return [...management].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
