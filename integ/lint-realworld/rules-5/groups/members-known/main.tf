# The same group with two members: one bounded to object reads, one without a boundary.
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

resource "aws_iam_policy" "reader_boundary" {
  name = "reader-boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

resource "aws_iam_user" "bounded" {
  name                 = "bounded"
  permissions_boundary = aws_iam_policy.reader_boundary.arn
}

resource "aws_iam_user" "unbounded" {
  name = "unbounded"
}

resource "aws_iam_user_group_membership" "bounded" {
  user   = aws_iam_user.bounded.name
  groups = [aws_iam_group.operators.name]
}

resource "aws_iam_user_group_membership" "unbounded" {
  user   = aws_iam_user.unbounded.name
  groups = [aws_iam_group.operators.name]
}
