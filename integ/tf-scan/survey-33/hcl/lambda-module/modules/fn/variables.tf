variable "function_name" {
  type = string
}

variable "attach_policy_statements" {
  type    = bool
  default = false
}

variable "policy_statements" {
  type    = any
  default = {}
}

variable "trusted_entities" {
  type    = list(string)
  default = []
}
