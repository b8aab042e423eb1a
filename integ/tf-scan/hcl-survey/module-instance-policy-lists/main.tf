# Add-on roles made by a module called with for_each over a local map (the EKS blueprints IRSA
# shape): each instance attaches `var.policy_arns[count.index]`, the list the caller gives as
# `each.value.policies`, holding policies created here.
data "aws_eks_cluster" "this" {
  name = "platform"
}

resource "aws_iam_openid_connect_provider" "eks" {
  url             = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_iam_policy" "dns" {
  name = "external-dns"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["route53:ChangeResourceRecordSets"], Resource = ["arn:aws:route53:::hostedzone/Z0123456789ABC"] },
      { Effect = "Allow", Action = ["route53:ListHostedZones", "route53:ListResourceRecordSets"], Resource = ["*"] },
    ]
  })
}

resource "aws_iam_policy" "provisioner" {
  name = "node-provisioner"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:RunInstances", "iam:PassRole"], Resource = "*" }]
  })
}

locals {
  issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
  addons = {
    "external-dns" = { namespace = "external-dns", policies = [aws_iam_policy.dns.arn] }
    "provisioner"  = { namespace = "kube-system", policies = [aws_iam_policy.provisioner.arn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"] }
  }
}

module "addon" {
  source          = "./irsa"
  for_each        = local.addons
  namespace       = each.value.namespace
  service_account = each.key
  policy_arns     = each.value.policies
  issuer          = local.issuer
  provider_arn    = aws_iam_openid_connect_provider.eks.arn
}
