data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  provider_arn = coalesce(
    var.oidc_provider_arn,
    "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com",
  )
  subjects  = [for s in var.oidc_subjects : startswith(s, "repo:") ? s : "repo:${s}"]
}

data "aws_iam_policy_document" "trust" {
  dynamic "statement" {
    for_each = var.github_oidc ? [1] : []
    content {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [local.provider_arn]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:aud"
        values   = var.oidc_audiences
      }
      dynamic "condition" {
        for_each = length(local.subjects) > 0 ? [local.subjects] : []
        content {
          test     = "StringLike"
          variable = "token.actions.githubusercontent.com:sub"
          values   = condition.value
        }
      }
    }
  }

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/break-glass"]
    }
  }

  # `nullable = false`: a caller passing null gives the default, no account.
  dynamic "statement" {
    for_each = length(var.trusted_account_ids) > 0 ? [1] : []
    content {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [for a in var.trusted_account_ids : "arn:aws:iam::${a}:root"]
      }
    }
  }

  # A caller passing `trusted_services = null` turns this statement off, as leaving it out does.
  dynamic "statement" {
    for_each = var.trusted_services == null ? [] : [var.trusted_services]
    content {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = statement.value
      }
    }
  }
}

data "aws_iam_policy_document" "inline" {
  dynamic "statement" {
    for_each = var.policy_statements
    content {
      sid           = coalesce(statement.value.sid, statement.key)
      effect        = statement.value.effect
      actions       = statement.value.actions
      not_actions   = statement.value.not_actions
      resources     = statement.value.resources
      not_resources = statement.value.not_resources

      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }

      dynamic "condition" {
        for_each = coalesce(statement.value.condition, [])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "this" {
  count  = length(var.policy_statements) > 0 ? 1 : 0
  name   = "${var.name}-inline"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.inline.json
}
