resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

locals {
  # Each inline policy grants its actions on one resource of the configuration (ARNs known only after apply).
  grants = {
    reports = { actions = ["s3:GetObject", "s3:PutObject"], arn = "${aws_s3_bucket.reports.arn}/*" }
    jobs    = { actions = ["sqs:SendMessage"], arn = aws_sqs_queue.jobs.arn }
  }
}

# Scoped: each generated inline policy names its own resource.
resource "aws_iam_role" "reporter" {
  name = "reporter"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })

  dynamic "inline_policy" {
    for_each = local.grants
    iterator = grant
    content {
      name = grant.key
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = grant.value.actions, Resource = grant.value.arn }]
      })
    }
  }
}

# The twin whose generated policy adds every bucket beside its own.
resource "aws_iam_role" "archiver" {
  name = "archiver"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })

  inline_policy {
    name = "logs"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:aws:logs:*:111122223333:log-group:/archiver:*" }]
    })
  }

  dynamic "inline_policy" {
    for_each = { s3 = aws_s3_bucket.reports.arn }
    content {
      name = inline_policy.key
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:*", Resource = ["${inline_policy.value}/*", "*"] }]
      })
    }
  }
}
