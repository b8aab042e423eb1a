/**
 * CloudFormation resources that carry a resource-based policy: where the document is and which
 * resource it protects. One row per type; `AWS::Lambda::Permission`,
 * `AWS::Lambda::LayerVersionPermission` and `AWS::Events::EventBusPolicy` are converted to a
 * statement in extract.ts.
 */

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
  /** A statement without `Resource` applies to the protected resource (ECR repository policies). */
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
  'AWS::EFS::FileSystem': { document: ['FileSystemPolicy'], self: 'Arn' },
  'AWS::Backup::BackupVault': { document: ['AccessPolicy'], self: 'BackupVaultArn' },
  'AWS::CodeArtifact::Repository': { document: ['PermissionsPolicyDocument'], self: 'Arn' },
  'AWS::CodeArtifact::Domain': { document: ['PermissionsPolicyDocument'], self: 'Arn' },
  'AWS::ApiGateway::RestApi': { document: ['Policy'] },
  'AWS::DynamoDB::Table': { document: ['ResourcePolicy', 'PolicyDocument'], self: 'Arn' },
  'AWS::Kinesis::ResourcePolicy': { document: ['ResourcePolicy'], target: { property: 'ResourceArn', holds: 'arn' } },
  'AWS::Events::EventBus': { document: ['Policy'], self: 'Arn' },
  'AWS::Glue::ResourcePolicy': { document: ['PolicyInJson'] },
  'AWS::Lambda::Permission': { document: [] },
  // Converted to a statement in extract.ts, like `AWS::Lambda::Permission`.
  'AWS::Lambda::LayerVersionPermission': { document: [] },
  'AWS::Events::EventBusPolicy': { document: [] },
};
