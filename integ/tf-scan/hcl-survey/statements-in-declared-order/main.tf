# A deployer role whose policy document interleaves statements written out with statements
# `dynamic` blocks generate per bucket and per queue: Terraform keeps them in declaration order.
locals {
  buckets = { artifacts = "acme-artifacts", reports = "acme-reports" }
  queues  = ["builds"]
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "ListBuckets"
    actions   = ["s3:ListBucket"]
    resources = [for name in values(local.buckets) : "arn:aws:s3:::${name}"]
  }

  dynamic "statement" {
    for_each = local.buckets
    content {
      sid       = "Write${title(statement.key)}"
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::${statement.value}/*"]
    }
  }

  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = local.queues
    iterator = queue
    content {
      sid       = "Send${title(queue.value)}"
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:eu-west-1:111122223333:${queue.value}"]
    }
  }

  statement {
    sid       = "ReadEverything"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "deployer" {
  name   = "deployer"
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.deployer.json
}
