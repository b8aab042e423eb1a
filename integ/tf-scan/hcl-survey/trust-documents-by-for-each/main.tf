# One trust document per deployment target, and one role per document: the roles iterate over the
# documents themselves (`for_each = data.aws_iam_policy_document.trust`, `each.value.json`).
variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  subjects = {
    release = "repo:example-org/app:ref:refs/heads/main"
    preview = "repo:example-org/*"
  }
}

data "aws_iam_policy_document" "trust" {
  for_each = local.subjects

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${var.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "deploy" {
  for_each = data.aws_iam_policy_document.trust

  name               = "deploy-${each.key}"
  assume_role_policy = each.value.json
}
