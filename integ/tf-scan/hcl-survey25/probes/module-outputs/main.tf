# A role policy fed by a module's outputs: the bucket's ARN only apply knows (one bucket, quiet),
# its actions, and a pattern of roles to pass (every role: reported).
module "data" {
  source = "./modules/bucket"
  name   = "acme-data"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = module.data.actions, Resource = "${module.data.arn}/*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = module.data.job_roles },
    ]
  })
}
