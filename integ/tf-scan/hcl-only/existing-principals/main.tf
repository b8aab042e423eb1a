# Roles this configuration does not create: one named by text, one read by a data source.
resource "aws_iam_role_policy_attachment" "reader" {
  role       = "ci-runner"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

resource "aws_iam_role_policy" "deploy" {
  role = "ci-runner"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

data "aws_iam_role" "app" {
  name = "app"
}

resource "aws_iam_role_policy" "app" {
  role = data.aws_iam_role.app.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:111122223333:jobs" }]
  })
}
