locals {
  services = toset(["ops", "read"])
}

resource "aws_iam_role" "svc" {
  for_each    = local.services
  name_prefix = "${each.key}-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "policies" {
  source = "./modules/policies"
}

resource "aws_iam_role_policy_attachment" "svc" {
  for_each   = aws_iam_role.svc
  role       = each.value.name
  policy_arn = module.policies.policy_arns[each.key]
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  for_each   = module.policies.policy_arns
  role       = aws_iam_role.app.name
  policy_arn = each.value
}
