import { defineRule } from '../rule';
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
      "A condition key that does not exist (`s3:prefx`), that is not in `service:key` form, that none of the statement's actions supports (a key of another service), or that some actions of an Allow never carry while `ForAllValues` tests it.",
    rationale:
      'A key missing from the request context makes its condition false: an Allow then never applies and a Deny never protects (unless `IfExists` turns it into an unconditional match). `ForAllValues` is the reverse: it is true when the key is absent, so an Allow of `dynamodb:Scan` beside `dynamodb:Query` under `ForAllValues` on `dynamodb:LeadingKeys` lets the caller read every item (`Scan` requests carry no leading keys). Use a key the Service Authorization Reference lists for the actions of the statement, and keep actions that lack it out of the statement.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      malformedKey: 'condition key `{{key}}` is not in the `service:key` form',
      unknownKey: 'condition key `{{key}}` does not exist{{suggestion}}',
      deprecatedKey: 'condition key `aws:ARN` is not supported; use `aws:PrincipalArn` or `aws:SourceArn`',
      notApplicable: 'condition key `{{key}}` applies to none of the actions of the statement ({{actions}})',
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
        actions ??= concreteActions(context.catalog, statement);
        if (actions === undefined || actions.length === 0 || actions.length > MAX_ACTIONS) continue;
        const lacking = actions.filter((action) => getConditionKey(key, action)?.appliesToAction === false);
        if (lacking.length < actions.length) {
          // Some actions carry the key. Under `ForAllValues` an Allow still grants the others; a
          // `List` action beside them (`iam:ListRoleTags` with tagging) only shows names.
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
        context.report({
          messageId: 'notApplicable',
          data: { key, actions: listValues(statement.action?.values ?? []) },
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
 * Applicability is only judged for keys of a service prefix (`s3:prefix`, `iam:ResourceTag/x`)
 * and the global tag keys that actions list one by one: the catalog does not tie identity
 * provider keys (`saml:aud`, OIDC claims) to the actions that carry them.
 */
function appliesToServiceOrTags(global: boolean, service: string | undefined, prefix: string, key: string): boolean {
  if (global) return /^aws:(requesttag|resourcetag|tagkeys)/i.test(key);
  return service !== undefined && service === prefix;
}
