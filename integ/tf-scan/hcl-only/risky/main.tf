variable "env" {
  default = "prod"
}

variable "trusted_account" {
  type = string
}

locals {
  prefix = "deploy-${var.env}"
}

resource "aws_iam_role" "deployer" {
  name = "${local.prefix}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.trusted_account}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# PassRole on every role: the deployer can hand any role to any service.
resource "aws_iam_role_policy" "pass" {
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.pass.json
}

data "aws_iam_policy_document" "pass" {
  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

# Every S3 action on every resource, through jsonencode.
resource "aws_iam_policy" "storage" {
  name = "${local.prefix}-storage"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "storage" {
  role       = aws_iam_role.deployer.name
  policy_arn = aws_iam_policy.storage.arn
}
