resource "aws_s3_bucket" "open" {
  bucket = "x-s3_bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_sqs_queue" "open" {
  name = "x-sqs_queue"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_sns_topic" "open" {
  name = "x-sns_topic"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*" }]
  })
}

resource "aws_secretsmanager_secret" "open" {
  name = "x-secretsmanager_secret"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

resource "aws_kms_key" "open" {
  description = "x-kms_key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }]
  })
}

resource "aws_ecr_repository_policy" "open" {
  repository = "x-ecr_repository_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Resource = "*" }]
  })
}

resource "aws_elasticsearch_domain" "open" {
  domain_name = "x-elasticsearch_domain"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "*" }]
  })
}

resource "aws_opensearch_domain" "open" {
  domain_name = "x-opensearch_domain"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "*" }]
  })
}

resource "aws_opensearch_domain_policy" "open" {
  domain_name = "x-opensearch_domain_policy"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "*" }]
  })
}

resource "aws_cloudwatch_event_bus_policy" "open" {
  event_bus_name = "x-cloudwatch_event_bus_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "events:PutEvents", Resource = "*" }]
  })
}

resource "aws_glue_resource_policy" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "glue:GetTable", Resource = "*" }]
  })
}

resource "aws_api_gateway_rest_api" "open" {
  name = "x-api_gateway_rest_api"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "*" }]
  })
}

resource "aws_api_gateway_rest_api_policy" "open" {
  rest_api_id = "x-api_gateway_rest_api_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "*" }]
  })
}

resource "aws_backup_vault_policy" "open" {
  backup_vault_name = "x-backup_vault_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "backup:DescribeBackupVault", Resource = "*" }]
  })
}

resource "aws_efs_file_system_policy" "open" {
  file_system_id = "x-efs_file_system_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "elasticfilesystem:ClientMount", Resource = "*" }]
  })
}

resource "aws_codebuild_resource_policy" "open" {
  resource_arn = "x-codebuild_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "codebuild:BatchGetProjects", Resource = "*" }]
  })
}

resource "aws_dynamodb_resource_policy" "open" {
  resource_arn = "x-dynamodb_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "dynamodb:GetItem", Resource = "*" }]
  })
}

resource "aws_kinesis_resource_policy" "open" {
  resource_arn = "x-kinesis_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kinesis:GetRecords", Resource = "*" }]
  })
}

resource "aws_vpc_endpoint" "open" {
  service_name = "x-vpc_endpoint"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_cloudwatch_log_resource_policy" "open" {
  policy_name = "x-cloudwatch_log_resource_policy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "logs:PutLogEvents", Resource = "*" }]
  })
}

resource "aws_secretsmanager_secret_policy" "open" {
  secret_arn = "x-secretsmanager_secret_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

resource "aws_sns_topic_policy" "open" {
  arn = "x-sns_topic_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*" }]
  })
}

resource "aws_sqs_queue_policy" "open" {
  queue_url = "x-sqs_queue_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_s3_bucket_policy" "open" {
  bucket = "x-s3_bucket_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_ecrpublic_repository_policy" "open" {
  repository_name = "x-ecrpublic_repository_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr-public:PutImage", Resource = "*" }]
  })
}

resource "aws_media_store_container_policy" "open" {
  container_name = "x-media_store_container_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "mediastore:GetObject", Resource = "*" }]
  })
}

resource "aws_networkfirewall_resource_policy" "open" {
  resource_arn = "x-networkfirewall_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "network-firewall:ListFirewallPolicies", Resource = "*" }]
  })
}

resource "aws_sagemaker_model_package_group_policy" "open" {
  model_package_group_name = "x-sagemaker_model_package_group_policy"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sagemaker:DescribeModelPackage", Resource = "*" }]
  })
}

resource "aws_schemas_registry_policy" "open" {
  registry_name = "x-schemas_registry_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "schemas:DescribeSchema", Resource = "*" }]
  })
}

resource "aws_vpclattice_resource_policy" "open" {
  resource_arn = "x-vpclattice_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*" }]
  })
}

resource "aws_vpclattice_auth_policy" "open" {
  resource_identifier = "x-vpclattice_auth_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*" }]
  })
}

resource "aws_redshiftserverless_resource_policy" "open" {
  resource_arn = "x-redshiftserverless_resource_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "redshift-serverless:RestoreFromSnapshot", Resource = "*" }]
  })
}

resource "aws_cloudwatch_log_destination_policy" "open" {
  destination_name = "x-cloudwatch_log_destination_policy"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "logs:PutSubscriptionFilter", Resource = "*" }]
  })
}

resource "aws_s3control_bucket_policy" "open" {
  bucket = "x-s3control_bucket_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3-outposts:GetObject", Resource = "*" }]
  })
}

resource "aws_s3control_access_point_policy" "open" {
  access_point_arn = "x-s3control_access_point_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_s3_access_point" "open" {
  bucket = "x-s3_access_point"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_ses_identity_policy" "open" {
  identity = "x-ses_identity_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ses:SendEmail", Resource = "*" }]
  })
}

resource "aws_sesv2_email_identity_policy" "open" {
  email_identity = "x-sesv2_email_identity_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ses:SendEmail", Resource = "*" }]
  })
}

resource "aws_oam_sink_policy" "open" {
  sink_identifier = "x-oam_sink_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "oam:CreateLink", Resource = "*" }]
  })
}

resource "aws_xray_resource_policy" "open" {
  policy_name = "x-xray_resource_policy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "xray:PutTraceSegments", Resource = "*" }]
  })
}

resource "aws_organizations_resource_policy" "open" {
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "organizations:DescribeOrganization", Resource = "*" }]
  })
}

resource "aws_msk_cluster_policy" "open" {
  cluster_arn = "x-msk_cluster_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kafka:CreateVpcConnection", Resource = "*" }]
  })
}

resource "aws_iam_group_policy" "open" {
  group = "x-iam_group_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_cloudsearch_domain_service_access_policy" "open" {
  domain_name = "x-cloudsearch_domain_service_access_policy"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "cloudsearch:search", Resource = "*" }]
  })
}

resource "aws_s3tables_table_bucket_policy" "open" {
  table_bucket_arn = "x-s3tables_table_bucket_policy"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3tables:GetTableData", Resource = "*" }]
  })
}

resource "aws_s3tables_table_policy" "open" {
  name = "x-s3tables_table_policy"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3tables:GetTableData", Resource = "*" }]
  })
}

resource "aws_s3vectors_vector_bucket_policy" "open" {
  vector_bucket_arn = "x-s3vectors_vector_bucket_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3vectors:QueryVectors", Resource = "*" }]
  })
}

resource "aws_iam_user_policy" "open" {
  user = "x-iam_user_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_ecr_registry_policy" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:ReplicateImage", Resource = "*" }]
  })
}

resource "aws_glacier_vault" "open" {
  name = "x-glacier_vault"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "glacier:InitiateJob", Resource = "*" }]
  })
}

resource "aws_codeartifact_domain_permissions_policy" "open" {
  domain = "x-codeartifact_domain_permissions_policy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "codeartifact:GetAuthorizationToken", Resource = "*" }]
  })
}

resource "aws_codeartifact_repository_permissions_policy" "open" {
  repository = "x-codeartifact_repository_permissions_policy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "codeartifact:ReadFromRepository", Resource = "*" }]
  })
}
