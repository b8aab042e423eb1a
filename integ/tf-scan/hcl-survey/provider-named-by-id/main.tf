# Trust policies that name an identity provider of the configuration by its `id`, which the
# AWS provider sets to the provider's ARN.
resource "aws_iam_openid_connect_provider" "ci" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_saml_provider" "corp" {
  name                   = "corp-idp"
  saml_metadata_document = file("${path.module}/metadata.xml")
}

# Reported: any workflow of any repository may assume it.
resource "aws_iam_role" "release" {
  name = "release"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.ci.id }
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

# Quiet: one repository's main branch.
resource "aws_iam_role" "docs" {
  name = "docs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.ci.id }
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:example-org/docs:ref:refs/heads/main"
        }
      }
    }]
  })
}

# Quiet: the console sign-in of the company's identity provider.
resource "aws_iam_role" "console" {
  name = "console"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithSAML"
      Principal = { Federated = aws_iam_saml_provider.corp.id }
      Condition = { StringEquals = { "SAML:aud" = "https://signin.aws.amazon.com/saml" } }
    }]
  })
}
