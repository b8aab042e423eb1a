# Roles made `for_each = toset(var.services)`, and a module called with
# `count = var.enabled ? 1 : 0` (on in one call, off in the other).
variable "services" {
  type    = list(string)
  default = ["billing", "search", "billing"]
}

variable "ci_enabled" {
  type    = bool
  default = true
}

variable "legacy_enabled" {
  type    = bool
  default = false
}

resource "aws_iam_role" "service" {
  for_each = toset(var.services)
  name     = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

# Each service reads its own parameters; search may also pass every role.
resource "aws_iam_role_policy" "service" {
  for_each = aws_iam_role.service
  name     = "params"
  role     = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Effect   = "Allow"
        Action   = "ssm:GetParametersByPath"
        Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/${each.key}/*"
      }],
      each.key == "search" ? [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] : [],
    )
  })
}

module "ci" {
  source = "./modules/deployer"
  count  = var.ci_enabled ? 1 : 0
  name   = "ci"
}

# Off: no role, no finding.
module "legacy" {
  source = "./modules/deployer"
  count  = var.legacy_enabled ? 1 : 0
  name   = "legacy"
}
