# Outputs of module calls made with for_each and count, read per instance, by splat, by `for` and
# whole: what Terraform computes from them, as for a module called once.
module "queues" {
  source   = "./modules/queue"
  for_each = toset(["orders", "refunds"])
  name     = "shop-${each.key}"
}

module "grants" {
  source  = "./modules/grants"
  count   = 2
  managed = count.index == 0 ? ["AWSXrayWriteOnlyAccess"] : ["AdministratorAccess"]
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role" "operator" {
  name = "operator"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

# The queues of every instance, by a `for` over the map of instances and by values() and a splat.
resource "aws_iam_role_policy" "consume" {
  role = aws_iam_role.worker.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = module.queues["orders"].consumer_actions
        Resource = [for q in module.queues : q.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = values(module.queues)[*].arn
      },
    ]
  })
}

# The tracing policy of the first instance (quiet) and AdministratorAccess of the second.
resource "aws_iam_role_policy_attachment" "tracing" {
  for_each   = toset(module.grants[0].managed_policy_arns)
  role       = aws_iam_role.worker.name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachment" "operator" {
  for_each   = toset(flatten(module.grants[*].managed_policy_arns))
  role       = aws_iam_role.operator.name
  policy_arn = each.value
}
