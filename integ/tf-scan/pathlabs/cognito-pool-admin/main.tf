locals {
  # Roles Cognito hands out to the identities of the pool.
  pool_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.app.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "unauthenticated" }
      }
    }]
  })
}

resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "mobile-app"
  allow_unauthenticated_identities = true
}

# Administrator role that trusts the pool.
resource "aws_iam_role" "console_admin" {
  name               = "console-admin"
  assume_role_policy = local.pool_trust
}

resource "aws_iam_role_policy_attachment" "console_admin" {
  role       = aws_iam_role.console_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Guest role: reads the public assets of the app.
resource "aws_iam_role" "guest" {
  name               = "mobile-guest"
  assume_role_policy = local.pool_trust
}

resource "aws_iam_role_policy" "guest" {
  name = "assets"
  role = aws_iam_role.guest.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::mobile-app-assets/public/*" }]
  })
}

# Sets the pool's roles and may hand it the administrator role: guests would get admin credentials.
# (cognito-identity:SetIdentityPoolRoles acts on no resource type: it is granted on `*` or not at all.)
resource "aws_iam_user" "app_ops" {
  name = "app-ops"
}

resource "aws_iam_user_policy" "app_ops" {
  name = "pool"
  user = aws_iam_user.app_ops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = [aws_iam_role.console_admin.arn, aws_iam_role.guest.arn] },
      { Effect = "Allow", Action = "cognito-identity:SetIdentityPoolRoles", Resource = "*" },
    ]
  })
}

# Neighbour: the same, passing the guest role only.
resource "aws_iam_user" "app_release" {
  name = "app-release"
}

resource "aws_iam_user_policy" "app_release" {
  name = "pool"
  user = aws_iam_user.app_release.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.guest.arn },
      { Effect = "Allow", Action = "cognito-identity:SetIdentityPoolRoles", Resource = "*" },
    ]
  })
}
