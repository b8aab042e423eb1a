# Policies Terraform computes from the text: for expressions, dynamic blocks, count and
# for_each instances, templatefile() and functions. tf-scan --hcl computes them the same way.

variable "services" {
  default = {
    billing = { queues = ["invoices"], deploy = false }
    search  = { queues = ["index", "reindex"], deploy = true }
  }
}

variable "github_subjects" {
  default = ["repo:acme/*"]
}

locals {
  deployers = [for name, s in var.services : name if s.deploy]
}

resource "aws_iam_role" "service" {
  for_each = var.services
  name     = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# Each service reads its own queues: least privilege, no finding.
resource "aws_iam_role_policy" "queues" {
  for_each = var.services
  role     = aws_iam_role.service[each.key].id
  policy = templatefile("${path.module}/policies/queues.json.tpl", {
    queues = [for q in each.value.queues : "arn:aws:sqs:eu-west-1:111122223333:${q}"]
  })
}

# Only the services that deploy get this one, through count over a filtered list.
resource "aws_iam_role_policy" "deploy" {
  count = length(local.deployers)
  role  = aws_iam_role.service[local.deployers[count.index]].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ecs:UpdateService"], Resource = "*" }]
  })
}

data "aws_iam_policy_document" "ci_trust" {
  dynamic "statement" {
    for_each = toset(var.github_subjects)
    content {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
      }
      condition {
        test     = "StringLike"
        variable = "token.actions.githubusercontent.com:sub"
        values   = [statement.value]
      }
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = data.aws_iam_policy_document.ci_trust.json
}
