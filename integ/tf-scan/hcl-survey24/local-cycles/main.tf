# Two locals reading each other, and one reading itself: `terraform plan` stops at
# `Cycle: local.prefix, local.arn`. So does tf-scan: an input error naming the file and the cycle.
locals {
  prefix = "${local.arn}-x"
  arn    = "arn:aws:s3:::${local.prefix}"
  self   = [for s in local.self : s]
  fine   = "arn:aws:s3:::artifacts"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "cycle" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${local.arn}/*" }]
  })
}

resource "aws_iam_role_policy" "self" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.self }]
  })
}

resource "aws_iam_role_policy" "fine" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${local.fine}/*" }]
  })
}
