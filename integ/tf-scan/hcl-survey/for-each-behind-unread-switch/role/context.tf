# The naming module every module of the family calls; not installed here (no `terraform init`).
module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"

  enabled = var.enabled
  name    = var.name
}

variable "enabled" {
  type    = bool
  default = null
}

variable "name" {
  type    = string
  default = null
}
