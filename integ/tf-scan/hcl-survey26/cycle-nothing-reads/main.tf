# Two locals in a cycle that only a tag reads, beside a policy passing every role. Terraform links
# every local, read or not, and refuses the configuration (`Cycle: local.a, local.b`) before it plans
# anything: there is nothing to deploy, so tf-scan refuses it as well rather than judge a plan that
# cannot exist.
locals {
  a = upper(local.b)
  b = lower(local.a)
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  tags   = { owner = local.a }
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}
