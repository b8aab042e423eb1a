# `data "aws_iam_policy_document"` whose statements come from `dynamic "statement"` blocks over a
# variable's map, each with its own `dynamic "condition"`.
data "aws_caller_identity" "current" {}

variable "grants" {
  type = map(object({
    actions    = list(string)
    resources  = list(string)
    conditions = optional(list(object({ test = string, variable = string, values = list(string) })), [])
  }))
  default = {
    ReadConfig = {
      actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
      resources = ["arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"]
    }
    PassAppRoles = {
      actions   = ["iam:PassRole"]
      resources = ["*"]
      conditions = [{
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["ecs-tasks.amazonaws.com"]
      }]
    }
  }
}

variable "admin_grants" {
  type = map(object({ actions = list(string), resources = list(string) }))
  default = {
    Everything = { actions = ["*"], resources = ["*"] }
  }
}

data "aws_iam_policy_document" "app" {
  dynamic "statement" {
    for_each = var.grants
    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

data "aws_iam_policy_document" "admin" {
  dynamic "statement" {
    for_each = var.admin_grants
    iterator = grant
    content {
      sid       = grant.key
      actions   = grant.value.actions
      resources = grant.value.resources
    }
  }
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_role" "break_glass" {
  name = "break-glass"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/security" } }]
  })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.break_glass.name
  policy_arn = aws_iam_policy.admin.arn
}
