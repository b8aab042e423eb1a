# A policy document per caller: logging, plus whatever actions the caller adds.
variable "role_name" {
  type = string
}

variable "extra_actions" {
  type    = list(string)
  default = []
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = concat(["logs:PutLogEvents"], var.extra_actions)
    resources = ["*"]
  }
}

output "policy_json" {
  value = data.aws_iam_policy_document.this.json
}

output "role" {
  value = var.role_name
}
