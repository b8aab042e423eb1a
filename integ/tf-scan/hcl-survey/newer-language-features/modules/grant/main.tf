variable "role_name" {
  type = string
}

# A caller's null takes the default: Terraform never gives this module a null list.
variable "actions" {
  type     = list(string)
  nullable = false
  default  = ["*"]
}

variable "settings" {
  type = object({
    effect    = optional(string, "Allow")
    resources = optional(list(string), ["arn:aws:s3:::reports/*"])
  })
  default = {}
}

resource "aws_iam_role_policy" "this" {
  role = var.role_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = var.settings.effect
      Action   = var.actions != null ? var.actions : ["s3:GetObject"]
      Resource = var.settings.resources
    }]
  })
}
