/** Resource types that carry a resource-based policy, the attribute that holds it and how to find the ARN it protects. */
import type { StoredForm } from './stored-form';

/** How the protected resource is found: the resource's own ARN, or an attribute naming it. */
export type ProtectedResource =
  | { readonly kind: 'self' }
  | { readonly kind: 'arn-attribute'; readonly attribute: string }
  /**
   * An attribute holding a name or id; `prefix` makes an ARN of a name when nothing else is known
   * (`{region}` and `{account}` in it stand for the provider's).
   */
  | {
      readonly kind: 'name-attribute';
      readonly attribute: string;
      readonly prefix?: string;
      /** Appended after the name: the resources a name prefix stands for (`/*`). */
      readonly suffix?: string;
    }
  /** An attribute holding an SQS queue URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`). */
  | { readonly kind: 'queue-url'; readonly attribute: string }
  | { readonly kind: 'none' };

/** One resource-policy bearing resource type. */
export interface ResourcePolicyType {
  readonly attribute: string;
  readonly target: ProtectedResource;
  /** How the service reads the policy when not as the IAM grammar says (see stored-form.ts). */
  readonly storedForm?: StoredForm;
}

const self: ProtectedResource = { kind: 'self' };
const none: ProtectedResource = { kind: 'none' };
const arnOf = (attribute: string): ProtectedResource => ({ kind: 'arn-attribute', attribute });
const nameOf = (attribute: string, prefix?: string, suffix?: string): ProtectedResource => ({
  kind: 'name-attribute',
  attribute,
  ...(prefix === undefined ? {} : { prefix }),
  ...(suffix === undefined ? {} : { suffix }),
});

/**
 * Terraform AWS provider resource types with a resource policy. `aws_lambda_permission` and
 * `aws_lambda_layer_version_permission` are read from their arguments instead (extract.ts): their
 * `policy` is computed, known only after apply.
 */
export const RESOURCE_POLICY_TYPES: Readonly<Record<string, ResourcePolicyType>> = {
  aws_s3_bucket_policy: { attribute: 'policy', target: nameOf('bucket', 'arn:aws:s3:::') },
  aws_s3_bucket: { attribute: 'policy', target: self },
  aws_s3control_bucket_policy: { attribute: 'policy', target: arnOf('bucket') },
  aws_s3_access_point: { attribute: 'policy', target: self },
  aws_s3control_access_point_policy: { attribute: 'policy', target: arnOf('access_point_arn') },
  aws_s3control_object_lambda_access_point_policy: { attribute: 'policy', target: none },
  aws_sqs_queue_policy: { attribute: 'policy', target: { kind: 'queue-url', attribute: 'queue_url' } },
  aws_sqs_queue: { attribute: 'policy', target: self },
  aws_sns_topic_policy: { attribute: 'policy', target: arnOf('arn') },
  aws_sns_topic: { attribute: 'policy', target: self },
  aws_kms_key: { attribute: 'policy', target: self },
  aws_kms_replica_key: { attribute: 'policy', target: self },
  aws_kms_external_key: { attribute: 'policy', target: self },
  aws_kms_key_policy: { attribute: 'policy', target: nameOf('key_id') },
  aws_kms_replica_external_key: { attribute: 'policy', target: self },
  // ECR has no inline `policy` on `aws_ecr_repository` / `aws_ecrpublic_repository`: only these two.
  aws_ecr_repository_policy: {
    attribute: 'policy',
    target: nameOf('repository', 'arn:aws:ecr:{region}:{account}:repository/'),
    storedForm: 'implied-resource',
  },
  aws_ecr_registry_policy: { attribute: 'policy', target: none },
  // The policy every repository created under the template's prefix gets (pull through cache, replication).
  aws_ecr_repository_creation_template: {
    attribute: 'repository_policy',
    target: nameOf('prefix', 'arn:aws:ecr:{region}:{account}:repository/', '/*'),
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
  aws_glacier_vault_lock: { attribute: 'policy', target: nameOf('vault_name') },
  aws_elasticsearch_domain_policy: { attribute: 'access_policies', target: nameOf('domain_name') },
  aws_elasticsearch_domain: { attribute: 'access_policies', target: self },
  aws_opensearch_domain_policy: { attribute: 'access_policies', target: nameOf('domain_name') },
  aws_opensearch_domain: { attribute: 'access_policies', target: self },
  aws_cloudwatch_log_resource_policy: { attribute: 'policy_document', target: none },
  aws_cloudwatch_log_destination_policy: { attribute: 'access_policy', target: nameOf('destination_name') },
  aws_cloudwatch_event_bus_policy: { attribute: 'policy', target: nameOf('event_bus_name') },
  aws_cloudwatch_log_delivery_destination_policy: {
    attribute: 'delivery_destination_policy',
    target: nameOf('delivery_destination_name', 'arn:aws:logs:{region}:{account}:delivery-destination:'),
  },
  aws_oam_sink_policy: { attribute: 'policy', target: arnOf('sink_identifier') },
  aws_api_gateway_rest_api_policy: { attribute: 'policy', target: nameOf('rest_api_id'), storedForm: 'execute-api' },
  aws_api_gateway_rest_api: { attribute: 'policy', target: self, storedForm: 'execute-api' },
  aws_backup_vault_policy: { attribute: 'policy', target: nameOf('backup_vault_name') },
  aws_codeartifact_domain_permissions_policy: { attribute: 'policy_document', target: nameOf('domain') },
  aws_codeartifact_repository_permissions_policy: { attribute: 'policy_document', target: nameOf('repository') },
  aws_codebuild_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  // EFS, like ECR, reads a statement without `Resource` as one on the file system itself.
  aws_efs_file_system_policy: {
    attribute: 'policy',
    target: nameOf('file_system_id', 'arn:aws:elasticfilesystem:{region}:{account}:file-system/'),
    storedForm: 'implied-resource',
  },
  aws_glue_resource_policy: { attribute: 'policy', target: none },
  aws_media_store_container_policy: { attribute: 'policy', target: nameOf('container_name') },
  aws_networkfirewall_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_ses_identity_policy: { attribute: 'policy', target: nameOf('identity') },
  aws_sesv2_email_identity_policy: {
    attribute: 'policy',
    target: nameOf('email_identity', 'arn:aws:ses:{region}:{account}:identity/'),
  },
  aws_sagemaker_model_package_group_policy: {
    attribute: 'resource_policy',
    target: nameOf('model_package_group_name'),
  },
  aws_vpc_endpoint: { attribute: 'policy', target: self },
  aws_vpc_endpoint_policy: { attribute: 'policy', target: none },
  aws_msk_cluster_policy: { attribute: 'policy', target: arnOf('cluster_arn') },
  aws_acmpca_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_organizations_resource_policy: { attribute: 'content', target: none },
  aws_xray_resource_policy: { attribute: 'policy_document', target: none },
  aws_redshiftserverless_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_redshift_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_schemas_registry_policy: { attribute: 'policy', target: nameOf('registry_name') },
  aws_vpclattice_auth_policy: { attribute: 'policy', target: arnOf('resource_identifier') },
  aws_vpclattice_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_s3tables_table_bucket_policy: { attribute: 'resource_policy', target: arnOf('table_bucket_arn') },
  aws_s3tables_table_policy: { attribute: 'resource_policy', target: arnOf('table_bucket_arn') },
  aws_kinesis_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
  aws_dynamodb_resource_policy: { attribute: 'policy', target: arnOf('resource_arn') },
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
