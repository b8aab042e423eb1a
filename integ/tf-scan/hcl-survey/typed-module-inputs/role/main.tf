variable "name" {
  type = string
}

variable "permissions" {
  type = map(object({
    sid         = optional(string)
    effect      = optional(string, "Allow")
    actions     = optional(list(string))
    not_actions = optional(list(string))
    resources   = list(string)
  }))
  default = {}
}

variable "managed" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "aws_iam_policy_document" "inline" {
  dynamic "statement" {
    for_each = var.permissions
    content {
      sid         = coalesce(statement.value.sid, statement.key)
      effect      = statement.value.effect
      actions     = statement.value.actions
      not_actions = statement.value.not_actions
      resources   = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.inline.json
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = var.managed
  role       = aws_iam_role.this.name
  policy_arn = each.value
}
