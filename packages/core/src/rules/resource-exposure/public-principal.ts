import { defineRule } from '../rule';
import { isEndpointFilter } from '../trust/resource-policy-actions';
import type { ConditionClause, Statement } from '../../model/policy';
import { neverPrincipalArn } from '../../model/principal-arn';
import { coversEveryAddress, parseIpRange } from '../../model/ip-range';
import { isSymbolic, isWhollyInput, valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import {
  actionMatches,
  fencesCovering,
  fencesOf,
  isEveryone,
  isPassedTest,
  PASSED_BY_DENY,
  restrictingClauses,
  restrictsValues,
} from '../statement-helpers';
import { listValues, ownerOf } from '../describe';
import { anyDistributionGrant, distributionPattern, fencedToSources } from '../trust/cdn-origins';

// Keys whose positive test limits who can use the grant: an account, an organization, a
// principal, a network origin, the resource on whose behalf a service calls, or the S3 access
// points a request must come through (their own policies, of the account named, then say who).
// `elasticfilesystem:AccessedViaMountTarget` true is a network origin too: the mount targets of
// a file system are all in the one VPC of its owner, so only clients that reach that VPC pass
// (the policy EFS offers to prevent anonymous access, the one aws-cdk-lib writes by default).
// `sns:Endpoint` limits where a subscription delivers: only endpoints of the owner's domain or
// account receive the topic's messages, whoever subscribes them (the SDKs' own example restricts
// subscriptions to `*@my-company.com` this way).
// Not `sts:ExternalId`: a shared secret, not an identity.
const RESTRICTING_KEYS = [
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:userid',
  'aws:username',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceIp',
  'aws:PrincipalServiceName',
  'aws:PrincipalServiceNamesList',
  'kms:CallerAccount',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
  'elasticfilesystem:AccessedViaMountTarget',
  'sns:Endpoint',
];

// A bucket for everyone (`Principal: "*"` reading `shared-data`) beside a Deny of everyone outside
// the organization; `deny` changes the Deny (a member `undefined` removes it).
const besideOrganizationDeny = (deny: Record<string, unknown> = {}): unknown => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' },
    Object.fromEntries(
      Object.entries({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::shared-data', 'arn:aws:s3:::shared-data/*'],
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        ...deny,
      }).filter(([, value]) => value !== undefined),
    ),
  ],
});

/** `Principal: "*"` in a resource or trust policy without a condition that restricts who. */
export default defineRule({
  meta: {
    id: 'resource-exposure/public-principal',
    description:
      'A resource or trust policy, or an S3 ACL, allows any principal (`"Principal": "*"`) without a condition that restricts who. Source address ranges that together span every IPv4 or every IPv6 address (`0.0.0.0/1` with `128.0.0.0/1`, `::/1` with `8000::/1`, any other split) restrict no one, also when the split is over statements that grant the same to the same principals.',
    rationale:
      'A wildcard principal includes every AWS account and, for many services, anonymous callers. Name the accounts or roles that need access, or restrict the statement with a condition such as `aws:PrincipalOrgID` or `aws:SourceArn`. `aws:PrincipalIsAWSService` `true` lets only service principals through, yet every service for whichever account points it at the resource (a trail or a topic subscription of another account): the finding says so; bind the source with `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID`. A Deny of every principal but those its `NotPrincipal` lists fences the grant as a Deny of everyone with a condition on `aws:PrincipalArn` does; a Deny written with `NotAction` (`NotResource`) fences the actions (resources) none of its patterns match, and the finding names only the actions a grant leaves open. `aws:username` restricts no one (every account may create a user of that name), nor does an `aws:userid` pattern that leaves the unique id open (`AIDA*`, every user; `*:alice`, a role session of any account its caller names so); the unique id of one role or user does. A condition block is read as a whole: `...IfExists` beside `Null` `false` on the same key requires the key and its value. A policy variable of the resource (`${aws:ResourceAccount}`, `${aws:ResourceOrgID}`, `${aws:ResourceOrgPaths}`, or a tag its owner sets, `${aws:ResourceTag/...}`) names one value the owner chose; any other variable in a test of who calls is a value the caller sets, so `aws:PrincipalAccount` equal to `${aws:PrincipalAccount}` restricts no one. The policy of a bucket or access point whose S3 Block Public Access setting `RestrictPublicBuckets` is on in the same input (set on it, on its bucket or on its account) is not reported: AWS then blocks the access the policy grants everyone. An S3 access control list that grants the `AllUsers` group (everyone) or the `AuthenticatedUsers` group (any AWS account) a permission (the canned ACLs `public-read`, `public-read-write` and `authenticated-read`, or explicit grants) is reported as the statements S3 maps that permission to (`READ` on a bucket lists it, `WRITE` writes and deletes its objects, `READ_ACP` and `WRITE_ACP` read and change its ACL), unless the Object Ownership of the bucket is `BucketOwnerEnforced` (ACLs off) or its Block Public Access, or that of its account, sets `IgnorePublicAcls` in the same input. Grant access through a bucket policy or CloudFront origin access control instead, and disable ACLs. A grant to CloudFront (`cloudfront.amazonaws.com`, or `cloudfront.amazonaws.com.cn` in China: origin access control) of what it does for viewers (`s3:GetObject`, `s3:ListBucket`, `s3:PutObject`, `s3:DeleteObject`, `lambda:InvokeFunctionUrl`, MediaPackage v2 and MediaStore reads) without `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` naming distributions of your accounts is public too: any account can point a distribution with origin access control at the resource and serve it to anyone, and S3 Block Public Access does not stop it (S3 counts a service principal as not public). Bind it as the CloudFront guide does, with `aws:SourceArn` naming the distribution (or `ArnLike` `arn:aws:cloudfront::<account-id>:distribution/*`), or fence it with a Deny of every other source (a Deny of every caller but some roles, by `aws:PrincipalArn` or by a `NotPrincipal` that does not name CloudFront, refuses CloudFront too).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['resource', 'trust'], resources: true },
    messages: {
      publicPrincipal:
        '{{owner}} allows any principal (`"Principal": "*"`) to call {{actions}} without a condition that restricts who{{unrestricting}}',
      anyService:
        '{{owner}} allows every AWS service (`"Principal": "*"` with `aws:PrincipalIsAWSService` `true`) to call {{actions}} for whichever account uses it; bind the source with `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID`',
      notPrincipal: '{{owner}} allows every principal except {{excluded}} (`NotPrincipal` in an Allow)',
      anyDistribution:
        '{{owner}} allows service `{{service}}` to call {{actions}} with no `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` condition that names an account: any CloudFront distribution, of any account, may {{what}} on behalf of anyone on the internet; bind it with `ArnLike` `aws:SourceArn` `{{pattern}}` (the distributions of this account) or `StringEquals` `aws:SourceArn` naming the distribution',
    },
  },
  examples: {
    valid: [
      {
        name: 'halves of the address space that grant different things (reads from one half, writes from the other)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': '128.0.0.0/1' } },
            },
          ],
        },
      },
      {
        name: 'CloudFront origin access control for one distribution (the bucket policy the CloudFront guide gives)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::site/*',
              Condition: {
                StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' },
              },
            },
          ],
        },
      },
      {
        name: 'CloudFront reading a bucket for any distribution, beside a Deny of every source account but one',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::site/*',
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::site/*',
              Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
            },
          ],
        },
      },
      {
        name: 'the registry token (`ecr:GetAuthorizationToken`) for everyone in a repository policy: only an IAM policy grants it',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:GetAuthorizationToken' }],
        },
      },
      {
        name: 'a bucket policy for one account',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:root' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
            },
          ],
        },
      },
      {
        name: 'any principal of the organization',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
      {
        name: 'a queue for the topics of one account (a pattern, its account fixed)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:*' } },
            },
          ],
        },
      },
      {
        name: 'a deny for any principal without TLS',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
      {
        name: 'anyone may subscribe email addresses of one domain, or queues of one account (`sns:Endpoint`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sns:Subscribe',
              Resource: 'arn:aws:sns:us-east-1:111122223333:alerts',
              Condition: {
                StringLike: { 'sns:Endpoint': ['*@example.com', 'arn:aws:sqs:*:111122223333:*'] },
              },
            },
          ],
        },
      },
      {
        name: "a bucket that delegates access control to its account's access points (`s3:DataAccessPointAccount`)",
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: '*',
              Resource: ['arn:aws:s3:::lake', 'arn:aws:s3:::lake/*'],
              Condition: { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } },
            },
          ],
        },
      },
      {
        name: 'an API open to everyone but denied outside one address range (the allow-list API Gateway documents)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'execute-api:Invoke',
              Resource: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/*',
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'execute-api:Invoke',
              Resource: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/*',
              Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
            },
          ],
        },
      },
      {
        name: 'an EFS file system for the clients that come through its mount targets (EFS: prevent anonymous access)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
              Resource: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1b2c3d',
              Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
            },
          ],
        },
      },
      {
        name: 'a trust policy that lets anyone only tag the sessions of the one account that may assume the role',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ci' }, Action: 'sts:AssumeRole' },
            { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:TagSession', 'sts:SetSourceIdentity'] },
          ],
        },
      },
      {
        name: 'a bucket for everyone beside a Deny of every principal but the roles of one account (`NotPrincipal`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' },
            {
              Effect: 'Deny',
              NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/reader', 'arn:aws:iam::111122223333:root'] },
              Action: 's3:*',
              Resource: 'arn:aws:s3:::shared-data/*',
            },
          ],
        },
      },
      {
        name: 'uploads for everyone beside a Deny outside the organization of every action but reads (`NotAction`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::drop-box/*' },
            {
              Effect: 'Deny',
              Principal: '*',
              NotAction: ['s3:GetObject', 's3:GetObjectVersion'],
              Resource: 'arn:aws:s3:::drop-box/*',
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
      {
        name: 'a bucket for the sessions of one role by its unique id (`aws:userid` `AROA...:*`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLEID111111111:*' } },
            },
          ],
        },
      },
      {
        name: 'a bucket for everyone fenced as AWS documents: a Deny outside the organization that lets services through',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      },
      {
        name: 'a bucket for everyone beside a Deny of all but the roles of one account (`ArnNotLike` `aws:PrincipalArn`: an anonymous caller, without the key, is denied)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
        }),
      },
      {
        name: 'a bucket for everyone beside a Deny of all but the role sessions of any account by their `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN, never that one: the Deny refuses every caller)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:sts::*:assumed-role/*' } },
        }),
      },
      {
        name: 'a bucket for everyone where `aws:PrincipalArn` is like the role session of any account (no caller has that ARN: the grant reaches no one)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-data/*',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::*:assumed-role/*' } },
            },
          ],
        },
      },
      {
        name: 'a bucket for the S3 logging service of one account, named in `aws:PrincipalServiceNamesList`',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::logs/*',
              Condition: {
                'ForAnyValue:StringEquals': { 'aws:PrincipalServiceNamesList': 'logging.s3.amazonaws.com' },
                StringEquals: { 'aws:SourceAccount': '111122223333' },
              },
            },
          ],
        },
      },
      {
        name: 'any principal of one account under `StringEqualsIfExists` beside `Null` `false` on the same key: the key must be there and equal',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: {
                StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' },
                Null: { 'aws:PrincipalAccount': 'false' },
              },
            },
          ],
        },
      },
      {
        name: "any principal of the resource's own account or organization, or of the account its owner tags it with, named by policy variable (`${aws:ResourceAccount}`, `${aws:ResourceTag/...}`, `${aws:ResourceOrgID}`)",
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObjectTagging',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceTag/owner-account}' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::shared',
              Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:ResourceOrgPaths}*' } },
            },
          ],
        },
      },
      {
        name: 'a bucket for everyone fenced by a Deny of everyone outside one organizational unit (`ForAllValues:StringNotLike` `aws:PrincipalOrgPaths`)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: {
            'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
          },
        }),
      },
      {
        name: "a bucket for everyone fenced by a Deny of everyone outside the resource's organization (`${aws:ResourceOrgID}`)",
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      },
    ],
    invalid: [
      {
        name: 'a bucket for the users named `deployer` (`aws:username`): any account may create a user of that name',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:username': 'deployer' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for every role session named `alice` (`aws:userid` `*:alice`): the caller names its session',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringLike: { 'aws:userid': '*:alice' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket CloudFront reads with no source: any account can point a distribution with origin access control at it',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::site/*',
            },
          ],
        },
        errors: [{ messageId: 'anyDistribution', pointer: '/Statement/0' }],
      },
      {
        name: 'CloudFront origin access control for the distributions of any account (`arn:aws:cloudfront::*:distribution/*`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: 'arn:aws:s3:::site/*',
              Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:cloudfront::*:distribution/*' } },
            },
          ],
        },
        errors: [{ messageId: 'anyDistribution', pointer: '/Statement/0' }],
      },
      {
        name: 'a function URL CloudFront may invoke for any distribution, beside a Deny that lets every service through',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 'lambda:InvokeFunctionUrl',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:render',
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'lambda:InvokeFunctionUrl',
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:render',
              Condition: {
                StringNotEquals: { 'aws:SourceAccount': '111122223333' },
                BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
              },
            },
          ],
        },
        errors: [{ messageId: 'anyDistribution', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny outside one account that also needs the key absent (`Null` `true`): it denies only anonymous callers',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' },
            Null: { 'aws:PrincipalAccount': 'true' },
          },
        }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny outside an organizational unit under `ForAnyValue`: a caller without paths is not denied',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: { 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } },
        }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: "any principal whose account equals the caller's own (`${aws:PrincipalAccount}`): every caller, allowed or never denied",
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared/*',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::shared',
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::shared',
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': '${aws:PrincipalOrgID}' } },
            },
          ],
        },
        errors: [
          { messageId: 'publicPrincipal', pointer: '/Statement/0' },
          { messageId: 'publicPrincipal', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'a bucket for everyone beside a Deny outside the organization only for principals tagged so (no fence)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: {
            StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
            StringEquals: { 'aws:PrincipalTag/team': 'data' },
          },
        }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny of all but the roles of one account under `ForAnyValue:ArnNotLike` (a caller without `aws:PrincipalArn` passes the Deny)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: { 'ForAnyValue:ArnNotLike': { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
        }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny of all but a role of any account (`ArnNotLike` `arn:aws:iam::*:role/reader`)',
        type: 'resource',
        document: besideOrganizationDeny({
          Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } },
        }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny outside the organization of writes only (no fence of reads)',
        type: 'resource',
        document: besideOrganizationDeny({ Action: 's3:PutObject' }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny outside the organization of the bucket only, not its objects',
        type: 'resource',
        document: besideOrganizationDeny({ Resource: 'arn:aws:s3:::shared-data' }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a bucket for everyone beside a Deny outside the organization of all but reads (`NotAction`)',
        type: 'resource',
        document: besideOrganizationDeny({ Action: undefined, NotAction: 's3:GetObject' }),
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'an EFS file system for requests that do not come through a mount target',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'elasticfilesystem:ClientMount',
              Resource: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1b2c3d',
              Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'false' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal' }],
      },
      {
        name: 'a public bucket',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }],
        },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'AWS "*" with a condition that restricts nothing',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { StringLike: { 'aws:SourceArn': '*' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal' }],
      },
      {
        name: 'everyone, from any address (`0.0.0.0/0`, or every IPv4 or IPv6 address in two halves) or of any organization (`o-*`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': ['::/1', '8000::/1'] } },
            },
          ],
        },
        errors: [
          { messageId: 'publicPrincipal', pointer: '/Statement/0' },
          { messageId: 'publicPrincipal', pointer: '/Statement/1' },
          { messageId: 'publicPrincipal', pointer: '/Statement/2' },
          { messageId: 'publicPrincipal', pointer: '/Statement/3' },
        ],
      },
      {
        name: 'every address split into two statements that grant the same (`0.0.0.0/1` in one, `128.0.0.0/1` in the other)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } },
            },
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': ['128.0.0.0/2', '192.0.0.0/2'] } },
            },
          ],
        },
        errors: [
          { messageId: 'publicPrincipal', pointer: '/Statement/0' },
          { messageId: 'publicPrincipal', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'a bucket delegating to the access points of any account or any access point',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: '*',
              Resource: ['arn:aws:s3:::lake', 'arn:aws:s3:::lake/*'],
              Condition: { StringLike: { 's3:DataAccessPointAccount': '*' } },
            },
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::lake/*',
              Condition: { ArnLike: { 's3:DataAccessPointArn': 'arn:aws:s3:*:*:accesspoint/*' } },
            },
          ],
        },
        errors: [
          { messageId: 'publicPrincipal', pointer: '/Statement/0' },
          { messageId: 'publicPrincipal', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'subscriptions of any endpoint whose host ends in a name (`https://*example.com/*` matches `notexample.com`)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sns:Subscribe',
              Resource: 'arn:aws:sns:us-east-1:111122223333:alerts',
              Condition: { StringLike: { 'sns:Endpoint': 'https://*example.com/*' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a queue any topic may send to: `ArnEquals` matches wildcards, as `ArnLike` does',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:events',
              Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:*' } },
            },
          ],
        },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      },
      {
        name: 'a queue every AWS service may send to (`aws:PrincipalIsAWSService` without a source)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:events',
              Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
            },
          ],
        },
        errors: [{ messageId: 'anyService', pointer: '/Statement/0' }],
      },
      {
        name: 'a role anyone can assume',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        },
        errors: [{ messageId: 'publicPrincipal' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isEndpointFilter(subject.resource?.type)) return;
    if (!subject.parsed.ok) return;
    const owner = ownerOf(subject);
    // Before Block Public Access: S3 counts a grant to a service principal as not public, so
    // `RestrictPublicBuckets` lets CloudFront through for every account's distribution.
    for (const statement of subject.parsed.value.statements) {
      const grant = anyDistributionGrant(statement);
      if (grant === undefined || fencedToSources(statement, subject.parsed.value.statements)) continue;
      const pattern = distributionPattern(statement, subject.resource?.account);
      context.report({
        messageId: 'anyDistribution',
        data: { owner, service: grant.service, actions: listValues(grant.actions), what: grant.what, pattern },
        statement,
        key: grant.service.toLowerCase(),
        evidence: { service: grant.service, actions: grant.actions, sourceArnPattern: pattern },
      });
    }
    // A bucket whose Block Public Access restricts public buckets: AWS blocks what the policy grants everyone.
    if (subject.resource?.publicAccessRestricted === true) return;
    const statements = subject.parsed.value.statements;
    let splitGrants: SplitGrants | undefined;
    for (const statement of statements) {
      const principal = statement.principal;
      if (statement.effect !== 'Allow' || principal === undefined) continue;
      if (subject.type === 'trust' && !startsSession(statement)) continue;
      const restricting = restrictingClauses(statement, RESTRICTING_KEYS).filter(
        (c) =>
          !admitsAnyone(c) &&
          !(isSourceAddressTest(c) && (splitGrants ??= bySourceAddress(statements)).spans(statement, c)),
      );
      // A pattern an input gives (`ArnLike: {aws:PrincipalArn: !Ref Scanners}`) may be `*`: whether
      // it restricts who is said, not passed, unless another clause restricts.
      const undecided = restricting.filter(mayBeAnyPattern);
      if (restricting.length > undecided.length) continue;
      if (cutToAllowList(statement, subject.parsed.value.statements)) continue;
      if (undecided.length > 0) {
        if (principal.negated || isEveryone(principal)) {
          const values = undecided.flatMap((c) => c.values.filter(isWhollyInput).map((v) => valueToString(v)));
          context.reportUnverifiable({
            reason: `${owner} allows any principal (\`"Principal": "*"\`) to call ${statementActions(statement)} where ${listValues(undecided.map((c) => c.key))} is like ${listValues(values)}, only known after deploy: whether that restricts who (a pattern of \`*\`) cannot be told`,
            statement,
            pointer: undecided[0]?.pointer ?? statement.pointer,
            values,
          });
        }
        continue;
      }
      const actions = statement.action?.values ?? [];
      const granted =
        subject.type === 'resource'
          ? unfencedActions(statement, subject.parsed.value.statements, grantableActions(statement))
          : undefined;
      if (granted !== undefined && granted.length === 0) continue;
      if (principal.negated) {
        context.report({
          messageId: 'notPrincipal',
          data: { owner, excluded: listValues(principal.entries.map((e) => String(e.value))) },
          statement,
          pointer: principal.pointer,
          evidence: { actions },
        });
      } else if (isEveryone(principal)) {
        context.report({
          messageId: onlyServices(statement) ? 'anyService' : 'publicPrincipal',
          data: {
            owner,
            actions: granted === undefined ? statementActions(statement) : listValues(granted),
            unrestricting: unrestrictingKeys(statement),
          },
          statement,
          evidence: { actions },
        });
      } else {
        // A principal known only after deploy that is not a reference to one resource (its ARN
        // shape) may be anything, `*` included: that is said, not passed.
        const opaque = principal.entries
          .filter((e) => e.type === 'AWS' && isOpaque(e.value))
          .map((e) => valueToString(e.value));
        if (opaque.length > 0)
          context.reportUnverifiable({
            reason: `${owner} allows principal ${listValues(opaque)}, only known after deploy: whether it is everyone (\`*\`) cannot be told`,
            statement,
            pointer: principal.pointer,
            values: opaque,
          });
      }
    }
  },
});

/**
 * The condition keys of a public statement, said after the message: a reader who sees a condition
 * in the policy learns that it narrows something other than who calls (`(its condition on
 * \`kms:ViaService\` does not)`), or that a key which would say who calls is given a value anyone
 * meets (`(its condition on \`aws:SourceArn\` lets anyone through)`, for `arn:aws:sns:*:*:*`).
 * Keys are named once whatever their case. Empty without conditions.
 */
function unrestrictingKeys(statement: Statement): string {
  const keys = new Map<string, string>();
  for (const clause of statement.conditions) {
    const lower = clause.key.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, clause.key);
  }
  const said = (named: readonly string[], verbs: readonly [string, string]): string[] =>
    named.length === 0
      ? []
      : [
          `its ${named.length === 1 ? 'condition' : 'conditions'} on ${listValues(named)} ${verbs[named.length === 1 ? 0 : 1]}`,
        ];
  const whoKeys = [...keys].filter(([lower]) => RESTRICTING_KEY_SET.has(lower)).map(([, key]) => key);
  const otherKeys = [...keys].filter(([lower]) => !RESTRICTING_KEY_SET.has(lower)).map(([, key]) => key);
  const parts = [
    ...said(otherKeys, ['does not', 'do not']),
    ...said(whoKeys, ['lets anyone through', 'let anyone through']),
  ];
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

// In a role trust policy only these start a session; `sts:TagSession`, `sts:SetSourceIdentity`
// and `sts:SetContext` shape the session of a principal some statement lets assume the role.
const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** Whether a trust statement allows one of the actions that assume the role (or may: an action known only after deploy). */
function startsSession(statement: Statement): boolean {
  const action = statement.action;
  if (action === undefined || action.values.some((v) => typeof v !== 'string')) return true;
  return ASSUME_ACTIONS.some((a) => actionMatches(statement, a));
}

const RESTRICTING_KEY_SET = new Set(RESTRICTING_KEYS.map((k) => k.toLowerCase()));

/**
 * Whether a Deny of the same policy refuses everyone the statement lets in but those a condition
 * names: the allow-list AWS documents (Allow `*`; Deny `*` with `NotIpAddress`, `StringNotEquals`
 * `aws:SourceVpce` or `aws:PrincipalOrgID`). Every clause of the Deny is a negated test of who
 * calls that admits no one at large, and it covers the statement's actions and resources.
 */
function cutToAllowList(allow: Statement, statements: readonly Statement[]): boolean {
  return fencesCovering(allow, fencesOf(statements, isAllowListClause)).length > 0;
}

/**
 * The Action patterns of `actions` (an Allow's) that no allow-list Deny fences: a Deny of all but
 * the organization for every action but reads (`NotAction`) leaves an Allow of reads and writes to
 * everyone public for the reads alone, which is what the finding names.
 */
function unfencedActions(
  allow: Statement,
  statements: readonly Statement[],
  actions: readonly string[] | undefined,
): readonly string[] | undefined {
  const set = allow.action;
  if (actions === undefined || actions.length < 2 || set === undefined) return actions;
  return actions.filter((action) => !cutToAllowList({ ...allow, action: { ...set, values: [action] } }, statements));
}

/**
 * A negated test of who calls, in a Deny, that lets through only those it names
 * (`ForAllValues:StringNotLike` `aws:PrincipalOrgPaths` too: see {@link isPassedTest}).
 */
function isAllowListClause(clause: ConditionClause): boolean {
  if (!isPassedTest(clause) || !RESTRICTING_KEY_SET.has(clause.key.toLowerCase())) return false;
  const passed = PASSED_BY_DENY[clause.baseOperator] ?? clause.baseOperator;
  return restrictsValues(clause) && !admitsAnyone({ ...clause, baseOperator: passed });
}

// The operators whose values are patterns (`ArnEquals` matches wildcards as `ArnLike` does).
const PATTERN_OPERATORS: ReadonlySet<string> = new Set(['StringLike', 'ArnLike', 'ArnEquals']);

// Keys whose whole value identifies an account, organization, network or user: a wildcard in it
// admits any (`o-*`, `1111*`), as `0.0.0.0/0` admits any address.
const IDENTIFIER_KEYS = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:username',
    'aws:PrincipalServiceName',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

/**
 * Whether a condition that tests who calls lets anyone through all the same: an address range of
 * every address, an identifier or organization path that is a pattern, an ARN whose account is one
 * (S3 counts only fixed values as limiting a public grant), an EFS request not through a mount target.
 */
function admitsAnyone(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  if (key === 'aws:sourceip' && coversEveryIp(clause.values)) return true;
  return clause.values.some((written) => {
    if (typeof written !== 'string') return false;
    // An ARN no caller has (a role session's `assumed-role` ARN: `aws:PrincipalArn` holds the
    // role's) admits no one, whatever its account.
    if (key === 'aws:principalarn' && neverPrincipalArn(written, clause.baseOperator)) return false;
    // A policy variable is replaced by the request's value: the resource's own account,
    // organization or path (`${aws:ResourceAccount}`) is one owner's, any other the caller's,
    // which is anything (`aws:PrincipalAccount` equal to `${aws:PrincipalAccount}` always holds).
    const value = written.includes('${') ? withVariablesRead(written) : written;
    const like = PATTERN_OPERATORS.has(clause.baseOperator) || value !== written;
    // Only `true` ties the request to the file system's mount targets.
    if (key === 'elasticfilesystem:accessedviamounttarget') return value.trim().toLowerCase() !== 'true';
    if (key === 'aws:sourceip') return /\/0+$/.test(value.trim());
    // A user name is unique in one account only: every account may create a user of that name.
    if (key === 'aws:username') return true;
    // A unique id is global, but `AIDA*` (every user) or `*:alice` (a role session of any account
    // its caller names so) leaves the id itself open: only its type prefix, if that, is fixed.
    if (key === 'aws:userid') {
      const id = value.split(':')[0] ?? '';
      return like && /[*?]/.test(id) && (id.split(/[*?]/)[0] ?? '').length <= 4;
    }
    if (key === 'sns:endpoint') return endpointOfAnyone(value, like);
    if (!like || !/[*?]/.test(value)) return false;
    if (IDENTIFIER_KEYS.has(key)) return true;
    if (key === 'aws:principalorgpaths' || key === 'aws:sourceorgpaths') return /[*?]/.test(value.split('/')[0] ?? '');
    if (key === 'aws:principalarn' || key === 'aws:sourcearn' || key === 's3:dataaccesspointarn')
      return /[*?]/.test(value.split(':')[4] ?? '*');
    return false;
  });
}

/** A test that the request comes from one of some addresses, the only kind a split grant can add up. */
function isSourceAddressTest(clause: ConditionClause): boolean {
  return (
    clause.key.toLowerCase() === 'aws:sourceip' &&
    clause.baseOperator === 'IpAddress' &&
    clause.setOperator === undefined &&
    !clause.ifExists
  );
}

/** What a statement grants to whom under which other conditions: the same for the parts of a grant split by source address. */
function grantShape(statement: Statement): string {
  const set = (values: readonly PolicyValue[] | undefined) => (values ?? []).map((v) => valueToString(v)).sort();
  return JSON.stringify([
    statement.principal?.negated,
    statement.principal?.wildcard,
    set(statement.principal?.entries.map((e) => `${e.type}=${valueToString(e.value)}`)),
    statement.action?.negated,
    set(statement.action?.values),
    statement.resource?.negated,
    set(statement.resource?.values),
    statement.conditions
      .filter((c) => !isSourceAddressTest(c))
      .map((c) => [c.operator, c.key.toLowerCase(), set(c.values)])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  ]);
}

interface SplitGrants {
  /** Whether the statement's source address test spans every address with those of the statements of its grant. */
  spans(statement: Statement, clause: ConditionClause): boolean;
}

/**
 * The Allow statements of a policy that test the source address once, by what they grant apart from
 * it: a grant split into statements by address range (`0.0.0.0/1` in one, `128.0.0.0/1` in another)
 * is as open as one statement of them all. Built once a policy (a policy of many statements is one
 * pass, not one per statement).
 */
function bySourceAddress(statements: readonly Statement[]): SplitGrants {
  const shapes = new Map<Statement, string>();
  const groups = new Map<string, Statement[]>();
  for (const statement of statements) {
    if (statement.effect !== 'Allow' || statement.conditions.filter(isSourceAddressTest).length !== 1) continue;
    const shape = grantShape(statement);
    shapes.set(statement, shape);
    const group = groups.get(shape);
    if (group === undefined) groups.set(shape, [statement]);
    else group.push(statement);
  }
  const spanned = new Map<string, boolean>();
  return {
    spans(statement, clause) {
      const shape = shapes.get(statement);
      const group = shape === undefined ? undefined : groups.get(shape);
      if (shape === undefined || group === undefined || group.length < 2) return false;
      let all = spanned.get(shape);
      if (all === undefined) {
        all = coversEveryIp(group.flatMap((s) => s.conditions.find(isSourceAddressTest)?.values ?? []));
        spanned.set(shape, all);
      }
      return all && clause.values.length > 0;
    },
  };
}

/** Whether the written address ranges together span every IPv4 or every IPv6 address (see `coversEveryAddress`). */
function coversEveryIp(values: readonly PolicyValue[]): boolean {
  return coversEveryAddress(
    values.flatMap((value) => {
      const range = typeof value === 'string' ? parseIpRange(value.trim()) : undefined;
      return range === undefined ? [] : [range];
    }),
  );
}

// What the resource's own variables stand for when a value is judged: one account, organization
// or organization path, none of them a pattern.
const OWNER_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['aws:resourceaccount', '000000000000'],
  ['aws:resourceorgid', 'o-0000000000'],
  ['aws:resourceorgpaths', 'o-0000000000/r-0000/ou-0000-00000000/'],
]);
// A tag of the resource (`${aws:ResourceTag/owner-account}`) is set by those who may tag it, the
// owner's: one fixed value, not the caller's.
const OWNER_TAG_PREFIX = 'aws:resourcetag/';

/**
 * A condition value with its policy variables read as `admitsAnyone` judges them: the resource's
 * own (`${aws:ResourceAccount}`, a tag of the resource) as one fixed owner, `${*}`, `${?}` and `${$}` as the character
 * they escape, text that is no condition key as a fixed value, and every other variable (a key of
 * the request, which the caller sets) as `*`.
 */
function withVariablesRead(value: string): string {
  return value.replace(/\$\{([^}]*)\}/g, (_whole, inside: string) => {
    const name = (inside.split(',')[0] ?? '').trim().toLowerCase();
    if (name === '*' || name === '?' || name === '$') return 'x';
    // Text that names no condition key (`${AWS::AccountId}` copied from a template) gives the
    // request no value: the test then holds for no one, which admits no one at large.
    if (!/^[\w-]+:[^:]/.test(name)) return 'x';
    if (name.startsWith(OWNER_TAG_PREFIX)) return 'x';
    return OWNER_VARIABLES.get(name) ?? '*';
  });
}

/**
 * Whether an `sns:Endpoint` value may be an endpoint of anyone: its wildcard reaches into the
 * domain of an address or URL (`*@*.com`, `https://*example.com/`), into the account of an ARN,
 * or it has no domain or account at all. `*@example.com`, `https://*.example.com/*` and
 * `arn:aws:sqs:*:111122223333:*` are endpoints of one owner.
 */
function endpointOfAnyone(value: string, like: boolean): boolean {
  if (!like || !/[*?]/.test(value)) return false;
  const email = /^[^@]*@(.+)$/.exec(value);
  if (email) return /[*?]/.test(email[1] ?? '*');
  const url = /^https?:\/\/([^/]*)/i.exec(value);
  if (url) return /[*?]/.test((url[1] ?? '*').replace(/^\*\./, ''));
  if (value.startsWith('arn:')) return !/^\d{12}$/.test(value.split(':')[4] ?? '');
  return true;
}

/** A clause of a pattern operator with a value an input gives whole, which may be a pattern of anyone. */
function mayBeAnyPattern(clause: ConditionClause): boolean {
  return PATTERN_OPERATORS.has(clause.baseOperator) && clause.values.some(isWhollyInput);
}

/** A value known only after deploy with no literal text before its first unknown part. */
function isOpaque(value: PolicyValue): boolean {
  return isSymbolic(value) && typeof value.parts[0] !== 'string';
}

function statementActions(statement: Statement): string {
  const set = statement.action;
  if (set === undefined) return 'its actions';
  return set.negated ? `every action except ${listValues(set.values)}` : listValues(set.values);
}

/**
 * `Bool` `aws:PrincipalIsAWSService` `true`: only service principals pass, but every service, for
 * whichever account sets it up (a trail, a subscription, a rule of another account), so the grant
 * still reaches every account: said as such, not as "no condition restricts who".
 */
function onlyServices(statement: Statement): boolean {
  return statement.conditions.some(
    (c) =>
      c.baseOperator === 'Bool' &&
      !c.ifExists &&
      c.setOperator === undefined &&
      c.key.toLowerCase() === 'aws:principalisawsservice' &&
      c.values.length > 0 &&
      c.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'true'),
  );
}

/**
 * Actions that only an identity policy grants: the ECR guides require an IAM policy for the
 * registry token (`ecr:GetAuthorizationToken`; for ECR Public with `sts:GetServiceBearerToken`),
 * which is authorized against `*`, never against a repository. Not every action without resource
 * types in the reference: CodeArtifact authorizes `codeartifact:CreateRepository` against its
 * domain's permissions policy.
 */
const IDENTITY_POLICY_ONLY: ReadonlySet<string> = new Set([
  'ecr:getauthorizationtoken',
  'ecr-public:getauthorizationtoken',
  'sts:getservicebearertoken',
]);

/**
 * The Action patterns of a resource policy's statement that the policy can grant (all but those
 * of {@link IDENTITY_POLICY_ONLY}), or undefined under NotAction.
 */
function grantableActions(statement: Statement): readonly string[] | undefined {
  const set = statement.action;
  if (set === undefined || set.negated) return undefined;
  return set.values.filter((pattern) => !IDENTITY_POLICY_ONLY.has(pattern.toLowerCase()));
}
