# A group whose members the caller lists: the module sees only var.members.
variable "crew_name" {
  type = string
}

variable "members" {
  type    = list(string)
  default = []
}

variable "make_group" {
  type    = bool
  default = true
}

locals {
  group = var.make_group ? aws_iam_group.crew[0].name : var.crew_name
}

resource "aws_iam_group" "crew" {
  count = var.make_group ? 1 : 0
  name  = var.crew_name
}

resource "aws_iam_group_policy" "launch" {
  count = var.make_group ? 1 : 0
  group = aws_iam_group.crew[0].name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "ec2:RunInstances"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_group_membership" "crew" {
  count = length(var.members) > 0 ? 1 : 0
  name  = "${var.crew_name}-members"
  group = local.group
  users = var.members
}
