# A module written for Terraform and OpenTofu: OpenTofu reads `iam.tofu` in place of `iam.tf`, and
# `ci.tofu`, which Terraform never reads.
resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
