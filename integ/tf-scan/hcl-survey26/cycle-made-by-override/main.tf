# No cycle here: `local.b` is a bucket name. `override.tf` replaces it with a read of `local.a`,
# and Terraform, merging the override before it links the locals, refuses the cycle it makes.
locals {
  a = "${local.b}-logs"
  b = "artifacts"
}

resource "aws_iam_policy" "read" {
  name = "read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${local.a}/*" }]
  })
}
