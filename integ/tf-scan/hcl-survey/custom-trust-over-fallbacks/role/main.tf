# A role module in the terraform-aws-iam `iam-assumable-role` shape: the caller's own trust document
# wins by coalesce() over the module's two fallbacks, which try() picks between. The unpicked
# fallback is still read by Terraform, with the principals the caller left empty.
variable "name" {
  type = string
}

variable "custom_trust" {
  type    = string
  default = ""
}

variable "requires_mfa" {
  type    = bool
  default = true
}

variable "trusted_arns" {
  type    = list(string)
  default = []
}

variable "trusted_services" {
  type    = list(string)
  default = []
}

data "aws_iam_policy_document" "plain" {
  count = var.custom_trust == "" && var.requires_mfa ? 0 : 1

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.trusted_arns
    }

    principals {
      type        = "Service"
      identifiers = var.trusted_services
    }
  }
}

data "aws_iam_policy_document" "with_mfa" {
  count = var.custom_trust == "" && var.requires_mfa ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.trusted_arns
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = coalesce(
    var.custom_trust,
    try(data.aws_iam_policy_document.with_mfa[0].json, data.aws_iam_policy_document.plain[0].json),
  )
}
