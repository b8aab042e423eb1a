# Policies read from files: `jsondecode(file())` edited in HCL, `file()` of JSON as is, and a
# `templatefile()` of JSON with variables and a `%{ for }` directive.
variable "queue_names" {
  type    = list(string)
  default = ["orders", "refunds"]
}

variable "deployer" {
  type    = bool
  default = false
}

locals {
  base    = jsondecode(file("${path.module}/policies/base.json"))
  account = "111122223333"
}

resource "aws_iam_role" "svc" {
  name               = "svc"
  assume_role_policy = file("${path.module}/policies/trust.json")
}

resource "aws_iam_role_policy" "base" {
  role = aws_iam_role.svc.id
  policy = jsonencode(merge(local.base, {
    Statement = concat(local.base.Statement, [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:${local.account}:orders" }])
  }))
}

resource "aws_iam_role_policy" "queues" {
  role = aws_iam_role.svc.id
  policy = templatefile("${path.module}/policies/queues.json.tftpl", {
    account  = local.account
    queues   = var.queue_names
    deployer = var.deployer
  })
}
