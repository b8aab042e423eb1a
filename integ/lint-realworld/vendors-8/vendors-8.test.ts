/**
 * `iamgate lint` on the shapes of customer-managed policies an eighth survey found answered wrong:
 * policies that tools ask their users to create (log and metric stores, backup, CI and deploy
 * roles, model access), published as templates with placeholders, and the bucket and API Gateway
 * policies of the AWS documentation. Each document is a minimal one of our own (see README.md
 * beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const ROWS: readonly Row[] = [
  {
    file: 'identity/template-object-actions-on-bucket.json',
    behaviour:
      'object actions on `arn:aws:s3:::${chunk_bucket}`: the placeholder is one bucket name, the statement acts on nothing',
    expected: [
      'policy-validity/policy-variable /Statement/0/Resource',
      'policy-validity/policy-variable /Statement/1/Resource',
      'policy-validity/resource-mismatch /Statement/0',
    ],
    mentions: ['arn:aws:s3:::${chunk_bucket}', 's3:GetObject', '`object`'],
  },
  {
    file: 'identity/template-bucket-and-prefix.json',
    behaviour: 'a placeholder bucket listed and its objects under a placeholder prefix: no mismatch',
    expected: [
      'policy-validity/policy-variable /Statement/0/Resource',
      'policy-validity/policy-variable /Statement/1/Resource',
    ],
  },
  {
    file: 'identity/home-bucket-per-user.json',
    behaviour:
      '`${aws:username}` is one name: objects on a bucket named after the user, a listing on an object path; objects under the user prefix are fine',
    expected: ['policy-validity/resource-mismatch /Statement/0', 'policy-validity/resource-mismatch /Statement/1'],
    mentions: ['arn:aws:s3:::home-${aws:username}', 'arn:aws:s3:::shared-home/${aws:username}'],
    notMentions: ['shared-home/*'],
  },
  {
    file: 'identity/api-deployer-every-verb.json',
    behaviour:
      'every API Gateway action on the REST APIs and every Lambda action on some functions: the message names what the wildcard gives on them; `/restapis/*` is every REST API of the region, whose configuration and resource policies it may change',
    expected: [
      'resource-exposure/policy-change /Statement/0',
      'wildcard-action/service-wildcard /Statement/0',
      'wildcard-action/service-wildcard /Statement/1',
      'wildcard-resource/write-on-star /Statement/0',
    ],
    mentions: ['apigateway:UpdateRestApiPolicy', 'lambda:AddPermission'],
    notMentions: [
      'apigateway:AddCertificateToDomain',
      'apigateway:DeletePortalProductSharingPolicy',
      'lambda:AddLayerVersionPermission',
    ],
  },
  {
    file: 'identity/marketplace-subscribe-by-product.json',
    behaviour:
      '`aws-marketplace:ProductId` limits subscriptions to one model (Bedrock model access); on `ViewSubscriptions` it is still no key of the action',
    expected: [
      'policy-validity/unknown-condition-key /Statement/1/Condition/ForAnyValue:StringEquals/aws-marketplace:ProductId',
    ],
    mentions: ['aws-marketplace:ViewSubscriptions'],
    notMentions: ['aws-marketplace:Subscribe'],
  },
  {
    file: 'identity/api-root-resource-invoke.json',
    behaviour:
      'invoking the root resource of an API (`.../prod/POST/`, an empty resource path) and a path; a stage alone names no method',
    expected: ['policy-validity/resource-mismatch /Statement/1'],
    mentions: ['k2x9q7w1ab/prod`'],
  },
  {
    file: 'resource/cdn-origin-template-bucket-arn.json',
    behaviour: 'a bucket policy template giving the CDN `s3:GetObject` on the bucket, not its objects',
    expected: [
      'policy-validity/policy-variable /Statement/0/Resource',
      'policy-validity/resource-mismatch /Statement/0',
    ],
    mentions: ['arn:aws:s3:::${site_bucket}'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the shapes of an eighth survey of published policies', {
  dir: 'integ/lint-realworld/vendors-8',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource'],
  rows: ROWS,
});
