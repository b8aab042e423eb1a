# IRSA roles of a cluster this configuration reads: the OIDC issuer comes from the cluster's data
# source, so its id (and here its region) is known only once Terraform reads it. The condition keys
# are `<issuer host>:aud` / `<issuer host>:sub` all the same.
variable "cluster_name" {
  type = string
}

# Given by whoever applies: nothing in the text says which provider or issuer it is.
variable "provider_arn" {
  type = string
}

variable "issuer_host" {
  type = string
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

data "aws_iam_openid_connect_provider" "this" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
}

# Reported: only the audience is checked, so every service account of the cluster may assume it.
resource "aws_iam_role" "audience_only" {
  name = "audience-only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.this.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

# Quiet: one service account.
resource "aws_iam_role" "pinned" {
  name = "pinned"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.this.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.issuer}:aud" = "sts.amazonaws.com"
          "${local.issuer}:sub" = "system:serviceaccount:payments:api"
        }
      }
    }]
  })
}

# Reported: a subject condition that matches any subject.
resource "aws_iam_role" "any_subject" {
  name = "any-subject"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.this.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "${local.issuer}:sub" = "*"
        }
      }
    }]
  })
}

# Quiet: the same trust written as a document, the provider ARN built from the account and
# partition data sources.
data "aws_iam_policy_document" "reporter" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${local.issuer}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")}:sub"
      values   = ["system:serviceaccount:reports:reporter"]
    }
  }
}

resource "aws_iam_role" "reporter" {
  name               = "reporter"
  assume_role_policy = data.aws_iam_policy_document.reporter.json
}

# The shape of a service account role module: providers and service accounts passed as a map.
module "backup" {
  source = "./service-account-role"
  name   = "backup"
  oidc_providers = {
    main = {
      provider_arn               = data.aws_iam_openid_connect_provider.this.arn
      namespace_service_accounts = ["backup:velero"]
    }
  }
}

# Reported: every service account of every namespace.
module "everyone" {
  source         = "./service-account-role"
  name           = "everyone"
  condition_test = "StringLike"
  oidc_providers = {
    main = {
      provider_arn               = data.aws_iam_openid_connect_provider.this.arn
      namespace_service_accounts = ["*:*"]
    }
  }
}

# Undecided, not passed: whether the subject pinned is one of this provider's tokens.
resource "aws_iam_role" "given" {
  name = "given"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${var.issuer_host}:sub" = "system:serviceaccount:payments:api"
        }
      }
    }]
  })
}

# The same, every service account of a namespace: which provider's subjects the pattern reads
# cannot be told before apply.
resource "aws_iam_role" "given_pattern" {
  name = "given-pattern"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "${var.issuer_host}:sub" = "system:serviceaccount:payments:*"
        }
      }
    }]
  })
}
