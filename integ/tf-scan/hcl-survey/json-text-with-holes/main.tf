variable "reader_arns_json" {
  type        = string
  description = "A JSON list of reader ARNs, given by the pipeline"
}

resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 1
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

# Valid JSON around the stream's ARN: open to every account.
resource "aws_kinesis_resource_policy" "open" {
  resource_arn = aws_kinesis_stream.clicks.arn
  policy       = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": ["kinesis:PutRecord", "kinesis:PutRecords"],
      "Resource": "${aws_kinesis_stream.clicks.arn}"
    }
  ]
}
POLICY
}

# The comma after the last member is invalid whatever the ARN turns out to be.
resource "aws_sqs_queue_policy" "trailing_comma" {
  queue_url = aws_sqs_queue.jobs.id
  policy    = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "${aws_iam_role.worker.arn}" },
      "Action": "sqs:ReceiveMessage",
      "Resource": "${aws_sqs_queue.jobs.arn}",
    }
  ]
}
POLICY
}

# The same document from a template file, its comma as misplaced.
resource "aws_iam_role_policy" "templated" {
  role = aws_iam_role.worker.name
  policy = templatefile("${path.module}/worker.json.tpl", {
    queue_arn = aws_sqs_queue.jobs.arn
  })
}

# A hole standing for JSON itself, outside any string: only its value can tell.
resource "aws_iam_role_policy" "spliced" {
  role   = aws_iam_role.worker.name
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "kinesis:GetRecords", "Resource": ${var.reader_arns_json} }
  ]
}
POLICY
}

# A template whose list of queues comes through jsonencode() around an ARN known only after apply.
resource "aws_iam_role_policy" "dispatch" {
  role = aws_iam_role.worker.name
  policy = templatefile("${path.module}/dispatch.json.tpl", {
    queue_arns = [aws_sqs_queue.jobs.arn]
    buckets    = ["acme-in", "acme-out"]
    pass_roles = true
  })
}
