# A deploy role whose passable roles, bucket and switch are inputs with no default and no tfvars:
# Terraform asks for them at plan time, so nothing here may read them as one value.
variable "passable_role_arn" {
  type        = string
  description = "The role the pipeline hands to ECS tasks"
}

variable "artifact_bucket" {
  type = string
}

variable "task_role_name" {
  type = string
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Given whole: may be "*" as well as one role.
      { Effect = "Allow", Action = "iam:PassRole", Resource = var.passable_role_arn },
      # A name inside a role ARN of one account: one role.
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/${var.task_role_name}" },
    ]
  })
}

resource "aws_iam_role_policy" "artifacts" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::${var.artifact_bucket}/*" }]
  })
}
