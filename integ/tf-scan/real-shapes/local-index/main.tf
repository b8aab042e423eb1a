locals {
  roles = toset(["admin", "reader"])
  grants = [
    { role = "reader", policy = "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    { role = "admin", policy = "arn:aws:iam::aws:policy/AdministratorAccess" },
  ]
}

resource "aws_iam_role" "app" {
  for_each           = local.roles
  name_prefix        = "${each.key}-"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "grant" {
  count      = length(local.grants)
  role       = aws_iam_role.app[local.grants[count.index].role].name
  policy_arn = local.grants[count.index].policy
}
