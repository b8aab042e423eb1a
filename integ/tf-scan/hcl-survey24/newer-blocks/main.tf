terraform {
  required_version = ">= 1.7"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.40" }
  }
}

variable "teams" {
  type = map(object({
    actions  = optional(list(string), ["s3:GetObject"])
    prefix   = optional(string)
    boundary = optional(bool, true)
  }))
  default = {
    api    = { prefix = "api" }
    search = { actions = ["s3:GetObject", "s3:PutObject"], prefix = "search" }
  }
}

variable "extra_arns" {
  type     = list(string)
  default  = null
  nullable = true
}

# Roles imported for each team (Terraform 1.7+): an `import` per instance, no role of its own.
import {
  for_each = var.teams
  to       = aws_iam_role.team[each.key]
  id       = "team-${each.key}"
}

# The role `aws_iam_role.ops` was renamed `aws_iam_role.operator`: findings are on the new address.
moved {
  from = aws_iam_role.ops
  to   = aws_iam_role.operator
}

# A check with a data source of its own (scoped to the check): no principal, no policy.
check "operator_exists" {
  data "aws_iam_role" "current_operator" {
    name = "operator"
  }
  assert {
    condition     = data.aws_iam_role.current_operator.max_session_duration <= 3600
    error_message = "the operator's sessions are too long"
  }
}

resource "terraform_data" "release" {
  input = "2026-11"
}

resource "aws_iam_role" "team" {
  for_each = var.teams
  name     = "team-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  lifecycle {
    precondition {
      condition     = length(each.key) <= 16
      error_message = "team names are short"
    }
    postcondition {
      condition     = self.max_session_duration == 3600
      error_message = "sessions last an hour"
    }
  }
}

# Each team's prefix of the shared bucket, with the actions `optional()` defaults to; `nullable`
# extra ARNs left null are added as nothing: quiet.
resource "aws_iam_role_policy" "team" {
  for_each = var.teams
  role     = aws_iam_role.team[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = each.value.actions
      Resource = concat(["arn:aws:s3:::acme-shared/${each.value.prefix}/*"], coalesce(var.extra_arns, []))
    }]
  })
}

resource "aws_iam_role" "operator" {
  name = "operator"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}

# The release the `terraform_data` holds names the parameter path (known after apply: one
# parameter's name); the passes are of roles named with provider functions: `trim_iam_role_path` of a
# pathed role's ARN (`arn:aws:iam::111122223333:role/team-api`, one role: quiet), and `arn_build`
# of `role/*` in the account `arn_parse` reads from the operator's own ARN: every role, reported.
resource "aws_iam_role_policy" "operator" {
  role = aws_iam_role.operator.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/releases/${terraform_data.release.output}"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = provider::aws::trim_iam_role_path("arn:aws:iam::111122223333:role/teams/api/team-api")
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = provider::aws::arn_build("aws", "iam", "", provider::aws::arn_parse(aws_iam_role.operator.arn).account_id, "role/*")
      },
    ]
  })
}

# A module's sensitive output (the role the team module makes) in a policy: read as any output.
module "audit" {
  source = "./modules/team"
  name   = "audit"
}

resource "aws_iam_role_policy" "audit_pass" {
  role = aws_iam_role.operator.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = module.audit.role_arn }]
  })
}
