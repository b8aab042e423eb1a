# Resource policies of the services surveyed, in the shapes their guides write them: an OpenSearch
# Serverless data access policy (a list of rules, not an IAM document), a Kinesis stream shared
# with a consumer account, a Glue Data Catalog policy, a Lambda permission for EventBridge Scheduler.
provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

resource "aws_opensearchserverless_security_policy" "encryption" {
  name = "orders"
  type = "encryption"
  policy = jsonencode({
    Rules       = [{ ResourceType = "collection", Resource = ["collection/orders"] }]
    AWSOwnedKey = true
  })
}

resource "aws_opensearchserverless_collection" "orders" {
  name       = "orders"
  depends_on = [aws_opensearchserverless_security_policy.encryption]
}

# The application role of the account, and a reader of the partner account.
resource "aws_opensearchserverless_access_policy" "data" {
  name = "orders"
  type = "data"
  policy = jsonencode([{
    Rules = [
      { ResourceType = "index", Resource = ["index/orders/*"], Permission = ["aoss:ReadDocument", "aoss:WriteDocument", "aoss:DescribeIndex"] },
      { ResourceType = "collection", Resource = ["collection/orders"], Permission = ["aoss:DescribeCollectionItems"] },
    ]
    Principal = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/orders-app", "arn:aws:iam::999988887777:role/reader"]
  }])
}

resource "aws_kinesis_stream" "orders" {
  name        = "orders"
  shard_count = 1
}

resource "aws_kinesis_resource_policy" "orders" {
  resource_arn = aws_kinesis_stream.orders.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStreamSummary", "kinesis:ListShards"]
      Resource  = aws_kinesis_stream.orders.arn
    }]
  })
}

resource "aws_glue_resource_policy" "catalog" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["glue:GetDatabase", "glue:GetTable"]
      Resource  = "arn:aws:glue:eu-west-1:${data.aws_caller_identity.current.account_id}:*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

# Scheduler targets a function with its execution role; a permission for the service without a
# source lets any account's schedule invoke it.
resource "aws_lambda_permission" "scheduler" {
  statement_id  = "scheduler"
  action        = "lambda:InvokeFunction"
  function_name = "order-worker"
  principal     = "scheduler.amazonaws.com"
}

resource "aws_lambda_permission" "rule" {
  statement_id  = "nightly"
  action        = "lambda:InvokeFunction"
  function_name = "order-worker"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:${data.aws_caller_identity.current.account_id}:rule/nightly"
}
