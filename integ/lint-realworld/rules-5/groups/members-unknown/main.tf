# A group whose members are managed elsewhere (an identity provider sync, another state).
resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_group_policy" "operators" {
  name  = "operators"
  group = aws_iam_group.operators.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["iam:AttachUserPolicy", "iam:CreateAccessKey"], Resource = "*" }
    ]
  })
}
