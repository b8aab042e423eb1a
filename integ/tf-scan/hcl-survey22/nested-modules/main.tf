provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "china"
  region = "cn-north-1"
}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

module "assets" {
  source   = "./modules/bucket"
  for_each = toset(["assets", "uploads"])
  name     = "acme-${each.key}"
}

# Two levels: each service module calls its policy module with the buckets of its sibling.
module "api" {
  source      = "./modules/service"
  name        = "api"
  bucket_arns = [for b in module.assets : b.arn]
  pass_roles  = []
}
module "worker" {
  source      = "./modules/service"
  count       = 2
  name        = "worker-${count.index}"
  bucket_arns = [module.assets["uploads"].arn]
  pass_roles  = [module.api.role_arn]
}

# The same module in the China partition, handed the aliased provider.
module "reader_cn" {
  source    = "./modules/reader"
  providers = { aws = aws.china }
}
module "reader" {
  source = "./modules/reader"
}

# Not installed (no `terraform init`): what it creates is not read, and said so.
module "ops_role" {
  source                  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version                 = "5.39.0"
  create_role             = true
  role_name               = "ops"
  custom_role_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
# Not installed either, but turned off: it creates nothing.
module "legacy_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "5.39.0"
  count   = 0
}

moved {
  from = module.worker
  to   = module.worker[0]
}
import {
  to = aws_iam_role.legacy
  id = "legacy"
}
resource "aws_iam_role" "legacy" {
  name = "legacy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy" "legacy" {
  role = aws_iam_role.legacy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:${data.aws_partition.current.partition}:s3:::acme-legacy/*"
      }, {
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/*"
    }]
  })
}
