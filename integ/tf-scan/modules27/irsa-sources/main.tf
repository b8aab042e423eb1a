# The configuration of `../../modules/irsa-roles.json` (its `ebs_csi` call), as `terraform init`
# leaves it: the registry modules under `.terraform/modules`, re-authored minimally.
module "eks" {
  source          = "terraform-aws-modules/eks/aws"
  cluster_name    = "prod"
  cluster_version = "1.30"
  enable_irsa     = true
}

resource "aws_iam_policy" "ebs_extra" {
  name = "ebs-extra"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

module "ebs_csi" {
  source                 = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  role_name              = "ebs-csi"
  allow_self_assume_role = true
  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]
    }
  }
  role_policy_arns = {
    ebs   = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
    extra = aws_iam_policy.ebs_extra.arn
  }
}

module "any_sa" {
  source                     = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  role_name                  = "any-sa"
  allow_self_assume_role     = true
  assume_role_condition_test = "StringLike"
  oidc_providers = {
    main = {
      provider_arn               = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C3E0F6A1B2D4C8E9F0A1B2C3D4E5F60"
      namespace_service_accounts = ["*:*"]
    }
  }
  role_policy_arns = { read = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }
}
