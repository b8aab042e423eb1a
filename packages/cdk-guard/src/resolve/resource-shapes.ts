/**
 * What `Ref` and `Fn::GetAtt` return for each CloudFormation resource type, as templates over the
 * resource's name, physical id, the stack's partition, region and account. A reference to one
 * resource is a value with the shape of that resource's ARN, so `table.tableArn` is one specific
 * table, never `*`.
 *
 * Template placeholders: `{partition}`, `{region}`, `{account}`, `{urlSuffix}`, `{name}` (the
 * name property when given, else a hole for the generated name), `{id}` (a hole for a generated
 * physical id), `{path}` (IAM path, `/` by default), `{url}` (an OIDC provider's URL without the
 * scheme), `{suffix}` (a hole for a generated suffix), `{issuerId}` (a hole for an EKS
 * cluster's OIDC issuer id). `name`/`id`/... alone mean the whole value.
 */

/** How one resource type answers `Ref` and `Fn::GetAtt`. */
export interface ResourceShape {
  /** Short human label used in hole provenance: `the ARN of table OrdersTable`. */
  readonly label: string;
  /** The property that names the resource, if any. */
  readonly nameProperty?: string;
  /** Template returned by `Ref`. */
  readonly ref: string;
  /** Templates returned by `Fn::GetAtt`, by attribute name. */
  readonly attributes: Readonly<Record<string, string>>;
}

const region = '{region}';
const account = '{account}';

function arn(service: string, resource: string, options: { global?: boolean; accountless?: boolean } = {}): string {
  return `arn:{partition}:${service}:${options.global ? '' : region}:${options.accountless ? '' : account}:${resource}`;
}

/** Known resource types; others answer with one hole per reference. */
export const RESOURCE_SHAPES: Readonly<Record<string, ResourceShape>> = {
  'AWS::S3::Bucket': {
    label: 'bucket',
    nameProperty: 'BucketName',
    ref: '{name}',
    attributes: {
      Arn: arn('s3', '{name}', { global: true, accountless: true }),
      DomainName: '{name}.s3.{urlSuffix}',
      RegionalDomainName: '{name}.s3.{region}.{urlSuffix}',
    },
  },
  'AWS::DynamoDB::Table': {
    label: 'table',
    nameProperty: 'TableName',
    ref: '{name}',
    attributes: { Arn: arn('dynamodb', 'table/{name}'), StreamArn: arn('dynamodb', 'table/{name}/stream/{suffix}') },
  },
  'AWS::DynamoDB::GlobalTable': {
    label: 'table',
    nameProperty: 'TableName',
    ref: '{name}',
    attributes: { Arn: arn('dynamodb', 'table/{name}'), StreamArn: arn('dynamodb', 'table/{name}/stream/{suffix}') },
  },
  'AWS::SQS::Queue': {
    label: 'queue',
    nameProperty: 'QueueName',
    ref: 'https://sqs.{region}.{urlSuffix}/{account}/{name}',
    attributes: {
      Arn: arn('sqs', '{name}'),
      QueueName: '{name}',
      QueueUrl: 'https://sqs.{region}.{urlSuffix}/{account}/{name}',
    },
  },
  'AWS::SNS::Topic': {
    label: 'topic',
    nameProperty: 'TopicName',
    ref: arn('sns', '{name}'),
    attributes: { TopicArn: arn('sns', '{name}'), TopicName: '{name}' },
  },
  'AWS::KMS::Key': {
    label: 'key',
    ref: '{id}',
    attributes: { Arn: arn('kms', 'key/{id}'), KeyId: '{id}' },
  },
  'AWS::KMS::Alias': { label: 'alias', nameProperty: 'AliasName', ref: '{name}', attributes: {} },
  'AWS::Lambda::Function': {
    label: 'function',
    nameProperty: 'FunctionName',
    ref: '{name}',
    attributes: { Arn: arn('lambda', 'function:{name}') },
  },
  'AWS::Lambda::LayerVersion': {
    label: 'layer version',
    nameProperty: 'LayerName',
    ref: arn('lambda', 'layer:{name}:{version}'),
    attributes: { LayerVersionArn: arn('lambda', 'layer:{name}:{version}') },
  },
  'AWS::SecretsManager::Secret': {
    label: 'secret',
    nameProperty: 'Name',
    ref: arn('secretsmanager', 'secret:{name}-{suffix}'),
    attributes: { Id: arn('secretsmanager', 'secret:{name}-{suffix}') },
  },
  'AWS::IAM::Role': {
    label: 'role',
    nameProperty: 'RoleName',
    ref: '{name}',
    attributes: { Arn: arn('iam', 'role{path}{name}', { global: true }), RoleId: '{id}' },
  },
  'AWS::IAM::User': {
    label: 'user',
    nameProperty: 'UserName',
    ref: '{name}',
    attributes: { Arn: arn('iam', 'user{path}{name}', { global: true }) },
  },
  'AWS::IAM::Group': {
    label: 'group',
    nameProperty: 'GroupName',
    ref: '{name}',
    attributes: { Arn: arn('iam', 'group{path}{name}', { global: true }) },
  },
  'AWS::IAM::ManagedPolicy': {
    label: 'managed policy',
    nameProperty: 'ManagedPolicyName',
    ref: arn('iam', 'policy{path}{name}', { global: true }),
    attributes: { PolicyArn: arn('iam', 'policy{path}{name}', { global: true }) },
  },
  'AWS::IAM::InstanceProfile': {
    label: 'instance profile',
    nameProperty: 'InstanceProfileName',
    ref: '{name}',
    attributes: { Arn: arn('iam', 'instance-profile{path}{name}', { global: true }) },
  },
  'AWS::IAM::OIDCProvider': {
    label: 'OIDC provider',
    ref: arn('iam', 'oidc-provider/{url}', { global: true }),
    attributes: { Arn: arn('iam', 'oidc-provider/{url}', { global: true }) },
  },
  // aws-cdk-lib's `iam.OpenIdConnectProvider` is a custom resource returning the provider's ARN.
  'Custom::AWSCDKOpenIdConnectProvider': {
    label: 'OIDC provider',
    ref: arn('iam', 'oidc-provider/{url}', { global: true }),
    attributes: {},
  },
  'AWS::IAM::SAMLProvider': {
    label: 'SAML provider',
    nameProperty: 'Name',
    ref: arn('iam', 'saml-provider/{name}', { global: true }),
    attributes: { Arn: arn('iam', 'saml-provider/{name}', { global: true }) },
  },
  'AWS::Logs::LogGroup': {
    label: 'log group',
    nameProperty: 'LogGroupName',
    ref: '{name}',
    attributes: { Arn: arn('logs', 'log-group:{name}:*') },
  },
  'AWS::ECR::Repository': {
    label: 'repository',
    nameProperty: 'RepositoryName',
    ref: '{name}',
    attributes: {
      Arn: arn('ecr', 'repository/{name}'),
      RepositoryUri: '{account}.dkr.ecr.{region}.{urlSuffix}/{name}',
    },
  },
  'AWS::Kinesis::Stream': {
    label: 'stream',
    nameProperty: 'Name',
    ref: '{name}',
    attributes: { Arn: arn('kinesis', 'stream/{name}') },
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    label: 'delivery stream',
    nameProperty: 'DeliveryStreamName',
    ref: '{name}',
    attributes: { Arn: arn('firehose', 'deliverystream/{name}') },
  },
  'AWS::StepFunctions::StateMachine': {
    label: 'state machine',
    nameProperty: 'StateMachineName',
    ref: arn('states', 'stateMachine:{name}'),
    attributes: { Arn: arn('states', 'stateMachine:{name}'), Name: '{name}' },
  },
  'AWS::Events::EventBus': {
    label: 'event bus',
    nameProperty: 'Name',
    ref: '{name}',
    attributes: { Arn: arn('events', 'event-bus/{name}'), Name: '{name}' },
  },
  'AWS::Events::Rule': {
    label: 'rule',
    nameProperty: 'Name',
    ref: '{name}',
    attributes: { Arn: arn('events', 'rule/{name}') },
  },
  'AWS::CodeBuild::Project': {
    label: 'project',
    nameProperty: 'Name',
    ref: '{name}',
    attributes: { Arn: arn('codebuild', 'project/{name}') },
  },
  'AWS::ECS::Cluster': {
    label: 'cluster',
    nameProperty: 'ClusterName',
    ref: '{name}',
    attributes: { Arn: arn('ecs', 'cluster/{name}') },
  },
  // The issuer of an EKS cluster's service account tokens (IRSA): one id per cluster, known after
  // deploy, in a host of the region. `Custom::AWSCDK-EKS-Cluster` is aws-eks's cluster resource.
  'AWS::EKS::Cluster': {
    label: 'EKS cluster',
    nameProperty: 'Name',
    ref: '{name}',
    attributes: {
      Arn: arn('eks', 'cluster/{name}'),
      OpenIdConnectIssuerUrl: 'https://oidc.eks.{region}.{urlSuffix}/id/{issuerId}',
    },
  },
  'Custom::AWSCDK-EKS-Cluster': {
    label: 'EKS cluster',
    ref: '{name}',
    attributes: {
      Arn: arn('eks', 'cluster/{name}'),
      OpenIdConnectIssuer: 'oidc.eks.{region}.{urlSuffix}/id/{issuerId}',
      OpenIdConnectIssuerUrl: 'https://oidc.eks.{region}.{urlSuffix}/id/{issuerId}',
    },
  },
  'AWS::EFS::FileSystem': {
    label: 'file system',
    ref: '{id}',
    attributes: { Arn: arn('elasticfilesystem', 'file-system/{id}'), FileSystemId: '{id}' },
  },
  'AWS::Cognito::UserPool': {
    label: 'user pool',
    ref: '{id}',
    attributes: { Arn: arn('cognito-idp', 'userpool/{id}') },
  },
  'AWS::OpenSearchService::Domain': {
    label: 'domain',
    nameProperty: 'DomainName',
    ref: '{name}',
    attributes: { Arn: arn('es', 'domain/{name}'), DomainArn: arn('es', 'domain/{name}') },
  },
  'AWS::SSM::Parameter': { label: 'parameter', nameProperty: 'Name', ref: '{name}', attributes: {} },
  'AWS::ApiGateway::RestApi': { label: 'REST API', ref: '{id}', attributes: { RestApiId: '{id}' } },
  // SAM resources answer as the resources the transform creates under the same logical id.
  'AWS::Serverless::Function': {
    label: 'function',
    nameProperty: 'FunctionName',
    ref: '{name}',
    attributes: { Arn: arn('lambda', 'function:{name}') },
  },
  'AWS::Serverless::StateMachine': {
    label: 'state machine',
    nameProperty: 'Name',
    ref: arn('states', 'stateMachine:{name}'),
    attributes: { Arn: arn('states', 'stateMachine:{name}'), Name: '{name}' },
  },
  'AWS::Serverless::SimpleTable': {
    label: 'table',
    nameProperty: 'TableName',
    ref: '{name}',
    attributes: { Arn: arn('dynamodb', 'table/{name}') },
  },
  'AWS::Serverless::Api': { label: 'REST API', ref: '{id}', attributes: { RootResourceId: '{id}' } },
};
