# `dynamic "statement"` over a map of objects from a variable whose `default` is an object map with
# optional attributes and whose `validation` block checks every grant, filtered by `enabled`.
variable "grants" {
  type = map(object({
    actions   = list(string)
    resources = list(string)
    enabled   = optional(bool, true)
    condition = optional(object({ test = string, variable = string, values = list(string) }))
  }))
  default = {
    read = {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::assets/*"]
    }
    pass = {
      actions   = ["iam:PassRole"]
      resources = ["*"]
      enabled   = false
    }
    tagged = {
      actions   = ["ec2:StartInstances", "ec2:StopInstances"]
      resources = ["*"]
      condition = { test = "StringEquals", variable = "aws:ResourceTag/team", values = ["web"] }
    }
  }

  validation {
    condition     = alltrue([for g in values(var.grants) : length(g.actions) > 0])
    error_message = "Every grant needs at least one action."
  }
}

data "aws_iam_policy_document" "grants" {
  dynamic "statement" {
    for_each = { for name, grant in var.grants : name => grant if grant.enabled }
    content {
      sid       = title(statement.key)
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.condition == null ? [] : [statement.value.condition]
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_policy" "grants" {
  name   = "grants"
  policy = data.aws_iam_policy_document.grants.json
}
