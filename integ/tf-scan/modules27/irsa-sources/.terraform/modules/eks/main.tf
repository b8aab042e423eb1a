variable "cluster_name" { type = string }
variable "cluster_version" { type = string }
variable "enable_irsa" { type = bool }

resource "aws_eks_cluster" "this" {
  count    = 1
  name     = var.cluster_name
  version  = var.cluster_version
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

resource "aws_iam_openid_connect_provider" "oidc_provider" {
  count          = var.enable_irsa ? 1 : 0
  client_id_list = ["sts.amazonaws.com"]
  url            = aws_eks_cluster.this[0].identity[0].oidc[0].issuer
}

output "oidc_provider_arn" {
  value = aws_iam_openid_connect_provider.oidc_provider[0].arn
}
