# Names and trust conditions cut out with regex() and made unique with hashes, resources paired
# with setproduct(): computed from the text, as Terraform computes them at plan time.
locals {
  issuer_url = "https://token.actions.githubusercontent.com"
  # The host of the issuer: the prefix of its condition keys.
  issuer_host = regex("^https://([^/]+)", local.issuer_url)[0]
  repository  = regex("^(?P<org>[^/]+)/(?P<name>.+)$", var.repository)
  suffix      = substr(sha256("acme-${var.environment}"), 0, 8)
  buckets     = ["artifacts-${local.suffix}", "reports-${substr(md5(var.environment), 0, 6)}"]
  prefixes    = ["incoming", "outgoing"]
}

variable "repository" {
  default = "acme/deploy-tools"
}

variable "environment" {
  default = "prod"
}

resource "aws_iam_openid_connect_provider" "github" {
  url             = local.issuer_url
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_iam_role" "pinned" {
  name = "deploy-pinned"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = {
        StringEquals = { "${local.issuer_host}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${local.issuer_host}:sub" = "repo:${local.repository.org}/${local.repository.name}:ref:refs/heads/main" }
      }
    }]
  })
}

# The risky twin: every repository of the organization.
resource "aws_iam_role" "organization" {
  name = "deploy-organization"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = {
        StringEquals = { "${local.issuer_host}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${local.issuer_host}:sub" = "repo:${local.repository.org}/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "exchange" {
  role = aws_iam_role.pinned.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = [for pair in setproduct(local.buckets, local.prefixes) : "arn:aws:s3:::${pair[0]}/${pair[1]}/*"]
    }]
  })
}

# The risky twin: the buckets' names are known, the grant is every object action on them.
resource "aws_iam_role_policy" "exchange_any_action" {
  role = aws_iam_role.organization.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      NotAction = ["s3:DeleteBucket"]
      Resource = [for pair in setproduct(local.buckets, local.prefixes) : "arn:aws:s3:::${pair[0]}/${pair[1]}/*"]
    }]
  })
}
