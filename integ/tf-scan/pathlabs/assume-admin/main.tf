variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  account_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "break_glass" {
  name               = "break-glass"
  assume_role_policy = local.account_trust
}

resource "aws_iam_role_policy_attachment" "break_glass" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "auditor" {
  name               = "auditor"
  assume_role_policy = local.account_trust
}

resource "aws_iam_role_policy_attachment" "auditor" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# May become the administrator role: its ARN written out by name.
resource "aws_iam_user" "oncall" {
  name = "oncall"
}

resource "aws_iam_user_policy" "oncall" {
  name = "assume"
  user = aws_iam_user.oncall.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::${var.account_id}:role/break-glass" }]
  })
}

# Neighbour: may assume the read-only role.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  name = "assume"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.auditor.arn }]
  })
}
