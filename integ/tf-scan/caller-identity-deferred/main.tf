# The caller identity is read only at apply (depends_on): its ARN, and what arn_parse makes of it, keep the ARN shape.
provider "aws" {
  region = "eu-west-1"
}
data "aws_caller_identity" "current" {
  depends_on = [aws_s3_bucket.data]
}

locals {
  caller = provider::aws::arn_parse(data.aws_caller_identity.current.arn)
}

resource "aws_s3_bucket" "data" {
  bucket = "data-bucket"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = data.aws_caller_identity.current.arn }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:${local.caller.partition}:s3:::reports-${local.caller.account_id}/*"
    }, {
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "${aws_s3_bucket.data.arn}/*"
    }]
  })
}
