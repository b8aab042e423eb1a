# `local.a` and `local.b` read each other here, but `override.tf` replaces `local.b`: Terraform
# merges the override before it links the locals, and finds no cycle.
locals {
  a = local.b
  b = local.a
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = local.a }]
  })
}
