variable "name" {
  type = string
}

variable "policy_files" {
  type = list(string)
}

variable "managed" {
  type = list(string)
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

# Keyed by the path of each file, as Terraform names it (`modules/roles/policies/x.json`).
resource "aws_iam_role_policy" "this" {
  for_each = { for f in var.policy_files : "${path.module}/policies/${f}" => f }
  role     = aws_iam_role.this.id
  name     = trimsuffix(each.value, ".json")
  policy   = file(each.key)
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.managed)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}
