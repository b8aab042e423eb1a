# Roles and their attachments keyed by "<role>::<index>" from a flattened `for` expression, so that
# the instances are known while the policy ARNs are not (a policy created here): each attachment's
# `policy_arn = each.value.policy_arn` is the ARN its pair holds.
resource "aws_iam_policy" "invalidate" {
  name = "site-invalidate"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["cloudfront:CreateInvalidation"], Resource = "arn:aws:cloudfront::111122223333:distribution/E1ABCDEF" }]
  })
}

resource "aws_iam_policy" "release" {
  name = "site-release"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "iam:PassRole"], Resource = "*" }]
  })
}

locals {
  roles = {
    publisher = { policy_arns = [aws_iam_policy.invalidate.arn] }
    releaser  = { policy_arns = [aws_iam_policy.invalidate.arn, aws_iam_policy.release.arn] }
  }
  pairs = {
    for pair in flatten([
      for role, spec in local.roles : [
        for index, arn in spec.policy_arns : { key = "${role}::${index}", role = role, policy_arn = arn }
      ]
    ]) : pair.key => pair
  }
}

resource "aws_iam_role" "this" {
  for_each = local.roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = local.pairs
  role       = aws_iam_role.this[each.value.role].name
  policy_arn = each.value.policy_arn
}
