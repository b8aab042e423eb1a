# Values built from more than one attribute of a resource: a rendered document edited with
# replace(), a resource given whole to a module, the instances of count / for_each blocks iterated
# by `for` and splats, and try() over a counted data source that has no instance.
provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

# A topic policy written against a placeholder, the topic's ARN put in by replace(); the extra
# documents come from a variable whose default the text fixes.
variable "extra_topic_documents" {
  type = list(string)
  default = [
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Anyone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:Publish\",\"Resource\":\"_TOPIC_\"}]}",
  ]
}

data "aws_iam_policy_document" "topic_owner" {
  statement {
    sid       = "Owner"
    actions   = ["sns:Publish", "sns:Subscribe"]
    resources = ["_TOPIC_"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceOwner"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "topic" {
  source_policy_documents = concat([data.aws_iam_policy_document.topic_owner.json], var.extra_topic_documents)
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = replace(data.aws_iam_policy_document.topic.json, "_TOPIC_", aws_sns_topic.alerts.arn)
}

# A GitHub OIDC provider given whole to a module that reads `.arn` from it.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

module "deploy_main" {
  source   = "./oidc-role"
  name     = "deploy-main"
  oidc_provider = aws_iam_openid_connect_provider.github
  subjects = ["repo:acme/app:ref:refs/heads/main"]
}

module "deploy_any" {
  source   = "./oidc-role"
  name     = "deploy-any"
  oidc_provider = aws_iam_openid_connect_provider.github
  subjects = ["repo:acme/app:*"]
}

# Buckets and workers made by for_each and count, iterated whole.
variable "zones" {
  type    = set(string)
  default = ["raw", "curated"]
}

resource "aws_s3_bucket" "zone" {
  for_each = var.zones
  bucket   = "acme-${each.key}"
}

resource "aws_iam_role" "worker" {
  count              = 2
  name               = "worker-${count.index}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role" "dispatcher" {
  name               = "dispatcher"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy_document" "zones" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = [for name, bucket in aws_s3_bucket.zone : "${bucket.arn}/*"]
  }

  statement {
    actions   = ["s3:ListBucket"]
    resources = values(aws_s3_bucket.zone)[*].arn
  }

  statement {
    actions   = ["iam:PassRole"]
    resources = aws_iam_role.worker[*].arn
  }
}

resource "aws_iam_role_policy" "zones" {
  role   = aws_iam_role.dispatcher.id
  policy = data.aws_iam_policy_document.zones.json
}

# The risky twin: the workers' ARNs and `*`.
resource "aws_iam_role_policy" "dispatch" {
  role = aws_iam_role.dispatcher.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = concat([for r in aws_iam_role.worker : r.arn], ["*"]) }]
  })
}

# Logs to an existing group when one is named, else to the group made here.
variable "existing_log_group" {
  type    = string
  default = ""
}

data "aws_cloudwatch_log_group" "existing" {
  count = var.existing_log_group == "" ? 0 : 1
  name  = var.existing_log_group
}

resource "aws_cloudwatch_log_group" "dispatcher" {
  count = var.existing_log_group == "" ? 1 : 0
  name  = "/aws/lambda/dispatcher"
}

locals {
  log_group_arn = try(data.aws_cloudwatch_log_group.existing[0].arn, aws_cloudwatch_log_group.dispatcher[0].arn)
}

resource "aws_iam_role_policy" "logs" {
  role = aws_iam_role.dispatcher.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "${local.log_group_arn}:*" }]
  })
}
