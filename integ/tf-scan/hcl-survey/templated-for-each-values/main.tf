# Managed policies attached by for_each over maps whose values are templates around the
# partition the provider reads at plan time (no region is written here, so it is unknown).
data "aws_partition" "here" {
  count = var.enabled ? 1 : 0
}

variable "enabled" {
  type    = bool
  default = true
}

variable "with_operator" {
  type    = bool
  default = true
}

locals {
  partition      = try(data.aws_partition.here[0].partition, "")
  managed_prefix = "arn:${local.partition}:iam::aws:policy"
  operator_extra = { for name, arn in {
    Operator = "${local.managed_prefix}/AdministratorAccess"
  } : name => arn if var.with_operator }
}

resource "aws_iam_role" "batch_worker" {
  name = "batch-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

# A for expression over merge(): the keys are known, the values only partly.
resource "aws_iam_role_policy_attachment" "batch_worker" {
  for_each = { for name, arn in merge(
    { Tracing = "${local.managed_prefix}/AWSXrayWriteOnlyAccess" },
    local.operator_extra,
  ) : name => arn if var.enabled }

  role       = aws_iam_role.batch_worker.name
  policy_arn = each.value
}

resource "aws_iam_role" "reporter" {
  name = "reporter"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# A map literal: each value a template around the partition.
resource "aws_iam_role_policy_attachment" "reporter" {
  for_each = {
    logs = "${local.managed_prefix}/service-role/AWSLambdaBasicExecutionRole"
  }

  role       = aws_iam_role.reporter.name
  policy_arn = each.value
}
