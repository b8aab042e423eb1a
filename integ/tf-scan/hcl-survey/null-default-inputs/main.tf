variable "name" {
  type    = string
  default = "orders"
}

variable "allowed_callbacks" {
  type        = list(string)
  description = "Names of other state machines this one may start"
  default     = null
}

variable "passable_role_arns" {
  type    = list(string)
  default = null
}

variable "extra_resources" {
  type    = list(string)
  default = null
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.name
  self    = "arn:aws:states:${local.region}:${local.account}:stateMachine:${var.name}"
  # The state machine itself, then the callbacks given: none.
  callbacks = concat([local.self], [
    for name in coalesce(var.allowed_callbacks, []) : "arn:aws:states:${local.region}:${local.account}:stateMachine:${name}"
  ])
}

resource "aws_iam_role" "orders" {
  name = "${var.name}-sfn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "states.amazonaws.com" } }
  })

  inline_policy {
    name = "start-execution"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = { Effect = "Allow", Action = "states:StartExecution", Resource = local.callbacks }
    })
  }
}

# Roles to pass default to every role when none are given.
resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.orders.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = var.passable_role_arns == null ? ["*"] : var.passable_role_arns
    }]
  })
}

# Extra tables default to every table.
resource "aws_iam_role_policy" "tables" {
  role = aws_iam_role.orders.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem", "dynamodb:DeleteItem"]
      Resource = concat(["arn:aws:dynamodb:${local.region}:${local.account}:table/${var.name}"], coalesce(var.extra_resources, ["*"]))
    }]
  })
}
