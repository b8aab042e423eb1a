provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "partner"
  region = "eu-west-1"
}

resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_account" "tools" {
  name  = "tools"
  email = "aws-tools@example.com"
}

# Read through another account's provider, after the organization exists: not this one's.
data "aws_organizations_organization" "partner" {
  provider   = aws.partner
  depends_on = [aws_organizations_organization.org]
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "org-artifacts"
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid       = "OrgRead"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [aws_organizations_organization.org.id]
    }
  }
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts.json
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ToolsAlarms"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alerts.arn
      Condition = { StringEquals = { "aws:SourceAccount" = aws_organizations_account.tools.id } }
    }]
  })
}

resource "aws_sqs_queue" "intake" {
  name = "intake"
}

resource "aws_sqs_queue_policy" "intake" {
  queue_url = aws_sqs_queue.intake.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerSend"
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.intake.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = data.aws_organizations_organization.partner.id } }
    }]
  })
}

resource "aws_iam_role" "auditor" {
  name = "org-auditor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = aws_organizations_organization.org.id } }
    }]
  })
}

resource "aws_lambda_layer_version_permission" "org" {
  layer_name      = "arn:aws:lambda:eu-west-1:111122223333:layer:shared"
  version_number  = 3
  statement_id    = "org"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = aws_organizations_organization.org.id
}

resource "aws_lambda_layer_version_permission" "partner" {
  layer_name      = "arn:aws:lambda:eu-west-1:111122223333:layer:shared"
  version_number  = 3
  statement_id    = "partner"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = data.aws_organizations_organization.partner.id
}
