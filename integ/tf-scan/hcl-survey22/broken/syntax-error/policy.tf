resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  name   = "app
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
