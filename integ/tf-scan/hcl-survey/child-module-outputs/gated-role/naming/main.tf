# A naming module: whether to create, and the name, as outputs its callers read.
variable "prefix" {
  type    = string
  default = ""
}

variable "service" {
  type = string
}

variable "active" {
  type    = bool
  default = true
}

output "active" {
  value = var.active
}

output "full_name" {
  value = join("-", compact([var.prefix, var.service]))
}
