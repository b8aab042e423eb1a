# Refactoring blocks beside the policies they move or import: `moved` (a resource into `for_each`,
# a module renamed), `import` with `for_each` and an `id` built from its key, `removed` with a
# `lifecycle { destroy = false }`. None of them is a resource: the reading goes on past them.
locals {
  roles = toset(["api", "worker"])
}

moved {
  from = aws_iam_role.api
  to   = aws_iam_role.service["api"]
}

moved {
  from = module.old_name
  to   = module.policies
}

import {
  for_each = local.roles
  to       = aws_iam_role.service[each.key]
  id       = "svc-${each.key}"
}

removed {
  from = aws_iam_user.legacy

  lifecycle {
    destroy = false
  }
}

resource "aws_iam_role" "service" {
  for_each = local.roles
  name     = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "policies" {
  source = "./policies"
  roles  = { for name, role in aws_iam_role.service : name => role.name }
}
