# Conditions rendered only when there are tags (a template's `%{ if }`, a conditional giving null),
# optional inputs left null (`merge()` skips a null map, a `dynamic` block over `[]`), and the
# trailing comma a template's `%{ for }` leaves.
variable "extra_tags" {
  type    = map(string)
  default = null
}

variable "extra_statement" {
  type    = object({ actions = list(string), resources = list(string) })
  default = null
}

variable "archive" {
  type    = any
  default = {}
}

locals {
  base_tags = { team = "core" }
}

resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# Instances of the team only: the template renders the condition.
resource "aws_iam_role_policy" "with_tags" {
  name   = "with-tags"
  role   = aws_iam_role.ops.id
  policy = templatefile("${path.module}/cond.tftpl", { tags = merge(local.base_tags, { env = "prod" }) })
}

# No tags: no condition, every instance.
resource "aws_iam_role_policy" "no_tags" {
  name   = "no-tags"
  role   = aws_iam_role.ops.id
  policy = templatefile("${path.module}/cond.tftpl", { tags = {} })
}

# merge() with a null map: the base tags still condition the statement.
resource "aws_iam_role_policy" "merge_null" {
  name = "merge-null"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "ec2:StopInstances"
      Resource  = "*"
      Condition = { StringEquals = { for k, v in merge(local.base_tags, var.extra_tags) : "aws:ResourceTag/${k}" => v } }
    }]
  })
}

# The optional statement is left out: one read of one bucket's objects.
data "aws_iam_policy_document" "optional" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::ops-reports/*"]
  }
  dynamic "statement" {
    for_each = var.extra_statement == null ? [] : [var.extra_statement]
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "optional" {
  name   = "optional"
  role   = aws_iam_role.ops.id
  policy = data.aws_iam_policy_document.optional.json
}

# `"Condition": null` and `"Resource": null` as jsonencode writes them: not policies IAM takes.
resource "aws_iam_role_policy" "null_condition" {
  name = "null-condition"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for tags in [{}, { team = "x" }] : {
      Effect    = "Allow"
      Action    = "ec2:StopInstances"
      Resource  = "*"
      Condition = length(tags) > 0 ? { StringEquals = { for k, v in tags : "aws:ResourceTag/${k}" => v } } : null
    }]
  })
}

resource "aws_iam_role_policy" "null_resource" {
  name = "null-resource"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:DeleteObject", Resource = try(var.archive.bucket_arn, null) }]
  })
}

# A comma after the last ARN: not JSON.
resource "aws_iam_role_policy" "trailing_comma" {
  name   = "trailing-comma"
  role   = aws_iam_role.ops.id
  policy = templatefile("${path.module}/trailing.tftpl", { arns = ["arn:aws:s3:::ops-a", "arn:aws:s3:::ops-b"] })
}
