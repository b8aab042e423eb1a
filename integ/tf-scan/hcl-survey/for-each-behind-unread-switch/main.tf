resource "aws_codecommit_repository" "app" {
  repository_name = "app"
}

module "builder" {
  source = "./role"
  name   = "builder"

  principals = {
    Federated = ["arn:aws:iam::111122223333:saml-provider/Corp"]
  }

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

# A count only the caller knows: the role stands for its instances, the first named by [0].
variable "replicas" {
  type = number
}

resource "aws_iam_role" "replica" {
  count = var.replicas
  name  = "replica-${count.index}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "first_replica" {
  role = aws_iam_role.replica[0].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}
