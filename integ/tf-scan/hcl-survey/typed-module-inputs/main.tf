resource "aws_iam_policy" "queue_writer" {
  name = "queue-writer"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:111122223333:jobs" }]
  })
}

module "deployer" {
  source = "./role"
  name   = "deployer"

  # No `effect`: the module's type gives "Allow".
  permissions = {
    Artifacts = { actions = ["s3:GetObject", "s3:PutObject"], resources = ["arn:aws:s3:::build-artifacts/*"] }
    PassAny   = { actions = ["iam:PassRole"], resources = ["*"] }
  }

  managed = {
    queue = aws_iam_policy.queue_writer.arn
    admin = "arn:aws:iam::aws:policy/AdministratorAccess"
  }
}
