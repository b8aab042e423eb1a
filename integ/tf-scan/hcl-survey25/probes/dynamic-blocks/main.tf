# A document built with dynamic blocks: a condition left out when `allow_pass`, a statement added
# then (with its own iterator), and a trust whose principals block exists when the list is not empty.
variable "allow_pass" {
  default = true
}
variable "principals" {
  default = ["arn:aws:iam::111122223333:root"]
}
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
    dynamic "condition" {
      for_each = var.allow_pass ? [] : [1]
      content {
        test     = "StringEquals"
        variable = "aws:PrincipalTag/team"
        values   = ["data"]
      }
    }
  }
  dynamic "statement" {
    for_each = var.allow_pass ? toset(["pass"]) : toset([])
    iterator = s
    content {
      sid       = s.value
      actions   = ["iam:PassRole"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    dynamic "principals" {
      for_each = length(var.principals) > 0 ? [1] : []
      content {
        type        = "AWS"
        identifiers = var.principals
      }
    }
  }
}
resource "aws_iam_role" "x" {
  name               = "x"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
