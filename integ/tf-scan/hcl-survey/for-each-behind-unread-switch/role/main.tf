variable "policy_arns_map" {
  type    = map(string)
  default = {}
}

variable "policy_arns" {
  type    = list(string)
  default = []
}

variable "inline_policies_map" {
  type    = map(string)
  default = {}
}

variable "principals" {
  type    = map(list(string))
  default = {}
}

# One trust statement per principal type, counted behind the same switch.
data "aws_iam_policy_document" "assume_role" {
  count = module.this.enabled ? length(keys(var.principals)) : 0

  statement {
    actions = ["sts:AssumeRoleWithSAML"]
    principals {
      type        = element(keys(var.principals), count.index)
      identifiers = var.principals[element(keys(var.principals), count.index)]
    }
  }
}

data "aws_iam_policy_document" "assume_role_aggregated" {
  count                     = module.this.enabled ? 1 : 0
  override_policy_documents = data.aws_iam_policy_document.assume_role[*].json
}

resource "aws_iam_role" "default" {
  count              = module.this.enabled ? 1 : 0
  name               = var.name
  assume_role_policy = join("", data.aws_iam_policy_document.assume_role_aggregated[*].json)
}

resource "aws_iam_role_policy_attachment" "by_name" {
  for_each   = module.this.enabled ? var.policy_arns_map : {}
  role       = aws_iam_role.default[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachment" "listed" {
  for_each   = module.this.enabled ? toset(var.policy_arns) : toset([])
  role       = aws_iam_role.default[0].name
  policy_arn = each.key
}

resource "aws_iam_role_policy" "inline" {
  for_each = module.this.enabled == false ? {} : var.inline_policies_map
  name     = each.key
  role     = aws_iam_role.default[0].id
  policy   = each.value
}
