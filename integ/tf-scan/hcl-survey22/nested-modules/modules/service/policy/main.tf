variable "role" {
  type = string
}
variable "bucket_arns" {
  type = list(string)
}
variable "pass_roles" {
  type = list(string)
}
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = [for a in var.bucket_arns : "${a}/*"]
  }
  dynamic "statement" {
    for_each = length(var.pass_roles) > 0 ? [1] : []
    content {
      actions   = ["iam:PassRole"]
      resources = var.pass_roles
    }
  }
}
resource "aws_iam_role_policy" "this" {
  role   = var.role
  policy = data.aws_iam_policy_document.this.json
}
