# A policy document whose statement reads a local in a cycle: `terraform plan` stops at
# `Cycle: local.bucket, local.objects`. It used to pass quietly (the resource read as `local.bucket`).
locals {
  bucket  = "${local.objects}-logs"
  objects = "arn:aws:s3:::${local.bucket}/*"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [local.objects]
  }
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = data.aws_iam_policy_document.read.json
}
