# A log bucket: the caller's statements name the bucket through placeholders that a map of
# locals fills in, beside the statement for the load balancers' account of the Region.
variable "name" {
  type = string
}

variable "extra_policy" {
  type    = string
  default = null
}

variable "for_load_balancers" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "logs" {
  count  = 1
  bucket = var.name
}

data "aws_elb_service_account" "regional" {
  count = var.for_load_balancers ? 1 : 0
}

data "aws_iam_policy_document" "delivery" {
  count = var.for_load_balancers ? 1 : 0

  # One statement per instance of the counted data source, iterated whole.
  dynamic "statement" {
    for_each = { for i, account in data.aws_elb_service_account.regional : i => account if var.for_load_balancers }
    content {
      sid       = "RegionalDelivery"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.logs[0].arn}/lb/*"]
      principals {
        type        = "AWS"
        identifiers = [statement.value.arn]
      }
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = compact([
    var.for_load_balancers ? data.aws_iam_policy_document.delivery[0].json : "",
    var.extra_policy == null ? "" : var.extra_policy,
  ])
}

locals {
  fill = {
    "@BUCKET_ARN@" = try(aws_s3_bucket.logs[0].arn, null)
    "@BUCKET@"     = try(aws_s3_bucket.logs[0].id, null)
  }
  rendered = replace(
    replace(data.aws_iam_policy_document.merged.json, "@BUCKET_ARN@", local.fill["@BUCKET_ARN@"]),
    "@BUCKET@", local.fill["@BUCKET@"]
  )
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs[0].id
  policy = local.rendered
}
