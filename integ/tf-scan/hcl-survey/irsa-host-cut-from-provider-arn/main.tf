# An IRSA role module given its cluster's OIDC provider ARN: the claim keys name the provider's host,
# cut from the ARN with replace(). `csi` pins one service account; `any_account` admits every service
# account of every namespace of the cluster.
variable "provider_arn" {
  type = string
}

variable "namespace" {
  type    = string
  default = "kube-system"
}

locals {
  issuer = replace(var.provider_arn, "/^(.*provider/)/", "")
}

data "aws_iam_policy_document" "csi" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:ebs-csi-controller-sa"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "csi" {
  name               = "ebs-csi"
  assume_role_policy = data.aws_iam_policy_document.csi.json
}

data "aws_iam_policy_document" "any_account" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.provider_arn]
    }
    condition {
      test     = "StringLike"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:*"]
    }
  }
}

resource "aws_iam_role" "any_account" {
  name               = "any-service-account"
  assume_role_policy = data.aws_iam_policy_document.any_account.json
}
