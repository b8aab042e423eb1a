variable "namespace" {
  type = string
}

variable "service_account" {
  type = string
}

variable "policy_arns" {
  type    = list(string)
  default = []
}

variable "issuer" {
  type = string
}

variable "provider_arn" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "${var.namespace}-${var.service_account}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "${var.issuer}:sub" = "system:serviceaccount:${var.namespace}:${var.service_account}" }
      }
    }]
  })
}

# One attachment per policy, the ARN picked by count.index from the caller's list.
resource "aws_iam_role_policy_attachment" "this" {
  count      = length(var.policy_arns)
  role       = aws_iam_role.this.name
  policy_arn = var.policy_arns[count.index]
}
