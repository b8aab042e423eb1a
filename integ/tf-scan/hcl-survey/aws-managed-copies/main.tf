# AWS managed policies read by `data "aws_iam_policy"` and copied into policies of the account,
# so that each function's role has its own (one by ARN in the provider's partition, one by name).
provider "aws" {
  region = "eu-west-1"
}

data "aws_partition" "current" {}

variable "tracing" {
  type    = bool
  default = true
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy" "tracing" {
  count = var.tracing ? 1 : 0
  arn   = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_iam_policy" "tracing" {
  count  = var.tracing ? 1 : 0
  name   = "fn-tracing"
  policy = data.aws_iam_policy.tracing[0].policy
}

resource "aws_iam_role_policy_attachment" "tracing" {
  count      = var.tracing ? 1 : 0
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.tracing[0].arn
}

# The risky twin: a copy of AdministratorAccess, found by name.
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_policy" "break_glass" {
  name   = "fn-break-glass"
  policy = data.aws_iam_policy.admin.policy
}

resource "aws_iam_role_policy_attachment" "break_glass" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.break_glass.arn
}
