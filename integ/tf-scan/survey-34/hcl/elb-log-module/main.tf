# A log bucket module in the shape of terraform-aws-s3-bucket's load balancer log delivery: no
# provider block (its callers give the Region), the ELB account read by a counted data source,
# the write confined to AWSLogs/<account>/ of the deployer's account.
variable "bucket" {
  type    = string
  default = "orders-lb-logs"
}

variable "attach_elb_log_delivery_policy" {
  type    = bool
  default = true
}

data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "this" {
  count = var.attach_elb_log_delivery_policy ? 1 : 0
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
}

data "aws_iam_policy_document" "elb_log_delivery" {
  count = var.attach_elb_log_delivery_policy ? 1 : 0

  statement {
    sid = "ELBRegion"
    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.this[0].arn]
    }
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]
  }

  statement {
    sid = "ELBLogDelivery"
    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]
  }
}

resource "aws_s3_bucket_policy" "this" {
  count  = var.attach_elb_log_delivery_policy ? 1 : 0
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.elb_log_delivery[0].json
}
