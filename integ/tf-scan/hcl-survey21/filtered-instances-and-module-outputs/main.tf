# Instances of a `for_each` filtered by a `for` expression, each rendering a template with its own
# settings; a toggled module's output read with `one(module.x[*].out)` and `module.x[0].out`;
# ARNs of `for_each` buckets through a template's `jsonencode`; `setproduct()` of lists; a
# `dynamic "condition"` over merged tags; `lookup()` without a default.
variable "services" {
  type = map(object({ enabled = bool, actions = list(string), queue = string }))
  default = {
    a = { enabled = true, actions = ["sqs:SendMessage"], queue = "a-*" }
    b = { enabled = false, actions = ["sqs:*"], queue = "*" }
    c = { enabled = true, actions = ["sqs:*"], queue = "c" }
  }
}

variable "envs" {
  type    = list(string)
  default = ["dev", "prod"]
}

variable "ci_enabled" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = { team = "data" }
}

# `b` is off: its `sqs:*` on every queue is never deployed; `c` gets every action on its own queue.
resource "aws_iam_role" "svc" {
  for_each = { for k, v in var.services : k => v if v.enabled }
  name     = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "svc" {
  for_each = aws_iam_role.svc
  name     = "svc"
  role     = each.value.name
  policy   = templatefile("${path.module}/tpl/svc.tftpl", { actions = var.services[each.key].actions, queue = var.services[each.key].queue })
}

resource "aws_s3_bucket" "data" {
  for_each = toset(var.envs)
  bucket   = "data-${each.value}"
}

module "ci" {
  source = "./modules/deployer"
  count  = var.ci_enabled ? 1 : 0
  name   = "ci"
}

resource "aws_iam_role" "pipeline" {
  name = "pipeline"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codepipeline.amazonaws.com" } }]
  })
}

# The objects of the two buckets.
resource "aws_iam_role_policy" "buckets" {
  name   = "buckets"
  role   = aws_iam_role.pipeline.id
  policy = templatefile("${path.module}/tpl/buckets.tftpl", { arns = [for b in aws_s3_bucket.data : b.arn] })
}

# The CI role only, however its ARN is read.
resource "aws_iam_role_policy" "pass_ci" {
  name = "pass-ci"
  role = aws_iam_role.pipeline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = one(module.ci[*].role_arn) },
      { Effect = "Allow", Action = "iam:PassRole", Resource = module.ci[0].role_arn },
    ]
  })
}

# Writes under in/ and out/ of each environment's bucket, and the team's bucket.
resource "aws_iam_role_policy" "prefixes" {
  name = "prefixes"
  role = aws_iam_role.pipeline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "s3:PutObject"
      Resource = concat(
        [for pair in setproduct(var.envs, ["in", "out"]) : "arn:aws:s3:::data-${pair[0]}/${pair[1]}/*"],
        ["arn:aws:s3:::${lookup(var.tags, "team")}-exports/*"],
      )
    }]
  })
}

data "aws_iam_policy_document" "tagged" {
  statement {
    actions   = ["ec2:StopInstances"]
    resources = ["*"]
    dynamic "condition" {
      for_each = merge(var.tags, { env = "prod" })
      content {
        test     = "StringEquals"
        variable = "aws:ResourceTag/${condition.key}"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role_policy" "tagged" {
  name   = "tagged"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.tagged.json
}
