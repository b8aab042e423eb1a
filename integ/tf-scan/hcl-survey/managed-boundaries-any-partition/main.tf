# Permissions boundaries that are AWS managed policies, named in the provider's partition (a
# configuration meant for any partition): the boundary caps what the inline policies grant.
data "aws_partition" "current" {}
data "aws_ssoadmin_instances" "this" {}

locals {
  read_only    = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
  deploy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "lambda:CreateFunction"], Resource = "*" }]
  })
  lambda_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "capped" {
  name                 = "capped"
  permissions_boundary = local.read_only
  assume_role_policy   = local.lambda_trust
}

resource "aws_iam_role_policy" "capped" {
  role   = aws_iam_role.capped.id
  policy = local.deploy
}

# The same grant without a boundary.
resource "aws_iam_role" "uncapped" {
  name               = "uncapped"
  assume_role_policy = local.lambda_trust
}

resource "aws_iam_role_policy" "uncapped" {
  role   = aws_iam_role.uncapped.id
  policy = local.deploy
}

resource "aws_ssoadmin_permission_set" "support" {
  name         = "Support"
  instance_arn = local.instance_arn
}

resource "aws_ssoadmin_permission_set_inline_policy" "support" {
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.support.arn
  inline_policy      = local.deploy
}

resource "aws_ssoadmin_permissions_boundary_attachment" "support" {
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.support.arn

  permissions_boundary {
    managed_policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
  }
}
