variable "roles" { type = list(string) }
variable "policies" { type = list(string) }

data "aws_caller_identity" "current" {}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = { for pair in setproduct(var.roles, var.policies) : "${pair[0]}/${pair[1]}" => pair }

  role       = each.value[0]
  policy_arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/${each.value[1]}"
}
