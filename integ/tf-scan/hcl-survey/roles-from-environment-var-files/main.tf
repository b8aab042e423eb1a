# Roles per environment: which roles exist and which policy files each holds come from the
# environment's var file (`-var-file env/prod.tfvars`), as `terraform plan` is run for it.
variable "environment" {
  type = string
}

variable "roles" {
  type = map(object({
    policy_files = list(string)
    managed      = optional(list(string), [])
  }))
  default = {}
}

module "roles" {
  source   = "./modules/roles"
  for_each = var.roles

  name         = "${var.environment}-${each.key}"
  policy_files = each.value.policy_files
  managed      = each.value.managed
}
