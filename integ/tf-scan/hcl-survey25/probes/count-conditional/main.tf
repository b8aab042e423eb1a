# Policies made or not by conditional counts: in prod, the pass of every role, not the admin policy.
variable "admin" {
  default = true
}
variable "env" {
  default = "prod"
}
resource "aws_iam_role_policy" "admin" {
  count  = var.admin && var.env != "prod" ? 1 : 0
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_role_policy" "pass" {
  count  = var.env == "prod" ? 1 : 0
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}
