variable "subjects" {
  type    = list(string)
  default = ["repo:acme/infra:ref:refs/heads/main", "acme/app:*"]
}

variable "eks_provider_arn" {
  type    = string
  default = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
}

variable "assume_self" {
  type    = bool
  default = false
}

# Subjects normalised with a regular expression, as popular modules do.
data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [for s in var.subjects : "repo:${replace(s, "/^repo:/", "")}"]
    }
  }
}

resource "aws_iam_role" "github" {
  name               = "github-deploy"
  assume_role_policy = data.aws_iam_policy_document.github.json
}

# The condition key is the provider's host, cut from its ARN by a regular expression; the self
# statement exists only when asked for, and try() skips it otherwise.
data "aws_iam_policy_document" "service_account" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.eks_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${replace(var.eks_provider_arn, "/^(.*provider/)/", "")}:sub"
      values   = ["system:serviceaccount:apps:reporter"]
    }
  }
}

data "aws_iam_policy_document" "self" {
  count = var.assume_self ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = concat(
    [data.aws_iam_policy_document.service_account.json],
    try([data.aws_iam_policy_document.self[0].json], []),
  )
}

resource "aws_iam_role" "reporter" {
  name               = "reporter"
  assume_role_policy = data.aws_iam_policy_document.combined.json
}
