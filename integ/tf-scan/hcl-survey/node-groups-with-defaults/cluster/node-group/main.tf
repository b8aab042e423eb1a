# A node group's role, switched by `create` and `create_iam_role`, with the policies its caller adds.
variable "name" {
  type = string
}

variable "create" {
  type    = bool
  default = true
}

variable "create_iam_role" {
  type    = bool
  default = true
}

variable "additional_policies" {
  type    = map(string)
  default = {}
}

locals {
  create_iam_role = var.create && var.create_iam_role
}

resource "aws_iam_role" "this" {
  count = local.create_iam_role ? 1 : 0
  name  = "${var.name}-nodes"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "additional" {
  for_each = { for k, v in var.additional_policies : k => v if local.create_iam_role }

  policy_arn = each.value
  role       = aws_iam_role.this[0].name
}
