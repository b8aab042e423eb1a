variable "name" {
  type = string
}

variable "policy" {
  type    = string
  default = ""
}

resource "aws_sqs_queue" "this" {
  name   = var.name
  policy = var.policy
}
