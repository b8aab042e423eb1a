locals {
  tasks_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "migrations" {
  name               = "db-migrations"
  assume_role_policy = local.tasks_trust
}

resource "aws_iam_role_policy" "migrations" {
  name = "everything"
  role = aws_iam_role.migrations.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role" "reporter" {
  name               = "reporter"
  assume_role_policy = local.tasks_trust
}

resource "aws_iam_role_policy" "reporter" {
  name = "queue"
  role = aws_iam_role.reporter.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:111122223333:reports" }]
  })
}

# Scheduler role: runs existing task definitions, overriding the task role with the admin one.
resource "aws_iam_role" "scheduler" {
  name = "job-scheduler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "run"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = [aws_iam_role.migrations.arn] },
      { Effect = "Allow", Action = "ecs:RunTask", Resource = "arn:aws:ecs:us-east-1:111122223333:task-definition/*" },
    ]
  })
}

# Neighbour: the same, passing the queue writer only.
resource "aws_iam_role" "runner" {
  name = "report-runner"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "runner" {
  name = "run"
  role = aws_iam_role.runner.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = [aws_iam_role.reporter.arn] },
      { Effect = "Allow", Action = "ecs:RunTask", Resource = "arn:aws:ecs:us-east-1:111122223333:task-definition/*" },
    ]
  })
}
