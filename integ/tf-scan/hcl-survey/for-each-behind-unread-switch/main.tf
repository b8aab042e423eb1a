resource "aws_codecommit_repository" "app" {
  repository_name = "app"
}

module "builder" {
  source = "./role"
  name   = "builder"

  policy_arns_map = {
    ecr = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
  }
  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  inline_policies_map = {
    pull = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "codecommit:GitPull", Resource = aws_codecommit_repository.app.arn }]
    })
    deploy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
    })
  }
}
