terraform {
  source = "tfr:///terraform-aws-modules/iam/aws//modules/iam-github-oidc-provider?version=5.44.0"
}

inputs = {}
