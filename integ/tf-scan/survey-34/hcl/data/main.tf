# Glue, Kinesis Data Firehose, MSK, OpenSearch and AWS Backup, in the shapes of the
# terraform-aws-modules and aws-ia examples.
provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket" "lake" {
  bucket = "orders-lake"
}

resource "aws_kms_key" "lake" {
  description = "lake"
}

# Glue job: the service role's managed policy, its bucket and scripts.
resource "aws_iam_role" "glue" {
  name = "orders-glue"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "glue.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "glue_service" {
  role       = aws_iam_role.glue.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSGlueServiceRole"
}

resource "aws_iam_role_policy" "glue_lake" {
  name = "lake"
  role = aws_iam_role.glue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource = "${aws_s3_bucket.lake.arn}/curated/*" },
      { Effect = "Allow", Action = "s3:ListBucket", Resource = aws_s3_bucket.lake.arn },
      { Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = aws_kms_key.lake.arn },
    ]
  })
}

resource "aws_glue_job" "curate" {
  name     = "curate"
  role_arn = aws_iam_role.glue.arn
  command {
    script_location = "s3://${aws_s3_bucket.lake.bucket}/scripts/curate.py"
  }
}

# Firehose to S3: the delivery role of the AWS guide, confused deputy closed by sts:ExternalId.
resource "aws_iam_role" "firehose" {
  name = "orders-firehose"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = local.account } }
    }]
  })
}

resource "aws_iam_role_policy" "firehose" {
  name = "delivery"
  role = aws_iam_role.firehose.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"]
        Resource = [aws_s3_bucket.lake.arn, "${aws_s3_bucket.lake.arn}/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = aws_kms_key.lake.arn
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" }
          StringLike   = { "kms:EncryptionContext:aws:s3:arn" = "${aws_s3_bucket.lake.arn}/*" }
        }
      },
      { Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:aws:logs:eu-west-1:${local.account}:log-group:/aws/kinesisfirehose/orders:log-stream:*" },
    ]
  })
}

resource "aws_kinesis_firehose_delivery_stream" "orders" {
  name        = "orders"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.lake.arn
  }
}

# MSK: a cluster policy for the shared-services account (trusted) and one for a partner.
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a", "subnet-0b", "subnet-0c"]
    security_groups = ["sg-0a"]
  }
}

resource "aws_msk_cluster_policy" "events" {
  cluster_arn = aws_msk_cluster.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SharedServices"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeCluster", "kafka:DescribeClusterV2"]
      Resource  = aws_msk_cluster.events.arn
      }, {
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Action    = ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeCluster"]
      Resource  = aws_msk_cluster.events.arn
    }]
  })
}

# OpenSearch: fine-grained access control behind IAM for the account, and a domain open to "*"
# without any condition (the access policy is all that protects it).
resource "aws_opensearch_domain" "search" {
  domain_name = "orders"
}

resource "aws_opensearch_domain_policy" "search" {
  domain_name = aws_opensearch_domain.search.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account}:root" }
      Action    = "es:ESHttp*"
      Resource  = "${aws_opensearch_domain.search.arn}/*"
    }]
  })
}

resource "aws_opensearch_domain" "open" {
  domain_name = "orders-open"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:${local.account}:domain/orders-open/*"
    }]
  })
}

# Backup vault: a deny of recovery point deletion to everyone but the backup admin role (the
# AWS Backup guide's vault lock companion), and a copy grant to the organization.
resource "aws_backup_vault" "main" {
  name        = "orders"
  kms_key_arn = aws_kms_key.lake.arn
}

resource "aws_backup_vault_policy" "main" {
  backup_vault_name = aws_backup_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyDelete"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"]
        Resource  = "*"
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::${local.account}:role/backup-admin" } }
      },
      {
        Sid       = "OrgCopy"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "backup:CopyIntoBackupVault"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
    ]
  })
}
