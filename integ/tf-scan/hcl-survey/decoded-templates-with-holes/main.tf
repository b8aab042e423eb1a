# Policies rendered by templatefile() around ARNs only apply knows, then decoded and edited as data:
# jsondecode() of the text, guarded by `!= null`, and merge() with the caller's entries.

variable "enabled" {
  default = true
}

variable "extra_policy_entries" {
  type    = any
  default = { Id = "runner-manager" }
}

resource "aws_s3_bucket" "cache" {
  bucket_prefix = "runner-cache-"
}

resource "aws_autoscaling_group" "runners" {
  count    = var.enabled ? 1 : 0
  max_size = 4
  min_size = 0
}

locals {
  rendered = {
    for name, pass_any_role in { manager = false, builder = true } : name => var.enabled ? templatefile(
      "${path.module}/policies/runner.json.tftpl",
      {
        cache_bucket_arn = aws_s3_bucket.cache.arn
        group_arn        = aws_autoscaling_group.runners[0].arn
        pass_any_role    = pass_any_role
      }
    ) : null
  }

  manager_policy = var.enabled && local.rendered.manager != null ? merge(jsondecode(local.rendered.manager), var.extra_policy_entries) : null
  builder_policy = local.rendered.builder != null ? jsondecode(local.rendered.builder) : null
}

resource "aws_iam_role" "runner" {
  for_each = toset(["manager", "builder"])
  name     = "runner-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "manager" {
  role   = aws_iam_role.runner["manager"].id
  policy = jsonencode(local.manager_policy)
}

resource "aws_iam_role_policy" "builder" {
  role   = aws_iam_role.runner["builder"].id
  policy = jsonencode(local.builder_policy)
}
