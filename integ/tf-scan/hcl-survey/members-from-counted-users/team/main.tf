# A group module in the terraform-aws-iam `iam-group-with-policies` shape: its members are the
# caller's list of user names.
variable "team" {
  type = string
}

variable "members" {
  type    = list(string)
  default = []
}

resource "aws_iam_group" "this" {
  name = var.team
}

resource "aws_iam_group_membership" "this" {
  count = length(var.members) > 0 ? 1 : 0
  name  = var.team
  group = aws_iam_group.this.name
  users = var.members
}

resource "aws_iam_group_policy" "release" {
  group = aws_iam_group.this.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}
