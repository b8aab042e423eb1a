# Statements built by `for` expressions over maps, and conditions from `merge()` of tag maps.
locals {
  queues = {
    orders   = { actions = ["sqs:SendMessage"], arn = aws_sqs_queue.orders.arn }
    invoices = { actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], arn = aws_sqs_queue.invoices.arn }
  }
  default_tags = { Team = "payments", Environment = "prod" }
}

variable "extra_tags" {
  type    = map(string)
  default = { CostCenter = "cc-42" }
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

resource "aws_sqs_queue" "invoices" {
  name = "invoices"
}

resource "aws_iam_role" "worker" {
  name = "payments-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

# One statement per queue, each on its own queue: least privilege.
resource "aws_iam_role_policy" "queues" {
  name = "queues"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for name, q in local.queues : {
      Sid      = "Queue${title(name)}"
      Effect   = "Allow"
      Action   = q.actions
      Resource = q.arn
    }]
  })
}

# Instances stopped and started only when they carry every tag of the team: the tags come from
# merge() of two maps into one condition block.
resource "aws_iam_role_policy" "tagged_instances" {
  name = "tagged-instances"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:StartInstances", "ec2:StopInstances"]
      Resource = "arn:aws:ec2:*:*:instance/*"
      Condition = {
        StringEquals = { for key, value in merge(local.default_tags, var.extra_tags) : "aws:ResourceTag/${key}" => value }
      }
    }]
  })
}

# The same map of tags, but the `for` filters every tag out: no condition, every instance.
resource "aws_iam_role_policy" "untagged_instances" {
  name = "untagged-instances"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:TerminateInstances"]
      Resource = "arn:aws:ec2:*:*:instance/*"
      Condition = {
        StringEquals = { for key, value in merge(local.default_tags, var.extra_tags) : "aws:ResourceTag/${key}" => value if key == "Owner" }
      }
    }]
  })
}
