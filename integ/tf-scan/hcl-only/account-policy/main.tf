# A federated role given a policy of the account made outside this configuration (by its ARN).
resource "aws_iam_role" "compute_admins" {
  name = "compute-admins"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:saml-provider/Corp" }
      Action    = "sts:AssumeRoleWithSAML"
      Condition = { StringEquals = { "SAML:aud" = "https://signin.aws.amazon.com/saml" } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "base" {
  role       = aws_iam_role.compute_admins.id
  policy_arn = "arn:aws:iam::111122223333:policy/base-admin"
}
