# A JSON template that places its commas by the position index() finds each statement at, the
# statements holding the ARN of a queue only apply knows.

resource "aws_sqs_queue" "jobs" {
  name_prefix = "jobs-"
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "consume" {
  role = aws_iam_role.worker.id
  policy = templatefile("${path.module}/statements.json.tftpl", {
    statements = [
      { actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], resources = [aws_sqs_queue.jobs.arn] },
      { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::job-inputs/*", "${aws_sqs_queue.jobs.arn}-dlq"] },
    ]
  })
}

resource "aws_iam_role_policy" "launch" {
  role = aws_iam_role.worker.id
  policy = templatefile("${path.module}/statements.json.tftpl", {
    statements = [
      { actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.jobs.arn] },
      { actions = ["ecs:RunTask", "iam:PassRole"], resources = ["*"] },
    ]
  })
}
