variable "name" {
  type = string
}

variable "policy" {
  type = string
}

resource "aws_iam_policy" "this" {
  name   = var.name
  policy = var.policy
}

output "arn" {
  value = aws_iam_policy.this.arn
}
