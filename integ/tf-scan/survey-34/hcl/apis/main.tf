# API Gateway resource policies, AppSync, Transfer Family and Bedrock, in the shapes of the
# AWS samples and terraform-aws-modules examples.
provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

# A private API: "*" may invoke only through one VPC endpoint (the API Gateway guide's policy).
resource "aws_api_gateway_rest_api" "private" {
  name = "orders-private"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
}

resource "aws_api_gateway_rest_api_policy" "private" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.private.execution_arn}/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.private.execution_arn}/*"
      },
    ]
  })
}

# A regional API whose policy lets anyone invoke from anywhere, and manage it too.
resource "aws_api_gateway_rest_api" "public" {
  name = "orders-public"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*" },
      { Effect = "Allow", Principal = "*", Action = "execute-api:ManageConnections", Resource = "execute-api:/*" },
    ]
  })
}

# An API limited to source IP ranges: public by the network, a condition on who calls.
resource "aws_api_gateway_rest_api" "office" {
  name = "orders-office"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}

# AppSync: the data source's service role on one table.
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_iam_role" "appsync" {
  name = "orders-appsync"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "appsync.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "appsync" {
  name = "table"
  role = aws_iam_role.appsync.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
      Resource = [aws_dynamodb_table.orders.arn, "${aws_dynamodb_table.orders.arn}/index/*"]
    }]
  })
}

resource "aws_appsync_graphql_api" "orders" {
  name                = "orders"
  authentication_type = "AWS_IAM"
}

resource "aws_appsync_datasource" "orders" {
  api_id           = aws_appsync_graphql_api.orders.id
  name             = "orders"
  type             = "AMAZON_DYNAMODB"
  service_role_arn = aws_iam_role.appsync.arn
  dynamodb_config {
    table_name = aws_dynamodb_table.orders.name
  }
}

# Transfer Family: a user's role on the bucket, narrowed by a session policy to the user's own
# home folder (the Transfer guide's ${transfer:HomeFolder} variables); a second user without one.
resource "aws_s3_bucket" "sftp" {
  bucket = "orders-sftp"
}

resource "aws_iam_role" "sftp_user" {
  name = "orders-sftp-user"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "transfer.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account } }
    }]
  })
}

resource "aws_iam_role_policy" "sftp_user" {
  name = "bucket"
  role = aws_iam_role.sftp_user.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:ListBucket", "s3:GetBucketLocation"], Resource = aws_s3_bucket.sftp.arn },
      { Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:GetObjectVersion"], Resource = "${aws_s3_bucket.sftp.arn}/*" },
    ]
  })
}

resource "aws_transfer_server" "sftp" {
  identity_provider_type = "SERVICE_MANAGED"
}

resource "aws_transfer_user" "alice" {
  server_id = aws_transfer_server.sftp.id
  user_name = "alice"
  role      = aws_iam_role.sftp_user.arn
  home_directory_type = "LOGICAL"
  home_directory_mappings {
    entry  = "/"
    target = "/${aws_s3_bucket.sftp.bucket}/alice"
  }
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:ListBucket",
          "Resource": "arn:aws:s3:::$${transfer:HomeBucket}",
          "Condition": { "StringLike": { "s3:prefix": ["$${transfer:HomeFolder}/*", "$${transfer:HomeFolder}"] } }
        },
        {
          "Effect": "Allow",
          "Action": ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
          "Resource": "arn:aws:s3:::$${transfer:HomeDirectory}/*"
        }
      ]
    }
  POLICY
}

# Bedrock: an agent's role invoking one foundation model, trusted by Bedrock for agents of the
# account (the Bedrock guide's trust), and a knowledge base role reading its bucket.
resource "aws_iam_role" "agent" {
  name = "AmazonBedrockExecutionRoleForAgents_orders"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock:eu-west-1:${local.account}:agent/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "agent" {
  name = "model"
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "bedrock:InvokeModel"
      Resource = "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
    }]
  })
}

resource "aws_bedrockagent_agent" "orders" {
  agent_name              = "orders"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
}

# A Bedrock role that invokes every model and reads every bucket: a data path out of the account.
resource "aws_iam_role" "kb" {
  name = "orders-kb"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "kb" {
  name = "wide"
  role = aws_iam_role.kb.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock:*", Resource = "*" },
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = "*" },
    ]
  })
}
