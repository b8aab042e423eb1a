# A bucket module in the terraform-aws-s3-bucket shape: its policy merges, by compact(), the
# documents its switches turn on and the caller's own, then fills the bucket ARN into a
# placeholder. Its region data source takes the module's `region`, null unless the caller sets it
# (AWS provider 6), so it reads the provider's region.
variable "bucket" {
  type = string
}

variable "region" {
  type    = string
  default = null
}

variable "attach_log_delivery" {
  type    = bool
  default = false
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

data "aws_region" "here" {
  region = var.region
}

data "aws_partition" "here" {}

locals {
  # The accounts Elastic Load Balancing delivers access logs from, by Region.
  delivery_accounts = {
    eu-west-1 = "156460612806"
    us-east-1 = "127311923021"
  }
  filled = {
    "@ARN@" = aws_s3_bucket.this.arn
  }
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
}

data "aws_iam_policy_document" "delivery" {
  count = var.attach_log_delivery ? 1 : 0

  dynamic "statement" {
    for_each = { for region, account in local.delivery_accounts : region => account if region == data.aws_region.here.region }

    content {
      sid       = "RegionDelivery"
      actions   = ["s3:PutObject"]
      resources = ["@ARN@/*"]

      principals {
        type        = "AWS"
        identifiers = ["arn:${data.aws_partition.here.partition}:iam::${statement.value}:root"]
      }
    }
  }

  statement {
    sid       = "ServiceDelivery"
    actions   = ["s3:PutObject"]
    resources = ["@ARN@/*"]

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([
    var.attach_log_delivery ? data.aws_iam_policy_document.delivery[0].json : "",
    var.attach_policy ? var.policy : "",
  ])
}

resource "aws_s3_bucket_policy" "this" {
  count = var.attach_log_delivery || var.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this.id
  policy = replace(data.aws_iam_policy_document.combined.json, "@ARN@", local.filled["@ARN@"])
}
