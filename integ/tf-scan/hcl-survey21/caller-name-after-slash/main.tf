# The caller's name cut out of its ARN: `arn:aws:iam::ACCOUNT:user/NAME` or
# `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` give the user or role name after the first `/`;
# a root caller (`arn:aws:iam::ACCOUNT:root`) has no `/`, and `[1]` is Terraform's error for it.
data "aws_caller_identity" "current" {}

locals {
  caller_parts = split("/", data.aws_caller_identity.current.arn)
  caller_name  = local.caller_parts[1]
}

# The deployer may assume the break-glass role: one user of the account, not every principal.
resource "aws_iam_role" "break_glass" {
  name = "break-glass"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:user/${split("/", data.aws_caller_identity.current.arn)[1]}" }
    }]
  })
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# Passes the deployer's own role: one role, not `*`.
resource "aws_iam_role_policy" "pass_deployer" {
  name = "pass-deployer"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${local.caller_name}"
    }]
  })
}

# Its twin passing every role of the account: reported.
resource "aws_iam_role_policy" "pass_any" {
  name = "pass-any"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*"
    }]
  })
}

# What depends on the kind of caller stays unresolved: the session or a user's name after a path
# (`[2]`), the number of fields, `element()` (which wraps around to the whole ARN of a root caller),
# and `[1]` under `try()`, which falls back for a root caller.
resource "aws_iam_role_policy" "session_name" {
  name = "session-name"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${local.caller_parts[2]}"
    }]
  })
}

resource "aws_iam_role_policy" "field_count" {
  name = "field-count"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/tier-${length(local.caller_parts)}"
    }]
  })
}

resource "aws_iam_role_policy" "wrapped" {
  name = "wrapped"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${element(local.caller_parts, 1)}"
    }]
  })
}

resource "aws_iam_role_policy" "fallback" {
  name = "fallback"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${try(local.caller_parts[1], "deployer")}"
    }]
  })
}
