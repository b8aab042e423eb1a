variable "policy_arns_map" {
  type    = map(string)
  default = {}
}

variable "policy_arns" {
  type    = list(string)
  default = []
}

variable "inline_policies_map" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "default" {
  count = module.this.enabled ? 1 : 0
  name  = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "by_name" {
  for_each   = module.this.enabled ? var.policy_arns_map : {}
  role       = aws_iam_role.default[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachment" "listed" {
  for_each   = module.this.enabled ? toset(var.policy_arns) : toset([])
  role       = aws_iam_role.default[0].name
  policy_arn = each.key
}

resource "aws_iam_role_policy" "inline" {
  for_each = module.this.enabled == false ? {} : var.inline_policies_map
  name     = each.key
  role     = aws_iam_role.default[0].id
  policy   = each.value
}
