/**
 * CloudFormation resources that carry a resource-based policy: where the document is and which
 * resource it protects. One row per type; `AWS::Lambda::Permission`,
 * `AWS::Lambda::LayerVersionPermission`, `AWS::Events::EventBusPolicy` and
 * `AWS::EntityResolution::PolicyStatement` are converted to a statement in extract.ts.
 */
import { ownEntry } from '../resolve/values';

/** Where a type keeps its policy, and how to find the ARN of the resource it protects. */
export interface ResourcePolicyKind {
  /** Property path of the policy document (a JSON object or a JSON string). */
  readonly document: readonly string[];
  /**
   * Property holding a reference to the protected resource, and what it holds: its ARN, its name
   * or URL (resolved through the referenced resource's `Arn`), or the resource itself.
   */
  readonly target?: { readonly property: string; readonly holds: 'arn' | 'reference' };
  /** The resource protects itself (key policy, repository policy). */
  readonly self?: string;
  /** A statement without `Resource` applies to the protected resource (ECR repository and EFS file system policies). */
  readonly impliedResource?: boolean;
}

/** Resource policy types, by CloudFormation type. */
export const RESOURCE_POLICY_KINDS: Readonly<Record<string, ResourcePolicyKind>> = {
  'AWS::S3::BucketPolicy': { document: ['PolicyDocument'], target: { property: 'Bucket', holds: 'reference' } },
  'AWS::SQS::QueuePolicy': { document: ['PolicyDocument'], target: { property: 'Queues', holds: 'reference' } },
  'AWS::SQS::QueueInlinePolicy': { document: ['PolicyDocument'], target: { property: 'Queue', holds: 'reference' } },
  'AWS::SNS::TopicPolicy': { document: ['PolicyDocument'], target: { property: 'Topics', holds: 'arn' } },
  'AWS::SNS::TopicInlinePolicy': { document: ['PolicyDocument'], target: { property: 'TopicArn', holds: 'arn' } },
  'AWS::KMS::Key': { document: ['KeyPolicy'], self: 'Arn' },
  'AWS::ECR::Repository': { document: ['RepositoryPolicyText'], self: 'Arn', impliedResource: true },
  'AWS::SecretsManager::ResourcePolicy': {
    document: ['ResourcePolicy'],
    target: { property: 'SecretId', holds: 'arn' },
  },
  'AWS::Logs::ResourcePolicy': { document: ['PolicyDocument'] },
  'AWS::Logs::Destination': { document: ['DestinationPolicy'], self: 'Arn' },
  'AWS::S3::AccessPoint': { document: ['Policy'] },
  'AWS::OpenSearchService::Domain': { document: ['AccessPolicies'], self: 'Arn' },
  'AWS::Elasticsearch::Domain': { document: ['AccessPolicies'], self: 'Arn' },
  // EFS, like ECR, reads a statement without `Resource` as one on the file system itself
  // (aws-cdk-lib writes its default policy, and every `grant*` of a file system, that way).
  'AWS::EFS::FileSystem': { document: ['FileSystemPolicy'], self: 'Arn', impliedResource: true },
  'AWS::Backup::BackupVault': { document: ['AccessPolicy'], self: 'BackupVaultArn' },
  'AWS::CodeArtifact::Repository': { document: ['PermissionsPolicyDocument'], self: 'Arn' },
  'AWS::CodeArtifact::Domain': { document: ['PermissionsPolicyDocument'], self: 'Arn' },
  'AWS::ApiGateway::RestApi': { document: ['Policy'] },
  'AWS::DynamoDB::Table': { document: ['ResourcePolicy', 'PolicyDocument'], self: 'Arn' },
  'AWS::Kinesis::ResourcePolicy': { document: ['ResourcePolicy'], target: { property: 'ResourceArn', holds: 'arn' } },
  'AWS::Events::EventBus': { document: ['Policy'], self: 'Arn' },
  'AWS::Glue::ResourcePolicy': { document: ['PolicyInJson'] },
  // S3 on directory buckets, Outposts, Object Lambda, vector buckets and S3 Tables: bucket and
  // access point policies of the IAM grammar (actions of `s3express`, `s3-outposts`, ...).
  'AWS::S3Express::BucketPolicy': { document: ['PolicyDocument'], target: { property: 'Bucket', holds: 'reference' } },
  'AWS::S3Express::AccessPoint': { document: ['Policy'], self: 'Arn' },
  'AWS::S3::MultiRegionAccessPointPolicy': {
    document: ['Policy'],
    target: { property: 'MrapName', holds: 'reference' },
  },
  'AWS::S3Outposts::BucketPolicy': { document: ['PolicyDocument'], target: { property: 'Bucket', holds: 'arn' } },
  'AWS::S3Outposts::AccessPoint': { document: ['Policy'], self: 'Arn' },
  'AWS::S3ObjectLambda::AccessPointPolicy': {
    document: ['PolicyDocument'],
    target: { property: 'ObjectLambdaAccessPoint', holds: 'reference' },
  },
  'AWS::S3Vectors::VectorBucketPolicy': {
    document: ['Policy'],
    target: { property: 'VectorBucketArn', holds: 'arn' },
  },
  'AWS::S3Tables::TableBucketPolicy': {
    document: ['ResourcePolicy'],
    target: { property: 'TableBucketARN', holds: 'arn' },
  },
  'AWS::S3Tables::TablePolicy': { document: ['ResourcePolicy'], target: { property: 'TableARN', holds: 'arn' } },
  'AWS::KMS::ReplicaKey': { document: ['KeyPolicy'], self: 'Arn' },
  // A registry policy names its repositories in `Resource` (cross-account replication, pull
  // through cache); a public repository's policy, like a private one's, applies to itself.
  'AWS::ECR::RegistryPolicy': { document: ['PolicyText'] },
  'AWS::ECR::PublicRepository': { document: ['RepositoryPolicyText'], self: 'Arn', impliedResource: true },
  // The policy of each repository ECR creates under `Prefix` (pull through cache, replication).
  'AWS::ECR::RepositoryCreationTemplate': { document: ['RepositoryPolicy'] },
  'AWS::MSK::ClusterPolicy': { document: ['Policy'], target: { property: 'ClusterArn', holds: 'arn' } },
  // `ResourceIdentifier` is the id or the ARN of a service or a service network.
  'AWS::VpcLattice::AuthPolicy': {
    document: ['Policy'],
    target: { property: 'ResourceIdentifier', holds: 'reference' },
  },
  'AWS::VpcLattice::ResourcePolicy': { document: ['Policy'], target: { property: 'ResourceArn', holds: 'arn' } },
  // Not a grant: core's `isEndpointFilter` keeps the exposure rules off it (see tf-scan's
  // `aws_vpc_endpoint`); it is read so that the policy itself is still linted.
  'AWS::EC2::VPCEndpoint': { document: ['PolicyDocument'] },
  'AWS::MediaStore::Container': { document: ['Policy'] },
  'AWS::XRay::ResourcePolicy': { document: ['PolicyDocument'] },
  'AWS::EventSchemas::RegistryPolicy': {
    document: ['Policy'],
    target: { property: 'RegistryName', holds: 'reference' },
  },
  'AWS::SageMaker::ModelPackageGroup': { document: ['ModelPackageGroupPolicy'], self: 'ModelPackageGroupArn' },
  // The policy that lets an organization's accounts use delegated administration.
  'AWS::Organizations::ResourcePolicy': { document: ['Content'] },
  'AWS::Logs::LogGroup': { document: ['ResourcePolicyDocument'], self: 'Arn' },
  'AWS::Logs::DeliveryDestination': {
    document: ['DeliveryDestinationPolicy', 'DeliveryDestinationPolicy'],
    self: 'Arn',
  },
  'AWS::Oam::Sink': { document: ['Policy'], self: 'Arn' },
  'AWS::SSM::ResourcePolicy': { document: ['Policy'], target: { property: 'ResourceArn', holds: 'arn' } },
  'AWS::Lex::ResourcePolicy': { document: ['Policy'], target: { property: 'ResourceArn', holds: 'arn' } },
  'AWS::CloudTrail::ResourcePolicy': {
    document: ['ResourcePolicy'],
    target: { property: 'ResourceArn', holds: 'arn' },
  },
  'AWS::APS::ResourcePolicy': { document: ['PolicyDocument'], target: { property: 'WorkspaceArn', holds: 'arn' } },
  'AWS::Backup::LogicallyAirGappedBackupVault': { document: ['AccessPolicy'], self: 'BackupVaultArn' },
  // Who may replicate into the namespace (zero-ETL integrations: `redshift:AuthorizeInboundIntegration`).
  'AWS::RedshiftServerless::Namespace': {
    document: ['NamespaceResourcePolicy'],
    self: 'Namespace.NamespaceArn',
  },
  'AWS::Redshift::Cluster': { document: ['NamespaceResourcePolicy'], self: 'ClusterNamespaceArn' },
  'AWS::DSQL::Cluster': { document: ['PolicyDocument'], self: 'ResourceArn' },
  'AWS::OSIS::Pipeline': { document: ['ResourcePolicy', 'Policy'], self: 'PipelineArn' },
  'AWS::RUM::AppMonitor': { document: ['ResourcePolicy', 'PolicyDocument'] },
  'AWS::MediaPackageV2::ChannelPolicy': { document: ['Policy'] },
  'AWS::MediaPackageV2::OriginEndpointPolicy': { document: ['Policy'] },
  'AWS::MediaTailor::ChannelPolicy': { document: ['Policy'] },
  'AWS::SMSVOICE::ResourcePolicy': { document: ['PolicyDocument'], target: { property: 'ResourceArn', holds: 'arn' } },
  // Who may use a firewall policy or rule group shared with other accounts.
  'AWS::NetworkFirewall::ResourcePolicy': {
    document: ['ResourcePolicy'],
    target: { property: 'ResourceArn', holds: 'arn' },
  },
  // Who may invoke a private API through a custom domain name (`execute-api:Invoke`).
  'AWS::ApiGateway::DomainNameV2': { document: ['Policy'], self: 'DomainNameArn' },
  // Who may use a guardrail (or its profile) from other accounts.
  'AWS::Bedrock::ResourcePolicy': { document: ['PolicyDocument'], target: { property: 'ResourceArn', holds: 'arn' } },
  // Who may retrieve from a knowledge base from other accounts.
  'AWS::Bedrock::KnowledgeBasePolicy': {
    document: ['PolicyDocument'],
    target: { property: 'KnowledgeBaseId', holds: 'reference' },
  },
  // A function's whole resource-based policy (what `AWS::Lambda::Permission` adds to statement by statement).
  'AWS::Lambda::ResourcePolicy': { document: ['PolicyDocument'], target: { property: 'ResourceArn', holds: 'arn' } },
  // An event bus's policy, as its own resource.
  'AWS::EventsV2::ResourcePolicy': { document: ['PolicyDocument'], target: { property: 'EventBusArn', holds: 'arn' } },
  // Who may mount an S3 Files file system (`s3files:ClientMount`, ...).
  'AWS::S3Files::FileSystemPolicy': { document: ['Policy'], target: { property: 'FileSystemId', holds: 'reference' } },
  // Who may invoke an AgentCore runtime or gateway (`Policy` is the JSON text).
  'AWS::BedrockAgentCore::ResourcePolicy': { document: ['Policy'], target: { property: 'ResourceArn', holds: 'arn' } },
  'AWS::Lambda::Permission': { document: [] },
  // Converted to a statement in extract.ts, like `AWS::Lambda::Permission`.
  'AWS::Lambda::LayerVersionPermission': { document: [] },
  'AWS::Events::EventBusPolicy': { document: [] },
  'AWS::EntityResolution::PolicyStatement': { document: [] },
  'AWS::Lambda::Url': { document: [] },
  'AWS::DynamoDB::GlobalTable': { document: [] },
};

/**
 * True for a type that is only a policy (`AWS::S3::BucketPolicy`, `AWS::Logs::ResourcePolicy`):
 * CloudFormation requires its document, which a resource protecting itself (a key, a repository) may omit.
 */
export function isPolicyResource(type: string): boolean {
  const kind = ownEntry(RESOURCE_POLICY_KINDS, type);
  return kind !== undefined && kind.document.length === 1 && /Policy$/.test(type);
}
