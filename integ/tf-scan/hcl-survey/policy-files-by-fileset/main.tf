# Policies and roles made from the files beside the configuration: one policy per JSON file of
# policies/, one role per roles/<name>/trust.json with the managed policies its attachments.yml
# lists (a role without that file attaches none).
locals {
  roles_path = abspath("${path.module}/roles")
  roles = {
    for trust in fileset(local.roles_path, "*/trust.json") : dirname(trust) => "${local.roles_path}/${dirname(trust)}"
  }
  attachments = merge([
    for role, dir in local.roles : {
      for arn in try(yamldecode(file("${dir}/attachments.yml")).policy_arns, []) : "${role} ${arn}" => { role = role, arn = arn }
    }
  ]...)
}

resource "aws_iam_policy" "policies" {
  for_each = fileset("${path.module}/policies", "*.json")
  name     = trimsuffix(each.value, ".json")
  policy   = file("${path.module}/policies/${each.value}")
}

resource "aws_iam_role" "roles" {
  for_each           = local.roles
  name               = each.key
  assume_role_policy = file("${each.value}/trust.json")
}

resource "aws_iam_role_policy_attachment" "attached" {
  for_each   = local.attachments
  role       = aws_iam_role.roles[each.value.role].name
  policy_arn = each.value.arn
}
