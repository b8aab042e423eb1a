variable "iam_role_additional_policies" {
  type    = map(string)
  default = { admin = "arn:aws:iam::aws:policy/AdministratorAccess" }
}

variable "trusted_accounts" {
  type    = list(string)
  default = ["444455556666", "777788889999"]
}

variable "roles" {
  type = map(object({ enabled = bool, policies = list(string) }))
  default = {
    reader = { enabled = true, policies = ["ReadOnlyAccess"] }
    legacy = { enabled = false, policies = ["AdministratorAccess"] }
    ops    = { enabled = true, policies = ["job-function/ViewOnlyAccess", "IAMFullAccess"] }
  }
}

data "aws_partition" "current" {}

locals {
  iam_role_policy_prefix = "arn:${data.aws_partition.current.partition}:iam::aws:policy"
  enabled_roles          = { for k, v in var.roles : k => v if v.enabled }
  role_policies = {
    for pair in flatten([
      for name, role in local.enabled_roles : [for p in role.policies : { role = name, policy = p }]
    ]) : "${pair.role}-${replace(pair.policy, "/", "-")}" => pair
  }
}

resource "aws_iam_role" "node" {
  name_prefix = "node-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EKSNodeAssumeRole"
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = { for k, v in merge(
    {
      AmazonEKSWorkerNodePolicy          = "${local.iam_role_policy_prefix}/AmazonEKSWorkerNodePolicy"
      AmazonEC2ContainerRegistryReadOnly = "${local.iam_role_policy_prefix}/AmazonEC2ContainerRegistryReadOnly"
    },
    var.iam_role_additional_policies
  ) : k => v }

  policy_arn = each.value
  role       = aws_iam_role.node.name
}

resource "aws_iam_role" "team" {
  for_each = local.enabled_roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = formatlist("arn:aws:iam::%s:root", var.trusted_accounts) }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })

  dynamic "inline_policy" {
    for_each = each.key == "ops" ? [1] : []
    content {
      name = "tickets"
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["iam:CreateAccessKey"], Resource = "*" }]
      })
    }
  }
}

resource "aws_iam_role_policy_attachment" "team" {
  for_each   = local.role_policies
  role       = aws_iam_role.team[each.value.role].name
  policy_arn = "${local.iam_role_policy_prefix}/${each.value.policy}"
}

resource "aws_iam_role_policy" "heredoc" {
  name = "heredoc"
  role = aws_iam_role.node.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["ec2:RunInstances", "iam:PassRole"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
