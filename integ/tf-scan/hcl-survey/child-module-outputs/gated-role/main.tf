# A role module gated by the naming module's output, as label-context modules do.
variable "service" {
  type = string
}

variable "trusted_services" {
  type = list(string)
}

variable "attached_arns" {
  type    = set(string)
  default = []
}

module "naming" {
  source  = "./naming"
  prefix  = "acme"
  service = var.service
}

data "aws_iam_policy_document" "trust" {
  count = module.naming.active ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = var.trusted_services
    }
  }
}

resource "aws_iam_role" "this" {
  count              = module.naming.active ? 1 : 0
  name               = module.naming.full_name
  assume_role_policy = join("", data.aws_iam_policy_document.trust[*].json)
}

resource "aws_iam_role_policy_attachment" "attached" {
  for_each   = module.naming.active ? var.attached_arns : []
  role       = join("", aws_iam_role.this[*].name)
  policy_arn = each.key
}
