/** Resource types that carry a resource-based policy, the attribute that holds it and how to find the ARN it protects. */
import type { StoredForm } from './stored-form';

/** How the protected resource is found: the resource's own ARN, or an attribute naming it. */
export type ProtectedResource =
  | { readonly kind: 'self' }
  | { readonly kind: 'arn-attribute'; readonly attribute: string }
  /**
   * An attribute holding a name or id; `prefix` makes an ARN of a name when nothing else is known
   * (`{region}` and `{account}` in it stand for the provider's, `{other_attribute}` for another
   * argument of the resource, as the CodeArtifact domain of a repository).
   */
  | {
      readonly kind: 'name-attribute';
      readonly attribute: string;
      readonly prefix?: string;
      /** Appended after the name: the resources a name prefix stands for (`/*`). */
      readonly suffix?: string;
      /** The name when the attribute is not set: what the service then acts on (the `default` event bus). */
      readonly fallback?: string;
    }
  /**
   * A resource of the account the policy is set in, with no argument naming it (the Glue Data
   * Catalog, the ECR registry's repositories): its ARN made of `template` as a prefix is.
   */
  | { readonly kind: 'account-resource'; readonly template: string }
  /** An attribute holding an SQS queue URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`). */
  | { readonly kind: 'queue-url'; readonly attribute: string }
  | { readonly kind: 'none' };

/** One resource-policy bearing resource type. */
export interface ResourcePolicyType {
  readonly attribute: string;
  readonly target: ProtectedResource;
  /**
   * The argument naming the account that owns the resource when not the provider's
   * (`domain_owner`, `account_id`): `{account}` in the ARN made from a name stands for it when set.
   */
  readonly accountAttribute?: string;
  /** How the service reads the policy when not as the IAM grammar says (see stored-form.ts). */
  readonly storedForm?: StoredForm;
}

const self: ProtectedResource = { kind: 'self' };
const none: ProtectedResource = { kind: 'none' };
const arnOf = (attribute: string): ProtectedResource => ({ kind: 'arn-attribute', attribute });
const nameOf = (
  attribute: string,
  prefix?: string,
  more: { readonly suffix?: string; readonly fallback?: string } = {},
): ProtectedResource => ({
  kind: 'name-attribute',
  attribute,
  ...(prefix === undefined ? {} : { prefix }),
  ...more,
});
const ofAccount = (template: string): ProtectedResource => ({ kind: 'account-resource', template });

/** The ARN of a (general purpose) bucket, before its name. */
export const BUCKET_ARN_PREFIX = 'arn:aws:s3:::';

/** The ARN of an event bus of the provider's account and region, before its name. */
export const EVENT_BUS_ARN_PREFIX = 'arn:aws:events:{region}:{account}:event-bus/';

/**
 * Terraform AWS provider resource types with a resource policy. `aws_lambda_permission`,
 * `aws_lambda_layer_version_permission` and `aws_signer_signing_profile_permission` are read from
 * their arguments instead (extract.ts): each adds one statement to a policy the service keeps.
 */
export const RESOURCE_POLICY_TYPES: Readonly<Record<string, ResourcePolicyType>> = {
  aws_s3_bucket_policy: { attribute: 'policy', target: nameOf('bucket', BUCKET_ARN_PREFIX) },
  aws_s3_bucket: { attribute: 'policy', target: self },
  aws_s3control_bucket_policy: { attribute: 'policy', target: arnOf('bucket') },
  aws_s3_access_point: { attribute: 'policy', target: self },
  aws_s3control_access_point_policy: { attribute: 'policy', target: arnOf('access_point_arn') },
  aws_s3control_object_lambda_access_point_policy: {
    attribute: 'policy',
    target: nameOf('name', 'arn:aws:s3-object-lambda:{region}:{account}:accesspoint/'),
    accountAttribute: 'account_id',
  },
  // The account's S3 Access Grants instance: one per account and Region.
  aws_s3control_access_grants_instance_resource_policy: {
    attribute: 'policy',
    target: ofAccount('arn:aws:s3:{region}:{account}:access-grants/default'),
    accountAttribute: 'account_id',
  },
  aws_sqs_queue_policy: { attribute: 'policy', target: { kind: 'queue-url', attribute: 'queue_url' } },
  aws_sqs_queue: { attribute: 'policy', target: self },
  aws_sns_topic_policy: { attribute: 'policy', target: arnOf('arn') },
  aws_sns_topic: { attribute: 'policy', target: self },
  aws_kms_key: { attribute: 'policy', target: self },
  aws_kms_replica_key: { attribute: 'policy', target: self },
  aws_kms_external_key: { attribute: 'policy', target: self },
  aws_kms_key_policy: { attribute: 'policy', target: nameOf('key_id', 'arn:aws:kms:{region}:{account}:key/') },
  aws_kms_replica_external_key: { attribute: 'policy', target: self },
  // ECR has no inline `policy` on `aws_ecr_repository` / `aws_ecrpublic_repository`: only these two.
  aws_ecr_repository_policy: {
    attribute: 'policy',
    target: nameOf('repository', 'arn:aws:ecr:{region}:{account}:repository/'),
    storedForm: 'implied-resource',
  },
  // The registry's policy governs its repositories (replication, pull through cache).
  aws_ecr_registry_policy: { attribute: 'policy', target: ofAccount('arn:aws:ecr:{region}:{account}:repository/*') },
  // The policy every repository created under the template's prefix gets (pull through cache, replication).
  aws_ecr_repository_creation_template: {
    attribute: 'repository_policy',
    target: nameOf('prefix', 'arn:aws:ecr:{region}:{account}:repository/', { suffix: '/*' }),
    storedForm: 'implied-resource',
  },
  aws_ecrpublic_repository_policy: {
    attribute: 'policy',
    target: nameOf('repository_name', 'arn:aws:ecr-public::{account}:repository/'),
    storedForm: 'implied-resource',
  },
  aws_secretsmanager_secret_policy: { attribute: 'policy', target: arnOf('secret_arn') },
  aws_secretsmanager_secret: { attribute: 'policy', target: self },
  aws_glacier_vault: { attribute: 'access_policy', target: self },
  aws_glacier_vault_lock: {
    attribute: 'policy',
    target: nameOf('vault_name', 'arn:aws:glacier:{region}:{account}:vaults/'),
  },
  aws_elasticsearch_domain_policy: {
    attribute: 'access_policies',
    target: nameOf('domain_name', 'arn:aws:es:{region}:{account}:domain/'),
  },
  aws_elasticsearch_domain: { attribute: 'access_policies', target: self },
  aws_opensearch_domain_policy: {
    attribute: 'access_policies',
    target: nameOf('domain_name', 'arn:aws:es:{region}:{account}:domain/'),
  },
  // CloudSearch, like ECR, reads a statement without `Resource` as one on the domain itself.
  aws_cloudsearch_domain_service_access_policy: {
    attribute: 'access_policy',
    target: nameOf('domain_name', 'arn:aws:cloudsearch:{region}:{account}:domain/'),
    storedForm: 'implied-resource',
  },
  aws_opensearch_domain: { attribute: 'access_policies', target: self },
  // An account-wide policy on the account's log groups (service log delivery).
  aws_cloudwatch_log_resource_policy: {
    attribute: 'policy_document',
    target: ofAccount('arn:aws:logs:{region}:{account}:log-group:*'),
  },
  aws_cloudwatch_log_destination_policy: {
    attribute: 'access_policy',
    target: nameOf('destination_name', 'arn:aws:logs:{region}:{account}:destination:'),
  },
  aws_cloudwatch_event_bus_policy: {
    attribute: 'policy',
    target: nameOf('event_bus_name', EVENT_BUS_ARN_PREFIX, { fallback: 'default' }),
  },
  aws_cloudwatch_log_delivery_destination_policy: {
    attribute: 'delivery_destination_policy',
    target: nameOf('delivery_destination_name', 'arn:aws:logs:{region}:{account}:delivery-destination:'),
  },
  aws_oam_sink_policy: { attribute: 'policy', target: arnOf('sink_identifier') },
  aws_api_gateway_rest_api_policy: { attribute: 'policy', target: nameOf('rest_api_id'), storedForm: 'execute-api' },
  aws_api_gateway_rest_api: { attribute: 'policy', target: self, storedForm: 'execute-api' },
  aws_backup_vault_policy: {
    attribute: 'policy',
    target: nameOf('backup_vault_name', 'arn:aws:backup:{region}:{account}:backup-vault:'),
  },
  aws_codeartifact_domain_permissions_policy: {
    attribute: 'policy_document',
    target: nameOf('domain', 'arn:aws:codeartifact:{region}:{account}:domain/'),
    accountAttribute: 'domain_owner',
  },
  aws_codeartifact_repository_permissions_policy: {
    attribute: 'policy_document',
    target: nameOf('repository', 'arn:aws:codeartifact:{region}:{account}:repository/{domain}/'),
    accountAttribute: 'domain_owner',
  },
  aws_codebuild_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  // EFS, like ECR, reads a statement without `Resource` as one on the file system itself.
  aws_efs_file_system_policy: {
    attribute: 'policy',
    target: nameOf('file_system_id', 'arn:aws:elasticfilesystem:{region}:{account}:file-system/'),
    storedForm: 'implied-resource',
  },
  aws_glue_resource_policy: { attribute: 'policy', target: ofAccount('arn:aws:glue:{region}:{account}:catalog') },
  aws_media_store_container_policy: {
    attribute: 'policy',
    target: nameOf('container_name', 'arn:aws:mediastore:{region}:{account}:container/'),
  },
  aws_networkfirewall_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_ses_identity_policy: {
    attribute: 'policy',
    target: nameOf('identity', 'arn:aws:ses:{region}:{account}:identity/'),
  },
  aws_sesv2_email_identity_policy: {
    attribute: 'policy',
    target: nameOf('email_identity', 'arn:aws:ses:{region}:{account}:identity/'),
  },
  aws_sagemaker_model_package_group_policy: {
    attribute: 'resource_policy',
    target: nameOf('model_package_group_name', 'arn:aws:sagemaker:{region}:{account}:model-package-group/'),
  },
  aws_vpc_endpoint: { attribute: 'policy', target: self },
  aws_vpc_endpoint_policy: {
    attribute: 'policy',
    target: nameOf('vpc_endpoint_id', 'arn:aws:ec2:{region}:{account}:vpc-endpoint/'),
  },
  aws_msk_cluster_policy: { attribute: 'policy', target: arnOf('cluster_arn') },
  aws_acmpca_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_organizations_resource_policy: { attribute: 'content', target: none },
  aws_xray_resource_policy: { attribute: 'policy_document', target: ofAccount('arn:aws:xray:{region}:{account}:*') },
  aws_redshiftserverless_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_redshift_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_schemas_registry_policy: {
    attribute: 'policy',
    target: nameOf('registry_name', 'arn:aws:schemas:{region}:{account}:registry/'),
  },
  aws_vpclattice_auth_policy: { attribute: 'policy', target: arnOf('resource_identifier') },
  aws_vpclattice_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_s3tables_table_bucket_policy: { attribute: 'resource_policy', target: arnOf('table_bucket_arn') },
  aws_s3tables_table_policy: { attribute: 'resource_policy', target: arnOf('table_bucket_arn') },
  aws_kinesis_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_dynamodb_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  // The whole policy of a function, version or alias, statements of `aws_lambda_permission` included.
  aws_lambda_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  // OpenSearch Ingestion: who may ingest into a pipeline or create an endpoint for it in another VPC.
  aws_osis_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_ssm_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_bedrockagentcore_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_pinpointsmsvoicev2_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_s3vectors_vector_bucket_policy: { attribute: 'policy', target: arnOf('vector_bucket_arn') },
  aws_prometheus_resource_policy: {
    attribute: 'policy_document',
    target: nameOf('workspace_id', 'arn:aws:aps:{region}:{account}:workspace/'),
  },
  aws_dsql_cluster_policy: {
    attribute: 'policy',
    target: nameOf('identifier', 'arn:aws:dsql:{region}:{account}:cluster/'),
  },
};

/** The ARN of an SQS queue from its URL (current and legacy endpoints); `undefined` for anything else. */
export function queueArnOfUrl(url: string): string | undefined {
  const match =
    /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?|(queue)\.amazonaws\.com)\/(\d{12})\/([\w-]+(?:\.fifo)?)\/?$/.exec(
      url,
    );
  if (match === null) return undefined;
  const [, region, china, legacyRegion, legacyChina, global, account, name] = match;
  const partition = china !== undefined || legacyChina !== undefined ? 'aws-cn' : 'aws';
  const where = region ?? legacyRegion ?? (global === undefined ? undefined : 'us-east-1');
  return where === undefined ? undefined : `arn:${partition}:sqs:${where}:${account ?? ''}:${name ?? ''}`;
}
