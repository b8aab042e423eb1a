import { defineRule } from '../rule';
import type { ConditionClause } from '../../model/policy';
import { getService } from '../../catalog/actions';
import { getConditionKey, suggestConditionKey } from '../../catalog/condition-keys';
import { listValues } from '../describe';
import { catalogKnowsActions, concreteActions, didYouMean, isAwsManaged } from '../validity/common';

/** Statements with more actions than this are not checked for key applicability (cost, and `*`-like lists). */
const MAX_ACTIONS = 2_000;

/**
 * Condition keys that do not exist, that no action of the statement supports, or that some
 * actions of an Allow lack under `ForAllValues` (true without the key: the grant is unconditioned).
 */
export default defineRule({
  meta: {
    id: 'policy-validity/unknown-condition-key',
    description:
      "A condition key that does not exist (`s3:prefx`), that is not in `service:key` form, that none of the statement's actions supports (a key of another service) or none of its actions of one service supports (those are never allowed, or never denied), that an action the statement names one by one never carries (beside actions of its service that do), that some actions of an Allow never carry while `ForAllValues` tests it, or a tag key tested beside NotAction.",
    rationale:
      'A key missing from the request context makes its condition false: an Allow then never applies and a Deny never protects (unless `IfExists` turns it into an unconditional match). `ForAllValues` is the reverse: it is true when the key is absent, so an Allow of `dynamodb:Scan` beside `dynamodb:Query` under `ForAllValues` on `dynamodb:LeadingKeys` lets the caller read every item (`Scan` requests carry no leading keys). Use a key the Service Authorization Reference lists for the actions of the statement, and keep actions that lack it out of the statement.',
    defaultSeverity: 'warning',
    // An action left out of its own statement is a grant that does nothing, not a risk.
    messageSeverity: { notApplicableToActions: 'info' },
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      malformedKey: 'condition key `{{key}}` is not in the `service:key` form',
      unknownKey: 'condition key `{{key}}` does not exist{{suggestion}}',
      deprecatedKey: 'condition key `aws:ARN` is not supported; use `aws:PrincipalArn` or `aws:SourceArn`',
      notApplicable: 'condition key `{{key}}` applies to none of the actions of the statement ({{actions}})',
      notApplicableAlwaysTrue:
        'condition key `{{key}}` applies to none of the actions of the statement ({{actions}}): the requests never carry it, so `{{operator}}` is always true and limits nothing the statement {{verb}}',
      notApplicableToService:
        'condition key `{{key}}` applies to no action of {{services}} in the statement ({{actions}}): `{{operator}}` is never true for them, so the statement never {{verb}} them',
      notActionTag:
        '`NotAction` with `{{operator}}` on `{{key}}`: this {{effect}} {{consequence}} the actions whose requests never carry the tag key (those of most services); list the actions with `Action` instead',
      notApplicableToActions:
        'condition key `{{key}}` is never in the requests of {{actions}}: `{{operator}}` is never true for them, so the statement never {{verb}} them (keep them in a statement of their own)',
      vacuousForAllValues:
        '`{{operator}}` on `{{key}}` is true for {{actions}}, whose requests never carry the key: the statement allows them without that condition',
    },
  },
  examples: {
    valid: [
      {
        name: 'the HTTP task policy of the Step Functions documentation (`states:HTTPEndpoint`, which the reference defines but lists for no action)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'states:InvokeHTTPEndpoint',
              Resource: 'arn:aws:states:us-east-1:111122223333:stateMachine:checkout',
              Condition: {
                StringEquals: { 'states:HTTPMethod': 'POST' },
                StringLike: { 'states:HTTPEndpoint': 'https://api.example.com/*' },
              },
            },
          ],
        },
      },
      {
        name: 'reads limited to own items by `ForAllValues` on `dynamodb:LeadingKeys`, every action carrying the key',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
              Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Scores',
              Condition: {
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
              },
            },
          ],
        },
      },
      {
        name: 'tagging roles with one tag key (`ForAllValues` on `aws:TagKeys`) beside listing their tags',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:TagRole', 'iam:UntagRole', 'iam:ListRoleTags'],
              Resource: 'arn:aws:iam::111122223333:role/*',
              Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['CostCenter'] } },
            },
          ],
        },
      },
      {
        name: "a service key of the statement's action and a global key",
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::reports',
              Condition: {
                StringLike: { 's3:prefix': ['home/${aws:username}/*'] },
                Bool: { 'aws:SecureTransport': 'true' },
              },
            },
          ],
        },
      },
      {
        name: 'an OIDC provider claim in a trust policy',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
              },
            },
          ],
        },
      },
      {
        name: 'a Deny of every EC2 action on production instances: actions of EC2 that act on no tagged resource are not its concern',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
            },
          ],
        },
      },
      {
        name: 'a Deny with NotAction on requests without a tag (`Null` tests the absence on purpose)',
        type: 'scp',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: 'iam:*',
              Resource: '*',
              Condition: { Null: { 'aws:RequestTag/cost-center': 'true' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a misspelt global key gets a suggestion',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: 's3:*',
              Resource: '*',
              Condition: { NotIpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } },
            },
          ],
        },
        errors: [{ messageId: 'unknownKey', pointer: '/Statement/0/Condition/NotIpAddress/aws:SourceIpp' }],
      },
      {
        name: 'an IAM tag key on EC2 and S3 actions',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:StartInstances', 's3:GetObject'],
              Resource: '*',
              Condition: { StringEquals: { 'iam:ResourceTag/status': 'prod' } },
            },
          ],
        },
        errors: [{ messageId: 'notApplicable' }],
      },
      {
        name: 'a key without a service prefix',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::reports',
              Condition: { DateGreaterThan: { bad: '2019-07-16T12:00:00Z' } },
            },
          ],
        },
        errors: [{ messageId: 'malformedKey' }],
      },
      {
        name: 'layers excluded by a tag they cannot carry: `StringNotEquals` is always true, every layer is readable',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'lambda:GetLayerVersion',
              Resource: 'arn:aws:lambda:*:*:layer:*:*',
              Condition: { StringNotEquals: { 'aws:ResourceTag/scanner': 'false' } },
            },
          ],
        },
        errors: [
          {
            messageId: 'notApplicableAlwaysTrue',
            pointer: '/Statement/0/Condition/StringNotEquals/aws:ResourceTag~1scanner',
          },
        ],
      },
      {
        name: 'a Scan beside reads limited to own items by `ForAllValues` on `dynamodb:LeadingKeys`',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
              Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Scores',
              Condition: {
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
              },
            },
          ],
        },
        errors: [
          {
            messageId: 'vacuousForAllValues',
            pointer: '/Statement/0/Condition/ForAllValues:StringEquals/dynamodb:LeadingKeys',
          },
        ],
      },
      {
        name: 'a Deny on production resources that names a Route 53 action: hosted zones have no such key, so it is never denied',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['ec2:TerminateInstances', 'route53:DeleteHostedZone'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
            },
          ],
        },
        errors: [
          { messageId: 'notApplicableToService', pointer: '/Statement/0/Condition/StringEquals/aws:ResourceTag~1env' },
        ],
      },
      {
        name: 'objects read under a prefix condition that only listing carries: `s3:GetObject` is never allowed',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket', 's3:GetObject'],
              Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
              Condition: { StringLike: { 's3:prefix': 'home/alice/*' } },
            },
          ],
        },
        errors: [{ messageId: 'notApplicableToActions', pointer: '/Statement/0/Condition/StringLike/s3:prefix' }],
      },
      {
        name: 'a Deny of everything but IAM on production resources: the services without resource tags are not denied',
        type: 'scp',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: 'iam:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
            },
          ],
        },
        errors: [{ messageId: 'notActionTag' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject) || !catalogKnowsActions(context.catalog)) return;
    for (const statement of subject.parsed.value.statements) {
      let actions: string[] | undefined | null = null;
      for (const clause of statement.conditions) {
        const key = clause.key;
        if (key === '') continue;
        const colon = key.indexOf(':');
        if (colon <= 0 || colon === key.length - 1) {
          context.report({ messageId: 'malformedKey', data: { key }, statement, pointer: clause.pointer, key });
          continue;
        }
        const prefix = key.slice(0, colon).toLowerCase();
        const info = getConditionKey(key);
        if (info === undefined) {
          if (prefix === 'aws' && key.toLowerCase() === 'aws:arn') {
            context.report({ messageId: 'deprecatedKey', statement, pointer: clause.pointer, key });
            continue;
          }
          // Keys of identity providers (`accounts.google.com:aud`, a SAML or OIDC URL) are not
          // all in the catalog; only `aws:` keys and keys of a known service can be called unknown.
          if (prefix !== 'aws' && getService(prefix) === undefined) continue;
          context.report({
            messageId: 'unknownKey',
            data: { key, suggestion: didYouMean(suggestConditionKey(key)) },
            statement,
            pointer: clause.pointer,
            key,
          });
          continue;
        }
        if (!appliesToServiceOrTags(info.global, info.service, prefix, key)) continue;
        // A positive test of an absent key is false: the statement does not apply to that request.
        const positive =
          !clause.ifExists &&
          clause.setOperator !== 'ForAllValues' &&
          !clause.baseOperator.includes('Not') &&
          clause.baseOperator !== 'Null';
        if (statement.action?.negated === true) {
          if (info.global && positive) {
            context.report({
              messageId: 'notActionTag',
              data: {
                effect: statement.effect,
                operator: clause.operator,
                key,
                consequence: statement.effect === 'Deny' ? 'does not deny' : 'never allows',
              },
              statement,
              pointer: clause.pointer,
              key,
              evidence: { key },
            });
          }
          continue;
        }
        actions ??= concreteActions(context.catalog, statement);
        if (actions === undefined || actions.length === 0 || actions.length > MAX_ACTIONS) continue;
        const lacking = actions.filter((action) => getConditionKey(key, action)?.appliesToAction === false);
        if (lacking.length < actions.length) {
          const uncovered = positive ? lackingServices(actions, lacking) : [];
          if (uncovered.length > 0) {
            context.report({
              messageId: 'notApplicableToService',
              data: {
                key,
                operator: clause.operator,
                services: listValues(uniqueServices(uncovered)),
                actions: listValues(uncovered),
                verb: statement.effect === 'Deny' ? 'denies' : 'allows',
              },
              statement,
              pointer: clause.pointer,
              key,
              evidence: { key, actions: uncovered },
            });
          }
          // Some actions carry the key. Under `ForAllValues` an Allow still grants the others; a
          // `List` action beside them (`iam:ListRoleTags` with tagging) only shows names.
          // Named one by one, beside actions of their service that carry the key: no pattern
          // brought them in, so the author meant the condition for them (`s3:GetObject` beside
          // `s3:ListBucket` under `s3:prefix`). Global tag keys are left out: the reference lists
          // them for fewer actions than carry them.
          const named =
            positive && !info.global ? namedExactly(statement.action?.values ?? [], lacking, uncovered) : [];
          if (named.length > 0) {
            context.report({
              messageId: 'notApplicableToActions',
              data: {
                key,
                operator: clause.operator,
                actions: listValues(named),
                verb: statement.effect === 'Deny' ? 'denies' : 'allows',
              },
              statement,
              pointer: clause.pointer,
              key,
              evidence: { key, actions: named },
            });
          }
          const granted = lacking.filter((action) => context.catalog.accessLevel(action) !== 'List');
          if (granted.length > 0 && statement.effect === 'Allow' && clause.setOperator === 'ForAllValues')
            context.report({
              messageId: 'vacuousForAllValues',
              data: { operator: clause.operator, key, actions: listValues(granted) },
              statement,
              pointer: clause.pointer,
              key,
              evidence: { key, actions: granted },
            });
          continue;
        }
        const actionList = listValues(statement.action?.values ?? []);
        context.report({
          ...(trueWithoutKey(clause)
            ? {
                messageId: 'notApplicableAlwaysTrue' as const,
                data: {
                  key,
                  actions: actionList,
                  operator: clause.operator,
                  verb: statement.effect === 'Deny' ? 'denies' : 'allows',
                },
              }
            : { messageId: 'notApplicable' as const, data: { key, actions: actionList } }),
          statement,
          pointer: clause.pointer,
          key,
          evidence: { key, actions: statement.action?.values ?? [] },
        });
      }
    }
  },
});

/**
 * Is the clause true for a request without its key: a negated operator (`StringNotEquals` on a
 * tag the resource type cannot carry lets every request through), `...IfExists`, `ForAllValues`
 * or `Null` `true`?
 */
function trueWithoutKey(clause: ConditionClause): boolean {
  if (clause.baseOperator === 'Null')
    return clause.values.length > 0 && clause.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true');
  return clause.ifExists || clause.setOperator === 'ForAllValues' || clause.baseOperator.includes('Not');
}

/**
 * Applicability is only judged for keys of a service prefix (`s3:prefix`, `iam:ResourceTag/x`)
 * and the global tag keys that actions list one by one: the catalog does not tie identity
 * provider keys (`saml:aud`, OIDC claims) to the actions that carry them.
 */
function appliesToServiceOrTags(global: boolean, service: string | undefined, prefix: string, key: string): boolean {
  if (global) return /^aws:(requesttag|resourcetag|tagkeys)/i.test(key);
  return service !== undefined && service === prefix;
}

const serviceOf = (action: string): string => action.slice(0, action.indexOf(':')).toLowerCase();

/**
 * Actions authorized inside the request of another (the session actions of an `AssumeRole*`
 * call): they see that request's keys (`sts:ExternalId` beside `sts:TagSession`), whatever the
 * reference lists for them.
 */
const RIDING_ACTIONS = new Set(['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** The actions of `lacking`, not in `reported`, that the statement writes out whole (not through a pattern). */
function namedExactly(values: readonly string[], lacking: readonly string[], reported: readonly string[]): string[] {
  const written = new Set(values.filter((v) => !/[*?]/.test(v)).map((v) => v.toLowerCase()));
  const already = new Set(reported.map((a) => a.toLowerCase()));
  return lacking.filter((action) => {
    const lower = action.toLowerCase();
    return written.has(lower) && !already.has(lower) && !RIDING_ACTIONS.has(lower);
  });
}

function uniqueServices(actions: readonly string[]): string[] {
  return [...new Set(actions.map(serviceOf))];
}

/**
 * The actions lacking the key whose service has no action in the statement that carries it. One
 * lacking it beside actions of its own service that carry it is left alone: a pattern over a
 * service (`ec2:*`) covers actions that act on no tagged resource, which the condition is not about.
 */
function lackingServices(actions: readonly string[], lacking: readonly string[]): string[] {
  const missing = new Set(lacking);
  const carrying = new Set(actions.filter((a) => !missing.has(a)).map(serviceOf));
  return lacking.filter((a) => !carrying.has(serviceOf(a)));
}
