# Users and groups made with for_each, each user put in one group by a key its row computes
# (`aws_iam_group.team[each.value.team].name`), and an on-call group whose members a `for`
# expression lists from the users (`u.name` of each instance).
locals {
  people = {
    ana = { team = "admins", on_call = false }
    bo  = { team = "deployers", on_call = true }
    kim = { team = "readers", on_call = false }
  }
}

resource "aws_iam_user" "person" {
  for_each = local.people
  name     = each.key
}

resource "aws_iam_group" "team" {
  for_each = toset([for p in local.people : p.team])
  name     = each.value
}

resource "aws_iam_user_group_membership" "team" {
  for_each = local.people
  user     = aws_iam_user.person[each.key].name
  groups   = [aws_iam_group.team[each.value.team].name]
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.team["admins"].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy" "deployers" {
  group = aws_iam_group.team["deployers"].name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_group" "on_call" {
  name = "on-call"
}

resource "aws_iam_group_membership" "on_call" {
  name  = "on-call"
  group = aws_iam_group.on_call.name
  users = [for key, user in aws_iam_user.person : user.name if local.people[key].on_call]
}

resource "aws_iam_group_policy" "on_call" {
  group = aws_iam_group.on_call.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}
