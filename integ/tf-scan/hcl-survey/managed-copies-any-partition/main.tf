# AWS managed policies copied into policies of the account, read by ARN in the partition of
# `data.aws_partition`, in a module that sets no provider region (the terraform-aws-lambda shape):
# the partition is known only after apply, the policy is the AWS managed one of that name.
data "aws_partition" "current" {}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy" "tracing" {
  arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_iam_policy" "tracing" {
  name   = "fn-tracing"
  policy = data.aws_iam_policy.tracing.policy
}

resource "aws_iam_role_policy_attachment" "tracing" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.tracing.arn
}

# The risky twin: a copy of AdministratorAccess.
data "aws_iam_policy" "admin" {
  count = 1
  arn   = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_policy" "operator" {
  name   = "fn-operator"
  policy = data.aws_iam_policy.admin[0].policy
}

resource "aws_iam_role_policy_attachment" "operator" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.operator.arn
}
