variable "bucket_arn" {
  type = string
}

variable "statements" {
  type    = any
  default = {}
}

variable "deny_insecure" {
  type    = bool
  default = false
}

variable "allow_access_logs" {
  type    = bool
  default = false
}

data "aws_partition" "current" {
  count = 1
}

data "aws_caller_identity" "current" {
  count = 1
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.deny_insecure ? [1] : []

    content {
      sid       = "DenyInsecureTransport"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [var.bucket_arn, "${var.bucket_arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = [false]
      }
    }
  }

  dynamic "statement" {
    for_each = var.allow_access_logs ? [1] : []

    content {
      sid       = "AccessLogs"
      actions   = ["s3:PutObject"]
      resources = ["${var.bucket_arn}/access/*"]

      principals {
        type        = "Service"
        identifiers = ["logging.s3.${data.aws_partition.current[0].dns_suffix}"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }

  dynamic "statement" {
    for_each = var.statements

    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = statement.value.resources == null ? ["${var.bucket_arn}/*"] : statement.value.resources

      principals {
        type        = "AWS"
        identifiers = try(statement.value.principals, [for r in statement.value.roles : "arn:${local.partition}:iam::${local.account_id}:role/${r}"])
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = split(":", var.bucket_arn)[5]
  policy = data.aws_iam_policy_document.this.json
}
