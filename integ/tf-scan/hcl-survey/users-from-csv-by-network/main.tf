# Users listed in a CSV file beside the configuration (`csvdecode(file(...))`), each attached the
# managed policy its row names, and allowed to act only from the office subnet that
# `cidrsubnet()` carves out of its public range.
locals {
  users       = { for row in csvdecode(file("${path.module}/users.csv")) : replace(row.name, "/[^a-z]/", "") => row }
  office_cidr = cidrsubnet("198.51.100.0/24", 2, 1)
}

resource "aws_iam_user" "this" {
  for_each = local.users
  name     = each.key
  tags     = { team = each.value.team }
}

resource "aws_iam_user_policy_attachment" "job" {
  for_each   = local.users
  user       = aws_iam_user.this[each.key].name
  policy_arn = each.value.policy
}

# Denies every action from outside the office subnet (`198.51.100.64/26`: a host address, or a
# private one, would be reported).
resource "aws_iam_user_policy" "office_only" {
  for_each = local.users
  name     = "office-only"
  user     = aws_iam_user.this[each.key].name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:ChangePassword", "iam:GetUser"]
      Resource  = "*"
      Condition = { NotIpAddress = { "aws:SourceIp" = [local.office_cidr] } }
    }]
  })
}
