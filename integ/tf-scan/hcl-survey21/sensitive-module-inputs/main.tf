# Modules whose variables are not declared `sensitive` read `issensitive(var.value)`: Terraform keeps
# the marks of the value each caller gives (a sensitive root variable, text around one, `sensitive()`),
# and a value given through another module keeps them too.
variable "token" {
  type      = string
  sensitive = true
  default   = "s3cr3t"
}
variable "plain" {
  type    = string
  default = "p"
}
module "secret" {
  source = "./modules/role"
  name   = "secret"
  value  = var.token
}
module "plain" {
  source = "./modules/role"
  name   = "plain"
  value  = var.plain
}
module "wrapped" {
  source = "./modules/role"
  name   = "wrapped"
  value  = "prefix-${var.token}"
}
module "defaulted" {
  source = "./modules/role"
  name   = "defaulted"
}
module "literal" {
  source = "./modules/role"
  name   = "literal"
  value  = sensitive("abc")
}
module "unmarked" {
  source = "./modules/role"
  name   = "unmarked"
  value  = nonsensitive(var.token)
}
module "nested" {
  source = "./modules/outer"
  secret = var.token
}

# An attribute of a resource is sensitive when its provider's schema says so, which the .tf files
# do not tell: left unverifiable.
resource "aws_ssm_parameter" "seed" {
  name  = "seed"
  type  = "String"
  value = "seed"
}
module "from_resource" {
  source = "./modules/role"
  name   = "from-resource"
  value  = aws_ssm_parameter.seed.value
}
