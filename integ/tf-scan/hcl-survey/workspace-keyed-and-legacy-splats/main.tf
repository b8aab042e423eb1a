# Accounts and grants picked by `terraform.workspace` (falling back when the workspace has no
# entry), and policies made with `count` attached by the legacy splat `aws_iam_policy.x.*.arn`
# indexed by `count.index`.
variable "accounts" {
  type = map(object({
    trusted_roles = list(string)
    actions       = list(string)
  }))
}

locals {
  environment = terraform.workspace
  account     = contains(keys(var.accounts), local.environment) ? var.accounts[local.environment] : var.accounts["development"]
}

resource "aws_iam_role" "deployer" {
  name = "deployer-${local.environment}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = local.account.trusted_roles }
    }]
  })
}

resource "aws_iam_policy" "deployer" {
  count = length(local.account.actions)
  name  = "deployer-${count.index}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.account.actions[count.index], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "deployer" {
  count      = length(aws_iam_policy.deployer.*.arn)
  role       = aws_iam_role.deployer.name
  policy_arn = aws_iam_policy.deployer.*.arn[count.index]
}
