variable "enabled" {
  type    = bool
  default = true
}

variable "policy_documents" {
  type    = list(string)
  default = []
}

variable "principals" {
  type    = map(list(string))
  default = { AWS = ["arn:aws:iam::444455556666:role/ci"] }
}

locals {
  enabled = var.enabled
}

data "aws_iam_policy_document" "assume_role" {
  count = local.enabled ? length(keys(var.principals)) : 0

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = element(keys(var.principals), count.index)
      identifiers = var.principals[element(keys(var.principals), count.index)]
    }
  }
}

data "aws_iam_policy_document" "assume_role_aggregated" {
  count                   = local.enabled ? 1 : 0
  override_policy_documents = data.aws_iam_policy_document.assume_role.*.json
}

resource "aws_iam_role" "default" {
  count              = local.enabled ? 1 : 0
  name               = "eg-prod-app"
  assume_role_policy = join("", data.aws_iam_policy_document.assume_role_aggregated.*.json)
}

data "aws_iam_policy_document" "base" {
  count = local.enabled ? 1 : 0

  statement {
    sid       = "ReadConfig"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"]
  }

  statement {
    sid       = "Artifacts"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "narrowing" {
  count = local.enabled ? 1 : 0

  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::eg-prod-artifacts/*"]
  }
}

data "aws_iam_policy_document" "merged" {
  count                     = local.enabled ? 1 : 0
  source_policy_documents   = concat(data.aws_iam_policy_document.base.*.json, var.policy_documents)
  override_policy_documents = [one(data.aws_iam_policy_document.narrowing[*].json)]
}

resource "aws_iam_policy" "default" {
  count  = local.enabled ? 1 : 0
  name   = "eg-prod-app"
  policy = join("", data.aws_iam_policy_document.merged.*.json)
}

resource "aws_iam_role_policy_attachment" "default" {
  count      = local.enabled ? 1 : 0
  role       = join("", aws_iam_role.default.*.name)
  policy_arn = join("", aws_iam_policy.default.*.arn)
}

# A second role whose merged document keeps the wide statement (no override for its sid).
data "aws_iam_policy_document" "wide" {
  count                   = local.enabled ? 1 : 0
  source_policy_documents = data.aws_iam_policy_document.base.*.json
}

resource "aws_iam_role_policy" "wide" {
  count  = local.enabled ? 1 : 0
  name   = "wide"
  role   = one(aws_iam_role.default[*].id)
  policy = try(data.aws_iam_policy_document.wide[0].json, "")
}
