variable "secret" { type = string }
module "inner" {
  source = "../role"
  name   = "inner"
  value  = var.secret
}
