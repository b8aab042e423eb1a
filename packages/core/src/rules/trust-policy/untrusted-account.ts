import { defineRule } from '../rule';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import type { ConditionClause, Statement } from '../../model/policy';
import { neverPrincipalArn } from '../../model/principal-arn';
import { isSymbolic, valueToString } from '../../model/symbolic';
import { hasWildcard } from '../../match/wildcard';
import type { Hole, PolicyValue } from '../../model/symbolic';
import { listValues, ownerOf } from '../describe';
import {
  deniesCallersWithoutKey,
  fencesCovering,
  fencesOf,
  isPlainText,
  neverHolds,
  restrictingClauses,
  restrictsValues,
} from '../statement-helpers';
import type { Fence } from '../statement-helpers';
import {
  ACCESS_POINT_KEYS,
  accountHoles,
  accountIn,
  accountsNamed,
  CALLER_KEYS,
  CALLER_ORGANIZATION_KEYS,
  foreignAccountHole,
  isAnyPrincipal,
  isLiteralAccount,
  isOwnAccount,
  organizationChoices,
  organizationHoles,
  organizationsNamed,
  servicesByCondition,
  SOURCE_KEYS,
  SOURCE_ORGANIZATION_KEYS,
  withinTrustedOrganization,
} from '../trust/condition-accounts';
import {
  ACCOUNT_PATH_SERVICES,
  elbAccountOf,
  ELB_LOG_DELIVERY_ACTIONS,
  LOG_WRITE_ACTIONS,
  logPathAccounts,
} from '../data/aws-service-accounts';

const ACCOUNT_IN_ARN = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

const anyone = (condition: unknown): unknown => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition }],
});

// A bucket for everyone (`Principal: "*"` reading `shared-data`) and Denies of everyone on the
// whole bucket under each of `conditions`: the data perimeter AWS documents.
const fencedBucket = (...conditions: unknown[]): unknown => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' },
    ...conditions.map((condition) => ({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::shared-data', 'arn:aws:s3:::shared-data/*'],
      Condition: condition,
    })),
  ],
});

/** A trust or resource policy grants an AWS account the configuration does not trust. */
export default defineRule({
  meta: {
    id: 'trust-policy/untrusted-account',
    description:
      'A trust or resource policy grants access to an AWS account that is not among `trust.accounts`, or to an organization not among `trust.organizationIds` when it lists some (checked only when the configuration lists trusted accounts or organizations). An account is granted when the principal names it, when `Principal: "*"` is confined to it (`aws:PrincipalAccount`, `kms:CallerAccount`, the account of `aws:PrincipalArn`; `s3:DataAccessPointAccount` or the account of `s3:DataAccessPointArn`, which let the access points of that account decide who reaches a bucket, when nothing else confines the callers: their account, their organization or a fence), when `Principal: "*"` is fenced to it by a Deny of everyone outside some accounts or organizations (`StringNotEquals` or `StringNotEqualsIfExists` on `aws:PrincipalAccount` or `aws:PrincipalOrgID`, or on `s3:DataAccessPointAccount` when no other Deny fences the callers, or `StringNotLike` on `aws:PrincipalOrgPaths`, which leaves the organization heading each path, or `ArnNotLike` (`ArnNotEquals`, `StringNotLike`, `StringNotEquals`) on `aws:PrincipalArn`, which leaves the accounts its ARNs name, none for an ARN no caller has (a role session\'s `assumed-role` ARN: `aws:PrincipalArn` holds the role\'s): a negated test holds when the key is missing, so the plain operator refuses anonymous callers, who carry no `aws:PrincipalArn`, as `...IfExists` does; each also under `ForAllValues`; `${aws:ResourceAccount}` and `${aws:ResourceOrgID}` there stand for the account and organization of the policy, trusted; with or without the `BoolIfExists` `aws:PrincipalIsAWSService` `false` that lets services through; a Deny of every principal but those its `NotPrincipal` lists leaves the accounts of those principals; each Deny judged on its own, none reported when one leaves only trusted accounts and organizations, the finding naming the Deny; as for the `Allow` form, an account the Deny leaves is trusted when it is the account of the policy, so a policy whose account is not known (linted alone, or a plan without `data.aws_caller_identity`) that fences to its own account is reported unless `trust.accounts` lists it) and when a service principal (or `Principal: "*"`, which such a condition confines to services) may assume the role, or use the resource, for the resources of an account (`aws:SourceAccount`, `aws:SourceOwner`, the account of `aws:SourceArn`; for EKS Pod Identity, the account of the cluster its session tag `aws:RequestTag/eks-cluster-arn` names) or of an organization (`aws:SourceOrgID`, `aws:SourceOrgPaths`). The account of the role or resource is trusted, also when known only after deploy (`${AWS::AccountId}`, the account of the Terraform provider); another account known only after deploy in a principal ARN (`arn:aws:iam::${Partner}:root`, `Partner` a parameter or variable) or in an account condition (`kms:CallerAccount`, `aws:PrincipalAccount`, `aws:SourceAccount`), or an organization known only after deploy in `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:SourceOrgID` or `aws:SourceOrgPaths` when trusted organizations are listed, is reported `unverifiable`, the check not being able to decide, whether it comes from an input or from another resource (an account the input creates, a remote state output); when the input lists the values it may take (the `AllowedValues` of a CloudFormation parameter), each of them is judged instead. The organization the input itself creates or reads through its own account (a Terraform `aws_organizations_organization`, a CloudFormation `AWS::Organizations::Organization`) is the trusted one when `trust.organizationIds` lists exactly one, and unverifiable when it lists more. The Elastic Load Balancing account of a Region (owned by AWS, listed in the Elastic Load Balancing guide) granted only `s3:PutObject` is AWS\'s delivery of access logs, not an untrusted account: the accounts its source conditions name (`aws:SourceAccount`), or else the account of the `AWSLogs/<account-id>/` path it writes under (as for the `logdelivery.elasticloadbalancing.amazonaws.com` and `delivery.logs.amazonaws.com` services), are those whose load balancers it serves, reported when not trusted; confused-deputy reports it when it may write outside `AWSLogs/<account-id>/`; granted anything more (reads, `s3:*`) it is reported as any other account. A CloudFront origin access identity (`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E...`) names no account and is not reported.',
    rationale:
      'Cross-account access is the way in for a compromised or unknown account. List the accounts you trust in `trust.accounts` (or restrict the statement with `aws:PrincipalOrgID` to one of `trust.organizationIds`); anything else is reported. `Principal: "*"` with `aws:PrincipalAccount`, `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths` grants the accounts or organization these name, and so does `Principal: "*"` behind a Deny of everyone outside them (the data perimeter: a perimeter copied with the id of another organization opens the resource to that organization), a service role whose trust policy names another account in `aws:SourceAccount` is there to be used for the resources of that account, and a bucket, queue, topic or key whose policy lets a service act for the resources of another account (its trail, its Config recorder, its topic) lets that account have the service write to it or read from it.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['trust', 'resource'], resources: true },
    messages: {
      untrustedAccount: '{{owner}} grants access to account `{{account}}`, which is not among the trusted accounts',
      untrustedAccountChoice:
        '{{owner}} grants access to account `{{account}}` when it is {{input}} (one of the values it may take), which is not among the trusted accounts',
      untrustedLogOwner:
        '{{owner}} lets the Elastic Load Balancing account `{{elb}}` write the access logs of account `{{account}}`, which is not among the trusted accounts',
      untrustedSource:
        '{{owner}} lets {{services}} {{act}} for the resources of account `{{account}}`, which is not among the trusted accounts',
      untrustedPodCluster:
        '{{owner}} lets {{who}} assume it through EKS Pod Identity (`pods.eks.amazonaws.com`): account `{{account}}` is not among the trusted accounts',
      untrustedRolesAnywhere:
        '{{owner}} lets the certificates of {{who}} assume it through IAM Roles Anywhere: account `{{account}}` is not among the trusted accounts',
      untrustedSourceOrganization:
        '{{owner}} lets {{services}} {{act}} for the resources of organization `{{organization}}`, which is not among the trusted organizations',
      untrustedOrganization:
        '{{owner}} grants access to the principals of organization `{{organization}}`, which is not among the trusted organizations',
      fencedAccount:
        '{{owner}} grants access (`Principal` `*` fenced by the Deny at `{{deny}}`) to account `{{account}}`, which is not among the trusted accounts',
      fencedOrganization:
        '{{owner}} grants access (`Principal` `*` fenced by the Deny at `{{deny}}`) to the principals of organization `{{organization}}`, which is not among the trusted organizations',
    },
  },
  examples: {
    valid: [
      {
        name: 'EKS Pod Identity for the pods of one cluster of the account, named by its session tag',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'pods.eks.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Condition: {
                StringEquals: { 'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod' },
              },
            },
          ],
        },
      },
      {
        name: 'a trust of another account whose roles are named by their `assumed-role` session ARN (`aws:PrincipalArn` holds the role ARN: it admits no one)',
        type: 'trust',
        principal: { kind: 'role', name: 'audit' },
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::777788889999:root' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::777788889999:assumed-role/*' } },
            },
          ],
        },
      },
      {
        name: "a bucket for everyone fenced to the resource's own account by policy variable (`${aws:ResourceAccount}`)",
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: fencedBucket({ StringNotEqualsIfExists: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }),
      },
      {
        name: 'a bucket for everyone fenced to an organizational unit of the trusted organization (`aws:PrincipalOrgPaths`)',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({
          'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
        }),
      },
      {
        name: 'a bucket for everyone fenced to roles of the trusted account (`ArnNotLike` `aws:PrincipalArn`, which anonymous callers, without the key, do not pass)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/readers-*' } }),
      },
      {
        name: 'a bucket for everyone fenced by a Deny to the principals of the trusted organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
      },
      {
        name: 'a bucket for everyone fenced to a trusted organization and, by a second Deny, to a trusted and another account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket(
          { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } },
        ),
      },
      {
        name: 'a bucket for everyone fenced to two accounts and, by a second Deny, to the trusted one',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket(
          { StringNotEquals: { 'aws:PrincipalAccount': ['444455556666', '555566667777'] } },
          { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } },
        ),
      },
      {
        name: 'a bucket for a logging service with its source, beside a Deny outside another organization (services have none)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::shared-data/*',
              Condition: {
                StringEquals: {
                  'aws:PrincipalServiceName': 'logging.s3.amazonaws.com',
                  'aws:SourceAccount': '111122223333',
                },
              },
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ['arn:aws:s3:::shared-data', 'arn:aws:s3:::shared-data/*'],
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' } },
            },
          ],
        },
      },
      {
        name: 'a bucket for everyone beside a Deny outside the empty organization (no fence: it names none)',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({ StringNotEquals: { 'aws:PrincipalOrgID': '' } }),
      },
      {
        name: 'a trusted account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:role/deployer' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      },
      {
        name: 'any account of a trusted organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['123456789012', '210987654321'] },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
      {
        name: 'the Elastic Load Balancing account of the Region writing access logs to a bucket',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/111122223333/*',
            },
          ],
        },
      },
      {
        name: 'anyone confined to one role of a trusted account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: anyone({
          StringEquals: { 'aws:PrincipalAccount': '444455556666' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/deployer' },
        }),
      },
      {
        name: 'a key the principals of a trusted account use through one service',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: {
                StringEquals: { 'kms:CallerAccount': '444455556666', 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' },
              },
            },
          ],
        },
      },
      {
        name: 'an account confined to a path of a trusted organization',
        type: 'trust',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '999988887777' },
              Action: 'sts:AssumeRole',
              Condition: {
                'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
              },
            },
          ],
        },
      },
      {
        name: 'anyone of an organization, when the configuration lists accounts only',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'events:PutEvents',
              Resource: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
      {
        name: 'a service role for the resources of a trusted account',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'scheduler.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
            },
          ],
        },
      },
      {
        name: 'a bucket policy letting AWS Config deliver for a trusted account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::config-history/AWSLogs/111122223333/Config/*',
              Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
            },
          ],
        },
      },
      {
        name: 'no trusted accounts configured: nothing to check against',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' }],
        },
      },
      {
        name: 'a bucket for everyone fenced to the role sessions of another account by their `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN, never that one: the Deny lets no one through)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:sts::777788889999:assumed-role/*' } }),
      },
      {
        name: 'a bucket for everyone where `aws:PrincipalArn` is like a role session of another account (no caller has that ARN: the grant reaches no one)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-data/*',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::777788889999:assumed-role/reader/*' } },
            },
          ],
        },
      },
      {
        name: "a partner's access points choosing among the principals of a trusted account",
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-lake/*',
              Condition: {
                StringEquals: { 'aws:PrincipalAccount': '444455556666', 's3:DataAccessPointAccount': '999988887777' },
              },
            },
          ],
        },
      },
      {
        name: 'a bucket for everyone fenced to the access points of its own account (`${aws:ResourceAccount}`)',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-lake/*' },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ['arn:aws:s3:::shared-lake', 'arn:aws:s3:::shared-lake/*'],
              Condition: { StringNotEquals: { 's3:DataAccessPointAccount': '${aws:ResourceAccount}' } },
            },
          ],
        },
      },
      {
        name: 'a role for `*` through the access points of an unknown account, which no role session goes through',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 's3:DataAccessPointAccount': '999988887777' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: "the Elastic Load Balancing account, and the log delivery service, writing another account's access logs (`AWSLogs/<account-id>/`)",
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/999988887777/*',
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/999988887777/*',
            },
          ],
        },
        errors: [
          { messageId: 'untrustedLogOwner', pointer: '/Statement/0' },
          { messageId: 'untrustedSource', pointer: '/Statement/1' },
        ],
      },
      {
        name: "the Elastic Load Balancing account bound by `aws:SourceAccount` to another account's load balancers, as its service is",
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::127311923021:root' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/*',
              Condition: { StringEquals: { 'aws:SourceAccount': '999988887777' } },
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/*',
              Condition: { StringEquals: { 'aws:SourceAccount': '999988887777' } },
            },
          ],
        },
        errors: [
          { messageId: 'untrustedLogOwner', pointer: '/Statement/0' },
          { messageId: 'untrustedSource', pointer: '/Statement/1' },
        ],
      },
      {
        name: "a bucket for everyone fenced to the resource's own account and an unknown one",
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: fencedBucket({
          StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['${aws:ResourceAccount}', '999988887777'] },
        }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced to an organizational unit of another organization (`aws:PrincipalOrgPaths`)',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({ 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-zz99yy88xx/r-zz99/*' } }),
        errors: [{ messageId: 'fencedOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced under `ForAllValues` to another account (`aws:PrincipalAccount`)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({ 'ForAllValues:StringNotEquals': { 'aws:PrincipalAccount': '999988887777' } }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced under `ForAllValues` to another organization (`aws:PrincipalOrgID`)',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({ 'ForAllValues:StringNotEquals': { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } }),
        errors: [{ messageId: 'fencedOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'any principal of an unknown account under `StringEqualsIfExists` beside `Null` `false`: that account is granted',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-data/*',
              Condition: {
                StringEqualsIfExists: { 'aws:PrincipalAccount': '999988887777' },
                Null: { 'aws:PrincipalAccount': 'false' },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a role of the Elastic Load Balancing account, not the account AWS documents, granted to write under another account path',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:role/writer' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::alb-logs/AWSLogs/111122223333/*',
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'the Elastic Load Balancing account granted more than writing its logs',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::156460612806:root' },
              Action: ['s3:PutObject', 's3:GetObject'],
              Resource: 'arn:aws:s3:::alb-logs/*',
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount' }],
      },
      {
        name: 'a role trusting an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket policy granting to a role of an unknown account',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:role/etl' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
          ],
        },
        errors: [
          { messageId: 'untrustedAccount', pointer: '/Statement/0' },
          { messageId: 'untrustedAccount', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'anyone confined to an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: anyone({ StringEquals: { 'aws:PrincipalAccount': ['444455556666', '999988887777'] } }),
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone confined to a role of an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['444455556666'] } },
        document: anyone({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999988887777:role/deployer' } }),
        errors: [{ messageId: 'untrustedAccount' }],
      },
      {
        name: 'a key any principal of an unknown account may use (`kms:CallerAccount`)',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'kms:Decrypt',
              Resource: '*',
              Condition: { StringEquals: { 'kms:CallerAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket delegating its access control to the access points of an unknown account (`s3:DataAccessPointAccount`)',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: '*',
              Resource: ['arn:aws:s3:::shared-lake', 'arn:aws:s3:::shared-lake/*'],
              Condition: { StringEquals: { 's3:DataAccessPointAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced by a Deny to the access points of an unknown account (`StringNotEquals` `s3:DataAccessPointAccount`)',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-lake/*' },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ['arn:aws:s3:::shared-lake', 'arn:aws:s3:::shared-lake/*'],
              Condition: { StringNotEquals: { 's3:DataAccessPointAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'the principals of an unknown account, through the access points of a trusted one',
        type: 'resource',
        settings: { trust: { accounts: ['444455556666'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-lake/*',
              Condition: {
                StringEquals: { 'aws:PrincipalAccount': '999988887777', 's3:DataAccessPointAccount': '444455556666' },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'anyone of another organization',
        type: 'trust',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: anyone({ StringEquals: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' } }),
        errors: [{ messageId: 'untrustedOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'an account confined to a path of another organization',
        type: 'trust',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '999988887777' },
              Action: 'sts:AssumeRole',
              Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zz99yy88xx/*' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedAccount' }],
      },
      {
        name: 'a service role for the resources of an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:999988887777:rule/*' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedSource' }],
      },
      {
        name: 'EKS Pod Identity for the pods of a cluster of an unknown account (its session tag `eks-cluster-arn`)',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'pods.eks.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Condition: {
                StringEquals: {
                  'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:999988887777:cluster/prod',
                  'aws:RequestTag/kubernetes-namespace': 'payments',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedPodCluster', pointer: '/Statement/0' }],
      },
      {
        name: 'IAM Roles Anywhere for the certificates of a trust anchor of an unknown account',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'rolesanywhere.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
              Condition: {
                ArnEquals: {
                  'aws:SourceArn':
                    'arn:aws:rolesanywhere:eu-west-1:999988887777:trust-anchor/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedRolesAnywhere', pointer: '/Statement/0' }],
      },
      {
        name: 'EKS Pod Identity for any pod of any cluster of an unknown account (`aws:SourceAccount`)',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'pods.eks.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Condition: { StringEquals: { 'aws:SourceAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedPodCluster', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket policy letting CloudTrail write for the trail of an unknown account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::trail-logs/AWSLogs/*',
              Condition: {
                StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/main' },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedSource', pointer: '/Statement/0' }],
      },
      {
        name: 'a queue for SNS (`Principal: "*"` narrowed by `aws:PrincipalServiceName`) publishing for the topics of an unknown account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs',
              Condition: {
                StringEquals: { 'aws:PrincipalServiceName': 'sns.amazonaws.com', 'aws:SourceAccount': '999988887777' },
              },
            },
          ],
        },
        errors: [{ messageId: 'untrustedSource', pointer: '/Statement/0' }],
      },
      {
        name: 'a service role for the functions of an unknown account under `StringEqualsIfExists`: it still serves that account',
        type: 'trust',
        settings: { trust: { accounts: ['111122223333'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '999988887777' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedSource' }],
      },
      {
        name: 'a bucket for everyone fenced by a Deny to the principals of another organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' } }),
        errors: [{ messageId: 'fencedOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced to roles of another account and to role sessions by their `assumed-role` ARN (which lets no one through: the role ARNs are the fence)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({
          ArnNotLike: {
            'aws:PrincipalArn': ['arn:aws:iam::777788889999:role/*', 'arn:aws:sts::111122223333:assumed-role/*'],
          },
        }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced to roles of another account (`ArnNotLike` `aws:PrincipalArn`)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::777788889999:role/*' } }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced to a role of the trusted account and one of another (`ArnNotEqualsIfExists`)',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({
          ArnNotEqualsIfExists: {
            'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/reader', 'arn:aws:iam::777788889999:role/reader'],
          },
        }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced by a Deny to the principals of an unknown account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket({ StringNotEquals: { 'aws:PrincipalAccount': '999988887777' } }),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced as AWS documents (services let through) to another organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: fencedBucket({
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-zz99yy88xx' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        }),
        errors: [{ messageId: 'fencedOrganization', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone fenced by two Denies that both leave one untrusted account',
        type: 'resource',
        settings: { trust: { accounts: ['111122223333'] } },
        document: fencedBucket(
          { StringNotEquals: { 'aws:PrincipalAccount': ['444455556666', '555566667777'] } },
          { StringNotEquals: { 'aws:PrincipalAccount': ['444455556666', '666677778888'] } },
        ),
        errors: [{ messageId: 'fencedAccount', pointer: '/Statement/0' }],
      },
      {
        name: 'a queue policy letting SNS send for the topics of another organization',
        type: 'resource',
        settings: { trust: { organizationIds: ['o-a1b2c3d4e5'] } },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs',
              Condition: { StringEquals: { 'aws:SourceOrgID': 'o-zz99yy88xx' } },
            },
          ],
        },
        errors: [{ messageId: 'untrustedSourceOrganization' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isEndpointFilter(subject.resource?.type)) return;
    if (!subject.parsed.ok) return;
    const { accounts = [], organizationIds = [] } = context.settings.trust;
    if (accounts.length === 0 && organizationIds.length === 0) return;
    const own = new Set(
      [subject.principal?.account, subject.resource?.account, accountOf(subject.resource?.arn)].filter(
        (a): a is string => a !== undefined,
      ),
    );
    const trusted = (account: string): boolean => own.has(account) || accounts.includes(account);
    const statements = subject.parsed.value.statements;
    for (const statement of statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      // A condition no request meets (an `aws:PrincipalArn` no caller has) admits no one.
      if (statement.conditions.some(neverHolds)) continue;
      if (withinTrustedOrganization(statement, organizationIds)) continue;
      const reported = new Set<string>();
      // An account that an input may be (one of a parameter's `AllowedValues`), named with the input.
      const reportChoice =
        (hole: Hole) =>
        (account: string): void => {
          if (trusted(account)) return;
          context.report({
            messageId: 'untrustedAccountChoice',
            data: { owner: ownerOf(subject), account, input: hole.source },
            statement,
            key: account,
            evidence: { account, input: hole.source },
          });
        };
      const report = (account: string): void => {
        if (trusted(account) || reported.has(account)) return;
        reported.add(account);
        context.report({
          messageId: 'untrustedAccount',
          data: { owner: ownerOf(subject), account },
          statement,
          key: account,
          evidence: { account },
        });
      };
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'AWS') continue;
        if (isSymbolic(entry.value)) {
          // `arn:aws:iam::${Partner}:root`: some account, which one is decided at deploy.
          const hole = foreignAccountHole(entry.value);
          if (hole !== undefined)
            judgeInput(
              statement,
              { hole, value: entry.value, pointer: statement.principal.pointer },
              'grants access to',
              reported,
              reportChoice(hole),
            );
          continue;
        }
        const account = /^\d{12}$/.test(entry.value) ? entry.value : ACCOUNT_IN_ARN.exec(entry.value)?.[1];
        if (account === undefined) continue;
        // AWS's log delivery of the Region, not an account to trust: it writes the logs of the
        // accounts whose `AWSLogs/<account-id>/` path it is given.
        if (isLogDelivery(statement, entry.value)) {
          for (const owner of logOwnersOf(statement)) {
            if (trusted(owner) || reported.has(owner)) continue;
            reported.add(owner);
            context.report({
              messageId: 'untrustedLogOwner',
              data: { owner: ownerOf(subject), elb: account, account: owner },
              statement,
              key: owner,
              evidence: { account: owner, logDeliveryAccount: account },
            });
          }
          continue;
        }
        report(account);
      }
      // `Principal: "*"` confined by its conditions to the principals of some accounts grants
      // those accounts as naming them would; a service confined to act for the resources of some
      // accounts (`aws:SourceAccount`) lets those accounts have the role used for them.
      const callers = isAnyPrincipal(statement) ? accountsNamed(statement, CALLER_KEYS) : undefined;
      for (const account of callers ?? []) if (isLiteralAccount(account)) report(account);
      // `kms:CallerAccount` or `aws:PrincipalAccount` from an input: the account it may be.
      for (const input of accountHoles(statement, CALLER_KEYS))
        if (callers?.has(`\${${input.hole.source}}`) === true)
          judgeInput(statement, input, 'grants access to', reported, reportChoice(input.hole));
      const reportOrganization = (organization: string): void => {
        if (organizationIds.includes(organization) || reported.has(organization)) return;
        reported.add(organization);
        context.report({
          messageId: 'untrustedOrganization',
          data: { owner: ownerOf(subject), organization },
          statement,
          key: organization,
          evidence: { organization },
        });
      };
      // `Principal: "*"` fenced by Denies of everyone outside some accounts or organizations (the
      // data perimeter AWS documents: `StringNotEqualsIfExists` `aws:PrincipalOrgID`) reaches
      // those. A service let through by `aws:PrincipalServiceName` has no organization to fence.
      const fenced =
        isAnyPrincipal(statement) &&
        callers === undefined &&
        servicesByCondition(statement).length === 0 &&
        judgeFences(statement, reported, reportChoice);
      // A bucket delegating to the access points of an account (`s3:DataAccessPointAccount`, the
      // account of `s3:DataAccessPointArn`) lets that account's access points decide who reaches
      // it: as granting it, unless the callers are confined besides (their account or
      // organization, a fence), when the access points only choose among those.
      // No `sts:AssumeRole` request goes through an access point: in a trust policy they admit no one.
      if (
        subject.type !== 'trust' &&
        isAnyPrincipal(statement) &&
        callers === undefined &&
        !fenced &&
        restrictingClauses(statement, CALLER_ORGANIZATION_KEYS).length === 0
      ) {
        const points = accountsNamed(statement, ACCESS_POINT_KEYS);
        for (const account of points ?? []) if (isLiteralAccount(account)) report(account);
        for (const input of accountHoles(statement, ACCESS_POINT_KEYS))
          if (points?.has(`\${${input.hole.source}}`) === true)
            judgeInput(statement, input, 'grants access to', reported, reportChoice(input.hole));
      }
      // Organizations are judged when the configuration names the trusted ones.
      if (isAnyPrincipal(statement) && callers === undefined && organizationIds.length > 0) {
        reportOrganizationHoles(
          statement,
          organizationHoles(statement, CALLER_ORGANIZATION_KEYS),
          'grants access to the principals of',
          reported,
          reportOrganization,
        );
        for (const organization of organizationsNamed(statement)) reportOrganization(organization);
      }
      // A service confined to act for the resources of some accounts (`aws:SourceAccount`, the
      // account of `aws:SourceArn`) or of an organization (`aws:SourceOrgID`) serves those: in a
      // trust policy it assumes the role for them, in a resource policy it uses the resource for them.
      const services = statement.principal.entries
        .filter((e) => e.type === 'Service')
        .map((e) => valueToString(e.value));
      // `Principal: "*"` with a source condition admits only the services that act for that source
      // (the older form of S3 and SNS notifications): as naming every service.
      const anyService = services.length === 0 && isAnyPrincipal(statement);
      if (
        (services.length === 0 && !anyService) ||
        withinTrustedOrganization(statement, organizationIds, SOURCE_ORGANIZATION_KEYS)
      )
        continue;
      const serving = {
        owner: ownerOf(subject),
        services: anyService ? anyServiceText(statement) : listValues(services, services.length),
        act: subject.type === 'trust' ? 'assume it' : 'use it',
      };
      // `StringEqualsIfExists` on `aws:SourceAccount` still lets the service act for the account it names.
      const sources = withPodClusters(statement, services, accountsNamed(statement, SOURCE_KEYS, { ifExists: true }));
      const reportSource = (account: string): void => {
        if (trusted(account) || reported.has(account)) return;
        reported.add(account);
        // Pod Identity and Roles Anywhere are services only in name: what gets the role is a pod of
        // a cluster, or the holder of a certificate of a trust anchor.
        const workload = services.length === 1 ? WORKLOAD_TRUSTS.get(services[0] ?? '') : undefined;
        if (workload !== undefined) {
          context.report({
            messageId: workload.messageId,
            data: { owner: serving.owner, account, who: workload.who(statement, account) },
            statement,
            key: account,
            evidence: { account },
          });
          return;
        }
        context.report({
          messageId: 'untrustedSource',
          data: { ...serving, account },
          statement,
          key: account,
          evidence: { account },
        });
      };
      for (const account of sources ?? []) if (isLiteralAccount(account)) reportSource(account);
      // A log delivery bound by the `AWSLogs/<account-id>/` path it writes under serves that account.
      if (sources === undefined && services.length > 0 && services.every((s) => ACCOUNT_PATH_SERVICES.has(s)))
        for (const account of pathAccountsOf(statement)) reportSource(account);
      for (const input of accountHoles(statement, SOURCE_KEYS))
        if (sources?.has(`\${${input.hole.source}}`) === true)
          judgeInput(
            statement,
            input,
            `lets ${serving.services} ${serving.act} for the resources of`,
            reported,
            reportSource,
          );
      if (sources === undefined && organizationIds.length > 0) {
        const reportSourceOrganization = (organization: string): void => {
          if (organizationIds.includes(organization) || reported.has(organization)) return;
          reported.add(organization);
          context.report({
            messageId: 'untrustedSourceOrganization',
            data: { ...serving, organization },
            statement,
            key: organization,
            evidence: { organization },
          });
        };
        reportOrganizationHoles(
          statement,
          organizationHoles(statement, SOURCE_ORGANIZATION_KEYS),
          `lets ${serving.services} ${serving.act} for the resources of`,
          reported,
          reportSourceOrganization,
        );
        for (const organization of organizationsNamed(statement, SOURCE_ORGANIZATION_KEYS))
          reportSourceOrganization(organization);
      }
    }

    /**
     * The accounts and organizations the Denies fencing `allow` leave it to. Each Deny applies on
     * its own, so the grant reaches only what every one of them leaves: none is reported when one
     * leaves only trusted accounts and organizations, nor a value another Deny of that one kind
     * leaves out. A value known only after deploy is judged as in the `Allow`, never passed.
     */
    function judgeFences(
      allow: Statement,
      reported: Set<string>,
      reportChoice: (hole: Hole) => (account: string) => void,
    ): boolean {
      const fences = fencesCovering(allow, fencesOf(statements, isPrincipalFence));
      // A Deny leaving only the access points of some accounts (`s3:DataAccessPointAccount`) lets
      // them choose among the callers the other Denies leave: it names who is granted only alone.
      const callerFences = fences.filter((f) => !isAccessPointFence(f));
      const judged = (f: Fence): boolean => callerFences.length === 0 || !isAccessPointFence(f);
      if (fences.length === 0) return false;
      if (fences.some((f) => judged(f) && leavesOnlyTrusted(f))) return true;
      for (const fence of fences) {
        const deny = fence.deny.pointer;
        const fencedBy = `grants access (\`Principal\` \`*\` fenced by the Deny at \`${deny}\`) to`;
        const accountKinds = judged(fence) ? ['accounts', 'accessPoints'] : ['accounts'];
        const accountClauses = fence.clauses.filter((c) =>
          accountKinds.includes(FENCE_KEYS[c.key.toLowerCase()] ?? ''),
        );
        const organizationClauses = fence.clauses.filter((c) => FENCE_KEYS[c.key.toLowerCase()] === 'organizations');
        for (const clause of accountClauses)
          for (const account of plainValues([clause])) {
            if (!isLiteralAccount(account) || trusted(account) || reported.has(account)) continue;
            if (leftOutByAnother(fences, fence, FENCE_KEYS[clause.key.toLowerCase()] ?? 'accounts', account)) continue;
            reported.add(account);
            context.report({
              messageId: 'fencedAccount',
              data: { owner: ownerOf(subject), account, deny },
              statement: allow,
              key: account,
              evidence: { account, deny },
            });
          }
        for (const input of accountHoles(allow, CALLER_KEYS, accountClauses))
          judgeInput(allow, input, fencedBy, reported, reportChoice(input.hole));
        if (organizationIds.length === 0) continue;
        for (const organization of plainValues(organizationClauses)) {
          if (!isOrganizationId(organization) || organizationIds.includes(organization)) continue;
          if (!leftOutByAnother(fences, fence, 'organizations', organization))
            reportOrganizationFenced(allow, organization, deny, reported);
        }
        reportOrganizationHoles(
          allow,
          organizationHoles(allow, CALLER_ORGANIZATION_KEYS, organizationClauses),
          `${fencedBy} the principals of`,
          reported,
          (organization) => {
            if (!organizationIds.includes(organization)) reportOrganizationFenced(allow, organization, deny, reported);
          },
        );
      }
      return true;
    }

    function reportOrganizationFenced(
      allow: Statement,
      organization: string,
      deny: string,
      reported: Set<string>,
    ): void {
      if (reported.has(organization)) return;
      reported.add(organization);
      context.report({
        messageId: 'fencedOrganization',
        data: { owner: ownerOf(subject), organization, deny },
        statement: allow,
        key: organization,
        evidence: { organization, deny },
      });
    }

    /** Whether the fence leaves only trusted accounts and organizations (or, for a value that is no organization id, no one). */
    function leavesOnlyTrusted(fence: Fence): boolean {
      return fence.clauses.every((clause) => {
        const kind = FENCE_KEYS[clause.key.toLowerCase()];
        return clause.values.every((written) => {
          if (isOwnVariable(clause, written) || leavesNobody(clause, written)) return true;
          const value = fencedOf(clause, written);
          if (kind !== 'organizations') return isSymbolic(value) ? isOwnAccount(value) : trusted(value);
          if (!isSymbolic(value)) return !isOrganizationId(value) || organizationIds.includes(value);
          const choices = organizationChoices(
            value,
            organizationIds,
            clause.key.toLowerCase() === 'aws:principalorgpaths',
          );
          return choices !== undefined && choices.length > 0 && choices.every((o) => organizationIds.includes(o));
        });
      });
    }

    /**
     * An account an input gives (a parameter): each of the values it may take judged when it lists
     * them, all of them accounts; otherwise unverifiable, not a pass.
     */
    function judgeInput(
      statement: Statement,
      input: { readonly hole: Hole; readonly value: PolicyValue; readonly pointer: string },
      grants: string,
      reported: Set<string>,
      judge: (account: string) => void,
    ): void {
      const { hole } = input;
      if (reported.has(hole.id)) return;
      reported.add(hole.id);
      const values = hole.values ?? [];
      if (values.length > 0 && values.every(isLiteralAccount)) {
        for (const account of values) judge(account);
        return;
      }
      context.reportUnverifiable({
        reason: `${ownerOf(subject)} ${grants} account \`\${${hole.source}}\`, ${hole.knownWith ?? 'only known after deploy'}: whether it is among the trusted accounts cannot be told`,
        statement,
        pointer: input.pointer,
        values: [valueToString(input.value)],
      });
    }

    /**
     * An organization known only after deploy (`aws:PrincipalOrgID` from a parameter, from a
     * resource): each of the organizations it may be judged when that can be told (the values the
     * input lists; the configuration's one organization for the input's own), otherwise
     * unverifiable, not a pass.
     */
    function reportOrganizationHoles(
      statement: Statement,
      holes: ReturnType<typeof organizationHoles>,
      grants: string,
      reported: Set<string>,
      judge: (organization: string) => void,
    ): void {
      for (const { hole, value, pointer, paths } of holes) {
        if (reported.has(hole.id)) continue;
        reported.add(hole.id);
        const values = organizationChoices(value, organizationIds, paths) ?? [];
        if (values.length > 0 && values.every(isOrganizationId)) {
          for (const organization of values) judge(organization);
          continue;
        }
        // The input's own organization is the configuration's only when it lists just one.
        const own = hole.ownOrganization === true ? ' (the organization this input creates or reads)' : '';
        context.reportUnverifiable({
          reason: `${ownerOf(subject)} ${grants} organization \`${valueToString(value)}\`${own}, only known after deploy: whether it is among the trusted organizations cannot be told`,
          statement,
          pointer,
          values: [valueToString(value)],
        });
      }
    }
  },
});

const POD_IDENTITY = 'pods.eks.amazonaws.com';
// EKS Pod Identity tags each session with the ARN of the cluster the pod runs in.
const POD_CLUSTER_KEYS = { accounts: [], arn: 'aws:requesttag/eks-cluster-arn' };

/**
 * The accounts whose resources a service serves, narrowed for EKS Pod Identity by the cluster its
 * session tag `eks-cluster-arn` names: a trust requiring the cluster of another account is there
 * for that account's pods, as `aws:SourceArn` naming that cluster would be.
 */
function withPodClusters(
  statement: Statement,
  services: readonly string[],
  sources: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  if (!services.includes(POD_IDENTITY)) return sources;
  const clusters = accountsNamed(statement, POD_CLUSTER_KEYS, { ifExists: true });
  if (clusters === undefined) return sources;
  return sources === undefined ? clusters : new Set([...clusters].filter((a) => sources.has(a)));
}

// The keys that name the cluster a Pod Identity session is for: the one EKS sets as the source,
// and the session tag it adds.
const POD_CLUSTER_ARN_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:requesttag/eks-cluster-arn']);

/**
 * The pods of `account` a Pod Identity statement admits, in words: those of the namespace or
 * service account its session tags pin, in the clusters its conditions name (`aws:SourceArn`, the
 * `eks-cluster-arn` session tag), else in any cluster of the account.
 */
function podsOf(statement: Statement, account: string): string {
  const valuesOf = (keys: ReadonlySet<string>): string[] => namedValues(statement, keys);
  const clusters = [...new Set(valuesOf(POD_CLUSTER_ARN_KEYS).filter((arn) => accountOf(arn) === account))];
  const literal = (key: string): string[] => valuesOf(new Set([key])).filter((v) => !hasWildcard(v));
  const [namespace] = literal('aws:requesttag/kubernetes-namespace');
  const [serviceAccount] = literal('aws:requesttag/kubernetes-service-account');
  const pods =
    namespace === undefined
      ? 'any pod'
      : serviceAccount === undefined
        ? `the pods of namespace \`${namespace}\``
        : `the pods of service account \`${namespace}/${serviceAccount}\``;
  const anyCluster = (arn: string): boolean => /^arn:[^:]*:eks:\*:\d{12}:(?:cluster\/)?\*$/.test(arn);
  if (clusters.length === 0 || clusters.some(anyCluster)) return `${pods} of any cluster of account \`${account}\``;
  const named = clusters.map((arn) => `\`${arn}\``).join(' or ');
  return clusters.some((arn) => hasWildcard(arn))
    ? `${pods} of the clusters matching ${named}`
    : `${pods} of cluster ${named}`;
}

const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';
const SOURCE_ARN: ReadonlySet<string> = new Set(['aws:sourcearn']);

/** The values, as text, that the statement's conditions on `keys` (lowercase) require, not those they refuse. */
function namedValues(statement: Statement, keys: ReadonlySet<string>): string[] {
  return statement.conditions
    .filter((c) => keys.has(c.key.toLowerCase()) && !c.baseOperator.includes('Not'))
    .flatMap((c) => c.values.map((v) => valueToString(v)));
}

/**
 * The trust anchors of `account` a Roles Anywhere statement admits the certificates of, in words:
 * those its `aws:SourceArn` names, else any of the account.
 */
function anchorsOf(statement: Statement, account: string): string {
  const anchors = namedValues(statement, SOURCE_ARN).filter(
    (arn) => accountOf(arn) === account && !/:trust-anchor\/\*$/.test(arn),
  );
  if (anchors.length === 0) return `any trust anchor of account \`${account}\``;
  const named = [...new Set(anchors)].map((arn) => `\`${arn}\``).join(' or ');
  return anchors.some((arn) => hasWildcard(arn)) ? `the trust anchors matching ${named}` : `trust anchor ${named}`;
}

/** The trusts of a service that stands for workloads of the account, and how its messages name them. */
const WORKLOAD_TRUSTS: ReadonlyMap<
  string,
  {
    readonly messageId: 'untrustedPodCluster' | 'untrustedRolesAnywhere';
    readonly who: (statement: Statement, account: string) => string;
  }
> = new Map([
  [POD_IDENTITY, { messageId: 'untrustedPodCluster', who: podsOf }],
  [ROLES_ANYWHERE, { messageId: 'untrustedRolesAnywhere', who: anchorsOf }],
]);

function isOrganizationId(value: string): boolean {
  return /^o-[a-z0-9]+$/.test(value);
}

/** A principal that is the Elastic Load Balancing account of a Region granted only to write objects (access logs), as AWS documents. */
function isLogDelivery(statement: Statement, principal: string): boolean {
  const actions = statement.action;
  return (
    elbAccountOf(principal) !== undefined &&
    actions !== undefined &&
    !actions.negated &&
    actions.values.every((a) => typeof a === 'string' && ELB_LOG_DELIVERY_ACTIONS.has(a.toLowerCase()))
  );
}

/**
 * The accounts whose access logs the Elastic Load Balancing account of a statement writes, as for
 * its service: those its source conditions name (`StringEqualsIfExists` too), else those of the
 * `AWSLogs/<account-id>/` paths it is confined to.
 */
function logOwnersOf(statement: Statement): readonly string[] {
  const sources = accountsNamed(statement, SOURCE_KEYS, { ifExists: true });
  return sources === undefined ? pathAccountsOf(statement) : [...sources].filter(isLiteralAccount);
}

/** The accounts of the `AWSLogs/<account-id>/` paths a statement granting only log writes confines them to (none otherwise). */
function pathAccountsOf(statement: Statement): readonly string[] {
  const resources = statement.resource;
  const actions = statement.action;
  if (resources === undefined || resources.negated || actions === undefined || actions.negated) return [];
  if (!actions.values.every((a) => LOG_WRITE_ACTIONS.has(a.toLowerCase()))) return [];
  return logPathAccounts(resources.values) ?? [];
}

function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string' && !isSymbolic(arn)) return undefined;
  const fields = valueToString(arn).split(':');
  return fields[4] !== undefined && /^\d{12}$/.test(fields[4]) ? fields[4] : undefined;
}

/** `Principal: "*"` admitting the services of a source: those `aws:PrincipalServiceName` names, or any. */
function anyServiceText(statement: Statement): string {
  const named = servicesByCondition(statement);
  return named.length === 0
    ? 'any service (`Principal` `*`)'
    : `${listValues(named, named.length)} (\`Principal\` \`*\` with \`aws:PrincipalServiceName\`)`;
}

// The keys whose negated test in a Deny of everyone fences a grant to `*` to the accounts or
// organizations named (an organization path by the organization heading it), or to the access
// points of the accounts named.
type FenceKind = 'accounts' | 'organizations' | 'accessPoints';
const FENCE_KEYS: Readonly<Record<string, FenceKind>> = {
  'aws:principalaccount': 'accounts',
  'aws:principalarn': 'accounts',
  'aws:principalorgid': 'organizations',
  'aws:principalorgpaths': 'organizations',
  's3:dataaccesspointaccount': 'accessPoints',
};

/** A Deny that leaves only the access points of some accounts, not callers of some accounts. */
function isAccessPointFence(fence: Fence): boolean {
  return fence.clauses.every((c) => FENCE_KEYS[c.key.toLowerCase()] === 'accessPoints');
}

// The policy variables that stand for the resource's own account or organization: a Deny of
// everyone outside `${aws:ResourceAccount}` leaves the account of the policy, which is trusted.
const OWN_VARIABLES: Readonly<Record<string, string>> = {
  accounts: '${aws:resourceaccount}',
  accessPoints: '${aws:resourceaccount}',
  organizations: '${aws:resourceorgid}',
};

// The negated operators of an `aws:PrincipalArn` fence: patterns or not, each leaves the accounts
// its ARNs name.
const ARN_FENCE_OPERATORS: ReadonlySet<string> = new Set([
  'ArnNotEquals',
  'ArnNotLike',
  'StringNotEquals',
  'StringNotLike',
]);

/**
 * A clause of a Deny of everyone that lets through only the accounts or organizations it names:
 * `StringNotEquals` (or `...IfExists`, which refuses callers without the key too) on
 * `aws:PrincipalAccount` or `aws:PrincipalOrgID`, of values neither empty nor patterns but the
 * resource's own (`${aws:ResourceAccount}`); on `aws:PrincipalOrgPaths` also `StringNotLike`, of
 * paths headed by an organization; on `aws:PrincipalArn` `ArnNotLike` (or `ArnNotEquals`,
 * `StringNotLike`, `StringNotEquals`) of ARNs whose account is written out. `ForAllValues` fences
 * as the plain operator does (a caller without the key is denied too). An anonymous caller has no
 * `aws:PrincipalArn`: a negated operator holds on a missing key, so the Deny refuses it.
 */
function isPrincipalFence(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  const paths = key === 'aws:principalorgpaths';
  const operator =
    key === 'aws:principalarn'
      ? ARN_FENCE_OPERATORS.has(clause.baseOperator)
      : clause.baseOperator === 'StringNotEquals' || (paths && clause.baseOperator === 'StringNotLike');
  return (
    FENCE_KEYS[key] !== undefined &&
    operator &&
    deniesCallersWithoutKey(clause) &&
    restrictsValues(clause) &&
    clause.values.every((v) => {
      if (isSymbolic(v) || leavesNobody(clause, v)) return true;
      const left = fenced(clause, v);
      return (left !== '' && isPlainText(left)) || isOwnVariable(clause, v);
    })
  );
}

/**
 * An `aws:PrincipalArn` value of a fence that no caller's ARN matches (a role session's
 * `assumed-role` ARN: the key holds the role's): it lets no one through the Deny, and names no
 * account the grant reaches.
 */
function leavesNobody(clause: ConditionClause, value: PolicyValue): boolean {
  return clause.key.toLowerCase() === 'aws:principalarn' && neverPrincipalArn(value, clause.baseOperator);
}

/**
 * The account or organization a fence's value leaves: the value, the organization heading a path,
 * or the account of an ARN (empty when the ARN names none, or a pattern of accounts).
 */
function fenced(clause: ConditionClause, value: string): string {
  const key = clause.key.toLowerCase();
  if (key === 'aws:principalarn') return accountIn(value, 'arn') ?? '';
  return key === 'aws:principalorgpaths' ? (value.split('/')[0] ?? '') : value;
}

/** `${aws:ResourceAccount}` of an account fence, `${aws:ResourceOrgID}` (or the head of `${aws:ResourceOrgPaths}`) of an organization fence. */
function isOwnVariable(clause: ConditionClause, value: PolicyValue): boolean {
  if (typeof value !== 'string') return false;
  const kind = FENCE_KEYS[clause.key.toLowerCase()];
  const own = kind === undefined ? undefined : OWN_VARIABLES[kind];
  const head = fenced(clause, value).toLowerCase();
  return head === own || (kind === 'organizations' && head.startsWith('${aws:resourceorgpaths}'));
}

/**
 * What `fenced` gives, for a value known only after deploy too: an `aws:PrincipalArn` whose account
 * is written out (`arn:aws:iam::777788889999:role/${RoleName}`) leaves that account; any other such
 * value is itself.
 */
function fencedOf(clause: ConditionClause, value: PolicyValue): PolicyValue {
  if (!isSymbolic(value)) return fenced(clause, value);
  if (clause.key.toLowerCase() !== 'aws:principalarn') return value;
  const account = accountIn(value, 'arn');
  return account !== undefined && isLiteralAccount(account) ? account : value;
}

function plainValues(clauses: readonly ConditionClause[]): string[] {
  return clauses.flatMap((c) =>
    c.values.flatMap((v) => {
      if (leavesNobody(c, v)) return [];
      const left = fencedOf(c, v);
      return typeof left === 'string' && isPlainText(left) ? [left] : [];
    }),
  );
}

/** Whether another fence, of `kind` values only and all of them known, leaves `value` out. */
function leftOutByAnother(fences: readonly Fence[], fence: Fence, kind: FenceKind, value: string): boolean {
  return fences.some(
    (other) =>
      other !== fence &&
      other.clauses.every(
        (c) =>
          FENCE_KEYS[c.key.toLowerCase()] === kind &&
          c.values.every((v) => {
            const left = fencedOf(c, v);
            return typeof left === 'string' && isPlainText(left);
          }),
      ) &&
      !plainValues(other.clauses).includes(value),
  );
}
