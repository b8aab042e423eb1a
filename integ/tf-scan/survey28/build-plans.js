/**
 * Writes the plans of this folder (`node integ/tf-scan/survey28/build-plans.js`): a resource of
 * each AWS provider type that carries a resource policy or shares a resource, granted as the
 * service guides write it and as its unsafe neighbour, and the fences and log policies the last
 * round left, laid out by `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, LITERAL, ref, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const OTHER_ORG = 'o-zz99yy88xx';
const arn = (service, rest, region = REGION, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${rest}`;
const root = (account) => `arn:aws:iam::${account}:root`;
const role = (name, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const grant = (Principal, Action, Resource, Condition) => ({
  Effect: 'Allow',
  Principal,
  Action,
  Resource,
  ...(Condition === undefined ? {} : { Condition }),
});
const deny = (Principal, Action, Resource, Condition) => ({
  ...grant(Principal, Action, Resource, Condition),
  Effect: 'Deny',
});

const plans = {};

/**
 * One policy resource per entry of `entries` (name -> statements), its policy argument written as
 * a literal `jsonencode`; `values` and `config` give the other arguments as the plan shows them
 * and as the configuration writes them.
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

// A resource of each type that carries a policy, as the guides grant it and its unsafe neighbour.
{
  const e = new Estate();
  const byName = (attribute, type) => [
    (name) => ({ [attribute]: name }),
    (name) => ({ [attribute]: ref(`${type}.${name}`, 'name') }),
  ];

  const vault = (name) => arn('glacier', `vaults/${name}`);
  policies(
    e,
    'aws_glacier_vault',
    'access_policy',
    {
      shared_retrieval: [
        grant({ AWS: root(SHARED) }, ['glacier:InitiateJob', 'glacier:GetJobOutput'], vault('shared_retrieval')),
      ],
      public_retrieval: [grant('*', ['glacier:InitiateJob', 'glacier:GetJobOutput'], vault('public_retrieval'))],
    },
    (name) => ({ name }),
    (name) => ({ name: constant(name) }),
  );

  for (const type of ['aws_opensearch_domain_policy', 'aws_elasticsearch_domain_policy']) {
    const domain = (name) => `${arn('es', `domain/${name}`)}/*`;
    policies(
      e,
      type,
      'access_policies',
      {
        // the IP-based policy the OpenSearch guide gives
        office_ips: [
          grant({ AWS: '*' }, 'es:ESHttp*', domain('office_ips'), { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }),
        ],
        open: [grant({ AWS: '*' }, 'es:ESHttp*', domain('open'))],
      },
      ...byName(
        'domain_name',
        type === 'aws_opensearch_domain_policy' ? 'aws_opensearch_domain' : 'aws_elasticsearch_domain',
      ),
    );
  }

  policies(
    e,
    'aws_api_gateway_rest_api_policy',
    'policy',
    {
      // a private API for one VPC endpoint, as the API Gateway guide writes it
      private_endpoint: [
        grant('*', 'execute-api:Invoke', 'execute-api:/*', {
          StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' },
        }),
      ],
      open: [grant('*', 'execute-api:Invoke', 'execute-api:/*')],
    },
    (name) => ({ rest_api_id: `a1b2c3${name.length}` }),
    (name) => ({ rest_api_id: ref(`aws_api_gateway_rest_api.${name}`, 'id') }),
  );

  const repository = (name) => arn('codeartifact', `repository/packages/${name}`);
  policies(
    e,
    'aws_codeartifact_repository_permissions_policy',
    'policy_document',
    {
      org_read: [
        grant('*', ['codeartifact:ReadFromRepository'], repository('org_read'), {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
        }),
      ],
      partner_read: [grant({ AWS: root(PARTNER) }, ['codeartifact:ReadFromRepository'], repository('partner_read'))],
    },
    (name) => ({ domain: 'packages', repository: name }),
    (name) => ({ domain: constant('packages'), repository: ref(`aws_codeartifact_repository.${name}`, 'repository') }),
  );

  const fileSystem = (name) => arn('elasticfilesystem', `file-system/fs-0${name.length}a1b2c3d4e5f6789`);
  policies(
    e,
    'aws_efs_file_system_policy',
    'policy',
    {
      // the policy EFS offers against anonymous access: clients through a mount target only
      mount_targets: [
        grant(
          { AWS: '*' },
          ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
          fileSystem('mount_targets'),
          {
            Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' },
          },
        ),
      ],
      anyone: [
        grant({ AWS: '*' }, ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], fileSystem('anyone')),
      ],
    },
    (name) => ({ file_system_id: `fs-0${name.length}a1b2c3d4e5f6789` }),
    (name) => ({ file_system_id: ref(`aws_efs_file_system.${name}`, 'id') }),
  );

  const backupVault = (name) => arn('backup', `backup-vault:${name}`);
  policies(
    e,
    'aws_backup_vault_policy',
    'policy',
    {
      shared_copy: [grant({ AWS: root(SHARED) }, 'backup:CopyIntoBackupVault', backupVault('shared_copy'))],
      partner_copy: [grant({ AWS: root(PARTNER) }, 'backup:CopyIntoBackupVault', backupVault('partner_copy'))],
    },
    ...byName('backup_vault_name', 'aws_backup_vault'),
  );

  const registry = arn('ecr', 'repository/*');
  policies(
    e,
    'aws_ecr_registry_policy',
    'policy',
    {
      // replication from the shared-services account, as the ECR guide's registry policy writes it
      shared_replication: [grant({ AWS: root(SHARED) }, ['ecr:CreateRepository', 'ecr:ReplicateImage'], registry)],
      partner_replication: [grant({ AWS: root(PARTNER) }, ['ecr:CreateRepository', 'ecr:ReplicateImage'], registry)],
    },
    () => ({}),
    () => ({}),
  );

  policies(
    e,
    'aws_glue_resource_policy',
    'policy',
    {
      partner_tables: [
        grant({ AWS: root(PARTNER) }, ['glue:GetTable', 'glue:GetTables'], arn('glue', 'table/sales/*')),
      ],
    },
    () => ({}),
    () => ({}),
  );

  const table = (name) => arn('dynamodb', `table/${name}`);
  const stream = (name) => arn('kinesis', `stream/${name}`);
  for (const [type, resource, actions] of [
    ['aws_dynamodb_resource_policy', table, ['dynamodb:GetItem', 'dynamodb:Query']],
    [
      'aws_kinesis_resource_policy',
      stream,
      ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStreamSummary'],
    ],
  ])
    policies(
      e,
      type,
      'policy',
      {
        shared_reader: [grant({ AWS: role('reader', SHARED) }, actions, resource('shared_reader'))],
        partner_reader: [grant({ AWS: role('reader', PARTNER) }, actions, resource('partner_reader'))],
        anyone: [grant('*', actions, resource('anyone'))],
      },
      (name) => ({ resource_arn: resource(name) }),
      (name) => ({
        resource_arn: ref(
          `${type === 'aws_dynamodb_resource_policy' ? 'aws_dynamodb_table' : 'aws_kinesis_stream'}.${name}`,
          'arn',
        ),
      }),
    );

  const accessPoint = (name) => arn('s3', `accesspoint/${name.replace(/_/g, '-')}`);
  policies(
    e,
    'aws_s3control_access_point_policy',
    'policy',
    {
      shared_reader: [
        grant({ AWS: role('reader', SHARED) }, 's3:GetObject', `${accessPoint('shared_reader')}/object/*`),
      ],
      anyone: [grant('*', 's3:GetObject', `${accessPoint('anyone')}/object/*`)],
    },
    (name) => ({ access_point_arn: accessPoint(name) }),
    (name) => ({ access_point_arn: ref(`aws_s3_access_point.${name}`, 'arn') }),
  );

  const mrap = (name) => `arn:aws:s3::${ACCOUNT}:accesspoint/${name.replace(/_/g, '-')}.mrap`;
  for (const [name, statements] of Object.entries({
    mrap_shared: [grant({ AWS: role('reader', SHARED) }, 's3:GetObject', `${mrap('mrap_shared')}/object/*`)],
    mrap_anyone: [grant('*', 's3:GetObject', `${mrap('mrap_anyone')}/object/*`)],
  }))
    e.create(
      `aws_s3control_multi_region_access_point_policy.${name}`,
      { account_id: ACCOUNT, details: [{ name: name.replace(/_/g, '-'), policy: policy(...statements) }] },
      { details: [{ name: constant(name.replace(/_/g, '-')), policy: LITERAL }] },
      { unknown: ['id', 'established', 'proposed'] },
    );

  policies(
    e,
    'aws_networkfirewall_resource_policy',
    'policy',
    {
      partner_rule_group: [
        grant(
          { AWS: root(PARTNER) },
          ['network-firewall:CreateFirewallPolicy', 'network-firewall:ListRuleGroups'],
          arn('network-firewall', 'stateful-rulegroup/partner-rule-group'),
        ),
      ],
    },
    () => ({ resource_arn: arn('network-firewall', 'stateful-rulegroup/partner-rule-group') }),
    () => ({ resource_arn: ref('aws_networkfirewall_rule_group.partner_rule_group', 'arn') }),
  );

  policies(
    e,
    'aws_redshiftserverless_resource_policy',
    'policy',
    {
      partner_restore: [
        grant(
          { AWS: root(PARTNER) },
          ['redshift-serverless:RestoreFromSnapshot', 'redshift-serverless:GetSnapshot'],
          arn('redshift-serverless', 'snapshot/a1b2c3d4-0000-1111-2222-333344445555'),
        ),
      ],
    },
    () => ({ resource_arn: arn('redshift-serverless', 'snapshot/a1b2c3d4-0000-1111-2222-333344445555') }),
    () => ({ resource_arn: ref('aws_redshiftserverless_snapshot.partner_restore', 'arn') }),
  );

  const tableBucket = (name) => arn('s3tables', `bucket/${name.replace(/_/g, '-')}`);
  policies(
    e,
    'aws_s3tables_table_bucket_policy',
    'resource_policy',
    {
      tables_shared: [
        grant(
          { AWS: role('analyst', SHARED) },
          ['s3tables:GetTableData', 's3tables:GetTable'],
          `${tableBucket('tables_shared')}/table/*`,
        ),
      ],
      tables_anyone: [
        grant('*', ['s3tables:GetTableData', 's3tables:GetTable'], `${tableBucket('tables_anyone')}/table/*`),
      ],
    },
    (name) => ({ table_bucket_arn: tableBucket(name) }),
    (name) => ({ table_bucket_arn: ref(`aws_s3tables_table_bucket.${name}`, 'arn') }),
  );

  const bus = (name) => arn('events', `event-bus/${name}`);
  policies(
    e,
    'aws_cloudwatch_event_bus_policy',
    'policy',
    {
      org_put: [grant('*', 'events:PutEvents', bus('org_put'), { StringEquals: { 'aws:PrincipalOrgID': ORG } })],
      anyone_put: [grant('*', 'events:PutEvents', bus('anyone_put'))],
    },
    ...byName('event_bus_name', 'aws_cloudwatch_event_bus'),
  );

  policies(
    e,
    'aws_sesv2_email_identity_policy',
    'policy',
    {
      shared_sender: [
        grant({ AWS: root(SHARED) }, ['ses:SendEmail', 'ses:SendRawEmail'], arn('ses', 'identity/shared.example.com')),
      ],
      partner_sender: [
        grant(
          { AWS: root(PARTNER) },
          ['ses:SendEmail', 'ses:SendRawEmail'],
          arn('ses', 'identity/partner.example.com'),
        ),
      ],
    },
    (name) => ({
      email_identity: name === 'shared_sender' ? 'shared.example.com' : 'partner.example.com',
      policy_name: name,
    }),
    (name) => ({
      email_identity: ref(`aws_sesv2_email_identity.${name}`, 'email_identity'),
      policy_name: constant(name),
    }),
  );

  // Layer versions shared with the organization (`organization_id`), with everyone, with another organization, with the partner.
  const layers = {
    layer_org: { principal: '*', organization_id: ORG },
    layer_anyone: { principal: '*' },
    layer_other_org: { principal: '*', organization_id: OTHER_ORG },
    layer_partner: { principal: PARTNER },
  };
  for (const [name, given] of Object.entries(layers))
    e.create(
      `aws_lambda_layer_version_permission.${name}`,
      {
        layer_name: arn('lambda', 'layer:shared-libs'),
        version_number: 3,
        statement_id: name,
        action: 'lambda:GetLayerVersion',
        organization_id: null,
        skip_destroy: false,
        ...given,
      },
      Object.fromEntries(
        Object.entries({
          layer_name: arn('lambda', 'layer:shared-libs'),
          version_number: 3,
          statement_id: name,
          action: 'lambda:GetLayerVersion',
          ...given,
        }).map(([k, v]) => [k, constant(v)]),
      ),
      { unknown: ['id', 'policy', 'revision_id'] },
    );

  // VPC endpoint access to a domain authorized for an account (the OpenSearch guide's cross-account endpoint).
  for (const [name, account] of [
    ['shared_endpoint', SHARED],
    ['partner_endpoint', PARTNER],
  ])
    e.create(
      `aws_opensearch_authorize_vpc_endpoint_access.${name}`,
      { domain_name: 'search', account },
      { domain_name: ref('aws_opensearch_domain.search', 'domain_name'), account: constant(account) },
      { unknown: ['id', 'authorized_principal'] },
    );

  // A Managed Microsoft AD directory shared with an account (the account in `target`).
  for (const [name, account] of [
    ['directory_shared', SHARED],
    ['directory_partner', PARTNER],
  ])
    e.create(
      `aws_directory_service_shared_directory.${name}`,
      { directory_id: 'd-1234567890', method: 'HANDSHAKE', notes: null, target: [{ id: account, type: 'ACCOUNT' }] },
      {
        directory_id: ref('aws_directory_service_directory.corp', 'id'),
        method: constant('HANDSHAKE'),
        target: [{ id: constant(account), type: constant('ACCOUNT') }],
      },
      { unknown: ['id', 'shared_directory_id'] },
    );

  // A Redshift datashare authorized for an account's clusters.
  const datashare = arn('redshift', 'datashare:3072dae5-022b-4d45-9cd3-01f010aae4b2/sales');
  for (const [name, account] of [
    ['datashare_shared', SHARED],
    ['datashare_partner', PARTNER],
  ])
    e.create(
      `aws_redshift_data_share_authorization.${name}`,
      { consumer_identifier: account, data_share_arn: datashare, allow_writes: false },
      { consumer_identifier: constant(account), data_share_arn: constant(datashare) },
      { unknown: ['id', 'managed_by', 'producer_arn'] },
    );

  // License Manager grants: to the organization, to the partner's account.
  const license = `arn:aws:license-manager::${ACCOUNT}:license:l-0123456789abcdef0123456789abcdef`;
  for (const [name, principal] of [
    ['license_org', `arn:aws:organizations::${ACCOUNT}:organization/${ORG}`],
    ['license_partner', root(PARTNER)],
  ])
    e.create(
      `aws_licensemanager_grant.${name}`,
      { name, principal, license_arn: license, allowed_operations: ['CheckoutLicense', 'CheckInLicense'] },
      { name: constant(name), principal: constant(principal), license_arn: constant(license) },
      { unknown: ['id', 'arn', 'home_region', 'parent_arn', 'status', 'version'] },
    );

  plans['types.json'] = e;
}

// The fences by `aws:PrincipalArn` and the log group policy the EventBridge console writes.
{
  const e = new Estate();
  const objects = (b) => `arn:aws:s3:::${b}/*`;
  const fenced = (b, Condition) => [
    grant('*', 's3:GetObject', objects(b)),
    deny('*', 's3:*', [`arn:aws:s3:::${b}`, objects(b)], Condition),
  ];
  const buckets = {
    // a plain negated test holds when the key is missing: the anonymous caller, without an ARN, is denied
    arn_fence_own: (b) => fenced(b, { ArnNotLike: { 'aws:PrincipalArn': role('readers-*') } }),
    arn_fence_partner: (b) => fenced(b, { ArnNotLike: { 'aws:PrincipalArn': role('*', PARTNER) } }),
    arn_fence_partner_if_exists: (b) =>
      fenced(b, { ArnNotEqualsIfExists: { 'aws:PrincipalArn': [role('reader'), role('reader', PARTNER)] } }),
    // `ForAnyValue` holds for no value: a caller without the key passes the Deny
    arn_fence_any_value: (b) => fenced(b, { 'ForAnyValue:ArnNotLike': { 'aws:PrincipalArn': role('readers-*') } }),
    // the role of that name in any account
    arn_fence_any_account: (b) => fenced(b, { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } }),
  };
  policies(
    e,
    'aws_s3_bucket_policy',
    'policy',
    Object.fromEntries(
      Object.entries(buckets).map(([name, build]) => [name, build(`acme-${name.replace(/_/g, '-')}`)]),
    ),
    (name) => ({ bucket: `acme-${name.replace(/_/g, '-')}` }),
    (name) => ({ bucket: ref(`aws_s3_bucket.${name}`, 'id') }),
  );

  const eventLogs = arn('logs', 'log-group:/aws/events/*:*');
  const writers = { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] };
  const writes = ['logs:CreateLogStream', 'logs:PutLogEvents'];
  policies(
    e,
    'aws_cloudwatch_log_resource_policy',
    'policy_document',
    {
      // what the EventBridge console writes for a log group target: no source bound
      events_console: [grant(writers, writes, eventLogs)],
      // the same bound to the account's rules and deliveries
      events_bound: [
        grant(writers, writes, eventLogs, {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          ArnLike: { 'aws:SourceArn': [arn('events', 'rule/*'), arn('logs', '*')] },
        }),
      ],
    },
    (name) => ({ policy_name: name }),
    (name) => ({ policy_name: constant(name) }),
  );
  plans['perimeter.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
