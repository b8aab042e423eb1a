variable "managed" {
  type    = list(string)
  default = []
}

output "managed_policy_arns" {
  value = [for name in var.managed : "arn:aws:iam::aws:policy/${name}"]
}
