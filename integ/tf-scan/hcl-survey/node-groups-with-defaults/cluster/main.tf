# A cluster module in the terraform-aws-eks shape: one node group module per entry of a map, each
# input read from the entry, else from the defaults, else a constant, through try().
variable "node_groups" {
  type    = any
  default = {}
}

variable "node_group_defaults" {
  type    = any
  default = {}
}

variable "create" {
  type    = bool
  default = true
}

module "node_group" {
  source   = "./node-group"
  for_each = { for k, v in var.node_groups : k => v if var.create }

  name                = try(each.value.name, each.key)
  create              = try(each.value.create, true)
  create_iam_role     = try(each.value.create_iam_role, var.node_group_defaults.create_iam_role, true)
  additional_policies = try(each.value.additional_policies, var.node_group_defaults.additional_policies, {})
}
