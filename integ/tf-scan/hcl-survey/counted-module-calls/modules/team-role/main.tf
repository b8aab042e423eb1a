variable "name" {
  type = string
}

variable "policy_arn" {
  type = string
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "attachment" {
  source     = "./modules/attachment"
  role       = aws_iam_role.this.name
  policy_arn = var.policy_arn
}
