/**
 * Writes the plans of this folder (`node integ/tf-scan/survey26/build-plans.js`): resource
 * policies Terraform users write on resource types no earlier plan had, the conditions that make
 * `Principal: "*"` private or public again, and services granted with or without their source,
 * laid out by `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const role = (name, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const root = (account) => `arn:aws:iam::${account}:root`;
const grant = (Principal, Action, Resource, Condition) => ({
  Effect: 'Allow',
  Principal,
  Action,
  Resource,
  ...(Condition === undefined ? {} : { Condition }),
});

const plans = {};

/**
 * One policy resource per name: `values(statements)` the arguments the provider shows, `config`
 * its declaration (the policy argument written as a literal `jsonencode`).
 */
function policies(e, type, attribute, entries, values, config) {
  for (const [name, statements] of Object.entries(entries))
    e.create(
      `${type}.${name}`,
      { ...values(name), [attribute]: policy(...statements) },
      { ...config(name), [attribute]: LITERAL },
      { unknown: ['id'] },
    );
}

// Resource types with a resource policy that no plan of the repository had yet: one grant a
// reviewer reports and one that is least privilege, each.
{
  const e = new Estate();
  const cluster = arn('kafka', 'cluster/orders/5f6a7b8c-1d2e-3f4a-5b6c-7d8e9f0a1b2c-3');
  policies(
    e,
    'aws_msk_cluster_policy',
    'policy',
    {
      // multi-VPC private connectivity for the shared-services account (the documented shape)
      shared: [
        grant(
          { AWS: root(SHARED) },
          ['kafka:CreateVpcConnection', 'kafka:GetBootstrapBrokers', 'kafka:DescribeClusterV2'],
          cluster,
        ),
      ],
      partner: [
        grant(
          { AWS: root(PARTNER) },
          ['kafka:CreateVpcConnection', 'kafka:GetBootstrapBrokers', 'kafka:DescribeClusterV2'],
          cluster,
        ),
      ],
    },
    () => ({ cluster_arn: cluster }),
    () => ({ cluster_arn: ref('aws_msk_cluster.orders', 'arn') }),
  );
  const outpostBucket = arn('s3-outposts', 'outpost/op-01ac5d28a6a232904/bucket/orders');
  policies(
    e,
    'aws_s3control_bucket_policy',
    'policy',
    {
      app: [
        grant(
          { AWS: role('orders-app') },
          ['s3-outposts:GetObject', 's3-outposts:PutObject'],
          `${outpostBucket}/object/*`,
        ),
      ],
      partner: [grant({ AWS: root(PARTNER) }, 's3-outposts:GetObject', `${outpostBucket}/object/*`)],
    },
    () => ({ bucket: outpostBucket }),
    () => ({ bucket: ref('aws_s3control_bucket.orders', 'arn') }),
  );
  const legacy = arn('es', 'domain/legacy-search');
  policies(
    e,
    'aws_elasticsearch_domain_policy',
    'access_policies',
    {
      reader: [grant({ AWS: role('search-reader') }, ['es:ESHttpGet', 'es:ESHttpPost'], `${legacy}/*`)],
      // the "open access" template of the console
      open: [grant({ AWS: '*' }, 'es:*', `${legacy}/*`)],
    },
    () => ({ domain_name: 'legacy-search' }),
    () => ({ domain_name: ref('aws_elasticsearch_domain.legacy', 'domain_name') }),
  );
  const destination = arn('logs', 'destination:central-logs');
  policies(
    e,
    'aws_cloudwatch_log_destination_policy',
    'access_policy',
    {
      org: [grant('*', 'logs:PutSubscriptionFilter', destination, { StringEquals: { 'aws:PrincipalOrgID': ORG } })],
      partner: [grant({ AWS: PARTNER }, 'logs:PutSubscriptionFilter', destination)],
    },
    () => ({ destination_name: 'central-logs', force_update: null }),
    () => ({ destination_name: ref('aws_cloudwatch_log_destination.central', 'name') }),
  );
  const container = arn('mediastore', 'container/videos');
  policies(
    e,
    'aws_media_store_container_policy',
    'policy',
    {
      account: [
        grant({ AWS: root(ACCOUNT) }, 'mediastore:*', `${container}/*`, { Bool: { 'aws:SecureTransport': 'true' } }),
      ],
      // "public read over HTTPS": TLS says how, not who
      public_read: [
        grant({ AWS: '*' }, ['mediastore:GetObject', 'mediastore:DescribeObject'], `${container}/*`, {
          Bool: { 'aws:SecureTransport': 'true' },
        }),
      ],
    },
    () => ({ container_name: 'videos' }),
    () => ({ container_name: ref('aws_media_store_container.videos', 'name') }),
  );
  const registry = arn('schemas', 'registry/orders');
  const schemas = arn('schemas', 'schema/orders/*');
  policies(
    e,
    'aws_schemas_registry_policy',
    'policy',
    {
      shared: [grant({ AWS: SHARED }, ['schemas:DescribeRegistry', 'schemas:DescribeSchema'], [registry, schemas])],
      partner: [grant({ AWS: PARTNER }, ['schemas:DescribeRegistry', 'schemas:DescribeSchema'], [registry, schemas])],
    },
    () => ({ registry_name: 'orders' }),
    () => ({ registry_name: ref('aws_schemas_registry.orders', 'name') }),
  );
  const table = arn('dynamodb', 'table/orders');
  policies(
    e,
    'aws_dynamodb_resource_policy',
    'policy',
    {
      org: [grant('*', ['dynamodb:GetItem', 'dynamodb:Query'], table, { StringEquals: { 'aws:PrincipalOrgID': ORG } })],
      // the organization condition left to `...IfExists`: anonymous callers and other accounts pass
      org_if_exists: [
        grant('*', ['dynamodb:GetItem', 'dynamodb:Query'], table, {
          StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
        }),
      ],
    },
    (name) => ({ resource_arn: table, confirm_remove_self_resource_access: name === 'org' ? false : null }),
    () => ({ resource_arn: ref('aws_dynamodb_table.orders', 'arn') }),
  );
  policies(
    e,
    'aws_ecrpublic_repository_policy',
    'policy',
    {
      ci_push: [
        grant({ AWS: role('ci') }, [
          'ecr-public:BatchCheckLayerAvailability',
          'ecr-public:PutImage',
          'ecr-public:InitiateLayerUpload',
          'ecr-public:UploadLayerPart',
          'ecr-public:CompleteLayerUpload',
        ]),
      ],
      // pulling a public image needs no policy; this lets anyone push
      any_push: [grant('*', ['ecr-public:BatchCheckLayerAvailability', 'ecr-public:PutImage'])],
    },
    (name) => ({ repository_name: `cli-${name.replace('_', '-')}` }),
    (name) => ({ repository_name: constant(`cli-${name.replace('_', '-')}`) }),
  );
  const repo = arn('codeartifact', 'repository/acme/npm-internal');
  const packages = arn('codeartifact', 'package/acme/npm-internal/*');
  policies(
    e,
    'aws_codeartifact_repository_permissions_policy',
    'policy_document',
    {
      org_read: [
        grant('*', ['codeartifact:ReadFromRepository', 'codeartifact:DescribePackageVersion'], [repo, packages], {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
        }),
      ],
      any_read: [
        grant('*', ['codeartifact:ReadFromRepository', 'codeartifact:DescribePackageVersion'], [repo, packages]),
      ],
    },
    (name) => ({ domain: 'acme', domain_owner: null, repository: name === 'org_read' ? 'npm-internal' : 'npm-mirror' }),
    () => ({ domain: constant('acme'), repository: ref('aws_codeartifact_repository.npm', 'repository') }),
  );
  // OpenSearch Ingestion: the pipeline exists; endpoints in the shared-services account's VPC,
  // and ingestion by anyone
  const pipeline = arn('osis', 'pipeline/logs-ingest');
  e.keep(
    'aws_osis_pipeline.logs',
    { pipeline_name: 'logs-ingest', pipeline_arn: pipeline, max_units: 1, min_units: 1 },
    { pipeline_name: constant('logs-ingest'), max_units: constant(1), min_units: constant(1) },
  );
  policies(
    e,
    'aws_osis_resource_policy',
    'policy',
    {
      shared_endpoint: [grant({ AWS: root(SHARED) }, 'osis:CreatePipelineEndpoint', pipeline)],
      any_ingest: [grant({ AWS: '*' }, 'osis:Ingest', pipeline)],
    },
    () => ({ resource_arn: pipeline }),
    () => ({ resource_arn: ref('aws_osis_pipeline.logs', 'pipeline_arn') }),
  );
  plans['resource-types.json'] = e;
}

// `Principal: "*"` and the conditions that make it private, or public again.
{
  const e = new Estate();
  const bucket = (name) => `arn:aws:s3:::acme-${name.replace(/_/g, '-')}`;
  const read = (name, condition) => grant('*', 's3:GetObject', `${bucket(name)}/*`, condition);
  const fence = (name, organization) => [
    read(name),
    {
      Sid: 'DenyOutsideOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucket(name), `${bucket(name)}/*`],
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': organization } },
    },
  ];
  policies(
    e,
    'aws_s3_bucket_policy',
    'policy',
    {
      vpce: [read('vpce', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } })],
      vpc: [read('vpc', { StringEquals: { 'aws:SourceVpc': 'vpc-0a1b2c3d' } })],
      account: [read('account', { StringEquals: { 'aws:PrincipalAccount': [ACCOUNT, SHARED] } })],
      org_paths: [
        read('org_paths', {
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` },
        }),
      ],
      // the same written with `ForAllValues`: a caller outside every organization has no paths and passes
      org_paths_all: [read('org_paths_all', { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/*` } })],
      vpce_if_exists: [
        read('vpce_if_exists', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } }),
      ],
      // the pair AWS documents against the use of a bucket outside the endpoint: `Deny` with
      // `StringNotEquals` and an `Allow` of the account's roles
      tls_and_endpoint: [
        {
          Sid: 'DenyInsecure',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket('tls_and_endpoint'), `${bucket('tls_and_endpoint')}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyOutsideEndpoint',
          Effect: 'Deny',
          NotPrincipal: { AWS: role('platform-admin') },
          Action: 's3:*',
          Resource: [bucket('tls_and_endpoint'), `${bucket('tls_and_endpoint')}/*`],
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
        },
        grant({ AWS: role('orders-app') }, ['s3:GetObject', 's3:PutObject'], `${bucket('tls_and_endpoint')}/*`),
      ],
      // the data perimeter: reads for everyone, everyone outside the organization denied
      fence_org: fence('fence_org', ORG),
      // the same perimeter copied with another organization's id
      fence_other_org: fence('fence_other_org', 'o-zz99yy88xx'),
      // every address but one range: anyone else on the internet
      not_ip: [read('not_ip', { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } })],
    },
    (name) => ({ bucket: `acme-${name.replace(/_/g, '-')}` }),
    (name) => ({ bucket: ref(`aws_s3_bucket.${name}`, 'id') }),
  );
  const topic = arn('sns', 'orders-events');
  policies(
    e,
    'aws_sns_topic_policy',
    'policy',
    {
      // the default policy SNS writes: every principal, for the topic owner's resources
      default_owner: [
        grant(
          { AWS: '*' },
          [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          topic,
          { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
        ),
      ],
      // `Principal: "*"` narrowed to EventBridge by `aws:PrincipalServiceName`, any rule of any account
      events_any: [
        grant('*', 'sns:Publish', topic, { StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' } }),
      ],
      events_rule: [
        grant('*', 'sns:Publish', topic, {
          StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' },
          ArnEquals: { 'aws:SourceArn': arn('events', 'rule/orders-failed') },
        }),
      ],
    },
    () => ({ arn: topic }),
    () => ({ arn: ref('aws_sns_topic.orders', 'arn') }),
  );
  e.create(
    'aws_kms_key.s3',
    {
      description: 'orders bucket',
      enable_key_rotation: true,
      policy: policy(
        grant({ AWS: root(ACCOUNT) }, 'kms:*', '*'),
        // AWS's "allow access through Amazon S3 for all principals in the account" statement
        grant(
          { AWS: '*' },
          ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          '*',
          {
            StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
          },
        ),
      ),
    },
    { description: constant('orders bucket'), enable_key_rotation: constant(true), policy: LITERAL },
    { unknown: ['arn', 'id', 'key_id', 'tags_all'] },
  );
  plans['exposure.json'] = e;
}

// Services granted on a resource, with and without the source they act for.
{
  const e = new Estate();
  for (const [name, extra] of [
    ['s3_any', {}],
    ['s3_bucket', { source_arn: 'arn:aws:s3:::acme-uploads', source_account: ACCOUNT }],
    ['sns_topic', { source_arn: arn('sns', 'uploads') }],
  ])
    e.create(
      `aws_lambda_permission.${name}`,
      {
        statement_id: name,
        action: 'lambda:InvokeFunction',
        function_name: 'thumbnails',
        principal: name.startsWith('s3') ? 's3.amazonaws.com' : 'sns.amazonaws.com',
        source_arn: null,
        source_account: null,
        qualifier: null,
        event_source_token: null,
        function_url_auth_type: null,
        principal_org_id: null,
        ...extra,
      },
      {
        statement_id: constant(name),
        action: constant('lambda:InvokeFunction'),
        function_name: ref('aws_lambda_function.thumbnails', 'function_name'),
        principal: constant(name.startsWith('s3') ? 's3.amazonaws.com' : 'sns.amazonaws.com'),
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, constant(v)])),
      },
    );
  // the whole policy of the function (`aws_lambda_resource_policy`): the shared-services
  // account's deploy role, and invocation by anyone
  e.keep(
    'aws_lambda_function.thumbnails',
    { function_name: 'thumbnails', arn: arn('lambda', 'function:thumbnails'), role: role('thumbnails') },
    { function_name: constant('thumbnails'), role: constant(role('thumbnails')) },
  );
  policies(
    e,
    'aws_lambda_resource_policy',
    'policy',
    {
      shared_invoke: [
        grant({ AWS: role('deployer', SHARED) }, 'lambda:InvokeFunction', arn('lambda', 'function:thumbnails')),
      ],
      any_invoke: [grant('*', 'lambda:InvokeFunction', arn('lambda', 'function:thumbnails'))],
    },
    () => ({ resource_arn: arn('lambda', 'function:thumbnails') }),
    () => ({ resource_arn: ref('aws_lambda_function.thumbnails', 'arn') }),
  );
  // a function for every principal of the organization (`principal_org_id`)
  e.create(
    'aws_lambda_permission.org',
    {
      statement_id: 'org',
      action: 'lambda:InvokeFunction',
      function_name: 'thumbnails',
      principal: '*',
      principal_org_id: ORG,
      source_arn: null,
      source_account: null,
      qualifier: null,
      event_source_token: null,
      function_url_auth_type: null,
    },
    {
      statement_id: constant('org'),
      action: constant('lambda:InvokeFunction'),
      function_name: ref('aws_lambda_function.thumbnails', 'function_name'),
      principal: constant('*'),
      principal_org_id: constant(ORG),
    },
  );
  // the default bus for the organization, and for a partner account
  for (const [name, principal, condition] of [
    ['org', '*', [{ key: 'aws:PrincipalOrgID', type: 'StringEquals', value: ORG }]],
    ['partner', PARTNER, []],
  ])
    e.create(
      `aws_cloudwatch_event_permission.${name}`,
      { statement_id: name, principal, action: 'events:PutEvents', event_bus_name: null, condition },
      {
        statement_id: constant(name),
        principal: constant(principal),
        action: constant('events:PutEvents'),
        ...(condition.length === 0
          ? {}
          : {
              condition: [
                { key: constant('aws:PrincipalOrgID'), type: constant('StringEquals'), value: constant(ORG) },
              ],
            }),
      },
    );
  // an SSM document shared with the shared-services account, and with every account
  for (const [name, ids] of [
    ['runbook_shared', SHARED],
    ['runbook_public', 'All'],
  ])
    e.create(
      `aws_ssm_document.${name}`,
      {
        name,
        document_type: 'Automation',
        document_format: 'JSON',
        content: JSON.stringify({
          schemaVersion: '0.3',
          mainSteps: [{ name: 'sleep', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }],
        }),
        permissions: { type: 'Share', account_ids: ids },
        tags: null,
      },
      {
        name: constant(name),
        document_type: constant('Automation'),
        content: LITERAL,
        permissions: constant({ type: 'Share', account_ids: ids }),
      },
      { unknown: ['arn', 'id', 'created_date', 'hash', 'status', 'tags_all'] },
    );
  const logs = 'arn:aws:s3:::acme-config-logs';
  policies(
    e,
    'aws_s3_bucket_policy',
    'policy',
    {
      // AWS Config delivery as the AWS Config guide writes it: bound to the account
      config: [
        grant({ Service: 'config.amazonaws.com' }, 's3:GetBucketAcl', logs, {
          StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        }),
        grant({ Service: 'config.amazonaws.com' }, 's3:PutObject', `${logs}/AWSLogs/${ACCOUNT}/Config/*`, {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': ACCOUNT },
        }),
      ],
    },
    () => ({ bucket: 'acme-config-logs' }),
    () => ({ bucket: ref('aws_s3_bucket.config_logs', 'id') }),
  );
  const queue = arn('sqs', 'uploads');
  policies(
    e,
    'aws_sqs_queue_policy',
    'policy',
    {
      // S3 event notifications with the bucket and its account, as the S3 guide writes them
      s3_bound: [
        grant({ Service: 's3.amazonaws.com' }, 'sqs:SendMessage', queue, {
          ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        }),
      ],
      // EventBridge rules of any account, the source left out
      events_any: [grant({ Service: 'events.amazonaws.com' }, 'sqs:SendMessage', queue)],
    },
    (name) => ({ queue_url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/uploads-${name.replace('_', '-')}` }),
    (name) => ({ queue_url: ref(`aws_sqs_queue.${name}`, 'id') }),
  );
  plans['services.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
