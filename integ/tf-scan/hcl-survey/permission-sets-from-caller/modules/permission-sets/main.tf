# Permission sets from one typed map: each entry leaves out what it does not use, and the
# optional attributes default to empty lists.
variable "permission_sets" {
  type = map(object({
    description     = string
    managed         = optional(list(string), [])
    customer_policy = optional(list(object({ name = string, path = optional(string, "/") })), [])
    inline          = optional(string, "")
  }))
}

data "aws_ssoadmin_instances" "this" {}
data "aws_partition" "current" {}

locals {
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

resource "aws_ssoadmin_permission_set" "this" {
  for_each = var.permission_sets

  name         = each.key
  description  = each.value.description
  instance_arn = local.instance_arn
}

resource "aws_ssoadmin_managed_policy_attachment" "this" {
  for_each = {
    for pair in flatten([
      for set_name, set in var.permission_sets : [
        for policy in set.managed : {
          key        = "${set_name}/${policy}"
          set_name   = set_name
          policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${policy}"
        }
      ]
    ]) : pair.key => pair
  }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.set_name].arn
  managed_policy_arn = each.value.policy_arn
}

resource "aws_ssoadmin_customer_managed_policy_attachment" "this" {
  for_each = {
    for pair in flatten([
      for set_name, set in var.permission_sets : [
        for policy in set.customer_policy : {
          key      = "${set_name}/${policy.name}"
          set_name = set_name
          name     = policy.name
          path     = policy.path
        }
      ]
    ]) : pair.key => pair
  }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.set_name].arn

  customer_managed_policy_reference {
    name = each.value.name
    path = each.value.path
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "this" {
  for_each = { for set_name, set in var.permission_sets : set_name => set if set.inline != "" }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.key].arn
  inline_policy      = each.value.inline
}
