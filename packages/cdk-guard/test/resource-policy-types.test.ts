/**
 * Resource-based policies of the less common CloudFormation types (RESOURCE_POLICY_KINDS): each is
 * read from the property CloudFormation names, as a JSON object or a JSON string, and recorded on
 * the resource it protects.
 */
import { runGuard, valueToString } from '@iamgate/core';
import type { ScanInput, SymbolicValue } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { RESOURCE_POLICY_KINDS, isPolicyResource } from '../src/extract/resource-policies';
import { templateSource } from '../src/extract/stack-source';

const statement = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
  Action: 'x:Y',
  Resource: '*',
};
const doc = { Version: '2012-10-17', Statement: [statement] };

function extract(resources: Record<string, object>): ScanInput {
  return extractStacks([templateSource({ Resources: resources }, { file: 'app.json', stackName: 'App' })]);
}

/** The text of a value, with the stack's own region and account shown as `?`. */
function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return valueToString(value as string | SymbolicValue).replace(/\$\{the (region|account) of the stack\}/g, '?');
}

/** Sets `value` at `path` below a fresh object: `{ A: { B: value } }` for `['A', 'B']`. */
function nested(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

interface Case {
  readonly type: string;
  /** Where CloudFormation takes the policy. */
  readonly document: readonly string[];
  /** Other properties the resource needs to name what it protects. */
  readonly properties?: Record<string, unknown>;
  /** The protected resource as recorded (`undefined`: none, the statements name it). */
  readonly arn: string | undefined;
}

const OUTPOSTS_BUCKET = 'arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-01ac5d28a6a232904/bucket/plant';
const CASES: readonly Case[] = [
  {
    type: 'AWS::S3Express::BucketPolicy',
    document: ['PolicyDocument'],
    properties: { Bucket: 'ingest--use1-az4--x-s3' },
    arn: 'ingest--use1-az4--x-s3',
  },
  { type: 'AWS::S3Express::AccessPoint', document: ['Policy'], arn: '${the Arn of AWS::S3Express::AccessPoint `R`}' },
  {
    type: 'AWS::S3::MultiRegionAccessPointPolicy',
    document: ['Policy'],
    properties: { MrapName: 'global-assets' },
    arn: 'global-assets',
  },
  {
    type: 'AWS::S3Outposts::BucketPolicy',
    document: ['PolicyDocument'],
    properties: { Bucket: OUTPOSTS_BUCKET },
    arn: OUTPOSTS_BUCKET,
  },
  { type: 'AWS::S3Outposts::AccessPoint', document: ['Policy'], arn: '${the Arn of AWS::S3Outposts::AccessPoint `R`}' },
  {
    type: 'AWS::S3ObjectLambda::AccessPointPolicy',
    document: ['PolicyDocument'],
    properties: { ObjectLambdaAccessPoint: 'thumbnails' },
    arn: 'thumbnails',
  },
  {
    type: 'AWS::S3Vectors::VectorBucketPolicy',
    document: ['Policy'],
    properties: { VectorBucketArn: 'arn:aws:s3vectors:us-east-1:111122223333:bucket/embeddings' },
    arn: 'arn:aws:s3vectors:us-east-1:111122223333:bucket/embeddings',
  },
  {
    type: 'AWS::S3Tables::TableBucketPolicy',
    document: ['ResourcePolicy'],
    properties: { TableBucketARN: 'arn:aws:s3tables:us-east-1:111122223333:bucket/analytics' },
    arn: 'arn:aws:s3tables:us-east-1:111122223333:bucket/analytics',
  },
  {
    type: 'AWS::S3Tables::TablePolicy',
    document: ['ResourcePolicy'],
    properties: { TableARN: 'arn:aws:s3tables:us-east-1:111122223333:bucket/analytics/table/0a1b2c3d' },
    arn: 'arn:aws:s3tables:us-east-1:111122223333:bucket/analytics/table/0a1b2c3d',
  },
  { type: 'AWS::KMS::ReplicaKey', document: ['KeyPolicy'], arn: '${the Arn of AWS::KMS::ReplicaKey `R`}' },
  { type: 'AWS::ECR::RegistryPolicy', document: ['PolicyText'], arn: undefined },
  { type: 'AWS::ECR::RepositoryCreationTemplate', document: ['RepositoryPolicy'], arn: undefined },
  {
    type: 'AWS::MSK::ClusterPolicy',
    document: ['Policy'],
    properties: { ClusterArn: 'arn:aws:kafka:us-east-1:111122223333:cluster/orders/abcd-2' },
    arn: 'arn:aws:kafka:us-east-1:111122223333:cluster/orders/abcd-2',
  },
  {
    type: 'AWS::VpcLattice::AuthPolicy',
    document: ['Policy'],
    properties: { ResourceIdentifier: 'svc-0123456789abcdef0' },
    arn: 'svc-0123456789abcdef0',
  },
  {
    type: 'AWS::VpcLattice::ResourcePolicy',
    document: ['Policy'],
    properties: { ResourceArn: 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0' },
    arn: 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0',
  },
  { type: 'AWS::EC2::VPCEndpoint', document: ['PolicyDocument'], arn: undefined },
  { type: 'AWS::MediaStore::Container', document: ['Policy'], arn: undefined },
  { type: 'AWS::XRay::ResourcePolicy', document: ['PolicyDocument'], arn: undefined },
  {
    type: 'AWS::EventSchemas::RegistryPolicy',
    document: ['Policy'],
    properties: { RegistryName: 'orders' },
    arn: 'orders',
  },
  {
    type: 'AWS::SageMaker::ModelPackageGroup',
    document: ['ModelPackageGroupPolicy'],
    arn: '${the ModelPackageGroupArn of AWS::SageMaker::ModelPackageGroup `R`}',
  },
  { type: 'AWS::Organizations::ResourcePolicy', document: ['Content'], arn: undefined },
  {
    type: 'AWS::Logs::LogGroup',
    document: ['ResourcePolicyDocument'],
    properties: { LogGroupName: '/app/api' },
    arn: 'arn:aws:logs:?:?:log-group:/app/api:*',
  },
  {
    type: 'AWS::Logs::DeliveryDestination',
    document: ['DeliveryDestinationPolicy', 'DeliveryDestinationPolicy'],
    arn: '${the Arn of AWS::Logs::DeliveryDestination `R`}',
  },
  { type: 'AWS::Oam::Sink', document: ['Policy'], arn: '${the Arn of AWS::Oam::Sink `R`}' },
  {
    type: 'AWS::SSM::ResourcePolicy',
    document: ['Policy'],
    properties: { ResourceArn: 'arn:aws:ssm:us-east-1:111122223333:opsitemgroup/default' },
    arn: 'arn:aws:ssm:us-east-1:111122223333:opsitemgroup/default',
  },
  {
    type: 'AWS::Lex::ResourcePolicy',
    document: ['Policy'],
    properties: { ResourceArn: 'arn:aws:lex:us-east-1:111122223333:bot/ABCDEFGHIJ' },
    arn: 'arn:aws:lex:us-east-1:111122223333:bot/ABCDEFGHIJ',
  },
  {
    type: 'AWS::CloudTrail::ResourcePolicy',
    document: ['ResourcePolicy'],
    properties: { ResourceArn: 'arn:aws:cloudtrail:us-east-1:111122223333:channel/0a1b2c3d' },
    arn: 'arn:aws:cloudtrail:us-east-1:111122223333:channel/0a1b2c3d',
  },
  {
    type: 'AWS::APS::ResourcePolicy',
    document: ['PolicyDocument'],
    properties: { WorkspaceArn: 'arn:aws:aps:us-east-1:111122223333:workspace/ws-0a1b2c3d' },
    arn: 'arn:aws:aps:us-east-1:111122223333:workspace/ws-0a1b2c3d',
  },
  {
    type: 'AWS::Backup::LogicallyAirGappedBackupVault',
    document: ['AccessPolicy'],
    arn: '${the BackupVaultArn of AWS::Backup::LogicallyAirGappedBackupVault `R`}',
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    document: ['NamespaceResourcePolicy'],
    arn: '${the Namespace.NamespaceArn of AWS::RedshiftServerless::Namespace `R`}',
  },
  {
    type: 'AWS::Redshift::Cluster',
    document: ['NamespaceResourcePolicy'],
    arn: '${the ClusterNamespaceArn of AWS::Redshift::Cluster `R`}',
  },
  { type: 'AWS::DSQL::Cluster', document: ['PolicyDocument'], arn: '${the ResourceArn of AWS::DSQL::Cluster `R`}' },
  {
    type: 'AWS::OSIS::Pipeline',
    document: ['ResourcePolicy', 'Policy'],
    arn: '${the PipelineArn of AWS::OSIS::Pipeline `R`}',
  },
  { type: 'AWS::RUM::AppMonitor', document: ['ResourcePolicy', 'PolicyDocument'], arn: undefined },
  { type: 'AWS::MediaPackageV2::ChannelPolicy', document: ['Policy'], arn: undefined },
  { type: 'AWS::MediaPackageV2::OriginEndpointPolicy', document: ['Policy'], arn: undefined },
  { type: 'AWS::MediaTailor::ChannelPolicy', document: ['Policy'], arn: undefined },
  {
    type: 'AWS::SMSVOICE::ResourcePolicy',
    document: ['PolicyDocument'],
    properties: { ResourceArn: 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0a1b2c3d' },
    arn: 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0a1b2c3d',
  },
  {
    type: 'AWS::NetworkFirewall::ResourcePolicy',
    document: ['ResourcePolicy'],
    properties: { ResourceArn: 'arn:aws:network-firewall:us-east-1:111122223333:stateful-rulegroup/blocklist' },
    arn: 'arn:aws:network-firewall:us-east-1:111122223333:stateful-rulegroup/blocklist',
  },
  {
    type: 'AWS::ApiGateway::DomainNameV2',
    document: ['Policy'],
    arn: '${the DomainNameArn of AWS::ApiGateway::DomainNameV2 `R`}',
  },
  {
    type: 'AWS::Bedrock::ResourcePolicy',
    document: ['PolicyDocument'],
    properties: { ResourceArn: 'arn:aws:bedrock:us-east-1:111122223333:guardrail/a1b2c3d4e5f6' },
    arn: 'arn:aws:bedrock:us-east-1:111122223333:guardrail/a1b2c3d4e5f6',
  },
  {
    type: 'AWS::BedrockAgentCore::ResourcePolicy',
    document: ['Policy'],
    properties: { ResourceArn: 'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/support-agent' },
    arn: 'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/support-agent',
  },
];

describe('resource policies of the less common CloudFormation types', () => {
  it('every case is a row of RESOURCE_POLICY_KINDS that reads the property it names', () => {
    for (const { type, document } of CASES)
      expect([type, RESOURCE_POLICY_KINDS[type]?.document]).toEqual([type, document]);
  });

  it.each(CASES.map((c) => [c.type, c] as const))('%s: the document as an object', (_, c) => {
    const input = extract({ R: { Type: c.type, Properties: { ...c.properties, ...nested(c.document, doc) } } });
    expect(input.resources.map((r) => [r.id, r.type, text(r.arn), r.policy.document])).toEqual([
      ['App/R', c.type, c.arn, doc],
    ]);
  });

  it.each(CASES.map((c) => [c.type, c] as const))('%s: the document as a JSON string', (_, c) => {
    const input = extract({
      R: { Type: c.type, Properties: { ...c.properties, ...nested(c.document, JSON.stringify(doc)) } },
    });
    expect(input.resources.map((r) => [r.type, r.policy.document])).toEqual([[c.type, doc]]);
  });

  const protectsItself = CASES.filter((c) => !isPolicyResource(c.type));
  it.each(protectsItself.map((c) => [c.type, c] as const))(
    '%s: without the policy property, no resource policy',
    (_, c) => {
      const input = extract({ R: { Type: c.type, Properties: { ...c.properties } } });
      expect([input.resources, input.errors]).toEqual([[], []]);
    },
  );

  const policyOnly = CASES.filter((c) => isPolicyResource(c.type));
  it.each(policyOnly.map((c) => [c.type, c] as const))(
    '%s: without the policy property, which CloudFormation requires of a policy resource, an input error at it',
    (_, c) => {
      const input = extract({ R: { Type: c.type, Properties: { ...c.properties } } });
      expect(input.errors.map((e) => e.pointer)).toEqual([`/Resources/R/Properties/${c.document.join('/')}`]);
      expect(input.resources.map((r) => r.policy.document)).toEqual([undefined]);
    },
  );

  it('the policy resources are the types named `...Policy`, the others protect themselves', () => {
    expect(policyOnly.map((c) => c.type)).toContain('AWS::S3Express::BucketPolicy');
    expect(protectsItself.map((c) => c.type)).toContain('AWS::ApiGateway::DomainNameV2');
  });

  it('a public ECR repository policy applies to the repository when its statements name none', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'ecr-public:PutImage' };
    const input = extract({
      Tools: {
        Type: 'AWS::ECR::PublicRepository',
        Properties: { RepositoryName: 'tools', RepositoryPolicyText: { Version: '2012-10-17', Statement: [open] } },
      },
    });
    const [resource] = input.resources;
    expect(text(resource?.arn)).toBe('${the Arn of AWS::ECR::PublicRepository `Tools`}');
    const [only] = (resource?.policy.document as { Statement: { Resource?: unknown }[] }).Statement;
    expect(text(only?.Resource)).toBe('${the Arn of AWS::ECR::PublicRepository `Tools`}');
  });

  it('a target given by reference is the referenced resource', () => {
    const input = extract({
      Bucket: { Type: 'AWS::S3Express::DirectoryBucket', Properties: { DataRedundancy: 'SingleAvailabilityZone' } },
      Policy: {
        Type: 'AWS::S3Express::BucketPolicy',
        Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: doc },
      },
    });
    expect(input.resources.map((r) => text(r.arn))).toEqual([
      '${the physical id of AWS::S3Express::DirectoryBucket `Bucket`}',
    ]);
  });
});

describe('S3 Block Public Access of the bucket a policy names', () => {
  const publicRead = (bucket: string): object => ({
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
      },
    },
  });
  const bucket = (restrict: unknown): object => ({
    Type: 'AWS::S3::Bucket',
    Properties: { PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: restrict } },
  });
  const publicFindings = (input: ScanInput): string[] =>
    runGuard(input, {})
      .findings.filter((f) => f.ruleId === 'resource-exposure/public-principal')
      .map((f) => f.location.logicalId ?? '');

  it('a bucket that restricts public buckets makes its policy no public grant; one chosen at deploy or off does not', () => {
    const input = extractStacks([
      templateSource(
        {
          Parameters: { Restrict: { Type: 'String' } },
          Resources: {
            Restricted: bucket(true),
            RestrictedAsText: bucket('true'),
            Open: bucket(false),
            Chosen: bucket({ Ref: 'Restrict' }),
            RestrictedPolicy: publicRead('Restricted'),
            RestrictedAsTextPolicy: publicRead('RestrictedAsText'),
            OpenPolicy: publicRead('Open'),
            ChosenPolicy: publicRead('Chosen'),
          },
        },
        { file: 'app.json', stackName: 'App' },
      ),
    ]);
    expect(input.resources.filter((r) => r.publicAccessRestricted === true).map((r) => r.id)).toHaveLength(2);
    expect(publicFindings(input).sort()).toEqual(['ChosenPolicy', 'OpenPolicy']);
  });
});
