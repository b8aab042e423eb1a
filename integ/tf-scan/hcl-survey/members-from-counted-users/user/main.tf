# A user module in the terraform-aws-iam `iam-user` shape: the user is counted behind a switch, and
# its name reaches the caller through `try()` over the instance.
variable "name" {
  type = string
}

variable "create_user" {
  type    = bool
  default = true
}

resource "aws_iam_user" "this" {
  count = var.create_user ? 1 : 0
  name  = var.name
}

output "name" {
  value = try(aws_iam_user.this[0].name, "")
}
