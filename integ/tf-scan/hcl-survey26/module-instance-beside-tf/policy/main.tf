variable "name" {}
variable "actions" {}
variable "resources" {}
resource "aws_s3_bucket" "logs" { bucket = var.name }
data "aws_iam_policy_document" "base" {
  statement {
    actions   = var.actions
    resources = var.resources
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    actions   = ["s3:GetObject"]
    resources = [aws_s3_bucket.logs.arn]
  }
}
output "policy_json" { value = data.aws_iam_policy_document.d.json }
