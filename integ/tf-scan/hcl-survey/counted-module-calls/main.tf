# Module calls with `count` and `for_each`: one module instance per key (with its address), its
# inputs read with that instance's `each` or `count.index`; none for a count of 0.
variable "teams" {
  type = map(string)
  default = {
    operators = "arn:aws:iam::aws:policy/AdministratorAccess"
    auditors  = "arn:aws:iam::aws:policy/SecurityAudit"
  }
}

variable "legacy_enabled" {
  type    = bool
  default = false
}

module "team" {
  source     = "./modules/team-role"
  for_each   = var.teams
  name       = each.key
  policy_arn = each.value
}

# Disabled: Terraform plans nothing for it, so its AdministratorAccess is no finding.
module "legacy" {
  source     = "./modules/team-role"
  count      = var.legacy_enabled ? 1 : 0
  name       = "legacy"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

module "builder" {
  source     = "./modules/team-role"
  count      = 2
  name       = "builder-${count.index}"
  policy_arn = count.index == 0 ? "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess" : "arn:aws:iam::aws:policy/AdministratorAccess"
}
