# IRSA roles whose trust names the OIDC provider created here: the module cuts the issuer out of
# the provider's ARN with a regular expression, the account in that ARN known only after apply.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_openid_connect_provider" "eks" {
  url            = "https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F"
  client_id_list = ["sts.amazonaws.com"]
}

module "backup" {
  source          = "./addon-role"
  name            = "backup"
  provider_arn    = aws_iam_openid_connect_provider.eks.arn
  namespace       = "backup"
  service_account = "backup-server"
}

# The risky twin: every service account of every namespace.
module "dns" {
  source          = "./addon-role"
  name            = "dns"
  provider_arn    = aws_iam_openid_connect_provider.eks.arn
  condition_test  = "StringLike"
  namespace       = "*"
  service_account = "*"
}
