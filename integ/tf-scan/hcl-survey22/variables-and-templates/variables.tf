variable "env" {
  type     = string
  nullable = false
  default  = "dev"
  validation {
    condition     = contains(["dev", "prod"], var.env)
    error_message = "The env must be dev or prod."
  }
}
variable "queues" {
  type    = list(string)
  default = []
}
variable "deploy" {
  type = object({
    pass_roles = optional(list(string), [])
    admin      = optional(bool, false)
  })
  default = {}
}
variable "bucket" {
  type    = string
  default = null
}
