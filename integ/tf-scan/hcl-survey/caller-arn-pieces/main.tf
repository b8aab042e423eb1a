# The account and partition cut out of ARNs whose form is known: the caller's, a role's, a bucket's.
data "aws_caller_identity" "current" {}

locals {
  caller_fields = split(":", data.aws_caller_identity.current.arn)
  partition     = local.caller_fields[1]
  account       = element(local.caller_fields, 4)
  account_match = regex("^arn:[^:]+:iam::([0-9]+):", data.aws_caller_identity.current.arn)[0]
  account_cut   = replace(data.aws_caller_identity.current.arn, "/^arn:[^:]+:[^:]+::([0-9]+):.*$/", "$1")
  account_parse = provider::aws::arn_parse(data.aws_caller_identity.current.arn).account_id
  worker_name   = split("/", aws_iam_role.worker.arn)[1]
  worker_acct   = split(":", aws_iam_role.worker.arn)[4]
  report_bucket = split(":", aws_s3_bucket.reports.arn)[5]
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "reports-"
}

# Trusted by the deployer role of the same account, however the account is cut out.
resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:${local.partition}:iam::${local.account}:role/deployer" }
    }]
  })
}

resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      Principal = { AWS = [
        "arn:aws:iam::${local.account_match}:role/security",
        "arn:aws:iam::${local.account_cut}:role/security-audit",
        "arn:aws:iam::${local.account_parse}:role/security-admin",
      ] }
    }]
  })
}

resource "aws_iam_role_policy" "worker" {
  name = "worker"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:${local.partition}:s3:::${local.report_bucket}/*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:GetRole"
        Resource = "arn:aws:iam::${local.worker_acct}:role/${local.worker_name}"
      },
      # Every role of the account.
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::${local.worker_acct}:role/*"
      },
    ]
  })
}

# Whether the caller is a user or a role session only apply tells: `try()` may fall back. The
# second field of the caller's ARN split at `/` is a user or role name (a root caller has none, and
# `[1]` is Terraform's error for it).
resource "aws_iam_role" "fallback" {
  name = "fallback"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${try(regex("^arn:[^:]+:iam::([0-9]+):", data.aws_caller_identity.current.arn)[0], "111122223333")}:root" }
    }]
  })
}

resource "aws_iam_role" "session" {
  name = "session"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${local.account}:user/${split("/", data.aws_caller_identity.current.arn)[1]}" }
    }]
  })
}
