# A key whose policy is the caller's when it gives one, else the document the module writes.
variable "key_policy" {
  type    = string
  default = null
}

variable "readers" {
  type    = list(string)
  default = []
}

variable "extra_reader_arns" {
  type    = list(string)
  default = []
}

data "aws_caller_identity" "me" {}

data "aws_iam_policy_document" "owned" {
  statement {
    sid       = "AccountAdmin"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"]
    }
  }

  statement {
    sid       = "Readers"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type = "AWS"
      # The caller's readers, else the account's own root (a list known only after apply).
      identifiers = coalescelist(var.extra_reader_arns, var.readers, ["arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"])
    }
  }
}

resource "aws_kms_key" "this" {
  description = "vault key"
  policy      = coalesce(var.key_policy, data.aws_iam_policy_document.owned.json)
}
