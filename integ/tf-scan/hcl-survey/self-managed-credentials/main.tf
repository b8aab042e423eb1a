# A group of users who manage their own credentials, in AWS's documented shape, in the account
# of a counted aws_caller_identity (or the one a variable names), and its risky twin.
provider "aws" {
  region = "eu-west-1"
}

variable "account_id" {
  type    = string
  default = ""
}

data "aws_caller_identity" "current" {
  count = var.account_id == "" ? 1 : 0
}

data "aws_partition" "current" {}

locals {
  account_id = try(data.aws_caller_identity.current[0].account_id, var.account_id)
  partition  = data.aws_partition.current.partition
  own_user   = "arn:${local.partition}:iam::${local.account_id}:user/$${aws:username}"
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

data "aws_iam_policy_document" "self_service" {
  statement {
    sid       = "OwnAccessKeys"
    actions   = ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys"]
    resources = [local.own_user]
  }

  statement {
    sid       = "CreateOwnVirtualMFADevice"
    actions   = ["iam:CreateVirtualMFADevice"]
    resources = ["arn:${local.partition}:iam::${local.account_id}:mfa/*"]
  }

  statement {
    sid       = "OwnMFA"
    actions   = ["iam:EnableMFADevice", "iam:ResyncMFADevice"]
    resources = [local.own_user]
  }
}

resource "aws_iam_group_policy" "self_service" {
  group  = aws_iam_group.developers.name
  policy = data.aws_iam_policy_document.self_service.json
}

# The risky twin: keys for every user of the account.
resource "aws_iam_group" "helpdesk" {
  name = "helpdesk"
}

resource "aws_iam_group_policy" "helpdesk" {
  group = aws_iam_group.helpdesk.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:CreateAccessKey"
      Resource = "arn:${local.partition}:iam::${local.account_id}:user/*"
    }]
  })
}
